//! Handing a user's work on: the 13 TransferUser* calls, read back through GetUserStatistics,
//! the three paged listings, GetUsersWorkflowRoles and the control endpoint's holdings view.
//!
//! The fixture's mgarcia holds some of everything: in Engineering and Old Projects, which jdoe
//! cannot reach until it is given mgarcia's memberships, and in Finance and HR, which it can.
//! Rows are `(case, caller, operation, parameters after the ticket, what is seen)`; [`Desk::run`]
//! makes each call and compares what it saw with the row.

mod common;
use common::*;
use inforouter_emulator::Running;
use quick_xml::Reader;
use quick_xml::events::Event;

const VIAS: [Via; 3] = [Via::Get, Via::Post, Via::Soap];

/// What a call answered, reduced to what the rows compare.
#[derive(Debug, Clone, PartialEq)]
enum Seen {
    /// `success="true"`, no warnings.
    Done,
    /// `success="true"` with this `warnings`.
    Warned(String),
    /// `success="false"` with this `error` and no errorCode.
    Refused(String),
    /// `success="false"`: this errorCode and error (a newer server).
    Coded(String, String),
    /// Success, and these `name` attributes of the payload's elements, in order.
    Named(Vec<String>),
    /// HTTP 400 with no srv.asmx answer (a newer server's model binding).
    Http400,
}

fn warned(noun: &str) -> Seen {
    Seen::Warned(format!("Some {noun} could not be transferred."))
}

fn refused(text: &str) -> Seen {
    Seen::Refused(text.to_string())
}

fn named(names: &[&str]) -> Seen {
    Seen::Named(names.iter().map(|n| n.to_string()).collect())
}

/// The pages' `<root>` calls here; the others answer `<response>`.
fn root_of(op: &str) -> &'static str {
    let root = op.starts_with("Transfer")
        || op == "GetUserStatistics"
        || op == "GetCheckedoutDocumentsByUser";
    if root { "root" } else { "response" }
}

/// Reduces an answer to a [`Seen`], checking the envelope the pages show on the way.
fn seen(op: &str, status: u16, body: &str) -> Seen {
    if status == 400 {
        assert!(!body.contains("success="), "{op}: {body}");
        return Seen::Http400;
    }
    assert_eq!(status, 200, "{op}: {body}");
    let a = answer(body);
    assert_eq!(a.name, root_of(op), "{op}: {body}");
    let error = a.attrs.get("error").cloned();
    if a.attr("success") == "false" {
        return match a.attrs.get("errorCode") {
            Some(code) => Seen::Coded(code.clone(), error.unwrap_or_default()),
            None => Seen::Refused(error.unwrap_or_default()),
        };
    }
    // Transfers and the listings show no `error` on success (other calls an empty one).
    let bare = op.starts_with("Transfer") || op.starts_with("Get");
    assert_eq!(error, (!bare).then(String::new), "{op}: {body}");
    if let Some(w) = a.attrs.get("warnings") {
        return Seen::Warned(w.clone());
    }
    let names: Vec<String> = a
        .children
        .iter()
        .filter_map(|c| c.attrs.get("name").cloned())
        .collect();
    if names.is_empty() {
        Seen::Done
    } else {
        Seen::Named(names)
    }
}

type Params<'a> = Vec<(&'a str, &'a str)>;

/// (case, caller, operation, parameters after the ticket, what is seen)
type Row<'a> = (&'static str, &'static str, &'static str, Params<'a>, Seen);

/// An emulator with tickets of the callers the rows name.
struct Desk {
    r: Running,
    tickets: Vec<(&'static str, String)>,
}

const PASSWORDS: [(&str, &str); 4] = [
    ("admin", "Admin123!"),
    ("jdoe", "Secret123!"),
    ("mgarcia", "Secret123!"),
    ("asmith", "Secret123!"),
];

impl Desk {
    async fn open(modern: bool) -> Desk {
        let r = emulator(|c| c.faults.modern = modern).await;
        let mut tickets = Vec::new();
        for (user, password) in PASSWORDS {
            tickets.push((user, sign_in(&r, user, password).await));
        }
        Desk { r, tickets }
    }

    async fn ask(&self, via: Via, who: &str, op: &str, params: &[(&str, &str)]) -> (u16, String) {
        let ticket = match self.tickets.iter().find(|(u, _)| *u == who) {
            Some((_, t)) => t.as_str(),
            None => who,
        };
        let mut pairs = vec![("authenticationTicket", ticket)];
        pairs.extend_from_slice(params);
        let reply = call(&self.r, via, op, &pairs).await;
        (reply.status, reply.body)
    }

    async fn run(&self, via: Via, rows: &[Row<'_>]) {
        for (case, who, op, params, want) in rows {
            let (status, body) = self.ask(via, who, op, params).await;
            let got = seen(op, status, &body);
            assert_eq!(
                &got, want,
                "{case}: {op} by {who} via {via:?} with {params:?}: {body}"
            );
        }
    }

    /// GetUserStatistics' figures, by name, as the admin reads them.
    async fn statistics(&self, user: &str) -> Vec<(String, u64)> {
        let (_, body) = self
            .ask(
                Via::Post,
                "admin",
                "GetUserStatistics",
                &[("userName", user)],
            )
            .await;
        figures(&body)
    }

    /// The control endpoint's view of what `user` holds.
    async fn holdings(&self, user: &str) -> serde_json::Value {
        let url = format!("{}/_emulator/holdings/{user}", self.r.url());
        let text = client().get(url).send().await.unwrap().text().await;
        serde_json::from_str(&text.unwrap()).unwrap()
    }
}

/// The text of each element inside `<UserStatistics>`.
fn figures(body: &str) -> Vec<(String, u64)> {
    let mut reader = Reader::from_str(body);
    let (mut inside, mut current, mut out) = (false, String::new(), Vec::new());
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                current = e.local_name().as_ref().to_string();
                inside |= current == "UserStatistics";
            }
            Event::Text(t) if inside => {
                let text = t.xml10_content();
                out.push((current.clone(), text.trim().parse().unwrap()));
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn figure(figures: &[(String, u64)], name: &str) -> u64 {
    figures
        .iter()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("no {name} in {figures:?}"))
        .1
}

fn hand<'a>(from: &'a str, to: &'a str) -> Params<'a> {
    vec![("fromUserName", from), ("toUserName", to)]
}

fn page<'a>(user: &'a str, start: &'a str, rows: &'a str) -> Params<'a> {
    vec![
        ("userName", user),
        ("startingRow", start),
        ("rowCount", rows),
    ]
}

/// (operation, the page's noun in its warning)
const TRANSFERS: [(&str, &str); 13] = [
    ("TransferUserCheckedOutDocuments", "checked-out documents"),
    ("TransferUserDocumentOwnerships", "document ownerships"),
    (
        "TransferUserDocumentSubscriptions",
        "document subscriptions",
    ),
    ("TransferUserDomainManagerRoles", "manager roles"),
    ("TransferUserDomainMemberships", "memberships"),
    ("TransferUserExpirationNotices", "expiration notices"),
    ("TransferUserFolderOwnerships", "folder ownerships"),
    ("TransferUserFolderSubscriptions", "folder subscriptions"),
    ("TransferUserGroupMemberships", "group memberships"),
    ("TransferUserISOTasks", "ISO tasks"),
    ("TransferUserSecurityPermissions", "permissions"),
    ("TransferUserTasks", "tasks"),
    ("TransferUserWorkflowDefinitions", "workflow roles"),
];

/// The transfers of items that lie in a library (the others are memberships and roles).
fn item_transfers() -> impl Iterator<Item = (&'static str, &'static str)> {
    TRANSFERS
        .into_iter()
        .filter(|(op, _)| !op.contains("Membership") && !op.contains("ManagerRoles"))
}

const OWNED: &str = "GetDocumentsOwnedByUser";
const CHECKED_OUT: &str = "GetCheckedoutDocumentsByUser";
const FOLDERS: &str = "GetFoldersOwnedByUser";
const ALL: &str = "1000";

#[tokio::test]
async fn a_hand_over_moves_what_the_target_can_reach_and_warns_of_the_rest() {
    for via in VIAS {
        let d = Desk::open(false).await;
        // Before memberships: only the Finance and HR items go to jdoe.
        let rows: Vec<Row> = item_transfers()
            .map(|(op, noun)| {
                (
                    "jdoe cannot reach Engineering",
                    "admin",
                    op,
                    hand("mgarcia", "jdoe"),
                    warned(noun),
                )
            })
            .collect();
        d.run(via, &rows).await;
        #[rustfmt::skip]
        let rows = [
            ("moved: the Finance document", "admin", OWNED, page("mgarcia", "0", ALL),
                named(&["Apollo final report.pdf", "Pump spec v2.docx", "Pump spec v3.docx", "Valve tolerances.xlsx"])),
            ("the target owns it now", "admin", OWNED, page("jdoe", "0", ALL),
                named(&["Annual report 2025.docx", "Audit letter.pdf", "Budget 2027 & forecast <draft>.xlsx", "Q3 figures.xlsx"])),
            ("moved: the Finance check-out, still checked out", "admin", CHECKED_OUT, page("jdoe", "0", "0"),
                named(&["Annual report 2025.docx", "Budget 2027 & forecast <draft>.xlsx", "Contract.docx"])),
            ("the Engineering ones stay", "admin", CHECKED_OUT, page("mgarcia", "0", "0"), named(&["Pump spec v3.docx", "Release notes 4.2.md"])),
            ("moved: the Finance folder", "admin", FOLDERS, page("jdoe", "0", ALL), named(&["Budgets", "Reports"])),
            ("the others stay", "admin", FOLDERS, page("mgarcia", "0", ALL), named(&["Specs", "Archive", "Apollo"])),
            ("the memberships are copied", "admin", "TransferUserGroupMemberships", hand("mgarcia", "jdoe"), Seen::Done),
            ("direct library memberships too", "admin", "TransferUserDomainMemberships", hand("mgarcia", "jdoe"), Seen::Done),
            ("and the manager role", "admin", "TransferUserDomainManagerRoles", hand("mgarcia", "jdoe"), Seen::Done),
        ];
        d.run(via, &rows).await;
        // After them: the rest goes, without warnings.
        let rows: Vec<Row> = item_transfers()
            .map(|(op, _)| {
                (
                    "jdoe reaches every library now",
                    "admin",
                    op,
                    hand("mgarcia", "jdoe"),
                    Seen::Done,
                )
            })
            .collect();
        d.run(via, &rows).await;
        #[rustfmt::skip]
        let rows = [
            ("nothing owned is left", "admin", OWNED, page("mgarcia", "0", ALL), Seen::Done),
            ("nothing checked out", "admin", CHECKED_OUT, page("mgarcia", "0", "0"), Seen::Done),
            ("no folders", "admin", FOLDERS, page("mgarcia", "0", ALL), Seen::Done),
            ("a second hand-over finds nothing to do", "admin", "TransferUserDocumentOwnerships", hand("mgarcia", "jdoe"), Seen::Done),
        ];
        d.run(via, &rows).await;
        let (_, body) = d
            .ask(via, "admin", CHECKED_OUT, &page("jdoe", "0", "0"))
            .await;
        assert!(body.contains(r#"totalcount="5""#), "{body}");
        assert!(body.contains(r#"checkedoutby="jdoe""#), "{body}");
        d.r.shutdown().await;
    }
}

#[tokio::test]
async fn moved_items_leave_the_source_and_copied_ones_stay_with_it() {
    let d = Desk::open(false).await;
    let before = (d.statistics("mgarcia").await, d.statistics("jdoe").await);
    for op in [
        "TransferUserGroupMemberships",
        "TransferUserDomainMemberships",
    ] {
        d.run(
            Via::Post,
            &[(
                "memberships first",
                "admin",
                op,
                hand("mgarcia", "jdoe"),
                Seen::Done,
            )],
        )
        .await;
    }
    for (op, _) in TRANSFERS {
        d.run(
            Via::Post,
            &[(
                "everything",
                "admin",
                op,
                hand("mgarcia", "jdoe"),
                Seen::Done,
            )],
        )
        .await;
    }
    let after = (d.statistics("mgarcia").await, d.statistics("jdoe").await);
    // (figure, what mgarcia keeps, what jdoe gains)
    #[rustfmt::skip]
    let table = [
        // Moved: ownerships (TotalDocuments counts authored documents too: mgarcia wrote five).
        ("TotalDocuments", 5, 5),
        ("CheckedOutDocuments", 0, 3),
        ("TotalFolders", 0, 4),
        ("QueuedTasks", 0, 4),
        ("OverdueTasks", 0, 1),
        ("TasksDueToday", 0, 1),
        ("IsoReviewerRoles", 0, 2),
        // Completed tasks stay in the source's history; open ones move.
        ("TotalTasks", 1, 4),
        // Copied: subscriptions (jdoe already had one of mgarcia's documents and one folder),
        // memberships (jdoe's through groups are counted too) and the manager role.
        ("SubscribedDocuments", 5, 4),
        ("SubscribedFolders", 5, 4),
        ("GlobalGroupMemberships", 2, 1),
        ("LocalGroupMemberships", 2, 2),
        ("DomainMemberships", 3, 2),
        ("DomainManagerRoles", 1, 1),
        // Not handed over: library expiration agents and the activity counters.
        ("ExpirationAgentRoles", 1, 0),
        ("ViewedDocuments", 58, 0),
    ];
    for (name, kept, gained) in table {
        assert_eq!(figure(&after.0, name), kept, "mgarcia keeps {name}");
        let grown = figure(&after.1, name) - figure(&before.1, name);
        assert_eq!(grown, gained, "jdoe gains {name}: {before:?} / {after:?}");
    }
    let (mgarcia, jdoe) = (d.holdings("mgarcia").await, d.holdings("jdoe").await);
    // Workflow definition roles moved: jdoe supervises and is named where mgarcia was.
    assert_eq!(mgarcia["workflow_roles"], serde_json::json!([]));
    for role in [
        "Document Approval: Review Document (supervisor)",
        "Document Approval: Final Sign-Off (assignee)",
        "Invoice Approval: Approve payment (supervisor, assignee)",
    ] {
        assert!(
            jdoe["workflow_roles"]
                .as_array()
                .unwrap()
                .contains(&role.into()),
            "{jdoe}"
        );
    }
    // Permissions merged: jdoe's Read on the budget becomes mgarcia's Change; mgarcia keeps its own.
    let right = |h: &serde_json::Value, on: &str| {
        let entries = h["permissions"].as_array().unwrap().clone();
        entries
            .into_iter()
            .find(|e| e["on"] == on)
            .map(|e| e["right"].clone())
    };
    assert_eq!(right(&jdoe, "\\Finance\\Budgets"), Some("Change".into()));
    assert_eq!(
        right(&jdoe, "\\Engineering\\Specs"),
        Some("Full Control".into())
    );
    assert_eq!(
        right(&mgarcia, "\\Engineering\\Specs"),
        Some("Full Control".into())
    );
    assert_eq!(
        jdoe["expiration_notices"].as_array().unwrap().len(),
        5,
        "{jdoe}"
    );
    assert_eq!(mgarcia["expiration_notices"], serde_json::json!([]));
    assert_eq!(
        mgarcia["completed_tasks"],
        serde_json::json!(["Old spec review"])
    );
    d.r.shutdown().await;
}

#[tokio::test]
async fn a_read_only_target_takes_no_check_outs_and_no_manager_roles() {
    let d = Desk::open(false).await;
    #[rustfmt::skip]
    let rows = [
        ("reader is read-only and reaches Finance and Legal", "admin", "TransferUserCheckedOutDocuments", hand("jdoe", "reader"),
            warned("checked-out documents")),
        ("nothing moved", "admin", CHECKED_OUT, page("jdoe", "0", "0"), named(&["Annual report 2025.docx", "Contract.docx"])),
        ("reader manages nothing", "admin", "TransferUserDomainManagerRoles", hand("mgarcia", "reader"), warned("manager roles")),
        ("but may own documents", "admin", "TransferUserDocumentOwnerships", hand("jdoe", "reader"), Seen::Done),
        ("read back", "admin", OWNED, page("reader", "0", ALL),
            named(&["Annual report 2025.docx", "Audit letter.pdf", "Q3 figures.xlsx"])),
        ("jdoe made read-only", "admin", "ChangeUserType", vec![("userName", "jdoe"), ("userType", "2")], Seen::Done),
        ("takes no check-outs either", "admin", "TransferUserCheckedOutDocuments", hand("asmith", "jdoe"), warned("checked-out documents")),
        ("an author again", "admin", "ChangeUserType", vec![("userName", "jdoe"), ("userType", "1")], Seen::Done),
        ("now it does (jdoe reaches Legal through Finance Team)", "admin", "TransferUserCheckedOutDocuments", hand("asmith", "jdoe"), Seen::Done),
        ("read back", "admin", CHECKED_OUT, page("jdoe", "0", "0"), named(&["Annual report 2025.docx", "Contract.docx", "NDA template.docx"])),
    ];
    d.run(Via::Post, &rows).await;
    d.r.shutdown().await;
}

#[tokio::test]
async fn only_system_administrators_hand_over() {
    let d = Desk::open(false).await;
    let mut rows: Vec<Row> = Vec::new();
    for (op, _) in TRANSFERS {
        #[rustfmt::skip]
        rows.extend([
            ("an ordinary user", "jdoe", op, hand("mgarcia", "jdoe"), refused("Access denied")),
            ("a library manager", "mgarcia", op, hand("mgarcia", "zoe"), refused("Access denied")),
            ("an unknown source", "admin", op, hand("nobody", "jdoe"), refused("User not found")),
            ("an unknown target", "admin", op, hand("mgarcia", "nobody"), refused("User not found")),
            ("the same user", "admin", op, hand("mgarcia", "MGARCIA"), refused("SystemError:fromUserName and toUserName name the same user.")),
            ("no target", "admin", op, vec![("fromUserName", "mgarcia")], refused("[903]Required parameter.'toUserName'")),
            ("a dead ticket", "00000000-0000-0000-0000-000000000000", op, hand("mgarcia", "jdoe"),
                refused("[901] Session expired or Invalid ticket")),
        ]);
    }
    d.run(Via::Post, &rows).await;
    #[rustfmt::skip]
    let rows = [
        ("nothing moved", "admin", FOLDERS, page("mgarcia", "0", ALL), named(&["Specs", "Archive", "Budgets", "Apollo"])),
    ];
    d.run(Via::Soap, &rows).await;
    d.r.shutdown().await;
}

#[tokio::test]
async fn listings_page_as_the_notes_say_for_the_user_or_an_administrator() {
    let d = Desk::open(false).await;
    let invoices = |from: u32, to: u32| -> Seen {
        Seen::Named((from..=to).map(|n| format!("Invoice {n:04}.pdf")).collect())
    };
    let every_seventh = |from: u32, to: u32| -> Seen {
        Seen::Named(
            (from..=to)
                .map(|n| format!("Invoice {:04}.pdf", n * 7))
                .collect(),
        )
    };
    #[rustfmt::skip]
    let rows = [
        ("the first page of 50, by name", "admin", OWNED, page("leaver", "0", "50"), invoices(1, 50)),
        ("startingRow skips rows", "admin", OWNED, page("leaver", "50", "50"), invoices(51, 100)),
        ("a short last page", "admin", OWNED, page("leaver", "400", "50"), invoices(401, 420)),
        ("past the end: no rows", "admin", OWNED, page("leaver", "420", "50"), Seen::Done),
        ("rowCount 0 is a page of none here", "admin", OWNED, page("leaver", "0", "0"), Seen::Done),
        ("checked out: rowCount 0 is all", "admin", CHECKED_OUT, page("leaver", "0", "0"), every_seventh(1, 60)),
        ("checked out: a page", "admin", CHECKED_OUT, page("leaver", "55", "10"), every_seventh(56, 60)),
        ("folders by path, paged", "admin", FOLDERS, page("mgarcia", "1", "2"), named(&["Archive", "Budgets"])),
        ("negative rows", "admin", OWNED, page("leaver", "-1", "5"), refused("SystemError:startingRow and rowCount must not be negative.")),
        ("not a number", "admin", FOLDERS, page("leaver", "0", "all"),
            refused("SystemError:Input string 'all' for rowCount was not in a correct format.")),
        ("the user themselves", "jdoe", OWNED, page("jdoe", "0", "2"), named(&["Annual report 2025.docx", "Audit letter.pdf"])),
        ("the user themselves", "jdoe", CHECKED_OUT, page("JDOE", "0", "0"), named(&["Annual report 2025.docx", "Contract.docx"])),
        ("the user themselves", "mgarcia", FOLDERS, page("mgarcia", "3", "5"), named(&["Apollo"])),
        ("not another user's", "jdoe", OWNED, page("mgarcia", "0", "5"), refused("Insufficient rights.")),
        ("not another user's", "jdoe", CHECKED_OUT, page("leaver", "0", "5"), refused("Insufficient rights.")),
        ("not for a library manager", "mgarcia", FOLDERS, page("zoe", "0", "5"), refused("Insufficient rights.")),
        ("statistics: not another user's", "asmith", "GetUserStatistics", vec![("userName", "jdoe")], refused("Insufficient rights")),
        ("statistics: one's own", "jdoe", "GetUserStatistics", vec![("userName", "jdoe")], Seen::Done),
        ("workflow roles: an admin permission, not one's own", "mgarcia", "GetUsersWorkflowRoles", vec![("userName", "mgarcia")],
            refused("[921]Insufficient rights")),
        ("an unknown user", "admin", OWNED, page("nobody", "0", "5"), refused("User not found")),
        ("an unknown user", "admin", "GetUserStatistics", vec![("userName", "nobody")], refused("User not found")),
        ("an unknown user", "admin", "GetUsersWorkflowRoles", vec![("userName", "nobody")], refused("User not found")),
    ];
    for via in VIAS {
        d.run(via, &rows).await;
    }
    let (_, body) = d
        .ask(Via::Get, "admin", CHECKED_OUT, &page("leaver", "55", "10"))
        .await;
    assert!(
        body.contains(r#"<root success="true" totalcount="60"><document id="#),
        "{body}"
    );
    assert!(
        body.contains(r#"path="/Finance/Invoices/Invoice 0392.pdf" checkedoutby="leaver""#),
        "{body}"
    );
    let (_, body) = d
        .ask(Via::Get, "jdoe", OWNED, &page("jdoe", "0", "1"))
        .await;
    #[rustfmt::skip]
    let first = r#"<response success="true"><document id="1006" name="Annual report 2025.docx" size="512000" modificationDate="2026-02-15T10:30:00" publishedVersionAuthorName="John Doe" path="\Finance\Reports" domainid="2" UserViewStatus="2" /></response>"#;
    assert!(body.ends_with(first), "{body}");
    let (_, body) = d
        .ask(Via::Get, "admin", FOLDERS, &page("jdoe", "0", "5"))
        .await;
    assert!(body.ends_with(r#"<response success="true"><folder id="105" name="Reports" path="\Finance\Reports" domainid="2" ownerid="3" ownername="jdoe" /></response>"#), "{body}");
    // GetCheckedoutDocumentsByUser's table spells the ticket `AuthenticationTicket`.
    let admin = d.tickets[0].1.as_str();
    let spelt = [
        ("AuthenticationTicket", admin),
        ("userName", "jdoe"),
        ("startingRow", "0"),
        ("rowCount", "0"),
    ];
    let reply = call(&d.r, Via::Get, CHECKED_OUT, &spelt).await;
    assert_eq!(
        seen(CHECKED_OUT, reply.status, &reply.body),
        named(&["Annual report 2025.docx", "Contract.docx"])
    );
    let (_, body) = d
        .ask(Via::Get, "admin", OWNED, &page("reader", "0", "5"))
        .await;
    assert!(body.ends_with(r#"<response success="true" />"#), "{body}");
    d.r.shutdown().await;
}

#[tokio::test]
async fn statistics_and_workflow_roles_count_from_the_same_holdings() {
    let d = Desk::open(false).await;
    #[rustfmt::skip]
    let expected: [(&str, u64); 26] = [
        ("TotalDocuments", 6), ("CheckedOutDocuments", 3), ("ViewedDocuments", 58), ("SubscribedDocuments", 5),
        ("FavoriteDocuments", 7), ("VotedDocuments", 4), ("DocumentsInDownloadQueue", 0), ("RecycledDocuments", 2),
        ("TotalFolders", 4), ("SubscribedFolders", 5), ("FavoriteFolders", 3), ("FoldersInDownloadQueue", 0),
        ("RecycledFolders", 1), ("QueuedTasks", 4), ("TasksDueToday", 1), ("TasksDueThisWeek", 2), ("OverdueTasks", 1),
        ("TotalTasks", 5), ("TasksAssignedToOthers", 1), ("WorkflowRoles", 3), ("IsoReviewerRoles", 2),
        ("DomainMemberships", 3), ("GlobalGroupMemberships", 2), ("LocalGroupMemberships", 2), ("DomainManagerRoles", 1),
        ("ExpirationAgentRoles", 1),
    ];
    for via in VIAS {
        let (_, body) = d
            .ask(
                via,
                "mgarcia",
                "GetUserStatistics",
                &[("userName", "mgarcia")],
            )
            .await;
        let got = figures(&body);
        let want: Vec<(String, u64)> = expected.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(
            got, want,
            "every figure, in the page's order, via {via:?}: {body}"
        );
    }
    // WorkflowRoles counts definitions (3); the roles listing names task definitions (4),
    // Release Check's through the R&D group.
    let (_, body) = d
        .ask(
            Via::Post,
            "admin",
            "GetUsersWorkflowRoles",
            &[("userName", "mgarcia")],
        )
        .await;
    #[rustfmt::skip]
    let roles = [
        r#"<response success="true"><WorkflowRoles><WorkflowRole TaskDefId="201" TaskName="Review Document" FlowDefId="11" FlowName="Document Approval" StepNumber="1" SupervisorId="6" SupervisorName="María García" />"#,
        r#"<WorkflowRole TaskDefId="202" TaskName="Final Sign-Off" FlowDefId="11" FlowName="Document Approval" StepNumber="2" SupervisorId="2" SupervisorName="Ada Admin" />"#,
        r#"<WorkflowRole TaskDefId="205" TaskName="Approve payment" FlowDefId="13" FlowName="Invoice Approval" StepNumber="2" SupervisorId="6" SupervisorName="María García" />"#,
        r#"<WorkflowRole TaskDefId="203" TaskName="Build check" FlowDefId="12" FlowName="Release Check" StepNumber="1" SupervisorId="8" SupervisorName="Zoë Łukasiewicz-Ñúñez 日本" /></WorkflowRoles></response>"#,
    ];
    assert!(body.ends_with(&roles.concat()), "{body}");
    let (_, body) = d
        .ask(
            Via::Post,
            "admin",
            "GetUsersWorkflowRoles",
            &[("userName", "bwilson")],
        )
        .await;
    assert!(
        body.ends_with(r#"<response success="true"><WorkflowRoles /></response>"#),
        "{body}"
    );
    // Membership counts include those through groups: jdoe is a direct member of Finance only.
    let jdoe = d.statistics("jdoe").await;
    assert_eq!(figure(&jdoe, "DomainMemberships"), 3);
    assert_eq!(figure(&jdoe, "TasksAssignedToOthers"), 1);
    // The statistics follow the directory: a new group membership counts at once.
    let pairs = [
        ("DomainName", ""),
        ("GroupName", "Auditors"),
        ("UserName", "jdoe"),
    ];
    d.run(
        Via::Post,
        &[(
            "a new group",
            "admin",
            "AddUsergroupMember",
            pairs.to_vec(),
            Seen::Done,
        )],
    )
    .await;
    assert_eq!(
        figure(&d.statistics("jdoe").await, "GlobalGroupMemberships"),
        3
    );
    d.r.shutdown().await;
}

#[tokio::test]
async fn a_newer_server_answers_the_hand_over_with_codes_and_http_400() {
    let d = Desk::open(true).await;
    let coded = |code: &str, text: &str| Seen::Coded(code.into(), text.into());
    #[rustfmt::skip]
    let rows = [
        ("not allowed: 4030", "jdoe", "TransferUserTasks", hand("mgarcia", "jdoe"), coded("4030", "Zugriff verweigert")),
        ("no such user: 4041", "admin", "TransferUserTasks", hand("mgarcia", "nobody"), coded("4041", "Benutzer nicht gefunden")),
        ("an expired ticket: 4010", "00000000-0000-0000-0000-000000000000", "TransferUserTasks", hand("mgarcia", "jdoe"),
            coded("4010", "Sitzung abgelaufen oder ungültiges Ticket")),
        ("statistics of another: 4030", "jdoe", "GetUserStatistics", vec![("userName", "mgarcia")], coded("4030", "Unzureichende Rechte")),
        ("an empty fromUserName", "admin", "TransferUserTasks", hand("", "jdoe"), Seen::Http400),
        ("an omitted toUserName", "admin", "TransferUserISOTasks", vec![("fromUserName", "mgarcia")], Seen::Http400),
        ("a rowCount that is no number", "admin", OWNED, page("leaver", "0", "many"), Seen::Http400),
        ("a transfer with warnings is unchanged", "admin", "TransferUserTasks", hand("mgarcia", "jdoe"), warned("tasks")),
        ("and so are the listings", "admin", FOLDERS, page("mgarcia", "0", "2"), named(&["Specs", "Archive"])),
    ];
    for via in VIAS {
        d.run(via, &rows).await;
    }
    d.r.shutdown().await;
}

#[tokio::test]
async fn reset_brings_the_holdings_back_and_a_lost_answer_leaves_the_transfer_done() {
    let d = Desk::open(false).await;
    set_faults(
        &d.r,
        r#"{"lose_answer_rate":1.0,"only_ops":["TransferUserFolderOwnerships"]}"#,
    )
    .await;
    let (status, _) = d
        .ask(
            Via::Post,
            "admin",
            "TransferUserFolderOwnerships",
            &hand("jdoe", "reader"),
        )
        .await;
    assert_eq!(status, 502, "the answer is lost");
    set_faults(&d.r, "{}").await;
    #[rustfmt::skip]
    let rows = [
        ("yet the folder moved (reader reaches Finance)", "admin", FOLDERS, page("reader", "0", ALL), named(&["Reports"])),
        ("a retry finds nothing left to move", "admin", "TransferUserFolderOwnerships", hand("jdoe", "reader"), Seen::Done),
    ];
    d.run(Via::Post, &rows).await;
    let url = format!("{}/_emulator/reset", d.r.url());
    assert!(
        client()
            .post(url)
            .send()
            .await
            .unwrap()
            .status()
            .is_success()
    );
    let d = Desk {
        tickets: Vec::new(),
        ..d
    };
    let admin = sign_in(&d.r, "admin", "Admin123!").await;
    let (_, body) = d
        .ask(Via::Post, &admin, FOLDERS, &page("jdoe", "0", ALL))
        .await;
    assert_eq!(seen(FOLDERS, 200, &body), named(&["Reports"]));
    d.r.shutdown().await;
}
