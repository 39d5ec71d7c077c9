//! The console as production runs it: packaged for `/infoRouter/accounts/` by scripts/package,
//! served by nginx from deploy/nginx/inforouter-accounts.conf, with `/infoRouter/srv.asmx`
//! reverse-proxied to the emulator. Every test fails on a CSP violation or console error
//! (`run`).

use console_e2e::*;

/// A raw GET through nginx: the status line and headers (lower-cased names), and the body.
async fn get(h: &Harness, path: &str) -> anyhow::Result<(String, String)> {
    get_with(h, path, "").await
}

/// As [`get`], with extra request header lines (each ending in CRLF).
async fn get_with(h: &Harness, path: &str, extra: &str) -> anyhow::Result<(String, String)> {
    let origin = h.origin();
    let addr: std::net::SocketAddr = origin.trim_start_matches("http://").parse()?;
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let head = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Connection: close\r\n\r\n");
    write_all(&mut stream, head.as_bytes()).await?;
    let raw = String::from_utf8_lossy(&read_all(&mut stream).await?).to_string();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    Ok((head.to_ascii_lowercase(), body.to_string()))
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .map(str::trim)
}

#[tokio::test]
async fn an_admin_signs_in_edits_and_reloads_deep_links_under_the_sub_path() -> anyhow::Result<()> {
    run(Harness::start_behind_nginx().await?, async |h| {
        h.sign_in(ADMIN).await?;
        // In-app navigation stays below the base path.
        h.click("nav.main-nav a[href$='/users']").await?;
        h.wait_text("#users-total", "Showing").await?;
        let url = h.client().current_url().await?;
        assert_eq!(url.path(), "/infoRouter/accounts/users", "{url}");
        h.fill("#filter-user", "jdoe").await?;
        h.click("#filter-apply").await?;
        h.wait_text("#users-total", "of 1 user").await?;
        h.click("#users-table a[href$='/users/jdoe']").await?;
        h.wait_text("#fact-user-name", "jdoe").await?;
        let url = h.client().current_url().await?;
        assert_eq!(url.path(), "/infoRouter/accounts/users/jdoe", "{url}");

        // An edit goes through nginx to the service.
        h.fill("#email-new", "john.doe@behind-nginx.example")
            .await?;
        h.click("#email-save").await?;
        h.wait_text("#email-status", "saved").await?;
        let log = h.request_log().await?;
        let saves = calls(&log, "UpdateUserEmail");
        assert_eq!(saves.len(), 1, "{log:?}");
        assert_eq!(param(saves[0], "UserName"), Some("jdoe"));
        assert_eq!(
            saves[0]["url"].as_str().unwrap_or_default(),
            "/infoRouter/srv.asmx/UpdateUserEmail",
            "the api-base the package was built with"
        );

        // Reloading a deep link serves the console (nginx falls back to index.html).
        h.client().refresh().await?;
        h.wait_text("#fact-email", "john.doe@behind-nginx.example")
            .await?;
        h.goto("/bulk").await?;
        h.find("#bulk-template").await?;
        h.client().refresh().await?;
        h.find("#bulk-template").await?;
        // "My profile" leads to the console's root below the prefix, not the site's.
        h.click("nav.main-nav a:first-child").await?;
        h.find("#sign-out").await?;
        let url = h.client().current_url().await?;
        assert!(
            url.path().trim_end_matches('/') == "/infoRouter/accounts",
            "{url}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn embed_views_and_the_portal_example_work_under_the_sub_path() -> anyhow::Result<()> {
    run(Harness::start_behind_nginx().await?, async |h| {
        let answer = http::post_form(
            h.origin().trim_start_matches("http://").parse()?,
            "/infoRouter/srv.asmx/AuthenticateUser",
            "UID=jdoe&PWD=Secret123%21",
        )
        .await?;
        let start = answer
            .find("ticket=\"")
            .ok_or_else(|| anyhow::anyhow!("no ticket in {answer}"))?
            + 8;
        let ticket = &answer[start..start + 36];
        h.goto(&format!("/embed/email#ticket={ticket}")).await?;
        h.find("#email-new").await?;
        assert!(
            h.client()
                .find(fantoccini::Locator::Css("header.app-header"))
                .await
                .is_err(),
            "an embed view has no console chrome"
        );

        h.goto("/portal-example.html").await?;
        h.click("#login button[type=submit]").await?;
        h.wait_text("#login-status", "Signed in as John Doe")
            .await?;
        h.wait_text("#events", "inforouter:ready").await?;
        let frame = h.find("#frame-preferences").await?;
        frame.enter_frame().await?;
        h.find("#prefs-save").await?;
        h.client().enter_parent_frame().await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn nginx_sends_the_security_and_cache_headers() -> anyhow::Result<()> {
    run(Harness::start_behind_nginx().await?, async |h| {
        for path in [
            "/infoRouter/accounts/",
            "/infoRouter/accounts/users/jdoe",
            "/infoRouter/accounts/index.html",
        ] {
            let (head, body) = get(h, path).await?;
            assert!(head.starts_with("http/1.1 200"), "{path}: {head}");
            assert!(
                body.contains("inforouter:base-path"),
                "{path}: not the console's page"
            );
            let csp = header(&head, "content-security-policy").unwrap_or_default();
            assert!(
                csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
                "{path}: {csp}"
            );
            assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
            assert!(csp.contains("frame-ancestors"), "{path}: {csp}");
            assert_eq!(header(&head, "x-content-type-options"), Some("nosniff"));
            assert!(header(&head, "referrer-policy").is_some(), "{head}");
            assert!(
                header(&head, "cache-control")
                    .unwrap_or_default()
                    .contains("no-cache"),
                "{path}: index.html must not be cached: {head}"
            );
        }
        // The hashed wasm: the right type, cached for good.
        let (_, index) = get(h, "/infoRouter/accounts/").await?;
        let wasm = index
            .split('"')
            .find(|s| s.ends_with(".wasm"))
            .ok_or_else(|| anyhow::anyhow!("no .wasm in index.html: {index}"))?
            .to_string();
        assert!(wasm.starts_with("/infoRouter/accounts/"), "{wasm}");
        let (head, _) = get(h, &wasm).await?;
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert_eq!(header(&head, "content-type"), Some("application/wasm"));
        let cache = header(&head, "cache-control").unwrap_or_default();
        assert!(
            cache.contains("immutable") && cache.contains("max-age=31536000"),
            "{head}"
        );
        assert_eq!(
            header(&head, "content-encoding"),
            None,
            "asked for no encoding"
        );
        // The package's precompressed copy, to a browser that accepts gzip, same type and caching.
        let (head, _) = get_with(h, &wasm, "Accept-Encoding: gzip\r\n").await?;
        assert_eq!(header(&head, "content-encoding"), Some("gzip"), "{head}");
        assert_eq!(header(&head, "content-type"), Some("application/wasm"));
        assert!(
            header(&head, "cache-control")
                .unwrap_or_default()
                .contains("immutable")
        );
        let gz_len: usize = header(&head, "content-length").unwrap_or("0").parse()?;
        let package = std::env::var("E2E_PACKAGE_DIR")?;
        let file = wasm.rsplit('/').next().unwrap_or_default();
        assert_eq!(
            gz_len as u64,
            std::fs::metadata(std::path::Path::new(&package).join(format!("{file}.gz")))?.len(),
            "the .gz written by scripts/package"
        );
        Ok(())
    })
    .await
}
