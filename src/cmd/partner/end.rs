//! `coachlog partner end` and `partner resume`: a client engagement that has ended, and one that
//! goes on again. The partner and every session stay; only `due` and `partner list` change.

use std::io::Write;

use anyhow::Result;

use crate::cli::{PartnerEndArgs, PartnerResumeArgs};
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::text::count;

impl Run for PartnerEndArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = ctx.find_partner(&self.partner)?;
        let date = self.date.resolve(ctx.today);
        if date > ctx.today {
            return Err(usage(format!(
                "--date {date} is after today ({}): an engagement is ended on the day it ended, \
                 give today or an earlier day",
                ctx.today
            )));
        }
        let _lock = ctx.store.lock()?;
        let mut partner = ctx.store.partner(&id)?;
        let name = ui::clean(&partner.name, 60);
        if let Some(ended) = partner.ended {
            writeln!(
                ctx.out,
                "{name} ({id}) ended on {ended} already; `coachlog partner resume {id}` undoes it"
            )?;
            return Ok(());
        }
        let later = ctx
            .store
            .sessions(std::slice::from_ref(&partner))?
            .iter()
            .filter(|s| s.partner == id && s.date > date)
            .count();
        partner.ended = Some(date);
        ctx.store.update_partner(&partner)?;
        ctx.store
            .describe_change(format!("partner end {id}: ended on {date}"));
        writeln!(
            ctx.out,
            "Ended {name} ({id}) on {date}: the sessions stay, and `due` no longer asks after \
             them. Undo with `coachlog partner resume {id}`."
        )?;
        if later > 0 {
            ui::warn(format!(
                "{} with {id} {} after {date}; they stay as they are",
                count(later, "session", "sessions"),
                if later == 1 { "is dated" } else { "are dated" },
            ));
        }
        Ok(())
    }
}

impl Run for PartnerResumeArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = ctx.find_partner(&self.partner)?;
        let _lock = ctx.store.lock()?;
        let mut partner = ctx.store.partner(&id)?;
        let name = ui::clean(&partner.name, 60);
        let Some(ended) = partner.ended.take() else {
            writeln!(ctx.out, "{name} ({id}) has not ended: nothing to resume")?;
            return Ok(());
        };
        ctx.store.update_partner(&partner)?;
        ctx.store
            .describe_change(format!("partner resume {id}: no longer ended on {ended}"));
        writeln!(
            ctx.out,
            "Resumed {name} ({id}), ended on {ended} until now."
        )?;
        Ok(())
    }
}
