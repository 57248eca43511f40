//! The arguments of `coachlog rules`: the schemes' rules and where they come from.

use clap::{Args, Subcommand};

/// `coachlog rules`.
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  coachlog rules\n  coachlog rules show icf-acc\n\n\
                  Each figure names its source: the body's page, the day it took effect and the \
                  day it was last checked against it. A figure you set in config.toml \
                  ([schemes.ID]) is shown as yours, with your note (why.FIGURE = \"…\")."
)]
pub struct RulesArgs {
    /// One scheme in full
    #[command(subcommand)]
    pub command: Option<RulesCommand>,

    /// Print them as JSON
    #[arg(long)]
    pub json: bool,
}

/// `coachlog rules …`.
#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Show one scheme in full: every figure, its value and where it comes from
    Show(RulesShowArgs),
}

/// `coachlog rules show`.
#[derive(Debug, Args)]
pub struct RulesShowArgs {
    /// The scheme: icf-acc, emcc-practitioner, ac-coach, … (`coachlog rules` lists them)
    pub scheme: String,

    /// Print it as JSON
    #[arg(long)]
    pub json: bool,
}
