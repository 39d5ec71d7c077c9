//! Field checks the forms (and the bulk importer) run before anything is sent. Messages are
//! specific and shown next to the field.

pub const MAX_NAME_LEN: usize = 100;
pub const MAX_USER_NAME_LEN: usize = 100;
pub const MAX_EMAIL_LEN: usize = 254;
pub const MAX_MOBILE_LEN: usize = 32;
pub const MAX_TEXT_LEN: usize = 255;

fn len(s: &str) -> usize {
    s.chars().count()
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// An email address: one `@`, a non-empty local part, a domain of non-empty dot-separated
/// labels, no spaces. Non-ASCII is allowed (internationalised addresses exist).
/// Empty is allowed only where the caller says so.
pub fn email(value: &str, required: bool) -> Result<(), String> {
    let v = value;
    if v.is_empty() {
        return if required {
            Err("Enter an email address. The server does not accept an empty one.".into())
        } else {
            Ok(())
        };
    }
    if v.trim() != v {
        return Err("Remove the spaces before or after the address.".into());
    }
    if len(v) > MAX_EMAIL_LEN {
        return Err(format!(
            "An email address can have at most {MAX_EMAIL_LEN} characters."
        ));
    }
    if v.chars().any(char::is_whitespace) || has_control(v) {
        return Err("An email address cannot contain spaces.".into());
    }
    let Some((local, domain)) = v.rsplit_once('@') else {
        return Err("An email address needs an @, as in name@example.com.".into());
    };
    if local.is_empty() || local.contains('@') {
        return Err(
            "Put exactly one @ between the name and the domain, as in name@example.com.".into(),
        );
    }
    if domain.is_empty() || domain.split('.').any(str::is_empty) {
        return Err("The part after the @ is not a valid domain, as in example.com.".into());
    }
    if v.chars().any(|c| {
        matches!(
            c,
            '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '\\' | '"'
        )
    }) {
        return Err("An email address cannot contain < > ( ) [ ] , ; : \\ or \".".into());
    }
    Ok(())
}

/// A mobile number: optional; digits with spaces, dashes, dots or parentheses, and an
/// optional leading `+`.
pub fn mobile(value: &str) -> Result<(), String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    if len(v) > MAX_MOBILE_LEN {
        return Err(format!(
            "A mobile number can have at most {MAX_MOBILE_LEN} characters."
        ));
    }
    let body = v.strip_prefix('+').unwrap_or(v);
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
    {
        return Err(
            "Use digits, spaces, dashes and an optional leading +, as in +1 555 123 4567.".into(),
        );
    }
    if body.chars().filter(char::is_ascii_digit).count() < 3 {
        return Err("A mobile number needs at least 3 digits.".into());
    }
    Ok(())
}

/// A user name: required, no leading/trailing spaces, no control characters, bounded.
pub fn user_name(value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err("Enter a user name. The server does not accept an empty one.".into());
    }
    if value.trim() != value {
        return Err("Remove the spaces before or after the user name.".into());
    }
    if len(value) > MAX_USER_NAME_LEN {
        return Err(format!(
            "A user name can have at most {MAX_USER_NAME_LEN} characters."
        ));
    }
    if has_control(value) {
        return Err("A user name cannot contain line breaks or control characters.".into());
    }
    Ok(())
}

/// A name for a new account: a user name made only of letters, digits and `. _ - @`, as the
/// new-user form says. Existing accounts keep whatever name they have (a rename or an update
/// is checked as [`user_name`]): other characters end up in addresses (`/users/a%2Fb`) and
/// in other systems' user names.
pub fn new_user_name(value: &str) -> Result<(), String> {
    user_name(value)?;
    let other: String = value
        .chars()
        .filter(|c| !c.is_alphanumeric() && !matches!(c, '.' | '_' | '-' | '@'))
        .fold(String::new(), |mut seen, c| {
            if !seen.contains(c) {
                seen.push(c);
            }
            seen
        });
    if other.is_empty() {
        Ok(())
    } else if other == " " {
        Err("A new user name cannot contain spaces: use . _ - or @ between words.".into())
    } else {
        let named: Vec<String> = other
            .chars()
            .map(|c| match c {
                ' ' => "spaces".to_string(),
                c => c.to_string(),
            })
            .collect();
        Err(format!(
            "A new user name can hold letters, digits and . _ - @ only, not {}.",
            named.join(" ")
        ))
    }
}

/// A first or last name: `label` is how the form calls the field.
pub fn person_name(value: &str, label: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(format!(
            "Enter a {label}. The server does not accept an empty one."
        ));
    }
    if len(value) > MAX_NAME_LEN {
        return Err(format!(
            "A {label} can have at most {MAX_NAME_LEN} characters."
        ));
    }
    if has_control(value) {
        return Err(format!(
            "A {label} cannot contain line breaks or control characters."
        ));
    }
    Ok(())
}

/// A typed authentication authority (LDAP/OAuth authority or Windows domain): required, not a
/// spelling of native (that is chosen from the list), and short text.
pub fn authority_name(value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(
            "Enter the name of the LDAP or OAuth authority, or of the Windows domain.".into(),
        );
    }
    if crate::user::is_native_source(value) {
        return Err("For infoRouter passwords, choose “native” in the list above.".into());
    }
    short_text(value, "The authority name")
}

/// Free text such as a language or portal name: optional, bounded, one line.
pub fn short_text(value: &str, label: &str) -> Result<(), String> {
    if len(value) > MAX_TEXT_LEN {
        return Err(format!(
            "{label} can have at most {MAX_TEXT_LEN} characters."
        ));
    }
    if has_control(value) {
        return Err(format!(
            "{label} cannot contain line breaks or control characters."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_user_names() {
        for ok in ["newbie", "nina.newbie", "n_n-2@corp", "zoë", "日本"] {
            assert_eq!(new_user_name(ok), Ok(()), "{ok}");
        }
        assert!(new_user_name("").is_err());
        assert!(new_user_name(" x").is_err());
        assert_eq!(
            new_user_name("bad name"),
            Err("A new user name cannot contain spaces: use . _ - or @ between words.".into())
        );
        assert_eq!(
            new_user_name("bad name!!/"),
            Err(
                "A new user name can hold letters, digits and . _ - @ only, not spaces ! /.".into()
            )
        );
        assert!(new_user_name("<x>").unwrap_err().ends_with("not < >."));
        // Existing names are not held to it.
        assert_eq!(user_name("still bad#"), Ok(()));
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b.c",
            "john.doe@example.com",
            "zoë@例え.jp",
            "x+tag@intranet",
        ] {
            assert_eq!(email(ok, true), Ok(()), "{ok}");
        }
        for bad in [
            "", "nobody", "@x.com", "a@", "a@b..c", "a b@c.d", " a@b.c", "a@b@c", "<a>@b.c",
        ] {
            assert!(email(bad, true).is_err(), "{bad}");
        }
        assert_eq!(email("", false), Ok(()));
        assert!(
            email(&format!("{}@x.y", "a".repeat(300)), true)
                .unwrap_err()
                .contains("254")
        );
    }

    #[test]
    fn mobiles() {
        for ok in ["", "+15551234567", "+1 (555) 123-4567", "0170.123.45"] {
            assert_eq!(mobile(ok), Ok(()), "{ok}");
        }
        for bad in ["abc", "++1555", "12", "1555x12", &"1".repeat(40)] {
            assert!(mobile(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names() {
        assert!(user_name("").is_err());
        assert!(user_name(" jdoe").is_err());
        assert!(user_name("a\nb").is_err());
        assert_eq!(user_name("o'brien&co"), Ok(()));
        assert!(
            person_name("  ", "first name")
                .unwrap_err()
                .contains("first name")
        );
        assert!(person_name(&"x".repeat(101), "last name").is_err());
        assert_eq!(short_text("", "Default portal"), Ok(()));
    }
}

#[cfg(test)]
mod authority_tests {
    use super::authority_name;

    #[test]
    fn an_authority_is_required_and_never_native() {
        assert!(authority_name(" ").unwrap_err().contains("Enter the name"));
        assert!(authority_name("INFOROUTER").unwrap_err().contains("native"));
        assert!(authority_name("CORP\nLDAP").is_err());
        assert!(authority_name("CORP-LDAP").is_ok());
    }
}
