//! What users hold, for the hand-over calls: documents and folders (owner, subscribers,
//! individually assigned permissions; a document's check-out, author and expiration-notice
//! target), workflow tasks, ISO review tasks, roles in workflow definitions, and the activity
//! counts GetUserStatistics reports that nothing here changes (views, favourites, votes,
//! download queues, recycle bins).
//!
//! Every item lies in one library; the hand-over gives an item only to a user who can reach
//! that library (a member, directly or through a group), which is what leaves "Some … could not
//! be transferred." Users are held by id; a deleted user's items keep pointing at the gone id,
//! as DeleteUser's page warns.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Deserialize;

/// Access rights of an individual permission entry, weakest first: merging keeps the stronger.
pub const RIGHTS: [&str; 5] = ["List", "Read", "Add", "Change", "Full Control"];

/// A user's individually assigned entries: user id to an index into [`RIGHTS`].
pub type Acl = BTreeMap<u32, usize>;

#[derive(Debug, Clone)]
pub struct Folder {
    pub id: u32,
    pub name: String,
    pub library: u32,
    /// Its own path, `\Finance\Reports`.
    pub path: String,
    pub owner: u32,
    pub subscribers: BTreeSet<u32>,
    pub acl: Acl,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub id: u32,
    pub name: String,
    pub library: u32,
    /// Its folder's path, `\Finance\Reports`.
    pub parent: String,
    pub size: u64,
    pub modified: i64,
    pub owner: u32,
    /// The published version's author: TotalDocuments counts authored documents too.
    pub author: u32,
    pub checked_out_by: Option<u32>,
    pub subscribers: BTreeSet<u32>,
    /// Who is told when the document expires.
    pub expiration_notice: Option<u32>,
    pub acl: Acl,
}

impl Document {
    /// `/Legal/Contracts/Contract.docx`, the checked-out listing's form.
    pub fn slash_path(&self) -> String {
        format!("{}\\{}", self.parent, self.name).replace('\\', "/")
    }
}

/// A task of a running workflow.
#[derive(Debug, Clone)]
pub struct Task {
    pub name: String,
    pub library: u32,
    pub assignee: u32,
    pub created_by: u32,
    /// Days since 1970-01-01.
    pub due_day: i64,
    pub done: bool,
}

#[derive(Debug, Clone)]
pub struct IsoTask {
    pub document: u32,
    pub library: u32,
    pub reviewer: u32,
}

/// A task of a workflow definition: who supervises it and who is assigned, by name or through
/// a group.
#[derive(Debug, Clone)]
pub struct TaskDef {
    pub id: u32,
    pub name: String,
    pub step: u32,
    pub supervisor: u32,
    pub assignees: BTreeSet<u32>,
    pub groups: BTreeSet<u32>,
}

#[derive(Debug, Clone)]
pub struct FlowDef {
    pub id: u32,
    pub name: String,
    pub library: u32,
    pub tasks: Vec<TaskDef>,
}

/// An item that lies in a library: the hand-over gives it only to a member of that library.
pub trait InLibrary {
    fn library(&self) -> u32;
}

impl InLibrary for Document {
    fn library(&self) -> u32 {
        self.library
    }
}

impl InLibrary for Folder {
    fn library(&self) -> u32 {
        self.library
    }
}

impl InLibrary for Task {
    fn library(&self) -> u32 {
        self.library
    }
}

impl InLibrary for IsoTask {
    fn library(&self) -> u32 {
        self.library
    }
}

/// The statistics nothing here models as items.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(default)]
pub struct Counters {
    pub viewed_documents: usize,
    pub favorite_documents: usize,
    pub voted_documents: usize,
    pub documents_in_download_queue: usize,
    pub recycled_documents: usize,
    pub favorite_folders: usize,
    pub folders_in_download_queue: usize,
    pub recycled_folders: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Holdings {
    pub folders: Vec<Folder>,
    pub documents: Vec<Document>,
    pub tasks: Vec<Task>,
    pub iso_tasks: Vec<IsoTask>,
    pub flows: Vec<FlowDef>,
    pub counters: HashMap<u32, Counters>,
}

impl Holdings {
    /// Documents owned by `user`, by name (the owned listing's order).
    pub fn owned_documents(&self, user: u32) -> Vec<&Document> {
        let mut docs: Vec<&Document> = self.documents.iter().filter(|d| d.owner == user).collect();
        docs.sort_by_cached_key(|d| (d.name.to_lowercase(), d.id));
        docs
    }

    pub fn checked_out_documents(&self, user: u32) -> Vec<&Document> {
        let mut docs: Vec<&Document> = self
            .documents
            .iter()
            .filter(|d| d.checked_out_by == Some(user))
            .collect();
        docs.sort_by_cached_key(|d| (d.name.to_lowercase(), d.id));
        docs
    }

    /// Folders owned by `user`, by path (the page does not say; a stable order for paging).
    pub fn owned_folders(&self, user: u32) -> Vec<&Folder> {
        let mut folders: Vec<&Folder> = self.folders.iter().filter(|f| f.owner == user).collect();
        folders.sort_by_cached_key(|f| (f.path.to_lowercase(), f.id));
        folders
    }

    /// The workflow-definition tasks `user` supervises or is assigned to, by name or through
    /// one of `groups` (the user's), with their flow: by flow name, then step.
    pub fn workflow_roles(&self, user: u32, groups: &BTreeSet<u32>) -> Vec<(&FlowDef, &TaskDef)> {
        let mut roles: Vec<(&FlowDef, &TaskDef)> = self
            .flows
            .iter()
            .flat_map(|f| f.tasks.iter().map(move |t| (f, t)))
            .filter(|(_, t)| {
                t.supervisor == user || t.assignees.contains(&user) || !t.groups.is_disjoint(groups)
            })
            .collect();
        roles.sort_by_cached_key(|(f, t)| (f.name.to_lowercase(), t.step, t.id));
        roles
    }
}

impl Holdings {
    /// What `user` holds, by path, as `GET /_emulator/holdings/{user}` shows it: the items no
    /// srv.asmx call lists (subscriptions, permissions, notices, tasks) included.
    pub fn summary(&self, user: u32) -> serde_json::Value {
        let documents = |keep: &dyn Fn(&Document) -> bool| -> Vec<String> {
            let kept = self.documents.iter().filter(|d| keep(d));
            kept.map(|d| format!("{}\\{}", d.parent, d.name)).collect()
        };
        let folders = |keep: &dyn Fn(&Folder) -> bool| -> Vec<String> {
            let kept = self.folders.iter().filter(|f| keep(f));
            kept.map(|f| f.path.clone()).collect()
        };
        let entry = |on: String, acl: &Acl| {
            acl.get(&user)
                .map(|&r| serde_json::json!({ "on": on, "right": RIGHTS[r] }))
        };
        let permissions: Vec<serde_json::Value> = (self.folders.iter())
            .filter_map(|f| entry(f.path.clone(), &f.acl))
            .chain(
                (self.documents.iter())
                    .filter_map(|d| entry(format!("{}\\{}", d.parent, d.name), &d.acl)),
            )
            .collect();
        let tasks = |done: bool| -> Vec<&str> {
            let kept = self
                .tasks
                .iter()
                .filter(|t| t.assignee == user && t.done == done);
            kept.map(|t| t.name.as_str()).collect()
        };
        let reviews: Vec<String> = (self.iso_tasks.iter())
            .filter(|t| t.reviewer == user)
            .filter_map(|t| self.documents.iter().find(|d| d.id == t.document))
            .map(|d| d.name.clone())
            .collect();
        let roles: Vec<String> = (self.flows.iter())
            .flat_map(|f| f.tasks.iter().map(move |t| (f, t)))
            .filter_map(|(f, t)| {
                let role = match (t.supervisor == user, t.assignees.contains(&user)) {
                    (true, true) => "supervisor, assignee",
                    (true, false) => "supervisor",
                    (false, true) => "assignee",
                    (false, false) => return None,
                };
                Some(format!("{}: {} ({role})", f.name, t.name))
            })
            .collect();
        serde_json::json!({
            "owned_documents": documents(&|d| d.owner == user),
            "authored_documents": documents(&|d| d.author == user),
            "checked_out_documents": documents(&|d| d.checked_out_by == Some(user)),
            "document_subscriptions": documents(&|d| d.subscribers.contains(&user)),
            "expiration_notices": documents(&|d| d.expiration_notice == Some(user)),
            "owned_folders": folders(&|f| f.owner == user),
            "folder_subscriptions": folders(&|f| f.subscribers.contains(&user)),
            "permissions": permissions,
            "open_tasks": tasks(false),
            "completed_tasks": tasks(true),
            "iso_reviews": reviews,
            "workflow_roles": roles,
        })
    }
}
