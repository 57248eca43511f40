//! Where an export or a report goes: standard output (`--output -`), a new file, or (with
//! `--force`) in place of a regular file, never of anything else.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::cmd::Context;
use crate::error::usage;
use crate::ui;
use coachlog_core::storage::files;

/// Where `--output` sends what a command makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Standard output (`--output -`).
    Stdout,
    /// A file.
    File(PathBuf),
}

impl Output {
    /// What `--output PATH` names: `-` is standard output.
    pub fn of(path: &Path) -> Self {
        if path.as_os_str() == "-" {
            Output::Stdout
        } else {
            Output::File(path.to_path_buf())
        }
    }

    /// What `--output` names, else the file `default` in the working directory.
    pub fn or_file(chosen: Option<&Path>, default: impl FnOnce() -> String) -> Self {
        match chosen {
            Some(path) => Output::of(path),
            None => Output::File(PathBuf::from(default())),
        }
    }

    /// Refuses, before anything is made, a file that exists without `--force`, and in any case
    /// what is not a regular file (a named pipe, a device, a directory, a link): `--force` replaces
    /// a regular file only.
    pub fn check(&self, force: bool) -> Result<()> {
        let Output::File(path) = self else {
            return Ok(());
        };
        match fs::symlink_metadata(path) {
            Ok(meta) if !meta.is_file() => Err(usage(format!(
                "{} is {}, not a regular file: --force replaces only a regular file, so nothing \
                 was written; give --output the path of a file (or `-` for standard output)",
                path.display(),
                files::kind(meta.file_type())
            ))),
            Ok(_) if !force => Err(usage(format!(
                "{} exists: add --force to replace it, or write elsewhere (--output, or --out for \
                 a folder)",
                path.display()
            ))),
            Ok(_) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
        }
    }

    /// Writes `bytes` where it goes (checked again at the last moment: a regular file only is
    /// replaced, atomically, and only with `force`); a file written is named on stderr.
    pub fn write(&self, ctx: &mut Context, bytes: &[u8], force: bool) -> Result<()> {
        match self {
            Output::Stdout => Ok(ctx.out.write_all(bytes)?),
            Output::File(path) => {
                self.check(force)?;
                // `check` allowed a file there to be replaced.
                let written = ctx.store.write_outside(path, bytes, true);
                written.with_context(|| format!("cannot write {}", path.display()))?;
                ui::note(format!(
                    "Wrote {}",
                    ui::clean(&path.display().to_string(), 200)
                ));
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_output() {
        assert_eq!(Output::of(Path::new("-")), Output::Stdout);
        assert_eq!(
            Output::of(Path::new("./-")),
            Output::File(PathBuf::from("./-"))
        );
    }

    #[test]
    fn force_replaces_a_regular_file_only() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("log.csv");
        assert!(Output::File(file.clone()).check(false).is_ok(), "new file");
        fs::write(&file, "old")?;
        let exists = Output::File(file.clone()).check(false).expect_err("exists");
        assert!(exists.to_string().contains("add --force"), "{exists}");
        assert!(Output::File(file).check(true).is_ok());
        let folder = Output::File(dir.path().to_path_buf()).check(true);
        let folder = folder.expect_err("a directory");
        assert!(folder.to_string().contains("is a directory"), "{folder}");
        Ok(())
    }
}
