//! What a bulk run that deletes users asks first: the number of users typed back, and, when the
//! server's policy asks for it (PasswordRePromptActions/UserDelete), the administrator's own
//! password for DeleteUser1. The typed number is the confirmation; DeleteUser1 does not check
//! the password while that policy is off, and a newer server refuses a wrong one as "access
//! denied", so the password is proven first by a sign-in of its own (signed out at once).
//! The password stays in memory for the run only.
//! Also the prompt for it when the server asks for it (`[2767]`) or refuses it mid-run.
//!
//! ids: `bulk-delete-warning`, `bulk-confirm-count`, `bulk-admin-password`,
//! `bulk-confirm-error`; the mid-run prompt `bulk-password-prompt`, `bulk-reprompt-password`,
//! `bulk-reprompt-error`, `bulk-reprompt-continue`.

use leptos::prelude::*;

use inforouter_protocol::ApiError;

use crate::bulk::runner::BulkRun;
use crate::components::form::focus_id;
use crate::components::password_field::use_password_policy;
use crate::session::{Session, use_session};

#[derive(Clone, Copy)]
pub struct DeleteConsent {
    deletions: usize,
    typed: RwSignal<String>,
    password: RwSignal<String>,
    needs_password: Signal<bool>,
    said: RwSignal<Option<Said>>,
    session: Session,
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
            said: RwSignal::new(None),
            session: use_session(),
        }
    }

    /// Where the keyboard goes when the confirmation opens.
    pub fn first_field(&self) -> &'static str {
        if self.deletions > 0 {
            "bulk-confirm-count"
        } else {
            "bulk-confirm"
        }
    }

    /// Starts the run (`go`) once the number is typed back and, if asked, the password is
    /// proven to be the administrator's (a sign-in of its own); the run then uses it.
    /// Otherwise the reason shows and the failing field takes the focus.
    pub fn confirm(&self, run: BulkRun, go: impl FnOnce() + 'static) {
        let (n, said) = (self.deletions, self.said);
        if n == 0 {
            return go();
        }
        if self.typed.with_untracked(|t| t.trim() != n.to_string()) {
            return refuse(
                said,
                "bulk-confirm-count",
                format!("Type {n} to confirm deleting {}.", users(n)),
            );
        }
        if !self.needs_password.get_untracked() {
            said.set(None);
            return go();
        }
        let password = self.password;
        prove(
            self.session,
            password.get_untracked(),
            "bulk-admin-password",
            said,
            move |proven| {
                password.set(String::new());
                run.use_admin_password(proven);
                go();
            },
        );
    }
}

fn users(n: usize) -> String {
    if n == 1 {
        "1 user".into()
    } else {
        format!("{n} users")
    }
}

/// What a confirmation says under its fields: a problem at one of them, or that the password
/// is being checked.
#[derive(Clone, PartialEq, Eq)]
enum Said {
    Problem { field: &'static str, text: String },
    Checking,
}

impl Said {
    /// `aria-invalid` of `field`.
    fn invalid(said: RwSignal<Option<Said>>, field: &'static str) -> &'static str {
        let blamed =
            said.with(|s| matches!(s, Some(Said::Problem { field: f, .. }) if *f == field));
        if blamed { "true" } else { "false" }
    }

    fn view(self, id: &'static str) -> AnyView {
        match self {
            Said::Problem { text, .. } => {
                view! { <p id=id class="field-error" role="alert">{text}</p> }.into_any()
            }
            Said::Checking => {
                view! { <p id=id class="muted" role="status">"Checking your password…"</p> }
                    .into_any()
            }
        }
    }
}

fn refuse(said: RwSignal<Option<Said>>, field: &'static str, text: String) {
    said.set(Some(Said::Problem { field, text }));
    focus_id(field);
}

/// Checks that `password` is the signed-in administrator's, then hands it to `then`; a
/// wrong or empty one is said at `field`.
fn prove(
    session: Session,
    password: String,
    field: &'static str,
    said: RwSignal<Option<Said>>,
    then: impl FnOnce(String) + 'static,
) {
    if password.is_empty() {
        return refuse(
            said,
            field,
            "Enter your own password: this server asks for it to delete users.".into(),
        );
    }
    let me = session.my_name().unwrap_or_default();
    said.set(Some(Said::Checking));
    leptos::task::spawn_local(async move {
        match session.prove_password(me, password.clone()).await {
            Ok(()) => {
                said.set(None);
                then(password);
            }
            Err(ApiError::AuthenticationFailed) => refuse(
                said,
                field,
                "That is not your password; nothing was deleted.".into(),
            ),
            Err(e) => refuse(said, field, e.user_message()),
        }
    });
}

/// The confirmation's extra fields, when the run deletes users.
#[component]
pub fn DeleteConsentFields(consent: DeleteConsent) -> impl IntoView {
    let DeleteConsent {
        deletions: n,
        typed,
        password,
        needs_password,
        said,
        ..
    } = consent;
    (n > 0).then(|| {
        view! {
            <p id="bulk-delete-warning"><strong>{format!("{} will be deleted permanently.", users(n))}</strong>" Transfer their documents and tasks first; a deleted user cannot be brought back."</p>
            <div class="field">
                <label for="bulk-confirm-count">{format!("Type {n} to confirm")}</label>
                <input id="bulk-confirm-count" type="text" inputmode="numeric" autocomplete="off" class="narrow-input"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))
                    aria-invalid=move || Said::invalid(said, "bulk-confirm-count")
                    aria-describedby="bulk-confirm-error"/>
            </div>
            {move || needs_password.get().then(|| view! {
                <div class="field">
                    <label for="bulk-admin-password">"Your own password"</label>
                    <input id="bulk-admin-password" type="password" autocomplete="current-password"
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))
                        aria-invalid=move || Said::invalid(said, "bulk-admin-password")
                        aria-describedby="bulk-admin-password-help bulk-confirm-error"/>
                    <p id="bulk-admin-password-help" class="muted">"This server asks for it to delete users. It is kept in this page's memory for this run only."</p>
                </div>
            })}
            {move || said.get().map(|s| s.view("bulk-confirm-error"))}
        }
    })
}

/// Shown while the run waits for the administrator's password; giving it (proven, as at the
/// confirmation) resumes the run.
#[component]
pub fn PasswordPrompt(run: BulkRun) -> impl IntoView {
    let session = use_session();
    let password = RwSignal::new(String::new());
    let said = RwSignal::new(None::<Said>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        prove(
            session,
            password.get_untracked(),
            "bulk-reprompt-password",
            said,
            move |proven| {
                password.set(String::new());
                run.use_admin_password(proven);
                run.start(session);
            },
        );
    };
    // Asked for: the keyboard goes to the password (the prompt is drawn in the same tick).
    Effect::new(move |_| {
        if run.password_needed.with(Option::is_some) {
            focus_id("bulk-reprompt-password");
        }
    });
    move || {
        run.password_needed.get().map(|why| {
            view! {
                <div id="bulk-password-prompt" class="confirm" role="alertdialog" aria-labelledby="bulk-password-why">
                <form class="form" on:submit=submit novalidate>
                    <p id="bulk-password-why"><strong>{why}</strong></p>
                    <div class="field">
                        <label for="bulk-reprompt-password">"Your own password"</label>
                        <input id="bulk-reprompt-password" type="password" autocomplete="current-password"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))
                            aria-invalid=move || Said::invalid(said, "bulk-reprompt-password")
                            aria-describedby="bulk-reprompt-error"/>
                        {move || said.get().map(|s| s.view("bulk-reprompt-error"))}
                    </div>
                    <button type="submit" id="bulk-reprompt-continue">"Go on deleting"</button>
                </form>
                </div>
            }
        })
    }
}
