//! What a user holds, read: GetUserStatistics, the three paged listings (checked-out, owned
//! documents, owned folders) and GetUsersWorkflowRoles, all counted from the same holdings the
//! hand-over calls change.

use std::collections::BTreeSet;

use super::lookup::{Extra, answer, collection, is_admin, user_id};
use super::{Ctx, Outcome, Stop, fail};
use crate::dates;
use crate::directory::Library;
use crate::holdings::{Document, Folder, Task};
use crate::state::State;
use crate::xml_out::attrs;

pub(super) const OPS: &[Extra] = &[
    Extra::root("GetUserStatistics", get_user_statistics),
    Extra::root("GetCheckedoutDocumentsByUser", get_checked_out_documents),
    Extra::bare("GetDocumentsOwnedByUser", get_documents_owned),
    Extra::bare("GetFoldersOwnedByUser", get_folders_owned),
    Extra::bare("GetUsersWorkflowRoles", get_users_workflow_roles),
];

/// The caller and the user `userName` names: the user themselves, or a system administrator
/// (who has the `ListingAuditLogOfUser` admin permission). `refusal` is each page's wording.
fn own_or_audit(
    c: &Ctx,
    state: &mut State,
    user_name: &str,
    refusal: &'static str,
) -> Result<(u32, u32), Stop> {
    let me = c.caller(state, "authenticationTicket")?;
    let own = state.store.index_of(user_name) == Some(me);
    if !own && !is_admin(state, me) {
        return Err(fail(refusal, 4030, "Unzureichende Rechte"));
    }
    let target = c.user(state, user_name)?;
    Ok((user_id(state, me), user_id(state, target)))
}

fn name_of(state: &State, id: u32) -> String {
    state
        .store
        .by_id(id)
        .map(|i| state.store.accounts[i].user.user_name.clone())
        .unwrap_or_default()
}

/// "John Smith": how the pages show an author or a supervisor.
fn display_name(state: &State, id: u32) -> String {
    let Some(i) = state.store.by_id(id) else {
        return String::new();
    };
    let u = &state.store.accounts[i].user;
    format!("{} {}", u.first_name, u.last_name)
        .trim()
        .to_string()
}

/// 2 (viewed) for the documents the caller owns or wrote, 0 (never viewed) otherwise.
fn view_status(d: &Document, caller: u32) -> String {
    if d.owner == caller || d.author == caller {
        "2"
    } else {
        "0"
    }
    .into()
}

/// `startingRow` rows skipped, `rowCount` returned; `zero_is_all`: 0 means every row.
fn paged<T>(
    rows: Vec<T>,
    (start, count): (usize, usize),
    zero_is_all: bool,
) -> impl Iterator<Item = T> {
    let take = if count == 0 && zero_is_all {
        usize::MAX
    } else {
        count
    };
    rows.into_iter().skip(start).take(take)
}

fn get_user_statistics(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    let (_, u) = own_or_audit(c, state, &user_name, "Insufficient rights")?;
    let (h, dir) = (&state.world.holdings, &state.world.directory);
    let today = dates::now().div_euclid(dates::DAY);
    // Counters of the items that pass a test.
    let docs = |f: &dyn Fn(&Document) -> bool| h.documents.iter().filter(|d| f(d)).count();
    let folders = |f: &dyn Fn(&Folder) -> bool| h.folders.iter().filter(|x| f(x)).count();
    let tasks = |f: &dyn Fn(&Task) -> bool| h.tasks.iter().filter(|t| f(t)).count();
    // Due dates count open tasks only.
    let open = |f: &dyn Fn(i64) -> bool| tasks(&|t| t.assignee == u && !t.done && f(t.due_day));
    let libs = |f: &dyn Fn(&Library) -> bool| dir.libraries.iter().filter(|l| f(l)).count();
    let groups: BTreeSet<u32> = dir.groups_of(u).map(|g| g.id).collect();
    let flows: BTreeSet<u32> = (h.workflow_roles(u, &groups).iter())
        .map(|(f, _)| f.id)
        .collect();
    let local_groups = dir.groups_of(u).filter(|g| g.library.is_some()).count();
    let n = h.counters.get(&u).copied().unwrap_or_default();
    let figures = [
        ("TotalDocuments", docs(&|d| d.owner == u || d.author == u)),
        (
            "CheckedOutDocuments",
            docs(&|d| d.checked_out_by == Some(u)),
        ),
        ("ViewedDocuments", n.viewed_documents),
        ("SubscribedDocuments", docs(&|d| d.subscribers.contains(&u))),
        ("FavoriteDocuments", n.favorite_documents),
        ("VotedDocuments", n.voted_documents),
        ("DocumentsInDownloadQueue", n.documents_in_download_queue),
        ("RecycledDocuments", n.recycled_documents),
        ("TotalFolders", folders(&|f| f.owner == u)),
        (
            "SubscribedFolders",
            folders(&|f| f.subscribers.contains(&u)),
        ),
        ("FavoriteFolders", n.favorite_folders),
        ("FoldersInDownloadQueue", n.folders_in_download_queue),
        ("RecycledFolders", n.recycled_folders),
        ("QueuedTasks", open(&|_| true)),
        ("TasksDueToday", open(&|due| due == today)),
        (
            "TasksDueThisWeek",
            open(&|due| (today..today + 7).contains(&due)),
        ),
        ("OverdueTasks", open(&|due| due < today)),
        ("TotalTasks", tasks(&|t| t.assignee == u)),
        (
            "TasksAssignedToOthers",
            tasks(&|t| t.created_by == u && t.assignee != u),
        ),
        ("WorkflowRoles", flows.len()),
        (
            "IsoReviewerRoles",
            h.iso_tasks.iter().filter(|t| t.reviewer == u).count(),
        ),
        // Direct and through groups.
        ("DomainMemberships", dir.libraries_of(u).len()),
        ("GlobalGroupMemberships", groups.len() - local_groups),
        ("LocalGroupMemberships", local_groups),
        ("DomainManagerRoles", libs(&|l| l.managers.contains(&u))),
        (
            "ExpirationAgentRoles",
            libs(&|l| l.expiration_agents.contains(&u)),
        ),
    ];
    let inner: String = figures
        .iter()
        .map(|(k, v)| format!("<{k}>{v}</{k}>"))
        .collect();
    answer(format!("<UserStatistics>{inner}</UserStatistics>"))
}

/// `totalcount` on the root and the page's `<document>`s under it; `rowCount=0` is all.
fn get_checked_out_documents(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    let page = c.page()?;
    let (me, u) = own_or_audit(c, state, &user_name, "Insufficient rights.")?;
    let docs = state.world.holdings.checked_out_documents(u);
    let total = docs.len();
    let items: String = paged(docs, page, true)
        .map(|d| {
            let pairs = [
                ("id", d.id.to_string()),
                ("name", d.name.clone()),
                ("path", d.slash_path()),
                ("checkedoutby", name_of(state, u)),
                ("size", d.size.to_string()),
                ("modificationDate", dates::date_time(d.modified)),
                ("UserViewStatus", view_status(d, me)),
            ];
            format!("<document{} />", attrs(&pairs))
        })
        .collect();
    Ok((vec![("totalcount", total.to_string())], items))
}

/// By name; `path` is the parent folder's. No total: a short page is the last.
fn get_documents_owned(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    let page = c.page()?;
    let (me, u) = own_or_audit(c, state, &user_name, "Insufficient rights.")?;
    let docs = state.world.holdings.owned_documents(u);
    answer(
        paged(docs, page, false)
            .map(|d| {
                let pairs = [
                    ("id", d.id.to_string()),
                    ("name", d.name.clone()),
                    ("size", d.size.to_string()),
                    ("modificationDate", dates::date_time(d.modified)),
                    ("publishedVersionAuthorName", display_name(state, d.author)),
                    ("path", d.parent.clone()),
                    ("domainid", d.library.to_string()),
                    ("UserViewStatus", view_status(d, me)),
                ];
                format!("<document{} />", attrs(&pairs))
            })
            .collect(),
    )
}

/// By path; `path` is the folder's own, `ownername` the owner's user name.
fn get_folders_owned(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    let page = c.page()?;
    let (_, u) = own_or_audit(c, state, &user_name, "Insufficient rights.")?;
    let folders = state.world.holdings.owned_folders(u);
    answer(
        paged(folders, page, false)
            .map(|f| {
                let pairs = [
                    ("id", f.id.to_string()),
                    ("name", f.name.clone()),
                    ("path", f.path.clone()),
                    ("domainid", f.library.to_string()),
                    ("ownerid", f.owner.to_string()),
                    ("ownername", name_of(state, f.owner)),
                ];
                format!("<folder{} />", attrs(&pairs))
            })
            .collect(),
    )
}

/// Needs `ListingUserOwnerships`: system administrators, not the user themselves. Lists task
/// definitions (a flow may appear once per task), the user supervising, assigned by name or
/// through a group.
fn get_users_workflow_roles(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    if !is_admin(state, me) {
        return Err(fail(
            "[921]Insufficient rights",
            4030,
            "Unzureichende Rechte",
        ));
    }
    let u = user_id(state, c.user(state, &user_name)?);
    let groups: BTreeSet<u32> = state.world.directory.groups_of(u).map(|g| g.id).collect();
    let roles: String = state
        .world
        .holdings
        .workflow_roles(u, &groups)
        .iter()
        .map(|(f, t)| {
            let pairs = [
                ("TaskDefId", t.id.to_string()),
                ("TaskName", t.name.clone()),
                ("FlowDefId", f.id.to_string()),
                ("FlowName", f.name.clone()),
                ("StepNumber", t.step.to_string()),
                ("SupervisorId", t.supervisor.to_string()),
                ("SupervisorName", display_name(state, t.supervisor)),
            ];
            format!("<WorkflowRole{} />", attrs(&pairs))
        })
        .collect();
    answer(collection("WorkflowRoles", roles))
}
