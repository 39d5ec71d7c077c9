//! The welcome email (system administrators; SendWelcomeEmailForUser): a confirmation that
//! says what the mail holds for this account (a native one: a link to set a password, valid
//! 48 hours; another: the authority to sign in with), then the call. Refusals are said
//! plainly: no email address on file, not an administrator.
//!
//! ids, after `prefix`: `-title`, `-open`, `-no-email` (no address: nothing to send to),
//! `-panel` (role="alertdialog"), `-question`, `-contents`, `-confirm`, `-cancel`, `-status`.

use inforouter_protocol::account_admin::SendWelcomeEmailForUser;
use inforouter_protocol::operations::Operation as _;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::confirm_panel::ConfirmPanel;
use crate::components::form::{FormMessage, MessageLine};
use crate::session::use_session;

/// What the mail holds for `user`.
fn contents(user: &User) -> String {
    if user.is_native() {
        "It holds a link to set their password, valid for 48 hours.".into()
    } else {
        format!(
            "It tells them to sign in with their {} account; no password link is sent.",
            user.authentication_authority.trim()
        )
    }
}

/// A refusal in plain words; anything else with its detail.
fn refusal(who: &str, error: &ApiError) -> FormMessage {
    let said = match error {
        ApiError::Server { message, .. }
        | ApiError::System { message }
        | ApiError::AccessDenied { message } => message.to_lowercase(),
        _ => String::new(),
    };
    if said.contains("no e-mail") || said.contains("no email") {
        FormMessage::error(format!(
            "Not sent: {who} has no email address on file. Add one under Details first."
        ))
    } else if matches!(error, ApiError::AccessDenied { .. }) || said.contains("only the system") {
        FormMessage::error("Not sent: only a system administrator can send welcome emails.")
    } else {
        FormMessage::failed_while("Not sent.", error, SendWelcomeEmailForUser::NAME)
    }
}

#[component]
pub fn WelcomeEmail(
    #[prop(into)] user: Signal<User>,
    prefix: &'static str,
    /// Shown on the page of a user just created: says so, and comes first.
    #[prop(optional)]
    created: bool,
) -> impl IntoView {
    let session = use_session();
    let id = move |part: &str| format!("{prefix}-{part}");
    // ConfirmPanel names its parts with `&'static str`: made once per card.
    let [panel, question, cancel, back] =
        ["panel", "question", "cancel", "open"].map(|p| leak(id(p)));
    let asking = RwSignal::new(false);
    let message = RwSignal::new(None::<FormMessage>);
    let send = Action::new_local(move |user_name: &String| {
        let user_name = user_name.clone();
        async move {
            let op = SendWelcomeEmailForUser {
                user_name: user_name.clone(),
            };
            let said = match session.call(&op).await {
                Ok(()) => FormMessage::ok(format!("Welcome email sent to {user_name}.")),
                Err(e) => refusal(&user_name, &e),
            };
            message.set(Some(said));
            asking.set(false);
        }
    });
    let sending = send.pending();
    let who = move || user.with(|u| u.user_name.clone());
    let email = move || user.with(|u| u.email.trim().to_string());
    let title = if created {
        "Send a welcome email"
    } else {
        "Welcome email"
    };
    let open = move |_| {
        message.set(None);
        asking.set(true);
    };
    let confirm = move |_| {
        send.dispatch(who());
    };

    view! {
        <section class=if created { "card notice-card" } else { "card" } aria-labelledby=id("title")>
            <h2 id=id("title")>{title}</h2>
            {created.then(|| view! { <p>{move || format!("{} was created. Let them know how to sign in:", who())}</p> })}
            {move || if email().is_empty() {
                view! { <p id=id("no-email") class="muted">{format!("{} has no email address on file: add one under Details to send a welcome email.", who())}</p> }.into_any()
            } else {
                view! { <p class="muted">{format!("Mails {} a welcome message at {}.", who(), email())}</p> }.into_any()
            }}
            <div class="actions">
                <button id=id("open") type="button" class="secondary"
                    aria-expanded=move || asking.get().to_string() aria-controls=id("panel")
                    disabled=move || sending.get() on:click=open>"Send welcome email…"</button>
            </div>
            {move || asking.get().then(|| view! {
                <ConfirmPanel id=panel labelled_by=question described_by=id("contents") focus=cancel
                    return_focus=back on_cancel=move |_| asking.set(false)>
                    <p id=id("question")>{move || format!("Send {} a welcome email at {}?", who(), email())}</p>
                    <p id=id("contents")>{move || user.with(contents)}</p>
                    <div class="actions">
                        <button id=id("confirm") type="button" disabled=move || sending.get() on:click=confirm>
                            {move || if sending.get() { "Sending…" } else { "Send" }}
                        </button>
                        <button id=id("cancel") type="button" class="secondary" on:click=move |_| asking.set(false)>"Cancel"</button>
                    </div>
                </ConfirmPanel>
            })}
            <MessageLine id=id("status") message=message/>
        </section>
    }
}

fn leak(s: String) -> &'static str {
    s.leak()
}
