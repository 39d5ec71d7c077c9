//! Joining and leaving groups and libraries, and the user type, for bulk rows. A refusal that
//! says the membership is already as wanted ("already a member", "not a member") counts as
//! done: a sheet run twice, or a retry after a lost answer, changes nothing and fails nothing.
//! A newer server says those refusals in its own language under a code shared by others: any
//! refusal the console cannot read is checked against the memberships read again.

use futures::FutureExt;
use futures::future::LocalBoxFuture;
use inforouter_protocol::account_admin::ChangeUserType;
use inforouter_protocol::bulk::memberships::GroupName;
use inforouter_protocol::groups::{
    AddUsergroupMember, GetGroupMembershipsOfUser, RemoveUsergroupMember,
};
use inforouter_protocol::libraries::{
    AddUserAsDomainMember, GetDomainMembershipsOfUser, RemoveUserFromDomainMembership,
};
use inforouter_protocol::{ApiError, Operation};

use super::{Applied, NotApplied, failed};
use crate::session::Session;

type Sent = Result<Applied, NotApplied>;

/// A membership call on its way, and its name for the technical detail.
pub type MembershipCall = (&'static str, LocalBoxFuture<'static, Result<(), ApiError>>);

/// Sends `add` when adding, `remove` otherwise (the Access cards and bulk rows alike).
pub fn send_either<A, R>(session: Session, adding: bool, add: A, remove: R) -> MembershipCall
where
    A: Operation<Output = ()> + 'static,
    R: Operation<Output = ()> + 'static,
{
    if adding {
        (
            A::NAME,
            async move { session.call(&add).await }.boxed_local(),
        )
    } else {
        (
            R::NAME,
            async move { session.call(&remove).await }.boxed_local(),
        )
    }
}

impl Session {
    pub async fn change_group(&self, user_name: &str, group: &GroupName, add: bool) -> Sent {
        let (domain_name, group_name) = (group.library.clone(), group.group.clone());
        let adding = AddUsergroupMember {
            domain_name: domain_name.clone(),
            group_name: group_name.clone(),
            user_name: user_name.to_string(),
        };
        let removing = RemoveUsergroupMember {
            domain_name,
            group_name,
            user_name: user_name.to_string(),
        };
        let (operation, sent) = send_either(*self, add, adding, removing);
        let as_wanted = async || {
            let now = self
                .call(&GetGroupMembershipsOfUser {
                    user_name: user_name.to_string(),
                })
                .await;
            now.is_ok_and(|groups| {
                let member = groups.iter().any(|g| {
                    g.name.eq_ignore_ascii_case(&group.group)
                        && g.domain_name.eq_ignore_ascii_case(&group.library)
                });
                member == add
            })
        };
        settle(sent.await, add, operation, as_wanted).await
    }

    pub async fn change_library(&self, user_name: &str, library: &str, add: bool) -> Sent {
        let adding = AddUserAsDomainMember {
            domain_name: library.to_string(),
            user_name: user_name.to_string(),
        };
        let removing = RemoveUserFromDomainMembership {
            domain_name: library.to_string(),
            user_name: user_name.to_string(),
        };
        let (operation, sent) = send_either(*self, add, adding, removing);
        // The listing holds memberships through groups too: it proves an add, not a removal.
        let as_wanted = async || {
            add && self
                .call(&GetDomainMembershipsOfUser {
                    user_name: user_name.to_string(),
                })
                .await
                .is_ok_and(|all| all.iter().any(|l| l.name.eq_ignore_ascii_case(library)))
        };
        settle(sent.await, add, operation, as_wanted).await
    }

    pub async fn change_user_type(
        &self,
        user_name: String,
        user_type: inforouter_protocol::account_admin::UserType,
    ) -> Sent {
        self.call(&ChangeUserType {
            user_name,
            user_type,
        })
        .await
        .map_err(failed::<ChangeUserType>)?;
        Ok(Applied::Updated)
    }
}

/// A membership call's answer: done, already as wanted, or (refused in words the console does
/// not know) as wanted when read again.
async fn settle(
    answer: Result<(), ApiError>,
    add: bool,
    operation: &'static str,
    as_wanted: impl AsyncFnOnce() -> bool,
) -> Sent {
    match answer {
        Ok(()) => Ok(Applied::Updated),
        Err(e) if (add && e.is_already_member()) || (!add && e.is_not_member()) => {
            Ok(Applied::Updated)
        }
        Err(e @ ApiError::Server { .. }) => {
            if as_wanted().await {
                Ok(Applied::Updated)
            } else {
                Err(not_applied(e, operation))
            }
        }
        Err(e) => Err(not_applied(e, operation)),
    }
}

fn not_applied(error: ApiError, operation: &'static str) -> NotApplied {
    NotApplied {
        error,
        operation,
        read_first: false,
    }
}
