//! The route map: airports placed by latitude and longitude on a Lambert conformal conic
//! projection fitted to the network (equirectangular near the equator), over country outlines
//! and a graticule; routes as arcs with width by weekly seats and colour by airline, focus-market
//! routes highlighted, hubs labelled.

use std::collections::BTreeMap;
use std::f64::consts::FRAC_PI_4;

use super::charts::{LegendEntry, Swatch, legend, legend_height, svg_open, text_width};
use super::data::MapRoute;
use super::fmt::count;
use super::markup::{Markup, a, px};
use super::style::THEME;
use super::world::countries;
use flightnet_sim::summary::AirportRow;

/// A map projection fitted to a set of points; `project` returns unitless `(x, y)`, y north.
#[derive(Clone, Copy, Debug)]
pub enum Projection {
    /// Lambert conformal conic.
    Conic {
        /// Cone constant.
        n: f64,
        /// Scale factor `F`.
        f: f64,
        /// Radius at the reference latitude.
        rho0: f64,
        /// Central meridian, degrees.
        lon0: f64,
    },
    /// Equirectangular with `cos(mean latitude)` scaling.
    Plate {
        /// Central meridian, degrees.
        lon0: f64,
        /// Horizontal scale, `cos(mean latitude)`.
        k: f64,
    },
}

/// `lon` relative to `lon0`, in `[-180, 180)`.
fn delta_lon(lon: f64, lon0: f64) -> f64 {
    (lon - lon0 + 540.0).rem_euclid(360.0) - 180.0
}

impl Projection {
    /// A projection for `(lon, lat)` points in degrees: a conic with standard parallels at a
    /// sixth of the latitude span from its ends when every point lies well within one
    /// hemisphere, a plate carrée otherwise.
    pub fn fit(points: &[(f64, f64)]) -> Projection {
        let pts: Vec<(f64, f64)> = points
            .iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect();
        if pts.is_empty() {
            return Projection::Plate { lon0: 0.0, k: 1.0 };
        }
        // The central meridian: the middle of the smallest arc holding every longitude.
        let mut lons: Vec<f64> = pts.iter().map(|p| p.0.rem_euclid(360.0)).collect();
        lons.sort_by(f64::total_cmp);
        let mut gap = (lons[0] + 360.0 - lons[lons.len() - 1], lons.len() - 1);
        for i in 1..lons.len() {
            if lons[i] - lons[i - 1] > gap.0 {
                gap = (lons[i] - lons[i - 1], i - 1);
            }
        }
        let start = lons[(gap.1 + 1) % lons.len()];
        let span = 360.0 - gap.0;
        let lon0 = delta_lon(start + span / 2.0, 0.0);
        let lat_min = pts
            .iter()
            .map(|p| p.1)
            .fold(90.0, f64::min)
            .clamp(-80.0, 80.0);
        let lat_max = pts
            .iter()
            .map(|p| p.1)
            .fold(-90.0, f64::max)
            .clamp(-80.0, 80.0);
        let (p1, p2) = (
            lat_min + (lat_max - lat_min) / 6.0,
            lat_max - (lat_max - lat_min) / 6.0,
        );
        let same_hemisphere = (p1 > 10.0 && p2 > 10.0) || (p1 < -10.0 && p2 < -10.0);
        if !same_hemisphere {
            let k = ((lat_min + lat_max) / 2.0).to_radians().cos().max(0.2);
            return Projection::Plate { lon0, k };
        }
        let (r1, r2) = (p1.to_radians(), p2.to_radians());
        let t = |r: f64| (FRAC_PI_4 + r / 2.0).tan();
        let n = if (r1 - r2).abs() < 1e-6 {
            r1.sin()
        } else {
            (r1.cos() / r2.cos()).ln() / (t(r2) / t(r1)).ln()
        };
        let f = r1.cos() * t(r1).powf(n) / n;
        let rho0 = f / t(((lat_min + lat_max) / 2.0).to_radians()).powf(n);
        Projection::Conic { n, f, rho0, lon0 }
    }

    /// The central meridian, degrees.
    pub fn lon0(&self) -> f64 {
        match *self {
            Projection::Conic { lon0, .. } | Projection::Plate { lon0, .. } => lon0,
        }
    }

    /// The projected position of `(lon, lat)` in degrees.
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let lat = lat.clamp(-85.0, 85.0);
        match *self {
            Projection::Conic { n, f, rho0, lon0 } => {
                let rho = f / (FRAC_PI_4 + lat.to_radians() / 2.0).tan().powf(n);
                let theta = n * delta_lon(lon, lon0).to_radians();
                (rho * theta.sin(), rho0 - rho * theta.cos())
            }
            Projection::Plate { lon0, k } => {
                (delta_lon(lon, lon0).to_radians() * k, lat.to_radians())
            }
        }
    }
}

/// Projected coordinates scaled and shifted into the map's pixel box.
struct View {
    proj: Projection,
    scale: f64,
    x0: f64,
    y0: f64,
    min_x: f64,
    max_y: f64,
}

impl View {
    fn px(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.proj.project(lon, lat);
        (
            self.x0 + (x - self.min_x) * self.scale,
            self.y0 + (self.max_y - y) * self.scale,
        )
    }
}

/// A route map.
pub struct RouteMap<'a> {
    /// Element id (also prefixes the clip path id).
    pub id: String,
    /// Title.
    pub title: String,
    /// Width, px.
    pub width: f64,
    /// Largest height of the map area (without title and legend), px.
    pub max_map_height: f64,
    /// Airports of the network.
    pub airports: &'a [AirportRow],
    /// Routes.
    pub routes: &'a [MapRoute],
    /// Hubs to label prominently, IATA codes.
    pub hubs: &'a [String],
    /// Airline codes whose index gives their colour.
    pub airlines: &'a [String],
    /// The focus market's countries (tinted), and its name for the legend.
    pub focus: Option<(String, String, String)>,
}

/// Airport dot radius, px.
const DOT: f64 = 3.2;
/// Hub dot radius, px.
const HUB_DOT: f64 = 5.0;
/// Widest route line, px.
const MAX_WIDTH: f64 = 10.0;
/// Narrowest route line, px.
const MIN_WIDTH: f64 = 1.2;

/// A rectangle `(x0, y0, x1, y1)` taken by a label or a dot.
type Rect = (f64, f64, f64, f64);

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// A round number near `v` (1, 2 or 5 times a power of ten).
fn round_nice(v: f64) -> f64 {
    if v.is_nan() || v <= 0.0 || v.is_infinite() {
        return 0.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    let m = v / mag;
    mag * if m < 1.5 {
        1.0
    } else if m < 3.5 {
        2.0
    } else if m < 7.5 {
        5.0
    } else {
        10.0
    }
}

impl RouteMap<'_> {
    fn line_width(&self, seats: f64, max: f64) -> f64 {
        if max <= 0.0 || !seats.is_finite() {
            return MIN_WIDTH;
        }
        MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * (seats.max(0.0) / max).sqrt().min(1.0)
    }

    fn legend_entries(&self, max_seats: f64) -> Vec<LegendEntry> {
        let mut e: Vec<LegendEntry> = self
            .airlines
            .iter()
            .enumerate()
            .filter(|(_, code)| self.routes.iter().any(|r| &r.airline == *code))
            .map(|(i, code)| LegendEntry::line(THEME.airline_color(i), false, code.clone()))
            .collect();
        if let Some((_, _, name)) = &self.focus {
            e.push(LegendEntry {
                swatch: Swatch::Line {
                    color: THEME.highlight,
                    dashed: false,
                    width: 8.0,
                },
                label: format!("{name} route"),
            });
        }
        let top = round_nice(max_seats);
        let mut samples = vec![top, round_nice(top / 8.0), round_nice(top / 50.0)];
        samples.dedup();
        for s in samples.into_iter().filter(|s| *s > 0.0) {
            e.push(LegendEntry {
                swatch: Swatch::Line {
                    color: THEME.neutral,
                    dashed: false,
                    width: self.line_width(s, max_seats),
                },
                label: format!("{} seats/week", count(s)),
            });
        }
        e.push(LegendEntry {
            swatch: Swatch::Dot {
                color: THEME.text,
                r: HUB_DOT,
            },
            label: "hub".to_string(),
        });
        e.push(LegendEntry {
            swatch: Swatch::Dot {
                color: THEME.muted,
                r: DOT,
            },
            label: "airport".to_string(),
        });
        e
    }

    /// Draws the map.
    pub fn svg(&self) -> String {
        let by_code: BTreeMap<&str, &AirportRow> = self
            .airports
            .iter()
            .filter(|a| a.lat.is_finite() && a.lon.is_finite())
            .map(|a| (a.iata.as_str(), a))
            .collect();
        let used: BTreeMap<&str, &AirportRow> = self
            .routes
            .iter()
            .flat_map(|r| [r.a.as_str(), r.b.as_str()])
            .filter_map(|c| by_code.get(c).map(|a| (c, *a)))
            .collect();
        let shown: Vec<&AirportRow> = if used.is_empty() {
            by_code.values().copied().collect()
        } else {
            used.values().copied().collect()
        };
        let proj = Projection::fit(&shown.iter().map(|a| (a.lon, a.lat)).collect::<Vec<_>>());
        let pts: Vec<(f64, f64)> = shown.iter().map(|a| proj.project(a.lon, a.lat)).collect();
        let (min_x, max_x) = pts
            .iter()
            .fold((f64::MAX, f64::MIN), |m, p| (m.0.min(p.0), m.1.max(p.0)));
        let (min_y, max_y) = pts
            .iter()
            .fold((f64::MAX, f64::MIN), |m, p| (m.0.min(p.1), m.1.max(p.1)));
        let (pad_x, pad_top, pad_bottom) = (44.0, 30.0, 26.0);
        let inner_w = self.width - 2.0 * pad_x;
        let inner_h = self.max_map_height - pad_top - pad_bottom;
        let (dx, dy) = ((max_x - min_x).max(1e-9), (max_y - min_y).max(1e-9));
        let scale = if pts.len() < 2 {
            inner_w / 0.5
        } else {
            (inner_w / dx).min(inner_h / dy)
        };
        let map_h = if pts.len() < 2 {
            self.max_map_height.min(300.0)
        } else {
            (dy * scale + pad_top + pad_bottom).max(240.0)
        };
        let title_h = 34.0;
        let max_seats = self
            .routes
            .iter()
            .map(|r| r.weekly_seats)
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let entries = self.legend_entries(max_seats);
        let legend_h = legend_height(&entries, self.width - 16.0) + 14.0;
        let height = title_h + map_h + legend_h;
        let (top, bottom) = (title_h, title_h + map_h);
        let view = View {
            proj,
            scale,
            x0: pad_x + (inner_w - (if pts.len() < 2 { 0.0 } else { dx * scale })) / 2.0,
            y0: top
                + pad_top
                + (map_h - pad_top - pad_bottom - (if pts.len() < 2 { 0.0 } else { dy * scale }))
                    / 2.0,
            min_x: if pts.is_empty() { 0.0 } else { min_x },
            max_y: if pts.is_empty() { 0.0 } else { max_y },
        };
        let mut m = Markup::new();
        svg_open(&mut m, &self.id, self.width, height, &self.title);
        m.elem(
            "text",
            &[a("class", "title"), a("x", "8"), a("y", "22")],
            &self.title,
        );
        let clip = format!("{}-clip", if self.id.is_empty() { "map" } else { &self.id });
        m.open("defs", &[]);
        m.open("clipPath", &[a("id", &clip)]);
        m.leaf(
            "rect",
            &[
                a("x", "0"),
                a("y", px(top)),
                a("width", px(self.width)),
                a("height", px(map_h)),
            ],
        );
        m.close("clipPath");
        m.close("defs");
        m.leaf(
            "rect",
            &[
                a("x", "0"),
                a("y", px(top)),
                a("width", px(self.width)),
                a("height", px(map_h)),
                a("fill", THEME.water),
            ],
        );
        m.open("g", &[a("clip-path", format!("url(#{clip})"))]);
        let lon0 = proj.lon0();
        let rel: Vec<(f64, f64)> = shown
            .iter()
            .map(|a| (delta_lon(a.lon, lon0), a.lat))
            .collect();
        let geo = rel
            .iter()
            .fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |g, p| {
                (
                    g.0.min(p.0 - 30.0),
                    g.1.min(p.1 - 20.0),
                    g.2.max(p.0 + 30.0),
                    g.3.max(p.1 + 20.0),
                )
            });
        let names = self.draw_land(&mut m, &view, geo);
        self.draw_graticule(&mut m, &view, (0.0, top, self.width, bottom));
        // Country and city names only where the map is wide enough for them.
        for (x, y, name) in names.into_iter().filter(|_| self.width >= 900.0) {
            m.elem(
                "text",
                &[
                    a("class", "country-label"),
                    a("x", px(x)),
                    a("y", px(y)),
                    a("text-anchor", "middle"),
                ],
                &name.to_uppercase(),
            );
        }
        let mut taken: Vec<Rect> = Vec::new();
        self.draw_routes(&mut m, &view, &by_code, max_seats);
        let is_hub = |c: &str| self.hubs.iter().any(|h| h == c);
        // Dots, then labels: hubs first (in the given order), then the rest by code.
        let mut order: Vec<&AirportRow> = shown.clone();
        order.sort_by_key(|a| {
            (
                self.hubs
                    .iter()
                    .position(|h| *h == a.iata)
                    .unwrap_or(usize::MAX),
                a.iata.clone(),
            )
        });
        for ap in &order {
            let (x, y) = view.px(ap.lon, ap.lat);
            let hub = is_hub(&ap.iata);
            let r = if hub { HUB_DOT } else { DOT };
            taken.push((x - r, y - r, x + r, y + r));
            m.open("g", &[]);
            m.elem(
                "title",
                &[],
                &format!("{} — {}, {} ({})", ap.iata, ap.name, ap.city, ap.country),
            );
            m.leaf(
                "circle",
                &[
                    a("cx", px(x)),
                    a("cy", px(y)),
                    a("r", px(r)),
                    a("fill", if hub { THEME.text } else { THEME.panel }),
                    a("stroke", if hub { THEME.panel } else { THEME.text }),
                    a("stroke-width", "1.5"),
                ],
            );
            m.close("g");
        }
        for ap in &order {
            let (x, y) = view.px(ap.lon, ap.lat);
            let hub = is_hub(&ap.iata);
            let size = if hub {
                THEME.hub_label_size
            } else {
                THEME.map_label_size
            };
            let label = if hub && self.width >= 900.0 {
                format!("{} {}", ap.iata, ap.city)
            } else {
                ap.iata.clone()
            };
            let w = text_width(&label, size) * if hub { 0.95 } else { 1.0 };
            let r = if hub { HUB_DOT } else { DOT } + 3.0;
            let candidates = [
                (x + r, y + size * 0.35, "start"),
                (x - r, y + size * 0.35, "end"),
                (x, y - r - 2.0, "middle"),
                (x, y + r + size, "middle"),
                (x + r, y - r, "start"),
                (x - r, y - r, "end"),
                (x + r, y + r + size * 0.7, "start"),
                (x - r, y + r + size * 0.7, "end"),
            ];
            let rect_of = |(tx, ty, anchor): (f64, f64, &str)| -> Rect {
                let x0 = match anchor {
                    "start" => tx,
                    "end" => tx - w,
                    _ => tx - w / 2.0,
                };
                (x0, ty - size * 0.8, x0 + w, ty + size * 0.2)
            };
            let inside =
                |r: &Rect| r.0 >= 2.0 && r.2 <= self.width - 2.0 && r.1 >= top && r.3 <= bottom;
            let spot = candidates
                .iter()
                .copied()
                .find(|c| {
                    let rc = rect_of(*c);
                    inside(&rc) && !taken.iter().any(|t| overlaps(t, &rc))
                })
                .or(if hub { Some(candidates[0]) } else { None });
            if let Some(c) = spot {
                taken.push(rect_of(c));
                m.elem(
                    "text",
                    &[
                        a(
                            "class",
                            if hub {
                                "hub-label halo"
                            } else {
                                "map-label halo"
                            },
                        ),
                        a("x", px(c.0)),
                        a("y", px(c.1)),
                        a("text-anchor", c.2),
                    ],
                    &label,
                );
            }
        }
        m.close("g");
        m.leaf(
            "rect",
            &[
                a("x", "0.5"),
                a("y", px(top + 0.5)),
                a("width", px(self.width - 1.0)),
                a("height", px(map_h - 1.0)),
                a("fill", "none"),
                a("stroke", THEME.rule),
            ],
        );
        legend(&mut m, 8.0, bottom + 18.0, self.width - 16.0, &entries);
        m.close("svg");
        m.finish()
    }

    /// Country outlines near the network: rings outside `geo` (a `(Δlon, lat)` box around the
    /// airports, longitudes relative to the central meridian) or torn by the projection's seam
    /// are left out.
    ///
    /// Returns where to name the focus countries: the centre of each one's largest ring.
    fn draw_land(&self, m: &mut Markup, view: &View, geo: Rect) -> Vec<(f64, f64, &'static str)> {
        let mut names = Vec::new();
        let focus = self.focus.as_ref();
        let lon0 = view.proj.lon0();
        m.open(
            "g",
            &[
                a("stroke", THEME.border),
                a("stroke-width", "0.7"),
                a("stroke-linejoin", "round"),
            ],
        );
        for c in countries() {
            let mut d = String::new();
            for ring in &c.rings {
                let rel: Vec<(f64, f64)> = ring
                    .iter()
                    .map(|(lon, lat)| (delta_lon(*lon, lon0), *lat))
                    .collect();
                let torn = rel.windows(2).any(|w| (w[0].0 - w[1].0).abs() > 180.0);
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for (x, y) in &rel {
                    (x0, y0, x1, y1) = (x0.min(*x), y0.min(*y), x1.max(*x), y1.max(*y));
                }
                if torn || !overlaps(&(x0, y0, x1, y1), &geo) {
                    continue;
                }
                for (k, (lon, lat)) in ring.iter().enumerate() {
                    let (x, y) = view.px(*lon, *lat);
                    d.push_str(&format!(
                        "{}{},{}",
                        if k == 0 { "M" } else { "L" },
                        px(x),
                        px(y)
                    ));
                }
                d.push('Z');
            }
            if d.is_empty() {
                continue;
            }
            let tinted = focus.is_some_and(|f| c.code == f.0 || c.code == f.1);
            if tinted && let Some(ring) = c.rings.iter().max_by_key(|r| r.len()) {
                let pts: Vec<(f64, f64)> =
                    ring.iter().map(|(lon, lat)| view.px(*lon, *lat)).collect();
                let (x0, x1) = pts
                    .iter()
                    .fold((f64::MAX, f64::MIN), |b, p| (b.0.min(p.0), b.1.max(p.0)));
                let (y0, y1) = pts
                    .iter()
                    .fold((f64::MAX, f64::MIN), |b, p| (b.0.min(p.1), b.1.max(p.1)));
                names.push(((x0 + x1) / 2.0, (y0 + y1) / 2.0, c.name));
            }
            m.open(
                "path",
                &[
                    a("d", d),
                    a("fill", if tinted { THEME.land_focus } else { THEME.land }),
                ],
            );
            m.elem("title", &[], c.name);
            m.close("path");
        }
        m.close("g");
        names
    }

    /// Parallels and meridians every 10°, labelled where they cross the left and bottom edges.
    fn draw_graticule(&self, m: &mut Markup, view: &View, bbox: Rect) {
        let step = 10.0;
        let mut d = String::new();
        let mut labels: Vec<(f64, f64, String, &str)> = Vec::new();
        let lon0 = view.proj.lon0();
        let base = (lon0 / step).round() * step;
        for k in -17..=18 {
            let lon = base + k as f64 * step;
            let line: Vec<(f64, f64)> = (-40..=40).map(|j| view.px(lon, j as f64 * 2.0)).collect();
            push_line(&mut d, &line, bbox);
            let name = match delta_lon(lon, 0.0) {
                l if l < 0.0 => format!("{}°W", -l),
                l => format!("{l}°E"),
            };
            if let Some(x) = crossing(&line, |p| p.1 - (bbox.3 - 1.0), |p| p.0)
                .filter(|x| *x > bbox.0 + 50.0 && *x < bbox.2 - 20.0)
            {
                labels.push((x, bbox.3 - 6.0, name, "middle"));
            }
        }
        for k in -8..=8 {
            let lat = k as f64 * step;
            let line: Vec<(f64, f64)> = (-90..=90)
                .map(|j| view.px(lon0 + j as f64 * 2.0, lat))
                .collect();
            push_line(&mut d, &line, bbox);
            let name = if lat < 0.0 {
                format!("{}°S", -lat)
            } else {
                format!("{lat}°N")
            };
            if let Some(y) = crossing(&line, |p| p.0 - (bbox.0 + 1.0), |p| p.1)
                .filter(|y| *y > bbox.1 + 16.0 && *y < bbox.3 - 20.0)
            {
                labels.push((bbox.0 + 5.0, y - 4.0, name, "start"));
            }
        }
        m.leaf(
            "path",
            &[
                a("d", d),
                a("fill", "none"),
                a("stroke", THEME.graticule),
                a("stroke-width", "0.8"),
            ],
        );
        m.open("g", &[a("class", "note halo")]);
        for (x, y, t, anchor) in labels {
            m.elem(
                "text",
                &[a("x", px(x)), a("y", px(y)), a("text-anchor", anchor)],
                &t,
            );
        }
        m.close("g");
    }

    fn draw_routes(
        &self,
        m: &mut Markup,
        view: &View,
        airports: &BTreeMap<&str, &AirportRow>,
        max_seats: f64,
    ) {
        // Airlines sharing an airport pair get arcs bending alternately left and right.
        let mut slot: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut arcs = Vec::new();
        for r in self.routes {
            let (Some(pa), Some(pb)) = (airports.get(r.a.as_str()), airports.get(r.b.as_str()))
            else {
                continue;
            };
            let i = slot.entry((r.a.as_str(), r.b.as_str())).or_insert(0);
            let bend = [0.08, -0.08, 0.18, -0.18, 0.28, -0.28][*i % 6];
            *i += 1;
            let (x0, y0) = view.px(pa.lon, pa.lat);
            let (x1, y1) = view.px(pb.lon, pb.lat);
            let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
            let (cx, cy) = (mx - (y1 - y0) * bend, my + (x1 - x0) * bend);
            let d = format!(
                "M{},{} Q{},{} {},{}",
                px(x0),
                px(y0),
                px(cx),
                px(cy),
                px(x1),
                px(y1)
            );
            let color = THEME.airline_color(
                self.airlines
                    .iter()
                    .position(|c| *c == r.airline)
                    .unwrap_or(0),
            );
            arcs.push((r, d, color, self.line_width(r.weekly_seats, max_seats)));
        }
        // Wide lines first so narrow ones stay visible; focus routes over the rest.
        arcs.sort_by(|x, y| {
            x.0.focus
                .cmp(&y.0.focus)
                .then(y.3.total_cmp(&x.3))
                .then((&x.0.airline, &x.0.a, &x.0.b).cmp(&(&y.0.airline, &y.0.a, &y.0.b)))
        });
        m.open("g", &[a("fill", "none"), a("stroke-linecap", "round")]);
        for (_, d, _, w) in arcs.iter().filter(|x| x.0.focus) {
            m.leaf(
                "path",
                &[
                    a("d", d),
                    a("stroke", THEME.highlight),
                    a("stroke-opacity", "0.55"),
                    a("stroke-width", px(w + 6.0)),
                ],
            );
        }
        for (r, d, color, w) in &arcs {
            m.open(
                "path",
                &[
                    a("d", d),
                    a("stroke", color),
                    a("stroke-opacity", "0.85"),
                    a("stroke-width", px(*w)),
                ],
            );
            m.elem(
                "title",
                &[],
                &format!(
                    "{} {}–{}: {} seats/week",
                    r.airline,
                    r.a,
                    r.b,
                    count(r.weekly_seats)
                ),
            );
            m.close("path");
        }
        m.close("g");
    }
}

/// Where a polyline crosses the zero of `side`: the value of `along` there (first crossing).
fn crossing(
    pts: &[(f64, f64)],
    side: impl Fn(&(f64, f64)) -> f64,
    along: impl Fn(&(f64, f64)) -> f64,
) -> Option<f64> {
    pts.windows(2).find_map(|w| {
        let (s0, s1) = (side(&w[0]), side(&w[1]));
        if !(s0.is_finite() && s1.is_finite()) || s0 * s1 > 0.0 || s0 == s1 {
            return None;
        }
        let t = s0 / (s0 - s1);
        Some(along(&w[0]) + t * (along(&w[1]) - along(&w[0])))
    })
}

/// Appends a polyline to a path, breaking it where points leave the area far or jump.
fn push_line(d: &mut String, pts: &[(f64, f64)], bbox: Rect) {
    let far = (bbox.2 - bbox.0 + bbox.3 - bbox.1) * 2.0;
    let ok = |p: &(f64, f64)| {
        p.0.is_finite()
            && p.1.is_finite()
            && p.0 > bbox.0 - far
            && p.0 < bbox.2 + far
            && p.1 > bbox.1 - far
            && p.1 < bbox.3 + far
    };
    let mut pen = false;
    let mut last: Option<(f64, f64)> = None;
    for p in pts {
        let jump = last.is_some_and(|l| (l.0 - p.0).abs() + (l.1 - p.1).abs() > far / 2.0);
        if !ok(p) || jump {
            pen = false;
        }
        if ok(p) {
            d.push_str(&format!(
                "{}{},{} ",
                if pen { "L" } else { "M" },
                px(p.0),
                px(p.1)
            ));
            pen = true;
        }
        last = Some(*p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conic_keeps_north_up_and_east_right() {
        let p = Projection::fit(&[(51.0, 47.0), (116.0, 40.0), (0.0, 51.0), (100.0, 13.0)]);
        assert!(matches!(p, Projection::Conic { .. }));
        let (ala, pek) = (p.project(77.0, 43.3), p.project(116.6, 40.1));
        assert!(pek.0 > ala.0);
        let (south, north) = (p.project(77.0, 20.0), p.project(77.0, 50.0));
        assert!(north.1 > south.1);
    }

    #[test]
    fn equatorial_and_dateline_networks() {
        let p = Projection::fit(&[(-70.0, -30.0), (-60.0, 10.0)]);
        assert!(matches!(p, Projection::Plate { .. }));
        // Across the date line the central meridian lies in the Pacific.
        match Projection::fit(&[(170.0, 50.0), (-170.0, 60.0)]) {
            Projection::Conic { lon0, .. } => assert!((lon0.abs() - 180.0).abs() < 1e-9),
            other => panic!("{other:?}"),
        }
        assert_eq!(round_nice(7_300.0), 5_000.0);
        assert_eq!(round_nice(8_000.0), 10_000.0);
        assert_eq!(round_nice(0.0), 0.0);
    }
}
