//! What a careful person would want to look at in a logbook, beyond files that cannot be read: the
//! same session logged twice, a date in the future, coaching before the start of training, a very
//! long day, groups over ICF's limit. A pure function of the sessions, the settings and today;
//! `check` says where each one is.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::settings::Settings;
use crate::domain::id::PartnerId;
use crate::domain::model::{Role, SameSession, Session};

/// More coaching than this in one day is likely a mistyped duration.
pub const LONG_DAY_MINUTES: u64 = 600;

/// Something to look at in one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lint {
    /// The same session as the one at this index (same partner, date, minutes and role).
    Duplicate {
        /// The index of the first of them.
        of: usize,
    },
    /// Dated after today.
    Future,
    /// A coaching session before the start of training, which ICF does not count.
    BeforeTraining {
        /// The start of training.
        start: NaiveDate,
    },
    /// Tagged with a competency of a framework version not in force on its day.
    CompetencyVersion {
        /// The tag.
        tag: crate::domain::competency::Tag,
        /// The version of its body's framework in force on the session's day.
        in_force: &'static crate::domain::competency::Framework,
    },
    /// The first coaching session of a day with more than [`LONG_DAY_MINUTES`] of coaching.
    LongDay {
        /// The day's coaching minutes.
        minutes: u64,
    },
}

/// A group whose sessions had more members present than the ICF log's group limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverLimit {
    /// The group.
    pub partner: PartnerId,
    /// How many of its sessions.
    pub sessions: usize,
    /// The most members present.
    pub most: u32,
    /// The limit.
    pub limit: u32,
}

/// Everything found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lints {
    /// By the index of the session, in order.
    pub sessions: Vec<(usize, Lint)>,
    /// Groups over the limit, by partner.
    pub groups: Vec<OverLimit>,
}

/// A partner whose file says one thing of the arrangement and whose sessions another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradicted {
    /// The partner.
    pub partner: PartnerId,
    /// The sessions in which they coached the coach.
    pub coached_me: usize,
}

/// The partners set up as one-way (`one_way` says which) who coached the coach all the same: the
/// give and take counts what happened, and their file should say so.
pub fn contradicted<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    one_way: impl Fn(&PartnerId) -> bool,
) -> Vec<Contradicted> {
    let mut coached_me: BTreeMap<&PartnerId, usize> = BTreeMap::new();
    for s in sessions {
        if s.role == Role::Client && one_way(&s.partner) {
            *coached_me.entry(&s.partner).or_default() += 1;
        }
    }
    coached_me
        .into_iter()
        .map(|(partner, coached_me)| Contradicted {
            partner: partner.clone(),
            coached_me,
        })
        .collect()
}

/// Lints `sessions` (in the order given: the first of two duplicates is the one kept) as of
/// `today`, with the settings when `config.toml` could be read.
pub fn lint(sessions: &[&Session], settings: Option<&Settings>, today: NaiveDate) -> Lints {
    let mut found = Lints::default();
    let mut seen: FxHashMap<SameSession, usize> = FxHashMap::default();
    let mut days: BTreeMap<NaiveDate, (u64, usize)> = BTreeMap::new();
    let limit = settings
        .and_then(Settings::icf_log_scheme)
        .and_then(|s| s.group_limit);
    let mut groups: BTreeMap<&PartnerId, (usize, u32)> = BTreeMap::new();
    for (index, s) in sessions.iter().enumerate() {
        match seen.entry(s.same()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                found
                    .sessions
                    .push((index, Lint::Duplicate { of: *first.get() }));
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
        if s.date > today {
            found.sessions.push((index, Lint::Future));
        }
        if s.role != Role::Coach {
            continue;
        }
        for tag in &s.competencies {
            if let Some(in_force) =
                crate::domain::competency::in_force(&tag.framework().body, s.date)
                && in_force.id != tag.framework().id
            {
                found.sessions.push((
                    index,
                    Lint::CompetencyVersion {
                        tag: tag.clone(),
                        in_force,
                    },
                ));
            }
        }
        if let Some(start) = settings.and_then(|s| s.training_start)
            && s.date < start
        {
            found.sessions.push((index, Lint::BeforeTraining { start }));
        }
        let day = days.entry(s.date).or_insert((0, index));
        day.0 += u64::from(s.minutes.get());
        if let Some(limit) = limit
            && s.members() > limit
        {
            let (count, most) = groups.entry(&s.partner).or_default();
            *count += 1;
            *most = (*most).max(s.members());
        }
    }
    for (minutes, index) in days.into_values() {
        if minutes > LONG_DAY_MINUTES {
            found.sessions.push((index, Lint::LongDay { minutes }));
        }
    }
    found.sessions.sort_by_key(|(index, _)| *index);
    found.groups = groups
        .into_iter()
        .map(|(partner, (sessions, most))| OverLimit {
            partner: partner.clone(),
            sessions,
            most,
            limit: limit.unwrap_or_default(),
        })
        .collect();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement::{OneWay, Reciprocal};
    use crate::domain::model::Role::{Client, Coach};
    use crate::reports::fixtures::session;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn finds_each_kind_at_its_session() {
        let sessions = [
            session("alex", "2025-12-30", 60, Coach, Reciprocal),
            session("alex", "2026-01-05", 60, Coach, Reciprocal),
            session("alex", "2026-01-05", 60, Coach, Reciprocal),
            session("alex", "2026-01-05", 60, Client, Reciprocal),
            session("jo", "2026-03-03", 400, Coach, OneWay),
            session("big", "2026-03-03", 300, Coach, OneWay),
            session("jo", "2026-12-01", 30, Coach, OneWay),
        ];
        let refs: Vec<&Session> = sessions.iter().collect();
        let settings = Settings {
            training_start: Some(date("2026-01-01")),
            ..Settings::default()
        };
        let found = lint(&refs, Some(&settings), date("2026-11-23"));
        assert_eq!(
            found.sessions,
            [
                (
                    0,
                    Lint::BeforeTraining {
                        start: date("2026-01-01")
                    }
                ),
                (2, Lint::Duplicate { of: 1 }),
                (4, Lint::LongDay { minutes: 700 }),
                (6, Lint::Future),
            ],
            "a session as client is no duplicate of one as coach"
        );
        assert_eq!(
            found.groups,
            [OverLimit {
                partner: "big".parse().expect("id"),
                sessions: 1,
                most: 20,
                limit: 15
            }]
        );
        let without_config = lint(&refs, None, date("2026-11-23"));
        assert!(without_config.groups.is_empty());
        assert!(
            !without_config
                .sessions
                .iter()
                .any(|(_, l)| matches!(l, Lint::BeforeTraining { .. }))
        );
    }

    #[test]
    fn a_competency_of_a_version_not_in_force_on_its_day_is_named() {
        let tag = |t: &str| -> crate::domain::competency::Tag { t.parse().expect("tag") };
        let mut sessions = [
            session("alex", "2025-09-07", 60, Coach, Reciprocal),
            session("alex", "2025-09-08", 60, Coach, Reciprocal),
            session("alex", "2025-09-09", 60, Coach, Reciprocal),
        ];
        // The day before 2025's version: 2025's tag is early. On its day: 2019's is late. EMCC's
        // has one version.
        sessions[0].competencies = vec![tag("icf-2019:presence"), tag("icf-2025:presence")];
        sessions[1].competencies = vec![tag("icf-2019:presence"), tag("emcc:contract")];
        sessions[2].competencies = vec![tag("icf-2025:presence")];
        let refs: Vec<&Session> = sessions.iter().collect();
        let found = lint(&refs, None, date("2026-11-23"));
        let named: Vec<(usize, String, &str)> = found
            .sessions
            .iter()
            .filter_map(|(i, l)| match l {
                Lint::CompetencyVersion { tag, in_force } => {
                    Some((*i, tag.to_string(), in_force.id.as_str()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            named,
            [
                (0, "icf-2025:presence".to_owned(), "icf-2019"),
                (1, "icf-2019:presence".to_owned(), "icf-2025")
            ]
        );
    }
}
