#!/usr/bin/env python3
"""Write routes/costs.csv for flightnet.

Usage (from the repository root, after build_fares.py):

    python3 routes/tools/build_costs.py

Python 3.11, standard library only. One row per fleet.csv row, in USD. The cost of a
flight in the simulator is cost_per_block_hour x block hours + cost_per_departure +
cost_per_passenger x passengers. The split (SOURCES.md, "costs.csv"):

  1. Fully allocated trip cost at the type's reference stage: CASK x seats x d_ref, where
     d_ref is the mean great-circle length of the type's scheduled legs and CASK the
     airline's 2023 figure (KC 5.9 US cents [kc-fy2023]; CZ 0.467 CNY [chaguwang-cz23],
     also used for CA, GJ and MU; FlyArystan 0.70 x KC, E).
  2. Per departure: the Chinese AIP landing charge by MTOW plus the 10% lighting charge
     [aip-cn-gen41], used at every airport (E); MTOWs are typical values (E).
  3. Per passenger: catering 2.1% of the average fare [ca-ar23], distribution 4.0% of the
     cost per passenger [cz-ar23-ifrs], and for KC and FS the Almaty passenger fee
     (406 KZT domestic, 1,899 KZT international) on departures from Kazakhstan [ala-paxfee].
  4. Per block hour: the rest of the trip cost, divided by the type's mean block hours.
It prints each airline's implied CASK on its 2023 schedule against the sourced CASK.
Output is deterministic; a failed check prints `SELF-CHECK FAILED: ...` and exits 1.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict

sys.dont_write_bytecode = True  # keep routes/tools free of __pycache__
import build_fares as bf
import econ_common as ec
from econ_common import check

CASK_USD = {
    "KC": 0.059,                                  # group CASK 2023, 5.9 US cents [kc-fy2023] (S)
    "CZ": 0.467 / ec.CNY_PER_USD,                 # 147.58 bn CNY / 316.2 bn ASK [chaguwang-cz23] (S-inf)
}
CASK_USD["FS"] = 0.70 * CASK_USD["KC"]           # E: low-cost unit cost about 30% below the group figure
for a in ("CA", "GJ", "MU"):
    CASK_USD[a] = CASK_USD["CZ"]                  # E: China Southern's figure as the Chinese proxy
LOAD_FACTOR = {"KC": 0.828, "FS": 0.85, "CZ": 0.781, "CA": 0.781, "GJ": 0.781, "MU": 0.781}
# KC group 2023 [kc-fy2023] (S); FS 2020 "more than 85%" [fliegerweb-2101] (S); CZ 2023 [chaguwang-cz23] (S);
# CA, GJ, MU take CZ's (E).
MTOW_T = {  # typical maximum take-off weights, tonnes (E; manufacturers' published ranges)
    "A320neo": 79, "A321": 93.5, "A321neo": 97, "A321LR": 97, "B767-300ER": 187, "E190-E2": 56.6,
    "A320": 78, "A330-300": 242, "B737-800": 79, "B787-8": 228,
}
LIGHTING = 0.10             # lighting charge, 10% of the landing charge [aip-cn-gen41] (S)
CATERING_SHARE = 3_003 / 141_100      # Air China 2023 catering / revenue [ca-ar23] (S-inf) = 2.1%
SELLING_SHARE = 6_349 / 159_052       # CZ 2023 promotion and selling / total opex [cz-ar23-ifrs] (S-inf) = 4.0%
LANDING_SHARE_CA = 15_555 / 141_100   # CA 2023 take-off, landing and depot / revenue [ca-ar23] (S-inf), a check
ALA_FEE_KZT = {"dom": 406, "intl": 1_899}   # per departing passenger [ala-paxfee] (S, undated)
NAV_USD_PER_KM = ((50, 0.40), (100, 0.45), (200, 0.50))   # China en-route by MTOW [aip-cn-gen42] (S), info only
SOURCED_CASK = {"KC": "5.9 US cents (group, 2023)", "CZ": "0.467 CNY = 6.65 US cents (2023)"}


def aip_landing_usd(mtow: float) -> float:
    """AIP CHINA GEN 4.1 (2002) international landing charge, MTOW rounded up to a tonne."""
    t = math.ceil(mtow)
    if t <= 50:
        return 558.0
    if t <= 100:
        return 558.0 + 9 * (t - 50)
    if t <= 200:
        return 1008.0 + 10 * (t - 100)
    return 2008.0 + 12 * (t - 200)


def main() -> int:
    airports = ec.load_airports()
    fleet = ec.read_csv("fleet.csv")
    inst = ec.schedule_instances(airports)
    legs = defaultdict(list)
    for x in inst:
        km = ec.gc_km(airports, x["origin"], x["dest"])
        bh = (x["arr_utc"] - x["dep_utc"]).total_seconds() / 3600
        legs[(x["airline"], x["aircraft"])].append((km, bh, x))
    check(aip_landing_usd(228) == 2344 and aip_landing_usd(78) == 810, "AIP formula (notes' worked example)")
    rows, params = [], {}
    for f in fleet:
        key = (f["airline"], f["aircraft"])
        a, seats = f["airline"], int(f["seats"])
        check(key in legs, f"fleet row {key} flies no scheduled leg")
        check(f["aircraft"] in MTOW_T and a in CASK_USD, f"no MTOW or CASK for {key}")
        ls = legs[key]
        d_ref = sum(k for k, _b, _x in ls) / len(ls)
        bh_ref = sum(b for _k, b, _x in ls) / len(ls)
        pax = seats * LOAD_FACTOR[a]
        trip = CASK_USD[a] * seats * d_ref
        dep = aip_landing_usd(MTOW_T[f["aircraft"]]) * (1 + LIGHTING)
        fare = sum(bf.average_fare(airports, a, x["origin"], x["dest"])[0] for _k, _b, x in ls) / len(ls)
        catering = CATERING_SHARE * fare
        selling = SELLING_SHARE * trip / pax
        fee = 0.0
        if a in ("KC", "FS"):
            kz_dep = [x for _k, _b, x in ls if airports[x["origin"]]["country"] == "KZ"]
            dom = sum(1 for x in kz_dep if airports[x["dest"]]["country"] == "KZ")
            fee = (dom * ALA_FEE_KZT["dom"] + (len(kz_dep) - dom) * ALA_FEE_KZT["intl"]) / len(ls) / ec.KZT_PER_USD
        per_pax = catering + selling + fee
        per_bh = (trip - dep - per_pax * pax) / bh_ref
        check(per_bh > 0, f"{key}: block-hour cost must stay positive")
        params[key] = dict(seats=seats, d_ref=d_ref, bh_ref=bh_ref, trip=trip, dep=dep, per_pax=per_pax,
                           per_bh=per_bh, catering=catering, selling=selling, fee=fee, fare=fare, n=len(ls))
        src = {"KC": "kc-fy2023", "FS": "kc-fy2023;fliegerweb-2101"}.get(
            a, "chaguwang-cz23;pd-2301-cny;vanguard-2306-cny;nation-2309-cny")
        src += ";aip-cn-gen41;ca-ar23;cz-ar23-ifrs;safeharbor-sifl23"
        if a in ("KC", "FS"):
            src += ";ala-paxfee;menafn-2309;zakon-yq"
        rows.append([a, f["aircraft"], f"{per_bh:.2f}", f"{dep:.2f}", f"{per_pax:.2f}", "USD", "E", src])
    check(len(rows) == len(fleet), "one costs row per fleet row")
    ec.check_sources("costs.csv", [r[7] for r in rows])
    ec.write_csv("costs.csv", ["airline", "aircraft", "cost_per_block_hour", "cost_per_departure",
                               "cost_per_passenger", "currency", "basis", "source"], rows)

    # ------------------------------------------------------------------ report
    print(f"costs.csv: {len(rows)} rows (USD); CASK used (US cents): "
          + ", ".join(f"{a} {v * 100:.2f}" for a, v in CASK_USD.items()))
    print("  type                 legs  d_ref km  BH_ref  trip USD  /BH      /dep     /pax   (catering, selling, fee)"
          "  dep share  nav USD/BH (info)")
    for key, p in params.items():
        mt = MTOW_T[key[1]]
        nav = next((r for lim, r in NAV_USD_PER_KM if mt <= lim), None)
        navs = f"{nav * p['d_ref'] / p['bh_ref']:7.0f}" if nav else "    n/a"
        print(f"  {key[0]} {key[1]:11} {p['n']:7} {p['d_ref']:8.0f} {p['bh_ref']:7.2f} {p['trip']:9.0f} "
              f"{p['per_bh']:8.0f} {p['dep']:8.0f} {p['per_pax']:7.2f}  ({p['catering']:.2f}, {p['selling']:.2f}, "
              f"{p['fee']:.2f})  {p['dep'] / p['trip']:8.1%}  {navs}")
    print(f"  (check: Air China's take-off, landing and depot charges were {LANDING_SHARE_CA:.1%} of 2023 revenue)")
    print("implied CASK on each airline's scheduled legs (US cents per ASK) vs the CASK used / sourced:")
    for year in (2023, None):
        tot = defaultdict(lambda: [0.0, 0.0])
        for key, ls in legs.items():
            p, a = params[key], key[0]
            for km, bh, x in ls:
                if year and x["date"].year != year:
                    continue
                cost = p["per_bh"] * bh + p["dep"] + p["per_pax"] * p["seats"] * LOAD_FACTOR[a]
                tot[a][0] += cost
                tot[a][1] += p["seats"] * km
        label = "2023" if year else "all 2022-06..2024-12"
        for a in CASK_USD:
            if tot[a][1] > 0:
                print(f"  {label:20} {a}: implied {tot[a][0] / tot[a][1] * 100:5.2f}  used {CASK_USD[a] * 100:5.2f}  "
                      f"sourced {SOURCED_CASK.get(a, '- (estimate)')}")
    print("  (over the whole schedule the implied CASK equals the CASK used by construction: each type's split is")
    print("   made at its own mean stage and mean block time; the 2023 lines show the effect of that year's mix)")
    route = defaultdict(lambda: [0.0, 0.0])
    for key, ls in legs.items():
        p, a = params[key], key[0]
        for km, bh, x in ls:
            route[(a, x["origin"], x["dest"])][0] += p["per_bh"] * bh + p["dep"] + p["per_pax"] * p["seats"] * LOAD_FACTOR[a]
            route[(a, x["origin"], x["dest"])][1] += p["seats"] * km
    print("implied CASK by route (US cents), shortest and longest stages per airline:")
    for a in CASK_USD:
        rs = sorted((ec.gc_km(airports, o, d), f"{o}-{d}", c / s * 100) for (b, o, d), (c, s) in route.items() if b == a)
        if rs:
            lo, hi = rs[0], rs[-1]
            print(f"  {a}: {lo[1]} {lo[0]:.0f} km {lo[2]:.2f} ... {hi[1]} {hi[0]:.0f} km {hi[2]:.2f}")
    for a, o, d in (("KC", "ALA", "NQZ"), ("KC", "ALA", "PEK"), ("CZ", "URC", "ALA"), ("CZ", "CAN", "PKX")):
        c, s_ = route[(a, o, d)]
        print(f"  {a} {o}-{d}: {c / s_ * 100:.2f}")
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ec.CheckError as e:
        print(f"SELF-CHECK FAILED: {e}", file=sys.stderr)
        sys.exit(1)
