//! End-to-end tests: the real `coachlog` binary against a temporary data directory, with the
//! ambient environment removed.

mod env;

mod calendar;
mod check;
mod config;
mod counting;
mod credential;
mod data_dir;
mod export;
mod files;
mod git;
mod golden;
mod history;
mod hostile;
mod import;
mod log;
mod mix;
mod partner;
mod reflection;
mod remove;
mod report;
mod sessions;
mod summary;
mod terminal;
mod truth;
