//! The shell: provides the session, restores a stored ticket, and routes between the
//! self-service page and the admin panel.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::bulk::{PendingPlans, use_pending_plans};
use crate::components::reauth_dialog::ReauthDialog;
use crate::components::server_check::ServerCheck;
use crate::components::sign_in::SignInForm;
use crate::config::Config;
use crate::routes::bulk::BulkPage;
use crate::routes::profile::ProfilePage;
use crate::routes::user_list::UserListPage;
use crate::routes::user_page::UserPage;
use crate::session::{Session, use_session};

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new(Config::from_page());
    provide_context(session);
    provide_context(PendingPlans(RwSignal::new(None)));
    // A stored ticket is checked (isValidTicket) before anything is shown.
    let restoring = RwSignal::new(false);
    if let Some(ticket) = Session::stored_ticket() {
        restoring.set(true);
        leptos::task::spawn_local(async move {
            if session.adopt(ticket).await.is_err() {
                session.sign_out_locally();
            }
            restoring.set(false);
        });
    }
    let signed_in = move || session.me.with(Option::is_some);
    // Who is signed in. Signing in again as the same person keeps the page and what was typed
    // in it; a different person (at the sign-in-again dialog too) gets every view anew.
    let person = Memo::new(move |_| {
        session
            .me
            .with(|m| m.as_ref().map(|m| m.user_name.to_ascii_lowercase()))
    });
    let router_base = session
        .config
        .with_value(|c| c.base_path.router_base().to_string());
    view! {
        <Router base=router_base>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="app-header">
                <span class="brand">"infoRouter Accounts"</span>
                <Show when=signed_in><Nav/></Show>
                <SignedInAs/>
            </header>
            <main id="main" tabindex="-1">
                <Show when=move || !restoring.get() fallback=|| view! { <p class="muted" role="status">"Checking your session…"</p> }>
                    <Show when=signed_in fallback=|| view! { <SignInPage/> }>
                        <NewPersonStartsFresh person=person/>
                        {move || {
                            // Rebuilt for each person: the previous person's forms, selection
                            // and tasks go with their views.
                            person.track();
                            untrack(|| view! {
                                <Routes fallback=move || view! { <section class="card"><h1>"Page not found"</h1><p><A href=session.href("/")>"Go to your profile"</A></p></section> }>
                                    <Route path=path!("/") view=ProfilePage/>
                                    <Route path=path!("/users") view=AdminOnly(UserListPage)/>
                                    <Route path=path!("/users/:name") view=AdminOnly(UserPage)/>
                                    <Route path=path!("/bulk") view=AdminOnly(BulkPage)/>
                                </Routes>
                            })
                        }}
                    </Show>
                </Show>
            </main>
            <ReauthDialog/>
        </Router>
    }
}

/// When another person takes over the session (at the sign-in-again dialog), they land on
/// their own start page, and the bulk plan the previous person prepared is dropped.
#[component]
fn NewPersonStartsFresh(person: Memo<Option<String>>) -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let pending = use_pending_plans();
    Effect::new(move |previous: Option<Option<String>>| {
        let now = person.get();
        if let Some(Some(previous)) = previous
            && now.as_ref().is_some_and(|now| *now != previous)
        {
            pending.0.set(None);
            navigate(
                "/",
                leptos_router::NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
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
        // A memo notifies only on change: signing in again as the same administrator must
        // not rebuild the page (and lose what was typed in it).
        let is_admin = Memo::new(move |_| session.is_admin.get());
        view! {
            {move || match is_admin.get() {
                None => view! { <p class="muted" role="status">"Checking your permissions…"</p> }.into_any(),
                Some(false) => view! {
                    <section class="card"><h1>"Administrators only"</h1>
                    <p>"Only system administrators can list and change other users. "<A href=session.href("/")>"Go to your profile"</A></p></section>
                }.into_any(),
                Some(true) => inner().into_any(),
            }}
        }
        .into_any()
    }
    async fn preload(&self) {}
}

#[component]
fn Nav() -> impl IntoView {
    let session = use_session();
    view! {
        <nav class="main-nav" aria-label="Main">
            <A href=session.href("/") exact=true>"My profile"</A>
            <Show when=move || session.is_admin.get() == Some(true)>
                <A href=session.href("/users")>"Users"</A>
                <A href=session.href("/bulk")>"Bulk changes"</A>
            </Show>
        </nav>
    }
}

#[component]
fn SignInPage() -> impl IntoView {
    view! {
        <section class="card narrow" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">"Sign in"</h1>
            <p class="muted">"Use your infoRouter user name and password."</p>
            <ServerCheck/>
            <SignInForm/>
        </section>
    }
}

#[component]
fn SignedInAs() -> impl IntoView {
    let session = use_session();
    let signing_out = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let sign_out = move |_| {
        signing_out.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            session.sign_out().await;
            signing_out.set(false);
            // The next person starts from the sign-in page, not the last user's page.
            navigate("/", Default::default());
        });
    };
    move || {
        let sign_out = sign_out.clone();
        session.me.get().map(|me| {
            view! {
                <div class="who">
                    <span>"Signed in as "<strong>{me.full_name.clone()}</strong>" ("{me.user_name.clone()}")"</span>
                    <button type="button" class="secondary" id="sign-out" on:click=sign_out disabled=move || signing_out.get()>"Sign out"</button>
                </div>
            }
        })
    }
}
