//! `coachlog mentoring log`.

use anyhow::Result;

use crate::cli::MentoringLogArgs;
use crate::cmd::{Context, Run, notes_input};
use crate::domain::development::{Mentoring, check_group};
use crate::domain::model::Format;

impl Run for MentoringLogArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let date = self.date.resolve(ctx.today);
        let format = if self.group.group.is_some() {
            Format::Group
        } else {
            Format::Individual
        };
        check_group(format, self.group.group).map_err(crate::error::usage)?;
        let record = Mentoring {
            id: String::new(),
            date,
            minutes: self.duration,
            mentor: self.mentor,
            credential: self.credential,
            contact: self.contact,
            format,
            group_size: self.group.group,
            notes: notes_input(self.notes, false, None)?,
        };
        super::add(ctx, record, date, |m| {
            let with = match m.group_size {
                Some(size) => format!("in a group of {}", size.get()),
                None => "one-to-one".to_owned(),
            };
            format!(
                "Logged {} of mentor coaching with {} ({}), {with}, on {}",
                m.minutes,
                crate::ui::clean(&m.mentor, 80),
                m.credential,
                m.date
            )
        })
    }
}
