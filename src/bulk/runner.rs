//! Applies planned rows: a bounded number of workers take rows from one queue, each row's steps
//! run in order (a rename first, then calls addressed to the new name). Pause lets running rows
//! finish; cancel skips what is left; a `[901]` waits for the sign-in dialog inside
//! `Session::call`, so the run continues where it stopped. A row's finished steps are never
//! sent again. Each step goes through `Session::apply` (src/send.rs), which knows the server's
//! quirks; a delete the server wants the administrator's password for pauses the run until it
//! is given. A run ends with the view that owns it: leaving stops new calls
//! ([`BulkRun::abandon`]).

use std::collections::VecDeque;

use inforouter_protocol::ApiError;
use inforouter_protocol::bulk::report::Counts;
use inforouter_protocol::bulk::{Outcome, RowPlan, RowState, Step};
use inforouter_protocol::contact_info::NO_CONTACT_OP;
use leptos::prelude::*;

use crate::send::{Applied, NotApplied};
use crate::session::Session;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    Ready,
    Running,
    Paused,
    Cancelled,
    Finished,
}

pub struct RowRun {
    pub plan: RowPlan,
    pub outcome: Option<Outcome>,
    steps_done: usize,
    /// How often the next step was sent; a refusal of a retry may mean an earlier try did it.
    step_tries: u32,
    /// The name the server knows the user by now (changes after a rename step).
    current_name: String,
    /// What the server warned of in the row's steps so far (a hand-over's).
    warnings: Vec<String>,
    /// What a hand-over row's leaver holds, in words, once read (src/bulk/holdings.rs).
    pub holdings: Option<String>,
}

#[derive(Clone, Copy)]
pub struct BulkRun {
    pub rows: StoredValue<Vec<RowRun>, LocalStorage>,
    /// Bumped whenever a row changes, so tables re-read the visible rows.
    pub version: RwSignal<u64>,
    pub state: RwSignal<RunState>,
    pub counts: RwSignal<Counts>,
    pub concurrency: RwSignal<usize>,
    queue: StoredValue<VecDeque<usize>, LocalStorage>,
    workers: RwSignal<usize>,
    /// Milliseconds of running time, for the time-left estimate.
    started_at: StoredValue<Option<f64>>,
    pub elapsed_ms: RwSignal<f64>,
    /// When the tables were last told to re-read: at most every 100 ms while running, so
    /// 10,000 rows do not mean 10,000 re-filterings.
    last_bump: StoredValue<f64>,
    /// The view that owned the run went away: no further call.
    abandoned: StoredValue<bool>,
    /// The administrator's own password for DeleteUser1, held only in memory for this run.
    admin_password: StoredValue<Option<String>>,
    /// Why the run waits for that password (asked for, or refused), while it does.
    pub password_needed: RwSignal<Option<String>>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl BulkRun {
    pub fn new(plans: Vec<RowPlan>) -> BulkRun {
        let mut counts = Counts {
            total: plans.len(),
            ..Counts::default()
        };
        let mut queue = VecDeque::new();
        let rows: Vec<RowRun> = plans
            .into_iter()
            .enumerate()
            .map(|(i, plan)| {
                let outcome = match &plan.state {
                    RowState::Change => {
                        queue.push_back(i);
                        counts.plan_to_send(plan.action);
                        None
                    }
                    RowState::Unchanged => {
                        counts.unchanged += 1;
                        Some(Outcome::Unchanged)
                    }
                    RowState::Invalid(reasons) => {
                        counts.skipped += 1;
                        Some(Outcome::Skipped {
                            reason: reasons.join(" "),
                        })
                    }
                };
                RowRun {
                    current_name: plan.user_name.clone(),
                    plan,
                    outcome,
                    steps_done: 0,
                    step_tries: 0,
                    warnings: Vec::new(),
                    holdings: None,
                }
            })
            .collect();
        BulkRun {
            rows: StoredValue::new_local(rows),
            version: RwSignal::new(0),
            state: RwSignal::new(RunState::Ready),
            counts: RwSignal::new(counts),
            concurrency: RwSignal::new(4),
            queue: StoredValue::new_local(queue),
            workers: RwSignal::new(0),
            started_at: StoredValue::new(None),
            elapsed_ms: RwSignal::new(0.0),
            last_bump: StoredValue::new(0.0),
            abandoned: StoredValue::new(false),
            admin_password: StoredValue::new(None),
            password_needed: RwSignal::new(None),
        }
    }

    /// Deletes from now on go with this password (DeleteUser1).
    pub fn use_admin_password(&self, password: String) {
        self.admin_password.set_value(Some(password));
        self.password_needed.set(None);
    }

    pub fn start(&self, session: Session) {
        if matches!(
            self.state.get_untracked(),
            RunState::Running | RunState::Cancelled
        ) {
            return;
        }
        self.state.set(RunState::Running);
        self.started_at
            .set_value(Some(now_ms() - self.elapsed_ms.get_untracked()));
        let wanted = self.concurrency.get_untracked().clamp(1, 16);
        let spare = wanted.saturating_sub(self.workers.get_untracked());
        for _ in 0..spare {
            let run = *self;
            self.workers.update(|w| *w += 1);
            leptos::task::spawn_local(async move { run.work(session).await });
        }
    }

    /// Running rows finish; no new row starts until `start` again.
    pub fn pause(&self) {
        if self.state.get_untracked() == RunState::Running {
            self.state.set(RunState::Paused);
            self.tick_clock();
        }
    }

    /// Rows not yet started are skipped; rows in flight finish their current call.
    pub fn cancel(&self) {
        self.state.set(RunState::Cancelled);
        self.password_needed.set(None);
        let left: Vec<usize> = self
            .queue
            .try_update_value(|q| q.drain(..).collect())
            .unwrap_or_default();
        for i in left {
            self.set_outcome(
                i,
                Outcome::Skipped {
                    reason: "Cancelled before it was sent.".into(),
                },
            );
        }
    }

    /// Queues the failed rows again; their finished steps are not repeated.
    pub fn retry_failed(&self, session: Session) {
        let failed: Vec<usize> = self.rows.with_value(|rows| {
            rows.iter()
                .enumerate()
                .filter(|(_, r)| matches!(r.outcome, Some(Outcome::Failed { .. })))
                .map(|(i, _)| i)
                .collect()
        });
        if failed.is_empty() {
            return;
        }
        for &i in &failed {
            self.rows.update_value(|rows| rows[i].outcome = None);
            self.queue.update_value(|q| q.push_back(i));
        }
        self.counts.update(|c| {
            c.failed -= failed.len();
            c.sent -= failed.len();
        });
        self.version.update(|v| *v += 1);
        self.state.set(RunState::Paused);
        self.start(session);
    }

    fn tick_clock(&self) {
        if let Some(start) = self.started_at.get_value() {
            self.elapsed_ms.set(now_ms() - start);
        }
        if self.state.get_untracked() != RunState::Running {
            self.bump(true);
        }
    }

    /// Estimated milliseconds left, from the pace so far.
    pub fn time_left_ms(&self) -> Option<f64> {
        let c = self.counts.get();
        let elapsed = self.elapsed_ms.get();
        let (done, left) = (c.sent, c.waiting());
        (done > 0 && left > 0).then(|| elapsed / done as f64 * left as f64)
    }

    pub fn set_holdings(&self, index: usize, said: String) {
        self.rows
            .update_value(|rows| rows[index].holdings = Some(said));
        // Every answer shows: a few hundred at most, read four at a time.
        self.bump(true);
    }

    /// The view that owned the run is gone, and the run's state with it.
    pub fn gone(&self) -> bool {
        self.state.is_disposed()
    }

    /// The view that owns the run goes away: no new call starts; calls in flight finish and
    /// their answers are dropped (see [`BulkRun::gone`]).
    pub fn abandon(&self) {
        if self.gone() {
            return;
        }
        self.abandoned.set_value(true);
        self.queue.try_update_value(VecDeque::clear);
        self.state.set(RunState::Cancelled);
    }

    async fn work(self, session: Session) {
        while self.state.get_untracked() == RunState::Running {
            let Some(index) = self.queue.try_update_value(|q| q.pop_front()).flatten() else {
                break;
            };
            self.run_row(index, session).await;
            if self.gone() {
                return;
            }
            self.tick_clock();
        }
        self.workers.update(|w| *w -= 1);
        if self.workers.get_untracked() == 0 {
            self.finish_if_done();
        }
    }

    fn finish_if_done(&self) {
        if self.state.get_untracked() == RunState::Running
            && self.queue.with_value(VecDeque::is_empty)
        {
            self.state.set(RunState::Finished);
            self.tick_clock();
        }
    }

    async fn run_row(&self, index: usize, session: Session) {
        loop {
            // Left: the row's further steps are not sent.
            if self.abandoned.get_value() {
                return;
            }
            let next = self
                .rows
                .try_update_value(|rows| {
                    let r = &mut rows[index];
                    r.step_tries += 1;
                    r.plan
                        .steps
                        .get(r.steps_done)
                        .cloned()
                        .map(|s| (s, r.current_name.clone(), r.step_tries > 1))
                })
                .flatten();
            let Some((step, name, retried)) = next else {
                let warnings = self.rows.with_value(|rows| rows[index].warnings.join(" "));
                let outcome = if warnings.is_empty() {
                    Outcome::Changed
                } else {
                    Outcome::Warned { warnings }
                };
                self.set_outcome(index, outcome);
                return;
            };
            let password = self.admin_password.get_value();
            let with_password = password.is_some();
            let sent = session
                .apply(&name, &step, password.as_deref(), retried)
                .await;
            // The page that owned the run is gone: what came back has nowhere to go.
            if self.gone() {
                return;
            }
            match sent {
                // Only the email went out; the row's mobile number was not changed.
                Ok(Applied::EmailOnly) => {
                    let reason = format!("{NO_CONTACT_OP} Only the email was changed.");
                    let step = Some(step.operation());
                    let detail = None;
                    return self.set_outcome(
                        index,
                        Outcome::Failed {
                            step,
                            reason,
                            detail,
                        },
                    );
                }
                Ok(applied) => self.rows.update_value(|rows| {
                    let r = &mut rows[index];
                    r.steps_done += 1;
                    r.step_tries = 0;
                    match applied {
                        Applied::Renamed(new_name) => r.current_name = new_name,
                        // Named by its transfer: a row's warnings are read together.
                        Applied::HandedOn { warnings: Some(w) } => r.warnings.push(match &step {
                            Step::Transfer { kind, .. } => format!("{}: {w}", kind.label()),
                            _ => w,
                        }),
                        _ => {}
                    }
                }),
                // Sign-in was given up: the row goes back, unchanged, and the run pauses.
                Err(NotApplied {
                    error: ApiError::SessionExpired,
                    ..
                }) => return self.send_back(index),
                // The server wants the administrator's password, or did not take it: the row
                // goes back and the run waits for it.
                Err(NotApplied { error, .. })
                    if step == Step::Delete
                        && (error.is_password_reprompt()
                            || (with_password && error == ApiError::AuthenticationFailed)) =>
                {
                    let why = if with_password {
                        "The server did not accept your password. Enter it again to go on deleting."
                    } else {
                        "This server asks for your own password to delete users. Enter it to go on."
                    };
                    self.admin_password.set_value(None);
                    if self.state.get_untracked() != RunState::Cancelled {
                        self.password_needed.set(Some(why.into()));
                    }
                    return self.send_back(index);
                }
                Err(NotApplied {
                    error, operation, ..
                }) => {
                    self.set_outcome(
                        index,
                        Outcome::Failed {
                            // A delete names the call it was (DeleteUser or DeleteUser1).
                            step: Some(if step == Step::Delete {
                                operation
                            } else {
                                step.operation()
                            }),
                            reason: error.user_message(),
                            detail: error.technical_detail(operation),
                        },
                    );
                    return;
                }
            }
        }
    }

    /// A row that cannot go on now (sign-in given up, a password wanted) goes back to the
    /// front of the queue and the run pauses; once the run is cancelled it is skipped instead,
    /// so nothing is left queued to be sent by a later retry.
    fn send_back(&self, index: usize) {
        if self.state.get_untracked() == RunState::Cancelled {
            let reason = "Cancelled before it was sent.".to_string();
            return self.set_outcome(index, Outcome::Skipped { reason });
        }
        self.queue.update_value(|q| q.push_front(index));
        self.pause();
    }

    fn set_outcome(&self, index: usize, outcome: Outcome) {
        let action = self.rows.with_value(|rows| rows[index].plan.action);
        self.counts.update(|c| c.record(&outcome, action));
        self.rows
            .update_value(|rows| rows[index].outcome = Some(outcome));
        self.bump(false);
    }

    fn bump(&self, now: bool) {
        let t = now_ms();
        if now || t - self.last_bump.get_value() >= 100.0 {
            self.last_bump.set_value(t);
            self.version.update(|v| *v += 1);
        }
    }
}
