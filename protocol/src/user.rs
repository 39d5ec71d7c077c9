//! Typed users as GetUser, GetCurrentUser, GetAllUsers1, AuthenticateUser and isValidTicket
//! describe them.

use crate::preferences::{Preferences, parse_bool};
use crate::xml::Element;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct User {
    pub user_id: String,
    pub user_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `None` when the server did not send the attribute: the mobile number is then
    /// unknown, which is not the same as empty (sending `""` would erase it).
    pub mobile_number: Option<String>,
    pub enabled: bool,
    pub domain: String,
    pub last_logon_date: String,
    pub last_password_change_date: String,
    pub authentication_authority: String,
    pub read_only: bool,
    pub preferences: Preferences,
}

impl User {
    /// Reads a `<User>` element. Fails only if it has no user name: without it nothing can
    /// be addressed, so such a row is a malformed answer.
    pub fn from_element(e: &Element) -> Result<User, String> {
        let text = |name: &str| e.attr(name).unwrap_or_default().to_string();
        let user_name = text("UserName");
        if user_name.is_empty() {
            return Err("a <User> without UserName".into());
        }
        Ok(User {
            user_id: text("UserID"),
            user_name,
            first_name: text("FirstName"),
            last_name: text("LastName"),
            email: text("Email"),
            mobile_number: e.attr("MobileNumber").map(str::to_string),
            // A server that omits Enabled is treated as enabled: listing it as disabled would
            // invite a needless "enable" click.
            enabled: e.attr("Enabled").and_then(parse_bool).unwrap_or(true),
            domain: text("Domain"),
            last_logon_date: text("LastLogonDate"),
            last_password_change_date: text("LastPasswordChangeDate"),
            authentication_authority: text("AuthenticationAuthority"),
            read_only: e.attr("ReadOnlyUser").and_then(parse_bool).unwrap_or(false),
            preferences: e
                .child("Preferences")
                .map(Preferences::from_element)
                .unwrap_or_default(),
        })
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_string()
    }

    /// `native` in any case, and the 7.5-era `INFOROUTER`, are the built-in password store.
    pub fn is_native(&self) -> bool {
        is_native_source(&self.authentication_authority)
    }
}

pub fn is_native_source(source: &str) -> bool {
    let s = source.trim();
    s.is_empty() || s.eq_ignore_ascii_case("native") || s.eq_ignore_ascii_case("inforouter")
}

/// Who a ticket belongs to, as AuthenticateUser and isValidTicket describe it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionUser {
    pub user_id: String,
    pub user_name: String,
    pub first_name: String,
    pub last_name: String,
    pub full_name: String,
    pub email: String,
    pub expire_on: String,
}

impl SessionUser {
    pub fn from_element(e: &Element) -> Result<SessionUser, String> {
        let text = |name: &str| e.attr(name).unwrap_or_default().to_string();
        let user_name = text("username");
        if user_name.is_empty() {
            return Err("no username in the session answer".into());
        }
        let first_name = text("firstName");
        let last_name = text("lastName");
        let full_name = match e.attr("fullname") {
            Some(f) if !f.trim().is_empty() => f.to_string(),
            _ => format!("{first_name} {last_name}").trim().to_string(),
        };
        Ok(SessionUser {
            user_id: text("userid"),
            user_name,
            first_name,
            last_name,
            full_name,
            email: text("email"),
            expire_on: text("expireOn"),
        })
    }
}

/// One page of GetAllUsers1.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserPage {
    /// Matching users across all pages.
    pub total: u64,
    pub users: Vec<User>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse_document;

    #[test]
    fn absent_mobile_differs_from_empty() {
        let absent = parse_document(r#"<User UserName="a"/>"#).unwrap();
        let empty = parse_document(r#"<User UserName="a" MobileNumber=""/>"#).unwrap();
        assert_eq!(User::from_element(&absent).unwrap().mobile_number, None);
        assert_eq!(
            User::from_element(&empty).unwrap().mobile_number,
            Some(String::new())
        );
    }

    #[test]
    fn user_without_name_is_rejected() {
        let e = parse_document(r#"<User FirstName="x"/>"#).unwrap();
        assert!(User::from_element(&e).is_err());
    }

    #[test]
    fn native_sources() {
        for s in ["native", "Native", "INFOROUTER", ""] {
            assert!(is_native_source(s), "{s}");
        }
        assert!(!is_native_source("CORP-LDAP"));
    }
}
