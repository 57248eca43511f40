//! `config.toml` in the data directory: read into validated [`Settings`], and changed one key at a
//! time by `config set` / `config unset` without disturbing the rest of the file.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use serde::{Deserialize, Deserializer};

use super::Store;
use super::files;
use super::toml_date::TomlDate;
use crate::domain::date::parse_iso_date;
use crate::domain::reflection::Thresholds;
use crate::rules::scheme::{self, SchemeFigures};
use crate::rules::settings::{self, BalanceRule, Settings, Share};

/// The keys `config set` and `config unset` accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigKey {
    /// `name`.
    Name,
    /// `training_start`.
    TrainingStart,
    /// `first_practice`.
    FirstPractice,
    /// `show_schemes`.
    ShowSchemes,
    /// `mix.min_non_coach_share`.
    MinNonCoachShare,
    /// `icf.exchange_balance_rule`.
    ExchangeBalanceRule,
    /// `icf.count_unnamed_clients`.
    CountUnnamedClients,
    /// `reflection.alert_total`.
    AlertTotal,
    /// `reflection.alert_item`.
    AlertItem,
    /// `evidence.consent_forms`.
    ConsentForms,
    /// `encrypt_notes`.
    EncryptNotes,
    /// `notes_key`: written by `coachlog keys`, not by `config set`.
    NotesKey,
    /// `retired_notes_keys`: written when a client is forgotten, not by `config set`.
    RetiredNotesKeys,
}

impl ConfigKey {
    /// Every key.
    pub const ALL: &'static [ConfigKey] = &[
        ConfigKey::Name,
        ConfigKey::TrainingStart,
        ConfigKey::FirstPractice,
        ConfigKey::ShowSchemes,
        ConfigKey::MinNonCoachShare,
        ConfigKey::ExchangeBalanceRule,
        ConfigKey::CountUnnamedClients,
        ConfigKey::AlertTotal,
        ConfigKey::AlertItem,
        ConfigKey::ConsentForms,
        ConfigKey::EncryptNotes,
    ];

    /// The key as written in `config.toml` (dotted for a key inside a table).
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigKey::Name => "name",
            ConfigKey::TrainingStart => "training_start",
            ConfigKey::FirstPractice => "first_practice",
            ConfigKey::ShowSchemes => "show_schemes",
            ConfigKey::MinNonCoachShare => "mix.min_non_coach_share",
            ConfigKey::ExchangeBalanceRule => "icf.exchange_balance_rule",
            ConfigKey::CountUnnamedClients => "icf.count_unnamed_clients",
            ConfigKey::AlertTotal => "reflection.alert_total",
            ConfigKey::AlertItem => "reflection.alert_item",
            ConfigKey::ConsentForms => "evidence.consent_forms",
            ConfigKey::EncryptNotes => "encrypt_notes",
            ConfigKey::NotesKey => "notes_key",
            ConfigKey::RetiredNotesKeys => "retired_notes_keys",
        }
    }

    /// What the key means and the form of its value.
    pub fn describe(self) -> &'static str {
        match self {
            ConfigKey::Name => "your name, as the report for a mentor shows it [default: none]",
            ConfigKey::TrainingStart => "YYYY-MM-DD: ICF counts only sessions on or after it",
            ConfigKey::FirstPractice => {
                "YYYY-MM-DD: years of experience count from it [default: the first coaching session]"
            }
            ConfigKey::ShowSchemes => "scheme ids, comma-separated: the schemes summary shows",
            ConfigKey::MinNonCoachShare => {
                "a fraction such as 0.5 or 50%: the target share of non-coach hours"
            }
            ConfigKey::ExchangeBalanceRule => {
                "off, pooled or per-partner: whether exchange hours count as ICF paid only up to the \
                 hours received as client, from anyone or from the same partner [default: off]"
            }
            ConfigKey::CountUnnamedClients => {
                "true or false: ICF figures count clients who have not consented to be named, \
                 whom the ICF log leaves off [default: false]"
            }
            ConfigKey::AlertTotal => {
                "0 to 40: a rated session whose total is below it is flagged [default: 36]"
            }
            ConfigKey::AlertItem => {
                "0 to 10: a rated session with an item below it is flagged [default: 9]"
            }
            ConfigKey::ConsentForms => {
                "true or false: you keep each consenting client's consent form, so \
                 `coachlog evidence --missing` lists a partner without one [default: false]"
            }
            ConfigKey::EncryptNotes => {
                "true or false: notes, reflections' experiments, agreements and partners' contacts \
                 are kept encrypted with a key outside the logbook (`coachlog keys`); setting it \
                 encrypts or decrypts them all [default: false]"
            }
            ConfigKey::NotesKey => {
                "age1…: the public half of the key notes are encrypted with (`coachlog keys`)"
            }
            ConfigKey::RetiredNotesKeys => {
                "age1…, comma-separated: keys replaced when a client was forgotten"
            }
        }
    }

    /// Checks a value the user typed for this key, without writing anything.
    pub fn check(self, text: &str, settings: &Settings) -> Result<(), String> {
        self.value(text, settings)
            .map(|_| ())
            .map_err(|e| format!("{}: {e}", self.as_str()))
    }

    /// The value as it goes in the file, from what the user typed; `settings` knows the schemes.
    fn value(self, text: &str, settings: &Settings) -> Result<toml_edit::Item, String> {
        let text = text.trim();
        Ok(match self {
            ConfigKey::Name => toml_edit::value(crate::domain::text::single_line(text)?),
            ConfigKey::TrainingStart | ConfigKey::FirstPractice => {
                let date = parse_iso_date(text)?;
                let datetime = TomlDate(date)
                    .to_toml()
                    .ok_or_else(|| format!("'{text}' cannot be written as a date"))?;
                toml_edit::value(datetime)
            }
            ConfigKey::ShowSchemes => {
                let ids: Vec<String> = text
                    .split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect();
                if ids.is_empty() {
                    return Err(format!(
                        "'{text}' names no scheme: give ids separated by commas (e.g. icf-acc,emcc-foundation), \
                         or `coachlog config unset show_schemes`"
                    ));
                }
                settings.check_scheme_ids(&ids)?;
                toml_edit::value(ids.into_iter().collect::<toml_edit::Array>())
            }
            ConfigKey::MinNonCoachShare => {
                let share = match text.strip_suffix('%') {
                    Some(percent) => percent.trim().parse::<f64>().map(|p| p / 100.0),
                    None => text.parse::<f64>(),
                }
                .map_err(|_| format!("'{text}' is not a share: give a fraction such as 0.5, or a percentage such as 50%"))?;
                toml_edit::value(Share::from_fraction(share)?.fraction())
            }
            ConfigKey::AlertTotal | ConfigKey::AlertItem => {
                let max = if self == ConfigKey::AlertTotal {
                    40
                } else {
                    10
                };
                let value: f64 = text.parse().map_err(|_| {
                    format!("'{text}' is not a number: give a score from 0 to {max}")
                })?;
                let tenths = settings::check_threshold(value, max)?;
                toml_edit::value(f64::from(tenths) / 10.0)
            }
            ConfigKey::ExchangeBalanceRule => {
                let rule: BalanceRule = text.to_ascii_lowercase().parse().map_err(|e| {
                    format!(
                        "{e} (off: every exchange hour is paid, as ICF states; pooled: up to the hours \
                         received as client from anyone; per-partner: up to those received from the \
                         same partner)"
                    )
                })?;
                toml_edit::value(rule.as_str())
            }
            ConfigKey::CountUnnamedClients | ConfigKey::ConsentForms | ConfigKey::EncryptNotes => {
                toml_edit::value(crate::domain::text::yes_no(text)?)
            }
            ConfigKey::NotesKey => toml_edit::value(recipient(text)?),
            ConfigKey::RetiredNotesKeys => toml_edit::value(
                text.split(',')
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(recipient)
                    .collect::<Result<toml_edit::Array, String>>()?,
            ),
        })
    }
}

/// An age public key, checked.
fn recipient(text: &str) -> Result<String, String> {
    use std::str::FromStr;
    age::x25519::Recipient::from_str(text)
        .map(|r| r.to_string())
        .map_err(|e| format!("'{text}' is not an age public key ({e}): it reads age1…"))
}

/// `config.toml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default, deserialize_with = "optional_name")]
    name: Option<String>,
    training_start: Option<TomlDate>,
    first_practice: Option<TomlDate>,
    show_schemes: Option<Vec<String>>,
    encrypt_notes: Option<bool>,
    notes_key: Option<String>,
    #[serde(default)]
    retired_notes_keys: Vec<String>,
    #[serde(default)]
    mix: RawMix,
    #[serde(default)]
    icf: RawIcf,
    #[serde(default)]
    reflection: RawReflection,
    #[serde(default)]
    evidence: RawEvidence,
    #[serde(default)]
    calendar: settings::CalendarSettings,
    #[serde(default)]
    feedback: RawFeedback,
    #[serde(default)]
    schemes: BTreeMap<String, SchemeFigures>,
}

/// `[feedback]`: each question may be given, the others keep their default wording.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeedback {
    #[serde(default)]
    questions: RawQuestions,
    #[serde(default, deserialize_with = "optional_name")]
    reply_to: Option<String>,
    remind_after_days: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestions {
    #[serde(default, deserialize_with = "optional_name")]
    relationship: Option<String>,
    #[serde(default, deserialize_with = "optional_name")]
    goals: Option<String>,
    #[serde(default, deserialize_with = "optional_name")]
    approach: Option<String>,
    #[serde(default, deserialize_with = "optional_name")]
    overall: Option<String>,
    #[serde(default, deserialize_with = "optional_name")]
    experiment: Option<String>,
    #[serde(default, deserialize_with = "optional_name")]
    share: Option<String>,
}

impl RawFeedback {
    fn settings(self) -> Result<settings::FeedbackSettings, String> {
        let default = crate::domain::feedback::Questions::default();
        let q = self.questions;
        if let Some(address) = &self.reply_to
            && (!address.contains('@') || address.contains(char::is_whitespace))
        {
            return Err(format!(
                "feedback.reply_to: '{address}' is not an e-mail address (e.g. coach@example.org)"
            ));
        }
        Ok(settings::FeedbackSettings {
            questions: crate::domain::feedback::Questions {
                relationship: q.relationship.unwrap_or(default.relationship),
                goals: q.goals.unwrap_or(default.goals),
                approach: q.approach.unwrap_or(default.approach),
                overall: q.overall.unwrap_or(default.overall),
                experiment: q.experiment.unwrap_or(default.experiment),
                share: q.share.unwrap_or(default.share),
            },
            reply_to: self.reply_to,
            remind_after_days: self
                .remind_after_days
                .unwrap_or(settings::DEFAULT_REMIND_AFTER_DAYS),
        })
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    consent_forms: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReflection {
    #[serde(default, deserialize_with = "total_threshold")]
    alert_total: Option<u32>,
    #[serde(default, deserialize_with = "item_threshold")]
    alert_item: Option<u32>,
}

fn optional_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let raw = String::deserialize(deserializer)?;
    if raw.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::text::single_line(&raw)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

fn total_threshold<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    let value = f64::deserialize(deserializer)?;
    settings::check_threshold(value, 40)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

fn item_threshold<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    let value = f64::deserialize(deserializer)?;
    settings::check_threshold(value, 10)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMix {
    #[serde(default, deserialize_with = "share")]
    min_non_coach_share: Option<Share>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIcf {
    exchange_balance_rule: Option<RawBalanceRule>,
    count_unnamed_clients: Option<bool>,
}

/// `icf.exchange_balance_rule` as written: one of the words, or `true`/`false` as earlier versions
/// wrote it.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawBalanceRule {
    Earlier(bool),
    Word(String),
}

impl RawBalanceRule {
    /// The rule, and a notice when the file gives it in the earlier form.
    fn rule(self) -> Result<(BalanceRule, Option<String>), String> {
        match self {
            RawBalanceRule::Earlier(false) => Ok((BalanceRule::Off, None)),
            RawBalanceRule::Earlier(true) => Ok((
                BalanceRule::PerPartner,
                Some(
                    "icf.exchange_balance_rule = true is read as \"per-partner\"; the setting now \
                     takes \"off\", \"pooled\" (capped at the hours received as client from anyone, as \
                     the schools that apply the rule state it) or \"per-partner\": say which with \
                     `coachlog config set icf.exchange_balance_rule pooled` (or per-partner)"
                        .to_owned(),
                ),
            )),
            RawBalanceRule::Word(word) => word
                .parse()
                .map(|rule| (rule, None))
                .map_err(|e| format!("icf.exchange_balance_rule: {e}")),
        }
    }
}

fn share<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Share>, D::Error> {
    let value = f64::deserialize(deserializer)?;
    Share::from_fraction(value)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// Reads and checks the text of a `config.toml`.
pub fn parse(path: &std::path::Path, text: &str) -> Result<Settings> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        crate::error::config(format!("{}: {}", path.display(), e.to_string().trim_end()))
    })?;
    let in_file = |e: String| crate::error::config(format!("{}: {e}", path.display()));
    let (exchange_balance_rule, notice) = match raw.icf.exchange_balance_rule {
        Some(raw) => raw.rule().map_err(in_file)?,
        None => (BalanceRule::Off, None),
    };
    let settings = Settings {
        name: raw.name,
        training_start: raw.training_start.map(|d| d.0),
        first_practice: raw.first_practice.map(|d| d.0),
        show_schemes: raw.show_schemes,
        min_non_coach_share: raw
            .mix
            .min_non_coach_share
            .unwrap_or(settings::DEFAULT_MIN_NON_COACH_SHARE),
        exchange_balance_rule,
        count_unnamed_clients: raw.icf.count_unnamed_clients.unwrap_or(false),
        consent_forms: raw.evidence.consent_forms.unwrap_or(false),
        encrypt_notes: raw.encrypt_notes.unwrap_or(false),
        notes_key: raw.notes_key,
        retired_notes_keys: raw.retired_notes_keys,
        schemes: scheme::merged(&raw.schemes).map_err(in_file)?,
        scheme_overrides: raw.schemes.clone(),
        thresholds: {
            let default = Thresholds::default();
            Thresholds {
                total_tenths: raw.reflection.alert_total.unwrap_or(default.total_tenths),
                item_tenths: raw.reflection.alert_item.unwrap_or(default.item_tenths),
            }
        },
        calendar: raw.calendar,
        feedback: raw.feedback.settings().map_err(in_file)?,
        notices: notice.into_iter().collect(),
    };
    if let Some(ids) = &settings.show_schemes {
        settings
            .check_scheme_ids(ids)
            .map_err(|e| in_file(format!("show_schemes: {e}")))?;
    }
    Ok(settings)
}

impl Store {
    /// The configuration file.
    pub fn config_path(&self) -> PathBuf {
        self.root.join("config.toml")
    }

    /// The settings: `config.toml` read and checked, or the defaults when there is none.
    pub fn settings(&self) -> Result<Settings> {
        let path = self.config_path();
        match files::read_regular(&path) {
            Ok(text) => parse(&path, &text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Sets one key (`Some(value)`) or removes it (`None`), keeping the rest of the file as it is.
    /// The whole file is checked before it is written; on any error nothing is written. Returns
    /// false when the file already said so.
    pub fn set_config(&self, key: ConfigKey, value: Option<&str>) -> Result<bool, SetConfigError> {
        let path = self.config_path();
        let original = match files::read_regular(&path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(SetConfigError::Other(
                    anyhow!(e).context(format!("cannot read {}", path.display())),
                ));
            }
        };
        let current = match &original {
            Some(text) => parse(&path, text).map_err(SetConfigError::Other)?,
            None => Settings::default(),
        };
        let mut doc: toml_edit::DocumentMut = original
            .as_deref()
            .unwrap_or("")
            .parse()
            .map_err(|e| SetConfigError::Other(anyhow!("{}: {e}", path.display())))?;
        let (table, name) = match key.as_str().split_once('.') {
            Some((table, name)) => (Some(table), name),
            None => (None, key.as_str()),
        };
        let target: &mut toml_edit::Table = match table {
            Some(table) => doc
                .entry(table)
                .or_insert_with(toml_edit::table)
                .as_table_mut()
                .ok_or_else(|| {
                    SetConfigError::Other(anyhow!("{}: `{table}` is not a table", path.display()))
                })?,
            None => doc.as_table_mut(),
        };
        match value {
            Some(text) => {
                let item = key
                    .value(text, &current)
                    .map_err(|e| SetConfigError::Value(format!("{}: {e}", key.as_str())))?;
                let same =
                    |a: &toml_edit::Item| a.as_value().map(|v| v.to_string().trim().to_owned());
                if target
                    .get(name)
                    .and_then(same)
                    .is_some_and(|old| Some(old) == same(&item))
                {
                    return Ok(false);
                }
                target.insert(name, item);
            }
            None => {
                target.remove(name);
            }
        }
        let text = doc.to_string();
        if original.as_deref() == Some(text.as_str()) || (original.is_none() && value.is_none()) {
            return Ok(false);
        }
        let after = parse(&path, &text).map_err(SetConfigError::Other)?;
        self.guard_settings(&current, &after, key.as_str(), true)
            .map_err(SetConfigError::Other)?;
        self.write_config(original.is_some(), &text)
            .map_err(SetConfigError::Other)?;
        Ok(true)
    }

    /// Checks `config.toml`'s text as `coachlog edit` saves it: it must read, and may change the
    /// rules an attested period was judged by only with a reason.
    pub fn check_config_text(&self, text: &str) -> Result<()> {
        let after = parse(&self.config_path(), text)?;
        self.guard_settings(&self.settings()?, &after, "the edit of config.toml", false)
    }

    /// Saves `config.toml`'s text as the user edited it, through the guard of attested periods.
    pub fn save_config_text(&self, text: &str) -> Result<()> {
        let after = parse(&self.config_path(), text)?;
        let before = self.settings()?;
        self.guard_settings(&before, &after, "the edit of config.toml", true)?;
        self.write_config(self.config_path().exists(), text)
    }

    fn write_config(&self, exists: bool, text: &str) -> Result<()> {
        let path = self.config_path();
        files::create_private_dir(&self.root)?;
        let written = if exists {
            files::replace(&path, text)
        } else {
            files::write_new(&path, text)
        };
        written.with_context(|| format!("cannot write {}", path.display()))
    }
}

/// Why `config set` failed.
#[derive(Debug)]
pub enum SetConfigError {
    /// The value is not valid for the key (the user's to fix).
    Value(String),
    /// Anything else (a file that cannot be read or written).
    Other(anyhow::Error),
}

impl SetConfigError {
    /// The error, as any other.
    pub fn into_error(self) -> anyhow::Error {
        match self {
            SetConfigError::Value(message) => anyhow!(message),
            SetConfigError::Other(error) => error,
        }
    }
}

impl Store {
    /// Adds `old` to `retired_notes_keys`: a key of this logbook no device should keep.
    pub fn retire_notes_key(&self, old: &str) -> Result<()> {
        let mut retired = self.settings()?.retired_notes_keys;
        if !retired.iter().any(|k| k == old) {
            retired.push(old.to_owned());
        }
        self.set_config(ConfigKey::RetiredNotesKeys, Some(&retired.join(",")))
            .map_err(SetConfigError::into_error)?;
        Ok(())
    }
}

crate::domain::vocabulary::impl_vocabulary!(ConfigKey);

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn settings(text: &str) -> Result<Settings> {
        parse(std::path::Path::new("config.toml"), text)
    }

    #[test]
    fn an_empty_file_gives_the_defaults() -> Result<()> {
        assert_eq!(settings("")?, Settings::default());
        Ok(())
    }

    #[test]
    fn reads_every_key() -> Result<()> {
        let s = settings(
            "training_start = 2025-01-13\nfirst_practice = \"2024-11-01\"\nshow_schemes = [\"icf-pcc\"]\n\
             [mix]\nmin_non_coach_share = 0.6\n[icf]\nexchange_balance_rule = \"pooled\"\n\
             count_unnamed_clients = true\n\
             [schemes.icf-acc]\ngroup_limit = 25\n",
        )?;
        assert_eq!(
            s.training_start.map(|d| d.to_string()).as_deref(),
            Some("2025-01-13")
        );
        assert_eq!(
            s.first_practice.map(|d| d.to_string()).as_deref(),
            Some("2024-11-01")
        );
        assert_eq!(s.show_schemes, Some(vec!["icf-pcc".to_owned()]));
        assert_eq!(s.min_non_coach_share.basis_points(), 6_000);
        assert_eq!(s.exchange_balance_rule, BalanceRule::Pooled);
        assert!(s.count_unnamed_clients);
        assert!(s.notices.is_empty());
        assert_eq!(s.scheme("icf-acc").and_then(|s| s.group_limit), Some(25));
        Ok(())
    }

    #[test]
    fn the_earlier_true_reads_as_per_partner_with_a_notice() -> Result<()> {
        let s = settings("[icf]\nexchange_balance_rule = true\n")?;
        assert_eq!(s.exchange_balance_rule, BalanceRule::PerPartner);
        let notice = s.notices.join("\n");
        for needle in ["\"per-partner\"", "\"off\"", "\"pooled\"", "config set"] {
            assert!(notice.contains(needle), "{needle} missing from {notice}");
        }
        let s = settings("[icf]\nexchange_balance_rule = false\n")?;
        assert_eq!(
            (s.exchange_balance_rule, s.notices.len()),
            (BalanceRule::Off, 0)
        );
        Ok(())
    }

    #[test]
    fn refuses_bad_values_with_file_and_line() {
        for (text, needles) in [
            (
                "training_start = 2025-02-30\n",
                vec!["config.toml", "line 1"],
            ),
            (
                "[mix]\nmin_non_coach_share = 1.5\n",
                vec!["line 2", "not a share"],
            ),
            (
                "show_schemes = [\"icf-xyz\"]\n",
                vec!["show_schemes", "no scheme 'icf-xyz'"],
            ),
            (
                "trainingstart = 2025-01-01\n",
                vec!["line 1", "trainingstart"],
            ),
            (
                "[schemes.mine]\nhours = 10\n",
                vec!["scheme 'mine'", "name"],
            ),
            ("[schemes.icf-acc]\nhour = 10\n", vec!["line 2", "hour"]),
            (
                "[icf]\nexchange_balance_rule = \"both\"\n",
                vec![
                    "exchange_balance_rule",
                    "'both' is not one of off, pooled, per-partner",
                ],
            ),
        ] {
            let err = format!("{:#}", settings(text).expect_err(text));
            for needle in needles {
                assert!(err.contains(needle), "{needle:?} missing from {err}");
            }
        }
    }

    #[test]
    fn set_and_unset_keep_the_rest_of_the_file() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let set = |key, value| store.set_config(key, value).map_err(|e| anyhow!("{e:?}"));
        assert!(set(ConfigKey::TrainingStart, Some("2025-01-13"))?);
        fs::write(
            store.config_path(),
            format!(
                "# my settings\n{}",
                fs::read_to_string(store.config_path())?
            ),
        )?;
        assert!(set(ConfigKey::MinNonCoachShare, Some("60%"))?);
        assert!(set(
            ConfigKey::ShowSchemes,
            Some("icf-acc, emcc-foundation")
        )?);
        assert!(
            !set(ConfigKey::TrainingStart, Some("2025-01-13"))?,
            "unchanged"
        );
        let text = fs::read_to_string(store.config_path())?;
        assert!(
            text.starts_with("# my settings\ntraining_start = 2025-01-13\n"),
            "{text}"
        );
        assert!(
            text.contains("[mix]\nmin_non_coach_share = 0.6\n"),
            "{text}"
        );
        assert!(
            text.contains("show_schemes = [\"icf-acc\", \"emcc-foundation\"]"),
            "{text}"
        );
        assert!(set(ConfigKey::TrainingStart, None)?);
        let s = store.settings()?;
        assert_eq!(
            (s.training_start, s.min_non_coach_share.fraction()),
            (None, 0.6)
        );
        let before = fs::read_to_string(store.config_path())?;
        for (key, value) in [
            (ConfigKey::MinNonCoachShare, "1"),
            (ConfigKey::MinNonCoachShare, "half"),
            (ConfigKey::ShowSchemes, "icf-acc,nope"),
            (ConfigKey::FirstPractice, "2025-13-01"),
            (ConfigKey::ExchangeBalanceRule, "maybe"),
            (ConfigKey::ExchangeBalanceRule, "true"),
            (ConfigKey::CountUnnamedClients, "pooled"),
        ] {
            assert!(
                matches!(
                    store.set_config(key, Some(value)),
                    Err(SetConfigError::Value(_))
                ),
                "{value}"
            );
        }
        assert_eq!(
            fs::read_to_string(store.config_path())?,
            before,
            "nothing written"
        );
        Ok(())
    }
}
