//! Every example request of the seeds and reference pages, in GET, POST and SOAP form, with a
//! real ticket for the sample one and the fixture's jdoe for the sample users. The calls are
//! rows of the table harness (`common/table.rs`); the requests the pages write out stay text.

mod common;
use common::table::*;
use common::*;
use inforouter_emulator::Running;

/// The seeds' complete preferences block.
const PREFERENCES: &str = r#"<Preferences EmailType="HTML" Language="English" AttachDocumentToEmail="false" DefaultPortal="" ShowHiddens="false" ShowArchives="false" NotificationType="INSTANT" />"#;

#[tokio::test]
async fn session_calls() {
    for via in VIAS {
        let b = Bench::new(|_| {}).await;
        let who = [
            ("username", "jdoe"),
            ("fullname", "John Doe"),
            ("isAuthenticated", "True"),
        ];
        #[rustfmt::skip]
        let login = ("jdoe signs in", NoTicket, SIGN_IN, login("jdoe", "Secret123!"), SucceedsWith("root", &who));
        let login = b.check(via, &login).await;
        assert!(login.attr("expireOn").ends_with('Z'));
        let ticket = login.attr("ticket");
        assert_eq!(ticket.len(), 36);
        let holder = Holder(ticket);
        #[rustfmt::skip]
        let rows = [
            ("the ticket is valid", holder, "isValidTicket", vec![], SucceedsWith("root", &[("userid", "3")])),
            ("the ticket's user", holder, "GetCurrentUser", vec![], SucceedsWith("User", &[("UserName", "jdoe")])),
            ("signing out", holder, "LogOut", vec![], Succeeds),
            ("signing out again", holder, "LogOut", vec![], Fails(EXPIRED)),
        ];
        let answers = b.run(via, &rows).await;
        assert!(!answers[0].attrs.contains_key("ticket"));
        b.shutdown().await;
    }
}

#[tokio::test]
async fn reading_users() {
    #[rustfmt::skip]
    let jdoe = [
        ("UserName", "jdoe"), ("Email", "john.doe@example.com"), ("MobileNumber", "+15551234567"), ("Enabled", "TRUE"),
        ("Domain", "Finance"), ("AuthenticationAuthority", "native"), ("ReadOnlyUser", "FALSE"), ("exists", "true"),
    ];
    // GetAllUsers1, the page's GET example (Finance, enabled, by user name) and POST example.
    let finance = with(all_users("25", "1", "1"), "domainNameFilter", "Finance");
    #[rustfmt::skip]
    let post_example = vec![
        ("StartingRowNumber", "0"), ("NumbeOfRow", "25"), ("StatusFilter", "-1"), ("SortBy", "2"), ("SortAscending", "true"),
    ];
    #[rustfmt::skip]
    let rows = [
        ("a user", Admin, "GetUser", named("jdoe"), SucceedsWith("User", &jdoe)),
        ("no name is the caller", Admin, "GetUser", named(""), SucceedsWith("User", &[("UserName", "admin")])),
        ("the GET example", Admin, "GetAllUsers1", finance, Succeeds),
        ("the POST example", Admin, "GetAllUsers1", post_example, SucceedsWith("response", &[("totalusercount", "2011")])),
    ];
    for via in VIAS {
        let b = Bench::new(|_| {}).await;
        let answers = b.run(via, &rows).await;
        let p = answers[0].find("Preferences").unwrap();
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
        let page = &answers[2];
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
        b.shutdown().await;
    }
}

#[tokio::test]
async fn the_five_operations() {
    #[rustfmt::skip]
    let rows = [
        ("the example", Admin, "UpdateUserContactInfo", contact_info("jdoe", "john.doe@example.com", "+15551234567"), Succeeds),
        ("the example", Admin, "UpdateUserEmail", new_email("jdoe", "john.doe@example.com"), Succeeds),
        ("the example", Admin, "UpdateUserPreferences", preferences("jdoe", PREFERENCES), Succeeds),
        ("disabling", Admin, "ChangeUserStatus", new_status("jdoe", "0"), Succeeds),
        ("disabled", Admin, "GetUser", named("jdoe"), SucceedsWith("User", &[("Enabled", "FALSE")])),
        ("enabling", Admin, "ChangeUserStatus", new_status("jdoe", "1"), Succeeds),
        ("a new first name", Admin, "UpdateUserProfile", profile("jdoe", "jdoe", "Jonathan", "Doe", "native"), Succeeds),
        ("the new first name", Admin, "GetUser", named("jdoe"), SucceedsWith("User", &[("FirstName", "Jonathan")])),
        ("a rename", Admin, "UpdateUserProfile", profile("jdoe", "john.doe", "John", "Doe", "native"), Succeeds),
        ("the new name", Admin, "GetUser", named("john.doe"), SucceedsWith("User", &[("UserName", "john.doe")])),
        ("the old name is gone", Admin, "GetUser", named("jdoe"), Fails(NO_USER)),
    ];
    for via in VIAS {
        let b = Bench::new(|_| {}).await;
        b.run(via, &rows).await;
        b.shutdown().await;
    }
}

/// The reply to a request written out as a page shows it: the operation's success.
fn succeeded(op: &str, reply: &Reply) -> El {
    expect(
        reply,
        Via::Post,
        op,
        Succeeds,
        "a page's request as written",
    )
}

/// The seeds' POST examples written raw, as the pages show them: `+` arrives as a space
/// (the quirk the client must avoid) and the unencoded XML still parses.
#[tokio::test]
async fn raw_seed_bodies() {
    let b = Bench::new(|_| {}).await;
    let (r, t) = (&b.r, &b.jdoe);
    let body = format!(
        "authenticationTicket={t}\n&userName=jdoe\n&emailAddress=john.doe@example.com\n&mobileNumber=+15551234567"
    );
    succeeded(
        "UpdateUserContactInfo",
        &raw_form(r, "UpdateUserContactInfo", &body).await,
    );
    let mobile = [("MobileNumber", " 15551234567")];
    b.check(
        Via::Post,
        &(
            "the plus became a space",
            Jdoe,
            "GetUser",
            named("jdoe"),
            SucceedsWith("User", &mobile),
        ),
    )
    .await;

    let body = format!(
        r#"authenticationTicket={t}&UserName=jdoe&xmlPreferences=<Preferences EmailType="TEXT" Language="English" AttachDocumentToEmail="false" DefaultPortal="" ShowHiddens="false" ShowArchives="false" NotificationType="DAILY REPORT" />"#
    );
    succeeded(
        "UpdateUserPreferences",
        &raw_form(r, "UpdateUserPreferences", &body).await,
    );
    #[rustfmt::skip]
    let stored = [("EmailType", "TEXT"), ("NotificationType", "DAILY REPORT"), ("NotificationTypeId", "2")];
    b.check(
        Via::Post,
        &(
            "the unencoded XML",
            Jdoe,
            "GetUser",
            named("jdoe"),
            SucceedsWith("Preferences", &stored),
        ),
    )
    .await;

    // The reference page's SOAP form: escaped XML inside XmlPreferences, AuthenticationTicket capitalised.
    let soap = format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://tempuri.org/"><soap:Body><tns:UpdateUserPreferences><tns:AuthenticationTicket>{t}</tns:AuthenticationTicket><tns:UserName>jdoe</tns:UserName><tns:XmlPreferences>&lt;Preferences NotificationType="NONE" /&gt;</tns:XmlPreferences></tns:UpdateUserPreferences></soap:Body></soap:Envelope>"#
    );
    let reply = raw_soap(r, "UpdateUserPreferences", &soap).await;
    assert!(reply.body.contains("<UpdateUserPreferencesResponse xmlns=\"http://tempuri.org/\"><UpdateUserPreferencesResult><response xmlns=\"\""), "{}", reply.body);
    succeeded("UpdateUserPreferences", &reply);
    // The seed's SOAP form: the XML unescaped inside the element.
    let soap = soap.replace(
        "&lt;Preferences NotificationType=\"NONE\" /&gt;",
        "<Preferences NotificationType=\"INSTANT\" />",
    );
    let reply = raw_post(r, "/srv.asmx", "text/xml; charset=utf-8", &soap, None).await;
    succeeded("UpdateUserPreferences", &reply);
    let instant = [("NotificationType", "INSTANT")];
    b.check(
        Via::Post,
        &(
            "the unescaped XML",
            Jdoe,
            "GetUser",
            named("jdoe"),
            SucceedsWith("Preferences", &instant),
        ),
    )
    .await;

    // The AuthenticateUser page's SOAP form: default namespace, no prefix.
    let soap = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><AuthenticateUser xmlns="http://tempuri.org/"><UID>JDOE</UID><PWD>Secret123!</PWD></AuthenticateUser></soap:Body></soap:Envelope>"#;
    let reply = raw_post(r, "/srv.asmx", "text/xml; charset=utf-8", soap, None).await;
    assert_eq!(
        answer(&reply.body).attr("username"),
        "jdoe",
        "user names match ignoring case"
    );
    b.shutdown().await;
}

#[tokio::test]
async fn errors_as_the_pages_show_them() {
    let b = Bench::new(|_| {}).await;
    #[rustfmt::skip]
    let rows = [
        ("a wrong password", NoTicket, SIGN_IN, login("jdoe", "nope"), Fails(BAD_LOGIN)),
        ("a disabled user", NoTicket, SIGN_IN, login("leaver", "Secret123!"), Fails(BAD_LOGIN)),
        ("the built-in administrator", NoTicket, SIGN_IN, login("sysadmin", "sysadmin"),
            Fails("[902] Ticket generation not allowed")),
        ("no password", NoTicket, SIGN_IN, vec![("UID", "jdoe")], Fails("[903]Required parameter.'PWD'")),
    ];
    b.run(Via::Get, &rows).await;
    let weekly = r#"<Preferences NotificationType="WEEKLY"/>"#;
    #[rustfmt::skip]
    let rows = [
        ("the sample ticket", Holder(TICKET_SAMPLE), "GetUser", named("jdoe"), Fails(EXPIRED)),
        ("no such user", Jdoe, "GetUser", named("nobody"), Fails(NO_USER)),
        ("an omitted parameter", Jdoe, "UpdateUserEmail", named("jdoe"), Fails("[903]Required parameter.'NewEmailAddress'")),
        ("a taken name", Admin, "UpdateUserProfile", profile("jdoe", "ASMITH", "J", "D", "native"), Fails(TAKEN)),
        ("an unknown authority", Admin, "UpdateUserProfile", profile("jdoe", "jdoe", "J", "D", "NOPE"),
            FailsMentioning(&["Unknown authentication source 'NOPE'"])),
        ("an unknown notification type", Jdoe, "UpdateUserPreferences", preferences("jdoe", weekly),
            FailsStarting("SystemError:Invalid xmlPreferences")),
        ("malformed XML", Jdoe, "UpdateUserPreferences", preferences("jdoe", "<Preferences"), FailsMentioning(&["malformed XML"])),
        ("an unknown status", Admin, "ChangeUserStatus", new_status("jdoe", "2"), FailsMentioning(&["Invalid StatusCode"])),
    ];
    b.run(Via::Post, &rows).await;

    // An unknown operation: HTTP 500 with an HTML page, as ASP.NET answers.
    let unknown = call(&b.r, Via::Get, "DeleteEverything", &[]).await;
    assert_eq!(unknown.status, 500);
    assert!(
        unknown.body.contains("<html") && unknown.body.contains("Request format is unrecognized")
    );
    #[rustfmt::skip]
    let rows = [
        ("empty strings clear both fields, as documented", Jdoe, "UpdateUserContactInfo", contact_info("jdoe", "", ""),
            Succeeds),
        ("both cleared", Jdoe, "GetUser", named("jdoe"), SucceedsWith("User", &[("Email", ""), ("MobileNumber", "")])),
    ];
    b.run(Via::Post, &rows).await;
    b.shutdown().await;
}

#[tokio::test]
async fn tickets_slide_and_expire() {
    let b = Bench::new(|c| c.ticket_ttl = std::time::Duration::from_secs(2)).await;
    for _ in 0..3 {
        tokio::time::sleep(std::time::Duration::from_millis(900)).await;
        // Each successful call extends the ticket: 2.7 s in, it is still alive.
        get_user(&b.r, &b.jdoe, "").await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let row = ("still valid", Jdoe, "isValidTicket", vec![], Succeeds);
    b.check(Via::Post, &row).await;
    // isValidTicket did not extend it.
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    let row = ("expired", Jdoe, "GetUser", named(""), Fails(EXPIRED));
    b.check(Via::Post, &row).await;
    b.shutdown().await;
}

/// ServerInfo's page: no ticket, no parameters; `<root success="true" VersionNumber=… />` with
/// lower-case booleans and no `error` on success.
#[tokio::test]
async fn server_info_page_requests() {
    let b = Bench::new(|_| {}).await;
    let version = [("VersionNumber", "8.7.0.0")];
    let row = (
        "the server",
        NoTicket,
        "ServerInfo",
        vec![],
        SucceedsWith("root", &version),
    );
    for via in VIAS {
        let a = b.check(via, &row).await;
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
    let reply = raw_soap(&b.r, "ServerInfo", soap).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply
            .body
            .contains("<ServerInfoResponse xmlns=\"http://tempuri.org/\"><ServerInfoResult>")
    );
    assert_eq!(answer(&reply.body).attr("ServerName"), "IR-EMULATOR");
    // The page's GET request carries no query at all.
    let reply = raw_get(&b.r, "/srv.asmx/ServerInfo").await;
    assert_eq!(reply.status, 200);
    b.shutdown().await;
}

/// A fixture that also has the pages' `LDAP_Authority`, written to a file named for `tag`.
fn ldap_fixture(tag: &str) -> std::path::PathBuf {
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
    path
}

/// The pages' CreateUser example: John Doe, a writer in Finance, a native user.
fn john_doe() -> Params<'static> {
    vec![
        ("DomainName", "Finance"),
        ("UserName", "jdoe"),
        ("FirstName", "John"),
        ("LastName", "Doe"),
        ("EmailAddress", "john.doe@example.com"),
        ("Password", "InitialP@ss1"),
        ("ReadOnlyUser", "false"),
        ("AuthenticationSource", "native"),
    ]
}

/// The CreateUser page's JavaScript section: jsmith, under the 7.5-era name of native.
fn jsmith() -> Params<'static> {
    vec![
        ("DomainName", "Finance"),
        ("UserName", "jsmith"),
        ("FirstName", "Jane"),
        ("LastName", "Smith"),
        ("EmailAddress", "jsmith@example.com"),
        ("Password", "Passw0rd!x"),
        ("ReadOnlyUser", "false"),
        ("AuthenticationSource", "INFOROUTER"),
    ]
}

/// The example requests of CreateUser, DeleteUser, DeleteUser1, ChangeUserPassword,
/// GetAuthenticationAndPasswordPolicy and UserExists, each in GET, POST and SOAP form, with a
/// real ticket for the sample one, the fixture's jdoe and the JavaScript section's jsmith.
#[tokio::test]
async fn account_lifecycle_pages() {
    // The external (LDAP) user: no password, no library.
    let ldap = [
        ("DomainName", ""),
        ("Password", ""),
        ("AuthenticationSource", "LDAP_Authority"),
    ];
    let ldap = ldap.into_iter().fold(john_doe(), |p, (k, v)| with(p, k, v));
    for via in VIAS {
        let fixture = ldap_fixture(&format!("{via:?}"));
        let b = Bench::new(|c| c.fixture = Some(fixture.clone())).await;
        #[rustfmt::skip]
        let rows = [
            ("UserExists: jdoe", Admin, "UserExists", named("jdoe"), Succeeds),
            ("DeleteUser by user name", Admin, "DeleteUser", named("jdoe"), Succeeds),
            ("the user is gone", Admin, "UserExists", named("jdoe"), Fails(NO_USER)),
            ("CreateUser, a native user (the GET, POST and SOAP examples are one request)", Admin, "CreateUser", john_doe(),
                Succeeds),
        ];
        let answers = b.run(via, &rows).await;
        let id = answers[3].attr("id");
        let by_id = format!("ID:{id}");
        #[rustfmt::skip]
        let created = [
            ("UserID", id), ("Enabled", "TRUE"), ("ReadOnlyUser", "FALSE"), ("Domain", "Finance"),
            ("Email", "john.doe@example.com"), ("AuthenticationAuthority", "native"),
        ];
        let external = [
            ("AuthenticationAuthority", "LDAP_Authority"),
            ("Domain", ""),
        ];
        #[rustfmt::skip]
        let rows = [
            ("as created", Admin, "GetUser", named("jdoe"), SucceedsWith("User", &created)),
            ("who signs in", NoTicket, SIGN_IN, login("jdoe", "InitialP@ss1"), Succeeds),
            ("DeleteUser by user ID", Admin, "DeleteUser", named(&by_id), Succeeds),
            ("CreateUser, an external user", Admin, "CreateUser", ldap.clone(), Succeeds),
            ("as created", Admin, "GetUser", named("jdoe"), SucceedsWith("User", &external)),
            // The page's `AdminP@ssword` is not admin's password: the re-prompt is off, so it is
            // not read and the user is deleted.
            ("DeleteUser1", Admin, "DeleteUser1", confirm("AdminP@ssword", "jdoe"), Succeeds),
            ("CreateUser from the JavaScript section", Admin, "CreateUser", jsmith(), Succeeds),
        ];
        b.run(via, &rows).await;
        let jsmith = sign_in(&b.r, "jsmith", "Passw0rd!x").await;
        #[rustfmt::skip]
        let rows = [
            ("a user changes their own password", Holder(&jsmith), CHANGE, new_password("jsmith", "NewSecure!99"), Succeeds),
            ("which signs in", NoTicket, SIGN_IN, login("jsmith", "NewSecure!99"), Succeeds),
            // The fixture's asmith for the sample user.
            ("an administrator (User Manager) changes another user's", Admin, CHANGE, new_password("asmith", "NewSecure!99"),
                Succeeds),
            ("which signs in", NoTicket, SIGN_IN, login("asmith", "NewSecure!99"), Succeeds),
            ("the policy", Holder(&jsmith), POLICY, vec![], Succeeds),
        ];
        let answers = b.run(via, &rows).await;
        // GetAuthenticationAndPasswordPolicy: the sample's elements in the sample's order.
        let root = answers[4].find("AuthenticationAndPasswordPolicy").unwrap();
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
        b.shutdown().await;
        let _ = std::fs::remove_file(fixture);
    }
}

async fn raw_get(r: &Running, path: &str) -> Reply {
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

async fn raw_soap(r: &Running, op: &str, envelope: &str) -> Reply {
    raw_post(
        r,
        "/srv.asmx",
        "text/xml; charset=utf-8",
        envelope,
        Some(("SOAPAction", &format!("\"http://tempuri.org/{op}\""))),
    )
    .await
}

/// A form POST of the body as written, its line breaks taken out.
async fn raw_form(r: &Running, op: &str, body: &str) -> Reply {
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
    let fixture = ldap_fixture("verbatim");
    let b = Bench::new(|c| c.fixture = Some(fixture.clone())).await;
    let (r, admin) = (&b.r, &b.admin);
    let real = |text: &str| {
        text.replace(TICKET_SAMPLE, admin)
            .replace("admin-ticket-guid", admin)
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
    let get_exists = real(
        "/srv.asmx/UserExists?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&UserName=jdoe",
    );
    succeeded("UserExists", &raw_get(r, &get_exists).await);
    let post_exists =
        real("authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301\n&UserName=jdoe");
    succeeded("UserExists", &raw_form(r, "UserExists", &post_exists).await);
    let soap_exists = real(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
               xmlns:tns="http://tempuri.org/">
  <soap:Body>
    <tns:UserExists>
      <tns:AuthenticationTicket>3f2504e0-4f89-11d3-9a0c-0305e82c3301</tns:AuthenticationTicket>
      <tns:UserName>jdoe</tns:UserName>
    </tns:UserExists>
  </soap:Body>
</soap:Envelope>"#,
    );
    let reply = raw_soap(r, "UserExists", &soap_exists).await;
    let done = r#"<response success="true" error="" />"#;
    assert_answer_is(&reply, Via::Soap, "UserExists", done);

    // Delete and create in turn, every form of both pages.
    succeeded("DeleteUser", &raw_get(r, &get_delete).await);
    let created = succeeded("CreateUser", &raw_get(r, &get_create_native).await);
    sign_in(r, "jdoe", "InitialP@ss1").await;
    let by_id = real(&format!(
        "/srv.asmx/DeleteUser?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&UserName=ID:{}",
        created.attr("id")
    ));
    succeeded("DeleteUser", &raw_get(r, &by_id).await);
    succeeded("CreateUser", &raw_get(r, &get_create_ldap).await);
    succeeded("DeleteUser", &raw_form(r, "DeleteUser", &post_delete).await);
    succeeded("CreateUser", &raw_form(r, "CreateUser", &post_create).await);
    let email = [("Email", "john.doe@example.com")];
    b.check(
        Via::Post,
        &(
            "created by the POST body",
            Admin,
            "GetUser",
            named("jdoe"),
            SucceedsWith("User", &email),
        ),
    )
    .await;
    sign_in(r, "jdoe", "InitialP@ss1").await;
    let reply = raw_soap(r, "DeleteUser", &soap_delete).await;
    assert_answer_is(&reply, Via::Soap, "DeleteUser", done);
    succeeded("CreateUser", &raw_soap(r, "CreateUser", &soap_create).await);
    succeeded("DeleteUser1", &raw_get(r, &get_delete1).await);
    succeeded("CreateUser", &raw_soap(r, "CreateUser", &soap_create).await);
    succeeded(
        "DeleteUser1",
        &raw_form(r, "DeleteUser1", &post_delete1).await,
    );
    succeeded("CreateUser", &raw_soap(r, "CreateUser", &soap_create).await);
    succeeded(
        "DeleteUser1",
        &raw_soap(r, "DeleteUser1", &soap_delete1).await,
    );

    // ChangeUserPassword's three requests, for jsmith (created as the CreateUser page's
    // JavaScript does); between them an administrator sets another password, so each is a change.
    let create = (
        "as the CreateUser page's JavaScript does",
        Admin,
        "CreateUser",
        jsmith(),
        Succeeds,
    );
    b.check(Via::Post, &create).await;
    #[rustfmt::skip]
    let reset = ("an administrator resets it", Admin, CHANGE, new_password("jsmith", "Passw0rd!x"), Succeeds);
    let jsmith = sign_in(r, "jsmith", "Passw0rd!x").await;
    let changed = r#"<root success="true" />"#;
    let reply = raw_get(
        r,
        &format!(
            "/srv.asmx/ChangeUserPassword?AuthenticationTicket={jsmith}&UserName=jsmith&NewPassword=NewSecure!99"
        ),
    )
    .await;
    assert_answer_is(&reply, Via::Get, CHANGE, changed);
    sign_in(r, "jsmith", "NewSecure!99").await;
    b.check(Via::Post, &reset).await;
    let reply = raw_form(
        r,
        "ChangeUserPassword",
        &real("AuthenticationTicket=admin-ticket-guid&UserName=jsmith&NewPassword=NewSecure!99"),
    )
    .await;
    assert_answer_is(&reply, Via::Post, CHANGE, changed);
    b.check(Via::Post, &reset).await;
    let reply = raw_soap(
        r,
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
    assert_answer_is(&reply, Via::Soap, CHANGE, changed);
    sign_in(r, "jsmith", "NewSecure!99").await;

    // GetAuthenticationAndPasswordPolicy's three requests.
    let policy_get = raw_get(
        r,
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
    let policy_post = raw_form(r, POLICY, &format!("authenticationTicket={jsmith}")).await;
    assert_eq!(policy_post.body, policy_get.body);
    let reply = raw_soap(
        r,
        POLICY,
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
        .trim_start_matches("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    assert_answer_is(&reply, Via::Soap, POLICY, element);
    b.shutdown().await;
    let _ = std::fs::remove_file(fixture);
}
