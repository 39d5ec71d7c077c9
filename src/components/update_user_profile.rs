//! UpdateUserProfile (system administrators): user name (rename), first and last name, and
//! the authentication source. All five parameters are always sent; `UserName` is the current
//! name and `NewUserName` the new one (or the same).
//!
//! ids: `profile-title` (the heading), `profile-user-name`, `profile-first-name`,
//! `profile-last-name` (each with `-error` under it; a taken user name shows at
//! `profile-user-name-error`), `profile-source` (a select: `native`, `current`, `other`),
//! `profile-source-hint`, `profile-source-other` (the free-text authority, shown for `other`),
//! `profile-save`, `profile-status` (the message line).

use inforouter_protocol::attribute::{AUTHORITY, FIRST_NAME, LAST_NAME, USER_NAME};
use inforouter_protocol::operations::{Operation as _, UpdateUserProfile as UpdateUserProfileOp};
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::auth_source::{AuthChoice, AuthSourceSelect, Listed, NATIVE};
use crate::components::form::{
    FieldProblem, FormCard, FormMessage, Input, InputField, SaveForm, Saved,
};
use crate::send::Applied;

const CURRENT: &str = "current";

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

fn current_listing(user: &User) -> Vec<Listed> {
    (!user.is_native())
        .then(|| Listed {
            value: CURRENT.into(),
            source: current_source(user),
            label: format!("{} (current)", current_source(user)),
        })
        .into_iter()
        .collect()
}

#[component]
pub fn UpdateUserProfile(
    /// The user being edited, as the server last answered (GetUser).
    #[prop(into)]
    user: Signal<User>,
) -> impl IntoView {
    let user_name = Input::new("profile-user-name", USER_NAME);
    let first_name = Input::new("profile-first-name", FIRST_NAME);
    let last_name = Input::new("profile-last-name", LAST_NAME);
    // An external user's current authority is listed as `current`.
    let listed = RwSignal::new(Vec::new());
    let other =
        Input::new("profile-source-other", AUTHORITY).labelled("Authority or Windows domain name");
    let source = AuthChoice::new(other, listed.into());
    // The AuthenticateSource the form would send, against the saved copy.
    let to_send = move |saved: &User| {
        if source.is_native() && saved.is_native() {
            current_source(saved)
        } else {
            source.source()
        }
    };

    let form = SaveForm::build(user, UpdateUserProfileOp::NAME)
        .input(user_name)
        .input(first_name)
        .input(last_name)
        .input(source.other)
        .fill(move |u| {
            listed.set(current_listing(u));
            source.reset(if u.is_native() { NATIVE } else { CURRENT });
        })
        .changed(move |saved| {
            [user_name, first_name, last_name]
                .iter()
                .any(|i| i.differs(saved))
                || to_send(saved) != current_source(saved)
        })
        .at_field(move |e| {
            matches!(e, ApiError::UsernameExists).then(|| FieldProblem {
                id: user_name.id,
                field: user_name.field,
                message: format!("The user name {} is already taken.", user_name.value()),
                summary: "Not saved: choose another user name.".into(),
            })
        })
        .send(move |session, saved| {
            let profile = UpdateUserProfileOp {
                user_name: saved.user_name.clone(),
                new_user_name: user_name.value(),
                first_name: first_name.value().trim().to_string(),
                last_name: last_name.value().trim().to_string(),
                authentication_source: untrack(|| to_send(saved)),
            };
            Box::pin(async move {
                let applied = session.update_profile(&profile).await?;
                let said = match &applied {
                    Applied::Renamed(name) => {
                        format!("Profile saved. The user is now called {name}.")
                    }
                    _ => "Profile saved.".to_string(),
                };
                Ok(Saved::new(FormMessage::ok(said), move |u| {
                    u.user_name = profile.new_user_name.clone();
                    u.first_name = profile.first_name.clone();
                    u.last_name = profile.last_name.clone();
                    u.authentication_authority = profile.authentication_source.clone();
                })
                .applied(applied))
            })
        });

    view! {
        <FormCard prefix="profile" title="Profile" form=form save_label="Save profile">
            <InputField input=user_name form=form required=true
                hint="Changing it renames the account; the person then signs in with the new name."/>
            <InputField input=first_name form=form required=true/>
            <InputField input=last_name form=form required=true/>
            <AuthSourceSelect id="profile-source" choice=source form=form
                hint="How this person signs in: with an infoRouter password, or through a directory."/>
        </FormCard>
    }
}
