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
