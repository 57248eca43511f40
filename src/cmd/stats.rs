//! `coachlog stats`: coaching hours per month, quarter or year, as a bar chart.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::cli::StatsArgs;
use crate::cmd::{Context, Run};
use crate::domain::duration::{hours_2dp, hours_f64};
use crate::reports::stats::{self, By};
use crate::ui;

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

impl Run for StatsArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let (from, to) = ctx.date_range(self.from, self.to)?;
        let logbook = ctx.read_logbook()?;
        let by = self.by.unwrap_or(By::Month);
        let rows = stats::stats(&logbook.sessions, by, from, to);
        if self.json {
            let list: Vec<BucketJson> = rows
                .iter()
                .map(|b| BucketJson {
                    period: b.label.clone(),
                    from: b.from.to_string(),
                    to: b.to.to_string(),
                    sessions: b.sessions,
                    hours: hours_f64(b.peer_minutes + b.non_coach_minutes),
                    peer_hours: hours_f64(b.peer_minutes),
                    non_coach_hours: hours_f64(b.non_coach_minutes),
                })
                .collect();
            return ctx.print_json(&list);
        }
        if rows.is_empty() {
            ui::note("No coaching sessions in that time.");
            return Ok(());
        }
        let most = rows
            .iter()
            .map(|b| b.peer_minutes + b.non_coach_minutes)
            .max()
            .unwrap_or(0)
            .max(1);
        let symbols = ui::symbols();
        let heading = match by {
            By::Month => "Month",
            By::Quarter => "Quarter",
            By::Year => "Year",
        };
        let mut table = ui::table([heading, "Sessions", "Non-coach", "Peer", "Hours", ""]);
        for b in &rows {
            let cells =
                |minutes: u64| (minutes as f64 / most as f64 * WIDTH as f64).round() as usize;
            let (non_coach, peer) = (cells(b.non_coach_minutes), cells(b.peer_minutes));
            table.add_row([
                b.label.clone(),
                b.sessions.to_string(),
                hours_2dp(b.non_coach_minutes),
                hours_2dp(b.peer_minutes),
                hours_2dp(b.non_coach_minutes + b.peer_minutes),
                format!(
                    "{}{}",
                    symbols.full.repeat(non_coach),
                    symbols.shade.repeat(peer)
                ),
            ]);
        }
        ui::align_right(&mut table, &[1, 2, 3, 4]);
        writeln!(ctx.out, "{}", table.trim_fmt())?;
        writeln!(
            ctx.out,
            "{} non-coach   {} peer",
            symbols.full, symbols.shade
        )?;
        Ok(())
    }
}
