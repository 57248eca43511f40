//! `coachlog supervision log`.

use anyhow::Result;

use crate::cli::SupervisionLogArgs;
use crate::cmd::{Context, Run, notes_input};
use coachlog_core::domain::development::Supervision;

impl Run for SupervisionLogArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let date = self.date.resolve(ctx.today);
        let format = super::format_of(self.group.group);
        let record = Supervision {
            id: String::new(),
            date,
            minutes: self.duration,
            supervisor: self.supervisor,
            format,
            group_size: self.group.group,
            notes: notes_input(self.notes, false, None)?,
        };
        super::add(ctx, record, date, |s| {
            let with = super::with_whom(s.group_size);
            format!(
                "Logged {} of supervision with {}, {with}, on {}",
                s.minutes,
                crate::ui::clean(&s.supervisor, 80),
                s.date
            )
        })
    }
}
