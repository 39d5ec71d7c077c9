//! Planning: each row checked and compared with the server's current values, giving the diff
//! to preview and the calls to send. Nothing here sends anything.

use std::collections::{HashMap, HashSet};

use super::accounts::{self, Action};
use super::columns::Column;
use super::handover_rows;
use super::memberships::{self, Directory, GroupName};
use super::sheet::{Sheet, SheetRow};
use crate::account_admin::UserType;
use crate::attribute::{self, Attribute};
use crate::handover::TransferKind;
use crate::lifecycle::CreateUser;
use crate::password_policy::PasswordPolicy;
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
    /// CreateUser, first in a `create` row.
    Create(CreateUser),
    /// DeleteUser (DeleteUser1 when the server asks for the administrator's password).
    Delete,
    /// AddUsergroupMember (`add`) or RemoveUsergroupMember.
    Group { group: GroupName, add: bool },
    /// AddUserAsDomainMember (`add`) or RemoveUserFromDomainMembership.
    Library { library: String, add: bool },
    /// ChangeUserType.
    UserType(UserType),
    /// One TransferUser* call handing the row's user's work of `kind` to `successor`.
    Transfer {
        kind: TransferKind,
        successor: String,
    },
}

impl Step {
    pub fn operation(&self) -> &'static str {
        match self {
            Step::Profile { .. } => "UpdateUserProfile",
            Step::ContactInfo { .. } => "UpdateUserContactInfo",
            Step::Email { .. } => "UpdateUserEmail",
            Step::Preferences { .. } => "UpdateUserPreferences",
            Step::Status { .. } => "ChangeUserStatus",
            Step::Create(_) => "CreateUser",
            Step::Delete => "DeleteUser",
            Step::Transfer { kind, .. } => kind.operation_name(),
            Step::Group { add: true, .. } => "AddUsergroupMember",
            Step::Group { add: false, .. } => "RemoveUsergroupMember",
            Step::Library { add: true, .. } => "AddUserAsDomainMember",
            Step::Library { add: false, .. } => "RemoveUserFromDomainMembership",
            Step::UserType(_) => "ChangeUserType",
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
    pub action: Action,
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
    /// Who runs the sheet: nobody deletes their own account.
    pub signed_in: &'a str,
    /// The server's policy, which the passwords of `create` rows must meet.
    pub policy: &'a PasswordPolicy,
    /// The server's groups and libraries, read when the sheet names any (memberships columns).
    pub directory: Option<&'a Directory>,
}

/// The distinct user names the sheet addresses, successors included, for fetching current
/// values.
pub fn user_names(sheet: &Sheet) -> Vec<String> {
    let Some(col) = sheet.index_of(Column::UserName) else {
        return Vec::new();
    };
    let successor = sheet.index_of(Column::Successor);
    let mut seen = HashSet::new();
    sheet
        .rows
        .iter()
        .flat_map(|r| {
            [Some(col), successor]
                .into_iter()
                .flatten()
                .filter_map(|i| r.cells.get(i))
        })
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty() && seen.insert(c.to_lowercase()))
        .collect()
}

/// How the preview shows a value the server did not give.
const NOT_SET: &str = "(not set)";

pub(super) fn word_bool(v: &str) -> Option<bool> {
    parse_bool(v).or_else(|| match v.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "on" | "enabled" | "enable" | "active" => Some(true),
        "no" | "n" | "off" | "disabled" | "disable" | "inactive" => Some(false),
        _ => None,
    })
}

/// A cell of an optional text field: [`CLEAR`] asks for the empty value.
fn cleared(v: &str) -> &str {
    if v.trim() == CLEAR { "" } else { v }
}

pub fn plan(sheet: &Sheet, current: &Current) -> Vec<RowPlan> {
    let file = FileIndex::new(sheet);
    sheet
        .rows
        .iter()
        .map(|row| plan_row(&file, current, row))
        .collect()
}

/// One row: what it does (its `action`), and the user it addresses; for an update, each
/// operation's diff in preview order (contact details, profile, preferences, status), the
/// steps in sending order (the rename first).
fn plan_row(file: &FileIndex, current: &Current, row: &SheetRow) -> RowPlan {
    let cells = Cells {
        sheet: file.sheet,
        row,
    };
    let mut found = Findings::new(row.line);
    let action = match cells.get(Column::Action).map(Action::from_cell) {
        None => Action::Update,
        Some(Ok(action)) => action,
        Some(Err(message)) => {
            found.reject(Column::Action, &message);
            let typed = cells.get(Column::UserName).unwrap_or_default().trim();
            return found.finish(Action::Update, typed.to_string(), Vec::new());
        }
    };
    let typed = cells.get(Column::UserName).unwrap_or_default().trim();
    if !row_checks(file, &cells, typed, &mut found) {
        return found.finish(action, typed.to_string(), Vec::new());
    }
    if action == Action::Create {
        let steps = accounts::create_row(file, current, &cells, typed, &mut found);
        return found.finish(action, typed.to_string(), steps);
    }
    let Some(user) = current.users.get(&typed.to_lowercase()) else {
        found.fail(
            "user name",
            &format!("there is no user “{typed}” on the server."),
        );
        return found.finish(action, typed.to_string(), Vec::new());
    };
    // As the server spells it.
    let user_name = user.user_name.clone();
    if action == Action::Delete {
        let steps = accounts::delete_row(user, current, &mut found);
        return found.finish(action, user_name, steps);
    }
    if action == Action::Handover {
        let steps = handover_rows::handover_row(&cells, user, current, &mut found);
        return found.finish(action, user_name, steps);
    }
    handover_rows::refuse_successor(&cells, &mut found);
    accounts::refuse_create_only_cells(&cells, &mut found);
    let contact = contact_step(&cells, user, &mut found);
    let profile = profile_step(&cells, user, file, current, &mut found);
    let memberships = memberships::membership_steps(&cells, user, current.directory, &mut found);
    let steps = [profile, contact]
        .into_iter()
        .flatten()
        .chain(memberships)
        .chain(settings_steps(&cells, user, &mut found))
        .collect();
    found.finish(action, user_name, steps)
}

/// The preferences and status steps, in sending order.
pub(super) fn settings_steps(cells: &Cells, user: &User, found: &mut Findings) -> Vec<Step> {
    let preferences = preferences_step(cells, &user.preferences, found);
    let status = status_step(cells.get(Column::Enabled), user, found);
    [preferences, status].into_iter().flatten().collect()
}

/// What planning a row needs to know about the whole file.
pub(super) struct FileIndex<'a> {
    pub(super) sheet: &'a Sheet,
    /// The first line of each addressed user; keys are lowercase user names.
    pub(super) first_line: HashMap<String, usize>,
    /// How many rows rename onto each name; keys are lowercase.
    pub(super) rename_targets: HashMap<String, usize>,
}

impl<'a> FileIndex<'a> {
    fn new(sheet: &'a Sheet) -> FileIndex<'a> {
        let mut first_line: HashMap<String, usize> = HashMap::new();
        let mut rename_targets: HashMap<String, usize> = HashMap::new();
        for row in &sheet.rows {
            let cells = Cells { sheet, row };
            if let Some(n) = cells.get(Column::UserName) {
                first_line
                    .entry(n.trim().to_lowercase())
                    .or_insert(row.line);
            }
            if let Some(n) = cells.get(Column::NewUserName) {
                *rename_targets.entry(n.to_lowercase()).or_default() += 1;
            }
        }
        FileIndex {
            sheet,
            first_line,
            rename_targets,
        }
    }
}

/// One row's cells by column.
pub(super) struct Cells<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) row: &'a SheetRow,
}

impl<'a> Cells<'a> {
    /// The cell as typed; `None` when the column is absent or the cell blank.
    pub(super) fn get(&self, column: Column) -> Option<&'a str> {
        self.sheet
            .index_of(column)
            .and_then(|i| self.row.cells.get(i))
            .filter(|v| !v.trim().is_empty())
            .map(String::as_str)
    }
}

/// What checking a row found: the differences to preview, and why it cannot be sent.
pub(super) struct Findings {
    line: usize,
    changes: Vec<FieldChange>,
    errors: Vec<String>,
}

impl Findings {
    fn new(line: usize) -> Findings {
        Findings {
            line,
            changes: Vec::new(),
            errors: Vec::new(),
        }
    }

    pub(super) fn change(&mut self, column: Column, old: String, new: String) {
        self.changes.push(FieldChange { column, old, new });
    }

    pub(super) fn fail(&mut self, label: &str, message: &str) {
        self.errors
            .push(format!("Line {}, {label}: {message}", self.line));
    }

    pub(super) fn reject(&mut self, column: Column, message: &str) {
        self.fail(&column.label().to_lowercase(), message);
    }

    /// Whether `result` is a pass; a failure is recorded against `column`.
    pub(super) fn check(&mut self, column: Column, result: Result<(), String>) -> bool {
        match result {
            Ok(()) => true,
            Err(m) => {
                self.reject(column, &m);
                false
            }
        }
    }

    /// The plan: no steps at all when anything failed; the changes are kept for the preview.
    fn finish(self, action: Action, user_name: String, steps: Vec<Step>) -> RowPlan {
        let (steps, state) = if !self.errors.is_empty() {
            (Vec::new(), RowState::Invalid(self.errors))
        } else if steps.is_empty() {
            (steps, RowState::Unchanged)
        } else {
            (steps, RowState::Change)
        };
        RowPlan {
            line: self.line,
            action,
            user_name,
            steps,
            changes: self.changes,
            state,
        }
    }
}

/// What every row needs, whatever it does: no more cells than the header has, and a user name
/// that no earlier row has. Whether the row is the first of its name (failures are recorded).
fn row_checks(file: &FileIndex, cells: &Cells, typed: &str, found: &mut Findings) -> bool {
    let (row, headers) = (cells.row, file.sheet.headers.len());
    if row.cells.len() > headers {
        let message = format!(
            "it has {} cells but the header has {headers}.",
            row.cells.len()
        );
        found.fail("row", &message);
    }
    if typed.is_empty() {
        found.fail("user name", "a row needs a user name.");
        return false;
    }
    match file.first_line.get(&typed.to_lowercase()) {
        Some(&first) if first != row.line => {
            let message =
                format!("{typed} already appears on line {first}; a user may appear once.");
            found.fail("user name", &message);
            false
        }
        _ => true,
    }
}

/// Email and mobile.
pub(super) fn contact_step(cells: &Cells, user: &User, found: &mut Findings) -> Option<Step> {
    let email = new_email(cells.get(Column::Email), user, found);
    let mobile = new_mobile(cells.get(Column::Mobile), user, found);
    contact_call(user, email, mobile)
}

/// UpdateUserContactInfo when the mobile changes, with the new or the current email (it
/// always sets both); UpdateUserEmail when only the email changes.
fn contact_call(user: &User, email: Option<String>, mobile: Option<String>) -> Option<Step> {
    match (mobile, email) {
        (Some(mobile), email) => Some(Step::ContactInfo {
            email: email.unwrap_or_else(|| user.email.clone()),
            mobile,
        }),
        (None, Some(new_email)) => Some(Step::Email { new_email }),
        (None, None) => None,
    }
}

fn new_email(cell: Option<&str>, user: &User, found: &mut Findings) -> Option<String> {
    let v = cell?;
    if !found.check(Column::Email, (attribute::EMAIL.check)(v)) || v == user.email {
        return None;
    }
    found.change(Column::Email, user.email.clone(), v.to_string());
    Some(v.to_string())
}

/// A mobile the server did not give is shown as unknown, and any value is a change from it.
fn new_mobile(cell: Option<&str>, user: &User, found: &mut Findings) -> Option<String> {
    let value = cleared(cell?);
    let unchanged = user.mobile_number.as_deref() == Some(value);
    if !found.check(Column::Mobile, (attribute::MOBILE.check)(value)) || unchanged {
        return None;
    }
    let old = user.mobile_number.as_deref().unwrap_or("(unknown)");
    found.change(Column::Mobile, old.to_string(), value.to_string());
    Some(value.to_string())
}

/// UpdateUserProfile sends all four values: a change to any of them sends the current values
/// of the others.
fn profile_step(
    cells: &Cells,
    user: &User,
    file: &FileIndex,
    current: &Current,
    found: &mut Findings,
) -> Option<Step> {
    let rename = new_user_name(cells.get(Column::NewUserName), user, file, current, found);
    let first = new_person_name(cells, attribute::FIRST_NAME, &user.first_name, found);
    let last = new_person_name(cells, attribute::LAST_NAME, &user.last_name, found);
    let old_source = current_source(user);
    let source = new_source(cells.get(Column::AuthSource), &old_source, found);
    if rename.is_none() && first.is_none() && last.is_none() && source.is_none() {
        return None;
    }
    Some(Step::Profile {
        new_user_name: rename.unwrap_or_else(|| user.user_name.clone()),
        first_name: first.unwrap_or_else(|| user.first_name.clone()),
        last_name: last.unwrap_or_else(|| user.last_name.clone()),
        authentication_source: source.unwrap_or(old_source),
    })
}

fn new_user_name(
    cell: Option<&str>,
    user: &User,
    file: &FileIndex,
    current: &Current,
    found: &mut Findings,
) -> Option<String> {
    let v = cell?;
    if !found.check(Column::NewUserName, (attribute::USER_NAME.check)(v)) || v == user.user_name {
        return None;
    }
    if let Some(clash) = rename_clash(v, user, file, current) {
        found.reject(Column::NewUserName, &clash);
        return None;
    }
    found.change(Column::NewUserName, user.user_name.clone(), v.to_string());
    Some(v.to_string())
}

/// Why `user` cannot take `new_name`: more than one row renames onto it, or another row
/// addresses a user of that name, or another account on the server has it (only the
/// accounts in `current` are known). A change of case of one's own name is no clash.
fn rename_clash(
    new_name: &str,
    user: &User,
    file: &FileIndex,
    current: &Current,
) -> Option<String> {
    let lower = new_name.to_lowercase();
    let clash_in_file = file.rename_targets.get(&lower).copied().unwrap_or(0) > 1
        || (file.first_line.contains_key(&lower) && lower != user.user_name.to_lowercase());
    let clash_on_server = current
        .users
        .get(&lower)
        .is_some_and(|other| other.user_name != user.user_name);
    if clash_in_file {
        Some(format!(
            "“{new_name}” is also used by another row of this file."
        ))
    } else if clash_on_server {
        Some(format!("“{new_name}” is already taken on the server."))
    } else {
        None
    }
}

/// The first or last name.
fn new_person_name(
    cells: &Cells,
    attr: Attribute,
    current: &str,
    found: &mut Findings,
) -> Option<String> {
    let column = attr.column;
    let v = cells.get(column)?;
    if !found.check(column, (attr.check)(v)) || v == current {
        return None;
    }
    found.change(column, current.to_string(), v.to_string());
    Some(v.to_string())
}

/// The user's authentication source; blank on the server means native.
pub(super) fn current_source(user: &User) -> String {
    if user.authentication_authority.trim().is_empty() {
        "native".to_string()
    } else {
        user.authentication_authority.clone()
    }
}

/// The new source, trimmed, unless it names the current one (case aside; every spelling of
/// native names native).
fn new_source(cell: Option<&str>, current: &str, found: &mut Findings) -> Option<String> {
    let v = cell?;
    let label = "An authentication source";
    if !found.check(Column::AuthSource, validate::short_text(v, label)) || same_source(v, current) {
        return None;
    }
    let new = v.trim().to_string();
    found.change(Column::AuthSource, current.to_string(), new.clone());
    Some(new)
}

pub(super) fn same_source(a: &str, b: &str) -> bool {
    (is_native_source(a) && is_native_source(b)) || a.trim().eq_ignore_ascii_case(b.trim())
}

/// UpdateUserPreferences with only the preferences whose cells differ from the current values.
fn preferences_step(cells: &Cells, current: &Preferences, found: &mut Findings) -> Option<Step> {
    let mut changes = Preferences::default();
    for preference in PREFERENCES {
        if let Some(cell) = cells.get(preference.column()) {
            preference.diff(cell, current, &mut changes, found);
        }
    }
    (!changes.is_empty()).then_some(Step::Preferences { changes })
}

/// Every preference a sheet can change, in preview order: its column, how its cell reads, and
/// where its value lives.
#[rustfmt::skip]
const PREFERENCES: [&dyn PreferenceRow; 7] = [
    &row(Column::Language,              language,       field!(language)),
    &row(Column::DefaultPortal,         default_portal, field!(default_portal)),
    &row(Column::ShowArchives,          yes_or_no,      field!(show_archives)),
    &row(Column::ShowHiddens,           yes_or_no,      field!(show_hiddens)),
    &row(Column::AttachDocumentToEmail, yes_or_no,      field!(attach_document_to_email)),
    &row(Column::NotificationType,      notification,   field!(notification_type)),
    &row(Column::EmailType,             email_type,     field!(email_type)),
];

/// One row of [`PREFERENCES`].
struct Preference<T> {
    column: Column,
    /// The value a cell asks for, or why it is not one.
    parse: fn(&str) -> Result<T, String>,
    field: Field<T>,
}

const fn row<T>(
    column: Column,
    parse: fn(&str) -> Result<T, String>,
    field: Field<T>,
) -> Preference<T> {
    Preference {
        column,
        parse,
        field,
    }
}

/// Where a preference lives: its current value, and its place in the change set.
struct Field<T> {
    read: fn(&Preferences) -> &Option<T>,
    write: fn(&mut Preferences) -> &mut Option<T>,
}

/// The [`Field`] of `Preferences::$name`.
macro_rules! field {
    ($name:ident) => {
        Field {
            read: |p| &p.$name,
            write: |p| &mut p.$name,
        }
    };
}
use field;

/// A [`Preference`] whatever the type of its value.
trait PreferenceRow {
    fn column(&self) -> Column;
    /// Reads `cell`: a value other than the current one (in `from`) goes into the change set
    /// (`to`) and the preview.
    fn diff(&self, cell: &str, from: &Preferences, to: &mut Preferences, found: &mut Findings);
}

impl<T: PartialEq + Preview> PreferenceRow for Preference<T> {
    fn column(&self) -> Column {
        self.column
    }

    fn diff(&self, cell: &str, from: &Preferences, to: &mut Preferences, found: &mut Findings) {
        let new = match (self.parse)(cell) {
            Ok(new) => new,
            Err(m) => return found.reject(self.column, &m),
        };
        let old = (self.field.read)(from).as_ref();
        if old == Some(&new) {
            return;
        }
        let shown_old = old.map_or_else(|| NOT_SET.to_string(), T::preview);
        found.change(self.column, shown_old, new.preview());
        *(self.field.write)(to) = Some(new);
    }
}

/// A value as the preview shows it.
trait Preview {
    fn preview(&self) -> String;
}

impl Preview for String {
    fn preview(&self) -> String {
        self.clone()
    }
}

impl Preview for bool {
    fn preview(&self) -> String {
        if *self { "TRUE" } else { "FALSE" }.into()
    }
}

impl Preview for NotificationType {
    fn preview(&self) -> String {
        self.as_wire().into()
    }
}

impl Preview for EmailType {
    fn preview(&self) -> String {
        self.as_wire().into()
    }
}

fn language(v: &str) -> Result<String, String> {
    validate::short_text(v, "A language").map(|()| v.to_string())
}

fn default_portal(v: &str) -> Result<String, String> {
    let v = cleared(v);
    validate::short_text(v, "A default portal").map(|()| v.to_string())
}

fn yes_or_no(v: &str) -> Result<bool, String> {
    word_bool(v).ok_or_else(|| format!("“{v}” is not yes or no (true/false)."))
}

fn notification(v: &str) -> Result<NotificationType, String> {
    NotificationType::from_wire(v)
        .or_else(|| match v.trim().to_ascii_lowercase().as_str() {
            "daily" => Some(NotificationType::DailyReport),
            "off" | "no" | "never" => Some(NotificationType::None),
            _ => None,
        })
        .ok_or_else(|| format!("“{v}” is not NONE, INSTANT or DAILY REPORT."))
}

fn email_type(v: &str) -> Result<EmailType, String> {
    EmailType::from_wire(v).ok_or_else(|| format!("“{v}” is not HTML or TEXT."))
}

/// ChangeUserStatus when the cell asks for the other status.
fn status_step(cell: Option<&str>, user: &User, found: &mut Findings) -> Option<Step> {
    let v = cell?;
    let Some(enabled) = word_bool(v) else {
        let message = format!("“{v}” is not yes or no (enabled/disabled).");
        found.reject(Column::Enabled, &message);
        return None;
    };
    if enabled == user.enabled {
        return None;
    }
    found.change(Column::Enabled, user.enabled.preview(), enabled.preview());
    Some(Step::Status { enabled })
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
                signed_in: "admin",
                policy: &PasswordPolicy::default(),
                directory: None,
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
                signed_in: "admin",
                policy: &PasswordPolicy::default(),
                directory: None,
            },
        );
        assert_eq!(
            p.iter().filter(|r| r.state == RowState::Change).count(),
            10_000
        );
    }
    // The per-operation functions, each on one row.

    fn sheet(csv: &str) -> Sheet {
        parse_csv(csv).unwrap()
    }

    fn first_row(sheet: &Sheet) -> Cells<'_> {
        Cells {
            sheet,
            row: &sheet.rows[0],
        }
    }

    fn user(name: &str) -> User {
        users().remove(&name.to_lowercase()).unwrap()
    }

    #[test]
    fn a_changed_mobile_sends_contact_info_with_the_email_it_will_have() {
        let u = user("jdoe");
        let call = |email: Option<&str>, mobile: Option<&str>| {
            contact_call(&u, email.map(Into::into), mobile.map(Into::into))
        };
        assert_eq!(
            call(None, Some("+4455")),
            Some(Step::ContactInfo {
                email: "j@x.com".into(),
                mobile: "+4455".into()
            })
        );
        assert_eq!(
            call(Some("n@x.com"), Some("")),
            Some(Step::ContactInfo {
                email: "n@x.com".into(),
                mobile: String::new()
            })
        );
        assert_eq!(
            call(Some("n@x.com"), None),
            Some(Step::Email {
                new_email: "n@x.com".into()
            })
        );
        assert_eq!(call(None, None), None);
    }

    #[test]
    fn a_mobile_the_server_did_not_give_always_changes() {
        let (u, mut found) = (user("asmith"), Findings::new(2));
        assert_eq!(
            new_mobile(Some("(clear)"), &u, &mut found),
            Some(String::new())
        );
        assert_eq!(found.changes[0].old, "(unknown)");
        let (u, mut found) = (user("leaver"), Findings::new(2));
        assert_eq!(new_mobile(Some(" (clear) "), &u, &mut found), None);
        assert!(found.changes.is_empty() && found.errors.is_empty());
    }

    #[test]
    fn rename_clashes() {
        let s = sheet("user_name,new_user_name\njdoe,JDOE\nasmith,twice\nleaver,TWICE\n");
        let (file, all) = (FileIndex::new(&s), users());
        let current = Current {
            users: &all,
            complete: true,
            signed_in: "admin",
            policy: &PasswordPolicy::default(),
            directory: None,
        };
        let clash = |new: &str, who: &str| rename_clash(new, &user(who), &file, &current);
        assert_eq!(
            clash("JDoe", "jdoe"),
            None,
            "a change of case of one's own name"
        );
        assert_eq!(clash("free.name", "jdoe"), None);
        assert!(clash("Twice", "asmith").unwrap().contains("another row"));
        assert!(clash("ASmith", "jdoe").unwrap().contains("another row"));
        let s = sheet("user_name,new_user_name\njdoe,Leaver2\n");
        let file = FileIndex::new(&s);
        let mut all = users();
        all.insert(
            "leaver2".into(),
            User {
                user_name: "Leaver2".into(),
                ..Default::default()
            },
        );
        let current = Current {
            users: &all,
            complete: false,
            signed_in: "admin",
            policy: &PasswordPolicy::default(),
            directory: None,
        };
        let clash = rename_clash("leaver2", &user("jdoe"), &file, &current).unwrap();
        assert!(clash.contains("already taken on the server"), "{clash}");
    }

    #[test]
    fn a_profile_change_sends_the_current_values_of_the_rest() {
        let s = sheet("user_name,last_name,auth_source\njdoe,Doe,Native\n");
        let (all, mut found) = (users(), Findings::new(2));
        let current = Current {
            users: &all,
            complete: true,
            signed_in: "admin",
            policy: &PasswordPolicy::default(),
            directory: None,
        };
        let mut u = user("jdoe");
        u.authentication_authority = " ".into();
        let step = profile_step(
            &first_row(&s),
            &u,
            &FileIndex::new(&s),
            &current,
            &mut found,
        );
        assert_eq!(
            step,
            Some(Step::Profile {
                new_user_name: "jdoe".into(),
                first_name: "F".into(),
                last_name: "Doe".into(),
                authentication_source: "native".into(),
            })
        );
        assert_eq!(found.changes.len(), 1, "{:?}", found.changes);
    }

    #[test]
    fn authentication_sources_compare_without_case_and_every_native_spelling_is_native() {
        assert!(same_source("INFOROUTER", "native"));
        assert!(same_source(" ", "inforouter"));
        assert!(same_source(" corp-ldap ", "CORP-LDAP"));
        assert!(!same_source("CORP-LDAP", "native"));
    }

    #[test]
    fn the_preference_table_has_each_preference_once_in_preview_order() {
        let columns: Vec<Column> = PREFERENCES.iter().map(|p| p.column()).collect();
        assert_eq!(
            columns,
            [
                Column::Language,
                Column::DefaultPortal,
                Column::ShowArchives,
                Column::ShowHiddens,
                Column::AttachDocumentToEmail,
                Column::NotificationType,
                Column::EmailType,
            ]
        );
    }

    #[test]
    fn preferences_send_only_what_differs_and_show_unknown_values_as_not_set() {
        let s = sheet(
            "user_name,language,default_portal,show_archives,show_hiddens,attach_document_to_email,notification_type,email_type\n\
             jdoe,fr,(clear),on,no,1,instant,text\n",
        );
        let mut found = Findings::new(2);
        let step = preferences_step(&first_row(&s), &user("jdoe").preferences, &mut found);
        let expected = Preferences {
            language: Some("fr".into()),
            default_portal: Some(String::new()),
            show_archives: Some(true),
            attach_document_to_email: Some(true),
            email_type: Some(EmailType::Text),
            ..Default::default()
        };
        assert_eq!(step, Some(Step::Preferences { changes: expected }));
        let shown: Vec<(&str, &str)> = found
            .changes
            .iter()
            .map(|c| (c.old.as_str(), c.new.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("(not set)", "fr"),
                ("(not set)", ""),
                ("(not set)", "TRUE"),
                ("(not set)", "TRUE"),
                ("(not set)", "TEXT"),
            ]
        );
        assert!(found.errors.is_empty());
    }

    #[test]
    fn a_preference_cell_that_does_not_read_names_its_column() {
        let s =
            sheet("user_name,show_hiddens,notification_type,email_type\njdoe,maybe,weekly,pdf\n");
        let mut found = Findings::new(7);
        let step = preferences_step(&first_row(&s), &user("jdoe").preferences, &mut found);
        assert_eq!(step, None);
        assert_eq!(
            found.errors,
            [
                "Line 7, show hidden: “maybe” is not yes or no (true/false).",
                "Line 7, notification type: “weekly” is not NONE, INSTANT or DAILY REPORT.",
                "Line 7, email type: “pdf” is not HTML or TEXT.",
            ]
        );
    }

    #[test]
    fn status_changes_only_to_the_other_status() {
        let (u, mut found) = (user("jdoe"), Findings::new(2));
        assert_eq!(status_step(Some("active"), &u, &mut found), None);
        assert_eq!(
            status_step(Some("disable"), &u, &mut found),
            Some(Step::Status { enabled: false })
        );
        assert_eq!(status_step(Some("paused"), &u, &mut found), None);
        assert_eq!(found.changes.len(), 1);
        assert_eq!(
            found.errors,
            ["Line 2, enabled: “paused” is not yes or no (enabled/disabled)."]
        );
    }

    #[test]
    fn a_row_with_any_error_sends_nothing_but_keeps_its_preview() {
        let mut found = Findings::new(3);
        found.change(Column::Enabled, "TRUE".into(), "FALSE".into());
        let plan = found.finish(
            Action::Update,
            "jdoe".into(),
            vec![Step::Status { enabled: false }],
        );
        assert_eq!(plan.state, RowState::Change);
        let mut found = Findings::new(3);
        found.change(Column::Enabled, "TRUE".into(), "FALSE".into());
        found.reject(Column::Email, "bad.");
        let plan = found.finish(
            Action::Update,
            "jdoe".into(),
            vec![Step::Status { enabled: false }],
        );
        assert_eq!(
            plan.state,
            RowState::Invalid(vec!["Line 3, email: bad.".into()])
        );
        assert!(plan.steps.is_empty());
        assert_eq!(plan.changes.len(), 1);
        assert_eq!(
            Findings::new(3)
                .finish(Action::Update, "jdoe".into(), Vec::new())
                .state,
            RowState::Unchanged
        );
    }
}
