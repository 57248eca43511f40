//! `coachlog report`: one self-contained HTML file for a mentor, written owner-only and never over
//! another file unless asked.

use anyhow::Result;

use crate::cli::ReportArgs;
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use crate::views;
use coachlog_core::reports::Partners;
use coachlog_core::reports::counting::Practice;
use coachlog_core::reports::report::{self, Choice};

impl Run for ReportArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let to = self.to.map(|p| p.last(ctx.today));
        let as_of = self.as_of.map(|p| p.last(ctx.today));
        // The report is judged as of one day, and shows no session after it.
        if let (Some(to), Some(as_of)) = (to, as_of)
            && to != as_of
        {
            return Err(usage(format!(
                "--to {to} and --as-of {as_of} name two days: the report is judged as of one day \
                 and shows the sessions up to it; give one of them"
            )));
        }
        let as_of = as_of.or(to).unwrap_or(ctx.today);
        let (from, _) = ctx.date_range(self.from, self.to)?;
        if let Some(from) = from.filter(|from| *from > as_of) {
            return Err(usage(format!(
                "--from {from} is after the as-of date {as_of}: give an earlier day"
            )));
        }
        let output = Output::or_file(self.output.as_deref(), || {
            format!("coachlog-report-{as_of}.html")
        });
        output.check(self.force)?;
        if self.open && output == Output::Stdout {
            return Err(usage(
                "--open opens a file, and --output - writes to standard output: give --output a \
                 file's path, or leave out --open",
            ));
        }
        let mut logbook = ctx.read_logbook()?;
        // The experiments the report shows (none when it is anonymised).
        if !self.anonymize {
            use coachlog_core::domain::private::Confidential;
            let sealed = logbook
                .sessions
                .iter_mut()
                .filter_map(|s| (s.reflection.is_some() && s.has_sealed()).then_some(s))
                .collect();
            ctx.open_text(&mut [], sealed)?;
        }
        let settings = &logbook.settings;
        settings.check_scheme_ids(&self.scheme).map_err(usage)?;
        let partners = Partners::new(logbook.partners);
        let practice = Practice::new(&logbook.sessions, as_of);
        let report = report::report(
            &practice,
            &logbook.records,
            &partners,
            settings,
            &Choice {
                owner: settings.name.clone(),
                schemes: &self.scheme,
                from,
                anonymize: self.anonymize,
                unconsented_unnamed: false,
            },
        );
        if report.rows.is_empty() && (self.from.is_some() || self.to.is_some()) {
            ui::warn(format!(
                "no coaching sessions {}up to {as_of}: the report lists none (its progress is that \
                 of {as_of}); choose another --from or --to",
                from.map_or_else(String::new, |from| format!("from {from} "))
            ));
        }
        let text = views::html::html(&report);
        output.write(ctx, text.as_bytes(), self.force)?;
        if let (true, Output::File(path)) = (self.open, &output) {
            open(path)?;
        }
        Ok(())
    }
}

/// Opens `path` with the system's opener (xdg-open, open, or start), without waiting for it.
fn open(path: &std::path::Path) -> Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(_) => Ok(()),
        Err(e) => {
            ui::warn(format!(
                "the report is written, but the system's opener could not be started ({e}): open {} \
                 in a browser",
                path.display()
            ));
            Ok(())
        }
    }
}
