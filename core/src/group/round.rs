//! One round of a practice group: the reciprocal people in pairs, the one-way people in rings,
//! nobody with someone who coached them in an earlier round, and everybody left out with why.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::matching::shuffled;
use super::pairs::{self, Fit, Left, Misfit, Pair, pair_key};
use super::rings::rings;
use super::roster::{Person, Practice};

/// Who coached whom in earlier rounds, by e-mail address: `(coach, client)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    coached: BTreeSet<(String, String)>,
}

impl History {
    /// No earlier round.
    pub fn new() -> Self {
        History::default()
    }

    /// Remembers that `coach` coached `client`.
    pub fn add(&mut self, coach: &str, client: &str) {
        self.coached
            .insert((coach.to_lowercase(), client.to_lowercase()));
    }

    /// Everything `other` remembers, too.
    pub fn extend(&mut self, other: History) {
        self.coached.extend(other.coached);
    }

    /// Whether `coach` coached `client` in an earlier round.
    pub fn coached(&self, coach: &str, client: &str) -> bool {
        self.coached
            .contains(&(coach.to_owned(), client.to_owned()))
    }

    /// The two people who met in an earlier round, either coaching the other, as pairs in order.
    pub fn met(&self) -> BTreeSet<(String, String)> {
        self.coached.iter().map(|(a, b)| pair_key(a, b)).collect()
    }

    /// How many times someone coached someone.
    pub fn len(&self) -> usize {
        self.coached.len()
    }

    /// Whether no earlier round is known.
    pub fn is_empty(&self) -> bool {
        self.coached.is_empty()
    }
}

/// A one-way ring made: `people[k]` coaches `people[k + 1]`, and the last coaches the first;
/// `fits[k]` is how `people[k]` and the one they coach fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ring {
    /// The people, by their place in the roster, in the order they coach.
    pub people: Vec<usize>,
    /// How each fits the one they coach.
    pub fits: Vec<Fit>,
}

impl Ring {
    /// Each session of the ring: (coach, client, how they fit).
    pub fn sessions(&self) -> impl Iterator<Item = (usize, usize, &Fit)> {
        let n = self.people.len();
        (0..n).map(move |k| (self.people[k], self.people[(k + 1) % n], &self.fits[k]))
    }
}

/// Which pairs to prefer among those that match as many people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Levels {
    /// Partners who work towards different credentials.
    Mixed,
    /// Partners who work towards the same credential.
    Same,
}

/// The round made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The Monday of the week matched.
    pub week: NaiveDate,
    /// The seed that decided between matchings of the same size.
    pub seed: u64,
    /// Reciprocal pairs, in the roster's order.
    pub pairs: Vec<Pair>,
    /// One-way rings, in the roster's order of their first person.
    pub rings: Vec<Ring>,
    /// Everybody left out, in the roster's order, with why.
    pub left: Vec<(usize, Left)>,
}

/// The round for `people` in the week that begins on `monday`: nobody is matched with someone who
/// coached them, or whom they coached, in `history` (for a ring, only the direction counts: who
/// coached whom); `seed` decides between matchings of the same size, and `levels` (where given)
/// between pairings of the same size.
pub fn round(
    people: &[Person],
    monday: NaiveDate,
    history: &History,
    seed: u64,
    levels: Option<Levels>,
) -> Round {
    let mut made = pairs::pairs(people, monday, &history.met(), seed);
    if let Some(levels) = levels {
        prefer(&mut made.pairs, people, monday, history, levels);
    }
    let (rings, ring_left) = one_way(people, monday, history, seed);
    let mut left = made.left;
    left.extend(ring_left);
    left.sort_by_key(|(i, _)| *i);
    Round {
        week: monday,
        seed,
        pairs: made.pairs,
        rings,
        left,
    }
}

/// The one-way people of `people` in rings, and those left out with why.
fn one_way(
    people: &[Person],
    monday: NaiveDate,
    history: &History,
    seed: u64,
) -> (Vec<Ring>, Vec<(usize, Left)>) {
    let chosen: Vec<usize> = shuffled(
        (0..people.len())
            .filter(|i| people[*i].practice == Practice::OneWay)
            .collect(),
        seed,
    );
    let n = chosen.len();
    // fits[x][y]: how chosen[x] and chosen[y] fit (the same both ways); arcs: who may coach whom.
    let mut fits: Vec<Vec<Option<Result<Fit, Misfit>>>> = vec![vec![None; n]; n];
    for x in 0..n {
        for y in x + 1..n {
            let f = pairs::fit(&people[chosen[x]], &people[chosen[y]], monday);
            fits[y][x] = Some(f.clone());
            fits[x][y] = Some(f);
        }
    }
    let arcs: Vec<Vec<bool>> = (0..n)
        .map(|x| {
            (0..n)
                .map(|y| {
                    matches!(fits[x][y], Some(Ok(_)))
                        && !history.coached(&people[chosen[x]].email, &people[chosen[y]].email)
                })
                .collect()
        })
        .collect();
    let found = rings(n, &|x, y| arcs[x][y]);
    let mut placed = vec![false; n];
    let mut made: Vec<Ring> = found
        .into_iter()
        .map(|ring| {
            let len = ring.len();
            let fits = (0..len)
                .map(|k| {
                    placed[ring[k]] = true;
                    match &fits[ring[k]][ring[(k + 1) % len]] {
                        Some(Ok(f)) => f.clone(),
                        _ => unreachable!("a ring is made of arcs that fit"),
                    }
                })
                .collect();
            let mut ring = Ring {
                people: ring.iter().map(|x| chosen[*x]).collect(),
                fits,
            };
            // Each ring starts with its first person in the roster, keeping who coaches whom.
            let first = (0..len)
                .min_by_key(|k| ring.people[*k])
                .expect("a ring has people");
            ring.people.rotate_left(first);
            ring.fits.rotate_left(first);
            ring
        })
        .collect();
    made.sort_by_key(|r| r.people[0]);
    let mut left = Vec::new();
    for x in (0..n).filter(|x| !placed[*x]) {
        let why = if n < 3 {
            Left::TooFew
        } else if (0..n).any(|y| arcs[x][y] || arcs[y][x]) {
            Left::NoRing
        } else if (0..n).any(|y| matches!(fits[x][y], Some(Ok(_)))) {
            Left::AllBefore
        } else if (0..n).any(|y| matches!(fits[x][y], Some(Err(Misfit::Time)))) {
            Left::NoTime
        } else {
            Left::NoLanguage
        };
        left.push((chosen[x], why));
    }
    (made, left)
}

/// The key a credential is compared by.
fn level(person: &Person) -> Option<String> {
    person.credential.as_deref().map(|c| {
        c.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
}

/// Whether `a` and `b` are a pair `levels` prefers (1) or not (0).
fn liked(a: &Person, b: &Person, levels: Levels) -> u32 {
    match (level(a), level(b)) {
        (Some(x), Some(y)) => u32::from((x == y) == (levels == Levels::Same)),
        _ => 0,
    }
}

/// Swaps partners between two pairs wherever both new pairs fit, neither met before, and more of
/// them are the pairs `levels` prefers: the number paired stays the same.
fn prefer(
    made: &mut [Pair],
    people: &[Person],
    monday: NaiveDate,
    history: &History,
    levels: Levels,
) {
    let met = history.met();
    let fits = |a: usize, b: usize| -> Option<Fit> {
        if met.contains(&pair_key(&people[a].email, &people[b].email)) {
            return None;
        }
        pairs::fit(&people[a], &people[b], monday).ok()
    };
    let score = |a: usize, b: usize| liked(&people[a], &people[b], levels);
    // Each pass improves the count; it is at most the number of pairs.
    for _ in 0..=made.len() {
        let mut better = false;
        for i in 0..made.len() {
            for j in i + 1..made.len() {
                let (a, b, c, d) = (made[i].a, made[i].b, made[j].a, made[j].b);
                let now = score(a, b) + score(c, d);
                if now == 2 {
                    continue;
                }
                for (p, q, r, s) in [(a, c, b, d), (a, d, b, c)] {
                    if score(p, q) + score(r, s) <= now {
                        continue;
                    }
                    if let (Some(f), Some(g)) = (fits(p, q), fits(r, s)) {
                        made[i] = Pair {
                            a: p.min(q),
                            b: p.max(q),
                            fit: f,
                        };
                        made[j] = Pair {
                            a: r.min(s),
                            b: r.max(s),
                            fit: g,
                        };
                        better = true;
                        break;
                    }
                }
            }
        }
        if !better {
            break;
        }
    }
    made.sort_by_key(|p| (p.a, p.b));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::monday_of;

    fn person(i: usize, practice: Practice, languages: &[&str], free: &str) -> Person {
        Person {
            line: i as u64 + 2,
            name: format!("P{i}"),
            email: format!("p{i}@example.org"),
            zone: "Europe/Berlin".parse().expect("zone"),
            languages: languages.iter().map(|l| (*l).to_owned()).collect(),
            free: free.parse().expect("free"),
            credential: None,
            practice,
            minutes: 60,
        }
    }

    fn monday() -> NaiveDate {
        monday_of("2026-12-09".parse().expect("date"))
    }

    fn check(round: &Round, people: &[Person], history: &History) {
        let mut seen = BTreeSet::new();
        for p in &round.pairs {
            assert!(seen.insert(p.a) && seen.insert(p.b), "each person once");
            assert!(pairs::fit(&people[p.a], &people[p.b], monday()).is_ok());
            assert!(!history.coached(&people[p.a].email, &people[p.b].email));
            assert!(!history.coached(&people[p.b].email, &people[p.a].email));
        }
        for r in &round.rings {
            assert!(r.people.len() >= 3, "no two-cycle: {r:?}");
            for (coach, client, f) in r.sessions() {
                assert!(seen.insert(coach), "each person once");
                assert_eq!(
                    Ok(f.clone()),
                    pairs::fit(&people[coach], &people[client], monday())
                );
                assert!(!history.coached(&people[coach].email, &people[client].email));
            }
        }
        for (i, _) in &round.left {
            assert!(seen.insert(*i), "each person once");
        }
        assert_eq!(seen.len(), people.len(), "everybody is accounted for");
    }

    #[test]
    fn one_way_people_make_rings_and_the_rest_are_told_why() {
        let mut people: Vec<Person> = (0..4)
            .map(|i| person(i, Practice::OneWay, &["english"], "Tue 9-12"))
            .collect();
        people.push(person(4, Practice::OneWay, &["japanese"], "Tue 9-12"));
        people.push(person(5, Practice::Reciprocal, &["english"], "Tue 9-12"));
        let made = round(&people, monday(), &History::new(), 3, None);
        check(&made, &people, &History::new());
        assert_eq!(made.rings.len(), 1);
        assert_eq!(made.rings[0].people.len(), 4);
        assert_eq!(
            made.rings[0].people[0], 0,
            "a ring starts with its first person"
        );
        assert_eq!(
            made.left,
            [(4, Left::NoLanguage), (5, Left::Alone)],
            "the one-way person without a language, the lone reciprocal one"
        );
    }

    #[test]
    fn a_ring_does_not_repeat_who_coached_whom_and_two_are_too_few() {
        let people: Vec<Person> = (0..3)
            .map(|i| person(i, Practice::OneWay, &["english"], "Tue 9-12"))
            .collect();
        // 0 coached 1 before: the ring must run the other way, 0 → 2 → 1 → 0.
        let mut history = History::new();
        history.add("p0@example.org", "p1@example.org");
        let made = round(&people, monday(), &history, 1, None);
        check(&made, &people, &history);
        assert_eq!(made.rings[0].people, [0, 2, 1]);
        // Both ways used before: no ring can hold all three.
        history.add("p0@example.org", "p2@example.org");
        let none = round(&people, monday(), &history, 1, None);
        assert!(none.rings.is_empty());
        assert!(none.left.iter().all(|(_, why)| *why == Left::NoRing));
        let two = round(&people[..2], monday(), &History::new(), 1, None);
        assert_eq!(two.left, [(0, Left::TooFew), (1, Left::TooFew)]);
    }

    #[test]
    fn a_pair_from_an_earlier_ring_is_not_made() {
        let people: Vec<Person> = (0..2)
            .map(|i| person(i, Practice::Reciprocal, &["english"], "Tue 9-12"))
            .collect();
        let mut history = History::new();
        history.add("p1@example.org", "p0@example.org");
        let made = round(&people, monday(), &history, 1, None);
        assert!(made.pairs.is_empty());
        assert_eq!(made.left, [(0, Left::AllBefore), (1, Left::AllBefore)]);
    }

    #[test]
    fn levels_break_ties_without_pairing_fewer() {
        let credentials = ["ACC", "ACC", "PCC", "PCC", "MCC", "ACC"];
        let people: Vec<Person> = credentials
            .iter()
            .enumerate()
            .map(|(i, c)| Person {
                credential: Some((*c).to_owned()),
                ..person(i, Practice::Reciprocal, &["english"], "Tue 9-12")
            })
            .collect();
        for seed in 0..20 {
            let plain = round(&people, monday(), &History::new(), seed, None);
            let mixed = round(
                &people,
                monday(),
                &History::new(),
                seed,
                Some(Levels::Mixed),
            );
            let same = round(&people, monday(), &History::new(), seed, Some(Levels::Same));
            for made in [&plain, &mixed, &same] {
                check(made, &people, &History::new());
                assert_eq!(made.pairs.len(), 3);
            }
            let count = |r: &Round, levels| {
                r.pairs
                    .iter()
                    .map(|p| liked(&people[p.a], &people[p.b], levels))
                    .sum::<u32>()
            };
            // ACC×3, PCC×2, MCC: every pair can differ; two pairs at most can be the same.
            assert_eq!(count(&mixed, Levels::Mixed), 3, "seed {seed}: {mixed:?}");
            assert_eq!(count(&same, Levels::Same), 2, "seed {seed}: {same:?}");
        }
    }

    /// The most of `n` people that rings of three or more can hold, by trying every ring.
    fn most_in_rings(n: usize, arc: &dyn Fn(usize, usize) -> bool) -> usize {
        fn best(left: u32, arc: &dyn Fn(usize, usize) -> bool, n: usize) -> usize {
            if left == 0 {
                return 0;
            }
            let first = left.trailing_zeros() as usize;
            let mut most = best(left & (left - 1), arc, n);
            let mut stack = vec![(vec![first], 1u32 << first)];
            while let Some((path, used)) = stack.pop() {
                let last = *path.last().expect("a path");
                if path.len() >= 3 && arc(last, first) {
                    most = most.max(path.len() + best(left & !used, arc, n));
                }
                for next in (0..n).filter(|v| left & !used & (1 << v) != 0 && arc(last, *v)) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push((longer, used | 1 << next));
                }
            }
            most
        }
        best((1u32 << n) - 1, arc, n)
    }

    #[test]
    fn small_rosters_put_as_many_in_rings_as_an_exhaustive_search() {
        let languages: [&[&str]; 3] = [&["english"], &["english", "german"], &["german"]];
        let slots = ["Mon 18-21", "Mon 12-15", "Mon 17-19", "Mon 8-20"];
        let (mut seated_somewhere, mut left_somewhere) = (false, false);
        for seed in 0..60u64 {
            let n = 3 + (seed % 5) as usize;
            let people: Vec<Person> = (0..n)
                .map(|i| {
                    let k = (i as u64 * 5 + seed * 11) as usize;
                    person(i, Practice::OneWay, languages[k % 3], slots[(k / 3) % 4])
                })
                .collect();
            let mut history = History::new();
            if seed % 2 == 1 {
                history.add(&people[0].email, &people[1].email);
            }
            let made = round(&people, monday(), &history, seed, None);
            check(&made, &people, &history);
            let arc = |a: usize, b: usize| {
                a != b
                    && pairs::fit(&people[a], &people[b], monday()).is_ok()
                    && !history.coached(&people[a].email, &people[b].email)
            };
            let seated: usize = made.rings.iter().map(|r| r.people.len()).sum();
            assert_eq!(seated, most_in_rings(n, &arc), "seed {seed}");
            seated_somewhere |= seated > 0;
            left_somewhere |= seated < n;
        }
        assert!(seated_somewhere && left_somewhere, "the rosters test both");
    }

    #[test]
    fn random_rosters_keep_every_constraint() {
        let languages: [&[&str]; 3] = [&["english"], &["english", "german"], &["german"]];
        let slots = ["Mon 18-21", "Mon 12-15", "Mon 8-11", "Mon 17-19"];
        for seed in 0..40u64 {
            let n = 3 + (seed % 9) as usize;
            let people: Vec<Person> = (0..n)
                .map(|i| {
                    let k = (i as u64 * 7 + seed * 13) as usize;
                    let practice = if k.is_multiple_of(2) {
                        Practice::OneWay
                    } else {
                        Practice::Reciprocal
                    };
                    person(i, practice, languages[(k / 2) % 3], slots[(k / 6) % 4])
                })
                .collect();
            let mut history = History::new();
            history.add(&people[0].email, &people[n - 1].email);
            let made = round(&people, monday(), &history, seed, Some(Levels::Mixed));
            check(&made, &people, &history);
            assert_eq!(
                made,
                round(&people, monday(), &history, seed, Some(Levels::Mixed))
            );
        }
    }
}
