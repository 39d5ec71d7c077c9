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

use inforouter_protocol::ApiError;
use leptos::prelude::*;

use crate::bulk::runner::BulkRun;
use crate::components::confirm_panel::ConfirmPanel;
use crate::components::form::{Field, OwnPasswordField, TextField, focus_id};
use crate::facts::use_password_policy;
use crate::session::use_session;

/// The shared line under the confirmation's fields, where the field at fault says why.
const CONFIRM_ERROR: &str = "bulk-confirm-error";

#[derive(Clone, Copy)]
pub struct DeleteConsent {
    deletions: usize,
    typed: Field,
    password: Field,
    needs_password: Signal<bool>,
    proof: PasswordProof,
    /// Starts the run once consent is given.
    go: StoredValue<Box<dyn Fn()>, LocalStorage>,
}

impl DeleteConsent {
    /// For `run`, with `deletions` deleting rows; the policy is read only when there are some.
    /// `go` starts the run once consent is given.
    pub fn new(run: BulkRun, deletions: usize, go: impl Fn() + Copy + 'static) -> DeleteConsent {
        let needs_password = if deletions > 0 {
            let policy = use_password_policy();
            Signal::derive(move || policy.with(|p| p.reprompt_user_delete))
        } else {
            Signal::derive(|| false)
        };
        let password = Field::default();
        DeleteConsent {
            deletions,
            typed: Field::default(),
            password,
            needs_password,
            proof: PasswordProof::new(run, password, "bulk-admin-password", go),
            go: StoredValue::new_local(Box::new(go)),
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

    /// Starts the run once the number is typed back and, if asked, the password is proven to
    /// be the administrator's (a sign-in of its own); the run then uses it. Otherwise the
    /// reason shows and the failing field takes the focus.
    pub fn confirm(&self) {
        let n = self.deletions;
        if n == 0 {
            return self.go.with_value(|go| go());
        }
        if self
            .typed
            .value
            .with_untracked(|t| t.trim() != n.to_string())
        {
            let why = format!("Type {n} to confirm deleting {}.", users(n));
            return refuse(self.typed, "bulk-confirm-count", why);
        }
        if !self.needs_password.get_untracked() {
            return self.go.with_value(|go| go());
        }
        self.proof.send();
    }
}

fn users(n: usize) -> String {
    if n == 1 {
        "1 user".into()
    } else {
        format!("{n} users")
    }
}

/// Says at `field` (input `id`) what is wrong, and moves the keyboard there.
fn refuse(field: Field, id: &'static str, text: String) {
    field.server_error.set(Some(text));
    focus_id(id);
}

/// The administrator's password typed in `field` (input `id`), proven by a sign-in of its own
/// (an Action); once proven the run keeps it and `then` goes on. A wrong or empty one is said
/// at the field.
#[derive(Clone, Copy)]
struct PasswordProof {
    field: Field,
    id: &'static str,
    prove: Action<String, ()>,
}

impl PasswordProof {
    fn new(
        run: BulkRun,
        field: Field,
        id: &'static str,
        then: impl Fn() + Copy + 'static,
    ) -> PasswordProof {
        let session = use_session();
        let prove = Action::new_local(move |password: &String| {
            let password = password.clone();
            let me = session.my_name().unwrap_or_default();
            async move {
                let proven = session.prove_password(me, password.clone()).await;
                // The page that asked may be gone by now: then nothing goes on.
                if field.value.is_disposed() {
                    return;
                }
                match proven {
                    Ok(()) => {
                        field.reset(String::new());
                        run.use_admin_password(password);
                        then();
                    }
                    Err(ApiError::AuthenticationFailed) => refuse(
                        field,
                        id,
                        "That is not your password; nothing was deleted.".into(),
                    ),
                    Err(e) => refuse(field, id, e.user_message()),
                }
            }
        });
        PasswordProof { field, id, prove }
    }

    fn send(&self) {
        if self.prove.pending().get_untracked() {
            return;
        }
        let password = self.field.get_untracked();
        if password.is_empty() {
            let why = "Enter your own password: this server asks for it to delete users.";
            return refuse(self.field, self.id, why.into());
        }
        self.prove.dispatch(password);
    }
}

/// "Checking your password…" while it is proven.
fn checking_line(proof: PasswordProof, id: &'static str) -> impl IntoView {
    let checking = proof.prove.pending();
    move || {
        checking
            .get()
            .then(|| view! { <p id=id class="muted" role="status">"Checking your password…"</p> })
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
        proof,
        ..
    } = consent;
    let no_check = Signal::derive(|| None::<String>);
    let never = Signal::derive(|| false);
    (n > 0).then(|| {
        view! {
            <p id="bulk-delete-warning"><strong>{format!("{} will be deleted permanently.", users(n))}</strong>" Transfer their documents and tasks first; a deleted user cannot be brought back."</p>
            <TextField id="bulk-confirm-count" label=format!("Type {n} to confirm") field=typed
                error=no_check submitted=never autocomplete="off" error_id=Some(CONFIRM_ERROR)/>
            {move || needs_password.get().then(|| view! {
                <OwnPasswordField id="bulk-admin-password" field=password error=no_check submitted=never
                    hint="This server asks for it to delete users. It is kept in this page's memory for this run only."
                    error_id=Some(CONFIRM_ERROR)/>
            })}
            {checking_line(proof, "bulk-confirm-checking")}
        }
    })
}

/// Shown while the run waits for the administrator's password; giving it (proven, as at the
/// confirmation) resumes the run. Escape closes it: the run stays paused, and Resume asks
/// again when the next delete needs it.
#[component]
pub fn PasswordPrompt(run: BulkRun) -> impl IntoView {
    let session = use_session();
    let password = Field::default();
    let proof = PasswordProof::new(run, password, "bulk-reprompt-password", move || {
        run.start(session)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        proof.send();
    };
    move || {
        run.password_needed.get().map(|why| {
            view! {
                <ConfirmPanel id="bulk-password-prompt" labelled_by="bulk-password-why"
                    focus="bulk-reprompt-password" on_cancel=move |_| run.password_needed.set(None)>
                <form class="form" on:submit=submit novalidate>
                    <p id="bulk-password-why"><strong>{why}</strong></p>
                    <OwnPasswordField id="bulk-reprompt-password" field=password
                        error=Signal::derive(|| None::<String>) submitted=Signal::derive(|| false)
                        error_id=Some("bulk-reprompt-error")/>
                    {checking_line(proof, "bulk-reprompt-checking")}
                    <button type="submit" id="bulk-reprompt-continue">"Go on deleting"</button>
                </form>
                </ConfirmPanel>
            }
        })
    }
}
