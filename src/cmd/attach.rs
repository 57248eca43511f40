//! `coachlog attach RECORD FILE`: keeps a file that backs a record (a course's certificate, a
//! client's consent, a mentor's letter) in `evidence/`, once however often it is attached, and
//! names it in the record's file.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::AttachArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use coachlog_core::domain::evidence::EvidenceKind;
use coachlog_core::storage::development::{self, KindOf};
use coachlog_core::storage::evidence::{self, Entry};
use coachlog_core::storage::files;
use coachlog_core::storage::toml_date::TomlDate;

/// The record a file is attached to.
struct Target {
    /// Its kind's noun.
    noun: &'static str,
    /// Its id.
    id: String,
    /// Its file.
    path: PathBuf,
    /// The other records' kind, when it is one of them.
    kind: Option<KindOf>,
    /// The partner, when it is one.
    partner: Option<coachlog_core::domain::id::PartnerId>,
}

impl Target {
    /// What a file attached to it is, unless the user says.
    fn usual_kind(&self) -> EvidenceKind {
        match self.noun {
            "education" | "cpd" | "credential" => EvidenceKind::Certificate,
            "attest" => EvidenceKind::Letter,
            "partner" => EvidenceKind::Consent,
            "mentoring" | "supervision" => EvidenceKind::Letter,
            _ => EvidenceKind::RecordingConsent,
        }
    }

    /// Whether `text` is still a valid file of its kind.
    fn check(&self, ctx: &Context, text: &str) -> Result<()> {
        match (&self.kind, self.noun) {
            (Some(kind), _) => (kind.read)(text)
                .map(drop)
                .map_err(|p| anyhow::anyhow!("{}: {p}", self.path.display())),
            (None, _) => match &self.partner {
                Some(id) => ctx.store.check_partner_text(id, text).map(drop),
                None => ctx.store.check_session_text(&self.path, text).map(drop),
            },
        }
    }
}

/// The nouns a RECORD may be prefixed with.
const NOUNS: &[&str] = &[
    "session",
    "partner",
    "mentoring",
    "supervision",
    "education",
    "cpd",
    "credential",
    "attest",
];

impl AttachArgs {
    /// The record `self.record` names: `KIND:ID`, or an id or partner that only one kind has.
    fn target(&self, ctx: &Context) -> Result<Target> {
        let (only, query) = match self.record.split_once(':') {
            Some((noun, id)) if NOUNS.contains(&noun) => (Some(noun), id),
            Some((noun, _)) => {
                return Err(usage(format!(
                    "'{noun}' is not a kind of record: use one of {} (e.g. education:c00t75)",
                    NOUNS.join(", ")
                )));
            }
            None => (None, self.record.as_str()),
        };
        let wanted = |noun: &str| only.is_none_or(|o| o == noun);
        let mut found: Vec<Target> = Vec::new();
        if wanted("session")
            && let Ok(path) = ctx.store.find_session(query)
        {
            found.push(Target {
                noun: "session",
                id: coachlog_core::storage::session_id(&path),
                path,
                kind: None,
                partner: None,
            });
        }
        for kind in development::kinds() {
            if wanted(kind.command)
                && let Ok(path) = ctx.store.find_record(&kind, query)
            {
                found.push(Target {
                    noun: kind.command,
                    id: coachlog_core::storage::name::short_id(
                        &path.file_name().unwrap_or_default().to_string_lossy(),
                    )
                    .to_owned(),
                    path,
                    kind: Some(kind),
                    partner: None,
                });
            }
        }
        let partner = if wanted("partner") {
            match ctx.find_partner(query) {
                Ok(id) => Some(Ok(id)),
                Err(e) => Some(Err(e)),
            }
        } else {
            None
        };
        if let Some(Ok(id)) = &partner {
            found.push(Target {
                noun: "partner",
                path: ctx.store.partner_path(id),
                id: id.to_string(),
                kind: None,
                partner: Some(id.clone()),
            });
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => match (only, partner) {
                (Some("partner"), Some(Err(e))) => Err(e),
                (Some(noun), _) => Err(usage(format!(
                    "no {noun} has the id '{query}' (`coachlog attach` takes the id a listing shows)"
                ))),
                (None, _) => Err(usage(format!(
                    "no record '{query}': give a session's id (`coachlog sessions`), another \
                     record's id (`coachlog education list`, `coachlog mentoring list`, …) or a \
                     partner (`coachlog partner list`)"
                ))),
            },
            _ => Err(usage(format!(
                "'{query}' is {}: say which, e.g. {}",
                found
                    .iter()
                    .map(|t| format!("a {} ({}:{})", t.noun, t.noun, t.id))
                    .collect::<Vec<_>>()
                    .join(" and "),
                found
                    .iter()
                    .map(|t| format!("coachlog attach {}:{} FILE", t.noun, t.id))
                    .next()
                    .unwrap_or_default()
            ))),
        }
    }
}

impl Run for AttachArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            bail!("there is no logbook yet: add a partner or a record first, then attach to it");
        }
        let name = self
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = coachlog_core::domain::text::single_line(&name).map_err(|why| {
            usage(format!(
                "the file's name cannot be kept ({why}): rename it, then attach it"
            ))
        })?;
        let target = self.target(ctx)?;
        let kind = self.kind.unwrap_or_else(|| target.usual_kind());
        let _lock = ctx.store.lock()?;
        let stored = ctx.store.store_evidence(&self.file)?;
        let text = files::read_regular(&target.path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", target.path.display()))?;
        let entries = evidence::entries(&text)
            .map_err(|p| anyhow::anyhow!("{}: {p}", target.path.display()))?;
        let shown = stored
            .path
            .strip_prefix(ctx.store.root())
            .unwrap_or(&stored.path)
            .display()
            .to_string();
        if entries.iter().any(|(e, _)| e.sha256 == stored.sha256) {
            writeln!(
                ctx.out,
                "{name} is attached to {} {} already ({shown}){}",
                target.noun,
                target.id,
                if stored.new {
                    "; its missing file is kept again"
                } else {
                    ""
                }
            )?;
            return Ok(());
        }
        let entry = Entry {
            kind,
            sha256: stored.sha256.clone(),
            size: stored.size,
            name: name.clone(),
            attached: TomlDate(ctx.today),
        };
        let updated = evidence::with_entry(&target.path, &text, &entry)?;
        if let Err(e) = target.check(ctx, &updated) {
            let _ = ctx.store.unstore_evidence(&stored);
            return Err(e.context(
                "the record would not read with the evidence added; nothing was changed",
            ));
        }
        ctx.store.replace_record_text(&target.path, &updated)?;
        ctx.store.describe_change(format!(
            "attach: {kind} {name} to {} {}",
            target.noun, target.id
        ));
        writeln!(
            ctx.out,
            "Attached {name} ({kind}, {}) to {} {} → {shown}{}",
            crate::views::evidence::size(stored.size),
            target.noun,
            target.id,
            if stored.new {
                ""
            } else {
                " (kept once: the same file is attached elsewhere)"
            }
        )?;
        Ok(())
    }
}
