//! `coachlog summary`, on the sample logbook (figures checked by hand against DOMAIN.md: see the
//! comments) and on small logbooks made for the purpose.

use serde_json::Value;

use crate::env::{TestEnv, sample_logbook};

const AS_OF: &str = "2026-11-23";

fn sample_json(extra: &[&str]) -> Value {
    let env = TestEnv::new();
    let sample = sample_logbook();
    let mut args = vec![
        "--data-dir",
        sample.to_str().expect("utf-8"),
        "summary",
        "--json",
    ];
    if !extra.contains(&"--as-of") {
        args.extend(["--as-of", AS_OF]);
    }
    args.extend_from_slice(extra);
    let out = env.run(&args).ok();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

fn requirement<'a>(scheme: &'a Value, id: &str) -> &'a Value {
    scheme["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {scheme}"))
}

#[test]
fn json_has_the_documented_shape() {
    let json = sample_json(&[]);
    for key in ["as_of", "coaching", "mix", "schemes"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    for key in [
        "sessions",
        "minutes",
        "hours",
        "paid_hours",
        "pro_bono_hours",
        "clients",
    ] {
        assert!(keys(&json["coaching"]).contains(&key), "coaching.{key}");
    }
    for key in [
        "peer_hours",
        "non_coach_hours",
        "peer_clients",
        "non_coach_clients",
        "reciprocal_hours",
        "one_way_hours",
    ] {
        assert!(keys(&json["mix"]).contains(&key), "mix.{key}");
    }
    let ids: Vec<&str> = json["schemes"]
        .as_array()
        .expect("schemes")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "icf-acc",
            "icf-pcc",
            "icf-mcc",
            "icf-actc",
            "emcc-foundation",
            "emcc-practitioner",
            "emcc-senior-practitioner",
            "emcc-master-practitioner",
            "ac-foundation",
            "ac-coach",
            "ac-professional",
            "ac-master"
        ],
        "every built-in scheme without --scheme"
    );
    for scheme in json["schemes"].as_array().expect("schemes") {
        for key in ["id", "name", "met", "requirements"] {
            assert!(scheme.get(key).is_some(), "{key} in {scheme}");
        }
        for r in scheme["requirements"].as_array().expect("requirements") {
            for key in ["id", "required", "actual", "met"] {
                assert!(r.get(key).is_some(), "{key} in {r}");
            }
            assert!(
                r["required"].is_f64() && r["actual"].is_f64(),
                "numbers are floats: {r}"
            );
        }
    }
}

#[test]
fn coaching_and_mix_figures_of_the_sample() {
    let json = sample_json(&[]);
    assert_eq!(json["as_of"], AS_OF);
    let c = &json["coaching"];
    // 48 coaching sessions, 2755 minutes = 45.92 h; 2170 paid or exchange, 585 pro bono.
    assert_eq!(c["sessions"], 48);
    assert_eq!(c["minutes"], 2755);
    assert_eq!(c["hours"], 45.92);
    assert_eq!(c["paid_hours"], 36.17);
    assert_eq!(c["pro_bono_hours"], 9.75);
    // 10 individuals and two groups of 6 and 4.
    assert_eq!(c["clients"], 20);
    let m = &json["mix"];
    assert_eq!(
        (m["peer_hours"].as_f64(), m["non_coach_hours"].as_f64()),
        (Some(20.67), Some(25.25))
    );
    assert_eq!(
        (m["peer_clients"].as_u64(), m["non_coach_clients"].as_u64()),
        (Some(5), Some(15))
    );
    assert_eq!(
        (m["reciprocal_hours"].as_f64(), m["one_way_hours"].as_f64()),
        (Some(18.17), Some(27.75))
    );
}

#[test]
fn scheme_figures_of_the_sample() {
    let json = sample_json(&[
        "--scheme",
        "icf-acc",
        "--scheme",
        "icf-mcc",
        "--scheme",
        "emcc-foundation",
        "--scheme",
        "ac-foundation",
    ]);
    let schemes = json["schemes"].as_array().expect("schemes");
    assert_eq!(schemes.len(), 4, "only the schemes asked for");
    let acc = &schemes[0];
    assert_eq!(
        (
            acc["id"].as_str(),
            acc["name"].as_str(),
            acc["met"].as_bool()
        ),
        (Some("icf-acc"), Some("ICF ACC"), Some(false))
    );
    // From the start of training (2025-01-13): 2 sessions in December 2024 (1.33 h) are left out, and
    // so are Ben Okafor's 3 paid hours (2025-09 to 2026-01): he has not consented to be named, so the
    // ICF log cannot show them. 45.92 − 1.33 − 3.00 = 41.58 h.
    let hours = requirement(acc, "hours");
    assert_eq!(
        (
            hours["required"].as_f64(),
            hours["actual"].as_f64(),
            hours["met"].as_bool()
        ),
        (Some(100.0), Some(41.58), Some(false))
    );
    assert_eq!(hours["missing"], "58.42 h more, 42.67 paid");
    assert_eq!(requirement(acc, "paid_hours")["actual"], 32.33);
    assert_eq!(requirement(acc, "clients")["actual"], 19.0);
    assert_eq!(requirement(acc, "clients")["met"], true);
    // 18 months before 2026-11-23 is 2025-05-23.
    assert_eq!(requirement(acc, "recent_hours")["actual"], 36.67);
    assert_eq!(
        acc["recent_window"],
        serde_json::json!({"first_day": "2025-05-23", "last_day": "2026-11-23"})
    );
    assert_eq!(
        acc["unnamed_clients"],
        serde_json::json!({"clients": 1, "hours": 3.0, "counted": false})
    );
    assert_eq!(acc["balance_rule"], "off");
    assert_eq!(acc["counted_from"], "2025-01-13");
    let mcc = &schemes[1];
    let ids: Vec<&str> = mcc["requirements"]
        .as_array()
        .expect("r")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "hours",
            "paid_hours",
            "clients",
            "credential_held",
            "education_hours",
            "mentor_hours",
            "mentor_individual_hours",
            "mentor_months"
        ],
        "MCC has no recency rule"
    );
    // The rest of the application: a 64 h course, and mentor coaching in progress (4 × 1.5 h in
    // a group and 1 h one-to-one since 2026-09-08).
    assert_eq!(requirement(acc, "education_hours")["actual"], 64.0);
    assert_eq!(requirement(acc, "education_hours")["met"], true);
    assert_eq!(requirement(acc, "mentor_hours")["actual"], 7.0);
    assert_eq!(
        requirement(acc, "mentor_hours")["missing"],
        "3 h more, 2 one-to-one"
    );
    assert_eq!(requirement(acc, "mentor_individual_hours")["actual"], 1.0);
    assert_eq!(
        requirement(acc, "mentor_months")["missing"],
        "a session from 2026-12-08"
    );
    assert_eq!(acc["mentoring"]["group_hours"], 6.0);
    let emcc = &schemes[2];
    // EMCC counts every coaching session: 45.92 h; first practice 2024-12-08, 715 days = 1.95 years.
    assert_eq!(requirement(emcc, "hours")["actual"], 45.92);
    assert_eq!(requirement(emcc, "hours")["missing"], "4.08 h more");
    assert_eq!(requirement(emcc, "years")["actual"], 1.95);
    assert_eq!(requirement(emcc, "years")["met"], true);
    assert_eq!(requirement(emcc, "clients")["actual"], 20.0);
    // Nine reflections in the last 12 months, and three answers from clients who let them be
    // shown (a fourth client said no; the scores the coach typed as the client's do not count);
    // supervision in every quarter of 2026; 9 CPD units of 16.
    assert_eq!(requirement(emcc, "feedback")["actual"], 3.0);
    assert_eq!(requirement(emcc, "reflections")["actual"], 9.0);
    assert_eq!(requirement(emcc, "supervision_quarters")["met"], true);
    assert_eq!(requirement(emcc, "cpd_hours")["actual"], 9.0);
    assert_eq!(requirement(emcc, "cpd_hours")["missing"], "7 h more");
    let ac = &schemes[3];
    assert_eq!(requirement(ac, "hours")["required"], 75.0);
}

#[test]
fn the_table_shows_the_lowest_level_not_met_per_body() {
    let env = TestEnv::new();
    let sample = sample_logbook();
    let out = env
        .run(&[
            "--data-dir",
            sample.to_str().expect("utf-8"),
            "summary",
            "--all",
            "--as-of",
            AS_OF,
        ])
        .ok();
    out.stdout_has(&[
        "Coaching up to 2026-11-23",
        "ICF ACC: not yet  (sessions from 2025-01-13, the start of training)",
        "EMCC Foundation: not yet",
        "AC Foundation: not yet",
        "Years count from 2024-12-08",
        "verify before applying",
    ]);
    assert!(!out.stdout.contains("ICF PCC"), "higher levels wait");
    let row: Vec<&str> = out.lines_with(" paid hours ")[0]
        .split_whitespace()
        .collect();
    assert_eq!(row[..4], ["paid", "hours", "75.00", "32.33"]);
    assert!(out.lines_with(" paid hours ")[0].ends_with("42.67 h more paid"));
    let clients: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with(" clients "))
        .collect();
    assert_eq!(
        clients.len(),
        2,
        "ICF ACC and EMCC Foundation count clients"
    );
    assert!(
        clients.iter().all(|l| l.trim_end().ends_with("met")),
        "{clients:?}"
    );
    let line = out.lines_with("hours, last 18 months")[0];
    assert!(
        line.contains("25.00") && line.contains("36.67") && line.contains('█'),
        "{line}"
    );
}

#[test]
fn the_as_of_date_limits_what_counts() {
    let json = sample_json(&["--as-of", "2025-06-30", "--scheme", "icf-acc"]);
    assert_eq!(json["as_of"], "2025-06-30");
    let coaching_minutes = json["coaching"]["minutes"].as_u64().expect("minutes");
    assert!(coaching_minutes < 2755 && coaching_minutes > 0);
    let later = sample_json(&["--scheme", "icf-acc"]);
    assert!(
        requirement(&json["schemes"][0], "hours")["actual"].as_f64()
            < requirement(&later["schemes"][0], "hours")["actual"].as_f64()
    );
}

#[test]
fn unknown_schemes_are_refused() {
    let env = TestEnv::with_sample();
    env.run(&["summary", "--scheme", "icf-xyz"]).usage_error(&[
        "no scheme 'icf-xyz'",
        "icf-acc",
        "emcc-foundation",
    ]);
}

#[test]
fn show_schemes_chooses_the_table() {
    let env = TestEnv::with_sample();
    env.run(&["config", "set", "show_schemes", "icf-pcc,emcc-practitioner"])
        .ok();
    let out = env.run(&["summary", "--as-of", AS_OF]).ok();
    out.stdout_has(&[
        "ICF PCC: not yet",
        "EMCC Practitioner: not yet",
        "6 more clients",
    ]);
    assert!(!out.stdout.contains("ICF ACC") && !out.stdout.contains("AC Foundation"));
}

#[test]
fn without_training_start_icf_says_so() {
    let env = TestEnv::with_sample();
    env.run(&["config", "unset", "training_start"]).ok();
    let out = env.run(&["summary", "--as-of", AS_OF]).ok();
    out.stdout_has(&[
        "training_start is not set",
        "coachlog config set training_start",
    ]);
    let json: Value = serde_json::from_str(
        &env.run(&["summary", "--as-of", AS_OF, "--json", "--scheme", "icf-acc"])
            .ok()
            .stdout,
    )
    .expect("json");
    // Counting from the first session: every coaching hour but Ben Okafor's 3 unnamed ones.
    assert_eq!(requirement(&json["schemes"][0], "hours")["actual"], 42.92);
    assert_eq!(json["schemes"][0]["training_start_set"], false);
}

#[test]
fn a_scheme_override_in_config_changes_the_verdict() {
    let env = TestEnv::with_sample();
    let config = env.read("config.toml");
    env.write(
        "config.toml",
        &format!("{config}\n[schemes.ac-foundation]\nhours = 40  # my school's figure\n"),
    );
    let json: Value = serde_json::from_str(
        &env.run(&[
            "summary",
            "--as-of",
            AS_OF,
            "--json",
            "--scheme",
            "ac-foundation",
        ])
        .ok()
        .stdout,
    )
    .expect("json");
    assert_eq!(json["schemes"][0]["met"], true);
    assert_eq!(requirement(&json["schemes"][0], "hours")["required"], 40.0);
    let out = env.run(&["summary", "--as-of", AS_OF]).ok();
    out.stdout_has(&["AC Coach: not yet"]);
}

#[test]
fn groups_over_the_limit_are_left_out_of_icf_with_a_note() {
    let env = TestEnv::new();
    env.run(&[
        "partner",
        "add",
        "Town Hall",
        "--client-type",
        "non-coach",
        "--group-size",
        "20",
        "--duration",
        "2h",
    ])
    .ok();
    env.run(&[
        "partner",
        "add",
        "Jo",
        "--client-type",
        "non-coach",
        "--duration",
        "1h",
    ])
    .ok();
    env.run(&["config", "set", "training_start", "2026-01-01"])
        .ok();
    env.log(&["town", "--date", "2026-03-01"]);
    env.log(&["jo", "--date", "2026-03-02", "--payment", "paid"]);
    let out = env
        .run(&[
            "summary",
            "--as-of",
            "2026-06-01",
            "--scheme",
            "icf-acc",
            "--scheme",
            "emcc-foundation",
        ])
        .ok();
    out.stdout_has(&["Not counted: 2.00 h with groups of more than 15 members."]);
    let json: Value = serde_json::from_str(
        &env.run(&["summary", "--as-of", "2026-06-01", "--json"])
            .ok()
            .stdout,
    )
    .expect("json");
    assert_eq!(requirement(&json["schemes"][0], "hours")["actual"], 1.0);
    assert_eq!(requirement(&json["schemes"][0], "clients")["actual"], 1.0);
    assert_eq!(json["schemes"][0]["left_out_group_hours"], 2.0);
    let scheme = |id: &str| {
        json["schemes"]
            .as_array()
            .expect("schemes")
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let emcc = scheme("emcc-foundation");
    assert_eq!(
        requirement(emcc, "hours")["actual"],
        3.0,
        "EMCC has no group limit"
    );
    assert_eq!(requirement(emcc, "clients")["actual"], 21.0);
    // ICF ACTC counts the group of 20 as a team engagement: it has no group limit.
    assert_eq!(
        requirement(scheme("icf-actc"), "engagements_given")["actual"],
        1.0
    );
    assert_eq!(json["coaching"]["clients"], 21);
}

#[test]
fn an_empty_logbook_has_a_summary_too() {
    let env = TestEnv::new();
    let out = env.run_as_new_user(&["summary"]).ok();
    out.stdout_has(&["0 sessions, 0.00 h", "ICF ACC: not yet", "100 h more"]);
    let json: Value =
        serde_json::from_str(&env.run_as_new_user(&["summary", "--json"]).ok().stdout)
            .expect("json");
    assert_eq!(json["coaching"]["hours"], 0.0);
    assert!(
        !env.home().join(".local/share/coachlog").exists(),
        "reading creates nothing"
    );
    // A COACHLOG_DIR that does not exist is a typo, as a --data-dir is: an error naming it.
    env.run(&["summary"]).code(1).stderr_has(&[
        "there is no logbook at",
        "(from the COACHLOG_DIR environment variable)",
        "does not exist",
    ]);
}

#[test]
fn the_balance_rule_counts_unreturned_exchange_as_pro_bono() {
    let env = TestEnv::with_sample();
    env.run(&["config", "set", "icf.exchange_balance_rule", "per-partner"])
        .ok();
    let json: Value = serde_json::from_str(
        &env.run(&["summary", "--as-of", AS_OF, "--json", "--scheme", "icf-acc"])
            .ok()
            .stdout,
    )
    .expect("json");
    // Paid 750 min (Ben Okafor's 180 are not counted: no consent); exchange per partner capped at what
    // they gave back that counts itself (alex's hour on 2024-12-09 was before training started):
    // alex 360→240, grace 240→120, priya 260→135, tomasz 180→60, mei 150→0 (one-way): 555 min
    // paid, 635 min pro bono. 750 + 555 = 1305 min = 21.75 h.
    assert_eq!(
        requirement(&json["schemes"][0], "paid_hours")["actual"],
        21.75
    );
    assert_eq!(json["schemes"][0]["balance_rule"], "per-partner");
    assert_eq!(
        json["schemes"][0]["exchange_counted_as_pro_bono_hours"],
        10.58
    );
    assert_eq!(
        requirement(&json["schemes"][0], "hours")["actual"],
        41.58,
        "hours are hours either way"
    );
    let out = env.run(&["summary", "--all", "--as-of", AS_OF]).ok();
    out.stdout_has(&["Balance rule (per-partner): 10.58 h of exchange counted as pro bono"]);
}

#[test]
fn a_plan_needs_a_known_target_a_later_day_and_four_weeks_of_history() {
    let env = TestEnv::with_partners();
    let refused = env.run(&["summary", "--by", "2027-06-30"]).code(2);
    assert!(refused.stderr.contains("--target"), "{}", refused.stderr);
    let refused = env.run(&["summary", "--target", "icf-xyz"]).code(2);
    assert!(refused.stderr.contains("icf-xyz"), "{}", refused.stderr);
    let refused = env
        .run(&[
            "summary",
            "--target",
            "icf-acc",
            "--as-of",
            "2026-11-23",
            "--by",
            "2026-11-23",
        ])
        .code(2);
    assert!(
        refused
            .stderr
            .contains("--by 2026-11-23 is not after the as-of date 2026-11-23"),
        "{}",
        refused.stderr
    );
    // Three weeks of practice: the pace needed, but no projection.
    for day in ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"] {
        env.log(&["alex", "--date", day]);
    }
    let out = env
        .run(&[
            "summary",
            "--target",
            "icf-acc",
            "--as-of",
            "2026-11-23",
            "--by",
            "2027-11-23",
        ])
        .ok();
    assert!(
        out.stdout.contains(
            "Not enough history to project: 21 days of practice, and a projection needs at least 4 weeks."
        ),
        "{}",
        out.stdout
    );
    let plan: serde_json::Value = serde_json::from_str(
        &env.run(&[
            "summary",
            "--target",
            "icf-acc",
            "--as-of",
            "2026-11-23",
            "--by",
            "2027-11-23",
            "--json",
        ])
        .ok()
        .stdout,
    )
    .expect("json");
    assert_eq!(plan["projected"], false);
    let hours = &plan["steps"][0];
    assert_eq!(hours["id"], "hours");
    assert_eq!(hours["met_on"], serde_json::Value::Null);
    assert!(hours["needed_per_week"].as_f64().expect("pace") > 1.8);
}

/// The first answer fits one 80×24 terminal: the command line, then every line of it, then the
/// prompt. It shows the scheme worked towards in full, names every hour it leaves out with why,
/// and gives each other body's next level a line.
#[cfg(target_os = "linux")]
#[test]
fn the_first_screen_fits_80_by_24_and_names_every_hour_left_out() {
    let env = TestEnv::with_sample();
    let screen = env.screen_at(80, "summary");
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines.len() <= 22,
        "{} lines at 80 columns:\n{screen}",
        lines.len()
    );
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{screen}");
    for needle in [
        "Coaching up to 2026-11-23: 48 sessions, 45.92 h",
        "ICF ACC: not yet",
        " paid hours ",
        " mentor coaching months ",
        "Left out: 1.33 h before the start of training; 3.00 h with 1 client not",
        "`coachlog partner edit ben-okafor --consent`",
        "EMCC Foundation: not yet (hours 4.08 h more;",
        "AC Foundation: not yet (hours 29.08 h more)",
        "`coachlog summary --all`",
    ] {
        assert!(screen.contains(needle), "{needle:?} not in:\n{screen}");
    }
    // 45.92 − 1.33 − 3.00 = 41.59: the ICF hours, within the hundredth each figure is rounded to.
    let hours = lines
        .iter()
        .find(|l| l.starts_with(" hours "))
        .expect("the hours row");
    assert!(hours.contains("41.58"), "{hours}");
    // At 60 columns the same answer wraps, and every line still fits.
    let narrow = env.screen_at(60, "summary");
    assert!(narrow.lines().all(|l| l.chars().count() <= 60), "{narrow}");
}
