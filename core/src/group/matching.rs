//! Maximum matching in a general graph (Edmonds' blossom algorithm): the most pairs that can be
//! made of people who may be paired, each person in one pair at most. Deterministic: the order of
//! the people and of their possible partners decides between matchings of the same size.

use std::collections::VecDeque;

/// The partner of each of `n` people in a maximum matching of the graph whose possible pairs are
/// `edges` (each pair once, either way round).
pub fn maximum_matching(n: usize, edges: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b && a < n && b < n {
            adjacent[a].push(b);
            adjacent[b].push(a);
        }
    }
    let mut state = Blossom {
        adjacent,
        mate: vec![None; n],
        parent: vec![None; n],
        base: (0..n).collect(),
        used: vec![false; n],
        in_blossom: vec![false; n],
    };
    for root in 0..n {
        if state.mate[root].is_none()
            && let Some(end) = state.augmenting_path(root)
        {
            state.augment(end);
        }
    }
    state.mate
}

struct Blossom {
    adjacent: Vec<Vec<usize>>,
    mate: Vec<Option<usize>>,
    parent: Vec<Option<usize>>,
    base: Vec<usize>,
    used: Vec<bool>,
    in_blossom: Vec<bool>,
}

impl Blossom {
    /// The lowest common ancestor of `a` and `b` in the alternating tree (by their bases).
    fn common_ancestor(&self, mut a: usize, mut b: usize) -> usize {
        let mut seen = vec![false; self.mate.len()];
        loop {
            a = self.base[a];
            seen[a] = true;
            match self.mate[a].and_then(|m| self.parent[m]) {
                Some(next) => a = next,
                None => break,
            }
        }
        loop {
            b = self.base[b];
            if seen[b] {
                return b;
            }
            match self.mate[b].and_then(|m| self.parent[m]) {
                Some(next) => b = next,
                // The root: every path reaches it, so `a`'s walk has seen it.
                None => return b,
            }
        }
    }

    /// Marks the path from `v` up to the blossom's base `b`, pointing parents at `child`.
    fn mark_path(&mut self, mut v: usize, b: usize, mut child: usize) {
        while self.base[v] != b {
            let m = self.mate[v].expect("a matched vertex below a blossom's base");
            self.in_blossom[self.base[v]] = true;
            self.in_blossom[self.base[m]] = true;
            self.parent[v] = Some(child);
            child = m;
            v = self.parent[m].expect("an outer vertex has a parent");
        }
    }

    /// The free vertex an augmenting path from `root` ends at, if there is one.
    fn augmenting_path(&mut self, root: usize) -> Option<usize> {
        let n = self.mate.len();
        self.used.iter_mut().for_each(|u| *u = false);
        self.parent.iter_mut().for_each(|p| *p = None);
        for (i, b) in self.base.iter_mut().enumerate() {
            *b = i;
        }
        self.used[root] = true;
        let mut queue = VecDeque::from([root]);
        while let Some(v) = queue.pop_front() {
            for i in 0..self.adjacent[v].len() {
                let to = self.adjacent[v][i];
                if self.base[v] == self.base[to] || self.mate[v] == Some(to) {
                    continue;
                }
                let outer = to == root || self.mate[to].is_some_and(|m| self.parent[m].is_some());
                if outer {
                    let base = self.common_ancestor(v, to);
                    self.in_blossom.iter_mut().for_each(|b| *b = false);
                    self.mark_path(v, base, to);
                    self.mark_path(to, base, v);
                    for j in 0..n {
                        if self.in_blossom[self.base[j]] {
                            self.base[j] = base;
                            if !self.used[j] {
                                self.used[j] = true;
                                queue.push_back(j);
                            }
                        }
                    }
                } else if self.parent[to].is_none() {
                    self.parent[to] = Some(v);
                    match self.mate[to] {
                        None => return Some(to),
                        Some(m) => {
                            self.used[m] = true;
                            queue.push_back(m);
                        }
                    }
                }
            }
        }
        None
    }

    /// Flips the matching along the path that ends at the free vertex `end`.
    fn augment(&mut self, end: usize) {
        let mut v = Some(end);
        while let Some(x) = v {
            let p = self.parent[x].expect("a path vertex has a parent");
            let next = self.mate[p];
            self.mate[x] = Some(p);
            self.mate[p] = Some(x);
            v = next;
        }
    }
}

/// A small deterministic shuffle (SplitMix64), so that `--seed` decides between equal matchings
/// without a dependency.
pub fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The size of a maximum matching, by trying every subset of edges (small graphs only).
    fn brute_force(n: usize, edges: &[(usize, usize)]) -> usize {
        fn best(i: usize, edges: &[(usize, usize)], used: &mut Vec<bool>) -> usize {
            if i == edges.len() {
                return 0;
            }
            let skip = best(i + 1, edges, used);
            let (a, b) = edges[i];
            if used[a] || used[b] || a == b {
                return skip;
            }
            used[a] = true;
            used[b] = true;
            let take = 1 + best(i + 1, edges, used);
            used[a] = false;
            used[b] = false;
            skip.max(take)
        }
        best(0, edges, &mut vec![false; n])
    }

    fn size_and_valid(n: usize, edges: &[(usize, usize)]) -> usize {
        let mate = maximum_matching(n, edges);
        for (v, m) in mate.iter().enumerate() {
            if let Some(m) = m {
                assert_eq!(mate[*m], Some(v), "symmetric");
                assert!(
                    edges.contains(&(v, *m)) || edges.contains(&(*m, v)),
                    "only possible pairs"
                );
            }
        }
        mate.iter().filter(|m| m.is_some()).count() / 2
    }

    #[test]
    fn an_odd_cycle_does_not_hide_the_best_matching() {
        // A triangle with a tail on two corners: two pairs at most, and a search that starts in
        // the triangle must still reach them.
        let edges = [(0, 1), (1, 2), (2, 0), (0, 3), (1, 4)];
        assert_eq!(size_and_valid(5, &edges), 2);
        assert_eq!(brute_force(5, &edges), 2);
        // A five-cycle with a pendant on every vertex: 5 pairs.
        let mut edges: Vec<(usize, usize)> = (0..5).map(|i| (i, (i + 1) % 5)).collect();
        edges.extend((0..5).map(|i| (i, i + 5)));
        assert_eq!(size_and_valid(10, &edges), 5);
    }

    #[test]
    fn as_many_pairs_as_an_exact_search_on_many_small_graphs() {
        for seed in 0..300u64 {
            let n = 2 + (seed % 9) as usize;
            let all: Vec<(usize, usize)> = (0..n)
                .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                .collect();
            // Keep about half the possible pairs, as the seed says.
            let kept: Vec<(usize, usize)> = shuffled(all, seed)
                .into_iter()
                .enumerate()
                .filter(|(i, _)| (i + seed as usize).is_multiple_of(2))
                .map(|(_, e)| e)
                .collect();
            assert_eq!(
                size_and_valid(n, &kept),
                brute_force(n, &kept),
                "seed {seed}: {kept:?}"
            );
        }
    }

    #[test]
    fn a_shuffle_is_the_same_for_the_same_seed() {
        let a = shuffled((0..20).collect::<Vec<_>>(), 7);
        assert_eq!(a, shuffled((0..20).collect::<Vec<_>>(), 7));
        assert_ne!(a, shuffled((0..20).collect::<Vec<_>>(), 8));
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
    }
}
