//! The administrators' entry's shell: the user list, user pages and bulk changes, moved
//! between in place (`in_app_nav`). Its links to one's own profile load the self-service entry.

use leptos::prelude::*;

use super::in_app_nav::provide_in_app_nav;
use super::on_demand::{AdminScreens, Load, OnDemand};
use super::{
    Header, NotFound, SignInPage, load_page, per_person, restore_session, signed_in_person,
};
use crate::bulk::PendingPlans;
use crate::components::reauth_dialog::ReauthDialog;
use crate::config::Config;
use crate::routes::user_list::UserListPage;
use crate::session::{Session, use_session};

#[component]
pub fn AdminApp(screens: AdminScreens) -> impl IntoView {
    let session = Session::new(Config::from_page());
    provide_context(session);
    provide_context(PendingPlans(RwSignal::new(None)));
    let restoring = restore_session(session);
    let signed_in = move || session.me.with(Option::is_some);
    let person = signed_in_person(session);
    let location = provide_in_app_nav(session);
    let app_path = Signal::derive(move || location.app_path(session));
    // Changes only with the screen: another user, or another section, keeps the page.
    let screen = Memo::new(move |_| app_path.with(|p| AdminScreen::at(p.as_deref())));
    view! {
            <Header app_path=app_path in_admin=true/>
            <main id="main" tabindex="-1">
                <Show when=move || !restoring.get() fallback=|| view! { <p class="muted" role="status">"Checking your session…"</p> }>
                    <Show when=signed_in fallback=|| view! { <SignInPage/> }>
                        <NewPersonStartsFresh person=person/>
                        // Rebuilt for each person: the previous person's forms, selection and
                        // tasks go with their views.
                        {per_person(person, move || move || {
                            let on_demand = |load: Load| admin_only(move || view! { <OnDemand load=load/> });
                            match screen.get() {
                                AdminScreen::Users => admin_only(UserListPage),
                                AdminScreen::User => on_demand(screens.user),
                                AdminScreen::NewUser => on_demand(screens.new_user),
                                AdminScreen::Bulk => on_demand(screens.bulk),
                                AdminScreen::NotFound => view! { <NotFound/> }.into_any(),
                            }
                        })}
                    </Show>
                </Show>
            </main>
            <ReauthDialog/>
    }
}

/// The screens of the administrators' entry.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AdminScreen {
    /// `/users`, the list (its query in the address).
    Users,
    /// `/users/<name>` and `/users/<name>/<section>`.
    User,
    /// `/new-user`.
    NewUser,
    /// `/bulk`.
    Bulk,
    NotFound,
}

impl AdminScreen {
    /// The screen at an in-app path (still percent-encoded: a `/` in a user name is `%2F`);
    /// one trailing `/` is the same address. `None` is outside the console.
    pub fn at(app_path: Option<&str>) -> AdminScreen {
        let Some(path) = app_path else {
            return AdminScreen::NotFound;
        };
        let path = path.strip_prefix('/').unwrap_or(path);
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = path.split('/').collect();
        match segments.as_slice() {
            ["users"] => AdminScreen::Users,
            ["users", name] | ["users", name, _] if !name.is_empty() => AdminScreen::User,
            ["new-user"] => AdminScreen::NewUser,
            ["bulk"] => AdminScreen::Bulk,
            _ => AdminScreen::NotFound,
        }
    }
}

/// When another person takes over the session (at the sign-in-again dialog), they land on
/// their own start page (the self-service entry), and the bulk plan the previous person
/// prepared goes with this page.
#[component]
fn NewPersonStartsFresh(person: Memo<Option<String>>) -> impl IntoView {
    let session = use_session();
    Effect::new(move |previous: Option<Option<String>>| {
        let now = person.get();
        if let Some(Some(previous)) = previous
            && now.as_ref().is_some_and(|now| *now != previous)
        {
            load_page(session, "/");
        }
        now
    });
}

/// An admin view; non-administrators get a plain explanation instead.
fn admin_only<V: IntoView + 'static>(inner: impl Fn() -> V + Send + Sync + 'static) -> AnyView {
    let session = use_session();
    // Built at once, not after the probe: an administrator's page starts its own calls
    // without waiting, and a probe that failed (unknown) leaves the server to decide. A
    // memo notifies only on change: the probe's answer, or signing in again as the same
    // administrator, must not rebuild the page (and lose what was typed in it).
    let refused = Memo::new(move |_| session.is_admin.get() == Some(false));
    view! {
        {move || if refused.get() {
            view! {
                <section class="card"><h1>"Administrators only"</h1>
                <p>"Only system administrators can list and change other users. "<a href=session.href("/") rel="external">"Go to your profile"</a></p></section>
            }.into_any()
        } else {
            inner().into_any()
        }}
    }
    .into_any()
}
