//! Planning: each row checked and compared with the server's current values, giving the diff
//! to preview and the calls to send. Nothing here sends anything.

use std::collections::HashMap;

use super::columns::Column;
use super::sheet::Sheet;
use crate::preferences::{EmailType, NotificationType, Preferences, parse_bool};
use crate::user::{User, is_native_source};
use crate::validate;

/// A cell that clears an optional text field (mobile, default portal). An empty cell leaves
/// the value as it is.
pub const CLEAR: &str = "(clear)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// UpdateUserProfile, always with all four values (current ones where the row keeps them).
    Profile {
        new_user_name: String,
        first_name: String,
        last_name: String,
        authentication_source: String,
    },
    /// UpdateUserContactInfo: when the mobile changes (the email is the new or current one).
    ContactInfo { email: String, mobile: String },
    /// UpdateUserEmail: when only the email changes.
    Email { new_email: String },
    /// UpdateUserPreferences with only the changed preferences.
    Preferences { changes: Preferences },
    /// ChangeUserStatus.
    Status { enabled: bool },
}

impl Step {
    pub fn operation(&self) -> &'static str {
        match self {
            Step::Profile { .. } => "UpdateUserProfile",
            Step::ContactInfo { .. } => "UpdateUserContactInfo",
            Step::Email { .. } => "UpdateUserEmail",
            Step::Preferences { .. } => "UpdateUserPreferences",
            Step::Status { .. } => "ChangeUserStatus",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub column: Column,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowState {
    Change,
    Unchanged,
    Invalid(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlan {
    pub line: usize,
    /// As the server spells it when known, else as typed.
    pub user_name: String,
    /// In sending order: the rename first, the status last.
    pub steps: Vec<Step>,
    pub changes: Vec<FieldChange>,
    pub state: RowState,
}

impl RowPlan {
    /// The user's name once the row is applied.
    pub fn final_user_name(&self) -> &str {
        self.steps
            .iter()
            .find_map(|s| match s {
                Step::Profile { new_user_name, .. } => Some(new_user_name.as_str()),
                _ => None,
            })
            .unwrap_or(&self.user_name)
    }
}

/// The server's current values. Keys are lowercase user names.
pub struct Current<'a> {
    pub users: &'a HashMap<String, User>,
    /// Whether `users` holds every account: then rename clashes with any account are caught.
    pub complete: bool,
}

/// The distinct user names the sheet addresses, for fetching current values.
pub fn user_names(sheet: &Sheet) -> Vec<String> {
    let Some(col) = sheet.index_of(Column::UserName) else {
        return Vec::new();
    };
    let mut seen = std::collections::HashSet::new();
    sheet
        .rows
        .iter()
        .filter_map(|r| r.cells.get(col))
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && seen.insert(c.to_lowercase()))
        .collect()
}

fn word_bool(v: &str) -> Option<bool> {
    parse_bool(v).or_else(|| match v.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" | "enabled" | "enable" | "active" => Some(true),
        "no" | "n" | "off" | "disabled" | "disable" | "inactive" => Some(false),
        _ => None,
    })
}

fn notification(v: &str) -> Option<NotificationType> {
    NotificationType::from_wire(v).or_else(|| match v.trim().to_ascii_lowercase().as_str() {
        "daily" => Some(NotificationType::DailyReport),
        "off" | "no" | "never" => Some(NotificationType::None),
        _ => None,
    })
}

fn shown_bool(b: Option<bool>) -> String {
    b.map_or("(not set)".into(), |b| {
        if b { "TRUE" } else { "FALSE" }.into()
    })
}

pub fn plan(sheet: &Sheet, current: &Current) -> Vec<RowPlan> {
    let col = |c: Column| sheet.index_of(c);
    let name_col = col(Column::UserName);
    let rename_col = col(Column::NewUserName);
    let cell = |row: &super::sheet::SheetRow, c: Option<usize>| -> Option<String> {
        c.and_then(|i| row.cells.get(i))
            .filter(|v| !v.trim().is_empty())
            .cloned()
    };
    // First line of each addressed user, and how many rows rename onto each name.
    let mut first_line: HashMap<String, usize> = HashMap::new();
    let mut rename_targets: HashMap<String, usize> = HashMap::new();
    for row in &sheet.rows {
        if let Some(n) = cell(row, name_col) {
            first_line
                .entry(n.trim().to_lowercase())
                .or_insert(row.line);
        }
        if let Some(n) = cell(row, rename_col) {
            *rename_targets.entry(n.to_lowercase()).or_default() += 1;
        }
    }

    sheet
        .rows
        .iter()
        .map(|row| {
            let mut errors = Vec::new();
            let line = row.line;
            let mut fail = |label: &str, message: String| {
                errors.push(format!("Line {line}, {label}: {message}"))
            };
            if row.cells.len() > sheet.headers.len() {
                fail(
                    "row",
                    format!(
                        "it has {} cells but the header has {}.",
                        row.cells.len(),
                        sheet.headers.len()
                    ),
                );
            }
            let typed = cell(row, name_col).unwrap_or_default();
            let key = typed.trim().to_lowercase();
            let mut user_name = typed.trim().to_string();
            let mut found: Option<&User> = None;
            if typed.trim().is_empty() {
                fail("user name", "a row needs a user name.".into());
            } else if let Some(&first) = first_line.get(&key)
                && first != line
            {
                fail(
                    "user name",
                    format!(
                        "{} already appears on line {first}; a user may appear once.",
                        typed.trim()
                    ),
                );
            } else {
                match current.users.get(&key) {
                    Some(u) => {
                        user_name = u.user_name.clone();
                        found = Some(u);
                    }
                    None => fail(
                        "user name",
                        format!("there is no user “{}” on the server.", typed.trim()),
                    ),
                }
            }
            let Some(user) = found else {
                return RowPlan {
                    line,
                    user_name,
                    steps: Vec::new(),
                    changes: Vec::new(),
                    state: RowState::Invalid(errors),
                };
            };

            let mut changes: Vec<FieldChange> = Vec::new();
            let mut changed = |column: Column, old: String, new: String| {
                changes.push(FieldChange { column, old, new })
            };
            let mut errs: Vec<String> = Vec::new();
            let mut check = |column: Column, result: Result<(), String>| {
                if let Err(m) = result {
                    errs.push(format!(
                        "Line {line}, {}: {m}",
                        column.label().to_lowercase()
                    ));
                    false
                } else {
                    true
                }
            };

            // Contact details.
            let mut new_email = None;
            if let Some(v) = cell(row, col(Column::Email))
                && check(Column::Email, validate::email(&v, true))
                && v != user.email
            {
                changed(Column::Email, user.email.clone(), v.clone());
                new_email = Some(v);
            }
            let mut new_mobile = None;
            if let Some(v) = cell(row, col(Column::Mobile)) {
                let value = if v.trim() == CLEAR {
                    String::new()
                } else {
                    v.clone()
                };
                if check(Column::Mobile, validate::mobile(&value))
                    && user.mobile_number.as_deref() != Some(value.as_str())
                {
                    changed(
                        Column::Mobile,
                        user.mobile_number
                            .clone()
                            .unwrap_or_else(|| "(unknown)".into()),
                        value.clone(),
                    );
                    new_mobile = Some(value);
                }
            }

            // Profile.
            let mut profile_changed = false;
            let mut new_name = user.user_name.clone();
            if let Some(v) = cell(row, rename_col)
                && check(Column::NewUserName, validate::user_name(&v))
                && v != user.user_name
            {
                let lower = v.to_lowercase();
                let clash_in_file = rename_targets.get(&lower).copied().unwrap_or(0) > 1
                    || (first_line.contains_key(&lower) && lower != user.user_name.to_lowercase());
                let clash_on_server = current
                    .users
                    .get(&lower)
                    .is_some_and(|other| other.user_name != user.user_name);
                if clash_in_file {
                    check(
                        Column::NewUserName,
                        Err(format!("“{v}” is also used by another row of this file.")),
                    );
                } else if clash_on_server {
                    check(
                        Column::NewUserName,
                        Err(format!("“{v}” is already taken on the server.")),
                    );
                } else {
                    changed(Column::NewUserName, user.user_name.clone(), v.clone());
                    new_name = v;
                    profile_changed = true;
                }
            }
            let mut first = user.first_name.clone();
            if let Some(v) = cell(row, col(Column::FirstName))
                && check(Column::FirstName, validate::person_name(&v, "first name"))
                && v != user.first_name
            {
                changed(Column::FirstName, user.first_name.clone(), v.clone());
                first = v;
                profile_changed = true;
            }
            let mut last = user.last_name.clone();
            if let Some(v) = cell(row, col(Column::LastName))
                && check(Column::LastName, validate::person_name(&v, "last name"))
                && v != user.last_name
            {
                changed(Column::LastName, user.last_name.clone(), v.clone());
                last = v;
                profile_changed = true;
            }
            let current_source = if user.authentication_authority.trim().is_empty() {
                "native".to_string()
            } else {
                user.authentication_authority.clone()
            };
            let mut source = current_source.clone();
            if let Some(v) = cell(row, col(Column::AuthSource))
                && check(
                    Column::AuthSource,
                    validate::short_text(&v, "An authentication source"),
                )
            {
                let same = (is_native_source(&v) && is_native_source(&current_source))
                    || v.trim().eq_ignore_ascii_case(current_source.trim());
                if !same {
                    changed(
                        Column::AuthSource,
                        current_source.clone(),
                        v.trim().to_string(),
                    );
                    source = v.trim().to_string();
                    profile_changed = true;
                }
            }

            // Preferences.
            let old = &user.preferences;
            let mut edited = old.clone();
            if let Some(v) = cell(row, col(Column::Language))
                && check(Column::Language, validate::short_text(&v, "A language"))
            {
                edited.language = Some(v);
            }
            if let Some(v) = cell(row, col(Column::DefaultPortal)) {
                let value = if v.trim() == CLEAR { String::new() } else { v };
                if check(
                    Column::DefaultPortal,
                    validate::short_text(&value, "A default portal"),
                ) {
                    edited.default_portal = Some(value);
                }
            }
            let bools = [
                (Column::ShowArchives, &mut edited.show_archives),
                (Column::ShowHiddens, &mut edited.show_hiddens),
                (
                    Column::AttachDocumentToEmail,
                    &mut edited.attach_document_to_email,
                ),
            ];
            for (column, slot) in bools {
                if let Some(v) = cell(row, col(column)) {
                    match word_bool(&v) {
                        Some(b) => *slot = Some(b),
                        None => {
                            check(column, Err(format!("“{v}” is not yes or no (true/false).")));
                        }
                    }
                }
            }
            if let Some(v) = cell(row, col(Column::NotificationType)) {
                match notification(&v) {
                    Some(n) => edited.notification_type = Some(n),
                    None => {
                        check(
                            Column::NotificationType,
                            Err(format!("“{v}” is not NONE, INSTANT or DAILY REPORT.")),
                        );
                    }
                }
            }
            if let Some(v) = cell(row, col(Column::EmailType)) {
                match EmailType::from_wire(&v) {
                    Some(t) => edited.email_type = Some(t),
                    None => {
                        check(
                            Column::EmailType,
                            Err(format!("“{v}” is not HTML or TEXT.")),
                        );
                    }
                }
            }
            let pref_changes = edited.changes_from(old);
            let text = |o: &Option<String>| o.clone().unwrap_or_else(|| "(not set)".into());
            if pref_changes.language.is_some() {
                changed(
                    Column::Language,
                    text(&old.language),
                    text(&edited.language),
                );
            }
            if pref_changes.default_portal.is_some() {
                changed(
                    Column::DefaultPortal,
                    text(&old.default_portal),
                    text(&edited.default_portal),
                );
            }
            if pref_changes.show_archives.is_some() {
                changed(
                    Column::ShowArchives,
                    shown_bool(old.show_archives),
                    shown_bool(edited.show_archives),
                );
            }
            if pref_changes.show_hiddens.is_some() {
                changed(
                    Column::ShowHiddens,
                    shown_bool(old.show_hiddens),
                    shown_bool(edited.show_hiddens),
                );
            }
            if pref_changes.attach_document_to_email.is_some() {
                changed(
                    Column::AttachDocumentToEmail,
                    shown_bool(old.attach_document_to_email),
                    shown_bool(edited.attach_document_to_email),
                );
            }
            if let Some(n) = pref_changes.notification_type {
                changed(
                    Column::NotificationType,
                    old.notification_type
                        .map_or("(not set)".into(), |o| o.as_wire().to_string()),
                    n.as_wire().into(),
                );
            }
            if let Some(t) = pref_changes.email_type {
                changed(
                    Column::EmailType,
                    old.email_type
                        .map_or("(not set)".into(), |o| o.as_wire().to_string()),
                    t.as_wire().into(),
                );
            }

            // Status.
            let mut new_enabled = None;
            if let Some(v) = cell(row, col(Column::Enabled)) {
                match word_bool(&v) {
                    Some(b) if b != user.enabled => {
                        changed(
                            Column::Enabled,
                            shown_bool(Some(user.enabled)),
                            shown_bool(Some(b)),
                        );
                        new_enabled = Some(b);
                    }
                    Some(_) => {}
                    None => {
                        check(
                            Column::Enabled,
                            Err(format!("“{v}” is not yes or no (enabled/disabled).")),
                        );
                    }
                }
            }

            errors.extend(errs);
            if !errors.is_empty() {
                return RowPlan {
                    line,
                    user_name,
                    steps: Vec::new(),
                    changes,
                    state: RowState::Invalid(errors),
                };
            }
            let mut steps = Vec::new();
            if profile_changed {
                steps.push(Step::Profile {
                    new_user_name: new_name,
                    first_name: first,
                    last_name: last,
                    authentication_source: source,
                });
            }
            match (new_mobile, new_email) {
                (Some(mobile), email) => steps.push(Step::ContactInfo {
                    email: email.unwrap_or_else(|| user.email.clone()),
                    mobile,
                }),
                (None, Some(new_email)) => steps.push(Step::Email { new_email }),
                (None, None) => {}
            }
            if !pref_changes.is_empty() {
                steps.push(Step::Preferences {
                    changes: pref_changes,
                });
            }
            if let Some(enabled) = new_enabled {
                steps.push(Step::Status { enabled });
            }
            let state = if steps.is_empty() {
                RowState::Unchanged
            } else {
                RowState::Change
            };
            RowPlan {
                line,
                user_name,
                steps,
                changes,
                state,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulk::sheet::parse_csv;

    fn users() -> HashMap<String, User> {
        let mk = |name: &str, email: &str, mobile: Option<&str>, enabled: bool| User {
            user_name: name.into(),
            first_name: "F".into(),
            last_name: "L".into(),
            email: email.into(),
            mobile_number: mobile.map(str::to_string),
            enabled,
            authentication_authority: "native".into(),
            preferences: Preferences {
                notification_type: Some(NotificationType::Instant),
                show_hiddens: Some(false),
                ..Default::default()
            },
            ..Default::default()
        };
        [
            mk("jdoe", "j@x.com", Some("+1555"), true),
            mk("asmith", "a@x.com", None, true),
            mk("Leaver", "l@x.com", Some(""), false),
        ]
        .into_iter()
        .map(|u| (u.user_name.to_lowercase(), u))
        .collect()
    }

    fn run(csv: &str) -> Vec<RowPlan> {
        let u = users();
        plan(
            &parse_csv(csv).unwrap(),
            &Current {
                users: &u,
                complete: true,
            },
        )
    }

    #[test]
    fn diffs_and_steps() {
        let p = run(
            "user_name,email,enabled,notification_type,show_hiddens\njdoe,new@x.com,no,daily report,yes\nLEAVER,l@x.com,false,instant,no\n",
        );
        assert_eq!(p[0].state, RowState::Change);
        assert_eq!(p[0].steps.len(), 3);
        assert_eq!(
            p[0].steps[0],
            Step::Email {
                new_email: "new@x.com".into()
            }
        );
        assert!(matches!(p[0].steps[1], Step::Preferences { .. }));
        assert_eq!(p[0].steps[2], Step::Status { enabled: false });
        assert_eq!(p[1].state, RowState::Unchanged, "{:?}", p[1]);
        assert_eq!(p[1].user_name, "Leaver");
    }

    #[test]
    fn mobile_unknown_or_cleared_uses_contact_info() {
        let p = run("user_name,mobile\nasmith,+4455\njdoe,(clear)\n");
        assert_eq!(
            p[0].steps,
            vec![Step::ContactInfo {
                email: "a@x.com".into(),
                mobile: "+4455".into()
            }]
        );
        assert_eq!(p[0].changes[0].old, "(unknown)");
        assert_eq!(
            p[1].steps,
            vec![Step::ContactInfo {
                email: "j@x.com".into(),
                mobile: String::new()
            }]
        );
    }

    #[test]
    fn rename_goes_first_with_current_values() {
        let p = run("user_name,new_user_name,enabled\njdoe,john.doe,false\n");
        assert_eq!(
            p[0].steps[0],
            Step::Profile {
                new_user_name: "john.doe".into(),
                first_name: "F".into(),
                last_name: "L".into(),
                authentication_source: "native".into()
            }
        );
        assert_eq!(p[0].final_user_name(), "john.doe");
        assert_eq!(p[0].steps.last(), Some(&Step::Status { enabled: false }));
    }

    #[test]
    fn invalid_rows_say_why() {
        let p = run(
            "user_name,email,new_user_name,enabled,auth_source\nnobody,a@b.c,,,\njdoe,bad,,,\njdoe,x@y.z,,,\nasmith,,Leaver,,\n,a@b.c,,,\nleaver,,,maybe,\njdoe2,,,,\n",
        );
        let reasons = |i: usize| match &p[i].state {
            RowState::Invalid(r) => r.join(" "),
            s => panic!("row {i} is {s:?}"),
        };
        assert!(reasons(0).contains("there is no user"));
        assert!(reasons(1).contains("Line 3, email"));
        assert!(reasons(2).contains("already appears on line 3"));
        assert!(
            reasons(3).contains("also used by another row") || reasons(3).contains("already taken"),
            "{}",
            reasons(3)
        );
        assert!(reasons(4).contains("needs a user name"));
        assert!(reasons(5).contains("not yes or no"));
        assert!(p.iter().all(|r| r.steps.is_empty()));
    }

    #[test]
    fn renames_clashing_within_the_file() {
        let p = run("user_name,new_user_name\njdoe,x.new\nasmith,X.NEW\n");
        assert!(matches!(&p[0].state, RowState::Invalid(r) if r[0].contains("another row")));
        assert!(matches!(&p[1].state, RowState::Invalid(_)));
    }

    #[test]
    fn native_sources_are_equal() {
        let p = run("user_name,auth_source\njdoe,INFOROUTER\nasmith,CORP-LDAP\n");
        assert_eq!(p[0].state, RowState::Unchanged);
        assert!(
            matches!(&p[1].steps[0], Step::Profile { authentication_source, .. } if authentication_source == "CORP-LDAP")
        );
    }

    #[test]
    fn ten_thousand_rows_plan_in_one_pass() {
        let mut all = HashMap::new();
        let mut csv = String::from("user_name,enabled\n");
        for n in 0..10_000 {
            let name = format!("u{n}");
            all.insert(
                name.clone(),
                User {
                    user_name: name.clone(),
                    enabled: true,
                    ..Default::default()
                },
            );
            csv.push_str(&format!("{name},no\n"));
        }
        let p = plan(
            &parse_csv(&csv).unwrap(),
            &Current {
                users: &all,
                complete: true,
            },
        );
        assert_eq!(
            p.iter().filter(|r| r.state == RowState::Change).count(),
            10_000
        );
    }
}
