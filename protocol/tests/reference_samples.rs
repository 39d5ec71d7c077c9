//! Every response sample in the seeds and reference pages, verbatim, plus the variants that
//! protocol-notes.md lists; and the seeds' example requests, encoded exactly.

use inforouter_protocol::encode::decode_pairs;
use inforouter_protocol::operations::*;
use inforouter_protocol::*;

const TICKET: &str = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

fn ok<O: Operation>(body: &str) -> O::Output {
    decode::<O>(200, body.as_bytes()).unwrap_or_else(|e| panic!("{} failed: {e:?}", O::NAME))
}

fn err<O: Operation>(body: &str) -> ApiError
where
    O::Output: std::fmt::Debug,
{
    decode::<O>(200, body.as_bytes()).expect_err("should fail")
}

#[test]
fn authenticate_user_page() {
    let s = ok::<AuthenticateUser>(
        r#"<root success="true"
      ticket="3f2a1b4c-5d6e-7f8a-9b0c-1d2e3f4a5b6c"
      userid="42"
      username="jsmith"
      firstName="John"
      lastName="Smith"
      fullname="John Smith"
      email="jsmith@example.com"
      expireOn="2026-03-20T14:35:00Z"
      isAuthenticated="True" />"#,
    );
    assert_eq!(s.ticket.as_str(), "3f2a1b4c-5d6e-7f8a-9b0c-1d2e3f4a5b6c");
    assert_eq!(s.user.user_name, "jsmith");
    assert_eq!(s.user.full_name, "John Smith");
    assert_eq!(s.user.user_id, "42");
    assert_eq!(s.user.expire_on, "2026-03-20T14:35:00Z");
    assert_eq!(
        err::<AuthenticateUser>(r#"<root success="false" error="[900] Authentication failed" />"#),
        ApiError::AuthenticationFailed
    );
    assert_eq!(
        err::<AuthenticateUser>(
            r#"<root success="false" error="[902] Ticket generation not allowed" />"#
        ),
        ApiError::TicketNotAllowed
    );
}

#[test]
fn authenticate_user_answered_as_response() {
    let s = ok::<AuthenticateUser>(r#"<response success="true" ticket="abc" username="jsmith" />"#);
    assert_eq!(s.user.user_name, "jsmith");
    assert!(matches!(
        err::<AuthenticateUser>(r#"<root success="true" username="x"/>"#),
        ApiError::MalformedResponse { .. }
    ));
}

#[test]
fn logout_page() {
    ok::<LogOut>(r#"<root success="true" />"#);
    assert_eq!(
        err::<LogOut>(
            r#"<root success="false" error="[901] Session expired or Invalid ticket" />"#
        ),
        ApiError::SessionExpired
    );
}

#[test]
fn is_valid_ticket_page() {
    let u = ok::<IsValidTicket>(
        r#"<root success="true"
      userid="42"
      username="jsmith"
      firstName="John"
      lastName="Smith"
      fullname="John Smith"
      email="jsmith@example.com"
      expireOn="2026-03-20T14:35:00Z"
      isAuthenticated="True" />"#,
    );
    assert_eq!(u.email, "jsmith@example.com");
    assert_eq!(
        err::<IsValidTicket>(
            r#"<root success="false" error="[901] Session expired or Invalid ticket" />"#
        ),
        ApiError::SessionExpired
    );
}

#[test]
fn get_user_page() {
    let u = ok::<GetUser>(
        r#"<response success="true" error="">
  <User exists="true"
        UserID="123"
        FirstName="John"
        LastName="Doe"
        Email="john.doe@example.com"
        Enabled="TRUE"
        UserName="jdoe"
        Domain="Finance"
        LastLogonDate="2024-01-15"
        LastPasswordChangeDate="2024-01-01"
        AuthenticationAuthority="native"
        ReadOnlyUser="FALSE">
    <Preferences Language="English"
                 DefaultPortal=""
                 ShowArchives="FALSE"
                 ShowHiddens="FALSE"
                 NotificationType="INSTANT"
                 NotificationTypeId="1"
                 EmailType="HTML"
                 AttachDocumentToEmail="FALSE" />
  </User>
</response>"#,
    );
    assert_eq!(u.user_name, "jdoe");
    assert_eq!(u.user_id, "123");
    assert!(u.enabled && !u.read_only && u.is_native());
    assert_eq!(u.domain, "Finance");
    assert_eq!(
        u.mobile_number, None,
        "the page's sample has no MobileNumber"
    );
    let p = &u.preferences;
    assert_eq!(p.language.as_deref(), Some("English"));
    assert_eq!(p.default_portal.as_deref(), Some(""));
    assert_eq!(p.show_archives, Some(false));
    assert_eq!(p.notification_type, Some(NotificationType::Instant));
    assert_eq!(p.email_type, Some(EmailType::Html));
    assert_eq!(p.attach_document_to_email, Some(false));
    assert!(matches!(
        err::<GetUser>(r#"<response success="false" error="[ErrorCode] Error message" />"#),
        ApiError::Server { code: None, .. }
    ));
    assert_eq!(
        err::<GetUser>(r#"<response success="false" error="User not found" />"#),
        ApiError::UserNotFound
    );
}

#[test]
fn get_user_with_mobile_number() {
    let u = ok::<GetUser>(
        r#"<response success="true"><User UserName="jdoe" MobileNumber="+15551234567"/></response>"#,
    );
    assert_eq!(u.mobile_number.as_deref(), Some("+15551234567"));
}

#[test]
fn get_current_user_page() {
    let u = ok::<GetCurrentUser>(
        r#"<root success="true">
  <User exists="true"
        UserID="42"
        FirstName="John"
        LastName="Smith"
        Email="jsmith@example.com"
        Enabled="TRUE"
        UserName="jsmith"
        Domain="MyLibrary"
        LastLogonDate="2026-02-15T10:30:00"
        LastPasswordChangeDate="2026-01-10T08:00:00"
        AuthenticationAuthority="Native"
        ReadOnlyUser="FALSE">
    <Preferences>
      <!-- User preferences -->
    </Preferences>
    <TaskRedirection>
      <!-- Task redirection settings -->
    </TaskRedirection>
  </User>
</root>"#,
    );
    assert_eq!(u.user_name, "jsmith");
    assert!(u.is_native(), "capitalised Native is native");
    assert_eq!(
        u.preferences,
        Preferences::default(),
        "empty child-element preferences are unknown"
    );
    assert_eq!(dates::display_date(&u.last_logon_date), "2026-02-15 10:30");
}

#[test]
fn get_all_users1_page() {
    let page = ok::<GetAllUsers1>(
        r#"<response success="true" error="" totalusercount="150">
  <users>
    <User exists="true"
          UserID="123"
          FirstName="Jane"
          LastName="Doe"
          Email="jane.doe@example.com"
          Enabled="TRUE"
          UserName="janedoe"
          Domain="Finance"
          LastLogonDate="2024-01-10"
          LastPasswordChangeDate="2024-01-01"
          AuthenticationAuthority="native"
          ReadOnlyUser="FALSE">
      <Preferences Language="English"
                   DefaultPortal=""
                   ShowArchives="FALSE"
                   ShowHiddens="FALSE"
                   NotificationType="INSTANT"
                   NotificationTypeId="1"
                   EmailType="HTML"
                   AttachDocumentToEmail="FALSE" />
    </User>
  </users>
</response>"#,
    );
    assert_eq!(page.total, 150);
    assert_eq!(page.users.len(), 1);
    assert_eq!(page.users[0].user_name, "janedoe");
    assert!(matches!(
        err::<GetAllUsers1>(r#"<response success="false" error="Access denied" />"#),
        ApiError::AccessDenied { .. }
    ));
    let empty =
        ok::<GetAllUsers1>(r#"<response success="true" totalusercount="0"><users/></response>"#);
    assert_eq!(
        empty,
        UserPage {
            total: 0,
            users: vec![]
        }
    );
    assert!(matches!(
        err::<GetAllUsers1>(
            r#"<response success="true" totalusercount="many"><users/></response>"#
        ),
        ApiError::MalformedResponse { .. }
    ));
}

#[test]
fn the_five_operations_answers() {
    let yes = r#"<response success="true" error="" />"#;
    ok::<UpdateUserContactInfo>(yes);
    ok::<UpdateUserEmail>(yes);
    ok::<UpdateUserProfile>(yes);
    ok::<UpdateUserPreferences>(yes);
    ok::<ChangeUserStatus>(yes);
    let cases = [
        (
            "[900] Authentication failed",
            ApiError::AuthenticationFailed,
        ),
        (
            "[901] Session expired or Invalid ticket",
            ApiError::SessionExpired,
        ),
        ("User not found", ApiError::UserNotFound),
        ("Username already exists", ApiError::UsernameExists),
        (
            "Access denied",
            ApiError::AccessDenied {
                message: "Access denied".into(),
            },
        ),
        (
            "SystemError:Timeout expired",
            ApiError::System {
                message: "Timeout expired".into(),
            },
        ),
    ];
    for (text, expected) in cases {
        let body = format!(r#"<response success="false" error="{text}" />"#);
        assert_eq!(err::<UpdateUserProfile>(&body), expected, "{text}");
    }
}

#[test]
fn notes_variants() {
    assert_eq!(
        err::<GetUser>(
            r#"<response success="False" error="[901]Session expired or Invalid ticket" errorcode="4010"/>"#
        ),
        ApiError::SessionExpired
    );
    assert_eq!(
        err::<GetUser>(r#"<response success="false" error="[903]Required parameter.'UserName'"/>"#),
        ApiError::MissingParameter {
            name: "UserName".into()
        }
    );
    ok::<LogOut>("\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root success=\"TRUE\"/>");
}

fn pairs(s: &str) -> Vec<(String, String)> {
    decode_pairs(s).unwrap()
}

fn ticket() -> Ticket {
    Ticket::new(TICKET)
}

#[test]
fn seed_get_examples_encode_exactly() {
    let r = build(
        "/srv.asmx",
        &UpdateUserContactInfo {
            user_name: "jdoe".into(),
            email: "john.doe@example.com".into(),
            mobile: "+15551234567".into(),
        },
        Some(&ticket()),
        Method::Get,
    );
    assert_eq!(
        r.url,
        format!(
            "/srv.asmx/UpdateUserContactInfo?authenticationTicket={TICKET}&userName=jdoe&emailAddress=john.doe%40example.com&mobileNumber=%2B15551234567"
        )
    );
    assert_eq!(r.body, None);

    let r = build(
        "/srv.asmx/",
        &UpdateUserEmail {
            user_name: "jdoe".into(),
            new_email: "john.doe@example.com".into(),
        },
        Some(&ticket()),
        Method::Get,
    );
    assert_eq!(
        r.url,
        format!(
            "/srv.asmx/UpdateUserEmail?authenticationTicket={TICKET}&UserName=jdoe&NewEmailAddress=john.doe%40example.com"
        )
    );

    let r = build(
        "/srv.asmx",
        &UpdateUserProfile {
            user_name: "jdoe".into(),
            new_user_name: "john.doe".into(),
            first_name: "John".into(),
            last_name: "Doe".into(),
            authentication_source: "native".into(),
        },
        Some(&ticket()),
        Method::Get,
    );
    assert_eq!(
        r.url,
        format!(
            "/srv.asmx/UpdateUserProfile?authenticationTicket={TICKET}&UserName=jdoe&NewUserName=john.doe&NewFirstName=John&NewLastName=Doe&AuthenticateSource=native"
        )
    );

    for (enabled, code) in [(false, "0"), (true, "1")] {
        let r = build(
            "/srv.asmx",
            &ChangeUserStatus {
                user_name: "jdoe".into(),
                enabled,
            },
            Some(&ticket()),
            Method::Get,
        );
        assert_eq!(
            r.url,
            format!(
                "/srv.asmx/ChangeUserStatus?authenticationTicket={TICKET}&UserName=jdoe&StatusCode={code}"
            )
        );
    }

    // The seed writes spaces as `+`; the encoder writes `%20`. Both decode to the same pairs.
    let changes = Preferences {
        email_type: Some(EmailType::Html),
        language: Some("English".into()),
        attach_document_to_email: Some(false),
        show_hiddens: Some(false),
        show_archives: Some(false),
        notification_type: Some(NotificationType::Instant),
        ..Default::default()
    };
    let r = build(
        "/srv.asmx",
        &UpdateUserPreferences {
            user_name: "jdoe".into(),
            changes,
        },
        Some(&ticket()),
        Method::Get,
    );
    let seed = format!(
        "authenticationTicket={TICKET}&UserName=jdoe&xmlPreferences=%3CPreferences+EmailType%3D%22HTML%22+Language%3D%22English%22+AttachDocumentToEmail%3D%22false%22+ShowHiddens%3D%22false%22+ShowArchives%3D%22false%22+NotificationType%3D%22INSTANT%22+%2F%3E"
    );
    let ours = pairs(r.url.split_once('?').unwrap().1);
    let theirs = pairs(&seed);
    assert_eq!(ours[..2], theirs[..2]);
    // Same attributes; the seed has a space before `/>`, which XML ignores.
    assert_eq!(
        Preferences::from_xml(&ours[2].1).unwrap(),
        Preferences::from_xml(&theirs[2].1).unwrap()
    );
}

#[test]
fn post_bodies_escape_plus_and_keep_ticket_out_of_the_url() {
    let r = build(
        "/srv.asmx",
        &UpdateUserContactInfo {
            user_name: "jdoe".into(),
            email: "john.doe@example.com".into(),
            mobile: "+15551234567".into(),
        },
        Some(&ticket()),
        Method::Post,
    );
    assert_eq!(r.url, "/srv.asmx/UpdateUserContactInfo");
    let body = r.body.unwrap();
    assert!(body.contains("mobileNumber=%2B15551234567"));
    assert_eq!(
        pairs(&body)[3],
        ("mobileNumber".into(), "+15551234567".into())
    );
    assert!(!r.url.contains(TICKET));
}

#[test]
fn ticket_parameter_spelling_per_operation() {
    let t = ticket();
    let first = |r: HttpRequest| pairs(&r.body.unwrap())[0].0.clone();
    assert_eq!(
        first(build("", &LogOut, Some(&t), Method::Post)),
        "AuthenticationTicket"
    );
    assert_eq!(
        first(build("", &IsValidTicket, Some(&t), Method::Post)),
        "AuthenticationTicket"
    );
    assert_eq!(
        first(build("", &GetCurrentUser, Some(&t), Method::Post)),
        "authenticationTicket"
    );
    assert_eq!(
        first(build(
            "",
            &GetUser {
                user_name: String::new()
            },
            Some(&t),
            Method::Post
        )),
        "authenticationTicket"
    );
    let login = build(
        "",
        &AuthenticateUser {
            user_name: "jsmith".into(),
            password: "Secret123!".into(),
        },
        Some(&t),
        Method::Post,
    );
    assert_eq!(login.body.as_deref(), Some("UID=jsmith&PWD=Secret123%21"));
}

#[test]
fn get_all_users1_example_parameters() {
    let q = UserQuery {
        domain: "Finance".into(),
        status: StatusFilter::Enabled,
        sort_by: SortBy::UserName,
        ..Default::default()
    };
    let r = build(
        "/srv.asmx",
        &GetAllUsers1 { query: q },
        Some(&ticket()),
        Method::Get,
    );
    assert_eq!(
        r.url,
        format!(
            "/srv.asmx/GetAllUsers1?authenticationTicket={TICKET}&StartingRowNumber=0&NumbeOfRow=25&firstNameFilter=&lastNameFilter=&userNameFilter=&emailFilter=&authenticationSourceFilter=&domainNameFilter=Finance&StatusFilter=1&SortBy=1&SortAscending=true"
        )
    );
}

// ---------------------------------------------------------------------------------------------
// The refreshed pages: their sample answers verbatim, ServerInfo, and the `errorCode` tables.

/// The failure template every refreshed page shows, verbatim: no number the console can use.
#[test]
fn refreshed_pages_error_templates() {
    let response_template = r#"<response success="false" error="[ErrorCode] Error message" />"#;
    let root_template = r#"<root success="false" error="[ErrorCode] Error message" />"#;
    let plain = |e: ApiError| matches!(e, ApiError::Server { code: None, .. });
    assert!(plain(err::<UpdateUserContactInfo>(response_template)));
    assert!(plain(err::<UpdateUserEmail>(response_template)));
    assert!(plain(err::<UpdateUserProfile>(response_template)));
    assert!(plain(err::<UpdateUserPreferences>(response_template)));
    assert!(plain(err::<ChangeUserStatus>(response_template)));
    assert!(plain(err::<GetUser>(response_template)));
    assert!(plain(err::<GetAllUsers1>(response_template)));
    assert!(plain(err::<GetCurrentUser>(root_template)));
    // The five updates' success sample, verbatim.
    let yes = r#"<response success="true" error="" />"#;
    ok::<UpdateUserContactInfo>(yes);
    ok::<UpdateUserEmail>(yes);
    ok::<UpdateUserProfile>(yes);
    ok::<UpdateUserPreferences>(yes);
    ok::<ChangeUserStatus>(yes);
}

/// The newer answer the notes quote from other refreshed pages of the same repository
/// (CreateFlowDef1/2/3, GetDocumentWorkflow, GetFavoriteFoldersOfUser), verbatim: no `[901]`,
/// lower-case "invalid", and the code beside it. It means "sign in again" on every call.
#[test]
fn newer_session_expired_answer() {
    let newer = r#"<response success="false" error="Session expired or invalid ticket" errorCode="4010" />"#;
    assert_eq!(err::<GetUser>(newer), ApiError::SessionExpired);
    assert_eq!(err::<UpdateUserEmail>(newer), ApiError::SessionExpired);
    assert_eq!(
        err::<UpdateUserPreferences>(newer),
        ApiError::SessionExpired
    );
    assert_eq!(err::<GetAllUsers1>(newer), ApiError::SessionExpired);
    assert_eq!(err::<ChangeUserStatus>(newer), ApiError::SessionExpired);
    let root =
        r#"<root success="false" error="Session expired or invalid ticket" errorCode="4010" />"#;
    assert_eq!(err::<GetCurrentUser>(root), ApiError::SessionExpired);
    assert_eq!(err::<IsValidTicket>(root), ApiError::SessionExpired);
    assert_eq!(err::<LogOut>(root), ApiError::SessionExpired);
    // Both the older and the newer text are "sign in again".
    for text in [
        "[901] Session expired or Invalid ticket",
        "[901]Session expired or Invalid ticket",
        "Session expired or invalid ticket",
    ] {
        let body = format!(r#"<response success="false" error="{text}" />"#);
        assert!(err::<UpdateUserProfile>(&body).needs_sign_in(), "{text}");
    }
}

/// Each row of the refreshed pages' `errorCode` tables, for the operations the console uses,
/// with a localised text (the code is the only thing to go by) and both spellings of the
/// attribute.
#[test]
fn error_code_tables() {
    fn answer(root: &str, attr: &str, code: u32, text: &str) -> String {
        format!(r#"<{root} success="false" error="{text}" {attr}="{code}" />"#)
    }
    fn check<O: Operation>(root: &str, code: u32, expected: &ApiError)
    where
        O::Output: std::fmt::Debug,
    {
        for attr in ["errorCode", "errorcode"] {
            let text = "Die Anfrage wurde abgelehnt";
            let got = err::<O>(&answer(root, attr, code, text));
            let same = match (expected, &got) {
                (ApiError::AccessDenied { .. }, ApiError::AccessDenied { .. }) => true,
                (ApiError::Server { code: a, .. }, ApiError::Server { code: b, .. }) => a == b,
                _ => *expected == got,
            };
            assert!(same, "{} {attr}={code}: {got:?}", O::NAME);
        }
    }
    let denied = ApiError::AccessDenied {
        message: String::new(),
    };
    let bad = ApiError::Server {
        code: Some(4000),
        message: String::new(),
    };
    // The four self-service updates: 4030 no ticket, 4010 expired, 4041 no such user.
    check::<UpdateUserContactInfo>("response", 4030, &denied);
    check::<UpdateUserContactInfo>("response", 4010, &ApiError::SessionExpired);
    check::<UpdateUserContactInfo>("response", 4041, &ApiError::UserNotFound);
    check::<UpdateUserEmail>("response", 4030, &denied);
    check::<UpdateUserEmail>("response", 4010, &ApiError::SessionExpired);
    check::<UpdateUserEmail>("response", 4041, &ApiError::UserNotFound);
    check::<UpdateUserProfile>("response", 4030, &denied);
    check::<UpdateUserProfile>("response", 4010, &ApiError::SessionExpired);
    check::<UpdateUserProfile>("response", 4041, &ApiError::UserNotFound);
    check::<UpdateUserProfile>("response", 4090, &ApiError::UsernameExists);
    check::<UpdateUserProfile>("response", 4000, &bad);
    check::<UpdateUserPreferences>("response", 4030, &denied);
    check::<UpdateUserPreferences>("response", 4010, &ApiError::SessionExpired);
    check::<UpdateUserPreferences>("response", 4041, &ApiError::UserNotFound);
    check::<UpdateUserPreferences>("response", 4000, &bad);
    // ChangeUserStatus: 4010 with or without a ticket, 4030 not an administrator.
    check::<ChangeUserStatus>("response", 4010, &ApiError::SessionExpired);
    check::<ChangeUserStatus>("response", 4030, &denied);
    check::<ChangeUserStatus>("response", 4041, &ApiError::UserNotFound);
    check::<ChangeUserStatus>("response", 4000, &bad);
    // GetUser: no such user is 4000, not 4041.
    check::<GetUser>("response", 4010, &ApiError::SessionExpired);
    check::<GetUser>("response", 4000, &ApiError::UserNotFound);
    check::<GetCurrentUser>("root", 4010, &ApiError::SessionExpired);
    check::<GetAllUsers1>("response", 4010, &ApiError::SessionExpired);
    check::<GetAllUsers1>("response", 4030, &denied);

    // UpdateUserPreferences' 4000 quotes the parser in English: shown, not guessed at.
    let e = err::<UpdateUserPreferences>(
        r#"<response success="false" error="Data at the root level is invalid. Line 1, position 1." errorCode="4000" />"#,
    );
    assert_eq!(
        e,
        ApiError::Server {
            code: Some(4000),
            message: "Data at the root level is invalid. Line 1, position 1.".into()
        }
    );
    assert!(
        e.technical_detail("UpdateUserPreferences")
            .is_some_and(|d| d.contains("Line 1, position 1"))
    );
}

/// AuthenticateUser's JavaScript reads `errorcode` (lower case): "a number from
/// enum_IR.IrErrorNumbers; error is the text, in the caller's language". Those are the numbers
/// older servers put in brackets.
#[test]
fn authenticate_user_errorcode_lower_case() {
    assert_eq!(
        err::<AuthenticateUser>(
            r#"<root success="false" error="Anmeldung fehlgeschlagen" errorcode="900" />"#
        ),
        ApiError::AuthenticationFailed
    );
    assert_eq!(
        err::<AuthenticateUser>(
            r#"<root success="false" error="Ticketerstellung nicht erlaubt" errorcode="902" />"#
        ),
        ApiError::TicketNotAllowed
    );
}

/// HTTP 400 with no error document: a required value was empty. Not a transport failure.
#[test]
fn http_400_without_an_answer() {
    for body in [
        &b""[..],
        b"Bad Request",
        br#"{"title":"One or more validation errors occurred.","status":400,"errors":{"UserName":["The UserName field is required."]}}"#,
    ] {
        let e = decode::<UpdateUserEmail>(400, body).unwrap_err();
        assert!(
            matches!(e, ApiError::EmptyRequired { .. }),
            "{body:?}: {e:?}"
        );
        assert_eq!(e.connection_problem(), None);
        assert!(!e.is_missing_operation());
    }
    // GetAllUsers1 with an omitted filter answers the same way.
    assert_eq!(
        decode::<GetAllUsers1>(400, b""),
        Err(ApiError::EmptyRequired { name: None })
    );
}

const SERVER_INFO_SAMPLE: &str = r#"<root 
    success="true"
    VersionNumber="8.7.0.0"
    Server_date_time="2024-01-15T14:30:45"
    Coordinated_Universal_Time="2024-01-15T19:30:45Z"
    UTC_Offset="-5"
    Company="Acme Corporation"
    ServerName="IRSERVER01"
    LicenseCount="100"
    SubscriptionEndDate="2024-12-31T23:59:59Z"
    WindowsAuthenticationIsOn="true"
    WorkflowIsOn="true"
    AnonymousAccessIsOn="false"
    ComplianceModuleIsOn="true" />"#;

#[test]
fn server_info_page() {
    use inforouter_protocol::operations::ServerInfo as ServerInfoOp;
    let info = ok::<ServerInfoOp>(SERVER_INFO_SAMPLE);
    assert_eq!(
        info,
        inforouter_protocol::ServerInfo {
            version: "8.7.0.0".into(),
            server_name: "IRSERVER01".into(),
            company: "Acme Corporation".into(),
            windows_authentication: true,
            anonymous_access: false,
            workflow: true,
            compliance_module: true,
            server_time: "2024-01-15T14:30:45".into(),
            utc_time: "2024-01-15T19:30:45Z".into(),
            utc_offset: "-5".into(),
            license_count: "100".into(),
            subscription_end_date: "2024-12-31T23:59:59Z".into(),
        }
    );
    let soap = r#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <ServerInfoResponse xmlns="http://tempuri.org/">
      <ServerInfoResult>
        <root 
            success="true"
            VersionNumber="8.7.0.0"
            Server_date_time="2024-01-15T14:30:45"
            Coordinated_Universal_Time="2024-01-15T19:30:45Z"
            UTC_Offset="-5"
            Company="Acme Corporation"
            ServerName="IRSERVER01"
            LicenseCount="100"
            SubscriptionEndDate="2024-12-31T23:59:59Z"
            WindowsAuthenticationIsOn="true"
            WorkflowIsOn="true"
            AnonymousAccessIsOn="false"
            ComplianceModuleIsOn="true" />
      </ServerInfoResult>
    </ServerInfoResponse>
  </soap:Body>
</soap:Envelope>"#;
    assert_eq!(ok::<ServerInfoOp>(soap), info);
    assert_eq!(
        err::<ServerInfoOp>(r#"<root success="false" error="Error message details" />"#),
        ApiError::Server {
            code: None,
            message: "Error message details".into()
        }
    );
    // Booleans in any case; missing attributes tolerated.
    let sparse = ok::<ServerInfoOp>(
        r#"<root success="true" VersionNumber="8.5.1" WindowsAuthenticationIsOn="TRUE" AnonymousAccessIsOn="True"/>"#,
    );
    assert_eq!(sparse.version, "8.5.1");
    assert!(sparse.windows_authentication && sparse.anonymous_access && !sparse.workflow);
    assert_eq!(sparse.company, "");
    // The request: no ticket even when one is at hand, no parameters.
    let r = build("/srv.asmx", &ServerInfoOp, Some(&ticket()), Method::Get);
    assert_eq!(r.url, "/srv.asmx/ServerInfo");
}

/// The connection check's readings of what may answer at a wrong api base, or a server with
/// the GET/POST protocols switched off.
#[test]
fn connection_check_shapes() {
    use inforouter_protocol::operations::ServerInfo as ServerInfoOp;
    let spa = b"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/style.css\"></head><body></body></html>";
    let e = decode::<ServerInfoOp>(200, spa).unwrap_err();
    assert_eq!(
        e.connection_problem(),
        Some(ConnectionProblem::WrongApiBase)
    );
    let e = decode::<ServerInfoOp>(
        404,
        b"<html><body>The resource cannot be found.</body></html>",
    )
    .unwrap_err();
    assert_eq!(
        e.connection_problem(),
        Some(ConnectionProblem::WrongApiBase)
    );
    let off = b"<!DOCTYPE html><html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1><h2><i>System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/ServerInfo'.</i></h2></body></html>";
    let e = decode::<ServerInfoOp>(500, off).unwrap_err();
    assert_eq!(
        e.connection_problem(),
        Some(ConnectionProblem::ProtocolsDisabled)
    );
    let e = decode::<ServerInfoOp>(503, b"Service Unavailable").unwrap_err();
    assert_eq!(
        e.connection_problem(),
        Some(ConnectionProblem::ServerFailing)
    );
    assert_eq!(
        decode::<ServerInfoOp>(200, SERVER_INFO_SAMPLE.as_bytes())
            .err()
            .and_then(|e| e.connection_problem()),
        None
    );
}
