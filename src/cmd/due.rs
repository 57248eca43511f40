//! `coachlog due`: what needs the coach, most urgent first, each with its command; `--exit-code`
//! for cron, a systemd timer, a login script or a prompt.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::Result;
use chrono::Datelike;

use crate::cli::DueArgs;
use crate::cmd::{Context, Logbook, Run};
use crate::ui;
use crate::ui::table::{Column, Grid};
use coachlog_core::reports::Partners;
use coachlog_core::reports::counting::Practice;
use coachlog_core::reports::due::{self, Input, Waits};
use coachlog_core::reports::summary::Summary;
use coachlog_core::storage::files;

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
pub(super) fn calendar_path(ctx: &Context, file: &str) -> std::path::PathBuf {
    match file.strip_prefix("~/") {
        Some(rest) => dirs::home_dir().unwrap_or_default().join(rest),
        None => ctx.store.root().join(file),
    }
}

/// Opens the confidential text `due` reads, where this device can: the partners' e-mail addresses
/// when a calendar file is matched by them, and the experiments of today's partners. `quietly`: what
/// cannot be opened is not said (a prompt's `status`, whose count does not depend on it).
pub(super) fn open_text(ctx: &Context, logbook: &mut Logbook, quietly: bool) -> Result<()> {
    use coachlog_core::domain::private::Confidential;
    if logbook.settings.calendar.file.is_some()
        && logbook.partners.iter_mut().any(|p| p.has_sealed())
    {
        ctx.open_text_as(&mut logbook.partners, Vec::new(), quietly);
    }
    let today: BTreeSet<_> = logbook
        .sessions
        .iter()
        .filter(|s| s.date == ctx.today)
        .map(|s| s.partner.clone())
        .collect();
    let sealed = logbook
        .sessions
        .iter_mut()
        .filter(|s| today.contains(&s.partner))
        .filter_map(|s| s.has_sealed().then_some(s))
        .collect::<Vec<_>>();
    if !sealed.is_empty() {
        ctx.open_text_as(&mut [], sealed, quietly);
    }
    Ok(())
}

/// What is due in the logbook today, looking `within` days ahead, and the summary it was judged
/// with (which `status` shows a scheme of).
pub(super) fn judge(
    ctx: &Context,
    logbook: &Logbook,
    within: i64,
) -> Result<(Vec<due::Item>, Summary)> {
    let today = ctx.today;
    let settings = &logbook.settings;
    let partners = Partners::new(logbook.partners.clone());
    let practice = Practice::new(&logbook.sessions, today);
    let summary = coachlog_core::reports::summary::summary(
        &practice,
        &logbook.records,
        &partners,
        settings,
        settings.schemes.iter(),
    );
    let shown = summary.shown(&[], settings);
    let renewals: Vec<(String, chrono::NaiveDate, bool)> =
        coachlog_core::reports::renewal::renewal(&logbook.records, &settings.schemes, today)
            .into_iter()
            .map(|r| (r.name, r.credential.expires, r.met))
            .collect();
    // The inbox: lines to log, and lines that wait, with why.
    let judging = super::inbox::judge(ctx, logbook)?;
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
            let path = calendar_path(ctx, file);
            // Read as any file the user names: a regular file only, bounded, so that a prompt's
            // `status` can neither hang on a pipe nor fill the memory from a device.
            let bytes = files::read_named(&path, files::MAX_INPUT_BYTES).map_err(|e| {
                anyhow::anyhow!(
                    "calendar.file {file}: cannot read {}: {e} (correct it in config.toml)",
                    ui::clean(&path.display().to_string(), 200)
                )
            })?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let options = coachlog_core::import::calendar::Options {
                settings: &settings.calendar,
                as_of: today,
                role: None,
                create_partners: false,
            };
            let plan = coachlog_core::import::calendar::plan(
                &text,
                &options,
                &logbook.partners,
                &logbook.sessions,
            )
            .map_err(|e| anyhow::anyhow!("calendar.file {file}: {e}"))?;
            let unknown: usize = plan.unknown.values().map(|(_, n)| n).sum();
            Some((path.display().to_string(), plan.sessions.len() + unknown))
        }
    };
    // A coach who attests periods: the last quarter, once ended, if it has sessions; and the
    // attested periods that no longer hold, or are gone.
    let attestations = ctx.store.attestations()?;
    let mut attested: Vec<due::AttestationDue> = super::attest::judged(&attestations, logbook)
        .into_iter()
        .filter(|(_, j)| j.standing == coachlog_core::reports::attested::Standing::Broken)
        .map(|(k, _)| due::AttestationDue::Broken {
            id: k.record.id,
            to: k.record.to,
        })
        .collect();
    attested.extend(
        ctx.store
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
    let holders = if ctx.store.evidence_dir().is_dir() {
        ctx.store.holders().unwrap_or_default()
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
        super::evidence::missing(&holders, settings.consent_forms, &consenting).len()
    } else {
        0
    };
    let mix = coachlog_core::reports::mix::of_practice(
        &practice,
        &partners,
        settings.min_non_coach_share,
    );
    let recent: Vec<(String, String, chrono::NaiveDate, u64)> = shown
        .iter()
        .filter_map(|p| {
            let (required, months) = p.scheme.recent?;
            let ledger = coachlog_core::reports::counting::Ledger::count(
                &practice,
                coachlog_core::reports::counting::Rules::new(&p.scheme, settings),
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
        ledger: &mix.ledger,
        recent,
        waits: Waits {
            within_days: within,
            ..Waits::default()
        },
    });
    drop(shown);
    Ok((items, summary))
}

/// The width of the table of what is due but for its commands: the day, what (at its
/// narrowest comfortable width) and the spaces between.
const NARROWEST_TABLE: usize = 12 + 22 + 4;

impl Run for DueArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let mut logbook = ctx.read_logbook()?;
        open_text(ctx, &mut logbook, false)?;
        let (items, _) = judge(ctx, &logbook, self.within)?;
        if self.json {
            ctx.print_json(&items)?;
        } else if items.is_empty() {
            writeln!(ctx.out, "Nothing is due.")?;
        } else if let Some(width) = ui::look().width
            && items
                .iter()
                .map(|i| i.command.chars().count())
                .max()
                .unwrap_or(0)
                + NARROWEST_TABLE
                > width
        {
            // Too narrow for each command whole in a column: each item as a paragraph, its
            // command on a line of its own, never broken.
            let look = ui::look();
            for item in &items {
                let what = ui::clean(&item.what, 200);
                write!(
                    ctx.out,
                    "{}",
                    look.hanging(&format!("{}   ", item.by), &what)
                )?;
                // Under the text where it fits there, else further left: never broken.
                let length = item.command.chars().count();
                let indent = [13, 2, 0]
                    .into_iter()
                    .find(|indent| indent + length <= width)
                    .unwrap_or(0);
                writeln!(ctx.out, "{}{}", " ".repeat(indent), item.command)?;
            }
        } else {
            let look = ui::look();
            let mut table = Grid::new(
                &look,
                [
                    Column::keep("By"),
                    Column::wrap("What"),
                    // A command is never broken: where it cannot be whole, the list above.
                    Column::keep("Run"),
                ],
            );
            for item in &items {
                table.row([
                    item.by.to_string(),
                    ui::clean(&item.what, 200),
                    item.command.clone(),
                ]);
            }
            write!(ctx.out, "{}", table.render())?;
        }
        if self.exit_code && !items.is_empty() {
            ctx.exit = crate::error::Exit::Failure;
        }
        Ok(())
    }
}
