//! coachlog: a practice-hours logbook for coaches working toward ICF, EMCC or AC accreditation.
//!
//! - [`domain`]: partners, sessions and the values users type (no CLI, no terminal);
//! - [`rules`]: accreditation schemes (data) and the user's settings;
//! - [`storage`]: the data directory of TOML files;
//! - [`reports`]: pure functions of the sessions that commands render;
//! - [`export`]: files for others (CSV, the ICF log, a JSON backup) and [`import`] of a spreadsheet;
//! - [`cli`] and [`cmd`]: the command line and one file per command;
//! - [`views`]: how each report looks as text (in an explicit look) and as JSON;
//! - [`ui`]: tables, warnings and prompts on the terminal.

pub mod cli;
pub mod cmd;
pub mod domain;
pub mod error;
pub mod export;
pub mod import;
pub mod reports;
pub mod rules;
pub mod storage;
pub mod ui;
pub mod views;
