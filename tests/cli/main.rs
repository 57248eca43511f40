//! End-to-end tests: the real `coachlog` binary against a temporary data directory, with the
//! ambient environment removed.

// A test may say on stderr why it skips; the lints on output are for coachlog itself.
#![allow(clippy::print_stderr, clippy::print_stdout)]

mod env;

mod attest;
mod calendar;
mod check;
mod config;
mod counting;
mod credential;
mod data_dir;
mod due;
mod evidence;
mod export;
mod feedback;
mod files;
mod git;
mod golden;
mod group;
mod history;
mod hostile;
mod import;
mod inbox;
mod limits;
mod log;
mod mix;
mod packet;
mod partner;
mod privacy;
mod receipt;
mod reflection;
mod remove;
mod report;
mod rules;
mod sessions;
mod status;
mod summary;
mod terminal;
mod truth;
