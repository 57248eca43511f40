//! The files themselves: hand-edited files are read back exactly, broken ones are named with their
//! line, and nothing half-written is ever left.

use crate::env::TestEnv;

#[test]
fn hand_written_files_are_read_exactly() {
    let env = TestEnv::new();
    env.write(
        "partners/rin.toml",
        "# a partner typed in an editor\nclient_type = 'non-coach'\nname = \"Rin Sato\"\nversion = 1\n\
         group_size = 3\nconsent = false\n",
    );
    env.write(
        "sessions/2025/my-own-name.toml",
        "# typed by hand\nversion = 1\npartner = \"rin\"\ndate = \"2025-09-30\"   # quoted is fine too\n\
         minutes = 75\nrole = \"coach\"\npayment = \"paid\"\narrangement = \"one-way\"\n\
         notes = '''\nTwo lines,\n\"quoted\"'''\n",
    );
    let s = &env.sessions_json(&["--notes"])[0];
    assert_eq!(s["id"], "name");
    assert_eq!(s["date"], "2025-09-30");
    assert_eq!(s["partner"], "rin");
    assert_eq!(s["minutes"], 75);
    assert_eq!(s["payment"], "paid");
    assert_eq!(s["notes"], "Two lines,\n\"quoted\"");
    assert_eq!(s["client_type"], "non-coach");
    assert_eq!(s["group_size"], 3);
    let out = env.run(&["partner", "show", "rin"]).ok();
    out.stdout_has(&["Rin Sato", "group of 3", "consent       no"]);
}

#[test]
fn notes_with_quotes_and_newlines_round_trip() {
    let env = TestEnv::with_partners();
    let notes = "She said \"it's working\"\nthen: 'next time, goals'\\done";
    env.log(&["alex", "--notes", notes]);
    assert_eq!(env.sessions_json(&["--notes"])[0]["notes"], notes);
}

#[test]
fn a_broken_file_is_named_with_its_line_and_nothing_runs() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-01-01"]);
    env.write(
        "sessions/2026/2026-01-02-alex-kim-broken.toml",
        "version = 1\ndate = 2026-01-02\npartner = \"alex-kim\"\nminutes = \"an hour\"\n",
    );
    let out = env.run(&["sessions"]).code(1);
    out.stderr_has(&[
        "2026-01-02-alex-kim-broken.toml:4: not a valid session file: minutes: string \"an hour\" \
         is not a whole number of minutes (e.g. minutes = 60)",
        "fix it in a text editor",
    ]);
    assert_eq!(out.stdout, "");
}

#[test]
fn a_missing_field_is_named() {
    let env = TestEnv::with_partners();
    env.write(
        "sessions/2026/2026-01-02-alex-kim-nopay.toml",
        "version = 1\ndate = 2026-01-02\npartner = \"alex-kim\"\nminutes = 60\nrole = \"coach\"\n\
         arrangement = \"reciprocal\"\n",
    );
    env.run(&["sessions"])
        .code(1)
        .stderr_has(&["nopay.toml", "missing field `payment`"]);
    env.write("partners/bad.toml", "version = 1\nname = \"Bad\"\n");
    env.run(&["partner", "list"])
        .code(1)
        .stderr_has(&["partners/bad.toml", "missing field `client_type`"]);
}

#[test]
fn every_unreadable_file_is_listed() {
    let env = TestEnv::with_partners();
    env.write("sessions/2026/a.toml", "version = 1\n");
    env.write("sessions/2026/b.toml", "this is not toml");
    env.write("sessions/2026/c.toml", "version = 9\n");
    let out = env.run(&["sessions", "--json"]).code(1);
    out.stderr_has(&[
        "3 logbook files cannot be read",
        "a.toml",
        "b.toml",
        "c.toml",
        "version 9",
    ]);
    assert_eq!(out.stdout, "");
}

#[test]
fn an_unknown_key_is_an_error_not_ignored() {
    let env = TestEnv::with_partners();
    let id = env.log(&["alex"]);
    let file = env.session_files().remove(0);
    let text = env.read(&file).replace("payment", "paymnet");
    env.write(&file, &text);
    env.run(&["sessions"])
        .code(1)
        .stderr_has(&[&format!("{id}.toml:6:"), "paymnet"]);
}

#[test]
fn stray_files_are_not_records() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-01-01"]);
    env.write("sessions/2026/.coachlog-abc.tmp", "half a sess");
    env.write("sessions/2026/.2026-01-01-alex-kim-x.toml.swp", "swap");
    env.write("sessions/README.txt", "my notes");
    assert_eq!(env.sessions_json(&[]).len(), 1);
}

#[test]
fn the_documented_files_are_valid_files() {
    let toml_blocks = |text: &'static str| -> Vec<&'static str> {
        text.split("```toml\n")
            .skip(1)
            .map(|rest| rest.split("```").next().unwrap_or(""))
            .collect()
    };
    // The guide's other TOML is starship's configuration, not a logbook file.
    let mut guide = toml_blocks(include_str!("../../docs/guide.md"));
    guide.retain(|block| !block.starts_with("[custom.coachlog]"));
    // A figure of a scheme the user sets, with why: yours in `rules show`.
    let overrides: Vec<&str> = guide
        .iter()
        .copied()
        .filter(|block| block.starts_with("[schemes."))
        .collect();
    assert_eq!(overrides.len(), 1, "the school's group limit");
    let school = TestEnv::new();
    school.write("config.toml", overrides[0]);
    let shown = school.run(&["rules", "show", "icf-acc"]).ok().stdout;
    assert!(
        shown.contains("yours: our school counts groups of up to 25"),
        "{shown}"
    );
    guide.retain(|block| !block.starts_with("[schemes."));
    assert_eq!(guide.len(), 1, "the calendar rules");
    assert_eq!(
        guide[0],
        include_str!("../../examples/calendar-rules.toml"),
        "the guide shows the rules its calendar example imports with"
    );
    let mut blocks = guide;
    blocks.extend(toml_blocks(include_str!("../../docs/reference.md")));
    assert_eq!(
        blocks.len(),
        5,
        "calendar rules, a partner, a session, the other records and a config example"
    );
    // The calendar rules are a valid config.toml.
    let rules = TestEnv::new();
    rules.write("config.toml", blocks[0]);
    rules.run(&["config", "show", "--json"]).ok();
    let blocks = &blocks[1..];
    let env = TestEnv::new();
    env.write("partners/northwind-team-leads.toml", blocks[0]);
    env.write(
        "sessions/2026/2026-03-14-northwind-team-leads-k3f9qa.toml",
        blocks[1],
    );
    let s = &env.sessions_json(&["--notes"])[0];
    assert_eq!(s["id"], "k3f9qa");
    assert_eq!(s["minutes"], 90);
    assert_eq!(
        s["group_size"], 5,
        "the members present that day; the group has 6"
    );
    assert_eq!(s["client_type"], "non-coach");
    assert_eq!(s["not_counted"], serde_json::Value::Null);
    assert_eq!(s["notes"], "Multi-line notes\nare fine.");
    let rated: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["feedback", "--json"]).ok().stdout).expect("JSON");
    assert_eq!(rated[0]["total"], 36.5);
    assert_eq!(rated[0]["experiment"], "leave more silence");
    env.run(&["partner", "show", "northwind"])
        .ok()
        .stdout_has(&["[x] platform: Zoom", "Everything is agreed."]);
    // The other records, each after a comment naming its file.
    let mut written = 0;
    for file in format!("\n{}", blocks[2]).split("\n# ").skip(1) {
        let (path, text) = file.split_once('\n').expect("a path, then the file");
        env.write(path, text);
        written += 1;
    }
    assert_eq!(written, 6, "one of each kind, and a feedback request");
    env.run(&["feedback", "requests"])
        .ok()
        .stdout_has(&["t8n4wj", "session removed"]);
    let mentoring: serde_json::Value =
        serde_json::from_str(&env.run(&["mentoring", "list", "--json"]).ok().stdout).expect("JSON");
    assert_eq!(mentoring[0]["group_size"], 6);
    let education: serde_json::Value =
        serde_json::from_str(&env.run(&["education", "list", "--json"]).ok().stdout).expect("JSON");
    assert_eq!(education[0]["core_minutes"], 3000);
    env.run(&["cpd", "list"])
        .ok()
        .stdout_has(&["NCS-2026-0418"]);
    env.run(&["supervision", "list"])
        .ok()
        .stdout_has(&["Sam Ortiz"]);
    env.run(&["credential", "list"])
        .ok()
        .stdout_has(&["2029-05-01"]);
    env.write("config.toml", blocks[3]);
    let out = env.run(&["config", "show", "--json"]).ok();
    let config: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(config["training_start"], "2025-01-13");
    let schemes = config["schemes"].as_array().expect("schemes");
    assert_eq!(schemes[0]["group_limit"], 25);
    assert_eq!(config["feedback"]["remind_after_days"], 10);
    assert_eq!(
        config["feedback"]["questions"]["approach"],
        "How well did the way we worked suit you?"
    );
    assert_eq!(
        config["feedback"]["questions"]["goals"],
        "How far did we work on what you wanted to work on?",
        "the other questions keep their wording"
    );
    assert!(
        schemes
            .iter()
            .any(|s| s["id"] == "school-diploma" && s["hours"] == 60.0)
    );
}
