//! Every response sample of the TransferUser*, GetUserStatistics, GetCheckedoutDocumentsByUser,
//! GetDocumentsOwnedByUser, GetFoldersOwnedByUser and GetUsersWorkflowRoles pages, verbatim,
//! with the texts of their error tables; and the pages' GET and POST examples, encoded exactly.

use inforouter_protocol::handover::*;
use inforouter_protocol::holdings::*;
use inforouter_protocol::operations::*;
use inforouter_protocol::paging::Paged;
use inforouter_protocol::user_statistics::Counter;
use inforouter_protocol::*;

type TransferUserTasks = TransferUserWork<kinds::Tasks>;

/// The typed answer to an HTTP 200 carrying `body`.
fn answer<O: Operation>(body: &str) -> Result<O::Output, ApiError> {
    decode::<O>(200, body.as_bytes())
}

/// The request as the page's GET line and POST body show it (the POST bodies' line breaks
/// before `&` are layout, not content).
fn assert_wire<O: Operation>(op: &O, ticket: &str, get_url: &str, post_body: &str) {
    let ticket = Ticket::new(ticket);
    let get = build("/srv.asmx", op, Some(&ticket), Method::Get);
    assert_eq!(get.url, get_url, "{}", O::NAME);
    let post = build("/srv.asmx", op, Some(&ticket), Method::Post);
    assert_eq!(post.url, format!("/srv.asmx/{}", O::NAME));
    assert_eq!(
        post.body.as_deref(),
        Some(post_body.replace('\n', "").as_str())
    );
}

/// Each text of a page's error table, in the page's error envelope (`root` or `response`).
fn assert_error_table<O: Operation>(root: &str, table: &[(&str, ApiError)])
where
    O::Output: std::fmt::Debug,
{
    for (text, expected) in table {
        let body = format!(r#"<{root} success="false" error="{text}" />"#);
        assert_eq!(
            &answer::<O>(&body).unwrap_err(),
            expected,
            "{}: {text}",
            O::NAME
        );
    }
}

fn denied(message: &str) -> ApiError {
    ApiError::AccessDenied {
        message: message.into(),
    }
}

/// The error sample every page shows: a template, not a real answer.
fn template_error() -> ApiError {
    ApiError::Server {
        code: None,
        message: "[ErrorCode] Error message".into(),
    }
}

/// Runs one TransferUser* page's samples through that kind's own request type.
struct TransferPage {
    warning_sample: &'static str,
    warning: &'static str,
}

impl TransferVisitor for TransferPage {
    type Output = ();
    fn visit<K: Transfer>(self) {
        type Op<K> = TransferUserWork<K>;
        assert_eq!(
            answer::<Op<K>>(r#"<root success="true" />"#).unwrap(),
            Transferred::default()
        );
        let warned = answer::<Op<K>>(self.warning_sample).unwrap();
        assert_eq!(warned.warnings.as_deref(), Some(self.warning));
        assert!(!warned.is_clean(), "a warning is not a clean success");
        assert_eq!(
            answer::<Op<K>>(r#"<root success="false" error="[ErrorCode] Error message" />"#)
                .unwrap_err(),
            template_error()
        );
        assert_error_table::<Op<K>>(
            "root",
            &[
                (
                    "[900] Authentication failed",
                    ApiError::AuthenticationFailed,
                ),
                (
                    "[901] Session expired or Invalid ticket",
                    ApiError::SessionExpired,
                ),
                ("User not found", ApiError::UserNotFound),
                ("Access denied", denied("Access denied")),
                (
                    "SystemError:...",
                    ApiError::System {
                        message: "...".into(),
                    },
                ),
            ],
        );
        let name = K::KIND.operation_name();
        assert_wire(
            &Op::<K>::new("jdoe", "jsmith"),
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            &format!(
                "/srv.asmx/{name}?authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301&fromUserName=jdoe&toUserName=jsmith"
            ),
            "authenticationTicket=3f2504e0-4f89-11d3-9a0c-0305e82c3301
&fromUserName=jdoe
&toUserName=jsmith",
        );
    }
}

/// Each TransferUser* page's "with warnings" sample, verbatim, after the page's operation.
const WARNING_SAMPLES: &str = include_str!("samples/transfer_warnings.txt");

#[test]
fn transfer_pages() {
    let mut visited = Vec::new();
    for line in WARNING_SAMPLES.lines().filter(|l| !l.is_empty()) {
        let (operation, warning_sample) = line.split_once(' ').unwrap();
        let kind = TransferKind::from_operation_name(operation).expect(operation);
        let warning = warning_sample
            .split('"')
            .nth(3)
            .expect("the warnings value");
        kind.visit(TransferPage {
            warning_sample,
            warning,
        });
        visited.push(kind);
    }
    let mut every_kind = TransferKind::ALL.to_vec();
    every_kind.sort_by_key(|k| k.operation_name());
    assert_eq!(visited, every_kind, "one page per kind, as the pages sort");
}

#[test]
fn transfers_refuse_an_empty_user_before_sending() {
    let op = TransferUserTasks::new("jdoe", " ");
    let refused = check_required(&op).unwrap_err();
    assert_eq!(
        refused,
        ApiError::EmptyRequired {
            name: Some("toUserName".into())
        }
    );
    assert!(
        refused
            .user_message()
            .contains("user who takes the work over"),
        "{}",
        refused.user_message()
    );
    assert!(check_required(&TransferUserTasks::new("", "jsmith")).is_err());
    assert_eq!(
        check_required(&TransferUserTasks::new("jdoe", "jsmith")),
        Ok(())
    );
}

#[test]
fn get_user_statistics_page() {
    // The page's success sample, verbatim (with its comments), kept as a file.
    let s = answer::<GetUserStatistics>(include_str!("samples/GetUserStatistics.xml")).unwrap();
    // In the sample's order, which is Counter::ALL's.
    let sample = [
        142, 3, 58, 12, 7, 4, 0, 2, 35, 8, 3, 0, 1, 5, 1, 3, 0, 5, 2, 2, 1, 4, 3, 5, 1, 0,
    ];
    assert_eq!(Counter::ALL.len(), sample.len());
    for (&counter, value) in Counter::ALL.iter().zip(sample) {
        assert_eq!(s.get(counter), value, "{counter:?}");
    }
    let by_field = (
        s.total_documents,
        s.local_group_memberships,
        s.domain_manager_roles,
    );
    assert_eq!(by_field, (142, 5, 1));
    // What the sample says each transfer would hand on.
    let tally = |k: TransferKind| k.tally().map(|t| t.count(&s));
    assert_eq!(tally(TransferKind::CheckedOutDocuments), Some(3));
    assert_eq!(tally(TransferKind::GroupMemberships), Some(8));
    assert_eq!(tally(TransferKind::SecurityPermissions), None);

    assert_eq!(
        answer::<GetUserStatistics>(
            r#"<root success="false" error="[ErrorCode] Error message" />"#
        )
        .unwrap_err(),
        template_error()
    );
    assert_error_table::<GetUserStatistics>(
        "root",
        &[
            (
                "[901] Session expired or Invalid ticket",
                ApiError::SessionExpired,
            ),
            ("User not found", ApiError::UserNotFound),
            ("Insufficient rights", denied("Insufficient rights")),
        ],
    );
    assert_wire(
        &GetUserStatistics {
            user_name: "jsmith".into(),
        },
        "abc123-def456",
        "/srv.asmx/GetUserStatistics?authenticationTicket=abc123-def456&userName=jsmith",
        "authenticationTicket=abc123-def456&userName=jsmith",
    );
}

/// The listing pages elide attributes with a bare `...` inside the tag, which is not XML: read
/// verbatim, such a sample is a malformed answer (as a server sending it would be). With the
/// elision taken out it is what a server sends.
fn without_elision(sample: &str) -> String {
    sample.replace(" ... />", " />")
}

fn assert_elided_sample_is_not_xml<O: Operation>(sample: &str)
where
    O::Output: std::fmt::Debug,
{
    assert!(sample.contains(" ... />"));
    assert!(
        matches!(
            answer::<O>(sample).unwrap_err(),
            ApiError::MalformedResponse { .. }
        ),
        "{}",
        O::NAME
    );
}

#[test]
fn get_checkedout_documents_by_user_page() {
    let sample = r#"<root success="true" totalcount="5">
  <document id="301" name="Contract.docx" path="/Legal/Contract.docx" checkedoutby="jsmith" ... />
  <document id="402" name="Proposal.pdf" path="/Sales/Proposal.pdf" checkedoutby="jsmith" ... />
</root>"#;
    assert_elided_sample_is_not_xml::<GetCheckedoutDocumentsByUser>(sample);
    let page = answer::<GetCheckedoutDocumentsByUser>(&without_elision(sample)).unwrap();
    let checked_out = |id: &str, name: &str, path: &str| DocumentRef {
        id: id.into(),
        name: name.into(),
        path: path.into(),
        checked_out_by: "jsmith".into(),
        ..DocumentRef::default()
    };
    assert_eq!(
        page,
        CheckedOutPage {
            total: Some(5),
            documents: vec![
                checked_out("301", "Contract.docx", "/Legal/Contract.docx"),
                checked_out("402", "Proposal.pdf", "/Sales/Proposal.pdf"),
            ],
        }
    );
    // Lower-case "invalid" with a bracket: this page's own error sample.
    assert_eq!(
        answer::<GetCheckedoutDocumentsByUser>(
            r#"<root success="false" error="[901] Session expired or invalid ticket" />"#
        )
        .unwrap_err(),
        ApiError::SessionExpired
    );
    let op = GetCheckedoutDocumentsByUser {
        user_name: "jsmith".into(),
        starting_row: 0,
        row_count: 25,
    };
    assert_wire(
        &op,
        "abc-123",
        "/srv.asmx/GetCheckedoutDocumentsByUser?AuthenticationTicket=abc-123&userName=jsmith&startingRow=0&rowCount=25",
        "AuthenticationTicket=abc-123&userName=jsmith&startingRow=0&rowCount=25",
    );
    assert_eq!(
        op.next_page(&page),
        None,
        "two rows of 25 asked: a short page"
    );
}

/// The two owned listings share their error table and their example requests.
fn assert_owned_listing_page<O: Operation>(op: impl Fn(u32) -> O)
where
    O::Output: std::fmt::Debug,
{
    assert_eq!(
        answer::<O>(r#"<response success="false" error="[ErrorCode] Error message" />"#)
            .unwrap_err(),
        template_error()
    );
    assert_error_table::<O>(
        "response",
        &[
            (
                "[900] Authentication failed",
                ApiError::AuthenticationFailed,
            ),
            (
                "[901] Session expired or Invalid ticket",
                ApiError::SessionExpired,
            ),
            ("Insufficient rights.", denied("Insufficient rights.")),
            ("User not found", ApiError::UserNotFound),
            (
                "SystemError:...",
                ApiError::System {
                    message: "...".into(),
                },
            ),
        ],
    );
    for start in [0, 50] {
        assert_wire(
            &op(start),
            "abc123-def456",
            &format!(
                "/srv.asmx/{}?authenticationTicket=abc123-def456&userName=jsmith&startingRow={start}&rowCount=50",
                O::NAME
            ),
            &format!(
                "authenticationTicket=abc123-def456&userName=jsmith&startingRow={start}&rowCount=50"
            ),
        );
    }
}

#[test]
fn get_documents_owned_by_user_page() {
    let sample = r#"<response success="true">
  <document id="1234" name="AnnualReport.docx" size="245760"
            modificationDate="2026-02-01T14:30:00"
            publishedVersionAuthorName="John Smith"
            path="\MyLibrary\Reports" domainid="1" ... />
  <document id="1235" name="Invoice_001.pdf" size="102400"
            modificationDate="2026-01-15T09:00:00"
            publishedVersionAuthorName="John Smith"
            path="\MyLibrary\Finance" domainid="1" ... />
</response>"#;
    assert_elided_sample_is_not_xml::<GetDocumentsOwnedByUser>(sample);
    let documents = answer::<GetDocumentsOwnedByUser>(&without_elision(sample)).unwrap();
    let owned = |id: &str, name: &str, size, date: &str, path: &str| DocumentRef {
        id: id.into(),
        name: name.into(),
        size: Some(size),
        modification_date: date.into(),
        author_name: "John Smith".into(),
        path: path.into(),
        domain_id: "1".into(),
        ..DocumentRef::default()
    };
    assert_eq!(
        documents,
        vec![
            owned(
                "1234",
                "AnnualReport.docx",
                245760,
                "2026-02-01T14:30:00",
                r"\MyLibrary\Reports"
            ),
            owned(
                "1235",
                "Invoice_001.pdf",
                102400,
                "2026-01-15T09:00:00",
                r"\MyLibrary\Finance"
            ),
        ]
    );
    assert_eq!(
        answer::<GetDocumentsOwnedByUser>(r#"<response success="true" />"#).unwrap(),
        vec![]
    );
    assert_owned_listing_page(|starting_row| GetDocumentsOwnedByUser {
        user_name: "jsmith".into(),
        starting_row,
        row_count: 50,
    });
}

#[test]
fn get_folders_owned_by_user_page() {
    let sample = r#"<response success="true">
  <folder id="42" name="Reports" path="\MyLibrary\Reports"
          domainid="1" ownerid="5" ownername="jsmith" ... />
  <folder id="43" name="Archive" path="\MyLibrary\Archive"
          domainid="1" ownerid="5" ownername="jsmith" ... />
</response>"#;
    assert_elided_sample_is_not_xml::<GetFoldersOwnedByUser>(sample);
    let folders = answer::<GetFoldersOwnedByUser>(&without_elision(sample)).unwrap();
    let folder = |id: &str, name: &str| FolderRef {
        id: id.into(),
        name: name.into(),
        path: format!(r"\MyLibrary\{name}"),
        domain_id: "1".into(),
        owner_id: "5".into(),
        owner_name: "jsmith".into(),
    };
    assert_eq!(
        folders,
        vec![folder("42", "Reports"), folder("43", "Archive")]
    );
    assert_eq!(
        answer::<GetFoldersOwnedByUser>(r#"<response success="true" />"#).unwrap(),
        vec![]
    );
    assert_owned_listing_page(|starting_row| GetFoldersOwnedByUser {
        user_name: "jsmith".into(),
        starting_row,
        row_count: 50,
    });
}

#[test]
fn get_users_workflow_roles_page() {
    let roles = answer::<GetUsersWorkflowRoles>(
        r#"<response success="true">
  <WorkflowRoles>
    <WorkflowRole TaskDefId="101" TaskName="Review Document" FlowDefId="5" FlowName="Document Approval" StepNumber="2" SupervisorId="42" SupervisorName="John Smith" />
    <WorkflowRole TaskDefId="205" TaskName="Final Sign-Off" FlowDefId="8" FlowName="Contract Workflow" StepNumber="1" SupervisorId="15" SupervisorName="Jane Doe" />
  </WorkflowRoles>
</response>"#,
    ).unwrap();
    assert_eq!(
        roles,
        vec![
            WorkflowRole {
                task_def_id: "101".into(),
                task_name: "Review Document".into(),
                flow_def_id: "5".into(),
                flow_name: "Document Approval".into(),
                step_number: Some(2),
                supervisor_id: "42".into(),
                supervisor_name: "John Smith".into(),
            },
            WorkflowRole {
                task_def_id: "205".into(),
                task_name: "Final Sign-Off".into(),
                flow_def_id: "8".into(),
                flow_name: "Contract Workflow".into(),
                step_number: Some(1),
                supervisor_id: "15".into(),
                supervisor_name: "Jane Doe".into(),
            },
        ]
    );
    assert!(roles[0].is_supervised_by("42") && !roles[1].is_supervised_by("42"));
    // "The WorkflowRoles element will be empty if the user has no workflow role assignments."
    assert_eq!(
        answer::<GetUsersWorkflowRoles>(r#"<response success="true"><WorkflowRoles /></response>"#)
            .unwrap(),
        vec![]
    );
    assert_eq!(
        answer::<GetUsersWorkflowRoles>(
            r#"<response success="false" error="[ErrorCode] Error message" />"#
        )
        .unwrap_err(),
        template_error()
    );
    assert_error_table::<GetUsersWorkflowRoles>(
        "response",
        &[
            (
                "[901]Session expired or Invalid ticket",
                ApiError::SessionExpired,
            ),
            ("[921]Insufficient rights", denied("Insufficient rights")),
        ],
    );
    assert_wire(
        &GetUsersWorkflowRoles {
            user_name: "jsmith".into(),
        },
        "abc123-def456",
        "/srv.asmx/GetUsersWorkflowRoles?authenticationTicket=abc123-def456&userName=jsmith",
        "authenticationTicket=abc123-def456&userName=jsmith",
    );
}

#[test]
fn newer_servers_unbracketed_errors_are_read_too() {
    let expired =
        r#"<root success="false" error="Session expired or invalid ticket" errorCode="4010" />"#;
    assert_eq!(
        answer::<TransferUserTasks>(expired).unwrap_err(),
        ApiError::SessionExpired
    );
    assert_eq!(
        answer::<GetUserStatistics>(expired).unwrap_err(),
        ApiError::SessionExpired
    );
    assert_eq!(
        answer::<GetFoldersOwnedByUser>(
            r#"<response success="false" error="Zugriff verweigert" errorCode="4030" />"#
        )
        .unwrap_err(),
        denied("Zugriff verweigert")
    );
}

#[test]
fn every_listing_requires_a_user_name() {
    let blank = |e: Result<(), ApiError>| {
        assert_eq!(
            e,
            Err(ApiError::EmptyRequired {
                name: Some("userName".into())
            })
        )
    };
    blank(check_required(&GetUserStatistics {
        user_name: " ".into(),
    }));
    blank(check_required(&GetUsersWorkflowRoles {
        user_name: String::new(),
    }));
    blank(check_required(&GetDocumentsOwnedByUser {
        user_name: String::new(),
        starting_row: 0,
        row_count: 50,
    }));
}
