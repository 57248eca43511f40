//! `coachlog sessions`: list sessions, newest first, with totals.

use anyhow::Result;

use crate::cli::SessionsArgs;
use crate::cmd::{Context, Run};
use crate::ui;
use crate::views;
use crate::views::sessions::PartnersById;
use coachlog_core::domain::model::Session;

impl Run for SessionsArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let (from, to) = ctx.date_range(self.from, self.to)?;
        let partner = ctx.find_partner_if(self.partner.as_deref())?;
        let mut logbook = ctx.read_logbook()?;
        if self.notes {
            let shown = |s: &Session| {
                partner.as_ref().is_none_or(|p| &s.partner == p)
                    && from.is_none_or(|d| s.date >= d)
                    && to.is_none_or(|d| s.date <= d)
            };
            let sessions = logbook.sessions.iter_mut().filter(|s| shown(s)).collect();
            ctx.open_text(&mut [], sessions)?;
        }
        let partners: PartnersById = logbook.partners.iter().map(|p| (&p.id, p)).collect();
        let mut sessions: Vec<&Session> = logbook
            .sessions
            .iter()
            .filter(|s| partner.as_ref().is_none_or(|p| &s.partner == p))
            .filter(|s| from.is_none_or(|d| s.date >= d) && to.is_none_or(|d| s.date <= d))
            .collect();
        sessions.sort_by(|a, b| (b.date, &a.partner, &a.id).cmp(&(a.date, &b.partner, &b.id)));

        if self.json {
            views::sessions::write_json(&mut ctx.out, &sessions, &partners, self.notes)?;
            return Ok(());
        }
        if sessions.is_empty() {
            ui::note(
                match (logbook.partners.is_empty(), logbook.sessions.is_empty()) {
                    (true, _) => {
                        "No sessions yet, and no partners to log them with. Add one first: coachlog \
                     partner add \"Alex Kim\" --client-type peer"
                    }
                    (false, true) => {
                        "No sessions yet. Log one with: coachlog log PARTNER --duration 1h"
                    }
                    (false, false) => "No sessions match.",
                },
            );
            return Ok(());
        }
        views::sessions::write_text(&mut ctx.out, &sessions, &partners, self.notes, &ctx.look)?;
        Ok(())
    }
}
