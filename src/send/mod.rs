//! One way to send a change, and the one place that knows the server's quirks around changes:
//! - preferences: the block is re-read just before and sent whole with only the changes
//!   applied (newer servers replace the whole block);
//! - contact info: a server without UpdateUserContactInfo gets UpdateUserEmail instead, when
//!   the email is what changes ([`Applied::EmailOnly`]);
//! - deleting: DeleteUser, or DeleteUser1 with the administrator's password once the server
//!   asked for it (`[2767]`, which the caller turns into a question); a server that asks but
//!   lacks DeleteUser1 cannot delete here, which is said plainly;
//! - CreateUser's taken name (4000, also for an unknown source) confirmed with UserExists;
//! - a retried create, delete or rename that the server refuses because an earlier try did it
//!   (its answer lost) counts as done.
//!
//! A bulk row hands each typed [`Step`] to [`Session::apply`]; an edit form calls the one
//! change it makes, so an entry links only the changes it offers.

use inforouter_protocol::bulk::{Step, accounts};
use inforouter_protocol::lifecycle::{
    CreateUser, DeleteUser, DeleteUser1, UserExists, exists_answer,
};
use inforouter_protocol::operations::{
    ChangeUserStatus, GetUser, Operation, UpdateUserContactInfo, UpdateUserEmail,
    UpdateUserPreferences, UpdateUserProfile,
};
use inforouter_protocol::{ApiError, Preferences, User};

use crate::session::Session;
use crate::transport;

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
    /// A transfer of work was sent (or found done); the server's warning names what stayed.
    HandedOn {
        warnings: Option<String>,
    },
}

/// A change that was not made: the call that failed, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct NotApplied {
    pub error: ApiError,
    pub operation: &'static str,
    /// It failed reading the current preferences, before anything was sent.
    pub read_first: bool,
}

type Sent = Result<Applied, NotApplied>;

impl Session {
    /// Sends a bulk row's `step` for the user now called `user_name`. `retried`: the step was
    /// sent before and its answer lost, so a refusal may mean it was done.
    pub async fn apply(
        &self,
        user_name: &str,
        step: &Step,
        admin_password: Option<&str>,
        retried: bool,
    ) -> Sent {
        let user_name = user_name.to_string();
        let sent = match step.clone() {
            Step::Profile {
                new_user_name,
                first_name,
                last_name,
                authentication_source,
            } => {
                let profile = UpdateUserProfile {
                    user_name: user_name.clone(),
                    new_user_name,
                    first_name,
                    last_name,
                    authentication_source,
                };
                self.update_profile(&profile).await
            }
            Step::ContactInfo { email, mobile } => {
                let contact = UpdateUserContactInfo {
                    user_name: user_name.clone(),
                    email,
                    mobile,
                };
                self.update_contact(contact, None).await
            }
            Step::Email { new_email } => {
                let name = user_name.clone();
                self.update_email(name, new_email).await
            }
            Step::Preferences { changes } => {
                self.update_preferences(user_name.clone(), changes).await
            }
            Step::Status { enabled } => self.change_status(user_name.clone(), enabled).await,
            Step::Create(request) => self.create_user(request).await,
            Step::Delete => self.delete_user(user_name.clone(), admin_password).await,
            Step::Group { group, add } => self.change_group(&user_name, &group, add).await,
            Step::Library { library, add } => self.change_library(&user_name, &library, add).await,
            Step::UserType(user_type) => self.change_user_type(user_name.clone(), user_type).await,
            // A retry may follow a lost answer: the server's counts decide (src/send/handover.rs).
            Step::Transfer { kind, successor } => {
                let lost = retried.then_some(None);
                match self.hand_over(kind, &user_name, &successor, lost).await? {
                    Handed::Sent(t) => Ok(Applied::HandedOn {
                        warnings: t.warnings,
                    }),
                    Handed::FoundDone => Ok(Applied::HandedOn { warnings: None }),
                }
            }
        };
        match sent {
            Err(failed) if retried && self.done_earlier(step, &user_name, &failed).await => {
                Ok(done(step))
            }
            other => other,
        }
    }

    pub async fn update_profile(&self, profile: &UpdateUserProfile) -> Sent {
        self.sent(profile).await?;
        Ok(if profile.new_user_name == profile.user_name {
            Applied::Updated
        } else {
            Applied::Renamed(profile.new_user_name.clone())
        })
    }

    /// `current_email`, when known, keeps a change of the mobile alone from becoming an
    /// UpdateUserEmail on a server that lacks UpdateUserContactInfo.
    pub async fn update_contact(
        &self,
        contact: UpdateUserContactInfo,
        current_email: Option<&str>,
    ) -> Sent {
        match self.call(&contact).await {
            Ok(()) => Ok(Applied::Updated),
            Err(e) if e.is_missing_operation() && current_email != Some(&contact.email) => {
                self.update_email(contact.user_name, contact.email).await?;
                Ok(Applied::EmailOnly)
            }
            Err(error) => Err(failed::<UpdateUserContactInfo>(error)),
        }
    }

    pub async fn update_email(&self, user_name: String, new_email: String) -> Sent {
        self.sent(&UpdateUserEmail {
            user_name,
            new_email,
        })
        .await?;
        Ok(Applied::Updated)
    }

    /// Sends `changes` merged into the preferences as they are now.
    pub async fn update_preferences(&self, user_name: String, changes: Preferences) -> Sent {
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

    pub async fn change_status(&self, user_name: String, enabled: bool) -> Sent {
        self.sent(&ChangeUserStatus { user_name, enabled }).await?;
        Ok(Applied::Updated)
    }

    pub async fn create_user(&self, request: CreateUser) -> Sent {
        match self.call(&request).await {
            Ok(_) => Ok(Applied::Created(request.user_name)),
            // A taken name is 4000 here, as an unknown source is; in another language only
            // UserExists tells them apart.
            Err(
                error @ ApiError::Server {
                    code: Some(4000), ..
                },
            ) => {
                let exists = UserExists {
                    user_name: request.user_name.clone(),
                };
                let taken = exists_answer(self.call(&exists).await) == Ok(true);
                Err(failed::<CreateUser>(if taken {
                    ApiError::UsernameExists
                } else {
                    error
                }))
            }
            Err(error) => Err(failed::<CreateUser>(error)),
        }
    }

    /// With the administrator's password (proven by the caller) once the server asks for it.
    pub async fn delete_user(&self, user_name: String, admin_password: Option<&str>) -> Sent {
        match admin_password {
            Some(password) => {
                let admin_password = password.to_string();
                self.sent(&DeleteUser1 {
                    admin_password,
                    user_name,
                })
                .await
                .map_err(|refusal| no_reprompt_call(refusal, true))?
            }
            None => self
                .sent(&DeleteUser { user_name })
                .await
                .map_err(|refusal| no_reprompt_call(refusal, false))?,
        }
        Ok(Applied::Deleted)
    }

    /// A call whose answer carries nothing to keep.
    async fn sent<O: Operation<Output = ()>>(&self, op: &O) -> Result<(), NotApplied> {
        self.call(op).await.map_err(failed::<O>)
    }

    /// Whether the refusal of a retried step means an earlier try did it (its answer lost):
    /// the user is gone, the name exists as the very account this step creates, or the old
    /// name is gone and the new one is this row's rename (read again).
    async fn done_earlier(&self, step: &Step, user_name: &str, refusal: &NotApplied) -> bool {
        let read_again = match (step, &refusal.error) {
            (Step::Create(_), ApiError::UsernameExists | ApiError::Server { .. }) => user_name,
            (Step::Profile { new_user_name, .. }, ApiError::UserNotFound)
                if new_user_name != user_name =>
            {
                new_user_name
            }
            _ => "",
        };
        let now: Option<User> = match read_again {
            "" => None,
            name => self
                .call(&GetUser {
                    user_name: name.to_string(),
                })
                .await
                .ok(),
        };
        accounts::done_earlier(step, &refusal.error, now.as_ref())
    }
}

/// An older server may ask for the password again (`[2767]`) yet lack DeleteUser1, the only
/// call that takes it: deleting is then impossible here, and said so; once DeleteUser1 is
/// known missing, at the `[2767]` itself instead of asking for a password in vain.
fn no_reprompt_call(refusal: NotApplied, sent_delete_user1: bool) -> NotApplied {
    let lacking = if sent_delete_user1 {
        refusal.error.is_missing_operation()
    } else {
        refusal.error.is_password_reprompt() && transport::lacks(DeleteUser1::NAME)
    };
    if !lacking {
        return refusal;
    }
    NotApplied {
        error: ApiError::Unsupported {
            message: "This server asks for the administrator's password again before deleting \
                      a user, but it has no DeleteUser1 call to send the password with: users \
                      cannot be deleted from this console on this server. Delete the user in \
                      infoRouter's own web interface."
                .into(),
        },
        ..refusal
    }
}

pub(crate) fn failed<O: Operation>(error: ApiError) -> NotApplied {
    NotApplied {
        error,
        operation: O::NAME,
        read_first: false,
    }
}

/// What a create, delete or rename found done by an earlier try did.
fn done(step: &Step) -> Applied {
    match step {
        Step::Create(request) => Applied::Created(request.user_name.clone()),
        Step::Delete => Applied::Deleted,
        Step::Profile { new_user_name, .. } => Applied::Renamed(new_user_name.clone()),
        _ => Applied::Updated,
    }
}

mod handover;
mod memberships;
mod onboarding;
mod users;
pub use handover::Handed;
pub use memberships::{MembershipCall, send_either};
pub use users::lists_in_browser;
