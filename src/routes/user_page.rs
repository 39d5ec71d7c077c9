//! An administrator's page for one user, in sections with their own addresses
//! (`/users/<name>`, `/users/<name>/access`, …: src/routes/user_sections.rs). The selection
//! follows a rename: the address changes to the new name, in the same section. `?created=1`
//! (set by the New user page) offers the welcome email first.

use leptos::prelude::*;

use crate::components::access::AccessSection;
use crate::components::access::welcome_email::WelcomeEmail;
use crate::components::change_password::SetUserPassword;
use crate::components::delete_user::DeleteUserSection;
use crate::components::handover::HandoverSection;
use crate::facts::use_password_policy;
use crate::routes::user_address_from_path;
use crate::routes::user_sections::{AdminTools, Section, UserSections};
use crate::routes::user_view::UserView;
use crate::session::use_session;
use crate::shell::in_app_nav::{use_location, use_navigator};
use inforouter_protocol::User;

/// What only this entry builds: another user's password, deleting them, their access, and
/// the welcome email for a user just created.
const TOOLS: AdminTools = AdminTools {
    password: |user: Signal<User>| {
        view! { <SetUserPassword user=user policy=use_password_policy()/> }.into_any()
    },
    delete: |user: Signal<User>| {
        view! { <DeleteUserSection user=user policy=use_password_policy()/> }.into_any()
    },
    access: |user: Signal<User>| view! { <AccessSection user=user/> }.into_any(),
    created: |user: Signal<User>| {
        view! { <WelcomeEmail user=user prefix="created-welcome" created=true/> }.into_any()
    },
    handover: |user: Signal<User>| view! { <HandoverSection user=user/> }.into_any(),
};

#[component]
pub fn UserPage() -> impl IntoView {
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
        view! { <UserSections user=user section=section tools=TOOLS is_self=is_self created=created/> }
            .into_any()
    });
    view! {
        <p><a href=session.href("/users")>"← All users"</a></p>
        <UserView user_name=name on_renamed=on_renamed admin_page=sections/>
    }
}
