//! Precompressed copies: `NAME.br` (brotli, quality 11) and `NAME.gz` (gzip, level 9) beside
//! each text or wasm asset, written once at build time so that the web server sends them as
//! they are (the emulator's static serving, nginx's `brotli_static` / `gzip_static`). IIS
//! compresses on its own (web.config turns static compression on).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The kinds worth compressing. Not the pages: their settings (`<meta name="inforouter:…">`)
/// may be edited by hand on the server, and a stale compressed copy would win over the edit;
/// they are small anyway.
const COMPRESSIBLE: &[&str] = &["js", "wasm", "css", "svg", "json", "txt", "map"];

/// Writes the `.br` and `.gz` of every compressible file in `dir` (and below); returns what
/// it wrote. Earlier copies are replaced, so a file changed after a first run is right. One
/// file per core at a time: brotli's highest quality is slow, and the build waits on it.
pub fn precompress(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let todo: Vec<PathBuf> = files(dir)?
        .into_iter()
        .filter(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COMPRESSIBLE.contains(&e))
        })
        .collect();
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done: Vec<Result<Vec<PathBuf>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut written = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = todo.get(i) else {
                            return Ok(written);
                        };
                        written.extend(compress_one(path)?);
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a compression thread panicked".into()))
            })
            .collect()
    });
    let mut written = Vec::new();
    for part in done {
        written.extend(part?);
    }
    written.sort();
    Ok(written)
}

/// The `.br` and `.gz` beside one file.
fn compress_one(path: &Path) -> Result<Vec<PathBuf>, String> {
    let data = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut written = Vec::new();
    for (suffix, packed) in [("br", brotli_bytes(&data)?), ("gz", gzip_bytes(&data)?)] {
        let out = PathBuf::from(format!("{}.{suffix}", path.display()));
        std::fs::write(&out, packed).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        written.push(out);
    }
    Ok(written)
}

fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            found.extend(files(&path)?);
        } else {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

pub fn brotli_bytes(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(data).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

pub fn gzip_bytes(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn every_asset_gets_both_copies_and_they_unpack_to_it() {
        let dir = std::env::temp_dir().join(format!("precompress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let page = "<!DOCTYPE html><title>x</title>".repeat(50);
        std::fs::write(dir.join("index.html"), &page).unwrap();
        std::fs::write(dir.join("main-0123456789abcdef.css"), &page).unwrap();
        std::fs::write(dir.join("sub/app_bg.wasm"), [0u8, 97, 115, 109].repeat(100)).unwrap();
        std::fs::write(dir.join("logo.png"), [1u8, 2, 3]).unwrap();
        let written = precompress(&dir).unwrap();
        assert_eq!(written.len(), 4, "{written:?}");
        assert!(!dir.join("logo.png.br").exists(), "images are left alone");
        assert!(
            !dir.join("index.html.gz").exists(),
            "pages may be edited on the server"
        );

        let css = "main-0123456789abcdef.css";
        let mut unpacked = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(dir.join(format!("{css}.gz"))).unwrap())
            .read_to_string(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, page);
        let br = std::fs::read(dir.join(format!("{css}.br"))).unwrap();
        assert!(
            br.len() < page.len() / 5,
            "brotli compresses: {} bytes",
            br.len()
        );
        // A second run replaces the copies, never compresses a copy again.
        assert_eq!(precompress(&dir).unwrap().len(), 4);
        assert!(!dir.join(format!("{css}.br.br")).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
