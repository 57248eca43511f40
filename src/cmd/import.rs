//! `coachlog import`: sessions from a CSV file.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use anyhow::{Context as _, Result, bail};

use crate::cli::ImportArgs;
use crate::cmd::{Context, Run};
use crate::domain::text::{agree, count};
use crate::error::usage;
use crate::import::{self, Options, Plan};
use crate::ui;

/// How many bad rows an error lists before it counts the rest.
const ROWS_SHOWN: usize = 20;

impl ImportArgs {
    fn options(&self) -> Result<Options> {
        let mut map = BTreeMap::new();
        for (field, header) in &self.map {
            if map.insert(*field, header.clone()).is_some() {
                return Err(usage(format!(
                    "--map {} is given twice: give each field once",
                    field.as_str()
                )));
            }
        }
        Ok(Options {
            map,
            client_type: self.client_type,
            delimiter: self.delimiter,
            date_format: self.date_format.clone(),
        })
    }

    fn read_input(&self) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        if self.file.as_os_str() == "-" {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
        } else {
            bytes = std::fs::read(&self.file)
                .with_context(|| format!("cannot read {}", self.file.display()))?;
        }
        Ok(bytes)
    }
}

/// Plans the import against the logbook as it is now.
fn plan(ctx: &Context, input: &[u8], options: &Options) -> Result<Plan> {
    let logbook = ctx.read_logbook_to_change()?;
    import::plan(input, options, &logbook.partners, &logbook.sessions).map_err(|e| usage(e.0))
}

impl Run for ImportArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let options = self.options()?;
        let input = self.read_input()?;
        let mut plan = plan(ctx, &input, &options)?;
        if !plan.ignored_columns.is_empty() {
            ui::note(format!(
                "Not read (no field): {}",
                plan.ignored_columns.join(", ")
            ));
        }
        if !plan.errors.is_empty() {
            let mut list: Vec<String> = plan
                .errors
                .iter()
                .take(ROWS_SHOWN)
                .map(|e| format!("  {e}"))
                .collect();
            if plan.errors.len() > ROWS_SHOWN {
                list.push(format!("  … and {} more", plan.errors.len() - ROWS_SHOWN));
            }
            if !ctx.skip_invalid {
                let n = plan.errors.len();
                bail!(
                    "{} of {} cannot be imported, so nothing was imported; fix {}, or add \
                     --skip-invalid to import the other rows:\n{}",
                    count(n, "row", "rows"),
                    self.file.display(),
                    agree(n, "it", "them"),
                    list.join("\n")
                );
            }
            ui::warn(format!(
                "skipping {}:\n{}",
                count(plan.errors.len(), "invalid row", "invalid rows"),
                list.join("\n")
            ));
        }
        if !self.dry_run && !plan.sessions.is_empty() {
            let _lock = ctx.store.lock()?;
            // Plan again under the lock, so that duplicates are judged against the logbook as written.
            plan = self::plan(ctx, &input, &options)?;
            // Partners go into place first: a session is never written without its partner. Each
            // file is whole when it appears; a killed import leaves some of them, and running it
            // again adds the rest, the ones written being duplicates.
            let mut batch = ctx.store.batch();
            for partner in &plan.new_partners {
                batch.add_partner(partner)?;
            }
            for session in &plan.sessions {
                batch.add(session)?;
            }
            batch.finish()?;
        }
        let partners = match plan.new_partners.len() {
            0 => String::new(),
            n => {
                let ids: Vec<&str> = plan
                    .new_partners
                    .iter()
                    .take(10)
                    .map(|p| p.id.as_str())
                    .collect();
                format!(
                    " with {} ({}{})",
                    count(n, "new partner", "new partners"),
                    ids.join(", "),
                    if n > 10 { ", …" } else { "" }
                )
            }
        };
        writeln!(
            ctx.out,
            "{} {}{partners}; skipped {}; {}",
            if self.dry_run {
                "Would import"
            } else {
                "Imported"
            },
            count(plan.sessions.len(), "session", "sessions"),
            count(plan.duplicates, "duplicate", "duplicates"),
            count(plan.errors.len(), "invalid row", "invalid rows"),
        )?;
        Ok(())
    }
}
