//! `coachlog check`: read every file and report what is wrong, with the file and line.

use std::io::Write;

use anyhow::Result;

use crate::cli::CheckArgs;
use crate::cmd::{Context, Run};
use crate::error::Exit;
use crate::ui;
use crate::views;
use coachlog_core::reports::counting::Practice;
use coachlog_core::reports::{Partners, icf_log};
use coachlog_core::storage::check::{self, Problem, Report, Severity};

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

/// Adds, as errors on the attestations' files, every attested period that does not hold what was
/// signed (as `attest verify` judges it: a change without a reason, or figures that differ with
/// nothing on record to say why), and every attestation that is gone. Where the logbook cannot be
/// read the periods are not judged: the errors above say why.
fn check_attested(ctx: &Context, report: &mut Report, read: check::Read) -> Result<()> {
    let all = ctx.store.attestations().unwrap_or_default();
    for gone in ctx.store.missing_among(&all)? {
        report.problems.push(Problem {
            severity: Severity::Error,
            file: ctx
                .store
                .kept_dir::<coachlog_core::domain::attestation::Attestation>(),
            line: None,
            message: gone.describe(),
        });
    }
    if all.is_empty() {
        return Ok(());
    }
    // Judged on what `check` read, when it read every file.
    let (true, Some(settings)) = (read.whole, read.settings) else {
        return Ok(());
    };
    let logbook = super::Logbook {
        partners: read.partners,
        sessions: read.sessions,
        records: Default::default(),
        settings,
    };
    for (k, j) in coachlog_core::logbook::judged_attestations(&all, &logbook) {
        if j.standing != coachlog_core::reports::attested::Standing::Broken {
            continue;
        }
        let mut said = false;
        for c in j.unexplained() {
            said = true;
            report.problems.push(Problem {
                severity: Severity::Error,
                file: k.path.clone(),
                line: None,
                message: format!(
                    "{}{} since the period {} to {} was attested as {}, without --reopen: \
                     `coachlog attest verify {}` lists every change",
                    c.describe(),
                    session_file(ctx, &c.subject),
                    k.record.from,
                    k.record.to,
                    k.record.id,
                    k.record.id
                ),
            });
        }
        if !said {
            report.problems.push(Problem {
                severity: Severity::Error,
                file: k.path.clone(),
                line: None,
                message: format!(
                    "its figures are not what summary counts for {}: `coachlog attest verify {}` \
                     says more",
                    k.record.to, k.record.id
                ),
            });
        }
    }
    report.sort();
    Ok(())
}

/// The file of the session a subject names, as ` (path)`, when there is one.
fn session_file(ctx: &Context, subject: &coachlog_core::domain::attestation::Subject) -> String {
    match subject {
        coachlog_core::domain::attestation::Subject::Session(id) => ctx
            .store
            .find_session(id)
            .map(|p| format!(" ({})", p.display()))
            .unwrap_or_default(),
        _ => String::new(),
    }
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
            use coachlog_core::domain::text::count;
            ui::note(format!(
                "Removed {} left by interrupted writes; made {} owner-only.",
                count(removed, "temporary file", "temporary files"),
                count(private, "file or folder", "files and folders")
            ));
        }
        let (mut report, read) = check::check_and_read(&ctx.store, ctx.today);
        check_attested(ctx, &mut report, read)?;
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
