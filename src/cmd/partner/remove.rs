//! `coachlog partner remove`.

use std::io::Write;

use anyhow::Result;

use crate::cli::PartnerRemoveArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::text::{agree, count};

impl Run for PartnerRemoveArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = ctx.find_partner(&self.partner)?;
        let _lock = ctx.store.lock()?;
        let partner = ctx.store.partner(&id)?;
        let name = ui::clean(&partner.name, 60);
        let theirs: Vec<_> = ctx
            .store
            .session_files(std::slice::from_ref(&partner))?
            .into_iter()
            .filter(|f| f.session.partner == id)
            .collect();

        if !theirs.is_empty() && !self.with_sessions {
            return Err(usage(format!(
                "{} of {id} ({name}) refer to this partner; remove {} first, or remove the partner \
                 with all their sessions using `coachlog partner remove {id} --with-sessions`",
                count(theirs.len(), "session", "sessions"),
                agree(theirs.len(), "it", "them"),
            )));
        }
        if !theirs.is_empty() && !self.yes {
            let question = format!(
                "Remove {name} and their {}? This cannot be undone",
                count(theirs.len(), "session", "sessions")
            );
            if !ui::can_prompt() {
                return Err(usage(format!(
                    "removing {id} with their {} needs confirmation, and there is no terminal to ask \
                     on: add --yes",
                    count(theirs.len(), "session", "sessions")
                )));
            }
            if !ui::confirm(&question)? {
                ui::note("Nothing removed.");
                return Ok(());
            }
        }

        // Sessions go first: if this is interrupted, no session is left without its partner. They
        // pass the guard of attested periods together.
        ctx.store.reopen_for(self.reopen.reason());
        let paths: Vec<std::path::PathBuf> = theirs.iter().map(|f| f.path.clone()).collect();
        ctx.store.remove_session_files(&paths)?;
        ctx.store.remove_partner(&id)?;
        // A temporary file an interrupted write left may hold one of their sessions: none
        // outlives their removal.
        if !theirs.is_empty() {
            ctx.store.remove_temporary_files()?;
        }
        writeln!(
            ctx.out,
            "Removed {name} ({id}){}",
            match theirs.len() {
                0 => String::new(),
                n => format!(" and their {}", count(n, "session", "sessions")),
            }
        )?;
        Ok(())
    }
}
