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
        assert_eq!(post.attr("totalusercount"), "2010");
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
