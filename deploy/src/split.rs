//! The entries' screens loaded on demand. A function of the console marked
//! `#[wasm_split(chunk, …)]` (src/shell/on_demand.rs) goes, with everything only it reaches,
//! into a wasm chunk of its own, fetched the first time it is called. trunk 0.21 has no step
//! between linking and wasm-bindgen (trunk-rs/trunk#1022), so after trunk has built a page
//! this redoes its Rust step from the linked module cargo left (linked with `--emit-relocs`,
//! see build.rs): split it, run wasm-bindgen and wasm-opt, and put the results in trunk's
//! place under trunk's names.
//!
//! Every file written carries the build's content hash in its name (trunk's, of the glue), so
//! servers keep them as long-lived as the rest (`headers::HASHED_ASSET_REGEX`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The files of an entry's build after splitting, as names inside its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFiles {
    /// The link module the glue imports: part of the first load.
    pub link_js: String,
    /// The chunks, fetched on demand.
    pub chunks: Vec<String>,
}

/// Splits the entry built in `dist` whose glue and wasm are `glue_js` and `glue_wasm`
/// (trunk's names, `inforouter-admin-HASH.js` and `…_bg.wasm`), from `linked`, the module
/// cargo linked. Replaces the glue and the wasm; adds the link module and the chunks.
pub fn split_entry(
    dist: &Path,
    glue_js: &str,
    glue_wasm: &str,
    linked: &Path,
) -> Result<SplitFiles, String> {
    let stem = glue_js
        .strip_suffix(".js")
        .ok_or_else(|| format!("the glue {glue_js} is not a .js file"))?;
    let (name, hash) = stem
        .rsplit_once('-')
        .ok_or_else(|| format!("the glue {glue_js} has no content hash in its name"))?;
    let work = dist.join("split-work");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let input = std::fs::read(linked).map_err(|e| {
        format!(
            "cannot read the linked module {}: {e} (trunk builds it)",
            linked.display()
        )
    })?;
    let link_js = link_js_name(name, hash);
    let main_wasm = work.join("main.wasm");
    let main_module = format!("./{glue_js}");
    let link_name = format!("./{link_js}");
    let split = {
        let mut opts = wasm_split_cli_support::Options::new(&input);
        opts.output_dir = &work;
        opts.main_out_path = &main_wasm;
        opts.main_module = &main_module;
        opts.link_name = &link_name;
        opts.target.web();
        wasm_split_cli_support::transform(opts)
            .map_err(|e| format!("cannot split {}: {e:#}", linked.display()))?
    };
    if split.split_modules.is_empty() {
        return Err(format!(
            "{} has no split points: was it linked with --emit-relocs (build.rs)?",
            linked.display()
        ));
    }

    let mut link_text = std::fs::read_to_string(work.join(&link_js))
        .map_err(|e| format!("cannot read the split's link module: {e}"))?;
    let mut chunks = Vec::new();
    let mut optimise = Vec::new();
    for module in &split.split_modules {
        let file = file_name(module)?;
        let chunk = chunk_name(name, &file, hash);
        link_text = rename_once(
            &link_text,
            &format!("\"./{file}\""),
            &format!("\"./{chunk}\""),
        )?;
        optimise.push((module.clone(), dist.join(&chunk)));
        chunks.push(chunk);
    }
    std::fs::write(dist.join(&link_js), link_text)
        .map_err(|e| format!("cannot write {link_js}: {e}"))?;

    let bindgen = work.join("bindgen");
    run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--keep-lld-exports"])
            .arg("--out-dir")
            .arg(&bindgen)
            .args(["--out-name", stem])
            .arg(&main_wasm),
        "wasm-bindgen",
    )?;
    std::fs::copy(bindgen.join(glue_js), dist.join(glue_js))
        .map_err(|e| format!("cannot copy the split glue: {e}"))?;
    optimise.push((
        bindgen.join(format!("{stem}_bg.wasm")),
        dist.join(glue_wasm),
    ));
    wasm_opt_all(&optimise)?;
    std::fs::remove_dir_all(&work).map_err(|e| format!("cannot remove {}: {e}", work.display()))?;
    Ok(SplitFiles { link_js, chunks })
}

/// The link module's name: `inforouter-admin-split-HASH.js`.
fn link_js_name(name: &str, hash: &str) -> String {
    format!("{name}-split-{hash}.js")
}

/// A chunk's name from the splitter's (`split_bulk.wasm`): `inforouter-admin-split-bulk-HASH.wasm`.
fn chunk_name(name: &str, file: &str, hash: &str) -> String {
    let chunk = file.strip_suffix(".wasm").unwrap_or(file).replace('_', "-");
    format!("{name}-{chunk}-{hash}.wasm")
}

/// `text` with its one `from` replaced by `to`.
fn rename_once(text: &str, from: &str, to: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!(
            "the split's link module names {from} {n} times, expected once"
        )),
    }
}

fn file_name(path: &Path) -> Result<String, String> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| format!("odd chunk path {}", path.display()))
}

/// wasm-opt at the size level trunk uses for the entries (`data-wasm-opt="z"`), each
/// `(from, to)` at once: one run uses little more than one core, and the build waits on it.
/// With `INFOROUTER_WASM_NAMES=1` the modules keep their function names, for `twiggy` (README
/// "Size"); a build for serving never has them.
fn wasm_opt_all(modules: &[(PathBuf, PathBuf)]) -> Result<(), String> {
    let names = std::env::var_os("INFOROUTER_WASM_NAMES").is_some_and(|v| v == "1");
    let started = modules
        .iter()
        .map(|(from, to)| {
            Command::new("wasm-opt")
                .arg("-Oz")
                .args(names.then_some("-g"))
                .arg(from)
                .arg("-o")
                .arg(to)
                .spawn()
                .map_err(|e| format!("cannot run wasm-opt: {e} (scripts/test installs it)"))
        })
        .collect::<Result<Vec<_>, String>>()?;
    for (mut child, (from, _)) in started.into_iter().zip(modules) {
        let status = child
            .wait()
            .map_err(|e| format!("wasm-opt on {} did not finish: {e}", from.display()))?;
        if !status.success() {
            return Err(format!(
                "wasm-opt failed on {} ({status}); see above",
                from.display()
            ));
        }
    }
    Ok(())
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {what}: {e} (scripts/test installs it)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status}); see above"))
    }
}

/// Where cargo put the linked `bin` for the wasm target, release profile.
pub fn linked_module(bin: &str) -> Result<PathBuf, String> {
    let out = Command::new("cargo")
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let target =
        json_string(&text, "target_directory").ok_or("cargo metadata names no target_directory")?;
    Ok(Path::new(&target)
        .join("wasm32-unknown-unknown")
        .join("release")
        .join(format!("{bin}.wasm")))
}

/// The string value of `"key":"…"` in cargo's JSON (a path: backslashes only as escapes).
fn json_string(json: &str, key: &str) -> Option<String> {
    let at = json.find(&format!("\"{key}\":\""))? + key.len() + 4;
    let mut value = String::new();
    let mut chars = json[at..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_is_renamed_exactly_once() {
        let link = r#"fetch(new URL("./split_bulk.wasm", import.meta.url)); "./chunk_4.wasm""#;
        let renamed =
            rename_once(link, "\"./split_bulk.wasm\"", "\"./a-split-bulk-1.wasm\"").unwrap();
        assert!(renamed.contains("\"./a-split-bulk-1.wasm\""), "{renamed}");
        assert!(rename_once(link, "\"./gone.wasm\"", "\"./x.wasm\"").is_err());
        let twice = format!("{link}{link}");
        assert!(rename_once(&twice, "\"./split_bulk.wasm\"", "\"./x.wasm\"").is_err());
    }

    #[test]
    fn the_target_directory_is_read_from_cargo_metadata() {
        let json = r#"{"packages":[],"target_directory":"C:\\work\\target","version":1}"#;
        assert_eq!(
            json_string(json, "target_directory").as_deref(),
            Some("C:\\work\\target")
        );
        assert_eq!(json_string(json, "workspace_root"), None);
    }

    #[test]
    fn every_written_name_is_a_hashed_asset() {
        let hash = "0123456789abcdef";
        for name in [
            link_js_name("inforouter-admin", hash),
            chunk_name("inforouter-admin", "split_bulk.wasm", hash),
            chunk_name("inforouter-admin", "chunk_4.wasm", hash),
        ] {
            assert!(crate::headers::is_hashed_asset(&name), "{name}");
        }
    }
}
