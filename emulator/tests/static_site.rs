//! The built console as static files: the deployment's security headers (the CSP from
//! inforouter-deploy, its frame-ancestors from the served index.html) and caching.

mod common;

use common::*;
use inforouter_deploy::headers;

fn site(embed_origins: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "inforouter-emulator-site-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("index.html"),
        format!(
            r#"<!DOCTYPE html><html><head><meta name="inforouter:embed-origins" content="{embed_origins}"></head><body></body></html>"#
        ),
    )
    .unwrap();
    std::fs::write(dir.join("app-0123456789abcdef.js"), "export {};".repeat(40)).unwrap();
    std::fs::write(dir.join("app-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("portal-example.js"), "// portal").unwrap();
    dir
}

async fn get(url: String) -> (u16, reqwest::header::HeaderMap, String) {
    let resp = client().get(url).send().await.unwrap();
    let status = resp.status().as_u16();
    let h = resp.headers().clone();
    (status, h, resp.text().await.unwrap())
}

#[tokio::test]
async fn static_files_carry_the_deployment_headers() {
    let dir = site("self https://portal.example.com");
    let r = emulator(|c| c.static_dir = Some(dir.clone())).await;
    let csp =
        headers::csp_for_index_html(&std::fs::read_to_string(dir.join("index.html")).unwrap())
            .unwrap();
    assert!(
        csp.contains("frame-ancestors 'self' https://portal.example.com;"),
        "{csp}"
    );
    for (path, cache, html) in [
        ("/", "no-cache", true),
        ("/index.html", "no-cache", true),
        ("/users/jdoe", "no-cache", true),
        ("/embed/email", "no-cache", true),
        // A hashed-looking name that is not there answers with index.html, uncached.
        ("/gone-fedcba9876543210.js", "no-cache", true),
        ("/portal-example.js", "no-cache", false),
        ("/app-0123456789abcdef.js", headers::IMMUTABLE, false),
        ("/app-0123456789abcdef_bg.wasm", headers::IMMUTABLE, false),
    ] {
        let (status, h, body) = get(format!("{}{path}", r.url())).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            h["content-security-policy"].to_str().unwrap(),
            csp,
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], headers::REFERRER_POLICY, "{path}");
        assert_eq!(h["cache-control"].to_str().unwrap(), cache, "{path}");
        assert_eq!(body.contains("inforouter:embed-origins"), html, "{path}");
    }
    // srv.asmx answers are not the site's: no site headers there.
    let login = call(
        &r,
        Via::Post,
        "AuthenticateUser",
        &[("UID", "jdoe"), ("PWD", "Secret123!")],
    )
    .await;
    assert_eq!(login.status, 200);
    r.shutdown().await;
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn no_embed_origins_means_no_framing() {
    let dir = site("");
    let r = emulator(|c| c.static_dir = Some(dir.clone())).await;
    let (_, h, _) = get(format!("{}/", r.url())).await;
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none';")
    );
    r.shutdown().await;
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn an_invalid_embed_origin_in_index_html_is_refused_at_start() {
    let dir = site("*");
    let config = inforouter_emulator::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        static_dir: Some(dir.clone()),
        ..Default::default()
    };
    let err = inforouter_emulator::start(config)
        .await
        .err()
        .expect("refused");
    assert!(err.to_string().contains("embed-origins"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// What a browser accepting `encoding` gets for `path`: its Content-Encoding and the bytes.
async fn get_encoded(url: String, encoding: &str) -> (Option<String>, Vec<u8>, String) {
    let resp = client()
        .get(url)
        .header("accept-encoding", encoding)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let h = resp.headers().clone();
    let got = |name: &str| h.get(name).map(|v| v.to_str().unwrap().to_string());
    let (enc, ty) = (
        got("content-encoding"),
        got("content-type").unwrap_or_default(),
    );
    (enc, resp.bytes().await.unwrap().to_vec(), ty)
}

#[tokio::test]
async fn the_precompressed_copies_go_to_browsers_that_accept_them() {
    let dir = site("self");
    inforouter_deploy::compress::precompress(&dir).unwrap();
    let r = emulator(|c| c.static_dir = Some(dir.clone())).await;
    for (path, file) in [
        (
            "/app-0123456789abcdef_bg.wasm",
            "app-0123456789abcdef_bg.wasm",
        ),
        ("/app-0123456789abcdef.js", "app-0123456789abcdef.js"),
    ] {
        let url = format!("{}{path}", r.url());
        let (enc, body, ty) = get_encoded(url.clone(), "gzip, deflate, br").await;
        assert_eq!(enc.as_deref(), Some("br"), "{path}");
        assert_eq!(
            body,
            std::fs::read(dir.join(format!("{file}.br"))).unwrap(),
            "{path}"
        );
        assert!(
            !ty.is_empty() && !ty.contains("brotli"),
            "the file's own type: {ty}"
        );
        let (enc, body, _) = get_encoded(url.clone(), "gzip").await;
        assert_eq!(enc.as_deref(), Some("gzip"), "{path}");
        assert_eq!(
            body,
            std::fs::read(dir.join(format!("{file}.gz"))).unwrap(),
            "{path}"
        );
        let (enc, body, _) = get_encoded(url, "identity").await;
        assert_eq!(enc, None, "{path}");
        assert_eq!(body, std::fs::read(dir.join(file)).unwrap(), "{path}");
    }
    let (_, _, ty) = get_encoded(format!("{}/app-0123456789abcdef_bg.wasm", r.url()), "br").await;
    assert_eq!(ty, "application/wasm");
    // The page has no compressed copy (it may be edited on the server): sent as it is.
    for path in ["/index.html", "/users/jdoe"] {
        let (enc, body, _) = get_encoded(format!("{}{path}", r.url()), "br, gzip").await;
        assert_eq!(enc, None, "{path}");
        assert_eq!(
            body,
            std::fs::read(dir.join("index.html")).unwrap(),
            "{path}"
        );
    }
}
