//! UpdateUserContactInfo: email and mobile number in one call. What is sent, and what the form
//! says after, is decided in `inforouter_protocol::contact_info` (a known mobile is always sent;
//! an unknown one only when typed or explicitly cleared; an older server without the call gets
//! UpdateUserEmail, and the typed mobile number stays in its field).
//!
//! ids: `contact-title` (the heading), `contact-email` and `contact-mobile` (each with
//! `-hint` / `-error` under it), `contact-clear-mobile` (a checkbox, only when the server did not
//! report the current mobile number), `contact-save`, `contact-status` (the message line).

use inforouter_protocol::User;
use inforouter_protocol::attribute::{EMAIL, MOBILE};
use inforouter_protocol::contact_info::{ContactEdit, ContactPlan, NO_CONTACT_OP};
use inforouter_protocol::operations::{
    Operation as _, UpdateUserContactInfo as UpdateUserContactInfoOp,
};
use leptos::prelude::*;

use crate::components::form::{
    FormCard, FormMessage, Input, InputField, SaveFailed, SaveForm, Saved, SendFuture,
};
use crate::send::Applied;
use crate::session::Session;

#[component]
pub fn UpdateUserContactInfo(
    /// The user being edited, as the server last answered (GetUser).
    #[prop(into)]
    user: Signal<User>,
) -> impl IntoView {
    let clear_mobile = RwSignal::new(false);
    let email = Input::new("contact-email", EMAIL).labelled("Email address");
    let mobile = Input::new("contact-mobile", MOBILE).checked_while(move || !clear_mobile.get());
    // Learnt from the first failed call: go straight to UpdateUserEmail from then on.
    let contact_op_missing = RwSignal::new(false);
    // The submit as the person would send it now, against `saved`.
    let edit = move |saved: &User| ContactEdit {
        known_mobile: saved.mobile_number.clone(),
        typed_mobile: mobile.field.value.with(|v| v.trim().to_string()),
        clear_mobile: clear_mobile.get(),
        email_changed: email.differs(saved),
        contact_op_missing: contact_op_missing.get(),
    };

    let form = SaveForm::build(user, UpdateUserContactInfoOp::NAME)
        .input(email)
        .input(mobile)
        .fill(move |_| clear_mobile.set(false))
        .changed(move |saved| {
            let edit = edit(saved);
            edit.email_changed || edit.mobile_changed()
        })
        .send(move |session, saved| {
            let edit = untrack(|| edit(saved));
            send(session, saved, email.value(), edit, contact_op_missing)
        });

    let mobile_known = Memo::new(move |_| form.saved.with(|s| s.mobile_number.is_some()));
    let mobile_hint = Signal::derive(move || {
        Some(if contact_op_missing.get() {
            NO_CONTACT_OP
        } else if !mobile_known.get() {
            "The server did not report the current mobile number; leave empty to keep it."
        } else {
            "Digits with an optional leading +, as in +1 555 123 4567. Empty it to clear the number."
        }.to_string())
    });

    view! {
        <FormCard prefix="contact" title="Contact information" form=form save_label="Save contact information">
            <InputField input=email form=form kind="email" autocomplete="email" required=true/>
            <InputField input=mobile form=form hint=mobile_hint kind="tel" autocomplete="tel"
                disabled=Signal::derive(move || clear_mobile.get())/>
            {move || (!mobile_known.get()).then(|| view! {
                <div class="check">
                    <input
                        id="contact-clear-mobile"
                        type="checkbox"
                        prop:checked=move || clear_mobile.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            clear_mobile.set(on);
                            if on {
                                mobile.field.value.set(String::new());
                            }
                        }
                    />
                    <label for="contact-clear-mobile">"Clear the mobile number"</label>
                </div>
            })}
        </FormCard>
    }
}

/// Sends what the plan says, and words what was saved; the server's lack of
/// UpdateUserContactInfo is learnt from the answer (`Session::apply` falls back to
/// UpdateUserEmail) and kept in `contact_op_missing`.
fn send(
    session: Session,
    saved: &User,
    new_email: String,
    edit: ContactEdit,
    contact_op_missing: RwSignal<bool>,
) -> SendFuture {
    let user_name = saved.user_name.clone();
    let current_email = saved.email.clone();
    Box::pin(async move {
        let mobile = match edit.plan() {
            ContactPlan::Refused(why) => return Err(SaveFailed::Refused(why)),
            ContactPlan::EmailOnly => None,
            ContactPlan::Both(mobile) => Some(mobile),
        };
        let applied = match &mobile {
            Some(mobile) => {
                let contact = UpdateUserContactInfoOp {
                    user_name,
                    email: new_email.clone(),
                    mobile: mobile.clone(),
                };
                session.update_contact(contact, Some(&current_email)).await
            }
            None => session.update_email(user_name, new_email.clone()).await,
        };
        let email_saved = |fell_back: bool| {
            let (said, not_done) = edit.email_saved_message(fell_back);
            let message = match not_done {
                Some(problem) => FormMessage::partial(said, problem),
                None => FormMessage::ok(said),
            };
            let new_email = new_email.clone();
            let saved = Saved::new(message, move |u| u.email = new_email.clone());
            if edit.mobile_changed() {
                saved.keep_fields()
            } else {
                saved
            }
        };
        match (applied, mobile) {
            (Ok(Applied::EmailOnly), _) => {
                contact_op_missing.set(true);
                Ok(email_saved(true))
            }
            (Ok(_), Some(mobile)) => Ok(Saved::new(
                FormMessage::ok(edit.both_saved_message(&mobile)),
                move |u| {
                    u.email = new_email.clone();
                    u.mobile_number = Some(mobile.clone());
                },
            )),
            (Ok(_), None) => Ok(email_saved(false)),
            // Only the mobile changes: the email alone is not worth sending.
            (Err(failed), Some(_)) if failed.error.is_missing_operation() => {
                contact_op_missing.set(true);
                match edit.email_only_instead() {
                    ContactPlan::Refused(why) => Err(SaveFailed::Refused(why)),
                    _ => Err(failed.into()),
                }
            }
            (Err(failed), _) => Err(failed.into()),
        }
    })
}
