//! One typed request per srv.asmx call. Each knows its operation name, its parameters as the
//! seeds and reference pages spell them, and how to read its answer. The ticket is not part of
//! the request: the transport adds it when sending, so a call can be retried after a new sign-in.

use crate::encode::encode_pairs;
use crate::envelope::read_answer_for;
use crate::error::ApiError;
use crate::preferences::Preferences;
use crate::server_info::ServerInfo as ServerInfoAnswer;
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
    /// Parameters (spelled as `params()` spells them) that newer servers refuse with HTTP 400
    /// when empty or blank: model binding rejects the call before it runs. [`check_required`]
    /// refuses to send such a call. None by default.
    fn required_non_empty(&self) -> &'static [&'static str] {
        &[]
    }
}

/// Refuses a call whose required value is empty or blank, before anything is sent: a newer
/// server would answer HTTP 400 with no answer to read, an older one would store the blank.
pub fn check_required<O: Operation>(op: &O) -> Result<(), ApiError> {
    let required = op.required_non_empty();
    if required.is_empty() {
        return Ok(());
    }
    let params = op.params();
    for name in required {
        let blank = params
            .iter()
            .find(|(k, _)| k == name)
            .is_none_or(|(_, v)| v.trim().is_empty());
        if blank {
            return Err(ApiError::EmptyRequired {
                name: Some((*name).to_string()),
            });
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    Get,
    /// The default: it keeps the ticket and password out of URLs, history and server logs.
    #[default]
    Post,
    /// SOAP 1.1 (`soap.rs`): what a server with GET and POST switched off still answers.
    Soap,
}

impl Method {
    /// As the connection line and `inforouter:method` name it.
    pub fn label(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Soap => "SOAP",
        }
    }
}

/// What the browser layer sends. `url` has the query string for GET; `body` is the form for
/// POST and the envelope for SOAP, whose `SOAPAction` header is `soap_action`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: Method,
    pub url: String,
    pub body: Option<String>,
    pub soap_action: Option<String>,
}

pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// A call as every transport needs it, without its type: the operation's name and its
/// parameters, the ticket first as the pages show it. The browser's send path works on this,
/// so only the thin typed ends ([`Call::of`], [`read_output`]) are compiled once per operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub name: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl Call {
    pub fn of<O: Operation>(op: &O, ticket: Option<&Ticket>) -> Call {
        let mut params: Vec<(&'static str, String)> = Vec::new();
        if let (Some(name), Some(ticket)) = (O::TICKET_PARAM, ticket) {
            params.push((name, ticket.as_str().to_string()));
        }
        params.extend(op.params());
        Call {
            name: O::NAME,
            params,
        }
    }

    /// The request for `base` (e.g. `/srv.asmx`) by `method`.
    pub fn request(&self, base: &str, method: Method) -> HttpRequest {
        let base = base.trim_end_matches('/');
        if method == Method::Soap {
            return HttpRequest {
                method,
                url: base.to_string(),
                body: Some(crate::soap::envelope(self.name, &self.params)),
                soap_action: Some(crate::soap::soap_action(self.name)),
            };
        }
        let encoded = encode_pairs(self.params.iter().map(|(k, v)| (*k, v.as_str())));
        let path = format!("{base}/{}", self.name);
        let (url, body) = match method {
            Method::Get if encoded.is_empty() => (path, None),
            Method::Get => (format!("{path}?{encoded}"), None),
            _ => (path, Some(encoded)),
        };
        HttpRequest {
            method,
            url,
            body,
            soap_action: None,
        }
    }
}

/// Encodes `op` for `base` (e.g. `/srv.asmx`), with the ticket first, as the pages show it.
pub fn build<O: Operation>(
    base: &str,
    op: &O,
    ticket: Option<&Ticket>,
    method: Method,
) -> HttpRequest {
    Call::of(op, ticket).request(base, method)
}

/// Reads the HTTP answer to `O`: transport errors, API errors, then the typed output.
pub fn decode<O: Operation>(status: u16, body: &[u8]) -> Result<O::Output, ApiError> {
    let answer = read_answer_for(O::NAME, status, body)?;
    read_output::<O>(&answer, body)
}

/// The typed output of a srv.asmx answer already read (`body` is for the error's snippet).
pub fn read_output<O: Operation>(answer: &Element, body: &[u8]) -> Result<O::Output, ApiError> {
    O::read(answer).map_err(|detail| ApiError::MalformedResponse {
        detail,
        snippet: crate::error::snippet(body),
    })
}

/// The `<users>` list of a listing's answer (none is an empty list).
fn read_users(answer: &Element) -> Result<Vec<User>, String> {
    match answer.find("users") {
        Some(list) => list
            .children
            .iter()
            .filter(|c| c.name.eq_ignore_ascii_case("User"))
            .map(User::from_element)
            .collect(),
        None => Ok(Vec::new()),
    }
}

/// The older listing, which servers without GetAllUsers1 have: every user at once, sorted by
/// first and last name, no filters and no total. [`UserQuery::select`] pages it in the browser.
pub struct GetAllUsers;

impl Operation for GetAllUsers {
    const NAME: &'static str = "GetAllUsers";
    const TICKET_PARAM: Option<&'static str> = Some("authenticationTicket");
    type Output = Vec<User>;
    fn params(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    fn read(answer: &Element) -> Result<Vec<User>, String> {
        read_users(answer)
    }
}

fn find_user(answer: &Element) -> Result<User, String> {
    let element = answer.find("User").ok_or("the answer has no <User>")?;
    User::from_element(element)
}

pub struct AuthenticateUser {
    pub user_name: String,
    pub password: String,
}

/// The answer to a sign-in: the new ticket and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub ticket: Ticket,
    pub user: SessionUser,
}

impl Operation for AuthenticateUser {
    const NAME: &'static str = "AuthenticateUser";
    const TICKET_PARAM: Option<&'static str> = None;
    type Output = SignedIn;
    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("UID", self.user_name.clone()),
            ("PWD", self.password.clone()),
        ]
    }
    fn read(answer: &Element) -> Result<SignedIn, String> {
        let ticket = answer
            .attr("ticket")
            .filter(|t| !t.trim().is_empty())
            .ok_or("no ticket in the answer")?;
        Ok(SignedIn {
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
        let users = read_users(answer)?;
        let total = match answer.attr("totalusercount") {
            Some(t) => t
                .trim()
                .parse()
                .map_err(|_| format!("totalusercount \"{t}\" is not a number"))?,
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
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["userName"]
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
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["UserName", "NewEmailAddress"]
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
    fn required_non_empty(&self) -> &'static [&'static str] {
        &[
            "UserName",
            "NewUserName",
            "NewFirstName",
            "NewLastName",
            "AuthenticateSource",
        ]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// Sends the preferences set in `changes` as `<Preferences A=".." .../>`. The seed says the
/// server keeps the attributes not sent; the newest page says the call replaces the whole block.
/// Sending all seven (see [`UpdateUserPreferences::complete`]) is right under both readings.
pub struct UpdateUserPreferences {
    pub user_name: String,
    pub changes: Preferences,
}

impl UpdateUserPreferences {
    /// The complete block: `fresh` (just re-read with GetUser) with only the person's own
    /// changes (`edited` against the form's `saved` copy) applied. A preference someone else
    /// changed meanwhile, that the person did not touch, keeps its new value.
    pub fn complete(
        user_name: impl Into<String>,
        saved: &Preferences,
        edited: &Preferences,
        fresh: &Preferences,
    ) -> UpdateUserPreferences {
        UpdateUserPreferences {
            user_name: user_name.into(),
            changes: Preferences::merge_for_sending(saved, edited, fresh),
        }
    }
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
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["UserName", "xmlPreferences"]
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
    fn required_non_empty(&self) -> &'static [&'static str] {
        &["UserName"]
    }
    fn read(_: &Element) -> Result<(), String> {
        Ok(())
    }
}

/// Version, licence and configuration of the server; no ticket, no parameters. A sign-in page
/// may call it before anyone signs in, and a connection check calls it first.
pub struct ServerInfo;

impl Operation for ServerInfo {
    const NAME: &'static str = "ServerInfo";
    const TICKET_PARAM: Option<&'static str> = None;
    type Output = ServerInfoAnswer;
    fn params(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    fn read(answer: &Element) -> Result<ServerInfoAnswer, String> {
        Ok(ServerInfoAnswer::from_element(answer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_values_are_checked_before_sending() {
        let email = UpdateUserEmail {
            user_name: "jdoe".into(),
            new_email: "  ".into(),
        };
        assert_eq!(
            check_required(&email),
            Err(ApiError::EmptyRequired {
                name: Some("NewEmailAddress".into())
            })
        );
        let profile = UpdateUserProfile {
            user_name: "jdoe".into(),
            new_user_name: "jdoe".into(),
            first_name: String::new(),
            last_name: String::new(),
            authentication_source: "native".into(),
        };
        assert_eq!(
            check_required(&profile),
            Err(ApiError::EmptyRequired {
                name: Some("NewFirstName".into())
            }),
            "the first empty one in order"
        );
        // Contact info may clear email and mobile: only userName is required.
        let contact = UpdateUserContactInfo {
            user_name: "jdoe".into(),
            email: String::new(),
            mobile: String::new(),
        };
        assert_eq!(check_required(&contact), Ok(()));
        let contact = UpdateUserContactInfo {
            user_name: String::new(),
            ..contact
        };
        assert_eq!(
            check_required(&contact),
            Err(ApiError::EmptyRequired {
                name: Some("userName".into())
            })
        );
        let prefs = UpdateUserPreferences {
            user_name: String::new(),
            changes: Preferences::default(),
        };
        assert!(check_required(&prefs).is_err());
        assert!(
            check_required(&ChangeUserStatus {
                user_name: "".into(),
                enabled: true
            })
            .is_err()
        );
        // GetUser with an empty name asks for the caller; GetAllUsers1 sends "" filters.
        assert_eq!(
            check_required(&GetUser {
                user_name: String::new()
            }),
            Ok(())
        );
        assert_eq!(
            check_required(&GetAllUsers1 {
                query: UserQuery::default()
            }),
            Ok(())
        );
        assert_eq!(check_required(&ServerInfo), Ok(()));
        assert_eq!(check_required(&LogOut), Ok(()));
    }

    #[test]
    fn every_required_name_is_a_parameter() {
        fn names<O: Operation>(op: &O) {
            let params: Vec<_> = op.params().into_iter().map(|(k, _)| k).collect();
            for r in op.required_non_empty() {
                assert!(params.contains(r), "{} has no {r}", O::NAME);
            }
        }
        names(&UpdateUserContactInfo {
            user_name: "a".into(),
            email: String::new(),
            mobile: String::new(),
        });
        names(&UpdateUserEmail {
            user_name: "a".into(),
            new_email: "b".into(),
        });
        names(&UpdateUserProfile {
            user_name: "a".into(),
            new_user_name: "a".into(),
            first_name: "a".into(),
            last_name: "a".into(),
            authentication_source: "native".into(),
        });
        names(&UpdateUserPreferences {
            user_name: "a".into(),
            changes: Preferences::default(),
        });
        names(&ChangeUserStatus {
            user_name: "a".into(),
            enabled: true,
        });
    }

    #[test]
    fn server_info_has_no_ticket_and_no_parameters() {
        let r = build("/srv.asmx", &ServerInfo, None, Method::Get);
        assert_eq!(r.url, "/srv.asmx/ServerInfo");
        let r = build(
            "/srv.asmx",
            &ServerInfo,
            Some(&Ticket::new("t")),
            Method::Post,
        );
        assert_eq!(
            (r.url.as_str(), r.body.as_deref()),
            ("/srv.asmx/ServerInfo", Some(""))
        );
    }
}
