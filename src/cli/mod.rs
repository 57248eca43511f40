//! The command-line interface: every command, flag and argument; each family of commands has its
//! arguments in a file of its own.
//!
//! Values are parsed here into domain types (dates, durations, ids, the vocabulary), so a bad value
//! is refused by clap with exit code 2 before any command runs.

mod files;
mod group;
mod partner;
mod proof;
mod records;
mod reports;
mod rules;
mod sessions;
mod setup;
mod words;

pub use files::*;
pub use group::*;
pub use partner::*;
pub use proof::*;
pub use records::*;
pub use reports::*;
pub use rules::*;
pub use sessions::*;
pub use setup::*;
pub use words::{Words, words};

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// A practice-hours logbook for coaches working toward ICF, EMCC or AC accreditation.
#[derive(Debug, Parser)]
#[command(
    name = "coachlog",
    version = env!("COACHLOG_VERSION"),
    help_expected = true,
    arg_required_else_help = true,
    after_help = "Start with:\n  coachlog partner add \"Alex Kim\" --client-type peer --arrangement reciprocal --duration 1h\n  \
                  coachlog log alex\n  coachlog config set training_start 2025-01-13\n  coachlog summary"
)]
pub struct Cli {
    /// Keep the logbook in DIR [default: $COACHLOG_DIR, else the platform's data directory]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "DIR"
    )]
    pub data_dir: Option<PathBuf>,

    /// Go on past logbook files (and rows of an imported file) that cannot be read, and say how many
    #[arg(long, global = true, help_heading = "Global options")]
    pub skip_invalid: bool,

    /// When to use colour: auto (when NO_COLOR is unset and the output is a terminal), always, never
    #[arg(long, global = true, help_heading = "Global options", value_enum, value_name = "WHEN", default_value_t = Color::Auto)]
    pub color: Color,

    /// Draw bars and tables with ASCII characters only (the default in a locale that is not UTF-8)
    #[arg(long, global = true, help_heading = "Global options")]
    pub ascii: bool,

    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when NO_COLOR is unset and the output is a terminal
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record one session with a partner
    Log(LogArgs),
    /// List sessions, newest first, with totals
    Sessions(SessionsArgs),
    /// Delete one session, by the id `log` and `sessions` show
    Remove(RemoveArgs),
    /// Show progress toward each accreditation, requirement by requirement, with what is missing
    Summary(SummaryArgs),
    /// Show the balance of peer and non-coach clients, and the give and take with reciprocal partners
    Mix(MixArgs),
    /// Record the reflection after a session: scores and what to experiment with next time
    Reflect(ReflectArgs),
    /// Read the reflections: score trends, flagged sessions, and what to experiment with next
    Feedback(FeedbackArgs),
    /// Show coaching hours per month, quarter or year as a bar chart, peer and non-coach
    Stats(StatsArgs),
    /// Show or change the settings in config.toml
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Write one HTML file for a mentor: progress, charts and sessions; opens offline, prints to PDF
    Report(ReportArgs),
    /// Write sessions as CSV for a mentor, the ICF log or the mentor coaching log (CSV or Excel), an
    /// EMCC summary, or a JSON backup
    Export(ExportArgs),
    /// Read sessions from a CSV file (an export, or a spreadsheet with mapped columns), a calendar
    /// (.ics), or a JSON backup
    Import(ImportArgs),
    /// Add, list, show, change or remove the people and groups you coach
    #[command(subcommand)]
    Partner(PartnerCommand),
    /// List the schemes' rules and where each figure comes from (the body's page, when it took
    /// effect, when it was checked, or your own figure); `rules show SCHEME` in full
    Rules(RulesArgs),
    /// Run a practice group: match partners from a sign-up roster, see a cohort's progress from
    /// its students' packets
    #[command(subcommand)]
    Group(GroupCommand),
    /// Log, list or remove the mentor coaching you received (ICF: 10 h over 3 months)
    #[command(subcommand)]
    Mentoring(MentoringCommand),
    /// Log, list or remove the supervision you received (EMCC: 1 h a quarter)
    #[command(subcommand)]
    Supervision(SupervisionCommand),
    /// Add, list or remove your coach-specific education (ICF: 60 h for ACC)
    #[command(subcommand)]
    Education(EducationCommand),
    /// Log, list or remove continuing education after a credential (ICF CCE units, EMCC CPD)
    #[command(subcommand)]
    Cpd(CpdCommand),
    /// Add, list or remove the credentials you hold, for renewal
    #[command(subcommand)]
    Credential(CredentialCommand),
    /// Keep the logbook in git: `git init` starts its history; anything else runs git in it
    Git(GitArgs),
    /// Undo the last change coachlog committed (with a new commit; needs `coachlog git init`)
    Undo,
    /// Pull the logbook with rebase, then push it (a logbook in git with a remote)
    Sync,
    /// Keep a file that backs a record in the logbook: a certificate, a consent, a mentor's letter
    Attach(AttachArgs),
    /// List the evidence attached, or with --missing what still has none
    Evidence(EvidenceArgs),
    /// Sign a period as it stands (its sessions and each scheme's figures), for a mentor or
    /// supervisor; then list, verify or attach the signed statement
    Attest(AttestArgs),
    /// Sign a receipt of a session for the partner's logbook, or keep the partner's receipt beside
    /// yours: reciprocal hours both logbooks confirm
    Receipt(ReceiptArgs),
    /// Write one zip with what an application or an audit asks for: the accreditor's log, the
    /// summary, mentor coaching, education, CPD, attestations and their evidence
    Packet(PacketArgs),
    /// Log the sessions a phone wrote in the logbook's inbox (inbox.txt, inbox/*.txt), each line once
    Inbox(InboxArgs),
    /// List what needs you, most urgent first, each with the command that deals with it (for cron,
    /// a login script or a prompt)
    Due(DueArgs),
    /// Print one short line for a shell prompt: how many things are due and a scheme's hours
    Status(StatusArgs),
    /// Keep notes, contacts and agreements encrypted with a key outside the logbook, and move that
    /// key to another device
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Read every file and report problems: broken files, missing partners, duplicates, sync copies
    Check(CheckArgs),
    /// Record in session files of the earlier format the client type and group size they are judged by
    Upgrade(UpgradeArgs),
    /// Open a session's, a partner's or another record's file (or config.toml) in $EDITOR, and keep
    /// it only if valid
    Edit(EditArgs),
    /// Print the shell code that completes coachlog's commands, flags and partner ids
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or with --dir write one page per command (as git does)
    Man(ManArgs),
    /// Show where the logbook is kept and which setting chose it
    Paths,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
