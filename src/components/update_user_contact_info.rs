//! UpdateUserContactInfo: email and mobile number in one call. What is sent, and what the form
//! says after, is decided in `inforouter_protocol::contact_info` (a known mobile is always sent;
//! an unknown one only when typed or explicitly cleared; an older server without the call gets
//! UpdateUserEmail, and the typed mobile number stays in its field).
//!
//! ids: `contact-title` (the heading), `contact-email` and `contact-mobile` (each with
//! `-hint` / `-error` under it), `contact-clear-mobile` (a checkbox, only when the server did not
//! report the current mobile number), `contact-save`, `contact-status` (the message line).

use inforouter_protocol::contact_info::{ContactEdit, ContactPlan, NO_CONTACT_OP};
use inforouter_protocol::operations::{
    Operation as _, UpdateUserContactInfo as UpdateUserContactInfoOp, UpdateUserEmail,
};
use inforouter_protocol::{User, validate};
use leptos::prelude::*;

use crate::components::form::{
    EmailField, Field, FormCard, FormMessage, SaveFailed, SaveForm, Saved, SendFuture, TextField,
};
use crate::session::Session;

#[component]
pub fn UpdateUserContactInfo(
    /// The user being edited, as the server last answered (GetUser).
    #[prop(into)]
    user: Signal<User>,
) -> impl IntoView {
    let email = Field::default();
    let mobile = Field::default();
    let clear_mobile = RwSignal::new(false);
    // Learnt from the first failed call: go straight to UpdateUserEmail from then on.
    let contact_op_missing = RwSignal::new(false);

    // The submit as the person would send it now, against `saved`.
    let edit = move |saved: &User| ContactEdit {
        known_mobile: saved.mobile_number.clone(),
        typed_mobile: mobile.value.with(|v| v.trim().to_string()),
        clear_mobile: clear_mobile.get(),
        email_changed: email.value.with(|v| *v != saved.email),
        contact_op_missing: contact_op_missing.get(),
    };
    let email_error = Memo::new(move |_| email.value.with(|v| validate::email(v, true).err()));
    let mobile_error = Memo::new(move |_| {
        if clear_mobile.get() {
            None
        } else {
            mobile.value.with(|v| validate::mobile(v).err())
        }
    });

    let form = SaveForm::build(user, UpdateUserContactInfoOp::NAME)
        .fill(move |u| {
            email.reset(u.email.clone());
            mobile.reset(u.mobile_number.clone().unwrap_or_default());
            clear_mobile.set(false);
        })
        .changed(move |saved| {
            let edit = edit(saved);
            edit.email_changed || edit.mobile_changed()
        })
        .check("contact-email", email_error)
        .check("contact-mobile", mobile_error)
        // UpdateUserEmail (the fallback, and the email-only plan) requires the address.
        .required_at("NewEmailAddress", "contact-email", email)
        .required_at("emailAddress", "contact-email", email)
        .required_at("mobileNumber", "contact-mobile", mobile)
        .send(move |session, saved| {
            let edit = untrack(|| edit(saved));
            let new_email = email.get_untracked();
            send(
                session,
                saved.user_name.clone(),
                new_email,
                edit,
                contact_op_missing,
            )
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
                <EmailField id="contact-email" label="Email address" field=email error=email_error submitted=form.submitted/>
                <TextField
                    id="contact-mobile"
                    label="Mobile number"
                    field=mobile
                    error=mobile_error
                    submitted=form.submitted
                    hint=mobile_hint
                    kind="tel"
                    autocomplete="tel"
                    disabled=Signal::derive(move || clear_mobile.get())
                />
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
                                    mobile.value.set(String::new());
                                }
                            }
                        />
                        <label for="contact-clear-mobile">"Clear the mobile number"</label>
                    </div>
                })}
        </FormCard>
    }
}

/// Sends what the plan says; on a server without UpdateUserContactInfo, falls back to
/// UpdateUserEmail and remembers that in `contact_op_missing`.
fn send(
    session: Session,
    user_name: String,
    new_email: String,
    edit: ContactEdit,
    contact_op_missing: RwSignal<bool>,
) -> SendFuture {
    Box::pin(async move {
        let email_only = UpdateUserEmail {
            user_name: user_name.clone(),
            new_email: new_email.clone(),
        };
        let saved_email = {
            let new_email = new_email.clone();
            move |u: &mut User| u.email = new_email.clone()
        };
        let email_saved = |fell_back: bool| {
            let (said, not_done) = edit.email_saved_message(fell_back);
            let message = match not_done {
                Some(problem) => FormMessage::partial(said, problem),
                None => FormMessage::ok(said),
            };
            let saved = Saved::new(message, saved_email.clone());
            if edit.mobile_changed() {
                saved.keep_fields()
            } else {
                saved
            }
        };
        let mobile = match edit.plan() {
            ContactPlan::Refused(why) => return Err(SaveFailed::Refused(why)),
            ContactPlan::EmailOnly => {
                session
                    .call(&email_only)
                    .await
                    .map_err(SaveFailed::call(UpdateUserEmail::NAME))?;
                return Ok(email_saved(false));
            }
            ContactPlan::Both(mobile) => mobile,
        };
        let op = UpdateUserContactInfoOp {
            user_name,
            email: new_email,
            mobile: mobile.clone(),
        };
        match session.call(&op).await {
            Ok(()) => Ok(Saved::new(
                FormMessage::ok(edit.both_saved_message(&mobile)),
                move |u| {
                    saved_email(u);
                    u.mobile_number = Some(mobile.clone());
                },
            )),
            Err(e) if e.is_missing_operation() => {
                contact_op_missing.set(true);
                if let ContactPlan::Refused(why) = edit.email_only_instead() {
                    return Err(SaveFailed::Refused(why));
                }
                session
                    .call(&email_only)
                    .await
                    .map_err(SaveFailed::call(UpdateUserEmail::NAME))?;
                Ok(email_saved(true))
            }
            Err(e) => Err(SaveFailed::call(UpdateUserContactInfoOp::NAME)(e)),
        }
    })
}
