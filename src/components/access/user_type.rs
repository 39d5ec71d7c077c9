//! The user type (system administrators): author or read-only, as GetUser's `ReadOnlyUser`
//! says, changed with ChangeUserType after a confirmation. The page's user is read again
//! after the change, so its facts say the new type too.
//!
//! ids: `type-title`, `type-current` ("Author" / "Read-only"), `type-change` (opens the
//! confirmation), `type-panel` (role="alertdialog"), `type-question`, `type-confirm`,
//! `type-cancel`, `type-status`.

use inforouter_protocol::User;
use inforouter_protocol::account_admin::{ChangeUserType, UserType};
use inforouter_protocol::operations::Operation as _;
use leptos::prelude::*;

use crate::components::confirm_panel::ConfirmPanel;
use crate::components::form::{FormMessage, MessageLine, SaveFailed, SaveForm, Saved};

fn type_name(t: UserType) -> &'static str {
    match t {
        UserType::Author => "Author",
        UserType::ReadOnly => "Read-only",
    }
}

fn other(t: UserType) -> UserType {
    match t {
        UserType::Author => UserType::ReadOnly,
        UserType::ReadOnly => UserType::Author,
    }
}

#[component]
pub fn UserTypeCard(#[prop(into)] user: Signal<User>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let form = SaveForm::build(user, ChangeUserType::NAME)
        .fill(move |_| asking.set(false))
        // Nothing is typed: the open confirmation is the change.
        .changed(move |_| asking.get())
        .without_unsaved_guard()
        .after(move || asking.set(false))
        .send(move |session, saved| {
            let (user_name, wanted) = (saved.user_name.clone(), other(UserType::of(saved)));
            Box::pin(async move {
                let op = ChangeUserType {
                    user_name: user_name.clone(),
                    user_type: wanted,
                };
                session
                    .call(&op)
                    .await
                    .map_err(SaveFailed::call(ChangeUserType::NAME))?;
                let said = match wanted {
                    UserType::Author => format!("{user_name} is now an author."),
                    UserType::ReadOnly => format!("{user_name} is now read-only."),
                };
                Ok(Saved::new(FormMessage::ok(said), move |u| {
                    u.read_only = wanted == UserType::ReadOnly
                }))
            })
        });
    let SaveForm {
        saved,
        sending,
        message,
        ..
    } = form;
    let now = Memo::new(move |_| saved.with(UserType::of));
    let question = move || {
        let who = saved.with(|u| u.user_name.clone());
        match other(now.get()) {
            UserType::ReadOnly => {
                format!("Make {who} read-only? They will only view and download documents.")
            }
            UserType::Author => {
                format!(
                    "Make {who} an author? They may then add and change documents, as permissions allow."
                )
            }
        }
    };
    let open = move |_| {
        message.set(None);
        asking.set(true);
    };

    view! {
        <section class="card" aria-labelledby="type-title">
            <h2 id="type-title">"User type"</h2>
            <p>"Type: "<strong id="type-current">{move || type_name(now.get())}</strong></p>
            <div class="actions">
                <button id="type-change" type="button" class="secondary"
                    aria-expanded=move || asking.get().to_string() aria-controls="type-panel"
                    disabled=move || sending.get() on:click=open>
                    {move || match other(now.get()) {
                        UserType::ReadOnly => "Make read-only…",
                        UserType::Author => "Make author…",
                    }}
                </button>
            </div>
            {move || asking.get().then(|| view! {
                <ConfirmPanel id="type-panel" labelled_by="type-question" focus="type-cancel"
                    return_focus="type-change" on_cancel=move |_| asking.set(false)>
                    <p id="type-question">{question}</p>
                    <div class="actions">
                        <button id="type-confirm" type="button" disabled=move || sending.get()
                            on:click=move |_| form.submit()>
                            {move || if sending.get() { "Saving…".to_string() } else { format!("Make {}", type_name(other(now.get())).to_lowercase()) }}
                        </button>
                        <button id="type-cancel" type="button" class="secondary" on:click=move |_| asking.set(false)>"Cancel"</button>
                    </div>
                </ConfirmPanel>
            })}
            <MessageLine id="type-status" message=message/>
        </section>
    }
}
