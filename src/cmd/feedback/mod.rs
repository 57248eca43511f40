//! `coachlog feedback`: score trends, flagged sessions and experiments to read before a session,
//! and the client's own answers apart; `feedback request|import|requests` ask for them.

mod import;
mod request;
mod requests;

use std::io::Write;

use anyhow::Result;

use crate::cli::{FeedbackArgs, FeedbackBy, FeedbackCommand};
use crate::cmd::{Context, Run};
use crate::views;
use coachlog_core::domain::private::Confidential;
use coachlog_core::reports::Partners;
use coachlog_core::reports::feedback;

impl Run for FeedbackArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        match self.command {
            Some(FeedbackCommand::Request(args)) => return args.run(ctx),
            Some(FeedbackCommand::Import(args)) => return args.run(ctx),
            Some(FeedbackCommand::Requests(args)) => return args.run(ctx),
            None => {}
        }
        let partner = ctx.find_partner_if(self.partner.as_deref())?;
        let mut logbook = ctx.read_logbook()?;
        let sealed = logbook
            .sessions
            .iter_mut()
            .filter(|s| partner.as_ref().is_none_or(|p| &s.partner == p))
            .filter_map(|s| {
                ((s.reflection.is_some() || s.feedback.is_some()) && s.has_sealed()).then_some(s)
            })
            .collect();
        ctx.open_text(&mut [], sealed)?;
        if self.by == FeedbackBy::Competency {
            let trends = feedback::by_competency(&logbook.sessions, partner.as_ref());
            if self.json {
                return ctx.print_json(&views::feedback::competency_json(&trends));
            }
            let text = views::feedback::competency_text(&trends, &ctx.look);
            write!(ctx.out, "{text}")?;
            return Ok(());
        }
        let report = feedback::feedback(
            &logbook.sessions,
            &logbook.settings.thresholds,
            partner.as_ref(),
        );
        if self.json {
            return ctx.print_json(&views::feedback::json(&report));
        }
        let partners = Partners::new(logbook.partners);
        let text =
            views::feedback::text(&report, &partners, &logbook.settings.thresholds, &ctx.look);
        write!(ctx.out, "{text}")?;
        Ok(())
    }
}
