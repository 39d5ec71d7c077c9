//! The response headers every deployment sends with the console: the Content-Security-Policy
//! (the single source of truth for the emulator, web.config and the nginx conf), the other
//! security headers, and the caching rule.

use crate::options::{EmbedOrigin, Settings};

/// `X-Content-Type-Options`: a file is only ever run or styled as its declared type.
pub const X_CONTENT_TYPE_OPTIONS: &str = "nosniff";

/// `Referrer-Policy`: the console's calls need no `Referer`, and its URLs name users
/// (`/users/jdoe`), so none is sent, not even to srv.asmx.
pub const REFERRER_POLICY: &str = "no-referrer";

/// `Cache-Control` of index.html, in-app routes (answered with index.html) and every other
/// file that keeps its name across builds: revalidate each time, so a new build is seen.
pub const NO_CACHE: &str = "no-cache";

/// `Cache-Control` of trunk's content-hashed files: a new build has new names.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The policy, for a console built with `settings`:
///
/// - scripts only from files on the console's origin, plus `'wasm-unsafe-eval'` to compile the
///   wasm module; never `'unsafe-inline'` (trunk's inline loader is replaced by
///   `deploy/web/loader.js`),
/// - styles and images from the origin (images also as `data:` URLs),
/// - calls to the origin, plus srv.asmx's origin when `api-base` is an absolute URL,
/// - embedding (`frame-ancestors`) by the embed origins only: `'none'` when there are none,
/// - no `<base>`, form posts or plugins elsewhere.
pub fn content_security_policy(settings: &Settings) -> String {
    let mut connect = "'self'".to_string();
    if let Some(origin) = settings.api_base.origin() {
        connect.push(' ');
        connect.push_str(origin);
    }
    let ancestors = if settings.embed_origins.is_empty() {
        "'none'".to_string()
    } else {
        settings
            .embed_origins
            .iter()
            .map(|o| match o {
                EmbedOrigin::SelfOrigin => "'self'",
                EmbedOrigin::Origin(o) => o.as_str(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src {connect}; frame-ancestors {ancestors}; base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

/// The policy for a built index.html, from its `inforouter:api-base` and
/// `inforouter:embed-origins` metas (as the emulator serves any build). A missing meta takes
/// the default; an invalid value is an error.
pub fn csp_for_index_html(index_html: &str) -> Result<String, String> {
    let mut settings = Settings::default();
    if let Some(api) = crate::html::meta(index_html, "inforouter:api-base") {
        settings.api_base = crate::options::validate_api_base(&api)?;
    }
    if let Some(origins) = crate::html::meta(index_html, "inforouter:embed-origins") {
        settings.embed_origins = crate::options::validate_embed_origins(&origins)?;
    }
    Ok(content_security_policy(&settings))
}

/// Every security header, as (name, value).
pub fn security_headers(settings: &Settings) -> [(&'static str, String); 3] {
    [
        ("Content-Security-Policy", content_security_policy(settings)),
        ("X-Content-Type-Options", X_CONTENT_TYPE_OPTIONS.into()),
        ("Referrer-Policy", REFERRER_POLICY.into()),
    ]
}

/// The regular expression (PCRE and .NET alike) of trunk's content-hashed file names:
/// `name-<seahash hex>.js|.css`, `name-<hex>_bg.wasm`.
pub const HASHED_ASSET_REGEX: &str = r"-[0-9a-f]{8,16}(_bg)?\.(js|css|wasm)$";

/// Whether a URL path names one of trunk's content-hashed files (what [`HASHED_ASSET_REGEX`]
/// matches).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "css" | "wasm") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    (8..=16).contains(&hash.len()) && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// `Cache-Control` for a URL path of the console.
pub fn cache_control(path: &str) -> &'static str {
    if is_hashed_asset(path) {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{ApiBase, validate_api_base};

    #[test]
    fn default_policy() {
        assert_eq!(
            content_security_policy(&Settings::default()),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
        );
    }

    #[test]
    fn connect_src_and_frame_ancestors_follow_the_settings() {
        let s = Settings {
            api_base: validate_api_base("https://ir.example.com/infoRouter/srv.asmx").unwrap(),
            embed_origins: vec![
                EmbedOrigin::SelfOrigin,
                EmbedOrigin::Origin("https://portal.example.com".into()),
            ],
            ..Settings::default()
        };
        let csp = content_security_policy(&s);
        assert!(
            csp.contains("connect-src 'self' https://ir.example.com;"),
            "{csp}"
        );
        assert!(
            csp.contains("frame-ancestors 'self' https://portal.example.com;"),
            "{csp}"
        );
        let none = Settings {
            embed_origins: vec![],
            ..Settings::default()
        };
        assert!(content_security_policy(&none).contains("frame-ancestors 'none';"));
    }

    #[test]
    fn script_src_never_allows_inline_code() {
        let url = validate_api_base("https://ir.example.com/srv.asmx").unwrap();
        for (origins, api_base) in [
            (vec![], ApiBase::Path("/srv.asmx".into())),
            (vec![EmbedOrigin::SelfOrigin], url),
        ] {
            let s = Settings {
                embed_origins: origins,
                api_base,
                ..Settings::default()
            };
            let csp = content_security_policy(&s);
            let script = csp
                .split(';')
                .find(|d| d.trim().starts_with("script-src"))
                .unwrap();
            let sources: Vec<&str> = script.split_whitespace().skip(1).collect();
            assert_eq!(sources, ["'self'", "'wasm-unsafe-eval'"], "{script}");
            assert!(!csp.contains("'unsafe-inline'"), "{csp}");
        }
    }

    #[test]
    fn policy_from_a_built_page() {
        let page = r#"<meta name="inforouter:api-base" content="https://ir.example.com:8443/srv.asmx">
<meta name="inforouter:embed-origins" content="https://portal.example.com">"#;
        let csp = csp_for_index_html(page).unwrap();
        assert!(
            csp.contains("connect-src 'self' https://ir.example.com:8443;"),
            "{csp}"
        );
        assert!(
            csp.contains("frame-ancestors https://portal.example.com;"),
            "{csp}"
        );
        assert_eq!(
            csp_for_index_html("<html></html>").unwrap(),
            content_security_policy(&Settings::default())
        );
        assert!(
            csp_for_index_html(r#"<meta name="inforouter:embed-origins" content="*">"#).is_err()
        );
    }

    #[test]
    fn hashed_assets() {
        for hashed in [
            "/inforouter-console-7a8c3b2e1f0d9c4b.js",
            "/infoRouter/accounts/inforouter-console-7a8c3b2e1f0d9c4b_bg.wasm",
            "main-0123456789abcdef.css",
            "loader-a1b2c3d4e5f6.js",
        ] {
            assert!(is_hashed_asset(hashed), "{hashed}");
            assert_eq!(cache_control(hashed), IMMUTABLE);
        }
        for plain in [
            "/",
            "/index.html",
            "/users/jdoe",
            "/portal-example.js",
            "/portal-example.html",
            "/main.css",
            "/x-0123456789abcdeg.js",
            "/x-ABCDEF0123456789.js",
            "/x-0123456789abcdef.html",
        ] {
            assert!(!is_hashed_asset(plain), "{plain}");
            assert_eq!(cache_control(plain), NO_CACHE);
        }
    }
}
