//! Libraries (the pages' "domains") and user groups: who belongs where, and who manages what.
//!
//! The model, as the pages describe it:
//! - A global group belongs to no library (`DomainID="0"`); it may be made a member of any
//!   number of libraries. A local group belongs to one library and is always a member of it
//!   (GetDomainGroups lists both kinds). Groups do not nest.
//! - A user is a member of a library directly (AddUserAsDomainMember) or indirectly, through a
//!   group that is a member of it. GetDomainMembershipsOfUser and GetMemberDomains list both;
//!   RemoveUserFromDomainMembership ends the direct one only, so the library may stay listed.
//! - A library manager is a direct member: losing the direct membership ends the role, as
//!   RemoveUserFromDomainMembership's page says, and being granted the role adds it.
//! - Accounts keep the home library CreateUser gave them (`Domain` on `<User>`) as a direct
//!   membership where a library of that name exists.
//!
//! Users are held by id, so a rename changes nothing here; a deleted user is forgotten.

use std::collections::BTreeSet;

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::store::Store;

#[derive(Debug, Clone)]
pub struct Library {
    pub id: u32,
    pub name: String,
    pub anonymous: bool,
    pub archive: bool,
    pub hidden: bool,
    pub welcome: String,
    /// Direct members.
    pub members: BTreeSet<u32>,
    /// Global groups that are members (local groups always are).
    pub groups: BTreeSet<u32>,
    pub managers: BTreeSet<u32>,
    pub expiration_agents: BTreeSet<u32>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub id: u32,
    pub name: String,
    /// The library of a local group; `None` for a global one.
    pub library: Option<u32>,
    /// `public="True"`: members visible to other users (the group's showMembers setting).
    pub public: bool,
    pub members: BTreeSet<u32>,
}

#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub libraries: Vec<Library>,
    pub groups: Vec<Group>,
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Sorts by name ignoring case, as the listings do ("sorted alphabetically").
pub fn by_name<T>(items: &mut [&T], name: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|i| name(i).to_lowercase());
}

impl Directory {
    pub fn library(&self, name: &str) -> Option<usize> {
        self.libraries.iter().position(|l| same_name(&l.name, name))
    }

    pub fn library_by_id(&self, id: u32) -> Option<&Library> {
        self.libraries.iter().find(|l| l.id == id)
    }

    /// A group by name: a local one of `library`, or a global one when `library` is `None`.
    pub fn group(&self, library: Option<u32>, name: &str) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.library == library && same_name(&g.name, name))
    }

    /// The groups `user` is a member of.
    pub fn groups_of(&self, user: u32) -> impl Iterator<Item = &Group> {
        self.groups
            .iter()
            .filter(move |g| g.members.contains(&user))
    }

    /// Whether `user` is a member of library `lib`, directly or through a group.
    pub fn is_member(&self, user: u32, lib: u32) -> bool {
        let Some(l) = self.library_by_id(lib) else {
            return false;
        };
        l.members.contains(&user)
            || self.groups_of(user).any(|g| match g.library {
                Some(own) => own == lib,
                None => l.groups.contains(&g.id),
            })
    }

    /// Every library `user` is a member of, directly or through a group, by name.
    pub fn libraries_of(&self, user: u32) -> Vec<&Library> {
        let mut libs: Vec<&Library> = self
            .libraries
            .iter()
            .filter(|l| self.is_member(user, l.id))
            .collect();
        by_name(&mut libs, |l| &l.name);
        libs
    }

    pub fn manages(&self, user: u32, lib: u32) -> bool {
        self.library_by_id(lib)
            .is_some_and(|l| l.managers.contains(&user))
    }

    /// A "Library Manager": manages at least one library.
    pub fn manages_any(&self, user: u32) -> bool {
        self.libraries.iter().any(|l| l.managers.contains(&user))
    }

    /// Drops a deleted user from every membership and role.
    pub fn forget(&mut self, user: u32) {
        for l in &mut self.libraries {
            l.members.remove(&user);
            l.managers.remove(&user);
            l.expiration_agents.remove(&user);
        }
        for g in &mut self.groups {
            g.members.remove(&user);
        }
    }

    /// A new account's home library (CreateUser's `DomainName`), where one has that name.
    pub fn join_home(&mut self, user: u32, home: &str) {
        if let Some(i) = self.library(home) {
            self.libraries[i].members.insert(user);
        }
    }
}

/// The fixture's libraries, each with its local groups.
#[derive(Deserialize)]
pub struct LibraryFixture {
    name: String,
    #[serde(default)]
    welcome: String,
    #[serde(default)]
    anonymous: bool,
    #[serde(default)]
    archive: bool,
    #[serde(default)]
    hidden: bool,
    /// Direct members besides those whose home library this is.
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    managers: Vec<String>,
    #[serde(default)]
    expiration_agents: Vec<String>,
    #[serde(default)]
    groups: Vec<GroupFixture>,
}

#[derive(Deserialize)]
pub struct GroupFixture {
    name: String,
    #[serde(default)]
    public: bool,
    #[serde(default)]
    members: Vec<String>,
    /// For a global group: the libraries it is a member of.
    #[serde(default)]
    libraries: Vec<String>,
}

/// A fixture's user name as an id; an unknown name is a mistake in the fixture.
pub fn user_id(store: &Store, name: &str) -> anyhow::Result<u32> {
    let i = store
        .index_of(name)
        .with_context(|| format!("the fixture names an unknown user {name:?}"))?;
    Ok(store.accounts[i].user.id)
}

fn user_ids(store: &Store, names: &[String]) -> anyhow::Result<BTreeSet<u32>> {
    names.iter().map(|n| user_id(store, n)).collect()
}

impl Directory {
    pub fn from_fixture(
        libraries: &[LibraryFixture],
        global_groups: &[GroupFixture],
        store: &Store,
    ) -> anyhow::Result<Directory> {
        let mut dir = Directory::default();
        let mut next_group = 1;
        let mut group = |g: &GroupFixture, library| -> anyhow::Result<Group> {
            next_group += 1;
            Ok(Group {
                id: next_group - 1,
                name: g.name.clone(),
                library,
                public: g.public,
                members: user_ids(store, &g.members)?,
            })
        };
        for (i, l) in libraries.iter().enumerate() {
            let id = i as u32 + 1;
            let managers = user_ids(store, &l.managers)?;
            let mut members = user_ids(store, &l.members)?;
            members.extend(&managers);
            members.extend(
                store
                    .accounts
                    .iter()
                    .filter(|a| same_name(&a.user.domain, &l.name))
                    .map(|a| a.user.id),
            );
            for g in &l.groups {
                dir.groups.push(group(g, Some(id))?);
            }
            dir.libraries.push(Library {
                id,
                name: l.name.clone(),
                anonymous: l.anonymous,
                archive: l.archive,
                hidden: l.hidden,
                welcome: l.welcome.clone(),
                members,
                groups: BTreeSet::new(),
                managers,
                expiration_agents: user_ids(store, &l.expiration_agents)?,
            });
        }
        for g in global_groups {
            let made = group(g, None)?;
            for name in &g.libraries {
                let Some(i) = dir.library(name) else {
                    bail!(
                        "global group {:?} names an unknown library {name:?}",
                        g.name
                    );
                };
                dir.libraries[i].groups.insert(made.id);
            }
            dir.groups.push(made);
        }
        Ok(dir)
    }
}
