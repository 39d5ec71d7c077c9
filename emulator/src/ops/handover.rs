//! The 13 TransferUser* calls: handing a user's work on (system administrators only).
//!
//! Moved to the target: document and folder ownerships, check-outs (still checked out), open
//! workflow tasks, ISO review tasks, expiration-notice targets, and roles in workflow
//! definitions (the target replaces the source; running tasks are TransferUserTasks').
//! Added to the target, the source keeping them: document and folder subscriptions, group
//! memberships, direct library memberships, library manager roles, and individually assigned
//! permissions (merged into a target's own entry: the stronger right wins). What the target
//! already has is skipped without a word.
//!
//! What the target cannot take stays with the source, and the answer says so with the page's
//! `warnings="Some … could not be transferred."`: an item in a library the target is no
//! member of (directly or through a group), and a check-out or manager role for a read-only
//! target. So the hand-over's order matters: memberships first.

use super::lookup::{Extra, user_id};
use super::{Ctx, Outcome, admin_only, bad_request};
use crate::directory::Directory;
use crate::holdings::{Acl, Document, Folder, InLibrary};
use crate::state::State;
use crate::store::Store;
use crate::world::World;

/// Hands `from`'s items of one kind to `to`; answers how many stayed.
type Apply = fn(&mut World, &Store, u32, u32) -> usize;

/// (operation, the noun its page's warning uses, what it does)
#[rustfmt::skip]
const KINDS: [(&str, &str, Apply); 13] = [
    ("TransferUserCheckedOutDocuments", "checked-out documents", check_outs),
    ("TransferUserDocumentOwnerships", "document ownerships", document_owners),
    ("TransferUserDocumentSubscriptions", "document subscriptions", document_subscriptions),
    ("TransferUserDomainManagerRoles", "manager roles", manager_roles),
    ("TransferUserDomainMemberships", "memberships", library_memberships),
    ("TransferUserExpirationNotices", "expiration notices", expiration_notices),
    ("TransferUserFolderOwnerships", "folder ownerships", folder_owners),
    ("TransferUserFolderSubscriptions", "folder subscriptions", folder_subscriptions),
    ("TransferUserGroupMemberships", "group memberships", group_memberships),
    ("TransferUserISOTasks", "ISO tasks", iso_tasks),
    ("TransferUserSecurityPermissions", "permissions", permissions),
    ("TransferUserTasks", "tasks", tasks),
    ("TransferUserWorkflowDefinitions", "workflow roles", workflow_roles),
];

pub(super) const OPS: &[Extra] = &{
    let mut ops = [const { Extra::root("", transfer) }; KINDS.len()];
    let mut i = 0;
    while i < KINDS.len() {
        ops[i] = Extra::root(KINDS[i].0, transfer);
        i += 1;
    }
    ops
};

fn transfer(c: &Ctx, state: &mut State) -> Outcome {
    let Some(&(_, noun, apply)) = KINDS.iter().find(|k| k.0 == c.op) else {
        unreachable!("{} is answered here only if KINDS has it", c.op);
    };
    let from_name = c.required("fromUserName")?.to_string();
    let to_name = c.required("toUserName")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    admin_only(state, me)?;
    let from = user_id(state, c.user(state, &from_name)?);
    let to = user_id(state, c.user(state, &to_name)?);
    if from == to {
        return Err(bad_request(
            "SystemError:fromUserName and toUserName name the same user.",
            "fromUserName und toUserName bezeichnen denselben Benutzer.",
        ));
    }
    let left = apply(&mut state.world, &state.store, from, to);
    let warned = left > 0 || c.transfer_warnings;
    let warnings = warned.then(|| ("warnings", format!("Some {noun} could not be transferred.")));
    Ok((warnings.into_iter().collect(), String::new()))
}

/// Gives each item that `held` picks out to the target with `give`, where `can` lets the
/// target have it; counts the ones left with the source.
fn hand_on<T>(
    items: &mut [T],
    can: impl Fn(&T) -> bool,
    held: impl Fn(&T) -> bool,
    mut give: impl FnMut(&mut T),
) -> usize {
    let mut left = 0;
    for item in items.iter_mut().filter(|i| held(i)) {
        if can(item) {
            give(item);
        } else {
            left += 1;
        }
    }
    left
}

/// `from`'s permission entry copied to `to`, merged with its own: the stronger right wins.
fn merge(acl: &mut Acl, from: u32, to: u32) {
    let right = acl[&from];
    let merged = acl.get(&to).map_or(right, |&own| own.max(right));
    acl.insert(to, merged);
}

fn read_only(store: &Store, user: u32) -> bool {
    store
        .by_id(user)
        .is_some_and(|i| store.accounts[i].user.read_only)
}

/// Whether `to` can have an item: it is a member of the item's library.
fn reaches<T: InLibrary>(dir: &Directory, to: u32) -> impl Fn(&T) -> bool + '_ {
    move |item| dir.is_member(to, item.library())
}

fn check_outs(w: &mut World, store: &Store, from: u32, to: u32) -> usize {
    let (reach, ro) = (reaches(&w.directory, to), read_only(store, to));
    let docs = &mut w.holdings.documents;
    let held = |d: &Document| d.checked_out_by == Some(from);
    hand_on(
        docs,
        |d| !ro && reach(d),
        held,
        |d| d.checked_out_by = Some(to),
    )
}

fn document_owners(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (docs, reach) = (&mut w.holdings.documents, reaches(&w.directory, to));
    hand_on(docs, reach, |d| d.owner == from, |d| d.owner = to)
}

fn expiration_notices(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (docs, reach) = (&mut w.holdings.documents, reaches(&w.directory, to));
    let held = |d: &Document| d.expiration_notice == Some(from);
    hand_on(docs, reach, held, |d| d.expiration_notice = Some(to))
}

fn document_subscriptions(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (docs, reach) = (&mut w.holdings.documents, reaches(&w.directory, to));
    let held = |d: &Document| d.subscribers.contains(&from);
    hand_on(docs, reach, held, |d| {
        d.subscribers.insert(to);
    })
}

fn folder_owners(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (folders, reach) = (&mut w.holdings.folders, reaches(&w.directory, to));
    hand_on(folders, reach, |f| f.owner == from, |f| f.owner = to)
}

fn folder_subscriptions(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (folders, reach) = (&mut w.holdings.folders, reaches(&w.directory, to));
    let held = |f: &Folder| f.subscribers.contains(&from);
    hand_on(folders, reach, held, |f| {
        f.subscribers.insert(to);
    })
}

/// Open tasks only: completed ones stay in the source's history.
fn tasks(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (tasks, reach) = (&mut w.holdings.tasks, reaches(&w.directory, to));
    hand_on(
        tasks,
        reach,
        |t| !t.done && t.assignee == from,
        |t| t.assignee = to,
    )
}

fn iso_tasks(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (reviews, reach) = (&mut w.holdings.iso_tasks, reaches(&w.directory, to));
    hand_on(reviews, reach, |t| t.reviewer == from, |t| t.reviewer = to)
}

fn permissions(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (dir, h) = (&w.directory, &mut w.holdings);
    let held = |acl: &Acl| acl.contains_key(&from);
    let on_documents = hand_on(
        &mut h.documents,
        reaches(dir, to),
        |d| held(&d.acl),
        |d| merge(&mut d.acl, from, to),
    );
    on_documents
        + hand_on(
            &mut h.folders,
            reaches(dir, to),
            |f| held(&f.acl),
            |f| merge(&mut f.acl, from, to),
        )
}

fn group_memberships(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let groups = &mut w.directory.groups;
    hand_on(
        groups,
        |_| true,
        |g| g.members.contains(&from),
        |g| {
            g.members.insert(to);
        },
    )
}

/// Direct memberships only (those through groups come with TransferUserGroupMemberships).
fn library_memberships(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let libs = &mut w.directory.libraries;
    hand_on(
        libs,
        |_| true,
        |l| l.members.contains(&from),
        |l| {
            l.members.insert(to);
        },
    )
}

/// A manager is a direct member, so the role brings the membership; a read-only user manages
/// nothing.
fn manager_roles(w: &mut World, store: &Store, from: u32, to: u32) -> usize {
    let (libs, ro) = (&mut w.directory.libraries, read_only(store, to));
    hand_on(
        libs,
        |_| !ro,
        |l| l.managers.contains(&from),
        |l| {
            l.managers.insert(to);
            l.members.insert(to);
        },
    )
}

/// The target takes the source's place as supervisor and as a named assignee of each task
/// definition in a library it can reach; assignments through groups are the groups'.
fn workflow_roles(w: &mut World, _: &Store, from: u32, to: u32) -> usize {
    let (dir, h) = (&w.directory, &mut w.holdings);
    let mut left = 0;
    for flow in &mut h.flows {
        let reach = dir.is_member(to, flow.library);
        for t in &mut flow.tasks {
            if t.supervisor != from && !t.assignees.contains(&from) {
                continue;
            }
            if !reach {
                left += 1;
                continue;
            }
            if t.supervisor == from {
                t.supervisor = to;
            }
            if t.assignees.remove(&from) {
                t.assignees.insert(to);
            }
        }
    }
    left
}
