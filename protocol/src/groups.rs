//! User groups and their members: the three group listings, one group, its members, the groups
//! a user belongs to, and adding or removing a member. A global group belongs to no library:
//! its `DomainID` is 0, its `DomainName` empty, and calls name it with an empty `DomainName`.
//! Parameter names as each page's table spells them (`DomainName`/`GroupName`/`UserName`, but
//! `userName` on GetGroupMembershipsOfUser).

use crate::answer_items::{AnswerItem, attr_flag, attr_text, read_list, read_one, required_name};
use crate::call::{declare_calls, no_payload};
use crate::user::User;
use crate::xml::Element;

/// One `<usergroup GroupID GroupName DomainID DomainName public/>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserGroup {
    pub id: String,
    pub name: String,
    /// `0` for a global group.
    pub domain_id: String,
    /// The library a local group belongs to; empty for a global group.
    pub domain_name: String,
    /// Whether other users may see its members (the group's `showMembers` setting).
    pub public: bool,
}

impl UserGroup {
    /// Calls address a group by its library's name, so an empty one is what makes it global.
    pub fn is_global(&self) -> bool {
        self.domain_name.is_empty()
    }
}

impl AnswerItem for UserGroup {
    const LIST: &'static str = "usergroups";
    const ITEM: &'static str = "usergroup";
    fn read_item(e: &Element) -> Result<UserGroup, String> {
        Ok(UserGroup {
            id: attr_text(e, "GroupID"),
            name: required_name(attr_text(e, "GroupName"), Self::ITEM, "GroupName")?,
            domain_id: attr_text(e, "DomainID"),
            domain_name: attr_text(e, "DomainName"),
            public: attr_flag(e, "public"),
        })
    }
}

/// GetUserGroupMembers answers GetUser's `<User>` elements in a `<users>` list.
impl AnswerItem for User {
    const LIST: &'static str = "users";
    const ITEM: &'static str = "User";
    fn read_item(e: &Element) -> Result<User, String> {
        User::from_element(e)
    }
}

declare_calls! {
    /// Every global group, by name. Any signed-in user.
    GetGlobalGroups answers Vec<UserGroup> = read_list;

    /// The groups defined in one library (not the global groups that are its members).
    GetLocalGroups { domain_name: String => "DomainName" }
    required ["DomainName"] answers Vec<UserGroup> = read_list;

    /// Every group that is a member of one library: its own and the global ones.
    GetDomainGroups { domain_name: String => "DomainName" }
    required ["DomainName"] answers Vec<UserGroup> = read_list;

    /// One group; `domain_name` empty for a global one.
    GetUserGroup { domain_name: String => "DomainName", group_name: String => "GroupName" }
    required ["GroupName"] answers UserGroup = read_one;

    /// A group's members with full detail, by first and last name.
    GetUserGroupMembers { domain_name: String => "DomainName", group_name: String => "GroupName" }
    required ["GroupName"] answers Vec<User> = read_list;

    /// The global and local groups a user belongs to; needs the `ListingGroupMembershipOfUser`
    /// permission. Answered as `<root><UserGroups>`.
    GetGroupMembershipsOfUser { user_name: String => "userName" }
    required ["userName"] answers Vec<UserGroup> = read_list;

    /// A manager of the group's library or a system administrator. The page requires
    /// `DomainName`, sent empty for a global group; `user_name` may be `ID:<userid>`. Already a
    /// member: refused ([`ApiError::is_already_member`](crate::ApiError::is_already_member)).
    AddUsergroupMember {
        domain_name: String => "DomainName",
        group_name: String => "GroupName",
        user_name: String => "UserName",
    }
    required ["GroupName", "UserName"] answers () = no_payload;

    /// As AddUsergroupMember. Not a member: refused
    /// ([`ApiError::is_not_member`](crate::ApiError::is_not_member)).
    RemoveUsergroupMember {
        domain_name: String => "DomainName",
        group_name: String => "GroupName",
        user_name: String => "UserName",
    }
    required ["GroupName", "UserName"] answers () = no_payload;
}
