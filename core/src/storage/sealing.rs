//! Sealing and opening the whole logbook's confidential text: when `encrypt_notes` is turned on or
//! off, and when a client is forgotten.

use anyhow::{Result, bail};

use super::Store;
use super::config::ConfigKey;
use super::keys::{self, Keys};
use crate::domain::id::PartnerId;
use crate::domain::model::{Partner, Session};
use crate::domain::private::Confidential;

/// What a rewrite of the logbook changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rewritten {
    /// Partner files rewritten.
    pub partners: usize,
    /// Session files rewritten.
    pub sessions: usize,
}

/// What forgetting a client did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forgotten {
    /// The name the partner has now.
    pub tombstone: String,
    /// Their sessions, whose text was removed.
    pub sessions: usize,
    /// Whether their key was destroyed (the logbook was encrypted).
    pub key_destroyed: bool,
    /// Where the coach's new key is kept, when it was replaced.
    pub new_key: Option<std::path::PathBuf>,
    /// The evidence files their records named (a consent form, a recording consent) that were
    /// removed: each holds their name.
    pub evidence_removed: usize,
    /// The receipts they signed that were removed (each holds their name), with their pinned key.
    pub receipts_removed: usize,
    /// In a logbook kept in git, what its history still holds of them (see
    /// [`super::git::History`]).
    pub history: Option<super::git::History>,
}

impl Store {
    /// Every partner and session, their confidential text opened with `keys` (all of it: an
    /// error when any cannot be opened, before anything is written).
    fn opened(&self, keys: Option<&Keys>) -> Result<(Vec<Partner>, Vec<super::SessionFile>)> {
        let mut partners = self.partners()?;
        let mut files = self.session_files(&partners)?;
        if let Some(keys) = keys {
            for p in &mut partners {
                keys.open_all(&p.id.clone(), p)?;
            }
            for f in &mut files {
                let partner = f.session.partner.clone();
                keys.open_all(&partner, &mut f.session)?;
            }
        } else if partners.iter_mut().any(|p| p.has_sealed())
            || files.iter_mut().any(|f| f.session.has_sealed())
        {
            bail!("the logbook holds encrypted text but config.toml names no notes_key to open it");
        }
        Ok((partners, files))
    }

    /// Writes every confidential text as `config.toml` now says: sealed when `encrypt_notes` is on,
    /// plain when it is off. The caller holds the lock and has just changed `config.toml`. Every
    /// text is opened before any file is written, so a text that cannot be opened changes nothing.
    pub fn reseal(&self) -> Result<Rewritten> {
        self.reseal_with(&|_, _| {})
    }

    /// [`Store::reseal`], `progress` told how many session files of all are done.
    pub fn reseal_with(&self, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Rewritten> {
        self.reread_keys();
        let keys = self.keys()?;
        let (partners, files) = self.opened(keys.as_deref())?;
        let mut done = Rewritten::default();
        for p in &partners {
            done.partners += usize::from(self.update_partner(p)?);
        }
        let sessions: Vec<(std::path::PathBuf, Session)> =
            files.into_iter().map(|f| (f.path, f.session)).collect();
        done.sessions = self.update_sessions_with(&sessions, progress)?;
        Ok(done)
    }

    /// Turns `encrypt_notes` on: makes the coach's key when the logbook has none (kept on this
    /// device; returned), then seals every confidential text. The caller holds the lock.
    pub fn encrypt_notes(
        &self,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<(Option<std::path::PathBuf>, Rewritten)> {
        let settings = self.settings()?;
        let made = match &settings.notes_key {
            Some(recipient) => {
                if keys::load_coach_key(recipient)?.is_none() && self.holds_sealed_text()? {
                    bail!("{}", keys::Locked::NoKey(recipient.clone()));
                }
                None
            }
            None => {
                let identity = keys::generate();
                let path = keys::save_coach_key(&identity)?;
                self.set_config(ConfigKey::NotesKey, Some(&identity.to_public().to_string()))
                    .map_err(super::config::SetConfigError::into_error)?;
                Some(path)
            }
        };
        self.set_config(ConfigKey::EncryptNotes, Some("true"))
            .map_err(super::config::SetConfigError::into_error)?;
        Ok((made, self.reseal_with(progress)?))
    }

    /// Turns `encrypt_notes` off: opens every sealed text and writes it plain. The caller holds
    /// the lock.
    pub fn decrypt_notes(&self, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Rewritten> {
        // Everything is opened first: without the key, config.toml is not changed either.
        self.opened(self.keys()?.as_deref())?;
        self.set_config(ConfigKey::EncryptNotes, Some("false"))
            .map_err(super::config::SetConfigError::into_error)?;
        self.reseal_with(progress)
    }

    /// Whether any partner or session holds sealed text.
    fn holds_sealed_text(&self) -> Result<bool> {
        let (mut partners, mut sessions) = self.partners_and_sessions()?;
        Ok(partners.iter_mut().any(|p| p.has_sealed())
            || sessions.iter_mut().any(Session::has_sealed))
    }

    /// Forgets the client `id`: their name becomes `tombstone`, their contact, e-mail addresses,
    /// notes and agreement are removed, and their sessions keep every counted fact but lose their
    /// notes and experiments. In an encrypted logbook their key is destroyed and the coach's key
    /// replaced (every other partner's key sealed to the new one), so that no copy of their text in
    /// an old commit or backup can be opened. The caller holds the lock.
    pub fn forget_partner(&self, id: &PartnerId, tombstone: &str) -> Result<Forgotten> {
        let keys = self.keys()?;
        // The coach's key must be here to seal the other partners' keys to a new one.
        if let Some(keys) = &keys
            && keys.identity().is_none()
        {
            bail!(
                "forgetting a client in an encrypted logbook needs its key on this device, so that \
                 the copies of the client's key in history become unreadable too: {}",
                keys::Locked::NoKey(keys.recipient())
            );
        }
        let mut partner = self.partner(id)?;
        partner.name = tombstone.to_owned();
        partner.alias = None;
        partner.erase();
        let files: Vec<super::SessionFile> = self
            .session_files(std::slice::from_ref(&partner))?
            .into_iter()
            .filter(|f| &f.session.partner == id)
            .collect();
        let erased: Vec<(std::path::PathBuf, crate::domain::model::Session)> = files
            .iter()
            .map(|f| {
                let mut session = f.session.clone();
                session.erase();
                (f.path.clone(), session)
            })
            .collect();
        self.update_sessions(&erased)?;
        self.update_partner(&partner)?;
        // A consent form or a recording consent names them: their records name no evidence any
        // more, and a file no other record names is removed.
        let mut holders: Vec<std::path::PathBuf> = vec![self.partner_path(id)];
        holders.extend(files.iter().map(|f| f.path.clone()));
        let mut evidence_removed = 0;
        for path in &holders {
            evidence_removed += self.strip_evidence(path)?;
        }
        // Their receipts hold the name they signed with, and their key is theirs: both go.
        let mut receipts_removed = 0;
        for kept in self.kept::<crate::domain::receipt::KeptReceipt>()? {
            if &kept.record.partner == id {
                self.remove_kept(&kept.path)?;
                receipts_removed += 1;
            }
        }
        for pin in self.kept::<crate::domain::receipt::Pin>()? {
            if &pin.record.partner == id {
                self.remove_kept(&pin.path)?;
            }
        }
        let history = if super::git::is_repository(self.root()) {
            Some(super::git::History::of_partner(self.root(), id)?)
        } else {
            None
        };
        let mut forgotten = Forgotten {
            tombstone: tombstone.to_owned(),
            sessions: files.len(),
            key_destroyed: false,
            new_key: None,
            evidence_removed,
            receipts_removed,
            history,
        };
        if let Some(keys) = keys {
            forgotten.key_destroyed = keys.destroy_partner_key(id)?;
            let old = keys.recipient();
            let new = keys::generate();
            let path = keys::save_coach_key(&new)?;
            keys.rotate(&new)?;
            self.set_config(ConfigKey::NotesKey, Some(&new.to_public().to_string()))
                .map_err(super::config::SetConfigError::into_error)?;
            self.retire_notes_key(&old)?;
            keys::remove_coach_key(&old)?;
            self.reread_keys();
            forgotten.new_key = Some(path);
        }
        Ok(forgotten)
    }
}

/// A session's or a partner's file, for [`Store::opened_text`] and [`Store::sealed_text`].
pub enum RecordFile<'a> {
    /// A session file.
    Session(&'a std::path::Path),
    /// A partner's file.
    Partner(&'a PartnerId),
}

impl Store {
    /// The file's text as it reads, and as a record written fresh with `change` applied: only the
    /// keys `change` changed differ.
    fn with_changed_text(
        &self,
        file: &RecordFile,
        text: &str,
        change: &dyn Fn(&mut dyn Confidential, &PartnerId) -> Result<()>,
    ) -> Result<String> {
        use super::record::{PartnerRecord, SessionRecord};
        match file {
            RecordFile::Session(path) => {
                let before = self.parse_session(path, text)?;
                let mut after = before.clone();
                let partner = after.partner.clone();
                change(&mut after, &partner)?;
                super::rewrite::changed_keys(
                    path,
                    text,
                    &toml::to_string(&SessionRecord::from_session(&before))?,
                    &toml::to_string(&SessionRecord::from_session(&after))?,
                )
            }
            RecordFile::Partner(id) => {
                let before = self.check_partner_text(id, text)?;
                let mut after = before.clone();
                change(&mut after, id)?;
                super::rewrite::changed_keys(
                    &self.partner_path(id),
                    text,
                    &toml::to_string(&PartnerRecord::from_partner(&before))?,
                    &toml::to_string(&PartnerRecord::from_partner(&after))?,
                )
            }
        }
    }

    /// The file's text with its sealed text opened, for the editor (`coachlog edit`); `None` when
    /// it holds none, or when this device cannot open it (the error says why).
    pub fn opened_text(
        &self,
        file: &RecordFile,
        text: &str,
    ) -> Result<Option<String>, keys::Locked> {
        if !text.contains(crate::domain::private::SEALED_PREFIX) {
            return Ok(None);
        }
        let keys = match self.keys() {
            Ok(Some(keys)) => keys,
            Ok(None) => return Ok(None),
            Err(e) => return Err(keys::Locked::Damaged(format!("{e:#}"))),
        };
        self.with_changed_text(file, text, &|record, partner| {
            Ok(keys.open_all(partner, record)?)
        })
        .map(Some)
        .map_err(|e| {
            e.downcast::<keys::Locked>()
                .unwrap_or_else(|e| keys::Locked::Damaged(format!("{e:#}")))
        })
    }

    /// The edited text with its confidential text sealed, when `encrypt_notes` is on (text opened
    /// for the editor and left unchanged gets back its very ciphertext).
    pub fn sealed_text(&self, file: &RecordFile, text: &str) -> Result<String> {
        match self.sealing()? {
            Some(keys) => self.with_changed_text(file, text, &|record, partner| {
                keys.seal_all(partner, record)
            }),
            None => Ok(text.to_owned()),
        }
    }
}
