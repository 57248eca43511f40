//! The logbook's inbox files (`inbox.txt`, `inbox/*.txt`), found beside it and judged whole
//! against the inbox's memory: what `inbox` takes and what `due` counts.

use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::NaiveDate;

use super::Logbook;
use crate::domain::lookup;
use crate::import::inbox::{self, InboxFile, Judged, Known, PartnerFound};
use crate::storage::{Store, files, name};

/// The inbox files of the logbook, by their path under it: `inbox.txt`, then `inbox/*.txt` by
/// name; and the copies a file-sync tool left, which are named, not read.
pub fn found(root: &Path) -> (Vec<(String, PathBuf)>, Vec<PathBuf>) {
    let mut found = Vec::new();
    let mut copies = Vec::new();
    let mut consider = |shown: String, path: PathBuf, file_name: &str| {
        if name::is_sync_copy(file_name) {
            copies.push(path);
        } else {
            found.push((shown, path));
        }
    };
    if let Ok(entries) = std::fs::read_dir(root) {
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.starts_with("inbox") && n.ends_with(".txt"))
            .collect();
        names.sort();
        for n in names {
            consider(n.clone(), root.join(&n), &n);
        }
    }
    if let Ok(entries) = std::fs::read_dir(root.join("inbox")) {
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        for n in names {
            consider(format!("inbox/{n}"), root.join("inbox").join(&n), &n);
        }
    }
    (found, copies)
}

/// The inbox, judged: what becomes of every line of each file; the copies a sync tool left; the
/// files that cannot be read, with why.
pub struct Judging {
    /// Each file judged, line by line.
    pub files: Vec<Judged>,
    /// The copies a file-sync tool left, which are named, not read.
    pub copies: Vec<PathBuf>,
    /// The files that cannot be read, with why.
    pub unreadable: Vec<String>,
}

/// Judges every inbox file of the logbook against the inbox's memory.
pub fn judge(store: &Store, logbook: &Logbook, today: NaiveDate) -> Result<Judging> {
    let (found, copies) = found(store.root());
    let mut judging = Judging {
        files: Vec::new(),
        copies,
        unreadable: Vec::new(),
    };
    if found.is_empty() {
        return Ok(judging);
    }
    let memory = store.inbox_memory()?;
    let ids: Vec<_> = logbook.partners.iter().map(|p| p.id.clone()).collect();
    // A partner is found as `log` finds one, or by an alias.
    let partner = |query: &str| -> Result<PartnerFound, String> {
        let names: Vec<_> = logbook
            .partners
            .iter()
            .flat_map(|p| {
                std::iter::once((&p.id, p.name.as_str()))
                    .chain(p.alias.iter().map(move |a| (&p.id, a.as_str())))
            })
            .collect();
        let id = lookup::find_among(&ids, &names, query).map_err(|e| e.to_string())?;
        let p = logbook.partners.iter().find(|p| &p.id == id);
        Ok(PartnerFound {
            id: id.clone(),
            minutes: p.and_then(|p| p.default_minutes),
        })
    };
    let known = Known {
        memory: &memory,
        sessions: &logbook.sessions,
        today,
        partner: &partner,
    };
    for (shown, path) in found {
        let read = files::read_regular(&path).and_then(|text| {
            let changed = std::fs::symlink_metadata(&path)?.modified()?;
            Ok((text, changed))
        });
        match read {
            Ok((text, modified)) => {
                let modified = chrono::DateTime::<chrono::Local>::from(modified);
                judging.files.push(inbox::judge(
                    InboxFile {
                        name: &shown,
                        text: &text,
                        changed: modified.date_naive(),
                        modified: modified.timestamp_nanos_opt(),
                    },
                    &known,
                ));
            }
            Err(e) => judging
                .unreadable
                .push(format!("cannot read {}: {e}", path.display())),
        }
    }
    Ok(judging)
}
