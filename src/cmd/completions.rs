//! `coachlog completions SHELL` and `coachlog man`: shell completion and the manual page.

use std::io::Write;

use anyhow::{Result, anyhow};
use clap::CommandFactory;
use clap_complete::env::Shells;

use crate::cli::{Cli, CompletionsArgs, Shell};
use crate::cmd::{Context, Run};

/// The environment variable through which the shell asks coachlog for completions.
pub const COMPLETE_VAR: &str = "COMPLETE";

impl Run for CompletionsArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let name = match self.shell {
            Shell::Bash => "bash",
            Shell::Zsh => "zsh",
            Shell::Fish => "fish",
            Shell::Powershell => "powershell",
            Shell::Elvish => "elvish",
        };
        let shells = Shells::builtins();
        let shell = shells
            .completer(name)
            .ok_or_else(|| anyhow!("no completions for {name}"))?;
        // The shell calls `coachlog` (found on PATH) with COMPLETE set, which `main` answers; partner
        // ids come from the logbook each time, so they are never out of date.
        let mut script = Vec::new();
        shell.write_registration(
            COMPLETE_VAR,
            "coachlog",
            "coachlog",
            "coachlog",
            &mut script,
        )?;
        ctx.out.write_all(&script)?;
        Ok(())
    }
}

/// Prints the manual page.
pub struct Man;

impl Run for Man {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let mut page = Vec::new();
        clap_mangen::Man::new(Cli::command()).render(&mut page)?;
        ctx.out.write_all(&page)?;
        Ok(())
    }
}
