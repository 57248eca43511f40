//! The competency frameworks a session can be tagged with — ICF's Core Competencies in their 2019
//! and 2025 versions, EMCC's competence framework — and a tag, which names its framework's version
//! (`icf-2025:active-listening`), so that it means what it meant on its day.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One framework: a body's competencies in one version.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// How a tag names it (`icf-2025`).
    pub id: String,
    /// The body whose it is (`ICF`).
    pub body: String,
    /// What it is called.
    pub name: String,
    /// The day it took effect, where known (the body's earlier version is in force before it).
    #[serde(default, deserialize_with = "toml_day")]
    pub effective: Option<NaiveDate>,
    /// Its source.
    pub url: String,
    /// Its competencies: short id and name.
    pub competencies: Vec<(String, String)>,
}

impl Framework {
    /// The name of one of its competencies.
    pub fn competency(&self, id: &str) -> Option<&str> {
        self.competencies
            .iter()
            .find(|(c, _)| c == id)
            .map(|(_, name)| name.as_str())
    }
}

/// A TOML date (`2025-09-08`) as a day.
fn toml_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    let value = toml::value::Datetime::deserialize(d)?;
    let date = value
        .date
        .ok_or_else(|| serde::de::Error::custom("a day, e.g. 2025-09-08"))?;
    NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
    .map(Some)
    .ok_or_else(|| serde::de::Error::custom("a day, e.g. 2025-09-08"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    framework: Vec<Framework>,
}

/// Every framework, in the order of the built-in file.
pub fn frameworks() -> &'static [Framework] {
    static ALL: OnceLock<Vec<Framework>> = OnceLock::new();
    ALL.get_or_init(|| {
        toml::from_str::<File>(include_str!("competencies.toml"))
            .expect("the built-in competencies read")
            .framework
    })
}

/// The framework with this id.
pub fn framework(id: &str) -> Option<&'static Framework> {
    frameworks().iter().find(|f| f.id == id)
}

/// The version of `body`'s framework in force on `day`: the latest that took effect on or before
/// it (one without a day of effect is the first).
pub fn in_force(body: &str, day: NaiveDate) -> Option<&'static Framework> {
    frameworks()
        .iter()
        .filter(|f| f.body == body && f.effective.is_none_or(|e| e <= day))
        .max_by_key(|f| f.effective)
}

/// A competency a session worked on, in a named framework version.
#[derive(Debug, Clone)]
pub struct Tag {
    framework: &'static Framework,
    competency: String,
}

/// Two tags are the same when they name the same competency of the same version.
impl PartialEq for Tag {
    fn eq(&self, other: &Self) -> bool {
        self.framework.id == other.framework.id && self.competency == other.competency
    }
}

impl Eq for Tag {}

impl Tag {
    /// Its framework.
    pub fn framework(&self) -> &'static Framework {
        self.framework
    }

    /// The competency's short id.
    pub fn competency(&self) -> &str {
        &self.competency
    }

    /// The competency's name.
    pub fn name(&self) -> &'static str {
        self.framework
            .competency(&self.competency)
            .expect("a tag's competency is its framework's")
    }

    /// The same competency in another version of its body's framework, if it has it.
    pub fn in_version(&self, framework: &'static Framework) -> Option<Tag> {
        framework.competency(&self.competency).map(|_| Tag {
            framework,
            competency: self.competency.clone(),
        })
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.framework.id, self.competency)
    }
}

impl FromStr for Tag {
    type Err = String;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let ids: Vec<&str> = frameworks().iter().map(|f| f.id.as_str()).collect();
        let Some((version, competency)) = input.trim().split_once(':') else {
            return Err(format!(
                "'{input}' names no framework version: use VERSION:COMPETENCY, e.g. \
                 icf-2025:active-listening (versions: {})",
                ids.join(", ")
            ));
        };
        let Some(framework) = framework(version.trim()) else {
            return Err(format!(
                "'{version}' is no competency framework: use one of {}",
                ids.join(", ")
            ));
        };
        let competency = competency.trim().to_ascii_lowercase();
        if framework.competency(&competency).is_none() {
            let known: Vec<&str> = framework
                .competencies
                .iter()
                .map(|(c, _)| c.as_str())
                .collect();
            return Err(format!(
                "'{competency}' is no competency of {}: use one of {}",
                framework.name,
                known.join(", ")
            ));
        }
        Ok(Tag {
            framework,
            competency,
        })
    }
}

impl Serialize for Tag {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_tag_names_its_version_and_is_refused_with_the_forms_otherwise() {
        let tag: Tag = "icf-2025:active-listening".parse().expect("tag");
        assert_eq!(tag.to_string(), "icf-2025:active-listening");
        assert_eq!(tag.name(), "Listens Actively");
        assert_eq!(tag.framework().body, "ICF");
        let no_version = "active-listening".parse::<Tag>().expect_err("no version");
        assert!(
            no_version.contains("icf-2025:active-listening"),
            "{no_version}"
        );
        let bad = "icf-2031:presence"
            .parse::<Tag>()
            .expect_err("no such version");
        assert!(bad.contains("icf-2019, icf-2025, emcc"), "{bad}");
        let wrong = "emcc:presence".parse::<Tag>().expect_err("not EMCC's");
        assert!(wrong.contains("understanding-self"), "{wrong}");
        assert_eq!(
            "EMCC:Evaluation".parse::<Tag>().map(|t| t.to_string()),
            Err("'EMCC' is no competency framework: use one of icf-2019, icf-2025, emcc".into())
        );
    }

    #[test]
    fn the_version_in_force_changes_on_its_day() {
        assert_eq!(
            in_force("ICF", day("2025-09-07")).map(|f| f.id.as_str()),
            Some("icf-2019")
        );
        assert_eq!(
            in_force("ICF", day("2025-09-08")).map(|f| f.id.as_str()),
            Some("icf-2025")
        );
        assert_eq!(
            in_force("EMCC", day("2020-01-01")).map(|f| f.id.as_str()),
            Some("emcc")
        );
        assert_eq!(in_force("AC", day("2026-01-01")), None);
    }
}
