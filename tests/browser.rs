//! The report in a real browser: headless Chromium loads the sample logbook's report, and the test
//! checks what a person sees — the DOM after load holds the schemes and the figures of `summary
//! --json`, a screenshot at 1280 px shows the charts' colours, and printing to PDF breaks the pages
//! between sections — and that the HTML passes `tidy` with no errors or warnings.
//!
//! axe-core, the accessibility engine of browsers' audits, runs in the page and must find no
//! violation.
//!
//! It needs `chromium` (or `chromium-browser`, `google-chrome`), `tidy`, `pdfinfo` and
//! `pdftotext` (poppler-utils), and axe-core from npm (`COACHLOG_AXE`, else
//! `target/axe/node_modules/axe-core/axe.min.js`). Without them it says so and passes, so that `cargo test` runs
//! anywhere; `.ci/run` installs them and sets `COACHLOG_BROWSER_TESTS=require`, which makes a
//! missing program a failure.

// A test may say on stderr why it skips; the lints on output are for coachlog itself.
#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The date the tests fix as today.
const TODAY: &str = "2026-11-23";

/// The report's colours for peer and non-coach hours (src/views/html.rs).
const DARK: [u8; 3] = [0x1f, 0x4e, 0x79];
const LIGHT: [u8; 3] = [0xf2, 0xa5, 0x41];

/// The path of a program on PATH.
fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// The programs the test needs, or why it cannot run.
struct Tools {
    chromium: PathBuf,
    /// axe-core's `axe.min.js`: `COACHLOG_AXE`, else where `.ci/run` installs it with npm.
    axe: PathBuf,
}

/// Where axe-core is: `COACHLOG_AXE`, else `target/axe/` as `.ci/run` installs it.
fn axe() -> Option<PathBuf> {
    let path = std::env::var_os("COACHLOG_AXE").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js")
        },
        PathBuf::from,
    );
    path.is_file().then_some(path)
}

fn tools() -> Option<Tools> {
    let required = std::env::var("COACHLOG_BROWSER_TESTS").is_ok_and(|v| v == "require");
    let chromium = find(&["chromium", "chromium-browser", "google-chrome"]);
    let axe = axe();
    let missing: Vec<&str> = [
        ("chromium", chromium.is_some()),
        ("axe-core (npm)", axe.is_some()),
        ("tidy", find(&["tidy"]).is_some()),
        ("pdfinfo", find(&["pdfinfo"]).is_some()),
        ("pdftotext", find(&["pdftotext"]).is_some()),
    ]
    .into_iter()
    .filter(|(_, found)| !found)
    .map(|(name, _)| name)
    .collect();
    if !missing.is_empty() {
        assert!(
            !required,
            "COACHLOG_BROWSER_TESTS=require, but {} not installed",
            missing.join(", ")
        );
        eprintln!(
            "skipping the browser test: {} not installed (.ci/run installs them)",
            missing.join(", ")
        );
        return None;
    }
    Some(Tools {
        chromium: chromium.expect("found"),
        axe: axe.expect("found"),
    })
}

/// Runs a command to its end, or fails after `seconds`.
fn run(command: &mut Command, seconds: u64) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?} starts: {e}"));
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(seconds) {
            let _ = child.kill();
            panic!("{command:?} did not finish in {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// coachlog on a copy of the sample logbook, with the ambient environment removed, however it
/// ends.
fn coachlog_run(home: &Path, data: &Path, args: &[&str]) -> Output {
    run(
        Command::new(env!("CARGO_BIN_EXE_coachlog"))
            .args(args)
            .env_clear()
            .env("HOME", home)
            .env("COACHLOG_DIR", data)
            .env("COACHLOG_TODAY", TODAY)
            .env("NO_COLOR", "1"),
        60,
    )
}

/// [`coachlog_run`], which must succeed.
fn coachlog(home: &Path, data: &Path, args: &[&str]) -> Output {
    let output = coachlog_run(home, data, args);
    assert!(
        output.status.success(),
        "coachlog {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Headless Chromium with the flags a closed network and a root user need, and its own profile.
fn chromium(tools: &Tools, profile: &Path, args: &[&str]) -> Output {
    let output = run(
        Command::new(&tools.chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                // A container's /dev/shm may be too small for Chromium's shared memory.
                "--disable-dev-shm-usage",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args),
        120,
    );
    assert!(
        output.status.success(),
        "chromium {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Whether the image has a pixel within a few steps of `colour`.
fn has_colour(pixels: &[u8], channels: usize, colour: [u8; 3]) -> bool {
    pixels
        .chunks(channels)
        .any(|p| p.iter().zip(colour).all(|(a, b)| a.abs_diff(b) <= 6))
}

/// A home in `dir` and a copy of the sample logbook beside it.
fn sample_home(dir: &Path) -> (PathBuf, PathBuf) {
    let (home, data) = (dir.join("home"), dir.join("logbook"));
    std::fs::create_dir_all(&home).expect("home");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample-logbook"),
        &data,
    );
    (home, data)
}

/// `tidy` finds neither errors nor warnings in `page`.
fn assert_tidy(page: &Path) {
    let tidy = run(
        Command::new("tidy").args(["-errors", "-quiet"]).arg(page),
        60,
    );
    assert_eq!(
        tidy.status.code(),
        Some(0),
        "tidy: {}",
        String::from_utf8_lossy(&tidy.stderr)
    );
}

#[test]
fn the_report_reads_prints_and_validates_in_a_real_browser() {
    let Some(tools) = tools() else { return };
    let temp = tempfile::tempdir().expect("temp dir");
    let (home, data) = sample_home(temp.path());
    let report = temp.path().join("report.html");
    coachlog(
        &home,
        &data,
        &["report", "--output", report.to_str().expect("utf-8")],
    );
    let url = format!("file://{}", report.display());

    // Valid HTML: tidy reports neither errors nor warnings.
    assert_tidy(&report);

    // The DOM after load holds the schemes shown and summary's figures.
    let summary: serde_json::Value =
        serde_json::from_slice(&coachlog(&home, &data, &["summary", "--json"]).stdout)
            .expect("json");
    let dom =
        String::from_utf8(chromium(&tools, &temp.path().join("p1"), &["--dump-dom", &url]).stdout)
            .expect("utf-8");
    let mut shown = 0;
    for scheme in summary["schemes"].as_array().expect("schemes") {
        let id = scheme["id"].as_str().expect("id");
        let Some(start) = dom.find(&format!("data-scheme=\"{id}\"")) else {
            continue;
        };
        shown += 1;
        let block = &dom[start..];
        assert!(
            block.contains(scheme["name"].as_str().expect("name")),
            "{id}"
        );
        for r in scheme["requirements"].as_array().expect("requirements") {
            let actual = r["actual"].as_f64().expect("actual");
            assert!(
                block.contains(&format!(">{actual:.2}<"))
                    || block.contains(&format!(">{actual:.0}<")),
                "{id} {}: {actual}",
                r["id"]
            );
        }
    }
    assert_eq!(shown, 3, "ICF ACC, EMCC Foundation and AC Foundation");

    // axe-core finds no accessibility violation in the page as a browser renders it. The test's
    // copy of the report runs axe and writes what it found into the page, which Chromium dumps.
    assert_no_axe_violation(&tools, temp.path(), &report);

    // A screenshot at 1280 px is not blank and has the charts' colours.
    let shot = temp.path().join("shot.png");
    chromium(
        &tools,
        &temp.path().join("p2"),
        &[
            "--window-size=1280,2400",
            &format!("--screenshot={}", shot.display()),
            &url,
        ],
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&shot).expect("the screenshot"),
    ));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let frame = reader.next_frame(&mut pixels).expect("a frame");
    assert_eq!(frame.width, 1280);
    let channels = frame.color_type.samples();
    let pixels = &pixels[..frame.buffer_size()];
    let white = pixels
        .chunks(channels)
        .filter(|p| p.iter().take(3).all(|c| *c > 245))
        .count();
    assert!(
        white < pixels.len() / channels * 97 / 100,
        "the page is not blank"
    );
    assert!(
        has_colour(pixels, channels, DARK),
        "peer bars in the screenshot"
    );
    assert!(
        has_colour(pixels, channels, LIGHT),
        "non-coach bars in the screenshot"
    );

    // Printed to PDF, the sections follow one another and a page breaks only where the next part
    // would not fit: no page but the last is mostly white.
    let pdf = temp.path().join("report.pdf");
    chromium(
        &tools,
        &temp.path().join("p3"),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &url,
        ],
    );
    let info = String::from_utf8(run(Command::new("pdfinfo").arg(&pdf), 60).stdout).expect("utf-8");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    assert!(
        pages <= 5,
        "the sample's report prints on at most 5 pages: {info}"
    );
    let page = |n: usize| -> String {
        let out = run(
            Command::new("pdftotext")
                .args(["-f", &n.to_string(), "-l", &n.to_string()])
                .arg(&pdf)
                .arg("-"),
            60,
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let mut all = String::new();
    for n in 1..=pages {
        let text = page(n);
        if n < pages {
            assert!(
                text.trim().len() > 1000,
                "page {n} of {pages} is mostly white: {text:.200}"
            );
        }
        all.push_str(&text);
    }
    // A chart's heading is printed on the page of its chart, never alone at a page's foot.
    for (heading, chart) in [
        (
            "Coaching hours per month, as ICF ACC counts them",
            "hours a month (bars)",
        ),
        ("Client mix and reciprocity", "non-coach hours light"),
        ("Reflections", "The total score (of 40)"),
    ] {
        let n = (1..=pages)
            .find(|n| page(*n).lines().any(|l| l.trim() == heading))
            .unwrap_or_else(|| panic!("{heading:?} printed"));
        assert!(
            page(n).contains(chart),
            "{heading:?} on page {n} of {pages}, and its chart not: {}",
            page(n)
        );
    }
    let mut at = 0;
    for heading in [
        "Coaching practice, as of 2026-11-23",
        "Progress toward accreditation",
        "Coaching hours per month, as ICF ACC counts them",
        "Client mix and reciprocity",
        "Reflections",
        "Coaching sessions",
    ] {
        let found = all[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading:?} after the sections before it"));
        at += found + heading.len();
    }
}

/// The school's page of a cohort (`group status --html`): valid HTML, the students and the marked
/// packet in the DOM, and no accessibility violation.
#[test]
fn the_cohort_page_validates_and_is_accessible_in_a_real_browser() {
    let Some(tools) = tools() else { return };
    let temp = tempfile::tempdir().expect("temp dir");
    let (home, data) = sample_home(temp.path());
    coachlog(&home, &data, &["config", "set", "name", "Robin <Meyer>"]);
    let packets = temp.path().join("packets");
    std::fs::create_dir_all(&packets).expect("packets");
    for (scheme, file) in [
        ("icf-acc", "robin-icf.zip"),
        ("emcc-foundation", "robin-emcc.zip"),
    ] {
        let zip = packets.join(file);
        coachlog(
            &home,
            &data,
            &["packet", scheme, "--output", zip.to_str().expect("utf-8")],
        );
    }
    // A packet changed after it was made: a byte of its summary flipped.
    let mut changed = std::fs::read(packets.join("robin-icf.zip")).expect("packet");
    let middle = changed.len() / 2;
    changed[middle] ^= 0x55;
    std::fs::write(packets.join("changed.zip"), changed).expect("write");
    let page = temp.path().join("cohort.html");
    coachlog(
        &home,
        &data,
        &[
            "group",
            "status",
            packets.to_str().expect("utf-8"),
            "--html",
            page.to_str().expect("utf-8"),
        ],
    );
    assert_tidy(&page);
    let dom = String::from_utf8(
        chromium(
            &tools,
            &temp.path().join("p1"),
            &["--dump-dom", &format!("file://{}", page.display())],
        )
        .stdout,
    )
    .expect("utf-8");
    assert!(dom.contains("Practice group progress"), "{dom:.2000}");
    assert!(
        dom.contains("Robin &lt;Meyer&gt;"),
        "the name, escaped: {dom:.3000}"
    );
    assert!(
        dom.contains("ICF ACC") && dom.contains("EMCC"),
        "{dom:.3000}"
    );
    assert!(dom.contains("PACKET NOT AS WRITTEN"), "{dom:.3000}");
    assert_no_axe_violation(&tools, temp.path(), &page);
}

/// axe-core finds no accessibility violation in the page `page` as a browser renders it. A copy
/// of the page (in `dir`) runs axe and writes what it found into the page, which Chromium dumps.
fn assert_no_axe_violation(tools: &Tools, dir: &Path, page: &Path) {
    let audited = dir.join("audited.html");
    let html = std::fs::read_to_string(page).expect("the page");
    // axe is loaded from its file, not inlined: the dumped page stays small.
    let runner = format!("<script src=\"file://{}\"></script>", tools.axe.display())
        + "<script>axe.run(document, {resultTypes: ['violations']}).then(r => {\
           const out = document.createElement('pre'); out.id = 'axe-result';\
           out.textContent = 'AXE:' + r.violations.map(v => v.id + ' (' + v.impact + ', ' \
           + v.nodes.length + ' nodes: ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ') \
           + '): ' + v.help).join(' | ') + ':AXE';\
           document.body.appendChild(out); });</script>";
    std::fs::write(&audited, html.replace("</body>", &(runner + "</body>"))).expect("write");
    let dumped = String::from_utf8(
        chromium(
            tools,
            &dir.join("p4"),
            &[
                // Long enough for axe to finish its checks (about a second).
                "--virtual-time-budget=5000",
                "--dump-dom",
                &format!("file://{}", audited.display()),
            ],
        )
        .stdout,
    )
    .expect("utf-8");
    let found = dumped
        .split("<pre id=\"axe-result\">AXE:")
        .nth(1)
        .and_then(|rest| rest.split(":AXE").next())
        .unwrap_or_else(|| panic!("axe-core ran and wrote its result: {dumped:.2000}"));
    assert_eq!(found, "", "axe-core violations: {found}");
}

/// Where puppeteer-core is (`COACHLOG_PUPPETEER`, else `target/puppeteer/` as `.ci/run` installs
/// it), with node to run it; `None` (and the test skips) where either is missing, unless
/// `COACHLOG_BROWSER_TESTS=require`.
fn puppeteer() -> Option<(PathBuf, PathBuf)> {
    let path = std::env::var_os("COACHLOG_PUPPETEER").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/puppeteer/node_modules/puppeteer-core")
        },
        PathBuf::from,
    );
    let node = find(&["node", "nodejs"]);
    let found = path.join("package.json").is_file();
    if node.is_none() || !found {
        assert!(
            !std::env::var("COACHLOG_BROWSER_TESTS").is_ok_and(|v| v == "require"),
            "COACHLOG_BROWSER_TESTS=require, but node or puppeteer-core is not installed"
        );
        eprintln!(
            "skipping the feedback page test: node and puppeteer-core (npm) are not installed"
        );
        return None;
    }
    Some((node.expect("found"), path))
}

/// coachlog as [`coachlog`] runs it, expected to fail: its stderr.
fn coachlog_refuses(home: &Path, data: &Path, args: &[&str]) -> String {
    let output = coachlog_run(home, data, args);
    assert!(!output.status.success(), "coachlog {args:?} succeeded");
    String::from_utf8(output.stderr).expect("utf-8")
}

#[test]
fn a_client_answers_the_feedback_page_by_keyboard_and_the_block_is_imported() {
    let Some(tools) = tools() else { return };
    let Some((node, puppeteer)) = puppeteer() else {
        return;
    };
    let temp = tempfile::tempdir().expect("temp dir");
    let (home, data) = (temp.path().join("home"), temp.path().join("logbook"));
    std::fs::create_dir_all(&home).expect("home");
    let run_ok =
        |args: &[&str]| String::from_utf8(coachlog(&home, &data, args).stdout).expect("utf-8");
    run_ok(&["partner", "add", "Alex Kim", "--client-type", "peer"]);
    // The coach's own estimate of the session, to set beside the client's word.
    run_ok(&[
        "log",
        "alex",
        "1h",
        "--date",
        "2026-11-20",
        "--scores",
        "9,9,9,9",
        "--rated-by",
        "self",
    ]);
    let sessions: serde_json::Value =
        serde_json::from_str(&run_ok(&["sessions", "--json"])).expect("json");
    let id = sessions[0]["id"].as_str().expect("id").to_owned();
    let out = temp.path().join("out");
    std::fs::create_dir_all(&out).expect("out");
    let said = run_ok(&[
        "feedback",
        "request",
        &id,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let request = said
        .split("request ")
        .nth(1)
        .and_then(|r| r.split('.').next())
        .expect("the request's id")
        .to_owned();
    let page = out.join(format!("feedback-{request}.html"));

    // Valid HTML: tidy finds no error.
    let tidy = run(
        Command::new("tidy").args(["-errors", "-quiet"]).arg(&page),
        60,
    );
    let tidy_said = String::from_utf8_lossy(&tidy.stderr);
    assert!(!tidy_said.contains("Error:"), "tidy: {tidy_said}");

    // The client fills the page with the keyboard alone; axe-core runs before and after.
    let filled = run(
        Command::new(&node)
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/fill-feedback.cjs"))
            .arg(&puppeteer)
            .arg(&tools.chromium)
            .arg(&page)
            .arg(&tools.axe)
            .arg(temp.path().join("profile")),
        180,
    );
    assert!(
        filled.status.success(),
        "the page was filled: {}",
        String::from_utf8_lossy(&filled.stderr)
    );
    let filled: serde_json::Value = serde_json::from_slice(&filled.stdout).expect("json");
    assert_eq!(
        filled["before"],
        serde_json::json!([]),
        "axe-core, as opened"
    );
    assert_eq!(filled["after"], serde_json::json!([]), "axe-core, answered");
    assert_eq!(
        filled["requests"],
        serde_json::json!([]),
        "the page asks nothing of the network"
    );
    assert_eq!(
        filled["focused"], "answer",
        "the answer has the focus once made"
    );
    let block = filled["block"].as_str().expect("the block").to_owned();
    for line in [
        format!("request: {request}"),
        "relationship: 9".into(),
        "goals: 10".into(),
        "approach: 8".into(),
        "overall: 9".into(),
        "experiment: Leave more silence before the next question.".into(),
        "share: yes".into(),
    ] {
        assert!(block.contains(&format!("{line}\n")), "{line} in {block}");
    }
    assert!(
        filled["mailto"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("request%3A%20{request}"))),
        "the e-mail link carries the block"
    );

    let session_file = || {
        let year = data.join("sessions/2026");
        let name = std::fs::read_dir(&year)
            .expect("sessions")
            .map(|e| e.expect("entry").path())
            .find(|p| p.to_string_lossy().contains(&id))
            .expect("the session's file");
        std::fs::read_to_string(name).expect("read")
    };
    let before = session_file();
    let answer = temp.path().join("answer.txt");
    let refused = |text: &str, needle: &str| {
        std::fs::write(&answer, text).expect("write");
        let err = coachlog_refuses(
            &home,
            &data,
            &["feedback", "import", answer.to_str().expect("utf-8")],
        );
        assert!(err.contains(needle), "{needle}: {err}");
        assert_eq!(session_file(), before, "nothing stored");
    };
    // One digit changed, and the block cut off by a chat app: each named, nothing stored.
    refused(
        &block.replace("goals: 10", "goals: 1"),
        "changed after the page made it",
    );
    refused(&block[..block.find("share:").expect("share")], "cut off");

    // The block as the page made it, pasted into a reply: stored as the client's own word.
    std::fs::write(&answer, format!("Hi! Here it is:\n\n{block}\nAlex\n")).expect("write");
    let stored = run_ok(&["feedback", "import", answer.to_str().expect("utf-8")]);
    assert!(
        stored.contains(&format!("Stored the answer to request {request}")),
        "{stored}"
    );
    let rated: serde_json::Value =
        serde_json::from_str(&run_ok(&["feedback", "--json"])).expect("json");
    let client = rated
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["rated_by"] == "client")
        .expect("the client's row");
    assert_eq!(client["source"], "request");
    assert_eq!(client["scores"], serde_json::json!([9.0, 10.0, 8.0, 9.0]));
    assert_eq!(
        client["gap"],
        serde_json::json!(0.0),
        "36 as the coach thought"
    );
    // A second import of the same block is refused, and changes nothing.
    let after = session_file();
    let err = coachlog_refuses(
        &home,
        &data,
        &["feedback", "import", answer.to_str().expect("utf-8")],
    );
    assert!(err.contains("imported already"), "{err}");
    assert_eq!(session_file(), after);
}
