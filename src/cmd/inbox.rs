//! `coachlog inbox`: logs the sessions a phone appended to the logbook's inbox (`inbox.txt`,
//! `inbox/*.txt`), each line once, on the day it meant, never rewriting the file; says what became
//! of every line; a line it cannot take is named with its number and left for the user.

use std::io::Write;

use anyhow::Result;

use crate::cli::InboxArgs;
use crate::cmd::{Context, Logbook, Run};
use crate::ui;
use coachlog_core::domain::model::{NewSession, Role, Session};
use coachlog_core::domain::text::count;
use coachlog_core::import::inbox::{self, Fate, Take};
use coachlog_core::logbook::inbox_files;

impl Run for InboxArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let _lock = (!self.dry_run).then(|| ctx.store.lock()).transpose()?;
        let logbook = ctx.read_logbook_to_change()?;
        let judging = inbox_files::judge(&ctx.store, &logbook, ctx.today)?;
        for copy in &judging.copies {
            ui::warn(format!(
                "{}: looks like a copy left by a file-sync tool, so it is not read (its lines \
                 would be taken twice): move the lines it alone has into the inbox, then delete it",
                copy.display()
            ));
        }
        if judging.files.is_empty() && judging.unreadable.is_empty() {
            writeln!(
                ctx.out,
                "No inbox yet: a line such as `2026-12-02 alex 45m` in {} is logged by `coachlog inbox`.",
                ctx.store.root().join("inbox.txt").display()
            )?;
            return Ok(());
        }
        let mut problems: Vec<String> = judging.unreadable.clone();
        let mut done = 0usize;
        for file in &judging.files {
            if let Some(n) = file.unfinished {
                ui::note(format!(
                    "{}:{n} has no end of line yet (a sync may still be writing it): left for \
                     the next run",
                    file.file
                ));
            }
            for (judgment, record) in file.taken_now(ctx.today) {
                let at = format!("{}:{}", file.file, judgment.line.number);
                let acted = match &judgment.fate {
                    Fate::Log(take) => self.log(ctx, &logbook, &file.file, judgment, take, &at),
                    Fate::Correct { take, of, kept } => {
                        self.correct(ctx, &logbook, take, of, *kept, &at)
                    }
                    _ => continue,
                };
                match acted {
                    Ok(()) => {}
                    // A change the logbook refuses (an attested period, a date no reader
                    // reads) is this line's problem; the others end the run.
                    Err(e)
                        if coachlog_core::error::kind_of(&e)
                            == Some(coachlog_core::error::Kind::User) =>
                    {
                        problems.push(format!("{at}: {e}"));
                        continue;
                    }
                    Err(e) => return Err(e),
                }
                done += 1;
                if !self.dry_run {
                    ctx.store.remember_inbox(&record)?;
                }
            }
            for (drop, keep) in &file.twins {
                let same = if ctx.store.find_session(&keep.session).is_ok() {
                    format!("session {} is the same session", keep.session)
                } else {
                    format!(
                        "it is the same session as {}, which was removed since",
                        keep.session
                    )
                };
                let what = format!(
                    "{}: its line {} was changed on the phone while two devices took it before \
                     their logbooks synced; {same}",
                    file.file, drop.line
                );
                if self.dry_run {
                    writeln!(ctx.out, "Would remove session {} ({what})", drop.session)?;
                } else if let Ok(path) = ctx.store.find_session(&drop.session) {
                    ctx.store.remove_session_files(&[path])?;
                    writeln!(ctx.out, "Removed session {} ({what})", drop.session)?;
                }
                done += 1;
            }
            for (line, why) in file.waiting() {
                problems.push(format!("{}:{}: {why}", file.file, line.number));
            }
            if !self.dry_run
                && let Some(read) = &file.read
            {
                ctx.store.remember_inbox(read)?;
            }
        }
        if !self.dry_run && done > 0 {
            ctx.store
                .describe_change(format!("inbox: {}", count(done, "line", "lines")));
        }
        if done == 0 && problems.is_empty() {
            writeln!(ctx.out, "Nothing new in the inbox.")?;
        }
        self.tell_the_rest(ctx, &judging)?;
        for p in &problems {
            ui::warn(ui::safe(p));
        }
        if !problems.is_empty() {
            ui::note(format!(
                "{} left in the inbox as {} (correct {} on the phone, or log {} with `coachlog \
                 log` and delete {} there); the rest is taken once, whatever happens to the file",
                count(problems.len(), "line is", "lines are"),
                coachlog_core::domain::text::agree(problems.len(), "it is", "they are"),
                coachlog_core::domain::text::agree(problems.len(), "it", "them"),
                coachlog_core::domain::text::agree(problems.len(), "it", "them"),
                coachlog_core::domain::text::agree(problems.len(), "it", "them"),
            ));
            ctx.exit = crate::error::Exit::Failure;
        }
        Ok(())
    }
}

impl InboxArgs {
    /// Logs a new session from a line.
    fn log(
        &self,
        ctx: &mut Context,
        logbook: &Logbook,
        file: &str,
        judgment: &inbox::Judgment,
        take: &Take,
        at: &str,
    ) -> Result<()> {
        let Some(partner) = logbook.partners.iter().find(|p| p.id == take.partner) else {
            anyhow::bail!("no partner '{}'", take.partner);
        };
        let quick = &take.quick;
        let session = NewSession {
            date: take.date,
            partner: take.partner.clone(),
            minutes: take.minutes,
            role: quick.role,
            payment: quick
                .payment
                .unwrap_or_else(|| partner.session_payment(partner.arrangement)),
            arrangement: partner.arrangement,
            facts: partner.facts(),
            not_counted: None,
            notes: quick.notes.clone(),
            reflection: None,
            competencies: Vec::new(),
            feedback: None,
            calendar: None,
            inbox: Some(Box::new(inbox::reference(file, &judgment.line))),
        };
        let what = format!(
            "{} {} {} on {}",
            session.minutes,
            doing(session.role),
            ui::clean(&partner.name, 60),
            session.date
        );
        if self.dry_run {
            writeln!(ctx.out, "Would log {what} ({at})")?;
            return Ok(());
        }
        // Under the id of the line's record, so that two devices taking the line before their
        // logbooks sync write one file.
        let id = match ctx.store.add_session_as(session, &take.id)? {
            coachlog_core::storage::Added::New(saved) => saved.session.id,
            coachlog_core::storage::Added::There(id) => {
                writeln!(
                    ctx.out,
                    "Found {what} as session {id} ({at}), logged from this line on another device"
                )?;
                return Ok(());
            }
        };
        writeln!(ctx.out, "Logged {what} as session {id} ({at})")?;
        Ok(())
    }

    /// Changes the session of a line to what the line says now.
    fn correct(
        &self,
        ctx: &mut Context,
        logbook: &Logbook,
        take: &Take,
        of: &coachlog_core::domain::inbox::InboxTaken,
        kept: bool,
        at: &str,
    ) -> Result<()> {
        let session = logbook.sessions.iter().find(|s| s.id == of.session);
        let (true, Some(session)) = (kept, session) else {
            writeln!(
                ctx.out,
                "{at} changed on the phone, but its session {} was removed: not logged again \
                 (log it with `coachlog log` if it happened)",
                of.session
            )?;
            return Ok(());
        };
        let updated = corrected(session, take);
        let changes = describe_changes(session, &updated);
        if changes.is_empty() {
            writeln!(
                ctx.out,
                "{at} changed on the phone; session {} already says so",
                session.id
            )?;
            return Ok(());
        }
        if self.dry_run {
            writeln!(
                ctx.out,
                "Would change session {} ({at}): {changes}",
                session.id
            )?;
            return Ok(());
        }
        let path = ctx.store.find_session(&session.id)?;
        ctx.store.update_session(&path, &updated)?;
        writeln!(
            ctx.out,
            "Changed session {} as its line was corrected on the phone ({at}): {changes}",
            session.id
        )?;
        Ok(())
    }

    /// Says what became of the lines not acted on now.
    fn tell_the_rest(&self, ctx: &mut Context, judging: &inbox_files::Judging) -> Result<()> {
        for file in &judging.files {
            let mut before = 0;
            let mut removed = Vec::new();
            for j in &file.lines {
                if let Fate::Taken { record, kept } = &j.fate {
                    before += 1;
                    if !kept {
                        removed.push(format!("{} ({})", j.line.number, record.session));
                    }
                }
            }
            let mut said = Vec::new();
            if before > 0 {
                said.push(format!("{} taken before", count(before, "line", "lines")));
            }
            if !removed.is_empty() {
                said.push(format!(
                    "{} {} since, and not logged again",
                    coachlog_core::domain::text::agree(
                        removed.len(),
                        "the session of line",
                        "the sessions of lines"
                    ),
                    removed.join(", ")
                        + coachlog_core::domain::text::agree(
                            removed.len(),
                            " was removed",
                            " were removed"
                        ),
                ));
            }
            if file.gone > 0 {
                said.push(format!(
                    "{} taken before no longer in the file (their sessions stay)",
                    count(file.gone, "line", "lines")
                ));
            }
            if !said.is_empty() {
                writeln!(ctx.out, "{}: {}.", file.file, said.join("; "))?;
            }
        }
        Ok(())
    }
}

fn doing(role: Role) -> &'static str {
    match role {
        Role::Coach => "coaching",
        Role::Client => "coached by",
        Role::Observer => "observing with",
    }
}

/// The session as its corrected line says: its day, length and role, and what the line states of
/// payment and notes.
fn corrected(session: &Session, take: &Take) -> Session {
    let mut updated = session.clone();
    updated.date = take.date;
    updated.minutes = take.minutes;
    updated.role = take.quick.role;
    if let Some(payment) = take.quick.payment {
        updated.payment = payment;
    }
    if take.quick.notes.is_some() {
        updated.notes = take.quick.notes.clone();
    }
    updated
}

/// What a correction changes, in words (`1h 30m → 1h 35m`).
fn describe_changes(before: &Session, after: &Session) -> String {
    let mut changes = Vec::new();
    if before.date != after.date {
        changes.push(format!("{} → {}", before.date, after.date));
    }
    if before.minutes != after.minutes {
        changes.push(format!("{} → {}", before.minutes, after.minutes));
    }
    if before.role != after.role {
        changes.push(format!("{} → {}", doing(before.role), doing(after.role)));
    }
    if before.payment != after.payment {
        changes.push(format!("{} → {}", before.payment, after.payment));
    }
    if before.notes != after.notes {
        changes.push("the notes".to_owned());
    }
    changes.join(", ")
}
