//! The benchmark's floor: the least any reader of a logbook must do. Two threads list the session
//! folders, open each file relative to its folder, read it once and close it; nothing is parsed.
//! `summary` should take no more than 1.8 times as long.
//!
//! ```text
//! cargo run --release --example floor -- DIR
//! ```

// A developer's tool, not coachlog: its output is its own.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Threads: the machines the benchmark is run on have two cores.
const THREADS: usize = 2;

/// Every folder under `dir` with its `.toml` files.
fn list(dir: &Path, found: &mut Vec<(PathBuf, Vec<OsString>)>) -> std::io::Result<()> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            list(&entry.path(), found)?;
        } else if entry.file_name().to_string_lossy().ends_with(".toml") {
            files.push(entry.file_name());
        }
    }
    found.push((dir.to_path_buf(), files));
    Ok(())
}

/// Opens `name` relative to the open folder `dir` and reads it with one call; returns the bytes read.
#[cfg(unix)]
fn read_once(dir: &fs::File, name: &OsString, buf: &mut [u8]) -> std::io::Result<usize> {
    use rustix::fs::{Mode, OFlags, openat};
    let fd = openat(dir, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
    let mut file = fs::File::from(fd);
    file.read(buf)
}

#[cfg(not(unix))]
fn read_once(dir: &Path, name: &OsString, buf: &mut [u8]) -> std::io::Result<usize> {
    fs::File::open(dir.join(name))?.read(buf)
}

fn main() -> std::io::Result<()> {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let mut folders = Vec::new();
    list(&root.join("sessions"), &mut folders)?;
    // Each folder's files are split between the threads.
    let totals = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|worker| {
                let folders = &folders;
                scope.spawn(move || -> std::io::Result<(u64, u64)> {
                    let mut buf = vec![0u8; 8192];
                    let (mut files, mut bytes) = (0u64, 0u64);
                    for (dir, names) in folders {
                        #[cfg(unix)]
                        let opened = fs::File::open(dir)?;
                        #[cfg(not(unix))]
                        let opened = dir.as_path();
                        for name in names.iter().skip(worker).step_by(THREADS) {
                            bytes += read_once(&opened, name, &mut buf)? as u64;
                            files += 1;
                        }
                    }
                    Ok((files, bytes))
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a reader thread"))
            .collect::<std::io::Result<Vec<(u64, u64)>>>()
    })?;
    let (files, bytes) = totals
        .iter()
        .fold((0, 0), |(f, b), (files, bytes)| (f + files, b + bytes));
    println!("{files} session files, {bytes} bytes");
    Ok(())
}
