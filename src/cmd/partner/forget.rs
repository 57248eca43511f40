//! `coachlog partner forget`: a client's request to be forgotten.

use std::io::Write;

use anyhow::Result;

use crate::cli::PartnerForgetArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::text::count;

/// The next free tombstone name: `Client 01`, `Client 02`, …
fn tombstone(names: &[String]) -> String {
    let taken: Vec<u32> = names
        .iter()
        .filter_map(|n| n.strip_prefix("Client ")?.parse().ok())
        .collect();
    let next = (1..).find(|n| !taken.contains(n)).unwrap_or(1);
    format!("Client {next:02}")
}

impl Run for PartnerForgetArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = ctx.find_partner(&self.partner)?;
        let _lock = ctx.store.lock()?;
        let partners = ctx.store.partners()?;
        let name = partners
            .iter()
            .find(|p| p.id == id)
            .map(|p| ui::clean(&p.name, 60))
            .unwrap_or_default();
        if !self.yes {
            let question = format!(
                "Forget {name} ({id})? Their name, contact and every note about them are erased for \
                 good; their sessions' hours stay"
            );
            if !ui::can_prompt() {
                return Err(usage(format!(
                    "forgetting {id} needs confirmation, and there is no terminal to ask on: add --yes"
                )));
            }
            if !ui::confirm(&question)? {
                ui::note("Nothing forgotten.");
                return Ok(());
            }
        }
        let names: Vec<String> = partners.iter().map(|p| p.name.clone()).collect();
        let tombstone = tombstone(&names);
        let done = ctx.store.forget_partner(&id, &tombstone)?;
        ctx.store
            .describe_change(format!("partner forget: {id} is now {tombstone}"));
        writeln!(
            ctx.out,
            "Forgot {name}: {id} is now \"{tombstone}\", without contact or notes; {} kept with \
             their hours and no notes (an ICF log shows them as {tombstone}).",
            count(done.sessions, "session", "sessions"),
        )?;
        if done.evidence_removed > 0 {
            writeln!(
                ctx.out,
                "Removed {} they were named in (a consent form, say).",
                count(done.evidence_removed, "evidence file", "evidence files")
            )?;
        }
        if done.receipts_removed > 0 {
            writeln!(
                ctx.out,
                "Removed {} they signed, which held their name, and their pinned key.",
                count(done.receipts_removed, "receipt", "receipts")
            )?;
        }
        let encrypted = done.key_destroyed || done.new_key.is_some();
        if encrypted {
            writeln!(
                ctx.out,
                "Their key is destroyed, and the logbook's key replaced: no encrypted copy of their \
                 text in the history, a backup or a remote can be read any more."
            )?;
            if let Some(path) = &done.new_key {
                writeln!(
                    ctx.out,
                    "The new key is at {}. On each other device, run `coachlog keys import` with \
                     it (`coachlog keys export` here): the old key is removed there too.",
                    path.display()
                )?;
            }
        }
        // What the history still holds, exactly: their name and id in every commit of their
        // files (and in commit messages), and their text wherever it was committed in plain.
        if let Some(history) = &done.history
            && history.commits > 0
        {
            let text = if history.plain_text {
                format!(
                    ", and their contact or notes in plain text{}",
                    if encrypted {
                        " (committed before encryption was turned on: those copies stay readable)"
                    } else {
                        ""
                    }
                )
            } else {
                String::new()
            };
            ui::warn(format!(
                "the git history (and any remote) still holds {name}'s name and id in {}{text}: \
                 the guide's \"Forget a client\" shows how to rewrite the history with git \
                 filter-repo",
                count(history.commits, "commit", "commits")
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tombstones_take_the_first_free_number() {
        assert_eq!(tombstone(&[]), "Client 01");
        let names = [
            "Client 01".to_owned(),
            "Alex".to_owned(),
            "Client 03".to_owned(),
        ];
        assert_eq!(tombstone(&names), "Client 02");
    }
}
