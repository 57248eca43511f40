//! Every text report and every `--json` output, on the sample logbook with today fixed, pinned byte for
//! byte by golden files in `tests/golden/reports/`: in plain text, in colour and in ASCII. A change
//! to one is a deliberate diff (`UPDATE_GOLDEN=1 cargo test --locked` rewrites them).

use crate::env::TestEnv;

/// The text reports, by the name of their golden files.
const TEXT: &[(&str, &[&str])] = &[
    ("summary", &["summary"]),
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
    ("stats", &["stats"]),
    ("stats-by-quarter", &["stats", "--by", "quarter"]),
    (
        "stats-by-week",
        &["stats", "--by", "week", "--from", "2026-09-01"],
    ),
    ("sessions", &["sessions", "--from", "2026-06"]),
    (
        "sessions-notes",
        &["sessions", "--notes", "--partner", "alex"],
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
];

#[test]
fn text_reports_in_every_look() {
    let env = TestEnv::with_sample();
    for (name, args) in TEXT {
        for (look, flags) in [
            ("plain", &["--color", "never"][..]),
            ("colour", &["--color", "always"]),
            ("ascii", &["--color", "never", "--ascii"]),
        ] {
            let mut all = flags.to_vec();
            all.extend_from_slice(args);
            env.assert_prints(&all, &format!("reports/{name}.{look}.txt"));
        }
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
    for (look, flags) in [
        ("plain", &["--color", "never"][..]),
        ("colour", &["--color", "always"]),
        ("ascii", &["--color", "never", "--ascii"]),
    ] {
        for (name, args) in [
            ("summary-renewal", &["summary", "--renewal"][..]),
            ("credential-list", &["credential", "list"]),
        ] {
            let mut all = flags.to_vec();
            all.extend_from_slice(args);
            env.assert_prints(&all, &format!("reports/{name}.{look}.txt"));
        }
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
