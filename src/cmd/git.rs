//! `coachlog git`, `undo` and `sync`: the logbook's history through the `git` program, and the
//! commit of what each command changed.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::GitArgs;
use crate::cmd::{Context, Run};
use crate::error::Exit;
use crate::ui;
use coachlog_core::rules::lints::{self, Lint};
use coachlog_core::storage::git;

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
            let _lock = ctx.store.lock_for_history()?;
            git::init(&root)?;
            writeln!(
                ctx.out,
                "The logbook at {} is kept in git now: every change coachlog makes is committed. \
                 Add a private remote with `coachlog git remote add origin URL`.",
                root.display()
            )?;
            return Ok(());
        }
        if self.args.first().is_some_and(|a| a == "clone") {
            return clone(ctx, &root, &self.args[1..]);
        }
        if !git::is_repository(&root) {
            bail!(
                "the logbook at {} is not kept in git: start with `coachlog git init`, or \
                 `coachlog git clone URL` for a logbook kept on another device",
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

/// `coachlog git clone URL`: the logbook of another device, from its remote, into this device's
/// logbook folder (which must not hold a logbook yet), on whatever branch it was pushed as.
fn clone(ctx: &mut Context, root: &std::path::Path, args: &[std::ffi::OsString]) -> Result<()> {
    let [url] = args else {
        return Err(crate::error::usage(
            "git clone takes one URL, the remote the logbook was pushed to: \
             coachlog git clone URL (the logbook folder is this device's, or --data-dir DIR)",
        ));
    };
    let occupied = std::fs::read_dir(root).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        bail!(
            "there is a logbook at {} already: clone into another folder with \
             `coachlog --data-dir DIR git clone URL`, or use `coachlog sync` to bring this one in \
             step",
            root.display()
        );
    }
    let branch = git::clone(url, root)?;
    // Files checked out by git get the default mode: owner-only, as coachlog writes them.
    git::make_checked_out_private(root, None)?;
    // The folder and git's own (its objects hold every record) owner-only too.
    coachlog_core::storage::files::restrict(root)?;
    coachlog_core::storage::files::restrict(&root.join(".git"))?;
    let logbook = ctx.read_logbook()?;
    writeln!(
        ctx.out,
        "Cloned {} into {} (branch {branch}): {} and {}. `coachlog sync` keeps it in step.",
        url.to_string_lossy(),
        root.display(),
        coachlog_core::domain::text::count(logbook.partners.len(), "partner", "partners"),
        coachlog_core::domain::text::count(logbook.sessions.len(), "session", "sessions"),
    )?;
    Ok(())
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
        let _lock = ctx.store.lock_for_history()?;
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
            let _lock = ctx.store.lock_for_history()?;
            git::sync(&root)?;
            // Files checked out by git get the default mode: every file of the logbook is made
            // owner-only again (those of a first `git clone` too).
            git::make_checked_out_private(&root, None)?;
        }
        writeln!(ctx.out, "Synced {}", root.display())?;
        // Two devices may have logged the same session: the lint `check` reports says so.
        let logbook = ctx.read_logbook()?;
        let sessions: Vec<&coachlog_core::domain::model::Session> =
            logbook.sessions.iter().collect();
        let duplicates = lints::lint(&sessions, Some(&logbook.settings), ctx.today)
            .sessions
            .iter()
            .filter(|(_, lint)| matches!(lint, Lint::Duplicate { .. }))
            .count();
        if duplicates > 0 {
            ui::warn(format!(
                "{} after the sync: `coachlog check` lists them",
                coachlog_core::domain::text::count(
                    duplicates,
                    "duplicate session",
                    "duplicate sessions"
                )
            ));
        }
        Ok(())
    }
}
