//! `coachlog status`: one short line for a shell prompt, fast enough for every prompt.
//!
//! The line is worked out as `due` and `summary` work theirs out (one truth) and kept in a cache
//! outside the logbook (see [`crate::storage::status_cache`]). A prompt's `status` prints the line
//! kept when a quick look at the logbook's folders and top files finds them as they were, and then
//! starts `status --refresh` in the background, which compares every file and works the line out
//! again if one was edited in place, for the next prompt. Any other change, and a new day, works
//! the line out at once.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use super::{Context, Run};
use crate::cli::StatusArgs;
use crate::storage::status_cache::{Look, StatusCache};
use crate::views;

impl Run for StatusArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            return Ok(());
        }
        let cache = StatusCache::new(dirs::cache_dir(), ctx.store.root(), &self.key(ctx));
        if self.refresh {
            if let Some(cache) = &cache {
                refresh(ctx, &self, cache)?;
            }
            return Ok(());
        }
        if let Some(line) = cache.as_ref().and_then(StatusCache::quick_hit) {
            writeln!(ctx.out, "{line}")?;
            ctx.out.flush()?;
            self.start_refresh(ctx);
            return Ok(());
        }
        let line = work_out(ctx, &self, cache.as_ref())?;
        writeln!(ctx.out, "{line}")?;
        Ok(())
    }
}

impl StatusArgs {
    /// What the line depends on besides the logbook: the build, today, and how it was asked for.
    fn key(&self, ctx: &Context) -> String {
        let build = std::env::current_exe()
            .and_then(std::fs::metadata)
            .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
            .unwrap_or_default();
        format!(
            "{} {build} {} {} {}{}",
            env!("CARGO_PKG_VERSION"),
            ctx.today,
            self.scheme.as_deref().unwrap_or("-"),
            if ctx.look.ascii { "ascii" } else { "unicode" },
            if ctx.skip_invalid {
                " skip-invalid"
            } else {
                ""
            },
        )
    }

    /// Starts `status --refresh` for this logbook in the background, on its own: a prompt does
    /// not wait for it, and nothing it does reaches the terminal.
    fn start_refresh(&self, ctx: &Context) {
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let mut command = std::process::Command::new(exe);
        command.arg("--data-dir").arg(ctx.store.root());
        if ctx.look.ascii {
            command.arg("--ascii");
        }
        if ctx.skip_invalid {
            command.arg("--skip-invalid");
        }
        command.args(["status", "--refresh"]);
        if let Some(scheme) = &self.scheme {
            command.args(["--scheme", scheme]);
        }
        command
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let _ = command.spawn();
    }
}

/// Compares the cache with every file, and works the line out again when anything changed. One
/// refresh at a time: another that finds one running leaves it to that one.
fn refresh(ctx: &Context, args: &StatusArgs, cache: &StatusCache) -> Result<()> {
    let Some(dir) = cache.path().parent() else {
        return Ok(());
    };
    crate::storage::files::create_private_dir(dir)?;
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(cache.lock_path())?;
    if lock.try_lock().is_err() {
        return Ok(());
    }
    let look = Look::take(ctx.store.root(), calendar(ctx)?.as_deref());
    if !cache.full_hit(&look) {
        work_out(ctx, args, Some(cache))?;
    }
    Ok(())
}

/// The calendar file `config.toml` names, if any.
fn calendar(ctx: &Context) -> Result<Option<PathBuf>> {
    let settings = ctx.store.settings()?;
    Ok(settings
        .calendar
        .file
        .as_deref()
        .map(|file| super::due::calendar_path(ctx, file)))
}

/// Works the line out from the logbook, and keeps it with how the logbook looked just before it
/// was read (so that a change while it is read shows as a change next time).
fn work_out(ctx: &Context, args: &StatusArgs, cache: Option<&StatusCache>) -> Result<String> {
    let calendar = calendar(ctx)?;
    let look = cache.map(|_| Look::take(ctx.store.root(), calendar.as_deref()));
    let mut logbook = ctx.read_logbook()?;
    super::due::open_text(ctx, &mut logbook, true)?;
    let settings = &logbook.settings;
    if let Some(id) = &args.scheme {
        settings
            .check_scheme_ids([id])
            .map_err(|e| anyhow::anyhow!("{e} (--scheme)"))?;
    }
    let (items, summary) = super::due::judge(
        ctx,
        &logbook,
        crate::reports::due::Waits::default().within_days,
    )?;
    let scheme = match &args.scheme {
        Some(id) => summary.schemes.iter().find(|p| &p.scheme.id == id),
        None => summary.shown(&[], settings).into_iter().next(),
    };
    let line = views::status::line(items.len(), scheme, &ctx.look);
    let same_calendar = settings
        .calendar
        .file
        .as_deref()
        .map(|file| super::due::calendar_path(ctx, file))
        == calendar;
    if let (Some(cache), Some(look)) = (cache, look)
        && same_calendar
    {
        cache.keep(&line, &look);
    }
    Ok(line)
}
