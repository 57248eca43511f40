//! A partner's receipt matched to the session of this logbook it confirms: the same partner and
//! day, the other side of the same session (their coaching is this logbook's being coached).

use crate::domain::id::PartnerId;
use crate::domain::model::Session;
use crate::domain::receipt::Receipt;
use crate::reports::receipts::differences;

/// What a receipt matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match<'a> {
    /// The session it confirms: everything agrees.
    Confirms(&'a Session),
    /// The session of that day with that partner, on the other side, that it disagrees with: what
    /// differs.
    Disagrees(&'a Session, Vec<String>),
    /// No session: the partner's sessions nearest its day (at most three).
    Nothing(Vec<&'a Session>),
}

/// The session of `sessions` with `partner` that `receipt` is about.
pub fn find<'a>(receipt: &Receipt, partner: &PartnerId, sessions: &'a [Session]) -> Match<'a> {
    let mine = receipt.issuer.counterpart();
    let mut same_day: Vec<&Session> = sessions
        .iter()
        .filter(|s| &s.partner == partner && s.date == receipt.date && s.role == mine)
        .collect();
    same_day.sort_by_key(|s| differences(receipt, s).len());
    if let Some(best) = same_day.first() {
        let differs = differences(receipt, best);
        return if differs.is_empty() {
            Match::Confirms(best)
        } else {
            Match::Disagrees(best, differs)
        };
    }
    let mut near: Vec<&Session> = sessions.iter().filter(|s| &s.partner == partner).collect();
    near.sort_by_key(|s| ((s.date - receipt.date).num_days().abs(), s.date));
    near.truncate(3);
    Match::Nothing(near)
}
