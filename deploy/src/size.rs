//! First-load size of each entry (see entries.rs): what a browser downloads to show it, i.e.
//! index.html, the loader, the style sheets, and the entry's glue, what the glue imports (the
//! split's link module, split.rs) and its wasm; then, apart, the chunks fetched on demand.
//! Printed raw, gzip and brotli, per file and in total, and held to a budget
//! (deploy/size-budget.txt) so that a new feature cannot silently undo the size work.

use std::path::Path;

use crate::compress::{brotli_bytes, gzip_bytes};
use crate::html;

/// The entries, as the budget file names them, with the meta that names their files.
pub const ENTRIES: [(&str, &str); 2] = [
    ("self-service", "inforouter:boot"),
    ("admin", "inforouter:boot-admin"),
];

/// One downloaded file of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub file: String,
    /// `html`, `js`, `css` or `wasm`: what the budget file names.
    pub kind: &'static str,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySize {
    pub entry: &'static str,
    pub parts: Vec<Part>,
    /// Chunks fetched when a screen is first opened: not in the first load.
    pub on_demand: Vec<Part>,
    /// Each screen loaded on demand, with the chunks it fetches when first opened.
    pub screens: Vec<(String, Vec<String>)>,
}

impl EntrySize {
    pub fn total(&self, of: impl Fn(&Part) -> usize) -> usize {
        self.parts.iter().map(of).sum()
    }

    /// Brotli bytes a browser fetches to show `screen` from a cold cache: the first load and
    /// the screen's chunks.
    pub fn cold_brotli(&self, chunks: &[String]) -> usize {
        let fetched: usize = self
            .on_demand
            .iter()
            .filter(|p| chunks.contains(&p.file))
            .map(|p| p.brotli)
            .sum();
        self.total(|p| p.brotli) + fetched
    }

    /// Brotli bytes of one kind of file.
    pub fn kind_brotli(&self, kind: &str) -> usize {
        self.parts
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.brotli)
            .sum()
    }
}

fn kind_of(file: &str) -> &'static str {
    match file.rsplit('.').next() {
        Some("wasm") => "wasm",
        Some("css") => "css",
        Some("html") => "html",
        _ => "js",
    }
}

/// Measures both entries of the build in `dist`.
pub fn measure(dist: &Path) -> Result<Vec<EntrySize>, String> {
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("cannot read {}/index.html: {e}", dist.display()))?;
    let mut shared = vec!["index.html".to_string()];
    shared.extend(referenced(&index, "link", "href").filter(|h| h.ends_with(".css")));
    shared.extend(referenced(&index, "script", "src"));
    let mut entries = Vec::new();
    for (entry, meta) in ENTRIES {
        let mut files = shared.clone();
        let mut on_demand = Vec::new();
        let mut screens = Vec::new();
        for attr in ["data-js", "data-wasm"] {
            let url = html::meta_attr(&index, meta, attr)
                .ok_or_else(|| format!("index.html has no <meta name=\"{meta}\" {attr}=…>: build both entries (inforouter-deploy build)"))?;
            let file = url.rsplit('/').next().unwrap_or(&url).to_string();
            files.push(url);
            if attr == "data-js" {
                for module in static_imports(&read_text(dist, &file)?) {
                    let link = read_text(dist, &module)?;
                    on_demand.extend(fetched_chunks(&link));
                    screens.extend(screens_of(&link));
                    files.push(module);
                }
            }
        }
        let parts = files
            .iter()
            .map(|url| part(dist, url))
            .collect::<Result<Vec<_>, String>>()?;
        let on_demand = on_demand
            .iter()
            .map(|file| part(dist, file))
            .collect::<Result<Vec<_>, String>>()?;
        entries.push(EntrySize {
            entry,
            parts,
            on_demand,
            screens,
        });
    }
    Ok(entries)
}

/// One file of the build, by the address or name the page or a module gives it.
fn part(dist: &Path, url: &str) -> Result<Part, String> {
    let file = url.rsplit('/').next().unwrap_or(url).to_string();
    let data = std::fs::read(dist.join(&file))
        .map_err(|e| format!("cannot read {file} (named by the build): {e}"))?;
    Ok(Part {
        kind: kind_of(&file),
        raw: data.len(),
        gzip: gzip_bytes(&data)?.len(),
        brotli: brotli_bytes(&data)?.len(),
        file,
    })
}

fn read_text(dist: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(dist.join(file))
        .map_err(|e| format!("cannot read {file} (named by the build): {e}"))
}

/// The files beside it that a module imports statically (`import … from "./x.js"`, as
/// wasm-bindgen writes them, once per imported function): the glue imports the split's link
/// module.
fn static_imports(js: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let imported = js
        .lines()
        .filter(|l| l.starts_with("import "))
        .filter_map(|l| {
            l.split_once(" from \"./")?
                .1
                .split_once('"')
                .map(|(f, _)| f)
        });
    for file in imported {
        if !found.iter().any(|f| f == file) {
            found.push(file.to_string());
        }
    }
    found
}

/// The chunks a link module fetches (`new URL("./x.wasm", import.meta.url)`).
fn fetched_chunks(js: &str) -> Vec<String> {
    js.split("new URL(\"./")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(f, _)| f.to_string()))
        .collect()
}

/// Each screen a link module loads (`export const __wasm_split_load_user = …`), with the
/// chunks it fetches: its own, and the shared ones it waits for (`makeLoad(…, [__chunk_5])`,
/// each defined as `const __chunk_5 = makeLoad(…)`). A part of a screen is named after it
/// (`user_sections`, sections of `user`): opening it first fetches the screen's chunks too.
fn screens_of(link: &str) -> Vec<(String, Vec<String>)> {
    let screens = split_points_of(link);
    screens
        .iter()
        .map(|(name, files)| {
            let mut files = files.clone();
            let within = screens.iter().filter(|(outer, _)| {
                name.strip_prefix(outer.as_str())
                    .is_some_and(|rest| rest.starts_with('_'))
            });
            for (_, outer_files) in within {
                for file in outer_files {
                    if !files.contains(file) {
                        files.push(file.clone());
                    }
                }
            }
            (name.clone(), files)
        })
        .collect()
}

/// Each split point of a link module with its chunks, as written there.
fn split_points_of(link: &str) -> Vec<(String, Vec<String>)> {
    const SHARED: &str = "const __chunk_";
    const SCREEN: &str = "export const __wasm_split_load_";
    let (shared_part, screens_part) = link.split_once(SCREEN).unwrap_or((link, ""));
    let shared: Vec<(String, String)> = shared_part
        .split(SHARED)
        .skip(1)
        .filter_map(|piece| {
            let (number, _) = piece.split_once(' ')?;
            let file = fetched_chunks(piece).into_iter().next()?;
            Some((format!("__chunk_{number}"), file))
        })
        .collect();
    format!("{SCREEN}{screens_part}")
        .split(SCREEN)
        .skip(1)
        .filter_map(|piece| {
            let (name, _) = piece.split_once(' ')?;
            let mut files = vec![fetched_chunks(piece).into_iter().next()?];
            let (_, deps) = piece.rsplit_once(", [")?;
            let (deps, _) = deps.split_once(']')?;
            for dep in deps.split(',').map(str::trim).filter(|d| !d.is_empty()) {
                let (_, file) = shared.iter().find(|(var, _)| var == dep)?;
                files.push(file.clone());
            }
            Some((name.to_string(), files))
        })
        .collect()
}

/// The values of `attr` on every `<tag>` of the page that names a file of the build (not
/// an absolute address elsewhere).
fn referenced<'a>(page: &'a str, tag: &'a str, attr: &'a str) -> impl Iterator<Item = String> + 'a {
    html::attr_values(page, tag, attr).filter(|v| !v.contains("://") && !v.is_empty())
}

/// The budget file: `ENTRY total BYTES` is the budget; `ENTRY KIND BYTES` the size of each
/// kind when the budget was set, to name what grew.
#[derive(Debug, Default)]
pub struct Budget {
    lines: Vec<(String, String, usize)>,
}

impl Budget {
    pub fn parse(text: &str) -> Result<Budget, String> {
        let mut lines = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            let [entry, kind, bytes] = words[..] else {
                return Err(format!(
                    "budget line {}: expected ENTRY KIND BYTES: {line}",
                    n + 1
                ));
            };
            let bytes = bytes
                .replace('_', "")
                .parse()
                .map_err(|_| format!("budget line {}: {bytes} is not a byte count", n + 1))?;
            lines.push((entry.to_string(), kind.to_string(), bytes));
        }
        Ok(Budget { lines })
    }

    fn get(&self, entry: &str, kind: &str) -> Option<usize> {
        self.lines
            .iter()
            .find(|(e, k, _)| e == entry && k == kind)
            .map(|(_, _, b)| *b)
    }

    /// Every entry over its budget, each with what grew since the budget was set.
    pub fn check(&self, sizes: &[EntrySize]) -> Result<(), String> {
        let mut over = Vec::new();
        for size in sizes {
            let Some(budget) = self.get(size.entry, "total") else {
                over.push(format!(
                    "{}: no budget (add \"{} total BYTES\")",
                    size.entry, size.entry
                ));
                continue;
            };
            let total = size.total(|p| p.brotli);
            if total <= budget {
                continue;
            }
            let grew: Vec<String> = ["wasm", "js", "css", "html"]
                .into_iter()
                .filter_map(|kind| {
                    let now = size.kind_brotli(kind);
                    let was = self.get(size.entry, kind)?;
                    (now > was).then(|| format!("{kind} {now} B (was {was}, +{})", now - was))
                })
                .collect();
            over.push(format!(
                "{}: {total} B brotli, over its budget of {budget} B by {}; grew: {}",
                size.entry,
                total - budget,
                if grew.is_empty() {
                    "nothing recorded".into()
                } else {
                    grew.join(", ")
                }
            ));
        }
        if over.is_empty() {
            Ok(())
        } else {
            Err(over.join("\n"))
        }
    }
}

/// The table the test command prints.
pub fn report(sizes: &[EntrySize], budget: &Budget) -> String {
    let mut out = String::new();
    for size in sizes {
        out.push_str(&format!(
            "{} entry (first load)\n  {:52} {:>9} {:>9} {:>9}\n",
            size.entry, "file", "raw", "gzip", "brotli"
        ));
        for p in &size.parts {
            out.push_str(&format!(
                "  {:52} {:>9} {:>9} {:>9}\n",
                p.file, p.raw, p.gzip, p.brotli
            ));
        }
        let budget = budget
            .get(size.entry, "total")
            .map_or("no budget".into(), |b| format!("budget {b}"));
        out.push_str(&format!(
            "  {:52} {:>9} {:>9} {:>9}  ({budget})\n",
            "total",
            size.total(|p| p.raw),
            size.total(|p| p.gzip),
            size.total(|p| p.brotli)
        ));
        if !size.on_demand.is_empty() {
            out.push_str("  fetched on demand, when a screen is first opened:\n");
        }
        for p in &size.on_demand {
            out.push_str(&format!(
                "  {:52} {:>9} {:>9} {:>9}\n",
                p.file, p.raw, p.gzip, p.brotli
            ));
        }
        if !size.screens.is_empty() {
            out.push_str(
                "  a screen opened first, from a cold cache (first load, its chunks, a section's page's):\n",
            );
        }
        for (screen, chunks) in &size.screens {
            out.push_str(&format!(
                "  {:52} {:>9} {:>9} {:>9}\n",
                screen,
                "",
                "",
                size.cold_brotli(chunks)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(wasm: usize, js: usize) -> EntrySize {
        let part = |file: &str, kind, brotli| Part {
            file: file.into(),
            kind,
            raw: brotli * 3,
            gzip: brotli * 2,
            brotli,
        };
        EntrySize {
            entry: "self-service",
            parts: vec![
                part("a_bg.wasm", "wasm", wasm),
                part("a.js", "js", js),
                part("index.html", "html", 1),
            ],
            on_demand: vec![
                part("a-split-bulk-1.wasm", "wasm", 50),
                part("a-chunk-4-1.wasm", "wasm", 7),
            ],
            screens: vec![(
                "bulk".into(),
                vec!["a-split-bulk-1.wasm".into(), "a-chunk-4-1.wasm".into()],
            )],
        }
    }

    const BUDGET: &str = "# comment\nself-service total 110_000  # the goal\nself-service wasm 100000\nself-service js 8000\n";

    #[test]
    fn the_glue_s_imports_and_the_link_module_s_chunks_are_found() {
        let glue = "import * as import1 from \"./a-split-1.js\"\nimport * as import2 from \"./a-split-1.js\"\nimport * as x from 'y';\nconst f = 1;\n";
        assert_eq!(static_imports(glue), ["a-split-1.js"]);
        let link = r#"fetch(new URL("./a-chunk-4-1.wasm", import.meta.url)); fetch(new URL("./a-split-bulk-1.wasm", import.meta.url));"#;
        assert_eq!(
            fetched_chunks(link),
            ["a-chunk-4-1.wasm", "a-split-bulk-1.wasm"]
        );
    }

    #[test]
    fn each_screen_s_chunks_are_read_from_the_link_module() {
        // The shape wasm_split_cli_support 0.2.4 writes.
        let link = r#"
/* bulk, new_user */
const __chunk_4 = makeLoad(() => {
    const src = fetch(new URL("./a-chunk-4-1.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
/* bulk, user */
const __chunk_5 = makeLoad(() => {
    const src = fetch(new URL("./a-chunk-5-1.wasm", import.meta.url));
}
, []);
export const __wasm_split_load_user = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./a-split-user-1.wasm", import.meta.url));
}
, [__chunk_5]));
export const __wasm_split_load_bulk = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./a-split-bulk-1.wasm", import.meta.url));
}
, [__chunk_4, __chunk_5]));
"#;
        assert_eq!(
            screens_of(link),
            [
                (
                    "user".to_string(),
                    vec!["a-split-user-1.wasm".to_string(), "a-chunk-5-1.wasm".into()]
                ),
                (
                    "bulk".to_string(),
                    vec![
                        "a-split-bulk-1.wasm".to_string(),
                        "a-chunk-4-1.wasm".into(),
                        "a-chunk-5-1.wasm".into()
                    ]
                ),
            ]
        );
        // A section of the user screen: its chunks and the user screen's.
        let with_section = format!(
            "{link}{}",
            r#"export const __wasm_split_load_user_access = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./a-split-user-access-1.wasm", import.meta.url));
}
, [__chunk_4]));
"#
        );
        assert_eq!(
            screens_of(&with_section).last().unwrap(),
            &(
                "user_access".to_string(),
                vec![
                    "a-split-user-access-1.wasm".to_string(),
                    "a-chunk-4-1.wasm".into(),
                    "a-split-user-1.wasm".into(),
                    "a-chunk-5-1.wasm".into()
                ]
            )
        );
        // A screen whose shared chunk is not defined is not reported with a wrong figure.
        assert!(
            screens_of(
                "export const __wasm_split_load_x = f(new URL(\"./x.wasm\"), [__chunk_9]));"
            )
            .is_empty()
        );
    }

    #[test]
    fn within_budget_passes_and_over_names_what_grew() {
        let budget = Budget::parse(BUDGET).unwrap();
        assert!(budget.check(&[entry(100_000, 8_000)]).is_ok());
        let err = budget.check(&[entry(105_000, 8_000)]).unwrap_err();
        assert!(err.contains("over its budget of 110000 B by 3001"), "{err}");
        assert!(err.contains("wasm 105000 B (was 100000, +5000)"), "{err}");
        assert!(!err.contains("js "), "js did not grow: {err}");
    }

    #[test]
    fn an_entry_without_a_budget_fails_and_bad_lines_are_refused() {
        let err = Budget::parse("")
            .unwrap()
            .check(&[entry(1, 1)])
            .unwrap_err();
        assert!(err.contains("no budget"), "{err}");
        assert!(Budget::parse("self-service total").is_err());
        assert!(Budget::parse("self-service total lots").is_err());
    }

    #[test]
    fn the_report_prints_every_file_and_the_totals() {
        let text = report(&[entry(10, 2)], &Budget::parse(BUDGET).unwrap());
        assert!(text.contains("a_bg.wasm"), "{text}");
        assert!(text.contains("(budget 110000)"), "{text}");
        assert!(
            text.find("fetched on demand").unwrap() < text.find("a-split-bulk-1.wasm").unwrap(),
            "{text}"
        );
        // The bulk screen cold: 13 (first load) + 50 + 7.
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with("bulk") && l.trim_end().ends_with(" 70")),
            "{text}"
        );
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with("total") && l.contains(" 13 ")),
            "{text}"
        );
    }
}
