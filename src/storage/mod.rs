//! The logbook on disk: a data directory with one TOML file per partner and one per session.
//!
//! ```text
//! <data dir>/
//!   partners/<partner-id>.toml
//!   sessions/<year>/<date>-<partner-id>-<session-id>.toml
//! ```
//!
//! A file per record means two machines syncing the folder never edit the same file, and a write
//! can only ever touch the one record it is about.

pub mod check;
pub mod config;
pub mod datadir;
pub mod files;
pub mod record;
pub mod toml_date;

use std::collections::HashSet;
use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{Datelike, NaiveDate};

use crate::domain::id::PartnerId;
use crate::domain::model::{NewSession, Partner, Session, SessionFacts};
use files::Lock;
use record::{PartnerRecord, SessionRecord};

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

impl std::error::Error for SessionLookupError {}

/// The logbook in a data directory.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    skip_invalid: bool,
    skipped: std::cell::Cell<usize>,
}

impl Store {
    /// The logbook in `root` (which may not exist yet: the first write creates it).
    pub fn new(root: PathBuf) -> Self {
        Store {
            root,
            skip_invalid: false,
            skipped: std::cell::Cell::new(0),
        }
    }

    /// The same logbook, reading past files that cannot be read (and counting them) instead of
    /// refusing: the global `--skip-invalid`.
    pub fn skipping_invalid(mut self, skip: bool) -> Self {
        self.skip_invalid = skip;
        self
    }

    /// How many unreadable files reads have skipped so far.
    pub fn skipped(&self) -> usize {
        self.skipped.get()
    }

    /// One error naming every file that could not be read, or nothing when all were (or when they
    /// are to be skipped, which is counted).
    fn fail_on(&self, problems: Vec<anyhow::Error>) -> Result<()> {
        if self.skip_invalid {
            self.skipped.set(self.skipped.get() + problems.len());
            return Ok(());
        }
        fail_on(problems)
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The directory of partner files.
    pub fn partners_dir(&self) -> PathBuf {
        self.root.join("partners")
    }

    /// The directory of session files.
    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// The file of the partner `id`.
    pub fn partner_path(&self, id: &PartnerId) -> PathBuf {
        self.partners_dir().join(format!("{id}.toml"))
    }

    /// Whether the data directory exists; an error when something else is in its place or it
    /// cannot be read.
    pub fn exists(&self) -> Result<bool> {
        match fs::metadata(&self.root) {
            Ok(meta) if meta.is_dir() => {
                fs::read_dir(&self.root).with_context(|| {
                    format!("cannot read the data directory {}", self.root.display())
                })?;
                Ok(true)
            }
            Ok(_) => bail!(
                "the data directory {} is not a directory: point --data-dir or COACHLOG_DIR at a directory",
                self.root.display()
            ),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e)
                .with_context(|| format!("cannot read the data directory {}", self.root.display())),
        }
    }

    /// Creates the data directory if needed and takes the lock that every change holds, so that
    /// concurrent commands never act on what another is changing.
    pub fn lock(&self) -> Result<Lock> {
        self.exists()?;
        files::create_private_dir(&self.root)?;
        files::lock(&self.root.join(".lock"))
    }

    /// The ids of all partners, from file names alone (fast: no file is read). Files whose names
    /// are not ids are left out here and reported by [`Store::partners`].
    pub fn partner_ids(&self) -> Result<Vec<PartnerId>> {
        let mut ids: Vec<PartnerId> = toml_files(&self.partners_dir(), false)?
            .iter()
            .filter_map(|path| stem(path).parse().ok())
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Reads one partner.
    pub fn partner(&self, id: &PartnerId) -> Result<Partner> {
        read_partner_file(&self.partner_path(id), id.clone())
    }

    /// Reads every partner, sorted by id; fails naming every file that cannot be read.
    pub fn partners(&self) -> Result<Vec<Partner>> {
        let mut partners = Vec::new();
        let mut problems = Vec::new();
        for path in toml_files(&self.partners_dir(), false)? {
            let read = stem(&path)
                .parse::<PartnerId>()
                .map_err(|e| anyhow!("{}: the file name {e}", path.display()))
                .and_then(|id| read_partner_file(&path, id));
            match read {
                Ok(p) => partners.push(p),
                Err(e) => problems.push(e),
            }
        }
        self.fail_on(problems)?;
        partners.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(partners)
    }

    /// Writes a new partner file; never replaces an existing one.
    pub fn add_partner(&self, partner: &Partner) -> Result<PathBuf> {
        files::create_private_dir(&self.partners_dir())?;
        let path = self.partner_path(&partner.id);
        let text = toml::to_string(&PartnerRecord::from_partner(partner))?;
        files::write_new(&path, &text).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                anyhow!(
                    "a partner with the id '{}' already exists ({})",
                    partner.id,
                    path.display()
                )
            } else {
                anyhow!(e).context(format!("cannot write {}", path.display()))
            }
        })?;
        Ok(path)
    }

    /// Rewrites the partner's file with `updated`, changing only the keys whose values changed, so
    /// that comments and the layout of a hand-edited file survive. Returns false (and writes
    /// nothing) when nothing changed.
    pub fn update_partner(&self, updated: &Partner) -> Result<bool> {
        let path = self.partner_path(&updated.id);
        let original =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let current = parse_partner(&path, &original, updated.id.clone())?;
        if &current == updated {
            return Ok(false);
        }
        let text = edit_changed_keys(
            &path,
            &original,
            &toml::to_string(&PartnerRecord::from_partner(&current))?,
            &toml::to_string(&PartnerRecord::from_partner(updated))?,
        )?;
        let check = parse_partner(&path, &text, updated.id.clone())?;
        if &check != updated {
            bail!(
                "internal error (a bug in coachlog): the edited partner file would not read back as intended; nothing was written"
            );
        }
        files::replace(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(true)
    }

    /// Rewrites a session's file with `updated` (a new reflection, say), changing only what changed,
    /// so that comments and layout survive. Returns false (and writes nothing) when nothing changed.
    pub fn update_session(&self, path: &Path, updated: &Session) -> Result<bool> {
        let original =
            fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let current = self.parse_session(path, &original)?;
        if &current == updated {
            return Ok(false);
        }
        let record = |s: &Session| SessionRecord::from_session(s);
        let text = edit_changed_keys(
            path,
            &original,
            &toml::to_string(&record(&current))?,
            &toml::to_string(&record(updated))?,
        )?;
        if &self.parse_session(path, &text)? != updated {
            bail!(
                "internal error (a bug in coachlog): the edited session file would not read back as intended; nothing was written"
            );
        }
        files::replace(path, &text).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(true)
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
            let earlier = names.iter().filter(|name| {
                split_name(name).is_some_and(|(date, p, _)| {
                    p == partner.as_str() && date < before_text.as_str()
                })
            });
            let Some(latest) = earlier
                .clone()
                .filter_map(|n| split_name(n))
                .map(|(date, _, _)| date)
                .max()
            else {
                continue;
            };
            let date: NaiveDate = latest
                .parse()
                .with_context(|| format!("{latest} in {}", dir.display()))?;
            for name in earlier.filter(|n| n.starts_with(latest)) {
                // A file that cannot be read gives no reminder; `check` reports it.
                let experiment = read_session_file(&dir.join(name), |_| None)
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

    /// Checks a partner file's text as `coachlog edit` saves it: it must read as the partner `id`.
    pub fn check_partner_text(&self, id: &PartnerId, text: &str) -> Result<Partner> {
        parse_partner(&self.partner_path(id), text, id.clone())
    }

    /// Checks a session file's text as `coachlog edit` saves it: it must read as a session, of a
    /// partner who exists.
    pub fn check_session_text(&self, path: &Path, text: &str) -> Result<()> {
        let session = parse_session(path, text, |_| None)?;
        if !self.partner_path(&session.partner).is_file() {
            bail!(
                "{}: the partner '{}' does not exist (`coachlog partner list` shows the ids)",
                path.display(),
                session.partner
            );
        }
        Ok(())
    }

    /// Deletes a partner's file.
    pub fn remove_partner(&self, id: &PartnerId) -> Result<()> {
        let path = self.partner_path(id);
        files::remove(&path).with_context(|| format!("cannot remove {}", path.display()))
    }

    /// Reads every session; fails naming every file that cannot be read. `partners` (every partner)
    /// give their current values to sessions whose files are of the earlier format.
    pub fn sessions(&self, partners: &[Partner]) -> Result<Vec<Session>> {
        Ok(self
            .session_files(partners)?
            .into_iter()
            .map(|f| f.session)
            .collect())
    }

    /// Reads every session with the file it is in; fails naming every file that cannot be read.
    /// `partners` (every partner) give their current values to sessions whose files are of the
    /// earlier format.
    pub fn session_files(&self, partners: &[Partner]) -> Result<Vec<SessionFile>> {
        use rayon::prelude::*;
        let facts: std::collections::HashMap<&PartnerId, SessionFacts> =
            partners.iter().map(|p| (&p.id, p.facts())).collect();
        // Reading is most of a report's time at 100,000 sessions: each directory's files are read
        // on all cores, opened relative to the directory (one name to look up, not a whole path).
        let mut dirs = vec![self.sessions_dir()];
        let mut read: Vec<Result<SessionFile>> = Vec::new();
        while let Some(dir) = dirs.pop() {
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
            };
            let mut names = Vec::new();
            for entry in entries {
                let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                if entry
                    .file_type()
                    .with_context(|| format!("cannot read {}", dir.display()))?
                    .is_dir()
                {
                    dirs.push(dir.join(&name));
                } else if Path::new(&name)
                    .extension()
                    .is_some_and(|ext| ext == "toml")
                {
                    names.push(name);
                }
            }
            let opened = files::DirReader::open(&dir)?;
            read.par_extend(names.into_par_iter().map(|name| {
                let path = dir.join(&name);
                let text = opened
                    .read(&name)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let session = parse_session(&path, &text, |id| facts.get(id).copied())?;
                Ok(SessionFile { path, session })
            }));
        }
        let mut sessions = Vec::with_capacity(read.len());
        let mut problems = Vec::new();
        for result in read {
            match result {
                Ok(file) => sessions.push(file),
                Err(e) => problems.push(e),
            }
        }
        self.fail_on(problems)?;
        Ok(sessions)
    }

    /// Reads the session in one file (and, for a file of the earlier format, its partner's file).
    pub fn session_at(&self, path: &Path) -> Result<Session> {
        let text =
            fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        self.parse_session(path, &text)
    }

    /// Reads a session's text; a file of the earlier format takes its facts from its partner's file,
    /// if that can be read.
    fn parse_session(&self, path: &Path, text: &str) -> Result<Session> {
        parse_session(path, text, |id| self.partner(id).ok().map(|p| p.facts()))
    }

    /// The names of the session files of `date`'s year: what `log` lists once and passes to
    /// [`Store::sessions_on`], [`Store::add_session_among`] and [`Store::latest_experiment`], so
    /// that logging reads one directory however long the history.
    pub fn year_names(&self, date: NaiveDate) -> Result<Vec<String>> {
        session_names(&self.year_dir(date))
    }

    /// The ids of sessions with `partner` on `date`, among `year_names` (file names alone).
    pub fn sessions_on(date: NaiveDate, partner: &PartnerId, year_names: &[String]) -> Vec<String> {
        let date = date.to_string();
        year_names
            .iter()
            .filter_map(|name| split_name(name))
            .filter(|(d, p, _)| *d == date && *p == partner.as_str())
            .map(|(_, _, id)| id.to_owned())
            .collect()
    }

    /// Writes a new session file under a fresh short id; never replaces an existing file.
    pub fn add_session(&self, new: NewSession) -> Result<SessionFile> {
        let names = self.year_names(new.date)?;
        self.add_session_among(new, &names)
    }

    /// [`Store::add_session`], with the year's file names already listed.
    pub fn add_session_among(&self, new: NewSession, year_names: &[String]) -> Result<SessionFile> {
        let dir = self.year_dir(new.date);
        files::create_private_dir(&dir)?;
        let text = toml::to_string(&SessionRecord::from_new(&new))?;
        let taken: HashSet<&str> = year_names
            .iter()
            .map(|name| {
                name.trim_end_matches(".toml")
                    .rsplit('-')
                    .next()
                    .unwrap_or(name)
            })
            .collect();
        for _ in 0..32 {
            let id = random_id();
            if taken.contains(id.as_str()) {
                continue;
            }
            let path = dir.join(format!("{}-{}-{id}.toml", new.date, new.partner));
            match files::write_new(&path, &text) {
                Ok(()) => {
                    return Ok(SessionFile {
                        path,
                        session: new.with_id(id),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot write {}", path.display()));
                }
            }
        }
        bail!("cannot find a free session id in {}", dir.display())
    }

    /// The file of the session `id` (its short id, or the whole file name without `.toml`).
    pub fn find_session(&self, id: &str) -> Result<PathBuf> {
        let matches: Vec<PathBuf> = toml_files(&self.sessions_dir(), true)?
            .into_iter()
            .filter(|path| session_id(path) == id || stem(path) == id)
            .collect();
        match <[PathBuf; 1]>::try_from(matches) {
            Ok([path]) => Ok(path),
            Err(matches) if matches.is_empty() => {
                Err(SessionLookupError::NotFound(id.to_owned()).into())
            }
            Err(matches) => Err(SessionLookupError::Ambiguous(id.to_owned(), matches).into()),
        }
    }

    /// Deletes a session's file.
    pub fn remove_session_file(&self, path: &Path) -> Result<()> {
        files::remove(path).with_context(|| format!("cannot remove {}", path.display()))
    }

    fn year_dir(&self, date: NaiveDate) -> PathBuf {
        self.sessions_dir().join(format!("{:04}", date.year()))
    }
}

/// The names of the session files directly in `dir` (none if it does not exist), without building
/// a path for each.
fn session_names(dir: &Path) -> Result<Vec<String>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.ends_with(".toml") && !name.starts_with('.') {
            names.push(name.to_owned());
        }
    }
    Ok(names)
}

/// A session file name as coachlog writes it, `<date>-<partner>-<id>.toml`, split into its date,
/// partner id and session id.
fn split_name(name: &str) -> Option<(&str, &str, &str)> {
    let stem = name.strip_suffix(".toml")?;
    let (date, rest) = (stem.get(..10)?, stem.get(10..)?.strip_prefix('-')?);
    let (partner, id) = rest.rsplit_once('-')?;
    Some((date, partner, id))
}

/// The short id of a session file: the part of its name after the last hyphen.
pub fn session_id(path: &Path) -> String {
    let stem = stem(path);
    stem.rsplit_once('-')
        .map_or(stem.clone(), |(_, id)| id.to_owned())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// The `.toml` files in `dir` (and, if `deep`, below it), in no order; hidden files (such as a temp file
/// of an interrupted write) are not records. A missing directory has none.
fn toml_files(dir: &Path, deep: bool) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry
                .file_type()
                .with_context(|| format!("cannot read {}", path.display()))?;
            if kind.is_dir() {
                if deep {
                    pending.push(path);
                }
            } else if path.extension().is_some_and(|ext| ext == "toml") {
                found.push(path);
            }
        }
    }
    // Unsorted: at 100,000 files, sorting paths costs more than parsing them, and no caller needs
    // an order (listings sort what they show).
    Ok(found)
}

fn read_partner_file(path: &Path, id: PartnerId) -> Result<Partner> {
    let text = fs::read_to_string(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => anyhow!("no partner '{id}' ({} does not exist)", path.display()),
        _ => anyhow!(e).context(format!("cannot read {}", path.display())),
    })?;
    parse_partner(path, &text, id)
}

fn parse_partner(path: &Path, text: &str, id: PartnerId) -> Result<Partner> {
    toml::from_str::<PartnerRecord>(text)
        .map(|record| record.into_partner(id))
        .map_err(|e| anyhow!("{}: {}", path.display(), e.to_string().trim_end()))
}

fn read_session_file(
    path: &Path,
    partner: impl FnOnce(&PartnerId) -> Option<SessionFacts>,
) -> Result<Session> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_session(path, &text, partner)
}

/// Reads a session's text; `partner` gives the partner's current facts to a file of the earlier
/// format (and is asked only then).
fn parse_session(
    path: &Path,
    text: &str,
    partner: impl FnOnce(&PartnerId) -> Option<SessionFacts>,
) -> Result<Session> {
    let record = toml::from_str::<SessionRecord>(text)
        .map_err(|e| anyhow!("{}: {}", path.display(), e.to_string().trim_end()))?;
    if let Some(problem) = record.problem() {
        bail!("{}: {problem}", path.display());
    }
    let facts = if record.lacks_facts() {
        partner(record.partner())
    } else {
        None
    };
    Ok(record.into_session(session_id(path), facts))
}

/// `original` (a file as the user may have edited it) changed so that it reads as `updated`: every
/// top-level key whose value differs between `current` and `updated` (the same record written fresh
/// before and after the change) is replaced or removed, and everything else, comments included, is
/// left as it was.
fn edit_changed_keys(path: &Path, original: &str, current: &str, updated: &str) -> Result<String> {
    let mut doc: toml_edit::DocumentMut = original
        .parse()
        .with_context(|| format!("{} is not valid TOML", path.display()))?;
    let current: toml_edit::DocumentMut = current.parse()?;
    let updated: toml_edit::DocumentMut = updated.parse()?;
    let mut keys: Vec<&str> = current.iter().map(|(k, _)| k).collect();
    keys.extend(
        updated
            .iter()
            .map(|(k, _)| k)
            .filter(|k| !current.contains_key(k)),
    );
    for key in keys {
        let text =
            |d: &toml_edit::DocumentMut| d.get(key).map(|item| item.to_string().trim().to_owned());
        if text(&current) == text(&updated) {
            continue;
        }
        match updated.get(key) {
            Some(item) => {
                doc.insert(key, item.clone());
            }
            None => {
                doc.remove(key);
            }
        }
    }
    Ok(doc.to_string())
}

/// One error naming every file that could not be read, or nothing when all were.
fn fail_on(problems: Vec<anyhow::Error>) -> Result<()> {
    let head = match problems.len() {
        0 => return Ok(()),
        1 => "a logbook file cannot be read".to_owned(),
        n => format!("{n} logbook files cannot be read"),
    };
    let mut list: Vec<String> = problems.iter().map(|e| format!("{e:#}")).collect();
    list.sort();
    bail!(
        "{head}, so nothing was counted or changed (a report that left it out would undercount): fix \
         it in a text editor, or add --skip-invalid to go on without it; `coachlog check` lists every \
         problem\n\n{}",
        list.join("\n\n")
    )
}

/// A short random id for a new session: six characters from an alphabet without look-alikes.
fn random_id() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    // std's RandomState is seeded from the OS per process; mixing in the time and the process id
    // keeps ids apart across the many processes a sync setup or a script may start at once.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    let mut bits = hasher.finish();
    (0..6)
        .map(|_| {
            let c = ALPHABET[(bits & 31) as usize] as char;
            bits >>= 5;
            c
        })
        .collect()
}
