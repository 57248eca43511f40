//! `coachlog import`: sessions from a CSV file.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{Result, bail};

use crate::cli::{ImportArgs, Mapping};
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::text::{agree, count};
use coachlog_core::import::Field;
use coachlog_core::import::backup::Restore;
use coachlog_core::import::calendar;
use coachlog_core::import::{self, Options, Plan};

/// How many bad rows an error lists before it counts the rest.
const ROWS_SHOWN: usize = 20;

impl ImportArgs {
    fn options(&self) -> Result<Options> {
        let mut map = BTreeMap::new();
        let mut values: BTreeMap<Field, Vec<(String, String)>> = BTreeMap::new();
        for mapping in &self.map {
            match mapping {
                Mapping::Column(field, header) => {
                    if map.insert(*field, header.clone()).is_some() {
                        return Err(usage(format!(
                            "--map {} is given twice: give each field once",
                            field.as_str()
                        )));
                    }
                }
                Mapping::Value(field, value, word) => {
                    let pairs = values.entry(*field).or_default();
                    if pairs.iter().any(|(v, _)| v.eq_ignore_ascii_case(value)) {
                        return Err(usage(format!(
                            "--map {}:{value} is given twice: give each value once",
                            field.as_str()
                        )));
                    }
                    pairs.push((value.clone(), word.clone()));
                }
            }
        }
        Ok(Options {
            map,
            values,
            client_type: self.client_type,
            delimiter: self.delimiter,
            date_format: self.date_format.clone(),
            dates: None,
        })
    }
}

/// Whether the input is an iCalendar file: named `.ics`, or starting as one.
fn is_calendar(path: &std::path::Path, input: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&input[..input.len().min(512)]);
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ics"))
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .get(..15)
            .is_some_and(|head| head.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
}

impl ImportArgs {
    /// `import calendar.ics`: calendar events become sessions, as the `[calendar]` rules say.
    fn calendar(&self, ctx: &mut Context, input: &[u8]) -> Result<()> {
        self.no_csv_flags("a calendar")?;
        let text = String::from_utf8(input.to_vec()).map_err(|_| {
            usage(format!(
                "{} is not UTF-8 text: export the calendar again as .ics",
                self.file.display()
            ))
        })?;
        let as_of = self.as_of.map_or(ctx.today, |p| p.last(ctx.today));
        let plan = |ctx: &Context| -> Result<calendar::Plan> {
            let mut logbook = ctx.read_logbook_to_change()?;
            // Attendees are matched by the partners' addresses, which may be encrypted.
            {
                use coachlog_core::domain::private::Confidential;
                if logbook.partners.iter_mut().any(|p| p.has_sealed()) {
                    ctx.open_text(&mut logbook.partners, Vec::new())?;
                }
            }
            let options = calendar::Options {
                settings: &logbook.settings.calendar,
                as_of,
                role: self.role,
                create_partners: self.create_partners,
            };
            calendar::plan(&text, &options, &logbook.partners, &logbook.sessions)
                .map_err(|e| usage(format!("{}: {e}", self.file.display())))
        };
        let mut planned = plan(ctx)?;
        if !planned.errors.is_empty() && !ctx.skip_invalid {
            bail!(
                "{} of {} cannot be read, so nothing was imported; fix {}, or add --skip-invalid to \
                 import the rest:\n{}",
                count(planned.errors.len(), "event", "events"),
                self.file.display(),
                agree(planned.errors.len(), "it", "them"),
                planned
                    .errors
                    .iter()
                    .map(|e| format!("  {e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        for error in &planned.errors {
            ui::warn(format!("skipping {error}"));
        }
        let writes = !planned.sessions.is_empty()
            || !planned.new_partners.is_empty()
            || (self.update && !planned.changed.is_empty());
        if !self.dry_run && writes {
            let _lock = ctx.store.lock()?;
            // Planned again under the lock; partners first, then the sessions, all made durable
            // together: a killed import leaves whole files, and the next run adds the rest.
            planned = plan(ctx)?;
            let mut batch = ctx.store.batch();
            for partner in &planned.new_partners {
                batch.add_partner(partner)?;
            }
            for session in &planned.sessions {
                batch.add(session)?;
            }
            batch.finish()?;
            if self.update {
                // Only the sessions that moved are read and rewritten.
                for changed in &planned.changed {
                    let path = ctx.store.find_session(&changed.session)?;
                    let mut session = ctx.store.session_at(&path)?;
                    session.date = changed.now.0;
                    session.minutes = coachlog_core::domain::duration::Minutes::new(changed.now.1)
                        .unwrap_or(session.minutes);
                    session.calendar = Some(Box::new(changed.calendar.clone()));
                    ctx.store.update_session(&path, &session)?;
                }
            }
            ctx.store.describe_change(format!(
                "import: {} from {}",
                count(planned.sessions.len(), "session", "sessions"),
                self.file.file_name().unwrap_or_default().to_string_lossy()
            ));
        }
        for c in &planned.changed {
            ui::warn(format!(
                "session {} with {} was imported for {}, {} min; the calendar now has {}, {} min{}",
                c.session,
                c.partner,
                c.was.0,
                c.was.1,
                c.now.0,
                c.now.1,
                if self.update && !self.dry_run {
                    ": updated"
                } else {
                    " (--update moves it)"
                }
            ));
        }
        for (name, (client_type, n)) in &planned.unknown {
            ui::note(format!(
                "{} with {name}, who is not a partner: coachlog partner add \"{name}\" --client-type {} \
                 (or import with --create-partners)",
                count(*n, "session", "sessions"),
                client_type.map_or("peer|non-coach", |c| c.as_str())
            ));
        }
        for ((partner, email), n) in &planned.unlisted {
            ui::note(format!(
                "{} with {partner}, invited at {email}, an address not in {partner}'s file: \
                 coachlog partner edit {partner} --email {email} (then import again)",
                count(*n, "session", "sessions"),
            ));
        }
        let skipped: Vec<String> = planned
            .skipped
            .iter()
            .map(|(why, n)| format!("{n} {}", why.describe()))
            .collect();
        let unknown: usize = planned.unknown.values().map(|(_, n)| n).sum::<usize>()
            + planned.unlisted.values().sum::<usize>();
        writeln!(
            ctx.out,
            "{} {}{}; already there: {}; changed: {}; skipped: {}; unknown people: {}",
            if self.dry_run {
                "Would import"
            } else {
                "Imported"
            },
            count(planned.sessions.len(), "session", "sessions"),
            match planned.new_partners.len() {
                0 => String::new(),
                n => format!(" with {}", count(n, "new partner", "new partners")),
            },
            planned.already,
            planned.changed.len(),
            if skipped.is_empty() {
                "none".to_owned()
            } else {
                skipped.join(", ")
            },
            match unknown {
                0 => "none".to_owned(),
                n => format!(
                    "{} ({})",
                    planned.unknown.len() + planned.unlisted.len(),
                    count(n, "session", "sessions")
                ),
            },
        )?;
        Ok(())
    }
}

/// The keys of a backup whose notes are encrypted: its partners' keys are written (where the
/// logbook has none), and a logbook without a key of its own takes the backup's (so the restored
/// notes open where the coach's key is). A logbook with another key is refused, before anything is
/// written. The caller holds the lock.
fn restore_keys(ctx: &Context, restore: &Restore) -> Result<()> {
    let Some(theirs) = &restore.notes_key else {
        return Ok(());
    };
    match ctx.store.settings()?.notes_key {
        Some(ours) if &ours != theirs => {
            return Err(usage(format!(
                "the backup's notes are encrypted to the key {theirs}, this logbook's to {ours}: \
                 restore the backup into a new data directory (--data-dir), with its key \
                 (`coachlog keys import`)"
            )));
        }
        Some(_) => {}
        None => {
            ctx.store
                .set_config(
                    coachlog_core::storage::config::ConfigKey::NotesKey,
                    Some(theirs),
                )
                .map_err(coachlog_core::storage::config::SetConfigError::into_error)?;
            ctx.store
                .set_config(
                    coachlog_core::storage::config::ConfigKey::EncryptNotes,
                    Some(if restore.encrypt_notes {
                        "true"
                    } else {
                        "false"
                    }),
                )
                .map_err(coachlog_core::storage::config::SetConfigError::into_error)?;
            ctx.store.reread_keys();
        }
    }
    for key in &restore.keys {
        coachlog_core::storage::keys::restore_partner_key(ctx.store.root(), key)?;
    }
    Ok(())
}

/// Plans restoring a backup against the logbook as it is now.
fn plan_restore(ctx: &Context, input: &[u8]) -> Result<Restore> {
    let logbook = ctx.read_logbook_to_change()?;
    let there = if ctx.store.exists()? {
        import::backup::There {
            requests: ctx.store.records()?,
            receipts: ctx.store.records()?,
            pins: ctx.store.records()?,
        }
    } else {
        import::backup::There::default()
    };
    import::backup::plan(
        input,
        &logbook.partners,
        &logbook.sessions,
        &logbook.records,
        &there,
    )
    .map_err(|e| usage(e.0))
}

impl ImportArgs {
    /// Refuses the flags that read a CSV file, for a file of another kind (`what`).
    fn no_csv_flags(&self, what: &str) -> Result<()> {
        if !self.map.is_empty()
            || self.client_type.is_some()
            || self.delimiter.is_some()
            || self.date_format.is_some()
        {
            return Err(usage(format!(
                "--map, --client-type, --delimiter and --date-format apply to CSV files, not to {what}"
            )));
        }
        Ok(())
    }

    /// `import backup.json`: restores what the logbook does not hold yet of a JSON backup.
    fn restore(&self, ctx: &mut Context, input: &[u8]) -> Result<()> {
        self.no_csv_flags("a backup (from `coachlog export json`)")?;
        let mut restore = plan_restore(ctx, input)?;
        if !restore.errors.is_empty() && !ctx.skip_invalid {
            let n = restore.errors.len();
            let mut list: Vec<String> = restore
                .errors
                .iter()
                .take(ROWS_SHOWN)
                .map(|e| format!("  {e}"))
                .collect();
            if n > ROWS_SHOWN {
                list.push(format!("  … and {} more", n - ROWS_SHOWN));
            }
            bail!(
                "{} of {} cannot be restored, so nothing was imported; fix {}, or add \
                 --skip-invalid to restore the rest:\n{}",
                count(n, "record", "records"),
                self.file.display(),
                agree(n, "it", "them"),
                list.join("\n")
            );
        }
        for error in &restore.errors {
            ui::warn(format!("skipping {error}"));
        }
        let r = &restore.records;
        let others = r.mentoring.len()
            + restore.requests.len()
            + restore.receipts.len()
            + restore.pins.len()
            + r.supervision.len()
            + r.education.len()
            + r.cpd.len()
            + r.credentials.len();
        if !self.dry_run && (restore.sessions.len() + restore.partners.len() + others) > 0 {
            let _lock = ctx.store.lock()?;
            // Planned again under the lock; partners first, then sessions (each file whole when
            // it appears: a killed restore, run again, adds the rest), then the other records.
            restore = plan_restore(ctx, input)?;
            restore_keys(ctx, &restore)?;
            let mut batch = ctx.store.batch();
            for partner in &restore.partners {
                batch.add_partner(partner)?;
            }
            for (id, session) in &restore.sessions {
                batch.add_as(session, Some(id))?;
            }
            batch.finish()?;
            let r = restore.records.clone();
            r.mentoring
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            r.supervision
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            r.education
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            r.cpd
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            r.credentials
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            restore
                .requests
                .clone()
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            restore
                .receipts
                .clone()
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
            restore
                .pins
                .clone()
                .into_iter()
                .try_for_each(|k| ctx.store.add_kept(k).map(drop))?;
        }
        let r = &restore.records;
        let parts = [
            count(restore.partners.len(), "partner", "partners"),
            count(restore.sessions.len(), "session", "sessions"),
            format!(
                "{} of mentor coaching",
                count(r.mentoring.len(), "record", "records")
            ),
            format!(
                "{} of supervision",
                count(r.supervision.len(), "record", "records")
            ),
            count(r.education.len(), "course", "courses"),
            format!(
                "{} of continuing education",
                count(r.cpd.len(), "record", "records")
            ),
            count(r.credentials.len(), "credential", "credentials"),
            count(
                restore.requests.len(),
                "feedback request",
                "feedback requests",
            ),
            count(restore.receipts.len(), "receipt", "receipts"),
        ];
        writeln!(
            ctx.out,
            "{} {}; already there: {}, {} and {}; {}",
            if self.dry_run {
                "Would restore"
            } else {
                "Restored"
            },
            parts.join(", "),
            count(restore.partners_there, "partner", "partners"),
            count(restore.duplicates, "session", "sessions"),
            count(restore.records_there, "other record", "other records"),
            count(restore.errors.len(), "invalid record", "invalid records"),
        )?;
        ui::note(
            "Settings are not restored: compare `coachlog config show` with the backup's \"config\"",
        );
        Ok(())
    }
}

/// Plans the import against the logbook as it is now.
fn plan(ctx: &Context, input: &[u8], options: &Options) -> Result<Plan> {
    let logbook = ctx.read_logbook_to_change()?;
    import::plan(input, options, &logbook.partners, &logbook.sessions).map_err(|e| usage(e.0))
}

impl Run for ImportArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let options = coachlog_core::import::Options {
            dates: Some(coachlog_core::rules::dates::Plausible::on(ctx.today)),
            ..self.options()?
        };
        ctx.store.reopen_for(self.reopen.reason());
        let input = super::input::read(&self.file)?;
        if import::backup::is_backup(&input) {
            return self.restore(ctx, &input);
        }
        if is_calendar(&self.file, &input) {
            return self.calendar(ctx, &input);
        }
        if self.as_of.is_some() || self.role.is_some() || self.create_partners || self.update {
            return Err(usage(
                "--as-of, --role, --create-partners and --update apply to a calendar (.ics) file",
            ));
        }
        let mut plan = plan(ctx, &input, &options)?;
        if !plan.ignored_columns.is_empty() {
            ui::note(format!(
                "Not read (no field): {}",
                plan.ignored_columns.join(", ")
            ));
        }
        if let Some(form) = plan.date_form {
            ui::note(format!(
                "Dates read as {form}, the form the file's dates are written in \
                 (--date-format says otherwise)."
            ));
        }
        for (name, id) in &plan.names_read_as {
            ui::note(format!(
                "'{}' read as the partner {id}.",
                ui::clean(name, 60)
            ));
        }
        if !plan.errors.is_empty() {
            let mut list: Vec<String> = grouped(&plan.errors)
                .into_iter()
                .take(ROWS_SHOWN)
                .map(|e| format!("  {e}"))
                .collect();
            let groups = grouped(&plan.errors).len();
            if groups > ROWS_SHOWN {
                list.push(format!(
                    "  … and {} more kinds of problem",
                    groups - ROWS_SHOWN
                ));
            }
            if !ctx.skip_invalid {
                let n = plan.errors.len();
                bail!(
                    "{} of {} cannot be imported, so nothing was imported; fix {}, or add \
                     --skip-invalid to import the other rows:\n{}",
                    count(n, "row", "rows"),
                    self.file.display(),
                    agree(n, "it", "them"),
                    list.join("\n")
                );
            }
            ui::warn(format!(
                "skipping {}:\n{}",
                count(plan.errors.len(), "invalid row", "invalid rows"),
                list.join("\n")
            ));
        }
        if !self.dry_run && !plan.sessions.is_empty() {
            let _lock = ctx.store.lock()?;
            // Plan again under the lock, so that duplicates are judged against the logbook as written.
            plan = self::plan(ctx, &input, &options)?;
            // Partners go into place first: a session is never written without its partner. Each
            // file is whole when it appears; a killed import leaves some of them, and running it
            // again adds the rest, the ones written being duplicates.
            let mut batch = ctx.store.batch();
            for partner in &plan.new_partners {
                batch.add_partner(partner)?;
            }
            for session in &plan.sessions {
                batch.add(session)?;
            }
            batch.finish()?;
            ctx.store.describe_change(format!(
                "import: {} from {}",
                count(plan.sessions.len(), "session", "sessions"),
                self.file.file_name().unwrap_or_default().to_string_lossy()
            ));
        }
        let partners = match plan.new_partners.len() {
            0 => String::new(),
            n => {
                let ids: Vec<&str> = plan
                    .new_partners
                    .iter()
                    .take(10)
                    .map(|p| p.id.as_str())
                    .collect();
                format!(
                    " with {} ({}{})",
                    count(n, "new partner", "new partners"),
                    ids.join(", "),
                    if n > 10 { ", …" } else { "" }
                )
            }
        };
        if self.dry_run && !plan.sessions.is_empty() {
            write!(
                ctx.out,
                "{}",
                crate::views::import::first_rows(&plan, &ctx.look)
            )?;
        }
        writeln!(
            ctx.out,
            "{} {}{partners}; skipped {}; {}",
            if self.dry_run {
                "Would import"
            } else {
                "Imported"
            },
            count(plan.sessions.len(), "session", "sessions"),
            count(plan.duplicates, "duplicate", "duplicates"),
            count(plan.errors.len(), "invalid row", "invalid rows"),
        )?;
        Ok(())
    }
}

/// The problems of rows, one line for each kind: rows whose messages differ only in the values
/// they quote are one line, with their count and lines.
fn grouped(errors: &[import::RowError]) -> Vec<String> {
    // A message with its quoted values left out: the kind of problem.
    fn kind(message: &str) -> String {
        let mut out = String::new();
        let mut quoted = false;
        for c in message.chars() {
            if c == '\'' {
                quoted = !quoted;
                out.push(c);
            } else if !quoted {
                out.push(c);
            }
        }
        out
    }
    let mut kinds: Vec<(String, Vec<&import::RowError>)> = Vec::new();
    for e in errors {
        let k = kind(&e.message);
        match kinds.iter_mut().find(|(other, _)| *other == k) {
            Some((_, rows)) => rows.push(e),
            None => kinds.push((k, vec![e])),
        }
    }
    kinds
        .into_iter()
        .map(|(_, rows)| match rows.as_slice() {
            [one] => one.to_string(),
            [first, ..] => {
                const LINES: usize = 5;
                let mut lines: Vec<String> = rows
                    .iter()
                    .take(LINES)
                    .map(|r| r.line.to_string())
                    .collect();
                if rows.len() > LINES {
                    lines.push(format!("{} more", rows.len() - LINES));
                }
                format!(
                    "{} rows (lines {}): {} (line {})",
                    rows.len(),
                    lines.join(", "),
                    first.message,
                    first.line
                )
            }
            [] => String::new(),
        })
        .collect()
}
