//! Reading any srv.asmx answer: optional BOM and prolog, a document element of any name
//! (`response`, `root`), SOAP-wrapped or bare, `success` in any case.

use crate::error::{ApiError, NOT_SRV_ASMX, snippet};
use crate::xml::{Element, parse_document};

/// Turns an HTTP status and body into the srv.asmx answer element, or the matching error.
/// A `success="false"` answer becomes its classified `ApiError`, for no operation in particular
/// (use [`read_answer_for`] when the operation is known: some codes mean different things).
pub fn read_answer(status: u16, body: &[u8]) -> Result<Element, ApiError> {
    read_answer_for("", status, body)
}

/// [`read_answer`] for `operation` (its srv.asmx name), whose `errorCode`s are read by the
/// refreshed pages' table for it. HTTP 400 is a newer server's "a required value was empty"
/// unless the body is a srv.asmx answer, which is then read as such.
pub fn read_answer_for(operation: &str, status: u16, body: &[u8]) -> Result<Element, ApiError> {
    if status == 400 {
        return match parse_answer(operation, body) {
            Ok(answer) => Ok(answer),
            Err(ApiError::MalformedResponse { .. }) => Err(ApiError::EmptyRequired {
                name: empty_parameter_name(body),
            }),
            Err(other) => Err(other),
        };
    }
    if status != 200 {
        return Err(ApiError::from_http_status(status, body));
    }
    parse_answer(operation, body)
}

fn parse_answer(operation: &str, body: &[u8]) -> Result<Element, ApiError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    if looks_like_html(body) {
        return Err(malformed(&format!("{NOT_SRV_ASMX}: an HTML page"), body));
    }
    let text = std::str::from_utf8(body)
        .map_err(|_| malformed(&format!("{NOT_SRV_ASMX}: not UTF-8 text"), body))?;
    if !text.trim_start().starts_with('<') {
        let what = if text.trim().is_empty() {
            "an empty body"
        } else {
            "not XML"
        };
        return Err(malformed(&format!("{NOT_SRV_ASMX}: {what}"), body));
    }
    let document = parse_document(text).map_err(|reason| malformed(&reason, body))?;
    let answer = unwrap_soap(document).map_err(|e| match e {
        Unwrap::Fault(message) => ApiError::Server {
            code: None,
            message,
        },
        Unwrap::Malformed(reason) => malformed(&reason, body),
    })?;
    check_success(operation, &answer).map_err(|e| match e {
        Some(error) => error,
        None => malformed(
            &format!("{NOT_SRV_ASMX}: <{}> has no success attribute", answer.name),
            body,
        ),
    })?;
    Ok(answer)
}

/// An HTML page (an IIS error page, a login page, a single-page app's `index.html`).
fn looks_like_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
    let head = String::from_utf8_lossy(&head);
    let start = head.trim_start();
    start.starts_with("<!doctype html") || start.starts_with("<html") || head.contains("<html")
}

/// The parameter a 400 body names, when it does: ASP.NET Core's problem details
/// (`"errors":{"UserName":[...]}`) or its sentence `The UserName field is required.`
fn empty_parameter_name(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let is_name = |s: &str| {
        !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if let Some(at) = text.find("\"errors\"") {
        let rest = text[at + 8..].trim_start_matches([' ', ':', '{', '\n', '\r', '\t']);
        if let Some(rest) = rest.strip_prefix('"')
            && let Some(end) = rest.find('"')
            && is_name(rest[..end].trim_start_matches('$').trim_start_matches('.'))
        {
            return Some(
                rest[..end]
                    .trim_start_matches('$')
                    .trim_start_matches('.')
                    .to_string(),
            );
        }
    }
    let at = text.find("The ")?;
    let rest = &text[at + 4..];
    let end = rest.find(" field is required")?;
    is_name(&rest[..end]).then(|| rest[..end].to_string())
}

fn malformed(reason: &str, body: &[u8]) -> ApiError {
    ApiError::MalformedResponse {
        detail: reason.to_string(),
        snippet: snippet(body),
    }
}

enum Unwrap {
    Fault(String),
    Malformed(String),
}

/// `Envelope/Body/OpResponse/OpResult/<answer>`; the result may also carry the answer as
/// escaped text (a `string` return type). Bare answers pass through.
fn unwrap_soap(document: Element) -> Result<Element, Unwrap> {
    if !document.name.eq_ignore_ascii_case("Envelope") {
        return Ok(document);
    }
    let body = document
        .child("Body")
        .ok_or(Unwrap::Malformed("SOAP envelope without Body".into()))?;
    if let Some(fault) = body.child("Fault") {
        let text = fault
            .find("faultstring")
            .or_else(|| fault.find("Text"))
            .map(|f| f.text.trim().to_string());
        return Err(Unwrap::Fault(text.unwrap_or_else(|| "SOAP fault".into())));
    }
    let response = body
        .children
        .first()
        .ok_or(Unwrap::Malformed("empty SOAP Body".into()))?;
    let result = response
        .children
        .iter()
        .find(|c| c.name.to_ascii_lowercase().ends_with("result"))
        .ok_or(Unwrap::Malformed(format!(
            "no result inside <{}>",
            response.name
        )))?;
    if let Some(inner) = result.children.first() {
        return Ok(inner.clone());
    }
    if !result.text.trim().is_empty() {
        return parse_document(result.text.trim()).map_err(Unwrap::Malformed);
    }
    // Some SOAP results carry the attributes on the result element itself.
    Ok(result.clone())
}

/// `Err(None)` when there is no `success` attribute at all. The code is `errorCode` on the
/// refreshed pages and `errorcode` in AuthenticateUser's: attribute lookup ignores case.
fn check_success(operation: &str, answer: &Element) -> Result<(), Option<ApiError>> {
    let success = answer.attr("success").ok_or(None)?;
    match success.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(()),
        _ => {
            let text = answer.attr("error").unwrap_or_default();
            let code = answer
                .attr("errorCode")
                .and_then(|c| c.trim().parse::<u32>().ok())
                .filter(|c| *c != 0);
            Err(Some(ApiError::from_server_answer(operation, code, text)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_answers_of_any_name() {
        assert_eq!(
            read_answer(200, br#"<response success="true" error="" />"#)
                .unwrap()
                .name,
            "response"
        );
        assert_eq!(
            read_answer(200, br#"<root success="TRUE"/>"#).unwrap().name,
            "root"
        );
        assert_eq!(read_answer(200, b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<root success=\"True\"/>").unwrap().name, "root");
    }

    #[test]
    fn failures_are_classified() {
        assert_eq!(
            read_answer(
                200,
                br#"<root success="false" error="[901]Session expired or Invalid ticket"/>"#
            ),
            Err(ApiError::SessionExpired)
        );
        assert_eq!(
            read_answer(
                200,
                br#"<response success="FALSE" error="User not found"/>"#
            ),
            Err(ApiError::UserNotFound)
        );
        assert!(matches!(
            read_answer(200, br#"<response success="false"/>"#),
            Err(ApiError::Server { .. })
        ));
    }

    #[test]
    fn soap_wrapped_answers() {
        let soap = br#"<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<GetUserResponse xmlns="http://tempuri.org/"><GetUserResult>
<response success="true" error="" xmlns=""><User UserName="jdoe"/></response>
</GetUserResult></GetUserResponse></soap:Body></soap:Envelope>"#;
        let answer = read_answer(200, soap).unwrap();
        assert_eq!(answer.name, "response");
        assert!(answer.child("User").is_some());

        let escaped = br#"<soap:Envelope xmlns:soap="s"><soap:Body><LogOutResponse><LogOutResult>&lt;root success="false" error="[901] Session expired or Invalid ticket" /&gt;</LogOutResult></LogOutResponse></soap:Body></soap:Envelope>"#;
        assert_eq!(read_answer(200, escaped), Err(ApiError::SessionExpired));

        let fault = br#"<soap:Envelope xmlns:soap="s"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server was unable to read request.</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
        assert_eq!(
            read_answer(200, fault),
            Err(ApiError::Server {
                code: None,
                message: "Server was unable to read request.".into()
            })
        );
    }

    #[test]
    fn error_code_attribute_in_either_case() {
        for attr in ["errorCode", "errorcode", "ERRORCODE"] {
            let body = format!(
                r#"<response success="false" error="Sitzung abgelaufen oder ungültiges Ticket" {attr}="4010" />"#
            );
            assert_eq!(
                read_answer_for("UpdateUserEmail", 200, body.as_bytes()),
                Err(ApiError::SessionExpired),
                "{attr}"
            );
        }
        assert_eq!(
            read_answer_for(
                "GetUser",
                200,
                br#"<response success="false" error="Benutzer nicht gefunden" errorCode="4000" />"#
            ),
            Err(ApiError::UserNotFound)
        );
        assert!(matches!(
            read_answer_for(
                "UpdateUserPreferences",
                200,
                br#"<response success="false" error="Data at the root level is invalid. Line 1, position 1." errorCode="4000" />"#
            ),
            Err(ApiError::Server { code: Some(4000), .. })
        ));
    }

    #[test]
    fn http_400_is_an_empty_required_value_unless_it_is_an_answer() {
        assert_eq!(
            read_answer_for("UpdateUserEmail", 400, b""),
            Err(ApiError::EmptyRequired { name: None })
        );
        assert_eq!(
            read_answer_for(
                "UpdateUserEmail",
                400,
                br#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"NewEmailAddress":["The NewEmailAddress field is required."]}}"#
            ),
            Err(ApiError::EmptyRequired {
                name: Some("NewEmailAddress".into())
            })
        );
        assert_eq!(
            read_answer_for(
                "UpdateUserEmail",
                400,
                b"<html><body>Bad Request: The UserName field is required.</body></html>"
            ),
            Err(ApiError::EmptyRequired {
                name: Some("UserName".into())
            })
        );
        assert_eq!(
            read_answer_for("X", 400, b"<html><body>Bad Request</body></html>"),
            Err(ApiError::EmptyRequired { name: None })
        );
        // A 400 carrying a srv.asmx answer is read as that answer.
        assert_eq!(
            read_answer_for(
                "UpdateUserEmail",
                400,
                br#"<response success="false" error="x" errorCode="4010"/>"#
            ),
            Err(ApiError::SessionExpired)
        );
        assert!(read_answer_for("LogOut", 400, br#"<root success="true"/>"#).is_ok());
    }

    #[test]
    fn what_is_not_srv_asmx_points_at_the_api_base() {
        use crate::error::ConnectionProblem;
        for body in [
            &b"<!DOCTYPE html><html><head><meta charset=utf-8><title>infoRouter Accounts</title></head><body></body></html>"[..],
            b"<html><body>Hello",
            b"{\"json\":1}",
            b"",
            b"<feed><entry/></feed>",
        ] {
            let e = read_answer(200, body).unwrap_err();
            assert_eq!(
                e.connection_problem(),
                Some(ConnectionProblem::WrongApiBase),
                "{body:?}: {e:?}"
            );
        }
        let truncated = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response success=\"tr";
        assert_eq!(
            read_answer(200, truncated)
                .unwrap_err()
                .connection_problem(),
            Some(ConnectionProblem::ServerFailing)
        );
    }

    #[test]
    fn transport_shapes() {
        assert!(matches!(
            read_answer(500, b"<html><title>Runtime Error</title></html>"),
            Err(ApiError::HttpStatus { status: 500, .. })
        ));
        for bad in [
            &b"<html><body>Hello"[..],
            b"",
            b"\xFF\xFE<",
            b"<response error=\"x\"/>",
            b"{\"json\":1}",
        ] {
            assert!(
                matches!(
                    read_answer(200, bad),
                    Err(ApiError::MalformedResponse { .. })
                ),
                "{bad:?}"
            );
        }
    }
}
