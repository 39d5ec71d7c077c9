//! UpdateUserProfile (system administrators): user name (rename), first and last name, and
//! the authentication source. All five parameters are always sent; `UserName` is the current
//! name and `NewUserName` the new one (or the same).
//!
//! ids: `profile-title` (the heading), `profile-user-name`, `profile-first-name`,
//! `profile-last-name` (each with `-error` under it; a taken user name shows at
//! `profile-user-name-error`), `profile-source` (a select: `native`, `current`, `other`),
//! `profile-source-hint`, `profile-source-other` (the free-text authority, shown for `other`),
//! `profile-save`, `profile-status` (the status line).

use inforouter_protocol::operations::{Operation as _, UpdateUserProfile as UpdateUserProfileOp};
use inforouter_protocol::user::is_native_source;
use inforouter_protocol::{ApiError, User, validate};
use leptos::prelude::*;

use crate::components::form::{
    Field, SaveButton, Status, StatusLine, TextField, check_fields, empty_required_at_field,
    focus_id, follow_user, use_unsaved_guard,
};
use crate::session::use_session;

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
    /// The user being edited, current values from the server (GetUser). The form fills from it
    /// and re-fills when it changes (after a save the host reloads it).
    #[prop(into)]
    user: Signal<User>,
    /// Called after a successful save with the user's (possibly new) user name; the host reloads.
    #[prop(into)]
    on_saved: Callback<String>,
) -> impl IntoView {
    let session = use_session();
    let initial = user.get_untracked();
    let base = RwSignal::new(initial.clone());
    let user_name = Field::new(initial.user_name.clone());
    let first_name = Field::new(initial.first_name.clone());
    let last_name = Field::new(initial.last_name.clone());
    let choice = RwSignal::new(if initial.is_native() { NATIVE } else { CURRENT }.to_string());
    let other = Field::new(String::new());
    let submitted = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let status = RwSignal::new(None::<Status>);

    let fill = move |u: &User| {
        user_name.reset(u.user_name.clone());
        first_name.reset(u.first_name.clone());
        last_name.reset(u.last_name.clone());
        choice.set(if u.is_native() { NATIVE } else { CURRENT }.to_string());
        other.reset(String::new());
        submitted.set(false);
    };

    // The AuthenticateSource the form would send now.
    let source = Memo::new(move |_| {
        base.with(|b| match choice.get().as_str() {
            NATIVE if b.is_native() => current_source(b),
            NATIVE => NATIVE.to_string(),
            CURRENT => current_source(b),
            _ => other.value.with(|v| v.trim().to_string()),
        })
    });
    let dirty = Memo::new(move |_| {
        base.with(|b| {
            user_name.value.with(|v| *v != b.user_name)
                || first_name.value.with(|v| *v != b.first_name)
                || last_name.value.with(|v| *v != b.last_name)
                || source.with(|s| *s != current_source(b))
        })
    });
    let user_name_error =
        Memo::new(move |_| user_name.value.with(|v| validate::user_name(v).err()));
    let first_error = Memo::new(move |_| {
        first_name
            .value
            .with(|v| validate::person_name(v, "first name").err())
    });
    let last_error = Memo::new(move |_| {
        last_name
            .value
            .with(|v| validate::person_name(v, "last name").err())
    });
    let other_error = Memo::new(move |_| {
        if choice.get() != OTHER {
            return None;
        }
        other.value.with(|v| {
            if v.trim().is_empty() {
                Some(
                    "Enter the name of the LDAP or OAuth authority, or of the Windows domain."
                        .into(),
                )
            } else if is_native_source(v) {
                Some("For infoRouter passwords, choose “native” in the list above.".into())
            } else {
                validate::short_text(v, "The authority name").err()
            }
        })
    });
    use_unsaved_guard(dirty.into());

    follow_user(user, base, dirty, fill);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || !dirty.get_untracked() {
            return;
        }
        submitted.set(true);
        let checks = [
            ("profile-user-name", user_name_error.get_untracked()),
            ("profile-first-name", first_error.get_untracked()),
            ("profile-last-name", last_error.get_untracked()),
            ("profile-source-other", other_error.get_untracked()),
        ];
        if !check_fields(&checks, status) {
            return;
        }
        let op = UpdateUserProfileOp {
            user_name: base.with_untracked(|b| b.user_name.clone()),
            new_user_name: user_name.get_untracked(),
            first_name: first_name.get_untracked().trim().to_string(),
            last_name: last_name.get_untracked().trim().to_string(),
            authentication_source: source.get_untracked(),
        };
        let renamed = op.new_user_name != op.user_name;
        sending.set(true);
        status.set(None);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let result = session.call(&op).await;
            sending.set(false);
            match result {
                Ok(()) => {
                    let Some(mut saved) = base.try_get_untracked() else {
                        return; // the form is gone
                    };
                    saved.user_name = op.new_user_name.clone();
                    saved.first_name = op.first_name.clone();
                    saved.last_name = op.last_name.clone();
                    saved.authentication_authority = op.authentication_source.clone();
                    fill(&saved);
                    base.set(saved);
                    status.set(Some(Status::ok(if renamed {
                        format!(
                            "Profile saved. The user is now called {}.",
                            op.new_user_name
                        )
                    } else {
                        "Profile saved.".to_string()
                    })));
                    on_saved.run(op.new_user_name);
                }
                Err(ApiError::UsernameExists) => {
                    user_name.server_error.set(Some(format!(
                        "The user name {} is already taken.",
                        op.new_user_name
                    )));
                    status.set(Some(Status::error("Not saved: choose another user name.")));
                    focus_id("profile-user-name");
                }
                Err(e) => {
                    // A value the server requires was empty: say so at its field.
                    let fields = [
                        ("NewUserName", "profile-user-name", user_name),
                        ("NewFirstName", "profile-first-name", first_name),
                        ("NewLastName", "profile-last-name", last_name),
                        ("AuthenticateSource", "profile-source-other", other),
                    ];
                    if !empty_required_at_field(&e, &fields, status) {
                        status.set(Some(Status::failed(&e, UpdateUserProfileOp::NAME)));
                    }
                }
            }
        });
    };

    let current_option = move || {
        base.with(|b| (!b.is_native()).then(|| current_source(b)))
            .map(|name| {
                view! {
                    <option value=CURRENT prop:selected=move || choice.get() == CURRENT>
                        {format!("{name} (current)")}
                    </option>
                }
            })
    };

    view! {
        <section class="card" aria-labelledby="profile-title">
            <h2 id="profile-title">"Profile"</h2>
            <form class="form" novalidate on:submit=submit>
                <TextField
                    id="profile-user-name"
                    label="User name"
                    field=user_name
                    error=user_name_error
                    submitted=submitted
                    hint="Changing it renames the account; the person then signs in with the new name."
                    autocomplete="off"
                    required=true
                />
                <TextField
                    id="profile-first-name"
                    label="First name"
                    field=first_name
                    error=first_error
                    submitted=submitted
                    autocomplete="off"
                    required=true
                />
                <TextField
                    id="profile-last-name"
                    label="Last name"
                    field=last_name
                    error=last_error
                    submitted=submitted
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
                        submitted=submitted
                        hint="As configured on the infoRouter server, for example CORP-LDAP."
                        autocomplete="off"
                        required=true
                    />
                })}
                <SaveButton id="profile-save" dirty=dirty sending=sending label="Save profile"/>
                <StatusLine id="profile-status" status=status/>
            </form>
        </section>
    }
}
