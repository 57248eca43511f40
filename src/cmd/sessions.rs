//! `coachlog sessions`: list sessions, newest first, with totals.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::cli::SessionsArgs;
use crate::cmd::{Context, Run};
use crate::domain::duration::{hours_2dp, hours_f64};
use crate::domain::id::PartnerId;
use crate::domain::model::{
    Arrangement, ClientType, Format, NotCounted, Partner, Payment, Role, Session,
};
use crate::reports::activity::Activity;
use crate::ui;

/// One session in `sessions --json`.
#[derive(Serialize)]
struct SessionJson<'a> {
    id: &'a str,
    date: String,
    partner: &'a PartnerId,
    partner_name: Option<&'a str>,
    minutes: u32,
    hours: f64,
    role: Role,
    payment: Payment,
    arrangement: Arrangement,
    client_type: ClientType,
    format: Format,
    group_size: Option<u32>,
    not_counted: Option<NotCounted>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<Option<&'a str>>,
}

impl Run for SessionsArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let (from, to) = ctx.date_range(self.from, self.to)?;
        let partner = self
            .partner
            .as_deref()
            .map(|q| ctx.find_partner(q))
            .transpose()?;
        let logbook = ctx.read_logbook()?;
        let partners: HashMap<&PartnerId, &Partner> =
            logbook.partners.iter().map(|p| (&p.id, p)).collect();
        let mut sessions: Vec<&Session> = logbook
            .sessions
            .iter()
            .filter(|s| partner.as_ref().is_none_or(|p| &s.partner == p))
            .filter(|s| from.is_none_or(|d| s.date >= d) && to.is_none_or(|d| s.date <= d))
            .collect();
        sessions.sort_by(|a, b| (b.date, &a.partner, &a.id).cmp(&(a.date, &b.partner, &b.id)));

        if self.json {
            let list: Vec<SessionJson> = sessions
                .iter()
                .map(|s| {
                    let p = partners.get(&s.partner);
                    SessionJson {
                        id: &s.id,
                        date: s.date.to_string(),
                        partner: &s.partner,
                        partner_name: p.map(|p| p.name.as_str()),
                        minutes: s.minutes.get(),
                        hours: hours_f64(u64::from(s.minutes.get())),
                        role: s.role,
                        payment: s.payment,
                        arrangement: s.arrangement,
                        client_type: s.facts.client_type,
                        format: s.facts.format(),
                        group_size: s.facts.group_size.map(|g| g.get()),
                        not_counted: s.not_counted,
                        notes: self.notes.then_some(s.notes.as_deref()),
                    }
                })
                .collect();
            return ctx.print_json(&list);
        }

        if sessions.is_empty() {
            ui::note(if logbook.sessions.is_empty() {
                "No sessions yet. Log one with: coachlog log PARTNER --duration 1h"
            } else {
                "No sessions match."
            });
            return Ok(());
        }
        let mut header = vec![
            "ID",
            "Date",
            "Partner",
            "Role",
            "Hours",
            "Payment",
            "Arrangement",
            "Client type",
        ];
        // The column appears when a listed session is marked, so that it never stands empty.
        let any_marked = sessions.iter().any(|s| s.not_counted.is_some());
        if any_marked {
            header.push("Not counted");
        }
        if self.notes {
            header.push("Notes");
        }
        let mut table = ui::table(header);
        for s in &sessions {
            let p = partners.get(&s.partner);
            let mut row = vec![
                s.id.clone(),
                s.date.to_string(),
                p.map_or_else(
                    || format!("{} (missing)", s.partner),
                    |p| ui::clean(&p.name, 32),
                ),
                s.role.to_string(),
                hours_2dp(u64::from(s.minutes.get())),
                s.payment.to_string(),
                s.arrangement.to_string(),
                s.facts.client_type.to_string(),
            ];
            if any_marked {
                row.push(s.not_counted.map_or_else(String::new, |r| r.to_string()));
            }
            if self.notes {
                row.push(
                    s.notes
                        .as_deref()
                        .map_or_else(String::new, |n| ui::clean(n, 200)),
                );
            }
            table.add_row(row);
        }
        let total = Activity::of(sessions.iter().copied());
        let count = |n: u32| crate::domain::text::count(n as usize, "session", "sessions");
        table.add_row([
            "Total".to_owned(),
            String::new(),
            count(total.sessions()),
            String::new(),
            hours_2dp(total.minutes()),
        ]);
        if total.coach_sessions > 0 && total.client_sessions > 0 {
            table.add_row([
                "  as coach".to_owned(),
                String::new(),
                count(total.coach_sessions),
                String::new(),
                hours_2dp(total.coach_minutes),
            ]);
            table.add_row([
                "  as client".to_owned(),
                String::new(),
                count(total.client_sessions),
                String::new(),
                hours_2dp(total.client_minutes),
            ]);
        }
        ui::align_right(&mut table, &[4]);
        writeln!(ctx.out, "{}", table.trim_fmt())?;
        Ok(())
    }
}
