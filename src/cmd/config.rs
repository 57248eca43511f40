//! `coachlog config show|set|unset`: the settings in `config.toml`.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::cli::{ConfigSetArgs, ConfigShowArgs, ConfigUnsetArgs};
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::rules::scheme::CountsFrom;
use crate::rules::settings::Settings;
use crate::storage::config::{ConfigKey, SetConfigError};
use crate::ui;

#[derive(Serialize)]
struct ConfigJson<'a> {
    file: String,
    #[serde(flatten)]
    settings: &'a Settings,
}

impl Run for ConfigShowArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let settings = if ctx.logbook_exists()? {
            ctx.settings()?
        } else {
            Settings::default()
        };
        let path = ctx.store.config_path();
        if self.json {
            return ctx.print_json(&ConfigJson {
                file: path.display().to_string(),
                settings: &settings,
            });
        }
        let out = &mut ctx.out;
        let exists = path.exists();
        writeln!(
            out,
            "{}{}",
            path.display(),
            if exists {
                ""
            } else {
                "  (not created yet: defaults apply)"
            }
        )?;
        let values = [
            (
                ConfigKey::TrainingStart,
                settings.training_start.map_or_else(
                    || format!("{} (not set: ICF counts every session)", ui::symbols().none),
                    |d| d.to_string(),
                ),
            ),
            (
                ConfigKey::FirstPractice,
                settings.first_practice.map_or_else(
                    || format!("{} (the first coaching session)", ui::symbols().none),
                    |d| d.to_string(),
                ),
            ),
            (
                ConfigKey::ShowSchemes,
                settings.show_schemes.as_ref().map_or_else(
                    || {
                        format!(
                            "{} (for each body, the lowest level not yet met)",
                            ui::symbols().none
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
        ];
        for (key, value) in values {
            writeln!(out, "  {:<27}{value}", key.as_str())?;
        }
        writeln!(out)?;
        let mut table = ui::table([
            "Scheme",
            "Name",
            "Hours",
            "Paid",
            "Clients",
            "Recent",
            "Years",
            "Max group",
            "Counts from",
        ]);
        // The figures as config.toml writes them: hours and years.
        let number = |v: Option<f64>| v.map_or_else(String::new, |v| format!("{v}"));
        let whole = |v: Option<u32>| v.map_or_else(String::new, |v| v.to_string());
        for s in &settings.schemes {
            let f = s.figures();
            table.add_row([
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
        ui::align_right(&mut table, &[2, 3, 4, 5, 6, 7]);
        writeln!(out, "{}", table.trim_fmt())?;
        Ok(())
    }
}

/// Sets or removes one key, and says what happened.
fn change(ctx: &mut Context, key: ConfigKey, value: Option<&str>) -> Result<()> {
    // Check before taking the lock, which creates the data directory: a refusal writes nothing.
    let exists = ctx.store.exists()?;
    if let Some(text) = value {
        let settings = if exists {
            ctx.store.settings()?
        } else {
            Settings::default()
        };
        key.check(text, &settings).map_err(usage)?;
    } else if !exists {
        writeln!(ctx.out, "{} is not set  (unchanged)", key.as_str())?;
        return Ok(());
    }
    let _lock = ctx.store.lock()?;
    let changed = ctx.store.set_config(key, value).map_err(|e| match e {
        SetConfigError::Value(message) => usage(message),
        SetConfigError::Other(error) => error,
    })?;
    let path = ctx.store.config_path();
    let what = match value {
        Some(v) => format!("{} = {}", key.as_str(), v.trim()),
        None => format!("{} removed (its default applies)", key.as_str()),
    };
    if changed {
        writeln!(ctx.out, "{what}  ({})", path.display())?;
    } else {
        writeln!(ctx.out, "{what}  (unchanged)")?;
    }
    Ok(())
}

impl Run for ConfigSetArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        change(ctx, self.key, Some(&self.value))
    }
}

impl Run for ConfigUnsetArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        change(ctx, self.key, None)
    }
}
