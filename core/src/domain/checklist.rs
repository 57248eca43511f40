//! A partnership's agreement as a checklist: what of the seed's points is settled, and what is
//! still to agree.

use super::agreement::{Agreement, Item};
use super::model::{Arrangement, Partner};

/// One line of the checklist: the item, what was agreed, and whether it counts as agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistLine {
    /// The item.
    pub item: Item,
    /// What was agreed, as text.
    pub value: Option<String>,
    /// Whether the item is settled (a "no" to recordings is settled; a "no" to a real topic is not).
    pub agreed: bool,
}

fn yes_no(value: bool) -> String {
    if value {
        "yes".to_owned()
    } else {
        "no".to_owned()
    }
}

/// The partner's agreement as a checklist.
pub fn checklist(partner: &Partner) -> Vec<ChecklistLine> {
    let empty = Agreement::default();
    let a = partner.agreement.as_ref().unwrap_or(&empty);
    let text = |v: &Option<String>| (v.clone(), v.is_some());
    Item::ALL
        .into_iter()
        .map(|item| {
            let (value, agreed) = match item {
                Item::Timezone => text(&a.timezone),
                Item::Frequency => text(&a.frequency),
                Item::Length => (
                    partner.default_minutes.map(|m| m.to_string()),
                    partner.default_minutes.is_some(),
                ),
                Item::Rescheduling => text(&a.rescheduling),
                Item::Platform => text(&a.platform),
                Item::Confidentiality => text(&a.confidentiality),
                Item::Recording => (a.recording.map(yes_no), a.recording.is_some()),
                Item::Transcripts => (a.transcripts.map(yes_no), a.transcripts.is_some()),
                Item::AiUse => text(&a.ai_use),
                Item::Arrangement => match (partner.arrangement, &a.coaches_instead) {
                    (Arrangement::Reciprocal, _) => {
                        (Some("reciprocal (we coach each other)".to_owned()), true)
                    }
                    (Arrangement::OneWay, Some(other)) => {
                        (Some(format!("one-way (they coach {other} instead)")), true)
                    }
                    (Arrangement::OneWay, None) => (
                        Some("one-way (whom they coach instead is not noted)".to_owned()),
                        false,
                    ),
                },
                Item::Approach => match (a.approach_discussed, &a.approach) {
                    (Some(true), Some(approach)) => (Some(format!("yes: {approach}")), true),
                    (Some(true), None) => (Some("yes".to_owned()), true),
                    (Some(false), _) => (Some("not yet".to_owned()), false),
                    (None, approach) => (approach.clone(), false),
                },
                Item::Feedback => (a.feedback.map(|f| f.to_string()), a.feedback.is_some()),
                Item::IfNotWorking => text(&a.if_not_working),
                Item::WorkingOn => text(&a.working_on),
                Item::RealTopic => match a.real_topic {
                    Some(true) => (Some("yes".to_owned()), true),
                    Some(false) => (
                        Some("no: role play does not serve the practice".to_owned()),
                        false,
                    ),
                    None => (None, false),
                },
            };
            ChecklistLine {
                item,
                value,
                agreed,
            }
        })
        .collect()
}

/// The items not yet agreed.
pub fn missing(partner: &Partner) -> Vec<Item> {
    checklist(partner)
        .into_iter()
        .filter(|l| !l.agreed)
        .map(|l| l.item)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::FeedbackTiming;
    use crate::domain::duration::Minutes;
    use crate::domain::model::ClientType;

    fn partner() -> Partner {
        Partner::new("alex".parse().expect("id"), "Alex".into(), ClientType::Peer)
    }

    #[test]
    fn a_new_partner_has_everything_to_agree_but_the_arrangement_if_reciprocal() {
        let mut p = partner();
        assert_eq!(missing(&p).len(), 15);
        p.arrangement = Arrangement::Reciprocal;
        assert_eq!(missing(&p).len(), 14);
        assert!(!missing(&p).contains(&Item::Arrangement));
    }

    #[test]
    fn a_full_agreement_leaves_nothing_missing() {
        let mut p = partner();
        p.default_minutes = Minutes::new(60);
        p.agreement = Some(Agreement {
            timezone: Some("CET both".into()),
            frequency: Some("fortnightly".into()),
            rescheduling: Some("24 h notice".into()),
            platform: Some("Zoom".into()),
            confidentiality: Some("nothing leaves the session".into()),
            recording: Some(false),
            transcripts: Some(false),
            ai_use: Some("none".into()),
            coaches_instead: Some("Grace".into()),
            approach_discussed: Some(true),
            approach: Some("solution-focused".into()),
            feedback: Some(FeedbackTiming::EndOfSession),
            if_not_working: Some("pause and reflect together".into()),
            working_on: Some("silence".into()),
            real_topic: Some(true),
        });
        assert_eq!(missing(&p), []);
        let lines = checklist(&p);
        assert_eq!(
            lines[6].value.as_deref(),
            Some("no"),
            "no recordings is an agreement too"
        );
        assert_eq!(
            lines[9].value.as_deref(),
            Some("one-way (they coach Grace instead)")
        );
    }

    #[test]
    fn role_play_and_an_undiscussed_approach_are_not_agreed() {
        let mut p = partner();
        p.agreement = Some(Agreement {
            real_topic: Some(false),
            approach_discussed: Some(false),
            ..Agreement::default()
        });
        let m = missing(&p);
        assert!(m.contains(&Item::RealTopic) && m.contains(&Item::Approach));
    }
}
