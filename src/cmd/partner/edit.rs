//! `coachlog partner edit`.

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;

use crate::cli::{Clearable, PartnerEditArgs};
use crate::cmd::{Context, Run, notes_input};
use crate::domain::model::PartnerPatch;
use crate::error::usage;
use crate::storage::record::partner_fields;
use crate::ui;

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
            let current = ctx.store.partner(&id)?;
            patch.notes = Some(notes_input(
                self.details.notes.clone(),
                self.details.edit_notes,
                current.notes.as_deref(),
            )?);
        }
        let _lock = ctx.store.lock()?;
        let current = ctx.store.partner(&id)?;
        let updated = patch.apply(&current);
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
        for ((key, old), (_, new)) in partner_fields(&current)
            .iter()
            .zip(&partner_fields(&updated))
        {
            if old != new {
                writeln!(
                    ctx.out,
                    "  {key}: {} {} {}",
                    show(old),
                    ui::symbols().arrow,
                    show(new)
                )?;
            }
        }
        Ok(())
    }
}
