//! The practice group a school runs: matching partners from a roster, and (later) a cohort's
//! progress from the students' packets. Pure functions of what they are given; the files are the
//! front end's.

pub mod cohort;
pub mod invitation;
pub mod matching;
pub mod outputs;
pub mod pairs;
pub mod rings;
pub mod roster;
pub mod round;
