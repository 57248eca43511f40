//! What a command reads that the user names: a file outside the logbook, or standard input
//! (`-`), always bounded.

use std::io::Read;
use std::path::Path;

use anyhow::{Context as _, Result};

use crate::error::usage;
use coachlog_core::storage::files;

/// The bytes of `file` (a regular file only), or of standard input where it is `-`: at most
/// [`files::MAX_INPUT_BYTES`].
pub fn read(file: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .take(files::MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        if bytes.len() as u64 > files::MAX_INPUT_BYTES {
            return Err(usage(format!(
                "standard input holds more than the {} MiB an import reads",
                files::MAX_INPUT_BYTES >> 20
            )));
        }
    } else {
        bytes = files::read_named(file, files::MAX_INPUT_BYTES).with_context(|| {
            format!(
                "cannot read {}",
                crate::ui::clean(&file.display().to_string(), 200)
            )
        })?;
    }
    Ok(bytes)
}
