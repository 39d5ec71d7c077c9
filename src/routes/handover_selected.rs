//! "Hand over selected…" in the user list's selection bar: one successor for every selected
//! leaver, checked with the server (it exists and is enabled) before the plans go to the bulk
//! page, whose preview shows what each leaver holds and whose runner sends each transfer once.
//! Disabling the leavers afterwards is on by default.
//!
//! ids: `handover-selected` (the button), `handover-selected-panel`,
//! `handover-selected-question`, `handover-selected-successor`,
//! `handover-selected-error`, `handover-selected-disable`, `handover-selected-confirm`,
//! `handover-selected-cancel`.

use inforouter_protocol::handover_record::check_successor;
use inforouter_protocol::operations::GetUser;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::confirm_panel::{ConfirmActions, ConfirmPanel};
use crate::components::form::focus_id;
use crate::session::use_session;

#[component]
pub fn HandoverSelected(
    count: Signal<usize>,
    /// Whether a user name is one of the selected leavers.
    is_leaver: Callback<String, bool>,
    /// Gets the successor as the server knows them, and whether to disable the leavers.
    on_confirm: Callback<(User, bool)>,
) -> impl IntoView {
    let session = use_session();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let disable = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let checking = RwSignal::new(false);
    let close = move || {
        open.set(false);
        error.set(None);
    };
    let confirm = move || {
        let name = typed.get_untracked().trim().to_string();
        // No leaver is named here: each selected row checks its own successor in the plan.
        if let Err(problem) = check_successor("", &name, None) {
            error.set(Some(problem.to_string()));
            return focus_id("handover-selected-successor");
        }
        if is_leaver.run(name.clone()) {
            error.set(Some(format!(
                "{name} is one of the selected users: the successor must be someone who stays."
            )));
            return focus_id("handover-selected-successor");
        }
        checking.set(true);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let found = session
                .call(&GetUser {
                    user_name: name.clone(),
                })
                .await;
            checking.set(false);
            let refusal = match found {
                Ok(user) if user.enabled => {
                    close();
                    return on_confirm.run((user, disable.get_untracked()));
                }
                Ok(user) => check_successor("", &user.user_name, Some(false))
                    .err()
                    .map(|p| p.to_string()),
                Err(ApiError::UserNotFound | ApiError::UserDeleted) => {
                    Some(format!("There is no user named {name}."))
                }
                Err(e) => Some(format!("Could not check this user: {}", e.user_message())),
            };
            error.set(refusal);
            focus_id("handover-selected-successor");
        });
    };
    view! {
        <button type="button" id="handover-selected" class="secondary"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls="handover-selected-panel"
            disabled=move || count.get() == 0 on:click=move |_| open.set(true)>
            "Hand over selected…"
        </button>
        {move || open.get().then(|| view! {
            <ConfirmPanel id="handover-selected-panel" labelled_by="handover-selected-question"
                focus="handover-selected-successor" return_focus="handover-selected"
                on_cancel=move |_| close()>
                <p id="handover-selected-question">
                    {format!("Hand the work of {} selected users to one successor. The next page previews what each of them holds; nothing is sent before you confirm there.", count.get_untracked())}
                </p>
                <div class="field">
                    <label for="handover-selected-successor">"Successor (user name)"</label>
                    <input id="handover-selected-successor" type="text" autocomplete="off" spellcheck="false"
                        prop:value=typed
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=move || error.with(Option::is_some).then_some("handover-selected-error")
                        on:input=move |ev| { typed.set(event_target_value(&ev)); error.set(None); }
                        on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); confirm(); }/>
                    <p id="handover-selected-error" class="field-error" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
                </div>
                <p>
                    <input type="checkbox" id="handover-selected-disable" prop:checked=disable
                        on:change=move |ev| disable.set(event_target_checked(&ev))/>
                    <label for="handover-selected-disable">"Disable them once their work is handed over"</label>
                </p>
                <ConfirmActions confirm_id="handover-selected-confirm" cancel_id="handover-selected-cancel"
                    label=Signal::derive(move || if checking.get() { "Checking…" } else { "Preview the hand-over" })
                    class="" sending=checking
                    on_confirm=Callback::new(move |_| confirm()) on_cancel=Callback::new(move |_| close())/>
            </ConfirmPanel>
        })}
    }
}
