//! Packaging the infoRouter Accounts console for a path on a real server, one concern per
//! module:
//!
//! - [`options`]: `scripts/package`'s options, validated before anything is built,
//! - [`html`]: the `<meta name="inforouter:…">` settings of the built index.html, and the check
//!   that no inline script is left,
//! - [`headers`]: the Content-Security-Policy ([`headers::content_security_policy`], the single
//!   source of truth), the other security headers and the caching rule,
//! - [`iis`]: web.config, [`nginx`]: the nginx example and [`nginx::nginx_for_test`],
//! - [`archive`]: the zip, [`package`]: the whole run.
//!
//! The committed examples (`deploy/iis/web.config`, `deploy/nginx/inforouter-accounts.conf`)
//! are this crate's output for [`examples`]' settings; a test keeps them equal.

pub mod archive;
pub mod compress;
pub mod entries;
pub mod headers;
pub mod html;
pub mod iis;
pub mod nginx;
pub mod options;
pub mod package;
pub mod size;
pub mod split;

use options::Settings;

/// The committed examples: (path from the repository root, content). Their policies allow
/// the inline scripts and styles a build of the repository's index.html (in `root`) carries.
pub fn examples(root: &std::path::Path) -> Result<[(&'static str, String); 2], String> {
    let index = std::fs::read_to_string(root.join("index.html"))
        .map_err(|e| format!("cannot read index.html: {e} (run from the repository root)"))?;
    let inline = headers::InlineHashes::of_source_page(&index, root)?;
    let default = Settings {
        inline: inline.clone(),
        ..Settings::default()
    };
    let layout = Settings {
        inline,
        ..Settings::inforouter_layout()
    };
    Ok([
        ("deploy/iis/web.config", iis::render(&default)),
        (
            "deploy/nginx/inforouter-accounts.conf",
            nginx::render(&layout),
        ),
    ])
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_examples_equal_the_generators_output() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for (path, expected) in super::examples(&root).unwrap() {
            let committed =
                std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(
                committed == expected,
                "{path} differs from the generator's output: run `cargo run -p inforouter-deploy -- examples`"
            );
        }
    }

    #[test]
    fn the_build_writes_no_inline_loader() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let trunk = std::fs::read_to_string(root.join("Trunk.toml")).unwrap();
        assert!(
            trunk.contains("pattern_script") && trunk.contains("inforouter:boot"),
            "Trunk.toml must replace trunk's inline loader:\n{trunk}"
        );
        let index = std::fs::read_to_string(root.join("index.html")).unwrap();
        assert!(index.contains(
            r#"<link data-trunk rel="inline" href="deploy/web/loader.js" type="module">"#
        ));
        assert!(index.contains(r#"<meta name="inforouter:base-path" content="/">"#));
        let loader = std::fs::read_to_string(root.join("deploy/web/loader.js")).unwrap();
        assert!(loader.contains("inforouter:boot"));
        // Pasted into index.html, whose checks and edits read it as text: no tag in them.
        for pasted in ["deploy/web/loader.js", "deploy/web/early.js"] {
            let text = std::fs::read_to_string(root.join(pasted)).unwrap();
            assert!(!text.contains('<'), "{pasted} must hold no HTML tag");
        }
    }
}
