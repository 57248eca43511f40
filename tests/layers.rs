//! The layers of the house, kept by a test: the core (`coachlog-core`: the logbook, the rules,
//! reports, import and export) builds on no command-line parser, table renderer, prompt or
//! terminal crate, at any depth, and the command line (`coachlog`) builds on the core. (Inside the
//! core, clippy refuses the standard streams: `core/clippy.toml`.)

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

/// The crates a core must not reach: what parses a command line, draws a table, asks a question or
/// drives a terminal.
const FRONT_END_CRATES: &[&str] = &[
    "clap",
    "clap_builder",
    "clap_complete",
    "clap_mangen",
    "comfy-table",
    "console",
    "crossterm",
    "dialoguer",
    "indicatif",
    "ratatui",
    "rustyline",
    "signal-hook",
    "termion",
    "vt100",
];

/// `cargo metadata` of the workspace, for this machine's platform.
fn metadata() -> Value {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// Every package `root` builds on (normal dependencies, at any depth), by name.
fn builds_on(metadata: &Value, root: &str) -> BTreeSet<String> {
    let names: HashMap<&str, &str> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?, p["name"].as_str()?)))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolved")
        .iter()
        .filter_map(|n| Some((n["id"].as_str()?, n)))
        .collect();
    let start = names
        .iter()
        .find(|(_, name)| **name == root)
        .map(|(id, _)| *id)
        .unwrap_or_else(|| panic!("{root} is a package of the workspace"));
    let mut seen = BTreeSet::new();
    let mut pending = vec![start];
    while let Some(id) = pending.pop() {
        for dep in nodes[id]["deps"].as_array().expect("deps") {
            // A dependency for building or testing only is not one the library builds on.
            let normal = dep["dep_kinds"]
                .as_array()
                .expect("kinds")
                .iter()
                .any(|k| k["kind"].is_null());
            let dep_id = dep["pkg"].as_str().expect("pkg");
            if normal && seen.insert(names[dep_id].to_owned()) {
                pending.push(dep_id);
            }
        }
    }
    seen
}

#[test]
fn the_core_builds_on_no_front_end_crate() {
    let metadata = metadata();
    let core = builds_on(&metadata, "coachlog-core");
    let reached: Vec<&&str> = FRONT_END_CRATES
        .iter()
        .filter(|c| core.contains(**c))
        .collect();
    assert!(
        reached.is_empty(),
        "coachlog-core builds on {reached:?}: a front end's crate belongs in the command line (src/)"
    );
    // The test can fail: the command line does build on them.
    let cli = builds_on(&metadata, "coachlog");
    assert!(cli.contains("clap") && cli.contains("coachlog-core"));
    assert!(
        !core.contains("coachlog"),
        "the core builds on the command line"
    );
}
