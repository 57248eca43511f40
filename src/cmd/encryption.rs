//! Turning `encrypt_notes` on or off, as `keys init` and `config set encrypt_notes` both do: not a
//! command of its own, the one place both commands share.

use std::io::Write;

use anyhow::Result;

use super::Context;
use crate::ui;
use coachlog_core::domain::text::count;
use coachlog_core::storage::sealing::Rewritten;

/// "3 partner files and 12 session files".
fn files_changed(done: Rewritten) -> String {
    format!(
        "{} and {}",
        count(done.partners, "partner file", "partner files"),
        count(done.sessions, "session file", "session files")
    )
}

/// Turns `encrypt_notes` on (making the key when there is none) or off, rewriting every
/// confidential text, under one lock (one commit in a logbook kept in git).
pub(super) fn turn(ctx: &mut Context, on: bool) -> Result<()> {
    let _lock = ctx.store.lock()?;
    if on {
        let (made, done) = ctx.store.encrypt_notes(&ui::progress("Encrypting"))?;
        ctx.store
            .describe_change(format!("encrypt notes ({})", files_changed(done)));
        writeln!(
            ctx.out,
            "Notes are encrypted: {} rewritten.",
            files_changed(done)
        )?;
        if let Some(path) = made {
            writeln!(
                ctx.out,
                "The key is kept at {}, outside the logbook: without it the notes cannot be read. \
                 Keep a copy somewhere safe, and bring it to your other devices with `coachlog keys \
                 export` and `coachlog keys import`.",
                path.display()
            )?;
        }
    } else {
        let done = ctx.store.decrypt_notes(&ui::progress("Decrypting"))?;
        ctx.store
            .describe_change(format!("decrypt notes ({})", files_changed(done)));
        writeln!(
            ctx.out,
            "Notes are no longer encrypted: {} rewritten.",
            files_changed(done)
        )?;
    }
    Ok(())
}
