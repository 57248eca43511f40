//! `coachlog credential add`.

use anyhow::Result;

use crate::cli::CredentialAddArgs;
use crate::cmd::{Context, Run, notes_input};
use coachlog_core::domain::development::Credential;
use coachlog_core::reports::renewal;

impl Run for CredentialAddArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let settings = ctx.settings()?;
        let id = self.scheme.join("-").to_lowercase();
        let Some(scheme) = settings.schemes.iter().find(|s| s.id == id) else {
            let known: Vec<&str> = settings.schemes.iter().map(|s| s.id.as_str()).collect();
            return Err(crate::error::usage(format!(
                "'{}' is not a scheme: use one of {}",
                self.scheme.join(" "),
                known.join(", ")
            )));
        };
        let granted = self.granted.resolve(ctx.today);
        // A renewal runs from the last expiry of the same scheme (ICF: "three years from its most
        // recent expiry date"), in time or late; a first credential from the day it was granted.
        let previous = ctx
            .store
            .development()?
            .credentials
            .iter()
            .filter(|c| c.scheme == scheme.id && c.granted < granted)
            .map(|c| c.expires)
            .max();
        let expires = match (self.expires, scheme.beyond.renewal.as_ref()) {
            (Some(expires), _) => expires.resolve(ctx.today),
            (None, Some(rule)) => renewal::expiry(granted, previous, rule),
            (None, None) => {
                return Err(crate::error::usage(format!(
                    "{} has no renewal period in its rules: give the day it expires with --expires YYYY-MM-DD",
                    scheme.name
                )));
            }
        };
        let record = Credential {
            id: String::new(),
            scheme: scheme.id.clone(),
            granted,
            expires,
            notes: notes_input(self.notes, false, None)?,
        };
        if let Some(why) = record.problem() {
            return Err(crate::error::usage(format!(
                "this credential cannot be recorded: {why}"
            )));
        }
        let name = scheme.name.clone();
        super::add(ctx, record, granted, |c| {
            format!(
                "Added {name}, granted on {}, expiring on {}",
                c.granted, c.expires
            )
        })
    }
}
