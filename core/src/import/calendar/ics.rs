//! An iCalendar file read into events, with their times in their own zones: the `ical` crate reads
//! the lines (unfolding, parameters, a line number for each error), and this module gives the
//! properties a session needs their meaning (RFC 5545).

use chrono::{NaiveDate, NaiveDateTime};

use ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTimeZone};
use ical::property::Property;

/// A time as an event states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum When {
    /// A whole day (an all-day event).
    Date(NaiveDate),
    /// A moment in UTC (`…Z`).
    Utc(NaiveDateTime),
    /// A wall-clock time in a named zone (`TZID=`).
    Zoned(NaiveDateTime, String),
    /// A wall-clock time in no zone: the user's.
    Floating(NaiveDateTime),
}

/// An attendee of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attendee {
    /// The e-mail address, lowercase (`mailto:` taken off).
    pub email: String,
    /// The name, if given (`CN=`).
    pub name: Option<String>,
    /// The answer to the invitation (`PARTSTAT=`), uppercase.
    pub partstat: Option<String>,
}

/// One VEVENT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// `UID`.
    pub uid: String,
    /// `RECURRENCE-ID`: this event overrides that instance of a recurring one.
    pub recurrence_id: Option<When>,
    /// `SUMMARY`, unescaped.
    pub summary: String,
    /// `DTSTART`.
    pub start: When,
    /// `DTEND`.
    pub end: Option<When>,
    /// `DURATION`, in whole minutes.
    pub duration: Option<i64>,
    /// `RRULE`, as written.
    pub rrule: Option<String>,
    /// `EXDATE`s.
    pub exdates: Vec<When>,
    /// `STATUS`, uppercase.
    pub status: Option<String>,
    /// `TRANSP:TRANSPARENT`: shown as free.
    pub transparent: bool,
    /// `ATTENDEE`s.
    pub attendees: Vec<Attendee>,
    /// `ORGANIZER`'s e-mail address, lowercase.
    pub organizer: Option<String>,
    /// `CATEGORIES`, each trimmed.
    pub categories: Vec<String>,
}

/// A whole calendar file: its events and its time zone definitions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Calendar {
    /// The events.
    pub events: Vec<Event>,
    /// The VTIMEZONE blocks.
    pub zones: Vec<IcalTimeZone>,
    /// What is wrong with each event that cannot be read (no start, a date that is not one),
    /// naming the event: the others are read all the same.
    pub invalid: Vec<String>,
}

/// Reads an iCalendar file, or says what is wrong with it, naming the line.
pub(crate) fn read(text: &str) -> Result<Calendar, String> {
    // A byte-order mark, as some Windows programs write one, is not part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text
        .lines()
        .position(|l| !l.trim().is_empty())
        .map(|i| (i + 1, text.lines().nth(i).unwrap_or_default().trim()));
    match first {
        Some((_, line)) if line.eq_ignore_ascii_case("BEGIN:VCALENDAR") => {}
        Some((n, line)) => {
            return Err(format!(
                "line {n}: not an iCalendar file: it starts with {:?}, not BEGIN:VCALENDAR \
                 (export the calendar as .ics)",
                crate::domain::text::shorten(line)
            ));
        }
        None => return Err("the file is empty: export the calendar as .ics".to_owned()),
    }
    let mut calendar = Calendar::default();
    for parsed in ical::IcalParser::new(std::io::BufReader::new(text.as_bytes())) {
        let parsed: IcalCalendar = parsed.map_err(|e| {
            let message = e.to_string();
            if message.starts_with("property error: Line") {
                message.trim_start_matches("property error: ").to_owned()
            } else {
                format!("not a valid iCalendar file: {message}")
            }
        })?;
        for (n, event) in parsed.events.iter().enumerate() {
            match event_of(event, n + 1) {
                Ok(event) => calendar.events.push(event),
                Err(why) => calendar.invalid.push(why),
            }
        }
        calendar.zones.extend(parsed.timezones);
    }
    Ok(calendar)
}

fn param<'a>(p: &'a Property, name: &str) -> Option<&'a str> {
    p.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
}

fn props<'a>(event: &'a IcalEvent, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
    event
        .properties
        .iter()
        .filter(move |p| p.name.eq_ignore_ascii_case(name))
}

fn value<'a>(event: &'a IcalEvent, name: &'a str) -> Option<&'a str> {
    props(event, name).next().and_then(|p| p.value.as_deref())
}

/// A TEXT value unescaped: `\,` `\;` `\\` `\n`.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A DATE or DATE-TIME value with its `TZID` and `VALUE` parameters.
fn when(p: &Property) -> Result<When, String> {
    let text = p.value.as_deref().unwrap_or_default().trim();
    let bad = || format!("{}: {text:?} is not a date or a date-time", p.name);
    if param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE")) || text.len() == 8 {
        return NaiveDate::parse_from_str(text, "%Y%m%d")
            .map(When::Date)
            .map_err(|_| bad());
    }
    if let Some(utc) = text.strip_suffix('Z') {
        return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
            .map(When::Utc)
            .map_err(|_| bad());
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    Ok(match param(p, "TZID") {
        Some(zone) => When::Zoned(local, zone.trim_matches('"').to_owned()),
        None => When::Floating(local),
    })
}

/// Each value of a property that may list several (`EXDATE:…,…`).
fn whens(p: &Property) -> Result<Vec<When>, String> {
    p.value
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            when(&Property {
                name: p.name.clone(),
                params: p.params.clone(),
                value: Some(v.to_owned()),
            })
        })
        .collect()
}

/// A DURATION value in whole minutes (`PT1H30M`, `P1D`, `-PT15M`).
pub(crate) fn duration_minutes(text: &str) -> Option<i64> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let rest = rest.strip_prefix('P')?;
    let (mut seconds, mut number, mut in_time) = (0i64, String::new(), false);
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                seconds += n * match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
            }
        }
    }
    number.is_empty().then_some(sign * seconds / 60)
}

/// An address from `mailto:…`, lowercase.
fn address(text: &str) -> String {
    let text = text.trim();
    let text = text
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("mailto:"))
        .map_or(text, |_| &text[7..]);
    text.to_ascii_lowercase()
}

/// The event `event`, the `n`th of its calendar (which names it when it has no UID).
fn event_of(event: &IcalEvent, n: usize) -> Result<Event, String> {
    let uid = value(event, "UID").unwrap_or_default().trim().to_owned();
    let summary = unescape(value(event, "SUMMARY").unwrap_or_default().trim());
    let context = |e: String| {
        let title = if summary.is_empty() {
            String::new()
        } else {
            format!(" {:?}", crate::domain::text::shorten(&summary))
        };
        if uid.is_empty() {
            format!("event {n} of the file{title}: {e}")
        } else {
            format!("event {}{title}: {e}", crate::domain::text::shorten(&uid))
        }
    };
    let start = props(event, "DTSTART")
        .next()
        .ok_or_else(|| context("it has no DTSTART".to_owned()))
        .and_then(|p| when(p).map_err(context))?;
    let exdates = props(event, "EXDATE")
        .map(whens)
        .collect::<Result<Vec<_>, _>>()
        .map_err(context)?
        .into_iter()
        .flatten()
        .collect();
    Ok(Event {
        uid: uid.clone(),
        recurrence_id: props(event, "RECURRENCE-ID")
            .next()
            .map(when)
            .transpose()
            .map_err(context)?,
        summary: unescape(value(event, "SUMMARY").unwrap_or_default().trim()),
        start,
        end: props(event, "DTEND")
            .next()
            .map(when)
            .transpose()
            .map_err(context)?,
        duration: value(event, "DURATION").and_then(duration_minutes),
        rrule: value(event, "RRULE").map(|r| r.trim().to_owned()),
        exdates,
        status: value(event, "STATUS").map(|s| s.trim().to_ascii_uppercase()),
        transparent: value(event, "TRANSP")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("TRANSPARENT")),
        attendees: props(event, "ATTENDEE")
            .map(|p| Attendee {
                email: address(p.value.as_deref().unwrap_or_default()),
                name: param(p, "CN").map(|n| n.trim_matches('"').to_owned()),
                partstat: param(p, "PARTSTAT").map(str::to_ascii_uppercase),
            })
            .collect(),
        organizer: value(event, "ORGANIZER").map(address),
        categories: props(event, "CATEGORIES")
            .filter_map(|p| p.value.as_deref())
            .flat_map(|v| v.split(',').map(|c| unescape(c.trim())))
            .filter(|c| !c.is_empty())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_text() {
        assert_eq!(duration_minutes("PT1H30M"), Some(90));
        assert_eq!(duration_minutes("PT45M"), Some(45));
        assert_eq!(duration_minutes("P1D"), Some(1440));
        assert_eq!(duration_minutes("-PT15M"), Some(-15));
        assert_eq!(duration_minutes("1H"), None);
        assert_eq!(
            unescape(r"Coaching\, Alex\; notes\nnext"),
            "Coaching, Alex; notes\nnext"
        );
    }

    #[test]
    fn a_file_that_is_not_icalendar_is_named_with_its_line() {
        let e = read("\n\ndate,partner\n").expect_err("csv");
        assert!(e.starts_with("line 3: not an iCalendar file"), "{e}");
        let e = read(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nno colon here\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        )
        .expect_err("broken line");
        assert!(e.contains("Line 3"), "{e}");
    }

    #[test]
    fn reads_folded_lines_parameters_and_zones() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\n\
                    SUMMARY:Coaching\\, with Alex Kim and a very long title that an exporter folds\r\n  onto the next line\r\n\
                    DTSTART;TZID=Europe/Berlin:20261123T090000\r\nDTEND;TZID=Europe/Berlin:20261123T100000\r\n\
                    ATTENDEE;CN=\"Alex Kim\";PARTSTAT=ACCEPTED:mailto:Alex@Example.org\r\n\
                    ORGANIZER:mailto:me@example.org\r\nCATEGORIES:Coaching,Work\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let calendar = read(text).expect("valid");
        let e = &calendar.events[0];
        assert_eq!(
            e.summary,
            "Coaching, with Alex Kim and a very long title that an exporter folds onto the next line"
        );
        assert!(matches!(&e.start, When::Zoned(_, zone) if zone == "Europe/Berlin"));
        assert_eq!(e.attendees[0].email, "alex@example.org");
        assert_eq!(e.attendees[0].partstat.as_deref(), Some("ACCEPTED"));
        assert_eq!(e.organizer.as_deref(), Some("me@example.org"));
        assert_eq!(e.categories, ["Coaching", "Work"]);
    }
}
