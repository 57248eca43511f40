//! `coachlog summary`: progress toward each accreditation, with what is missing.

use std::io::Write;

use anyhow::Result;

use crate::cli::SummaryArgs;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::reports::Partners;
use crate::reports::summary::{self, SchemeProgress};
use crate::reports::{plan, renewal};
use crate::rules::scheme::Scheme;
use crate::views;

impl Run for SummaryArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let as_of = self.as_of.last(ctx.today);
        let logbook = ctx.read_logbook()?;
        let settings = &logbook.settings;
        if self.renewal {
            let found = renewal::renewal(&logbook.records, &settings.schemes, as_of);
            if self.json {
                return ctx.print_json(&views::summary::renewal_json(&found, as_of));
            }
            let text = views::summary::renewal_text(&found, as_of, &ctx.look);
            write!(ctx.out, "{text}")?;
            return Ok(());
        }
        settings.check_scheme_ids(&self.scheme).map_err(usage)?;
        if let Some(target) = &self.target {
            settings
                .check_scheme_ids(std::slice::from_ref(target))
                .map_err(usage)?;
            let by = self.by.map(|b| b.last(ctx.today));
            if let Some(by) = by.filter(|by| *by <= as_of) {
                return Err(usage(format!(
                    "--by {by} is not after the as-of date {as_of}: give a later day"
                )));
            }
            let scheme = settings.scheme(target).expect("checked");
            let partners = Partners::new(logbook.partners.clone());
            let judge = |day| {
                summary::summary(
                    &logbook.sessions,
                    &logbook.records,
                    &partners,
                    settings,
                    [scheme],
                    day,
                )
                .schemes
                .remove(0)
            };
            let first = settings.first_practice.or_else(|| {
                logbook
                    .sessions
                    .iter()
                    .filter(|s| s.role == crate::domain::model::Role::Coach)
                    .map(|s| s.date)
                    .min()
            });
            let found = plan::plan(
                &judge(as_of),
                &judge(plan::window_start(as_of)),
                as_of,
                by,
                first,
                settings.min_non_coach_share.fraction(),
            );
            if self.json {
                return ctx.print_json(&views::summary::plan_json(&found));
            }
            let text = views::summary::plan_text(&found, &ctx.look);
            write!(ctx.out, "{text}")?;
            return Ok(());
        }
        let chosen: Vec<&Scheme> = if self.scheme.is_empty() {
            settings.schemes.iter().collect()
        } else {
            self.scheme
                .iter()
                .filter_map(|id| settings.scheme(id))
                .collect()
        };
        let partners = Partners::new(logbook.partners);
        let report = summary::summary(
            &logbook.sessions,
            &logbook.records,
            &partners,
            settings,
            chosen,
            as_of,
        );

        if self.json {
            return ctx.print_json(&views::summary::json(&report));
        }
        let shown: Vec<&SchemeProgress> = if !self.scheme.is_empty() {
            report.schemes.iter().collect()
        } else if let Some(ids) = &settings.show_schemes {
            ids.iter()
                .filter_map(|id| report.schemes.iter().find(|p| &p.scheme.id == id))
                .collect()
        } else {
            summary::default_selection(&report.schemes)
        };
        let text = views::summary::text(&report, &shown, &ctx.look);
        write!(ctx.out, "{text}")?;
        Ok(())
    }
}
