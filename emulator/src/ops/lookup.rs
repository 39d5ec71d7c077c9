//! What the membership, redirection and hand-over calls share: their table entries, finding the
//! users, libraries and groups they name, the roles that allow them, and empty collections.

use super::{Ctx, Outcome, Stop, bad_request, fail, not_found};
use crate::dates;
use crate::state::State;

/// An operation of the later features, described beside its handler: the answer's root,
/// whether a success carries `error=""` (only where the page's sample shows it), the handler.
pub(super) struct Extra {
    pub(super) name: &'static str,
    pub(super) root: &'static str,
    pub(super) blank_error: bool,
    pub(super) run: fn(&Ctx, &mut State) -> Outcome,
}

const EXTRAS: [&[Extra]; 6] = [
    super::account::OPS,
    super::groups::OPS,
    super::libraries::OPS,
    super::redirection::OPS,
    super::handover::OPS,
    super::listings::OPS,
];

pub(super) fn extra(op: &str) -> Option<&'static Extra> {
    EXTRAS
        .iter()
        .flat_map(|ops| ops.iter())
        .find(|e| e.name.eq_ignore_ascii_case(op))
}

impl Extra {
    /// `<response success="true" error="">`.
    pub(super) const fn response(
        name: &'static str,
        run: fn(&Ctx, &mut State) -> Outcome,
    ) -> Extra {
        Extra {
            name,
            root: "response",
            blank_error: true,
            run,
        }
    }
    /// `<response success="true">`, no `error` (the owned listings and workflow roles).
    pub(super) const fn bare(name: &'static str, run: fn(&Ctx, &mut State) -> Outcome) -> Extra {
        Extra {
            name,
            root: "response",
            blank_error: false,
            run,
        }
    }
    /// `<root success="true">`.
    pub(super) const fn root(name: &'static str, run: fn(&Ctx, &mut State) -> Outcome) -> Extra {
        Extra {
            name,
            root: "root",
            blank_error: false,
            run,
        }
    }
}

impl Ctx<'_> {
    /// The account index of the user a parameter names: `User not found` when there is none.
    pub(super) fn user(&self, state: &State, name: &str) -> Result<usize, Stop> {
        state.store.index_of(name).ok_or_else(|| not_found(self.op))
    }

    /// A DateTime parameter; a newer server's model binding refuses an unreadable one (HTTP 400).
    pub(super) fn date(&self, name: &'static str) -> Result<i64, Stop> {
        let raw = self.required(name)?;
        dates::parse(raw).ok_or_else(|| {
            if self.modern {
                Stop::Empty(name)
            } else {
                bad_request(
                    format!("SystemError:String '{raw}' was not recognized as a valid DateTime."),
                    "",
                )
            }
        })
    }

    /// `startingRow` (rows to skip) and `rowCount` (page size) of the three listings.
    pub(super) fn page(&self) -> Result<(usize, usize), Stop> {
        let start = self.int("startingRow")?;
        let rows = self.int("rowCount")?;
        if start < 0 || rows < 0 {
            return Err(bad_request(
                "SystemError:startingRow and rowCount must not be negative.",
                "startingRow und rowCount dürfen nicht negativ sein.",
            ));
        }
        Ok((start as usize, rows as usize))
    }
}

pub(super) fn user_id(state: &State, index: usize) -> u32 {
    state.store.accounts[index].user.id
}

pub(super) fn is_admin(state: &State, index: usize) -> bool {
    state.store.accounts[index].user.admin
}

/// A library by name: `[115] Domain not found` when there is none.
pub(super) fn library(state: &State, name: &str) -> Result<usize, Stop> {
    state
        .world
        .directory
        .library(name)
        .ok_or_else(|| fail("[115] Domain not found", 4040, "Bibliothek nicht gefunden"))
}

/// A group: a local one of the library `domain` names, or a global one when `domain` is empty.
/// A library that does not exist has no such group either (the group pages list no `[115]`).
pub(super) fn group(state: &State, domain: &str, name: &str) -> Result<usize, Stop> {
    let dir = &state.world.directory;
    let library = if domain.trim().is_empty() {
        Some(None)
    } else {
        dir.library(domain).map(|i| Some(dir.libraries[i].id))
    };
    library
        .and_then(|lib| dir.group(lib, name))
        .ok_or_else(|| fail("Group not found", 4040, "Gruppe nicht gefunden"))
}

/// A system administrator, or a manager of library `lib` (`None`: a global group, which no
/// library manager manages).
pub(super) fn manages(state: &State, caller: usize, lib: Option<u32>) -> bool {
    is_admin(state, caller)
        || lib.is_some_and(|lib| state.world.directory.manages(user_id(state, caller), lib))
}

/// `<name>items</name>`, or `<name />` when there are none, as the empty samples show.
pub(super) fn collection(name: &str, items: String) -> String {
    if items.is_empty() {
        format!("<{name} />")
    } else {
        format!("<{name}>{items}</{name}>")
    }
}

/// A success with nothing to add.
pub(super) fn done() -> Outcome {
    Ok((Vec::new(), String::new()))
}

/// A success whose answer is this element.
pub(super) fn answer(inner: String) -> Outcome {
    Ok((Vec::new(), inner))
}
