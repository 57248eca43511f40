//! Every text report and every `--json` output, on the sample logbook with today fixed, pinned byte for
//! byte by golden files in `tests/golden/reports/`: in plain text, in colour and in ASCII. A change
//! to one is a deliberate diff (`UPDATE_GOLDEN=1 cargo test --locked` rewrites them).

use crate::env::TestEnv;
use crate::group::ROSTER;

/// The text reports, by the name of their golden files.
const TEXT: &[(&str, &[&str])] = &[
    ("summary", &["summary"]),
    ("summary-all", &["summary", "--all"]),
    (
        "summary-every-body",
        &[
            "summary",
            "--scheme",
            "icf-pcc",
            "--scheme",
            "emcc-practitioner",
            "--scheme",
            "ac-coach",
        ],
    ),
    ("mix", &["mix"]),
    ("due", &["due"]),
    ("stats", &["stats"]),
    ("stats-by-quarter", &["stats", "--by", "quarter"]),
    (
        "stats-by-week",
        &["stats", "--by", "week", "--from", "2026-09-01"],
    ),
    ("sessions", &["sessions", "--from", "2026-06"]),
    (
        "sessions-notes",
        &["sessions", "--notes", "--partner", "sofia"],
    ),
    ("partner-list", &["partner", "list"]),
    ("partner-show", &["partner", "show", "alex"]),
    ("feedback", &["feedback"]),
    ("check", &["check", "--icf"]),
    ("config-show", &["config", "show"]),
    ("paths", &["paths"]),
    ("mentoring-list", &["mentoring", "list"]),
    (
        "summary-target",
        &["summary", "--target", "icf-pcc", "--by", "2027-06-30"],
    ),
    ("supervision-list", &["supervision", "list"]),
    ("education-list", &["education", "list"]),
    ("cpd-list", &["cpd", "list"]),
    (
        "group-match",
        &["group", "match", ROSTER, "--week", "2026-12-14"],
    ),
    ("rules", &["rules"]),
    ("rules-show", &["rules", "show", "icf-acc"]),
];

/// The `--json` outputs, by the name of their golden files.
const JSON: &[(&str, &[&str])] = &[
    ("summary", &["summary", "--json"]),
    ("mix", &["mix", "--json"]),
    ("stats", &["stats", "--json"]),
    ("sessions", &["sessions", "--json", "--notes"]),
    ("partner-list", &["partner", "list", "--json"]),
    ("feedback", &["feedback", "--json"]),
    ("check", &["check", "--json", "--icf"]),
    ("config-show", &["config", "show", "--json"]),
    ("mentoring-list", &["mentoring", "list", "--json"]),
    (
        "summary-target",
        &[
            "summary", "--target", "icf-acc", "--by", "2027-06", "--json",
        ],
    ),
    ("supervision-list", &["supervision", "list", "--json"]),
    ("education-list", &["education", "list", "--json"]),
    ("cpd-list", &["cpd", "list", "--json"]),
    (
        "group-match",
        &["group", "match", ROSTER, "--week", "2026-12-14", "--json"],
    ),
    ("rules-show", &["rules", "show", "icf-acc", "--json"]),
];

/// The looks each text report is pinned in: its name, its flags, and the width it fits
/// (`COLUMNS`, as a terminal of that width sets it).
const LOOKS: &[(&str, &[&str], Option<&str>)] = &[
    ("plain", &["--color", "never"], None),
    ("colour", &["--color", "always"], None),
    ("ascii", &["--color", "never", "--ascii"], None),
    ("80", &["--color", "never"], Some("80")),
    ("60", &["--color", "never"], Some("60")),
    ("120", &["--color", "never"], Some("120")),
];

/// Prints `args` in each look and compares it with its golden file; at a width, every line fits.
#[track_caller]
fn assert_every_look(env: &TestEnv, name: &str, args: &[&str]) {
    for (look, flags, columns) in LOOKS {
        let mut all = flags.to_vec();
        all.extend_from_slice(args);
        let golden = format!("reports/{name}.{look}.txt");
        let Some(columns) = columns else {
            env.assert_prints(&all, &golden);
            continue;
        };
        env.assert_prints_with(&[("COLUMNS", columns)], &all, &golden);
        // Messages naming files keep each path whole, on a line of its own length.
        if matches!(name, "check" | "paths" | "partner-show") {
            continue;
        }
        let width: usize = columns.parse().expect("a number");
        let out = env.command(&all).env("COLUMNS", columns).run().ok();
        for line in out.stdout.lines() {
            assert!(
                line.chars().count() <= width,
                "coachlog {} at {width} columns: a line of {}:\n{line}",
                args.join(" "),
                line.chars().count()
            );
        }
    }
}

#[test]
fn text_reports_in_every_look() {
    let env = TestEnv::with_sample();
    for (name, args) in TEXT {
        assert_every_look(&env, name, args);
    }
}

#[test]
fn json_outputs() {
    let env = TestEnv::with_sample();
    for (name, args) in JSON {
        env.assert_prints(args, &format!("reports/{name}.json"));
    }
}

/// The renewal view and the credentials list, on the sample logbook with an ICF ACC held since
/// 2026-05-01 (written by hand, so that its id is fixed).
#[test]
fn renewal_of_a_credential_held() {
    let env = TestEnv::with_sample();
    env.write(
        "credentials/2026-05-01-icf-acc-r3nw4l.toml",
        "version = 1\nscheme = \"icf-acc\"\ngranted = 2026-05-01\nexpires = 2029-05-01\n",
    );
    for (name, args) in [
        ("summary-renewal", &["summary", "--renewal"][..]),
        ("credential-list", &["credential", "list"]),
    ] {
        assert_every_look(&env, name, args);
    }
    env.assert_prints(
        &["summary", "--renewal", "--json"],
        "reports/summary-renewal.json",
    );
    env.assert_prints(
        &["credential", "list", "--json"],
        "reports/credential-list.json",
    );
}
