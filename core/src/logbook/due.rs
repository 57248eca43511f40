//! What is due in the logbook today: the report of [`crate::reports::due`], given what it judges
//! from the logbook and the files beside it (the inbox, a calendar export, the attestations, the
//! evidence kept). `due` lists it and `status` counts it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::Logbook;
use crate::reports::Partners;
use crate::reports::counting::Practice;
use crate::reports::due::{self, Input, Waits};
use crate::reports::summary::Summary;
use crate::storage::{Store, files};

/// The last quarter that has ended: its name and its first and last day.
fn last_quarter(today: chrono::NaiveDate) -> (String, chrono::NaiveDate, chrono::NaiveDate) {
    let q = (today.month0() / 3) as i32; // this quarter, from 0
    let (year, quarter) = if q == 0 {
        (today.year() - 1, 3)
    } else {
        (today.year(), q - 1)
    };
    let first = chrono::NaiveDate::from_ymd_opt(year, (quarter * 3 + 1) as u32, 1).unwrap_or(today);
    let next = if quarter == 3 {
        chrono::NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(year, (quarter * 3 + 4) as u32, 1)
    }
    .unwrap_or(today);
    (
        format!("{year}-Q{}", quarter + 1),
        first,
        next.pred_opt().unwrap_or(next),
    )
}

/// Where the calendar file `config.toml` names is: `~/` is the home directory, any other relative
/// path is in the logbook.
pub fn calendar_path(root: &Path, file: &str) -> PathBuf {
    match file.strip_prefix("~/") {
        Some(rest) => dirs::home_dir().unwrap_or_default().join(rest),
        None => root.join(file),
    }
}

/// What is due in the logbook today, looking `within` days ahead, and the summary it was judged
/// with (which `status` shows a scheme of).
pub fn judge(
    store: &Store,
    logbook: &Logbook,
    today: NaiveDate,
    within: i64,
) -> Result<(Vec<due::Item>, Summary)> {
    let settings = &logbook.settings;
    let partners = Partners::new(logbook.partners.clone());
    let practice = Practice::new(&logbook.sessions, today);
    let summary = crate::reports::summary::summary(
        &practice,
        &logbook.records,
        &partners,
        settings,
        settings.schemes.iter(),
    );
    let shown = summary.shown(&[], settings);
    let renewals: Vec<(
        String,
        chrono::NaiveDate,
        bool,
        crate::reports::renewal::Window,
    )> = crate::reports::renewal::renewal(&logbook.records, &settings.schemes, today)
        .into_iter()
        .filter(|r| !r.renewed)
        .map(|r| (r.name, r.credential.expires, r.met, r.window))
        .collect();
    // The inbox: lines to log, and lines that wait, with why.
    let judging = super::inbox_files::judge(store, logbook, today)?;
    let mut inbox_lines = 0;
    let mut inbox_waiting = Vec::new();
    for file in &judging.files {
        inbox_lines += file.taken_now(today).len() + file.twins.len();
        for (line, why) in file.waiting() {
            inbox_waiting.push((format!("{}:{}", file.file, line.number), why.to_owned()));
        }
    }
    // The calendar export, when config.toml names one: its coaching events not logged yet.
    let calendar = match settings.calendar.file.as_deref() {
        None => None,
        Some(file) => {
            let path = calendar_path(store.root(), file);
            // Read as any file the user names: a regular file only, bounded, so that a prompt's
            // `status` can neither hang on a pipe nor fill the memory from a device.
            let bytes = files::read_named(&path, files::MAX_INPUT_BYTES).map_err(|e| {
                crate::error::config(format!(
                    "calendar.file {file}: cannot read {}: {e} (correct it in config.toml)",
                    path.display()
                ))
            })?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let options = crate::import::calendar::Options {
                settings: &settings.calendar,
                as_of: today,
                role: None,
                create_partners: false,
            };
            let plan = crate::import::calendar::plan(
                &text,
                &options,
                &logbook.partners,
                &logbook.sessions,
            )
            .map_err(|e| crate::error::config(format!("calendar.file {file}: {e}")))?;
            let unknown: usize = plan.unknown.values().map(|(_, n)| n).sum();
            Some((path.display().to_string(), plan.sessions.len() + unknown))
        }
    };
    // A coach who attests periods: the last quarter, once ended, if it has sessions; and the
    // attested periods that no longer hold, or are gone.
    let attestations = store.attestations()?;
    let mut attested: Vec<due::AttestationDue> = super::judged_attestations(&attestations, logbook)
        .into_iter()
        .filter(|(_, j)| j.standing == crate::reports::attested::Standing::Broken)
        .map(|(k, _)| due::AttestationDue::Broken {
            id: k.record.id,
            to: k.record.to,
        })
        .collect();
    attested.extend(
        store
            .missing_among(&attestations)?
            .into_iter()
            .map(|m| due::AttestationDue::Gone { id: m.id }),
    );
    let unattested = (!attestations.is_empty())
        .then(|| last_quarter(today))
        .filter(|(_, first, last)| {
            logbook
                .sessions
                .iter()
                .any(|s| *first <= s.date && s.date <= *last)
                && !attestations
                    .iter()
                    .any(|a| a.record.stands() && a.record.from <= *last && *first <= a.record.to)
        })
        .map(|(name, _, last)| (name, last));
    // A coach who keeps evidence: what still has none.
    // (Only a logbook with an evidence folder is read for it: the other records are many.)
    let holders = if store.evidence_dir().is_dir() {
        store.holders().unwrap_or_default()
    } else {
        Vec::new()
    };
    let evidence_missing = if holders.iter().any(|h| !h.entries.is_empty()) {
        let consenting: BTreeSet<String> = logbook
            .partners
            .iter()
            .filter(|p| p.consent)
            .map(|p| p.id.to_string())
            .collect();
        crate::storage::evidence::missing(&holders, settings.consent_forms, &consenting).len()
    } else {
        0
    };
    // Requests for feedback the clients have not answered (none when none were sent).
    let open_requests: Vec<(crate::domain::feedback::Request, String)> =
        crate::reports::feedback::requests(
            &store.records::<crate::domain::feedback::Request>()?,
            &logbook.sessions,
            today,
        )
        .into_iter()
        .filter(|row| {
            matches!(
                row.standing,
                crate::reports::feedback::Standing::Open { .. }
            )
        })
        .map(|row| {
            let name = partners
                .get(&row.request.partner)
                .map_or_else(|| row.request.partner.to_string(), |p| p.name.clone());
            (row.request, name)
        })
        .collect();
    let mix = crate::reports::mix::of_practice(&practice, &partners, settings.min_non_coach_share);
    let recent: Vec<(String, String, chrono::NaiveDate, u64)> = shown
        .iter()
        .filter_map(|p| {
            let (required, months) = p.scheme.recent?;
            let ledger = crate::reports::counting::Ledger::count(
                &practice,
                crate::reports::counting::Rules::new(&p.scheme, settings),
                &partners,
            );
            let counted: Vec<(chrono::NaiveDate, u64)> = ledger
                .all()
                .counted()
                .map(|c| (c.session.date, c.minutes()))
                .collect();
            let (on, minutes) = due::recent_drop(&counted, today, months, required, within)?;
            Some((p.scheme.name.clone(), p.scheme.id.clone(), on, minutes))
        })
        .collect();
    let items = due::due(&Input {
        today,
        sessions: &logbook.sessions,
        partners: &logbook.partners,
        requirements: shown
            .iter()
            .map(|p| (p.scheme.name.as_str(), p.requirements.as_slice()))
            .collect(),
        renewals,
        inbox_lines,
        inbox_waiting,
        calendar,
        unattested,
        attestations: attested,
        evidence_missing,
        open_requests,
        ledger: &mix.ledger,
        recent,
        waits: Waits {
            within_days: within,
            feedback_days: i64::from(settings.feedback.remind_after_days),
            ..Waits::default()
        },
    });
    drop(shown);
    Ok((items, summary))
}
