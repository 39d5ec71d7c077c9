//! Running one hand-over: the chosen transfers one after another, each sent exactly once
//! (src/send/handover.rs), the record kept in the tab's storage after every change so that a
//! reload goes on where it was. A refusal fails its step and the run goes on with the next; an
//! answer that never came stops the run (the connection is likely gone) with the step left
//! `Sent`, so that Retry asks the server before sending it again. The run ends with the view
//! that owns it: once that is gone, nothing further is sent.

use inforouter_protocol::handover_record::{
    HandoverRecord, StepStatus, answer_may_be_lost, storage_key,
};
use inforouter_protocol::operations::GetUser;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::send::{Handed, NotApplied};
use crate::session::{Session, storage};

#[derive(Clone, Copy)]
pub struct HandoverRun {
    pub record: RwSignal<Option<HandoverRecord>>,
    pub running: RwSignal<bool>,
    /// Why the run stopped before its end, when it did.
    pub stopped: RwSignal<Option<String>>,
    /// Bumped when a run stops or ends, so what the leaver holds is read again.
    pub version: RwSignal<u64>,
    key: StoredValue<String>,
    /// The leaver's name as the page knows it now: a rename on this page does not strand the
    /// record, which goes on under the new name.
    leaver: Signal<String>,
}

impl HandoverRun {
    /// The run for `user`, with the record a previous load of this tab kept: found by the
    /// user's id when the server gives one (so a rename keeps it), else by name.
    pub fn new(user: &User, leaver: Signal<String>) -> HandoverRun {
        let key = if user.user_id.trim().is_empty() {
            storage_key(&user.user_name)
        } else {
            storage_key(&format!("id:{}", user.user_id.trim()))
        };
        let kept = storage()
            .and_then(|s| s.get_item(&key).ok().flatten())
            .and_then(|text| HandoverRecord::from_text(&text));
        HandoverRun {
            record: RwSignal::new(kept),
            running: RwSignal::new(false),
            stopped: RwSignal::new(None),
            version: RwSignal::new(0),
            key: StoredValue::new(key),
            leaver,
        }
    }

    /// Every change goes to the tab's storage at once: a reload must find the step that was
    /// out as `Sent`.
    fn update(&self, change: impl FnOnce(&mut HandoverRecord)) {
        self.record.update(|r| {
            if let Some(r) = r {
                change(r);
            }
        });
        self.keep();
    }

    fn keep(&self) {
        let Some(s) = storage() else { return };
        let key = self.key.get_value();
        let _ = match self
            .record
            .with_untracked(|r| r.as_ref().map(HandoverRecord::to_text))
        {
            Some(text) => s.set_item(&key, &text),
            None => s.remove_item(&key),
        };
    }

    pub fn begin(&self, record: HandoverRecord, session: Session) {
        self.record.set(Some(record));
        self.keep();
        // The choice has just read the successor: no second read.
        self.go(session, false);
    }

    /// Forgets the record (a new hand-over can be chosen). Not while running.
    pub fn discard(&self) {
        if !self.running.get_untracked() {
            self.record.set(None);
            self.stopped.set(None);
            self.keep();
        }
    }

    /// Failed steps go again; one whose answer was lost is asked about first.
    pub fn retry(&self, session: Session) {
        self.update(HandoverRecord::retry_failed);
        self.start(session);
    }

    /// Goes on with the record (after a stop, a retry or a reload): the successor is read
    /// again first.
    pub fn start(&self, session: Session) {
        self.go(session, true);
    }

    fn go(&self, session: Session, check_successor: bool) {
        if self.running.get_untracked() || self.record.with_untracked(Option::is_none) {
            return;
        }
        let now_called = self.leaver.get_untracked();
        if !now_called.trim().is_empty() {
            self.update(|r| r.leaver = now_called);
        }
        self.running.set(true);
        self.stopped.set(None);
        let run = *self;
        leptos::task::spawn_local(async move {
            let why = run.work(session, check_successor).await;
            if run.running.is_disposed() {
                return;
            }
            run.running.set(false);
            run.stopped.set(why);
            run.version.update(|v| *v += 1);
        });
    }

    /// Works through the record; `Some(why)` when it stopped before the end.
    async fn work(self, session: Session, check_successor: bool) -> Option<String> {
        if check_successor && let Some(why) = self.successor_gone(session).await {
            return Some(why);
        }
        loop {
            // The page went away: nothing further is sent.
            if self.record.is_disposed() {
                return None;
            }
            let next = self.record.with_untracked(|r| {
                let r = r.as_ref()?;
                let i = r.next()?;
                Some((i, r.steps[i].clone(), r.leaver.clone(), r.successor.clone()))
            });
            let (i, step, leaver, successor) = next?;
            let kind = step.kind;
            let lost = match step.status {
                StepStatus::Sent { before, .. } => Some(before),
                _ => None,
            };
            // What the two hold just before sending, for the case of a lost answer. Counts
            // only prove a lost answer done: unreadable (a server without GetUserStatistics,
            // a refused read), the step is still sent, as a repeated transfer moves only what
            // is left.
            let before = match lost {
                Some(before) => before,
                None => match session.handover_counts(kind, &leaver, &successor).await {
                    Ok(counts) => counts,
                    Err(ApiError::SessionExpired) => return Some(SIGN_IN_GIVEN_UP.into()),
                    Err(_) => None,
                },
            };
            if self.record.is_disposed() {
                return None;
            }
            self.set(
                i,
                StepStatus::Sent {
                    before,
                    problem: None,
                },
            );
            let sent = session.hand_over(kind, &leaver, &successor, lost).await;
            if self.record.is_disposed() {
                return None;
            }
            match sent {
                Ok(Handed::Sent(transferred)) => self.set(
                    i,
                    StepStatus::Done {
                        warnings: transferred.warnings,
                        by_server: false,
                    },
                ),
                Ok(Handed::FoundDone) => self.set(
                    i,
                    StepStatus::Done {
                        warnings: None,
                        by_server: true,
                    },
                ),
                // Refused as expired and signing in was given up: nothing was done.
                Err(NotApplied {
                    error: ApiError::SessionExpired,
                    read_first,
                    ..
                }) => {
                    if lost.is_none() && !read_first {
                        self.set(i, StepStatus::Waiting);
                    }
                    return Some(SIGN_IN_GIVEN_UP.into());
                }
                // No answer, or (for a step sent before) the server could not be asked: it
                // stays `Sent`, so nothing goes again before the server's counts are read.
                Err(NotApplied { error, .. }) if answer_may_be_lost(&error) || lost.is_some() => {
                    let problem = format!(
                        "No answer came ({}). Go on asks the server whether it was done before sending it again.",
                        error.user_message()
                    );
                    self.set(
                        i,
                        StepStatus::Sent {
                            before,
                            problem: Some(problem.clone()),
                        },
                    );
                    return Some(problem);
                }
                Err(NotApplied {
                    error, operation, ..
                }) => {
                    let mut reason = error.user_message();
                    if let Some(detail) = error.technical_detail(operation) {
                        reason = format!("{reason} ({detail})");
                    }
                    self.set(i, StepStatus::Failed { reason });
                }
            }
        }
    }

    /// The successor read again before a run goes on (after a reload, or later): work handed
    /// to an account that is gone or disabled would stall. Why not, when so.
    async fn successor_gone(&self, session: Session) -> Option<String> {
        let successor = self
            .record
            .with_untracked(|r| r.as_ref().map(|r| r.successor.clone()))?;
        let read = session
            .call(&GetUser {
                user_name: successor.clone(),
            })
            .await;
        match read {
            Ok(user) if !user.enabled => Some(format!(
                "Stopped: {successor} is disabled now, and work handed to them would stall. Enable them, or start a new hand-over to someone else."
            )),
            Err(ApiError::UserNotFound | ApiError::UserDeleted) => Some(format!(
                "Stopped: {successor} no longer exists (deleted or renamed). Start a new hand-over to someone else."
            )),
            // Anything else shows at the first transfer, with its reason.
            _ => None,
        }
    }

    fn set(&self, i: usize, status: StepStatus) {
        self.update(|r| r.steps[i].status = status);
    }
}

const SIGN_IN_GIVEN_UP: &str =
    "Stopped: signing in again was cancelled. Nothing was sent without an answer; Go on continues.";
