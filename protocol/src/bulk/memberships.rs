//! Bulk columns for a person's place in the libraries: `add_groups`, `remove_groups`,
//! `add_libraries` and `remove_libraries` (names separated by `|`, since `,` and `;` separate
//! the cells; a library's own group as `Library/Group`, a global group by its name alone), and
//! `user_type` (`author` or `read-only`). Every name is checked against the server's lists,
//! read at preview ([`Directory`]); an unknown one refuses the row with its reason, so nothing
//! of it is sent.

use std::collections::HashMap;

use super::columns::Column;
use super::plan::{Cells, Findings, Step};
use super::sheet::Sheet;
use crate::account_admin::UserType;
use crate::user::User;

/// What separates the names in one cell.
pub const LIST_SEPARATOR: char = '|';

/// What separates a library from its own group: `Finance/Finance Admins`.
pub const GROUP_IN_LIBRARY: char = '/';

/// The server's groups and libraries, as read at preview.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    pub libraries: Vec<String>,
    pub global_groups: Vec<String>,
    /// Each library's own groups; keys are lowercase library names.
    pub local_groups: HashMap<String, Vec<String>>,
}

/// A group as calls address it: by its library's name (empty for a global group) and its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupName {
    pub library: String,
    pub group: String,
}

impl GroupName {
    /// `Finance Admins (Finance)`, or a global group's name.
    pub fn describe(&self) -> String {
        if self.library.is_empty() {
            self.group.clone()
        } else {
            format!("{} ({})", self.group, self.library)
        }
    }
}

const COLUMNS: [Column; 4] = [
    Column::AddGroups,
    Column::RemoveGroups,
    Column::AddLibraries,
    Column::RemoveLibraries,
];

/// The names in a list cell, trimmed, empty ones left out.
fn names(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// Whether any row names a group or library: then planning needs the [`Directory`].
pub fn uses_directory(sheet: &Sheet) -> bool {
    COLUMNS.iter().any(|&c| {
        sheet.index_of(c).is_some_and(|i| {
            sheet
                .rows
                .iter()
                .any(|r| r.cells.get(i).is_some_and(|v| !v.trim().is_empty()))
        })
    })
}

/// The libraries whose own groups the sheet names (`Library/Group`): their groups are read at
/// preview, and only theirs.
pub fn libraries_of_named_groups(sheet: &Sheet) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for column in [Column::AddGroups, Column::RemoveGroups] {
        let Some(i) = sheet.index_of(column) else {
            continue;
        };
        for cell in sheet.rows.iter().filter_map(|r| r.cells.get(i)) {
            for name in names(cell) {
                if let Some((library, _)) = name.split_once(GROUP_IN_LIBRARY) {
                    let library = library.trim();
                    if !found.iter().any(|f| f.eq_ignore_ascii_case(library)) {
                        found.push(library.to_string());
                    }
                }
            }
        }
    }
    found
}

impl Directory {
    /// The group a cell names, as the server spells it, or why it is unknown.
    fn group(&self, name: &str) -> Result<GroupName, String> {
        match name.split_once(GROUP_IN_LIBRARY) {
            Some((library, group)) => {
                let (library, group) = (library.trim(), group.trim());
                let library = self.library(library)?;
                let own = self.local_groups.get(&library.to_lowercase());
                let found = own
                    .into_iter()
                    .flatten()
                    .find(|g| g.eq_ignore_ascii_case(group));
                match found {
                    Some(g) => Ok(GroupName {
                        library,
                        group: g.clone(),
                    }),
                    None => Err(format!("the library {library} has no group “{group}”.")),
                }
            }
            None => match self
                .global_groups
                .iter()
                .find(|g| g.eq_ignore_ascii_case(name))
            {
                Some(g) => Ok(GroupName {
                    library: String::new(),
                    group: g.clone(),
                }),
                None => Err(format!(
                    "there is no global group “{name}” (a library's own group is written Library{GROUP_IN_LIBRARY}Group)."
                )),
            },
        }
    }

    /// The step a list column's `name` asks for, and how the preview names it.
    fn step(&self, column: Column, name: &str, add: bool) -> Result<(String, Step), String> {
        if matches!(column, Column::AddGroups | Column::RemoveGroups) {
            let group = self.group(name)?;
            Ok((group.describe(), Step::Group { group, add }))
        } else {
            let library = self.library(name)?;
            Ok((library.clone(), Step::Library { library, add }))
        }
    }

    fn library(&self, name: &str) -> Result<String, String> {
        self.libraries
            .iter()
            .find(|l| l.eq_ignore_ascii_case(name))
            .cloned()
            .ok_or_else(|| format!("there is no library “{name}”."))
    }
}

/// The membership and user-type steps of an update row, in sending order (groups, libraries,
/// then the type), with each change named for the preview.
pub(super) fn membership_steps(
    cells: &Cells,
    user: &User,
    directory: Option<&Directory>,
    found: &mut Findings,
) -> Vec<Step> {
    let mut steps = Vec::new();
    let lists = [
        (Column::AddGroups, true),
        (Column::RemoveGroups, false),
        (Column::AddLibraries, true),
        (Column::RemoveLibraries, false),
    ];
    for (column, add) in lists {
        let Some(cell) = cells.get(column) else {
            continue;
        };
        let Some(directory) = directory else {
            found.reject(
                column,
                "the server's groups and libraries could not be read; preview again.",
            );
            continue;
        };
        let mut named = Vec::new();
        for name in names(cell) {
            match directory.step(column, name, add) {
                Ok((said, step)) => {
                    named.push(said);
                    steps.push(step);
                }
                Err(why) => found.reject(column, &why),
            }
        }
        found.change(column, String::new(), named.join(", "));
    }
    if let Some(cell) = cells.get(Column::UserType) {
        match user_type(cell) {
            Some(wanted) if wanted != UserType::of(user) => {
                found.change(
                    Column::UserType,
                    type_word(UserType::of(user)).into(),
                    type_word(wanted).into(),
                );
                steps.push(Step::UserType(wanted));
            }
            Some(_) => {}
            None => found.reject(
                Column::UserType,
                &format!(
                    "“{}” is not a user type: use author or read-only.",
                    cell.trim()
                ),
            ),
        }
    }
    steps
}

fn user_type(cell: &str) -> Option<UserType> {
    let key: String = cell
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "author" | "1" => Some(UserType::Author),
        "readonly" | "reader" | "2" => Some(UserType::ReadOnly),
        _ => None,
    }
}

pub fn type_word(t: UserType) -> &'static str {
    match t {
        UserType::Author => "author",
        UserType::ReadOnly => "read-only",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::bulk::plan::{Current, RowState, plan};
    use crate::bulk::sheet::parse_csv;
    use crate::password_policy::PasswordPolicy;

    fn directory() -> Directory {
        Directory {
            libraries: vec!["Finance".into(), "Old Projects".into()],
            global_groups: vec!["Everyone Staff".into()],
            local_groups: HashMap::from([(
                "finance".to_string(),
                vec!["Finance Admins".to_string()],
            )]),
        }
    }

    fn planned(csv: &str, directory: Option<&Directory>) -> crate::bulk::plan::RowPlan {
        let users = HashMap::from([(
            "jdoe".to_string(),
            User {
                user_name: "jdoe".into(),
                enabled: true,
                ..User::default()
            },
        )]);
        let policy = PasswordPolicy::default();
        let sheet = parse_csv(csv).unwrap();
        plan(
            &sheet,
            &Current {
                users: &users,
                complete: false,
                signed_in: "admin",
                policy: &policy,
                directory,
            },
        )
        .remove(0)
    }

    #[test]
    fn memberships_and_type_are_named_and_sent_groups_first() {
        let d = directory();
        let row = planned(
            "user_name,add_groups,remove_libraries,user_type\n\
             jdoe,finance/finance admins| everyone staff,old projects,Read-only\n",
            Some(&d),
        );
        assert_eq!(row.state, RowState::Change);
        assert_eq!(
            row.steps,
            vec![
                Step::Group {
                    group: GroupName {
                        library: "Finance".into(),
                        group: "Finance Admins".into()
                    },
                    add: true
                },
                Step::Group {
                    group: GroupName {
                        library: String::new(),
                        group: "Everyone Staff".into()
                    },
                    add: true
                },
                Step::Library {
                    library: "Old Projects".into(),
                    add: false
                },
                Step::UserType(UserType::ReadOnly),
            ]
        );
        let said = crate::bulk::report::changes_summary(&row);
        assert!(
            said.contains("add_groups: Finance Admins (Finance), Everyone Staff"),
            "{said}"
        );
        assert!(said.contains("user_type: author → read-only"), "{said}");
    }

    #[test]
    fn unknown_names_refuse_the_row_with_the_reason() {
        let d = directory();
        let reason = |csv: &str| match planned(csv, Some(&d)).state {
            RowState::Invalid(r) => r.join(" "),
            other => panic!("{other:?}"),
        };
        assert!(
            reason("user_name,add_groups\njdoe,Finance/Nobody\n")
                .contains("the library Finance has no group “Nobody”")
        );
        assert!(reason("user_name,add_groups\njdoe,Nope\n").contains("no global group “Nope”"));
        assert!(
            reason("user_name,add_libraries\njdoe,Atlantis\n").contains("no library “Atlantis”")
        );
        assert!(reason("user_name,user_type\njdoe,boss\n").contains("not a user type"));
        let unread = planned("user_name,add_libraries\njdoe,Finance\n", None);
        assert!(matches!(unread.state, RowState::Invalid(_)));
    }

    #[test]
    fn the_same_type_is_no_change_and_the_directory_is_read_only_when_named() {
        let d = directory();
        let row = planned("user_name,user_type\njdoe,author\n", Some(&d));
        assert_eq!(row.state, RowState::Unchanged);
        let sheet = parse_csv("user_name,add_groups\njdoe,Finance/Finance Admins|Everyone Staff\n")
            .unwrap();
        assert!(uses_directory(&sheet));
        assert_eq!(libraries_of_named_groups(&sheet), ["Finance"]);
        assert!(!uses_directory(
            &parse_csv("user_name,email\njdoe,a@b.c\n").unwrap()
        ));
    }
}
