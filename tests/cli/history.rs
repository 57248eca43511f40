//! History that never changes behind the user's back: sessions record the client type and group size
//! they are judged by, so editing a partner leaves past figures alone unless `--also-past` is given;
//! files of the earlier format keep working and `upgrade` records their values.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::env::TestEnv;

const AS_OF: &str = "2026-11-23";

/// Every report and export a user or an auditor sees, as text.
fn every_report(env: &TestEnv) -> BTreeMap<&'static str, String> {
    let runs: [(&str, &[&str]); 9] = [
        ("summary", &["summary", "--as-of", AS_OF, "--json"]),
        ("summary text", &["summary", "--as-of", AS_OF]),
        ("mix", &["mix", "--as-of", AS_OF, "--json"]),
        ("stats", &["stats", "--json"]),
        ("sessions", &["sessions", "--json"]),
        ("export sessions", &["export", "sessions", "--to", AS_OF]),
        ("export icf", &["export", "icf", "--to", AS_OF]),
        ("export emcc", &["export", "emcc", "--to", AS_OF]),
        ("feedback", &["feedback", "--json"]),
    ];
    runs.into_iter()
        .map(|(name, args)| (name, env.run(args).ok().stdout))
        .collect()
}

fn summary_json(env: &TestEnv) -> Value {
    serde_json::from_str(
        &env.run(&["summary", "--as-of", AS_OF, "--json"])
            .ok()
            .stdout,
    )
    .expect("json")
}

/// The session files of the logbook with `client_type` and `group_size` removed, as coachlog wrote
/// them before it recorded them.
fn to_earlier_format(env: &TestEnv, only: Option<&str>) -> usize {
    let mut changed = 0;
    for (rel, text) in env.tree() {
        if !rel.starts_with("sessions/") || only.is_some_and(|id| !rel.contains(id)) {
            continue;
        }
        let earlier: String = text
            .lines()
            .filter(|l| !l.starts_with("client_type = ") && !l.starts_with("group_size = "))
            .map(|l| format!("{l}\n"))
            .collect();
        if earlier != text {
            env.write(&rel, &earlier);
            changed += 1;
        }
    }
    changed
}

#[test]
fn editing_a_partners_type_and_group_size_changes_no_past_figure() {
    let env = TestEnv::with_sample();
    let before = every_report(&env);
    let out = env
        .run(&["partner", "edit", "alex-kim", "--client-type", "non-coach"])
        .ok();
    out.stdout_has(&[
        "client_type: peer → non-coach",
        "13 sessions already logged keep client type peer (add --also-past to change them too)",
    ]);
    // 16 members would put the group over ICF's limit of 15: its past sessions had 6.
    let out = env
        .run(&["partner", "edit", "northwind", "--group-size", "16"])
        .ok();
    out.stdout_has(&["3 sessions already logged keep group size 6"]);
    env.run(&["partner", "edit", "parents-circle", "--unset", "group-size"])
        .ok()
        .stdout_has(&["2 sessions already logged keep group size 4"]);
    let after = every_report(&env);
    for (name, text) in &before {
        assert_eq!(&after[name], text, "{name} changed after a partner edit");
    }
    // New sessions take the new values.
    env.log(&["alex", "--date", "2026-11-20"]);
    let json = summary_json(&env);
    assert_eq!(
        json["mix"]["non_coach_hours"], 26.25,
        "25.25 h + the new hour"
    );
}

#[test]
fn also_past_carries_the_edit_into_the_sessions_that_had_the_old_value() {
    let env = TestEnv::with_sample();
    let peer_before = summary_json(&env)["mix"]["peer_hours"]
        .as_f64()
        .expect("hours");
    let out = env
        .run(&[
            "partner",
            "edit",
            "mei-chen",
            "--client-type",
            "non-coach",
            "--also-past",
        ])
        .ok();
    out.stdout_has(&["Changing 3 sessions of mei-chen too: client type peer → non-coach"]);
    let mix = &summary_json(&env)["mix"];
    // Mei Chen: 3 sessions of 50 minutes, 2.50 h, move from peer to non-coach.
    assert_eq!(mix["peer_hours"].as_f64(), Some(peer_before - 2.5));
    let files: Vec<String> = env
        .session_files()
        .into_iter()
        .filter(|f| f.contains("mei-chen"))
        .collect();
    for file in &files {
        assert!(
            env.read(file).contains("client_type = \"non-coach\"\n"),
            "{file}"
        );
    }
    env.run(&[
        "partner",
        "edit",
        "mei-chen",
        "--payment",
        "paid",
        "--also-past",
    ])
    .usage_error(&["--also-past", "changes neither"]);
}

#[test]
fn a_group_records_the_members_present_and_also_past_keeps_a_days_own_count() {
    let env = TestEnv::with_partners();
    env.log(&["team", "90m", "--date", "2026-03-02"]);
    let id = env.log(&["team", "90m", "--date", "2026-03-09", "--group-size", "4"]);
    let out = env.run(&["sessions", "--json"]).ok();
    let sessions: Vec<Value> = serde_json::from_str(&out.stdout).expect("json");
    let present: Vec<(String, u64)> = sessions
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap_or("").to_owned(),
                s["group_size"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert!(present.contains(&(id.clone(), 4)), "{present:?}");
    let out = env
        .run(&[
            "partner",
            "edit",
            "team",
            "--group-size",
            "8",
            "--also-past",
        ])
        .ok();
    out.stdout_has(&["Changing 1 session of team-leads too: group size 6 → 8"]);
    let sizes: Vec<u64> = env
        .sessions_json(&[])
        .iter()
        .map(|s| s["group_size"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(sizes, [4, 8], "the day with 4 present keeps its 4");
    // Clients: the most members present at one of the group's sessions.
    let json = summary_json(&env);
    assert_eq!(json["coaching"]["clients"], 8);

    let before = env.tree();
    env.run(&["log", "alex", "--group-size", "3"])
        .usage_error(&[
            "alex-kim is one person",
            "--group-size",
            "coachlog partner edit alex-kim --group-size N",
        ]);
    env.run(&["log", "team", "1h", "--group-size", "1"])
        .usage_error(&["'1' is not a group size", "from 2"]);
    assert_eq!(env.tree(), before, "nothing written");
}

#[test]
fn files_of_the_earlier_format_read_as_before_and_upgrade_adds_only_the_keys() {
    let upgraded = TestEnv::with_sample();
    let env = TestEnv::with_sample();
    let reports = every_report(&env);
    assert_eq!(to_earlier_format(&env, None), 59);
    // A comment the user wrote survives the upgrade.
    let rel = "sessions/2025/2025-10-04-parents-circle-bw1nd0.toml";
    let commented = format!("# the autumn workshop\n{}", env.read(rel));
    env.write(rel, &commented);
    assert_eq!(
        every_report(&env),
        reports,
        "a session without the keys takes them from its partner, exactly as before"
    );
    let check = env.run(&["check"]).ok();
    check.stdout_has(&[
        "59 session files of the earlier format do not record the client type and group size",
        "`coachlog upgrade` records them",
    ]);

    let earlier = env.tree();
    let dry = env.run(&["upgrade", "--dry-run"]).ok();
    dry.stdout_has(&[
        "59 session files of the earlier format",
        "Would record each partner's current values in them:",
        "  northwind-team-leads: 3 session files → client_type = \"non-coach\", group_size = 6",
        "  alex-kim: 13 session files → client_type = \"peer\"",
    ]);
    assert_eq!(env.tree(), earlier, "a dry run writes nothing");

    env.run(&["upgrade"])
        .ok()
        .stdout_has(&["Upgraded 59 session files."]);
    for (rel_path, text) in upgraded.tree() {
        let got = env.read(&rel_path);
        if rel_path == rel {
            assert_eq!(got, format!("# the autumn workshop\n{text}"), "{rel_path}");
        } else {
            assert_eq!(got, text, "{rel_path}: only the keys are added");
        }
    }
    assert_eq!(every_report(&env), reports);
    let after = env.tree();
    env.run(&["upgrade"])
        .ok()
        .stdout_has(&["nothing to upgrade"]);
    assert_eq!(env.tree(), after, "safe to run twice");
    let check = env.run(&["check"]).ok();
    assert!(!check.stdout.contains("earlier format"), "{}", check.stdout);
}

#[test]
fn a_partner_edit_never_silently_changes_sessions_of_the_earlier_format() {
    let env = TestEnv::with_sample();
    assert_eq!(to_earlier_format(&env, Some("alex-kim")), 13);
    let before = env.tree();
    env.run(&["partner", "edit", "alex", "--client-type", "non-coach"])
        .usage_error(&[
            "13 sessions of alex-kim are in files of the earlier format",
            "nothing was changed",
            "`coachlog upgrade`",
            "--also-past",
        ]);
    assert_eq!(env.tree(), before, "nothing written");
    // Other details change freely: they do not judge past sessions.
    env.run(&["partner", "edit", "alex", "--contact", "alex@example.org"])
        .ok();
    let peer = summary_json(&env)["mix"]["peer_hours"]
        .as_f64()
        .expect("hours");
    env.run(&[
        "partner",
        "edit",
        "alex",
        "--client-type",
        "non-coach",
        "--also-past",
    ])
    .ok()
    .stdout_has(&["13 sessions in files of the earlier format take the partner's new values"]);
    // Alex Kim's 13 files hold 410 minutes of coaching (the rest as client): of 1,240 peer minutes
    // (20.67 h), 830 (13.83 h) are left — shown as 13.84, so that peer and non-coach hours add up
    // to the coaching hours.
    assert_eq!(peer, 20.67);
    let mix = &summary_json(&env)["mix"];
    assert_eq!(mix["peer_hours"], 13.84);
    let coaching = summary_json(&env)["coaching"]["hours"]
        .as_f64()
        .expect("hours");
    let sum = mix["peer_hours"].as_f64().expect("peer")
        + mix["non_coach_hours"].as_f64().expect("non-coach");
    assert!((sum - coaching).abs() < 1e-9, "{sum} against {coaching}");
}

#[test]
fn reading_or_reflecting_never_upgrades_a_file_behind_the_users_back() {
    let env = TestEnv::with_partners();
    let earlier = "# logged by an earlier version\nversion = 1\ndate = 2026-01-05\npartner = \"alex-kim\"\n\
                   minutes = 60\nrole = \"coach\"\npayment = \"exchange\"\narrangement = \"reciprocal\"\n";
    let rel = "sessions/2026/2026-01-05-alex-kim-abc123.toml";
    env.write(rel, earlier);
    for args in [
        &["summary"][..],
        &["sessions"],
        &["mix"],
        &["check"],
        &["export", "sessions"],
    ] {
        env.run(args).ok();
    }
    assert_eq!(env.read(rel), earlier, "reading writes nothing");
    env.run(&["reflect", "abc123", "--scores", "9,9,9,9"]).ok();
    let text = env.read(rel);
    assert!(text.starts_with(earlier), "{text}");
    assert!(text.contains("[reflection]"), "{text}");
    assert!(
        !text.contains("client_type"),
        "only the reflection is added: {text}"
    );
    assert_eq!(
        env.sessions_json(&[])[0]["client_type"],
        "peer",
        "from the partner"
    );
}

#[test]
fn a_hand_edit_of_the_partner_is_held_to_the_same_rule() {
    let env = TestEnv::with_sample();
    to_earlier_format(&env, Some("mei-chen"));
    let editor = env.home().join("to-non-coach.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/client_type = \"peer\"/client_type = \"non-coach\"/' \"$1\"\n",
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let before = env.tree();
    env.command(&["edit", "partner", "mei"])
        .env("EDITOR", &editor)
        .run()
        .code(1)
        .stderr_has(&[
            "3 sessions of mei-chen are in files of the earlier format",
            "`coachlog upgrade` first",
        ]);
    assert_eq!(env.tree(), before, "the partner file is restored");
    env.run(&["upgrade"]).ok();
    env.command(&["edit", "partner", "mei"])
        .env("EDITOR", &editor)
        .run()
        .ok()
        .stdout_has(&["Saved"]);
    assert_eq!(
        summary_json(&env)["mix"]["peer_hours"],
        20.67,
        "past sessions keep peer"
    );
}

#[test]
fn an_upgrade_leaves_a_session_without_its_partner_alone() {
    let env = TestEnv::with_partners();
    env.write(
        "sessions/2026/2026-01-05-ghost-abc123.toml",
        "version = 1\ndate = 2026-01-05\npartner = \"ghost\"\nminutes = 60\nrole = \"coach\"\n\
         payment = \"paid\"\narrangement = \"one-way\"\n",
    );
    let before = env.tree();
    let out = env.run(&["upgrade"]).ok();
    out.stderr_has(&["its partner 'ghost' does not exist, so it is left as it is"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn imported_rows_record_their_own_facts() {
    let env = TestEnv::with_partners();
    let file = env.home().join("in.csv");
    std::fs::write(
        &file,
        "date,partner,minutes,client_type,group_size,not_counted\n\
         2026-01-05,Alex Kim,60,non-coach,,\n\
         2026-01-06,Team Leads,90,,5,\n\
         2026-01-07,Alex Kim,30,,,in-class\n",
    )
    .expect("write");
    env.run(&["import", file.to_str().expect("utf-8")]).ok();
    let sessions = env.sessions_json(&[]);
    let by_date = |date: &str| {
        sessions
            .iter()
            .find(|s| s["date"] == date)
            .expect("session")
            .clone()
    };
    assert_eq!(by_date("2026-01-05")["client_type"], "non-coach");
    assert_eq!(by_date("2026-01-06")["group_size"], 5);
    assert_eq!(by_date("2026-01-06")["client_type"], "non-coach");
    assert_eq!(
        by_date("2026-01-07")["client_type"],
        "peer",
        "the partner's"
    );
    assert_eq!(by_date("2026-01-07")["not_counted"], "in-class");
}
