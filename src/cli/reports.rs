//! The arguments of the reports: `summary`, `mix`, `stats`, `report`, `due`, `status` and `check`.

use std::path::PathBuf;

use clap::Args;

use super::words;
use coachlog_core::domain::period::PeriodArg;
use coachlog_core::reports::stats::By;

/// `coachlog due`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog due\n  coachlog due --within 60d\n  \
                        coachlog due --exit-code --json"
)]
pub struct DueArgs {
    /// How far ahead to look for what is due by a day: days (30, 30d) or weeks (4w)
    #[arg(long, value_name = "DAYS", default_value = "30d", value_parser = days)]
    pub within: i64,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,

    /// Exit with 1 when anything is due, 0 when nothing is (for scripts)
    #[arg(long)]
    pub exit_code: bool,
}

/// `coachlog status`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog status\n  coachlog status --scheme icf-pcc")]
pub struct StatusArgs {
    /// The scheme whose hours to show (an id such as icf-pcc); else the first that summary shows
    #[arg(long, value_name = "ID")]
    pub scheme: Option<String>,

    /// Compare the cache with every file of the logbook and work the line out again if anything
    /// changed, printing nothing (status starts this in the background)
    #[arg(long, hide = true)]
    pub refresh: bool,
}

/// Reads a number of days: `30`, `30d`, `4w`.
fn days(text: &str) -> Result<i64, String> {
    let t = text.trim().to_ascii_lowercase();
    let (number, unit) = match t.strip_suffix('w') {
        Some(n) => (n, 7),
        None => (t.strip_suffix('d').unwrap_or(&t), 1),
    };
    match number.trim().parse::<i64>() {
        Ok(n) if (0..=3660).contains(&n) => Ok(n * unit),
        _ => Err(format!(
            "'{text}' is not a number of days: give days or weeks, e.g. 30, 30d or 4w"
        )),
    }
}

/// `coachlog check`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog check\n  coachlog check --strict\n  coachlog check --icf\n  coachlog check --fix"
)]
pub struct CheckArgs {
    /// Print a JSON array of problems (severity, file, line, message)
    #[arg(long)]
    pub json: bool,

    /// Exit with status 1 on warnings too, not only on errors
    #[arg(long)]
    pub strict: bool,

    /// Also list the rows of the ICF log an auditor would reject: clients without contact
    /// information, groups without a member's contact, aliases without an organisation contact
    #[arg(long)]
    pub icf: bool,

    /// First remove the temporary files that interrupted writes left (under the logbook's lock,
    /// so never one a running command is writing) and make every file and folder owner-only
    #[arg(long)]
    pub fix: bool,
}

/// `coachlog stats`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog stats\n  coachlog stats --by quarter\n  coachlog stats --by year --from 2025 --json"
)]
pub struct StatsArgs {
    /// The length of each period [default: month]
    #[arg(long, value_parser = words::<By>(), value_name = "PERIOD")]
    pub by: Option<By>,

    /// Only sessions from the first day of PERIOD (a date, YYYY-MM, YYYY-Qn, YYYY, this-year, …)
    #[arg(long, value_name = "PERIOD")]
    pub from: Option<PeriodArg>,

    /// Only sessions up to the last day of PERIOD
    #[arg(long, value_name = "PERIOD")]
    pub to: Option<PeriodArg>,

    /// Print a JSON array of periods instead of a chart
    #[arg(long)]
    pub json: bool,
}

/// `coachlog summary`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog summary\n  coachlog summary --scheme icf-pcc --scheme emcc-practitioner\n  \
                        coachlog summary --as-of 2026-06-30 --json"
)]
pub struct SummaryArgs {
    /// Count sessions up to DATE, the day you would apply (YYYY-MM-DD, today, or the last day of a
    /// period such as 2026-06 or last-month)
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub as_of: PeriodArg,

    /// Show this scheme (may be repeated) [default: config show_schemes, else for each body the
    /// lowest level not yet met]
    #[arg(long, value_name = "ID")]
    pub scheme: Vec<String>,

    /// Print JSON instead of tables (every scheme unless --scheme is given)
    #[arg(long)]
    pub json: bool,

    /// Show each body's next level in full, with every note, rather than the first screen
    #[arg(long, conflicts_with_all = ["scheme", "renewal", "target"])]
    pub all: bool,

    /// Show the renewal of each credential held (`coachlog credential add`): continuing education
    /// and mentor coaching in its window, and the days until it expires
    #[arg(long, conflicts_with = "scheme")]
    pub renewal: bool,

    /// Plan toward one scheme: for each unmet requirement, the date it would be met at the pace of
    /// the last 90 days (and, with --by, the pace needed)
    #[arg(long, value_name = "ID", conflicts_with_all = ["scheme", "renewal"])]
    pub target: Option<String>,

    /// With --target: the day to meet it by (YYYY-MM-DD, or the last day of a period such as 2027-06)
    #[arg(long, value_name = "DATE", requires = "target")]
    pub by: Option<PeriodArg>,
}

/// `coachlog mix`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog mix\n  coachlog mix --as-of 2026-06-30\n  coachlog mix --check"
)]
pub struct MixArgs {
    /// Count sessions up to DATE (YYYY-MM-DD, today, or the last day of a period such as 2026-06)
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub as_of: PeriodArg,

    /// Print JSON instead of tables
    #[arg(long)]
    pub json: bool,

    /// Exit with status 1 when the share of non-coach hours is below the target (for scripts)
    #[arg(long)]
    pub check: bool,
}

/// `coachlog report`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog report\n  \
    coachlog report --anonymize --scheme icf-acc --output for-my-mentor.html --open\n  \
    coachlog report --from 2026-01 --to 2026-06 --as-of 2026-06-30")]
pub struct ReportArgs {
    /// Write to FILE (`-` is standard output) [default: coachlog-report-<as-of date>.html in the
    /// current directory]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE if it is a regular file that exists (never a pipe, device or link)
    #[arg(long)]
    pub force: bool,

    /// Open the report with the system's opener once written
    #[arg(long)]
    pub open: bool,

    /// Replace names by stable aliases (Client 01, Client 02, …), as exports do
    #[arg(long)]
    pub anonymize: bool,

    /// Show this scheme (may be repeated) [default: as summary shows]
    #[arg(long, value_name = "ID")]
    pub scheme: Vec<String>,

    /// Only sessions from the first day of PERIOD in the charts and the table
    #[arg(long, value_name = "PERIOD")]
    pub from: Option<PeriodArg>,

    /// Only sessions up to the last day of PERIOD [default: the as-of date]
    #[arg(long, value_name = "PERIOD")]
    pub to: Option<PeriodArg>,

    /// Judge progress on DATE [default: the last day of --to, else today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<PeriodArg>,
}
