//! Plans for users selected in the list (this page, or every match): enabling, disabling or
//! deleting them goes through the same runner and results as a CSV.

use super::accounts::Action;
use super::columns::Column;
use super::handover_rows::transfers;
use super::plan::{FieldChange, RowPlan, RowState, Step};
use crate::handover_record::check_successor;
use crate::user::User;

/// The plan that hands one selected user's work to `successor` (as the server knows them),
/// then disables them when `disable` says so and they are enabled. Never one's own account.
pub fn handover(
    line: usize,
    user_name: String,
    enabled: bool,
    successor: &User,
    disable: bool,
    signed_in: &str,
) -> RowPlan {
    let refusal = if signed_in.trim().is_empty() {
        Some("who is signed in is not known yet, so no one is handed over.".to_string())
    } else if user_name.eq_ignore_ascii_case(signed_in.trim()) {
        Some(format!(
            "{user_name} is your own account; another administrator hands it over."
        ))
    } else {
        check_successor(&user_name, &successor.user_name, Some(successor.enabled))
            .err()
            .map(|p| p.to_string())
    };
    let mut changes = vec![FieldChange {
        column: Column::Successor,
        old: String::new(),
        new: successor.user_name.clone(),
    }];
    let (steps, state) = match refusal {
        Some(reason) => (
            Vec::new(),
            RowState::Invalid(vec![format!("Line {line}: {reason}")]),
        ),
        None => {
            let mut steps = transfers(&successor.user_name);
            if disable && enabled {
                steps.push(Step::Status { enabled: false });
                changes.push(FieldChange {
                    column: Column::Enabled,
                    old: "TRUE".into(),
                    new: "FALSE".into(),
                });
            }
            (steps, RowState::Change)
        }
    };
    RowPlan {
        line,
        action: Action::Handover,
        user_name,
        steps,
        changes,
        state,
    }
}

/// The plan that deletes one selected user; `signed_in` (who runs it) is never deleted, and
/// while it is unknown (empty) no one is.
pub fn deletion(line: usize, user_name: String, signed_in: &str) -> RowPlan {
    let refusal = if signed_in.trim().is_empty() {
        Some("who is signed in is not known yet, so no one is deleted.".to_string())
    } else if user_name.eq_ignore_ascii_case(signed_in) {
        Some(format!(
            "{user_name} is your own account; another administrator has to delete it."
        ))
    } else {
        None
    };
    let (steps, state) = if let Some(reason) = refusal {
        let reason = format!("Line {line}: {reason}");
        (Vec::new(), RowState::Invalid(vec![reason]))
    } else {
        (vec![Step::Delete], RowState::Change)
    };
    RowPlan {
        line,
        action: Action::Delete,
        user_name,
        steps,
        changes: Vec::new(),
        state,
    }
}

/// The plan for one selected user: a status change, or nothing when the user already is
/// `target` (enabled or not).
pub fn status_change(line: usize, user_name: String, enabled: bool, target: bool) -> RowPlan {
    let word = |b: bool| if b { "TRUE" } else { "FALSE" }.to_string();
    let (steps, changes, state) = if enabled == target {
        (Vec::new(), Vec::new(), RowState::Unchanged)
    } else {
        (
            vec![Step::Status { enabled: target }],
            vec![FieldChange {
                column: Column::Enabled,
                old: word(enabled),
                new: word(target),
            }],
            RowState::Change,
        )
    };
    RowPlan {
        line,
        action: Action::Update,
        user_name,
        steps,
        changes,
        state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_selected_leaver_hands_over_then_is_disabled_but_never_to_themselves() {
        let zoe = User {
            user_name: "zoe".into(),
            enabled: true,
            ..User::default()
        };
        let plan = handover(1, "mgarcia".into(), true, &zoe, true, "admin");
        assert_eq!(plan.state, RowState::Change);
        assert_eq!(plan.steps.len(), 14);
        assert_eq!(plan.steps[13], Step::Status { enabled: false });
        let kept = handover(1, "mgarcia".into(), true, &zoe, false, "admin");
        assert_eq!(kept.steps.len(), 13);
        let to_self = handover(2, "Zoe".into(), true, &zoe, true, "admin");
        assert!(matches!(to_self.state, RowState::Invalid(_)));
        let own = handover(3, "admin".into(), true, &zoe, true, "admin");
        assert!(matches!(own.state, RowState::Invalid(r) if r[0].contains("your own")));
        let gone = User {
            enabled: false,
            ..zoe
        };
        let disabled = handover(4, "mgarcia".into(), true, &gone, true, "admin");
        assert!(matches!(disabled.state, RowState::Invalid(r) if r[0].contains("disabled")));
    }

    #[test]
    fn a_change_is_one_status_step_with_its_diff() {
        let plan = status_change(3, "jdoe".into(), true, false);
        assert_eq!(plan.line, 3);
        assert_eq!(plan.state, RowState::Change);
        assert!(matches!(plan.steps[..], [Step::Status { enabled: false }]));
        assert_eq!(
            (plan.changes[0].old.as_str(), plan.changes[0].new.as_str()),
            ("TRUE", "FALSE")
        );
    }

    #[test]
    fn a_deletion_is_one_delete_step_but_never_of_oneself() {
        let plan = deletion(2, "jdoe".into(), "admin");
        assert_eq!(
            (plan.action, plan.state),
            (Action::Delete, RowState::Change)
        );
        assert_eq!(plan.steps, vec![Step::Delete]);
        let own = deletion(3, "Admin".into(), "admin");
        assert!(own.steps.is_empty());
        assert!(matches!(&own.state, RowState::Invalid(r) if r[0].contains("your own account")));
        assert!(deletion(4, "jdoe".into(), "").steps.is_empty());
    }

    #[test]
    fn no_change_sends_nothing() {
        let plan = status_change(1, "jdoe".into(), false, false);
        assert_eq!(plan.state, RowState::Unchanged);
        assert!(plan.steps.is_empty() && plan.changes.is_empty());
    }
}
