//! `coachlog partner add`.

use std::io::Write;

use anyhow::Result;

use crate::cli::PartnerAddArgs;
use crate::cmd::input;
use crate::cmd::{Context, Run, notes_input};
use crate::error::usage;
use crate::ui;
use crate::views::partners::{checklist_text, format_text};
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{ClientType, Partner};
use coachlog_core::group::invitation::Invitation;

impl Run for PartnerAddArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let invitation = match &self.from {
            Some(file) => Some(
                std::str::from_utf8(&input::read(file)?)
                    .map_err(|_| "it is not UTF-8 text".to_owned())
                    .and_then(Invitation::parse)
                    .map_err(|why| {
                        usage(format!(
                            "{}: {why}; nothing was added",
                            ui::clean(&file.display().to_string(), 200)
                        ))
                    })?,
            ),
            None => None,
        };
        let name = match (&self.name, &invitation) {
            (Some(name), _) => name.clone(),
            (None, Some(i)) => i.partner.name.clone(),
            (None, None) => unreachable!("clap asks for a name or --from"),
        };
        let id = match self.id.clone() {
            Some(id) => id,
            None => PartnerId::from_name(&name).ok_or_else(|| {
                usage(format!(
                    "cannot make an id from the name '{}': choose one with --id (e.g. --id client-1)",
                    ui::clean(&name, 60)
                ))
            })?,
        };
        let client_type = self.client_type.unwrap_or(ClientType::Peer);
        let start = match &invitation {
            Some(i) => i.partner(id, client_type),
            None => Partner::new(id, name, client_type),
        };
        let mut partner = self.details.patch().apply(&start);
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
        if invitation.is_some() {
            write!(
                ctx.out,
                "Go through the agreement with {} before the first session, and record it with \
                 `coachlog partner agree {}`:\n{}",
                ui::clean(&partner.name, 80),
                partner.id,
                checklist_text(&partner, &ctx.look)
            )?;
        }
        Ok(())
    }
}
