//! The arguments of the commands that keep proof: `attach`, `evidence` and `attest`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::words;
use coachlog_core::domain::evidence::EvidenceKind;
use coachlog_core::domain::period::PeriodArg;
use coachlog_core::domain::reflection::Scores;
use coachlog_core::domain::text;

/// `coachlog attach`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog attach c00t75 certificate.pdf\n  \
                        coachlog attach alex consent-form.pdf\n  \
                        coachlog attach mentoring:jje0je letter.pdf --kind letter")]
pub struct AttachArgs {
    /// The record: a session's id, another record's id (education, CPD, mentoring, supervision,
    /// credential), or a partner; KIND:ID says which when an id is both (mentoring:jje0je)
    pub record: String,

    /// The file to keep (copied into the logbook's evidence folder, owner-only)
    pub file: PathBuf,

    /// What the file is [default: a certificate for education, CPD and a credential; a consent for
    /// a partner; a letter for mentoring and supervision; a recording consent for a session]
    #[arg(long, value_parser = words::<EvidenceKind>())]
    pub kind: Option<EvidenceKind>,
}

/// `coachlog evidence`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog evidence\n  coachlog evidence --missing")]
pub struct EvidenceArgs {
    /// List what has no evidence yet: each education and CPD record (its certificate), each mentor
    /// (a letter), and with evidence.consent_forms each consenting partner (the consent)
    #[arg(long)]
    pub missing: bool,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `coachlog attest`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  coachlog attest --period 2026-Q3 --by \"Dana Reyes\"\n  \
                  coachlog attest --from 2026-01-01 --to 2026-06-30\n  coachlog attest verify\n  \
                  coachlog attest sign a1b2c3 signed-statement.pdf"
)]
pub struct AttestArgs {
    /// What to do with the attestations made (without it, attest a period)
    #[command(subcommand)]
    pub command: Option<AttestCommand>,

    /// The first day of the period: YYYY-MM-DD, or a month, quarter or year (its first day)
    #[arg(long, value_name = "DATE")]
    pub from: Option<PeriodArg>,

    /// The last day of the period: YYYY-MM-DD, or a month, quarter or year (its last day)
    #[arg(long, value_name = "DATE")]
    pub to: Option<PeriodArg>,

    /// The period as a whole: a month (2026-09), a quarter (2026-Q3) or a year (2026)
    #[arg(long, value_name = "PERIOD", conflicts_with_all = ["from", "to"])]
    pub period: Option<PeriodArg>,

    /// Who signs it (a mentor, a supervisor), as the statement names them
    #[arg(long, value_name = "NAME", value_parser = text::single_line)]
    pub by: Option<String>,

    /// Write the statement to sign to FILE [default: attestation-FROM-TO.html]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the statement's file if it exists (a regular file only)
    #[arg(long)]
    pub force: bool,
}

/// `coachlog attest …`.
#[derive(Debug, Subcommand)]
pub enum AttestCommand {
    /// List the attested periods, and whether each still holds what was signed
    List(AttestListArgs),
    /// Say whether each attested period (or one) still holds exactly what was signed
    Verify(AttestVerifyArgs),
    /// Attach the signed statement (a scan, or an OpenSSH signature file) to an attestation
    Sign(AttestSignArgs),
    /// Take an attestation back, with a reason kept on it: it no longer vouches for its period,
    /// which may then be attested again
    Withdraw(AttestWithdrawArgs),
}

/// `coachlog attest withdraw`.
#[derive(Debug, Args)]
pub struct AttestWithdrawArgs {
    /// The attestation's id, as `attest` and `attest list` print it
    pub id: String,

    /// Why it is withdrawn (kept on the attestation, and shown in a packet)
    #[arg(long, value_name = "TEXT", value_parser = text::single_line)]
    pub reason: String,
}

/// `coachlog attest list`.
#[derive(Debug, Args)]
pub struct AttestListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `coachlog attest verify`.
#[derive(Debug, Args)]
pub struct AttestVerifyArgs {
    /// The attestation's id [default: every attestation]
    pub id: Option<String>,
}

/// `coachlog attest sign`.
#[derive(Debug, Args)]
pub struct AttestSignArgs {
    /// The attestation's id, as `attest` and `attest list` print it
    pub id: String,

    /// The signed statement: a scan, a PDF, or an OpenSSH signature (`ssh-keygen -Y sign`)
    pub file: PathBuf,
}

/// Changing what an attested period rests on (a session in it or before it, the rules, a client's
/// consent): allowed with a reason, which the attestation records.
#[derive(Debug, Clone, Default, Args)]
pub struct ReopenArgs {
    /// Change what an attested period rests on: a session in it or before it, the rules it was
    /// judged by, a client's consent (recorded on the attestation, with --reason)
    #[arg(long, requires = "reason")]
    pub reopen: bool,

    /// Why the attested period is changed
    #[arg(long, value_name = "TEXT", requires = "reopen", value_parser = text::single_line)]
    pub reason: Option<String>,
}

impl ReopenArgs {
    /// The reason given, when the change is to reopen an attested period.
    pub fn reason(&self) -> Option<String> {
        self.reason.clone().filter(|_| self.reopen)
    }
}

/// `coachlog receipt`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "A receipt is signed with an Ed25519 SSH key in the OpenSSH signature format: \
                  `ssh-keygen -Y verify` checks it with the signer's public key, without \
                  coachlog.\n\n\
                  Examples:\n  coachlog receipt k3f9qa\n  \
                  coachlog receipt k3f9qa --key ~/.ssh/id_ed25519\n  \
                  coachlog receipt import receipt-k3f9qa.txt --pin alex\n  \
                  coachlog receipt list"
)]
pub struct ReceiptArgs {
    /// Read a partner's receipt, or list those kept
    #[command(subcommand)]
    pub command: Option<ReceiptCommand>,

    /// The session to sign a receipt for (its id)
    pub session: Option<String>,

    /// The Ed25519 private key to sign with [default: the one `keys init --signing` made, else
    /// ~/.ssh/id_ed25519]
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,

    /// Your answers as the client, for a session in which you were coached: four scores from 0 to
    /// 10 (relationship, goals, approach, overall)
    #[arg(long, value_name = "SCORES")]
    pub scores: Option<Scores>,

    /// With --scores: what you invite your coach to experiment with next time
    #[arg(long, value_name = "TEXT", requires = "scores", value_parser = text::single_line)]
    pub experiment: Option<String>,

    /// With --scores: your coach may show your answers, without your name, to a mentor or an
    /// accreditor
    #[arg(long, requires = "scores")]
    pub share: bool,

    /// The folder to write the receipt (FILE.txt) and its signature (FILE.txt.sig) in
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub out: PathBuf,

    /// Replace the receipt and its signature if they exist (regular files only)
    #[arg(long)]
    pub force: bool,
}

/// `coachlog receipt …`.
#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Check a partner's receipt and keep it beside the session it confirms
    #[command(
        after_help = "The receipt's signature is checked, and so is the key that made it: \
                            the first receipt of a partner is kept only with --pin PARTNER, once \
                            you have compared the key's fingerprint with them; a receipt signed \
                            by another key later is refused (--repin PARTNER, if their key \
                            changed).\n\n\
                            Examples:\n  coachlog receipt import receipt-k3f9qa.txt --pin alex\n  \
                            coachlog receipt import receipt-k3f9qa.txt"
    )]
    Import(ReceiptImportArgs),
    /// List the receipts kept, and whether each still confirms its session
    #[command(after_help = "Examples:\n  coachlog receipt list\n  coachlog receipt list --json")]
    List(ReceiptListArgs),
}

/// `coachlog receipt import`.
#[derive(Debug, Args)]
pub struct ReceiptImportArgs {
    /// The receipt (FILE, with its signature in FILE.sig or after its text); `-` reads both from
    /// standard input
    pub file: PathBuf,

    /// Pin the signer's key as this partner's, the first time (an id, a unique start of one, or
    /// the name)
    #[arg(long, value_name = "PARTNER", conflicts_with = "repin")]
    pub pin: Option<String>,

    /// Replace the key pinned for this partner by the one that signed the receipt
    #[arg(long, value_name = "PARTNER")]
    pub repin: Option<String>,

    /// Say what would be kept, and keep nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `coachlog receipt list`.
#[derive(Debug, Args)]
pub struct ReceiptListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}
