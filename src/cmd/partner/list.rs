//! `coachlog partner list`.

use std::io::Write;

use anyhow::Result;

use crate::cli::PartnerListArgs;
use crate::cmd::{Context, Logbook, Run};
use crate::ui;
use crate::views;
use coachlog_core::domain::model::Partner;
use coachlog_core::reports::activity::{self, Activity};

impl Run for PartnerListArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let Logbook {
            partners, sessions, ..
        } = ctx.read_logbook()?;
        let activity = activity::by_partner(&sessions);
        let none = Activity::default();
        let of = |p: &Partner| activity.get(&p.id).unwrap_or(&none);
        if self.json {
            return ctx.print_json(&views::partners::list_json(&partners, of));
        }
        if partners.is_empty() {
            ui::note(
                "No partners yet. Add one with: coachlog partner add NAME --client-type peer|non-coach",
            );
            return Ok(());
        }
        let text = views::partners::list_text(&partners, of, &ctx.look);
        write!(ctx.out, "{text}")?;
        Ok(())
    }
}
