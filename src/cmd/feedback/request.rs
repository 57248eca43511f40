//! `coachlog feedback request SESSION`: the page and the message that ask the client of a session
//! for feedback in their own word.

use std::io::Write;

use anyhow::{Context as _, Result};

use crate::cli::FeedbackRequestArgs;
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::views::request::{self, Asked};
use coachlog_core::domain::feedback::Request;
use coachlog_core::domain::model::Role;
use coachlog_core::error::refused;
use coachlog_core::storage::SessionLookupError;

impl Run for FeedbackRequestArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            return Err(SessionLookupError::NotFound(self.session).into());
        }
        if !self.out.is_dir() {
            return Err(usage(format!(
                "--out {}: no such folder; give a folder to write the page and the message in \
                 (e.g. --out .)",
                crate::ui::clean(&self.out.display().to_string(), 200)
            )));
        }
        let _lock = ctx.store.lock()?;
        let path = ctx.store.find_session(&self.session)?;
        let session = ctx.store.session_at(&path)?;
        if session.role != Role::Coach {
            return Err(usage(format!(
                "in session {} you {}: ask for feedback on a session in which you coached",
                session.id,
                if session.role == Role::Observer {
                    "observed"
                } else {
                    "were the client"
                }
            )));
        }
        if let Some(held) = &session.feedback {
            return Err(refused(format!(
                "session {} holds the client's answer already (answered {}, {} {}): \
                 `coachlog feedback --partner {}` shows it",
                session.id,
                held.answered,
                held.origin.source(),
                held.origin.id(),
                session.partner
            )));
        }
        // The files are named by the request's id: an earlier request's may be there already.
        let existing = ctx
            .store
            .records::<Request>()?
            .into_iter()
            .find(|r| r.session == coachlog_core::storage::session_id(&path));
        if let Some(r) = &existing {
            for name in [
                format!("feedback-{}.html", r.id),
                format!("feedback-{}.txt", r.id),
            ] {
                Output::File(self.out.join(name)).check(self.force)?;
            }
        }
        let settings = ctx.settings()?;
        let partner = ctx.store.partner(&session.partner)?;
        let today = ctx.today;
        let made = existing;
        let again = made.is_some();
        let request = match made {
            Some(request) => request,
            None => {
                let request = ctx
                    .store
                    .add_kept(Request {
                        id: String::new(),
                        session: session.id.clone(),
                        partner: session.partner.clone(),
                        session_date: session.date,
                        sent: today,
                        questions: settings.feedback.questions.clone(),
                    })?
                    .record;
                ctx.store.describe_change(format!(
                    "feedback request {}: session {}",
                    request.id, session.id
                ));
                request
            }
        };
        let asked = Asked {
            request: &request,
            client: &partner.name,
            coach: settings.name.as_deref(),
            reply_to: settings.feedback.reply_to.as_deref(),
        };
        let page_name = format!("feedback-{}.html", request.id);
        let page = self.out.join(&page_name);
        let message = self.out.join(format!("feedback-{}.txt", request.id));
        for (file, text) in [
            (&page, request::page(&asked)),
            (&message, request::message(&asked, &page_name)),
        ] {
            ctx.store
                .write_outside(file, text.as_bytes(), self.force)
                .with_context(|| format!("cannot write {}", file.display()))?;
        }
        let clean = |p: &std::path::Path| crate::ui::clean(&p.display().to_string(), 200);
        writeln!(
            ctx.out,
            "{} feedback on session {} ({}, {}): request {}.\n\
             Send {} with the message in {}.\n\
             When the answer comes back: coachlog feedback import FILE (or - to paste it).",
            if again {
                "Asked again for"
            } else {
                "Asked for"
            },
            session.id,
            session.date,
            ctx.look.clean(&partner.name, 60),
            request.id,
            clean(&page),
            clean(&message),
        )?;
        Ok(())
    }
}
