//! Task redirection: forwarding the new tasks of one user to another for a window of time.
//! The user, a User Manager or a Library Manager may set, reroute or remove one; anyone signed
//! in may read them. Answers are `<root>` with `<TaskRedirection>` child ELEMENTS (not
//! attributes), and records come back even outside their window.

use crate::answer_items::{AnswerItem, field_text, read_list, read_optional, required_name};
use crate::call::{declare_calls, no_payload};
use crate::date_time::{AnswerDate, DateTime};
use crate::xml::Element;

/// One `<TaskRedirection>`: the target user for GetUserTaskRedirectionTo, the source user for
/// GetUserTaskRedirectionsFrom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRedirection {
    pub user_id: String,
    pub user_name: String,
    pub full_name: String,
    pub email: String,
    /// Open-ended ends exist, though SetUserTaskRedirection cannot make them.
    pub start: AnswerDate,
    pub end: AnswerDate,
}

impl AnswerItem for TaskRedirection {
    const LIST: &'static str = "TaskRedirections";
    const ITEM: &'static str = "TaskRedirection";
    fn read_item(e: &Element) -> Result<TaskRedirection, String> {
        let date = |name: &str| AnswerDate::read(&field_text(e, name));
        Ok(TaskRedirection {
            user_id: field_text(e, "UserId"),
            user_name: required_name(field_text(e, "UserName"), Self::ITEM, "UserName")?,
            full_name: field_text(e, "FullName"),
            email: field_text(e, "Email"),
            start: date("StartDate"),
            end: date("EndDate"),
        })
    }
}

declare_calls! {
    /// Where a user's tasks go; `None` when no redirection is set.
    GetUserTaskRedirectionTo { user_name: String => "userName" }
    required ["userName"] answers Option<TaskRedirection> = read_optional;

    /// Who forwards their tasks to this user.
    GetUserTaskRedirectionsFrom { user_name: String => "userName" }
    required ["userName"] answers Vec<TaskRedirection> = read_list;

    /// Sets or replaces a user's redirection. Both ends are needed (none can be open-ended);
    /// `end` must be in the future and after `start`; a past `start` becomes now. Refused too:
    /// oneself or a disabled user as target, a window overlapping a redirection TO `user_name`,
    /// a target that itself redirects in the window.
    SetUserTaskRedirection {
        user_name: String => "userName",
        redirect_to: String => "redirectTasksToUser",
        start: DateTime => "startOn",
        end: DateTime => "endOn",
    }
    required ["userName", "redirectTasksToUser"] answers () = no_payload;

    /// Removes a user's redirection; succeeds when there is none.
    RemoveUserTaskRedirection { user_name: String => "userName" }
    required ["userName"] answers () = no_payload;

    /// Points an existing redirection at another user, keeping its window (a past start moves
    /// to now). Refused when the user has none.
    RerouteUserTaskRedirection {
        user_name: String => "userName",
        redirect_to: String => "redirectTasksToUser",
    }
    required ["userName", "redirectTasksToUser"] answers () = no_payload;
}
