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

/// Whether `path` is a name a packet may hold: relative, of plain parts (letters, digits, `-`, `_`,
/// `.`), none of them `.` or `..`, so that no unzip tool can write it outside the folder it
/// unpacks into, and `sha256sum -c` reads its MANIFEST line as written.
pub fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && path.len() <= 255
        && path.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
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
        if !safe_path(&e.path) {
            return Err(crate::error::internal(format!(
                "a packet entry would be named {:?}",
                e.path
            )));
        }
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

/// An attested period as a packet holds it, in JSON: what was signed, where it stands, and every
/// change reopened since with its reason and what it changed from and to — but not the clients'
/// consent, which names them by id; a client a reopening names is named by `name_of`, as the
/// packet names them.
pub fn attestation_json(
    a: &crate::domain::attestation::Attestation,
    standing: crate::reports::attested::Standing,
    name_of: impl Fn(&str) -> String,
) -> Result<Vec<u8>> {
    use crate::domain::attestation::Subject;
    #[derive(serde::Serialize)]
    struct Reopened {
        on: NaiveDate,
        what: String,
        reason: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        was: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        now: Option<String>,
    }
    #[derive(serde::Serialize)]
    struct Shown<'a> {
        id: &'a str,
        from: NaiveDate,
        to: NaiveDate,
        made: NaiveDate,
        #[serde(skip_serializing_if = "Option::is_none")]
        by: Option<&'a str>,
        standing: crate::reports::attested::Standing,
        sessions: &'a [crate::domain::attestation::AttestedSession],
        #[serde(skip_serializing_if = "Option::is_none")]
        earlier: Option<&'a crate::domain::attestation::Earlier>,
        schemes: &'a [crate::domain::attestation::AttestedScheme],
        reopened: Vec<Reopened>,
        #[serde(skip_serializing_if = "Option::is_none")]
        withdrawn: Option<&'a crate::domain::attestation::Withdrawal>,
    }
    let reopened = a
        .reopened
        .iter()
        .map(|r| {
            let what = match &r.subject {
                Subject::Consent(partner) => format!("the consent of {}", name_of(partner)),
                other => other.describe(),
            };
            let shown = |v: &Option<String>| v.clone().unwrap_or_default();
            Reopened {
                on: r.on,
                what,
                reason: r.reason.clone(),
                was: r.change.as_ref().map(|(was, _)| shown(was)),
                now: r.change.as_ref().map(|(_, now)| shown(now)),
            }
        })
        .collect();
    let mut bytes = serde_json::to_vec_pretty(&Shown {
        id: &a.id,
        from: a.from,
        to: a.to,
        made: a.made,
        by: a.by.as_deref(),
        standing,
        sessions: &a.sessions,
        earlier: a.earlier.as_ref(),
        schemes: &a.schemes,
        reopened,
        withdrawn: a.withdrawn.as_ref(),
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The most entries a packet verified may hold.
pub const MAX_ENTRIES: usize = 100_000;

/// The most bytes one entry may unpack to (evidence files are kept up to 64 MiB).
pub const MAX_ENTRY_BYTES: u64 = 128 * 1024 * 1024;

/// The most bytes all entries together may unpack to.
pub const MAX_TOTAL_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// The file that says whose packet it is, for which scheme and day.
pub const ABOUT: &str = "packet.json";

/// What `packet.json` says: whose packet it is (the logbook's `name`), the scheme applied for, the
/// day it is judged as of, and whether clients are named. Packets written before it have none.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct About {
    /// `coachlog-packet`.
    pub format: String,
    /// 1.
    pub version: u32,
    /// The logbook's owner, as `config set name` gave it.
    pub owner: Option<String>,
    /// The scheme applied for.
    pub scheme: String,
    /// The day the packet is judged as of.
    pub as_of: NaiveDate,
    /// Whether clients are anonymised.
    pub anonymized: bool,
}

impl About {
    /// The packet of `owner` for `scheme` as of `as_of`.
    pub fn new(owner: Option<String>, scheme: &str, as_of: NaiveDate, anonymized: bool) -> Self {
        About {
            format: "coachlog-packet".to_owned(),
            version: 1,
            owner,
            scheme: scheme.to_owned(),
            as_of,
            anonymized,
        }
    }
}

/// The most bytes the MANIFEST may hold.
const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

/// What `sha256sum -c MANIFEST` would say of one line, in the folder the packet unpacks into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The file holds what the line says.
    Ok,
    /// It does not.
    Failed,
    /// There is no such file to read.
    Missing,
}

/// A packet checked: each MANIFEST line's path (shown safe for a terminal) with what `sha256sum
/// -c` would say of it, in order; and what else is wrong with the zip, which `sha256sum -c` cannot
/// see (an entry the MANIFEST does not list, a name refused, two entries of one name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verified {
    /// Each MANIFEST line.
    pub lines: Vec<(String, Check)>,
    /// The receipts whose signatures hold (`receipts/*.txt` with their `.sig`).
    pub receipts: usize,
    /// Everything else wrong.
    pub problems: Vec<String>,
}

impl Verified {
    /// Whether the packet is as written.
    pub fn holds(&self) -> bool {
        self.problems.is_empty() && self.lines.iter().all(|(_, c)| *c == Check::Ok)
    }
}

/// A name from a hostile zip, shown safe for a terminal.
fn shown(name: &str) -> String {
    crate::domain::text::for_terminal(name, 200, "…")
}

/// Checks a packet as hostile input: every entry's SHA-256 against its MANIFEST line, read in
/// blocks (memory stays bounded whatever the entries unpack to, each at most [`MAX_ENTRY_BYTES`],
/// all at most [`MAX_TOTAL_BYTES`]); names that are not plain relative paths, two entries of one
/// name, and MANIFEST lines that contradict each other are refused.
pub fn verify<R: Read + std::io::Seek>(reader: R) -> Result<Verified> {
    let mut archive = zip::ZipArchive::new(reader).context("not a zip file (a packet is one)")?;
    let mut out = Verified::default();
    if archive.len() > MAX_ENTRIES {
        bail!(
            "the zip holds {} entries, more than a packet's {MAX_ENTRIES}: it is not a packet \
             coachlog wrote",
            archive.len()
        );
    }
    if archive.has_duplicate_names() {
        out.problems.push(
            "two entries of the zip have the same name: an unzip tool keeps one of them, so what \
             it shows need not be what the MANIFEST lists"
                .to_owned(),
        );
    }
    if let Err(e) = archive.validate_header_consistency() {
        out.problems.push(format!(
            "the zip's entries disagree with its directory ({}): unzip tools may unpack other \
             files than those listed",
            shown(&e.to_string())
        ));
    }
    // The MANIFEST, read whole but bounded.
    let manifest = {
        let mut file = archive.by_name(MANIFEST).map_err(|_| {
            anyhow::anyhow!("no {MANIFEST} in the zip: it is not a coachlog packet")
        })?;
        let mut text = Vec::new();
        (&mut file)
            .take(MAX_MANIFEST_BYTES + 1)
            .read_to_end(&mut text)
            .with_context(|| format!("cannot read {MANIFEST} in the zip"))?;
        if text.len() as u64 > MAX_MANIFEST_BYTES {
            bail!(
                "{MANIFEST} is over {} MiB: it is not a packet coachlog wrote",
                MAX_MANIFEST_BYTES >> 20
            );
        }
        String::from_utf8(text).map_err(|_| {
            anyhow::anyhow!("{MANIFEST} is not text: it is not a packet coachlog wrote")
        })?
    };
    // Each line: `SHA-256  path`, as `sha256sum` writes it.
    let mut listed: Vec<(String, String)> = Vec::new();
    for (n, line) in manifest.lines().enumerate() {
        let parsed = line
            .split_once("  ")
            .filter(|(sha, _)| crate::domain::evidence::is_sha256(sha));
        let Some((sha, path)) = parsed else {
            out.problems.push(format!(
                "{MANIFEST} line {}: '{}' is not a line `SHA-256  path`",
                n + 1,
                shown(line)
            ));
            continue;
        };
        if !safe_path(path) || path == MANIFEST {
            out.problems.push(format!(
                "{MANIFEST} line {}: '{}' is not a plain relative path (an unzip tool could write \
                 it elsewhere, or sha256sum would read another file)",
                n + 1,
                shown(path)
            ));
        }
        if listed.iter().any(|(p, s)| p == path && s != sha) {
            out.problems.push(format!(
                "{MANIFEST} lists {} twice with two different SHA-256s: one line must fail",
                shown(path)
            ));
        }
        listed.push((path.to_owned(), sha.to_owned()));
    }
    // Each entry's hash, in blocks.
    let mut hashes: std::collections::BTreeMap<String, Option<String>> = Default::default();
    let mut receipt_parts: std::collections::BTreeMap<String, Vec<u8>> = Default::default();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = String::from_utf8_lossy(file.name_raw()).into_owned();
        if name == MANIFEST {
            continue;
        }
        if file.is_dir() {
            continue;
        }
        if !safe_path(&name) {
            out.problems.push(format!(
                "{}: not a plain relative path: an unzip tool could write it outside the folder",
                shown(&name)
            ));
            continue;
        }
        let limit = MAX_ENTRY_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(total));
        // A receipt and its signature are also kept, small, to check the signature.
        let receipt_part =
            name.starts_with("receipts/") && (name.ends_with(".txt") || name.ends_with(".txt.sig"));
        let mut small: Vec<u8> = Vec::new();
        let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        let mut bounded = (&mut file).take(limit + 1);
        let read = loop {
            match bounded.read(&mut buffer) {
                Ok(0) => break Ok(()),
                Ok(n) => {
                    size += n as u64;
                    sha2::Digest::update(&mut hasher, &buffer[..n]);
                    if receipt_part && small.len() <= 2 * crate::domain::receipt::MAX_BYTES {
                        small.extend_from_slice(&buffer[..n]);
                    }
                }
                Err(e) => break Err(e),
            }
        };
        total += size;
        if size > limit {
            bail!(
                "{} unpacks to more than {} MiB: it is not a packet coachlog wrote (a zip bomb?)",
                shown(&name),
                limit >> 20
            );
        }
        let digest = read.ok().map(|()| {
            sha2::Digest::finalize(hasher)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        });
        if digest.is_none() {
            out.problems
                .push(format!("{}: cannot be unpacked", shown(&name)));
        }
        if receipt_part && digest.is_some() {
            receipt_parts.insert(name.clone(), small);
        }
        hashes.insert(name, digest);
    }
    // Each receipt's signature, as `ssh-keygen -Y verify` would check it.
    for (name, text) in &receipt_parts {
        if name.ends_with(".sig") {
            continue;
        }
        let Some(sig) = receipt_parts.get(&format!("{name}.sig")) else {
            out.problems
                .push(format!("{}: a receipt without its .sig", shown(name)));
            continue;
        };
        let checked = std::str::from_utf8(text)
            .ok()
            .zip(std::str::from_utf8(sig).ok())
            .ok_or_else(|| "it is not text".to_owned())
            .and_then(|(text, sig)| crate::storage::signing::verify(text, sig));
        match checked {
            Ok(_) => out.receipts += 1,
            Err(why) => out.problems.push(format!("{}: {why}", shown(name))),
        }
    }
    for (path, sha) in &listed {
        let check = match hashes.get(path) {
            None | Some(None) => Check::Missing,
            Some(Some(found)) if found == sha => Check::Ok,
            Some(Some(_)) => Check::Failed,
        };
        out.lines.push((shown(path), check));
    }
    for name in hashes.keys() {
        if !listed.iter().any(|(p, _)| p == name) {
            out.problems.push(format!(
                "{}: in the zip but not in the {MANIFEST} (sha256sum -c does not see it)",
                shown(name)
            ));
        }
    }
    Ok(out)
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
        assert!(verify(Cursor::new(&one)).expect("reads").holds());
        let mut changed = entries();
        changed[0].bytes = b"{ }".to_vec();
        let other = zip("Packet", &changed, day).expect("zip");
        assert_ne!(one, other);
        assert!(verify(Cursor::new(b"not a zip")).is_err());
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
