//! Time zones: an IANA name (`Europe/Berlin`) through chrono-tz's copy of the tz database, or a
//! zone the file defines in a VTIMEZONE block under another name (Outlook's `W. Europe Standard
//! Time`), judged by the block's own STANDARD and DAYLIGHT rules.

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use ical::parser::ical::component::IcalTimeZone;

use super::ics::When;

/// A zone: named in the tz database, or defined by the file.
#[derive(Debug, Clone)]
pub(crate) enum Zone {
    /// From the tz database.
    Iana(Tz),
    /// From a VTIMEZONE block: each onset's rule (DTSTART in local time, RRULE) and the offset
    /// from UTC, in seconds, from then on.
    Defined(Vec<Onset>),
}

/// One STANDARD or DAYLIGHT part of a VTIMEZONE.
#[derive(Debug, Clone)]
pub(crate) struct Onset {
    start: NaiveDateTime,
    rrule: Option<String>,
    offset_to: i32,
    offset_from: i32,
}

/// An offset like `+0100` or `-0430`, in seconds.
fn offset(text: &str) -> Option<i32> {
    let text = text.trim();
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (1, text),
    };
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4)?.parse().ok()?;
    Some(sign * (hours * 3600 + minutes * 60))
}

impl Zone {
    /// The zone a `TZID` names: a VTIMEZONE of that name in the file, else the tz database's.
    pub(crate) fn named(name: &str, defined: &[IcalTimeZone]) -> Option<Zone> {
        if let Ok(tz) = name.parse::<Tz>() {
            return Some(Zone::Iana(tz));
        }
        let block = defined.iter().find(|z| {
            z.properties
                .iter()
                .any(|p| p.name == "TZID" && p.value.as_deref().map(str::trim) == Some(name))
        })?;
        let onsets: Vec<Onset> = block
            .transitions
            .iter()
            .filter_map(|t| {
                let get = |key: &str| {
                    t.properties
                        .iter()
                        .find(|p| p.name == key)
                        .and_then(|p| p.value.clone())
                };
                Some(Onset {
                    start: NaiveDateTime::parse_from_str(get("DTSTART")?.trim(), "%Y%m%dT%H%M%S")
                        .ok()?,
                    rrule: get("RRULE"),
                    offset_to: offset(&get("TZOFFSETTO")?)?,
                    offset_from: offset(&get("TZOFFSETFROM")?)?,
                })
            })
            .collect();
        (!onsets.is_empty()).then_some(Zone::Defined(onsets))
    }

    /// The moment a wall-clock time in this zone is (in a gap, the time an hour later; in an
    /// overlap, the first).
    pub(crate) fn to_utc(&self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            Zone::Iana(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .or_else(|| {
                    tz.from_local_datetime(&(local + Duration::hours(1)))
                        .earliest()
                })
                .map(|t| t.with_timezone(&Utc)),
            Zone::Defined(onsets) => {
                let seconds = self.offset_at(local, onsets)?;
                Some(Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(seconds)))))
            }
        }
    }

    /// A moment as wall-clock time in this zone.
    pub(crate) fn local(&self, moment: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Iana(tz) => moment.with_timezone(tz).naive_local(),
            Zone::Defined(onsets) => {
                // The offset of the wall-clock time is found from the wall-clock time itself:
                // try the offsets the zone has, and keep the one that gives back this moment.
                let mut candidates: Vec<i32> = onsets
                    .iter()
                    .flat_map(|o| [o.offset_to, o.offset_from])
                    .collect();
                candidates.dedup();
                candidates
                    .into_iter()
                    .map(|s| moment.naive_utc() + Duration::seconds(i64::from(s)))
                    .find(|local| self.to_utc(*local) == Some(moment))
                    .unwrap_or_else(|| moment.naive_utc())
            }
        }
    }

    /// The offset in force at `local`: that of the latest onset at or before it.
    fn offset_at(&self, local: NaiveDateTime, onsets: &[Onset]) -> Option<i32> {
        let mut latest: Option<(NaiveDateTime, i32)> = None;
        for onset in onsets {
            for at in onset_times(onset, local) {
                if at <= local && latest.is_none_or(|(t, _)| at > t) {
                    latest = Some((at, onset.offset_to));
                }
            }
        }
        latest
            .map(|(_, o)| o)
            .or_else(|| onsets.iter().min_by_key(|o| o.start).map(|o| o.offset_from))
    }
}

/// The times an onset happens, in local time, up to the year after `until`.
fn onset_times(onset: &Onset, until: NaiveDateTime) -> Vec<NaiveDateTime> {
    let Some(rule) = &onset.rrule else {
        return vec![onset.start];
    };
    // The onset's rule, expanded with UTC standing in for the wall clock.
    let text = format!(
        "DTSTART:{}Z\nRRULE:{rule}",
        onset.start.format("%Y%m%dT%H%M%S")
    );
    let Ok(set) = text.parse::<rrule::RRuleSet>() else {
        return vec![onset.start];
    };
    let after = until - Duration::days(800);
    let before = until + Duration::days(400);
    set.after(rrule::Tz::UTC.from_utc_datetime(&after))
        .before(rrule::Tz::UTC.from_utc_datetime(&before))
        .all(64)
        .dates
        .iter()
        .map(|d| d.naive_utc())
        .collect()
}

/// Where `When` values are read: the file's zones, and the user's zone for floating times.
pub(crate) struct Zones<'a> {
    /// The file's VTIMEZONE blocks.
    pub defined: &'a [IcalTimeZone],
    /// The user's zone.
    pub user: Zone,
}

impl Zones<'_> {
    /// The zone of a value (the user's for a floating or all-day one), or the name not known.
    pub(crate) fn zone_of(&self, when: &When) -> Result<Zone, String> {
        match when {
            When::Zoned(_, name) => Zone::named(name, self.defined).ok_or_else(|| {
                format!(
                    "the time zone '{name}' is neither in the tz database nor defined in the file"
                )
            }),
            When::Utc(_) => Ok(Zone::Iana(Tz::UTC)),
            _ => Ok(self.user.clone()),
        }
    }

    /// The moment a value stands for (an all-day value: its midnight in the user's zone).
    pub(crate) fn moment(&self, when: &When) -> Result<DateTime<Utc>, String> {
        let (zone, local) = match when {
            When::Date(d) => (
                self.user.clone(),
                d.and_hms_opt(0, 0, 0).unwrap_or_default(),
            ),
            When::Utc(t) => return Ok(Utc.from_utc_datetime(t)),
            When::Zoned(t, _) | When::Floating(t) => (self.zone_of(when)?, *t),
        };
        zone.to_utc(local)
            .ok_or_else(|| format!("{local} does not exist in its time zone"))
    }
}

/// The user's zone: an IANA name, or the system's when none is given.
pub(crate) fn user_zone(name: Option<&str>) -> Result<Zone, String> {
    match name {
        Some(name) => name.parse::<Tz>().map(Zone::Iana).map_err(|_| {
            format!("'{name}' is not a time zone of the tz database (e.g. Europe/Berlin, America/New_York)")
        }),
        None => Ok(iana_of_system().map_or(Zone::Iana(Tz::UTC), Zone::Iana)),
    }
}

/// The system's zone, from `TZ` or `/etc/localtime`, when it names one of the tz database.
fn iana_of_system() -> Option<Tz> {
    if let Ok(tz) = std::env::var("TZ") {
        return tz.trim_start_matches(':').parse().ok();
    }
    let target = std::fs::read_link("/etc/localtime").ok()?;
    let text = target.to_string_lossy();
    let name = text.split("zoneinfo/").nth(1)?;
    name.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ical::parser::ical::component::{IcalTimeZoneTransition, IcalTimeZoneTransitionType};
    use ical::property::Property;

    fn prop(name: &str, value: &str) -> Property {
        Property {
            name: name.into(),
            params: None,
            value: Some(value.into()),
        }
    }

    /// Outlook's definition of Central European time.
    fn w_europe() -> IcalTimeZone {
        let mut zone = IcalTimeZone::new();
        zone.properties
            .push(prop("TZID", "W. Europe Standard Time"));
        let mut standard = IcalTimeZoneTransition::new(IcalTimeZoneTransitionType::STANDARD);
        standard.properties = vec![
            prop("DTSTART", "16010101T030000"),
            prop("TZOFFSETFROM", "+0200"),
            prop("TZOFFSETTO", "+0100"),
            prop("RRULE", "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10"),
        ];
        let mut daylight = IcalTimeZoneTransition::new(IcalTimeZoneTransitionType::DAYLIGHT);
        daylight.properties = vec![
            prop("DTSTART", "16010101T020000"),
            prop("TZOFFSETFROM", "+0100"),
            prop("TZOFFSETTO", "+0200"),
            prop("RRULE", "FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3"),
        ];
        zone.transitions = vec![standard, daylight];
        zone
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn a_defined_zone_agrees_with_the_tz_database() {
        let defined = [w_europe()];
        let outlook = Zone::named("W. Europe Standard Time", &defined).expect("defined");
        let berlin = Zone::named("Europe/Berlin", &[]).expect("iana");
        for t in [
            "2026-01-15 09:00",
            "2026-07-15 09:00",
            "2026-03-29 03:30",
            "2026-10-25 01:30",
        ] {
            assert_eq!(outlook.to_utc(local(t)), berlin.to_utc(local(t)), "{t}");
        }
        let moment = berlin.to_utc(local("2026-07-15 23:30")).expect("moment");
        assert_eq!(outlook.local(moment), local("2026-07-15 23:30"));
    }

    #[test]
    fn a_gap_moves_an_hour_on() {
        let berlin = Zone::named("Europe/Berlin", &[]).expect("iana");
        // 02:30 on 29 March 2026 does not exist in Berlin: 03:30 CEST = 01:30 UTC.
        let moment = berlin.to_utc(local("2026-03-29 02:30")).expect("moment");
        assert_eq!(moment.naive_utc(), local("2026-03-29 01:30"));
    }
}
