//! `coachlog export`: files for a mentor, an audit, or a backup.

use anyhow::Result;

use crate::cli::{ExportArgs, ExportFormat};
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::export::{self, Options, Source};
use coachlog_core::reports::Partners;
use coachlog_core::reports::counting::Practice;

impl ExportArgs {
    /// Refuses flags that do nothing for the chosen format, rather than ignore them.
    fn check_flags(&self) -> Result<()> {
        use ExportFormat::*;
        let format = self.format.to_possible_value_name();
        if self.include_notes && !matches!(self.format, Sessions) {
            return Err(usage(format!(
                "--include-notes applies to `export sessions` only (`export {format}` has no notes column; \
                 `export json` always carries them)"
            )));
        }
        if self.include_contact && !matches!(self.format, Icf | Xlsx | Mentoring | MentoringXlsx) {
            return Err(usage(format!(
                "--include-contact applies to `export icf`, `export xlsx` and `export mentoring` \
                 only, not to `export {format}`"
            )));
        }
        if self.delimiter.is_some() && matches!(self.format, Json | Xlsx | MentoringXlsx) {
            return Err(usage(format!(
                "--delimiter applies to the CSV formats only, not to `export {format}`"
            )));
        }
        if self.excel && matches!(self.format, Json | Xlsx | MentoringXlsx) {
            return Err(usage(format!(
                "--excel applies to the CSV formats only, not to `export {format}`{}",
                if matches!(self.format, Json) {
                    ""
                } else {
                    " (a workbook opens in any locale already)"
                }
            )));
        }
        if matches!(self.format, Xlsx | MentoringXlsx) && self.output.is_none() {
            return Err(usage(format!(
                "an Excel workbook is not text: give --output FILE (e.g. --output {}.xlsx)",
                if matches!(self.format, Xlsx) {
                    "icf-log"
                } else {
                    "mentor-coaching"
                }
            )));
        }
        Ok(())
    }
}

impl ExportFormat {
    fn to_possible_value_name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default()
    }
}

impl Run for ExportArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        self.check_flags()?;
        let (from, to) = ctx.date_range(self.from, self.to)?;
        let output = self.output.as_deref().map(Output::of);
        if let Some(output) = &output {
            output.check(self.force)?;
        }

        let mut logbook = ctx.read_logbook()?;
        // Notes and contacts asked for are opened, all of them, or the export fails.
        if self.include_contact && !self.anonymize {
            ctx.open_text_strictly(&mut logbook.partners, Vec::new())?;
        }
        if self.include_notes && !self.anonymize {
            let exported = logbook
                .sessions
                .iter_mut()
                .filter(|s| from.is_none_or(|d| s.date >= d) && to.is_none_or(|d| s.date <= d))
                .collect();
            ctx.open_text_strictly(&mut [], exported)?;
        }
        let partners = Partners::new(logbook.partners);
        // Every export but the backup is judged as of a day: --to, else today.
        let as_of = to.unwrap_or(ctx.today);
        let practice = Practice::new(&logbook.sessions, as_of);
        let source = Source {
            partners: &partners,
            practice: &practice,
            settings: &logbook.settings,
            records: &logbook.records,
        };
        let options = Options {
            from,
            to,
            anonymize: self.anonymize,
            include_notes: self.include_notes,
            include_contact: self.include_contact,
            delimiter: self.delimiter,
            excel: self.excel,
            unconsented_unnamed: false,
        };
        // The kinds a backup carries besides partners, sessions and a credential's records.
        let kept = if self.format == ExportFormat::Json && ctx.logbook_exists()? {
            (
                ctx.store.records()?,
                ctx.store.records()?,
                ctx.store.records()?,
            )
        } else {
            (Vec::new(), Vec::new(), Vec::new())
        };
        let exported = match self.format {
            ExportFormat::Sessions => export::sessions::export(&source, &options),
            ExportFormat::Icf => export::icf::csv(&source, &options),
            ExportFormat::Emcc => export::emcc::export(&source, &options),
            ExportFormat::Json => export::backup::export(
                &export::backup::Logbook {
                    partners: &partners,
                    sessions: &logbook.sessions,
                    settings: &logbook.settings,
                    records: &logbook.records,
                    requests: &kept.0,
                    receipts: (&kept.1, &kept.2),
                    keys: &coachlog_core::storage::keys::partner_keys(ctx.store.root())?,
                },
                &options,
            ),
            ExportFormat::Xlsx => export::icf::xlsx(&source, &options),
            ExportFormat::Mentoring => export::mentoring::csv(&source, &options),
            ExportFormat::MentoringXlsx => export::mentoring::xlsx(&source, &options),
        }?;
        if self.format != ExportFormat::Json {
            ui::note(format!(
                "As of {as_of}: sessions and records after it are left out{}.",
                if to.is_none() {
                    " (--to chooses another day)"
                } else {
                    ""
                }
            ));
        }
        for warning in &exported.warnings {
            ui::warn(warning);
        }
        output
            .unwrap_or(Output::Stdout)
            .write(ctx, &exported.bytes, self.force)
    }
}
