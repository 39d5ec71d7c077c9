//! The library ("domain") calls: all libraries, a user's (direct and through groups), the
//! caller's, the managed ones, and direct memberships added and removed by a manager of the
//! library or a system administrator.

use super::lookup::{Extra, answer, collection, done, is_admin, library, manages, user_id};
use super::{Ctx, Outcome, fail};
use crate::directory::{Library, by_name};
use crate::state::State;
use crate::xml_out::attrs;

pub(super) const OPS: &[Extra] = &[
    Extra::response("GetDomains", get_domains),
    Extra::response("GetDomainMembershipsOfUser", get_domain_memberships_of_user),
    Extra::response("GetMemberDomains", get_member_domains),
    Extra::root("GetManagedDomainsByUser", get_managed_domains_by_user),
    Extra::response("AddUserAsDomainMember", add_user_as_domain_member),
    Extra::response(
        "RemoveUserFromDomainMembership",
        remove_user_from_domain_membership,
    ),
];

fn flag(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.into()
}

/// `<domains>` of `<domain DomainID DomainName AnonymousDomain IsArchive IsHidden
/// WelcomeMessage/>`, flags `TRUE`/`FALSE`.
fn domains(libs: &[&Library]) -> String {
    let items = libs
        .iter()
        .map(|l| {
            let pairs = [
                ("DomainID", l.id.to_string()),
                ("DomainName", l.name.clone()),
                ("AnonymousDomain", flag(l.anonymous)),
                ("IsArchive", flag(l.archive)),
                ("IsHidden", flag(l.hidden)),
                ("WelcomeMessage", l.welcome.clone()),
            ];
            format!("<domain{} />", attrs(&pairs))
        })
        .collect();
    collection("domains", items)
}

/// Every library, archived and hidden ones too.
fn get_domains(c: &Ctx, state: &mut State) -> Outcome {
    c.caller(state, "authenticationTicket")?;
    let mut libs: Vec<&Library> = state.world.directory.libraries.iter().collect();
    by_name(&mut libs, |l| &l.name);
    answer(domains(&libs))
}

/// Anyone's, for any signed-in user: direct memberships and those through groups.
fn get_domain_memberships_of_user(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.required("userName")?.to_string();
    c.caller(state, "authenticationTicket")?;
    let id = user_id(state, c.user(state, &user_name)?);
    answer(domains(&state.world.directory.libraries_of(id)))
}

fn get_member_domains(c: &Ctx, state: &mut State) -> Outcome {
    let me = c.caller(state, "authenticationTicket")?;
    answer(domains(
        &state.world.directory.libraries_of(user_id(state, me)),
    ))
}

/// An empty or absent `userName` is the caller; another user's needs a system administrator.
fn get_managed_domains_by_user(c: &Ctx, state: &mut State) -> Outcome {
    let user_name = c.p.or_empty("userName").to_string();
    let me = c.caller(state, "authenticationTicket")?;
    let own = user_name.trim().is_empty() || state.store.index_of(&user_name) == Some(me);
    let target = if own {
        me
    } else if is_admin(state, me) {
        c.user(state, &user_name)?
    } else {
        return Err(fail(
            "[2840] Access denied",
            4030,
            "Zugriff verweigert: nur ein Systemadministrator sieht die Bibliotheken anderer",
        ));
    };
    let id = user_id(state, target);
    let mut libs: Vec<&Library> = state
        .world
        .directory
        .libraries
        .iter()
        .filter(|l| l.managers.contains(&id))
        .collect();
    by_name(&mut libs, |l| &l.name);
    answer(domains(&libs))
}

/// The library and the user a membership change names, once the caller may change it.
fn change_target(
    c: &Ctx,
    state: &mut State,
    user_param: &'static str,
) -> Result<(usize, u32), super::Stop> {
    let domain = c.required("DomainName")?.to_string();
    let user_name = c.required(user_param)?.to_string();
    let me = c.caller(state, "authenticationTicket")?;
    let lib = library(state, &domain)?;
    if !manages(state, me, Some(state.world.directory.libraries[lib].id)) {
        return Err(super::denied());
    }
    let user = user_id(state, c.user(state, &user_name)?);
    Ok((lib, user))
}

/// A direct membership; one through a group does not count as "already a member".
fn add_user_as_domain_member(c: &Ctx, state: &mut State) -> Outcome {
    let (lib, user) = change_target(c, state, "UserName")?;
    if !state.world.directory.libraries[lib].members.insert(user) {
        return Err(fail("Already a member", 4090, "Bereits Mitglied"));
    }
    done()
}

/// Ends the direct membership and the manager role with it; memberships through groups stay.
/// The page spells the parameter `Username`.
fn remove_user_from_domain_membership(c: &Ctx, state: &mut State) -> Outcome {
    let (lib, user) = change_target(c, state, "Username")?;
    let l = &mut state.world.directory.libraries[lib];
    if !l.members.remove(&user) {
        return Err(fail(
            "User is not a member",
            4000,
            "Der Benutzer ist kein Mitglied",
        ));
    }
    l.managers.remove(&user);
    done()
}
