//! The leave guard: leaving the page, or following a link inside the console, asks first while
//! a form holds something typed and not saved, or while work that ends with the page runs.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;

/// What a link asks while a form has unsaved changes.
const UNSAVED: &str = "You have unsaved changes on this page. Leave without saving them?";

/// Asks before leaving while `dirty` (see [`use_leave_guard`]).
pub fn use_unsaved_guard(dirty: Signal<bool>) {
    use_leave_guard(dirty, UNSAVED);
}

/// Asks the browser to confirm leaving the page (reload, close, typed URL), and a link inside
/// the console to confirm with `question`, while `active`. The listeners exist only while there
/// is something to lose, and go with the component.
pub fn use_leave_guard(active: Signal<bool>, question: &'static str) {
    let handle: Arc<Mutex<Option<WindowListenerHandle>>> = Arc::new(Mutex::new(None));
    let remove = {
        let handle = handle.clone();
        move || {
            if let Some(h) = handle.lock().ok().and_then(|mut h| h.take()) {
                h.remove();
            }
        }
    };
    let remove_on_cleanup = remove.clone();
    let counted = Arc::new(Mutex::new(false));
    let uncount = {
        let counted = counted.clone();
        move || {
            if let Ok(mut c) = counted.lock()
                && *c
            {
                *c = false;
                link_guard::release();
            }
        }
    };
    let uncount_on_cleanup = uncount.clone();
    Effect::new(move |_| {
        if active.get() {
            if let Ok(mut c) = counted.lock()
                && !*c
            {
                *c = true;
                link_guard::hold(question);
            }
            if let Ok(mut h) = handle.lock()
                && h.is_none()
            {
                *h = Some(window_event_listener(leptos::ev::beforeunload, |ev| {
                    // The person already said yes to leaving by a link (another entry).
                    if link_guard::leaving_confirmed() {
                        return;
                    }
                    ev.prevent_default();
                    // Older browsers want a non-empty returnValue; none shows the text any more.
                    ev.set_return_value("You have unsaved changes.");
                }));
            }
        } else {
            remove();
            uncount();
        }
    });
    on_cleanup(move || {
        remove_on_cleanup();
        uncount_on_cleanup();
    });
}

/// Leaving by a link inside the console does not unload the page, so `beforeunload` never
/// fires: while any form has unsaved changes, a capturing click listener asks first.
mod link_guard {
    use std::cell::RefCell;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;

    type Listener = Closure<dyn Fn(web_sys::MouseEvent)>;

    thread_local! {
        /// How many guards hold, and the listener while any do.
        static GUARD: RefCell<(usize, Option<Listener>)> = const { RefCell::new((0, None)) };
        /// The question of the guard that took hold last.
        static QUESTION: std::cell::Cell<&'static str> = const { std::cell::Cell::new("") };
        /// Leaving by a link was confirmed just now: the page unload it starts (a link into the
        /// other entry) must not ask a second time.
        static CONFIRMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    pub fn leaving_confirmed() -> bool {
        CONFIRMED.with(std::cell::Cell::get)
    }

    pub fn hold(question: &'static str) {
        QUESTION.with(|q| q.set(question));
        GUARD.with(|g| {
            let mut g = g.borrow_mut();
            g.0 += 1;
            if g.1.is_none() {
                let listener: Listener = Closure::new(ask_before_leaving);
                if let Some(w) = web_sys::window() {
                    let _ = w.add_event_listener_with_callback_and_bool(
                        "click",
                        listener.as_ref().unchecked_ref(),
                        true,
                    );
                }
                g.1 = Some(listener);
            }
        });
    }

    pub fn release() {
        GUARD.with(|g| {
            let mut g = g.borrow_mut();
            g.0 = g.0.saturating_sub(1);
            if g.0 == 0
                && let Some(listener) = g.1.take()
                && let Some(w) = web_sys::window()
            {
                let _ = w.remove_event_listener_with_callback_and_bool(
                    "click",
                    listener.as_ref().unchecked_ref(),
                    true,
                );
            }
        });
    }

    fn ask_before_leaving(ev: web_sys::MouseEvent) {
        let Some(anchor) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        // `data-keeps-page`: a link between sections of one page, which stay mounted.
        if anchor.has_attribute("download")
            || anchor.has_attribute("data-keeps-page")
            || anchor
                .get_attribute("href")
                .is_some_and(|h| h.starts_with('#'))
        {
            return;
        }
        let leave = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(QUESTION.with(std::cell::Cell::get))
                    .ok()
            })
            .unwrap_or(true);
        if !leave {
            ev.prevent_default();
            ev.stop_immediate_propagation();
            return;
        }
        // The unload, if this link starts one, begins in this task; a link the admin entry
        // handles in place (`in_app_nav`) starts none, so the yes is forgotten right after.
        CONFIRMED.with(|c| c.set(true));
        leptos::prelude::set_timeout(
            || CONFIRMED.with(|c| c.set(false)),
            std::time::Duration::ZERO,
        );
    }
}
