//! A hand-over under way or done: each transfer's state in words (a warning is shown in full
//! and is not a clean success), Retry for what failed, Go on after a stop or a reload, and the
//! report: what went to whom, as a printable table and a CSV download.
//!
//! ids: `handover-progress` (the live summary), `handover-steps`, `handover-step-<operation>`
//! (with `data-status`: waiting, sent, done, warning, failed), `handover-stopped`,
//! `handover-retry`, `handover-go-on`, `handover-discard`, `handover-report`,
//! `handover-report-csv`, `handover-report-print`.

use inforouter_protocol::User;
use inforouter_protocol::handover_record::{
    Closing, HandoverRecord, HandoverStep, StepStatus, effect_words,
};
use leptos::prelude::*;

use super::holdings::capitalised;
use super::run::HandoverRun;
use crate::components::download::save_text;
use crate::session::use_session;

/// `running`: whether a step marked sent is out now, or was left unanswered.
fn status_words(step: &HandoverStep, running: bool) -> (&'static str, String) {
    match &step.status {
        StepStatus::Waiting => ("waiting", "Waiting".into()),
        StepStatus::Sent { problem: None, .. } if running => ("sent", "Sending…".into()),
        StepStatus::Sent { problem: None, .. } => (
            "sent",
            "Sent; not known yet whether it was done. Go on asks the server first.".into(),
        ),
        StepStatus::Sent {
            problem: Some(p), ..
        } => ("sent", format!("Not known whether it was done: {p}")),
        StepStatus::Done {
            warnings: Some(w), ..
        } => ("warning", format!("Done, with the server's warning: {w}")),
        StepStatus::Done {
            by_server: true, ..
        } => (
            "done",
            "Done (its answer was lost; the server's counts show it done)".into(),
        ),
        StepStatus::Done { .. } => ("done", "Done".into()),
        StepStatus::Failed { reason } => ("failed", format!("Failed: {reason}")),
    }
}

fn summary(r: &HandoverRecord, running: bool) -> String {
    let total = r.steps.len();
    let mut said = format!("{} of {total} transfers to {} done", r.done(), r.successor);
    if r.warned() > 0 {
        said.push_str(&format!(", {} with a warning", r.warned()));
    }
    if r.failed() > 0 {
        said.push_str(&format!(", {} failed", r.failed()));
    }
    said.push_str(if running { "; working…" } else { "." });
    if !running && r.memberships_failed() && r.waiting() > 0 {
        said.push_str(&format!(
            " {} more wait until the memberships are handed over (the successor must be let into the libraries first): Retry what failed.",
            r.waiting()
        ));
    }
    said
}

#[component]
pub fn HandoverSteps(run: HandoverRun, user: Signal<User>) -> impl IntoView {
    let session = use_session();
    let record = run.record;
    // One item per chosen kind, built once: only its state changes as the run goes.
    let kinds = Memo::new(move |_| {
        record.with(|r| {
            r.as_ref()
                .map(|r| r.steps.iter().map(|s| s.kind).collect::<Vec<_>>())
        })
    });
    let steps = move || {
        kinds
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|kind| {
                let status = Memo::new(move |_| {
                    record.with(|r| {
                        r.as_ref()
                            .and_then(|r| r.steps.iter().find(|s| s.kind == kind))
                            .map(|s| status_words(s, run.running.get()))
                            .unwrap_or(("waiting", String::new()))
                    })
                });
                view! {
                    <li id=format!("handover-step-{}", kind.operation_name())
                        data-status=move || status.get().0 class=move || format!("step {}", status.get().0)>
                        <strong>{capitalised(kind.label())}</strong>" — "{move || status.get().1}
                    </li>
                }
            })
            .collect_view()
    };
    let progress = move || record.with(|r| r.as_ref().map(|r| summary(r, run.running.get())));
    let idle = move || !run.running.get();
    // A new hand-over forgets this one: not while a step's fate is unknown.
    let can_discard = move || {
        idle()
            && record.with(|r| {
                r.as_ref().is_some_and(|r| {
                    !r.steps
                        .iter()
                        .any(|s| matches!(s.status, StepStatus::Sent { .. }))
                })
            })
    };
    let can_retry = move || idle() && record.with(|r| r.as_ref().is_some_and(|r| r.failed() > 0));
    let can_go_on =
        move || idle() && record.with(|r| r.as_ref().is_some_and(|r| r.next().is_some()));
    // The account's state as the page last read it is the report's last line.
    let csv = move |_| {
        if let Some((name, text)) = record.with_untracked(|r| {
            r.as_ref().map(|r| {
                (
                    format!("handover-{}.csv", r.leaver),
                    with_closing_tracked(r, user).report_csv(),
                )
            })
        }) {
            save_text(&name, &text);
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <p id="handover-progress" tabindex="-1" role="status" aria-live="polite">{progress}</p>
        <ol id="handover-steps" class="steps">{steps}</ol>
        <p id="handover-stopped" class="warning" role="alert" hidden=move || run.stopped.with(Option::is_none)>{move || run.stopped.get()}</p>
        <div class="actions">
            <button type="button" id="handover-retry" hidden=move || !can_retry() on:click=move |_| run.retry(session)>"Retry what failed"</button>
            <button type="button" id="handover-go-on" hidden=move || !can_go_on() on:click=move |_| run.start(session)>"Go on"</button>
            <button type="button" id="handover-discard" class="secondary" hidden=move || !can_discard() on:click=move |_| run.discard()>"Start a new hand-over"</button>
        </div>
        <section id="handover-report" class="report" aria-labelledby="handover-report-title" hidden=move || !idle()>
            <h3 id="handover-report-title">"Hand-over report"</h3>
            {move || record.with(|r| r.as_ref().map(|r| report_table(&with_closing_tracked(r, user))))}
            <div class="actions no-print">
                <button type="button" id="handover-report-csv" class="secondary" on:click=csv>"Download the report (CSV)"</button>
                <button type="button" id="handover-report-print" class="secondary" on:click=print>"Print the report"</button>
            </div>
        </section>
    }
}

/// The record with the account's state as the page shows it now.
fn with_closing_tracked(r: &HandoverRecord, user: Signal<User>) -> HandoverRecord {
    let mut r = r.clone();
    if !user.with(|u| u.enabled) {
        r.closed = Some(Closing::Disabled);
    }
    r
}

fn report_table(r: &HandoverRecord) -> AnyView {
    let rows = r
        .steps
        .iter()
        .map(|step| {
            let (_, words) = status_words(step, false);
            view! {
                <tr>
                    <th scope="row">{capitalised(step.kind.label())}</th>
                    <td>{effect_words(step.kind.effect())}</td>
                    <td>{words}</td>
                </tr>
            }
        })
        .collect_view();
    let closing = match r.closed {
        Some(Closing::Disabled) => format!("{}'s account is disabled.", r.leaver),
        Some(Closing::Deleted) => format!("{}'s account was deleted.", r.leaver),
        None => format!("{}'s account is still open.", r.leaver),
    };
    view! {
        <p>{format!("From {} to {}.", r.leaver, r.successor)}</p>
        <table class="users">
            <thead><tr><th scope="col">"Work"</th><th scope="col">"What it does"</th><th scope="col">"Result"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p id="handover-report-account">{closing}</p>
    }
    .into_any()
}
