//! UpdateUserEmail: one field, the new email address.
//!
//! ids: `email-title` (the heading), `email-new` (the address; `email-new-error` under it),
//! `email-save`, `email-status` (the message line).

use inforouter_protocol::User;
use inforouter_protocol::attribute::EMAIL;
use inforouter_protocol::operations::{Operation as _, UpdateUserEmail as UpdateUserEmailOp};
use leptos::prelude::*;

use crate::components::form::{FormCard, FormMessage, Input, InputField, SaveForm, Saved};

#[component]
pub fn UpdateUserEmail(
    /// The user being edited, as the server last answered (GetUser).
    #[prop(into)]
    user: Signal<User>,
) -> impl IntoView {
    let email = Input::new("email-new", EMAIL).labelled("New email address");
    // A cleared address never goes out: the server requires one (the attribute's check).
    let form = SaveForm::build(user, UpdateUserEmailOp::NAME)
        .input(email)
        .send(move |session, saved| {
            let new_email = email.value();
            let user_name = saved.user_name.clone();
            Box::pin(async move {
                session.update_email(user_name, new_email.clone()).await?;
                Ok(Saved::new(FormMessage::ok("Email saved."), move |u| {
                    u.email = new_email.clone()
                }))
            })
        });

    view! {
        <FormCard prefix="email" title="Email address" form=form save_label="Save email">
            <InputField input=email form=form kind="email" autocomplete="email" required=true/>
        </FormCard>
    }
}
