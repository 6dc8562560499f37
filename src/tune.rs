//! Frequency tuning: search the weekly frequencies of chosen routes for the best objective.
//!
//! # The search
//! Each decision variable is one airline's weekly frequency on one airport pair (both
//! directions, applied as a `[[frequency]]` override over the tuning window). Starting from the
//! scenario's own frequencies, every round evaluates each one-step move (one more and one fewer
//! weekly frequency on one pair) with the same replications and seeds as the incumbent (common
//! random numbers). A move counts only if its improvement is signal, not noise: **its paired
//! 95% confidence interval lies above zero**. The round then takes the best such move per
//! route, tries them all together, and keeps the combination if it too improves significantly
//! and by more than the best single move; otherwise it keeps the best single move. The search
//! stops when no move improves significantly, or after `max_rounds`.
//!
//! # Objectives
//! * `Profit`: the network's profit, ticket revenue minus operating cost over every route and
//!   market (so feed, connecting revenue and what a departure costs all count), in the
//!   network's currency. The default when the network has fares and costs.
//! * `Passengers`: passengers carried (every market) minus `cost_per_flight` × flights on the
//!   tuned routes, the cost in passenger equivalents (for networks without fares and costs).
//! * `LoadFactorBand`: minimise the seats flown outside a load-factor band: for each tuned
//!   route, seats × the distance of its load factor below `low` or above `high`. Frequencies
//!   stay at least 1 so that routes are tuned, not dropped.
//!
//! # Constraints
//! * Fleet: no aircraft type may need more aircraft (peak-week rotations) than the fleet has,
//!   unless it already did in the starting schedule.
//! * Bilateral cap: for each carrier country, the weekly round trips of its carriers between
//!   the two countries (tuned or not) stay within `cap` in every week of the window.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::runner::Study;
use flightnet_data::error::{Error, Result};
use flightnet_data::network::NetworkData;
use flightnet_data::scenario::{FrequencyOverride, Scenario};
use flightnet_data::time::{DateRange, Day};
use flightnet_sim::stats::{Estimate, ratio};

/// What the tuner maximises.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Objective {
    /// Network profit: revenue minus cost, every route and market.
    Profit,
    /// Passengers carried minus a cost per flight on the tuned routes (passenger equivalents).
    Passengers {
        /// Cost of one flight in passengers.
        cost_per_flight: f64,
    },
    /// Seats flown outside the load-factor band `[low, high]` (minimised).
    LoadFactorBand {
        /// Lower end of the band.
        low: f64,
        /// Upper end of the band.
        high: f64,
    },
}

/// One decision variable: an airline's frequency on an airport pair.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RoutePair {
    /// Airline code.
    pub airline: String,
    /// One end (the origin of the outbound direction).
    pub a: String,
    /// The other end.
    pub b: String,
}

/// Tuning settings.
#[derive(Clone, Debug)]
pub struct TuneOptions {
    /// Routes to tune; empty means every route between `countries` flown in the window.
    pub routes: Vec<RoutePair>,
    /// The country pair whose routes are tuned by default and whose cap applies.
    pub countries: (String, String),
    /// Departure dates tuned and evaluated.
    pub window: DateRange,
    /// The objective.
    pub objective: Objective,
    /// Weekly round trips allowed per carrier country between the two countries.
    pub cap: u32,
    /// Highest weekly frequency considered for a route.
    pub max_weekly: u32,
    /// Replications per evaluation.
    pub replications: u32,
    /// Most rounds of moves.
    pub max_rounds: u32,
}

/// One tuned route in the result.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TunedRoute {
    /// The route pair.
    pub route: RoutePair,
    /// Weekly frequency at the start.
    pub current: u32,
    /// Recommended weekly frequency.
    pub recommended: u32,
    /// Load factor (both directions) at the start.
    pub load_factor_current: f64,
    /// Load factor at the recommendation.
    pub load_factor: f64,
    /// Passengers on the route (both directions, mean per replication) at the start.
    pub passengers_current: f64,
    /// Passengers at the recommendation.
    pub passengers: f64,
    /// Spilled requests of the pair's two nonstop markets at the start.
    pub spill_current: f64,
    /// Spilled requests at the recommendation.
    pub spill: f64,
    /// Revenue of the route (both directions, prorated, mean per replication) at the start.
    pub revenue_current: f64,
    /// Revenue at the recommendation.
    pub revenue: f64,
    /// Profit of the route (revenue minus its flights' cost) at the start.
    pub profit_current: f64,
    /// Profit at the recommendation.
    pub profit: f64,
    /// Network contribution (full fares of every ticket using the route) at the start.
    pub network_revenue_current: f64,
    /// Network contribution at the recommendation.
    pub network_revenue: f64,
}

/// One accepted move.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Move {
    /// Round number (1-based).
    pub round: u32,
    /// The route changed.
    pub route: RoutePair,
    /// Its new weekly frequency.
    pub weekly: u32,
    /// Objective improvement of the round's accepted plan (paired mean and 95% interval).
    pub gain: Estimate,
}

/// The tuning result.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TuneResult {
    /// The tuning window.
    pub window: DateRange,
    /// What was optimised.
    pub objective_name: String,
    /// Objective at the start (mean over replications).
    pub objective_start: Estimate,
    /// Objective at the recommendation.
    pub objective_end: Estimate,
    /// Improvement (paired).
    pub improvement: Estimate,
    /// Routes tuned.
    pub routes: Vec<TunedRoute>,
    /// Moves accepted, in order.
    pub moves: Vec<Move>,
    /// Candidate evaluations run.
    pub evaluations: u32,
    /// The frequency overrides that make the recommendation (changed routes only).
    pub overrides: Vec<FrequencyOverride>,
}

/// The paired improvement of `new` over `old`, replication by replication.
fn gain(new: &[f64], old: &[f64]) -> Estimate {
    let d: Vec<f64> = new.iter().zip(old).map(|(x, y)| x - y).collect();
    Estimate::of(&d)
}

/// Whether an improvement is signal: its 95% interval lies above zero (with one replication,
/// simply above zero).
fn significant(g: &Estimate, replications: usize) -> bool {
    if replications > 1 {
        g.ci95_low > 0.0
    } else {
        g.mean > 0.0
    }
}

/// One evaluated frequency plan: objective per replication plus route figures.
#[derive(Clone)]
struct Eval {
    objective: Vec<f64>,
    /// Per tuned pair: means per replication.
    pairs: Vec<PairFigures>,
}

/// A tuned pair's figures (both directions, means per replication).
#[derive(Clone, Copy, Debug, Default)]
struct PairFigures {
    seats: f64,
    passengers: f64,
    spilled: f64,
    revenue: f64,
    cost: f64,
    network_revenue: f64,
}

/// The tuner: a base scenario, its network, the pairs and settings.
pub struct Tuner<'a> {
    base: Scenario,
    data: &'a NetworkData,
    opts: TuneOptions,
    pairs: Vec<RoutePair>,
    start: Vec<u32>,
    short_at_start: Vec<(String, String)>,
}

impl<'a> Tuner<'a> {
    /// Sets up tuning of `scenario` on `data`: works out the routes and their current weekly
    /// frequencies in the window.
    ///
    /// # Errors
    /// [`Error::Request`] when there is nothing to tune or a named route is not flown.
    pub fn new(scenario: &Scenario, data: &'a NetworkData, opts: TuneOptions) -> Result<Tuner<'a>> {
        let mut base = scenario.clone();
        base.file.start = Some(opts.window.first);
        base.file.end = Some(opts.window.last);
        base.file.replications = Some(opts.replications);
        let study = Study::with_data(base.clone(), data)?;
        let net = &study.prepared.net;
        let d = net.data();
        // Flights per (airline, origin, destination) in the window.
        let mut flown: BTreeMap<(String, String, String), u32> = BTreeMap::new();
        for l in &net.legs {
            if opts.window.contains(l.day) {
                *flown
                    .entry((
                        d.airline(l.airline).code.clone(),
                        d.airport(l.origin).iata.clone(),
                        d.airport(l.destination).iata.clone(),
                    ))
                    .or_default() += 1;
            }
        }
        let weeks = opts.window.len() as f64 / 7.0;
        let country = |iata: &str| {
            d.airport(d.airport_id(iata).expect("flown airport"))
                .country
                .clone()
        };
        let (ca, cb) = (&opts.countries.0, &opts.countries.1);
        let mut pairs: Vec<RoutePair> = if opts.routes.is_empty() {
            flown
                .keys()
                .filter(|(_, o, x)| {
                    let (co, cx) = (country(o), country(x));
                    (&co == ca && &cx == cb) || (&co == cb && &cx == ca)
                })
                .map(|(al, o, x)| {
                    let (a, b) = if o <= x { (o, x) } else { (x, o) };
                    RoutePair {
                        airline: al.clone(),
                        a: a.clone(),
                        b: b.clone(),
                    }
                })
                .collect()
        } else {
            opts.routes.clone()
        };
        pairs.sort();
        pairs.dedup();
        if pairs.is_empty() {
            return Err(Error::Request(format!(
                "no {ca}–{cb} routes are flown between {} and {}; nothing to tune",
                opts.window.first, opts.window.last
            )));
        }
        let mut start = Vec::new();
        for p in &pairs {
            let get = |o: &str, x: &str| {
                flown
                    .get(&(p.airline.clone(), o.to_string(), x.to_string()))
                    .copied()
            };
            match (get(&p.a, &p.b), get(&p.b, &p.a)) {
                (None, None) => {
                    return Err(Error::Request(format!(
                        "{} {}–{} is not flown between {} and {}",
                        p.airline, p.a, p.b, opts.window.first, opts.window.last
                    )));
                }
                (x, y) => {
                    let f = x.unwrap_or(0).max(y.unwrap_or(0)) as f64 / weeks;
                    start.push(f.round() as u32);
                }
            }
        }
        let short_at_start = study
            .prepared
            .rotations
            .needs
            .iter()
            .filter(|n| n.short)
            .map(|n| (n.airline.clone(), n.aircraft.clone()))
            .collect();
        Ok(Tuner {
            base,
            data,
            opts,
            pairs,
            start,
            short_at_start,
        })
    }

    /// The routes being tuned and their starting weekly frequencies.
    pub fn start(&self) -> impl Iterator<Item = (&RoutePair, u32)> {
        self.pairs.iter().zip(self.start.iter().copied())
    }

    fn overrides(&self, freqs: &[u32], only_changed: bool) -> Vec<FrequencyOverride> {
        self.pairs
            .iter()
            .zip(freqs)
            .zip(&self.start)
            .filter(|((_, f), s)| !only_changed || f != s)
            .map(|((p, &f), _)| FrequencyOverride {
                airline: p.airline.clone(),
                origin: p.a.clone(),
                destination: p.b.clone(),
                weekly: f,
                from: self.opts.window.first,
                to: self.opts.window.last,
                both_directions: true,
                dep: None,
                return_dep: None,
                aircraft: None,
                block: None,
            })
            .collect()
    }

    /// The scenario with a frequency plan applied (overrides appended to the scenario's own).
    pub fn scenario_with(&self, freqs: &[u32]) -> Scenario {
        let mut s = self.base.clone();
        s.file.frequency.extend(self.overrides(freqs, false));
        s
    }

    /// Whether a plan respects the fleet and the cap; `None` when it does, else why not.
    fn infeasible(&self, study: &Study) -> Option<String> {
        for n in &study.prepared.rotations.needs {
            if n.short
                && !self
                    .short_at_start
                    .contains(&(n.airline.clone(), n.aircraft.clone()))
            {
                return Some(format!(
                    "{} {} needs {} of {}",
                    n.airline, n.aircraft, n.needed, n.fleet
                ));
            }
        }
        let net = &study.prepared.net;
        let d = net.data();
        let (ca, cb) = (&self.opts.countries.0, &self.opts.countries.1);
        // Weekly legs between the countries per carrier country, per week.
        let mut weekly: BTreeMap<(Day, String), u32> = BTreeMap::new();
        for l in &net.legs {
            if !self.opts.window.contains(l.day) {
                continue;
            }
            let (co, cx) = (
                &d.airport(l.origin).country,
                &d.airport(l.destination).country,
            );
            if (co == ca && cx == cb) || (co == cb && cx == ca) {
                *weekly
                    .entry((l.day.week_start(), d.airline(l.airline).country.clone()))
                    .or_default() += 1;
            }
        }
        for ((week, country), legs) in weekly {
            let round_trips = legs as f64 / 2.0;
            if round_trips > self.opts.cap as f64 {
                return Some(format!(
                    "{country} carriers fly {round_trips} round trips in the week of {week}, over the cap of {}",
                    self.opts.cap
                ));
            }
        }
        None
    }

    /// Simulates a plan; `None` when it breaks a constraint.
    fn evaluate(&self, freqs: &[u32]) -> Result<Option<Eval>> {
        let study = Study::with_data(self.scenario_with(freqs), self.data)?;
        if self.infeasible(&study).is_some() {
            return Ok(None);
        }
        let reps: Vec<u32> = (0..self.opts.replications).collect();
        let results: Vec<_> = reps
            .iter()
            .map(|&r| study.prepared.run(r, &|_, _| {}))
            .collect();
        let d = study.prepared.net.data();
        let key_of = |i: usize| {
            let r = study
                .prepared
                .net
                .route(flightnet_data::network::RouteId(i as u32));
            (
                d.airline(r.airline).code.as_str(),
                d.airport(r.origin).iata.as_str(),
                d.airport(r.destination).iata.as_str(),
            )
        };
        let on_pair = |p: &RoutePair, (al, o, x): (&str, &str, &str)| {
            al == p.airline && ((o == p.a && x == p.b) || (o == p.b && x == p.a))
        };
        let n = results.len() as f64;
        let mut objective = Vec::new();
        let mut pairs = vec![PairFigures::default(); self.pairs.len()];
        for res in &results {
            let journeys = res.journey_totals();
            let mut value = match self.opts.objective {
                Objective::Profit => {
                    (journeys.revenue_cents - res.flight_totals().cost_cents) as f64 / 100.0
                }
                Objective::Passengers { .. } => journeys.carried as f64,
                Objective::LoadFactorBand { .. } => 0.0,
            };
            for (i, c) in res.routes.iter().enumerate() {
                let key = key_of(i);
                let Some(k) = self.pairs.iter().position(|p| on_pair(p, key)) else {
                    continue;
                };
                let f = &mut pairs[k];
                f.seats += c.seats as f64 / n;
                f.passengers += c.passengers as f64 / n;
                f.revenue += c.revenue_cents as f64 / 100.0 / n;
                f.cost += c.cost_cents as f64 / 100.0 / n;
                f.network_revenue += c.itinerary_revenue_cents as f64 / 100.0 / n;
                match self.opts.objective {
                    Objective::Profit => {}
                    Objective::Passengers { cost_per_flight } => {
                        value -= cost_per_flight * c.flights as f64
                    }
                    Objective::LoadFactorBand { low, high } => {
                        let lf = c.load_factor();
                        let gap = (low - lf).max(lf - high).max(0.0);
                        value -= gap * c.seats as f64;
                    }
                }
            }
            for (m, market) in res.markets.iter().zip(&study.prepared.markets) {
                let (o, x) = (
                    d.airport(market.origin).iata.as_str(),
                    d.airport(market.destination).iata.as_str(),
                );
                if let Some(k) = self
                    .pairs
                    .iter()
                    .position(|p| (o == p.a && x == p.b) || (o == p.b && x == p.a))
                {
                    pairs[k].spilled += m.spilled as f64 / n;
                }
            }
            objective.push(value);
        }
        Ok(Some(Eval { objective, pairs }))
    }

    /// Runs the search; `progress(round, evaluations)` is called after every round.
    ///
    /// # Returns
    /// The recommendation, its objective against the start, and the overrides that make it.
    pub fn run(&self, progress: &(dyn Fn(u32, u32) + Sync)) -> Result<TuneResult> {
        let start_eval = self.evaluate(&self.start)?.ok_or_else(|| {
            Error::Request("the starting schedule breaks the fleet or the cap".into())
        })?;
        let mut freqs = self.start.clone();
        let mut best = start_eval.objective.clone();
        let mut best_eval = start_eval.clone();
        let mut moves = Vec::new();
        let mut evaluations = 1;
        let min = match self.opts.objective {
            Objective::Profit | Objective::Passengers { .. } => 0,
            Objective::LoadFactorBand { .. } => 1,
        };
        for round in 1..=self.opts.max_rounds {
            let candidates: Vec<(usize, u32)> = (0..self.pairs.len())
                .flat_map(|k| {
                    let f = freqs[k];
                    [
                        f.checked_sub(1).filter(|&x| x >= min),
                        (f < self.opts.max_weekly).then_some(f + 1),
                    ]
                    .into_iter()
                    .flatten()
                    .map(move |x| (k, x))
                })
                .collect();
            evaluations += candidates.len() as u32;
            let evals: Vec<Result<Option<Eval>>> = candidates
                .par_iter()
                .map(|&(k, x)| {
                    let mut plan = freqs.clone();
                    plan[k] = x;
                    self.evaluate(&plan)
                })
                .collect();
            // The significant improving moves, at most one per route (its better direction).
            let mut improving: Vec<(usize, Estimate, Eval)> = Vec::new();
            for (i, e) in evals.into_iter().enumerate() {
                let Some(e) = e? else { continue };
                let g = gain(&e.objective, &best);
                if !significant(&g, e.objective.len()) {
                    continue;
                }
                let k = candidates[i].0;
                match improving.iter_mut().find(|(j, _, _)| candidates[*j].0 == k) {
                    Some(slot) if slot.1.mean >= g.mean => {}
                    Some(slot) => *slot = (i, g, e),
                    None => improving.push((i, g, e)),
                }
            }
            improving.sort_by(|a, b| b.1.mean.total_cmp(&a.1.mean).then(a.0.cmp(&b.0)));
            if improving.is_empty() {
                progress(round, evaluations);
                break;
            }
            // Try all of them at once; keep the combination if it beats the best single move.
            let mut accepted: Vec<usize> = vec![improving[0].0];
            let mut next_eval = improving[0].2.clone();
            let mut next_gain = improving[0].1;
            if improving.len() > 1 {
                let mut plan = freqs.clone();
                for (i, _, _) in &improving {
                    let (k, x) = candidates[*i];
                    plan[k] = x;
                }
                evaluations += 1;
                if let Some(e) = self.evaluate(&plan)? {
                    let g = gain(&e.objective, &best);
                    if significant(&g, e.objective.len()) && g.mean > next_gain.mean {
                        accepted = improving.iter().map(|(i, _, _)| *i).collect();
                        next_eval = e;
                        next_gain = g;
                    }
                }
            }
            for &i in &accepted {
                let (k, x) = candidates[i];
                freqs[k] = x;
                moves.push(Move {
                    round,
                    route: self.pairs[k].clone(),
                    weekly: x,
                    gain: next_gain,
                });
            }
            best = next_eval.objective.clone();
            best_eval = next_eval;
            progress(round, evaluations);
        }
        let improvement: Vec<f64> = best
            .iter()
            .zip(&start_eval.objective)
            .map(|(x, y)| x - y)
            .collect();
        let lf = |f: PairFigures| ratio(f.passengers, f.seats);
        let routes = self
            .pairs
            .iter()
            .enumerate()
            .map(|(k, p)| TunedRoute {
                route: p.clone(),
                current: self.start[k],
                recommended: freqs[k],
                load_factor_current: lf(start_eval.pairs[k]),
                load_factor: lf(best_eval.pairs[k]),
                passengers_current: start_eval.pairs[k].passengers,
                passengers: best_eval.pairs[k].passengers,
                spill_current: start_eval.pairs[k].spilled,
                spill: best_eval.pairs[k].spilled,
                revenue_current: start_eval.pairs[k].revenue,
                revenue: best_eval.pairs[k].revenue,
                profit_current: start_eval.pairs[k].revenue - start_eval.pairs[k].cost,
                profit: best_eval.pairs[k].revenue - best_eval.pairs[k].cost,
                network_revenue_current: start_eval.pairs[k].network_revenue,
                network_revenue: best_eval.pairs[k].network_revenue,
            })
            .collect();
        Ok(TuneResult {
            window: self.opts.window,
            objective_name: match self.opts.objective {
                Objective::Profit => "network profit".into(),
                Objective::Passengers { cost_per_flight } => {
                    format!("passengers carried − {cost_per_flight} per flight")
                }
                Objective::LoadFactorBand { low, high } => {
                    format!("seats outside the load-factor band {low}–{high}, negated")
                }
            },
            objective_start: Estimate::of(&start_eval.objective),
            objective_end: Estimate::of(&best),
            improvement: Estimate::of(&improvement),
            routes,
            moves,
            evaluations,
            overrides: self.overrides(&freqs, true),
        })
    }
}

impl TuneResult {
    /// The result as terminal tables.
    pub fn to_table(&self) -> String {
        use flightnet_report::table::Table;
        let mut t = Table::new(&[
            "route",
            "current",
            "recommended",
            "change",
            "LF now",
            "LF new",
            "spill now",
            "spill new",
            "pax now",
            "pax new",
            "profit now",
            "profit new",
            "network rev. now",
            "network rev. new",
        ]);
        for r in &self.routes {
            let change = r.recommended as i64 - r.current as i64;
            t.row(vec![
                format!("{} {}–{}", r.route.airline, r.route.a, r.route.b),
                r.current.to_string(),
                r.recommended.to_string(),
                if change == 0 {
                    "=".into()
                } else {
                    format!("{change:+}")
                },
                format!("{:.1}%", r.load_factor_current * 100.0),
                format!("{:.1}%", r.load_factor * 100.0),
                format!("{:.0}", r.spill_current),
                format!("{:.0}", r.spill),
                format!("{:.0}", r.passengers_current),
                format!("{:.0}", r.passengers),
                flightnet_report::summary_table::thousands(r.profit_current.round()),
                flightnet_report::summary_table::thousands(r.profit.round()),
                flightnet_report::summary_table::thousands(r.network_revenue_current.round()),
                flightnet_report::summary_table::thousands(r.network_revenue.round()),
            ]);
        }
        let mut out = t.render(&format!(
            "Weekly frequencies (both directions), {} to {}",
            self.window.first, self.window.last
        ));
        out.push_str(&format!(
            "Objective ({}): {:.1} → {:.1}; improvement {:.1} (95% CI {:.1} to {:.1}); {} moves, {} evaluations\n",
            self.objective_name,
            self.objective_start.mean,
            self.objective_end.mean,
            self.improvement.mean,
            self.improvement.ci95_low,
            self.improvement.ci95_high,
            self.moves.len(),
            self.evaluations
        ));
        out
    }

    /// The result as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("tune result serialises") + "\n"
    }
}
