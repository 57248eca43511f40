//! `coachlog remove`: delete one session.

use std::io::Write;

use anyhow::Result;

use crate::cli::RemoveArgs;
use crate::cmd::{Context, Run};
use crate::ui;
use coachlog_core::storage::SessionLookupError;

impl Run for RemoveArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        if !ctx.logbook_exists()? {
            return Err(SessionLookupError::NotFound(self.session).into());
        }
        let _lock = ctx.store.lock()?;
        let path = ctx.store.find_session(&self.session)?;
        // A file that no longer reads as a session can still be removed by its id.
        let session = ctx.store.session_at(&path);
        ctx.store.reopen_for(self.reopen.reason());
        let what = match session {
            Ok(s) => {
                let name = ctx
                    .store
                    .partner(&s.partner)
                    .map_or_else(|_| s.partner.to_string(), |p| ui::clean(&p.name, 80));
                format!(
                    "{}: {}, {} as {} with {name}",
                    s.id, s.date, s.minutes, s.role
                )
            }
            Err(_) => self.session.clone(),
        };
        ctx.store.remove_session_file(&path)?;
        ctx.store.describe_change(format!("remove: session {what}"));
        writeln!(ctx.out, "Removed session {what} ({})", path.display())?;
        Ok(())
    }
}
