//! Partners and sessions, and the vocabulary of ../DOMAIN.md that describes them.

use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use super::agreement::Agreement;
use super::duration::Minutes;
use super::feedback::ClientFeedback;
use super::id::PartnerId;
use super::reflection::Reflection;

/// Declares a closed set of words: an enum spelled in files, JSON and on the command line exactly as
/// in DOMAIN.md, with a one-line description of each word for help texts.
pub use super::vocabulary::Vocabulary;
use super::vocabulary::vocabulary;

vocabulary! {
    /// Whether a client is a fellow coaching student or coach, or anyone else.
    ClientType {
        /// A fellow coaching student or coach.
        Peer = "peer", "a fellow coaching student or coach";
        /// Anyone else.
        NonCoach = "non-coach", "anyone who is not a coach or coaching student";
    }
}

vocabulary! {
    /// Whether a partnership goes both ways.
    Arrangement {
        /// We coach each other.
        Reciprocal = "reciprocal", "we coach each other in turn";
        /// Only I coach them.
        OneWay = "one-way", "only I coach them";
    }
}

vocabulary! {
    /// Who coached in one session.
    Role {
        /// I coached: these are coaching hours.
        Coach = "coach", "I coached (counts as coaching hours)";
        /// I was coached by a reciprocal partner: kept for the reciprocity ledger only.
        Client = "client", "I was coached (kept for the give-and-take ledger, never counted)";
        /// I observed a triad's session: recorded, counted only by a scheme that asks for it.
        Observer = "observer", "I observed (a triad's third: counted by no ICF or EMCC scheme)";
    }
}

vocabulary! {
    /// What the client gave for a session.
    Payment {
        /// Money, goods or services.
        Paid = "paid", "money, goods or services";
        /// Coaching traded for coaching.
        Exchange = "exchange", "coaching traded for coaching (ICF counts it as paid)";
        /// Nothing of monetary value.
        ProBono = "pro-bono", "nothing of monetary value";
    }
}

vocabulary! {
    /// Why a session does not count toward an accreditation although it was coaching practice
    /// (ICF does not count these; a scheme may opt in through `counts_anyway`).
    NotCounted {
        /// Practice coaching with fellow students as part of a class.
        InClass = "in-class", "practice coaching with fellow students in class";
        /// Coaching by e-mail or text, not in real time.
        Asynchronous = "asynchronous", "by e-mail or text, not in real time";
        /// Teaching, training or a workshop.
        Teaching = "teaching", "teaching, training or a workshop";
        /// Anything else that does not count (mentor coaching or supervision given, say).
        Other = "other", "anything else that does not count (mentor coaching or supervision given, …)";
    }
}

vocabulary! {
    /// Whether a partner is one person or a group.
    Format {
        /// One person.
        Individual = "individual", "one person";
        /// A group with a member count.
        Group = "group", "a group with a member count";
    }
}

impl Payment {
    /// The payment a session gets when neither it nor its partner says: coaching traded for coaching
    /// in a reciprocal arrangement, nothing otherwise.
    pub fn default_for(arrangement: Arrangement) -> Self {
        match arrangement {
            Arrangement::Reciprocal => Payment::Exchange,
            Arrangement::OneWay => Payment::ProBono,
        }
    }
}

/// The largest group the logbook accepts.
pub const MAX_GROUP_SIZE: u32 = 1000;

/// The number of members of a group partner: at least 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct GroupSize(u32);

impl GroupSize {
    /// A group of `members`, if there are between 2 and [`MAX_GROUP_SIZE`].
    pub fn new(members: u32) -> Option<Self> {
        (2..=MAX_GROUP_SIZE)
            .contains(&members)
            .then_some(Self(members))
    }

    /// The number of members.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl FromStr for GroupSize {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        input
            .trim()
            .parse::<u32>()
            .ok()
            .and_then(GroupSize::new)
            .ok_or_else(|| {
                format!(
                    "'{input}' is not a group size: give the number of members, from 2 to \
                     {MAX_GROUP_SIZE} (an individual has no group size)"
                )
            })
    }
}

impl<'de> Deserialize<'de> for GroupSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = i64::deserialize(deserializer)?;
        u32::try_from(raw)
            .ok()
            .and_then(GroupSize::new)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "group_size must be a number of members from 2 to {MAX_GROUP_SIZE}, not {raw} \
                 (leave it out for an individual)"
                ))
            })
    }
}

/// The facts a session is judged by, recorded in its file when it is logged: whom it was with (peer
/// or non-coach) and, for a group, how many were present. Editing the partner later leaves them be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct SessionFacts {
    /// Peer or non-coach, on the day.
    pub client_type: ClientType,
    /// The members present, for a group; `None` for an individual.
    pub group_size: Option<GroupSize>,
}

impl SessionFacts {
    /// Individual or group.
    pub fn format(self) -> Format {
        match self.group_size {
            Some(_) => Format::Group,
            None => Format::Individual,
        }
    }

    /// How many clients the session was with: the members present for a group, else one.
    pub fn members(self) -> u32 {
        self.group_size.map_or(1, GroupSize::get)
    }

    /// These facts of a past session after an edit of its partner from `old` to `new` is carried
    /// into it (`partner edit --also-past`): each value the session shares with `old` becomes `new`'s,
    /// and a value of its own (the members present one day) stays.
    pub fn carried(self, old: SessionFacts, new: SessionFacts) -> SessionFacts {
        SessionFacts {
            client_type: if self.client_type == old.client_type {
                new.client_type
            } else {
                self.client_type
            },
            group_size: if self.group_size == old.group_size {
                new.group_size
            } else {
                self.group_size
            },
        }
    }
}

/// Where a session's [`SessionFacts`] were read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactsFrom {
    /// The session's own file, as coachlog writes it since the facts are recorded.
    Session,
    /// An older file without them: its partner's current values (`coachlog upgrade` records them).
    Partner,
    /// An older file whose partner file is missing: non-coach and individual, until it is fixed.
    Nowhere,
}

/// A person or group the user coaches or is coached by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partner {
    /// The id, also the file name.
    pub id: PartnerId,
    /// The full name, in any script.
    pub name: String,
    /// Peer or non-coach: the client mix depends on it.
    pub client_type: ClientType,
    /// Reciprocal or one-way: the default for new sessions.
    pub arrangement: Arrangement,
    /// Members of a group; `None` for an individual.
    pub group_size: Option<GroupSize>,
    /// Whether the client agreed to be named in an accreditor's log.
    pub consent: bool,
    /// The name to show instead of the real one in logs for others.
    pub alias: Option<String>,
    /// How to reach the client (confidential).
    pub contact: Option<String>,
    /// The client's e-mail addresses, by which a calendar invitation is matched to them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// The default payment for new sessions.
    pub payment: Option<Payment>,
    /// The default length of new sessions.
    pub default_minutes: Option<Minutes>,
    /// Free notes (confidential).
    pub notes: Option<String>,
    /// The partnership's agreement (reciprocal practice), if one was recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
    /// The day the engagement ended (`partner end`): an ended partner is never "quiet".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended: Option<NaiveDate>,
}

impl Partner {
    /// A new partner with the defaults of `partner add`: one-way, consenting, individual.
    pub fn new(id: PartnerId, name: String, client_type: ClientType) -> Self {
        Partner {
            id,
            name,
            client_type,
            arrangement: Arrangement::OneWay,
            group_size: None,
            consent: true,
            alias: None,
            contact: None,
            emails: Vec::new(),
            payment: None,
            default_minutes: None,
            notes: None,
            agreement: None,
            ended: None,
        }
    }

    /// Individual or group.
    pub fn format(&self) -> Format {
        match self.group_size {
            Some(_) => Format::Group,
            None => Format::Individual,
        }
    }

    /// How many clients this partner is: its members for a group, else one.
    pub fn members(&self) -> u32 {
        self.group_size.map_or(1, GroupSize::get)
    }

    /// The facts a session logged today records: the partner's client type and usual group size.
    pub fn facts(&self) -> SessionFacts {
        SessionFacts {
            client_type: self.client_type,
            group_size: self.group_size,
        }
    }

    /// The payment a new session gets: the partner's own default, else the arrangement's.
    pub fn session_payment(&self, arrangement: Arrangement) -> Payment {
        self.payment
            .unwrap_or_else(|| Payment::default_for(arrangement))
    }
}

/// Changes to a partner, as asked for by `partner edit`; `None` leaves a field alone, and
/// `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartnerPatch {
    /// New e-mail addresses (replacing the old).
    pub emails: Option<Vec<String>>,
    /// A new full name.
    pub name: Option<String>,
    /// A new client type.
    pub client_type: Option<ClientType>,
    /// A new arrangement.
    pub arrangement: Option<Arrangement>,
    /// A new group size, or `Some(None)` for an individual.
    pub group_size: Option<Option<GroupSize>>,
    /// A new consent.
    pub consent: Option<bool>,
    /// A new alias, or none.
    pub alias: Option<Option<String>>,
    /// A new contact, or none.
    pub contact: Option<Option<String>>,
    /// A new default payment, or none.
    pub payment: Option<Option<Payment>>,
    /// A new default duration, or none.
    pub default_minutes: Option<Option<Minutes>>,
    /// New notes, or none.
    pub notes: Option<Option<String>>,
}

impl PartnerPatch {
    /// The partner with these changes made.
    pub fn apply(&self, partner: &Partner) -> Partner {
        fn pick<T: Clone>(change: &Option<T>, current: &T) -> T {
            change.clone().unwrap_or_else(|| current.clone())
        }
        Partner {
            id: partner.id.clone(),
            name: pick(&self.name, &partner.name),
            client_type: pick(&self.client_type, &partner.client_type),
            arrangement: pick(&self.arrangement, &partner.arrangement),
            group_size: pick(&self.group_size, &partner.group_size),
            consent: pick(&self.consent, &partner.consent),
            alias: pick(&self.alias, &partner.alias),
            contact: pick(&self.contact, &partner.contact),
            emails: pick(&self.emails, &partner.emails),
            payment: pick(&self.payment, &partner.payment),
            default_minutes: pick(&self.default_minutes, &partner.default_minutes),
            notes: pick(&self.notes, &partner.notes),
            agreement: partner.agreement.clone(),
            ended: partner.ended,
        }
    }
}

/// The calendar event a session was imported from (`import calendar.ics`), so that importing the
/// same calendar again adds nothing and a moved event is noticed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarRef {
    /// The event's `UID`.
    pub uid: String,
    /// For an instance of a recurring event: its original start, in UTC (`20261123T090000Z`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence_id: Option<String>,
    /// The start the session was imported with, in UTC.
    pub start: String,
}

/// The inbox line a session was logged from (`coachlog inbox`): its file in the logbook, its line,
/// and the SHA-256 of its text, so that reading the inbox again takes each line once.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboxRef {
    /// The inbox file, under the data directory (`inbox.txt`, `inbox/phone.txt`).
    pub file: String,
    /// Its line when it was taken (lines before it may be removed since).
    pub line: u32,
    /// The SHA-256 of the line's text.
    pub sha256: String,
}

/// One session, with every value resolved at the time it was logged, so that editing its partner
/// later never rewrites history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    /// The short id printed by `log` and `sessions` (the unique end of the file name).
    pub id: String,
    /// The local calendar date.
    pub date: NaiveDate,
    /// The partner's id.
    pub partner: PartnerId,
    /// The length in whole minutes.
    pub minutes: Minutes,
    /// Who coached.
    pub role: Role,
    /// What the client gave.
    pub payment: Payment,
    /// Reciprocal or one-way, at the time of the session.
    pub arrangement: Arrangement,
    /// Client type and group size on the day.
    #[serde(flatten)]
    pub facts: SessionFacts,
    /// Where the facts were read from.
    pub facts_from: FactsFrom,
    /// Why the session does not count toward an accreditation, if it does not.
    pub not_counted: Option<NotCounted>,
    /// Free notes (confidential).
    pub notes: Option<String>,
    /// The post-session reflection, if one was recorded.
    pub reflection: Option<Reflection>,
    /// The competencies it worked on, each in a named framework version: its reflection and the
    /// client's answer are read under them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<crate::domain::competency::Tag>,
    /// The client's own answer to a feedback request, if one came back (boxed: most sessions
    /// have none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Box<ClientFeedback>>,
    /// The calendar event it was imported from, if it was (boxed: most sessions have none, and a
    /// report holds every session).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Box<CalendarRef>>,
    /// The inbox line it was logged from, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbox: Option<Box<InboxRef>>,
}

impl Session {
    /// The number of clients present: a group's members on the day, else one.
    pub fn members(&self) -> u32 {
        self.facts.members()
    }
}

/// What makes two sessions the same session logged twice: the partner, the date, the minutes and
/// the role. `check` warns of such duplicates and `import` skips them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SameSession<'a> {
    /// The partner.
    pub partner: &'a PartnerId,
    /// The date.
    pub date: NaiveDate,
    /// The minutes.
    pub minutes: u32,
    /// Who coached.
    pub role: Role,
}

impl Session {
    /// What this session is the same as when logged twice.
    pub fn same(&self) -> SameSession<'_> {
        SameSession {
            partner: &self.partner,
            date: self.date,
            minutes: self.minutes.get(),
            role: self.role,
        }
    }
}

/// A session about to be logged: everything but the id, which storage assigns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The local calendar date.
    pub date: NaiveDate,
    /// The partner's id.
    pub partner: PartnerId,
    /// The length in whole minutes.
    pub minutes: Minutes,
    /// Who coached.
    pub role: Role,
    /// What the client gave.
    pub payment: Payment,
    /// Reciprocal or one-way.
    pub arrangement: Arrangement,
    /// Client type and group size on the day.
    pub facts: SessionFacts,
    /// Why the session does not count toward an accreditation, if it does not.
    pub not_counted: Option<NotCounted>,
    /// Free notes.
    pub notes: Option<String>,
    /// The post-session reflection, if one was recorded.
    pub reflection: Option<Reflection>,
    /// The competencies it worked on.
    pub competencies: Vec<crate::domain::competency::Tag>,
    /// The client's own answer to a feedback request, if one came back (boxed: most sessions
    /// have none).
    pub feedback: Option<Box<ClientFeedback>>,
    /// The calendar event it comes from, if it does.
    pub calendar: Option<Box<CalendarRef>>,
    /// The inbox line it comes from, if it does.
    pub inbox: Option<Box<InboxRef>>,
}

impl NewSession {
    /// What this session is the same as when logged twice (see [`Session::same`]).
    pub fn same(&self) -> SameSession<'_> {
        SameSession {
            partner: &self.partner,
            date: self.date,
            minutes: self.minutes.get(),
            role: self.role,
        }
    }

    /// The session under its assigned id, its facts recorded in its own file.
    pub fn with_id(self, id: String) -> Session {
        Session {
            id,
            date: self.date,
            partner: self.partner,
            minutes: self.minutes,
            role: self.role,
            payment: self.payment,
            arrangement: self.arrangement,
            facts: self.facts,
            facts_from: FactsFrom::Session,
            not_counted: self.not_counted,
            notes: self.notes,
            reflection: self.reflection,
            competencies: self.competencies,
            feedback: self.feedback,
            calendar: self.calendar,
            inbox: self.inbox,
        }
    }
}

impl Role {
    /// The other side of a session between a coach and a client: the client's for the coach's,
    /// and the coach's for the client's (an observer's is the coach's: a receipt names no
    /// observer).
    pub fn counterpart(self) -> Role {
        match self {
            Role::Coach => Role::Client,
            Role::Client | Role::Observer => Role::Coach,
        }
    }
}

/// Refuses a reflection on a session in which the user did not coach.
pub fn check_role(role: Role) -> anyhow::Result<()> {
    let what = match role {
        Role::Coach => return Ok(()),
        Role::Client => "you were the client",
        Role::Observer => "you observed",
    };
    Err(crate::error::usage(format!(
        "a reflection rates your coaching, and in this session {what}: reflect on a session with \
         role coach"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partner() -> Partner {
        let id = PartnerId::from_name("Alex Kim").expect("id");
        Partner::new(id, "Alex Kim".into(), ClientType::Peer)
    }

    #[test]
    fn words_are_spelled_as_on_the_command_line() {
        assert_eq!(ClientType::NonCoach.to_string(), "non-coach");
        assert_eq!("one-way".parse(), Ok(Arrangement::OneWay));
        assert_eq!("pro-bono".parse(), Ok(Payment::ProBono));
        assert_eq!(
            serde_json::to_string(&Payment::ProBono).ok().as_deref(),
            Some("\"pro-bono\"")
        );
        assert!(
            "probono"
                .parse::<Payment>()
                .expect_err("typo")
                .contains("paid, exchange, pro-bono")
        );
    }

    #[test]
    fn payment_defaults_follow_the_arrangement_unless_the_partner_says() {
        let mut p = partner();
        assert_eq!(
            p.session_payment(Arrangement::Reciprocal),
            Payment::Exchange
        );
        assert_eq!(p.session_payment(Arrangement::OneWay), Payment::ProBono);
        p.payment = Some(Payment::Paid);
        assert_eq!(p.session_payment(Arrangement::Reciprocal), Payment::Paid);
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let p = partner();
        let patch = PartnerPatch {
            group_size: Some(GroupSize::new(4)),
            contact: Some(Some("a@example.org".into())),
            ..PartnerPatch::default()
        };
        let q = patch.apply(&p);
        assert_eq!(q.members(), 4);
        assert_eq!(q.format(), Format::Group);
        assert_eq!(q.contact.as_deref(), Some("a@example.org"));
        assert_eq!(q.name, p.name);
        let back = PartnerPatch {
            group_size: Some(None),
            ..PartnerPatch::default()
        }
        .apply(&q);
        assert_eq!(back.members(), 1);
    }

    #[test]
    fn an_edit_carried_into_the_past_changes_only_what_matched_the_old_partner() {
        let facts = |client_type, group: Option<u32>| SessionFacts {
            client_type,
            group_size: group.and_then(GroupSize::new),
        };
        let old = facts(ClientType::Peer, Some(6));
        let new = facts(ClientType::NonCoach, Some(8));
        assert_eq!(old.carried(old, new), new);
        assert_eq!(
            facts(ClientType::Peer, Some(4)).carried(old, new),
            facts(ClientType::NonCoach, Some(4)),
            "the four present one day stay four"
        );
        assert_eq!(
            facts(ClientType::NonCoach, Some(6)).carried(old, new),
            facts(ClientType::NonCoach, Some(8))
        );
        let individual = facts(ClientType::Peer, None);
        assert_eq!(
            individual.carried(individual, facts(ClientType::Peer, Some(3))),
            facts(ClientType::Peer, Some(3))
        );
    }

    #[test]
    fn group_sizes_are_at_least_two() {
        assert!("1".parse::<GroupSize>().is_err());
        assert!("0".parse::<GroupSize>().is_err());
        assert!("x".parse::<GroupSize>().expect_err("x").contains("'x'"));
        assert_eq!("6".parse::<GroupSize>().map(GroupSize::get), Ok(6));
    }
}
