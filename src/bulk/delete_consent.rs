//! What a bulk run that deletes users asks first: the number of users typed back, and, when the
//! server's policy asks for it (PasswordRePromptActions/UserDelete), the administrator's own
//! password for DeleteUser1. The typed number is the confirmation; DeleteUser1 does not check
//! the password while that policy is off. The password stays in memory for the run only.
//! Also the prompt for it when the server asks for it (`[2767]`) or refuses it mid-run.
//!
//! ids: `bulk-delete-warning`, `bulk-confirm-count`, `bulk-admin-password`,
//! `bulk-confirm-error`; the mid-run prompt `bulk-password-prompt`, `bulk-reprompt-password`,
//! `bulk-reprompt-continue`.

use leptos::prelude::*;

use crate::bulk::runner::BulkRun;
use crate::components::form::focus_id;
use crate::components::password_field::use_password_policy;
use crate::session::use_session;

#[derive(Clone, Copy)]
pub struct DeleteConsent {
    deletions: usize,
    typed: RwSignal<String>,
    password: RwSignal<String>,
    needs_password: Signal<bool>,
    error: RwSignal<Option<String>>,
}

impl DeleteConsent {
    /// For a run with `deletions` deleting rows; the policy is read only when there are some.
    pub fn new(deletions: usize) -> DeleteConsent {
        let needs_password = if deletions > 0 {
            let policy = use_password_policy();
            Signal::derive(move || policy.with(|p| p.reprompt_user_delete))
        } else {
            Signal::derive(|| false)
        };
        DeleteConsent {
            deletions,
            typed: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            needs_password,
            error: RwSignal::new(None),
        }
    }

    /// Whether the run may start: the number typed back and, if asked, a password, which the
    /// run then uses. Otherwise the reason shows and the failing field takes the focus.
    pub fn accept(&self, run: &BulkRun) -> bool {
        if self.deletions == 0 {
            return true;
        }
        let n = self.deletions;
        let problem = if self.typed.with_untracked(|t| t.trim() != n.to_string()) {
            Some((
                "bulk-confirm-count",
                format!("Type {n} to confirm deleting {n} users."),
            ))
        } else if self.needs_password.get_untracked()
            && self.password.with_untracked(String::is_empty)
        {
            Some((
                "bulk-admin-password",
                "Enter your own password: this server asks for it to delete users.".into(),
            ))
        } else {
            None
        };
        if let Some((field, message)) = problem {
            self.error.set(Some(message));
            focus_id(field);
            return false;
        }
        if self.needs_password.get_untracked() {
            run.use_admin_password(self.password.get_untracked());
        }
        self.password.set(String::new());
        self.error.set(None);
        true
    }
}

/// The confirmation's extra fields, when the run deletes users.
#[component]
pub fn DeleteConsentFields(consent: DeleteConsent) -> impl IntoView {
    let DeleteConsent {
        deletions: n,
        typed,
        password,
        needs_password,
        error,
    } = consent;
    (n > 0).then(|| {
        view! {
            <p id="bulk-delete-warning"><strong>{format!("{n} users will be deleted permanently.")}</strong>" Transfer their documents and tasks first; a deleted user cannot be brought back."</p>
            <div class="field">
                <label for="bulk-confirm-count">{format!("Type {n} to confirm")}</label>
                <input id="bulk-confirm-count" type="text" inputmode="numeric" autocomplete="off" class="narrow-input"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                    aria-describedby="bulk-confirm-error"/>
            </div>
            {move || needs_password.get().then(|| view! {
                <div class="field">
                    <label for="bulk-admin-password">"Your own password"</label>
                    <input id="bulk-admin-password" type="password" autocomplete="current-password"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))
                        aria-describedby="bulk-admin-password-help bulk-confirm-error"/>
                    <p id="bulk-admin-password-help" class="muted">"This server asks for it to delete users. It is kept in this page's memory for this run only."</p>
                </div>
            })}
            <p id="bulk-confirm-error" class="field-error" role="alert">{move || error.get()}</p>
        }
    })
}

/// Shown while the run waits for the administrator's password; giving it resumes the run.
#[component]
pub fn PasswordPrompt(run: BulkRun) -> impl IntoView {
    let session = use_session();
    let password = RwSignal::new(String::new());
    let empty = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let given = password.get_untracked();
        if given.is_empty() {
            empty.set(true);
            focus_id("bulk-reprompt-password");
            return;
        }
        password.set(String::new());
        empty.set(false);
        run.use_admin_password(given);
        run.start(session);
    };
    move || {
        run.password_needed.get().map(|why| {
            view! {
                <form id="bulk-password-prompt" class="confirm form" role="alertdialog" aria-labelledby="bulk-password-why" on:submit=submit novalidate>
                    <p id="bulk-password-why"><strong>{why}</strong></p>
                    <div class="field">
                        <label for="bulk-reprompt-password">"Your own password"</label>
                        <input id="bulk-reprompt-password" type="password" autocomplete="current-password"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))
                            aria-invalid=move || if empty.get() { "true" } else { "false" }/>
                        {move || empty.get().then(|| view! { <p class="field-error" role="alert">"Enter your password to go on, or cancel the rest."</p> })}
                    </div>
                    <button type="submit" id="bulk-reprompt-continue">"Go on deleting"</button>
                </form>
            }
        })
    }
}
