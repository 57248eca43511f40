//! `coachlog keys init|show|export|import`.

use std::io::{Read, Write};

use anyhow::{Context as _, Result, anyhow};

use super::{Context, Run};
use crate::cli::{KeysCommand, KeysExportArgs, KeysImportArgs};
use crate::error::usage;
use crate::ui;
use coachlog_core::storage::files;
use coachlog_core::storage::keys;

impl Run for KeysCommand {
    fn run(self, ctx: &mut Context) -> Result<()> {
        match self {
            KeysCommand::Init(args) if args.signing => signing(ctx),
            KeysCommand::Init(_) => super::encryption::turn(ctx, true),
            KeysCommand::Show => show(ctx),
            KeysCommand::Export(args) => args.run(ctx),
            KeysCommand::Import(args) => args.run(ctx),
        }
    }
}

/// Makes the key that signs receipts, unless this device has one.
fn signing(ctx: &mut Context) -> Result<()> {
    use coachlog_core::storage::signing;
    if let Some(path) = signing::own_key_path().filter(|p| p.exists()) {
        let key = signing::load(&path)?;
        writeln!(
            ctx.out,
            "This device has a signing key already: {}\nIts public key: {}",
            key.fingerprint(),
            key.public_line()
        )?;
        return Ok(());
    }
    let key = signing::generate()?;
    writeln!(
        ctx.out,
        "Made the key that signs your receipts, kept on this device only: {}\n\
         Its fingerprint: {}\nIts public key (give it to whoever checks your receipts):\n{}",
        key.path.display(),
        key.fingerprint(),
        key.public_line()
    )?;
    Ok(())
}

/// Whether notes are encrypted, and whether this device can read them; and the key that signs
/// receipts, where this device has one.
fn show(ctx: &mut Context) -> Result<()> {
    show_notes(ctx)?;
    use coachlog_core::storage::signing;
    match signing::own_key_path().filter(|p| p.exists()) {
        Some(path) => {
            let key = signing::load(&path)?;
            writeln!(
                ctx.out,
                "Receipts are signed with the key {} (fingerprint {}); its public key:\n{}",
                path.display(),
                key.fingerprint(),
                key.public_line()
            )?;
        }
        None => writeln!(
            ctx.out,
            "This device has no key of its own to sign receipts: `coachlog keys init --signing` \
             makes one (or `coachlog receipt SESSION --key ~/.ssh/id_ed25519` signs with your SSH key)."
        )?,
    }
    Ok(())
}

/// Whether notes are encrypted, and whether this device can read them.
fn show_notes(ctx: &mut Context) -> Result<()> {
    let settings = if ctx.logbook_exists()? {
        ctx.store.settings()?
    } else {
        coachlog_core::rules::settings::Settings::default()
    };
    let Some(recipient) = settings.notes_key else {
        writeln!(
            ctx.out,
            "Notes are not encrypted. `coachlog keys init` encrypts them with a key kept on this \
             device."
        )?;
        return Ok(());
    };
    writeln!(
        ctx.out,
        "Notes are {}encrypted, to the key {recipient}.",
        if settings.encrypt_notes {
            ""
        } else {
            "no longer "
        }
    )?;
    match keys::load_coach_key(&recipient)? {
        Some(_) => writeln!(
            ctx.out,
            "This device has the key: it reads the notes. `coachlog keys export` copies it to \
             another device."
        )?,
        None => writeln!(
            ctx.out,
            "This device does not have the key: notes show as encrypted. Run `coachlog keys export` \
             on a device that has it, then `coachlog keys import FILE` here."
        )?,
    }
    Ok(())
}

/// The logbook's key, from this device.
fn coach_key(ctx: &Context) -> Result<age::x25519::Identity> {
    let settings = ctx.store.settings()?;
    let recipient = settings.notes_key.ok_or_else(|| {
        usage(
            "notes are not encrypted, so there is no key to export: `coachlog keys init` makes one",
        )
    })?;
    keys::load_coach_key(&recipient)?.ok_or_else(|| anyhow!("{}", keys::Locked::NoKey(recipient)))
}

impl Run for KeysExportArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let identity = coach_key(ctx)?;
        let text = keys::export_text(&identity);
        // `--output -` is standard output, as everywhere else (never a file named `-`).
        let output = self.output.as_ref().filter(|p| p.as_os_str() != "-");
        match output {
            Some(path) => {
                ctx.store.write_outside(path, text.as_bytes(), false).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        usage(format!(
                            "{} already exists: give a new file name, so that no file is replaced",
                            path.display()
                        ))
                    } else {
                        anyhow!(e).context(format!("cannot write {}", path.display()))
                    }
                })?;
                writeln!(
                    ctx.out,
                    "Wrote the key to {} (readable by you only). Move it to the other device, run \
                     `coachlog keys import {}` there, then delete it.",
                    path.display(),
                    path.display()
                )?;
            }
            None => {
                ui::warn(
                    "this is the key to every note in the logbook: keep it out of the logbook, \
                     chats and e-mail",
                );
                write!(ctx.out, "{text}")?;
            }
        }
        Ok(())
    }
}

impl Run for KeysImportArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let text = if self.file.as_os_str() == "-" {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read the key from standard input")?;
            text
        } else {
            files::read_regular(&self.file)
                .with_context(|| format!("cannot read {}", self.file.display()))?
        };
        let identity = keys::parse_identity(&text).map_err(|e| usage(format!("{e:#}")))?;
        let given = identity.to_public().to_string();
        let settings = ctx.store.settings()?;
        let Some(recipient) = settings.notes_key else {
            return Err(usage(
                "this logbook's notes are not encrypted, so it has no key to import: \
                 `coachlog keys init` makes one (or check --data-dir)",
            ));
        };
        if given != recipient {
            let retired = settings.retired_notes_keys.contains(&given);
            return Err(usage(format!(
                "this is not the logbook's key: it opens {given}, the logbook's notes are encrypted \
                 to {recipient}{}; export the key again on a device that reads the notes",
                if retired {
                    " (the key it replaced when a client was forgotten)"
                } else {
                    ""
                }
            )));
        }
        let path = keys::save_coach_key(&identity)?;
        // A key this logbook replaced when a client was forgotten goes with the new one.
        for old in &settings.retired_notes_keys {
            keys::remove_coach_key(old)?;
        }
        writeln!(
            ctx.out,
            "Kept the key at {} (readable by you only): this device reads the notes.",
            path.display()
        )?;
        Ok(())
    }
}
