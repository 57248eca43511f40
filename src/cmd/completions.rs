//! `coachlog completions SHELL` and `coachlog man`: shell completion and the manual page.

use std::io::Write;

use anyhow::{Result, anyhow};
use clap::CommandFactory;
use clap_complete::env::Shells;

use crate::cli::{Cli, CompletionsArgs, Shell};
use crate::cmd::{Context, Run};
use coachlog_core::storage::Store;
use coachlog_core::storage::datadir;

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
        if self.shell == Shell::Zsh {
            // Installed as `_coachlog` in zsh's fpath (a package's vendor-completions), the file
            // is the body of the function zsh calls for the first completion: complete that one too.
            writeln!(
                ctx.out,
                "if [[ \"${{funcstack[1]}}\" = \"_coachlog\" ]]; then\n    \
                 _clap_dynamic_completer_coachlog \"$@\"\nfi"
            )?;
        }
        Ok(())
    }
}

/// The command line with what completes each argument from the logbook: every `partner`
/// argument completes partner ids, and the id of a record's `remove` the records' ids. The CLI
/// types stay declarative; the shell's question (`COMPLETE=bash coachlog …`) is answered from this.
pub fn command() -> clap::Command {
    with_candidates(Cli::command(), None)
}

/// The nouns whose `remove ID` takes a record's id.
const RECORD_NOUNS: [&str; 5] = ["mentoring", "supervision", "education", "cpd", "credential"];

fn with_candidates(mut command: clap::Command, parent: Option<&str>) -> clap::Command {
    use clap_complete::engine::ArgValueCandidates;
    let name = command.get_name().to_owned();
    let record_remove = name == "remove" && parent.is_some_and(|p| RECORD_NOUNS.contains(&p));
    // `mut_arg` moves an argument to the end: each positional keeps its place by an explicit index.
    let positionals: Vec<String> = command
        .get_positionals()
        .map(|a| a.get_id().to_string())
        .collect();
    for (index, id) in positionals.iter().enumerate() {
        command = command.mut_arg(id, |a| a.index(index + 1));
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        if id == "partner" {
            command = command.mut_arg(&id, |a| a.add(ArgValueCandidates::new(partner_candidates)));
        } else if id == "id" && record_remove {
            command = command.mut_arg(&id, |a| a.add(ArgValueCandidates::new(record_candidates)));
        }
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for sub in subcommands {
        command = command.mut_subcommand(&sub, |s| with_candidates(s, Some(&name)));
    }
    command
}

/// Partner ids, with names, for shell completion (from `COACHLOG_DIR` or the default directory;
/// nothing when the logbook cannot be read).
pub fn partner_candidates() -> Vec<clap_complete::engine::CompletionCandidate> {
    let Ok(dir) = datadir::resolve(None, std::env::var_os(datadir::ENV_VAR), dirs::data_dir())
    else {
        return Vec::new();
    };
    let store = Store::new(dir.path).skipping_invalid(true);
    store
        .partners()
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            clap_complete::engine::CompletionCandidate::new(p.id.as_str()).help(Some(p.name.into()))
        })
        .collect()
}

/// The ids of mentor coaching, supervision, education, continuing education and credential
/// records, each with what it is, for shell completion of `remove` and `edit`.
pub fn record_candidates() -> Vec<clap_complete::engine::CompletionCandidate> {
    use coachlog_core::storage::development::Kept;
    let Ok(dir) = datadir::resolve(None, std::env::var_os(datadir::ENV_VAR), dirs::data_dir())
    else {
        return Vec::new();
    };
    let store = Store::new(dir.path).skipping_invalid(true);
    let records = store.development().unwrap_or_default();
    fn candidate<K: Kept>(record: &K, what: String) -> clap_complete::engine::CompletionCandidate {
        clap_complete::engine::CompletionCandidate::new(record.id()).help(Some(what.into()))
    }
    let mut found = Vec::new();
    found.extend(
        records
            .mentoring
            .iter()
            .map(|m| candidate(m, format!("mentoring {} {}", m.date, m.mentor))),
    );
    found.extend(
        records
            .supervision
            .iter()
            .map(|s| candidate(s, format!("supervision {} {}", s.date, s.supervisor))),
    );
    found.extend(
        records
            .education
            .iter()
            .map(|e| candidate(e, format!("education {}", e.title))),
    );
    found.extend(
        records
            .cpd
            .iter()
            .map(|c| candidate(c, format!("cpd {} {}", c.date, c.title))),
    );
    found.extend(
        records
            .credentials
            .iter()
            .map(|c| candidate(c, format!("credential {}", c.scheme))),
    );
    found
}

impl Run for crate::cli::ManArgs {
    fn run(self, ctx: &mut Context) -> Result<()> {
        let Some(dir) = self.dir else {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            ctx.out.write_all(&page)?;
            return Ok(());
        };
        let mut pages = Vec::new();
        manual_pages(Cli::command(), "coachlog", &mut pages)?;
        coachlog_core::storage::files::create_private_dir(&dir)?;
        for (name, page) in &pages {
            let path = dir.join(format!("{name}.1"));
            // Pages are written over earlier ones: they are coachlog's own, made again.
            let written = ctx.store.write_outside(&path, page, true);
            anyhow::Context::with_context(written, || format!("cannot write {}", path.display()))?;
        }
        crate::ui::note(format!(
            "Wrote {} manual pages to {} (man coachlog-log, …)",
            pages.len(),
            dir.display()
        ));
        Ok(())
    }
}

/// The page of `command` (named `name`, as `coachlog-partner-add`) and of each of its
/// subcommands, in order.
fn manual_pages(
    command: clap::Command,
    name: &str,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> Result<()> {
    let mut command = command
        .display_name(name.to_owned())
        .bin_name(name.replace('-', " "));
    command.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .title(name.to_owned())
        .render(&mut page)?;
    pages.push((name.to_owned(), page));
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        manual_pages(sub.clone(), &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_partner_argument_completes_from_the_logbook() {
        let command = command();
        for path in [&["log"][..], &["partner", "show"], &["sessions"]] {
            let mut found = &command;
            for name in path {
                found = found.find_subcommand(name).expect("subcommand");
            }
            let partner = found
                .get_arguments()
                .find(|a| a.get_id() == "partner")
                .expect("a partner argument");
            assert!(
                partner
                    .get::<clap_complete::engine::ArgValueCandidates>()
                    .is_some(),
                "{path:?}"
            );
        }
    }
}
