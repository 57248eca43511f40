//! `attest`: a period signed as it stood. Sessions in it change only with `--reopen --reason`,
//! which the attestation records; a hand edit makes `check` and `attest verify` fail naming the
//! session; the figures are `summary`'s on the period's last day.

use serde_json::Value;

use crate::env::{TestEnv, actual, icf_acc};

/// Attests 2026-Q3 of the sample logbook; its id.
fn attested(env: &TestEnv) -> String {
    let out = env
        .run(&[
            "attest",
            "--period",
            "2026-Q3",
            "--by",
            "Dana Reyes",
            "--output",
            "-",
        ])
        .ok();
    assert!(
        out.stdout
            .contains("<title>Attestation of coaching practice, 2026-07-01 to 2026-09-30</title>")
    );
    assert!(
        out.stdout.contains("Dana Reyes"),
        "the statement names who signs"
    );
    let list: Value =
        serde_json::from_str(&env.run(&["attest", "list", "--json"]).ok().stdout).expect("json");
    list[0]["id"].as_str().expect("id").to_owned()
}

#[test]
fn an_attested_period_holds_summarys_figures_and_changes_only_with_a_reason() {
    let env = TestEnv::with_sample();
    let id = attested(&env);
    let list: Value =
        serde_json::from_str(&env.run(&["attest", "list", "--json"]).ok().stdout).expect("json");
    let a = &list[0];
    assert_eq!(a["from"], "2026-07-01");
    assert_eq!(a["holds"], true);
    assert_eq!(a["sessions"].as_array().expect("sessions").len(), 5);
    // The figures are summary's on the last day of the period.
    let hours = actual(&icf_acc(&env, "2026-09-30"), "hours");
    let icf = a["schemes"]
        .as_array()
        .expect("schemes")
        .iter()
        .find(|s| s["id"] == "icf-acc")
        .expect("icf-acc");
    assert!(
        (icf["minutes"].as_f64().expect("minutes") / 60.0 - hours).abs() < 0.005,
        "{icf} against {hours}"
    );
    env.run(&["attest", "verify"])
        .ok()
        .stdout_has(&["holds what was signed (5 sessions)"]);

    // Changes in the period are refused without a reason, and nothing is written.
    let before = env.tree();
    env.run(&["log", "alex", "--date", "2026-08-15"])
        .usage_error(&[
            "2026-08-15 is in the period attested as",
            "--reopen --reason",
        ]);
    env.run(&["remove", "n8w4ac"])
        .usage_error(&["is in the period attested as"]);
    env.command(&["edit", "spbewy"])
        .env("EDITOR", "true")
        .run()
        .usage_error(&["is in the period attested as"]);
    assert_eq!(env.tree(), before, "nothing written");
    // After the period, logging goes on as ever.
    env.log(&["alex", "--date", "2026-10-02"]);

    // With a reason, the change is made and recorded on the attestation.
    env.run(&[
        "log",
        "alex",
        "--date",
        "2026-08-15",
        "--reopen",
        "--reason",
        "forgotten session",
    ])
    .ok()
    .stderr_has(&["reopened attestation", "forgotten session"]);
    env.run(&["remove", "n8w4ac", "--reopen", "--reason", "logged twice"])
        .ok();
    let file = env
        .data()
        .join("attestations")
        .read_dir()
        .expect("folder")
        .next()
        .expect("a file")
        .expect("entry")
        .path();
    let text = std::fs::read_to_string(&file).expect("read");
    assert_eq!(text.matches("[[reopened]]").count(), 2, "{text}");
    env.run(&["attest", "verify", &id]).ok().stdout_has(&[
        "holds what was signed",
        "(reopened on 2026-11-23: logged twice)",
    ]);
    env.run(&["check"]).ok();
}

#[test]
fn a_hand_edit_of_an_attested_session_fails_check_and_verify_naming_it() {
    let env = TestEnv::with_sample();
    let id = attested(&env);
    let file = "sessions/2026/2026-09-14-lena-fischer-spbewy.toml";
    let text = env.read(file).replace("minutes = 60", "minutes = 90");
    env.write(file, &text);
    env.run(&["attest", "verify"])
        .code(1)
        .stdout_has(&["does not hold what was signed", "session spbewy changed"]);
    env.run(&["check"]).code(1).stdout_has(&[
        &format!("attestation-{id}.toml: session spbewy changed"),
        "2026-09-14-lena-fischer-spbewy.toml",
        &format!("`coachlog attest verify {id}`"),
    ]);
    // Put back as it was signed, the period holds again.
    env.write(file, &text.replace("minutes = 90", "minutes = 60"));
    env.run(&["attest", "verify"]).ok();
    // A notes-only change is no change of what was signed.
    let noted = env.read(file) + "notes = \"went well\"\n";
    env.write(file, &noted);
    env.run(&["attest", "verify"]).ok();
}

#[test]
fn the_signed_statement_is_kept_as_evidence_and_bad_periods_are_refused() {
    let env = TestEnv::with_sample();
    let id = attested(&env);
    let scan = env.home().join("signed.pdf");
    std::fs::write(&scan, "signed by Dana").expect("write");
    env.run(&["attest", "sign", &id, scan.to_str().expect("utf-8")])
        .ok()
        .stdout_has(&[&format!("(letter, 14 bytes) to attest {id}")]);
    env.run(&["check"]).ok();
    let before = env.tree();
    env.run(&["attest", "--period", "2026-08", "--output", "-"])
        .usage_error(&["overlaps attestation"]);
    env.run(&["attest", "--from", "2026-11-01", "--to", "2026-12-31"])
        .usage_error(&["after today"]);
    env.run(&["attest", "--period", "2020"])
        .usage_error(&["no sessions from 2020-01-01 to 2020-12-31"]);
    env.run(&["attest"]).usage_error(&["which period?"]);
    assert_eq!(env.tree(), before, "nothing written");
}
