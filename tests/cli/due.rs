//! `due`: a logbook with exactly one thing of each kind due lists exactly those, and
//! `--exit-code` says whether anything is due.

use serde_json::Value;

use crate::env::TestEnv;

#[test]
fn one_item_of_each_kind_is_listed_and_nothing_due_exits_zero() {
    let env = TestEnv::with_partners();
    // A session as coach three days ago without a reflection; a partner not seen since September;
    // a line waiting in the inbox; mentor coaching short of its hours; a credential about to
    // lapse; a quarter ended and not attested (the one before is); a course without its
    // certificate, where evidence is kept.
    env.log(&["alex", "--date", "2026-11-20"]);
    env.log(&["team", "90m", "--date", "2026-09-01"]);
    env.log(&[
        "alex",
        "--date",
        "2026-05-05",
        "--experiment",
        "leave more silence",
    ]);
    // A session with Alex today, whose last experiment is due; Alex owes coaching in return.
    env.log(&["alex", "--date", "2026-11-23"]);
    env.write("inbox.txt", "2026-11-22 alex 1h\n");
    env.run(&[
        "mentoring",
        "log",
        "Dana Reyes",
        "1h",
        "--credential",
        "MCC",
        "--date",
        "2026-11-01",
    ])
    .ok();
    env.run(&["credential", "add", "icf", "acc", "--granted", "2023-12-01"])
        .ok();
    env.run(&["attest", "--period", "2026-Q2", "--output", "-"])
        .ok();
    let letter = env.home().join("letter.pdf");
    std::fs::write(&letter, "Dana's letter").expect("write");
    let mentoring: Value =
        serde_json::from_str(&env.run(&["mentoring", "list", "--json"]).ok().stdout).expect("json");
    let id = mentoring[0]["id"].as_str().expect("id").to_owned();
    env.run(&["attach", &id, letter.to_str().expect("utf-8")])
        .ok();
    env.run(&[
        "education",
        "add",
        "Foundations",
        "--provider",
        "School",
        "--hours",
        "64",
        "--start",
        "2025-01-13",
        "--accreditation",
        "icf-level-1",
    ])
    .ok();
    let out = env.run(&["due", "--json"]).ok();
    let items: Value = serde_json::from_str(&out.stdout).expect("json");
    let kinds: Vec<&str> = items
        .as_array()
        .expect("array")
        .iter()
        .map(|i| i["kind"].as_str().expect("kind"))
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "attest",
            "evidence",
            "experiment",
            "inbox",
            "mentoring",
            "partner",
            "reciprocity",
            "reflection",
            "renewal"
        ],
        "{items:#}"
    );
    for item in items.as_array().expect("array") {
        assert!(
            item["command"]
                .as_str()
                .expect("command")
                .starts_with("coachlog "),
            "{item}"
        );
    }
    let attest = items
        .as_array()
        .expect("array")
        .iter()
        .find(|i| i["kind"] == "attest")
        .expect("attest");
    assert_eq!(attest["command"], "coachlog attest --period 2026-Q3");
    env.run(&["due", "--exit-code"])
        .code(1)
        .stdout_has(&["coachlog inbox"]);

    let nothing = TestEnv::new();
    std::fs::create_dir_all(nothing.data()).expect("an empty logbook");
    nothing
        .run(&["due", "--exit-code"])
        .ok()
        .stdout_has(&["Nothing is due."]);
    nothing
        .run(&["due", "--within", "forever"])
        .usage_error(&["'forever' is not a number of days"]);
}

#[test]
fn recent_hours_that_will_fall_short_at_the_current_pace_are_due_by_their_day() {
    let env = TestEnv::with_partners();
    // 26 h in the ICF window, most of it on one day that leaves the window on 2026-12-11.
    env.log(&["alex", "10h", "--date", "2025-06-10"]);
    env.log(&["alex", "10h", "--date", "2025-06-10"]);
    env.log(&["alex", "6h", "--date", "2026-01-10"]);
    let items: Value =
        serde_json::from_str(&env.run(&["due", "--within", "60d", "--json"]).ok().stdout)
            .expect("json");
    let recent = items
        .as_array()
        .expect("array")
        .iter()
        .find(|i| i["kind"] == "recent-hours")
        .unwrap_or_else(|| panic!("{items:#}"));
    assert_eq!(recent["by"], "2026-12-11");
    assert_eq!(
        recent["command"],
        "coachlog summary --target icf-acc --by 2026-12-11"
    );
    // Ten days ahead, nothing falls short yet.
    let soon: Value =
        serde_json::from_str(&env.run(&["due", "--within", "10", "--json"]).ok().stdout)
            .expect("json");
    assert!(
        !soon
            .as_array()
            .expect("array")
            .iter()
            .any(|i| i["kind"] == "recent-hours")
    );
}

#[test]
fn coaching_events_of_the_calendar_not_logged_are_due_until_imported() {
    let env = TestEnv::with_partners();
    env.write(
        "config.toml",
        "[calendar]\nfile = \"calendar.ics\"\ntimezone = \"UTC\"\n\n[[calendar.rule]]\nsummary = \"Coaching: {partner}\"\n",
    );
    env.write(
        "calendar.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:one@example.org\r\n\
         DTSTAMP:20261101T000000Z\r\nDTSTART:20261110T090000Z\r\nDTEND:20261110T100000Z\r\n\
         SUMMARY:Coaching: Alex Kim\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let items: Value =
        serde_json::from_str(&env.run(&["due", "--json"]).ok().stdout).expect("json");
    let calendar = items
        .as_array()
        .expect("array")
        .iter()
        .find(|i| i["kind"] == "calendar")
        .unwrap_or_else(|| panic!("{items:#}"));
    assert!(
        calendar["what"]
            .as_str()
            .expect("what")
            .starts_with("1 event in"),
        "{calendar}"
    );
    let file = env.data().join("calendar.ics");
    env.run(&["import", file.to_str().expect("utf-8")]).ok();
    let items: Value =
        serde_json::from_str(&env.run(&["due", "--json"]).ok().stdout).expect("json");
    assert!(
        !items
            .as_array()
            .expect("array")
            .iter()
            .any(|i| i["kind"] == "calendar"),
        "{items:#}"
    );
}

/// At every width, each command `due` names is printed whole on one line, to be copied as it is:
/// in the table where its column can hold it, else on a line of its own.
#[test]
fn every_command_is_printed_whole_at_any_width() {
    let env = TestEnv::with_sample();
    let items: Value =
        serde_json::from_str(&env.run(&["due", "--json"]).ok().stdout).expect("json");
    let commands: Vec<&str> = items
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["command"].as_str())
        .collect();
    assert!(commands.len() > 5);
    for columns in ["60", "80", "100", "120", "160"] {
        let out = env.command(&["due"]).env("COLUMNS", columns).run().ok();
        for command in &commands {
            assert!(
                out.stdout.lines().any(|l| l.contains(command)),
                "{command:?} whole at {columns} columns:\n{}",
                out.stdout
            );
        }
    }
}
