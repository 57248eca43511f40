//! The keys that seal confidential text (see [`crate::domain::private`]).
//!
//! - The coach's key: an age X25519 identity, kept outside the logbook (in the platform's config
//!   directory, `coachlog/keys/<recipient>.txt`, owner-only), never in git. `config.toml` names its
//!   public half (`notes_key = "age1…"`), so that any device can seal without it.
//! - Each partner's key: an identity of its own, in `keys/<partner-id>.toml` in the logbook, its
//!   secret half sealed to the coach's key. A partner's text is sealed to the partner's key, so
//!   forgetting a client is destroying one file — and, because an old commit or backup still holds
//!   that file, replacing the coach's key too (see [`Keys::rotate`]).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;

use age::secrecy::ExposeSecret;
use age::x25519::{Identity, Recipient};
use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::files;
use crate::domain::id::PartnerId;
use crate::domain::private::{self, Confidential};

/// The folder of the partners' keys, in the logbook.
pub const PARTNER_KEYS_DIR: &str = "keys";

/// Why sealed text could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locked {
    /// The coach's key is not on this device.
    NoKey(String),
    /// The partner's key is gone: the client was forgotten.
    Forgotten(PartnerId),
    /// The text or a key file is damaged, or sealed to another key.
    Damaged(String),
}

impl fmt::Display for Locked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locked::NoKey(recipient) => write!(
                f,
                "notes are encrypted; the key is not on this device ({recipient}): copy it from \
                 the device that has it with `coachlog keys export`, then `coachlog keys import`"
            ),
            Locked::Forgotten(id) => write!(
                f,
                "the notes of '{id}' cannot be read: their key was destroyed when the client was \
                 forgotten"
            ),
            Locked::Damaged(why) => write!(f, "encrypted text cannot be read: {why}"),
        }
    }
}

impl std::error::Error for Locked {}

/// A partner's key file, `keys/<partner-id>.toml`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnerKeyRecord {
    version: u32,
    /// The public half: what the partner's text is sealed to.
    recipient: String,
    /// The secret half, sealed to the coach's key.
    identity: String,
}

/// Whether `text` reads as a partner's key file (for `coachlog check`).
pub fn check_partner_key(text: &str) -> Result<(), super::problem::FileProblem> {
    let record: PartnerKeyRecord = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        super::problem::FileProblem::new(line, e.message().to_owned())
    })?;
    if Recipient::from_str(&record.recipient).is_err() || !private::is_sealed(&record.identity) {
        return Err(super::problem::FileProblem::new(
            None,
            "a partner's key holds recipient = \"age1…\" and the key, sealed (identity = \"age:…\")",
        ));
    }
    Ok(())
}

/// A partner's key as a backup carries it: the partner, the public half, and the secret half
/// sealed to the coach's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerKey {
    /// The partner.
    pub partner: PartnerId,
    /// The public half.
    pub recipient: String,
    /// The secret half, sealed to the coach's key.
    pub identity: String,
}

/// Every partner's key in the logbook in `root`, by partner.
pub fn partner_keys(root: &Path) -> Result<Vec<PartnerKey>> {
    let dir = root.join(PARTNER_KEYS_DIR);
    let (dirs, _) = super::walk::walk(&dir, false, &[]);
    let mut found = Vec::new();
    for name in dirs.iter().flat_map(|d| d.records()) {
        let path = dir.join(name);
        let Some(partner) = name
            .to_str()
            .and_then(|n| n.strip_suffix(".toml"))
            .and_then(|n| n.parse::<PartnerId>().ok())
        else {
            continue;
        };
        let text = files::read_regular(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let record: PartnerKeyRecord =
            toml::from_str(&text).map_err(|e| anyhow!("{}: {}", path.display(), e.message()))?;
        found.push(PartnerKey {
            partner,
            recipient: record.recipient,
            identity: record.identity,
        });
    }
    found.sort_by(|a, b| a.partner.cmp(&b.partner));
    Ok(found)
}

/// Writes a partner's key from a backup into the logbook in `root`, unless the partner has one
/// already; returns whether it was written. The caller holds the lock.
pub fn restore_partner_key(root: &Path, key: &PartnerKey) -> Result<bool> {
    let record = PartnerKeyRecord {
        version: 1,
        recipient: key.recipient.clone(),
        identity: key.identity.clone(),
    };
    let text = toml::to_string(&record)?;
    check_partner_key(&text).map_err(|p| anyhow!("the key of '{}': {}", key.partner, p.message))?;
    let dir = root.join(PARTNER_KEYS_DIR);
    files::create_private_dir(&dir)?;
    let path = dir.join(format!("{}.toml", key.partner));
    match files::write_new(&path, &text) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
    }
}

/// Where the coach's keys are kept on this device: `coachlog/keys` in the platform's config
/// directory.
pub fn coach_keys_dir() -> Option<PathBuf> {
    Some(dirs::config_dir()?.join("coachlog").join("keys"))
}

/// The file of the coach's key whose public half is `recipient`.
fn coach_key_path(recipient: &str) -> Option<PathBuf> {
    Some(coach_keys_dir()?.join(format!("{recipient}.txt")))
}

/// The coach's key of public half `recipient`, when this device has it.
pub fn load_coach_key(recipient: &str) -> Result<Option<Identity>> {
    let Some(path) = coach_key_path(recipient) else {
        return Ok(None);
    };
    let text = match files::read_regular(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    // A secret key others can read is no secret: it is not used until it is owner-only again,
    // as ssh treats its keys.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::symlink_metadata(&path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o600);
        if mode & 0o077 != 0 {
            bail!(
                "{} can be read by others (mode {mode:o}): the logbook's key is kept readable by \
                 you only, so it is not used as it is; `chmod 600 {}` makes it so",
                path.display(),
                path.display()
            );
        }
    }
    let identity = parse_identity(&text).with_context(|| format!("{}", path.display()))?;
    if identity.to_public().to_string() != recipient {
        bail!(
            "{} holds another key than its name says: remove it and `coachlog keys import` the key again",
            path.display()
        );
    }
    Ok(Some(identity))
}

/// Reads a key as `coachlog keys export` writes it: an `AGE-SECRET-KEY-1…` line (comments, as
/// age-keygen writes them, are skipped).
pub fn parse_identity(text: &str) -> Result<Identity> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .ok_or_else(|| anyhow!("no key in it: a key is a line AGE-SECRET-KEY-1…"))?;
    Identity::from_str(line).map_err(|e| {
        anyhow!(
            "'{}…' is not a key ({e}): a key is a line AGE-SECRET-KEY-1…",
            preview(line)
        )
    })
}

fn preview(line: &str) -> String {
    line.chars().take(16).collect()
}

/// Keeps the coach's key on this device, owner-only; returns where.
pub fn save_coach_key(identity: &Identity) -> Result<PathBuf> {
    let recipient = identity.to_public().to_string();
    let path = coach_key_path(&recipient)
        .ok_or_else(|| anyhow!("this system has no config directory to keep the key in"))?;
    if let Some(dir) = path.parent() {
        files::create_private_dir(dir)?;
    }
    let text = format!(
        "# coachlog: the key that opens the notes of the logbook whose notes_key is\n# {recipient}\n{}\n",
        identity.to_string().expose_secret()
    );
    files::replace(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Removes the coach's key of public half `recipient` from this device.
pub fn remove_coach_key(recipient: &str) -> Result<()> {
    if let Some(path) = coach_key_path(recipient) {
        match files::remove(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot remove {}", path.display())),
        }
    }
    Ok(())
}

/// The export form of a key.
pub fn export_text(identity: &Identity) -> String {
    format!(
        "# coachlog notes key for {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    )
}

/// Seals `plain` to `recipient`.
fn seal_to(recipient: &Recipient, plain: &[u8]) -> Result<String> {
    let sealed = age::encrypt(recipient, plain).map_err(|e| anyhow!("cannot encrypt: {e}"))?;
    Ok(format!(
        "age:{}",
        base64::engine::general_purpose::STANDARD.encode(sealed)
    ))
}

/// Opens `sealed` with `identity`.
fn open_with(identity: &Identity, sealed: &str) -> Result<Vec<u8>, Locked> {
    let bytes = sealed
        .strip_prefix("age:")
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .ok_or_else(|| Locked::Damaged("it is not age: and base64".into()))?;
    age::decrypt(identity, &bytes).map_err(|e| {
        Locked::Damaged(format!(
            "it does not open with its key ({}): it is damaged — `coachlog check` names the file",
            e.to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .trim_end_matches('.')
        ))
    })
}

/// A new key.
pub fn generate() -> Identity {
    Identity::generate()
}

/// The logbook's keys as one run knows them: what seals text (the coach's public key, each
/// partner's key file) and, when this device has the coach's key, what opens it. What it opened or
/// sealed is remembered, so that text read and written back unchanged keeps its very ciphertext.
pub struct Keys {
    root: PathBuf,
    recipient: Recipient,
    identity: Option<Identity>,
    partners: Mutex<HashMap<PartnerId, (Recipient, Option<Identity>)>>,
    /// Held while a partner's key is made.
    creating: Mutex<()>,
    /// Sealed text → what it opened to, and (partner, plain text) → the sealed text it came from.
    opened: Mutex<HashMap<String, String>>,
    sealed: Mutex<HashMap<(PartnerId, String), String>>,
}

impl fmt::Debug for Keys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keys")
            .field("root", &self.root)
            .field("recipient", &self.recipient.to_string())
            .field("has_identity", &self.identity.is_some())
            .finish()
    }
}

impl Keys {
    /// The keys of the logbook in `root` whose coach's key has the public half `recipient`, with
    /// the coach's key when this device has it.
    pub fn new(root: &Path, recipient: &str) -> Result<Keys> {
        let parsed = Recipient::from_str(recipient).map_err(|e| {
            anyhow!("notes_key in config.toml: '{recipient}' is not an age public key ({e})")
        })?;
        Ok(Keys {
            root: root.to_path_buf(),
            identity: load_coach_key(recipient)?,
            recipient: parsed,
            partners: Mutex::new(HashMap::new()),
            creating: Mutex::new(()),
            opened: Mutex::new(HashMap::new()),
            sealed: Mutex::new(HashMap::new()),
        })
    }

    /// The public half of the coach's key.
    pub fn recipient(&self) -> String {
        self.recipient.to_string()
    }

    /// The coach's key, when this device has it.
    pub fn identity(&self) -> Option<&Identity> {
        self.identity.as_ref()
    }

    /// The file of `partner`'s key.
    pub fn partner_key_path(&self, partner: &PartnerId) -> PathBuf {
        self.root
            .join(PARTNER_KEYS_DIR)
            .join(format!("{partner}.toml"))
    }

    /// `partner`'s key: its public half, and its secret half when the coach's key opens it; `None`
    /// when the partner has no key yet.
    fn partner_key(&self, partner: &PartnerId) -> Result<Option<(Recipient, Option<Identity>)>> {
        if let Some(found) = self.lock_partners().get(partner) {
            return Ok(Some(found.clone()));
        }
        let path = self.partner_key_path(partner);
        let text = match files::read_regular(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let record: PartnerKeyRecord =
            toml::from_str(&text).map_err(|e| anyhow!("{}: {}", path.display(), e.message()))?;
        let recipient = Recipient::from_str(&record.recipient)
            .map_err(|e| anyhow!("{}: recipient: {e}", path.display()))?;
        let identity = match &self.identity {
            Some(coach) => {
                let secret = open_with(coach, &record.identity)
                    .map_err(|e| anyhow!("{}: {e}", path.display()))?;
                let secret = String::from_utf8(secret)
                    .map_err(|_| anyhow!("{}: the key is damaged", path.display()))?;
                Some(
                    Identity::from_str(secret.trim())
                        .map_err(|e| anyhow!("{}: the key is damaged ({e})", path.display()))?,
                )
            }
            None => None,
        };
        let key = (recipient, identity);
        self.lock_partners().insert(partner.clone(), key.clone());
        Ok(Some(key))
    }

    fn lock_partners(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<PartnerId, (Recipient, Option<Identity>)>> {
        self.partners
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Writes a new key for `partner` (the caller holds the logbook's lock).
    fn create_partner_key(&self, partner: &PartnerId) -> Result<Recipient> {
        let identity = Identity::generate();
        let recipient = identity.to_public();
        let record = PartnerKeyRecord {
            version: 1,
            recipient: recipient.to_string(),
            identity: seal_to(
                &self.recipient,
                identity.to_string().expose_secret().as_bytes(),
            )?,
        };
        let dir = self.root.join(PARTNER_KEYS_DIR);
        files::create_private_dir(&dir)?;
        let path = self.partner_key_path(partner);
        files::write_new(&path, &toml::to_string(&record)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.lock_partners()
            .insert(partner.clone(), (recipient.clone(), Some(identity)));
        Ok(recipient)
    }

    /// `plain` sealed for `partner` (text already sealed is left as it is; text opened in this run
    /// and unchanged gets back the ciphertext it came from). Creates the partner's key when it has
    /// none.
    pub fn seal(&self, partner: &PartnerId, plain: &str) -> Result<String> {
        if private::is_sealed(plain) {
            return Ok(plain.to_owned());
        }
        let memo = (partner.clone(), plain.to_owned());
        if let Some(sealed) = lock(&self.sealed).get(&memo) {
            return Ok(sealed.clone());
        }
        let recipient = match self.partner_key(partner)? {
            Some((recipient, _)) => recipient,
            None => {
                // One key per partner, however many threads seal their text at once: the first
                // makes it, the others find it.
                let _creating = lock(&self.creating);
                match self.partner_key(partner)? {
                    Some((recipient, _)) => recipient,
                    None => self.create_partner_key(partner)?,
                }
            }
        };
        let sealed = seal_to(&recipient, plain.as_bytes())?;
        lock(&self.sealed).insert(memo, sealed.clone());
        Ok(sealed)
    }

    /// Seals every confidential text of `record`, which belongs to `partner`.
    pub fn seal_all(&self, partner: &PartnerId, record: &mut dyn Confidential) -> Result<()> {
        let mut failed = None;
        record.each_private(&mut |text| {
            if failed.is_none() {
                match self.seal(partner, text) {
                    Ok(sealed) => *text = sealed,
                    Err(e) => failed = Some(e),
                }
            }
        });
        failed.map_or(Ok(()), Err)
    }

    /// `text` opened, when it is sealed for `partner`.
    pub fn open(&self, partner: &PartnerId, text: &str) -> Result<String, Locked> {
        if !private::is_sealed(text) {
            return Ok(text.to_owned());
        }
        if let Some(plain) = lock(&self.opened).get(text) {
            return Ok(plain.clone());
        }
        if self.identity.is_none() {
            return Err(Locked::NoKey(self.recipient()));
        }
        let identity = match self.partner_key(partner) {
            Ok(Some((_, Some(identity)))) => identity,
            Ok(Some((_, None))) => return Err(Locked::NoKey(self.recipient())),
            Ok(None) => return Err(Locked::Forgotten(partner.clone())),
            Err(e) => return Err(Locked::Damaged(format!("{e:#}"))),
        };
        let plain = open_with(&identity, text)?;
        let plain = String::from_utf8(plain).map_err(|_| Locked::Damaged("not text".into()))?;
        lock(&self.opened).insert(text.to_owned(), plain.clone());
        lock(&self.sealed).insert((partner.clone(), plain.clone()), text.to_owned());
        Ok(plain)
    }

    /// Opens every confidential text of `record`, which belongs to `partner`: all of it, or an
    /// error when any cannot be opened (and then `record` is as it was).
    pub fn open_all(
        &self,
        partner: &PartnerId,
        record: &mut dyn Confidential,
    ) -> Result<(), Locked> {
        let mut failed = None;
        let mut texts = Vec::new();
        record.each_private(&mut |text| {
            if failed.is_none() {
                match self.open(partner, text) {
                    Ok(plain) => texts.push(plain),
                    Err(e) => failed = Some(e),
                }
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        let mut texts = texts.into_iter();
        record.each_private(&mut |text| {
            if let Some(plain) = texts.next() {
                *text = plain;
            }
        });
        Ok(())
    }

    /// Destroys `partner`'s key (the caller holds the logbook's lock): their sealed text can no
    /// longer be opened from this file. See [`Keys::rotate`] for the copies in history.
    pub fn destroy_partner_key(&self, partner: &PartnerId) -> Result<bool> {
        self.lock_partners().remove(partner);
        let path = self.partner_key_path(partner);
        match files::remove(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e).with_context(|| format!("cannot remove {}", path.display())),
        }
    }

    /// Seals every partner's key again to `new` (the coach's new key), so that the partners' key
    /// files of an old commit or backup, sealed to the old key, can be opened by no key once the
    /// old one is destroyed. Needs the coach's present key; the caller holds the logbook's lock.
    /// Returns how many partner keys were sealed again.
    pub fn rotate(&self, new: &Identity) -> Result<usize> {
        let Some(old) = &self.identity else {
            bail!("{}", Locked::NoKey(self.recipient()));
        };
        let dir = self.root.join(PARTNER_KEYS_DIR);
        let (dirs, _) = super::walk::walk(&dir, false, &[]);
        let mut staged: Vec<(PathBuf, String)> = Vec::new();
        for name in dirs.iter().flat_map(|d| d.records()) {
            let path = dir.join(name);
            let text = files::read_regular(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let mut record: PartnerKeyRecord = toml::from_str(&text)
                .map_err(|e| anyhow!("{}: {}", path.display(), e.message()))?;
            let secret =
                open_with(old, &record.identity).map_err(|e| anyhow!("{}: {e}", path.display()))?;
            record.identity = seal_to(&new.to_public(), &secret)?;
            staged.push((path, toml::to_string(&record)?));
        }
        for (path, text) in &staged {
            files::replace(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Ok(staged.len())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{ClientType, Partner};

    fn keys(root: &Path, coach: &Identity) -> Keys {
        Keys {
            root: root.to_path_buf(),
            recipient: coach.to_public(),
            identity: Some(coach.clone()),
            partners: Mutex::new(HashMap::new()),
            creating: Mutex::new(()),
            opened: Mutex::new(HashMap::new()),
            sealed: Mutex::new(HashMap::new()),
        }
    }

    #[test]
    fn text_sealed_for_a_partner_opens_with_the_coach_s_key_only() -> Result<()> {
        let root = tempfile::tempdir()?;
        let coach = Identity::generate();
        let alex: PartnerId = "alex-kim".parse().map_err(anyhow::Error::msg)?;
        let sealed = keys(root.path(), &coach).seal(&alex, "wants to change jobs")?;
        assert!(private::is_sealed(&sealed), "{sealed}");
        assert!(!sealed.contains("jobs"));
        assert!(root.path().join("keys/alex-kim.toml").is_file());

        // A new run, with the key: opens; without it: says so.
        assert_eq!(
            keys(root.path(), &coach).open(&alex, &sealed)?,
            "wants to change jobs"
        );
        let mut without = keys(root.path(), &coach);
        without.identity = None;
        assert!(matches!(
            without.open(&alex, &sealed),
            Err(Locked::NoKey(_))
        ));
        // Another coach's key cannot open the partner's key.
        let other = keys(root.path(), &Identity::generate());
        assert!(matches!(
            other.open(&alex, &sealed),
            Err(Locked::Damaged(_))
        ));
        Ok(())
    }

    #[test]
    fn text_opened_and_sealed_again_unchanged_keeps_its_ciphertext() -> Result<()> {
        let root = tempfile::tempdir()?;
        let coach = Identity::generate();
        let alex: PartnerId = "alex-kim".parse().map_err(anyhow::Error::msg)?;
        let sealed = keys(root.path(), &coach).seal(&alex, "notes")?;
        let run = keys(root.path(), &coach);
        let mut partner = Partner::new(alex.clone(), "Alex Kim".into(), ClientType::Peer);
        partner.notes = Some(sealed.clone());
        partner.contact = Some("phone".into());
        run.open_all(&alex, &mut partner)?;
        assert_eq!(partner.notes.as_deref(), Some("notes"));
        run.seal_all(&alex, &mut partner)?;
        assert_eq!(partner.notes, Some(sealed), "the same ciphertext");
        assert!(partner.contact.as_deref().is_some_and(private::is_sealed));
        Ok(())
    }

    #[test]
    fn a_destroyed_partner_key_and_a_rotated_coach_key_leave_old_copies_unreadable() -> Result<()> {
        let root = tempfile::tempdir()?;
        let coach = Identity::generate();
        let alex: PartnerId = "alex-kim".parse().map_err(anyhow::Error::msg)?;
        let sam: PartnerId = "sam-lee".parse().map_err(anyhow::Error::msg)?;
        let run = keys(root.path(), &coach);
        let of_alex = run.seal(&alex, "alex's words")?;
        let of_sam = run.seal(&sam, "sam's words")?;
        let old_alex_key = std::fs::read_to_string(root.path().join("keys/alex-kim.toml"))?;

        let new = Identity::generate();
        assert!(run.destroy_partner_key(&alex)?);
        assert_eq!(run.rotate(&new)?, 1);
        // With the new key: Sam's text opens, Alex's is forgotten.
        let after = keys(root.path(), &new);
        assert_eq!(after.open(&sam, &of_sam)?, "sam's words");
        assert!(matches!(
            after.open(&alex, &of_alex),
            Err(Locked::Forgotten(_))
        ));
        // Alex's old key file (from an old commit), put back: the new coach's key cannot open it.
        std::fs::write(root.path().join("keys/alex-kim.toml"), old_alex_key)?;
        assert!(matches!(
            keys(root.path(), &new).open(&alex, &of_alex),
            Err(Locked::Damaged(_))
        ));
        Ok(())
    }

    #[test]
    fn a_key_reads_back_as_exported_and_anything_else_is_named() -> Result<()> {
        let coach = Identity::generate();
        let back = parse_identity(&export_text(&coach))?;
        assert_eq!(back.to_public(), coach.to_public());
        let e = parse_identity("hello world")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            e.contains("'hello world…' is not a key") && e.contains("AGE-SECRET-KEY-1"),
            "{e}"
        );
        Ok(())
    }
}
