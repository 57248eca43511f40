//! `coachlog education add`.

use anyhow::Result;

use crate::cli::EducationAddArgs;
use crate::cmd::{Context, Run, notes_input};
use coachlog_core::domain::development::Education;
use coachlog_core::domain::duration::hours_2dp;

impl Run for EducationAddArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let start = self.start.resolve(ctx.today);
        if self.units.is_none()
            && let Some(minutes) = self.unit_minutes
        {
            return Err(crate::error::usage(format!(
                "--unit-minutes {minutes} goes with --units: give the course's teaching units, \
                 e.g. --units 150 --unit-minutes {minutes}"
            )));
        }
        let unit_minutes = self.unit_minutes.unwrap_or(45);
        if let Some(units) = self.units
            && u64::from(units) * u64::from(unit_minutes) > 10_000 * 60
        {
            return Err(crate::error::usage(format!(
                "{units} units of {} minutes are more than 10000 hours: give the units the \
                 certificate states, e.g. --units 150",
                unit_minutes
            )));
        }
        let record = Education {
            id: String::new(),
            provider: self.provider,
            title: self.title,
            start,
            end: self.end.map(|d| d.resolve(ctx.today)),
            minutes: match (self.hours, self.units) {
                (Some(hours), _) => hours.0,
                (None, units) => units.unwrap_or(0) * unit_minutes,
            },
            core_minutes: self.core_hours.map_or(0, |h| h.0),
            ethics_minutes: self.ethics_hours.map_or(0, |h| h.0),
            accreditation: self.accreditation,
            notes: notes_input(self.notes, false, None)?,
        };
        if let Some(why) = record.problem() {
            return Err(crate::error::usage(format!(
                "this course cannot be recorded: {why}"
            )));
        }
        super::add(ctx, record, start, |e| {
            format!(
                "Added {} h of education: {} ({}, {})",
                hours_2dp(u64::from(e.minutes)),
                crate::ui::clean(&e.title, 80),
                crate::ui::clean(&e.provider, 80),
                e.accreditation
            )
        })
    }
}
