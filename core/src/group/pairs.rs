//! Reciprocal pairs from a roster: two people may be paired when they share a language and are
//! both free, in the week matched, for the longer of their two session lengths; a pair made in an
//! earlier round is not made again. As many people are paired as can be (a maximum matching), and
//! everybody left out is given the reason.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::matching::{maximum_matching, shuffled};
use super::roster::{Person, Practice};
use crate::domain::availability::longest_overlap;

/// Two people who may practise together: the language they share, and the longest time both are
/// free in the week matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// The first language they share, in the first person's order.
    pub language: String,
    /// When the longest shared time begins.
    pub start: DateTime<Utc>,
    /// How long it is, in minutes.
    pub minutes: i64,
}

/// Why two people cannot practise together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Misfit {
    /// They share no language.
    Language,
    /// They share no time as long as a session.
    Time,
}

/// Whether `a` and `b` fit, in the week that begins on `monday`.
pub fn fit(a: &Person, b: &Person, monday: NaiveDate) -> Result<Fit, Misfit> {
    let language = a
        .languages
        .iter()
        .find(|l| b.languages.contains(l))
        .ok_or(Misfit::Language)?;
    let needed = i64::from(a.minutes.max(b.minutes));
    match longest_overlap(
        &a.free.in_week(a.zone, monday),
        &b.free.in_week(b.zone, monday),
    ) {
        Some((start, minutes)) if minutes >= needed => Ok(Fit {
            language: language.clone(),
            start,
            minutes,
        }),
        _ => Err(Misfit::Time),
    }
}

/// Why a person is left without a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// Nobody shares a language with them.
    NoLanguage,
    /// Those who share a language share no time as long as a session.
    NoTime,
    /// Everybody they fit was their partner in an earlier round.
    AllBefore,
    /// They fit someone, but every pairing leaves one person out, and it is them.
    OddOneOut,
    /// One-way: they fit someone, but no ring of three or more can take them.
    NoRing,
    /// Reciprocal: nobody else chose reciprocal practice.
    Alone,
    /// One-way: fewer than three people asked for one-way practice, and a ring needs three.
    TooFew,
}

impl Left {
    /// In words.
    pub fn describe(self) -> &'static str {
        match self {
            Left::NoLanguage => "no shared language with anyone",
            Left::NoTime => "no common time as long as a session with anyone who shares a language",
            Left::AllBefore => "everyone who fits was a partner in an earlier round",
            Left::OddOneOut => "odd one out: every pairing leaves someone, and here it is them",
            Left::NoRing => "odd one out: no ring of three or more can take them",
            Left::Alone => "nobody else chose reciprocal practice",
            Left::TooFew => "fewer than three chose one-way, and a ring needs three",
        }
    }

    /// As a word for JSON and CSV.
    pub fn word(self) -> &'static str {
        match self {
            Left::NoLanguage => "no-language",
            Left::NoTime => "no-time",
            Left::AllBefore => "all-before",
            Left::OddOneOut => "odd-one-out",
            Left::NoRing => "no-ring",
            Left::Alone => "alone",
            Left::TooFew => "too-few",
        }
    }
}

/// A pair made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The first person (by the roster's order).
    pub a: usize,
    /// The second.
    pub b: usize,
    /// How they fit.
    pub fit: Fit,
}

/// The pairs made of a roster's reciprocal people, and those left out with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pairs {
    /// The pairs, in the roster's order.
    pub pairs: Vec<Pair>,
    /// Those left out, in the roster's order.
    pub left: Vec<(usize, Left)>,
}

/// A pair of e-mail addresses in order, as an earlier round is remembered.
pub fn pair_key(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

/// The reciprocal people of `people` paired for the week that begins on `monday`, no pair of
/// `before` made again; `seed` decides between pairings of the same size.
pub fn pairs(
    people: &[Person],
    monday: NaiveDate,
    before: &BTreeSet<(String, String)>,
    seed: u64,
) -> Pairs {
    let chosen: Vec<usize> = shuffled(
        (0..people.len())
            .filter(|i| people[*i].practice == Practice::Reciprocal)
            .collect(),
        seed,
    );
    let mut fits: Vec<(usize, usize, Fit)> = Vec::new();
    let mut misfits: Vec<Vec<Result<bool, Misfit>>> = vec![Vec::new(); chosen.len()];
    for x in 0..chosen.len() {
        for y in x + 1..chosen.len() {
            let (a, b) = (&people[chosen[x]], &people[chosen[y]]);
            match fit(a, b, monday) {
                Ok(f) => {
                    let repeat = before.contains(&pair_key(&a.email, &b.email));
                    misfits[x].push(Ok(repeat));
                    misfits[y].push(Ok(repeat));
                    if !repeat {
                        fits.push((x, y, f));
                    }
                }
                Err(m) => {
                    misfits[x].push(Err(m));
                    misfits[y].push(Err(m));
                }
            }
        }
    }
    let edges: Vec<(usize, usize)> = fits.iter().map(|(x, y, _)| (*x, *y)).collect();
    let mate = maximum_matching(chosen.len(), &edges);
    let mut made: Vec<Pair> = Vec::new();
    let mut left: Vec<(usize, Left)> = Vec::new();
    for (x, m) in mate.iter().enumerate() {
        match m {
            Some(y) if x < *y => {
                let fit = fits
                    .iter()
                    .find(|(p, q, _)| (*p, *q) == (x, *y))
                    .map(|(_, _, f)| f.clone())
                    .expect("a pair made is a pair that fits");
                let (a, b) = (chosen[x].min(chosen[*y]), chosen[x].max(chosen[*y]));
                made.push(Pair { a, b, fit });
            }
            Some(_) => {}
            None => {
                let seen = &misfits[x];
                let why = if seen.is_empty() {
                    Left::Alone
                } else if seen.iter().any(|s| matches!(s, Ok(false))) {
                    Left::OddOneOut
                } else if seen.iter().any(|s| matches!(s, Ok(true))) {
                    Left::AllBefore
                } else if seen.iter().any(|s| matches!(s, Err(Misfit::Time))) {
                    Left::NoTime
                } else {
                    Left::NoLanguage
                };
                left.push((chosen[x], why));
            }
        }
    }
    made.sort_by_key(|p| (p.a, p.b));
    left.sort_by_key(|(i, _)| *i);
    Pairs { pairs: made, left }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::monday_of;

    fn person(i: usize, zone: &str, languages: &[&str], free: &str) -> Person {
        Person {
            line: i as u64 + 2,
            name: format!("P{i}"),
            email: format!("p{i}@example.org"),
            zone: zone.parse().expect("zone"),
            languages: languages.iter().map(|l| (*l).to_owned()).collect(),
            free: free.parse().expect("free"),
            credential: None,
            practice: Practice::Reciprocal,
            minutes: 60,
        }
    }

    fn monday() -> NaiveDate {
        monday_of("2026-12-09".parse().expect("date"))
    }

    #[test]
    fn everyone_left_out_has_a_reason() {
        let people = vec![
            person(0, "Europe/Berlin", &["german"], "Mon 18-21"),
            person(1, "Europe/Vienna", &["german"], "Mon 19-21"),
            person(2, "Europe/Berlin", &["japanese"], "Mon 18-21"),
            person(3, "Asia/Tokyo", &["german"], "Mon 9-10"),
            person(4, "Europe/Zurich", &["german"], "Mon 18-20"),
        ];
        let made = pairs(&people, monday(), &BTreeSet::new(), 1);
        assert_eq!(made.pairs.len(), 1);
        let reasons: Vec<(usize, Left)> = made.left.clone();
        assert!(reasons.contains(&(2, Left::NoLanguage)), "{reasons:?}");
        // Tokyo's Monday 9-10 is Sunday night in Berlin: no common time.
        assert!(reasons.contains(&(3, Left::NoTime)), "{reasons:?}");
        let odd = reasons
            .iter()
            .filter(|(_, r)| *r == Left::OddOneOut)
            .count();
        assert_eq!(odd, 1, "three fit, one of them waits: {reasons:?}");
    }

    #[test]
    fn an_earlier_round_is_not_repeated_and_the_seed_decides_the_rest() {
        let people: Vec<Person> = (0..4)
            .map(|i| person(i, "Europe/Berlin", &["english"], "Tue 9-12"))
            .collect();
        let before: BTreeSet<(String, String)> = [
            pair_key("p0@example.org", "p1@example.org"),
            pair_key("p2@example.org", "p3@example.org"),
        ]
        .into_iter()
        .collect();
        let made = pairs(&people, monday(), &before, 7);
        assert_eq!(made.pairs.len(), 2);
        for p in &made.pairs {
            assert!(!before.contains(&pair_key(&people[p.a].email, &people[p.b].email)));
        }
        assert_eq!(
            made,
            pairs(&people, monday(), &before, 7),
            "same seed, same pairs"
        );
        // Everybody paired before with everybody: all left, each with why.
        let all: BTreeSet<(String, String)> = (0..4)
            .flat_map(|a| (a + 1..4).map(move |b| (a, b)))
            .map(|(a, b)| pair_key(&people[a].email, &people[b].email))
            .collect();
        let none = pairs(&people, monday(), &all, 7);
        assert!(none.pairs.is_empty());
        assert!(none.left.iter().all(|(_, r)| *r == Left::AllBefore));
    }

    #[test]
    fn on_small_rosters_as_many_are_paired_as_an_exact_search_pairs() {
        let zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata"];
        let languages: [&[&str]; 3] = [&["english"], &["english", "german"], &["german"]];
        let slots = ["Mon 18-21", "Mon 12-15", "Mon 8-11", "weekends mornings"];
        for seed in 0..60u64 {
            let n = 2 + (seed % 7) as usize;
            let people: Vec<Person> = (0..n)
                .map(|i| {
                    let k = (i as u64 * 7 + seed * 13) as usize;
                    person(i, zones[k % 3], languages[(k / 3) % 3], slots[(k / 9) % 4])
                })
                .collect();
            let made = pairs(&people, monday(), &BTreeSet::new(), seed);
            // Every pair fits.
            for p in &made.pairs {
                assert!(fit(&people[p.a], &people[p.b], monday()).is_ok());
            }
            // As many as the best: try every way to pair them up.
            fn best(left: &[usize], people: &[Person]) -> usize {
                let Some((&first, rest)) = left.split_first() else {
                    return 0;
                };
                let mut most = best(rest, people);
                for (k, &other) in rest.iter().enumerate() {
                    if fit(&people[first], &people[other], monday()).is_ok() {
                        let mut remaining = rest.to_vec();
                        remaining.remove(k);
                        most = most.max(1 + best(&remaining, people));
                    }
                }
                most
            }
            let all: Vec<usize> = (0..n).collect();
            assert_eq!(made.pairs.len(), best(&all, &people), "seed {seed}");
            assert_eq!(
                made.pairs.len() * 2 + made.left.len(),
                n,
                "everybody is accounted for"
            );
        }
    }
}
