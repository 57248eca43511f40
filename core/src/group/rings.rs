//! One-way rings: A coaches B, B coaches C, … and the last coaches A, so that nobody coaches the
//! person who coaches them (a ring has three people at least). As many people are put in rings as
//! can be: exactly, by a search over the subsets of each group of people who could share rings
//! (up to [`EXACT`] people); in larger groups, exactly within parts of that size, and the rest
//! then put into a ring where they fit between two neighbours.

/// The most people of one group searched exactly (2^14 subsets, each checked for a ring).
pub const EXACT: usize = 14;

/// Rings over `n` people, `arc(a, b)` saying whether `a` may coach `b`: each ring in the order
/// people coach (the first coaches the second, the last the first).
pub fn rings(n: usize, arc: &dyn Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
    // People who could share a ring are those joined by arcs either way; groups are apart.
    let mut group = vec![usize::MAX; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for start in 0..n {
        if group[start] != usize::MAX {
            continue;
        }
        let id = groups.len();
        let mut members = vec![start];
        group[start] = id;
        let mut i = 0;
        while i < members.len() {
            let v = members[i];
            for (w, of) in group.iter_mut().enumerate() {
                if *of == usize::MAX && (arc(v, w) || arc(w, v)) {
                    *of = id;
                    members.push(w);
                }
            }
            i += 1;
        }
        members.sort_unstable();
        groups.push(members);
    }
    let mut found = Vec::new();
    for members in groups.iter().filter(|m| m.len() >= 3) {
        let mut made: Vec<Vec<usize>> = Vec::new();
        for part in members.chunks(EXACT) {
            made.extend(exact(part, arc));
        }
        // The people of this group left out, put between two neighbours where both arcs exist.
        let placed: Vec<usize> = made.iter().flatten().copied().collect();
        for &x in members.iter().filter(|x| !placed.contains(x)) {
            'rings: for ring in made.iter_mut() {
                for k in 0..ring.len() {
                    let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
                    if arc(a, x) && arc(x, b) {
                        ring.insert(k + 1, x);
                        break 'rings;
                    }
                }
            }
        }
        // What is left may make rings of its own.
        let placed: Vec<usize> = made.iter().flatten().copied().collect();
        let rest: Vec<usize> = members
            .iter()
            .copied()
            .filter(|x| !placed.contains(x))
            .collect();
        if rest.len() >= 3 && rest.len() < members.len() {
            for part in rest.chunks(EXACT) {
                made.extend(exact(part, arc));
            }
        }
        found.extend(made);
    }
    found
}

/// The rings that put the most of `people` (at most [`EXACT`]) in rings: for every subset, whether
/// its people make one ring (a cycle through all of them, found by Held and Karp's dynamic
/// programming), then the best split of them into such subsets.
fn exact(people: &[usize], arc: &dyn Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let m = people.len();
    if m < 3 {
        return Vec::new();
    }
    let full = 1usize << m;
    let can = |a: usize, b: usize| arc(people[a], people[b]);
    // reach[mask][last]: a path from mask's lowest member through all of mask, ending at last.
    // parent[mask][last]: the member before last on it.
    let mut reach = vec![0u32; full];
    let mut parent = vec![[u8::MAX; EXACT]; full];
    for s in 0..m {
        reach[1 << s] |= 1 << s;
    }
    for mask in 1..full {
        let low = mask.trailing_zeros() as usize;
        for last in 0..m {
            if reach[mask] & (1 << last) == 0 {
                continue;
            }
            let nexts: Vec<usize> = (low + 1..m)
                .filter(|next| mask & (1 << next) == 0 && can(last, *next))
                .collect();
            for next in nexts {
                let grown = mask | (1 << next);
                if reach[grown] & (1 << next) == 0 {
                    reach[grown] |= 1 << next;
                    parent[grown][next] = last as u8;
                }
            }
        }
    }
    // A ring through all of mask: a path from its lowest member that closes back to it.
    let ring_end = |mask: usize| -> Option<usize> {
        if mask.count_ones() < 3 {
            return None;
        }
        let low = mask.trailing_zeros() as usize;
        (0..m).find(|&last| last != low && reach[mask] & (1 << last) != 0 && can(last, low))
    };
    let closes: Vec<bool> = (0..full).map(|mask| ring_end(mask).is_some()).collect();
    // best[mask]: the most of mask in rings; choice[mask]: the ring through mask's lowest member
    // that gives it (0: that member is left out).
    let mut best = vec![0u32; full];
    let mut choice = vec![0usize; full];
    for mask in 1..full {
        let low = mask & mask.wrapping_neg();
        let rest = mask ^ low;
        best[mask] = best[rest];
        // Every subset of mask that holds its lowest member.
        let mut sub = rest;
        loop {
            let ring = sub | low;
            if closes[ring] {
                let covered = ring.count_ones() + best[mask ^ ring];
                if covered > best[mask] {
                    best[mask] = covered;
                    choice[mask] = ring;
                }
            }
            if sub == 0 {
                break;
            }
            sub = (sub - 1) & rest;
        }
    }
    let mut out = Vec::new();
    let mut mask = full - 1;
    while mask != 0 {
        let ring = choice[mask];
        if ring == 0 {
            mask &= mask - 1;
            continue;
        }
        let low = ring.trailing_zeros() as usize;
        let mut at = ring_end(ring).expect("a ring chosen closes");
        let mut path = vec![at];
        let mut left = ring;
        while at != low {
            let before = parent[left][at] as usize;
            left ^= 1 << at;
            at = before;
            path.push(at);
        }
        path.reverse();
        out.push(path.into_iter().map(|i| people[i]).collect());
        mask ^= ring;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The most of `n` people that rings can hold, by trying every way to seat them in order.
    fn brute_force(n: usize, arc: &dyn Fn(usize, usize) -> bool) -> usize {
        fn best(left: u32, n: usize, arc: &dyn Fn(usize, usize) -> bool) -> usize {
            if left == 0 {
                return 0;
            }
            let first = left.trailing_zeros() as usize;
            let mut most = best(left & (left - 1), n, arc);
            // Every ring through `first`, by extending paths.
            fn extend(
                path: &mut Vec<usize>,
                left: u32,
                n: usize,
                arc: &dyn Fn(usize, usize) -> bool,
                most: &mut usize,
            ) {
                let last = *path.last().expect("a path");
                if path.len() >= 3 && arc(last, path[0]) {
                    let used: u32 = path.iter().map(|v| 1u32 << v).sum();
                    *most = (*most).max(path.len() + best(left & !used, n, arc));
                }
                for next in 0..n {
                    if left & (1 << next) != 0 && !path.contains(&next) && arc(last, next) {
                        path.push(next);
                        extend(path, left, n, arc, most);
                        path.pop();
                    }
                }
            }
            extend(&mut vec![first], left, n, arc, &mut most);
            most
        }
        best((1u32 << n) - 1, n, arc)
    }

    fn check(n: usize, arc: &dyn Fn(usize, usize) -> bool) -> usize {
        let made = rings(n, arc);
        let mut seen = vec![false; n];
        for ring in &made {
            assert!(ring.len() >= 3, "{made:?}");
            for k in 0..ring.len() {
                let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
                assert!(arc(a, b), "{a} may not coach {b}: {made:?}");
                assert!(!seen[a], "{a} twice: {made:?}");
                seen[a] = true;
            }
        }
        made.iter().map(Vec::len).sum()
    }

    #[test]
    fn as_many_in_rings_as_an_exhaustive_search_on_small_groups() {
        for seed in 0..200u64 {
            let n = 3 + (seed % 6) as usize;
            let arcs: Vec<(usize, usize)> = super::super::matching::shuffled(
                (0..n)
                    .flat_map(|a| (0..n).map(move |b| (a, b)))
                    .filter(|(a, b)| a != b)
                    .collect(),
                seed,
            )
            .into_iter()
            .take(n * 2)
            .collect();
            let arc = |a: usize, b: usize| arcs.contains(&(a, b));
            assert_eq!(
                check(n, &arc),
                brute_force(n, &arc),
                "seed {seed}: {arcs:?}"
            );
        }
    }

    #[test]
    fn nobody_coaches_the_one_who_coaches_them() {
        // Two people who may coach each other make no ring: a ring has three at least.
        let two = |a: usize, b: usize| a != b && a < 2 && b < 2;
        assert!(rings(2, &two).is_empty());
        // Four who all fit: one ring of four, nobody facing their own coach.
        let all = |a: usize, b: usize| a != b;
        let made = rings(4, &all);
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].len(), 4);
    }

    #[test]
    fn a_large_group_is_put_in_rings_within_parts_and_the_rest_fitted_in() {
        // 40 people who all fit: everybody in rings.
        let all = |a: usize, b: usize| a != b;
        assert_eq!(check(40, &all), 40);
        // 40 in a one-way circle (each may coach the next only): one ring of 40 cannot be found
        // in parts, but nobody is seated against the arcs.
        let circle = |a: usize, b: usize| b == (a + 1) % 40;
        check(40, &circle);
    }
}
