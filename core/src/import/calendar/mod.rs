//! `import calendar.ics`: calendar events become sessions. Pure: a file's text, the rules, the
//! logbook as it is and the as-of date in, a plan out.
//!
//! Each event is expanded into its occurrences up to the as-of date (RRULE through the `rrule`
//! crate, in the event's wall-clock time, so that a weekly 09:00 stays at 09:00 across a change
//! of summer time; EXDATE taken out; an instance moved by a RECURRENCE-ID override replaced by the
//! override). An occurrence is a session when it has a time and a length, is not cancelled,
//! declined by the user or shown as free, and a rule says with whom; its date is the local date of
//! its start in the user's time zone. Every session records the event's UID (and the instance's
//! original start), so that importing the file again adds nothing.

pub(crate) mod ics;
pub(crate) mod zone;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::domain::duration::Minutes;
use crate::domain::id::PartnerId;
use crate::domain::model::{CalendarRef, NewSession, Partner, Payment, Role, SameSession, Session};
use crate::rules::settings::{CalendarRule, CalendarSettings};
use ics::{Event, When};
use zone::{Zone, Zones};

/// Why an event, or one occurrence of it, is not a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// An all-day event.
    AllDay,
    /// `STATUS:CANCELLED`.
    Cancelled,
    /// The user declined the invitation.
    Declined,
    /// Shown as free (`TRANSP:TRANSPARENT`).
    Free,
    /// After the as-of date.
    Future,
    /// No rule matched: not a coaching session.
    NoRule,
    /// No length, or one coachlog cannot log (over 24 hours).
    Length,
    /// The person's name, from the calendar, holds control or invisible characters: coachlog
    /// would not read back a partner file with it.
    Name,
}

impl Skip {
    /// Why, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Skip::AllDay => "all-day",
            Skip::Cancelled => "cancelled",
            Skip::Declined => "declined",
            Skip::Free => "shown as free",
            Skip::Future => "after the as-of date",
            Skip::NoRule => "matched no rule",
            Skip::Length => "without a length of 1 minute to 24 hours",
            Skip::Name => {
                "for a new partner whose name holds control or invisible characters (add the \
                 partner by hand with `coachlog partner add`)"
            }
        }
    }
}

/// One occurrence of an event: the event it is (an override for a moved instance), its start, its
/// length, and, for an instance of a recurring event, its original start.
struct Occurrence<'a> {
    event: &'a Event,
    start: DateTime<Utc>,
    minutes: Option<i64>,
    recurrence_id: Option<String>,
}

/// A moment as an iCalendar UTC value: `20261123T090000Z`.
fn stamp(moment: DateTime<Utc>) -> String {
    moment.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A session already imported whose event has moved or changed length since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The session's id.
    pub session: String,
    /// Its partner.
    pub partner: PartnerId,
    /// Its date and minutes as logged.
    pub was: (NaiveDate, u32),
    /// Its date and minutes as the calendar has them now.
    pub now: (NaiveDate, u32),
    /// The calendar reference it would get.
    pub calendar: CalendarRef,
}

/// What an import of a calendar will do.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Sessions to write.
    pub sessions: Vec<NewSession>,
    /// Partners to create (`--create-partners`).
    pub new_partners: Vec<Partner>,
    /// Occurrences already imported (or logged by hand: the same partner, date, minutes, role).
    pub already: usize,
    /// Sessions whose event changed since they were imported.
    pub changed: Vec<Changed>,
    /// Occurrences that are not sessions, by reason.
    pub skipped: BTreeMap<Skip, usize>,
    /// People a rule matched who are not partners: the name, a rule's client type, how many
    /// sessions.
    pub unknown: BTreeMap<String, (Option<crate::domain::model::ClientType>, usize)>,
    /// Partners invited at an address they do not list: the partner, the address, how many
    /// sessions (none is imported: the address decides who the session is with).
    pub unlisted: BTreeMap<(PartnerId, String), usize>,
    /// Events that cannot be read (a zone that is not known, a broken rule).
    pub errors: Vec<String>,
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The rules and the user's zone and addresses.
    pub settings: &'a CalendarSettings,
    /// The last day imported.
    pub as_of: NaiveDate,
    /// `--role client`: the user is coached in these sessions.
    pub role: Option<Role>,
    /// Create the partners the rules name and the logbook lacks.
    pub create_partners: bool,
}

/// The wall-clock time a value gives in its zone, and that zone.
fn local_of(when: &When, zones: &Zones) -> Result<(NaiveDateTime, Zone), String> {
    match when {
        When::Zoned(t, _) | When::Floating(t) => Ok((*t, zones.zone_of(when)?)),
        When::Utc(t) => Ok((*t, Zone::Iana(chrono_tz::Tz::UTC))),
        When::Date(d) => Ok((
            d.and_hms_opt(0, 0, 0).unwrap_or_default(),
            zones.user.clone(),
        )),
    }
}

/// An event's length in minutes: DTEND − DTSTART, else DURATION.
fn minutes_of(event: &Event, zones: &Zones) -> Result<Option<i64>, String> {
    if let Some(end) = &event.end {
        let (start, end) = (zones.moment(&event.start)?, zones.moment(end)?);
        return Ok(Some((end - start).num_minutes()));
    }
    Ok(event.duration)
}

/// Every occurrence of the events, starting before `until` (exclusive).
fn occurrences<'a>(
    events: &'a [Event],
    zones: &Zones,
    until: DateTime<Utc>,
    errors: &mut Vec<String>,
) -> Vec<Occurrence<'a>> {
    let mut overrides: HashMap<&str, Vec<&Event>> = HashMap::new();
    for e in events.iter().filter(|e| e.recurrence_id.is_some()) {
        overrides.entry(e.uid.as_str()).or_default().push(e);
    }
    let mut found = Vec::new();
    for master in events.iter().filter(|e| e.recurrence_id.is_none()) {
        let result = (|| -> Result<(), String> {
            let start = zones.moment(&master.start)?;
            let minutes = minutes_of(master, zones)?;
            // A single event is one occurrence; so is an all-day recurring one (one skip for it,
            // however many days).
            let rule = match &master.rrule {
                Some(rule) if !matches!(master.start, When::Date(_)) => rule,
                _ => {
                    found.push(Occurrence {
                        event: master,
                        start,
                        minutes,
                        recurrence_id: None,
                    });
                    return Ok(());
                }
            };
            let (local, zone) = local_of(&master.start, zones)?;
            let excluded: Vec<NaiveDateTime> = master
                .exdates
                .iter()
                .filter_map(|x| zones.moment(x).ok())
                .map(|m| zone.local(m))
                .collect();
            let moved: &[&Event] = overrides
                .get(master.uid.as_str())
                .map_or(&[], Vec::as_slice);
            for instance in expand(rule, local, &zone, until)? {
                if excluded.contains(&instance) {
                    continue;
                }
                let Some(original) = zone.to_utc(instance) else {
                    continue;
                };
                let id = stamp(original);
                let replacement = moved.iter().find(|o| {
                    o.recurrence_id
                        .as_ref()
                        .and_then(|r| zones.moment(r).ok())
                        .is_some_and(|m| m == original)
                });
                match replacement {
                    Some(o) => found.push(Occurrence {
                        event: o,
                        start: zones.moment(&o.start)?,
                        minutes: minutes_of(o, zones)?,
                        recurrence_id: Some(id),
                    }),
                    None => found.push(Occurrence {
                        event: master,
                        start: original,
                        minutes,
                        recurrence_id: Some(id),
                    }),
                }
            }
            Ok(())
        })();
        if let Err(e) = result {
            errors.push(format!("event {} ({}): {e}", master.uid, master.summary));
        }
    }
    found
}

/// The wall-clock times of a rule from `local`, starting before `until`.
fn expand(
    rule: &str,
    local: NaiveDateTime,
    zone: &Zone,
    until: DateTime<Utc>,
) -> Result<Vec<NaiveDateTime>, String> {
    // UTC stands in for the event's wall clock, so the instances keep their local time; an UNTIL
    // in UTC is moved onto the same wall clock.
    let rule = rule
        .split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.eq_ignore_ascii_case("UNTIL") && value.ends_with('Z') => {
                NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                    .map(|t| {
                        format!(
                            "UNTIL={}Z",
                            zone.local(Utc.from_utc_datetime(&t))
                                .format("%Y%m%dT%H%M%S")
                        )
                    })
                    .unwrap_or_else(|_| part.to_owned())
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";");
    let text = format!("DTSTART:{}Z\nRRULE:{rule}", local.format("%Y%m%dT%H%M%S"));
    let set: rrule::RRuleSet = text
        .parse()
        .map_err(|e| format!("its RRULE cannot be read: {e}"))?;
    let before = rrule::Tz::UTC.from_utc_datetime(&zone.local(until));
    Ok(set
        .before(before)
        .all(u16::MAX)
        .dates
        .iter()
        .map(|d| d.naive_utc())
        .filter(|t| zone.to_utc(*t).is_some_and(|m| m < until))
        .collect())
}

/// Whether `text` matches `pattern` (`*` for anything), without regard to case.
fn glob(text: &[char], pattern: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some(('*', rest)) => (0..=text.len()).any(|i| glob(&text[i..], rest)),
        Some((p, rest)) => text
            .split_first()
            .is_some_and(|(t, tail)| t.to_lowercase().eq(p.to_lowercase()) && glob(tail, rest)),
    }
}

/// What `{partner}` stands for when `summary` matches `pattern`, or `Some("")` for a pattern
/// without it; `None` when it does not match.
pub fn captured(summary: &str, pattern: &str) -> Option<String> {
    let text: Vec<char> = summary.trim().chars().collect();
    let Some((before, after)) = pattern.split_once("{partner}") else {
        let pattern: Vec<char> = pattern.chars().collect();
        return glob(&text, &pattern).then(String::new);
    };
    let (before, after): (Vec<char>, Vec<char>) =
        (before.chars().collect(), after.chars().collect());
    for i in 0..=text.len() {
        if !glob(&text[..i], &before) {
            continue;
        }
        for j in (i + 1..=text.len()).rev() {
            if glob(&text[j..], &after) {
                let name: String = text[i..j].iter().collect();
                let name = name.trim().to_owned();
                if !name.is_empty() {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// The partners, found by id, by name without regard to case, and by e-mail address.
#[derive(Default)]
struct Known {
    partners: Vec<Partner>,
    by_name: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
}

impl Known {
    fn new(partners: &[Partner]) -> Self {
        let mut known = Known::default();
        for p in partners {
            known.add(p.clone());
        }
        known
    }

    fn add(&mut self, p: Partner) {
        let index = self.partners.len();
        self.by_name.entry(p.id.to_string()).or_insert(index);
        self.by_name.entry(p.name.to_lowercase()).or_insert(index);
        for e in &p.emails {
            self.by_email.entry(e.to_lowercase()).or_insert(index);
        }
        self.partners.push(p);
    }

    /// The partner a name stands for: an id, or a name without regard to case.
    fn named(&self, name: &str) -> Option<&Partner> {
        self.by_name
            .get(&name.to_lowercase())
            .map(|i| &self.partners[*i])
    }

    fn with_id(&self, id: &PartnerId) -> Option<&Partner> {
        self.by_name.get(id.as_str()).map(|i| &self.partners[*i])
    }

    fn with_email(&self, email: &str) -> Option<&Partner> {
        self.by_email.get(email).map(|i| &self.partners[*i])
    }
}

/// Whom a rule says an event is with: a partner, or the name of someone who is not one yet.
enum Whom<'a> {
    Partner(&'a Partner),
    Unknown(String),
    /// An attendee named as a partner is, at an address that partner does not list.
    NoAddress(&'a Partner, String),
}

fn matches<'a>(
    rule: &CalendarRule,
    event: &Event,
    partners: &'a Known,
    me: &[String],
) -> Option<Whom<'a>> {
    if let Some(organizer) = &rule.organizer
        && event.organizer.as_deref() != Some(organizer.to_lowercase().as_str())
    {
        return None;
    }
    if let Some(category) = &rule.category
        && !event
            .categories
            .iter()
            .any(|c| c.eq_ignore_ascii_case(category))
    {
        return None;
    }
    let name = match &rule.summary {
        Some(pattern) => Some(captured(&event.summary, pattern)?),
        None => None,
    };
    if let Some(id) = &rule.partner {
        return Some(match partners.with_id(id) {
            Some(p) => Whom::Partner(p),
            None => Whom::Unknown(id.to_string()),
        });
    }
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        return Some(match partners.named(&name) {
            Some(p) => Whom::Partner(p),
            None => Whom::Unknown(name),
        });
    }
    if rule.attendee {
        // The other people invited: everyone but the user.
        let others: Vec<&ics::Attendee> = event
            .attendees
            .iter()
            .filter(|a| !me.contains(&a.email))
            .collect();
        for a in &others {
            if let Some(p) = partners.with_email(&a.email) {
                return Some(Whom::Partner(p));
            }
        }
        let someone = others.first()?;
        if let Some(p) = someone.name.as_deref().and_then(|n| partners.named(n)) {
            return Some(Whom::NoAddress(p, someone.email.clone()));
        }
        return Some(Whom::Unknown(
            someone
                .name
                .clone()
                .unwrap_or_else(|| someone.email.clone()),
        ));
    }
    None
}

/// Plans importing `text` into a logbook holding `partners` and `sessions`.
pub fn plan(
    text: &str,
    options: &Options,
    partners: &[Partner],
    sessions: &[Session],
) -> Result<Plan, String> {
    let calendar = ics::read(text)?;
    if options.settings.rules.is_empty() {
        return Err(
            "there are no [[calendar.rule]] tables in config.toml, so no event can be a session: \
             add one (see README, \"Import sessions from a calendar\"), e.g. with `coachlog edit config`"
                .to_owned(),
        );
    }
    let zones = Zones {
        defined: &calendar.zones,
        user: zone::user_zone(options.settings.timezone.as_deref())?,
    };
    let next_day = options
        .as_of
        .checked_add_days(Days::new(1))
        .unwrap_or(options.as_of);
    let until = zones
        .user
        .to_utc(next_day.and_hms_opt(0, 0, 0).unwrap_or_default())
        .ok_or("the as-of date does not exist in the user's time zone")?;
    let me: Vec<String> = options
        .settings
        .me
        .iter()
        .map(|m| m.to_lowercase())
        .collect();
    let mut plan = Plan::default();
    plan.errors.extend(calendar.invalid.iter().cloned());
    let imported: HashMap<(&str, Option<&str>), &Session> = sessions
        .iter()
        .filter_map(|s| {
            let c = s.calendar.as_ref()?;
            Some(((c.uid.as_str(), c.recurrence_id.as_deref()), s))
        })
        .collect();
    let by_hand: std::collections::HashSet<SameSession> = sessions
        .iter()
        .filter(|s| s.calendar.is_none())
        .map(Session::same)
        .collect();
    let mut known = Known::new(partners);
    let all = occurrences(&calendar.events, &zones, until, &mut plan.errors);
    for o in all {
        let e = o.event;
        let skip = if matches!(e.start, When::Date(_)) {
            Some(Skip::AllDay)
        } else if e.status.as_deref() == Some("CANCELLED") {
            Some(Skip::Cancelled)
        } else if e
            .attendees
            .iter()
            .any(|a| me.contains(&a.email) && a.partstat.as_deref() == Some("DECLINED"))
        {
            Some(Skip::Declined)
        } else if e.transparent {
            Some(Skip::Free)
        } else if o.start >= until {
            Some(Skip::Future)
        } else {
            None
        };
        if let Some(skip) = skip {
            *plan.skipped.entry(skip).or_default() += 1;
            continue;
        }
        let Some((rule, whom)) = options
            .settings
            .rules
            .iter()
            .find_map(|r| matches(r, e, &known, &me).map(|w| (r, w)))
        else {
            *plan.skipped.entry(Skip::NoRule).or_default() += 1;
            continue;
        };
        let Some(minutes) = o
            .minutes
            .and_then(|m| u32::try_from(m).ok())
            .and_then(Minutes::new)
        else {
            *plan.skipped.entry(Skip::Length).or_default() += 1;
            continue;
        };
        let partner = match whom {
            Whom::Partner(p) => p.clone(),
            Whom::NoAddress(p, email) => {
                *plan.unlisted.entry((p.id.clone(), email)).or_default() += 1;
                continue;
            }
            Whom::Unknown(name) => {
                let create = options
                    .create_partners
                    .then_some(rule.client_type)
                    .flatten();
                if create.is_some() && crate::domain::text::single_line(&name).is_err() {
                    *plan.skipped.entry(Skip::Name).or_default() += 1;
                    continue;
                }
                match (create, PartnerId::from_name(&name)) {
                    (Some(client_type), Some(id)) => {
                        let mut p = Partner::new(id, name.clone(), client_type);
                        p.payment = rule.payment;
                        known.add(p.clone());
                        plan.new_partners.push(p.clone());
                        p
                    }
                    _ => {
                        let entry = plan.unknown.entry(name).or_insert((rule.client_type, 0));
                        entry.1 += 1;
                        continue;
                    }
                }
            }
        };
        let date = zones.user.local(o.start).date();
        let calendar_ref = CalendarRef {
            uid: e.uid.clone(),
            recurrence_id: o.recurrence_id.clone(),
            start: stamp(o.start),
        };
        let role = options.role.or(rule.role).unwrap_or(Role::Coach);
        if let Some(s) = imported.get(&(e.uid.as_str(), o.recurrence_id.as_deref())) {
            let logged_start = s.calendar.as_ref().map(|c| c.start.as_str());
            if logged_start == Some(calendar_ref.start.as_str()) && s.minutes == minutes {
                plan.already += 1;
            } else {
                plan.changed.push(Changed {
                    session: s.id.clone(),
                    partner: s.partner.clone(),
                    was: (s.date, s.minutes.get()),
                    now: (date, minutes.get()),
                    calendar: calendar_ref,
                });
            }
            continue;
        }
        let same = SameSession {
            partner: &partner.id,
            date,
            minutes: minutes.get(),
            role,
        };
        if by_hand.contains(&same) {
            plan.already += 1;
            continue;
        }
        let arrangement = partner.arrangement;
        plan.sessions.push(NewSession {
            date,
            partner: partner.id.clone(),
            minutes,
            role,
            payment: rule
                .payment
                .or(partner.payment)
                .unwrap_or_else(|| Payment::default_for(arrangement)),
            arrangement,
            facts: partner.facts(),
            not_counted: None,
            notes: None,
            reflection: None,
            competencies: Vec::new(),
            feedback: None,
            calendar: Some(Box::new(calendar_ref)),
            inbox: None,
        });
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_pattern_captures_the_partner() {
        assert_eq!(
            captured("Coaching: Alex Kim", "Coaching: {partner}").as_deref(),
            Some("Alex Kim")
        );
        assert_eq!(
            captured("coaching:  alex kim ", "Coaching: {partner}").as_deref(),
            Some("alex kim")
        );
        assert_eq!(
            captured("Session with Mei (online)", "Session with {partner} (*)").as_deref(),
            Some("Mei")
        );
        assert_eq!(
            captured("Northwind leadership group", "Northwind*").as_deref(),
            Some("")
        );
        assert_eq!(captured("Dentist", "Coaching: {partner}"), None);
        assert_eq!(
            captured("Coaching: ", "Coaching: {partner}"),
            None,
            "no name"
        );
    }

    proptest::proptest! {
        /// Whatever the events, importing their calendar a second time adds nothing.
        #[test]
        fn a_second_import_adds_nothing(
            events in proptest::collection::vec((0u32..60, 0u32..24, 0u32..4, 15u32..120, 0usize..3, 0usize..3), 1..12)
        ) {
            let zones = ["Europe/Berlin", "Pacific/Auckland", "America/New_York"];
            let names = ["Alex Kim", "Mei Chen", "Jordan Ellis"];
            let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
            for (i, (day, hour, weeks, minutes, zone, name)) in events.iter().enumerate() {
                let start = NaiveDate::from_ymd_opt(2026, 9, 1).expect("date")
                    + Days::new(u64::from(*day));
                text.push_str(&format!(
                    "BEGIN:VEVENT\r\nUID:e{i}\r\nSUMMARY:Coaching: {}\r\nDTSTART;TZID={}:{}T{:02}1500\r\nDURATION:PT{}M\r\n{}END:VEVENT\r\n",
                    names[*name],
                    zones[*zone],
                    start.format("%Y%m%d"),
                    hour,
                    minutes,
                    if *weeks > 0 { format!("RRULE:FREQ=WEEKLY;COUNT={}\r\n", weeks + 1) } else { String::new() },
                ));
            }
            text.push_str("END:VCALENDAR\r\n");
            let partners: Vec<Partner> = names
                .iter()
                .map(|n| Partner::new(PartnerId::from_name(n).expect("id"), (*n).to_owned(), crate::domain::model::ClientType::Peer))
                .collect();
            let settings = CalendarSettings {
                timezone: Some("Europe/Berlin".into()),
                me: Vec::new(),
                file: None,
                rules: vec![CalendarRule { summary: Some("Coaching: {partner}".into()), ..CalendarRule::default() }],
            };
            let options = Options {
                settings: &settings,
                as_of: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
                role: None,
                create_partners: false,
            };
            let first = plan(&text, &options, &partners, &[]).expect("plan");
            let logged: Vec<Session> = first
                .sessions
                .iter()
                .enumerate()
                .map(|(i, s)| s.clone().with_id(format!("s{i}")))
                .collect();
            let second = plan(&text, &options, &partners, &logged).expect("plan");
            proptest::prop_assert!(second.sessions.is_empty());
            proptest::prop_assert_eq!(second.already, first.sessions.len());
            proptest::prop_assert!(second.changed.is_empty());
        }
    }
}
