//! The server's password policy (GetAuthenticationAndPasswordPolicy), read from its answer, and
//! checked as a person types: one line per rule, ticked as it is met. The common-password list
//! is not published, so that rule is only approximated here; the server's answer decides.

use crate::xml::Element;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordPolicy {
    /// Days until a password expires; 0 = never.
    pub expires_days: u32,
    pub min_len: u32,
    /// At least one letter (the page's "alphanumeric" characters).
    pub letters: bool,
    pub digits: bool,
    /// At least one character that is neither a letter nor a digit.
    pub symbols: bool,
    pub not_email: bool,
    pub not_user_name: bool,
    pub not_common: bool,
    /// PasswordRePromptActions/UserDelete: deleting a user asks for the administrator's own
    /// password (DeleteUser refuses; DeleteUser1 checks it).
    pub reprompt_user_delete: bool,
}

impl Default for PasswordPolicy {
    /// What is assumed while the policy is unknown: only that a password is not empty.
    fn default() -> Self {
        PasswordPolicy {
            expires_days: 0,
            min_len: 1,
            letters: false,
            digits: false,
            symbols: false,
            not_email: false,
            not_user_name: false,
            not_common: false,
            reprompt_user_delete: false,
        }
    }
}

/// A few passwords every common-password list starts with.
const COMMON: &[&str] = &[
    "password",
    "password1",
    "password123",
    "12345678",
    "123456789",
    "1234567890",
    "qwerty123",
    "qwertyuiop",
    "letmein1",
    "welcome1",
    "iloveyou",
    "abc12345",
    "admin123",
    "passw0rd",
    "11111111",
    "00000000",
    "sunshine1",
    "football1",
    "monkey123",
    "changeme1",
];

/// One rule and whether the typed password meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCheck {
    /// A stable key (for ids): `length`, `letters`, `digits`, `symbols`, `not-user-name`,
    /// `not-email`, `not-common`.
    pub key: &'static str,
    pub text: String,
    pub met: bool,
}

impl PasswordPolicy {
    /// Reads the answer's `<AuthenticationAndPasswordPolicy>`; values are element text
    /// (`true`/`false` in any case, numbers). A missing value keeps the lenient default.
    pub fn from_answer(answer: &Element) -> Result<PasswordPolicy, String> {
        let policy = answer
            .find("PasswordPolicy")
            .ok_or("the answer has no <PasswordPolicy>")?;
        let flag = |parent: &Element, name: &str| {
            parent
                .child(name)
                .is_some_and(|e| e.text.trim().eq_ignore_ascii_case("true"))
        };
        let number = |name: &str| {
            policy
                .child(name)
                .and_then(|e| e.text.trim().parse::<u32>().ok())
        };
        let reprompt = answer.find("PasswordRePromptActions");
        Ok(PasswordPolicy {
            expires_days: number("Expires").unwrap_or(0),
            min_len: number("MinLen").unwrap_or(1).max(1),
            letters: flag(policy, "MustIncludeAlphaNumericCharacters"),
            digits: flag(policy, "MustIncludeNumericCharacters"),
            symbols: flag(policy, "MustIncludeNonAlphaNumericCharacters"),
            not_email: flag(policy, "MustNotEqualEmailAddress"),
            not_user_name: flag(policy, "MustNotEqualUserName"),
            not_common: flag(policy, "MustNotInCommonPasswordList"),
            reprompt_user_delete: reprompt.is_some_and(|r| flag(r, "UserDelete")),
        })
    }

    /// Every rule of the policy, in a fixed order, for `password` of the user named
    /// `user_name` with `email`.
    pub fn check(&self, password: &str, user_name: &str, email: &str) -> Vec<RuleCheck> {
        let chars = password.chars().count() as u32;
        let mut rules = vec![RuleCheck {
            key: "length",
            text: if self.min_len <= 1 {
                "Not empty".to_string()
            } else {
                format!("At least {} characters", self.min_len)
            },
            met: chars >= self.min_len,
        }];
        let mut rule = |on: bool, key, text: &str, met: bool| {
            if on {
                rules.push(RuleCheck {
                    key,
                    text: text.to_string(),
                    met,
                });
            }
        };
        rule(
            self.letters,
            "letters",
            "A letter",
            password.chars().any(char::is_alphabetic),
        );
        rule(
            self.digits,
            "digits",
            "A digit",
            password.chars().any(|c| c.is_ascii_digit()),
        );
        rule(
            self.symbols,
            "symbols",
            "A character that is neither a letter nor a digit",
            password.chars().any(|c| !c.is_alphanumeric()),
        );
        let differs =
            |other: &str| other.trim().is_empty() || !password.eq_ignore_ascii_case(other.trim());
        rule(
            self.not_user_name,
            "not-user-name",
            "Not the user name",
            !password.is_empty() && differs(user_name),
        );
        rule(
            self.not_email,
            "not-email",
            "Not the email address",
            !password.is_empty() && differs(email),
        );
        rule(
            self.not_common,
            "not-common",
            "Not a common password",
            !password.is_empty() && !COMMON.iter().any(|c| c.eq_ignore_ascii_case(password)),
        );
        rules
    }

    /// Whether `password` meets every rule.
    pub fn accepts(&self, password: &str, user_name: &str, email: &str) -> bool {
        self.check(password, user_name, email).iter().all(|r| r.met)
    }
}

/// A password that meets `policy`, from 16 random bytes (the caller's CSPRNG): letters,
/// digits and symbols, 16 characters or the policy's minimum.
pub fn generate(policy: &PasswordPolicy, random: &[u8]) -> String {
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const DIGITS: &[u8] = b"23456789";
    const SYMBOLS: &[u8] = b"!#$%*+-=?@_";
    let len = (policy.min_len as usize).max(16);
    let byte = |i: usize| random.get(i % random.len().max(1)).copied().unwrap_or(7) as usize;
    let mut out: Vec<u8> = (0..len)
        .map(|i| {
            let set = match i % 4 {
                0 => LOWER,
                1 => UPPER,
                2 => DIGITS,
                _ => SYMBOLS,
            };
            // Mix the position in, so a short random input still varies along the password.
            set[(byte(i) + i * 31 + byte(i / 2) * 7) % set.len()]
        })
        .collect();
    // Spread the classes with a shuffle driven by the same bytes.
    for i in (1..out.len()).rev() {
        let j = (byte(i) + byte(i + 3) * 13) % (i + 1);
        out.swap(i, j);
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml::parse_document;

    const SAMPLE: &str = r#"<response success="true">
  <AuthenticationAndPasswordPolicy>
    <PasswordPolicy>
      <Expires>90</Expires>
      <MinLen>8</MinLen>
      <MustIncludeAlphaNumericCharacters>true</MustIncludeAlphaNumericCharacters>
      <MustIncludeNumericCharacters>true</MustIncludeNumericCharacters>
      <MustIncludeNonAlphaNumericCharacters>false</MustIncludeNonAlphaNumericCharacters>
      <MustNotEqualEmailAddress>true</MustNotEqualEmailAddress>
      <MustNotEqualUserName>true</MustNotEqualUserName>
      <MustNotInCommonPasswordList>true</MustNotInCommonPasswordList>
    </PasswordPolicy>
    <PasswordRePromptActions>
      <DomainDelete>true</DomainDelete>
      <OnDelete>true</OnDelete>
      <UserDelete>true</UserDelete>
      <SecurityApply>true</SecurityApply>
      <OnOwnerChange>false</OnOwnerChange>
      <OnClassify>false</OnClassify>
      <OnReviewTask>false</OnReviewTask>
    </PasswordRePromptActions>
  </AuthenticationAndPasswordPolicy>
</response>"#;

    fn sample() -> PasswordPolicy {
        PasswordPolicy::from_answer(&parse_document(SAMPLE).unwrap()).unwrap()
    }

    #[test]
    fn the_pages_sample_reads_as_it_says() {
        let p = sample();
        assert_eq!(p.expires_days, 90);
        assert_eq!(p.min_len, 8);
        assert!(p.letters && p.digits && !p.symbols);
        assert!(p.not_email && p.not_user_name && p.not_common);
        assert!(p.reprompt_user_delete);
    }

    #[test]
    fn each_rule_is_ticked_as_it_is_met() {
        let p = sample();
        let met = |pw: &str| {
            p.check(pw, "jdoe", "john.doe@example.com")
                .into_iter()
                .filter(|r| !r.met)
                .map(|r| r.key)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            met(""),
            [
                "length",
                "letters",
                "digits",
                "not-user-name",
                "not-email",
                "not-common"
            ]
        );
        assert_eq!(met("abcdefgh"), ["digits"]);
        assert_eq!(met("12345678"), ["letters", "not-common"]);
        assert_eq!(met("Password1"), ["not-common"]);
        assert_eq!(met("JDOE"), ["length", "digits", "not-user-name"]);
        assert!(met("john.doe@example.com").contains(&"not-email"));
        assert_eq!(met("Tulip-7-harbour"), Vec::<&str>::new());
        assert!(p.accepts("Tulip-7-harbour", "jdoe", ""));
    }

    #[test]
    fn an_unknown_policy_only_asks_for_something() {
        let p = PasswordPolicy::default();
        assert!(!p.accepts("", "a", "b"));
        assert!(p.accepts("x", "a", "b"));
        assert_eq!(p.check("", "a", "b").len(), 1);
    }

    #[test]
    fn a_missing_block_is_an_error_and_missing_values_are_lenient() {
        assert!(
            PasswordPolicy::from_answer(&parse_document("<response success=\"true\"/>").unwrap())
                .is_err()
        );
        let p = PasswordPolicy::from_answer(
            &parse_document(
                "<response><PasswordPolicy><MinLen>0</MinLen></PasswordPolicy></response>",
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(p.min_len, 1);
        assert!(!p.reprompt_user_delete);
    }

    #[test]
    fn generated_passwords_meet_strict_policies() {
        let strict = PasswordPolicy {
            min_len: 20,
            symbols: true,
            ..sample()
        };
        for seed in 0u8..=255 {
            let random: Vec<u8> = (0..16)
                .map(|i| seed.wrapping_mul(31).wrapping_add(i * 17))
                .collect();
            let pw = generate(&strict, &random);
            assert!(strict.accepts(&pw, "jdoe", "john.doe@example.com"), "{pw}");
            assert_eq!(pw.chars().count(), 20);
        }
        assert_ne!(generate(&strict, &[1; 16]), generate(&strict, &[2; 16]));
    }
}
