//! `coachlog mentoring log`.

use anyhow::Result;

use crate::cli::MentoringLogArgs;
use crate::cmd::{Context, Run, notes_input};
use coachlog_core::domain::development::{Mentoring, check_group};

impl Run for MentoringLogArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let date = self.date.resolve(ctx.today);
        let format = super::format_of(self.group.group);
        check_group(format, self.group.group).map_err(crate::error::usage)?;
        let record = Mentoring {
            id: String::new(),
            date,
            minutes: self.duration,
            mentor: self.mentor,
            credential: self.credential,
            renewed: self.renewed,
            contact: self.contact,
            format,
            group_size: self.group.group,
            notes: notes_input(self.notes, false, None)?,
        };
        super::add(ctx, record, date, |m| {
            let with = super::with_whom(m.group_size);
            format!(
                "Logged {} of mentor coaching with {} ({}{}), {with}, on {}",
                m.minutes,
                crate::ui::clean(&m.mentor, 80),
                m.credential,
                if m.renewed { ", renewed" } else { "" },
                m.date
            )
        })
    }
}
