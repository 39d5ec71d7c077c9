//! What a user holds, read before handing it on: GetUserStatistics, the three paged listings
//! (checked-out documents, owned documents, owned folders) and GetUsersWorkflowRoles. Allowed
//! to the user and to holders of the `ListingAuditLogOfUser` permission (workflow roles:
//! `ListingUserOwnerships`). Rows are read leniently, a missing attribute being empty: they are
//! shown, not acted on. Paths are kept as given, never parsed: owned documents carry the
//! PARENT path (`\MyLibrary\Reports`), the checked-out sample the full one
//! (`/Legal/Contract.docx`), a folder its own.

use crate::operations::Operation;
use crate::paging::{PageOfRows, Paged};
use crate::user_statistics::UserStatistics;
use crate::xml::Element;

/// `UserViewStatus`: whether the CALLER has seen the current published version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewStatus {
    NeverViewed = 0,
    /// Viewed, but a newer version has been published since.
    ChangedSinceViewed = 1,
    Viewed = 2,
}

impl ViewStatus {
    pub fn from_wire(value: &str) -> Option<ViewStatus> {
        match value.trim() {
            "0" => Some(ViewStatus::NeverViewed),
            "1" => Some(ViewStatus::ChangedSinceViewed),
            "2" => Some(ViewStatus::Viewed),
            _ => None,
        }
    }

    pub fn wire(self) -> u8 {
        self as u8
    }
}

/// A `<document>` row of the checked-out or the owned listing; each fills only its own fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentRef {
    pub id: String,
    pub name: String,
    /// As given: the parent path in the owned listing, the full path in the checked-out one.
    pub path: String,
    /// `domainid`: the library's id (owned listing).
    pub domain_id: String,
    /// Bytes (owned listing); `None` when absent or not a number.
    pub size: Option<u64>,
    /// `modificationDate`, as given (owned listing).
    pub modification_date: String,
    /// `publishedVersionAuthorName`: a full name, not a user name (owned listing).
    pub author_name: String,
    /// `checkedoutby` (checked-out listing).
    pub checked_out_by: String,
    pub view_status: Option<ViewStatus>,
}

/// A `<folder>` row of GetFoldersOwnedByUser.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FolderRef {
    pub id: String,
    pub name: String,
    /// The folder's own path, as given.
    pub path: String,
    pub domain_id: String,
    pub owner_id: String,
    /// `ownername`: a user name.
    pub owner_name: String,
}

/// A `<WorkflowRole>`: a task definition in which the user is an assignee (directly or through
/// a group) or the supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkflowRole {
    pub task_def_id: String,
    pub task_name: String,
    pub flow_def_id: String,
    pub flow_name: String,
    /// `None` when absent or not a number.
    pub step_number: Option<u32>,
    pub supervisor_id: String,
    /// A display name ("John Smith"), not a user name.
    pub supervisor_name: String,
}

impl WorkflowRole {
    /// Whether the user with this `UserID` supervises the task. The page compares
    /// `SupervisorName` with the user name, but that is a display name: ids are compared.
    pub fn is_supervised_by(&self, user_id: &str) -> bool {
        let id = user_id.trim();
        !id.is_empty() && self.supervisor_id == id
    }
}

/// One page of GetCheckedoutDocumentsByUser.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckedOutPage {
    /// `totalcount`: checked-out documents across all pages, when the server sends it.
    pub total: Option<u64>,
    pub documents: Vec<DocumentRef>,
}

impl PageOfRows for CheckedOutPage {
    fn rows(&self) -> usize {
        self.documents.len()
    }
    fn total(&self) -> Option<u64> {
        self.total
    }
}

/// An attribute as given, or empty.
fn text(e: &Element, name: &str) -> String {
    e.attr(name).unwrap_or_default().to_string()
}

/// An identifier or a number: surrounding whitespace is never part of it.
fn trimmed(e: &Element, name: &str) -> String {
    e.attr(name).unwrap_or_default().trim().to_string()
}

fn number<T: std::str::FromStr>(e: &Element, name: &str) -> Option<T> {
    e.attr(name)?.trim().parse().ok()
}

impl DocumentRef {
    pub fn from_element(e: &Element) -> DocumentRef {
        DocumentRef {
            id: trimmed(e, "id"),
            name: text(e, "name"),
            path: text(e, "path"),
            domain_id: trimmed(e, "domainid"),
            size: number(e, "size"),
            modification_date: trimmed(e, "modificationDate"),
            author_name: text(e, "publishedVersionAuthorName"),
            checked_out_by: text(e, "checkedoutby"),
            view_status: e.attr("UserViewStatus").and_then(ViewStatus::from_wire),
        }
    }
}

impl FolderRef {
    pub fn from_element(e: &Element) -> FolderRef {
        FolderRef {
            id: trimmed(e, "id"),
            name: text(e, "name"),
            path: text(e, "path"),
            domain_id: trimmed(e, "domainid"),
            owner_id: trimmed(e, "ownerid"),
            owner_name: text(e, "ownername"),
        }
    }
}

impl WorkflowRole {
    pub fn from_element(e: &Element) -> WorkflowRole {
        WorkflowRole {
            task_def_id: trimmed(e, "TaskDefId"),
            task_name: text(e, "TaskName"),
            flow_def_id: trimmed(e, "FlowDefId"),
            flow_name: text(e, "FlowName"),
            step_number: number(e, "StepNumber"),
            supervisor_id: trimmed(e, "SupervisorId"),
            supervisor_name: text(e, "SupervisorName"),
        }
    }
}

/// Every element called `name` below `e`, in document order, whatever wraps it (the samples put
/// rows straight under the root, or in `<WorkflowRoles>`); a row's own children are not rows.
fn rows_named<'a>(e: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    for child in &e.children {
        if child.name.eq_ignore_ascii_case(name) {
            out.push(child);
        } else {
            rows_named(child, name, out);
        }
    }
}

fn read_rows<T>(answer: &Element, name: &str, row: fn(&Element) -> T) -> Vec<T> {
    let mut found = Vec::new();
    rows_named(answer, name, &mut found);
    found.into_iter().map(row).collect()
}

fn read_documents(answer: &Element) -> Result<Vec<DocumentRef>, String> {
    Ok(read_rows(answer, "document", DocumentRef::from_element))
}

fn read_folders(answer: &Element) -> Result<Vec<FolderRef>, String> {
    Ok(read_rows(answer, "folder", FolderRef::from_element))
}

fn read_workflow_roles(answer: &Element) -> Result<Vec<WorkflowRole>, String> {
    Ok(read_rows(
        answer,
        "WorkflowRole",
        WorkflowRole::from_element,
    ))
}

/// The total drives paging, so an unreadable one is an error rather than a guess.
fn read_checked_out(answer: &Element) -> Result<CheckedOutPage, String> {
    let total = match answer.attr("totalcount") {
        Some(t) => Some(
            t.trim()
                .parse()
                .map_err(|_| format!("totalcount \"{t}\" is not a number"))?,
        ),
        None => None,
    };
    Ok(CheckedOutPage {
        total,
        documents: read_documents(answer)?,
    })
}

/// A call about one user (`userName`, required by every page here), optionally with more
/// integer parameters after it; `paged` adds `startingRow` and `rowCount`.
macro_rules! about_a_user {
    (paged $(#[$doc:meta])* $name:ident [$ticket:literal] -> $output:ty = $read:path) => {
        about_a_user! {
            $(#[$doc])*
            $name [$ticket] { starting_row = "startingRow", row_count = "rowCount" } -> $output = $read
        }
        impl Paged for $name {
            fn starting_row(&self) -> u32 {
                self.starting_row
            }
            fn row_count(&self) -> u32 {
                self.row_count
            }
            fn starting_at(&self, starting_row: u32) -> Self {
                $name { starting_row, ..self.clone() }
            }
        }
    };
    ($(#[$doc:meta])* $name:ident [$ticket:literal] { $($field:ident = $param:literal),* }
        -> $output:ty = $read:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            pub user_name: String,
            $( pub $field: u32, )*
        }

        impl Operation for $name {
            const NAME: &'static str = stringify!($name);
            const TICKET_PARAM: Option<&'static str> = Some($ticket);
            type Output = $output;
            fn params(&self) -> Vec<(&'static str, String)> {
                vec![("userName", self.user_name.clone()) $(, ($param, self.$field.to_string()))*]
            }
            fn required_non_empty(&self) -> &'static [&'static str] {
                &["userName"]
            }
            fn read(answer: &Element) -> Result<$output, String> {
                $read(answer)
            }
        }
    };
}

about_a_user! {
    /// GetUserStatistics: the counts, one call.
    GetUserStatistics ["authenticationTicket"] {} -> UserStatistics = UserStatistics::from_answer
}

about_a_user! {
    /// GetUsersWorkflowRoles: every task definition the user is assignee or supervisor of.
    GetUsersWorkflowRoles ["authenticationTicket"] {} -> Vec<WorkflowRole> = read_workflow_roles
}

about_a_user! {
    paged
    /// GetCheckedoutDocumentsByUser, by document name. `row_count` 0 asks for all at once.
    /// The only page here that capitalises its ticket parameter.
    GetCheckedoutDocumentsByUser ["AuthenticationTicket"] -> CheckedOutPage = read_checked_out
}

about_a_user! {
    paged
    /// GetDocumentsOwnedByUser, by document name; no total: read until a short page.
    GetDocumentsOwnedByUser ["authenticationTicket"] -> Vec<DocumentRef> = read_documents
}

about_a_user! {
    paged
    /// GetFoldersOwnedByUser (library roots left out); no total: read until a short page.
    GetFoldersOwnedByUser ["authenticationTicket"] -> Vec<FolderRef> = read_folders
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::decode;

    #[test]
    fn rows_are_found_under_a_wrapper_too_and_nested_rows_are_not_doubled() {
        let page = decode::<GetDocumentsOwnedByUser>(
            200,
            br#"<response success="true"><documents><document id=" 7 " name=" a "><document id="8"/></document></documents></response>"#,
        )
        .unwrap();
        assert_eq!(page.len(), 1);
        assert_eq!((page[0].id.as_str(), page[0].name.as_str()), ("7", " a "));
    }

    #[test]
    fn an_unreadable_total_is_malformed_but_odd_row_values_are_not() {
        let bad = decode::<GetCheckedoutDocumentsByUser>(
            200,
            br#"<root success="true" totalcount="five"/>"#,
        );
        assert!(bad.is_err());
        let roles = decode::<GetUsersWorkflowRoles>(
            200,
            br#"<response success="true"><WorkflowRoles><WorkflowRole StepNumber="two" SupervisorId=" 42 "/></WorkflowRoles></response>"#,
        )
        .unwrap();
        assert_eq!(roles[0].step_number, None);
        assert!(roles[0].is_supervised_by("42") && !roles[0].is_supervised_by(""));
    }

    #[test]
    fn paging_asks_for_the_next_rows_of_the_same_listing() {
        let first = GetFoldersOwnedByUser {
            user_name: "jsmith".into(),
            starting_row: 0,
            row_count: 2,
        };
        let second = first.next_page(&vec![FolderRef::default(); 2]).unwrap();
        assert_eq!(
            (second.user_name.as_str(), second.starting_row),
            ("jsmith", 2)
        );
        assert_eq!(second.next_page(&vec![FolderRef::default()]), None);
        let checked = GetCheckedoutDocumentsByUser {
            user_name: "jsmith".into(),
            starting_row: 0,
            row_count: 2,
        };
        let whole = CheckedOutPage {
            total: Some(2),
            documents: vec![DocumentRef::default(); 2],
        };
        assert_eq!(checked.next_page(&whole), None, "the total is reached");
    }
}
