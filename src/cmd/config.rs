//! `coachlog config show|set|unset`: the settings in `config.toml`.

use std::io::Write;

use anyhow::Result;

use crate::cli::{ConfigSetArgs, ConfigShowArgs, ConfigUnsetArgs};
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::views;
use coachlog_core::rules::settings::Settings;
use coachlog_core::storage::config::{ConfigKey, SetConfigError};

impl Run for ConfigShowArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let settings = if ctx.logbook_exists()? {
            ctx.settings()?
        } else {
            Settings::default()
        };
        let path = ctx.store.config_path();
        if self.json {
            return ctx.print_json(&views::config::json(&path, &settings));
        }
        let exists = path.exists();
        let text = views::config::text(&path, exists, &settings, &ctx.look);
        write!(ctx.out, "{text}")?;
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
    if key == ConfigKey::EncryptNotes {
        let on = value
            .map(coachlog_core::domain::text::yes_no)
            .transpose()
            .map_err(usage)?
            == Some(true);
        return super::encryption::turn(ctx, on);
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
        ctx.store.describe_change(format!("config: {what}"));
        writeln!(ctx.out, "{what}  ({})", path.display())?;
    } else {
        writeln!(ctx.out, "{what}  (unchanged)")?;
    }
    Ok(())
}

impl Run for ConfigSetArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        ctx.store.reopen_for(self.reopen.reason());
        change(ctx, self.key, Some(&self.value))
    }
}

impl Run for ConfigUnsetArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        ctx.store.reopen_for(self.reopen.reason());
        change(ctx, self.key, None)
    }
}
