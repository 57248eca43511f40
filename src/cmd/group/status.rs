//! `coachlog group status`: a cohort's progress from the packets its students send.

use std::io::Write;

use anyhow::{Context as _, Result};

use crate::cli::GroupStatusArgs;
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use crate::views::cohort::{Cohort, html, text};
use coachlog_core::group::cohort;

impl Run for GroupStatusArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let shown = ui::clean(&self.dir.display().to_string(), 200);
        if !self.dir.is_dir() {
            return Err(usage(format!(
                "{shown} is not a folder: give the folder that holds the students' packets (*.zip)"
            )));
        }
        if let Some(file) = &self.html {
            Output::File(file.clone()).check(self.force)?;
        }
        let target = match self.target {
            Some(t) => t,
            None => ctx.settings()?.min_non_coach_share.fraction(),
        };
        let packets =
            cohort::read_folder(&self.dir).with_context(|| format!("cannot read {shown}"))?;
        if packets.is_empty() {
            return Err(usage(format!(
                "{shown} holds no packet (*.zip): put there the zips `coachlog packet` wrote"
            )));
        }
        let today = ctx.today;
        let students = packets
            .iter()
            .map(|p| cohort::standing(p, target, i64::from(self.quiet_after), today))
            .collect();
        let view = Cohort {
            today,
            target,
            quiet_after_days: self.quiet_after,
            students,
            reciprocal: cohort::cross_check(&packets),
        };
        if self.json {
            ctx.print_json(&view)?;
        } else if self.csv {
            ctx.out.write_all(&cohort::csv(&view.students))?;
        } else {
            write!(ctx.out, "{}", text(&view, &ctx.look))?;
        }
        if let Some(file) = &self.html {
            Output::File(file.clone()).write(ctx, html(&view).as_bytes(), self.force)?;
        }
        Ok(())
    }
}
