//! The core of coachlog, a practice-hours logbook for coaches working toward ICF, EMCC or AC
//! accreditation: everything it knows and does, without a command line or a terminal.
//!
//! - [`domain`]: partners, sessions and the values users type;
//! - [`rules`]: accreditation schemes (data) and the user's settings;
//! - [`storage`]: the data directory of TOML files, and the one way in for every change;
//! - [`check`]: every file of the logbook read once and judged by named checks;
//! - [`logbook`]: the logbook read whole, and what is judged from it with the files beside it
//!   (the inbox, attestations, what is due);
//! - [`reports`]: pure functions of the sessions, the rules and today that front ends render;
//! - [`export`]: files for others (CSV, the ICF log, a packet, a backup) and [`import`] of
//!   spreadsheets, calendars, backups and the inbox.
//!
//! Nothing here prints, asks or reads the terminal: what a user should know comes back as values
//! (and errors whose [`error::Kind`] says whose they are to fix), for a front end to show.

#![warn(unreachable_pub)]

pub mod check;
pub mod domain;
pub mod error;
pub mod export;
pub mod group;
pub mod import;
pub mod logbook;
pub mod reports;
pub mod rules;
pub mod storage;
