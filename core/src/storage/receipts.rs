//! Receipts kept beside the sessions they confirm (`receipts/<date>-<partner>-<id>.toml`) and the
//! partners' signing keys pinned on first use (`pins/<pinned>-<partner>-<id>.toml`): see
//! [`crate::domain::receipt`]. A receipt's file holds its text and signature as received, so that
//! it can be checked again, by coachlog or by `ssh-keygen -Y verify`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::development::Kept;
use super::record::{FORMAT_VERSION, sha256, short_id, single_line, version};
use super::toml_date::TomlDate;
use crate::domain::id::PartnerId;
use crate::domain::receipt::{KeptReceipt, MAX_BYTES, Pin, Receipt};

/// `receipts/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    #[serde(deserialize_with = "short_id")]
    session: String,
    partner: PartnerId,
    date: TomlDate,
    kept: TomlDate,
    #[serde(deserialize_with = "sha256")]
    sha256: String,
    text: String,
    signature: String,
}

/// `pins/…`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinRecord {
    #[serde(deserialize_with = "version")]
    version: u32,
    partner: PartnerId,
    #[serde(deserialize_with = "single_line")]
    key: String,
    #[serde(deserialize_with = "single_line")]
    fingerprint: String,
    pinned: TomlDate,
}

impl Kept for KeptReceipt {
    const FOLDER: &'static str = "receipts";
    const NOUN: &'static str = "receipt";
    const COMMAND: &'static str = "receipt";
    const LIST: &'static str = "`coachlog receipt list`";
    type Record = ReceiptRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        KeptReceipt { id, ..self }
    }

    fn without_notes(self) -> Self {
        self
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.date, self.partner.as_str())
    }

    fn to_record(&self) -> ReceiptRecord {
        ReceiptRecord {
            version: FORMAT_VERSION,
            session: self.session.clone(),
            partner: self.partner.clone(),
            date: TomlDate(self.date),
            kept: TomlDate(self.kept),
            sha256: self.sha256.clone(),
            text: self.text.clone(),
            signature: self.signature.clone(),
        }
    }

    fn from_record(r: ReceiptRecord, id: String) -> Result<Self, String> {
        if r.text.len() + r.signature.len() > 2 * MAX_BYTES {
            return Err("the receipt and its signature are longer than a receipt is".into());
        }
        Receipt::parse(&r.text).map_err(|e| format!("text: {e}"))?;
        if r.signature.chars().any(|c| c.is_control() && c != '\n') {
            return Err("signature: it holds control characters".into());
        }
        Ok(KeptReceipt {
            id,
            session: r.session,
            partner: r.partner,
            date: r.date.0,
            kept: r.kept.0,
            sha256: r.sha256,
            text: r.text,
            signature: r.signature,
        })
    }
}

impl Kept for Pin {
    const FOLDER: &'static str = "pins";
    const NOUN: &'static str = "pinned key";
    const COMMAND: &'static str = "pin";
    const LIST: &'static str = "`coachlog receipt list`";
    type Record = PinRecord;

    fn id(&self) -> &str {
        &self.id
    }

    fn with_id(self, id: String) -> Self {
        Pin { id, ..self }
    }

    fn without_notes(self) -> Self {
        self
    }

    fn name_parts(&self) -> (NaiveDate, &str) {
        (self.pinned, self.partner.as_str())
    }

    fn to_record(&self) -> PinRecord {
        PinRecord {
            version: FORMAT_VERSION,
            partner: self.partner.clone(),
            key: self.key.clone(),
            fingerprint: self.fingerprint.clone(),
            pinned: TomlDate(self.pinned),
        }
    }

    fn from_record(r: PinRecord, id: String) -> Result<Self, String> {
        let key = super::signing::parse_public(&r.key).map_err(|e| format!("key: {e}"))?;
        let fingerprint = super::signing::fingerprint(&key);
        if fingerprint != r.fingerprint {
            return Err(format!(
                "fingerprint: the key's is {fingerprint}, not {}",
                crate::domain::text::for_terminal(&r.fingerprint, 60, "…")
            ));
        }
        Ok(Pin {
            id,
            partner: r.partner,
            key: r.key,
            fingerprint,
            pinned: r.pinned.0,
        })
    }
}
