//! `coachlog paths`: where the logbook lives.

use std::io::Write;

use anyhow::Result;

use super::{Context, Run};

/// Prints the data directory, where it came from, and the folders inside it.
pub struct Paths;

impl Run for Paths {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let exists = ctx.store.exists()?;
        let out = &mut ctx.out;
        writeln!(
            out,
            "data directory  {}  ({}{})",
            ctx.data_dir.path.display(),
            ctx.data_dir.source,
            if exists { "" } else { "; not created yet" }
        )?;
        writeln!(
            out,
            "partners        {}",
            ctx.store.partners_dir().display()
        )?;
        writeln!(
            out,
            "sessions        {}",
            ctx.store.sessions_dir().display()
        )?;
        Ok(())
    }
}
