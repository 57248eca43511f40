//! `coachlog partner remove`.

use std::io::Write;

use anyhow::Result;

use crate::cli::PartnerRemoveArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;

impl Run for PartnerRemoveArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = ctx.find_partner(&self.partner)?;
        let _lock = ctx.store.lock()?;
        let partner = ctx.store.partner(&id)?;
        let name = ui::clean(&partner.name, 60);
        let theirs: Vec<_> = ctx
            .store
            .sessions()?
            .into_iter()
            .filter(|f| f.session.partner == id)
            .collect();

        if !theirs.is_empty() && !self.with_sessions {
            return Err(usage(format!(
                "{count} session{s} refer to {id} ({name}); remove {them} first, or remove the partner \
                 with all of {their} sessions using `coachlog partner remove {id} --with-sessions`",
                count = theirs.len(),
                s = if theirs.len() == 1 { "" } else { "s" },
                them = if theirs.len() == 1 { "it" } else { "them" },
                their = "their",
            )));
        }
        if !theirs.is_empty() && !self.yes {
            let question = format!(
                "Remove {name} and all {} of their sessions? This cannot be undone",
                theirs.len()
            );
            if !ui::can_prompt() {
                return Err(usage(format!(
                    "removing {id} with {} sessions needs confirmation, and there is no terminal to ask \
                     on: add --yes",
                    theirs.len()
                )));
            }
            if !ui::confirm(&question)? {
                ui::note("Nothing removed.");
                return Ok(());
            }
        }

        // Sessions go first: if this is interrupted, no session is left without its partner.
        for file in &theirs {
            ctx.store.remove_session_file(&file.path)?;
        }
        ctx.store.remove_partner(&id)?;
        writeln!(
            ctx.out,
            "Removed {name} ({id}){}",
            match theirs.len() {
                0 => String::new(),
                1 => " and their 1 session".to_owned(),
                n => format!(" and their {n} sessions"),
            }
        )?;
        Ok(())
    }
}
