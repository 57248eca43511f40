//! Accreditation schemes as data: the built-in set from `schemes.toml`, with a user's overrides and
//! additions from `config.toml` merged in.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dates;
use super::provenance::{self, Judge, RuleSource};
use crate::domain::development::CoachCredential;
use crate::domain::model::NotCounted;

/// The most hours a requirement may ask for: far beyond any accreditation, and safe in whole minutes.
const MAX_HOURS: f64 = 1_000_000.0;

/// The most years of practice a requirement may ask for.
const MAX_YEARS: f64 = 100.0;

/// Minutes as hours, for figures in files and JSON.
fn hours(minutes: u64) -> f64 {
    minutes as f64 / 60.0
}

/// The built-in schemes, embedded from the TOML file beside this one.
const BUILT_IN: &str = include_str!("schemes.toml");

/// Which sessions a scheme counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountsFrom {
    /// Only sessions on or after the start of coach-specific training (ICF).
    TrainingStart,
    /// Every coaching session (EMCC, AC).
    FirstSession,
}

/// The figures of a scheme as written in a file: every key optional, so that the same shape serves
/// a full built-in scheme and a one-figure override in `config.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemeFigures {
    /// The id (only in the built-in list; `config.toml` names a scheme by its table).
    pub id: Option<String>,
    /// What the scheme is called.
    pub name: Option<String>,
    /// The accrediting body.
    pub body: Option<String>,
    /// The order within the body.
    pub level: Option<u32>,
    /// Which sessions count.
    pub counts_from: Option<CountsFrom>,
    /// Coaching hours required.
    pub hours: Option<f64>,
    /// Of which paid.
    pub paid_hours: Option<f64>,
    /// Distinct clients required.
    pub clients: Option<u32>,
    /// Hours required in the recent window.
    pub recent_hours: Option<f64>,
    /// The recent window, in calendar months.
    pub recent_months: Option<u32>,
    /// Years since first practice required.
    pub years: Option<f64>,
    /// Groups larger than this do not count.
    pub group_limit: Option<u32>,
    /// Sessions marked not counted for these reasons count for this scheme all the same.
    pub counts_anyway: Option<Vec<NotCounted>>,
    /// The hours are shown to an auditor in the ICF Client Coaching Log.
    pub icf_log: Option<bool>,
    /// `icf.exchange_balance_rule` applies to the paid hours.
    pub balance_rule: Option<bool>,
    /// Coach-specific education hours required.
    pub education_hours: Option<f64>,
    /// Or teaching units of education required, each of `unit_minutes`.
    pub education_units: Option<f64>,
    /// The minutes of one teaching unit (commonly 45).
    pub unit_minutes: Option<u32>,
    /// One of these credentials (scheme ids) held now or before (ICF MCC: a PCC).
    pub requires_credential: Option<Vec<String>>,
    /// That credential must be held on the as-of day, not only before (ICF ACTC).
    pub requires_credential_active: Option<bool>,
    /// Mentor coaching hours required.
    pub mentor_hours: Option<f64>,
    /// Of which one-to-one, at least.
    pub mentor_individual_hours: Option<f64>,
    /// Of which in groups, at most (the rest does not count).
    pub mentor_group_max_hours: Option<f64>,
    /// Mentor coaching in larger groups does not count.
    pub mentor_group_limit: Option<u32>,
    /// The mentor coaching spans at least this many calendar months.
    pub mentor_months: Option<u32>,
    /// The credentials a mentor may hold.
    pub mentor_credentials: Option<Vec<CoachCredential>>,
    /// A mentor holding one of these counts only once they have renewed it at least once (ICF
    /// ACC: ["ACC"]).
    pub mentor_renewed_credentials: Option<Vec<CoachCredential>>,
    /// Hours observed in triads (`log --role observer`) required: no ICF or EMCC scheme asks
    /// for them; a school's may.
    pub observing_hours: Option<f64>,
    /// Engagements given as coach required: one partner coached in at least
    /// `engagement_sessions` sessions that count.
    pub engagements_given: Option<u32>,
    /// Engagements received as client required.
    pub engagements_received: Option<u32>,
    /// The sessions an engagement has at least (1 when not given).
    pub engagement_sessions: Option<u32>,
    /// Only sessions in the last so many calendar months make an engagement.
    pub engagement_months: Option<u32>,
    /// Only coaching in groups (teams) makes an engagement.
    pub engagements_in_groups: Option<bool>,
    /// Pieces of client feedback required in the evidence window.
    pub feedback: Option<u32>,
    /// Whose word counts as client feedback: `client` (answers to `feedback request`, the
    /// default) or `any` (also scores the coach typed as the client's with `reflect`).
    pub feedback_from: Option<FeedbackFrom>,
    /// Reflections required in the evidence window.
    pub reflections: Option<u32>,
    /// The window for feedback and reflections, in months before the as-of date.
    pub evidence_months: Option<u32>,
    /// Supervision hours required in each quarter of the last year.
    pub supervision_quarter_hours: Option<f64>,
    /// The supervision received spans at least this many calendar months (AC).
    pub supervision_months: Option<u32>,
    /// Continuing education hours required in the last 12 months.
    pub cpd_hours_per_year: Option<f64>,
    /// A credential granted for the scheme is renewed after this many years.
    pub renewal_years: Option<u32>,
    /// Continuing education units required for a renewal.
    pub renewal_cce_hours: Option<f64>,
    /// Of which on the Core Competencies (ethics included), at least.
    pub renewal_core_hours: Option<f64>,
    /// Of which on ethics, at least.
    pub renewal_ethics_hours: Option<f64>,
    /// Mentor coaching required for a renewal.
    pub renewal_mentor_hours: Option<f64>,
    /// Of which one-to-one, at least.
    pub renewal_mentor_individual_hours: Option<f64>,
    /// Of which in groups, at most.
    pub renewal_mentor_group_max_hours: Option<f64>,
    /// Renewal mentor coaching in larger groups does not count.
    pub renewal_mentor_group_limit: Option<u32>,
    /// Renewal mentor coaching spans at least this many calendar months.
    pub renewal_mentor_months: Option<u32>,
    /// Mentor coaching received that may count as units, at most.
    pub renewal_mentoring_max_hours: Option<f64>,
    /// Supervision received that may count as units, at most.
    pub renewal_supervision_max_hours: Option<f64>,
    /// After its expiry, a credential may still be renewed in this many months of grace.
    pub renewal_grace_months: Option<u32>,
    /// And then, late (with a fee), in this many months more.
    pub renewal_late_months: Option<u32>,
    /// A note shown with the scheme.
    pub note: Option<String>,
    /// Where the figures come from.
    pub source: Option<String>,
    /// What the body's application asks for, as a packet holds it.
    pub packet: Option<Vec<PacketPart>>,
    /// Where each figure comes from: the body's page, when it took effect, when it was checked.
    pub rules: Option<Vec<RuleSource>>,
    /// In `config.toml`: why the user changed a figure (`why.group_limit = "…"`).
    pub why: Option<BTreeMap<String, String>>,
}

crate::domain::vocabulary::vocabulary! {
    /// A part of what an accreditor's application asks for, as `coachlog packet` holds it.
    PacketPart {
        /// ICF's Client Coaching Log.
        IcfLog = "icf-log", "the ICF Client Coaching Log (CSV and workbook), clients named where they consented";
        /// A client log by anonymised reference.
        ClientRefs = "client-refs", "a client log by anonymised reference, and no client named anywhere in the packet (EMCC)";
        /// An experience log, one row per client.
        ExperienceLog = "experience-log", "an experience log, one row per client with hours paid and pro bono (AC)";
        /// Mentor coaching.
        MentorCoaching = "mentor-coaching", "the mentor coaching log, with the mentors' letters";
        /// Coach-specific education.
        Education = "education", "coach-specific education, with certificates";
        /// Continuing education.
        Cpd = "cpd", "continuing education, with certificates";
        /// Supervision.
        Supervision = "supervision", "the supervision log, with supervisors' letters and references";
        /// Client feedback.
        Feedback = "feedback", "the pieces of client feedback in the evidence window";
        /// Reflections.
        Reflections = "reflections", "the reflections (a learning log) in the evidence window";
        /// Consent forms.
        Consent = "consent", "the consent forms of the clients the log names";
        /// Client references.
        References = "references", "client references (of clients who consented to be named)";
    }
}

/// One accreditation level's rule set, in whole units (minutes, months): reports compare integers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scheme {
    /// How commands and `config.toml` name it (`icf-acc`).
    pub id: String,
    /// What it is called (`ICF ACC`).
    pub name: String,
    /// The accrediting body (`ICF`).
    pub body: String,
    /// The order within the body, lowest first.
    pub level: u32,
    /// Which sessions count.
    pub counts_from: CountsFrom,
    /// Coaching minutes required.
    pub minutes: Option<u64>,
    /// Of which paid, in minutes.
    pub paid_minutes: Option<u64>,
    /// Distinct clients required.
    pub clients: Option<u32>,
    /// Minutes required in the recent window, and the window in calendar months.
    pub recent: Option<(u64, u32)>,
    /// Calendar months since first practice required (years × 12).
    pub practice_months: Option<u32>,
    /// Groups larger than this do not count.
    pub group_limit: Option<u32>,
    /// Sessions marked not counted for these reasons count for this scheme all the same (none
    /// unless the scheme says).
    pub counts_anyway: Vec<NotCounted>,
    /// The hours are shown to an auditor in the ICF Client Coaching Log: clients the log cannot name
    /// do not count (unless `icf.count_unnamed_clients`), and the log follows the figures of the
    /// first such scheme (the lowest level).
    pub icf_log: bool,
    /// `icf.exchange_balance_rule` applies to the paid hours.
    pub balance_rule: bool,
    /// What the scheme asks besides coaching practice: education, mentor coaching, supervision,
    /// feedback, continuing education, renewal.
    pub beyond: Beyond,
    /// A note shown with the scheme.
    pub note: Option<String>,
    /// Where the figures come from.
    pub source: Option<String>,
    /// What the body's application asks for, as a packet holds it.
    pub packet: Vec<PacketPart>,
    /// Where the figures come from, by figure.
    pub rules: Vec<RuleSource>,
    /// The figures the user set in `config.toml`, with their note.
    pub overrides: BTreeMap<String, Option<String>>,
}

/// What a scheme's packet holds when its data does not say: an ICF-like scheme's log, mentor
/// coaching, education, continuing education, supervision and consent forms; any other, a client
/// log by reference, education, continuing education and supervision.
fn default_packet(icf_log: bool) -> Vec<PacketPart> {
    use PacketPart::*;
    if icf_log {
        vec![IcfLog, MentorCoaching, Education, Cpd, Supervision, Consent]
    } else {
        vec![ClientRefs, Education, Cpd, Supervision]
    }
}

/// The schemes as they would be if the rules in `file` applied, under the user's own
/// `overrides` (their `[schemes.<id>]` tables): `file` is either a rules file (`[[scheme]]` tables
/// with ids, as `schemes.toml` has them), whose schemes replace those of the same id, or an
/// override file (`[schemes.<id>]` tables, as in `config.toml`), whose figures go over the user's.
pub fn proposed(
    overrides: &BTreeMap<String, SchemeFigures>,
    file: &str,
) -> Result<Vec<Scheme>, String> {
    let table: toml::Table = toml::from_str(file).map_err(|e| format!("it is not TOML: {e}"))?;
    if table.contains_key("scheme") {
        let rules: BuiltInFile = toml::from_str(file).map_err(|e| e.to_string())?;
        let mut base = built_in();
        for figures in &rules.scheme {
            let id = figures
                .id
                .clone()
                .ok_or("a [[scheme]] without an id: give each one, e.g. id = \"icf-acc\"")?;
            let scheme = complete(&id, figures)?;
            match base.iter_mut().find(|s| s.id == id) {
                Some(known) => *known = scheme,
                None => base.push(scheme),
            }
        }
        merged_onto(base, overrides)
    } else if table.contains_key("schemes") {
        #[derive(Deserialize)]
        struct Overrides {
            schemes: BTreeMap<String, SchemeFigures>,
        }
        let file: Overrides = toml::from_str(file).map_err(|e| e.to_string())?;
        let mut all = overrides.clone();
        for (id, figures) in file.schemes {
            let under = all.remove(&id).unwrap_or_default();
            let mut over = overlay(&under, &figures);
            // A why of the file's goes with its figure.
            let mut why = under.why.unwrap_or_default();
            why.extend(figures.why.unwrap_or_default());
            over.why = (!why.is_empty()).then_some(why);
            all.insert(id, over);
        }
        merged(&all)
    } else {
        Err(
            "it holds neither [[scheme]] tables (a rules file, as schemes.toml has them) nor \
             [schemes.ID] tables (figures over yours, as config.toml has them)"
                .to_owned(),
        )
    }
}

/// The keys of a scheme's file that are not rules: what it is called, its notes and sources.
const NOT_RULES: [&str; 9] = [
    "id", "name", "body", "level", "note", "source", "packet", "rules", "why",
];

impl SchemeFigures {
    /// The rules these figures set (`hours`, `group_limit`, …), each with its value.
    pub fn rule_values(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map
                .into_iter()
                .filter(|(k, v)| !v.is_null() && !NOT_RULES.contains(&k.as_str()))
                .collect(),
            _ => serde_json::Map::new(),
        }
    }
}

/// Every key a scheme's figures may have that is a rule (`hours`, `group_limit`, …).
pub fn figure_keys() -> &'static [String] {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| match serde_json::to_value(SchemeFigures::default()) {
        Ok(serde_json::Value::Object(map)) => map
            .keys()
            .filter(|k| !NOT_RULES.contains(&k.as_str()))
            .cloned()
            .collect(),
        _ => Vec::new(),
    })
}

impl Scheme {
    /// Who set `figure` (a key of `schemes.toml`): the user, the body (with its source), or
    /// nobody says.
    pub fn judge(&self, figure: &str) -> Judge<'_> {
        if let Some(note) = self.overrides.get(figure) {
            return Judge::User(note.as_deref());
        }
        self.rules
            .iter()
            .find(|r| r.figures.iter().any(|f| f == figure))
            .map_or(Judge::Unknown, Judge::Body)
    }

    /// Whether its packet holds `part`.
    pub fn packs(&self, part: PacketPart) -> bool {
        self.packet.contains(&part)
    }
}

/// What a scheme asks besides coaching practice, in whole units.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Beyond {
    /// Coach-specific education, in minutes.
    pub education_minutes: Option<u64>,
    /// Counted in teaching units of so many minutes, when the scheme says so.
    pub education_unit: Option<u32>,
    /// One of these credentials (scheme ids) held now or before.
    pub requires_credential: Vec<String>,
    /// Held on the as-of day, not only before.
    pub credential_active: bool,
    /// Observing in triads, in minutes.
    pub observing_minutes: Option<u64>,
    /// Engagements given and received.
    pub engagements: Option<EngagementRule>,
    /// Mentor coaching.
    pub mentoring: Option<MentoringRule>,
    /// Client feedback and reflections in a window.
    pub evidence: Option<Evidence>,
    /// Supervision in each quarter of the last year, in minutes.
    pub supervision_quarter_minutes: Option<u64>,
    /// Supervision spanning at least this many calendar months, from the first to the last.
    pub supervision_months: Option<u32>,
    /// Continuing education in the last 12 months, in minutes.
    pub cpd_year_minutes: Option<u64>,
    /// How a credential granted for the scheme is renewed.
    pub renewal: Option<Renewal>,
}

/// Engagements: coaching given to one partner, or received from one, in at least so many
/// sessions (a German body's documented engagements; ICF ACTC's team coaching engagements).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngagementRule {
    /// Engagements given as coach, at least.
    pub given: u32,
    /// Engagements received as client, at least.
    pub received: u32,
    /// The sessions each has, at least (1 or more).
    pub sessions: u32,
    /// Only sessions in the last so many calendar months count.
    pub months: Option<u32>,
    /// Only sessions in groups (teams) count.
    pub groups_only: bool,
}

/// ICF's mentor coaching requirement, in minutes and months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MentoringRule {
    /// In all.
    pub minutes: u64,
    /// One-to-one, at least.
    pub individual_minutes: u64,
    /// In groups, at most.
    pub group_max_minutes: Option<u64>,
    /// Larger groups do not count.
    pub group_limit: Option<u32>,
    /// The span from the first to the last, at least, in calendar months.
    pub months: u32,
    /// The credentials a mentor may hold (any, when empty).
    pub credentials: Vec<CoachCredential>,
    /// A mentor holding one of these counts only once they have renewed it at least once.
    pub renewed_credentials: Vec<CoachCredential>,
}

/// Whose word a scheme counts as client feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackFrom {
    /// The client's own answers to a request (`coachlog feedback request`, then `import`).
    #[default]
    Client,
    /// Those, and the scores a coach typed as the client's (`reflect --rated-by client`).
    Any,
}

/// EMCC's client feedback and reflections in the months before applying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Pieces of client feedback.
    pub feedback: u32,
    /// Whose word counts as client feedback.
    pub from: FeedbackFrom,
    /// Reflections.
    pub reflections: u32,
    /// The window, in months.
    pub months: u32,
}

/// How a credential is renewed, in months and minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renewal {
    /// The credential's life.
    pub months: u32,
    /// Continuing education units, in minutes.
    pub cce_minutes: u64,
    /// Of which on the Core Competencies, at least.
    pub core_minutes: u64,
    /// Of which on ethics, at least.
    pub ethics_minutes: u64,
    /// Mentor coaching required, judged with the structure of an application's (one-to-one hours,
    /// groups, span, the mentor's credential).
    pub mentoring: Option<MentoringRule>,
    /// Mentor coaching received that counts as units, at most.
    pub mentoring_max_minutes: u64,
    /// Supervision received that counts as units, at most.
    pub supervision_max_minutes: u64,
    /// Months of grace after the expiry in which it may still be renewed.
    pub grace_months: u32,
    /// Months after the grace in which it may be renewed late.
    pub late_months: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuiltInFile {
    scheme: Vec<SchemeFigures>,
}

/// The built-in schemes, in the order they are shown.
pub fn built_in() -> Vec<Scheme> {
    let file: BuiltInFile = toml::from_str(BUILT_IN).expect("the built-in schemes.toml is valid");
    file.scheme
        .into_iter()
        .map(|figures| {
            let id = figures.id.clone().expect("every built-in scheme has an id");
            complete(&id, &figures).expect("every built-in scheme is complete")
        })
        .collect()
}

/// The built-in schemes with `overrides` merged in: a figure given for a known id replaces the
/// built-in one (0 removes the requirement); an unknown id adds a scheme, which then needs at least a
/// name, a body and one requirement. Schemes stay grouped by body, lowest level first.
pub fn merged(overrides: &BTreeMap<String, SchemeFigures>) -> Result<Vec<Scheme>, String> {
    merged_onto(built_in(), overrides)
}

/// [`merged`], onto `built_in` instead of the schemes coachlog holds.
fn merged_onto(
    built_in: Vec<Scheme>,
    overrides: &BTreeMap<String, SchemeFigures>,
) -> Result<Vec<Scheme>, String> {
    let mut schemes = Vec::new();
    // The figures a user sets are theirs, with their note; so is every figure of a scheme of
    // their own that names no source.
    let theirs = |figures: &SchemeFigures, scheme: &mut Scheme| {
        let why = figures.why.clone().unwrap_or_default();
        for key in figures.rule_values().into_iter().map(|(k, _)| k) {
            // A source the user names for a figure of their own scheme is theirs to give.
            let sourced = figures
                .rules
                .as_ref()
                .is_some_and(|rules| rules.iter().any(|r| r.figures.contains(&key)));
            if !sourced {
                scheme.overrides.insert(key.clone(), why.get(&key).cloned());
            }
        }
    };
    for scheme in &built_in {
        match overrides.get(&scheme.id) {
            Some(figures) => {
                let mut changed = complete(&scheme.id, &overlay(&scheme.figures(), figures))?;
                theirs(figures, &mut changed);
                schemes.push(changed);
            }
            None => schemes.push(scheme.clone()),
        }
    }
    for (id, figures) in overrides {
        if !built_in.iter().any(|s| &s.id == id) {
            let mut own = complete(id, figures)?;
            theirs(figures, &mut own);
            schemes.push(own);
        }
    }
    let bodies: Vec<String> = {
        let mut seen: Vec<String> = Vec::new();
        for s in &schemes {
            if !seen.contains(&s.body) {
                seen.push(s.body.clone());
            }
        }
        seen
    };
    schemes.sort_by_key(|s| (bodies.iter().position(|b| b == &s.body), s.level));
    Ok(schemes)
}

impl Scheme {
    /// The scheme as figures, keyed as in `schemes.toml` and `config.toml`.
    pub fn figures(&self) -> SchemeFigures {
        let s = self;
        SchemeFigures {
            id: Some(s.id.clone()),
            name: Some(s.name.clone()),
            body: Some(s.body.clone()),
            level: Some(s.level),
            counts_from: Some(s.counts_from),
            hours: s.minutes.map(hours),
            paid_hours: s.paid_minutes.map(hours),
            clients: s.clients,
            recent_hours: s.recent.map(|r| hours(r.0)),
            recent_months: s.recent.map(|r| r.1),
            years: s.practice_months.map(|m| f64::from(m) / 12.0),
            group_limit: s.group_limit,
            counts_anyway: (!s.counts_anyway.is_empty()).then(|| s.counts_anyway.clone()),
            icf_log: s.icf_log.then_some(true),
            balance_rule: s.balance_rule.then_some(true),
            education_hours: s
                .beyond
                .education_minutes
                .filter(|_| s.beyond.education_unit.is_none())
                .map(hours),
            education_units: s
                .beyond
                .education_minutes
                .zip(s.beyond.education_unit)
                .map(|(m, unit)| (m as f64 / f64::from(unit) * 100.0).round() / 100.0),
            unit_minutes: s.beyond.education_unit,
            requires_credential: (!s.beyond.requires_credential.is_empty())
                .then(|| s.beyond.requires_credential.clone()),
            requires_credential_active: s.beyond.credential_active.then_some(true),
            observing_hours: s.beyond.observing_minutes.map(hours),
            engagements_given: s
                .beyond
                .engagements
                .as_ref()
                .map(|e| e.given)
                .filter(|n| *n > 0),
            engagements_received: s
                .beyond
                .engagements
                .as_ref()
                .map(|e| e.received)
                .filter(|n| *n > 0),
            engagement_sessions: s
                .beyond
                .engagements
                .as_ref()
                .map(|e| e.sessions)
                .filter(|n| *n > 1),
            engagement_months: s.beyond.engagements.as_ref().and_then(|e| e.months),
            engagements_in_groups: s
                .beyond
                .engagements
                .as_ref()
                .and_then(|e| e.groups_only.then_some(true)),
            mentor_hours: s.beyond.mentoring.as_ref().map(|m| hours(m.minutes)),
            mentor_individual_hours: s
                .beyond
                .mentoring
                .as_ref()
                .map(|m| hours(m.individual_minutes)),
            mentor_group_max_hours: s
                .beyond
                .mentoring
                .as_ref()
                .and_then(|m| m.group_max_minutes.map(hours)),
            mentor_group_limit: s.beyond.mentoring.as_ref().and_then(|m| m.group_limit),
            mentor_months: s.beyond.mentoring.as_ref().map(|m| m.months),
            mentor_credentials: s.beyond.mentoring.as_ref().map(|m| m.credentials.clone()),
            mentor_renewed_credentials: s
                .beyond
                .mentoring
                .as_ref()
                .map(|m| m.renewed_credentials.clone())
                .filter(|c| !c.is_empty()),
            feedback: s.beyond.evidence.as_ref().map(|e| e.feedback),
            feedback_from: s.beyond.evidence.as_ref().map(|e| e.from),
            reflections: s.beyond.evidence.as_ref().map(|e| e.reflections),
            evidence_months: s.beyond.evidence.as_ref().map(|e| e.months),
            supervision_quarter_hours: s.beyond.supervision_quarter_minutes.map(hours),
            supervision_months: s.beyond.supervision_months,
            cpd_hours_per_year: s.beyond.cpd_year_minutes.map(hours),
            renewal_years: s.beyond.renewal.as_ref().map(|r| r.months / 12),
            renewal_cce_hours: renewal_hours(s, |r| r.cce_minutes),
            renewal_core_hours: renewal_hours(s, |r| r.core_minutes),
            renewal_ethics_hours: renewal_hours(s, |r| r.ethics_minutes),
            renewal_mentor_hours: renewal_mentoring(s).map(|m| hours(m.minutes)),
            renewal_mentor_individual_hours: renewal_mentoring(s)
                .map(|m| hours(m.individual_minutes)),
            renewal_mentor_group_max_hours: renewal_mentoring(s)
                .and_then(|m| m.group_max_minutes.map(hours)),
            renewal_mentor_group_limit: renewal_mentoring(s).and_then(|m| m.group_limit),
            renewal_mentor_months: renewal_mentoring(s).map(|m| m.months),
            renewal_mentoring_max_hours: renewal_hours(s, |r| r.mentoring_max_minutes),
            renewal_supervision_max_hours: renewal_hours(s, |r| r.supervision_max_minutes),
            renewal_grace_months: renewal_months(s, |r| r.grace_months),
            renewal_late_months: renewal_months(s, |r| r.late_months),
            note: s.note.clone(),
            source: s.source.clone(),
            packet: Some(s.packet.clone()),
            rules: (!s.rules.is_empty()).then(|| s.rules.clone()),
            why: None,
        }
    }
}

/// A figure of hours of a scheme's renewal, if it asks for one (0 is none).
fn renewal_hours(s: &Scheme, minutes: impl Fn(&Renewal) -> u64) -> Option<f64> {
    s.beyond
        .renewal
        .as_ref()
        .map(minutes)
        .filter(|m| *m > 0)
        .map(hours)
}

/// A figure of months of a scheme's renewal, if it asks for one (0 is none).
fn renewal_months(s: &Scheme, months: impl Fn(&Renewal) -> u32) -> Option<u32> {
    s.beyond.renewal.as_ref().map(months).filter(|m| *m > 0)
}

/// The mentor coaching a scheme's renewal asks for, if any.
fn renewal_mentoring(s: &Scheme) -> Option<&MentoringRule> {
    s.beyond.renewal.as_ref().and_then(|r| r.mentoring.as_ref())
}

/// `base` with every figure that `top` gives put over it.
fn overlay(base: &SchemeFigures, top: &SchemeFigures) -> SchemeFigures {
    fn or<T: Clone>(top: &Option<T>, base: &Option<T>) -> Option<T> {
        top.clone().or_else(|| base.clone())
    }
    SchemeFigures {
        id: or(&top.id, &base.id),
        name: or(&top.name, &base.name),
        body: or(&top.body, &base.body),
        level: or(&top.level, &base.level),
        counts_from: or(&top.counts_from, &base.counts_from),
        hours: or(&top.hours, &base.hours),
        paid_hours: or(&top.paid_hours, &base.paid_hours),
        clients: or(&top.clients, &base.clients),
        recent_hours: or(&top.recent_hours, &base.recent_hours),
        recent_months: or(&top.recent_months, &base.recent_months),
        years: or(&top.years, &base.years),
        group_limit: or(&top.group_limit, &base.group_limit),
        counts_anyway: or(&top.counts_anyway, &base.counts_anyway),
        icf_log: or(&top.icf_log, &base.icf_log),
        balance_rule: or(&top.balance_rule, &base.balance_rule),
        education_hours: or(&top.education_hours, &base.education_hours),
        education_units: or(&top.education_units, &base.education_units),
        unit_minutes: or(&top.unit_minutes, &base.unit_minutes),
        requires_credential: or(&top.requires_credential, &base.requires_credential),
        requires_credential_active: or(
            &top.requires_credential_active,
            &base.requires_credential_active,
        ),
        observing_hours: or(&top.observing_hours, &base.observing_hours),
        engagements_given: or(&top.engagements_given, &base.engagements_given),
        engagements_received: or(&top.engagements_received, &base.engagements_received),
        engagement_sessions: or(&top.engagement_sessions, &base.engagement_sessions),
        engagement_months: or(&top.engagement_months, &base.engagement_months),
        engagements_in_groups: or(&top.engagements_in_groups, &base.engagements_in_groups),
        mentor_hours: or(&top.mentor_hours, &base.mentor_hours),
        mentor_individual_hours: or(&top.mentor_individual_hours, &base.mentor_individual_hours),
        mentor_group_max_hours: or(&top.mentor_group_max_hours, &base.mentor_group_max_hours),
        mentor_group_limit: or(&top.mentor_group_limit, &base.mentor_group_limit),
        mentor_months: or(&top.mentor_months, &base.mentor_months),
        mentor_credentials: or(&top.mentor_credentials, &base.mentor_credentials),
        mentor_renewed_credentials: or(
            &top.mentor_renewed_credentials,
            &base.mentor_renewed_credentials,
        ),
        feedback: or(&top.feedback, &base.feedback),
        feedback_from: or(&top.feedback_from, &base.feedback_from),
        reflections: or(&top.reflections, &base.reflections),
        evidence_months: or(&top.evidence_months, &base.evidence_months),
        supervision_quarter_hours: or(
            &top.supervision_quarter_hours,
            &base.supervision_quarter_hours,
        ),
        supervision_months: or(&top.supervision_months, &base.supervision_months),
        cpd_hours_per_year: or(&top.cpd_hours_per_year, &base.cpd_hours_per_year),
        renewal_years: or(&top.renewal_years, &base.renewal_years),
        renewal_cce_hours: or(&top.renewal_cce_hours, &base.renewal_cce_hours),
        renewal_core_hours: or(&top.renewal_core_hours, &base.renewal_core_hours),
        renewal_ethics_hours: or(&top.renewal_ethics_hours, &base.renewal_ethics_hours),
        renewal_mentor_hours: or(&top.renewal_mentor_hours, &base.renewal_mentor_hours),
        renewal_mentor_individual_hours: or(
            &top.renewal_mentor_individual_hours,
            &base.renewal_mentor_individual_hours,
        ),
        renewal_mentor_group_max_hours: or(
            &top.renewal_mentor_group_max_hours,
            &base.renewal_mentor_group_max_hours,
        ),
        renewal_mentor_group_limit: or(
            &top.renewal_mentor_group_limit,
            &base.renewal_mentor_group_limit,
        ),
        renewal_mentor_months: or(&top.renewal_mentor_months, &base.renewal_mentor_months),
        renewal_mentoring_max_hours: or(
            &top.renewal_mentoring_max_hours,
            &base.renewal_mentoring_max_hours,
        ),
        renewal_supervision_max_hours: or(
            &top.renewal_supervision_max_hours,
            &base.renewal_supervision_max_hours,
        ),
        renewal_grace_months: or(&top.renewal_grace_months, &base.renewal_grace_months),
        renewal_late_months: or(&top.renewal_late_months, &base.renewal_late_months),
        note: or(&top.note, &base.note),
        source: or(&top.source, &base.source),
        packet: or(&top.packet, &base.packet),
        rules: or(&top.rules, &base.rules),
        why: top.why.clone(),
    }
}

/// A scheme from its figures, checked; 0 means "no such requirement".
fn complete(id: &str, f: &SchemeFigures) -> Result<Scheme, String> {
    let problem = |what: &str| format!("scheme '{id}': {what}");
    // A name is shown in the terminal and written into packets: one line, nothing a terminal
    // would act on.
    let text = |value: &Option<String>, key: &str| -> Result<String, String> {
        match value.as_deref().map(str::trim) {
            Some(v) if !v.is_empty() => {
                crate::domain::text::single_line(v).map_err(|why| problem(&format!("{key}: {why}")))
            }
            _ => Err(problem(&format!("give it a {key} (e.g. {key} = \"…\")"))),
        }
    };
    // Figures are read once here into whole minutes and months; 0 means no such requirement.
    let minutes = |value: Option<f64>, key: &str| -> Result<Option<u64>, String> {
        match value {
            Some(h) if !h.is_finite() || !(0.0..=MAX_HOURS).contains(&h) => Err(problem(&format!(
                "{key} must be a number of hours from 0 to {MAX_HOURS}, not {h}"
            ))),
            Some(h) => Ok(Some((h * 60.0).round() as u64).filter(|m| *m > 0)),
            None => Ok(None),
        }
    };
    let recent = match (
        minutes(f.recent_hours, "recent_hours")?,
        f.recent_months.filter(|m| *m > 0),
    ) {
        (Some(h), Some(m)) => Some((h, m)),
        (None, _) => None,
        (Some(_), None) => {
            return Err(problem(
                "recent_hours needs recent_months, the window in months (e.g. 18)",
            ));
        }
    };
    let scheme = Scheme {
        id: id.to_owned(),
        name: text(&f.name, "name")?,
        body: text(&f.body, "body")?,
        level: f.level.unwrap_or(1),
        counts_from: f.counts_from.unwrap_or(CountsFrom::FirstSession),
        minutes: minutes(f.hours, "hours")?,
        paid_minutes: minutes(f.paid_hours, "paid_hours")?,
        clients: f.clients.filter(|c| *c > 0),
        recent,
        practice_months: match f.years {
            Some(y) if !y.is_finite() || !(0.0..=MAX_YEARS).contains(&y) => {
                return Err(problem(&format!(
                    "years must be a number of years from 0 to {MAX_YEARS}, not {y}"
                )));
            }
            Some(y) => Some(dates::months_in_years(y)).filter(|m| *m > 0),
            None => None,
        },
        group_limit: f.group_limit.filter(|g| *g > 0),
        counts_anyway: {
            let mut reasons = f.counts_anyway.clone().unwrap_or_default();
            reasons.sort();
            reasons.dedup();
            reasons
        },
        icf_log: f.icf_log.unwrap_or(false),
        balance_rule: f.balance_rule.unwrap_or(false),
        beyond: beyond(f, &minutes, &problem)?,
        note: f
            .note
            .as_deref()
            .map(|n| {
                if crate::domain::text::needs_escaping(n) {
                    Err(problem(
                        "note: it holds a control or invisible character: write it without",
                    ))
                } else {
                    Ok(n.trim().to_owned())
                }
            })
            .transpose()?
            .filter(|n| !n.is_empty()),
        source: f
            .source
            .as_deref()
            .map(|v| {
                crate::domain::text::single_line(v)
                    .map_err(|why| problem(&format!("source: {why}")))
            })
            .transpose()?,
        packet: f
            .packet
            .clone()
            .unwrap_or_else(|| default_packet(f.icf_log.unwrap_or(false))),
        rules: f.rules.clone().unwrap_or_default(),
        overrides: BTreeMap::new(),
    };
    provenance::check(
        &scheme.rules,
        figure_keys(),
        &f.why.clone().unwrap_or_default(),
    )
    .map_err(|why| problem(&why))?;
    let any = scheme.minutes.is_some()
        || scheme.paid_minutes.is_some()
        || scheme.clients.is_some()
        || scheme.recent.is_some()
        || scheme.practice_months.is_some()
        || scheme.beyond != Beyond::default();
    if !any {
        return Err(problem(
            "give it at least one requirement: hours, paid_hours, clients, recent_hours or years",
        ));
    }
    Ok(scheme)
}

/// Reads a figure of hours (named by its key) into whole minutes, or says what is wrong with it.
type ReadMinutes<'a> = dyn Fn(Option<f64>, &str) -> Result<Option<u64>, String> + 'a;

/// What a scheme's figures ask besides practice, checked; `minutes` reads a figure of hours.
fn beyond(
    f: &SchemeFigures,
    minutes: &ReadMinutes<'_>,
    problem: &dyn Fn(&str) -> String,
) -> Result<Beyond, String> {
    let mentoring = match minutes(f.mentor_hours, "mentor_hours")? {
        None => None,
        Some(total) => Some(MentoringRule {
            minutes: total,
            individual_minutes: minutes(f.mentor_individual_hours, "mentor_individual_hours")?
                .unwrap_or(0),
            group_max_minutes: minutes(f.mentor_group_max_hours, "mentor_group_max_hours")?,
            group_limit: f.mentor_group_limit.filter(|g| *g > 0),
            months: f.mentor_months.unwrap_or(0),
            credentials: f.mentor_credentials.clone().unwrap_or_default(),
            renewed_credentials: f.mentor_renewed_credentials.clone().unwrap_or_default(),
        }),
    };
    let engagements = match (
        f.engagements_given.unwrap_or(0),
        f.engagements_received.unwrap_or(0),
    ) {
        (0, 0) => None,
        (given, received) => Some(EngagementRule {
            given,
            received,
            sessions: f.engagement_sessions.unwrap_or(1).max(1),
            months: f.engagement_months.filter(|m| *m > 0),
            groups_only: f.engagements_in_groups.unwrap_or(false),
        }),
    };
    let evidence = match (f.feedback.unwrap_or(0), f.reflections.unwrap_or(0)) {
        (0, 0) => None,
        (feedback, reflections) => Some(Evidence {
            feedback,
            from: f.feedback_from.unwrap_or_default(),
            reflections,
            months: match f.evidence_months {
                Some(m) if m > 0 => m,
                _ => {
                    return Err(problem(
                        "feedback and reflections need evidence_months, the window in months (e.g. 12)",
                    ));
                }
            },
        }),
    };
    let renewal = match f.renewal_years.filter(|y| *y > 0) {
        None => None,
        Some(years) => Some(Renewal {
            months: years * 12,
            cce_minutes: minutes(f.renewal_cce_hours, "renewal_cce_hours")?.unwrap_or(0),
            core_minutes: minutes(f.renewal_core_hours, "renewal_core_hours")?.unwrap_or(0),
            ethics_minutes: minutes(f.renewal_ethics_hours, "renewal_ethics_hours")?.unwrap_or(0),
            mentoring: match minutes(f.renewal_mentor_hours, "renewal_mentor_hours")? {
                None => None,
                Some(total) => Some(MentoringRule {
                    minutes: total,
                    individual_minutes: minutes(
                        f.renewal_mentor_individual_hours,
                        "renewal_mentor_individual_hours",
                    )?
                    .unwrap_or(0),
                    group_max_minutes: minutes(
                        f.renewal_mentor_group_max_hours,
                        "renewal_mentor_group_max_hours",
                    )?,
                    group_limit: f.renewal_mentor_group_limit.filter(|g| *g > 0),
                    months: f.renewal_mentor_months.unwrap_or(0),
                    // Who may mentor is the scheme's own rule.
                    credentials: f.mentor_credentials.clone().unwrap_or_default(),
                    renewed_credentials: f.mentor_renewed_credentials.clone().unwrap_or_default(),
                }),
            },
            mentoring_max_minutes: minutes(
                f.renewal_mentoring_max_hours,
                "renewal_mentoring_max_hours",
            )?
            .unwrap_or(0),
            supervision_max_minutes: minutes(
                f.renewal_supervision_max_hours,
                "renewal_supervision_max_hours",
            )?
            .unwrap_or(0),
            grace_months: f.renewal_grace_months.unwrap_or(0),
            late_months: f.renewal_late_months.unwrap_or(0),
        }),
    };
    let (education_minutes, education_unit) = match (
        minutes(f.education_hours, "education_hours")?,
        f.education_units.filter(|u| *u != 0.0),
    ) {
        (None, None) => (None, None),
        (Some(m), None) => (Some(m), None),
        (Some(_), Some(_)) => {
            return Err(problem(
                "education_hours and education_units are both set: keep one (education_hours = 0 \
                 removes the hours)",
            ));
        }
        (None, Some(units)) => {
            let unit = match f.unit_minutes {
                Some(u) if (1..=240).contains(&u) => u,
                Some(u) => {
                    return Err(problem(&format!(
                        "unit_minutes must be from 1 to 240 minutes, not {u}"
                    )));
                }
                None => {
                    return Err(problem(
                        "education_units needs unit_minutes, the minutes of one teaching unit \
                         (e.g. 45)",
                    ));
                }
            };
            if !units.is_finite() || !(0.0..=10_000.0).contains(&units) {
                return Err(problem(&format!(
                    "education_units must be a number of units from 0 to 10000, not {units}"
                )));
            }
            (
                Some((units * f64::from(unit)).round() as u64).filter(|m| *m > 0),
                Some(unit),
            )
        }
    };
    Ok(Beyond {
        education_minutes,
        education_unit,
        requires_credential: f.requires_credential.clone().unwrap_or_default(),
        credential_active: f.requires_credential_active.unwrap_or(false),
        observing_minutes: minutes(f.observing_hours, "observing_hours")?,
        engagements,
        mentoring,
        evidence,
        supervision_quarter_minutes: minutes(
            f.supervision_quarter_hours,
            "supervision_quarter_hours",
        )?,
        supervision_months: f.supervision_months.filter(|m| *m > 0),
        cpd_year_minutes: minutes(f.cpd_hours_per_year, "cpd_hours_per_year")?,
        renewal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_of_a_built_in_scheme_names_its_source() {
        for scheme in built_in() {
            for figure in scheme.figures().rule_values().keys() {
                assert!(
                    matches!(scheme.judge(figure), Judge::Body(_)),
                    "{}: {figure} has no source",
                    scheme.id
                );
            }
        }
        let acc = built_in()
            .into_iter()
            .find(|s| s.id == "icf-acc")
            .expect("ACC");
        match acc.judge("hours") {
            Judge::Body(r) => assert_eq!(
                r.describe(),
                "ICF experience requirements, effective 2022-08-01, checked 2026-11-20"
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_proposed_rules_file_goes_under_the_users_own_figures() {
        let mine: BTreeMap<String, SchemeFigures> =
            toml::from_str("[icf-acc]\ngroup_limit = 25\n").expect("toml");
        let file = "[[scheme]]\nid = \"icf-acc\"\nname = \"ICF ACC\"\nbody = \"ICF\"\nlevel = 1\n\
                    hours = 120\n\n[[scheme.rules]]\ntitle = \"ICF 2027\"\n\
                    effective = 2027-01-01\nfigures = [\"hours\"]\n";
        let schemes = proposed(&mine, file).expect("proposed");
        let acc = schemes.iter().find(|s| s.id == "icf-acc").expect("ACC");
        assert_eq!(acc.minutes, Some(120 * 60));
        assert_eq!(acc.group_limit, Some(25), "the user's figure stays");
        match acc.judge("hours") {
            Judge::Body(r) => assert_eq!(r.describe(), "ICF 2027, effective 2027-01-01"),
            other => panic!("{other:?}"),
        }
        assert!(schemes.iter().any(|s| s.id == "icf-pcc"), "the rest stay");
        assert!(proposed(&mine, "[[scheme]]\nname = \"x\"\n").is_err());
    }

    #[test]
    fn a_figure_the_user_sets_is_theirs_with_their_note() {
        let overrides: BTreeMap<String, SchemeFigures> = toml::from_str(
            "[icf-acc]\ngroup_limit = 25\nwhy.group_limit = \"our school counts groups of 25\"\n\
             [my-school]\nname = \"My school\"\nbody = \"School\"\nhours = 40\n",
        )
        .expect("toml");
        let schemes = merged(&overrides).expect("merged");
        let acc = schemes.iter().find(|s| s.id == "icf-acc").expect("ACC");
        assert_eq!(
            acc.judge("group_limit"),
            Judge::User(Some("our school counts groups of 25"))
        );
        assert!(matches!(acc.judge("hours"), Judge::Body(_)));
        let own = schemes.iter().find(|s| s.id == "my-school").expect("own");
        assert_eq!(own.judge("hours"), Judge::User(None));
        let bad: BTreeMap<String, SchemeFigures> =
            toml::from_str("[icf-acc]\nwhy.grup_limit = \"typo\"\n").expect("toml");
        assert!(merged(&bad).expect_err("typo").contains("grup_limit"));
    }

    fn find<'a>(schemes: &'a [Scheme], id: &str) -> &'a Scheme {
        schemes
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    }

    #[test]
    fn the_built_in_schemes_have_domain_figures() {
        let all = built_in();
        let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "icf-acc",
                "icf-pcc",
                "icf-mcc",
                "icf-actc",
                "emcc-foundation",
                "emcc-practitioner",
                "emcc-senior-practitioner",
                "emcc-master-practitioner",
                "ac-foundation",
                "ac-coach",
                "ac-professional",
                "ac-master"
            ]
        );
        let actc = find(&all, "icf-actc");
        assert_eq!((actc.minutes, actc.beyond.credential_active), (None, true));
        assert_eq!(
            actc.beyond.engagements,
            Some(EngagementRule {
                given: 5,
                received: 0,
                sessions: 1,
                months: Some(60),
                groups_only: true,
            })
        );
        let acc = find(&all, "icf-acc");
        assert_eq!(
            (acc.minutes, acc.paid_minutes, acc.clients),
            (Some(6000), Some(4500), Some(8))
        );
        assert_eq!(acc.recent, Some((1500, 18)));
        assert!(
            acc.icf_log && acc.balance_rule,
            "ICF's log and balance rule apply"
        );
        assert_eq!(
            (acc.group_limit, acc.counts_from),
            (Some(15), CountsFrom::TrainingStart)
        );
        let pcc = find(&all, "icf-pcc");
        assert_eq!(
            (pcc.minutes, pcc.paid_minutes, pcc.clients, pcc.recent),
            (Some(30_000), Some(27_000), Some(25), Some((3000, 18)))
        );
        let mcc = find(&all, "icf-mcc");
        assert_eq!(
            (mcc.minutes, mcc.paid_minutes, mcc.clients, mcc.recent),
            (Some(150_000), Some(135_000), Some(35), None)
        );
        for (id, years, hours, clients) in [
            ("emcc-foundation", 1, 50, 5),
            ("emcc-practitioner", 3, 100, 10),
            ("emcc-senior-practitioner", 5, 250, 20),
            ("emcc-master-practitioner", 7, 500, 40),
        ] {
            let s = find(&all, id);
            assert_eq!(
                (s.practice_months, s.minutes, s.clients),
                (Some(years * 12), Some(hours * 60), Some(clients)),
                "{id}"
            );
            assert_eq!(
                (s.counts_from, s.group_limit, s.paid_minutes),
                (CountsFrom::FirstSession, None, None)
            );
            assert!(!s.icf_log && !s.balance_rule, "{id}");
        }
        for (id, hours) in [
            ("ac-foundation", 75),
            ("ac-coach", 250),
            ("ac-professional", 750),
            ("ac-master", 1500),
        ] {
            let s = find(&all, id);
            assert_eq!(
                (s.minutes, s.clients, s.practice_months),
                (Some(hours * 60), None, None),
                "{id}"
            );
            assert!(
                s.note
                    .as_deref()
                    .is_some_and(|n| n.contains("verify before applying"))
            );
        }
    }

    #[test]
    fn overrides_replace_a_figure_and_zero_removes_it() {
        let mut overrides = BTreeMap::new();
        overrides.insert(
            "icf-acc".to_owned(),
            SchemeFigures {
                group_limit: Some(25),
                recent_hours: Some(0.0),
                ..Default::default()
            },
        );
        overrides.insert(
            "icf-mcc".to_owned(),
            SchemeFigures {
                recent_hours: Some(100.0),
                recent_months: Some(18),
                ..Default::default()
            },
        );
        let all = merged(&overrides).expect("valid");
        let acc = find(&all, "icf-acc");
        assert_eq!(
            (acc.group_limit, acc.recent, acc.minutes),
            (Some(25), None, Some(6000))
        );
        assert_eq!(find(&all, "icf-mcc").recent, Some((6000, 18)));
        assert_eq!(all.len(), 12);
    }

    #[test]
    fn additions_join_their_body_in_level_order() {
        let mut overrides = BTreeMap::new();
        overrides.insert(
            "icf-school".to_owned(),
            SchemeFigures {
                name: Some("School ICF track".into()),
                body: Some("ICF".into()),
                level: Some(2),
                hours: Some(60.0),
                ..Default::default()
            },
        );
        overrides.insert(
            "other".to_owned(),
            SchemeFigures {
                name: Some("Other".into()),
                body: Some("XYZ".into()),
                clients: Some(3),
                ..Default::default()
            },
        );
        let ids: Vec<String> = merged(&overrides)
            .expect("valid")
            .into_iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(&ids[..4], ["icf-acc", "icf-pcc", "icf-school", "icf-mcc"]);
        assert_eq!(ids.last().map(String::as_str), Some("other"));
    }

    #[test]
    fn incomplete_additions_are_refused_with_what_to_add() {
        let mut overrides = BTreeMap::new();
        overrides.insert(
            "new".to_owned(),
            SchemeFigures {
                hours: Some(10.0),
                ..Default::default()
            },
        );
        assert!(
            merged(&overrides)
                .expect_err("no name")
                .contains("scheme 'new': give it a name")
        );
        overrides.insert(
            "new".to_owned(),
            SchemeFigures {
                name: Some("N".into()),
                body: Some("B".into()),
                ..Default::default()
            },
        );
        assert!(
            merged(&overrides)
                .expect_err("no figures")
                .contains("at least one requirement")
        );
        overrides.insert(
            "new".to_owned(),
            SchemeFigures {
                name: Some("N".into()),
                body: Some("B".into()),
                recent_hours: Some(5.0),
                ..Default::default()
            },
        );
        assert!(
            merged(&overrides)
                .expect_err("no window")
                .contains("recent_months")
        );
        overrides.insert(
            "icf-acc".to_owned(),
            SchemeFigures {
                hours: Some(-1.0),
                ..Default::default()
            },
        );
        overrides.remove("new");
        assert!(
            merged(&overrides)
                .expect_err("negative")
                .contains("from 0 to")
        );
    }
}
