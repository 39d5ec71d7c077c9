//! An administrator's page for one user, with all five operations. The selection follows a
//! rename: the address changes to the new name.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::change_password::SetUserPassword;
use crate::components::delete_user::DeleteUserSection;
use crate::facts::use_password_policy;
use crate::routes::user_view::UserView;
use crate::routes::{user_href, user_name_from_path};
use crate::session::use_session;
use inforouter_protocol::User;

/// Another user's password, and deleting them: only here, in the administrators' entry.
fn admin_tools(user: Signal<User>) -> AnyView {
    // One policy read serves both sections.
    let policy = use_password_policy();
    view! {
        <SetUserPassword user=user policy=policy/>
        <DeleteUserSection user=user policy=policy/>
    }
    .into_any()
}

#[component]
pub fn UserPage() -> impl IntoView {
    let location = use_location();
    let session = use_session();
    // Read from the raw address, not the router's partly decoded copy, so every character of
    // a name comes back exactly.
    let raw_name = move || {
        let raw = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        session
            .config
            .with_value(|c| c.base_path.strip(&raw).map(str::to_string))
            .and_then(|path| user_name_from_path(&path))
            .unwrap_or_default()
    };
    let name = RwSignal::new(raw_name());
    Effect::new(move |_| {
        // Read, not only tracked: a memo never read stops telling of changes.
        location.pathname.with(|_| ());
        // The router updates its signal before the browser's address: read it a tick later.
        queue_microtask(move || {
            let now = raw_name();
            if name.get_untracked() != now {
                name.set(now);
            }
        });
    });
    let navigate = use_navigate();
    let on_renamed = Callback::new(move |new_name: String| {
        navigate(
            &user_href(&new_name),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
        name.set(new_name);
    });
    view! {
        <p><A href=session.href("/users")>"← All users"</A></p>
        <UserView user_name=name admin=true on_renamed=on_renamed admin_tools=admin_tools/>
    }
}
