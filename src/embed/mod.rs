//! Embedded mode: one view for an intranet portal's iframe, without the console's chrome.
//! The portal hands over a ticket (address fragment or postMessage); the view reports back to
//! the portal's configured origin only.

mod bridge;

use inforouter_protocol::embed::{EmbedView, parse_fragment};
use inforouter_protocol::{ApiError, Ticket, User};
use leptos::prelude::*;

use crate::components::change_user_status::ChangeUserStatus;
use crate::components::form::SaveReport;
use crate::components::out_of_office::OutOfOffice;
use crate::components::reauth_dialog::ReauthDialog;
use crate::components::update_user_contact_info::UpdateUserContactInfo;
use crate::components::update_user_email::UpdateUserEmail;
use crate::components::update_user_preferences::UpdateUserPreferences;
use crate::components::update_user_profile::UpdateUserProfile;
use crate::config::Config;
use crate::routes::user_view::{LoadedUser, UserView, use_user};
use crate::session::Session;
use bridge::Bridge;

/// The view this page's address names, if it is an embed address. Embed addresses are
/// recognised below the deploy-time base path (`/infoRouter/accounts/embed/profile`).
pub fn requested_view() -> Option<Result<EmbedView, String>> {
    Config::from_page()
        .app_path()
        .as_deref()
        .and_then(view_from_path)
}

/// The view named by `/embed/<slug>`, if the address is an embed address.
pub fn view_from_path(path: &str) -> Option<Result<EmbedView, String>> {
    let slug = path.strip_prefix("/embed/")?.trim_end_matches('/');
    Some(EmbedView::from_slug(slug).ok_or_else(|| slug.to_string()))
}

#[component]
pub fn EmbedApp(view: Result<EmbedView, String>) -> impl IntoView {
    let config = Config::from_page();
    let session = Session::new(config.clone());
    provide_context(session);
    let bridge = Bridge::new(&config);
    let target_user = RwSignal::new(String::new());
    let state = RwSignal::new(Handover::Waiting);

    let accept = move |ticket: Ticket, user: Option<String>| {
        state.set(Handover::Checking);
        leptos::task::spawn_local(async move {
            match session.adopt(ticket).await {
                Ok(()) => {
                    target_user.set(user.unwrap_or_default());
                    state.set(Handover::Ready);
                }
                Err(e) => {
                    bridge.error(&e.user_message());
                    state.set(Handover::Failed(e));
                }
            }
        });
    };

    // A ticket in the fragment is read once and removed from the address bar and history.
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if !fragment.is_empty() {
        bridge::clear_fragment();
        let handover = parse_fragment(&fragment);
        if let Some(ticket) = handover.ticket {
            accept(ticket, handover.user);
        }
    }
    bridge.listen(Callback::new(
        move |(ticket, user): (Ticket, Option<String>)| accept(ticket, user),
    ));
    bridge.apply_configured_theme();
    bridge.watch_height();
    Effect::new(move |_| {
        if session.reauth_open.get() {
            bridge.session_expired();
        }
    });
    bridge.ready();

    let notify =
        Callback::new(move |report: SaveReport| bridge.saved(report.operation, &report.user_name));

    let heading = format!(
        "infoRouter Accounts: {}",
        view.as_ref().map(|v| v.title()).unwrap_or("unknown view")
    );
    view! {
        <main id="main" class="embed">
            // Portals give the frame a title; the page still needs its own top-level heading.
            <h1 class="sr-only">{heading}</h1>
            {move || match state.get() {
                Handover::Waiting => view! { <p class="muted" role="status">"Waiting for the portal to sign you in…"</p> }.into_any(),
                Handover::Checking => view! { <p class="muted" role="status">"Checking your session…"</p> }.into_any(),
                Handover::Failed(e) => view! { <p class="error" role="alert">{e.user_message()}</p> }.into_any(),
                Handover::Ready => match view.clone() {
                    Err(slug) => view! { <p class="error" role="alert">{format!("There is no embeddable view called “{slug}”.")}</p> }.into_any(),
                    Ok(v) => view! { <EmbeddedView view=v user_name=target_user notify=notify/> }.into_any(),
                },
            }}
        </main>
        <ReauthDialog/>
    }
}

#[derive(Clone, PartialEq)]
enum Handover {
    Waiting,
    Checking,
    Ready,
    Failed(ApiError),
}

#[component]
fn EmbeddedView(
    view: EmbedView,
    user_name: RwSignal<String>,
    notify: Callback<SaveReport>,
) -> impl IntoView {
    if view == EmbedView::SelfService {
        return view! { <UserView user_name=user_name notify=notify/> }.into_any();
    }
    let loaded = use_user(user_name.into());
    // A rename (the profile view) goes on under the new name.
    let renamed = Callback::new(move |new_name: String| user_name.set(new_name));
    loaded.host_forms(Some(renamed), Some(notify));
    let LoadedUser { user, error, .. } = loaded;
    let current = loaded.current();
    // UpdateUserProfile and ChangeUserStatus are for system administrators only: someone else
    // is told so instead of a form whose save can only be refused. Not known (still asking, or
    // the probe failed): the form, whose save the server decides.
    let session = crate::session::use_session();
    let refused = Memo::new(move |_| session.is_admin.get() == Some(false));
    let admin_only = move |form: fn(Signal<User>) -> AnyView| {
        move || {
            if refused.get() {
                view! { <p id="embed-admin-only" class="notice">"Only a system administrator can change this. Ask one if it needs changing."</p> }.into_any()
            } else {
                form(current)
            }
        }
    };
    view! {
        <p class="error" role="alert">{move || error.get().map(|e| e.user_message())}</p>
        <Show when=move || user.with(Option::is_some) fallback=|| view! { <p class="muted" role="status">"Loading…"</p> }>
            {match view {
                EmbedView::ContactInfo => view! { <UpdateUserContactInfo user=current/> }.into_any(),
                EmbedView::Email => view! { <UpdateUserEmail user=current/> }.into_any(),
                EmbedView::Preferences => view! { <UpdateUserPreferences user=current/> }.into_any(),
                EmbedView::Profile => admin_only(|user| view! { <UpdateUserProfile user=user/> }.into_any()).into_any(),
                EmbedView::OutOfOffice => {
                    let name = Memo::new(move |_| current.with(|u| u.user_name.clone()));
                    view! { <OutOfOffice user_name=name/> }.into_any()
                }
                EmbedView::Status | EmbedView::SelfService => {
                    admin_only(|user| view! { <ChangeUserStatus user=user/> }.into_any()).into_any()
                }
            }}
        </Show>
    }
    .into_any()
}
