//! The administrators' entry's shell: the user list, user pages and bulk changes, under one
//! router. Its links to one's own profile load the self-service entry.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use super::on_demand::{AdminScreens, OnDemand};
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
    let router_base = session
        .config
        .with_value(|c| c.base_path.router_base().to_string());
    view! {
        <Router base=router_base>
            <AdminHeader/>
            <main id="main" tabindex="-1">
                <Show when=move || !restoring.get() fallback=|| view! { <p class="muted" role="status">"Checking your session…"</p> }>
                    <Show when=signed_in fallback=|| view! { <SignInPage/> }>
                        <NewPersonStartsFresh person=person/>
                        // Rebuilt for each person: the previous person's forms, selection and
                        // tasks go with their views.
                        {per_person(person, move || view! {
                            <Routes fallback=NotFound>
                                <Route path=path!("/users") view=AdminOnly(UserListPage)/>
                                <Route path=path!("/users/:name/:section?") view=AdminOnly(move || view! { <OnDemand load=screens.user/> })/>
                                <Route path=path!("/new-user") view=AdminOnly(move || view! { <OnDemand load=screens.new_user/> })/>
                                <Route path=path!("/bulk") view=AdminOnly(move || view! { <OnDemand load=screens.bulk/> })/>
                            </Routes>
                        })}
                    </Show>
                </Show>
            </main>
            <ReauthDialog/>
        </Router>
    }
}

/// The header, with the page the router is on marked in the navigation.
#[component]
fn AdminHeader() -> impl IntoView {
    let location = use_location();
    let session = use_session();
    // The router's path, not the address bar's: the router changes the address only once the
    // new route has loaded.
    let app_path = Signal::derive(move || {
        let path = location.pathname.get();
        session
            .config
            .with_value(|c| c.base_path.strip(&path).map(str::to_string))
    });
    view! { <Header app_path=app_path in_admin=true/> }
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

/// Wraps an admin view: non-administrators get a plain explanation instead.
#[derive(Clone, Copy)]
struct AdminOnly<F>(F);

impl<F, V> leptos_router::ChooseView for AdminOnly<F>
where
    F: Fn() -> V + Send + Clone + 'static,
    V: IntoView + 'static,
{
    async fn choose(self) -> AnyView {
        let inner = self.0;
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
    async fn preload(&self) {}
}
