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

/// The `'sha256-…'` sources of a page's inline scripts and styles. What the first paint needs
/// (the early script, the style sheet) comes inside index.html, so that the sign-in page shows
/// after one request; the policy allows exactly those by hash, never `'unsafe-inline'`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InlineHashes {
    pub scripts: Vec<String>,
    pub styles: Vec<String>,
}

impl InlineHashes {
    /// Of a built page, as the browser will see it.
    pub fn of_page(html: &str) -> InlineHashes {
        let hashes = |name| {
            crate::html::inline_contents(html, name)
                .into_iter()
                .map(source_hash)
                .collect()
        };
        InlineHashes {
            scripts: hashes("script"),
            styles: hashes("style"),
        }
    }

    /// Of a page before trunk builds it, whose files in `dir`: trunk pastes each
    /// `<link data-trunk rel="inline" href=FILE>` into the page unchanged, as a `<script>`
    /// (`.js`) or a `<style>` (`.css`).
    pub fn of_source_page(html: &str, dir: &std::path::Path) -> Result<InlineHashes, String> {
        let mut hashes = InlineHashes::of_page(html);
        for href in crate::html::trunk_inline_links(html) {
            let path = dir.join(&href);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let list = match href.rsplit_once('.').map(|(_, ext)| ext) {
                Some("js") => &mut hashes.scripts,
                Some("css") => &mut hashes.styles,
                _ => return Err(format!("{href}: only .js and .css files are inlined")),
            };
            list.push(source_hash(&text));
        }
        Ok(hashes)
    }
}

/// The CSP source that allows an inline script or style with exactly this text.
pub fn source_hash(text: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy, for a console built with `settings`:
///
/// - scripts only from files on the console's origin, plus `'wasm-unsafe-eval'` to compile the
///   wasm module, plus the page's own inline scripts by hash; never `'unsafe-inline'` (trunk's
///   inline loader is replaced by `deploy/web/loader.js`, inline and allowed by its hash),
/// - styles from the origin and the page's own by hash; images from the origin (also as
///   `data:` URLs),
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
    let with = |sources: &str, hashes: &[String]| {
        std::iter::once(sources)
            .chain(hashes.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let script = with("'self' 'wasm-unsafe-eval'", &settings.inline.scripts);
    let style = with("'self'", &settings.inline.styles);
    format!(
        "default-src 'self'; script-src {script}; style-src {style}; img-src 'self' data:; connect-src {connect}; frame-ancestors {ancestors}; base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

/// The policy for a built index.html, from its `inforouter:api-base` and
/// `inforouter:embed-origins` metas and its inline scripts and styles (as the emulator serves
/// any build). A missing meta takes the default; an invalid value is an error.
pub fn csp_for_index_html(index_html: &str) -> Result<String, String> {
    let mut settings = Settings {
        inline: InlineHashes::of_page(index_html),
        ..Settings::default()
    };
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
        // The page's own inline script and style sheet, by hash; nothing else inline.
        let page = "<script>var a = 1;</SCRIPT><style>p{}</style><script src=\"/x.js\"></script>\
                    <script type=\"application/json\">{}</script>";
        let csp = csp_for_index_html(page).unwrap();
        let (script, style) = (source_hash("var a = 1;"), source_hash("p{}"));
        assert!(
            csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {script};")),
            "{csp}"
        );
        assert!(csp.contains(&format!("style-src 'self' {style};")), "{csp}");
        assert!(!csp.contains("'unsafe-inline'"), "{csp}");
    }

    #[test]
    fn source_hashes_are_the_browsers() {
        // The example of the CSP specification: `alert('Hello, world.');`.
        assert_eq!(
            source_hash("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
    }

    #[test]
    fn the_repositorys_index_html_inlines_its_early_script_loader_and_style_sheet() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let index = std::fs::read_to_string(root.join("index.html")).unwrap();
        let hashes = InlineHashes::of_source_page(&index, &root).unwrap();
        let file = |p: &str| source_hash(&std::fs::read_to_string(root.join(p)).unwrap());
        assert_eq!(
            hashes.scripts,
            [file("deploy/web/early.js"), file("deploy/web/loader.js")]
        );
        assert_eq!(hashes.styles, [file("style/main.css")]);
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
