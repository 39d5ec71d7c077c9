//! The console has two entries (see the root Cargo.toml): everyone's, built from index.html,
//! and the administrators', built from admin.html. Each is its own trunk build; `join` then
//! copies the admin entry's two files beside the first and names them in index.html with
//! `<meta name="inforouter:boot-admin">`, from which deploy/web/loader.js starts the admin
//! entry on the admin pages. One folder, one index.html, so every server's fallback to
//! index.html (nginx, IIS, the emulator) serves both. Each entry is split into chunks loaded
//! on demand (split.rs); the admin entry's link module and chunks are copied too.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::html;

const BOOT: &str = "inforouter:boot";
const BOOT_ADMIN: &str = "inforouter:boot-admin";
/// The entries' cargo binaries (the pages' `data-bin`).
const SELF_SERVICE_BIN: &str = "inforouter-console";
const ADMIN_BIN: &str = "inforouter-admin";

/// Builds both entries for `public_url` (the base path) into `dist`, joined.
pub fn build(dist: &Path, public_url: &str) -> Result<(), String> {
    let admin_dist = PathBuf::from(format!("{}.admin", dist.display()));
    trunk_build("index.html", dist, public_url)?;
    split_built(dist, SELF_SERVICE_BIN)?;
    trunk_build("admin.html", &admin_dist, public_url)?;
    let split = split_built(&admin_dist, ADMIN_BIN)?;
    let mut extra = split.chunks;
    extra.push(split.link_js);
    join(dist, &admin_dist, &extra)?;
    std::fs::remove_dir_all(&admin_dist)
        .map_err(|e| format!("cannot remove {}: {e}", admin_dist.display()))
}

/// Splits the entry trunk built into `dist` into chunks (split.rs), in place.
fn split_built(dist: &Path, bin: &str) -> Result<crate::split::SplitFiles, String> {
    let page = read(&dist.join("index.html"))?;
    let (js, wasm) = boot_files(&page, &format!("the {bin} build's index.html"))?;
    crate::split::split_entry(
        dist,
        file_name(&js)?,
        file_name(&wasm)?,
        &crate::split::linked_module(bin)?,
    )
}

/// The shipped wasm's toolchain (deploy/release-toolchain.txt says why a nightly).
pub fn release_toolchain() -> &'static str {
    include_str!("../release-toolchain.txt")
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap_or_default()
}

/// The wasm's rustflags: this variable replaces .cargo/config.toml's, so it repeats them (a
/// test holds the two together) and adds the panic strategy that needs no message formatting.
const RELEASE_RUSTFLAGS: &str = "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort";

fn trunk_build(page: &str, dist: &Path, public_url: &str) -> Result<(), String> {
    let status = Command::new("trunk")
        .env("RUSTUP_TOOLCHAIN", release_toolchain())
        // The standard library rebuilt with the app: its sources come with the toolchain's
        // rust-src, its dependencies from `cargo fetch` (scripts/lib.sh), as trunk builds offline.
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            RELEASE_RUSTFLAGS,
        )
        .args([
            "build",
            "--release",
            "--offline",
            "--public-url",
            public_url,
            "--dist",
        ])
        .arg(dist)
        .arg(page)
        .status()
        .map_err(|e| {
            format!("cannot run trunk: {e} (is it installed? scripts/test installs it)")
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "trunk build of {page} failed ({status}); see above"
        ))
    }
}

/// Carries the admin build in `admin_dist` into `dist` (see the module comment): its glue and
/// wasm, and the `extra` files named (the split's).
pub fn join(dist: &Path, admin_dist: &Path, extra: &[String]) -> Result<(), String> {
    let admin_page = read(&admin_dist.join("index.html"))?;
    let (js, wasm) = boot_files(&admin_page, "the admin build's index.html")?;
    let named = [file_name(&js)?, file_name(&wasm)?];
    for name in named.into_iter().chain(extra.iter().map(String::as_str)) {
        std::fs::copy(admin_dist.join(name), dist.join(name))
            .map_err(|e| format!("cannot copy {name} of the admin build: {e}"))?;
    }
    let index_path = dist.join("index.html");
    let index = read(&index_path)?;
    std::fs::write(&index_path, add_admin_boot(&index, &js, &wasm)?)
        .map_err(|e| format!("cannot write {}: {e}", index_path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The glue and wasm addresses in a built page's boot meta.
fn boot_files(page: &str, what: &str) -> Result<(String, String), String> {
    let attr = |a: &str| {
        html::meta_attr(page, BOOT, a)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| format!("{what} has no <meta name=\"{BOOT}\" {a}=…> (see Trunk.toml)"))
    };
    Ok((attr("data-js")?, attr("data-wasm")?))
}

/// The file name at the end of an address the build wrote (`/base/name-hash.js`).
fn file_name(url: &str) -> Result<&str, String> {
    url.rsplit('/')
        .next()
        .filter(|n| !n.is_empty() && !n.contains(['\\', '?', '#']) && *n != "..")
        .ok_or_else(|| format!("the admin build names an odd file: {url}"))
}

/// index.html with the admin entry's boot meta after its own (replacing an earlier one).
pub fn add_admin_boot(index: &str, js: &str, wasm: &str) -> Result<String, String> {
    boot_files(index, "index.html")?;
    let tag = format!(
        r#"<meta name="{BOOT_ADMIN}" data-js="{}" data-wasm="{}">"#,
        html::escape_attr(js),
        html::escape_attr(wasm)
    );
    let index = html::remove_meta(index, BOOT_ADMIN);
    let at = index
        .find("</head>")
        .ok_or("index.html has no </head> to put the admin entry's boot meta before")?;
    Ok(format!("{}{tag}\n{}", &index[..at], &index[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = r#"<html><head><meta name="inforouter:boot" data-js="/a/inforouter-console-1.js" data-wasm="/a/inforouter-console-1_bg.wasm"></head><body></body></html>"#;

    #[test]
    fn the_release_build_keeps_every_wasm_flag_of_the_cargo_config() {
        let config = include_str!("../../.cargo/config.toml");
        let line = config
            .lines()
            .find(|l| l.starts_with("rustflags"))
            .expect(".cargo/config.toml sets the wasm's rustflags");
        let flags: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
        assert!(!flags.is_empty(), "{line}");
        let ours: Vec<&str> = RELEASE_RUSTFLAGS.split_whitespace().collect();
        for pair in flags.chunks(2) {
            assert!(
                ours.windows(pair.len()).any(|w| w == pair),
                "{pair:?} of .cargo/config.toml is missing from RELEASE_RUSTFLAGS"
            );
        }
        assert!(
            release_toolchain().starts_with("nightly-20"),
            "{}",
            release_toolchain()
        );
    }

    #[test]
    fn the_admin_boot_meta_goes_into_the_head_once() {
        let once = add_admin_boot(
            BUILT,
            "/a/inforouter-admin-2.js",
            "/a/inforouter-admin-2_bg.wasm",
        )
        .unwrap();
        let twice = add_admin_boot(&once, "/a/inforouter-admin-3.js", "/a/x_bg.wasm").unwrap();
        assert_eq!(twice.matches(BOOT_ADMIN).count(), 1, "{twice}");
        assert_eq!(
            html::meta_attr(&twice, BOOT_ADMIN, "data-js").as_deref(),
            Some("/a/inforouter-admin-3.js")
        );
        assert_eq!(
            html::meta_attr(&twice, BOOT, "data-js").as_deref(),
            Some("/a/inforouter-console-1.js"),
            "the page's own entry is unchanged"
        );
        assert!(twice.find(BOOT_ADMIN).unwrap() < twice.find("</head>").unwrap());
    }

    #[test]
    fn a_page_without_a_boot_meta_is_refused() {
        let err = add_admin_boot("<html><head></head></html>", "/a.js", "/a.wasm").unwrap_err();
        assert!(err.contains("inforouter:boot"), "{err}");
    }

    #[test]
    fn only_plain_file_names_are_copied() {
        assert_eq!(
            file_name("/base/inforouter-admin-2.js").unwrap(),
            "inforouter-admin-2.js"
        );
        assert!(file_name("/base/").is_err());
        assert!(file_name("/base/..").is_err());
    }
}
