//! One way to send a change. An edit form and a bulk row both describe what they change as a
//! typed [`Step`]; [`Session::apply`] sends it and is the one place that knows the server's
//! quirks around changes:
//! - preferences: the block is re-read just before and sent whole with only the step's
//!   changes applied (newer servers replace the whole block);
//! - contact info: a server without UpdateUserContactInfo gets UpdateUserEmail instead, when
//!   the email is what changes ([`Applied::EmailOnly`]);
//! - deleting: DeleteUser, or DeleteUser1 with the administrator's password once the server
//!   asked for it (`[2767]`, which the caller turns into a question);
//! - a retried create or delete that the server refuses because an earlier try did it (its
//!   answer lost) counts as done.

use inforouter_protocol::bulk::{Step, accounts};
use inforouter_protocol::lifecycle::{CreateUser, DeleteUser, DeleteUser1};
use inforouter_protocol::operations::{
    ChangeUserStatus, GetUser, Operation, UpdateUserContactInfo, UpdateUserEmail,
    UpdateUserPreferences, UpdateUserProfile,
};
use inforouter_protocol::{ApiError, User};

use crate::session::Session;

/// What a sent change did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    Updated,
    /// Only the email went out: the server has no UpdateUserContactInfo.
    EmailOnly,
    /// The user now has this name.
    Renamed(String),
    /// A user with this name exists now.
    Created(String),
    Deleted,
}

/// A change that was not made: the call that failed, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct NotApplied {
    pub error: ApiError,
    pub operation: &'static str,
    /// It failed reading the current preferences, before anything was sent.
    pub read_first: bool,
}

/// How a step goes out.
#[derive(Clone, Copy, Default)]
pub struct Sending<'a> {
    /// Deletes go with DeleteUser1 and this password (proven by the caller).
    pub admin_password: Option<&'a str>,
    /// The step was sent before and its answer lost: a refusal may mean it was done.
    pub retried: bool,
    /// The email the user has now, when known: a contact step that only changes the mobile
    /// is not replaced by UpdateUserEmail on a server that lacks UpdateUserContactInfo.
    pub current_email: Option<&'a str>,
}

impl Session {
    /// Sends `step` for the user now called `user_name`.
    pub async fn apply(
        &self,
        user_name: &str,
        step: &Step,
        how: Sending<'_>,
    ) -> Result<Applied, NotApplied> {
        match self.send_step(user_name, step, how).await {
            Err(failed) if how.retried && self.done_earlier(step, user_name, &failed).await => {
                Ok(applied(step, user_name))
            }
            other => other,
        }
    }

    async fn send_step(
        &self,
        user_name: &str,
        step: &Step,
        how: Sending<'_>,
    ) -> Result<Applied, NotApplied> {
        let user_name = user_name.to_string();
        match step.clone() {
            Step::Profile {
                new_user_name,
                first_name,
                last_name,
                authentication_source,
            } => {
                let op = UpdateUserProfile {
                    user_name,
                    new_user_name,
                    first_name,
                    last_name,
                    authentication_source,
                };
                self.sent(&op).await?;
                Ok(applied(step, &op.user_name))
            }
            Step::ContactInfo { email, mobile } => {
                let email_changed = how.current_email.is_none_or(|now| now != email);
                let op = UpdateUserContactInfo {
                    user_name: user_name.clone(),
                    email: email.clone(),
                    mobile,
                };
                match self.call(&op).await {
                    Ok(()) => Ok(Applied::Updated),
                    Err(e) if e.is_missing_operation() && email_changed => {
                        let new_email = email;
                        self.sent(&UpdateUserEmail {
                            user_name,
                            new_email,
                        })
                        .await?;
                        Ok(Applied::EmailOnly)
                    }
                    Err(error) => Err(failed::<UpdateUserContactInfo>(error)),
                }
            }
            Step::Email { new_email } => {
                self.sent(&UpdateUserEmail {
                    user_name,
                    new_email,
                })
                .await?;
                Ok(Applied::Updated)
            }
            Step::Preferences { changes } => {
                let fresh = self
                    .call(&GetUser {
                        user_name: user_name.clone(),
                    })
                    .await
                    .map_err(|error| NotApplied {
                        read_first: true,
                        ..failed::<GetUser>(error)
                    })?;
                let changes = fresh.preferences.apply(&changes);
                self.sent(&UpdateUserPreferences { user_name, changes })
                    .await?;
                Ok(Applied::Updated)
            }
            Step::Status { enabled } => {
                self.sent(&ChangeUserStatus { user_name, enabled }).await?;
                Ok(Applied::Updated)
            }
            Step::Create(request) => {
                self.call(&request).await.map_err(failed::<CreateUser>)?;
                Ok(Applied::Created(request.user_name))
            }
            Step::Delete => {
                match how.admin_password {
                    Some(password) => {
                        self.sent(&DeleteUser1 {
                            admin_password: password.to_string(),
                            user_name,
                        })
                        .await?
                    }
                    None => self.sent(&DeleteUser { user_name }).await?,
                }
                Ok(Applied::Deleted)
            }
        }
    }

    /// A call whose answer carries nothing to keep.
    async fn sent<O: Operation<Output = ()>>(&self, op: &O) -> Result<(), NotApplied> {
        self.call(op).await.map_err(failed::<O>)
    }

    /// Whether the refusal of a retried step means an earlier try did it (its answer lost):
    /// the user is gone, or the name exists as the very account this step creates (read
    /// again).
    async fn done_earlier(&self, step: &Step, user_name: &str, refusal: &NotApplied) -> bool {
        let now: Option<User> = match (step, &refusal.error) {
            (Step::Create(_), ApiError::UsernameExists | ApiError::Server { .. }) => self
                .call(&GetUser {
                    user_name: user_name.to_string(),
                })
                .await
                .ok(),
            _ => None,
        };
        accounts::done_earlier(step, &refusal.error, now.as_ref())
    }
}

fn failed<O: Operation>(error: ApiError) -> NotApplied {
    NotApplied {
        error,
        operation: O::NAME,
        read_first: false,
    }
}

/// What `step` did to the user called `user_name` when it succeeded.
fn applied(step: &Step, user_name: &str) -> Applied {
    match step {
        Step::Profile { new_user_name, .. } if new_user_name != user_name => {
            Applied::Renamed(new_user_name.clone())
        }
        Step::Create(request) => Applied::Created(request.user_name.clone()),
        Step::Delete => Applied::Deleted,
        _ => Applied::Updated,
    }
}
