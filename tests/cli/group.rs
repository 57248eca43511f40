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

/// A student's logbook: their name, a reciprocal partner, training from 2026.
fn student(name: &str, partner: &str) -> TestEnv {
    let env = TestEnv::new();
    env.run(&["config", "set", "name", name]).ok();
    env.run(&["config", "set", "training_start", "2026-01-01"])
        .ok();
    env.run(&[
        "partner",
        "add",
        partner,
        "--client-type",
        "peer",
        "--arrangement",
        "reciprocal",
        "--duration",
        "1h",
    ])
    .ok();
    env
}

/// Two students who coach each other (Ben's record of 2026-10-19 says 45 minutes where Ana's says
/// 60, and Ana signed a receipt of a session Ben gave her), and the sample logbook's student: each
/// one's packet for ICF ACC in `dir`, with the logbooks.
fn cohort(dir: &Path) -> Vec<(String, TestEnv)> {
    std::fs::create_dir_all(dir).expect("packets");
    let ana = student("Ana Silva", "Ben Okafor");
    let ben = student("Ben Okafor", "Ana Silva");
    ana.run(&[
        "partner",
        "add",
        "Jo Client",
        "--client-type",
        "non-coach",
        "--payment",
        "paid",
    ])
    .ok();
    let mut coached_ana = String::new();
    for day in ["2026-10-05", "2026-10-12"] {
        ana.log(&["ben", "--date", day]);
        let id = ana.log(&["ben", "--role", "client", "--date", day]);
        if coached_ana.is_empty() {
            coached_ana = id;
        }
        ben.log(&["ana", "--date", day]);
        ben.log(&["ana", "--role", "client", "--date", day]);
    }
    ana.log(&["ben", "--date", "2026-10-19"]);
    ben.log(&["ana", "--role", "client", "--date", "2026-10-19", "45m"]);
    ana.log(&["jo", "1h30m", "--date", "2026-10-20"]);
    // Ana signs a receipt of the session Ben gave her; Ben keeps it.
    ana.run(&["keys", "init", "--signing"]).ok();
    ana.run(&["receipt", &coached_ana, "--out", path(ana.home())])
        .ok();
    let receipt = ana.home().join(format!("receipt-{coached_ana}.txt"));
    for (from, to) in [("", ""), (".sig", ".sig")] {
        let mut source = receipt.as_os_str().to_owned();
        source.push(from);
        std::fs::copy(&source, ben.home().join(format!("receipt.txt{to}"))).expect("copy");
    }
    ben.run(&[
        "receipt",
        "import",
        path(&ben.home().join("receipt.txt")),
        "--pin",
        "ana-silva",
    ])
    .ok();
    let sample = TestEnv::with_sample();
    let mut all = Vec::new();
    for (file, env) in [("ana", ana), ("ben", ben), ("sample", sample)] {
        let zip = dir.join(format!("{file}.zip"));
        env.run(&["packet", "icf-acc", "--output", path(&zip)]).ok();
        all.push((file.to_owned(), env));
    }
    all
}

#[test]
fn group_status_shows_each_students_summary_and_checks_reciprocal_sessions_across_packets() {
    let school = TestEnv::new();
    let dir = school.home().join("packets");
    let students = cohort(&dir);
    let out = school.run(&["group", "status", path(&dir), "--json"]).ok();
    let cohort: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let rows = cohort["students"].as_array().expect("students");
    assert_eq!(rows.len(), 3);
    // Each row is that student's `summary --json` on the packet's day.
    for ((file, env), row) in students.iter().zip(rows) {
        assert_eq!(row["file"], format!("{file}.zip"));
        let summary = crate::env::json(env, &["summary", "--json", "--scheme", "icf-acc"]);
        assert_eq!(row["summary"], summary["schemes"][0], "{file}");
        assert_eq!(
            row["hours"],
            summary["schemes"][0]["requirements"][0]["actual"]
        );
        assert_eq!(row["problems"], serde_json::json!([]));
    }
    assert_eq!(rows[0]["student"], "Ana Silva");
    assert_eq!(rows[0]["last_session"], "2026-10-20");
    assert_eq!(rows[1]["below_target"], true, "Ben coaches only peers");
    assert_eq!(rows[2]["below_target"], false);
    // The session Ben logged as 45 minutes is named with both sides; the rest agree, and the one
    // Ana signed is confirmed.
    let reciprocal = &cohort["reciprocal"];
    assert_eq!(reciprocal["agreed"], 4);
    assert_eq!(reciprocal["confirmed"], 1);
    assert_eq!(
        reciprocal["disagreements"],
        serde_json::json!([{
            "date": "2026-10-19",
            "coach": "Ana Silva",
            "client": "Ben Okafor",
            "coach_says": "coached 60 min",
            "client_says": "was coached 45 min",
        }])
    );
    school.assert_prints_with(
        &[("COLUMNS", "100")],
        &["--color", "never", "group", "status", path(&dir)],
        "group-status.txt",
    );
    school.assert_prints(
        &["group", "status", path(&dir), "--json"],
        "group-status.json",
    );

    // A packet changed after it was made is marked, and none of its figures is used.
    let ben = dir.join("ben.zip");
    std::fs::write(
        &ben,
        with_changed_summary(&std::fs::read(&ben).expect("packet")),
    )
    .expect("write");
    let marked: serde_json::Value = serde_json::from_str(
        &school
            .run(&["group", "status", path(&dir), "--json"])
            .ok()
            .stdout,
    )
    .expect("JSON");
    let row = &marked["students"][1];
    assert_eq!(row["hours"], serde_json::Value::Null, "{row}");
    assert!(
        row["problems"][0]
            .as_str()
            .expect("a problem")
            .contains("summary.json"),
        "{row}"
    );
    assert_eq!(
        marked["reciprocal"]["agreed"], 0,
        "Ben's packet is not used"
    );
    let text = school.run(&["group", "status", path(&dir)]).ok().stdout;
    assert!(text.contains("PACKET NOT AS WRITTEN"), "{text}");
    // The CSV: a row per packet.
    let csv = school
        .run(&["group", "status", path(&dir), "--csv"])
        .ok()
        .stdout;
    let rows = csv_rows(&csv);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["student"], "Ana Silva");
    assert_ne!(rows[1]["problems"], "");

    // No packet, or no folder: said so.
    let empty = school.home().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let none = school.run(&["group", "status", path(&empty)]).code(2);
    assert!(none.stderr.contains("holds no packet"), "{}", none.stderr);
}

/// The packet `bytes` repacked with one figure of its summary.json changed (as a hand would).
fn with_changed_summary(bytes: &[u8]) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let name = file.name().expect("a name").into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("read");
        if name == "summary.json" {
            content = String::from_utf8(content)
                .expect("text")
                .replacen("\"actual\": 2.0", "\"actual\": 20.0", 1)
                .into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        writer.write_all(&content).expect("write");
    }
    writer.finish().expect("zip").into_inner()
}

#[test]
fn hostile_text_in_a_roster_is_refused_or_made_safe() {
    let env = TestEnv::new();
    let file = env.home().join("roster.csv");
    let header = "Name,Email,Time zone,Languages,Free,Arrangement\n";
    std::fs::write(
        &file,
        format!(
            "{header}Eve\u{1b}[2J,eve@example.org,Europe/Berlin,English,Mon 18-21,reciprocal\n\
             Bob,bob\u{202e}@example.org,Europe/Berlin,English,Mon 18-21,reciprocal\n"
        ),
    )
    .expect("roster");
    let refused = env.run(&["group", "match", path(&file)]).code(2);
    assert!(
        refused.stderr.contains("line 2: name: ") && refused.stderr.contains("control character"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("line 3: 'bob"),
        "{}",
        refused.stderr
    );
    assert!(
        !refused.stderr.contains('\u{1b}'),
        "no escape reaches the terminal"
    );
    // A name a spreadsheet would read as a formula is written so that it reads as text.
    std::fs::write(
        &file,
        format!(
            "{header}=HYPERLINK(\"http://x\"),eve@example.org,Europe/Berlin,English,Mon 18-21,reciprocal\n\
             Bob,bob@example.org,Europe/Berlin,English,Mon 18-21,reciprocal\n"
        ),
    )
    .expect("roster");
    let csv = env
        .run(&[
            "group",
            "match",
            path(&file),
            "--csv",
            "--week",
            "2026-12-14",
        ])
        .ok()
        .stdout;
    let rows = csv_rows(&csv);
    assert_eq!(rows[0]["name"], "'=HYPERLINK(\"http://x\")", "{csv}");
    assert_eq!(rows[1]["coaches"], "'=HYPERLINK(\"http://x\")", "{csv}");
}
