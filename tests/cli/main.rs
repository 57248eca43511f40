//! End-to-end tests: the real `coachlog` binary against a temporary data directory, with the
//! ambient environment removed.

mod env;

mod data_dir;
mod files;
mod log;
mod partner;
mod remove;
mod sessions;
