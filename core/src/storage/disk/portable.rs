//! What coachlog does where the Unix calls it uses elsewhere (`O_NOFOLLOW` opens, `openat`,
//! `syncfs`, permission bits) are not there: the fallbacks of Windows, in plain `std`. They are
//! compiled and tested on every platform, so that the fallback a Windows build runs is the code
//! these tests ran.

use std::fs::{self, File};
use std::io;
use std::path::Path;

/// The error for what is not a regular file, in words (see [`super::file_type::not_regular`]).
fn not_regular(what: &str) -> io::Error {
    super::file_type::not_regular(what)
}

/// Opens `path` for reading, refusing a symbolic link (which `std` would follow): the check and the
/// open are two steps here, where Unix has one (`O_NOFOLLOW`).
pub fn open_no_link(path: &Path) -> Result<File, io::Error> {
    if fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(not_regular("a symbolic link"));
    }
    File::open(path)
}

/// A file's permission bits where the platform has none: owner-only, as coachlog makes them.
pub const OWNER_ONLY: u32 = 0o600;

/// Flushes each file to disk, where the file system cannot be flushed at once.
pub fn sync_each(files: &[&Path]) -> Result<(), io::Error> {
    for file in files {
        File::open(file)?.sync_all()?;
    }
    Ok(())
}

/// A regular file's permission bits and size from its metadata, or the error for what it is.
pub fn regular_mode_and_size(meta: &fs::Metadata) -> Result<(u32, u64), io::Error> {
    if !meta.is_file() {
        return Err(not_regular(super::file_type::kind(meta.file_type())));
    }
    Ok((OWNER_ONLY, meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_refused_and_a_file_opens() -> Result<(), io::Error> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.toml");
        fs::write(&file, "version = 1\n")?;
        let mut text = String::new();
        io::Read::read_to_string(&mut open_no_link(&file)?, &mut text)?;
        assert_eq!(text, "version = 1\n");
        #[cfg(unix)]
        {
            let link = dir.path().join("b.toml");
            std::os::unix::fs::symlink(&file, &link)?;
            let e = open_no_link(&link)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(e.contains("a symbolic link"), "{e}");
        }
        let missing = open_no_link(&dir.path().join("c.toml"))
            .err()
            .map(|e| e.kind());
        assert_eq!(missing, Some(io::ErrorKind::NotFound));
        Ok(())
    }

    #[test]
    fn a_regular_file_has_its_size_and_a_folder_is_named() -> Result<(), io::Error> {
        let dir = tempfile::tempdir()?;
        let file = dir.path().join("a.toml");
        fs::write(&file, "12345")?;
        assert_eq!(
            regular_mode_and_size(&fs::metadata(&file)?)?,
            (OWNER_ONLY, 5)
        );
        let e = regular_mode_and_size(&fs::metadata(dir.path())?)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("a directory") || e.contains("folder"), "{e}");
        sync_each(&[&file])?;
        Ok(())
    }
}
