//! The `check` report: each problem with its file and line, then the counts.

use super::Look;
use crate::ui::Paint;
use coachlog_core::check::{Report, Severity};
use coachlog_core::domain::text::count;

/// The problems, one per line, and a line of counts.
pub fn text(report: &Report, look: &Look) -> String {
    let mut out = String::new();
    for p in &report.problems {
        let severity = match p.severity {
            Severity::Error => look.paint("error:", Paint::Red),
            Severity::Warning => look.paint("warning:", Paint::Yellow),
        };
        let line = p.line.map_or_else(String::new, |l| format!(":{l}"));
        // File names and messages quote what is in the files: shown safe, never raw.
        let problem = format!("{}{line}: {}", p.file.display(), p.message);
        out.push_str(&format!(
            "{severity} {}\n",
            coachlog_core::domain::text::for_terminal(&problem, 500, look.symbols().ellipsis)
        ));
    }
    let files = count(report.files, "file", "files");
    if report.problems.is_empty() {
        out.push_str(&format!("No problems in {files}.\n"));
    } else {
        out.push_str(&format!(
            "{}, {} in {files}.\n",
            count(report.count(Severity::Error), "error", "errors"),
            count(report.count(Severity::Warning), "warning", "warnings"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::check::Problem;

    #[test]
    fn problems_then_counts_in_each_look() {
        let report = Report {
            problems: vec![
                Problem {
                    severity: Severity::Error,
                    file: "sessions/2026/a.toml".into(),
                    line: Some(3),
                    message: "not a valid session file".into(),
                },
                Problem {
                    severity: Severity::Warning,
                    file: "partners/b.toml".into(),
                    line: None,
                    message: "readable by others".into(),
                },
            ],
            files: 2,
        };
        assert_eq!(
            text(&report, &Look::PLAIN),
            "error: sessions/2026/a.toml:3: not a valid session file\n\
             warning: partners/b.toml: readable by others\n\
             1 error, 1 warning in 2 files.\n"
        );
        let colour = text(&report, &Look::COLOUR);
        assert!(colour.starts_with("\x1b[31merror:\x1b[0m "), "{colour}");
        assert_eq!(text(&report, &Look::ASCII), text(&report, &Look::PLAIN));
        assert_eq!(
            text(&Report::default(), &Look::PLAIN),
            "No problems in 0 files.\n"
        );
    }
}
