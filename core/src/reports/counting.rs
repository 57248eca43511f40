//! The one place a coaching session is judged. A [`Practice`] is the sessions up to an as-of day;
//! a [`Ledger`] is that practice judged once under one scheme's [`Rules`]: every coaching session
//! with its [`Verdict`] (counted, with the minutes counted as paid and whether the client may be
//! named, or left out and why). Every output — `summary`, the ICF log, the EMCC summary, the sessions
//! CSV, the report's figures, charts and tables, `stats` and `mix` — is a view of a ledger, and a
//! ledger can only be built here, so no output can count differently by forgetting a filter.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Clients, Partners};
use crate::domain::id::PartnerId;
use crate::domain::model::{NotCounted, Payment, Role, Session};
pub use crate::rules::judging::Rules;
use crate::rules::settings::BalanceRule;
#[cfg(test)]
use crate::rules::settings::Settings;

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

    /// Why, in a few words, for a table.
    pub fn words(self) -> &'static str {
        match self {
            LeftOut::BeforeTraining => "before training",
            LeftOut::Marked(NotCounted::InClass) => "in class",
            LeftOut::Marked(NotCounted::Asynchronous) => "asynchronous",
            LeftOut::Marked(NotCounted::Teaching) => "teaching",
            LeftOut::Marked(NotCounted::Other) => "marked not counted",
            LeftOut::GroupOverLimit => "group over its limit",
            LeftOut::NoConsent => "no consent",
        }
    }
}

/// How the counting applies a scheme's rules to a session.
impl Rules {
    /// Whether the scheme counts a session's date and marks (what counts for coaching given and
    /// received alike), or why not.
    fn countable(&self, s: &Session) -> Result<(), LeftOut> {
        if self.counted_from.is_some_and(|from| s.date < from) {
            return Err(LeftOut::BeforeTraining);
        }
        match s.not_counted {
            Some(reason) if !self.counts_anyway.contains(&reason) => Err(LeftOut::Marked(reason)),
            _ => Ok(()),
        }
    }

    /// Whether the scheme counts a coaching session, or why it leaves it out (the first reason, in
    /// the order of [`LeftOut`]); when it counts, whether the client may be named.
    fn judge(&self, s: &Session, partners: &Partners) -> Result<bool, LeftOut> {
        self.countable(s)?;
        if self
            .group_limit
            .is_some_and(|limit| s.facts.group_size.is_some_and(|g| g.get() > limit))
        {
            return Err(LeftOut::GroupOverLimit);
        }
        // Consent matters only to rules that leave unnamed clients out or show clients by name;
        // for the others every client counts, and the partner is not looked up.
        if self.counts_unnamed && !self.names_clients {
            return Ok(true);
        }
        let named = named(s, partners);
        if !self.counts_unnamed && !named {
            return Err(LeftOut::NoConsent);
        }
        Ok(named)
    }

    /// Whether a session as client is coaching received that the balance rule weighs exchange
    /// against: an exchange the scheme would count, were it given.
    fn counts_received(&self, s: &Session) -> bool {
        s.role == Role::Client && s.payment == Payment::Exchange && self.countable(s).is_ok()
    }
}

/// Whether a session's client may be named in an accreditor's log (a partner whose file is missing
/// is not held back: `check` reports the missing file).
fn named(s: &Session, partners: &Partners) -> bool {
    partners.get(&s.partner).is_none_or(|p| p.consent)
}

/// What a scheme made of one coaching session, decided once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Counted.
    Counted {
        /// Its minutes counted as paid: all for `paid`, none for `pro-bono`, and for `exchange` as
        /// the balance rule allows.
        paid_minutes: u64,
        /// Whether the client may be named (has consented); always true under rules that neither
        /// leave unnamed clients out nor show clients by name.
        named: bool,
    },
    /// Left out, and why.
    LeftOut(LeftOut),
}

/// One coaching session of a ledger, judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    session: &'a Session,
    verdict: Verdict,
}

impl<'a> Entry<'a> {
    /// The session.
    pub fn session(&self) -> &'a Session {
        self.session
    }

    /// What the scheme made of it.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The session's minutes.
    pub fn minutes(&self) -> u64 {
        u64::from(self.session.minutes.get())
    }

    /// The session as counted, if it is.
    pub fn counted(&self) -> Option<Counted<'a>> {
        match self.verdict {
            Verdict::Counted {
                paid_minutes,
                named,
            } => Some(Counted {
                session: self.session,
                paid_minutes,
                named,
            }),
            Verdict::LeftOut(_) => None,
        }
    }
}

/// A session a scheme counts, with the minutes it counts as paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted<'a> {
    /// The session.
    pub session: &'a Session,
    /// Its minutes counted as paid.
    pub paid_minutes: u64,
    /// Whether the client may be named.
    pub named: bool,
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

    /// Exchange minutes the balance rule counted as pro bono.
    pub fn unbalanced_minutes(&self) -> u64 {
        if self.session.payment == Payment::Exchange {
            self.pro_bono_minutes()
        } else {
            0
        }
    }
}

/// One client's counted sessions in a ledger's slice (see [`LedgerSlice::per_client`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientTally<'a> {
    /// The first session, by date and id.
    pub first: &'a Session,
    /// The last.
    pub last: &'a Session,
    /// The most members present at one of them (a group's).
    pub group: Option<u32>,
    /// How many.
    pub sessions: u32,
    /// Their minutes counted as paid.
    pub paid_minutes: u64,
    /// And as pro bono.
    pub pro_bono_minutes: u64,
}

impl ClientTally<'_> {
    /// All their minutes.
    pub fn minutes(&self) -> u64 {
        self.paid_minutes + self.pro_bono_minutes
    }
}

/// Coaching minutes and the clients they were with: each partner once, a group with the most
/// members present at one of its sessions (clients are people).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Minutes.
    pub minutes: u64,
    /// Each partner, with the most members present at one session.
    people: BTreeMap<PartnerId, u32>,
}

impl Tally {
    /// Adds a session.
    pub fn add(&mut self, s: &Session) {
        self.minutes += u64::from(s.minutes.get());
        let members = s.members();
        match self.people.get_mut(&s.partner) {
            Some(most) => *most = (*most).max(members),
            None => {
                self.people.insert(s.partner.clone(), members);
            }
        }
    }

    /// The partners, by id.
    pub fn partners(&self) -> impl Iterator<Item = &PartnerId> {
        self.people.keys()
    }

    /// The people: each individual once, each group with its members.
    pub fn clients(&self) -> u32 {
        self.people.values().sum()
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

/// The practice up to an as-of day: every session on or before it, the coaching in date order.
#[derive(Debug, Clone)]
pub struct Practice<'a> {
    as_of: NaiveDate,
    /// Coaching (role `coach`) sessions, by date, partner and id.
    coaching: Vec<&'a Session>,
    /// Sessions as client, by date, partner and id.
    as_client: Vec<&'a Session>,
    /// Sessions observed (a triad's third), in no order.
    observing: Vec<&'a Session>,
}

impl<'a> Practice<'a> {
    /// The practice among `sessions` up to `as_of`, inclusive: a session after it is in no output.
    pub fn new(sessions: &'a [Session], as_of: NaiveDate) -> Self {
        let mut coaching = Vec::new();
        let mut as_client = Vec::new();
        let mut observing = Vec::new();
        for s in sessions.iter().filter(|s| s.date <= as_of) {
            match s.role {
                Role::Coach => coaching.push(s),
                Role::Client => as_client.push(s),
                Role::Observer => observing.push(s),
            }
        }
        use rayon::slice::ParallelSliceMut;
        let order = |a: &&Session, b: &&Session| {
            (a.date, &a.partner, &a.id).cmp(&(b.date, &b.partner, &b.id))
        };
        coaching.par_sort_unstable_by(order);
        as_client.par_sort_unstable_by(order);
        Practice {
            as_of,
            coaching,
            as_client,
            observing,
        }
    }

    /// The last day of the practice.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The sessions as client (coaching received), in date order, which no scheme counts as
    /// coaching: for the reciprocity ledger, the sessions CSV and a scheme's engagements.
    pub fn as_client(&self) -> &[&'a Session] {
        &self.as_client
    }

    /// The sessions observed (a triad's third), which only a scheme that asks for observing
    /// counts: for the sessions CSV.
    pub fn observing(&self) -> &[&'a Session] {
        &self.observing
    }

    /// Every session, coaching and as client, for what is not a count: stable aliases, and the
    /// reflections' trend.
    pub fn sessions(&self) -> impl Iterator<Item = &'a Session> + '_ {
        self.coaching
            .iter()
            .chain(&self.as_client)
            .chain(&self.observing)
            .copied()
    }

    /// The day of the first coaching session.
    pub fn first_coaching(&self) -> Option<NaiveDate> {
        self.coaching.first().map(|s| s.date)
    }
}

/// A practice judged under one scheme's rules: each coaching session with its verdict, in date
/// order. Only [`Ledger::count`] builds one.
#[derive(Debug, Clone)]
pub struct Ledger<'a> {
    rules: Rules,
    as_of: NaiveDate,
    entries: Vec<Entry<'a>>,
    /// The sessions as client whose date and marks the scheme counts, by date.
    received: Vec<&'a Session>,
    /// The sessions observed whose date and marks the scheme counts, in no order.
    observed: Vec<&'a Session>,
}

impl<'a> Ledger<'a> {
    /// Judges every coaching session of `practice` under `rules`.
    pub fn count(practice: &Practice<'a>, rules: Rules, partners: &Partners) -> Self {
        // What each partner, or everyone together, gave back that would count: exchange is paid
        // until it runs out.
        let mut per_partner: BTreeMap<&PartnerId, u64> = BTreeMap::new();
        if rules.balance != BalanceRule::Off {
            for s in practice
                .as_client
                .iter()
                .filter(|s| rules.counts_received(s))
            {
                *per_partner.entry(&s.partner).or_default() += u64::from(s.minutes.get());
            }
        }
        let mut pooled: u64 = per_partner.values().sum();
        let entries = practice
            .coaching
            .iter()
            .map(|&s| {
                let verdict = match rules.judge(s, partners) {
                    Err(reason) => Verdict::LeftOut(reason),
                    Ok(named) => {
                        let minutes = u64::from(s.minutes.get());
                        let paid_minutes = match (s.payment, rules.balance) {
                            (Payment::Paid, _) | (Payment::Exchange, BalanceRule::Off) => minutes,
                            (Payment::ProBono, _) => 0,
                            (Payment::Exchange, BalanceRule::Pooled) => take(&mut pooled, minutes),
                            (Payment::Exchange, BalanceRule::PerPartner) => {
                                take(per_partner.entry(&s.partner).or_default(), minutes)
                            }
                        };
                        Verdict::Counted {
                            paid_minutes,
                            named,
                        }
                    }
                };
                Entry {
                    session: s,
                    verdict,
                }
            })
            .collect();
        let received = practice
            .as_client
            .iter()
            .copied()
            .filter(|s| rules.countable(s).is_ok())
            .collect();
        let observed = practice
            .observing
            .iter()
            .copied()
            .filter(|s| rules.countable(s).is_ok())
            .collect();
        Ledger {
            rules,
            as_of: practice.as_of,
            entries,
            received,
            observed,
        }
    }

    /// The rules it was counted by: what every label of an output comes from.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The last day counted.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Coaching received (sessions as client) whose date and marks the scheme counts, in date
    /// order: what a scheme asking for coaching received (engagements) counts.
    pub fn received(&self) -> &[&'a Session] {
        &self.received
    }

    /// The sessions observed (a triad's third) whose date and marks the scheme counts: what a
    /// scheme that asks for observing counts, and no other.
    pub fn observed(&self) -> &[&'a Session] {
        &self.observed
    }

    /// The whole ledger.
    pub fn all(&self) -> LedgerSlice<'_, 'a> {
        self.since(None)
    }

    /// The sessions from `from` (inclusive) to the as-of day: the only range an output takes. The
    /// balance rule was weighed over the whole practice, so a slice's paid minutes are the
    /// ledger's.
    pub fn since(&self, from: Option<NaiveDate>) -> LedgerSlice<'_, 'a> {
        let first = from.map_or(0, |from| {
            self.entries.partition_point(|e| e.session.date < from)
        });
        LedgerSlice {
            rules: &self.rules,
            as_of: self.as_of,
            from,
            entries: &self.entries[first..],
        }
    }
}

/// Up to `wanted` minutes out of what is `left`.
fn take(left: &mut u64, wanted: u64) -> u64 {
    let taken = wanted.min(*left);
    *left -= taken;
    taken
}

/// The sessions of a ledger from a day to its as-of day.
#[derive(Debug, Clone, Copy)]
pub struct LedgerSlice<'l, 'a> {
    rules: &'l Rules,
    as_of: NaiveDate,
    from: Option<NaiveDate>,
    entries: &'l [Entry<'a>],
}

impl<'l, 'a> LedgerSlice<'l, 'a> {
    /// The rules the ledger was counted by.
    pub fn rules(&self) -> &'l Rules {
        self.rules
    }

    /// The last day.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The first day asked for, if any.
    pub fn from(&self) -> Option<NaiveDate> {
        self.from
    }

    /// Every coaching session of the slice, judged, in date order.
    pub fn entries(&self) -> &'l [Entry<'a>] {
        self.entries
    }

    /// The sessions counted, in date order.
    pub fn counted(&self) -> impl Iterator<Item = Counted<'a>> + 'l {
        self.entries.iter().filter_map(Entry::counted)
    }

    /// Minutes counted.
    pub fn minutes(&self) -> u64 {
        self.counted().map(|c| c.minutes()).sum()
    }

    /// Minutes counted as paid.
    pub fn paid_minutes(&self) -> u64 {
        self.counted().map(|c| c.paid_minutes).sum()
    }

    /// Exchange minutes counted as pro bono under the balance rule.
    pub fn unbalanced_minutes(&self) -> u64 {
        self.counted().map(|c| c.unbalanced_minutes()).sum()
    }

    /// The clients counted (people: a group's members).
    pub fn clients(&self) -> Clients {
        Clients::of(self.counted().map(|c| c.session))
    }

    /// The coaching left out, by reason.
    pub fn left_out(&self) -> BTreeMap<LeftOut, Tally> {
        let mut left_out: BTreeMap<LeftOut, Tally> = BTreeMap::new();
        for e in self.entries {
            if let Verdict::LeftOut(reason) = e.verdict {
                left_out.entry(reason).or_default().add(e.session);
            }
        }
        left_out
    }

    /// Each client's counted sessions: the first and the last, the most members present at one,
    /// how many, and the minutes paid and pro bono; by partner id.
    pub fn per_client(&self) -> BTreeMap<&'a PartnerId, ClientTally<'a>> {
        let mut clients: BTreeMap<&'a PartnerId, ClientTally<'a>> = BTreeMap::new();
        for c in self.counted() {
            let s = c.session;
            let members = s.facts.group_size.map(|g| g.get());
            let tally = clients.entry(&s.partner).or_insert(ClientTally {
                first: s,
                last: s,
                group: members,
                sessions: 0,
                paid_minutes: 0,
                pro_bono_minutes: 0,
            });
            if (s.date, &s.id) < (tally.first.date, &tally.first.id) {
                tally.first = s;
            }
            if (s.date, &s.id) > (tally.last.date, &tally.last.id) {
                tally.last = s;
            }
            tally.group = tally.group.max(members);
            tally.sessions += 1;
            tally.paid_minutes += c.paid_minutes;
            tally.pro_bono_minutes += c.pro_bono_minutes();
        }
        clients
    }

    /// Counted coaching with clients who have not consented to be named, when the hours are shown
    /// in a log that names clients (elsewhere it is worth no word).
    pub fn unnamed(&self) -> Tally {
        let mut tally = Tally::default();
        if self.rules.names_clients {
            for c in self.counted().filter(|c| !c.named) {
                tally.add(c.session);
            }
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement::{OneWay, Reciprocal};
    use crate::domain::model::Role::{Client, Coach};
    use crate::reports::fixtures::{partners, session};

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn icf(settings: &Settings) -> Rules {
        Rules::new(settings.scheme("icf-acc").expect("icf-acc"), settings)
    }

    fn count<'a>(sessions: &'a [Session], as_of: &str, rules: Rules) -> Ledger<'a> {
        Ledger::count(&Practice::new(sessions, date(as_of)), rules, &partners())
    }

    /// The worked example: coached A 3 h and B 2 h (exchange), received 1 h from A and 2 h from C.
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
    fn an_observer_session_is_no_coaching_given_or_received_under_any_built_in_scheme() {
        let mut sessions = worked_example();
        sessions.push(session(
            "alex",
            "2026-01-09",
            60,
            crate::domain::model::Role::Observer,
            Reciprocal,
        ));
        let settings = Settings::default();
        for scheme in &settings.schemes {
            let ledger = count(&sessions, "2026-06-01", Rules::new(scheme, &settings));
            assert_eq!(ledger.all().minutes(), 300, "{}", scheme.id);
            assert_eq!(ledger.received().len(), 2, "{}", scheme.id);
            assert_eq!(ledger.observed().len(), 1, "{}", scheme.id);
            assert!(scheme.beyond.observing_minutes.is_none(), "{}", scheme.id);
        }
    }

    #[test]
    fn the_balance_rule_in_its_three_settings() {
        let sessions = worked_example();
        let mut settings = Settings::default();
        let mut paid = Vec::new();
        for rule in BalanceRule::ALL {
            settings.exchange_balance_rule = *rule;
            let ledger = count(&sessions, "2026-12-31", icf(&settings));
            let all = ledger.all();
            assert_eq!(all.minutes(), 300, "hours are hours under every rule");
            paid.push((all.paid_minutes(), all.unbalanced_minutes()));
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
        let ledger = count(&sessions, "2026-12-31", icf(&settings));
        let paid: Vec<u64> = ledger.all().counted().map(|c| c.paid_minutes).collect();
        assert_eq!(
            paid,
            [60, 30],
            "received later still counts, the first minutes first"
        );
        let before = count(&sessions, "2026-02-01", icf(&settings));
        assert_eq!(
            before.all().paid_minutes(),
            0,
            "nothing received by the date"
        );
    }

    #[test]
    fn the_pool_holds_only_what_was_received_that_would_count_itself() {
        // Coached 4 h in exchange; received 1 h paid, 1 h in class, 1 h before training and 1 h
        // exchange that counts: only the last may make exchange paid.
        let mut sessions: Vec<Session> = ["2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"]
            .iter()
            .map(|day| session("alex", day, 60, Coach, Reciprocal))
            .collect();
        let mut paid = session("alex", "2026-02-03", 60, Client, Reciprocal);
        paid.payment = Payment::Paid;
        let mut in_class = session("alex", "2026-02-04", 60, Client, Reciprocal);
        in_class.not_counted = Some(NotCounted::InClass);
        let early = session("alex", "2025-12-01", 60, Client, Reciprocal);
        let counts = session("alex", "2026-02-05", 60, Client, Reciprocal);
        sessions.extend([paid, in_class, early, counts]);
        for rule in [BalanceRule::Pooled, BalanceRule::PerPartner] {
            let settings = Settings {
                exchange_balance_rule: rule,
                training_start: Some(date("2026-01-01")),
                ..Settings::default()
            };
            let ledger = count(&sessions, "2026-12-31", icf(&settings));
            assert_eq!(ledger.all().paid_minutes(), 60, "{rule}");
            assert_eq!(ledger.all().unbalanced_minutes(), 180, "{rule}");
        }
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
        let ledger = Ledger::count(&practice, icf(&settings), &partners);
        let left: Vec<(LeftOut, u64)> = ledger
            .all()
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
        assert_eq!(ledger.all().minutes(), 30);
        let emcc = Rules::new(settings.scheme("emcc-foundation").expect("emcc"), &settings);
        let ledger = Ledger::count(&practice, emcc, &partners);
        assert_eq!(
            ledger.all().minutes(),
            60 + 120 + 90 + 30,
            "EMCC counts before training, big groups and unnamed clients, but not the marked session"
        );
        assert!(
            ledger.all().unnamed().is_empty(),
            "EMCC's summary names no one: no word of consent"
        );
        // ICF with icf.count_unnamed_clients: counted, though the ICF log could not show them.
        let counting = Settings {
            count_unnamed_clients: true,
            ..settings.clone()
        };
        let ledger = Ledger::count(&practice, icf(&counting), &partners);
        let unnamed = ledger.all().unnamed();
        assert_eq!((unnamed.minutes, unnamed.clients()), (90, 1));
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
        let emcc = Rules::new(settings.scheme("emcc-foundation").expect("emcc"), &settings);
        assert_eq!(count(&sessions, "2026-12-31", emcc).all().minutes(), 45);
        assert_eq!(
            count(&sessions, "2026-12-31", icf(&settings))
                .all()
                .minutes(),
            0
        );
    }

    #[test]
    fn the_group_present_is_judged_not_the_group_today() {
        let mut small = session("big", "2026-02-02", 60, Coach, OneWay);
        small.facts.group_size = crate::domain::model::GroupSize::new(12);
        let sessions = [small, session("big", "2026-02-09", 60, Coach, OneWay)];
        let ledger = count(&sessions, "2026-12-31", icf(&Settings::default()));
        assert_eq!(
            ledger.all().minutes(),
            60,
            "12 present counts; 20 present does not"
        );
        assert_eq!(
            ledger.all().left_out()[&LeftOut::GroupOverLimit].minutes,
            60
        );
    }

    #[test]
    fn nothing_after_the_as_of_day_and_a_slice_keeps_the_ledgers_paid_minutes() {
        let sessions = [
            session("alex", "2026-01-01", 60, Coach, Reciprocal),
            session("alex", "2026-02-01", 60, Coach, Reciprocal),
            session("alex", "2026-01-02", 60, Client, Reciprocal),
            session("jo", "2026-03-01", 600, Coach, OneWay),
        ];
        let settings = Settings {
            exchange_balance_rule: BalanceRule::Pooled,
            ..Settings::default()
        };
        let ledger = count(&sessions, "2026-02-28", icf(&settings));
        assert_eq!(
            ledger.all().minutes(),
            120,
            "the 10 h on 2026-03-01 come later"
        );
        let february = ledger.since(Some(date("2026-02-01")));
        assert_eq!(
            (february.minutes(), february.paid_minutes()),
            (60, 0),
            "the hour received was used by January's session"
        );
    }

    #[test]
    fn a_tally_counts_people() {
        let mut tally = Tally::default();
        let mut four = session("team", "2026-01-01", 60, Coach, OneWay);
        four.facts.group_size = crate::domain::model::GroupSize::new(4);
        tally.add(&four);
        tally.add(&session("team", "2026-01-08", 60, Coach, OneWay));
        tally.add(&session("jo", "2026-01-09", 60, Coach, OneWay));
        assert_eq!((tally.clients(), tally.partners().count()), (6 + 1, 2));
    }
}
