//! One typed request per srv.asmx call. Each knows its operation name, its parameters as the
//! seeds and reference pages spell them, and how to read its answer. The ticket is not part of
//! the request: the transport adds it when sending, so a call can be retried after a new sign-in.

use crate::encode::encode_pairs;
use crate::envelope::read_answer;
use crate::error::ApiError;
use crate::preferences::Preferences;
use crate::ticket::Ticket;
use crate::user::{SessionUser, User, UserPage};
use crate::user_query::UserQuery;
use crate::xml::Element;

pub trait Operation {
    /// The path segment after `srv.asmx/`.
    const NAME: &'static str;
    /// How this operation spells its ticket parameter; `None` for AuthenticateUser.
    const TICKET_PARAM: Option<&'static str>;
    type Output;
    /// Parameters other than the ticket, in the documented order.
    fn params(&self) -> Vec<(&'static str, String)>;
    /// Reads a successful answer.
    fn read(answer: &Element) -> Result<Self::Output, String>;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    Get,
    /// The default: it keeps the ticket and password out of URLs, history and server logs.
    #[default]
    Post,
}

/// What the browser layer sends. `url` has the query string for GET; `body` is the form for POST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub body: Option<String>,
}

pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// Encodes `op` for `base` (e.g. `/srv.asmx`), with the ticket first, as the pages show it.
pub fn build<O: Operation>(
    base: &str,
    op: &O,
    ticket: Option<&Ticket>,
    method: Method,
) -> HttpRequest {
    let mut params: Vec<(&str, String)> = Vec::new();
    if let (Some(name), Some(ticket)) = (O::TICKET_PARAM, ticket) {
        params.push((name, ticket.as_str().to_string()));
    }
    params.extend(op.params());
    let encoded = encode_pairs(params.iter().map(|(k, v)| (*k, v.as_str())));
    let path = format!("{}/{}", base.trim_end_matches('/'), O::NAME);
    match method {
        Method::Get => HttpRequest {
            method,
            url: format!("{path}?{encoded}"),
            body: None,
        },
        Method::Post => HttpRequest {
            method,
            url: path,
            body: Some(encoded),
        },
    }
}

/// Reads the HTTP answer to `O`: transport errors, API errors, then the typed output.
pub fn decode<O: Operation>(status: u16, body: &[u8]) -> Result<O::Output, ApiError> {
    let answer = read_answer(status, body)?;
    O::read(&answer).map_err(|detail| ApiError::MalformedResponse {
        detail,
        snippet: crate::error::snippet(body),
    })
}

fn find_user(answer: &Element) -> Result<User, String> {
    let element = answer.find("User").ok_or("the answer has no <User>")?;
    User::from_element(element)
}

pub struct AuthenticateUser {
    pub user_name: String,
    pub password: String,
}

/// A new session: the ticket and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub ticket: Ticket,
    pub user: SessionUser,
}

impl Operation for AuthenticateUser {
    const NAME: &'static str = "AuthenticateUser";
    const TICKET_PARAM: Option<&'static str> = None;
    type Output = Session;
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("UID", self.user_name.clone()),
            ("PWD", self.password.clone()),
        ]
    }
    fn read(answer: &Element) -> Result<Session, String> {
        let ticket = answer
            .attr("ticket")
            .filter(|t| !t.trim().is_empty())
            .ok_or("no ticket in the answer")?;
        Ok(Session {
            ticket: Ticket::new(ticket.trim()),
            user: SessionUser::from_element(answer)?,
        })
    }
}

pub struct LogOut;

impl Operation for LogOut {
    const NAME: &'static str = "LogOut";
    const TICKET_PARAM: Option<&'static str> = Some("AuthenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// Checks a ticket without extending it: the way to accept a ticket handed over by a portal.
pub struct IsValidTicket;

impl Operation for IsValidTicket {
    const NAME: &'static str = "isValidTicket";
    const TICKET_PARAM: Option<&'static str> = Some("AuthenticationTicket");
    type Output = SessionUser;
    fn params(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    fn read(answer: &Element) -> Result<SessionUser, String> {
        SessionUser::from_element(answer)
    }
}

/// An empty `user_name` asks for the signed-in user.
pub struct GetUser {
    pub user_name: String,
}

impl Operation for GetUser {
    const NAME: &'static str = "GetUser";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = User;
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![("UserName", self.user_name.clone())]
    }
    fn read(answer: &Element) -> Result<User, String> {
        find_user(answer)
    }
}

pub struct GetCurrentUser;

impl Operation for GetCurrentUser {
    const NAME: &'static str = "GetCurrentUser";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = User;
    fn params(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    fn read(answer: &Element) -> Result<User, String> {
        find_user(answer)
    }
}

pub struct GetAllUsers1 {
    pub query: UserQuery,
}

impl Operation for GetAllUsers1 {
    const NAME: &'static str = "GetAllUsers1";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = UserPage;
    fn params(&self) -> Vec<(&'static str, String)> {
        self.query.params()
    }
    fn read(answer: &Element) -> Result<UserPage, String> {
        let users = match answer.find("users") {
            Some(list) => list
                .children
                .iter()
                .filter(|c| c.name.eq_ignore_ascii_case("User"))
                .map(User::from_element)
                .collect::<Result<Vec<_>, _>>()?,
            None => Vec::new(),
        };
        let total = match answer.attr("totalusercount") {
            Some(t) => t
                .trim()
                .parse()
                .map_err(|_| format!("totalusercount {t:?} is not a number"))?,
            // Without a total the page itself is all we know.
            None => users.len() as u64,
        };
        Ok(UserPage { total, users })
    }
}

/// Email and mobile in one call. Both are always sent: the caller must pass the current value
/// of a field it does not mean to change (an empty string clears it on the server).
pub struct UpdateUserContactInfo {
    pub user_name: String,
    pub email: String,
    pub mobile: String,
}

impl Operation for UpdateUserContactInfo {
    const NAME: &'static str = "UpdateUserContactInfo";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("userName", self.user_name.clone()),
            ("emailAddress", self.email.clone()),
            ("mobileNumber", self.mobile.clone()),
        ]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

pub struct UpdateUserEmail {
    pub user_name: String,
    pub new_email: String,
}

impl Operation for UpdateUserEmail {
    const NAME: &'static str = "UpdateUserEmail";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("UserName", self.user_name.clone()),
            ("NewEmailAddress", self.new_email.clone()),
        ]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// Rename (when `new_user_name` differs), names and authentication source, all in one call.
pub struct UpdateUserProfile {
    pub user_name: String,
    pub new_user_name: String,
    pub first_name: String,
    pub last_name: String,
    pub authentication_source: String,
}

impl Operation for UpdateUserProfile {
    const NAME: &'static str = "UpdateUserProfile";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("UserName", self.user_name.clone()),
            ("NewUserName", self.new_user_name.clone()),
            ("NewFirstName", self.first_name.clone()),
            ("NewLastName", self.last_name.clone()),
            ("AuthenticateSource", self.authentication_source.clone()),
        ]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// Sends only the preferences set in `changes`; the server keeps the others.
pub struct UpdateUserPreferences {
    pub user_name: String,
    pub changes: Preferences,
}

impl Operation for UpdateUserPreferences {
    const NAME: &'static str = "UpdateUserPreferences";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("UserName", self.user_name.clone()),
            ("xmlPreferences", self.changes.to_xml()),
        ]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

pub struct ChangeUserStatus {
    pub user_name: String,
    pub enabled: bool,
}

impl Operation for ChangeUserStatus {
    const NAME: &'static str = "ChangeUserStatus";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = ();
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("UserName", self.user_name.clone()),
            (
                "StatusCode",
                if self.enabled { "1" } else { "0" }.to_string(),
            ),
        ]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}
