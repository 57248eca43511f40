//! What each scheme counts, end to end: the ICF figures and the ICF log tell the same story, the
//! exchange balance rule as its source states it, practice marked as not counted, and dates as the
//! rules state them.

use serde_json::Value;

use crate::env::{TestEnv, actual, csv_rows, icf_acc, json, sample_logbook};

const AS_OF: &str = "2026-11-23";

/// The ICF log's rows and its totals row (paid and pro bono hours, in hundredths).
fn icf_log(env: &TestEnv, extra: &[&str]) -> (Vec<csv::StringRecord>, (i64, i64)) {
    let mut args = vec!["export", "icf"];
    args.extend_from_slice(extra);
    let out = env.run(&args).ok();
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let mut rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let total = rows.pop().expect("the totals row");
    assert_eq!(&total[0], "Total");
    (rows, (cents(&total[6]), cents(&total[7])))
}

/// Hundredths of an hour in a cell.
fn cents(cell: &str) -> i64 {
    (cell.parse::<f64>().expect("hours") * 100.0).round() as i64
}

#[test]
fn by_default_the_icf_figures_are_the_sums_of_the_icf_log() {
    let env = TestEnv::with_sample();
    let acc = icf_acc(&env, AS_OF);
    let (rows, (paid, pro_bono)) = icf_log(&env, &["--to", AS_OF]);
    let members: u32 = rows.iter().map(|r| r[3].parse::<u32>().expect("n")).sum();
    // 41.58 h: the 3.00 h with Ben Okafor, who has not consented to be named, are in neither.
    assert_eq!(actual(&acc, "hours"), 41.58);
    assert_eq!(paid + pro_bono, 4158);
    assert_eq!(actual(&acc, "paid_hours"), 32.33);
    assert_eq!(paid, 3233);
    assert_eq!(f64::from(members), actual(&acc, "clients"), "clients: 19");
    let text = env.run(&["summary", "--all", "--as-of", AS_OF]).ok();
    text.stdout_has(&[
        "Not counted: 3.00 h with 1 client who has not consented to be named, whom the ICF log \
         leaves off: record consent with `coachlog partner edit ben-okafor --consent`",
    ]);

    // Consent recorded: he is in the log and in the figures.
    env.run(&["partner", "edit", "ben", "--consent"]).ok();
    assert_eq!(actual(&icf_acc(&env, AS_OF), "hours"), 44.58);
    let (rows, _) = icf_log(&env, &["--to", AS_OF]);
    assert!(rows.iter().any(|r| &r[0] == "Ben Okafor"));
}

#[test]
fn count_unnamed_clients_restores_them_to_the_figures_and_says_so() {
    let env = TestEnv::with_sample();
    env.run(&["config", "set", "icf.count_unnamed_clients", "true"])
        .ok();
    let acc = icf_acc(&env, AS_OF);
    assert_eq!(actual(&acc, "hours"), 44.58);
    assert_eq!(actual(&acc, "clients"), 20.0);
    assert_eq!(
        acc["unnamed_clients"],
        serde_json::json!({"clients": 1, "hours": 3.0, "counted": true})
    );
    env.run(&["summary", "--all", "--as-of", AS_OF]).ok().stdout_has(&[
        "Counted although the ICF log leaves them off: 3.00 h with 1 client who has not consented \
         to be named (icf.count_unnamed_clients).",
    ]);
    let out = env.run(&["export", "icf", "--to", AS_OF]).ok();
    assert!(!out.stdout.contains("Ben Okafor"), "never named in the log");
    out.stderr_has(&["summary's ICF figures count them, as icf.count_unnamed_clients says"]);
}

#[test]
fn rows_an_auditor_would_reject_are_warned_of_and_checked() {
    let env = TestEnv::new();
    let add = |args: &[&str]| {
        let mut all = vec!["partner", "add"];
        all.extend_from_slice(args);
        env.run(&all).ok();
    };
    add(&["Sam Lee", "--client-type", "non-coach", "--duration", "1h"]);
    add(&[
        "Acme Leads",
        "--client-type",
        "non-coach",
        "--group-size",
        "5",
        "--duration",
        "1h",
    ]);
    add(&[
        "Beta Corp",
        "--client-type",
        "non-coach",
        "--alias",
        "Confidential Client 1",
        "--duration",
        "1h",
    ]);
    add(&[
        "Dana Fox",
        "--client-type",
        "non-coach",
        "--contact",
        "dana@example.org",
        "--duration",
        "1h",
    ]);
    for partner in ["sam", "acme", "beta", "dana"] {
        env.log(&[partner, "--date", "2026-03-02"]);
    }
    let alias = "beta-corp appears in the ICF log under an alias, without the organisation contact";
    let group = "acme-leads is a group in the ICF log without a member's contact";
    let individual = "sam-lee has no contact information in the ICF log";

    let out = env.run(&["export", "icf"]).ok();
    out.stderr_has(&[alias, group]);
    assert!(!out.stderr.contains(individual), "{}", out.stderr);
    assert!(!out.stderr.contains("dana-fox"), "{}", out.stderr);
    let out = env.run(&["export", "icf", "--include-contact"]).ok();
    out.stderr_has(&[
        &format!("warning: an auditor would reject this row: {alias}"),
        group,
        individual,
    ]);
    assert!(!out.stderr.contains("dana-fox"), "{}", out.stderr);

    let out = env.run(&["check"]).ok();
    assert!(!out.stdout.contains("ICF log"), "only with --icf");
    let out = env.run(&["check", "--icf"]).ok();
    out.stdout_has(&[alias, group, individual, "partners/sam-lee.toml"]);
    out.stdout_has(&["0 errors, 3 warnings"]);
    env.run(&["check", "--icf", "--strict"]).code(1);
}

/// The worked example: coached A 3 h and B 2 h in exchange, received 1 h from A and 2 h from C.
fn worked_example() -> TestEnv {
    let env = TestEnv::new();
    for name in ["Ann A", "Ben B", "Cat C"] {
        env.run(&[
            "partner",
            "add",
            name,
            "--client-type",
            "peer",
            "--arrangement",
            "reciprocal",
            "--duration",
            "1h",
        ])
        .ok();
    }
    for date in ["2026-01-05", "2026-01-12", "2026-01-19"] {
        env.log(&["ann", "--date", date]);
    }
    for date in ["2026-01-06", "2026-01-13"] {
        env.log(&["ben", "--date", date]);
    }
    env.log(&["ann", "--date", "2026-01-07", "--role", "client"]);
    env.log(&["cat", "2h", "--date", "2026-01-08", "--role", "client"]);
    env
}

#[test]
fn the_balance_rule_in_its_three_settings_gives_the_worked_example() {
    let env = worked_example();
    for (rule, paid, pro_bono) in [
        ("off", 5.0, 0.0),
        ("pooled", 3.0, 2.0),
        ("per-partner", 1.0, 4.0),
    ] {
        env.run(&["config", "set", "icf.exchange_balance_rule", rule])
            .ok();
        let acc = icf_acc(&env, "2026-06-30");
        assert_eq!(actual(&acc, "hours"), 5.0, "{rule}: hours are hours");
        assert_eq!(actual(&acc, "paid_hours"), paid, "{rule}");
        assert_eq!(
            acc["exchange_counted_as_pro_bono_hours"], pro_bono,
            "{rule}"
        );
        assert_eq!(acc["balance_rule"], rule);
        // The ICF log and the sessions CSV follow the same rule.
        let (_, (log_paid, log_pro_bono)) = icf_log(&env, &["--to", "2026-06-30"]);
        assert_eq!(
            (log_paid, log_pro_bono),
            ((paid * 100.0) as i64, (pro_bono * 100.0) as i64)
        );
        let out = env.run(&["export", "sessions", "--to", "2026-06-30"]).ok();
        let csv_paid: u64 = csv_rows(&out.stdout)
            .iter()
            .filter_map(|r| r["icf_paid_minutes"].parse::<u64>().ok())
            .sum();
        assert_eq!(csv_paid as f64, paid * 60.0, "{rule}: icf_paid_minutes");
        if rule != "off" {
            env.run(&["summary", "--as-of", "2026-06-30", "--scheme", "icf-acc"])
                .ok()
                .stdout_has(&[&format!(
                    "Balance rule ({rule}): {pro_bono:.2} h of exchange counted as pro bono"
                )]);
        }
    }
    // Pooled, the first 3 h of exchange in date order are paid: Ann's 5th, Ben's 6th, Ann's 12th.
    env.run(&["config", "set", "icf.exchange_balance_rule", "pooled"])
        .ok();
    let out = env.run(&["export", "sessions", "--to", "2026-06-30"]).ok();
    let categories: Vec<String> = csv_rows(&out.stdout)
        .iter()
        .map(|r| r["icf_category"].clone())
        .collect();
    assert_eq!(
        categories,
        [
            "paid",
            "paid",
            "client-role",
            "client-role",
            "paid",
            "pro-bono",
            "pro-bono"
        ]
    );
}

#[test]
fn marked_practice_is_listed_but_counted_by_no_scheme_unless_it_opts_in() {
    let env = TestEnv::with_partners();
    env.run(&[
        "partner",
        "add",
        "Jo Park",
        "--client-type",
        "non-coach",
        "--duration",
        "30m",
    ])
    .ok();
    env.log(&["alex", "--date", "2026-03-02"]);
    let out = env
        .run(&[
            "log",
            "alex",
            "--date",
            "2026-03-03",
            "--not-counted",
            "in-class",
        ])
        .ok();
    out.stdout_has(&["(exchange, reciprocal, not counted: in-class)"]);
    env.log(&[
        "jo",
        "--date",
        "2026-03-04",
        "--not-counted",
        "asynchronous",
    ]);
    let file = env
        .session_files()
        .into_iter()
        .find(|f| f.contains("2026-03-03"))
        .expect("file");
    assert!(env.read(&file).contains("not_counted = \"in-class\"\n"));

    let summary = json(&env, &["summary", "--as-of", "2026-06-30", "--json"]);
    assert_eq!(summary["coaching"]["hours"], 2.5, "still coaching practice");
    // Every scheme that counts hours (ICF ACTC counts engagements).
    for scheme in summary["schemes"].as_array().expect("schemes") {
        if scheme["id"] == "icf-actc" {
            continue;
        }
        assert_eq!(actual(scheme, "hours"), 1.0, "{}", scheme["id"]);
        assert_eq!(
            scheme["not_counted_hours"],
            serde_json::json!({"in-class": 1.0, "asynchronous": 0.5})
        );
    }
    env.run(&["summary", "--all", "--as-of", "2026-06-30"]).ok().stdout_has(&[
        "Not counted: 1.50 h marked as practice that does not count (in-class 1.00 h, asynchronous \
         0.50 h).",
    ]);
    let mix = json(&env, &["mix", "--as-of", "2026-06-30", "--json"]);
    assert_eq!(mix["peer_hours"], 2.0, "the mix keeps them");
    assert_eq!(mix["ledger"][0]["given_hours"], 2.0, "so does the ledger");
    let listing = env.run(&["sessions"]).ok();
    listing.stdout_has(&["Not counted", "in-class", "asynchronous"]);
    let csv = env.run(&["export", "sessions"]).ok().stdout;
    assert!(csv.contains(",exchange,in-class,not-counted,,"), "{csv}");
    let log = env.run(&["export", "icf"]).ok();
    log.stderr_has(&[
        "left off the ICF log: 1.50 h of sessions marked as practice that does not count",
    ]);

    // A scheme may count a kind of practice all the same.
    let config = "[schemes.emcc-foundation]\ncounts_anyway = [\"asynchronous\"]\n";
    env.write("config.toml", config);
    let summary = json(
        &env,
        &[
            "summary",
            "--as-of",
            "2026-06-30",
            "--json",
            "--scheme",
            "emcc-foundation",
            "--scheme",
            "icf-acc",
        ],
    );
    assert_eq!(actual(&summary["schemes"][0], "hours"), 1.5);
    assert_eq!(actual(&summary["schemes"][1], "hours"), 1.0);

    let before = env.tree();
    env.run(&[
        "log",
        "alex",
        "--role",
        "client",
        "--not-counted",
        "teaching",
    ])
    .usage_error(&["--not-counted marks a session in which you coached"]);
    env.run(&["log", "alex", "--not-counted", "class"])
        .usage_error(&["'class'", "in-class, asynchronous, teaching, other"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn years_are_met_on_the_anniversary_and_the_window_is_stated() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2024-12-08"]);
    let emcc = |as_of: &str| {
        json(
            &env,
            &[
                "summary",
                "--as-of",
                as_of,
                "--json",
                "--scheme",
                "emcc-foundation",
            ],
        )["schemes"][0]["requirements"]
            .as_array()
            .expect("requirements")
            .iter()
            .find(|r| r["id"] == "years")
            .cloned()
            .expect("years")
    };
    let before = emcc("2025-12-07");
    assert_eq!(
        (&before["met"], &before["missing"]),
        (&Value::Bool(false), &Value::from("met on 2025-12-08"))
    );
    let on = emcc("2025-12-08");
    assert_eq!(
        (&on["met"], &on["actual"]),
        (&Value::Bool(true), &Value::from(1.0))
    );

    env.run(&["config", "set", "first_practice", "2024-02-29"])
        .ok();
    assert_eq!(emcc("2025-02-28")["missing"], "met on 2025-03-01");
    assert_eq!(emcc("2025-03-01")["met"], true);

    // 18 months before 31 August 2026: 31 February 2025 does not exist, so from 1 March.
    let acc = icf_acc(&env, "2026-08-31");
    assert_eq!(
        acc["recent_window"],
        serde_json::json!({"first_day": "2025-03-01", "last_day": "2026-08-31"})
    );
    env.run(&["summary", "--as-of", "2026-08-31", "--scheme", "icf-acc"])
        .ok()
        .stdout_has(&["Recent hours count sessions from 2025-03-01 to 2026-08-31, both included."]);
}

#[test]
fn the_sample_summary_and_log_agree_for_every_as_of_date() {
    // Month ends, a leap day and the day before training: the log up to the date always sums to the
    // summary's ICF hours.
    let env = TestEnv::with_copy_of(&sample_logbook());
    for as_of in [
        "2025-01-12",
        "2025-02-28",
        "2025-08-31",
        "2026-02-28",
        AS_OF,
    ] {
        let acc = icf_acc(&env, as_of);
        let (rows, (paid, pro_bono)) = icf_log(&env, &["--to", as_of]);
        let hours = |id| (actual(&acc, id) * 100.0).round() as i64;
        assert_eq!(paid, hours("paid_hours"), "{as_of}");
        // Paid and pro bono hours are each rounded once; their sum may differ by a hundredth.
        assert!((paid + pro_bono - hours("hours")).abs() <= 1, "{as_of}");
        let members: u32 = rows.iter().map(|r| r[3].parse::<u32>().expect("n")).sum();
        assert_eq!(f64::from(members), actual(&acc, "clients"), "{as_of}");
    }
}

#[test]
fn a_scheme_behaves_as_its_data_says_whatever_its_body() {
    let env = worked_example();
    env.run(&["partner", "edit", "ben", "--no-consent"]).ok();
    env.run(&["config", "set", "icf.exchange_balance_rule", "pooled"])
        .ok();
    let config = env.read("config.toml");
    env.write(
        "config.toml",
        &format!(
            "{config}\n[schemes.school]\nname = \"School diploma\"\nbody = \"School\"\nhours = 10\n\
             icf_log = true\nbalance_rule = true\n\n[schemes.icf-pcc]\nbalance_rule = false\n"
        ),
    );
    let summary = json(
        &env,
        &[
            "summary",
            "--as-of",
            "2026-06-30",
            "--json",
            "--scheme",
            "school",
            "--scheme",
            "icf-pcc",
            "--scheme",
            "emcc-foundation",
        ],
    );
    let [school, pcc, emcc] = [0, 1, 2].map(|i| summary["schemes"][i].clone());
    // Ben B has not consented: schemes shown in the ICF log leave his 2 h out.
    assert_eq!(actual(&school, "hours"), 3.0);
    assert_eq!(school["balance_rule"], "pooled");
    assert_eq!(pcc["balance_rule"], "off", "the override turns it off");
    assert_eq!(actual(&pcc, "paid_hours"), 3.0, "all 3 h of Ann's exchange");
    assert_eq!(actual(&emcc, "hours"), 5.0, "EMCC names nobody in a log");
    assert_eq!(emcc["balance_rule"], "off");
}

#[test]
fn a_triad_observer_is_recorded_and_counted_only_by_a_scheme_that_asks() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--date", "2026-02-02"]);
    let before = json(&env, &["summary", "--json"]);
    // Two triads observed, 1 h each: in the listing, counted by no ICF, EMCC or AC scheme.
    let id = env.log(&["alex", "--date", "2026-02-09", "--role", "observer"]);
    env.log(&[
        "team",
        "--date",
        "2026-02-16",
        "--role",
        "observer",
        "--duration",
        "1h",
    ]);
    let after = json(&env, &["summary", "--json"]);
    assert_eq!(
        before["schemes"], after["schemes"],
        "no built-in scheme counts observing"
    );
    assert_eq!(after["coaching"]["hours"], 1.0);
    let mix = json(&env, &["mix", "--json"]);
    assert_eq!(mix["ledger"][0]["given_hours"], 1.0);
    assert_eq!(mix["ledger"][0]["received_hours"], 0.0);
    env.run(&["sessions"])
        .ok()
        .stdout_has(&["observer", "as coach", "observing"]);
    let csv = csv_rows(&env.run(&["export", "sessions"]).ok().stdout);
    let roles: Vec<(&str, &str)> = csv
        .iter()
        .map(|r| (r["role"].as_str(), r["icf_category"].as_str()))
        .collect();
    assert_eq!(
        roles,
        [
            ("coach", "paid"),
            ("observer", "observer-role"),
            ("observer", "observer-role")
        ]
    );
    // Observing rates no coaching and signs no receipt; it takes no not-counted mark.
    env.run(&["reflect", &id, "--scores", "9,9,9,9"])
        .code(2)
        .stderr_has(&["you observed"]);
    env.run(&[
        "log",
        "alex",
        "--role",
        "observer",
        "--not-counted",
        "in-class",
    ])
    .code(2)
    .stderr_has(&["a session as observer"]);
    env.run(&["keys", "init", "--signing"]).ok();
    env.run(&["receipt", &id, "--out", env.home().to_str().expect("utf-8")])
        .code(2)
        .stderr_has(&["you observed"]);
    // A school's scheme that asks for 3 h observed counts the 2 h.
    env.write(
        "config.toml",
        "[schemes.school]\nname = \"School diploma\"\nbody = \"School\"\n\
         counts_from = \"first_session\"\nhours = 1\nobserving_hours = 3\n",
    );
    let school = json(&env, &["summary", "--json", "--scheme", "school"]);
    let observing = &school["schemes"][0]["requirements"][1];
    assert_eq!(observing["id"], "observing_hours");
    assert_eq!(observing["actual"], 2.0);
    assert_eq!(observing["missing"], "1 h more");
    env.run(&["summary", "--scheme", "school"])
        .ok()
        .stdout_has(&["observing hours"]);
}
