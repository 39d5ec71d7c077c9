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

use inforouter_protocol::lifecycle::DeleteUser as DeleteUserOp;
use inforouter_protocol::operations::{AuthenticateUser, Operation as _};
use inforouter_protocol::password_policy::PasswordPolicy;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::confirm_panel::ConfirmPanel;
use crate::components::form::{
    Field, FieldProblem, FormMessage, MessageLine, OwnPasswordField, SaveFailed, SaveForm, Saved,
    TextField,
};
use crate::session::use_session;

#[component]
pub fn DeleteUserSection(
    #[prop(into)] user: Signal<User>,
    /// The server's policy (the page reads it once for all its sections).
    policy: Signal<PasswordPolicy>,
) -> impl IntoView {
    let session = use_session();
    let is_self = Memo::new(move |_| user.with(|u| session.is_me(&u.user_name)));
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
            let admin_password = needs_password
                .get_untracked()
                .then(|| password.get_untracked());
            Box::pin(async move {
                if let Some(admin_password) = &admin_password {
                    // Proven by a sign-in of its own first: DeleteUser1 does not check it while
                    // the policy is off, and a newer server calls a wrong one "access denied".
                    let me = session.my_name().unwrap_or_default();
                    session
                        .prove_password(me, admin_password.clone())
                        .await
                        .map_err(SaveFailed::call(AuthenticateUser::NAME))?;
                }
                let deleted = session
                    .delete_user(user_name.clone(), admin_password.as_deref())
                    .await;
                match deleted {
                    Err(failed) if failed.error.is_password_reprompt() => {
                        asked_for_password.set(true);
                        Err(SaveFailed::Refused(
                            "Not deleted: this server asks for your own password to delete users. Enter it and confirm again.".into(),
                        ))
                    }
                    Err(failed) => Err(failed.into()),
                    // The host hears of it (SaveHost) and says the user is gone.
                    Ok(applied) => Ok(Saved::new(
                        FormMessage::ok(format!("{user_name} was deleted.")),
                        |_| {},
                    )
                    .applied(applied)),
                }
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
    view! {
        <p>"Deleting is permanent. Transfer the user's documents and tasks first."</p>
        <div class="actions">
            <button id="delete-open" type="button" class="danger"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls="delete-panel"
                on:click=move |_| { message.set(None); open.set(true); }>
                "Delete user…"
            </button>
        </div>
        {move || open.get().then(|| {
            let name_label = format!("Type {} to confirm", user.with_untracked(|u| u.user_name.clone()));
            view! {
            <ConfirmPanel id="delete-panel" labelled_by="delete-question" focus="delete-confirm-name"
                return_focus="delete-open" on_cancel=move |_| open.set(false)>
            <form class="form" novalidate on:submit=form.on_submit()>
                <p id="delete-question"><strong>{move || format!("Delete {} permanently?", who())}</strong></p>
                <TextField id="delete-confirm-name" field=typed error=name_error submitted=submitted
                    label=name_label autocomplete="off"/>
                {move || needs_password.get().then(|| view! {
                    <OwnPasswordField id="delete-admin-password" field=password error=password_error submitted=submitted
                        hint="This server asks administrators for their password before deleting a user."/>
                })}
                <div class="actions">
                    <button id="delete-confirm" type="submit" class="danger" disabled=move || sending.get() || !name_matches.get()>
                        {move || if sending.get() { "Deleting…" } else { "Delete permanently" }}
                    </button>
                    <button id="delete-cancel" type="button" class="secondary" on:click=move |_| open.set(false)>"Cancel"</button>
                </div>
            </form>
            </ConfirmPanel>
        }})}
        <MessageLine id="delete-status" message=message/>
    }
}
