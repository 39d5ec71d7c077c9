//! An administrator's page for one user, in sections with their own addresses
//! (`/users/<name>`, `/users/<name>/access`, …: src/routes/user_sections.rs). The selection
//! follows a rename: the address changes to the new name, in the same section. `?created=1`
//! (set by the New user page) offers the welcome email first.

use leptos::prelude::*;

use crate::routes::user_address_from_path;
use crate::routes::user_sections::{AdminTools, Section, UserSections};
use crate::routes::user_view::UserView;
use crate::session::use_session;
use crate::shell::in_app_nav::{use_location, use_navigator};
use inforouter_protocol::User;

#[component]
pub fn UserPage(
    /// What only the administrators' entry builds (src/bin/admin.rs).
    tools: AdminTools,
) -> impl IntoView {
    let location = use_location();
    let session = use_session();
    // Read from the still-encoded path, as the address bar has it, never from decoded
    // parts, so every character of a name comes back exactly.
    let address_in = move |raw: &str| {
        session
            .config
            .with_value(|c| c.base_path.strip(raw).map(str::to_string))
            .and_then(|path| user_address_from_path(&path))
            .unwrap_or_default()
    };
    let address = RwSignal::new(location.pathname.with_untracked(|p| address_in(p)));
    Effect::new(move |_| {
        let now = location.pathname.with(|p| address_in(p));
        if address.get_untracked() != now {
            address.set(now);
        }
    });
    let name = Memo::new(move |_| address.with(|(name, _)| name.clone()));
    let section = Memo::new(move |_| address.with(|(_, slug)| Section::from_slug(slug)));
    let created = Memo::new(move |_| location.has_query_key("created"));
    let navigator = use_navigator();
    let on_renamed = Callback::new(move |new_name: String| {
        navigator.go(&section.get_untracked().href(&new_name), true);
        address.update(|(name, _)| *name = new_name);
    });
    // The sections come from here, so that the self-service entry's build never holds them.
    let sections = Callback::new(move |(user, is_self): (Signal<User>, Memo<bool>)| {
        view! { <UserSections user=user section=section tools=tools is_self=is_self created=created/> }
            .into_any()
    });
    view! {
        <p><a href=session.href("/users")>"← All users"</a></p>
        <UserView user_name=name on_renamed=on_renamed admin_page=sections/>
    }
}
