//! The airports of a synthetic network: where they are, how big they are, which are hubs, which
//! country and time zone each is in, their codes, names and minimum connecting times.
//!
//! * **Region**: airports are spread uniformly over [`LAT_RANGE`] × [`LON_RANGE`] (about
//!   5,300 km east–west by 2,800 km north–south), at least [`MIN_SPACING_KM`] apart when
//!   possible. Coordinates are rounded to 4 decimals (about 10 m) before anything uses them, so
//!   the generator and a run on the written files see the same distances.
//! * **Time zones**: the fixed-offset IANA zone of the longitude's whole-hour band,
//!   `Etc/GMT-N` for UTC+N with N = round(lon / 15) (UTC+5 to UTC+9 in the region). They have no
//!   daylight saving time, so every week of the schedule is the same in UTC.
//! * **Hubs**: [`hub_count`] of them, the airports nearest the centres of a k-means clustering
//!   of the positions (so they are spread over the region and central to their area).
//! * **Sizes**: heavy-tailed (Pareto, shape [`PARETO_SHAPE`]); the largest values go to the
//!   hubs, the rest are shuffled over the other airports.
//! * **Countries**: Voronoi cells around random capital points, coded `XA`, `XB`, … west to
//!   east (user-assigned ISO 3166 codes, so they never clash with a real country).
//! * **Codes**: random unique 3-letter IATA codes; the ICAO code is `X` followed by the IATA
//!   code (no ICAO region uses the letter X).

use flightnet_data::network::Mct;
use flightnet_engine::rng::Stream;

/// Latitude span of the region, degrees north.
pub const LAT_RANGE: (f64, f64) = (25.0, 50.0);
/// Longitude span of the region, degrees east.
pub const LON_RANGE: (f64, f64) = (70.0, 130.0);
/// Airports are placed at least this far apart when a free spot is found within a few tries.
pub const MIN_SPACING_KM: f64 = 20.0;
/// Pareto shape of the airport sizes (smaller is more unequal; 1.16 is the "80/20" shape).
pub const PARETO_SHAPE: f64 = 1.16;
/// Largest size relative to the smallest (the Pareto tail is cut there).
const MAX_SIZE: f64 = 2000.0;
/// Minimum connecting times at hubs (dd, di, id, ii), minutes.
pub const HUB_MCT: Mct = Mct {
    dd: 45,
    di: 60,
    id: 75,
    ii: 60,
};
/// Minimum connecting times at other airports, minutes.
pub const SPOKE_MCT: Mct = Mct {
    dd: 30,
    di: 45,
    id: 45,
    ii: 45,
};
/// Kilometres per degree of latitude.
const KM_PER_DEGREE: f64 = 111.195;

/// Number of hubs for `n` airports: about one per 40 airports, at least one.
pub fn hub_count(n: usize) -> usize {
    ((n as f64 / 40.0).round() as usize).clamp(1, n)
}

/// Number of countries for `n` airports: about one per 40 airports, from 1 to 26.
fn country_count(n: usize) -> usize {
    n.div_ceil(40).clamp(1, 26)
}

/// One generated airport.
#[derive(Clone, Debug)]
pub(super) struct Site {
    /// IATA code.
    pub iata: String,
    /// City name.
    pub city: String,
    /// Country code (`XA`…).
    pub country: String,
    /// Latitude, 4 decimals.
    pub lat: f64,
    /// Longitude, 4 decimals.
    pub lon: f64,
    /// Whole hours east of UTC.
    pub utc_offset_hours: i32,
    /// Relative size (1 = the smallest possible airport).
    pub size: f64,
    /// Whether the airport is a hub.
    pub hub: bool,
}

impl Site {
    /// The ICAO code: `X` and the IATA code.
    pub(super) fn icao(&self) -> String {
        format!("X{}", self.iata)
    }

    /// The airport's name.
    pub(super) fn name(&self) -> String {
        if self.hub {
            format!("{} International Airport", self.city)
        } else {
            format!("{} Airport", self.city)
        }
    }

    /// The IANA zone name.
    pub(super) fn zone_name(&self) -> String {
        zone_name(self.utc_offset_hours)
    }

    /// The UTC offset in minutes.
    pub(super) fn offset_minutes(&self) -> i64 {
        self.utc_offset_hours as i64 * 60
    }

    /// Minimum connecting times.
    pub(super) fn mct(&self) -> Mct {
        if self.hub { HUB_MCT } else { SPOKE_MCT }
    }
}

/// The fixed-offset IANA zone for whole hours east of UTC (POSIX sign: `Etc/GMT-5` is UTC+5).
///
/// # Example (crate-internal)
/// `zone_name(5) == "Etc/GMT-5"`, `zone_name(-3) == "Etc/GMT+3"`, `zone_name(0) == "Etc/GMT"`.
pub(super) fn zone_name(hours: i32) -> String {
    match hours {
        0 => "Etc/GMT".to_string(),
        h if h > 0 => format!("Etc/GMT-{h}"),
        h => format!("Etc/GMT+{}", -h),
    }
}

/// The airports and which of them are hubs.
#[derive(Clone, Debug)]
pub(super) struct Layout {
    /// Airports; hubs first, in decreasing order of size.
    pub sites: Vec<Site>,
    /// Indices of the hubs in `sites` (`0..hub_count`).
    pub hubs: Vec<usize>,
}

impl Layout {
    /// Great-circle distance between two airports, km.
    pub(super) fn km(&self, a: usize, b: usize) -> f64 {
        let (x, y) = (&self.sites[a], &self.sites[b]);
        flightnet_data::geo::great_circle_km(x.lat, x.lon, y.lat, y.lon)
    }
}

/// Rounds to 4 decimals through the text form, so the value equals what a reader parses.
fn round4(x: f64) -> f64 {
    format!("{x:.4}")
        .parse()
        .expect("a formatted number parses")
}

/// Planar coordinates in km (equirectangular around the region's middle latitude): good enough
/// for spacing and clustering, never for distances that reach the output.
fn planar(lat: f64, lon: f64) -> (f64, f64) {
    let mid = ((LAT_RANGE.0 + LAT_RANGE.1) / 2.0).to_radians();
    (lon * mid.cos() * KM_PER_DEGREE, lat * KM_PER_DEGREE)
}

fn dist2(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)
}

/// Index of the point of `points` nearest `p` (first on ties).
fn nearest(points: &[(f64, f64)], p: (f64, f64)) -> usize {
    let mut best = (f64::INFINITY, 0);
    for (i, &q) in points.iter().enumerate() {
        let d = dist2(p, q);
        if d < best.0 {
            best = (d, i);
        }
    }
    best.1
}

/// Uniform random positions over the region, spaced when possible.
fn positions(n: usize, rng: &mut Stream) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(n);
    let mut flat: Vec<(f64, f64)> = Vec::with_capacity(n);
    let min2 = MIN_SPACING_KM * MIN_SPACING_KM;
    for _ in 0..n {
        let mut pick = (0.0, 0.0);
        for _attempt in 0..30 {
            let lat = round4(LAT_RANGE.0 + rng.uniform() * (LAT_RANGE.1 - LAT_RANGE.0));
            let lon = round4(LON_RANGE.0 + rng.uniform() * (LON_RANGE.1 - LON_RANGE.0));
            pick = (lat, lon);
            let p = planar(lat, lon);
            if flat.iter().all(|&q| dist2(p, q) >= min2) {
                break;
            }
        }
        out.push(pick);
        flat.push(planar(pick.0, pick.1));
    }
    out
}

/// The `k` airports nearest the centres of a k-means clustering of `flat`, largest cluster
/// first.
fn cluster_centres(flat: &[(f64, f64)], k: usize, rng: &mut Stream) -> Vec<usize> {
    // k-means++ seeding.
    let mut centres = vec![flat[rng.below(flat.len() as u64) as usize]];
    let mut d2: Vec<f64> = flat.iter().map(|&p| dist2(p, centres[0])).collect();
    while centres.len() < k {
        let total: f64 = d2.iter().sum();
        let mut target = rng.uniform() * total;
        let mut pick = flat.len() - 1;
        for (i, &w) in d2.iter().enumerate() {
            if target < w {
                pick = i;
                break;
            }
            target -= w;
        }
        centres.push(flat[pick]);
        for (i, &p) in flat.iter().enumerate() {
            d2[i] = d2[i].min(dist2(p, flat[pick]));
        }
    }
    // Lloyd iterations.
    let mut members = vec![0usize; k];
    for _ in 0..30 {
        let mut sums = vec![(0.0, 0.0, 0usize); k];
        for &p in flat {
            let c = nearest(&centres, p);
            sums[c].0 += p.0;
            sums[c].1 += p.1;
            sums[c].2 += 1;
        }
        for (c, s) in centres.iter_mut().zip(&sums) {
            if s.2 > 0 {
                *c = (s.0 / s.2 as f64, s.1 / s.2 as f64);
            }
        }
        members = sums.iter().map(|s| s.2).collect();
    }
    // The airport nearest each centre (each airport used once), biggest cluster first.
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by_key(|&c| (std::cmp::Reverse(members[c]), c));
    let mut taken = vec![false; flat.len()];
    let mut hubs = Vec::with_capacity(k);
    for c in order {
        let mut best = (f64::INFINITY, usize::MAX);
        for (i, &p) in flat.iter().enumerate() {
            let d = dist2(p, centres[c]);
            if !taken[i] && d < best.0 {
                best = (d, i);
            }
        }
        taken[best.1] = true;
        hubs.push(best.1);
    }
    hubs
}

/// Unique random 3-letter codes.
fn codes(n: usize, rng: &mut Stream) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let code: String = (0..3)
            .map(|_| (b'A' + rng.below(26) as u8) as char)
            .collect();
        if seen.insert(code.clone()) {
            out.push(code);
        }
    }
    out
}

/// A pronounceable made-up city name of two or three syllables.
fn city_name(rng: &mut Stream) -> String {
    const ONSETS: &[&str] = &[
        "b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "ch", "br", "tr", "gr",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ia", "ou"];
    const CODAS: &[&str] = &["", "", "", "n", "r", "l", "s", "sk", "nd"];
    let syllables = 2 + rng.below(2) as usize;
    let mut s = String::new();
    for _ in 0..syllables {
        s.push_str(ONSETS[rng.below(ONSETS.len() as u64) as usize]);
        s.push_str(VOWELS[rng.below(VOWELS.len() as u64) as usize]);
    }
    s.push_str(CODAS[rng.below(CODAS.len() as u64) as usize]);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => s,
    }
}

/// Lays out `n` airports (n ≥ 1) for `seed`.
///
/// # Complexity
/// O(n²) for the spacing checks and the clustering (n is at most a few thousand).
pub(super) fn build(n: usize, seed: u64) -> Layout {
    let mut rng = super::stream(seed, "layout/positions");
    let pos = positions(n, &mut rng);
    let flat: Vec<(f64, f64)> = pos.iter().map(|&(la, lo)| planar(la, lo)).collect();
    let h = hub_count(n);
    let hub_idx = cluster_centres(&flat, h, &mut super::stream(seed, "layout/hubs"));

    // Sizes: Pareto draws, largest first; hubs take the top, the rest are shuffled.
    let mut rng = super::stream(seed, "layout/sizes");
    let mut sizes: Vec<f64> = (0..n)
        .map(|_| {
            (1.0 - rng.uniform())
                .powf(-1.0 / PARETO_SHAPE)
                .min(MAX_SIZE)
        })
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    let mut rest = sizes.split_off(h);
    for i in (1..rest.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        rest.swap(i, j);
    }

    // Countries: nearest capital point, codes west to east.
    let mut rng = super::stream(seed, "layout/countries");
    let mut capitals: Vec<(f64, f64)> = (0..country_count(n))
        .map(|_| {
            let lat = LAT_RANGE.0 + rng.uniform() * (LAT_RANGE.1 - LAT_RANGE.0);
            let lon = LON_RANGE.0 + rng.uniform() * (LON_RANGE.1 - LON_RANGE.0);
            planar(lat, lon)
        })
        .collect();
    capitals.sort_by(|a, b| a.0.total_cmp(&b.0));

    let mut rng = super::stream(seed, "layout/names");
    let iata = codes(n, &mut rng);
    // Hubs first, then the other airports in placement order.
    let mut is_hub = vec![false; n];
    for &i in &hub_idx {
        is_hub[i] = true;
    }
    let order: Vec<usize> = hub_idx
        .iter()
        .copied()
        .chain((0..n).filter(|&i| !is_hub[i]))
        .collect();
    let mut rest = rest.into_iter();
    let sites = order
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let (lat, lon) = pos[i];
            let c = nearest(&capitals, flat[i]);
            Site {
                iata: iata[rank].clone(),
                city: city_name(&mut rng),
                country: format!("X{}", (b'A' + c as u8) as char),
                lat,
                lon,
                utc_offset_hours: (lon / 15.0).round() as i32,
                size: if rank < h {
                    sizes[rank]
                } else {
                    rest.next().expect("one size per airport")
                },
                hub: rank < h,
            }
        })
        .collect();
    Layout {
        sites,
        hubs: (0..h).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_follow_longitude_and_exist() {
        assert_eq!(zone_name(5), "Etc/GMT-5");
        assert_eq!(zone_name(-3), "Etc/GMT+3");
        assert_eq!(zone_name(0), "Etc/GMT");
        let l = build(120, 3);
        for s in &l.sites {
            assert!(
                flightnet_data::time::Zone::get(&s.zone_name()).is_some(),
                "{}",
                s.zone_name()
            );
            assert!((s.lon / 15.0 - s.utc_offset_hours as f64).abs() <= 0.5);
            assert!((LAT_RANGE.0..=LAT_RANGE.1).contains(&s.lat));
        }
    }

    #[test]
    fn hubs_are_the_largest_and_codes_unique() {
        let l = build(200, 9);
        assert_eq!(l.hubs.len(), hub_count(200));
        let smallest_hub = l
            .hubs
            .iter()
            .map(|&h| l.sites[h].size)
            .fold(f64::MAX, f64::min);
        assert!(
            l.sites
                .iter()
                .filter(|s| !s.hub)
                .all(|s| s.size <= smallest_hub)
        );
        let codes: std::collections::BTreeSet<_> = l.sites.iter().map(|s| &s.iata).collect();
        assert_eq!(codes.len(), 200);
    }
}
