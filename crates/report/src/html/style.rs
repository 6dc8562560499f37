//! The report's look in one place: colours, fonts, sizes and the page stylesheet.
//!
//! Charts take every colour and size from [`THEME`]; text sizes are CSS classes defined by
//! [`Theme::css`], so changing the look means changing this file only.

/// Colours, fonts and sizes of the report.
pub struct Theme {
    /// Font stack (local fonts only: nothing is fetched).
    pub font: &'static str,
    /// Body text.
    pub text: &'static str,
    /// Secondary text (notes, ticks).
    pub muted: &'static str,
    /// Page background.
    pub background: &'static str,
    /// Panel (chart card) background.
    pub panel: &'static str,
    /// Panel border and table rules.
    pub rule: &'static str,
    /// Grid lines.
    pub grid: &'static str,
    /// Axis lines.
    pub axis: &'static str,
    /// Sea on the map.
    pub water: &'static str,
    /// Land on the map.
    pub land: &'static str,
    /// The two countries of the focus market on the map.
    pub land_focus: &'static str,
    /// Country borders.
    pub border: &'static str,
    /// Names of the focus countries on the map.
    pub country_label: &'static str,
    /// Graticule (parallels and meridians).
    pub graticule: &'static str,
    /// The halo under focus-market routes, and focus-market bars.
    pub highlight: &'static str,
    /// Made connections.
    pub made: &'static str,
    /// Missed connections.
    pub missed: &'static str,
    /// Booked (scheduled) connect times.
    pub planned: &'static str,
    /// Bars without a colour of their own.
    pub neutral: &'static str,
    /// One colour per run (A, B) when series of runs share a chart.
    pub runs: [&'static str; 2],
    /// Airline colours, given out in airline-code order.
    pub airlines: [&'static str; 10],
    /// Revenue (and RASK) bars.
    pub revenue: &'static str,
    /// Cost (and CASK) bars.
    pub cost: &'static str,
    /// A profit.
    pub profit: &'static str,
    /// A loss.
    pub loss: &'static str,
    /// What became of the demand: carried, spilled, unserved, no purchase.
    pub outcomes: [&'static str; 4],
    /// Booking classes from the full fare down (a dark-to-light ramp).
    pub classes: [&'static str; 10],
    /// Passenger segments (booking curves), in segment order.
    pub segments: [&'static str; 6],
    /// Tick labels, px.
    pub tick_size: f64,
    /// Axis titles and legend text, px.
    pub label_size: f64,
    /// Chart titles, px.
    pub title_size: f64,
    /// Airport labels on the map, px.
    pub map_label_size: f64,
    /// Hub labels on the map, px.
    pub hub_label_size: f64,
    /// Names of the focus countries on the map, px.
    pub country_label_size: f64,
    /// Width of the content column, px.
    pub page_width: f64,
    /// Gap between charts side by side, px.
    pub gap: f64,
    /// Series line width, px.
    pub line_width: f64,
    /// Opacity of confidence bands.
    pub band_opacity: f64,
}

/// The report theme.
pub const THEME: Theme = Theme {
    font: "Segoe UI, Roboto, Helvetica Neue, Arial, Liberation Sans, DejaVu Sans, sans-serif",
    text: "#1f2933",
    muted: "#52606d",
    background: "#f5f7fa",
    panel: "#ffffff",
    rule: "#d9e2ec",
    grid: "#e4e7eb",
    axis: "#7b8794",
    water: "#e3eef7",
    land: "#fbfaf7",
    land_focus: "#f6ecd6",
    border: "#c9c3b6",
    country_label: "#b3a78f",
    graticule: "#cfdde9",
    highlight: "#fab005",
    made: "#2f9e44",
    missed: "#e03131",
    planned: "#495057",
    neutral: "#829ab1",
    runs: ["#1c7ed6", "#e8590c"],
    airlines: [
        "#1971c2", "#c2255c", "#2f9e44", "#7048e8", "#0c8599", "#e8590c", "#5c940d", "#862e9c",
        "#a61e4d", "#495057",
    ],
    revenue: "#1c7ed6",
    cost: "#f08c00",
    profit: "#2f9e44",
    loss: "#e03131",
    outcomes: ["#2f9e44", "#e03131", "#868e96", "#ced4da"],
    classes: [
        "#0b3d91", "#1864ab", "#1971c2", "#1c7ed6", "#339af0", "#4dabf7", "#74c0fc", "#a5d8ff",
        "#c5e4fb", "#dbeefc",
    ],
    segments: [
        "#7048e8", "#0c8599", "#e8590c", "#5c940d", "#c2255c", "#495057",
    ],
    tick_size: 12.0,
    label_size: 13.0,
    title_size: 15.0,
    map_label_size: 11.5,
    hub_label_size: 14.0,
    country_label_size: 20.0,
    page_width: 1280.0,
    gap: 20.0,
    line_width: 2.0,
    band_opacity: 0.18,
};

impl Theme {
    /// The colour of the `index`-th airline (in code order); the palette repeats after ten.
    pub fn airline_color(&self, index: usize) -> &'static str {
        self.airlines[index % self.airlines.len()]
    }

    /// The colour of the `rank`-th booking class from the full fare down; the lightest repeats.
    pub fn class_color(&self, rank: usize) -> &'static str {
        self.classes[rank.min(self.classes.len() - 1)]
    }

    /// The colour of the `index`-th passenger segment; the palette repeats.
    pub fn segment_color(&self, index: usize) -> &'static str {
        self.segments[index % self.segments.len()]
    }

    /// Width of one of `n` charts side by side in the content column, px.
    pub fn column_width(&self, n: usize) -> f64 {
        let n = n.max(1) as f64;
        ((self.page_width - self.gap * (n - 1.0)) / n).floor()
    }

    /// The page stylesheet. It holds no character that markup escapes (`<`, `>`, `&`, quotes):
    /// `<style>` content is raw text in HTML, where an escape would not be undone.
    pub fn css(&self) -> String {
        format!(
            "body {{ margin: 0; background: {bg}; color: {text}; font-family: {font}; font-size: 15px; line-height: 1.45; }}
main {{ max-width: {w}px; margin: 0 auto; padding: 24px 20px 48px; }}
h1 {{ font-size: 28px; margin: 0 0 4px; }}
section table {{ width: 100%; }}
h2 {{ font-size: 21px; margin: 36px 0 6px; padding-bottom: 4px; border-bottom: 2px solid {rule}; }}
h3 {{ font-size: 16px; margin: 18px 0 6px; }}
p.lead, p.note {{ color: {muted}; margin: 4px 0 12px; max-width: 60em; }}
nav {{ margin: 8px 0 0; font-size: 14px; }}
nav a {{ color: {link}; margin-right: 14px; text-decoration: none; }}
.grid {{ display: grid; gap: {gap}px; margin-bottom: {gap}px; }}
.cols-2 {{ grid-template-columns: repeat(2, minmax(0, 1fr)); }}
.cols-3 {{ grid-template-columns: repeat(3, minmax(0, 1fr)); }}
figure {{ margin: 0; background: {panel}; border: 1px solid {rule}; border-radius: 6px; padding: 6px; }}
figure svg {{ display: block; width: 100%; height: auto; }}
figcaption {{ font-size: 13px; color: {muted}; padding: 2px 6px 4px; }}
table {{ border-collapse: collapse; background: {panel}; font-size: 14px; font-variant-numeric: tabular-nums; }}
th, td {{ padding: 4px 12px; border-bottom: 1px solid {rule}; text-align: right; white-space: nowrap; }}
th:first-child, td:first-child {{ text-align: left; }}
thead th {{ background: {bg}; font-weight: 600; }}
td.ci {{ color: {muted}; font-size: 13px; }}
.tables {{ display: flex; flex-wrap: wrap; gap: {gap}px; align-items: flex-start; }}
details {{ margin: 12px 0; }}
summary {{ cursor: pointer; color: {link}; }}
svg text {{ font-family: {font}; fill: {text}; }}
svg .tick {{ font-size: {tick}px; fill: {muted}; }}
svg .axis-label {{ font-size: {label}px; fill: {muted}; }}
svg .legend {{ font-size: {label}px; }}
svg .title {{ font-size: {title}px; font-weight: 600; }}
svg .note {{ font-size: {tick}px; fill: {muted}; }}
svg .map-label {{ font-size: {map}px; fill: {text}; }}
svg .hub-label {{ font-size: {hub}px; font-weight: 700; fill: {text}; }}
svg .country-label {{ font-size: {country}px; font-weight: 700; letter-spacing: 6px; fill: {land_label}; }}
svg .halo {{ stroke: {panel}; stroke-width: 3px; stroke-linejoin: round; paint-order: stroke; }}
",
            bg = self.background,
            text = self.text,
            font = self.font,
            w = self.page_width + 40.0,
            rule = self.rule,
            muted = self.muted,
            link = self.runs[0],
            gap = self.gap,
            panel = self.panel,
            tick = self.tick_size,
            label = self.label_size,
            title = self.title_size,
            map = self.map_label_size,
            hub = self.hub_label_size,
            country = self.country_label_size,
            land_label = self.country_label,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_needs_no_escaping() {
        let css = THEME.css();
        assert_eq!(super::super::markup::esc(&css), css);
    }
}
