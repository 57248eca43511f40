//! `coachlog partner show`.

use std::io::Write;

use anyhow::Result;

use crate::cli::PartnerShowArgs;
use crate::cmd::{Context, Run};
use crate::views;
use coachlog_core::reports::activity::Activity;

impl Run for PartnerShowArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = ctx.find_partner(&self.partner)?;
        let mut p = ctx.store.partner(&id)?;
        ctx.open_text(std::slice::from_mut(&mut p), Vec::new())?;
        let sessions = ctx.store.sessions(std::slice::from_ref(&p))?;
        let activity = Activity::of(sessions.iter().filter(|s| s.partner == id));
        let file = ctx.store.partner_path(&p.id);
        write!(
            ctx.out,
            "{}",
            views::partners::show_text(&p, &activity, &file, &ctx.look)
        )?;
        Ok(())
    }
}
