//! `coachlog stats`: coaching hours per month, quarter or year, as a bar chart.

use std::io::Write;

use anyhow::Result;

use crate::cli::StatsArgs;
use crate::cmd::{Context, Run};
use crate::reports::stats::{self, By};
use crate::ui;
use crate::views;

impl Run for StatsArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let (from, to) = ctx.date_range(self.from, self.to)?;
        let logbook = ctx.read_logbook()?;
        let by = self.by.unwrap_or(By::Month);
        let rows = stats::stats(&logbook.sessions, by, from, to);
        if self.json {
            return ctx.print_json(&views::stats::json(&rows));
        }
        if rows.is_empty() {
            ui::note("No coaching sessions in that time.");
            return Ok(());
        }
        write!(ctx.out, "{}", views::stats::text(&rows, by, &ctx.look))?;
        Ok(())
    }
}
