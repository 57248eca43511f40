//! The arguments of `partner` and its subcommands.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{ReopenArgs, words};
use coachlog_core::domain::agreement::FeedbackTiming;
use coachlog_core::domain::date::DateArg;
use coachlog_core::domain::duration::{self, Minutes};
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{Arrangement, ClientType, GroupSize, Payment};
use coachlog_core::domain::text;

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
    coachlog partner add \"R. Okafor\" --client-type non-coach --no-consent\n  \
    coachlog partner add --from invitations/alex-example-org.toml")]
pub struct PartnerAddArgs {
    /// The person's or group's full name, in any script; the id is made from it ("Alex Kim" → alex-kim)
    #[arg(value_parser = text::single_line, required_unless_present = "from")]
    pub name: Option<String>,

    /// Add the partner a practice group's invitation names (`group match --out` writes one per
    /// student): a fellow student, reciprocal or one-way, with the session length and time zones
    /// agreed
    #[arg(long, value_name = "FILE", conflicts_with = "name")]
    pub from: Option<PathBuf>,

    /// Use this id instead of the one made from NAME (lowercase letters, digits, hyphens)
    #[arg(long, value_name = "ID")]
    pub id: Option<PartnerId>,

    /// Whether the client is a fellow coaching student or coach (peer) or not (non-coach)
    /// [default with --from: peer]
    #[arg(long, value_parser = words::<ClientType>(), required_unless_present = "from")]
    pub client_type: Option<ClientType>,

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

/// An e-mail address, lowercase.
fn email(text: &str) -> Result<String, String> {
    coachlog_core::domain::text::email(text)
}
