#!/usr/bin/env python3
"""Write routes/observed.csv: public figures the shipped network can be compared with.

Usage (from the repository root):

    python3 routes/tools/build_observed.py

Python 3.11, standard library only. Columns: metric (passengers, load_factor, flights,
rpk), selector (an airline code such as KC; a route such as KC:ALA-PEK, that airline and
that direction only; an airport such as ALA, departing or arriving; a country pair such
as KZ-CN, both directions; or all), from and to (inclusive dates), value, basis, source.
Load factors are fractions (passengers / seats, as the simulator reports them); flights
count flown legs. SOURCES.md ("observed.csv") says how comparable each row is and which
public figures are left out and why. The script checks selectors against airlines.csv,
airports.csv and schedule.csv, the dates against the schedule horizon, and the source
ids; a failed check prints `SELF-CHECK FAILED: ...` and exits 1 before writing.
"""

from __future__ import annotations

import datetime as dt
import sys

sys.dont_write_bytecode = True  # keep routes/tools free of __pycache__
import econ_common as ec
from econ_common import check

METRICS = ("passengers", "load_factor", "flights", "rpk")
HORIZON = (dt.date(2022, 6, 1), dt.date(2024, 12, 31))

# metric, selector, from, to, value, basis, source
ROWS = [
    # Weekly Kazakhstan-China flights, both directions: sources give weekly round-trip
    # frequencies, so flights = 2 x the figure (S-inf).
    ("flights", "KZ-CN", "2022-07-01", "2022-07-07", 4, "S-inf", "caa22"),
    ("flights", "KZ-CN", "2023-04-10", "2023-04-16", 26, "S-inf", "at-2304"),
    ("flights", "KZ-CN", "2023-06-05", "2023-06-11", 38, "S-inf", "at-2304"),
    ("flights", "KZ-CN", "2023-10-15", "2023-10-21", 54, "S-inf", "rzd-2310"),
    ("flights", "KZ-CN", "2024-06-03", "2024-06-09", 86, "S-inf", "trend-2405"),
    # Air Astana group (KC + FlyArystan) load factor, RPK / ASK.
    ("load_factor", "KC", "2022-01-01", "2022-09-30", 0.83, "S", "kc-9m2023"),
    ("load_factor", "KC", "2022-01-01", "2022-12-31", 0.827, "S", "kc-fy2023"),
    ("load_factor", "KC", "2023-01-01", "2023-09-30", 0.84, "S", "kc-9m2023"),
    ("load_factor", "KC", "2023-01-01", "2023-12-31", 0.828, "S", "kc-fy2023"),
    ("load_factor", "KC", "2024-01-01", "2024-03-31", 0.812, "S", "kc-q12025"),
    # China Southern group load factor, RPK / ASK.
    ("load_factor", "CZ", "2022-01-01", "2022-12-31", 0.6635, "S-inf", "cz-ar2022"),
    ("load_factor", "CZ", "2023-01-01", "2023-11-30", 0.7796, "S-inf", "cz-2311"),
    ("load_factor", "CZ", "2023-11-01", "2023-11-30", 0.7893, "S", "ths-600029"),
    ("load_factor", "CZ", "2023-12-01", "2023-12-31", 0.7938, "S", "ths-600029"),
    ("load_factor", "CZ", "2023-01-01", "2023-12-31", 0.781, "S", "chaguwang-cz23"),
]


def main() -> int:
    airports = ec.load_airports()
    airlines = {r["code"] for r in ec.read_csv("airlines.csv")}
    routes = {(r["airline"], r["origin"], r["destination"]) for r in ec.read_csv("schedule.csv")}
    countries = {a["country"] for a in airports.values()}
    seen = set()
    for metric, sel, f, t, value, basis, source in ROWS:
        tag = f"{metric} {sel} {f}"
        check(metric in METRICS, f"{tag}: metric")
        if ":" in sel:
            a, od = sel.split(":")
            o, d = od.split("-")
            check((a, o, d) in routes, f"{tag}: route selector not in the schedule")
        elif "-" in sel:
            c1, c2 = sel.split("-")
            check(c1 in countries and c2 in countries and c1 != c2, f"{tag}: country pair")
        elif sel != "all":
            check(sel in airlines or sel in airports, f"{tag}: selector is neither an airline nor an airport")
        d0, d1 = dt.date.fromisoformat(f), dt.date.fromisoformat(t)
        check(d0 <= d1, f"{tag}: from after to")
        check(d1 >= HORIZON[0] and d0 <= HORIZON[1], f"{tag}: window outside the schedule horizon")
        if metric == "load_factor":
            check(0 < value < 1, f"{tag}: load factor is a fraction")
        else:
            check(isinstance(value, int) and value > 0, f"{tag}: count")
        check((metric, sel, f, t) not in seen, f"{tag}: duplicate")
        seen.add((metric, sel, f, t))
    ec.check_basis("observed.csv", [r[5] for r in ROWS])
    ec.check_sources("observed.csv", [r[6] for r in ROWS])
    ec.write_csv("observed.csv", ["metric", "selector", "from", "to", "value", "basis", "source"],
                 [list(r) for r in ROWS])
    # Report: the shipped schedule's own flight counts for the flight rows (a preview of the comparison).
    inst = ec.schedule_instances(airports)
    print(f"observed.csv: {len(ROWS)} rows")
    for metric, sel, f, t, value, basis, source in ROWS:
        if metric == "flights" and sel == "KZ-CN":
            d0, d1 = dt.date.fromisoformat(f), dt.date.fromisoformat(t)
            n = sum(1 for x in inst if d0 <= x["date"] <= d1
                    and {airports[x["origin"]]["country"], airports[x["dest"]]["country"]} == {"KZ", "CN"})
            print(f"  flights KZ-CN {f}..{t}: public {value}, shipped schedule {n}")
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ec.CheckError as e:
        print(f"SELF-CHECK FAILED: {e}", file=sys.stderr)
        sys.exit(1)
