//! System-administrator calls on one account besides its lifecycle: its type (author or
//! read-only) and the welcome email. Both take `userName` with a lower-case u.

use crate::call::{ParamValue, declare_calls, no_payload};
use crate::user::User;

/// What ChangeUserType sets; GetUser's `ReadOnlyUser` reads it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UserType {
    /// May upload and edit documents, as permissions allow.
    Author = 1,
    /// May only view and download.
    ReadOnly = 2,
}

impl UserType {
    /// The type a user read with GetUser has.
    pub fn of(user: &User) -> UserType {
        if user.read_only {
            UserType::ReadOnly
        } else {
            UserType::Author
        }
    }

    /// `1` or `2`, as the call sends it.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<UserType> {
        match code {
            1 => Some(UserType::Author),
            2 => Some(UserType::ReadOnly),
            _ => None,
        }
    }
}

impl ParamValue for UserType {
    fn param_value(&self) -> String {
        self.code().to_string()
    }
}

declare_calls! {
    /// Makes an account an author or read-only; ownerships and memberships stay.
    ChangeUserType { user_name: String => "userName", user_type: UserType => "userType" }
    required ["userName"] answers () = no_payload;

    /// Mails the welcome message in the user's language: native accounts get a password-reset
    /// link valid 48 hours, others the name of their authority. Needs the server's SMTP set up;
    /// a user without an email address is refused.
    SendWelcomeEmailForUser { user_name: String => "userName" }
    required ["userName"] answers () = no_payload;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_follow_read_only() {
        for t in [UserType::Author, UserType::ReadOnly] {
            assert_eq!(UserType::from_code(t.code()), Some(t));
        }
        assert_eq!(UserType::from_code(0), None);
        let mut user = User::default();
        assert_eq!(UserType::of(&user), UserType::Author);
        user.read_only = true;
        assert_eq!(UserType::of(&user), UserType::ReadOnly);
    }
}
