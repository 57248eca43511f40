//! Feedback in the client's own word: a request the coach sends after a session, and the answer the
//! client sends back as a short text block that names the request and carries a checksum, so that a
//! block cut off by a chat app or changed by hand is named, never stored.
//!
//! The four questions are scored 0–10 as [`super::reflection`]'s items are; the wording is the
//! coach's own (defaults written for this project, `[feedback]` in `config.toml` changes them).
//!
//! ```text
//! -----BEGIN COACHLOG FEEDBACK-----
//! request: k3f9qa
//! answered: 2026-12-08
//! relationship: 9
//! goals: 10
//! approach: 8
//! overall: 9
//! experiment: Leave more silence before the next question.
//! share: yes
//! check: 5d1e07c2
//! -----END COACHLOG FEEDBACK-----
//! ```
//!
//! `check` is the CRC-32 (IEEE) of the lines from `request` to `share`, each `key: value` with its
//! value's white space collapsed to single spaces, joined by `\n`, in UTF-8 — what the request page
//! computes in the client's browser. An answer typed into the plain-text form of the request has
//! `check: by hand`: it is checked for being whole, not for being unchanged.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::id::PartnerId;
use super::reflection::{ITEMS, Score, Scores};

/// The first line of an answer block.
pub const BEGIN: &str = "-----BEGIN COACHLOG FEEDBACK-----";
/// The last line of an answer block.
pub const END: &str = "-----END COACHLOG FEEDBACK-----";
/// The `check` of an answer typed into the plain-text form.
pub const BY_HAND: &str = "by hand";
/// The longest invitation kept, in characters (a page's text box allows as many).
pub const MAX_EXPERIMENT: usize = 2000;

/// What the request asks, in the coach's words: the four scored questions, the invitation, and
/// whether the answer may be shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questions {
    /// Did the client feel valued and respected.
    pub relationship: String,
    /// Was it about what the client wanted.
    pub goals: String,
    /// Did the approach fit.
    pub approach: String,
    /// The session as a whole.
    pub overall: String,
    /// What the client would invite the coach to experiment with next time.
    pub experiment: String,
    /// Whether the answer may be shown to a mentor or an accreditor.
    pub share: String,
}

impl Default for Questions {
    fn default() -> Self {
        Questions {
            relationship: "How far did you feel heard, understood and respected?".into(),
            goals: "How far did we work on what you wanted to work on?".into(),
            approach: "How well did my way of working suit you?".into(),
            overall: "Taking the session as a whole, how right was it for you?".into(),
            experiment: "What would you invite me to experiment with next time?".into(),
            share: "May I show your answer, without your name, to my mentor or an accreditor?"
                .into(),
        }
    }
}

impl Questions {
    /// The four scored questions, in the order of [`ITEMS`].
    pub fn scored(&self) -> [(&'static str, &str); 4] {
        [
            (ITEMS[0], &self.relationship),
            (ITEMS[1], &self.goals),
            (ITEMS[2], &self.approach),
            (ITEMS[3], &self.overall),
        ]
    }
}

/// A request for feedback on one session, as sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    /// Its short id, which the answer names.
    pub id: String,
    /// The session it asks about.
    pub session: String,
    /// The session's partner (the client).
    pub partner: PartnerId,
    /// The session's date.
    pub session_date: NaiveDate,
    /// The day it was made.
    pub sent: NaiveDate,
    /// What it asks.
    pub questions: Questions,
}

/// How an answer came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// The block the request page made, its checksum verified.
    Page,
    /// The plain-text form, filled in by hand.
    Text,
    /// The client's own receipt of the session, its signature verified.
    Signed,
}

impl Via {
    /// As written in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Page => "page",
            Via::Text => "text",
            Via::Signed => "signed",
        }
    }
}

/// What a client's answer came with: a request of this logbook, or the client's receipt kept in
/// it (each by its id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// An answer to `coachlog feedback request`.
    Request(String),
    /// Answers in the client's signed receipt (`coachlog receipt import`).
    Receipt(String),
}

impl Origin {
    /// `request` or `receipt`, as files and JSON say it.
    pub fn source(&self) -> &'static str {
        match self {
            Origin::Request(_) => "request",
            Origin::Receipt(_) => "receipt",
        }
    }

    /// The request's or the receipt's id.
    pub fn id(&self) -> &str {
        match self {
            Origin::Request(id) | Origin::Receipt(id) => id,
        }
    }

    /// Whether it answers the request `id`.
    pub fn answers(&self, id: &str) -> bool {
        matches!(self, Origin::Request(r) if r == id)
    }
}

/// The client's own answer about a session, kept in the session's file as a `[feedback]` table
/// (`rated_by = "client"`, and where it came from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientFeedback {
    /// The request it answers, or the receipt it came in.
    pub origin: Origin,
    /// The day the client answered.
    pub answered: NaiveDate,
    /// The four scores.
    pub scores: Scores,
    /// What the client invites the coach to experiment with (confidential).
    pub experiment: Option<String>,
    /// Whether the client lets the answer be shown (anonymised) to a mentor or an accreditor.
    pub share: bool,
    /// The page's block, the plain-text form, or a signed receipt.
    pub via: Via,
}

impl Serialize for ClientFeedback {
    /// As the session's file holds it (so that a backup restores it): `rated_by`, `source`, the
    /// request's or the receipt's id, and the answers.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("ClientFeedback", 8)?;
        out.serialize_field("rated_by", "client")?;
        out.serialize_field("source", self.origin.source())?;
        out.serialize_field(self.origin.source(), self.origin.id())?;
        out.serialize_field("answered", &self.answered)?;
        out.serialize_field("scores", &self.scores)?;
        if let Some(experiment) = &self.experiment {
            out.serialize_field("experiment", experiment)?;
        }
        out.serialize_field("share", &self.share)?;
        out.serialize_field("via", &self.via)?;
        out.end()
    }
}

impl ClientFeedback {
    /// The answer of `block`.
    pub fn of(block: &Answer) -> Self {
        ClientFeedback {
            origin: Origin::Request(block.request.clone()),
            answered: block.answered,
            scores: block.scores,
            experiment: block.experiment.clone(),
            share: block.share,
            via: block.via,
        }
    }
}

/// An answer block, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The request it answers.
    pub request: String,
    /// The day the client answered (the page fills it in; empty in the plain-text form, then
    /// the day it was read).
    pub answered: NaiveDate,
    /// The four scores.
    pub scores: Scores,
    /// The invitation, if the client wrote one.
    pub experiment: Option<String>,
    /// Whether the answer may be shown.
    pub share: bool,
    /// Whether the page made it.
    pub via: Via,
}

/// What is wrong with a block; the request it names, when it names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockProblem {
    /// The request named, if one was.
    pub request: Option<String>,
    /// What is wrong, and what to do.
    pub why: String,
}

impl fmt::Display for BlockProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.request {
            Some(id) => write!(f, "the answer to request {id}: {}", self.why),
            None => write!(f, "an answer block: {}", self.why),
        }
    }
}

/// The keys of a block, in order.
pub const KEYS: [&str; 9] = [
    "request",
    "answered",
    "relationship",
    "goals",
    "approach",
    "overall",
    "experiment",
    "share",
    "check",
];

/// `text` with every run of white space made one space, trimmed.
pub fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The checksum of a block's lines (`key`, value) from `request` to `share`: 8 hex digits.
pub fn checksum(lines: &[(&str, &str)]) -> String {
    let text = lines
        .iter()
        .map(|(k, v)| format!("{k}: {}", collapsed(v)))
        .collect::<Vec<_>>()
        .join("\n");
    format!("{:08x}", crc32fast::hash(text.as_bytes()))
}

impl Answer {
    /// The block's lines from `request` to `share`, as the checksum covers them.
    fn lines(&self) -> Vec<(&'static str, String)> {
        let [a, b, c, d] = self.scores.0;
        vec![
            ("request", self.request.clone()),
            ("answered", self.answered.to_string()),
            ("relationship", a.to_string()),
            ("goals", b.to_string()),
            ("approach", c.to_string()),
            ("overall", d.to_string()),
            ("experiment", self.experiment.clone().unwrap_or_default()),
            ("share", if self.share { "yes" } else { "no" }.to_owned()),
        ]
    }

    /// The block, as the request page makes it (or, `via` text, as the plain-text form holds it
    /// filled in).
    pub fn block(&self) -> String {
        let lines = self.lines();
        let pairs: Vec<(&str, &str)> = lines.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let check = match self.via {
            Via::Text => BY_HAND.to_owned(),
            Via::Page | Via::Signed => checksum(&pairs),
        };
        let mut out = format!("{BEGIN}\n");
        for (k, v) in &pairs {
            out.push_str(&format!("{k}: {}\n", collapsed(v)));
        }
        out.push_str(&format!("check: {check}\n{END}\n"));
        out
    }
}

/// The plain-text form of a request: the block with the answers left blank.
pub fn blank_form(request: &str) -> String {
    let mut out = format!("{BEGIN}\nrequest: {request}\n");
    for key in &KEYS[1..KEYS.len() - 1] {
        out.push_str(&format!("{key}: \n"));
    }
    out.push_str(&format!("check: {BY_HAND}\n{END}\n"));
    out
}

/// Reads one block's lines (those between [`BEGIN`] and [`END`], quote marks already taken off);
/// `today` is the answer's day when the plain-text form leaves it empty.
pub fn parse_block(lines: &[&str], today: NaiveDate) -> Result<Answer, BlockProblem> {
    let mut values: Vec<(&'static str, String)> = Vec::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let key = line
            .split_once(':')
            .and_then(|(k, _)| KEYS.iter().find(|key| k.trim().eq_ignore_ascii_case(key)));
        match (key, values.last_mut()) {
            (Some(key), _) => {
                if values.iter().any(|(k, _)| k == key) {
                    return Err(problem(&values, format!("'{key}' is given twice")));
                }
                let value = line.split_once(':').map_or("", |(_, v)| v.trim());
                values.push((key, value.to_owned()));
            }
            // A long line wrapped by a mail program or a chat app goes on the line before.
            (None, Some((_, value))) => {
                value.push(' ');
                value.push_str(line);
            }
            (None, None) => {
                return Err(problem(
                    &values,
                    format!("'{line}' is not one of its lines ({})", KEYS.join(", ")),
                ));
            }
        }
    }
    let get = |key: &str| {
        values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.trim())
    };
    let request = match get("request") {
        Some(id) if !id.is_empty() => id.to_owned(),
        _ => {
            return Err(problem(
                &values,
                "it names no request (a line `request: ID`): it is not whole".into(),
            ));
        }
    };
    let missing: Vec<&str> = KEYS.iter().filter(|k| get(k).is_none()).copied().collect();
    if !missing.is_empty() {
        return Err(problem(
            &values,
            format!(
                "it is not whole: {} missing (the block was cut off, or lines were removed); \
                 ask for the whole block again",
                missing.join(", ")
            ),
        ));
    }
    let check = get("check").unwrap_or_default().to_ascii_lowercase();
    let via = if check == BY_HAND {
        Via::Text
    } else {
        let pairs: Vec<(&str, &str)> = KEYS[..KEYS.len() - 1]
            .iter()
            .map(|k| (*k, get(k).unwrap_or_default()))
            .collect();
        if check != checksum(&pairs) {
            return Err(problem(
                &values,
                format!(
                    "it was changed after the page made it (its check {check} does not match \
                     what it holds): ask the client to send the block again as the page made it"
                ),
            ));
        }
        Via::Page
    };
    let answered = match get("answered").unwrap_or_default() {
        "" if via == Via::Text => today,
        text => text.parse::<NaiveDate>().map_err(|_| {
            problem(
                &values,
                format!("answered: '{text}' is not a date in the form 2026-12-08"),
            )
        })?,
    };
    let score = |key: &str| -> Result<Score, BlockProblem> {
        let text = get(key).unwrap_or_default();
        let number = text.strip_suffix("/10").unwrap_or(text).trim();
        if number.is_empty() {
            return Err(problem(
                &values,
                format!("{key}: no score given (a number from 0 to 10)"),
            ));
        }
        number
            .parse::<Score>()
            .map_err(|why| problem(&values, format!("{key}: {why}")))
    };
    let scores = Scores([
        score(ITEMS[0])?,
        score(ITEMS[1])?,
        score(ITEMS[2])?,
        score(ITEMS[3])?,
    ]);
    let share = match get("share")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "yes" | "y" | "ja" | "oui" | "si" | "sí" => true,
        "no" | "n" | "nein" | "non" | "" => false,
        other => {
            return Err(problem(
                &values,
                format!("share: '{other}' is not yes or no"),
            ));
        }
    };
    let experiment = collapsed(get("experiment").unwrap_or_default());
    if experiment.chars().any(char::is_control) {
        return Err(problem(
            &values,
            "experiment: it holds control characters, which no answer the page makes has".into(),
        ));
    }
    if experiment.chars().count() > MAX_EXPERIMENT {
        return Err(problem(
            &values,
            format!("experiment: longer than {MAX_EXPERIMENT} characters"),
        ));
    }
    Ok(Answer {
        request,
        answered,
        scores,
        experiment: (!experiment.is_empty()).then_some(experiment),
        share,
        via,
    })
}

fn problem(values: &[(&'static str, String)], why: String) -> BlockProblem {
    BlockProblem {
        request: values
            .iter()
            .find(|(k, v)| *k == "request" && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned()),
        why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(via: Via) -> Answer {
        Answer {
            request: "k3f9qa".into(),
            answered: "2026-12-08".parse().expect("date"),
            scores: "9,10,8,9".parse().expect("scores"),
            experiment: Some("Leave more   silence.".into()),
            share: true,
            via,
        }
    }

    fn read(block: &str) -> Result<Answer, BlockProblem> {
        let lines: Vec<&str> = block.lines().filter(|l| *l != BEGIN && *l != END).collect();
        parse_block(&lines, "2026-12-10".parse().expect("date"))
    }

    #[test]
    fn a_block_reads_back_as_written() {
        let a = answer(Via::Page);
        let block = a.block();
        assert!(
            block.contains("experiment: Leave more silence.\n"),
            "{block}"
        );
        let read = read(&block).expect("reads");
        assert_eq!(read.scores, a.scores);
        assert_eq!(read.experiment.as_deref(), Some("Leave more silence."));
        assert_eq!(read.via, Via::Page);
        assert_eq!(read.answered.to_string(), "2026-12-08");
    }

    #[test]
    fn the_checksum_is_crc32_of_the_lines() {
        // What the page's script computes for these lines (CRC-32/IEEE of the UTF-8 text).
        assert_eq!(
            checksum(&[("request", "a"), ("share", "yes")]),
            format!("{:08x}", crc32fast::hash(b"request: a\nshare: yes"))
        );
    }

    #[test]
    fn one_digit_changed_is_named_not_read() {
        let block = answer(Via::Page).block().replace("goals: 10", "goals: 1");
        let err = read(&block).expect_err("changed");
        assert_eq!(err.request.as_deref(), Some("k3f9qa"));
        assert!(err.why.contains("changed after the page made it"), "{err}");
    }

    #[test]
    fn a_wrapped_line_is_joined_and_still_checks() {
        let block = answer(Via::Page)
            .block()
            .replace("Leave more silence.", "Leave more\nsilence.");
        assert_eq!(
            read(&block).expect("reads").experiment.as_deref(),
            Some("Leave more silence.")
        );
    }

    #[test]
    fn a_cut_block_names_what_is_missing() {
        let block = answer(Via::Page).block();
        let cut: String = block.lines().take(5).collect::<Vec<_>>().join("\n");
        let err = read(&cut).expect_err("cut");
        assert!(err.why.contains("not whole"), "{err}");
        assert!(
            err.why.contains("overall, experiment, share, check"),
            "{err}"
        );
    }

    #[test]
    fn the_plain_text_form_takes_scores_out_of_ten_and_today() {
        let form = blank_form("k3f9qa")
            .replace("relationship: ", "relationship: 9/10")
            .replace("goals: ", "goals: 10")
            .replace("approach: ", "approach: 7.5")
            .replace("overall: ", "overall: 8")
            .replace("share: ", "share: no");
        let answer = read(&form).expect("reads");
        assert_eq!(answer.via, Via::Text);
        assert_eq!(answer.scores.to_string(), "9,10,7.5,8");
        assert_eq!(answer.answered.to_string(), "2026-12-10");
        assert!(!answer.share);
        assert_eq!(answer.experiment, None);
        let empty = read(&blank_form("k3f9qa")).expect_err("no scores");
        assert!(
            empty.why.contains("relationship: no score given"),
            "{empty}"
        );
    }
}
