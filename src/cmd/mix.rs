//! `coachlog mix`: the balance of peer and non-coach clients, and the give and take with reciprocal
//! partners.

use std::io::Write;

use anyhow::Result;

use crate::cli::MixArgs;
use crate::cmd::{Context, Run};
use crate::error::Exit;
use crate::views;
use coachlog_core::reports::Partners;
use coachlog_core::reports::counting::Practice;
use coachlog_core::reports::mix;

impl Run for MixArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let as_of = self.as_of.last(ctx.today);
        let logbook = ctx.read_logbook()?;
        let partners = Partners::new(logbook.partners);
        let practice = Practice::new(&logbook.sessions, as_of);
        let report = mix::of_practice(&practice, &partners, logbook.settings.min_non_coach_share);
        // What the partners' own logbooks confirm, where any receipt is kept.
        let confirmed = crate::cmd::receipt::confirmed(ctx, &logbook.sessions, as_of)?;
        if self.json {
            ctx.print_json(&views::mix::json(&report, confirmed.as_ref()))?;
        } else {
            let mut text = views::mix::text(&report, &partners, &ctx.look);
            if let Some(confirmed) = &confirmed {
                text.push_str(&views::mix::confirmed_line(confirmed, &ctx.look));
            }
            write!(ctx.out, "{text}")?;
        }
        if self.check && !report.meets_target() {
            ctx.exit = Exit::Failure;
        }
        Ok(())
    }
}
