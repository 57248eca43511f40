//! `coachlog summary`: progress toward each accreditation, with what is missing; `--renewal`, the
//! renewal of each credential held; `--target`, the plan toward one scheme. Three paths, each a
//! view of the summary judged as of a day.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveDate;

use crate::cli::SummaryArgs;
use crate::cmd::{Context, Logbook, Run};
use crate::error::usage;
use crate::views;
use coachlog_core::domain::period::PeriodArg;
use coachlog_core::reports::Partners;
use coachlog_core::reports::counting::Practice;
use coachlog_core::reports::summary;
use coachlog_core::reports::{plan, renewal};

impl Run for SummaryArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let as_of = self.as_of.last(ctx.today);
        let logbook = ctx.read_logbook()?;
        if self.renewal {
            renewal(ctx, &logbook, as_of, self.json)
        } else if let Some(target) = &self.target {
            plan(ctx, &logbook, target, self.by, as_of, self.json)
        } else {
            progress(ctx, logbook, &self.scheme, self.all, as_of, self.json)
        }
    }
}

/// Each chosen scheme judged on `as_of`, with the schemes shown as the settings say.
fn progress(
    ctx: &mut Context,
    logbook: Logbook,
    ids: &[String],
    all: bool,
    as_of: NaiveDate,
    json: bool,
) -> Result<()> {
    let settings = &logbook.settings;
    let chosen = settings.select(ids).map_err(usage)?;
    let partners = Partners::new(logbook.partners);
    let practice = Practice::new(&logbook.sessions, as_of);
    let report = summary::summary(&practice, &logbook.records, &partners, settings, chosen);
    if json {
        return ctx.print_json(&views::summary::json(&report));
    }
    let next_levels = summary::default_selection(&report.schemes);
    let text = if all {
        views::summary::text(&report, &next_levels, &ctx.look)
    } else if !ids.is_empty() {
        views::summary::text(&report, &report.shown(ids, settings), &ctx.look)
    } else {
        // The first screen: the schemes worked towards in full (those config names, else the
        // first body's next level), each other body's next level in a line.
        let full = match settings.show_schemes {
            Some(_) => report.shown(ids, settings),
            None => next_levels.iter().take(1).copied().collect(),
        };
        let brief: Vec<_> = match settings.show_schemes {
            Some(_) => Vec::new(),
            None => next_levels.into_iter().skip(1).collect(),
        };
        views::summary::first_screen(&report, &full, &brief, &ctx.look)
    };
    write!(ctx.out, "{text}")?;
    if let Some(confirmed) = crate::cmd::receipt::confirmed(ctx, &logbook.sessions, as_of)? {
        write!(
            ctx.out,
            "{}",
            views::mix::confirmed_line(&confirmed, &ctx.look)
        )?;
    }
    Ok(())
}

/// Every credential held, judged for its renewal on `as_of`.
fn renewal(ctx: &mut Context, logbook: &Logbook, as_of: NaiveDate, json: bool) -> Result<()> {
    let found = renewal::renewal(&logbook.records, &logbook.settings.schemes, as_of);
    if json {
        return ctx.print_json(&views::renewal::json(&found, as_of));
    }
    let text = views::renewal::text(&found, as_of, &ctx.look);
    write!(ctx.out, "{text}")?;
    Ok(())
}

/// The plan toward `target` from `as_of` (by `by`): the scheme judged on `as_of` and on the day
/// the pace is measured from, by the same summary.
fn plan(
    ctx: &mut Context,
    logbook: &Logbook,
    target: &str,
    by: Option<PeriodArg>,
    as_of: NaiveDate,
    json: bool,
) -> Result<()> {
    let settings = &logbook.settings;
    let chosen = settings
        .select(std::slice::from_ref(&target.to_owned()))
        .map_err(usage)?;
    let by = by.map(|b| b.last(ctx.today));
    if let Some(by) = by.filter(|by| *by <= as_of) {
        return Err(usage(format!(
            "--by {by} is not after the as-of date {as_of}: give a later day"
        )));
    }
    let partners = Partners::new(logbook.partners.clone());
    let judge = |day| {
        let practice = Practice::new(&logbook.sessions, day);
        summary::summary(
            &practice,
            &logbook.records,
            &partners,
            settings,
            chosen.iter().copied(),
        )
    };
    let now = judge(as_of);
    let before = judge(plan::window_start(as_of));
    let found = plan::plan(&now, &before.schemes[0], by, settings.min_non_coach_share);
    if json {
        return ctx.print_json(&views::plan::json(&found));
    }
    let text = views::plan::text(&found, &ctx.look);
    write!(ctx.out, "{text}")?;
    Ok(())
}
