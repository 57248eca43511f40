//! The `sessions` listing: one row per session, newest first, with totals; written row by row, so
//! that a listing of any length takes little memory.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::Serializer;

use super::Look;
use crate::ui::columns::Columns;
use crate::ui::table::Column;
use coachlog_core::domain::duration::{hours_2dp, hours_f64};
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{
    Arrangement, ClientType, Format, NotCounted, Partner, Payment, Role, Session,
};
use coachlog_core::domain::text::count;
use coachlog_core::reports::activity::Activity;

/// The partners of a listing, by id.
pub type PartnersById<'a> = HashMap<&'a PartnerId, &'a Partner>;

/// One session in `sessions --json`.
#[derive(Serialize)]
struct SessionJson<'a> {
    id: &'a str,
    date: String,
    partner: &'a PartnerId,
    partner_name: Option<&'a str>,
    minutes: u32,
    hours: f64,
    role: Role,
    payment: Payment,
    arrangement: Arrangement,
    client_type: ClientType,
    format: Format,
    group_size: Option<u32>,
    not_counted: Option<NotCounted>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Option<&'a str>>,
}

/// The sessions as `sessions --json` prints them: an array, written as it is made.
pub fn write_json(
    out: &mut impl Write,
    sessions: &[&Session],
    partners: &PartnersById,
    notes: bool,
) -> io::Result<()> {
    let rows = sessions.iter().map(|s| {
        let p = partners.get(&s.partner);
        SessionJson {
            id: &s.id,
            date: s.date.to_string(),
            partner: &s.partner,
            partner_name: p.map(|p| p.name.as_str()),
            minutes: s.minutes.get(),
            hours: hours_f64(u64::from(s.minutes.get())),
            role: s.role,
            payment: s.payment,
            arrangement: s.arrangement,
            client_type: s.facts.client_type,
            format: s.facts.format(),
            group_size: s.facts.group_size.map(|g| g.get()),
            not_counted: s.not_counted,
            notes: notes.then_some(
                s.notes
                    .as_deref()
                    .map(coachlog_core::domain::private::shown),
            ),
        }
    });
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    serializer.collect_seq(rows).map_err(io::Error::from)?;
    writeln!(out)
}

/// The sessions as a table with their totals, written row by row.
pub fn write_text(
    out: &mut impl Write,
    sessions: &[&Session],
    partners: &PartnersById,
    notes: bool,
    look: &Look,
) -> io::Result<()> {
    // At a narrow width, the arrangement goes first, then the payment: the client type is what
    // the mix of clients is about.
    let mut header = vec![
        Column::keep("ID"),
        Column::keep("Date"),
        Column::wrap("Partner"),
        // With notes, the role may go too: the notes are what was asked for.
        if notes {
            Column::keep("Role").optional(5)
        } else {
            Column::keep("Role")
        },
        Column::keep("Hours").right(),
        Column::keep("Payment").optional(2),
        Column::keep("Arrangement").optional(1),
        Column::keep("Client type").optional(3),
    ];
    // The column appears when a listed session is marked, so that it never stands empty.
    let any_marked = sessions.iter().any(|s| s.not_counted.is_some());
    if any_marked {
        header.push(Column::keep("Not counted").optional(4));
    }
    if notes {
        header.push(Column::wrap("Notes"));
    }
    // Each partner's name is made safe once, not once per session.
    let mut names: rustc_hash::FxHashMap<&PartnerId, String> = rustc_hash::FxHashMap::default();
    for s in sessions {
        names.entry(&s.partner).or_insert_with(|| {
            partners.get(&s.partner).map_or_else(
                || format!("{} (missing)", s.partner),
                |p| look.clean(&p.name, 32),
            )
        });
    }
    let rows = Rows {
        names,
        any_marked,
        notes,
        look,
    };
    let totals = totals(&Activity::of(sessions.iter().copied()));
    fn cells(row: &[String]) -> Vec<&str> {
        row.iter().map(String::as_str).collect()
    }
    // Two passes: the widths first, then the rows; no more than one row is held at a time.
    let mut columns = Columns::new(header).fit(look.width);
    for s in sessions {
        let made = rows.made(s);
        columns.measure(&rows.cells(s, &made));
    }
    for total in &totals {
        columns.measure_whole(&cells(total));
    }
    columns.write_header(out, look)?;
    for s in sessions {
        let made = rows.made(s);
        columns.write_row(out, &rows.cells(s, &made))?;
    }
    for total in &totals {
        columns.write_row(out, &cells(total))?;
    }
    columns.write_left_out(out)
}

/// How a session becomes a row.
struct Rows<'p> {
    /// Each partner's name, made safe.
    names: rustc_hash::FxHashMap<&'p PartnerId, String>,
    any_marked: bool,
    notes: bool,
    look: &'p Look,
}

impl Rows<'_> {
    /// The cells that are made for each session: the date, the hours and the notes.
    fn made(&self, s: &Session) -> [String; 3] {
        [
            s.date.to_string(),
            hours_2dp(u64::from(s.minutes.get())),
            match (&s.notes, self.notes) {
                (Some(n), true) => self.look.clean(n, 200),
                _ => String::new(),
            },
        ]
    }

    /// The row's cells, borrowed from the session, the names and what was `made`.
    fn cells<'r>(&'r self, s: &'r Session, made: &'r [String; 3]) -> Vec<&'r str> {
        let [date, hours, notes] = made;
        let mut cells = vec![
            s.id.as_str(),
            date.as_str(),
            self.names.get(&s.partner).map_or("", String::as_str),
            s.role.as_str(),
            hours.as_str(),
            s.payment.as_str(),
            s.arrangement.as_str(),
            s.facts.client_type.as_str(),
        ];
        if self.any_marked {
            cells.push(s.not_counted.map_or("", |r| r.as_str()));
        }
        if self.notes {
            cells.push(notes.as_str());
        }
        cells
    }
}

/// The totals rows, labelled in the date column (as wide as a date): all sessions, and as coach
/// and as client when there are both.
fn totals(total: &Activity) -> Vec<Vec<String>> {
    let row = |label: &str, sessions: u32, minutes: u64| {
        vec![
            String::new(),
            label.to_owned(),
            count(sessions as usize, "session", "sessions"),
            String::new(),
            hours_2dp(minutes),
        ]
    };
    let mut rows = vec![row("Total", total.sessions(), total.minutes())];
    let parts = [
        ("as coach", total.coach_sessions, total.coach_minutes),
        ("as client", total.client_sessions, total.client_minutes),
        ("observing", total.observer_sessions, total.observer_minutes),
    ];
    if parts
        .iter()
        .filter(|(_, sessions, _)| *sessions > 0)
        .count()
        > 1
    {
        for (label, sessions, minutes) in parts.into_iter().filter(|(_, n, _)| *n > 0) {
            rows.push(row(label, sessions, minutes));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::domain::model::Arrangement::{OneWay, Reciprocal};
    use coachlog_core::domain::model::Role::{Client, Coach};
    use coachlog_core::reports::fixtures::session;

    fn render(sessions: &[Session], notes: bool, look: &Look) -> String {
        let refs: Vec<&Session> = sessions.iter().collect();
        let mut out = Vec::new();
        write_text(&mut out, &refs, &PartnersById::new(), notes, look).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn the_listing_in_each_look() {
        let mut marked = session("jo", "2026-01-06", 45, Coach, OneWay);
        marked.not_counted = Some(NotCounted::InClass);
        marked.notes = Some("first\u{7}bell".into());
        let sessions = [
            session("alex", "2026-01-05", 60, Coach, Reciprocal),
            session("alex", "2026-01-07", 60, Client, Reciprocal),
            marked,
        ];
        let plain = render(&sessions, true, &Look::PLAIN);
        for needle in [
            "Not counted",
            "in-class",
            "alex (missing)",
            "first\\u{7}bell",
            " Total ",
            " as client ",
        ] {
            assert!(plain.contains(needle), "{needle:?} in {plain}");
        }
        assert!(plain.lines().nth(1).is_some_and(|l| l.starts_with('─')));
        let ascii = render(&sessions, false, &Look::ASCII);
        assert!(ascii.is_ascii() && !ascii.contains("Notes"), "{ascii}");
        assert!(render(&sessions, false, &Look::COLOUR).starts_with("\x1b[1m ID"));
        let refs: Vec<&Session> = sessions.iter().collect();
        let mut json = Vec::new();
        write_json(&mut json, &refs, &PartnersById::new(), false).expect("write");
        let value: serde_json::Value = serde_json::from_slice(&json).expect("json");
        assert_eq!(value[2]["not_counted"], "in-class");
        assert!(value[0].get("notes").is_none());
    }
}
