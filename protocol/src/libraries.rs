//! Libraries (the pages' "domains") and a user's membership of them: every library, the
//! caller's, another user's, the ones a user manages, and adding or removing a member.
//! Parameter names as each page's table spells them: `DomainName` + `UserName` to add, but
//! `DomainName` + `Username` (lower-case n) to remove; `userName` on the listings.

use crate::answer_items::{AnswerItem, attr_flag, attr_text, read_list, required_name};
use crate::call::{declare_calls, no_payload};
use crate::xml::Element;

/// One `<domain DomainID DomainName AnonymousDomain IsArchive IsHidden WelcomeMessage/>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Library {
    pub id: String,
    pub name: String,
    /// Guests may read it without signing in.
    pub anonymous: bool,
    /// Archived (offline).
    pub is_archive: bool,
    /// Left out of regular library listings.
    pub is_hidden: bool,
    pub welcome_message: String,
}

impl AnswerItem for Library {
    const LIST: &'static str = "domains";
    const ITEM: &'static str = "domain";
    fn read_item(e: &Element) -> Result<Library, String> {
        Ok(Library {
            id: attr_text(e, "DomainID"),
            name: required_name(attr_text(e, "DomainName"), Self::ITEM, "DomainName")?,
            anonymous: attr_flag(e, "AnonymousDomain"),
            is_archive: attr_flag(e, "IsArchive"),
            is_hidden: attr_flag(e, "IsHidden"),
            welcome_message: attr_text(e, "WelcomeMessage"),
        })
    }
}

declare_calls! {
    /// Every library, archived and hidden ones included, by name. Any signed-in user.
    GetDomains answers Vec<Library> = read_list;

    /// The libraries the caller is a member of, directly or through a group.
    GetMemberDomains answers Vec<Library> = read_list;

    /// The libraries any user is a member of, directly or through a group. Any signed-in user.
    GetDomainMembershipsOfUser { user_name: String => "userName" }
    required ["userName"] answers Vec<Library> = read_list;

    /// The libraries a user manages. Another user's need a system administrator (`[2840]`
    /// otherwise). Answered as `<root><domains>`. `user_name` empty for the caller: sent empty
    /// rather than left out, as the page allows either and its SOAP contract wants `""`.
    GetManagedDomainsByUser { user_name: String => "userName" }
    answers Vec<Library> = read_list;

    /// A manager of the library or a system administrator. Already a member: refused
    /// ([`ApiError::is_already_member`](crate::ApiError::is_already_member)).
    AddUserAsDomainMember { domain_name: String => "DomainName", user_name: String => "UserName" }
    required ["DomainName", "UserName"] answers () = no_payload;

    /// Removes the DIRECT membership only (and a manager role with it): a member group may
    /// still give the user access. Not a member: refused
    /// ([`ApiError::is_not_member`](crate::ApiError::is_not_member)).
    RemoveUserFromDomainMembership {
        domain_name: String => "DomainName",
        user_name: String => "Username",
    }
    required ["DomainName", "Username"] answers () = no_payload;
}
