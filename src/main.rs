//! The `coachlog` binary: parse the command line, run it, report an error once.

use std::process::ExitCode;

use clap::Parser;

use coachlog::cli::Cli;
use coachlog::error;

fn main() -> ExitCode {
    // A panic is a bug in coachlog, and says so (its exit status is Rust's, 101).
    std::panic::set_hook(Box::new(|info| {
        coachlog::ui::problem(
            "internal error (a bug in coachlog):",
            format!(
                "{info}; please report it at https://github.com/coachlog/coachlog/issues with the \
                 command you ran (never your logbook's contents)"
            ),
        );
    }));
    // A shell asking for completions (COMPLETE=bash coachlog -- …) is answered here, and only then.
    clap_complete::CompleteEnv::with_factory(coachlog::cmd::completions::command)
        .var(coachlog::cmd::completions::COMPLETE_VAR)
        .complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` also come this way: clap prints and picks the exit code.
            // An argument with escape characters is echoed escaped, never raw.
            let unsafe_args = std::env::args_os()
                .any(|a| coachlog_core::domain::text::needs_escaping(&a.to_string_lossy()));
            if unsafe_args && e.use_stderr() {
                coachlog::ui::note(e.render().to_string().trim_end());
            } else {
                let _ = e.print();
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match coachlog::cmd::run(cli) {
        Ok(exit) => exit.into(),
        // `coachlog sessions | head`: the reader has all it wanted.
        Err(e) if error::is_broken_pipe(&e) => error::Exit::Success.into(),
        Err(e) => {
            coachlog::ui::error(&e);
            error::exit_for(&e).into()
        }
    }
}
