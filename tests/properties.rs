//! Property tests: parsing of durations, dates and scores, and the TOML round trip of every record
//! type, over generated values.

// A test may say on stderr why it skips; the lints on output are for coachlog itself.
#![allow(clippy::print_stderr, clippy::print_stdout)]

use chrono::Datelike;
use chrono::NaiveDate;
use coachlog_core::domain::agreement::{Agreement, FeedbackTiming};
use coachlog_core::domain::date::DateArg;
use coachlog_core::domain::duration::Minutes;
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{
    Arrangement, ClientType, GroupSize, NewSession, NotCounted, Partner, Payment, Role,
    SessionFacts,
};
use coachlog_core::domain::reflection::{RatedBy, Reflection, Score, Scores};
use coachlog_core::storage::fast;
use coachlog_core::storage::record::{PartnerRecord, SessionRecord};
use proptest::prelude::*;

/// One-line text as a user may type it: any script, no control characters, no outer spaces, and
/// none of the invisible characters that coachlog refuses in a name.
fn line() -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{1,40}".prop_filter("trimmed, not empty, nothing invisible", |s| {
        !s.trim().is_empty()
            && s.trim() == s
            && !s.chars().any(coachlog_core::domain::text::is_invisible)
    })
}

/// Notes: several lines, quotes and brackets of every kind.
fn notes() -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{0,20}(\n[^\\p{Cc}]{0,20}){0,3}".prop_filter("not empty", |s| !s.is_empty())
}

fn minutes() -> impl Strategy<Value = Minutes> {
    (1u32..=1440).prop_map(|m| Minutes::new(m).expect("in range"))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..80_000).prop_map(|d| {
        NaiveDate::from_ymd_opt(1900, 1, 1).expect("date") + chrono::Days::new(d as u64)
    })
}

fn pick<T: Copy + std::fmt::Debug>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn scores() -> impl Strategy<Value = Scores> {
    proptest::array::uniform4(0u32..=100)
        .prop_map(|t| Scores(t.map(|t| Score::from_tenths(t).expect("in range"))))
}

fn agreement() -> impl Strategy<Value = Agreement> {
    (
        proptest::option::of(line()),
        proptest::option::of(line()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(pick(FeedbackTiming::ALL)),
        proptest::option::of(any::<bool>()),
        proptest::option::of(line()),
    )
        .prop_map(
            |(platform, frequency, recording, feedback, real_topic, working_on)| Agreement {
                platform,
                frequency,
                recording,
                feedback,
                real_topic,
                working_on,
                ..Agreement::default()
            },
        )
}

fn partner() -> impl Strategy<Value = Partner> {
    (
        line(),
        pick(ClientType::ALL),
        pick(Arrangement::ALL),
        proptest::option::of(2u32..=1000),
        any::<bool>(),
        proptest::option::of(line()),
        proptest::option::of(line()),
        proptest::option::of(pick(Payment::ALL)),
        proptest::option::of(minutes()),
        proptest::option::of(notes()),
        proptest::option::of(agreement()),
    )
        .prop_map(
            |(
                name,
                client_type,
                arrangement,
                group,
                consent,
                alias,
                contact,
                payment,
                default_minutes,
                notes,
                agreement,
            )| {
                let id = PartnerId::from_name(&name).unwrap_or_else(|| "x".parse().expect("id"));
                Partner {
                    arrangement,
                    group_size: group.and_then(GroupSize::new),
                    consent,
                    alias,
                    contact,
                    payment,
                    default_minutes,
                    notes,
                    agreement,
                    ..Partner::new(id, name, client_type)
                }
            },
        )
}

fn session() -> impl Strategy<Value = NewSession> {
    (
        date(),
        minutes(),
        pick(Role::ALL),
        pick(Payment::ALL),
        pick(Arrangement::ALL),
        pick(ClientType::ALL),
        proptest::option::of(2u32..=1000),
        proptest::option::of(pick(NotCounted::ALL)),
        proptest::option::of(notes()),
        proptest::option::of((
            proptest::option::of(scores()),
            pick(RatedBy::ALL),
            proptest::option::of(notes()),
        )),
    )
        .prop_map(
            |(
                date,
                minutes,
                role,
                payment,
                arrangement,
                client_type,
                group,
                not_counted,
                notes,
                reflection,
            )| NewSession {
                date,
                partner: "alex-kim".parse().expect("id"),
                minutes,
                role,
                payment,
                arrangement,
                facts: SessionFacts {
                    client_type,
                    group_size: group.and_then(GroupSize::new),
                },
                not_counted,
                notes,
                reflection: reflection.map(|(scores, rated_by, experiment)| Reflection {
                    scores,
                    rated_by,
                    experiment,
                }),
                // Competencies, on some: they read back too.
                competencies: if date.day() % 4 == 0 {
                    ["icf-2025:active-listening", "emcc:contract"]
                        .iter()
                        .map(|t| t.parse().expect("tag"))
                        .collect()
                } else {
                    Vec::new()
                },
                // The client's own answer, on some: it reads back too.
                feedback: (date.day() % 3 == 0).then(|| {
                    Box::new(coachlog_core::domain::feedback::ClientFeedback {
                        // From a request on some days, from the client's receipt on others.
                        origin: if date.day() % 2 == 0 {
                            coachlog_core::domain::feedback::Origin::Request("r3k9qa".into())
                        } else {
                            coachlog_core::domain::feedback::Origin::Receipt("x7m2pq".into())
                        },
                        answered: date,
                        scores: "9,10,8.5,9".parse().expect("scores"),
                        experiment: Some("try \"less\" — and 'more' silence".into()),
                        share: date.day() % 2 == 0,
                        via: coachlog_core::domain::feedback::Via::Page,
                    })
                }),
                // Imported from a calendar, or not: the reference reads back too.
                calendar: (date.day() % 2 == 0).then(|| {
                    Box::new(coachlog_core::domain::model::CalendarRef {
                        uid: format!("{date}-event@example.org"),
                        recurrence_id: (minutes.get() % 2 == 0)
                            .then(|| "20261123T090000Z".to_owned()),
                        start: "20261123T090000Z".to_owned(),
                    })
                }),
                // Logged from the inbox, or not: that reference reads back too.
                inbox: (date.day() % 3 == 0).then(|| {
                    Box::new(coachlog_core::domain::model::InboxRef {
                        file: "inbox/phone.txt".to_owned(),
                        line: minutes.get(),
                        sha256: "ab".repeat(32),
                    })
                }),
            },
        )
}

proptest! {
    #[test]
    fn a_duration_reads_back_in_every_form(m in 1u32..=1440) {
        let expected = Minutes::new(m);
        prop_assert_eq!(Minutes::new(m).map(|d| d.to_string()).and_then(|t| t.replace(' ', "").parse().ok()), expected);
        prop_assert_eq!(format!("{m}").parse::<Minutes>().ok(), expected);
        prop_assert_eq!(format!("{m}min").parse::<Minutes>().ok(), expected);
        prop_assert_eq!(format!("{}h{}m", m / 60, m % 60).parse::<Minutes>().ok(), expected);
        prop_assert_eq!(format!("{}:{:02}", m / 60, m % 60).parse::<Minutes>().ok(), expected);
    }

    #[test]
    fn any_text_is_a_duration_in_range_or_an_error(text in "\\PC{0,12}") {
        if let Ok(m) = text.parse::<Minutes>() {
            prop_assert!((1..=1440).contains(&m.get()));
        }
    }

    #[test]
    fn a_date_reads_back(d in date()) {
        prop_assert_eq!(d.to_string().parse::<DateArg>(), Ok(DateArg::On(d)));
    }

    #[test]
    fn any_text_is_a_date_or_an_error_naming_it(text in "\\PC{0,12}") {
        if let Err(message) = text.parse::<DateArg>() {
            let quoted = format!("'{}'", text);
            prop_assert!(message.contains(&quoted), "{}", message);
        }
    }

    #[test]
    fn scores_read_back(s in scores()) {
        prop_assert_eq!(s.to_string().parse::<Scores>(), Ok(s));
    }

    #[test]
    fn a_partner_file_reads_back_exactly(p in partner()) {
        let text = toml::to_string(&PartnerRecord::from_partner(&p)).expect("writes");
        let back = toml::from_str::<PartnerRecord>(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back.into_partner(p.id.clone()), p);
    }

    #[test]
    fn a_session_file_reads_back_exactly(s in session()) {
        let text = toml::to_string(&SessionRecord::from_new(&s)).expect("writes");
        let back = toml::from_str::<SessionRecord>(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(back.into_session("id".into(), None), s.with_id("id".into()));
    }

    #[test]
    fn a_written_session_reads_quickly_and_the_same(s in session()) {
        let text = toml::to_string(&SessionRecord::from_new(&s)).expect("writes");
        let slow = toml::from_str::<SessionRecord>(&text).expect("reads").into_session("id".into(), None);
        if let Some(fast) = fast::read::<SessionRecord>(&text) {
            prop_assert_eq!(fast.into_session("id".into(), None), slow);
        }
    }

    #[test]
    fn whatever_the_quick_reader_reads_the_toml_parser_reads_the_same(text in session_like_text()) {
        if let Some(fast) = fast::read::<SessionRecord>(&text) {
            let slow = toml::from_str::<SessionRecord>(&text)
                .map_err(|e| TestCaseError::fail(format!("the quick reader read what TOML refuses: {e}\n{text}")))?;
            prop_assert_eq!(fast.into_session("id".into(), None), slow.into_session("id".into(), None));
        }
    }
}

/// Text that looks like a session file: lines of known and unknown keys with values of every kind,
/// well and badly written, and sometimes a table.
fn session_like_text() -> impl Strategy<Value = String> {
    let key = proptest::sample::select(vec![
        "client_type",
        "group_size",
        "not_counted",
        "notes",
        "scores",
        "rated_by",
        "experiment",
        "minutes",
        "date",
        "x-y",
    ]);
    let value = proptest::sample::select(vec![
        "1",
        "2",
        "01",
        "-1",
        "0",
        "60",
        "1441",
        "9_0",
        "1e3",
        "9.0",
        "8.5",
        "true",
        "2026-02-28",
        "2026-02-29",
        "2024-02-29",
        "2026-13-01",
        "2026-1-1",
        "\"2026-02-28\"",
        "\"alex-kim\"",
        "\"Alex\"",
        "\"\"",
        "\"a\\\"b\"",
        "'lit'",
        "\"coach\"",
        "\"client\"",
        "\"paid\"",
        "\"exchange\"",
        "\"pro-bono\"",
        "\"one-way\"",
        "\"peer\"",
        "\"non-coach\"",
        "\"in-class\"",
        "\"self\"",
        "[9, 9.5, 10, 8]",
        "[9.0, 9.0, 9.0]",
        "[10.5, 9, 9, 9]",
        "[]",
        "[9, 9, 9, 9,]",
        "5",
        "1000",
        "1001",
    ]);
    let line = (
        key,
        value,
        proptest::sample::select(vec![" = ", "=", "  =\t"]),
    )
        .prop_map(|(k, v, eq)| format!("{k}{eq}{v}"));
    let base = "version = 1\ndate = 2026-01-05\npartner = \"alex-kim\"\nminutes = 60\nrole = \"coach\"\n\
                payment = \"paid\"\narrangement = \"one-way\"\n";
    (
        proptest::collection::vec(line.clone(), 0..3),
        proptest::option::of(proptest::collection::vec(line, 0..3)),
        proptest::bool::ANY,
    )
        .prop_map(move |(extra, table, keep_base)| {
            let mut text = if keep_base {
                base.to_owned()
            } else {
                String::new()
            };
            for l in extra {
                text.push_str(&l);
                text.push('\n');
            }
            if let Some(table) = table {
                text.push_str("[reflection]\n");
                for l in table {
                    text.push_str(&l);
                    text.push('\n');
                }
            }
            text
        })
}

/// The property above is not empty: many of the generated texts are read by the quick reader.
#[test]
fn the_quick_reader_reads_many_of_the_generated_texts() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = session_like_text();
    let read = (0..500)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).expect("a text").current();
            fast::read::<SessionRecord>(&text).is_some()
        })
        .count();
    assert!(read > 50, "only {read} of 500 read quickly");
}
