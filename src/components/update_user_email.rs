//! UpdateUserEmail: one field, the new email address.
//!
//! ids: `email-title` (the heading), `email-new` (the address; `email-new-error` under it),
//! `email-save`, `email-status` (the message line).

use inforouter_protocol::operations::{Operation as _, UpdateUserEmail as UpdateUserEmailOp};
use inforouter_protocol::{User, validate};
use leptos::prelude::*;

use crate::components::form::{
    EmailField, Field, FormCard, FormMessage, SaveFailed, SaveForm, Saved,
};

#[component]
pub fn UpdateUserEmail(
    /// The user being edited, as the server last answered (GetUser).
    #[prop(into)]
    user: Signal<User>,
) -> impl IntoView {
    let email = Field::default();
    let email_error = Memo::new(move |_| email.value.with(|v| validate::email(v, true).err()));

    let form = SaveForm::build(user, UpdateUserEmailOp::NAME)
        .fill(move |u| email.reset(u.email.clone()))
        .changed(move |saved| email.value.with(|v| *v != saved.email))
        .check("email-new", email_error)
        // A cleared address never goes out: the server requires one.
        .required_at("NewEmailAddress", "email-new", email)
        .send(move |session, saved| {
            let op = UpdateUserEmailOp {
                user_name: saved.user_name.clone(),
                new_email: email.get_untracked(),
            };
            Box::pin(async move {
                session
                    .call(&op)
                    .await
                    .map_err(SaveFailed::call(UpdateUserEmailOp::NAME))?;
                Ok(Saved::new(FormMessage::ok("Email saved."), move |u| {
                    u.email = op.new_email.clone()
                }))
            })
        });

    view! {
        <FormCard prefix="email" title="Email address" form=form save_label="Save email">
                <EmailField id="email-new" label="New email address" field=email error=email_error submitted=form.submitted/>
        </FormCard>
    }
}
