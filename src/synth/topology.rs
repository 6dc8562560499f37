//! Which airport pairs are flown: a hub-and-spoke route structure with exactly the requested
//! number of pairs (each flown in both directions).
//!
//! In order:
//! 1. every pair of hubs (the hub mesh) and every non-hub airport ("spoke") to its nearest hub:
//!    the least a hub-and-spoke network needs ([`min_pairs`]);
//! 2. the remaining pairs by decreasing gravity score (size × size / distance, see
//!    [`super::demand`]) among: each spoke to its second and third nearest hubs, and
//!    spoke-to-spoke pairs at least [`MIN_POINT_TO_POINT_KM`] apart (focus-city routes);
//! 3. only when those run out (very dense requests): spokes to further hubs and short spoke
//!    pairs, again by score.
//!
//! Spokes therefore attach to one to three hubs unless the request is denser than that allows.

use super::demand::gravity;
use super::layout::Layout;

/// Shortest spoke-to-spoke pair preferred as a nonstop route, km.
pub const MIN_POINT_TO_POINT_KM: f64 = 250.0;

/// What kind of pair a route is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Kind {
    /// Two hubs.
    HubHub,
    /// A hub (`a`) and a spoke (`b`).
    HubSpoke,
    /// Two spokes.
    PointToPoint,
}

/// An airport pair flown in both directions.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pair {
    /// First airport (the hub for [`Kind::HubSpoke`]).
    pub a: usize,
    /// Second airport.
    pub b: usize,
    /// Kind of pair.
    pub kind: Kind,
    /// Great-circle distance, km.
    pub km: f64,
}

/// Fewest pairs a hub-and-spoke network of `n` airports with `h` hubs needs: the hub mesh and
/// one hub per spoke.
pub fn min_pairs(n: usize, h: usize) -> usize {
    h * (h - 1) / 2 + (n - h)
}

/// Most pairs among `n` airports.
pub fn max_pairs(n: usize) -> usize {
    n * (n - 1) / 2
}

/// A candidate pair with its score.
struct Candidate {
    score: f64,
    a: usize,
    b: usize,
}

/// Takes the best `k` candidates by score (ties by airport indices) into `out`.
fn take_best(mut cands: Vec<Candidate>, k: usize, layout: &Layout, out: &mut Vec<Pair>) {
    let order = |x: &Candidate, y: &Candidate| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    };
    if cands.len() > k && k > 0 {
        cands.select_nth_unstable_by(k - 1, order);
        cands.truncate(k);
    }
    cands.sort_by(order);
    for c in cands.into_iter().take(k) {
        let kind = match (layout.sites[c.a].hub, layout.sites[c.b].hub) {
            (true, true) => Kind::HubHub,
            (false, false) => Kind::PointToPoint,
            _ => Kind::HubSpoke,
        };
        out.push(Pair {
            a: c.a,
            b: c.b,
            kind,
            km: layout.km(c.a, c.b),
        });
    }
}

/// Chooses exactly `pairs` airport pairs (`min_pairs ≤ pairs ≤ max_pairs`, checked by the
/// caller).
///
/// # Returns
/// Hub-hub pairs, then hub-spoke pairs (hub first), then spoke pairs; each group in the order
/// chosen.
///
/// # Complexity
/// O(n² log n) over the candidate pairs.
pub(super) fn choose(layout: &Layout, pairs: usize) -> Vec<Pair> {
    let n = layout.sites.len();
    let hubs = &layout.hubs;
    let mut out = Vec::with_capacity(pairs);
    for (i, &a) in hubs.iter().enumerate() {
        for &b in &hubs[i + 1..] {
            out.push(Pair {
                a,
                b,
                kind: Kind::HubHub,
                km: layout.km(a, b),
            });
        }
    }
    let mut preferred = Vec::new();
    let mut fallback = Vec::new();
    let spokes: Vec<usize> = (0..n).filter(|&s| !layout.sites[s].hub).collect();
    for &s in &spokes {
        let mut near: Vec<(f64, usize)> = hubs.iter().map(|&h| (layout.km(s, h), h)).collect();
        near.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        for (rank, &(km, h)) in near.iter().enumerate() {
            if rank == 0 {
                out.push(Pair {
                    a: h,
                    b: s,
                    kind: Kind::HubSpoke,
                    km,
                });
                continue;
            }
            let c = Candidate {
                score: gravity(layout, h, s),
                a: h,
                b: s,
            };
            if rank < 3 {
                preferred.push(c);
            } else {
                fallback.push(c);
            }
        }
    }
    for (i, &a) in spokes.iter().enumerate() {
        for &b in &spokes[i + 1..] {
            let c = Candidate {
                score: gravity(layout, a, b),
                a,
                b,
            };
            if layout.km(a, b) >= MIN_POINT_TO_POINT_KM {
                preferred.push(c);
            } else {
                fallback.push(c);
            }
        }
    }
    let need = pairs.saturating_sub(out.len());
    let from_preferred = need.min(preferred.len());
    take_best(preferred, from_preferred, layout, &mut out);
    take_best(fallback, need - from_preferred, layout, &mut out);
    out.sort_by_key(|p| p.kind);
    out
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::*;

    #[test]
    fn exact_count_every_spoke_on_a_hub_no_duplicates() {
        let l = layout::build(60, 4);
        let h = l.hubs.len();
        for pairs in [min_pairs(60, h), 200, max_pairs(60)] {
            let p = choose(&l, pairs);
            assert_eq!(p.len(), pairs);
            let set: std::collections::BTreeSet<_> =
                p.iter().map(|x| (x.a.min(x.b), x.a.max(x.b))).collect();
            assert_eq!(set.len(), pairs);
            for s in (0..60).filter(|&s| !l.sites[s].hub) {
                assert!(p.iter().any(|x| x.kind == Kind::HubSpoke && x.b == s));
            }
        }
    }
}
