//! `coachlog report`: one self-contained HTML file, owner-only, never over another file unless
//! asked; every name escaped; the figures of `summary --json`. (The browser checks are in
//! `tests/browser.rs`.)

use serde_json::Value;

use crate::env::{TestEnv, assert_golden};

/// The report of the sample logbook, as of the tests' today.
fn sample_report(env: &TestEnv, extra: &[&str]) -> String {
    let path = env.home().join("report.html");
    let mut args = vec![
        "report",
        "--output",
        path.to_str().expect("utf-8"),
        "--force",
    ];
    args.extend_from_slice(extra);
    env.run(&args).ok();
    std::fs::read_to_string(&path).expect("the report")
}

#[test]
fn the_sample_report_is_pinned_and_self_contained() {
    let env = TestEnv::with_sample();
    let html = sample_report(&env, &[]);
    assert_golden("report.html", &html);
    for outside in ["<script", "http://", "https://", "<link", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "no {outside}: the file needs nothing else"
        );
    }
}

/// The dates under the reflections chart never overlap: each is about 60 px wide at 11 px, a
/// middle one centred on its point, the first starting and the last ending at theirs.
#[test]
fn the_dates_under_a_chart_never_overlap() {
    let env = TestEnv::with_sample();
    let html = sample_report(&env, &[]);
    let chart = html
        .split("<section class=\"page\" id=\"reflections\">")
        .nth(1)
        .and_then(|rest| rest.split("</svg>").next())
        .expect("the reflections chart");
    let mut spans: Vec<(f64, f64)> = Vec::new();
    for text in chart.split("<text ").skip(1) {
        let attr = |name: &str| {
            text.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .unwrap_or_default()
        };
        let label = text
            .split('>')
            .nth(1)
            .and_then(|t| t.split('<').next())
            .unwrap_or("");
        if label.len() != 10 || !label.starts_with("20") {
            continue;
        }
        let x: f64 = attr("x").parse().expect("x");
        const WIDTH: f64 = 62.0;
        spans.push(match attr("text-anchor") {
            "start" => (x, x + WIDTH),
            "end" => (x - WIDTH, x),
            _ => (x - WIDTH / 2.0, x + WIDTH / 2.0),
        });
    }
    assert!(spans.len() >= 2, "{chart}");
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in spans.windows(2) {
        assert!(pair[0].1 < pair[1].0, "date labels overlap: {spans:?}");
    }
}

#[test]
fn a_mentor_reads_labelled_charts_and_no_commands() {
    let env = TestEnv::with_sample();
    let html = sample_report(&env, &[]);
    assert!(
        !html.contains('`'),
        "no command of the terminal in a mentor's report"
    );
    assert!(html.contains("<main>"), "a main landmark");
    for label in ["hours a month (bars)", "running total (line)"] {
        assert!(
            html.contains(label),
            "both scales of the months chart say what they are: {label}"
        );
    }
    assert_eq!(
        html.matches("<figcaption>").count(),
        3,
        "each chart has a text alternative"
    );
    // The reflections chart dates its first and last sessions.
    let reflections = &html[html.find("id=\"reflections\"").expect("the section")..];
    assert!(
        reflections.contains(">2024-12-08</text>"),
        "{reflections:.3000}"
    );
    // One rated session is one.
    let env = TestEnv::with_partners();
    env.run(&["log", "alex", "--date", "2026-03-01", "--scores", "9,9,9,9"])
        .ok();
    let html = sample_report(&env, &[]);
    assert!(html.contains("1 rated session;"), "{html:.200}");
    // A period with no coaching sessions is said to be empty.
    let path = env.home().join("empty.html");
    env.run(&[
        "report",
        "--from",
        "2020-01",
        "--to",
        "2020-06",
        "--output",
        path.to_str().expect("utf-8"),
    ])
    .ok()
    .stderr_has(&["no coaching sessions from 2020-01-01 up to 2020-06-30"]);
}

#[test]
fn every_figure_is_summarys() {
    let env = TestEnv::with_sample();
    let html = sample_report(&env, &[]);
    let summary: Value =
        serde_json::from_str(&env.run(&["summary", "--json"]).ok().stdout).expect("json");
    let mut checked = 0;
    for scheme in summary["schemes"].as_array().expect("schemes") {
        let id = scheme["id"].as_str().expect("id");
        let Some(start) = html.find(&format!("data-scheme=\"{id}\"")) else {
            continue; // not shown
        };
        let block = &html[start..];
        let block = &block[..block.find("</table>").expect("table")];
        for r in scheme["requirements"].as_array().expect("requirements") {
            let rid = r["id"].as_str().expect("id");
            let row = &block[block
                .find(&format!("data-requirement=\"{rid}\""))
                .expect(rid)..];
            let actual = r["actual"].as_f64().expect("actual");
            let shown = if [
                "clients",
                "mentor_months",
                "feedback",
                "reflections",
                "supervision_quarters",
                "supervision_months",
            ]
            .contains(&rid)
            {
                format!("{actual:.0}")
            } else {
                format!("{actual:.2}")
            };
            assert!(
                row.contains(&format!("<td class=\"num actual\">{shown}</td>")),
                "{id} {rid}: {shown}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "the shown schemes' requirements: {checked}");
}

#[test]
fn written_owner_only_under_a_dated_name_and_never_over_another_file() {
    let env = TestEnv::with_sample();
    let out = env.command(&["report"]).current_dir(env.home()).run().ok();
    assert_eq!(out.stderr, "Wrote coachlog-report-2026-11-23.html\n");
    assert_eq!(
        out.stdout, "",
        "the HTML is in the file, not on standard output"
    );
    let path = env.home().join("coachlog-report-2026-11-23.html");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("file").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let before = std::fs::read(&path).expect("file");
    let refused = env
        .command(&["report"])
        .current_dir(env.home())
        .run()
        .code(2);
    assert!(
        refused
            .stderr
            .contains("coachlog-report-2026-11-23.html exists: add --force"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read(&path).expect("file"), before, "untouched");
    env.command(&["report", "--force", "--as-of", "2026-06-30"])
        .current_dir(env.home())
        .run()
        .ok();
    assert!(env.home().join("coachlog-report-2026-06-30.html").exists());
    let bad = env
        .run(&["report", "--scheme", "icf-xyz", "--output", "x.html"])
        .code(2);
    assert!(bad.stderr.contains("icf-xyz"), "{}", bad.stderr);
}

#[test]
fn names_are_escaped_and_anonymised_on_request() {
    let env = TestEnv::new();
    env.run(&[
        "partner",
        "add",
        "<script>alert(1)</script>",
        "--client-type",
        "non-coach",
    ])
    .ok();
    env.run(&["log", "script-alert-1-script", "1h", "--date", "2026-11-02"])
        .ok();
    env.run(&["config", "set", "name", "Sam & <b>Co</b>"]).ok();
    let path = env.home().join("r.html");
    env.run(&["report", "--output", path.to_str().expect("utf-8")])
        .ok();
    let html = std::fs::read_to_string(&path).expect("report");
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "never as markup"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "shown as text"
    );
    assert!(
        html.contains("Sam &amp; &lt;b&gt;Co&lt;/b&gt;"),
        "the owner's name too"
    );
    env.run(&[
        "report",
        "--output",
        path.to_str().expect("utf-8"),
        "--force",
        "--anonymize",
    ])
    .ok();
    let html = std::fs::read_to_string(&path).expect("report");
    assert!(!html.contains("alert(1)"), "no name under --anonymize");
    assert!(html.contains("Client 01"), "the alias instead");
}

#[test]
fn anonymised_it_leaves_out_the_experiments_and_open_hands_it_to_the_opener() {
    let env = TestEnv::with_sample();
    let html = sample_report(&env, &[]);
    assert!(
        html.contains("invite a metaphor"),
        "the last experiments agreed"
    );
    assert!(html.contains("Alex Kim"));
    let html = sample_report(&env, &["--anonymize"]);
    assert!(
        !html.contains("invite a metaphor"),
        "experiments are notes about a client"
    );
    assert!(!html.contains("Alex Kim"));
    // A stand-in for xdg-open that records what it was asked to open.
    let bin = env.home().join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let opened = env.home().join("opened.txt");
    let opener = bin.join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display()),
    )
    .expect("opener");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let path = env.home().join("open.html");
    env.command(&[
        "report",
        "--output",
        path.to_str().expect("utf-8"),
        "--open",
    ])
    .env("PATH", &bin)
    .run()
    .ok();
    // The opener runs on its own: wait until it has written its whole line.
    for _ in 0..250 {
        if std::fs::read_to_string(&opened).is_ok_and(|t| t.ends_with('\n')) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    #[cfg(target_os = "linux")]
    assert_eq!(
        std::fs::read_to_string(&opened)
            .expect("the opener ran")
            .trim(),
        path.to_str().expect("utf-8")
    );
    // Without an opener the report is still written, with a warning.
    let path = env.home().join("no-opener.html");
    let out = env
        .command(&[
            "report",
            "--output",
            path.to_str().expect("utf-8"),
            "--open",
        ])
        .env("PATH", env.home().join("nowhere"))
        .run()
        .ok();
    assert!(path.exists());
    assert!(
        out.stderr.contains("open it in a browser") || out.stderr.contains("in a browser"),
        "{}",
        out.stderr
    );
}
