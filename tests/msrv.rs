//! The minimum supported Rust version: `rust-version` in Cargo.toml is at least every locked
//! dependency's own `rust-version`, so a user with that toolchain can build what Cargo.lock pins.
//! (clippy's `incompatible_msrv` lint checks our own use of the standard library against it.)

// A test may say on stderr why it skips; the lints on output are for coachlog itself.
#![allow(clippy::print_stderr, clippy::print_stdout)]

use serde_json::Value;

/// `1.89` or `1.89.0` as comparable numbers.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|p| p.parse::<u64>().expect("a number"));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

#[test]
fn rust_version_covers_every_locked_dependency() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // The packages this machine builds (the others are not downloaded here).
    let rustc =
        std::process::Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
            .arg("-vV")
            .output()
            .expect("rustc runs");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .expect("rustc names its host");
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--locked", "--format-version", "1"])
        .args(["--filter-platform", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let ours = version(env!("CARGO_PKG_RUST_VERSION"));
    // Only the packages the build uses: the resolved graph.
    let used: std::collections::HashSet<&str> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolved")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    let newer: Vec<String> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| p["id"].as_str().is_some_and(|id| used.contains(id)))
        .filter_map(|p| {
            let wants = p["rust_version"].as_str()?;
            (version(wants) > ours).then(|| format!("{} {} needs {wants}", p["name"], p["version"]))
        })
        .collect();
    assert!(
        newer.is_empty(),
        "rust-version {} is older than what these need: {newer:?}; raise rust-version or pin them",
        env!("CARGO_PKG_RUST_VERSION")
    );
}
