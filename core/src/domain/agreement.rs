//! The agreement of a reciprocal practice partnership, as the seed post describes it: logistics,
//! each other's coaching approach, feedback, what happens if it is not working, a real topic.
//!
//! The agreed session length and the arrangement are the partner's own `default_minutes` and
//! `arrangement`, so they are never kept twice.

use serde::{Deserialize, Serialize};

use super::vocabulary::vocabulary;

vocabulary! {
    /// When the client gives the student coach feedback.
    FeedbackTiming {
        /// Right after the session.
        EndOfSession = "end-of-session", "right after the session";
        /// At the start of the next session.
        NextSession = "next-session", "at the next session";
        /// The client stays a client; feedback comes from a mentor.
        MentorOnly = "mentor-only", "the client stays a client; feedback is left to a mentor";
    }
}

/// What two partners agreed. Every item is optional: an agreement is built up over time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Time zones, when they differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// How often (e.g. "every two weeks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// What happens when a session must move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescheduling: Option<String>,
    /// Where the sessions take place (e.g. "Zoom").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// What stays between the two of you.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<String>,
    /// Whether sessions may be recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<bool>,
    /// Whether transcripts may be made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcripts: Option<bool>,
    /// How artificial intelligence may be used (note takers, summaries, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_use: Option<String>,
    /// For a one-way arrangement: whom the partner coaches instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coaches_instead: Option<String>,
    /// Whether you interviewed each other on your coaching approach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approach_discussed: Option<bool>,
    /// Your approach, or theory of change, as discussed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approach: Option<String>,
    /// When feedback is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<FeedbackTiming>,
    /// What happens if the client feels uncomfortable, or it is not working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_not_working: Option<String>,
    /// What the student coach is practising.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_on: Option<String>,
    /// Whether the client brings a real topic rather than role play.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_topic: Option<bool>,
}

impl Agreement {
    /// This agreement with every item `newer` gives put over it.
    pub fn merged(&self, newer: &Agreement) -> Agreement {
        fn or<T: Clone>(newer: &Option<T>, older: &Option<T>) -> Option<T> {
            newer.clone().or_else(|| older.clone())
        }
        Agreement {
            timezone: or(&newer.timezone, &self.timezone),
            frequency: or(&newer.frequency, &self.frequency),
            rescheduling: or(&newer.rescheduling, &self.rescheduling),
            platform: or(&newer.platform, &self.platform),
            confidentiality: or(&newer.confidentiality, &self.confidentiality),
            recording: or(&newer.recording, &self.recording),
            transcripts: or(&newer.transcripts, &self.transcripts),
            ai_use: or(&newer.ai_use, &self.ai_use),
            coaches_instead: or(&newer.coaches_instead, &self.coaches_instead),
            approach_discussed: or(&newer.approach_discussed, &self.approach_discussed),
            approach: or(&newer.approach, &self.approach),
            feedback: or(&newer.feedback, &self.feedback),
            if_not_working: or(&newer.if_not_working, &self.if_not_working),
            working_on: or(&newer.working_on, &self.working_on),
            real_topic: or(&newer.real_topic, &self.real_topic),
        }
    }
}

/// An item of the agreement checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// Time zones.
    Timezone,
    /// How often.
    Frequency,
    /// The session length (the partner's usual duration).
    Length,
    /// Rescheduling.
    Rescheduling,
    /// The platform.
    Platform,
    /// Confidentiality.
    Confidentiality,
    /// Recordings.
    Recording,
    /// Transcripts.
    Transcripts,
    /// Use of AI.
    AiUse,
    /// Reciprocal, or one-way and whom the partner coaches instead.
    Arrangement,
    /// Each other's coaching approach.
    Approach,
    /// Feedback.
    Feedback,
    /// If it is not working.
    IfNotWorking,
    /// What the student coach is practising.
    WorkingOn,
    /// A real topic.
    RealTopic,
}

impl Item {
    /// Every item, in the order of the seed post.
    pub const ALL: [Item; 15] = [
        Item::Timezone,
        Item::Frequency,
        Item::Length,
        Item::Rescheduling,
        Item::Platform,
        Item::Confidentiality,
        Item::Recording,
        Item::Transcripts,
        Item::AiUse,
        Item::Arrangement,
        Item::Approach,
        Item::Feedback,
        Item::IfNotWorking,
        Item::WorkingOn,
        Item::RealTopic,
    ];

    /// What the item is about, for a checklist.
    pub fn label(self) -> &'static str {
        match self {
            Item::Timezone => "time zones",
            Item::Frequency => "frequency",
            Item::Length => "session length",
            Item::Rescheduling => "rescheduling",
            Item::Platform => "platform",
            Item::Confidentiality => "confidentiality",
            Item::Recording => "recordings",
            Item::Transcripts => "transcripts",
            Item::AiUse => "use of AI",
            Item::Arrangement => "reciprocal or one-way",
            Item::Approach => "coaching approach discussed",
            Item::Feedback => "feedback",
            Item::IfNotWorking => "if it is not working",
            Item::WorkingOn => "what I am working on",
            Item::RealTopic => "a real topic, not role play",
        }
    }

    /// The flag of `partner agree` that records it.
    pub fn flag(self) -> &'static str {
        match self {
            Item::Timezone => "--timezone",
            Item::Frequency => "--frequency",
            Item::Length => "--length",
            Item::Rescheduling => "--rescheduling",
            Item::Platform => "--platform",
            Item::Confidentiality => "--confidentiality",
            Item::Recording => "--recording",
            Item::Transcripts => "--transcripts",
            Item::AiUse => "--ai-use",
            Item::Arrangement => "--reciprocal, or --one-way with --coaches-instead",
            Item::Approach => "--approach-discussed yes",
            Item::Feedback => "--feedback",
            Item::IfNotWorking => "--if-not-working",
            Item::WorkingOn => "--working-on",
            Item::RealTopic => "--real-topic yes",
        }
    }
}

/// The points two new partners go through, as the seed post groups them: a heading, and the
/// items of the checklist under it (reciprocal or one-way is what they were matched as).
pub const POINTS: [(&str, &[Item]); 5] = [
    (
        "Logistics",
        &[
            Item::Timezone,
            Item::Frequency,
            Item::Length,
            Item::Rescheduling,
            Item::Platform,
            Item::Confidentiality,
            Item::Recording,
            Item::Transcripts,
            Item::AiUse,
        ],
    ),
    ("Each other's coaching approach", &[Item::Approach]),
    ("Feedback", &[Item::Feedback]),
    ("If it is not working", &[Item::IfNotWorking]),
    ("Make it real", &[Item::WorkingOn, Item::RealTopic]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_items_win_and_older_ones_stay() {
        let old = Agreement {
            platform: Some("Zoom".into()),
            frequency: Some("weekly".into()),
            ..Agreement::default()
        };
        let new = Agreement {
            platform: Some("Meet".into()),
            ..Agreement::default()
        };
        let merged = old.merged(&new);
        assert_eq!(
            (merged.platform.as_deref(), merged.frequency.as_deref()),
            (Some("Meet"), Some("weekly"))
        );
    }
}
