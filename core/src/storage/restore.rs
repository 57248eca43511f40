//! Records from a JSON backup (`export json`), read by the same strict readers as their files: each
//! JSON object becomes the TOML text of its file (nulls dropped, the id taken out, the format
//! version added) and is parsed as a file would be, so a backup can never bring in what a file
//! could not hold.

use serde_json::Value;

use super::development::{Kept, parse};
use super::record::{FORMAT_VERSION, PartnerRecord, SessionRecord};
use crate::domain::id::PartnerId;
use crate::domain::model::{NewSession, Partner, Session};

/// A JSON value as TOML, nulls left out (TOML has none).
fn to_toml(value: &Value) -> Option<toml::Value> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(items) => toml::Value::Array(items.iter().filter_map(to_toml).collect()),
        Value::Object(map) => toml::Value::Table(
            map.iter()
                .filter_map(|(k, v)| Some((k.clone(), to_toml(v)?)))
                .collect(),
        ),
    })
}

/// The object's `id`, and the TOML text of its file: without the keys `drop`, with `version`.
fn file_text(value: &Value, drop: &[&str]) -> Result<(String, String), String> {
    let Value::Object(map) = value else {
        return Err("not a JSON object".to_owned());
    };
    let id = map
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut table = toml::Table::new();
    table.insert(
        "version".to_owned(),
        toml::Value::Integer(i64::from(FORMAT_VERSION)),
    );
    for (key, value) in map {
        if key == "id" || drop.contains(&key.as_str()) {
            continue;
        }
        if let Some(value) = to_toml(value) {
            table.insert(key.clone(), value);
        }
    }
    let text = toml::to_string(&table).map_err(|e| e.to_string())?;
    Ok((id, text))
}

/// Refuses an id coachlog would not have written (it names the record's file, and a record restored
/// under another id than its backup's would not be the same record).
fn valid_id(what: &str, id: &str) -> Result<(), String> {
    if super::name::is_short_id(id) {
        return Ok(());
    }
    Err(format!(
        "a {what} with the id {:?}: an id is 1 to 16 lowercase letters and digits, as coachlog \
         writes them; correct it in the backup",
        crate::domain::text::shorten(id)
    ))
}

/// A partner of a backup.
pub(crate) fn partner(value: &Value) -> Result<Partner, String> {
    let (id, text) = file_text(value, &[])?;
    let id: PartnerId = id
        .parse()
        .map_err(|e| format!("a partner without a valid id: {e}"))?;
    let record: PartnerRecord =
        toml::from_str(&text).map_err(|e| format!("partner {id}: {}", e.message()))?;
    Ok(record.into_partner(id))
}

/// A session of a backup, with the id it had. Its client type and group size are those the backup
/// shows (what the reports counted when it was made), and are recorded.
pub(crate) fn session(value: &Value) -> Result<(String, NewSession), String> {
    let (id, text) = file_text(value, &["facts_from"])?;
    valid_id("session", &id)?;
    let record =
        SessionRecord::parse(&text).map_err(|e| format!("session {id}: {}", e.message()))?;
    if let Some(problem) = record.problem() {
        return Err(format!("session {id}: {problem}"));
    }
    let s: Session = record.into_session(id.clone(), None);
    if let Some(notes) = &s.notes {
        crate::domain::text::notes(notes).map_err(|e| format!("session {id}: {e}"))?;
    }
    Ok((
        id,
        NewSession {
            date: s.date,
            partner: s.partner,
            minutes: s.minutes,
            role: s.role,
            payment: s.payment,
            arrangement: s.arrangement,
            facts: s.facts,
            not_counted: s.not_counted,
            notes: s.notes,
            reflection: s.reflection,
            competencies: s.competencies,
            feedback: s.feedback,
            calendar: s.calendar,
            inbox: s.inbox,
        },
    ))
}

/// A record of kind `K` of a backup, with the id it had.
pub(crate) fn kept<K: Kept>(value: &Value) -> Result<K, String> {
    let (id, text) = file_text(value, &[])?;
    valid_id(K::NOUN, &id)?;
    parse::<K>(&text, id.clone()).map_err(|p| format!("{} {id}: {}", K::NOUN, p.message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::development::Mentoring;

    #[test]
    fn a_backup_object_reads_as_its_file_would() {
        let value = serde_json::json!({
            "id": "ab12cd", "date": "2026-10-02", "minutes": 90, "mentor": "Dana Reyes",
            "credential": "MCC", "contact": null, "format": "group", "group_size": 6
        });
        let m: Mentoring = kept(&value).expect("valid");
        assert_eq!(
            (m.id.as_str(), m.minutes.get(), m.contact),
            ("ab12cd", 90, None)
        );
        let bad = serde_json::json!({"id": "x", "date": "2026-10-02", "minutes": 90,
            "mentor": "D", "credential": "MCC", "format": "group"});
        let why = kept::<Mentoring>(&bad).expect_err("no group size");
        assert!(why.contains("number in the group"), "{why}");
        let typo = serde_json::json!({"id": "x", "date": "2026-10-02", "minutes": 90,
            "mentor": "D", "credential": "MCC", "format": "individual", "mentr": "E"});
        assert!(
            kept::<Mentoring>(&typo)
                .expect_err("unknown key")
                .contains("mentr")
        );
    }

    #[test]
    fn a_session_keeps_its_facts_and_a_partner_its_id() {
        let s = serde_json::json!({
            "id": "k3f9qa", "date": "2026-03-14", "partner": "team", "minutes": 90, "role": "coach",
            "payment": "paid", "arrangement": "one-way", "client_type": "non-coach", "group_size": 5,
            "facts_from": "session", "not_counted": null, "notes": "x",
            "reflection": {"scores": [9.0, 10.0, 8.5, 9.0], "rated_by": "client"}
        });
        let (id, new) = session(&s).expect("valid");
        assert_eq!(id, "k3f9qa");
        assert_eq!(new.facts.group_size.map(|g| g.get()), Some(5));
        assert!(new.reflection.is_some());
        let p = serde_json::json!({"id": "team", "name": "Team", "client_type": "non-coach",
            "arrangement": "one-way", "group_size": 6, "consent": true, "alias": null});
        assert_eq!(partner(&p).expect("valid").id.as_str(), "team");
        assert!(
            partner(&serde_json::json!({"id": "../x", "name": "X", "client_type": "peer"}))
                .is_err()
        );
    }
}
