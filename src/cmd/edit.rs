//! `coachlog edit`: a session's or a partner's file, or config.toml, in the user's editor — kept
//! only when it is valid, as `crontab -e` and `visudo` do.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::cli::EditArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::model::{FactsFrom, Partner};
use coachlog_core::domain::text::{agree, count};
use coachlog_core::storage::sealing::RecordFile;
use coachlog_core::storage::{SessionLookupError, development};

/// What is being edited.
enum Target {
    Session(PathBuf),
    Partner(PartnerId),
    Config,
    /// Mentor coaching, supervision, education, continuing education or a credential.
    Record(PathBuf, development::KindOf),
}

impl Target {
    /// The file as a record whose confidential text may be encrypted.
    fn record_file(&self) -> Option<RecordFile<'_>> {
        match self {
            Target::Session(path) => Some(RecordFile::Session(path)),
            Target::Partner(id) => Some(RecordFile::Partner(id)),
            _ => None,
        }
    }

    fn path(&self, ctx: &Context) -> PathBuf {
        match self {
            Target::Session(path) | Target::Record(path, _) => path.clone(),
            Target::Partner(id) => ctx.store.partner_path(id),
            Target::Config => ctx.store.config_path(),
        }
    }

    /// Whether `text` is a valid file of this kind, and where it belongs (a session whose date or
    /// partner changed moves); the error says why not, with the line.
    fn check(&self, ctx: &Context, text: &str) -> Result<Option<PathBuf>> {
        match self {
            Target::Session(path) => ctx.store.check_session_text(path, text).map(Some),
            other => other.check_in_place(ctx, text).map(|()| None),
        }
    }

    fn check_in_place(&self, ctx: &Context, text: &str) -> Result<()> {
        match self {
            Target::Session(_) => unreachable!("a session is checked with where it belongs"),
            Target::Partner(id) => {
                let edited = ctx.store.check_partner_text(id, text)?;
                keeps_earlier_sessions(ctx, id, &edited)
            }
            Target::Config => ctx.store.check_config_text(text),
            Target::Record(path, kind) => (kind.read)(text).map(drop).map_err(|p| {
                let at = p.line.map_or_else(String::new, |l| format!(" (line {l})"));
                anyhow::anyhow!("{}{at}: {}", path.display(), p.message)
            }),
        }
    }
}

/// Refuses a hand edit of a partner's client type or group size while sessions in files of the
/// earlier format take theirs from the partner: saved, it would change their past figures.
fn keeps_earlier_sessions(ctx: &Context, id: &PartnerId, edited: &Partner) -> Result<()> {
    let current = ctx.store.partner(id)?;
    if current.facts() == edited.facts() {
        return Ok(());
    }
    let earlier = ctx
        .store
        .session_files(std::slice::from_ref(&current))?
        .iter()
        .filter(|f| &f.session.partner == id && f.session.facts_from != FactsFrom::Session)
        .count();
    if earlier > 0 {
        bail!(
            "{} of {id} {} in files of the earlier format, which take the client type and group \
             size from the partner, so this edit would change {} too: run `coachlog upgrade` \
             first, or use `coachlog partner edit {id} … --also-past`",
            count(earlier, "session", "sessions"),
            agree(earlier, "is", "are"),
            agree(earlier, "it", "them"),
        );
    }
    Ok(())
}

impl EditArgs {
    fn target(&self, ctx: &Context) -> Result<Target> {
        if let Some(kind) = development::kinds()
            .into_iter()
            .find(|k| k.command == self.target)
        {
            let Some(id) = &self.partner else {
                return Err(usage(format!(
                    "which {}? coachlog edit {} ID ({} shows the ids)",
                    kind.noun, kind.command, kind.list
                )));
            };
            ctx.logbook_exists()?;
            return Ok(Target::Record(ctx.store.find_record(&kind, id)?, kind));
        }
        match (self.target.as_str(), &self.partner) {
            ("partner", Some(query)) => Ok(Target::Partner(ctx.find_partner(query)?)),
            ("partner", None) => Err(usage(
                "which partner? coachlog edit partner ID (e.g. coachlog edit partner alex)",
            )),
            ("config", None) => Ok(Target::Config),
            (_, Some(extra)) => Err(usage(format!(
                "'{extra}' is one word too many: coachlog edit SESSION, coachlog edit partner ID, \
                 coachlog edit mentoring|supervision|education|cpd|credential ID or coachlog edit config"
            ))),
            (id, None) => {
                if !ctx.logbook_exists()? {
                    return Err(SessionLookupError::NotFound(id.to_owned()).into());
                }
                Ok(Target::Session(ctx.store.find_session(id)?))
            }
        }
    }
}

/// Whether to open the editor again after an invalid save (asked on a terminal, after saying what
/// is wrong; never without one, where the error says it).
fn again(error: &anyhow::Error) -> Result<bool> {
    if !ui::can_prompt() {
        return Ok(false);
    }
    ui::problem("not valid:", format!("{error:#}"));
    let answer = ui::prompt::ask(
        "(e)dit again or (r)estore the file as it was? [e]",
        |t| match t.trim().to_ascii_lowercase().as_str() {
            "e" | "edit" => Ok(true),
            "r" | "restore" => Ok(false),
            _ => Err(format!("'{t}' is neither e nor r")),
        },
    )?;
    Ok(answer.unwrap_or(true))
}

impl Run for EditArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let target = self.target(ctx)?;
        let path = target.path(ctx);
        let original = match coachlog_core::storage::files::read_regular(&path) {
            Ok(text) => text,
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound && matches!(target, Target::Config) =>
            {
                String::new()
            }
            Err(e) => {
                return Err(
                    anyhow::Error::new(e).context(format!("cannot read {}", path.display()))
                );
            }
        };
        // A change of what an attested period rests on needs --reopen --reason: the guard in the
        // write path asks for it when the edit is checked, and records it when it is saved.
        ctx.store.reopen_for(self.reopen.reason());
        // Encrypted text is edited as plain text, where this device has the key.
        let shown = match target.record_file() {
            Some(file) => match ctx.store.opened_text(&file, &original) {
                Ok(opened) => opened.unwrap_or_else(|| original.clone()),
                Err(locked) => {
                    ui::warn(format!(
                        "{locked}; the encrypted text shows as age:…: leave it as it is"
                    ));
                    original.clone()
                }
            },
            None => original.clone(),
        };
        let mut text = shown.clone();
        let belongs;
        loop {
            text = ui::editor::edit(&text, ".toml")?;
            if text == shown {
                writeln!(ctx.out, "No changes to {}", path.display())?;
                return Ok(());
            }
            match target.check(ctx, &text) {
                Ok(at) => {
                    belongs = at.filter(|at| *at != path);
                    break;
                }
                Err(error) => {
                    if !again(&error)? {
                        bail!(
                            "{error:#}\nThe edit was not valid, so {} is unchanged.",
                            path.display()
                        );
                    }
                }
            }
        }
        let _lock = ctx.store.lock()?;
        if let Some(file) = target.record_file() {
            text = ctx.store.sealed_text(&file, &text)?;
        }
        let now = coachlog_core::storage::files::read_regular(&path).unwrap_or_default();
        if now != original {
            bail!(
                "{} was changed by something else while you edited it; your version was not saved \
                 (run `coachlog edit` again to start from the new content)",
                path.display()
            );
        }
        let within = |p: &std::path::Path| {
            p.strip_prefix(ctx.store.root())
                .unwrap_or(p)
                .display()
                .to_string()
        };
        if let Some(moved) = belongs {
            // A new date or partner: the file takes the name that says so, in its year's folder.
            ctx.store.save_session_text(&path, &text, Some(&moved))?;
            ctx.store
                .describe_change(format!("edit: {} → {}", within(&path), within(&moved)));
            writeln!(
                ctx.out,
                "Saved {} (moved from {})",
                moved.display(),
                path.display()
            )?;
            return Ok(());
        }
        match &target {
            Target::Session(_) => ctx.store.save_session_text(&path, &text, None)?,
            Target::Partner(id) => ctx.store.save_partner_text(id, &text)?,
            Target::Config => ctx.store.save_config_text(&text)?,
            Target::Record(..) => ctx.store.replace_record_text(&path, &text)?,
        }
        ctx.store
            .describe_change(format!("edit: {}", within(&path)));
        writeln!(ctx.out, "Saved {}", path.display())?;
        Ok(())
    }
}
