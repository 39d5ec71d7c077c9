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
}

impl ApiError {
    /// Classifies the `error` attribute of a `success="false"` answer.
    pub fn from_server_text(text: &str) -> ApiError {
        let trimmed = text.trim();
        let (code, message) = split_code(trimmed);
        let lower = message.to_ascii_lowercase();
        match code {
            Some(900) => return ApiError::AuthenticationFailed,
            Some(901) => return ApiError::SessionExpired,
            Some(902) => return ApiError::TicketNotAllowed,
            Some(903) => {
                return ApiError::MissingParameter {
                    name: missing_parameter_name(message),
                };
            }
            Some(921) | Some(1573) => {
                return ApiError::AccessDenied {
                    message: message.to_string(),
                };
            }
            Some(347) => return ApiError::UserDeleted,
            _ => {}
        }
        if lower.starts_with("systemerror") {
            let rest = message["systemerror".len()..].trim_start_matches([':', ' ']);
            return ApiError::System {
                message: rest.to_string(),
            };
        }
        if lower.contains("access denied") || lower.contains("insufficient") {
            return ApiError::AccessDenied {
                message: message.to_string(),
            };
        }
        if lower.contains("user not found") {
            return ApiError::UserNotFound;
        }
        if lower.contains("already exists") {
            return ApiError::UsernameExists;
        }
        if lower.contains("session expired") || lower.contains("invalid ticket") {
            return ApiError::SessionExpired;
        }
        ApiError::Server {
            code,
            message: message.to_string(),
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
                s.contains("unrecognized") || s.contains("unknown web method")
            }
            ApiError::Server { message, .. } => {
                message.to_ascii_lowercase().contains("unknown web method")
            }
            _ => false,
        }
    }

    /// Whether signing in again could make the same call succeed.
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, ApiError::SessionExpired)
    }

    /// Plain words for the person in front of the screen.
    pub fn user_message(&self) -> String {
        match self {
            ApiError::AuthenticationFailed => {
                "The user name or password is wrong, or the account is disabled.".into()
            }
            ApiError::SessionExpired => "Your session has expired. Please sign in again.".into(),
            ApiError::TicketNotAllowed => {
                "This account may not sign in here (the built-in system administrator account \
                 cannot use the web service). Use a named administrator account."
                    .into()
            }
            ApiError::MissingParameter { name } => {
                format!("The server says a required value is missing: {name}.")
            }
            ApiError::AccessDenied { message } if message.trim().is_empty() => {
                "You do not have permission to do this.".into()
            }
            ApiError::AccessDenied { message } => {
                format!("You do not have permission to do this (the server says: {message}).")
            }
            ApiError::UserNotFound => {
                "That user does not exist (it may have been renamed or deleted).".into()
            }
            ApiError::UsernameExists => "That user name is already taken.".into(),
            ApiError::UserDeleted => "That user has been deleted.".into(),
            ApiError::System { message } => format!("The server reported an error: {message}"),
            ApiError::Server {
                code: Some(code),
                message,
            } => {
                format!("The server refused the request ({code}): {message}")
            }
            ApiError::Server {
                code: None,
                message,
            } => {
                format!("The server refused the request: {message}")
            }
            ApiError::Network { .. } => {
                "Could not reach the server. Check your connection and try again.".into()
            }
            ApiError::Timeout { seconds } => {
                format!("The server did not answer within {seconds} seconds. Try again.")
            }
            ApiError::HttpStatus { status: 404, .. } => {
                "This server does not offer that operation (HTTP 404); it may be an older \
                 infoRouter version."
                    .into()
            }
            ApiError::HttpStatus { status, snippet } if snippet.is_empty() => {
                format!("The server answered with HTTP {status} instead of a result.")
            }
            ApiError::HttpStatus { status, snippet } => {
                format!("The server answered with HTTP {status} instead of a result: {snippet}")
            }
            ApiError::MalformedResponse { detail, .. } => {
                format!("The server sent an answer the console cannot read ({detail}).")
            }
        }
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

/// At most 200 characters of an error body, HTML tags and runs of whitespace removed.
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
    out.trim().to_string()
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
    fn snippet_drops_tags_and_is_short() {
        let body = format!(
            "<html><body><h1>Server   Error</h1>{}</body></html>",
            "x".repeat(500)
        );
        let s = snippet(body.as_bytes());
        assert!(s.starts_with("Server Error x"));
        assert!(s.chars().count() <= 201);
    }

    #[test]
    fn every_variant_has_a_plain_message() {
        let all = [
            ApiError::AuthenticationFailed,
            ApiError::SessionExpired,
            ApiError::TicketNotAllowed,
            ApiError::MissingParameter { name: "X".into() },
            ApiError::AccessDenied {
                message: "Access denied".into(),
            },
            ApiError::UserNotFound,
            ApiError::UsernameExists,
            ApiError::UserDeleted,
            ApiError::System {
                message: "boom".into(),
            },
            ApiError::Server {
                code: Some(1),
                message: "m".into(),
            },
            ApiError::Network { detail: "d".into() },
            ApiError::Timeout { seconds: 30 },
            ApiError::HttpStatus {
                status: 502,
                snippet: "Bad Gateway".into(),
            },
            ApiError::MalformedResponse {
                detail: "d".into(),
                snippet: "s".into(),
            },
        ];
        for e in all {
            let m = e.user_message();
            assert!(
                m.len() > 10 && m.ends_with(['.', ')']) || m.contains(':'),
                "{e:?}: {m}"
            );
        }
    }
}
