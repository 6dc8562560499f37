#!/usr/bin/env python3
"""Write routes/demand.csv for flightnet from a gravity model.

Usage (from the repository root, after build_routes.py and build_stats.py):

    python3 routes/tools/build_demand.py

Python 3.11, standard library only. Reads airports.csv, schedule.csv (only to know which
markets are served, nonstop or with one connection), airport_stats.csv (the 2019 masses)
and SOURCES.md. The model never reads seats or frequencies: fleet.csv is opened only by
the information-only report at the end, after demand.csv has been written.

Base 2019-level one-direction daily O&D demand:

    D_od = G_p * (A_o * A_d)^ALPHA / dist_od^GAMMA * s(dist_od) * q_od

A = airport 2019 passengers (airport_stats.csv), dist = great-circle km (airports.csv),
s = a short-haul surface-competition factor, q = how far the served routings make the
market addressable (circuity, domestic trips via a foreign hub, markets where the
modelled carriers offer only a connection or a through sector while others fly
nonstop), and G_p a scale per calibration part chosen so that the part's total equals a
documented public aggregate. SOURCES.md ("demand.csv") documents every parameter.
Output is deterministic; a failed check prints `SELF-CHECK FAILED: ...` and exits 1
before writing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import sys
from collections import defaultdict

sys.dont_write_bytecode = True  # keep routes/tools free of __pycache__
import econ_common as ec
from econ_common import check

# ------------------------------------------------------------------ parameters
ALPHA = 1.0          # mass exponent (E): the textbook product form T = K*Pi*Pj/d^x [formuladen-gravity]
GAMMA = 1.0          # distance exponent (E): demand inversely proportional to distance; see SOURCES.md
SURFACE_KM = 500.0   # s(d) = min(1, (d/500)^2): road and rail take most trips under ~500 km (E)
CIRCUITY_LIMITS = ((805.0, 1.8), (3219.0, 1.5), (math.inf, 1.3))  # PassengerSim defaults, <500 mi, <2000 mi, longer
CIRCUITY_DECAY = 4.0  # q = exp(-4 (r - limit)) beyond the limit (E)
LARGE_AIRPORT = 25_000_000  # 2019 mass from which two airports are assumed linked nonstop by others (E)
OTHERS_FACTOR = 0.1  # share left to the modelled carriers where others fly nonstop (E)
THROUGH_SECTOR_FACTOR = 0.0  # domestic sector of an international through flight: local market left to others (E)
FLOOR = 0.1          # every served market keeps at least 0.1 passengers a day
DAYS = 365

# ------------------------------------------------------- public aggregates (annual)
KC_GROUP_2019 = 5_000_000          # Air Astana group 2019, "more than 5 million" [internetelite-2019] (S)
FS_2019 = 700_233                  # FlyArystan 2019 [inform-2108] (S)
KC_2019 = KC_GROUP_2019 - FS_2019  # Air Astana mainline 2019 (S-inf, a lower bound)
KC_DOM_SHARE = 1_007_413 / 1_894_391   # KC domestic share of passengers, H1 2017 [asiatraveltips-1708] (S-inf)
KC_TRANSIT_SHARE = 0.30            # transit share of KC international traffic, H1 2018 [atw-1808] (S)
OD_PER_DOM_SEGMENT = 0.85          # domestic O&D trips per KC domestic passenger-segment (E)
KC_LOCAL_MODELLED = 0.55           # share of KC local international traffic on modelled non-China markets (E)
KC_TRANSIT_OTHER = 0.45            # share of KC transit O&D on modelled markets with neither end in KZ/CN (E)
KC_TRANSIT_CN = 0.15               # share of KC transit O&D on modelled China-third country markets (E)
URC_KZ_CROSSINGS = 179_000 / 2     # KZ and CN citizens between the two countries via URC airport, per year,
                                   # 10 Nov 2023 - 10 Nov 2025 [kazinform-2511] (S-inf); a check, not a target
KC_CHINA_2002_2020 = 1_100_000     # KC passengers on China flights 2002-2020, "more than 1.1 million" [at-2302] (S), a check
URC_TRANSFER = 0.24                # share of Central Asian passengers transferring at URC, 2025 [reportify-cz-2506] (S)
URC_INTL_2024 = 564_200            # URC international incl. HK/MO/TW, 2024 [bastille-2501] (S)
HKMOTW_SHARE = 0.05                # HK/MO/TW share of that figure (E)
URC_MODELLED_ROUTES = 8 / 10       # CZ's international routes from URC in 2023 that the network has (8 of 10:
                                   # not Islamabad, Tehran) [ecns-asb] (E: equal weight per route)
URC_SIX_CITY_SHARE = 0.25          # URC traffic to Beijing, Guangzhou, Shenzhen, Chengdu, Xi'an, Hangzhou (E;
                                   # the top ten domestic cities are 53% [chinanews-2308-urc])
CZ_SHARE_URC_DOM = 0.40            # China Southern's share of those URC domestic passengers (E)

KC_TARGET_IDS = "internetelite-2019;inform-2108;asiatraveltips-1708"
URC_TARGET_IDS = "bastille-2501;ecns-asb;reportify-cz-2506"
OLD_SEAT_BASED = {  # daily totals of the seat-derived demand.csv replaced by this model (commit cc74af9)
    "KZ domestic": 4180.2, "KZ-CN": 1689.9, "KZ-other international": 2850.6,
    "CN domestic": 6180.8, "CN-other international": 649.2, "other": 54.6,
}
GROUPS = ["KZ domestic", "KZ-CN", "KZ-other international", "CN domestic", "CN-other international", "other"]


def circuity_limit(km: float) -> float:
    for upto, lim in CIRCUITY_LIMITS:
        if km < upto:
            return lim
    raise ec.CheckError("unreachable")


def load_masses(airports: dict) -> tuple[dict, dict]:
    rows = ec.read_csv("airport_stats.csv")
    check(list(rows[0].keys()) == ["iata", "year", "passengers", "basis", "source", "note"],
          "airport_stats.csv: unexpected columns")
    ec.check_basis("airport_stats.csv", [r["basis"] for r in rows])
    ec.check_sources("airport_stats.csv", [r["source"] for r in rows])
    # The 2019 row is the mass; where a sourced 2019 figure is not usable (PEK before Daxing,
    # PKX's partial year), an E row for 2019 sits beside it and is the one used.
    by = defaultdict(list)
    for r in rows:
        if r["year"] == "2019":
            by[r["iata"]].append(r)
    mass, src = {}, {}
    for iata, rs in by.items():
        est = [r for r in rs if r["basis"] == "E"]
        other = [r for r in rs if r["basis"] != "E"]
        check(len(est) <= 1 and len(other) <= 1, f"airport_stats.csv: too many 2019 rows for {iata}")
        r = est[0] if est else other[0]
        mass[iata] = int(r["passengers"])
        src[iata] = r["source"].split(";")
    check(set(mass) == set(airports), f"2019 masses missing for {sorted(set(airports) - set(mass))}")
    check(all(v > 0 for v in mass.values()), "2019 masses must be positive")
    return mass, src


def addressability(airports, net, mass, o, d):
    """q_od and a short reason: best routing factor over the served itineraries."""
    country = {k: v["country"] for k, v in airports.items()}
    km = ec.gc_km(airports, o, d)
    if (o, d) in net["nonstop"]:
        carriers = {a for a, x, y in net["routes"] if (x, y) == (o, d)}
        only_through = all((a, o, d) in net["through"] for a in carriers)
        if only_through and country[o] == country[d]:
            return THROUGH_SECTOR_FACTOR, "domestic sector of an international through flight only"
        return 1.0, "nonstop"
    best, best_r, why = 0.0, math.inf, "no addressable routing"
    for h in sorted(net["hubs"][(o, d)]):
        if country[o] == country[d] and country[h] != country[o]:
            continue                      # domestic trips do not route via a foreign hub
        r = (ec.gc_km(airports, o, h) + ec.gc_km(airports, h, d)) / km
        lim = circuity_limit(km)
        v = 1.0 if r <= lim else math.exp(-CIRCUITY_DECAY * (r - lim))
        if v > best or (v == best and v > 0 and r < best_r):
            best, best_r, why = v, r, f"via {h}, circuity {r:.2f} (limit {lim})"
    if best > 0 and mass[o] >= LARGE_AIRPORT and mass[d] >= LARGE_AIRPORT:
        best *= OTHERS_FACTOR
        why += "; both airports large, nonstop by others"
    return best, why


def calibration_part(airports, net, why, o, d) -> str:
    """The calibration part of a market (SOURCES.md, "demand.csv")."""
    g = ec.market_group(airports, o, d)
    co, cd = airports[o]["country"], airports[d]["country"]
    if "URC" in (o, d) and co != cd and ((o, d) in net["nonstop"] or "KZ" in (co, cd)):
        return "URC international: local"
    if g == "KZ-CN":
        if why[(o, d)].startswith("via URC"):
            return "URC international: connecting at URC"
        return "KZ-CN: other routings"
    if g == "CN-other international":
        # Interior China to a third country: connecting at URC when the schedule offers that,
        # even if a Kazakh hub is also offered; otherwise sixth-freedom via Kazakh hubs only.
        if "URC" in net["hubs"][(o, d)]:
            return "URC international: connecting at URC"
        return "CN-other via Kazakh hubs"
    return g


def compute(airports, net, mass, mass_src, alpha=ALPHA, gamma=GAMMA) -> dict:
    """The gravity model. Uses masses, distances and the existence of service only."""
    markets = sorted(net["markets"])
    raw, why, dist = {}, {}, {}
    for o, d in markets:
        km = ec.gc_km(airports, o, d)
        check(km > 0, f"zero distance {o}-{d}")
        s = min(1.0, (km / SURFACE_KM) ** 2)
        q, reason = addressability(airports, net, mass, o, d)
        raw[(o, d)] = (mass[o] * mass[d]) ** alpha / km ** gamma * s * q
        why[(o, d)] = reason
        dist[(o, d)] = km
    kc_intl = KC_2019 * (1 - KC_DOM_SHARE)
    kc_transit_od = kc_intl * KC_TRANSIT_SHARE / 2
    urc_intl = URC_INTL_2024 * (1 - HKMOTW_SHARE) * URC_MODELLED_ROUTES
    urc_local = "URC international: local"
    # part -> (annual target or None to share another part's scale, calibration subset, source ids)
    parts = {
        "KZ domestic": (KC_2019 * KC_DOM_SHARE * OD_PER_DOM_SEGMENT, None, KC_TARGET_IDS),
        "KZ-other international": (kc_intl * (1 - KC_TRANSIT_SHARE) * KC_LOCAL_MODELLED, None,
                                   KC_TARGET_IDS + ";atw-1808"),
        "other": (kc_transit_od * KC_TRANSIT_OTHER, None, KC_TARGET_IDS + ";atw-1808"),
        "CN-other via Kazakh hubs": (kc_transit_od * KC_TRANSIT_CN, None, KC_TARGET_IDS + ";atw-1808"),
        urc_local: (urc_intl * (1 - URC_TRANSFER), None, URC_TARGET_IDS),
        "URC international: connecting at URC": (urc_intl * URC_TRANSFER, None, URC_TARGET_IDS),
        "KZ-CN: other routings": (None, urc_local, URC_TARGET_IDS),
        "CN domestic": (mass["URC"] * URC_SIX_CITY_SHARE * CZ_SHARE_URC_DOM, "URC",
                        ";".join(mass_src["URC"]) + ";chinanews-2308-urc"),
    }
    part_of = {m: calibration_part(airports, net, why, *m) for m in markets}
    check(set(part_of.values()) <= set(parts), f"unknown parts {set(part_of.values()) - set(parts)}")
    scale = {}
    for p, (target, subset, _ids) in parts.items():
        if target is None:
            continue
        calib = [m for m in markets if part_of[m] == p and (subset is None or subset in m)]
        check(calib, f"calibration part {p} has no markets")
        tot = sum(raw[m] for m in calib)
        check(tot > 0, f"calibration part {p} has no addressable demand")
        scale[p] = target / DAYS / tot
    for p, (target, other, _ids) in parts.items():
        if target is None:
            scale[p] = scale[other]
    demand = {m: scale[part_of[m]] * raw[m] for m in markets}
    for p, (target, subset, _ids) in parts.items():
        if target is None:
            continue
        got = sum(v for m, v in demand.items() if part_of[m] == p and (subset is None or subset in m))
        check(ec.isclose(got * DAYS, target, 1e-9), f"part {p}: {got * DAYS} != {target}")
    return {"markets": markets, "raw": raw, "why": why, "dist": dist, "parts": parts,
            "part_of": part_of, "scale": scale, "demand": demand}


def main() -> int:
    airports = ec.load_airports()
    mass, mass_src = load_masses(airports)
    net = ec.network(airports)
    check(len(net["markets"]) >= 100, "too few markets")
    res = compute(airports, net, mass, mass_src)
    markets, raw, why, dist = res["markets"], res["raw"], res["why"], res["dist"]
    parts, part_of, scale, demand = res["parts"], res["part_of"], res["scale"], res["demand"]
    rounded = {m: max(FLOOR, round(v, 1)) for m, v in demand.items()}
    check(set(rounded) == set(net["markets"]), "demand markets differ from served markets")
    check(all(v >= FLOOR for v in rounded.values()), "every market needs at least the floor")
    check(all(o != d for o, d in rounded), "origin = destination")
    # Sourced ordering: Almaty is Urumqi's top international O&D (2023) [chinanews-2308-urc].
    urc_intl = {m: v for m, v in demand.items() if m[0] == "URC" and airports[m[1]]["country"] != "CN"}
    check(max(urc_intl, key=urc_intl.get) == ("URC", "ALA"), "Almaty must be URC's top international market")

    # --------------------------------------------------------------- write csv
    out = []
    for o, d in markets:
        ids = ["gravity"]
        for i in mass_src[o] + mass_src[d] + parts[part_of[(o, d)]][2].split(";"):
            if i not in ids:
                ids.append(i)
        out.append([o, d, f"{rounded[(o, d)]:.1f}", "E", ";".join(ids)])
    ec.check_sources("demand.csv", [r[4] for r in out])
    digest = hashlib.sha256(repr(sorted(rounded.items())).encode()).hexdigest()
    ec.write_csv("demand.csv", ["origin", "destination", "daily_pax", "basis", "source"], out)

    # ------------------------------------------------------------------ report
    print(f"demand.csv: {len(out)} directed markets ({len(net['nonstop'])} nonstop, "
          f"{len(out) - len(net['nonstop'])} one-connection only), {len(net['triples'])} "
          f"origin-hub-destination triples; ALPHA {ALPHA}, GAMMA {GAMMA}")
    print("calibration parts (annual targets, both directions):")
    for p, (target, subset, ids) in parts.items():
        n = sum(1 for m in markets if part_of[m] == p)
        tot = sum(demand[m] for m in markets if part_of[m] == p)
        if target is None:
            print(f"  {p:38} no own target: scale of '{subset}'; total {tot:8.1f}/day ({n} markets)")
        else:
            on = f"its {subset} markets" if subset else "all its markets"
            print(f"  {p:38} target {target:11,.0f}/yr = {target / DAYS:7.1f}/day on {on}; total {tot:8.1f}/day "
                  f"({n} markets); G {scale[p]:.4e} [{ids}]")
    print("daily totals by market group (sum over directed markets): old seat-based -> new gravity")
    gtot = defaultdict(float)
    for m, v in rounded.items():
        gtot[ec.market_group(airports, *m)] += v
    for g in GROUPS:
        print(f"  {g:24} {OLD_SEAT_BASED[g]:8.1f} -> {gtot[g]:8.1f}")
    print(f"  {'all':24} {sum(OLD_SEAT_BASED.values()):8.1f} -> {sum(gtot.values()):8.1f}")
    floor_n = sum(1 for v in rounded.values() if v == FLOOR)
    print(f"markets at the {FLOOR} floor: {floor_n}")
    kz_urc = sum(v for m, v in demand.items() if ec.market_group(airports, *m) == "KZ-CN"
                 and ("URC" in m or part_of[m] == "URC international: connecting at URC"))
    print(f"check: KZ-CN passengers through URC (local + connecting) {kz_urc * DAYS:,.0f}/yr; KZ and CN "
          f"citizens crossing at URC airport 2023-25: {URC_KZ_CROSSINGS:,.0f}/yr [kazinform-2511]")
    kzcn = sum(v for m, v in demand.items() if ec.market_group(airports, *m) == "KZ-CN")
    print(f"  Air Astana carried more than {KC_CHINA_2002_2020:,} passengers on its China flights in 2002-2020 "
          f"[at-2302], {KC_CHINA_2002_2020 / 19:,.0f} a year on average")
    print(f"  KZ-CN total {kzcn * DAYS:,.0f}/yr; URC international markets by size: "
          + ", ".join(f"{m[1]} {v:.1f}" for m, v in sorted(urc_intl.items(), key=lambda t: -t[1])))
    print("top 20 markets (daily, one direction):")
    for (o, d), v in sorted(rounded.items(), key=lambda t: (-t[1], t[0]))[:20]:
        print(f"  {o}-{d} {v:8.1f}  {ec.market_group(airports, o, d):24} {dist[(o, d)]:6.0f} km  {why[(o, d)]}")
    for ex in (("ALA", "PEK"), ("ALA", "NQZ")):
        km = dist[ex]
        print(f"worked example {ex[0]}-{ex[1]}: A_o {mass[ex[0]]:,}, A_d {mass[ex[1]]:,}, {km:.1f} km, "
              f"s {min(1.0, (km / SURFACE_KM) ** 2):.3f}, q: {why[ex]}; raw {raw[ex]:.6e} x G "
              f"{scale[part_of[ex]]:.6e} ({part_of[ex]}) = {demand[ex]:.3f}/day")
    info_ratio(airports, net, rounded)
    check(hashlib.sha256(repr(sorted(rounded.items())).encode()).hexdigest() == digest, "demand changed after writing")
    print("all self-checks passed")
    return 0


def info_ratio(airports, net, rounded) -> None:
    """For information only (never fed back): each directed airport pair's assigned demand
    against its 2023 seats. This is the only place that reads fleet.csv. A market's demand is
    put on its nonstop leg if there is one, else split evenly over its best-circuity hubs."""
    fleet = {(r["airline"], r["aircraft"]): int(r["seats"]) for r in ec.read_csv("fleet.csv")}
    seats = defaultdict(float)
    for r in ec.read_csv("schedule.csv"):
        d0, d1 = dt.date.fromisoformat(r["from"]), dt.date.fromisoformat(r["to"])
        a, b = max(d0, dt.date(2023, 1, 1)), min(d1, dt.date(2023, 12, 31))
        n = 0
        while a <= b:
            if r["days"][a.isoweekday() - 1] != ".":
                n += 1
            a += dt.timedelta(days=1)
        seats[(r["origin"], r["destination"])] += n * fleet[(r["airline"], r["aircraft"])] / 365
    load = defaultdict(float)
    for (o, d), v in rounded.items():
        if (o, d) in net["nonstop"]:
            load[(o, d)] += v
            continue
        km = ec.gc_km(airports, o, d)
        hubs = sorted(net["hubs"][(o, d)], key=lambda h: (ec.gc_km(airports, o, h) + ec.gc_km(airports, h, d), h))
        best = (ec.gc_km(airports, o, hubs[0]) + ec.gc_km(airports, hubs[0], d)) / km
        use = [h for h in hubs if (ec.gc_km(airports, o, h) + ec.gc_km(airports, h, d)) / km <= best + 1e-9]
        for h in use:
            load[(o, h)] += v / len(use)
            load[(h, d)] += v / len(use)
    print("for information only (not used): assigned daily demand / 2023 daily seats per directed airport pair")
    for k in sorted(net["nonstop"]):
        s = seats.get(k, 0.0)
        ratio = f"{load[k] / s:6.2f}" if s > 0 else "   n/a"
        print(f"  {k[0]}-{k[1]}: demand {load[k]:8.1f}  seats {s:8.1f}  ratio {ratio}")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ec.CheckError as e:
        print(f"SELF-CHECK FAILED: {e}", file=sys.stderr)
        sys.exit(1)
