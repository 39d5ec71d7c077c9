//! The built `index.html`: reading and setting the `<meta name="inforouter:…">` settings, and
//! checking that no inline script is left (the CSP allows none).

/// One tag's attributes, with the byte span of each value in the document.
struct Tag {
    attrs: Vec<(String, String, std::ops::Range<usize>)>,
}

impl Tag {
    fn get(&self, name: &str) -> Option<&(String, String, std::ops::Range<usize>)> {
        self.attrs.iter().find(|(n, _, _)| n == name)
    }
}

/// Every `<NAME …>` start tag in `html`, with its attributes (quoted, unquoted or bare) and
/// where the tag ends. Comments are skipped.
fn tags<'a>(
    html: &'a str,
    name: &'a str,
) -> impl Iterator<Item = (std::ops::Range<usize>, Tag)> + 'a {
    let bytes = html.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        loop {
            let start = pos + html[pos..].find('<')?;
            if html[start..].starts_with("<!--") {
                pos = start
                    + html[start..]
                        .find("-->")
                        .map_or(html.len() - start, |e| e + 3);
                continue;
            }
            let after = start + 1;
            let end_name = after + name.len();
            let matches = html.len() >= end_name
                && html[after..end_name].eq_ignore_ascii_case(name)
                && bytes
                    .get(end_name)
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
            if !matches {
                pos = after;
                continue;
            }
            let mut i = end_name;
            let mut attrs = Vec::new();
            loop {
                while i < html.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                    i += 1;
                }
                if i >= html.len() {
                    pos = html.len();
                    return None;
                }
                if bytes[i] == b'>' {
                    i += 1;
                    break;
                }
                let n0 = i;
                while i < html.len()
                    && !bytes[i].is_ascii_whitespace()
                    && !b"=>/".contains(&bytes[i])
                {
                    i += 1;
                }
                let attr_name = html[n0..i].to_ascii_lowercase();
                while i < html.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < html.len() && bytes[i] == b'=' {
                    i += 1;
                    while i < html.len() && bytes[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    let (v0, v1, next) =
                        if i < html.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                            let q = bytes[i];
                            let v0 = i + 1;
                            let v1 = v0 + html[v0..].find(q as char).unwrap_or(html.len() - v0);
                            (v0, v1, (v1 + 1).min(html.len()))
                        } else {
                            let v0 = i;
                            let mut v1 = i;
                            while v1 < html.len()
                                && !bytes[v1].is_ascii_whitespace()
                                && bytes[v1] != b'>'
                            {
                                v1 += 1;
                            }
                            (v0, v1, v1)
                        };
                    attrs.push((attr_name, unescape(&html[v0..v1]), v0..v1));
                    i = next;
                } else {
                    attrs.push((attr_name, String::new(), i..i));
                }
            }
            pos = i;
            return Some((start..i, Tag { attrs }));
        }
    })
}

fn unescape(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Escapes a value for a double-quoted attribute.
pub fn escape_attr(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn find_meta(html: &str, name: &str) -> Option<Tag> {
    tags(html, "meta")
        .map(|(_, t)| t)
        .find(|t| t.get("name").is_some_and(|(_, v, _)| v == name))
}

/// The values of `attr` on every `<tag>` of the document, unescaped, in document order.
pub fn attr_values<'a>(
    html: &'a str,
    tag: &'a str,
    attr: &'a str,
) -> impl Iterator<Item = String> + 'a {
    tags(html, tag).filter_map(move |(_, t)| t.get(attr).map(|(_, v, _)| unescape(v)))
}

/// The document without its `<meta name="NAME">` tags (and the line break after each).
pub fn remove_meta(html: &str, name: &str) -> String {
    let spans: Vec<std::ops::Range<usize>> = tags(html, "meta")
        .filter(|(_, t)| t.get("name").is_some_and(|(_, v, _)| v == name))
        .map(|(span, _)| span)
        .collect();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&html[at..span.start]);
        at = span.end;
        if html[at..].starts_with('\n') {
            at += 1;
        }
    }
    out.push_str(&html[at..]);
    out
}

/// An attribute of `<meta name="NAME">`, unescaped, if the document has that meta and it.
pub fn meta_attr(html: &str, name: &str, attr: &str) -> Option<String> {
    find_meta(html, name).and_then(|t| t.get(attr).map(|(_, v, _)| unescape(v)))
}

/// The `content` of `<meta name="NAME">`, if the document has that meta.
pub fn meta(html: &str, name: &str) -> Option<String> {
    find_meta(html, name).map(|t| {
        t.get("content")
            .map(|(_, v, _)| v.clone())
            .unwrap_or_default()
    })
}

/// Sets the `content` of `<meta name="NAME" content="…">`; an error when the meta or its
/// content attribute is missing (a changed index.html must not ship unconfigured).
pub fn set_meta(html: &str, name: &str, value: &str) -> Result<String, String> {
    let tag = find_meta(html, name)
        .ok_or_else(|| format!("index.html has no <meta name=\"{name}\" content=\"…\">"))?;
    let (_, _, span) = tag
        .get("content")
        .ok_or_else(|| format!("<meta name=\"{name}\"> in index.html has no content attribute"))?;
    let quoted = span.start > 0 && matches!(html.as_bytes()[span.start - 1], b'"' | b'\'');
    if !quoted {
        return Err(format!(
            "<meta name=\"{name}\"> in index.html: quote its content attribute"
        ));
    }
    let quote = html.as_bytes()[span.start - 1];
    let escaped = if quote == b'\'' {
        escape_attr(value).replace('\'', "&#39;")
    } else {
        escape_attr(value)
    };
    Ok(format!(
        "{}{}{}",
        &html[..span.start],
        escaped,
        &html[span.end..]
    ))
}

/// The console's settings written into a built index.html.
pub fn apply_settings(html: &str, s: &crate::options::Settings) -> Result<String, String> {
    let mut out = html.to_string();
    for (name, value) in [
        ("inforouter:base-path", s.base_path.clone()),
        ("inforouter:api-base", s.api_base.as_str().to_string()),
        ("inforouter:method", s.method.as_str().to_string()),
        ("inforouter:timeout-seconds", s.timeout_seconds.to_string()),
        ("inforouter:embed-origins", s.embed_origins_meta()),
    ] {
        out = set_meta(&out, name, &value)?;
    }
    Ok(out)
}

/// Script types a browser does not run (data blocks), which the CSP does not govern.
fn is_data_block(script_type: &str) -> bool {
    let t = script_type.trim().to_ascii_lowercase();
    !(t.is_empty()
        || t == "module"
        || t == "text/javascript"
        || t == "application/javascript"
        || t == "importmap"
        || t == "speculationrules")
}

/// The files trunk pastes into the page: each `<link data-trunk rel="inline" href=…>`.
pub fn trunk_inline_links(html: &str) -> Vec<String> {
    tags(html, "link")
        .filter(|(_, tag)| {
            tag.get("data-trunk").is_some() && tag.get("rel").is_some_and(|(_, v, _)| v == "inline")
        })
        .filter_map(|(_, tag)| tag.get("href").map(|(_, v, _)| v.clone()))
        .collect()
}

/// The text of each element NAME (`script` or `style`) that the browser runs or applies from
/// the page itself: every `<style>`, and each `<script>` without `src` that is not a data block.
pub fn inline_contents<'a>(html: &'a str, name: &'a str) -> Vec<&'a str> {
    let close = format!("</{name}");
    tags(html, name)
        .filter(|(_, tag)| {
            name != "script"
                || (tag.get("src").is_none()
                    && !is_data_block(tag.get("type").map_or("", |(_, v, _)| v.as_str())))
        })
        .map(|(span, _)| {
            let rest = &html[span.end..];
            // ASCII lower-casing keeps byte offsets.
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

/// Refuses a document with an inline script the Content-Security-Policy does not allow by its
/// hash (`allowed`, from [`crate::headers::InlineHashes`]), an inline event handler or a
/// `javascript:` URL: any of these would silently not run. Also checks that index.html starts
/// the console once: deploy/web/loader.js, inline (it reads `inforouter:boot`) or as a file.
pub fn check_scripts(html: &str, file: &str, allowed: &[String]) -> Result<(), String> {
    let mut loaders = 0;
    for (span, tag) in tags(html, "script") {
        let src = tag.get("src").map(|(_, v, _)| v.as_str());
        let ty = tag.get("type").map(|(_, v, _)| v.as_str()).unwrap_or("");
        match src {
            Some(src) if !src.is_empty() => {
                if src
                    .rsplit('/')
                    .next()
                    .is_some_and(|f| f.starts_with("loader"))
                {
                    loaders += 1;
                }
            }
            _ if is_data_block(ty) => {}
            _ if {
                let body = inline_contents(&html[span.start..], "script")
                    .first()
                    .copied()
                    .unwrap_or("");
                if body.contains("inforouter:boot") {
                    loaders += 1;
                }
                allowed.contains(&crate::headers::source_hash(body))
            } => {}
            _ => {
                let snippet: String = html[span.start..].chars().take(120).collect();
                return Err(format!(
                    "{file} has an inline script whose hash the Content-Security-Policy does not allow, so it would not run: {snippet}…\n\
                     Move it to a file (see deploy/web/loader.js and Trunk.toml's pattern_script), or inline it in index.html with <link data-trunk rel=\"inline\">."
                ));
            }
        }
    }
    for name in [
        "a", "body", "button", "form", "img", "input", "div", "iframe", "select",
    ] {
        for (span, tag) in tags(html, name) {
            if let Some((attr, _, _)) = tag.attrs.iter().find(|(n, _, _)| n.starts_with("on")) {
                return Err(format!(
                    "{file} has an inline event handler ({attr}=) at byte {}, which the Content-Security-Policy blocks",
                    span.start
                ));
            }
            if tag.attrs.iter().any(|(n, v, _)| {
                (n == "href" || n == "src")
                    && v.trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:")
            }) {
                return Err(format!(
                    "{file} has a javascript: URL at byte {}, which the Content-Security-Policy blocks",
                    span.start
                ));
            }
        }
    }
    if file.ends_with("index.html") {
        if meta(html, "inforouter:boot").is_none() {
            return Err(format!(
                "{file} has no <meta name=\"inforouter:boot\">: Trunk.toml's pattern_script is missing, so trunk wrote its inline loader"
            ));
        }
        if loaders != 1 {
            return Err(format!(
                "{file} should start the console exactly once, found {loaders} loaders: check the <link data-trunk rel=\"inline\" href=\"deploy/web/loader.js\"> in index.html"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{ApiBase, EmbedOrigin, Method, Settings};

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
  <!-- <meta name="inforouter:api-base" content="commented out"> -->
  <meta name="inforouter:base-path" content="/">
  <meta content="/srv.asmx" name="inforouter:api-base">
  <meta name="inforouter:method" content='POST'>
  <meta name="inforouter:timeout-seconds" content="30">
  <meta name="inforouter:embed-origins" content="self">
  <meta name="inforouter:boot" data-js="/a-1.js" data-wasm="/a-1_bg.wasm">
  <script src="/loader-0123456789abcdef.js" type="module" integrity="sha384-x"></script>
  <script type="application/json">{"data": true}</script>
</head><body></body></html>"#;

    #[test]
    fn reads_and_sets_metas_in_any_attribute_order() {
        assert_eq!(
            meta(PAGE, "inforouter:api-base").as_deref(),
            Some("/srv.asmx")
        );
        assert_eq!(meta(PAGE, "inforouter:method").as_deref(), Some("POST"));
        assert_eq!(meta(PAGE, "inforouter:nope"), None);
        let s = Settings {
            base_path: "/infoRouter/accounts/".into(),
            api_base: ApiBase::Path("/infoRouter/srv.asmx".into()),
            method: Method::Get,
            timeout_seconds: 45,
            embed_origins: vec![
                EmbedOrigin::SelfOrigin,
                EmbedOrigin::Origin("https://portal.example.com".into()),
            ],
            inline: Default::default(),
        };
        let out = apply_settings(PAGE, &s).unwrap();
        assert_eq!(
            meta(&out, "inforouter:base-path").as_deref(),
            Some("/infoRouter/accounts/")
        );
        assert_eq!(
            meta(&out, "inforouter:api-base").as_deref(),
            Some("/infoRouter/srv.asmx")
        );
        assert_eq!(meta(&out, "inforouter:method").as_deref(), Some("GET"));
        assert_eq!(
            meta(&out, "inforouter:timeout-seconds").as_deref(),
            Some("45")
        );
        assert_eq!(
            meta(&out, "inforouter:embed-origins").as_deref(),
            Some("self https://portal.example.com")
        );
        // The comment is left alone; nothing else changes.
        assert!(out.contains("content=\"commented out\""));
        assert_eq!(out.lines().count(), PAGE.lines().count());
    }

    #[test]
    fn values_are_escaped() {
        let out = set_meta(PAGE, "inforouter:api-base", "/a\"><script>").unwrap();
        assert!(
            out.contains("content=\"/a&quot;&gt;&lt;script&gt;\""),
            "{out}"
        );
        assert_eq!(
            meta(&out, "inforouter:api-base").as_deref(),
            Some("/a\"><script>")
        );
    }

    #[test]
    fn a_missing_meta_is_an_error() {
        let err = set_meta("<html><head></head></html>", "inforouter:base-path", "/").unwrap_err();
        assert!(err.contains("inforouter:base-path"), "{err}");
    }

    #[test]
    fn scripts() {
        check_scripts(PAGE, "index.html", &[]).unwrap();
        let inline = PAGE.replace(
            "<script type=\"application/json\">",
            "<script type=\"module\">import init from '/x.js';</script><script type=\"application/json\">",
        );
        let err = check_scripts(&inline, "index.html", &[]).unwrap_err();
        assert!(err.contains("inline script"), "{err}");
        // Allowed by its hash, it runs.
        let hash = crate::headers::source_hash("import init from '/x.js';");
        check_scripts(&inline, "index.html", &[hash]).unwrap();
        let other = crate::headers::source_hash("import init from '/y.js';");
        assert!(check_scripts(&inline, "index.html", &[other]).is_err());
        let handler = PAGE.replace("<body>", "<body onload=\"go()\">");
        assert!(
            check_scripts(&handler, "index.html", &[])
                .unwrap_err()
                .contains("onload")
        );
        let js_url = PAGE.replace("<body>", "<body><a href=\" JavaScript:go()\">x</a>");
        assert!(
            check_scripts(&js_url, "index.html", &[])
                .unwrap_err()
                .contains("javascript:")
        );
        let no_boot = PAGE.replace("inforouter:boot", "other");
        assert!(
            check_scripts(&no_boot, "index.html", &[])
                .unwrap_err()
                .contains("pattern_script")
        );
        let no_loader = PAGE.replace("/loader-0123456789abcdef.js", "/app.js");
        assert!(
            check_scripts(&no_loader, "index.html", &[])
                .unwrap_err()
                .contains("loader")
        );
        // The loader inline counts once allowed by its hash; two loaders are one too many.
        let loader = "const boot = document.querySelector('meta[name=\"inforouter:boot\"]');";
        let inline = PAGE.replace(
            r#"<script src="/loader-0123456789abcdef.js" type="module" integrity="sha384-x"></script>"#,
            &format!(r#"<script type="module">{loader}</script>"#),
        );
        assert!(check_scripts(&inline, "index.html", &[]).is_err());
        let allowed = [crate::headers::source_hash(loader)];
        check_scripts(&inline, "index.html", &allowed).unwrap();
        let twice = inline.replace(
            "</head>",
            &format!(r#"<script type="module">{loader}</script></head>"#),
        );
        assert!(
            check_scripts(&twice, "index.html", &allowed)
                .unwrap_err()
                .contains("exactly once")
        );
        // Other pages need no loader.
        check_scripts(
            "<p>hi</p><script src=\"portal-example.js\"></script>",
            "portal-example.html",
            &[],
        )
        .unwrap();
    }
}
