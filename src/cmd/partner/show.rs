//! `coachlog partner show`.

use std::io::Write;

use anyhow::Result;

use super::{checklist_text, format_text, has_practice_agreement, yes_no};
use crate::cli::PartnerShowArgs;
use crate::cmd::{Context, Run};
use crate::domain::duration::hours_2dp;
use crate::domain::model::Payment;
use crate::reports::activity::Activity;
use crate::ui;

impl Run for PartnerShowArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = ctx.find_partner(&self.partner)?;
        let p = ctx.store.partner(&id)?;
        let sessions = ctx.store.sessions(std::slice::from_ref(&p))?;
        let activity = Activity::of(sessions.iter().filter(|s| s.partner == id));

        let none = || ui::symbols().none.to_owned();
        let payment = match p.payment {
            Some(payment) => payment.to_string(),
            None => format!(
                "{} (the default for a {} arrangement)",
                Payment::default_for(p.arrangement),
                p.arrangement
            ),
        };
        let mut lines = vec![
            ("id", p.id.to_string()),
            ("client type", p.client_type.to_string()),
            ("arrangement", p.arrangement.to_string()),
            ("format", format_text(&p)),
            (
                "consent",
                format!("{} (to be named in an accreditor's log)", yes_no(p.consent)),
            ),
            (
                "alias",
                p.alias.as_deref().map_or_else(none, |a| ui::clean(a, 200)),
            ),
            (
                "contact",
                p.contact
                    .as_deref()
                    .map_or_else(none, |c| ui::clean(c, 200)),
            ),
            ("payment", payment),
            (
                "duration",
                p.default_minutes.map_or_else(none, |m| m.to_string()),
            ),
            (
                "sessions",
                format!(
                    "{} as coach ({} h), {} as client ({} h)",
                    activity.coach_sessions,
                    hours_2dp(activity.coach_minutes),
                    activity.client_sessions,
                    hours_2dp(activity.client_minutes)
                ),
            ),
        ];
        if let (Some(first), Some(last)) = (activity.first, activity.last) {
            lines.push(("first / last", format!("{first} / {last}")));
        }
        lines.push(("file", ctx.store.partner_path(&p.id).display().to_string()));

        writeln!(ctx.out, "{}", ui::clean(&p.name, 500))?;
        for (key, value) in lines {
            writeln!(ctx.out, "  {key:<14}{value}")?;
        }
        if has_practice_agreement(&p) {
            writeln!(ctx.out, "  agreement")?;
            write!(
                ctx.out,
                "{}",
                checklist_text(&p)
                    .replace("\n  ", "\n    ")
                    .replacen("  ", "    ", 1)
            )?;
        }
        if let Some(notes) = &p.notes {
            writeln!(ctx.out, "  notes")?;
            for line in ui::clean(notes, 10_000).lines() {
                writeln!(ctx.out, "    {line}")?;
            }
        }
        Ok(())
    }
}
