//! The password policy GetAuthenticationAndPasswordPolicy reports and CreateUser and
//! ChangeUserPassword enforce.

use serde::{Deserialize, Serialize};

/// The `PasswordPolicy` block and the re-prompt actions, as configured at start.
/// `PasswordRePromptActions/UserDelete` is not here: it is
/// [`Faults::reprompt_user_delete`](crate::Faults), switchable at run time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordPolicy {
    /// Days until a password expires; 0 = never. Reported only, not enforced.
    pub expires: u32,
    /// At least 1.
    pub min_len: u16,
    /// Letters and digits both.
    pub must_include_alpha_numeric: bool,
    /// At least one digit.
    pub must_include_numeric: bool,
    /// At least one character that is neither a letter nor a digit.
    pub must_include_non_alpha_numeric: bool,
    pub must_not_equal_email: bool,
    pub must_not_equal_user_name: bool,
    /// Not one of [`COMMON_PASSWORDS`] (ignoring case).
    pub must_not_be_common: bool,
    /// The other re-prompt actions: reported only, no call here needs them.
    pub reprompt: RePrompt,
}

/// `PasswordRePromptActions` but `UserDelete`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RePrompt {
    pub domain_delete: bool,
    pub on_delete: bool,
    pub security_apply: bool,
    pub on_owner_change: bool,
    pub on_classify: bool,
    pub on_review_task: bool,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            expires: 0,
            min_len: 8,
            must_include_alpha_numeric: true,
            must_include_numeric: true,
            must_include_non_alpha_numeric: false,
            must_not_equal_email: true,
            must_not_equal_user_name: true,
            must_not_be_common: true,
            reprompt: RePrompt::default(),
        }
    }
}

/// The emulator's common-password list (the vendor does not publish theirs). Compared ignoring
/// case.
pub const COMMON_PASSWORDS: [&str; 16] = [
    "password",
    "password1",
    "passw0rd",
    "12345678",
    "123456789",
    "1234567890",
    "qwerty123",
    "qwertyuiop",
    "letmein1",
    "welcome1",
    "iloveyou1",
    "admin123",
    "abc12345",
    "changeme1",
    "trustno1",
    "sunshine1",
];

/// A broken rule: the older server's English text and the newer one's German text, each
/// naming the rule by its `PasswordPolicy` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub classic: String,
    pub modern: String,
}

fn breach(classic: String, modern: String) -> Breach {
    Breach { classic, modern }
}

impl PasswordPolicy {
    /// Checks `password` for the account `user_name` / `email`; the first rule broken, in the
    /// order the policy lists them.
    pub fn check(&self, password: &str, user_name: &str, email: &str) -> Result<(), Breach> {
        let min = usize::from(self.min_len.max(1));
        if password.chars().count() < min {
            return Err(breach(
                format!("The password must be at least {min} characters long (MinLen)."),
                format!("Das Kennwort muss mindestens {min} Zeichen lang sein (MinLen)."),
            ));
        }
        let letter = password.chars().any(char::is_alphabetic);
        let digit = password.chars().any(char::is_numeric);
        if self.must_include_alpha_numeric && !(letter && digit) {
            return Err(breach(
                "The password must include both letters and numbers (MustIncludeAlphaNumericCharacters).".into(),
                "Das Kennwort muss Buchstaben und Ziffern enthalten (MustIncludeAlphaNumericCharacters).".into(),
            ));
        }
        if self.must_include_numeric && !digit {
            return Err(breach(
                "The password must include at least one number (MustIncludeNumericCharacters)."
                    .into(),
                "Das Kennwort muss mindestens eine Ziffer enthalten (MustIncludeNumericCharacters)."
                    .into(),
            ));
        }
        if self.must_include_non_alpha_numeric && password.chars().all(char::is_alphanumeric) {
            return Err(breach(
                "The password must include at least one character that is neither a letter nor a number (MustIncludeNonAlphaNumericCharacters).".into(),
                "Das Kennwort muss mindestens ein Zeichen enthalten, das weder Buchstabe noch Ziffer ist (MustIncludeNonAlphaNumericCharacters).".into(),
            ));
        }
        let same = |other: &str| {
            !other.trim().is_empty()
                && password.trim().to_lowercase() == other.trim().to_lowercase()
        };
        if self.must_not_equal_email && same(email) {
            return Err(breach(
                "The password must not be the same as the email address (MustNotEqualEmailAddress)."
                    .into(),
                "Das Kennwort darf nicht der E-Mail-Adresse entsprechen (MustNotEqualEmailAddress)."
                    .into(),
            ));
        }
        if self.must_not_equal_user_name && same(user_name) {
            return Err(breach(
                "The password must not be the same as the user name (MustNotEqualUserName).".into(),
                "Das Kennwort darf nicht dem Benutzernamen entsprechen (MustNotEqualUserName)."
                    .into(),
            ));
        }
        if self.must_not_be_common && COMMON_PASSWORDS.iter().any(|c| same(c)) {
            return Err(breach(
                "The password is on the list of common passwords (MustNotInCommonPasswordList)."
                    .into(),
                "Das Kennwort steht auf der Liste häufiger Kennwörter (MustNotInCommonPasswordList)."
                    .into(),
            ));
        }
        Ok(())
    }

    /// `<AuthenticationAndPasswordPolicy>` as the page's sample shows it: values as element
    /// text, `true`/`false` in lower case.
    pub fn to_xml(&self, user_delete: bool) -> String {
        let r = &self.reprompt;
        let policy: String = [
            ("Expires", self.expires.to_string()),
            ("MinLen", self.min_len.max(1).to_string()),
            (
                "MustIncludeAlphaNumericCharacters",
                self.must_include_alpha_numeric.to_string(),
            ),
            (
                "MustIncludeNumericCharacters",
                self.must_include_numeric.to_string(),
            ),
            (
                "MustIncludeNonAlphaNumericCharacters",
                self.must_include_non_alpha_numeric.to_string(),
            ),
            (
                "MustNotEqualEmailAddress",
                self.must_not_equal_email.to_string(),
            ),
            (
                "MustNotEqualUserName",
                self.must_not_equal_user_name.to_string(),
            ),
            (
                "MustNotInCommonPasswordList",
                self.must_not_be_common.to_string(),
            ),
        ]
        .iter()
        .map(|(k, v)| format!("<{k}>{v}</{k}>"))
        .collect();
        let actions: String = [
            ("DomainDelete", r.domain_delete),
            ("OnDelete", r.on_delete),
            ("UserDelete", user_delete),
            ("SecurityApply", r.security_apply),
            ("OnOwnerChange", r.on_owner_change),
            ("OnClassify", r.on_classify),
            ("OnReviewTask", r.on_review_task),
        ]
        .iter()
        .map(|(k, v)| format!("<{k}>{v}</{k}>"))
        .collect();
        format!(
            "<AuthenticationAndPasswordPolicy><PasswordPolicy>{policy}</PasswordPolicy><PasswordRePromptActions>{actions}</PasswordRePromptActions></AuthenticationAndPasswordPolicy>"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rules_in_order() {
        let p = PasswordPolicy::default();
        let rule = |pw: &str| match p.check(pw, "jdoe", "john.doe@example.com") {
            Ok(()) => "ok".to_string(),
            Err(b) => b.classic[b.classic.rfind('(').unwrap() + 1..b.classic.len() - 2].into(),
        };
        assert_eq!(rule("Ab1"), "MinLen");
        assert_eq!(rule("abcdefgh"), "MustIncludeAlphaNumericCharacters");
        assert_eq!(rule("12345670"), "MustIncludeAlphaNumericCharacters");
        assert_eq!(rule("PASSWORD1"), "MustNotInCommonPasswordList");
        assert_eq!(rule("Passw0rd"), "MustNotInCommonPasswordList");
        assert_eq!(rule("Secret123"), "ok");
        assert_eq!(rule("Secret123!"), "ok");
        assert_eq!(rule("日本語の鍵1234"), "ok");
        let p = PasswordPolicy {
            must_include_alpha_numeric: false,
            must_include_non_alpha_numeric: true,
            ..PasswordPolicy::default()
        };
        let rule = |pw: &str, user: &str, email: &str| match p.check(pw, user, email) {
            Ok(()) => "ok".to_string(),
            Err(b) => b.classic[b.classic.rfind('(').unwrap() + 1..b.classic.len() - 2].into(),
        };
        assert_eq!(rule("abcdefgh", "u", ""), "MustIncludeNumericCharacters");
        assert_eq!(
            rule("abcdefg1", "u", ""),
            "MustIncludeNonAlphaNumericCharacters"
        );
        assert_eq!(
            rule("A.b@c1.de", "u", "a.B@c1.de"),
            "MustNotEqualEmailAddress"
        );
        assert_eq!(rule("Ann.Lee1", "ann.lee1", ""), "MustNotEqualUserName");
        assert_eq!(rule("Ann.Lee1", "ann.lee", "ann.lee@x"), "ok");
    }

    #[test]
    fn xml_as_the_sample() {
        let xml = PasswordPolicy::default().to_xml(true);
        assert!(xml.starts_with("<AuthenticationAndPasswordPolicy><PasswordPolicy><Expires>0</Expires><MinLen>8</MinLen><MustIncludeAlphaNumericCharacters>true</MustIncludeAlphaNumericCharacters>"), "{xml}");
        assert!(xml.contains("<OnDelete>false</OnDelete><UserDelete>true</UserDelete>"));
    }
}
