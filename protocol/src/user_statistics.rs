//! GetUserStatistics' answer: one integer per element inside `<UserStatistics>`, such as
//! `<TotalDocuments>142</TotalDocuments>`. A counter the server leaves out (or sends empty) is
//! 0; one that is not a whole number makes the answer malformed, because a wrong 0 reads as
//! "nothing left to hand on".

use crate::xml::Element;

/// Declares every counter once: its field in [`UserStatistics`], its [`Counter`] and its element.
macro_rules! counters {
    ($( $(#[$doc:meta])* $variant:ident => $field:ident, )*) => {
        /// What a user has and does, as GetUserStatistics counts it at the moment of asking.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct UserStatistics {
            $( $(#[$doc])* pub $field: u64, )*
        }

        /// One counter of [`UserStatistics`], named as its element is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Counter {
            $( $(#[$doc])* $variant, )*
        }

        impl Counter {
            /// Every counter, in the order of the page's sample.
            pub const ALL: &'static [Counter] = &[ $( Counter::$variant, )* ];

            /// The element GetUserStatistics puts this counter in.
            pub fn element_name(self) -> &'static str {
                match self { $( Counter::$variant => stringify!($variant), )* }
            }
        }

        impl UserStatistics {
            pub fn get(&self, counter: Counter) -> u64 {
                match counter { $( Counter::$variant => self.$field, )* }
            }

            pub fn set(&mut self, counter: Counter, value: u64) {
                match counter { $( Counter::$variant => self.$field = value, )* }
            }
        }
    };
}

counters! {
    /// Documents owned OR authored: can exceed what GetDocumentsOwnedByUser lists.
    TotalDocuments => total_documents,
    CheckedOutDocuments => checked_out_documents,
    ViewedDocuments => viewed_documents,
    SubscribedDocuments => subscribed_documents,
    FavoriteDocuments => favorite_documents,
    VotedDocuments => voted_documents,
    DocumentsInDownloadQueue => documents_in_download_queue,
    RecycledDocuments => recycled_documents,
    /// Folders owned by the user.
    TotalFolders => total_folders,
    SubscribedFolders => subscribed_folders,
    FavoriteFolders => favorite_folders,
    FoldersInDownloadQueue => folders_in_download_queue,
    RecycledFolders => recycled_folders,
    /// Workflow tasks waiting for the user.
    QueuedTasks => queued_tasks,
    /// Open tasks only, as for the week and the overdue ones.
    TasksDueToday => tasks_due_today,
    /// Including today.
    TasksDueThisWeek => tasks_due_this_week,
    OverdueTasks => overdue_tasks,
    TotalTasks => total_tasks,
    /// Tasks the user created or submitted that others must do.
    TasksAssignedToOthers => tasks_assigned_to_others,
    /// Workflow DEFINITIONS with the user as assignee or supervisor (GetUsersWorkflowRoles
    /// lists task definitions, so its row count can differ).
    WorkflowRoles => workflow_roles,
    /// ISO review assignments.
    IsoReviewerRoles => iso_reviewer_roles,
    /// Libraries, direct and indirect memberships alike.
    DomainMemberships => domain_memberships,
    /// Direct and indirect.
    GlobalGroupMemberships => global_group_memberships,
    /// Library-level groups, direct and indirect.
    LocalGroupMemberships => local_group_memberships,
    /// Libraries the user manages.
    DomainManagerRoles => domain_manager_roles,
    /// Libraries whose expiration notices go to the user.
    ExpirationAgentRoles => expiration_agent_roles,
}

impl UserStatistics {
    /// Reads the `<UserStatistics>` block wherever it sits in the answer; element names are
    /// matched ignoring case and values may be padded with whitespace.
    pub fn from_answer(answer: &Element) -> Result<UserStatistics, String> {
        let block = answer
            .find("UserStatistics")
            .ok_or("the answer has no <UserStatistics>")?;
        let mut statistics = UserStatistics::default();
        for &counter in Counter::ALL {
            let Some(element) = block.child(counter.element_name()) else {
                continue;
            };
            let text = element.text.trim();
            if text.is_empty() {
                continue;
            }
            let value = text.parse().map_err(|_| {
                format!(
                    "{} \"{text}\" is not a whole number",
                    counter.element_name()
                )
            })?;
            statistics.set(counter, value);
        }
        Ok(statistics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse_document;

    fn read(xml: &str) -> Result<UserStatistics, String> {
        UserStatistics::from_answer(&parse_document(xml).unwrap())
    }

    #[test]
    fn missing_and_empty_counters_are_zero_and_padding_is_ignored() {
        let s = read(
            "<root success=\"true\"><UserStatistics><totaldocuments>\n 7 \t</totaldocuments>\
             <OverdueTasks/><QueuedTasks></QueuedTasks></UserStatistics></root>",
        )
        .unwrap();
        assert_eq!(s.total_documents, 7);
        assert_eq!(
            s,
            UserStatistics {
                total_documents: 7,
                ..UserStatistics::default()
            }
        );
    }

    #[test]
    fn a_counter_that_is_not_a_number_is_an_error_not_a_zero() {
        let e = read("<root><UserStatistics><TotalTasks>-1</TotalTasks></UserStatistics></root>")
            .unwrap_err();
        assert!(e.contains("TotalTasks"), "{e}");
        assert!(
            read(r#"<root success="true"/>"#).is_err(),
            "no block at all"
        );
    }

    #[test]
    fn every_counter_has_its_own_element_and_field() {
        let mut s = UserStatistics::default();
        for (i, &c) in Counter::ALL.iter().enumerate() {
            s.set(c, i as u64 + 1);
        }
        for (i, &c) in Counter::ALL.iter().enumerate() {
            assert_eq!(s.get(c), i as u64 + 1, "{c:?}");
        }
        let mut names: Vec<_> = Counter::ALL.iter().map(|c| c.element_name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 26);
    }
}
