//! `coachlog rules`: the schemes' rules and where each comes from.

use std::io::Write;

use anyhow::Result;

use crate::cli::{RulesArgs, RulesCommand};
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::views::rules::{figures, list_text, show_text};

impl Run for RulesArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let settings = ctx.settings()?;
        match &self.command {
            None if self.json => ctx.print_json(&settings.schemes)?,
            None => write!(ctx.out, "{}", list_text(&settings.schemes, &ctx.look))?,
            Some(RulesCommand::Show(args)) => {
                let Some(scheme) = settings.schemes.iter().find(|s| s.id == args.scheme) else {
                    return Err(usage(format!(
                        "no scheme '{}': one of {}",
                        crate::ui::clean(&args.scheme, 60),
                        settings
                            .schemes
                            .iter()
                            .map(|s| s.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                };
                if args.json {
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
                    })?;
                } else {
                    write!(ctx.out, "{}", show_text(scheme, &ctx.look))?;
                }
            }
        }
        Ok(())
    }
}
