//! `coachlog attest`: signs a period as it stands — each session by the hash of its counted facts,
//! each scheme's figures as `summary` shows them on the last day — writes the statement a mentor
//! signs, and afterwards says whether the period still holds what was signed. A session in an
//! attested period changes only with `--reopen --reason`, which the attestation records.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::cli::{AttestArgs, AttestCommand, ReopenArgs};
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::domain::attestation::{Attestation, AttestedScheme, Difference, Reopening, differences};
use crate::domain::duration::hours_2dp;
use crate::domain::model::Session;
use crate::domain::text::count;
use crate::error::usage;
use crate::reports::Partners;
use crate::reports::counting::{Ledger, Practice, Rules};
use crate::storage::attestation::with_reopening;
use crate::storage::development::{Kept, KeptFile};
use crate::storage::files;
use crate::ui;
use crate::ui::table::{Column, Grid};

/// How a period differs from what was attested, each with the reopening that allowed it, if any.
fn judged(a: &Attestation, sessions: &[Session]) -> Vec<(Difference, Option<Reopening>)> {
    differences(
        a,
        &crate::storage::attestation::period_sessions(sessions, a.from, a.to),
    )
    .into_iter()
    .map(|d| {
        let allowed = a
            .reopened
            .iter()
            .find(|r| r.session == d.session())
            .cloned();
        (d, allowed)
    })
    .collect()
}

/// A change allowed in the attested periods that cover a day: [`Reopen::record`] puts it on each
/// of them once the change is made.
#[must_use]
pub struct Reopen {
    covering: Vec<KeptFile<Attestation>>,
    reason: Option<String>,
}

impl Reopen {
    /// Records the change of `session` on each attestation that covers its day (under the caller's
    /// lock, after the change).
    pub fn record(self, ctx: &Context, session: &str) -> Result<()> {
        let Some(reason) = self.reason else {
            return Ok(());
        };
        for k in &self.covering {
            let text = files::read_regular(&k.path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", k.path.display()))?;
            let reopening = Reopening {
                on: ctx.today,
                session: session.to_owned(),
                reason: reason.clone(),
            };
            files::replace(&k.path, &with_reopening(&k.path, &text, &reopening)?)?;
            ui::note(format!(
                "reopened attestation {} ({} to {}) for session {session}: {reason}",
                k.record.id, k.record.from, k.record.to
            ));
        }
        Ok(())
    }
}

/// Refuses a change on `date` in an attested period unless `reopen` says why; with a reason, the
/// change may go ahead and [`Reopen::record`] puts it on the attestations.
pub fn guard(ctx: &Context, date: NaiveDate, reopen: &ReopenArgs) -> Result<Reopen> {
    let covering: Vec<KeptFile<Attestation>> = attestations(ctx)?
        .into_iter()
        .filter(|k| k.record.covers(date))
        .collect();
    let reason = match covering.first() {
        None => None,
        Some(first) => match reopen.reason.as_deref().filter(|_| reopen.reopen) {
            Some(reason) => Some(reason.to_owned()),
            None => {
                return Err(usage(format!(
                    "{date} is in the period attested as {} ({} to {}): a change there needs \
                     --reopen --reason \"…\", which the attestation records",
                    first.record.id, first.record.from, first.record.to
                )));
            }
        },
    };
    Ok(Reopen { covering, reason })
}

impl AttestArgs {
    /// Attests the period the flags give.
    fn attest(&self, ctx: &mut Context) -> Result<()> {
        let (from, to) = match self.period {
            Some(p) => (Some(p.first(ctx.today)), Some(p.last(ctx.today))),
            None => ctx.date_range(self.from, self.to)?,
        };
        let (Some(from), Some(to)) = (from, to) else {
            return Err(usage(
                "which period? give --from DATE --to DATE, or --period (e.g. --period 2026-Q3)",
            ));
        };
        if to > ctx.today {
            return Err(usage(format!(
                "the period ends on {to}, after today ({}): a period is attested once it has \
                 ended (give an earlier --to)",
                ctx.today
            )));
        }
        let logbook = ctx.read_logbook()?;
        let sessions = crate::storage::attestation::period_sessions(&logbook.sessions, from, to);
        if sessions.is_empty() {
            return Err(usage(format!(
                "no sessions from {from} to {to}: there is nothing to attest"
            )));
        }
        let existing = if ctx.store.kept_dir::<Attestation>().is_dir() {
            ctx.store.kept::<Attestation>()?
        } else {
            Vec::new()
        };
        if let Some(other) = existing
            .iter()
            .find(|k| k.record.from <= to && from <= k.record.to)
        {
            return Err(usage(format!(
                "{from} to {to} overlaps attestation {} ({} to {}): attest the days after it",
                other.record.id, other.record.from, other.record.to
            )));
        }
        let output = Output::or_file(self.output.as_deref(), || {
            format!("attestation-{from}-{to}.html")
        });
        output.check(self.force)?;
        let partners = Partners::new(logbook.partners);
        let practice = Practice::new(&logbook.sessions, to);
        let summary = crate::reports::summary::summary(
            &practice,
            &logbook.records,
            &partners,
            &logbook.settings,
            logbook.settings.schemes.iter(),
        );
        let schemes: Vec<AttestedScheme> = summary
            .shown(&[], &logbook.settings)
            .into_iter()
            .map(|p| {
                let ledger = Ledger::count(
                    &practice,
                    Rules::new(&p.scheme, &logbook.settings),
                    &partners,
                );
                AttestedScheme {
                    id: p.scheme.id.clone(),
                    name: p.scheme.name.clone(),
                    minutes: ledger.all().minutes(),
                    paid_minutes: ledger.all().paid_minutes(),
                    period_minutes: ledger.since(Some(from)).minutes(),
                }
            })
            .collect();
        let attestation = Attestation {
            id: String::new(),
            from,
            to,
            made: ctx.today,
            by: self.by.clone(),
            sessions,
            schemes,
            reopened: Vec::new(),
            notes: None,
        };
        let saved = {
            let _lock = ctx.store.lock()?;
            let saved = ctx.store.add_kept(attestation)?;
            ctx.store.describe_change(format!(
                "attest: {from} to {to} ({})",
                count(saved.record.sessions.len(), "session", "sessions")
            ));
            saved
        };
        let a = &saved.record;
        let lines: Vec<crate::views::attestation::Line> = logbook
            .sessions
            .iter()
            .filter(|s| a.covers(s.date))
            .map(|s| crate::views::attestation::Line {
                date: s.date,
                client: partners.get(&s.partner).map_or_else(
                    || s.partner.to_string(),
                    |p| p.alias.clone().unwrap_or_else(|| p.name.clone()),
                ),
                minutes: s.minutes.get(),
                role: s.role.as_str(),
                id: s.id.clone(),
            })
            .collect();
        let mut lines = lines;
        lines.sort_by(|x, y| (x.date, &x.id).cmp(&(y.date, &y.id)));
        let html =
            crate::views::attestation::statement(a, logbook.settings.name.as_deref(), &lines);
        output.write(ctx, html.as_bytes(), self.force)?;
        let figures: Vec<String> = a
            .schemes
            .iter()
            .map(|s| format!("{} {} h", s.name, hours_2dp(s.minutes)))
            .collect();
        writeln!(
            ctx.out,
            "Attested {from} to {to}: {} ({}) as attestation {} → {}",
            count(a.sessions.len(), "session", "sessions"),
            figures.join(", "),
            a.id,
            saved.path.display()
        )?;
        ctx.out.flush()?;
        ui::note(format!(
            "Once it is signed: `coachlog attest sign {} FILE` keeps the signed statement.",
            a.id
        ));
        Ok(())
    }
}

/// Every attestation, oldest first.
fn attestations(ctx: &Context) -> Result<Vec<KeptFile<Attestation>>> {
    if !ctx.store.kept_dir::<Attestation>().is_dir() {
        return Ok(Vec::new());
    }
    ctx.store.kept::<Attestation>()
}

impl Run for AttestArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        match &self.command {
            None => self.attest(ctx),
            Some(AttestCommand::List(args)) => {
                let all = attestations(ctx)?;
                let sessions = ctx.read_logbook()?.sessions;
                if args.json {
                    #[derive(serde::Serialize)]
                    struct Row<'a> {
                        #[serde(flatten)]
                        attestation: &'a Attestation,
                        holds: bool,
                    }
                    let cleaned: Vec<Attestation> = all
                        .iter()
                        .map(|k| k.record.clone().without_notes())
                        .collect();
                    let rows: Vec<Row> = cleaned
                        .iter()
                        .map(|a| Row {
                            attestation: a,
                            holds: judged(a, &sessions)
                                .iter()
                                .all(|(_, allowed)| allowed.is_some()),
                        })
                        .collect();
                    serde_json::to_writer_pretty(&mut ctx.out, &rows)?;
                    writeln!(ctx.out)?;
                    return Ok(());
                }
                if all.is_empty() {
                    writeln!(
                        ctx.out,
                        "No periods attested yet: `coachlog attest --period 2026-Q3` attests one."
                    )?;
                    return Ok(());
                }
                let look = ui::look();
                let mut table = Grid::new(
                    &look,
                    [
                        Column::keep("ID"),
                        Column::keep("From"),
                        Column::keep("To"),
                        Column::keep("Sessions").right(),
                        Column::wrap("Signed by"),
                        Column::wrap("Holds"),
                    ],
                );
                for k in &all {
                    let open: Vec<_> = judged(&k.record, &sessions);
                    let unexplained = open.iter().filter(|(_, a)| a.is_none()).count();
                    table.row([
                        k.record.id.clone(),
                        k.record.from.to_string(),
                        k.record.to.to_string(),
                        k.record.sessions.len().to_string(),
                        k.record
                            .by
                            .as_deref()
                            .map_or_else(|| look.symbols().none.to_owned(), |b| ui::clean(b, 40)),
                        match (unexplained, k.record.reopened.len()) {
                            (0, 0) => "yes".to_owned(),
                            (0, n) => format!("yes, reopened {}", count(n, "time", "times")),
                            (n, _) => format!(
                                "no: {} (`coachlog attest verify`)",
                                count(n, "change", "changes")
                            ),
                        },
                    ]);
                }
                write!(ctx.out, "{}", table.render())?;
                Ok(())
            }
            Some(AttestCommand::Verify(args)) => {
                let all = attestations(ctx)?;
                let chosen: Vec<&KeptFile<Attestation>> = match &args.id {
                    Some(id) => {
                        let found: Vec<_> = all.iter().filter(|k| &k.record.id == id).collect();
                        if found.is_empty() {
                            return Err(usage(format!(
                                "no attestation has the id '{id}' (`coachlog attest list` shows them)"
                            )));
                        }
                        found
                    }
                    None => all.iter().collect(),
                };
                if chosen.is_empty() {
                    writeln!(ctx.out, "No periods attested yet: nothing to verify.")?;
                    return Ok(());
                }
                let sessions = ctx.read_logbook()?.sessions;
                let mut broken = 0;
                for k in chosen {
                    let a = &k.record;
                    let found = judged(a, &sessions);
                    let unexplained = found.iter().filter(|(_, r)| r.is_none()).count();
                    broken += unexplained;
                    writeln!(
                        ctx.out,
                        "{} ({} to {}): {}",
                        a.id,
                        a.from,
                        a.to,
                        if unexplained == 0 {
                            format!(
                                "holds what was signed ({}{})",
                                count(a.sessions.len(), "session", "sessions"),
                                if found.is_empty() {
                                    String::new()
                                } else {
                                    format!(
                                        ", {} reopened with a reason",
                                        count(found.len(), "change", "changes")
                                    )
                                }
                            )
                        } else {
                            format!(
                                "does not hold what was signed: {}",
                                count(unexplained, "change", "changes")
                            )
                        }
                    )?;
                    for (d, allowed) in &found {
                        match allowed {
                            Some(r) => writeln!(
                                ctx.out,
                                "  {} (reopened on {}: {})",
                                d.describe(),
                                r.on,
                                ui::clean(&r.reason, 200)
                            )?,
                            None => writeln!(ctx.out, "  {}, without --reopen", d.describe())?,
                        }
                    }
                }
                if broken > 0 {
                    bail!(
                        "{} in attested periods: put the session files back as they were signed \
                         (a backup, or `coachlog undo` in a logbook kept in git)",
                        count(broken, "change", "changes")
                    );
                }
                Ok(())
            }
            Some(AttestCommand::Sign(args)) => {
                let attach = crate::cli::AttachArgs {
                    record: format!("attest:{}", args.id),
                    file: args.file.clone(),
                    kind: Some(crate::domain::evidence::EvidenceKind::Letter),
                };
                attach.run(ctx)
            }
        }
    }
}
