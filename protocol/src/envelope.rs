//! Reading any srv.asmx answer: optional BOM and prolog, a document element of any name
//! (`response`, `root`), SOAP-wrapped or bare, `success` in any case.

use crate::error::{ApiError, snippet};
use crate::xml::{Element, parse_document};

/// Turns an HTTP status and body into the srv.asmx answer element, or the matching error.
/// A `success="false"` answer becomes its classified `ApiError`.
pub fn read_answer(status: u16, body: &[u8]) -> Result<Element, ApiError> {
    if status != 200 {
        return Err(ApiError::from_http_status(status, body));
    }
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = std::str::from_utf8(body).map_err(|_| malformed("not UTF-8 text", body))?;
    let document = parse_document(text).map_err(|reason| malformed(&reason, body))?;
    let answer = unwrap_soap(document).map_err(|e| match e {
        Unwrap::Fault(message) => ApiError::Server {
            code: None,
            message,
        },
        Unwrap::Malformed(reason) => malformed(&reason, body),
    })?;
    check_success(&answer).map_err(|e| match e {
        Some(error) => error,
        None => malformed("no success attribute on the answer", body),
    })?;
    Ok(answer)
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

/// `Err(None)` when there is no `success` attribute at all.
fn check_success(answer: &Element) -> Result<(), Option<ApiError>> {
    let success = answer.attr("success").ok_or(None)?;
    match success.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(()),
        _ => {
            let text = answer.attr("error").unwrap_or_default();
            if text.trim().is_empty() {
                return Err(Some(ApiError::Server {
                    code: None,
                    message: "the server gave no reason".into(),
                }));
            }
            Err(Some(ApiError::from_server_text(text)))
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
