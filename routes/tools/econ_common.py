"""Helpers shared by the demand, fares, costs and observed-data generators.

Python 3.11, standard library only. Imported by build_stats.py, build_demand.py,
build_fares.py, build_costs.py and build_observed.py (all in this folder); it reuses
the CSV hygiene, geometry and connection logic of build_routes.py so that every tool
reads the files the same way. Nothing here reads fleet.csv.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections import defaultdict

import build_routes as br

ROUTES = br.ROUTES
BASIS_ORDER = br.BASIS_ORDER
CheckError = br.CheckError
check = br.check
read_csv = br.read_csv
write_csv = br.write_csv

# SIFL (US DOT Standard Industry Fare Level), 1 Jan - 30 Jun 2023 [safeharbor-sifl23]:
# terminal charge and three mileage rates (USD; miles).
SIFL_TERMINAL = 52.35
SIFL_RATES = ((500, 0.2864), (1000, 0.2183), (None, 0.2099))
KM_PER_MILE = 1.609344

# Currency rates (local currency per USD), see SOURCES.md "Currency rates".
KZT_PER_USD = 462.6      # 10.5 bn KZT = US$22.7 M, 2023 [menafn-2309] (S-inf)
CNY_PER_USD = 7.02       # mean of three 2023 central-parity fixings, 6.7135 / 7.1201 / 7.2148 (S-inf)


def weakest(*bases: str) -> str:
    for b in bases:
        check(b in BASIS_ORDER, f"bad basis {b!r}")
    return max(bases, key=BASIS_ORDER.index)


def load_airports() -> dict:
    """airports.csv with numeric coordinates and zones (no other file is read)."""
    out = {}
    for r in read_csv("airports.csv"):
        r["lat"], r["lon"] = float(r["lat"]), float(r["lon"])
        r["zone"] = zoneinfo.ZoneInfo(r["tz"])
        for k in ("mct_dd", "mct_di", "mct_id", "mct_ii"):
            r[k] = int(r[k])
        out[r["iata"]] = r
    check(len(out) >= 30, "airports.csv has fewer than 30 airports")
    return out


def gc_km(airports: dict, a: str, b: str) -> float:
    return br.gc_km(airports, a, b)


def sifl_usd(km: float) -> float:
    """SIFL one-way coach fare (USD) for a great-circle distance in km."""
    m = km / KM_PER_MILE
    total, lo = SIFL_TERMINAL, 0.0
    for width, rate in SIFL_RATES:
        hi = m if width is None else min(m, lo + width)
        if hi > lo:
            total += rate * (hi - lo)
        if width is not None:
            lo += width
    return total


def known_source_ids() -> set[str]:
    path = ROUTES / "SOURCES.md"
    check(path.exists(), "routes/SOURCES.md is missing")
    known = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            known.add(line.split("`")[1])
    return known


def check_sources(name: str, sources: list[str]) -> None:
    """Every id in the `source` values resolves in the SOURCES.md id table."""
    known = known_source_ids()
    used = set()
    for s in sources:
        check(s and " " not in s and "," not in s, f"{name}: bad source field {s!r}")
        used.update(i for i in s.split(";") if i not in ("-", "gravity"))
    missing = sorted(used - known)
    check(not missing, f"{name}: source ids not resolved in SOURCES.md: {missing}")


def check_basis(name: str, values: list[str]) -> None:
    bad = sorted({v for v in values if v not in BASIS_ORDER})
    check(not bad, f"{name}: basis values outside the vocabulary: {bad}")


# ------------------------------------------------------------------ schedule
def schedule_instances(airports: dict) -> list[dict]:
    """Every dated leg of the shipped schedule.csv (UTC times).

    Each instance has origin, dest, airline, flight, aircraft (a name; no seats), dep_utc,
    arr_utc, date (local departure date) and the keys
    (svc, anchor, leg) that build_routes.connections uses for through flights:
    consecutive legs of one airline and flight number, where the second leaves the
    first's destination 0-3 h after it arrives, form one through service.
    """
    out = []
    for r in read_csv("schedule.csv"):
        oz, dz = airports[r["origin"]]["zone"], airports[r["destination"]]["zone"]
        d0, d1 = dt.date.fromisoformat(r["from"]), dt.date.fromisoformat(r["to"])
        dep_hm, arr_hm, arr_day = br.parse_hhmm(r["dep"]), br.parse_hhmm(r["arr"]), int(r["arr_day"])
        d = d0
        while d <= d1:
            if r["days"][d.isoweekday() - 1] != ".":
                dep = br.local_to_utc(d, dep_hm, oz)
                arr = br.local_to_utc(d + dt.timedelta(days=arr_day), arr_hm, dz)
                check(arr > dep, f"schedule row {r['airline']}{r['flight']} {d}: arrival before departure")
                out.append({"airline": r["airline"], "flight": r["flight"], "origin": r["origin"],
                            "dest": r["destination"], "dep_utc": dep, "arr_utc": arr, "date": d,
                            "aircraft": r["aircraft"]})
            d += dt.timedelta(days=1)
    out.sort(key=lambda x: (x["airline"], int(x["flight"]), x["dep_utc"], x["origin"]))
    # Through services: chain consecutive legs of one flight number.
    svc = 0
    prev = None
    for x in out:
        if (prev is not None and prev["airline"] == x["airline"] and prev["flight"] == x["flight"]
                and prev["dest"] == x["origin"]
                and dt.timedelta(0) <= x["dep_utc"] - prev["arr_utc"] <= dt.timedelta(hours=3)):
            x["svc"], x["anchor"], x["leg"] = prev["svc"], prev["anchor"], prev["leg"] + 1
        else:
            svc += 1
            x["svc"], x["anchor"], x["leg"] = svc, x["date"], 0
        prev = x
    return out


def through_sectors(instances: list[dict]) -> set[tuple[str, str, str]]:
    """(airline, origin, dest) legs that are sectors of a multi-leg through flight."""
    by = defaultdict(list)
    for x in instances:
        by[(x["svc"], x["anchor"])].append(x)
    out = set()
    for legs in by.values():
        if len(legs) > 1:
            out.update((x["airline"], x["origin"], x["dest"]) for x in legs)
    return out


def network(airports: dict) -> dict:
    """Routes, nonstop pairs, connection triples and the market set of the schedule.

    The market set is build_routes' rule: every directed pair served nonstop or with one
    connection (MCT <= connect time <= 12 h, any airlines, through stops included) in
    any week of the schedule. Only the existence of service is used, never seats or
    frequencies.
    """
    inst = schedule_instances(airports)
    triples = br.connections(inst, airports)
    routes = {(x["airline"], x["origin"], x["dest"]) for x in inst}
    nonstop = {(o, d) for _a, o, d in routes}
    markets = nonstop | {(o, d) for o, _h, d in triples}
    hubs = defaultdict(set)
    for o, h, d in triples:
        hubs[(o, d)].add(h)
    return {"instances": inst, "triples": triples, "routes": routes, "nonstop": nonstop,
            "markets": markets, "hubs": hubs, "through": through_sectors(inst)}


def market_group(airports: dict, o: str, d: str) -> str:
    """Geographic market group (both directions share a group)."""
    a, b = airports[o]["country"], airports[d]["country"]
    if a == b == "KZ":
        return "KZ domestic"
    if {a, b} == {"KZ", "CN"}:
        return "KZ-CN"
    if "KZ" in (a, b):
        return "KZ-other international"
    if a == b == "CN":
        return "CN domestic"
    if "CN" in (a, b):
        return "CN-other international"
    return "other"


def isclose(a: float, b: float, rel: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)
