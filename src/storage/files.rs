//! Safe file operations: private directories, atomic writes that never overwrite by accident, and
//! the logbook's lock.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Creates `dir` and any missing parents, owner-only (0700 on Unix) for each one it creates.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))
}

/// Writes `contents` to the new file `path` atomically: it appears whole or not at all, and an
/// existing file is never overwritten (the error's kind is then `AlreadyExists`).
pub fn write_new(path: &Path, contents: &str) -> Result<(), io::Error> {
    write_new_bytes(path, contents.as_bytes())
}

/// [`write_new`] for any bytes (an Excel workbook, say).
pub fn write_new_bytes(path: &Path, contents: &[u8]) -> Result<(), io::Error> {
    let temp = write_temp_beside(path, contents)?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    sync_parent(path)
}

/// Replaces the file `path` with `contents` atomically: readers see the old or the new file, never a
/// mix, and a crash or a full disk leaves the old one in place.
pub fn replace(path: &Path, contents: &str) -> Result<(), io::Error> {
    replace_bytes(path, contents.as_bytes())
}

/// [`replace`] for any bytes.
pub fn replace_bytes(path: &Path, contents: &[u8]) -> Result<(), io::Error> {
    let temp = write_temp_beside(path, contents)?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_parent(path)
}

/// Removes a file and makes the removal durable.
pub fn remove(path: &Path) -> Result<(), io::Error> {
    fs::remove_file(path)?;
    sync_parent(path)
}

/// A hidden temporary file in the target's directory (so the rename stays on one file system),
/// owner-only, written and flushed to disk.
fn write_temp_beside(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile, io::Error> {
    let dir = parent(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".coachlog-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(0o600))?;
    }
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Flushes a directory entry change (a rename, a new or removed file) to disk.
fn sync_parent(path: &Path) -> Result<(), io::Error> {
    #[cfg(unix)]
    File::open(parent(path))?.sync_all()?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Reads the files of one directory by name, opening each relative to the directory, so that the
/// kernel looks up one name instead of walking the whole path each time.
pub struct DirReader {
    #[cfg(unix)]
    dir: std::os::fd::OwnedFd,
    #[cfg(not(unix))]
    dir: std::path::PathBuf,
}

impl DirReader {
    /// Opens the directory.
    pub fn open(dir: &Path) -> Result<Self> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let fd = rustix::fs::open(
                dir,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(io::Error::from)
            .with_context(|| format!("cannot read {}", dir.display()))?;
            Ok(DirReader { dir: fd })
        }
        #[cfg(not(unix))]
        Ok(DirReader {
            dir: dir.to_path_buf(),
        })
    }

    /// The contents of the file `name` in the directory, as text.
    pub fn read(&self, name: &std::ffi::OsStr) -> Result<String, io::Error> {
        #[cfg(unix)]
        let file = {
            use rustix::fs::{Mode, OFlags};
            File::from(rustix::fs::openat(
                &self.dir,
                name,
                OFlags::RDONLY | OFlags::CLOEXEC,
                Mode::empty(),
            )?)
        };
        #[cfg(not(unix))]
        let file = File::open(self.dir.join(name))?;
        // Records are small: a buffer of that size and no `stat` for a size hint.
        let mut text = String::with_capacity(512);
        io::Read::read_to_string(&mut io::Read::take(file, u64::MAX), &mut text)?;
        Ok(text)
    }
}

/// How long a command waits for another coachlog process to finish changing the logbook.
const LOCK_PATIENCE: Duration = Duration::from_secs(10);

/// An exclusive advisory lock on the logbook, held while a command reads, checks and changes it;
/// released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Takes the exclusive lock on `lock_path`, waiting for other coachlog processes to finish.
pub fn lock(lock_path: &Path) -> Result<Lock> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(lock_path)
        .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_PATIENCE => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => bail!(
                "another coachlog command has been changing this logbook for over {} seconds \
                 (lock file {}); try again when it has finished",
                LOCK_PATIENCE.as_secs(),
                lock_path.display()
            ),
            Err(fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_new_never_overwrites() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.toml");
        write_new(&path, "first")?;
        let err = write_new(&path, "second").expect_err("exists");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path)?, "first");
        replace(&path, "third")?;
        assert_eq!(fs::read_to_string(&path)?, "third");
        let leftovers = fs::read_dir(dir.path())?.count();
        assert_eq!(leftovers, 1, "no temp file is left behind");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn files_and_directories_are_owner_only() -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir()?;
        let nested = dir.path().join("x/y");
        create_private_dir(&nested)?;
        let file = nested.join("f.toml");
        write_new(&file, "v")?;
        assert_eq!(
            fs::metadata(dir.path().join("x"))?.permissions().mode() & 0o777,
            0o700
        );
        assert_eq!(fs::metadata(&nested)?.permissions().mode() & 0o777, 0o700);
        assert_eq!(fs::metadata(&file)?.permissions().mode() & 0o777, 0o600);
        Ok(())
    }
}
