//! Facts about the server and the signed-in person that several screens need: the password
//! policy, the authorities seen on users, and whether a user is the signed-in person. Each is
//! read at most once per person signed in and kept; a failed read is not kept, so the next
//! screen that asks tries again.

use std::future::Future;

use inforouter_protocol::Operation as _;
use inforouter_protocol::lifecycle::GetAuthenticationAndPasswordPolicy;
use inforouter_protocol::password_policy::PasswordPolicy;
use inforouter_protocol::user::is_native_source;
use inforouter_protocol::{ApiError, UserQuery};
use leptos::prelude::*;

use crate::session::{Session, use_session};

/// One fact, and whose it is.
type Cell<T> = StoredValue<Option<(String, T)>, LocalStorage>;

#[derive(Clone, Copy)]
pub struct Facts {
    policy: Cell<PasswordPolicy>,
    authorities: Cell<Vec<String>>,
}

impl Facts {
    pub fn new() -> Facts {
        Facts {
            policy: StoredValue::new_local(None),
            authorities: StoredValue::new_local(None),
        }
    }
}

impl Default for Facts {
    fn default() -> Facts {
        Facts::new()
    }
}

/// The fact kept in `cell` for `person`, or `read` (kept when it answers).
async fn once<T: Clone + 'static>(
    cell: Cell<T>,
    person: String,
    read: impl Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    let kept = cell.with_value(|c| match c {
        Some((who, fact)) if *who == person => Some(fact.clone()),
        _ => None,
    });
    if let Some(fact) = kept {
        return Ok(fact);
    }
    let fact = read.await?;
    cell.set_value(Some((person, fact.clone())));
    Ok(fact)
}

impl Session {
    /// The server's password policy (GetAuthenticationAndPasswordPolicy). An older server
    /// without that call publishes no rules: the lenient default stands, and the server's own
    /// refusal of a password is what the person sees.
    pub async fn password_policy(&self) -> Result<PasswordPolicy, ApiError> {
        let read = async {
            // Found missing earlier in this tab (the sign-in page asks): not asked again.
            if crate::transport::lacks(GetAuthenticationAndPasswordPolicy::NAME) {
                return Ok(PasswordPolicy::default());
            }
            match self.call(&GetAuthenticationAndPasswordPolicy).await {
                Err(error) if error.is_missing_operation() => Ok(PasswordPolicy::default()),
                other => other,
            }
        };
        once(self.facts.policy, self.my_name().unwrap_or_default(), read).await
    }

    /// The authorities (LDAP/OAuth, Windows domains) seen on the first page of users, sorted.
    pub async fn known_authorities(&self) -> Result<Vec<String>, ApiError> {
        let read = async {
            let query = UserQuery {
                count: 200,
                ..UserQuery::default()
            };
            let page = self.users_page(query).await?;
            let mut names: Vec<String> = page
                .users
                .into_iter()
                .map(|u| u.authentication_authority.trim().to_string())
                .filter(|a| !is_native_source(a))
                .collect();
            names.sort_by_key(|n| n.to_ascii_lowercase());
            names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
            Ok(names)
        };
        once(
            self.facts.authorities,
            self.my_name().unwrap_or_default(),
            read,
        )
        .await
    }

    /// Whether `user_name` is the signed-in person (read reactively).
    pub fn is_me(&self, user_name: &str) -> bool {
        self.me.with(|m| {
            m.as_ref()
                .is_some_and(|m| m.user_name.eq_ignore_ascii_case(user_name))
        })
    }
}

/// The password policy for a view; the lenient default until (or unless) it answers, and the
/// server's own answer always decides.
pub fn use_password_policy() -> Signal<PasswordPolicy> {
    let session = use_session();
    let answer = LocalResource::new(move || async move { session.password_policy().await });
    Signal::derive(move || answer.get().and_then(Result::ok).unwrap_or_default())
}

/// The authorities seen on users, for a view (empty until they are read).
pub fn use_known_authorities() -> Signal<Vec<String>> {
    let session = use_session();
    let answer = LocalResource::new(move || async move { session.known_authorities().await });
    Signal::derive(move || answer.get().and_then(Result::ok).unwrap_or_default())
}
