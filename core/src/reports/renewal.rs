//! `summary --renewal`: for each credential held, the continuing education (and mentor coaching)
//! of its window against the scheme's renewal figures, and the days until it expires.
//!
//! ICF: 40 CCE units in the 3 years of a credential, at least 24 on the Core Competencies (ethics
//! counts within them) of which at least 3 on ethics; up to 10 h of mentor coaching and 10 h of
//! supervision received count as units (toward the total only: coachlog does not assume a
//! category for them); an ACC renewal also needs 10 h of mentor coaching, judged as an
//! application's is (at least 3 h one-to-one, groups of at most 10, over at least 3 months).

use chrono::NaiveDate;

use super::credential::{self, MentoringCount};
use super::requirement::{Figure, Requirement, RequirementKind, Shortfall};
use crate::domain::development::{CpdCategory, Credential, Development};
use crate::rules::scheme::{Renewal, Scheme};

/// What counted toward one renewal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenewalCount {
    /// Continuing education units, in minutes.
    pub cpd_minutes: u64,
    /// Of which on the Core Competencies (ethics not included).
    pub core_competencies: u64,
    /// Of which on ethics.
    pub ethics: u64,
    /// Of which on resource development.
    pub resource_development: u64,
    /// Mentor coaching received in the window, in minutes.
    pub mentoring_minutes: u64,
    /// Of which counted as units.
    pub mentoring_as_units: u64,
    /// Supervision received in the window, in minutes.
    pub supervision_minutes: u64,
    /// Of which counted as units.
    pub supervision_as_units: u64,
    /// The mentor coaching the renewal asks for, as its rule counts it.
    pub mentoring: Option<MentoringCount>,
}

/// One credential held, judged for its renewal.
#[derive(Debug, Clone, PartialEq)]
pub struct RenewalProgress {
    /// The credential.
    pub credential: Credential,
    /// Its scheme's name (or its id, for a scheme no longer known).
    pub name: String,
    /// Days from the as-of date to the expiry (negative once expired).
    pub days_left: i64,
    /// The renewal requirements, when the scheme states them.
    pub requirements: Vec<Requirement>,
    /// What counted.
    pub counted: RenewalCount,
    /// Whether every requirement is met (false without figures).
    pub met: bool,
    /// The rule the renewal's mentor coaching is judged by, if it asks for some.
    pub mentor_rule: Option<crate::rules::scheme::MentoringRule>,
    /// The scheme it is judged by, if it is still known (where its figures come from).
    pub scheme: Option<Scheme>,
    /// Where it stands against its expiry: valid, in its grace months, in its late window, or
    /// lapsed for good.
    pub window: Window,
    /// A later credential of the same scheme is recorded: this one was renewed.
    pub renewed: bool,
}

/// Where a credential stands against its expiry, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Not expired.
    Valid,
    /// Expired, and may still be renewed as usual until `until`.
    Grace {
        /// The last day of grace.
        until: NaiveDate,
    },
    /// Past its grace, and may still be renewed late (with a fee) until `until`.
    Late {
        /// The last day it may be renewed.
        until: NaiveDate,
    },
    /// It can no longer be renewed (an application anew), since `since`.
    Lapsed {
        /// The first day it could not be renewed.
        since: NaiveDate,
    },
}

/// Where a credential that expires on `expires` stands on `as_of` under `rule`'s grace and late
/// months.
pub fn window(expires: NaiveDate, as_of: NaiveDate, rule: Option<&Renewal>) -> Window {
    if as_of <= expires {
        return Window::Valid;
    }
    let (grace, late) = rule.map_or((0, 0), |r| (r.grace_months, r.late_months));
    let grace_end = crate::rules::dates::anniversary(expires, grace);
    let late_end = crate::rules::dates::anniversary(expires, grace + late);
    if grace > 0 && as_of <= grace_end {
        Window::Grace { until: grace_end }
    } else if late > 0 && as_of <= late_end {
        Window::Late { until: late_end }
    } else {
        Window::Lapsed {
            since: late_end.succ_opt().unwrap_or(late_end),
        }
    }
}

/// The day a credential granted on `granted` expires, where `previous` (of the same scheme)
/// expired on the day given: a renewal, made in time or in its grace or late months, runs its
/// life from the last expiry (ICF: "three years from its most recent expiry date"), not from the
/// day it was renewed; anything else from the day it was granted.
pub fn expiry(granted: NaiveDate, previous: Option<NaiveDate>, rule: &Renewal) -> NaiveDate {
    let from = match previous {
        Some(expired)
            if granted
                > expired
                    .checked_sub_months(chrono::Months::new(rule.months))
                    .unwrap_or(expired)
                && !matches!(window(expired, granted, Some(rule)), Window::Lapsed { .. }) =>
        {
            expired
        }
        _ => granted,
    };
    crate::rules::dates::anniversary(from, rule.months)
}

/// Whether a scheme's continuing education is counted in ICF's CCE units (else in hours of CPD,
/// as AC and EMCC name it).
pub fn cce(scheme: Option<&Scheme>) -> bool {
    scheme.is_some_and(|s| s.body == "ICF")
}

/// Every credential held, as of `as_of`, judged against its scheme's renewal figures.
pub fn renewal(
    records: &Development,
    schemes: &[Scheme],
    as_of: NaiveDate,
) -> Vec<RenewalProgress> {
    records
        .credentials
        .iter()
        .map(|credential| {
            let scheme = schemes.iter().find(|s| s.id == credential.scheme);
            let rule = scheme.and_then(|s| s.beyond.renewal.as_ref());
            let (requirements, counted) = match rule {
                Some(rule) => judge(records, credential, rule, cce(scheme), as_of),
                None => (Vec::new(), RenewalCount::default()),
            };
            RenewalProgress {
                credential: credential.clone(),
                name: scheme.map_or_else(|| credential.scheme.clone(), |s| s.name.clone()),
                days_left: (credential.expires - as_of).num_days(),
                met: !requirements.is_empty() && requirements.iter().all(|r| r.met),
                mentor_rule: rule.and_then(|r| r.mentoring.clone()),
                scheme: scheme.cloned(),
                window: window(credential.expires, as_of, rule),
                renewed: records
                    .credentials
                    .iter()
                    .any(|c| c.scheme == credential.scheme && c.granted > credential.granted),
                requirements,
                counted,
            }
        })
        .collect()
}

/// The requirements of `rule` for `credential`: what was earned from the day after it was granted
/// up to its expiry or `as_of`, whichever is first.
fn judge(
    records: &Development,
    credential: &Credential,
    rule: &Renewal,
    cce: bool,
    as_of: NaiveDate,
) -> (Vec<Requirement>, RenewalCount) {
    let within =
        |date: NaiveDate| date > credential.granted && date <= credential.expires.min(as_of);
    let cpd_of = |wanted: &[CpdCategory]| -> u64 {
        records
            .cpd
            .iter()
            .filter(|c| within(c.date) && wanted.contains(&c.category))
            .map(|c| u64::from(c.minutes))
            .sum()
    };
    let ethics = cpd_of(&[CpdCategory::Ethics]);
    let core = cpd_of(&[CpdCategory::CoreCompetencies, CpdCategory::Ethics]);
    let cpd = cpd_of(CpdCategory::ALL);
    let mentoring: u64 = records
        .mentoring
        .iter()
        .filter(|m| within(m.date))
        .map(|m| u64::from(m.minutes.get()))
        .sum();
    let supervision: u64 = records
        .supervision
        .iter()
        .filter(|s| within(s.date))
        .map(|s| u64::from(s.minutes.get()))
        .sum();
    let as_of = credential.expires.min(as_of);
    let mentoring_count = rule.mentoring.as_ref().map(|m| {
        credential::count_mentoring(
            records.mentoring.iter().filter(|m| within(m.date)),
            m,
            None,
            as_of,
        )
    });
    let counted = RenewalCount {
        cpd_minutes: cpd,
        core_competencies: cpd_of(&[CpdCategory::CoreCompetencies]),
        ethics,
        resource_development: cpd_of(&[CpdCategory::ResourceDevelopment]),
        mentoring_minutes: mentoring,
        mentoring_as_units: mentoring.min(rule.mentoring_max_minutes),
        supervision_minutes: supervision,
        supervision_as_units: supervision.min(rule.supervision_max_minutes),
        mentoring: mentoring_count.clone(),
    };
    let units = cpd + counted.mentoring_as_units + counted.supervision_as_units;
    let mut requirements = Vec::new();
    let mut push = |kind, required: u64, actual: u64| {
        if required > 0 {
            requirements.push(Requirement::judged(
                kind,
                Figure::Minutes(required),
                Figure::Minutes(actual),
                || Shortfall::Units {
                    minutes: required - actual,
                    cce,
                },
            ));
        }
    };
    push(RequirementKind::RenewalUnits, rule.cce_minutes, units);
    push(RequirementKind::RenewalCore, rule.core_minutes, core);
    push(RequirementKind::RenewalEthics, rule.ethics_minutes, ethics);
    if let (Some(mentor_rule), Some(count)) = (&rule.mentoring, &mentoring_count) {
        let none = !records.mentoring.iter().any(|m| within(m.date));
        requirements.extend(credential::mentoring_requirements(mentor_rule, count, none));
    }
    (requirements, counted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn icf() -> Renewal {
        crate::rules::scheme::built_in()
            .into_iter()
            .find(|s| s.id == "icf-acc")
            .and_then(|s| s.beyond.renewal)
            .expect("ICF ACC renews")
    }

    fn day(d: &str) -> NaiveDate {
        d.parse().expect("date")
    }

    #[test]
    fn an_expired_icf_credential_has_two_months_of_grace_then_ten_late() {
        let rule = icf();
        let expires = day("2026-03-31");
        assert_eq!(
            window(expires, day("2026-03-31"), Some(&rule)),
            Window::Valid
        );
        assert_eq!(
            window(expires, day("2026-04-01"), Some(&rule)),
            Window::Grace {
                until: day("2026-05-31")
            }
        );
        assert_eq!(
            window(expires, day("2026-06-01"), Some(&rule)),
            Window::Late {
                until: day("2027-03-31")
            }
        );
        assert_eq!(
            window(expires, day("2027-04-01"), Some(&rule)),
            Window::Lapsed {
                since: day("2027-04-01")
            }
        );
    }

    #[test]
    fn a_renewal_runs_from_the_last_expiry_even_when_late() {
        let rule = icf();
        // Renewed in time, in grace and late: three years from the last expiry.
        for renewed in ["2026-02-10", "2026-05-02", "2026-11-20"] {
            assert_eq!(
                expiry(day(renewed), Some(day("2026-03-31")), &rule),
                day("2029-03-31"),
                "{renewed}"
            );
        }
        // Past the late window, or the first credential: three years from the grant.
        assert_eq!(
            expiry(day("2027-05-01"), Some(day("2026-03-31")), &rule),
            day("2030-05-01")
        );
        assert_eq!(expiry(day("2026-05-01"), None, &rule), day("2029-05-01"));
    }
    use crate::domain::development::{CoachCredential, Cpd, Mentoring};
    use crate::domain::duration::Minutes;
    use crate::domain::model::Format;
    use crate::rules::scheme;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn cpd(day: &str, hours: u32, category: CpdCategory) -> Cpd {
        Cpd {
            id: day.into(),
            date: date(day),
            provider: "P".into(),
            title: "T".into(),
            minutes: hours * 60,
            category,
            certificate: None,
            notes: None,
        }
    }

    fn acc_held() -> Development {
        Development {
            credentials: vec![Credential {
                id: "c".into(),
                scheme: "icf-acc".into(),
                granted: date("2026-05-01"),
                expires: date("2029-05-01"),
                notes: None,
            }],
            ..Development::default()
        }
    }

    fn requirement(p: &RenewalProgress, kind: RequirementKind) -> &Requirement {
        p.requirements
            .iter()
            .find(|r| r.kind == kind)
            .expect("requirement")
    }

    #[test]
    fn units_count_in_the_credential_window_with_mentoring_capped() {
        let mut records = acc_held();
        records.cpd = vec![
            cpd("2026-05-01", 5, CpdCategory::CoreCompetencies), // the day granted: before the window
            cpd("2026-06-01", 20, CpdCategory::CoreCompetencies),
            cpd("2027-01-10", 3, CpdCategory::Ethics),
            cpd("2028-03-01", 6, CpdCategory::ResourceDevelopment),
            cpd("2029-05-02", 10, CpdCategory::CoreCompetencies), // after it expired
        ];
        for (i, day) in ["2026-07-01", "2026-08-01", "2026-10-01"]
            .iter()
            .enumerate()
        {
            records.mentoring.push(Mentoring {
                id: i.to_string(),
                date: date(day),
                minutes: Minutes::new(240).expect("minutes"),
                mentor: "Dana".into(),
                credential: CoachCredential::Mcc,
                renewed: false,
                contact: None,
                format: Format::Individual,
                group_size: None,
                notes: None,
            });
        }
        let found = renewal(&records, &scheme::built_in(), date("2029-06-01"));
        let p = &found[0];
        assert_eq!(p.days_left, -31);
        // 29 units + 10 of the 12 h of mentor coaching = 39: one short of 40.
        let units = requirement(p, RequirementKind::RenewalUnits);
        assert_eq!((units.actual, units.met), (Figure::Minutes(39 * 60), false));
        assert_eq!(p.counted.mentoring_as_units, 600);
        // Core: 20 + 3 ethics = 23 of 24; ethics 3 of 3; ACC mentor coaching 12 of 10.
        assert_eq!(
            requirement(p, RequirementKind::RenewalCore).actual,
            Figure::Minutes(23 * 60)
        );
        assert!(requirement(p, RequirementKind::RenewalEthics).met);
        assert!(requirement(p, RequirementKind::MentorHours).met);
        assert!(requirement(p, RequirementKind::MentorIndividual).met);
        assert!(requirement(p, RequirementKind::MentorSpan).met);
        records
            .cpd
            .push(cpd("2029-04-30", 1, CpdCategory::CoreCompetencies));
        let found = renewal(&records, &scheme::built_in(), date("2029-06-01"));
        assert!(found[0].met);
    }

    #[test]
    fn ten_hours_in_one_day_in_a_group_of_twelve_do_not_renew_an_acc() {
        let mut records = acc_held();
        records.mentoring.push(Mentoring {
            id: "m".into(),
            date: date("2027-03-01"),
            minutes: Minutes::new(600).expect("minutes"),
            mentor: "Dana".into(),
            credential: CoachCredential::Mcc,
            renewed: false,
            contact: None,
            format: Format::Group,
            group_size: crate::domain::model::GroupSize::new(12),
            notes: None,
        });
        let found = renewal(&records, &scheme::built_in(), date("2029-04-01"));
        let p = &found[0];
        let hours = requirement(p, RequirementKind::MentorHours);
        assert_eq!(
            (hours.actual, hours.met),
            (Figure::Minutes(0), false),
            "a group over 10"
        );
        assert!(!requirement(p, RequirementKind::MentorIndividual).met);
        assert!(!requirement(p, RequirementKind::MentorSpan).met);
        assert_eq!(
            p.counted.mentoring.as_ref().map(|m| m.group_over_limit),
            Some(600)
        );
        // The same hours, one-to-one, are still one day: the span is not met.
        records.mentoring[0].format = Format::Individual;
        records.mentoring[0].group_size = None;
        let found = renewal(&records, &scheme::built_in(), date("2029-04-01"));
        assert!(requirement(&found[0], RequirementKind::MentorHours).met);
        assert!(!requirement(&found[0], RequirementKind::MentorSpan).met);
        assert!(!found[0].met);
    }

    #[test]
    fn a_scheme_without_renewal_figures_has_no_requirements() {
        let mut records = acc_held();
        records.credentials[0].scheme = "emcc-foundation".into();
        let found = renewal(&records, &scheme::built_in(), date("2027-01-01"));
        assert!(found[0].requirements.is_empty());
        assert!(!found[0].met);
        assert_eq!(found[0].name, "EMCC Foundation");
    }
}
