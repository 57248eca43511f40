//! `coachlog group`: the practice group a school runs, from files alone.

mod round;
mod status;
