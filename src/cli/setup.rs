//! The arguments of the commands that set coachlog up: `config`, `keys`, `git`, `completions` and
//! `man`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::{ReopenArgs, words};
use coachlog_core::storage::config::ConfigKey;

/// `coachlog man`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog man > ~/.local/share/man/man1/coachlog.1\n  \
    coachlog man --dir ~/.local/share/man/man1   # coachlog.1, coachlog-log.1, coachlog-partner-add.1, …"
)]
pub struct ManArgs {
    /// Write coachlog.1 and a page for every command (coachlog-log.1, …) into DIR
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `coachlog keys …`.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Make the key (kept on this device, outside the logbook) and encrypt every note, experiment,
    /// agreement and partner contact; the same as `coachlog config set encrypt_notes true`
    #[command(
        after_help = "With --signing, make only the Ed25519 key that signs receipts \
                            (`coachlog receipt`), and leave the notes as they are.\n\n\
                            Examples:\n  coachlog keys init\n  coachlog keys init --signing"
    )]
    Init(KeysInitArgs),
    /// Say whether notes are encrypted, and whether this device has their key
    #[command(after_help = "Examples:\n  coachlog keys show")]
    Show,
    /// Print the key, or write it to a new file, to import it on another device
    #[command(after_help = "Examples:\n  coachlog keys export --output coachlog-key.txt")]
    Export(KeysExportArgs),
    /// Keep a key exported on another device, so that this one reads the notes
    #[command(after_help = "Examples:\n  coachlog keys import coachlog-key.txt")]
    Import(KeysImportArgs),
}

/// `coachlog keys init`.
#[derive(Debug, Args)]
pub struct KeysInitArgs {
    /// Make the key that signs receipts instead (an OpenSSH Ed25519 key, on this device)
    #[arg(long)]
    pub signing: bool,
}

/// `coachlog keys export`.
#[derive(Debug, Args)]
pub struct KeysExportArgs {
    /// Write the key to this new file (owner-only) instead of printing it (`-`: print it)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `coachlog keys import`.
#[derive(Debug, Args)]
pub struct KeysImportArgs {
    /// The file `coachlog keys export` wrote, or - for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// The shells `coachlog completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash: source <(coachlog completions bash) in ~/.bashrc
    Bash,
    /// Zsh: source <(coachlog completions zsh) in ~/.zshrc
    Zsh,
    /// Fish: coachlog completions fish | source, in ~/.config/fish/completions/coachlog.fish
    Fish,
    /// PowerShell: coachlog completions powershell | Out-String | Invoke-Expression, in $PROFILE
    Powershell,
    /// Elvish: eval (coachlog completions elvish | slurp), in ~/.config/elvish/rc.elv
    Elvish,
}

/// `coachlog completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// `coachlog config …`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show every setting, and the schemes with their figures
    Show(ConfigShowArgs),
    /// Change one setting
    #[command(
        after_help = "Examples:\n  coachlog config set training_start 2025-01-13\n  \
                            coachlog config set show_schemes icf-acc,emcc-foundation\n  \
                            coachlog config set mix.min_non_coach_share 60%\n  \
                            coachlog config set icf.exchange_balance_rule pooled"
    )]
    Set(ConfigSetArgs),
    /// Remove one setting, so that its default applies
    Unset(ConfigUnsetArgs),
}

/// `coachlog config show`.
#[derive(Debug, Args)]
pub struct ConfigShowArgs {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `coachlog config set`.
#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// The setting
    #[arg(value_parser = words::<ConfigKey>())]
    pub key: ConfigKey,

    /// Its new value
    pub value: String,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// `coachlog config unset`.
#[derive(Debug, Args)]
pub struct ConfigUnsetArgs {
    /// The setting
    #[arg(value_parser = words::<ConfigKey>())]
    pub key: ConfigKey,

    /// Allowing a change of what an attested period rests on
    #[command(flatten)]
    pub reopen: ReopenArgs,
}

/// `coachlog git`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  coachlog git init\n  coachlog git log --oneline\n  \
    coachlog git remote add origin git@example.org:me/logbook.git\n  coachlog git push -u origin main"
)]
pub struct GitArgs {
    /// `init`, or any git command and its arguments, run in the logbook
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        required = true,
        value_name = "ARGS"
    )]
    pub args: Vec<std::ffi::OsString>,
}
