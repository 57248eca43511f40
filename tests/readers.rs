//! Every reader of outside input, fed mutations of a valid input for a bounded number of cases:
//! session, partner and record TOML, a CSV import, an .ics calendar, a JSON backup, a client's
//! answer block in a saved e-mail and a partner's signed receipt. None may
//! panic; what reads may be written back and read again; and a message about the input, as a user
//! sees it, shows no raw control character and no endless line. `COACHLOG_FUZZ_CASES` sets how
//! many cases each runs (CI runs more than a developer's `cargo test`).

// A test may say on stderr why it skips; the lints on output are for coachlog itself.
#![allow(clippy::print_stderr, clippy::print_stdout)]

use coachlog_core::domain::development::{Development, Mentoring};
use coachlog_core::rules::settings::CalendarSettings;
use coachlog_core::storage::development::parse;
use coachlog_core::storage::record::{PartnerRecord, SessionRecord};
use proptest::prelude::*;

const SESSION: &str = "version = 1\ndate = 2026-03-14\npartner = \"alex-kim\"\nminutes = 60\n\
    role = \"coach\"\npayment = \"exchange\"\narrangement = \"reciprocal\"\n\
    client_type = \"peer\"\nnotes = \"said \\\"thanks\\\"\"\n\
    [reflection]\nscores = [9.0, 8.5, 9.0, 10.0]\nrated_by = \"client\"\n";

const PARTNER: &str = "version = 1\nname = \"Alex Kim\"\nclient_type = \"peer\"\n\
    arrangement = \"reciprocal\"\ndefault_minutes = 60\nconsent = true\ncontact = \"a@x.test\"\n";

const MENTORING: &str = "version = 1\ndate = 2026-10-02\nminutes = 90\nmentor = \"Dana Reyes\"\n\
    credential = \"MCC\"\nformat = \"group\"\ngroup_size = 6\n";

const CSV: &str = "date,partner,minutes,role,payment,client_type,notes\n\
    2026-01-05,Alex Kim,60,coach,paid,peer,\"first, \"\"good\"\"\"\n\
    2026-01-06,Sam Lee,1h30m,client,exchange,non-coach,\n";

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a1\r\n\
    SUMMARY:Coaching: Alex Kim\r\nDTSTART;TZID=Europe/Berlin:20261102T090000\r\n\
    DTEND;TZID=Europe/Berlin:20261102T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n\
    ATTENDEE;PARTSTAT=ACCEPTED:mailto:alex@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

const BACKUP: &str = r#"{"format": "coachlog-backup", "version": 1,
  "partners": [{"id": "alex-kim", "name": "Alex Kim", "client_type": "peer",
                "arrangement": "reciprocal", "consent": true}],
  "sessions": [{"id": "aaa111", "date": "2026-01-05", "partner": "alex-kim", "minutes": 60,
                "role": "coach", "payment": "exchange", "arrangement": "reciprocal",
                "client_type": "peer", "notes": "n"}],
  "mentoring": [{"id": "ccc333", "date": "2026-02-01", "minutes": 60, "mentor": "Dana",
                 "credential": "MCC", "format": "individual"}]}"#;

const ANSWERED: &str = "version = 1\ndate = 2026-03-14\npartner = \"alex-kim\"\nminutes = 60\n\
    role = \"coach\"\npayment = \"exchange\"\narrangement = \"reciprocal\"\n\
    client_type = \"peer\"\n[feedback]\nrated_by = \"client\"\nsource = \"request\"\n\
    request = \"q4m8tn\"\nanswered = 2026-03-16\nscores = [8.5, 9.0, 8.0, 8.5]\n\
    experiment = \"Say less\"\nshare = true\nvia = \"page\"\n";

/// A saved e-mail holding an answer block, quoted-printable, the block quoted as in a reply.
const ANSWER_EMAIL: &str = "From: Grace <g@example.org>\r\nTo: r@example.org\r\n\
    Subject: Re: feedback\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
    Content-Transfer-Encoding: quoted-printable\r\n\r\nHere it is =3D)\r\n\
    > -----BEGIN COACHLOG FEEDBACK-----\r\n> request: t8n4wj\r\n> answered: 2026-11-24\r\n\
    > relationship: 9\r\n> goals: 10\r\n> approach: 8\r\n> overall: 9\r\n\
    > experiment: Ask me what I want from the session before we =\r\nstart.\r\n> share: yes\r\n\
    > check: fdfbdaf8\r\n> -----END COACHLOG FEEDBACK-----\r\n";

/// A receipt and its signature, as one input.
const RECEIPT: &str = "coachlog receipt 1\n\
    issued: 2026-11-23\n\
    session: tfkhks\n\
    date: 2026-11-20\n\
    minutes: 60\n\
    format: individual\n\
    payment: exchange\n\
    coach: Robin Meyer <SHA256:trI7FkKJuV/DRaVsJDf0yUHxzappL9XGYQrWCbY/r94>\n\
    client: Alex Kim <unknown>\n\
    issuer: coach\n\
    -----BEGIN SSH SIGNATURE-----\n\
    U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgO7NGbi7qTNIXmVaVRpg3BmAegd\n\
    LAgeS1oGEdl2zhGosAAAAQY29hY2hsb2ctcmVjZWlwdAAAAAAAAAAGc2hhNTEyAAAAUwAA\n\
    AAtzc2gtZWQyNTUxOQAAAEAwKm+qLy6ycx1mAEnD/coiAxodKIpF3i700c9Qd3oL2GiKyf\n\
    VHcyyQ71jMHHDBXS7Xo9eZxcv917EiJvTI07EB\n\
    -----END SSH SIGNATURE-----\n\
    ";

/// Pieces that break readers: quotes, brackets, escapes, a byte-order mark, a direction override,
/// formula starts, huge numbers, line ends of every kind.
const PIECES: [&str; 16] = [
    "\"",
    "'",
    "[",
    "]]",
    "=",
    "\n",
    "\r\n",
    "\u{1b}[2J",
    "\u{feff}",
    "\u{202e}",
    "=HYPERLINK(",
    "99999999999999999999",
    "-1",
    "0000-00-00",
    ",",
    ";",
];

/// One change to a text: insert a piece, insert a byte, delete a span, or repeat a span.
#[derive(Debug, Clone)]
enum Change {
    Piece(usize, usize),
    Byte(usize, u8),
    Delete(usize, usize),
    Repeat(usize, usize, usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<usize>(), 0..PIECES.len()).prop_map(|(at, p)| Change::Piece(at, p)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Change::Byte(at, b)),
        (any::<usize>(), 1usize..20).prop_map(|(at, n)| Change::Delete(at, n)),
        (any::<usize>(), 1usize..20, 1usize..50).prop_map(|(at, n, k)| Change::Repeat(at, n, k)),
    ]
}

/// `seed` with `changes` applied, as bytes (a change may break UTF-8, as a damaged file does).
fn mutate(seed: &str, changes: &[Change]) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for change in changes {
        let at = |i: usize| {
            if bytes.is_empty() {
                0
            } else {
                i % (bytes.len() + 1)
            }
        };
        match *change {
            Change::Piece(i, p) => {
                let i = at(i);
                bytes.splice(i..i, PIECES[p].bytes());
            }
            Change::Byte(i, b) => {
                let i = at(i);
                bytes.insert(i, b);
            }
            Change::Delete(i, n) => {
                let i = at(i);
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Change::Repeat(i, n, k) => {
                let i = at(i);
                let end = (i + n).min(bytes.len());
                let span = bytes[i..end].to_vec();
                for _ in 0..k {
                    bytes.splice(i..i, span.iter().copied());
                }
            }
        }
    }
    bytes
}

/// A message as a user sees it: through the one function that makes text safe for a terminal.
fn shown_safe(message: &str) {
    let shown = coachlog::ui::safe(message);
    assert!(
        !shown
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "{shown:?}"
    );
    assert!(shown.lines().all(|l| l.chars().count() <= 501), "{shown:?}");
}

/// A session file read: what reads is written and read back the same; what does not is named
/// safely.
fn session_round_trip(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    match SessionRecord::parse(&text) {
        Ok(record) => {
            let again = toml::to_string(&record).expect("writes");
            let back = SessionRecord::parse(&again).expect("what it writes, it reads");
            prop_assert_eq!(toml::to_string(&back).expect("writes"), again);
        }
        Err(e) => shown_safe(e.message()),
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("COACHLOG_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

fn inputs(seed: &'static str) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(change(), 0..6).prop_map(move |c| mutate(seed, &c))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_session_file(bytes in inputs(SESSION)) {
        session_round_trip(&bytes)?;
    }

    #[test]
    fn a_partner_file(bytes in inputs(PARTNER)) {
        let text = String::from_utf8_lossy(&bytes);
        match toml::from_str::<PartnerRecord>(&text) {
            Ok(record) => {
                let again = toml::to_string(&record).expect("writes");
                let back: PartnerRecord = toml::from_str(&again).expect("what it writes, it reads");
                prop_assert_eq!(toml::to_string(&back).expect("writes"), again);
            }
            Err(e) => shown_safe(e.message()),
        }
    }

    #[test]
    fn a_mentoring_record(bytes in inputs(MENTORING)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(problem) = parse::<Mentoring>(&text, "x".into()) {
            shown_safe(&problem.to_string());
        }
    }

    #[test]
    fn a_csv_import(bytes in inputs(CSV)) {
        let options = coachlog_core::import::Options {
            map: Default::default(),
            values: Default::default(),
            client_type: None,
            delimiter: None,
            date_format: None,
            dates: Some(coachlog_core::rules::dates::Plausible::on(
                chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date"),
            )),
        };
        match coachlog_core::import::plan(bytes.as_slice(), &options, &[], &[]) {
            Ok(plan) => {
                for error in &plan.errors {
                    shown_safe(&error.to_string());
                }
            }
            Err(e) => shown_safe(&e.0),
        }
    }

    #[test]
    fn a_calendar(bytes in inputs(ICS)) {
        let text = String::from_utf8_lossy(&bytes);
        let settings: CalendarSettings = toml::from_str(
            "timezone = \"Europe/Berlin\"\n[[rule]]\nsummary = \"Coaching: {partner}\"\n",
        )
        .expect("settings");
        let options = coachlog_core::import::calendar::Options {
            settings: &settings,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            role: None,
            create_partners: false,
        };
        match coachlog_core::import::calendar::plan(&text, &options, &[], &[]) {
            Ok(plan) => {
                for error in &plan.errors {
                    shown_safe(error);
                }
            }
            Err(e) => shown_safe(&e),
        }
    }

    #[test]
    fn a_backup(bytes in inputs(BACKUP)) {
        match coachlog_core::import::backup::plan(&bytes, &[], &[], &Development::default(), &Default::default()) {
            Ok(restore) => {
                for error in &restore.errors {
                    shown_safe(error);
                }
            }
            Err(e) => shown_safe(&e.0),
        }
    }

    #[test]
    fn a_session_file_with_the_clients_answer(bytes in inputs(ANSWERED)) {
        session_round_trip(&bytes)?;
    }

    #[test]
    fn an_answer_in_a_saved_email(bytes in inputs(ANSWER_EMAIL)) {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
        match coachlog_core::import::answers::read(&bytes, day) {
            Ok(found) => {
                for block in found {
                    match block {
                        // What it reads, a session file holds and reads back the same.
                        Ok(answer) => {
                            let record = SessionRecord::parse(SESSION).expect("the seed");
                            let mut session = record.into_session("aaa111".into(), None);
                            session.feedback = Some(Box::new(
                                coachlog_core::domain::feedback::ClientFeedback::of(&answer),
                            ));
                            let text = toml::to_string(&SessionRecord::from_session(&session))
                                .expect("writes");
                            let back = SessionRecord::parse(&text)
                                .expect("what it writes, it reads")
                                .into_session("aaa111".into(), None);
                            prop_assert_eq!(back.feedback, session.feedback);
                        }
                        Err(problem) => shown_safe(&problem.to_string()),
                    }
                }
            }
            Err(e) => shown_safe(&e),
        }
    }

    #[test]
    fn a_receipt(bytes in inputs(RECEIPT)) {
        let whole = String::from_utf8_lossy(&bytes);
        let Some((text, signature)) = coachlog_core::storage::signing::split(&whole) else {
            return Ok(());
        };
        match coachlog_core::storage::signing::verify(text, signature) {
            // Only the text as signed verifies: it reads as a receipt.
            Ok(_) => {
                prop_assert!(coachlog_core::domain::receipt::Receipt::parse(text).is_ok());
            }
            Err(why) => shown_safe(&why),
        }
        if let Err(why) = coachlog_core::domain::receipt::Receipt::parse(text) {
            shown_safe(&why);
        }
    }
}
