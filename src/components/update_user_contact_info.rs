//! UpdateUserContactInfo: email and mobile number in one call.
//!
//! ids: `contact-title` (the heading), `contact-email` and `contact-mobile` (each with
//! `-hint` / `-error` under it), `contact-clear-mobile` (a checkbox, only when the server did not
//! report the current mobile number), `contact-save`, `contact-status` (the status line).
//!
//! The call always sends both values, and an empty mobile number ERASES the stored one. So:
//! - mobile known (`Some`): the field is filled; emptying it is an explicit clear.
//! - mobile unknown (`None`): the field starts empty; left empty, only the email is sent, with
//!   UpdateUserEmail; the stored number is cleared only when `contact-clear-mobile` is ticked.
//! - a server without UpdateUserContactInfo (older infoRouter): the email goes through
//!   UpdateUserEmail, the form says mobile numbers cannot be changed here, and what was typed in
//!   the mobile field stays there.

use inforouter_protocol::operations::{
    Operation as _, UpdateUserContactInfo as UpdateUserContactInfoOp, UpdateUserEmail,
};
use inforouter_protocol::{ApiError, User, validate};
use leptos::prelude::*;

use crate::components::form::{
    Field, SaveButton, Status, StatusLine, TextField, check_fields, empty_required_at_field,
    follow_user, use_unsaved_guard,
};
use crate::session::use_session;

const NO_CONTACT_OP: &str = "This server cannot change mobile numbers (it is an older infoRouter \
                             without UpdateUserContactInfo).";

/// What one submit decided to send.
enum Plan {
    /// Only the email, because the mobile number is unknown and was left alone, or because
    /// the server lacks UpdateUserContactInfo.
    EmailOnly,
    /// Both, with this exact mobile value ("" clears it).
    Both(String),
}

#[component]
pub fn UpdateUserContactInfo(
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
    let base = RwSignal::new(initial.clone());
    let email = Field::new(initial.email.clone());
    let mobile = Field::new(initial.mobile_number.clone().unwrap_or_default());
    let clear_mobile = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let status = RwSignal::new(None::<Status>);
    // Learnt from the first failed call: go straight to UpdateUserEmail from then on.
    let no_contact_op = RwSignal::new(false);

    let mobile_known = Memo::new(move |_| base.with(|b| b.mobile_number.is_some()));
    let email_changed = Memo::new(move |_| base.with(|b| email.value.with(|v| *v != b.email)));
    let mobile_changed = Memo::new(move |_| {
        base.with(|b| match &b.mobile_number {
            Some(current) => mobile.value.with(|v| v.trim() != current.trim()),
            None => clear_mobile.get() || mobile.value.with(|v| !v.trim().is_empty()),
        })
    });
    let dirty = Memo::new(move |_| email_changed.get() || mobile_changed.get());
    let email_error = Memo::new(move |_| email.value.with(|v| validate::email(v, true).err()));
    let mobile_error = Memo::new(move |_| {
        if clear_mobile.get() {
            None
        } else {
            mobile.value.with(|v| validate::mobile(v).err())
        }
    });
    use_unsaved_guard(dirty.into());

    follow_user(user, base, dirty, move |fresh| {
        email.reset(fresh.email.clone());
        mobile.reset(fresh.mobile_number.clone().unwrap_or_default());
        clear_mobile.set(false);
        submitted.set(false);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || !dirty.get_untracked() {
            return;
        }
        submitted.set(true);
        let checks = [
            ("contact-email", email_error.get_untracked()),
            ("contact-mobile", mobile_error.get_untracked()),
        ];
        if !check_fields(&checks, status) {
            return;
        }
        let (user_name, known) =
            base.with_untracked(|b| (b.user_name.clone(), b.mobile_number.clone()));
        let new_email = email.get_untracked();
        let typed_mobile = mobile.get_untracked().trim().to_string();
        let email_changed = email_changed.get_untracked();
        let plan = match &known {
            Some(_) => Plan::Both(typed_mobile.clone()),
            None if clear_mobile.get_untracked() => Plan::Both(String::new()),
            None if typed_mobile.is_empty() => Plan::EmailOnly,
            None => Plan::Both(typed_mobile.clone()),
        };
        let plan = match plan {
            Plan::Both(_) if no_contact_op.get_untracked() => {
                if !email_changed {
                    status.set(Some(Status::error(format!(
                        "{NO_CONTACT_OP} Nothing was saved."
                    ))));
                    return;
                }
                Plan::EmailOnly
            }
            other => other,
        };
        let mobile_changed = mobile_changed.get_untracked();
        let op_known_missing = no_contact_op.get_untracked();
        let contact_op_sent = matches!(plan, Plan::Both(_));
        sending.set(true);
        status.set(None);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let email_only = UpdateUserEmail {
                user_name: user_name.clone(),
                new_email: new_email.clone(),
            };
            // Only signal writes until the end: they are no-ops if the form went away meanwhile.
            let saved_email = move || base.update(|b| b.email = new_email.clone());
            let outcome: Result<Status, ApiError> = match plan {
                Plan::EmailOnly => session.call(&email_only).await.map(|()| {
                    saved_email();
                    if op_known_missing && mobile_changed {
                        Status::partial(
                            "Email saved.",
                            format!("{NO_CONTACT_OP} The mobile number was not changed."),
                        )
                    } else if known.is_none() {
                        Status::ok(
                            "Email saved. The mobile number was left as it is: the server did \
                             not report it, so it was not sent.",
                        )
                    } else {
                        Status::ok("Email saved.")
                    }
                }),
                Plan::Both(new_mobile) => {
                    let op = UpdateUserContactInfoOp {
                        user_name: user_name.clone(),
                        email: email_only.new_email.clone(),
                        mobile: new_mobile.clone(),
                    };
                    match session.call(&op).await {
                        Ok(()) => {
                            saved_email();
                            base.update(|b| b.mobile_number = Some(new_mobile.clone()));
                            Ok(Status::ok(saved_message(
                                email_changed,
                                known.as_deref(),
                                &new_mobile,
                            )))
                        }
                        Err(e) if e.is_missing_operation() => {
                            no_contact_op.set(true);
                            if !email_changed {
                                Ok(Status::error(format!("{NO_CONTACT_OP} Nothing was saved.")))
                            } else {
                                session.call(&email_only).await.map(|()| {
                                    saved_email();
                                    if mobile_changed {
                                        Status::partial(
                                            "Email saved.",
                                            format!(
                                                "{NO_CONTACT_OP} The mobile number was not \
                                                 changed; what you typed is still in the field."
                                            ),
                                        )
                                    } else {
                                        Status::ok(format!("Email saved. {NO_CONTACT_OP}"))
                                    }
                                })
                            }
                        }
                        Err(e) => Err(e),
                    }
                }
            };
            sending.set(false);
            match outcome {
                Ok(s) => {
                    let saved_something = s.success.is_some();
                    status.set(Some(s));
                    if saved_something && !sending.is_disposed() {
                        submitted.set(false);
                        clear_mobile.set(false);
                        on_saved.run(user_name);
                    }
                }
                Err(e) => {
                    // UpdateUserEmail (the fallback, and the email-only plan) requires the
                    // address: a cleared one is shown at the field, never sent.
                    let fields = [
                        ("NewEmailAddress", "contact-email", email),
                        ("emailAddress", "contact-email", email),
                        ("mobileNumber", "contact-mobile", mobile),
                    ];
                    if !empty_required_at_field(&e, &fields, status) {
                        // UpdateUserEmail answered unless UpdateUserContactInfo was sent and
                        // the server has it.
                        let op = if contact_op_sent && !no_contact_op.get_untracked() {
                            UpdateUserContactInfoOp::NAME
                        } else {
                            UpdateUserEmail::NAME
                        };
                        status.set(Some(Status::failed(&e, op)));
                    }
                }
            }
        });
    };

    let mobile_hint = Signal::derive(move || {
        if no_contact_op.get() {
            Some(NO_CONTACT_OP.to_string())
        } else if !mobile_known.get() {
            Some(
                "The server did not report the current mobile number; leave empty to keep it."
                    .to_string(),
            )
        } else {
            Some("Digits with an optional leading +, as in +1 555 123 4567. Empty it to clear the number.".to_string())
        }
    });

    view! {
        <section class="card" aria-labelledby="contact-title">
            <h2 id="contact-title">"Contact information"</h2>
            <form class="form" novalidate on:submit=submit>
                <TextField
                    id="contact-email"
                    label="Email address"
                    field=email
                    error=email_error
                    submitted=submitted
                    kind="email"
                    autocomplete="email"
                    required=true
                />
                <TextField
                    id="contact-mobile"
                    label="Mobile number"
                    field=mobile
                    error=mobile_error
                    submitted=submitted
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
                <SaveButton id="contact-save" dirty=dirty sending=sending label="Save contact information"/>
                <StatusLine id="contact-status" status=status/>
            </form>
        </section>
    }
}

/// "Email saved.", "Mobile number cleared.", "Email and mobile number saved." ...
fn saved_message(email_changed: bool, known: Option<&str>, new_mobile: &str) -> String {
    enum Mobile {
        Same,
        Saved,
        Cleared,
    }
    let mobile = match known.map(str::trim) {
        Some(was) if was == new_mobile => Mobile::Same,
        _ if new_mobile.is_empty() => Mobile::Cleared,
        _ => Mobile::Saved,
    };
    match (email_changed, mobile) {
        (true, Mobile::Same) => "Email saved.",
        (true, Mobile::Saved) => "Email and mobile number saved.",
        (true, Mobile::Cleared) => "Email saved and mobile number cleared.",
        (false, Mobile::Saved) => "Mobile number saved.",
        (false, Mobile::Cleared) => "Mobile number cleared.",
        (false, Mobile::Same) => "Saved.",
    }
    .to_string()
}
