//! The rules a scheme judges a session by, drawn from the scheme and the settings: what counting
//! applies (`reports::counting`), and what an attestation records of each scheme it signs, so that
//! a later change of the rules shows, named by what changed.

use chrono::NaiveDate;

use super::scheme::{CountsFrom, Scheme};
use super::settings::{BalanceRule, Settings};
use crate::domain::model::NotCounted;

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
    /// Whether the hours are shown in a log that names each client (the ICF log), so that the
    /// clients it cannot name are worth a word.
    pub names_clients: bool,
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
            names_clients: scheme.icf_log,
        }
    }

    /// No scheme's rules: every coaching session counts, and exchange as paid. What the totals of
    /// all coaching (`summary`'s first lines, `mix`, `stats`) are a view of.
    pub fn all_coaching() -> Self {
        Rules {
            counted_from: None,
            group_limit: None,
            counts_anyway: NotCounted::ALL.to_vec(),
            balance: BalanceRule::Off,
            counts_unnamed: true,
            names_clients: false,
        }
    }

    /// What of them decides a figure, one `name=value` each, in a fixed order: what an
    /// attestation records, and compares (whether clients are shown by name decides none).
    pub fn terms(&self) -> Vec<(&'static str, String)> {
        let mut anyway: Vec<&str> = self.counts_anyway.iter().map(|n| n.as_str()).collect();
        anyway.sort_unstable();
        vec![
            (
                "training_start",
                self.counted_from
                    .map_or_else(|| "none".to_owned(), |d| d.to_string()),
            ),
            (
                "group_limit",
                self.group_limit
                    .map_or_else(|| "none".to_owned(), |g| g.to_string()),
            ),
            (
                "counts_anyway",
                if anyway.is_empty() {
                    "none".to_owned()
                } else {
                    anyway.join(",")
                },
            ),
            ("exchange_balance_rule", self.balance.as_str().to_owned()),
            (
                "count_unnamed_clients",
                if self.counts_unnamed { "yes" } else { "no" }.to_owned(),
            ),
        ]
    }

    /// [`Rules::terms`] as one line (`training_start=2025-01-10; group_limit=15; …`).
    pub fn fingerprint(&self) -> String {
        self.terms()
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_of_the_rules_is_named_term_by_term() {
        let mut settings = Settings {
            training_start: Some("2025-01-10".parse().expect("date")),
            ..Settings::default()
        };
        let scheme = settings.scheme("icf-acc").expect("icf-acc").clone();
        let was = Rules::new(&scheme, &settings).fingerprint();
        assert!(
            was.starts_with("training_start=2025-01-10; group_limit="),
            "{was}"
        );
        assert_eq!(
            crate::domain::attestation::rule_differences(&was, &was),
            Vec::<String>::new()
        );
        settings.training_start = Some("2025-06-01".parse().expect("date"));
        settings.exchange_balance_rule = BalanceRule::Pooled;
        let now = Rules::new(&scheme, &settings).fingerprint();
        assert_eq!(
            crate::domain::attestation::rule_differences(&was, &now),
            [
                "training_start 2025-01-10 → 2025-06-01",
                "exchange_balance_rule off → pooled"
            ]
        );
        assert_eq!(
            crate::domain::attestation::rule_differences("a=1", "b=2"),
            ["a 1 → ?", "b ? → 2"]
        );
    }
}
