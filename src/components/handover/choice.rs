//! Choosing a hand-over: the successor, found by user name and read from the server (not the
//! leaver, not a disabled account), and the kinds of work to hand on, all chosen at first, each
//! saying whether it moves the work or gives the successor a copy.
//!
//! ids: `handover-successor`, `handover-successor-status`, `handover-kinds` (the fieldset),
//! `handover-kind-<operation>` (its checkboxes), `handover-run`, `handover-choice-error`.

use inforouter_protocol::handover::TransferKind;
use inforouter_protocol::handover_record::{HandoverRecord, check_successor, effect_words};
use inforouter_protocol::operations::GetUser;
use inforouter_protocol::user_statistics::UserStatistics;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use super::holdings::{capitalised, count_words};
use super::run::HandoverRun;
use crate::components::form::focus_id;
use crate::session::use_session;

#[component]
pub fn HandoverChoice(
    leaver: Signal<String>,
    /// The leaver's counts, once read (for the numbers beside each kind).
    statistics: Signal<Option<UserStatistics>>,
    run: HandoverRun,
) -> impl IntoView {
    let session = use_session();
    let typed = RwSignal::new(String::new());
    // Looked up when the field is left (or Enter), not at every key.
    let asked = RwSignal::new(String::new());
    // Each answer names the name it was read for: while the next one loads, the resource
    // still holds the last, which must never stand for the name now asked.
    let successor = LocalResource::new(move || {
        let user_name = asked.get().trim().to_string();
        async move {
            if user_name.is_empty() {
                return None;
            }
            let answer = session
                .call(&GetUser {
                    user_name: user_name.clone(),
                })
                .await;
            Some((user_name, answer))
        }
    });
    let chosen = RwSignal::new(TransferKind::ALL.to_vec());
    let error = RwSignal::new(None::<String>);
    // The successor as the server knows them, or why they cannot take the work.
    let verdict = Memo::new(move |_| -> Option<Result<User, String>> {
        let name = asked.get();
        let leaver = leaver.get();
        if let Err(problem) = check_successor(&leaver, &name, None) {
            return (!name.trim().is_empty()).then(|| Err(problem.to_string()));
        }
        let (read_for, answer) = successor.get()??;
        if read_for != name.trim() {
            return None;
        }
        Some(match answer {
            Ok(user) => check_successor(&leaver, &user.user_name, Some(user.enabled))
                .map(|()| user)
                .map_err(|p| p.to_string()),
            Err(ApiError::UserNotFound | ApiError::UserDeleted) => {
                Err(format!("There is no user named {}.", name.trim()))
            }
            Err(e) => Err(format!("Could not check this user: {}", e.user_message())),
        })
    });
    let status = move || match verdict.get() {
        None if !typed.with(|t| t.trim().is_empty()) && typed.get() != asked.get() => {
            "Press Enter or leave the field to check this user.".to_string()
        }
        None if !asked.with(|a| a.trim().is_empty()) => format!("Checking {}…", asked.get().trim()),
        None => String::new(),
        Some(Ok(user)) => {
            let full = user.full_name();
            let who = if full.is_empty() {
                user.user_name.clone()
            } else {
                format!("{full} ({})", user.user_name)
            };
            format!("{who} will take the work over.")
        }
        Some(Err(problem)) => problem,
    };
    let start = move |_| {
        error.set(None);
        if typed.get_untracked() != asked.get_untracked() {
            asked.set(typed.get_untracked());
        }
        let Some(Ok(user)) = verdict.get_untracked() else {
            let asked_now = asked.get_untracked().trim().to_string();
            error.set(Some(match verdict.get_untracked() {
                Some(Err(p)) => p,
                _ if !asked_now.is_empty() => {
                    format!("{asked_now} is being checked: press Hand over again once it is.")
                }
                _ => "Enter the successor's user name and check it first (Enter).".into(),
            }));
            focus_id("handover-successor");
            return;
        };
        let kinds = chosen.get_untracked();
        if kinds.is_empty() {
            error.set(Some(
                "Choose at least one kind of work to hand over.".into(),
            ));
            focus_id(format!(
                "handover-kind-{}",
                TransferKind::ALL[0].operation_name()
            ));
            return;
        }
        let record = HandoverRecord::new(&leaver.get_untracked(), &user.user_name, &kinds);
        run.begin(record, session);
        focus_id("handover-progress");
    };
    let boxes = TransferKind::ALL
        .iter()
        .map(|&kind| {
            let id = format!("handover-kind-{}", kind.operation_name());
            let checked = move || chosen.with(|c| c.contains(&kind));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                chosen.update(|c| {
                    c.retain(|k| *k != kind);
                    if on {
                        c.push(kind);
                    }
                });
            };
            let count = move || {
                statistics.with(|s| s.as_ref().map(|s| format!(" — {}", count_words(kind, s))))
            };
            view! {
                <li>
                    <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle/>
                    <label for=id>
                        {capitalised(kind.label())}{count}
                        <span class="muted">{format!(" ({})", effect_words(kind.effect()))}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let describedby = move || {
        let mut ids = vec!["handover-successor-status"];
        if error.with(Option::is_some) {
            ids.push("handover-choice-error");
        }
        ids.join(" ")
    };
    view! {
        <form class="form" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            asked.set(typed.get_untracked());
        }>
            <div class="field">
                <label for="handover-successor">"Successor (user name)"</label>
                <input id="handover-successor" type="text" autocomplete="off" spellcheck="false"
                    prop:value=typed
                    aria-invalid=move || matches!(verdict.get(), Some(Err(_))).then_some("true")
                    aria-describedby=describedby
                    // A new name answers the last refusal to start: it goes.
                    on:input=move |ev| { typed.set(event_target_value(&ev)); error.set(None); }
                    on:change=move |ev| asked.set(event_target_value(&ev))/>
                <p id="handover-successor-status" class="hint" aria-live="polite">{status}</p>
            </div>
            <fieldset id="handover-kinds">
                <legend>"What to hand over"</legend>
                <ul class="plain checks">{boxes}</ul>
            </fieldset>
            <p id="handover-choice-error" class="error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
            <div class="actions">
                <button type="button" id="handover-run" on:click=start>
                    {move || format!("Hand over {} kinds of work", chosen.with(Vec::len))}
                </button>
            </div>
        </form>
    }
}
