//! Writing answers: attribute escaping that survives any XML parser's normalisation, and the
//! `<User>` element as GetUser, GetCurrentUser and GetAllUsers1 show it.

use crate::store::{Account, NOTIFICATION_NAMES};

pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
    out
}

/// XML 1.0 cannot carry most control characters or U+FFFE/U+FFFF; the emulator refuses to
/// store them rather than answer with a document no client can parse.
pub fn xml_safe(value: &str) -> bool {
    value.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    })
}

pub fn attrs(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", escape(v)))
        .collect()
}

fn upper_bool(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.into()
}

/// `<User …><Preferences …/></User>`; `with_mobile` false emulates servers that never send it.
pub fn user_element(a: &Account, with_mobile: bool) -> String {
    let u = &a.user;
    let mut pairs = vec![
        ("exists", "true".to_string()),
        ("UserID", u.id.to_string()),
        ("FirstName", u.first_name.clone()),
        ("LastName", u.last_name.clone()),
        ("Email", u.email.clone()),
    ];
    if with_mobile {
        pairs.push(("MobileNumber", u.mobile.clone()));
    }
    pairs.extend([
        ("Enabled", upper_bool(u.enabled)),
        ("UserName", u.user_name.clone()),
        ("Domain", u.domain.clone()),
        ("LastLogonDate", u.last_logon.clone()),
        ("LastPasswordChangeDate", u.last_password_change.clone()),
        ("AuthenticationAuthority", u.source.clone()),
        ("ReadOnlyUser", upper_bool(u.read_only)),
    ]);
    let p = &a.prefs;
    let prefs = attrs(&[
        ("Language", p.language.clone()),
        ("DefaultPortal", p.default_portal.clone()),
        ("ShowArchives", upper_bool(p.show_archives)),
        ("ShowHiddens", upper_bool(p.show_hiddens)),
        (
            "NotificationType",
            NOTIFICATION_NAMES[p.notification as usize].into(),
        ),
        ("NotificationTypeId", p.notification.to_string()),
        ("EmailType", p.email_type.clone()),
        ("AttachDocumentToEmail", upper_bool(p.attach)),
    ]);
    format!("<User{}><Preferences{prefs} /></User>", attrs(&pairs))
}

/// A UTC timestamp as `2026-03-20T14:35:00Z`, from seconds since the Unix epoch.
pub fn iso_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_774_017_300), "2026-03-20T14:35:00Z");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a\"<&>\n"), "a&quot;&lt;&amp;&gt;&#xA;");
        assert!(!xml_safe("\u{1}"));
        assert!(xml_safe("ok\t日本"));
    }
}
