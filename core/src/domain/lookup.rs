//! Finding a partner from what the user typed: an id, a unique prefix of one, the name itself, or
//! any word of the id or the name (`team` for "Northwind Team Leads").

use std::fmt;

use super::id::PartnerId;

/// Why a partner could not be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// No partner matches; `suggestion` is the closest id, if one is close.
    NotFound {
        /// What the user typed.
        query: String,
        /// The closest existing id.
        suggestion: Option<PartnerId>,
        /// Whether the logbook has no partners at all.
        empty: bool,
    },
    /// Several partners start with what the user typed.
    Ambiguous {
        /// What the user typed.
        query: String,
        /// The ids that match.
        matches: Vec<PartnerId>,
    },
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::NotFound {
                query, empty: true, ..
            } if query.is_empty() => write!(
                f,
                "this logbook has no partners yet: add one with `coachlog partner add NAME \
                 --client-type peer|non-coach`"
            ),
            LookupError::NotFound {
                query, empty: true, ..
            } => write!(
                f,
                "no partner '{query}': this logbook has no partners yet; add one with \
                 `coachlog partner add NAME --client-type peer|non-coach`"
            ),
            LookupError::NotFound {
                query,
                suggestion: Some(id),
                ..
            } => write!(
                f,
                "no partner '{query}'; did you mean '{id}'? (`coachlog partner list` shows them all)"
            ),
            LookupError::NotFound { query, .. } => write!(
                f,
                "no partner '{query}' (`coachlog partner list` shows them all)"
            ),
            LookupError::Ambiguous { query, matches } => {
                let shown: Vec<&str> = matches.iter().take(8).map(PartnerId::as_str).collect();
                let more = matches.len().saturating_sub(shown.len());
                write!(
                    f,
                    "'{query}' could be any of {}{}: type more of the id",
                    shown.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                )
            }
        }
    }
}

/// A partner not found is the user's to correct ([`crate::error::Kind::Usage`]). (No
/// `std::error::Error`: it leaves this module only as an error of its kind.)
impl From<LookupError> for anyhow::Error {
    fn from(e: LookupError) -> Self {
        crate::error::Error::new(crate::error::Kind::Usage, e.to_string()).into()
    }
}

/// The partner `query` names among `ids`: the id itself, the id its words make (`"Alex Kim"`), the
/// only id that starts with it, or the only one with a word for each word of it (see
/// [`find_among`], which looks at names too).
pub fn find_partner<'a>(ids: &'a [PartnerId], query: &str) -> Result<&'a PartnerId, LookupError> {
    find_among(ids, &[], query)
}

/// [`find_partner`], with the partners' names (`(id, name)`) for the last step: a partner matches
/// when each word of `query` starts a word of its id or of its name (`nair`, `team lead`). One
/// such partner is the answer; several are listed.
pub fn find_among<'a>(
    ids: &'a [PartnerId],
    names: &[(&PartnerId, &str)],
    query: &str,
) -> Result<&'a PartnerId, LookupError> {
    if let Some(id) = ids.iter().find(|id| id.as_str() == query) {
        return Ok(id);
    }
    let normalized = PartnerId::from_name(query);
    let key = normalized.as_ref().map_or("", PartnerId::as_str);
    if let Some(id) = ids.iter().find(|id| id.as_str() == key) {
        return Ok(id);
    }
    // A prefix as typed (`sam-`) is tried before its slug (`sam`), which would match more.
    let typed = query.trim().to_lowercase();
    let starting_with = |prefix: &str| -> Vec<&PartnerId> {
        if prefix.is_empty() {
            return Vec::new();
        }
        ids.iter()
            .filter(|id| id.as_str().starts_with(prefix))
            .collect()
    };
    let mut matches = starting_with(&typed);
    if matches.is_empty() {
        matches = starting_with(key);
    }
    if matches.is_empty() && !key.is_empty() {
        let wanted: Vec<&str> = key.split('-').filter(|w| !w.is_empty()).collect();
        let has_words = |words: &[&str]| {
            wanted
                .iter()
                .all(|w| words.iter().any(|v| v.starts_with(w)))
        };
        let name_words: Vec<(&PartnerId, Vec<String>)> = names
            .iter()
            .filter_map(|(id, name)| {
                let slug = PartnerId::from_name(name)?;
                Some((*id, slug.as_str().split('-').map(str::to_owned).collect()))
            })
            .collect();
        matches = ids
            .iter()
            .filter(|id| {
                let id_words: Vec<&str> = id.as_str().split('-').collect();
                has_words(&id_words)
                    || name_words.iter().any(|(named, words)| {
                        named == id
                            && has_words(&words.iter().map(String::as_str).collect::<Vec<_>>())
                    })
            })
            .collect();
    }
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(LookupError::NotFound {
            query: query.to_owned(),
            suggestion: closest(ids, key),
            empty: ids.is_empty(),
        }),
        many => Err(LookupError::Ambiguous {
            query: query.to_owned(),
            matches: many.iter().map(|id| (*id).clone()).collect(),
        }),
    }
}

/// The id most like `key`, if it is like enough to be a typo of it.
fn closest(ids: &[PartnerId], key: &str) -> Option<PartnerId> {
    if key.is_empty() {
        return None;
    }
    ids.iter()
        .map(|id| {
            let whole = strsim::jaro_winkler(key, id.as_str());
            // Compare with the id's start too, so that a typo in a prefix (`alx` for `alex-kim`) is caught.
            let start: String = id.as_str().chars().take(key.chars().count()).collect();
            // And with each word, so that a typo in a word (`nari` for `zoe-nair`) is caught.
            let word = id
                .as_str()
                .split('-')
                .map(|w| strsim::jaro_winkler(key, w))
                .fold(0.0, f64::max);
            (whole.max(strsim::jaro_winkler(key, &start)).max(word), id)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<PartnerId> {
        list.iter().map(|s| s.parse().expect("test id")).collect()
    }

    #[test]
    fn finds_by_id_name_or_unique_prefix() {
        let ids = ids(&["alex-kim", "alex", "sam-lee", "samira-haddad"]);
        let find = |q| find_partner(&ids, q).map(PartnerId::as_str);
        assert_eq!(find("alex"), Ok("alex"), "an exact id wins over a prefix");
        assert_eq!(find("alex-k"), Ok("alex-kim"));
        assert_eq!(find("Alex Kim"), Ok("alex-kim"));
        assert_eq!(find("samir"), Ok("samira-haddad"));
        assert_eq!(find("sam-"), Ok("sam-lee"));
    }

    #[test]
    fn finds_by_any_word_of_the_id_or_the_name() {
        let ids = ids(&[
            "northwind-team-leads",
            "zoe-nair",
            "tuesday-group",
            "sara",
            "tom-team",
        ]);
        let find = |q| find_partner(&ids, q).map(PartnerId::as_str);
        assert_eq!(find("nair"), Ok("zoe-nair"));
        assert_eq!(find("group"), Ok("tuesday-group"));
        assert_eq!(find("team lead"), Ok("northwind-team-leads"));
        assert_eq!(find("Team Leads"), Ok("northwind-team-leads"));
        let err = find_partner(&ids, "team").expect_err("two have the word");
        assert!(
            err.to_string()
                .contains("could be any of northwind-team-leads, tom-team"),
            "{err}"
        );
        // A word of the name, when the id was chosen by hand.
        let sara = &ids[3];
        let names = [(sara, "Sara Haddad")];
        assert_eq!(
            find_among(&ids, &names, "haddad").map(PartnerId::as_str),
            Ok("sara")
        );
        assert!(
            find_partner(&ids, "haddad").is_err(),
            "not without the names"
        );
    }

    #[test]
    fn reports_ambiguity_and_suggests_close_ids() {
        let ids = ids(&["alex-kim", "sam-lee", "samira-haddad"]);
        let err = find_partner(&ids, "sam").expect_err("ambiguous");
        assert_eq!(
            err.to_string(),
            "'sam' could be any of sam-lee, samira-haddad: type more of the id"
        );
        let err = find_partner(&ids, "alx").expect_err("typo");
        assert!(
            err.to_string().contains("did you mean 'alex-kim'?"),
            "{err}"
        );
        let err = find_partner(&ids, "zzz").expect_err("unknown");
        assert!(!err.to_string().contains("did you mean"), "{err}");
        let err = find_partner(&[], "alex").expect_err("empty");
        assert!(err.to_string().contains("no partners yet"), "{err}");
    }
}
