//! `coachlog check`: read every file and report what is wrong, with the file and line.

use std::io::Write;

use anyhow::Result;

use crate::cli::CheckArgs;
use crate::cmd::{Context, Run};
use crate::error::Exit;
use crate::ui;
use crate::views;
use coachlog_core::check::{self, Severity};

impl Run for CheckArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            if self.json {
                ctx.print_json(&Vec::<check::Problem>::new())?;
            } else {
                writeln!(
                    ctx.out,
                    "No logbook at {} yet: nothing to check.",
                    ctx.store.root().display()
                )?;
            }
            return Ok(());
        }
        if self.fix {
            let (removed, private) = {
                let _lock = ctx.store.lock()?;
                (
                    ctx.store.remove_temporary_files()?,
                    ctx.store.make_owner_only()?,
                )
            };
            use coachlog_core::domain::text::count;
            ui::note(format!(
                "Removed {} left by interrupted writes; made {} owner-only.",
                count(removed, "temporary file", "temporary files"),
                count(private, "file or folder", "files and folders")
            ));
        }
        let (mut report, read) = check::check_and_read(&ctx.store, ctx.today);
        check::attestations(&ctx.store, &mut report, read)?;
        if self.icf {
            if report.count(Severity::Error) > 0 {
                ui::note("The ICF log is checked once the errors are fixed.");
            } else {
                check::icf_log(ctx.read_logbook()?, &ctx.store, ctx.today, &mut report);
            }
        }
        let (errors, warnings) = (
            report.count(Severity::Error),
            report.count(Severity::Warning),
        );
        if self.json {
            ctx.print_json(&report.problems)?;
        } else {
            write!(ctx.out, "{}", views::check::text(&report, &ctx.look))?;
        }
        if errors > 0 || (self.strict && warnings > 0) {
            ctx.exit = Exit::Failure;
        }
        Ok(())
    }
}
