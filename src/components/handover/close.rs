//! Closing a leaver's account after a hand-over: disable (the default) here, after a
//! confirmation that names the user; delete in the Close account section, whose confirmation
//! asks for the user name typed (and the administrator's password where the policy wants it).
//! While a chosen transfer is not done, or one left work with the leaver (a warning), nothing
//! closes unless the administrator says so with a checkbox. The page hears of the disable
//! through `SaveHost`, as it does from the status card, and reads the user again.
//!
//! ids: `handover-close-title`, `handover-close-unfinished`, `handover-close-anyway`,
//! `handover-close-disable`, `handover-close-delete`, `handover-disable` (the button),
//! `handover-disable-panel`, `handover-disable-question`, `handover-disable-confirm`,
//! `handover-disable-cancel`, `handover-disable-status`, `handover-close-disabled`,
//! `handover-close-delete-link`.

use inforouter_protocol::User;
use inforouter_protocol::handover_record::CloseGate;
use inforouter_protocol::operations::{ChangeUserStatus, Operation as _};
use leptos::prelude::*;

use super::run::HandoverRun;
use crate::components::confirm_panel::{ConfirmActions, ConfirmPanel};
use crate::components::form::{FormMessage, MessageLine, SaveHost, SaveReport};
use crate::routes::user_sections::Section;
use crate::session::use_session;

#[component]
pub fn CloseAccount(user: Signal<User>, run: HandoverRun) -> impl IntoView {
    let session = use_session();
    let host = use_context::<SaveHost>();
    let gate = Memo::new(move |_| {
        run.record
            .with(|r| r.as_ref().map_or(CloseGate::Open, |r| r.close_gate()))
    });
    let anyway = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let message = RwSignal::new(None::<FormMessage>);
    let allowed = move || !run.running.get() && (gate.get() == CloseGate::Open || anyway.get());
    let disable = Action::new_local(move |user_name: &String| {
        let user_name = user_name.clone();
        async move {
            let sent = session.change_status(user_name.clone(), false).await;
            confirming.set(false);
            match sent {
                Ok(applied) => {
                    message.set(Some(FormMessage::ok(format!(
                        "{user_name} is disabled and can no longer sign in."
                    ))));
                    if let Some(SaveHost(host)) = host {
                        host.run(SaveReport {
                            operation: ChangeUserStatus::NAME,
                            user_name,
                            applied,
                        });
                    }
                }
                Err(failed) => message.set(Some(FormMessage::failed_while(
                    "Not disabled.",
                    &failed.error,
                    failed.operation,
                ))),
            }
        }
    });
    let sending = disable.pending();
    let unfinished = move || match gate.get() {
        CloseGate::NeedsConsent { not_done } => Some(view! {
            <div id="handover-close-unfinished" class="warning">
                <p>{format!("{not_done} of the chosen transfers are not done or left work with the leaver. Closing now leaves that work with a closed account.")}</p>
                <p>
                    <input type="checkbox" id="handover-close-anyway" prop:checked=anyway
                        on:change=move |ev| anyway.set(event_target_checked(&ev))/>
                    <label for="handover-close-anyway">"Close the account anyway"</label>
                </p>
            </div>
        }),
        CloseGate::Open => None,
    };
    let question = move || {
        user.with(|u| format!("Disable {}? They will not be able to sign in.", u.user_name))
    };
    let disable_view = move || {
        if !user.with(|u| u.enabled) {
            // Just disabled here, the message under the panel already says so.
            let said = move || message.with(|m| m.as_ref().is_some_and(|m| m.success.is_some()));
            return view! { <p id="handover-close-disabled" hidden=said>{move || format!("{} is disabled: they can no longer sign in.", user.with(|u| u.user_name.clone()))}</p> }.into_any();
        }
        view! {
            <div class="actions">
                <button type="button" id="handover-disable" class="danger"
                    aria-expanded=move || if confirming.get() { "true" } else { "false" }
                    aria-controls="handover-disable-panel"
                    on:click=move |_| { message.set(None); confirming.set(true); }>
                    "Disable account…"
                </button>
            </div>
            {move || confirming.get().then(|| view! {
                <ConfirmPanel id="handover-disable-panel" labelled_by="handover-disable-question"
                    focus="handover-disable-cancel" return_focus="handover-disable"
                    on_cancel=move |_| confirming.set(false)>
                    <p id="handover-disable-question">{question}</p>
                    <ConfirmActions confirm_id="handover-disable-confirm" cancel_id="handover-disable-cancel"
                        class="danger" label=Signal::derive(move || if sending.get() { "Saving…" } else { "Disable" })
                        sending=sending
                        on_confirm=Callback::new(move |_| { disable.dispatch(user.with_untracked(|u| u.user_name.clone())); })
                        on_cancel=Callback::new(move |_| confirming.set(false))/>
                </ConfirmPanel>
            })}
        }
        .into_any()
    };
    let delete_href =
        move || session.href(&Section::CloseAccount.href(&user.with(|u| u.user_name.clone())));
    view! {
        <section class="card wide" aria-labelledby="handover-close-title">
            <h2 id="handover-close-title">"Close the account"</h2>
            {unfinished}
            <fieldset>
                <legend>"How"</legend>
                <p>
                    <input type="radio" name="handover-close" id="handover-close-disable" prop:checked=move || !deleting.get()
                        on:change=move |_| deleting.set(false)/>
                    <label for="handover-close-disable">"Disable (can be undone; the history keeps their name)"</label>
                </p>
                <p>
                    <input type="radio" name="handover-close" id="handover-close-delete" prop:checked=deleting
                        on:change=move |_| deleting.set(true)/>
                    <label for="handover-close-delete">"Delete (permanent)"</label>
                </p>
            </fieldset>
            {move || allowed().then(|| if deleting.get() {
                view! {
                    <p class="hint">"Download or print the hand-over report first: a deleted user's page is gone. "
                        <a id="handover-close-delete-link" href=delete_href data-keeps-page="">"Delete in Close account"</a>
                        " (it asks for the user name typed)."</p>
                }.into_any()
            } else {
                disable_view()
            })}
            <MessageLine id="handover-disable-status" message=message/>
        </section>
    }
}
