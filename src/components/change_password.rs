//! Passwords. A person changes their own (native accounts): the current password is checked
//! first by signing in with it (that extra ticket is signed out again), so a stolen ticket
//! alone cannot change a password; then ChangeUserPassword. An administrator with the User
//! Manager role sets another native user's password. Accounts of an external authority get
//! no password controls, and a line saying why. Passwords never enter the address, storage or
//! logs: they live in the fields and the request body only.
//!
//! ids (own): `password-title`, `password-current`, `password-new` (see NewPasswordField),
//! `password-save`, `password-status`. ids (another user's): `set-password-title`,
//! `set-password-new`, `set-password-save`, `set-password-status`. External accounts:
//! `password-external`.

use inforouter_protocol::lifecycle::ChangeUserPassword;
use inforouter_protocol::operations::{AuthenticateUser, Operation as _};
use inforouter_protocol::password_policy::PasswordPolicy;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::form::{
    Field, FieldProblem, FormCard, FormMessage, OwnPasswordField, SaveFailed, SaveForm, Saved,
};
use crate::components::password_field::{NewPasswordField, policy_error};
use crate::facts::use_password_policy;

/// The line shown instead of password controls for an account of an external authority.
#[component]
fn ExternalPassword(#[prop(into)] user: Signal<User>, own: bool) -> impl IntoView {
    let text = move || {
        let u = user.get();
        let authority = u.authentication_authority.trim().to_string();
        if own {
            format!("You sign in through {authority}: your password is changed there, not here.")
        } else {
            format!(
                "{} signs in through {authority}: their password is managed there, not here.",
                u.user_name
            )
        }
    };
    view! {
        <section class="card" aria-labelledby="password-external-title">
            <h2 id="password-external-title">"Password"</h2>
            <p id="password-external" class="muted">{text}</p>
        </section>
    }
}

/// A refusal of the new password (the same as the old one, a policy rule), shown at `id`.
fn same_password_problem(id: &'static str, field: Field, e: &ApiError) -> Option<FieldProblem> {
    let ApiError::Server { message, .. } = e else {
        return None;
    };
    message
        .to_ascii_lowercase()
        .contains("password")
        .then(|| FieldProblem {
            id,
            field,
            message: message.clone(),
            summary: "Not changed: the server refused the new password.".into(),
        })
}

#[component]
pub fn ChangeOwnPassword(#[prop(into)] user: Signal<User>) -> impl IntoView {
    let native = Memo::new(move |_| user.with(User::is_native));
    move || {
        if native.get() {
            view! { <OwnPasswordForm user=user/> }.into_any()
        } else {
            view! { <ExternalPassword user=user own=true/> }.into_any()
        }
    }
}

#[component]
fn OwnPasswordForm(user: Signal<User>) -> impl IntoView {
    let current = Field::default();
    let new = Field::default();
    let policy = use_password_policy();
    let current_error = Memo::new(move |_| {
        current.value.with(|v| {
            v.is_empty()
                .then(|| "Enter your current password.".to_string())
        })
    });
    let new_error = Memo::new(move |_| {
        let (name, email) = user.with(|u| (u.user_name.clone(), u.email.clone()));
        policy.with(|p| new.value.with(|v| policy_error(p, v, &name, &email)))
    });
    let form = SaveForm::build(user, ChangeUserPassword::NAME)
        .fill(move |_| {
            current.reset(String::new());
            new.reset(String::new());
        })
        .changed(move |_| current.value.with(|v| !v.is_empty()) || new.value.with(|v| !v.is_empty()))
        .check("password-current", current_error)
        .check("password-new", new_error)
        .at_field(move |e| match e {
            ApiError::AuthenticationFailed => Some(FieldProblem {
                id: "password-current",
                field: current,
                message: "This is not your current password.".into(),
                summary: "Not changed: the current password is wrong.".into(),
            }),
            other => same_password_problem("password-new", new, other),
        })
        .send(move |session, saved| {
            let user_name = saved.user_name.clone();
            let current_password = current.get_untracked();
            let change = ChangeUserPassword {
                user_name: user_name.clone(),
                new_password: new.get_untracked(),
            };
            Box::pin(async move {
                // The current password, proven by a sign-in of its own; that ticket goes at once.
                session
                    .prove_password(user_name, current_password)
                    .await
                    .map_err(SaveFailed::call(AuthenticateUser::NAME))?;
                session.call(&change).await.map_err(SaveFailed::call(ChangeUserPassword::NAME))?;
                Ok(Saved::new(
                    FormMessage::ok(
                        "Password changed. You stay signed in here; use the new password the next time you sign in.",
                    ),
                    |_| {},
                ))
            })
        });
    view! {
        <FormCard prefix="password" title="Change password" form=form save_label="Change password">
            <OwnPasswordField id="password-current" label="Current password" field=current
                error=current_error submitted=form.submitted/>
            <NewPasswordField id="password-new" label="New password" field=new policy=policy
                user_name=Signal::derive(move || user.with(|u| u.user_name.clone()))
                email=Signal::derive(move || user.with(|u| u.email.clone()))
                submitted=form.submitted generator=true/>
        </FormCard>
    }
}

/// An administrator sets another user's password.
#[component]
pub fn SetUserPassword(
    #[prop(into)] user: Signal<User>,
    /// The server's policy (the page reads it once for all its sections).
    policy: Signal<PasswordPolicy>,
) -> impl IntoView {
    let native = Memo::new(move |_| user.with(User::is_native));
    move || {
        if native.get() {
            view! { <SetPasswordForm user=user policy=policy/> }.into_any()
        } else {
            view! { <ExternalPassword user=user own=false/> }.into_any()
        }
    }
}

#[component]
fn SetPasswordForm(user: Signal<User>, policy: Signal<PasswordPolicy>) -> impl IntoView {
    let new = Field::default();
    let new_error = Memo::new(move |_| {
        let (name, email) = user.with(|u| (u.user_name.clone(), u.email.clone()));
        policy.with(|p| new.value.with(|v| policy_error(p, v, &name, &email)))
    });
    let form = SaveForm::build(user, ChangeUserPassword::NAME)
        .fill(move |_| new.reset(String::new()))
        .changed(move |_| new.value.with(|v| !v.is_empty()))
        .check("set-password-new", new_error)
        .at_field(move |e| same_password_problem("set-password-new", new, e))
        .send(move |session, saved| {
            let op = ChangeUserPassword {
                user_name: saved.user_name.clone(),
                new_password: new.get_untracked(),
            };
            Box::pin(async move {
                session.call(&op).await.map_err(|e| match e {
                    // Plainly: this needs a role the signed-in administrator lacks.
                    ApiError::AccessDenied { .. } => SaveFailed::Refused(
                        "Not changed: setting another user's password needs the User Manager role, which your account does not have.".into(),
                    ),
                    other => SaveFailed::call(ChangeUserPassword::NAME)(other),
                })?;
                let who = op.user_name.clone();
                Ok(Saved::new(
                    FormMessage::ok(format!("Password set. {who} signs in with it from now on; tell them through a safe channel.")),
                    |_| {},
                ))
            })
        });
    view! {
        <FormCard prefix="set-password" title="Set a new password" form=form save_label="Set password">
            <p class="muted" id="set-password-role">"Needs the User Manager role. The user is not asked for their old password."</p>
            <NewPasswordField id="set-password-new" label="New password" field=new policy=policy
                user_name=Signal::derive(move || user.with(|u| u.user_name.clone()))
                email=Signal::derive(move || user.with(|u| u.email.clone()))
                submitted=form.submitted generator=true/>
        </FormCard>
    }
}
