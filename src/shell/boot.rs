//! Taking over the static page that index.html shows before the console starts (see
//! deploy/web/early.js). The static sign-in form is not copied but moved, element for element,
//! into the console's sign-in page: what was typed, the caret, and anything (a person, a
//! password manager, a test driver) holding on to its fields stay valid. The rest of the
//! static page goes in the same task as the console draws its own, so nothing moves.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Element, HtmlButtonElement, HtmlInputElement};

const SHELL: &str = "boot-shell";
const FORM: &str = "boot-sign-in";
const USER: &str = "sign-in-user";
const PASSWORD: &str = "sign-in-password";
const ERROR: &str = "sign-in-error";
/// Where the console's sign-in page wants the static form.
pub const SLOT: &str = "sign-in-slot";

/// The focused field of the static form, and its selection, while the form moves.
struct Focus {
    id: &'static str,
    selection: Option<(u32, u32)>,
}

thread_local! {
    static FOCUS: RefCell<Option<Focus>> = const { RefCell::new(None) };
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn by_id<T: JsCast>(id: &str) -> Option<T> {
    document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Whether index.html's static sign-in form is still there to be taken over.
pub fn has_static_form() -> bool {
    document()
        .and_then(|d| {
            d.query_selector(&format!("#{SHELL} #{FORM}"))
                .ok()
                .flatten()
        })
        .is_some()
}

/// Before the console mounts: where the focus is in the static form.
pub fn read_static_page() {
    let Some(active) = document().and_then(|d| d.active_element()) else {
        return;
    };
    let focus = [USER, PASSWORD].into_iter().find_map(|id| {
        let input: HtmlInputElement = by_id(id)?;
        (active == *input.unchecked_ref::<Element>()).then(|| Focus {
            id,
            selection: match (input.selection_start(), input.selection_end()) {
                (Ok(Some(start)), Ok(Some(end))) => Some((start, end)),
                _ => None,
            },
        })
    });
    FOCUS.with(|f| *f.borrow_mut() = focus);
}

/// Right after the console mounted: moves the static form into the console's sign-in page
/// (when it shows one), removes the rest of the static page, and puts the focus back.
pub fn remove_static_page() {
    let Some(document) = document() else {
        return;
    };
    if let (Some(slot), Some(form)) = (
        document.get_element_by_id(SLOT),
        document.get_element_by_id(FORM),
    ) {
        let _ = slot.append_child(&form);
    }
    if let Some(shell) = document.get_element_by_id(SHELL) {
        shell.remove();
    }
    if let Some(focus) = FOCUS.with(|f| f.borrow_mut().take())
        && let Some(input) = by_id::<HtmlInputElement>(focus.id)
    {
        let _ = input.focus();
        if let Some((start, end)) = focus.selection {
            let _ = input.set_selection_range(start, end);
        }
    }
}

/// The user name and password in the taken-over form.
pub fn typed() -> Option<(String, String)> {
    let value = |id| by_id::<HtmlInputElement>(id).map(|i| i.value());
    Some((value(USER)?, value(PASSWORD)?))
}

pub fn clear_password() {
    if let Some(input) = by_id::<HtmlInputElement>(PASSWORD) {
        input.set_value("");
    }
}

/// "Sign in" was pressed before the console started (early.js held it).
pub fn submit_was_pressed() -> bool {
    by_id::<Element>(FORM).is_some_and(|f| f.has_attribute("data-submitted"))
}

/// Shows the form's state in the taken-over elements: the error under it (and the user-name
/// field pointing at it), and the button while signing in.
pub fn show_state(error: Option<&str>, sending: bool) {
    if let Some(e) = by_id::<Element>(ERROR) {
        e.set_text_content(error);
    }
    if let Some(user) = by_id::<Element>(USER) {
        let _ = match error {
            Some(_) => user.set_attribute("aria-describedby", ERROR),
            None => user.remove_attribute("aria-describedby"),
        };
    }
    if let Some(button) = document()
        .and_then(|d| {
            d.query_selector(&format!("#{FORM} button[type=submit]"))
                .ok()
                .flatten()
        })
        .and_then(|b| b.dyn_into::<HtmlButtonElement>().ok())
    {
        button.set_disabled(sending);
        button.set_text_content(Some(if sending { "Signing in…" } else { "Sign in" }));
    }
}

/// The console's submit listener on the taken-over form; removed when dropped.
pub struct SubmitListener {
    form: Element,
    listener: Closure<dyn Fn(web_sys::Event)>,
}

impl SubmitListener {
    pub fn attach(on_submit: impl Fn() + 'static) -> Option<SubmitListener> {
        let form: Element = by_id(FORM)?;
        let listener: Closure<dyn Fn(web_sys::Event)> = Closure::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            on_submit();
        });
        form.add_event_listener_with_callback("submit", listener.as_ref().unchecked_ref())
            .ok()?;
        Some(SubmitListener { form, listener })
    }
}

impl Drop for SubmitListener {
    fn drop(&mut self) {
        let _ = self
            .form
            .remove_event_listener_with_callback("submit", self.listener.as_ref().unchecked_ref());
    }
}
