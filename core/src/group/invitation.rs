//! An invitation: the file a round writes for each student matched, naming the partner they
//! coach, which `coachlog partner add --from FILE` turns into a partner with the agreement begun.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::outputs::{MemberJson, RoundFile};
use crate::domain::agreement::Agreement;
use crate::domain::duration::Minutes;
use crate::domain::id::PartnerId;
use crate::domain::model::{Arrangement, ClientType, Partner};
use crate::domain::text;

/// What an invitation says it is.
pub const FORMAT: &str = "coachlog-invitation";

/// A person an invitation names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Their name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// Their time zone.
    pub timezone: String,
}

/// An invitation to practise with a partner, for one student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    /// [`FORMAT`].
    pub format: String,
    /// 1.
    pub version: u32,
    /// The Monday of the round's week.
    pub week: NaiveDate,
    /// The group's number in the round.
    pub group: usize,
    /// The student the invitation is for.
    pub student: Contact,
    /// The partner they coach.
    pub partner: Contact,
    /// Reciprocal (they coach each other) or one-way (in a ring).
    pub arrangement: Arrangement,
    /// The session length, in minutes.
    pub minutes: u32,
    /// The language they share.
    pub language: String,
    /// When the longest time both are free begins, in the round's week.
    pub free_from: DateTime<Utc>,
    /// How long it is, in minutes.
    pub free_minutes: i64,
    /// In a ring: who coaches the student.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coached_by: Option<Contact>,
    /// In a ring: whom the partner coaches instead of the student.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_coaches: Option<Contact>,
}

fn contact(m: &MemberJson) -> Contact {
    Contact {
        name: m.name.clone(),
        email: m.email.clone(),
        timezone: m.timezone.clone(),
    }
}

/// The invitations of a round: one per person matched, in the order of its groups.
pub fn invitations(round: &RoundFile) -> Vec<Invitation> {
    let mut out = Vec::new();
    for g in &round.groups {
        let person = |email: &str| g.people.iter().find(|m| m.email == email).map(contact);
        for s in &g.sessions {
            let (Some(student), Some(partner)) = (person(&s.coach), person(&s.client)) else {
                continue;
            };
            let ring = g.kind == "ring";
            let next = |email: &str| {
                g.sessions
                    .iter()
                    .find(|t| t.coach == email)
                    .and_then(|t| person(&t.client))
            };
            let before = |email: &str| {
                g.sessions
                    .iter()
                    .find(|t| t.client == email)
                    .and_then(|t| person(&t.coach))
            };
            out.push(Invitation {
                format: FORMAT.to_owned(),
                version: 1,
                week: round.week,
                group: g.group,
                arrangement: if ring {
                    Arrangement::OneWay
                } else {
                    Arrangement::Reciprocal
                },
                minutes: s.minutes,
                language: s.language.clone(),
                free_from: s.free_from,
                free_minutes: s.free_minutes,
                coached_by: if ring { before(&s.coach) } else { None },
                partner_coaches: if ring { next(&s.client) } else { None },
                student,
                partner,
            });
        }
    }
    out
}

impl Invitation {
    /// As the TOML file a student receives, with a comment that says what to do with it.
    pub fn to_toml(&self) -> String {
        format!(
            "# An invitation to practise coaching, from the practice group's round of the week of \
             {week}.\n# Add the partner to your logbook: coachlog partner add --from THIS-FILE\n\n{}",
            toml::to_string(self).expect("an invitation is plain TOML"),
            week = self.week
        )
    }

    /// An invitation read from its file, each value checked.
    pub fn parse(text: &str) -> Result<Invitation, String> {
        let invitation: Invitation = toml::from_str(text).map_err(|e| {
            format!(
                "it is not an invitation a round wrote: {}",
                text::for_terminal(e.message(), 200, "…")
            )
        })?;
        if invitation.format != FORMAT || invitation.version != 1 {
            return Err(format!(
                "its format is '{}' version {}, not '{FORMAT}' version 1",
                text::for_terminal(&invitation.format, 60, "…"),
                invitation.version
            ));
        }
        let people = [Some(&invitation.student), Some(&invitation.partner)]
            .into_iter()
            .chain([
                invitation.coached_by.as_ref(),
                invitation.partner_coaches.as_ref(),
            ])
            .flatten();
        for c in people {
            text::single_line(&c.name).map_err(|why| format!("a name: {why}"))?;
            text::email(&c.email)?;
            c.timezone.parse::<chrono_tz::Tz>().map_err(|_| {
                format!(
                    "time zone '{}' is not an IANA time zone name (Europe/Berlin)",
                    text::for_terminal(&c.timezone, 60, "…")
                )
            })?;
        }
        text::single_line(&invitation.language).map_err(|why| format!("language: {why}"))?;
        Minutes::new(invitation.minutes).ok_or_else(|| {
            format!(
                "a session of {} minutes: give between 1 and 1440",
                invitation.minutes
            )
        })?;
        Ok(invitation)
    }

    /// The time zones, as the agreement records them.
    pub fn timezones(&self) -> String {
        if self.student.timezone == self.partner.timezone {
            format!("both {}", self.student.timezone)
        } else {
            format!(
                "{} {}, {} {}",
                self.student.name, self.student.timezone, self.partner.name, self.partner.timezone
            )
        }
    }

    /// The partner the student adds: a fellow student, reciprocal or one-way, with the session
    /// length and the time zones agreed (and, one-way, whom the partner coaches instead).
    pub fn partner(&self, id: PartnerId, client_type: ClientType) -> Partner {
        let mut partner = Partner::new(id, self.partner.name.clone(), client_type);
        partner.arrangement = self.arrangement;
        partner.emails = vec![self.partner.email.clone()];
        partner.default_minutes = Minutes::new(self.minutes);
        partner.agreement = Some(Agreement {
            timezone: Some(self.timezones()),
            coaches_instead: self.partner_coaches.as_ref().map(|c| c.name.clone()),
            ..Agreement::default()
        });
        partner
    }
}

/// The file name an invitation is written as: the student's address, in letters, digits and
/// hyphens.
pub fn file_name(invitation: &Invitation) -> String {
    let mut name = String::new();
    for c in invitation.student.email.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    format!("{}.toml", name.trim_matches('-'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::monday_of;
    use crate::group::round::{History, round};

    fn file() -> RoundFile {
        let roster = "Name,Email,Time zone,Languages,Free,Arrangement\n\
            Ana,ana@example.org,Europe/Lisbon,English,Mon 18-21,reciprocal\n\
            Ben,ben@example.org,Europe/Berlin,English,Mon 19-22,reciprocal\n\
            Cleo,cleo@example.org,Europe/Berlin,English,Tue 9-12,one-way\n\
            Dev,dev@example.org,Europe/Paris,English,Tue 9-12,one-way\n\
            Eve,eve@example.org,Europe/Rome,English,Tue 9-12,one-way\n";
        let people =
            crate::group::roster::read(roster.as_bytes(), &Default::default()).expect("roster");
        let monday = monday_of("2026-12-09".parse().expect("date"));
        RoundFile::of(&round(&people, monday, &History::new(), 1, None), &people)
    }

    #[test]
    fn each_person_matched_gets_one_invitation_that_reads_back() {
        let round = file();
        let all = invitations(&round);
        assert_eq!(all.len(), 5);
        for i in &all {
            assert_eq!(Invitation::parse(&i.to_toml()), Ok(i.clone()));
            let group = &round.groups[i.group - 1];
            assert!(group.people.iter().any(|m| m.email == i.student.email));
        }
        let ana = &all[0];
        assert_eq!(ana.student.name, "Ana");
        assert_eq!(ana.partner.name, "Ben");
        assert_eq!(ana.arrangement, Arrangement::Reciprocal);
        assert_eq!(ana.timezones(), "Ana Europe/Lisbon, Ben Europe/Berlin");
        // In the ring, each coaches the next, and is coached by the one before.
        let ring: Vec<&Invitation> = all.iter().filter(|i| i.group == 2).collect();
        for i in &ring {
            let before = i.coached_by.as_ref().expect("coached by");
            let after = i.partner_coaches.as_ref().expect("partner coaches");
            assert_ne!(before.email, i.partner.email, "no two-cycle");
            assert_eq!(before.email, after.email, "a ring of three closes");
        }
        let partner = ring[0].partner(
            PartnerId::from_name(&ring[0].partner.name).expect("id"),
            ClientType::Peer,
        );
        assert_eq!(partner.arrangement, Arrangement::OneWay);
        assert_eq!(partner.default_minutes, Minutes::new(60));
        assert_eq!(
            partner.agreement.and_then(|a| a.coaches_instead),
            ring[0].partner_coaches.as_ref().map(|c| c.name.clone())
        );
        assert_eq!(file_name(ana), "ana-example-org.toml");
    }

    #[test]
    fn a_changed_invitation_is_refused_with_why() {
        let text = invitations(&file())[0].to_toml();
        let bad = text.replace("ben@example.org", "ben at example");
        assert!(
            Invitation::parse(&bad)
                .expect_err("bad address")
                .contains("not an e-mail address")
        );
        let bad = text.replace("minutes = 60", "minutes = 0");
        assert!(
            Invitation::parse(&bad)
                .expect_err("no minutes")
                .contains("1 and 1440")
        );
        let bad = text.replace("format = \"coachlog-invitation\"", "format = \"x\"");
        assert!(
            Invitation::parse(&bad)
                .expect_err("format")
                .contains("not 'coachlog-invitation'")
        );
        assert!(
            Invitation::parse("name = 1")
                .expect_err("not one")
                .starts_with("it is not an invitation")
        );
    }
}
