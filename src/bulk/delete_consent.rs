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
use crate::session::{Session, use_session};

/// The shared line under the confirmation's fields, where the field at fault says why.
const CONFIRM_ERROR: &str = "bulk-confirm-error";

#[derive(Clone, Copy)]
pub struct DeleteConsent {
    deletions: usize,
    typed: Field,
    password: Field,
    needs_password: Signal<bool>,
    /// The password is being proven.
    checking: RwSignal<bool>,
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
            typed: Field::default(),
            password: Field::default(),
            needs_password,
            checking: RwSignal::new(false),
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
        let n = self.deletions;
        if n == 0 {
            return go();
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
            return go();
        }
        let password = self.password;
        prove(
            self.session,
            password,
            "bulk-admin-password",
            self.checking,
            move |proven| {
                password.reset(String::new());
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

/// Says at `field` (input `id`) what is wrong, and moves the keyboard there.
fn refuse(field: Field, id: &'static str, text: String) {
    field.server_error.set(Some(text));
    focus_id(id);
}

/// Checks that the password typed in `field` is the signed-in administrator's, then hands it
/// to `then`; a wrong or empty one is said at the field.
fn prove(
    session: Session,
    field: Field,
    id: &'static str,
    checking: RwSignal<bool>,
    then: impl FnOnce(String) + 'static,
) {
    let password = field.get_untracked();
    if password.is_empty() {
        let why = "Enter your own password: this server asks for it to delete users.";
        return refuse(field, id, why.into());
    }
    let me = session.my_name().unwrap_or_default();
    checking.set(true);
    leptos::task::spawn_local_scoped_with_cancellation(async move {
        let proven = session.prove_password(me, password.clone()).await;
        checking.set(false);
        match proven {
            Ok(()) => then(password),
            Err(ApiError::AuthenticationFailed) => refuse(
                field,
                id,
                "That is not your password; nothing was deleted.".into(),
            ),
            Err(e) => refuse(field, id, e.user_message()),
        }
    });
}

/// "Checking your password…" while it is proven.
fn checking_line(checking: RwSignal<bool>, id: &'static str) -> impl IntoView {
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
        checking,
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
            {checking_line(checking, "bulk-confirm-checking")}
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
    let checking = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        prove(
            session,
            password,
            "bulk-reprompt-password",
            checking,
            move |proven| {
                password.reset(String::new());
                run.use_admin_password(proven);
                run.start(session);
            },
        );
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
                    {checking_line(checking, "bulk-reprompt-checking")}
                    <button type="submit" id="bulk-reprompt-continue">"Go on deleting"</button>
                </form>
                </ConfirmPanel>
            }
        })
    }
}
