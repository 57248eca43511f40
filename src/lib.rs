//! The coachlog command line, on top of [`coachlog_core`] (the logbook, the rules, reports,
//! import and export):
//!
//! - [`cli`] and [`cmd`]: the command line and one file per command;
//! - [`views`]: how each report looks as text (in an explicit look) and as JSON;
//! - [`ui`]: tables, warnings and prompts on the terminal;
//! - [`error`]: how a run ends, by the kind of its error.

pub mod cli;
pub mod cmd;
pub mod error;
pub mod ui;
pub mod views;
