//! What the new account will get from the colleague, before anything is created: their groups
//! (each copied), their libraries (a direct membership is copied; one reached through a group
//! comes with that group, as TransferUserDomainMemberships copies direct memberships only),
//! and the user type it is created as.
//!
//! ids: `like-preview`, `like-preview-title`, `like-groups` (one `li` per group),
//! `like-libraries` (one `li` per library, its way in `like-library-via-<n>`), `like-type`,
//! `like-groups-problem`, `like-libraries-problem`.

use inforouter_protocol::account_admin::UserType;
use inforouter_protocol::groups::UserGroup;
use leptos::prelude::*;

use super::{Found, Like};
use crate::components::access::groups::kind;
use crate::components::access::libraries::{Row, Via, library_label};
use crate::components::access::listing_problem;

/// As a line starts and as a sentence goes on (literals: lower-casing at run time would bring
/// Unicode's case tables into the entry).
fn type_words(t: UserType) -> (&'static str, &'static str) {
    match t {
        UserType::Author => ("Author", "an author"),
        UserType::ReadOnly => ("Read-only", "read-only"),
    }
}

/// How a library reaches the new account.
fn via_words(via: &Via) -> String {
    match via {
        Via::Direct => "direct membership: copied".into(),
        Via::Groups(names) => format!(
            "comes with the group{} {} (a direct membership, if any, is copied too)",
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        ),
        Via::Unknown => "copied if direct; through a group it comes with the group".into(),
    }
}

fn group_rows(groups: &[UserGroup]) -> AnyView {
    groups
        .iter()
        .map(|g| {
            view! {
                <li><div><span class="member-name">{g.name.clone()}</span><span class="muted">" — "{kind(g)}</span></div></li>
            }
        })
        .collect_view()
        .into_any()
}

fn library_rows(rows: &[Row]) -> AnyView {
    rows.iter()
        .enumerate()
        .map(|(n, r)| {
            view! {
                <li><div>
                    <span class="member-name">{library_label(&r.library)}</span>
                    <span id=format!("like-library-via-{n}") class="muted">" — "{via_words(&r.via)}</span>
                </div></li>
            }
        })
        .collect_view()
        .into_any()
}

/// A listing the preview could not read: said, and that its copy goes all the same.
fn unread(
    id: &'static str,
    what: &str,
    error: &inforouter_protocol::ApiError,
    op: &str,
) -> AnyView {
    let said = listing_problem(what, error, op).problem.unwrap_or_default();
    view! { <p id=id class="error">{format!("{said} They are copied all the same.")}</p> }
        .into_any()
}

#[component]
pub fn LikePreview(like: Like) -> impl IntoView {
    let body = move |found: Found| {
        let name = found.user.user_name.clone();
        let theirs = UserType::of(&found.user);
        let groups = match &found.groups {
            Ok(g) if g.is_empty() => view! { <p class="muted">"None."</p> }.into_any(),
            Ok(g) => {
                view! { <ul id="like-groups" class="memberships">{group_rows(g)}</ul> }.into_any()
            }
            Err(e) => unread(
                "like-groups-problem",
                &format!("{name}'s groups"),
                e,
                "GetGroupMembershipsOfUser",
            ),
        };
        let groups_title = match &found.groups {
            Ok(g) => format!("Groups ({})", g.len()),
            Err(_) => "Groups".into(),
        };
        let libraries = match &found.libraries {
            Ok(r) if r.is_empty() => view! { <p class="muted">"None."</p> }.into_any(),
            Ok(r) => view! { <ul id="like-libraries" class="memberships">{library_rows(r)}</ul> }
                .into_any(),
            Err(e) => unread(
                "like-libraries-problem",
                &format!("{name}'s libraries"),
                e,
                "GetDomainMembershipsOfUser",
            ),
        };
        let libraries_title = match &found.libraries {
            Ok(r) => format!("Libraries ({})", r.len()),
            Err(_) => "Libraries".into(),
        };
        let type_line = {
            let name = name.clone();
            move || {
                let new = like.new_type();
                if new == theirs {
                    format!("{}, as {name}.", type_words(new).0)
                } else {
                    format!(
                        "{}, as you chose below ({name} is {}).",
                        type_words(new).0,
                        type_words(theirs).1
                    )
                }
            }
        };
        view! {
            <section id="like-preview" class="preview" aria-labelledby="like-preview-title">
                <h3 id="like-preview-title">{format!("Copied from {}", found.who())}</h3>
                <p class="hint">{format!("Right after the account is created; {name} keeps their own.")}</p>
                <h4>{groups_title}</h4>
                {groups}
                <h4>{libraries_title}</h4>
                {libraries}
                <p class="hint">"Only direct library memberships are copied; a library reached through a group comes with the group."</p>
                <h4>"User type"</h4>
                <p id="like-type">{type_line}</p>
            </section>
        }
    };
    move || like.found().map(body)
}
