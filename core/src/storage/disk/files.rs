//! Safe file operations: private directories, atomic writes that never overwrite by accident, and
//! the logbook's lock.

pub use super::file_type::{kind, not_regular};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
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

/// Makes the files `paths` (relative to `root`) owner-only (0600), and the folders between them and
/// `root` too (0700), as coachlog writes them: after files come from elsewhere (a git checkout)
/// with the default mode. A path that no longer exists is skipped.
pub fn make_private(root: &Path, paths: &[PathBuf]) -> Result<()> {
    let mut done = std::collections::HashSet::new();
    for relative in paths {
        let file = root.join(relative);
        restrict(&file)?;
        for dir in file
            .ancestors()
            .skip(1)
            .take_while(|d| d.starts_with(root) && *d != root)
        {
            if done.insert(dir.to_path_buf()) {
                restrict(dir)?;
            }
        }
    }
    Ok(())
}

/// Makes `path` owner-only when others may use it: a regular file 0600, a folder 0700; anything
/// else (a link above all: its target is not the logbook's) is left alone. Returns whether it
/// changed anything.
pub fn restrict(path: &Path) -> Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(meta) = fs::symlink_metadata(path) else {
            return Ok(false);
        };
        let want = match meta.file_type() {
            t if t.is_file() => 0o600,
            t if t.is_dir() => 0o700,
            _ => return Ok(false),
        };
        if meta.permissions().mode() & 0o077 == 0 {
            return Ok(false);
        }
        fs::set_permissions(path, fs::Permissions::from_mode(want))
            .with_context(|| format!("cannot make {} private", path.display()))?;
        Ok(true)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

/// Writes the logbook file `path` (a record, `config.toml`, a key) new, atomically: it appears
/// whole or not at all, and an existing file is never overwritten (the error's kind is then
/// `AlreadyExists`). A text over [`MAX_RECORD_BYTES`], which no reader would read back, is refused
/// before anything is written.
pub(crate) fn write_new(path: &Path, contents: &str) -> Result<(), io::Error> {
    readable_size(contents.len())?;
    write_new_bytes(path, contents.as_bytes())
}

/// Refuses a logbook file of `size` bytes that coachlog's own readers would refuse: the one check
/// of size on the write path ([`write_new`], [`replace`], [`Staged::add`], a session's file).
pub fn readable_size(size: usize) -> Result<(), io::Error> {
    if size <= MAX_RECORD_BYTES {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidData,
        crate::error::Error::new(
            crate::error::Kind::User,
            format!(
                "it would be {:.1} MiB, and coachlog reads a logbook file of at most {} MiB, so \
             nothing was written (shorten the text; attest a shorter period)",
                size as f64 / f64::from(1u32 << 20),
                MAX_RECORD_BYTES >> 20
            ),
        ),
    ))
}

/// [`write_new`] for any bytes (an Excel workbook, say).
pub(crate) fn write_new_bytes(path: &Path, contents: &[u8]) -> Result<(), io::Error> {
    write_new_unsynced(path, contents)?;
    sync_parent(path)
}

/// [`write_new`] without making the directory entry durable: the file is whole on disk, and appears
/// whole or not at all; after a crash it may be missing until the caller syncs the directory
/// ([`sync_dir`]).
pub fn write_new_unsynced(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), io::Error> {
    if let Some(written) = write_unnamed(path, contents.as_ref(), false) {
        return written;
    }
    let temp = write_temp_beside(path, contents.as_ref())?;
    temp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `contents` as the file `path` from a file that has no name until it is whole (Linux's
/// `O_TMPFILE`, named by `linkat`): a process killed while writing — even by `kill -9` — leaves
/// nothing behind, in the logbook or in the folder an export goes to. With `replace`, the whole
/// file then takes the place of the one there (through a hidden name that lives between two
/// system calls). `None` where the platform or the file system cannot: the caller then writes a
/// hidden temporary file beside it, as elsewhere.
fn write_unnamed(path: &Path, contents: &[u8], replace: bool) -> Option<Result<(), io::Error>> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{AtFlags, CWD, Mode, OFlags};
        use std::os::fd::AsRawFd;
        let dir = parent(path);
        let fd = rustix::fs::open(
            dir,
            OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
            Mode::RUSR | Mode::WUSR,
        )
        .ok()?;
        let mut file = File::from(fd);
        if let Err(e) = file.write_all(contents).and_then(|()| file.sync_all()) {
            return Some(Err(e));
        }
        let unnamed = format!("/proc/self/fd/{}", file.as_raw_fd());
        let link = |to: &Path| rustix::fs::linkat(CWD, &unnamed, CWD, to, AtFlags::SYMLINK_FOLLOW);
        if !replace {
            return match link(path) {
                Ok(()) => Some(Ok(())),
                Err(rustix::io::Errno::EXIST) => {
                    Some(Err(io::Error::from(io::ErrorKind::AlreadyExists)))
                }
                // No /proc to name it by: the unnamed file goes with the handle, and the caller
                // writes it the other way.
                Err(_) => None,
            };
        }
        let hidden = dir.join(format!(".coachlog-{}.tmp", super::name::random_id()));
        match link(&hidden) {
            Ok(()) => Some(fs::rename(&hidden, path).inspect_err(|_| {
                let _ = fs::remove_file(&hidden);
            })),
            Err(_) => None,
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (path, contents, replace);
        None
    }
}

/// Many new files written together (an import), durable with one flush of the file system instead
/// of two per file: each is first written as a hidden temporary file in its directory, all are
/// flushed at once ([`Staged::commit`]), and only then renamed into place, so that after a crash a
/// file is whole or absent (with, at worst, hidden temporary files that `check` reports).
#[derive(Default)]
pub struct Staged {
    files: Vec<(tempfile::TempPath, PathBuf)>,
}

impl Staged {
    /// Writes `contents` as a hidden temporary file beside `path`, to become `path` on commit.
    pub fn add(&mut self, path: PathBuf, contents: &[u8]) -> Result<(), io::Error> {
        readable_size(contents.len())?;
        let mut temp = temp_beside(&path)?;
        temp.write_all(contents)?;
        // Closed now: an import may stage more files than a process may keep open.
        self.files.push((temp.into_temp_path(), path));
        Ok(())
    }

    /// Flushes every staged file to disk, then moves each into place, never over an existing file:
    /// `rename` picks another name for one whose name was taken meanwhile (a file made by hand), or
    /// gives up with `None`. Returns the paths written.
    pub fn commit(
        self,
        mut rename: impl FnMut(&Path) -> Option<PathBuf>,
    ) -> Result<Vec<PathBuf>, io::Error> {
        let Some((first, _)) = self.files.first() else {
            return Ok(Vec::new());
        };
        sync_file_system(first, &self.files)?;
        let mut written = Vec::with_capacity(self.files.len());
        let mut dirs: Vec<PathBuf> = Vec::new();
        for (temp, mut path) in self.files {
            let mut temp = temp;
            loop {
                match temp.persist_noclobber(&path) {
                    Ok(()) => break,
                    Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
                        temp = e.path;
                        path = rename(&path).ok_or(e.error)?;
                    }
                    Err(e) => return Err(e.error),
                }
            }
            let dir = parent(&path).to_path_buf();
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
            written.push(path);
        }
        for dir in dirs {
            sync_dir(&dir)?;
        }
        Ok(written)
    }
}

impl Staged {
    /// Flushes every staged file to disk, then moves each over the file it replaces (each replace
    /// atomic, as [`replace`]'s): what many files rewritten together (the whole logbook sealed)
    /// costs one flush instead of one each. Returns how many.
    pub fn commit_replacing(self) -> Result<usize, io::Error> {
        let Some((first, _)) = self.files.first() else {
            return Ok(0);
        };
        sync_file_system(first, &self.files)?;
        let mut dirs: Vec<PathBuf> = Vec::new();
        let count = self.files.len();
        for (temp, path) in self.files {
            temp.persist(&path).map_err(|e| e.error)?;
            let dir = parent(&path).to_path_buf();
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
        for dir in dirs {
            sync_dir(&dir)?;
        }
        Ok(count)
    }
}

/// Flushes the staged files' data to disk: the whole file system at once where it can be asked
/// for (Linux), else file by file.
fn sync_file_system(
    first: &Path,
    files: &[(tempfile::TempPath, PathBuf)],
) -> Result<(), io::Error> {
    #[cfg(target_os = "linux")]
    {
        let _ = files;
        rustix::fs::syncfs(File::open(first)?).map_err(io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = first;
        let paths: Vec<&Path> = files.iter().map(|(temp, _)| temp.as_ref()).collect();
        super::portable::sync_each(&paths)
    }
}

/// Replaces the logbook file `path` with `contents` atomically: readers see the old or the new
/// file, never a mix, and a crash or a full disk leaves the old one in place. A text no reader
/// would read back (over [`MAX_RECORD_BYTES`]) is refused before anything is written.
pub(crate) fn replace(path: &Path, contents: &str) -> Result<(), io::Error> {
    readable_size(contents.len())?;
    replace_bytes(path, contents.as_bytes())
}

/// [`replace`] for any bytes.
pub(crate) fn replace_bytes(path: &Path, contents: &[u8]) -> Result<(), io::Error> {
    if let Some(written) = write_unnamed(path, contents, true) {
        written?;
        return sync_parent(path);
    }
    let temp = write_temp_beside(path, contents)?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_parent(path)
}

/// Removes a file and makes the removal durable.
pub(crate) fn remove(path: &Path) -> Result<(), io::Error> {
    fs::remove_file(path)?;
    sync_parent(path)
}

/// A hidden temporary file in the target's directory (so the rename stays on one file system),
/// owner-only, written and flushed to disk.
fn write_temp_beside(path: &Path, contents: &[u8]) -> Result<tempfile::NamedTempFile, io::Error> {
    let mut temp = temp_beside(path)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// A new, empty, hidden, owner-only temporary file in the target's directory (created owner-only,
/// so it is never readable by others, even for a moment).
fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, io::Error> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".coachlog-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    builder.tempfile_in(parent(path))
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Flushes a directory entry change (a rename, a new or removed file) to disk.
fn sync_parent(path: &Path) -> Result<(), io::Error> {
    sync_dir(parent(path))
}

/// Makes a directory's entries (files created, renamed or removed in it) durable.
pub fn sync_dir(dir: &Path) -> Result<(), io::Error> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The largest record file coachlog reads (a session file is about 300 bytes): a larger one is
/// refused before it is read, so that a file gone wrong (or a link to an endless device) cannot
/// fill the memory.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The error for a record file over [`MAX_RECORD_BYTES`].
fn too_large(bytes: Option<u64>) -> io::Error {
    let size = bytes.map_or_else(
        || format!("over {} MiB", MAX_RECORD_BYTES >> 20),
        |b| format!("{:.1} MiB", b as f64 / f64::from(1u32 << 20)),
    );
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "it is {size}, and a logbook file is at most {} MiB (a session file is a few hundred \
             bytes): it is not a record coachlog wrote; move it out of the logbook",
            MAX_RECORD_BYTES >> 20
        ),
    )
}

/// Reads the logbook file `path` as text, only if it is a regular file of at most
/// [`MAX_RECORD_BYTES`]: a symbolic link is not followed, and a pipe or device is never read (nor
/// waited on). A missing file is the `NotFound` error.
pub fn read_regular(path: &Path) -> Result<String, io::Error> {
    let (file, size) = open_regular_file(path)?;
    if size > MAX_RECORD_BYTES as u64 {
        return Err(too_large(Some(size)));
    }
    read_text(file)
}

/// The most a file the user names outside the logbook is read (an import, a calendar export): a
/// year of a busy calendar is a few MiB.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a file the user names outside the logbook (a calendar export, an import): through a
/// link, as any program reads what it is given, but only a regular file — never a pipe, a
/// terminal or a device, which would hang or never end — and at most `max` bytes.
pub fn read_named(path: &Path, max: u64) -> Result<Vec<u8>, io::Error> {
    let file = open_regular(|flags| {
        #[cfg(unix)]
        {
            use rustix::fs::OFlags;
            rustix::fs::open(path, flags & !OFlags::NOFOLLOW, rustix::fs::Mode::empty())
                .map(File::from)
                .map_err(io::Error::from)
        }
        #[cfg(not(unix))]
        {
            let _ = flags;
            File::open(path)
        }
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it is {}, not a regular file: give the path of a file (a pipe, a terminal or a \
                 device is never read)",
                kind(meta.file_type())
            ),
        ));
    }
    if meta.len() > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is {} MiB, more than the {} MiB read of such a file",
                meta.len() >> 20,
                max >> 20
            ),
        ));
    }
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::Read::take(file, max + 1), &mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("it grew past the {} MiB read of such a file", max >> 20),
        ));
    }
    Ok(bytes)
}

/// Opens the logbook file `path` for reading, only if it is a regular file (never through a
/// symbolic link, never waiting on a pipe); with its size. Reading it is the caller's, within a
/// bound of its own.
pub fn open_regular_file(path: &Path) -> Result<(File, u64), io::Error> {
    let file = open_regular(|flags| {
        #[cfg(unix)]
        {
            rustix::fs::open(path, flags, rustix::fs::Mode::empty())
                .map(File::from)
                .map_err(nofollow_error)
        }
        #[cfg(not(unix))]
        {
            let _ = flags;
            super::portable::open_no_link(path)
        }
    })?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(kind(meta.file_type())));
    }
    Ok((file, meta.len()))
}

#[cfg(unix)]
type OpenFlags = rustix::fs::OFlags;
#[cfg(not(unix))]
type OpenFlags = ();

/// Opens a file for reading with the flags that keep a reader safe: never through a symbolic link,
/// never waiting on a pipe with no writer.
fn open_regular(
    open: impl FnOnce(OpenFlags) -> Result<File, io::Error>,
) -> Result<File, io::Error> {
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        open(OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW | OFlags::NONBLOCK)
    }
    #[cfg(not(unix))]
    open(())
}

/// The error of an open with `O_NOFOLLOW`: `ELOOP` means the file is a symbolic link, and is
/// named as one.
#[cfg(unix)]
fn nofollow_error(e: rustix::io::Errno) -> io::Error {
    if e == rustix::io::Errno::LOOP {
        not_regular("a symbolic link")
    } else {
        io::Error::from(e)
    }
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

    /// The contents of the regular file `name` in the directory, as text, and its permission bits
    /// (from the opened file: one `fstat`, which also refuses what is not a regular file).
    pub fn read_with_mode(&self, name: &std::ffi::OsStr) -> Result<(String, u32), io::Error> {
        let file = self.open_file(name)?;
        // One `fstat` (cheaper than the `statx` of `File::metadata`: `check` does this per file).
        #[cfg(unix)]
        let (mode, size) = {
            let stat = rustix::fs::fstat(&file)?;
            let kind = rustix::fs::FileType::from_raw_mode(stat.st_mode);
            if kind != rustix::fs::FileType::RegularFile {
                let meta = file.metadata()?;
                return Err(not_regular(self::kind(meta.file_type())));
            }
            (stat.st_mode, u64::try_from(stat.st_size).unwrap_or(0))
        };
        #[cfg(not(unix))]
        let (mode, size) = super::portable::regular_mode_and_size(&file.metadata()?)?;
        if size > MAX_RECORD_BYTES as u64 {
            return Err(too_large(Some(size)));
        }
        Ok((read_text(file)?, mode))
    }

    /// The contents of the file `name` in the directory, as text: a name the walk listed as a
    /// regular file (so without an `fstat`; a link put in its place meanwhile is not followed, a
    /// pipe is not waited on, and no more than [`MAX_RECORD_BYTES`] are read).
    pub fn read(&self, name: &std::ffi::OsStr) -> Result<String, io::Error> {
        read_text(self.open_file(name)?)
    }

    fn open_file(&self, name: &std::ffi::OsStr) -> Result<File, io::Error> {
        open_regular(|flags| {
            #[cfg(unix)]
            {
                rustix::fs::openat(&self.dir, name, flags, rustix::fs::Mode::empty())
                    .map(File::from)
                    .map_err(nofollow_error)
            }
            #[cfg(not(unix))]
            {
                let _ = flags;
                super::portable::open_no_link(&self.dir.join(name))
            }
        })
    }
}

/// A record file's text, read without a `stat` for its size and, for a file smaller than the
/// buffer (every record coachlog writes), with one `read`: a regular file's read returns fewer bytes
/// than asked for only at its end. The bytes land in a buffer kept by the thread, and the text takes
/// only its own size. More than [`MAX_RECORD_BYTES`] is never read.
fn read_text(mut file: File) -> Result<String, io::Error> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 8192]);
    }
    BUFFER.with_borrow_mut(|buffer| {
        let mut filled = 0;
        loop {
            match io::Read::read(&mut file, &mut buffer[filled..]) {
                Ok(0) => break,
                Ok(n) => {
                    filled += n;
                    if filled > MAX_RECORD_BYTES {
                        return Err(too_large(None));
                    }
                    if filled < buffer.len() {
                        break;
                    }
                    let doubled = (buffer.len() * 2).min(MAX_RECORD_BYTES + 1);
                    buffer.resize(doubled, 0);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    return Err(not_regular("a named pipe (FIFO)"));
                }
                Err(e) => return Err(e),
            }
        }
        let text = std::str::from_utf8(&buffer[..filled])
            .map(str::to_owned)
            .map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the file is not UTF-8 text: save it as UTF-8",
                )
            });
        // A file that once was large leaves the thread's buffer small again.
        if buffer.len() > 1 << 16 {
            buffer.truncate(8192);
            buffer.shrink_to_fit();
        }
        text
    })
}

/// How long a command waits for another coachlog process to finish changing the logbook.
const LOCK_PATIENCE: Duration = Duration::from_secs(10);

/// An exclusive advisory lock on the logbook, held while a command reads, checks and changes it;
/// released when dropped. While it is held the lock file says which process holds it, and it is
/// emptied on release: a lock file found not empty was held by a process that ended without
/// releasing it (killed, or the machine stopped), which may have left temporary files behind.
#[derive(Debug)]
pub struct Lock {
    file: File,
    interrupted: bool,
}

impl Lock {
    /// Whether the process that held the lock before ended in the middle of a change.
    pub fn interrupted(&self) -> bool {
        self.interrupted
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Released cleanly: nothing was left half done.
        let _ = self.file.set_len(0);
    }
}

/// Takes the exclusive lock on `lock_path`, waiting for other coachlog processes to finish.
pub fn lock(lock_path: &Path) -> Result<Lock> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).read(true).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        (rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32,
    );
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options
        .open(lock_path)
        .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?;
    if !meta.is_file() {
        bail!(
            "the lock file {} is {}, not a regular file: remove it (coachlog makes a new one)",
            lock_path.display(),
            kind(meta.file_type())
        );
    }
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
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
    let interrupted = file.metadata().is_ok_and(|m| m.len() > 0);
    let mut lock = Lock { file, interrupted };
    // The mark is a help, not a need: on a full disk the change itself says what fails.
    let _ = write!(lock.file, "{}", std::process::id());
    Ok(lock)
}

/// Whether `file_name` is one of the temporary files coachlog writes before a file takes its
/// place.
pub fn is_temporary(file_name: &str) -> bool {
    file_name.starts_with(".coachlog-") && file_name.ends_with(".tmp")
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

    #[test]
    fn reads_small_and_large_files_whole() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let reader = DirReader::open(dir.path())?;
        for size in [0, 1, 4095, 4096, 4097, 20_000] {
            let text: String = "ab\n".chars().cycle().take(size).collect();
            let name = format!("f{size}.toml");
            fs::write(dir.path().join(&name), &text)?;
            assert_eq!(reader.read(name.as_ref())?, text, "{size} bytes");
        }
        fs::write(dir.path().join("bad.toml"), [0xff, 0xfe])?;
        let err = reader.read("bad.toml".as_ref()).expect_err("not UTF-8");
        assert!(err.to_string().contains("UTF-8"), "{err}");
        Ok(())
    }

    #[test]
    fn staged_files_appear_whole_and_never_over_another() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let mut staged = Staged::default();
        staged.add(dir.path().join("a.toml"), b"first")?;
        staged.add(dir.path().join("b.toml"), b"second")?;
        let hidden = |d: &Path| -> Result<usize> {
            Ok(fs::read_dir(d)?
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.file_name().to_string_lossy().starts_with('.'))
                })
                .count())
        };
        assert_eq!(hidden(dir.path())?, 2, "staged as hidden temporary files");
        assert!(!dir.path().join("a.toml").exists());
        // A file made meanwhile under one of the names is kept; the staged one gets another name.
        fs::write(dir.path().join("b.toml"), "by hand")?;
        let written = staged.commit(|path| Some(path.with_file_name("c.toml")))?;
        assert_eq!(written.len(), 2);
        assert_eq!(fs::read_to_string(dir.path().join("a.toml"))?, "first");
        assert_eq!(fs::read_to_string(dir.path().join("b.toml"))?, "by hand");
        assert_eq!(fs::read_to_string(dir.path().join("c.toml"))?, "second");
        assert_eq!(hidden(dir.path())?, 0, "no temporary file is left");
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
