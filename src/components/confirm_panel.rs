//! The one panel for every question that needs an answer before something happens: deleting a
//! user, deleting in bulk, changing a status, the password a bulk run waits for, and signing in
//! again. Focus moves into it when it opens and back to what opened it when it closes; Escape
//! cancels, except where cancelling would lose something (then `on_cancel` is left out).

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use crate::components::form::focus_id;

#[component]
pub fn ConfirmPanel(
    id: &'static str,
    /// The id of the question: the panel's accessible name.
    labelled_by: &'static str,
    #[prop(optional, into)] described_by: MaybeProp<String>,
    /// What takes the keyboard when the panel opens.
    focus: &'static str,
    /// What gets it back when the panel closes (the button that opened it).
    #[prop(optional)]
    return_focus: Option<&'static str>,
    /// What Escape does; without it, Escape does nothing.
    #[prop(optional, into)]
    on_cancel: Option<Callback<()>>,
    /// Over the whole page, behind a backdrop (signing in again).
    #[prop(optional)]
    modal: bool,
    children: Children,
) -> impl IntoView {
    focus_id(focus);
    if let Some(back) = return_focus {
        on_cleanup(move || focus_id(back));
    }
    let keydown = move |ev: KeyboardEvent| {
        if let (true, Some(cancel)) = (ev.key() == "Escape", on_cancel) {
            ev.prevent_default();
            cancel.run(());
        }
    };
    let panel = view! {
        <div id=id class=if modal { "dialog" } else { "confirm" }
            role=if modal { "dialog" } else { "alertdialog" }
            aria-modal=modal.then_some("true")
            aria-labelledby=labelled_by aria-describedby=move || described_by.get()
            on:keydown=keydown>
            {children()}
        </div>
    };
    if modal {
        view! { <div class="backdrop">{panel}</div> }.into_any()
    } else {
        panel.into_any()
    }
}

/// A panel's two buttons: the action (disabled while it is out) and Cancel, the safe default.
#[component]
pub fn ConfirmActions(
    confirm_id: &'static str,
    cancel_id: &'static str,
    /// The action's label, "Saving…" and the like included.
    #[prop(into)]
    label: Signal<&'static str>,
    #[prop(into)] class: Signal<&'static str>,
    #[prop(into)] sending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="actions">
            <button id=confirm_id type="button" class=move || class.get()
                disabled=move || sending.get() on:click=move |_| on_confirm.run(())>
                {move || label.get()}
            </button>
            <button id=cancel_id type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                "Cancel"
            </button>
        </div>
    }
}
