//! The `stats` report: coaching hours per period as a bar chart, non-coach and peer.

use serde::Serialize;

use super::Look;
use crate::ui::table::{Column, Content, Grid};
use coachlog_core::domain::duration::{hours_2dp, hours_f64};
use coachlog_core::reports::stats::{Bucket, By};

#[derive(Serialize)]
struct BucketJson {
    period: String,
    from: String,
    to: String,
    sessions: u32,
    hours: f64,
    peer_hours: f64,
    non_coach_hours: f64,
}

/// Bar width for the busiest period.
const WIDTH: usize = 30;

/// The periods as `stats --json` prints them.
pub fn json(rows: &[Bucket]) -> impl Serialize + use<> {
    rows.iter()
        .map(|b| BucketJson {
            period: b.label.clone(),
            from: b.from.to_string(),
            to: b.to.to_string(),
            sessions: b.sessions,
            hours: hours_f64(b.peer_minutes + b.non_coach_minutes),
            peer_hours: hours_f64(b.peer_minutes),
            non_coach_hours: hours_f64(b.non_coach_minutes),
        })
        .collect::<Vec<_>>()
}

/// The periods as a table with a bar for each, the busiest the widest, and a key under it.
pub fn text(rows: &[Bucket], by: By, look: &Look) -> String {
    let most = rows
        .iter()
        .map(|b| b.peer_minutes + b.non_coach_minutes)
        .max()
        .unwrap_or(0)
        .max(1);
    let symbols = look.symbols();
    let heading = match by {
        By::Month => "Month",
        By::Quarter => "Quarter",
        By::Week => "Week",
        By::Year => "Year",
    };
    let mut table = Grid::new(
        look,
        [
            Column::keep(heading),
            Column::keep("Sessions").right(),
            Column::keep("Non-coach").right(),
            Column::keep("Peer").right(),
            Column::keep("Hours").right(),
            Column::bar("", WIDTH),
        ],
    );
    for b in rows {
        let share = |minutes: u64| minutes as f64 / most as f64;
        table.row([
            Content::Text(b.label.clone()),
            b.sessions.to_string().into(),
            hours_2dp(b.non_coach_minutes).into(),
            hours_2dp(b.peer_minutes).into(),
            hours_2dp(b.non_coach_minutes + b.peer_minutes).into(),
            Content::Stack(vec![
                (share(b.non_coach_minutes), symbols.full),
                (share(b.peer_minutes), symbols.shade),
            ]),
        ]);
    }
    format!(
        "{}{} non-coach   {} peer\n",
        table.render(),
        symbols.full,
        symbols.shade
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use coachlog_core::domain::model::Arrangement::{OneWay, Reciprocal};
    use coachlog_core::domain::model::Role::Coach;
    use coachlog_core::reports::counting::{Ledger, Practice, Rules};
    use coachlog_core::reports::fixtures::{partners, session};
    use coachlog_core::reports::stats::stats;

    #[test]
    fn the_chart_in_each_look() {
        let sessions = [
            session("alex", "2026-01-05", 60, Coach, Reciprocal),
            session("jo", "2026-03-01", 120, Coach, OneWay),
        ];
        let practice = Practice::new(&sessions, "2026-11-23".parse().expect("date"));
        let all = Ledger::count(&practice, Rules::all_coaching(), &partners());
        let rows = stats(all.all(), By::Month);
        let plain = text(&rows, By::Month, &Look::PLAIN);
        assert!(
            plain.contains(" 2026-02 "),
            "an empty month is kept: {plain}"
        );
        assert!(plain.ends_with("█ non-coach   ▒ peer\n"), "{plain}");
        let ascii = text(&rows, By::Month, &Look::ASCII);
        assert!(
            ascii.is_ascii() && ascii.ends_with("# non-coach   + peer\n"),
            "{ascii}"
        );
        let colour = text(&rows, By::Month, &Look::COLOUR);
        assert!(colour.contains("\x1b[1m"), "a bold header: {colour}");
        let json = serde_json::to_value(json(&rows)).expect("json");
        assert_eq!(json[2]["non_coach_hours"], 2.0);
    }
}
