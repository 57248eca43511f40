//! Feedback over time: the rated sessions per partner, which of them are flagged, and the
//! "experiment next time" notes in date order — what a student coach reads before the next session.

use std::collections::BTreeMap;

use crate::domain::id::PartnerId;
use crate::domain::model::{Role, Session};
use crate::domain::reflection::{Scores, Thresholds};

/// One rated session.
#[derive(Debug, Clone, PartialEq)]
pub struct Rated {
    /// The session.
    pub session: Session,
    /// Its scores.
    pub scores: Scores,
    /// Whether it is below a threshold.
    pub flagged: bool,
}

/// The feedback with one partner, in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerFeedback {
    /// The partner.
    pub partner: PartnerId,
    /// Sessions with scores.
    pub rated: Vec<Rated>,
    /// Experiments noted, with the session's date.
    pub experiments: Vec<(chrono::NaiveDate, String)>,
}

/// The `feedback` report.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackReport {
    /// Per partner with any reflection, by partner id.
    pub partners: Vec<PartnerFeedback>,
}

impl FeedbackReport {
    /// Every rated session, in date order.
    pub fn rated(&self) -> Vec<&Rated> {
        let mut all: Vec<&Rated> = self.partners.iter().flat_map(|p| &p.rated).collect();
        all.sort_by(|a, b| {
            (a.session.date, &a.session.partner, &a.session.id).cmp(&(
                b.session.date,
                &b.session.partner,
                &b.session.id,
            ))
        });
        all
    }

    /// The average total of the rated sessions, if there are any.
    pub fn average_total(&self) -> Option<f64> {
        let rated = self.rated();
        (!rated.is_empty())
            .then(|| rated.iter().map(|r| r.scores.total()).sum::<f64>() / rated.len() as f64)
    }
}

/// The feedback in the coaching sessions of `sessions` (of one partner, if given).
pub fn feedback<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    thresholds: &Thresholds,
    partner: Option<&PartnerId>,
) -> FeedbackReport {
    let mut by_partner: BTreeMap<&PartnerId, PartnerFeedback> = BTreeMap::new();
    let mut chosen: Vec<&Session> = sessions
        .into_iter()
        .filter(|s| s.role == Role::Coach && partner.is_none_or(|p| &s.partner == p))
        .filter(|s| s.reflection.is_some())
        .collect();
    chosen.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    for s in chosen {
        let Some(reflection) = &s.reflection else {
            continue;
        };
        let entry = by_partner
            .entry(&s.partner)
            .or_insert_with(|| PartnerFeedback {
                partner: s.partner.clone(),
                rated: Vec::new(),
                experiments: Vec::new(),
            });
        if let Some(scores) = reflection.scores {
            entry.rated.push(Rated {
                session: s.clone(),
                scores,
                flagged: scores.flagged(thresholds),
            });
        }
        if let Some(experiment) = &reflection.experiment {
            entry.experiments.push((s.date, experiment.clone()));
        }
    }
    FeedbackReport {
        partners: by_partner.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement;
    use crate::domain::reflection::{RatedBy, Reflection};
    use crate::reports::fixtures::session;

    fn reflected(
        partner: &str,
        date: &str,
        scores: Option<&str>,
        experiment: Option<&str>,
        role: Role,
    ) -> Session {
        let mut s = session(partner, date, 60, role, Arrangement::Reciprocal);
        s.reflection = Some(Reflection {
            scores: scores.map(|t| t.parse().expect("scores")),
            rated_by: RatedBy::Client,
            experiment: experiment.map(str::to_owned),
        });
        s
    }

    #[test]
    fn collects_scores_flags_and_experiments_in_date_order() {
        let sessions = [
            reflected(
                "alex",
                "2026-02-01",
                Some("9,9,8,9"),
                Some("slow down"),
                Role::Coach,
            ),
            reflected(
                "alex",
                "2026-01-01",
                Some("10,10,9.5,10"),
                Some("more silence"),
                Role::Coach,
            ),
            reflected(
                "alex",
                "2026-03-01",
                None,
                Some("ask about values"),
                Role::Coach,
            ),
            reflected("alex", "2026-03-02", Some("1,1,1,1"), None, Role::Client),
            reflected("jo", "2026-01-15", Some("9,9,9,9"), None, Role::Coach),
            session("jo", "2026-01-20", 60, Role::Coach, Arrangement::OneWay),
        ];
        let report = feedback(&sessions, &Thresholds::default(), None);
        assert_eq!(report.partners.len(), 2);
        let alex = &report.partners[0];
        let totals: Vec<(String, u32, bool)> = alex
            .rated
            .iter()
            .map(|r| {
                (
                    r.session.date.to_string(),
                    r.scores.total_tenths(),
                    r.flagged,
                )
            })
            .collect();
        assert_eq!(
            totals,
            [
                ("2026-01-01".to_owned(), 395, false),
                ("2026-02-01".to_owned(), 350, true)
            ]
        );
        let experiments: Vec<&str> = alex.experiments.iter().map(|(_, e)| e.as_str()).collect();
        assert_eq!(
            experiments,
            ["more silence", "slow down", "ask about values"]
        );
        let dates: Vec<String> = report
            .rated()
            .iter()
            .map(|r| r.session.date.to_string())
            .collect();
        assert_eq!(dates, ["2026-01-01", "2026-01-15", "2026-02-01"]);
        assert_eq!(report.average_total(), Some((39.5 + 36.0 + 35.0) / 3.0));
        let only_jo = feedback(
            &sessions,
            &Thresholds::default(),
            Some(&"jo".parse().expect("id")),
        );
        assert_eq!(only_jo.partners.len(), 1);
    }
}
