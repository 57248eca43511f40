//! `import calendar.ics`: calendar events become sessions as the `[calendar]` rules say, again and
//! again without a duplicate, with every skipped event explained.

use serde_json::Value;

use crate::env::TestEnv;

const CONFIG: &str = r#"[calendar]
timezone = "Europe/Berlin"
me = ["robin@example.org"]

[[calendar.rule]]
summary = "Coaching: {partner}"

[[calendar.rule]]
summary = "Practice call"
attendee = true

[[calendar.rule]]
category = "Coaching"
summary = "Northwind*"
partner = "northwind-team-leads"
"#;

fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/calendar")
        .join(name)
        .to_str()
        .expect("utf-8")
        .to_owned()
}

/// A logbook with the partners the fixtures name (Sam Ortiz left out) and the rules above.
fn logbook() -> TestEnv {
    let env = TestEnv::new();
    for args in [
        &[
            "Alex Kim",
            "--client-type",
            "peer",
            "--arrangement",
            "reciprocal",
            "--email",
            "alex@example.org",
        ][..],
        &[
            "Jordan Ellis",
            "--client-type",
            "non-coach",
            "--payment",
            "paid",
        ],
        &[
            "Mei Chen",
            "--client-type",
            "peer",
            "--email",
            "Mei@Example.net",
        ],
        &[
            "Northwind Team Leads",
            "--client-type",
            "non-coach",
            "--group-size",
            "6",
            "--payment",
            "paid",
        ],
    ] {
        let mut all = vec!["partner", "add"];
        all.extend_from_slice(args);
        env.run(&all).ok();
    }
    env.write("config.toml", CONFIG);
    env
}

fn sessions(env: &TestEnv) -> Vec<(String, String, u64)> {
    let list: Vec<Value> = env.sessions_json(&[]);
    let mut found: Vec<(String, String, u64)> = list
        .iter()
        .map(|s| {
            (
                s["date"].as_str().expect("date").to_owned(),
                s["partner"].as_str().expect("partner").to_owned(),
                s["minutes"].as_u64().expect("minutes"),
            )
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_week_of_calendar_becomes_the_right_sessions_and_a_second_run_adds_nothing() {
    let env = logbook();
    let file = fixture("google-week.ics");
    let dry = env.run(&["import", &file, "--dry-run"]).ok();
    assert_eq!(env.session_files().len(), 0, "a dry run writes nothing");
    let summary = "8 sessions; already there: 0; changed: 0; skipped: 1 all-day, 1 cancelled, \
                   1 declined, 1 shown as free, 1 after the as-of date, 1 matched no rule; \
                   unknown people: 1 (1 session)\n";
    assert_eq!(dry.stdout, format!("Would import {summary}"));
    assert!(
        dry.stderr.contains(
            "1 session with Sam Ortiz, who is not a partner: coachlog partner add \"Sam Ortiz\""
        ),
        "{}",
        dry.stderr
    );
    let out = env.run(&["import", &file]).ok();
    assert_eq!(out.stdout, format!("Imported {summary}"));
    let alex = |d: &str| (d.to_owned(), "alex-kim".to_owned(), 60);
    assert_eq!(
        sessions(&env),
        [
            alex("2026-10-05"),
            alex("2026-10-12"),
            // 2026-10-19 is an EXDATE; the 2 November instance moved to the 4th.
            alex("2026-10-26"),
            alex("2026-11-04"),
            alex("2026-11-09"),
            alex("2026-11-16"),
            // 00:30 on 17 November in Auckland is 12:30 on the 16th in Berlin; 45 minutes.
            ("2026-11-16".to_owned(), "mei-chen".to_owned(), 45),
            alex("2026-11-23"),
        ]
    );
    let before = env.tree();
    let again = env.run(&["import", &file]).ok();
    assert!(
        again
            .stdout
            .starts_with("Imported 0 sessions; already there: 8;"),
        "{}",
        again.stdout
    );
    assert_eq!(env.tree(), before, "a second run changes nothing");
    let out = env.run(&["check"]).ok();
    assert!(out.stdout.starts_with("No problems"), "{}", out.stdout);
}

#[test]
fn outlooks_own_zone_names_and_categories() {
    let env = logbook();
    env.run(&["import", &fixture("outlook.ics")]).ok();
    assert_eq!(
        sessions(&env),
        [
            (
                "2026-07-04".to_owned(),
                "northwind-team-leads".to_owned(),
                45
            ),
            ("2026-11-18".to_owned(), "jordan-ellis".to_owned(), 60),
        ]
    );
    let file = env
        .session_files()
        .into_iter()
        .find(|f| f.contains("northwind"))
        .expect("file");
    // 08:45 in "W. Europe Standard Time" in July is 06:45 UTC.
    assert!(
        env.read(&file).contains("start = \"20260704T064500Z\""),
        "{}",
        env.read(&file)
    );
}

#[test]
fn a_moved_event_is_reported_and_moved_only_when_asked() {
    let env = logbook();
    let file = fixture("outlook.ics");
    env.run(&["import", &file]).ok();
    let moved = std::fs::read_to_string(&file)
        .expect("fixture")
        .replace("20261118T110000", "20261119T113000")
        .replace("20261118T100000", "20261119T100000");
    let path = env.home().join("moved.ics");
    std::fs::write(&path, moved).expect("write");
    let path = path.to_str().expect("utf-8");
    let out = env.run(&["import", path]).ok();
    assert!(out.stdout.contains("changed: 1"), "{}", out.stdout);
    assert!(
        out.stderr.contains("was imported for 2026-11-18, 60 min; the calendar now has 2026-11-19, 90 min (--update moves it)"),
        "{}",
        out.stderr
    );
    assert!(sessions(&env).contains(&("2026-11-18".to_owned(), "jordan-ellis".to_owned(), 60)));
    env.run(&["import", path, "--update"]).ok();
    assert!(sessions(&env).contains(&("2026-11-19".to_owned(), "jordan-ellis".to_owned(), 90)));
    let after = env.run(&["import", path]).ok();
    assert!(
        after.stdout.contains("already there: 2; changed: 0"),
        "{}",
        after.stdout
    );
}

#[test]
fn unknown_people_are_created_on_request_and_roles_follow_the_flag() {
    let env = logbook();
    env.write(
        "config.toml",
        &CONFIG.replace(
            "summary = \"Coaching: {partner}\"\n",
            "summary = \"Coaching: {partner}\"\nclient_type = \"non-coach\"\n",
        ),
    );
    let out = env
        .run(&[
            "import",
            &fixture("google-week.ics"),
            "--create-partners",
            "--role",
            "client",
        ])
        .ok();
    assert!(
        out.stdout
            .starts_with("Imported 9 sessions with 1 new partner;"),
        "{}",
        out.stdout
    );
    assert!(
        env.read("partners/sam-ortiz.toml")
            .contains("client_type = \"non-coach\"")
    );
    let list: Vec<Value> = env.sessions_json(&[]);
    assert!(list.iter().all(|s| s["role"] == "client"));
    // 02:30 on 25 October 2026 happens twice in Berlin (summer time ends): the first is taken,
    // 00:30 UTC, and the session is on the 25th, 45 minutes long.
    assert!(sessions(&env).contains(&("2026-10-25".to_owned(), "sam-ortiz".to_owned(), 45)));
    let file = env
        .session_files()
        .into_iter()
        .find(|f| f.contains("sam-ortiz"))
        .expect("file");
    assert!(
        env.read(&file).contains("start = \"20261025T003000Z\""),
        "{}",
        env.read(&file)
    );
}

#[test]
fn what_is_not_a_calendar_or_has_no_rules_is_refused_naming_the_line() {
    let env = TestEnv::new();
    let path = env.home().join("notes.ics");
    std::fs::write(&path, "Coaching notes\nline two\n").expect("write");
    let out = env.run(&["import", path.to_str().expect("utf-8")]).code(2);
    assert!(
        out.stderr.contains("line 1: not an iCalendar file"),
        "{}",
        out.stderr
    );
    let out = env.run(&["import", &fixture("outlook.ics")]).code(2);
    assert!(
        out.stderr
            .contains("no [[calendar.rule]] tables in config.toml"),
        "{}",
        out.stderr
    );
    assert!(env.tree().keys().all(|k| k == ".lock"), "nothing written");
    let csv = env.home().join("rows.csv");
    std::fs::write(&csv, "date,partner,minutes\n").expect("write");
    let out = env
        .run(&["import", csv.to_str().expect("utf-8"), "--update"])
        .code(2);
    assert!(out.stderr.contains("apply to a calendar"), "{}", out.stderr);
}

#[test]
fn a_bad_event_is_named_and_skipped_a_byte_order_mark_is_read_and_no_name_breaks_the_logbook() {
    let env = logbook();
    env.write(
        "config.toml",
        &format!("{CONFIG}\n[[calendar.rule]]\nsummary = \"Session: {{partner}}\"\nclient_type = \"non-coach\"\n"),
    );
    let event = |uid: &str, summary: &str, start: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{summary}\r\n{start}DURATION:PT60M\r\nEND:VEVENT\r\n"
        )
    };
    let ics = format!(
        "\u{feff}BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{}{}{}{}END:VCALENDAR\r\n",
        event("ok-1", "Coaching: Alex Kim", "DTSTART:20261102T090000Z\r\n"),
        event("no-start", "Coaching: Mei Chen", ""),
        event(
            "formula",
            "Session: =HYPERLINK(\"http://x.test\"\\,\"x\")",
            "DTSTART:20261103T090000Z\r\n"
        ),
        event(
            "escape",
            "Session: Eve\u{1b}[31m",
            "DTSTART:20261104T090000Z\r\n"
        ),
    );
    env.write("calendar.ics", &ics);
    let path = env.data().join("calendar.ics");
    let path = path.to_str().expect("utf-8");
    let named = "event no-start \"Coaching: Mei Chen\": it has no DTSTART";
    let out = env.run(&["import", path, "--create-partners"]).code(1);
    assert!(out.stderr.contains(named), "{}", out.stderr);
    assert_eq!(env.session_files().len(), 0, "nothing imported");
    let out = env
        .run(&["--skip-invalid", "import", path, "--create-partners"])
        .ok();
    assert!(out.stderr.contains(named), "{}", out.stderr);
    assert_eq!(
        env.session_files().len(),
        2,
        "the other events are imported"
    );
    assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
    assert!(
        out.stdout.contains("control or invisible characters"),
        "{}",
        out.stdout
    );
    // The partner made from a formula title reads back, and is a text in the mentor's CSV.
    let csv = env.run(&["export", "sessions"]).ok().stdout;
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    env.run(&["summary"]).ok();
    env.run(&["check"]).code(0);
}

#[test]
fn a_partner_invited_at_an_address_they_do_not_list_is_named_with_the_fix() {
    let env = logbook();
    env.run(&["partner", "edit", "mei", "--email", "mei.chen@example.org"])
        .ok();
    let file = fixture("google-week.ics");
    let dry = env.run(&["import", &file, "--dry-run"]).ok();
    assert!(
        dry.stdout.contains("unknown people: 2 (2 sessions)"),
        "{}",
        dry.stdout
    );
    dry.stderr_has(&[
        "1 session with mei-chen, invited at mei@example.net, an address not in mei-chen's file: \
         coachlog partner edit mei-chen --email mei@example.net",
    ]);
    assert!(
        !dry.stderr.contains("Mei Chen, who is not a partner"),
        "{}",
        dry.stderr
    );
    // The fix it names works: the session is imported on the next run.
    env.run(&["partner", "edit", "mei-chen", "--email", "mei@example.net"])
        .ok();
    let again = env.run(&["import", &file, "--dry-run"]).ok();
    assert!(
        again.stdout.contains("unknown people: 1 (1 session)"),
        "{}",
        again.stdout
    );
}
