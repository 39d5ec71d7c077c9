//! Deleting a user (system administrators), from their page: a confirmation that names the
//! user and asks for the user name to be typed. When the server's policy asks for it
//! (PasswordRePromptActions/UserDelete), also the administrator's own password, sent with
//! DeleteUser1. DeleteUser1 does not check that password while the policy is off, so it is
//! never the confirmation by itself: the typed name always is. No one deletes their own
//! account here. The page hosting this hears of the delete through `SaveHost` (operation
//! DeleteUser) and says plainly that the user is gone.
//!
//! ids: `delete-title`, `delete-open`, `delete-panel` (role="alertdialog"),
//! `delete-question`, `delete-confirm-name`, `delete-admin-password` (only when asked),
//! `delete-confirm`, `delete-cancel`, `delete-status`, `delete-self` (one's own account).

use inforouter_protocol::lifecycle::{DeleteUser as DeleteUserOp, DeleteUser1};
use inforouter_protocol::operations::AuthenticateUser;
use inforouter_protocol::operations::Operation as _;
use inforouter_protocol::password_policy::PasswordPolicy;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::form::{
    Field, FieldProblem, FormMessage, MessageLine, SaveFailed, SaveForm, Saved, focus_id,
};
use crate::session::use_session;

#[component]
pub fn DeleteUserSection(
    #[prop(into)] user: Signal<User>,
    /// The server's policy (the page reads it once for all its sections).
    policy: Signal<PasswordPolicy>,
) -> impl IntoView {
    let session = use_session();
    let is_self = Memo::new(move |_| {
        let me = session.me.with(|m| m.as_ref().map(|m| m.user_name.clone()));
        user.with(|u| me.is_some_and(|me| me.eq_ignore_ascii_case(&u.user_name)))
    });
    view! {
        <section class="card" aria-labelledby="delete-title">
            <h2 id="delete-title">"Delete user"</h2>
            {move || if is_self.get() {
                view! { <p id="delete-self" class="muted">"This is your own account: another administrator has to delete it."</p> }.into_any()
            } else {
                view! { <DeleteConfirm user=user policy=policy/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn DeleteConfirm(user: Signal<User>, policy: Signal<PasswordPolicy>) -> impl IntoView {
    let open = RwSignal::new(false);
    let typed = Field::default();
    let password = Field::default();
    // The policy, or a refusal that says the server wants the password after all.
    let asked_for_password = RwSignal::new(false);
    let needs_password =
        Memo::new(move |_| asked_for_password.get() || policy.with(|p| p.reprompt_user_delete));
    let name_matches =
        Memo::new(move |_| user.with(|u| typed.value.with(|t| t.trim() == u.user_name)));
    let name_error = Memo::new(move |_| {
        (!name_matches.get()).then(|| "Type the user name exactly as shown.".to_string())
    });
    let password_error = Memo::new(move |_| {
        (needs_password.get() && password.value.with(String::is_empty)).then(|| {
            "Enter your own password: this server asks for it to delete users.".to_string()
        })
    });
    let form = SaveForm::build(user, DeleteUserOp::NAME)
        .fill(move |_| {
            open.set(false);
            typed.reset(String::new());
            password.reset(String::new());
        })
        .without_unsaved_guard()
        .check("delete-confirm-name", name_error)
        .check("delete-admin-password", password_error)
        .at_field(move |e| {
            (*e == ApiError::AuthenticationFailed).then(|| FieldProblem {
                id: "delete-admin-password",
                field: password,
                message: "This is not your password.".into(),
                summary: "Not deleted: that is not your password.".into(),
            })
        })
        .send(move |session, saved| {
            let user_name = saved.user_name.clone();
            let with_password = needs_password.get_untracked();
            let admin_password = password.get_untracked();
            Box::pin(async move {
                let result = if with_password {
                    // Proven by a sign-in of its own first: DeleteUser1 does not check it while
                    // the policy is off, and a newer server calls a wrong one "access denied".
                    let me = session.my_name().unwrap_or_default();
                    session
                        .prove_password(me, admin_password.clone())
                        .await
                        .map_err(SaveFailed::call(AuthenticateUser::NAME))?;
                    session
                        .call(&DeleteUser1 { admin_password, user_name: user_name.clone() })
                        .await
                        .map_err(SaveFailed::call(DeleteUser1::NAME))
                } else {
                    match session.call(&DeleteUserOp { user_name: user_name.clone() }).await {
                        Err(e) if e.is_password_reprompt() => {
                            asked_for_password.set(true);
                            return Err(SaveFailed::Refused(
                                "Not deleted: this server asks for your own password to delete users. Enter it and confirm again.".into(),
                            ));
                        }
                        other => other.map_err(SaveFailed::call(DeleteUserOp::NAME)),
                    }
                };
                result?;
                // The host hears of it (SaveHost) and says the user is gone.
                Ok(Saved::new(FormMessage::ok(format!("{user_name} was deleted.")), |_| {}))
            })
        });
    let SaveForm {
        message,
        sending,
        submitted,
        ..
    } = form;
    let who = move || {
        user.with(|u| {
            let full = u.full_name();
            if full.is_empty() {
                u.user_name.clone()
            } else {
                format!("{} ({full})", u.user_name)
            }
        })
    };
    let cancel = move || {
        open.set(false);
        focus_id("delete-open");
    };
    view! {
        <p>"Deleting is permanent. Transfer the user's documents and tasks first."</p>
        <div class="actions">
            <button id="delete-open" type="button" class="danger"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="delete-panel"
                on:click=move |_| { message.set(None); open.set(true); focus_id("delete-confirm-name"); }>
                "Delete user…"
            </button>
        </div>
        {move || open.get().then(|| view! {
            <div id="delete-panel" class="confirm" role="alertdialog" aria-labelledby="delete-question"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { ev.prevent_default(); cancel(); }>
            <form class="form" novalidate on:submit=form.on_submit()>
                <p id="delete-question"><strong>{move || format!("Delete {} permanently?", who())}</strong></p>
                <div class="field">
                    <label for="delete-confirm-name">{move || format!("Type {} to confirm", user.with(|u| u.user_name.clone()))}</label>
                    <input id="delete-confirm-name" type="text" autocomplete="off" spellcheck="false"
                        prop:value=move || typed.value.get()
                        on:input=move |ev| typed.value.set(event_target_value(&ev))
                        aria-invalid=move || if submitted.get() && name_error.with(Option::is_some) { "true" } else { "false" }
                        aria-describedby="delete-confirm-name-error"/>
                    {move || submitted.get().then(|| name_error.get()).flatten().map(|e| view! {
                        <p id="delete-confirm-name-error" class="field-error">{e}</p>
                    })}
                </div>
                {move || needs_password.get().then(|| view! {
                    <div class="field">
                        <label for="delete-admin-password">"Your own password"</label>
                        <input id="delete-admin-password" type="password" autocomplete="current-password"
                            prop:value=move || password.value.get()
                            on:input=move |ev| password.value.set(event_target_value(&ev))
                            aria-describedby="delete-admin-password-hint"/>
                        <p id="delete-admin-password-hint" class="hint">"This server asks administrators for their password before deleting a user."</p>
                        {move || submitted.get().then(|| password_error.get()).flatten().map(|e| view! {
                            <p class="field-error">{e}</p>
                        })}
                    </div>
                })}
                <div class="actions">
                    <button id="delete-confirm" type="submit" class="danger" disabled=move || sending.get() || !name_matches.get()>
                        {move || if sending.get() { "Deleting…" } else { "Delete permanently" }}
                    </button>
                    <button id="delete-cancel" type="button" class="secondary" on:click=move |_| cancel()>"Cancel"</button>
                </div>
            </form>
            </div>
        })}
        <MessageLine id="delete-status" message=message/>
    }
}
