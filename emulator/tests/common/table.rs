//! The table harness: a case is a row `(case, who calls, operation, parameters after the
//! ticket, expected answer)`. [`Bench::run`] makes a table's calls in order, as a scenario, and
//! [`expect`] checks each answer, so a file states its cases as data.

use inforouter_emulator::{Config, Running};

use super::{El, Reply, Via, answer, call, client, emulator, sign_in};

pub use Want::*;
pub use Who::*;

pub const VIAS: [Via; 3] = [Via::Get, Via::Post, Via::Soap];
/// A ticket the server never issued.
pub const BOGUS: &str = "00000000-0000-0000-0000-000000000000";
pub const SIGN_IN: &str = "AuthenticateUser";
pub const CHANGE: &str = "ChangeUserPassword";
pub const POLICY: &str = "GetAuthenticationAndPasswordPolicy";
pub const EXPIRED: &str = "[901] Session expired or Invalid ticket";
pub const BAD_LOGIN: &str = "[900] Authentication failed";
pub const DENIED: &str = "Access denied";
pub const NO_USER: &str = "User not found";
pub const ANONYMOUS: &str = "[2730]Insufficient rights. Anonymous users cannot perform this action";
pub const TAKEN: &str = "Username already exists";

/// Who calls.
#[derive(Debug, Clone, Copy)]
pub enum Who<'a> {
    /// `admin`, a system administrator.
    Admin,
    /// `jdoe`, an ordinary user.
    Jdoe,
    /// `usermanager`: the User Manager role, not a system administrator.
    Manager,
    /// Whoever holds this ticket.
    Holder(&'a str),
    /// A ticket the server never issued.
    Expired,
    /// An empty ticket.
    Blank,
    /// No ticket parameter at all.
    NoTicket,
}

/// What a call must answer.
#[derive(Debug, Clone, Copy)]
pub enum Want<'a> {
    /// `success="true"`, no errorCode, and `error=""` only where the answer carries one.
    Succeeds,
    /// As `Succeeds`, and the first element so named (the answer's own included) has these
    /// attribute values.
    SucceedsWith(&'a str, &'a [(&'a str, &'a str)]),
    /// An older server's failure with exactly this text.
    Fails(&'a str),
    /// An older server's failure whose text begins so.
    FailsStarting(&'a str),
    /// An older server's failure whose text contains each of these.
    FailsMentioning(&'a [&'a str]),
    /// An older server's refusal of a password, naming this policy rule.
    Breaks(&'a str),
    /// A newer server's failure with this errorCode, whatever its text.
    Code(&'a str),
    /// A newer server's failure: this errorCode and exactly this text.
    CodeText(&'a str, &'a str),
    /// A newer server's failure: this errorCode and a text containing each of these.
    CodeMentioning(&'a str, &'a [&'a str]),
    /// A newer server's refusal of a password: this errorCode, a German text naming this rule.
    CodeBreaks(&'a str, &'a str),
    /// A newer server's HTTP 400 for an empty or omitted required value: no XML, and (but for
    /// SOAP, whose fault names none) a body naming this parameter.
    BadRequest(&'a str),
}

pub type Params<'a> = Vec<(&'a str, &'a str)>;

/// (case, who calls, operation, parameters after the ticket, expected answer)
pub type Row<'a> = (&'a str, Who<'a>, &'a str, Params<'a>, Want<'a>);

/// An emulator with the administrator, jdoe and the User Manager signed in.
pub struct Bench {
    pub r: Running,
    pub admin: String,
    pub jdoe: String,
    pub manager: String,
}

impl Bench {
    pub async fn new(tweak: impl FnOnce(&mut Config)) -> Bench {
        let r = emulator(tweak).await;
        let admin = sign_in(&r, "admin", "Admin123!").await;
        let jdoe = sign_in(&r, "jdoe", "Secret123!").await;
        let manager = sign_in(&r, "usermanager", "Manager123!").await;
        Bench {
            r,
            admin,
            jdoe,
            manager,
        }
    }

    pub fn pairs<'a>(
        &'a self,
        who: Who<'a>,
        op: &str,
        params: &[(&'a str, &'a str)],
    ) -> Params<'a> {
        let ticket = match who {
            Admin => Some(self.admin.as_str()),
            Jdoe => Some(self.jdoe.as_str()),
            Manager => Some(self.manager.as_str()),
            Holder(t) => Some(t),
            Expired => Some(BOGUS),
            Blank => Some(""),
            NoTicket => None,
        };
        ticketed(op, ticket, params)
    }

    /// Makes the row's call and checks its answer; returns the answer for further checks.
    pub async fn check(&self, via: Via, row: &Row<'_>) -> El {
        let (case, who, op, params, want) = row;
        let pairs = self.pairs(*who, op, params);
        let reply = call(&self.r, via, op, &pairs).await;
        let ctx = format!("{case}: {op} by {who:?} via {via:?} with {pairs:?}");
        expect(&reply, via, op, *want, &ctx)
    }

    /// The rows in order, as a scenario: each may depend on those before it. Returns the
    /// answers, for further checks.
    pub async fn run(&self, via: Via, rows: &[Row<'_>]) -> Vec<El> {
        let mut answers = Vec::new();
        for row in rows {
            answers.push(self.check(via, row).await);
        }
        answers
    }

    /// The answer element of a call that answered HTTP 200, not checked further.
    pub async fn ask(&self, via: Via, who: Who<'_>, op: &str, params: &[(&str, &str)]) -> El {
        ask(&self.r, via, op, &self.pairs(who, op, params)).await
    }

    pub async fn shutdown(self) {
        self.r.shutdown().await;
    }
}

/// The ticket first, as the operation spells it, then the other parameters.
pub fn ticketed<'a>(
    op: &str,
    ticket: Option<&'a str>,
    params: &[(&'a str, &'a str)],
) -> Params<'a> {
    let key = match op {
        CHANGE | "isValidTicket" | "LogOut" => "AuthenticationTicket",
        _ => "authenticationTicket",
    };
    ticket
        .map(|t| (key, t))
        .into_iter()
        .chain(params.iter().copied())
        .collect()
}

/// Checks a reply against what is wanted and returns its answer element (an empty one for an
/// HTTP 400, which has none).
pub fn expect(reply: &Reply, via: Via, op: &str, want: Want, ctx: &str) -> El {
    if let BadRequest(name) = want {
        assert_eq!(reply.status, 400, "{ctx}: {}", reply.body);
        assert!(
            !reply.body.trim_start().starts_with('<'),
            "no XML: {ctx}: {}",
            reply.body
        );
        if via != Via::Soap {
            assert!(reply.body.contains(name), "{ctx}: {}", reply.body);
        }
        return El::default();
    }
    assert_eq!(reply.status, 200, "{ctx}: {}", reply.body);
    let a = answer(&reply.body);
    expect_answer(&a, op, want, ctx);
    a
}

/// Checks an answer element against what is wanted. Every answer is `<root>` or `<response>`
/// as the operation's page has it; a success carries `error=""` on `<response>` (the policy's
/// sample has none) and no error on `<root>`; an older server's failure has no errorCode, a
/// newer one's has one (AuthenticateUser's spelt `errorcode`) and no bracketed code in its text.
fn expect_answer(a: &El, op: &str, want: Want, ctx: &str) {
    let root = match op {
        SIGN_IN | "LogOut" | "isValidTicket" | "GetCurrentUser" | "ServerInfo" | CHANGE => "root",
        _ => "response",
    };
    assert_eq!(a.name, root, "{ctx}");
    let code_attr = if op == SIGN_IN {
        "errorcode"
    } else {
        "errorCode"
    };
    let code = a.attrs.get(code_attr).map(String::as_str);
    let error = a.attrs.get("error").map(String::as_str);
    if let Succeeds | SucceedsWith(..) = want {
        assert_eq!(a.attr("success"), "true", "{ctx}: {a:?}");
        let blank = root == "response" && op != POLICY;
        assert_eq!(error, blank.then_some(""), "{ctx}: {a:?}");
        assert_eq!(code, None, "{ctx}: {a:?}");
        if let SucceedsWith(name, values) = want {
            let el = a.find(name);
            let el = el.unwrap_or_else(|| panic!("{ctx}: no <{name}> in {a:?}"));
            for (k, v) in values {
                assert_eq!(el.attr(k), *v, "{ctx}: {k} of <{name}>");
            }
        }
        return;
    }
    assert_eq!(a.attr("success"), "false", "{ctx}: {a:?}");
    let error = a.attr("error");
    let (want_code, text_fits) = match want {
        Succeeds | SucceedsWith(..) | BadRequest(_) => unreachable!(),
        Fails(text) => (None, error == text),
        FailsStarting(start) => (None, error.starts_with(start)),
        FailsMentioning(words) => (None, words.iter().all(|w| error.contains(w))),
        Breaks(rule) => (None, rule_of(error) == Some(rule)),
        Code(c) => (Some(c), true),
        CodeText(c, text) => (Some(c), error == text),
        CodeMentioning(c, words) => (Some(c), words.iter().all(|w| error.contains(w))),
        CodeBreaks(c, rule) => (
            Some(c),
            rule_of(error) == Some(rule) && error.starts_with("Das Kennwort"),
        ),
    };
    assert!(text_fits, "{ctx}: wanted {want:?}, got {error:?}");
    assert_eq!(code, want_code, "{ctx}: {a:?}");
    if want_code.is_some() {
        assert!(!error.contains('['), "{ctx}: a bracketed code in {error:?}");
    }
}

/// The rule name a policy message ends with, e.g. `MinLen`.
fn rule_of(error: &str) -> Option<&str> {
    let open = error.rfind('(')?;
    Some(error[open + 1..].trim_end_matches(['.', ')']))
}

/// The answer element of a call that answered HTTP 200.
pub async fn ask(r: &Running, via: Via, op: &str, pairs: &[(&str, &str)]) -> El {
    let reply = call(r, via, op, pairs).await;
    assert_eq!(reply.status, 200, "{op} {via:?}: {}", reply.body);
    answer(&reply.body)
}

/// The whole answer is this element: bare for GET and POST, in `{op}Result` for SOAP.
pub fn assert_answer_is(reply: &Reply, via: Via, op: &str, element: &str) {
    assert_eq!(reply.status, 200, "{op} {via:?}: {}", reply.body);
    if via == Via::Soap {
        let inner = element.replacen(' ', " xmlns=\"\" ", 1);
        let wrapped = format!(
            "<{op}Response xmlns=\"http://tempuri.org/\"><{op}Result>{inner}</{op}Result></{op}Response>"
        );
        assert!(reply.body.contains(&wrapped), "{}", reply.body);
    } else {
        let bare = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{element}");
        assert_eq!(reply.body, bare);
    }
}

/// A control endpoint's text, e.g. `/_emulator/log`.
pub async fn control_get(r: &Running, path: &str) -> String {
    let resp = client().get(format!("{}{path}", r.url())).send().await;
    resp.unwrap().text().await.unwrap()
}

/// The parameters with this one's value replaced.
pub fn with<'a>(mut params: Params<'a>, key: &str, value: &'a str) -> Params<'a> {
    let pair = params.iter_mut().find(|(k, _)| *k == key);
    pair.unwrap_or_else(|| panic!("no {key}")).1 = value;
    params
}

/// The parameters with this one left out.
pub fn without<'a>(mut params: Params<'a>, key: &str) -> Params<'a> {
    params.retain(|(k, _)| *k != key);
    params
}

// Each operation's parameters after the ticket, in its pages' order.

/// AuthenticateUser's parameters.
pub fn login<'a>(user: &'a str, password: &'a str) -> Params<'a> {
    vec![("UID", user), ("PWD", password)]
}

/// The one parameter of GetUser, DeleteUser and UserExists.
pub fn named(name: &str) -> Params<'_> {
    vec![("UserName", name)]
}

/// DeleteUser1's parameters: the caller's password (the re-prompt), then the user.
pub fn confirm<'a>(password: &'a str, name: &'a str) -> Params<'a> {
    vec![("UserPassword", password), ("UserName", name)]
}

/// ChangeUserPassword's parameters.
pub fn new_password<'a>(name: &'a str, password: &'a str) -> Params<'a> {
    vec![("UserName", name), ("NewPassword", password)]
}

/// UpdateUserEmail's parameters.
pub fn new_email<'a>(name: &'a str, address: &'a str) -> Params<'a> {
    vec![("UserName", name), ("NewEmailAddress", address)]
}

/// ChangeUserStatus's parameters: `1` enables, `0` disables.
pub fn new_status<'a>(name: &'a str, code: &'a str) -> Params<'a> {
    vec![("UserName", name), ("StatusCode", code)]
}

/// UpdateUserContactInfo's parameters (its page spells them in lower camel case).
pub fn contact_info<'a>(name: &'a str, email: &'a str, mobile: &'a str) -> Params<'a> {
    vec![
        ("userName", name),
        ("emailAddress", email),
        ("mobileNumber", mobile),
    ]
}

/// UpdateUserPreferences's parameters.
pub fn preferences<'a>(name: &'a str, xml: &'a str) -> Params<'a> {
    vec![("UserName", name), ("xmlPreferences", xml)]
}

/// UpdateUserProfile's parameters: the user, then the new name, first and last names and
/// authentication source.
pub fn profile<'a>(
    name: &'a str,
    new_name: &'a str,
    first: &'a str,
    last: &'a str,
    source: &'a str,
) -> Params<'a> {
    vec![
        ("UserName", name),
        ("NewUserName", new_name),
        ("NewFirstName", first),
        ("NewLastName", last),
        ("AuthenticateSource", source),
    ]
}

/// GetAllUsers1's parameters: `rows` rows from the first, every filter present and empty.
pub fn all_users<'a>(rows: &'a str, status: &'a str, sort_by: &'a str) -> Params<'a> {
    vec![
        ("StartingRowNumber", "0"),
        ("NumbeOfRow", rows),
        ("firstNameFilter", ""),
        ("lastNameFilter", ""),
        ("userNameFilter", ""),
        ("emailFilter", ""),
        ("authenticationSourceFilter", ""),
        ("domainNameFilter", ""),
        ("StatusFilter", status),
        ("SortBy", sort_by),
        ("SortAscending", "true"),
    ]
}
