//! The shell: provides the session, restores a stored ticket, and shows sign-in or the console.

use leptos::prelude::*;

use crate::components::reauth_dialog::ReauthDialog;
use crate::components::sign_in::SignInForm;
use crate::config::Config;
use crate::session::{Session, use_session};

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new(Config::from_page());
    provide_context(session);
    // Restoring a stored ticket is checked before anything is shown.
    let restoring = RwSignal::new(Session::stored_ticket().is_some());
    if let Some(ticket) = Session::stored_ticket() {
        leptos::task::spawn_local(async move {
            if session.adopt(ticket).await.is_err() {
                session.sign_out_locally();
            }
            restoring.set(false);
        });
    }
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <span class="brand">"infoRouter Accounts"</span>
            <SignedInAs/>
        </header>
        <main id="main" tabindex="-1">
            <Show when=move || !restoring.get() fallback=|| view! { <p class="muted" role="status">"Checking your session…"</p> }>
                <Show when=move || session.me.with(Option::is_some) fallback=|| view! { <SignInPage/> }>
                    <Welcome/>
                </Show>
            </Show>
        </main>
        <ReauthDialog/>
    }
}

#[component]
fn SignInPage() -> impl IntoView {
    view! {
        <section class="card narrow" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">"Sign in"</h1>
            <p class="muted">"Use your infoRouter user name and password."</p>
            <SignInForm/>
        </section>
    }
}

#[component]
fn SignedInAs() -> impl IntoView {
    let session = use_session();
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        leptos::task::spawn_local(async move {
            session.sign_out().await;
            signing_out.set(false);
        });
    };
    move || {
        session.me.get().map(|me| {
            view! {
                <div class="who">
                    <span>"Signed in as "<strong>{me.full_name.clone()}</strong>" ("{me.user_name.clone()}")"</span>
                    <button type="button" class="secondary" on:click=sign_out disabled=move || signing_out.get()>"Sign out"</button>
                </div>
            }
        })
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let session = use_session();
    let me = move || session.me.get().unwrap_or_default();
    view! {
        <section class="card">
            <h1>"Welcome, " {move || me().first_name}</h1>
            <dl class="facts">
                <dt>"User name"</dt><dd>{move || me().user_name}</dd>
                <dt>"Email"</dt><dd>{move || me().email}</dd>
                <dt>"Role"</dt>
                <dd>{move || match session.is_admin.get() {
                    None => "checking…",
                    Some(true) => "System administrator",
                    Some(false) => "User",
                }}</dd>
            </dl>
        </section>
    }
}
