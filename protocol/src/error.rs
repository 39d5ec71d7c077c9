//! The one error type of the console: every server answer and transport failure ends up as
//! an `ApiError`, and every page shows `user_message()`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// `[900]`: wrong user name or password, or a disabled account at sign-in.
    AuthenticationFailed,
    /// `[901]`: the ticket expired or never existed; a new sign-in is needed.
    SessionExpired,
    /// `[902]`: the account may not obtain tickets (the built-in sysadmin account).
    TicketNotAllowed,
    /// `[903]Required parameter.'X'`.
    MissingParameter {
        name: String,
    },
    /// `Access denied`, `[921]` insufficient rights, `[1573]` system administrators only.
    AccessDenied {
        message: String,
    },
    UserNotFound,
    UsernameExists,
    /// `[347]`: the user has been deleted.
    UserDeleted,
    /// `SystemError:...`: the server's own text, shown as it is.
    System {
        message: String,
    },
    /// Any other answer with `success="false"`.
    Server {
        code: Option<u32>,
        message: String,
    },
    /// The request never got an answer (DNS, refused connection, CORS, dropped connection).
    Network {
        detail: String,
    },
    Timeout {
        seconds: u32,
    },
    /// An HTTP status other than 200: an IIS error page, a proxy, or an operation the server lacks.
    HttpStatus {
        status: u16,
        snippet: String,
    },
    /// HTTP 200 but not the XML a srv.asmx call answers.
    MalformedResponse {
        detail: String,
        snippet: String,
    },
    /// HTTP 400 without a srv.asmx answer (newer servers): a required value was sent empty and
    /// model binding refused the call before it ran. `name` is the parameter when known (the
    /// console's own check names it; a server's problem body sometimes does). Not a transport
    /// failure and not worth retrying as it is.
    EmptyRequired {
        name: Option<String>,
    },
    /// What this server cannot do at all (an older server lacking a call the console has no
    /// way around), said as it is.
    Unsupported {
        message: String,
    },
}

/// Why a connection check failed, in terms an administrator can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionProblem {
    /// Something answered, but not srv.asmx: an HTML page, a 404, or the console's own
    /// `index.html`. The configured api base points at the wrong place.
    WrongApiBase,
    /// srv.asmx is there but refuses GET and POST calls (HTTP 500 "Request format is
    /// unrecognized"): the HttpGet/HttpPost protocols are off in the server's web.config.
    ProtocolsDisabled,
    /// No answer at all: DNS, a refused connection, a proxy, CORS, or a timeout.
    Unreachable,
    /// The server answered with an error status (HTTP 5xx) or a broken srv.asmx answer.
    ServerFailing,
}

/// Every `detail` of a `MalformedResponse` for an answer that is not srv.asmx's at all starts
/// with this (an HTML page, JSON, an XML document without `success`).
pub const NOT_SRV_ASMX: &str = "not a srv.asmx answer";

impl ConnectionProblem {
    pub fn headline(&self) -> &'static str {
        match self {
            ConnectionProblem::WrongApiBase => "The address of srv.asmx is wrong",
            ConnectionProblem::ProtocolsDisabled => {
                "srv.asmx refuses GET and POST calls (its HttpGet/HttpPost protocols are off)"
            }
            ConnectionProblem::Unreachable => "The infoRouter server cannot be reached",
            ConnectionProblem::ServerFailing => "The infoRouter server is failing",
        }
    }

    /// One plain paragraph for the administrator: what to check, naming the configured value.
    pub fn what_to_check(&self, api_base: &str) -> String {
        match self {
            ConnectionProblem::WrongApiBase => format!(
                "The console calls srv.asmx at \"{api_base}\", but what answered there is not \
                 infoRouter's web service (an HTML page, a \"not found\", or this console's own \
                 page). Check the inforouter:api-base setting in index.html: it must be the path \
                 of srv.asmx on the same origin (for example /srv.asmx, or \
                 /infoRouter/srv.asmx), and a reverse proxy must pass that path through to the \
                 infoRouter server."
            ),
            ConnectionProblem::ProtocolsDisabled => format!(
                "srv.asmx at \"{api_base}\" answered \"Request format is unrecognized\": the \
                 server accepts only SOAP. Set inforouter:method in index.html to auto (the \
                 default) or SOAP, and the console speaks SOAP to it. Or, in infoRouter's \
                 web.config, enable the HttpGet and HttpPost protocols: <system.web><webServices><protocols><add name=\"HttpGet\"/>\
                 <add name=\"HttpPost\"/></protocols></webServices></system.web>, then restart the \
                 application pool."
            ),
            ConnectionProblem::Unreachable => format!(
                "No answer came from \"{api_base}\". Check that the infoRouter server and its \
                 web site are running, that this computer can reach it (network, VPN, firewall), \
                 and that any proxy or reverse proxy in between forwards srv.asmx. If srv.asmx is \
                 on another origin, the browser blocks the call: serve the console on the same \
                 origin."
            ),
            ConnectionProblem::ServerFailing => format!(
                "srv.asmx at \"{api_base}\" is there but answered with a server error. Check the \
                 infoRouter server's event log and application pool, and its database \
                 connection; then try again."
            ),
        }
    }
}

impl ApiError {
    /// Classifies the `error` attribute of a `success="false"` answer that has no `errorCode`,
    /// for no operation in particular.
    pub fn from_server_text(text: &str) -> ApiError {
        ApiError::from_server_answer("", None, text)
    }

    /// Classifies a `success="false"` answer of `operation`: by its `errorCode` first (newer
    /// servers, whose texts are localised and carry no bracketed code), then by the bracketed
    /// `[NNN]` code of older servers, and by English words only as a last resort.
    pub fn from_server_answer(operation: &str, error_code: Option<u32>, text: &str) -> ApiError {
        let trimmed = text.trim();
        let (bracket, message) = split_code(trimmed);
        if let Some(code) = error_code
            && let Some(error) = classify_code(operation, code, message)
        {
            return error;
        }
        if let Some(code) = bracket
            && let Some(error) = classify_legacy_code(code, message)
        {
            return error;
        }
        let lower = message.to_ascii_lowercase();
        if lower.starts_with("systemerror") {
            let rest = message["systemerror".len()..].trim_start_matches([':', ' ']);
            return ApiError::System {
                message: rest.to_string(),
            };
        }
        if lower.contains("access denied")
            || lower.contains("insufficient")
            || lower.contains("only the system administrator")
        {
            return ApiError::AccessDenied {
                message: message.to_string(),
            };
        }
        // SendWelcomeEmailForUser says "User does not exist".
        if lower.contains("user not found") || lower.contains("user does not exist") {
            return ApiError::UserNotFound;
        }
        if lower.contains("already exists") {
            return ApiError::UsernameExists;
        }
        if lower.contains("session expired") || lower.contains("invalid ticket") {
            return ApiError::SessionExpired;
        }
        ApiError::Server {
            code: error_code.or(bracket),
            message: if message.is_empty() {
                NO_REASON.to_string()
            } else {
                message.to_string()
            },
        }
    }

    /// Turns a non-200 answer into an error, keeping a short, tag-free snippet of the body.
    pub fn from_http_status(status: u16, body: &[u8]) -> ApiError {
        ApiError::HttpStatus {
            status,
            snippet: snippet(body),
        }
    }

    /// Whether the server seems to lack the operation (older servers): HTTP 404, or the
    /// ASP.NET 500 page for an unknown web method. Callers use this to fall back.
    pub fn is_missing_operation(&self) -> bool {
        match self {
            ApiError::HttpStatus { status: 404, .. } => true,
            ApiError::HttpStatus {
                status: 500,
                snippet,
            } => {
                let s = snippet.to_ascii_lowercase();
                s.contains("request format is unrecognized")
                    || s.contains("unknown web method")
                    || s.contains("did not recognize the value of http header soapaction")
            }
            ApiError::Server { message, .. } => {
                message.to_ascii_lowercase().contains("unknown web method")
            }
            _ => false,
        }
    }

    /// ASP.NET's answer to a GET or POST when web.config switches those protocols off (HTTP
    /// 500, "Request format is unrecognized"). An older server answers an operation it lacks
    /// the same way, so only a session's first call, ServerInfo, may read it as "speak SOAP".
    pub fn switches_to_soap(&self) -> bool {
        matches!(self, ApiError::HttpStatus { status: 500, snippet }
            if snippet.to_ascii_lowercase().contains("request format is unrecognized"))
    }

    /// Whether signing in again could make the same call succeed.
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, ApiError::SessionExpired)
    }

    /// Plain words for the person in front of the screen: what happened and what to do. Never
    /// the server's own text (stack traces, exception names, parser errors, HTML pages): that
    /// goes into [`ApiError::technical_detail`], for an administrator.
    pub fn user_message(&self) -> String {
        const PERSISTS: &str = "If it keeps happening, tell your administrator.";
        if self.is_missing_operation() {
            return "This server does not offer this operation; it may be an older infoRouter \
                    version."
                .into();
        }
        match self {
            ApiError::Unsupported { message } => message.clone(),
            ApiError::AuthenticationFailed => {
                "The user name or password is wrong, or the account is disabled.".into()
            }
            ApiError::SessionExpired => "Your session has expired. Please sign in again.".into(),
            ApiError::TicketNotAllowed => {
                "This account may not sign in here (the built-in system administrator account \
                 cannot use the web service). Use a named administrator account."
                    .into()
            }
            ApiError::MissingParameter { name } => format!(
                "The server says the {} is missing. Fill it in and try again.",
                parameter_label(name)
            ),
            ApiError::AccessDenied { .. } => {
                "You do not have permission to do this. Ask an administrator if you need it done."
                    .into()
            }
            ApiError::UserNotFound => {
                "That user does not exist (it may have been renamed or deleted).".into()
            }
            ApiError::UsernameExists => "That user name is already taken.".into(),
            ApiError::UserDeleted => "That user has been deleted.".into(),
            ApiError::System { .. } => format!(
                "The server ran into an internal error and did not finish this. Try again in a \
                 moment. {PERSISTS}"
            ),
            ApiError::Server { message, .. } => match plain_reason(message) {
                Some(reason) => format!(
                    "The server did not accept this: {reason} Check the values and try again. \
                     {PERSISTS}"
                ),
                None => format!(
                    "The server did not accept this. Check the values and try again. {PERSISTS}"
                ),
            },
            ApiError::Network { .. } => {
                "Could not reach the server. Check your connection and try again.".into()
            }
            ApiError::Timeout { seconds } => {
                format!("The server did not answer within {seconds} seconds. Try again.")
            }
            ApiError::HttpStatus { status: 404, .. } => format!(
                "This server does not offer this operation; it may be an older infoRouter \
                 version. {PERSISTS}"
            ),
            ApiError::HttpStatus {
                status: 500..=599, ..
            } => format!(
                "The server had a problem and did not finish this. Try again in a moment. \
                 {PERSISTS}"
            ),
            ApiError::HttpStatus { .. } => format!(
                "Something between the console and the server refused the call. Try again. \
                 {PERSISTS}"
            ),
            ApiError::MalformedResponse { detail, .. } if detail.starts_with(NOT_SRV_ASMX) => {
                "Something other than the infoRouter server answered, so nothing was done. Tell \
                 your administrator: the console may be set up with the wrong server address."
                    .into()
            }
            ApiError::MalformedResponse { .. } => format!(
                "The server sent an answer the console cannot read, so it is not known whether \
                 this was done. Reload to see the current values, then try again. {PERSISTS}"
            ),
            ApiError::EmptyRequired { name: Some(name) } => format!(
                "The {} cannot be empty: the server requires it. Fill it in and save again.",
                parameter_label(name)
            ),
            ApiError::EmptyRequired { name: None } => {
                "The server refused the request because a required value was empty. Fill in \
                 every required field and save again."
                    .into()
            }
        }
    }

    /// What an administrator needs to look into a failure of `operation` (the srv.asmx
    /// operation's name; empty when unknown), one `Label: value` per line: the operation, the
    /// HTTP status, the error code and what the server said. `None` when there is nothing
    /// more to say than [`ApiError::user_message`] does (a wrong password, an expired session,
    /// a taken user name).
    pub fn technical_detail(&self, operation: &str) -> Option<String> {
        let mut lines: Vec<String> = Vec::new();
        if !operation.trim().is_empty() {
            lines.push(format!("Operation: {}", operation.trim()));
        }
        let said = |text: &str| format!("Server said: {}", text.trim());
        match self {
            ApiError::AuthenticationFailed
            | ApiError::Unsupported { .. }
            | ApiError::SessionExpired
            | ApiError::TicketNotAllowed
            | ApiError::UserNotFound
            | ApiError::UsernameExists
            | ApiError::UserDeleted
            | ApiError::EmptyRequired { name: Some(_) } => return None,
            ApiError::AccessDenied { message } if message.trim().is_empty() => return None,
            ApiError::MissingParameter { name } => {
                lines.push("Error code: 903".into());
                lines.push(said(&format!("Required parameter '{name}'")));
            }
            ApiError::AccessDenied { message } => lines.push(said(message)),
            ApiError::System { message } => {
                lines.push(said(&format!("SystemError: {message}")));
            }
            ApiError::Server { code, message } => {
                if let Some(code) = code {
                    lines.push(format!("Error code: {code}"));
                }
                lines.push(said(message));
            }
            ApiError::Network { detail } => {
                lines.push("HTTP status: none (no answer arrived)".into());
                if !detail.trim().is_empty() {
                    lines.push(format!("Browser said: {}", detail.trim()));
                }
            }
            ApiError::Timeout { seconds } => {
                lines.push(format!("Waited: {seconds} seconds, no answer"));
            }
            ApiError::HttpStatus { status, snippet } => {
                lines.push(format!("HTTP status: {status}"));
                if !snippet.trim().is_empty() {
                    lines.push(said(snippet));
                }
            }
            ApiError::MalformedResponse { detail, snippet } => {
                lines.push("HTTP status: 200".into());
                lines.push(format!("Problem: {}", detail.trim()));
                if !snippet.trim().is_empty() {
                    lines.push(said(snippet));
                }
            }
            ApiError::EmptyRequired { name: None } => {
                lines.push("HTTP status: 400".into());
                lines.push("Server said: nothing (a required value was empty)".into());
            }
        }
        Some(lines.join("\n"))
    }

    /// `[2767]`: DeleteUser refused because the policy asks for the administrator's password
    /// (DeleteUser1 then).
    pub fn is_password_reprompt(&self) -> bool {
        matches!(
            self,
            ApiError::Server {
                code: Some(2767),
                ..
            }
        )
    }

    /// A membership to add is there already (groups: `User already a member`, libraries:
    /// `Already a member`; a newer server answers a membership call's conflict with `errorCode`
    /// 4090, read as [`ApiError::UsernameExists`]): whoever retries an add may count it as done.
    pub fn is_already_member(&self) -> bool {
        self.server_message_contains("already a member") || *self == ApiError::UsernameExists
    }

    /// A membership to remove is not there (groups: `User not a member`, libraries: `User is
    /// not a member`): whoever retries a removal may count it as done.
    pub fn is_not_member(&self) -> bool {
        self.server_message_contains("not a member")
    }

    /// The pages give these refusals as English text only, with no code.
    fn server_message_contains(&self, words: &str) -> bool {
        matches!(self, ApiError::Server { message, .. }
            if message.to_ascii_lowercase().contains(words))
    }

    /// What a failed connection check means for the administrator; `None` when srv.asmx
    /// answered as srv.asmx (the connection itself is fine).
    pub fn connection_problem(&self) -> Option<ConnectionProblem> {
        match self {
            ApiError::Network { .. } | ApiError::Timeout { .. } => {
                Some(ConnectionProblem::Unreachable)
            }
            ApiError::HttpStatus { status, snippet } => Some(match status {
                500 if snippet
                    .to_ascii_lowercase()
                    .contains("request format is unrecognized") =>
                {
                    ConnectionProblem::ProtocolsDisabled
                }
                500..=599 => ConnectionProblem::ServerFailing,
                // 404, 405 from a static server, redirects to a login page, 401/403 from a
                // front end: whatever answered is not srv.asmx.
                _ => ConnectionProblem::WrongApiBase,
            }),
            ApiError::MalformedResponse { detail, .. } if detail.starts_with(NOT_SRV_ASMX) => {
                Some(ConnectionProblem::WrongApiBase)
            }
            // Broken XML that began as a srv.asmx answer, or an answer missing what it must carry.
            ApiError::MalformedResponse { .. } => Some(ConnectionProblem::ServerFailing),
            _ => None,
        }
    }
}

/// A refusal's own words when they are a short sentence for a person (many refusals have no
/// code, so their text is the only reason given: `Task redirection end date cannot be in the
/// past.`, `Domain not found`), ending in a full stop; `None` for a stack trace, markup or
/// anything long, which stays in the details.
fn plain_reason(message: &str) -> Option<String> {
    let text = message.trim();
    let lower = text.to_ascii_lowercase();
    // .NET's and XML parsers' own words, which no person can act on.
    let technical = [
        "exception",
        "stack",
        "sql",
        "system.",
        "::",
        "object reference",
        "position ",
        "line ",
        "timeout",
        "parameter name",
        "instance of",
    ];
    if text.is_empty()
        || text.len() > 160
        || text == NO_REASON
        || text.contains(['<', '>', '{', '}', '\n', '\r'])
        || technical.iter().any(|t| lower.contains(t))
    {
        return None;
    }
    Some(if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    })
}

/// What a refusal without any text says.
const NO_REASON: &str = "the server gave no reason";

/// Operations on which `errorCode` 4000 means "no such user" (the refreshed pages' tables).
const NOT_FOUND_AS_4000: [&str; 4] = ["GetUser", "UserExists", "DeleteUser", "DeleteUser1"];

/// The `errorCode` table of the refreshed pages. Older numbers (the bracketed codes, which are
/// the same `IrErrorNumbers`) are read as the bracket would be.
fn classify_code(operation: &str, code: u32, message: &str) -> Option<ApiError> {
    Some(match code {
        4010 => ApiError::SessionExpired,
        4030 => ApiError::AccessDenied {
            message: message.to_string(),
        },
        4041 => ApiError::UserNotFound,
        4090 => ApiError::UsernameExists,
        4000 if NOT_FOUND_AS_4000
            .iter()
            .any(|op| op.eq_ignore_ascii_case(operation)) =>
        {
            ApiError::UserNotFound
        }
        // CreateUser's "name exists" (its table: 4000, not 4090), when the text says so.
        4000 if message.to_ascii_lowercase().contains("already exists") => ApiError::UsernameExists,
        4000 => ApiError::Server {
            code: Some(4000),
            message: if message.is_empty() {
                NO_REASON.to_string()
            } else {
                message.to_string()
            },
        },
        other => return classify_legacy_code(other, message),
    })
}

/// The bracketed codes of older servers.
fn classify_legacy_code(code: u32, message: &str) -> Option<ApiError> {
    Some(match code {
        900 => ApiError::AuthenticationFailed,
        901 => ApiError::SessionExpired,
        902 => ApiError::TicketNotAllowed,
        903 => ApiError::MissingParameter {
            name: missing_parameter_name(message),
        },
        // 2840: another user's managed libraries, for a system administrator only.
        921 | 1573 | 2730 | 2840 => ApiError::AccessDenied {
            message: message.to_string(),
        },
        347 => ApiError::UserDeleted,
        _ => return None,
    })
}

/// How the forms call a parameter the server requires, for messages.
pub fn parameter_label(name: &str) -> &str {
    match name.to_ascii_lowercase().as_str() {
        "username" | "uid" => "user name",
        "newusername" => "new user name",
        "newfirstname" | "firstname" => "first name",
        "newlastname" | "lastname" => "last name",
        "newemailaddress" | "emailaddress" => "email address",
        "authenticatesource" | "authenticationsource" => "authentication source",
        "xmlpreferences" => "preferences",
        "pwd" | "password" | "userpassword" => "password",
        // The TransferUser* calls.
        "fromusername" => "user whose work is handed on",
        "tousername" => "user who takes the work over",
        _ => name,
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.user_message())
    }
}

impl std::error::Error for ApiError {}

/// Splits `[901] text` or `[901]text` into code and text; text without a code keeps it whole.
fn split_code(text: &str) -> (Option<u32>, &str) {
    if let Some(rest) = text.strip_prefix('[')
        && let Some(end) = rest.find(']')
        && let Ok(code) = rest[..end].trim().parse::<u32>()
    {
        return (Some(code), rest[end + 1..].trim_start());
    }
    (None, text)
}

/// `Required parameter.'UserName'` → `UserName`; anything else is kept as said.
fn missing_parameter_name(message: &str) -> String {
    let quoted: Vec<&str> = message.split('\'').collect();
    if quoted.len() >= 3 && !quoted[1].is_empty() {
        return quoted[1].to_string();
    }
    message.to_string()
}

/// At most 200 characters of an error body, HTML tags and runs of whitespace removed, the
/// common character references (`&apos;`, `&amp;`, …) read.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    let mut in_tag = false;
    let mut last_space = true;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
            }
            _ if in_tag => {}
            c if c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
            }
            c => {
                out.push(c);
                last_space = false;
            }
        }
        if out.chars().count() >= 200 {
            out.push('…');
            break;
        }
    }
    let mut text = out.trim().to_string();
    for (reference, c) in [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ] {
        if text.contains(reference) {
            text = text.replace(reference, c);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_with_and_without_space() {
        assert_eq!(
            ApiError::from_server_text("[901]Session expired or Invalid ticket"),
            ApiError::SessionExpired
        );
        assert_eq!(
            ApiError::from_server_text("[901] Session expired or Invalid ticket"),
            ApiError::SessionExpired
        );
        assert_eq!(
            ApiError::from_server_text("[900] Authentication failed"),
            ApiError::AuthenticationFailed
        );
        assert_eq!(
            ApiError::from_server_text("[902] Ticket generation not allowed"),
            ApiError::TicketNotAllowed
        );
        assert_eq!(
            ApiError::from_server_text("[347] User has been deleted"),
            ApiError::UserDeleted
        );
    }

    #[test]
    fn missing_parameter_names_the_parameter() {
        assert_eq!(
            ApiError::from_server_text("[903]Required parameter.'UserName'"),
            ApiError::MissingParameter {
                name: "UserName".into()
            }
        );
    }

    #[test]
    fn messages_without_codes() {
        assert_eq!(
            ApiError::from_server_text("User not found"),
            ApiError::UserNotFound
        );
        assert_eq!(
            ApiError::from_server_text("Username already exists"),
            ApiError::UsernameExists
        );
        assert!(matches!(
            ApiError::from_server_text("Access denied"),
            ApiError::AccessDenied { .. }
        ));
        assert!(matches!(
            ApiError::from_server_text("[921] Insufficient rights"),
            ApiError::AccessDenied { .. }
        ));
        assert!(matches!(
            ApiError::from_server_text("[1573] Only system administrators"),
            ApiError::AccessDenied { .. }
        ));
        assert_eq!(
            ApiError::from_server_text("SystemError:Object reference not set"),
            ApiError::System {
                message: "Object reference not set".into()
            }
        );
        assert_eq!(
            ApiError::from_server_text("Password must be at least 8 characters"),
            ApiError::Server {
                code: None,
                message: "Password must be at least 8 characters".into()
            }
        );
        assert_eq!(
            ApiError::from_server_text("[4010] Something new"),
            ApiError::Server {
                code: Some(4010),
                message: "Something new".into()
            }
        );
    }

    #[test]
    fn missing_operation_detection() {
        assert!(ApiError::from_http_status(404, b"<html>Not found</html>").is_missing_operation());
        assert!(
            ApiError::from_http_status(500, b"<html>Request format is unrecognized for URL</html>")
                .is_missing_operation()
        );
        assert!(
            !ApiError::from_http_status(500, b"<html>Server Error</html>").is_missing_operation()
        );
        assert!(!ApiError::SessionExpired.is_missing_operation());
    }

    #[test]
    fn error_code_first_then_bracket_then_words() {
        let by =
            |op: &str, code: u32, text: &str| ApiError::from_server_answer(op, Some(code), text);
        // Localised texts without a bracket: only the code tells.
        assert_eq!(
            by(
                "UpdateUserEmail",
                4010,
                "Sitzung abgelaufen oder ungültiges Ticket"
            ),
            ApiError::SessionExpired
        );
        assert_eq!(
            by("GetUser", 4010, "Session expired or invalid ticket"),
            ApiError::SessionExpired
        );
        assert_eq!(
            by("ChangeUserStatus", 4030, "Zugriff verweigert"),
            ApiError::AccessDenied {
                message: "Zugriff verweigert".into()
            }
        );
        assert_eq!(
            by("UpdateUserProfile", 4041, "Benutzer nicht gefunden"),
            ApiError::UserNotFound
        );
        assert_eq!(
            by("UpdateUserProfile", 4090, "Benutzername bereits vergeben"),
            ApiError::UsernameExists
        );
        // 4000 depends on the operation.
        for op in [
            "GetUser",
            "getuser",
            "UserExists",
            "DeleteUser",
            "DeleteUser1",
        ] {
            assert_eq!(
                by(op, 4000, "Ungültige Anfrage"),
                ApiError::UserNotFound,
                "{op}"
            );
        }
        assert_eq!(
            by(
                "UpdateUserProfile",
                4000,
                "Unbekannte Authentifizierungsquelle 'X'"
            ),
            ApiError::Server {
                code: Some(4000),
                message: "Unbekannte Authentifizierungsquelle 'X'".into()
            }
        );
        // CreateUser's taken name is 4000 too: its words tell it from an unknown source.
        assert_eq!(
            by("CreateUser", 4000, "Username already exists"),
            ApiError::UsernameExists
        );
        assert!(matches!(
            by(
                "CreateUser",
                4000,
                "Unknown AuthenticationSource 'X'. Known: native"
            ),
            ApiError::Server {
                code: Some(4000),
                ..
            }
        ));
        // The code wins over misleading words.
        assert_eq!(
            by("UpdateUserEmail", 4010, "User not found"),
            ApiError::SessionExpired
        );
        // An unknown code: bracket, then words, then a plain failure keeping the code.
        assert_eq!(
            by("GetUser", 4220, "[901] Session expired"),
            ApiError::SessionExpired
        );
        assert_eq!(
            by("GetUser", 4220, "User not found"),
            ApiError::UserNotFound
        );
        assert_eq!(
            by("GetUser", 4220, "Etwas Neues"),
            ApiError::Server {
                code: Some(4220),
                message: "Etwas Neues".into()
            }
        );
        // The older numbers as errorcode (AuthenticateUser's page).
        assert_eq!(
            by("AuthenticateUser", 900, "Anmeldung fehlgeschlagen"),
            ApiError::AuthenticationFailed
        );
        assert_eq!(
            by("UpdateUserEmail", 4030, ""),
            ApiError::AccessDenied {
                message: String::new()
            }
        );
        assert!(
            by("UpdateUserEmail", 4000, "")
                .technical_detail("UpdateUserEmail")
                .is_some_and(|d| d.contains("no reason"))
        );
    }

    #[test]
    fn a_short_refusal_is_shown_in_its_own_words_and_a_technical_one_is_not() {
        let shown = |text: &str| ApiError::from_server_text(text).user_message();
        assert_eq!(
            shown("Task redirection end date cannot be in the past."),
            "The server did not accept this: Task redirection end date cannot be in the past. \
             Check the values and try again. If it keeps happening, tell your administrator."
        );
        assert!(shown("[115] Domain not found").contains(": Domain not found. Check"));
        assert!(shown("Group not found").contains("Group not found."));
        for technical in [
            "System.NullReferenceException: Object reference not set",
            "Object reference not set to an instance of an object.",
            "Data at the root level is invalid. Line 1, position 1.",
            "Timeout expired.",
            "<html><body>Error</body></html>",
            "Line 1\nLine 2",
            "",
        ] {
            let said = shown(technical);
            assert!(
                said.starts_with("The server did not accept this. Check"),
                "{technical:?}: {said}"
            );
        }
        assert!(!shown(&"x".repeat(200)).contains("xxx"));
    }

    #[test]
    fn empty_required_messages_name_the_field() {
        let m = ApiError::EmptyRequired {
            name: Some("NewFirstName".into()),
        }
        .user_message();
        assert!(
            m.contains("first name") && m.contains("cannot be empty"),
            "{m}"
        );
        let m = ApiError::EmptyRequired { name: None }.user_message();
        assert!(m.contains("required value was empty"), "{m}");
        assert!(!ApiError::EmptyRequired { name: None }.needs_sign_in());
        assert_eq!(
            ApiError::EmptyRequired { name: None }.connection_problem(),
            None
        );
    }

    #[test]
    fn connection_problems() {
        use ConnectionProblem::*;
        let http = |status, body: &str| ApiError::from_http_status(status, body.as_bytes());
        assert_eq!(
            http(404, "<html>The resource cannot be found.</html>").connection_problem(),
            Some(WrongApiBase)
        );
        assert_eq!(http(405, "").connection_problem(), Some(WrongApiBase));
        assert_eq!(
            http(
                500,
                "<html><h2><i>Request format is unrecognized for URL unexpectedly ending in '/ServerInfo'.</i></h2></html>"
            )
            .connection_problem(),
            Some(ProtocolsDisabled)
        );
        assert_eq!(
            http(500, "<html>Runtime Error</html>").connection_problem(),
            Some(ServerFailing)
        );
        assert_eq!(
            http(502, "Bad Gateway").connection_problem(),
            Some(ServerFailing)
        );
        assert_eq!(
            ApiError::Network { detail: "x".into() }.connection_problem(),
            Some(Unreachable)
        );
        assert_eq!(
            ApiError::Timeout { seconds: 30 }.connection_problem(),
            Some(Unreachable)
        );
        assert_eq!(ApiError::SessionExpired.connection_problem(), None);
        assert_eq!(ApiError::AuthenticationFailed.connection_problem(), None);
        for p in [WrongApiBase, ProtocolsDisabled, Unreachable, ServerFailing] {
            assert!(!p.headline().is_empty());
            let text = p.what_to_check("/infoRouter/srv.asmx");
            assert!(text.contains("/infoRouter/srv.asmx"), "{text}");
            assert!(text.ends_with('.'), "{text}");
        }
        assert!(
            ProtocolsDisabled
                .what_to_check("/srv.asmx")
                .contains("web.config")
        );
        assert!(
            ProtocolsDisabled
                .what_to_check("/srv.asmx")
                .contains("HttpPost")
        );
        assert!(
            WrongApiBase
                .what_to_check("/srv.asmx")
                .contains("inforouter:api-base")
        );
        assert!(Unreachable.what_to_check("/srv.asmx").contains("proxy"));
    }

    #[test]
    fn snippet_drops_tags_and_is_short() {
        let body = format!(
            "<html><body><h1>Server   Error</h1>{}</body></html>",
            "x".repeat(500)
        );
        let s = snippet(body.as_bytes());
        assert!(s.starts_with("Server Error x"));
        assert_eq!(
            snippet(b"<h1>Server Error in &apos;/&apos; Application.</h1> a &amp;lt; b"),
            "Server Error in '/' Application. a &lt; b"
        );
        assert!(s.chars().count() <= 201);
    }

    /// Every variant, each server-supplied text set to `RAW`.
    fn every_variant(raw: &str) -> Vec<ApiError> {
        vec![
            ApiError::AuthenticationFailed,
            ApiError::SessionExpired,
            ApiError::TicketNotAllowed,
            ApiError::MissingParameter {
                name: "UserName".into(),
            },
            ApiError::AccessDenied {
                message: raw.into(),
            },
            ApiError::AccessDenied {
                message: String::new(),
            },
            ApiError::UserNotFound,
            ApiError::UsernameExists,
            ApiError::UserDeleted,
            ApiError::System {
                message: raw.into(),
            },
            ApiError::Server {
                code: Some(4000),
                message: raw.into(),
            },
            ApiError::Server {
                code: None,
                message: raw.into(),
            },
            ApiError::Network { detail: raw.into() },
            ApiError::Timeout { seconds: 30 },
            ApiError::HttpStatus {
                status: 404,
                snippet: raw.into(),
            },
            ApiError::HttpStatus {
                status: 500,
                snippet: raw.into(),
            },
            ApiError::HttpStatus {
                status: 502,
                snippet: String::new(),
            },
            ApiError::HttpStatus {
                status: 403,
                snippet: raw.into(),
            },
            ApiError::MalformedResponse {
                detail: raw.into(),
                snippet: raw.into(),
            },
            ApiError::MalformedResponse {
                detail: format!("{NOT_SRV_ASMX}: {raw}"),
                snippet: raw.into(),
            },
            ApiError::EmptyRequired { name: None },
            ApiError::EmptyRequired {
                name: Some("UserName".into()),
            },
        ]
    }

    #[test]
    fn every_variant_has_a_plain_message() {
        let raw = "Object reference not set to an instance of an object. at \
                   System.NullReferenceException (not well-formed XML at byte 35: <html>)";
        for e in every_variant(raw) {
            let m = e.user_message();
            assert!(m.len() > 20 && m.ends_with('.'), "{e:?}: {m}");
            assert!(m.starts_with(char::is_uppercase), "{e:?}: {m}");
            for internal in [
                "Object reference",
                "System.",
                "Exception",
                "not well-formed",
                "byte 35",
                "<",
                "HTTP",
                "[",
            ] {
                assert!(!m.contains(internal), "{e:?} shows {internal:?}: {m}");
            }
        }
    }

    #[test]
    fn technical_detail_holds_what_the_message_leaves_out() {
        let raw = "Object reference not set to an instance of an object.";
        for e in every_variant(raw) {
            let Some(d) = e.technical_detail("UpdateUserEmail") else {
                continue;
            };
            assert!(d.starts_with("Operation: UpdateUserEmail\n"), "{e:?}: {d}");
            assert!(
                d.lines().all(|l| l.contains(": ")),
                "one `Label: value` a line: {d}"
            );
            let carries_text = match &e {
                ApiError::AccessDenied { message }
                | ApiError::System { message }
                | ApiError::Server { message, .. } => !message.is_empty(),
                ApiError::Network { .. }
                | ApiError::HttpStatus { .. }
                | ApiError::MalformedResponse { .. } => true,
                _ => false,
            };
            if carries_text && !matches!(e, ApiError::HttpStatus { status: 502, .. }) {
                assert!(d.contains(raw), "{e:?}: {d}");
            }
        }
        assert_eq!(
            ApiError::from_http_status(500, b"<html><h1>Runtime Error</h1></html>")
                .technical_detail("UpdateUserEmail")
                .as_deref(),
            Some("Operation: UpdateUserEmail\nHTTP status: 500\nServer said: Runtime Error")
        );
        assert_eq!(
            ApiError::from_server_answer(
                "UpdateUserEmail",
                None,
                "SystemError:Object reference not set to an instance of an object."
            )
            .technical_detail("UpdateUserEmail")
            .as_deref(),
            Some(
                "Operation: UpdateUserEmail\nServer said: SystemError: Object reference not set \
                 to an instance of an object."
            )
        );
        assert_eq!(
            ApiError::Server {
                code: Some(4000),
                message: "Ungültige Anfrage".into()
            }
            .technical_detail("UpdateUserProfile")
            .as_deref(),
            Some("Operation: UpdateUserProfile\nError code: 4000\nServer said: Ungültige Anfrage")
        );
        let malformed = ApiError::MalformedResponse {
            detail: "not well-formed XML at byte 35: unexpected end".into(),
            snippet: String::new(),
        };
        assert_eq!(
            malformed.technical_detail("GetUser").as_deref(),
            Some(
                "Operation: GetUser\nHTTP status: 200\nProblem: not well-formed XML at byte 35: \
                 unexpected end"
            )
        );
        // Without an operation, the rest is still there.
        assert_eq!(
            ApiError::Timeout { seconds: 30 }
                .technical_detail("")
                .as_deref(),
            Some("Waited: 30 seconds, no answer")
        );
    }

    #[test]
    fn no_detail_when_the_message_says_it_all() {
        for e in [
            ApiError::AuthenticationFailed,
            ApiError::SessionExpired,
            ApiError::TicketNotAllowed,
            ApiError::UserNotFound,
            ApiError::UsernameExists,
            ApiError::UserDeleted,
            ApiError::AccessDenied {
                message: " ".into(),
            },
            ApiError::EmptyRequired {
                name: Some("NewEmailAddress".into()),
            },
        ] {
            assert_eq!(e.technical_detail("UpdateUserEmail"), None, "{e:?}");
        }
    }

    #[test]
    fn messages_that_end_to_end_tests_match_are_kept() {
        assert!(
            ApiError::AuthenticationFailed
                .user_message()
                .contains("user name or password is wrong")
        );
        assert!(
            ApiError::TicketNotAllowed
                .user_message()
                .contains("built-in system administrator")
        );
        assert!(
            ApiError::UsernameExists
                .user_message()
                .contains("already taken")
        );
    }
}
