//! The arguments of the commands about sessions: `log`, `sessions`, `remove`, `reflect`, `feedback`,
//! `edit` and `inbox`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{ReopenArgs, words};
use coachlog_core::domain::date::DateArg;
use coachlog_core::domain::duration::Spoken;
use coachlog_core::domain::model::{GroupSize, NotCounted, Payment, Role};
use coachlog_core::domain::period::PeriodArg;
use coachlog_core::domain::reflection::{RatedBy, Scores};
use coachlog_core::domain::text;

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

    /// A competency the session worked on, in a named version: icf-2025:active-listening,
    /// icf-2019:presence, emcc:contract (repeat for more; `coachlog feedback --by competency`
    /// lists them all)
    #[arg(long = "competency", value_name = "VERSION:COMPETENCY")]
    pub competencies: Vec<coachlog_core::domain::competency::Tag>,
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
    args_conflicts_with_subcommands = true,
    after_help = "The client's own answers (from `feedback request`) are shown apart from your \
                  reflections, with the gap to your own estimate where you gave one.\n\n\
                  Examples:\n  coachlog feedback\n  coachlog feedback --partner alex\n  \
                  coachlog feedback --json\n  coachlog feedback request k3f9qa\n  \
                  coachlog feedback import answer.eml"
)]
pub struct FeedbackArgs {
    /// Ask a client for feedback, or read their answer
    #[command(subcommand)]
    pub command: Option<FeedbackCommand>,

    /// Only this partner (an id, a unique start of one, or the name)
    #[arg(long, short, value_name = "PARTNER")]
    pub partner: Option<String>,

    /// Print a JSON array of rated sessions instead of tables
    #[arg(long)]
    pub json: bool,

    /// Read the trend per partner (the default) or per competency the sessions are tagged with
    /// (`reflect --competency`)
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = FeedbackBy::Partner)]
    pub by: FeedbackBy,
}

/// `feedback --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FeedbackBy {
    /// Per partner: the scores of each session, flags and experiments
    Partner,
    /// Per competency the sessions are tagged with
    Competency,
}

/// `coachlog feedback …`.
#[derive(Debug, Subcommand)]
pub enum FeedbackCommand {
    /// Write a page (one HTML file) and a message that ask the client of a session for feedback
    #[command(
        after_help = "The page works offline, opened from an e-mail or a chat; the client \
                            answers four questions from 0 to 10 and sends back the short block \
                            it makes. The message holds the same questions as a plain-text form \
                            for a client who cannot open the page.\n\n\
                            Examples:\n  coachlog feedback request k3f9qa\n  \
                            coachlog feedback request k3f9qa --out ~/Desktop"
    )]
    Request(FeedbackRequestArgs),
    /// Read clients' answers from a pasted message, a text file or a saved e-mail (.eml)
    #[command(
        after_help = "Each answer block names its request and carries a check: a block \
                            that was cut off, changed or imported before is named, and nothing is \
                            stored.\n\n\
                            Examples:\n  coachlog feedback import answer.eml\n  \
                            coachlog feedback import -\n\n\
                            With -, paste the client's message, then press Ctrl-D."
    )]
    Import(FeedbackImportArgs),
    /// List the requests made, answered or not
    #[command(
        after_help = "Examples:\n  coachlog feedback requests\n  coachlog feedback requests --json"
    )]
    Requests(FeedbackRequestsArgs),
}

/// `coachlog feedback request`.
#[derive(Debug, Args)]
pub struct FeedbackRequestArgs {
    /// The session's id (a session in which you coached)
    pub session: String,

    /// The folder to write the page and the message in
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,

    /// Replace the page and the message if they exist (regular files only)
    #[arg(long)]
    pub force: bool,
}

/// `coachlog feedback import`.
#[derive(Debug, Args)]
pub struct FeedbackImportArgs {
    /// The message, text file or saved e-mail (.eml) that holds the answers; `-` reads standard
    /// input
    pub file: PathBuf,

    /// Say what would be stored, and store nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `coachlog feedback requests`.
#[derive(Debug, Args)]
pub struct FeedbackRequestsArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
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

impl ReflectionArgs {
    /// Whether no part of a reflection was given.
    pub fn is_empty(&self) -> bool {
        self.scores.is_none()
            && self.experiment.is_none()
            && self.rated_by.is_none()
            && self.competencies.is_empty()
    }

    /// The reflection the flags give, if any.
    pub fn reflection(
        &self,
    ) -> anyhow::Result<Option<coachlog_core::domain::reflection::Reflection>> {
        if self.rated_by.is_some() && self.scores.is_none() {
            return Err(crate::error::usage(
                "--rated-by says who gave the scores: give --scores too (e.g. --scores 9,10,8.5,9)",
            ));
        }
        if self.scores.is_none() && self.experiment.is_none() {
            return Ok(None);
        }
        Ok(Some(coachlog_core::domain::reflection::Reflection {
            scores: self.scores,
            rated_by: self.rated_by.unwrap_or_default(),
            experiment: self.experiment.clone().filter(|e| !e.is_empty()),
        }))
    }
}
