//! CreateUser (system administrators): a new account. The user name is checked for
//! availability as the person leaves the field (UserExists); a native account's password is
//! checked live against the server's policy and can be generated; external accounts get no
//! password. On success the host opens the new user's page. At the top, "Like a colleague"
//! (components/onboarding): the colleague's groups, libraries and user type, previewed; the
//! read-only box follows the colleague's type until the person ticks it themselves.
//!
//! ids: `new-user-title`, `like-colleague` and `like-preview` (see components/onboarding),
//! `new-user-name` (its availability in `new-user-name-hint`), `new-user-first`,
//! `new-user-last`, `new-user-email`, `new-user-source` (select: `native`, `known:<name>`,
//! `other`), `new-user-source-other`, `new-user-password` (see NewPasswordField),
//! `new-user-read-only` (checkbox; `new-user-read-only-hint` while it follows the colleague),
//! `new-user-domain`, `new-user-save`, `new-user-status`.

use inforouter_protocol::account_admin::UserType;
use inforouter_protocol::attribute::{
    AUTHORITY, DOMAIN, FIRST_NAME, LAST_NAME, NEW_USER_EMAIL, NEW_USER_NAME,
};
use inforouter_protocol::lifecycle::{CreateUser as CreateUserOp, UserExists, exists_answer};
use inforouter_protocol::operations::Operation as _;
use inforouter_protocol::user::is_native_source;
use inforouter_protocol::{ApiError, User};
use leptos::prelude::*;

use crate::components::auth_source::{AuthChoice, AuthSourceSelect, Listed};
use crate::components::form::{
    Field, FieldProblem, FormCard, FormMessage, Input, InputField, SaveForm, Saved,
};
use crate::components::onboarding::{Like, LikeField, LikePreview};
use crate::components::password_field::{NewPasswordField, policy_error};
use crate::facts::{use_known_authorities, use_password_policy};
use crate::session::use_session;

/// Whether the typed user name is free: `None` until checked.
#[derive(Clone, PartialEq)]
enum Availability {
    Unchecked,
    Checking,
    Free(String),
    Taken(String),
    Unknown,
}

#[component]
pub fn CreateUserForm(like: Like) -> impl IntoView {
    let session = use_session();
    let user_name = Input::new("new-user-name", NEW_USER_NAME);
    let first = Input::new("new-user-first", FIRST_NAME);
    let last = Input::new("new-user-last", LAST_NAME);
    let email = Input::new("new-user-email", NEW_USER_EMAIL).labelled("Email address");
    let domain = Input::new("new-user-domain", DOMAIN).labelled("Domain or library (optional)");
    let password = Field::default();
    let read_only = Memo::new(move |_| like.new_type() == UserType::ReadOnly);
    let availability = RwSignal::new(Availability::Unchecked);
    let policy = use_password_policy();
    let authorities = use_known_authorities();
    let listed = Signal::derive(move || {
        authorities
            .get()
            .into_iter()
            .map(|name| Listed {
                value: format!("known:{name}"),
                source: name.clone(),
                label: name,
            })
            .collect()
    });
    let other =
        Input::new("new-user-source-other", AUTHORITY).labelled("Authority or Windows domain name");
    let source = AuthChoice::new(other, listed);
    let native = Memo::new(move |_| is_native_source(&source.source()));
    let password_error = Memo::new(move |_| {
        if !native.get() {
            return None;
        }
        policy.with(|p| {
            password.value.with(|pw| {
                policy_error(
                    p,
                    pw,
                    &user_name.field.value.get(),
                    &email.field.value.get(),
                )
            })
        })
    });

    // Checks the name when the person leaves the field; a later answer for an older name is
    // dropped (the name is compared when it lands).
    let check_name = move |_| {
        user_name.field.touched.set(true);
        let name = user_name.value().trim().to_string();
        if name.is_empty() || user_name.error.get_untracked().is_some() {
            availability.set(Availability::Unchecked);
            return;
        }
        availability.set(Availability::Checking);
        leptos::task::spawn_local_scoped_with_cancellation(async move {
            let answer = exists_answer(
                session
                    .call(&UserExists {
                        user_name: name.clone(),
                    })
                    .await,
            );
            if user_name.value().trim() != name {
                return;
            }
            availability.set(match answer {
                Ok(true) => {
                    user_name
                        .field
                        .server_error
                        .set(Some(format!("The user name {name} is already taken.")));
                    Availability::Taken(name)
                }
                Ok(false) => Availability::Free(name),
                Err(_) => Availability::Unknown,
            });
        });
    };

    // Nothing to edit yet: the form starts from an empty user and keeps what is typed.
    let form = SaveForm::build(Signal::stored(User::default()), CreateUserOp::NAME)
        .check("like-colleague", Signal::derive(move || like.blocking()))
        .input(user_name)
        .input(first)
        .input(last)
        .input(email)
        .input(source.other)
        .check("new-user-password", password_error)
        .input(domain)
        .changed(move |_| {
            let typed = [user_name, first, last, email, domain, source.other];
            typed
                .iter()
                .map(|i| i.field)
                .chain([password, like.field])
                .any(|f| f.value.with(|v| !v.trim().is_empty()))
        })
        .at_field(move |e| match e {
            ApiError::UsernameExists => Some(FieldProblem {
                id: user_name.id,
                field: user_name.field,
                message: format!(
                    "The user name {} is already taken.",
                    user_name.value().trim()
                ),
                summary: "Not created: choose another user name.".into(),
            }),
            // The server names what it refused (a policy rule, an unknown authority).
            ApiError::Server { message, .. }
                if message.to_ascii_lowercase().contains("password") =>
            {
                Some(FieldProblem {
                    id: "new-user-password",
                    field: password,
                    message: message.clone(),
                    summary: "Not created: the server refused the password.".into(),
                })
            }
            _ => None,
        })
        .send(move |session, _| {
            let native_account = native.get_untracked();
            let request = CreateUserOp {
                domain_name: domain.value().trim().to_string(),
                user_name: user_name.value().trim().to_string(),
                first_name: first.value().trim().to_string(),
                last_name: last.value().trim().to_string(),
                email: email.value().trim().to_string(),
                // External authorities check passwords themselves: none is sent.
                password: if native_account {
                    password.get_untracked()
                } else {
                    String::new()
                },
                read_only: read_only.get_untracked(),
                authentication_source: untrack(|| source.source()),
            };
            let name = request.user_name.clone();
            like.keep_sent();
            Box::pin(async move {
                let applied = session.create_user(request).await?;
                // The host opens the new user's page; what was typed stays until then.
                let said = FormMessage::ok(format!("{name} was created."));
                Ok(Saved::new(said, |_| {}).applied(applied).keep_fields())
            })
        });

    let name_hint = Signal::derive(move || {
        Some(match availability.get() {
            Availability::Unchecked => {
                "Letters, digits and . _ - @; checked when you leave the field.".to_string()
            }
            Availability::Checking => "Checking whether the name is free…".to_string(),
            Availability::Free(n) => format!("{n} is available."),
            Availability::Taken(n) => format!("{n} is taken."),
            Availability::Unknown => {
                "Could not check the name now; the server checks it when you create the user."
                    .to_string()
            }
        })
    });

    // Until the person ticks the box, it follows the colleague.
    let like_type_hint = move || {
        let found = like.found()?;
        like.type_choice.with(Option::is_none).then(|| {
            format!(
                "Follows {}'s account until you change it.",
                found.user.user_name
            )
        })
    };

    view! {
        <FormCard prefix="new-user" title="Account" form=form save_label="Create user">
            <LikeField like=like form=form/>
            <LikePreview like=like/>
            <div on:focusout=check_name>
                <InputField input=user_name form=form hint=name_hint required=true/>
            </div>
            <InputField input=first form=form required=true/>
            <InputField input=last form=form required=true/>
            <InputField input=email form=form kind="email" autocomplete="email"/>
            <AuthSourceSelect id="new-user-source" choice=source form=form
                hint="How this person signs in. The list offers the authorities your other users have."/>
            {move || if native.get() {
                view! {
                    <NewPasswordField id="new-user-password" label="Password" field=password policy=policy
                        user_name=Signal::derive(move || user_name.field.value.get())
                        email=Signal::derive(move || email.field.value.get())
                        submitted=form.submitted generator=true/>
                }.into_any()
            } else {
                view! {
                    <p class="muted" id="new-user-password-none">
                        "No password: this account signs in through its authority, which checks its password."
                    </p>
                }.into_any()
            }}
            <div class="check">
                <input id="new-user-read-only" type="checkbox" prop:checked=move || read_only.get()
                    aria-describedby=move || like_type_hint().map(|_| "new-user-read-only-hint")
                    on:change=move |ev| like.type_choice.set(Some(if event_target_checked(&ev) {
                        UserType::ReadOnly
                    } else {
                        UserType::Author
                    }))/>
                <label for="new-user-read-only">"Read-only user (cannot upload or edit documents)"</label>
                {move || like_type_hint().map(|h| view! { <p id="new-user-read-only-hint" class="hint">{h}</p> })}
            </div>
            <InputField input=domain form=form hint="The user becomes a member of it. Leave empty for none."/>
        </FormCard>
    }
}
