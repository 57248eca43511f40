//! `coachlog feedback import FILE|-`: clients' answer blocks, each matched to its request and
//! session and stored as the client's own word — or, when any block is cut off, changed, imported
//! before or matches nothing, every problem named and nothing stored.

use std::io::Write;

use anyhow::Result;

use crate::cli::FeedbackImportArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use coachlog_core::domain::feedback::{ClientFeedback, Request, Via};
use coachlog_core::domain::model::Session;
use coachlog_core::error::refused;
use coachlog_core::import::answers::{self, Verdict};

impl Run for FeedbackImportArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let input = crate::cmd::input::read(&self.file)?;
        let what = if self.file.as_os_str() == "-" {
            "standard input".to_owned()
        } else {
            crate::ui::clean(&self.file.display().to_string(), 200)
        };
        let found =
            answers::read(&input, ctx.today).map_err(|why| usage(format!("{what}: {why}")))?;
        if found.is_empty() {
            return Err(usage(format!(
                "{what} holds no answer block: an answer begins with the line {} (paste the \
                 client's whole message, or give the saved e-mail)",
                coachlog_core::domain::feedback::BEGIN
            )));
        }
        if !ctx.logbook_exists()? {
            return Err(refused("this logbook made no feedback requests yet"));
        }
        let _lock = ctx.store.lock()?;
        let requests = ctx.store.records::<Request>()?;
        // Each request's session is read from its own file, not the whole logbook.
        let session_of = |id: &str| {
            let path = ctx.store.find_session(id).ok()?;
            ctx.store.session_at(&path).ok()
        };
        let verdicts = answers::judge(found, &requests, &session_of);
        let problems: Vec<String> = verdicts
            .iter()
            .filter_map(|v| match v {
                Verdict::Refused(problem) => Some(ctx.look.clean(&problem.to_string(), 600)),
                Verdict::Store { .. } => None,
            })
            .collect();
        if !problems.is_empty() {
            let stored = verdicts.len() - problems.len();
            let mut message = format!("{what}: nothing stored");
            if stored > 0 {
                message.push_str(&format!(
                    " (not even the {stored} that could be: import them again once the others \
                     are dealt with, or alone)"
                ));
            }
            for p in &problems {
                message.push_str(&format!("\n  {p}"));
            }
            return Err(refused(message));
        }
        let mut updated: Vec<(std::path::PathBuf, Session)> = Vec::new();
        for verdict in &verdicts {
            let Verdict::Store { answer, request } = verdict else {
                continue;
            };
            let path = ctx.store.find_session(&request.session)?;
            let session = ctx.store.session_at(&path)?;
            updated.push((
                path,
                Session {
                    feedback: Some(Box::new(ClientFeedback::of(answer))),
                    ..session
                },
            ));
        }
        for verdict in &verdicts {
            let Verdict::Store { answer, request } = verdict else {
                continue;
            };
            writeln!(
                ctx.out,
                "{} the answer to request {} (session {} of {}, answered {}): {}, total {:.1}{}{}",
                if self.dry_run {
                    "Would store"
                } else {
                    "Stored"
                },
                request.id,
                request.session,
                request.session_date,
                answer.answered,
                answer.scores,
                answer.scores.total(),
                if answer.share {
                    ", may be shown"
                } else {
                    ", not to be shown"
                },
                match answer.via {
                    Via::Page | Via::Signed => "",
                    Via::Text => " (typed into the plain-text form: whole, with no check)",
                },
            )?;
        }
        if self.dry_run {
            return Ok(());
        }
        ctx.store.update_sessions(&updated)?;
        ctx.store.describe_change(format!(
            "feedback import: {} from clients",
            coachlog_core::domain::text::count(updated.len(), "answer", "answers")
        ));
        Ok(())
    }
}
