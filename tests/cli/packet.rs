//! `packet SCHEME`: one reproducible zip with what an application or an audit asks for, every
//! figure `summary`'s, no unconsented client named; `packet verify` finds any change.

use std::io::{Cursor, Read, Write};

use serde_json::Value;

use crate::env::{TestEnv, actual, csv_rows, json};

/// The entries of a zip, by name.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("entry");
            let name = file.name().expect("name").into_owned();
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("read");
            (name, content)
        })
        .collect()
}

/// Writes the packet of `scheme` to `file` in the test's home; its bytes.
fn packet(env: &TestEnv, args: &[&str], file: &str) -> Vec<u8> {
    let path = env.home().join(file);
    let mut all = vec!["packet"];
    all.extend_from_slice(args);
    all.extend(["--output", path.to_str().expect("utf-8")]);
    env.run(&all).ok();
    std::fs::read(&path).expect("the packet")
}

#[test]
fn a_packet_is_reproducible_holds_summarys_figures_and_names_no_unconsented_client() {
    let env = TestEnv::with_sample();
    let cert = env.home().join("certificate.pdf");
    std::fs::write(&cert, "a certificate").expect("write");
    env.run(&["attach", "c00t75", cert.to_str().expect("utf-8")])
        .ok();
    env.run(&["attest", "--period", "2026-Q3", "--output", "-"])
        .ok();
    let one = packet(&env, &["icf-acc"], "one.zip");
    let two = packet(&env, &["icf-acc"], "two.zip");
    assert_eq!(one, two, "the same logbook and day give the same bytes");
    let files = entries(&one);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for wanted in [
        "MANIFEST",
        "README.txt",
        "icf-log.csv",
        "icf-log.xlsx",
        "sessions.csv",
        "summary.json",
        "report.html",
        "mentor-coaching.csv",
        "education.json",
        "cpd.json",
        "supervision.json",
        "evidence/education-c00t75-certificate.pdf",
    ] {
        assert!(names.contains(&wanted), "{wanted} in {names:?}");
    }
    assert!(
        names.iter().any(|n| n.starts_with("attestations/")),
        "{names:?}"
    );
    let text = |name: &str| {
        String::from_utf8(
            files
                .iter()
                .find(|(n, _)| n == name)
                .expect("entry")
                .1
                .clone(),
        )
        .expect("utf-8")
    };
    // Ben Okafor has not consented to be named: no entry names him.
    for (name, content) in &files {
        let content = String::from_utf8_lossy(content);
        assert!(
            !content.contains("Okafor"),
            "{name} names an unconsented client"
        );
    }
    // The ICF log's totals are summary's ICF figures for that day.
    let summary = json(&env, &["summary", "--json", "--scheme", "icf-acc"]);
    let hours = actual(&summary["schemes"][0], "hours");
    let log = csv_rows(&text("icf-log.csv"));
    let total = log
        .iter()
        .find(|r| r["Client Name"] == "Total")
        .expect("a total row");
    let sum: f64 = total["Paid hours"].parse::<f64>().expect("paid")
        + total["Pro-bono hours"].parse::<f64>().expect("pro bono");
    assert!((sum - hours).abs() < 0.005, "{sum} against {hours}");
    let packed: Value = serde_json::from_str(&text("summary.json")).expect("json");
    assert_eq!(
        packed["schemes"][0]["requirements"],
        summary["schemes"][0]["requirements"]
    );
    assert!(text("README.txt").contains("icf-log.csv\n    the ICF Client Coaching Log"));
    let path = env.home().join("one.zip");
    env.run(&["packet", "verify", path.to_str().expect("utf-8")])
        .ok()
        .stdout_has(&["every file is as its MANIFEST says"]);
}

#[test]
fn packet_verify_finds_a_one_byte_change_of_any_entry() {
    let env = TestEnv::with_sample();
    let bytes = packet(&env, &["emcc-foundation"], "emcc.zip");
    let files = entries(&bytes);
    for changed in files
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n != "MANIFEST")
    {
        // The same zip with one byte of one entry changed.
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in &files {
            writer
                .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .expect("start");
            let mut content = content.clone();
            if *name == changed {
                content[0] ^= 1;
            }
            writer.write_all(&content).expect("write");
        }
        let tampered = writer.finish().expect("zip").into_inner();
        let path = env.home().join("tampered.zip");
        std::fs::write(&path, tampered).expect("write");
        env.run(&["packet", "verify", path.to_str().expect("utf-8")])
            .code(1)
            .stdout_has(&[&format!("{changed}: changed since the packet was written")]);
    }
    let path = env.home().join("not.zip");
    std::fs::write(&path, "not a zip").expect("write");
    env.run(&["packet", "verify", path.to_str().expect("utf-8")])
        .code(1)
        .stderr_has(&["not a zip file"]);
}

#[test]
fn a_packet_for_a_mentor_names_nobody_and_holds_no_evidence() {
    let env = TestEnv::with_sample();
    let cert = env.home().join("certificate.pdf");
    std::fs::write(&cert, "a certificate").expect("write");
    env.run(&["attach", "c00t75", cert.to_str().expect("utf-8")])
        .ok();
    let bytes = packet(&env, &["icf-acc", "--anonymize"], "mentor.zip");
    for (name, content) in entries(&bytes) {
        assert!(!name.starts_with("evidence/"), "{name}");
        let content = String::from_utf8_lossy(&content);
        for real in ["Alex Kim", "Grace Liu", "Okafor"] {
            assert!(!content.contains(real), "{name} names {real}");
        }
    }
    env.run(&["packet", "nonsense"]).usage_error(&["nonsense"]);
    env.run(&["packet"]).usage_error(&["which scheme?"]);
}
