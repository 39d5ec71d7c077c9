//! Every example request of the seeds and reference pages, in GET, POST and SOAP form, with a
//! real ticket for the sample one and the fixture's jdoe for the sample users.

mod common;
use common::*;

const VIAS: [Via; 3] = [Via::Get, Via::Post, Via::Soap];

#[tokio::test]
async fn session_calls() {
    for via in VIAS {
        let r = emulator(|_| {}).await;
        let login = answer(
            &call(
                &r,
                via,
                "AuthenticateUser",
                &[("UID", "jdoe"), ("PWD", "Secret123!")],
            )
            .await
            .body,
        );
        assert_eq!(login.name, "root");
        assert_eq!(login.attr("success"), "true");
        assert_eq!(login.attr("username"), "jdoe");
        assert_eq!(login.attr("fullname"), "John Doe");
        assert_eq!(login.attr("isAuthenticated"), "True");
        assert!(login.attr("expireOn").ends_with('Z'));
        let ticket = login.attr("ticket").to_string();
        assert_eq!(ticket.len(), 36);

        let valid = answer(
            &call(
                &r,
                via,
                "isValidTicket",
                &[("AuthenticationTicket", &ticket)],
            )
            .await
            .body,
        );
        assert_eq!(
            (
                valid.name.as_str(),
                valid.attr("success"),
                valid.attr("userid")
            ),
            ("root", "true", "3")
        );
        assert!(!valid.attrs.contains_key("ticket"));

        let current = answer(
            &call(
                &r,
                via,
                "GetCurrentUser",
                &[("authenticationTicket", &ticket)],
            )
            .await
            .body,
        );
        assert_eq!(current.name, "root");
        assert_eq!(current.find("User").unwrap().attr("UserName"), "jdoe");

        let out = answer(
            &call(&r, via, "LogOut", &[("AuthenticationTicket", &ticket)])
                .await
                .body,
        );
        assert_eq!((out.name.as_str(), out.attr("success")), ("root", "true"));
        let again = answer(
            &call(&r, via, "LogOut", &[("AuthenticationTicket", &ticket)])
                .await
                .body,
        );
        assert_eq!(
            again.attr("error"),
            "[901] Session expired or Invalid ticket"
        );
        r.shutdown().await;
    }
}

#[tokio::test]
async fn reading_users() {
    for via in VIAS {
        let r = emulator(|_| {}).await;
        let admin = sign_in(&r, "admin", "Admin123!").await;
        let got = answer(
            &call(
                &r,
                via,
                "GetUser",
                &[("authenticationTicket", &admin), ("UserName", "jdoe")],
            )
            .await
            .body,
        );
        assert_eq!(
            (got.name.as_str(), got.attr("success"), got.attr("error")),
            ("response", "true", "")
        );
        let u = got.find("User").unwrap();
        for (k, v) in [
            ("UserName", "jdoe"),
            ("Email", "john.doe@example.com"),
            ("MobileNumber", "+15551234567"),
            ("Enabled", "TRUE"),
            ("Domain", "Finance"),
            ("AuthenticationAuthority", "native"),
            ("ReadOnlyUser", "FALSE"),
            ("exists", "true"),
        ] {
            assert_eq!(u.attr(k), v, "{k}");
        }
        let p = u.find("Preferences").unwrap();
        for k in [
            "Language",
            "DefaultPortal",
            "ShowArchives",
            "ShowHiddens",
            "NotificationType",
            "NotificationTypeId",
            "EmailType",
            "AttachDocumentToEmail",
        ] {
            assert!(p.attrs.contains_key(k), "{k}");
        }
        let me = answer(
            &call(
                &r,
                via,
                "GetUser",
                &[("authenticationTicket", &admin), ("UserName", "")],
            )
            .await
            .body,
        );
        assert_eq!(me.find("User").unwrap().attr("UserName"), "admin");

        // GetAllUsers1, the page's GET example (Finance, enabled, by user name) and POST example.
        let page = answer(
            &call(
                &r,
                via,
                "GetAllUsers1",
                &[
                    ("authenticationTicket", &admin),
                    ("StartingRowNumber", "0"),
                    ("NumbeOfRow", "25"),
                    ("firstNameFilter", ""),
                    ("lastNameFilter", ""),
                    ("userNameFilter", ""),
                    ("emailFilter", ""),
                    ("authenticationSourceFilter", ""),
                    ("domainNameFilter", "Finance"),
                    ("StatusFilter", "1"),
                    ("SortBy", "1"),
                    ("SortAscending", "true"),
                ],
            )
            .await
            .body,
        );
        assert_eq!(page.name, "response");
        let users = &page.find("users").unwrap().children;
        assert_eq!(users.len(), 25);
        assert!(
            users
                .iter()
                .all(|u| u.attr("Domain") == "Finance" && u.attr("Enabled") == "TRUE")
        );
        let names: Vec<&str> = users.iter().map(|u| u.attr("UserName")).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
        assert!(page.attr("totalusercount").parse::<usize>().unwrap() > 25);

        let post = answer(
            &call(
                &r,
                via,
                "GetAllUsers1",
                &[
                    ("authenticationTicket", &admin),
                    ("StartingRowNumber", "0"),
                    ("NumbeOfRow", "25"),
                    ("StatusFilter", "-1"),
                    ("SortBy", "2"),
                    ("SortAscending", "true"),
                ],
            )
            .await
            .body,
        );
        assert_eq!(post.attr("totalusercount"), "2011");
        r.shutdown().await;
    }
}

#[tokio::test]
async fn the_five_operations() {
    for via in VIAS {
        let r = emulator(|_| {}).await;
        let t = sign_in(&r, "admin", "Admin123!").await;
        let ok = |body: &str| {
            let a = answer(body);
            assert_eq!(
                (a.name.as_str(), a.attr("success"), a.attr("error")),
                ("response", "true", ""),
                "{body}"
            );
        };
        ok(&call(
            &r,
            via,
            "UpdateUserContactInfo",
            &[
                ("authenticationTicket", &t),
                ("userName", "jdoe"),
                ("emailAddress", "john.doe@example.com"),
                ("mobileNumber", "+15551234567"),
            ],
        )
        .await
        .body);
        ok(&call(
            &r,
            via,
            "UpdateUserEmail",
            &[
                ("authenticationTicket", &t),
                ("UserName", "jdoe"),
                ("NewEmailAddress", "john.doe@example.com"),
            ],
        )
        .await
        .body);
        ok(&call(&r, via, "UpdateUserPreferences", &[("authenticationTicket", &t), ("UserName", "jdoe"), ("xmlPreferences", r#"<Preferences EmailType="HTML" Language="English" AttachDocumentToEmail="false" DefaultPortal="" ShowHiddens="false" ShowArchives="false" NotificationType="INSTANT" />"#)]).await.body);
        ok(&call(
            &r,
            via,
            "ChangeUserStatus",
            &[
                ("authenticationTicket", &t),
                ("UserName", "jdoe"),
                ("StatusCode", "0"),
            ],
        )
        .await
        .body);
        assert_eq!(get_user(&r, &t, "jdoe").await.attr("Enabled"), "FALSE");
        ok(&call(
            &r,
            via,
            "ChangeUserStatus",
            &[
                ("authenticationTicket", &t),
                ("UserName", "jdoe"),
                ("StatusCode", "1"),
            ],
        )
        .await
        .body);
        ok(&call(
            &r,
            via,
            "UpdateUserProfile",
            &[
                ("authenticationTicket", &t),
                ("UserName", "jdoe"),
                ("NewUserName", "jdoe"),
                ("NewFirstName", "Jonathan"),
                ("NewLastName", "Doe"),
                ("AuthenticateSource", "native"),
            ],
        )
        .await
        .body);
        assert_eq!(get_user(&r, &t, "jdoe").await.attr("FirstName"), "Jonathan");
        ok(&call(
            &r,
            via,
            "UpdateUserProfile",
            &[
                ("authenticationTicket", &t),
                ("UserName", "jdoe"),
                ("NewUserName", "john.doe"),
                ("NewFirstName", "John"),
                ("NewLastName", "Doe"),
                ("AuthenticateSource", "native"),
            ],
        )
        .await
        .body);
        assert_eq!(
            get_user(&r, &t, "john.doe").await.attr("UserName"),
            "john.doe"
        );
        let gone = answer(
            &call(
                &r,
                via,
                "GetUser",
                &[("authenticationTicket", &t), ("UserName", "jdoe")],
            )
            .await
            .body,
        );
        assert_eq!(gone.attr("error"), "User not found");
        r.shutdown().await;
    }
}

/// The seeds' POST examples written raw, as the pages show them: `+` arrives as a space
/// (the quirk the client must avoid) and the unencoded XML still parses.
#[tokio::test]
async fn raw_seed_bodies() {
    let r = emulator(|_| {}).await;
    let t = sign_in(&r, "jdoe", "Secret123!").await;
    let body = format!(
        "authenticationTicket={t}\n&userName=jdoe\n&emailAddress=john.doe@example.com\n&mobileNumber=+15551234567"
    );
    let reply = raw_post(
        &r,
        "/srv.asmx/UpdateUserContactInfo",
        "application/x-www-form-urlencoded",
        &body.replace('\n', ""),
        None,
    )
    .await;
    assert_eq!(answer(&reply.body).attr("success"), "true");
    assert_eq!(
        get_user(&r, &t, "jdoe").await.attr("MobileNumber"),
        " 15551234567"
    );

    let body = format!(
        r#"authenticationTicket={t}&UserName=jdoe&xmlPreferences=<Preferences EmailType="TEXT" Language="English" AttachDocumentToEmail="false" DefaultPortal="" ShowHiddens="false" ShowArchives="false" NotificationType="DAILY REPORT" />"#
    );
    let reply = raw_post(
        &r,
        "/srv.asmx/UpdateUserPreferences",
        "application/x-www-form-urlencoded",
        &body,
        None,
    )
    .await;
    assert_eq!(
        answer(&reply.body).attr("success"),
        "true",
        "{}",
        reply.body
    );
    let prefs = get_user(&r, &t, "jdoe")
        .await
        .find("Preferences")
        .unwrap()
        .clone();
    assert_eq!(
        (
            prefs.attr("EmailType"),
            prefs.attr("NotificationType"),
            prefs.attr("NotificationTypeId")
        ),
        ("TEXT", "DAILY REPORT", "2")
    );

    // The reference page's SOAP form: escaped XML inside XmlPreferences, AuthenticationTicket capitalised.
    let soap = format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://tempuri.org/"><soap:Body><tns:UpdateUserPreferences><tns:AuthenticationTicket>{t}</tns:AuthenticationTicket><tns:UserName>jdoe</tns:UserName><tns:XmlPreferences>&lt;Preferences NotificationType="NONE" /&gt;</tns:XmlPreferences></tns:UpdateUserPreferences></soap:Body></soap:Envelope>"#
    );
    let reply = raw_post(
        &r,
        "/srv.asmx",
        "text/xml; charset=utf-8",
        &soap,
        Some(("SOAPAction", "\"http://tempuri.org/UpdateUserPreferences\"")),
    )
    .await;
    assert!(reply.body.contains("<UpdateUserPreferencesResponse xmlns=\"http://tempuri.org/\"><UpdateUserPreferencesResult><response xmlns=\"\""), "{}", reply.body);
    assert_eq!(answer(&reply.body).attr("success"), "true");
    // The seed's SOAP form: the XML unescaped inside the element.
    let soap = soap.replace(
        "&lt;Preferences NotificationType=\"NONE\" /&gt;",
        "<Preferences NotificationType=\"INSTANT\" />",
    );
    let reply = raw_post(&r, "/srv.asmx", "text/xml; charset=utf-8", &soap, None).await;
    assert_eq!(
        answer(&reply.body).attr("success"),
        "true",
        "{}",
        reply.body
    );
    assert_eq!(
        get_user(&r, &t, "jdoe")
            .await
            .find("Preferences")
            .unwrap()
            .attr("NotificationType"),
        "INSTANT"
    );

    // The AuthenticateUser page's SOAP form: default namespace, no prefix.
    let soap = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><AuthenticateUser xmlns="http://tempuri.org/"><UID>JDOE</UID><PWD>Secret123!</PWD></AuthenticateUser></soap:Body></soap:Envelope>"#;
    let reply = raw_post(&r, "/srv.asmx", "text/xml; charset=utf-8", soap, None).await;
    assert_eq!(
        answer(&reply.body).attr("username"),
        "jdoe",
        "user names match ignoring case"
    );
    r.shutdown().await;
}

#[tokio::test]
async fn errors_as_the_pages_show_them() {
    let r = emulator(|_| {}).await;
    let t = sign_in(&r, "jdoe", "Secret123!").await;
    let err = |body: &str| answer(body).attr("error").to_string();
    assert_eq!(
        err(&call(
            &r,
            Via::Get,
            "AuthenticateUser",
            &[("UID", "jdoe"), ("PWD", "nope")]
        )
        .await
        .body),
        "[900] Authentication failed"
    );
    assert_eq!(
        err(&call(
            &r,
            Via::Get,
            "AuthenticateUser",
            &[("UID", "leaver"), ("PWD", "Secret123!")]
        )
        .await
        .body),
        "[900] Authentication failed"
    );
    assert_eq!(
        err(&call(
            &r,
            Via::Get,
            "AuthenticateUser",
            &[("UID", "sysadmin"), ("PWD", "sysadmin")]
        )
        .await
        .body),
        "[902] Ticket generation not allowed"
    );
    assert_eq!(
        err(&call(&r, Via::Get, "AuthenticateUser", &[("UID", "jdoe")])
            .await
            .body),
        "[903]Required parameter.'PWD'"
    );
    assert_eq!(
        err(&call(
            &r,
            Via::Post,
            "GetUser",
            &[
                ("authenticationTicket", TICKET_SAMPLE),
                ("UserName", "jdoe")
            ]
        )
        .await
        .body),
        "[901] Session expired or Invalid ticket"
    );
    assert_eq!(
        err(&call(
            &r,
            Via::Post,
            "GetUser",
            &[("authenticationTicket", &t), ("UserName", "nobody")]
        )
        .await
        .body),
        "User not found"
    );
    assert_eq!(
        err(&call(
            &r,
            Via::Post,
            "UpdateUserEmail",
            &[("authenticationTicket", &t), ("UserName", "jdoe")]
        )
        .await
        .body),
        "[903]Required parameter.'NewEmailAddress'"
    );
    let admin = sign_in(&r, "admin", "Admin123!").await;
    assert_eq!(
        err(&call(
            &r,
            Via::Post,
            "UpdateUserProfile",
            &[
                ("authenticationTicket", &admin),
                ("UserName", "jdoe"),
                ("NewUserName", "ASMITH"),
                ("NewFirstName", "J"),
                ("NewLastName", "D"),
                ("AuthenticateSource", "native")
            ]
        )
        .await
        .body),
        "Username already exists"
    );
    assert!(
        err(&call(
            &r,
            Via::Post,
            "UpdateUserProfile",
            &[
                ("authenticationTicket", &admin),
                ("UserName", "jdoe"),
                ("NewUserName", "jdoe"),
                ("NewFirstName", "J"),
                ("NewLastName", "D"),
                ("AuthenticateSource", "NOPE")
            ]
        )
        .await
        .body)
        .contains("Unknown authentication source 'NOPE'")
    );
    assert!(
        err(&call(
            &r,
            Via::Post,
            "UpdateUserPreferences",
            &[
                ("authenticationTicket", &t),
                ("UserName", "jdoe"),
                (
                    "xmlPreferences",
                    "<Preferences NotificationType=\"WEEKLY\"/>"
                )
            ]
        )
        .await
        .body)
        .starts_with("SystemError:Invalid xmlPreferences")
    );
    assert!(
        err(&call(
            &r,
            Via::Post,
            "UpdateUserPreferences",
            &[
                ("authenticationTicket", &t),
                ("UserName", "jdoe"),
                ("xmlPreferences", "<Preferences")
            ]
        )
        .await
        .body)
        .contains("malformed XML")
    );
    assert!(
        err(&call(
            &r,
            Via::Post,
            "ChangeUserStatus",
            &[
                ("authenticationTicket", &admin),
                ("UserName", "jdoe"),
                ("StatusCode", "2")
            ]
        )
        .await
        .body)
        .contains("Invalid StatusCode")
    );

    // An unknown operation: HTTP 500 with an HTML page, as ASP.NET answers.
    let unknown = call(&r, Via::Get, "DeleteEverything", &[]).await;
    assert_eq!(unknown.status, 500);
    assert!(
        unknown.body.contains("<html") && unknown.body.contains("Request format is unrecognized")
    );
    // UpdateUserContactInfo with empty strings clears both fields, as documented.
    let reply = call(
        &r,
        Via::Post,
        "UpdateUserContactInfo",
        &[
            ("authenticationTicket", &t),
            ("userName", "jdoe"),
            ("emailAddress", ""),
            ("mobileNumber", ""),
        ],
    )
    .await;
    assert_eq!(answer(&reply.body).attr("success"), "true");
    let u = get_user(&r, &t, "jdoe").await;
    assert_eq!((u.attr("Email"), u.attr("MobileNumber")), ("", ""));
    r.shutdown().await;
}

#[tokio::test]
async fn tickets_slide_and_expire() {
    let r = emulator(|c| c.ticket_ttl = std::time::Duration::from_secs(2)).await;
    let t = sign_in(&r, "jdoe", "Secret123!").await;
    for _ in 0..3 {
        tokio::time::sleep(std::time::Duration::from_millis(900)).await;
        // Each successful call extends the ticket: 2.7 s in, it is still alive.
        get_user(&r, &t, "").await;
    }
    // isValidTicket does not extend it.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let valid = answer(
        &call(
            &r,
            Via::Post,
            "isValidTicket",
            &[("AuthenticationTicket", &t)],
        )
        .await
        .body,
    );
    assert_eq!(valid.attr("success"), "true");
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    let gone = answer(
        &call(
            &r,
            Via::Post,
            "GetUser",
            &[("authenticationTicket", &t), ("UserName", "")],
        )
        .await
        .body,
    );
    assert_eq!(
        gone.attr("error"),
        "[901] Session expired or Invalid ticket"
    );
    r.shutdown().await;
}

/// ServerInfo's page: no ticket, no parameters; `<root success="true" VersionNumber=… />` with
/// lower-case booleans and no `error` on success.
#[tokio::test]
async fn server_info_page_requests() {
    let r = emulator(|_| {}).await;
    for via in VIAS {
        let reply = call(&r, via, "ServerInfo", &[]).await;
        assert_eq!(reply.status, 200, "{via:?}: {}", reply.body);
        let a = answer(&reply.body);
        assert_eq!(a.name, "root");
        assert_eq!(a.attr("success"), "true");
        assert!(!a.attrs.contains_key("error"));
        assert_eq!(a.attr("VersionNumber"), "8.7.0.0");
        for flag in [
            "WindowsAuthenticationIsOn",
            "WorkflowIsOn",
            "AnonymousAccessIsOn",
            "ComplianceModuleIsOn",
        ] {
            assert!(["true", "false"].contains(&a.attr(flag)), "{flag}");
        }
        for attr in [
            "Server_date_time",
            "Coordinated_Universal_Time",
            "UTC_Offset",
            "Company",
            "ServerName",
            "LicenseCount",
            "SubscriptionEndDate",
        ] {
            assert!(!a.attr(attr).is_empty(), "{attr}");
        }
        assert!(a.attr("Coordinated_Universal_Time").ends_with('Z'));
    }
    // The page's SOAP request, verbatim.
    let soap = r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <ServerInfo xmlns="http://tempuri.org/" />
  </soap:Body>
</soap:Envelope>"#;
    let reply = raw_post(
        &r,
        "/srv.asmx",
        "text/xml; charset=utf-8",
        soap,
        Some(("SOAPAction", "\"http://tempuri.org/ServerInfo\"")),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply
            .body
            .contains("<ServerInfoResponse xmlns=\"http://tempuri.org/\"><ServerInfoResult>")
    );
    assert_eq!(answer(&reply.body).attr("ServerName"), "IR-EMULATOR");
    // The page's GET request carries no query at all; a stray ticket is ignored.
    let reply = client()
        .get(format!("{}/srv.asmx/ServerInfo", r.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16(), 200);
    r.shutdown().await;
}

/// An emulator whose fixture also has the pages' `LDAP_Authority`.
async fn with_ldap_authority(tag: &str) -> (inforouter_emulator::Running, std::path::PathBuf) {
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/users.json"),
    )
    .unwrap();
    let mut fixture: serde_json::Value = serde_json::from_str(&base).unwrap();
    fixture["authorities"]
        .as_array_mut()
        .unwrap()
        .push("LDAP_Authority".into());
    let path =
        std::env::temp_dir().join(format!("emulator-replay-{tag}-{}.json", std::process::id()));
    std::fs::write(&path, fixture.to_string()).unwrap();
    let fixture_path = path.clone();
    (
        emulator(move |c| c.fixture = Some(fixture_path)).await,
        path,
    )
}

/// `(success, error)` of a `<response>` answer.
fn outcome(body: &str) -> (String, String) {
    let a = answer(body);
    assert_eq!(a.name, "response", "{body}");
    (
        a.attr("success").to_string(),
        a.attrs.get("error").cloned().unwrap_or_default(),
    )
}

fn succeeded(body: &str) {
    assert_eq!(outcome(body), ("true".to_string(), String::new()), "{body}");
}

/// The example requests of CreateUser, DeleteUser, DeleteUser1, ChangeUserPassword,
/// GetAuthenticationAndPasswordPolicy and UserExists, each in GET, POST and SOAP form, with a
/// real ticket for the sample one, the fixture's jdoe and the JavaScript section's jsmith.
#[tokio::test]
async fn account_lifecycle_pages() {
    for via in VIAS {
        let (r, fixture) = with_ldap_authority(&format!("{via:?}")).await;
        let admin = sign_in(&r, "admin", "Admin123!").await;
        let t = admin.as_str();
        // UserExists: jdoe.
        succeeded(
            &call(
                &r,
                via,
                "UserExists",
                &[("authenticationTicket", t), ("UserName", "jdoe")],
            )
            .await
            .body,
        );
        // DeleteUser by user name.
        succeeded(
            &call(
                &r,
                via,
                "DeleteUser",
                &[("authenticationTicket", t), ("UserName", "jdoe")],
            )
            .await
            .body,
        );
        assert_eq!(
            outcome(
                &call(
                    &r,
                    via,
                    "UserExists",
                    &[("authenticationTicket", t), ("UserName", "jdoe")],
                )
                .await
                .body
            ),
            ("false".to_string(), "User not found".to_string())
        );
        // CreateUser, native user (the GET, POST and SOAP examples are the same request).
        let native = [
            ("authenticationTicket", t),
            ("DomainName", "Finance"),
            ("UserName", "jdoe"),
            ("FirstName", "John"),
            ("LastName", "Doe"),
            ("EmailAddress", "john.doe@example.com"),
            ("Password", "InitialP@ss1"),
            ("ReadOnlyUser", "false"),
            ("AuthenticationSource", "native"),
        ];
        let created = answer(&call(&r, via, "CreateUser", &native).await.body);
        assert_eq!(
            (
                created.name.as_str(),
                created.attr("success"),
                created.attr("error")
            ),
            ("response", "true", "")
        );
        let id = created.attr("id").to_string();
        let u = get_user(&r, t, "jdoe").await;
        for (k, v) in [
            ("UserID", id.as_str()),
            ("Enabled", "TRUE"),
            ("ReadOnlyUser", "FALSE"),
            ("Domain", "Finance"),
            ("Email", "john.doe@example.com"),
            ("AuthenticationAuthority", "native"),
        ] {
            assert_eq!(u.attr(k), v, "{k}");
        }
        sign_in(&r, "jdoe", "InitialP@ss1").await;
        // DeleteUser by user ID.
        let by_id = format!("ID:{id}");
        succeeded(
            &call(
                &r,
                via,
                "DeleteUser",
                &[("authenticationTicket", t), ("UserName", &by_id)],
            )
            .await
            .body,
        );
        // CreateUser, external (LDAP) user without a password or a library.
        let ldap = [
            ("authenticationTicket", t),
            ("DomainName", ""),
            ("UserName", "jdoe"),
            ("FirstName", "John"),
            ("LastName", "Doe"),
            ("EmailAddress", "john.doe@example.com"),
            ("Password", ""),
            ("ReadOnlyUser", "false"),
            ("AuthenticationSource", "LDAP_Authority"),
        ];
        let created = answer(&call(&r, via, "CreateUser", &ldap).await.body);
        assert_eq!(created.attr("success"), "true", "{created:?}");
        let u = get_user(&r, t, "jdoe").await;
        assert_eq!(
            (u.attr("AuthenticationAuthority"), u.attr("Domain")),
            ("LDAP_Authority", "")
        );
        // DeleteUser1 with the page's `AdminP@ssword`, which is not admin's password: the
        // re-prompt is off, so it is not read and the user is deleted.
        succeeded(
            &call(
                &r,
                via,
                "DeleteUser1",
                &[
                    ("authenticationTicket", t),
                    ("UserPassword", "AdminP@ssword"),
                    ("UserName", "jdoe"),
                ],
            )
            .await
            .body,
        );
        // CreateUser from the JavaScript section.
        let created = answer(
            &call(
                &r,
                via,
                "CreateUser",
                &[
                    ("authenticationTicket", t),
                    ("DomainName", "Finance"),
                    ("UserName", "jsmith"),
                    ("FirstName", "Jane"),
                    ("LastName", "Smith"),
                    ("EmailAddress", "jsmith@example.com"),
                    ("Password", "Passw0rd!x"),
                    ("ReadOnlyUser", "false"),
                    ("AuthenticationSource", "INFOROUTER"),
                ],
            )
            .await
            .body,
        );
        assert_eq!(created.attr("success"), "true", "{created:?}");
        // ChangeUserPassword: a user changing their own password...
        let jsmith = sign_in(&r, "jsmith", "Passw0rd!x").await;
        let changed = answer(
            &call(
                &r,
                via,
                "ChangeUserPassword",
                &[
                    ("AuthenticationTicket", &jsmith),
                    ("UserName", "jsmith"),
                    ("NewPassword", "NewSecure!99"),
                ],
            )
            .await
            .body,
        );
        assert_eq!(
            (changed.name.as_str(), changed.attr("success")),
            ("root", "true")
        );
        assert!(!changed.attrs.contains_key("error"));
        sign_in(&r, "jsmith", "NewSecure!99").await;
        // ... and an administrator (User Manager) changing another user's (the fixture's
        // asmith for the sample user).
        let changed = answer(
            &call(
                &r,
                via,
                "ChangeUserPassword",
                &[
                    ("AuthenticationTicket", t),
                    ("UserName", "asmith"),
                    ("NewPassword", "NewSecure!99"),
                ],
            )
            .await
            .body,
        );
        assert_eq!(changed.attr("success"), "true");
        sign_in(&r, "asmith", "NewSecure!99").await;
        // GetAuthenticationAndPasswordPolicy: the sample's elements in the sample's order.
        let policy = answer(
            &call(
                &r,
                via,
                "GetAuthenticationAndPasswordPolicy",
                &[("authenticationTicket", &jsmith)],
            )
            .await
            .body,
        );
        assert_eq!(
            (policy.name.as_str(), policy.attr("success")),
            ("response", "true")
        );
        assert!(!policy.attrs.contains_key("error"));
        let root = policy.find("AuthenticationAndPasswordPolicy").unwrap();
        let names = |el: &El| {
            el.children
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(root), ["PasswordPolicy", "PasswordRePromptActions"]);
        assert_eq!(
            names(&root.children[0]),
            [
                "Expires",
                "MinLen",
                "MustIncludeAlphaNumericCharacters",
                "MustIncludeNumericCharacters",
                "MustIncludeNonAlphaNumericCharacters",
                "MustNotEqualEmailAddress",
                "MustNotEqualUserName",
                "MustNotInCommonPasswordList"
            ]
        );
        assert_eq!(
            names(&root.children[1]),
            [
                "DomainDelete",
                "OnDelete",
                "UserDelete",
                "SecurityApply",
                "OnOwnerChange",
                "OnClassify",
                "OnReviewTask"
            ]
        );
        r.shutdown().await;
        let _ = std::fs::remove_file(fixture);
    }
}

async fn raw_get(r: &inforouter_emulator::Running, path: &str) -> Reply {
    let resp = client()
        .get(format!("{}{path}", r.url()))
        .send()
        .await
        .unwrap();
    Reply {
        status: resp.status().as_u16(),
        body: resp.text().await.unwrap(),
    }
}

async fn raw_soap(r: &inforouter_emulator::Running, op: &str, envelope: &str) -> Reply {
    raw_post(
        r,
        "/srv.asmx",
        "text/xml; charset=utf-8",
        envelope,
        Some(("SOAPAction", &format!("\"http://tempuri.org/{op}\""))),
    )
    .await
}

async fn raw_form(r: &inforouter_emulator::Running, op: &str, body: &str) -> Reply {
    raw_post(
        r,
        &format!("/srv.asmx/{op}"),
        "application/x-www-form-urlencoded",
        &body.replace('\n', ""),
        None,
    )
    .await
}

/// The same pages' requests written as they show them: the GET URLs, the POST bodies with raw
/// `@` and `!`, and the SOAP envelopes (prefixed `tns:` or in the default namespace), only the
/// sample ticket replaced.
#[tokio::test]
async fn account_lifecycle_pages_verbatim() {
    let (r, fixture) = with_ldap_authority("verbatim").await;
    let admin = sign_in(&r, "admin", "Admin123!").await;
    let real = |text: &str| {
        text.replace(TICKET_SAMPLE, &admin)
            .replace("admin-ticket-guid", &admin)
    };
    let get_create_native = real(
        "/srv.asmx/CreateUser?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&DomainName=Finance&UserName=jdoe&FirstName=John&LastName=Doe&EmailAddress=john.doe%40example.com&Password=InitialP%40ss1&ReadOnlyUser=false&AuthenticationSource=native",
    );
    let get_create_ldap = real(
        "/srv.asmx/CreateUser?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&DomainName=&UserName=jdoe&FirstName=John&LastName=Doe&EmailAddress=john.doe%40example.com&Password=&ReadOnlyUser=false&AuthenticationSource=LDAP_Authority",
    );
    let post_create = real(
        "authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301
&DomainName=Finance
&UserName=jdoe
&FirstName=John
&LastName=Doe
&EmailAddress=john.doe@example.com
&Password=InitialP@ss1
&ReadOnlyUser=false
&AuthenticationSource=native",
    );
    let soap_create = real(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
               xmlns:tns="http://tempuri.org/">
  <soap:Body>
    <tns:CreateUser>
      <tns:AuthenticationTicket>3f2504e0-4f89-11d3-9a0c-0305e82c3301</tns:AuthenticationTicket>
      <tns:DomainName>Finance</tns:DomainName>
      <tns:UserName>jdoe</tns:UserName>
      <tns:FirstName>John</tns:FirstName>
      <tns:LastName>Doe</tns:LastName>
      <tns:EmailAddress>john.doe@example.com</tns:EmailAddress>
      <tns:Password>InitialP@ss1</tns:Password>
      <tns:ReadOnlyUser>false</tns:ReadOnlyUser>
      <tns:AuthenticationSource>native</tns:AuthenticationSource>
    </tns:CreateUser>
  </soap:Body>
</soap:Envelope>"#,
    );
    let get_delete = real(
        "/srv.asmx/DeleteUser?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&UserName=jdoe",
    );
    let post_delete =
        real("authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301\n&UserName=jdoe");
    let soap_delete = real(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
               xmlns:tns="http://tempuri.org/">
  <soap:Body>
    <tns:DeleteUser>
      <tns:AuthenticationTicket>3f2504e0-4f89-11d3-9a0c-0305e82c3301</tns:AuthenticationTicket>
      <tns:UserName>jdoe</tns:UserName>
    </tns:DeleteUser>
  </soap:Body>
</soap:Envelope>"#,
    );
    let get_delete1 = real(
        "/srv.asmx/DeleteUser1?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&UserPassword=AdminP%40ssword&UserName=jdoe",
    );
    let post_delete1 = real(
        "authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301\n&UserPassword=AdminP@ssword\n&UserName=jdoe",
    );
    let soap_delete1 = real(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
               xmlns:tns="http://tempuri.org/">
  <soap:Body>
    <tns:DeleteUser1>
      <tns:AuthenticationTicket>3f2504e0-4f89-11d3-9a0c-0305e82c3301</tns:AuthenticationTicket>
      <tns:UserPassword>AdminP@ssword</tns:UserPassword>
      <tns:UserName>jdoe</tns:UserName>
    </tns:DeleteUser1>
  </soap:Body>
</soap:Envelope>"#,
    );

    // UserExists, its three forms.
    succeeded(
        &raw_get(
            &r,
            &real("/srv.asmx/UserExists?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&UserName=jdoe"),
        )
        .await
        .body,
    );
    succeeded(
        &raw_form(
            &r,
            "UserExists",
            &real("authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301\n&UserName=jdoe"),
        )
        .await
        .body,
    );
    let reply = raw_soap(
        &r,
        "UserExists",
        &real(
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
               xmlns:tns="http://tempuri.org/">
  <soap:Body>
    <tns:UserExists>
      <tns:AuthenticationTicket>3f2504e0-4f89-11d3-9a0c-0305e82c3301</tns:AuthenticationTicket>
      <tns:UserName>jdoe</tns:UserName>
    </tns:UserExists>
  </soap:Body>
</soap:Envelope>"#,
        ),
    )
    .await;
    assert!(
        reply
            .body
            .contains("<UserExistsResponse xmlns=\"http://tempuri.org/\"><UserExistsResult><response xmlns=\"\" success=\"true\" error=\"\" /></UserExistsResult>"),
        "{}",
        reply.body
    );

    // Delete and create in turn, every form of both pages.
    succeeded(&raw_get(&r, &get_delete).await.body);
    let created = answer(&raw_get(&r, &get_create_native).await.body);
    assert_eq!(created.attr("success"), "true", "{created:?}");
    sign_in(&r, "jdoe", "InitialP@ss1").await;
    let by_id = real(&format!(
        "/srv.asmx/DeleteUser?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&UserName=ID:{}",
        created.attr("id")
    ));
    succeeded(&raw_get(&r, &by_id).await.body);
    let created = answer(&raw_get(&r, &get_create_ldap).await.body);
    assert_eq!(created.attr("success"), "true", "{created:?}");
    succeeded(&raw_form(&r, "DeleteUser", &post_delete).await.body);
    let created = answer(&raw_form(&r, "CreateUser", &post_create).await.body);
    assert_eq!(created.attr("success"), "true", "{created:?}");
    assert_eq!(
        get_user(&r, &admin, "jdoe").await.attr("Email"),
        "john.doe@example.com"
    );
    sign_in(&r, "jdoe", "InitialP@ss1").await;
    let reply = raw_soap(&r, "DeleteUser", &soap_delete).await;
    assert!(
        reply.body.contains("<DeleteUserResult><response xmlns=\"\" success=\"true\" error=\"\" /></DeleteUserResult>"),
        "{}",
        reply.body
    );
    let reply = raw_soap(&r, "CreateUser", &soap_create).await;
    assert_eq!(
        answer(&reply.body).attr("success"),
        "true",
        "{}",
        reply.body
    );
    succeeded(&raw_get(&r, &get_delete1).await.body);
    assert_eq!(
        answer(&raw_soap(&r, "CreateUser", &soap_create).await.body).attr("success"),
        "true"
    );
    succeeded(&raw_form(&r, "DeleteUser1", &post_delete1).await.body);
    assert_eq!(
        answer(&raw_soap(&r, "CreateUser", &soap_create).await.body).attr("success"),
        "true"
    );
    succeeded(&raw_soap(&r, "DeleteUser1", &soap_delete1).await.body);

    // ChangeUserPassword's three requests, for jsmith (created as the CreateUser page's
    // JavaScript does); between them an administrator sets another password, so each is a change.
    let js = answer(
        &call(
            &r,
            Via::Post,
            "CreateUser",
            &[
                ("authenticationTicket", &admin),
                ("DomainName", "Finance"),
                ("UserName", "jsmith"),
                ("FirstName", "Jane"),
                ("LastName", "Smith"),
                ("EmailAddress", "jsmith@example.com"),
                ("Password", "Passw0rd!x"),
                ("ReadOnlyUser", "false"),
                ("AuthenticationSource", "INFOROUTER"),
            ],
        )
        .await
        .body,
    );
    assert_eq!(js.attr("success"), "true");
    let reset = || async {
        let a = answer(
            &call(
                &r,
                Via::Post,
                "ChangeUserPassword",
                &[
                    ("AuthenticationTicket", &admin),
                    ("UserName", "jsmith"),
                    ("NewPassword", "Passw0rd!x"),
                ],
            )
            .await
            .body,
        );
        assert_eq!(a.attr("success"), "true", "{a:?}");
    };
    let jsmith = sign_in(&r, "jsmith", "Passw0rd!x").await;
    let root_ok = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root success=\"true\" />";
    let reply = raw_get(
        &r,
        &format!(
            "/srv.asmx/ChangeUserPassword?AuthenticationTicket={jsmith}&UserName=jsmith&NewPassword=NewSecure!99"
        ),
    )
    .await;
    assert_eq!(reply.body, root_ok);
    sign_in(&r, "jsmith", "NewSecure!99").await;
    reset().await;
    let reply = raw_form(
        &r,
        "ChangeUserPassword",
        &real("AuthenticationTicket=admin-ticket-guid&UserName=jsmith&NewPassword=NewSecure!99"),
    )
    .await;
    assert_eq!(reply.body, root_ok);
    reset().await;
    let reply = raw_soap(
        &r,
        "ChangeUserPassword",
        &r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <ChangeUserPassword xmlns="http://tempuri.org/">
      <AuthenticationTicket>abc123-def456</AuthenticationTicket>
      <UserName>jsmith</UserName>
      <NewPassword>NewSecure!99</NewPassword>
    </ChangeUserPassword>
  </soap:Body>
</soap:Envelope>"#
            .replace("abc123-def456", &jsmith),
    )
    .await;
    assert!(
        reply.body.contains("<ChangeUserPasswordResponse xmlns=\"http://tempuri.org/\"><ChangeUserPasswordResult><root xmlns=\"\" success=\"true\" /></ChangeUserPasswordResult>"),
        "{}",
        reply.body
    );
    sign_in(&r, "jsmith", "NewSecure!99").await;

    // GetAuthenticationAndPasswordPolicy's three requests.
    let policy_get = raw_get(
        &r,
        &format!("/srv.asmx/GetAuthenticationAndPasswordPolicy?authenticationTicket={jsmith}"),
    )
    .await;
    assert_eq!(policy_get.status, 200);
    assert!(
        policy_get
            .body
            .contains("<response success=\"true\"><AuthenticationAndPasswordPolicy><PasswordPolicy><Expires>0</Expires><MinLen>8</MinLen>"),
        "{}",
        policy_get.body
    );
    let policy_post = raw_form(
        &r,
        "GetAuthenticationAndPasswordPolicy",
        &format!("authenticationTicket={jsmith}"),
    )
    .await;
    assert_eq!(policy_post.body, policy_get.body);
    let reply = raw_soap(
        &r,
        "GetAuthenticationAndPasswordPolicy",
        &r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <GetAuthenticationAndPasswordPolicy xmlns="http://tempuri.org/">
      <authenticationTicket>abc123-def456</authenticationTicket>
    </GetAuthenticationAndPasswordPolicy>
  </soap:Body>
</soap:Envelope>"#
            .replace("abc123-def456", &jsmith),
    )
    .await;
    let element = policy_get
        .body
        .trim_start_matches("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .replacen("<response", "<response xmlns=\"\"", 1);
    assert!(
        reply.body.contains(&format!(
            "<GetAuthenticationAndPasswordPolicyResult>{element}</GetAuthenticationAndPasswordPolicyResult>"
        )),
        "{}",
        reply.body
    );
    r.shutdown().await;
    let _ = std::fs::remove_file(fixture);
}
