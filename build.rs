//! Records the git commit coachlog is built from, for `coachlog --version`: `0.1.0 (commit
//! 1a2b3c4d5e6f)`. A build outside a git checkout (a crate from crates.io) says the version alone;
//! `COACHLOG_COMMIT` names the commit where git is not there to ask (a packager's build).

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=COACHLOG_COMMIT");
    // A new commit or checkout moves HEAD or the branch it names.
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    let commit = std::env::var("COACHLOG_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            let out = Command::new("git")
                .args(["rev-parse", "--short=12", "HEAD"])
                .output()
                .ok()?;
            let commit = String::from_utf8(out.stdout).ok()?;
            (out.status.success() && !commit.trim().is_empty()).then(|| commit.trim().to_owned())
        });
    let version = env!("CARGO_PKG_VERSION");
    let line = match commit {
        Some(commit) => format!("{version} (commit {})", commit.trim()),
        None => version.to_owned(),
    };
    println!("cargo:rustc-env=COACHLOG_VERSION={line}");
}
