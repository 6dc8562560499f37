#!/usr/bin/env python3
"""Write routes/fares.csv for flightnet.

Usage (from the repository root, after build_demand.py):

    python3 routes/tools/build_fares.py

Python 3.11, standard library only. Reads airports.csv, schedule.csv (which airline flies
which route), demand.csv (the markets) and SOURCES.md. One row per booking class for
every (airline, market) where the airline flies a first leg of a nonstop or one-stop
itinerary of the market: the airline flies origin -> destination, or origin -> hub
where some airline flies hub -> destination (a superset of the simulator's paths,
which also check connection times and interline rules). One economy cabin: the
simulator has one cabin, so business fares are not modelled.

Market average fare (USD, one way):
  * Kazakhstan domestic: Air Astana's published December 2023 averages where they exist
    (NQZ-ALA 28,435 KZT, ALA-SCO 37,568 KZT [zakon-yq]), otherwise the straight line
    through them, 20,749 + 8.082 x km KZT (E), at 462.6 KZT/USD.
  * all other markets: k x SIFL(distance), the 2023 US DOT fare formula scaled by
    k = 0.44 for full-service carriers (Air Astana group revenue per passenger, 2023,
    [kc-fy2023]) and k = 0.375 for FlyArystan (E, the notes' 0.35-0.40 LCC range).
Class ladder: full-service Y B H K L V at 4 : 3 : 2 : 1.5 : 1.25 : 1 of the lowest fare
(PassengerSim demo ladder), the lowest fare set so that an assumed class mix pays the
market average; FlyArystan Y M L E at 2 : 1.6 : 1.3 : 1 with 56% of tickets in the two
discount classes [smi24-fs]. SOURCES.md ("fares.csv") documents everything. Output is
deterministic; a failed check prints `SELF-CHECK FAILED: ...` and exits 1 before writing.
"""

from __future__ import annotations

import sys
from collections import defaultdict

sys.dont_write_bytecode = True  # keep routes/tools free of __pycache__
import econ_common as ec
from econ_common import check

K_FSC = 0.44          # k x SIFL for full-service carriers [kc-fy2023] (S-inf, an upper bound)
K_LCC = 0.375         # FlyArystan (E)
KZ_DOM_A, KZ_DOM_B = 20_749.0, 8.082   # KZT and KZT/km: line through the two KC averages (E)
SOURCED_KZT = {frozenset(("ALA", "NQZ")): 28_435.0, frozenset(("ALA", "SCO")): 37_568.0}  # [zakon-yq] (S)
LCC = {"FS"}

# (class, multiple of the lowest fare, assumed share of passengers, advance purchase days, restrictions)
FSC_LADDER = [
    ("Y", 4.0, 0.05, 0, "-"),
    ("B", 3.0, 0.10, 0, "-"),
    ("H", 2.0, 0.15, 3, "change_fee"),
    ("K", 1.5, 0.20, 7, "change_fee"),
    ("L", 1.25, 0.25, 14, "non_refundable;change_fee"),
    ("V", 1.0, 0.25, 21, "saturday_stay;non_refundable;change_fee"),
]
LCC_LADDER = [
    ("Y", 2.0, 0.14, 0, "-"),
    ("M", 1.6, 0.30, 3, "change_fee"),
    ("L", 1.3, 0.26, 7, "non_refundable;change_fee"),
    ("E", 1.0, 0.30, 14, "non_refundable;change_fee"),
]
CZ_YIELD_CNY = 0.549  # CZ passenger yield 2023, CNY per RPK [chaguwang-cz23] (S), a cross-check only


def mean_multiple(ladder) -> float:
    return sum(m * w for _c, m, w, _ap, _r in ladder)


def average_fare(airports, airline: str, o: str, d: str) -> tuple[float, str, str]:
    """Market average one-way fare (USD), its rule and its source ids."""
    km = ec.gc_km(airports, o, d)
    if airports[o]["country"] == airports[d]["country"] == "KZ":
        key = frozenset((o, d))
        kzt = SOURCED_KZT.get(key, KZ_DOM_A + KZ_DOM_B * km)
        rule = "KC average Dec 2023" if key in SOURCED_KZT else "KZ domestic line"
        usd = kzt / ec.KZT_PER_USD
        if airline in LCC:
            usd *= K_LCC / K_FSC
            rule += f" x {K_LCC}/{K_FSC} (LCC)"
        return usd, rule, "zakon-yq;menafn-2309"
    k = K_LCC if airline in LCC else K_FSC
    return k * ec.sifl_usd(km), f"{k} x SIFL", "safeharbor-sifl23;kc-fy2023"


def main() -> int:
    airports = ec.load_airports()
    routes = {(r["airline"], r["origin"], r["destination"]) for r in ec.read_csv("schedule.csv")}
    airlines = [r["code"] for r in ec.read_csv("airlines.csv")]
    demand = [(r["origin"], r["destination"]) for r in ec.read_csv("demand.csv")]
    check(len(demand) == len(set(demand)) and demand, "demand.csv: markets must be unique")
    flown = defaultdict(set)          # (origin, destination) -> airlines flying it
    for a, o, d in routes:
        flown[(o, d)].add(a)
    out_of = defaultdict(set)         # origin -> (airline, next airport)
    for a, o, d in routes:
        out_of[o].add((a, d))
    check(abs(mean_multiple(FSC_LADDER) - 1.6625) < 1e-12, "FSC mix")
    for lad in (FSC_LADDER, LCC_LADDER):
        check(abs(sum(w for _c, _m, w, _a, _r in lad) - 1) < 1e-12, "class mix must sum to 1")
        check(all(a[1] > b[1] and a[3] <= b[3] for a, b in zip(lad, lad[1:])), "ladder must fall, AP rise")
    check(abs(sum(w for c, _m, w, _a, _r in LCC_LADDER if c in ("L", "E")) - 0.56) < 1e-12, "FS discount share")

    rows, levels = [], {}
    for o, d in sorted(demand):
        sellers = set(flown.get((o, d), set()))
        for a, h in out_of[o]:
            if h not in (o, d) and flown.get((h, d)):
                sellers.add(a)
        check(sellers, f"market {o}-{d} has no first-leg airline")
        for a in sorted(sellers, key=airlines.index):
            avg, rule, src = average_fare(airports, a, o, d)
            ladder = LCC_LADDER if a in LCC else FSC_LADDER
            low = avg / mean_multiple(ladder)
            extra = ";smi24-fs" if a in LCC else (";kc-upgrade-tc" if a == "KC" else ";csair-eticket")
            source = src + ";passengersim" + extra
            prev = None
            for c, mult, _w, ap, restr in ladder:
                fare = round(low * mult, 2)
                check(prev is None or fare < prev, f"fares not strictly decreasing {a} {o}-{d} {c}")
                prev = fare
                rows.append([a, o, d, c, f"{fare:.2f}", "USD", ap, restr, "E", source])
            levels[(a, o, d)] = (avg, rule, [round(low * m, 2) for _c, m, *_ in ladder])
    # Checks: one class order per airline, currency, restrictions vocabulary, sources.
    order = {}
    for r in rows:
        order.setdefault(r[0], [])
        if r[3] not in order[r[0]]:
            order[r[0]].append(r[3])
    for a, cls in order.items():
        want = [c for c, *_ in (LCC_LADDER if a in LCC else FSC_LADDER)]
        check(cls == want, f"class order of {a}: {cls}")
    check(all(r[5] == "USD" for r in rows), "one currency")
    allowed = {"saturday_stay", "non_refundable", "change_fee"}
    check(all(r[7] == "-" or set(r[7].split(";")) <= allowed for r in rows), "restriction names")
    check({r[0] for r in rows} <= set(airlines), "unknown airline")
    for (a, o, d) in routes:
        check((a, o, d) in levels, f"no fares for {a} on its own route {o}-{d}")
    ec.check_basis("fares.csv", [r[8] for r in rows])
    ec.check_sources("fares.csv", [r[9] for r in rows])
    ec.write_csv("fares.csv", ["airline", "origin", "destination", "class", "fare", "currency",
                               "advance_purchase_days", "restrictions", "basis", "source"], rows)

    # ------------------------------------------------------------------ report
    n_mk = len({(a, o, d) for a, o, d in levels})
    print(f"fares.csv: {len(rows)} rows, {n_mk} airline markets over {len(demand)} markets; "
          f"FSC mean multiple {mean_multiple(FSC_LADDER):.4f}, LCC {mean_multiple(LCC_LADDER):.4f}")
    for a in airlines:
        print(f"  {a}: {sum(1 for k in levels if k[0] == a)} markets, classes {' '.join(order.get(a, []))}")
    print("fare levels (USD, one way): average -> ladder")
    for a, o, d in (("KC", "ALA", "NQZ"), ("KC", "NQZ", "ALA"), ("KC", "ALA", "SCO"), ("KC", "ALA", "PEK"),
                    ("KC", "ALA", "URC"), ("CZ", "URC", "ALA"), ("CZ", "ALA", "URC"), ("CZ", "CAN", "PKX"),
                    ("FS", "NQZ", "URC"), ("KC", "ALA", "DXB"), ("KC", "NQZ", "LHR")):
        if (a, o, d) in levels:
            avg, rule, lad = levels[(a, o, d)]
            km = ec.gc_km(airports, o, d)
            print(f"  {a} {o}-{d} ({km:.0f} km): {avg:7.2f} [{rule}] -> {' '.join(f'{x:.2f}' for x in lad)}")
    km = ec.gc_km(airports, "CAN", "PKX")
    print(f"cross-check CN domestic: CZ 2023 yield {CZ_YIELD_CNY} CNY/RPK x {km:.0f} km / {ec.CNY_PER_USD} = "
          f"{CZ_YIELD_CNY * km / ec.CNY_PER_USD:.2f} USD vs curve {levels[('CZ', 'CAN', 'PKX')][0]:.2f} (CAN-PKX)")
    for o, d in (("ALA", "NQZ"), ("ALA", "SCO")):
        line = (KZ_DOM_A + KZ_DOM_B * ec.gc_km(airports, o, d)) / ec.KZT_PER_USD
        print(f"cross-check KZ line at {o}-{d}: {line:.2f} USD vs sourced {SOURCED_KZT[frozenset((o, d))] / ec.KZT_PER_USD:.2f}")
    print(f"cross-check FlyArystan: 12,000-16,000 KZT = {12000 / ec.KZT_PER_USD:.0f}-{16000 / ec.KZT_PER_USD:.0f} USD "
          f"(domestic, c. 2023 [smi24-fs]); model FS NQZ-URC average {levels[('FS', 'NQZ', 'URC')][0]:.2f} USD")
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ec.CheckError as e:
        print(f"SELF-CHECK FAILED: {e}", file=sys.stderr)
        sys.exit(1)
