//! ChangeUserStatus (system administrators): enable or disable an account, after a
//! confirmation that names the user. Disabling one's own account gets an extra warning.
//!
//! ids: `status-title` (the heading), `status-current` ("Enabled" / "Disabled"),
//! `status-toggle` ("Disable account" / "Enable account"), `status-confirm-panel` (the
//! `role="alertdialog"` confirmation; focus moves into it), `status-confirm-text` (the question
//! naming the user), `status-self-warning` (only when disabling one's own account),
//! `status-confirm`, `status-cancel`, `status-status` (the message line).

use inforouter_protocol::User;
use inforouter_protocol::operations::{ChangeUserStatus as ChangeUserStatusOp, Operation as _};
use leptos::prelude::*;

use crate::components::confirm_panel::{ConfirmActions, ConfirmPanel};
use crate::components::form::{FormMessage, MessageLine, SaveForm, Saved};
use crate::session::use_session;

/// `jdoe (John Doe)`, or just `jdoe` when the server sent no names.
fn describe(user: &User) -> String {
    let full = user.full_name();
    if full.is_empty() {
        user.user_name.clone()
    } else {
        format!("{} ({full})", user.user_name)
    }
}

#[component]
pub fn ChangeUserStatus(
    /// The user being edited, as the server last answered (GetUser).
    #[prop(into)]
    user: Signal<User>,
) -> impl IntoView {
    let session = use_session();
    let confirming = RwSignal::new(false);

    // Nothing is typed here: the confirmation is the change, and it is never kept across users.
    let form = SaveForm::build(user, ChangeUserStatusOp::NAME)
        .fill(move |_| confirming.set(false))
        .without_unsaved_guard()
        // The panel closes after every answer; focus goes back to the button.
        .after(move || confirming.set(false))
        .send(move |session, saved| {
            let (who, enable) = (describe(saved), !saved.enabled);
            let user_name = saved.user_name.clone();
            Box::pin(async move {
                session.change_status(user_name, enable).await?;
                let said = if enable {
                    format!("{who} is enabled and can sign in again.")
                } else {
                    format!("{who} is disabled and can no longer sign in.")
                };
                Ok(Saved::new(FormMessage::ok(said), move |u| {
                    u.enabled = enable
                }))
            })
        });
    let SaveForm {
        saved,
        sending,
        message,
        ..
    } = form;

    let enabled = Memo::new(move |_| saved.with(|b| b.enabled));
    let is_self = Memo::new(move |_| saved.with(|b| session.is_me(&b.user_name)));
    let self_lockout = move || is_self.get() && enabled.get();

    let open = move |_| {
        message.set(None);
        confirming.set(true);
    };
    let cancel = move || confirming.set(false);

    let question = move || {
        let who = saved.with(describe);
        if enabled.get() {
            format!("Disable {who}? They will not be able to sign in.")
        } else {
            format!("Enable {who}? They will be able to sign in again.")
        }
    };

    view! {
        <section class="card" aria-labelledby="status-title">
            <h2 id="status-title">"Account status"</h2>
            <form class="form" novalidate on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <p>
                    "This account is "
                    <strong id="status-current">{move || if enabled.get() { "Enabled" } else { "Disabled" }}</strong>
                    "."
                </p>
                <div class="actions">
                    <button
                        id="status-toggle"
                        type="button"
                        class=move || if enabled.get() { "danger" } else { "" }
                        aria-expanded=move || if confirming.get() { "true" } else { "false" }
                        aria-controls="status-confirm-panel"
                        disabled=move || sending.get()
                        on:click=open
                    >
                        {move || if enabled.get() { "Disable account" } else { "Enable account" }}
                    </button>
                </div>
                {move || confirming.get().then(|| view! {
                    // Into the panel, so keyboard and screen-reader users land on the
                    // question; Cancel is the safe default.
                    <ConfirmPanel id="status-confirm-panel" labelled_by="status-confirm-text"
                        described_by=Signal::derive(move || self_lockout().then(|| "status-self-warning".to_string()))
                        focus="status-cancel" return_focus="status-toggle" on_cancel=move |_| cancel()>
                        {move || self_lockout().then(|| view! {
                            <p id="status-self-warning" class="warning">
                                <strong>"This is your own account. "</strong>
                                "You are about to disable your own account; you will be locked out and \
                                 another administrator will have to enable it again."
                            </p>
                        })}
                        <p id="status-confirm-text">{question}</p>
                        <ConfirmActions confirm_id="status-confirm" cancel_id="status-cancel"
                            class=Signal::derive(move || if enabled.get() { "danger" } else { "" })
                            label=Signal::derive(move || match (sending.get(), enabled.get(), self_lockout()) {
                                (true, _, _) => "Saving…",
                                (false, true, true) => "Disable my account",
                                (false, true, false) => "Disable",
                                (false, false, _) => "Enable",
                            })
                            sending=sending on_confirm=Callback::new(move |_| form.submit())
                            on_cancel=Callback::new(move |_| cancel())/>
                    </ConfirmPanel>
                })}
                <MessageLine id="status-status" message=message/>
            </form>
        </section>
    }
}
