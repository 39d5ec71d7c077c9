//! The browser transport: one typed call over fetch, with a timeout. Everything about the
//! protocol itself lives in `inforouter_protocol`.

use gloo_net::http::Request;
use inforouter_protocol::operations::FORM_CONTENT_TYPE;
use inforouter_protocol::{
    ApiError, HttpRequest, Method, Operation, Ticket, build, check_required, decode,
};
use web_sys::AbortController;

use crate::config::Config;

/// Sends `op` once and reads its answer. A call with a required value empty is never sent
/// (newer servers refuse it with a bare HTTP 400): it fails at once with `EmptyRequired`.
/// A thin generic shim: the transport below is one non-generic function for every operation.
pub async fn send<O: Operation>(
    config: &Config,
    op: &O,
    ticket: Option<&Ticket>,
) -> Result<O::Output, ApiError> {
    check_required(op)?;
    let (status, body) =
        exchange(config, build(&config.api_base, op, ticket, config.method)).await?;
    decode::<O>(status, &body)
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
    let builder = match request.method {
        Method::Get => Request::get(&request.url),
        Method::Post => Request::post(&request.url).header("Content-Type", FORM_CONTENT_TYPE),
    }
    .abort_signal(Some(&signal));
    let sent = match request.body {
        Some(body) => {
            builder
                .body(body)
                .map_err(|e| network(&e.to_string()))?
                .send()
                .await
        }
        None => builder.send().await,
    };
    let response = match sent {
        Ok(r) => r,
        Err(_) if signal.aborted() => {
            return Err(ApiError::Timeout {
                seconds: config.timeout_secs,
            });
        }
        Err(e) => return Err(network(&e.to_string())),
    };
    let status = response.status();
    let body = match response.binary().await {
        Ok(b) => b,
        Err(_) if signal.aborted() => {
            return Err(ApiError::Timeout {
                seconds: config.timeout_secs,
            });
        }
        Err(e) => return Err(network(&e.to_string())),
    };
    drop(timer);
    Ok((status, body))
}

fn network(detail: &str) -> ApiError {
    ApiError::Network {
        detail: detail.to_string(),
    }
}
