//! The other records of a credential, one noun each: `mentoring`, `supervision`, `education`,
//! `cpd` and `credential`, each with a verb to add, `list` and `remove`.

mod cpd;
mod credential;
mod education;
mod mentoring;
mod supervision;

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{
    CpdCommand, CredentialCommand, EducationCommand, MentoringCommand, RecordRemoveArgs,
    SupervisionCommand,
};
use crate::cmd::{Context, Run};
use crate::ui;
use coachlog_core::domain::model::{Format, GroupSize};
use coachlog_core::storage::development::{Kept, KeptFile};

/// Runs `mentoring …`, `supervision …`, `education …`, `cpd …` or `credential …`.
pub enum Records {
    /// `mentoring …`.
    Mentoring(MentoringCommand),
    /// `supervision …`.
    Supervision(SupervisionCommand),
    /// `education …`.
    Education(EducationCommand),
    /// `cpd …`.
    Cpd(CpdCommand),
    /// `credential …`.
    Credential(CredentialCommand),
}

impl Run for Records {
    fn run(self, ctx: &mut Context) -> Result<()> {
        use crate::views::records as view;
        match self {
            Records::Mentoring(MentoringCommand::Log(args)) => args.run(ctx),
            Records::Mentoring(MentoringCommand::List(args)) => {
                list(ctx, args.json, view::mentoring_text)
            }
            Records::Mentoring(MentoringCommand::Remove(args)) => {
                remove::<coachlog_core::domain::development::Mentoring>(ctx, args, |m| {
                    format!(
                        "{}: {} of mentor coaching with {} on {}",
                        m.id, m.minutes, m.mentor, m.date
                    )
                })
            }
            Records::Supervision(SupervisionCommand::Log(args)) => args.run(ctx),
            Records::Supervision(SupervisionCommand::List(args)) => {
                list(ctx, args.json, view::supervision_text)
            }
            Records::Supervision(SupervisionCommand::Remove(args)) => {
                remove::<coachlog_core::domain::development::Supervision>(ctx, args, |s| {
                    format!(
                        "{}: {} of supervision with {} on {}",
                        s.id, s.minutes, s.supervisor, s.date
                    )
                })
            }
            Records::Education(EducationCommand::Add(args)) => args.run(ctx),
            Records::Education(EducationCommand::List(args)) => {
                list(ctx, args.json, view::education_text)
            }
            Records::Education(EducationCommand::Remove(args)) => {
                remove::<coachlog_core::domain::development::Education>(ctx, args, |e| {
                    format!("{}: {} ({})", e.id, e.title, e.provider)
                })
            }
            Records::Cpd(CpdCommand::Log(args)) => args.run(ctx),
            Records::Cpd(CpdCommand::List(args)) => list(ctx, args.json, view::cpd_text),
            Records::Cpd(CpdCommand::Remove(args)) => {
                remove::<coachlog_core::domain::development::Cpd>(ctx, args, |c| {
                    format!("{}: {} on {}", c.id, c.title, c.date)
                })
            }
            Records::Credential(CredentialCommand::Add(args)) => args.run(ctx),
            Records::Credential(CredentialCommand::List(args)) => {
                let today = ctx.today;
                list(ctx, args.json, |records, look| {
                    view::credential_text(records, today, look)
                })
            }
            Records::Credential(CredentialCommand::Remove(args)) => {
                remove::<coachlog_core::domain::development::Credential>(ctx, args, |c| {
                    format!("{}: {} granted on {}", c.id, c.scheme, c.granted)
                })
            }
        }
    }
}

/// The records of kind `K`, oldest first (none when there is no logbook yet).
fn read<K: Kept>(ctx: &Context) -> Result<Vec<K>> {
    if !ctx.logbook_exists()? {
        return Ok(Vec::new());
    }
    Ok(ctx
        .store
        .kept::<K>()?
        .into_iter()
        .map(|f| f.record)
        .collect())
}

/// `… list`: the records as JSON or as a table drawn by `text`.
fn list<K: Kept + Serialize>(
    ctx: &mut Context,
    json: bool,
    text: impl Fn(&[K], &ui::Look) -> String,
) -> Result<()> {
    let records = read::<K>(ctx)?;
    if json {
        // Notes are confidential: a listing leaves them out (a backup keeps them).
        let listed: Vec<K> = records.into_iter().map(Kept::without_notes).collect();
        return ctx.print_json(&listed);
    }
    if records.is_empty() {
        ui::note(format!("No {} recorded yet.", K::NOUN));
        return Ok(());
    }
    let text = text(&records, &ctx.look);
    write!(ctx.out, "{text}")?;
    Ok(())
}

/// `… remove ID`: deletes one record, saying which.
fn remove<K: Kept>(
    ctx: &mut Context,
    args: RecordRemoveArgs,
    describe: impl Fn(&K) -> String,
) -> Result<()> {
    // A missing logbook (or folder) has nothing to remove, and is not created for it.
    ctx.logbook_exists()?;
    let path = ctx.store.find_kept::<K>(&args.id)?;
    let _lock = ctx.store.lock()?;
    // A file that no longer reads can still be removed by its id.
    let what = coachlog_core::storage::files::read_regular(&path)
        .ok()
        .and_then(|text| {
            coachlog_core::storage::development::parse::<K>(&text, args.id.clone()).ok()
        })
        .map_or_else(|| args.id.clone(), |r| describe(&r));
    ctx.store.remove_kept(&path)?;
    ctx.store
        .describe_change(format!("{} remove: {what}", K::COMMAND));
    writeln!(ctx.out, "Removed {what} ({})", path.display())?;
    Ok(())
}

/// Writes a new record under the logbook's lock and says where, warning of a date after today and
/// of the same record recorded already.
fn add<K: Kept>(
    ctx: &mut Context,
    record: K,
    date: NaiveDate,
    said: impl Fn(&K) -> String,
) -> Result<()> {
    let (saved, same): (KeptFile<K>, Vec<String>) = {
        let _lock = ctx.store.lock()?;
        let facts = coachlog_core::storage::development::facts(&record);
        let same: Vec<String> = ctx
            .store
            .kept::<K>()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| {
                !facts.is_empty() && coachlog_core::storage::development::facts(&k.record) == facts
            })
            .map(|k| k.record.id().to_owned())
            .collect();
        let saved = ctx.store.add_kept(record)?;
        ctx.store.describe_change(format!(
            "{}: {} ({})",
            K::COMMAND,
            said(&saved.record),
            saved.record.id()
        ));
        (saved, same)
    };
    if date > ctx.today {
        ui::warn(format!(
            "{date} is in the future (today is {}); recorded anyway",
            ctx.today
        ));
    }
    if !same.is_empty() {
        let undo = ["coachlog", K::COMMAND, "remove", saved.record.id()].join(" ");
        ui::warn(format!(
            "the same {} is recorded already ({}), so it would count twice; both are kept — \
             `{undo}` undoes this one if it was a mistake",
            K::NOUN,
            same.join(", "),
        ));
    }
    let said = said(&saved.record);
    writeln!(ctx.out, "{said} [{}]", saved.record.id())?;
    Ok(())
}

/// One-to-one, or a group of the size given.
fn format_of(group: Option<GroupSize>) -> Format {
    if group.is_some() {
        Format::Group
    } else {
        Format::Individual
    }
}

/// "in a group of 6" or "one-to-one", for what `log` prints.
fn with_whom(group: Option<GroupSize>) -> String {
    match group {
        Some(size) => format!("in a group of {}", size.get()),
        None => "one-to-one".to_owned(),
    }
}
