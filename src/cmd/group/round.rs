//! `coachlog group match`: a round of a practice group from a sign-up roster.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::{Datelike, Days};

use crate::cli::{GroupMatchArgs, Levels};
use crate::cmd::input;
use crate::cmd::output::Output;
use crate::cmd::{Context, Run};
use crate::error::usage;
use crate::ui;
use crate::views::group::{messages, round_text};
use coachlog_core::domain::availability::monday_of;
use coachlog_core::group::invitation::{self, invitations};
use coachlog_core::group::outputs::{self, RoundFile};
use coachlog_core::group::roster;
use coachlog_core::group::round::{self, History};
use coachlog_core::storage::files;

impl Run for GroupMatchArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let map: BTreeMap<_, _> = self.map.iter().cloned().collect();
        let people = roster::read(&input::read(&self.roster)?, &map).map_err(|problems| {
            usage(format!(
                "the roster {} cannot be matched:\n  {}\nNothing was written.",
                ui::clean(&self.roster.display().to_string(), 200),
                problems
                    .iter()
                    .map(|p| ui::clean(p, 300))
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ))
        })?;
        let mut history = History::new();
        for file in &self.history {
            let earlier = outputs::history(&input::read(file)?).map_err(|why| {
                usage(format!(
                    "--history {}: {why}",
                    ui::clean(&file.display().to_string(), 200)
                ))
            })?;
            history.extend(earlier);
        }
        // The round is for next week unless a week is named.
        let monday = match self.week {
            Some(day) => monday_of(day.resolve(ctx.today)),
            None => {
                let ahead = 7 - u64::from(ctx.today.weekday().num_days_from_monday());
                monday_of(ctx.today + Days::new(ahead % 7))
            }
        };
        let levels = self.levels.map(|l| match l {
            Levels::Mixed => round::Levels::Mixed,
            Levels::Same => round::Levels::Same,
        });
        let made = round::round(&people, monday, &history, self.seed, levels);
        let file = RoundFile::of(&made, &people);
        let json = serde_json::to_string_pretty(&file)? + "\n";
        let csv = file.csv();
        if let Some(dir) = &self.out {
            write_out(ctx, dir, &file, &json, &csv, self.force)?;
        }
        if self.json {
            ctx.out.write_all(json.as_bytes())?;
        } else if self.csv {
            ctx.out.write_all(&csv)?;
        } else {
            write!(ctx.out, "{}", round_text(&file, &ctx.look))?;
        }
        Ok(())
    }
}

/// Writes the round's files in `dir`: all checked before any is written.
fn write_out(
    ctx: &mut Context,
    dir: &std::path::Path,
    file: &RoundFile,
    json: &str,
    csv: &[u8],
    force: bool,
) -> Result<()> {
    let mut writes: Vec<(PathBuf, Vec<u8>)> = vec![
        (dir.join("round.json"), json.as_bytes().to_vec()),
        (dir.join("round.csv"), csv.to_vec()),
    ];
    let messages = messages(file);
    for (name, text) in &messages {
        writes.push((dir.join("messages").join(name), text.clone().into_bytes()));
    }
    let invitations = invitations(file);
    for i in &invitations {
        writes.push((
            dir.join("invitations").join(invitation::file_name(i)),
            i.to_toml().into_bytes(),
        ));
    }
    for (path, _) in &writes {
        Output::File(path.clone()).check(force)?;
    }
    for sub in ["messages", "invitations"] {
        files::create_private_dir(&dir.join(sub))?;
    }
    for (path, bytes) in &writes {
        ctx.store
            .write_outside(path, bytes, force)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let shown = ui::clean(&dir.display().to_string(), 200);
    ui::note(format!(
        "Wrote round.json, round.csv, {} in {shown}/messages and {} in {shown}/invitations.\n\
         Send each message to the two people it names, and each student their invitation: \
         `coachlog partner add --from FILE` adds the partner. Give round.json to the next \
         round's --history.",
        plural(messages.len(), "message"),
        plural(invitations.len(), "invitation"),
    ));
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
