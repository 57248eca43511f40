//! `coachlog git`, `undo` and `sync`: the logbook's history through the `git` program, and the
//! commit of what each command changed.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::GitArgs;
use crate::cmd::{Context, Run};
use crate::error::Exit;
use crate::rules::lints::{self, Lint};
use crate::storage::git;
use crate::ui;

impl Run for GitArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let root = ctx.store.root().to_path_buf();
        if self.args.len() == 1 && self.args[0] == "init" {
            if git::is_repository(&root) && git::head(&root).is_some() {
                writeln!(ctx.out, "{} is already kept in git", root.display())?;
                return Ok(());
            }
            // Nothing is created until git can commit.
            git::check_identity(&root)?;
            let _lock = ctx.store.lock()?;
            git::init(&root)?;
            writeln!(
                ctx.out,
                "The logbook at {} is kept in git now: every change coachlog makes is committed. \
                 Add a private remote with `coachlog git remote add origin URL`.",
                root.display()
            )?;
            return Ok(());
        }
        if !git::is_repository(&root) {
            bail!(
                "the logbook at {} is not kept in git: start with `coachlog git init`",
                root.display()
            );
        }
        ctx.out.flush()?;
        let before = git::head(&root);
        let code = git::passthrough(&root, &self.args)?;
        // A pull, merge or checkout writes files with the default mode: owner-only again.
        git::make_checked_out_private(&root, before.as_deref())?;
        if code != 0 {
            ctx.exit = Exit::Code(code);
        }
        Ok(())
    }
}

/// The logbook at `root` in git, or the error that says how to start.
fn repository(ctx: &Context, what: &str) -> Result<PathBuf> {
    let root = ctx.store.root().to_path_buf();
    if !git::is_repository(&root) {
        bail!(
            "{what} needs the logbook's history, and the logbook at {} is not kept in git: start \
             with `coachlog git init`",
            root.display()
        );
    }
    Ok(root)
}

/// `coachlog undo`.
pub struct Undo;

impl Run for Undo {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let root = repository(ctx, "undo")?;
        let _lock = ctx.store.lock()?;
        let Some(change) = git::last_change(&root)? else {
            bail!("there is no change of coachlog's to undo");
        };
        let since = git::changed_since(&root, &change)?;
        if !since.is_empty() {
            let names: Vec<String> = since.iter().map(|p| p.display().to_string()).collect();
            bail!(
                "cannot undo \"{}\": {} changed since ({}); undo would overwrite that. Look with \
                 `coachlog git log -p -- FILE`",
                change.subject,
                if since.len() == 1 {
                    "a file it changed has"
                } else {
                    "files it changed have"
                },
                names.join(", ")
            );
        }
        git::revert(&root, &change)?;
        writeln!(ctx.out, "Undid \"{}\"", change.subject)?;
        Ok(())
    }
}

/// `coachlog sync`.
pub struct Sync;

impl Run for Sync {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let root = repository(ctx, "sync")?;
        {
            let _lock = ctx.store.lock()?;
            git::sync(&root)?;
            // Files checked out by git get the default mode: every file of the logbook is made
            // owner-only again (those of a first `git clone` too).
            git::make_checked_out_private(&root, None)?;
        }
        writeln!(ctx.out, "Synced {}", root.display())?;
        // Two devices may have logged the same session: the lint `check` reports says so.
        let logbook = ctx.read_logbook()?;
        let sessions: Vec<&crate::domain::model::Session> = logbook.sessions.iter().collect();
        let duplicates = lints::lint(&sessions, Some(&logbook.settings), ctx.today)
            .sessions
            .iter()
            .filter(|(_, lint)| matches!(lint, Lint::Duplicate { .. }))
            .count();
        if duplicates > 0 {
            ui::warn(format!(
                "{} after the sync: `coachlog check` lists them",
                crate::domain::text::count(duplicates, "duplicate session", "duplicate sessions")
            ));
        }
        Ok(())
    }
}
