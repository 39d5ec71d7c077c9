//! What a leaver holds, read from the server: GetUserStatistics' counts per kind of work, and
//! the first items of each list a call gives (check-outs, owned documents and folders,
//! workflow roles, managed libraries, library and group memberships), plus the people who
//! redirect their tasks to the leaver (their new tasks would go to a closed account). Each
//! listing the server refuses is said in its row; the rest shows.
//!
//! ids: `handover-holdings` (the table; a row per kind: `holding-<operation>`),
//! `handover-redirections`, `handover-holdings-error`.

use futures::future::join;
use inforouter_protocol::ApiError;
use inforouter_protocol::groups::GetGroupMembershipsOfUser;
use inforouter_protocol::handover::TransferKind;
use inforouter_protocol::handover_record::effect_words;
use inforouter_protocol::holdings::{
    GetCheckedoutDocumentsByUser, GetDocumentsOwnedByUser, GetFoldersOwnedByUser,
    GetUsersWorkflowRoles,
};
use inforouter_protocol::libraries::{GetDomainMembershipsOfUser, GetManagedDomainsByUser};
use inforouter_protocol::redirection::{GetUserTaskRedirectionsFrom, TaskRedirection};
use inforouter_protocol::user_statistics::UserStatistics;
use leptos::prelude::*;

use crate::session::Session;

/// How many items of each list are shown.
pub const FIRST: usize = 5;

/// The first items of one list, or why it could not be listed.
pub type Items = Result<Vec<String>, ApiError>;

#[derive(Clone, Debug)]
pub struct Holdings {
    pub statistics: UserStatistics,
    /// Per kind that a call lists.
    pub items: Vec<(TransferKind, Items)>,
    pub redirecting: Result<Vec<TaskRedirection>, ApiError>,
}

fn names<T>(listed: Result<Vec<T>, ApiError>, name: impl Fn(&T) -> String) -> Items {
    listed.map(|rows| rows.iter().take(FIRST).map(name).collect())
}

/// Reads what `user_name` holds; the statistics must come, the lists may fail one by one.
pub async fn read_holdings(session: Session, user_name: String) -> Result<Holdings, ApiError> {
    let statistics = session.statistics(&user_name).await?;
    let u = || user_name.clone();
    let first = FIRST as u32;
    let (checked_out, owned) = join(
        session.call(&GetCheckedoutDocumentsByUser {
            user_name: u(),
            starting_row: 0,
            row_count: first,
        }),
        session.call(&GetDocumentsOwnedByUser {
            user_name: u(),
            starting_row: 0,
            row_count: first,
        }),
    )
    .await;
    let (folders, roles) = join(
        session.call(&GetFoldersOwnedByUser {
            user_name: u(),
            starting_row: 0,
            row_count: first,
        }),
        session.call(&GetUsersWorkflowRoles { user_name: u() }),
    )
    .await;
    let (managed, libraries) = join(
        session.call(&GetManagedDomainsByUser { user_name: u() }),
        session.call(&GetDomainMembershipsOfUser { user_name: u() }),
    )
    .await;
    let (groups, redirecting) = join(
        session.call(&GetGroupMembershipsOfUser { user_name: u() }),
        session.call(&GetUserTaskRedirectionsFrom { user_name: u() }),
    )
    .await;
    let path_or_name = |path: &str, name: &str| {
        if path.trim().is_empty() {
            name.to_string()
        } else {
            path.to_string()
        }
    };
    let items = vec![
        (
            TransferKind::CheckedOutDocuments,
            names(checked_out.map(|p| p.documents), |d| {
                path_or_name(&d.path, &d.name)
            }),
        ),
        (
            TransferKind::DocumentOwnerships,
            names(owned, |d| {
                if d.path.trim().is_empty() {
                    d.name.clone()
                } else {
                    format!("{}\\{}", d.path.trim_end_matches(['\\', '/']), d.name)
                }
            }),
        ),
        (
            TransferKind::FolderOwnerships,
            names(folders, |f| path_or_name(&f.path, &f.name)),
        ),
        (
            TransferKind::WorkflowDefinitions,
            names(roles, |r| format!("{} — {}", r.flow_name, r.task_name)),
        ),
        (
            TransferKind::DomainManagerRoles,
            names(managed, |l| l.name.clone()),
        ),
        (
            TransferKind::DomainMemberships,
            names(libraries, |l| l.name.clone()),
        ),
        (
            TransferKind::GroupMemberships,
            names(groups, |g| {
                if g.is_global() {
                    g.name.clone()
                } else {
                    format!("{} ({})", g.name, g.domain_name)
                }
            }),
        ),
    ];
    Ok(Holdings {
        statistics,
        items,
        redirecting,
    })
}

/// "12", "up to 12", or "not counted" for a kind.
pub fn count_words(kind: TransferKind, statistics: &UserStatistics) -> String {
    match kind.tally() {
        Some(t) if t.exact => t.count(statistics).to_string(),
        Some(t) => match t.count(statistics) {
            0 => "0".into(),
            n => format!("up to {n}"),
        },
        None => "not counted by the server".into(),
    }
}

#[component]
pub fn HoldingsTable(leaver: String, holdings: Holdings) -> impl IntoView {
    let Holdings {
        statistics,
        items,
        redirecting,
    } = holdings;
    let rows = TransferKind::ALL
        .iter()
        .map(|&kind| {
            let listed = items.iter().find(|(k, _)| *k == kind).map(|(_, i)| i.clone());
            let first = match listed {
                None => view! { <span class="muted">"—"</span> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <span class="muted">"none listed"</span> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="plain">{list.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
                }
                .into_any(),
                Some(Err(e)) => view! {
                    <span class="warning">{format!("Could not be listed: {}", e.user_message())}</span>
                }
                .into_any(),
            };
            view! {
                <tr id=format!("holding-{}", kind.operation_name())>
                    <th scope="row">{capitalised(kind.label())}</th>
                    <td class="number">{count_words(kind, &statistics)}</td>
                    <td>{effect_words(kind.effect())}</td>
                    <td>{first}</td>
                </tr>
            }
        })
        .collect_view();
    let redirecting = match redirecting {
        Ok(list) if list.is_empty() => None,
        Ok(list) => {
            let who = list
                .iter()
                .map(|r| if r.full_name.trim().is_empty() { r.user_name.clone() } else { format!("{} ({})", r.full_name, r.user_name) })
                .collect::<Vec<_>>()
                .join(", ");
            Some(view! {
                <p id="handover-redirections" class="warning">
                    {format!("{} {} their tasks to {leaver}: {who}. New tasks would reach a closed account: ask them (or their User Manager) to change their out-of-office redirection.", list.len(), if list.len() == 1 { "person redirects" } else { "people redirect" })}
                </p>
            }
            .into_any())
        }
        Err(e) => Some(view! {
            <p id="handover-redirections" class="muted">{format!("Who redirects tasks to {leaver} could not be read: {}", e.user_message())}</p>
        }
        .into_any()),
    };
    view! {
        <table id="handover-holdings" class="users">
            <caption class="sr-only">{format!("What {leaver} holds")}</caption>
            <thead><tr><th scope="col">"Work"</th><th scope="col">"How much"</th><th scope="col">"On hand-over"</th><th scope="col">{format!("First {FIRST}")}</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {redirecting}
    }
}

/// A label (the console's own words, in ASCII) with a capital first letter. ASCII on purpose:
/// `char::to_uppercase` links Unicode's upper-case table (12 KB of wasm).
pub fn capitalised(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}
