//! `coachlog import`: sessions from a CSV file.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use anyhow::{Context as _, Result, bail};

use crate::cli::ImportArgs;
use crate::cmd::{Context, Run};
use crate::domain::text::{agree, count};
use crate::error::usage;
use crate::import::backup::Restore;
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

/// Plans restoring a backup against the logbook as it is now.
fn plan_restore(ctx: &Context, input: &[u8]) -> Result<Restore> {
    let logbook = ctx.read_logbook_to_change()?;
    import::backup::plan(
        input,
        &logbook.partners,
        &logbook.sessions,
        &logbook.records,
    )
    .map_err(|e| usage(e.0))
}

impl ImportArgs {
    /// `import backup.json`: restores what the logbook does not hold yet of a JSON backup.
    fn restore(&self, ctx: &mut Context, input: &[u8]) -> Result<()> {
        if !self.map.is_empty()
            || self.client_type.is_some()
            || self.delimiter.is_some()
            || self.date_format.is_some()
        {
            return Err(usage(
                "--map, --client-type, --delimiter and --date-format apply to CSV files; a backup \
                 (from `coachlog export json`) needs none of them",
            ));
        }
        let mut restore = plan_restore(ctx, input)?;
        if !restore.errors.is_empty() && !ctx.skip_invalid {
            let n = restore.errors.len();
            let mut list: Vec<String> = restore
                .errors
                .iter()
                .take(ROWS_SHOWN)
                .map(|e| format!("  {e}"))
                .collect();
            if n > ROWS_SHOWN {
                list.push(format!("  … and {} more", n - ROWS_SHOWN));
            }
            bail!(
                "{} of {} cannot be restored, so nothing was imported; fix {}, or add \
                 --skip-invalid to restore the rest:\n{}",
                count(n, "record", "records"),
                self.file.display(),
                agree(n, "it", "them"),
                list.join("\n")
            );
        }
        for error in &restore.errors {
            ui::warn(format!("skipping {error}"));
        }
        let r = &restore.records;
        let others = r.mentoring.len()
            + r.supervision.len()
            + r.education.len()
            + r.cpd.len()
            + r.credentials.len();
        if !self.dry_run && (restore.sessions.len() + restore.partners.len() + others) > 0 {
            let _lock = ctx.store.lock()?;
            // Planned again under the lock; partners first, then sessions (each file whole when
            // it appears: a killed restore, run again, adds the rest), then the other records.
            restore = plan_restore(ctx, input)?;
            let mut batch = ctx.store.batch();
            for partner in &restore.partners {
                batch.add_partner(partner)?;
            }
            for (id, session) in &restore.sessions {
                batch.add_as(session, Some(id))?;
            }
            batch.finish()?;
            let r = restore.records.clone();
            r.mentoring
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            r.supervision
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            r.education
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            r.cpd
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            r.credentials
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
        }
        let r = &restore.records;
        let parts = [
            count(restore.partners.len(), "partner", "partners"),
            count(restore.sessions.len(), "session", "sessions"),
            format!(
                "{} of mentor coaching",
                count(r.mentoring.len(), "record", "records")
            ),
            format!(
                "{} of supervision",
                count(r.supervision.len(), "record", "records")
            ),
            count(r.education.len(), "course", "courses"),
            format!(
                "{} of continuing education",
                count(r.cpd.len(), "record", "records")
            ),
            count(r.credentials.len(), "credential", "credentials"),
        ];
        writeln!(
            ctx.out,
            "{} {}; already there: {}, {} and {}; {}",
            if self.dry_run {
                "Would restore"
            } else {
                "Restored"
            },
            parts.join(", "),
            count(restore.partners_there, "partner", "partners"),
            count(restore.duplicates, "session", "sessions"),
            count(restore.records_there, "other record", "other records"),
            count(restore.errors.len(), "invalid record", "invalid records"),
        )?;
        ui::note(
            "Settings are not restored: compare `coachlog config show` with the backup's \"config\"",
        );
        Ok(())
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
        if import::backup::is_backup(&input) {
            return self.restore(ctx, &input);
        }
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
