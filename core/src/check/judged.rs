//! The checks of `check` that judge the logbook as reports do: attested periods that no longer
//! hold what was signed, and (with `--icf`) rows of the ICF log an auditor would reject.

use anyhow::Result;
use chrono::NaiveDate;

use super::{Problem, Read, Report, Severity};
use crate::logbook::Logbook;
use crate::reports::counting::Practice;
use crate::reports::{Partners, icf_log};
use crate::storage::Store;

/// Adds, as warnings on the partners' files, every row of the ICF log (up to today) that an auditor
/// would reject, as `export icf --include-contact` warns of them.
pub fn icf_log(logbook: Logbook, store: &Store, today: NaiveDate, report: &mut Report) {
    let partners = Partners::new(logbook.partners);
    let practice = Practice::new(&logbook.sessions, today);
    let Some(ledger) = icf_log::icf_ledger(&practice, &partners, &logbook.settings) else {
        return;
    };
    let log = icf_log::icf_log(ledger.all());
    for problem in icf_log::audit(&log, &partners, true) {
        report.problems.push(Problem {
            severity: Severity::Warning,
            file: store.partner_path(&problem.partner),
            line: None,
            message: problem.message(),
        });
    }
    report.sort();
}

/// Adds, as errors on the attestations' files, every attested period that does not hold what was
/// signed (as `attest verify` judges it: a change without a reason, or figures that differ with
/// nothing on record to say why), and every attestation that is gone. Where the logbook cannot be
/// read the periods are not judged: the errors above say why.
pub fn attestations(store: &Store, report: &mut Report, read: Read) -> Result<()> {
    let all = store.attestations().unwrap_or_default();
    for gone in store.missing_among(&all)? {
        report.problems.push(Problem {
            severity: Severity::Error,
            file: store.kept_dir::<crate::domain::attestation::Attestation>(),
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
    let logbook = Logbook {
        partners: read.partners,
        sessions: read.sessions,
        records: Default::default(),
        settings,
    };
    for (k, j) in crate::logbook::judged_attestations(&all, &logbook) {
        if j.standing != crate::reports::attested::Standing::Broken {
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
                    session_file(store, &c.subject),
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
fn session_file(store: &Store, subject: &crate::domain::attestation::Subject) -> String {
    match subject {
        crate::domain::attestation::Subject::Session(id) => store
            .find_session(id)
            .map(|p| format!(" ({})", p.display()))
            .unwrap_or_default(),
        _ => String::new(),
    }
}
