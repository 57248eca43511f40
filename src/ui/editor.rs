//! Text in the user's editor: `$VISUAL`, else `$EDITOR`, else `vi` (Notepad on Windows), on a private
//! copy that is removed afterwards.
//!
//! The copy may hold what is kept encrypted (a note, a contact): it is written where only the user
//! can read (the logbook's folder, owner-only, as [`keep_copies_in`] says; else the system's
//! temporary folder), under a name that says which process it belongs to (`.coachlog-edit-PID-…`),
//! and removed when the editor is done, when the process is ended by a signal that can be caught
//! (`SIGTERM`, `SIGHUP` when the terminal closes, `SIGINT`), and — after a `kill -9`, which cannot
//! be caught — by the next run (`Store::sweep_edit_copies`).

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use coachlog_core::storage::EDIT_COPY_PREFIX as COPY_PREFIX;

/// Where editor copies are kept in this run, once [`keep_copies_in`] says.
static COPIES: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Keeps the editor's copies in `dir` (the logbook's folder) from now on.
pub fn keep_copies_in(dir: PathBuf) {
    *COPIES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(dir);
}

/// The editor command, as the user set it (it may carry arguments, e.g. `code --wait`).
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| {
            if cfg!(windows) {
                "notepad".to_owned()
            } else {
                "vi".to_owned()
            }
        })
}

/// The folder copies go to: the one [`keep_copies_in`] named when it exists, else the system's
/// temporary folder.
fn copies_dir() -> PathBuf {
    COPIES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir)
}

/// A new private copy for the editor in `dir`, owner-only.
fn new_copy(dir: &std::path::Path, suffix: &str) -> Result<tempfile::NamedTempFile> {
    let prefix = format!("{COPY_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    Ok(builder.tempfile_in(dir)?)
}

/// Removes this process's copies from `dir` (a signal ends it, or the editor is done).
fn remove_own_copies(dir: &std::path::Path) {
    let own = format!("{COPY_PREFIX}{}-", std::process::id());
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.filter_map(|e| e.ok()) {
            if entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&own))
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// While it lives, a signal that ends the process removes the editor's copies first. It is set up
/// before a copy is made, so that no signal can come between.
struct Removal {
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
    #[cfg(unix)]
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Removal {
    fn of(dir: PathBuf) -> Result<Removal> {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
                .context("cannot watch for signals")?;
            let handle = signals.handle();
            let thread = std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    remove_own_copies(&dir);
                    std::process::exit(128 + signal);
                }
            });
            Ok(Removal {
                handle,
                thread: Some(thread),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            Ok(Removal {})
        }
    }
}

impl Drop for Removal {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            self.handle.close();
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
        }
    }
}

/// Opens `text` in the editor and returns what was saved. `suffix` (such as `.toml`) lets the
/// editor pick its highlighting.
pub fn edit(text: &str, suffix: &str) -> Result<String> {
    let dir = copies_dir();
    let _removal = Removal::of(dir.clone())?;
    let mut file = new_copy(&dir, suffix)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    let command = editor();
    let words = shell_words::split(&command).with_context(|| {
        format!("cannot read the editor command {command:?} (from VISUAL or EDITOR)")
    })?;
    let Some((program, args)) = words.split_first() else {
        bail!("the editor command is empty: set VISUAL or EDITOR (e.g. EDITOR=nano)");
    };
    let status = std::process::Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .with_context(|| {
            format!("cannot start the editor '{program}': set VISUAL or EDITOR to one you have")
        })?;
    if !status.success() {
        bail!("the editor '{program}' exited with {status}; nothing was changed");
    }
    std::fs::read_to_string(file.path()).context("cannot read back what the editor saved")
}
