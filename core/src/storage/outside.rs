//! Files a command writes for the user outside the logbook's records — an export, a report, a
//! manual page, a key to take to another device — written whole and atomically, and never over a
//! file of the logbook, which changes only through the store's own methods (and so through the
//! guard of attested periods).

use std::fs;
use std::io;
use std::path::Path;

use super::{Store, files};
use crate::error::{Error, Kind};

impl Store {
    /// Writes `bytes` to `path`, replacing a regular file there only when `replace`; refused
    /// (nothing written) where `path` is in one of this logbook's folders or is one of the files
    /// the logbook keeps beside them (`config.toml`, the lock, the inbox).
    pub fn write_outside(&self, path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
        if self.holds(path) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                Error::new(
                    Kind::User,
                    format!(
                        "{} is a file of the logbook, which changes only through coachlog's own \
                         commands: write it outside the logbook's folders",
                        path.display()
                    ),
                ),
            ));
        }
        if replace && path.exists() {
            files::replace_bytes(path, bytes)
        } else {
            files::write_new_bytes(path, bytes)
        }
    }

    /// Whether `path` is in one of the logbook's folders, or is a file the logbook keeps in its
    /// own folder.
    fn holds(&self, path: &Path) -> bool {
        let Ok(root) = fs::canonicalize(&self.root) else {
            return false; // no logbook yet
        };
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let Ok(parent) = fs::canonicalize(parent) else {
            return false;
        };
        if parent == root {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            return name == "config.toml"
                || name == ".lock"
                || (name.starts_with("inbox") && name.ends_with(".txt"));
        }
        parent.starts_with(&root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_never_written_over_a_file_of_the_logbook() {
        let dir = tempfile::tempdir().expect("folder");
        let store = Store::new(dir.path().join("logbook"));
        std::fs::create_dir_all(store.sessions_dir().join("2026")).expect("folders");
        let session = store
            .sessions_dir()
            .join("2026/2026-01-11-alex-kim-2p9s6k.toml");
        let refused = store
            .write_outside(&session, b"x", true)
            .expect_err("a session's file");
        assert_eq!(
            crate::error::kind_of(&anyhow::Error::from(refused)),
            Some(Kind::User)
        );
        assert!(!session.exists(), "nothing written");
        assert!(
            store
                .write_outside(&store.config_path(), b"x", true)
                .is_err()
        );
        // Beside the logbook's folders, and outside it, an export is written.
        store
            .write_outside(&store.root().join("report.html"), b"<p>", false)
            .expect("in the logbook's own folder");
        store
            .write_outside(&dir.path().join("log.csv"), b"a,b", false)
            .expect("outside");
    }
}
