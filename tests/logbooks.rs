//! One truth, over random logbooks: for any logbook and day, every output shows for a scheme the
//! figure `summary --json` shows. Partners with and without consent, groups over and under the
//! limit, marks of practice that does not count, sessions before the start of training and after
//! the as-of day, exchange received as client, mentor coaching in groups and courses in progress,
//! under each balance rule: the ICF CSV's Total row, the xlsx's cells, the report's figures and
//! chart, the EMCC export, the mentor coaching log, `mix` and `stats` are compared with `summary`.
//!
//! The outputs are made by the same functions the commands call, on the same values, so that
//! thousands of logbooks are tried in seconds; the end-to-end tests run the binary.

// A test may say on stderr why it skips; the lints on output are for coachlog itself.
#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use serde_json::Value;

use coachlog::views;
use coachlog_core::domain::development::{
    Accreditation, CoachCredential, Development, Education, Mentoring,
};
use coachlog_core::domain::duration::Minutes;
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{
    Arrangement, ClientType, FactsFrom, Format, GroupSize, NotCounted, Partner, Payment, Role,
    Session, SessionFacts,
};
use coachlog_core::export::{self, Options, Source};
use coachlog_core::reports::Partners;
use coachlog_core::reports::counting::{Ledger, Practice, Rules};
use coachlog_core::reports::report::{self, Choice};
use coachlog_core::reports::stats::{self, By};
use coachlog_core::reports::{mix, summary};
use coachlog_core::rules::settings::{BalanceRule, Settings};

/// The day outputs are judged as of.
fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

/// The start of training: sessions fall on either side of it.
fn training_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).expect("date")
}

/// A partner: client type, arrangement, a group of 2 to 20 or none, consent.
fn partner_spec() -> impl Strategy<Value = (ClientType, Arrangement, Option<u32>, bool)> {
    (
        proptest::sample::select(ClientType::ALL),
        proptest::sample::select(Arrangement::ALL),
        proptest::option::weighted(0.3, 2u32..=20),
        proptest::bool::weighted(0.8),
    )
}

/// A session: partner index, days after 2024-12-01 (past the as-of day too), minutes, role,
/// payment, a mark, and a group present of its own.
type SessionSpec = (
    usize,
    u64,
    u32,
    Role,
    Payment,
    Option<NotCounted>,
    Option<u32>,
);

fn session_spec() -> impl Strategy<Value = SessionSpec> {
    (
        0usize..6,
        0u64..760,
        prop_oneof![Just(20u32), Just(45), Just(50), Just(60), 1u32..=240],
        proptest::sample::select(vec![Role::Coach, Role::Coach, Role::Coach, Role::Client]),
        proptest::sample::select(Payment::ALL),
        proptest::option::weighted(0.15, proptest::sample::select(NotCounted::ALL)),
        proptest::option::weighted(0.2, 2u32..=20),
    )
}

/// Mentor coaching: days after 2025-01-01, minutes, credential, a group or none.
fn mentoring_spec() -> impl Strategy<Value = (u64, u32, CoachCredential, Option<u32>)> {
    (
        0u64..700,
        30u32..=240,
        proptest::sample::select(CoachCredential::ALL),
        proptest::option::weighted(0.4, 2u32..=14),
    )
}

/// A course: days after 2025-01-01 it starts, its length in days (none: no end) and hours.
fn course_spec() -> impl Strategy<Value = (u64, Option<u64>, u32)> {
    (
        0u64..700,
        proptest::option::weighted(0.8, 1u64..400),
        10u32..=130,
    )
}

#[derive(Debug)]
struct Logbook {
    partners: Vec<Partner>,
    sessions: Vec<Session>,
    records: Development,
    settings: Settings,
}

fn logbook() -> impl Strategy<Value = Logbook> {
    (
        proptest::collection::vec(partner_spec(), 6),
        proptest::collection::vec(session_spec(), 0..40),
        proptest::collection::vec(mentoring_spec(), 0..6),
        proptest::collection::vec(course_spec(), 0..3),
        proptest::sample::select(BalanceRule::ALL),
        proptest::bool::weighted(0.8),
    )
        .prop_map(
            |(partners, sessions, mentoring, courses, balance, trained)| {
                let partners: Vec<Partner> = partners
                    .into_iter()
                    .enumerate()
                    .map(|(i, (client_type, arrangement, group, consent))| {
                        let id: PartnerId = format!("partner-{i}").parse().expect("id");
                        Partner {
                            arrangement,
                            group_size: group.and_then(GroupSize::new),
                            consent,
                            ..Partner::new(id, format!("Partner {i}"), client_type)
                        }
                    })
                    .collect();
                let first = NaiveDate::from_ymd_opt(2024, 12, 1).expect("date");
                let sessions = sessions
                    .into_iter()
                    .enumerate()
                    .map(|(i, (p, day, minutes, role, payment, mark, group))| {
                        let partner = &partners[p];
                        Session {
                            id: format!("s{i:04}"),
                            date: first + Days::new(day),
                            partner: partner.id.clone(),
                            minutes: Minutes::new(minutes).expect("minutes"),
                            role,
                            payment,
                            arrangement: partner.arrangement,
                            facts: SessionFacts {
                                client_type: partner.client_type,
                                group_size: group
                                    .or(partner.group_size.map(|g| g.get()))
                                    .and_then(GroupSize::new),
                            },
                            facts_from: FactsFrom::Session,
                            not_counted: mark.filter(|_| role == Role::Coach),
                            notes: None,
                            reflection: None,
                            competencies: Vec::new(),
                            feedback: None,
                            calendar: None,
                            inbox: None,
                        }
                    })
                    .collect();
                let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date");
                let records = Development {
                    mentoring: mentoring
                        .into_iter()
                        .enumerate()
                        .map(|(i, (day, minutes, credential, group))| Mentoring {
                            id: format!("m{i}"),
                            date: start + Days::new(day),
                            minutes: Minutes::new(minutes).expect("minutes"),
                            mentor: format!("Mentor {}", i % 2),
                            credential,
                            renewed: false,
                            contact: None,
                            format: if group.is_some() {
                                Format::Group
                            } else {
                                Format::Individual
                            },
                            group_size: group.and_then(GroupSize::new),
                            notes: None,
                        })
                        .collect(),
                    education: courses
                        .into_iter()
                        .enumerate()
                        .map(|(i, (day, length, hours))| Education {
                            id: format!("e{i}"),
                            provider: "School".into(),
                            title: format!("Course {i}"),
                            start: start + Days::new(day),
                            end: length.map(|l| start + Days::new(day + l)),
                            minutes: hours * 60,
                            core_minutes: 0,
                            ethics_minutes: 0,
                            accreditation: Accreditation::IcfLevel1,
                            notes: None,
                        })
                        .collect(),
                    ..Development::default()
                };
                let settings = Settings {
                    training_start: trained.then(training_start),
                    exchange_balance_rule: balance,
                    ..Settings::default()
                };
                Logbook {
                    partners,
                    sessions,
                    records,
                    settings,
                }
            },
        )
}

/// A requirement's figure in `summary --json`, in hundredths (hours) or whole (counts).
fn figure(scheme: &Value, id: &str) -> f64 {
    scheme["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|r| r["id"] == id)
        .and_then(|r| r["actual"].as_f64())
        .unwrap_or_else(|| panic!("no {id} in {scheme}"))
}

fn cents(hours: f64) -> i64 {
    (hours * 100.0).round() as i64
}

fn cell_cents(cell: &str) -> i64 {
    cents(
        cell.parse::<f64>()
            .unwrap_or_else(|_| panic!("hours: {cell:?}")),
    )
}

fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(bytes)
        .records()
        .map(|r| r.expect("a row"))
        .collect()
}

/// The text of the first element after `after` in `html` that is `<… class="num actual">TEXT<`.
fn actual_in_html<'h>(html: &'h str, scheme: &str, requirement: &str) -> &'h str {
    let scheme_at = html
        .find(&format!("data-scheme=\"{scheme}\""))
        .unwrap_or_else(|| panic!("{scheme} in the report"));
    let rest = &html[scheme_at..];
    let row = rest
        .find(&format!("data-requirement=\"{requirement}\""))
        .unwrap_or_else(|| panic!("{requirement} of {scheme} in the report"));
    let rest = &rest[row..];
    let marker = "class=\"num actual\">";
    let start = rest.find(marker).expect("the actual figure") + marker.len();
    let end = rest[start..].find('<').expect("its end");
    &rest[start..start + end]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn every_output_shows_summarys_figures(book in logbook()) {
        let partners = Partners::new(book.partners.clone());
        let practice = Practice::new(&book.sessions, as_of());
        let settings = &book.settings;
        let all_schemes = settings.select(&[]).expect("every scheme");
        let judged = summary::summary(&practice, &book.records, &partners, settings, all_schemes);
        let json = serde_json::to_value(views::summary::json(&judged)).expect("json");
        let scheme = |id: &str| -> Value {
            json["schemes"]
                .as_array()
                .expect("schemes")
                .iter()
                .find(|s| s["id"] == id)
                .cloned()
                .expect("the scheme")
        };
        let source = Source {
            partners: &partners,
            practice: &practice,
            settings,
            records: &book.records,
        };
        let options = Options::default();

        // The ICF log, CSV: its rows add up to its Total row, and the Total row to summary's ICF
        // hours and paid hours; its members to summary's clients. The same for every ICF level.
        let icf = export::icf::csv(&source, &options).expect("the ICF log");
        let rows = csv_rows(&icf.bytes);
        let (total, rows) = rows.split_last().expect("a totals row");
        prop_assert_eq!(&total[0], "Total");
        let (paid, pro_bono) = (cell_cents(&total[6]), cell_cents(&total[7]));
        let rows_paid: i64 = rows.iter().map(|r| cell_cents(&r[6])).sum();
        let rows_pro_bono: i64 = rows.iter().map(|r| cell_cents(&r[7])).sum();
        prop_assert_eq!((rows_paid, rows_pro_bono), (paid, pro_bono));
        let members: f64 = rows.iter().map(|r| r[3].parse::<f64>().expect("members")).sum();
        for id in ["icf-acc", "icf-pcc", "icf-mcc"] {
            let s = scheme(id);
            prop_assert_eq!(paid + pro_bono, cents(figure(&s, "hours")), "{} hours", id);
            prop_assert_eq!(paid, cents(figure(&s, "paid_hours")), "{} paid hours", id);
            prop_assert_eq!(members, figure(&s, "clients"), "{} clients", id);
        }

        // The ICF log, xlsx: the same cells, summed.
        let xlsx = export::icf::xlsx(&source, &options).expect("the workbook");
        let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.bytes)).expect("an xlsx");
        let sheet = workbook.worksheet_range("ICF Client Coaching Log").expect("the sheet");
        let number = |row: u32, col: u32| match sheet.get_value((row, col)) {
            Some(Data::Float(h)) => *h,
            Some(Data::Int(h)) => *h as f64,
            other => panic!("a number at {row},{col}: {other:?}"),
        };
        let last = sheet.height() as u32 - 1;
        let summed: f64 = (2..last).map(|r| number(r, 6) + number(r, 7)).sum();
        prop_assert_eq!(cents(summed), paid + pro_bono);
        prop_assert_eq!(cents((2..last).map(|r| number(r, 6)).sum()), paid);

        // The EMCC summary: its rows add up to summary's EMCC hours and clients, every level.
        let emcc = csv_rows(&export::emcc::export(&source, &options).expect("emcc").bytes);
        let hours: i64 = emcc.iter().map(|r| cell_cents(&r[7])).sum();
        let clients: f64 = emcc
            .iter()
            .map(|r| if r[3].is_empty() { 1.0 } else { r[3].parse::<f64>().expect("group") })
            .sum();
        for id in ["emcc-foundation", "emcc-practitioner", "emcc-senior-practitioner", "emcc-master-practitioner"] {
            let s = scheme(id);
            prop_assert_eq!(hours, cents(figure(&s, "hours")), "{} hours", id);
            prop_assert_eq!(clients, figure(&s, "clients"), "{} clients", id);
        }

        // The sessions CSV: the ICF paid minutes of its rows are summary's ICF paid hours, and its
        // coaching rows are summary's coaching.
        let sessions = csv_rows(&export::sessions::export(&source, &options).expect("sessions").bytes);
        let icf_paid: u64 = sessions.iter().filter_map(|r| r[13].parse::<u64>().ok()).sum();
        prop_assert_eq!(cents(icf_paid as f64 / 60.0), cents(figure(&scheme("icf-acc"), "paid_hours")));
        let coaching: u64 = sessions
            .iter()
            .filter(|r| &r[5] == "coach")
            .map(|r| r[8].parse::<u64>().expect("minutes"))
            .sum();
        prop_assert_eq!(coaching, json["coaching"]["minutes"].as_u64().expect("minutes"));

        // The mentor coaching log: what counts for the credential applied for (ICF ACC here, none
        // held), as summary counts it.
        let mentoring = csv_rows(&export::mentoring::csv(&source, &options).expect("mentoring").bytes);
        let counted = mentoring.last().expect("a totals row");
        prop_assert_eq!(cell_cents(&counted[7]), cents(figure(&scheme("icf-acc"), "mentor_hours")));

        // mix and stats: the coaching both count is summary's.
        let all = Ledger::count(&practice, Rules::all_coaching(), &partners);
        let m = mix::mix(all.all(), practice.as_client().iter().copied(), settings.min_non_coach_share);
        prop_assert_eq!(m.totals.coaching_minutes(), json["coaching"]["minutes"].as_u64().expect("minutes"));
        prop_assert_eq!(
            serde_json::to_value(views::json::MixJson::from(&m.totals)).expect("json"),
            json["mix"].clone()
        );
        let months = stats::stats(all.all(), By::Month);
        let minutes: u64 = months.iter().map(|b| b.peer_minutes + b.non_coach_minutes).sum();
        let sessions: u32 = months.iter().map(|b| b.sessions).sum();
        prop_assert_eq!(minutes, json["coaching"]["minutes"].as_u64().expect("minutes"));
        prop_assert_eq!(u64::from(sessions), json["coaching"]["sessions"].as_u64().expect("sessions"));

        // The report: each requirement's figure is summary's, and the chart's running total ends on
        // summary's hours.
        let shown = ["icf-acc".to_owned(), "emcc-foundation".to_owned()];
        let made = report::report(&practice, &book.records, &partners, settings, &Choice {
            owner: None,
            schemes: &shown,
            from: None,
            anonymize: false,
            unconsented_unnamed: false,
        });
        let html = views::html::html(&made);
        for id in &shown {
            for requirement in ["hours", "clients"] {
                let text = actual_in_html(&html, id, requirement);
                prop_assert_eq!(
                    text.parse::<f64>().expect("a figure"),
                    figure(&scheme(id), requirement),
                    "{} {} in the report", id, requirement
                );
            }
        }
        let chart = made.chart.as_ref().expect("a chart");
        let running = chart.before_minutes
            + chart.months.iter().map(|b| b.peer_minutes + b.non_coach_minutes).sum::<u64>();
        prop_assert_eq!(cents(running as f64 / 60.0), cents(figure(&scheme("icf-acc"), "hours")));
        let marked = made.rows.iter().filter(|r| r.verdicts.len() == shown.len()).count();
        prop_assert_eq!(marked, made.rows.len(), "every row marks what each scheme made of it");
    }
}
