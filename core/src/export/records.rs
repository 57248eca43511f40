//! The records beyond practice as a packet holds them, in JSON, each judged as of its day: a course
//! with where it stands and the minutes it counts (a course still running counts nothing yet, as
//! in `summary`), continuing education and supervision up to the day; never their notes.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::development::{Development, Education};
use crate::reports::credential::{CourseStatus, course_status};
use crate::storage::development::Kept;

/// A course as the packet's `education.json` holds it.
#[derive(Serialize)]
struct Course {
    #[serde(flatten)]
    course: Education,
    #[serde(flatten)]
    status: CourseStatus,
    /// The minutes the education requirement counts of it on the day.
    counted_minutes: u64,
}

/// Pretty JSON of `value`, ending in a newline.
fn json(value: &impl Serialize) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Every course begun by `as_of`, with where it stands and what it counts.
pub fn education(records: &Development, as_of: NaiveDate) -> anyhow::Result<Vec<u8>> {
    let courses: Vec<Course> = records
        .education
        .iter()
        .map(|e| (e, course_status(e, as_of)))
        .filter(|(_, status)| *status != CourseStatus::NotStarted)
        .map(|(e, status)| Course {
            counted_minutes: if status.counts() {
                u64::from(e.minutes)
            } else {
                0
            },
            course: e.clone().without_notes(),
            status,
        })
        .collect();
    json(&courses)
}

/// Each record dated on or before `as_of`, without its notes.
pub fn dated<K: Kept + Serialize>(
    records: &[K],
    date: impl Fn(&K) -> NaiveDate,
    as_of: NaiveDate,
) -> anyhow::Result<Vec<u8>> {
    let listed: Vec<K> = records
        .iter()
        .filter(|r| date(r) <= as_of)
        .cloned()
        .map(Kept::without_notes)
        .collect();
    json(&listed)
}
