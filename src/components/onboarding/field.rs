//! "Like a colleague (optional)", at the top of the New user form: a user name, read with
//! GetUser (and their groups and libraries, for the preview) when the person presses Enter or
//! leaves the field, not at every key. Enter asks instead of submitting the form. An unknown
//! user is refused here, and the form does not create the account while a named colleague is
//! refused or not yet read.
//!
//! ids: `like-colleague`, `like-colleague-hint`, `like-colleague-error`.

use leptos::prelude::*;

use super::{Check, Like};
use crate::components::form::{SaveForm, TextField};

#[component]
pub fn LikeField(like: Like, form: SaveForm) -> impl IntoView {
    let hint = Signal::derive(move || {
        Some(match like.check.get() {
            Check::Checking(name) => format!("Reading {name}'s groups and libraries…"),
            Check::Found(found) => format!(
                "{}: what the new account gets is listed below.",
                found.who()
            ),
            _ => {
                "Their groups, libraries and user type go to the new account; they keep their own. \
                  Checked when you press Enter or leave the field."
                    .to_string()
            }
        })
    });
    // A refusal shows at once; "not read yet" only once a create was tried.
    let error = Signal::derive(move || match like.check.get() {
        Check::Refused(why) => Some(why),
        _ if form.submitted.get() => like.blocking(),
        _ => None,
    });
    let enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            like.ask();
        }
    };
    view! {
        <div on:change=move |_| like.ask() on:keydown=enter>
            <TextField id="like-colleague" label="Like a colleague (optional)" field=like.field
                error=error submitted=form.submitted hint=hint autocomplete="off"/>
        </div>
    }
}
