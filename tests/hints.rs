//! Every `coachlog …` hint that an error, a warning or a help text prints names a real command, real
//! flags and accepted values, checked against the CLI types themselves: renaming a flag can never
//! leave a hint pointing at nothing.

// A test may say on stderr why it skips; the lints on output are for coachlog itself.
#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::path::Path;

use clap::{Command, CommandFactory};
use coachlog::cli::Cli;
use coachlog_core::rules::settings::Settings;
use coachlog_core::storage::config::ConfigKey;

/// The hints in the source's user-facing strings (the command line's and the core's): each
/// `` `coachlog …` `` outside comments.
fn hints_in_source() -> Vec<(String, String)> {
    let mut hints = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pending = vec![root.join("src"), root.join("core/src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for piece in line.split('`').skip(1).step_by(2) {
                    if let Some(rest) = piece.strip_prefix("coachlog ") {
                        hints.push((format!("{}:{}", path.display(), n + 1), rest.to_owned()));
                    }
                }
            }
        }
    }
    hints
}

/// The example lines of every command's help: `  coachlog …`.
fn hints_in_help(command: &mut Command, path: &str, hints: &mut Vec<(String, String)>) {
    let help = command.render_long_help().to_string();
    for line in help.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("coachlog ") {
            // An example may end with a shell comment or redirection.
            let rest = rest.split(" #").next().unwrap_or(rest);
            let rest = rest.split(" >").next().unwrap_or(rest);
            hints.push((
                format!("{path} --help"),
                rest.trim_end_matches('\\').to_owned(),
            ));
        }
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        if let Some(sub) = command.find_subcommand_mut(&name) {
            hints_in_help(sub, &format!("{path} {name}"), hints);
        }
    }
}

/// Whether a word stands for something the user fills in: `ID`, `YYYY-MM-DD`, `{id}`, `…`, `[DUR]`.
fn placeholder(word: &str) -> bool {
    let bare = word.trim_matches(|c| c == '"' || c == '\\' || c == '\'');
    bare.is_empty()
        || bare.contains('{')
        || bare.contains('…')
        || bare.starts_with('[')
        || (bare.starts_with('<') && bare.ends_with('>'))
        || bare.contains('|')
        || bare
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '-' || c == '_')
}

/// What is wrong with a hint, if anything: a command, flag or value the CLI does not have.
fn problem(root: &Command, hint: &str) -> Option<String> {
    let words = shell_words::split(&hint.replace('…', " … ").replace(" | ", " "))
        .unwrap_or_else(|_| hint.split_whitespace().map(str::to_owned).collect());
    let mut command = root;
    let mut rest = words.as_slice();
    // Global flags may come first (`coachlog --data-dir DIR partner add …`).
    while let Some(word) = rest.first() {
        if let Some(flag) = word.strip_prefix("--") {
            let arg = command
                .get_arguments()
                .find(|a| a.get_long() == Some(flag))?;
            rest = &rest[if arg.get_action().takes_values() {
                2
            } else {
                1
            }
            .min(rest.len())..];
        } else {
            break;
        }
    }
    while let Some(word) = rest.first() {
        match command.find_subcommand(word) {
            Some(sub) => {
                command = sub;
                rest = &rest[1..];
            }
            None => break,
        }
    }
    // A command with subcommands may also take arguments of its own (`attest --period`, `packet
    // icf-acc`).
    let own_flags = command.is_args_conflicts_with_subcommands_set()
        && rest
            .first()
            .is_some_and(|w| w.starts_with("--") || command.get_positionals().next().is_some());
    if !own_flags && command.has_subcommands() && !rest.is_empty() && !placeholder(&rest[0]) {
        return Some(format!(
            "`{}` has no subcommand '{}'",
            command.get_name(),
            rest[0]
        ));
    }
    // `config set KEY VALUE`: the value is checked by the key, as the command does.
    if command.get_name() == "set"
        && let [key, value] = rest
        && !placeholder(value)
    {
        let key = *ConfigKey::ALL.iter().find(|k| k.as_str() == key)?;
        return key.check(value, &Settings::default()).err();
    }
    // A command that passes its words on to another program (`coachlog git log --oneline`)
    // takes any words.
    if command
        .get_positionals()
        .any(|a| a.is_trailing_var_arg_set())
    {
        return None;
    }
    let globals: Vec<&clap::Arg> = root.get_arguments().collect();
    let mut positionals = command.get_positionals();
    let mut filling: Option<(&clap::Arg, usize)> = None;
    let mut i = 0;
    while i < rest.len() {
        let word = &rest[i];
        i += 1;
        if word == "--help" || placeholder(word) && !word.starts_with("--") {
            if !word.starts_with("--") {
                positionals.next();
            }
            continue;
        }
        let arg = if let Some(flag) = word.strip_prefix("--") {
            let Some(arg) = command
                .get_arguments()
                .chain(globals.iter().copied())
                .find(|a| a.get_long() == Some(flag))
            else {
                return Some(format!("`{}` has no flag --{flag}", command.get_name()));
            };
            if !arg.get_action().takes_values() {
                continue;
            }
            let Some(value) = rest.get(i) else {
                return Some(format!("--{flag} needs a value"));
            };
            i += 1;
            (arg, value)
        } else {
            // A positional that takes several words (`credential add icf acc`) takes them in turn.
            let arg = match filling.take() {
                Some((arg, more)) if more > 0 => {
                    filling = Some((arg, more - 1));
                    arg
                }
                _ => {
                    let Some(arg) = positionals.next() else {
                        return Some(format!(
                            "`{}` takes no argument '{word}'",
                            command.get_name()
                        ));
                    };
                    let most = arg.get_num_args().map_or(1, |n| n.max_values());
                    filling = Some((arg, most.saturating_sub(1)));
                    arg
                }
            };
            (arg, word)
        };
        let (arg, value) = arg;
        let values = arg.get_possible_values();
        if !placeholder(value)
            && !values.is_empty()
            && !values.iter().any(|v| v.matches(value, false))
        {
            return Some(format!("'{value}' is not a value of {}", arg.get_id()));
        }
    }
    None
}

#[test]
fn every_hint_names_a_real_command_flag_and_value() {
    let mut root = Cli::command();
    root.build();
    let mut hints = hints_in_source();
    hints_in_help(&mut root.clone(), "coachlog", &mut hints);
    assert!(hints.len() > 60, "the hints were found: {}", hints.len());
    let wrong: Vec<String> = hints
        .iter()
        .filter_map(|(place, hint)| {
            problem(&root, hint).map(|why| format!("{place}: `coachlog {hint}`: {why}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "hints that point at nothing:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn a_broken_hint_is_caught() {
    let mut root = Cli::command();
    root.build();
    for hint in [
        "partner edit alex --consnt",
        "config set icf.exchange_balance_rule maybe",
        "lgo alex",
        "log alex --role teacher",
    ] {
        assert!(problem(&root, hint).is_some(), "{hint}");
    }
    for hint in [
        "partner edit ID --consent",
        "config set icf.exchange_balance_rule pooled",
        "log alex 45m --role client",
        "--data-dir DIR partner add …",
    ] {
        assert_eq!(problem(&root, hint), None, "{hint}");
    }
}
