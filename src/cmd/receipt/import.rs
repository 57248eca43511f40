//! `coachlog receipt import FILE|-`: a partner's receipt, its signature checked, its key pinned on
//! first use (`--pin`) and held to after, kept beside the session it confirms — or refused with
//! why, and nothing kept.

use std::io::Write;

use anyhow::Result;

use crate::cli::ReceiptImportArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use coachlog_core::domain::attestation::session_hash;
use coachlog_core::domain::feedback::{ClientFeedback, Origin, Via};
use coachlog_core::domain::id::PartnerId;
use coachlog_core::domain::receipt::{KeptReceipt, MAX_BYTES, Pin, Receipt};
use coachlog_core::error::refused;
use coachlog_core::import::receipt::{Match, find};
use coachlog_core::storage::signing;

impl Run for ReceiptImportArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let what = if self.file.as_os_str() == "-" {
            "standard input".to_owned()
        } else {
            crate::ui::clean(&self.file.display().to_string(), 200)
        };
        let (text, signature) = self.read(&what)?;
        let key = signing::verify(&text, &signature)
            .map_err(|why| refused(format!("{what}: {why}; nothing kept")))?;
        let receipt = Receipt::parse(&text).map_err(|why| {
            refused(format!(
                "{what}: not a receipt coachlog reads ({}); nothing kept",
                ctx.look.clean(&why, 300)
            ))
        })?;
        let fingerprint = signing::fingerprint(&key);
        if receipt.signer().key.as_deref() != Some(fingerprint.as_str()) {
            return Err(refused(format!(
                "{what}: it is signed by {fingerprint}, not by the key it names for {}; \
                 nothing kept",
                ctx.look.clean(&receipt.signer().name, 60)
            )));
        }
        if !ctx.logbook_exists()? {
            return Err(refused("this logbook has no sessions yet"));
        }
        let _lock = ctx.store.lock()?;
        let pins = ctx.store.kept::<Pin>()?;
        let signer = ctx.look.clean(&receipt.signer().name, 60);
        let named = |query: &Option<String>| -> Result<Option<PartnerId>> {
            query.as_deref().map(|q| ctx.find_partner(q)).transpose()
        };
        let asked = named(&self.pin)?.or(named(&self.repin)?);
        let pinned = pins.iter().find(|p| p.record.fingerprint == fingerprint);
        let held = |partner: &PartnerId| pins.iter().find(|p| &p.record.partner == partner);
        let (partner, pin_now) = match (pinned, asked) {
            (Some(p), None) => (p.record.partner.clone(), false),
            (Some(p), Some(q)) if p.record.partner == q => (q, false),
            (Some(p), Some(q)) => {
                return Err(refused(format!(
                    "{what}: its key {fingerprint} is pinned for {}, not {q}; nothing kept",
                    p.record.partner
                )));
            }
            (None, None) => {
                return Err(refused(format!(
                    "{what}: it is signed by {signer}'s key {fingerprint}, which is pinned for \
                     no partner. Compare that fingerprint with {signer} (on their device, \
                     `coachlog keys show` shows it), then keep the receipt and pin the key with: \
                     coachlog receipt import {} --pin PARTNER",
                    self.file.display()
                )));
            }
            (None, Some(q)) => match held(&q) {
                Some(old) if self.repin.is_none() => {
                    return Err(refused(format!(
                        "{what}: {q}'s key is pinned as {} (since {}), and this receipt is \
                         signed by {fingerprint}. If {q}'s key changed, compare the new \
                         fingerprint with them, then: coachlog receipt import {} --repin {q}",
                        old.record.fingerprint,
                        old.record.pinned,
                        self.file.display()
                    )));
                }
                _ => (q, true),
            },
        };
        // With their partners: a session of the earlier format takes its facts from them.
        let (_, sessions) = ctx.store.partners_and_sessions()?;
        let (session, differs) = match find(&receipt, &partner, &sessions) {
            Match::Confirms(s) => (s, Vec::new()),
            Match::Disagrees(s, differs) => (s, differs),
            Match::Nothing(near) => {
                let near: Vec<String> = near
                    .iter()
                    .map(|s| {
                        format!(
                            "{} {} ({} min, {})",
                            s.id,
                            s.date,
                            s.minutes.get(),
                            s.role.as_str()
                        )
                    })
                    .collect();
                return Err(refused(format!(
                    "{what}: it confirms a session of {} ({} min, {signer} as {}) that this \
                     logbook does not hold with {partner}{}; nothing kept",
                    receipt.date,
                    receipt.minutes,
                    receipt.issuer.as_str(),
                    if near.is_empty() {
                        String::new()
                    } else {
                        format!(". Nearest: {}", near.join("; "))
                    }
                )));
            }
        };
        let kept = ctx.store.records::<KeptReceipt>()?;
        if kept.iter().any(|k| k.text == text) {
            return Err(refused(format!(
                "{what}: it is kept already, beside session {}; nothing changed",
                session.id
            )));
        }
        let record = KeptReceipt {
            id: String::new(),
            session: session.id.clone(),
            partner: partner.clone(),
            date: session.date,
            kept: ctx.today,
            sha256: session_hash(session),
            text: text.clone(),
            signature: signature.clone(),
        };
        let verb = if self.dry_run { "Would keep" } else { "Kept" };
        if differs.is_empty() {
            writeln!(
                ctx.out,
                "{verb} {signer}'s receipt: it confirms session {} ({}, {} min).",
                session.id,
                session.date,
                session.minutes.get()
            )?;
        } else {
            writeln!(
                ctx.out,
                "{verb} {signer}'s receipt of session {} ({}), which disagrees: {}.",
                session.id,
                session.date,
                differs.join("; ")
            )?;
        }
        if pin_now {
            writeln!(
                ctx.out,
                "{} {fingerprint} as {partner}'s key.",
                if self.dry_run { "Would pin" } else { "Pinned" }
            )?;
        }
        if self.dry_run {
            return Ok(());
        }
        if pin_now {
            if let Some(old) = held(&partner) {
                ctx.store.remove_kept(&old.path)?;
            }
            ctx.store.add_kept(Pin {
                id: String::new(),
                partner: partner.clone(),
                key: signing::public_line(&key),
                fingerprint: fingerprint.clone(),
                pinned: ctx.today,
            })?;
        }
        let kept = ctx.store.add_kept(record)?;
        // The client's answers in their own signed receipt are the client's word about the
        // session, kept as such where the session holds none yet.
        if let (Some(scores), None) = (receipt.scores, &session.feedback) {
            let path = ctx.store.find_session(&session.id)?;
            let mut answered = ctx.store.session_at(&path)?;
            answered.feedback = Some(Box::new(ClientFeedback {
                origin: Origin::Receipt(kept.record.id.clone()),
                answered: receipt.issued,
                scores,
                experiment: receipt.experiment.clone(),
                share: receipt.share,
                via: Via::Signed,
            }));
            ctx.store.update_session(&path, &answered)?;
            writeln!(
                ctx.out,
                "Kept {signer}'s answers as the client's: {scores}, total {:.1}{}.",
                scores.total(),
                if receipt.share {
                    ", may be shown"
                } else {
                    ", not to be shown"
                }
            )?;
        }
        ctx.store.describe_change(format!(
            "receipt import: session {} confirmed by {partner}",
            session.id
        ));
        Ok(())
    }
}

impl ReceiptImportArgs {
    /// The receipt's text and signature: one input holding both, or FILE and FILE.sig.
    fn read(&self, what: &str) -> Result<(String, String)> {
        let bytes = crate::cmd::input::read(&self.file)?;
        if bytes.len() > 2 * MAX_BYTES {
            return Err(usage(format!(
                "{what}: {} bytes is more than a receipt holds; give the receipt coachlog \
                 wrote (receipt-ID.txt)",
                bytes.len()
            )));
        }
        let whole = String::from_utf8(bytes)
            .map_err(|_| usage(format!("{what}: not UTF-8 text, as a receipt is")))?;
        if let Some((text, signature)) = signing::split(&whole) {
            return Ok((text.to_owned(), signature.to_owned()));
        }
        if self.file.as_os_str() == "-" {
            return Err(usage(
                "standard input holds no signature (-----BEGIN SSH SIGNATURE-----): give the \
                 receipt's text and its .sig one after the other",
            ));
        }
        let mut sig_path = self.file.clone().into_os_string();
        sig_path.push(".sig");
        let sig_path = std::path::PathBuf::from(sig_path);
        let signature = crate::cmd::input::read(&sig_path).map_err(|_| {
            usage(format!(
                "{what}: its signature {}.sig cannot be read: the receipt comes with its .sig",
                what
            ))
        })?;
        Ok((whole, String::from_utf8_lossy(&signature).into_owned()))
    }
}
