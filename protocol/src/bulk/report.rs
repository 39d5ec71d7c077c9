//! The results of a run, per row, and their CSV download.

use super::accounts::Action;
use super::columns::Column;
use super::plan::{FieldChange, RowPlan, RowState, Step};
use super::sheet::write_row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    /// Applied, and the server warned that part of it was not (a hand-over's work that stayed
    /// with the leaver): its words, in full.
    Warned {
        warnings: String,
    },
    Unchanged,
    /// `step` is the operation that failed; earlier steps of the row were applied.
    Failed {
        step: Option<&'static str>,
        /// Plain words for the person ([`crate::ApiError::user_message`]).
        reason: String,
        /// What an administrator needs ([`crate::ApiError::technical_detail`]), if anything.
        detail: Option<String>,
    },
    /// Not sent: invalid in the preview, or cancelled.
    Skipped {
        reason: String,
    },
}

/// How a run stands: rows to send and sent, and each row's outcome, with what was applied
/// told apart by action (changed, created, deleted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub to_send: usize,
    /// Of `to_send`: the rows that create, that delete, and that hand over a user.
    pub creates: usize,
    pub deletes: usize,
    pub handovers: usize,
    pub sent: usize,
    pub changed: usize,
    pub created: usize,
    pub deleted: usize,
    pub handed_over: usize,
    /// Of those applied: with the server's warning.
    pub warned: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Of the rows to send: skipped before they were sent (a cancelled run, a refusal at run
    /// time), so no longer waiting either.
    pub withdrawn: usize,
}

impl Counts {
    pub fn plan_to_send(&mut self, action: Action) {
        self.to_send += 1;
        match action {
            Action::Update => {}
            Action::Create => self.creates += 1,
            Action::Delete => self.deletes += 1,
            Action::Handover => self.handovers += 1,
        }
    }

    /// A row's outcome; every outcome but a skip was sent.
    pub fn record(&mut self, outcome: &Outcome, action: Action) {
        if let Outcome::Warned { .. } = outcome {
            self.warned += 1;
        }
        match (outcome, action) {
            (Outcome::Changed | Outcome::Warned { .. }, Action::Update) => self.changed += 1,
            (Outcome::Changed | Outcome::Warned { .. }, Action::Create) => self.created += 1,
            (Outcome::Changed | Outcome::Warned { .. }, Action::Delete) => self.deleted += 1,
            (Outcome::Changed | Outcome::Warned { .. }, Action::Handover) => self.handed_over += 1,
            (Outcome::Unchanged, _) => self.unchanged += 1,
            (Outcome::Failed { .. }, _) => self.failed += 1,
            (Outcome::Skipped { .. }, _) => {
                self.skipped += 1;
                self.withdrawn += 1;
            }
        }
        if !matches!(outcome, Outcome::Skipped { .. }) {
            self.sent += 1;
        }
    }

    /// Rows to send that are neither sent nor withdrawn.
    pub fn waiting(&self) -> usize {
        self.to_send.saturating_sub(self.sent + self.withdrawn)
    }

    fn updates(&self) -> usize {
        self.to_send - self.creates - self.deletes - self.handovers
    }

    /// What every row to send does, when they all do the same (no creates, deletes or
    /// hand-overs: updates, even when there is nothing to send).
    pub fn sole_action(&self) -> Option<Action> {
        let others = [
            (self.creates, Action::Create),
            (self.deletes, Action::Delete),
            (self.handovers, Action::Handover),
        ];
        let mut present = others.iter().filter(|(n, _)| *n > 0);
        match (self.updates() > 0, present.next(), present.next()) {
            (_, None, _) => Some(Action::Update),
            (false, Some(&(_, only)), None) => Some(only),
            _ => None,
        }
    }

    /// `8 rows: 3 to change, 0 changed, 1 unchanged, 0 failed, 4 skipped.`, naming creates
    /// and deletes when the run has them.
    pub fn summary(&self) -> String {
        let updates = self.updates();
        let (creates, deletes, handovers) =
            (self.creates > 0, self.deletes > 0, self.handovers > 0);
        let pending = match self.sole_action() {
            Some(Action::Update) => "to change",
            Some(Action::Create) => "to create",
            Some(Action::Delete) => "to delete",
            Some(Action::Handover) => "to hand over",
            None => "to send",
        };
        let mut parts = vec![format!("{} {pending}", self.waiting())];
        if updates > 0 || !(creates || deletes || handovers) {
            parts.push(format!("{} changed", self.changed));
        }
        if creates {
            parts.push(format!("{} created", self.created));
        }
        if deletes {
            parts.push(format!("{} deleted", self.deleted));
        }
        if handovers {
            parts.push(format!("{} handed over", self.handed_over));
        }
        if self.warned > 0 {
            parts.push(format!("{} with warnings", self.warned));
        }
        parts.push(format!("{} unchanged", self.unchanged));
        parts.push(format!("{} failed", self.failed));
        parts.push(format!("{} skipped", self.skipped));
        let rows = crate::words::counted(self.total as u64, "rows");
        format!("{rows}: {}.", parts.join(", "))
    }
}

/// `email: a → b; enabled: TRUE → FALSE`, with the columns' headers.
pub fn changes_summary(plan: &RowPlan) -> String {
    describe_changes(plan, Column::header)
}

/// What a row does, its columns named by `name`: an update's `old → new` per value; a new
/// user's values (a password only as `(set)`); a delete in words.
pub fn describe_changes(plan: &RowPlan, name: fn(Column) -> &'static str) -> String {
    let values = |f: &dyn Fn(&FieldChange) -> String| {
        plan.changes.iter().map(f).collect::<Vec<_>>().join("; ")
    };
    match plan.action {
        // A list of groups or libraries to join or leave has no old value.
        Action::Update => values(&|c| match c.old.is_empty() && c.column.is_list() {
            true => format!("{}: {}", name(c.column), c.new),
            false => format!("{}: {} → {}", name(c.column), c.old, c.new),
        }),
        Action::Create => {
            let given = values(&|c| format!("{}: {}", name(c.column), c.new));
            format!("New user. {given}").trim().to_string()
        }
        Action::Delete => "Delete the user.".to_string(),
        Action::Handover => {
            let to = plan.changes.iter().find(|c| c.column == Column::Successor);
            match to {
                None => "Hand over.".to_string(),
                Some(to) if plan.steps.contains(&Step::Status { enabled: false }) => {
                    format!("Hand over to {}, then disable.", to.new)
                }
                Some(to) => format!("Hand over to {}.", to.new),
            }
        }
    }
}

/// One line per row: line, user_name, final_user_name, result, operation, reason, detail,
/// changes. Every cell is neutralised against spreadsheet formulas ([`write_row`]); the
/// console's reader gives back the values as they were, so the file can be read back in (its
/// `user_name` column is recognised, the others are offered for mapping).
pub fn results_csv(rows: &[(RowPlan, Option<Outcome>)]) -> String {
    let mut out = String::new();
    write_row(
        &mut out,
        [
            "line",
            "user_name",
            "final_user_name",
            "result",
            "operation",
            "reason",
            "detail",
            "changes",
        ],
    );
    for (plan, outcome) in rows {
        let (result, operation, reason, detail) = match outcome {
            Some(Outcome::Changed) => (plan.action.done_word(), "", String::new(), ""),
            Some(Outcome::Warned { warnings }) => {
                (plan.action.done_word(), "", warnings.clone(), "")
            }
            Some(Outcome::Unchanged) => ("unchanged", "", String::new(), ""),
            Some(Outcome::Failed {
                step,
                reason,
                detail,
            }) => (
                "failed",
                step.unwrap_or(""),
                reason.clone(),
                detail.as_deref().unwrap_or(""),
            ),
            Some(Outcome::Skipped { reason }) => ("skipped", "", reason.clone(), ""),
            None => match &plan.state {
                RowState::Invalid(r) => ("skipped", "", r.join(" "), ""),
                _ => ("pending", "", String::new(), ""),
            },
        };
        let final_name = if matches!(outcome, Some(Outcome::Changed | Outcome::Warned { .. })) {
            plan.final_user_name()
        } else {
            plan.user_name.as_str()
        };
        write_row(
            &mut out,
            [
                plan.line.to_string().as_str(),
                &plan.user_name,
                final_name,
                result,
                operation,
                &reason,
                detail,
                &changes_summary(plan),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::plan::Step;

    #[test]
    fn summaries_name_what_the_run_does() {
        let mut c = Counts {
            total: 5,
            unchanged: 1,
            ..Counts::default()
        };
        c.plan_to_send(Action::Update);
        c.plan_to_send(Action::Update);
        assert_eq!(
            c.summary(),
            "5 rows: 2 to change, 0 changed, 1 unchanged, 0 failed, 0 skipped."
        );
        c.record(&Outcome::Changed, Action::Update);
        assert_eq!(
            c.summary(),
            "5 rows: 1 to change, 1 changed, 1 unchanged, 0 failed, 0 skipped."
        );
        let mut d = Counts {
            total: 3,
            ..Counts::default()
        };
        d.plan_to_send(Action::Delete);
        d.plan_to_send(Action::Delete);
        d.record(&Outcome::Changed, Action::Delete);
        d.record(
            &Outcome::Skipped {
                reason: "own".into(),
            },
            Action::Delete,
        );
        assert_eq!(
            d.summary(),
            "3 rows: 0 to delete, 1 deleted, 0 unchanged, 0 failed, 1 skipped."
        );
        d.plan_to_send(Action::Create);
        assert_eq!(
            d.summary(),
            "3 rows: 1 to send, 0 created, 1 deleted, 0 unchanged, 0 failed, 1 skipped."
        );
    }

    #[test]
    fn results_round_trip_through_a_csv_reader() {
        let plan = RowPlan {
            line: 2,
            action: Action::Update,
            user_name: "o'brien, \"tom\"".into(),
            steps: vec![Step::Profile {
                new_user_name: "tom".into(),
                first_name: "T".into(),
                last_name: "O".into(),
                authentication_source: "native".into(),
            }],
            changes: vec![FieldChange {
                column: Column::NewUserName,
                old: "o'brien, \"tom\"".into(),
                new: "tom".into(),
            }],
            state: RowState::Change,
        };
        let csv = results_csv(&[
            (plan.clone(), Some(Outcome::Changed)),
            (
                plan.clone(),
                Some(Outcome::Failed {
                    step: Some("UpdateUserProfile"),
                    reason: "Username already exists\nreally".into(),
                    detail: Some("Operation: UpdateUserProfile\nHTTP status: 500".into()),
                }),
            ),
            (plan, None),
        ]);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][1], "o'brien, \"tom\"");
        assert_eq!(&rows[0][2], "tom");
        assert_eq!(&rows[0][3], "changed");
        assert_eq!(&rows[1][4], "UpdateUserProfile");
        assert_eq!(&rows[1][5], "Username already exists\nreally");
        assert_eq!(
            &rows[1][6],
            "Operation: UpdateUserProfile\nHTTP status: 500"
        );
        assert_eq!(&rows[0][6], "");
        assert_eq!(&rows[2][3], "pending");
        assert!(rows[0][7].contains("new_user_name: o'brien"));
    }
}
