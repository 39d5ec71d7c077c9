//! Memberships, user type, task redirection and welcome mails: ChangeUserType, the group and
//! library calls, the five redirection calls and SendWelcomeEmailForUser, as an older server
//! answers them and as a newer one (`--modern`) does, read back through the listing calls.
//!
//! Most cases are rows `(case, who calls, operation, parameters after the ticket, expected
//! answer)`, run in order by [`Bench::run`] and checked by [`expect`]. The fixture's libraries:
//! Engineering (managed by mgarcia), Finance, HR, Legal (managed by asmith), Old Projects
//! (archived) and Board Room (hidden); jdoe is a direct member of Finance and reaches HR and
//! Legal through the global groups Everyone Staff and Finance Team.

mod common;
use Want::*;
use Who::*;
use common::*;
use inforouter_emulator::Running;

const VIAS: [Via; 3] = [Via::Get, Via::Post, Via::Soap];
const BOGUS: &str = "00000000-0000-0000-0000-000000000000";
const EXPIRED: &str = "[901] Session expired or Invalid ticket";
const ANONYMOUS: &str = "[2730]Insufficient rights. Anonymous users cannot perform this action";
const DENIED: &str = "Access denied";
const NO_USER: &str = "User not found";
const NO_GROUP: &str = "Group not found";
const NO_DOMAIN: &str = "[115] Domain not found";

/// Who calls.
#[derive(Debug, Clone, Copy)]
enum Who {
    /// `admin`, a system administrator.
    Admin,
    /// `jdoe`, an ordinary user.
    Jdoe,
    /// `asmith`: manages the Legal library; not a system administrator.
    LegalManager,
    /// `mgarcia`: manages the Engineering library.
    EngineeringManager,
    /// `usermanager`: the User Manager role.
    UserManager,
    /// A ticket the server never issued.
    Expired,
    /// An empty ticket.
    Blank,
}

/// What a call must answer.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// `success="true"`, the root the page shows, `error=""` only where its sample has it.
    Succeeds,
    /// Success, and the answer element is empty (`<root success="true" />`).
    SucceedsBare,
    /// Success, and these `child` elements' `attr` values, in this order.
    Lists(&'static str, &'static str, &'static [&'static str]),
    /// Success, and the answer contains each of these.
    Shows(&'static [&'static str]),
    /// Success, and the answer contains none of these.
    Omits(&'static [&'static str]),
    /// An older server's failure with exactly this text.
    Fails(&'static str),
    /// A newer server's failure: this errorCode and exactly this text.
    Code(&'static str, &'static str),
    /// A newer server's HTTP 400 for an empty required value: no srv.asmx answer.
    Http400,
}

type Params<'a> = Vec<(&'a str, &'a str)>;

/// (case, who calls, operation, parameters after the ticket, expected answer)
type Row<'a> = (&'static str, Who, &'static str, Params<'a>, Want);

/// The calls whose answers are `<root>` (the others `<response>`).
const ROOT_OPS: [&str; 8] = [
    "GetGroupMembershipsOfUser",
    "GetManagedDomainsByUser",
    "GetUserTaskRedirectionTo",
    "GetUserTaskRedirectionsFrom",
    "SetUserTaskRedirection",
    "RemoveUserTaskRedirection",
    "RerouteUserTaskRedirection",
    "SendWelcomeEmailForUser",
];

struct Bench {
    r: Running,
    tickets: Vec<(&'static str, String)>,
}

impl Bench {
    async fn new(modern: bool) -> Bench {
        let r = emulator(|c| c.faults.modern = modern).await;
        let mut tickets = Vec::new();
        for (user, password) in [
            ("admin", "Admin123!"),
            ("jdoe", "Secret123!"),
            ("asmith", "Secret123!"),
            ("mgarcia", "Secret123!"),
            ("usermanager", "Manager123!"),
        ] {
            tickets.push((user, sign_in(&r, user, password).await));
        }
        Bench { r, tickets }
    }

    fn ticket(&self, who: Who) -> &str {
        let user = match who {
            Admin => "admin",
            Jdoe => "jdoe",
            LegalManager => "asmith",
            EngineeringManager => "mgarcia",
            UserManager => "usermanager",
            Expired => return BOGUS,
            Blank => return "",
        };
        &self.tickets.iter().find(|(u, _)| *u == user).unwrap().1
    }

    /// Makes the row's call and checks its answer.
    async fn check(&self, via: Via, row: &Row<'_>) -> Reply {
        let (case, who, op, params, want) = row;
        let mut pairs = vec![("authenticationTicket", self.ticket(*who))];
        pairs.extend(params.iter().copied());
        let reply = call(&self.r, via, op, &pairs).await;
        let ctx = format!("{case}: {op} by {who:?} via {via:?} with {params:?}");
        expect(&reply, op, *want, &ctx);
        reply
    }

    /// The rows in order, as a scenario: each may depend on those before it.
    async fn run(&self, via: Via, rows: &[Row<'_>]) {
        for row in rows {
            self.check(via, row).await;
        }
    }

    /// A control endpoint's text.
    async fn control(&self, method: reqwest::Method, path: &str) -> String {
        let url = format!("{}/_emulator/{path}", self.r.url());
        let resp = client().request(method, url).send().await.unwrap();
        assert!(resp.status().is_success(), "{path}");
        resp.text().await.unwrap()
    }
}

/// Every element named `name` below `el`, in document order.
fn all<'a>(el: &'a El, name: &str, out: &mut Vec<&'a El>) {
    for c in &el.children {
        if c.name == name {
            out.push(c);
        }
        all(c, name, out);
    }
}

fn expect(reply: &Reply, op: &str, want: Want, ctx: &str) {
    if let Http400 = want {
        assert_eq!(reply.status, 400, "{ctx}: {}", reply.body);
        assert!(!reply.body.contains("success="), "{ctx}: {}", reply.body);
        return;
    }
    assert_eq!(reply.status, 200, "{ctx}: {}", reply.body);
    let a = answer(&reply.body);
    let root = if ROOT_OPS.contains(&op) {
        "root"
    } else {
        "response"
    };
    assert_eq!(a.name, root, "{ctx}");
    let error = a.attrs.get("error").map(String::as_str);
    let code = a.attrs.get("errorCode").map(String::as_str);
    match want {
        Fails(text) => {
            assert_eq!(
                (a.attr("success"), error, code),
                ("false", Some(text), None),
                "{ctx}"
            );
            return;
        }
        Code(c, text) => {
            assert_eq!(
                (a.attr("success"), error, code),
                ("false", Some(text), Some(c)),
                "{ctx}"
            );
            assert!(!text.contains('['), "{ctx}");
            return;
        }
        _ => {}
    }
    assert_eq!(a.attr("success"), "true", "{ctx}: {}", reply.body);
    assert_eq!(
        error,
        (root == "response").then_some(""),
        "{ctx}: {}",
        reply.body
    );
    assert_eq!(code, None, "{ctx}");
    match want {
        SucceedsBare => assert!(a.children.is_empty(), "{ctx}: {}", reply.body),
        Lists(child, attr, names) => {
            let mut found = Vec::new();
            all(&a, child, &mut found);
            let got: Vec<&str> = found.iter().map(|e| e.attr(attr)).collect();
            assert_eq!(got, names, "{ctx}: {}", reply.body);
        }
        Shows(snippets) => {
            for s in snippets {
                assert!(reply.body.contains(s), "{ctx}: no {s:?} in {}", reply.body);
            }
        }
        Omits(snippets) => {
            for s in snippets {
                assert!(!reply.body.contains(s), "{ctx}: {s:?} in {}", reply.body);
            }
        }
        _ => {}
    }
}

fn user(name: &str) -> Params<'_> {
    vec![("userName", name)]
}

fn domain(name: &str) -> Params<'_> {
    vec![("DomainName", name)]
}

fn group<'a>(domain: &'a str, group: &'a str) -> Params<'a> {
    vec![("DomainName", domain), ("GroupName", group)]
}

/// Add/RemoveUsergroupMember's parameters.
fn member<'a>(domain: &'a str, group: &'a str, user: &'a str) -> Params<'a> {
    vec![
        ("DomainName", domain),
        ("GroupName", group),
        ("UserName", user),
    ]
}

/// SetUserTaskRedirection's parameters.
fn redirect<'a>(user: &'a str, to: &'a str, start: &'a str, end: &'a str) -> Params<'a> {
    vec![
        ("userName", user),
        ("redirectTasksToUser", to),
        ("startOn", start),
        ("endOn", end),
    ]
}

fn reroute<'a>(user: &'a str, to: &'a str) -> Params<'a> {
    vec![("userName", user), ("redirectTasksToUser", to)]
}

const GLOBALS: &[&str] = &[
    "Auditors",
    "Everyone Staff",
    "Finance Team",
    "R&D <Core> & \"Friends\"",
];
const LIBRARIES: &[&str] = &[
    "Board Room",
    "Engineering",
    "Finance",
    "HR",
    "Legal",
    "Old Projects",
];
const JDOE_LIBRARIES: &[&str] = &["Finance", "HR", "Legal"];

#[tokio::test]
async fn group_and_library_listings_answer_as_the_samples_show() {
    let b = Bench::new(false).await;
    #[rustfmt::skip]
    let rows = [
        ("global groups, by name, names with XML special characters", Jdoe, "GetGlobalGroups", vec![], Lists("usergroup", "GroupName", GLOBALS)),
        ("a global group's library is 0 and empty; public is True/False", Jdoe, "GetGlobalGroups", vec![],
            Shows(&[r#"<usergroups><usergroup GroupID="11" GroupName="Auditors" DomainID="0" DomainName="" public="False" />"#,
                    r#"GroupName="R&amp;D &lt;Core&gt; &amp; &quot;Friends&quot;""#])),
        ("local groups of a library only", Jdoe, "GetLocalGroups", domain("finance"), Lists("usergroup", "GroupName", &["Finance Admins", "Finance Readers"])),
        ("a local group names its library", Jdoe, "GetLocalGroups", domain("Finance"),
            Shows(&[r#"<usergroup GroupID="3" GroupName="Finance Admins" DomainID="2" DomainName="Finance" public="True" />"#])),
        ("a library's local groups and its global member groups", Jdoe, "GetDomainGroups", domain("Legal"),
            Lists("usergroup", "GroupName", &["Contract Reviewers", "Finance Team"])),
        ("no groups: an empty collection", Jdoe, "GetLocalGroups", domain("Board Room"), Shows(&["<usergroups />"])),
        ("an unknown library", Jdoe, "GetLocalGroups", domain("Nowhere"), Fails(NO_DOMAIN)),
        ("an unknown library", Jdoe, "GetDomainGroups", domain("Nowhere"), Fails(NO_DOMAIN)),
        ("one global group (empty DomainName)", Jdoe, "GetUserGroup", group("", "finance team"),
            Shows(&[r#"<usergroup GroupID="9" GroupName="Finance Team" DomainID="0" DomainName="" public="True" />"#])),
        ("one local group", Jdoe, "GetUserGroup", group("Legal", "Contract Reviewers"), Lists("usergroup", "DomainName", &["Legal"])),
        ("DomainName may be left out for a global group", Jdoe, "GetUserGroup", vec![("GroupName", "Auditors")], Lists("usergroup", "GroupID", &["11"])),
        ("a local group asked for as a global one", Jdoe, "GetUserGroup", group("", "Finance Admins"), Fails(NO_GROUP)),
        ("a group of an unknown library", Jdoe, "GetUserGroup", group("Nowhere", "Finance Admins"), Fails(NO_GROUP)),
        ("members in full detail, by first and last name", Jdoe, "GetUserGroupMembers", group("", "Everyone Staff"),
            Lists("User", "UserName", &["admin", "asmith", "bwilson", "jdoe", "mgarcia", "reader", "obrien", "usermanager", "zoe"])),
        ("members carry their preferences", Jdoe, "GetUserGroupMembers", group("Finance", "Finance Admins"),
            Shows(&[r#"UserName="jdoe""#, r#"<Preferences Language="English""#])),
        ("a private group's members are answered too", Jdoe, "GetUserGroupMembers", group("", "Auditors"),
            Lists("User", "UserName", &["reader", "usermanager"])),
        ("an unknown group", Jdoe, "GetUserGroupMembers", group("", "Nobody"), Fails(NO_GROUP)),
        ("a user's groups: administrators", Admin, "GetGroupMembershipsOfUser", user("jdoe"),
            Lists("usergroup", "GroupName", &["Everyone Staff", "Finance Admins", "Finance Team"])),
        ("the element is <UserGroups>, capitalised", Admin, "GetGroupMembershipsOfUser", user("jdoe"), Shows(&["success=\"true\"><UserGroups>"])),
        ("no groups: empty", Admin, "GetGroupMembershipsOfUser", user("sysadmin"), Shows(&["<UserGroups />"])),
        ("not the user themselves (an admin permission)", Jdoe, "GetGroupMembershipsOfUser", user("jdoe"), Fails("Insufficient rights")),
        ("not a library manager", LegalManager, "GetGroupMembershipsOfUser", user("jdoe"), Fails("Insufficient rights")),
        ("an unknown user", Admin, "GetGroupMembershipsOfUser", user("nobody"), Fails(NO_USER)),
        ("every library, archived and hidden too, by name", Jdoe, "GetDomains", vec![], Lists("domain", "DomainName", LIBRARIES)),
        ("library flags TRUE/FALSE and the welcome message escaped", Jdoe, "GetDomains", vec![],
            Shows(&[r#"<domain DomainID="5" DomainName="Old Projects" AnonymousDomain="FALSE" IsArchive="TRUE" IsHidden="FALSE" WelcomeMessage="Archived project files" />"#,
                    r#"IsHidden="TRUE""#, r#"WelcomeMessage="Contracts &amp; &quot;policies&quot; &lt;confidential&gt;""#])),
        ("anyone's memberships, direct and through groups", Jdoe, "GetDomainMembershipsOfUser", user("JDOE"), Lists("domain", "DomainName", JDOE_LIBRARIES)),
        ("another user's, for an ordinary caller", Jdoe, "GetDomainMembershipsOfUser", user("mgarcia"),
            Lists("domain", "DomainName", &["Engineering", "HR", "Old Projects"])),
        ("no libraries: <domains />", Jdoe, "GetDomainMembershipsOfUser", user("sysadmin"), Shows(&["<domains />"])),
        ("an unknown user", Jdoe, "GetDomainMembershipsOfUser", user("nobody"), Fails(NO_USER)),
        ("the caller's own", Jdoe, "GetMemberDomains", vec![], Lists("domain", "DomainName", JDOE_LIBRARIES)),
        ("own managed libraries: none", Jdoe, "GetManagedDomainsByUser", user(""), Shows(&[r#"success="true"><domains /></root>"#])),
        ("own managed libraries, userName left out", LegalManager, "GetManagedDomainsByUser", vec![], Lists("domain", "DomainName", &["Legal"])),
        ("own, named", EngineeringManager, "GetManagedDomainsByUser", user("mgarcia"), Lists("domain", "DomainName", &["Engineering"])),
        ("another's, for an administrator", Admin, "GetManagedDomainsByUser", user("asmith"), Lists("domain", "DomainName", &["Legal"])),
        ("another's, for anyone else", Jdoe, "GetManagedDomainsByUser", user("asmith"), Fails("[2840] Access denied")),
        ("another's, for a library manager", LegalManager, "GetManagedDomainsByUser", user("mgarcia"), Fails("[2840] Access denied")),
        ("an unknown user, for an administrator", Admin, "GetManagedDomainsByUser", user("nobody"), Fails(NO_USER)),
        ("a dead ticket", Expired, "GetDomains", vec![], Fails(EXPIRED)),
        ("a dead ticket", Expired, "GetUserGroupMembers", group("", "Auditors"), Fails(EXPIRED)),
        ("anonymous", Blank, "GetGlobalGroups", vec![], Fails(ANONYMOUS)),
        ("anonymous", Blank, "GetLocalGroups", domain("Finance"), Fails(ANONYMOUS)),
        ("anonymous", Blank, "GetDomainGroups", domain("Finance"), Fails(ANONYMOUS)),
        ("anonymous", Blank, "GetUserGroup", group("", "Auditors"), Fails(ANONYMOUS)),
        ("anonymous", Blank, "GetMemberDomains", vec![], Fails(ANONYMOUS)),
        ("no ticket on a call without [2730]", Blank, "GetDomains", vec![], Fails(EXPIRED)),
    ];
    for via in VIAS {
        b.run(via, &rows).await;
    }
    b.r.shutdown().await;
}

#[tokio::test]
async fn group_members_are_changed_by_a_manager_of_the_library_or_an_administrator() {
    for via in VIAS {
        let b = Bench::new(false).await;
        #[rustfmt::skip]
        let rows = [
            ("the Legal manager adds to a Legal group", LegalManager, "AddUsergroupMember", member("Legal", "Contract Reviewers", "jdoe"), Succeeds),
            ("read back", Jdoe, "GetUserGroupMembers", group("Legal", "Contract Reviewers"), Lists("User", "UserName", &["asmith", "jdoe"])),
            ("a local group brings its library", Jdoe, "GetDomainMembershipsOfUser", user("jdoe"), Lists("domain", "DomainName", JDOE_LIBRARIES)),
            ("twice", LegalManager, "AddUsergroupMember", member("Legal", "Contract Reviewers", "jdoe"), Fails("User already a member")),
            ("not a group of another library", LegalManager, "AddUsergroupMember", member("Finance", "Finance Admins", "asmith"), Fails(DENIED)),
            ("not a global group", LegalManager, "AddUsergroupMember", member("", "Auditors", "asmith"), Fails(DENIED)),
            ("not by the manager of another library", EngineeringManager, "AddUsergroupMember", member("Legal", "Contract Reviewers", "zoe"), Fails(DENIED)),
            ("not by an ordinary user", Jdoe, "AddUsergroupMember", member("Finance", "Finance Admins", "asmith"), Fails(DENIED)),
            ("not by a User Manager", UserManager, "AddUsergroupMember", member("", "Auditors", "jdoe"), Fails(DENIED)),
            ("the Engineering manager in Engineering", EngineeringManager, "AddUsergroupMember", member("Engineering", "Release Managers", "jdoe"), Succeeds),
            ("an administrator, a global group, by ID:<userid>", Admin, "AddUsergroupMember", member("", "Auditors", "ID:3"), Succeeds),
            ("read back", Admin, "GetGroupMembershipsOfUser", user("jdoe"),
                Lists("usergroup", "GroupName", &["Auditors", "Contract Reviewers", "Everyone Staff", "Finance Admins", "Finance Team", "Release Managers"])),
            ("Engineering through the local group", Jdoe, "GetMemberDomains", vec![], Lists("domain", "DomainName", &["Engineering", "Finance", "HR", "Legal"])),
            ("an unknown group", Admin, "AddUsergroupMember", member("", "Nobody", "jdoe"), Fails(NO_GROUP)),
            ("a group of an unknown library", Admin, "AddUsergroupMember", member("Nowhere", "Auditors", "jdoe"), Fails(NO_GROUP)),
            ("an unknown user", Admin, "AddUsergroupMember", member("", "Auditors", "nobody"), Fails(NO_USER)),
            ("an unknown id", Admin, "AddUsergroupMember", member("", "Auditors", "ID:99999"), Fails(NO_USER)),
            ("DomainName must be sent, empty for a global group", Admin, "AddUsergroupMember",
                vec![("GroupName", "Auditors"), ("UserName", "zoe")], Fails("[903]Required parameter.'DomainName'")),
            ("removed by the manager of its library", LegalManager, "RemoveUsergroupMember", member("Legal", "Contract Reviewers", "jdoe"), Succeeds),
            ("twice", LegalManager, "RemoveUsergroupMember", member("Legal", "Contract Reviewers", "jdoe"), Fails("User not a member")),
            ("not by another library's manager", EngineeringManager, "RemoveUsergroupMember", member("Legal", "Contract Reviewers", "asmith"), Fails(DENIED)),
            ("DomainName may be left out for a global group", Admin, "RemoveUsergroupMember",
                vec![("GroupName", "Auditors"), ("UserName", "jdoe")], Succeeds),
            ("read back", Admin, "GetGroupMembershipsOfUser", user("jdoe"),
                Lists("usergroup", "GroupName", &["Everyone Staff", "Finance Admins", "Finance Team", "Release Managers"])),
            ("not a global group by a library manager", EngineeringManager, "RemoveUsergroupMember", member("", "Everyone Staff", "zoe"), Fails(DENIED)),
            ("a dead ticket", Expired, "RemoveUsergroupMember", member("", "Everyone Staff", "zoe"), Fails(EXPIRED)),
        ];
        b.run(via, &rows).await;
        b.r.shutdown().await;
    }
}

#[tokio::test]
async fn library_memberships_are_direct_and_end_with_the_manager_role() {
    for via in VIAS {
        let b = Bench::new(false).await;
        let add = |d, u| vec![("DomainName", d), ("UserName", u)];
        // RemoveUserFromDomainMembership spells it `Username`.
        let remove = |d, u| vec![("DomainName", d), ("Username", u)];
        #[rustfmt::skip]
        let rows = [
            ("the Legal manager adds a member", LegalManager, "AddUserAsDomainMember", add("legal", "bwilson"), Succeeds),
            ("read back", Jdoe, "GetDomainMembershipsOfUser", user("bwilson"), Lists("domain", "DomainName", &["HR", "Legal"])),
            ("twice", LegalManager, "AddUserAsDomainMember", add("Legal", "bwilson"), Fails("Already a member")),
            ("a member through a group only may be added directly", Admin, "AddUserAsDomainMember", add("HR", "jdoe"), Succeeds),
            ("not by another library's manager", EngineeringManager, "AddUserAsDomainMember", add("Legal", "zoe"), Fails(DENIED)),
            ("not to another library", LegalManager, "AddUserAsDomainMember", add("Finance", "zoe"), Fails(DENIED)),
            ("not by an ordinary user", Jdoe, "AddUserAsDomainMember", add("Finance", "zoe"), Fails(DENIED)),
            ("an unknown library", Admin, "AddUserAsDomainMember", add("Nowhere", "zoe"), Fails(NO_DOMAIN)),
            ("an unknown user", Admin, "AddUserAsDomainMember", add("Legal", "nobody"), Fails(NO_USER)),
            ("the direct membership ends", Admin, "RemoveUserFromDomainMembership", remove("Finance", "jdoe"), Succeeds),
            ("Finance is still listed: Finance Team and Finance Admins reach it", Jdoe, "GetMemberDomains", vec![],
                Lists("domain", "DomainName", JDOE_LIBRARIES)),
            ("but the direct membership is gone", Admin, "RemoveUserFromDomainMembership", remove("Finance", "jdoe"), Fails("User is not a member")),
            ("not a membership through a group", LegalManager, "RemoveUserFromDomainMembership", remove("Legal", "jdoe"), Fails("User is not a member")),
            ("not by another library's manager", EngineeringManager, "RemoveUserFromDomainMembership", remove("Legal", "asmith"), Fails(DENIED)),
            ("by the library's manager", LegalManager, "RemoveUserFromDomainMembership", remove("Legal", "bwilson"), Succeeds),
            ("an unknown library", Admin, "RemoveUserFromDomainMembership", remove("Nowhere", "jdoe"), Fails(NO_DOMAIN)),
            ("the manager leaves the library", Admin, "RemoveUserFromDomainMembership", remove("Legal", "asmith"), Succeeds),
            ("and the role with it", Admin, "GetManagedDomainsByUser", user("asmith"), Shows(&["<domains />"])),
            ("so it may no longer add members", LegalManager, "AddUserAsDomainMember", add("Legal", "zoe"), Fails(DENIED)),
            ("its local group still reaches Legal", Jdoe, "GetDomainMembershipsOfUser", user("asmith"), Lists("domain", "DomainName", &["HR", "Legal"])),
        ];
        b.run(via, &rows).await;
        b.r.shutdown().await;
    }
}

#[tokio::test]
async fn change_user_type_sets_read_only_user() {
    let b = Bench::new(false).await;
    let typed = |t| vec![("userName", "jdoe"), ("userType", t)];
    #[rustfmt::skip]
    let rows = [
        ("an administrator makes jdoe read-only", Admin, "ChangeUserType", typed("2"), Succeeds),
        ("GetUser shows it", Jdoe, "GetUser", vec![("UserName", "jdoe")], Shows(&[r#"ReadOnlyUser="TRUE""#])),
        ("and an author again", Admin, "ChangeUserType", typed("1"), Succeeds),
        ("GetUser shows it", Jdoe, "GetUser", vec![("UserName", "jdoe")], Shows(&[r#"ReadOnlyUser="FALSE""#])),
        ("only 1 or 2", Admin, "ChangeUserType", typed("3"), Fails("SystemError:Invalid userType '3': use 1 for author or 2 for read-only.")),
        ("a number", Admin, "ChangeUserType", typed("reader"),
            Fails("SystemError:Input string 'reader' for userType was not in a correct format.")),
        ("system administrators only", Jdoe, "ChangeUserType", typed("1"), Fails(DENIED)),
        ("not a library manager", LegalManager, "ChangeUserType", vec![("userName", "jdoe"), ("userType", "2")], Fails(DENIED)),
        ("not a User Manager", UserManager, "ChangeUserType", typed("2"), Fails(DENIED)),
        ("an unknown user", Admin, "ChangeUserType", vec![("userName", "nobody"), ("userType", "2")], Fails(NO_USER)),
        ("an omitted type", Admin, "ChangeUserType", user("jdoe"), Fails("[903]Required parameter.'userType'")),
        ("a dead ticket", Expired, "ChangeUserType", typed("2"), Fails(EXPIRED)),
    ];
    for via in VIAS {
        b.run(via, &rows).await;
    }
    b.r.shutdown().await;
}

/// Today (UTC) as the server sees it, `2026-03-20`.
async fn today(r: &Running) -> String {
    let info = answer(&call(r, Via::Get, "ServerInfo", &[]).await.body);
    info.attr("Coordinated_Universal_Time")[..10].to_string()
}

#[tokio::test]
async fn task_redirections_follow_the_pages_rules() {
    for via in VIAS {
        let b = Bench::new(false).await;
        let today = today(&b.r).await;
        // Leaked: rows want 'static texts, and this one is known only at run time.
        let moved_start: &'static [&'static str] = Box::leak(Box::new([&*format!(
            "<StartDate>{today}</StartDate><EndDate>2098-01-01</EndDate>"
        )
        .leak()]));
        let rerouted: &'static [&'static str] = Box::leak(Box::new([&*format!(
            "<UserName>usermanager</UserName><FullName>Uma Manager</FullName><Email>uma.manager@example.com</Email><StartDate>{today}</StartDate><EndDate>2099-12-31</EndDate>"
        )
        .leak()]));
        const JAN: (&str, &str) = ("2098-01-01T00:00:00", "2098-02-01T00:00:00");
        const MAR: (&str, &str) = ("2098-03-01T09:30:00", "2098-03-31T18:00:00");
        #[rustfmt::skip]
        let rows = [
            ("none set", Jdoe, "GetUserTaskRedirectionTo", user("jdoe"), SucceedsBare),
            ("the seeded records come back even outside their window", Jdoe, "GetUserTaskRedirectionsFrom", user("jdoe"),
                Shows(&["<TaskRedirections><TaskRedirection><UserId>8</UserId><UserName>zoe</UserName><FullName>Zoë Łukasiewicz-Ñúñez 日本</FullName><Email>zoë@例え.jp</Email><StartDate>2024-03-01</StartDate><EndDate>2024-03-31</EndDate></TaskRedirection></TaskRedirections>"])),
            ("an open end is an empty date", Jdoe, "GetUserTaskRedirectionsFrom", user("asmith"),
                Shows(&["<UserName>bwilson</UserName>", "<StartDate>2024-03-10</StartDate><EndDate></EndDate>", "<UserName>mgarcia</UserName>"])),
            ("the user themselves sets one", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", JAN.0, JAN.1), SucceedsBare),
            ("the target, dates as yyyy-MM-dd", Jdoe, "GetUserTaskRedirectionTo", user("jdoe"),
                Shows(&["success=\"true\"><TaskRedirection><UserId>4</UserId><UserName>asmith</UserName><FullName>Anna Smith</FullName><Email>anna.smith@corp.example.com</Email><StartDate>2098-01-01</StartDate><EndDate>2098-02-01</EndDate></TaskRedirection></root>"])),
            ("and the reverse view", Jdoe, "GetUserTaskRedirectionsFrom", user("asmith"), Shows(&["<UserName>jdoe</UserName>"])),
            ("a new one replaces the old", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "obrien", MAR.0, MAR.1), SucceedsBare),
            ("read back", Jdoe, "GetUserTaskRedirectionTo", user("jdoe"),
                Shows(&["<UserName>obrien</UserName>", "<StartDate>2098-03-01</StartDate><EndDate>2098-03-31</EndDate>"])),
            ("the old target no longer hears of it", Jdoe, "GetUserTaskRedirectionsFrom", user("asmith"), Omits(&["<UserName>jdoe</UserName>"])),
            ("reroute: a new target, the dates kept", Jdoe, "RerouteUserTaskRedirection", reroute("jdoe", "reader"), SucceedsBare),
            ("read back", Jdoe, "GetUserTaskRedirectionTo", user("jdoe"),
                Shows(&["<UserName>reader</UserName>", "<StartDate>2098-03-01</StartDate><EndDate>2098-03-31</EndDate>"])),
            ("a past start becomes now", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", "2020-01-01T00:00:00", "2098-01-01T00:00:00"), SucceedsBare),
            ("read back", Jdoe, "GetUserTaskRedirectionTo", user("jdoe"), Shows(moved_start)),
            ("removed", Jdoe, "RemoveUserTaskRedirection", user("jdoe"), SucceedsBare),
            ("gone", Jdoe, "GetUserTaskRedirectionTo", user("jdoe"), SucceedsBare),
            ("removing none succeeds", Jdoe, "RemoveUserTaskRedirection", user("jdoe"), SucceedsBare),
            ("rerouting none does not", Jdoe, "RerouteUserTaskRedirection", reroute("jdoe", "asmith"),
                Fails("The user has no task redirection. Use SetUserTaskRedirection to create one.")),
            ("the end in the past", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", "2020-01-01T00:00:00", "2020-02-01T00:00:00"),
                Fails("Task redirection end date cannot be in the past.")),
            ("the end before the start", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", MAR.1, MAR.0),
                Fails("Task redirection end date must be after the start date.")),
            ("the end at the start", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", MAR.0, MAR.0),
                Fails("Task redirection end date must be after the start date.")),
            ("to oneself", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "JDOE", JAN.0, JAN.1), Fails("Tasks cannot be redirected to the same user.")),
            ("to a disabled user", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "leaver", JAN.0, JAN.1),
                Fails("Tasks cannot be redirected to a disabled user.")),
            ("asmith receives mgarcia's and bwilson's tasks then: it cannot redirect its own", Admin, "SetUserTaskRedirection",
                redirect("asmith", "jdoe", JAN.0, JAN.1), Fails("The task redirection period overlaps a redirection of tasks to this user.")),
            ("mgarcia redirects its own tasks then", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "mgarcia", JAN.0, JAN.1),
                Fails("The user to redirect tasks to redirects their own tasks during this period.")),
            ("bwilson's open-ended redirection covers any window", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "bwilson", MAR.0, MAR.1),
                Fails("The user to redirect tasks to redirects their own tasks during this period.")),
            ("a library manager, for zoe (its redirection to jdoe ended in 2024)", LegalManager, "SetUserTaskRedirection",
                redirect("zoe", "obrien", JAN.0, JAN.1), SucceedsBare),
            ("the replaced record is gone", Jdoe, "GetUserTaskRedirectionsFrom", user("jdoe"), Shows(&["<TaskRedirections />"])),
            ("obrien receives zoe's tasks in January: it cannot redirect its own then", Admin, "SetUserTaskRedirection",
                redirect("obrien", "reader", JAN.0, JAN.1), Fails("The task redirection period overlaps a redirection of tasks to this user.")),
            ("outside that window it may", Admin, "SetUserTaskRedirection",
                redirect("obrien", "reader", "2098-02-02T00:00:00", "2098-02-20T00:00:00"), SucceedsBare),
            ("a target that redirects outside the window is fine", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "obrien", JAN.0, JAN.1), SucceedsBare),
            ("a date alone is read too; a User Manager may", UserManager, "SetUserTaskRedirection",
                redirect("reader", "asmith", "2098-01-01", "2098-01-02T12:00:00"), SucceedsBare),
            ("read back", Jdoe, "GetUserTaskRedirectionTo", user("reader"), Shows(&["<StartDate>2098-01-01</StartDate><EndDate>2098-01-02</EndDate>"])),
            ("both dates are required", Jdoe, "SetUserTaskRedirection", vec![("userName", "jdoe"), ("redirectTasksToUser", "asmith"), ("startOn", JAN.0)],
                Fails("[903]Required parameter.'endOn'")),
            ("a date the server cannot read", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", "next week", JAN.1),
                Fails("SystemError:String 'next week' was not recognized as a valid DateTime.")),
            ("an empty date", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", JAN.0, ""),
                Fails("SystemError:String '' was not recognized as a valid DateTime.")),
            ("an unknown target", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "nobody", JAN.0, JAN.1), Fails(NO_USER)),
            ("an unknown user", Jdoe, "GetUserTaskRedirectionTo", user("nobody"), Fails(NO_USER)),
            ("an unknown user", Jdoe, "GetUserTaskRedirectionsFrom", user("nobody"), Fails(NO_USER)),
            ("not another user's, for an ordinary user", Jdoe, "SetUserTaskRedirection", redirect("asmith", "bwilson", JAN.0, JAN.1), Fails("Access Denied")),
            ("not another user's, for an ordinary user", Jdoe, "RemoveUserTaskRedirection", user("mgarcia"), Fails("Access Denied")),
            ("not another user's, for an ordinary user", Jdoe, "RerouteUserTaskRedirection", reroute("mgarcia", "jdoe"), Fails("Access Denied")),
            ("a library manager may (of any library)", EngineeringManager, "RerouteUserTaskRedirection", reroute("reader", "obrien"), SucceedsBare),
            ("read back", Jdoe, "GetUserTaskRedirectionsFrom", user("obrien"), Shows(&["<UserName>reader</UserName>", "<UserName>jdoe</UserName>", "<UserName>zoe</UserName>"])),
            ("a User Manager may", UserManager, "RemoveUserTaskRedirection", user("reader"), SucceedsBare),
            ("anyone reads anyone's", LegalManager, "GetUserTaskRedirectionTo", user("mgarcia"), Shows(&["<UserName>asmith</UserName>"])),
            ("a dead ticket", Expired, "GetUserTaskRedirectionTo", user("jdoe"), Fails(EXPIRED)),
            ("rerouting a record that began in 2025", Admin, "RerouteUserTaskRedirection", reroute("mgarcia", "usermanager"), SucceedsBare),
            ("keeps its end; its past start becomes now", Jdoe, "GetUserTaskRedirectionTo", user("mgarcia"), Shows(rerouted)),
            ("rerouting checks the new target too", Admin, "RerouteUserTaskRedirection", reroute("mgarcia", "leaver"),
                Fails("Tasks cannot be redirected to a disabled user.")),
        ];
        b.run(via, &rows).await;
        b.r.shutdown().await;
    }
}

#[tokio::test]
async fn welcome_mails_are_recorded_and_read_through_the_control_endpoint() {
    let b = Bench::new(false).await;
    #[rustfmt::skip]
    let rows = [
        ("a native account", Admin, "SendWelcomeEmailForUser", user("jdoe"), SucceedsBare),
        ("an account of an authority", Admin, "SendWelcomeEmailForUser", user("asmith"), SucceedsBare),
        ("system administrators only", UserManager, "SendWelcomeEmailForUser", user("jdoe"),
            Fails("Only the system administrator can perform this operation")),
        ("not a library manager", LegalManager, "SendWelcomeEmailForUser", user("jdoe"),
            Fails("Only the system administrator can perform this operation")),
        ("an unknown user", Admin, "SendWelcomeEmailForUser", user("nobody"), Fails("User does not exist")),
        ("an administrator clears jdoe's address", Admin, "UpdateUserEmail", vec![("UserName", "jdoe"), ("NewEmailAddress", "")], Succeeds),
        ("no address on file", Admin, "SendWelcomeEmailForUser", user("jdoe"), Fails("User has no e-mail address on file")),
        ("a dead ticket", Expired, "SendWelcomeEmailForUser", user("zoe"), Fails(EXPIRED)),
    ];
    b.run(Via::Post, &rows).await;
    b.check(
        Via::Soap,
        &(
            "over SOAP too",
            Admin,
            "SendWelcomeEmailForUser",
            user("zoe"),
            SucceedsBare,
        ),
    )
    .await;
    let mails: serde_json::Value =
        serde_json::from_str(&b.control(reqwest::Method::GET, "mails").await).unwrap();
    let mails = mails.as_array().unwrap();
    assert_eq!(mails.len(), 3, "{mails:?}");
    let (jdoe, asmith, zoe) = (&mails[0], &mails[1], &mails[2]);
    assert_eq!(jdoe["to"], "john.doe@example.com");
    assert_eq!(jdoe["template"], "WELCOMETOIR");
    assert!(jdoe["reset_link"].as_str().unwrap().contains("secret="));
    assert!(jdoe["reset_link_expires"].is_string());
    assert_eq!(jdoe["authority"], serde_json::Value::Null);
    assert_eq!(asmith["template"], "WELCOMETOIREXTERNAL");
    assert_eq!(asmith["authority"], "CORP-LDAP");
    assert_eq!(asmith["reset_link"], serde_json::Value::Null);
    // Rendered in the user's language.
    assert_eq!(zoe["language"], "日本語");
    assert_eq!(zoe["to"], "zoë@例え.jp");
    b.control(reqwest::Method::POST, "reset").await;
    assert_eq!(b.control(reqwest::Method::GET, "mails").await, "[]");
    b.r.shutdown().await;
}

#[tokio::test]
async fn deleting_and_creating_users_keep_the_directory_coherent() {
    let b = Bench::new(false).await;
    #[rustfmt::skip]
    let rows = [
        ("zoe is deleted", Admin, "DeleteUser", vec![("UserName", "zoe")], Succeeds),
        ("its redirection to jdoe goes with it", Jdoe, "GetUserTaskRedirectionsFrom", user("jdoe"), Shows(&["<TaskRedirections />"])),
        ("and its group memberships", Jdoe, "GetUserGroupMembers", group("Engineering", "Release Managers"), Lists("User", "UserName", &["mgarcia"])),
        ("a new user in Legal", Admin, "CreateUser", vec![("DomainName", "Legal"), ("UserName", "nora"), ("FirstName", "Nora"), ("LastName", "Neu"),
            ("EmailAddress", ""), ("Password", ""), ("ReadOnlyUser", "false"), ("AuthenticationSource", "native")], Succeeds),
        ("is a direct member of Legal", Jdoe, "GetDomainMembershipsOfUser", user("nora"), Lists("domain", "DomainName", &["Legal"])),
        ("so the Legal manager may remove it", LegalManager, "RemoveUserFromDomainMembership", vec![("DomainName", "Legal"), ("Username", "nora")], Succeeds),
        ("a user renamed keeps its memberships", Admin, "UpdateUserProfile", vec![("UserName", "jdoe"), ("NewUserName", "john.doe"),
            ("NewFirstName", "John"), ("NewLastName", "Doe"), ("AuthenticateSource", "native")], Succeeds),
        ("read back", Jdoe, "GetMemberDomains", vec![], Lists("domain", "DomainName", JDOE_LIBRARIES)),
    ];
    b.run(Via::Post, &rows).await;
    b.r.shutdown().await;
}

#[tokio::test]
async fn a_lost_answer_leaves_the_change_made() {
    let b = Bench::new(false).await;
    set_faults(
        &b.r,
        r#"{"lose_answer_rate":1.0,"only_ops":["AddUsergroupMember"]}"#,
    )
    .await;
    let pairs = [
        ("authenticationTicket", b.ticket(Admin)),
        ("DomainName", ""),
        ("GroupName", "Auditors"),
        ("UserName", "jdoe"),
    ];
    let lost = call(&b.r, Via::Post, "AddUsergroupMember", &pairs).await;
    assert_eq!(lost.status, 502);
    set_faults(&b.r, "{}").await;
    #[rustfmt::skip]
    let rows = [
        ("the retry finds it done", Admin, "AddUsergroupMember", member("", "Auditors", "jdoe"), Fails("User already a member")),
    ];
    b.run(Via::Post, &rows).await;
    set_faults(&b.r, r#"{"missing_ops":["GetUserTaskRedirectionTo"]}"#).await;
    let missing = call(
        &b.r,
        Via::Get,
        "GetUserTaskRedirectionTo",
        &[
            ("authenticationTicket", b.ticket(Jdoe)),
            ("userName", "jdoe"),
        ],
    )
    .await;
    assert_eq!(missing.status, 404, "an older server lacks it");
    b.r.shutdown().await;
}

#[tokio::test]
async fn a_newer_server_answers_with_error_codes_and_http_400() {
    const GONE: &str = "Sitzung abgelaufen oder ungültiges Ticket";
    #[rustfmt::skip]
    let rows = [
        ("an expired ticket: 4010", Expired, "GetDomains", vec![], Code("4010", GONE)),
        ("anonymous: 4010", Blank, "GetGlobalGroups", vec![], Code("4010", "Unzureichende Rechte. Anonyme Benutzer können diese Aktion nicht ausführen")),
        ("not allowed: 4030", Jdoe, "AddUsergroupMember", member("", "Auditors", "jdoe"), Code("4030", "Zugriff verweigert")),
        ("not allowed: 4030", Jdoe, "GetGroupMembershipsOfUser", user("jdoe"), Code("4030", "Unzureichende Rechte")),
        ("not allowed: 4030", Jdoe, "SendWelcomeEmailForUser", user("jdoe"), Code("4030", "Nur der Systemadministrator kann diesen Vorgang ausführen")),
        ("not allowed: 4030", Jdoe, "RemoveUserTaskRedirection", user("asmith"), Code("4030", "Zugriff verweigert")),
        ("no such library: 4040", Jdoe, "GetLocalGroups", domain("Nowhere"), Code("4040", "Bibliothek nicht gefunden")),
        ("no such group: 4040", Admin, "AddUsergroupMember", member("", "Nobody", "jdoe"), Code("4040", "Gruppe nicht gefunden")),
        ("no such user: 4041", Admin, "ChangeUserType", vec![("userName", "nobody"), ("userType", "1")], Code("4041", "Benutzer nicht gefunden")),
        ("already a member: 4090", Admin, "AddUsergroupMember", member("", "Finance Team", "jdoe"), Code("4090", "Der Benutzer ist bereits Mitglied")),
        ("already a member: 4090", Admin, "AddUserAsDomainMember", vec![("DomainName", "Finance"), ("UserName", "jdoe")], Code("4090", "Bereits Mitglied")),
        ("not a member: 4000", Admin, "RemoveUserFromDomainMembership", vec![("DomainName", "HR"), ("Username", "jdoe")],
            Code("4000", "Der Benutzer ist kein Mitglied")),
        ("a redirection rule: 4000", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", "2020-01-01T00:00:00", "2020-01-02T00:00:00"),
            Code("4000", "Das Enddatum der Aufgabenumleitung darf nicht in der Vergangenheit liegen.")),
        ("a userType out of range: 4000", Admin, "ChangeUserType", vec![("userName", "jdoe"), ("userType", "3")],
            Code("4000", "Ungültiger userType '3': 1 Autor, 2 nur lesend.")),
        ("an empty DomainName is a global group, not HTTP 400", Admin, "AddUsergroupMember", member("", "Auditors", "jdoe"), Succeeds),
        ("successes are unchanged", Jdoe, "GetMemberDomains", vec![], Lists("domain", "DomainName", JDOE_LIBRARIES)),
        ("an empty userName", Jdoe, "GetDomainMembershipsOfUser", user(""), Http400),
        ("an omitted userName", Jdoe, "GetUserTaskRedirectionTo", vec![], Http400),
        ("an empty GroupName", Admin, "RemoveUsergroupMember", member("", "", "jdoe"), Http400),
        ("an omitted DomainName where it is required", Admin, "AddUsergroupMember", vec![("GroupName", "Auditors"), ("UserName", "zoe")], Http400),
        ("an unreadable date", Jdoe, "SetUserTaskRedirection", redirect("jdoe", "asmith", "soon", "2098-01-01T00:00:00"), Http400),
        ("a userType that is no number", Admin, "ChangeUserType", vec![("userName", "jdoe"), ("userType", "author")], Http400),
        ("own managed libraries with userName empty", Jdoe, "GetManagedDomainsByUser", user(""), Shows(&["<domains />"])),
    ];
    for via in VIAS {
        let b = Bench::new(true).await;
        b.run(via, &rows).await;
        b.r.shutdown().await;
    }
}
