//! Session files, `sessions/<year>/<date>-<partner>-<id>.toml`: read on every core, written new under
//! a fresh id (one at a time, or many in a [`Batch`]), changed key by key, found by id, removed.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{Datelike, NaiveDate};

use super::guard::SessionChange;
use super::name::{self, SessionName, random_id};
use super::record::SessionRecord;
use super::{Store, files, rewrite, walk};
use crate::domain::id::PartnerId;
use crate::domain::model::{NewSession, Partner, Session, SessionFacts};

/// A session as read from its file.
#[derive(Debug, Clone)]
pub struct SessionFile {
    /// Where the session is stored.
    pub path: PathBuf,
    /// The session.
    pub session: Session,
}

/// Why a session id names no single file.
#[derive(Debug)]
pub enum SessionLookupError {
    /// No session has that id.
    NotFound(String),
    /// Several files end in that id (copies made by a sync tool, or by hand).
    Ambiguous(String, Vec<PathBuf>),
}

impl std::fmt::Display for SessionLookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionLookupError::NotFound(id) => write!(
                f,
                "no session '{id}': give the id shown by `coachlog sessions` (e.g. k3f9qa)"
            ),
            SessionLookupError::Ambiguous(id, paths) => {
                write!(
                    f,
                    "several session files have the id '{id}'; give the whole file name instead:"
                )?;
                for path in paths {
                    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                    write!(f, "\n  {stem}")?;
                }
                Ok(())
            }
        }
    }
}

/// A session not found is the user's to correct ([`crate::error::Kind::Usage`]). (No
/// `std::error::Error`: it leaves this module only as an error of its kind.)
impl From<SessionLookupError> for anyhow::Error {
    fn from(e: SessionLookupError) -> Self {
        crate::error::Error::new(crate::error::Kind::Usage, e.to_string()).into()
    }
}

/// What [`Store::add_session_as`] did.
#[derive(Debug)]
pub enum Added {
    /// It wrote the session.
    New(SessionFile),
    /// The session was there already, under this id.
    There(String),
}

impl Store {
    /// Rewrites a session's file with `updated` (a new reflection, say), changing only what changed,
    /// so that comments and layout survive, through the guard of attested periods. Returns false
    /// (and writes nothing) when nothing changed.
    pub fn update_session(&self, path: &Path, updated: &Session) -> Result<bool> {
        Ok(self.update_sessions(&[(path.to_path_buf(), updated.clone())])? == 1)
    }

    /// Rewrites sessions' files with their updated sessions, as [`Store::update_session`] does
    /// one, passed through the guard of attested periods together; returns how many changed.
    pub fn update_sessions(&self, updated: &[(PathBuf, Session)]) -> Result<usize> {
        self.update_sessions_with(updated, &|_, _| {})
    }

    /// [`Store::update_sessions`], the new texts made on every core and written with one flush
    /// of the file system, `progress` told how many of all are done as they are prepared.
    pub fn update_sessions_with(
        &self,
        updated: &[(PathBuf, Session)],
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<usize> {
        use rayon::prelude::*;
        let done = std::sync::atomic::AtomicUsize::new(0);
        let prepared: Vec<(PathBuf, String, SessionChange)> = updated
            .par_iter()
            .map(|(path, session)| {
                let update = self.prepare_update(path, session);
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if n.is_multiple_of(500) || n == updated.len() {
                    progress(n, updated.len());
                }
                update
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        let changes: Vec<SessionChange> = prepared.iter().map(|(_, _, c)| c.clone()).collect();
        self.guarded(&changes, || {
            if prepared.len() == 1 {
                let (path, text, _) = &prepared[0];
                files::replace(path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                return Ok(1);
            }
            let mut staged = files::Staged::default();
            for (path, text, _) in &prepared {
                staged
                    .add(path.clone(), text.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            staged
                .commit_replacing()
                .context("cannot write the session files")
        })
    }

    /// The new text of a session's file for `updated` (sealed where notes are encrypted), and the
    /// change it makes; none when nothing changes.
    fn prepare_update(
        &self,
        path: &Path,
        updated: &Session,
    ) -> Result<Option<(PathBuf, String, SessionChange)>> {
        let original =
            files::read_regular(path).with_context(|| format!("cannot read {}", path.display()))?;
        let current = self.parse_session(path, &original)?;
        let mut sealed = updated.clone();
        if let Some(keys) = self.sealing()? {
            keys.seal_all(&sealed.partner.clone(), &mut sealed)?;
        }
        let updated = &sealed;
        if &current == updated {
            return Ok(None);
        }
        let record = |s: &Session| SessionRecord::from_session(s);
        let text = rewrite::changed_keys(
            path,
            &original,
            &toml::to_string(&record(&current))?,
            &toml::to_string(&record(updated))?,
        )?;
        if &self.parse_session(path, &text)? != updated {
            return Err(crate::error::internal(
                "the edited session file would not read back as intended; nothing was written",
            ));
        }
        let change = SessionChange::of(&current.id, Some(&current), Some(updated));
        Ok(Some((path.to_path_buf(), text, change)))
    }

    /// Saves a session's text as the user edited it (`coachlog edit`): in place, or — when its
    /// date or partner changed — under the name that says so (`belongs`), the old file removed.
    /// Checked first as [`Store::check_session_text`] checks it, and passed through the guard of
    /// attested periods as any change of a session is.
    pub fn save_session_text(&self, path: &Path, text: &str, belongs: Option<&Path>) -> Result<()> {
        let id = session_id(path);
        let before = self.session_at(path).ok();
        let after = self.parse_session(belongs.unwrap_or(path), text)?;
        let change = SessionChange {
            id: id.clone(),
            before: match &before {
                Some(s) => Some((s.date, crate::domain::attestation::session_hash(s))),
                None => name_date(path).map(|d| (d, UNREADABLE.to_owned())),
            },
            after: Some((after.date, crate::domain::attestation::session_hash(&after))),
        };
        self.guarded(&[change], || match belongs {
            Some(moved) => {
                if let Some(dir) = moved.parent() {
                    files::create_private_dir(dir)?;
                }
                files::write_new(moved, text).map_err(|e| {
                    anyhow::Error::new(e).context(format!(
                        "cannot move the session to {}; {} is unchanged",
                        moved.display(),
                        path.display()
                    ))
                })?;
                files::remove(path).with_context(|| format!("cannot remove {}", path.display()))
            }
            None => files::replace(path, text)
                .with_context(|| format!("cannot write {}", path.display())),
        })
    }

    /// The most recent "experiment next time" noted for `partner` in a session dated before
    /// `before` — that is, in the partner's latest earlier session — found from file names (`year_names`
    /// are those of `before`'s year), reading only the files of that one day.
    pub fn latest_experiment(
        &self,
        partner: &PartnerId,
        before: NaiveDate,
        year_names: &[String],
    ) -> Result<Option<(NaiveDate, String)>> {
        // Only the latest earlier session counts, so the search stops at the newest year that has
        // one; names are compared as text (ISO dates sort as text) to keep `log` fast.
        let before_text = before.to_string();
        let mut years: Vec<String> = match fs::read_dir(self.sessions_dir()) {
            Ok(entries) => entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.len() == 4 && name.as_str() <= &before_text[..4])
                .collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot read {}", self.sessions_dir().display()));
            }
        };
        years.sort_by(|a, b| b.cmp(a));
        for year in years {
            let dir = self.sessions_dir().join(&year);
            let listed;
            let names = if year == before_text[..4] {
                year_names
            } else {
                listed = session_names(&dir)?;
                &listed
            };
            let earlier: Vec<(&String, SessionName)> = names
                .iter()
                .filter_map(|n| SessionName::parse(n).map(|parsed| (n, parsed)))
                .filter(|(_, s)| s.partner == partner.as_str() && s.date < before_text.as_str())
                .collect();
            let Some(latest) = earlier.iter().map(|(_, s)| s.date).max() else {
                continue;
            };
            let date: NaiveDate = latest
                .parse()
                .with_context(|| format!("{latest} in {}", dir.display()))?;
            for (file_name, _) in earlier.iter().filter(|(_, s)| s.date == latest) {
                // A file that cannot be read gives no reminder; `check` reports it.
                let experiment = read_session_file(&dir.join(file_name), |_| None)
                    .ok()
                    .and_then(|s| s.reflection)
                    .and_then(|r| r.experiment);
                if let Some(experiment) = experiment {
                    return Ok(Some((date, experiment)));
                }
            }
            return Ok(None);
        }
        Ok(None)
    }

    /// Checks a session file's text as `coachlog edit` saves it: it must read as a session, of a
    /// partner who exists, and may change what an attested period rests on only with a reason.
    ///
    /// Returns where the session belongs: its file's name follows its date and partner, so an edit
    /// of either moves it (the id stays).
    pub fn check_session_text(&self, path: &Path, text: &str) -> Result<PathBuf> {
        let session = self.read_record(&|| path.to_path_buf(), text)?;
        let partner = session.partner();
        if !self.partner_path(partner).is_file() {
            let ids = self.partner_ids()?;
            let hint = match crate::domain::lookup::find_partner(&ids, partner.as_str()) {
                Ok(id) => format!("did you mean '{id}'?"),
                Err(crate::domain::lookup::LookupError::NotFound {
                    suggestion: Some(id),
                    ..
                }) => format!("did you mean '{id}'?"),
                Err(_) => "`coachlog partner list` shows the ids".to_owned(),
            };
            bail!(
                "{}: partner: no partner '{partner}'; {hint}",
                path.display(),
            );
        }
        let id = session_id(path);
        let after = self.parse_session(path, text)?;
        let before = self.session_at(path).ok();
        self.check_sessions_change(&[SessionChange::of(&id, before.as_ref(), Some(&after))])?;
        Ok(self
            .year_dir(session.date())
            .join(name::SessionName::file_name(session.date(), partner, &id)))
    }

    /// Reads every session; fails naming every file that cannot be read. `partners` (every partner)
    /// give their current values to sessions whose files are of the earlier format.
    pub fn sessions(&self, partners: &[Partner]) -> Result<Vec<Session>> {
        let records = self.read_records(|_, _| ())?;
        Ok(resolve(records, partners, |(), session| session))
    }

    /// Every partner (sorted by id) and every session, read together on all cores: what a report
    /// reads.
    pub fn partners_and_sessions(&self) -> Result<(Vec<Partner>, Vec<Session>)> {
        let (partners, records) = rayon::join(|| self.partners(), || self.read_records(|_, _| ()));
        let partners = partners?;
        let sessions = resolve(records?, &partners, |(), session| session);
        Ok((partners, sessions))
    }

    /// Reads every session with the file it is in; fails naming every file that cannot be read.
    /// `partners` (every partner) give their current values to sessions whose files are of the
    /// earlier format.
    pub fn session_files(&self, partners: &[Partner]) -> Result<Vec<SessionFile>> {
        let records = self.read_records(|dir, file_name| dir.join(file_name))?;
        Ok(resolve(records, partners, |path, session| SessionFile {
            path,
            session,
        }))
    }

    /// Reads and checks every session file, keeping of its place what `keep` makes of its folder
    /// and name. Reading is most of a report's time at 100,000 sessions: each year's folder is
    /// listed, and its files read, on all cores, each file opened relative to its folder (one name
    /// to look up, not a whole path), and the path built only for a file that cannot be read.
    fn read_records<T: Send>(
        &self,
        keep: impl Fn(&Path, &std::ffi::OsStr) -> T + Sync,
    ) -> Result<Vec<(T, String, SessionRecord)>> {
        use rayon::prelude::*;
        let dirs = walk::walk_all_par(&self.sessions_dir())?;
        let beside = self.beside_records(&dirs);
        let read: Vec<Result<(T, String, SessionRecord)>> = dirs
            .par_iter()
            .map(|dir| -> Result<Vec<Result<(T, String, SessionRecord)>>> {
                let names: Vec<&std::ffi::OsStr> = dir.records().collect();
                if names.is_empty() {
                    return Ok(Vec::new());
                }
                let opened = files::DirReader::open(&dir.path)?;
                Ok(names
                    .into_par_iter()
                    .map(|file_name| {
                        let path = || dir.path.join(file_name);
                        let text = opened
                            .read(file_name)
                            .with_context(|| format!("cannot read {}", path().display()))?;
                        let record = self.read_record(&path, &text)?;
                        let id = name::short_id(file_name.to_str().unwrap_or_default()).to_owned();
                        Ok((keep(&dir.path, file_name), id, record))
                    })
                    .collect())
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        let mut records = Vec::with_capacity(read.len());
        let mut problems = beside;
        for result in read {
            match result {
                Ok(record) => records.push(record),
                Err(e) => problems.push(e),
            }
        }
        self.fail_on(problems)?;
        Ok(records)
    }

    /// Reads the session in one file (and, for a file of the earlier format, its partner's file).
    pub fn session_at(&self, path: &Path) -> Result<Session> {
        let text =
            files::read_regular(path).with_context(|| format!("cannot read {}", path.display()))?;
        self.parse_session(path, &text)
    }

    /// Reads a session's text; a file of the earlier format takes its facts from its partner's file,
    /// if that can be read.
    pub(super) fn parse_session(&self, path: &Path, text: &str) -> Result<Session> {
        let record = self.read_record(&|| path.to_path_buf(), text)?;
        let facts = if record.lacks_facts() {
            self.partner(record.partner()).ok().map(|p| p.facts())
        } else {
            None
        };
        Ok(record.into_session(session_id(path), facts))
    }

    /// A session file's record, checked (its date too, on the store's today); the error names the
    /// file (`path` is built only then).
    fn read_record(&self, path: &dyn Fn() -> PathBuf, text: &str) -> Result<SessionRecord> {
        let record = read_record(path, text)?;
        self.check_date(record.date())
            .map_err(|why| anyhow!("{}: {why}", path().display()))?;
        Ok(record)
    }

    /// The names of the session files of `date`'s year: what `log` lists once and passes to
    /// [`Store::same_sessions`], [`Store::add_session_among`] and [`Store::latest_experiment`], so
    /// that logging reads one directory however long the history.
    pub fn year_names(&self, date: NaiveDate) -> Result<Vec<String>> {
        session_names(&self.year_dir(date))
    }

    /// The ids of the sessions among `year_names` that are the same session as `new` as `check`
    /// judges a duplicate: the same partner, date, length and role (a reciprocal swap, coaching a
    /// peer and being coached by them on one day, is two sessions, not one twice). Only that day's
    /// files of that partner are read; one that cannot be read is not counted here.
    pub fn same_sessions(&self, new: &NewSession, year_names: &[String]) -> Vec<String> {
        let dir = self.year_dir(new.date);
        let date = new.date.to_string();
        year_names
            .iter()
            .filter(|n| {
                SessionName::parse(n)
                    .is_some_and(|s| s.date == date && s.partner == new.partner.as_str())
            })
            .filter(|n| {
                self.session_at(&dir.join(n))
                    .is_ok_and(|s| s.same() == new.same())
            })
            .map(|n| name::short_id(n).to_owned())
            .collect()
    }

    /// Writes a new session file under a fresh short id; never replaces an existing file.
    pub fn add_session(&self, new: NewSession) -> Result<SessionFile> {
        let names = self.year_names(new.date)?;
        self.add_session_among(new, &names)
    }

    /// [`Store::add_session`], with the year's file names already listed.
    pub fn add_session_among(&self, new: NewSession, year_names: &[String]) -> Result<SessionFile> {
        let mut taken: HashSet<String> = year_names
            .iter()
            .map(|n| name::short_id(n).to_owned())
            .collect();
        let written = self.write_session(new, &mut taken)?;
        files::sync_dir(written.path.parent().unwrap_or(Path::new(".")))
            .with_context(|| format!("cannot write {}", written.path.display()))?;
        Ok(written)
    }

    /// Writes a new session under `id` (one worked out from where it comes from, as the inbox does),
    /// unless a session of that id from the same inbox line is there already (logged on another
    /// device, or by a run that stopped half-way): its id then. Where `id` is taken by another
    /// session, the new one gets an id of its own.
    pub fn add_session_as(&self, new: NewSession, id: &str) -> Result<Added> {
        let names = self.year_names(new.date)?;
        if let Some(name) = names.iter().find(|n| name::short_id(n) == id) {
            let path = self.year_dir(new.date).join(name);
            let same = self
                .session_at(&path)
                .is_ok_and(|there| match (&there.inbox, &new.inbox) {
                    (Some(a), Some(b)) => a.file == b.file && a.sha256 == b.sha256,
                    _ => false,
                });
            if same {
                return Ok(Added::There(id.to_owned()));
            }
            return self.add_session_among(new, &names).map(Added::New);
        }
        let mut taken: HashSet<String> =
            names.iter().map(|n| name::short_id(n).to_owned()).collect();
        let written = self.write_session_as(new, &mut taken, Some(id))?;
        files::sync_dir(written.path.parent().unwrap_or(Path::new(".")))
            .with_context(|| format!("cannot write {}", written.path.display()))?;
        Ok(Added::New(written))
    }

    /// Writes a new session file under an id not in `taken` (its year's ids), and adds the id. The
    /// file is whole on disk when this returns; the directory entry is made durable by the caller.
    fn write_session(&self, new: NewSession, taken: &mut HashSet<String>) -> Result<SessionFile> {
        self.write_session_as(new, taken, None)
    }

    /// [`Store::write_session`], under `wanted` first when it is given.
    fn write_session_as(
        &self,
        new: NewSession,
        taken: &mut HashSet<String>,
        wanted: Option<&str>,
    ) -> Result<SessionFile> {
        self.check_date(new.date).map_err(crate::error::refused)?;
        // The file holds the text sealed; the session returned, as given.
        let mut written = new.clone();
        if let Some(keys) = self.sealing()? {
            keys.seal_all(&written.partner.clone(), &mut written)?;
        }
        let dir = self.year_dir(new.date);
        files::create_private_dir(&dir)?;
        let text = super::record::written(&SessionRecord::from_new(&written), || {
            format!("the session of {} with {}", new.date, new.partner)
        })?;
        for attempt in 0..32 {
            let id = match wanted {
                Some(id) if attempt == 0 => id.to_owned(),
                _ => random_id(),
            };
            if taken.contains(&id) {
                continue;
            }
            let path = dir.join(SessionName::file_name(new.date, &new.partner, &id));
            let session = new.clone().with_id(id.clone());
            let change = SessionChange::of(&id, None, Some(&session));
            let written = self.guarded(std::slice::from_ref(&change), || {
                Ok(files::readable_size(text.len())
                    .and_then(|()| files::write_new_unsynced(&path, &text)))
            })?;
            match written {
                Ok(()) => {
                    taken.insert(id.clone());
                    return Ok(SessionFile { path, session });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot write {}", path.display()));
                }
            }
        }
        bail!("cannot find a free session id in {}", dir.display())
    }

    /// A writer of many new sessions (an import): each year's directory is listed once, and the
    /// files are made durable together when the batch is finished.
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            store: self,
            taken: HashMap::new(),
            staged: files::Staged::default(),
            changes: Vec::new(),
        }
    }

    /// The file of the session `id` (its short id, or the whole file name without `.toml`).
    pub fn find_session(&self, id: &str) -> Result<PathBuf> {
        let matches: Vec<PathBuf> = walk::walk_all(&self.sessions_dir(), true)?
            .iter()
            .flat_map(|dir| {
                dir.records()
                    .filter(|n| {
                        let n = n.to_str().unwrap_or_default();
                        name::short_id(n) == id || name::stem(n) == id
                    })
                    .map(|n| dir.path.join(n))
            })
            .collect();
        match <[PathBuf; 1]>::try_from(matches) {
            Ok([path]) => Ok(path),
            Err(matches) if matches.is_empty() => {
                Err(SessionLookupError::NotFound(id.to_owned()).into())
            }
            Err(matches) => Err(SessionLookupError::Ambiguous(id.to_owned(), matches).into()),
        }
    }

    /// The date of a session's text, if it reads.
    pub fn session_text_date(&self, path: &Path, text: &str) -> Option<chrono::NaiveDate> {
        self.read_record(&|| path.to_path_buf(), text)
            .ok()
            .map(|r| r.date())
    }

    /// Deletes a session's file (one that no longer reads as a session too, judged by its name's
    /// date), through the guard of attested periods.
    pub fn remove_session_file(&self, path: &Path) -> Result<()> {
        self.remove_session_files(&[path.to_path_buf()])
    }

    /// Deletes sessions' files, as [`Store::remove_session_file`], passed through the guard of
    /// attested periods together.
    pub fn remove_session_files(&self, paths: &[PathBuf]) -> Result<()> {
        let changes: Vec<SessionChange> = paths
            .iter()
            .map(|path| {
                let id = session_id(path);
                match self.session_at(path) {
                    Ok(s) => SessionChange::of(&id, Some(&s), None),
                    Err(_) => SessionChange {
                        id,
                        before: name_date(path).map(|d| (d, UNREADABLE.to_owned())),
                        after: None,
                    },
                }
            })
            .collect();
        self.guarded(&changes, || {
            for path in paths {
                self.remove_holder_file(path)?;
            }
            Ok(())
        })
    }

    fn year_dir(&self, date: NaiveDate) -> PathBuf {
        self.sessions_dir().join(format!("{:04}", date.year()))
    }
}

/// The hash a session file that does not read as a session stands under for the guard: none is
/// ever the hash of counted facts.
const UNREADABLE: &str = "unreadable";

/// The date a session file's name gives, if it does.
fn name_date(path: &Path) -> Option<NaiveDate> {
    let file_name = path.file_name()?.to_str()?;
    SessionName::parse(file_name)?.date.parse().ok()
}

/// The names of the session files directly in `dir` (none if it does not exist).
fn session_names(dir: &Path) -> Result<Vec<String>> {
    Ok(walk::walk_all(dir, false)?
        .iter()
        .flat_map(|d| d.records().filter_map(|n| n.to_str().map(str::to_owned)))
        .collect())
}

/// The short id of a session file: the part of its name after the last hyphen.
pub fn session_id(path: &Path) -> String {
    name::short_id(
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default(),
    )
    .to_owned()
}

/// New partners and sessions written together (an import): each year's ids are listed once, and the
/// files are made durable together when the batch is finished (see [`files::Staged`]).
pub struct Batch<'a> {
    store: &'a Store,
    /// The ids taken in each year's directory (which exists once it is here).
    taken: HashMap<i32, HashSet<String>>,
    staged: files::Staged,
    /// The sessions added, for the guard of attested periods.
    changes: Vec<SessionChange>,
}

impl Batch<'_> {
    /// Stages a new partner file; partners are moved into place before the sessions, so that no
    /// session is ever without its partner.
    pub fn add_partner(&mut self, partner: &Partner) -> Result<()> {
        let dir = self.store.partners_dir();
        files::create_private_dir(&dir)?;
        let mut partner = partner.clone();
        if let Some(keys) = self.store.sealing()? {
            keys.seal_all(&partner.id.clone(), &mut partner)?;
        }
        let partner = &partner;
        let text =
            super::record::written(&super::record::PartnerRecord::from_partner(partner), || {
                format!("the partner file of '{}'", partner.id)
            })?;
        self.staged
            .add(self.store.partner_path(&partner.id), text.as_bytes())
            .with_context(|| format!("cannot write in {}", dir.display()))
    }

    /// Stages a new session file under a fresh short id.
    pub fn add(&mut self, new: &NewSession) -> Result<()> {
        self.add_as(new, None)
    }

    /// [`Batch::add`] under the id `preferred` when it is a valid id still free in its year (a
    /// session restored from a backup keeps its id), else a fresh one.
    pub fn add_as(&mut self, new: &NewSession, preferred: Option<&str>) -> Result<()> {
        // A session the reader would refuse (dated before 1900, or more than a year ahead) is
        // never written.
        self.store.check_date(new.date).map_err(|why| {
            crate::error::refused(format!(
                "the session of {} with {}: {why}",
                new.date, new.partner
            ))
        })?;
        let taken = self.taken_in(new.date.year())?;
        let id = match preferred.filter(|id| name::is_short_id(id)) {
            Some(id) if taken.insert(id.to_owned()) => id.to_owned(),
            _ => fresh_id(taken),
        };
        let dir = self.store.year_dir(new.date);
        let path = dir.join(SessionName::file_name(new.date, &new.partner, &id));
        let change = SessionChange::of(&id, None, Some(&new.clone().with_id(id.clone())));
        self.store
            .check_sessions_change(std::slice::from_ref(&change))?;
        self.changes.push(change);
        let mut new = new.clone();
        if let Some(keys) = self.store.sealing()? {
            keys.seal_all(&new.partner.clone(), &mut new)?;
        }
        let new = &new;
        let text = super::record::written(&SessionRecord::from_new(new), || {
            format!("the session of {} with {}", new.date, new.partner)
        })?;
        self.staged
            .add(path, text.as_bytes())
            .with_context(|| format!("cannot write in {}", dir.display()))
    }

    /// Writes every staged file into place, partners first, never over another file; returns how
    /// many.
    pub fn finish(mut self) -> Result<usize> {
        let staged = std::mem::take(&mut self.staged);
        let changes = std::mem::take(&mut self.changes);
        let taken = &mut self.taken;
        let store = self.store;
        let written = store.guarded(&changes, || {
            staged
                .commit(|path| {
                    // A file of that name appeared meanwhile: the same session under another id (a
                    // partner file is not renamed: the error says the partner exists).
                    let file_name = path.file_name()?.to_str()?;
                    let parsed = SessionName::parse(file_name)?;
                    let year: i32 = parsed.date.get(..4)?.parse().ok()?;
                    let id = fresh_id(taken.entry(year).or_default());
                    let date: NaiveDate = parsed.date.parse().ok()?;
                    let partner: PartnerId = parsed.partner.parse().ok()?;
                    Some(path.with_file_name(SessionName::file_name(date, &partner, &id)))
                })
                .with_context(|| format!("cannot write in {}", store.sessions_dir().display()))
        })?;
        Ok(written.len())
    }

    fn taken_in(&mut self, year: i32) -> Result<&mut HashSet<String>> {
        match self.taken.entry(year) {
            std::collections::hash_map::Entry::Occupied(entry) => Ok(entry.into_mut()),
            std::collections::hash_map::Entry::Vacant(entry) => {
                let dir = self.store.sessions_dir().join(format!("{year:04}"));
                files::create_private_dir(&dir)?;
                let names = session_names(&dir)?;
                Ok(entry.insert(names.iter().map(|n| name::short_id(n).to_owned()).collect()))
            }
        }
    }
}

/// A short id not among `taken`, which it joins.
fn fresh_id(taken: &mut HashSet<String>) -> String {
    loop {
        let id = random_id();
        if taken.insert(id.clone()) {
            return id;
        }
    }
}

fn read_session_file(
    path: &Path,
    partner: impl FnOnce(&PartnerId) -> Option<SessionFacts>,
) -> Result<Session> {
    let text =
        files::read_regular(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_session(path, &text, partner)
}

/// Reads a session's text; `partner` gives the partner's current facts to a file of the earlier
/// format (and is asked only then).
fn parse_session(
    path: &Path,
    text: &str,
    partner: impl FnOnce(&PartnerId) -> Option<SessionFacts>,
) -> Result<Session> {
    let record = read_record(&|| path.to_path_buf(), text)?;
    let facts = if record.lacks_facts() {
        partner(record.partner())
    } else {
        None
    };
    Ok(record.into_session(session_id(path), facts))
}

/// A session file's record, checked; the error names the file (`path` is built only then).
fn read_record(path: &dyn Fn() -> PathBuf, text: &str) -> Result<SessionRecord> {
    let record = SessionRecord::parse(text).map_err(|e| located(&path(), text, &e, "session"))?;
    if let Some(problem) = record.problem() {
        bail!("{}: {problem}", path().display());
    }
    Ok(record)
}

/// A TOML error in the file `path` as every reader says it: the file and line, the key, what it
/// holds and a form that reads — never the (possibly endless) line itself.
pub(super) fn located(
    path: &Path,
    text: &str,
    error: &toml::de::Error,
    what: &str,
) -> anyhow::Error {
    let problem = super::problem::FileProblem::of_toml(text, error).in_a(what);
    match problem.line {
        Some(line) => anyhow!("{}:{line}: {}", path.display(), problem.message),
        None => anyhow!("{}: {}", path.display(), problem.message),
    }
}

/// Sessions from their records: a file of the earlier format takes its facts from its partner
/// among `partners`.
fn resolve<T, U>(
    records: Vec<(T, String, SessionRecord)>,
    partners: &[Partner],
    make: impl Fn(T, Session) -> U,
) -> Vec<U> {
    let facts: rustc_hash::FxHashMap<&PartnerId, SessionFacts> =
        partners.iter().map(|p| (&p.id, p.facts())).collect();
    records
        .into_iter()
        .map(|(kept, id, record)| {
            let partner = if record.lacks_facts() {
                facts.get(record.partner()).copied()
            } else {
                None
            };
            make(kept, record.into_session(id, partner))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::duration::Minutes;
    use crate::domain::model::{Arrangement, ClientType, Payment, Role};

    fn store() -> (tempfile::TempDir, Store, Partner) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path().join("logbook"));
        let partner = Partner::new(
            "alex-kim".parse().expect("id"),
            "Alex Kim".into(),
            ClientType::Peer,
        );
        store.add_partner(&partner).expect("partner");
        (dir, store, partner)
    }

    fn new(partner: &Partner, date: &str, minutes: u32) -> NewSession {
        NewSession {
            date: date.parse().expect("date"),
            partner: partner.id.clone(),
            minutes: Minutes::new(minutes).expect("minutes"),
            role: Role::Coach,
            payment: Payment::Exchange,
            arrangement: Arrangement::Reciprocal,
            facts: partner.facts(),
            not_counted: None,
            notes: None,
            reflection: None,
            competencies: Vec::new(),
            feedback: None,
            calendar: None,
            inbox: None,
        }
    }

    #[test]
    fn a_batch_writes_sessions_that_read_back_across_years() -> Result<()> {
        let (_dir, store, alex) = store();
        let logged = store.add_session(new(&alex, "2025-12-31", 45))?;
        let mut batch = store.batch();
        for (date, minutes) in [("2025-12-31", 60), ("2026-01-01", 30), ("2026-01-02", 90)] {
            batch.add(&new(&alex, date, minutes))?;
        }
        assert_eq!(batch.finish()?, 3);
        let mut read: Vec<(String, u32)> = store
            .sessions(std::slice::from_ref(&alex))?
            .iter()
            .map(|s| (s.date.to_string(), s.minutes.get()))
            .collect();
        read.sort();
        assert_eq!(
            read,
            [
                ("2025-12-31".to_owned(), 45),
                ("2025-12-31".to_owned(), 60),
                ("2026-01-01".to_owned(), 30),
                ("2026-01-02".to_owned(), 90)
            ]
        );
        assert_eq!(store.find_session(&logged.session.id)?, logged.path);
        Ok(())
    }

    #[test]
    fn a_copy_under_the_same_id_makes_the_id_ambiguous() -> Result<()> {
        let (_dir, store, alex) = store();
        let logged = store.add_session(new(&alex, "2026-01-05", 60))?;
        let copy = logged.path.with_file_name(format!(
            "2026-01-05-alex-kim-{} (conflicted copy).toml",
            logged.session.id
        ));
        fs::copy(&logged.path, &copy)?;
        let err = store.find_session("nope00").expect_err("no such id");
        assert!(err.to_string().contains("no session 'nope00'"));
        // The copy's id is what follows its last hyphen: not the same as the original's.
        assert_eq!(store.find_session(&logged.session.id)?, logged.path);
        let twin = logged
            .path
            .with_file_name(format!("hand-{}.toml", logged.session.id));
        fs::copy(&logged.path, &twin)?;
        let err = store
            .find_session(&logged.session.id)
            .expect_err("two files");
        assert!(err.to_string().contains("several session files"), "{err}");
        Ok(())
    }

    #[test]
    fn an_update_changes_only_the_keys_that_changed() -> Result<()> {
        let (_dir, store, alex) = store();
        let logged = store.add_session(new(&alex, "2026-01-05", 60))?;
        let text = format!("# by hand\n{}", fs::read_to_string(&logged.path)?);
        fs::write(&logged.path, &text)?;
        let mut session = store.session_at(&logged.path)?;
        assert!(
            !store.update_session(&logged.path, &session)?,
            "nothing to change"
        );
        session.minutes = Minutes::new(50).expect("minutes");
        assert!(store.update_session(&logged.path, &session)?);
        assert_eq!(
            fs::read_to_string(&logged.path)?,
            text.replace("minutes = 60", "minutes = 50")
        );
        Ok(())
    }
}
