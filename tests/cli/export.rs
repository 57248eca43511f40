//! `coachlog export`: golden files on a fixed logbook, the rules of each format, and the files it
//! writes.

use serde_json::Value;

use crate::env::{TestEnv, assert_golden, csv_rows, export_logbook, sample_logbook};

/// Runs `coachlog --data-dir <fixture> export ARGS` and returns stdout and stderr.
fn export(args: &[&str]) -> (String, String) {
    let env = TestEnv::new();
    let fixture = export_logbook();
    let mut all = vec!["--data-dir", fixture.to_str().expect("utf-8"), "export"];
    all.extend_from_slice(args);
    let out = env.run(&all).ok();
    (out.stdout, out.stderr)
}

#[test]
fn golden_files_for_each_format() {
    for (args, golden) in [
        (&["sessions"][..], "sessions.csv"),
        (&["sessions", "--include-notes"], "sessions-with-notes.csv"),
        (
            &["sessions", "--anonymize", "--delimiter", ";"],
            "sessions-anonymized-semicolon.csv",
        ),
        (&["sessions", "--excel"], "sessions-excel.csv"),
        (&["icf"], "icf.csv"),
        (&["icf", "--include-contact"], "icf-with-contact.csv"),
        (&["icf", "--excel"], "icf-excel.csv"),
        (&["mentoring", "--excel"], "mentoring-excel.csv"),
        (&["emcc"], "emcc.csv"),
        (&["json"], "backup.json"),
        (&["json", "--anonymize"], "backup-anonymized.json"),
    ] {
        let (stdout, _) = export(args);
        assert_golden(golden, &stdout);
    }
}

#[test]
fn a_csv_for_a_spreadsheet_starts_with_a_byte_order_mark_and_reads_back() {
    let (excel, _) = export(&["sessions", "--excel"]);
    assert!(excel.starts_with("\u{feff}date;partner;"), "{excel}");
    assert!(excel.contains(";1,50;"), "a decimal comma: {excel}");
    let (english, _) = export(&["sessions", "--excel", "--delimiter", ","]);
    assert!(english.starts_with("\u{feff}date,partner,"));
    assert!(english.contains(",1.50,"), "{english}");
    // What --excel writes, import reads as the same sessions.
    let env = TestEnv::new();
    let fixture = export_logbook();
    let copy = TestEnv::with_copy_of(&fixture);
    let file = env.home().join("excel.csv");
    std::fs::write(&file, &excel).expect("write");
    copy.run(&["import", file.to_str().expect("utf-8"), "--dry-run"])
        .ok()
        .stdout_has(&["Would import 0 sessions"]);
    env.run(&["export", "json", "--excel"])
        .usage_error(&["--excel applies to the CSV formats only"]);
}

#[test]
fn the_icf_header_is_icfs_byte_for_byte() {
    let (stdout, _) = export(&["icf"]);
    let header = stdout.lines().next().expect("header");
    assert_eq!(
        header,
        "Client Name,Contact Information,Individual/Group,Number in Group,Start Date,End Date,Paid hours,Pro-bono hours"
    );
}

#[test]
fn the_icf_log_leaves_off_clients_without_consent_and_big_groups_and_says_how_much() {
    let (stdout, stderr) = export(&["icf"]);
    assert!(!stdout.contains("Rin Sato"), "no consent: left off");
    assert!(!stdout.contains("Town Hall"), "a group of 20: left off");
    assert!(
        stdout.contains("Confidential Client 1,,Group,6,"),
        "an alias stands for the name"
    );
    assert!(
        !stdout.contains("Northwind"),
        "the real name of an aliased client never shows"
    );
    assert!(
        !stdout.contains("@"),
        "no contact without --include-contact"
    );
    assert!(
        stderr.contains(
            "warning: left off the ICF log: 1.00 h with 1 client who has not consented to be named \
             (summary's ICF figures leave them out too; once consent is recorded: `coachlog partner \
             edit rin-sato --consent`)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "warning: left off the ICF log: 2.00 h with 1 group of more than 15 members present"
        ),
        "{stderr}"
    );
    let (stdout, _) = export(&["icf", "--include-contact"]);
    assert!(stdout.contains(",bo@example.org,") && stdout.contains(",hr@northwind.example,"));
}

#[test]
fn sessions_never_carry_contacts_and_notes_only_when_asked() {
    let (stdout, _) = export(&["sessions"]);
    assert!(!stdout.contains('@'));
    assert!(!stdout.contains("find a new role"));
    let (stdout, _) = export(&["sessions", "--include-notes"]);
    assert!(
        stdout.contains("\"Goal: \"\"find a new role\"\", then\ndecide by June, maybe\""),
        "quoted: {stdout}"
    );
}

#[test]
fn anonymised_exports_show_no_name_and_keep_aliases_stable() {
    for format in ["sessions", "icf", "emcc", "json"] {
        let (first, _) = export(&[format, "--anonymize"]);
        let (second, _) = export(&[format, "--anonymize"]);
        assert_eq!(first, second, "{format}: the same aliases every time");
        for name in [
            "Bo",
            "O'Brien",
            "Jo Park",
            "Rin",
            "Northwind",
            "Town Hall",
            "Confidential",
            "@",
        ] {
            assert!(!first.contains(name), "{format} shows {name:?}:\n{first}");
        }
    }
    let (sessions, _) = export(&["sessions", "--anonymize"]);
    let (emcc, _) = export(&["emcc"]);
    // The same partner has the same alias in every export: Client 05 is the group of six in both.
    assert!(sessions.contains("2025-03-10,Client 05,yes,non-coach,one-way,coach,group,6,"));
    assert!(emcc.contains("Client 05,non-coach,group,6,2025-03-10,2025-05-05,2,3.00"));
}

#[test]
fn dates_limit_every_format() {
    let (stdout, _) = export(&["sessions", "--from", "2025-03-01", "--to", "2025-03-31"]);
    assert_eq!(
        stdout.lines().count(),
        3,
        "header and two sessions: {stdout}"
    );
    let (stdout, _) = export(&["icf", "--to", "2025-02-28"]);
    assert!(
        stdout.contains("Jo Park,,Individual,1,2025-02-03,2025-02-03,0.00,0.83"),
        "{stdout}"
    );
    let json: Value =
        serde_json::from_str(&export(&["json", "--from", "2025-04-01"]).0).expect("json");
    assert_eq!(json["sessions"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        json["partners"].as_array().map(Vec::len),
        Some(5),
        "partners are always whole"
    );
}

#[test]
fn the_mentors_csv_adds_up_to_summarys_coaching_totals() {
    let env = TestEnv::new();
    let sample = sample_logbook();
    let dir = sample.to_str().expect("utf-8");
    let to = "2026-06-30";
    let csv = env
        .run(&["--data-dir", dir, "export", "sessions", "--to", to])
        .ok()
        .stdout;
    let summary: Value = serde_json::from_str(
        &env.run(&["--data-dir", dir, "summary", "--as-of", to, "--json"])
            .ok()
            .stdout,
    )
    .expect("json");
    let (mut minutes, mut sessions) = (0u64, 0u64);
    for record in csv_rows(&csv) {
        if record["role"] == "coach" {
            minutes += record["minutes"].parse::<u64>().expect("minutes");
            sessions += 1;
        }
    }
    assert_eq!(
        sessions,
        summary["coaching"]["sessions"].as_u64().expect("sessions")
    );
    assert_eq!(
        minutes,
        summary["coaching"]["minutes"].as_u64().expect("minutes")
    );
    assert_eq!(
        ((minutes as f64 / 60.0) * 100.0).round() / 100.0,
        summary["coaching"]["hours"].as_f64().expect("hours")
    );
}

#[test]
fn the_icf_workbook_opens_with_typed_cells_and_totals_that_match_summary() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let env = TestEnv::with_copy_of(&sample_logbook());
    let path = env.home().join("icf-log.xlsx");
    let out = env
        .run(&[
            "export",
            "xlsx",
            "--output",
            path.to_str().expect("utf-8"),
            "--to",
            "2026-11-23",
        ])
        .ok();
    out.stderr_has(&[
        "left off the ICF log: 3.00 h with 1 client who has not consented to be named (summary's \
         ICF figures leave them out too",
        "Wrote ",
    ]);
    assert_eq!(out.stdout, "");

    let mut workbook: Xlsx<_> = open_workbook(&path).expect("an xlsx that opens");
    let sheet = workbook
        .worksheet_range("ICF Client Coaching Log")
        .expect("the sheet");
    let cell = |row: u32, col: u32| sheet.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        cell(0, 0),
        Data::String("ICF Client Coaching Log — sessions from 2025-01-13 to 2026-11-23".into())
    );
    let header: Vec<String> = (0..8).map(|c| cell(1, c).to_string()).collect();
    assert_eq!(
        header,
        [
            "Client Name",
            "Contact Information",
            "Individual/Group",
            "Number in Group",
            "Start Date",
            "End Date",
            "Paid hours",
            "Pro-bono hours"
        ]
    );
    assert_eq!(cell(2, 0), Data::String("Priya Nair".into()));
    assert_eq!(cell(2, 2), Data::String("Individual".into()));
    assert_eq!(cell(2, 3), Data::Float(1.0));
    match cell(2, 4) {
        Data::DateTime(d) => assert_eq!(
            d.as_datetime().map(|d| d.date().to_string()).as_deref(),
            Some("2025-02-11")
        ),
        other => panic!("the start date is a date cell, not {other:?}"),
    }
    // 260 minutes: 4.33 h, to the hundredth the rows are rounded to (so that they add up).
    assert!(
        matches!(cell(2, 6), Data::Float(h) if (h - 260.0 / 60.0).abs() <= 0.01),
        "{:?}",
        cell(2, 6)
    );

    let last = sheet.height() as u32 - 1;
    assert_eq!(cell(last, 0), Data::String("Total".into()));
    let formulas = workbook
        .worksheet_formula("ICF Client Coaching Log")
        .expect("formulas");
    let formula = formulas.get_value((last, 6)).cloned().unwrap_or_default();
    assert_eq!(formula, format!("SUM(G3:G{})", last));
    let (Data::Float(paid), Data::Float(pro_bono)) = (cell(last, 6), cell(last, 7)) else {
        panic!(
            "totals are numbers: {:?} {:?}",
            cell(last, 6),
            cell(last, 7)
        );
    };
    // The workbook's total is summary's ICF hours less exactly what the warning left off.
    let summary: Value = serde_json::from_str(
        &env.run(&[
            "summary",
            "--as-of",
            "2026-11-23",
            "--json",
            "--scheme",
            "icf-acc",
        ])
        .ok()
        .stdout,
    )
    .expect("json");
    // By default the ICF figures are what the log shows: the hours, and the paid hours.
    let icf_hours = summary["schemes"][0]["requirements"][0]["actual"]
        .as_f64()
        .expect("hours");
    let icf_paid = summary["schemes"][0]["requirements"][1]["actual"]
        .as_f64()
        .expect("paid hours");
    assert_eq!(
        ((paid + pro_bono) * 100.0).round() / 100.0,
        icf_hours,
        "{paid} + {pro_bono} vs {icf_hours}"
    );
    assert_eq!((paid * 100.0).round() / 100.0, icf_paid);
    let rows_paid: f64 = (2..last)
        .filter_map(|r| {
            if let Data::Float(h) = cell(r, 6) {
                Some(h)
            } else {
                None
            }
        })
        .sum();
    assert!(
        (rows_paid - paid).abs() < 1e-9,
        "the total is the sum of the rows"
    );
}

#[test]
fn output_files_are_atomic_private_and_never_overwritten_by_accident() {
    let env = TestEnv::with_copy_of(&export_logbook());
    let path = env.home().join("log.csv");
    let target = path.to_str().expect("utf-8");
    env.run(&["export", "icf", "--output", target]).ok();
    let first = std::fs::read_to_string(&path).expect("written");
    assert!(first.starts_with("Client Name,"));
    env.run(&["export", "sessions", "--output", target])
        .usage_error(&["exists", "--force"]);
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), first);
    env.run(&["export", "sessions", "--output", target, "--force"])
        .ok();
    assert!(
        std::fs::read_to_string(&path)
            .expect("replaced")
            .starts_with("date,partner,")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).expect("file").permissions().mode() & 0o777,
            0o600
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(env.home())
        .expect("home")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp files left");
}

#[test]
fn flags_that_do_not_apply_are_refused() {
    let env = TestEnv::with_copy_of(&export_logbook());
    env.run(&["export", "xlsx"]).usage_error(&["--output"]);
    env.run(&["export", "icf", "--include-notes"])
        .usage_error(&["--include-notes applies to `export sessions` only"]);
    env.run(&["export", "sessions", "--include-contact"])
        .usage_error(&["--include-contact applies to `export icf`"]);
    env.run(&["export", "json", "--delimiter", ";"])
        .usage_error(&["--delimiter applies to the CSV formats"]);
    env.run(&["export", "sessions", "--delimiter", "|"])
        .usage_error(&["'|' is not a delimiter"]);
    env.run(&["export", "sessions", "--anonymize", "--include-notes"])
        .usage_error(&["cannot be used with"]);
    env.run(&["export", "pdf"])
        .usage_error(&["'pdf'", "sessions", "xlsx"]);
    env.run(&[
        "export",
        "sessions",
        "--from",
        "2025-05-01",
        "--to",
        "2025-04-01",
    ])
    .usage_error(&["is after"]);
}

/// Every formula start but the two a one-line text cannot begin with (tab and carriage return,
/// which notes can).
const FORMULA_STARTS: [&str; 4] = ["=", "+", "-", "@"];

#[test]
fn every_csv_export_neutralises_each_formula_start_in_every_free_text_column() {
    let env = TestEnv::new();
    for (i, start) in FORMULA_STARTS.iter().enumerate() {
        let name = format!("{start}HYPERLINK(\"http://x.test/{i}\",\"x\")");
        let id = format!("p{i}");
        env.run(&[
            "partner",
            "add",
            "--id",
            &id,
            "--client-type",
            "non-coach",
            &format!("--contact={start}cmd|' /C calc'!A{i}"),
            "--",
            &name,
        ])
        .ok();
        env.run(&[
            "log",
            &id,
            "1h",
            "--date",
            "2026-03-02",
            "--payment",
            "paid",
            &format!("--notes={start}1+1"),
        ])
        .ok();
        env.run(&[
            "mentoring",
            "log",
            "--credential",
            "MCC",
            "--date",
            "2026-03-03",
            &format!("--contact={start}mentor{i}@x.test"),
            "--",
            &format!("{start}Mentor {i}"),
            "1h",
        ])
        .ok();
    }
    env.write(
        "sessions/2026/2026-03-04-p0-tab001.toml",
        "version = 1\ndate = 2026-03-04\npartner = \"p0\"\nminutes = 30\nrole = \"coach\"\n\
         payment = \"paid\"\narrangement = \"one-way\"\nclient_type = \"non-coach\"\n\
         notes = \"\\t=2+2\"\n",
    );
    let is_formula = |cell: &str| cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    for (args, columns) in [
        (
            vec!["export", "sessions", "--include-notes"],
            vec!["partner", "notes"],
        ),
        (
            vec!["export", "icf", "--include-contact"],
            vec!["Client Name", "Contact Information"],
        ),
        (
            vec!["export", "mentoring", "--include-contact"],
            vec!["Mentor Name", "Contact Information"],
        ),
        (vec!["export", "emcc"], vec!["client_ref"]),
    ] {
        let out = env.run(&args).ok();
        let rows = crate::env::csv_rows(&out.stdout);
        assert!(!rows.is_empty(), "{args:?}");
        for column in &columns {
            let cells: Vec<&String> = rows.iter().filter_map(|r| r.get(*column)).collect();
            assert!(
                !cells.is_empty(),
                "{args:?} has a column {column}: {:?}",
                rows[0]
            );
            for cell in cells {
                assert!(!is_formula(cell), "{args:?} {column}: {cell:?}");
            }
        }
        assert!(
            out.stdout.contains("'=HYPERLINK")
                || out.stdout.contains("'=Mentor 0")
                || args[1] == "emcc",
            "{args:?}: the text is kept behind its quote\n{}",
            out.stdout
        );
    }
    // Numbers and dates stay numbers and dates.
    let rows = crate::env::csv_rows(&env.run(&["export", "sessions"]).ok().stdout);
    assert!(rows.iter().all(|r| r["minutes"].parse::<u32>().is_ok()));
    assert!(rows.iter().all(|r| !r["date"].starts_with('\'')));
    // An exported sessions CSV imports back to the same names and notes.
    let csv = env
        .run(&["export", "sessions", "--include-notes"])
        .ok()
        .stdout;
    let other = TestEnv::new();
    other.write("sessions.csv", &csv);
    other
        .run(&[
            "import",
            other.data().join("sessions.csv").to_str().expect("utf-8"),
        ])
        .ok();
    let again = other
        .run(&["export", "sessions", "--include-notes"])
        .ok()
        .stdout;
    assert_eq!(again, csv, "the round trip keeps every text");
}

#[test]
fn an_export_is_never_written_over_a_file_of_the_logbook() {
    let env = TestEnv::with_copy_of(&export_logbook());
    let session = env.session_files()[0].clone();
    let path = env.data().join(&session);
    let before = std::fs::read_to_string(&path).expect("a session's file");
    let target = path.to_str().expect("utf-8");
    env.run(&["export", "sessions", "--output", target, "--force"])
        .usage_error(&["is a file of the logbook", "outside the logbook's folders"]);
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), before);
}
