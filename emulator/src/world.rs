//! What the emulator holds besides accounts and tickets: the library directory, task
//! redirections, what users hold (documents, folders, tasks, workflow roles) and the welcome
//! mails it would have sent. Loaded from the same fixture as the
//! accounts (keys a fixture lacks are empty) and rebuilt by the control endpoint's reset.

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::directory::{Directory, GroupFixture, LibraryFixture, user_id};
use crate::holdings::Holdings;
use crate::holdings_fixture::HoldingsFixture;
use crate::store::Store;

/// A user's task redirection: new tasks for `from` go to `to` within the window. `None` is an
/// open end (such records exist, though SetUserTaskRedirection cannot make them).
#[derive(Debug, Clone, PartialEq)]
pub struct Redirection {
    pub from: u32,
    pub to: u32,
    pub start: Option<i64>,
    pub end: Option<i64>,
}

impl Redirection {
    /// Whether the window meets `[start, end]`; an open end reaches as far as it can.
    pub fn overlaps(&self, start: i64, end: i64) -> bool {
        self.start.is_none_or(|s| s <= end) && self.end.is_none_or(|e| e >= start)
    }
}

/// A welcome mail SendWelcomeEmailForUser would have sent, as `GET /_emulator/mails` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Mail {
    pub to: String,
    pub user_name: String,
    /// `WELCOMETOIR` (native accounts) or `WELCOMETOIREXTERNAL`.
    pub template: String,
    /// The user's language preference: the mail is rendered in it.
    pub language: String,
    /// Native accounts: the password reset link, valid for 48 hours.
    pub reset_link: Option<String>,
    pub reset_link_expires: Option<String>,
    /// Other accounts: the authority they sign in with.
    pub authority: Option<String>,
    pub sent_at: String,
}

#[derive(Debug, Clone, Default)]
pub struct World {
    pub directory: Directory,
    pub redirections: Vec<Redirection>,
    pub holdings: Holdings,
    pub mails: Vec<Mail>,
}

impl World {
    /// Forgets a deleted user's memberships, roles and redirections. What they owned stays
    /// pointing at the gone account, as DeleteUser's page warns.
    pub fn forget_user(&mut self, user: u32) {
        self.directory.forget(user);
        self.redirections.retain(|r| r.from != user && r.to != user);
    }
}

#[derive(Deserialize)]
struct WorldFile {
    #[serde(default)]
    libraries: Vec<LibraryFixture>,
    #[serde(default)]
    global_groups: Vec<GroupFixture>,
    #[serde(default)]
    redirections: Vec<RedirectionFixture>,
    #[serde(default)]
    holdings: HoldingsFixture,
}

#[derive(Deserialize)]
struct RedirectionFixture {
    from: String,
    to: String,
    /// `2024-03-01` (or with a time); empty for an open end.
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
}

fn fixture_date(text: &str) -> anyhow::Result<Option<i64>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    dates::parse(text)
        .map(Some)
        .with_context(|| format!("the fixture's date {text:?} is not yyyy-MM-dd[THH:mm:ss]"))
}

impl World {
    pub fn from_fixture(json: &str, store: &Store) -> anyhow::Result<World> {
        let file: WorldFile = serde_json::from_str(json)?;
        let directory = Directory::from_fixture(&file.libraries, &file.global_groups, store)?;
        let redirections = file
            .redirections
            .iter()
            .map(|r| {
                Ok(Redirection {
                    from: user_id(store, &r.from)?,
                    to: user_id(store, &r.to)?,
                    start: fixture_date(&r.start)?,
                    end: fixture_date(&r.end)?,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let holdings = file.holdings.load(store, &directory)?;
        Ok(World {
            directory,
            redirections,
            holdings,
            mails: Vec::new(),
        })
    }
}
