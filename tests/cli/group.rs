//! A practice group's round, as the person who runs the group and the students see it: the
//! roster in, the round's table, JSON and CSV out, messages and invitations written, an earlier
//! round not repeated, and a student's logbook adding the partner from the invitation.

use std::path::Path;

use crate::env::{TestEnv, assert_golden, csv_rows};

/// The sample roster in `examples/`.
pub const ROSTER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/roster.csv");

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

#[test]
fn the_round_as_csv_has_a_row_per_person() {
    let env = TestEnv::new();
    let out = env
        .run(&["group", "match", ROSTER, "--week", "2026-12-14", "--csv"])
        .ok();
    assert_golden("group-round.csv", &out.stdout);
    let rows = csv_rows(&out.stdout);
    assert_eq!(rows.len(), 14, "everybody on the roster, once");
    // Who coaches whom closes: every coach is coached by someone, and never by the one they coach.
    for row in rows.iter().filter(|r| r["kind"] != "unmatched") {
        assert_ne!(row["coaches_email"], "", "{row:?}");
        assert_ne!(row["coached_by_email"], "", "{row:?}");
        if row["kind"] == "ring" {
            assert_ne!(row["coaches_email"], row["coached_by_email"], "{row:?}");
        } else {
            assert_eq!(row["coaches_email"], row["coached_by_email"], "{row:?}");
        }
    }
    let why: Vec<&str> = rows
        .iter()
        .filter(|r| r["kind"] == "unmatched")
        .map(|r| r["reason"].as_str())
        .collect();
    assert_eq!(why.len(), 3);
    assert!(why.iter().all(|w| !w.is_empty()), "{why:?}");
}

#[test]
fn a_bad_roster_names_each_bad_row_by_line_and_writes_nothing() {
    let env = TestEnv::new();
    let roster = std::fs::read_to_string(ROSTER).expect("roster")
        + "2026/12/01 09:00,Olga,olga@example.org,Berlin,German,Tue 9-12,,reciprocal,60\n\
           2026/12/01 09:01,Pat,pat@example.org,Asia/Kolkata,,Tue 9-12,,reciprocal,60\n\
           2026/12/01 09:02,Ana again,ANA@example.org,Europe/Lisbon,English,Tue 9-12,,reciprocal,60\n\
           2026/12/01 09:03,Quinn,quinn@example.org,Europe/Oslo,English,after lunch,,reciprocal,60\n";
    let file = env.home().join("roster.csv");
    std::fs::write(&file, roster).expect("roster");
    let out = env.home().join("round");
    let failed = env
        .run(&["group", "match", path(&file), "--out", path(&out)])
        .code(2);
    for expected in [
        "line 16: time zone 'Berlin' is not an IANA time zone name (Europe/Berlin",
        "line 17: no language",
        "line 18: the e-mail address ana@example.org is on line 2 too",
        "line 19: when free:",
        "Nothing was written.",
    ] {
        assert!(
            failed.stderr.contains(expected),
            "{expected}: {}",
            failed.stderr
        );
    }
    assert_eq!(failed.stdout, "");
    assert!(!out.exists(), "no folder made");
}

#[test]
fn out_writes_messages_and_invitations_and_the_next_round_repeats_nobody() {
    let env = TestEnv::new();
    let first = env.home().join("round-1");
    let week = ["--week", "2026-12-14"];
    let mut args = vec!["group", "match", ROSTER, "--out", path(&first)];
    args.extend(week);
    let made = env.run(&args).ok();
    assert!(made.stderr.contains("8 messages"), "{}", made.stderr);
    assert!(made.stderr.contains("11 invitations"), "{}", made.stderr);
    let pair = std::fs::read_to_string(first.join("messages/group-01.txt")).expect("message");
    assert_golden("group-message-pair.txt", &pair);
    let ring = std::fs::read_to_string(first.join("messages/group-04-1.txt")).expect("message");
    assert_golden("group-message-ring.txt", &ring);
    let invitations = std::fs::read_dir(first.join("invitations"))
        .expect("invitations")
        .count();
    assert_eq!(invitations, 11, "one per student matched");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(first.join("round.csv"))
            .expect("round.csv")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "addresses stay the owner's");
    }

    // Again into the same folder: refused, and nothing changed.
    let before = std::fs::read(first.join("round.json")).expect("round.json");
    let again = env.run(&args).code(2);
    assert!(
        again.stderr.contains("exists: add --force"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read(first.join("round.json")).expect("kept"),
        before
    );

    // The next round, with the first as history (as JSON, and as CSV): no pair or ring session
    // of the first is made again.
    let first_round: serde_json::Value =
        serde_json::from_slice(&before).expect("round.json is JSON");
    let met = sessions(&first_round);
    for history in ["round.json", "round.csv"] {
        let earlier = first.join(history);
        let mut next = vec![
            "group",
            "match",
            ROSTER,
            "--json",
            "--history",
            path(&earlier),
        ];
        next.extend(week);
        let second: serde_json::Value =
            serde_json::from_str(&env.run(&next).ok().stdout).expect("JSON");
        let again: Vec<(String, String)> = sessions(&second)
            .into_iter()
            .filter(|s| met.contains(s))
            .collect();
        assert!(again.is_empty(), "{history}: repeated {again:?}");
        assert!(
            !sessions(&second).is_empty(),
            "{history}: others are matched"
        );
        let all_before = second["unmatched"]
            .as_array()
            .expect("unmatched")
            .iter()
            .any(|u| u["reason"] == "all-before" || u["reason"] == "odd-one-out");
        assert!(all_before, "{second}");
    }
    let bad = env
        .run(&["group", "match", ROSTER, "--history", ROSTER])
        .code(2);
    assert!(
        bad.stderr.contains("it has no column 'email'"),
        "{}",
        bad.stderr
    );
}

/// Who coaches whom in a round's JSON.
fn sessions(round: &serde_json::Value) -> Vec<(String, String)> {
    round["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .flat_map(|g| g["sessions"].as_array().expect("sessions").iter())
        .map(|s| {
            (
                s["coach"].as_str().expect("coach").to_owned(),
                s["client"].as_str().expect("client").to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_student_adds_the_partner_from_the_invitation() {
    let school = TestEnv::new();
    let dir = school.home().join("round");
    school
        .run(&[
            "group",
            "match",
            ROSTER,
            "--week",
            "2026-12-14",
            "--out",
            path(&dir),
        ])
        .ok();
    let invitation = dir.join("invitations/katja-example-org.toml");
    let student = TestEnv::new();
    let added = student
        .run(&["partner", "add", "--from", path(&invitation)])
        .ok();
    assert!(
        added
            .stdout
            .starts_with("Added Jai Sharma (jai-sharma): peer, one-way"),
        "{}",
        added.stdout
    );
    assert!(
        added.stdout.contains("coachlog partner agree jai-sharma"),
        "{}",
        added.stdout
    );
    assert!(
        added
            .stdout
            .contains("[x] time zones: Katja Weber Europe/Berlin, Jai Sharma Asia/Kolkata"),
        "{}",
        added.stdout
    );
    assert!(
        added
            .stdout
            .contains("[x] reciprocal or one-way: one-way (they coach Ines Moreau instead)"),
        "{}",
        added.stdout
    );
    let file = student.read("partners/jai-sharma.toml");
    assert!(file.contains("default_minutes = 60"), "{file}");
    assert!(file.contains("jai@example.org"), "{file}");
    // The student logs a session with the partner at once.
    student
        .run(&["log", "jai-sharma", "--date", "2026-12-12"])
        .ok();

    // A changed invitation is refused, and nothing is added.
    let changed = std::fs::read_to_string(dir.join("invitations/ana-example-org.toml"))
        .expect("invitation")
        .replace("minutes = 60", "minutes = 6000");
    std::fs::write(student.home().join("changed.toml"), changed).expect("write");
    let refused = student
        .run(&[
            "partner",
            "add",
            "--from",
            path(&student.home().join("changed.toml")),
        ])
        .code(2);
    assert!(
        refused.stderr.contains("a session of 6000 minutes"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("nothing was added"),
        "{}",
        refused.stderr
    );
    assert!(!student.data().join("partners/hana-novak.toml").exists());
    // A name and --from are one or the other.
    student
        .run(&["partner", "add", "Hana", "--from", path(&invitation)])
        .code(2);
}
