//! Evidence files: kept in `evidence/` under the SHA-256 of their content (one copy however often a
//! file is attached, owner-only), and named in each record's file by `[[evidence]]` tables that
//! say what the file is, its hash and size, the name it was attached under and when.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use super::record::{Entry, entries};
use super::{Store, files};
use crate::domain::evidence::{EvidenceKind, is_sha256};

/// The folder of evidence files, under the data directory.
pub const FOLDER: &str = "evidence";

/// The largest file attached (a scanned certificate is a few MiB).
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The SHA-256 (hex) and size of what `reader` holds, read in blocks.
pub fn hash(mut reader: impl Read) -> std::io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = reader.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buffer[..n]);
    }
    let digest = hasher.finalize();
    Ok((digest.iter().map(|b| format!("{b:02x}")).collect(), size))
}

/// The extension an evidence file keeps of the name it was attached under (`.pdf`), if it has a
/// plain one.
fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.len() <= 8 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map_or_else(String::new, |e| format!(".{}", e.to_ascii_lowercase()))
}

/// Whether `file_name` is the name of an evidence file: a SHA-256, with an extension or none.
pub fn is_evidence_name(file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or_default();
    is_sha256(stem)
        && file_name[64..]
            .bytes()
            .all(|b| b == b'.' || b.is_ascii_alphanumeric())
}

/// A file attached: its entry's facts, where it is kept, and whether this attach stored it.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Its SHA-256.
    pub sha256: String,
    /// Its size.
    pub size: u64,
    /// Its file in `evidence/`.
    pub path: PathBuf,
    /// Whether it was stored now (else the same content was there already).
    pub new: bool,
}

impl Store {
    /// The folder of evidence files.
    pub fn evidence_dir(&self) -> PathBuf {
        self.root().join(FOLDER)
    }

    /// The evidence file of a hash, if it is kept.
    pub fn evidence_file(&self, sha256: &str) -> Option<PathBuf> {
        let names = std::fs::read_dir(self.evidence_dir()).ok()?;
        names
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .filter_map(|n| n.to_str().map(str::to_owned))
            .find(|n| n.split('.').next() == Some(sha256) && is_evidence_name(n))
            .map(|n| self.evidence_dir().join(n))
    }

    /// Copies `source` (a regular file, followed if it is a link, as `cp` does) into `evidence/`
    /// under its hash, unless the same content is kept already.
    pub fn store_evidence(&self, source: &Path) -> Result<Stored> {
        let meta = std::fs::metadata(source)
            .with_context(|| format!("cannot read {}", source.display()))?;
        if !meta.is_file() {
            bail!(
                "{} is {}, not a file: attach a file (a PDF or a scan, say)",
                source.display(),
                files::kind(meta.file_type())
            );
        }
        if meta.len() > MAX_BYTES {
            bail!(
                "{} is {} MiB: evidence files are kept up to {} MiB (scan it at a lower resolution)",
                source.display(),
                meta.len() / 1024 / 1024,
                MAX_BYTES / 1024 / 1024
            );
        }
        let bytes =
            std::fs::read(source).with_context(|| format!("cannot read {}", source.display()))?;
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.keep_evidence(&name, &bytes)
    }

    /// Removes a file [`Store::store_evidence`] has just kept new, when the record it was for
    /// cannot take it: nothing is left behind.
    pub fn unstore_evidence(&self, stored: &Stored) -> std::io::Result<()> {
        if stored.new && stored.path.starts_with(self.evidence_dir()) {
            files::remove(&stored.path)
        } else {
            Ok(())
        }
    }

    /// Keeps `bytes` in `evidence/` under their hash (with the extension of `name`), unless the
    /// same content is kept already.
    pub fn keep_evidence(&self, name: &str, bytes: &[u8]) -> Result<Stored> {
        let (sha256, size) = hash(bytes)?;
        if let Some(path) = self.evidence_file(&sha256) {
            return Ok(Stored {
                sha256,
                size,
                path,
                new: false,
            });
        }
        let dir = self.evidence_dir();
        files::create_private_dir(&dir)?;
        let path = dir.join(format!("{sha256}{}", extension(name)));
        files::write_new_bytes(&path, bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(Stored {
            sha256,
            size,
            path,
            new: true,
        })
    }
}

impl Store {
    /// What an evidence file holds, as it was attached: read only from a regular file in
    /// `evidence/` (never through a link, never waiting on a pipe), at most [`MAX_BYTES`], and
    /// refused when it no longer holds what was attached (its SHA-256 differs). `of` names the
    /// record for the error.
    pub fn evidence_content(&self, entry: &Entry, of: &str) -> Result<Vec<u8>> {
        let Some(path) = self.evidence_file(&entry.sha256) else {
            bail!(
                "the evidence {} of {of} is missing from evidence/: attach the file again \
                 (`coachlog check` says more)",
                crate::domain::text::for_terminal(&entry.name, 80, "…")
            );
        };
        let (file, size) = files::open_regular_file(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if size > MAX_BYTES {
            bail!(
                "{} is {} MiB, more than an evidence file's {} MiB: it is not what was attached \
                 to {of}; attach the file again",
                path.display(),
                size >> 20,
                MAX_BYTES >> 20
            );
        }
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let (sha256, _) = hash(bytes.as_slice())?;
        if sha256 != entry.sha256 {
            bail!(
                "{} no longer holds the evidence {} attached to {of} (its SHA-256 differs): put \
                 the file back, or attach it again (`coachlog check` says more)",
                path.display(),
                crate::domain::text::for_terminal(&entry.name, 80, "…")
            );
        }
        Ok(bytes)
    }
}

/// `text` (a record's file as the user may have edited it) with one more `[[evidence]]` table;
/// everything else, comments included, as it was.
pub fn with_entry(path: &Path, text: &str, entry: &Entry) -> Result<String> {
    with_table(path, text, "evidence", entry)
}

/// `text` (a record's file as the user may have edited it) with one more `[[key]]` table holding
/// `row`; everything else, comments included, as it was.
pub fn with_table(path: &Path, text: &str, key: &str, row: &impl Serialize) -> Result<String> {
    let mut doc: toml_edit::DocumentMut = text
        .parse()
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
    let written: toml_edit::DocumentMut = toml::to_string(row)?.parse()?;
    let mut table = toml_edit::Table::new();
    for (k, item) in written.iter() {
        table.insert(k, item.clone());
    }
    match doc.get_mut(key) {
        Some(item) => match item.as_array_of_tables_mut() {
            Some(array) => array.push(table),
            None => bail!(
                "{}: {key} is not a list of [[{key}]] tables; correct it with `coachlog edit`",
                path.display()
            ),
        },
        None => {
            let mut array = toml_edit::ArrayOfTables::new();
            array.push(table);
            doc.insert(key, toml_edit::Item::ArrayOfTables(array));
        }
    }
    Ok(doc.to_string())
}

/// What still has no evidence of the kind it wants: each education and CPD record (a certificate),
/// each mentor (a letter or a reference, on any of their records), and when the coach keeps consent
/// forms, each partner who consented (a consent).
pub fn missing<'h>(
    holders: &'h [Holder],
    consent_forms: bool,
    consenting: &std::collections::BTreeSet<String>,
) -> Vec<(&'h Holder, EvidenceKind)> {
    let has =
        |h: &Holder, kinds: &[EvidenceKind]| h.entries.iter().any(|e| kinds.contains(&e.kind));
    let mut out = Vec::new();
    for h in holders {
        match h.noun {
            "education" | "cpd" if !has(h, &[EvidenceKind::Certificate]) => {
                out.push((h, EvidenceKind::Certificate));
            }
            "partner"
                if consent_forms
                    && consenting.contains(&h.id)
                    && !has(h, &[EvidenceKind::Consent]) =>
            {
                out.push((h, EvidenceKind::Consent));
            }
            _ => {}
        }
    }
    // A mentor's letter may be on any of their mentoring records: the first stands for them.
    let mentor = |h: &Holder| h.label.split_once(" with ").map(|(_, m)| m.to_owned());
    let mut seen = std::collections::BTreeSet::new();
    for h in holders.iter().filter(|h| h.noun == "mentoring") {
        let Some(name) = mentor(h) else { continue };
        if !seen.insert(name.clone()) {
            continue;
        }
        let lettered = holders
            .iter()
            .filter(|o| o.noun == "mentoring" && mentor(o).as_deref() == Some(name.as_str()))
            .any(|o| has(o, &[EvidenceKind::Letter, EvidenceKind::Reference]));
        if !lettered {
            out.push((h, EvidenceKind::Letter));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(sha: &str) -> Entry {
        Entry {
            kind: EvidenceKind::Certificate,
            sha256: sha.into(),
            size: 3,
            name: "cert.pdf".into(),
            attached: crate::storage::toml_date::TomlDate("2026-11-23".parse().expect("date")),
        }
    }

    #[test]
    fn an_entry_is_added_to_a_file_and_read_back_with_its_line() {
        let sha = "ab".repeat(32);
        let text = "version = 1\n# my course\ntitle = \"Foundations\"\n";
        let added = with_entry(Path::new("x.toml"), text, &entry(&sha)).expect("added");
        assert!(added.starts_with(text), "the user's lines kept: {added}");
        let again = with_entry(Path::new("x.toml"), &added, &entry(&"cd".repeat(32))).expect("two");
        let found = entries(&again).expect("reads");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, entry(&sha));
        assert_eq!(found[0].1, Some(7), "{again}");
        let broken = again.replace(&sha, "not-a-hash");
        let problem = entries(&broken).expect_err("refused");
        assert!(
            problem.message.contains("not a SHA-256"),
            "{}",
            problem.message
        );
        assert_eq!(entries("version = 1\n").expect("none"), []);
    }

    #[test]
    fn names_and_hashes() {
        let (sha, size) = hash(&b"abc"[..]).expect("hash");
        assert_eq!(
            sha,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(size, 3);
        assert!(is_evidence_name(&format!("{sha}.pdf")));
        assert!(is_evidence_name(&sha));
        assert!(!is_evidence_name("cert.pdf"));
        assert_eq!(extension("Scan 2026.PDF"), ".pdf");
        assert_eq!(extension("no-extension"), "");
        assert_eq!(extension("odd.p d f"), "");
    }
}

/// A record that can hold evidence: its kind's noun, its id, a label a person knows it by, its file,
/// and the evidence its file names.
#[derive(Debug, Clone)]
pub struct Holder {
    /// `session`, `partner`, `mentoring`, `supervision`, `education`, `cpd` or `credential`.
    pub noun: &'static str,
    /// Its id (a partner's id, a record's short id).
    pub id: String,
    /// What a person knows it by: a partner's name, a course's title, a session's date and partner.
    pub label: String,
    /// Its file.
    pub path: PathBuf,
    /// The evidence the file names.
    pub entries: Vec<Entry>,
}

impl Store {
    /// Every record that can hold evidence, with the evidence it names, in the order partners,
    /// sessions (by date), then each other kind.
    pub fn holders(&self) -> Result<Vec<Holder>> {
        use crate::domain::development::{Cpd, Credential, Education, Mentoring, Supervision};
        let partners = self.partners()?;
        let mut out = Vec::new();
        let read = |path: &Path| -> Result<Vec<Entry>> {
            let text = files::read_regular(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            entries(&text)
                .map(|found| found.into_iter().map(|(e, _)| e).collect())
                .map_err(|p| anyhow::anyhow!("{}: {p}", path.display()))
        };
        for p in &partners {
            let path = self.partner_path(&p.id);
            out.push(Holder {
                noun: "partner",
                id: p.id.to_string(),
                label: p.name.clone(),
                entries: read(&path)?,
                path,
            });
        }
        let mut sessions = self.session_files(&partners)?;
        sessions
            .sort_by(|a, b| (a.session.date, &a.session.id).cmp(&(b.session.date, &b.session.id)));
        for s in sessions {
            let name = partners
                .iter()
                .find(|p| p.id == s.session.partner)
                .map_or_else(|| s.session.partner.to_string(), |p| p.name.clone());
            out.push(Holder {
                noun: "session",
                id: s.session.id.clone(),
                label: format!("{} with {name}", s.session.date),
                entries: read(&s.path)?,
                path: s.path,
            });
        }
        fn kept<K: super::development::Kept>(
            store: &Store,
            out: &mut Vec<Holder>,
            label: impl Fn(&K) -> String,
            read: &dyn Fn(&Path) -> Result<Vec<Entry>>,
        ) -> Result<()> {
            for k in store.kept::<K>()? {
                out.push(Holder {
                    noun: K::COMMAND,
                    id: k.record.id().to_owned(),
                    label: label(&k.record),
                    entries: read(&k.path)?,
                    path: k.path,
                });
            }
            Ok(())
        }
        kept::<Education>(self, &mut out, |e| e.title.clone(), &read)?;
        kept::<Cpd>(self, &mut out, |c| c.title.clone(), &read)?;
        kept::<Mentoring>(
            self,
            &mut out,
            |m| format!("{} with {}", m.date, m.mentor),
            &read,
        )?;
        kept::<Supervision>(
            self,
            &mut out,
            |s| format!("{} with {}", s.date, s.supervisor),
            &read,
        )?;
        kept::<Credential>(
            self,
            &mut out,
            |c| format!("{} granted {}", c.scheme, c.granted),
            &read,
        )?;
        kept::<crate::domain::attestation::Attestation>(
            self,
            &mut out,
            |a| format!("{} to {}", a.from, a.to),
            &read,
        )?;
        Ok(out)
    }
}

impl Store {
    /// Removes a record's file, and then each evidence file it named that no other record names;
    /// what became of each is said by [`Store::take_notices`].
    pub fn remove_holder_file(&self, path: &Path) -> Result<()> {
        let named: Vec<Entry> = files::read_regular(path)
            .ok()
            .and_then(|text| entries(&text).ok())
            .map(|found| found.into_iter().map(|(e, _)| e).collect())
            .unwrap_or_default();
        files::remove(path).with_context(|| format!("cannot remove {}", path.display()))?;
        if named.is_empty() {
            return Ok(());
        }
        let others = self.holders().unwrap_or_default();
        let mut said = Vec::new();
        for entry in named {
            let elsewhere: Vec<String> = others
                .iter()
                .filter(|h| h.entries.iter().any(|e| e.sha256 == entry.sha256))
                .map(|h| format!("{} {}", h.noun, h.id))
                .collect();
            let Some(file) = self.evidence_file(&entry.sha256) else {
                continue;
            };
            let shown = file
                .strip_prefix(self.root())
                .unwrap_or(&file)
                .display()
                .to_string();
            if elsewhere.is_empty() {
                files::remove(&file)
                    .with_context(|| format!("cannot remove {}", file.display()))?;
                said.push(super::Notice::EvidenceRemoved {
                    name: entry.name.clone(),
                    file: shown,
                });
            } else {
                said.push(super::Notice::EvidenceKept {
                    name: entry.name.clone(),
                    file: shown,
                    elsewhere,
                });
            }
        }
        for note in said {
            self.tell(note);
        }
        Ok(())
    }

    /// Removes the `[[evidence]]` tables of a record's file (the rest as it was), then each
    /// evidence file they named that no other record names; returns how many files were removed.
    pub fn strip_evidence(&self, path: &Path) -> Result<usize> {
        let text =
            files::read_regular(path).with_context(|| format!("cannot read {}", path.display()))?;
        let named: Vec<Entry> = entries(&text)
            .map_err(|p| anyhow::anyhow!("{}: {p}", path.display()))?
            .into_iter()
            .map(|(e, _)| e)
            .collect();
        if named.is_empty() {
            return Ok(0);
        }
        let mut doc: toml_edit::DocumentMut = text
            .parse()
            .with_context(|| format!("{} is not valid TOML", path.display()))?;
        doc.remove("evidence");
        files::replace(path, &doc.to_string())
            .with_context(|| format!("cannot write {}", path.display()))?;
        let others = self.holders()?;
        let mut removed = 0;
        for entry in named {
            let elsewhere = others
                .iter()
                .any(|h| h.entries.iter().any(|e| e.sha256 == entry.sha256));
            if let (false, Some(file)) = (elsewhere, self.evidence_file(&entry.sha256)) {
                files::remove(&file)
                    .with_context(|| format!("cannot remove {}", file.display()))?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Keeps a note for the user of what a change did, for the command to say once it is done.
    pub(super) fn tell(&self, note: super::Notice) {
        self.notes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(note);
    }

    /// What the user should know of what this run's changes did, so far (and forgets it).
    pub fn take_notices(&self) -> Vec<super::Notice> {
        std::mem::take(
            &mut *self
                .notes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }
}
