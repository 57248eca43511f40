//! `coachlog upgrade`: record in session files of the earlier format the facts they are judged by.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;

use crate::cli::UpgradeArgs;
use crate::cmd::{Context, Run};
use crate::ui;
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{FactsFrom, SessionFacts};
use coachlog_core::domain::text::{self, agree};
use coachlog_core::storage::SessionFile;

impl Run for UpgradeArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            writeln!(ctx.out, "No logbook yet: nothing to upgrade.")?;
            return Ok(());
        }
        // Read under the lock, so that what is said is what is written.
        let _lock = (!self.dry_run).then(|| ctx.store.lock()).transpose()?;
        let partners = ctx.store.partners()?;
        let files = ctx.store.session_files(&partners)?;
        let mut by_partner: BTreeMap<&PartnerId, (SessionFacts, Vec<&SessionFile>)> =
            BTreeMap::new();
        let mut orphans: Vec<&SessionFile> = Vec::new();
        for file in &files {
            match file.session.facts_from {
                FactsFrom::Session => {}
                FactsFrom::Partner => {
                    by_partner
                        .entry(&file.session.partner)
                        .or_insert_with(|| (file.session.facts, Vec::new()))
                        .1
                        .push(file);
                }
                FactsFrom::Nowhere => orphans.push(file),
            }
        }
        let count: usize = by_partner.values().map(|(_, files)| files.len()).sum();
        if count == 0 && orphans.is_empty() {
            writeln!(
                ctx.out,
                "Every session file records its client type and group size: nothing to upgrade."
            )?;
            return Ok(());
        }
        if count > 0 {
            writeln!(
                ctx.out,
                "{} of the earlier format {} the client type and group size from {} partner's \
                 file. {} partner's current values in {}:",
                files_text(count),
                agree(count, "takes", "take"),
                agree(count, "its", "their"),
                if self.dry_run {
                    "Would record each"
                } else {
                    "Recording each"
                },
                agree(count, "it", "them"),
            )?;
            for (id, (facts, files)) in &by_partner {
                let mut values = format!("client_type = \"{}\"", facts.client_type);
                if let Some(size) = facts.group_size {
                    values.push_str(&format!(", group_size = {}", size.get()));
                }
                writeln!(
                    ctx.out,
                    "  {id}: {} {} {values}",
                    files_text(files.len()),
                    ui::symbols().arrow
                )?;
            }
        }
        for file in &orphans {
            ui::warn(format!(
                "{}: its partner '{}' does not exist, so it is left as it is: add the partner (or \
                 correct the id in the file), then run `coachlog upgrade` again",
                file.path.display(),
                file.session.partner
            ));
        }
        if self.dry_run || count == 0 {
            return Ok(());
        }
        let mut written = 0;
        for (_, files) in by_partner.values() {
            for file in files {
                let mut session = file.session.clone();
                session.facts_from = FactsFrom::Session;
                // Each file is replaced atomically, with only the added keys: an interrupted upgrade
                // leaves every file whole, and the next run finishes the rest.
                if ctx.store.update_session(&file.path, &session)? {
                    written += 1;
                }
            }
        }
        ctx.store
            .describe_change(format!("upgrade: {}", files_text(written)));
        writeln!(ctx.out, "Upgraded {}.", files_text(written))?;
        Ok(())
    }
}

/// "1 session file", "12 session files".
fn files_text(n: usize) -> String {
    text::count(n, "session file", "session files")
}
