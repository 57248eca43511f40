//! What every command works with: the logbook and its store, today, standard output and the look;
//! the logbook read whole; today's date; notes as the user gave them.

use std::io::{BufWriter, StdoutLock, Write};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;

use crate::cli::Color;
use crate::error::Exit;
use crate::ui;
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::lookup;
use coachlog_core::domain::model::{Partner, Session};
use coachlog_core::domain::text::{agree, count};
use coachlog_core::logbook::Logbook;
use coachlog_core::rules::settings::Settings;
use coachlog_core::storage::Store;
use coachlog_core::storage::datadir::{self, DataDir, Source};

/// What every command works with.
pub struct Context {
    /// Where the logbook is and which setting chose it.
    pub data_dir: DataDir,
    /// The logbook.
    pub store: Store,
    /// Today's date, read from the clock once, here, so that nothing below reads it.
    pub today: NaiveDate,
    /// Whether to go on past what cannot be read (`--skip-invalid`).
    pub skip_invalid: bool,
    /// Standard output, for data only.
    pub out: BufWriter<StdoutLock<'static>>,
    /// How output looks in this run.
    pub look: ui::Look,
    /// How the run ends when the command succeeds: a check that found what it checks for ends
    /// with [`Exit::Failure`] after printing its report.
    pub exit: Exit,
}

impl Context {
    /// Whether there is a logbook to read. A missing directory named by `--data-dir` or
    /// `COACHLOG_DIR` is most likely a typo, so it is an error; a missing default directory is
    /// simply an empty logbook.
    pub fn logbook_exists(&self) -> Result<bool> {
        let exists = self.store.exists()?;
        if !exists && self.data_dir.source != Source::PlatformDefault {
            let path = self.data_dir.path.display();
            let start = match self.data_dir.source {
                Source::Flag => format!(
                    "coachlog --data-dir '{path}' partner add \"Alex Kim\" --client-type peer"
                ),
                _ => "coachlog partner add \"Alex Kim\" --client-type peer".to_owned(),
            };
            bail!(
                "there is no logbook at {path} ({}): the directory does not exist; check the path, \
                 or start a logbook there with `{start}`",
                self.data_dir.source
            );
        }
        Ok(exists)
    }

    /// Prints a value as pretty JSON on stdout. (Serialised to text first, so that a closed pipe is
    /// the plain I/O error that ends a command quietly.)
    pub fn print_json(&mut self, value: &impl serde::Serialize) -> Result<()> {
        let text = serde_json::to_string_pretty(value)?;
        writeln!(self.out, "{text}")?;
        Ok(())
    }

    /// The days `--from PERIOD` and `--to PERIOD` name: the first day of one, the last of the other;
    /// refused when they are the wrong way round.
    pub fn date_range(
        &self,
        from: Option<coachlog_core::domain::period::PeriodArg>,
        to: Option<coachlog_core::domain::period::PeriodArg>,
    ) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
        let from = from.map(|p| p.first(self.today));
        let to = to.map(|p| p.last(self.today));
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(crate::error::usage(format!(
                "--from {from} is after --to {to}: give the earlier date to --from"
            )));
        }
        Ok((from, to))
    }

    /// The partner a `--partner` option names, if it is given.
    pub fn find_partner_if(&self, query: Option<&str>) -> Result<Option<PartnerId>> {
        query.map(|q| self.find_partner(q)).transpose()
    }

    /// The partner that `query` names: an id, a unique start of one, the name, or any of the words
    /// of either.
    pub fn find_partner(&self, query: &str) -> Result<PartnerId> {
        if !self.logbook_exists()? {
            return Err(lookup::find_partner(&[], query)
                .expect_err("no partners")
                .into());
        }
        // An exact id needs no listing of every partner.
        if let Ok(id) = query.parse::<PartnerId>()
            && self.store.partner_path(&id).is_file()
        {
            return Ok(id);
        }
        let ids = self.store.partner_ids()?;
        match lookup::find_partner(&ids, query) {
            // The names are read only when the ids do not say: a word of a name may.
            Err(lookup::LookupError::NotFound { .. }) => {
                let partners = self.store.partners().unwrap_or_default();
                let names: Vec<(&PartnerId, &str)> =
                    partners.iter().map(|p| (&p.id, p.name.as_str())).collect();
                Ok(lookup::find_among(&ids, &names, query)?.clone())
            }
            found => Ok(found?.clone()),
        }
    }
}

impl Context {
    /// The context of a run: the look of its output, the logbook the global options and the
    /// environment name, today; a change is committed in a logbook kept in git.
    pub fn open(
        data_dir: Option<std::path::PathBuf>,
        skip_invalid: bool,
        color: Color,
        ascii: bool,
    ) -> Result<Context> {
        let color = match color {
            Color::Auto => ui::ColorChoice::Auto,
            Color::Always => ui::ColorChoice::Always,
            Color::Never => ui::ColorChoice::Never,
        };
        let look = ui::Look::detect(color, ascii);
        ui::init(look);
        let data_dir = datadir::resolve(
            data_dir,
            std::env::var_os(datadir::ENV_VAR),
            dirs::data_dir(),
        )?;
        let today = today(std::env::var_os(TODAY_VAR))?;
        let mut ctx = Context {
            store: Store::new(data_dir.path.clone())
                .skipping_invalid(skip_invalid)
                .on(today),
            skip_invalid,
            data_dir,
            today,
            out: BufWriter::new(std::io::stdout().lock()),
            look,
            exit: Exit::Success,
        };
        // The editor's copies go where only the user can read, and none outlives its process.
        if ctx.store.root().is_dir() {
            ui::editor::keep_copies_in(ctx.store.root().to_path_buf());
            ctx.store.sweep_edit_copies();
        }
        // A logbook kept in git: each change is committed under the lock it is made in (see
        // `Store::lock`), as what the command says it changed, else as the command line. A run that
        // changes nothing commits nothing.
        let args: Vec<String> = std::env::args().skip(1).collect();
        ctx.store = ctx.store.committing(super::commit::commit_message(&args));
        Ok(ctx)
    }

    /// Says what the run's changes did and what the user should know of its reading (notes,
    /// commits that failed, files skipped), and how the run ends.
    pub fn finish(mut self, ran: Result<()>) -> Result<Exit> {
        for notice in self.store.take_notices() {
            ui::note(crate::views::notice::text(&notice));
        }
        for failure in self.store.take_commit_failures() {
            ui::warn(format!(
                "the change is written but not committed ({failure}): commit it with `coachlog git add \
                 --all` and `coachlog git commit -m \"…\"`"
            ));
        }
        ran?;
        self.out.flush()?;
        let skipped = self.store.skipped();
        if skipped > 0 {
            let them = coachlog_core::domain::text::agree(skipped, "it", "them");
            ui::warn(format!(
                "skipped {} that cannot be read, so these figures leave {them} out; `coachlog check` \
                 lists {them}",
                coachlog_core::domain::text::count(skipped, "logbook file", "logbook files"),
            ));
        }
        Ok(self.exit)
    }
}

impl Context {
    /// Reads the whole logbook for a report; an empty one where there is none yet (but a missing
    /// directory named by `--data-dir` is an error, see [`Context::logbook_exists`]).
    pub fn read_logbook(&self) -> Result<Logbook> {
        if self.logbook_exists()? {
            self.read_logbook_to_change()
        } else {
            Ok(Logbook::empty())
        }
    }

    /// Reads the whole logbook for a command that adds to it: a directory that does not exist yet is
    /// an empty logbook, whatever named it.
    pub fn read_logbook_to_change(&self) -> Result<Logbook> {
        if !self.store.exists()? {
            return Ok(Logbook::empty());
        }
        let (partners, sessions) = self.store.partners_and_sessions()?;
        let logbook = Logbook {
            sessions,
            records: self.store.development()?,
            partners,
            settings: self.settings()?,
        };
        let copies = self.store.take_left_out_copies();
        if copies > 0 {
            ui::warn(format!(
                "left out {}: {} like {} a file-sync tool made, and counting {} would count the \
                 same hours twice; `coachlog check` names {}: compare each with its original and \
                 delete one",
                count(copies, "file", "files"),
                agree(copies, "it looks", "they look"),
                agree(copies, "a copy", "copies"),
                agree(copies, "it", "them"),
                agree(copies, "it", "them"),
            ));
        }
        Ok(logbook)
    }

    /// The settings of `config.toml`, saying on stderr what the user should know about how the file
    /// was read (a value in an earlier form).
    pub fn settings(&self) -> Result<Settings> {
        let settings = self.store.settings()?;
        for notice in &settings.notices {
            ui::warn(notice);
        }
        Ok(settings)
    }
}

impl Context {
    /// Opens the confidential text of `partners` and `sessions` with the logbook's keys, where
    /// this device has them (see [`coachlog_core::storage::keys`]). Text that cannot be opened stays
    /// encrypted and shows as such; why is said once, on stderr.
    pub fn open_text(&self, partners: &mut [Partner], sessions: Vec<&mut Session>) -> Result<()> {
        self.open_text_as(partners, sessions, false);
        Ok(())
    }

    /// [`Context::open_text`], saying nothing when `quietly`.
    pub fn open_text_as(
        &self,
        partners: &mut [Partner],
        sessions: Vec<&mut Session>,
        quietly: bool,
    ) {
        if let Err(locked) = self.open_each(partners, sessions)
            && !quietly
        {
            ui::warn(format!("{locked}; they show as encrypted"));
        }
    }

    /// [`Context::open_text`] for text the user asked for by name (an export with notes or
    /// contacts): text that cannot be opened is an error.
    pub fn open_text_strictly(
        &self,
        partners: &mut [Partner],
        sessions: Vec<&mut Session>,
    ) -> Result<()> {
        self.open_each(partners, sessions)
            .map_err(|locked| anyhow::anyhow!("{locked}"))
    }

    /// Opens the confidential text `due` reads, where this device can: the partners' e-mail addresses
    /// when a calendar file is matched by them, and the experiments of today's partners. `quietly`: what
    /// cannot be opened is not said (a prompt's `status`, whose count does not depend on it).
    pub fn open_text_for_due(&self, logbook: &mut Logbook, quietly: bool) {
        use coachlog_core::domain::private::Confidential;
        if logbook.settings.calendar.file.is_some()
            && logbook.partners.iter_mut().any(|p| p.has_sealed())
        {
            self.open_text_as(&mut logbook.partners, Vec::new(), quietly);
        }
        let today: std::collections::BTreeSet<_> = logbook
            .sessions
            .iter()
            .filter(|s| s.date == self.today)
            .map(|s| s.partner.clone())
            .collect();
        let sealed = logbook
            .sessions
            .iter_mut()
            .filter(|s| today.contains(&s.partner))
            .filter_map(|s| s.has_sealed().then_some(s))
            .collect::<Vec<_>>();
        if !sealed.is_empty() {
            self.open_text_as(&mut [], sealed, quietly);
        }
    }

    /// Opens what it can; the first reason any could not be opened.
    fn open_each(
        &self,
        partners: &mut [Partner],
        sessions: Vec<&mut Session>,
    ) -> Result<(), coachlog_core::storage::keys::Locked> {
        use rayon::prelude::*;
        let keys = match self.store.keys() {
            Ok(Some(keys)) => keys,
            Ok(None) => return Ok(()),
            Err(e) => {
                return Err(coachlog_core::storage::keys::Locked::Damaged(format!(
                    "{e:#}"
                )));
            }
        };
        let failed: Vec<coachlog_core::storage::keys::Locked> = partners
            .par_iter_mut()
            .filter_map(|p| keys.open_all(&p.id.clone(), p).err())
            .chain(
                sessions
                    .into_par_iter()
                    .filter_map(|s| keys.open_all(&s.partner.clone(), s).err()),
            )
            .collect();
        failed.into_iter().next().map_or(Ok(()), Err)
    }
}

/// Notes as the user gave them: `--notes -` reads standard input, `--edit-notes` opens the editor
/// (starting from `current`), anything else is the text itself. Empty notes are none.
pub fn notes_input(
    notes: Option<String>,
    edit: bool,
    current: Option<&str>,
) -> Result<Option<String>> {
    let raw = if edit {
        Some(ui::editor::edit(current.unwrap_or(""), ".txt")?)
    } else if notes.as_deref() == Some("-") {
        // Read no more than the longest notes kept (and a little over, for the error to say so).
        let limit = coachlog_core::domain::text::MAX_NOTES_BYTES as u64 * 4 + 1;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin(), limit),
            &mut bytes,
        )
        .context("cannot read the notes from standard input")?;
        if bytes.len() as u64 == limit {
            return Err(crate::error::usage(format!(
                "the notes on standard input are over {} KiB, and notes are kept up to {} KiB: \
                 shorten them (a long text belongs in a file of its own, which `coachlog attach` \
                 can keep)",
                (limit - 1) / 1024,
                coachlog_core::domain::text::MAX_NOTES_BYTES / 1024
            )));
        }
        Some(String::from_utf8(bytes).map_err(|_| {
            crate::error::usage(
                "the notes on standard input are not UTF-8 text: save them as UTF-8",
            )
        })?)
    } else {
        notes
    };
    let Some(raw) = raw else { return Ok(None) };
    let text = coachlog_core::domain::text::notes(&raw).map_err(crate::error::usage)?;
    Ok(Some(text).filter(|t| !t.is_empty()))
}

/// The environment variable that fixes today's date, for tests and scripts (undocumented in `--help`).
pub const TODAY_VAR: &str = "COACHLOG_TODAY";

/// Today's date: `COACHLOG_TODAY` when set (a `YYYY-MM-DD` date), else the local clock's.
pub(super) fn today(fixed: Option<std::ffi::OsString>) -> Result<NaiveDate> {
    let Some(fixed) = fixed else {
        return Ok(chrono::Local::now().date_naive());
    };
    let text = fixed.to_string_lossy();
    coachlog_core::domain::date::parse_iso_date(&text)
        .map_err(|e| crate::error::usage(format!("{TODAY_VAR}: {e}, or unset it")))
}
