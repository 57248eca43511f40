//! Every figure says which rule judged it: the body's source with its dates, or the user's own
//! figure with their note, in `summary --json`, `rules show` and the packet's summary.

use crate::env::{TestEnv, json};

#[test]
fn a_figure_you_set_is_shown_as_yours_with_your_note_everywhere() {
    let env = TestEnv::with_sample();
    let config = env.read("config.toml")
        + "\n[schemes.icf-acc]\ngroup_limit = 25\nwhy.group_limit = \"our school counts groups of up to 25\"\n";
    env.write("config.toml", &config);
    let summary = json(&env, &["summary", "--json", "--scheme", "icf-acc"]);
    let acc = &summary["schemes"][0];
    assert_eq!(
        acc["overrides"],
        serde_json::json!({"group_limit": "our school counts groups of up to 25"})
    );
    let hours = &acc["requirements"][0];
    assert_eq!(hours["id"], "hours");
    assert_eq!(
        hours["rule"],
        serde_json::json!({"by": "you", "note": "our school counts groups of up to 25"}),
        "the group limit decides the hours"
    );
    let clients = &acc["requirements"][2];
    assert_eq!(clients["rule"]["by"], "body");
    assert_eq!(clients["rule"]["title"], "ICF experience requirements");
    assert_eq!(clients["rule"]["effective"], "2022-08-01");
    let shown = env.run(&["rules", "show", "icf-acc"]).ok().stdout;
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "group_limit = 25")
        .unwrap_or_else(|| panic!("the group limit: {shown}"));
    assert_eq!(
        lines[at + 1].trim(),
        "yours: our school counts groups of up to 25"
    );
    let first = env.run(&["summary"]).ok().stdout;
    assert!(
        first.contains("Judged with your own figures: group_limit 25: yours (our school counts"),
        "{first}"
    );
    // The statement a mentor signs names the rules its figures were judged by.
    env.command(&["attest", "--period", "2026-Q3", "--by", "Dana Reyes"])
        .current_dir(env.home())
        .run()
        .ok();
    let html = std::fs::read_to_string(env.home().join("attestation-2026-07-01-2026-09-30.html"))
        .expect("the statement");
    assert!(
        html.contains(
            "ICF ACC judged by: ICF experience requirements, effective 2022-08-01, checked \
             2026-11-20; group_limit 25: yours (our school counts groups of up to 25)."
        ),
        "{html:.3000}"
    );
    // The packet's summary says the same.
    let zip = env.home().join("acc.zip");
    env.run(&[
        "packet",
        "icf-acc",
        "--output",
        zip.to_str().expect("utf-8"),
    ])
    .ok();
    let bytes = std::fs::read(&zip).expect("packet");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let packet: serde_json::Value =
        serde_json::from_reader(archive.by_name("summary.json").expect("summary")).expect("json");
    assert_eq!(packet["schemes"][0]["overrides"], acc["overrides"]);
    let unknown = env.run(&["rules", "show", "icf-xyz"]).code(2);
    assert!(
        unknown.stderr.contains("there is no scheme 'icf-xyz'"),
        "{}",
        unknown.stderr
    );
    // A note for a figure that does not exist is refused, naming it.
    env.write(
        "config.toml",
        &(env.read("config.toml") + "why.grup_limit = \"typo\"\n"),
    );
    let refused = env.run(&["summary"]).code(1);
    assert!(refused.stderr.contains("grup_limit"), "{}", refused.stderr);
}

#[test]
fn rules_diff_lists_exactly_the_figures_and_verdicts_that_would_change_and_writes_nothing() {
    let env = TestEnv::with_sample();
    env.run(&[
        "partner",
        "add",
        "Leaders Circle",
        "--client-type",
        "non-coach",
        "--group-size",
        "20",
        "--payment",
        "paid",
    ])
    .ok();
    env.log(&["leaders", "2h", "--date", "2026-11-10"]);
    // Beside the logbook, so that the golden names it as $DATA/proposal.toml.
    env.write(
        "proposal.toml",
        "[schemes.icf-acc]\ngroup_limit = 25\npaid_hours = 30\nwhy.paid_hours = \"a proposal\"\n",
    );
    let proposal = env.data().join("proposal.toml");
    let before = env.tree();
    let changes = json(
        &env,
        &["rules", "diff", proposal.to_str().expect("utf-8"), "--json"],
    );
    assert_eq!(env.tree(), before, "nothing is written");
    let changes = changes.as_array().expect("changes");
    assert_eq!(changes.len(), 1, "only ICF ACC: {changes:?}");
    let acc = &changes[0];
    assert_eq!(acc["id"], "icf-acc");
    assert_eq!(
        acc["figures"],
        serde_json::json!([
            {"figure": "group_limit", "before": 15, "after": 25},
            {"figure": "paid_hours", "before": 75.0, "after": 30.0},
        ])
    );
    let ids: Vec<&str> = acc["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    // The group of 20 counts under a limit of 25: hours, paid hours, clients and recent hours
    // grow by it; nothing else moves.
    assert_eq!(ids, ["hours", "paid_hours", "clients", "recent_hours"]);
    let paid = &acc["requirements"][1];
    assert_eq!(paid["before"]["met"], false);
    assert_eq!(paid["after"]["met"], true);
    let hours = &acc["requirements"][0];
    let grew = hours["after"]["actual"].as_f64().expect("after")
        - hours["before"]["actual"].as_f64().expect("before");
    assert!((grew - 2.0).abs() < 0.01, "{hours}");
    env.assert_prints(
        &["rules", "diff", proposal.to_str().expect("utf-8")],
        "rules-diff.txt",
    );
    // A file that is neither kind is refused, naming what it should hold.
    std::fs::write(&proposal, "hours = 5\n").expect("write");
    let refused = env
        .run(&["rules", "diff", proposal.to_str().expect("utf-8")])
        .code(2);
    assert!(
        refused.stderr.contains("neither [[scheme]] tables"),
        "{}",
        refused.stderr
    );
}

#[test]
fn emcc_renews_every_five_years_and_ac_every_three_with_cpd_and_supervision_months_judged() {
    let env = TestEnv::new();
    // EMCC: five years from the award; AC: three.
    for (scheme, expires) in [
        ("emcc-practitioner", "2031-05-01"),
        ("ac-coach", "2029-05-01"),
    ] {
        let out = env
            .run(&["credential", "add", scheme, "--granted", "2026-05-01"])
            .ok()
            .stdout;
        assert!(out.contains(expires), "{scheme}: {out}");
    }
    // AC Coach asks for 30 h of CPD over its cycle: 12 h so far, counted by hand.
    for (title, day, hours) in [
        ("Supervision skills", "2026-06-10", "8"),
        ("Ethics day", "2026-09-02", "4"),
    ] {
        env.run(&[
            "cpd",
            "log",
            title,
            "--provider",
            "AC",
            "--units",
            hours,
            "--category",
            "resource-development",
            "--date",
            day,
        ])
        .ok();
    }
    let renewal = json(&env, &["summary", "--renewal", "--json"]);
    let ac = renewal["credentials"]
        .as_array()
        .expect("credentials")
        .iter()
        .find(|c| c["scheme"] == "ac-coach")
        .expect("AC Coach");
    assert_eq!(ac["requirements"][0]["id"], "cce_units");
    assert_eq!(ac["requirements"][0]["required"], 30.0);
    assert_eq!(ac["requirements"][0]["actual"], 12.0);
    assert_eq!(ac["requirements"][0]["missing"], "18 h more CPD");
    // AC counts CPD in hours, not ICF's CCE units.
    let text = env.run(&["summary", "--renewal"]).ok();
    text.stdout_has(&["CPD hours", "Counted after 2026-05-01: 12.00 h of CPD."]);
    assert!(!text.stdout.contains("CCE units"), "{}", text.stdout);
    // Supervision from 2026-03-05 to 2026-07-20 spans 4 whole months: AC Foundation's 3 are met,
    // AC Coach's 6 are not, until 2026-09-05.
    for day in ["2026-03-05", "2026-05-14", "2026-07-20"] {
        env.run(&["supervision", "log", "Sam Ortiz", "1h", "--date", day])
            .ok();
    }
    let summary = json(
        &env,
        &[
            "summary",
            "--json",
            "--scheme",
            "ac-foundation",
            "--scheme",
            "ac-coach",
        ],
    );
    let months = |i: usize| {
        summary["schemes"][i]["requirements"]
            .as_array()
            .expect("requirements")
            .iter()
            .find(|r| r["id"] == "supervision_months")
            .cloned()
            .expect("supervision months")
    };
    assert_eq!(months(0)["actual"], 4.0);
    assert_eq!(months(0)["met"], true);
    assert_eq!(months(1)["required"], 6.0);
    assert_eq!(months(1)["met"], false);
    assert_eq!(months(1)["missing"], "a session from 2026-09-05");
}

#[test]
fn an_icf_credential_renewed_late_runs_from_its_last_expiry_and_due_shows_the_window() {
    let env = TestEnv::new();
    env.run(&["credential", "add", "icf-acc", "--granted", "2023-03-01"])
        .ok();
    // Expired on 2026-03-01: two months of grace, then ten late; today is 2026-11-23.
    let renewal = env.run(&["summary", "--renewal"]).ok().stdout;
    assert!(
        renewal.contains(
            "expired on 2026-03-01 (267 days ago); renew late (with a fee) by 2027-03-01"
        ),
        "{renewal}"
    );
    let due = env.run(&["due"]).ok().stdout;
    assert!(
        due.contains("ICF ACC expired on 2026-03-01: renew late (with a fee) by 2027-03-01"),
        "{due}"
    );
    let as_json = json(&env, &["summary", "--renewal", "--json"]);
    assert_eq!(as_json["credentials"][0]["window"], "late");
    assert_eq!(as_json["credentials"][0]["renew_by"], "2027-03-01");
    // Renewed late: three years from the last expiry, not from the day it was renewed.
    let added = env
        .run(&["credential", "add", "icf-acc", "--granted", "2026-11-20"])
        .ok()
        .stdout;
    assert!(added.contains("expiring on 2029-03-01"), "{added}");
    let due = env.run(&["due"]).ok().stdout;
    assert!(
        !due.contains("2026-03-01"),
        "the renewed one is not due: {due}"
    );
    let renewal = env.run(&["summary", "--renewal"]).ok().stdout;
    assert!(
        renewal.contains("expired on 2026-03-01, renewed"),
        "{renewal}"
    );
}

#[test]
fn an_mcc_application_needs_a_pcc_held_now_or_before() {
    let env = TestEnv::with_partners();
    let held = |env: &TestEnv| {
        let summary = json(env, &["summary", "--json", "--scheme", "icf-mcc"]);
        summary["schemes"][0]["requirements"]
            .as_array()
            .expect("requirements")
            .iter()
            .find(|r| r["id"] == "credential_held")
            .cloned()
            .expect("the PCC requirement")
    };
    let before = held(&env);
    assert_eq!(before["met"], false);
    assert_eq!(
        before["missing"],
        "hold icf-pcc first (`coachlog credential add icf-pcc --granted DATE`)"
    );
    assert_eq!(
        before["rule"]["title"],
        "ICF MCC: a PCC held now or before (secondary sources)"
    );
    // A PCC held before, even expired since, will do.
    env.run(&["credential", "add", "icf-pcc", "--granted", "2019-04-01"])
        .ok();
    assert_eq!(held(&env)["met"], true);
}

#[test]
fn a_scheme_of_your_own_counts_engagements_given_and_received_by_hand() {
    let env = TestEnv::with_partners();
    env.write(
        "config.toml",
        "[schemes.dcg]\nname = \"DCG coach\"\nbody = \"DCG\"\ncounts_from = \"first_session\"\n\
         engagements_given = 2\nengagements_received = 1\nengagement_sessions = 3\n",
    );
    // Given: the team 3 sessions (an engagement), Alex Kim 2 (begun). Received: Alex Kim 3.
    for day in ["2026-02-02", "2026-02-09", "2026-02-16"] {
        env.log(&["team", "--date", day, "--duration", "1h"]);
        env.log(&["alex", "--date", day, "--role", "client"]);
    }
    for day in ["2026-03-02", "2026-03-09"] {
        env.log(&["alex", "--date", day]);
    }
    let out = env.run(&["summary", "--scheme", "dcg"]).ok();
    out.stdout_has(&[
        "DCG coach: not yet",
        "engagements given",
        "1 more engagement of at least 3 sessions (begun: 2 of 3 sessions)",
        "engagements received",
    ]);
    let summary = json(&env, &["summary", "--json", "--scheme", "dcg"]);
    let dcg = &summary["schemes"][0];
    assert_eq!(dcg["requirements"][0]["id"], "engagements_given");
    assert_eq!(dcg["requirements"][0]["actual"], 1.0);
    assert_eq!(dcg["requirements"][0]["rule"]["by"], "you");
    assert_eq!(dcg["requirements"][1]["id"], "engagements_received");
    assert_eq!(dcg["requirements"][1]["met"], true);
    assert_eq!(
        dcg["engagements"]["given"],
        serde_json::json!([
            {"sessions": 3, "hours": 3.0, "first_day": "2026-02-02", "last_day": "2026-02-16", "complete": true},
            {"sessions": 2, "hours": 2.0, "first_day": "2026-03-02", "last_day": "2026-03-09", "complete": false},
        ])
    );
    assert!(
        !summary.to_string().contains("team-leads"),
        "no partner named"
    );
    // The third session with Alex completes the second engagement.
    env.log(&["alex", "--date", "2026-03-16"]);
    let summary = json(&env, &["summary", "--json", "--scheme", "dcg"]);
    assert_eq!(summary["schemes"][0]["met"], true);
}

#[test]
fn a_scheme_of_your_own_counts_education_in_teaching_units_of_45_minutes() {
    let env = TestEnv::new();
    env.write(
        "config.toml",
        "[schemes.dcv]\nname = \"DCV coach\"\nbody = \"DCV\"\ncounts_from = \"first_session\"\n\
         education_units = 150\nunit_minutes = 45\n",
    );
    // 100 units of 45 minutes done (75 h), and 40 h (53.33 units) still running.
    env.run(&[
        "education",
        "add",
        "Systemisches Coaching",
        "--provider",
        "Akademie Nord",
        "--units",
        "100",
        "--start",
        "2025-03-01",
        "--end",
        "2025-11-29",
        "--accreditation",
        "none",
    ])
    .ok()
    .stdout_has(&["Added 75.00 h of education"]);
    env.run(&[
        "education",
        "add",
        "Supervision und Ethik",
        "--provider",
        "Akademie Nord",
        "--hours",
        "40",
        "--start",
        "2026-09-01",
        "--end",
        "2027-03-31",
        "--accreditation",
        "none",
    ])
    .ok();
    let summary = json(&env, &["summary", "--json", "--scheme", "dcv"]);
    let education = &summary["schemes"][0]["requirements"][0];
    assert_eq!(education["id"], "education_hours");
    assert_eq!(education["required"], 150.0);
    assert_eq!(education["actual"], 100.0);
    assert_eq!(
        education["missing"],
        "50 units more (53.33 in progress, counted once completed, by 2027-03-31)"
    );
    let text = env.run(&["summary", "--scheme", "dcv"]).ok().stdout;
    let row = text
        .lines()
        .find(|l| l.contains("education units of 45 min"))
        .unwrap_or_else(|| panic!("no units row in {text}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert!(cells.windows(2).any(|w| w == ["150", "100"]), "{row}");
    env.run(&["rules", "show", "dcv"])
        .ok()
        .stdout_has(&["education_units = 150", "unit_minutes = 45"]);
    // Hours and units at once, or units without their minutes, are refused with the form.
    let course = |extra: &[&str]| {
        let mut args = vec![
            "education",
            "add",
            "X",
            "--provider",
            "Y",
            "--start",
            "2026-01-01",
            "--accreditation",
            "none",
        ];
        args.extend_from_slice(extra);
        env.run(&args).code(2)
    };
    let both = course(&["--hours", "3", "--units", "4"]);
    assert!(both.stderr.contains("--units"), "{}", both.stderr);
    course(&["--hours", "3", "--unit-minutes", "30"])
        .stderr_has(&["--unit-minutes 30 goes with --units", "--units 150"]);
    assert_eq!(
        json(&env, &["education", "list", "--json"])
            .as_array()
            .map(Vec::len),
        Some(2),
        "nothing written"
    );
    env.write(
        "config.toml",
        "[schemes.dcv]\nname = \"DCV coach\"\nbody = \"DCV\"\neducation_units = 150\n",
    );
    let refused = env.run(&["summary"]).code(1);
    assert!(
        refused
            .stderr
            .contains("education_units needs unit_minutes"),
        "{}",
        refused.stderr
    );
}
