//! The arguments of the records beyond sessions: `mentoring`, `supervision`, `education`, `cpd` and
//! `credential`.

use clap::{Args, Subcommand};

use super::words;
use coachlog_core::domain::date::DateArg;
use coachlog_core::domain::development::{Accreditation, CoachCredential, CpdCategory};
use coachlog_core::domain::duration::{self, Hours, Minutes};
use coachlog_core::domain::model::GroupSize;
use coachlog_core::domain::text;

/// `list` and `remove` of a kind of record kept in its own folder.
#[derive(Debug, Args)]
pub struct RecordListArgs {
    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `remove` of one record, by the id `list` shows.
#[derive(Debug, Args)]
pub struct RecordRemoveArgs {
    /// The record's id, as `log`, `add` and `list` print it (e.g. k3f9qa)
    pub id: String,
}

/// Whether mentoring or supervision was one-to-one or in a group.
#[derive(Debug, Args)]
pub struct GroupArgs {
    /// It was in a group of N (counting you), not one-to-one
    #[arg(long, value_name = "N")]
    pub group: Option<GroupSize>,
}

/// `coachlog mentoring …`.
#[derive(Debug, Subcommand)]
pub enum MentoringCommand {
    /// Record mentor coaching you received
    Log(MentoringLogArgs),
    /// List the mentor coaching you received, oldest first, with totals
    List(RecordListArgs),
    /// Delete one record of mentor coaching
    Remove(RecordRemoveArgs),
}

/// `coachlog mentoring log`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    coachlog mentoring log \"Dana Reyes\" 1h --credential MCC\n  \
    coachlog mentoring log \"Dana Reyes\" 90m --credential MCC --group 4 --date 2026-10-02\n  \
    coachlog mentoring log \"Lee Park\" 1h --credential ACC --renewed")]
pub struct MentoringLogArgs {
    /// The mentor's name
    #[arg(value_parser = text::single_line)]
    pub mentor: String,

    /// How long it lasted: 60, 45m, 1h, 1h30m, 1.5h, 90min
    #[arg(value_parser = duration::spoken)]
    pub duration: Minutes,

    /// The mentor's ICF credential (ICF asks for a PCC or MCC mentor, an ACC who has renewed it
    /// at least once may mentor an ACC application, and an MCC application needs an MCC)
    #[arg(value_parser = words::<CoachCredential>(), long, ignore_case = true)]
    pub credential: CoachCredential,

    /// The mentor had renewed that credential at least once by then (ICF counts an ACC mentor
    /// for an ACC only then)
    #[arg(long)]
    pub renewed: bool,

    /// The day: YYYY-MM-DD, today or yesterday
    #[arg(long, short, value_name = "DATE", default_value = "today")]
    pub date: DateArg,

    /// One-to-one unless in a group
    #[command(flatten)]
    pub group: GroupArgs,

    /// How to reach the mentor, for an auditor (e-mail or phone)
    #[arg(long, value_parser = text::single_line)]
    pub contact: Option<String>,

    /// Free notes (`-` reads them from standard input)
    #[arg(long)]
    pub notes: Option<String>,
}

/// `coachlog supervision …`.
#[derive(Debug, Subcommand)]
pub enum SupervisionCommand {
    /// Record supervision you received
    Log(SupervisionLogArgs),
    /// List the supervision you received, oldest first, with totals
    List(RecordListArgs),
    /// Delete one record of supervision
    Remove(RecordRemoveArgs),
}

/// `coachlog supervision log`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    coachlog supervision log \"Sam Ortiz\" 1h\n  \
    coachlog supervision log \"Sam Ortiz\" 90m --group 5 --date 2026-10-02")]
pub struct SupervisionLogArgs {
    /// The supervisor's name
    #[arg(value_parser = text::single_line)]
    pub supervisor: String,

    /// How long it lasted: 60, 45m, 1h, 1h30m, 1.5h, 90min
    #[arg(value_parser = duration::spoken)]
    pub duration: Minutes,

    /// The day: YYYY-MM-DD, today or yesterday
    #[arg(long, short, value_name = "DATE", default_value = "today")]
    pub date: DateArg,

    /// One-to-one unless in a group
    #[command(flatten)]
    pub group: GroupArgs,

    /// Free notes (`-` reads them from standard input)
    #[arg(long)]
    pub notes: Option<String>,
}

/// `coachlog education …`.
#[derive(Debug, Subcommand)]
pub enum EducationCommand {
    /// Record a course or programme of coach-specific education
    Add(EducationAddArgs),
    /// List your education, oldest first, with totals
    List(RecordListArgs),
    /// Delete one record of education
    Remove(RecordRemoveArgs),
}

/// `coachlog education add`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    coachlog education add \"Foundations of Coaching\" --provider \"North School\" --hours 64 \\\n    \
    --core-hours 50 --ethics-hours 4 --start 2025-01-13 --end 2025-06-20 --accreditation icf-level-1\n  \
    coachlog education add \"Systemisches Coaching\" --provider \"Akademie Nord\" --units 150 \\\n    \
    --start 2025-03-01 --end 2025-11-29 --accreditation none")]
pub struct EducationAddArgs {
    /// The course's title
    #[arg(value_parser = text::single_line)]
    pub title: String,

    /// Who gave it
    #[arg(long, value_parser = text::single_line)]
    pub provider: String,

    /// Its hours, as the certificate states them (e.g. 60 or 62.5)
    #[arg(long, required_unless_present = "units", conflicts_with = "units")]
    pub hours: Option<Hours>,

    /// Or its teaching units, as a certificate in units states them (e.g. 150), each of
    /// --unit-minutes
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub units: Option<u32>,

    /// The minutes of one teaching unit [default: 45]
    #[arg(
        long,
        value_name = "MINUTES",
        requires = "units",
        value_parser = clap::value_parser!(u32).range(1..=240)
    )]
    pub unit_minutes: Option<u32>,

    /// Of which on the ICF Core Competencies
    #[arg(long, value_name = "HOURS")]
    pub core_hours: Option<Hours>,

    /// Of which on ethics
    #[arg(long, value_name = "HOURS")]
    pub ethics_hours: Option<Hours>,

    /// The first day: YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub start: DateArg,

    /// The last day: the course counts once completed, on this day (without one, on its first day)
    #[arg(long, value_name = "DATE")]
    pub end: Option<DateArg>,

    /// How it is accredited
    #[arg(value_parser = words::<Accreditation>(), long)]
    pub accreditation: Accreditation,

    /// Free notes (`-` reads them from standard input)
    #[arg(long)]
    pub notes: Option<String>,
}

/// `coachlog cpd …`.
#[derive(Debug, Subcommand)]
pub enum CpdCommand {
    /// Record continuing education: a course, workshop or webinar with its units
    Log(CpdLogArgs),
    /// List your continuing education, oldest first, with totals by category
    List(RecordListArgs),
    /// Delete one record of continuing education
    Remove(RecordRemoveArgs),
}

/// `coachlog cpd log`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    coachlog cpd log \"Ethics in practice\" --provider ICF --units 3 --category ethics\n  \
    coachlog cpd log \"Team coaching\" --provider \"North School\" --units 7.5 \\\n    \
    --category resource-development --date 2026-09-12 --certificate CCE-12345")]
pub struct CpdLogArgs {
    /// What it was
    #[arg(value_parser = text::single_line)]
    pub title: String,

    /// Who gave it
    #[arg(long, value_parser = text::single_line)]
    pub provider: String,

    /// Its units or hours, as the certificate states them (one CCE unit is one hour)
    #[arg(long, value_name = "HOURS")]
    pub units: Hours,

    /// What it was about
    #[arg(value_parser = words::<CpdCategory>(), long)]
    pub category: CpdCategory,

    /// The day (the last day, for a course over several): YYYY-MM-DD, today or yesterday
    #[arg(long, short, value_name = "DATE", default_value = "today")]
    pub date: DateArg,

    /// The certificate's reference, for an audit
    #[arg(long, value_parser = text::single_line)]
    pub certificate: Option<String>,

    /// Free notes (`-` reads them from standard input)
    #[arg(long)]
    pub notes: Option<String>,
}

/// `coachlog credential …`.
#[derive(Debug, Subcommand)]
pub enum CredentialCommand {
    /// Record a credential you hold
    Add(CredentialAddArgs),
    /// List the credentials you hold, with when each expires
    List(RecordListArgs),
    /// Delete one credential's record
    Remove(RecordRemoveArgs),
}

/// `coachlog credential add`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    coachlog credential add icf acc --granted 2026-05-01\n  \
    coachlog credential add emcc-foundation --granted 2026-02-01 --expires 2031-02-01")]
pub struct CredentialAddArgs {
    /// The scheme, as `summary` names it: icf-acc, or the two words icf acc
    #[arg(required = true, num_args = 1..=2, value_name = "SCHEME")]
    pub scheme: Vec<String>,

    /// The day it was granted: YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub granted: DateArg,

    /// The day it expires [default: the scheme's renewal period after it was granted: 3 years for
    /// ICF and AC, 5 for EMCC]
    #[arg(long, value_name = "DATE")]
    pub expires: Option<DateArg>,

    /// Free notes (`-` reads them from standard input)
    #[arg(long)]
    pub notes: Option<String>,
}
