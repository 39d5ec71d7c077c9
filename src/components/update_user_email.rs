//! UpdateUserEmail: one field, the new email address.
//!
//! ids: `email-title` (the heading), `email-new` (the address; `email-new-error` under it),
//! `email-save`, `email-status` (the status line).

use inforouter_protocol::operations::{Operation as _, UpdateUserEmail as UpdateUserEmailOp};
use inforouter_protocol::{User, validate};
use leptos::prelude::*;

use crate::components::form::{
    Field, SaveButton, Status, StatusLine, TextField, check_fields, empty_required_at_field,
    follow_user, use_unsaved_guard,
};
use crate::session::use_session;

#[component]
pub fn UpdateUserEmail(
    /// The user being edited, current values from the server (GetUser). The form fills from it
    /// and re-fills when it changes (after a save the host reloads it).
    #[prop(into)]
    user: Signal<User>,
    /// Called after a successful save with the user's (possibly new) user name; the host reloads.
    #[prop(into)]
    on_saved: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let initial = user.get_untracked();
    // What the form was last filled from (or last saved): the reference for "changed".
    let base = RwSignal::new(initial.clone());
    let email = Field::new(initial.email.clone());
    let submitted = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let status = RwSignal::new(None::<Status>);

    let dirty = Memo::new(move |_| base.with(|b| email.value.with(|v| *v != b.email)));
    let email_error = Memo::new(move |_| email.value.with(|v| validate::email(v, true).err()));
    use_unsaved_guard(dirty.into());

    follow_user(user, base, dirty, move |fresh| {
        email.reset(fresh.email.clone());
        submitted.set(false);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || !dirty.get_untracked() {
            return;
        }
        submitted.set(true);
        if !check_fields(&[("email-new", email_error.get_untracked())], status) {
            return;
        }
        let user_name = base.with_untracked(|b| b.user_name.clone());
        let new_email = email.get_untracked();
        sending.set(true);
        status.set(None);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let op = UpdateUserEmailOp {
                user_name: user_name.clone(),
                new_email: new_email.clone(),
            };
            let result = session.call(&op).await;
            sending.set(false);
            match result {
                Ok(()) => {
                    base.update(|b| b.email = new_email);
                    submitted.set(false);
                    status.set(Some(Status::ok("Email saved.")));
                    if !sending.is_disposed() {
                        on_saved.run(user_name);
                    }
                }
                Err(e) => {
                    // A cleared address never goes out: the server requires one.
                    let fields = [("NewEmailAddress", "email-new", email)];
                    if !empty_required_at_field(&e, &fields, status) {
                        status.set(Some(Status::failed(&e, UpdateUserEmailOp::NAME)));
                    }
                }
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="email-title">
            <h2 id="email-title">"Email address"</h2>
            <form class="form" novalidate on:submit=submit>
                <TextField
                    id="email-new"
                    label="New email address"
                    field=email
                    error=email_error
                    submitted=submitted
                    kind="email"
                    autocomplete="email"
                    required=true
                />
                <SaveButton id="email-save" dirty=dirty sending=sending label="Save email"/>
                <StatusLine id="email-status" status=status/>
            </form>
        </section>
    }
}
