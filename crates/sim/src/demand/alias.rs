//! Walker's alias method: draw an index with given weights in O(1).

/// An alias table over weights `w_0 … w_{n−1}`.
#[derive(Clone, Debug)]
pub struct Alias {
    /// Per column: the probability of keeping the column, the column's label and its alias's
    /// label (one record, so a draw touches one place in memory).
    table: Vec<(f64, u32, u32)>,
}

/// Vose's construction of an alias table over `weights` (non-negative, positive sum): per
/// column, the probability of keeping it and its alias.
///
/// # Complexity
/// O(n).
pub(super) fn vose(weights: &[f64]) -> (Vec<f64>, Vec<u32>) {
    let n = weights.len();
    let total: f64 = weights.iter().sum();
    let mut prob: Vec<f64> = weights.iter().map(|w| w * n as f64 / total).collect();
    let mut alias = vec![0u32; n];
    let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| prob[i] < 1.0);
    while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
        alias[s] = l as u32;
        prob[l] -= 1.0 - prob[s];
        if prob[l] < 1.0 {
            large.pop();
            small.push(l);
        }
    }
    for i in small.into_iter().chain(large) {
        prob[i] = 1.0;
    }
    (prob, alias)
}

impl Alias {
    /// Builds the table (Vose's method). Weights must be non-negative with a positive sum.
    ///
    /// # Complexity
    /// O(n).
    pub fn new(weights: &[f64]) -> Alias {
        let (prob, alias) = vose(weights);
        Alias {
            table: prob
                .into_iter()
                .zip(alias)
                .enumerate()
                .map(|(i, (keep, alias))| (keep, i as u32, alias))
                .collect(),
        }
    }

    /// Like [`Alias::new`], but [`Alias::sample`] returns `labels[i]` instead of index `i`
    /// (for the same draw), without reading `labels` again.
    ///
    /// # Panics
    /// If `labels` and `weights` differ in length.
    ///
    /// # Example
    /// ```
    /// use flightnet_sim::demand::Alias;
    /// let (plain, labelled) = (Alias::new(&[1.0, 3.0]), Alias::labelled(&[1.0, 3.0], &[70, 90]));
    /// for u in [0.1, 0.4, 0.6, 0.9] {
    ///     assert_eq!(labelled.sample(u), [70, 90][plain.sample(u)]);
    /// }
    /// ```
    pub fn labelled(weights: &[f64], labels: &[u32]) -> Alias {
        assert_eq!(weights.len(), labels.len(), "one label per weight");
        let mut a = Alias::new(weights);
        for r in &mut a.table {
            *r = (r.0, labels[r.1 as usize], labels[r.2 as usize]);
        }
        a
    }

    /// The index (or its label) for a uniform draw `u` in [0, 1).
    ///
    /// # Example
    /// ```
    /// use flightnet_sim::demand::Alias;
    /// let a = Alias::new(&[1.0, 3.0]);
    /// let n = 100_000;
    /// let ones = (0..n).filter(|k| a.sample((*k as f64 + 0.5) / n as f64) == 1).count();
    /// assert!((ones as f64 / n as f64 - 0.75).abs() < 0.01);
    /// ```
    #[inline]
    pub fn sample(&self, u: f64) -> usize {
        let (i, x) = self.column(u);
        let (keep, own, alias) = self.table[i];
        (if x - (i as f64) < keep { own } else { alias }) as usize
    }

    /// Starts loading the record that [`Alias::sample`] will read for `u` (a memory hint).
    #[inline]
    pub fn prefetch(&self, u: f64) {
        flightnet_engine::prefetch::prefetch_at(&self.table, self.column(u).0);
    }

    #[inline]
    fn column(&self, u: f64) -> (usize, f64) {
        let n = self.table.len();
        let x = u * n as f64;
        ((x as usize).min(n - 1), x)
    }
}
