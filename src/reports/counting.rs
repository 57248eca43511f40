//! Which coaching sessions a scheme counts, and how many of their minutes as paid: the one place a
//! session is judged, shared by `summary`, the ICF log and the sessions CSV, so that what the summary
//! claims is what the exports show.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use chrono::NaiveDate;

use super::Partners;
use crate::domain::id::PartnerId;
use crate::domain::model::{NotCounted, Payment, Role, Session};
use crate::rules::scheme::{CountsFrom, Scheme};
use crate::rules::settings::{BalanceRule, Settings};

/// Why a scheme leaves a coaching session out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOut {
    /// Before the start of coach-specific training, for a scheme that counts from it.
    BeforeTraining,
    /// Marked as practice that does not count, for this reason.
    Marked(NotCounted),
    /// A group with more members present than the scheme's limit.
    GroupOverLimit,
    /// A client who has not consented to be named, whom the ICF log cannot show.
    NoConsent,
}

impl LeftOut {
    /// The word for it in the sessions CSV's `icf_category`.
    pub fn category(self) -> &'static str {
        match self {
            LeftOut::BeforeTraining => "before-training",
            LeftOut::Marked(_) => "not-counted",
            LeftOut::GroupOverLimit => "group-over-limit",
            LeftOut::NoConsent => "no-consent",
        }
    }
}

/// The rules a scheme judges sessions by, drawn from the scheme and the settings. Schemes with the
/// same rules (the levels of one body, as a rule) count the same sessions, so a report counts once
/// for all of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rules {
    /// The first day counted, for a scheme that counts from the start of training (when it is set).
    pub counted_from: Option<NaiveDate>,
    /// Groups with more members present than this do not count.
    pub group_limit: Option<u32>,
    /// Marked sessions that count all the same, by reason.
    pub counts_anyway: Vec<NotCounted>,
    /// How exchange minutes count as paid.
    pub balance: BalanceRule,
    /// Whether clients who have not consented to be named count.
    pub counts_unnamed: bool,
}

impl Rules {
    /// The rules of `scheme` under `settings`.
    pub fn new(scheme: &Scheme, settings: &Settings) -> Self {
        Rules {
            counted_from: match scheme.counts_from {
                CountsFrom::TrainingStart => settings.training_start,
                CountsFrom::FirstSession => None,
            },
            group_limit: scheme.group_limit,
            counts_anyway: scheme.counts_anyway.clone(),
            balance: settings.balance_rule_for(scheme),
            counts_unnamed: settings.counts_unnamed_clients_for(scheme),
        }
    }

    /// Whether the scheme counts a coaching session, or why it leaves it out (the first reason, in the
    /// order of [`LeftOut`]).
    pub fn judge(&self, s: &Session, partners: &Partners) -> Result<(), LeftOut> {
        if self.counted_from.is_some_and(|from| s.date < from) {
            return Err(LeftOut::BeforeTraining);
        }
        if let Some(reason) = s.not_counted
            && !self.counts_anyway.contains(&reason)
        {
            return Err(LeftOut::Marked(reason));
        }
        if self
            .group_limit
            .is_some_and(|limit| s.facts.group_size.is_some_and(|g| g.get() > limit))
        {
            return Err(LeftOut::GroupOverLimit);
        }
        if !self.counts_unnamed && !named(s, partners) {
            return Err(LeftOut::NoConsent);
        }
        Ok(())
    }
}

/// Whether a session's client may be named in an accreditor's log (a partner whose file is missing
/// is not held back: `check` reports the missing file).
pub fn named(s: &Session, partners: &Partners) -> bool {
    partners.get(&s.partner).is_none_or(|p| p.consent)
}

/// A session a scheme counts, with the minutes it counts as paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted<'a> {
    /// The session.
    pub session: &'a Session,
    /// Its minutes counted as paid: all for `paid`, none for `pro-bono`, and for `exchange` as the
    /// balance rule allows.
    pub paid_minutes: u64,
}

impl Counted<'_> {
    /// The session's minutes.
    pub fn minutes(&self) -> u64 {
        u64::from(self.session.minutes.get())
    }

    /// Its minutes counted as pro bono.
    pub fn pro_bono_minutes(&self) -> u64 {
        self.minutes() - self.paid_minutes
    }
}

/// Coaching minutes and the partners they were with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Minutes.
    pub minutes: u64,
    /// Partners.
    pub partners: BTreeSet<PartnerId>,
}

impl Tally {
    /// Adds a session.
    pub fn add(&mut self, s: &Session) {
        self.minutes += u64::from(s.minutes.get());
        if !self.partners.contains(&s.partner) {
            self.partners.insert(s.partner.clone());
        }
    }
}

/// One coaching session, judged: the minutes counted as paid, or why it is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged<'a> {
    /// The session.
    pub session: &'a Session,
    /// `Ok(paid minutes)` when the scheme counts it.
    pub verdict: Result<u64, LeftOut>,
}

/// What a scheme makes of the coaching up to a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counting<'a> {
    /// Every coaching session up to the date, judged, in date order.
    pub judged: Vec<Judged<'a>>,
    /// Exchange minutes counted as pro bono under the balance rule.
    pub unbalanced_minutes: u64,
}

impl<'a> Counting<'a> {
    /// The sessions counted, in date order.
    pub fn counted(&self) -> impl Iterator<Item = Counted<'a>> + '_ {
        self.judged.iter().filter_map(|j| {
            j.verdict.ok().map(|paid_minutes| Counted {
                session: j.session,
                paid_minutes,
            })
        })
    }

    /// Minutes counted.
    pub fn minutes(&self) -> u64 {
        self.counted().map(|c| c.minutes()).sum()
    }

    /// Minutes counted as paid.
    pub fn paid_minutes(&self) -> u64 {
        self.counted().map(|c| c.paid_minutes).sum()
    }

    /// The coaching left out, by reason.
    pub fn left_out(&self) -> BTreeMap<LeftOut, Tally> {
        let mut left_out: BTreeMap<LeftOut, Tally> = BTreeMap::new();
        for j in &self.judged {
            if let Err(reason) = j.verdict {
                left_out.entry(reason).or_default().add(j.session);
            }
        }
        left_out
    }
}

/// The practice up to a date, prepared once for every scheme judged: coaching sessions in date order,
/// and the minutes received as client that the balance rule weighs exchange against.
#[derive(Debug, Clone)]
pub struct Practice<'a> {
    /// Coaching (role `coach`) sessions up to the date, by date, partner and id.
    pub coaching: Vec<&'a Session>,
    /// Minutes received as client up to the date, from each partner.
    received: FxHashMap<&'a PartnerId, u64>,
}

impl<'a> Practice<'a> {
    /// The practice among `sessions` up to `as_of`, inclusive.
    pub fn new(sessions: &'a [Session], as_of: NaiveDate) -> Self {
        let mut coaching = Vec::new();
        let mut received: FxHashMap<&PartnerId, u64> = FxHashMap::default();
        for s in sessions.iter().filter(|s| s.date <= as_of) {
            match s.role {
                Role::Coach => coaching.push(s),
                Role::Client => {
                    *received.entry(&s.partner).or_default() += u64::from(s.minutes.get())
                }
            }
        }
        use rayon::slice::ParallelSliceMut;
        coaching.par_sort_unstable_by(|a, b| {
            (a.date, &a.partner, &a.id).cmp(&(b.date, &b.partner, &b.id))
        });
        Practice { coaching, received }
    }

    /// What a scheme under `rules` counts of this practice.
    pub fn count(&self, rules: &Rules, partners: &Partners) -> Counting<'a> {
        let mut counting = Counting {
            judged: Vec::with_capacity(self.coaching.len()),
            unbalanced_minutes: 0,
        };
        // What each partner, or everyone together, gave back: exchange is paid until it runs out.
        let mut pooled = self.received.values().sum::<u64>();
        let mut per_partner = self.received.clone();
        for &s in &self.coaching {
            if let Err(reason) = rules.judge(s, partners) {
                counting.judged.push(Judged {
                    session: s,
                    verdict: Err(reason),
                });
                continue;
            }
            let minutes = u64::from(s.minutes.get());
            let paid_minutes = match (s.payment, rules.balance) {
                (Payment::Paid, _) | (Payment::Exchange, BalanceRule::Off) => minutes,
                (Payment::ProBono, _) => 0,
                (Payment::Exchange, BalanceRule::Pooled) => take(&mut pooled, minutes),
                (Payment::Exchange, BalanceRule::PerPartner) => {
                    take(per_partner.entry(&s.partner).or_default(), minutes)
                }
            };
            if s.payment == Payment::Exchange {
                counting.unbalanced_minutes += minutes - paid_minutes;
            }
            counting.judged.push(Judged {
                session: s,
                verdict: Ok(paid_minutes),
            });
        }
        counting
    }
}

/// Up to `wanted` minutes out of what is `left`.
fn take(left: &mut u64, wanted: u64) -> u64 {
    let taken = wanted.min(*left);
    *left -= taken;
    taken
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement::{OneWay, Reciprocal};
    use crate::domain::model::Role::{Client, Coach};
    use crate::reports::tests::{partners, session};

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn icf(settings: &Settings) -> Rules {
        Rules::new(settings.scheme("icf-acc").expect("icf-acc"), settings)
    }

    /// The worked example: coached A 3 h and B 2 h (exchange), received 1 h from A and 2 h
    /// from C.
    fn worked_example() -> Vec<Session> {
        let mut sessions = Vec::new();
        for day in ["2026-01-05", "2026-01-12", "2026-01-19"] {
            sessions.push(session("alex", day, 60, Coach, Reciprocal));
        }
        for day in ["2026-01-06", "2026-01-13"] {
            let mut s = session("jo", day, 60, Coach, Reciprocal);
            s.payment = Payment::Exchange;
            sessions.push(s);
        }
        sessions.push(session("alex", "2026-01-07", 60, Client, Reciprocal));
        sessions.push(session("team", "2026-01-08", 120, Client, Reciprocal));
        sessions
    }

    #[test]
    fn the_balance_rule_in_its_three_settings() {
        let sessions = worked_example();
        let practice = Practice::new(&sessions, date("2026-12-31"));
        let mut settings = Settings::default();
        let mut paid = Vec::new();
        for rule in BalanceRule::ALL {
            settings.exchange_balance_rule = *rule;
            let counting = practice.count(&icf(&settings), &partners());
            assert_eq!(counting.minutes(), 300, "hours are hours under every rule");
            paid.push((counting.paid_minutes(), counting.unbalanced_minutes));
        }
        // off: all 5 h paid; pooled: 3 h received, so 3 h paid; per partner: only A gave back (1 h).
        assert_eq!(paid, [(300, 0), (180, 120), (60, 240)]);
    }

    #[test]
    fn pooled_exchange_is_paid_in_date_order_and_may_split_a_session() {
        let sessions = [
            session("alex", "2026-01-01", 60, Coach, Reciprocal),
            session("alex", "2026-01-02", 60, Coach, Reciprocal),
            session("alex", "2026-03-01", 90, Client, Reciprocal),
        ];
        let settings = Settings {
            exchange_balance_rule: BalanceRule::Pooled,
            ..Settings::default()
        };
        let counting =
            Practice::new(&sessions, date("2026-12-31")).count(&icf(&settings), &partners());
        let paid: Vec<u64> = counting.counted().map(|c| c.paid_minutes).collect();
        assert_eq!(
            paid,
            [60, 30],
            "received later still counts, the first minutes first"
        );
        let before =
            Practice::new(&sessions, date("2026-02-01")).count(&icf(&settings), &partners());
        assert_eq!(before.paid_minutes(), 0, "nothing received by the date");
    }

    #[test]
    fn each_reason_to_leave_a_session_out() {
        let mut list: Vec<_> = partners().iter().cloned().collect();
        for p in &mut list {
            if p.id.as_str() == "jo" {
                p.consent = false;
            }
        }
        let partners = Partners::new(list);
        let mut marked = session("alex", "2026-02-01", 45, Coach, Reciprocal);
        marked.not_counted = Some(NotCounted::InClass);
        let sessions = [
            session("alex", "2025-01-01", 60, Coach, Reciprocal),
            marked,
            session("big", "2026-02-02", 120, Coach, OneWay),
            session("jo", "2026-02-03", 90, Coach, OneWay),
            session("team", "2026-02-04", 30, Coach, OneWay),
        ];
        let settings = Settings {
            training_start: Some(date("2026-01-01")),
            ..Settings::default()
        };
        let practice = Practice::new(&sessions, date("2026-12-31"));
        let counting = practice.count(&icf(&settings), &partners);
        let left: Vec<(LeftOut, u64)> = counting
            .left_out()
            .iter()
            .map(|(reason, tally)| (*reason, tally.minutes))
            .collect();
        assert_eq!(
            left,
            [
                (LeftOut::BeforeTraining, 60),
                (LeftOut::Marked(NotCounted::InClass), 45),
                (LeftOut::GroupOverLimit, 120),
                (LeftOut::NoConsent, 90),
            ]
        );
        assert_eq!(counting.minutes(), 30);
        let emcc = Rules::new(settings.scheme("emcc-foundation").expect("emcc"), &settings);
        let counting = practice.count(&emcc, &partners);
        assert_eq!(
            counting.minutes(),
            60 + 120 + 90 + 30,
            "EMCC counts before training, big groups and unnamed clients, but not the marked session"
        );
        let unnamed: u64 = counting
            .counted()
            .filter(|c| !named(c.session, &partners))
            .map(|c| c.minutes())
            .sum();
        assert_eq!(
            unnamed, 90,
            "counted, though the ICF log could not show them"
        );
    }

    #[test]
    fn a_scheme_may_count_marked_sessions() {
        let mut s = session("alex", "2026-02-01", 45, Coach, Reciprocal);
        s.not_counted = Some(NotCounted::Asynchronous);
        let mut settings = Settings::default();
        for scheme in &mut settings.schemes {
            if scheme.id == "emcc-foundation" {
                scheme.counts_anyway = vec![NotCounted::Asynchronous];
            }
        }
        let sessions = [s];
        let practice = Practice::new(&sessions, date("2026-12-31"));
        let emcc = Rules::new(settings.scheme("emcc-foundation").expect("emcc"), &settings);
        assert_eq!(practice.count(&emcc, &partners()).minutes(), 45);
        assert_eq!(practice.count(&icf(&settings), &partners()).minutes(), 0);
    }

    #[test]
    fn the_group_present_is_judged_not_the_group_today() {
        let mut small = session("big", "2026-02-02", 60, Coach, OneWay);
        small.facts.group_size = crate::domain::model::GroupSize::new(12);
        let sessions = [small, session("big", "2026-02-09", 60, Coach, OneWay)];
        let settings = Settings::default();
        let counting =
            Practice::new(&sessions, date("2026-12-31")).count(&icf(&settings), &partners());
        assert_eq!(
            counting.minutes(),
            60,
            "12 present counts; 20 present does not"
        );
        assert_eq!(counting.left_out()[&LeftOut::GroupOverLimit].minutes, 60);
    }
}
