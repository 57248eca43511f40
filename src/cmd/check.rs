//! `coachlog check`: read every file and report what is wrong, with the file and line.

use std::io::Write;

use anyhow::Result;

use crate::cli::CheckArgs;
use crate::cmd::{Context, Run};
use crate::error::Exit;
use crate::reports::counting::Practice;
use crate::reports::{Partners, icf_log};
use crate::storage::check::{self, Problem, Report, Severity};
use crate::ui;
use crate::views;

/// Adds, as warnings on the partners' files, every row of the ICF log (up to today) that an auditor
/// would reject, as `export icf --include-contact` warns of them.
fn audit_icf_log(ctx: &Context, report: &mut Report) -> Result<()> {
    let logbook = ctx.read_logbook()?;
    let partners = Partners::new(logbook.partners);
    let practice = Practice::new(&logbook.sessions, ctx.today);
    let Some(ledger) = icf_log::icf_ledger(&practice, &partners, &logbook.settings) else {
        return Ok(());
    };
    let log = icf_log::icf_log(ledger.all());
    for problem in icf_log::audit(&log, &partners, true) {
        report.problems.push(Problem {
            severity: Severity::Warning,
            file: ctx.store.partner_path(&problem.partner),
            line: None,
            message: problem.message(),
        });
    }
    report.sort();
    Ok(())
}

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
            use crate::domain::text::count;
            ui::note(format!(
                "Removed {} left by interrupted writes; made {} owner-only.",
                count(removed, "temporary file", "temporary files"),
                count(private, "file or folder", "files and folders")
            ));
        }
        let mut report = check::check(&ctx.store, ctx.today);
        if self.icf {
            if report.count(Severity::Error) > 0 {
                ui::note("The ICF log is checked once the errors are fixed.");
            } else {
                audit_icf_log(ctx, &mut report)?;
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
