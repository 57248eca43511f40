//! A cohort's progress from the packets its students send: each packet checked against its
//! MANIFEST (a changed one is marked, and its figures are not used), one row per student and
//! scheme with the figures the packet's `summary.json` holds, and the reciprocal sessions of two
//! students checked against each other's records and receipts.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::model::Role;
use crate::domain::receipt::Receipt;
use crate::domain::text::for_terminal;
use crate::export::packet::{self, ABOUT, About};

/// The most bytes of `summary.json`, `packet.json` or `sessions.csv` read from a packet.
const MAX_READ: u64 = 64 * 1024 * 1024;

/// One session of a packet's `sessions.csv`, as the student's logbook holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The day.
    pub date: NaiveDate,
    /// The partner, as the student's logbook names them (an alias where the client is not named).
    pub partner: String,
    /// Whether the student coached (`coach`) or was coached (`client`).
    pub coached: bool,
    /// Its length.
    pub minutes: u32,
}

/// A packet read.
#[derive(Debug, Clone, PartialEq)]
pub struct Packet {
    /// The zip's file name.
    pub file: String,
    /// What is wrong with it: a file changed, missing or added, or a zip that cannot be read.
    /// A packet with a problem is marked, and nothing in it is used.
    pub problems: Vec<String>,
    /// Whose packet, for which scheme and day (`packet.json`; older packets have none).
    pub about: Option<About>,
    /// `summary.json`, as written.
    pub summary: Option<serde_json::Value>,
    /// Its sessions.
    pub lines: Vec<Line>,
    /// The partners' receipts it carries, their signatures checked.
    pub receipts: Vec<Receipt>,
}

impl Packet {
    /// A packet of this file name, nothing read from it yet.
    fn unread(file: &str) -> Packet {
        Packet {
            file: for_terminal(file, 200, "…"),
            problems: Vec::new(),
            about: None,
            summary: None,
            lines: Vec::new(),
            receipts: Vec::new(),
        }
    }
    /// The student, as the packet names its owner, else by its file name.
    pub fn student(&self) -> String {
        self.about
            .as_ref()
            .and_then(|a| a.owner.clone())
            .unwrap_or_else(|| self.file.trim_end_matches(".zip").to_owned())
    }

    /// The day it is judged as of.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.about.as_ref().map(|a| a.as_of).or_else(|| {
            self.summary
                .as_ref()
                .and_then(|s| s["as_of"].as_str())
                .and_then(|d| d.parse().ok())
        })
    }
}

/// Reads one packet, as hostile input: checked against its MANIFEST first, and read only when
/// every file holds what it lists.
pub fn read(file: &str, bytes: &[u8]) -> Packet {
    let mut out = Packet::unread(file);
    match packet::verify(Cursor::new(bytes)) {
        Err(e) => {
            out.problems.push(format!("{e:#}"));
            return out;
        }
        Ok(verified) => {
            for (path, check) in &verified.lines {
                match check {
                    packet::Check::Ok => {}
                    packet::Check::Failed => out
                        .problems
                        .push(format!("{path}: changed since the packet was made")),
                    packet::Check::Missing => out.problems.push(format!("{path}: missing")),
                }
            }
            out.problems.extend(verified.problems);
        }
    }
    if !out.problems.is_empty() {
        return out;
    }
    if let Err(e) = contents(bytes, &mut out) {
        out.problems.push(e);
    }
    out
}

/// The packets of folder `dir` (its `*.zip` regular files, by name), each read and checked, in
/// parallel; memory holds one packet per thread at most.
pub fn read_folder(dir: &std::path::Path) -> std::io::Result<Vec<Packet>> {
    use rayon::prelude::*;
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let is_zip = entry
            .path()
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if is_zip && entry.file_type()?.is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files
        .par_iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match crate::storage::files::read_named(path, crate::storage::files::MAX_INPUT_BYTES) {
                Ok(bytes) => read(&name, &bytes),
                Err(e) => Packet {
                    problems: vec![format!("cannot be read: {e}")],
                    ..Packet::unread(&name)
                },
            }
        })
        .collect())
}

/// The cohort as CSV, one row per student and scheme.
pub fn csv(rows: &[Standing]) -> Vec<u8> {
    use crate::export::text_cell;
    let mut out = csv::Writer::from_writer(Vec::new());
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.2}"));
    let written = out
        .write_record([
            "student",
            "file",
            "scheme",
            "as_of",
            "met",
            "hours",
            "paid_hours",
            "clients",
            "mentor_hours",
            "non_coach_share",
            "below_target",
            "last_session",
            "quiet_days",
            "missing",
            "problems",
        ])
        .and_then(|()| {
            rows.iter().try_for_each(|r| {
                out.write_record([
                    text_cell(&r.student),
                    text_cell(&r.file),
                    text_cell(r.scheme.as_deref().unwrap_or_default()),
                    r.as_of.map_or(String::new(), |d| d.to_string()),
                    r.met
                        .map_or(String::new(), |m| if m { "yes" } else { "no" }.to_owned()),
                    opt(r.hours),
                    opt(r.paid_hours),
                    r.clients.map_or(String::new(), |c| format!("{c:.0}")),
                    opt(r.mentor_hours),
                    opt(r.non_coach_share),
                    if r.below_target { "yes" } else { "no" }.to_owned(),
                    r.last_session.map_or(String::new(), |d| d.to_string()),
                    r.quiet_days.map_or(String::new(), |d| d.to_string()),
                    text_cell(&r.missing.join("; ")),
                    text_cell(&r.problems.join("; ")),
                ])
            })
        });
    written.expect("CSV to memory cannot fail");
    out.into_inner().expect("CSV to memory cannot fail")
}

/// Reads what a verified packet holds into `out`.
fn contents(bytes: &[u8], out: &mut Packet) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut entry = |name: &str| -> Result<Option<Vec<u8>>, String> {
        let Ok(file) = archive.by_name(name) else {
            return Ok(None);
        };
        let mut data = Vec::new();
        file.take(MAX_READ + 1)
            .read_to_end(&mut data)
            .map_err(|e| format!("{name}: {e}"))?;
        if data.len() as u64 > MAX_READ {
            return Err(format!("{name} is over {} MiB", MAX_READ >> 20));
        }
        Ok(Some(data))
    };
    if let Some(data) = entry(ABOUT)? {
        out.about = Some(
            serde_json::from_slice(&data).map_err(|e| format!("{ABOUT} cannot be read: {e}"))?,
        );
    }
    let summary = entry("summary.json")?.ok_or("no summary.json: not a coachlog packet")?;
    out.summary = Some(
        serde_json::from_slice(&summary)
            .map_err(|e| format!("summary.json cannot be read: {e}"))?,
    );
    if let Some(data) = entry("sessions.csv")? {
        out.lines = lines(&data)?;
    }
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|n| n.starts_with("receipts/") && n.ends_with(".txt"))
        .map(|n| n.into_owned())
        .collect();
    for name in names {
        let mut text = String::new();
        let read = archive
            .by_name(&name)
            .map_err(|e| e.to_string())?
            .take(2 * crate::domain::receipt::MAX_BYTES as u64)
            .read_to_string(&mut text);
        // Its signature was checked with the packet; one that is not a receipt is named.
        match read
            .map_err(|e| e.to_string())
            .and_then(|_| Receipt::parse(&text))
        {
            Ok(r) => out.receipts.push(r),
            Err(why) => return Err(format!("{}: {why}", for_terminal(&name, 200, "…"))),
        }
    }
    Ok(())
}

/// The sessions of a packet's `sessions.csv`.
fn lines(data: &[u8]) -> Result<Vec<Line>, String> {
    let mut reader = csv::Reader::from_reader(data);
    let headers = reader
        .headers()
        .map_err(|e| format!("sessions.csv: {e}"))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("sessions.csv has no column '{name}'"))
    };
    let (date, partner, role, minutes) = (
        column("date")?,
        column("partner")?,
        column("role")?,
        column("minutes")?,
    );
    let mut out = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("sessions.csv: {e}"))?;
        let cell = |i: usize| record.get(i).unwrap_or("");
        let bad = |what: &str| format!("sessions.csv line {}: {what}", n + 2);
        out.push(Line {
            date: cell(date).parse().map_err(|_| bad("not a date"))?,
            partner: cell(partner).trim_start_matches('\'').to_owned(),
            coached: cell(role) == "coach",
            minutes: cell(minutes).parse().map_err(|_| bad("not minutes"))?,
        });
    }
    Ok(out)
}

/// One row of the cohort: a student and the scheme their packet is for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// The student.
    pub student: String,
    /// The packet's file name.
    pub file: String,
    /// The scheme's id.
    pub scheme: Option<String>,
    /// Its name.
    pub scheme_name: Option<String>,
    /// The day the packet is judged as of.
    pub as_of: Option<NaiveDate>,
    /// Whether every requirement is met.
    pub met: Option<bool>,
    /// Hours that count for the scheme.
    pub hours: Option<f64>,
    /// Paid hours that count.
    pub paid_hours: Option<f64>,
    /// Clients that count.
    pub clients: Option<f64>,
    /// Mentor coaching hours that count.
    pub mentor_hours: Option<f64>,
    /// What is missing, requirement by requirement (`hours: 58.42 h more`).
    pub missing: Vec<String>,
    /// The share of coaching hours with non-coach clients.
    pub non_coach_share: Option<f64>,
    /// Whether that share is below the school's target.
    pub below_target: bool,
    /// The last session's day.
    pub last_session: Option<NaiveDate>,
    /// Days since then, as of today, where more than the school's limit: gone quiet.
    pub quiet_days: Option<i64>,
    /// What is wrong with the packet: where any, no figure of it is used.
    pub problems: Vec<String>,
    /// The scheme's part of `summary.json`, as the packet holds it (as `summary --json` shows
    /// it on the packet's day).
    #[serde(rename = "summary")]
    pub detail: Option<serde_json::Value>,
}

/// The actual figure of requirement `id` of a scheme's summary.
fn actual(scheme: &serde_json::Value, id: &str) -> Option<f64> {
    scheme["requirements"]
        .as_array()?
        .iter()
        .find(|r| r["id"] == id)
        .and_then(|r| r["actual"].as_f64())
}

/// The row of a packet: `target` the least share of non-coach hours the school asks for, and
/// `quiet_after` the days without a session after which a student has gone quiet, on `today`.
pub fn standing(p: &Packet, target: f64, quiet_after: i64, today: NaiveDate) -> Standing {
    let mut row = Standing {
        student: p.student(),
        file: p.file.clone(),
        scheme: p.about.as_ref().map(|a| a.scheme.clone()),
        scheme_name: None,
        as_of: p.as_of(),
        met: None,
        hours: None,
        paid_hours: None,
        clients: None,
        mentor_hours: None,
        missing: Vec::new(),
        non_coach_share: None,
        below_target: false,
        last_session: None,
        quiet_days: None,
        problems: p.problems.clone(),
        detail: None,
    };
    if !p.problems.is_empty() {
        return row;
    }
    let Some(summary) = &p.summary else {
        return row;
    };
    let scheme = summary["schemes"].as_array().and_then(|all| {
        all.iter()
            .find(|s| row.scheme.as_deref().is_none_or(|id| s["id"] == id))
    });
    if let Some(s) = scheme {
        row.scheme = s["id"].as_str().map(str::to_owned);
        row.scheme_name = s["name"].as_str().map(str::to_owned);
        row.met = s["met"].as_bool();
        row.hours = actual(s, "hours");
        row.paid_hours = actual(s, "paid_hours");
        row.clients = actual(s, "clients");
        row.mentor_hours = actual(s, "mentor_hours");
        row.missing = s["requirements"]
            .as_array()
            .map(|rs| {
                rs.iter()
                    .filter(|r| r["met"] == false)
                    .map(|r| {
                        format!(
                            "{}: {}",
                            r["id"].as_str().unwrap_or("?"),
                            r["missing"].as_str().unwrap_or("not met")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        row.detail = Some(s.clone());
    }
    let mix = &summary["mix"];
    if let (Some(peer), Some(non_coach)) =
        (mix["peer_hours"].as_f64(), mix["non_coach_hours"].as_f64())
        && peer + non_coach > 0.0
    {
        let share = non_coach / (peer + non_coach);
        row.non_coach_share = Some(share);
        row.below_target = share < target;
    }
    row.last_session = p.lines.iter().map(|l| l.date).max();
    row.quiet_days = row
        .last_session
        .map(|d| (today - d).num_days())
        .filter(|days| *days > quiet_after);
    row
}

/// A name as two logbooks may write it differently: letters and digits, lower case, one space.
fn key(name: &str) -> String {
    deunicode::deunicode(name)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Two students' records of the same reciprocal practice that do not agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// The day.
    pub date: NaiveDate,
    /// The student who coached.
    pub coach: String,
    /// The student coached.
    pub client: String,
    /// What the coach's packet says.
    pub coach_says: String,
    /// What the client's packet says.
    pub client_says: String,
}

/// The reciprocal practice checked across a cohort's packets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Crossed {
    /// Sessions between two students of the cohort that both packets hold alike.
    pub agreed: usize,
    /// Of those, the ones a receipt the other student signed confirms too.
    pub confirmed: usize,
    /// Those that do not agree, with both sides.
    pub disagreements: Vec<Disagreement>,
}

fn minutes_text(m: u32) -> String {
    format!("{m} min")
}

/// Checks each session between two students of the cohort against the other's packet: what the
/// coach logged as given against what the client logged as received on that day, and against
/// the receipts each signed. Only packets that hold are used; a session after the other packet's
/// day is not checked.
pub fn cross_check(packets: &[Packet]) -> Crossed {
    // Each student's latest packet that holds, by the key of their name.
    let mut by_student: BTreeMap<String, &Packet> = BTreeMap::new();
    for p in packets.iter().filter(|p| p.problems.is_empty()) {
        let Some(owner) = p.about.as_ref().and_then(|a| a.owner.as_deref()) else {
            continue;
        };
        let k = key(owner);
        if by_student.get(&k).is_none_or(|q| q.as_of() < p.as_of()) {
            by_student.insert(k, p);
        }
    }
    // Each student's sessions by the key of the partner's name, given and received apart.
    type ByPartner<'a> = BTreeMap<String, (Vec<&'a Line>, Vec<&'a Line>)>;
    let sides: BTreeMap<&String, ByPartner> = by_student
        .iter()
        .map(|(k, p)| {
            let mut by: ByPartner = BTreeMap::new();
            for l in &p.lines {
                let entry = by.entry(key(&l.partner)).or_default();
                if l.coached {
                    entry.0.push(l);
                } else {
                    entry.1.push(l);
                }
            }
            (k, by)
        })
        .collect();
    // Two students either of whom names the other, each way round.
    let mut pairs: std::collections::BTreeSet<(&String, &String)> = Default::default();
    for (student, by) in &sides {
        for partner in by.keys() {
            if let Some((other, _)) = by_student.get_key_value(partner)
                && other != *student
            {
                pairs.insert((student, other));
                pairs.insert((other, student));
            }
        }
    }
    let mut out = Crossed::default();
    for (coach_key, client_key) in pairs {
        let (coach, client) = (by_student[coach_key], by_student[client_key]);
        let none = Vec::new();
        let given = sides[coach_key].get(client_key).map_or(&none, |(g, _)| g);
        let until = coach.as_of().min(client.as_of());
        let within = |l: &&&Line| until.is_none_or(|u| l.date <= u);
        let given: Vec<&Line> = given.iter().filter(within).copied().collect();
        let mut received: Vec<&Line> = sides[client_key]
            .get(coach_key)
            .map(|(_, received)| received.iter().filter(within).copied().collect())
            .unwrap_or_default();
        let (coach_name, client_name) = (coach.student(), client.student());
        // A receipt the client signed, kept in the coach's packet, of a session on this day.
        let signed = |date: NaiveDate| {
            coach.receipts.iter().find(|r| {
                r.date == date
                    && r.issuer == Role::Client
                    && (key(&r.client.name) == *client_key || key(&r.coach.name) == *coach_key)
            })
        };
        for g in &given {
            let same_day: Vec<usize> = (0..received.len())
                .filter(|i| received[*i].date == g.date)
                .collect();
            let exact = same_day
                .iter()
                .copied()
                .find(|i| received[*i].minutes == g.minutes);
            match (exact, same_day.first()) {
                (Some(i), _) => {
                    received.remove(i);
                    out.agreed += 1;
                    match signed(g.date) {
                        Some(r) if r.minutes == g.minutes => out.confirmed += 1,
                        Some(r) => out.disagreements.push(Disagreement {
                            date: g.date,
                            coach: coach_name.clone(),
                            client: client_name.clone(),
                            coach_says: format!("coached {}", minutes_text(g.minutes)),
                            client_says: format!(
                                "signed a receipt of {}, but logged {}",
                                minutes_text(r.minutes),
                                minutes_text(g.minutes)
                            ),
                        }),
                        None => {}
                    }
                }
                (None, Some(&i)) => {
                    let r = received.remove(i);
                    out.disagreements.push(Disagreement {
                        date: g.date,
                        coach: coach_name.clone(),
                        client: client_name.clone(),
                        coach_says: format!("coached {}", minutes_text(g.minutes)),
                        client_says: format!("was coached {}", minutes_text(r.minutes)),
                    });
                }
                (None, None) => out.disagreements.push(Disagreement {
                    date: g.date,
                    coach: coach_name.clone(),
                    client: client_name.clone(),
                    coach_says: format!("coached {}", minutes_text(g.minutes)),
                    client_says: "no session with them that day".to_owned(),
                }),
            }
        }
        for r in received {
            out.disagreements.push(Disagreement {
                date: r.date,
                coach: coach_name.clone(),
                client: client_name.clone(),
                coach_says: "no session with them that day".to_owned(),
                client_says: format!("was coached {}", minutes_text(r.minutes)),
            });
        }
    }
    out.disagreements
        .sort_by(|a, b| (a.date, &a.coach, &a.client).cmp(&(b.date, &b.coach, &b.client)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(date: &str, partner: &str, coached: bool, minutes: u32) -> Line {
        Line {
            date: date.parse().expect("date"),
            partner: partner.to_owned(),
            coached,
            minutes,
        }
    }

    fn packet(owner: &str, lines: Vec<Line>) -> Packet {
        Packet {
            file: format!("{owner}.zip"),
            problems: Vec::new(),
            about: Some(About::new(
                Some(owner.to_owned()),
                "icf-acc",
                "2026-12-01".parse().expect("date"),
                false,
            )),
            summary: None,
            lines,
            receipts: Vec::new(),
        }
    }

    #[test]
    fn reciprocal_sessions_are_checked_both_ways_and_a_difference_named_with_both_sides() {
        let ana = packet(
            "Ana Silva",
            vec![
                line("2026-11-02", "Ben Okafor", true, 60),
                line("2026-11-02", "Ben Okafor", false, 60),
                line("2026-11-09", "Ben Okafor", true, 60),
                line("2026-11-16", "ben okafor", true, 60),
                line("2026-12-05", "Ben Okafor", true, 60),
            ],
        );
        let ben = packet(
            "Ben  Okafor",
            vec![
                line("2026-11-02", "Ana Silva", false, 60),
                line("2026-11-02", "Ana Silva", true, 60),
                line("2026-11-09", "Ana Silva", false, 45),
                line("2026-11-23", "Ana Silva", false, 60),
            ],
        );
        let crossed = cross_check(&[ana, ben]);
        assert_eq!(crossed.agreed, 2, "both ways on 11-02");
        let said: Vec<(String, &str, &str)> = crossed
            .disagreements
            .iter()
            .map(|d| {
                (
                    d.date.to_string(),
                    d.coach_says.as_str(),
                    d.client_says.as_str(),
                )
            })
            .collect();
        assert_eq!(
            said,
            [
                (
                    "2026-11-09".to_owned(),
                    "coached 60 min",
                    "was coached 45 min"
                ),
                (
                    "2026-11-16".to_owned(),
                    "coached 60 min",
                    "no session with them that day"
                ),
                (
                    "2026-11-23".to_owned(),
                    "no session with them that day",
                    "was coached 60 min"
                ),
            ],
            "after the packets' day (12-05) nothing is checked"
        );
    }

    #[test]
    fn a_session_only_the_client_logged_is_named_too() {
        let ana = packet("Ana", vec![line("2026-11-02", "Jo", true, 60)]);
        let ben = packet("Ben", vec![line("2026-11-03", "Ana", false, 60)]);
        let crossed = cross_check(&[ana, ben]);
        assert_eq!(crossed.disagreements.len(), 1);
        assert_eq!(crossed.disagreements[0].coach, "Ana");
        assert_eq!(
            crossed.disagreements[0].coach_says,
            "no session with them that day"
        );
    }

    #[test]
    fn a_packet_with_a_problem_gives_no_figure() {
        let mut p = packet("Ana", vec![line("2026-11-02", "Ben", true, 60)]);
        p.problems
            .push("summary.json: changed since the packet was made".to_owned());
        p.summary = Some(serde_json::json!({"schemes": [{"id": "icf-acc", "met": true}]}));
        let row = standing(&p, 0.5, 30, "2026-12-07".parse().expect("date"));
        assert_eq!(row.met, None);
        assert_eq!(row.last_session, None);
        assert_eq!(row.problems.len(), 1);
        assert!(cross_check(&[p]).disagreements.is_empty());
    }
}
