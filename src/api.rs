//! The browser transport: one typed call over fetch, with a timeout. Everything about the
//! protocol itself lives in `inforouter_protocol`.

use gloo_net::http::Request;
use inforouter_protocol::envelope::read_answer_for;
use inforouter_protocol::operations::FORM_CONTENT_TYPE;
use inforouter_protocol::soap::{self, SOAP_CONTENT_TYPE};
use inforouter_protocol::xml::Element;
use inforouter_protocol::{
    ApiError, Call, HttpRequest, Method, Operation, Ticket, check_required, read_output,
};
use web_sys::AbortController;

use crate::config::Config;
use crate::transport;

/// Sends `op` once and reads its answer. A call with a required value empty is never sent
/// (newer servers refuse it with a bare HTTP 400): it fails at once with `EmptyRequired`.
/// A thin generic shim: the transport below is one non-generic function for every operation.
pub async fn send<O: Operation>(
    config: &Config,
    op: &O,
    ticket: Option<&Ticket>,
) -> Result<O::Output, ApiError> {
    check_required(op)?;
    let (answer, body) = answer(config, &Call::of(op, ticket)).await?;
    read_output::<O>(&answer, &body)
}

/// The srv.asmx answer to `call`, and its body. In `auto`, a first call refused as "Request
/// format is unrecognized" (GET and POST off in web.config) is sent once more over SOAP, and
/// the tab speaks SOAP from then on; no server ran the refused call, so nothing is done twice.
/// What the answer tells about the server is kept (`transport.rs`), so fallbacks decide once.
pub async fn answer(config: &Config, call: &Call) -> Result<(Element, Vec<u8>), ApiError> {
    let method = transport::method(config);
    let first = answer_by(config, call, method).await;
    let (answer, method) = match first {
        // A first call refused, or one that left by POST before another call found out.
        Err(error)
            if error.switches_to_soap()
                && method != Method::Soap
                && (transport::may_switch_to_soap(config)
                    || transport::method(config) == Method::Soap) =>
        {
            (answer_by(config, call, Method::Soap).await, Method::Soap)
        }
        other => (other, method),
    };
    match &answer {
        Err(error) if error.is_missing_operation() => {
            if transport::is_settled() {
                transport::record_lacking(call.name);
            }
        }
        // Nothing came from srv.asmx: a failure on the way, or a value refused before sending.
        Err(error) if error.connection_problem().is_some() => {}
        Err(ApiError::Unsupported { .. }) => {}
        _ => transport::settle(method),
    }
    answer
}

async fn answer_by(
    config: &Config,
    call: &Call,
    method: Method,
) -> Result<(Element, Vec<u8>), ApiError> {
    if method == Method::Soap {
        soap::check_representable(call)?;
    }
    let (status, body) = exchange(config, call.request(&config.api_base, method)).await?;
    let answer = read_answer_for(call.name, status, &body)?;
    Ok((answer, body))
}

/// One HTTP exchange: the status and the body, or why none arrived in time.
async fn exchange(config: &Config, request: HttpRequest) -> Result<(u16, Vec<u8>), ApiError> {
    let controller =
        AbortController::new().map_err(|_| network("the browser cannot create a request"))?;
    let signal = controller.signal();
    // Aborting on a timer is what turns a hanging server into a clear timeout.
    let timer =
        gloo_timers::callback::Timeout::new(config.timeout_secs.saturating_mul(1000), move || {
            controller.abort()
        });
    let builder = match (request.method, &request.soap_action) {
        (Method::Get, _) => Request::get(&request.url),
        (Method::Soap, Some(action)) => Request::post(&request.url)
            .header("Content-Type", SOAP_CONTENT_TYPE)
            .header("SOAPAction", action),
        _ => Request::post(&request.url).header("Content-Type", FORM_CONTENT_TYPE),
    }
    .abort_signal(Some(&signal));
    let sent = match request.body {
        Some(body) => builder.body(body).map_err(failure)?.send().await,
        None => builder.send().await,
    };
    let response = match sent {
        Ok(r) => r,
        Err(_) if signal.aborted() => {
            return Err(ApiError::Timeout {
                seconds: config.timeout_secs,
            });
        }
        Err(e) => return Err(failure(e)),
    };
    let status = response.status();
    let body = match response.binary().await {
        Ok(b) => b,
        Err(_) if signal.aborted() => {
            return Err(ApiError::Timeout {
                seconds: config.timeout_secs,
            });
        }
        Err(e) => return Err(failure(e)),
    };
    drop(timer);
    Ok((status, body))
}

/// What the browser said of a request that failed. Not `to_string()`: gloo-net's `Display`
/// would link serde_json's and std::io's error texts (2.5 KB of every entry) for a variant
/// this console never produces.
fn failure(e: gloo_net::Error) -> ApiError {
    network(&match e {
        gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
        gloo_net::Error::GlooError(text) => text,
        _ => "the browser could not complete the request".to_string(),
    })
}

fn network(detail: &str) -> ApiError {
    ApiError::Network {
        detail: detail.to_string(),
    }
}
