//! Reflection after a session (`log --scores`, `reflect`), the feedback it adds up to, and the
//! agreement of a practice partnership (`partner agree`).

use serde_json::Value;

use crate::env::{TestEnv, export_logbook, json};

#[test]
fn log_records_scores_who_gave_them_and_the_experiment() {
    let env = TestEnv::with_partners();
    let out = env
        .run(&[
            "log",
            "alex",
            "--scores",
            "9,10,8.5,9",
            "--experiment",
            "leave more silence",
            "--rated-by",
            "self",
        ])
        .ok();
    out.stdout_has(&[
        "Reflection: scores 9,10,8.5,9 (total 36.5, by yourself); FLAGGED (below 9: approach 8.5)",
    ]);
    let id = out
        .stdout
        .split("as session ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .expect("id");
    let text = env.session_file(id);
    assert!(
        text.ends_with("\n[reflection]\nscores = [9.0, 10.0, 8.5, 9.0]\nrated_by = \"self\"\nexperiment = \"leave more silence\"\n"),
        "{text}"
    );
}

#[test]
fn the_next_log_reminds_of_the_latest_earlier_sessions_experiment() {
    let env = TestEnv::with_partners();
    env.log(&[
        "alex",
        "--date",
        "2025-12-20",
        "--experiment",
        "from last year",
    ]);
    env.log(&[
        "alex",
        "--date",
        "2026-01-05",
        "--scores",
        "10,10,10,10",
        "--experiment",
        "try a scaling question",
    ]);
    env.log(&[
        "team",
        "--date",
        "2026-01-06",
        "--duration",
        "1h",
        "--experiment",
        "not for alex",
    ]);
    let out = env.run(&["log", "alex", "--date", "2026-01-12"]).ok();
    out.stdout_has(&[
        "Reminder: on 2026-01-05 Alex Kim invited you to experiment with: try a scaling question",
    ]);
    // The latest earlier session is now 2026-01-12, which noted nothing: no stale reminder.
    let out = env.run(&["log", "alex", "--date", "2026-01-19"]).ok();
    assert!(!out.stdout.contains("Reminder"), "{}", out.stdout);
    // Across a new year, the search goes back to the previous year's directory.
    let out = env.run(&["log", "alex", "--date", "2026-01-01"]).ok();
    out.stdout_has(&[
        "Reminder: on 2025-12-20 Alex Kim invited you to experiment with: from last year",
    ]);
    let out = env.run(&["log", "alex", "--date", "2025-12-01"]).ok();
    assert!(
        !out.stdout.contains("Reminder"),
        "only earlier sessions remind: {}",
        out.stdout
    );
}

#[test]
fn bad_scores_are_refused_and_nothing_is_written() {
    let env = TestEnv::with_partners();
    let before = env.tree();
    for (scores, needle) in [
        ("9,10,8.55,9", "'8.55' has more than one decimal"),
        ("9,10,11,9", "'11' is out of range"),
        ("9,10,good,9", "'good' is not a score"),
        ("9,10,9", "is not four scores"),
        ("-1,9,9,9", "not a score"),
    ] {
        env.run(&["log", "alex", &format!("--scores={scores}")])
            .usage_error(&[needle]);
    }
    env.run(&["log", "alex", "--rated-by", "self"])
        .usage_error(&["give --scores too"]);
    env.run(&["log", "alex", "--role", "client", "--scores", "9,9,9,9"])
        .usage_error(&["you were the client"]);
    env.run(&["log", "alex", "--reflect"])
        .usage_error(&["--reflect asks on a terminal"]);
    env.run(&["log", "alex", "--reflect", "--scores", "9,9,9,9"])
        .usage_error(&["cannot be used with"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn reflect_adds_to_a_logged_session_and_keeps_what_it_does_not_change() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--date", "2026-02-01"]);
    env.run(&["reflect", &id, "--scores", "9,9,9,9"])
        .ok()
        .stdout_has(&[&format!(
            "Reflected on session {id} (2026-02-01): scores 9,9,9,9 (total 36, by the client)"
        )]);
    env.run(&["reflect", &id, "--experiment", "name the pattern"])
        .ok();
    let text = env.session_file(&id);
    assert!(
        text.contains("scores = [9.0, 9.0, 9.0, 9.0]")
            && text.contains("experiment = \"name the pattern\""),
        "{text}"
    );
    let client = env.log(&["alex", "--role", "client"]);
    let before = env.tree();
    env.run(&["reflect", &client, "--scores", "9,9,9,9"])
        .usage_error(&["you were the client"]);
    env.run(&["reflect", "nope99", "--scores", "9,9,9,9"])
        .usage_error(&["no session 'nope99'"]);
    env.run(&["reflect", &id])
        .usage_error(&["give the reflection with --scores"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn reflect_keeps_a_hand_edited_file_as_it_was() {
    let env = TestEnv::with_partners();
    env.write(
        "sessions/2026/2026-03-01-alex-kim-hand01.toml",
        "# typed after the session\nversion = 1\ndate = 2026-03-01\npartner = \"alex-kim\"  # Alex\nminutes = 60\n\
         role = \"coach\"\npayment = \"exchange\"\narrangement = \"reciprocal\"\n",
    );
    env.run(&["reflect", "hand01", "--scores", "10,10,10,10"])
        .ok();
    let text = env.read("sessions/2026/2026-03-01-alex-kim-hand01.toml");
    assert!(text.starts_with("# typed after the session\nversion = 1\ndate = 2026-03-01\npartner = \"alex-kim\"  # Alex\n"), "{text}");
    assert!(
        text.contains("[reflection]\nscores = [10.0, 10.0, 10.0, 10.0]"),
        "{text}"
    );
}

#[test]
fn flag_thresholds_come_from_the_config() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex", "--scores", "9.5,9.5,9.5,9"]);
    let flagged = |env: &TestEnv| -> bool {
        let json: Vec<Value> =
            serde_json::from_str(&env.run(&["feedback", "--json"]).ok().stdout).expect("json");
        json.iter()
            .find(|r| r["session"] == id.as_str())
            .expect("rated")["flagged"]
            .as_bool()
            .expect("bool")
    };
    assert!(
        !flagged(&env),
        "37.5 with every item at least 9 is fine by default"
    );
    env.run(&["config", "set", "reflection.alert_total", "38"])
        .ok();
    assert!(flagged(&env), "below a total of 38");
    env.run(&["config", "set", "reflection.alert_total", "36"])
        .ok();
    env.run(&["config", "set", "reflection.alert_item", "9.5"])
        .ok();
    assert!(flagged(&env), "an item below 9.5");
    env.run(&["config", "set", "reflection.alert_item", "10.5"])
        .usage_error(&["from 0 to 10"]);
    env.run(&["config", "set", "reflection.alert_total", "36.25"])
        .usage_error(&["more than one decimal"]);
}

#[test]
fn feedback_on_a_fixed_logbook() {
    let env = TestEnv::with_copy_of(&export_logbook());
    env.log(&[
        "bo",
        "--date",
        "2025-06-01",
        "--scores",
        "10,10,9.5,10",
        "--experiment",
        "a scaling question",
    ]);
    env.log(&[
        "jo",
        "--date",
        "2025-06-02",
        "--duration",
        "50m",
        "--scores",
        "9,9,9,9",
    ]);
    let out = env.run(&["feedback"]).ok();
    out.stdout_has(&[
        "Bo \"Ace\" O'Brien, Jr. (bo-obrien): 2 rated sessions, 1 flagged",
        "2025-01-15  leave more silence",
        "2025-06-01  a scaling question",
        "Jo Park (jo-park): 1 rated session, 0 flagged",
        "Overall: 3 rated sessions with 2 partners, average total 37.3, 1 flagged (a total below 36 or an item below 9)",
    ]);
    let row: Vec<&str> = out.lines_with("2025-01-15")[0].split_whitespace().collect();
    assert_eq!(row[..6], ["2025-01-15", "9", "10", "8.5", "9", "36.5"]);
    assert_eq!(row.last().copied(), Some("yes"));

    let json: Vec<Value> =
        serde_json::from_str(&env.run(&["feedback", "--json"]).ok().stdout).expect("json");
    let dates: Vec<&str> = json.iter().filter_map(|r| r["date"].as_str()).collect();
    assert_eq!(
        dates,
        ["2025-01-15", "2025-06-01", "2025-06-02"],
        "date order"
    );
    let first = &json[0];
    for key in [
        "session",
        "date",
        "partner",
        "scores",
        "total",
        "flagged",
        "experiment",
    ] {
        assert!(first.get(key).is_some(), "{key}");
    }
    assert_eq!(first["session"], "aaaa02");
    assert_eq!(first["scores"], serde_json::json!([9.0, 10.0, 8.5, 9.0]));
    assert_eq!(first["total"], 36.5);
    assert_eq!(first["flagged"], true);
    assert_eq!(first["experiment"], "leave more silence");
    let only_jo: Vec<Value> = serde_json::from_str(
        &env.run(&["feedback", "--partner", "jo", "--json"])
            .ok()
            .stdout,
    )
    .expect("json");
    assert_eq!(only_jo.len(), 1);
}

#[cfg(target_os = "linux")]
#[test]
fn log_reflect_asks_each_question_on_a_terminal() {
    let env = TestEnv::with_partners();
    let screen = env.on_terminal(
        "log alex --date 2026-04-01 --reflect",
        &[
            ("relationship (0-10)", "9\r"),
            ("goals and topics (0-10)", "10\r"),
            ("approach or method (0-10)", "12\r"),
            ("approach or method (0-10)", "8.5\r"),
            ("overall (0-10)", "9\r"),
            ("rated by", "\r"),
            ("experiment with next time", "pause before summarising\r"),
        ],
    );
    assert!(
        screen.contains("out of range"),
        "a wrong answer is explained: {screen}"
    );
    assert!(
        screen.contains("Logged 1h coaching Alex Kim on 2026-04-01"),
        "{screen}"
    );
    let s = &env.sessions_json(&[])[0];
    let id = s["id"].as_str().expect("id");
    let text = env.session_file(id);
    assert!(text.contains("scores = [9.0, 10.0, 8.5, 9.0]\nrated_by = \"client\"\nexperiment = \"pause before summarising\""), "{text}");
}

#[test]
fn an_agreement_round_trips_through_the_partner_file() {
    let env = TestEnv::with_partners();
    env.run(&[
        "partner",
        "agree",
        "alex",
        "--timezone",
        "both CET",
        "--frequency",
        "every two weeks",
        "--length",
        "50m",
        "--rescheduling",
        "24 h notice",
        "--platform",
        "Zoom",
        "--confidentiality",
        "nothing leaves the session",
        "--recording",
        "no",
        "--transcripts",
        "no",
        "--ai-use",
        "none",
        "--approach-discussed",
        "yes",
        "--approach",
        "solution-focused",
        "--feedback",
        "end-of-session",
        "--if-not-working",
        "pause and reflect together",
        "--working-on",
        "open questions",
        "--real-topic",
        "yes",
    ])
    .ok()
    .stdout_has(&[
        "[x] platform: Zoom",
        "[x] session length: 50m",
        "Everything is agreed.",
    ]);
    let text = env.read("partners/alex-kim.toml");
    assert!(
        text.contains("default_minutes = 50\n"),
        "the agreed length is the usual duration: {text}"
    );
    assert!(
        text.contains("[agreement]\ntimezone = \"both CET\"\n"),
        "{text}"
    );
    assert!(
        text.contains("recording = false\n") && text.contains("feedback = \"end-of-session\"\n"),
        "{text}"
    );
    env.run(&["partner", "show", "alex"]).ok().stdout_has(&[
        "[x] coaching approach discussed: yes: solution-focused",
        "Everything is agreed.",
    ]);
    let json: Vec<Value> =
        serde_json::from_str(&env.run(&["partner", "list", "--json"]).ok().stdout).expect("json");
    assert_eq!(json[0]["agreement_missing"], serde_json::json!([]));
    assert_eq!(
        json[1]["agreement_missing"],
        Value::Null,
        "a non-coach client has no practice agreement"
    );
    assert!(env.run(&["partner", "list"]).ok().lines_with("alex-kim")[0].ends_with("complete"));
    // Logging uses the agreed length.
    env.run(&["log", "alex"])
        .ok()
        .stdout_has(&["Logged 50m coaching Alex Kim"]);
}

#[test]
fn a_partial_agreement_lists_what_is_still_to_agree() {
    let env = TestEnv::with_partners();
    env.run(&["partner", "edit", "alex", "--arrangement", "one-way"])
        .ok();
    env.run(&[
        "partner",
        "agree",
        "alex",
        "--platform",
        "Meet",
        "--real-topic",
        "no",
    ])
    .ok();
    let out = env.run(&["partner", "show", "alex"]).ok();
    out.stdout_has(&[
        "[x] platform: Meet",
        "[ ] a real topic, not role play: no: role play does not serve the practice",
        "[ ] reciprocal or one-way: one-way (whom they coach instead is not noted)",
        "2 of 15 items agreed",
        "--coaches-instead",
    ]);
    assert!(
        env.run(&["partner", "list"]).ok().lines_with("alex-kim")[0].ends_with("incomplete (2/15)")
    );
    env.run(&[
        "partner",
        "agree",
        "alex",
        "--coaches-instead",
        "Grace Liu",
        "--real-topic",
        "yes",
    ])
    .ok()
    .stdout_has(&["4 of 15 items agreed"]);
}

#[test]
fn agree_never_prompts_without_a_terminal_and_refuses_bad_values() {
    let env = TestEnv::with_partners();
    let before = env.tree();
    env.run(&["partner", "agree", "alex"])
        .usage_error(&["nothing to record", "run in a terminal"]);
    env.run(&["partner", "agree", "alex", "--recording", "maybe"])
        .usage_error(&["'maybe' is not yes or no"]);
    env.run(&["partner", "agree", "alex", "--feedback", "never"])
        .usage_error(&["'never'", "end-of-session"]);
    env.run(&["partner", "agree", "alex", "--coaches-instead", "Grace"])
        .usage_error(&["is reciprocal"]);
    env.run(&["partner", "agree", "alex", "--reciprocal", "--one-way"])
        .usage_error(&["cannot be used with"]);
    assert_eq!(env.tree(), before);
}

#[cfg(target_os = "linux")]
#[test]
fn agree_asks_for_missing_items_on_a_terminal() {
    let env = TestEnv::with_partners();
    env.run(&["partner", "agree", "alex", "--platform", "Zoom"])
        .ok();
    let mut dialogue = vec![("time zones", "both CET\r"), ("how often", "weekly\r")];
    // Platform and length are agreed already, so the next question is about rescheduling.
    dialogue.extend([
        ("rescheduling", "\r"),
        ("confidentiality", "\r"),
        ("recorded? (yes/no)", "perhaps\r"),
        ("recorded? (yes/no)", "no\r"),
    ]);
    dialogue.extend([
        ("transcripts", "\r"),
        ("use of AI", "\r"),
        ("coaching approach", "no\r"),
        ("feedback: end-of-session", "next-session\r"),
        ("not working", "\r"),
        ("working on", "\r"),
        ("real topic", "yes\r"),
    ]);
    let screen = env.on_terminal("partner agree alex", &dialogue);
    assert!(
        !screen.contains("platform (e.g. Zoom)"),
        "agreed items are not asked again"
    );
    assert!(screen.contains("'perhaps' is not yes or no"), "{screen}");
    let text = env.read("partners/alex-kim.toml");
    for line in [
        "timezone = \"both CET\"",
        "frequency = \"weekly\"",
        "platform = \"Zoom\"",
        "recording = false",
        "feedback = \"next-session\"",
        "real_topic = true",
        "approach_discussed = false",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line:?} missing from:\n{text}"
        );
    }
}

#[test]
fn sessions_tagged_with_competencies_show_the_trend_per_competency_and_check_names_a_wrong_version()
{
    let env = TestEnv::with_partners();
    // Listens Actively (2025): your totals 34.0 then 37.0 (+3.0); the client's 35.0 on the
    // second. Presence tagged with 2019's version on a day the 2025 one is in force.
    let first = env.log(&[
        "alex",
        "--date",
        "2026-01-05",
        "--scores",
        "8,8.5,8.5,9",
        "--competency",
        "icf-2025:active-listening",
        "--competency",
        "icf-2019:presence",
    ]);
    let second = env.log(&["alex", "--date", "2026-02-02", "--scores", "9,9,9.5,9.5"]);
    env.run(&[
        "reflect",
        &second,
        "--competency",
        "icf-2025:active-listening",
        "--competency",
        "emcc:contract",
    ])
    .ok()
    .stdout_has(&["competencies icf-2025:active-listening, emcc:contract"]);
    let file = env
        .session_files()
        .into_iter()
        .find(|f| f.contains("2026-02-02"))
        .expect("file");
    assert!(
        env.read(&file)
            .contains("competencies = [\"icf-2025:active-listening\", \"emcc:contract\"]"),
        "{}",
        env.read(&file)
    );
    // The client's own answer on the second session, as a receipt or a request would bring it.
    let text = env.read(&file);
    env.write(
        &file,
        &format!(
            "{text}\n[feedback]\nrated_by = \"client\"\nsource = \"request\"\nrequest = \"r3k9qa\"\n\
             answered = 2026-02-03\nscores = [9, 8.5, 8.5, 9]\nshare = true\nvia = \"page\"\n"
        ),
    );
    let trends = json(&env, &["feedback", "--by", "competency", "--json"]);
    let listening = &trends[1];
    assert_eq!(listening["competency"], "icf-2025:active-listening");
    assert_eq!(listening["name"], "Listens Actively");
    assert_eq!(listening["sessions"], 2);
    assert_eq!(listening["reflection_mean"], 35.5);
    assert_eq!(listening["reflection_change"], 3.0);
    assert_eq!(listening["answer_mean"], 35.0);
    assert_eq!(trends[0]["competency"], "icf-2019:presence");
    assert_eq!(trends[2]["competency"], "emcc:contract");
    env.assert_prints(
        &["--color", "never", "feedback", "--by", "competency"],
        "feedback-competency.txt",
    );
    env.assert_prints(
        &["feedback", "--by", "competency", "--json"],
        "feedback-competency.json",
    );
    // 2019's Presence on a day of the 2025 version is named, with the tag that would do.
    env.run(&["check"]).stdout_has(&[
        "tagged icf-2019:presence, a version not in force on 2026-01-05: ICF's then is ICF Core \
         Competencies (2025) (icf-2025:presence), by which ICF ACC, ICF PCC, ICF MCC, ICF ACTC judge",
    ]);
    // A tag without its version is refused with the form, and nothing is written.
    let before = env.session_files();
    env.run(&["reflect", &first, "--competency", "active-listening"])
        .code(2)
        .stderr_has(&["names no framework version", "icf-2025:active-listening"]);
    env.run(&["log", "alex", "--competency", "icf-2025:listening"])
        .code(2)
        .stderr_has(&[
            "is no competency of ICF Core Competencies (2025)",
            "active-listening",
        ]);
    assert_eq!(env.session_files(), before);
}
