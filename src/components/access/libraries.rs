//! The libraries a user belongs to (GetDomainMembershipsOfUser), each said to be direct or
//! through a group: a library whose member groups (GetDomainGroups) include one of the user's
//! groups comes through that group, and may be direct as well (no call tells); one without
//! such a group is direct. When the user's groups cannot be read, "direct or through a group".
//! Add a direct membership (AddUserAsDomainMember), remove one (RemoveUserFromDomainMembership,
//! which leaves memberships through groups as they are) with Undo.
//!
//! ids: `libraries-title`, `libraries-problem`, `libraries-list` (one `li` per library, its
//! button `libraries-remove-<n>`, its way in `libraries-via-<n>`), `libraries-add-choice`,
//! `libraries-add`, `libraries-status`, `libraries-undo`.

use futures::FutureExt;
use futures::future::LocalBoxFuture;
use inforouter_protocol::ApiError;
use inforouter_protocol::groups::{GetDomainGroups, UserGroup};
use inforouter_protocol::libraries::{
    AddUserAsDomainMember, GetDomainMembershipsOfUser, Library, RemoveUserFromDomainMembership,
};
use leptos::prelude::*;

use super::{
    Change, ChangeLine, GroupsRead, LibrariesRead, Membership, MembershipEdit, listing_problem,
    problem_line, same_group,
};
use crate::session::{Session, use_session};

impl Membership for Library {
    fn describe(&self) -> String {
        format!("the library {}", self.name)
    }

    fn operation(add: bool) -> &'static str {
        if add {
            "AddUserAsDomainMember"
        } else {
            "RemoveUserFromDomainMembership"
        }
    }

    fn send(
        &self,
        session: Session,
        user_name: String,
        add: bool,
    ) -> LocalBoxFuture<'static, Result<(), ApiError>> {
        let domain_name = self.name.clone();
        async move {
            if add {
                let op = AddUserAsDomainMember {
                    domain_name,
                    user_name,
                };
                session.call(&op).await
            } else {
                let op = RemoveUserFromDomainMembership {
                    domain_name,
                    user_name,
                };
                session.call(&op).await
            }
        }
        .boxed_local()
    }
}

/// How the user belongs to a library.
#[derive(Clone, Debug, PartialEq)]
enum Via {
    Direct,
    /// Through these groups of theirs; perhaps also directly.
    Groups(Vec<String>),
    Unknown,
}

impl Via {
    fn said(&self) -> String {
        match self {
            Via::Direct => "Direct".into(),
            Via::Groups(names) => format!(
                "Through a group: {} (perhaps also direct)",
                names.join(", ")
            ),
            Via::Unknown => "Direct or through a group".into(),
        }
    }
}

#[derive(Clone)]
struct Row {
    library: Library,
    via: Via,
}

/// `Old Projects (archive)`, `Board Room (hidden)`.
fn library_label(l: &Library) -> String {
    match (l.is_archive, l.is_hidden) {
        (true, _) => format!("{} (archive)", l.name),
        (false, true) => format!("{} (hidden)", l.name),
        _ => l.name.clone(),
    }
}

async fn read_rows(
    session: Session,
    user_name: String,
    user_groups: GroupsRead,
) -> Result<Vec<Row>, ApiError> {
    let libraries = session
        .call(&GetDomainMembershipsOfUser { user_name })
        .await?;
    let mine: Option<Vec<UserGroup>> = user_groups.await.ok();
    let mut rows = Vec::new();
    for library in libraries {
        let via = match &mine {
            None => Via::Unknown,
            Some(mine) => {
                let domain_name = library.name.clone();
                match session.call(&GetDomainGroups { domain_name }).await {
                    Err(_) => Via::Unknown,
                    Ok(members) => {
                        let through: Vec<String> = mine
                            .iter()
                            .filter(|g| members.iter().any(|m| same_group(g, m)))
                            .map(|g| g.name.clone())
                            .collect();
                        if through.is_empty() {
                            Via::Direct
                        } else {
                            Via::Groups(through)
                        }
                    }
                }
            }
        };
        rows.push(Row { library, via });
    }
    Ok(rows)
}

#[component]
pub fn LibrariesCard(
    user_name: Memo<String>,
    user_groups: GroupsRead,
    every_library: LibrariesRead,
) -> impl IntoView {
    let session = use_session();
    let edit = MembershipEdit::<Library>::new(user_name, "libraries");
    let rows = LocalResource::new(move || {
        edit.change.version().track();
        read_rows(session, user_name.get(), user_groups)
    });
    let choice = RwSignal::new(String::new());
    let current = move || rows.get().and_then(Result::ok).unwrap_or_default();

    let list = move || {
        current()
            .into_iter()
            .enumerate()
            .map(|(n, Row { library, via })| {
                let label = format!("Remove the direct membership of {}", library.name);
                let name = library_label(&library);
                view! {
                    <li>
                        <span class="member-name">{name}</span>
                        <span id=format!("libraries-via-{n}") class="muted">{via.said()}</span>
                        <button id=format!("libraries-remove-{n}") type="button" class="secondary"
                            aria-label=label disabled=move || edit.busy()
                            on:click=move |_| edit.run(Change::Remove, library.clone())>"Remove"</button>
                    </li>
                }
            })
            .collect_view()
    };
    // Offered: every library the user is not certainly a direct member of.
    let options = move || {
        let direct: Vec<String> = current()
            .into_iter()
            .filter(|r| r.via == Via::Direct)
            .map(|r| r.library.name)
            .collect();
        every_library
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|l| !direct.iter().any(|d| d.eq_ignore_ascii_case(&l.name)))
            .map(|l| view! { <option value=l.name.clone()>{library_label(&l)}</option> })
            .collect_view()
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = choice.get_untracked();
        let picked = every_library.with_untracked(|all| {
            all.as_ref()
                .and_then(|all| all.as_ref().ok()?.iter().find(|l| l.name == name).cloned())
        });
        if let Some(library) = picked {
            choice.set(String::new());
            edit.run(Change::Add, library);
        }
    };
    let problem = move || match rows.get() {
        Some(Err(e)) => Some(problem_line(
            "libraries-problem",
            listing_problem("this user's libraries", &e, "GetDomainMembershipsOfUser"),
        )),
        _ => None,
    };

    view! {
        <section class="card" aria-labelledby="libraries-title">
            <h2 id="libraries-title" tabindex="-1">"Libraries"</h2>
            {problem}
            <p class="hint">"Removing ends a direct membership only: a group the user is in may still let them in."</p>
            <ul id="libraries-list" class="memberships">{list}</ul>
            <form class="form add-member" novalidate on:submit=add>
                <div class="field">
                    <label for="libraries-add-choice">"Add to a library (direct membership)"</label>
                    <select id="libraries-add-choice" prop:value=move || choice.get()
                        on:change=move |ev| choice.set(event_target_value(&ev))>
                        <option value="">"Choose a library…"</option>
                        {options}
                    </select>
                </div>
                <button id="libraries-add" type="submit" disabled=move || edit.busy() || choice.with(String::is_empty)>"Add"</button>
            </form>
            <ChangeLine edit=edit/>
        </section>
    }
}
