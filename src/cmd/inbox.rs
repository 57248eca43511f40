//! `coachlog inbox`: logs the sessions a phone appended to the logbook's inbox (`inbox.txt`,
//! `inbox/*.txt`), each line once, never rewriting the file; a line it cannot read is named with
//! its number and left for the user.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::InboxArgs;
use crate::cmd::{Context, Run};
use crate::domain::model::NewSession;
use crate::domain::text::count;
use crate::import::inbox::{self, Line};
use crate::storage::{files, name};
use crate::ui;

/// The inbox files of the logbook, by their path under it: `inbox.txt`, then `inbox/*.txt` by
/// name; and the copies a file-sync tool left, which are named, not read.
pub(super) fn inbox_files(ctx: &Context) -> (Vec<(String, PathBuf)>, Vec<PathBuf>) {
    let root = ctx.store.root();
    let mut found = Vec::new();
    let mut copies = Vec::new();
    let mut consider = |shown: String, path: PathBuf, file_name: &str| {
        if name::is_sync_copy(file_name) {
            copies.push(path);
        } else {
            found.push((shown, path));
        }
    };
    if let Ok(entries) = std::fs::read_dir(root) {
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.starts_with("inbox") && n.ends_with(".txt"))
            .collect();
        names.sort();
        for n in names {
            consider(n.clone(), root.join(&n), &n);
        }
    }
    if let Ok(entries) = std::fs::read_dir(root.join("inbox")) {
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        for n in names {
            consider(format!("inbox/{n}"), root.join("inbox").join(&n), &n);
        }
    }
    (found, copies)
}

impl Run for InboxArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let (files_found, copies) = inbox_files(ctx);
        for copy in &copies {
            ui::warn(format!(
                "{}: looks like a copy left by a file-sync tool, so it is not read (its lines \
                 would be taken twice): move the lines it alone has into the inbox, then delete it",
                copy.display()
            ));
        }
        if files_found.is_empty() {
            writeln!(
                ctx.out,
                "No inbox yet: a line such as `2026-12-02 alex 45m` in {} is logged by `coachlog inbox`.",
                ctx.store.root().join("inbox.txt").display()
            )?;
            return Ok(());
        }
        let _lock = (!self.dry_run).then(|| ctx.store.lock()).transpose()?;
        let logbook = ctx.read_logbook_to_change()?;
        let taken = inbox::taken(&logbook.sessions);
        let mut planned: Vec<(String, Line, NewSession, String)> = Vec::new();
        let mut problems: Vec<String> = Vec::new();
        for (shown, path) in &files_found {
            let text = files::read_regular(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let (lines, unfinished) = inbox::lines(&text);
            if let Some(n) = unfinished {
                ui::note(format!(
                    "{shown}:{n} has no end of line yet (a sync may still be writing it): left for \
                     the next run"
                ));
            }
            for line in inbox::untaken(shown, &lines, &taken) {
                let at = format!("{shown}:{}", line.number);
                let quick = match inbox::parse(&line.text, ctx.today) {
                    Ok(q) => q,
                    Err(why) => {
                        problems.push(format!("{at}: {why}"));
                        continue;
                    }
                };
                let id = match ctx.find_partner(&quick.partner) {
                    Ok(id) => id,
                    Err(e) => {
                        problems.push(format!("{at}: {e}"));
                        continue;
                    }
                };
                let Some(partner) = logbook.partners.iter().find(|p| p.id == id) else {
                    problems.push(format!("{at}: no partner '{id}'"));
                    continue;
                };
                let Some(minutes) = quick.minutes.or(partner.default_minutes) else {
                    problems.push(format!(
                        "{at}: how long was it? add the length ({} {id} 45m), or set {id}'s usual \
                         one with `coachlog partner edit {id} --duration 1h`",
                        quick.date
                    ));
                    continue;
                };
                let session = NewSession {
                    date: quick.date,
                    partner: id.clone(),
                    minutes,
                    role: quick.role,
                    payment: quick
                        .payment
                        .unwrap_or_else(|| partner.session_payment(partner.arrangement)),
                    arrangement: partner.arrangement,
                    facts: partner.facts(),
                    not_counted: None,
                    notes: quick.notes.clone(),
                    reflection: None,
                    calendar: None,
                    inbox: Some(Box::new(inbox::reference(shown, line))),
                };
                let name = ui::clean(&partner.name, 60);
                planned.push((at, line.clone(), session, name));
            }
        }
        for (at, _, session, name) in &planned {
            let what = format!(
                "{} {} {name} on {}",
                session.minutes,
                if session.role == crate::domain::model::Role::Coach {
                    "coaching"
                } else {
                    "coached by"
                },
                session.date
            );
            if self.dry_run {
                writeln!(ctx.out, "Would log {what} ({at})")?;
                continue;
            }
            // A line in (or before) an attested period is left: the phone gives no reason.
            let saved = match ctx.store.add_session(session.clone()) {
                Ok(saved) => saved,
                Err(e) if e.is::<crate::storage::guard::Refused>() => {
                    problems.push(format!("{at}: {e}"));
                    continue;
                }
                Err(e) => return Err(e),
            };
            writeln!(
                ctx.out,
                "Logged {what} as session {} ({at})",
                saved.session.id
            )?;
        }
        let logged = planned.len();
        if !self.dry_run && logged > 0 {
            ctx.store
                .describe_change(format!("inbox: {}", count(logged, "session", "sessions")));
        }
        for p in &problems {
            ui::warn(ui::safe(p));
        }
        if logged == 0 && problems.is_empty() {
            writeln!(ctx.out, "Nothing new in the inbox.")?;
        }
        if !problems.is_empty() {
            ui::note(format!(
                "{} left in the inbox as {} (correct {} there; the rest is taken once, whatever \
                 happens to the file)",
                count(problems.len(), "line is", "lines are"),
                crate::domain::text::agree(problems.len(), "it is", "they are"),
                crate::domain::text::agree(problems.len(), "it", "them"),
            ));
            ctx.exit = crate::error::Exit::Failure;
        }
        Ok(())
    }
}
