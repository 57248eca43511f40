//! Import of sessions from a CSV file: the `sessions` export, or any per-session spreadsheet whose
//! columns the user maps to fields. Reading and planning are pure: every row is checked, partners
//! to create and duplicates to skip are worked out, and only then does a command write anything.

pub mod answers;
pub mod backup;
pub mod calendar;
pub mod inbox;
pub mod receipt;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;

use crate::domain::date::parse_iso_date;
use crate::domain::duration::Minutes;
use crate::domain::id::PartnerId;
use crate::domain::model::{
    Arrangement, ClientType, GroupSize, NewSession, NotCounted, Partner, Payment, Role,
    SameSession, Session, SessionFacts,
};
use crate::domain::text;

/// A free-text cell as coachlog's exports write it, read back: the `'` that keeps a spreadsheet
/// from reading it as a formula ([`crate::export::text_cell`]) is not part of the text.
fn from_text_cell(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(crate::export::FORMULA_STARTS) => rest,
        _ => text,
    }
}

/// A field of a session that a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The session's date.
    Date,
    /// The partner's name.
    Partner,
    /// The length, in minutes or any duration form.
    Minutes,
    /// The length in decimal hours.
    Hours,
    /// `coach` or `client`.
    Role,
    /// `paid`, `exchange` or `pro-bono`.
    Payment,
    /// `reciprocal` or `one-way`.
    Arrangement,
    /// `peer` or `non-coach`: the session's, and a new partner's.
    ClientType,
    /// Members of a group present: the session's, and a new partner's size.
    GroupSize,
    /// Why the session does not count (`in-class`, `asynchronous`, `teaching`, `other`).
    NotCounted,
    /// Notes.
    Notes,
    /// Whether a new partner consents to be named in an accreditor's log (`yes` or `no`).
    Consent,
    /// How to reach a new partner (confidential).
    Contact,
    /// A new partner's e-mail address (several separated by `,` or `;`).
    Email,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 14] = [
        Field::Date,
        Field::Partner,
        Field::Minutes,
        Field::Hours,
        Field::Role,
        Field::Payment,
        Field::Arrangement,
        Field::ClientType,
        Field::GroupSize,
        Field::NotCounted,
        Field::Notes,
        Field::Consent,
        Field::Contact,
        Field::Email,
    ];

    /// The field's name, which is also the column it is read from by default (as `export sessions`
    /// writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Partner => "partner",
            Field::Minutes => "minutes",
            Field::Hours => "hours",
            Field::Role => "role",
            Field::Payment => "payment",
            Field::Arrangement => "arrangement",
            Field::ClientType => "client_type",
            Field::GroupSize => "group_size",
            Field::NotCounted => "not_counted",
            Field::Notes => "notes",
            Field::Consent => "consent",
            Field::Contact => "contact",
            Field::Email => "email",
        }
    }
}

impl std::str::FromStr for Field {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Field::ALL
            .into_iter()
            .find(|f| f.as_str() == input.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
                format!(
                    "'{input}' is not a field; the fields are {}",
                    names.join(", ")
                )
            })
    }
}

/// Columns of `export sessions` that are worked out from other values, so an import does not need
/// them (and does not mention that it leaves them unread).
const DERIVED: [&str; 4] = ["format", "hours", "icf_category", "icf_paid_minutes"];

/// How to read the file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Columns named for fields (`--map date=Date`); other fields are read from the column named
    /// like the field, if there is one.
    pub map: BTreeMap<Field, String>,
    /// The client type of partners to create when the file has no client type column.
    pub client_type: Option<ClientType>,
    /// The field delimiter.
    pub delimiter: Option<u8>,
    /// A chrono format for dates that are not `YYYY-MM-DD` (e.g. `%d/%m/%Y`); without it, the
    /// form every date of the file is written in is found ([`DATE_FORMS`]).
    pub date_format: Option<String>,
    /// Values read as others (`--map payment:Swap=exchange`): for a field, each cell equal to the
    /// first (in any case) is read as the second.
    pub values: BTreeMap<Field, Vec<(String, String)>>,
    /// The dates a session may have (judged on today): a row outside them is named by its line,
    /// never written to be refused by every reader.
    pub dates: Option<crate::rules::dates::Plausible>,
}

/// A problem with one row, at its line in the file (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line the row starts on.
    pub line: u64,
    /// What is wrong and how to write it instead.
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A problem with the file as a whole: the columns cannot be found, or it is not CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError(pub String);

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FileError {}

/// One row, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    line: u64,
    date: NaiveDate,
    partner: String,
    minutes: Minutes,
    role: Option<Role>,
    payment: Option<Payment>,
    arrangement: Option<Arrangement>,
    client_type: Option<ClientType>,
    group_size: Option<GroupSize>,
    not_counted: Option<NotCounted>,
    notes: Option<String>,
    consent: Option<bool>,
    contact: Option<String>,
    emails: Vec<String>,
}

/// What an import will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Partners to create, in order of first appearance.
    pub new_partners: Vec<Partner>,
    /// Sessions to write.
    pub sessions: Vec<NewSession>,
    /// Rows skipped because the logbook already has the same session.
    pub duplicates: usize,
    /// Rows that cannot be imported.
    pub errors: Vec<RowError>,
    /// Columns of the file that no field reads.
    pub ignored_columns: Vec<String>,
    /// The form the dates were found written in, when it is not `YYYY-MM-DD` and no
    /// `--date-format` was given: `DD.MM.YYYY`.
    pub date_form: Option<&'static str>,
    /// Rows whose partner was found by a name written otherwise (in other case, `ue` for `ü`):
    /// the name as written and the partner's id, once each.
    pub names_read_as: Vec<(String, PartnerId)>,
}

/// The forms dates are found in when no `--date-format` is given, each as a person reads it and
/// as chrono parses it; day first before month first, as most of the world writes dates.
pub const DATE_FORMS: [(&str, &str); 9] = [
    ("DD.MM.YYYY", "%d.%m.%Y"),
    ("DD/MM/YYYY", "%d/%m/%Y"),
    ("DD-MM-YYYY", "%d-%m-%Y"),
    ("MM/DD/YYYY", "%m/%d/%Y"),
    ("YYYY/MM/DD", "%Y/%m/%d"),
    ("YYYY.MM.DD", "%Y.%m.%d"),
    ("DD.MM.YY", "%d.%m.%y"),
    ("DD/MM/YY", "%d/%m/%y"),
    ("MM/DD/YY", "%m/%d/%y"),
];

/// The form the dates `cells` are written in, when it is not `YYYY-MM-DD`: of [`DATE_FORMS`], the
/// one that reads the most of them (a date that does not exist, such as 31.11.2024, is then
/// named by its row). Two forms that read as many but as other days (05/11/2024: day or month
/// first?) are an error naming both, as the file cannot tell; `None` when `YYYY-MM-DD` reads as
/// many, or no form reads any.
fn date_form(cells: &[&str]) -> Result<Option<(&'static str, &'static str)>, FileError> {
    let day = |format: &str, cell: &str| NaiveDate::parse_from_str(cell, format).ok();
    let reads = |format: &str| cells.iter().filter(|c| day(format, c).is_some()).count();
    let iso = cells.iter().filter(|c| parse_iso_date(c).is_ok()).count();
    let counts: Vec<((&'static str, &'static str), usize)> =
        DATE_FORMS.into_iter().map(|f| (f, reads(f.1))).collect();
    let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if best == 0 || iso >= best {
        return Ok(None);
    }
    let fits: Vec<(&str, &str)> = counts
        .into_iter()
        .filter(|(_, n)| *n == best)
        .map(|(f, _)| f)
        .collect();
    let first = fits[0];
    // Another form that reads as many, but as other days: the file cannot tell which it is.
    let differs = |other: &str, c: &&str| {
        let (a, b) = (day(first.1, c), day(other, c));
        a.is_some() && b.is_some() && a != b
    };
    if let Some(other) = fits[1..]
        .iter()
        .find(|(_, f)| cells.iter().any(|c| differs(f, c)))
    {
        let example = cells
            .iter()
            .find(|c| differs(other.1, c))
            .unwrap_or(&cells[0]);
        return Err(FileError(format!(
            "the dates could be {} or {} ('{example}' is {} or {}): give --date-format {} or \
             --date-format {}",
            first.0,
            other.0,
            day(first.1, example).map_or_else(String::new, |d| d.to_string()),
            day(other.1, example).map_or_else(String::new, |d| d.to_string()),
            first.1,
            other.1
        )));
    }
    Ok(Some(first))
}

/// A name as it is compared: lower case, spaces single, and written in plain letters as partner
/// ids are made (`ü` → `u`, `ß` → `ss`), or with German's `e` (`ü` → `ue`) when `german`.
fn folded(name: &str, german: bool) -> String {
    let mut lower = name.to_lowercase();
    if german {
        lower = lower
            .replace('ä', "ae")
            .replace('ö', "oe")
            .replace('ü', "ue");
    }
    let plain = deunicode::deunicode(&lower).to_lowercase();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The keys a name is found by: as folded plainly and as German folds it.
fn name_keys(name: &str) -> [String; 2] {
    [folded(name, false), folded(name, true)]
}

/// Which line of `text` the record read at `byte` (as the CSV reader gives it) starts on: the
/// reader's own count skips blank lines and counts a CRLF's parts apart.
fn line_at(text: &[u8], byte: u64) -> u64 {
    let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    while at < text.len() && matches!(text[at], b'\r' | b'\n') {
        at += 1;
    }
    let before = &text[..at];
    let ends = before.iter().filter(|b| **b == b'\n').count();
    // A file whose lines end in CR alone (old spreadsheets on a Mac).
    let ends = if ends == 0 {
        before.iter().filter(|b| **b == b'\r').count()
    } else {
        ends
    };
    1 + ends as u64
}

/// Reads the CSV and plans the import against the partners and sessions already in the logbook.
pub fn plan(
    text: &[u8],
    options: &Options,
    partners: &[Partner],
    sessions: &[Session],
) -> Result<Plan, FileError> {
    let delimiter = match options.delimiter {
        Some(delimiter) => delimiter,
        None => sniff_delimiter(text),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| FileError(format!("cannot read the header line: {e}")))?
        .iter()
        .enumerate()
        // A spreadsheet's "CSV UTF-8" starts with a byte order mark.
        .map(|(i, h)| {
            if i == 0 {
                h.trim_start_matches('\u{feff}').trim().to_owned()
            } else {
                h.trim().to_owned()
            }
        })
        .collect();
    let columns = columns(&headers, options)?;
    let mut plan = Plan {
        ignored_columns: headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !h.is_empty() && !columns.values().any(|c| c == i))
            .map(|(_, h)| h.clone())
            .filter(|h| !DERIVED.iter().any(|d| d.eq_ignore_ascii_case(h)))
            .collect(),
        ..Plan::default()
    };

    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| FileError(format!("the file is not valid CSV: {e}")))?;
        let line = line_at(text, record.position().map_or(0, csv::Position::byte));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        records.push((line, record));
    }
    // The form the dates are written in, found from all of them.
    let mut options = options.clone();
    if options.date_format.is_none() {
        let cells: Vec<&str> = records
            .iter()
            .filter_map(|(_, r)| columns.get(&Field::Date).and_then(|&i| r.get(i)))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if let Some((form, format)) = date_form(&cells)? {
            plan.date_form = Some(form);
            options.date_format = Some(format.to_owned());
        }
    }
    let options = &options;
    let mut rows = Vec::new();
    for (line, record) in &records {
        match read_row(record, *line, &columns, options) {
            Ok(row) => rows.push(row),
            Err(message) => plan.errors.push(RowError {
                line: *line,
                message,
            }),
        }
    }

    // A partner is found by their name, or by the alias files for others show them under (an
    // export of this logbook read back).
    let mut by_name: HashMap<String, PartnerId> = partners
        .iter()
        .flat_map(|p| {
            std::iter::once(&p.name)
                .chain(&p.alias)
                .map(|n| (n.to_lowercase(), p.id.clone()))
        })
        .collect();
    for p in partners {
        by_name.insert(p.name.to_lowercase(), p.id.clone());
    }
    // Then by the name folded (`anna mueller` for Anna Müller), where that finds one partner.
    let mut by_folded: HashMap<String, Option<PartnerId>> = HashMap::new();
    let fold_in =
        |by_folded: &mut HashMap<String, Option<PartnerId>>, name: &str, id: &PartnerId| {
            for key in name_keys(name) {
                let entry = by_folded.entry(key).or_insert_with(|| Some(id.clone()));
                if entry.as_ref() != Some(id) {
                    *entry = None;
                }
            }
        };
    for p in partners {
        fold_in(&mut by_folded, &p.name, &p.id);
    }
    let mut known: HashMap<PartnerId, Partner> =
        partners.iter().map(|p| (p.id.clone(), p.clone())).collect();
    // A row that is the same session as one in the logbook (the definition `check` uses) is skipped,
    // once for each such session.
    let mut existing: HashMap<SameSession, usize> = HashMap::new();
    for s in sessions {
        *existing.entry(s.same()).or_default() += 1;
    }
    // The logbook's own partner ids, which the keys above borrow: a row's partner is looked up
    // through them (a partner without sessions has no duplicates).
    let logged: std::collections::HashSet<&PartnerId> =
        sessions.iter().map(|s| &s.partner).collect();

    for row in rows {
        let key = row.partner.to_lowercase();
        let folded_match = || {
            name_keys(&row.partner)
                .iter()
                .find_map(|k| by_folded.get(k).cloned().flatten())
        };
        let id = match by_name.get(&key).cloned() {
            Some(id) => id,
            None if folded_match().is_some() => {
                let id = folded_match().expect("found");
                if !plan.names_read_as.iter().any(|(n, _)| *n == row.partner) {
                    plan.names_read_as.push((row.partner.clone(), id.clone()));
                }
                by_name.insert(key, id.clone());
                id
            }
            None => {
                let Some(id) = PartnerId::from_name(&row.partner) else {
                    plan.errors.push(RowError {
                        line: row.line,
                        message: format!(
                            "cannot make a partner id from the name '{}'",
                            text::shorten(&row.partner)
                        ),
                    });
                    continue;
                };
                if !known.contains_key(&id) {
                    let Some(client_type) = row.client_type.or(options.client_type) else {
                        plan.errors.push(RowError {
                            line: row.line,
                            message: format!(
                                "'{}' is a new partner and the row has no client type: add a \
                                 client_type column, or give --client-type peer|non-coach",
                                text::shorten(&row.partner)
                            ),
                        });
                        continue;
                    };
                    let mut partner = Partner::new(id.clone(), row.partner.clone(), client_type);
                    partner.arrangement = row.arrangement.unwrap_or(Arrangement::OneWay);
                    partner.group_size = row.group_size;
                    partner.contact = row.contact.clone();
                    partner.emails = row.emails.clone();
                    // A client who did not consent stays unnamed in the ICF log after a round trip.
                    partner.consent = row.consent.unwrap_or(partner.consent);
                    plan.new_partners.push(partner.clone());
                    fold_in(&mut by_folded, &partner.name, &id);
                    known.insert(id.clone(), partner);
                }
                by_name.insert(key, id.clone());
                id
            }
        };
        let partner = &known[&id];
        let role = row.role.unwrap_or(Role::Coach);
        let same = logged.get(&id).map(|partner| SameSession {
            partner,
            date: row.date,
            minutes: row.minutes.get(),
            role,
        });
        if let Some(count) = same
            .and_then(|same| existing.get_mut(&same))
            .filter(|c| **c > 0)
        {
            *count -= 1;
            plan.duplicates += 1;
            continue;
        }
        let arrangement = row.arrangement.unwrap_or(partner.arrangement);
        // The row's client type and group size are the facts of the session's day; what the row leaves
        // out is the partner's.
        let facts = SessionFacts {
            client_type: row.client_type.unwrap_or(partner.client_type),
            group_size: row.group_size.or(partner.group_size),
        };
        plan.sessions.push(NewSession {
            date: row.date,
            partner: id,
            minutes: row.minutes,
            role,
            payment: row
                .payment
                .unwrap_or_else(|| partner.session_payment(arrangement)),
            arrangement,
            facts,
            not_counted: row.not_counted,
            notes: row.notes,
            reflection: None,
            competencies: Vec::new(),
            feedback: None,
            calendar: None,
            inbox: None,
        });
    }
    plan.errors.sort_by_key(|e| e.line);
    Ok(plan)
}

/// The column index of each field the file has.
fn columns(headers: &[String], options: &Options) -> Result<BTreeMap<Field, usize>, FileError> {
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name.trim()))
    };
    let mut columns = BTreeMap::new();
    for field in Field::ALL {
        match options.map.get(&field) {
            Some(header) => {
                let index = find(header).ok_or_else(|| {
                    FileError(format!(
                        "--map {}={header}: the file has no column '{header}'; its columns are: {}",
                        field.as_str(),
                        headers.join(", ")
                    ))
                })?;
                columns.insert(field, index);
            }
            None => {
                if let Some(index) = find(field.as_str()) {
                    columns.insert(field, index);
                }
            }
        }
    }
    // With both, minutes win: `export sessions` writes both, and minutes are exact.
    if columns.contains_key(&Field::Minutes) && !options.map.contains_key(&Field::Hours) {
        columns.remove(&Field::Hours);
    }
    let missing: Vec<&str> = [Field::Date, Field::Partner]
        .into_iter()
        .filter(|f| !columns.contains_key(f))
        .map(Field::as_str)
        .chain(
            (!columns.contains_key(&Field::Minutes) && !columns.contains_key(&Field::Hours))
                .then_some("minutes (or hours)"),
        )
        .collect();
    if !missing.is_empty() {
        return Err(FileError(format!(
            "the file has no column for {}: name the columns with --map, e.g. --map date=Date \
             --map partner=Client --map minutes=Duration (its columns are: {})",
            missing.join(", "),
            headers.join(", ")
        )));
    }
    Ok(columns)
}

/// The delimiter of a CSV file whose first line is at the start of `start`: a comma, unless the
/// header has none and has semicolons (as spreadsheets write CSV where the comma is the decimal
/// mark) or tabs.
fn sniff_delimiter(start: &[u8]) -> u8 {
    let header = start.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |d: u8| header.iter().filter(|b| **b == d).count();
    if count(b',') > 0 {
        return b',';
    }
    match (count(b';'), count(b'\t')) {
        (0, 0) => b',',
        (semicolons, tabs) if semicolons >= tabs => b';',
        _ => b'\t',
    }
}

/// Reads one row, or says what is wrong with it.
fn read_row(
    record: &csv::StringRecord,
    line: u64,
    columns: &BTreeMap<Field, usize>,
    options: &Options,
) -> Result<Row, String> {
    let cell = |field: Field| -> Option<&str> {
        columns
            .get(&field)
            .and_then(|&i| record.get(i))
            .map(str::trim)
            .filter(|c| !c.is_empty())
    };
    // Only notes span lines: a line end in another cell is a quote that was never closed.
    if let Some(field) = columns
        .iter()
        .filter(|(field, _)| **field != Field::Notes)
        .find_map(|(field, &i)| record.get(i).filter(|c| c.contains('\n')).map(|_| field))
    {
        return Err(format!(
            "the {} cell opens a quote (\") that is never closed, so the lines after it were read \
             into it: close the quote, or remove it",
            field.as_str()
        ));
    }
    let required =
        |field: Field| cell(field).ok_or_else(|| format!("the {} is empty", field.as_str()));
    // A value mapped to another (`--map payment:Swap=exchange`) is read as that one.
    let word = |field: Field| {
        cell(field).map(|text| {
            options
                .values
                .get(&field)
                .and_then(|pairs| {
                    pairs
                        .iter()
                        .find(|(from, _)| from.eq_ignore_ascii_case(text))
                })
                .map_or_else(|| normalize_word(text), |(_, to)| normalize_word(to))
        })
    };

    let date_text = required(Field::Date)?;
    let date = match &options.date_format {
        Some(format) => NaiveDate::parse_from_str(date_text, format).map_err(|_| {
            let form = DATE_FORMS
                .iter()
                .find(|(_, f)| f == format)
                .map_or(format.as_str(), |(form, _)| form);
            format!("'{date_text}' is not a date in the form {form}")
        })?,
        None => parse_iso_date(date_text).map_err(|e| {
            format!(
                "{e}; the file's dates are not all written in one form, so write this one as \
                 the others are (or give --date-format, e.g. %d.%m.%Y)"
            )
        })?,
    };
    if let Some(dates) = &options.dates {
        dates.check(date)?;
    }
    let partner = text::single_line(from_text_cell(required(Field::Partner)?))
        .map_err(|e| format!("partner: {e}"))?;
    let minutes = match (cell(Field::Minutes), cell(Field::Hours)) {
        (Some(text), _) => parse_minutes(text)?,
        (None, Some(text)) => parse_hours(text)?,
        (None, None) => return Err("the duration is empty".to_owned()),
    };
    Ok(Row {
        line,
        date,
        partner,
        minutes,
        role: word(Field::Role)
            .map(|w| w.parse())
            .transpose()
            .map_err(|e| format!("role: {e}"))?,
        payment: word(Field::Payment)
            .map(|w| w.parse())
            .transpose()
            .map_err(|e| format!("payment: {e}"))?,
        arrangement: word(Field::Arrangement)
            .map(|w| w.parse())
            .transpose()
            .map_err(|e| format!("arrangement: {e}"))?,
        client_type: word(Field::ClientType)
            .map(|w| w.parse())
            .transpose()
            .map_err(|e| format!("client_type: {e}"))?,
        group_size: cell(Field::GroupSize)
            .map(str::parse)
            .transpose()
            .map_err(|e| format!("group_size: {e}"))?,
        not_counted: word(Field::NotCounted)
            .map(|w| w.parse())
            .transpose()
            .map_err(|e| format!("not_counted: {e}"))?,
        notes: cell(Field::Notes)
            .map(|t| text::notes(from_text_cell(t)))
            .transpose()
            .map_err(|e| format!("notes: {e}"))?,
        consent: word(Field::Consent)
            .map(|w| text::yes_no(&w))
            .transpose()
            .map_err(|e| format!("consent: {e}"))?,
        contact: cell(Field::Contact)
            .map(|t| text::single_line(from_text_cell(t)))
            .transpose()
            .map_err(|e| format!("contact: {e}"))?,
        emails: cell(Field::Email)
            .map(|t| {
                t.split([',', ';'])
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .map(|e| {
                        if e.contains('@') && !e.contains(char::is_whitespace) {
                            Ok(e.to_lowercase())
                        } else {
                            Err(format!(
                                "email: '{}' is not an e-mail address (name@example.org)",
                                text::shorten(e)
                            ))
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?
            .unwrap_or_default(),
    })
}

/// `Pro bono`, `PRO_BONO` → `pro-bono`; `Non coach` → `non-coach`.
fn normalize_word(text: &str) -> String {
    text.trim().to_lowercase().replace([' ', '_'], "-")
}

/// Minutes in any duration form, or a whole number written with decimals (`60.0`) as spreadsheets do.
fn parse_minutes(text: &str) -> Result<Minutes, String> {
    text.parse::<Minutes>()
        .or_else(|e| match text.parse::<f64>() {
            Ok(value) if value.fract() == 0.0 && value > 0.0 && value <= f64::from(u32::MAX) => {
                Minutes::new(value as u32).ok_or(e)
            }
            _ => Err(e),
        })
}

/// Decimal hours (`1.5`, or `1,5` as some spreadsheets write it).
fn parse_hours(text: &str) -> Result<Minutes, String> {
    let normalized = text.replace(',', ".");
    let hours = normalized.trim_end_matches(['h', 'H']).trim();
    if hours.parse::<f64>().is_ok_and(|h| h > 24.0) {
        return Err(format!(
            "'{text}' hours is longer than 24 hours: is this column in minutes? (--map minutes=…)"
        ));
    }
    format!("{hours}h").parse::<Minutes>().map_err(|_| {
        format!("'{text}' is not a number of hours that makes whole minutes (e.g. 1.5 or 0.75)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_text(csv: &str, options: &Options, partners: &[Partner], sessions: &[Session]) -> Plan {
        plan(csv.as_bytes(), options, partners, sessions).expect("a readable file")
    }

    #[test]
    fn lines_are_counted_as_an_editor_counts_them() {
        let text =
            "date,partner,minutes\r\n2026-01-01,A,60\r\n\r\n2026-01-02,B,x\r\n\n2026-01-03,C,y\n";
        let options = Options {
            client_type: Some(ClientType::Peer),
            ..Options::default()
        };
        let p = plan_text(text, &options, &[], &[]);
        let lines: Vec<u64> = p.errors.iter().map(|e| e.line).collect();
        // The header is line 1; blank lines count, a CRLF is one line end.
        assert_eq!(lines, [4, 6], "{:?}", p.errors);
        assert_eq!(line_at(b"a\rb\rc", 4), 3, "CR alone ends a line too");
    }

    #[test]
    fn the_form_of_the_dates_is_found_from_all_of_them() {
        assert_eq!(date_form(&["2026-03-14", "2026-03-15"]), Ok(None));
        assert_eq!(
            date_form(&["05.11.2024", "31.11.2024", "13.12.2024"]),
            Ok(Some(("DD.MM.YYYY", "%d.%m.%Y")))
        );
        assert_eq!(
            date_form(&["05/11/2024", "13/11/2024"]),
            Ok(Some(("DD/MM/YYYY", "%d/%m/%Y"))),
            "13 is no month"
        );
        assert_eq!(
            date_form(&["11/13/2024", "11/05/2024"]),
            Ok(Some(("MM/DD/YYYY", "%m/%d/%Y")))
        );
        let ambiguous = date_form(&["05/11/2024"]).expect_err("day or month first");
        assert!(
            ambiguous.0.contains("DD/MM/YYYY or MM/DD/YYYY"),
            "{ambiguous}"
        );
        assert_eq!(date_form(&["soon"]), Ok(None));
    }

    #[test]
    fn names_are_found_as_people_write_them() {
        assert_eq!(folded("  Anna   Müller ", true), "anna mueller");
        assert_eq!(folded("Anna Müller", false), "anna muller");
        assert_eq!(folded("José Núñez", false), "jose nunez");
        assert_eq!(folded("Straße", false), "strasse");
        let anna = Partner::new(
            "anna-muller".parse().expect("id"),
            "Anna Müller".into(),
            ClientType::Peer,
        );
        let csv = "date,partner,minutes\n2026-01-05,anna mueller,60\n2026-01-06,ANNA MULLER,60\n";
        let p = plan_text(csv, &Options::default(), &[anna], &[]);
        assert_eq!(p.errors, []);
        assert!(p.new_partners.is_empty());
        assert_eq!(p.sessions.len(), 2);
        assert_eq!(p.names_read_as.len(), 2, "{:?}", p.names_read_as);
    }

    #[test]
    fn reads_the_sessions_export() {
        let csv = "date,partner,client_type,arrangement,role,format,group_size,minutes,hours,payment,not_counted,icf_category,icf_paid_minutes,notes\n\
                   2026-01-05,\"Kim, Alex\",peer,reciprocal,coach,individual,,60,1.00,exchange,,paid,60,\"said \"\"hi\"\"\nthen left\"\n\
                   2026-01-06,Team,non-coach,one-way,coach,group,6,90,1.50,paid,in-class,not-counted,,\n";
        let p = plan_text(csv, &Options::default(), &[], &[]);
        assert_eq!(p.errors, []);
        assert_eq!(p.new_partners.len(), 2);
        assert_eq!(p.new_partners[0].name, "Kim, Alex");
        assert_eq!(p.new_partners[0].id.as_str(), "kim-alex");
        assert_eq!(p.new_partners[1].group_size.map(GroupSize::get), Some(6));
        assert_eq!(
            p.sessions[0].notes.as_deref(),
            Some("said \"hi\"\nthen left")
        );
        assert_eq!(p.sessions[1].minutes.get(), 90);
        assert_eq!(p.sessions[1].not_counted, Some(NotCounted::InClass));
        assert_eq!(p.sessions[1].facts.group_size.map(GroupSize::get), Some(6));
        assert_eq!(p.sessions[0].facts.client_type, ClientType::Peer);
        assert!(
            p.ignored_columns.is_empty(),
            "derived columns go unmentioned: {:?}",
            p.ignored_columns
        );
    }

    #[test]
    fn maps_a_spreadsheets_columns() {
        let csv = "\u{feff}Date;Client;Duration;Type;Paid?;Topic\n14/03/2026;Sam Lee;1,5;Non coach;Pro bono;career\n";
        let mut options = Options {
            delimiter: Some(b';'),
            date_format: Some("%d/%m/%Y".into()),
            ..Options::default()
        };
        for (field, header) in [
            (Field::Date, "Date"),
            (Field::Partner, "Client"),
            (Field::Hours, "Duration"),
            (Field::ClientType, "Type"),
            (Field::Payment, "Paid?"),
        ] {
            options.map.insert(field, header.into());
        }
        let p = plan_text(csv, &options, &[], &[]);
        assert_eq!(p.errors, []);
        let s = &p.sessions[0];
        assert_eq!(
            (s.date.to_string(), s.minutes.get(), s.payment),
            ("2026-03-14".to_owned(), 90, Payment::ProBono)
        );
        assert_eq!(p.new_partners[0].client_type, ClientType::NonCoach);
        assert_eq!(p.ignored_columns, ["Topic"]);
    }

    #[test]
    fn reports_each_bad_row_with_its_line() {
        let csv = "date,partner,minutes,client_type\n\
                   2026-01-05,Alex,60,peer\n\
                   2026-02-30,Alex,60,peer\n\
                   2026-01-07,Alex,0,peer\n\
                   2026-01-08,,60,peer\n\
                   2026-01-09,New Person,60,\n\
                   2026-01-10,Alex,60,coach\n";
        let p = plan_text(csv, &Options::default(), &[], &[]);
        let lines: Vec<(u64, bool)> = p
            .errors
            .iter()
            .map(|e| (e.line, !e.message.is_empty()))
            .collect();
        assert_eq!(
            lines,
            [(3, true), (4, true), (5, true), (6, true), (7, true)]
        );
        assert!(p.errors[0].message.contains("28 days"));
        assert!(p.errors[3].message.contains("--client-type"));
        assert!(
            p.errors[4]
                .message
                .contains("'coach' is not one of peer, non-coach")
        );
        assert_eq!(p.sessions.len(), 1);
    }

    #[test]
    fn duplicates_are_counted_once_each() {
        let alex = Partner::new("alex".parse().expect("id"), "Alex".into(), ClientType::Peer);
        let existing = NewSession {
            date: "2026-01-05".parse().expect("date"),
            partner: alex.id.clone(),
            minutes: Minutes::new(60).expect("minutes"),
            role: Role::Coach,
            payment: Payment::ProBono,
            arrangement: Arrangement::OneWay,
            facts: alex.facts(),
            not_counted: None,
            notes: None,
            reflection: None,
            competencies: Vec::new(),
            feedback: None,
            calendar: None,
            inbox: None,
        }
        .with_id("a".into());
        let csv =
            "date,partner,minutes\n2026-01-05,alex,60\n2026-01-05,ALEX,60\n2026-01-05,Alex,45\n";
        let p = plan_text(csv, &Options::default(), &[alex], &[existing]);
        assert_eq!(p.duplicates, 1, "one existing session matches one row");
        assert_eq!(p.sessions.len(), 2);
        assert!(p.new_partners.is_empty());
    }

    #[test]
    fn missing_columns_are_named_with_the_files_columns() {
        let err =
            plan("Day,Who\n".as_bytes(), &Options::default(), &[], &[]).expect_err("no columns");
        assert!(
            err.0
                .contains("no column for date, partner, minutes (or hours)")
                && err.0.contains("Day, Who"),
            "{err}"
        );
        let mut options = Options::default();
        options.map.insert(Field::Date, "When".into());
        let err = plan("Day,Who\n".as_bytes(), &options, &[], &[]).expect_err("no When");
        assert!(err.0.contains("--map date=When"), "{err}");
    }
}
