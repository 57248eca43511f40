//! What a file is, in words, and the error for a logbook file that is not a regular file: the
//! lowest floor of the file layer, which [`super::files`] and [`super::portable`] both use.

use std::fs;
use std::io;

/// What a file is, in words ("a named pipe (FIFO)"), from its type.
pub fn kind(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a directory"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// The error for a logbook file that is not a regular file (`what` says what it is).
pub fn not_regular(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "it is {what}, not a regular file: coachlog reads only regular files in the logbook \
             (nothing is read through a link or from a pipe or device); move it out of the logbook"
        ),
    )
}
