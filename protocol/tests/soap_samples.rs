//! Every SOAP request sample of the reference pages (`samples/soap_requests.txt`, verbatim)
//! against the envelope `build` writes for the same operation: the same operation element in
//! the tempuri namespace, and each element the sample shows, spelled exactly (SOAP names are
//! case-sensitive) and in the sample's order. Also the headers and the unwrapping of answers.

use inforouter_protocol::account_admin::{ChangeUserType, SendWelcomeEmailForUser, UserType};
use inforouter_protocol::groups::*;
use inforouter_protocol::handover::{Transfer, TransferKind, TransferUserWork, TransferVisitor};
use inforouter_protocol::holdings::*;
use inforouter_protocol::libraries::*;
use inforouter_protocol::lifecycle::*;
use inforouter_protocol::operations::*;
use inforouter_protocol::soap::SOAP_CONTENT_TYPE;
use inforouter_protocol::xml::{Element, parse_document};
use inforouter_protocol::{ApiError, Preferences, Ticket, UserQuery};
use inforouter_protocol::{Method, Operation, build, decode};

fn samples() -> Vec<(String, String)> {
    let path = format!(
        "{}/tests/samples/soap_requests.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines().skip(1) {
        match (line.strip_prefix("### "), out.last_mut()) {
            (Some(op), _) => out.push((op.to_string(), String::new())),
            (None, Some((_, block))) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The operation element of an envelope (the sample's HTTP head, if any, cut off).
fn operation_element(envelope: &str) -> Element {
    let start = envelope
        .find("<?xml")
        .or_else(|| envelope.find("<soap:Envelope"));
    let doc = parse_document(&envelope[start.expect("an envelope")..]).expect("well-formed");
    assert_eq!(doc.name, "Envelope");
    doc.child("Body").expect("a Body").children[0].clone()
}

fn ticket() -> Ticket {
    Ticket::new("3f2504e0-4f89-11d3-9a0c-0305e82c3301")
}

/// What the console sends for `op`, as an envelope, checked for the SOAP request's shape.
fn sent<O: Operation>(op: &O) -> (String, String) {
    let request = build("/infoRouter/srv.asmx/", op, Some(&ticket()), Method::Soap);
    assert_eq!(request.method, Method::Soap);
    assert_eq!(
        request.url, "/infoRouter/srv.asmx",
        "SOAP posts to srv.asmx itself"
    );
    assert_eq!(
        request.soap_action.as_deref(),
        Some(format!("\"http://tempuri.org/{}\"", O::NAME).as_str())
    );
    (O::NAME.to_string(), request.body.expect("an envelope"))
}

struct TransferEnvelope;

impl TransferVisitor for TransferEnvelope {
    type Output = (String, String);
    fn visit<K: Transfer>(self) -> (String, String) {
        sent(&TransferUserWork::<K>::new("jdoe", "asmith"))
    }
}

/// One request of every operation the console sends that has a SOAP sample.
fn console_envelopes() -> Vec<(String, String)> {
    let user = || "jdoe".to_string();
    let mut out = vec![
        sent(&AuthenticateUser {
            user_name: user(),
            password: "x".into(),
        }),
        sent(&LogOut),
        sent(&IsValidTicket),
        sent(&GetUser { user_name: user() }),
        sent(&GetCurrentUser),
        sent(&GetAllUsers1 {
            query: UserQuery::default(),
        }),
        sent(&GetAllUsers),
        sent(&UpdateUserContactInfo {
            user_name: user(),
            email: "a@b.c".into(),
            mobile: "+1".into(),
        }),
        sent(&UpdateUserEmail {
            user_name: user(),
            new_email: "a@b.c".into(),
        }),
        sent(&UpdateUserProfile {
            user_name: user(),
            new_user_name: user(),
            first_name: "J".into(),
            last_name: "D".into(),
            authentication_source: "native".into(),
        }),
        sent(&UpdateUserPreferences {
            user_name: user(),
            changes: Preferences::default(),
        }),
        sent(&ChangeUserStatus {
            user_name: user(),
            enabled: true,
        }),
        sent(&ServerInfo),
        sent(&CreateUser {
            domain_name: String::new(),
            user_name: user(),
            first_name: "J".into(),
            last_name: "D".into(),
            email: "a@b.c".into(),
            password: "x".into(),
            read_only: false,
            authentication_source: "native".into(),
        }),
        sent(&DeleteUser { user_name: user() }),
        sent(&DeleteUser1 {
            admin_password: "x".into(),
            user_name: user(),
        }),
        sent(&ChangeUserPassword {
            user_name: user(),
            new_password: "x".into(),
        }),
        sent(&GetAuthenticationAndPasswordPolicy),
        sent(&UserExists { user_name: user() }),
        sent(&ChangeUserType {
            user_name: user(),
            user_type: UserType::Author,
        }),
        sent(&SendWelcomeEmailForUser { user_name: user() }),
        sent(&GetGlobalGroups),
        sent(&GetLocalGroups {
            domain_name: "L".into(),
        }),
        sent(&GetDomainGroups {
            domain_name: "L".into(),
        }),
        sent(&GetUserGroup {
            domain_name: "L".into(),
            group_name: "G".into(),
        }),
        sent(&GetUserGroupMembers {
            domain_name: "L".into(),
            group_name: "G".into(),
        }),
        sent(&GetGroupMembershipsOfUser { user_name: user() }),
        sent(&AddUsergroupMember {
            domain_name: "L".into(),
            group_name: "G".into(),
            user_name: user(),
        }),
        sent(&RemoveUsergroupMember {
            domain_name: "L".into(),
            group_name: "G".into(),
            user_name: user(),
        }),
        sent(&GetDomains),
        sent(&GetMemberDomains),
        sent(&GetDomainMembershipsOfUser { user_name: user() }),
        sent(&GetManagedDomainsByUser { user_name: user() }),
        sent(&AddUserAsDomainMember {
            domain_name: "L".into(),
            user_name: user(),
        }),
        sent(&RemoveUserFromDomainMembership {
            domain_name: "L".into(),
            user_name: user(),
        }),
        sent(&GetUserStatistics { user_name: user() }),
        sent(&GetUsersWorkflowRoles { user_name: user() }),
        sent(&GetCheckedoutDocumentsByUser {
            user_name: user(),
            starting_row: 0,
            row_count: 5,
        }),
        sent(&GetDocumentsOwnedByUser {
            user_name: user(),
            starting_row: 0,
            row_count: 5,
        }),
        sent(&GetFoldersOwnedByUser {
            user_name: user(),
            starting_row: 0,
            row_count: 5,
        }),
    ];
    out.extend(TransferKind::ALL.iter().map(|k| k.visit(TransferEnvelope)));
    out
}

/// The pages with a SOAP sample for calls the console does not make.
const NOT_SENT: [&str; 8] = [
    "AuthenticateUser1",
    "AuthenticateUserViaWindows",
    "ChangePasswordUsingSecretText",
    "ForgotPassword",
    "ForgotPasswordByUserName",
    "GetAllUsers2",
    "GetAllUsersWithoutDetails",
    "RenewTicket",
];

#[test]
fn every_sample_is_what_the_console_sends() {
    let ours = console_envelopes();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (operation, sample) in samples() {
        let Some((_, envelope)) = ours.iter().find(|(name, _)| *name == operation) else {
            // Only a page for a call the console never makes may be left out: a call added to
            // the console without its envelope here fails.
            assert!(
                NOT_SENT.contains(&operation.as_str()),
                "{operation}: the console sends it? Add it to console_envelopes()"
            );
            continue;
        };
        let want = operation_element(&sample);
        let got = operation_element(envelope);
        assert_eq!(got.name, want.name, "{operation}: operation element");
        let got_names: Vec<&str> = got.children.iter().map(|c| c.name.as_str()).collect();
        let mut rest = got_names.iter();
        for element in &want.children {
            if !rest.any(|name| *name == element.name) {
                wrong.push(format!(
                    "{operation}: the sample's <{}> is not sent under that exact name, in \
                     order; the console sends {got_names:?}",
                    element.name
                ));
                break;
            }
        }
        checked += 1;
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked >= 45, "only {checked} samples matched an operation");
}

#[test]
fn envelopes_are_in_the_tempuri_namespace_with_the_soap_content_type() {
    assert_eq!(SOAP_CONTENT_TYPE, "text/xml; charset=utf-8");
    let (_, envelope) = sent(&GetUser {
        user_name: "o'brien & <co>".into(),
    });
    assert!(envelope.contains("<GetUser xmlns=\"http://tempuri.org/\">"));
    assert!(envelope.contains("xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""));
    let op = operation_element(&envelope);
    assert_eq!(op.child("UserName").unwrap().text, "o'brien & <co>");
}

#[test]
fn answers_unwrap_to_the_same_typed_results() {
    let soap = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><UpdateUserEmailResponse xmlns="http://tempuri.org/"><UpdateUserEmailResult><response xmlns="" success="true" error="" /></UpdateUserEmailResult></UpdateUserEmailResponse></soap:Body></soap:Envelope>"#;
    decode::<UpdateUserEmail>(200, soap.as_bytes()).unwrap();
    let refused = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><UpdateUserEmailResponse xmlns="http://tempuri.org/"><UpdateUserEmailResult><response success="false" errorCode="4010" error="Sitzung abgelaufen" /></UpdateUserEmailResult></UpdateUserEmailResponse></soap:Body></soap:Envelope>"#;
    assert_eq!(
        decode::<UpdateUserEmail>(200, refused.as_bytes()).unwrap_err(),
        ApiError::SessionExpired
    );
    // An answer carried as escaped text inside the result reads the same.
    let as_text = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LogOutResponse xmlns="http://tempuri.org/"><LogOutResult>&lt;root success="true" /&gt;</LogOutResult></LogOutResponse></soap:Body></soap:Envelope>"#;
    decode::<LogOut>(200, as_text.as_bytes()).unwrap();
}

#[test]
fn an_operation_the_server_lacks_is_recognised_over_soap() {
    let fault = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/GetAllUsers1.</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
    let error = decode::<GetCurrentUser>(500, fault.as_bytes()).unwrap_err();
    assert!(error.is_missing_operation(), "{error:?}");
    assert!(!error.switches_to_soap());
}

#[test]
fn get_and_post_switched_off_is_told_apart() {
    let page = "<html><body><h2><i>System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/ServerInfo'.</i></h2></body></html>";
    let error = decode::<ServerInfo>(500, page.as_bytes()).unwrap_err();
    assert!(error.switches_to_soap());
}
