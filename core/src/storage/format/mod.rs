//! The record formats, the storage's middle tier: the TOML of partner and session files (and a
//! quick reader of their plain form), dates as TOML writes them, what is wrong with a file's text,
//! and key-by-key rewrites. It knows nothing of the data directory.

pub mod fast;
pub mod problem;
pub mod record;
pub(crate) mod rewrite;
pub mod toml_date;
