//! The user's settings, validated: what `config.toml` holds once it has been read and checked.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::scheme::{self, Scheme, SchemeFigures};
use crate::domain::reflection::Thresholds;
use crate::domain::vocabulary::vocabulary;

/// The default target share of coaching hours with non-coach clients: a half.
pub const DEFAULT_MIN_NON_COACH_SHARE: Share = Share(5_000);

/// A share from 0 up to (not including) 100%, in basis points (hundredths of a percent), so that
/// reports compare whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Share(u32);

impl Share {
    /// The whole: 10,000 basis points.
    pub const WHOLE: u32 = 10_000;

    /// A share from a fraction (0.5), checked: from 0 to below 1, to the hundredth of a percent.
    pub fn from_fraction(fraction: f64) -> Result<Self, String> {
        let points = fraction * f64::from(Self::WHOLE);
        if fraction.is_finite() && (0.0..1.0).contains(&fraction) && points.round() < 10_000.0 {
            Ok(Share(points.round() as u32))
        } else {
            Err(format!(
                "{fraction} is not a share: give a fraction from 0 to below 1 (e.g. 0.5 or 50%)"
            ))
        }
    }

    /// The share in basis points.
    pub fn basis_points(self) -> u32 {
        self.0
    }

    /// The share as a fraction, for display and JSON.
    pub fn fraction(self) -> f64 {
        f64::from(self.0) / f64::from(Self::WHOLE)
    }
}

vocabulary! {
    /// How ICF schemes count exchange hours (coaching traded for coaching) as paid.
    BalanceRule {
        /// Every exchange hour is paid, as ICF states it.
        Off = "off", "every exchange hour counts as paid, as ICF states it";
        /// Exchange hours count as paid up to the hours received as client, from anyone.
        Pooled = "pooled", "exchange hours count as paid up to the hours you received as client, from anyone";
        /// Exchange hours with a partner count as paid up to the hours received from that partner.
        PerPartner = "per-partner", "exchange hours with a partner count as paid up to the hours received from that partner";
    }
}

/// The settings the reports work with.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The coach's name, for the report a mentor reads (none: the report names nobody).
    pub name: Option<String>,
    /// The start of coach-specific training: ICF counts only sessions on or after it.
    pub training_start: Option<NaiveDate>,
    /// The first day of practice, for years of experience (else the first coaching session).
    pub first_practice: Option<NaiveDate>,
    /// The schemes `summary` shows in its table (else the lowest level not met per body).
    pub show_schemes: Option<Vec<String>>,
    /// The target share of coaching hours with non-coach clients, below 100%.
    pub min_non_coach_share: Share,
    /// Whether exchange hours count as ICF paid only up to the hours received as client (the
    /// stricter reading some schools apply), pooled or per partner.
    pub exchange_balance_rule: BalanceRule,
    /// Whether ICF figures count clients who have not consented to be named, whom the ICF log
    /// leaves off (false: the figures are what the log shows).
    pub count_unnamed_clients: bool,
    /// Whether the coach keeps each consenting client's consent form as evidence
    /// (`evidence.consent_forms`), so that one missing is listed.
    pub consent_forms: bool,
    /// Whether confidential text is written encrypted (`encrypt_notes`).
    pub encrypt_notes: bool,
    /// The public half of the coach's key that confidential text is encrypted with (`notes_key`,
    /// written by `coachlog keys`).
    pub notes_key: Option<String>,
    /// Keys of this logbook replaced when a client was forgotten: no device should keep them.
    pub retired_notes_keys: Vec<String>,
    /// Every scheme: the built-in ones with the user's overrides, and the user's own.
    pub schemes: Vec<Scheme>,
    /// The user's `[schemes.<id>]` tables as written, so that a proposed change of rules can be
    /// laid under them (`coachlog rules diff`).
    pub scheme_overrides: std::collections::BTreeMap<String, scheme::SchemeFigures>,
    /// When a rated session is flagged.
    pub thresholds: Thresholds,
    /// How `import calendar.ics` reads a calendar.
    pub calendar: CalendarSettings,
    /// What `feedback request` asks, and when an unanswered request is due.
    pub feedback: FeedbackSettings,
    /// What the user should know about how the file was read (a value in an older form, say).
    pub notices: Vec<String>,
}

/// The `[feedback]` table: the questions a request asks, in the coach's words; the address the
/// answer goes back to; and after how many days an unanswered request is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackSettings {
    /// The questions (each may be changed in `[feedback.questions]`).
    pub questions: crate::domain::feedback::Questions,
    /// The address the page's `mailto:` link writes to (`reply_to`); none: the client chooses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// Days after which a request not answered is listed by `due` (`remind_after_days`).
    pub remind_after_days: u32,
}

/// Days after which an unanswered request is due, unless `config.toml` says otherwise.
pub const DEFAULT_REMIND_AFTER_DAYS: u32 = 7;

impl Default for FeedbackSettings {
    fn default() -> Self {
        FeedbackSettings {
            questions: crate::domain::feedback::Questions::default(),
            reply_to: None,
            remind_after_days: DEFAULT_REMIND_AFTER_DAYS,
        }
    }
}

/// The `[calendar]` table: the user's time zone and addresses, and the rules that say which events
/// are coaching sessions and with whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSettings {
    /// The user's time zone (an IANA name); none: the system's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// The user's own e-mail addresses: their answer to an invitation is read from these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub me: Vec<String>,
    /// The calendar export `coachlog due` reads for coaching events not logged yet (a path; `~/`
    /// is the home folder, a relative one is under the data directory).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The rules, tried in order.
    #[serde(default, rename = "rule", skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<CalendarRule>,
}

/// One rule: the conditions an event meets (all that are given), and what its session is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarRule {
    /// The event's title, with `{partner}` where the partner's name stands and `*` for anything
    /// (`"Coaching: {partner}"`), compared without regard to case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The partner is the attendee whose address a partner file lists (`emails`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub attendee: bool,
    /// The event's organizer's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<String>,
    /// A category the event has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The partner of every event the rule matches (when the title does not name one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<crate::domain::id::PartnerId>,
    /// Who coached: `client` for sessions where the user is coached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::domain::model::Role>,
    /// The client type of partners created from these events (`--create-partners`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_type: Option<crate::domain::model::ClientType>,
    /// The payment of these sessions [default: the partner's].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<crate::domain::model::Payment>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: None,
            training_start: None,
            first_practice: None,
            show_schemes: None,
            min_non_coach_share: DEFAULT_MIN_NON_COACH_SHARE,
            exchange_balance_rule: BalanceRule::Off,
            count_unnamed_clients: false,
            consent_forms: false,
            encrypt_notes: false,
            notes_key: None,
            retired_notes_keys: Vec::new(),
            schemes: scheme::built_in(),
            scheme_overrides: Default::default(),
            thresholds: Thresholds::default(),
            calendar: CalendarSettings::default(),
            feedback: FeedbackSettings::default(),
            notices: Vec::new(),
        }
    }
}

impl Settings {
    /// The scheme with this id.
    pub fn scheme(&self, id: &str) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.id == id)
    }

    /// The balance rule for a scheme: the `icf.exchange_balance_rule` setting for a scheme whose data
    /// says it applies (`balance_rule`), off for any other.
    pub fn balance_rule_for(&self, scheme: &Scheme) -> BalanceRule {
        if scheme.balance_rule {
            self.exchange_balance_rule
        } else {
            BalanceRule::Off
        }
    }

    /// Whether a scheme counts clients who have not consented to be named: a scheme shown in the
    /// ICF log (`icf_log`) only if `icf.count_unnamed_clients` says so, since the log cannot show
    /// them; any other scheme does.
    pub fn counts_unnamed_clients_for(&self, scheme: &Scheme) -> bool {
        !scheme.icf_log || self.count_unnamed_clients
    }

    /// The scheme whose figures (the group limit, where counting starts) the ICF log follows: the
    /// first with `icf_log`, which in the order schemes are kept is the lowest level.
    pub fn icf_log_scheme(&self) -> Option<&Scheme> {
        self.schemes.iter().find(|s| s.icf_log)
    }

    /// The schemes a view judges: those `ids` name, in that order, or every scheme when none is
    /// named; an error naming an unknown id. `summary`, `--target` and `report` choose by it.
    pub fn select(&self, ids: &[String]) -> Result<Vec<&Scheme>, String> {
        self.check_scheme_ids(ids)?;
        Ok(if ids.is_empty() {
            self.schemes.iter().collect()
        } else {
            ids.iter().filter_map(|id| self.scheme(id)).collect()
        })
    }

    /// An error naming the unknown id and listing the known ones, or nothing when all are known.
    pub fn check_scheme_ids<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a String>,
    ) -> Result<(), String> {
        for id in ids {
            if self.scheme(id).is_none() {
                let known: Vec<&str> = self.schemes.iter().map(|s| s.id.as_str()).collect();
                return Err(format!(
                    "there is no scheme '{id}'; the schemes are: {}",
                    known.join(", ")
                ));
            }
        }
        Ok(())
    }
}

/// Checks an alert threshold: a number from 0 to `max` with one decimal at most; returns tenths.
pub fn check_threshold(value: f64, max: u32) -> Result<u32, String> {
    let tenths = value * 10.0;
    if !value.is_finite() || tenths < 0.0 || tenths > f64::from(max * 10) {
        return Err(format!(
            "{value} is not a threshold: give a score from 0 to {max}"
        ));
    }
    if (tenths - tenths.round()).abs() > 1e-6 {
        return Err(format!(
            "{value} has more than one decimal: give a threshold like 8.5"
        ));
    }
    Ok(tenths.round() as u32)
}

/// Settings in JSON (`config show --json`, the `json` export) are keyed as in `config.toml`, with
/// every scheme's figures.
impl Serialize for Settings {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Mix {
            min_non_coach_share: f64,
        }
        #[derive(Serialize)]
        struct Icf {
            exchange_balance_rule: BalanceRule,
            count_unnamed_clients: bool,
        }
        #[derive(Serialize)]
        struct Reflection {
            alert_total: f64,
            alert_item: f64,
        }
        #[derive(Serialize)]
        struct Evidence {
            consent_forms: bool,
        }
        #[derive(Serialize)]
        struct View<'a> {
            name: Option<&'a str>,
            training_start: Option<NaiveDate>,
            first_practice: Option<NaiveDate>,
            show_schemes: Option<&'a [String]>,
            mix: Mix,
            icf: Icf,
            reflection: Reflection,
            evidence: Evidence,
            encrypt_notes: bool,
            #[serde(skip_serializing_if = "Option::is_none")]
            notes_key: Option<&'a str>,
            calendar: &'a CalendarSettings,
            feedback: &'a FeedbackSettings,
            schemes: Vec<SchemeFigures>,
        }
        View {
            name: self.name.as_deref(),
            training_start: self.training_start,
            first_practice: self.first_practice,
            show_schemes: self.show_schemes.as_deref(),
            mix: Mix {
                min_non_coach_share: self.min_non_coach_share.fraction(),
            },
            icf: Icf {
                exchange_balance_rule: self.exchange_balance_rule,
                count_unnamed_clients: self.count_unnamed_clients,
            },
            reflection: Reflection {
                alert_total: f64::from(self.thresholds.total_tenths) / 10.0,
                alert_item: f64::from(self.thresholds.item_tenths) / 10.0,
            },
            evidence: Evidence {
                consent_forms: self.consent_forms,
            },
            encrypt_notes: self.encrypt_notes,
            notes_key: self.notes_key.as_deref(),
            calendar: &self.calendar,
            feedback: &self.feedback,
            schemes: self.schemes.iter().map(Scheme::figures).collect(),
        }
        .serialize(serializer)
    }
}
