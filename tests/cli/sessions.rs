//! `coachlog sessions`.

use crate::env::TestEnv;

fn logbook() -> TestEnv {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-01-10"]);
    env.log(&[
        "alex",
        "--date",
        "2026-02-10",
        "--role",
        "client",
        "--duration",
        "45m",
    ]);
    env.log(&["team", "--date", "2026-03-10", "--duration", "1h30m"]);
    env.log(&["alex", "--date", "2025-12-01", "--duration", "20m"]);
    env
}

#[test]
fn lists_newest_first_with_totals() {
    let env = logbook();
    let out = env.run(&["sessions"]).ok();
    let dates: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|w| w.starts_with("20"))
        .collect();
    assert_eq!(
        dates,
        ["2026-03-10", "2026-02-10", "2026-01-10", "2025-12-01"]
    );
    let row = |needle: &str| -> Vec<String> {
        let lines = out.lines_with(needle);
        assert_eq!(lines.len(), 1, "{needle}: {}", out.stdout);
        lines[0].split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(
        row("2026-03-10")[2..],
        [
            "Team",
            "Leads",
            "coach",
            "1.50",
            "pro-bono",
            "one-way",
            "non-coach"
        ]
    );
    assert_eq!(row("Total"), ["Total", "4", "sessions", "3.58"]);
    assert_eq!(row("as coach"), ["as", "coach", "3", "sessions", "2.83"]);
    assert_eq!(row("as client"), ["as", "client", "1", "session", "0.75"]);
}

#[test]
fn filters_by_partner_and_dates() {
    let env = logbook();
    let dates = |args: &[&str]| -> Vec<String> {
        env.sessions_json(args)
            .iter()
            .map(|s| s["date"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(
        dates(&["--partner", "alex"]),
        ["2026-02-10", "2026-01-10", "2025-12-01"]
    );
    assert_eq!(
        dates(&["--from", "2026-01-10", "--to", "2026-02-10"]),
        ["2026-02-10", "2026-01-10"]
    );
    assert_eq!(dates(&["--to", "2025-12-31"]), ["2025-12-01"]);
    assert_eq!(
        dates(&["-p", "team", "--from", "2026-01-01"]),
        ["2026-03-10"]
    );
    let out = env.run(&["sessions", "--from", "2027-01-01"]).ok();
    assert_eq!(out.stdout, "");
    out.stderr_has(&["No sessions match"]);
}

#[test]
fn refuses_bad_filters() {
    let env = logbook();
    env.run(&["sessions", "--from", "2026-03-01", "--to", "2026-02-01"])
        .usage_error(&["--from 2026-03-01 is after --to 2026-02-01"]);
    env.run(&["sessions", "--from", "2026-13-01"])
        .usage_error(&["no month 13"]);
    env.run(&["sessions", "--partner", "nobody"])
        .usage_error(&["no partner 'nobody'"]);
}

#[test]
fn json_has_the_documented_fields() {
    let env = logbook();
    let sessions = env.sessions_json(&[]);
    assert_eq!(sessions.len(), 4);
    let team = &sessions[0];
    for key in [
        "id",
        "date",
        "partner",
        "minutes",
        "role",
        "payment",
        "arrangement",
        "client_type",
    ] {
        assert!(team.get(key).is_some(), "{key} missing: {team}");
    }
    assert_eq!(team["partner"], "team-leads");
    assert_eq!(team["minutes"], 90);
    assert_eq!(team["hours"], 1.5);
    assert_eq!(team["client_type"], "non-coach");
    assert_eq!(team["group_size"], 6);
    assert!(team.get("notes").is_none(), "notes only when asked");
    assert_eq!(sessions[3]["hours"], 0.33);
}

#[test]
fn an_empty_logbook_lists_nothing() {
    let env = TestEnv::new();
    let out = env.run_as_new_user(&["sessions"]).ok();
    assert_eq!(out.stdout, "");
    out.stderr_has(&["No sessions yet"]);
    assert_eq!(
        env.run_as_new_user(&["sessions", "--json"]).ok().stdout,
        "[]\n"
    );
    // Before any partner, the hint is to add one.
    env.run_as_new_user(&["sessions"])
        .ok()
        .stderr_has(&["no partners to log them with", "coachlog partner add"]);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = TestEnv::with_partners();
    for day in 1..=28 {
        for month in 1..=6 {
            env.write(
                &format!("sessions/2026/2026-{month:02}-{day:02}-alex-kim-m{month}d{day}.toml"),
                &format!(
                    "version = 1\ndate = 2026-{month:02}-{day:02}\npartner = \"alex-kim\"\nminutes = 60\n\
                     role = \"coach\"\npayment = \"exchange\"\narrangement = \"reciprocal\"\n"
                ),
            );
        }
    }
    for args in [
        &["sessions"][..],
        &["sessions", "--json"],
        &["partner", "list", "--json"],
    ] {
        let mut child = env
            .command(args)
            .into_command()
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take()); // like `| head -0`: the reader goes away at once
        let output = child.wait_with_output().expect("wait");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "",
            "{args:?}: no error for a closed pipe"
        );
        assert_eq!(output.status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn the_sample_logbook_reads_cleanly() {
    let env = TestEnv::new();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/sample-logbook");
    let out = env.run(&["--data-dir", sample, "sessions"]).ok();
    assert_eq!(out.stderr, "");
    let total: Vec<&str> = out.lines_with("Total")[0].split_whitespace().collect();
    assert_eq!(total, ["Total", "59", "sessions", "56.17"]);
    let partners = env
        .run(&["--data-dir", sample, "partner", "list", "--json"])
        .ok();
    let list: Vec<serde_json::Value> = serde_json::from_str(&partners.stdout).expect("JSON");
    assert_eq!(list.len(), 12);
    let peers = list.iter().filter(|p| p["client_type"] == "peer").count();
    assert_eq!(peers, 5, "a mix of peer and non-coach clients");
}
