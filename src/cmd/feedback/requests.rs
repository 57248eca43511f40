//! `coachlog feedback requests`: the requests made, and which the client answered.

use std::io::Write;

use anyhow::Result;

use crate::cli::FeedbackRequestsArgs;
use crate::cmd::{Context, Run};
use crate::views;
use coachlog_core::domain::feedback::Request;
use coachlog_core::reports::feedback::requests;

impl Run for FeedbackRequestsArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let logbook = ctx.read_logbook()?;
        let made = if ctx.logbook_exists()? {
            ctx.store.records::<Request>()?
        } else {
            Vec::new()
        };
        let rows = requests(&made, &logbook.sessions, ctx.today);
        if self.json {
            return ctx.print_json(&views::feedback::requests_json(&rows));
        }
        let text = views::feedback::requests_text(&rows, &logbook.partners, &ctx.look);
        write!(ctx.out, "{text}")?;
        Ok(())
    }
}
