//! One walk of the logbook's directories, shared by every reader and by `check`: each directory is
//! listed once, and whether an entry is a directory comes from the directory entry itself (no `stat`
//! per file).

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::name;

/// One directory's entries.
#[derive(Debug, Clone)]
pub struct Dir {
    /// The directory.
    pub path: PathBuf,
    /// Its files, in no order.
    pub files: Vec<OsString>,
    /// Its subdirectories, in no order.
    pub subdirs: Vec<OsString>,
    /// Its symbolic links (to a file or a folder, or broken), in no order: never followed.
    pub links: Vec<OsString>,
    /// What else is in it (a named pipe, a socket, a device), with what each is: never opened.
    pub others: Vec<(OsString, &'static str)>,
}

impl Dir {
    /// The names of its record files (`.toml`, not hidden, not a copy a sync tool left).
    pub fn records(&self) -> impl Iterator<Item = &OsStr> {
        self.files.iter().map(OsString::as_os_str).filter(|n| {
            n.to_str()
                .is_some_and(|n| name::is_record(n) && !name::is_sync_copy(n))
        })
    }

    /// The names of the copies a file-sync tool left beside its records (`… 2.toml`,
    /// `….sync-conflict-….toml`, `… (conflicted copy …).toml`): never read, so never counted.
    pub fn copies(&self) -> impl Iterator<Item = &OsStr> {
        self.files.iter().map(OsString::as_os_str).filter(|n| {
            n.to_str()
                .is_some_and(|n| name::is_record(n) && name::is_sync_copy(n))
        })
    }

    /// The problem with each of its symbolic links and other files that are not regular files,
    /// for a reader: a link's target is outside what coachlog keeps, a pipe or device is never
    /// read, and a report that skipped either would undercount.
    pub fn problems(&self) -> impl Iterator<Item = anyhow::Error> + '_ {
        let links = self.links.iter().map(|link| {
            anyhow::anyhow!("{}: {}", self.path.join(link).display(), name::LINK_PROBLEM)
        });
        let others = self.others.iter().map(|(other, what)| {
            anyhow::anyhow!(
                "{}: {}",
                self.path.join(other).display(),
                super::files::not_regular(what)
            )
        });
        links.chain(others)
    }
}

/// A directory that could not be listed.
#[derive(Debug)]
pub struct Unlisted {
    /// The directory.
    pub path: PathBuf,
    /// Why.
    pub error: io::Error,
}

/// Every directory from `root` down (or `root` alone unless `deep`), each listed once, and those
/// that could not be listed. A missing `root` has none. At `root`, subdirectories named in `skip`
/// are not entered (a git checkout's `.git`).
pub fn walk(root: &Path, deep: bool, skip: &[&str]) -> (Vec<Dir>, Vec<Unlisted>) {
    let mut dirs = Vec::new();
    let mut unlisted = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(path) = pending.pop() {
        let entries = match fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound && path == root => continue,
            Err(error) => {
                unlisted.push(Unlisted { path, error });
                continue;
            }
        };
        let mut files = Vec::new();
        let mut subdirs = Vec::new();
        let mut links = Vec::new();
        let mut others = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    unlisted.push(Unlisted {
                        path: path.clone(),
                        error,
                    });
                    continue;
                }
            };
            let file_name = entry.file_name();
            match entry.file_type() {
                Ok(kind) if kind.is_symlink() => links.push(file_name),
                Ok(kind) if kind.is_dir() => {
                    let skipped = path == root && skip.iter().any(|s| file_name == *s);
                    if deep && !skipped {
                        pending.push(path.join(&file_name));
                    }
                    subdirs.push(file_name);
                }
                Ok(kind) if !kind.is_file() => {
                    others.push((file_name, super::files::kind(kind)));
                }
                _ => files.push(file_name),
            }
        }
        dirs.push(Dir {
            path,
            files,
            subdirs,
            links,
            others,
        });
    }
    (dirs, unlisted)
}

/// [`walk`] deep from `root`, each subdirectory of `root` (a year's sessions, the partners) listed
/// on its own core: listing 100,000 names takes long enough to share.
pub fn walk_par(root: &Path, skip: &[&str]) -> (Vec<Dir>, Vec<Unlisted>) {
    use rayon::prelude::*;
    let (mut dirs, mut unlisted) = walk(root, false, skip);
    let below: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| {
            d.subdirs
                .iter()
                .filter(|s| !skip.iter().any(|k| *s == *k))
                .map(|s| d.path.join(s))
        })
        .collect();
    let listed: Vec<(Vec<Dir>, Vec<Unlisted>)> =
        below.par_iter().map(|path| walk(path, true, &[])).collect();
    for (more, failed) in listed {
        dirs.extend(more);
        unlisted.extend(failed);
    }
    (dirs, unlisted)
}

/// [`walk_par`] for a reader, which cannot go on without every directory: the first that cannot be
/// listed is the error.
pub fn walk_all_par(root: &Path) -> Result<Vec<Dir>> {
    let (dirs, unlisted) = walk_par(root, &[]);
    match unlisted.into_iter().next() {
        Some(Unlisted { path, error }) => {
            Err(error).with_context(|| format!("cannot read {}", path.display()))
        }
        None => Ok(dirs),
    }
}

/// [`walk`] for a reader, which cannot go on without every directory: the first that cannot be
/// listed is the error.
pub fn walk_all(root: &Path, deep: bool) -> Result<Vec<Dir>> {
    let (dirs, unlisted) = walk(root, deep, &[]);
    match unlisted.into_iter().next() {
        Some(Unlisted { path, error }) => {
            Err(error).with_context(|| format!("cannot read {}", path.display()))
        }
        None => Ok(dirs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_each_directory_once_with_its_files() -> Result<()> {
        let root = tempfile::tempdir()?;
        let sessions = root.path().join("sessions");
        fs::create_dir_all(sessions.join("2025"))?;
        fs::create_dir_all(sessions.join("2026"))?;
        fs::create_dir_all(root.path().join(".git/objects"))?;
        for file in [
            "sessions/2025/2025-01-05-alex-kim-abc123.toml",
            "sessions/2026/2026-01-05-alex-kim-def456.toml",
            "sessions/2026/.coachlog-x.tmp",
            "sessions/2026/notes.txt",
            ".git/HEAD",
        ] {
            fs::write(root.path().join(file), "")?;
        }
        let (dirs, unlisted) = walk(root.path(), true, &[".git"]);
        assert!(unlisted.is_empty());
        let mut listed: Vec<String> = dirs
            .iter()
            .map(|d| {
                let rel = d.path.strip_prefix(root.path()).expect("inside");
                format!("{} {}", rel.display(), d.records().count())
            })
            .collect();
        listed.sort();
        assert_eq!(
            listed,
            [" 0", "sessions 0", "sessions/2025 1", "sessions/2026 1"]
        );
        let year = dirs
            .iter()
            .find(|d| d.path.ends_with("2026"))
            .expect("2026");
        assert_eq!(
            year.files.len(),
            3,
            "every file is listed; records are picked"
        );
        assert_eq!(walk_all(&sessions, false)?.len(), 1, "one level");
        let (par, _) = walk_par(root.path(), &[".git"]);
        assert_eq!(
            par.len(),
            dirs.len(),
            "the same folders, listed side by side"
        );
        assert!(walk_all(&root.path().join("missing"), true)?.is_empty());
        Ok(())
    }
}
