//! One description per user attribute, shared by the edit forms, the new-user form and the
//! bulk planner: its column (header and label in sheets), how the server's calls name it, how
//! it reads from a `User`, and its check. A form lists the attributes it edits with the input
//! id it gives each; filling, checking and placing a server's "empty value" refusal follow.

use crate::bulk::Column;
use crate::user::User;
use crate::validate;

#[derive(Clone, Copy)]
pub struct Attribute {
    pub column: Column,
    /// How the calls that send it spell the parameter: an empty value refused under one of
    /// these names (before sending, or by a newer server's HTTP 400) belongs to this field.
    pub params: &'static [&'static str],
    /// The current value as a form shows it.
    pub read: fn(&User) -> String,
    /// The value's check; an optional attribute accepts empty.
    pub check: fn(&str) -> Result<(), String>,
}

impl Attribute {
    /// How forms and sheets name it.
    pub fn label(&self) -> &'static str {
        self.column.label()
    }

    /// Whether a refusal of the empty parameter `param` is about this attribute.
    pub fn sent_as(&self, param: &str) -> bool {
        self.params.iter().any(|p| p.eq_ignore_ascii_case(param))
    }
}

pub const USER_NAME: Attribute = Attribute {
    column: Column::UserName,
    params: &["NewUserName", "UserName"],
    read: |u| u.user_name.clone(),
    check: validate::user_name,
};

/// A new account's name (CreateUser, a bulk create row).
pub const NEW_USER_NAME: Attribute = Attribute {
    check: validate::new_user_name,
    ..USER_NAME
};

pub const FIRST_NAME: Attribute = Attribute {
    column: Column::FirstName,
    params: &["NewFirstName", "FirstName"],
    read: |u| u.first_name.clone(),
    // The label as a sentence says it (a literal: lower-casing at run time costs the browser
    // entry Unicode's case tables).
    check: |v| validate::person_name(v, "first name"),
};

pub const LAST_NAME: Attribute = Attribute {
    column: Column::LastName,
    params: &["NewLastName", "LastName"],
    read: |u| u.last_name.clone(),
    check: |v| validate::person_name(v, "last name"),
};

/// The address every update call requires (UpdateUserEmail's `NewEmailAddress`,
/// UpdateUserContactInfo's `emailAddress`).
pub const EMAIL: Attribute = Attribute {
    column: Column::Email,
    params: &["NewEmailAddress", "emailAddress"],
    read: |u| u.email.clone(),
    check: |v| validate::email(v, true),
};

/// A new user's address: CreateUser takes an empty one.
pub const NEW_USER_EMAIL: Attribute = Attribute {
    column: Column::Email,
    params: &["EmailAddress"],
    read: |u| u.email.clone(),
    check: |v| validate::email(v, false),
};

pub const MOBILE: Attribute = Attribute {
    column: Column::Mobile,
    params: &["mobileNumber"],
    read: |u| u.mobile_number.clone().unwrap_or_default(),
    check: validate::mobile,
};

pub const LANGUAGE: Attribute = Attribute {
    column: Column::Language,
    params: &[],
    read: |u| u.preferences.language.clone().unwrap_or_default(),
    check: |v| validate::short_text(v, "Language"),
};

pub const DEFAULT_PORTAL: Attribute = Attribute {
    column: Column::DefaultPortal,
    params: &[],
    read: |u| u.preferences.default_portal.clone().unwrap_or_default(),
    check: |v| validate::short_text(v, "Default portal"),
};

/// A typed LDAP/OAuth authority or Windows domain (native is chosen from a list, not typed).
pub const AUTHORITY: Attribute = Attribute {
    column: Column::AuthSource,
    params: &["AuthenticateSource", "AuthenticationSource"],
    read: |u| u.authentication_authority.clone(),
    check: validate::authority_name,
};

pub const DOMAIN: Attribute = Attribute {
    column: Column::Domain,
    params: &["DomainName"],
    read: |u| u.domain.clone(),
    check: |v| validate::short_text(v, "The domain or library"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reads_its_own_value_and_checks_it() {
        let user = User {
            user_name: "jdoe".into(),
            first_name: "John".into(),
            last_name: "Doe".into(),
            email: "john@example.com".into(),
            mobile_number: Some("+15550001".into()),
            ..User::default()
        };
        for (attr, want) in [
            (USER_NAME, "jdoe"),
            (FIRST_NAME, "John"),
            (LAST_NAME, "Doe"),
            (EMAIL, "john@example.com"),
            (MOBILE, "+15550001"),
        ] {
            assert_eq!((attr.read)(&user), want, "{:?}", attr.column);
            assert_eq!((attr.check)(want), Ok(()), "{:?}", attr.column);
        }
        assert_eq!(
            (FIRST_NAME.check)(" "),
            Err("Enter a first name. The server does not accept an empty one.".into())
        );
        assert!((EMAIL.check)("").is_err());
        assert_eq!((NEW_USER_EMAIL.check)(""), Ok(()));
        assert_eq!(
            (LANGUAGE.check)(&"x".repeat(300)),
            Err("Language can have at most 255 characters.".into())
        );
    }

    #[test]
    fn person_names_are_checked_under_their_column_label() {
        for attr in [FIRST_NAME, LAST_NAME] {
            let label = attr.label().to_lowercase();
            assert_eq!((attr.check)(""), validate::person_name("", &label));
        }
    }

    #[test]
    fn empty_value_refusals_find_their_attribute() {
        assert!(EMAIL.sent_as("newemailaddress"));
        assert!(EMAIL.sent_as("emailAddress"));
        assert!(!EMAIL.sent_as("mobileNumber"));
        assert!(AUTHORITY.sent_as("AuthenticateSource"));
        assert!(!LANGUAGE.sent_as(""));
    }
}
