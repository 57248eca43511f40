//! `coachlog partner add|list|show|edit|remove`.

use crate::env::TestEnv;

#[test]
fn add_makes_an_id_from_the_name_and_writes_one_file() {
    let env = TestEnv::new();
    let out = env
        .run(&[
            "partner",
            "add",
            "Alex Kim",
            "--client-type",
            "peer",
            "--arrangement",
            "reciprocal",
        ])
        .ok();
    out.stdout_has(&[
        "Added Alex Kim (alex-kim): peer, reciprocal, individual",
        "partners/alex-kim.toml",
    ]);
    assert_eq!(
        env.read("partners/alex-kim.toml"),
        "version = 1\nname = \"Alex Kim\"\nclient_type = \"peer\"\narrangement = \"reciprocal\"\nconsent = true\n"
    );
}

#[test]
fn add_defaults_to_one_way_consenting_individual() {
    let env = TestEnv::new();
    env.run(&[
        "partner",
        "add",
        "José Müller",
        "--client-type",
        "non-coach",
    ])
    .ok();
    let text = env.read("partners/jose-muller.toml");
    assert!(text.contains("name = \"José Müller\""), "{text}");
    assert!(
        text.contains("arrangement = \"one-way\"\n") && text.contains("consent = true\n"),
        "{text}"
    );
    assert!(!text.contains("group_size"), "{text}");
}

#[test]
fn add_stores_every_detail() {
    let env = TestEnv::new();
    env.run(&[
        "partner",
        "add",
        "Team Leads",
        "--client-type",
        "non-coach",
        "--group-size",
        "6",
        "--contact",
        "lead@example.org",
        "--alias",
        "Confidential Client 1",
        "--no-consent",
        "--payment",
        "paid",
        "--duration",
        "1h30m",
        "--notes",
        "quarterly; \"ask about goals\"",
    ])
    .ok()
    .stdout_has(&["group of 6", "no consent to be named"]);
    let text = env.read("partners/team-leads.toml");
    for line in [
        "group_size = 6",
        "consent = false",
        "alias = \"Confidential Client 1\"",
        "contact = \"lead@example.org\"",
        "payment = \"paid\"",
        "default_minutes = 90",
        "notes = 'quarterly; \"ask about goals\"'",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line:?} missing from:\n{text}"
        );
    }
}

#[test]
fn add_with_a_chosen_id() {
    let env = TestEnv::new();
    env.run(&[
        "partner",
        "add",
        "山田 太郎",
        "--client-type",
        "peer",
        "--id",
        "taro",
    ])
    .ok();
    assert!(
        env.read("partners/taro.toml")
            .contains("name = \"山田 太郎\"")
    );
}

#[test]
fn add_refuses_an_existing_id_and_changes_nothing() {
    let env = TestEnv::with_partners();
    let before = env.tree();
    env.run(&["partner", "add", "alex kim", "--client-type", "non-coach"])
        .usage_error(&[
            "'alex-kim' already exists",
            "--id alex-kim-2",
            "partner edit alex-kim",
        ]);
    assert_eq!(env.tree(), before);
}

#[test]
fn add_refuses_bad_values() {
    let env = TestEnv::new();
    env.run(&["partner", "add", "Alex"])
        .usage_error(&["--client-type"]);
    env.run(&["partner", "add", "Alex", "--client-type", "coach"])
        .usage_error(&["'coach'", "peer", "non-coach"]);
    env.run(&["partner", "add", "!!!", "--client-type", "peer"])
        .usage_error(&["--id"]);
    env.run(&["partner", "add", "Al\u{1b}[31mex", "--client-type", "peer"])
        .usage_error(&["control character"]);
    env.run(&["partner", "add", "   ", "--client-type", "peer"])
        .usage_error(&["empty"]);
    env.run(&[
        "partner",
        "add",
        "Alex",
        "--client-type",
        "peer",
        "--group-size",
        "1",
    ])
    .usage_error(&["'1' is not a group size", "from 2"]);
    env.run(&[
        "partner",
        "add",
        "Alex",
        "--client-type",
        "peer",
        "--duration",
        "0",
    ])
    .usage_error(&["'0' is zero"]);
    env.run(&[
        "partner",
        "add",
        "Alex",
        "--client-type",
        "peer",
        "--id",
        "Alex/../x",
    ])
    .usage_error(&["not a partner id"]);
    assert!(env.tree().is_empty(), "nothing written: {:?}", env.tree());
}

#[test]
fn list_shows_partners_with_their_hours() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--duration", "90m"]);
    env.log(&["alex", "--role", "client"]);
    let out = env.run(&["partner", "list"]).ok();
    let alex = out.lines_with("alex-kim");
    assert_eq!(alex.len(), 1, "{}", out.stdout);
    let cells: Vec<&str> = alex[0].split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "alex-kim",
            "Alex",
            "Kim",
            "peer",
            "reciprocal",
            "individual",
            "yes",
            "2",
            "1.50",
            "incomplete",
            "(2/15)"
        ],
        "a practice partner's agreement is marked: the usual length and the arrangement are agreed"
    );
    out.stdout_has(&["team-leads", "group of 6"]);
    assert!(
        out.lines_with("team-leads")[0].trim_end().ends_with("0.00"),
        "no agreement mark for a non-coach client"
    );
}

#[test]
fn list_json_has_the_documented_fields() {
    let env = TestEnv::with_partners();
    let out = env.run(&["partner", "list", "--json"]).ok();
    let list: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(list.len(), 2);
    let alex = &list[0];
    assert_eq!(alex["id"], "alex-kim");
    assert_eq!(alex["name"], "Alex Kim");
    assert_eq!(alex["client_type"], "peer");
    assert_eq!(alex["arrangement"], "reciprocal");
    assert_eq!(alex["group_size"], serde_json::Value::Null);
    assert_eq!(alex["consent"], true);
    assert_eq!(list[1]["group_size"], 6);
    assert_eq!(list[1]["client_type"], "non-coach");
    assert!(
        alex.get("contact").is_none(),
        "contact stays out of listings"
    );
}

#[test]
fn list_of_an_empty_logbook() {
    let env = TestEnv::new();
    let out = env.run_as_new_user(&["partner", "list"]).ok();
    assert_eq!(out.stdout, "");
    out.stderr_has(&["No partners yet", "coachlog partner add"]);
    assert_eq!(
        env.run_as_new_user(&["partner", "list", "--json"])
            .ok()
            .stdout,
        "[]\n"
    );
}

#[test]
fn show_prints_details_and_totals() {
    let env = TestEnv::with_partners();
    env.run(&[
        "partner",
        "edit",
        "alex",
        "--contact",
        "alex@example.org",
        "--notes",
        "likes walks",
    ])
    .ok();
    env.log(&["alex", "--date", "2026-01-05"]);
    env.log(&[
        "alex",
        "--date",
        "2026-02-07",
        "--role",
        "client",
        "--duration",
        "45m",
    ]);
    let out = env.run(&["partner", "show", "alex"]).ok();
    out.stdout_has(&[
        "Alex Kim\n",
        "client type   peer",
        "payment       exchange (the default for a reciprocal arrangement)",
        "contact       alex@example.org",
        "duration      1h",
        "1 as coach (1.00 h), 1 as client (0.75 h)",
        "first / last  2026-01-05 / 2026-02-07",
        "likes walks",
    ]);
}

#[test]
fn edit_changes_only_what_is_asked_and_keeps_comments() {
    let env = TestEnv::with_partners();
    env.write(
        "partners/alex-kim.toml",
        "# Alex from the spring cohort\nversion = 1\nname = \"Alex Kim\"  # as on the contract\n\
         client_type = \"peer\"\narrangement = \"reciprocal\"\ncontact = \"old@example.org\"\n",
    );
    let out = env
        .run(&[
            "partner",
            "edit",
            "alex",
            "--payment",
            "paid",
            "--unset",
            "contact",
            "--group-size",
            "3",
        ])
        .ok();
    out.stdout_has(&[
        "Updated alex-kim",
        "payment: — → paid",
        "contact: old@example.org → —",
        "group_size: — → 3",
    ]);
    let text = env.read("partners/alex-kim.toml");
    assert!(
        text.starts_with("# Alex from the spring cohort\n"),
        "{text}"
    );
    assert!(
        text.contains("name = \"Alex Kim\"  # as on the contract\n"),
        "{text}"
    );
    assert!(text.contains("payment = \"paid\""), "{text}");
    assert!(!text.contains("contact"), "{text}");
    let json = env.run(&["partner", "list", "--json"]).ok().stdout;
    assert!(json.contains("\"group_size\": 3"), "{json}");
}

#[test]
fn edit_never_rewrites_logged_sessions() {
    let env = TestEnv::with_partners();
    env.log(&["alex"]);
    let before = env.session_files();
    env.run(&[
        "partner",
        "edit",
        "alex",
        "--payment",
        "paid",
        "--arrangement",
        "one-way",
    ])
    .ok();
    assert_eq!(env.session_files(), before);
    let sessions = env.sessions_json(&[]);
    assert_eq!(sessions[0]["payment"], "exchange");
    assert_eq!(sessions[0]["arrangement"], "reciprocal");
    env.log(&["alex"]);
    let payments: Vec<String> = env
        .sessions_json(&[])
        .iter()
        .map(|s| s["payment"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(payments.contains(&"paid".to_owned()) && payments.contains(&"exchange".to_owned()));
}

#[test]
fn edit_refuses_nothing_and_contradictions() {
    let env = TestEnv::with_partners();
    let before = env.tree();
    env.run(&["partner", "edit", "alex"])
        .usage_error(&["nothing to change"]);
    env.run(&[
        "partner",
        "edit",
        "alex",
        "--contact",
        "x",
        "--unset",
        "contact",
    ])
    .usage_error(&["--contact and --unset contact"]);
    env.run(&["partner", "edit", "alex", "--consent", "--no-consent"])
        .usage_error(&["cannot be used with"]);
    env.run(&["partner", "edit", "nobody", "--payment", "paid"])
        .usage_error(&["no partner 'nobody'"]);
    assert_eq!(env.tree(), before);
    let out = env
        .run(&["partner", "edit", "alex", "--arrangement", "reciprocal"])
        .ok();
    out.stdout_has(&["nothing changed"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn remove_is_refused_while_sessions_refer_to_the_partner() {
    let env = TestEnv::with_partners();
    env.log(&["alex"]);
    let before = env.tree();
    env.run(&["partner", "remove", "alex"])
        .usage_error(&["1 session of alex-kim (Alex Kim) refer", "--with-sessions"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn remove_with_sessions_needs_yes_without_a_terminal() {
    let env = TestEnv::with_partners();
    env.log(&["alex"]);
    env.log(&["team", "--duration", "1h"]);
    let before = env.tree();
    env.run(&["partner", "remove", "alex", "--with-sessions"])
        .usage_error(&["--yes", "no terminal"]);
    assert_eq!(env.tree(), before);
    env.run(&["partner", "remove", "alex", "--with-sessions", "--yes"])
        .ok()
        .stdout_has(&["Removed Alex Kim (alex-kim) and their 1 session"]);
    let left: Vec<String> = env.tree().into_keys().collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.iter().all(|f| f.contains("team-leads")), "{left:?}");
}

#[test]
fn remove_a_partner_without_sessions() {
    let env = TestEnv::with_partners();
    env.run(&["partner", "remove", "team"])
        .ok()
        .stdout_has(&["Removed Team Leads (team-leads)"]);
    assert!(!env.data().join("partners/team-leads.toml").exists());
    env.run(&["partner", "show", "team"])
        .usage_error(&["no partner 'team'"]);
}

#[cfg(target_os = "linux")]
#[test]
fn remove_with_sessions_asks_on_a_terminal() {
    let env = TestEnv::with_partners();
    env.log(&["alex"]);
    env.log(&["alex", "--role", "client"]);
    let before = env.tree();
    let screen = env.on_terminal("partner remove alex --with-sessions", &[("[y/N]", "n\n")]);
    assert!(
        screen.contains("Remove Alex Kim and their 2 sessions? This cannot be undone"),
        "{screen}"
    );
    assert!(screen.contains("Nothing removed."), "{screen}");
    assert_eq!(env.tree(), before);
    let screen = env.on_terminal("partner remove alex --with-sessions", &[("[y/N]", "y\n")]);
    assert!(
        screen.contains("Removed Alex Kim (alex-kim) and their 2 sessions"),
        "{screen}"
    );
    assert!(env.session_files().is_empty());
    assert!(!env.data().join("partners/alex-kim.toml").exists());
}

#[test]
fn an_ended_engagement_is_shown_never_quiet_and_can_be_resumed() {
    let env = TestEnv::with_partners();
    env.log(&["team", "90m", "--date", "2026-09-01"]);
    let quiet = |env: &TestEnv| {
        let out = env.run(&["due"]).ok();
        out.stdout.contains("no session with Team Leads")
    };
    assert!(quiet(&env), "a partner not seen since September is quiet");

    let before = env.tree();
    env.run(&["partner", "end", "team", "--date", "2027-01-01"])
        .usage_error(&[
            "--date 2027-01-01 is after today",
            "today or an earlier day",
        ]);
    env.run(&["partner", "end", "team", "--date", "31/09/2026"])
        .usage_error(&["'31/09/2026'"]);
    assert_eq!(env.tree(), before, "nothing written");

    let out = env
        .run(&["partner", "end", "team", "--date", "2026-10-31"])
        .ok();
    assert!(
        out.stdout
            .contains("Ended Team Leads (team-leads) on 2026-10-31"),
        "{}",
        out.stdout
    );
    assert!(
        env.read("partners/team-leads.toml")
            .contains("ended = 2026-10-31\n")
    );
    assert!(!quiet(&env), "an ended engagement is never quiet");
    let list = env.run(&["partner", "list"]).ok().stdout;
    assert!(list.contains("(ended 2026-10-31)"), "{list}");
    let json = crate::env::json(&env, &["partner", "list", "--json"]);
    assert_eq!(json[1]["ended"], "2026-10-31");
    assert!(json[0].get("ended").is_none());
    let show = env.run(&["partner", "show", "team"]).ok().stdout;
    assert!(show.contains("ended         2026-10-31"), "{show}");
    // The sessions stay and count as before.
    assert_eq!(env.sessions_json(&[]).len(), 1);
    // Logging after the end says so.
    let out = env.run(&["log", "team", "1h"]).ok();
    assert!(out.stderr.contains("ended on 2026-10-31"), "{}", out.stderr);

    let out = env.run(&["partner", "resume", "team"]).ok();
    assert!(out.stdout.contains("Resumed Team Leads"), "{}", out.stdout);
    assert!(!env.read("partners/team-leads.toml").contains("ended"));
    let out = env.run(&["partner", "resume", "team"]).ok();
    assert!(out.stdout.contains("has not ended"), "{}", out.stdout);
}
