//! `package`: builds the console with trunk for a base path, writes the settings into the
//! built pages, checks them against the CSP, and adds web.config (inside), the nginx conf
//! (next to the folder) and optionally a zip.

use std::path::{Path, PathBuf};

use crate::headers::InlineHashes;
use crate::options::{PackageOptions, Settings};
use crate::{archive, html, iis, nginx};

/// Files of the example portal, which calls srv.asmx itself and so takes the api-base too.
const PORTAL_PAGE: &str = "portal-example.html";

/// What a finished package consists of.
#[derive(Debug)]
pub struct Written {
    pub dir: PathBuf,
    pub nginx_conf: PathBuf,
    pub zip: Option<PathBuf>,
}

fn sibling(out: &Path, suffix: &str) -> Result<PathBuf, String> {
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("--out {} does not name a folder", out.display()))?;
    Ok(out.with_file_name(format!("{name}{suffix}")))
}

/// Refuses an --out that holds something else than an earlier package.
fn check_out_dir(out: &Path) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(format!(
            "--out {} exists and is not a folder",
            out.display()
        ));
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| format!("cannot read --out {}: {e}", out.display()))?
        .next()
        .is_none();
    let earlier_package = out.join("index.html").is_file() && out.join("web.config").is_file();
    if empty || earlier_package {
        Ok(())
    } else {
        Err(format!(
            "--out {} is a folder with other files in it; name an empty or new folder (an earlier package there is replaced)",
            out.display()
        ))
    }
}

/// Post-processes a trunk build in `dir`: settings into index.html (and the portal example's
/// api-base), the script check, web.config. Returns the settings with the page's inline
/// hashes, which every server's policy names.
pub fn finish_build(dir: &Path, o: &PackageOptions) -> Result<Settings, String> {
    let index_path = dir.join("index.html");
    let index = std::fs::read_to_string(&index_path).map_err(|e| {
        format!(
            "the build has no index.html ({}): {e}",
            index_path.display()
        )
    })?;
    let index = html::apply_settings(&index, &o.settings)?;
    let settings = Settings {
        inline: InlineHashes::of_page(&index),
        ..o.settings.clone()
    };
    html::check_scripts(&index, "index.html", &settings.inline.scripts)?;
    std::fs::write(&index_path, index).map_err(|e| format!("cannot write index.html: {e}"))?;
    let portal_path = dir.join(PORTAL_PAGE);
    if portal_path.is_file() {
        let page = std::fs::read_to_string(&portal_path).map_err(|e| e.to_string())?;
        let page = html::set_meta(&page, "inforouter:api-base", o.settings.api_base.as_str())
            .map_err(|e| e.replace("index.html", PORTAL_PAGE))?;
        // The portal's own policy governs it: no inline script.
        html::check_scripts(&page, PORTAL_PAGE, &[])?;
        std::fs::write(&portal_path, page).map_err(|e| e.to_string())?;
    }
    std::fs::write(dir.join("web.config"), iis::render(&settings))
        .map_err(|e| format!("cannot write web.config: {e}"))?;
    Ok(settings)
}

/// Builds and writes the package. Runs `trunk` from the current directory (the repository
/// root, where Trunk.toml is).
pub fn package(o: &PackageOptions) -> Result<Written, String> {
    check_out_dir(&o.out)?;
    if !Path::new("Trunk.toml").is_file() {
        return Err("run from the repository root (no Trunk.toml here)".into());
    }
    if let Some(parent) = o.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let staging = sibling(&o.out, ".building")?;
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .map_err(|e| format!("cannot clear {}: {e}", staging.display()))?;
    }
    crate::entries::build(&staging, &o.settings.base_path)?;
    let settings = finish_build(&staging, o)?;
    // Last: the compressed copies must be of the finished files.
    crate::compress::precompress(&staging)?;
    if o.out.exists() {
        std::fs::remove_dir_all(&o.out)
            .map_err(|e| format!("cannot replace {}: {e}", o.out.display()))?;
    }
    std::fs::rename(&staging, &o.out)
        .map_err(|e| format!("cannot move the build to {}: {e}", o.out.display()))?;
    let nginx_conf = sibling(&o.out, ".nginx.conf")?;
    std::fs::write(&nginx_conf, nginx::render(&settings))
        .map_err(|e| format!("cannot write {}: {e}", nginx_conf.display()))?;
    let zip = if o.zip {
        let path = sibling(&o.out, ".zip")?;
        archive::zip_dir(&o.out, &path)?;
        Some(path)
    } else {
        None
    };
    Ok(Written {
        dir: o.out.clone(),
        nginx_conf,
        zip,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::tests::temp_dir;
    use crate::options::parse_package_args;

    fn options(out: &Path, extra: &[&str]) -> PackageOptions {
        let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        args.push("--out".into());
        args.push(out.display().to_string());
        parse_package_args(&args).unwrap().unwrap()
    }

    #[test]
    fn out_must_be_new_empty_or_an_earlier_package() {
        let dir = temp_dir("out");
        check_out_dir(&dir.join("new")).unwrap();
        check_out_dir(&dir).unwrap();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        assert!(check_out_dir(&dir).unwrap_err().contains("other files"));
        std::fs::write(dir.join("index.html"), "").unwrap();
        std::fs::write(dir.join("web.config"), "").unwrap();
        check_out_dir(&dir).unwrap();
        assert!(
            check_out_dir(&dir.join("notes.txt"))
                .unwrap_err()
                .contains("not a folder")
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn finishing_a_build_writes_settings_and_web_config() {
        let dir = temp_dir("finish");
        let index = include_str!("../../index.html")
            .replace(
                "<link data-trunk rel=\"rust\" data-bin=\"inforouter-console\" data-wasm-opt=\"0\">",
                "<meta name=\"inforouter:boot\" data-js=\"/a/x-1.js\" data-wasm=\"/a/x-1_bg.wasm\">",
            )
            .replace(
                "<link data-trunk rel=\"inline\" href=\"deploy/web/loader.js\" type=\"module\">",
                "<script src=\"/a/loader-0123456789abcdef.js\" type=\"module\"></script>",
            );
        std::fs::write(dir.join("index.html"), &index).unwrap();
        std::fs::write(
            dir.join(PORTAL_PAGE),
            include_str!("../../portal/portal-example.html"),
        )
        .unwrap();
        let o = options(
            &dir,
            &[
                "--base-path",
                "/a/",
                "--api-base",
                "/ir/srv.asmx",
                "--embed-origins",
                "",
            ],
        );
        finish_build(&dir, &o).unwrap();
        let built = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert_eq!(
            html::meta(&built, "inforouter:base-path").as_deref(),
            Some("/a/")
        );
        assert_eq!(
            html::meta(&built, "inforouter:api-base").as_deref(),
            Some("/ir/srv.asmx")
        );
        assert_eq!(
            html::meta(&built, "inforouter:embed-origins").as_deref(),
            Some("")
        );
        let portal = std::fs::read_to_string(dir.join(PORTAL_PAGE)).unwrap();
        assert_eq!(
            html::meta(&portal, "inforouter:api-base").as_deref(),
            Some("/ir/srv.asmx")
        );
        let config = std::fs::read_to_string(dir.join("web.config")).unwrap();
        assert!(
            config.contains("frame-ancestors &#39;none&#39;")
                || config.contains("frame-ancestors 'none'")
        );
        // An inline script in index.html runs by its hash, which every policy names.
        std::fs::write(
            dir.join("index.html"),
            index.replace("</body>", "<script>go()</script></body>"),
        )
        .unwrap();
        let settings = finish_build(&dir, &o).unwrap();
        let hash = crate::headers::source_hash("go()");
        assert_eq!(settings.inline.scripts, std::slice::from_ref(&hash));
        let config = std::fs::read_to_string(dir.join("web.config")).unwrap();
        assert!(
            config.contains(&hash.replace('\'', "&#39;")) || config.contains(&hash),
            "{config}"
        );
        // The portal example's is refused: its portal's policy governs it.
        let portal = std::fs::read_to_string(dir.join(PORTAL_PAGE)).unwrap();
        std::fs::write(
            dir.join(PORTAL_PAGE),
            portal.replace("</body>", "<script>go()</script></body>"),
        )
        .unwrap();
        assert!(
            finish_build(&dir, &o)
                .unwrap_err()
                .contains("inline script")
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
