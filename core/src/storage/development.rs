//! The records of a credential besides sessions, one TOML file each in a folder of their own:
//!
//! ```text
//! mentoring/<date>-<mentor>-<id>.toml      supervision/<date>-<supervisor>-<id>.toml
//! education/<start>-<title>-<id>.toml      cpd/<date>-<title>-<id>.toml
//! credentials/<granted>-<scheme>-<id>.toml
//! ```
//!
//! Every kind is read strictly, as sessions are, and written in a fixed key order.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::problem::FileProblem;
use super::record::{FORMAT_VERSION, optional_line, single_line, version};
use super::toml_date::TomlDate;
use super::{Store, files, name, walk};
use crate::domain::development::{
    Accreditation, CoachCredential, Cpd, CpdCategory, Credential, Development, Education,
    Mentoring, Supervision, check_group,
};
use crate::domain::duration::Minutes;
use crate::domain::id::PartnerId;
use crate::domain::model::{Format, GroupSize};

/// A kind of record kept in a folder of its own.
pub trait Kept: Sized + Clone {
    /// The folder, under the data directory.
    const FOLDER: &'static str;
    /// What one is called in messages.
    const NOUN: &'static str;
    /// The command's noun.
    const COMMAND: &'static str;
    /// The command that lists them, as a hint.
    const LIST: &'static str;
    /// The file's form.
    type Record: Serialize + DeserializeOwned;
    /// The short id.
    fn id(&self) -> &str;
    /// The same record under another id.
    fn with_id(self, id: String) -> Self;
    /// The same record without its notes (for a listing: notes are confidential).
    fn without_notes(self) -> Self;
    /// The date and the words its file is named by.
    fn name_parts(&self) -> (NaiveDate, &str);
    /// The file's form of it.
    fn to_record(&self) -> Self::Record;
    /// It, from its file's form, or what is wrong with it.
    fn from_record(record: Self::Record, id: String) -> Result<Self, String>;
}

/// A record and its file.
#[derive(Debug, Clone)]
pub struct KeptFile<K> {
    /// The file.
    pub path: PathBuf,
    /// The record.
    pub record: K,
}

/// Reads the text of a file of kind `K`, or says what is wrong with it (with the line, when the
/// TOML parser knows it).
pub fn parse<K: Kept>(text: &str, id: String) -> Result<K, FileProblem> {
    let record: K::Record =
        toml::from_str(text).map_err(|e| FileProblem::of_toml(text, &e).in_a(K::NOUN))?;
    K::from_record(record, id).map_err(|why| FileProblem::whole(why).in_a(K::NOUN))
}

impl Store {
    /// The folder of the records of kind `K`.
    pub fn kept_dir<K: Kept>(&self) -> PathBuf {
        self.root().join(K::FOLDER)
    }

    /// Every record of kind `K`, in the order of their file names (by date).
    pub fn kept<K: Kept>(&self) -> Result<Vec<KeptFile<K>>> {
        let dirs = walk::walk_all(&self.kept_dir::<K>(), false)?;
        let mut names: Vec<(PathBuf, String)> = dirs
            .iter()
            .flat_map(|d| {
                d.records()
                    .filter_map(|n| Some((d.path.join(n), n.to_str()?.to_owned())))
            })
            .collect();
        names.sort_by(|a, b| a.1.cmp(&b.1));
        let mut found = Vec::with_capacity(names.len());
        let mut problems = self.beside_records(&dirs);
        for (path, file_name) in names {
            let read = files::read_regular(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    parse::<K>(&text, name::short_id(&file_name).to_owned())
                        .map_err(|p| p.to_string())
                });
            match read {
                Ok(record) => found.push(KeptFile { path, record }),
                Err(why) => problems.push(anyhow::anyhow!("{}: {why}", path.display())),
            }
        }
        self.fail_on(problems)?;
        Ok(found)
    }

    /// Writes a new record of kind `K` under a fresh short id; never replaces a file.
    pub fn add_kept<K: Kept>(&self, record: K) -> Result<KeptFile<K>> {
        self.add_kept_with(record, |text| Ok(text.to_owned()))
    }

    /// [`Store::add_kept`], the file's text made by `finish` from the record's (to name its
    /// evidence, say).
    pub fn add_kept_with<K: Kept>(
        &self,
        record: K,
        finish: impl Fn(&str) -> Result<String>,
    ) -> Result<KeptFile<K>> {
        let dir = self.kept_dir::<K>();
        files::create_private_dir(&dir)?;
        let (date, words) = record.name_parts();
        let slug =
            PartnerId::from_name(words).map_or_else(|| K::FOLDER.to_owned(), |s| s.to_string());
        // A record restored from a backup keeps its id when it is free.
        let own = Some(record.id().to_owned()).filter(|id| name::is_short_id(id));
        for attempt in 0..32 {
            let id = match (&own, attempt) {
                (Some(id), 0) => id.clone(),
                _ => super::name::random_id(),
            };
            let record = record.clone().with_id(id.clone());
            let text = finish(&super::record::written(&record.to_record(), || {
                format!("the {} record {id}", K::COMMAND)
            })?)?;
            let path = dir.join(format!("{date}-{slug}-{id}.toml"));
            match files::write_new(&path, &text) {
                Ok(()) => return Ok(KeptFile { path, record }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot write {}", path.display()));
                }
            }
        }
        bail!("cannot find a free id in {}", dir.display())
    }

    /// The file of the record of kind `K` with the short id `id` (or the whole file name).
    pub fn find_kept<K: Kept>(&self, id: &str) -> Result<PathBuf> {
        self.find_record(&KindOf::of::<K>(), id)
    }

    /// The file of the record of `kind` with the short id `id` (or the whole file name).
    pub fn find_record(&self, kind: &KindOf, id: &str) -> Result<PathBuf> {
        let matches: Vec<PathBuf> = walk::walk_all(&self.root().join(kind.folder), false)?
            .iter()
            .flat_map(|d| {
                d.records()
                    .filter(|n| {
                        let n = n.to_str().unwrap_or_default();
                        name::short_id(n) == id || name::stem(n) == id
                    })
                    .map(|n| d.path.join(n))
            })
            .collect();
        match <[PathBuf; 1]>::try_from(matches) {
            Ok([path]) => Ok(path),
            Err(matches) if matches.is_empty() => bail!(
                "no {} has the id '{id}': {} shows the ids",
                kind.noun,
                kind.list
            ),
            Err(matches) => bail!(
                "'{id}' names {} {} files: give the whole file name, one of {}",
                matches.len(),
                kind.noun,
                matches
                    .iter()
                    .map(
                        |p| name::stem(&p.file_name().unwrap_or_default().to_string_lossy())
                            .to_owned()
                    )
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// Every record of a credential besides sessions.
    pub fn development(&self) -> Result<Development> {
        Ok(Development {
            mentoring: self.records()?,
            supervision: self.records()?,
            education: self.records()?,
            cpd: self.records()?,
            credentials: self.records()?,
        })
    }

    /// Every record of kind `K`, without their files.
    pub fn records<K: Kept>(&self) -> Result<Vec<K>> {
        Ok(self.kept::<K>()?.into_iter().map(|f| f.record).collect())
    }

    /// Deletes a record's file.
    pub fn remove_kept(&self, path: &Path) -> Result<()> {
        self.remove_holder_file(path)
    }
}

fn minutes_or_error(minutes: u32, what: &str) -> Result<u32, String> {
    (minutes > 0)
        .then_some(minutes)
        .ok_or_else(|| format!("{what} must be at least 1 minute"))
}

/// `mentoring/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentoringRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    date: TomlDate,
    minutes: Minutes,
    #[serde(deserialize_with = "single_line")]
    mentor: String,
    credential: CoachCredential,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    renewed: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    contact: Option<String>,
    format: Format,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group_size: Option<GroupSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    /// The evidence the file names (`[[evidence]]`), never written here (see
    /// [`super::evidence`]).
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<super::record::Entry>,
}

impl Kept for Mentoring {
    const FOLDER: &'static str = "mentoring";
    const NOUN: &'static str = "mentor coaching";
    const COMMAND: &'static str = "mentoring";
    const LIST: &'static str = "`coachlog mentoring list`";
    type Record = MentoringRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        Mentoring { id, ..self }
    }

    fn without_notes(self) -> Self {
        Mentoring {
            notes: None,
            ..self
        }
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.date, &self.mentor)
    }

    fn to_record(&self) -> MentoringRecord {
        MentoringRecord {
            version: FORMAT_VERSION,
            date: TomlDate(self.date),
            minutes: self.minutes,
            mentor: self.mentor.clone(),
            credential: self.credential,
            renewed: self.renewed,
            contact: self.contact.clone(),
            format: self.format,
            group_size: self.group_size,
            notes: self.notes.clone(),
            _evidence: Vec::new(),
        }
    }

    fn from_record(r: MentoringRecord, id: String) -> Result<Self, String> {
        check_group(r.format, r.group_size)?;
        Ok(Mentoring {
            id,
            date: r.date.0,
            minutes: r.minutes,
            mentor: r.mentor,
            credential: r.credential,
            renewed: r.renewed,
            contact: r.contact,
            format: r.format,
            group_size: r.group_size,
            notes: r.notes,
        })
    }
}

/// `supervision/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    date: TomlDate,
    minutes: Minutes,
    #[serde(deserialize_with = "single_line")]
    supervisor: String,
    format: Format,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group_size: Option<GroupSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    /// The evidence the file names (`[[evidence]]`), never written here (see
    /// [`super::evidence`]).
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<super::record::Entry>,
}

impl Kept for Supervision {
    const FOLDER: &'static str = "supervision";
    const NOUN: &'static str = "supervision";
    const COMMAND: &'static str = "supervision";
    const LIST: &'static str = "`coachlog supervision list`";
    type Record = SupervisionRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        Supervision { id, ..self }
    }

    fn without_notes(self) -> Self {
        Supervision {
            notes: None,
            ..self
        }
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.date, &self.supervisor)
    }

    fn to_record(&self) -> SupervisionRecord {
        SupervisionRecord {
            version: FORMAT_VERSION,
            date: TomlDate(self.date),
            minutes: self.minutes,
            supervisor: self.supervisor.clone(),
            format: self.format,
            group_size: self.group_size,
            notes: self.notes.clone(),
            _evidence: Vec::new(),
        }
    }

    fn from_record(r: SupervisionRecord, id: String) -> Result<Self, String> {
        check_group(r.format, r.group_size)?;
        Ok(Supervision {
            id,
            date: r.date.0,
            minutes: r.minutes,
            supervisor: r.supervisor,
            format: r.format,
            group_size: r.group_size,
            notes: r.notes,
        })
    }
}

/// `education/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    #[serde(deserialize_with = "single_line")]
    provider: String,
    #[serde(deserialize_with = "single_line")]
    title: String,
    start: TomlDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end: Option<TomlDate>,
    minutes: u32,
    #[serde(default)]
    core_minutes: u32,
    #[serde(default)]
    ethics_minutes: u32,
    accreditation: Accreditation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    /// The evidence the file names (`[[evidence]]`), never written here (see
    /// [`super::evidence`]).
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<super::record::Entry>,
}

impl Kept for Education {
    const FOLDER: &'static str = "education";
    const NOUN: &'static str = "education";
    const COMMAND: &'static str = "education";
    const LIST: &'static str = "`coachlog education list`";
    type Record = EducationRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        Education { id, ..self }
    }

    fn without_notes(self) -> Self {
        Education {
            notes: None,
            ..self
        }
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.start, &self.title)
    }

    fn to_record(&self) -> EducationRecord {
        EducationRecord {
            version: FORMAT_VERSION,
            provider: self.provider.clone(),
            title: self.title.clone(),
            start: TomlDate(self.start),
            end: self.end.map(TomlDate),
            minutes: self.minutes,
            core_minutes: self.core_minutes,
            ethics_minutes: self.ethics_minutes,
            accreditation: self.accreditation,
            notes: self.notes.clone(),
            _evidence: Vec::new(),
        }
    }

    fn from_record(r: EducationRecord, id: String) -> Result<Self, String> {
        let education = Education {
            id,
            provider: r.provider,
            title: r.title,
            start: r.start.0,
            end: r.end.map(|d| d.0),
            minutes: r.minutes,
            core_minutes: r.core_minutes,
            ethics_minutes: r.ethics_minutes,
            accreditation: r.accreditation,
            notes: r.notes,
        };
        match education.problem() {
            Some(why) => Err(why),
            None => Ok(education),
        }
    }
}

/// `cpd/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CpdRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    date: TomlDate,
    #[serde(deserialize_with = "single_line")]
    provider: String,
    #[serde(deserialize_with = "single_line")]
    title: String,
    minutes: u32,
    category: CpdCategory,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "optional_line"
    )]
    certificate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    /// The evidence the file names (`[[evidence]]`), never written here (see
    /// [`super::evidence`]).
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<super::record::Entry>,
}

impl Kept for Cpd {
    const FOLDER: &'static str = "cpd";
    const NOUN: &'static str = "continuing education";
    const COMMAND: &'static str = "cpd";
    const LIST: &'static str = "`coachlog cpd list`";
    type Record = CpdRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        Cpd { id, ..self }
    }

    fn without_notes(self) -> Self {
        Cpd {
            notes: None,
            ..self
        }
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.date, &self.title)
    }

    fn to_record(&self) -> CpdRecord {
        CpdRecord {
            version: FORMAT_VERSION,
            date: TomlDate(self.date),
            provider: self.provider.clone(),
            title: self.title.clone(),
            minutes: self.minutes,
            category: self.category,
            certificate: self.certificate.clone(),
            notes: self.notes.clone(),
            _evidence: Vec::new(),
        }
    }

    fn from_record(r: CpdRecord, id: String) -> Result<Self, String> {
        Ok(Cpd {
            id,
            date: r.date.0,
            provider: r.provider,
            title: r.title,
            minutes: minutes_or_error(r.minutes, "minutes")?,
            category: r.category,
            certificate: r.certificate,
            notes: r.notes,
        })
    }
}

/// `credentials/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    #[serde(deserialize_with = "single_line")]
    scheme: String,
    granted: TomlDate,
    expires: TomlDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    /// The evidence the file names (`[[evidence]]`), never written here (see
    /// [`super::evidence`]).
    #[serde(rename = "evidence", default, skip_serializing)]
    _evidence: Vec<super::record::Entry>,
}

impl Kept for Credential {
    const FOLDER: &'static str = "credentials";
    const NOUN: &'static str = "credential";
    const COMMAND: &'static str = "credential";
    const LIST: &'static str = "`coachlog credential list`";
    type Record = CredentialRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        Credential { id, ..self }
    }

    fn without_notes(self) -> Self {
        Credential {
            notes: None,
            ..self
        }
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.granted, &self.scheme)
    }

    fn to_record(&self) -> CredentialRecord {
        CredentialRecord {
            version: FORMAT_VERSION,
            scheme: self.scheme.clone(),
            granted: TomlDate(self.granted),
            expires: TomlDate(self.expires),
            notes: self.notes.clone(),
            _evidence: Vec::new(),
        }
    }

    fn from_record(r: CredentialRecord, id: String) -> Result<Self, String> {
        let credential = Credential {
            id,
            scheme: r.scheme,
            granted: r.granted.0,
            expires: r.expires.0,
            notes: r.notes,
        };
        match credential.problem() {
            Some(why) => Err(why),
            None => Ok(credential),
        }
    }
}

/// How `check` and `edit` read a file of one kind: what is wrong with it, if anything, else its
/// [`facts`].
pub type Reader = fn(&str) -> Result<String, FileProblem>;

/// A record's facts, for telling the same record recorded twice: its file's text without the notes
/// (the id is its file's name, not part of it).
pub fn facts<K: Kept>(record: &K) -> String {
    toml::to_string(&record.clone().without_notes().to_record()).unwrap_or_default()
}

/// A kind of record, without its type: for `check` (which reads every folder) and `edit` (which
/// finds a record by the noun the user typed).
#[derive(Debug, Clone, Copy)]
pub struct KindOf {
    /// The command's noun (`mentoring`, `credential`).
    pub command: &'static str,
    /// The folder.
    pub folder: &'static str,
    /// What one is called in messages.
    pub noun: &'static str,
    /// The command that lists them, as a hint.
    pub list: &'static str,
    /// Checks a file's text.
    pub read: Reader,
}

impl KindOf {
    /// The kind `K`.
    pub fn of<K: Kept>() -> Self {
        KindOf {
            command: K::COMMAND,
            folder: K::FOLDER,
            noun: K::NOUN,
            list: K::LIST,
            read: |text| parse::<K>(text, String::new()).map(|k| facts(&k)),
        }
    }
}

impl Store {
    /// Writes `text` over the record file `path` of this logbook, as the record's own kind writes
    /// it: a session's and a partner's through the guard of attested periods, another record's
    /// (mentor coaching, education, an attestation, …) once it reads back as its kind. The one way
    /// a command replaces a record's file whole (an edit in the editor, evidence attached, an
    /// attestation withdrawn); anything else under the logbook is refused.
    pub fn replace_record_text(&self, path: &Path, text: &str) -> Result<()> {
        let parent = path.parent().unwrap_or(Path::new(""));
        if path.starts_with(self.sessions_dir()) {
            return self.save_session_text(path, text, None);
        }
        if parent == self.partners_dir() {
            let id = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse::<PartnerId>().ok())
                .ok_or_else(|| {
                    crate::error::internal(format!("{} is not a partner's file", path.display()))
                })?;
            return self.save_partner_text(&id, text);
        }
        let Some(kind) = kinds()
            .into_iter()
            .find(|kind| parent == self.root.join(kind.folder))
        else {
            return Err(crate::error::internal(format!(
                "{} is not a record file of this logbook",
                path.display()
            )));
        };
        (kind.read)(text).map_err(|p| anyhow::anyhow!("{}: {p}", path.display()))?;
        files::replace(path, text).with_context(|| format!("cannot write {}", path.display()))
    }
}

/// Every kind of record besides partners and sessions.
pub fn kinds() -> [KindOf; 6] {
    [
        KindOf::of::<Mentoring>(),
        KindOf::of::<Supervision>(),
        KindOf::of::<Education>(),
        KindOf::of::<Cpd>(),
        KindOf::of::<Credential>(),
        KindOf::of::<crate::domain::attestation::Attestation>(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(dir.path().to_path_buf());
        (dir, store)
    }

    fn mentoring(date: &str, format: Format, group: Option<u32>) -> Mentoring {
        Mentoring {
            id: String::new(),
            date: date.parse().expect("date"),
            minutes: Minutes::new(60).expect("minutes"),
            mentor: "Dana Reyes".into(),
            credential: CoachCredential::Mcc,
            renewed: false,
            contact: Some("dana@example.org".into()),
            format,
            group_size: group.and_then(GroupSize::new),
            notes: None,
        }
    }

    #[test]
    fn a_record_is_written_named_by_date_and_read_back_the_same() -> Result<()> {
        let (_dir, store) = store();
        let written = store.add_kept(mentoring("2026-10-02", Format::Group, Some(4)))?;
        let name = written
            .path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("2026-10-02-dana-reyes-"), "{name}");
        let text = std::fs::read_to_string(&written.path)?;
        assert!(text.contains("date = 2026-10-02\n"), "{text}");
        assert!(text.contains("group_size = 4\n"), "{text}");
        let read = store.kept::<Mentoring>()?;
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].record, written.record);
        assert_eq!(
            store.find_kept::<Mentoring>(&written.record.id)?,
            written.path
        );
        Ok(())
    }

    #[test]
    fn a_broken_file_is_refused_with_its_line_and_reason() {
        let bad = "version = 1\ndate = 2026-10-02\nminutes = 60\nmentor = \"D\"\ncredential = \"BCC\"\nformat = \"individual\"\n";
        let FileProblem { line, message: why } =
            parse::<Mentoring>(bad, "x".into()).expect_err("bad credential");
        assert_eq!(line, Some(5));
        assert!(why.contains("not a valid mentor coaching file"), "{why}");
        let group = "version = 1\ndate = 2026-10-02\nminutes = 60\nmentor = \"D\"\ncredential = \"PCC\"\nformat = \"group\"\n";
        let why = parse::<Mentoring>(group, "x".into())
            .expect_err("no size")
            .message;
        assert!(why.contains("number in the group"), "{why}");
    }

    #[test]
    fn no_folder_is_no_records() -> Result<()> {
        let (_dir, store) = store();
        assert!(store.kept::<Education>()?.is_empty());
        assert!(store.find_kept::<Education>("abc").is_err());
        Ok(())
    }
}
