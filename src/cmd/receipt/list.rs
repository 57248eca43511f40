//! `coachlog receipt list`: the receipts kept, and whether each still confirms its session.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::cli::ReceiptListArgs;
use crate::cmd::{Context, Run};
use crate::ui::table::{Column, Content, Grid};
use coachlog_core::domain::receipt::KeptReceipt;
use coachlog_core::reports::receipts::{Standing, judge};

/// One receipt in `receipt list --json`.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    session: &'a str,
    partner: &'a str,
    date: String,
    kept: String,
    /// `confirmed`, `disagrees`, `changed`, `session-gone` or `broken`.
    standing: &'static str,
    differences: Vec<String>,
}

impl Run for ReceiptListArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let logbook = ctx.read_logbook()?;
        let kept = if ctx.logbook_exists()? {
            ctx.store.records::<KeptReceipt>()?
        } else {
            Vec::new()
        };
        let judged = judge(&kept, &logbook.sessions);
        let rows: Vec<Row> = judged
            .iter()
            .map(|j| {
                let (standing, differences) = match &j.standing {
                    Standing::Confirmed => ("confirmed", Vec::new()),
                    Standing::Disagrees(d) => ("disagrees", d.clone()),
                    Standing::Changed(d) => ("changed", d.clone()),
                    Standing::SessionGone => ("session-gone", Vec::new()),
                    Standing::Broken(why) => ("broken", vec![why.clone()]),
                };
                Row {
                    id: &j.kept.id,
                    session: &j.kept.session,
                    partner: j.kept.partner.as_str(),
                    date: j.kept.date.to_string(),
                    kept: j.kept.kept.to_string(),
                    standing,
                    differences,
                }
            })
            .collect();
        if self.json {
            return ctx.print_json(&rows);
        }
        if rows.is_empty() {
            writeln!(
                ctx.out,
                "No receipts kept. A partner's receipt is kept with: coachlog receipt import FILE"
            )?;
            return Ok(());
        }
        let mut grid = Grid::new(
            &ctx.look,
            [
                Column::keep("ID"),
                Column::keep("Session"),
                Column::keep("Date"),
                Column::keep("Partner"),
                Column::wrap("Standing"),
            ],
        );
        for row in &rows {
            let standing = if row.differences.is_empty() {
                row.standing.to_owned()
            } else {
                format!("{}: {}", row.standing, row.differences.join("; "))
            };
            grid.row([
                Content::from(row.id.to_owned()),
                row.session.to_owned().into(),
                row.date.clone().into(),
                row.partner.to_owned().into(),
                ctx.look.clean(&standing, 400).into(),
            ]);
        }
        write!(ctx.out, "{}", grid.render())?;
        Ok(())
    }
}
