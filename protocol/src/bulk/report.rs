//! The results of a run, per row, and their CSV download.

use super::accounts::Action;
use super::columns::Column;
use super::plan::{FieldChange, RowPlan, RowState};
use super::sheet::write_row;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Changed,
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
        Action::Update => values(&|c| format!("{}: {} → {}", name(c.column), c.old, c.new)),
        Action::Create => {
            let given = values(&|c| format!("{}: {}", name(c.column), c.new));
            format!("New user. {given}").trim().to_string()
        }
        Action::Delete => "Delete the user.".to_string(),
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
        let final_name = if matches!(outcome, Some(Outcome::Changed)) {
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
