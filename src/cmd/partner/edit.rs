//! `coachlog partner edit`.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;

use crate::cli::{Clearable, PartnerEditArgs};
use crate::cmd::{Context, Run, notes_input};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::model::{FactsFrom, PartnerPatch, SessionFacts};
use coachlog_core::domain::text::{agree, count};
use coachlog_core::storage::SessionFile;
use coachlog_core::storage::record::partner_fields;

impl PartnerEditArgs {
    /// The changes asked for; setting and clearing the same field at once is refused.
    fn to_patch(&self) -> Result<PartnerPatch> {
        let mut patch = self.details.patch();
        patch.name = self.name.clone();
        patch.client_type = self.client_type;
        patch.consent = match (self.consent, self.no_consent) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        };
        for &field in &self.unset {
            if self.sets(field) {
                let flag = field
                    .to_possible_value()
                    .map(|v| v.get_name().to_owned())
                    .unwrap_or_default();
                return Err(usage(format!(
                    "--{flag} and --unset {flag} contradict each other: give one of them"
                )));
            }
            match field {
                Clearable::GroupSize => patch.group_size = Some(None),
                Clearable::Contact => patch.contact = Some(None),
                Clearable::Alias => patch.alias = Some(None),
                Clearable::Payment => patch.payment = Some(None),
                Clearable::Duration => patch.default_minutes = Some(None),
                Clearable::Notes => patch.notes = Some(None),
            }
        }
        let notes_given = self.details.notes.is_some() || self.details.edit_notes;
        if patch == PartnerPatch::default() && !notes_given {
            return Err(usage(
                "nothing to change: give at least one flag, e.g. --payment paid or --unset contact \
                 (see `coachlog partner edit --help`)",
            ));
        }
        Ok(patch)
    }

    /// Whether a flag sets the field that `--unset field` would clear.
    fn sets(&self, field: Clearable) -> bool {
        let d = &self.details;
        match field {
            Clearable::GroupSize => d.group_size.is_some(),
            Clearable::Contact => d.contact.is_some(),
            Clearable::Alias => d.alias.is_some(),
            Clearable::Payment => d.payment.is_some(),
            Clearable::Duration => d.duration.is_some(),
            Clearable::Notes => d.notes.is_some() || d.edit_notes,
        }
    }
}

impl Run for PartnerEditArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let mut patch = self.to_patch()?;
        let id = ctx.find_partner(&self.partner)?;
        if self.details.notes.is_some() || self.details.edit_notes {
            // The editor starts from the notes as they are, and is closed before the lock is taken.
            let mut current = ctx.store.partner(&id)?;
            ctx.open_text(std::slice::from_mut(&mut current), Vec::new())?;
            patch.notes = Some(notes_input(
                self.details.notes.clone(),
                self.details.edit_notes,
                current.notes.as_deref(),
            )?);
        }
        let _lock = ctx.store.lock()?;
        let mut current = ctx.store.partner(&id)?;
        ctx.open_text(std::slice::from_mut(&mut current), Vec::new())?;
        let updated = patch.apply(&current);
        let (old, new) = (current.facts(), updated.facts());
        if self.also_past && old == new {
            return Err(usage(
                "--also-past carries a new client type or group size into past sessions, and this \
                 edit changes neither: leave it out",
            ));
        }
        let past = if old == new {
            Past::default()
        } else {
            Past::of(
                ctx.store
                    .session_files(std::slice::from_ref(&current))?
                    .into_iter()
                    .filter(|f| f.session.partner == id),
                old,
                new,
            )
        };
        if past.earlier_format > 0 && !self.also_past {
            let n = past.earlier_format;
            return Err(usage(format!(
                "{} of {id} {} in files of the earlier format, which take the client type and group \
                 size from the partner, so this edit would change {} too; nothing was changed. Run \
                 `coachlog upgrade` first to record the values {} were logged with, or add \
                 --also-past to change {} with the partner",
                count(n, "session", "sessions"),
                agree(n, "is", "are"),
                agree(n, "it", "them"),
                agree(n, "it", "they"),
                agree(n, "it", "them"),
            )));
        }
        let what = changes(old, new);
        // What an attested period rests on changes only with --reopen --reason; both changes are
        // asked of the guard before either is made.
        ctx.store.reopen_for(self.reopen.reason());
        ctx.store
            .check_consent_change(id.as_str(), current.consent, updated.consent)?;
        if self.also_past && !past.carried.is_empty() {
            let carried: Vec<(std::path::PathBuf, coachlog_core::domain::model::Session)> = past
                .carried
                .iter()
                .map(|(file, facts)| {
                    let mut session = file.session.clone();
                    session.facts = *facts;
                    (file.path.clone(), session)
                })
                .collect();
            ctx.store.update_sessions(&carried)?;
            writeln!(
                ctx.out,
                "Changing {} of {id} too: {what}",
                count(past.carried.len(), "session", "sessions")
            )?;
        }
        if !ctx.store.update_partner(&updated)? {
            writeln!(
                ctx.out,
                "{id}: nothing changed (those are the current values)"
            )?;
            return Ok(());
        }
        writeln!(
            ctx.out,
            "Updated {id} ({}):",
            ctx.store.partner_path(&id).display()
        )?;
        let show = |value: &Option<String>| {
            value
                .as_deref()
                .map_or(ui::symbols().none.to_owned(), |v| ui::clean(v, 60))
        };
        let mut changes = Vec::new();
        // The commit message names a confidential field changed, never its text.
        let mut message = Vec::new();
        for ((key, old), (_, new)) in partner_fields(&current)
            .iter()
            .zip(&partner_fields(&updated))
        {
            if old != new {
                message.push(if matches!(*key, "contact" | "emails" | "notes") {
                    format!("{} changed", key.replace('_', " "))
                } else {
                    format!("{} {} → {}", key.replace('_', " "), show(old), show(new))
                });
                changes.push(format!(
                    "{} {} → {}",
                    key.replace('_', " "),
                    show(old),
                    show(new)
                ));
                writeln!(
                    ctx.out,
                    "  {key}: {} {} {}",
                    show(old),
                    ui::symbols().arrow,
                    show(new)
                )?;
            }
        }
        ctx.store
            .describe_change(format!("partner edit {id}: {}", message.join(", ")));
        if !self.also_past && !past.carried.is_empty() {
            writeln!(
                ctx.out,
                "{} already logged keep {} (add --also-past to change them too)",
                count(past.carried.len(), "session", "sessions"),
                kept(old, new)
            )?;
        }
        if self.also_past && past.earlier_format > 0 {
            writeln!(
                ctx.out,
                "{} in files of the earlier format take the partner's new values",
                count(past.earlier_format, "session", "sessions")
            )?;
        }
        Ok(())
    }
}

/// The partner's past sessions, as an edit of their client type or group size meets them.
#[derive(Default)]
struct Past {
    /// Sessions that record the partner's current values, with what `--also-past` makes of them.
    carried: Vec<(SessionFile, SessionFacts)>,
    /// Sessions in files of the earlier format, which take their values from the partner.
    earlier_format: usize,
}

impl Past {
    fn of(files: impl Iterator<Item = SessionFile>, old: SessionFacts, new: SessionFacts) -> Self {
        let mut past = Past::default();
        for file in files {
            if file.session.facts_from != FactsFrom::Session {
                past.earlier_format += 1;
                continue;
            }
            let carried = file.session.facts.carried(old, new);
            if carried != file.session.facts {
                past.carried.push((file, carried));
            }
        }
        past
    }
}

/// The group size as said in a sentence.
fn size_text(facts: SessionFacts) -> String {
    facts
        .group_size
        .map_or_else(|| "none (individual)".to_owned(), |g| g.get().to_string())
}

/// What changes, as `partner edit --also-past` says it: "client type peer → non-coach".
fn changes(old: SessionFacts, new: SessionFacts) -> String {
    let arrow = ui::symbols().arrow;
    let mut parts = Vec::new();
    if old.client_type != new.client_type {
        parts.push(format!(
            "client type {} {arrow} {}",
            old.client_type, new.client_type
        ));
    }
    if old.group_size != new.group_size {
        parts.push(format!(
            "group size {} {arrow} {}",
            size_text(old),
            size_text(new)
        ));
    }
    parts.join(", ")
}

/// What past sessions keep: "client type peer and group size 6".
fn kept(old: SessionFacts, new: SessionFacts) -> String {
    let mut parts = Vec::new();
    if old.client_type != new.client_type {
        parts.push(format!("client type {}", old.client_type));
    }
    if old.group_size != new.group_size {
        parts.push(format!("group size {}", size_text(old)));
    }
    parts.join(" and ")
}
