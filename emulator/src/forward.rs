//! Upstream mode (`--upstream URL`): instead of emulating srv.asmx, forwards every call to a
//! real infoRouter, so the console served here can be tried against it. Method, path after
//! `srv.asmx`, query, body, `Content-Type` and `SOAPAction` go up; the answer's status,
//! `Content-Type` (and `Location`) and body come back as they are. Nothing else is passed on:
//! no cookies, no `Authorization`, no `Origin` or `Referer`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;

/// The largest request body forwarded (srv.asmx calls are small; a bulk CSV is sent row by row).
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A real infoRouter to forward srv.asmx calls to.
pub struct Upstream {
    /// `scheme://host[:port][/path]` without a trailing slash; calls go to `{base}/srv.asmx…`.
    base: String,
    client: reqwest::Client,
}

impl Upstream {
    /// Accepts `http(s)://host[:port][/path]` (e.g. `https://ir.example.com/infoRouter`); a
    /// trailing `/srv.asmx` is taken off. No user name, password, query or fragment.
    pub fn new(url: &str) -> anyhow::Result<Upstream> {
        let parsed = reqwest::Url::parse(url).with_context(|| {
            format!("--upstream {url:?} is not a URL (e.g. https://ir.example.com/infoRouter)")
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            bail!("--upstream {url:?} must be an http or https URL");
        }
        if parsed.host_str().is_none_or(str::is_empty) {
            bail!("--upstream {url:?} names no host");
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            bail!("--upstream {url:?} must not hold a user name or password");
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            bail!("--upstream {url:?} must not have a query or fragment");
        }
        let mut base = parsed.as_str().trim_end_matches('/').to_string();
        if let Some(stripped) = base.strip_suffix("/srv.asmx") {
            base = stripped.to_string();
        }
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(15))
            .timeout(Duration::from_secs(120))
            .build()
            .context("cannot set up the HTTP client")?;
        Ok(Upstream { base, client })
    }

    /// Where calls go, e.g. `https://ir.example.com/infoRouter/srv.asmx`.
    pub fn service_url(&self) -> String {
        format!("{}/srv.asmx", self.base)
    }

    async fn forward(&self, local_service: &str, request: Request) -> Response {
        let (parts, body) = request.into_parts();
        let rest = parts
            .uri
            .path()
            .strip_prefix(local_service)
            .unwrap_or_default();
        let mut target = format!("{}{rest}", self.service_url());
        if let Some(query) = parts.uri.query() {
            target.push('?');
            target.push_str(query);
        }
        let body = match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(b) => b,
            Err(e) => return text(StatusCode::PAYLOAD_TOO_LARGE, format!("request body: {e}")),
        };
        let mut call = self
            .client
            .request(parts.method.clone(), &target)
            .body(body);
        for name in [header::CONTENT_TYPE, HeaderName::from_static("soapaction")] {
            if let Some(value) = parts.headers.get(&name) {
                call = call.header(name, value.clone());
            }
        }
        let answer = match call.send().await {
            Ok(a) => a,
            Err(e) => {
                return text(
                    StatusCode::BAD_GATEWAY,
                    format!("the upstream {} did not answer: {e}", self.service_url()),
                );
            }
        };
        let status = answer.status();
        let mut keep: Vec<(HeaderName, HeaderValue)> = Vec::new();
        for name in [header::CONTENT_TYPE, header::LOCATION] {
            if let Some(value) = answer.headers().get(&name) {
                keep.push((name, value.clone()));
            }
        }
        match answer.bytes().await {
            Ok(bytes) => {
                let mut response = Response::new(Body::from(bytes));
                *response.status_mut() = status;
                response.headers_mut().extend(keep);
                response
            }
            Err(e) => text(
                StatusCode::BAD_GATEWAY,
                format!(
                    "the upstream {} broke off its answer: {e}",
                    self.service_url()
                ),
            ),
        }
    }
}

fn text(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// Routes forwarding `{service}` (SOAP and `?WSDL`) and `{service}/…` (GET and POST calls) to
/// `upstream`; `service` is the local path, e.g. `/srv.asmx`.
pub fn routes<S: Clone + Send + Sync + 'static>(
    service: &str,
    upstream: Arc<Upstream>,
) -> Router<S> {
    let local: Arc<str> = Arc::from(service);
    let handler = move |request: Request| {
        let (upstream, local) = (upstream.clone(), local.clone());
        async move { upstream.forward(&local, request).await }
    };
    Router::new()
        .route(service, any(handler.clone()))
        .route(&format!("{service}/{{*rest}}"), any(handler))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_urls() {
        for (url, base) in [
            (
                "https://ir.example.com/infoRouter",
                "https://ir.example.com/infoRouter",
            ),
            (
                "https://ir.example.com/infoRouter/",
                "https://ir.example.com/infoRouter",
            ),
            (
                "http://127.0.0.1:8081/infoRouter/srv.asmx",
                "http://127.0.0.1:8081/infoRouter",
            ),
            ("http://127.0.0.1:8081", "http://127.0.0.1:8081"),
        ] {
            assert_eq!(Upstream::new(url).unwrap().base, base, "{url}");
        }
        for (bad, why) in [
            ("ir.example.com/infoRouter", "not a URL"),
            ("ftp://ir.example.com/", "http or https"),
            ("https://user:pw@ir.example.com/", "user name"),
            ("https://ir.example.com/?x=1", "query"),
            ("file:///etc/passwd", "http or https"),
        ] {
            let err = Upstream::new(bad).err().expect(bad).to_string();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
