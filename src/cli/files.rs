//! The arguments of the commands that write or read files for others: `export`, `import`, `packet`
//! and `upgrade`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{ReopenArgs, words};
use coachlog_core::domain::model::{ClientType, Role};
use coachlog_core::domain::period::PeriodArg;
use coachlog_core::import::Field;

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
