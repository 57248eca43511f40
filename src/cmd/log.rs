//! `coachlog log`: record one session.

use std::io::Write;

use anyhow::Result;

use crate::cli::LogArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::duration::{self, Minutes, Spoken};
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{Arrangement, NewSession, Role};

impl Run for LogArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if self.length.is_some() && self.duration.is_some() {
            return Err(usage(
                "the duration is given twice (as the second word and as --duration): give it once",
            ));
        }
        let mut duration = meant(self.length.or(self.duration))?;
        let id = match &self.partner {
            Some(query) => ctx.find_partner(query)?,
            None => {
                let Some((id, asked)) = ask_partner_and_duration(ctx, duration)? else {
                    ui::note("Nothing logged.");
                    return Ok(());
                };
                duration = duration.or(asked);
                id
            }
        };
        let notes = super::notes_input(self.notes.clone(), self.edit_notes, None)?;
        let mut reflection = self.reflection.reflection()?;
        if reflection.is_some() || self.reflect || !self.reflection.competencies.is_empty() {
            coachlog_core::domain::model::check_role(self.role)?;
        }
        if self.not_counted.is_some() && self.role != Role::Coach {
            return Err(usage(format!(
                "--not-counted marks a session in which you coached; a session as {} counts \
                 toward no accreditation's coaching hours, so leave the mark out",
                self.role
            )));
        }
        if self.reflect {
            if !ui::can_prompt() {
                return Err(usage(
                    "--reflect asks on a terminal, and there is none: give --scores and --experiment instead",
                ));
            }
            // Asked before the lock is taken: nobody else waits while the user thinks.
            reflection = ui::prompt::reflection(self.reflection.rated_by)?;
        }
        let _lock = ctx.store.lock()?;
        // Read under the lock: the partner cannot be removed between this check and the write.
        let partner = ctx.store.partner(&id)?;
        let minutes = duration.or(partner.default_minutes).ok_or_else(|| {
            usage(format!(
                "how long was the session? give --duration (e.g. --duration 45m), or set a usual length \
                 for {id} with `coachlog partner edit {id} --duration 1h`"
            ))
        })?;
        let arrangement = match (self.reciprocal, self.one_way) {
            (true, _) => Arrangement::Reciprocal,
            (_, true) => Arrangement::OneWay,
            _ => partner.arrangement,
        };
        let date = self.date.resolve(ctx.today);
        if let Some(ended) = partner.ended.filter(|ended| date > *ended) {
            ui::warn(format!(
                "the engagement with {id} ended on {ended}; if it goes on, \
                 `coachlog partner resume {id}`"
            ));
        }
        let mut facts = partner.facts();
        if let Some(present) = self.group_size {
            if partner.group_size.is_none() {
                return Err(usage(format!(
                    "{id} is one person, so a session with them has no group size: leave out \
                     --group-size, or make {id} a group with `coachlog partner edit {id} --group-size N`"
                )));
            }
            facts.group_size = Some(present);
        }
        let session = NewSession {
            date,
            partner: id.clone(),
            minutes,
            role: self.role,
            payment: self
                .payment
                .unwrap_or_else(|| partner.session_payment(arrangement)),
            arrangement,
            facts,
            not_counted: self.not_counted,
            notes,
            reflection,
            competencies: self.reflection.competencies.clone(),
            feedback: None,
            calendar: None,
            inbox: None,
        };

        ctx.store.reopen_for(self.reopen.reason());
        let year_names = ctx.store.year_names(date)?;
        let same = ctx.store.same_sessions(&session, &year_names);
        let saved = ctx.store.add_session_among(session, &year_names)?;
        let name = ui::clean(&partner.name, 80);
        if date > ctx.today {
            ui::warn(format!(
                "{date} is in the future (today is {}); logged anyway",
                ctx.today
            ));
        }
        let settings = ctx.settings()?;
        if let Some(start) = settings.training_start
            && date < start
        {
            ui::warn(format!(
                "{date} is before training_start ({start}): ICF does not count it (EMCC and AC \
                 do); logged anyway"
            ));
        }
        if let (Some(present), Some(size)) = (saved.session.facts.group_size, partner.group_size)
            && present > size
        {
            ui::warn(format!(
                "{} present in {name}, a group of {}: logged anyway; if the group has grown, \
                 `coachlog partner edit {id} --group-size {}`",
                present.get(),
                size.get(),
                present.get()
            ));
        }
        if !same.is_empty() {
            let (others, kept) = match same.len() {
                1 => ("another session".to_owned(), "both are".to_owned()),
                n => (format!("{n} other sessions"), format!("all {} are", n + 1)),
            };
            ui::warn(format!(
                "{others} with {name} on {date} {} the same length and role ({}), so \
                 `coachlog check` reports {} as duplicates; {kept} kept — `coachlog remove {}` \
                 undoes this one if it was a mistake",
                coachlog_core::domain::text::agree(same.len(), "has", "have"),
                same.join(", "),
                coachlog_core::domain::text::agree(same.len(), "the two", "them"),
                saved.session.id
            ));
        }
        let s = &saved.session;
        let what = match s.role {
            Role::Coach => format!("coaching {name}"),
            Role::Client => format!("coached by {name}"),
            Role::Observer => format!("observing with {name}"),
        };
        let mut details = vec![s.payment.to_string(), s.arrangement.to_string()];
        if let Some(members) = s.facts.group_size {
            details.push(format!("group of {}", members.get()));
        }
        if let Some(reason) = s.not_counted {
            details.push(format!("not counted: {reason}"));
        }
        ctx.store.describe_change(format!(
            "log: {} {what} on {} ({})",
            s.minutes, s.date, s.id
        ));
        writeln!(
            ctx.out,
            "Logged {} {what} on {} ({}) as session {} {} {}",
            s.minutes,
            s.date,
            details.join(", "),
            s.id,
            ui::symbols().arrow,
            saved.path.display()
        )?;
        if let Some(reflection) = &s.reflection {
            writeln!(
                ctx.out,
                "  Reflection: {}",
                crate::views::reflection::describe(reflection, &settings.thresholds)
            )?;
        }
        if s.role == Role::Coach
            && let Some((when, experiment)) =
                ctx.store.latest_experiment(&id, s.date, &year_names)?
        {
            // Opened where this device can: else it shows as encrypted.
            let experiment = match ctx.store.keys()? {
                Some(keys) => keys.open(&id, &experiment).unwrap_or(experiment),
                None => experiment,
            };
            writeln!(
                ctx.out,
                "  Reminder: on {when} {name} invited you to experiment with: {}",
                ui::clean(&experiment, 300)
            )?;
        }
        Ok(())
    }
}

/// In a terminal, asks which partner (typing narrows the list) and, unless given, how long, with
/// the partner's usual length as the default; `None` when the user cancels (Esc). Without a
/// terminal, the usage.
fn ask_partner_and_duration(
    ctx: &Context,
    duration: Option<Minutes>,
) -> Result<Option<(PartnerId, Option<Minutes>)>> {
    if !ui::can_prompt() {
        let mut command = <crate::cli::Cli as clap::CommandFactory>::command();
        command.build();
        let usage_line = command
            .find_subcommand_mut("log")
            .map(|log| log.render_usage().to_string())
            .unwrap_or_default();
        return Err(usage(format!(
            "which partner? give one: coachlog log PARTNER [DUR] (e.g. coachlog log alex 45m); \
             without a terminal nothing is asked\n\n{usage_line}"
        )));
    }
    let partners = ctx.read_logbook()?.partners;
    if partners.is_empty() {
        return Err(coachlog_core::domain::lookup::find_partner(&[], "")
            .expect_err("no partners")
            .into());
    }
    let labels: Vec<String> = partners
        .iter()
        .map(|p| format!("{} ({})", ui::clean(&p.name, 60), p.id))
        .collect();
    let Some(choice) = ui::picker::pick(
        "partner (type to narrow, Esc to cancel)",
        "partner",
        &labels,
    )?
    else {
        return Ok(None);
    };
    let partner = &partners[choice];
    if duration.is_some() {
        return Ok(Some((partner.id.clone(), None)));
    }
    let question = match partner.default_minutes {
        Some(usual) => format!("duration [{usual}]"),
        None => "duration (e.g. 45m)".to_owned(),
    };
    let asked = ui::prompt::ask(&question, duration::spoken)?;
    Ok(Some((partner.id.clone(), asked)))
}

/// The length meant: a bare number below 10 (`log sam 1`) is as likely hours as minutes, so on a
/// terminal it is asked about, and elsewhere refused, naming both forms.
fn meant(given: Option<Spoken>) -> Result<Option<Minutes>> {
    let n = match given {
        None => return Ok(None),
        Some(Spoken::Clear(minutes)) => return Ok(Some(minutes)),
        Some(Spoken::Bare(n)) => n,
    };
    let refused = || usage(duration::ambiguous_text(&n.to_string(), n));
    if !ui::can_prompt() {
        return Err(refused());
    }
    let question = if n == 1 {
        "1 hour or 1 minute? (h/m)".to_owned()
    } else {
        format!("{n} hours or {n} minutes? (h/m)")
    };
    let answer = ui::prompt::ask(&question, |text| {
        match text.trim().to_ascii_lowercase().as_str() {
            "h" | "hour" | "hours" => Minutes::new(n * 60).ok_or_else(|| "too long".to_owned()),
            "m" | "min" | "minute" | "minutes" => Ok(Minutes::new(n).expect("1 to 9 minutes")),
            _ => duration::spoken(text)
                .map_err(|_| format!("'{}': answer h (hours) or m (minutes)", text.trim())),
        }
    })?;
    answer.map(Some).ok_or_else(refused)
}
