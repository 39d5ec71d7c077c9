//! A new account's user type, made what the person wanted after CreateUser: the account is
//! read back and ChangeUserType goes only when the server made it otherwise (protocol
//! `onboarding::type_change`). Setting the type again is harmless, so an unreadable account
//! gets the change all the same.

use inforouter_protocol::account_admin::{ChangeUserType, UserType};
use inforouter_protocol::onboarding::type_change;
use inforouter_protocol::operations::GetUser;

use super::{NotApplied, failed};
use crate::session::Session;

impl Session {
    /// `Ok(true)` when ChangeUserType was sent, `Ok(false)` when the account already had the
    /// type.
    pub async fn give_type(&self, user_name: &str, wanted: UserType) -> Result<bool, NotApplied> {
        let given = self
            .call(&GetUser {
                user_name: user_name.to_string(),
            })
            .await
            .ok()
            .map(|u| UserType::of(&u));
        let Some(user_type) = type_change(wanted, given) else {
            return Ok(false);
        };
        let change = ChangeUserType {
            user_name: user_name.to_string(),
            user_type,
        };
        self.call(&change).await.map_err(failed::<ChangeUserType>)?;
        Ok(true)
    }
}
