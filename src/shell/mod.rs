//! What both entries show around their pages: the header (brand, navigation, who is signed
//! in), restoring a stored ticket, the sign-in page, and the sign-in-again dialog. Moving
//! between the entries is a normal page load: the ticket kept in sessionStorage carries the
//! session across.

pub mod admin;
pub mod boot;
pub mod in_app_nav;
pub mod on_demand;
pub mod self_service;

use leptos::prelude::*;

use crate::components::server_check::ServerCheck;
use crate::components::sign_in::SignInForm;
use crate::session::{Session, use_session};

/// The pages of the console, for the navigation and for which entry serves an address.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    Profile,
    Users,
    NewUser,
    Bulk,
    Other,
}

impl Page {
    /// The page at an in-app path (below the base path).
    pub fn at(app_path: &str) -> Page {
        let first = app_path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or("");
        match first {
            "" => Page::Profile,
            "users" => Page::Users,
            "new-user" => Page::NewUser,
            "bulk" => Page::Bulk,
            _ => Page::Other,
        }
    }

    /// Served by the administrators' entry (deploy/web/loader.js knows the same paths).
    pub fn is_admin(self) -> bool {
        matches!(self, Page::Users | Page::NewUser | Page::Bulk)
    }
}

/// The tab's title for an in-app path, so that the tab, the history and a screen reader's
/// page announcement say where one is: `jdoe – Users – infoRouter Accounts`.
pub fn page_title(app_path: &str, signed_in: bool) -> String {
    const APP: &str = "infoRouter Accounts";
    if !signed_in {
        return format!("Sign in – {APP}");
    }
    let place = match Page::at(app_path) {
        Page::Profile => "My profile".to_string(),
        Page::Users => {
            let name = app_path.trim_start_matches('/').split('/').nth(1);
            match name.map(|n| inforouter_protocol::encode::decode_component(n).unwrap_or_default())
            {
                Some(n) if !n.is_empty() => format!("{n} – Users"),
                _ => "Users".to_string(),
            }
        }
        Page::NewUser => "New user".to_string(),
        Page::Bulk => "Bulk changes".to_string(),
        Page::Other => return APP.to_string(),
    };
    format!("{place} – {APP}")
}

/// Restores a stored ticket (checked with IsValidTicket before anything is shown). True while
/// that check runs.
pub fn restore_session(session: Session) -> RwSignal<bool> {
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
    restoring
}

/// Who is signed in, case-folded. Signing in again as the same person keeps the page and what
/// was typed in it; a different person (at the sign-in-again dialog too) gets every view anew.
pub fn signed_in_person(session: Session) -> Memo<Option<String>> {
    Memo::new(move |_| {
        session
            .me
            .with(|m| m.as_ref().map(|m| m.user_name.to_ascii_lowercase()))
    })
}

/// `make`'s view, built anew whenever the signed-in person changes: nothing the previous
/// person typed or selected survives. The memo is read, not only tracked: a memo that is never
/// read stays stale and stops telling its subscribers of changes.
pub fn per_person<V: IntoView + 'static>(
    person: Memo<Option<String>>,
    make: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let _ = person.get();
        untrack(&make)
    }
}

/// The header: brand, navigation (once signed in) and who is signed in.
#[component]
pub fn Header(
    /// The in-app path (below the base path); `None` outside it.
    #[prop(into)]
    app_path: Signal<Option<String>>,
    in_admin: bool,
) -> impl IntoView {
    let session = use_session();
    let current =
        Signal::derive(move || app_path.with(|p| p.as_deref().map_or(Page::Other, Page::at)));
    // The tab's title follows the page (the outside world: an Effect).
    Effect::new(move |_| {
        let signed_in = session.me.with(Option::is_some);
        let title = app_path.with(|p| page_title(p.as_deref().unwrap_or("/nowhere"), signed_in));
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="app-header">
            <span class="brand">"infoRouter Accounts"</span>
            <Show when=move || session.me.with(Option::is_some)><Nav current=current in_admin=in_admin/></Show>
            <SignedInAs in_admin=in_admin/>
        </header>
    }
}

/// Links to the pages. A link into the other entry is a normal page load: `rel="external"`
/// says so (the admin entry's `in_app_nav` handles only links to its own pages anyway).
#[component]
fn Nav(current: Signal<Page>, in_admin: bool) -> impl IntoView {
    let session = use_session();
    let link = move |page: Page, path: &'static str, label: &'static str| {
        let leaves_entry = page.is_admin() != in_admin;
        view! {
            <a
                href=session.href(path)
                rel=leaves_entry.then_some("external")
                aria-current=move || (current.get() == page).then_some("page")
            >
                {label}
            </a>
        }
    };
    view! {
        <nav class="main-nav" aria-label="Main">
            {link(Page::Profile, "/", "My profile")}
            <Show when=move || session.is_admin.get() == Some(true)>
                {link(Page::Users, "/users", "Users")}
                {link(Page::Bulk, "/bulk", "Bulk changes")}
            </Show>
        </nav>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <section class="card narrow" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">"Sign in"</h1>
            <p class="muted">"Use your infoRouter user name and password."</p>
            <ServerCheck/>
            <SignInForm/>
        </section>
    }
}

/// "Page not found", with the way back to one's profile.
#[component]
pub fn NotFound() -> impl IntoView {
    let session = use_session();
    view! {
        <section class="card">
            <h1>"Page not found"</h1>
            <p><a href=session.href("/") rel="external">"Go to your profile"</a></p>
        </section>
    }
}

/// Sends the browser to an in-app path with a normal page load (replacing this entry in the
/// history): how one entry hands over to the other.
pub fn load_page(session: Session, app_path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(&session.href(app_path));
    }
}

#[component]
fn SignedInAs(in_admin: bool) -> impl IntoView {
    let session = use_session();
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        leptos::task::spawn_local(async move {
            session.sign_out().await;
            signing_out.set(false);
            // The next person starts from the sign-in page, not the last user's page.
            if in_admin {
                load_page(session, "/");
            }
        });
    };
    move || {
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
