//! An application or audit packet: the files an accreditor asks for, in one zip, with a `MANIFEST`
//! of the SHA-256 of every entry and a `README.txt` saying what each is. The zip is reproducible:
//! the same entries give the same bytes (entries sorted, dated by the as-of day, one mode).

use std::io::{Cursor, Read, Write};

use anyhow::{Context, Result, bail};
use chrono::{Datelike, NaiveDate};

/// One file of a packet: its path in the zip, what it is (for the README), and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its path in the zip.
    pub path: String,
    /// What it is, in a line.
    pub what: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// The name of the manifest entry.
pub const MANIFEST: &str = "MANIFEST";

/// The name of the README entry.
pub const README: &str = "README.txt";

/// The SHA-256 of `bytes`, in hex.
fn sha256(bytes: &[u8]) -> String {
    crate::storage::evidence::hash(bytes)
        .map(|(sha, _)| sha)
        .unwrap_or_default()
}

/// The manifest of `entries`: a line `SHA-256  path` for each, sorted by path (the form
/// `sha256sum -c` reads).
pub fn manifest(entries: &[Entry]) -> String {
    let mut lines: Vec<String> = entries
        .iter()
        .map(|e| format!("{}  {}\n", sha256(&e.bytes), e.path))
        .collect();
    lines.sort_by(|a, b| a[66..].cmp(&b[66..]));
    lines.concat()
}

/// The README: what the packet is, and a line for each file.
pub fn readme(title: &str, entries: &[Entry]) -> String {
    let mut out = format!(
        "{title}\n\nWritten by coachlog. {MANIFEST} holds the SHA-256 of every other file \
         (`sha256sum -c MANIFEST`, or `coachlog packet verify` on the zip, checks them).\n\n"
    );
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for e in sorted {
        out.push_str(&format!("{}\n    {}\n", e.path, e.what));
    }
    out
}

/// The zip of `entries` with the README and the manifest, every entry dated `day`.
pub fn zip(title: &str, entries: &[Entry], day: NaiveDate) -> Result<Vec<u8>> {
    let mut all = entries.to_vec();
    all.push(Entry {
        path: README.to_owned(),
        what: "this file".to_owned(),
        bytes: Vec::new(),
    });
    let readme_text = readme(title, &all);
    all.pop();
    all.push(Entry {
        path: README.to_owned(),
        what: "this file".to_owned(),
        bytes: readme_text.into_bytes(),
    });
    let manifest = manifest(&all);
    all.push(Entry {
        path: MANIFEST.to_owned(),
        what: String::new(),
        bytes: manifest.into_bytes(),
    });
    all.sort_by(|a, b| a.path.cmp(&b.path));
    let mut seen = std::collections::BTreeSet::new();
    for e in &all {
        if !seen.insert(e.path.as_str()) {
            bail!("two files of the packet would be named {}", e.path);
        }
    }
    let stamp = zip::DateTime::from_date_and_time(
        u16::try_from(day.year().clamp(1980, 2107)).unwrap_or(1980),
        u8::try_from(day.month()).unwrap_or(1),
        u8::try_from(day.day()).unwrap_or(1),
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o600);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for e in &all {
        writer.start_file(e.path.as_str(), options)?;
        writer.write_all(&e.bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// What is wrong with a packet: every entry not as its manifest says, one line each.
pub fn verify(bytes: &[u8]) -> Result<Vec<String>> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).context("not a zip file (a packet is one)")?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name()?.into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content)
            .with_context(|| format!("cannot read {name} in the zip"))?;
        files.push((name, content));
    }
    let Some((_, manifest)) = files.iter().find(|(name, _)| name == MANIFEST) else {
        bail!("no {MANIFEST} in the zip: it is not a coachlog packet");
    };
    let manifest = String::from_utf8_lossy(manifest).into_owned();
    let mut listed = std::collections::BTreeMap::new();
    for line in manifest.lines() {
        let Some((sha, path)) = line.split_once("  ") else {
            bail!("{MANIFEST}: '{line}' is not a line `SHA-256  path`");
        };
        listed.insert(path.to_owned(), sha.to_owned());
    }
    let mut problems = Vec::new();
    for (name, content) in &files {
        if name == MANIFEST {
            continue;
        }
        match listed.remove(name) {
            None => problems.push(format!("{name}: in the zip but not in the {MANIFEST}")),
            Some(sha) if sha != sha256(content) => {
                problems.push(format!("{name}: changed since the packet was written"));
            }
            Some(_) => {}
        }
    }
    for name in listed.keys() {
        problems.push(format!("{name}: in the {MANIFEST} but not in the zip"));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<Entry> {
        vec![
            Entry {
                path: "summary.json".into(),
                what: "the summary".into(),
                bytes: b"{}".to_vec(),
            },
            Entry {
                path: "evidence/cert.pdf".into(),
                what: "a certificate".into(),
                bytes: b"cert".to_vec(),
            },
        ]
    }

    #[test]
    fn the_same_entries_give_the_same_zip_and_a_change_is_found() {
        let day = "2026-11-23".parse().expect("date");
        let one = zip("Packet", &entries(), day).expect("zip");
        let mut reversed = entries();
        reversed.reverse();
        assert_eq!(
            one,
            zip("Packet", &reversed, day).expect("zip"),
            "byte for byte"
        );
        assert_eq!(verify(&one).expect("reads"), Vec::<String>::new());
        let mut changed = entries();
        changed[0].bytes = b"{ }".to_vec();
        let other = zip("Packet", &changed, day).expect("zip");
        assert_ne!(one, other);
        assert!(verify(b"not a zip").is_err());
        let text = String::from_utf8(
            zip::ZipArchive::new(Cursor::new(&one))
                .expect("zip")
                .by_name(MANIFEST)
                .map(|mut f| {
                    let mut s = String::new();
                    f.read_to_string(&mut s).expect("read");
                    s
                })
                .expect("manifest")
                .into_bytes(),
        )
        .expect("utf-8");
        assert!(
            text.contains("  README.txt\n") && text.contains("  evidence/cert.pdf\n"),
            "{text}"
        );
    }
}
