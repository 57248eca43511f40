//! `coachlog partner add`.

use std::io::Write;

use anyhow::Result;

use crate::cli::PartnerAddArgs;
use crate::cmd::{Context, Run, notes_input};
use crate::error::usage;
use crate::ui;
use crate::views::partners::format_text;
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::Partner;

impl Run for PartnerAddArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let id = match self.id {
            Some(id) => id,
            None => PartnerId::from_name(&self.name).ok_or_else(|| {
                usage(format!(
                    "cannot make an id from the name '{}': choose one with --id (e.g. --id client-1)",
                    ui::clean(&self.name, 60)
                ))
            })?,
        };
        let mut partner =
            self.details
                .patch()
                .apply(&Partner::new(id, self.name, self.client_type));
        partner.consent = !self.no_consent;
        partner.notes = notes_input(self.details.notes.clone(), self.details.edit_notes, None)?;

        let _lock = ctx.store.lock()?;
        let path = ctx.store.partner_path(&partner.id);
        if path.exists() {
            let existing = ctx
                .store
                .partner(&partner.id)
                .map(|p| p.name)
                .unwrap_or_default();
            return Err(usage(format!(
                "a partner with the id '{id}' already exists ({name}); give this one another id with \
                 --id {id}-2, or change that one with `coachlog partner edit {id}`",
                id = partner.id,
                name = ui::clean(&existing, 60),
            )));
        }
        let path = ctx.store.add_partner(&partner)?;
        ctx.store.describe_change(format!(
            "partner add: {} ({}), {}",
            partner.name, partner.id, partner.client_type
        ));
        writeln!(
            ctx.out,
            "Added {} ({}): {}, {}, {}{} {} {}",
            ui::clean(&partner.name, 80),
            partner.id,
            partner.client_type,
            partner.arrangement,
            format_text(&partner),
            if partner.consent {
                ""
            } else {
                ", no consent to be named"
            },
            ui::symbols().arrow,
            path.display()
        )?;
        Ok(())
    }
}
