//! The frame of an edit form: a titled card holding the fields, the Save button and the
//! message line, with ids derived from one prefix.

use leptos::prelude::*;

use super::{MessageLine, SaveButton, SaveForm};

/// ids: `{prefix}-title` (the heading), `{prefix}-save`, `{prefix}-status` (the message line).
#[component]
pub fn FormCard(
    prefix: &'static str,
    title: &'static str,
    form: SaveForm,
    save_label: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby=format!("{prefix}-title")>
            <h2 id=format!("{prefix}-title")>{title}</h2>
            <form class="form" novalidate on:submit=form.on_submit()>
                {children()}
                <SaveButton id=format!("{prefix}-save") form=form label=save_label/>
                <MessageLine id=format!("{prefix}-status") message=form.message/>
            </form>
        </section>
    }
}
