//! The copy after CreateUser on screen: the account (created once, never again), then each
//! copy step's state in words (a server warning in full; a failure with its detail). When a
//! step failed, it says what exists and what was not copied, with Retry for the failed copy
//! steps and a link to the new user's page (which offers the welcome email).
//!
//! ids: `like-progress-title`, `like-progress` (the live summary), `like-steps`,
//! `like-step-account`, `like-step-<groups|libraries|type>` (with `data-status`: waiting,
//! done, warning, failed), `like-not-copied`, `like-retry`, `like-open-user`.

use inforouter_protocol::account_admin::UserType;
use inforouter_protocol::onboarding::{Outcome, Run, Step};
use leptos::prelude::*;

use super::OnboardRun;
use crate::components::error_details::ErrorDetails;
use crate::components::form::{FormMessage, focus_id};
use crate::routes::user_href;
use crate::session::use_session;

fn step_title(step: Step, from: &str) -> String {
    match step {
        Step::Groups => format!("Groups of {from}"),
        Step::Libraries => format!("Direct library memberships of {from}"),
        Step::Type(UserType::Author) => "User type: author".into(),
        Step::Type(UserType::ReadOnly) => "User type: read-only".into(),
    }
}

/// `data-status`, and what the step came to.
fn step_state(
    step: Step,
    outcome: Option<&Outcome<FormMessage>>,
    running: bool,
) -> (&'static str, String, Option<String>) {
    match outcome {
        None if running => ("waiting", "Working…".into(), None),
        None => ("waiting", "Not sent".into(), None),
        Some(Outcome::Done) => match step {
            Step::Type(_) => ("done", "Set (ChangeUserType)".into(), None),
            _ => ("done", "Copied".into(), None),
        },
        Some(Outcome::AlreadySo) => (
            "done",
            "Set by CreateUser: nothing more to send".into(),
            None,
        ),
        Some(Outcome::Warned(w)) => (
            "warning",
            format!("Copied, with the server's warning: {w}"),
            None,
        ),
        Some(Outcome::Failed(m)) => (
            "failed",
            format!("Not done: {}", m.problem.clone().unwrap_or_default()),
            m.detail.clone(),
        ),
    }
}

fn summary(r: &Run<FormMessage>, running: bool) -> String {
    let to = &r.plan.to;
    if running {
        return format!("{to} was created. Copying from {}…", r.plan.from);
    }
    match (r.failed(), r.warned()) {
        (0, 0) => format!("{to} was created like {}. Opening their page…", r.plan.from),
        (0, _) => format!(
            "{to} was created like {}; read the server's warning below.",
            r.plan.from
        ),
        (n, _) => format!(
            "{to} was created, but {} of {} copy steps failed.",
            n,
            r.plan.steps.len()
        ),
    }
}

/// The parts not copied, as a sentence goes on.
fn not_copied(r: &Run<FormMessage>) -> String {
    let parts: Vec<&str> = r
        .plan
        .steps
        .iter()
        .enumerate()
        .filter(|(i, _)| matches!(r.outcome(*i), Some(Outcome::Failed(_))))
        .map(|(_, s)| match s {
            Step::Groups => "the groups",
            Step::Libraries => "the direct library memberships",
            Step::Type(_) => "the user type",
        })
        .collect();
    format!(
        "The account {} exists, with everything typed. Not copied from {}: {}. Retry sends only \
         what failed; the account is not created again.",
        r.plan.to,
        r.plan.from,
        parts.join(", ")
    )
}

#[component]
pub fn OnboardProgress(run: OnboardRun) -> impl IntoView {
    let session = use_session();
    let OnboardRun {
        run: state,
        running,
        ..
    } = run;
    let to = move || state.with(|r| r.as_ref().map(|r| r.plan.to.clone()).unwrap_or_default());
    let from = move || state.with(|r| r.as_ref().map(|r| r.plan.from.clone()).unwrap_or_default());
    let steps = move || {
        state.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let busy = running.get();
            r.plan
                .steps
                .iter()
                .enumerate()
                .map(|(i, &step)| {
                    let (status, words, detail) = step_state(step, r.outcome(i), busy);
                    view! {
                        <li id=format!("like-step-{}", step.key()) data-status=status class=format!("step {status}")>
                            <strong>{step_title(step, &r.plan.from)}</strong>" — "{words}
                            {detail.map(|d| view! { <ErrorDetails detail=d/> })}
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let failed =
        move || !running.get() && state.with(|r| r.as_ref().is_some_and(|r| r.failed() > 0));
    let unclean = move || !running.get() && state.with(|r| r.as_ref().is_some_and(|r| !r.clean()));
    view! {
        <section class="card" aria-labelledby="like-progress-title">
            <h2 id="like-progress-title" tabindex="-1">{move || format!("New user like {}", from())}</h2>
            <p id="like-progress" role="status" aria-live="polite">
                {move || state.with(|r| r.as_ref().map(|r| summary(r, running.get())))}
            </p>
            <ol id="like-steps" class="steps">
                <li id="like-step-account" data-status="done" class="step done">
                    <strong>{move || format!("Account {}", to())}</strong>" — Created (CreateUser)"
                </li>
                {steps}
            </ol>
            <p id="like-not-copied" class="warning" hidden=move || !failed()>
                {move || state.with(|r| r.as_ref().map(not_copied))}
            </p>
            <div class="actions" hidden=move || !unclean()>
                <button type="button" id="like-retry" hidden=move || !failed()
                    on:click=move |_| {
                        run.retry(session);
                        // The button hides while the retry runs; the summary says how it goes.
                        focus_id("like-progress-title");
                    }>"Retry what failed"</button>
                <a id="like-open-user" href=move || session.href(&format!("{}?created=1", user_href(&to())))>
                    {move || format!("Open {}'s page (welcome email)", to())}
                </a>
            </div>
        </section>
    }
}
