//! The packaging options: parsed from the command line and validated before anything is built,
//! each refusal naming the option, the value and what is expected.

use std::path::PathBuf;

/// How the console calls srv.asmx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// POST, or SOAP where the server has GET and POST switched off (found at sign-in).
    Auto,
    Post,
    Get,
    Soap,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Auto => "auto",
            Method::Post => "POST",
            Method::Get => "GET",
            Method::Soap => "SOAP",
        }
    }
}

/// Where srv.asmx is, as the console will call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiBase {
    /// An absolute path on the console's own origin, e.g. `/infoRouter/srv.asmx`.
    Path(String),
    /// An http(s) URL; `origin` is its `scheme://host[:port]`, allowed in `connect-src`.
    Url { url: String, origin: String },
}

impl ApiBase {
    pub fn as_str(&self) -> &str {
        match self {
            ApiBase::Path(p) => p,
            ApiBase::Url { url, .. } => url,
        }
    }
    /// The origin to add to `connect-src`, when srv.asmx is named by an absolute URL.
    pub fn origin(&self) -> Option<&str> {
        match self {
            ApiBase::Path(_) => None,
            ApiBase::Url { origin, .. } => Some(origin),
        }
    }
    /// The path part: what a reverse proxy in front of the console must forward.
    pub fn path(&self) -> &str {
        match self {
            ApiBase::Path(p) => p,
            ApiBase::Url { url, origin } => {
                let rest = &url[origin.len()..];
                if rest.is_empty() { "/" } else { rest }
            }
        }
    }
}

/// An origin allowed to embed the console's views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbedOrigin {
    /// The console's own origin.
    SelfOrigin,
    /// `scheme://host[:port]`.
    Origin(String),
}

/// Every setting a package is built with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub base_path: String,
    pub api_base: ApiBase,
    pub method: Method,
    pub timeout_seconds: u32,
    pub embed_origins: Vec<EmbedOrigin>,
    /// The inline scripts and styles of the page served, which the policy allows by hash.
    pub inline: crate::headers::InlineHashes,
}

impl Default for Settings {
    /// What `index.html` ships with: the console at `/`, srv.asmx at `/srv.asmx`, POST, 30 s,
    /// embeddable by its own origin only.
    fn default() -> Self {
        Settings {
            base_path: "/".into(),
            api_base: ApiBase::Path("/srv.asmx".into()),
            method: Method::Auto,
            timeout_seconds: 30,
            embed_origins: vec![EmbedOrigin::SelfOrigin],
            inline: Default::default(),
        }
    }
}

impl Settings {
    /// The layout of a console next to infoRouter on IIS, which the committed nginx example
    /// serves: the console at `/infoRouter/accounts/`, srv.asmx at `/infoRouter/srv.asmx`.
    pub fn inforouter_layout() -> Self {
        Settings {
            base_path: "/infoRouter/accounts/".into(),
            api_base: ApiBase::Path("/infoRouter/srv.asmx".into()),
            ..Settings::default()
        }
    }

    /// The embed origins as the `inforouter:embed-origins` meta writes them.
    pub fn embed_origins_meta(&self) -> String {
        self.embed_origins
            .iter()
            .map(|o| match o {
                EmbedOrigin::SelfOrigin => "self",
                EmbedOrigin::Origin(o) => o.as_str(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// `package`'s options: the settings plus where to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageOptions {
    pub settings: Settings,
    pub out: PathBuf,
    pub zip: bool,
    /// Only validate the options (scripts/package does so before installing anything).
    pub check_only: bool,
}

pub const PACKAGE_USAGE: &str = "\
Usage: scripts/package --out DIR [options]

Builds the console (release) for a path on your server and writes it to DIR, ready to copy.
Every value is checked before the console is built.

Options:
  --out DIR                where to write the build (created; must be empty or absent)
  --base-path PATH         the URL path the console is served under, starting and ending
                           with '/' (default: /), e.g. /infoRouter/accounts/
  --api-base PATH|URL      where srv.asmx is: an absolute path on the same origin
                           (default: /srv.asmx), e.g. /infoRouter/srv.asmx, or an http(s) URL
  --method auto|POST|GET|SOAP
                           how srv.asmx is called (default: auto, which is POST, or SOAP
                           where the server has GET and POST switched off)
  --timeout-seconds N      how long a call may take, 1 to 3600 (default: 30)
  --embed-origins \"...\"    space-separated origins allowed to embed views, each 'self' or
                           scheme://host[:port] (default: self; \"\" allows none)
  --zip                    also write DIR.zip, a zip of DIR's contents (the files at its top)
  -h, --help               this help

DIR also receives web.config (IIS: wasm MIME type, route fallback, caching, security
headers) and DIR.nginx.conf is written next to DIR (the same rules for nginx).
";

/// Parses `package`'s arguments (without the program and subcommand names).
/// `Ok(None)` means help was asked for.
pub fn parse_package_args(args: &[String]) -> Result<Option<PackageOptions>, String> {
    let mut settings = Settings::default();
    let mut out = None;
    let mut zip = false;
    let mut check_only = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match &inline {
                Some(v) => Ok(v.clone()),
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match name {
            "-h" | "--help" => return Ok(None),
            "--zip" => zip = true,
            "--check-only" => check_only = true,
            "--out" => {
                let v = value(name)?;
                if v.trim().is_empty() {
                    return Err("--out needs a directory".into());
                }
                out = Some(PathBuf::from(v));
            }
            "--base-path" => settings.base_path = validate_base_path(&value(name)?)?,
            "--api-base" => settings.api_base = validate_api_base(&value(name)?)?,
            "--method" => settings.method = validate_method(&value(name)?)?,
            "--timeout-seconds" => settings.timeout_seconds = validate_timeout(&value(name)?)?,
            "--embed-origins" => settings.embed_origins = validate_embed_origins(&value(name)?)?,
            other => return Err(format!("unknown option {other:?} (see --help)")),
        }
    }
    let out = out.ok_or("--out DIR is required: where to write the build")?;
    Ok(Some(PackageOptions {
        settings,
        out,
        zip,
        check_only,
    }))
}

fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~/".contains(c)
}

/// A URL path the console is served under: `/`, or `/a/b/` with plain segments.
pub fn validate_base_path(v: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("--base-path {v:?} is refused: {why}"));
    if !v.starts_with('/') {
        return bad("it must start with '/' (an absolute path such as /infoRouter/accounts/)");
    }
    if !v.ends_with('/') {
        return bad("it must end with '/' (the console is a folder, e.g. /infoRouter/accounts/)");
    }
    check_segments(v, "--base-path")?;
    Ok(v.to_string())
}

/// Segments of plain characters only: no empty, `.` or `..` segment, no query, fragment,
/// space, backslash, percent or other character a web server might read differently.
fn check_segments(path: &str, option: &str) -> Result<(), String> {
    if let Some(c) = path.chars().find(|c| !is_path_char(*c)) {
        let what = match c {
            '?' => "a query ('?')".to_string(),
            '#' => "a fragment ('#')".to_string(),
            ' ' => "a space".to_string(),
            '\\' => "a backslash".to_string(),
            c => format!("the character {c:?}"),
        };
        return Err(format!(
            "{option} {path:?} is refused: it contains {what}; use letters, digits and - . _ ~ between slashes"
        ));
    }
    let inner = path.trim_start_matches('/').trim_end_matches('/');
    if path.len() > 1 && (path.contains("//") || inner.is_empty()) {
        return Err(format!(
            "{option} {path:?} is refused: it has an empty segment ('//')"
        ));
    }
    if !inner.is_empty() && inner.split('/').any(|s| s == "." || s == "..") {
        return Err(format!(
            "{option} {path:?} is refused: it has a '.' or '..' segment"
        ));
    }
    Ok(())
}

/// A same-origin absolute path (`/infoRouter/srv.asmx`) or an http(s) URL.
pub fn validate_api_base(v: &str) -> Result<ApiBase, String> {
    if v.starts_with('/') && !v.starts_with("//") {
        if v.len() > 1 && v.ends_with('/') {
            return Err(format!(
                "--api-base {v:?} is refused: name srv.asmx itself, without a trailing '/' (e.g. /infoRouter/srv.asmx)"
            ));
        }
        check_segments(v, "--api-base")?;
        return Ok(ApiBase::Path(v.to_string()));
    }
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let scheme_end = v.find("://").unwrap() + 3;
        let rest = &v[scheme_end..];
        let host_end = rest.find('/').unwrap_or(rest.len());
        let origin = lower[..scheme_end + host_end].to_string();
        validate_origin(&origin).map_err(|why| format!("--api-base {v:?} is refused: {why}"))?;
        let path = &rest[host_end..];
        if !path.is_empty() {
            check_segments(path, "--api-base")?;
            if path.len() > 1 && path.ends_with('/') {
                return Err(format!(
                    "--api-base {v:?} is refused: name srv.asmx itself, without a trailing '/'"
                ));
            }
        }
        return Ok(ApiBase::Url {
            url: format!("{origin}{path}"),
            origin,
        });
    }
    Err(format!(
        "--api-base {v:?} is refused: use an absolute path on the console's origin (e.g. /infoRouter/srv.asmx) or an http(s) URL (e.g. https://ir.example.com/infoRouter/srv.asmx)"
    ))
}

pub fn validate_method(v: &str) -> Result<Method, String> {
    match v.to_ascii_uppercase().as_str() {
        "AUTO" => Ok(Method::Auto),
        "POST" => Ok(Method::Post),
        "GET" => Ok(Method::Get),
        "SOAP" => Ok(Method::Soap),
        _ => Err(format!(
            "--method {v:?} is refused: use auto (recommended: POST, or SOAP where the server \
             has GET and POST off), POST, GET or SOAP"
        )),
    }
}

pub fn validate_timeout(v: &str) -> Result<u32, String> {
    match v.parse::<i64>() {
        Ok(n) if (1..=3600).contains(&n) => Ok(n as u32),
        Ok(_) => Err(format!(
            "--timeout-seconds {v:?} is refused: it must be between 1 and 3600 seconds"
        )),
        Err(_) => Err(format!(
            "--timeout-seconds {v:?} is refused: it must be a whole number of seconds, e.g. 30"
        )),
    }
}

/// Space-separated `self` or `scheme://host[:port]` origins; empty allows none.
pub fn validate_embed_origins(v: &str) -> Result<Vec<EmbedOrigin>, String> {
    let mut out = Vec::new();
    for item in v.split_ascii_whitespace() {
        let origin = if item == "self" || item == "'self'" {
            EmbedOrigin::SelfOrigin
        } else {
            validate_origin(item).map_err(|why| {
                format!("--embed-origins: {item:?} is refused: {why} (or use 'self')")
            })?;
            EmbedOrigin::Origin(item.to_ascii_lowercase())
        };
        if !out.contains(&origin) {
            out.push(origin);
        }
    }
    Ok(out)
}

/// `http(s)://host[:port]`: a DNS name, IPv4 or bracketed IPv6 address, no path, user or
/// wildcard.
pub fn validate_origin(v: &str) -> Result<(), String> {
    let lower = v.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else {
        return Err("an origin is scheme://host[:port] with scheme http or https".into());
    };
    if rest.is_empty() {
        return Err("it names no host".into());
    }
    if rest.contains('/') || rest.contains('?') || rest.contains('#') {
        return Err("an origin has no path, query or fragment (not even a trailing '/')".into());
    }
    if rest.contains('@') {
        return Err("an origin has no user name or password".into());
    }
    let (host, port) = if let Some(after) = rest.strip_prefix('[') {
        let end = after
            .find(']')
            .ok_or("an IPv6 address needs a closing ']'")?;
        let addr = &after[..end];
        if addr.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(format!("{addr:?} is not an IPv6 address"));
        }
        let tail = &after[end + 1..];
        let port = match tail.strip_prefix(':') {
            Some(p) => Some(p),
            None if tail.is_empty() => None,
            None => return Err("unexpected characters after the IPv6 address".into()),
        };
        (None, port)
    } else {
        match rest.rsplit_once(':') {
            Some((h, p)) => (Some(h), Some(p)),
            None => (Some(rest), None),
        }
    };
    if let Some(host) = host {
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
            return Err(format!("{host:?} is not a host name"));
        }
    }
    if let Some(port) = port {
        match port.parse::<u32>() {
            Ok(p) if (1..=65535).contains(&p) && !port.starts_with('+') => {}
            _ => return Err(format!("{port:?} is not a port (1 to 65535)")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_and_full_parse() {
        let o = parse_package_args(&args(&["--out", "/tmp/x"]))
            .unwrap()
            .unwrap();
        assert_eq!(o.settings, Settings::default());
        assert!(!o.zip);
        let o = parse_package_args(&args(&[
            "--base-path",
            "/infoRouter/accounts/",
            "--api-base=/infoRouter/srv.asmx",
            "--method",
            "get",
            "--timeout-seconds",
            "45",
            "--embed-origins",
            "self https://portal.example.com http://[::1]:8080",
            "--zip",
            "--out",
            "pkg",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(o.settings.base_path, "/infoRouter/accounts/");
        assert_eq!(o.settings.api_base.as_str(), "/infoRouter/srv.asmx");
        assert_eq!(o.settings.method, Method::Get);
        assert_eq!(o.settings.timeout_seconds, 45);
        assert_eq!(
            o.settings.embed_origins_meta(),
            "self https://portal.example.com http://[::1]:8080"
        );
        assert!(o.zip);
        assert_eq!(parse_package_args(&args(&["--help"])).unwrap(), None);
    }

    #[test]
    fn out_is_required_and_unknown_options_are_refused() {
        assert!(parse_package_args(&[]).unwrap_err().contains("--out"));
        assert!(
            parse_package_args(&args(&["--out", "x", "--bogus"]))
                .unwrap_err()
                .contains("--bogus")
        );
        assert!(
            parse_package_args(&args(&["--out", "x", "--method"]))
                .unwrap_err()
                .contains("needs a value")
        );
    }

    #[test]
    fn base_paths() {
        for ok in ["/", "/infoRouter/accounts/", "/a-b_c.d~e/x/"] {
            assert_eq!(validate_base_path(ok).unwrap(), ok);
        }
        for (bad, why) in [
            ("infoRouter/accounts/", "start with '/'"),
            ("/infoRouter/accounts", "end with '/'"),
            ("/a/../b/", "'..'"),
            ("/a/./b/", "'.'"),
            ("/a?x=1/", "query"),
            ("/a#b/", "fragment"),
            ("/my accounts/", "space"),
            ("/a\\b/", "backslash"),
            ("/a%20b/", "'%'"),
            ("//", "empty segment"),
            ("/a//b/", "empty segment"),
            ("", "start with '/'"),
        ] {
            let err = validate_base_path(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
            assert!(err.contains("--base-path"), "{err}");
        }
    }

    #[test]
    fn api_bases() {
        assert_eq!(
            validate_api_base("/infoRouter/srv.asmx").unwrap(),
            ApiBase::Path("/infoRouter/srv.asmx".into())
        );
        let url = validate_api_base("HTTPS://ir.example.com:8443/infoRouter/srv.asmx").unwrap();
        assert_eq!(url.origin(), Some("https://ir.example.com:8443"));
        assert_eq!(url.path(), "/infoRouter/srv.asmx");
        for (bad, why) in [
            ("srv.asmx", "absolute path"),
            ("//evil.example.com/srv.asmx", "absolute path"),
            ("ftp://ir.example.com/srv.asmx", "absolute path"),
            ("javascript:alert(1)", "absolute path"),
            ("/infoRouter/srv.asmx?x", "query"),
            ("/infoRouter/../srv.asmx", "'..'"),
            ("/infoRouter/srv.asmx/", "trailing"),
            ("https://user@ir.example.com/srv.asmx", "user"),
            ("https:///srv.asmx", "no host"),
            ("https://ir.example.com:0/srv.asmx", "port"),
        ] {
            let err = validate_api_base(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn methods_and_timeouts() {
        assert_eq!(validate_method("POST").unwrap(), Method::Post);
        assert_eq!(validate_method("soap").unwrap(), Method::Soap);
        assert_eq!(validate_method("Auto").unwrap(), Method::Auto);
        assert!(validate_method("PUT").unwrap_err().contains("POST"));
        assert_eq!(validate_timeout("1").unwrap(), 1);
        assert_eq!(validate_timeout("3600").unwrap(), 3600);
        for bad in ["0", "-5", "3601"] {
            assert!(
                validate_timeout(bad).unwrap_err().contains("between"),
                "{bad}"
            );
        }
        for bad in ["", "abc", "1.5", "30s"] {
            assert!(
                validate_timeout(bad).unwrap_err().contains("whole number"),
                "{bad}"
            );
        }
    }

    #[test]
    fn embed_origins() {
        assert_eq!(validate_embed_origins("").unwrap(), vec![]);
        assert_eq!(
            validate_embed_origins("self  self").unwrap(),
            vec![EmbedOrigin::SelfOrigin]
        );
        assert_eq!(
            validate_embed_origins("https://Portal.Example.com:8443").unwrap(),
            vec![EmbedOrigin::Origin(
                "https://portal.example.com:8443".into()
            )]
        );
        for bad in [
            "*",
            "https://*.example.com",
            "portal.example.com",
            "https://portal.example.com/",
            "https://portal.example.com/path",
            "ftp://portal.example.com",
            "https://portal.example.com:99999",
            "https://-bad.example.com",
            "https://[nope]",
            "'none'",
            "https://portal.example.com;script-src",
        ] {
            let err = validate_embed_origins(bad).unwrap_err();
            assert!(err.contains("refused"), "{bad}: {err}");
        }
    }
}
