//! The server behaviours the refreshed pages describe: a newer server (`errorCode`, localised
//! texts, HTTP 400 for an empty required value), a replacing UpdateUserPreferences, and GET/POST
//! switched off in web.config. Each settable at start and at runtime.

mod common;
use common::*;

const VIAS: [Via; 3] = [Via::Get, Via::Post, Via::Soap];
const JDOE: (&str, &str) = ("jdoe", "Secret123!");
const ADMIN: (&str, &str) = ("admin", "Admin123!");

async fn modern() -> inforouter_emulator::Running {
    emulator(|c| c.faults.modern = true).await
}

/// `(error, errorCode)` of a failed answer; panics on success.
fn failure(reply: &Reply) -> (String, String) {
    assert_eq!(reply.status, 200, "{}", reply.body);
    let a = answer(&reply.body);
    assert_eq!(a.attr("success"), "false", "{}", reply.body);
    (a.attr("error").to_string(), a.attr("errorCode").to_string())
}

#[tokio::test]
async fn modern_failures_carry_error_code_and_german_text() {
    let r = modern().await;
    let jdoe = sign_in(&r, JDOE.0, JDOE.1).await;
    let admin = sign_in(&r, ADMIN.0, ADMIN.1).await;
    let bogus = "00000000-0000-0000-0000-000000000000";
    for via in VIAS {
        // Expired or unknown ticket: 4010, no bracket, German.
        let (error, code) = failure(
            &call(
                &r,
                via,
                "UpdateUserEmail",
                &[
                    ("authenticationTicket", bogus),
                    ("UserName", "jdoe"),
                    ("NewEmailAddress", "a@b.c"),
                ],
            )
            .await,
        );
        assert_eq!(code, "4010");
        assert_eq!(error, "Sitzung abgelaufen oder ungültiges Ticket");
        assert!(!error.contains('['));

        // No ticket at all: 4030 on the four self-service updates, 4010 elsewhere.
        for (op, params, want) in [
            (
                "UpdateUserContactInfo",
                vec![
                    ("userName", "jdoe"),
                    ("emailAddress", "a@b.c"),
                    ("mobileNumber", ""),
                ],
                "4030",
            ),
            (
                "UpdateUserEmail",
                vec![("UserName", "jdoe"), ("NewEmailAddress", "a@b.c")],
                "4030",
            ),
            (
                "UpdateUserPreferences",
                vec![("UserName", "jdoe"), ("xmlPreferences", "<Preferences/>")],
                "4030",
            ),
            (
                "UpdateUserProfile",
                vec![
                    ("UserName", "jdoe"),
                    ("NewUserName", "jdoe"),
                    ("NewFirstName", "John"),
                    ("NewLastName", "Doe"),
                    ("AuthenticateSource", "native"),
                ],
                "4030",
            ),
            (
                "ChangeUserStatus",
                vec![("UserName", "jdoe"), ("StatusCode", "1")],
                "4010",
            ),
            ("GetUser", vec![("UserName", "jdoe")], "4010"),
            ("GetCurrentUser", vec![], "4010"),
        ] {
            let mut with_empty_ticket = vec![("authenticationTicket", "")];
            with_empty_ticket.extend(params.iter().copied());
            for pairs in [params.clone(), with_empty_ticket] {
                let (_, code) = failure(&call(&r, via, op, &pairs).await);
                assert_eq!(code, want, "{op} {via:?} {pairs:?}");
            }
        }

        // No such user: 4041 on the updates, 4000 on GetUser.
        let (error, code) = failure(
            &call(
                &r,
                via,
                "UpdateUserEmail",
                &[
                    ("authenticationTicket", &admin),
                    ("UserName", "nobody"),
                    ("NewEmailAddress", "a@b.c"),
                ],
            )
            .await,
        );
        assert_eq!(
            (error.as_str(), code.as_str()),
            ("Benutzer nicht gefunden", "4041")
        );
        let (_, code) = failure(
            &call(
                &r,
                via,
                "GetUser",
                &[("authenticationTicket", &admin), ("UserName", "nobody")],
            )
            .await,
        );
        assert_eq!(code, "4000");

        // Not allowed: 4030.
        let (error, code) = failure(
            &call(
                &r,
                via,
                "ChangeUserStatus",
                &[
                    ("authenticationTicket", &jdoe),
                    ("UserName", "asmith"),
                    ("StatusCode", "0"),
                ],
            )
            .await,
        );
        assert_eq!(
            (error.as_str(), code.as_str()),
            ("Zugriff verweigert", "4030")
        );
        let (_, code) = failure(
            &call(
                &r,
                via,
                "GetAllUsers1",
                &[
                    ("authenticationTicket", &jdoe),
                    ("StartingRowNumber", "0"),
                    ("NumbeOfRow", "5"),
                    ("firstNameFilter", ""),
                    ("lastNameFilter", ""),
                    ("userNameFilter", ""),
                    ("emailFilter", ""),
                    ("authenticationSourceFilter", ""),
                    ("domainNameFilter", ""),
                    ("StatusFilter", "-1"),
                    ("SortBy", "0"),
                    ("SortAscending", "true"),
                ],
            )
            .await,
        );
        assert_eq!(code, "4030");

        // A taken name: 4090; an unknown authority and a bad StatusCode: 4000.
        let profile = |new_name: &'static str, source: &'static str| {
            vec![
                ("authenticationTicket", admin.as_str()),
                ("UserName", "jdoe"),
                ("NewUserName", new_name),
                ("NewFirstName", "John"),
                ("NewLastName", "Doe"),
                ("AuthenticateSource", source),
            ]
        };
        let (_, code) =
            failure(&call(&r, via, "UpdateUserProfile", &profile("asmith", "native")).await);
        assert_eq!(code, "4090");
        let (error, code) =
            failure(&call(&r, via, "UpdateUserProfile", &profile("jdoe", "NOPE-LDAP")).await);
        assert_eq!(code, "4000");
        assert!(error.contains("NOPE-LDAP"), "{error}");
        let (_, code) = failure(
            &call(
                &r,
                via,
                "ChangeUserStatus",
                &[
                    ("authenticationTicket", &admin),
                    ("UserName", "jdoe"),
                    ("StatusCode", "7"),
                ],
            )
            .await,
        );
        assert_eq!(code, "4000");
        // Malformed xmlPreferences: 4000, the parser's message in English.
        let (error, code) = failure(
            &call(
                &r,
                via,
                "UpdateUserPreferences",
                &[
                    ("authenticationTicket", &jdoe),
                    ("UserName", "jdoe"),
                    ("xmlPreferences", "<Preferences"),
                ],
            )
            .await,
        );
        assert_eq!(code, "4000");
        assert!(error.contains("not valid"), "{error}");
    }

    // AuthenticateUser spells the attribute `errorcode`.
    let a = answer(
        &call(
            &r,
            Via::Post,
            "AuthenticateUser",
            &[("UID", "jdoe"), ("PWD", "wrong")],
        )
        .await
        .body,
    );
    assert_eq!(a.attr("success"), "false");
    assert_eq!(a.attr("errorcode"), "900");
    assert_eq!(a.attr("error"), "Anmeldung fehlgeschlagen");
    // Successes are unchanged.
    let u = get_user(&r, &jdoe, "").await;
    assert_eq!(u.attr("UserName"), "jdoe");
    r.shutdown().await;
}

/// An operation, its parameters but the ticket, and the parameter the 400 names.
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    &'static str,
);

#[tokio::test]
async fn modern_empty_or_omitted_required_values_answer_http_400_without_xml() {
    let r = modern().await;
    let jdoe = sign_in(&r, JDOE.0, JDOE.1).await;
    let admin = sign_in(&r, ADMIN.0, ADMIN.1).await;
    let cases: Vec<Case> = vec![
        (
            "UpdateUserContactInfo",
            vec![
                ("userName", ""),
                ("emailAddress", "a@b.c"),
                ("mobileNumber", ""),
            ],
            "userName",
        ),
        (
            "UpdateUserEmail",
            vec![("UserName", "jdoe"), ("NewEmailAddress", "")],
            "NewEmailAddress",
        ),
        ("UpdateUserEmail", vec![("UserName", " ")], "UserName"),
        (
            "UpdateUserProfile",
            vec![
                ("UserName", "jdoe"),
                ("NewUserName", "jdoe"),
                ("NewFirstName", "John"),
                ("NewLastName", ""),
                ("AuthenticateSource", "native"),
            ],
            "NewLastName",
        ),
        (
            "UpdateUserPreferences",
            vec![("UserName", "jdoe"), ("xmlPreferences", "")],
            "xmlPreferences",
        ),
        (
            "ChangeUserStatus",
            vec![("UserName", ""), ("StatusCode", "1")],
            "UserName",
        ),
        // GetAllUsers1: an omitted filter is refused like an empty string elsewhere.
        (
            "GetAllUsers1",
            vec![
                ("StartingRowNumber", "0"),
                ("NumbeOfRow", "5"),
                ("firstNameFilter", ""),
                ("lastNameFilter", ""),
                ("userNameFilter", ""),
                ("emailFilter", ""),
                ("authenticationSourceFilter", ""),
                ("StatusFilter", "-1"),
                ("SortBy", "0"),
                ("SortAscending", "true"),
            ],
            "domainNameFilter",
        ),
    ];
    for via in VIAS {
        for (op, params, name) in &cases {
            // The ticket is never what is refused: even a valid one gets the 400.
            let ticket =
                if *op == "ChangeUserStatus" || *op == "GetAllUsers1" || *op == "UpdateUserProfile"
                {
                    &admin
                } else {
                    &jdoe
                };
            let mut pairs = vec![("authenticationTicket", ticket.as_str())];
            pairs.extend(params.iter().copied());
            let reply = call(&r, via, op, &pairs).await;
            assert_eq!(reply.status, 400, "{op} {via:?}: {}", reply.body);
            assert!(
                !reply.body.trim_start().starts_with('<'),
                "no XML: {}",
                reply.body
            );
            if via != Via::Soap {
                assert!(reply.body.contains(name), "{op}: {}", reply.body);
            }
        }
    }
    // Nothing changed, and the log shows the 400s.
    assert_eq!(
        get_user(&r, &jdoe, "").await.attr("Email"),
        "john.doe@example.com"
    );
    let log: serde_json::Value = client()
        .get(format!("{}/_emulator/log", r.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap();
    assert!(log.as_array().unwrap().iter().any(|e| e["status"] == 400));
    // All six filters present (empty) and StatusFilter -1 is a full list.
    let reply = call(
        &r,
        Via::Post,
        "GetAllUsers1",
        &[
            ("authenticationTicket", &admin),
            ("StartingRowNumber", "0"),
            ("NumbeOfRow", "5"),
            ("firstNameFilter", ""),
            ("lastNameFilter", ""),
            ("userNameFilter", ""),
            ("emailFilter", ""),
            ("authenticationSourceFilter", ""),
            ("domainNameFilter", ""),
            ("StatusFilter", "-1"),
            ("SortBy", "0"),
            ("SortAscending", "true"),
        ],
    )
    .await;
    let a = answer(&reply.body);
    assert_eq!(a.attr("success"), "true");
    assert!(a.attr("totalusercount").parse::<u32>().unwrap() > 2000);
    // Contact info: an omitted email or mobile keeps the value (null); GetUser's empty name is
    // the caller.
    let reply = call(
        &r,
        Via::Post,
        "UpdateUserContactInfo",
        &[
            ("authenticationTicket", &jdoe),
            ("userName", "jdoe"),
            ("emailAddress", "new@example.com"),
        ],
    )
    .await;
    assert_eq!(
        answer(&reply.body).attr("success"),
        "true",
        "{}",
        reply.body
    );
    let u = get_user(&r, &jdoe, "").await;
    assert_eq!(u.attr("Email"), "new@example.com");
    assert_eq!(u.attr("MobileNumber"), "+15551234567");
    r.shutdown().await;
}

#[tokio::test]
async fn classic_answers_are_unchanged_without_modern() {
    let r = emulator(|_| {}).await;
    let reply = call(
        &r,
        Via::Post,
        "UpdateUserEmail",
        &[
            ("authenticationTicket", "bogus"),
            ("UserName", "jdoe"),
            ("NewEmailAddress", ""),
        ],
    )
    .await;
    assert_eq!(reply.status, 200);
    let a = answer(&reply.body);
    assert_eq!(a.attr("error"), "[901] Session expired or Invalid ticket");
    assert!(!a.attrs.contains_key("errorCode"));
    r.shutdown().await;
}

#[tokio::test]
async fn modes_switch_at_runtime() {
    let r = emulator(|_| {}).await;
    set_faults(&r, r#"{"modern":true}"#).await;
    let reply = call(
        &r,
        Via::Post,
        "GetCurrentUser",
        &[("authenticationTicket", "x")],
    )
    .await;
    assert_eq!(failure(&reply).1, "4010");
    let faults: serde_json::Value = client()
        .get(format!("{}/_emulator/faults", r.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .map(|t| serde_json::from_str(&t).unwrap())
        .unwrap();
    assert_eq!(faults["modern"], true);
    assert_eq!(faults["prefs_replace"], false);
    assert_eq!(faults["protocols_off"], false);
    set_faults(&r, r#"{"protocols_off":true}"#).await;
    let reply = call(&r, Via::Get, "ServerInfo", &[]).await;
    assert_eq!(reply.status, 500);
    set_faults(&r, "{}").await;
    let reply = call(&r, Via::Get, "ServerInfo", &[]).await;
    assert_eq!(reply.status, 200);
    r.shutdown().await;
}

fn prefs(user: &El) -> El {
    user.find("Preferences").unwrap().clone()
}

#[tokio::test]
async fn preferences_merge_by_default_and_replace_when_asked() {
    for replace in [false, true] {
        let r = emulator(|c| c.faults.prefs_replace = replace).await;
        let jdoe = sign_in(&r, JDOE.0, JDOE.1).await;
        // Start from non-default values.
        let all = r#"<Preferences Language="Deutsch" DefaultPortal="R&amp;D" ShowArchives="true" ShowHiddens="true" NotificationType="DAILY REPORT" EmailType="TEXT" AttachDocumentToEmail="true" />"#;
        let reply = call(
            &r,
            Via::Post,
            "UpdateUserPreferences",
            &[
                ("authenticationTicket", &jdoe),
                ("UserName", "jdoe"),
                ("xmlPreferences", all),
            ],
        )
        .await;
        assert_eq!(answer(&reply.body).attr("success"), "true");
        let p = prefs(&get_user(&r, &jdoe, "jdoe").await);
        assert_eq!(p.attr("Language"), "Deutsch");
        // Now send one attribute only.
        let reply = call(
            &r,
            Via::Post,
            "UpdateUserPreferences",
            &[
                ("authenticationTicket", &jdoe),
                ("UserName", "jdoe"),
                ("xmlPreferences", r#"<Preferences ShowHiddens="false" />"#),
            ],
        )
        .await;
        assert_eq!(answer(&reply.body).attr("success"), "true");
        let p = prefs(&get_user(&r, &jdoe, "jdoe").await);
        assert_eq!(p.attr("ShowHiddens"), "FALSE");
        if replace {
            // The others went back to the defaults.
            assert_eq!(p.attr("Language"), "English");
            assert_eq!(p.attr("DefaultPortal"), "");
            assert_eq!(p.attr("ShowArchives"), "FALSE");
            assert_eq!(p.attr("NotificationType"), "INSTANT");
            assert_eq!(p.attr("EmailType"), "HTML");
            assert_eq!(p.attr("AttachDocumentToEmail"), "FALSE");
        } else {
            assert_eq!(p.attr("Language"), "Deutsch");
            assert_eq!(p.attr("DefaultPortal"), "R&D");
            assert_eq!(p.attr("ShowArchives"), "TRUE");
            assert_eq!(p.attr("NotificationType"), "DAILY REPORT");
            assert_eq!(p.attr("EmailType"), "TEXT");
            assert_eq!(p.attr("AttachDocumentToEmail"), "TRUE");
        }
        // The complete block is right under both readings.
        let reply = call(
            &r,
            Via::Soap,
            "UpdateUserPreferences",
            &[
                ("authenticationTicket", &jdoe),
                ("UserName", "jdoe"),
                ("xmlPreferences", all),
            ],
        )
        .await;
        assert_eq!(answer(&reply.body).attr("success"), "true");
        let p = prefs(&get_user(&r, &jdoe, "jdoe").await);
        assert_eq!(
            (
                p.attr("Language"),
                p.attr("ShowHiddens"),
                p.attr("NotificationTypeId")
            ),
            ("Deutsch", "TRUE", "2")
        );
        r.shutdown().await;
    }
}

#[tokio::test]
async fn protocols_off_refuses_get_and_post_but_not_soap() {
    let r = emulator(|c| c.faults.protocols_off = true).await;
    for via in [Via::Get, Via::Post] {
        for op in ["ServerInfo", "AuthenticateUser", "GetUser", "NoSuchOp"] {
            let reply = call(&r, via, op, &[("UID", "jdoe"), ("PWD", "Secret123!")]).await;
            assert_eq!(reply.status, 500, "{op} {via:?}");
            assert!(
                reply.body.contains(&format!(
                    "Request format is unrecognized for URL unexpectedly ending in &apos;/{op}&apos;."
                )) || reply.body.contains(&format!(
                    "Request format is unrecognized for URL unexpectedly ending in '/{op}'."
                )),
                "{}",
                reply.body
            );
            assert!(reply.body.contains("<html"), "an HTML page");
        }
    }
    let login = answer(
        &call(
            &r,
            Via::Soap,
            "AuthenticateUser",
            &[("UID", "jdoe"), ("PWD", "Secret123!")],
        )
        .await
        .body,
    );
    assert_eq!(login.attr("success"), "true");
    let info = call(&r, Via::Soap, "ServerInfo", &[]).await;
    assert_eq!(info.status, 200);
    assert_eq!(answer(&info.body).attr("VersionNumber"), "8.7.0.0");
    r.shutdown().await;
}
