//! Feedback over time: the rated sessions per partner, which of them are flagged, and the
//! "experiment next time" notes in date order — what a student coach reads before the next session.

use std::collections::BTreeMap;

use crate::domain::id::PartnerId;
use crate::domain::model::{Role, Session};
use chrono::NaiveDate;

use crate::domain::feedback::{ClientFeedback, Request};
use crate::domain::reflection::{RatedBy, Scores, Thresholds};

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

/// A session the client answered about in their own word.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// The session.
    pub session: Session,
    /// The client's answer.
    pub answer: ClientFeedback,
    /// Whether the client's scores are below a threshold.
    pub flagged: bool,
    /// The coach's own estimate of the session (`reflect --rated-by self`), if there is one.
    pub estimate: Option<Scores>,
}

impl Answered {
    /// The client's total less the coach's estimate, in tenths (negative: the coach thought
    /// better of the session than the client did).
    pub fn gap_tenths(&self) -> Option<i64> {
        self.estimate
            .map(|e| i64::from(self.answer.scores.total_tenths()) - i64::from(e.total_tenths()))
    }
}

/// The feedback with one partner, in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerFeedback {
    /// The partner.
    pub partner: PartnerId,
    /// Sessions with scores in the coach's reflection.
    pub rated: Vec<Rated>,
    /// Experiments noted, with the session's date.
    pub experiments: Vec<(chrono::NaiveDate, String)>,
    /// Sessions the client answered about themselves (`feedback request`).
    pub answered: Vec<Answered>,
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

    /// Every session the client answered about, in date order.
    pub fn answered(&self) -> Vec<&Answered> {
        let mut all: Vec<&Answered> = self.partners.iter().flat_map(|p| &p.answered).collect();
        all.sort_by(|a, b| (a.session.date, &a.session.id).cmp(&(b.session.date, &b.session.id)));
        all
    }

    /// The average total of the rated sessions, if there are any.
    pub fn average_total(&self) -> Option<f64> {
        let rated = self.rated();
        (!rated.is_empty())
            .then(|| rated.iter().map(|r| r.scores.total()).sum::<f64>() / rated.len() as f64)
    }
}

/// The scores of the sessions tagged with one competency, in date order: the coach's reflections
/// and, apart from them, the clients' own answers.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyTrend {
    /// The competency, in its framework version.
    pub tag: crate::domain::competency::Tag,
    /// The sessions tagged with it.
    pub sessions: u32,
    /// The day and total (in tenths) of each reflection with scores.
    pub reflections: Vec<(NaiveDate, u32)>,
    /// The day and total (in tenths) of each answer from the client.
    pub answers: Vec<(NaiveDate, u32)>,
}

impl CompetencyTrend {
    /// The mean of `totals`, in tenths, if there are any.
    pub fn mean_tenths(totals: &[(NaiveDate, u32)]) -> Option<f64> {
        (!totals.is_empty())
            .then(|| totals.iter().map(|(_, t)| f64::from(*t)).sum::<f64>() / totals.len() as f64)
    }

    /// The change from the first total to the last, in tenths, when there are two or more.
    pub fn change_tenths(totals: &[(NaiveDate, u32)]) -> Option<i64> {
        match (totals.first(), totals.last()) {
            (Some(first), Some(last)) if totals.len() > 1 => {
                Some(i64::from(last.1) - i64::from(first.1))
            }
            _ => None,
        }
    }
}

/// The trend per competency in the coaching sessions of `sessions` (of one partner, if given):
/// for each tag any session carries, in the frameworks' order, the coach's reflection totals and
/// the clients' own answers, each in date order. A tag of another version is a competency of its
/// own: 2019's and 2025's are never added together.
pub fn by_competency<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    partner: Option<&PartnerId>,
) -> Vec<CompetencyTrend> {
    let mut chosen: Vec<&Session> = sessions
        .into_iter()
        .filter(|s| s.role == Role::Coach && partner.is_none_or(|p| &s.partner == p))
        .filter(|s| !s.competencies.is_empty())
        .collect();
    chosen.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut found: BTreeMap<(usize, usize), CompetencyTrend> = BTreeMap::new();
    let frameworks = crate::domain::competency::frameworks();
    for s in chosen {
        for tag in &s.competencies {
            let framework = frameworks
                .iter()
                .position(|f| f.id == tag.framework().id)
                .unwrap_or(usize::MAX);
            let competency = tag
                .framework()
                .competencies
                .iter()
                .position(|(c, _)| c == tag.competency())
                .unwrap_or(usize::MAX);
            let trend = found
                .entry((framework, competency))
                .or_insert_with(|| CompetencyTrend {
                    tag: tag.clone(),
                    sessions: 0,
                    reflections: Vec::new(),
                    answers: Vec::new(),
                });
            trend.sessions += 1;
            if let Some(scores) = s.reflection.as_ref().and_then(|r| r.scores) {
                trend.reflections.push((s.date, scores.total_tenths()));
            }
            if let Some(answer) = &s.feedback {
                trend.answers.push((s.date, answer.scores.total_tenths()));
            }
        }
    }
    found.into_values().collect()
}

/// The feedback in the coaching sessions of `sessions` (of one partner, if given): the coach's
/// reflections, and apart from them the client's own answers, each beside the coach's estimate.
pub fn feedback<'a>(
    sessions: impl IntoIterator<Item = &'a Session>,
    thresholds: &Thresholds,
    partner: Option<&PartnerId>,
) -> FeedbackReport {
    let mut by_partner: BTreeMap<&PartnerId, PartnerFeedback> = BTreeMap::new();
    let mut chosen: Vec<&Session> = sessions
        .into_iter()
        .filter(|s| s.role == Role::Coach && partner.is_none_or(|p| &s.partner == p))
        .filter(|s| s.reflection.is_some() || s.feedback.is_some())
        .collect();
    chosen.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    for s in chosen {
        let entry = by_partner
            .entry(&s.partner)
            .or_insert_with(|| PartnerFeedback {
                partner: s.partner.clone(),
                rated: Vec::new(),
                experiments: Vec::new(),
                answered: Vec::new(),
            });
        if let Some(reflection) = &s.reflection {
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
        if let Some(answer) = &s.feedback {
            entry.answered.push(Answered {
                session: s.clone(),
                answer: (**answer).clone(),
                flagged: answer.scores.flagged(thresholds),
                estimate: s
                    .reflection
                    .as_ref()
                    .filter(|r| r.rated_by == RatedBy::Myself)
                    .and_then(|r| r.scores),
            });
        }
    }
    FeedbackReport {
        partners: by_partner.into_values().collect(),
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The client answered on that day.
    Answered(NaiveDate),
    /// No answer yet, for so many days since it was made.
    Open {
        /// Days since the request was made.
        days: i64,
    },
    /// Its session is no longer in the logbook.
    SessionGone,
}

/// A request made, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    /// The request.
    pub request: Request,
    /// Where it stands.
    pub standing: Standing,
}

/// Each request in `made`, oldest first, with where it stands on `today`: answered when its
/// session holds the client's answer to it (the one record of an answer), open otherwise.
pub fn requests(made: &[Request], sessions: &[Session], today: NaiveDate) -> Vec<RequestRow> {
    let mut rows: Vec<RequestRow> = made
        .iter()
        .map(|r| {
            let standing = match sessions.iter().find(|s| s.id == r.session) {
                None => Standing::SessionGone,
                Some(s) => match s.feedback.as_deref().filter(|f| f.origin.answers(&r.id)) {
                    Some(f) => Standing::Answered(f.answered),
                    None => Standing::Open {
                        days: (today - r.sent).num_days(),
                    },
                },
            };
            RequestRow {
                request: r.clone(),
                standing,
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.request.sent, &a.request.id).cmp(&(b.request.sent, &b.request.id)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement;
    use crate::domain::reflection::Reflection;
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

    #[test]
    fn the_clients_answer_stands_apart_with_the_gap_to_the_coachs_estimate() {
        let mut estimated = reflected("alex", "2026-02-01", Some("9,9,9,9"), None, Role::Coach);
        if let Some(r) = &mut estimated.reflection {
            r.rated_by = RatedBy::Myself;
        }
        let answer = |scores: &str| {
            Some(Box::new(ClientFeedback {
                origin: crate::domain::feedback::Origin::Request("r1".into()),
                answered: "2026-02-02".parse().expect("date"),
                scores: scores.parse().expect("scores"),
                experiment: Some("slower".into()),
                share: true,
                via: crate::domain::feedback::Via::Page,
            }))
        };
        estimated.feedback = answer("7,8,6,7");
        let mut alone = session(
            "alex",
            "2026-03-01",
            60,
            Role::Coach,
            Arrangement::Reciprocal,
        );
        alone.feedback = answer("10,10,10,10");
        let report = feedback(&[estimated, alone], &Thresholds::default(), None);
        let alex = &report.partners[0];
        assert_eq!(
            alex.rated.len(),
            1,
            "the coach's own scores stay the coach's"
        );
        let gaps: Vec<Option<i64>> = alex.answered.iter().map(Answered::gap_tenths).collect();
        assert_eq!(gaps, [Some(280 - 360), None]);
        assert!(alex.answered[0].flagged);
        assert_eq!(
            report.average_total(),
            Some(36.0),
            "client answers are apart"
        );
    }
}
