//! The `mix` report: the split of coaching hours and clients, the target, and the ledger.

use serde::Serialize;

use super::Look;
use super::json::MixJson;
use crate::ui;
use crate::ui::table::{Column, Content, Grid};
use coachlog_core::domain::duration::{hours_2dp, hours_f64, hours_short, parts_2dp, percents};
use coachlog_core::reports::Partners;
use coachlog_core::reports::mix::MixReport;
use coachlog_core::reports::receipts::Confirmed;

#[derive(Serialize)]
struct MixReportJson {
    as_of: String,
    #[serde(flatten)]
    mix: MixJson,
    non_coach_share: f64,
    target: f64,
    meets_target: bool,
    needed_non_coach_hours: f64,
    ledger: Vec<LedgerJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confirmed: Option<ConfirmedJson>,
}

/// The reciprocal hours the partners' receipts confirm, where any receipt is kept.
#[derive(Serialize)]
struct ConfirmedJson {
    given_hours: f64,
    given_confirmed_hours: f64,
    received_hours: f64,
    received_confirmed_hours: f64,
}

#[derive(Serialize)]
struct LedgerJson {
    partner: String,
    given_hours: f64,
    received_hours: f64,
    balance_hours: f64,
}

/// The report as `mix --json` prints it; `confirmed`: what the partners' receipts confirm, where
/// any is kept.
pub fn json(report: &MixReport, confirmed: Option<&Confirmed>) -> impl Serialize {
    MixReportJson {
        as_of: report.as_of.to_string(),
        mix: MixJson::from(&report.totals),
        non_coach_share: (report.totals.non_coach_share() * 10_000.0).round() / 10_000.0,
        target: report.target.fraction(),
        meets_target: report.meets_target(),
        needed_non_coach_hours: hours_f64(report.needed_minutes),
        ledger: report
            .ledger
            .iter()
            .map(|row| LedgerJson {
                partner: row.partner.to_string(),
                given_hours: hours_f64(row.given_minutes),
                received_hours: hours_f64(row.received_minutes),
                balance_hours: signed_hours(row.balance_minutes()),
            })
            .collect(),
        confirmed: confirmed.map(|c| ConfirmedJson {
            given_hours: hours_f64(c.given),
            given_confirmed_hours: hours_f64(c.given_confirmed),
            received_hours: hours_f64(c.received),
            received_confirmed_hours: hours_f64(c.received_confirmed),
        }),
    }
}

/// The line that says what the partners' receipts confirm.
pub fn confirmed_line(confirmed: &Confirmed, look: &Look) -> String {
    look.paragraph(
        "",
        &format!(
            "Confirmed by your partners' receipts: {} h of the {} h you gave, {} h of the {} h \
             you received (`coachlog receipt list`).",
            hours_short(confirmed.given_confirmed),
            hours_short(confirmed.given),
            hours_short(confirmed.received_confirmed),
            hours_short(confirmed.received),
        ),
    )
}

fn signed_hours(minutes: i64) -> f64 {
    let magnitude = hours_f64(minutes.unsigned_abs());
    if minutes < 0 { -magnitude } else { magnitude }
}

/// The report as text: the split, the verdict against the target, and the ledger.
pub fn text(report: &MixReport, partners: &Partners, look: &Look) -> String {
    let t = &report.totals;
    let total = t.coaching_minutes();
    let share = |minutes: u64| {
        if total == 0 {
            0.0
        } else {
            minutes as f64 / total as f64
        }
    };
    let mut out = format!("Client mix up to {} (coaching sessions)\n", report.as_of);
    let mut table = Grid::new(
        look,
        [
            Column::keep(""),
            Column::keep("Hours").right(),
            Column::keep("Share").right(),
            Column::keep("Clients").right(),
            Column::bar("", 20),
        ],
    );
    // Each split's hours add up to the coaching hours as shown, and its shares to 100%.
    let by_type = [t.non_coach_minutes, t.peer_minutes];
    let by_arrangement = [t.reciprocal_minutes, t.one_way_minutes];
    let hours: Vec<String> = [parts_2dp(&by_type), parts_2dp(&by_arrangement)].concat();
    let shares: Vec<u64> = [percents(&by_type), percents(&by_arrangement)].concat();
    for (i, (label, minutes, clients)) in [
        ("non-coach", t.non_coach_minutes, Some(t.non_coach_clients)),
        ("peer", t.peer_minutes, Some(t.peer_clients)),
        ("reciprocal", t.reciprocal_minutes, None),
        ("one-way", t.one_way_minutes, None),
    ]
    .into_iter()
    .enumerate()
    {
        table.row([
            Content::from(label),
            hours[i].clone().into(),
            format!("{}%", shares[i]).into(),
            clients.map_or_else(String::new, |c| c.to_string()).into(),
            Content::Progress(share(minutes)),
        ]);
    }
    out.push_str(&table.render());
    out.push('\n');

    let target = ui::percent(report.target.fraction());
    let now = format!("{}%", percents(&by_type)[0]);
    let verdict = if total == 0 {
        "No coaching sessions yet.\n".to_owned()
    } else if report.meets_target() {
        format!(
            "{} {now} of coaching hours are with non-coach clients (target: at least {target}).\n",
            look.paint("On target:", ui::Paint::Green)
        )
    } else {
        format!(
            "{} {now} of coaching hours are with non-coach clients (target: at least {target}). \
             Log {} h with non-coach clients to reach {target}.\n",
            look.paint("Below target:", ui::Paint::Yellow),
            hours_short(report.needed_minutes)
        )
    };
    out.push_str(&look.paragraph("", verdict.trim_end()));

    if !report.ledger.is_empty() {
        out.push('\n');
        out.push_str(&look.paragraph(
            "",
            "Reciprocity ledger (hours I gave as coach, hours I received as client)",
        ));
        let mut table = Grid::new(
            look,
            [
                Column::wrap("Partner"),
                Column::keep("Given").right(),
                Column::keep("Received").right(),
                Column::keep("Balance").right(),
            ],
        );
        for row in &report.ledger {
            let name = partners
                .get(&row.partner)
                .map_or_else(|| row.partner.to_string(), |p| look.clean(&p.name, 32));
            let balance = row.balance_minutes();
            table.row([
                name,
                hours_2dp(row.given_minutes),
                hours_2dp(row.received_minutes),
                format!(
                    "{}{}",
                    if balance > 0 {
                        "+"
                    } else if balance < 0 {
                        "-"
                    } else {
                        ""
                    },
                    hours_2dp(balance.unsigned_abs())
                ),
            ]);
        }
        out.push_str(&table.render());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::domain::model::Arrangement::{OneWay, Reciprocal};
    use coachlog_core::domain::model::Role::{Client, Coach};
    use coachlog_core::reports::counting::{Ledger, Practice, Rules};
    use coachlog_core::reports::fixtures::{partners, session};
    use coachlog_core::reports::mix::mix;
    use coachlog_core::rules::settings::Share;

    fn report() -> MixReport {
        let sessions = [
            session("alex", "2026-01-05", 120, Coach, Reciprocal),
            session("alex", "2026-01-06", 60, Client, Reciprocal),
            session("jo", "2026-02-01", 60, Coach, OneWay),
        ];
        let half = Share::from_fraction(0.5).expect("share");
        let practice = Practice::new(&sessions, "2026-11-23".parse().expect("date"));
        let all = Ledger::count(&practice, Rules::all_coaching(), &partners());
        mix(all.all(), practice.as_client().iter().copied(), half)
    }

    #[test]
    fn the_text_in_each_look() {
        let report = report();
        let plain = text(&report, &partners(), &Look::PLAIN);
        for needle in [
            "Client mix up to 2026-11-23",
            "Below target: 33% of coaching hours are with non-coach clients (target: at least 50%). \
             Log 1 h with non-coach clients to reach 50%.",
            "Reciprocity ledger",
            "+1.00",
        ] {
            assert!(plain.contains(needle), "{needle:?} in {plain}");
        }
        let colour = text(&report, &partners(), &Look::COLOUR);
        assert!(colour.contains("\x1b[33mBelow target:\x1b[0m"), "{colour}");
        assert!(text(&report, &partners(), &Look::ASCII).is_ascii());
    }

    #[test]
    fn the_json_signs_the_balance() {
        let json = serde_json::to_value(json(&report(), None)).expect("json");
        assert_eq!(json["ledger"][0]["balance_hours"], 1.0);
        assert_eq!(json["needed_non_coach_hours"], 1.0);
        assert_eq!(json["meets_target"], false);
    }
}
