//! The inbox: a plain text file in the logbook (`inbox.txt`, or one per device in `inbox/*.txt`)
//! that a phone's notes app, synced by a file-sync tool, appends sessions to in the quick form
//! `log` reads — `2026-12-02 alex 45m`, `yesterday jordan 1h paid # went well`.
//!
//! A line counts once it ends in a newline (a sync tool may still be writing the last one). What
//! becomes of every line is worked out here, from the file as it is now and the inbox's memory
//! ([`crate::domain::inbox`]), never by rewriting the file behind the sync tool's back:
//!
//! - the lines of the file are compared with those of its last reading: a line there then was
//!   taken then (or left, and is tried again); a line new since is new, even when its text is that
//!   of a line taken before (`yesterday alex 45m`, written again on another day); a line changed in
//!   place (90 → 95 minutes) corrects the session it became; a line gone (the file cleared) takes
//!   its session nowhere;
//! - a taken line stays taken, whether its session is still there or the coach removed it;
//! - a relative day (`today`, `yesterday`, `monday`) means the day the line was written, which is
//!   known when the file changed only on the day it was last read, or when the line is the last
//!   the phone appended (the file's last change); otherwise it is not guessed at: the line waits,
//!   named, with the form that works (`2026-12-06 sam 45m`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::domain::date::DateArg;
use crate::domain::duration::Minutes;
use crate::domain::id::PartnerId;
use crate::domain::inbox::{InboxRead, InboxTaken, Memory, ReadLine, short_hash};
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
    /// The day, as the line says it.
    pub day: DateArg,
    /// The words that say it (`2026-12-02`, `yesterday`, `last friday`).
    pub said: String,
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
/// [# notes]. DATE is as `--date` takes it, or day first (`03.12.2026`); DUR as `log` takes it,
/// `1h 30m` included.
pub fn parse(text: &str) -> Result<Quick, String> {
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
    let (day, used) = (1..=3.min(tokens.len()))
        .rev()
        .find_map(|n| {
            tokens[..n]
                .join(" ")
                .parse::<DateArg>()
                .ok()
                .map(|d| (d, n))
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
        day,
        said: tokens[..used].join(" "),
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
            "observer" | "observed" | "observing" => quick.role = Role::Observer,
            // `1h 30m`, as `log` takes it: two words that make one length.
            _ if quick.minutes.is_none()
                && word.parse::<Minutes>().is_ok()
                && rest.get(i).is_some_and(|next| {
                    next.parse::<Minutes>().is_ok()
                        && format!("{word} {next}").parse::<Minutes>().is_ok()
                }) =>
            {
                quick.minutes = format!("{word} {}", rest[i]).parse::<Minutes>().ok();
                i += 1;
            }
            _ if quick.minutes.is_none() => {
                quick.minutes = Some(crate::domain::duration::spoken(&word).map_err(|e| {
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

/// A partner as the inbox needs one: its id and usual length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerFound {
    /// The partner's id.
    pub id: PartnerId,
    /// Its usual length, if it has one.
    pub minutes: Option<Minutes>,
}

/// An inbox file as it is now.
#[derive(Debug, Clone, Copy)]
pub struct InboxFile<'a> {
    /// Its name under the data directory (`inbox.txt`, `inbox/phone.txt`).
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
    /// The day it last changed (its modification time on this device's clock).
    pub changed: NaiveDate,
    /// Its modification time, in nanoseconds since 1970, when known.
    pub modified: Option<i64>,
}

/// What the judging knows besides the file.
pub struct Known<'a> {
    /// The inbox's memory.
    pub memory: &'a Memory,
    /// The logbook's sessions.
    pub sessions: &'a [Session],
    /// Today.
    pub today: NaiveDate,
    /// Finds the partner a line names, or says why not.
    pub partner: &'a dyn Fn(&str) -> Result<PartnerFound, String>,
}

/// A line to take now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Take {
    /// The id of the memory's record of it (and of a new session logged from it).
    pub id: String,
    /// The day it means.
    pub date: NaiveDate,
    /// The partner.
    pub partner: PartnerId,
    /// The length.
    pub minutes: Minutes,
    /// What the line says.
    pub quick: Quick,
}

/// What becomes of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Taken before (on this device or another); `kept` is false when its session was removed.
    Taken {
        /// The memory's record of it.
        record: Box<InboxTaken>,
        /// Whether its session is still in the logbook.
        kept: bool,
    },
    /// A new session, to log now.
    Log(Take),
    /// The line changed on the phone since it was taken: its session is changed to match (when
    /// the coach has not removed it).
    Correct {
        /// The line as it is now.
        take: Take,
        /// The record of the line as it was.
        of: Box<InboxTaken>,
        /// Whether its session is still in the logbook.
        kept: bool,
    },
    /// Left in the inbox: why, and what to do.
    Waiting(String),
}

/// A line of a file, and what becomes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgment {
    /// The line.
    pub line: Line,
    /// What becomes of it.
    pub fate: Fate,
}

/// What becomes of the lines of one inbox file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// The file's name under the data directory.
    pub file: String,
    /// Its lines (blank lines and comments left out), in order.
    pub lines: Vec<Judgment>,
    /// The number of a last line still without its newline.
    pub unfinished: Option<u32>,
    /// Lines taken before that are no longer in the file (it was cleared).
    pub gone: usize,
    /// Lines two devices took as two sessions (the line changed on the phone between their
    /// readings, before their logbooks synced): the record whose session goes, and the one whose
    /// session stays — the one the line as it is now names.
    pub twins: Vec<(InboxTaken, InboxTaken)>,
    /// The reading to remember, when the file changed since the last one.
    pub read: Option<InboxRead>,
}

impl Judged {
    /// The records the memory keeps of the lines taken now, taken on `today`.
    pub fn taken_now(&self, today: NaiveDate) -> Vec<(&Judgment, InboxTaken)> {
        self.lines
            .iter()
            .filter_map(|j| {
                let (take, corrects, session) = match &j.fate {
                    Fate::Log(take) => (take, None, take.id.clone()),
                    Fate::Correct { take, of, .. } => {
                        (take, Some(of.sha256.clone()), of.session.clone())
                    }
                    _ => return None,
                };
                Some((
                    j,
                    InboxTaken {
                        id: take.id.clone(),
                        file: self.file.clone(),
                        line: j.line.number,
                        sha256: j.line.sha256.clone(),
                        date: take.date,
                        said: take.quick.said.clone(),
                        partner: take.partner.clone(),
                        session,
                        taken: today,
                        corrects,
                    },
                ))
            })
            .collect()
    }

    /// How many lines wait.
    pub fn waiting(&self) -> impl Iterator<Item = (&Line, &str)> {
        self.lines.iter().filter_map(|j| match &j.fate {
            Fate::Waiting(why) => Some((&j.line, why.as_str())),
            _ => None,
        })
    }
}

/// Where a line of the file comes from, against the last reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    /// It was there then: the index of its line in the reading.
    Kept(usize),
    /// It is new since; `from..to` is the range of the reading's lines it stands in place of
    /// (a change made in place), empty for a line added; `offset`, its place in the change.
    New {
        from: usize,
        to: usize,
        offset: usize,
    },
}

/// Works out what becomes of each line of `file`.
pub fn judge(file: InboxFile<'_>, known: &Known<'_>) -> Judged {
    let (all, unfinished) = lines(file.text);
    let entries: Vec<Line> = all.into_iter().filter(|l| !is_blank(&l.text)).collect();
    let records = records_of(file.name, known);
    let history = History::of(file.name, known.memory);
    let last_read = history.reads.last().copied();
    let before: &[ReadLine] = last_read.map_or(&[], |r| &r.lines);
    let (origins, appended_only) = origins(before, &entries);
    // Whether the file was written since the last reading other than by adding lines at its end:
    // cleared and written again, perhaps with the same text.
    let rewritten = last_read.is_some_and(|r| r.modified != file.modified)
        && !(appended_only && entries.len() > before.len());
    // A line changed in place is a correction: the lines around it are the ones read before.
    let replaced = origins
        .iter()
        .any(|o| matches!(o, Origin::New { from, to, .. } if from != to));
    let mut kept_then = vec![false; before.len()];
    for origin in &origins {
        if let Origin::Kept(then) = origin {
            kept_then[*then] = true;
        }
    }
    // The day a line new since the last reading was written, when it can be known.
    let changed = file.changed.min(known.today);
    let last_entry = entries.len().checked_sub(1);
    // Every new line was written on the day the file last changed when that is the day of the
    // last reading; the last line the phone added, when nothing but adding changed the file.
    // A line changed in place is not: its day may be in words written before the change.
    let written = |at: usize| -> Option<NaiveDate> {
        let added = matches!(origins[at], Origin::New { from, to, .. } if from == to);
        let same_day = added && last_read.is_some_and(|r| r.day == changed);
        let last_added = appended_only && Some(at) == last_entry && unfinished.is_none();
        (same_day || last_added).then_some(changed)
    };

    // The records, each used by one line at most.
    let mut used = vec![false; records.len()];
    let superseded: HashSet<(&str, &str)> = records
        .iter()
        .filter_map(|r| Some((r.corrects.as_deref()?, r.session.as_str())))
        .collect();
    let is_superseded =
        |r: &InboxTaken| superseded.contains(&(r.sha256.as_str(), r.session.as_str()));
    let session_ids: HashSet<&str> = known.sessions.iter().map(|s| s.id.as_str()).collect();
    let kept = |r: &InboxTaken| session_ids.contains(r.session.as_str());

    let parsed: Vec<Result<Quick, String>> = entries.iter().map(|l| parse(&l.text)).collect();
    // The day each line means, where it is known.
    let mut dates: Vec<Option<NaiveDate>> = entries
        .iter()
        .enumerate()
        .map(|(at, _)| {
            let quick = parsed[at].as_ref().ok()?;
            if let DateArg::On(date) = quick.day {
                return Some(date);
            }
            match origins[at] {
                // Its day as a reading knew it, this one or one before (on another device).
                // A line known not to be the one before (`new`) stops the search.
                Origin::Kept(then) => history.lineage[then]
                    .iter()
                    .take_while(|l| l.hash == before[then].hash)
                    .find(|l| l.date.is_some() || l.fresh)
                    .and_then(|l| l.date),
                Origin::New { .. } => written(at).map(|day| quick.day.resolve(day)),
            }
        })
        .collect();
    let mut fates: Vec<Option<Fate>> = vec![None; entries.len()];
    let taken = |r: &InboxTaken| Fate::Taken {
        record: Box::new(r.clone()),
        kept: kept(r),
    };

    // 1. A line there at the last reading: taken then if a record names its text and day (or,
    //    its day not known then, its text: another device may have known it) — unless the file
    //    was written again since on a later day, the lines before it gone and none changed in
    //    place: then it may be the same words written anew (`yesterday alex 45m`, after the inbox
    //    was cleared), meaning another day, and it is not guessed at.
    let mut fresh = vec![false; entries.len()];
    let read_day = last_read.map_or(known.today, |r| r.day);
    let mut there = Vec::new();
    for (at, origin) in origins.iter().enumerate() {
        let Origin::Kept(then) = *origin else {
            continue;
        };
        let relative = parsed[at].as_ref().is_ok_and(|q| q.day.is_relative());
        if relative
            && rewritten
            && !replaced
            && changed > read_day
            && !kept_then[..then].contains(&true)
        {
            fresh[at] = true;
            dates[at] = None;
            continue;
        }
        fresh[at] = before[then].fresh && dates[at].is_none();
        there.push(at);
    }
    // Lines whose day is known first: a record of a day is theirs before it is any other's;
    // a line whose day is not known takes a record by its text only after the corrections
    // have taken theirs.
    let (unsure, sure): (Vec<usize>, Vec<usize>) =
        there.into_iter().partition(|at| dates[*at].is_none());
    let take_kept = |at: usize,
                     used: &mut Vec<bool>,
                     dates: &mut Vec<Option<NaiveDate>>,
                     fates: &mut Vec<Option<Fate>>| {
        let line = &entries[at];
        let found = find_record(
            &records,
            used,
            &kept,
            |r| {
                // Its day not known here: a record of its text at its place, which another
                // device that knew the day wrote.
                r.sha256 == line.sha256
                    && dates[at].is_none_or(|d| d == r.date)
                    && (dates[at].is_some() || r.line == line.number)
                    && (!fresh[at] || r.taken >= read_day)
                    && !is_superseded(r)
            },
            line.number,
        );
        if let Some(i) = found {
            used[i] = true;
            dates[at] = Some(records[i].date);
            fates[at] = Some(taken(&records[i]));
        }
    };
    for at in sure {
        take_kept(at, &mut used, &mut dates, &mut fates);
    }
    // 2. A line new in place of lines taken before, naming the same partner: a correction.
    let intact = kept_then.contains(&true);
    for (at, line) in entries.iter().enumerate() {
        let Origin::New { from, to, offset } = origins[at] else {
            continue;
        };
        if from == to {
            continue;
        }
        let Ok(quick) = &parsed[at] else { continue };
        let Ok(found) = (known.partner)(&quick.partner) else {
            continue;
        };
        // The line it stands in place of: the one at its place in the change first.
        // Line for line when as many lines stand in place of as many.
        let in_place = origins
            .iter()
            .filter(|o| matches!(o, Origin::New { from: f, to: t, .. } if (*f, *t) == (from, to)))
            .count();
        let mut replaced: Vec<usize> = (from..to).collect();
        replaced.sort_by_key(|j| (j - from).abs_diff(offset));
        if in_place == to - from {
            replaced.retain(|j| j - from == offset);
        }
        // It, or the line it stood in place of before, and so on.
        let of = replaced.iter().find_map(|&j| {
            history.lineage[j]
                .iter()
                .enumerate()
                .filter(|(_, b)| !b.fresh)
                .find_map(|(depth, b)| {
                    find_record(
                        &records,
                        &used,
                        &kept,
                        |r| {
                            // A line whose day the reading knew: one that was taken.
                            r.partner == found.id
                                && !is_superseded(r)
                                && b.hash == short_hash(&r.sha256)
                                && b.date == Some(r.date)
                        },
                        line.number,
                    )
                    .map(|i| (i, depth))
                })
        });
        let Some((i, depth)) = of else { continue };
        let of = &records[i];
        // The day it means as a correction: its own, or (the same words) the day they meant.
        // As a new line, the same words would mean a day from the last reading to the file's
        // last change.
        let (date, as_new) = match quick.day {
            DateArg::On(date) => (date, Some(date)),
            day if quick.said.eq_ignore_ascii_case(&of.said) => {
                let (first, last) = (day.resolve(read_day.min(changed)), day.resolve(changed));
                (of.date, (first == last).then_some(last))
            }
            _ => match dates[at] {
                Some(date) => (date, Some(date)),
                None => continue,
            },
        };
        // In a file whose other lines are as they were, a line changed in place corrects its
        // session; in a file cleared and written again, only a line of the same day does (a
        // line for the same partner on another day is another session); and where that cannot
        // be told, the line waits.
        // A line that stood where a taken line was, readings ago (it waited to be told which it
        // is), corrects it only on the same day.
        if depth > 0 && as_new != Some(of.date) {
            continue;
        }
        if !intact && as_new != Some(of.date) {
            if as_new.is_none() {
                let rest = line.text.trim_start_matches('\u{feff}').trim_start();
                let rest = rest.get(quick.said.len()..).unwrap_or("").trim();
                fates[at] = Some(Fate::Waiting(format!(
                    "'{}' stands where the line taken on {} as session {} was (for {}): if it \
                     corrects that session, write `{} {rest}`; if it is another session, write \
                     its own day (e.g. `{} {rest}`)",
                    quick.said,
                    of.taken,
                    of.session,
                    of.date,
                    of.date,
                    quick.day.resolve(changed)
                )));
            }
            continue;
        }
        used[i] = true;
        dates[at] = Some(date);
        let Some(minutes) = quick.minutes.or(found.minutes) else {
            continue;
        };
        fates[at] = Some(Fate::Correct {
            take: Take {
                id: String::new(),
                date,
                partner: found.id,
                minutes,
                quick: quick.clone(),
            },
            of: Box::new(of.clone()),
            kept: kept(of),
        });
    }
    for at in unsure {
        take_kept(at, &mut used, &mut dates, &mut fates);
    }
    // 3. Any other line whose text and day a record names: the same line again (a sync tool
    //    restoring a cleared file, say), taken already.
    for (at, line) in entries.iter().enumerate() {
        if fates[at].is_some() {
            continue;
        }
        let Some(date) = dates[at] else { continue };
        let found = find_record(
            &records,
            &used,
            &kept,
            |r| r.sha256 == line.sha256 && r.date == date && !is_superseded(r),
            line.number,
        );
        if let Some(i) = found {
            used[i] = true;
            fates[at] = Some(taken(&records[i]));
        }
    }
    // 4. Before the inbox had a memory, sessions named the text of their line only.
    if last_read.is_none() {
        for (at, line) in entries.iter().enumerate() {
            if fates[at].is_some() {
                continue;
            }
            let found = find_record(
                &records,
                &used,
                &kept,
                |r| r.sha256 == line.sha256,
                line.number,
            );
            if let Some(i) = found {
                used[i] = true;
                dates[at] = Some(records[i].date);
                fates[at] = Some(taken(&records[i]));
            }
        }
    }
    // A line taken twice: changed on the phone between two devices' readings, each taking its
    // text as a new line before their logbooks synced. The text before is corrected to the one
    // after, and the session of the one after goes.
    let mut twins = Vec::new();
    for (older, newer) in history.twins(&records, &kept) {
        // The session the line as it is now became (or corrects) stays; the other goes, and
        // goes too where the user removed the one that stays. With the line gone from the
        // file, the session of its text after stays.
        let sessions = [&records[older].session, &records[newer].session];
        let current = fates.iter().find_map(|f| match f {
            Some(Fate::Taken { record, .. }) if sessions.contains(&&record.session) => {
                Some(record.session.clone())
            }
            Some(Fate::Correct { of, .. }) if sessions.contains(&&of.session) => {
                Some(of.session.clone())
            }
            _ => None,
        });
        let (drop, keep) = match current {
            Some(session) if session == records[older].session => (newer, older),
            _ => (older, newer),
        };
        used[drop] = true;
        if kept(&records[drop]) {
            twins.push((records[drop].clone(), records[keep].clone()));
        }
    }
    // 5. The rest: new sessions, or lines that wait.
    let mut counts: HashMap<(String, NaiveDate), usize> = HashMap::new();
    for r in &records {
        *counts.entry((r.sha256.clone(), r.date)).or_default() += 1;
    }
    for (at, line) in entries.iter().enumerate() {
        let fate = match fates[at].take() {
            Some(Fate::Correct { mut take, of, kept }) => {
                take.id = next_id(file.name, line, take.date, &mut counts);
                Fate::Correct { take, of, kept }
            }
            Some(fate) => fate,
            None => match new_line(file.name, line, &parsed[at], dates[at], known, &mut counts) {
                Ok(take) => Fate::Log(take),
                Err(why) => Fate::Waiting(why.unwrap_or_else(|| {
                    let when = match (origins[at], last_read) {
                        (Origin::Kept(_), _) => format!(
                            "it was in the file when the inbox read it on {read_day}, its day \
                             not known then either"
                        ),
                        (Origin::New { from, to, .. }, _) if from != to => format!(
                            "it was changed in place since the inbox read the file on \
                             {read_day}, and its words may be older than the change"
                        ),
                        (_, Some(r)) => format!(
                            "it was written between the inbox's last reading, on {}, and the \
                             file's last change, on {changed}",
                            r.day
                        ),
                        (_, None) => format!(
                            "the file's last change was on {changed}, but this is not its last \
                             line"
                        ),
                    };
                    let unused: Vec<bool> = records
                        .iter()
                        .zip(&used)
                        .map(|(r, used)| *used || is_superseded(r))
                        .collect();
                    unknown_day(
                        line,
                        parsed[at].as_ref().ok(),
                        &when,
                        changed,
                        &records,
                        &unused,
                    )
                })),
            },
        };
        fates[at] = Some(fate);
    }
    let corrected: HashSet<&str> = fates
        .iter()
        .filter_map(|f| match f {
            Some(Fate::Correct { of, .. }) => Some(of.id.as_str()),
            _ => None,
        })
        .collect();
    let gone = records
        .iter()
        .zip(&used)
        .filter(|(r, used)| !**used && !is_superseded(r) && !corrected.contains(r.id.as_str()))
        .count();
    let now: Vec<ReadLine> = entries
        .iter()
        .zip(&dates)
        .zip(&fresh)
        .map(|((l, d), fresh)| ReadLine {
            hash: short_hash(&l.sha256).to_owned(),
            date: *d,
            fresh: *fresh && d.is_none(),
        })
        .collect();
    let changed_since = match last_read {
        Some(r) => r.lines != now || r.modified != file.modified,
        None => !now.is_empty(),
    };
    let read = changed_since.then(|| InboxRead {
        id: reading_id(file.name, file.modified, &now),
        file: file.name.to_owned(),
        day: known.today,
        modified: file.modified,
        lines: now,
    });
    Judged {
        file: file.name.to_owned(),
        lines: entries
            .into_iter()
            .zip(fates)
            .map(|(line, fate)| Judgment {
                line,
                fate: fate.unwrap_or_else(|| Fate::Waiting(String::new())),
            })
            .collect(),
        unfinished,
        gone,
        twins,
        read,
    }
}

/// The memory's records of `file`, and the sessions logged from it before the inbox had a memory
/// (each standing for its record).
fn records_of(file: &str, known: &Known<'_>) -> Vec<InboxTaken> {
    let mut records: Vec<InboxTaken> = known
        .memory
        .taken
        .iter()
        .filter(|r| r.file == file)
        .cloned()
        .collect();
    let named: HashSet<&str> = known
        .memory
        .taken
        .iter()
        .map(|r| r.session.as_str())
        .collect();
    for s in known.sessions {
        let Some(r) = &s.inbox else { continue };
        if r.file == file && !named.contains(s.id.as_str()) {
            records.push(InboxTaken {
                id: s.id.clone(),
                file: r.file.clone(),
                line: r.line,
                sha256: r.sha256.clone(),
                date: s.date,
                said: String::new(),
                partner: s.partner.clone(),
                session: s.id.clone(),
                taken: s.date,
                corrects: None,
            });
        }
    }
    records.sort_by(|a, b| (a.taken, a.line, &a.id).cmp(&(b.taken, b.line, &b.id)));
    records
}

/// The first record not used yet that `fits`: one whose session is there before one whose
/// session was removed, then the one of the same line number first.
fn find_record(
    records: &[InboxTaken],
    used: &[bool],
    kept: &impl Fn(&InboxTaken) -> bool,
    fits: impl Fn(&InboxTaken) -> bool,
    number: u32,
) -> Option<usize> {
    let free: Vec<usize> = (0..records.len())
        .filter(|i| !used[*i] && fits(&records[*i]))
        .collect();
    free.iter()
        .copied()
        .min_by_key(|i| (!kept(&records[*i]), records[*i].line != number))
}

/// The readings of a file, in the order of its changes, and what they show of its lines' lives.
struct History<'r> {
    /// The readings, the latest state of the file last (by its modification time, then the day
    /// read).
    reads: Vec<&'r InboxRead>,
    /// For each line of the last reading: it, then the line it was in the reading before (the
    /// same, or the one it stood in place of, changed in place), and so on.
    lineage: Vec<Vec<&'r ReadLine>>,
    /// Each change in place from one reading to the next: the line before, with its lineage;
    /// the line after; and whether other lines of the file stayed as they were.
    changes: Vec<(Vec<&'r ReadLine>, &'r ReadLine, bool)>,
}

impl<'r> History<'r> {
    /// The most of a line's past kept: a line is corrected a few times at most.
    const DEPTH: usize = 16;
    /// The most readings looked back on.
    const READINGS: usize = 32;

    fn of(file: &str, memory: &'r Memory) -> Self {
        let mut reads: Vec<&InboxRead> = memory.reads.iter().filter(|r| r.file == file).collect();
        reads.sort_by(|a, b| (a.modified, a.day, &a.id).cmp(&(b.modified, b.day, &b.id)));
        // The last readings tell what became of the lines still in question: a line changed on
        // the phone while two devices read it, between their syncs.
        reads.drain(..reads.len().saturating_sub(Self::READINGS));
        let mut lineage: Vec<Vec<&ReadLine>> = Vec::new();
        let mut changes = Vec::new();
        let mut previous: &[ReadLine] = &[];
        for read in &reads {
            let old: Vec<&str> = previous.iter().map(|l| l.hash.as_str()).collect();
            let new: Vec<&str> = read.lines.iter().map(|l| l.hash.as_str()).collect();
            let mut next: Vec<Vec<&ReadLine>> = read.lines.iter().map(|l| vec![l]).collect();
            let ops = diff(&old, &new);
            let intact = ops
                .iter()
                .any(|op| matches!(op, similar::DiffOp::Equal { .. }));
            for op in ops {
                match op {
                    similar::DiffOp::Equal {
                        old_index,
                        new_index,
                        len,
                    } => {
                        for k in 0..len {
                            let past = &lineage[old_index + k];
                            next[new_index + k].extend(past.iter().take(Self::DEPTH));
                        }
                    }
                    similar::DiffOp::Replace {
                        old_index,
                        old_len,
                        new_index,
                        new_len,
                    } => {
                        // Line for line, in their places.
                        // In a file cleared and written again, only a line of the same day is
                        // the line it stands in place of, as a correction is told.
                        for k in 0..old_len.min(new_len) {
                            let (before, after) =
                                (&previous[old_index + k], &read.lines[new_index + k]);
                            let differ =
                                matches!((before.date, after.date), (Some(a), Some(b)) if a != b);
                            if !intact && differ {
                                continue;
                            }
                            let past = &lineage[old_index + k];
                            next[new_index + k].extend(past.iter().take(Self::DEPTH));
                            changes.push((past.clone(), after, intact));
                        }
                    }
                    _ => {}
                }
            }
            lineage = next;
            previous = &read.lines;
        }
        History {
            reads,
            lineage,
            changes,
        }
    }

    /// Pairs of records of one line taken twice (the record of its text before, and after): a
    /// line changed in place between two readings, its text before (or before that) taken by
    /// one device and its text after taken as a new line by another, which did not know it.
    fn twins(
        &self,
        records: &[InboxTaken],
        kept: &impl Fn(&InboxTaken) -> bool,
    ) -> Vec<(usize, usize)> {
        // A line whose day the reading knew: one it could take.
        let record_of = |line: &ReadLine, fits: &dyn Fn(&InboxTaken) -> bool| {
            records.iter().position(|r| {
                short_hash(&r.sha256) == line.hash && line.date == Some(r.date) && fits(r)
            })
        };
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (past, after, intact) in &self.changes {
            // The session of the text after may have been removed since: the line's session was
            // removed, and its twin of the text before goes with it.
            let Some(newer) = record_of(after, &|r| r.corrects.is_none()) else {
                continue;
            };
            let Some((older, depth)) = past
                .iter()
                .enumerate()
                .find_map(|(depth, b)| record_of(b, &|r| kept(r)).map(|i| (i, depth)))
            else {
                continue;
            };
            let (ro, rn) = (&records[older], &records[newer]);
            let free = !pairs
                .iter()
                .any(|(a, b)| [*a, *b].contains(&older) || [*a, *b].contains(&newer));
            // As a correction is told on one device: in a file cleared and written again, only a
            // line of the same day corrects.
            // and a line that stood where it was readings ago, only of the same day.
            let corrects = (*intact && depth == 0) || ro.date == rn.date;
            if ro.partner == rn.partner && ro.session != rn.session && free && corrects {
                pairs.push((older, newer));
            }
        }
        pairs
    }
}

/// The changes from the lines `old` to the lines `new`, read as a phone makes them: lines
/// changed in place, deleted, and added at the end — so that of identical lines (`yesterday
/// alex 45m` twice), the one changed is the one in the changed place, and the same words added
/// at the end are a line added.
fn diff(old: &[&str], new: &[&str]) -> Vec<similar::DiffOp> {
    use similar::DiffOp;
    // The lines the same from the start; the rest, with lines in their places counted from there
    // (not from the end: the same words written again at the end must not pull a line out of
    // its place).
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let (a, b) = (&old[prefix..], &new[prefix..]);
    let mut ops = Vec::new();
    if prefix > 0 {
        ops.push(DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: prefix,
        });
    }
    if a.len().saturating_mul(b.len()) > 1 << 20 {
        // A change of many thousand lines at once: the shortest edit script is enough.
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, a, b) {
            let (_, old_range, new_range) = op.as_tag_tuple();
            let (o, n) = (old_range.start + prefix, new_range.start + prefix);
            ops.push(match op {
                DiffOp::Equal { len, .. } => DiffOp::Equal {
                    old_index: o,
                    new_index: n,
                    len,
                },
                DiffOp::Delete { old_len, .. } => DiffOp::Delete {
                    old_index: o,
                    old_len,
                    new_index: n,
                },
                DiffOp::Insert { new_len, .. } => DiffOp::Insert {
                    old_index: o,
                    new_index: n,
                    new_len,
                },
                DiffOp::Replace {
                    old_len, new_len, ..
                } => DiffOp::Replace {
                    old_index: o,
                    old_len,
                    new_index: n,
                    new_len,
                },
            });
        }
    } else {
        // The cheapest edit as a phone makes them: a line is kept, changed in place or deleted
        // (one each), and new lines come at the end (one each); a line put between others
        // costs as much as all the rest, so it is read so only when nothing else fits.
        const BETWEEN: u32 = 1 << 20;
        let width = b.len() + 1;
        let mut cost = vec![0u32; (a.len() + 1) * width];
        for j in (0..b.len()).rev() {
            cost[a.len() * width + j] = cost[a.len() * width + j + 1] + 1;
        }
        for i in (0..a.len()).rev() {
            cost[i * width + b.len()] = cost[(i + 1) * width + b.len()] + 1;
            for j in (0..b.len()).rev() {
                let diagonal = cost[(i + 1) * width + j + 1];
                let keep = if a[i] == b[j] { diagonal } else { u32::MAX };
                cost[i * width + j] = keep
                    .min(diagonal + 1)
                    .min(cost[(i + 1) * width + j] + 1)
                    .min(cost[i * width + j + 1].saturating_add(BETWEEN));
            }
        }
        // The moves, from the start: kept, deleted, changed in place, added.
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum Move {
            Keep,
            Delete,
            Change,
            Add,
        }
        let mut moves = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let here = cost[i * width + j];
            let step = if i < a.len()
                && j < b.len()
                && a[i] == b[j]
                && here == cost[(i + 1) * width + j + 1]
            {
                Move::Keep
            } else if i < a.len() && here == cost[(i + 1) * width + j] + 1 {
                Move::Delete
            } else if i < a.len() && j < b.len() && here == cost[(i + 1) * width + j + 1] + 1 {
                Move::Change
            } else {
                Move::Add
            };
            moves.push(step);
            match step {
                Move::Keep | Move::Change => (i, j) = (i + 1, j + 1),
                Move::Delete => i += 1,
                Move::Add => j += 1,
            }
        }
        // Runs of one kind of move, as operations.
        let (mut i, mut j) = (prefix, prefix);
        let mut at = 0;
        while at < moves.len() {
            let kind = moves[at];
            let run = moves[at..].iter().take_while(|m| **m == kind).count();
            ops.push(match kind {
                Move::Keep => DiffOp::Equal {
                    old_index: i,
                    new_index: j,
                    len: run,
                },
                Move::Delete => DiffOp::Delete {
                    old_index: i,
                    old_len: run,
                    new_index: j,
                },
                Move::Change => DiffOp::Replace {
                    old_index: i,
                    old_len: run,
                    new_index: j,
                    new_len: run,
                },
                Move::Add => DiffOp::Insert {
                    old_index: i,
                    new_index: j,
                    new_len: run,
                },
            });
            match kind {
                Move::Keep | Move::Change => (i, j) = (i + run, j + run),
                Move::Delete => i += run,
                Move::Add => j += run,
            }
            at += run;
        }
    }
    ops
}

/// Where each line of the file comes from, against the lines of the last reading; and whether
/// the file changed since only by lines added at its end.
fn origins(before: &[ReadLine], entries: &[Line]) -> (Vec<Origin>, bool) {
    let old: Vec<&str> = before.iter().map(|l| l.hash.as_str()).collect();
    let new: Vec<&str> = entries.iter().map(|l| short_hash(&l.sha256)).collect();
    let mut origins = vec![
        Origin::New {
            from: 0,
            to: 0,
            offset: 0
        };
        new.len()
    ];
    let mut appended_only = true;
    for op in diff(&old, &new) {
        match op {
            similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    origins[new_index + k] = Origin::Kept(old_index + k);
                }
            }
            similar::DiffOp::Insert { old_index, .. } => {
                appended_only &= old_index == old.len();
            }
            similar::DiffOp::Delete { .. } => appended_only = false,
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                appended_only = false;
                for k in 0..new_len {
                    origins[new_index + k] = Origin::New {
                        from: old_index,
                        to: old_index + old_len,
                        offset: k,
                    };
                }
            }
        }
    }
    (origins, appended_only)
}

/// A line to log, or why it waits (`None`: its day is not known).
fn new_line(
    file: &str,
    line: &Line,
    parsed: &Result<Quick, String>,
    date: Option<NaiveDate>,
    known: &Known<'_>,
    counts: &mut HashMap<(String, NaiveDate), usize>,
) -> Result<Take, Option<String>> {
    let quick = parsed.as_ref().map_err(|why| Some(why.clone()))?;
    let found = (known.partner)(&quick.partner).map_err(Some)?;
    let date = date.ok_or(None)?;
    let Some(minutes) = quick.minutes.or(found.minutes) else {
        return Err(Some(format!(
            "how long was it? add the length ({date} {} 45m), or set {}'s usual one with \
             `coachlog partner edit {} --duration 1h`",
            quick.partner, found.id, found.id
        )));
    };
    Ok(Take {
        id: next_id(file, line, date, counts),
        date,
        partner: found.id,
        minutes,
        quick: quick.clone(),
    })
}

/// Why a line with a relative day waits, with the form that works.
fn unknown_day(
    line: &Line,
    quick: Option<&Quick>,
    when: &str,
    changed: NaiveDate,
    records: &[InboxTaken],
    used: &[bool],
) -> String {
    let Some(quick) = quick else {
        return String::new();
    };
    let example = format!(
        "{} {}",
        quick.day.resolve(changed),
        line.text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .get(quick.said.len()..)
            .unwrap_or("")
            .trim_start()
    );
    let same = records
        .iter()
        .zip(used)
        .find(|(r, used)| !**used && r.sha256 == line.sha256)
        .map(|(r, _)| {
            format!(
                "; the same text was taken on {} as session {} (for {}) and has left the file since \
                 — if this is that line back, delete it",
                r.taken, r.session, r.date
            )
        })
        .unwrap_or_default();
    format!(
        "'{}' depends on the day the line was written, which is not known ({when}): write the day \
         instead, e.g. `{}`{same}",
        quick.said,
        example.trim_end()
    )
}

/// The id of the memory's record of the next line of `file` with this text and day: worked out
/// from them, so two devices taking the line before their logbooks sync name it alike.
fn next_id(
    file: &str,
    line: &Line,
    date: NaiveDate,
    counts: &mut HashMap<(String, NaiveDate), usize>,
) -> String {
    let k = counts.entry((line.sha256.clone(), date)).or_default();
    *k += 1;
    short_id(&format!("{file}\n{}\n{date}\n{k}", line.sha256))
}

/// The id of a reading, worked out from what it found.
fn reading_id(file: &str, modified: Option<i64>, lines: &[ReadLine]) -> String {
    let mut text = format!("{file}\n{modified:?}\n");
    for l in lines {
        text.push_str(&l.hash);
        if let Some(d) = l.date {
            text.push_str(&d.to_string());
        }
        if l.fresh {
            text.push_str(" new");
        }
        text.push('\n');
    }
    short_id(&text)
}

/// Six letters and digits from the SHA-256 of `text`, in the alphabet of the logbook's ids.
fn short_id(text: &str) -> String {
    use sha2::Digest;
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let digest = sha2::Sha256::digest(text.as_bytes());
    let mut bits = u64::from_be_bytes(digest[..8].try_into().unwrap_or([0; 8]));
    (0..6)
        .map(|_| {
            let c = ALPHABET[(bits & 31) as usize] as char;
            bits >>= 5;
            c
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

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("date")
    }

    #[test]
    fn the_quick_form_reads_as_log_does() {
        let today = day("2026-12-03");
        let q = parse("2026-12-02 alex 45m").expect("reads");
        assert_eq!(q.day, DateArg::On(day("2026-12-02")));
        assert_eq!(q.said, "2026-12-02");
        assert_eq!(q.partner, "alex");
        assert_eq!(q.minutes.map(Minutes::get), Some(45));
        let q = parse("yesterday jordan 1h paid # went well, ask about goals").expect("reads");
        assert_eq!(q.day.resolve(today).to_string(), "2026-12-02");
        assert_eq!(q.payment, Some(Payment::Paid));
        assert_eq!(q.notes.as_deref(), Some("went well, ask about goals"));
        let q = parse("3 days ago priya 1,5h as client").expect("reads");
        assert_eq!(q.said, "3 days ago");
        assert_eq!(q.day.resolve(today).to_string(), "2026-11-30");
        assert_eq!(q.role, Role::Client);
        assert_eq!(q.minutes.map(Minutes::get), Some(90));
        let q = parse("last friday mei pro bono").expect("reads");
        assert_eq!(q.payment, Some(Payment::ProBono));
        assert_eq!(q.minutes, None, "the partner's usual length");
        // As `log` takes them: a length in two words, a day first.
        let q = parse("03.12.2026 sam 1h 30m paid").expect("reads");
        assert_eq!(q.day, DateArg::On(day("2026-12-03")));
        assert_eq!(q.minutes.map(Minutes::get), Some(90));
        assert_eq!(q.payment, Some(Payment::Paid));
        for (bad, says) in [
            ("alex 45m", "'alex' is not a day"),
            ("2026-12-02", "the partner is missing"),
            ("2026-12-02 alex forever", "'forever'"),
            ("2026-12-02 alex 45m 30m", "not a word the inbox reads"),
            ("31.02.2026 alex 45m", "is not a day"),
        ] {
            let err = parse(bad).expect_err(bad);
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn of_identical_lines_the_one_changed_is_the_one_in_the_changed_place() {
        use similar::DiffOp;
        // `y` three times, the first and the third changed: the second is the one kept.
        let ops = diff(&["y", "y", "y", "z"], &["a", "y", "b", "z"]);
        let kept: Vec<(usize, usize)> = ops
            .iter()
            .filter_map(|op| match *op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => Some((0..len).map(move |k| (old_index + k, new_index + k))),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(kept, [(1, 1), (3, 3)]);
        // Lines added at the end are an insertion only.
        let ops = diff(&["a", "b"], &["a", "b", "c"]);
        assert!(matches!(
            ops.last(),
            Some(DiffOp::Insert { old_index: 2, .. })
        ));
    }

    #[test]
    fn a_line_counts_once_it_ends() {
        let (found, unfinished) =
            lines("2026-12-01 alex 1h\n\n# a comment\n2026-12-01 alex 1h\n2026-12-02 al");
        assert_eq!(found.len(), 4);
        assert_eq!(unfinished, Some(5), "the last line is still being written");
        assert_eq!(lines("a\r\n").0[0].text, "a");
    }

    /// A logbook as the judging sees it: the memory, the sessions, and the partners alex and sam.
    struct Book {
        memory: Memory,
        sessions: Vec<Session>,
        /// The file as last written: its text, and its modification time.
        file: (String, i64),
    }

    impl Book {
        fn new() -> Self {
            Book {
                memory: Memory::default(),
                sessions: Vec::new(),
                file: (String::new(), 0),
            }
        }

        /// Judges `text` on `today`, the file last changed on `changed`; and, as `inbox` does,
        /// remembers the lines taken and the reading, and logs (or corrects) their sessions.
        fn run(&mut self, text: &str, changed: &str, today: &str) -> Judged {
            // Written again when its text or day of change is not as it was.
            let noon = day(changed)
                .and_hms_opt(12, 0, 0)
                .expect("noon")
                .and_utc()
                .timestamp_nanos_opt()
                .expect("in range");
            if self.file.0 != text
                || self.file.1 / 1_000_000_000 / 86_400 != noon / 1_000_000_000 / 86_400
            {
                self.file = (text.to_owned(), noon.max(self.file.1 + 1_000_000_000));
            }
            let partner = |q: &str| match q {
                "alex" | "sam" => Ok(PartnerFound {
                    id: q.parse().expect("id"),
                    minutes: None,
                }),
                _ => Err(format!("no partner '{q}'")),
            };
            let judged = judge(
                InboxFile {
                    name: "inbox.txt",
                    text,
                    changed: day(changed),
                    modified: Some(self.file.1),
                },
                &Known {
                    memory: &self.memory,
                    sessions: &self.sessions,
                    today: day(today),
                    partner: &partner,
                },
            );
            for (j, record) in judged.taken_now(day(today)) {
                match &j.fate {
                    Fate::Log(take) => self.sessions.push(Session {
                        id: take.id.clone(),
                        inbox: Some(Box::new(reference("inbox.txt", &j.line))),
                        ..crate::reports::fixtures::session(
                            take.partner.as_str(),
                            &take.date.to_string(),
                            take.minutes.get(),
                            take.quick.role,
                            crate::domain::model::Arrangement::OneWay,
                        )
                    }),
                    Fate::Correct { take, of, .. } => {
                        if let Some(s) = self.sessions.iter_mut().find(|s| s.id == of.session) {
                            s.date = take.date;
                            s.minutes = take.minutes;
                        }
                    }
                    _ => {}
                }
                self.memory.taken.push(record);
            }
            if let Some(read) = judged.read.clone() {
                self.memory.reads.push(read);
            }
            judged
        }

        fn days(&self) -> Vec<(String, u32)> {
            let mut days: Vec<(String, u32)> = self
                .sessions
                .iter()
                .map(|s| (s.date.to_string(), s.minutes.get()))
                .collect();
            days.sort();
            days
        }
    }

    fn fates(judged: &Judged) -> Vec<&'static str> {
        judged
            .lines
            .iter()
            .map(|j| match &j.fate {
                Fate::Taken { kept: true, .. } => "taken",
                Fate::Taken { kept: false, .. } => "removed",
                Fate::Log(_) => "log",
                Fate::Correct { .. } => "correct",
                Fate::Waiting(_) => "waiting",
            })
            .collect()
    }

    #[test]
    fn the_same_text_written_again_on_another_day_is_another_session() {
        let mut book = Book::new();
        book.run("yesterday alex 45m\n", "2026-12-02", "2026-12-03");
        assert_eq!(book.days(), [("2026-12-01".into(), 45)]);
        // The inbox cleared, and the same words written three days later, before the inbox was
        // read again: the file is as it was, but written since. The same line, or another?
        let again = book.run("yesterday alex 45m\n", "2026-12-05", "2026-12-06");
        assert_eq!(
            fates(&again),
            ["waiting"],
            "not dropped as taken, nor guessed at"
        );
        let Fate::Waiting(why) = &again.lines[0].fate else {
            unreachable!()
        };
        assert!(
            why.contains("write the day instead, e.g. `2026-12-04 alex 45m`")
                && why.contains("the same text was taken on 2026-12-03"),
            "{why}"
        );
        let still = book.run("yesterday alex 45m\n", "2026-12-05", "2026-12-07");
        assert_eq!(fates(&still), ["waiting"], "until the coach says which");
        book.run("2026-12-04 alex 45m\n", "2026-12-07", "2026-12-07");
        assert_eq!(
            book.days(),
            [("2026-12-01".into(), 45), ("2026-12-04".into(), 45)]
        );
        // Cleared, read while empty, then the same words again: a new line, on its day.
        book.run("", "2026-12-07", "2026-12-07");
        let anew = book.run("yesterday alex 45m\n", "2026-12-08", "2026-12-09");
        assert_eq!(fates(&anew), ["log"]);
        assert_eq!(book.days().last(), Some(&("2026-12-07".into(), 45)));
        // Not cleared: written below the first.
        let below = book.run(
            "yesterday alex 45m\nyesterday alex 45m\n",
            "2026-12-10",
            "2026-12-11",
        );
        assert_eq!(fates(&below), ["taken", "log"]);
        assert_eq!(book.days().last(), Some(&("2026-12-09".into(), 45)));
        // Nothing new: nothing taken twice.
        let same = book.run(
            "yesterday alex 45m\nyesterday alex 45m\n",
            "2026-12-10",
            "2026-12-12",
        );
        assert_eq!(fates(&same), ["taken", "taken"]);
        assert_eq!(book.sessions.len(), 4);
    }

    #[test]
    fn a_relative_day_means_the_day_it_was_written_or_is_not_guessed() {
        let mut book = Book::new();
        // Written on the 4th, read on the 6th: the 3rd, not the 5th.
        book.run("today sam 45m\n", "2026-12-04", "2026-12-06");
        assert_eq!(book.days(), [("2026-12-04".into(), 45)]);
        // Two lines written on days between the last reading and the file's last change: the
        // last is known, the first is not.
        let two = book.run(
            "today sam 45m\nyesterday sam 30m\nyesterday alex 1h\n",
            "2026-12-09",
            "2026-12-10",
        );
        assert_eq!(fates(&two), ["taken", "waiting", "log"]);
        let Fate::Waiting(why) = &two.lines[1].fate else {
            unreachable!()
        };
        assert!(
            why.contains("'yesterday' depends on the day the line was written")
                && why.contains("e.g. `2026-12-08 sam 30m`"),
            "{why}"
        );
        // Written out as the message says, it is logged.
        let fixed = book.run(
            "today sam 45m\n2026-12-07 sam 30m\nyesterday alex 1h\n",
            "2026-12-10",
            "2026-12-10",
        );
        assert_eq!(fates(&fixed), ["taken", "log", "taken"]);
        assert!(book.days().contains(&("2026-12-07".into(), 30)));
        // Read on the day the file last changed: every new line was written that day.
        let same_day = book.run(
            "today sam 45m\n2026-12-07 sam 30m\nyesterday alex 1h\ntoday alex 1h\ntoday sam 1h\n",
            "2026-12-10",
            "2026-12-10",
        );
        assert_eq!(fates(&same_day)[3..], ["log", "log"]);
    }

    #[test]
    fn a_line_corrected_on_the_phone_changes_its_session() {
        let mut book = Book::new();
        book.run(
            "2026-12-01 alex 45m\nyesterday sam 90m\n",
            "2026-12-02",
            "2026-12-03",
        );
        let corrected = book.run(
            "2026-12-01 alex 45m\nyesterday sam 95m\n",
            "2026-12-04",
            "2026-12-05",
        );
        assert_eq!(fates(&corrected), ["taken", "correct"]);
        assert_eq!(
            book.days(),
            [("2026-12-01".into(), 45), ("2026-12-01".into(), 95)],
            "one session of 95 minutes, on the day the line first meant"
        );
        // Corrected again, then read again: nothing more.
        book.run(
            "2026-12-01 alex 45m\nyesterday sam 100m\n",
            "2026-12-06",
            "2026-12-07",
        );
        let again = book.run(
            "2026-12-01 alex 45m\nyesterday sam 100m\n",
            "2026-12-06",
            "2026-12-08",
        );
        assert_eq!(fates(&again), ["taken", "taken"]);
        assert_eq!(book.days()[1], ("2026-12-01".into(), 100));
        assert_eq!(book.sessions.len(), 2);
    }

    #[test]
    fn a_removed_session_stays_removed_and_a_cleared_file_changes_nothing() {
        let mut book = Book::new();
        book.run(
            "2026-12-01 alex 45m\n2026-12-02 sam 1h\n",
            "2026-12-02",
            "2026-12-03",
        );
        book.sessions.retain(|s| s.partner.as_str() != "alex");
        let after = book.run(
            "2026-12-01 alex 45m\n2026-12-02 sam 1h\n",
            "2026-12-02",
            "2026-12-04",
        );
        assert_eq!(fates(&after), ["removed", "taken"]);
        let cleared = book.run("", "2026-12-05", "2026-12-05");
        assert_eq!(cleared.gone, 2);
        assert_eq!(book.sessions.len(), 1);
        // A sync tool bringing the old text back: the same lines, taken already.
        let back = book.run(
            "2026-12-01 alex 45m\n2026-12-02 sam 1h\n",
            "2026-12-06",
            "2026-12-06",
        );
        assert_eq!(fates(&back), ["removed", "taken"]);
    }

    #[test]
    fn two_devices_taking_a_line_before_they_sync_name_it_alike() {
        let mut a = Book::new();
        let mut b = Book::new();
        let text = "2026-12-01 alex 45m\nyesterday sam 1h\n";
        a.run(text, "2026-12-02", "2026-12-03");
        b.run(text, "2026-12-02", "2026-12-04");
        let ids = |book: &Book| {
            let mut ids: Vec<String> = book.memory.taken.iter().map(|r| r.id.clone()).collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&a), ids(&b), "one file each, which a sync tool merges");
        assert_eq!(
            a.sessions.iter().map(|s| &s.id).collect::<Vec<_>>(),
            b.sessions.iter().map(|s| &s.id).collect::<Vec<_>>()
        );
        assert_eq!(a.sessions.len(), 2);
    }

    #[test]
    fn sessions_logged_before_the_inbox_had_a_memory_are_its_lines() {
        let mut book = Book::new();
        book.run(
            "2026-12-01 alex 45m\nyesterday sam 1h\n",
            "2026-12-02",
            "2026-12-03",
        );
        // An older coachlog kept only the line's text in the session.
        book.memory = Memory::default();
        let judged = book.run(
            "2026-12-01 alex 45m\nyesterday sam 1h\n2026-12-04 sam 30m\n",
            "2026-12-04",
            "2026-12-05",
        );
        assert_eq!(fates(&judged), ["taken", "taken", "log"]);
    }
}
