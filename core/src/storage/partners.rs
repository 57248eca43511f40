//! Partner files, `partners/<id>.toml`: read, written new, changed key by key, removed.

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

use super::record::PartnerRecord;
use super::{Store, files, name, rewrite, walk};
use crate::domain::id::PartnerId;
use crate::domain::model::Partner;

impl Store {
    /// The ids of all partners, from file names alone (fast: no file is read). Files whose names
    /// are not ids are left out here and reported by [`Store::partners`].
    pub fn partner_ids(&self) -> Result<Vec<PartnerId>> {
        let mut ids: Vec<PartnerId> = self
            .partner_files()?
            .iter()
            .filter_map(|path| partner_id(path).ok())
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// The partner files, in no order.
    fn partner_files(&self) -> Result<Vec<PathBuf>> {
        Ok(walk::walk_all(&self.partners_dir(), false)?
            .iter()
            .flat_map(|dir| dir.records().map(|n| dir.path.join(n)))
            .collect())
    }

    /// Reads one partner.
    pub fn partner(&self, id: &PartnerId) -> Result<Partner> {
        read_partner_file(&self.partner_path(id), id.clone())
    }

    /// Reads every partner, sorted by id; fails naming every file that cannot be read (and every
    /// symbolic link), and leaves out the copies a sync tool left.
    pub fn partners(&self) -> Result<Vec<Partner>> {
        let dirs = walk::walk_all(&self.partners_dir(), false)?;
        let mut partners = Vec::new();
        let mut problems = self.beside_records(&dirs);
        let paths = dirs
            .iter()
            .flat_map(|dir| dir.records().map(|n| dir.path.join(n)));
        for path in paths {
            let read = partner_id(&path)
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
        let mut partner = partner.clone();
        if let Some(keys) = self.sealing()? {
            keys.seal_all(&partner.id.clone(), &mut partner)?;
        }
        let partner = &partner;
        let path = self.partner_path(&partner.id);
        let text = super::record::written(&PartnerRecord::from_partner(partner), || {
            format!("the partner file of '{}'", partner.id)
        })?;
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
        let original = files::read_regular(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let current = parse_partner(&path, &original, updated.id.clone())?;
        let mut sealed = updated.clone();
        if let Some(keys) = self.sealing()? {
            keys.seal_all(&sealed.id.clone(), &mut sealed)?;
        }
        let updated = &sealed;
        if &current == updated {
            return Ok(false);
        }
        let text = rewrite::changed_keys(
            &path,
            &original,
            &toml::to_string(&PartnerRecord::from_partner(&current))?,
            &toml::to_string(&PartnerRecord::from_partner(updated))?,
        )?;
        let check = parse_partner(&path, &text, updated.id.clone())?;
        if &check != updated {
            return Err(crate::error::internal(
                "the edited partner file would not read back as intended; nothing was written",
            ));
        }
        self.guard_consent(updated.id.as_str(), current.consent, updated.consent, true)?;
        files::replace(&path, &text).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(true)
    }

    /// Checks a partner file's text as `coachlog edit` saves it: it must read as the partner `id`,
    /// and may change the client's consent, where an attested period counted them, only with a
    /// reason.
    pub fn check_partner_text(&self, id: &PartnerId, text: &str) -> Result<Partner> {
        let edited = parse_partner(&self.partner_path(id), text, id.clone())?;
        if let Ok(current) = self.partner(id) {
            self.guard_consent(id.as_str(), current.consent, edited.consent, false)?;
        }
        Ok(edited)
    }

    /// Saves a partner file's text as the user edited it, through the guard of attested periods.
    pub fn save_partner_text(&self, id: &PartnerId, text: &str) -> Result<()> {
        let path = self.partner_path(id);
        let edited = parse_partner(&path, text, id.clone())?;
        let current = self.partner(id)?;
        self.guard_consent(id.as_str(), current.consent, edited.consent, true)?;
        files::replace(&path, text).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Deletes a partner's file.
    pub fn remove_partner(&self, id: &PartnerId) -> Result<()> {
        let path = self.partner_path(id);
        self.remove_holder_file(&path)
    }
}

fn read_partner_file(path: &Path, id: PartnerId) -> Result<Partner> {
    let text = files::read_regular(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => anyhow!("no partner '{id}' ({} does not exist)", path.display()),
        _ => anyhow!(e).context(format!("cannot read {}", path.display())),
    })?;
    parse_partner(path, &text, id)
}

fn parse_partner(path: &Path, text: &str, id: PartnerId) -> Result<Partner> {
    toml::from_str::<PartnerRecord>(text)
        .map(|record| record.into_partner(id))
        .map_err(|e| super::sessions::located(path, text, &e, "partner"))
}

/// The partner id a partner file's name gives.
fn partner_id(path: &Path) -> Result<PartnerId, String> {
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name::stem(file_name).parse()
}
