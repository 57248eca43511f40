//! `coachlog supervision log`.

use anyhow::Result;

use crate::cli::SupervisionLogArgs;
use crate::cmd::{Context, Run, notes_input};
use crate::domain::development::Supervision;
use crate::domain::model::Format;

impl Run for SupervisionLogArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let date = self.date.resolve(ctx.today);
        let format = if self.group.group.is_some() {
            Format::Group
        } else {
            Format::Individual
        };
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
            let with = match s.group_size {
                Some(size) => format!("in a group of {}", size.get()),
                None => "one-to-one".to_owned(),
            };
            format!(
                "Logged {} of supervision with {}, {with}, on {}",
                s.minutes,
                crate::ui::clean(&s.supervisor, 80),
                s.date
            )
        })
    }
}
