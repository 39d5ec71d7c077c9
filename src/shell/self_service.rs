//! The self-service entry's shell: sign-in, then the signed-in person's own profile. It has a
//! single page, so it needs no router; the administrators' pages are the other entry.

use leptos::prelude::*;

use super::on_demand::{OnDemand, SelfServiceScreens};
use super::{Header, NotFound, Page, SignInPage, per_person, restore_session, signed_in_person};
use crate::components::reauth_dialog::ReauthDialog;
use crate::config::Config;
use crate::session::Session;

#[component]
pub fn SelfServiceApp(screens: SelfServiceScreens) -> impl IntoView {
    let session = Session::new(Config::from_page());
    provide_context(session);
    let restoring = restore_session(session);
    let app_path = session.config.with_value(Config::app_path);
    let page = app_path.as_deref().map_or(Page::Other, Page::at);
    if page == Page::Profile {
        // A failure is not reported here: the profile page fetches again and says so.
        // Once the page is idle: started with it, it held up the first calls. A timer where
        // requestIdleCallback is missing (Safari).
        let prefetch = move || {
            leptos::task::spawn_local(async move {
                let _ = (screens.prefetch_profile)().await;
            })
        };
        if request_idle_callback_with_handle(prefetch).is_err() {
            set_timeout(prefetch, std::time::Duration::from_millis(200));
        }
    }
    let signed_in = move || session.me.with(Option::is_some);
    let person = signed_in_person(session);
    view! {
        <Header app_path=Signal::stored(app_path) in_admin=false/>
        <main id="main" tabindex="-1">
            <Show when=move || !restoring.get() fallback=|| view! { <p class="muted" role="status">"Checking your session…"</p> }>
                <Show when=signed_in fallback=|| view! { <SignInPage/> }>
                    {per_person(person, move || match page {
                        Page::Profile => view! { <OnDemand load=screens.profile/> }.into_any(),
                        _ => view! { <NotFound/> }.into_any(),
                    })}
                </Show>
            </Show>
        </main>
        <ReauthDialog/>
    }
}
