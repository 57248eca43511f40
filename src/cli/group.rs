//! The arguments of the commands for the person who runs a practice group: `group match`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use coachlog_core::domain::date::DateArg;
use coachlog_core::group::roster::Field;

/// `coachlog group`.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Match practice partners from a sign-up roster: reciprocal pairs and one-way rings, with a
    /// message per pair or ring session and an invitation per student
    Match(GroupMatchArgs),
    /// Show a cohort's progress from the packets its students send: one row per student and
    /// scheme, each packet checked, and reciprocal sessions checked across packets
    Status(GroupStatusArgs),
}

/// `coachlog group status`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    coachlog group status packets/\n  \
    coachlog group status packets/ --target 40% --quiet-after 21\n  \
    coachlog group status packets/ --html cohort.html\n\n\
    DIR holds the zips `coachlog packet` writes, one or more per student. Each is checked against \
    its MANIFEST: a packet with a changed, missing or added file is marked, and none of its figures \
    is used.")]
pub struct GroupStatusArgs {
    /// The folder of packets (*.zip)
    pub dir: PathBuf,

    /// The least share of coaching hours with non-coach clients the school asks for (0.5 or 50%)
    /// [default: the logbook's mix.min_non_coach_share]
    #[arg(long, value_name = "SHARE", value_parser = share)]
    pub target: Option<f64>,

    /// Mark a student whose last session is more than DAYS before today as gone quiet
    #[arg(long, value_name = "DAYS", default_value_t = 30)]
    pub quiet_after: u32,

    /// Print the cohort as JSON
    #[arg(long, conflicts_with_all = ["csv", "html"])]
    pub json: bool,

    /// Print the cohort as CSV, one row per student and scheme
    #[arg(long, conflicts_with = "html")]
    pub csv: bool,

    /// Write the cohort as one self-contained HTML page for the school to FILE
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Replace FILE if it exists (a regular file only)
    #[arg(long, requires = "html")]
    pub force: bool,
}

/// A share: `0.5` or `50%`.
fn share(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let fraction = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|p| p / 100.0),
        None => t.parse::<f64>(),
    }
    .map_err(|_| format!("'{t}' is not a share: give a fraction from 0 to below 1 (0.5 or 50%)"))?;
    coachlog_core::rules::settings::Share::from_fraction(fraction).map(|s| s.fraction())
}

/// `coachlog group match`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
    coachlog group match roster.csv\n  \
    coachlog group match roster.csv --history round-1/round.json --out round-2\n  \
    coachlog group match sheet.csv --map name=Who --map email=Address --map free=Slots\n\n\
    The roster is a sign-up form's CSV (comma or semicolon). Its columns are found by their \
    headers' words: name, e-mail, time zone (Europe/Berlin), languages, when free (Mon-Thu 18-21, \
    weekends mornings), credential (optional), reciprocal or one-way, session length (optional, \
    60 minutes). --map names a column the words do not find.")]
pub struct GroupMatchArgs {
    /// The roster: a sign-up form's CSV export, or - for standard input
    pub roster: PathBuf,

    /// Read FIELD from the column HEADER (--map email="Email Address"); FIELD is name, email,
    /// timezone, languages, free, credential, arrangement or minutes; may be repeated
    #[arg(long, value_name = "FIELD=HEADER", value_parser = roster_mapping)]
    pub map: Vec<(Field, String)>,

    /// An earlier round's round.json or round.csv: nobody is matched again with someone they
    /// coached or were coached by there; may be repeated
    #[arg(long, value_name = "FILE")]
    pub history: Vec<PathBuf>,

    /// Decide between matchings of the same size by this number: the same roster, history and
    /// seed make the same round
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,

    /// The week the round is for (any day of it): free times are converted between time zones
    /// with that week's daylight saving [default: the week that begins on the next Monday, or
    /// today if it is one]
    #[arg(long, value_name = "DATE")]
    pub week: Option<DateArg>,

    /// Among pairings that match as many, prefer partners who work towards different credentials
    /// (mixed) or the same (same)
    #[arg(long, value_enum, value_name = "LEVELS")]
    pub levels: Option<Levels>,

    /// Print the round as JSON (as round.json)
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print the round as CSV, one row per person (as round.csv)
    #[arg(long)]
    pub csv: bool,

    /// Write round.json, round.csv, one message per pair or ring session (messages/) and one
    /// invitation per student matched (invitations/) in DIR
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Replace the files of an earlier run in DIR
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// `--levels`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Levels {
    /// Partners who work towards different credentials
    Mixed,
    /// Partners who work towards the same credential
    Same,
}

/// `--map FIELD=HEADER` of a roster.
fn roster_mapping(text: &str) -> Result<(Field, String), String> {
    let fields = Field::ALL.map(Field::as_str).join(", ");
    let (field, header) = text
        .split_once('=')
        .ok_or_else(|| format!("'{text}' is not FIELD=HEADER (e.g. email=\"Email Address\")"))?;
    let field = Field::ALL
        .into_iter()
        .find(|f| f.as_str() == field.trim().to_lowercase())
        .ok_or_else(|| format!("'{}' is not a roster field: one of {fields}", field.trim()))?;
    let header = header.trim();
    if header.is_empty() {
        return Err(format!(
            "--map {}= names no column: give the header (e.g. {}=\"Column\")",
            field.as_str(),
            field.as_str()
        ));
    }
    Ok((field, header.to_owned()))
}
