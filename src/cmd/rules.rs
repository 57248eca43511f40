//! `coachlog rules`: the schemes' rules and where each comes from.

use std::io::Write;

use anyhow::Result;

use crate::cli::{RulesArgs, RulesCommand};
use crate::cmd::input;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::views::rules::{diff_json, diff_text, figures, list_text, show_text};
use coachlog_core::reports::counting::Practice;
use coachlog_core::reports::{Partners, rules_diff, summary};
use coachlog_core::rules::scheme;

impl Run for RulesArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        match &self.command {
            Some(RulesCommand::Diff(args)) => diff(ctx, args),
            Some(RulesCommand::Show(args)) => show(ctx, &args.scheme, args.json),
            None => {
                let settings = ctx.settings()?;
                if self.json {
                    ctx.print_json(&settings.schemes)
                } else {
                    Ok(write!(
                        ctx.out,
                        "{}",
                        list_text(&settings.schemes, &ctx.look)
                    )?)
                }
            }
        }
    }
}

/// `rules show SCHEME`: every figure of one scheme with its value and who set it.
fn show(ctx: &mut Context, id: &str, json: bool) -> Result<()> {
    let settings = ctx.settings()?;
    let [scheme] = settings
        .select(&[id.to_owned()])
        .map_err(|why| usage(crate::ui::clean(&why, 600)))?[..]
    else {
        unreachable!("one id selects one scheme");
    };
    if json {
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            id: &'a str,
            name: &'a str,
            body: &'a str,
            figures: Vec<crate::views::rules::FigureJson>,
        }
        ctx.print_json(&Shown {
            id: &scheme.id,
            name: &scheme.name,
            body: &scheme.body,
            figures: figures(scheme),
        })
    } else {
        Ok(write!(ctx.out, "{}", show_text(scheme, &ctx.look))?)
    }
}

/// `rules diff FILE`: the logbook judged under the rules in force and under FILE's, and what
/// differs; nothing is written.
fn diff(ctx: &mut Context, args: &crate::cli::RulesDiffArgs) -> Result<()> {
    let shown = crate::ui::clean(&args.file.display().to_string(), 200);
    let text = String::from_utf8(input::read(&args.file)?)
        .map_err(|_| usage(format!("{shown} is not UTF-8 text: give a TOML file")))?;
    let logbook = ctx.read_logbook()?;
    let settings = &logbook.settings;
    let proposed = scheme::proposed(&settings.scheme_overrides, &text)
        .map_err(|why| usage(format!("{shown}: {why}; nothing was compared")))?;
    let as_of = args.as_of.map_or(ctx.today, |d| d.resolve(ctx.today));
    let partners = Partners::new(logbook.partners.clone());
    let practice = Practice::new(&logbook.sessions, as_of);
    let before = summary::summary(
        &practice,
        &logbook.records,
        &partners,
        settings,
        &settings.schemes,
    );
    let after = summary::summary(&practice, &logbook.records, &partners, settings, &proposed);
    let changes = rules_diff::diff(&before, &after);
    if args.json {
        ctx.print_json(&diff_json(&changes))?;
    } else {
        write!(ctx.out, "{}", diff_text(&changes, &shown, as_of, &ctx.look))?;
    }
    Ok(())
}
