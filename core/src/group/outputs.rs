//! What a round is written as: JSON (`round.json`, `group match --json`) and CSV (one row per
//! person, for a spreadsheet), and how an earlier round's file is read back as history.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::pairs::Fit;
use super::roster::{Person, Practice};
use super::round::{History, Round};
use crate::export::text_cell;

/// What a round's JSON says it is.
pub const FORMAT: &str = "coachlog-group-round";

/// A round as JSON. Field names are a promise to scripts: add, never rename.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundFile {
    /// [`FORMAT`].
    pub format: String,
    /// 1.
    pub version: u32,
    /// The Monday of the week matched.
    pub week: NaiveDate,
    /// The seed that decided between matchings of the same size.
    pub seed: u64,
    /// Pairs, then rings.
    pub groups: Vec<GroupJson>,
    /// Everybody left out.
    pub unmatched: Vec<UnmatchedJson>,
}

/// A pair or a ring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupJson {
    /// Its number, from 1.
    pub group: usize,
    /// `pair` or `ring`.
    pub kind: String,
    /// Its people; in a ring, in the order they coach.
    pub people: Vec<MemberJson>,
    /// Who coaches whom: two for a pair, one per person for a ring.
    pub sessions: Vec<SessionJson>,
}

/// A person of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberJson {
    /// Their name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// Their time zone.
    pub timezone: String,
    /// The credential they work towards, if they said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
}

/// One coach and their client in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionJson {
    /// The coach's e-mail address.
    pub coach: String,
    /// The client's e-mail address.
    pub client: String,
    /// The language they share.
    pub language: String,
    /// The session length: the longer of the two people's.
    pub minutes: u32,
    /// When the longest time both are free begins, in the week matched.
    pub free_from: DateTime<Utc>,
    /// How long it is, in minutes.
    pub free_minutes: i64,
}

/// A person left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmatchedJson {
    /// Their line in the roster.
    pub line: u64,
    /// Their name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// `reciprocal` or `one-way`.
    pub practice: String,
    /// Why, as a word (`no-language`, `no-time`, `all-before`, `odd-one-out`, `no-ring`,
    /// `too-few`, `alone`).
    pub reason: String,
    /// Why, in words.
    pub why: String,
}

/// An instant as the day of the week and the time in `zone` (`Mon 18:00`), or in UTC where
/// `zone` is not a time zone.
pub fn at(start: DateTime<Utc>, zone: &str) -> String {
    match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => start.with_timezone(&tz).format("%a %H:%M").to_string(),
        Err(_) => start.format("%a %H:%M UTC").to_string(),
    }
}

/// The word of a practice.
pub fn practice_word(practice: Practice) -> &'static str {
    match practice {
        Practice::Reciprocal => "reciprocal",
        Practice::OneWay => "one-way",
    }
}

fn member(p: &Person) -> MemberJson {
    MemberJson {
        name: p.name.clone(),
        email: p.email.clone(),
        timezone: p.zone.name().to_owned(),
        credential: p.credential.clone(),
    }
}

fn session(people: &[Person], coach: usize, client: usize, fit: &Fit) -> SessionJson {
    SessionJson {
        coach: people[coach].email.clone(),
        client: people[client].email.clone(),
        language: fit.language.clone(),
        minutes: people[coach].minutes.max(people[client].minutes),
        free_from: fit.start,
        free_minutes: fit.minutes,
    }
}

impl RoundFile {
    /// The round made of `people`.
    pub fn of(round: &Round, people: &[Person]) -> RoundFile {
        let mut groups: Vec<GroupJson> = Vec::new();
        for p in &round.pairs {
            groups.push(GroupJson {
                group: groups.len() + 1,
                kind: "pair".to_owned(),
                people: vec![member(&people[p.a]), member(&people[p.b])],
                sessions: vec![
                    session(people, p.a, p.b, &p.fit),
                    session(people, p.b, p.a, &p.fit),
                ],
            });
        }
        for r in &round.rings {
            groups.push(GroupJson {
                group: groups.len() + 1,
                kind: "ring".to_owned(),
                people: r.people.iter().map(|i| member(&people[*i])).collect(),
                sessions: r
                    .sessions()
                    .map(|(coach, client, fit)| session(people, coach, client, fit))
                    .collect(),
            });
        }
        RoundFile {
            format: FORMAT.to_owned(),
            version: 1,
            week: round.week,
            seed: round.seed,
            groups,
            unmatched: round
                .left
                .iter()
                .map(|(i, why)| UnmatchedJson {
                    line: people[*i].line,
                    name: people[*i].name.clone(),
                    email: people[*i].email.clone(),
                    practice: practice_word(people[*i].practice).to_owned(),
                    reason: why.word().to_owned(),
                    why: why.describe().to_owned(),
                })
                .collect(),
        }
    }

    /// Who coaches whom in this round, as the next round's history.
    pub fn history(&self) -> History {
        let mut history = History::new();
        for s in self.groups.iter().flat_map(|g| &g.sessions) {
            history.add(&s.coach, &s.client);
        }
        history
    }

    /// As a CSV file, one row per person: the group, whom they coach and who coaches them, the
    /// language and the time both are free (UTC); a person left out has the reason instead.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = csv::Writer::from_writer(Vec::new());
        let header = [
            "group",
            "kind",
            "name",
            "email",
            "coaches",
            "coaches_email",
            "coached_by",
            "coached_by_email",
            "language",
            "minutes",
            "free_from_utc",
            "free_minutes",
            "reason",
        ];
        let mut rows: Vec<Vec<String>> = Vec::new();
        for g in &self.groups {
            let name = |email: &str| {
                g.people
                    .iter()
                    .find(|m| m.email == email)
                    .map_or(String::new(), |m| m.name.clone())
            };
            for m in &g.people {
                let gives = g.sessions.iter().find(|s| s.coach == m.email);
                let gets = g.sessions.iter().find(|s| s.client == m.email);
                rows.push(vec![
                    g.group.to_string(),
                    g.kind.clone(),
                    text_cell(&m.name),
                    text_cell(&m.email),
                    gives.map_or(String::new(), |s| text_cell(&name(&s.client))),
                    gives.map_or(String::new(), |s| text_cell(&s.client)),
                    gets.map_or(String::new(), |s| text_cell(&name(&s.coach))),
                    gets.map_or(String::new(), |s| text_cell(&s.coach)),
                    gives.map_or(String::new(), |s| text_cell(&s.language)),
                    gives.map_or(String::new(), |s| s.minutes.to_string()),
                    gives.map_or(String::new(), |s| {
                        s.free_from.format("%Y-%m-%d %H:%M").to_string()
                    }),
                    gives.map_or(String::new(), |s| s.free_minutes.to_string()),
                    String::new(),
                ]);
            }
        }
        for u in &self.unmatched {
            let mut row = vec![String::new(); header.len()];
            row[1] = "unmatched".to_owned();
            row[2] = text_cell(&u.name);
            row[3] = text_cell(&u.email);
            row[12] = u.why.clone();
            rows.push(row);
        }
        let written = out
            .write_record(header)
            .and_then(|()| rows.iter().try_for_each(|r| out.write_record(r)));
        written.expect("CSV to memory cannot fail");
        out.into_inner().expect("CSV to memory cannot fail")
    }
}

/// The history an earlier round's file holds: its `round.json` (or `--json` output), or its CSV
/// (the columns `email` and `coaches_email`).
pub fn history(bytes: &[u8]) -> Result<History, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "it is not UTF-8 text: give a round's JSON or CSV file".to_owned())?
        .trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('{') {
        let file: RoundFile = serde_json::from_str(text)
            .map_err(|e| format!("it is not a round's JSON ({e}): give round.json as written"))?;
        if file.format != FORMAT {
            return Err(format!(
                "its format is '{}', not '{FORMAT}'",
                crate::domain::text::for_terminal(&file.format, 60, "…")
            ));
        }
        return Ok(file.history());
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| format!("its first line cannot be read: {e}"))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| {
                format!("it has no column '{name}': give a round's CSV (email, coaches_email, …)")
            })
    };
    let (email, coaches) = (column("email")?, column("coaches_email")?);
    let mut history = History::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("a row cannot be read: {e}"))?;
        let cell = |i: usize| record.get(i).map(str::trim).unwrap_or("");
        // A cell a spreadsheet might have read as a formula was written with a leading `'`.
        let plain = |t: &'_ str| t.trim_start_matches('\'').to_owned();
        let (coach, client) = (plain(cell(email)), plain(cell(coaches)));
        if !coach.is_empty() && !client.is_empty() {
            history.add(&coach, &client);
        }
    }
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::monday_of;
    use crate::group::round::round;

    fn people() -> Vec<Person> {
        let roster = "Name,Email,Time zone,Languages,Free,Arrangement,Credential\n\
            Ana,ana@example.org,Europe/Lisbon,English,Mon 18-21,reciprocal,ACC\n\
            Ben,ben@example.org,Europe/Berlin,English,Mon 19-22,reciprocal,\n\
            Cleo,cleo@example.org,Europe/Berlin,English,Tue 9-12,one-way,PCC\n\
            Dev,dev@example.org,Europe/Paris,English,Tue 9-12,one-way,\n\
            Eve,eve@example.org,Europe/Rome,English,Tue 9-12,one-way,\n\
            Fay,fay@example.org,Asia/Tokyo,Japanese,Tue 9-12,reciprocal,\n";
        super::super::roster::read(roster.as_bytes(), &Default::default()).expect("roster")
    }

    #[test]
    fn json_and_csv_say_the_same_round_and_read_back_as_its_history() {
        let people = people();
        let monday = monday_of("2026-12-09".parse().expect("date"));
        let made = round(&people, monday, &History::new(), 1, None);
        let file = RoundFile::of(&made, &people);
        assert_eq!(file.groups.len(), 2);
        assert_eq!(file.groups[0].kind, "pair");
        assert_eq!(file.groups[0].sessions.len(), 2);
        assert_eq!(file.groups[1].kind, "ring");
        assert_eq!(file.groups[1].sessions.len(), 3);
        assert_eq!(file.unmatched.len(), 1);
        assert_eq!(file.unmatched[0].reason, "no-language");
        let json = serde_json::to_vec(&file).expect("json");
        let csv = file.csv();
        let from_json = history(&json).expect("json reads");
        let from_csv = history(&csv).expect("csv reads");
        assert_eq!(from_json, from_csv);
        assert_eq!(from_json.len(), 5);
        assert!(from_json.coached("ana@example.org", "ben@example.org"));
        assert!(from_json.coached("ben@example.org", "ana@example.org"));
        let text = String::from_utf8(csv).expect("utf-8");
        assert_eq!(text.lines().count(), 1 + 6, "a header and a row per person");
        assert!(text.contains(",unmatched,Fay,fay@example.org,"), "{text}");
        // The next round with this history pairs nobody again.
        let next = round(&people, monday, &from_csv, 1, None);
        assert!(next.pairs.is_empty());
    }

    #[test]
    fn a_file_that_is_not_a_round_is_named() {
        assert!(
            history(b"{\"format\": \"x\"}")
                .expect_err("not a round")
                .contains("not a round's JSON")
        );
        assert!(
            history(b"date,partner\n2026-01-01,ana\n")
                .expect_err("not a round")
                .contains("no column 'email'")
        );
    }
}
