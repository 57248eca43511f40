//! A practice group's roster, as a sign-up form exports it (Google Forms, Microsoft Forms,
//! LimeSurvey or a hand-made sheet): one row per person, its columns found by their headers
//! (`Email Address`, `What time zone are you in?`) or named with `field=Column`. Every bad row is
//! named by its line with the forms accepted, and nothing is read then.

use std::collections::BTreeMap;

use chrono_tz::Tz;

use crate::domain::availability::Availability;
use crate::domain::duration::Minutes;
use crate::domain::text;

/// A column a roster may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The person's name.
    Name,
    /// Their e-mail address (what makes them one person).
    Email,
    /// Their time zone (an IANA name).
    Zone,
    /// The languages they coach in.
    Languages,
    /// When they are free, weekly.
    Free,
    /// The credential they work towards (optional).
    Credential,
    /// Reciprocal or one-way.
    Arrangement,
    /// The length of a session (optional: an hour).
    Minutes,
}

impl Field {
    /// Every field, in order.
    pub const ALL: [Field; 8] = [
        Field::Name,
        Field::Email,
        Field::Zone,
        Field::Languages,
        Field::Free,
        Field::Credential,
        Field::Arrangement,
        Field::Minutes,
    ];

    /// As `--map` names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Zone => "timezone",
            Field::Languages => "languages",
            Field::Free => "free",
            Field::Credential => "credential",
            Field::Arrangement => "arrangement",
            Field::Minutes => "minutes",
        }
    }

    /// Words a form's header for it holds, in the order they are tried.
    fn words(self) -> &'static [&'static str] {
        match self {
            Field::Name => &["full name", "name"],
            Field::Email => &["e-mail", "email", "mail"],
            Field::Zone => &["time zone", "timezone", "zone"],
            Field::Languages => &["language"],
            Field::Free => &["free", "availab", "when"],
            Field::Credential => &["credential", "level", "working towards"],
            Field::Arrangement => &["reciprocal", "one-way", "arrangement"],
            Field::Minutes => &["length", "minutes", "duration"],
        }
    }

    /// Whether a roster must have it.
    fn required(self) -> bool {
        !matches!(self, Field::Credential | Field::Minutes)
    }
}

/// Reciprocal (two people coach each other) or one-way (in a ring).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Practice {
    /// Two people coach each other.
    Reciprocal,
    /// Each coaches the next in a ring, and is coached by the one before.
    OneWay,
}

/// One person of the roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The line of the file their row is on.
    pub line: u64,
    /// Their name.
    pub name: String,
    /// Their e-mail address, lower case.
    pub email: String,
    /// Their time zone.
    pub zone: Tz,
    /// The languages they coach in, lower case.
    pub languages: Vec<String>,
    /// When they are free.
    pub free: Availability,
    /// The credential they work towards, as written.
    pub credential: Option<String>,
    /// Reciprocal or one-way.
    pub practice: Practice,
    /// The length of a session.
    pub minutes: u32,
}

/// The roster read: every person, or every problem (by line) and nothing.
pub fn read(input: &[u8], map: &BTreeMap<Field, String>) -> Result<Vec<Person>, Vec<String>> {
    let text = std::str::from_utf8(input)
        .map_err(|_| vec!["the roster is not UTF-8 text: export it as CSV (UTF-8)".to_owned()])?;
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = if text
        .lines()
        .next()
        .is_some_and(|l| l.matches(';').count() > l.matches(',').count())
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| vec![format!("the roster's first line cannot be read: {e}")])?
        .iter()
        .map(str::to_owned)
        .collect();
    let columns = columns(&headers, map)?;
    let mut people: Vec<Person> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("a row cannot be read: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |f: Field| {
            columns
                .get(&f)
                .and_then(|i| record.get(*i))
                .map(str::trim)
                .unwrap_or("")
        };
        match person(line, &cell) {
            Ok(p) => {
                if let Some(first) = people.iter().find(|q| q.email == p.email) {
                    problems.push(format!(
                        "line {line}: the e-mail address {} is on line {} too: one row per \
                         person",
                        shown(&p.email),
                        first.line
                    ));
                } else {
                    people.push(p);
                }
            }
            Err(why) => problems.push(format!("line {line}: {why}")),
        }
    }
    if problems.is_empty() {
        Ok(people)
    } else {
        Err(problems)
    }
}

/// Text from the roster as a message may quote it.
fn shown(value: &str) -> String {
    text::for_terminal(value, 60, "…")
}

/// The column of each field: as `map` names it, else found by its header's words.
fn columns(
    headers: &[String],
    map: &BTreeMap<Field, String>,
) -> Result<BTreeMap<Field, usize>, Vec<String>> {
    let lower: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut found: BTreeMap<Field, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (field, name) in map {
        match lower.iter().position(|h| *h == name.trim().to_lowercase()) {
            Some(i) => {
                found.insert(*field, i);
            }
            None => problems.push(format!(
                "--map {}={}: the roster has no such column (its columns are: {})",
                field.as_str(),
                shown(name),
                shown(&headers.join(", "))
            )),
        }
    }
    for field in Field::ALL {
        if found.contains_key(&field) {
            continue;
        }
        let taken: Vec<usize> = found.values().copied().collect();
        let by_words = field.words().iter().find_map(|word| {
            lower
                .iter()
                .enumerate()
                .find(|(i, h)| !taken.contains(i) && h.contains(word))
                .map(|(i, _)| i)
        });
        match by_words {
            Some(i) => {
                found.insert(field, i);
            }
            None if field.required() => problems.push(format!(
                "the roster has no column for {}: name it with --map {}=COLUMN (its columns are: \
                 {})",
                field.as_str(),
                field.as_str(),
                shown(&headers.join(", "))
            )),
            None => {}
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// One row's person, or what is wrong with it.
fn person<'a>(line: u64, cell: &dyn Fn(Field) -> &'a str) -> Result<Person, String> {
    let name = match cell(Field::Name) {
        "" => return Err("no name".to_owned()),
        given => text::single_line(given).map_err(|why| format!("name: {why}"))?,
    };
    let email = text::email(cell(Field::Email))?;
    let zone_text = cell(Field::Zone);
    let zone: Tz = zone_text.parse().map_err(|_| {
        format!(
            "time zone '{}' is not an IANA time zone name (Europe/Berlin, America/New_York)",
            shown(zone_text)
        )
    })?;
    let languages: Vec<String> = cell(Field::Languages)
        .to_lowercase()
        .replace(" and ", ",")
        .split([',', ';', '/'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(text::single_line)
        .collect::<Result<_, _>>()
        .map_err(|why| format!("languages: {why}"))?;
    if languages.is_empty() {
        return Err("no language: give the languages they coach in (English, German)".to_owned());
    }
    let free: Availability = cell(Field::Free)
        .parse()
        .map_err(|why| format!("when free: {why}"))?;
    let arrangement = cell(Field::Arrangement).to_lowercase();
    let practice = if arrangement.contains("recip") || arrangement.contains("each other") {
        Practice::Reciprocal
    } else if arrangement.contains("one") || arrangement.contains("ring") {
        Practice::OneWay
    } else {
        return Err(format!(
            "'{}' is neither reciprocal nor one-way",
            shown(cell(Field::Arrangement))
        ));
    };
    let minutes = match cell(Field::Minutes) {
        "" => 60,
        text => text
            .replace(' ', "")
            .trim_end_matches("utes")
            .trim_end_matches("in")
            .parse::<Minutes>()
            .map_err(|why| format!("session length: {why}"))?
            .get(),
    };
    let credential = Some(cell(Field::Credential))
        .filter(|c| !c.is_empty())
        .map(|c| text::single_line(c).unwrap_or_default());
    Ok(Person {
        line,
        name,
        email,
        zone,
        languages,
        free,
        credential,
        practice,
        minutes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = "Timestamp,Full name,Email Address,What time zone are you in?,\
Languages you coach in,When are you free?,Credential you work towards,\
Reciprocal or one-way?,Session length\n\
2026/11/01 10:00,Ana Silva,ana@example.org,Europe/Lisbon,\"Portuguese, English\",Mon-Thu 18-21,ICF ACC,Reciprocal (we coach each other),60\n\
2026/11/01 10:05,Ben Okafor,BEN@example.org,Africa/Lagos,English,weekends mornings,,One-way (a ring),45 min\n";

    #[test]
    fn a_form_export_is_read_by_its_headers() {
        let people = read(FORM.as_bytes(), &BTreeMap::new()).expect("reads");
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].name, "Ana Silva");
        assert_eq!(people[0].languages, ["portuguese", "english"]);
        assert_eq!(people[0].practice, Practice::Reciprocal);
        assert_eq!(people[0].line, 2);
        assert_eq!(people[1].email, "ben@example.org");
        assert_eq!(people[1].practice, Practice::OneWay);
        assert_eq!(people[1].minutes, 45);
        assert_eq!(people[1].credential, None);
    }

    #[test]
    fn a_bad_time_zone_an_empty_language_and_a_duplicate_e_mail_are_each_named_by_line() {
        let bad = format!(
            "{FORM}2026/11/02 09:00,Cleo,cleo@example.org,Berlin,German,Tue 9-12,,reciprocal,60\n\
             2026/11/02 09:01,Dev,dev@example.org,Asia/Kolkata,,Tue 9-12,,reciprocal,60\n\
             2026/11/02 09:02,Ana again,Ana@Example.org,Europe/Lisbon,English,Tue 9-12,,reciprocal,60\n"
        );
        let problems = read(bad.as_bytes(), &BTreeMap::new()).expect_err("bad rows");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].starts_with("line 4: time zone 'Berlin'"),
            "{problems:?}"
        );
        assert!(problems[0].contains("Europe/Berlin"), "{problems:?}");
        assert!(
            problems[1].starts_with("line 5: no language"),
            "{problems:?}"
        );
        assert!(
            problems[2].starts_with("line 6: the e-mail address ana@example.org is on line 2 too"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_hand_made_sheet_names_its_columns_with_map() {
        let sheet = "Who;Address;TZ;Speaks;Slots;Kind\nAna;ana@x.org;Europe/Lisbon;en;Mon 18-21;reciprocal\n";
        let problems = read(sheet.as_bytes(), &BTreeMap::new()).expect_err("unknown columns");
        assert!(
            problems.iter().any(|p| p.contains("no column for name")),
            "{problems:?}"
        );
        let map: BTreeMap<Field, String> = [
            (Field::Name, "Who"),
            (Field::Email, "Address"),
            (Field::Zone, "TZ"),
            (Field::Languages, "Speaks"),
            (Field::Free, "Slots"),
            (Field::Arrangement, "Kind"),
        ]
        .into_iter()
        .map(|(f, c)| (f, c.to_owned()))
        .collect();
        let people = read(sheet.as_bytes(), &map).expect("reads");
        assert_eq!(people[0].languages, ["en"]);
    }
}
