//! `packet SCHEME`: one reproducible zip with what that body's application asks for, every file
//! recounted against `summary.json`, no unconsented client and no aliased real name anywhere;
//! evidence read only as attached; `packet verify` says what `sha256sum -c` says of each MANIFEST
//! line, and treats the zip as hostile (duplicates, contradictions, escaping names, a zip bomb).

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use serde_json::Value;

use crate::env::{TestEnv, actual, csv_rows};

/// The entries of a zip, by name.
pub(crate) fn entries(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
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

/// The sample logbook with a certificate, a supervisor's letter, a client's consent and a
/// reference, a course still running, and Q3 attested.
fn sample() -> TestEnv {
    let env = TestEnv::with_sample();
    let file = |name: &str, text: &str| {
        let path = env.home().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("utf-8").to_owned()
    };
    for (record, name, kind) in [
        ("c00t75", "certificate.pdf", None),
        ("supervision:22h22v", "supervisor-letter.pdf", None),
        ("partner:alex-kim", "consent-alex.pdf", Some("consent")),
        (
            "partner:grace-liu",
            "reference-grace.pdf",
            Some("reference"),
        ),
        ("partner:ben-okafor", "consent-ben.pdf", Some("consent")),
    ] {
        let path = file(name, &format!("{name} of the sample"));
        let mut args = vec!["attach", record, path.as_str()];
        if let Some(kind) = kind {
            args.extend(["--kind", kind]);
        }
        env.run(&args).ok();
    }
    env.run(&[
        "education",
        "add",
        "Advanced Practice",
        "--provider",
        "Coach School",
        "--hours",
        "70",
        "--start",
        "2026-10-01",
        "--end",
        "2027-03-31",
        "--accreditation",
        "acsth",
    ])
    .ok();
    env.run(&["attest", "--period", "2026-Q3", "--output", "-"])
        .ok();
    env
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        files
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .expect("utf-8")
}

/// A requirement's figure in a packet's `summary.json`.
fn required(summary: &Value, id: &str) -> f64 {
    actual(&summary["schemes"][0], id)
}

/// The sum of a CSV column over the rows `keep` takes.
fn column_sum(
    rows: &[BTreeMap<String, String>],
    column: &str,
    keep: impl Fn(&BTreeMap<String, String>) -> bool,
) -> f64 {
    let sum: f64 = rows
        .iter()
        .filter(|r| keep(r))
        .map(|r| {
            r[column]
                .parse::<f64>()
                .unwrap_or_else(|_| panic!("{column}: {r:?}"))
        })
        .sum();
    (sum * 100.0).round() / 100.0
}

/// Every file of a packet agrees with its `summary.json`, and none names an unconsented client or
/// an aliased client's real name.
fn recount(files: &BTreeMap<String, Vec<u8>>, body: &str) {
    let summary: Value = serde_json::from_str(&text(files, "summary.json")).expect("json");
    let hours = required(&summary, "hours");
    // The sessions the scheme counts add up to its hours, row by row.
    let sessions = csv_rows(&text(files, "sessions.csv"));
    let category = format!("{body}_category");
    let counted = |r: &BTreeMap<String, String>| {
        matches!(r[&category].as_str(), "paid" | "part-paid" | "pro-bono")
    };
    assert_eq!(
        column_sum(&sessions, "hours", counted),
        hours,
        "sessions.csv"
    );
    let paid_minutes: f64 = sessions
        .iter()
        .filter(|r| counted(r))
        .map(|r| {
            r[&format!("{body}_paid_minutes")]
                .parse::<f64>()
                .expect("minutes")
        })
        .sum();
    if let Some(paid) = summary["schemes"][0]["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|r| r["id"] == "paid_hours")
    {
        let paid = paid["actual"].as_f64().expect("paid");
        assert!(
            (paid_minutes / 60.0 - paid).abs() < 0.005,
            "paid: {paid_minutes} against {paid}"
        );
    }
    if let Some(log) = files.get("icf-log.csv") {
        let rows = csv_rows(&String::from_utf8_lossy(log));
        let total = rows
            .iter()
            .find(|r| r["Client Name"] == "Total")
            .expect("total");
        let sum = total["Paid hours"].parse::<f64>().expect("paid")
            + total["Pro-bono hours"].parse::<f64>().expect("pro bono");
        assert!(
            (sum - hours).abs() < 0.005,
            "icf-log.csv {sum} against {hours}"
        );
        let others = |r: &BTreeMap<String, String>| r["Client Name"] != "Total";
        assert_eq!(
            column_sum(&rows, "Paid hours", others) + column_sum(&rows, "Pro-bono hours", others),
            (sum * 100.0).round() / 100.0,
            "the rows add up to the Total"
        );
    }
    if files.contains_key("client-log.csv") {
        let rows = csv_rows(&text(files, "client-log.csv"));
        assert_eq!(
            column_sum(&rows, "hours", |_| true),
            hours,
            "client-log.csv"
        );
    }
    if files.contains_key("experience-log.csv") {
        let rows = csv_rows(&text(files, "experience-log.csv"));
        let total = rows.iter().find(|r| r["client"] == "Total").expect("total");
        assert_eq!(
            total["hours"].parse::<f64>().expect("hours"),
            hours,
            "its Total"
        );
        assert_eq!(
            column_sum(&rows, "hours", |r| r["client"] != "Total"),
            hours,
            "its rows"
        );
    }
    for (file, id) in [
        ("feedback.csv", "feedback"),
        ("reflections.csv", "reflections"),
    ] {
        if files.contains_key(file) {
            let rows = csv_rows(&text(files, file));
            assert_eq!(rows.len() as f64, required(&summary, id), "{file}");
        }
    }
    if files.contains_key("education.json") && body != "emcc" {
        let courses: Value = serde_json::from_str(&text(files, "education.json")).expect("json");
        let minutes: f64 = courses
            .as_array()
            .expect("courses")
            .iter()
            .map(|c| c["counted_minutes"].as_f64().expect("minutes"))
            .sum();
        assert_eq!(
            minutes / 60.0,
            required(&summary, "education_hours"),
            "education.json"
        );
        assert!(
            courses
                .as_array()
                .expect("courses")
                .iter()
                .any(|c| c["status"] == "in-progress" && c["counted_minutes"] == 0),
            "the course still running counts nothing yet: {courses}"
        );
    }
    for (name, content) in files {
        let content = String::from_utf8_lossy(content);
        for secret in [
            "Okafor",
            "Northwind Team Leads",
            "ben-okafor",
            "northwind-team-leads",
        ] {
            assert!(!content.contains(secret), "{name} names {secret}");
            assert!(!name.contains(secret), "{name}");
        }
    }
}

#[test]
fn a_packet_is_reproducible_and_every_file_agrees_with_its_summary() {
    let env = sample();
    let one = packet(&env, &["icf-acc"], "one.zip");
    let two = packet(&env, &["icf-acc"], "two.zip");
    assert_eq!(one, two, "the same logbook and day give the same bytes");
    let files = entries(&one);
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
        "evidence/education-01.pdf",
        "evidence/supervision-01.pdf",
        "evidence/consent-01.pdf",
    ] {
        assert!(files.contains_key(wanted), "{wanted} in {:?}", files.keys());
    }
    assert!(
        files
            .keys()
            .any(|n| n.starts_with("attestations/") && n.ends_with(".json"))
    );
    assert!(
        files
            .keys()
            .any(|n| n.starts_with("evidence/attestation-") && n.ends_with(".html")),
        "the attestation's statement"
    );
    assert!(
        !files.keys().any(|n| n.starts_with("evidence/reference-")),
        "ICF asks for no references: {:?}",
        files.keys()
    );
    assert_eq!(
        files
            .keys()
            .filter(|n| n.starts_with("evidence/consent-"))
            .count(),
        1,
        "the consent of the client named, not of the one who did not consent"
    );
    recount(&files, "icf");
    assert!(text(&files, "README.txt").contains("icf-log.csv\n    the ICF Client Coaching Log"));
    let path = env.home().join("one.zip");
    env.run(&["packet", "verify", path.to_str().expect("utf-8")])
        .ok()
        .stdout_has(&["icf-log.csv: OK", "every file is as its MANIFEST says"]);
}

#[test]
fn each_bodys_packet_holds_what_its_application_asks_for() {
    let env = sample();
    env.run(&[
        "reflect",
        "2p9s6k",
        "--scores",
        "9,9,8,9",
        "--rated-by",
        "client",
    ])
    .ok();
    let emcc = entries(&packet(&env, &["emcc-foundation"], "emcc.zip"));
    for wanted in [
        "client-log.csv",
        "feedback.csv",
        "reflections.csv",
        "supervision.json",
        "cpd.json",
    ] {
        assert!(
            emcc.contains_key(wanted),
            "EMCC: {wanted} in {:?}",
            emcc.keys()
        );
    }
    let ac = entries(&packet(&env, &["ac-foundation"], "ac.zip"));
    for wanted in [
        "experience-log.csv",
        "supervision.json",
        "cpd.json",
        "education.json",
        "evidence/reference-01.pdf",
    ] {
        assert!(ac.contains_key(wanted), "AC: {wanted} in {:?}", ac.keys());
    }
    for (body, files) in [("emcc", &emcc), ("ac", &ac)] {
        for icf_only in [
            "icf-log.csv",
            "icf-log.xlsx",
            "mentor-coaching.csv",
            "mentor-coaching.xlsx",
        ] {
            assert!(!files.contains_key(icf_only), "{body} holds {icf_only}");
        }
        assert!(
            !files.keys().any(|n| n.starts_with("evidence/consent-")),
            "{body}: consent forms name clients"
        );
        recount(files, body);
    }
    // EMCC identifies clients by reference: no client is named anywhere.
    for (name, content) in &emcc {
        let content = String::from_utf8_lossy(content);
        for real in [
            "Alex Kim",
            "Grace Liu",
            "Lena Fischer",
            "Confidential Client 1",
        ] {
            assert!(!content.contains(real), "{name} names {real}");
        }
    }
}

#[test]
fn evidence_that_changed_is_a_link_a_pipe_or_huge_is_refused_and_names_cannot_escape() {
    let env = sample();
    let folder = env.data().join("evidence");
    let kept: Vec<std::path::PathBuf> = folder
        .read_dir()
        .expect("evidence")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    let certificate = kept
        .iter()
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.starts_with("certificate.pdf")))
        .expect("the certificate")
        .clone();
    let original = std::fs::read(&certificate).expect("read");
    let out = |env: &TestEnv| {
        env.command(&["packet", "icf-acc", "--output", "-"])
            .run_within(60)
    };
    // Changed since it was attached.
    std::fs::write(&certificate, "forged").expect("write");
    let changed = out(&env);
    assert_eq!(changed.code, 1, "{}", changed.stderr);
    assert!(
        changed
            .stderr
            .contains("no longer holds the evidence certificate.pdf"),
        "{}",
        changed.stderr
    );
    // A link to a file outside the logbook.
    let outside = env.home().join("outside.pdf");
    std::fs::write(&outside, "certificate.pdf of the sample").expect("write");
    std::fs::remove_file(&certificate).expect("remove");
    std::os::unix::fs::symlink(&outside, &certificate).expect("link");
    let linked = out(&env);
    assert_eq!(linked.code, 1);
    assert!(linked.stderr.contains("symbolic link"), "{}", linked.stderr);
    // A named pipe: refused at once, not waited on.
    std::fs::remove_file(&certificate).expect("remove");
    let status = std::process::Command::new("mkfifo")
        .arg(&certificate)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let piped = out(&env);
    assert_eq!(piped.code, 1);
    assert!(
        piped.stderr.contains("not a regular file"),
        "{}",
        piped.stderr
    );
    // A huge file planted in its place: refused by its size, never read.
    std::fs::remove_file(&certificate).expect("remove");
    let huge = std::fs::File::create(&certificate).expect("create");
    huge.set_len(3 << 30).expect("sparse 3 GiB");
    let planted = out(&env);
    assert_eq!(planted.code, 1);
    assert!(
        planted
            .stderr
            .contains("MiB, more than an evidence file's 64 MiB"),
        "{}",
        planted.stderr
    );
    std::fs::write(&certificate, &original).expect("put back");
    out(&env).ok();
    // An evidence name that would climb out of the folder it unpacks into is refused by the
    // reader, so `check` names it and no command packs it.
    let file = env.read("education/2025-01-13-foundations-of-coaching-c00t75.toml");
    env.write(
        "education/2025-01-13-foundations-of-coaching-c00t75.toml",
        &file.replace("name = \"certificate.pdf\"", "name = \"../../etc/passwd\""),
    );
    env.run(&["check"])
        .code(1)
        .stdout_has(&["is not a file's name"]);
    assert_ne!(out(&env).code, 0);
}

/// A zip of `entries` (names as given), written with `options`.
pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("start");
        writer.write_all(content).expect("write");
    }
    writer.finish().expect("zip").into_inner()
}

pub(crate) fn sha(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs `packet verify` on `bytes`; what it printed and its peak memory (the high-water mark of
/// its resident set, read from /proc while it runs), in MiB.
fn verify(env: &TestEnv, bytes: &[u8]) -> (crate::env::Outcome, u64) {
    let path = env.home().join("hostile.zip");
    std::fs::write(&path, bytes).expect("write");
    let mut child = env
        .command(&["packet", "verify", path.to_str().expect("utf-8")])
        .into_command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if let Ok(text) = std::fs::read_to_string(&status)
            && let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        assert!(started.elapsed().as_secs() < 120, "packet verify hangs");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let output = child.wait_with_output().expect("output");
    (
        crate::env::Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        },
        peak / 1024,
    )
}

#[test]
fn packet_verify_agrees_with_sha256sum_and_treats_the_zip_as_hostile() {
    let env = sample();
    let bytes = packet(&env, &["emcc-foundation"], "emcc.zip");
    let files = entries(&bytes);
    // One byte changed in each entry in turn: verify and `sha256sum -c`, run on the unpacked
    // files, say the same of every line.
    for changed in files.keys().filter(|n| *n != "MANIFEST") {
        let tampered: Vec<(&str, Vec<u8>)> = files
            .iter()
            .map(|(name, content)| {
                let mut content = content.clone();
                if name == changed {
                    content[0] ^= 1;
                }
                (name.as_str(), content)
            })
            .collect();
        let as_slices: Vec<(&str, &[u8])> =
            tampered.iter().map(|(n, c)| (*n, c.as_slice())).collect();
        let (out, _) = verify(&env, &zip_of(&as_slices));
        assert_eq!(out.code, 1);
        let unpacked = tempfile::tempdir().expect("dir");
        for (name, content) in &tampered {
            let path = unpacked.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(path, content).expect("write");
        }
        let sha256sum = std::process::Command::new("sha256sum")
            .args(["-c", "MANIFEST"])
            .current_dir(unpacked.path())
            .output()
            .expect("sha256sum runs");
        let theirs = String::from_utf8_lossy(&sha256sum.stdout);
        for line in theirs.lines() {
            assert!(
                out.stdout.lines().any(|l| l == line),
                "sha256sum says {line:?}; verify:\n{}",
                out.stdout
            );
        }
        assert!(
            out.stdout.contains(&format!("{changed}: FAILED")),
            "{}",
            out.stdout
        );
    }
    let manifest = |lines: &[(&str, &[u8])]| -> Vec<u8> {
        lines
            .iter()
            .map(|(name, content)| format!("{}  {name}\n", sha(content)))
            .collect::<String>()
            .into_bytes()
    };
    // Two entries of one name.
    let twice = {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let m = manifest(&[("a.txt", b"one")]);
        for (name, content) in [
            ("MANIFEST", m.as_slice()),
            ("a.txt", b"one"),
            ("a.txt", b"two"),
        ] {
            // The zip crate refuses to write a name twice: the second goes in under another
            // name, patched to the same in both headers below.
            let name = if content == b"two" { "b.txt" } else { name };
            writer
                .start_file(name, zip::write::SimpleFileOptions::default())
                .expect("start");
            writer.write_all(content).expect("write");
        }
        let mut bytes = writer.finish().expect("zip").into_inner();
        let (from, to) = (b"b.txt", b"a.txt");
        for i in 0..bytes.len() - from.len() {
            if &bytes[i..i + from.len()] == from {
                bytes[i..i + from.len()].copy_from_slice(to);
            }
        }
        bytes
    };
    let (out, _) = verify(&env, &twice);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("two entries of the zip have the same name"),
        "{}",
        out.stdout
    );
    // A MANIFEST that contradicts itself.
    let mut m = manifest(&[("a.txt", b"one")]);
    m.extend(manifest(&[("a.txt", b"two")]));
    let (out, _) = verify(&env, &zip_of(&[("MANIFEST", &m), ("a.txt", b"one")]));
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("lists a.txt twice with two different SHA-256s"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("a.txt: FAILED"), "{}", out.stdout);
    // Names that climb out, are absolute, or carry escape sequences.
    for name in [
        "../evil.txt",
        "/etc/evil.txt",
        "a/../../evil.txt",
        "evil\u{1b}[31m.txt",
    ] {
        let m = manifest(&[(name, b"x")]);
        let (out, _) = verify(&env, &zip_of(&[("MANIFEST", &m), (name, b"x")]));
        assert_eq!(out.code, 1, "{name}");
        assert!(
            out.stdout.contains("not a plain relative path"),
            "{name}: {}",
            out.stdout
        );
        assert!(
            !out.stdout.contains('\u{1b}') && !out.stderr.contains('\u{1b}'),
            "escapes shown raw"
        );
    }
    // A zip bomb: 200 MiB of zeros in a few hundred KiB (more than any entry may unpack to).
    // Refused, in bounded memory.
    let bomb = {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let zeros = vec![0u8; 1 << 20];
        let m = manifest(&[("zeros.bin", b"")]);
        writer
            .start_file("MANIFEST", zip::write::SimpleFileOptions::default())
            .expect("start");
        writer.write_all(&m).expect("write");
        writer
            .start_file(
                "zeros.bin",
                zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .large_file(true),
            )
            .expect("start");
        for _ in 0..200 {
            writer.write_all(&zeros).expect("write");
        }
        writer.finish().expect("zip").into_inner()
    };
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let (out, peak) = verify(&env, &bomb);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("unpacks to more than 128 MiB"),
        "{}",
        out.stderr
    );
    assert!(
        peak < 64,
        "{peak} MiB of memory for a {} byte zip",
        bomb.len()
    );
}

#[test]
fn a_statement_naming_a_client_who_withdrew_consent_stays_out_of_the_packet() {
    let env = sample();
    env.run(&[
        "partner",
        "edit",
        "alex",
        "--no-consent",
        "--reopen",
        "--reason",
        "withdrew consent",
    ])
    .ok();
    let path = env.home().join("icf.zip");
    let out = env
        .run(&[
            "packet",
            "icf-acc",
            "--output",
            path.to_str().expect("utf-8"),
        ])
        .ok();
    out.stderr_has(&["names Client ", "who does not consent to be named now"]);
    let files = entries(&std::fs::read(&path).expect("packet"));
    assert!(
        !files.keys().any(|n| n.starts_with("evidence/attestation-")),
        "{:?}",
        files.keys()
    );
    for (name, content) in &files {
        assert!(
            !String::from_utf8_lossy(content).contains("Alex Kim"),
            "{name} names Alex Kim"
        );
    }
}
