//! The inbox: a plain text file in the logbook (`inbox.txt`, or one per device in `inbox/*.txt`)
//! that a phone's notes app, synced by a file-sync tool, appends sessions to in the quick form
//! `log` reads — `2026-12-02 alex 45m`, `yesterday jordan 1h paid # went well`.
//!
//! A line counts once it ends in a newline (a sync tool may still be writing the last one). Each
//! line is taken once: the session logged from it records the file and the SHA-256 of the line's
//! text, so reading the inbox again — the file never rewritten behind the sync tool's back — takes
//! only the lines not taken yet (the k-th of identical lines is taken when k sessions name it).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::date::DateArg;
use crate::domain::duration::Minutes;
use crate::domain::model::{InboxRef, Payment, Role, Session};

/// A line of an inbox file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Its number, from 1.
    pub number: u32,
    /// Its text, without the newline.
    pub text: String,
    /// The SHA-256 of the text.
    pub sha256: String,
}

/// What a line of the inbox says: a session in the quick form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quick {
    /// The day.
    pub date: NaiveDate,
    /// The partner, as typed.
    pub partner: String,
    /// The length, when given (else the partner's usual one).
    pub minutes: Option<Minutes>,
    /// Who coached.
    pub role: Role,
    /// What the client gave, when given.
    pub payment: Option<Payment>,
    /// The notes after `#`.
    pub notes: Option<String>,
}

/// The complete lines of an inbox file's text, and the number of a last line still without its
/// newline, if there is one.
pub fn lines(text: &str) -> (Vec<Line>, Option<u32>) {
    let mut out = Vec::new();
    let mut rest = text;
    let mut number = 0u32;
    while let Some(end) = rest.find('\n') {
        number += 1;
        let line = rest[..end].trim_end_matches('\r');
        out.push(Line {
            number,
            text: line.to_owned(),
            sha256: crate::storage::evidence::hash(line.as_bytes())
                .map(|(sha, _)| sha)
                .unwrap_or_default(),
        });
        rest = &rest[end + 1..];
    }
    let unfinished = (!rest.trim().is_empty()).then_some(number + 1);
    (out, unfinished)
}

/// Whether a line holds nothing to take: blank, or a comment (`# …`).
pub fn is_blank(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || t.starts_with('#')
}

/// Reads a line in the quick form: DATE PARTNER [DUR] [paid|exchange|pro-bono] [as client]
/// [# notes].
pub fn parse(text: &str, today: NaiveDate) -> Result<Quick, String> {
    let text = text.trim_start_matches('\u{feff}');
    let (words, notes) = match text.find(" #") {
        Some(at) => (&text[..at], Some(text[at + 2..].trim().to_owned())),
        None => (text, None),
    };
    let notes = notes.filter(|n| !n.is_empty());
    if let Some(notes) = &notes {
        crate::domain::text::single_line(notes).map_err(|why| format!("the notes: {why}"))?;
    }
    let tokens: Vec<&str> = words.split_whitespace().collect();
    // The day: one word (2026-12-02, yesterday, monday) or more (last friday, 3 days ago).
    let (date, used) = (1..=3.min(tokens.len()))
        .rev()
        .find_map(|n| {
            tokens[..n]
                .join(" ")
                .parse::<DateArg>()
                .ok()
                .map(|d| (d.resolve(today), n))
        })
        .ok_or_else(|| {
            format!(
                "'{}' is not a day: start the line with one, e.g. 2026-12-02 alex 45m or \
                 yesterday alex 1h",
                tokens.first().copied().unwrap_or("")
            )
        })?;
    let mut rest = tokens[used..].iter().copied();
    let partner = rest
        .next()
        .ok_or("the partner is missing: DATE PARTNER [DUR], e.g. 2026-12-02 alex 45m")?
        .to_owned();
    let mut quick = Quick {
        date,
        partner,
        minutes: None,
        role: Role::Coach,
        payment: None,
        notes,
    };
    let rest: Vec<&str> = rest.collect();
    let mut i = 0;
    while i < rest.len() {
        let word = rest[i].to_ascii_lowercase();
        i += 1;
        match word.as_str() {
            "paid" => quick.payment = Some(Payment::Paid),
            "exchange" => quick.payment = Some(Payment::Exchange),
            "pro-bono" | "probono" => quick.payment = Some(Payment::ProBono),
            "pro" if rest.get(i).is_some_and(|w| w.eq_ignore_ascii_case("bono")) => {
                quick.payment = Some(Payment::ProBono);
                i += 1;
            }
            "as" if rest
                .get(i)
                .is_some_and(|w| w.eq_ignore_ascii_case("client")) =>
            {
                quick.role = Role::Client;
                i += 1;
            }
            "client" | "coached" => quick.role = Role::Client,
            "coach" | "coaching" => quick.role = Role::Coach,
            _ if quick.minutes.is_none() => {
                quick.minutes = Some(word.parse::<Minutes>().map_err(|e| {
                    format!(
                        "'{}': {e} (or a word: paid, exchange, pro-bono, as client)",
                        rest[i - 1]
                    )
                })?);
            }
            _ => {
                return Err(format!(
                    "'{}' is not a word the inbox reads: after the length come paid, exchange, \
                     pro-bono or as client, and notes after #",
                    rest[i - 1]
                ));
            }
        }
    }
    Ok(quick)
}

/// How many sessions were logged from each line text of each inbox file: (file, SHA-256) → count.
pub fn taken(sessions: &[Session]) -> HashMap<(String, String), usize> {
    let mut out: HashMap<(String, String), usize> = HashMap::new();
    for s in sessions {
        if let Some(r) = &s.inbox {
            *out.entry((r.file.clone(), r.sha256.clone())).or_default() += 1;
        }
    }
    out
}

/// The lines of `file` not taken yet: the k-th of identical lines is taken when k sessions name
/// its text.
pub fn untaken<'l>(
    file: &str,
    lines: &'l [Line],
    taken: &HashMap<(String, String), usize>,
) -> Vec<&'l Line> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    lines
        .iter()
        .filter(|l| !is_blank(&l.text))
        .filter(|l| {
            let k = seen.entry(l.sha256.as_str()).or_default();
            *k += 1;
            *k > taken
                .get(&(file.to_owned(), l.sha256.clone()))
                .copied()
                .unwrap_or(0)
        })
        .collect()
}

/// The reference a session logged from `line` of `file` records.
pub fn reference(file: &str, line: &Line) -> InboxRef {
    InboxRef {
        file: file.to_owned(),
        line: line.number,
        sha256: line.sha256.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2026-12-03".parse().expect("date")
    }

    #[test]
    fn the_quick_form_reads_as_log_does() {
        let q = parse("2026-12-02 alex 45m", today()).expect("reads");
        assert_eq!(q.date.to_string(), "2026-12-02");
        assert_eq!(q.partner, "alex");
        assert_eq!(q.minutes.map(Minutes::get), Some(45));
        let q = parse(
            "yesterday jordan 1h paid # went well, ask about goals",
            today(),
        )
        .expect("reads");
        assert_eq!(q.date.to_string(), "2026-12-02");
        assert_eq!(q.payment, Some(Payment::Paid));
        assert_eq!(q.notes.as_deref(), Some("went well, ask about goals"));
        let q = parse("3 days ago priya 1,5h as client", today()).expect("reads");
        assert_eq!(q.date.to_string(), "2026-11-30");
        assert_eq!(q.role, Role::Client);
        assert_eq!(q.minutes.map(Minutes::get), Some(90));
        let q = parse("last friday mei pro bono", today()).expect("reads");
        assert_eq!(q.payment, Some(Payment::ProBono));
        assert_eq!(q.minutes, None, "the partner's usual length");
        for (bad, says) in [
            ("alex 45m", "'alex' is not a day"),
            ("2026-12-02", "the partner is missing"),
            ("2026-12-02 alex forever", "'forever'"),
            ("2026-12-02 alex 45m 30m", "not a word the inbox reads"),
        ] {
            let err = parse(bad, today()).expect_err(bad);
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn a_line_counts_once_it_ends_and_is_taken_once() {
        let (found, unfinished) =
            lines("2026-12-01 alex 1h\n\n# a comment\n2026-12-01 alex 1h\n2026-12-02 al");
        assert_eq!(found.len(), 4);
        assert_eq!(unfinished, Some(5), "the last line is still being written");
        let mut taken = HashMap::new();
        let open = untaken("inbox.txt", &found, &taken);
        assert_eq!(open.iter().map(|l| l.number).collect::<Vec<_>>(), [1, 4]);
        // One session names the text: the first of the two identical lines is taken.
        taken.insert(("inbox.txt".to_owned(), found[0].sha256.clone()), 1);
        let open = untaken("inbox.txt", &found, &taken);
        assert_eq!(open.iter().map(|l| l.number).collect::<Vec<_>>(), [4]);
        assert!(
            untaken("inbox/other.txt", &found, &taken).len() == 2,
            "per file"
        );
        assert_eq!(lines("a\r\n").0[0].text, "a");
    }
}
