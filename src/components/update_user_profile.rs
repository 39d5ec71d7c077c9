//! UpdateUserProfile (system administrators): user name (rename), first and last name, and
//! the authentication source. All five parameters are always sent; `UserName` is the current
//! name and `NewUserName` the new one (or the same).
//!
//! ids: `profile-title` (the heading), `profile-user-name`, `profile-first-name`,
//! `profile-last-name` (each with `-error` under it; a taken user name shows at
//! `profile-user-name-error`), `profile-source` (a select: `native`, `current`, `other`),
//! `profile-source-hint`, `profile-source-other` (the free-text authority, shown for `other`),
//! `profile-save`, `profile-status` (the message line).

use inforouter_protocol::operations::{Operation as _, UpdateUserProfile as UpdateUserProfileOp};
use inforouter_protocol::{ApiError, User, validate};
use leptos::prelude::*;

use crate::components::form::{
    Field, FieldProblem, FormCard, FormMessage, SaveFailed, SaveForm, Saved, TextField,
};

const NATIVE: &str = "native";
const CURRENT: &str = "current";
const OTHER: &str = "other";

/// What to send as AuthenticateSource for an unchanged source: the server's own spelling of a
/// native source (`native`, `Native`, the 7.5-era `INFOROUTER`), or `native` when it sent none.
fn current_source(user: &User) -> String {
    let raw = user.authentication_authority.trim();
    if raw.is_empty() {
        NATIVE.to_string()
    } else {
        raw.to_string()
    }
}

#[component]
pub fn UpdateUserProfile(
    /// The user being edited, as the server last answered (GetUser).
    #[prop(into)]
    user: Signal<User>,
) -> impl IntoView {
    let user_name = Field::default();
    let first_name = Field::default();
    let last_name = Field::default();
    let choice = RwSignal::new(NATIVE.to_string());
    let other = Field::default();

    // The AuthenticateSource the form would send, against the saved copy.
    let source = move |saved: &User| match choice.get().as_str() {
        NATIVE if saved.is_native() => current_source(saved),
        NATIVE => NATIVE.to_string(),
        CURRENT => current_source(saved),
        _ => other.value.with(|v| v.trim().to_string()),
    };
    let user_name_error = user_name.checked(validate::user_name);
    let first_error = first_name.checked(|v| validate::person_name(v, "first name"));
    let last_error = last_name.checked(|v| validate::person_name(v, "last name"));
    let other_error = Memo::new(move |_| {
        (choice.get() == OTHER)
            .then(|| other.value.with(|v| validate::authority_name(v).err()))
            .flatten()
    });

    let form = SaveForm::build(user, UpdateUserProfileOp::NAME)
        .fill(move |u| {
            user_name.reset(u.user_name.clone());
            first_name.reset(u.first_name.clone());
            last_name.reset(u.last_name.clone());
            choice.set(if u.is_native() { NATIVE } else { CURRENT }.to_string());
            other.reset(String::new());
        })
        .changed(move |saved| {
            user_name.value.with(|v| *v != saved.user_name)
                || first_name.value.with(|v| *v != saved.first_name)
                || last_name.value.with(|v| *v != saved.last_name)
                || source(saved) != current_source(saved)
        })
        .check("profile-user-name", user_name_error)
        .check("profile-first-name", first_error)
        .check("profile-last-name", last_error)
        .check("profile-source-other", other_error)
        .required_at("NewUserName", "profile-user-name", user_name)
        .required_at("NewFirstName", "profile-first-name", first_name)
        .required_at("NewLastName", "profile-last-name", last_name)
        .required_at("AuthenticateSource", "profile-source-other", other)
        .at_field(move |e| {
            matches!(e, ApiError::UsernameExists).then(|| FieldProblem {
                id: "profile-user-name",
                field: user_name,
                message: format!(
                    "The user name {} is already taken.",
                    user_name.get_untracked()
                ),
                summary: "Not saved: choose another user name.".into(),
            })
        })
        .send(move |session, saved| {
            let op = UpdateUserProfileOp {
                user_name: saved.user_name.clone(),
                new_user_name: user_name.get_untracked(),
                first_name: first_name.get_untracked().trim().to_string(),
                last_name: last_name.get_untracked().trim().to_string(),
                authentication_source: untrack(|| source(saved)),
            };
            Box::pin(async move {
                session
                    .call(&op)
                    .await
                    .map_err(SaveFailed::call(UpdateUserProfileOp::NAME))?;
                let renamed = op.new_user_name != op.user_name;
                let said = if renamed {
                    format!(
                        "Profile saved. The user is now called {}.",
                        op.new_user_name
                    )
                } else {
                    "Profile saved.".to_string()
                };
                let new_name = op.new_user_name.clone();
                let saved = Saved::new(FormMessage::ok(said), move |u| {
                    u.user_name = op.new_user_name.clone();
                    u.first_name = op.first_name.clone();
                    u.last_name = op.last_name.clone();
                    u.authentication_authority = op.authentication_source.clone();
                });
                Ok(if renamed {
                    saved.renamed_to(new_name)
                } else {
                    saved
                })
            })
        });

    let current_option = move || {
        form.saved
            .with(|b| (!b.is_native()).then(|| current_source(b)))
            .map(|name| {
                view! {
                    <option value=CURRENT prop:selected=move || choice.get() == CURRENT>
                        {format!("{name} (current)")}
                    </option>
                }
            })
    };

    view! {
        <FormCard prefix="profile" title="Profile" form=form save_label="Save profile">
                <TextField
                    id="profile-user-name"
                    label="User name"
                    field=user_name
                    error=user_name_error
                    submitted=form.submitted
                    hint="Changing it renames the account; the person then signs in with the new name."
                    autocomplete="off"
                    required=true
                />
                <TextField
                    id="profile-first-name"
                    label="First name"
                    field=first_name
                    error=first_error
                    submitted=form.submitted
                    autocomplete="off"
                    required=true
                />
                <TextField
                    id="profile-last-name"
                    label="Last name"
                    field=last_name
                    error=last_error
                    submitted=form.submitted
                    autocomplete="off"
                    required=true
                />
                <div class="field">
                    <label for="profile-source">"Authentication source"</label>
                    <select
                        id="profile-source"
                        aria-describedby="profile-source-hint"
                        on:change=move |ev| choice.set(event_target_value(&ev))
                    >
                        <option value=NATIVE prop:selected=move || choice.get() == NATIVE>
                            "native (infoRouter password)"
                        </option>
                        {current_option}
                        <option value=OTHER prop:selected=move || choice.get() == OTHER>
                            "Another LDAP or OAuth authority, or a Windows domain…"
                        </option>
                    </select>
                    <p id="profile-source-hint" class="hint">
                        "How this person signs in: with an infoRouter password, or through a directory."
                    </p>
                </div>
                {move || (choice.get() == OTHER).then(|| view! {
                    <TextField
                        id="profile-source-other"
                        label="Authority or Windows domain name"
                        field=other
                        error=other_error
                        submitted=form.submitted
                        hint="As configured on the infoRouter server, for example CORP-LDAP."
                        autocomplete="off"
                        required=true
                    />
                })}
        </FormCard>
    }
}
