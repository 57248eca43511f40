//! `coachlog partner list`.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::{format_text, has_practice_agreement, yes_no};
use crate::cli::PartnerListArgs;
use crate::cmd::{Context, Logbook, Run};
use crate::domain::agreement::{self, Item};
use crate::domain::duration::{hours_2dp, hours_f64};
use crate::domain::id::PartnerId;
use crate::domain::model::{Arrangement, ClientType, Format, Partner, Payment};
use crate::reports::activity::{self, Activity};
use crate::ui;

/// One partner in `partner list --json`; contact and notes stay out (they are confidential).
#[derive(Serialize)]
struct PartnerJson<'a> {
    id: &'a PartnerId,
    name: &'a str,
    client_type: ClientType,
    arrangement: Arrangement,
    format: Format,
    group_size: Option<u32>,
    consent: bool,
    alias: Option<&'a str>,
    payment: Option<Payment>,
    default_minutes: Option<u32>,
    sessions: u32,
    coaching_hours: f64,
    received_hours: f64,
    /// The agreement items not yet agreed, for practice partners; `null` for others.
    agreement_missing: Option<Vec<&'static str>>,
}

impl Run for PartnerListArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let Logbook {
            partners, sessions, ..
        } = ctx.read_logbook()?;
        let activity = activity::by_partner(&sessions);
        let none = Activity::default();
        let of = |p: &Partner| activity.get(&p.id).unwrap_or(&none);

        if self.json {
            let list: Vec<PartnerJson> = partners
                .iter()
                .map(|p| PartnerJson {
                    id: &p.id,
                    name: &p.name,
                    client_type: p.client_type,
                    arrangement: p.arrangement,
                    format: p.format(),
                    group_size: p.group_size.map(|g| g.get()),
                    consent: p.consent,
                    alias: p.alias.as_deref(),
                    payment: p.payment,
                    default_minutes: p.default_minutes.map(|m| m.get()),
                    sessions: of(p).sessions(),
                    coaching_hours: hours_f64(of(p).coach_minutes),
                    received_hours: hours_f64(of(p).client_minutes),
                    agreement_missing: has_practice_agreement(p).then(|| {
                        agreement::missing(p)
                            .into_iter()
                            .map(|i| i.label())
                            .collect()
                    }),
                })
                .collect();
            return ctx.print_json(&list);
        }

        if partners.is_empty() {
            ui::note(
                "No partners yet. Add one with: coachlog partner add NAME --client-type peer|non-coach",
            );
            return Ok(());
        }
        let mut table = ui::table([
            "ID",
            "Name",
            "Client type",
            "Arrangement",
            "Format",
            "Consent",
            "Sessions",
            "Coaching h",
            "Agreement",
        ]);
        for p in &partners {
            table.add_row([
                p.id.to_string(),
                ui::clean(&p.name, 40),
                p.client_type.to_string(),
                p.arrangement.to_string(),
                format_text(p),
                yes_no(p.consent).to_owned(),
                of(p).sessions().to_string(),
                hours_2dp(of(p).coach_minutes),
                agreement_mark(p),
            ]);
        }
        ui::align_right(&mut table, &[6, 7]);
        writeln!(ctx.out, "{}", table.trim_fmt())?;
        Ok(())
    }
}

/// "complete", "incomplete (9/15)", or nothing for a partner without a practice agreement.
fn agreement_mark(p: &Partner) -> String {
    if !has_practice_agreement(p) {
        return String::new();
    }
    match agreement::missing(p).len() {
        0 => "complete".to_owned(),
        missing => format!(
            "incomplete ({}/{})",
            Item::ALL.len() - missing,
            Item::ALL.len()
        ),
    }
}
