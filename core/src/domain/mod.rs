//! The logbook's domain: what partners and sessions are, and how the values a user types are read.
//!
//! Nothing here knows about the command line or the terminal; the CLI parses into these types and the
//! storage layer reads and writes them.

pub mod agreement;
pub mod attestation;
pub mod availability;
pub mod checklist;
pub mod competency;
pub mod date;
pub mod development;
pub mod duration;
pub mod evidence;
pub mod feedback;
pub mod id;
pub mod inbox;
pub mod lookup;
pub mod model;
pub mod period;
pub mod private;
pub mod receipt;
pub mod reflection;
pub mod text;
pub(crate) mod vocabulary;
