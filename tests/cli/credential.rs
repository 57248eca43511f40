//! The rest of a credential: mentor coaching, supervision, education, continuing education and the
//! credentials held, each logged, listed and removed like sessions, and read by `check`.

use serde_json::Value;

use crate::env::TestEnv;

fn json(env: &TestEnv, args: &[&str]) -> Value {
    let out = env.run(args).ok();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// The file names in one folder of the logbook.
fn files_in(env: &TestEnv, folder: &str) -> Vec<String> {
    env.tree()
        .into_keys()
        .filter(|k| k.starts_with(&format!("{folder}/")))
        .collect()
}

#[test]
fn mentoring_is_logged_listed_and_removed() {
    let env = TestEnv::new();
    let out = env
        .run(&[
            "mentoring",
            "log",
            "Dana Reyes",
            "1h",
            "--credential",
            "mcc",
            "--date",
            "2026-10-02",
        ])
        .ok();
    assert!(
        out.stdout.starts_with(
            "Logged 1h of mentor coaching with Dana Reyes (MCC), one-to-one, on 2026-10-02 ["
        ),
        "{}",
        out.stdout
    );
    env.run(&[
        "mentoring",
        "log",
        "Dana Reyes",
        "90m",
        "--credential",
        "MCC",
        "--group",
        "4",
        "--date",
        "2026-11-02",
        "--contact",
        "dana@example.org",
    ])
    .ok();
    let files = files_in(&env, "mentoring");
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files[0].starts_with("mentoring/2026-10-02-dana-reyes-"),
        "{files:?}"
    );
    let text = env.read(&files[1]);
    assert!(
        text.contains("format = \"group\"\ngroup_size = 4\n"),
        "{text}"
    );

    let list = env.run(&["mentoring", "list"]).ok().stdout;
    assert!(list.contains("group of 4"), "{list}");
    assert!(
        list.ends_with("Total 2.50 h: 1.00 h one-to-one, 1.50 h in groups\n"),
        "{list}"
    );
    let listed = json(&env, &["mentoring", "list", "--json"]);
    assert_eq!(listed[1]["minutes"], 90);
    assert_eq!(listed[1]["contact"], "dana@example.org");
    assert!(listed[1].get("notes").is_none(), "notes stay out of JSON");

    let id = listed[0]["id"].as_str().expect("id").to_owned();
    let removed = env.run(&["mentoring", "remove", &id]).ok().stdout;
    assert!(
        removed.starts_with(&format!(
            "Removed {id}: 1h of mentor coaching with Dana Reyes on 2026-10-02"
        )),
        "{removed}"
    );
    assert_eq!(files_in(&env, "mentoring").len(), 1);
    let again = env.run(&["mentoring", "remove", &id]).code(1);
    assert!(
        again
            .stderr
            .contains(&format!("no mentor coaching has the id '{id}'")),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("`coachlog mentoring list`"),
        "{}",
        again.stderr
    );
}

#[test]
fn bad_values_are_refused_and_nothing_is_written() {
    let env = TestEnv::new();
    // A scheme of the user's own, without a renewal period.
    env.write(
        "config.toml",
        "[schemes.school-diploma]\nname = \"School diploma\"\nbody = \"School\"\nhours = 60\n",
    );
    for (args, says) in [
        (
            &["mentoring", "log", "Dana", "1h", "--credential", "BCC"][..],
            "invalid value 'BCC'",
        ),
        (
            &["mentoring", "log", "Dana", "0", "--credential", "PCC"][..],
            "is zero",
        ),
        (
            &[
                "mentoring",
                "log",
                "Dana",
                "1h",
                "--credential",
                "PCC",
                "--group",
                "1",
            ][..],
            "--group",
        ),
        (
            &[
                "education",
                "add",
                "Course",
                "--provider",
                "X",
                "--hours",
                "10",
                "--core-hours",
                "12",
                "--start",
                "2025-01-01",
                "--accreditation",
                "none",
            ][..],
            "more than its total hours",
        ),
        (
            &[
                "education",
                "add",
                "Course",
                "--provider",
                "X",
                "--hours",
                "1.255",
                "--start",
                "2025-01-01",
                "--accreditation",
                "none",
            ][..],
            "two decimals at most",
        ),
        (
            &[
                "education",
                "add",
                "Course",
                "--provider",
                "X",
                "--hours",
                "10",
                "--start",
                "2025-02-01",
                "--end",
                "2025-01-01",
                "--accreditation",
                "none",
            ][..],
            "before it starts",
        ),
        (
            &[
                "cpd",
                "log",
                "Webinar",
                "--provider",
                "X",
                "--units",
                "0",
                "--category",
                "ethics",
            ][..],
            "--units 0",
        ),
        (
            &[
                "cpd",
                "log",
                "Webinar",
                "--provider",
                "X",
                "--units",
                "1",
                "--category",
                "fun",
            ][..],
            "invalid value 'fun'",
        ),
        (
            &["credential", "add", "icf", "xyz", "--granted", "2026-05-01"][..],
            "'icf xyz' is not a scheme: use one of icf-acc, icf-pcc",
        ),
        (
            &[
                "credential",
                "add",
                "school-diploma",
                "--granted",
                "2026-05-01",
            ][..],
            "give the day it expires with --expires",
        ),
        (
            &[
                "credential",
                "add",
                "icf-acc",
                "--granted",
                "2026-05-01",
                "--expires",
                "2026-04-01",
            ][..],
            "on or before the day it was granted",
        ),
    ] {
        let out = env.run(args);
        assert_ne!(out.code, 0, "{args:?}");
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert!(
            env.tree()
                .keys()
                .all(|k| k == ".lock" || k == "config.toml"),
            "{args:?} wrote {:?}",
            env.tree().keys()
        );
    }
}

#[test]
fn education_cpd_and_credentials_are_kept_with_their_figures() {
    let env = TestEnv::new();
    env.run(&[
        "education",
        "add",
        "Foundations of Coaching",
        "--provider",
        "North School",
        "--hours",
        "64",
        "--core-hours",
        "50",
        "--ethics-hours",
        "4",
        "--start",
        "2025-01-13",
        "--end",
        "2025-06-20",
        "--accreditation",
        "icf-level-1",
    ])
    .ok();
    let text = env.read(&files_in(&env, "education")[0]);
    assert!(text.contains("start = 2025-01-13\nend = 2025-06-20\nminutes = 3840\ncore_minutes = 3000\nethics_minutes = 240\n"), "{text}");
    let list = env.run(&["education", "list"]).ok().stdout;
    assert!(
        list.contains(
            "Total 64.00 h, of which 50.00 h on the Core Competencies and 4.00 h on ethics"
        ),
        "{list}"
    );

    env.run(&[
        "cpd",
        "log",
        "Ethics in practice",
        "--provider",
        "ICF",
        "--units",
        "3",
        "--category",
        "ethics",
        "--date",
        "2026-09-12",
        "--certificate",
        "CCE-1",
    ])
    .ok();
    env.run(&[
        "cpd",
        "log",
        "Team coaching",
        "--provider",
        "North School",
        "--units",
        "7.5",
        "--category",
        "resource-development",
        "--date",
        "2026-10-01",
    ])
    .ok();
    let list = env.run(&["cpd", "list"]).ok().stdout;
    assert!(
        list.ends_with(
            "Total 10.50 units: 0.00 core competencies, 3.00 ethics, 7.50 resource development\n"
        ),
        "{list}"
    );

    let added = env
        .run(&["credential", "add", "icf", "acc", "--granted", "2026-05-01"])
        .ok()
        .stdout;
    assert!(
        added.starts_with("Added ICF ACC, granted on 2026-05-01, expiring on 2029-05-01 ["),
        "{added}"
    );
    let held = json(&env, &["credential", "list", "--json"]);
    assert_eq!(held[0]["scheme"], "icf-acc");
    assert_eq!(held[0]["expires"], "2029-05-01");
    let list = env.run(&["credential", "list"]).ok().stdout;
    assert!(list.contains("expires in "), "{list}");

    let out = env.run(&["check"]).ok();
    assert_eq!(out.stdout, "No problems in 4 files.\n", "{}", out.stderr);
}

#[test]
fn check_reads_the_new_folders_and_names_a_broken_file() {
    let env = TestEnv::new();
    env.run(&[
        "supervision",
        "log",
        "Sam Ortiz",
        "1h",
        "--date",
        "2026-10-02",
    ])
    .ok();
    env.write(
        "supervision/2026-11-01-sam-ortiz-bad1.toml",
        "version = 1\ndate = 2026-11-01\nminutes = 60\nsupervisor = \"Sam\"\nformat = \"weekly\"\n",
    );
    let out = env.run(&["check", "--json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let problems: Value = serde_json::from_str(&out.stdout).expect("json");
    let problems = problems.as_array().expect("array");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]["file"]
            .as_str()
            .expect("file")
            .ends_with("2026-11-01-sam-ortiz-bad1.toml")
    );
    assert_eq!(problems[0]["line"], 5);
    assert!(
        problems[0]["message"]
            .as_str()
            .expect("message")
            .contains("not a valid supervision file")
    );
    // A listing refuses to undercount, as every report does.
    let list = env.run(&["supervision", "list"]).code(1);
    assert!(
        list.stderr.contains("a logbook file cannot be read"),
        "{}",
        list.stderr
    );
}

#[test]
fn the_mentor_coaching_log_has_one_row_per_mentor_as_csv_and_as_a_workbook() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let env = TestEnv::with_copy_of(&crate::env::sample_logbook());
    env.run(&[
        "mentoring",
        "log",
        "Lee Park",
        "45m",
        "--credential",
        "PCC",
        "--date",
        "2026-11-10",
    ])
    .ok();
    let header = "Mentor Name,Mentor Credential,Contact Information,Start Date,End Date,Individual hours,Group hours,Total hours\n";
    let out = env.run(&["export", "mentoring"]).ok();
    assert_eq!(
        out.stdout,
        format!(
            "{header}Dana Reyes,MCC,,2026-09-08,2026-11-03,1.00,6.00,7.00\n\
             Lee Park,PCC,,2026-11-10,2026-11-10,0.75,0.00,0.75\n\
             Total,,,,,1.75,6.00,7.75\n"
        )
    );
    let out = env
        .run(&[
            "export",
            "mentoring",
            "--include-contact",
            "--from",
            "2026-10-01",
        ])
        .ok();
    assert!(
        out.stdout.contains(
            "Dana Reyes,MCC,dana.reyes@example.org,2026-10-06,2026-11-03,1.00,3.00,4.00\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("Lee Park has no contact information"),
        "{}",
        out.stderr
    );

    let path = env.home().join("mentor-coaching.xlsx");
    env.run(&[
        "export",
        "mentoring-xlsx",
        "--output",
        path.to_str().expect("utf-8"),
    ])
    .ok();
    let mut workbook: Xlsx<_> = open_workbook(&path).expect("an xlsx that opens");
    let sheet = workbook
        .worksheet_range("Mentor Coaching Log")
        .expect("the sheet");
    let cell = |row: u32, col: u32| sheet.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(1, 0), Data::String("Mentor Name".into()));
    assert_eq!(cell(2, 0), Data::String("Dana Reyes".into()));
    assert_eq!(cell(2, 6), Data::Float(6.0));
    assert_eq!(cell(4, 0), Data::String("Total".into()));
    let refused = env.run(&["export", "mentoring-xlsx"]).code(2);
    assert!(
        refused.stderr.contains("--output mentor-coaching.xlsx"),
        "{}",
        refused.stderr
    );
}

#[test]
fn the_backup_carries_every_record_kind_with_notes_unless_anonymized() {
    let env = TestEnv::new();
    env.run(&[
        "supervision",
        "log",
        "Sam Ortiz",
        "1h",
        "--date",
        "2026-10-02",
        "--notes",
        "on endings",
    ])
    .ok();
    env.run(&["credential", "add", "icf-acc", "--granted", "2026-05-01"])
        .ok();
    let backup = json(&env, &["export", "json"]);
    assert_eq!(backup["supervision"][0]["notes"], "on endings");
    assert_eq!(backup["credentials"][0]["expires"], "2029-05-01");
    assert_eq!(backup["mentoring"], serde_json::json!([]));
    let anonymous = json(&env, &["export", "json", "--anonymize"]);
    assert!(anonymous["supervision"][0].get("notes").is_none());
    let listed = json(&env, &["supervision", "list", "--json"]);
    assert!(
        listed[0].get("notes").is_none(),
        "a listing leaves notes out"
    );
}

#[test]
fn a_backup_restores_into_an_empty_logbook_the_same_logbook_and_again_adds_nothing() {
    let sample = TestEnv::with_sample();
    let backup = sample.home().join("backup.json");
    let backup = backup.to_str().expect("utf-8");
    sample.run(&["export", "json", "--output", backup]).ok();

    let env = TestEnv::new();
    let dry = env.run(&["import", backup, "--dry-run"]).ok();
    assert!(
        dry.stdout
            .starts_with("Would restore 12 partners, 59 sessions"),
        "{}",
        dry.stdout
    );
    assert!(env.tree().is_empty(), "a dry run writes nothing");
    let out = env.run(&["import", backup]).ok();
    assert_eq!(
        out.stdout,
        "Restored 12 partners, 59 sessions, 5 records of mentor coaching, 5 records of supervision, \
         1 course, 2 records of continuing education, 0 credentials, 5 feedback requests, 0 \
         receipts; already there: 0 partners, 0 sessions and 0 other records; 0 invalid records\n"
    );
    assert!(
        out.stderr.contains("Settings are not restored"),
        "{}",
        out.stderr
    );
    // Every file comes back under its own name, and reads the same.
    let names = |env: &TestEnv| -> Vec<String> {
        env.tree()
            .into_keys()
            .filter(|k| k.ends_with(".toml") && k != "config.toml" && !k.contains("backup"))
            .collect()
    };
    assert_eq!(names(&env), names(&sample));
    for args in [
        &["sessions", "--json", "--notes"][..],
        &["partner", "list", "--json"],
        &["mentoring", "list", "--json"],
        &["supervision", "list", "--json"],
        &["education", "list", "--json"],
        &["cpd", "list", "--json"],
        &["feedback", "requests", "--json"],
    ] {
        assert_eq!(
            env.run(args).ok().stdout,
            sample.run(args).ok().stdout,
            "{args:?}"
        );
    }
    let again = env.run(&["import", backup]).ok();
    assert!(
        again.stdout.starts_with("Restored 0 partners, 0 sessions")
            && again
                .stdout
                .contains("already there: 12 partners, 59 sessions and 18 other records"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_broken_backup_restores_nothing_unless_asked() {
    let env = TestEnv::new();
    let path = env.home().join("backup.json");
    std::fs::write(
        &path,
        r#"{"format": "coachlog-backup", "version": 1, "partners": [],
            "sessions": [], "mentoring": [{"id": "a1", "date": "2026-02-01", "minutes": 60,
            "mentor": "Dana", "credential": "BCC", "format": "individual"}],
            "cpd": [{"id": "b2", "date": "2026-02-01", "provider": "P", "title": "T",
            "minutes": 60, "category": "ethics"}]}"#,
    )
    .expect("write");
    let path = path.to_str().expect("utf-8");
    let out = env.run(&["import", path]).code(1);
    assert!(out.stderr.contains("1 record of"), "{}", out.stderr);
    assert!(out.stderr.contains("mentor coaching a1"), "{}", out.stderr);
    assert!(env.tree().is_empty());
    let out = env.run(&["--skip-invalid", "import", path]).ok();
    assert!(
        out.stdout.contains("1 record of continuing education"),
        "{}",
        out.stdout
    );
    let refused = env.run(&["import", path, "--delimiter", ";"]).code(2);
    assert!(
        refused.stderr.contains("apply to CSV files"),
        "{}",
        refused.stderr
    );
}

#[test]
fn every_kind_is_removed_by_its_id_and_only_by_its_own_noun() {
    let env = TestEnv::with_copy_of(&crate::env::sample_logbook());
    env.run(&["credential", "add", "icf", "acc", "--granted", "2026-05-01"])
        .ok();
    for (noun, says) in [
        ("supervision", "of supervision with Sam Ortiz on 2025-12-15"),
        (
            "education",
            "Foundations of Coaching (Northfield Coaching School)",
        ),
        ("cpd", "Ethics in practice on 2026-04-18"),
        ("credential", "icf-acc granted on 2026-05-01"),
    ] {
        let listed = json(&env, &[noun, "list", "--json"]);
        let id = listed[0]["id"].as_str().expect("id").to_owned();
        // An id of another kind is not found under this noun.
        let other = if noun == "cpd" { "education" } else { "cpd" };
        env.run(&[other, "remove", &id]).code(1);
        let out = env.run(&[noun, "remove", &id]).ok();
        assert!(out.stdout.contains(says), "{noun}: {}", out.stdout);
        let after = json(&env, &[noun, "list", "--json"]);
        assert_eq!(
            after.as_array().map_or(0, Vec::len),
            listed.as_array().map_or(0, Vec::len) - 1,
            "{noun}"
        );
    }
}

#[test]
fn the_same_record_twice_is_kept_with_a_warning() {
    let env = crate::env::TestEnv::new();
    let course = [
        "education",
        "add",
        "Foundations of Coaching",
        "--provider",
        "Northfield Coaching School",
        "--hours",
        "64",
        "--start",
        "2025-01-13",
        "--accreditation",
        "icf-level-1",
    ];
    let first = env.run(&course).ok();
    assert_eq!(first.stderr, "", "the first is no duplicate");
    env.run(&course).ok().stderr_has(&[
        "the same education is recorded already",
        "coachlog education remove",
    ]);
    let mentoring = |date: &str| {
        env.run(&[
            "mentoring",
            "log",
            "Dana Reyes",
            "1h",
            "--credential",
            "MCC",
            "--date",
            date,
        ])
        .ok()
    };
    mentoring("2026-10-02");
    mentoring("2026-10-02").stderr_has(&["is recorded already", "coachlog mentoring remove"]);
    // Another day is another session of mentor coaching.
    assert_eq!(mentoring("2026-10-09").stderr, "");
    // `check` finds them too, one warning on each second copy, naming the first.
    let out = env.run(&["check", "--json"]).ok();
    let problems: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let same: Vec<&str> = problems
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["message"].as_str())
        .filter(|m| m.starts_with("the same "))
        .collect();
    assert_eq!(same.len(), 2, "{same:?}");
    assert!(same.iter().any(
        |m| m.starts_with("the same education as ") && m.contains("coachlog education remove")
    ));
    assert!(
        same.iter()
            .any(|m| m.starts_with("the same mentor coaching")
                || m.starts_with("the same mentoring"))
    );
    env.run(&["check", "--strict"]).code(1);
}
