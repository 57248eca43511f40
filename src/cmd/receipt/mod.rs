//! `coachlog receipt SESSION`: a signed receipt of what this logbook holds of a session, for the
//! partner's logbook; `receipt import` and `receipt list` keep and judge the partner's.

mod import;
mod list;

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::cli::{ReceiptArgs, ReceiptCommand};
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::error::usage;
use coachlog_core::domain::model::Role;
use coachlog_core::domain::receipt::{Party, Pin, Receipt};
use coachlog_core::reports::receipts::format_of;
use coachlog_core::storage::SessionLookupError;
use coachlog_core::storage::signing::{self, SigningKey};

impl Run for ReceiptArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        match self.command {
            Some(ReceiptCommand::Import(args)) => return args.run(ctx),
            Some(ReceiptCommand::List(args)) => return args.run(ctx),
            None => {}
        }
        let Some(id) = self.session.clone() else {
            return Err(usage(
                "which session? coachlog receipt SESSION (`coachlog sessions` shows the ids)",
            ));
        };
        if !ctx.logbook_exists()? {
            return Err(SessionLookupError::NotFound(id).into());
        }
        if !self.out.is_dir() {
            return Err(usage(format!(
                "--out {}: no such folder; give a folder to write the receipt in (e.g. --out .)",
                crate::ui::clean(&self.out.display().to_string(), 200)
            )));
        }
        let key = signing_key(self.key.as_deref())?;
        let path = ctx.store.find_session(&id)?;
        let file: PathBuf = self.out.join(format!(
            "receipt-{}.txt",
            coachlog_core::storage::session_id(&path)
        ));
        let sig = self.out.join(format!(
            "receipt-{}.txt.sig",
            coachlog_core::storage::session_id(&path)
        ));
        for p in [&file, &sig] {
            Output::File(p.clone()).check(self.force)?;
        }
        let session = ctx.store.session_at(&path)?;
        if session.role == Role::Observer {
            return Err(usage(format!(
                "a receipt is signed by the coach or the client, and in session {} you observed: \
                 sign one for a session you coached or were coached in",
                session.id
            )));
        }
        if self.scores.is_some() && session.role != Role::Client {
            return Err(usage(format!(
                "--scores are the client's answers, and in session {} you coached: give them \
                 only on a receipt of a session in which you were coached",
                session.id
            )));
        }
        let settings = ctx.settings()?;
        let Some(me) = settings.name.clone() else {
            return Err(usage(
                "a receipt names you as your partner knows you: set your name first (coachlog \
                 config set name \"Robin Meyer\")",
            ));
        };
        let partner = ctx.store.partner(&session.partner)?;
        let pinned = ctx
            .store
            .records::<Pin>()?
            .into_iter()
            .find(|p| p.partner == partner.id)
            .map(|p| p.fingerprint);
        let mine = Party {
            name: me,
            key: Some(key.fingerprint()),
        };
        let theirs = Party {
            name: partner.name.clone(),
            key: pinned,
        };
        let (coach, client) = if session.role == Role::Coach {
            (mine, theirs)
        } else {
            (theirs, mine)
        };
        let receipt = Receipt {
            issued: ctx.today,
            session: session.id.clone(),
            date: session.date,
            minutes: session.minutes.get(),
            format: format_of(&session),
            payment: session.payment,
            coach,
            client,
            issuer: session.role,
            scores: self.scores,
            experiment: self.experiment.clone(),
            share: self.share,
        };
        let text = receipt.text();
        let signature = key.sign(&text)?;
        for (path, body) in [(&file, &text), (&sig, &signature)] {
            ctx.store
                .write_outside(path, body.as_bytes(), self.force)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        let clean = |p: &std::path::Path| crate::ui::clean(&p.display().to_string(), 200);
        writeln!(
            ctx.out,
            "Signed a receipt of session {} ({}, {} min, {} {}) with {}: {} and {}.\n\
             Send both to {}; `coachlog receipt import {}` keeps it in their logbook.",
            session.id,
            session.date,
            session.minutes.get(),
            if session.role == Role::Coach {
                "you coached"
            } else {
                "you were coached by"
            },
            ctx.look.clean(&partner.name, 60),
            key.fingerprint(),
            clean(&file),
            clean(&sig),
            ctx.look.clean(&partner.name, 60),
            file.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
        )?;
        Ok(())
    }
}

/// The reciprocal hours up to `as_of` that the partners' receipts confirm, where any receipt is
/// kept (`mix` and `summary` say them).
pub(crate) fn confirmed(
    ctx: &Context,
    sessions: &[coachlog_core::domain::model::Session],
    as_of: chrono::NaiveDate,
) -> Result<Option<coachlog_core::reports::receipts::Confirmed>> {
    use coachlog_core::reports::receipts;
    let kept = if ctx.logbook_exists()? {
        ctx.store
            .records::<coachlog_core::domain::receipt::KeptReceipt>()?
    } else {
        Vec::new()
    };
    Ok((!kept.is_empty())
        .then(|| receipts::confirmed(&receipts::judge(&kept, sessions), sessions, as_of)))
}

/// The key to sign with: `--key`, else the one `keys init --signing` made, else
/// `~/.ssh/id_ed25519`.
fn signing_key(given: Option<&std::path::Path>) -> Result<SigningKey> {
    if let Some(path) = given {
        return signing::load(path);
    }
    let own = signing::own_key_path().filter(|p| p.exists());
    let ssh = dirs::home_dir()
        .map(|h| h.join(".ssh/id_ed25519"))
        .filter(|p| p.exists());
    match own.or(ssh) {
        Some(path) => signing::load(&path),
        None => Err(usage(
            "no key to sign with: make one with `coachlog keys init --signing`, or give your SSH \
             key with --key ~/.ssh/id_ed25519",
        )),
    }
}
