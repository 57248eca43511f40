//! The `config show` text: every setting with its value, and the schemes with their figures.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use super::Look;
use crate::ui;
use crate::ui::table::{Column, Grid};
use coachlog_core::rules::scheme::CountsFrom;
use coachlog_core::rules::settings::Settings;
use coachlog_core::storage::config::ConfigKey;

#[derive(Serialize)]
struct ConfigJson<'a> {
    file: String,
    #[serde(flatten)]
    settings: &'a Settings,
}

/// The settings as `config show --json` prints them, with the file they come from.
pub fn json<'a>(path: &Path, settings: &'a Settings) -> impl Serialize + 'a {
    ConfigJson {
        file: path.display().to_string(),
        settings,
    }
}

/// The settings as text: the file (and whether it exists), each key, and the schemes' table.
pub fn text(path: &Path, exists: bool, settings: &Settings, look: &Look) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}",
        path.display(),
        if exists {
            ""
        } else {
            "  (not created yet: defaults apply)"
        }
    );
    let values = [
        (
            ConfigKey::Name,
            settings.name.as_deref().map_or_else(
                || format!("{} (the report names nobody)", look.symbols().none),
                |n| look.clean(n, 80),
            ),
        ),
        (
            ConfigKey::TrainingStart,
            settings.training_start.map_or_else(
                || {
                    format!(
                        "{} (not set: ICF counts every session)",
                        look.symbols().none
                    )
                },
                |d| d.to_string(),
            ),
        ),
        (
            ConfigKey::FirstPractice,
            settings.first_practice.map_or_else(
                || format!("{} (the first coaching session)", look.symbols().none),
                |d| d.to_string(),
            ),
        ),
        (
            ConfigKey::ShowSchemes,
            settings.show_schemes.as_ref().map_or_else(
                || {
                    format!(
                        "{} (for each body, the lowest level not yet met)",
                        look.symbols().none
                    )
                },
                |ids| ids.join(", "),
            ),
        ),
        (
            ConfigKey::MinNonCoachShare,
            format!(
                "{} ({})",
                settings.min_non_coach_share.fraction(),
                ui::percent(settings.min_non_coach_share.fraction())
            ),
        ),
        (
            ConfigKey::ExchangeBalanceRule,
            settings.exchange_balance_rule.to_string(),
        ),
        (
            ConfigKey::CountUnnamedClients,
            settings.count_unnamed_clients.to_string(),
        ),
        (
            ConfigKey::AlertTotal,
            (f64::from(settings.thresholds.total_tenths) / 10.0).to_string(),
        ),
        (
            ConfigKey::AlertItem,
            (f64::from(settings.thresholds.item_tenths) / 10.0).to_string(),
        ),
        (ConfigKey::ConsentForms, settings.consent_forms.to_string()),
        (
            ConfigKey::EncryptNotes,
            match (&settings.notes_key, settings.encrypt_notes) {
                (Some(key), true) => format!("true (to the key {key})"),
                _ => settings.encrypt_notes.to_string(),
            },
        ),
    ];
    for (key, value) in values {
        out.push_str(&look.hanging(&format!("  {:<27}", key.as_str()), &value));
    }
    let _ = writeln!(out);
    let mut table = Grid::new(
        look,
        [
            Column::keep("Scheme"),
            Column::wrap("Name").optional(5),
            Column::keep("Hours").right(),
            Column::keep("Paid").right(),
            Column::keep("Clients").right(),
            Column::keep("Recent").right().optional(4),
            Column::keep("Years").right().optional(3),
            Column::keep("Max group").right().optional(1),
            Column::wrap("Counts from").optional(2),
        ],
    );
    // The figures as config.toml writes them: hours and years.
    let number = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v}"));
    let whole = |v: Option<u32>| v.map_or_else(String::new, |v| v.to_string());
    for s in &settings.schemes {
        let f = s.figures();
        table.row([
            s.id.clone(),
            s.name.clone(),
            number(f.hours),
            number(f.paid_hours),
            whole(s.clients),
            f.recent_hours
                .zip(f.recent_months)
                .map_or_else(String::new, |(h, m)| format!("{h} h / {m} mo")),
            number(f.years),
            whole(s.group_limit),
            match s.counts_from {
                CountsFrom::TrainingStart => "training start".to_owned(),
                CountsFrom::FirstSession => "first session".to_owned(),
            },
        ]);
    }
    let _ = writeln!(out, "{}", table.render());
    out.push_str(&beyond_table(settings, look));
    out
}

/// The figures beyond practice hours, for the schemes that have any.
fn beyond_table(settings: &Settings, look: &Look) -> String {
    use coachlog_core::domain::duration::hours_short;
    let mut table = Grid::new(
        look,
        [
            Column::keep("Scheme"),
            Column::wrap("Education"),
            Column::wrap("Mentor coaching"),
            Column::wrap("Feedback / reflections").optional(3),
            Column::wrap("Supervision").optional(1),
            Column::wrap("CPD").optional(2),
            Column::wrap("Renewal").optional(4),
        ],
    );
    let none = look.symbols().none;
    let or_none = |text: Option<String>| text.unwrap_or_else(|| none.to_owned());
    for s in &settings.schemes {
        let b = &s.beyond;
        if *b == Default::default() {
            continue;
        }
        table.row([
            s.id.clone(),
            or_none(b.education_minutes.map(|m| format!("{} h", hours_short(m)))),
            or_none(b.mentoring.as_ref().map(|m| {
                let by: Vec<&str> = m.credentials.iter().map(|c| c.as_str()).collect();
                format!(
                    "{} h ({} h 1:1) over {} mo, {}",
                    hours_short(m.minutes),
                    hours_short(m.individual_minutes),
                    m.months,
                    by.join("/")
                )
            })),
            or_none(
                b.evidence
                    .as_ref()
                    .map(|e| format!("{} / {} in {} mo", e.feedback, e.reflections, e.months)),
            ),
            or_none(
                b.supervision_quarter_minutes
                    .map(|m| format!("{} h a quarter", hours_short(m))),
            ),
            or_none(
                b.cpd_year_minutes
                    .map(|m| format!("{} h a year", hours_short(m))),
            ),
            or_none(b.renewal.as_ref().map(|r| {
                format!(
                    "{} y: {} units ({} core, {} ethics)",
                    r.months / 12,
                    hours_short(r.cce_minutes),
                    hours_short(r.core_minutes),
                    hours_short(r.ethics_minutes)
                )
            })),
        ]);
    }
    table.render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_schemes_in_each_look() {
        let settings = Settings::default();
        let path = Path::new("config.toml");
        let plain = text(path, false, &settings, &Look::PLAIN);
        for needle in [
            "config.toml  (not created yet: defaults apply)",
            "training_start             — (not set: ICF counts every session)",
            "icf.exchange_balance_rule  off",
            " icf-acc ",
            "25 h / 18 mo",
        ] {
            assert!(plain.contains(needle), "{needle:?} in {plain}");
        }
        let ascii = text(path, true, &settings, &Look::ASCII);
        assert!(ascii.is_ascii() && ascii.contains("training_start             - (not set"));
        assert!(text(path, true, &settings, &Look::COLOUR).contains("\x1b[1m"));
        let json = serde_json::to_value(json(path, &settings)).expect("json");
        assert_eq!(json["file"], "config.toml");
        assert_eq!(json["schemes"][0]["hours"], 100.0);
    }
}
