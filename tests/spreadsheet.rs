//! Exports in a real spreadsheet application: LibreOffice Calc, headless, opens the sample
//! logbook's CSV exports as a person's double click would (the character set detected, the fields
//! split as the file says) in a German locale and in an English one, and saves them as a workbook
//! whose cells are read back: names must be intact, and every hours cell a number, not text.
//!
//! It needs `soffice` (Debian's `libreoffice-calc-nogui`). Without it, it says so and passes, so
//! that `cargo test` runs anywhere; `.ci/run` installs it and sets
//! `COACHLOG_SPREADSHEET_TESTS=require`, which makes a missing program a failure.

// A test may say on stderr why it skips; the lints on output are for coachlog itself.
#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, DataType, Reader, Xlsx};

/// The path of a program on PATH.
fn find(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn soffice() -> Option<PathBuf> {
    let required = std::env::var("COACHLOG_SPREADSHEET_TESTS").is_ok_and(|v| v == "require");
    let found = find("soffice");
    if found.is_none() {
        assert!(
            !required,
            "COACHLOG_SPREADSHEET_TESTS=require, but soffice (libreoffice-calc-nogui) is not installed"
        );
        eprintln!("skipping the spreadsheet test: soffice not installed (.ci/run installs it)");
    }
    found
}

/// Writes `coachlog ARGS` (an export of the sample logbook) to `file`.
fn export(dir: &Path, file: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(file);
    let mut all = args.to_vec();
    all.extend(["--output", path.to_str().expect("utf-8")]);
    coachlog(
        dir,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample-logbook"),
        &all,
    );
    path
}

/// Runs `coachlog ARGS` on the logbook `data`, with `dir` as home and the ambient environment
/// removed; it must succeed.
fn coachlog(dir: &Path, data: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_coachlog"))
        .args(args)
        .env_clear()
        .env("HOME", dir)
        .env("COACHLOG_DIR", data)
        .env("COACHLOG_TODAY", "2026-11-23")
        .output()
        .expect("coachlog runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The rows of `csv` as LibreOffice Calc opens it in the locale `language` (an LCID: 1031 is
/// German, 1033 English), splitting fields on `separator`; the character set is left to Calc.
fn opened(soffice: &Path, csv: &Path, separator: char, language: u32) -> Vec<Vec<Data>> {
    let dir = csv.parent().expect("dir");
    let out_dir = dir.join(format!("calc-{language}"));
    // Field separator, text delimiter ("), character set (detected), first line, column formats
    // (standard), language.
    let filter = format!("CSV:{},34,,1,,{language}", u32::from(separator));
    let out = Command::new(soffice)
        .args(["--headless", "--norestore", "--convert-to", "xlsx"])
        .arg(format!("--infilter={filter}"))
        .arg("--outdir")
        .arg(&out_dir)
        .arg(csv)
        .env("HOME", dir)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "soffice {filter} {}: {}\n{}",
        csv.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let xlsx = out_dir.join(csv.with_extension("xlsx").file_name().expect("name"));
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).expect("the workbook Calc saved");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("read");
    sheet.rows().map(<[Data]>::to_vec).collect()
}

/// The cells of the column headed `header`, below the header.
fn column<'a>(rows: &'a [Vec<Data>], header: &str) -> Vec<&'a Data> {
    let at = rows[0]
        .iter()
        .position(|c| matches!(c, Data::String(s) if s == header))
        .unwrap_or_else(|| panic!("no column {header}: {:?}", rows[0]));
    rows[1..].iter().filter_map(|r| r.get(at)).collect()
}

fn is_number(cell: &Data) -> bool {
    matches!(cell, Data::Float(_) | Data::Int(_))
}

#[test]
fn exports_open_in_calc_with_names_intact_and_hours_as_numbers() {
    let Some(soffice) = soffice() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    // A German or French spreadsheet: --excel.
    let sessions = export(dir, "sessions.csv", &["export", "sessions", "--excel"]);
    let rows = opened(&soffice, &sessions, ';', 1031);
    assert_eq!(rows.len(), 60, "59 sessions and the header");
    let hours = column(&rows, "hours");
    assert_eq!(
        hours.iter().filter(|c| is_number(c)).count(),
        59,
        "every hours cell a number: {hours:?}"
    );
    let total: f64 = hours.iter().filter_map(|c| c.get_float()).sum();
    assert!(
        (total - 56.17).abs() < 0.05,
        "the hours add up as `sessions` shows: {total}"
    );
    assert!(
        column(&rows, "minutes").iter().all(|c| is_number(c)),
        "minutes are numbers"
    );
    let icf = export(dir, "icf.csv", &["export", "icf", "--excel"]);
    let rows = opened(&soffice, &icf, ';', 1031);
    assert!(
        column(&rows, "Paid hours").iter().all(|c| is_number(c)),
        "{:?}",
        column(&rows, "Paid hours")
    );
    // A name with accents, in a logbook of its own.
    let named = dir.join("named");
    let coachlog = |args: &[&str]| coachlog(dir, &named, args);
    coachlog(&[
        "partner",
        "add",
        "José Müller",
        "--client-type",
        "non-coach",
    ]);
    coachlog(&["log", "jose", "1h30m", "--date", "2026-03-14"]);
    let jose = dir.join("jose.csv");
    coachlog(&[
        "export",
        "sessions",
        "--excel",
        "--output",
        jose.to_str().expect("utf-8"),
    ]);
    for (separator, language) in [(';', 1031), (';', 1036)] {
        let rows = opened(&soffice, &jose, separator, language);
        assert_eq!(
            column(&rows, "partner")[0],
            &Data::String("José Müller".into())
        );
        assert_eq!(column(&rows, "hours")[0].get_float(), Some(1.5));
    }
    // An English spreadsheet: --excel --delimiter ,.
    let english = export(
        dir,
        "english.csv",
        &["export", "sessions", "--excel", "--delimiter", ","],
    );
    let rows = opened(&soffice, &english, ',', 1033);
    assert!(column(&rows, "hours").iter().all(|c| is_number(c)));
    // What the test guards against: the plain CSV (a decimal point) in a German spreadsheet reads
    // its hours as text.
    let plain = export(dir, "plain.csv", &["export", "sessions"]);
    let rows = opened(&soffice, &plain, ',', 1031);
    let text = column(&rows, "hours")
        .iter()
        .filter(|c| matches!(c, Data::String(_)))
        .count();
    assert!(text > 0, "the check would see hours read as text");
}

/// The pages LibreOffice prints `xlsx` on (to PDF), and their text, page by page.
fn printed(soffice: &Path, xlsx: &Path) -> (u32, bool, Vec<String>) {
    let dir = xlsx.parent().expect("dir");
    let out_dir = dir.join("printed");
    let out = Command::new(soffice)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(xlsx)
        .env("HOME", dir)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = out_dir.join(xlsx.with_extension("pdf").file_name().expect("name"));
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo (poppler-utils) runs");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let pages: u32 = field("Pages:").parse().expect("pages");
    // "842 x 595 pts (A4)": wider than tall.
    let size: Vec<f64> = field("Page size:")
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    let landscape = size.len() >= 2 && size[0] > size[1];
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    (
        pages,
        landscape,
        text.split('\u{c}').map(str::to_owned).collect(),
    )
}

/// The ICF workbook printed from Calc: landscape, every column on the page, its title whole, and
/// its header row on each page of a longer log.
#[test]
fn the_icf_workbook_prints_across_the_page_with_its_header_on_each() {
    let Some(soffice) = soffice() else { return };
    let home = tempfile::tempdir().expect("temp dir");
    let dir = home.path();
    let xlsx = export(dir, "icf-log.xlsx", &["export", "xlsx"]);
    let (pages, landscape, text) = printed(&soffice, &xlsx);
    assert!(landscape, "landscape");
    assert_eq!(
        pages,
        1,
        "the sample's log on one page:\n{}",
        text.join("\n---\n")
    );
    assert!(
        text[0].contains("ICF Client Coaching Log — sessions from"),
        "{}",
        text[0]
    );
    assert!(
        text[0].contains("Paid Hours") || text[0].contains("Paid hours"),
        "{}",
        text[0]
    );

    // A long log (the sample's sessions many times over, by more clients) runs to more pages,
    // each with the header row.
    let data = dir.join("long");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample-logbook");
    copy_dir(&sample, &data);
    for i in 0..60 {
        coachlog(
            dir,
            &data,
            &[
                "partner",
                "add",
                &format!("Client {i:02}"),
                "--client-type",
                "non-coach",
            ],
        );
        coachlog(
            dir,
            &data,
            &[
                "log",
                &format!("client-{i:02}"),
                "1h",
                "--date",
                "2026-10-01",
            ],
        );
    }
    let long = dir.join("long.xlsx");
    coachlog(
        dir,
        &data,
        &["export", "xlsx", "--output", long.to_str().expect("utf-8")],
    );
    let (pages, landscape, text) = printed(&soffice, &long);
    assert!(landscape && pages >= 2, "{pages} pages");
    let header = text[0]
        .lines()
        .find(|l| l.contains("Client Name") || l.contains("Client name"))
        .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .expect("a header row");
    for page in text.iter().filter(|p| !p.trim().is_empty()) {
        assert!(
            page.contains(&header),
            "every page has the header {header:?}:\n{page}"
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}
