//! `import backup.json`: a logbook restored from its JSON backup (`export json`), into an empty
//! logbook or one that already holds part of it. What is there already is kept as it is: a
//! partner with the same id, the same session (as `check` and the CSV import judge it), a record of
//! the same kind with the same id or the same contents. Each record is read by the reader of its
//! file, so a backup brings in nothing a file could not hold.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::FileError;
use crate::domain::development::Development;
use crate::domain::feedback::Request;
use crate::domain::id::PartnerId;
use crate::domain::model::{NewSession, Partner, SameSession, Session};
use crate::domain::receipt::{KeptReceipt, Pin};
use crate::storage::development::Kept;
use crate::storage::restore;

/// What restoring a backup will do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Restore {
    /// Partners to create.
    pub partners: Vec<Partner>,
    /// Partners the logbook has already (kept as they are).
    pub partners_there: usize,
    /// Sessions to write, each with the id it had.
    pub sessions: Vec<(String, NewSession)>,
    /// Sessions the logbook has already.
    pub duplicates: usize,
    /// The other records to write.
    pub records: Development,
    /// The requests for feedback to write.
    pub requests: Vec<Request>,
    /// The partners' receipts to keep, and their keys to pin.
    pub receipts: Vec<KeptReceipt>,
    /// The partners' keys to pin.
    pub pins: Vec<Pin>,
    /// Other records the logbook has already.
    pub records_there: usize,
    /// What cannot be restored, and why.
    pub errors: Vec<String>,
    /// The partners' keys the backup carries (its notes are encrypted), and the public half of the
    /// coach's key they are sealed to.
    pub keys: Vec<crate::storage::keys::PartnerKey>,
    /// The public half of the coach's key the backup's notes are encrypted to.
    pub notes_key: Option<String>,
    /// Whether the backup's logbook encrypted new notes.
    pub encrypt_notes: bool,
}

/// What the logbook holds already besides partners, sessions and the records of a credential.
#[derive(Debug, Clone, Default)]
pub struct There {
    /// The feedback requests made.
    pub requests: Vec<Request>,
    /// The receipts kept.
    pub receipts: Vec<KeptReceipt>,
    /// The keys pinned.
    pub pins: Vec<Pin>,
}

/// Whether `input` is a coachlog backup (a JSON document that says so).
pub fn is_backup(input: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&input[..input.len().min(4096)]);
    text.trim_start().starts_with('{') && text.contains("\"coachlog-backup\"")
}

/// The records of one kind in the backup's array `key`, minus those the logbook has (the same id
/// or the same contents), read by their file's reader.
fn kept<K: Kept + PartialEq>(doc: &Value, key: &str, there: &[K], restore: &mut Restore) -> Vec<K> {
    let blank = |k: &K| k.clone().with_id(String::new());
    let mut ids: HashSet<String> = there.iter().map(|k| k.id().to_owned()).collect();
    let mut contents: Vec<K> = there.iter().map(blank).collect();
    let mut found = Vec::new();
    for value in doc[key].as_array().into_iter().flatten() {
        match restore::kept::<K>(value) {
            Ok(record) => {
                let same = blank(&record);
                if ids.contains(record.id()) || contents.contains(&same) {
                    restore.records_there += 1;
                } else {
                    ids.insert(record.id().to_owned());
                    contents.push(same);
                    found.push(record);
                }
            }
            Err(why) => restore.errors.push(why),
        }
    }
    found
}

/// Reads a backup and plans restoring it into a logbook holding `partners`, `sessions` and
/// `records`.
pub fn plan(
    input: &[u8],
    partners: &[Partner],
    sessions: &[Session],
    records: &Development,
    there: &There,
) -> Result<Restore, FileError> {
    let doc: Value = serde_json::from_slice(input).map_err(|e| {
        FileError(format!(
            "not a readable coachlog backup: {e} (line {}); `coachlog export json` writes one",
            e.line()
        ))
    })?;
    if doc["format"] != "coachlog-backup" {
        return Err(FileError(
            "not a coachlog backup (its \"format\" is not \"coachlog-backup\"); `coachlog export json` writes one"
                .to_owned(),
        ));
    }
    let version = doc["version"].as_u64().unwrap_or(0);
    if version != u64::from(crate::storage::record::FORMAT_VERSION) {
        return Err(FileError(format!(
            "a backup of format version {version}: this coachlog reads version {}",
            crate::storage::record::FORMAT_VERSION
        )));
    }
    let mut restore = Restore::default();
    let mut known: HashSet<PartnerId> = partners.iter().map(|p| p.id.clone()).collect();
    for value in doc["partners"].as_array().into_iter().flatten() {
        match restore::partner(value) {
            Ok(p) if known.contains(&p.id) => restore.partners_there += 1,
            Ok(p) => {
                known.insert(p.id.clone());
                restore.partners.push(p);
            }
            Err(why) => restore.errors.push(why),
        }
    }
    for value in doc["keys"].as_array().into_iter().flatten() {
        let text = |k: &str| value[k].as_str().map(str::to_owned);
        match (
            text("partner").and_then(|p| p.parse::<PartnerId>().ok()),
            text("recipient"),
            text("identity"),
        ) {
            (Some(partner), Some(recipient), Some(identity)) => {
                restore.keys.push(crate::storage::keys::PartnerKey {
                    partner,
                    recipient,
                    identity,
                });
            }
            _ => restore
                .errors
                .push(format!("a partner's key that cannot be read: {value}")),
        }
    }
    restore.notes_key = doc["config"]["notes_key"].as_str().map(str::to_owned);
    restore.encrypt_notes = doc["config"]["encrypt_notes"].as_bool().unwrap_or(false);
    // The same session once in the logbook is skipped once, as the CSV import does.
    let mut planned: Vec<(String, NewSession)> = Vec::new();
    let mut in_backup: HashMap<String, NewSession> = HashMap::new();
    for value in doc["sessions"].as_array().into_iter().flatten() {
        match restore::session(value) {
            Ok((id, new)) if !known.contains(&new.partner) => restore.errors.push(format!(
                "session {id} names the partner '{}', who is in neither the backup nor the logbook",
                new.partner
            )),
            // The same entry twice in the backup is restored once.
            Ok((id, new)) if in_backup.get(&id) == Some(&new) => restore.duplicates += 1,
            Ok((id, _)) if in_backup.contains_key(&id) => restore.errors.push(format!(
                "session {id} is in the backup twice, with different contents: keep one of them"
            )),
            Ok((id, new)) => {
                in_backup.insert(id.clone(), new.clone());
                planned.push((id, new));
            }
            Err(why) => restore.errors.push(why),
        }
    }
    let mut existing: HashMap<SameSession, usize> = HashMap::new();
    for s in sessions {
        *existing.entry(s.same()).or_default() += 1;
    }
    for (id, new) in &planned {
        if let Some(count) = existing.get_mut(&new.same()).filter(|c| **c > 0) {
            *count -= 1;
            restore.duplicates += 1;
        } else {
            restore.sessions.push((id.clone(), new.clone()));
        }
    }
    restore.records = Development {
        mentoring: kept(&doc, "mentoring", &records.mentoring, &mut restore),
        supervision: kept(&doc, "supervision", &records.supervision, &mut restore),
        education: kept(&doc, "education", &records.education, &mut restore),
        cpd: kept(&doc, "cpd", &records.cpd, &mut restore),
        credentials: kept(&doc, "credentials", &records.credentials, &mut restore),
    };
    restore.requests = kept(&doc, "requests", &there.requests, &mut restore);
    restore.receipts = kept(&doc, "receipts", &there.receipts, &mut restore);
    restore.pins = kept(&doc, "pins", &there.pins, &mut restore);
    Ok(restore)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BACKUP: &str = r#"{
      "format": "coachlog-backup", "version": 1,
      "partners": [{"id": "alex-kim", "name": "Alex Kim", "client_type": "peer",
                    "arrangement": "reciprocal", "group_size": null, "consent": true}],
      "sessions": [
        {"id": "aaa111", "date": "2026-01-05", "partner": "alex-kim", "minutes": 60, "role": "coach",
         "payment": "exchange", "arrangement": "reciprocal", "client_type": "peer", "group_size": null,
         "facts_from": "session"},
        {"id": "bbb222", "date": "2026-01-06", "partner": "nobody", "minutes": 60, "role": "coach",
         "payment": "exchange", "arrangement": "reciprocal", "client_type": "peer", "facts_from": "session"}
      ],
      "mentoring": [{"id": "ccc333", "date": "2026-02-01", "minutes": 60, "mentor": "Dana",
                     "credential": "MCC", "format": "individual"}],
      "supervision": [], "education": [], "cpd": [], "credentials": [],
      "config": {}
    }"#;

    #[test]
    fn plans_what_is_missing_and_names_what_cannot_be_restored() {
        assert!(is_backup(BACKUP.as_bytes()));
        assert!(!is_backup(b"date,partner\n"));
        let r = plan(
            BACKUP.as_bytes(),
            &[],
            &[],
            &Development::default(),
            &There::default(),
        )
        .expect("plan");
        assert_eq!(r.partners.len(), 1);
        assert_eq!(r.sessions.len(), 1);
        assert_eq!(r.sessions[0].0, "aaa111");
        assert_eq!(r.records.mentoring.len(), 1);
        assert_eq!(r.errors.len(), 1);
        assert!(r.errors[0].contains("'nobody'"), "{:?}", r.errors);
        // Restored once, a second restore finds everything there.
        let partners = r.partners.clone();
        let sessions: Vec<Session> = r
            .sessions
            .iter()
            .map(|(id, s)| s.clone().with_id(id.clone()))
            .collect();
        let again = plan(
            BACKUP.as_bytes(),
            &partners,
            &sessions,
            &r.records,
            &There::default(),
        )
        .expect("plan");
        assert_eq!(
            (
                again.partners.len(),
                again.partners_there,
                again.sessions.len(),
                again.duplicates,
                again.records_there
            ),
            (0, 1, 0, 1, 1)
        );
    }

    #[test]
    fn refuses_what_is_not_a_backup() {
        let e = plan(
            b"{\"format\": \"other\"}",
            &[],
            &[],
            &Development::default(),
            &There::default(),
        )
        .expect_err("other");
        assert!(e.0.contains("not a coachlog backup"), "{}", e.0);
        let e = plan(
            b"{\"format\": \"coachlog-backup\", ",
            &[],
            &[],
            &Development::default(),
            &There::default(),
        )
        .expect_err("cut");
        assert!(e.0.contains("not a readable coachlog backup"), "{}", e.0);
    }
}
