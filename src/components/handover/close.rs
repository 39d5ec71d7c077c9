//! Closing a leaver's account after a hand-over: disable (the default) or delete, through the
//! existing confirmations (ChangeUserStatus, the delete section). While a chosen transfer is
//! not done, nothing closes unless the administrator says so with a checkbox.
//!
//! ids: `handover-close-title`, `handover-close-unfinished`, `handover-close-anyway`,
//! `handover-close-disable`, `handover-close-delete`, `handover-close-report-first`.

use inforouter_protocol::User;
use inforouter_protocol::handover_record::CloseGate;
use leptos::prelude::*;

use super::run::HandoverRun;
use crate::components::change_user_status::ChangeUserStatus;

#[component]
pub fn CloseAccount(
    user: Signal<User>,
    run: HandoverRun,
    delete: fn(Signal<User>) -> AnyView,
) -> impl IntoView {
    let gate = Memo::new(move |_| {
        run.record
            .with(|r| r.as_ref().map_or(CloseGate::Open, |r| r.close_gate()))
    });
    let anyway = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let allowed = move || !run.running.get() && (gate.get() == CloseGate::Open || anyway.get());
    let unfinished = move || match gate.get() {
        CloseGate::NeedsConsent { not_done } => Some(view! {
            <div id="handover-close-unfinished" class="warning">
                <p>{format!("{not_done} of the chosen transfers are not done. Closing now leaves that work with a closed account.")}</p>
                <p>
                    <input type="checkbox" id="handover-close-anyway" prop:checked=anyway
                        on:change=move |ev| anyway.set(event_target_checked(&ev))/>
                    <label for="handover-close-anyway">"Close the account anyway"</label>
                </p>
            </div>
        }),
        CloseGate::Open => None,
    };
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
                    <p id="handover-close-report-first" class="hint">"Download or print the hand-over report first: a deleted user's page is gone."</p>
                    {delete(user)}
                }.into_any()
            } else {
                view! { <ChangeUserStatus user=user/> }.into_any()
            })}
        </section>
    }
}
