//! `coachlog import`: the round trip, mapped spreadsheets, duplicates, and bad rows that stop
//! everything.

use crate::env::{TestEnv, export_logbook};

/// `export sessions --include-notes` of a logbook.
fn exported(env: &TestEnv) -> String {
    env.run(&["export", "sessions", "--include-notes"])
        .ok()
        .stdout
}

#[test]
fn export_then_import_into_an_empty_logbook_gives_the_same_export() {
    let source = TestEnv::with_copy_of(&export_logbook());
    let csv = exported(&source);
    let target = TestEnv::new();
    // The export's icf_category column depends on the settings, so the new logbook gets the same.
    // (An organisation under an alias is exported, and so imported, as its alias.)
    target
        .run(&["config", "set", "training_start", "2025-01-10"])
        .ok();
    let file = target.home().join("sessions.csv");
    std::fs::write(&file, &csv).expect("write");
    let out = target.run(&["import", file.to_str().expect("utf-8")]).ok();
    assert_eq!(
        out.stdout,
        "Imported 10 sessions with 5 new partners (bo-ace-o-brien-jr, jo-park, rin-sato, town-hall-volunteers, \
         confidential-client-1); skipped 0 duplicates; 0 invalid rows\n"
    );
    // So does consent, a partner's detail that the sessions CSV does not carry.
    target
        .run(&["partner", "edit", "rin-sato", "--no-consent"])
        .ok();
    assert_eq!(exported(&target), csv);
    // Importing the same file again finds every session already there.
    let again = target.run(&["import", file.to_str().expect("utf-8")]).ok();
    again.stdout_has(&["Imported 0 sessions; skipped 10 duplicates; 0 invalid rows"]);
    assert_eq!(exported(&target), csv);
}

#[test]
fn one_skipped_row_is_one_row() {
    let env = TestEnv::new();
    let file = env.home().join("in.csv");
    std::fs::write(
        &file,
        "date,partner,minutes,client_type\n2026-01-05,Sam Lee,60,peer\n2026-02-30,Sam Lee,60,peer\n",
    )
    .expect("write");
    let out = env
        .command(&["--skip-invalid", "import", file.to_str().expect("utf-8")])
        .run()
        .ok();
    out.stderr_has(&["skipping 1 invalid row:\n  line 3:"]);
    out.stdout_has(&[
        "Imported 1 session with 1 new partner (sam-lee); skipped 0 duplicates; 1 invalid row",
    ]);
}

#[test]
fn a_dry_run_writes_nothing() {
    let env = TestEnv::new();
    let file = env.home().join("in.csv");
    std::fs::write(
        &file,
        "date,partner,minutes,client_type\n2026-01-05,Sam Lee,60,peer\n",
    )
    .expect("write");
    let out = env
        .run(&["import", file.to_str().expect("utf-8"), "--dry-run"])
        .ok();
    out.stdout_has(&["Would import 1 session with 1 new partner (sam-lee)"]);
    assert!(!env.data().exists());
}

#[test]
fn a_spreadsheet_with_its_own_columns_comes_in_with_one_command() {
    let env = TestEnv::new();
    let file = env.home().join("old-log.csv");
    std::fs::write(
        &file,
        "\u{feff}Date;Client;Duration;Paid?;Topic\n\
         14/03/2025;Sam Lee;1,5;Pro bono;career\n\
         21/03/2025;Sam Lee;1;Pro bono;career\n\
         02/04/2025;Team Blue;0,75;Paid;leadership\n",
    )
    .expect("write");
    let out = env
        .run(&[
            "import",
            file.to_str().expect("utf-8"),
            "--delimiter",
            ";",
            "--date-format",
            "%d/%m/%Y",
            "--map",
            "date=Date",
            "--map",
            "partner=Client",
            "--map",
            "hours=Duration",
            "--map",
            "payment=Paid?",
            "--client-type",
            "non-coach",
        ])
        .ok();
    out.stdout_has(&["Imported 3 sessions with 2 new partners (sam-lee, team-blue)"]);
    out.stderr_has(&["Not read (no field): Topic"]);
    let sessions = env.sessions_json(&[]);
    let summary: Vec<(String, u64, String)> = sessions
        .iter()
        .map(|s| {
            (
                s["date"].as_str().unwrap_or("").to_owned(),
                s["minutes"].as_u64().unwrap_or(0),
                s["payment"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2025-04-02".to_owned(), 45, "paid".to_owned()),
            ("2025-03-21".to_owned(), 60, "pro-bono".to_owned()),
            ("2025-03-14".to_owned(), 90, "pro-bono".to_owned()),
        ]
    );
    assert_eq!(sessions[0]["client_type"], "non-coach");
}

/// A sheet kept by a person, as Excel saves it: CRLF line ends, a blank row, day-first dates,
/// "Swap" for an exchange, contacts and e-mail addresses, and a name written once in lower case
/// with `ue` for `ü`. One command brings it in, and says what it read how; a date that does not
/// exist is named at its real line.
#[test]
fn a_persons_spreadsheet_comes_in_on_the_first_try() {
    let env = TestEnv::new();
    let file = env.home().join("Praxis.csv");
    std::fs::write(
        &file,
        "Datum;Klient;Dauer;Typ;Bezahlung;Kontakt;E-Mail\r\n\
         05.11.2024;Anna Müller;60;non-coach;bezahlt;+49 170 1234;anna@example.de\r\n\
         \r\n\
         12.11.2024;anna mueller;45m;non-coach;bezahlt;;\r\n\
         19.11.2024;Ben Richter;1h;peer;Swap;;\r\n\
         31.11.2024;Ben Richter;1h;peer;Swap;;\r\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf-8");
    let args = [
        "import",
        path,
        "--map",
        "date=Datum",
        "--map",
        "partner=Klient",
        "--map",
        "minutes=Dauer",
        "--map",
        "client_type=Typ",
        "--map",
        "payment=Bezahlung",
        "--map",
        "contact=Kontakt",
        "--map",
        "email=E-Mail",
        "--map",
        "payment:bezahlt=paid",
        "--map",
        "payment:Swap=exchange",
    ];
    let before = env.tree();
    let refused = env.run(&args).code(1);
    refused.stderr_has(&[
        "Dates read as DD.MM.YYYY",
        "'anna mueller' read as the partner anna-muller.",
        "1 row of",
        "line 6: '31.11.2024' is not a date in the form DD.MM.YYYY",
    ]);
    assert_eq!(env.tree(), before, "nothing written");

    let mut dry = args.to_vec();
    dry.extend(["--dry-run", "--skip-invalid"]);
    let out = env.run(&dry).ok();
    out.stdout_has(&[
        "The first 3 sessions as they would be stored:",
        " 2024-11-12   anna-muller (new)      45m   coach   paid ",
        " 2024-11-19   ben-richter (new)       1h   coach   exchange ",
        "Would import 3 sessions with 2 new partners (anna-muller, ben-richter)",
    ]);
    assert_eq!(env.tree(), before, "a dry run writes nothing");

    let mut all = args.to_vec();
    all.push("--skip-invalid");
    env.run(&all)
        .ok()
        .stdout_has(&["Imported 3 sessions with 2 new partners"]);
    let anna = env.read("partners/anna-muller.toml");
    assert!(
        anna.contains("name = \"Anna Müller\"")
            && anna.contains("contact = \"+49 170 1234\"")
            && anna.contains("emails = [\"anna@example.de\"]"),
        "{anna}"
    );
    let sessions = env.sessions_json(&[]);
    let days: Vec<(&str, &str, &str)> = sessions
        .iter()
        .map(|s| {
            (
                s["date"].as_str().unwrap_or(""),
                s["partner"].as_str().unwrap_or(""),
                s["payment"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            ("2024-11-19", "ben-richter", "exchange"),
            ("2024-11-12", "anna-muller", "paid"),
            ("2024-11-05", "anna-muller", "paid"),
        ]
    );
}

/// Dates that read as well day first as month first are not guessed at; twenty rows with the same
/// problem are one line with their count.
#[test]
fn ambiguous_dates_are_asked_about_and_repeated_problems_are_one_line() {
    let env = TestEnv::with_partners();
    let file = env.home().join("us.csv");
    std::fs::write(
        &file,
        "date,partner,minutes\n05/11/2024,alex,60\n06/11/2024,alex,60\n",
    )
    .expect("write");
    env.run(&["import", file.to_str().expect("utf-8")])
        .usage_error(&[
            "the dates could be DD/MM/YYYY or MM/DD/YYYY ('05/11/2024' is 2024-11-05 or 2024-05-11)",
            "--date-format %d/%m/%Y or --date-format %m/%d/%Y",
        ]);
    let mut text = "date,partner,minutes\n".to_owned();
    for day in 1..=20 {
        text.push_str(&format!(
            "2026-03-{day:02},alex,{}\n",
            if day % 2 == 0 { "abc" } else { "xyz" }
        ));
    }
    std::fs::write(&file, text).expect("write");
    let out = env.run(&["import", file.to_str().expect("utf-8")]).code(1);
    out.stderr_has(&["20 rows (lines 2, 3, 4, 5, 6, 15 more): 'xyz' is not a duration"]);
    assert_eq!(
        out.stderr.matches("is not a duration").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_row_at_line_37_stops_the_import_and_writes_nothing() {
    let env = TestEnv::with_partners();
    let mut csv = String::from("date,partner,minutes,role\n");
    for day in 0..40 {
        let date =
            chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date") + chrono::Days::new(day);
        // Line 1 is the header, so the row for day 35 is on line 37.
        let minutes = if day == 35 {
            "an hour".to_owned()
        } else {
            "60".to_owned()
        };
        csv.push_str(&format!("{date},Alex Kim,{minutes},coach\n"));
    }
    let file = env.home().join("sessions.csv");
    std::fs::write(&file, &csv).expect("write");
    let before = env.tree();
    let out = env.run(&["import", file.to_str().expect("utf-8")]).code(1);
    out.stderr_has(&[
        "1 row of",
        "cannot be imported, so nothing was imported",
        "line 37: 'an hour' is not a duration",
        "--skip-invalid",
    ]);
    assert_eq!(env.tree(), before);

    let out = env
        .run(&["import", file.to_str().expect("utf-8"), "--skip-invalid"])
        .ok();
    out.stdout_has(&["Imported 39 sessions; skipped 0 duplicates; 1 invalid row"]);
    out.stderr_has(&["line 37"]);
    assert_eq!(env.session_files().len(), 39);
}

#[test]
fn an_hours_column_that_holds_minutes_is_caught() {
    let env = TestEnv::with_partners();
    let file = env.home().join("in.csv");
    std::fs::write(&file, "date,partner,hours\n2026-01-05,Alex Kim,45\n").expect("write");
    env.run(&["import", file.to_str().expect("utf-8")])
        .code(1)
        .stderr_has(&["line 2: '45' hours is longer than 24 hours: is this column in minutes?"]);
}

#[test]
fn rows_spanning_lines_are_reported_at_their_first_line() {
    let env = TestEnv::with_partners();
    let file = env.home().join("notes.csv");
    std::fs::write(
        &file,
        "date,partner,minutes,notes\n2025-01-01,Alex Kim,60,\"two\nlines\"\n2025-01-02,Alex Kim,0,\"x\"\n",
    )
    .expect("write");
    env.run(&["import", file.to_str().expect("utf-8")])
        .code(1)
        .stderr_has(&["line 4: '0' is zero"]);
}

#[test]
fn new_partners_need_a_client_type() {
    let env = TestEnv::new();
    let file = env.home().join("in.csv");
    std::fs::write(&file, "date,partner,minutes\n2026-01-05,Sam Lee,60\n").expect("write");
    env.run(&["import", file.to_str().expect("utf-8")])
        .code(1)
        .stderr_has(&["line 2: 'Sam Lee' is a new partner", "--client-type"]);
    assert!(!env.data().exists());
}

#[test]
fn mapping_mistakes_are_usage_errors() {
    let env = TestEnv::new();
    let file = env.home().join("in.csv");
    std::fs::write(&file, "Day,Who,Length\n2026-01-05,Sam,60\n").expect("write");
    let path = file.to_str().expect("utf-8");
    env.run(&["import", path]).usage_error(&[
        "no column for date, partner",
        "its columns are: Day, Who, Length",
    ]);
    env.run(&["import", path, "--map", "when=Day"])
        .usage_error(&["'when' is not a field"]);
    env.run(&["import", path, "--map", "date"])
        .usage_error(&["not FIELD=HEADER"]);
    env.run(&["import", path, "--map", "date=Day", "--map", "date=Who"])
        .usage_error(&["--map date is given twice"]);
    env.run(&[
        "import",
        path,
        "--map",
        "date=When",
        "--map",
        "partner=Who",
        "--map",
        "minutes=Length",
    ])
    .usage_error(&["--map date=When: the file has no column 'When'"]);
    env.run(&["import", "missing.csv"])
        .code(1)
        .stderr_has(&["cannot read missing.csv"]);
}

#[test]
fn reads_standard_input() {
    let env = TestEnv::with_partners();
    let out = env
        .command(&["import", "-"])
        .stdin("date,partner,minutes\n2026-01-05,alex kim,45\n")
        .run()
        .ok();
    out.stdout_has(&["Imported 1 session;"]);
    assert_eq!(
        env.sessions_json(&[])[0]["partner"],
        "alex-kim",
        "an existing partner, found by name"
    );
}

#[test]
fn a_bad_csv_says_what_is_wrong_in_its_own_words() {
    let env = TestEnv::with_partners();
    let import = |name: &str, text: &str| {
        env.write(name, text);
        env.run(&["import", env.data().join(name).to_str().expect("utf-8")])
    };
    let out = import(
        "quote.csv",
        "date,partner,minutes\n2026-01-05,\"Alex Kim,60\n2026-01-06,Alex Kim,30\n",
    )
    .code(1);
    assert!(
        out.stderr
            .contains("line 2: the partner cell opens a quote")
            && !out.stderr.contains("duration is empty"),
        "{}",
        out.stderr
    );
    let out = import(
        "long.csv",
        "date,partner,minutes\n2026-01-05,Alex Kim,1000000000000\n",
    )
    .code(1);
    assert!(
        out.stderr.contains("far too long") && !out.stderr.contains("whole"),
        "{}",
        out.stderr
    );
    // A semicolon-separated file, as spreadsheets write where the comma is the decimal mark.
    import("semi.csv", "date;partner;hours\n2026-01-05;Alex Kim;1,5\n").ok();
    let sessions = env.sessions_json(&[]);
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["minutes"], 90);
    assert_eq!(env.session_files().len(), 1, "nothing else was written");
}

#[test]
fn a_backup_with_a_bad_id_or_an_entry_twice_is_restored_as_it_says() {
    let env = TestEnv::with_partners();
    let session = |id: &str| {
        format!(
            r#"{{"id": "{id}", "date": "2026-01-05", "partner": "alex-kim", "minutes": 60,
               "role": "coach", "payment": "exchange", "arrangement": "reciprocal",
               "client_type": "peer"}}"#
        )
    };
    let backup = |sessions: &[String]| {
        format!(
            r#"{{"format": "coachlog-backup", "version": 1, "partners": [], "sessions": [{}]}}"#,
            sessions.join(",")
        )
    };
    env.write("bad.json", &backup(&[session("../../x")]));
    let out = env
        .run(&[
            "import",
            env.data().join("bad.json").to_str().expect("utf-8"),
        ])
        .code(1);
    assert!(
        out.stderr.contains("the id \"../../x\"") && out.stderr.contains("lowercase letters"),
        "{}",
        out.stderr
    );
    assert!(
        env.session_files().is_empty(),
        "nothing restored under another id"
    );
    env.write(
        "twice.json",
        &backup(&[session("aaa111"), session("aaa111")]),
    );
    env.run(&[
        "import",
        env.data().join("twice.json").to_str().expect("utf-8"),
    ])
    .ok();
    assert_eq!(
        env.session_files().len(),
        1,
        "the same entry twice is restored once"
    );
}
