//! `coachlog evidence [--missing]`: the evidence attached to each record, and what still has none
//! that an application or an audit asks for.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::cli::EvidenceArgs;
use crate::cmd::{Context, Run};
use crate::ui;
use crate::ui::table::{Column, Grid};
use coachlog_core::domain::evidence::EvidenceKind;
use coachlog_core::storage::evidence::Holder;

/// One piece of evidence in `evidence --json`.
#[derive(Serialize)]
struct AttachedJson<'a> {
    record: &'a str,
    id: &'a str,
    kind: EvidenceKind,
    name: &'a str,
    size: u64,
    sha256: &'a str,
    attached: String,
    /// Its file, under the data directory; `null` when it is missing.
    file: Option<String>,
}

/// One record without the evidence it wants, in `evidence --missing --json`.
#[derive(Serialize)]
struct MissingJson<'a> {
    record: &'a str,
    id: &'a str,
    label: &'a str,
    wants: EvidenceKind,
}

impl Run for EvidenceArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            writeln!(ctx.out, "No records yet, so no evidence.")?;
            return Ok(());
        }
        let holders = ctx.store.holders()?;
        let look = ui::look();
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
                let rows: Vec<MissingJson> = missing
                    .iter()
                    .map(|(h, wants)| MissingJson {
                        record: h.noun,
                        id: &h.id,
                        label: &h.label,
                        wants: *wants,
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut ctx.out, &rows)?;
                writeln!(ctx.out)?;
                return Ok(());
            }
            if missing.is_empty() {
                writeln!(ctx.out, "Nothing is missing its evidence.")?;
                return Ok(());
            }
            let mut table = Grid::new(
                &look,
                [
                    Column::keep("Record"),
                    Column::keep("ID"),
                    Column::wrap("What"),
                    Column::keep("Wants"),
                ],
            );
            for (h, wants) in &missing {
                table.row([
                    h.noun.to_owned(),
                    h.id.clone(),
                    ui::clean(&h.label, 60),
                    wants.to_string(),
                ]);
            }
            write!(ctx.out, "{}", table.render())?;
            writeln!(
                ctx.out,
                "{} without evidence: attach each with `coachlog attach ID FILE`.",
                coachlog_core::domain::text::count(missing.len(), "record", "records")
            )?;
            if !settings.consent_forms {
                writeln!(
                    ctx.out,
                    "Consent forms are not asked for: `coachlog config set evidence.consent_forms true` \
                     if you keep them."
                )?;
            }
            return Ok(());
        }
        let attached: Vec<(&Holder, &coachlog_core::storage::evidence::Entry)> = holders
            .iter()
            .flat_map(|h| h.entries.iter().map(move |e| (h, e)))
            .collect();
        let file_of = |sha: &str| {
            ctx.store.evidence_file(sha).map(|p| {
                p.strip_prefix(ctx.store.root())
                    .unwrap_or(&p)
                    .display()
                    .to_string()
            })
        };
        if self.json {
            let rows: Vec<AttachedJson> = attached
                .iter()
                .map(|(h, e)| AttachedJson {
                    record: h.noun,
                    id: &h.id,
                    kind: e.kind,
                    name: &e.name,
                    size: e.size,
                    sha256: &e.sha256,
                    attached: e.attached_on().to_string(),
                    file: file_of(&e.sha256),
                })
                .collect();
            serde_json::to_writer_pretty(&mut ctx.out, &rows)?;
            writeln!(ctx.out)?;
            return Ok(());
        }
        if attached.is_empty() {
            writeln!(
                ctx.out,
                "No evidence attached yet: `coachlog attach ID FILE` keeps a certificate, a consent \
                 or a letter with its record; `coachlog evidence --missing` lists what wants one."
            )?;
            return Ok(());
        }
        let mut table = Grid::new(
            &look,
            [
                Column::keep("Record"),
                Column::keep("ID"),
                Column::keep("Kind"),
                Column::wrap("File"),
                Column::keep("Size").right(),
                Column::keep("Attached").optional(1),
            ],
        );
        for (h, e) in &attached {
            let missing = file_of(&e.sha256).is_none();
            table.row([
                h.noun.to_owned(),
                h.id.clone(),
                e.kind.to_string(),
                if missing {
                    format!("{} (missing: `coachlog check`)", ui::clean(&e.name, 60))
                } else {
                    ui::clean(&e.name, 60)
                },
                super::attach::size(e.size),
                e.attached_on().to_string(),
            ]);
        }
        write!(ctx.out, "{}", table.render())?;
        Ok(())
    }
}
