//! `handover` rows: a leaver's work goes to the row's `successor` — every TransferUser* call,
//! memberships first ([`RUN_ORDER`]) — and then, when the row's `enabled` says no, the account
//! is disabled. The row's only other cells are its action and user name: a hand-over changes
//! nothing else, so any other value is refused rather than silently dropped.

use super::columns::Column;
use super::plan::{Cells, Current, Findings, Step, word_bool};
use crate::handover_record::{RUN_ORDER, check_successor};
use crate::user::User;

/// The columns a `handover` row may fill.
const OWN: [Column; 4] = [
    Column::Action,
    Column::UserName,
    Column::Successor,
    Column::Enabled,
];

pub(super) fn handover_row(
    cells: &Cells,
    user: &User,
    current: &Current,
    found: &mut Findings,
) -> Vec<Step> {
    for column in Column::ALL.into_iter().filter(|c| !OWN.contains(c)) {
        if cells.get(column).is_some() {
            found.reject(
                column,
                "a handover row only hands work over (and disables); change this in an update row.",
            );
        }
    }
    if current.signed_in.trim().is_empty() {
        found.fail(
            "user name",
            "who is signed in is not known yet, so no one is handed over; preview again.",
        );
    } else if current.signed_in.eq_ignore_ascii_case(&user.user_name) {
        found.fail(
            "user name",
            "this is your own account; another administrator hands it over.",
        );
    }
    let Some(typed) = cells.get(Column::Successor).map(str::trim) else {
        found.reject(
            Column::Successor,
            "a handover row needs the user name of who takes the work over.",
        );
        return Vec::new();
    };
    let Some(successor) = current.users.get(&typed.to_lowercase()) else {
        found.reject(
            Column::Successor,
            &format!("there is no user “{typed}” on the server."),
        );
        return Vec::new();
    };
    if let Err(problem) = check_successor(
        &user.user_name,
        &successor.user_name,
        Some(successor.enabled),
    ) {
        found.reject(Column::Successor, &problem.to_string());
        return Vec::new();
    }
    found.change(
        Column::Successor,
        String::new(),
        successor.user_name.clone(),
    );
    let mut steps = transfers(&successor.user_name);
    match cells.get(Column::Enabled).map(|v| (v, word_bool(v))) {
        None => {}
        Some((_, Some(false))) if user.enabled => {
            found.change(Column::Enabled, "TRUE".into(), "FALSE".into());
            steps.push(Step::Status { enabled: false });
        }
        Some((_, Some(false))) => {}
        Some((_, Some(true))) => found.reject(
            Column::Enabled,
            "a handover row can disable the account (FALSE) or leave it as it is (empty), not enable it.",
        ),
        Some((v, None)) => found.reject(
            Column::Enabled,
            &format!("“{v}” is not yes or no (enabled/disabled)."),
        ),
    }
    steps
}

/// Every transfer to `successor`, memberships first.
pub(super) fn transfers(successor: &str) -> Vec<Step> {
    RUN_ORDER
        .iter()
        .map(|&kind| Step::Transfer {
            kind,
            successor: successor.to_string(),
        })
        .collect()
}

/// A successor belongs to a handover row only.
pub(super) fn refuse_successor(cells: &Cells, found: &mut Findings) {
    if cells.get(Column::Successor).is_some() {
        found.reject(
            Column::Successor,
            "only a handover row has a successor (action: handover).",
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use crate::bulk::accounts::Action;
    use crate::bulk::plan::{Current, RowState, Step, plan};
    use crate::bulk::sheet::parse_csv;
    use crate::handover::TransferKind;
    use crate::password_policy::PasswordPolicy;
    use crate::user::User;

    fn users() -> HashMap<String, User> {
        [
            ("mgarcia", true),
            ("Zoe", true),
            ("leaver", false),
            ("admin", true),
        ]
        .into_iter()
        .map(|(n, enabled)| {
            let user = User {
                user_name: n.into(),
                enabled,
                ..User::default()
            };
            (n.to_lowercase(), user)
        })
        .collect()
    }

    fn planned(csv: &str) -> Vec<crate::bulk::plan::RowPlan> {
        let users = users();
        let policy = PasswordPolicy::default();
        let current = Current {
            users: &users,
            complete: false,
            signed_in: "admin",
            policy: &policy,
            directory: None,
        };
        plan(&parse_csv(csv).unwrap(), &current)
    }

    #[test]
    fn a_handover_row_sends_every_transfer_memberships_first_then_disables() {
        let rows = planned("action,user_name,successor,enabled\nhandover,mgarcia,zoe,FALSE\n");
        let row = &rows[0];
        assert_eq!(row.action, Action::Handover);
        assert_eq!(row.state, RowState::Change);
        assert_eq!(row.steps.len(), 14);
        assert_eq!(
            row.steps[0],
            Step::Transfer {
                kind: TransferKind::DomainMemberships,
                successor: "Zoe".into()
            },
            "as the server spells the successor"
        );
        assert_eq!(row.steps[13], Step::Status { enabled: false });
        let without = planned("action,user_name,successor\nhandover,mgarcia,zoe\n");
        assert_eq!(without[0].steps.len(), 13, "the account stays as it is");
    }

    #[test]
    fn a_handover_row_is_refused_with_its_reason() {
        let reason = |csv: &str| match &planned(csv)[0].state {
            RowState::Invalid(r) => r.join(" "),
            other => panic!("{other:?}"),
        };
        let head = "action,user_name,successor";
        assert!(reason(&format!("{head}\nhandover,mgarcia,\n")).contains("needs the user name"));
        assert!(reason(&format!("{head}\nhandover,mgarcia,nobody\n")).contains("no user “nobody”"));
        assert!(reason(&format!("{head}\nhandover,mgarcia,MGARCIA\n")).contains("someone other"));
        assert!(reason(&format!("{head}\nhandover,mgarcia,leaver\n")).contains("disabled"));
        assert!(reason(&format!("{head}\nhandover,admin,zoe\n")).contains("your own account"));
        assert!(reason(&format!("{head}\nupdate,mgarcia,zoe\n")).contains("only a handover row"));
        assert!(
            reason(&format!("{head},email\nhandover,mgarcia,zoe,a@b.c\n")).contains("update row")
        );
        assert!(
            reason(&format!("{head},enabled\nhandover,mgarcia,zoe,TRUE\n")).contains("not enable")
        );
    }
}
