//! `coachlog evidence [--missing]`: the evidence attached to each record, and what still has none
//! that an application or an audit asks for.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::Result;

use crate::cli::EvidenceArgs;
use crate::cmd::{Context, Run};
use crate::views;

impl Run for EvidenceArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            writeln!(ctx.out, "No records yet, so no evidence.")?;
            return Ok(());
        }
        let holders = ctx.store.holders()?;
        let look = crate::ui::look();
        if self.missing {
            let settings = ctx.read_logbook()?.settings;
            let consenting: BTreeSet<String> = ctx
                .store
                .partners()?
                .into_iter()
                .filter(|p| p.consent)
                .map(|p| p.id.to_string())
                .collect();
            let missing = coachlog_core::storage::evidence::missing(
                &holders,
                settings.consent_forms,
                &consenting,
            );
            if self.json {
                ctx.print_json(&views::evidence::missing_json(&missing))?;
            } else {
                let text = views::evidence::missing_text(&missing, settings.consent_forms, &look);
                write!(ctx.out, "{text}")?;
            }
            return Ok(());
        }
        let file_of = |sha: &str| {
            ctx.store.evidence_file(sha).map(|p| {
                p.strip_prefix(ctx.store.root())
                    .unwrap_or(&p)
                    .display()
                    .to_string()
            })
        };
        let attached: Vec<views::evidence::Attached> = holders
            .iter()
            .flat_map(|h| h.entries.iter().map(move |e| (h, e)))
            .map(|(h, e)| (h, e, file_of(&e.sha256)))
            .collect();
        if self.json {
            ctx.print_json(&views::evidence::attached_json(&attached))?;
        } else {
            write!(
                ctx.out,
                "{}",
                views::evidence::attached_text(&attached, &look)
            )?;
        }
        Ok(())
    }
}
