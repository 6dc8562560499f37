//! Great-circle geometry on a spherical Earth.

/// Mean Earth radius in kilometres (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in kilometres between two points given in decimal degrees.
///
/// # Arguments
/// * `lat1`, `lon1`: the first point.
/// * `lat2`, `lon2`: the second point.
///
/// # Returns
/// The haversine distance on a sphere of radius [`EARTH_RADIUS_KM`].
///
/// # Complexity
/// O(1).
///
/// # Example
/// ```
/// // Almaty (ALA) to Beijing Capital (PEK): about 3,270 km.
/// let d = flightnet_data::geo::great_circle_km(43.3521, 77.0405, 40.0801, 116.585);
/// assert!((d - 3271.0).abs() < 10.0);
/// ```
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_symmetry() {
        assert_eq!(great_circle_km(10.0, 20.0, 10.0, 20.0), 0.0);
        let a = great_circle_km(51.0222, 71.4669, 43.9071, 87.4742);
        let b = great_circle_km(43.9071, 87.4742, 51.0222, 71.4669);
        assert!((a - b).abs() < 1e-9);
        // NQZ–URC is listed as 1,435 km in the route facts.
        assert!((a - 1435.0).abs() < 10.0, "{a}");
    }

    #[test]
    fn antipodes_are_half_the_circumference() {
        let d = great_circle_km(0.0, 0.0, 0.0, 180.0);
        assert!((d - std::f64::consts::PI * EARTH_RADIUS_KM).abs() < 1e-6);
    }
}
