//! The `emcc` CSV: one row per client under an anonymised reference, never a name.

use std::collections::BTreeMap;

use anyhow::Result;

use super::{Exported, Options, Source, finish};
use crate::domain::duration::hours_2dp;
use crate::domain::id::PartnerId;
use crate::domain::model::{Role, Session};
use crate::reports::aliases;

/// The header, in order.
pub const HEADER: [&str; 8] = [
    "client_ref",
    "client_type",
    "format",
    "group_size",
    "first_session",
    "last_session",
    "sessions",
    "hours",
];

/// One client's sessions in the range.
struct Client<'a> {
    first: &'a Session,
    last: &'a Session,
    group: Option<u32>,
    sessions: u32,
    minutes: u64,
}

/// One row per client coached in the date range, by client reference: the client type of the latest
/// session, and for a group the most members present at one of its sessions.
pub fn export(source: &Source, options: &Options) -> Result<Exported> {
    let refs = aliases::aliases(source.sessions, source.partners.iter().map(|p| &p.id));
    let mut clients: BTreeMap<&PartnerId, Client> = BTreeMap::new();
    for s in source
        .sessions
        .iter()
        .filter(|s| s.role == Role::Coach && options.in_range(s.date))
    {
        let minutes = u64::from(s.minutes.get());
        let members = s.facts.group_size.map(|g| g.get());
        clients
            .entry(&s.partner)
            .and_modify(|c| {
                if (s.date, &s.id) < (c.first.date, &c.first.id) {
                    c.first = s;
                }
                if (s.date, &s.id) > (c.last.date, &c.last.id) {
                    c.last = s;
                }
                c.group = c.group.max(members);
                c.sessions += 1;
                c.minutes += minutes;
            })
            .or_insert(Client {
                first: s,
                last: s,
                group: members,
                sessions: 1,
                minutes,
            });
    }
    let mut rows: Vec<(String, [String; 8])> = clients
        .into_iter()
        .map(|(id, c)| {
            let reference = refs.get(id).cloned().unwrap_or_else(|| id.to_string());
            let row = [
                reference.clone(),
                c.last.facts.client_type.to_string(),
                if c.group.is_some() {
                    "group"
                } else {
                    "individual"
                }
                .to_owned(),
                c.group.map_or_else(String::new, |g| g.to_string()),
                c.first.date.to_string(),
                c.last.date.to_string(),
                c.sessions.to_string(),
                hours_2dp(c.minutes),
            ];
            (reference, row)
        })
        .collect();
    // `Client 02` before `Client 10`: by the number, not the text.
    rows.sort_by_key(|(reference, _)| (reference.len(), reference.clone()));
    let mut writer = options.csv_writer();
    writer.write_record(HEADER)?;
    for (_, row) in &rows {
        writer.write_record(row)?;
    }
    Ok(Exported {
        bytes: finish(writer)?,
        warnings: Vec::new(),
    })
}
