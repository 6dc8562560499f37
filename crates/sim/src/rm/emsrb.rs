//! EMSR-b: protection levels and nested booking limits for fare classes on one leg.
//!
//! Classes are indexed from the highest fare. For each `j`, the classes `1..=j` are pooled
//! (mean `S_j = Σ μ_k`, standard deviation `σ̂_j = √Σ σ_k²`, demand-weighted fare
//! `f̄_j = Σ f_k μ_k / S_j`) and protected against class `j + 1` by Littlewood's rule:
//! `P(pool > y_j) = f_{j+1} / f̄_j`, so `y_j = S_j + σ̂_j Φ⁻¹(1 − f_{j+1} / f̄_j)`.
//! Booking limits are nested: `BL_1 = C`, `BL_{j+1} = C − y_j` (Belobaba 1992).

use serde::Serialize;

/// One fare class's input: fare and the mean and standard deviation of its demand to come.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassDemand {
    /// Fare (or value) of a booking in the class.
    pub fare: f64,
    /// Mean demand to come.
    pub mean: f64,
    /// Standard deviation of demand to come.
    pub sd: f64,
}

/// EMSR-b's answer for one leg.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Protection {
    /// Cumulative protection levels `y_1 … y_{n−1}`: seats held for classes `1..=j` against
    /// class `j + 1` (non-decreasing, within `[0, C]`).
    pub protection_levels: Vec<f64>,
    /// Nested booking limits `BL_1 … BL_n`: most seats classes `j..=n` may take together.
    pub booking_limits: Vec<f64>,
}

/// The standard normal quantile `Φ⁻¹(p)` (Acklam's rational approximation refined by one
/// Halley step; absolute error below 1e-12 on (0, 1)).
///
/// # Example
/// ```
/// use flightnet_sim::rm::normal_quantile;
/// assert!((normal_quantile(0.975) - 1.959963984540054).abs() < 1e-9);
/// assert!((normal_quantile(0.25) + 0.6744897501960817).abs() < 1e-9);
/// assert_eq!(normal_quantile(0.5), 0.0);
/// ```
// The published coefficients are kept as printed.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    if p == 0.5 {
        return 0.0;
    }
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.383577518672690e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] = [
        7.784695709041462e-03,
        3.224671290700398e-01,
        2.445134137142996e+00,
        3.754408661907416e+00,
    ];
    let lo = 0.02425;
    let x = if p < lo {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - lo {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    // One Halley step on Φ(x) − p.
    let e = 0.5 * erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * (x * x / 2.0).exp();
    x - u / (1.0 + x * u / 2.0)
}

/// The standard normal survival function `P(Z > z)`.
///
/// # Example
/// ```
/// use flightnet_sim::rm::normal_tail;
/// assert!((normal_tail(1.959963984540054) - 0.025).abs() < 1e-12);
/// assert!((normal_tail(0.0) - 0.5).abs() < 1e-15);
/// ```
pub fn normal_tail(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// The standard normal density.
pub fn normal_density(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// The complementary error function (W. J. Cody's rational approximations; relative error
/// below 1e-15).
// The published coefficients are kept as printed.
#[allow(clippy::excessive_precision)]
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let r = if z < 0.5 {
        1.0 - erf_small(z)
    } else if z < 4.0 {
        const P: [f64; 9] = [
            5.64188496988670089e-1,
            8.88314979438837594,
            6.61191906371416295e1,
            2.98635138197400131e2,
            8.81952221241769090e2,
            1.71204761263407058e3,
            2.05107837782607147e3,
            1.23033935479799725e3,
            2.15311535474403846e-8,
        ];
        const Q: [f64; 8] = [
            1.57449261107098347e1,
            1.17693950891312499e2,
            5.37181101862009858e2,
            1.62138957456669019e3,
            3.29079923573345963e3,
            4.36261909014324716e3,
            3.43936767414372164e3,
            1.23033935480374942e3,
        ];
        let mut num = P[8] * z;
        let mut den = z;
        for i in 0..7 {
            num = (num + P[i]) * z;
            den = (den + Q[i]) * z;
        }
        let frac = (num + P[7]) / (den + Q[7]);
        (-z * z).exp() * frac
    } else {
        const P: [f64; 6] = [
            3.05326634961232344e-1,
            3.60344899949804439e-1,
            1.25781726111229246e-1,
            1.60837851487422766e-2,
            6.58749161529837803e-4,
            1.63153871373020978e-2,
        ];
        const Q: [f64; 5] = [
            2.56852019228982242,
            1.87295284992346725,
            5.27905102951428412e-1,
            6.05183413124413191e-2,
            2.33520497626869185e-3,
        ];
        let zz = 1.0 / (z * z);
        let mut num = P[5] * zz;
        let mut den = zz;
        for i in 0..4 {
            num = (num + P[i]) * zz;
            den = (den + Q[i]) * zz;
        }
        let frac = zz * (num + P[4]) / (den + Q[4]);
        let frac = (1.0 / std::f64::consts::PI.sqrt() - frac) / z;
        (-z * z).exp() * frac
    };
    if x < 0.0 { 2.0 - r } else { r }
}

/// `erf(x)` for `0 ≤ x < 0.5`.
// The published coefficients are kept as printed.
#[allow(clippy::excessive_precision)]
fn erf_small(x: f64) -> f64 {
    const P: [f64; 5] = [
        3.16112374387056560,
        1.13864154151050156e2,
        3.77485237685302021e2,
        3.20937758913846947e3,
        1.85777706184603153e-1,
    ];
    const Q: [f64; 4] = [
        2.36012909523441209e1,
        2.44024637934444173e2,
        1.28261652607737228e3,
        2.84423683343917062e3,
    ];
    let z = x * x;
    let mut num = P[4] * z;
    let mut den = z;
    for i in 0..3 {
        num = (num + P[i]) * z;
        den = (den + Q[i]) * z;
    }
    x * (num + P[3]) / (den + Q[3])
}

/// EMSR-b protection levels and nested booking limits.
///
/// # Arguments
/// * `classes`: fares with the mean and standard deviation of their demand to come, highest
///   fare first (a class with a fare above an earlier class's is treated as priced at it).
/// * `capacity`: seats left to sell.
///
/// # Returns
/// The `n − 1` cumulative protection levels (continuous, clipped to `[0, capacity]` and made
/// non-decreasing) and the `n` nested booking limits.
///
/// # Complexity
/// O(n): one normal quantile per class boundary.
///
/// # Example
/// Littlewood's two-class rule: protect `μ₁ + σ₁ Φ⁻¹(1 − f₂/f₁)` seats for class 1.
/// ```
/// use flightnet_sim::rm::{ClassDemand, emsrb};
/// let p = emsrb(&[
///     ClassDemand { fare: 600.0, mean: 20.0, sd: 8.0 },
///     ClassDemand { fare: 450.0, mean: 35.0, sd: 12.0 },
/// ], 150.0);
/// assert!((p.protection_levels[0] - 14.6041).abs() < 1e-3);
/// assert_eq!(p.booking_limits.len(), 2);
/// assert!((p.booking_limits[1] - (150.0 - 14.6041)).abs() < 1e-3);
/// ```
pub fn emsrb(classes: &[ClassDemand], capacity: f64) -> Protection {
    let n = classes.len();
    let capacity = capacity.max(0.0);
    let mut protection = Vec::with_capacity(n.saturating_sub(1));
    let (mut mean, mut var, mut revenue) = (0.0, 0.0, 0.0);
    let mut prev = 0.0f64;
    for j in 0..n.saturating_sub(1) {
        let c = classes[j];
        mean += c.mean.max(0.0);
        var += c.sd.max(0.0) * c.sd.max(0.0);
        revenue += c.fare * c.mean.max(0.0);
        let next = classes[j + 1].fare;
        let y = if mean <= 0.0 {
            0.0
        } else {
            let avg = revenue / mean;
            let ratio = if avg > 0.0 { next / avg } else { 1.0 };
            if ratio >= 1.0 {
                0.0
            } else if var <= 0.0 {
                mean
            } else {
                mean + var.sqrt() * normal_quantile(1.0 - ratio)
            }
        };
        let y = y.clamp(0.0, capacity).max(prev);
        prev = y;
        protection.push(y);
    }
    let mut limits = Vec::with_capacity(n);
    if n > 0 {
        limits.push(capacity);
        limits.extend(protection.iter().map(|y| (capacity - y).max(0.0)));
    }
    Protection {
        protection_levels: protection,
        booking_limits: limits,
    }
}

/// The EMSR-b bid price of a leg: the expected marginal revenue of its last remaining seat,
/// `max_j f̄_j · P(pool_j ≥ x)` over the pooled classes `1..=j`, at `x` seats left.
///
/// # Example
/// ```
/// use flightnet_sim::rm::{ClassDemand, emsrb_bid_price};
/// let classes = [ClassDemand { fare: 500.0, mean: 10.0, sd: 3.0 }, ClassDemand { fare: 100.0, mean: 100.0, sd: 10.0 }];
/// // Plenty of seats: the last one is unlikely to sell.
/// assert!(emsrb_bid_price(&classes, 200.0) < 1.0);
/// // One seat left: a high-fare passenger will surely come.
/// assert!((emsrb_bid_price(&classes, 1.0) - 500.0).abs() < 1.0);
/// ```
pub fn emsrb_bid_price(classes: &[ClassDemand], seats_left: f64) -> f64 {
    let (mut mean, mut var, mut revenue) = (0.0, 0.0, 0.0);
    let mut best = 0.0f64;
    for c in classes {
        mean += c.mean.max(0.0);
        var += c.sd.max(0.0) * c.sd.max(0.0);
        revenue += c.fare * c.mean.max(0.0);
        if mean <= 0.0 {
            continue;
        }
        let p = if var <= 0.0 {
            if mean >= seats_left { 1.0 } else { 0.0 }
        } else {
            // Continuity: the x-th seat sells when demand exceeds x − ½.
            normal_tail((seats_left - 0.5 - mean) / var.sqrt())
        };
        best = best.max(revenue / mean * p);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(fare: f64, mean: f64, sd: f64) -> ClassDemand {
        ClassDemand { fare, mean, sd }
    }

    /// Littlewood's rule in closed form for two classes: y = μ₁ + σ₁ Φ⁻¹(1 − f₂/f₁).
    #[test]
    fn two_classes_follow_littlewood() {
        for (f1, f2, mu, sd) in [(600.0, 450.0, 20.0, 8.0), (300.0, 100.0, 40.0, 10.0)] {
            let p = emsrb(&[c(f1, mu, sd), c(f2, 50.0, 5.0)], 200.0);
            let want = mu + sd * normal_quantile(1.0 - f2 / f1);
            assert!((p.protection_levels[0] - want).abs() < 1e-9);
        }
        // f₂/f₁ = 1/3: Φ⁻¹(2/3) = 0.430727…
        let p = emsrb(&[c(300.0, 40.0, 10.0), c(100.0, 50.0, 5.0)], 200.0);
        assert!((p.protection_levels[0] - (40.0 + 10.0 * 0.430_727_299_295_457_5)).abs() < 1e-9);
    }

    /// A 4-class case worked by hand:
    /// * j = 1: S = 20, f̄ = 600, σ̂ = 8, ratio 450/600 → y₁ = 20 + 8 Φ⁻¹(0.25) = 14.6041;
    /// * j = 2: S = 55, f̄ = (12000 + 15750)/55 = 504.545, σ̂ = √208 = 14.4222,
    ///   ratio 320/504.545 = 0.634234 → y₂ = 55 + 14.4222 Φ⁻¹(0.365766) = 50.0519;
    /// * j = 3: S = 100, f̄ = 421.5, σ̂ = √433 = 20.8087, ratio 220/421.5 = 0.521945
    ///   → y₃ = 100 + 20.8087 Φ⁻¹(0.478055) = 98.8548;
    ///
    /// booking limits 150, 135.3959, 99.9481, 51.1452.
    #[test]
    fn four_classes_match_the_hand_computation() {
        let p = emsrb(
            &[
                c(600.0, 20.0, 8.0),
                c(450.0, 35.0, 12.0),
                c(320.0, 45.0, 15.0),
                c(220.0, 60.0, 20.0),
            ],
            150.0,
        );
        let want = [14.6041, 50.0519, 98.8548];
        for (got, want) in p.protection_levels.iter().zip(want) {
            assert!((got - want).abs() < 1e-3, "{got} against {want}");
        }
        let limits = [150.0, 135.3959, 99.9481, 51.1452];
        for (got, want) in p.booking_limits.iter().zip(limits) {
            assert!((got - want).abs() < 1e-3, "{got} against {want}");
        }
    }

    /// Published cases: Phillips (2005) example 7.5 and the RM2 package's example, with
    /// protection levels rounded up as they print them.
    #[test]
    fn published_examples() {
        let p = emsrb(
            &[
                c(1050.0, 17.3, 5.8),
                c(950.0, 45.1, 15.0),
                c(699.0, 39.6, 13.2),
                c(520.0, 34.0, 11.3),
            ],
            130.0,
        );
        let up: Vec<f64> = p.protection_levels.iter().map(|y| y.ceil()).collect();
        assert_eq!(up, [10.0, 54.0, 97.0]);
        let p = emsrb(
            &[
                c(250.0, 50.0, 50f64.sqrt()),
                c(150.0, 75.0, 75f64.sqrt()),
                c(100.0, 125.0, 125f64.sqrt()),
                c(50.0, 500.0, 500f64.sqrt()),
            ],
            400.0,
        );
        let up: Vec<f64> = p.protection_levels.iter().map(|y| y.ceil()).collect();
        assert_eq!(up, [49.0, 125.0, 257.0]);
    }

    #[test]
    fn normal_functions_agree() {
        for p in [
            1e-10,
            1e-4,
            0.01,
            0.02425,
            0.1,
            0.3,
            0.5,
            0.7,
            0.9,
            0.97575,
            0.999,
            1.0 - 1e-9,
        ] {
            let z = normal_quantile(p);
            assert!(
                (1.0 - normal_tail(z) - p).abs() < 1e-13 * p.max(1e-3),
                "p {p}"
            );
        }
    }

    proptest! {
        /// Protection levels never decrease, booking limits never increase, everything stays
        /// within the capacity, whatever the (sorted) inputs.
        #[test]
        fn nesting_is_monotone(
            mut classes in prop::collection::vec((1.0f64..2000.0, 0.0f64..80.0, 0.0f64..40.0), 1..12),
            capacity in 0.0f64..400.0,
        ) {
            classes.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
            let input: Vec<ClassDemand> = classes.iter().map(|&(f, m, s)| c(f, m, s)).collect();
            let p = emsrb(&input, capacity);
            prop_assert_eq!(p.protection_levels.len(), input.len() - 1);
            prop_assert_eq!(p.booking_limits.len(), input.len());
            for w in p.protection_levels.windows(2) {
                prop_assert!(w[0] <= w[1]);
            }
            for w in p.booking_limits.windows(2) {
                prop_assert!(w[0] >= w[1]);
            }
            for &y in &p.protection_levels {
                prop_assert!((0.0..=capacity).contains(&y));
            }
            prop_assert!(p.booking_limits.iter().all(|&b| (0.0..=capacity).contains(&b)));
        }

        /// The bid price falls (weakly) as seats are added.
        #[test]
        fn bid_price_falls_with_seats(
            mut classes in prop::collection::vec((1.0f64..2000.0, 0.1f64..80.0, 0.1f64..40.0), 1..8),
            seats in 1.0f64..300.0,
        ) {
            classes.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
            let input: Vec<ClassDemand> = classes.iter().map(|&(f, m, s)| c(f, m, s)).collect();
            prop_assert!(emsrb_bid_price(&input, seats + 1.0) <= emsrb_bid_price(&input, seats) + 1e-9);
        }
    }
}
