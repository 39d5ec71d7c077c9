//! A zip of a folder's contents (deflate, UTF-8 names, no zip64), for copying a package to a
//! Windows server in one piece.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::DeflateEncoder;

/// Every file under `dir`, as sorted paths relative to it.
fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(rel) = pending.pop() {
        let abs = dir.join(&rel);
        let entries =
            std::fs::read_dir(&abs).map_err(|e| format!("cannot list {}: {e}", abs.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", abs.display()))?;
            let kind = entry
                .file_type()
                .map_err(|e| format!("cannot stat {}: {e}", entry.path().display()))?;
            let child = rel.join(entry.file_name());
            if kind.is_dir() {
                pending.push(child);
            } else if kind.is_file() {
                out.push(child);
            } else {
                return Err(format!(
                    "{} is neither a file nor a folder (a link?): the package holds plain files only",
                    entry.path().display()
                ));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// MS-DOS time and date of now (UTC), as zip stores them.
fn dos_now() -> (u16, u16) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let year = year.clamp(1980, 2107);
    let time = (((rem / 3600) << 11) | (((rem % 3600) / 60) << 5) | ((rem % 60) / 2)) as u16;
    let date = (((year - 1980) << 9) | (month << 5) | day) as u16;
    (time, date)
}

/// Writes a zip of `dir`'s contents (its files at the zip's top level) to `zip_path`.
pub fn zip_dir(dir: &Path, zip_path: &Path) -> Result<(), String> {
    let (time, date) = dos_now();
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    let list = files(dir)?;
    if list.len() > usize::from(u16::MAX) {
        return Err("too many files for a zip without zip64".into());
    }
    for rel in &list {
        let name = rel
            .to_str()
            .ok_or_else(|| format!("{} is not a UTF-8 name", rel.display()))?
            .replace('\\', "/");
        let data = std::fs::read(dir.join(rel))
            .map_err(|e| format!("cannot read {}: {e}", dir.join(rel).display()))?;
        let crc = crc32fast::hash(&data);
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
        enc.write_all(&data).map_err(|e| e.to_string())?;
        let packed = enc.finish().map_err(|e| e.to_string())?;
        let (method, body): (u16, &[u8]) = if packed.len() < data.len() {
            (8, &packed)
        } else {
            (0, &data)
        };
        let too_big = |n: usize| {
            u32::try_from(n).map_err(|_| format!("{name} is too large for a zip without zip64"))
        };
        let (csize, usize_, offset) = (
            too_big(body.len())?,
            too_big(data.len())?,
            too_big(out.len())?,
        );
        let common = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
            buf.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            buf.extend_from_slice(&method.to_le_bytes());
            buf.extend_from_slice(&time.to_le_bytes());
            buf.extend_from_slice(&date.to_le_bytes());
            buf.extend_from_slice(&crc.to_le_bytes());
            buf.extend_from_slice(&csize.to_le_bytes());
            buf.extend_from_slice(&usize_.to_le_bytes());
            buf.extend_from_slice(&(name.len() as u16).to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&(3u16 << 8 | 20).to_le_bytes()); // made by: Unix, 2.0
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk number
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // -rw-r--r--
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset =
        u32::try_from(out.len()).map_err(|_| "the package is too large for a zip without zip64")?;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(list.len() as u16).to_le_bytes());
    out.extend_from_slice(&(list.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    std::fs::write(zip_path, out).map_err(|e| format!("cannot write {}: {e}", zip_path.display()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Read;

    pub(crate) fn temp_dir(tag: &str) -> PathBuf {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "inforouter-deploy-{tag}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn u16_at(b: &[u8], i: usize) -> usize {
        u16::from_le_bytes([b[i], b[i + 1]]) as usize
    }
    fn u32_at(b: &[u8], i: usize) -> u32 {
        u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
    }

    /// Reads a zip back through its central directory: (name, content) pairs.
    fn unzip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let eocd = zip.len() - 22;
        assert_eq!(u32_at(zip, eocd), 0x0605_4b50);
        let count = u16_at(zip, eocd + 10);
        let mut at = u32_at(zip, eocd + 16) as usize;
        let mut out = Vec::new();
        for _ in 0..count {
            assert_eq!(u32_at(zip, at), 0x0201_4b50);
            let method = u16_at(zip, at + 10);
            let crc = u32_at(zip, at + 16);
            let csize = u32_at(zip, at + 20) as usize;
            let name_len = u16_at(zip, at + 28);
            let local = u32_at(zip, at + 42) as usize;
            let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
            assert_eq!(u32_at(zip, local), 0x0403_4b50);
            let start = local + 30 + u16_at(zip, local + 26) + u16_at(zip, local + 28);
            let raw = &zip[start..start + csize];
            let data = if method == 8 {
                let mut d = Vec::new();
                flate2::read::DeflateDecoder::new(raw)
                    .read_to_end(&mut d)
                    .unwrap();
                d
            } else {
                raw.to_vec()
            };
            assert_eq!(crc32fast::hash(&data), crc, "{name}");
            out.push((name, data));
            at += 46 + name_len + u16_at(zip, at + 30) + u16_at(zip, at + 32);
        }
        out
    }

    #[test]
    fn zips_a_folder_and_reads_back() {
        let dir = temp_dir("zip");
        let site = dir.join("site");
        std::fs::create_dir_all(site.join("sub")).unwrap();
        std::fs::write(site.join("index.html"), "<html>".repeat(100)).unwrap();
        std::fs::write(site.join("sub/é.txt"), "x").unwrap();
        std::fs::write(site.join("empty"), "").unwrap();
        let zip = dir.join("site.zip");
        zip_dir(&site, &zip).unwrap();
        let entries = unzip(&std::fs::read(&zip).unwrap());
        assert_eq!(
            entries,
            vec![
                ("empty".to_string(), vec![]),
                ("index.html".to_string(), "<html>".repeat(100).into_bytes()),
                ("sub/é.txt".to_string(), b"x".to_vec()),
            ]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
