//! The account-lifecycle calls: creating and deleting users, passwords, the password policy,
//! and whether a user name is taken. Parameter names exactly as the vendor's pages spell them
//! (note `AuthenticationSource` here against UpdateUserProfile's `AuthenticateSource`, and
//! `AuthenticationTicket` with a capital A on ChangeUserPassword).

use std::fmt;

use crate::error::ApiError;
use crate::operations::Operation;
use crate::password_policy::PasswordPolicy;
use crate::xml::Element;

/// `Debug` showing every field but the passwords, which read `[redacted]`: a request printed
/// in a test failure or a log never carries one.
macro_rules! debug_without_secrets {
    ($ty:ident { $($field:ident),* ; secret $($secret:ident),* }) => {
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($field), &self.$field))*
                    $(.field(stringify!($secret), &"[redacted]"))*
                    .finish()
            }
        }
    };
}

debug_without_secrets!(CreateUser {
    domain_name, user_name, first_name, last_name, email, read_only, authentication_source;
    secret password
});
debug_without_secrets!(DeleteUser1 { user_name; secret admin_password });
debug_without_secrets!(ChangeUserPassword { user_name; secret new_password });

/// CreateUser (system administrators). Answers the new user's id.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct CreateUser {
    /// A domain/library the user joins; empty for none.
    pub domain_name: String,
    pub user_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// Empty for external authorities (the page: do not specify one for them).
    pub password: String,
    pub read_only: bool,
    /// `native`, or a configured LDAP/OAuth authority or Windows domain.
    pub authentication_source: String,
}

impl Operation for CreateUser {
    const NAME: &'static str = "CreateUser";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = String;
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("DomainName", self.domain_name.clone()),
            ("UserName", self.user_name.clone()),
            ("FirstName", self.first_name.clone()),
            ("LastName", self.last_name.clone()),
            ("EmailAddress", self.email.clone()),
            ("Password", self.password.clone()),
            ("ReadOnlyUser", self.read_only.to_string()),
            ("AuthenticationSource", self.authentication_source.clone()),
        ]
    }
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["UserName", "FirstName", "LastName", "AuthenticationSource"]
    }
    fn read(answer: &Element) -> Result<String, String> {
        Ok(answer.attr("id").unwrap_or_default().trim().to_string())
    }
}

/// DeleteUser (system administrators); permanent. Refused with `[2767]` when the policy asks
/// for the administrator's password (then DeleteUser1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteUser {
    pub user_name: String,
}

impl Operation for DeleteUser {
    const NAME: &'static str = "DeleteUser";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("UserName", self.user_name.clone())]
    }
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["UserName"]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// DeleteUser1: as DeleteUser, with the CALLING administrator's own password, which the server
/// checks only while the re-prompt policy is on. Its success is never proof of a confirmation.
#[derive(Clone, PartialEq, Eq)]
pub struct DeleteUser1 {
    pub admin_password: String,
    pub user_name: String,
}

impl Operation for DeleteUser1 {
    const NAME: &'static str = "DeleteUser1";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("UserPassword", self.admin_password.clone()),
            ("UserName", self.user_name.clone()),
        ]
    }
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["UserPassword", "UserName"]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// ChangeUserPassword: one's own password, or (with the User Manager role) another user's.
#[derive(Clone, PartialEq, Eq)]
pub struct ChangeUserPassword {
    pub user_name: String,
    pub new_password: String,
}

impl Operation for ChangeUserPassword {
    const NAME: &'static str = "ChangeUserPassword";
    const TICKET_PARAM: Option<&'static str> = Some("AuthenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("UserName", self.user_name.clone()),
            ("NewPassword", self.new_password.clone()),
        ]
    }
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["UserName", "NewPassword"]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// GetAuthenticationAndPasswordPolicy: any signed-in user.
pub struct GetAuthenticationAndPasswordPolicy;

impl Operation for GetAuthenticationAndPasswordPolicy {
    const NAME: &'static str = "GetAuthenticationAndPasswordPolicy";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = PasswordPolicy;
    fn params(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    fn read(answer: &Element) -> Result<PasswordPolicy, String> {
        PasswordPolicy::from_answer(answer)
    }
}

/// UserExists: "no" is a failed answer (4000, "user not found"), read here as `false`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserExists {
    pub user_name: String,
}

impl Operation for UserExists {
    const NAME: &'static str = "UserExists";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("UserName", self.user_name.clone())]
    }
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["UserName"]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// UserExists' answer as a yes or no: "not found" is the no; other failures stay errors.
pub fn exists_answer(result: Result<(), ApiError>) -> Result<bool, ApiError> {
    match result {
        Ok(()) => Ok(true),
        Err(ApiError::UserNotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operations::{Method, build, decode};
    use crate::ticket::Ticket;

    #[test]
    fn printed_requests_never_show_a_password() {
        let create = CreateUser {
            user_name: "ann".into(),
            password: "Secret-2026".into(),
            ..CreateUser::default()
        };
        let delete = DeleteUser1 {
            admin_password: "Admin-2026".into(),
            user_name: "ann".into(),
        };
        let change = ChangeUserPassword {
            user_name: "ann".into(),
            new_password: "Other-2026".into(),
        };
        let printed = format!("{create:?} {delete:?} {change:?}");
        assert!(!printed.contains("2026"), "{printed}");
        assert_eq!(printed.matches("[redacted]").count(), 3);
        assert!(printed.contains("user_name: \"ann\""), "{printed}");
    }

    fn body(op: &impl Operation) -> String {
        build("/srv.asmx", op, Some(&Ticket::new("t")), Method::Post)
            .body
            .unwrap_or_default()
    }

    #[test]
    fn create_user_sends_every_parameter_as_the_page_spells_it() {
        let op = CreateUser {
            domain_name: "Finance".into(),
            user_name: "jdoe".into(),
            first_name: "John".into(),
            last_name: "Doe".into(),
            email: "john.doe@example.com".into(),
            password: "InitialP@ss1".into(),
            read_only: false,
            authentication_source: "native".into(),
        };
        assert_eq!(
            body(&op),
            "authenticationTicket=t&DomainName=Finance&UserName=jdoe&FirstName=John&LastName=Doe\
             &EmailAddress=john.doe%40example.com&Password=InitialP%40ss1&ReadOnlyUser=false\
             &AuthenticationSource=native"
        );
        let id = decode::<CreateUser>(200, br#"<response success="true" id="123" error="" />"#);
        assert_eq!(id.unwrap(), "123");
    }

    #[test]
    fn the_deletes_and_the_password_change_spell_their_parameters() {
        assert_eq!(
            body(&DeleteUser {
                user_name: "ID:42".into()
            }),
            "authenticationTicket=t&UserName=ID%3A42"
        );
        assert_eq!(
            body(&DeleteUser1 {
                admin_password: "p+w".into(),
                user_name: "jdoe".into()
            }),
            "authenticationTicket=t&UserPassword=p%2Bw&UserName=jdoe"
        );
        assert_eq!(
            body(&ChangeUserPassword {
                user_name: "jsmith".into(),
                new_password: "NewSecure!99".into()
            }),
            "AuthenticationTicket=t&UserName=jsmith&NewPassword=NewSecure%2199"
        );
    }

    #[test]
    fn user_exists_reads_not_found_as_no() {
        let yes = decode::<UserExists>(200, br#"<response success="true" error="" />"#);
        assert_eq!(exists_answer(yes), Ok(true));
        for no in [
            br#"<response success="false" error="User not found" />"#.as_slice(),
            br#"<response success="false" error="user not found" errorCode="4000" />"#,
        ] {
            assert_eq!(exists_answer(decode::<UserExists>(200, no)), Ok(false));
        }
        let expired = decode::<UserExists>(
            200,
            br#"<response success="false" error="[901]Session expired or Invalid ticket" />"#,
        );
        assert_eq!(exists_answer(expired), Err(ApiError::SessionExpired));
    }

    #[test]
    fn a_required_value_left_empty_is_never_sent() {
        let op = CreateUser {
            user_name: "x".into(),
            first_name: "X".into(),
            last_name: " ".into(),
            authentication_source: "native".into(),
            ..CreateUser::default()
        };
        assert_eq!(
            crate::operations::check_required(&op),
            Err(ApiError::EmptyRequired {
                name: Some("LastName".into())
            })
        );
    }
}

#[cfg(test)]
mod reprompt_tests {
    use crate::lifecycle::DeleteUser;
    use crate::operations::decode;

    #[test]
    fn a_delete_refused_for_the_password_reprompt_is_recognised() {
        let refused = decode::<DeleteUser>(
            200,
            br#"<response success="false" error="[2767]Password re-prompt is required" />"#,
        )
        .unwrap_err();
        assert!(refused.is_password_reprompt(), "{refused:?}");
        let other = decode::<DeleteUser>(
            200,
            br#"<response success="false" error="Access denied" />"#,
        )
        .unwrap_err();
        assert!(!other.is_password_reprompt());
    }
}
