//! `coachlog cpd log`.

use anyhow::Result;

use crate::cli::CpdLogArgs;
use crate::cmd::{Context, Run, notes_input};
use coachlog_core::domain::development::Cpd;
use coachlog_core::domain::duration::hours_2dp;

impl Run for CpdLogArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if self.units.0 == 0 {
            return Err(crate::error::usage(
                "--units 0: continuing education has at least some units, e.g. --units 1.5",
            ));
        }
        let date = self.date.resolve(ctx.today);
        let record = Cpd {
            id: String::new(),
            date,
            provider: self.provider,
            title: self.title,
            minutes: self.units.0,
            category: self.category,
            certificate: self.certificate,
            notes: notes_input(self.notes, false, None)?,
        };
        super::add(ctx, record, date, |c| {
            format!(
                "Logged {} units of continuing education ({}): {} on {}",
                hours_2dp(u64::from(c.minutes)),
                c.category,
                crate::ui::clean(&c.title, 80),
                c.date
            )
        })
    }
}
