//! Evidence: `attach` keeps a file that backs a record once, however often it is attached; `check`
//! finds one missing or changed, with the record's file and line; `evidence --missing` lists what
//! still has none; no export carries it; `remove` says what becomes of it.

use serde_json::Value;

use crate::env::TestEnv;

/// A file in the test's home with `contents`, by its path.
fn file(env: &TestEnv, name: &str, contents: &str) -> String {
    let path = env.home().join(name);
    std::fs::write(&path, contents).expect("write");
    path.to_str().expect("utf-8").to_owned()
}

/// The files kept in `evidence/`.
fn kept(env: &TestEnv) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.data().join("evidence"))
        .map(|d| {
            d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn the_same_file_attached_twice_is_kept_once_and_named_by_each_record() {
    let env = TestEnv::with_sample();
    let cert = file(&env, "Certificate.PDF", "a certificate");
    env.run(&["attach", "c00t75", &cert])
        .ok()
        .stdout_has(&["Attached Certificate.PDF (certificate, 13 bytes) to education c00t75"]);
    env.run(&["attach", "erq3zg", &cert])
        .ok()
        .stdout_has(&["to cpd erq3zg", "kept once"]);
    env.run(&["attach", "c00t75", &cert])
        .ok()
        .stdout_has(&["is attached to education c00t75 already"]);
    let names = kept(&env);
    assert_eq!(names.len(), 1, "one copy: {names:?}");
    assert!(
        names[0].ends_with(".pdf") && names[0].len() == 68,
        "{names:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.data().join("evidence").join(&names[0]))
            .expect("kept")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    let course = env.read("education/2025-01-13-foundations-of-coaching-c00t75.toml");
    assert!(
        course.contains("[[evidence]]\nkind = \"certificate\"\n"),
        "{course}"
    );
    assert_eq!(course.matches("[[evidence]]").count(), 1, "attached once");
    // A partner gets a consent by default, a mentoring record a letter; every record still reads.
    let consent = file(&env, "consent.pdf", "I agree to be named");
    env.run(&["attach", "alex", &consent])
        .ok()
        .stdout_has(&["(consent, 19 bytes) to partner alex-kim"]);
    env.run(&["attach", "mentoring:jje0je", &consent, "--kind", "letter"])
        .ok();
    let listed: Value =
        serde_json::from_str(&env.run(&["evidence", "--json"]).ok().stdout).expect("json");
    let listed = listed.as_array().expect("array");
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert!(listed.iter().all(|e| e["file"].is_string()));
    env.run(&["summary"]).ok();
    env.run(&["check"]).ok();
    // A change by a command keeps the evidence the file names.
    env.run(&["partner", "edit", "alex", "--payment", "paid"])
        .ok();
    assert!(env.read("partners/alex-kim.toml").contains("[[evidence]]"));
}

#[test]
fn a_missing_or_changed_evidence_file_fails_check_with_the_records_line() {
    let env = TestEnv::with_sample();
    let cert = file(&env, "cert.pdf", "a certificate");
    env.run(&["attach", "c00t75", &cert]).ok();
    env.run(&["check"]).ok();
    let name = kept(&env).remove(0);
    let kept_path = env.data().join("evidence").join(&name);
    std::fs::write(&kept_path, "a certificate, changed").expect("change it");
    let record = "education/2025-01-13-foundations-of-coaching-c00t75.toml";
    let line = env
        .read(record)
        .lines()
        .position(|l| l.starts_with("sha256"))
        .expect("the sha256 line")
        + 1;
    env.run(&["check"]).code(1).stdout_has(&[
        &format!("{record}:{line}: evidence cert.pdf (certificate)"),
        "no longer holds what was attached",
    ]);
    std::fs::remove_file(&kept_path).expect("remove it");
    env.run(&["check"])
        .code(1)
        .stdout_has(&[&format!("{record}:{line}:"), "is missing from evidence/"]);
    // Attached again, it is whole.
    env.run(&["attach", "c00t75", &cert])
        .ok()
        .stdout_has(&["its missing file is kept again"]);
    env.run(&["check"]).ok();
}

#[test]
fn evidence_missing_lists_what_an_application_asks_for() {
    let env = TestEnv::with_sample();
    let missing = |env: &TestEnv| -> Vec<(String, String, String)> {
        let json: Value =
            serde_json::from_str(&env.run(&["evidence", "--missing", "--json"]).ok().stdout)
                .expect("json");
        json.as_array()
            .expect("array")
            .iter()
            .map(|m| {
                (
                    m["record"].as_str().expect("record").to_owned(),
                    m["id"].as_str().expect("id").to_owned(),
                    m["wants"].as_str().expect("wants").to_owned(),
                )
            })
            .collect()
    };
    let first = missing(&env);
    for wanted in [
        ("education", "c00t75", "certificate"),
        ("cpd", "erq3zg", "certificate"),
        ("cpd", "79my70", "certificate"),
        ("mentoring", "jje0je", "letter"),
    ] {
        let wanted = (
            wanted.0.to_owned(),
            wanted.1.to_owned(),
            wanted.2.to_owned(),
        );
        assert!(first.contains(&wanted), "{wanted:?} in {first:?}");
    }
    assert_eq!(first.len(), 4, "one mentor, not one per session: {first:?}");
    // A letter on any of the mentor's records stands for them; consent forms only when kept.
    let letter = file(&env, "letter.pdf", "Dana's letter");
    env.run(&["attach", "7zeph0", &letter]).ok();
    assert_eq!(missing(&env).len(), 3);
    env.run(&["config", "set", "evidence.consent_forms", "true"])
        .ok();
    let with_consent = missing(&env);
    assert!(with_consent.contains(&("partner".into(), "alex-kim".into(), "consent".into())));
    assert!(
        !with_consent.iter().any(|(_, id, _)| id == "ben-okafor"),
        "a partner who did not consent has no consent form to keep"
    );
}

#[test]
fn no_export_carries_evidence_and_remove_says_what_becomes_of_it() {
    let env = TestEnv::with_sample();
    let cert = file(&env, "secret-certificate.pdf", "a certificate");
    env.run(&["attach", "c00t75", &cert]).ok();
    env.run(&["attach", "alex", &cert]).ok();
    let sha = kept(&env)[0][..64].to_owned();
    let report = env.home().join("report.html");
    env.run(&["report", "--output", report.to_str().expect("utf-8")])
        .ok();
    let mut outputs = vec![std::fs::read_to_string(&report).expect("report")];
    for args in [
        &["export", "sessions"][..],
        &["export", "json"],
        &["export", "icf"],
        &["partner", "show", "alex"],
        &["sessions", "--json", "--notes"],
    ] {
        outputs.push(env.run(args).ok().stdout);
    }
    for out in outputs {
        assert!(
            !out.contains(&sha) && !out.contains("secret-certificate"),
            "evidence stays out: {out:.300}"
        );
    }
    env.run(&["education", "remove", "c00t75"])
        .ok()
        .stderr_has(&[
            "its evidence secret-certificate.pdf stays in evidence/",
            "partner alex-kim",
        ]);
    assert_eq!(kept(&env).len(), 1);
    env.run(&["partner", "remove", "alex", "--with-sessions", "--yes"])
        .ok()
        .stderr_has(&["removed its evidence secret-certificate.pdf"]);
    assert!(
        kept(&env).is_empty(),
        "the last record that named it took it along"
    );
    env.run(&["check"]).ok();
}

#[test]
fn a_wrong_record_or_file_is_refused_and_nothing_is_written() {
    let env = TestEnv::with_sample();
    let before = env.tree();
    let cert = file(&env, "cert.pdf", "x");
    env.run(&["attach", "zzzzzz", &cert])
        .usage_error(&["no record 'zzzzzz'"]);
    env.run(&["attach", "course:c00t75", &cert])
        .usage_error(&["'course' is not a kind of record"]);
    env.run(&["attach", "c00t75", env.home().to_str().expect("utf-8")])
        .code(1)
        .stderr_has(&["is a directory, not a file"]);
    env.run(&["attach", "c00t75", "/nonexistent/cert.pdf"])
        .code(1)
        .stderr_has(&["cannot read /nonexistent/cert.pdf"]);
    assert_eq!(env.tree(), before, "nothing written");
}
