//! The rest of a credential besides practice hours: mentor coaching and supervision received,
//! coach-specific education, continuing education (CCE / CPD), and the credentials held.
//!
//! Each is a record of its own, kept one per file like sessions; the rules that judge them are in
//! `reports::credential`.

use chrono::NaiveDate;
use serde::Serialize;

use super::duration::Minutes;
use super::model::{Format, GroupSize};
use super::vocabulary::vocabulary;

vocabulary! {
    /// An ICF credential level, held by a mentor or by the user.
    CoachCredential {
        /// Associate Certified Coach.
        Acc = "ACC", "Associate Certified Coach";
        /// Professional Certified Coach.
        Pcc = "PCC", "Professional Certified Coach";
        /// Master Certified Coach.
        Mcc = "MCC", "Master Certified Coach";
    }
}

vocabulary! {
    /// How a course of coach-specific education is accredited.
    Accreditation {
        /// ICF Level 1 (formerly ACSTH for ACC).
        IcfLevel1 = "icf-level-1", "ICF Level 1";
        /// ICF Level 2.
        IcfLevel2 = "icf-level-2", "ICF Level 2";
        /// ICF Level 3.
        IcfLevel3 = "icf-level-3", "ICF Level 3";
        /// ICF Approved Coach Specific Training Hours (before 2022).
        Acsth = "acsth", "ICF Approved Coach Specific Training Hours";
        /// ICF Accredited Coach Training Program (before 2022).
        Actp = "actp", "ICF Accredited Coach Training Program";
        /// ICF Continuing Coach Education.
        Cce = "cce", "ICF Continuing Coach Education";
        /// EMCC European Quality Award.
        EmccEqa = "emcc-eqa", "EMCC European Quality Award";
        /// Not accredited.
        None = "none", "not accredited";
    }
}

vocabulary! {
    /// What a unit of continuing education is about (ICF's categories).
    CpdCategory {
        /// ICF Core Competencies.
        CoreCompetencies = "core-competencies", "ICF Core Competencies";
        /// Ethics, which ICF counts within the Core Competencies.
        Ethics = "ethics", "ethics (counts within the Core Competencies)";
        /// Resource Development: anything else that develops the coach.
        ResourceDevelopment = "resource-development", "resource development: anything else that develops the coach";
    }
}

/// Mentor coaching the user received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mentoring {
    /// The short id (the unique end of the file name).
    pub id: String,
    /// The day.
    pub date: NaiveDate,
    /// How long.
    pub minutes: Minutes,
    /// The mentor's name.
    pub mentor: String,
    /// The mentor's ICF credential.
    pub credential: CoachCredential,
    /// The mentor had renewed that credential at least once by that day (ICF counts an ACC mentor
    /// for an ACC only then).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub renewed: bool,
    /// How to reach the mentor (an auditor may ask).
    pub contact: Option<String>,
    /// One-to-one or in a group.
    pub format: Format,
    /// The number in the group, for group mentoring.
    pub group_size: Option<GroupSize>,
    /// Free notes (confidential: left out of listings, kept in a backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Supervision the user received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Supervision {
    /// The short id.
    pub id: String,
    /// The day.
    pub date: NaiveDate,
    /// How long.
    pub minutes: Minutes,
    /// The supervisor's name.
    pub supervisor: String,
    /// One-to-one or in a group.
    pub format: Format,
    /// The number in the group.
    pub group_size: Option<GroupSize>,
    /// Free notes (confidential: left out of listings, kept in a backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A course or programme of coach-specific education.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Education {
    /// The short id.
    pub id: String,
    /// Who gave it.
    pub provider: String,
    /// What it is called.
    pub title: String,
    /// The first day.
    pub start: NaiveDate,
    /// The last day (none while it goes on).
    pub end: Option<NaiveDate>,
    /// Its hours, in minutes.
    pub minutes: u32,
    /// Of which on the ICF Core Competencies, in minutes.
    pub core_minutes: u32,
    /// Of which on ethics, in minutes.
    pub ethics_minutes: u32,
    /// How it is accredited.
    pub accreditation: Accreditation,
    /// Free notes (confidential: left out of listings, kept in a backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Continuing education after a credential (ICF CCE units, EMCC CPD hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cpd {
    /// The short id.
    pub id: String,
    /// The day (the last day, for a course over several).
    pub date: NaiveDate,
    /// Who gave it.
    pub provider: String,
    /// What it was.
    pub title: String,
    /// Its length in minutes (one CCE unit is one hour).
    pub minutes: u32,
    /// What it was about.
    pub category: CpdCategory,
    /// The certificate's reference, for an audit.
    pub certificate: Option<String>,
    /// Free notes (confidential: left out of listings, kept in a backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A credential the user holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credential {
    /// The short id.
    pub id: String,
    /// The scheme it was granted for (`icf-acc`).
    pub scheme: String,
    /// The day it was granted.
    pub granted: NaiveDate,
    /// The day it expires.
    pub expires: NaiveDate,
    /// Free notes (confidential: left out of listings, kept in a backup).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Every record of a credential besides sessions, as read from the logbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Development {
    /// Mentor coaching received, oldest first.
    pub mentoring: Vec<Mentoring>,
    /// Supervision received, oldest first.
    pub supervision: Vec<Supervision>,
    /// Coach-specific education, by start.
    pub education: Vec<Education>,
    /// Continuing education, oldest first.
    pub cpd: Vec<Cpd>,
    /// Credentials held, by the day granted.
    pub credentials: Vec<Credential>,
}

/// Checks the format and group size of mentoring or supervision: a group has between 2 and the
/// largest group, an individual none.
pub fn check_group(format: Format, group_size: Option<GroupSize>) -> Result<(), String> {
    match (format, group_size) {
        (Format::Group, None) => {
            Err("a group needs the number in the group: give --group N (2 or more)".to_owned())
        }
        (Format::Individual, Some(_)) => {
            Err("one-to-one has no group size: leave group_size out, or make it a group".to_owned())
        }
        _ => Ok(()),
    }
}

impl Education {
    /// Checks the parts against the whole: the core-competency and ethics hours are part of the
    /// total, and the course does not end before it starts.
    pub fn problem(&self) -> Option<String> {
        if self.minutes == 0 {
            return Some("a course has at least some hours: give --hours, e.g. --hours 60".into());
        }
        if self.core_minutes > self.minutes {
            return Some(
                "its core-competency hours are more than its total hours: they are part of the total"
                    .into(),
            );
        }
        if self.ethics_minutes > self.minutes {
            return Some(
                "its ethics hours are more than its total hours: they are part of the total".into(),
            );
        }
        match self.end {
            Some(end) if end < self.start => Some(format!(
                "it ends ({end}) before it starts ({}): check the dates",
                self.start
            )),
            _ => None,
        }
    }
}

impl Credential {
    /// Checks that it expires after it was granted.
    pub fn problem(&self) -> Option<String> {
        (self.expires <= self.granted).then(|| {
            format!(
                "it expires ({}) on or before the day it was granted ({}): check the dates",
                self.expires, self.granted
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course(minutes: u32, core: u32, ethics: u32) -> Education {
        Education {
            id: "a".into(),
            provider: "School".into(),
            title: "Foundations".into(),
            start: "2026-01-10".parse().expect("date"),
            end: Some("2026-03-10".parse().expect("date")),
            minutes,
            core_minutes: core,
            ethics_minutes: ethics,
            accreditation: Accreditation::IcfLevel1,
            notes: None,
        }
    }

    #[test]
    fn a_course_parts_fit_in_the_whole() {
        assert_eq!(course(3600, 3000, 180).problem(), None);
        assert_eq!(course(3600, 3600, 3600).problem(), None);
        assert!(
            course(3600, 3660, 0)
                .problem()
                .expect("too many")
                .contains("core-competency")
        );
        assert!(
            course(60, 0, 120)
                .problem()
                .expect("too many")
                .contains("ethics")
        );
        assert!(course(0, 0, 0).problem().is_some());
        let mut backwards = course(60, 0, 0);
        backwards.end = Some("2025-12-31".parse().expect("date"));
        assert!(
            backwards
                .problem()
                .expect("backwards")
                .contains("before it starts")
        );
    }

    #[test]
    fn groups_have_a_size_and_individuals_none() {
        let four = GroupSize::new(4);
        assert!(check_group(Format::Group, four).is_ok());
        assert!(check_group(Format::Individual, None).is_ok());
        assert!(check_group(Format::Group, None).is_err());
        assert!(check_group(Format::Individual, four).is_err());
    }
}
