//! The server behaviours the refreshed pages describe: a newer server (`errorCode`, localised
//! texts, HTTP 400 for an empty required value), a replacing UpdateUserPreferences, and GET/POST
//! switched off in web.config. Each settable at start and at runtime. The calls are rows of the
//! table harness (`common/table.rs`).

mod common;
use common::table::*;
use common::*;
use inforouter_emulator::Config;

fn modern(c: &mut Config) {
    c.faults.modern = true;
}

#[tokio::test]
async fn modern_failures_carry_error_code_and_german_text() {
    let b = Bench::new(modern).await;
    #[rustfmt::skip]
    let mut rows: Vec<Row> = vec![
        ("an expired or unknown ticket: 4010, no bracket, German", Expired, "UpdateUserEmail", new_email("jdoe", "a@b.c"),
            CodeText("4010", "Sitzung abgelaufen oder ungültiges Ticket")),
    ];
    // No ticket at all: 4030 on the four self-service updates, 4010 elsewhere.
    #[rustfmt::skip]
    let unticketed = [
        ("UpdateUserContactInfo", contact_info("jdoe", "a@b.c", ""), "4030"),
        ("UpdateUserEmail", new_email("jdoe", "a@b.c"), "4030"),
        ("UpdateUserPreferences", preferences("jdoe", "<Preferences/>"), "4030"),
        ("UpdateUserProfile", profile("jdoe", "jdoe", "John", "Doe", "native"), "4030"),
        ("ChangeUserStatus", new_status("jdoe", "1"), "4010"),
        ("GetUser", named("jdoe"), "4010"),
        ("GetCurrentUser", vec![], "4010"),
    ];
    for (op, params, code) in unticketed {
        for who in [NoTicket, Blank] {
            rows.push(("no ticket", who, op, params.clone(), Code(code)));
        }
    }
    #[rustfmt::skip]
    rows.extend([
        ("no such user: 4041 on the updates", Admin, "UpdateUserEmail", new_email("nobody", "a@b.c"),
            CodeText("4041", "Benutzer nicht gefunden")),
        ("no such user: 4000 on GetUser", Admin, "GetUser", named("nobody"), Code("4000")),
        ("not allowed: 4030", Jdoe, "ChangeUserStatus", new_status("asmith", "0"), CodeText("4030", "Zugriff verweigert")),
        ("not allowed: 4030", Jdoe, "GetAllUsers1", all_users("5", "-1", "0"), Code("4030")),
        ("a taken name: 4090", Admin, "UpdateUserProfile", profile("jdoe", "asmith", "John", "Doe", "native"), Code("4090")),
        ("an unknown authority: 4000", Admin, "UpdateUserProfile", profile("jdoe", "jdoe", "John", "Doe", "NOPE-LDAP"),
            CodeMentioning("4000", &["NOPE-LDAP"])),
        ("a bad StatusCode: 4000", Admin, "ChangeUserStatus", new_status("jdoe", "7"), Code("4000")),
        ("malformed xmlPreferences: 4000, the parser's message in English", Jdoe, "UpdateUserPreferences",
            preferences("jdoe", "<Preferences"), CodeMentioning("4000", &["not valid"])),
    ]);
    for via in VIAS {
        b.run(via, &rows).await;
    }
    #[rustfmt::skip]
    let rows = [
        ("AuthenticateUser spells the attribute `errorcode`", NoTicket, SIGN_IN, login("jdoe", "wrong"),
            CodeText("900", "Anmeldung fehlgeschlagen")),
        ("successes are unchanged", Jdoe, "GetUser", named(""), SucceedsWith("User", &[("UserName", "jdoe")])),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn modern_empty_or_omitted_required_values_answer_http_400_without_xml() {
    let b = Bench::new(modern).await;
    // The ticket is never what is refused: even a valid one gets the 400.
    let empty = "an empty required value";
    #[rustfmt::skip]
    let rows = [
        (empty, Jdoe, "UpdateUserContactInfo", contact_info("", "a@b.c", ""), BadRequest("userName")),
        (empty, Jdoe, "UpdateUserEmail", new_email("jdoe", ""), BadRequest("NewEmailAddress")),
        ("a blank name, the address omitted", Jdoe, "UpdateUserEmail", named(" "), BadRequest("UserName")),
        (empty, Admin, "UpdateUserProfile", profile("jdoe", "jdoe", "John", "", "native"), BadRequest("NewLastName")),
        (empty, Jdoe, "UpdateUserPreferences", preferences("jdoe", ""), BadRequest("xmlPreferences")),
        (empty, Admin, "ChangeUserStatus", new_status("", "1"), BadRequest("UserName")),
        ("GetAllUsers1: an omitted filter is refused like an empty string elsewhere", Admin, "GetAllUsers1",
            without(all_users("5", "-1", "0"), "domainNameFilter"), BadRequest("domainNameFilter")),
    ];
    for via in VIAS {
        b.run(via, &rows).await;
    }
    let kept = [("Email", "john.doe@example.com")];
    let changed = [
        ("Email", "new@example.com"),
        ("MobileNumber", "+15551234567"),
    ];
    #[rustfmt::skip]
    let rows = [
        ("nothing changed", Jdoe, "GetUser", named(""), SucceedsWith("User", &kept)),
        ("all six filters present (empty) and StatusFilter -1 is a full list", Admin, "GetAllUsers1",
            all_users("5", "-1", "0"), Succeeds),
        ("an omitted mobile keeps the value (null)", Jdoe, "UpdateUserContactInfo",
            without(contact_info("jdoe", "new@example.com", ""), "mobileNumber"), Succeeds),
        ("GetUser's empty name is the caller", Jdoe, "GetUser", named(""), SucceedsWith("User", &changed)),
    ];
    let answers = b.run(Via::Post, &rows).await;
    assert!(answers[1].attr("totalusercount").parse::<u32>().unwrap() > 2000);
    // The log shows the 400s.
    let log = control_get(&b.r, "/_emulator/log").await;
    let log: serde_json::Value = serde_json::from_str(&log).unwrap();
    assert!(log.as_array().unwrap().iter().any(|e| e["status"] == 400));
    b.shutdown().await;
}

#[tokio::test]
async fn classic_answers_are_unchanged_without_modern() {
    let b = Bench::new(|_| {}).await;
    #[rustfmt::skip]
    let row = ("a bogus ticket and an empty value", Holder("bogus"), "UpdateUserEmail", new_email("jdoe", ""), Fails(EXPIRED));
    b.check(Via::Post, &row).await;
    b.shutdown().await;
}

#[tokio::test]
async fn modes_switch_at_runtime() {
    let b = Bench::new(|_| {}).await;
    set_faults(&b.r, r#"{"modern":true}"#).await;
    let row = (
        "modern from now on",
        Holder("x"),
        "GetCurrentUser",
        vec![],
        Code("4010"),
    );
    b.check(Via::Post, &row).await;
    let faults = control_get(&b.r, "/_emulator/faults").await;
    let faults: serde_json::Value = serde_json::from_str(&faults).unwrap();
    assert_eq!(faults["modern"], true);
    assert_eq!(faults["prefs_replace"], false);
    assert_eq!(faults["protocols_off"], false);
    set_faults(&b.r, r#"{"protocols_off":true}"#).await;
    let reply = call(&b.r, Via::Get, "ServerInfo", &[]).await;
    assert_eq!(reply.status, 500);
    set_faults(&b.r, "{}").await;
    let reply = call(&b.r, Via::Get, "ServerInfo", &[]).await;
    assert_eq!(reply.status, 200);
    b.shutdown().await;
}

#[tokio::test]
async fn preferences_merge_by_default_and_replace_when_asked() {
    const UPDATE: &str = "UpdateUserPreferences";
    let all = r#"<Preferences Language="Deutsch" DefaultPortal="R&amp;D" ShowArchives="true" ShowHiddens="true" NotificationType="DAILY REPORT" EmailType="TEXT" AttachDocumentToEmail="true" />"#;
    let one = r#"<Preferences ShowHiddens="false" />"#;
    for replace in [false, true] {
        let b = Bench::new(|c| c.faults.prefs_replace = replace).await;
        // After one attribute only: replaced, the others went back to the defaults; merged,
        // they stayed.
        #[rustfmt::skip]
        let after_one: &[(&str, &str)] = if replace {
            &[("ShowHiddens", "FALSE"), ("Language", "English"), ("DefaultPortal", ""), ("ShowArchives", "FALSE"),
                ("NotificationType", "INSTANT"), ("EmailType", "HTML"), ("AttachDocumentToEmail", "FALSE")]
        } else {
            &[("ShowHiddens", "FALSE"), ("Language", "Deutsch"), ("DefaultPortal", "R&D"), ("ShowArchives", "TRUE"),
                ("NotificationType", "DAILY REPORT"), ("EmailType", "TEXT"), ("AttachDocumentToEmail", "TRUE")]
        };
        #[rustfmt::skip]
        let rows = [
            ("start from non-default values", Jdoe, UPDATE, preferences("jdoe", all), Succeeds),
            ("they are stored", Jdoe, "GetUser", named("jdoe"), SucceedsWith("Preferences", &[("Language", "Deutsch")])),
            ("now send one attribute only", Jdoe, UPDATE, preferences("jdoe", one), Succeeds),
            ("read back", Jdoe, "GetUser", named("jdoe"), SucceedsWith("Preferences", after_one)),
        ];
        b.run(Via::Post, &rows).await;
        // The complete block is right under both readings.
        let complete = (
            "the complete block",
            Jdoe,
            UPDATE,
            preferences("jdoe", all),
            Succeeds,
        );
        b.check(Via::Soap, &complete).await;
        let stored = [
            ("Language", "Deutsch"),
            ("ShowHiddens", "TRUE"),
            ("NotificationTypeId", "2"),
        ];
        #[rustfmt::skip]
        let read = ("read back", Jdoe, "GetUser", named("jdoe"), SucceedsWith("Preferences", &stored));
        b.check(Via::Post, &read).await;
        b.shutdown().await;
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
    // A Bench signs in by POST, refused here: SOAP calls checked as rows would be.
    let login = call(&r, Via::Soap, SIGN_IN, &login("jdoe", "Secret123!")).await;
    expect(&login, Via::Soap, SIGN_IN, Succeeds, "SOAP signs in");
    let info = call(&r, Via::Soap, "ServerInfo", &[]).await;
    let version = SucceedsWith("root", &[("VersionNumber", "8.7.0.0")]);
    expect(&info, Via::Soap, "ServerInfo", version, "SOAP answers");
    r.shutdown().await;
}

#[tokio::test]
async fn an_older_server_lacks_the_newer_calls_as_unknown_operations() {
    let r = emulator(|c| c.faults.old_wsdl = true).await;
    let login = call(&r, Via::Post, SIGN_IN, &login("jdoe", "Secret123!")).await;
    expect(
        &login,
        Via::Post,
        SIGN_IN,
        Succeeds,
        "AuthenticateUser is there",
    );
    for op in [
        "GetAllUsers1",
        "GetCurrentUser",
        "DeleteUser1",
        "UpdateUserContactInfo",
    ] {
        let plain = call(&r, Via::Post, op, &[]).await;
        assert_eq!(plain.status, 500, "{op}");
        assert!(
            plain.body.contains("Request format is unrecognized"),
            "{}",
            plain.body
        );
        let soap = call(&r, Via::Soap, op, &[]).await;
        assert_eq!(soap.status, 500, "{op} over SOAP");
        assert!(
            soap.body.contains(&format!(
                "Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/{op}."
            )),
            "{}",
            soap.body
        );
    }
    // The older listing is there: every user at once, by first and last name.
    let t = sign_in(&r, "admin", "Admin123!").await;
    let all = answer(
        &call(
            &r,
            Via::Soap,
            "GetAllUsers",
            &[("AuthenticationTicket", &t)],
        )
        .await
        .body,
    );
    assert_eq!(all.attr("success"), "true");
    let users = &all.find("users").unwrap().children;
    assert!(users.len() > 3);
    let names: Vec<String> = users
        .iter()
        .map(|u| format!("{} {}", u.attr("FirstName"), u.attr("LastName")).to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    r.shutdown().await;
}
