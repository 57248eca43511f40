//! `coachlog log`.

use crate::env::{TestEnv, today};

#[test]
fn logs_with_the_partners_defaults_and_says_where() {
    let env = TestEnv::with_partners();
    let out = env.run(&["log", "alex"]).ok();
    let today = today();
    out.stdout_has(&[&format!(
        "Logged 1h coaching Alex Kim on {today} (exchange, reciprocal) as session "
    )]);
    let files = env.session_files();
    assert_eq!(files.len(), 1);
    let file = &files[0];
    assert!(
        file.starts_with(&format!(
            "sessions/{}/{today}-alex-kim-",
            today.format("%Y")
        )),
        "{file}"
    );
    assert!(
        out.stdout.trim_end().ends_with(file.as_str()),
        "prints the file: {}",
        out.stdout
    );
    let text = env.read(file);
    assert_eq!(
        text,
        format!(
            "version = 1\ndate = {today}\npartner = \"alex-kim\"\nminutes = 60\nrole = \"coach\"\n\
             payment = \"exchange\"\narrangement = \"reciprocal\"\nclient_type = \"peer\"\n"
        )
    );
}

#[test]
fn payment_defaults_to_pro_bono_one_way_and_to_the_partners_own() {
    let env = TestEnv::with_partners();
    env.log(&["team", "--duration", "2h"]);
    env.run(&["partner", "edit", "alex", "--payment", "paid"])
        .ok();
    env.log(&["alex"]);
    let sessions = env.sessions_json(&[]);
    let by_partner = |id: &str| {
        sessions
            .iter()
            .find(|s| s["partner"] == id)
            .expect("session")
            .clone()
    };
    assert_eq!(by_partner("team-leads")["payment"], "pro-bono");
    assert_eq!(by_partner("team-leads")["arrangement"], "one-way");
    assert_eq!(by_partner("team-leads")["minutes"], 120);
    assert_eq!(by_partner("alex-kim")["payment"], "paid");
}

#[test]
fn flags_override_every_default() {
    let env = TestEnv::with_partners();
    env.log(&[
        "alex",
        "--date",
        "2026-03-14",
        "--duration",
        "1.5h",
        "--role",
        "client",
        "--payment",
        "pro-bono",
        "--one-way",
        "--notes",
        "felt heard",
    ]);
    let s = &env.sessions_json(&["--notes"])[0];
    assert_eq!(s["date"], "2026-03-14");
    assert_eq!(s["minutes"], 90);
    assert_eq!(s["role"], "client");
    assert_eq!(s["payment"], "pro-bono");
    assert_eq!(s["arrangement"], "one-way");
    assert_eq!(s["notes"], "felt heard");
    env.log(&["team", "-d", "yesterday", "-t", "45", "--reciprocal"]);
    let s = env.sessions_json(&["--partner", "team"]);
    assert_eq!(s[0]["date"], (today() - chrono::Days::new(1)).to_string());
    assert_eq!(s[0]["arrangement"], "reciprocal");
    assert_eq!(s[0]["payment"], "exchange");
}

#[test]
fn accepts_every_documented_duration() {
    let env = TestEnv::with_partners();
    for (text, minutes) in [
        ("60", 60),
        ("60m", 60),
        ("1h", 60),
        ("1h30m", 90),
        ("1.5h", 90),
        ("90min", 90),
    ] {
        env.log(&["team", "--duration", text]);
        let all = env.sessions_json(&[]);
        assert!(all.iter().any(|s| s["minutes"] == minutes), "{text}");
    }
    assert_eq!(env.session_files().len(), 6);
}

#[test]
fn partner_by_unique_prefix_or_name() {
    let env = TestEnv::with_partners();
    env.run(&[
        "partner",
        "add",
        "Alexandra Stone",
        "--client-type",
        "non-coach",
        "--duration",
        "50m",
    ])
    .ok();
    env.log(&["alex-"]);
    env.log(&["alexa"]);
    env.log(&["Team Leads", "--duration", "1h"]);
    let partners: Vec<String> = env
        .sessions_json(&[])
        .iter()
        .map(|s| s["partner"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(partners.iter().filter(|p| *p == "alex-kim").count(), 1);
    assert_eq!(
        partners.iter().filter(|p| *p == "alexandra-stone").count(),
        1
    );
    assert_eq!(partners.iter().filter(|p| *p == "team-leads").count(), 1);
}

#[test]
fn refuses_unknown_and_ambiguous_partners_writing_nothing() {
    let env = TestEnv::with_partners();
    env.run(&[
        "partner",
        "add",
        "Alexandra Stone",
        "--client-type",
        "non-coach",
    ])
    .ok();
    let before = env.tree();
    env.run(&["log", "alx", "--duration", "1h"])
        .usage_error(&["no partner 'alx'", "did you mean 'alex-kim'?"]);
    env.run(&["log", "alex", "--duration", "1h"])
        .usage_error(&["'alex' could be any of alex-kim, alexandra-stone"]);
    env.run(&["log", "zebra", "--duration", "1h"])
        .usage_error(&["no partner 'zebra'", "partner list"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn refuses_when_there_are_no_partners_yet() {
    let env = TestEnv::new();
    env.run_as_new_user(&["log", "alex", "--duration", "1h"])
        .usage_error(&["no partners yet", "coachlog partner add"]);
    assert!(
        !env.home().join(".local/share/coachlog").exists(),
        "nothing created"
    );
}

#[test]
fn refuses_bad_durations_and_dates_writing_nothing() {
    let env = TestEnv::with_partners();
    let before = env.tree();
    for (duration, needle) in [
        ("0", "'0' is zero"),
        ("-30", "negative"),
        ("25h", "longer than 24 hours"),
        ("abc", "'abc' is not a duration"),
        ("1.33h", "whole minutes"),
    ] {
        env.run(&["log", "alex", &format!("--duration={duration}")])
            .usage_error(&[needle, "--duration"]);
    }
    env.run(&["log", "alex", "--date", "2026-02-30"])
        .usage_error(&["'2026-02-30'", "February 2026 has 28 days", "YYYY-MM-DD"]);
    env.run(&["log", "alex", "--date", "14/03/2026"])
        .usage_error(&["'14/03/2026' is not a date"]);
    env.run(&["log", "team"])
        .usage_error(&["how long was the session?", "--duration"]);
    env.run(&["log", "alex", "--reciprocal", "--one-way"])
        .usage_error(&["cannot be used with"]);
    env.run(&["log", "alex", "--role", "mentor"])
        .usage_error(&["'mentor'", "coach", "client"]);
    env.run(&["log", "alex", "--notes", "beep\u{7}"])
        .usage_error(&["control character"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn a_bare_small_number_is_asked_about_on_a_terminal_and_refused_elsewhere() {
    let env = TestEnv::with_partners();
    let before = env.tree();
    env.run(&["log", "alex", "1"])
        .usage_error(&["'1' could be 1 hour or 1 minute: write 1h or 1m"]);
    env.run(&["log", "alex", "--duration", "2"])
        .usage_error(&["'2' could be 2 hours or 2 minutes: write 2h or 2m"]);
    env.run(&["partner", "add", "Sam Ortiz", "--duration", "1"])
        .usage_error(&["'1' could be 1 hour or 1 minute", "--duration"]);
    assert_eq!(env.tree(), before, "nothing written");

    #[cfg(target_os = "linux")]
    {
        let screen = env.on_terminal("log alex 1", &[("(h/m)", "h\n")]);
        assert!(screen.contains("1 hour or 1 minute? (h/m)"), "{screen}");
        let sessions = env.sessions_json(&[]);
        assert_eq!(sessions.len(), 1, "{screen}");
        assert_eq!(sessions[0]["minutes"], 60);
        env.on_terminal("log alex 2", &[("(h/m)", "m\n")]);
        let sessions = env.sessions_json(&[]);
        assert_eq!(sessions.len(), 2);
        assert!(sessions.iter().any(|s| s["minutes"] == 2));
    }
    // Ten and more are minutes, as before.
    env.log(&["alex", "45"]);
}

#[test]
fn a_future_date_is_logged_with_a_warning() {
    let env = TestEnv::with_partners();
    let future = (today() + chrono::Days::new(3)).to_string();
    let out = env.run(&["log", "alex", "--date", &future]).ok();
    out.stderr_has(&["warning:", &format!("{future} is in the future")]);
    assert_eq!(env.sessions_json(&[])[0]["date"], future.as_str());
}

#[test]
fn two_sessions_on_one_day_are_both_kept_with_a_warning() {
    let env = TestEnv::with_partners();
    let first = env.log(&["alex", "--date", "2026-05-01"]);
    let out = env.run(&["log", "alex", "--date", "2026-05-01"]).ok();
    out.stderr_has(&[
        "warning:",
        &format!(
            "another session with Alex Kim on 2026-05-01 has the same length and role ({first})"
        ),
        "both are kept",
    ]);
    assert_eq!(env.session_files().len(), 2);
    let ids: Vec<String> = env
        .sessions_json(&[])
        .iter()
        .map(|s| s["id"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_ne!(ids[0], ids[1]);
    // A third says "all", and names both that were there.
    let out = env.run(&["log", "alex", "--date", "2026-05-01"]).ok();
    out.stderr_has(&[
        "2 other sessions with Alex Kim on 2026-05-01 have the same length",
        "all 3 are kept",
    ]);
    // A different partner on the same day is no cause for a warning, nor is a reciprocal swap
    // (coached by the same peer that day), which `check` does not count as a duplicate either.
    let out = env
        .run(&["log", "team", "--date", "2026-05-01", "--duration", "1h"])
        .ok();
    assert_eq!(out.stderr, "");
    let out = env
        .run(&["log", "alex", "--date", "2026-05-01", "--role", "client"])
        .ok();
    assert_eq!(out.stderr, "");
}

#[test]
fn fifty_concurrent_logs_give_fifty_valid_files() {
    let env = TestEnv::with_partners();
    // With an attested period in the logbook, which every log reads under the lock, and notes
    // encrypted: the first log makes Alex's key, the others use it.
    env.log(&["alex", "--date", "2026-01-05"]);
    env.run(&["attest", "--period", "2026-01", "--output", "-"])
        .ok();
    env.run(&["keys", "init"]).ok();
    let children: Vec<_> = (0..50)
        .map(|n| {
            let notes = format!("concurrent note {n}");
            env.command(&["log", "alex", "--date", "2026-06-01", "--notes", &notes])
                .into_command()
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    assert_eq!(env.session_files().len(), 51);
    let sessions = env.sessions_json(&["--from", "2026-06-01"]);
    assert_eq!(sessions.len(), 50);
    env.run(&["attest", "verify"]).ok();
    let ids: std::collections::HashSet<&str> =
        sessions.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids.len(), 50, "every session has its own id");
    // Every note is encrypted on disk and reads back.
    assert!(
        env.tree()
            .values()
            .all(|text| !text.contains("concurrent note")),
        "no note in plain text"
    );
    let notes: std::collections::HashSet<String> = env
        .sessions_json(&["--from", "2026-06-01", "--notes"])
        .iter()
        .filter_map(|s| s["notes"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(notes.len(), 50);
    assert!(
        notes.iter().all(|n| n.starts_with("concurrent note ")),
        "{notes:?}"
    );
}

#[test]
fn today_can_be_fixed_for_scripts_and_a_bad_date_is_refused() {
    let env = TestEnv::with_partners();
    env.command(&["log", "alex"])
        .env("COACHLOG_TODAY", "2027-02-28")
        .run()
        .ok()
        .stdout_has(&["on 2027-02-28 "]);
    let before = env.tree();
    env.command(&["log", "alex"])
        .env("COACHLOG_TODAY", "2027-02-29")
        .run()
        .usage_error(&["COACHLOG_TODAY: '2027-02-29' is not a date", "unset it"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn a_session_the_rules_would_question_is_logged_with_a_warning() {
    let env = TestEnv::with_partners();
    env.run(&["config", "set", "training_start", "2025-06-01"])
        .ok();
    let out = env.run(&["log", "alex", "--date", "2025-05-30"]).ok();
    out.stderr_has(&["2025-05-30 is before training_start (2025-06-01): ICF does not count it"]);
    let out = env
        .run(&[
            "log",
            "team",
            "1h",
            "--group-size",
            "9",
            "--date",
            "2026-01-05",
        ])
        .ok();
    out.stderr_has(&[
        "9 present in Team Leads, a group of 6",
        "coachlog partner edit team-leads --group-size 9",
    ]);
    // Weekdays and days ago, a decimal comma, and a negative duration said as such.
    let out = env
        .run(&["log", "alex", "1,5h", "--date", "last friday"])
        .ok();
    out.stdout_has(&["Logged 1h 30m coaching Alex Kim on 2026-11-20"]);
    env.run(&["log", "alex", "45m", "--date", "3 days ago"])
        .ok()
        .stdout_has(&["on 2026-11-20"]);
    env.run(&["log", "alex", "-30m"])
        .usage_error(&["'-30m' is negative"]);
    env.run(&["log", "alex", "1.5"])
        .usage_error(&["did you mean 1.5h"]);
}
