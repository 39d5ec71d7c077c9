//! ChangeUserStatus (system administrators): enable or disable an account, after a
//! confirmation that names the user. Disabling one's own account gets an extra warning.
//!
//! ids: `status-title` (the heading), `status-current` ("Enabled" / "Disabled"),
//! `status-toggle` ("Disable account" / "Enable account"), `status-confirm-panel` (the
//! `role="alertdialog"` confirmation; focus moves into it), `status-confirm-text` (the question
//! naming the user), `status-self-warning` (only when disabling one's own account),
//! `status-confirm`, `status-cancel`, `status-status` (the status line).

use inforouter_protocol::User;
use inforouter_protocol::operations::{ChangeUserStatus as ChangeUserStatusOp, Operation as _};
use leptos::prelude::*;

use crate::components::form::{Status, StatusLine, focus_id, same_person};
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
    /// The user being edited, current values from the server (GetUser). The form fills from it
    /// and re-fills when it changes (after a save the host reloads it).
    #[prop(into)]
    user: Signal<User>,
    /// Called after a successful save with the user's (possibly new) user name; the host reloads.
    #[prop(into)]
    on_saved: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    // The status as last read or last changed here, so the button is right before the reload.
    let base = RwSignal::new(user.get_untracked());
    let confirming = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let status = RwSignal::new(None::<Status>);

    Effect::new(move |_| {
        let fresh = user.get();
        if !base.with_untracked(|b| same_person(b, &fresh)) {
            confirming.set(false);
            status.set(None);
        }
        base.set(fresh);
    });

    let enabled = Memo::new(move |_| base.with(|b| b.enabled));
    let is_self = Memo::new(move |_| {
        let me = session.me.with(|m| m.as_ref().map(|m| m.user_name.clone()));
        base.with(|b| me.is_some_and(|me| me.eq_ignore_ascii_case(&b.user_name)))
    });
    let self_lockout = move || is_self.get() && enabled.get();

    let open = move |_| {
        status.set(None);
        confirming.set(true);
        // Into the panel (once rendered), so keyboard and screen-reader users land on the
        // question; Cancel is the safe default.
        focus_id("status-cancel");
    };
    let cancel = move || {
        confirming.set(false);
        focus_id("status-toggle");
    };
    let confirm = move |_| {
        if sending.get_untracked() {
            return;
        }
        let (user_name, who) = base.with_untracked(|b| (b.user_name.clone(), describe(b)));
        let enable = !enabled.get_untracked();
        sending.set(true);
        status.set(None);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let op = ChangeUserStatusOp {
                user_name: user_name.clone(),
                enabled: enable,
            };
            let result = session.call(&op).await;
            sending.set(false);
            confirming.set(false);
            match result {
                Ok(()) => {
                    base.update(|b| b.enabled = enable);
                    status.set(Some(Status::ok(if enable {
                        format!("{who} is enabled and can sign in again.")
                    } else {
                        format!("{who} is disabled and can no longer sign in.")
                    })));
                    if !sending.is_disposed() {
                        focus_id("status-toggle");
                        on_saved.run(user_name);
                    }
                }
                Err(e) => {
                    status.set(Some(Status::failed(&e, ChangeUserStatusOp::NAME)));
                    focus_id("status-toggle");
                }
            }
        });
    };

    let question = move || {
        let who = base.with(describe);
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
                    <div
                        id="status-confirm-panel"
                        class="confirm"
                        role="alertdialog"
                        aria-labelledby="status-confirm-text"
                        aria-describedby=move || self_lockout().then_some("status-self-warning")
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Escape" {
                                ev.prevent_default();
                                cancel();
                            }
                        }
                    >
                        {move || self_lockout().then(|| view! {
                            <p id="status-self-warning" class="warning">
                                <strong>"This is your own account. "</strong>
                                "You are about to disable your own account; you will be locked out and \
                                 another administrator will have to enable it again."
                            </p>
                        })}
                        <p id="status-confirm-text">{question}</p>
                        <div class="actions">
                            <button
                                id="status-confirm"
                                type="button"
                                class=move || if enabled.get() { "danger" } else { "" }
                                disabled=move || sending.get()
                                on:click=confirm
                            >
                                {move || match (sending.get(), enabled.get(), self_lockout()) {
                                    (true, _, _) => "Saving…",
                                    (false, true, true) => "Disable my account",
                                    (false, true, false) => "Disable",
                                    (false, false, _) => "Enable",
                                }}
                            </button>
                            <button id="status-cancel" type="button" class="secondary" on:click=move |_| cancel()>
                                "Cancel"
                            </button>
                        </div>
                    </div>
                })}
                <StatusLine id="status-status" status=status/>
            </form>
        </section>
    }
}
