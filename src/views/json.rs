//! JSON shapes shared by several commands. Field names are a promise to scripts: add, never rename.

use serde::Serialize;

use coachlog_core::domain::duration::parts_f64;
use coachlog_core::reports::mix::MixTotals;

/// The client mix, as `summary --json` (under `mix`) and `mix --json` print it.
#[derive(Debug, Serialize)]
pub struct MixJson {
    /// Hours coaching peers.
    pub peer_hours: f64,
    /// Hours coaching non-coaches.
    pub non_coach_hours: f64,
    /// Distinct peer clients.
    pub peer_clients: u32,
    /// Distinct non-coach clients.
    pub non_coach_clients: u32,
    /// Hours in reciprocal arrangements.
    pub reciprocal_hours: f64,
    /// Hours one-way.
    pub one_way_hours: f64,
}

impl From<&MixTotals> for MixJson {
    fn from(m: &MixTotals) -> Self {
        // Each split adds up to the coaching hours as shown.
        let by_type = parts_f64(&[m.peer_minutes, m.non_coach_minutes]);
        let by_arrangement = parts_f64(&[m.reciprocal_minutes, m.one_way_minutes]);
        MixJson {
            peer_hours: by_type[0],
            non_coach_hours: by_type[1],
            peer_clients: m.peer_clients,
            non_coach_clients: m.non_coach_clients,
            reciprocal_hours: by_arrangement[0],
            one_way_hours: by_arrangement[1],
        }
    }
}
