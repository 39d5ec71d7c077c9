//! The built console as static files on the same origin, with the headers a real deployment
//! sends (inforouter-deploy is their single source): the Content-Security-Policy, whose
//! `frame-ancestors` and `connect-src` come from the served index.html's metas (read once, at
//! start), `X-Content-Type-Options`, `Referrer-Policy`, and `Cache-Control`: immutable for
//! trunk's content-hashed files, `no-cache` for index.html, every in-app route (answered with
//! index.html) and everything else.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use inforouter_deploy::headers;

pub struct StaticSite {
    dir: PathBuf,
    csp: HeaderValue,
}

impl StaticSite {
    pub fn new(dir: PathBuf) -> anyhow::Result<StaticSite> {
        let index = dir.join("index.html");
        if !index.exists() {
            bail!(
                "no index.html in {}: build the console first",
                dir.display()
            );
        }
        let html = std::fs::read_to_string(&index)
            .with_context(|| format!("cannot read {}", index.display()))?;
        let csp = headers::csp_for_index_html(&html)
            .map_err(|e| anyhow::anyhow!("{}: {e}", index.display()))?;
        Ok(StaticSite {
            dir,
            csp: HeaderValue::from_str(&csp).context("the CSP is not a header value")?,
        })
    }

    /// The files of the site, any other path answered with index.html, with the headers above.
    pub fn service(self) -> Router {
        let index = self.dir.join("index.html");
        // The build writes NAME.br and NAME.gz beside each asset: sent as they are to a
        // browser that accepts them.
        let files = tower_http::services::ServeDir::new(&self.dir)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(
                tower_http::services::ServeFile::new(index)
                    .precompressed_br()
                    .precompressed_gzip(),
            );
        Router::new()
            .fallback_service(files)
            .layer(middleware::from_fn_with_state(Arc::new(self), add_headers))
    }
}

async fn add_headers(
    State(site): State<Arc<StaticSite>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // A hashed-looking name that is not there answers with index.html: never cache that.
    let cache = if headers::is_hashed_asset(&path) && !is_html {
        headers::IMMUTABLE
    } else {
        headers::NO_CACHE
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, site.csp.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static(headers::X_CONTENT_TYPE_OPTIONS),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static(headers::REFERRER_POLICY),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
