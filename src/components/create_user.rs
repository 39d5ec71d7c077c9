//! CreateUser (system administrators): a new account. The user name is checked for
//! availability as the person leaves the field (UserExists); a native account's password is
//! checked live against the server's policy and can be generated; external accounts get no
//! password. On success the host opens the new user's page.
//!
//! ids: `new-user-title`, `new-user-name` (its availability in `new-user-name-hint`),
//! `new-user-first`, `new-user-last`, `new-user-email`, `new-user-source` (select: `native`,
//! `known:<name>`, `other`), `new-user-source-other`, `new-user-password` (see
//! NewPasswordField), `new-user-read-only` (checkbox), `new-user-domain`, `new-user-save`,
//! `new-user-status`.

use inforouter_protocol::lifecycle::{CreateUser as CreateUserOp, UserExists, exists_answer};
use inforouter_protocol::operations::{GetAllUsers1, Operation as _};
use inforouter_protocol::user::is_native_source;
use inforouter_protocol::{ApiError, User, UserQuery, validate};
use leptos::prelude::*;

use crate::components::form::{
    EmailField, Field, FieldProblem, FormCard, FormMessage, SaveFailed, SaveForm, Saved, TextField,
};
use crate::components::password_field::{NewPasswordField, policy_error, use_password_policy};
use crate::session::use_session;

const NATIVE: &str = "native";
const OTHER: &str = "other";
const KNOWN: &str = "known:";

/// The authorities already seen on existing users (a first page of the list), for the select.
fn use_known_authorities() -> Signal<Vec<String>> {
    let session = use_session();
    let page = LocalResource::new(move || async move {
        let query = UserQuery {
            count: 200,
            ..UserQuery::default()
        };
        session.call(&GetAllUsers1 { query }).await
    });
    Signal::derive(move || {
        let mut names: Vec<String> = page
            .get()
            .and_then(Result::ok)
            .map(|p| {
                p.users
                    .into_iter()
                    .map(|u| u.authentication_authority.trim().to_string())
                    .filter(|a| !is_native_source(a))
                    .collect()
            })
            .unwrap_or_default();
        names.sort_by_key(|n| n.to_ascii_lowercase());
        names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        names
    })
}

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
pub fn CreateUserForm() -> impl IntoView {
    let session = use_session();
    let user_name = Field::default();
    let first = Field::default();
    let last = Field::default();
    let email = Field::default();
    let choice = RwSignal::new(NATIVE.to_string());
    let other = Field::default();
    let password = Field::default();
    let read_only = RwSignal::new(false);
    let domain = Field::default();
    let availability = RwSignal::new(Availability::Unchecked);
    let policy = use_password_policy();
    let authorities = use_known_authorities();

    let source = Memo::new(move |_| {
        let c = choice.get();
        match c.as_str() {
            NATIVE => NATIVE.to_string(),
            OTHER => other.value.with(|v| v.trim().to_string()),
            known => known.trim_start_matches(KNOWN).to_string(),
        }
    });
    let native = Memo::new(move |_| is_native_source(&source.get()));

    let user_name_error = user_name.checked(validate::user_name);
    let first_error = first.checked(|v| validate::person_name(v, "first name"));
    let last_error = last.checked(|v| validate::person_name(v, "last name"));
    let email_error = Memo::new(move |_| email.value.with(|v| validate::email(v, false).err()));
    let other_error = Memo::new(move |_| {
        (choice.get() == OTHER)
            .then(|| other.value.with(|v| validate::authority_name(v).err()))
            .flatten()
    });
    let password_error = Memo::new(move |_| {
        if !native.get() {
            return None;
        }
        policy.with(|p| {
            password
                .value
                .with(|pw| policy_error(p, pw, &user_name.value.get(), &email.value.get()))
        })
    });
    let domain_error = Memo::new(move |_| {
        domain
            .value
            .with(|v| validate::short_text(v, "The domain or library").err())
    });

    // Checks the name when the person leaves the field; a later answer for an older name is
    // dropped (the name is compared when it lands).
    let check_name = move |_| {
        user_name.touched.set(true);
        let name = user_name.get_untracked().trim().to_string();
        if name.is_empty() || user_name_error.get_untracked().is_some() {
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
            if user_name.get_untracked().trim() != name {
                return;
            }
            availability.set(match answer {
                Ok(true) => {
                    user_name
                        .server_error
                        .set(Some(format!("The user name {name} is already taken.")));
                    Availability::Taken(name)
                }
                Ok(false) => Availability::Free(name),
                Err(_) => Availability::Unknown,
            });
        });
    };

    let form = SaveForm::build(Signal::stored(User::default()), CreateUserOp::NAME)
        .changed(move |_| {
            [user_name, first, last, email, password, domain, other]
                .iter()
                .any(|f| f.value.with(|v| !v.trim().is_empty()))
        })
        .check("new-user-name", user_name_error)
        .check("new-user-first", first_error)
        .check("new-user-last", last_error)
        .check("new-user-email", email_error)
        .check("new-user-source-other", other_error)
        .check("new-user-password", password_error)
        .check("new-user-domain", domain_error)
        .required_at("UserName", "new-user-name", user_name)
        .required_at("FirstName", "new-user-first", first)
        .required_at("LastName", "new-user-last", last)
        .required_at("AuthenticationSource", "new-user-source-other", other)
        .at_field(move |e| match e {
            ApiError::UsernameExists => Some(FieldProblem {
                id: "new-user-name",
                field: user_name,
                message: format!(
                    "The user name {} is already taken.",
                    user_name.get_untracked().trim()
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
            let op = CreateUserOp {
                domain_name: domain.get_untracked().trim().to_string(),
                user_name: user_name.get_untracked().trim().to_string(),
                first_name: first.get_untracked().trim().to_string(),
                last_name: last.get_untracked().trim().to_string(),
                email: email.get_untracked().trim().to_string(),
                // External authorities check passwords themselves: none is sent.
                password: if native_account {
                    password.get_untracked()
                } else {
                    String::new()
                },
                read_only: read_only.get_untracked(),
                authentication_source: source.get_untracked(),
            };
            Box::pin(async move {
                session
                    .call(&op)
                    .await
                    .map_err(SaveFailed::call(CreateUserOp::NAME))?;
                let name = op.user_name.clone();
                Ok(
                    Saved::new(FormMessage::ok(format!("{name} was created.")), move |u| {
                        u.user_name = name.clone()
                    })
                    .keep_fields(),
                )
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

    view! {
        <FormCard prefix="new-user" title="Account" form=form save_label="Create user">
            <div on:focusout=check_name>
                <TextField id="new-user-name" label="User name" field=user_name error=user_name_error
                    submitted=form.submitted hint=name_hint autocomplete="off" required=true/>
            </div>
            <TextField id="new-user-first" label="First name" field=first error=first_error
                submitted=form.submitted autocomplete="off" required=true/>
            <TextField id="new-user-last" label="Last name" field=last error=last_error
                submitted=form.submitted autocomplete="off" required=true/>
            <EmailField id="new-user-email" label="Email address" field=email error=email_error submitted=form.submitted/>
            <div class="field">
                <label for="new-user-source">"Authentication source"</label>
                <select id="new-user-source" aria-describedby="new-user-source-hint"
                    on:change=move |ev| choice.set(event_target_value(&ev))>
                    <option value=NATIVE prop:selected=move || choice.get() == NATIVE>"native (infoRouter password)"</option>
                    {move || authorities.get().into_iter().map(|name| {
                        let value = format!("{KNOWN}{name}");
                        let selected = value.clone();
                        view! { <option value=value prop:selected=move || choice.get() == selected>{name}</option> }
                    }).collect_view()}
                    <option value=OTHER prop:selected=move || choice.get() == OTHER>"Another LDAP or OAuth authority, or a Windows domain…"</option>
                </select>
                <p id="new-user-source-hint" class="hint">"How this person signs in. The list offers the authorities your other users have."</p>
            </div>
            {move || (choice.get() == OTHER).then(|| view! {
                <TextField id="new-user-source-other" label="Authority or Windows domain name" field=other
                    error=other_error submitted=form.submitted hint="As configured on the infoRouter server, for example CORP-LDAP."
                    autocomplete="off" required=true/>
            })}
            {move || if native.get() {
                view! {
                    <NewPasswordField id="new-user-password" label="Password" field=password policy=policy
                        user_name=Signal::derive(move || user_name.value.get())
                        email=Signal::derive(move || email.value.get())
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
                    on:change=move |ev| read_only.set(event_target_checked(&ev))/>
                <label for="new-user-read-only">"Read-only user (cannot upload or edit documents)"</label>
            </div>
            <TextField id="new-user-domain" label="Domain or library (optional)" field=domain error=domain_error
                submitted=form.submitted hint="The user becomes a member of it. Leave empty for none." autocomplete="off"/>
        </FormCard>
    }
}
