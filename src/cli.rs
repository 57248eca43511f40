//! The command-line interface: every command, flag and argument, declared in one place.
//!
//! Values are parsed here into domain types (dates, durations, ids, the vocabulary), so a bad value
//! is refused by clap with exit code 2 before any command runs.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use coachlog_core::domain::agreement::FeedbackTiming;
use coachlog_core::domain::date::DateArg;
use coachlog_core::domain::development::{Accreditation, CoachCredential, CpdCategory};
use coachlog_core::domain::duration::{self, Hours, Minutes, Spoken};
use coachlog_core::domain::evidence::EvidenceKind;
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{
    Arrangement, ClientType, GroupSize, NotCounted, Payment, Role, Vocabulary,
};
use coachlog_core::domain::period::PeriodArg;
use coachlog_core::domain::reflection::{RatedBy, Scores};
use coachlog_core::domain::text;
use coachlog_core::import::Field;
use coachlog_core::reports::stats::By;
use coachlog_core::storage::config::ConfigKey;

/// Offers the domain's words (with what each means) as an argument's possible values, and reads
/// the one given: `#[arg(value_parser = words::<Payment>())]`.
#[derive(Debug)]
pub struct Words<T>(std::marker::PhantomData<T>);

impl<T> Clone for Words<T> {
    fn clone(&self) -> Self {
        Words(std::marker::PhantomData)
    }
}

/// The parser of the words of `T`.
pub fn words<T: Vocabulary>() -> Words<T> {
    Words(std::marker::PhantomData)
}

impl<T: Vocabulary> Words<T> {
    fn values() -> impl Iterator<Item = PossibleValue> {
        T::all()
            .iter()
            .map(|w| PossibleValue::new(w.word()).help(w.help()))
    }
}

impl<T: Vocabulary> TypedValueParser for Words<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        // clap's own parser of possible values says what is wrong, as for any other.
        let given = PossibleValuesParser::new(Self::values()).parse_ref(cmd, arg, value)?;
        let ignore_case = arg.is_some_and(clap::Arg::is_ignore_case_set);
        Ok(T::all()
            .iter()
            .copied()
            .find(|w| PossibleValue::new(w.word()).matches(&given, ignore_case))
            .expect("a possible value is one of the words"))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Self::values()))
    }
}

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

/// `coachlog man`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog man > ~/.local/share/man/man1/coachlog.1\n  \
    coachlog man --dir ~/.local/share/man/man1   # coachlog.1, coachlog-log.1, coachlog-partner-add.1, …"
)]
pub struct ManArgs {
    /// Write coachlog.1 and a page for every command (coachlog-log.1, …) into DIR
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
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

/// `coachlog log`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog log alex --duration 45m\n  \
                        coachlog log sam --date yesterday --role client\n  \
                        coachlog log \"Jordan Lee\" --duration 1h30m --payment paid\n  \
                        coachlog log team-leads 90m --group-size 4\n  \
                        coachlog log mei 30m --not-counted in-class")]
pub struct LogArgs {
    /// The partner: an id, a unique start of one, or the name (in a terminal, asked for when left out)
    pub partner: Option<String>,

    /// How long it lasted, as the second word (coachlog log alex 45m); the same as --duration
    #[arg(
        value_name = "DUR",
        allow_negative_numbers = true,
        allow_hyphen_values = true
    )]
    pub length: Option<Spoken>,

    /// The day of the session: YYYY-MM-DD, today, yesterday, a weekday (monday, last friday) or
    /// N days ago
    #[arg(long, short, value_name = "DATE", default_value = "today")]
    pub date: DateArg,

    /// How long it lasted: 60, 45m, 1h, 1h30m, 1.5h, 90min [default: the partner's usual duration]
    #[arg(long, short = 't', value_name = "DUR", allow_hyphen_values = true)]
    pub duration: Option<Spoken>,

    /// Who coached in this session
    #[arg(long, value_parser = words::<Role>(), default_value_t = Role::Coach)]
    pub role: Role,

    /// What the client gave [default: the partner's payment, else exchange if reciprocal, else pro-bono]
    #[arg(long, value_parser = words::<Payment>())]
    pub payment: Option<Payment>,

    /// Record the session as part of a reciprocal arrangement [default: the partner's arrangement]
    #[arg(long, conflicts_with = "one_way")]
    pub reciprocal: bool,

    /// Record the session as one-way [default: the partner's arrangement]
    #[arg(long)]
    pub one_way: bool,

    /// For a group: how many members were present [default: the group's size]
    #[arg(long, value_name = "N")]
    pub group_size: Option<GroupSize>,

    /// Mark the session as practice that no accreditation counts, and why
    #[arg(long, value_parser = words::<NotCounted>(), value_name = "REASON")]
    pub not_counted: Option<NotCounted>,

    /// Notes on the session (confidential: kept in its file, left out of exports unless asked);
    /// - reads them from standard input, out of the shell's history
    #[arg(long, value_name = "TEXT", value_parser = text::notes)]
    pub notes: Option<String>,

    /// Write the notes in $VISUAL or $EDITOR (a temporary file, removed afterwards)
    #[arg(long, conflicts_with = "notes")]
    pub edit_notes: bool,

    /// Details of the reflection
    #[command(flatten)]
    pub reflection: ReflectionArgs,

    /// Ask for the reflection's scores and experiment, one by one (in a terminal)
    #[arg(long, conflicts_with_all = ["scores", "experiment"])]
    pub reflect: bool,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// A post-session reflection, for `log` and `reflect`.
#[derive(Debug, Args)]
pub struct ReflectionArgs {
    /// Four scores from 0 to 10 (one decimal at most): relationship,goals,approach,overall
    #[arg(long, value_name = "R,G,A,O")]
    pub scores: Option<Scores>,

    /// What the client invites you to experiment with next time
    #[arg(long, value_name = "TEXT", value_parser = text::notes)]
    pub experiment: Option<String>,

    /// Who gave the scores [default: client]
    #[arg(long, value_parser = words::<RatedBy>())]
    pub rated_by: Option<RatedBy>,
}

/// `coachlog sessions`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog sessions\n  coachlog sessions --partner alex --from 2026-01\n  coachlog sessions --from 2026-Q3 --notes\n  coachlog sessions --json"
)]
pub struct SessionsArgs {
    /// Only sessions with this partner (an id, a unique start of one, or the name)
    #[arg(long, short, value_name = "PARTNER")]
    pub partner: Option<String>,

    /// Only sessions from the first day of PERIOD: a date (YYYY-MM-DD, today), YYYY-MM, YYYY-Qn, YYYY,
    /// this-month, last-month, this-year, last-year or last-N-months
    #[arg(long, value_name = "PERIOD")]
    pub from: Option<PeriodArg>,

    /// Only sessions up to the last day of PERIOD (--to 2026-03 is through 31 March)
    #[arg(long, value_name = "PERIOD")]
    pub to: Option<PeriodArg>,

    /// Show the sessions' notes too
    #[arg(long)]
    pub notes: bool,

    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `coachlog remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The session's id, as `log` and `sessions` print it (e.g. k3f9qa)
    pub session: String,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// `coachlog reflect`.
#[derive(Debug, Args)]
#[command(
    after_help = "The scores follow the Session Rating Scale: relationship (felt valued and \
respected), goals and topics (worked on what the client wanted), approach or method (fit the \
client), overall. A total below 36 or an item below 9 flags the session (see `coachlog config`).\n\n\
Examples:\n  coachlog reflect k3f9qa --scores 9,10,8.5,9 --experiment \"leave more silence\"\n  \
coachlog reflect k3f9qa --scores 8,9,9,9 --rated-by self"
)]
pub struct ReflectArgs {
    /// The session's id, as `log` and `sessions` print it
    pub session: String,

    /// The reflection (without it, in a terminal, each part is asked for)
    #[command(flatten)]
    pub reflection: ReflectionArgs,
}

/// `coachlog feedback`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog feedback\n  coachlog feedback --partner alex\n  coachlog feedback --json"
)]
pub struct FeedbackArgs {
    /// Only this partner (an id, a unique start of one, or the name)
    #[arg(long, short, value_name = "PARTNER")]
    pub partner: Option<String>,

    /// Print a JSON array of rated sessions instead of tables
    #[arg(long)]
    pub json: bool,
}

/// `coachlog attach`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog attach c00t75 certificate.pdf\n  \
                        coachlog attach alex consent-form.pdf\n  \
                        coachlog attach mentoring:jje0je letter.pdf --kind letter")]
pub struct AttachArgs {
    /// The record: a session's id, another record's id (education, CPD, mentoring, supervision,
    /// credential), or a partner; KIND:ID says which when an id is both (mentoring:jje0je)
    pub record: String,

    /// The file to keep (copied into the logbook's evidence folder, owner-only)
    pub file: PathBuf,

    /// What the file is [default: a certificate for education, CPD and a credential; a consent for
    /// a partner; a letter for mentoring and supervision; a recording consent for a session]
    #[arg(long, value_parser = words::<EvidenceKind>())]
    pub kind: Option<EvidenceKind>,
}

/// `coachlog evidence`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog evidence\n  coachlog evidence --missing")]
pub struct EvidenceArgs {
    /// List what has no evidence yet: each education and CPD record (its certificate), each mentor
    /// (a letter), and with evidence.consent_forms each consenting partner (the consent)
    #[arg(long)]
    pub missing: bool,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `coachlog attest`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  coachlog attest --period 2026-Q3 --by \"Dana Reyes\"\n  \
                  coachlog attest --from 2026-01-01 --to 2026-06-30\n  coachlog attest verify\n  \
                  coachlog attest sign a1b2c3 signed-statement.pdf"
)]
pub struct AttestArgs {
    /// What to do with the attestations made (without it, attest a period)
    #[command(subcommand)]
    pub command: Option<AttestCommand>,

    /// The first day of the period: YYYY-MM-DD, or a month, quarter or year (its first day)
    #[arg(long, value_name = "DATE")]
    pub from: Option<PeriodArg>,

    /// The last day of the period: YYYY-MM-DD, or a month, quarter or year (its last day)
    #[arg(long, value_name = "DATE")]
    pub to: Option<PeriodArg>,

    /// The period as a whole: a month (2026-09), a quarter (2026-Q3) or a year (2026)
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["from", "to"])]
    pub period: Option<PeriodArg>,

    /// Who signs it (a mentor, a supervisor), as the statement names them
    #[arg(long, value_name = "NAME", value_parser = text::single_line)]
    pub by: Option<String>,

    /// Write the statement to sign to FILE [default: attestation-FROM-TO.html]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the statement's file if it exists (a regular file only)
    #[arg(long)]
    pub force: bool,
}

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

/// `coachlog keys …`.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Make the key (kept on this device, outside the logbook) and encrypt every note, experiment,
    /// agreement and partner contact; the same as `coachlog config set encrypt_notes true`
    #[command(after_help = "Examples:\n  coachlog keys init")]
    Init,
    /// Say whether notes are encrypted, and whether this device has their key
    #[command(after_help = "Examples:\n  coachlog keys show")]
    Show,
    /// Print the key, or write it to a new file, to import it on another device
    #[command(after_help = "Examples:\n  coachlog keys export --output coachlog-key.txt")]
    Export(KeysExportArgs),
    /// Keep a key exported on another device, so that this one reads the notes
    #[command(after_help = "Examples:\n  coachlog keys import coachlog-key.txt")]
    Import(KeysImportArgs),
}

/// `coachlog keys export`.
#[derive(Debug, Args)]
pub struct KeysExportArgs {
    /// Write the key to this new file (owner-only) instead of printing it (`-`: print it)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `coachlog keys import`.
#[derive(Debug, Args)]
pub struct KeysImportArgs {
    /// The file `coachlog keys export` wrote, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
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

/// `coachlog inbox`.
#[derive(Debug, Args)]
#[command(after_help = "A line of the inbox is a session in the quick form:\n  \
                        2026-12-02 alex 45m\n  yesterday jordan 1h paid # went well\n  \
                        last friday priya 1h as client\n\n\
                        Examples:\n  coachlog inbox --dry-run\n  coachlog inbox")]
pub struct InboxArgs {
    /// Say what would be logged, and log nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `coachlog packet`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  coachlog packet icf-acc\n  \
                  coachlog packet icf-pcc --as-of 2026-12-31 --output pcc-application.zip\n  \
                  coachlog packet emcc-practitioner --anonymize\n  coachlog packet verify icf-acc-packet-2026-11-23.zip"
)]
pub struct PacketArgs {
    /// Check a packet against its MANIFEST
    #[command(subcommand)]
    pub command: Option<PacketCommand>,

    /// The scheme applied for: icf-acc, icf-pcc, emcc-practitioner, ac-coach, … (`coachlog config
    /// show` lists them)
    pub scheme: Option<String>,

    /// The day the packet is judged as of [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<PeriodArg>,

    /// Write the zip to FILE [default: SCHEME-packet-DATE.zip]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// For a mentor: aliases instead of names, no contact details and no evidence files
    #[arg(long)]
    pub anonymize: bool,

    /// Replace the zip if it exists (a regular file only)
    #[arg(long)]
    pub force: bool,
}

/// `coachlog packet …`.
#[derive(Debug, Subcommand)]
pub enum PacketCommand {
    /// Check every file of a packet against its MANIFEST
    Verify(PacketVerifyArgs),
}

/// `coachlog packet verify`.
#[derive(Debug, Args)]
pub struct PacketVerifyArgs {
    /// The packet's zip
    pub file: PathBuf,
}

/// `coachlog attest …`.
#[derive(Debug, Subcommand)]
pub enum AttestCommand {
    /// List the attested periods, and whether each still holds what was signed
    List(AttestListArgs),
    /// Say whether each attested period (or one) still holds exactly what was signed
    Verify(AttestVerifyArgs),
    /// Attach the signed statement (a scan, or an OpenSSH signature file) to an attestation
    Sign(AttestSignArgs),
    /// Take an attestation back, with a reason kept on it: it no longer vouches for its period,
    /// which may then be attested again
    Withdraw(AttestWithdrawArgs),
}

/// `coachlog attest withdraw`.
#[derive(Debug, Args)]
pub struct AttestWithdrawArgs {
    /// The attestation's id, as `attest` and `attest list` print it
    pub id: String,

    /// Why it is withdrawn (kept on the attestation, and shown in a packet)
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub reason: String,
}

/// `coachlog attest list`.
#[derive(Debug, Args)]
pub struct AttestListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `coachlog attest verify`.
#[derive(Debug, Args)]
pub struct AttestVerifyArgs {
    /// The attestation's id [default: every attestation]
    pub id: Option<String>,
}

/// `coachlog attest sign`.
#[derive(Debug, Args)]
pub struct AttestSignArgs {
    /// The attestation's id, as `attest` and `attest list` print it
    pub id: String,

    /// The signed statement: a scan, a PDF, or an OpenSSH signature (`ssh-keygen -Y sign`)
    pub file: PathBuf,
}

/// Changing what an attested period rests on (a session in it or before it, the rules, a client's
/// consent): allowed with a reason, which the attestation records.
#[derive(Debug, Clone, Default, Args)]
pub struct ReopenArgs {
    /// Change what an attested period rests on: a session in it or before it, the rules it was
    /// judged by, a client's consent (recorded on the attestation, with --reason)
    #[arg(long, requires = "reason")]
    pub reopen: bool,

    /// Why the attested period is changed
    #[arg(long, value_name = "TEXT", requires = "reopen", value_parser = text::single_line)]
    pub reason: Option<String>,
}

impl ReopenArgs {
    /// The reason given, when the change is to reopen an attested period.
    pub fn reason(&self) -> Option<String> {
        self.reason.clone().filter(|_| self.reopen)
    }
}

/// `coachlog edit`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog edit k3f9qa\n  coachlog edit partner alex\n  coachlog edit config"
)]
pub struct EditArgs {
    /// A session's id, or `partner`, `mentoring`, `supervision`, `education`, `cpd`,
    /// `credential` (each followed by an id), or `config`
    pub target: String,

    /// With `partner`: the partner (an id, a unique start of one, or the name); with the other
    /// records: the id `list` shows
    pub partner: Option<String>,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// The shells `coachlog completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash: source <(coachlog completions bash) in ~/.bashrc
    Bash,
    /// Zsh: source <(coachlog completions zsh) in ~/.zshrc
    Zsh,
    /// Fish: coachlog completions fish | source, in ~/.config/fish/completions/coachlog.fish
    Fish,
    /// PowerShell: coachlog completions powershell | Out-String | Invoke-Expression, in $PROFILE
    Powershell,
    /// Elvish: eval (coachlog completions elvish | slurp), in ~/.config/elvish/rc.elv
    Elvish,
}

/// `coachlog completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
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

/// `coachlog upgrade`.
#[derive(Debug, Args)]
#[command(
    after_help = "Session files written before coachlog recorded the client type and group size \
of each session take them from their partner's file, so editing the partner would change them. \
`upgrade` writes the partner's current values into those files, once, changing nothing else in \
them; running it again finds nothing to do.\n\nExamples:\n  coachlog upgrade --dry-run\n  \
coachlog upgrade"
)]
pub struct UpgradeArgs {
    /// Show what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
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

/// `coachlog config …`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show every setting, and the schemes with their figures
    Show(ConfigShowArgs),
    /// Change one setting
    #[command(
        after_help = "Examples:\n  coachlog config set training_start 2025-01-13\n  \
                            coachlog config set show_schemes icf-acc,emcc-foundation\n  \
                            coachlog config set mix.min_non_coach_share 60%\n  \
                            coachlog config set icf.exchange_balance_rule pooled"
    )]
    Set(ConfigSetArgs),
    /// Remove one setting, so that its default applies
    Unset(ConfigUnsetArgs),
}

/// `coachlog config show`.
#[derive(Debug, Args)]
pub struct ConfigShowArgs {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `coachlog config set`.
#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// The setting
    #[arg(value_parser = words::<ConfigKey>())]
    pub key: ConfigKey,

    /// Its new value
    pub value: String,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// `coachlog config unset`.
#[derive(Debug, Args)]
pub struct ConfigUnsetArgs {
    /// The setting
    #[arg(value_parser = words::<ConfigKey>())]
    pub key: ConfigKey,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// What `coachlog export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// CSV, one row per session, for a mentor or a spreadsheet
    Sessions,
    /// CSV in the layout of the ICF Client Coaching Log, one row per client
    Icf,
    /// CSV, one row per client under an anonymised reference
    Emcc,
    /// Every partner, session and setting: a complete backup
    Json,
    /// The ICF Client Coaching Log as an Excel workbook (needs --output)
    Xlsx,
    /// CSV, one row per mentor: the mentor coaching log an ICF application asks for
    Mentoring,
    /// The mentor coaching log as an Excel workbook (needs --output)
    MentoringXlsx,
}

/// `coachlog export`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog export sessions --from 2026-01-01 --to 2026-06-30 > for-my-mentor.csv\n  \
                        coachlog export icf --output icf-log.csv\n  \
                        coachlog export xlsx --output icf-log.xlsx --include-contact\n  \
                        coachlog export mentoring --include-contact --output mentor-coaching.csv\n  \
                        coachlog export sessions --anonymize --excel --output for-my-mentor.csv\n  \
                        coachlog export json --output backup.json"
)]
pub struct ExportArgs {
    /// What to write
    #[arg(value_enum)]
    pub format: ExportFormat,

    /// Only sessions from the first day of PERIOD: a date (YYYY-MM-DD, today), YYYY-MM, YYYY-Qn, YYYY,
    /// this-month, last-month, this-year, last-year or last-N-months
    #[arg(long, value_name = "PERIOD")]
    pub from: Option<PeriodArg>,

    /// Judge the export as of the last day of PERIOD (--to 2026-03 is through 31 March): no
    /// session after it is in the file [default: today; for `export json`, every session]
    #[arg(long, visible_alias = "as-of", value_name = "PERIOD")]
    pub to: Option<PeriodArg>,

    /// Replace names by stable aliases (Client 01, Client 02, …) and leave out contacts and notes
    #[arg(long, conflicts_with_all = ["include_notes", "include_contact"])]
    pub anonymize: bool,

    /// Fill the notes column of the sessions CSV (notes are confidential)
    #[arg(long)]
    pub include_notes: bool,

    /// Fill the contact column of the ICF log or the mentor coaching log (contacts are confidential)
    #[arg(long)]
    pub include_contact: bool,

    /// The CSV field delimiter: , or ; (with ;, numbers take a decimal comma, as in the locales
    /// whose spreadsheets expect ;)
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub delimiter: Option<u8>,

    /// A CSV for Excel or LibreOffice: a byte-order mark (names read as UTF-8), ; between fields
    /// and a decimal comma (hours as numbers in a German or French spreadsheet); with
    /// --delimiter , for an English one
    #[arg(long)]
    pub excel: bool,

    /// Write to FILE instead of standard output (`-` is standard output)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace FILE if it is a regular file that exists (never a pipe, device or link)
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// `coachlog import`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog import sessions.csv --dry-run\n  \
                        coachlog import old-log.csv --map date=Date --map partner=Client --map minutes=Duration \\\n      \
                        --client-type non-coach --date-format %d/%m/%Y\n\n\
                        Fields: date, partner, minutes (any duration form) or hours (decimal), role, payment,\n\
                        arrangement, client_type, group_size, not_counted, notes, consent (yes or no, for a new\n\
                        partner). Each is read from the column of the same name unless --map names another.")]
pub struct ImportArgs {
    /// The CSV file, a backup written by `coachlog export json`, or - for standard input
    pub file: PathBuf,

    /// Read FIELD from the column HEADER (--map date=Date), or read a FIELD's VALUE as WORD
    /// (--map payment:Swap=exchange); may be repeated
    #[arg(long, value_name = "FIELD=HEADER|FIELD:VALUE=WORD", value_parser = field_mapping)]
    pub map: Vec<Mapping>,

    /// The client type of new partners when the file has no client_type column
    #[arg(long, value_parser = words::<ClientType>())]
    pub client_type: Option<ClientType>,

    /// The file's field delimiter: , or ;
    #[arg(long, value_name = "CHAR", value_parser = delimiter)]
    pub delimiter: Option<u8>,

    /// How the file writes dates, if not YYYY-MM-DD (a chrono format such as %d/%m/%Y)
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,

    /// Show what would be imported, and write nothing (with --skip-invalid, bad rows are listed and
    /// the others imported)
    #[arg(long)]
    pub dry_run: bool,

    /// A calendar: events up to DATE become sessions [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<PeriodArg>,

    /// A calendar: the user is coached in these sessions (whatever the rules say)
    #[arg(long, value_parser = words::<Role>())]
    pub role: Option<Role>,

    /// A calendar: create the partners the rules name and the logbook lacks (with the rule's
    /// client_type), instead of listing them
    #[arg(long)]
    pub create_partners: bool,

    /// A calendar: move the sessions whose event moved or changed length since they were imported
    #[arg(long)]
    pub update: bool,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// Reads a CSV delimiter: `,` or `;` (or `tab`).
fn delimiter(text: &str) -> Result<u8, String> {
    match text {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\\t" => Ok(b'\t'),
        _ => Err(format!("'{text}' is not a delimiter: use , or ; (or tab)")),
    }
}

/// What `import --map` says: the column a field is read from, or a value read as another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mapping {
    /// `FIELD=HEADER`: the field is read from the column HEADER.
    Column(Field, String),
    /// `FIELD:VALUE=WORD`: a cell of the field that says VALUE is read as WORD.
    Value(Field, String, String),
}

/// Reads `FIELD=HEADER` or `FIELD:VALUE=WORD`.
fn field_mapping(text: &str) -> Result<Mapping, String> {
    let (left, right) = text.split_once('=').ok_or_else(|| {
        format!("'{text}' is not FIELD=HEADER (e.g. date=Date) or FIELD:VALUE=WORD (e.g. payment:Swap=exchange)")
    })?;
    let right = right.trim();
    if right.is_empty() {
        return Err(format!("'{text}' names nothing after '='"));
    }
    match left.split_once(':') {
        Some((field, value)) if !value.trim().is_empty() => Ok(Mapping::Value(
            field.parse()?,
            value.trim().to_owned(),
            right.to_owned(),
        )),
        Some(_) => Err(format!("'{text}' names no value between ':' and '='")),
        None => Ok(Mapping::Column(left.parse()?, right.to_owned())),
    }
}

/// `coachlog partner …`.
#[derive(Debug, Subcommand)]
pub enum PartnerCommand {
    /// Add a person or group you coach or are coached by
    Add(PartnerAddArgs),
    /// List partners with their sessions and coaching hours
    List(PartnerListArgs),
    /// Show everything about one partner
    Show(PartnerShowArgs),
    /// Change a partner's details (sessions already logged keep their values)
    Edit(PartnerEditArgs),
    /// Record what you agreed with a practice partner: logistics, approach, feedback, and more
    Agree(PartnerAgreeArgs),
    /// Remove a partner (refused while sessions refer to them, unless --with-sessions)
    Remove(PartnerRemoveArgs),
    /// Forget a client on their request: their name becomes an alias, their contact and every
    /// note about them are erased, their sessions' hours stay
    Forget(PartnerForgetArgs),
    /// Mark a client engagement as ended: the partner stays with every session, shown as ended,
    /// and is never listed as quiet by `due`
    End(PartnerEndArgs),
    /// Undo `partner end`: the engagement goes on
    Resume(PartnerResumeArgs),
}

/// `coachlog partner end`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog partner end alex-kim\n  coachlog partner end alex-kim --date 2026-10-31"
)]
pub struct PartnerEndArgs {
    /// The partner: an id, a unique start of one, or the name
    pub partner: String,

    /// The day the engagement ended: YYYY-MM-DD, today, yesterday, a weekday or N days ago
    #[arg(long, short, value_name = "DATE", default_value = "today")]
    pub date: DateArg,
}

/// `coachlog partner resume`.
#[derive(Debug, Args)]
#[command(after_help = "Example:\n  coachlog partner resume alex-kim")]
pub struct PartnerResumeArgs {
    /// The partner: an id, a unique start of one, or the name
    pub partner: String,
}

/// `coachlog partner add`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    coachlog partner add \"Alex Kim\" --client-type peer --arrangement reciprocal --duration 1h\n  \
    coachlog partner add \"Team Leads\" --client-type non-coach --group-size 6 --payment paid\n  \
    coachlog partner add \"R. Okafor\" --client-type non-coach --no-consent")]
pub struct PartnerAddArgs {
    /// The person's or group's full name, in any script; the id is made from it ("Alex Kim" → alex-kim)
    #[arg(value_parser = text::single_line)]
    pub name: String,

    /// Use this id instead of the one made from NAME (lowercase letters, digits, hyphens)
    #[arg(long, value_name = "ID")]
    pub id: Option<PartnerId>,

    /// Whether the client is a fellow coaching student or coach (peer) or not (non-coach)
    #[arg(long, value_parser = words::<ClientType>())]
    pub client_type: ClientType,

    /// Details of the partner
    #[command(flatten)]
    pub details: PartnerDetails,

    /// The client does not consent to be named in an accreditor's log
    #[arg(long)]
    pub no_consent: bool,
}

/// Partner details shared by `partner add` and `partner edit`.
#[derive(Debug, Args)]
pub struct PartnerDetails {
    /// Reciprocal (we coach each other) or one-way (only I coach them); new partners are one-way
    #[arg(long, value_parser = words::<Arrangement>())]
    pub arrangement: Option<Arrangement>,

    /// The number of members, for a group (each member counts as a client)
    #[arg(long, value_name = "N")]
    pub group_size: Option<GroupSize>,

    /// How to reach the client (confidential; exported only when asked)
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub contact: Option<String>,

    /// An e-mail address of the client (may be repeated; replaces the ones recorded): a calendar
    /// invitation to it is matched to this partner by `import calendar.ics`
    #[arg(long, value_name = "ADDRESS", value_parser = email)]
    pub email: Vec<String>,

    /// A name to show instead of the real one in logs for others (e.g. "Confidential Client 1")
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub alias: Option<String>,

    /// The payment of sessions with this partner [default: exchange if reciprocal, else pro-bono]
    #[arg(long, value_parser = words::<Payment>())]
    pub payment: Option<Payment>,

    /// The usual session length, used when `log` is given none (e.g. 45m, 1h, 1h30m)
    #[arg(long, value_name = "DUR", value_parser = duration::spoken)]
    pub duration: Option<Minutes>,

    /// Notes about the partner (confidential); - reads them from standard input
    #[arg(long, value_name = "TEXT", value_parser = text::notes)]
    pub notes: Option<String>,

    /// Write the notes in $VISUAL or $EDITOR (a temporary file, removed afterwards)
    #[arg(long, conflicts_with = "notes")]
    pub edit_notes: bool,
}

/// `coachlog partner list`.
#[derive(Debug, Args)]
pub struct PartnerListArgs {
    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `coachlog partner show`.
#[derive(Debug, Args)]
pub struct PartnerShowArgs {
    /// The partner: an id, a unique start of one, or the name
    pub partner: String,
}

/// A field of a partner that `partner edit --unset` can clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Clearable {
    /// Make the partner an individual
    GroupSize,
    /// Forget the contact
    Contact,
    /// Show the real name again
    Alias,
    /// Use the arrangement's default payment
    Payment,
    /// Require --duration when logging
    Duration,
    /// Delete the notes
    Notes,
}

/// `coachlog partner edit`.
#[derive(Debug, Args)]
#[command(
    after_help = "Sessions already logged keep the client type and group size they were logged with; \
                  --also-past changes them too.\n\n\
                  Examples:\n  coachlog partner edit alex --payment paid\n  \
                        coachlog partner edit team --group-size 8\n  \
                        coachlog partner edit mei --client-type non-coach --also-past\n  \
                        coachlog partner edit jordan --unset contact --no-consent"
)]
pub struct PartnerEditArgs {
    /// The partner: an id, a unique start of one, or the name
    pub partner: String,

    /// A new full name (the id stays the same)
    #[arg(long, value_parser = text::single_line)]
    pub name: Option<String>,

    /// Whether the client is a fellow coaching student or coach (peer) or not (non-coach)
    #[arg(long, value_parser = words::<ClientType>())]
    pub client_type: Option<ClientType>,

    /// Details of the partner
    #[command(flatten)]
    pub details: PartnerDetails,

    /// The client consents to be named in an accreditor's log
    #[arg(long, conflicts_with = "no_consent")]
    pub consent: bool,

    /// The client does not consent to be named in an accreditor's log
    #[arg(long)]
    pub no_consent: bool,

    /// Clear a field (may be repeated)
    #[arg(long, value_enum, value_name = "FIELD")]
    pub unset: Vec<Clearable>,

    /// Change sessions already logged too: those with the partner's current client type or group
    /// size take the new one (without it, past sessions keep theirs)
    #[arg(long)]
    pub also_past: bool,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// `coachlog partner agree`.
#[derive(Debug, Args)]
#[command(
    after_help = "Without item flags, in a terminal, each item not yet agreed is asked for in \
turn (press Enter to skip one).\n\nExamples:\n  \
coachlog partner agree alex --platform Zoom --frequency \"every two weeks\" --length 1h\n  \
coachlog partner agree alex --feedback end-of-session --real-topic yes --recording no\n  \
coachlog partner agree mei --one-way --coaches-instead \"Grace Liu\""
)]
pub struct PartnerAgreeArgs {
    /// The partner: an id, a unique start of one, or the name
    pub partner: String,

    /// Time zones (e.g. "both CET")
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub timezone: Option<String>,

    /// How often you meet (e.g. "every two weeks")
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub frequency: Option<String>,

    /// The session length (the partner's usual duration, e.g. 1h)
    #[arg(long, value_name = "DUR", value_parser = duration::spoken)]
    pub length: Option<Minutes>,

    /// What happens when a session must move (e.g. "24 h notice")
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub rescheduling: Option<String>,

    /// Where you meet (e.g. Zoom)
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub platform: Option<String>,

    /// What stays between you
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub confidentiality: Option<String>,

    /// Whether sessions may be recorded
    #[arg(long, value_name = "yes|no", value_parser = text::yes_no)]
    pub recording: Option<bool>,

    /// Whether transcripts may be made
    #[arg(long, value_name = "yes|no", value_parser = text::yes_no)]
    pub transcripts: Option<bool>,

    /// How AI may be used (note takers, summaries, …)
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub ai_use: Option<String>,

    /// You coach each other
    #[arg(long, conflicts_with = "one_way")]
    pub reciprocal: bool,

    /// Only you coach them
    #[arg(long)]
    pub one_way: bool,

    /// For a one-way arrangement: whom they coach instead
    #[arg(long, value_name = "TEXT", value_parser = text::single_line, conflicts_with = "reciprocal")]
    pub coaches_instead: Option<String>,

    /// Whether you interviewed each other on your coaching approach
    #[arg(long, value_name = "yes|no", value_parser = text::yes_no)]
    pub approach_discussed: Option<bool>,

    /// Your approach or theory of change, as discussed
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub approach: Option<String>,

    /// When the client gives feedback
    #[arg(long, value_parser = words::<FeedbackTiming>())]
    pub feedback: Option<FeedbackTiming>,

    /// What happens if the client feels uncomfortable, or it is not working
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub if_not_working: Option<String>,

    /// What you, the student coach, are practising
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub working_on: Option<String>,

    /// Whether the client brings a real topic, not role play
    #[arg(long, value_name = "yes|no", value_parser = text::yes_no)]
    pub real_topic: Option<bool>,
}

/// `coachlog partner forget`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog partner forget alex-kim\n  coachlog partner forget alex-kim --yes"
)]
pub struct PartnerForgetArgs {
    /// The partner: an id, a unique start of one, or the name
    pub partner: String,

    /// Do not ask for confirmation
    #[arg(long, short)]
    pub yes: bool,
}

/// `coachlog partner remove`.
#[derive(Debug, Args)]
pub struct PartnerRemoveArgs {
    /// The partner: an id, a unique start of one, or the name
    pub partner: String,

    /// Remove the partner's sessions too (a client's request to be forgotten)
    #[arg(long)]
    pub with_sessions: bool,

    /// Do not ask for confirmation
    #[arg(long, short, requires = "with_sessions")]
    pub yes: bool,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
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
    coachlog mentoring log \"Dana Reyes\" 90m --credential MCC --group 4 --date 2026-10-02")]
pub struct MentoringLogArgs {
    /// The mentor's name
    #[arg(value_parser = text::single_line)]
    pub mentor: String,

    /// How long it lasted: 60, 45m, 1h, 1h30m, 1.5h, 90min
    #[arg(value_parser = duration::spoken)]
    pub duration: Minutes,

    /// The mentor's ICF credential (ICF asks for a PCC or MCC mentor, an ACC may mentor an ACC
    /// application, and an MCC application needs an MCC)
    #[arg(value_parser = words::<CoachCredential>(), long, ignore_case = true)]
    pub credential: CoachCredential,

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
    --core-hours 50 --ethics-hours 4 --start 2025-01-13 --end 2025-06-20 --accreditation icf-level-1")]
pub struct EducationAddArgs {
    /// The course's title
    #[arg(value_parser = text::single_line)]
    pub title: String,

    /// Who gave it
    #[arg(long, value_parser = text::single_line)]
    pub provider: String,

    /// Its hours, as the certificate states them (e.g. 60 or 62.5)
    #[arg(long)]
    pub hours: Hours,

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

    /// The day it expires [default: for ICF, 3 years after it was granted]
    #[arg(long, value_name = "DATE")]
    pub expires: Option<DateArg>,

    /// Free notes (`-` reads them from standard input)
    #[arg(long)]
    pub notes: Option<String>,
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

/// An e-mail address, lowercase.
fn email(text: &str) -> Result<String, String> {
    let text = text.trim().to_lowercase();
    match text.split_once('@') {
        Some((user, host))
            if !user.is_empty() && host.contains('.') && !text.contains(char::is_whitespace) =>
        {
            Ok(text)
        }
        _ => Err(format!(
            "'{text}' is not an e-mail address (e.g. alex@example.org)"
        )),
    }
}

/// `coachlog git`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog git init\n  coachlog git log --oneline\n  \
    coachlog git remote add origin git@example.org:me/logbook.git\n  coachlog git push -u origin main"
)]
pub struct GitArgs {
    /// `init`, or any git command and its arguments, run in the logbook
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        required = true,
        value_name = "ARGS"
    )]
    pub args: Vec<std::ffi::OsString>,
}
