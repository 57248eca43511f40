//! `coachlog stats`: coaching hours per month, quarter or year, as a bar chart.

use std::io::Write;

use anyhow::Result;

use crate::cli::StatsArgs;
use crate::cmd::{Context, Run};
use crate::ui;
use crate::views;
use coachlog_core::reports::Partners;
use coachlog_core::reports::counting::{Ledger, Practice, Rules};
use coachlog_core::reports::stats::{self, By};

impl Run for StatsArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let (from, to) = ctx.date_range(self.from, self.to)?;
        let logbook = ctx.read_logbook()?;
        let by = self.by.unwrap_or(By::Month);
        // As of --to, else today, as every count is.
        let practice = Practice::new(&logbook.sessions, to.unwrap_or(ctx.today));
        let partners = Partners::new(logbook.partners);
        let all = Ledger::count(&practice, Rules::all_coaching(), &partners);
        let rows = stats::stats(all.since(from), by);
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
