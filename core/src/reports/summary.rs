//! Accreditation progress: coaching totals, and each scheme's requirements with what is missing.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::Partners;
use super::counting::{Ledger, LedgerSlice, LeftOut, Practice, Rules, Tally};
use super::credential::{self, EducationCount, MentoringCount};
use super::mix::MixTotals;
use super::requirement::{Figure, Requirement, RequirementKind, Shortfall};
use crate::domain::development::Development;
use crate::domain::model::Format;
use crate::rules::dates;
use crate::rules::scheme::{CountsFrom, Scheme};
use crate::rules::settings::{BalanceRule, Settings};

/// Totals of the coaching (role `coach`) sessions up to the as-of date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coaching {
    /// Sessions.
    pub sessions: u32,
    /// Minutes.
    pub minutes: u64,
    /// Minutes `paid` or `exchange`.
    pub paid_minutes: u64,
    /// Minutes `pro-bono`.
    pub pro_bono_minutes: u64,
    /// Distinct clients (a group counts its members).
    pub clients: u32,
    /// Minutes with individuals.
    pub individual_minutes: u64,
    /// Minutes with groups.
    pub group_minutes: u64,
}

/// One scheme, judged.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeProgress {
    /// The scheme.
    pub scheme: Scheme,
    /// Whether every requirement is met.
    pub met: bool,
    /// Each requirement.
    pub requirements: Vec<Requirement>,
    /// The first day counted, when the scheme counts from the start of training and it is set.
    pub counted_from: Option<NaiveDate>,
    /// The scheme counts from the start of training, which is not set: every session was counted.
    pub training_start_missing: bool,
    /// Coaching the scheme leaves out, by reason.
    pub left_out: BTreeMap<LeftOut, Tally>,
    /// For an ICF scheme, counted coaching with clients who have not consented to be named, whom the
    /// ICF log leaves off (counted only when `icf.count_unnamed_clients` says so).
    pub unnamed_counted: Tally,
    /// How exchange minutes counted as paid.
    pub balance_rule: BalanceRule,
    /// Exchange minutes counted as pro bono under the balance rule.
    pub unbalanced_exchange_minutes: u64,
    /// The first and last day of the recent-hours window, when the scheme has one.
    pub recent_window: Option<(NaiveDate, NaiveDate)>,
    /// The first day of practice that years count from.
    pub first_practice: Option<NaiveDate>,
    /// How mentor coaching was counted, when the scheme asks for it.
    pub mentoring: Option<MentoringCount>,
    /// How education was counted, when the scheme asks for it.
    pub education: Option<EducationCount>,
    /// The engagements counted, when the scheme asks for them.
    pub engagements: Option<super::engagement::EngagementCount>,
}

impl SchemeProgress {
    /// Coaching minutes left out for one reason.
    pub fn left_out_minutes(&self, reason: LeftOut) -> u64 {
        self.left_out.get(&reason).map_or(0, |t| t.minutes)
    }
}

/// The `summary` report.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The last day counted.
    pub as_of: NaiveDate,
    /// Totals of coaching.
    pub coaching: Coaching,
    /// The client mix.
    pub mix: MixTotals,
    /// Each scheme.
    pub schemes: Vec<SchemeProgress>,
}

impl Summary {
    /// The schemes a view shows: those `ids` name, else `show_schemes` of the settings, else for
    /// each body the lowest level not yet met.
    pub fn shown(&self, ids: &[String], settings: &Settings) -> Vec<&SchemeProgress> {
        let find = |ids: &[String]| {
            ids.iter()
                .filter_map(|id| self.schemes.iter().find(|p| &p.scheme.id == id))
                .collect()
        };
        match (ids, &settings.show_schemes) {
            ([], Some(configured)) => find(configured),
            ([], None) => default_selection(&self.schemes),
            (named, _) => find(named),
        }
    }
}

/// Accreditation progress on the practice's as-of day for the given schemes.
pub fn summary<'a>(
    practice: &Practice,
    records: &Development,
    partners: &Partners,
    settings: &Settings,
    schemes: impl IntoIterator<Item = &'a Scheme>,
) -> Summary {
    use rayon::prelude::*;
    let as_of = practice.as_of();
    let first_practice = settings
        .first_practice
        .or_else(|| practice.first_coaching());
    // The levels of a body share their rules: each set of rules counts the practice once, and the
    // sets are counted side by side, beside the totals of all coaching.
    let schemes: Vec<(&Scheme, Rules)> = schemes
        .into_iter()
        .map(|scheme| (scheme, Rules::new(scheme, settings)))
        .collect();
    let mut keys: Vec<&Rules> = Vec::new();
    for (_, rules) in &schemes {
        if !keys.contains(&rules) {
            keys.push(rules);
        }
    }
    let body_of = |id: &str| {
        settings
            .schemes
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.body.clone())
    };
    let ((coaching, mix), ledgers) = rayon::join(
        || {
            let all = Ledger::count(practice, Rules::all_coaching(), partners);
            (
                Coaching::of(all.all()),
                MixTotals::of(all.all().counted().map(|c| c.session)),
            )
        },
        || {
            keys.par_iter()
                .map(|rules| {
                    let ledger = Ledger::count(practice, (*rules).clone(), partners);
                    let totals = Totals::of(&ledger);
                    (ledger, totals)
                })
                .collect::<Vec<(Ledger, Totals)>>()
        },
    );
    Summary {
        as_of,
        coaching,
        mix,
        schemes: schemes
            .iter()
            .map(|(scheme, rules)| {
                let index = keys.iter().position(|k| *k == rules).unwrap_or_default();
                let (ledger, totals) = &ledgers[index];
                let mut progress = judge(scheme, ledger, totals, settings, first_practice);
                let beyond = credential::beyond(scheme, records, ledger, body_of);
                progress.requirements.extend(beyond.requirements);
                progress.met = progress.requirements.iter().all(|r| r.met);
                progress.mentoring = beyond.mentoring;
                progress.education = beyond.education;
                progress.engagements = beyond.engagements;
                progress
            })
            .collect(),
    }
}

/// What a ledger counts in all, taken once for every scheme judged by its rules.
struct Totals {
    minutes: u64,
    paid_minutes: u64,
    clients: u32,
    left_out: BTreeMap<LeftOut, Tally>,
    unnamed: Tally,
    unbalanced_minutes: u64,
    first_counted: Option<NaiveDate>,
}

impl Totals {
    fn of(ledger: &Ledger) -> Self {
        let all = ledger.all();
        Totals {
            minutes: all.minutes(),
            paid_minutes: all.paid_minutes(),
            clients: all.clients().total(),
            left_out: all.left_out(),
            unnamed: all.unnamed(),
            unbalanced_minutes: all.unbalanced_minutes(),
            first_counted: all.counted().next().map(|c| c.session.date),
        }
    }
}

impl Coaching {
    /// The totals of a ledger of all coaching.
    fn of(all: LedgerSlice) -> Self {
        let mut c = Coaching::default();
        for counted in all.counted() {
            let minutes = counted.minutes();
            c.sessions += 1;
            c.minutes += minutes;
            c.paid_minutes += counted.paid_minutes;
            c.pro_bono_minutes += counted.pro_bono_minutes();
            match counted.session.facts.format() {
                Format::Group => c.group_minutes += minutes,
                Format::Individual => c.individual_minutes += minutes,
            }
        }
        c.clients = all.clients().total();
        c
    }
}

fn hours_requirement(
    kind: RequirementKind,
    required: u64,
    actual_minutes: u64,
    shortfall: impl Fn(u64) -> Shortfall,
) -> Requirement {
    Requirement::judged(
        kind,
        Figure::Minutes(required),
        Figure::Minutes(actual_minutes),
        || shortfall(required - actual_minutes),
    )
}

fn judge(
    scheme: &Scheme,
    ledger: &Ledger,
    totals: &Totals,
    settings: &Settings,
    first_practice: Option<NaiveDate>,
) -> SchemeProgress {
    let as_of = ledger.as_of();
    let rules = ledger.rules();
    let (total, paid) = (totals.minutes, totals.paid_minutes);
    let paid_short = scheme
        .paid_minutes
        .map_or(0, |required| required.saturating_sub(paid));

    let mut requirements = Vec::new();
    if let Some(hours) = scheme.minutes {
        requirements.push(hours_requirement(
            RequirementKind::Hours,
            hours,
            total,
            |minutes| Shortfall::Hours {
                minutes,
                paid_minutes: paid_short,
            },
        ));
    }
    if let Some(hours) = scheme.paid_minutes {
        requirements.push(hours_requirement(
            RequirementKind::PaidHours,
            hours,
            paid,
            |minutes| Shortfall::PaidHours { minutes },
        ));
    }
    if let Some(clients) = scheme.clients {
        let actual = totals.clients;
        requirements.push(Requirement::judged(
            RequirementKind::Clients,
            Figure::Count(clients),
            Figure::Count(actual),
            || Shortfall::Clients {
                more: clients - actual,
            },
        ));
    }
    let recent_window = scheme
        .recent
        .map(|(_, months)| dates::recent_window(as_of, months));
    if let (Some((hours, _)), Some((from, to))) = (scheme.recent, recent_window) {
        requirements.push(hours_requirement(
            RequirementKind::RecentHours,
            hours,
            ledger.since(Some(from)).minutes(),
            |minutes| Shortfall::RecentHours { minutes, from, to },
        ));
    }
    // Years count from the first practice the scheme counts, unless the user says otherwise.
    let first_practice = first_practice.or(totals.first_counted);
    if let Some(months) = scheme.practice_months {
        requirements.push(years_requirement(months, first_practice, as_of));
    }

    SchemeProgress {
        scheme: scheme.clone(),
        met: requirements.iter().all(|r| r.met),
        requirements,
        counted_from: rules.counted_from,
        training_start_missing: scheme.counts_from == CountsFrom::TrainingStart
            && settings.training_start.is_none(),
        left_out: totals.left_out.clone(),
        unnamed_counted: totals.unnamed.clone(),
        balance_rule: rules.balance,
        unbalanced_exchange_minutes: totals.unbalanced_minutes,
        recent_window,
        first_practice,
        mentoring: None,
        education: None,
        engagements: None,
    }
}

/// Years of practice (`months` of them), met on the calendar anniversary of the first practice.
fn years_requirement(
    months: u32,
    first_practice: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Requirement {
    // Years in hundredths: 12 months are 100.
    let years = Figure::Years(months * 100 / 12);
    let Some(first) = first_practice else {
        return Requirement {
            kind: RequirementKind::Years,
            required: years,
            actual: Figure::Years(0),
            met: months == 0,
            shortfall: Some(Shortfall::NoPracticeYet),
        };
    };
    // Met on the calendar anniversary, whatever the hundredths say.
    let met_on = dates::anniversary(first, months);
    let met = as_of >= met_on;
    Requirement {
        kind: RequirementKind::Years,
        required: years,
        actual: Figure::Years(dates::years_between(first, as_of)),
        met,
        shortfall: (!met).then_some(Shortfall::Years { on: met_on }),
    }
}

/// The schemes `summary` shows without `--scheme` or `show_schemes`: for each body, the lowest level
/// not yet met, or the highest when every level is met.
pub fn default_selection(progress: &[SchemeProgress]) -> Vec<&SchemeProgress> {
    let mut bodies: Vec<&str> = Vec::new();
    for p in progress {
        if !bodies.contains(&p.scheme.body.as_str()) {
            bodies.push(&p.scheme.body);
        }
    }
    bodies
        .into_iter()
        .filter_map(|body| {
            let mut levels: Vec<&SchemeProgress> =
                progress.iter().filter(|p| p.scheme.body == body).collect();
            levels.sort_by_key(|p| p.scheme.level);
            levels.iter().find(|p| !p.met).or(levels.last()).copied()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Arrangement::{OneWay, Reciprocal};
    use crate::domain::model::Role::{Client, Coach};
    use crate::domain::model::Session;
    use crate::reports::fixtures::{partners, session};
    use chrono::Days;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn settings(training_start: Option<&str>) -> Settings {
        Settings {
            training_start: training_start.map(date),
            ..Settings::default()
        }
    }

    fn judge_one(
        sessions: &[Session],
        settings: &Settings,
        id: &str,
        as_of: &str,
    ) -> SchemeProgress {
        let scheme = settings.scheme(id).expect("scheme");
        summary(
            &Practice::new(sessions, date(as_of)),
            &Development::default(),
            &partners(),
            settings,
            [scheme],
        )
        .schemes
        .remove(0)
    }

    fn requirement(p: &SchemeProgress, kind: RequirementKind) -> &Requirement {
        p.requirements
            .iter()
            .find(|r| r.kind == kind)
            .expect("requirement")
    }

    #[test]
    fn coaching_totals_count_only_coach_sessions_up_to_the_date() {
        let sessions = [
            session("alex", "2026-01-01", 60, Coach, Reciprocal),
            session("alex", "2026-01-02", 45, Client, Reciprocal),
            session("jo", "2026-01-03", 90, Coach, OneWay),
            session("team", "2026-01-04", 30, Coach, OneWay),
            session("jo", "2026-02-01", 60, Coach, OneWay),
        ];
        let s = summary(
            &Practice::new(&sessions, date("2026-01-31")),
            &Development::default(),
            &partners(),
            &Settings::default(),
            [],
        );
        let c = &s.coaching;
        assert_eq!((c.sessions, c.minutes), (3, 180));
        assert_eq!(
            (c.paid_minutes, c.pro_bono_minutes),
            (60, 120),
            "exchange counts as paid"
        );
        assert_eq!(c.clients, 1 + 1 + 6, "group members are clients");
        assert_eq!((c.individual_minutes, c.group_minutes), (150, 30));
    }

    #[test]
    fn icf_counts_from_training_start_and_exchange_as_paid() {
        let sessions = [
            session("alex", "2025-01-12", 60, Coach, Reciprocal),
            session("alex", "2025-01-13", 60, Coach, Reciprocal),
            session("jo", "2025-06-01", 90, Coach, OneWay),
        ];
        let p = judge_one(
            &sessions,
            &settings(Some("2025-01-13")),
            "icf-acc",
            "2026-11-23",
        );
        assert_eq!(p.counted_from, Some(date("2025-01-13")));
        assert_eq!(
            requirement(&p, RequirementKind::Hours).actual.amount(),
            2.5,
            "the day before training is left out"
        );
        assert_eq!(
            requirement(&p, RequirementKind::PaidHours).actual.amount(),
            1.0,
            "exchange is paid, pro bono is not"
        );
        assert_eq!(
            requirement(&p, RequirementKind::Clients).actual.amount(),
            2.0
        );
        assert!(!p.training_start_missing);
        let hours = requirement(&p, RequirementKind::Hours);
        assert_eq!(
            hours.shortfall.as_ref().map(ToString::to_string).as_deref(),
            Some("97.5 h more, 74 paid")
        );
    }

    #[test]
    fn without_training_start_icf_counts_every_session_and_says_so() {
        let sessions = [session("alex", "2020-01-01", 60, Coach, Reciprocal)];
        let p = judge_one(&sessions, &settings(None), "icf-acc", "2026-11-23");
        assert!(p.training_start_missing);
        assert_eq!(requirement(&p, RequirementKind::Hours).actual.amount(), 1.0);
        let emcc = judge_one(&sessions, &settings(None), "emcc-foundation", "2026-11-23");
        assert!(
            !emcc.training_start_missing,
            "EMCC does not count from training"
        );
    }

    #[test]
    fn the_18_month_window_includes_its_first_day() {
        // 2026-11-23 minus 18 months is 2025-05-23.
        let sessions = [
            session("jo", "2025-05-22", 60, Coach, OneWay),
            session("jo", "2025-05-23", 120, Coach, OneWay),
            session("jo", "2026-11-23", 30, Coach, OneWay),
            session("jo", "2026-11-24", 600, Coach, OneWay),
        ];
        let p = judge_one(
            &sessions,
            &settings(Some("2020-01-01")),
            "icf-acc",
            "2026-11-23",
        );
        let recent = requirement(&p, RequirementKind::RecentHours);
        assert_eq!(recent.actual.amount(), 2.5);
        assert_eq!(
            recent
                .shortfall
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("22.5 h more between 2025-05-23 and 2026-11-23")
        );
        assert_eq!(
            requirement(&p, RequirementKind::Hours).actual.amount(),
            3.5,
            "after the as-of date nothing counts"
        );
    }

    #[test]
    fn a_window_from_a_missing_day_starts_on_the_next_month_and_leap_days_hold() {
        // 2026-08-31 minus 18 months: 2025-02-31 does not exist, so the window starts on 2025-03-01.
        let sessions = [
            session("jo", "2025-02-28", 60, Coach, OneWay),
            session("jo", "2025-03-01", 60, Coach, OneWay),
        ];
        let p = judge_one(
            &sessions,
            &settings(Some("2020-01-01")),
            "icf-acc",
            "2026-08-31",
        );
        assert_eq!(
            requirement(&p, RequirementKind::RecentHours)
                .actual
                .amount(),
            1.0
        );
        assert_eq!(
            p.recent_window,
            Some((date("2025-03-01"), date("2026-08-31")))
        );
        // From a leap day: 2025-08-29 minus 18 months is 2024-02-29.
        let sessions = [
            session("jo", "2024-02-28", 60, Coach, OneWay),
            session("jo", "2024-02-29", 60, Coach, OneWay),
        ];
        let p = judge_one(
            &sessions,
            &settings(Some("2020-01-01")),
            "icf-acc",
            "2025-08-29",
        );
        assert_eq!(
            requirement(&p, RequirementKind::RecentHours)
                .actual
                .amount(),
            1.0
        );
    }

    #[test]
    fn groups_over_the_limit_do_not_count_for_icf_but_do_for_emcc() {
        let sessions = [
            session("big", "2026-01-01", 120, Coach, OneWay),
            session("team", "2026-01-02", 60, Coach, OneWay),
        ];
        let s = settings(Some("2020-01-01"));
        let icf = judge_one(&sessions, &s, "icf-acc", "2026-11-23");
        assert_eq!(
            requirement(&icf, RequirementKind::Hours).actual.amount(),
            1.0
        );
        assert_eq!(
            requirement(&icf, RequirementKind::Clients).actual.amount(),
            6.0
        );
        assert_eq!(icf.left_out_minutes(LeftOut::GroupOverLimit), 120);
        let emcc = judge_one(&sessions, &s, "emcc-foundation", "2026-11-23");
        assert_eq!(
            requirement(&emcc, RequirementKind::Hours).actual.amount(),
            3.0
        );
        assert_eq!(
            requirement(&emcc, RequirementKind::Clients).actual.amount(),
            26.0
        );
        assert_eq!(emcc.left_out_minutes(LeftOut::GroupOverLimit), 0);
    }

    #[test]
    fn client_sessions_never_count() {
        let sessions = [session("alex", "2026-01-01", 600, Client, Reciprocal)];
        let p = judge_one(
            &sessions,
            &settings(Some("2020-01-01")),
            "icf-acc",
            "2026-11-23",
        );
        assert!(p.requirements.iter().all(|r| r.actual.amount() == 0.0));
    }

    #[test]
    fn the_balance_rule_caps_exchange_at_hours_received() {
        let sessions = [
            session("alex", "2026-01-01", 60, Coach, Reciprocal),
            session("alex", "2026-01-08", 60, Coach, Reciprocal),
            session("alex", "2026-01-02", 45, Client, Reciprocal),
        ];
        let mut s = settings(Some("2020-01-01"));
        let loose = judge_one(&sessions, &s, "icf-acc", "2026-11-23");
        assert_eq!(
            requirement(&loose, RequirementKind::PaidHours)
                .actual
                .amount(),
            2.0
        );
        s.exchange_balance_rule = BalanceRule::PerPartner;
        let strict = judge_one(&sessions, &s, "icf-acc", "2026-11-23");
        assert_eq!(
            requirement(&strict, RequirementKind::PaidHours)
                .actual
                .amount(),
            0.75
        );
        assert_eq!(strict.unbalanced_exchange_minutes, 75);
        assert_eq!(
            requirement(&strict, RequirementKind::Hours).actual.amount(),
            2.0,
            "hours are hours either way"
        );
    }

    #[test]
    fn emcc_years_are_met_on_the_anniversary_of_first_practice() {
        let sessions = [session("jo", "2025-11-23", 60, Coach, OneWay)];
        let p = judge_one(&sessions, &settings(None), "emcc-foundation", "2026-11-22");
        let years = requirement(&p, RequirementKind::Years);
        assert_eq!(
            years.actual.amount(),
            0.99,
            "the day before the anniversary"
        );
        assert!(!years.met);
        assert_eq!(
            years.shortfall.as_ref().map(ToString::to_string).as_deref(),
            Some("met on 2026-11-23")
        );
        let p = judge_one(&sessions, &settings(None), "emcc-foundation", "2026-11-23");
        let years = requirement(&p, RequirementKind::Years);
        assert!(
            years.met,
            "a year on the calendar anniversary, not after 365.25 days"
        );
        assert_eq!(years.actual.amount(), 1.0);
        let s = Settings {
            first_practice: Some(date("2023-01-01")),
            ..Settings::default()
        };
        let p = judge_one(&sessions, &s, "emcc-practitioner", "2026-11-23");
        assert_eq!(p.first_practice, Some(date("2023-01-01")));
        assert!(requirement(&p, RequirementKind::Years).met);
    }

    #[test]
    fn distinct_clients_are_people_not_sessions() {
        let sessions = [
            session("jo", "2026-01-01", 60, Coach, OneWay),
            session("jo", "2026-01-08", 60, Coach, OneWay),
            session("alex", "2026-01-02", 60, Coach, Reciprocal),
        ];
        let p = judge_one(&sessions, &settings(None), "icf-acc", "2026-11-23");
        let clients = requirement(&p, RequirementKind::Clients);
        assert_eq!(
            (clients.actual.amount(), clients.required.amount()),
            (2.0, 8.0)
        );
        assert_eq!(
            clients
                .shortfall
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("6 more clients")
        );
    }

    #[test]
    fn mcc_has_no_recency_requirement() {
        let p = judge_one(&[], &settings(None), "icf-mcc", "2026-11-23");
        let ids: Vec<&str> = p.requirements.iter().map(|r| r.kind.id()).collect();
        assert_eq!(
            ids,
            [
                "hours",
                "paid_hours",
                "clients",
                "credential_held",
                "education_hours",
                "mentor_hours",
                "mentor_individual_hours",
                "mentor_months"
            ]
        );
    }

    #[test]
    fn the_default_selection_is_the_lowest_level_not_met_per_body() {
        let sessions: Vec<Session> = (0..80)
            .map(|i| {
                let day = NaiveDate::from_ymd_opt(2024, 1, 1).expect("date") + Days::new(i * 3);
                session("team", &day.to_string(), 60, Coach, OneWay)
            })
            .collect();
        let settings = Settings {
            training_start: Some(date("2020-01-01")),
            ..Settings::default()
        };
        // Practice alone decides here: the selection is what is tested.
        let schemes: Vec<Scheme> = settings
            .schemes
            .iter()
            .map(|s| Scheme {
                beyond: Default::default(),
                ..s.clone()
            })
            .collect();
        let s = summary(
            &Practice::new(&sessions, date("2026-11-23")),
            &Development::default(),
            &partners(),
            &settings,
            &schemes,
        );
        let shown: Vec<&str> = default_selection(&s.schemes)
            .iter()
            .map(|p| p.scheme.id.as_str())
            .collect();
        // 80 h with 6 clients: EMCC Foundation (50 h, 5 clients, 1 year) and AC Foundation (75 h) are met.
        assert_eq!(shown, ["icf-acc", "emcc-practitioner", "ac-coach"]);
    }
}
