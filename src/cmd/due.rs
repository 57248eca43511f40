//! `coachlog due`: what needs the coach, most urgent first, each with its command; `--exit-code`
//! for cron, a systemd timer, a login script or a prompt.

use std::io::Write;

use anyhow::Result;

use crate::cli::DueArgs;
use crate::cmd::{Context, Run};
use crate::views;

impl Run for DueArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let mut logbook = ctx.read_logbook()?;
        ctx.open_text_for_due(&mut logbook, false);
        let (items, _) =
            coachlog_core::logbook::due::judge(&ctx.store, &logbook, ctx.today, self.within)?;
        if self.json {
            ctx.print_json(&views::due::json(&items))?;
        } else {
            write!(ctx.out, "{}", views::due::text(&items, &ctx.look))?;
        }
        if self.exit_code && !items.is_empty() {
            ctx.exit = crate::error::Exit::Failure;
        }
        Ok(())
    }
}
