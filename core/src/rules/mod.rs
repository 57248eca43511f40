//! The rules hours are judged by: accreditation schemes (data, not code) and the user's settings.

pub mod dates;
pub(crate) mod judging;
pub mod lints;
pub mod provenance;
pub mod scheme;
pub mod settings;
