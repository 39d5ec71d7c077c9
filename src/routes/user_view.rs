//! Loads one user (GetUser) and hosts the operation components for them. Shared by the
//! self-service page (the caller, three operations) and the admin's user page (all five).
//! The user is kept in a signal that reloads in place, so forms stay mounted and keep input.

use inforouter_protocol::dates::display_date;
use inforouter_protocol::operations::GetUser;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::change_user_status::ChangeUserStatus;
use crate::components::update_user_contact_info::UpdateUserContactInfo;
use crate::components::update_user_email::UpdateUserEmail;
use crate::components::update_user_preferences::UpdateUserPreferences;
use crate::components::update_user_profile::UpdateUserProfile;
use crate::session::use_session;

/// One user, loaded with GetUser and reloaded in place by `load` (after a save).
#[derive(Clone, Copy)]
pub struct LoadedUser {
    pub user: RwSignal<Option<User>>,
    pub error: RwSignal<Option<ApiError>>,
    pub load: Callback<String>,
}

/// Loads `user_name` (empty: the signed-in user) now and whenever it changes. Reads go through
/// a resource: when loads overlap (two quick saves), only the newest answer is kept, and an
/// answer that lands after the view is gone touches nothing.
pub fn use_user(user_name: Signal<String>) -> LoadedUser {
    let session = use_session();
    // The name to load and a generation, so that loading the same name again refetches.
    let wanted = RwSignal::new((user_name.get_untracked(), 0u32));
    let load = Callback::new(move |name: String| {
        wanted.update(|(n, generation)| {
            *n = name;
            *generation += 1;
        })
    });
    Effect::new(move |first_run: Option<()>| {
        let name = user_name.get();
        if first_run.is_some() {
            load.run(name);
        }
    });
    let answer = LocalResource::new(move || {
        let (name, _) = wanted.get();
        async move { session.call(&GetUser { user_name: name }).await }
    });
    // The last answer stays on screen while the next loads, so forms stay mounted.
    let user = RwSignal::new(None::<User>);
    let error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match answer.get() {
        Some(Ok(u)) => {
            user.set(Some(u));
            error.set(None);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    LoadedUser { user, error, load }
}

#[component]
pub fn UserView(
    /// Empty for the signed-in user.
    #[prop(into)]
    user_name: Signal<String>,
    /// Show the administrator-only operations (profile and status).
    admin: bool,
    /// Told the user's new name after a rename.
    #[prop(optional, into)]
    on_renamed: Option<Callback<String>>,
    /// Told of every successful save: the operation and the user name (embedding reports it).
    #[prop(optional, into)]
    notify: Option<Callback<(&'static str, String)>>,
) -> impl IntoView {
    let LoadedUser { user, error, load } = use_user(user_name);

    let on_saved = Callback::new(move |saved_name: String| {
        let renamed =
            !user.with_untracked(|u| u.as_ref().is_some_and(|u| u.user_name == saved_name));
        if renamed && let Some(cb) = on_renamed {
            // The host changes `user_name`, which reloads.
            cb.run(saved_name);
        } else {
            load.run(saved_name);
        }
    });
    let current = Signal::derive(move || user.get().unwrap_or_default());
    let saved = move |operation: &'static str| {
        Callback::new(move |name: String| {
            if let Some(n) = notify {
                n.run((operation, name.clone()));
            }
            on_saved.run(name);
        })
    };

    view! {
        <p class="error" role="alert">{move || error.get().map(|e| e.user_message())}</p>
        <Show when=move || user.with(Option::is_some)
            fallback=move || view! { <p class="muted" role="status">{move || if error.with(Option::is_none) { "Loading…" } else { "" }}</p> }>
            <UserFacts user=current/>
            <div class="operations">
                <UpdateUserContactInfo user=current on_saved=saved("UpdateUserContactInfo")/>
                <UpdateUserEmail user=current on_saved=saved("UpdateUserEmail")/>
                <UpdateUserPreferences user=current on_saved=saved("UpdateUserPreferences")/>
                {admin.then(|| view! {
                    <UpdateUserProfile user=current on_saved=saved("UpdateUserProfile")/>
                    <ChangeUserStatus user=current on_saved=saved("ChangeUserStatus")/>
                })}
            </div>
        </Show>
    }
}

#[component]
fn UserFacts(#[prop(into)] user: Signal<User>) -> impl IntoView {
    let u = move || user.get();
    view! {
        <section class="card" aria-labelledby="facts-title">
            <h1 id="facts-title">{move || { let u = u(); if u.full_name().is_empty() { u.user_name } else { u.full_name() } }}</h1>
            <dl class="facts">
                <dt>"User name"</dt><dd id="fact-user-name">{move || u().user_name}</dd>
                <dt>"Email"</dt><dd id="fact-email">{move || u().email}</dd>
                <dt>"Mobile"</dt><dd id="fact-mobile">{move || u().mobile_number.unwrap_or_else(|| "not reported by the server".into())}</dd>
                <dt>"Status"</dt><dd id="fact-status">{move || if u().enabled { "Enabled" } else { "Disabled" }}</dd>
                <dt>"Authentication"</dt><dd>{move || u().authentication_authority}</dd>
                <dt>"Domain"</dt><dd>{move || u().domain}</dd>
                <dt>"User type"</dt><dd>{move || if u().read_only { "Read-only" } else { "Author" }}</dd>
                <dt>"Last sign-in"</dt><dd>{move || display_date(&u().last_logon_date)}</dd>
                <dt>"Password changed"</dt><dd>{move || display_date(&u().last_password_change_date)}</dd>
            </dl>
        </section>
    }
}
