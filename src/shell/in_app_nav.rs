//! How the administrators' entry moves between its pages without loading the page again:
//! a click on a link to one of its pages, and [`Navigator::go`], change the address with the
//! History API; Back and Forward come back through `popstate`. The pages read the address
//! from [`Location`]. (leptos_router did this for four routes and weighed 34 KB of the first
//! load: README "Size".)

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Page;
use crate::components::form::focus_id;
use crate::session::Session;

/// The address the entry shows, as the address bar has it.
#[derive(Clone, Copy)]
pub struct Location {
    /// The path, still percent-encoded, base path included.
    pub pathname: ReadSignal<String>,
    /// The query, without its `?`.
    pub search: ReadSignal<String>,
}

impl Location {
    /// The in-app path (below the base path), `None` outside the console.
    pub fn app_path(&self, session: Session) -> Option<String> {
        let path = self.pathname.get();
        session
            .config
            .with_value(|c| c.base_path.strip(&path).map(str::to_string))
    }

    /// Whether the query has `key` (`?created=1`, `?created`).
    pub fn has_query_key(&self, key: &str) -> bool {
        self.search
            .with(|s| s.split('&').any(|pair| pair.split('=').next() == Some(key)))
    }
}

/// Moves the entry to another of its pages.
#[derive(Clone, Copy)]
pub struct Navigator {
    session: Session,
    pathname: WriteSignal<String>,
    search: WriteSignal<String>,
}

impl Navigator {
    /// Goes to an in-app path, with its query if any (`/users?sort=email`): a new history
    /// entry that starts at the top of the page, or with `replace` the current entry changed
    /// in place (a rename), where the page stays as it is.
    pub fn go(&self, app_path: &str, replace: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let href = self.session.href(app_path);
        let Ok(history) = window.history() else {
            return;
        };
        let moved = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href))
        };
        if moved.is_err() {
            // Refused (another origin): a normal page load goes there instead.
            let _ = window.location().set_href(&href);
            return;
        }
        if !replace {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        self.read_address();
    }

    /// Takes the address bar's path and query (the browser has normalised them).
    fn read_address(&self) {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let pathname = location.pathname().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        let search = search.strip_prefix('?').unwrap_or(&search).to_string();
        // Set only on change: a signal notifies its readers even when set to the same value.
        let (read_path, read_search) = (self.pathname, self.search);
        read_path.update(|p| {
            if *p != pathname {
                *p = pathname;
            }
        });
        read_search.update(|s| {
            if *s != search {
                *s = search;
            }
        });
    }
}

/// Starts following the address: provides [`Location`] and [`Navigator`], takes over clicks
/// on links to the entry's pages, and follows Back and Forward.
pub fn provide_in_app_nav(session: Session) -> Location {
    let (pathname, set_pathname) = signal(String::new());
    let (search, set_search) = signal(String::new());
    let navigator = Navigator {
        session,
        pathname: set_pathname,
        search: set_search,
    };
    navigator.read_address();
    let location = Location { pathname, search };
    provide_context(location);
    provide_context(navigator);

    let on_click = window_event_listener(ev::click, move |event| {
        if let Some((app_path, keeps_page)) = in_app_link(&event, session) {
            event.prevent_default();
            navigator.go(&app_path, false);
            // The link that was clicked has usually gone with the page it was on: the new
            // page's content takes the focus, so the keyboard and a screen reader start there.
            // A link between sections of one page (`data-keeps-page`) stays where it is.
            if !keeps_page {
                focus_id("main");
            }
        }
    });
    let on_history = window_event_listener(ev::popstate, move |_| {
        navigator.read_address();
        // Back or Forward to another page: what had the focus went with the page it was on
        // (the document has it now), so the new page's content takes it, as after a link.
        request_animation_frame(|| {
            if focus_was_lost() {
                focus_id("main");
            }
        });
    });
    on_cleanup(move || {
        on_click.remove();
        on_history.remove();
    });
    location
}

pub fn use_location() -> Location {
    expect_context()
}

pub fn use_navigator() -> Navigator {
    expect_context()
}

/// The in-app path and query a click goes to, and whether the link is one between sections
/// of one page, when the entry shows it itself: a plain click
/// (no modifier: those open a tab or a window) on a link in this window to one of the
/// entry's own pages. Links to the other entry, downloads, `rel="external"` and links within
/// the page (the skip link) are left to the browser.
fn in_app_link(event: &web_sys::MouseEvent, session: Session) -> Option<(String, bool)> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let target: web_sys::Element = event.target()?.dyn_into().ok()?;
    let link: web_sys::HtmlAnchorElement = target.closest("a[href]").ok()??.dyn_into().ok()?;
    let external = link
        .rel()
        .split_ascii_whitespace()
        .any(|word| word == "external");
    if external || !link.target().is_empty() || link.has_attribute("download") {
        return None;
    }
    let here = web_sys::window()?.location();
    if link.origin() != here.origin().ok()? {
        return None;
    }
    let (pathname, search) = (link.pathname(), link.search());
    let same_page = pathname == here.pathname().ok()? && search == here.search().ok()?;
    if same_page && !link.hash().is_empty() {
        return None;
    }
    let app_path = session
        .config
        .with_value(|c| c.base_path.strip(&pathname).map(str::to_string))?;
    let keeps_page = link.has_attribute("data-keeps-page");
    Page::at(&app_path)
        .is_admin()
        .then(|| (format!("{app_path}{search}"), keeps_page))
}

/// Whether nothing in the page has the focus: the element that had it was removed.
fn focus_was_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match document.active_element() {
        None => true,
        Some(active) => document
            .body()
            .is_some_and(|body| *active == *body.as_ref()),
    }
}
