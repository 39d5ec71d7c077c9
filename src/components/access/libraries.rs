//! The libraries a user belongs to (GetDomainMembershipsOfUser), each said to be direct or
//! through a group: a library whose member groups (GetDomainGroups) include one of the user's
//! groups comes through that group, and may be direct as well (no call tells); one without
//! such a group is direct. When the user's groups cannot be read, "direct or through a group".
//! Add a direct membership (AddUserAsDomainMember), remove one (RemoveUserFromDomainMembership,
//! which leaves memberships through groups as they are) with Undo.
//!
//! ids: `libraries-title`, `libraries-problem`, `libraries-list` (one `li` per library, its
//! button `libraries-remove-<n>`, its way in `libraries-via-<n>`), `libraries-add-choice`,
//! `libraries-add`, `libraries-status`, `libraries-undo`.

use futures::FutureExt;
use futures::future::LocalBoxFuture;
use inforouter_protocol::ApiError;
use inforouter_protocol::groups::{GetDomainGroups, UserGroup};
use inforouter_protocol::libraries::{
    AddUserAsDomainMember, GetDomainMembershipsOfUser, Library, RemoveUserFromDomainMembership,
};
use leptos::prelude::*;

use super::{
    GroupsRead, LibrariesRead, Membership, MembershipCard, MembershipEdit, Sent, listing_problem,
    member_row, same_group, send_either,
};
use crate::session::{Session, use_session};

impl Membership for Library {
    fn describe(&self) -> String {
        format!("the library {}", self.name)
    }

    fn send(&self, session: Session, user_name: String, add: bool) -> Sent {
        let domain_name = self.name.clone();
        let adding = AddUserAsDomainMember {
            domain_name: domain_name.clone(),
            user_name: user_name.clone(),
        };
        let removing = RemoveUserFromDomainMembership {
            domain_name,
            user_name,
        };
        send_either(session, add, adding, removing)
    }

    fn still_reached(&self, session: Session, user_name: String) -> LocalBoxFuture<'static, bool> {
        let name = self.name.clone();
        async move {
            let reached = session
                .call(&GetDomainMembershipsOfUser { user_name })
                .await;
            reached.is_ok_and(|all| all.iter().any(|l| l.name.eq_ignore_ascii_case(&name)))
        }
        .boxed_local()
    }
}

/// How the user belongs to a library.
#[derive(Clone, Debug, PartialEq)]
pub enum Via {
    Direct,
    /// Through these groups of theirs; perhaps also directly.
    Groups(Vec<String>),
    Unknown,
}

impl Via {
    fn said(&self) -> String {
        match self {
            Via::Direct => "Direct".into(),
            Via::Groups(names) => format!(
                "Through a group: {} (perhaps also direct)",
                names.join(", ")
            ),
            Via::Unknown => "Direct or through a group".into(),
        }
    }
}

#[derive(Clone, PartialEq)]
pub struct Row {
    pub library: Library,
    pub via: Via,
}

/// `Old Projects (archive)`, `Board Room (hidden)`.
pub fn library_label(l: &Library) -> String {
    match (l.is_archive, l.is_hidden) {
        (true, _) => format!("{} (archive)", l.name),
        (false, true) => format!("{} (hidden)", l.name),
        _ => l.name.clone(),
    }
}

/// The user's libraries, each with how they belong; `mine`: their groups, when readable,
/// awaited only once the libraries are in (a resource still loading would be tracked, and its
/// answer would read the libraries a second time).
pub async fn read_rows(
    session: Session,
    user_name: String,
    mine: LocalBoxFuture<'static, Option<Vec<UserGroup>>>,
) -> Result<Vec<Row>, ApiError> {
    let libraries = session
        .call(&GetDomainMembershipsOfUser { user_name })
        .await?;
    let mine = mine.await;
    let mut rows = Vec::new();
    for library in libraries {
        let via = match &mine {
            None => Via::Unknown,
            Some(mine) => {
                let domain_name = library.name.clone();
                match session.call(&GetDomainGroups { domain_name }).await {
                    Err(_) => Via::Unknown,
                    Ok(members) => {
                        let through: Vec<String> = mine
                            .iter()
                            .filter(|g| members.iter().any(|m| same_group(g, m)))
                            .map(|g| g.name.clone())
                            .collect();
                        if through.is_empty() {
                            Via::Direct
                        } else {
                            Via::Groups(through)
                        }
                    }
                }
            }
        };
        rows.push(Row { library, via });
    }
    Ok(rows)
}

#[component]
pub fn LibrariesCard(
    user_name: Memo<String>,
    user_groups: GroupsRead,
    every_library: LibrariesRead,
) -> impl IntoView {
    let session = use_session();
    let edit = MembershipEdit::<Library>::new(user_name, "libraries");
    let rows = LocalResource::new(move || {
        edit.change.version().track();
        let mine = async move { user_groups.await.ok() }.boxed_local();
        read_rows(session, user_name.get(), mine)
    });
    let current = move || rows.get().and_then(Result::ok).unwrap_or_default();

    let list = move || {
        current()
            .into_iter()
            .enumerate()
            .map(|(n, Row { library, via })| {
                member_row(edit, n, library_label(&library), via.said(), library)
            })
            .collect_view()
    };
    // Offered: every library the user is not certainly a direct member of.
    let options = move || {
        let direct: Vec<String> = current()
            .into_iter()
            .filter(|r| r.via == Via::Direct)
            .map(|r| r.library.name)
            .collect();
        every_library
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|l| !direct.iter().any(|d| d.eq_ignore_ascii_case(&l.name)))
            .map(|l| view! { <option value=l.name.clone()>{library_label(&l)}</option> })
            .collect_view()
    };
    let pick = move |name: String| {
        every_library.with_untracked(|all| {
            all.as_ref()?
                .as_ref()
                .ok()?
                .iter()
                .find(|l| l.name == name)
                .cloned()
        })
    };
    let problem = Signal::derive(move || match rows.get() {
        Some(Err(e)) => Some(listing_problem(
            "this user's libraries",
            &e,
            "GetDomainMembershipsOfUser",
        )),
        _ => None,
    });

    view! {
        <MembershipCard edit=edit title="Libraries" problem=problem rows=list
            add_label="Add to a library (direct membership)" choose="Choose a library…"
            options=options pick=pick>
            <p class="hint">"Removing ends a direct membership only: a group the user is in may still let them in."</p>
        </MembershipCard>
    }
}
