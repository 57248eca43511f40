//! What a change of rules would mean for one logbook: the figures that change, and every
//! requirement whose figure or verdict would be different, judged on the same sessions and day.

use serde_json::Value;

use super::requirement::{Figure, Requirement, RequirementKind};
use super::summary::{SchemeProgress, Summary};

/// A requirement judged under the rules in force and under the proposed ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementChange {
    /// Which requirement.
    pub kind: RequirementKind,
    /// Now: the figure required, the figure reached, met; none where it is not asked now.
    pub before: Option<(Figure, Figure, bool)>,
    /// Under the proposed rules.
    pub after: Option<(Figure, Figure, bool)>,
}

/// A scheme whose figures or verdicts would change.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemeChange {
    /// Its id.
    pub id: String,
    /// Its name (under the proposed rules, where it still exists).
    pub name: String,
    /// Each figure that changes: its key, its value now and under the proposed rules.
    pub figures: Vec<(String, Option<Value>, Option<Value>)>,
    /// Each requirement whose figure or verdict changes.
    pub requirements: Vec<RequirementChange>,
    /// Whether every requirement is met, now and under the proposed rules.
    pub met: (Option<bool>, Option<bool>),
}

fn judged(r: &Requirement) -> (Figure, Figure, bool) {
    (r.required, r.actual, r.met)
}

/// The schemes of `before` and `after` (the same logbook and day judged under the rules in force
/// and the proposed ones) that differ, in the order of `after`, then those the proposal drops.
pub fn diff(before: &Summary, after: &Summary) -> Vec<SchemeChange> {
    fn find<'a>(s: &'a Summary, id: &str) -> Option<&'a SchemeProgress> {
        s.schemes.iter().find(|p| p.scheme.id == id)
    }
    let mut ids: Vec<&str> = after.schemes.iter().map(|p| p.scheme.id.as_str()).collect();
    for p in &before.schemes {
        if !ids.contains(&p.scheme.id.as_str()) {
            ids.push(&p.scheme.id);
        }
    }
    let mut out = Vec::new();
    for id in ids {
        let (b, a) = (find(before, id), find(after, id));
        let (bv, av) = (
            b.map(|p| p.scheme.figures().rule_values())
                .unwrap_or_default(),
            a.map(|p| p.scheme.figures().rule_values())
                .unwrap_or_default(),
        );
        let mut keys: Vec<&String> = bv.keys().chain(av.keys()).collect();
        keys.sort();
        keys.dedup();
        let figures: Vec<(String, Option<Value>, Option<Value>)> = keys
            .into_iter()
            .filter(|k| bv.get(*k) != av.get(*k))
            .map(|k| (k.clone(), bv.get(k).cloned(), av.get(k).cloned()))
            .collect();
        let mut kinds: Vec<RequirementKind> = Vec::new();
        for p in b.into_iter().chain(a) {
            for r in &p.requirements {
                if !kinds.contains(&r.kind) {
                    kinds.push(r.kind);
                }
            }
        }
        let of = |p: Option<&SchemeProgress>, kind: RequirementKind| {
            p.and_then(|p| p.requirements.iter().find(|r| r.kind == kind))
                .map(judged)
        };
        let requirements: Vec<RequirementChange> = kinds
            .into_iter()
            .map(|kind| RequirementChange {
                kind,
                before: of(b, kind),
                after: of(a, kind),
            })
            .filter(|c| c.before != c.after)
            .collect();
        let met = (b.map(|p| p.met), a.map(|p| p.met));
        if figures.is_empty() && requirements.is_empty() && met.0 == met.1 {
            continue;
        }
        out.push(SchemeChange {
            id: id.to_owned(),
            name: a.or(b).map(|p| p.scheme.name.clone()).unwrap_or_default(),
            figures,
            requirements,
            met,
        });
    }
    out
}
