//! Reports: pure functions of the sessions (and, later, the rules and today's date) that the
//! commands render. Nothing here reads files or the clock.

pub mod activity;
