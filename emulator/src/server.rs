//! The HTTP face: `/srv.asmx/<Op>` by GET and POST, SOAP 1.1 on `/srv.asmx`, faults, the
//! request and access logs, and the built console as static files on the same origin.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State as AxState};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use serde::Serialize;

use crate::control;
use crate::faults::{Fault, Faults, Rng};
use crate::ops::{self, Answer};
use crate::params::{self, Params};
use crate::state::State;

#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    pub seq: u64,
    pub method: String,
    pub transport: &'static str,
    pub operation: String,
    pub params: Vec<(String, String)>,
    pub url: String,
    pub status: u16,
    pub success: Option<bool>,
}

pub struct Shared {
    pub state: Mutex<State>,
    pub faults: Mutex<Faults>,
    pub rng: Mutex<Rng>,
    pub log: Mutex<Vec<LogEntry>>,
    pub access: Mutex<Vec<String>>,
    pub fixture: String,
    pub seed: u64,
}

/// `service` is srv.asmx's path (`/srv.asmx`, or with `--service-prefix`); with an
/// `upstream`, calls there are forwarded instead of emulated.
pub fn router(
    shared: Arc<Shared>,
    control: bool,
    static_site: Option<crate::static_site::StaticSite>,
    service: &str,
    upstream: Option<crate::forward::Upstream>,
) -> Router {
    let mut app = match upstream {
        Some(up) => crate::forward::routes(service, Arc::new(up)),
        None => Router::new()
            .route(&format!("{service}/{{op}}"), any(plain_call))
            .route(service, post(soap_call)),
    };
    app = if control {
        app.nest("/_emulator", control::routes())
    } else {
        // Absent unless enabled, and not swallowed by the static fallback either.
        app.route(
            "/_emulator/{*rest}",
            any(|| async { StatusCode::NOT_FOUND }),
        )
    };
    if let Some(site) = static_site {
        app = app.fallback_service(site.service());
    }
    app.layer(middleware::from_fn_with_state(shared.clone(), access_log))
        .with_state(shared)
}

/// One line per request, like a web server's access log: method, URL as received, status.
async fn access_log(
    AxState(shared): AxState<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let line = format!("{} {}", request.method(), request.uri());
    let response = next.run(request).await;
    shared
        .access
        .lock()
        .unwrap()
        .push(format!("{line} {}", response.status().as_u16()));
    response
}

async fn plain_call(
    AxState(shared): AxState<Arc<Shared>>,
    method: Method,
    Path(op): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (transport, params) = if method == Method::POST {
        let is_form = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|v| {
                v.to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            });
        if !is_form {
            return html(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Request format is invalid: the content type must be application/x-www-form-urlencoded.",
            );
        }
        (
            "post",
            params::from_urlencoded(&String::from_utf8_lossy(&body)),
        )
    } else if method == Method::GET {
        ("get", params::from_urlencoded(uri.query().unwrap_or("")))
    } else {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    };
    call(
        &shared,
        method.as_str(),
        transport,
        &op,
        params,
        uri.to_string(),
    )
    .await
}

async fn soap_call(AxState(shared): AxState<Arc<Shared>>, uri: Uri, body: Bytes) -> Response {
    let text = String::from_utf8_lossy(&body);
    match params::from_soap(&text) {
        Ok((op, params)) => call(&shared, "POST", "soap", &op, params, uri.to_string()).await,
        Err(reason) => soap_fault(&format!("Server was unable to read request. {reason}")),
    }
}

async fn call(
    shared: &Shared,
    method: &str,
    transport: &'static str,
    raw_op: &str,
    params: Params,
    url: String,
) -> Response {
    let faults = shared.faults.lock().unwrap().clone();
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    let soap = transport == "soap";
    let mut entry = LogEntry {
        seq: 0,
        method: method.to_string(),
        transport,
        operation: raw_op.to_string(),
        params: redacted_pairs(&params.pairs),
        url: redacted_url(&url),
        status: 200,
        success: None,
    };
    let known = ops::canonical(raw_op).filter(|op| !faults.is_unknown(op));
    let response = match known {
        // GET and POST switched off in web.config: ASP.NET cannot map the URL to a method.
        _ if faults.protocols_off && !soap => {
            entry.status = 500;
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!(
                    "System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/{raw_op}'."
                ),
            )
        }
        None => {
            entry.status = 500;
            if soap {
                soap_fault(&format!(
                    "Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/{raw_op}."
                ))
            } else {
                html(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &format!(
                        "System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/{raw_op}'."
                    ),
                )
            }
        }
        Some(op) if faults.is_missing(op) => {
            entry.status = 404;
            html(StatusCode::NOT_FOUND, "The resource cannot be found.")
        }
        Some(op) => {
            entry.operation = op.to_string();
            let draw = shared.rng.lock().unwrap().next_f64();
            match faults.pick(op, draw) {
                Some(Fault::Http500) => {
                    entry.status = 500;
                    html(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "Server Error in '/' Application. Runtime Error.",
                    )
                }
                Some(Fault::Malformed) => (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<response success=\"tr",
                )
                    .into_response(),
                Some(Fault::Drop) => {
                    entry.status = 0;
                    let failing = futures_util::stream::once(async {
                        Err::<Bytes, std::io::Error>(std::io::Error::other(
                            "connection dropped by fault injection",
                        ))
                    });
                    Response::new(Body::from_stream(failing))
                }
                Some(Fault::Hang) => {
                    entry.status = 504;
                    shared.push_log(entry.clone());
                    tokio::time::sleep(Duration::from_secs(120)).await;
                    return StatusCode::GATEWAY_TIMEOUT.into_response();
                }
                fault @ (None | Some(Fault::LoseAnswer)) => {
                    let reply = {
                        let mut state = shared.state.lock().unwrap();
                        ops::run(op, &params, &mut state, &faults.mode())
                    };
                    match reply {
                        // Done, and the answer lost on its way back.
                        Ok(answer) if fault.is_some() => {
                            entry.success = Some(answer.success);
                            entry.status = 502;
                            html(StatusCode::BAD_GATEWAY, "502 Bad Gateway")
                        }
                        Ok(answer) => {
                            entry.success = Some(answer.success);
                            xml_response(op, &answer, soap)
                        }
                        Err(ops::EmptyRequired(name)) => {
                            entry.status = 400;
                            empty_required(name, soap)
                        }
                    }
                }
            }
        }
    };
    shared.push_log(entry);
    response
}

/// Parameters whose values never reach the request log (matched ignoring case, as ASP.NET
/// binds them; SOAP elements carry the same names).
const SECRETS: [&str; 5] = [
    "PWD",
    "Password",
    "NewPassword",
    "UserPassword",
    "OldPassword",
];

/// What the request log shows instead of a password.
pub const REDACTED: &str = "[redacted]";

fn is_secret(name: &str) -> bool {
    SECRETS.iter().any(|s| s.eq_ignore_ascii_case(name.trim()))
}

/// The parameters for the request log: a password keeps its name, its value is `[redacted]`
/// (an empty one stays empty: it hides nothing, and shows that none was sent).
fn redacted_pairs(pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| {
            if is_secret(k) && !v.is_empty() {
                (k.clone(), REDACTED.to_string())
            } else {
                (k.clone(), v.clone())
            }
        })
        .collect()
}

/// The URL for the request log, a password in its query replaced by `[redacted]`. (The access
/// log keeps URLs as received, as a web server logs them: that is where a password sent in a
/// URL shows.)
fn redacted_url(url: &str) -> String {
    let Some((path, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let query: Vec<String> = query
        .split('&')
        .map(|part| match part.split_once('=') {
            Some((k, v)) if !v.is_empty() && is_secret(&params::decode_component(k)) => {
                format!("{k}={REDACTED}")
            }
            _ => part.to_string(),
        })
        .collect();
    format!("{path}?{}", query.join("&"))
}

impl Shared {
    fn push_log(&self, mut entry: LogEntry) {
        let mut log = self.log.lock().unwrap();
        entry.seq = log.len() as u64 + 1;
        log.push(entry);
    }
}

fn xml_response(op: &str, answer: &Answer, soap: bool) -> Response {
    let element = answer.to_xml();
    let body = if soap {
        // The answer element sits in the result with the default namespace reset.
        let element = element.replacen(
            &format!("<{}", answer.root),
            &format!("<{} xmlns=\"\"", answer.root),
            1,
        );
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body><{op}Response xmlns=\"http://tempuri.org/\"><{op}Result>{element}</{op}Result></{op}Response></soap:Body></soap:Envelope>"
        )
    } else {
        format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{element}")
    };
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A newer server's model-binding refusal: HTTP 400 and no srv.asmx answer. GET/POST get
/// ASP.NET Core's problem details (JSON); SOAP an empty body.
fn empty_required(name: &str, soap: bool) -> Response {
    if soap {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let body = format!(
        "{{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.1\",\"title\":\"One or more validation errors occurred.\",\"status\":400,\"errors\":{{\"{name}\":[\"The {name} field is required.\"]}}}}"
    );
    (
        StatusCode::BAD_REQUEST,
        [(
            header::CONTENT_TYPE,
            "application/problem+json; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

fn html(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1><h2><i>{}</i></h2><p>HTTP {}</p></body></html>",
        crate::xml_out::escape(message),
        status.as_u16()
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn soap_fault(message: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>{}</faultstring></soap:Fault></soap:Body></soap:Envelope>",
        crate::xml_out::escape(message)
    );
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        let pairs = vec![
            ("UID".to_string(), "jdoe".to_string()),
            ("pwd".to_string(), "Secret123!".to_string()),
            ("NewPassword".to_string(), "x".to_string()),
            ("Password".to_string(), String::new()),
        ];
        assert_eq!(
            redacted_pairs(&pairs),
            vec![
                ("UID".to_string(), "jdoe".to_string()),
                ("pwd".to_string(), "[redacted]".to_string()),
                ("NewPassword".to_string(), "[redacted]".to_string()),
                ("Password".to_string(), String::new()),
            ]
        );
        assert_eq!(
            redacted_url(
                "/srv.asmx/AuthenticateUser?UID=jdoe&PWD=Secret123%21&%50assword=a&x&Password="
            ),
            "/srv.asmx/AuthenticateUser?UID=jdoe&PWD=[redacted]&%50assword=[redacted]&x&Password="
        );
        assert_eq!(redacted_url("/srv.asmx"), "/srv.asmx");
    }
}
