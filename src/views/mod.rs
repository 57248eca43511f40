//! Views: how each report looks, as text for a person (in an explicit [`Look`]: colour, ASCII,
//! terminal width) and as JSON for a script. Commands compute a report and hand it to its view;
//! views read nothing and print nothing, so every one is tested in every look.

pub mod attestation;
pub mod check;
pub mod cohort;
pub mod config;
pub mod due;
pub mod evidence;
pub mod feedback;
pub mod group;
pub mod html;
pub mod import;
pub mod json;
pub mod mix;
pub mod notice;
pub mod partners;
pub mod plan;
pub mod records;
pub mod reflection;
pub mod renewal;
pub mod request;
pub mod requirement;
pub mod rules;
pub mod sessions;
pub mod stats;
pub mod status;
pub mod summary;

pub use crate::ui::Look;
