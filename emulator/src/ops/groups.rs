//! The user group calls: the three listings, one group and its members, a user's groups, and
//! adding and removing members (a manager of the group's library or a system administrator;
//! global groups, which belong to no library, system administrators only).

use super::lookup::{Extra, answer, collection, done, group, is_admin, library, manages, user_id};
use super::{Ctx, Outcome, fail};
use crate::directory::{Group, by_name};
use crate::state::State;
use crate::xml_out::{attrs, user_element};

pub(super) const OPS: &[Extra] = &[
    Extra::response("GetGlobalGroups", get_global_groups),
    Extra::response("GetLocalGroups", get_local_groups),
    Extra::response("GetDomainGroups", get_domain_groups),
    Extra::response("GetUserGroup", get_user_group),
    Extra::response("GetUserGroupMembers", get_user_group_members),
    Extra::root("GetGroupMembershipsOfUser", get_group_memberships_of_user),
    Extra::response("AddUsergroupMember", add_usergroup_member),
    Extra::response("RemoveUsergroupMember", remove_usergroup_member),
];

/// `<usergroup GroupID GroupName DomainID DomainName public/>`: `DomainID="0"` and an empty
/// `DomainName` for a global group; `public` is `True`/`False`.
fn usergroup(state: &State, g: &Group) -> String {
    let lib = g
        .library
        .and_then(|id| state.world.directory.library_by_id(id));
    let pairs = [
        ("GroupID", g.id.to_string()),
        ("GroupName", g.name.clone()),
        ("DomainID", g.library.unwrap_or(0).to_string()),
        (
            "DomainName",
            lib.map(|l| l.name.clone()).unwrap_or_default(),
        ),
        ("public", if g.public { "True" } else { "False" }.into()),
    ];
    format!("<usergroup{} />", attrs(&pairs))
}

/// The groups `keep` selects, by name, in `<name>`.
fn groups(state: &State, name: &str, keep: impl Fn(&Group) -> bool) -> String {
    let mut found: Vec<&Group> = state
        .world
        .directory
        .groups
        .iter()
        .filter(|g| keep(g))
        .collect();
    by_name(&mut found, |g| &g.name);
    collection(name, found.iter().map(|g| usergroup(state, g)).collect())
}

fn get_global_groups(c: &Ctx, state: &mut State) -> Outcome {
    c.caller(state, "authenticationTicket")?;
    answer(groups(state, "usergroups", |g| g.library.is_none()))
}

/// Local groups only: global groups that are members of the library are not included.
fn get_local_groups(c: &Ctx, state: &mut State) -> Outcome {
    let domain = c.required("DomainName")?.to_string();
    c.caller(state, "authenticationTicket")?;
    let lib = state.world.directory.libraries[library(state, &domain)?].id;
    answer(groups(state, "usergroups", |g| g.library == Some(lib)))
}

/// The library's local groups and the global groups that are its members.
fn get_domain_groups(c: &Ctx, state: &mut State) -> Outcome {
    let domain = c.required("DomainName")?.to_string();
    c.caller(state, "authenticationTicket")?;
    let l = &state.world.directory.libraries[library(state, &domain)?];
    answer(groups(state, "usergroups", |g| match g.library {
        Some(own) => own == l.id,
        None => l.groups.contains(&g.id),
    }))
}

/// `DomainName` (empty or absent for a global group) and `GroupName`, as the group calls take
/// them.
fn named_group(c: &Ctx, state: &State) -> Result<usize, super::Stop> {
    let domain = c.p.or_empty("DomainName");
    let name = c.required("GroupName")?;
    group(state, domain, name)
}

fn get_user_group(c: &Ctx, state: &mut State) -> Outcome {
    c.required("GroupName")?;
    c.caller(state, "authenticationTicket")?;
    let g = named_group(c, state)?;
    answer(usergroup(state, &state.world.directory.groups[g]))
}

/// Every member, by first and then last name, in full detail. (The pages say `public="False"`
/// hides members from others, yet let any signed-in user call this: it answers them all.)
fn get_user_group_members(c: &Ctx, state: &mut State) -> Outcome {
    c.required("GroupName")?;
    c.caller(state, "authenticationTicket")?;
    let g = &state.world.directory.groups[named_group(c, state)?];
    let mut members: Vec<_> = state
        .store
        .accounts
        .iter()
        .filter(|a| g.members.contains(&a.user.id))
        .collect();
    members.sort_by_cached_key(|a| {
        (
            a.user.first_name.to_lowercase(),
            a.user.last_name.to_lowercase(),
        )
    });
    let users = members
        .iter()
        .map(|a| user_element(a, c.with_mobile))
        .collect();
    answer(collection("users", users))
}

/// Needs the `ListingGroupMembershipOfUser` admin permission: system administrators here, not
/// the user themselves (the page does not mention them).
fn get_group_memberships_of_user(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    if !is_admin(state, me) {
        return Err(fail("Insufficient rights", 4030, "Unzureichende Rechte"));
    }
    let id = user_id(state, c.user(state, &user_name)?);
    answer(groups(state, "UserGroups", |g| g.members.contains(&id)))
}

/// The group and the member a change names, once the caller may change that group.
fn change_target(c: &Ctx, state: &mut State, by_id: bool) -> Result<(usize, u32), super::Stop> {
    let user_name = c.required("UserName")?.to_string();
    c.required("GroupName")?;
    let me = c.caller(state, "authenticationTicket")?;
    let g = named_group(c, state)?;
    if !manages(state, me, state.world.directory.groups[g].library) {
        return Err(super::denied());
    }
    // AddUsergroupMember also takes `ID:<userid>`.
    let found = if by_id {
        state.store.by_name_or_id(&user_name)
    } else {
        state.store.index_of(&user_name)
    };
    let target = found.ok_or_else(|| super::not_found(c.op))?;
    Ok((g, user_id(state, target)))
}

fn add_usergroup_member(c: &Ctx, state: &mut State) -> Outcome {
    // Required, but empty for a global group.
    c.param("DomainName")?;
    let (g, user) = change_target(c, state, true)?;
    if !state.world.directory.groups[g].members.insert(user) {
        return Err(fail(
            "User already a member",
            4090,
            "Der Benutzer ist bereits Mitglied",
        ));
    }
    done()
}

fn remove_usergroup_member(c: &Ctx, state: &mut State) -> Outcome {
    let (g, user) = change_target(c, state, false)?;
    if !state.world.directory.groups[g].members.remove(&user) {
        return Err(fail(
            "User not a member",
            4000,
            "Der Benutzer ist kein Mitglied",
        ));
    }
    done()
}
