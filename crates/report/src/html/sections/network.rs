//! The route map of each run.

use super::Context;
use crate::html::data::{map_routes, period_weeks};
use crate::html::fmt::count;
use crate::html::map::RouteMap;
use crate::html::markup::{Markup, a};
use crate::html::style::THEME;

impl Context<'_> {
    pub(super) fn map(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "map");
        let n = self.runs.len();
        m.open("div", &[a("class", format!("grid cols-{n}"))]);
        let focus_colors = self
            .focus
            .as_ref()
            .map(|f| (f.a.clone(), f.b.clone(), f.name()));
        for r in &self.runs {
            let routes = map_routes(r.summary, self.focus.as_ref());
            let total: f64 = r.summary.hubs.iter().map(|h| h.connecting.0).sum();
            let hubs: Vec<String> = r
                .summary
                .hubs
                .iter()
                .filter(|h| total > 0.0 && h.connecting.0 >= 0.02 * total)
                .map(|h| h.airport.clone())
                .collect();
            let map = RouteMap {
                id: format!("map-{}", if r.label.is_empty() { "run" } else { r.label }),
                title: r.title("Route network: line width by seats per week, colour by airline"),
                width: THEME.column_width(n),
                max_map_height: if n == 1 { 620.0 } else { 420.0 },
                airports: &r.summary.airports,
                routes: &routes,
                hubs: &hubs,
                airlines: &self.airlines,
                focus: focus_colors.clone(),
            };
            m.open("figure", &[]);
            m.raw(&map.svg());
            m.elem(
                "figcaption",
                &[],
                &format!(
                    "{} routes (both directions merged), seats per week averaged over the {} weeks of the period; {} highlighted and its countries tinted; hubs (at least 2% of connections) in bold. Projection: Lambert conformal conic fitted to the network.",
                    routes.len(),
                    count(period_weeks(r.summary)),
                    self.focus_name(),
                ),
            );
            m.close("figure");
        }
        m.close("div");
        m.close("section");
        m
    }
}
