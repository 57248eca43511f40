//! `coachlog status`: one short line for a shell prompt, fast enough for every prompt.
//!
//! The line is worked out as `due` and `summary` work theirs out (one truth) and kept in a cache
//! outside the logbook (see [`coachlog_core::storage::status_cache`]). A prompt's `status` prints the line
//! kept when a quick look at the logbook's folders and top files finds them as they were, and then
//! starts `status --refresh` in the background, which compares every file and works the line out
//! again if one was edited in place, for the next prompt. Any other change, and a new day, works
//! the line out at once.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use super::{Context, Run};
use crate::cli::StatusArgs;
use crate::views;
use coachlog_core::logbook::due;
use coachlog_core::storage::status_cache::{Look, StatusCache};

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
        // A prompt never waits long: past the budget, what is known is printed (the line kept,
        // marked as being worked out) and the line is worked out in the background.
        let printed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        if let Some(cache) = &cache {
            if budget() == 0 {
                let known = cache.kept_line().unwrap_or_else(|| "coachlog:".to_owned());
                writeln!(ctx.out, "{known} \u{2026}")?;
                self.start_refresh(ctx);
                return Ok(());
            }
            self.watch(ctx, cache, printed.clone());
        }
        let line = work_out(ctx, &self, cache.as_ref())?;
        if printed.swap(true, std::sync::atomic::Ordering::SeqCst) {
            // The watch printed first, and ends the process.
            std::thread::park();
        }
        writeln!(ctx.out, "{line}")?;
        Ok(())
    }
}

/// How long a prompt's `status` may take before it prints what it has: [`BUDGET_MS`], or
/// `COACHLOG_STATUS_BUDGET_MS` (for tests; 0 prints what it has at once).
const BUDGET_MS: u64 = 300;

/// The budget of this run, in milliseconds.
fn budget() -> u64 {
    std::env::var("COACHLOG_STATUS_BUDGET_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .unwrap_or(BUDGET_MS)
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

    /// Watches the time: once the budget is spent and the line is not printed yet, prints the
    /// line kept (marked ` …`: it is being worked out), or `coachlog: …`, starts the refresh in
    /// the background and ends the process.
    fn watch(
        &self,
        ctx: &Context,
        cache: &StatusCache,
        printed: std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) {
        use std::io::Write as _;
        let budget = budget();
        let known = cache.kept_line().unwrap_or_else(|| "coachlog:".to_owned());
        let refresh = self.refresh_command(ctx);
        // Its own handle on standard output: the command's is locked by this thread. (Elsewhere
        // than on Unix there is no watch: the line is worked out in the foreground.)
        #[cfg(not(unix))]
        {
            let _ = (known, refresh, printed, budget);
        }
        #[cfg(unix)]
        let Ok(out) = std::os::fd::AsFd::as_fd(&std::io::stdout()).try_clone_to_owned() else {
            return;
        };
        #[cfg(unix)]
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(budget));
            if printed.swap(true, std::sync::atomic::Ordering::SeqCst) {
                return;
            }
            let mut out = std::fs::File::from(out);
            let _ = writeln!(out, "{known} \u{2026}");
            if let Some(mut refresh) = refresh {
                let _ = refresh.spawn();
            }
            std::process::exit(0);
        });
    }

    /// Starts `status --refresh` for this logbook in the background, on its own: a prompt does
    /// not wait for it, and nothing it does reaches the terminal.
    fn start_refresh(&self, ctx: &Context) {
        if let Some(mut command) = self.refresh_command(ctx) {
            let _ = command.spawn();
        }
    }

    /// The command of [`StatusArgs::start_refresh`].
    fn refresh_command(&self, ctx: &Context) -> Option<std::process::Command> {
        let exe = std::env::current_exe().ok()?;
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
        Some(command)
    }
}

/// Compares the cache with every file, and works the line out again when anything changed. One
/// refresh at a time: another that finds one running leaves it to that one.
fn refresh(ctx: &Context, args: &StatusArgs, cache: &StatusCache) -> Result<()> {
    let Some(dir) = cache.path().parent() else {
        return Ok(());
    };
    coachlog_core::storage::files::create_private_dir(dir)?;
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
        .map(|file| due::calendar_path(ctx.store.root(), file)))
}

/// Works the line out from the logbook, and keeps it with how the logbook looked just before it
/// was read (so that a change while it is read shows as a change next time).
fn work_out(ctx: &Context, args: &StatusArgs, cache: Option<&StatusCache>) -> Result<String> {
    let calendar = calendar(ctx)?;
    let look = cache.map(|_| Look::take(ctx.store.root(), calendar.as_deref()));
    let mut logbook = ctx.read_logbook()?;
    ctx.open_text_for_due(&mut logbook, true);
    let settings = &logbook.settings;
    if let Some(id) = &args.scheme {
        settings
            .check_scheme_ids([id])
            .map_err(|e| anyhow::anyhow!("{e} (--scheme)"))?;
    }
    let (items, summary) = due::judge(
        &ctx.store,
        &logbook,
        ctx.today,
        coachlog_core::reports::due::Waits::default().within_days,
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
        .map(|file| due::calendar_path(ctx.store.root(), file))
        == calendar;
    if let (Some(cache), Some(look)) = (cache, look)
        && same_calendar
    {
        cache.keep(&line, &look);
    }
    Ok(line)
}
