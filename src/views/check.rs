//! The `check` report: each problem with its file and line, then the counts.

use super::Look;
use crate::domain::text::count;
use crate::storage::check::{Report, Severity};
use crate::ui::Paint;

/// The problems, one per line, and a line of counts.
pub fn text(report: &Report, look: &Look) -> String {
    let mut out = String::new();
    for p in &report.problems {
        let severity = match p.severity {
            Severity::Error => look.paint("error:", Paint::Red),
            Severity::Warning => look.paint("warning:", Paint::Yellow),
        };
        let line = p.line.map_or_else(String::new, |l| format!(":{l}"));
        out.push_str(&format!(
            "{severity} {}{line}: {}\n",
            p.file.display(),
            p.message
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
