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
    /// Show what a change of rules would mean for this logbook: every figure and verdict that
    /// would be different, and why; nothing is changed
    Diff(RulesDiffArgs),
}

/// `coachlog rules diff`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  coachlog rules diff newer-schemes.toml\n  \
                        coachlog rules diff school-rules.toml --as-of 2026-12-31\n\n\
                        FILE is a rules file ([[scheme]] tables with ids, as schemes.toml has \
                        them), whose schemes replace those of the same id under your own \
                        figures; or figures over yours ([schemes.ID] tables, as config.toml has \
                        them).")]
pub struct RulesDiffArgs {
    /// The proposed rules
    pub file: std::path::PathBuf,

    /// Judge as of this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<coachlog_core::domain::date::DateArg>,

    /// Print the changes as JSON
    #[arg(long)]
    pub json: bool,
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
