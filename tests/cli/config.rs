//! `coachlog config show|set|unset`.

use serde_json::Value;

use crate::env::TestEnv;

#[test]
fn set_show_and_unset_every_key() {
    let env = TestEnv::new();
    for (key, value) in [
        ("training_start", "2025-01-13"),
        ("first_practice", "2024-11-01"),
        ("show_schemes", "icf-acc,emcc-foundation"),
        ("mix.min_non_coach_share", "0.6"),
        ("icf.exchange_balance_rule", "pooled"),
        ("icf.count_unnamed_clients", "true"),
    ] {
        env.run(&["config", "set", key, value])
            .ok()
            .stdout_has(&[&format!("{key} = {value}"), "config.toml"]);
    }
    let text = env.read("config.toml");
    assert!(text.contains("training_start = 2025-01-13\n"), "{text}");
    assert!(
        text.contains("[mix]\nmin_non_coach_share = 0.6\n"),
        "{text}"
    );
    assert!(
        text.contains("[icf]\nexchange_balance_rule = \"pooled\"\ncount_unnamed_clients = true\n"),
        "{text}"
    );
    let json: Value =
        serde_json::from_str(&env.run(&["config", "show", "--json"]).ok().stdout).expect("json");
    assert_eq!(json["training_start"], "2025-01-13");
    assert_eq!(json["first_practice"], "2024-11-01");
    assert_eq!(
        json["show_schemes"],
        serde_json::json!(["icf-acc", "emcc-foundation"])
    );
    assert_eq!(json["mix"]["min_non_coach_share"], 0.6);
    assert_eq!(json["icf"]["exchange_balance_rule"], "pooled");
    assert_eq!(json["icf"]["count_unnamed_clients"], true);
    assert_eq!(json["schemes"].as_array().map(Vec::len), Some(12));
    assert_eq!(json["schemes"][0]["group_limit"], 15);
    let out = env.run(&["config", "show"]).ok();
    out.stdout_has(&[
        "training_start             2025-01-13",
        "icf.exchange_balance_rule  pooled",
        "icf.count_unnamed_clients  true",
        "ICF ACC",
    ]);
    env.run(&["config", "unset", "mix.min_non_coach_share"])
        .ok()
        .stdout_has(&["removed"]);
    let json: Value =
        serde_json::from_str(&env.run(&["config", "show", "--json"]).ok().stdout).expect("json");
    assert_eq!(json["mix"]["min_non_coach_share"], 0.5, "the default again");
}

#[test]
fn bad_keys_and_values_are_refused_and_the_file_untouched() {
    let env = TestEnv::new();
    env.run(&["config", "set", "training_start", "2025-01-13"])
        .ok();
    let before = env.tree();
    env.run(&["config", "set", "trainingstart", "2025-01-13"])
        .usage_error(&["'trainingstart'", "training_start"]);
    env.run(&["config", "set", "training_start", "2025-02-30"])
        .usage_error(&["training_start: '2025-02-30'", "February 2025 has 28 days"]);
    env.run(&["config", "set", "mix.min_non_coach_share", "1.5"])
        .usage_error(&["not a share"]);
    env.run(&["config", "set", "mix.min_non_coach_share", "lots"])
        .usage_error(&["'lots' is not a share"]);
    env.run(&["config", "set", "show_schemes", "icf-acc,icf-zzz"])
        .usage_error(&["no scheme 'icf-zzz'"]);
    env.run(&["config", "set", "icf.exchange_balance_rule", "maybe"])
        .usage_error(&["'maybe' is not one of off, pooled, per-partner"]);
    env.run(&["config", "set", "icf.exchange_balance_rule", "true"])
        .usage_error(&[
            "'true' is not one of off, pooled, per-partner",
            "pooled: up to",
        ]);
    env.run(&["config", "set", "icf.count_unnamed_clients", "maybe"])
        .usage_error(&["'maybe' is not yes or no (true and false"]);
    assert_eq!(env.tree(), before);
}

#[test]
fn an_earlier_true_balance_rule_reads_as_per_partner_with_a_warning() {
    let env = TestEnv::with_sample();
    let config = env.read("config.toml");
    env.write(
        "config.toml",
        &format!("{config}\n[icf]\nexchange_balance_rule = true\n"),
    );
    let out = env.run(&["summary", "--all", "--as-of", "2026-11-23"]).ok();
    out.stderr_has(&[
        "warning: icf.exchange_balance_rule = true is read as \"per-partner\"",
        "\"off\", \"pooled\"",
        "coachlog config set icf.exchange_balance_rule pooled",
    ]);
    out.stdout_has(&["Balance rule (per-partner)"]);
    let json: Value =
        serde_json::from_str(&env.run(&["config", "show", "--json"]).ok().stdout).expect("json");
    assert_eq!(json["icf"]["exchange_balance_rule"], "per-partner");
    assert_eq!(
        env.read("config.toml"),
        format!("{config}\n[icf]\nexchange_balance_rule = true\n"),
        "the file is not rewritten behind the user's back"
    );
}

#[test]
fn a_refused_value_creates_no_logbook() {
    let env = TestEnv::new();
    env.run(&["config", "set", "training_start", "soon"])
        .usage_error(&["'soon' is not a date"]);
    assert!(!env.data().exists());
}

#[test]
fn a_hand_edited_config_keeps_its_comments_and_errors_name_the_line() {
    let env = TestEnv::new();
    env.write(
        "config.toml",
        "# my accreditation plan\ntraining_start = 2025-01-13 # course start\n",
    );
    env.run(&["config", "set", "first_practice", "2024-12-01"])
        .ok();
    let text = env.read("config.toml");
    assert!(
        text.starts_with("# my accreditation plan\ntraining_start = 2025-01-13 # course start\n"),
        "{text}"
    );
    env.write(
        "config.toml",
        "training_start = 2025-01-13\n[mix]\nmin_non_coach_share = 2\n",
    );
    env.run(&["summary"])
        .code(1)
        .stderr_has(&["config.toml", "line 3", "not a share"]);
}
