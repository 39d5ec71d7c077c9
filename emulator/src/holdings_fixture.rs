//! Reading the fixture's `holdings`: folders by path (the first segment names the library),
//! documents in those folders, generated runs of documents for paging, workflow definitions,
//! tasks due some days from today, ISO review tasks and the activity counters.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::{Context, bail};
use serde::Deserialize;

use crate::dates;
use crate::directory::{Directory, user_id};
use crate::holdings::{
    Acl, Counters, Document, FlowDef, Folder, Holdings, IsoTask, RIGHTS, Task, TaskDef,
};
use crate::store::Store;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HoldingsFixture {
    folders: Vec<FolderFixture>,
    documents: Vec<DocumentFixture>,
    generated_documents: Vec<GeneratedDocuments>,
    flows: Vec<FlowFixture>,
    tasks: Vec<TaskFixture>,
    iso_tasks: Vec<IsoFixture>,
    counters: HashMap<String, Counters>,
}

#[derive(Deserialize)]
struct FolderFixture {
    path: String,
    owner: String,
    #[serde(default)]
    subscribers: Vec<String>,
    #[serde(default)]
    acl: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct DocumentFixture {
    folder: String,
    name: String,
    owner: String,
    /// The owner when not given.
    author: Option<String>,
    #[serde(default)]
    size: u64,
    #[serde(default)]
    modified: String,
    checked_out_by: Option<String>,
    #[serde(default)]
    subscribers: Vec<String>,
    expiration_notice: Option<String>,
    #[serde(default)]
    acl: BTreeMap<String, String>,
}

/// `count` documents named by `name` with `{n}` as a four-digit number; every
/// `checked_out_every`th one checked out by the owner.
#[derive(Deserialize)]
struct GeneratedDocuments {
    folder: String,
    owner: String,
    name: String,
    count: u32,
    #[serde(default)]
    checked_out_every: u32,
}

#[derive(Deserialize)]
struct FlowFixture {
    name: String,
    library: String,
    tasks: Vec<TaskDefFixture>,
}

#[derive(Deserialize)]
struct TaskDefFixture {
    name: String,
    step: u32,
    supervisor: String,
    #[serde(default)]
    assignees: Vec<String>,
    /// Local groups of the flow's library, or global groups.
    #[serde(default)]
    groups: Vec<String>,
}

#[derive(Deserialize)]
struct TaskFixture {
    name: String,
    library: String,
    assignee: String,
    by: String,
    /// Relative to the day the fixture is loaded, so due/overdue counts stay meaningful.
    due_in_days: i64,
    #[serde(default)]
    done: bool,
}

#[derive(Deserialize)]
struct IsoFixture {
    document: String,
    reviewer: String,
}

/// Resolves the fixture's names against the accounts and the directory.
struct Names<'a> {
    store: &'a Store,
    dir: &'a Directory,
}

impl Names<'_> {
    fn user(&self, name: &str) -> anyhow::Result<u32> {
        user_id(self.store, name)
    }
    fn users(&self, names: &[String]) -> anyhow::Result<BTreeSet<u32>> {
        names.iter().map(|n| self.user(n)).collect()
    }
    fn library(&self, name: &str) -> anyhow::Result<u32> {
        let i = self
            .dir
            .library(name)
            .with_context(|| format!("the fixture names an unknown library {name:?}"))?;
        Ok(self.dir.libraries[i].id)
    }
    fn acl(&self, entries: &BTreeMap<String, String>) -> anyhow::Result<Acl> {
        entries
            .iter()
            .map(|(user, right)| {
                let level = RIGHTS
                    .iter()
                    .position(|r| r.eq_ignore_ascii_case(right))
                    .with_context(|| format!("unknown right {right:?}; known: {RIGHTS:?}"))?;
                Ok((self.user(user)?, level))
            })
            .collect()
    }
    /// A group of the flow's library, else a global one.
    fn group(&self, library: u32, name: &str) -> anyhow::Result<u32> {
        let i = self
            .dir
            .group(Some(library), name)
            .or_else(|| self.dir.group(None, name))
            .with_context(|| format!("the fixture names an unknown group {name:?}"))?;
        Ok(self.dir.groups[i].id)
    }
}

impl HoldingsFixture {
    pub fn load(&self, store: &Store, dir: &Directory) -> anyhow::Result<Holdings> {
        let names = Names { store, dir };
        let mut h = Holdings::default();
        for (i, f) in self.folders.iter().enumerate() {
            let path = f.path.trim_end_matches('\\').to_string();
            let segments: Vec<&str> = path.split('\\').filter(|s| !s.is_empty()).collect();
            if segments.len() < 2 {
                bail!("folder {path:?} must be \\Library\\Name (library roots are not folders)");
            }
            h.folders.push(Folder {
                id: 101 + i as u32,
                name: segments[segments.len() - 1].to_string(),
                library: names.library(segments[0])?,
                path,
                owner: names.user(&f.owner)?,
                subscribers: names.users(&f.subscribers)?,
                acl: names.acl(&f.acl)?,
            });
        }
        let folder = |path: &str| {
            h.folders
                .iter()
                .find(|f| f.path.eq_ignore_ascii_case(path.trim_end_matches('\\')))
                .map(|f| (f.library, f.path.clone()))
                .with_context(|| format!("a document names an unknown folder {path:?}"))
        };
        let mut documents = Vec::new();
        for d in &self.documents {
            let (library, parent) = folder(&d.folder)?;
            let owner = names.user(&d.owner)?;
            let optional = |u: &Option<String>| u.as_deref().map(|n| names.user(n)).transpose();
            documents.push(Document {
                id: 0,
                name: d.name.clone(),
                library,
                parent,
                size: d.size,
                modified: dates::parse(&d.modified).unwrap_or(0),
                owner,
                author: optional(&d.author)?.unwrap_or(owner),
                checked_out_by: optional(&d.checked_out_by)?,
                subscribers: names.users(&d.subscribers)?,
                expiration_notice: optional(&d.expiration_notice)?,
                acl: names.acl(&d.acl)?,
            });
        }
        for g in &self.generated_documents {
            let (library, parent) = folder(&g.folder)?;
            let owner = names.user(&g.owner)?;
            for n in 1..=g.count {
                documents.push(Document {
                    id: 0,
                    name: g.name.replace("{n}", &format!("{n:04}")),
                    library,
                    parent: parent.clone(),
                    size: 10_000 + u64::from(n) * 37,
                    modified: dates::parse("2025-01-01").unwrap_or(0) + i64::from(n) * 3_600,
                    owner,
                    author: owner,
                    checked_out_by: (g.checked_out_every > 0 && n % g.checked_out_every == 0)
                        .then_some(owner),
                    subscribers: BTreeSet::new(),
                    expiration_notice: None,
                    acl: Acl::new(),
                });
            }
        }
        for (i, mut d) in documents.into_iter().enumerate() {
            d.id = 1001 + i as u32;
            h.documents.push(d);
        }
        let today = dates::now().div_euclid(dates::DAY);
        for t in &self.tasks {
            h.tasks.push(Task {
                name: t.name.clone(),
                library: names.library(&t.library)?,
                assignee: names.user(&t.assignee)?,
                created_by: names.user(&t.by)?,
                due_day: today + t.due_in_days,
                done: t.done,
            });
        }
        for t in &self.iso_tasks {
            let doc = h
                .documents
                .iter()
                .find(|d| d.name == t.document)
                .with_context(|| {
                    format!("an ISO task names an unknown document {:?}", t.document)
                })?;
            h.iso_tasks.push(IsoTask {
                document: doc.id,
                library: doc.library,
                reviewer: names.user(&t.reviewer)?,
            });
        }
        let mut task_def = 201;
        for (i, f) in self.flows.iter().enumerate() {
            let library = names.library(&f.library)?;
            let mut tasks = Vec::new();
            for t in &f.tasks {
                tasks.push(TaskDef {
                    id: task_def,
                    name: t.name.clone(),
                    step: t.step,
                    supervisor: names.user(&t.supervisor)?,
                    assignees: names.users(&t.assignees)?,
                    groups: t
                        .groups
                        .iter()
                        .map(|g| names.group(library, g))
                        .collect::<anyhow::Result<_>>()?,
                });
                task_def += 1;
            }
            h.flows.push(FlowDef {
                id: 11 + i as u32,
                name: f.name.clone(),
                library,
                tasks,
            });
        }
        for (user, counters) in &self.counters {
            h.counters.insert(names.user(user)?, *counters);
        }
        Ok(h)
    }
}
