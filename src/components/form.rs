//! Pieces the five operation forms share: a labelled text field with its hint and error, the
//! status line under a form, the Save button, the unsaved-changes guard, and focusing the first
//! field that needs attention.
//!
//! For a field with id `X`, the hint is `X-hint` and the error `X-error`; the input points at
//! both with `aria-describedby` and carries `aria-invalid="true"` while an error shows.

use std::sync::{Arc, Mutex};

use inforouter_protocol::ApiError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::error_details::ErrorDetails;

/// One text field's state: what is typed, whether the person has left it once (errors show
/// from then on), and an error the server reported about it (e.g. a taken user name), which
/// is cleared as soon as the value changes.
#[derive(Clone, Copy)]
pub struct Field {
    pub value: RwSignal<String>,
    pub touched: RwSignal<bool>,
    pub server_error: RwSignal<Option<String>>,
}

impl Field {
    pub fn new(value: String) -> Field {
        Field {
            value: RwSignal::new(value),
            touched: RwSignal::new(false),
            server_error: RwSignal::new(None),
        }
    }

    /// Re-fills from the server: the value is replaced and the field counts as untouched.
    pub fn reset(&self, value: String) {
        self.value.set(value);
        self.touched.set(false);
        self.server_error.set(None);
    }

    pub fn get_untracked(&self) -> String {
        self.value.get_untracked()
    }
}

/// What a form says after a submit: a success, a problem, or both (a partial success such as
/// "email saved, but this server cannot change mobile numbers"). A problem from the server
/// can carry technical detail for an administrator, shown behind "Details".
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Status {
    pub success: Option<String>,
    pub problem: Option<String>,
    pub detail: Option<String>,
}

impl Status {
    pub fn ok(message: impl Into<String>) -> Status {
        Status {
            success: Some(message.into()),
            ..Status::default()
        }
    }

    pub fn error(message: impl Into<String>) -> Status {
        Status {
            problem: Some(message.into()),
            ..Status::default()
        }
    }

    /// A failed call of `operation`: the plain message, and the technical detail.
    pub fn failed(error: &ApiError, operation: &str) -> Status {
        Status::failed_while("", error, operation)
    }

    /// As [`Status::failed`], the message after `context` (what could not be done).
    pub fn failed_while(context: &str, error: &ApiError, operation: &str) -> Status {
        Status {
            problem: Some(
                format!("{context} {}", error.user_message())
                    .trim()
                    .to_string(),
            ),
            detail: error.technical_detail(operation),
            ..Status::default()
        }
    }

    pub fn partial(success: impl Into<String>, problem: impl Into<String>) -> Status {
        Status {
            success: Some(success.into()),
            problem: Some(problem.into()),
            detail: None,
        }
    }
}

/// The message under a form, in two regions that always exist so that screen readers announce
/// changes: `role="status"` (polite) for success, `role="alert"` for problems. Technical
/// detail follows the alert, outside it, behind a closed "Details" disclosure.
#[component]
pub fn StatusLine(#[prop(into)] id: String, status: RwSignal<Option<Status>>) -> impl IntoView {
    view! {
        <div id=id class="status-line">
            <p class="success" role="status" aria-live="polite">
                {move || status.with(|s| s.as_ref().and_then(|s| s.success.clone()))}
            </p>
            <p class="error" role="alert">
                {move || status.with(|s| s.as_ref().and_then(|s| s.problem.clone()))}
            </p>
            {move || {
                status
                    .with(|s| s.as_ref().and_then(|s| s.detail.clone()))
                    .map(|detail| view! { <ErrorDetails detail=detail/> })
            }}
        </div>
    }
}

/// A labelled single-line input. `error` is the field's current validation result; it shows
/// once the field was left (`touched`) or a submit was tried (`submitted`). A server error
/// about the field always shows.
#[component]
pub fn TextField(
    /// The input's id; the hint and error ids derive from it.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    field: Field,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] submitted: Signal<bool>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    /// `text`, `email`, `tel`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: MaybeProp<bool>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let shown_error = Memo::new(move |_| {
        field.server_error.get().or_else(|| {
            if field.touched.get() || submitted.get() {
                error.get()
            } else {
                None
            }
        })
    });
    let has_hint = move || hint.with(|h| h.as_ref().is_some_and(|h| !h.is_empty()));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint() {
                ids.push(hint_id.clone());
            }
            if shown_error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                required=required
                disabled=move || disabled.get().unwrap_or(false)
                prop:value=move || field.value.get()
                on:input=move |ev| {
                    field.value.set(event_target_value(&ev));
                    field.server_error.set(None);
                }
                on:blur=move |_| field.touched.set(true)
                aria-invalid=move || if shown_error.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=described_by
            />
            {move || has_hint().then(|| view! { <p id=hint_id.clone() class="hint">{move || hint.get()}</p> })}
            {move || shown_error.get().map(|e| view! { <p id=error_id.clone() class="field-error">{e}</p> })}
        </div>
    }
}

/// The submit button: disabled while nothing changed or while a request is out, so a save
/// can never be sent twice.
#[component]
pub fn SaveButton(
    #[prop(into)] id: String,
    #[prop(into)] dirty: Signal<bool>,
    #[prop(into)] sending: Signal<bool>,
    #[prop(default = "Save")] label: &'static str,
) -> impl IntoView {
    view! {
        <div class="actions">
            <button id=id type="submit" disabled=move || sending.get() || !dirty.get()>
                {move || if sending.get() { "Saving…" } else { label }}
            </button>
            {move || (!dirty.get() && !sending.get()).then(|| view! { <span class="muted small">"No unsaved changes."</span> })}
        </div>
    }
}

/// Asks the browser to confirm leaving the page (reload, close, typed URL) while `dirty`.
/// The listener exists only while there is something to lose, and goes with the component.
pub fn use_unsaved_guard(dirty: Signal<bool>) {
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
        if dirty.get() {
            if let Ok(mut c) = counted.lock()
                && !*c
            {
                *c = true;
                link_guard::hold();
            }
            if let Ok(mut h) = handle.lock()
                && h.is_none()
            {
                *h = Some(window_event_listener(leptos::ev::beforeunload, |ev| {
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
        /// How many forms hold unsaved changes, and the listener while any do.
        static GUARD: RefCell<(usize, Option<Listener>)> = const { RefCell::new((0, None)) };
    }

    pub fn hold() {
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
        if anchor.has_attribute("download")
            || anchor
                .get_attribute("href")
                .is_some_and(|h| h.starts_with('#'))
        {
            return;
        }
        let leave = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(
                    "You have unsaved changes on this page. Leave without saving them?",
                )
                .ok()
            })
            .unwrap_or(true);
        if !leave {
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    }
}

/// Moves keyboard focus to the element with this id once the pending DOM updates are done
/// (so a panel just opened exists, a button just re-enabled can take focus, and an error just
/// shown is already described by the field).
pub fn focus_id(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        if let Some(e) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = e.focus();
        }
    });
}

/// After a rejected submit: focuses the first field (in form order) whose check failed, and
/// says so in the status line. Returns whether everything passed.
pub fn check_fields(checks: &[(&str, Option<String>)], status: RwSignal<Option<Status>>) -> bool {
    let failing: Vec<&str> = checks
        .iter()
        .filter(|(_, e)| e.is_some())
        .map(|(id, _)| *id)
        .collect();
    match failing.first() {
        None => true,
        Some(first) => {
            status.set(Some(Status::error(if failing.len() == 1 {
                "Not saved: one field needs attention.".to_string()
            } else {
                format!("Not saved: {} fields need attention.", failing.len())
            })));
            focus_id(*first);
            false
        }
    }
}

/// A required value that was empty, found by the check before sending (or by a newer server's
/// HTTP 400 that names it): shows the problem at the field the parameter comes from, focuses
/// it, and says so in the status line. `fields` pairs a parameter name (as the operation spells
/// it) with the input's id and its field. Returns false when `error` is not about one of them.
pub fn empty_required_at_field(
    error: &inforouter_protocol::ApiError,
    fields: &[(&str, &str, Field)],
    status: RwSignal<Option<Status>>,
) -> bool {
    let inforouter_protocol::ApiError::EmptyRequired { name: Some(name) } = error else {
        return false;
    };
    let Some((_, id, field)) = fields.iter().find(|(p, _, _)| p.eq_ignore_ascii_case(name)) else {
        return false;
    };
    field.server_error.set(Some(error.user_message()));
    status.set(Some(Status::error("Not saved: one field needs attention.")));
    focus_id(*id);
    true
}

/// Keeps `base` in step with the host's `user` and re-fills the form from it, except while
/// the person has unsaved input for that same user (a reload must not wipe what they typed).
pub fn follow_user(
    user: Signal<inforouter_protocol::User>,
    base: RwSignal<inforouter_protocol::User>,
    dirty: Memo<bool>,
    fill: impl Fn(&inforouter_protocol::User) + 'static,
) {
    Effect::new(move |_| {
        let fresh = user.get();
        let keep_typing = dirty.get_untracked() && base.with_untracked(|b| same_person(b, &fresh));
        if !keep_typing {
            fill(&fresh);
        }
        base.set(fresh);
    });
}

/// Identity of a user across reloads and renames: the id when the server sends one.
pub fn same_person(a: &inforouter_protocol::User, b: &inforouter_protocol::User) -> bool {
    if !a.user_id.is_empty() && !b.user_id.is_empty() {
        a.user_id == b.user_id
    } else {
        a.user_name.eq_ignore_ascii_case(&b.user_name)
    }
}
