//! The copy steps after CreateUser, one after another (protocol `onboarding::Run` decides
//! which is next). A failed step does not stop the others; Retry sends only the failed ones,
//! never CreateUser. The run ends with the page that owns it: once that is gone, nothing
//! further is sent.

use inforouter_protocol::onboarding::{Outcome, Plan, Run, Step};
use leptos::prelude::*;

use crate::components::form::FormMessage;
use crate::send::{Handed, NotApplied};
use crate::session::Session;

#[derive(Clone, Copy)]
pub struct OnboardRun {
    pub run: RwSignal<Option<Run<FormMessage>>>,
    pub running: RwSignal<bool>,
    /// Told the new user's name when a run ends clean (the page opens it).
    clean: StoredValue<Option<Callback<String>>>,
}

impl OnboardRun {
    pub fn new(clean: Callback<String>) -> OnboardRun {
        OnboardRun {
            run: RwSignal::new(None),
            running: RwSignal::new(false),
            clean: StoredValue::new(Some(clean)),
        }
    }

    pub fn begin(&self, plan: Plan, session: Session) {
        self.run.set(Some(Run::new(plan)));
        self.start(session);
    }

    pub fn retry(&self, session: Session) {
        if self.running.get_untracked() {
            return;
        }
        self.run
            .update(|r| r.iter_mut().for_each(Run::retry_failed));
        self.start(session);
    }

    fn start(&self, session: Session) {
        if self.running.get_untracked() {
            return;
        }
        self.running.set(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            loop {
                // The page went away: nothing further is sent.
                if this.run.is_disposed() {
                    return;
                }
                let next = this.run.with_untracked(|r| {
                    let r = r.as_ref()?;
                    let (i, step) = r.next()?;
                    Some((i, step, r.plan.from.clone(), r.plan.to.clone()))
                });
                let Some((i, step, from, to)) = next else {
                    break;
                };
                let outcome = send_step(session, step, &from, &to).await;
                if this.run.is_disposed() {
                    return;
                }
                this.run.update(|r| {
                    if let Some(r) = r {
                        r.record(i, outcome);
                    }
                });
            }
            this.running.set(false);
            let done = this
                .run
                .with_untracked(|r| r.as_ref().filter(|r| r.clean()).map(|r| r.plan.to.clone()));
            if let (Some(to), Some(clean)) = (done, this.clean.get_value()) {
                clean.run(to);
            }
        });
    }
}

fn failure(
    NotApplied {
        error, operation, ..
    }: NotApplied,
) -> Outcome<FormMessage> {
    Outcome::Failed(FormMessage::failed_while("", &error, operation))
}

async fn send_step(session: Session, step: Step, from: &str, to: &str) -> Outcome<FormMessage> {
    match (step, step.transfer()) {
        (Step::Type(wanted), _) => match session.give_type(to, wanted).await {
            Ok(true) => Outcome::Done,
            Ok(false) => Outcome::AlreadySo,
            Err(failed) => failure(failed),
        },
        // A copy goes again as it is: the server skips what the new account already has.
        (_, Some(kind)) => match session.hand_over(kind, from, to, None).await {
            Ok(Handed::Sent(sent)) => sent.warnings.map_or(Outcome::Done, Outcome::Warned),
            Ok(Handed::FoundDone) => Outcome::Done,
            Err(failed) => failure(failed),
        },
        // Every step but the type is a transfer: nothing else to send.
        (_, None) => Outcome::AlreadySo,
    }
}
