//! One leaver's hand-over as a record of decisions, with no browser in it: which transfers were
//! chosen and in what order they go, what each one's answer was, whether a transfer whose
//! answer was lost was done (from the server's counts), whether the account may be closed, and
//! the report. The page keeps the record in the tab's storage ([`HandoverRecord::to_text`]),
//! so a reload goes on where the run was.

use std::fmt;

use crate::ApiError;
use crate::bulk::sheet::write_row;
use crate::handover::{TransferEffect, TransferKind};
use crate::user_statistics::UserStatistics;

/// The order transfers go in: memberships first, so that the successor can take items in the
/// libraries they are being given (what a server cannot give them stays, with a warning), then
/// the work that moves, then the copies that remain.
pub const RUN_ORDER: [TransferKind; 13] = {
    use TransferKind::*;
    [
        DomainMemberships,
        GroupMemberships,
        DomainManagerRoles,
        CheckedOutDocuments,
        DocumentOwnerships,
        FolderOwnerships,
        Tasks,
        ISOTasks,
        WorkflowDefinitions,
        ExpirationNotices,
        DocumentSubscriptions,
        FolderSubscriptions,
        SecurityPermissions,
    ]
};

/// What the leaver and the successor each hold of one kind, as GetUserStatistics counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub leaver: u64,
    pub successor: u64,
}

impl Counts {
    /// `None` for a kind no counter counts.
    pub fn of(
        kind: TransferKind,
        leaver: &UserStatistics,
        successor: &UserStatistics,
    ) -> Option<Counts> {
        let tally = kind.tally()?;
        Some(Counts {
            leaver: tally.count(leaver),
            successor: tally.count(successor),
        })
    }
}

/// What the server's counts say about a transfer that was sent and whose answer never came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// It was done (or there was nothing to do): it must not be sent again.
    Done,
    /// Nothing changed: sending it again is the only way to get it done.
    NotDone,
    /// No counter counts it (individually assigned permissions). Sending again is safe: the
    /// page says a permission the successor already has is merged, not doubled.
    CannotTell,
}

impl Evidence {
    /// `before`: the counts just before the transfer was sent, when they were read (a bulk run
    /// does not read them, to keep to one call per transfer); `now`: read after it was lost.
    /// Work that moves leaves the leaver: fewer (or none) left means done. A copy leaves the
    /// leaver theirs: the successor holding more means done; a copy sent again skips what the
    /// successor already has, so "not done" is never a double. Nothing left to hand on is done.
    pub fn of(kind: TransferKind, before: Option<Counts>, now: Option<Counts>) -> Evidence {
        let Some(now) = now else {
            return Evidence::CannotTell;
        };
        let done = now.leaver == 0
            || before.is_some_and(|before| match kind.effect() {
                TransferEffect::Moves => now.leaver < before.leaver,
                TransferEffect::Copies | TransferEffect::Unsaid => now.successor > before.successor,
            });
        if done {
            Evidence::Done
        } else {
            Evidence::NotDone
        }
    }
}

/// Whether an error leaves it open if the call was carried out: the answer, not the request,
/// may be what was lost (no answer, a timeout, a proxy's or server's 5xx, an unreadable body).
pub fn answer_may_be_lost(error: &ApiError) -> bool {
    match error {
        ApiError::Network { .. }
        | ApiError::Timeout { .. }
        | ApiError::MalformedResponse { .. } => true,
        ApiError::HttpStatus { status, .. } => *status >= 500 && !error.is_missing_operation(),
        _ => false,
    }
}

/// Where one transfer stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepStatus {
    /// Not sent yet.
    Waiting,
    /// Sent, and no answer has been recorded: the server's counts decide before anything is
    /// sent again (a lost answer, or a reload while it was out).
    /// `problem`: why no answer came, once that is known (shown with Retry).
    Sent {
        before: Option<Counts>,
        problem: Option<String>,
    },
    /// Done. `warnings`: the server's own words about what stayed with the leaver.
    /// `by_server`: the answer was lost and the server's counts showed it done.
    Done {
        warnings: Option<String>,
        by_server: bool,
    },
    Failed {
        reason: String,
    },
}

impl StepStatus {
    fn word(&self) -> &'static str {
        match self {
            StepStatus::Waiting => "waiting",
            StepStatus::Sent { .. } => "sent",
            StepStatus::Done {
                warnings: Some(_), ..
            } => "done with a warning",
            StepStatus::Done { .. } => "done",
            StepStatus::Failed { .. } => "failed",
        }
    }

    pub fn is_done(&self) -> bool {
        matches!(self, StepStatus::Done { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverStep {
    pub kind: TransferKind,
    pub status: StepStatus,
}

/// How the leaver's account was closed, once it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Disabled,
    Deleted,
}

impl Closing {
    fn word(self) -> &'static str {
        match self {
            Closing::Disabled => "disabled",
            Closing::Deleted => "deleted",
        }
    }
}

/// A hand-over from `leaver` to `successor`: the chosen transfers, in [`RUN_ORDER`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverRecord {
    pub leaver: String,
    pub successor: String,
    pub steps: Vec<HandoverStep>,
    pub closed: Option<Closing>,
}

/// Why a successor cannot take the work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuccessorProblem {
    Empty,
    IsTheLeaver,
    Disabled,
}

impl fmt::Display for SuccessorProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SuccessorProblem::Empty => "Enter the user name of the person who takes the work over.",
            SuccessorProblem::IsTheLeaver => "The successor must be someone other than the person leaving.",
            SuccessorProblem::Disabled => {
                "This account is disabled: work handed to it would stall. Choose an enabled account, or enable it first."
            }
        })
    }
}

/// Checks a successor: typed (`name`), and as the server knows them (`enabled`) once read.
pub fn check_successor(
    leaver: &str,
    name: &str,
    enabled: Option<bool>,
) -> Result<(), SuccessorProblem> {
    let name = name.trim();
    if name.is_empty() {
        Err(SuccessorProblem::Empty)
    } else if name.eq_ignore_ascii_case(leaver.trim()) {
        Err(SuccessorProblem::IsTheLeaver)
    } else if enabled == Some(false) {
        Err(SuccessorProblem::Disabled)
    } else {
        Ok(())
    }
}

/// What closing the account needs, given how the transfers stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseGate {
    /// Every chosen transfer is done.
    Open,
    /// Some are not done (failed, or not run): closing needs the administrator to say so.
    NeedsConsent { not_done: usize },
}

impl HandoverRecord {
    /// A new hand-over of the `chosen` kinds, in [`RUN_ORDER`] whatever order they came in.
    pub fn new(leaver: &str, successor: &str, chosen: &[TransferKind]) -> HandoverRecord {
        let steps = RUN_ORDER
            .iter()
            .filter(|k| chosen.contains(k))
            .map(|&kind| HandoverStep {
                kind,
                status: StepStatus::Waiting,
            })
            .collect();
        HandoverRecord {
            leaver: leaver.trim().to_string(),
            successor: successor.trim().to_string(),
            steps,
            closed: None,
        }
    }

    /// The next transfer to work on: a sent one (to be decided by the server) or a waiting
    /// one; failed ones wait for [`HandoverRecord::retry_failed`]. While a membership transfer
    /// has failed, the others wait too: a successor who is no member of a library cannot take
    /// what lies in it, and what went with a warning is not sent again.
    pub fn next(&self) -> Option<usize> {
        let blocked = self.memberships_failed();
        self.steps.iter().position(|s| match s.status {
            StepStatus::Sent { .. } => true,
            StepStatus::Waiting => !blocked || is_membership(s.kind),
            _ => false,
        })
    }

    /// Whether a membership transfer failed, holding back the rest.
    pub fn memberships_failed(&self) -> bool {
        self.steps
            .iter()
            .any(|s| is_membership(s.kind) && matches!(s.status, StepStatus::Failed { .. }))
    }

    /// Transfers not sent yet (waiting their turn, or held back).
    pub fn waiting(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.status == StepStatus::Waiting)
            .count()
    }

    /// Failed transfers go back to be worked on; one whose answer may have been lost stays
    /// `Sent`, so the server is asked before it goes again.
    pub fn retry_failed(&mut self) {
        for step in &mut self.steps {
            if matches!(step.status, StepStatus::Failed { .. }) {
                step.status = StepStatus::Waiting;
            }
        }
    }

    pub fn done(&self) -> usize {
        self.steps.iter().filter(|s| s.status.is_done()).count()
    }

    pub fn failed(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s.status, StepStatus::Failed { .. }))
            .count()
    }

    pub fn warned(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| {
                matches!(
                    s.status,
                    StepStatus::Done {
                        warnings: Some(_),
                        ..
                    }
                )
            })
            .count()
    }

    pub fn finished(&self) -> bool {
        self.next().is_none()
    }

    /// Closing is open once every chosen transfer is done without a warning: a warning means
    /// part of the work stayed with the leaver, and would stay with a closed account.
    pub fn close_gate(&self) -> CloseGate {
        match self.steps.len() - self.done() + self.warned() {
            0 => CloseGate::Open,
            not_done => CloseGate::NeedsConsent { not_done },
        }
    }

    /// The report as CSV: one row per transfer, every cell formula-safe.
    pub fn report_csv(&self) -> String {
        let mut out = String::new();
        write_row(
            &mut out,
            [
                "leaver",
                "successor",
                "transfer",
                "operation",
                "effect",
                "result",
                "server's words",
            ],
        );
        for step in &self.steps {
            let words = match &step.status {
                StepStatus::Done {
                    warnings: Some(w), ..
                } => w.clone(),
                StepStatus::Done {
                    by_server: true, ..
                } => "The answer was lost; the server's counts show it done.".into(),
                StepStatus::Failed { reason } => reason.clone(),
                _ => String::new(),
            };
            write_row(
                &mut out,
                [
                    self.leaver.as_str(),
                    self.successor.as_str(),
                    step.kind.label(),
                    step.kind.operation_name(),
                    effect_words(step.kind.effect()),
                    step.status.word(),
                    words.as_str(),
                ],
            );
        }
        if let Some(closed) = self.closed {
            write_row(
                &mut out,
                [
                    self.leaver.as_str(),
                    "",
                    "account",
                    "",
                    "",
                    closed.word(),
                    "",
                ],
            );
        }
        out
    }

    /// The record as the tab keeps it across a reload (a CSV of its own).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let closed = self.closed.map_or("", Closing::word);
        write_row(&mut out, ["v1", &self.leaver, &self.successor, closed]);
        for step in &self.steps {
            let (word, text, before) = match &step.status {
                StepStatus::Waiting => ("waiting", String::new(), None),
                StepStatus::Sent { before, problem } => {
                    ("sent", problem.clone().unwrap_or_default(), *before)
                }
                StepStatus::Done {
                    warnings,
                    by_server,
                } => (
                    if *by_server { "done-by-server" } else { "done" },
                    warnings.clone().unwrap_or_default(),
                    None,
                ),
                StepStatus::Failed { reason } => ("failed", reason.clone(), None),
            };
            let (l, s) = before.map_or((String::new(), String::new()), |c| {
                (c.leaver.to_string(), c.successor.to_string())
            });
            write_row(
                &mut out,
                [
                    step.kind.operation_name(),
                    word,
                    text.as_str(),
                    l.as_str(),
                    s.as_str(),
                ],
            );
        }
        out
    }

    /// Reads what [`HandoverRecord::to_text`] wrote; `None` for anything else.
    pub fn from_text(text: &str) -> Option<HandoverRecord> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let head = records.next()?.ok()?;
        let cell = |r: &csv::StringRecord, i: usize| {
            crate::bulk::sheet::restore(r.get(i).unwrap_or_default()).into_owned()
        };
        if cell(&head, 0) != "v1" {
            return None;
        }
        let closed = match cell(&head, 3).as_str() {
            "" => None,
            "disabled" => Some(Closing::Disabled),
            "deleted" => Some(Closing::Deleted),
            _ => return None,
        };
        let mut record = HandoverRecord {
            leaver: cell(&head, 1),
            successor: cell(&head, 2),
            steps: Vec::new(),
            closed,
        };
        for row in records {
            let row = row.ok()?;
            let kind = TransferKind::from_operation_name(&cell(&row, 0))?;
            let text = cell(&row, 2);
            let number = |i: usize| cell(&row, i).parse::<u64>().ok();
            let status = match cell(&row, 1).as_str() {
                "waiting" => StepStatus::Waiting,
                "sent" => StepStatus::Sent {
                    problem: (!text.is_empty()).then(|| text.clone()),
                    before: number(3)
                        .zip(number(4))
                        .map(|(leaver, successor)| Counts { leaver, successor }),
                },
                "done" | "done-by-server" => StepStatus::Done {
                    warnings: (!text.is_empty()).then_some(text),
                    by_server: cell(&row, 1) == "done-by-server",
                },
                "failed" => StepStatus::Failed { reason: text },
                _ => return None,
            };
            record.steps.push(HandoverStep { kind, status });
        }
        (!record.leaver.is_empty() && !record.successor.is_empty()).then_some(record)
    }
}

/// The transfers that let the successor into the leaver's libraries.
fn is_membership(kind: TransferKind) -> bool {
    matches!(
        kind,
        TransferKind::DomainMemberships | TransferKind::GroupMemberships
    )
}

/// What someone holds, in words: each kind's count that is not zero ("3 checked-out
/// documents, up to 12 document ownerships"), or that nothing is counted.
pub fn holdings_summary(statistics: &UserStatistics) -> String {
    let parts: Vec<String> = RUN_ORDER
        .iter()
        .filter_map(|kind| {
            let tally = kind.tally()?;
            let n = tally.count(statistics);
            (n > 0).then(|| {
                let up_to = if tally.exact { "" } else { "up to " };
                format!("{up_to}{}", crate::words::counted(n, kind.label()))
            })
        })
        .collect();
    if parts.is_empty() {
        "nothing counted".into()
    } else {
        parts.join(", ")
    }
}

/// What a kind does to the leaver's share, in plain words.
pub fn effect_words(effect: TransferEffect) -> &'static str {
    match effect {
        TransferEffect::Moves => "moves to the successor",
        TransferEffect::Copies => "the successor gets the same; the leaver keeps theirs",
        TransferEffect::Unsaid => {
            "given to the successor; whether the leaver keeps theirs is not said"
        }
    }
}

/// The tab-storage key of the hand-over of `leaver` (user names are case-insensitive).
pub fn storage_key(leaver: &str) -> String {
    format!("inforouter.handover.{}", leaver.trim().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use TransferKind::*;

    fn record() -> HandoverRecord {
        HandoverRecord::new(
            "leaver",
            "heir",
            &[Tasks, GroupMemberships, SecurityPermissions],
        )
    }

    #[test]
    fn memberships_go_first_whatever_order_they_were_chosen_in() {
        let kinds: Vec<_> = record().steps.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [GroupMemberships, Tasks, SecurityPermissions]);
        let mut all = RUN_ORDER.to_vec();
        all.sort_by_key(|k| *k as usize);
        all.dedup();
        assert_eq!(all.len(), TransferKind::ALL.len(), "every kind once");
    }

    #[test]
    fn a_lost_move_is_done_when_the_leaver_holds_less() {
        let c = |leaver, successor| Some(Counts { leaver, successor });
        assert_eq!(Evidence::of(Tasks, c(5, 0), c(0, 5)), Evidence::Done);
        assert_eq!(
            Evidence::of(Tasks, c(5, 0), c(2, 3)),
            Evidence::Done,
            "partly, with a warning"
        );
        assert_eq!(Evidence::of(Tasks, c(5, 0), c(5, 0)), Evidence::NotDone);
        assert_eq!(
            Evidence::of(Tasks, c(0, 0), c(0, 0)),
            Evidence::Done,
            "nothing to move"
        );
        assert_eq!(
            Evidence::of(Tasks, None, c(0, 5)),
            Evidence::Done,
            "none left"
        );
        assert_eq!(
            Evidence::of(Tasks, None, c(2, 3)),
            Evidence::NotDone,
            "before unknown"
        );
    }

    #[test]
    fn a_lost_copy_is_done_when_the_successor_holds_more() {
        let c = |leaver, successor| Some(Counts { leaver, successor });
        assert_eq!(
            Evidence::of(GroupMemberships, c(3, 1), c(3, 4)),
            Evidence::Done
        );
        assert_eq!(
            Evidence::of(GroupMemberships, c(3, 1), c(3, 1)),
            Evidence::NotDone
        );
        assert_eq!(
            Evidence::of(GroupMemberships, c(0, 1), c(0, 1)),
            Evidence::Done
        );
        assert_eq!(
            Evidence::of(GroupMemberships, None, c(3, 4)),
            Evidence::NotDone,
            "sent again, it skips what the successor has"
        );
        assert_eq!(
            Evidence::of(SecurityPermissions, None, None),
            Evidence::CannotTell
        );
    }

    #[test]
    fn lost_answers_are_told_from_refusals() {
        let network = ApiError::Network {
            detail: "reset".into(),
        };
        assert!(answer_may_be_lost(&network));
        let proxy = ApiError::HttpStatus {
            status: 502,
            snippet: String::new(),
        };
        assert!(answer_may_be_lost(&proxy));
        let missing = ApiError::HttpStatus {
            status: 404,
            snippet: String::new(),
        };
        assert!(!answer_may_be_lost(&missing));
        assert!(!answer_may_be_lost(&ApiError::SessionExpired));
        assert!(!answer_may_be_lost(&ApiError::UserNotFound));
    }

    #[test]
    fn closing_waits_for_every_chosen_transfer_or_for_consent() {
        let mut r = record();
        assert_eq!(r.close_gate(), CloseGate::NeedsConsent { not_done: 3 });
        for s in &mut r.steps {
            s.status = StepStatus::Done {
                warnings: None,
                by_server: false,
            };
        }
        r.steps[1].status = StepStatus::Failed {
            reason: "Access denied".into(),
        };
        assert_eq!(r.close_gate(), CloseGate::NeedsConsent { not_done: 1 });
        assert!(r.finished(), "a failure waits for a retry");
        r.retry_failed();
        assert_eq!(r.next(), Some(1));
        r.steps[1].status = StepStatus::Done {
            warnings: Some("Some tasks could not be transferred.".into()),
            by_server: false,
        };
        assert_eq!(r.warned(), 1);
        assert_eq!(
            r.close_gate(),
            CloseGate::NeedsConsent { not_done: 1 },
            "work stayed with the leaver"
        );
        r.steps[1].status = StepStatus::Done {
            warnings: None,
            by_server: false,
        };
        assert_eq!(r.close_gate(), CloseGate::Open);
    }

    #[test]
    fn a_failed_membership_holds_the_work_that_moves_back() {
        let mut r = HandoverRecord::new(
            "leaver",
            "heir",
            &[Tasks, GroupMemberships, DomainMemberships],
        );
        r.steps[0].status = StepStatus::Failed {
            reason: "Access denied".into(),
        };
        assert_eq!(r.next(), Some(1), "the other membership still goes");
        r.steps[1].status = StepStatus::Done {
            warnings: None,
            by_server: false,
        };
        assert_eq!(r.next(), None, "the tasks wait");
        assert!(r.memberships_failed());
        assert_eq!(r.waiting(), 1);
        r.retry_failed();
        assert_eq!(r.next(), Some(0));
        r.steps[0].status = StepStatus::Done {
            warnings: None,
            by_server: false,
        };
        assert_eq!(r.next(), Some(2), "then the rest");
    }

    #[test]
    fn the_record_survives_the_tab_storage_exactly() {
        let mut r = HandoverRecord::new("=leaver, \"x\"", "heir\tname", TransferKind::ALL);
        r.steps[0].status = StepStatus::Done {
            warnings: Some("Some memberships could not be transferred.".into()),
            by_server: false,
        };
        r.steps[1].status = StepStatus::Done {
            warnings: None,
            by_server: true,
        };
        r.steps[2].status = StepStatus::Sent {
            before: Some(Counts {
                leaver: 4,
                successor: 0,
            }),
            problem: Some("No answer came.".into()),
        };
        r.steps[3].status = StepStatus::Sent {
            before: None,
            problem: None,
        };
        r.steps[4].status = StepStatus::Failed {
            reason: "+Access denied\nsecond line".into(),
        };
        r.closed = Some(Closing::Disabled);
        assert_eq!(HandoverRecord::from_text(&r.to_text()), Some(r));
        assert_eq!(HandoverRecord::from_text("garbage"), None);
        assert_eq!(HandoverRecord::from_text(""), None);
    }

    #[test]
    fn the_report_is_formula_safe_and_names_every_transfer() {
        let mut r = HandoverRecord::new("=cmd", "heir", &[Tasks]);
        r.steps[0].status = StepStatus::Done {
            warnings: Some("@Some tasks could not be transferred.".into()),
            by_server: false,
        };
        r.closed = Some(Closing::Disabled);
        let csv = r.report_csv();
        assert!(csv.contains("\"'=cmd\""), "{csv}");
        assert!(csv.contains("\"'@Some tasks"), "{csv}");
        assert!(
            csv.contains("TransferUserTasks,moves to the successor,done with a warning"),
            "{csv}"
        );
        assert_eq!(csv.lines().count(), 3);
    }

    #[test]
    fn holdings_are_summed_up_in_words() {
        use crate::user_statistics::Counter;
        let mut s = UserStatistics::default();
        assert_eq!(holdings_summary(&s), "nothing counted");
        s.set(Counter::CheckedOutDocuments, 3);
        s.set(Counter::QueuedTasks, 2);
        assert_eq!(
            holdings_summary(&s),
            "3 checked-out documents, up to 2 open workflow tasks"
        );
    }

    #[test]
    fn a_successor_is_someone_else_and_enabled() {
        assert_eq!(
            check_successor("jdoe", " ", None),
            Err(SuccessorProblem::Empty)
        );
        assert_eq!(
            check_successor("jdoe", "JDoe", None),
            Err(SuccessorProblem::IsTheLeaver)
        );
        assert_eq!(
            check_successor("jdoe", "amy", Some(false)),
            Err(SuccessorProblem::Disabled)
        );
        assert_eq!(check_successor("jdoe", "amy", Some(true)), Ok(()));
    }
}
