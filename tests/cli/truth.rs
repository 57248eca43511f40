//! One truth: every file a coach hands over shows the figure `summary` shows for the same scheme and
//! day. Each test builds a small logbook at the edge of a rule, with its figures worked out by hand
//! in the comments, and reads them back from every output that shows them.

use serde_json::Value;

use crate::env::{TestEnv, csv_rows};

fn json(env: &TestEnv, args: &[&str]) -> Value {
    let out = env.run(args).ok();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// `summary --json` for one scheme, as of a day.
fn scheme(env: &TestEnv, id: &str, as_of: &str) -> Value {
    json(
        env,
        &["summary", "--json", "--scheme", id, "--as-of", as_of],
    )["schemes"][0]
        .clone()
}

fn requirement(scheme: &Value, id: &str) -> Value {
    scheme["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {scheme}"))
        .clone()
}

fn actual(scheme: &Value, id: &str) -> f64 {
    requirement(scheme, id)["actual"]
        .as_f64()
        .expect("a figure")
}

fn add(env: &TestEnv, args: &[&str]) {
    let mut all = vec!["partner", "add"];
    all.extend_from_slice(args);
    env.run(&all).ok();
}

/// A logbook with `Sam Lee`, a one-way non-coach client of an hour, training from 2026-01-01.
fn with_sam() -> TestEnv {
    let env = TestEnv::new();
    add(
        &env,
        &["Sam Lee", "--client-type", "non-coach", "--duration", "1h"],
    );
    env.run(&["config", "set", "training_start", "2026-01-01"])
        .ok();
    env
}

/// The ICF log's Total row: paid and pro bono hours, in hundredths.
fn icf_total(csv: &str) -> (i64, i64) {
    let rows = csv_rows(csv);
    let total = rows.last().expect("a totals row");
    assert_eq!(total["Client Name"], "Total");
    (cents(&total["Paid hours"]), cents(&total["Pro-bono hours"]))
}

fn cents(cell: &str) -> i64 {
    (cell
        .parse::<f64>()
        .unwrap_or_else(|_| panic!("hours: {cell:?}"))
        * 100.0)
        .round() as i64
}

fn hours_cents(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

#[test]
fn a_session_after_the_as_of_day_is_in_no_export() {
    let env = with_sam();
    // Today is 2026-11-23: 1 h on 2026-11-20 counts; 2 h logged ahead for 2026-12-10 does not.
    env.log(&["sam", "--date", "2026-11-20"]);
    env.log(&["sam", "2h", "--date", "2026-12-10"]);
    let acc = scheme(&env, "icf-acc", "today");
    assert_eq!(actual(&acc, "hours"), 1.0);

    let out = env.run(&["export", "icf"]).ok();
    out.stderr_has(&["As of 2026-11-23", "--to chooses another day"]);
    let (paid, pro_bono) = icf_total(&out.stdout);
    assert_eq!(
        paid + pro_bono,
        100,
        "the ICF log's total is summary's 1.00 h"
    );
    let emcc = csv_rows(&env.run(&["export", "emcc"]).ok().stdout);
    assert_eq!(emcc.len(), 1);
    assert_eq!(
        (
            emcc[0]["sessions"].as_str(),
            emcc[0]["hours"].as_str(),
            emcc[0]["last_session"].as_str()
        ),
        ("1", "1.00", "2026-11-20")
    );
    let sessions = csv_rows(&env.run(&["export", "sessions"]).ok().stdout);
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    assert_eq!(sessions[0]["date"], "2026-11-20");
    // The stats and the report end on the as-of day too.
    let stats = json(&env, &["stats", "--json"]);
    let total: f64 = stats
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| p["hours"].as_f64().expect("hours"))
        .sum();
    assert_eq!(total, 1.0);

    // Judged as of 2026-12-31, the 2 h count everywhere: 3.00 h.
    let out = env.run(&["export", "icf", "--to", "2026-12-31"]).ok();
    let (paid, pro_bono) = icf_total(&out.stdout);
    assert_eq!(paid + pro_bono, 300);
    let same = env.run(&["export", "icf", "--as-of", "2026-12-31"]).ok();
    assert_eq!(same.stdout, out.stdout, "--as-of is --to");
    assert_eq!(actual(&scheme(&env, "icf-acc", "2026-12-31"), "hours"), 3.0);
}

#[test]
fn the_emcc_summary_counts_what_summary_counts_for_emcc() {
    let env = with_sam();
    // 1 h of coaching, and 30 min in class, 45 min by e-mail and 1.5 h of teaching, which no EMCC
    // level counts: 1.00 h in 1 session, on 2026-03-02 only.
    env.log(&["sam", "--date", "2026-03-02"]);
    env.log(&[
        "sam",
        "30m",
        "--date",
        "2026-03-03",
        "--not-counted",
        "in-class",
    ]);
    env.log(&[
        "sam",
        "45m",
        "--date",
        "2026-04-01",
        "--not-counted",
        "asynchronous",
    ]);
    env.log(&[
        "sam",
        "90m",
        "--date",
        "2026-05-01",
        "--not-counted",
        "teaching",
    ]);
    let emcc = scheme(&env, "emcc-foundation", "today");
    assert_eq!(actual(&emcc, "hours"), 1.0);
    assert_eq!(actual(&emcc, "clients"), 1.0);
    let rows = csv_rows(&env.run(&["export", "emcc"]).ok().stdout);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        [
            &row["sessions"],
            &row["hours"],
            &row["first_session"],
            &row["last_session"]
        ],
        ["1", "1.00", "2026-03-02", "2026-03-02"]
    );
}

#[test]
fn feedback_and_reflections_count_only_on_sessions_emcc_counts() {
    let env = with_sam();
    // A client's answer on an in-class session is no EMCC feedback; on a real session it is.
    let rate = ["--scores", "9,9,9,9", "--rated-by", "client"];
    let mut args = vec!["sam", "--date", "2026-03-03", "--not-counted", "in-class"];
    args.extend(rate);
    let in_class = env.log(&args);
    answer(&env, &in_class, "yes");
    let emcc = scheme(&env, "emcc-foundation", "today");
    assert_eq!(
        (actual(&emcc, "feedback"), actual(&emcc, "reflections")),
        (0.0, 0.0)
    );
    let mut args = vec!["sam", "--date", "2026-03-10"];
    args.extend(rate);
    let real = env.log(&args);
    // The scores the coach typed as the client's are a reflection, not the client's word.
    let emcc = scheme(&env, "emcc-foundation", "today");
    assert_eq!(
        (actual(&emcc, "feedback"), actual(&emcc, "reflections")),
        (0.0, 1.0)
    );
    // The scheme's data may say `any`, as before answers from clients were kept.
    env.write(
        "config.toml",
        "[schemes.emcc-foundation]\nfeedback_from = \"any\"\n",
    );
    let emcc = scheme(&env, "emcc-foundation", "today");
    assert_eq!(actual(&emcc, "feedback"), 1.0);
    env.write("config.toml", "");
    // The client's own answer counts, once they let it be shown.
    answer(&env, &real, "no");
    let emcc = scheme(&env, "emcc-foundation", "today");
    assert_eq!(actual(&emcc, "feedback"), 0.0, "not to be shown");
    let another = env.log(&["sam", "--date", "2026-03-17"]);
    answer(&env, &another, "yes");
    let emcc = scheme(&env, "emcc-foundation", "today");
    assert_eq!(
        (actual(&emcc, "feedback"), actual(&emcc, "reflections")),
        (1.0, 1.0),
        "the client's answer is feedback, and no reflection of the coach's"
    );
}

/// The client of session `id` answers a request in the plain-text form (`share`: yes or no).
fn answer(env: &TestEnv, id: &str, share: &str) {
    let (_, message) = env.feedback_request(id);
    env.feedback_import(&crate::env::filled_form(&message, "9", "", share))
        .ok();
}

#[test]
fn the_reports_chart_and_tables_count_as_summary_does() {
    let env = with_sam();
    add(
        &env,
        &[
            "Big Group",
            "--client-type",
            "non-coach",
            "--group-size",
            "20",
            "--duration",
            "2h",
        ],
    );
    add(
        &env,
        &[
            "Quiet Q",
            "--client-type",
            "non-coach",
            "--no-consent",
            "--duration",
            "45m",
        ],
    );
    // ICF ACC counts 1 h (2026-02-02): not the hour before training (2025-12-15), the half hour in
    // class, the group of 20 (over 15), nor the unconsented client.
    env.log(&["sam", "--date", "2025-12-15"]);
    env.log(&["sam", "--date", "2026-02-02"]);
    env.log(&[
        "sam",
        "30m",
        "--date",
        "2026-02-03",
        "--not-counted",
        "in-class",
    ]);
    env.log(&["big", "--date", "2026-03-01"]);
    env.log(&["quiet", "--date", "2026-03-05"]);
    assert_eq!(actual(&scheme(&env, "icf-acc", "today"), "hours"), 1.0);
    let path = env.home().join("report.html");
    env.run(&[
        "report",
        "--scheme",
        "icf-acc",
        "--output",
        path.to_str().expect("utf-8"),
    ])
    .ok();
    let html = std::fs::read_to_string(&path).expect("written");
    for needle in [
        "Coaching hours per month, as ICF ACC counts them",
        "Running total: 1.00 h that ICF ACC counts up to 2026-11-23",
        "no: before training",
        "no: in class",
        "no: group over its limit",
        "no: no consent",
        "<th>ICF ACC</th>",
    ] {
        assert!(html.contains(needle), "{needle:?} not in the report");
    }
    // One month's bar holds what ICF counts in February: 1 h, not the 1.5 h logged.
    assert!(
        html.contains("2026-02: peer 0.00 h, non-coach 1.00 h"),
        "February as ICF counts it"
    );
    // The report is judged as of one day.
    env.run(&["report", "--to", "2026-06", "--as-of", "2026-11"])
        .usage_error(&["judged as of one day"]);
}

#[test]
fn an_acc_renewal_needs_the_structure_of_mentor_coaching_not_ten_hours_alone() {
    let env = TestEnv::new();
    env.run(&["credential", "add", "icf", "acc", "--granted", "2026-01-01"])
        .ok();
    // Ten hours in one day in a group of 12: over the group limit of 10, no hour one-to-one, and a
    // span of no months. None of it counts.
    env.run(&[
        "mentoring",
        "log",
        "Dana Reyes",
        "10h",
        "--credential",
        "MCC",
        "--group",
        "12",
        "--date",
        "2026-06-01",
    ])
    .ok();
    let renewal = json(&env, &["summary", "--renewal", "--json"]);
    let acc = &renewal["credentials"][0];
    let hours = requirement(acc, "mentor_hours");
    assert_eq!(
        (hours["actual"].as_f64(), hours["met"].as_bool()),
        (Some(0.0), Some(false))
    );
    assert_eq!(requirement(acc, "mentor_individual_hours")["met"], false);
    assert_eq!(requirement(acc, "mentor_months")["met"], false);
    assert_eq!(acc["met"], false);
    env.run(&["summary", "--renewal"])
        .ok()
        .stdout_has(&["10.00 h in groups of more than 10"]);
}

#[test]
fn a_course_still_running_is_in_progress_not_met() {
    let env = TestEnv::new();
    // One month into an eleven-month course of 125 h: PCC's 125 h of education are not met.
    env.run(&[
        "education",
        "add",
        "Coaching Diploma",
        "--provider",
        "Northfield",
        "--hours",
        "125",
        "--start",
        "2026-10-23",
        "--end",
        "2027-09-23",
        "--accreditation",
        "icf-level-2",
    ])
    .ok();
    let pcc = scheme(&env, "icf-pcc", "today");
    let education = requirement(&pcc, "education_hours");
    assert_eq!(
        (education["actual"].as_f64(), education["met"].as_bool()),
        (Some(0.0), Some(false))
    );
    assert_eq!(
        education["missing"],
        "125 h more (125 h in progress, counted once completed, by 2027-09-23)"
    );
    env.run(&["summary", "--scheme", "icf-pcc"]).ok().stdout_has(&[
        "Education in progress, counted once completed: Coaching Diploma (125.00 h, ends on 2027-09-23).",
    ]);
    // On its last day it counts.
    let pcc = scheme(&env, "icf-pcc", "2027-09-23");
    assert_eq!(requirement(&pcc, "education_hours")["met"], true);
}

#[test]
fn an_acc_mentor_counts_for_an_acc_application_only_once_renewed() {
    let env = TestEnv::new();
    // Before her first renewal: 2 h that count for nothing.
    env.run(&[
        "mentoring",
        "log",
        "Ana Cruz",
        "2h",
        "--credential",
        "ACC",
        "--date",
        "2026-01-10",
    ])
    .ok()
    .stdout_has(&["(ACC), one-to-one"]);
    // After it: 4 h that count for an ACC.
    env.run(&[
        "mentoring",
        "log",
        "Ana Cruz",
        "4h",
        "--credential",
        "ACC",
        "--renewed",
        "--date",
        "2026-02-01",
    ])
    .ok()
    .stdout_has(&["(ACC, renewed), one-to-one"]);
    let acc = scheme(&env, "icf-acc", "today");
    assert_eq!(actual(&acc, "mentor_hours"), 4.0);
    assert_eq!(acc["mentoring"]["not_renewed_hours"], 2.0);
    assert_eq!(
        requirement(&acc, "mentor_hours")["rule"]["title"],
        "ICF mentor coaching requirements"
    );
    env.run(&["summary", "--scheme", "icf-acc"])
        .ok()
        .stdout_has(&["2.00 h with a mentor holding ACC not recorded as having renewed it"]);
    env.run(&["mentoring", "list"])
        .ok()
        .stdout_has(&["ACC renewed"]);
    // A school that counts every ACC mentor says so in config.toml.
    env.write(
        "config.toml",
        "[schemes.icf-acc]\nmentor_renewed_credentials = []\n",
    );
    assert_eq!(
        actual(&scheme(&env, "icf-acc", "today"), "mentor_hours"),
        6.0
    );
    std::fs::remove_file(env.data().join("config.toml")).expect("config");
    assert_eq!(
        actual(&scheme(&env, "icf-pcc", "today"), "mentor_hours"),
        0.0
    );
    env.run(&["summary", "--scheme", "icf-pcc"])
        .ok()
        .stdout_has(&["6.00 h with a mentor who does not hold PCC or MCC"]);
    // The mentor coaching log is for the credential applied for (ACC: none held yet), and lists
    // what counts for it.
    let rows = csv_rows(&env.run(&["export", "mentoring"]).ok().stdout);
    assert_eq!(rows[0]["Mentor Name"], "Ana Cruz");
    assert_eq!(rows[0]["Start Date"], "2026-02-01");
    assert_eq!(rows.last().expect("total")["Total hours"], "4.00");
}

#[test]
fn the_pooled_cap_holds_only_received_hours_that_would_count_themselves() {
    let env = TestEnv::new();
    add(
        &env,
        &[
            "Alex Kim",
            "--client-type",
            "peer",
            "--arrangement",
            "reciprocal",
            "--duration",
            "1h",
        ],
    );
    env.run(&["config", "set", "training_start", "2026-01-01"])
        .ok();
    env.run(&["config", "set", "icf.exchange_balance_rule", "pooled"])
        .ok();
    // Coached Alex 4 h in exchange. Received: 1 h paid, 1 h in class, 1 h before training, and 1 h
    // in exchange that counts. Only the last caps: 1.00 h paid, 3.00 h pro bono.
    for day in ["2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"] {
        env.log(&["alex", "--date", day]);
    }
    let client = |extra: &[&str]| {
        let mut args = vec!["alex", "--role", "client"];
        args.extend_from_slice(extra);
        env.log(&args);
    };
    client(&["--date", "2026-02-03", "--payment", "paid"]);
    // `log` marks only coaching given as not counted; a hand-written (or synced) file may mark
    // coaching received, and then it does not count either.
    env.write(
        "sessions/2026/2026-02-04-alex-kim-class1.toml",
        "version = 1\ndate = 2026-02-04\npartner = \"alex-kim\"\nminutes = 60\nrole = \"client\"\n\
         payment = \"exchange\"\narrangement = \"reciprocal\"\nclient_type = \"peer\"\n\
         not_counted = \"in-class\"\n",
    );
    client(&["--date", "2025-12-01"]);
    client(&["--date", "2026-02-05"]);
    let acc = scheme(&env, "icf-acc", "today");
    assert_eq!(actual(&acc, "paid_hours"), 1.0);
    assert_eq!(acc["exchange_counted_as_pro_bono_hours"], 3.0);
    let (paid, pro_bono) = icf_total(&env.run(&["export", "icf"]).ok().stdout);
    assert_eq!((paid, pro_bono), (100, 300));
}

#[test]
fn the_icf_logs_rows_add_up_to_its_total_row_and_the_total_to_summary() {
    let env = TestEnv::new();
    // Three clients of 20 paid minutes each: 0.33 h each alone, 1.00 h together. The rows are
    // rounded so that they add up: 0.34 + 0.33 + 0.33.
    for name in ["Ann A", "Ben B", "Cat C"] {
        add(
            &env,
            &[
                name,
                "--client-type",
                "non-coach",
                "--payment",
                "paid",
                "--duration",
                "20m",
            ],
        );
    }
    for (partner, day) in [
        ("ann", "2026-02-02"),
        ("ben", "2026-02-03"),
        ("cat", "2026-02-04"),
    ] {
        env.log(&[partner, "--date", day]);
    }
    let out = env.run(&["export", "icf"]).ok();
    let rows = csv_rows(&out.stdout);
    let cells: Vec<&str> = rows.iter().map(|r| r["Paid hours"].as_str()).collect();
    assert_eq!(cells, ["0.34", "0.33", "0.33", "1.00"]);
    let acc = scheme(&env, "icf-acc", "today");
    let (paid, pro_bono) = icf_total(&out.stdout);
    assert_eq!(paid, hours_cents(actual(&acc, "paid_hours")));
    assert_eq!(paid + pro_bono, hours_cents(actual(&acc, "hours")));
}

#[test]
fn an_unconsented_group_of_four_is_four_clients() {
    let env = TestEnv::new();
    add(
        &env,
        &[
            "Quiet Team",
            "--client-type",
            "non-coach",
            "--group-size",
            "4",
            "--no-consent",
            "--duration",
            "1h",
        ],
    );
    env.log(&["quiet", "--date", "2026-02-02"]);
    env.run(&["export", "icf"]).ok().stderr_has(&[
        "left off the ICF log: 1.00 h with 4 clients who have not consented to be named",
    ]);
    env.run(&["summary", "--scheme", "icf-acc"])
        .ok()
        .stdout_has(&["Not counted: 1.00 h with 4 clients who have not consented to be named"]);
    env.run(&["config", "set", "icf.count_unnamed_clients", "true"])
        .ok();
    let acc = scheme(&env, "icf-acc", "today");
    assert_eq!(acc["unnamed_clients"]["clients"], 4);
    assert_eq!(actual(&acc, "clients"), 4.0);
}

#[test]
fn the_plans_non_coach_advice_reaches_the_target_share() {
    let env = TestEnv::new();
    // 27 h with a peer and 23 h with a non-coach client (46 %), an hour every three days from
    // 2026-06-01. ICF ACC misses 50 h. Of them x with non-coach clients so that
    // (23 + x) / (50 + 50) = 50 %: x = 27 h, in the 26 weeks to 2027-05-24: 1.04 h a week. (Half
    // of the 50 h, 0.96 h a week, would end at 48 %.)
    let mut csv = String::from("date,partner,minutes,client_type,payment\n");
    let start = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    for i in 0..50u64 {
        let day = start + chrono::Days::new(i * 3);
        let (partner, kind) = if i < 27 {
            ("Pia Peer", "peer")
        } else {
            ("Nora Non", "non-coach")
        };
        csv.push_str(&format!("{day},{partner},60,{kind},paid\n"));
    }
    let file = env.home().join("past.csv");
    std::fs::write(&file, csv).expect("written");
    env.run(&["import", file.to_str().expect("utf-8")]).ok();
    env.run(&["config", "set", "training_start", "2026-01-01"])
        .ok();
    let mix = json(&env, &["mix", "--json"]);
    assert_eq!(mix["non_coach_hours"], 23.0, "{mix}");
    let plan = json(
        &env,
        &[
            "summary",
            "--target",
            "icf-acc",
            "--by",
            "2027-05-24",
            "--json",
        ],
    );
    assert_eq!(plan["non_coach_hours_per_week"], 1.04);
}

#[test]
fn copies_made_by_a_sync_tool_are_never_counted() {
    let env = with_sam();
    env.log(&["sam", "200m", "--date", "2026-11-02"]);
    let original = env.session_files().remove(0);
    let stem = original.trim_end_matches(".toml");
    let text = env.read(&original);
    // A copy by each tool: 200 minutes stay 200.
    let copies = [
        // iCloud, and many others.
        format!("{stem} 2.toml"),
        format!("{stem} (1).toml"),
        // Dropbox and Nextcloud.
        format!("{stem} (conflicted copy 2026-11-03).toml"),
        // Dropbox, for a name that differs only in case.
        format!("{stem} (Case Conflict).toml"),
        // Syncthing.
        format!("{stem}.sync-conflict-20261103-101010-ABCDEFG.toml"),
        // ownCloud.
        format!("{stem}_conflict-20261103-101010.toml"),
        // Seafile.
        format!("{stem} (SFConflict robin@example.org 2026-11-03-10-10-10).toml"),
        // A dated `-conflict-` mark, pCloud's `[conflicted]`, and an editor's backup.
        format!("{stem}-conflict-20261103.toml"),
        format!("{stem} [conflicted].toml"),
        format!("{stem}~.toml"),
    ];
    for copy in &copies {
        env.write(copy, &text);
    }
    let out = env.run(&["summary", "--json"]).ok();
    let summary: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(summary["coaching"]["minutes"], 200);
    out.stderr_has(&[
        "left out 10 files",
        "a file-sync tool made",
        "`coachlog check` names them",
    ]);
    let sessions = csv_rows(&env.run(&["export", "sessions"]).ok().stdout);
    assert_eq!(sessions.len(), 1);
    let stats = json(&env, &["stats", "--json"]);
    assert_eq!(stats[0]["hours"], 3.33);
    let check = env.run(&["check"]).ok();
    for copy in &copies {
        let name = copy.rsplit('/').next().expect("a name");
        check.stdout_has(&[name]);
    }
    check.stdout_has(&["coachlog leaves it out of every count"]);
}

#[test]
fn a_session_dated_before_1900_or_a_year_ahead_is_refused_by_every_reader_and_writer() {
    let env = with_sam();
    env.log(&["sam", "--date", "2026-03-02"]);
    env.write(
        "sessions/0000/0000-03-01-sam-lee-zero01.toml",
        "version = 1\ndate = 0000-03-01\npartner = \"sam-lee\"\nminutes = 60\nrole = \"coach\"\n\
         payment = \"pro-bono\"\narrangement = \"one-way\"\nclient_type = \"non-coach\"\n",
    );
    let refused = env.run(&["summary"]);
    assert_ne!(refused.code, 0);
    refused.stderr_has(&[
        "0000-03-01-sam-lee-zero01.toml",
        "before 1900-01-01",
        "--skip-invalid",
    ]);
    assert_eq!(refused.stdout, "");
    // Past it, on request: only the real session counts.
    let summary = json(&env, &["--skip-invalid", "summary", "--json"]);
    assert_eq!(summary["coaching"]["minutes"], 60);
    let check = env.run(&["check", "--json"]);
    assert_eq!(check.code, 1);
    let problems: Value = serde_json::from_str(&check.stdout).expect("json");
    assert!(
        problems
            .as_array()
            .expect("list")
            .iter()
            .any(|p| p["severity"] == "error"
                && p["line"] == 2
                && p["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("before 1900"))),
        "{problems:#}"
    );
    // Nothing coachlog writes fails its own reader: log refuses such dates, and writes nothing.
    std::fs::remove_dir_all(env.data().join("sessions/0000")).expect("removed");
    let before = env.tree();
    let refused = env.run(&["log", "sam", "--date", "2028-01-01"]);
    assert_ne!(refused.code, 0);
    refused.stderr_has(&["2028-01-01", "more than a year after today (2026-11-23)"]);
    assert_eq!(env.tree(), before, "nothing written");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_among_the_records_is_refused_not_skipped() {
    let env = with_sam();
    env.log(&["sam", "--date", "2026-03-02"]);
    env.log(&["sam", "--date", "2025-03-02"]);
    // The 2026 folder moved elsewhere and linked back: a report that skipped it would count 1 h, not 2.
    let moved = env.home().join("elsewhere-2026");
    std::fs::rename(env.data().join("sessions/2026"), &moved).expect("moved");
    std::os::unix::fs::symlink(&moved, env.data().join("sessions/2026")).expect("linked");
    let refused = env.run(&["summary"]);
    assert_ne!(refused.code, 0);
    refused.stderr_has(&["sessions/2026", "a symbolic link"]);
    let check = env.run(&["check"]);
    assert_eq!(check.code, 1);
    check.stdout_has(&["sessions/2026", "a symbolic link"]);
}

#[test]
fn a_sessions_csv_round_trip_is_byte_identical_consent_included() {
    let env = TestEnv::new();
    add(
        &env,
        &["Sam Lee", "--client-type", "non-coach", "--duration", "1h"],
    );
    add(
        &env,
        &[
            "Rin Sato",
            "--client-type",
            "non-coach",
            "--no-consent",
            "--payment",
            "paid",
            "--duration",
            "45m",
        ],
    );
    add(
        &env,
        &[
            "Northwind Leads",
            "--client-type",
            "non-coach",
            "--group-size",
            "6",
            "--duration",
            "90m",
        ],
    );
    env.log(&["sam", "--date", "2026-02-02"]);
    env.log(&["rin", "--date", "2026-02-03"]);
    env.log(&["northwind", "--date", "2026-02-04"]);
    let first = env.run(&["export", "sessions"]).ok().stdout;
    assert!(first.contains("Rin Sato,no,"), "{first}");
    let file = env.home().join("sessions.csv");
    std::fs::write(&file, &first).expect("written");

    let other = TestEnv::new();
    other.run(&["import", file.to_str().expect("utf-8")]).ok();
    let second = other.run(&["export", "sessions"]).ok().stdout;
    assert_eq!(
        second, first,
        "export, import into an empty logbook, export"
    );
    // The client who did not consent stays off the ICF log.
    let log = other.run(&["export", "icf"]).ok().stdout;
    assert!(!log.contains("Rin Sato"), "{log}");
}
