//! `coachlog mix`.

use serde_json::Value;

use crate::env::TestEnv;

const AS_OF: &str = "2026-11-23";

#[test]
fn the_sample_is_on_target_with_a_ledger() {
    let env = TestEnv::with_sample();
    let out = env.run(&["mix", "--as-of", AS_OF, "--check"]).ok();
    out.stdout_has(&[
        "On target: 55% of coaching hours are with non-coach clients (target: at least 50%).",
    ]);
    let row: Vec<&str> = out.lines_with("non-coach ")[0].split_whitespace().collect();
    assert_eq!(row[..4], ["non-coach", "25.25", "55%", "15"]);
    let alex: Vec<&str> = out.lines_with("Alex Kim")[0].split_whitespace().collect();
    assert_eq!(alex, ["Alex", "Kim", "6.83", "5.00", "+1.83"]);
    assert!(
        out.lines_with("Mei Chen").is_empty(),
        "one-way partners have no ledger"
    );
}

#[test]
fn json_carries_the_mix_the_target_and_the_ledger() {
    let env = TestEnv::with_sample();
    let out = env.run(&["mix", "--as-of", AS_OF, "--json"]).ok();
    let json: Value = serde_json::from_str(&out.stdout).expect("json");
    for key in [
        "peer_hours",
        "non_coach_hours",
        "peer_clients",
        "non_coach_clients",
        "reciprocal_hours",
        "one_way_hours",
        "non_coach_share",
        "target",
        "ledger",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["non_coach_hours"], 25.25);
    assert_eq!(json["non_coach_share"], 0.5499);
    assert_eq!(json["target"], 0.5);
    let ledger = json["ledger"].as_array().expect("ledger");
    let ids: Vec<&str> = ledger
        .iter()
        .filter_map(|r| r["partner"].as_str())
        .collect();
    assert_eq!(ids, ["alex-kim", "grace-liu", "priya-nair", "tomasz-nowak"]);
    assert_eq!(
        (
            ledger[0]["given_hours"].as_f64(),
            ledger[0]["received_hours"].as_f64()
        ),
        (Some(6.83), Some(5.0))
    );
}

#[test]
fn below_target_it_says_how_much_is_missing_and_check_fails() {
    let env = TestEnv::with_sample();
    env.run(&["config", "set", "mix.min_non_coach_share", "60%"])
        .ok();
    // (0.6 × 2755 − 1515) / 0.4 = 345 minutes.
    let out = env.run(&["mix", "--as-of", AS_OF]).ok();
    out.stdout_has(&[
        "Below target: 55%",
        "Log 5.75 h with non-coach clients to reach 60%.",
    ]);
    let out = env.run(&["mix", "--as-of", AS_OF, "--check"]).code(1);
    assert_eq!(out.stderr, "", "the report says it all");
    out.stdout_has(&["Below target"]);
    let json: Value =
        serde_json::from_str(&env.run(&["mix", "--as-of", AS_OF, "--json"]).ok().stdout)
            .expect("json");
    assert_eq!(json["needed_non_coach_hours"], 5.75);
    assert_eq!(json["meets_target"], false);
}

#[test]
fn peers_only_is_below_target() {
    let env = TestEnv::with_partners();
    env.log(&["alex", "--duration", "10h", "--date", "2026-01-01"]);
    env.run(&["partner", "add", "Jo", "--client-type", "non-coach"])
        .ok();
    env.log(&["jo", "--duration", "3h30m", "--date", "2026-01-02"]);
    let out = env.run(&["mix", "--as-of", "2026-01-31"]).ok();
    // (0.5 × 13.5 − 3.5) / 0.5 = 6.5 h.
    out.stdout_has(&["Log 6.5 h with non-coach clients to reach 50%."]);
}

#[test]
fn the_give_and_take_counts_what_happened_and_check_names_a_contradicted_arrangement() {
    let env = TestEnv::new();
    env.run(&[
        "partner",
        "add",
        "Jo Park",
        "--client-type",
        "peer",
        "--arrangement",
        "one-way",
    ])
    .ok();
    // Set up as one-way, Jo coached me too: 15.33 h given, 6.25 h received.
    for (date, duration) in [("2026-11-02", "8h"), ("2026-11-09", "7h20m")] {
        env.log(&["jo", duration, "--date", date]);
    }
    env.log(&["jo", "6h15m", "--date", "2026-11-03", "--role", "client"]);
    let out = env.run(&["mix", "--as-of", AS_OF]).ok();
    let jo: Vec<&str> = out.lines_with("Jo Park")[0].split_whitespace().collect();
    assert_eq!(jo, ["Jo", "Park", "15.33", "6.25", "+9.08"]);
    let due = env.run(&["due"]).ok();
    assert!(!due.stdout.contains("you owe"), "{}", due.stdout);
    due.stdout_has(&["Jo Park owes you 9.08 h of coaching"]);
    env.run(&["check"]).ok().stdout_has(&[
        "arrangement = \"one-way\", but jo-park coached you in 1 session",
        "`coachlog partner edit jo-park --arrangement reciprocal`",
    ]);
}
