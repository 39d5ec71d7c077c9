//! Rows that create or delete accounts. The `action` column says what a row does: `update`
//! (also an empty cell or no such column), `create` or `delete`. A `create` row is a CreateUser
//! and then, on the new account, the row's mobile, preferences and status; a `delete` row is
//! one DeleteUser. Either is checked in full before anything is sent.

use super::columns::Column;
use super::plan::{
    Cells, Current, FileIndex, Findings, Step, contact_step, settings_steps, word_bool,
};
use super::sheet::Sheet;
use crate::ApiError;
use crate::attribute::{self, Attribute};
use crate::lifecycle::CreateUser;
use crate::user::{User, is_native_source};
use crate::validate;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Action {
    #[default]
    Update,
    Create,
    Delete,
    /// Hand the user's work to the `successor` (and disable them when `enabled` says no).
    Handover,
}

impl Action {
    /// An `action` cell; an empty one is an update.
    pub fn from_cell(cell: &str) -> Result<Action, String> {
        match cell.trim().to_ascii_lowercase().as_str() {
            "" | "update" | "change" | "edit" | "modify" => Ok(Action::Update),
            "create" | "new" | "add" => Ok(Action::Create),
            "delete" | "remove" => Ok(Action::Delete),
            "handover" | "hand over" | "hand-over" | "transfer" | "leave" => Ok(Action::Handover),
            _ => Err(format!(
                "“{}” is not an action: use create, update, delete or handover (an empty cell updates).",
                cell.trim()
            )),
        }
    }

    /// The result of a row of this action that was applied.
    pub fn done_word(self) -> &'static str {
        match self {
            Action::Update => "changed",
            Action::Create => "created",
            Action::Delete => "deleted",
            Action::Handover => "handed over",
        }
    }
}

/// Whether a retried step's refusal means an earlier attempt did it, its answer lost on the
/// way (a proxy's 502, a timeout): a delete refused because the user is gone; a create
/// refused by the server (the name exists: `4090`, or `4000` with a text in any language),
/// when `now` (that user, read again) is the account it would have made; a rename refused as
/// `User not found` (the old name is gone), when `now` (read under the new name) has the
/// row's names. Then the row counts as applied and nothing is sent twice.
pub fn done_earlier(step: &Step, refusal: &ApiError, now: Option<&User>) -> bool {
    match (step, refusal) {
        (Step::Delete, ApiError::UserNotFound | ApiError::UserDeleted) => true,
        (
            Step::Profile {
                first_name,
                last_name,
                ..
            },
            ApiError::UserNotFound,
        ) => now.is_some_and(|user| user.first_name == *first_name && user.last_name == *last_name),
        (Step::Create(request), ApiError::UsernameExists | ApiError::Server { .. }) => now
            .is_some_and(|user| {
                user.first_name == request.first_name
                    && user.last_name == request.last_name
                    && user.email.eq_ignore_ascii_case(&request.email)
            }),
        _ => false,
    }
}

/// Whether any row of `sheet` creates a user (then planning needs the password policy).
pub fn creates_users(sheet: &Sheet) -> bool {
    sheet.index_of(Column::Action).is_some_and(|i| {
        sheet.rows.iter().any(|row| {
            row.cells
                .get(i)
                .is_some_and(|cell| Action::from_cell(cell) == Ok(Action::Create))
        })
    })
}

/// How the preview shows a password: never its text.
pub const PASSWORD_SET: &str = "(set)";

/// A `create` row: the name it takes (as typed) and its steps: CreateUser, then the row's
/// mobile, preferences and status as changes to the new, blank account.
pub(super) fn create_row(
    file: &FileIndex,
    current: &Current,
    cells: &Cells,
    typed: &str,
    found: &mut Findings,
) -> Vec<Step> {
    new_user_name(typed, file, current, found);
    for column in [
        Column::AddGroups,
        Column::RemoveGroups,
        Column::AddLibraries,
        Column::RemoveLibraries,
        Column::UserType,
    ] {
        if cells.get(column).is_some() {
            found.reject(
                column,
                "a new user's groups, libraries and type are set by an update row once it exists (read_only sets the type at creation).",
            );
        }
    }
    if cells.get(Column::NewUserName).is_some() {
        found.reject(
            Column::NewUserName,
            "a new user takes the name in user_name; leave this empty.",
        );
    }
    let first_name = required_name(cells, attribute::FIRST_NAME, found);
    let last_name = required_name(cells, attribute::LAST_NAME, found);
    let email = given(cells, Column::Email, found, attribute::EMAIL.check);
    let source = cells.get(Column::AuthSource).map_or("native", str::trim);
    let native = is_native_source(source);
    if !native {
        found.check(Column::AuthSource, (attribute::AUTHORITY.check)(source));
        found.change(Column::AuthSource, String::new(), source.to_string());
    }
    let password = new_password(cells, native, typed, &email, current, found);
    let read_only = match cells.get(Column::ReadOnly).map(|v| (v, word_bool(v))) {
        None => false,
        Some((_, Some(read_only))) => read_only,
        Some((v, None)) => {
            found.reject(Column::ReadOnly, &format!("“{v}” is not yes or no."));
            false
        }
    };
    if read_only {
        found.change(Column::ReadOnly, String::new(), "TRUE".into());
    }
    let domain_name = given(cells, Column::Domain, found, |v| {
        validate::short_text(v, "A domain")
    });
    // The rest of the row applies to the account as CreateUser leaves it.
    let blank = User {
        user_name: typed.to_string(),
        first_name: first_name.clone(),
        last_name: last_name.clone(),
        email: email.clone(),
        mobile_number: Some(String::new()),
        enabled: true,
        authentication_authority: source.to_string(),
        ..User::default()
    };
    let request = CreateUser {
        domain_name,
        user_name: typed.to_string(),
        first_name,
        last_name,
        email,
        password,
        read_only,
        authentication_source: if native {
            "native".into()
        } else {
            source.into()
        },
    };
    std::iter::once(Step::Create(request))
        .chain(contact_step(cells, &blank, found))
        .chain(settings_steps(cells, &blank, found))
        .collect()
}

/// A new name (present, and first in the file: checked for every row): valid, not the new
/// name of another row, and free on the server (`current` holds every user the sheet names,
/// or every account).
fn new_user_name(typed: &str, file: &FileIndex, current: &Current, found: &mut Findings) {
    let key = typed.to_lowercase();
    if !found.check(Column::UserName, (attribute::NEW_USER_NAME.check)(typed)) {
        return;
    }
    if current.users.contains_key(&key) {
        let message = format!(
            "“{typed}” already exists on the server; to change that user, make the action update."
        );
        found.fail("user name", &message);
    } else if file.rename_targets.contains_key(&key) {
        let message = format!("another row of this file renames a user to “{typed}”.");
        found.fail("user name", &message);
    }
}

fn required_name(cells: &Cells, attr: Attribute, found: &mut Findings) -> String {
    let column = attr.column;
    let label = column.label().to_lowercase();
    if cells.get(column).is_none() {
        found.reject(column, &format!("a new user needs a {label}."));
        return String::new();
    }
    given(cells, column, found, attr.check)
}

/// A cell's value when it is valid (and shown as given), else empty.
fn given(
    cells: &Cells,
    column: Column,
    found: &mut Findings,
    check: impl Fn(&str) -> Result<(), String>,
) -> String {
    let Some(v) = cells.get(column) else {
        return String::new();
    };
    if !found.check(column, check(v)) {
        return String::new();
    }
    found.change(column, String::new(), v.to_string());
    v.to_string()
}

/// Native users need a password that meets the server's policy; users of an external
/// authority sign in there and get none.
fn new_password(
    cells: &Cells,
    native: bool,
    user_name: &str,
    email: &str,
    current: &Current,
    found: &mut Findings,
) -> String {
    let cell = cells.get(Column::Password);
    match (native, cell) {
        (false, None) => String::new(),
        (false, Some(_)) => {
            found.reject(
                Column::Password,
                "users of an external authority sign in there; leave the password empty.",
            );
            String::new()
        }
        (true, None) => {
            found.reject(
                Column::Password,
                "a native user needs a first password that meets the server's policy.",
            );
            String::new()
        }
        (true, Some(password)) => {
            let unmet: Vec<String> = current
                .policy
                .check(password, user_name, email)
                .into_iter()
                .filter(|rule| !rule.met)
                .map(|rule| lowercase_first(&rule.text))
                .collect();
            if !unmet.is_empty() {
                let message = format!(
                    "the password does not meet the server's policy: {}.",
                    unmet.join("; ")
                );
                found.reject(Column::Password, &message);
            }
            found.change(Column::Password, String::new(), PASSWORD_SET.into());
            password.to_string()
        }
    }
}

/// An update row cannot set what only CreateUser sets: a password (administrators set one on
/// the user's page), the read-only flag or a domain. Said, rather than silently ignored.
pub(super) fn refuse_create_only_cells(cells: &Cells, found: &mut Findings) {
    for (column, why) in [
        (
            Column::Password,
            "only a create row sets a password; set an existing user's on their page.",
        ),
        (Column::ReadOnly, "only a create row sets it."),
        (Column::Domain, "only a create row sets it."),
    ] {
        if cells.get(column).is_some() {
            found.reject(column, why);
        }
    }
}

/// A checklist line ("At least 8 characters") inside a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A `delete` row: one DeleteUser, never of the account running the sheet (unknown: none).
pub(super) fn delete_row(user: &User, current: &Current, found: &mut Findings) -> Vec<Step> {
    if current.signed_in.trim().is_empty() {
        found.fail(
            "user name",
            "who is signed in is not known yet, so no one is deleted; preview again.",
        );
    } else if current.signed_in.eq_ignore_ascii_case(&user.user_name) {
        found.fail(
            "user name",
            "this is your own account; another administrator has to delete it.",
        );
    }
    vec![Step::Delete]
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::bulk::plan::{Current, RowPlan, RowState, plan};
    use crate::bulk::sheet::parse_csv;
    use crate::password_policy::PasswordPolicy;

    fn existing() -> HashMap<String, User> {
        ["jdoe", "Admin"]
            .into_iter()
            .map(|n| {
                let user = User {
                    user_name: n.into(),
                    enabled: true,
                    ..User::default()
                };
                (n.to_lowercase(), user)
            })
            .collect()
    }

    fn plans(csv: &str) -> Vec<RowPlan> {
        let policy = PasswordPolicy {
            min_len: 8,
            digits: true,
            ..PasswordPolicy::default()
        };
        let users = existing();
        let current = Current {
            users: &users,
            complete: true,
            signed_in: "admin",
            policy: &policy,
            directory: None,
        };
        plan(&parse_csv(csv).unwrap(), &current)
    }

    fn reasons(plan: &RowPlan) -> String {
        match &plan.state {
            RowState::Invalid(r) => r.join(" "),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_create_row_is_create_user_then_the_rest_on_the_new_account() {
        let csv = "action,user_name,first_name,last_name,email,password,mobile,enabled,show_hiddens\n\
                   create,ann.lee,Ann,Lee,ann@x.com,Secret-2026,+1555,no,yes\n";
        let p = &plans(csv)[0];
        assert_eq!((p.action, &p.state), (Action::Create, &RowState::Change));
        let Step::Create(request) = &p.steps[0] else {
            panic!("{:?}", p.steps)
        };
        assert_eq!(request.user_name, "ann.lee");
        assert_eq!(request.authentication_source, "native");
        assert_eq!(request.password, "Secret-2026");
        assert!(
            matches!(&p.steps[1], Step::ContactInfo { email, mobile } if email == "ann@x.com" && mobile == "+1555")
        );
        assert!(matches!(&p.steps[2], Step::Preferences { .. }));
        assert_eq!(p.steps[3], Step::Status { enabled: false });
        let shown = format!("{p:?}");
        assert!(!shown.contains("Secret-2026"), "{shown}");
        assert!(
            p.changes
                .iter()
                .any(|c| c.column == Column::Password && c.new == PASSWORD_SET)
        );
    }

    #[test]
    fn create_rows_are_checked_before_anything_is_sent() {
        let csv = "action,user_name,first_name,last_name,password,auth_source,new_user_name\n\
                   create,JDOE,J,Doe,Secret-2026,,\n\
                   create,short.pw,S,P,abc,,\n\
                   create,no.pw,N,P,,,\n\
                   create,ldap.user,L,U,Secret-2026,CORP,\n\
                   create,no.last,N,,Secret-2026,,\n\
                   create,renamed,R,N,Secret-2026,,other\n\
                   create,ldap.ok,L,O,,CORP,\n\
                   explode,x,X,Y,,,\n";
        let p = plans(csv);
        assert!(reasons(&p[0]).contains("already exists on the server"));
        assert!(reasons(&p[1]).contains("does not meet the server's policy"));
        assert!(reasons(&p[2]).contains("needs a first password"));
        assert!(reasons(&p[3]).contains("leave the password empty"));
        assert!(reasons(&p[4]).contains("needs a last name"));
        assert!(reasons(&p[5]).contains("leave this empty"));
        assert_eq!(p[6].state, RowState::Change);
        let Step::Create(request) = &p[6].steps[0] else {
            panic!()
        };
        assert_eq!(
            (
                request.authentication_source.as_str(),
                request.password.as_str()
            ),
            ("CORP", "")
        );
        assert!(reasons(&p[7]).contains("is not an action"));
        assert!(
            p.iter()
                .filter(|p| p.state != RowState::Change)
                .all(|p| p.steps.is_empty())
        );
    }

    #[test]
    fn a_name_is_created_once_and_never_over_a_rename() {
        let csv = "action,user_name,new_user_name,first_name,last_name,password\n\
                   create,twice,,T,W,Secret-2026\n\
                   create,Twice,,T,W,Secret-2026\n\
                   ,jdoe,taken.new,,,\n\
                   create,taken.new,,T,N,Secret-2026\n";
        let p = plans(csv);
        assert_eq!(p[0].state, RowState::Change);
        assert!(reasons(&p[1]).contains("already appears on line 2"));
        assert!(reasons(&p[3]).contains("renames a user to"));
    }

    #[test]
    fn every_action_has_the_row_checks() {
        let csv = "action,user_name,first_name,last_name,password\n\
                   create,extra.cells,E,C,Secret-2026,surplus\n\
                   create,,N,O,Secret-2026\n";
        let p = plans(csv);
        assert!(reasons(&p[0]).contains("6 cells but the header has 5"));
        assert!(reasons(&p[1]).contains("needs a user name"));
    }

    #[test]
    fn a_delete_row_deletes_an_existing_user_but_not_oneself() {
        let csv = "action,user_name\ndelete,JDOE\nremove,nobody\nDelete,admin\n";
        let p = plans(csv);
        assert_eq!(
            (p[0].action, p[0].user_name.as_str()),
            (Action::Delete, "jdoe")
        );
        assert_eq!(p[0].steps, vec![Step::Delete]);
        assert!(reasons(&p[1]).contains("no user “nobody”"));
        assert!(reasons(&p[2]).contains("your own account"));
    }

    #[test]
    fn the_policy_is_needed_only_when_a_row_creates() {
        let creates = |csv: &str| creates_users(&parse_csv(csv).unwrap());
        assert!(creates("action,user_name\n,jdoe\nNEW,x\n"));
        assert!(!creates("action,user_name\ndelete,jdoe\n"));
        assert!(!creates("user_name,email\ncreate,x@y.z\n"));
    }

    #[test]
    fn a_refused_retry_is_done_only_when_the_server_shows_it_was() {
        let csv = "action,user_name,first_name,last_name,email,password\n\
                   create,ann.lee,Ann,Lee,ann@x.com,Secret-2026\n";
        let create = plans(csv)[0].steps[0].clone();
        let made = User {
            user_name: "ann.lee".into(),
            first_name: "Ann".into(),
            last_name: "Lee".into(),
            email: "ANN@x.com".into(),
            ..User::default()
        };
        let other = User {
            first_name: "Someone".into(),
            ..made.clone()
        };
        assert!(done_earlier(
            &create,
            &ApiError::UsernameExists,
            Some(&made)
        ));
        assert!(!done_earlier(
            &create,
            &ApiError::UsernameExists,
            Some(&other)
        ));
        assert!(!done_earlier(&create, &ApiError::UsernameExists, None));
        assert!(!done_earlier(&create, &ApiError::UserNotFound, Some(&made)));
        let localised = ApiError::Server {
            code: Some(4000),
            message: "Der Benutzername ist bereits vergeben".into(),
        };
        assert!(done_earlier(&create, &localised, Some(&made)));
        assert!(done_earlier(&Step::Delete, &ApiError::UserNotFound, None));
        assert!(!done_earlier(
            &Step::Delete,
            &ApiError::UsernameExists,
            None
        ));
        assert!(!done_earlier(
            &Step::Status { enabled: true },
            &ApiError::UserNotFound,
            None
        ));
    }

    #[test]
    fn a_retried_rename_refused_as_not_found_is_done_when_the_new_name_has_the_row() {
        let rename = Step::Profile {
            new_user_name: "ann.smith".into(),
            first_name: "Ann".into(),
            last_name: "Smith".into(),
            authentication_source: "native".into(),
        };
        let renamed = User {
            user_name: "ann.smith".into(),
            first_name: "Ann".into(),
            last_name: "Smith".into(),
            ..User::default()
        };
        let someone_else = User {
            first_name: "Bob".into(),
            ..renamed.clone()
        };
        assert!(done_earlier(
            &rename,
            &ApiError::UserNotFound,
            Some(&renamed)
        ));
        assert!(!done_earlier(
            &rename,
            &ApiError::UserNotFound,
            Some(&someone_else)
        ));
        assert!(!done_earlier(&rename, &ApiError::UserNotFound, None));
        assert!(!done_earlier(
            &rename,
            &ApiError::UsernameExists,
            Some(&renamed)
        ));
    }

    #[test]
    fn update_rows_cannot_set_what_only_a_create_sets() {
        let csv = "user_name,password,read_only,domain\njdoe,Secret-2026,yes,IT\n";
        let why = reasons(&plans(csv)[0]);
        assert!(why.contains("only a create row sets a password"), "{why}");
        assert!(why.contains("read-only: only a create row"), "{why}");
        assert!(why.contains("domain: only a create row"), "{why}");
    }

    #[test]
    fn actions_read_in_any_case_and_empty_is_update() {
        assert_eq!(Action::from_cell(" "), Ok(Action::Update));
        assert_eq!(Action::from_cell("CREATE"), Ok(Action::Create));
        assert_eq!(Action::from_cell("remove"), Ok(Action::Delete));
        assert!(Action::from_cell("purge").is_err());
    }
}
