//! `coachlog attest`: signs a period as it stands — each session by the hash of its counted facts,
//! the sessions before it by one digest, each scheme's figures as `summary` shows them on the last
//! day with the rules that judged them, and the clients' consent — keeps the statement a mentor
//! signs, and afterwards says whether the period still holds what was signed, counting its figures
//! again. What an attested period rests on changes only with `--reopen --reason`, which the guard
//! in the write path asks for and the attestation records (see `storage::guard`).

use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{AttestArgs, AttestCommand};
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::attestation::{Attestation, earlier_digest, period_sessions};
use coachlog_core::domain::duration::hours_2dp;
use coachlog_core::domain::text::count;
use coachlog_core::reports::Partners;
use coachlog_core::reports::aliases::Namer;
use coachlog_core::reports::attested::{self, Judgment, Standing};
use coachlog_core::reports::counting::Practice;
use coachlog_core::storage::development::{Kept, KeptFile};

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
        let output = Output::or_file(self.output.as_deref(), || {
            format!("attestation-{from}-{to}.html")
        });
        output.check(self.force)?;
        // Everything is read under the lock, so that no change can come between what is counted
        // and what is signed, and no two attestations can overlap.
        let _lock = ctx.store.lock()?;
        let logbook = ctx.read_logbook()?;
        let sessions = period_sessions(&logbook.sessions, from, to);
        if sessions.is_empty() {
            return Err(usage(format!(
                "no sessions from {from} to {to}: there is nothing to attest"
            )));
        }
        let existing = ctx.store.attestations()?;
        if let Some(other) = existing
            .iter()
            .find(|k| k.record.stands() && k.record.from <= to && from <= k.record.to)
        {
            return Err(usage(format!(
                "{from} to {to} overlaps attestation {} ({} to {}): attest the days after it, or \
                 take that one back with `coachlog attest withdraw {} --reason \"…\"`",
                other.record.id, other.record.from, other.record.to, other.record.id
            )));
        }
        let partners = Partners::new(logbook.partners.clone());
        let practice = Practice::new(&logbook.sessions, to);
        let settings = &logbook.settings;
        let summary = coachlog_core::reports::summary::summary(
            &practice,
            &logbook.records,
            &partners,
            settings,
            settings.schemes.iter(),
        );
        let shown = summary.shown(&[], settings);
        let schemes = attested::figures(
            &practice,
            from,
            &partners,
            settings,
            shown.iter().map(|p| &p.scheme),
        );
        let attestation = Attestation {
            id: coachlog_core::storage::attestation::new_id(),
            from,
            to,
            made: ctx.today,
            by: self.by.clone(),
            sessions,
            earlier: Some(earlier_digest(&logbook.sessions, from)),
            consent: Some(attested::consent(&practice, &partners)),
            follows: existing.iter().map(|k| k.record.id.clone()).collect(),
            schemes,
            reopened: Vec::new(),
            withdrawn: None,
            notes: None,
        };
        // A client who has not consented to be named is not named in the statement either: it
        // goes to a mentor, and into an accreditor's packet.
        let namer = Namer::new(&logbook.sessions, &partners, false, true);
        let mut lines: Vec<crate::views::attestation::Line> = logbook
            .sessions
            .iter()
            .filter(|s| attestation.covers(s.date))
            .map(|s| crate::views::attestation::Line {
                date: s.date,
                client: namer.name(&s.partner, &partners),
                minutes: s.minutes.get(),
                role: s.role.as_str(),
                id: s.id.clone(),
            })
            .collect();
        lines.sort_by(|x, y| (x.date, &x.id).cmp(&(y.date, &y.id)));
        let html =
            crate::views::attestation::statement(&attestation, settings.name.as_deref(), &lines);
        let saved = ctx.store.add_attestation(attestation, html.as_bytes())?;
        // The statement goes where it was asked for; if it cannot, nothing is attested, so that
        // the same command can be run again.
        if let Err(e) = output.write(ctx, html.as_bytes(), self.force) {
            ctx.store.unmake_attestation(&saved)?;
            return Err(e.context("nothing was attested"));
        }
        let a = &saved.record;
        ctx.store.describe_change(format!(
            "attest: {from} to {to} ({})",
            count(a.sessions.len(), "session", "sessions")
        ));
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

impl Run for AttestArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        match &self.command {
            None => self.attest(ctx),
            Some(AttestCommand::List(args)) => {
                let all = ctx.store.attestations()?;
                let logbook = ctx.read_logbook()?;
                let judged = coachlog_core::logbook::judged_attestations(&all, &logbook);
                if args.json {
                    #[derive(serde::Serialize)]
                    struct Row<'a> {
                        #[serde(flatten)]
                        attestation: &'a Attestation,
                        holds: bool,
                        standing: Standing,
                    }
                    let cleaned: Vec<(Attestation, &Judgment)> = judged
                        .iter()
                        .map(|(k, j)| (k.record.clone().without_notes(), j))
                        .collect();
                    let rows: Vec<Row> = cleaned
                        .iter()
                        .map(|(a, j)| Row {
                            attestation: a,
                            holds: j.holds(),
                            standing: j.standing,
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
                write!(
                    ctx.out,
                    "{}",
                    crate::views::attestation::list(&judged, &ui::look())
                )?;
                for gone in ctx.store.missing_among(&all)? {
                    ui::warn(gone.describe());
                }
                Ok(())
            }
            Some(AttestCommand::Verify(args)) => {
                let all = ctx.store.attestations()?;
                let gone = ctx.store.missing_among(&all)?;
                let chosen: Vec<KeptFile<Attestation>> = match &args.id {
                    Some(id) => {
                        let found: Vec<_> =
                            all.iter().filter(|k| &k.record.id == id).cloned().collect();
                        if found.is_empty() {
                            if let Some(g) = gone.iter().find(|g| &g.id == id) {
                                bail!("{}", g.describe());
                            }
                            return Err(usage(format!(
                                "no attestation has the id '{}' (`coachlog attest list` shows them)",
                                ui::clean(id, 40)
                            )));
                        }
                        found
                    }
                    None => all,
                };
                if chosen.is_empty() && gone.is_empty() {
                    writeln!(ctx.out, "No periods attested yet: nothing to verify.")?;
                    return Ok(());
                }
                let logbook = ctx.read_logbook()?;
                let mut broken = 0;
                for (k, j) in coachlog_core::logbook::judged_attestations(&chosen, &logbook) {
                    if j.standing == Standing::Broken {
                        broken += 1;
                    }
                    write!(
                        ctx.out,
                        "{}",
                        crate::views::attestation::judgment(&k.record, &j)
                    )?;
                }
                if args.id.is_none() {
                    for g in &gone {
                        writeln!(ctx.out, "{}", g.describe())?;
                    }
                    broken += gone.len();
                }
                if broken > 0 {
                    bail!(
                        "{} not what was signed: put the changed files back as they were signed (a \
                         backup, or `coachlog undo` in a logbook kept in git)",
                        count(broken, "attested period is", "attested periods are")
                    );
                }
                Ok(())
            }
            Some(AttestCommand::Withdraw(args)) => {
                let _lock = ctx.store.lock()?;
                let all = ctx.store.attestations()?;
                let Some(k) = all.iter().find(|k| k.record.id == args.id) else {
                    return Err(usage(format!(
                        "no attestation has the id '{}' (`coachlog attest list` shows them)",
                        ui::clean(&args.id, 40)
                    )));
                };
                if let Some(w) = &k.record.withdrawn {
                    return Err(usage(format!(
                        "attestation {} was withdrawn on {} already: {}",
                        k.record.id,
                        w.on,
                        ui::clean(&w.reason, 200)
                    )));
                }
                let withdrawal = coachlog_core::domain::attestation::Withdrawal {
                    on: ctx.today,
                    reason: args.reason.clone(),
                };
                let text = coachlog_core::storage::files::read_regular(&k.path)?;
                let updated = coachlog_core::storage::attestation::with_withdrawal(
                    &k.path,
                    &text,
                    &withdrawal,
                )?;
                ctx.store.replace_record_text(&k.path, &updated)?;
                ctx.store.describe_change(format!(
                    "attest withdraw: {} ({} to {})",
                    k.record.id, k.record.from, k.record.to
                ));
                writeln!(
                    ctx.out,
                    "Withdrew attestation {} ({} to {}): it is kept, with the reason, and vouches \
                     for nothing; the period may be attested again",
                    k.record.id, k.record.from, k.record.to
                )?;
                Ok(())
            }
            Some(AttestCommand::Sign(args)) => {
                let all = ctx.store.attestations()?;
                if let Some(k) = all.iter().find(|k| k.record.id == args.id) {
                    let logbook = ctx.read_logbook()?;
                    let (_, j) = coachlog_core::logbook::judged_attestations(
                        std::slice::from_ref(k),
                        &logbook,
                    )
                    .pop()
                    .expect("one judged");
                    if !j.holds() {
                        return Err(usage(format!(
                            "attestation {} {}: a signature would vouch for figures that are not \
                             so; `coachlog attest verify {}` says what changed",
                            k.record.id,
                            match j.standing {
                                Standing::Reopened =>
                                    "no longer holds the figures its statement shows",
                                Standing::Withdrawn => "was withdrawn",
                                _ => "does not hold what was signed",
                            },
                            k.record.id
                        )));
                    }
                }
                let attach = crate::cli::AttachArgs {
                    record: format!("attest:{}", args.id),
                    file: args.file.clone(),
                    kind: Some(coachlog_core::domain::evidence::EvidenceKind::Letter),
                };
                attach.run(ctx)
            }
        }
    }
}
