//! Pieces every edit form shares: a labelled text field, the message under a form, the
//! unsaved-changes guard, and the save controller that runs a form's submit.

mod card;
mod field;
mod guard;
mod input;
mod message;
mod save;

pub use card::FormCard;
pub use field::{Field, OwnPasswordField, TextField};
pub use guard::{use_leave_guard, use_unsaved_guard};
pub use input::{Input, InputField};
pub use message::{FormMessage, MessageLine};
pub use save::{
    FieldProblem, SaveButton, SaveFailed, SaveForm, SaveHost, SaveReport, Saved, SendFuture,
};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// Identity of a user across reloads and renames: the id when the server sends one.
pub fn same_person(a: &inforouter_protocol::User, b: &inforouter_protocol::User) -> bool {
    if !a.user_id.is_empty() && !b.user_id.is_empty() {
        a.user_id == b.user_id
    } else {
        a.user_name.eq_ignore_ascii_case(&b.user_name)
    }
}
