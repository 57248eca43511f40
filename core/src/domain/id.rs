//! Partner ids: safe slugs made from names, used as file names inside `partners/`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// The longest id the logbook makes or accepts, so that file names stay well within every file
/// system's limits whatever the length of a name.
pub const MAX_ID_LEN: usize = 48;

/// A partner's id: lowercase ASCII letters and digits in hyphen-separated words (`alex-kim`).
///
/// Being a safe slug, it can never name a path outside `partners/` (no `/`, `.` or `..`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct PartnerId(String);

impl PartnerId {
    /// The id made from a name: transliterated to ASCII, lowercased, words joined by hyphens
    /// (`"Alex Kim"` → `alex-kim`, `"José Müller"` → `jose-muller`). `None` when nothing is left.
    pub fn from_name(name: &str) -> Option<Self> {
        let ascii = deunicode::deunicode(name).to_ascii_lowercase();
        let mut slug = String::new();
        for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            let extra = usize::from(!slug.is_empty()) + word.len();
            if slug.len() + extra > MAX_ID_LEN {
                if slug.is_empty() {
                    slug.push_str(&word[..MAX_ID_LEN]);
                }
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(word);
        }
        (!slug.is_empty()).then_some(Self(slug))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PartnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

impl FromStr for PartnerId {
    type Err = String;

    /// Accepts an id exactly as written, if it is a valid slug.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let valid = !input.is_empty()
            && input.len() <= MAX_ID_LEN
            && input.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if valid {
            Ok(Self(input.to_owned()))
        } else {
            Err(format!(
                "'{input}' is not a partner id: use lowercase letters and digits in words joined \
                 by hyphens, at most {MAX_ID_LEN} characters (e.g. alex-kim)"
            ))
        }
    }
}

impl<'de> Deserialize<'de> for PartnerId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(name: &str) -> Option<String> {
        PartnerId::from_name(name).map(|id| id.0)
    }

    #[test]
    fn slugs_names_in_any_script() {
        assert_eq!(slug("Alex Kim").as_deref(), Some("alex-kim"));
        assert_eq!(slug("  José  Müller ").as_deref(), Some("jose-muller"));
        assert_eq!(
            slug("Zoë O'Brien-Smith").as_deref(),
            Some("zoe-o-brien-smith")
        );
        assert_eq!(slug("Team #4 (Leads)").as_deref(), Some("team-4-leads"));
        assert!(slug("Ярослава").is_some_and(|s| s.chars().all(|c| c.is_ascii_lowercase())));
        assert!(slug("山田 太郎").is_some());
        assert_eq!(slug("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slug("."), None);
        assert_eq!(slug("!!!"), None);
        assert_eq!(slug(""), None);
    }

    #[test]
    fn long_names_give_bounded_ids() {
        let long = "word ".repeat(2000);
        let id = slug(&long).expect("an id");
        assert!(id.len() <= MAX_ID_LEN);
        assert!(id.parse::<PartnerId>().is_ok());
        let one_word = "a".repeat(10_000);
        assert_eq!(slug(&one_word).map(|s| s.len()), Some(MAX_ID_LEN));
    }

    #[test]
    fn parses_only_safe_slugs() {
        assert!("alex-kim".parse::<PartnerId>().is_ok());
        assert!("team-4".parse::<PartnerId>().is_ok());
        for bad in [
            "Alex",
            "alex--kim",
            "-alex",
            "alex-",
            "..",
            "a/b",
            "",
            "alex kim",
            "é",
        ] {
            assert!(bad.parse::<PartnerId>().is_err(), "{bad}");
        }
    }
}
