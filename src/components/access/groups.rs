//! The groups a user is in (GetGroupMembershipsOfUser): global ones and local ones with their
//! library, filtered by typing; add to a group picked from the server's lists (GetGlobalGroups,
//! GetLocalGroups of each library), remove with one click and Undo.
//!
//! ids: `groups-title`, `groups-problem` (a listing refused or failed), `groups-filter`,
//! `groups-list` (one `li` per group, its button `groups-remove-<n>`), `groups-count`,
//! `groups-add-choice`, `groups-add`, `groups-status`, `groups-undo`.

use inforouter_protocol::ApiError;
use inforouter_protocol::groups::{
    AddUsergroupMember, GetGlobalGroups, GetLocalGroups, RemoveUsergroupMember, UserGroup,
};
use leptos::prelude::*;

use super::{
    GroupsRead, LibrariesRead, Membership, MembershipCard, MembershipEdit, Sent, listing_problem,
    member_row, same_group, send_either,
};
use crate::session::{Session, use_session};

impl Membership for UserGroup {
    fn describe(&self) -> String {
        if self.is_global() {
            format!("the group {}", self.name)
        } else {
            format!("the group {} ({})", self.name, self.domain_name)
        }
    }

    fn send(&self, session: Session, user_name: String, add: bool) -> Sent {
        // An empty library names a global group.
        let (domain_name, group_name) = (self.domain_name.clone(), self.name.clone());
        let adding = AddUsergroupMember {
            domain_name: domain_name.clone(),
            group_name: group_name.clone(),
            user_name: user_name.clone(),
        };
        let removing = RemoveUsergroupMember {
            domain_name,
            group_name,
            user_name,
        };
        send_either(session, add, adding, removing)
    }
}

/// Where a group sits, as the list says it.
pub fn kind(g: &UserGroup) -> String {
    if g.is_global() {
        "Global group".into()
    } else {
        format!("Local group of {}", g.domain_name)
    }
}

/// Every group one could join: the global ones, then each library's own. A library whose
/// groups cannot be read is left out of the choice.
async fn every_group(
    session: Session,
    libraries: LibrariesRead,
) -> Result<Vec<UserGroup>, ApiError> {
    let mut all = session.call(&GetGlobalGroups).await?;
    for library in libraries.await.unwrap_or_default() {
        let domain_name = library.name;
        if let Ok(local) = session.call(&GetLocalGroups { domain_name }).await {
            all.extend(local);
        }
    }
    Ok(all)
}

#[component]
pub fn GroupsCard(
    user_name: Memo<String>,
    edit: MembershipEdit<UserGroup>,
    user_groups: GroupsRead,
    every_library: LibrariesRead,
) -> impl IntoView {
    let session = use_session();
    let candidates = LocalResource::new(move || every_group(session, every_library));
    let filter = RwSignal::new(String::new());

    let mine = move || user_groups.get().and_then(Result::ok).unwrap_or_default();
    let shown = move || {
        let words = filter.get().trim().to_lowercase();
        mine()
            .into_iter()
            .filter(|g| {
                words.is_empty()
                    || g.name.to_lowercase().contains(&words)
                    || g.domain_name.to_lowercase().contains(&words)
            })
            .collect::<Vec<_>>()
    };
    let count = move || {
        let (all, matching) = (mine().len(), shown().len());
        match (all, matching == all) {
            (0, _) => format!("{} is in no group.", user_name.get()),
            (_, true) => format!("{all} groups."),
            _ => format!("{matching} of {all} groups match."),
        }
    };
    let rows = move || {
        shown()
            .into_iter()
            .enumerate()
            .map(|(n, g)| member_row(edit, n, g.name.clone(), kind(&g), g))
            .collect_view()
    };
    // Offered: the groups the user is not in, the global ones first, then by library.
    let options = move || {
        let all = candidates.get().and_then(Result::ok).unwrap_or_default();
        let mine = mine();
        let mut libraries: Vec<String> = Vec::new();
        for g in &all {
            if !libraries.contains(&g.domain_name) {
                libraries.push(g.domain_name.clone());
            }
        }
        libraries
            .into_iter()
            .map(|library| {
                let label = if library.is_empty() {
                    "Global groups".to_string()
                } else {
                    format!("Local groups of {library}")
                };
                let items = all
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| {
                        g.domain_name == library && !mine.iter().any(|m| same_group(m, g))
                    })
                    .map(|(i, g)| view! { <option value=i.to_string()>{g.name.clone()}</option> })
                    .collect_view();
                view! { <optgroup label=label>{items}</optgroup> }
            })
            .collect_view()
    };
    // An option's value is its place in the candidates.
    let pick = move |value: String| {
        let i = value.parse::<usize>().ok()?;
        candidates.with_untracked(|c| c.as_ref()?.as_ref().ok()?.get(i).cloned())
    };
    let problem = Signal::derive(move || match user_groups.get() {
        Some(Err(e)) => Some(listing_problem(
            "this user's groups",
            &e,
            "GetGroupMembershipsOfUser",
        )),
        _ => None,
    });

    view! {
        <MembershipCard edit=edit title="Groups" problem=problem rows=rows
            add_label="Add to a group" choose="Choose a group…" options=options pick=pick>
            <div class="field">
                <label for="groups-filter">"Filter groups"</label>
                <input id="groups-filter" type="search" autocomplete="off"
                    prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev))/>
            </div>
            <p id="groups-count" class="muted" role="status">
                {move || user_groups.with(|r| matches!(r, Some(Ok(_)))).then(count)}
            </p>
        </MembershipCard>
    }
}
