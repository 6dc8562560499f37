#!/usr/bin/env python3
"""Write routes/airport_stats.csv and routes/city_stats.csv for flightnet.

Usage (from the repository root):

    python3 routes/tools/build_stats.py

Python 3.11, standard library only. The public figures below are transcribed from the
project's research notes (demand-stats.md) and a few added look-ups; each carries its
basis and source ids (resolved in routes/SOURCES.md). Every airport gets a 2019 mass
row: the sourced figure where a usable one exists, otherwise an estimate (S-inf or E)
whose arithmetic is computed here and written into its `note`. Where a sourced 2019
figure exists but is not usable (PEK before Daxing opened, PKX's partial first year),
it is kept and an E row for 2019 sits beside it; build_demand.py then uses the E row. Output is deterministic; any failed
check prints `SELF-CHECK FAILED: ...` and exits with status 1 before writing.
"""

from __future__ import annotations

import sys

sys.dont_write_bytecode = True  # keep routes/tools free of __pycache__
import econ_common as ec
from econ_common import check

# ------------------------------------------------------------ national totals
KZ_AP_2017 = 14_400_000        # all KZ airports, 2017 [zakon-2017] (S)
KZ_AP_2019 = 17_700_000        # all KZ airports, 2019 [govkz-caa-2019] (S)
KZ_AP_2022 = 21_100_000        # all KZ airports, 2022 [gov-2310] (S; caa-2022 says "over 22 million")
KZ_AP_2023 = 25_000_000        # all KZ airports, 2023 [at-2312-rec] (S, "more than 25 million")
KZ_POP_2020_08 = 18_767_500    # Kazakhstan population 1 Aug 2020 [syr-media-2008] (S)
KZ_POP_GROWTH = 238_600        # growth since 1 Aug 2019 [syr-media-2008] (S)
KZ_POP_2019 = KZ_POP_2020_08 - KZ_POP_GROWTH          # 1 Aug 2019 (S-inf)
KZ_PROPENSITY = KZ_AP_2019 / KZ_POP_2019              # airport passengers per resident, 2019 (S-inf)
CN_AP_2019 = 1_351_629_000     # all mainland airports 2019 [caac-2019-summary] (S)
CN_AP_2023 = 1_259_766_000     # all mainland airports 2023 [caac-2023-bulletin] (S)
CN_19_23 = CN_AP_2019 / CN_AP_2023
KZ_19_17 = KZ_AP_2019 / KZ_AP_2017
KZ_19_22 = KZ_AP_2019 / KZ_AP_2022
KZ_19_23 = KZ_AP_2019 / KZ_AP_2023
KG_9M2019 = 2_714_706          # Kyrgyz airports (MIA) Jan-Sep 2019 [theasian-1910] (S, company-wide)
KG_2022 = 5_000_000            # Kyrgyz airports 2022 [azernews-2301-kg] (S, "more than 5 million")
TM_POP_2022 = 7_057_841        # Turkmenistan census Dec 2022 [yerzemin-tm] (S)
ASB_SHARE = 0.146              # Ashgabat city share of that population [yerzemin-tm] (S)

# --------------------------------------------------------------- city table
# iata, city, population, year, basis, source, note
CITIES = [
    ("ALA", "Almaty", 2_161_797, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city)"),
    ("NQZ", "Astana", 1_354_507, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city)"),
    ("CIT", "Shymkent", 1_192_120, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city)"),
    ("GUW", "Atyrau", 316_468, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city only, not the region)"),
    ("SCO", "Aktau", 263_893, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city)"),
    ("AKX", "Aktobe", 559_911, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city)"),
    ("URA", "Oral", 253_773, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city); used for URA's 2019 mass"),
    ("UKK", "Oskemen", 352_894, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city); used for UKK's 2019 mass"),
    ("KZO", "Kyzylorda", 278_638, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city); used for KZO's 2019 mass"),
    ("KSN", "Kostanay", 264_466, 2023, "S", "wiki-kz-cities", "BNS estimate 1 Jan 2023 (city); used for KSN's 2019 mass"),
    ("ASB", "Ashgabat", round(TM_POP_2022 * ASB_SHARE), 2022, "S-inf", "yerzemin-tm",
     f"census Dec 2022: Ashgabat {ASB_SHARE:.1%} of {TM_POP_2022:,} residents; used for ASB's 2019 mass"),
]
POP = {c[0]: c[2] for c in CITIES}


def r(x: float) -> int:
    return int(round(x))


# ------------------------------------------------------------ airport table
# (iata, year, passengers, basis, source, note). Figures in the notes marked "more than"
# or rounded are entered at the stated value.
def airport_rows() -> list[tuple]:
    rows = [
        # Kazakhstan
        ("ALA", 2017, 5_600_000, "S", "zakon-2017", "Civil Aviation Committee: Almaty 5.6 million"),
        ("ALA", 2018, r(6_400_000 / 1.13), "S-inf", "hurriyet-2105-ala", "2019 figure 6.4 million was +13% on 2018: 6,400,000 / 1.13"),
        ("ALA", 2019, 6_400_000, "S", "hurriyet-2105-ala", "TAV Airports statement: 6.4 million in 2019 (+13%)"),
        ("ALA", 2020, 3_600_000, "S", "hurriyet-2105-ala", "TAV Airports statement: 3.6 million in 2020"),
        ("ALA", 2022, 7_200_000, "S", "inform-ala-2304", "more than 7.2 million"),
        ("ALA", 2023, 9_500_000, "S", "hurriyet-2406-ala", "TAV statement: 9.5 million in 2023 (+32%)"),
        ("ALA", 2024, 11_400_000, "S", "qazinform-ala-2511", "11.4 million in 2024"),
        ("NQZ", 2017, 4_100_000, "S", "zakon-2017", "Civil Aviation Committee: Astana 4.1 million"),
        ("NQZ", 2019, 5_099_391, "S", "owiki-nqz", "Wikipedia text (mirror): 5,099,391 in 2019 [weak: mirror of an encyclopedia]"),
        ("NQZ", 2022, 6_000_000, "S", "inform-nqz-2301", "6 millionth passenger in 2022 (+24%)"),
        ("NQZ", 2023, r(8_300_000 / 1.10), "S-inf", "nqz-2024;at-2312-nqz", "2024 = 8.3 million, +10%: 8,300,000 / 1.10 (7.5 million by 25 Dec [at-2312-nqz])"),
        ("NQZ", 2024, 8_300_000, "S", "nqz-2024", "8.3 million in 2024 (+10%)"),
        ("CIT", 2017, 811_000, "S", "zakon-2017", "Civil Aviation Committee: Shymkent 811 thousand"),
        ("GUW", 2017, 754_000, "S", "zakon-2017", "Civil Aviation Committee: Atyrau 754 thousand"),
        ("SCO", 2017, 1_000_000, "S", "zakon-2017", "Civil Aviation Committee: Aktau 1 million"),
        ("AKX", 2021, 765_000 - 17_000, "S-inf", "visitaktobe-2023", "2022 figure minus its stated 17 thousand growth"),
        ("AKX", 2022, 765_000, "S", "visitaktobe-2023", "765 thousand in 2022"),
        # China
        ("URC", 2017, 21_500_000, "S", "ecns-1801", "more than 21.5 million (+6.45%)"),
        ("URC", 2023, 25_000_000, "S", "people-2401-urc", "over 25 million passenger trips in 2023"),
        ("URC", 2024, 27_770_000, "S", "bastille-2501", "about 27.77 million (+10.7%)"),
        ("PEK", 2018, 100_983_290, "S", "thatsmags-1905", "ACI 2018"),
        ("PEK", 2019, 100_000_000, "S", "caac-2019-summary",
         "more than 100 million; not the gravity mass (Beijing before Daxing): the E row for 2019 is"),
        ("PEK", 2022, 12_719_000, "S", "bcia-2212", "express data (-61.0%)"),
        ("PEK", 2023, 52_879_156, "S", "caac-2023-bulletin", "CAAC 2023 bulletin"),
        ("PEK", 2024, r(52_879_156 * 1.2735), "S-inf", "thatsmags-2501", "2023 x 1.2735 (CADAS 2024 growth +27.35%)"),
        ("PKX", 2019, 3_000_000, "S-inf", "govcn-2101",
         "partial year from the opening on 25 Sep 2019: more than 19 million to end-2020 minus more than 16 million "
         "in 2020; not the gravity mass: the E row for 2019 is"),
        ("PKX", 2020, 16_000_000, "S", "govcn-2101", "more than 16 million"),
        ("PKX", 2021, 25_000_000, "S", "people-2201-pkx", "surpassed 25 million"),
        ("PKX", 2022, 10_500_000, "S-inf", "people-2310-pkx;govcn-2101;people-2201-pkx",
         "rough: cumulative 84.55M at 11 Oct 2023 minus ~30M (2023 to date), 19M (to end-2020) and 25M (2021)"),
        ("PKX", 2023, 39_400_000, "S", "people-2401-pkx", "more than 39.4 million"),
        ("PKX", 2024, r(39_400_000 * 1.2543), "S-inf", "thatsmags-2501", "2023 x 1.2543 (CADAS 2024 growth +25.43%)"),
        ("CAN", 2018, 69_740_000, "S", "gt-2101-can", ""),
        ("CAN", 2019, 73_390_000, "S", "gt-2101-can", "73.39 million"),
        ("CAN", 2020, 43_768_000, "S", "gt-2101-can", ""),
        ("CAN", 2021, 40_250_000, "S", "confirmado-2204", "CAAC 2021 bulletin"),
        ("CAN", 2023, 63_167_751, "S", "caac-2023-bulletin", "CAAC 2023 bulletin"),
        ("CAN", 2024, 76_345_000, "S", "thatsmags-2501", "+20.85%"),
        ("SZX", 2023, 52_730_000, "S", "szx-2401", "52.73 million, of which domestic 50.25 million"),
        ("SZX", 2024, 60_000_000, "S", "yicai-szx", "first time above 60 million"),
        ("CTU", 2019, 55_858_552, "S", "anyonetrip-ctu", "+5.5% (text from Baidu Baike); Chengdu's only airport in 2019"),
        ("CTU", 2021, 40_117_000, "S", "confirmado-2204;mucekeji-2203", "CAAC 2021 bulletin"),
        ("CTU", 2022, 17_817_000, "S", "chengdu-2303", "CAAC 2022 bulletin; Tianfu (TFU, not in the network) had 13.276 million"),
        ("XIY", 2023, r(47_030_400 / 1.1579), "S-inf", "qq727-blog;thatsmags-2501", "2024 / 1.1579 (CADAS growth +15.79%) [weak: blog]"),
        ("XIY", 2024, 47_030_400, "S", "qq727-blog", "blog quoting the 2024 ranking [weak]"),
        ("XIY", 2025, 48_536_000, "S", "reportify-xiy-2601", "China Civil Aviation News via Reportify"),
        ("HGH", 2017, 35_570_000, "S", "baike-hgh", ""),
        ("HGH", 2019, 40_000_000, "S", "thepaper-2001-hgh", "passed 40 million on 30 Dec 2019; the exact full-year figure was not found"),
        ("HGH", 2023, 41_170_000, "S", "shjc-2401", "41.17 million"),
        ("HGH", 2024, 48_000_000, "S", "shizuoka-2412", "48 million, of which international 4 million"),
        # Central Asia and Caucasus
        ("TAS", 2022, 7_900_000, "S", "aa-2401-tas", "[conflict] trend-2305 gives 7.9 million for all Uzbek airports"),
        ("TAS", 2023, 10_000_000, "S", "aa-2401-tas", "first time 10 million (+27%)"),
        ("DYU", 2019, 1_422_204, "S", "caan-2001", "1.4222 million"),
        ("TBS", 2018, 3_808_772, "S", "ekho-2411", "record before 2024"),
        ("GYD", 2022, 4_400_000, "S", "trend-2401-gyd", ""),
        ("GYD", 2023, 5_850_000, "S", "trend-2401-gyd", "+33%; international 5.13 million"),
        # Global hubs
        ("IST", 2019, 52_600_000 + 16_000_000, "S-inf", "hurriyet-2001",
         "Istanbul Airport 52.6 million (open from 6 Apr 2019) + Ataturk 16.0 million, the same hub before the move"),
        ("IST", 2022, 64_500_000, "S", "hurriyet-2301", "DHMI"),
        ("IST", 2023, 76_027_321, "S", "aci-2023-prelim", "ACI preliminary"),
        ("DXB", 2019, 86_400_000, "S", "capa-2002-dxb", ""),
        ("DXB", 2022, 66_069_981, "S", "urdupoint-2302", ""),
        ("DXB", 2023, 86_994_365, "S", "aci-2023-prelim", "ACI preliminary"),
        ("DEL", 2019, r(59_500_000 / 0.869), "S-inf", "moneycontrol-2304", "2022 was 13.1% below 2019: 59.5M / 0.869"),
        ("DEL", 2022, 59_500_000, "S", "moneycontrol-2304", "ACI"),
        ("DEL", 2023, 72_214_841, "S", "aci-2023-prelim", "ACI preliminary"),
        ("BKK", 2018, 63_378_923, "S", "tna-1901-bkk", "AOT, +4.14%"),
        ("BKK", 2022, r(51_699_104 / 1.798), "S-inf", "aot-2401", "2023 / 1.798"),
        ("BKK", 2023, 51_699_104, "S", "aot-2401", "AOT calendar 2023"),
        ("ICN", 2019, 71_160_000, "S", "kbs-2301", ""),
        ("ICN", 2022, 17_860_000, "S", "kbs-2301", ""),
        ("ICN", 2023, 56_200_000, "S", "trbusiness-2407", "ACI 2023 dataset"),
        ("FRA", 2019, 70_500_000, "S", "nieuws-2401-fra", "ruim 70.5 million"),
        ("FRA", 2022, 48_900_000, "S", "cash-2301-fra", ""),
        ("FRA", 2023, 59_400_000, "S", "fmp-2401-fra", ""),
        ("LHR", 2019, 80_900_000, "S", "times-2301-lhr", "record 80.9 million"),
        ("LHR", 2022, 61_600_000, "S", "times-2301-lhr;bt-2301-lhr", ""),
        ("LHR", 2023, 79_183_364, "S", "aci-2023-prelim", "ACI preliminary"),
        ("AMS", 2019, r(61_700_000 / 0.86), "S-inf", "aviation24-2401", "2023 (61.7M) is 14% below 2019: 61.7M / 0.86"),
        ("AMS", 2022, 52_500_000, "S", "aerotelegraph-2301", ""),
        ("AMS", 2023, 61_700_000, "S", "aviation24-2401", "preliminary"),
    ]
    # ------------------------------------------------ 2019 estimates (E or S-inf)
    kz = "govkz-caa-2019"
    for iata, v17 in (("CIT", 811_000), ("GUW", 754_000), ("SCO", 1_000_000)):
        rows.append((iata, 2019, r(v17 * KZ_19_17), "E", f"zakon-2017;{kz}",
                     f"2017 figure x Kazakhstan airports 2019/2017 = {KZ_AP_2019:,}/{KZ_AP_2017:,} = {KZ_19_17:.4f}"))
    rows.append(("AKX", 2019, r(765_000 * KZ_19_22), "E", f"visitaktobe-2023;{kz};gov-2310",
                 f"2022 figure x Kazakhstan airports 2019/2022 = {KZ_AP_2019:,}/{KZ_AP_2022:,} = {KZ_19_22:.4f}"))
    for iata in ("URA", "UKK", "KZO", "KSN"):
        rows.append((iata, 2019, r(POP[iata] * KZ_PROPENSITY), "E", f"wiki-kz-cities;{kz};syr-media-2008",
                     f"no passenger figure found: city population {POP[iata]:,} (1 Jan 2023) x Kazakhstan "
                     f"airport passengers per resident 2019 = {KZ_AP_2019:,}/{KZ_POP_2019:,} = {KZ_PROPENSITY:.4f}"))
    rows.append(("URC", 2019, r(25_000_000 * CN_19_23), "E", "people-2401-urc;caac-2019-summary;caac-2023-bulletin",
                 f"2019 not found: 2023 figure x China airports 2019/2023 = {CN_AP_2019:,}/{CN_AP_2023:,} = {CN_19_23:.4f}"))
    bj_2019 = 100_000_000 + 3_000_000
    pek_share = 52_879_156 / (52_879_156 + 39_400_000)
    bj_note = (f"Beijing 2019 = PEK 100,000,000 ('more than 100 million' [caac-2019-summary]) + PKX about 3,000,000 "
               f"(opened 25 Sep 2019 [govcn-2101]) = {bj_2019:,}, split by the 2023 shares (PEK {pek_share:.4f}); "
               f"the network has CZ at Daxing, so the pre-Daxing PEK figure would double-count Beijing")
    rows.append(("PEK", 2019, r(bj_2019 * pek_share), "E", "caac-2019-summary;govcn-2101;caac-2023-bulletin;people-2401-pkx", bj_note))
    rows.append(("PKX", 2019, r(bj_2019 * (1 - pek_share)), "E", "caac-2019-summary;govcn-2101;caac-2023-bulletin;people-2401-pkx", bj_note))
    rows.append(("SZX", 2019, r(52_730_000 * CN_19_23), "E", "szx-2401;caac-2019-summary;caac-2023-bulletin",
                 f"2019 not found: 2023 figure x China airports 2019/2023 = {CN_19_23:.4f}"))
    rows.append(("XIY", 2019, r(r(47_030_400 / 1.1579) * CN_19_23), "E", "qq727-blog;thatsmags-2501;caac-2019-summary;caac-2023-bulletin",
                 f"2019 not found: 2023 estimate x China airports 2019/2023 = {CN_19_23:.4f} [weak: blog-based 2023 value]"))
    fru_2022 = 2_500_000 * 12 / 11
    kg_2019 = KG_9M2019 * 12 / 9
    rows.append(("FRU", 2019, r(fru_2022 * kg_2019 / KG_2022), "E", "trend-2212-kg;theasian-1910;azernews-2301-kg",
                 f"Jan-Nov 2022 2.5M x 12/11 = {fru_2022:,.0f} for 2022, x Kyrgyz airports 2019/2022 = "
                 f"({KG_9M2019:,} x 12/9)/{KG_2022:,} = {kg_2019 / KG_2022:.4f} (the 2019 base is company-wide, [conflict])"))
    for iata, v23, src in (("TAS", 10_000_000, "aa-2401-tas"), ("GYD", 5_850_000, "trend-2401-gyd")):
        rows.append((iata, 2019, r(v23 * KZ_19_23), "E", f"{src};{kz};at-2312-rec",
                     f"2019 not found: 2023 figure x Kazakhstan airports 2019/2023 = {KZ_AP_2019:,}/{KZ_AP_2023:,} = "
                     f"{KZ_19_23:.4f}, the nearest sourced regional growth ratio"))
    rows.append(("ASB", 2019, r(POP["ASB"] * KZ_PROPENSITY), "E", f"yerzemin-tm;{kz};syr-media-2008",
                 f"no passenger figure found: Ashgabat population {POP['ASB']:,} (census 2022) x Kazakhstan airport "
                 f"passengers per resident 2019 = {KZ_PROPENSITY:.4f} (no Turkmen figure found)"))
    rows.append(("TBS", 2019, 3_808_772, "E", "ekho-2411",
                 "2019 not found: the 2018 record (3,808,772), unbroken until 2024, is used as the 2019 level (an upper bound)"))
    rows.append(("BKK", 2019, r(63_378_923 * 1.0335), "E", "tna-1901-bkk;tna-1912-bkk",
                 "2018 figure x (1 + 3.35%), the Jan-Nov 2019 growth (Jan-Nov 2019 = 59,393,827)"))
    return rows


def main() -> int:
    airports = ec.load_airports()
    rows = airport_rows()
    rows.sort(key=lambda t: (list(airports).index(t[0]), t[1]))
    # Checks: known airports, one row per (airport, year) except that a 2019 estimate (E) may sit
    # beside a sourced 2019 figure it replaces as the mass, positive counts, a 2019 row each.
    seen = set()
    for iata, year, pax, basis, src, note in rows:
        check(iata in airports, f"airport_stats: unknown airport {iata}")
        key = (iata, year, basis == "E" and year == 2019)
        check(key not in seen, f"airport_stats: duplicate row {iata} {year}")
        seen.add(key)
        check(isinstance(pax, int) and 10_000 <= pax <= 200_000_000, f"airport_stats: implausible {iata} {year} {pax}")
        check(2015 <= year <= 2025, f"airport_stats: year {year}")
        check("\n" not in note and '"' not in note, f"airport_stats: note for {iata} {year}")
    for iata, year, is_e in seen:
        if year == 2019 and not is_e and (iata, 2019, True) in seen:
            note = next(t[5] for t in rows if t[0] == iata and t[1] == 2019 and t[3] != "E")
            check("not the gravity mass" in note, f"airport_stats: {iata} 2019 sourced row must say it is not the mass")
    missing = sorted(set(airports) - {i for i, y, _e in seen if y == 2019})
    check(not missing, f"airport_stats: no 2019 row for {missing}")
    ec.check_basis("airport_stats.csv", [t[3] for t in rows])
    ec.check_sources("airport_stats.csv", [t[4] for t in rows])
    for c in CITIES:
        check(c[0] in airports and airports[c[0]]["city"] == c[1], f"city_stats: {c[0]} city name {c[1]}")
    ec.check_basis("city_stats.csv", [c[4] for c in CITIES])
    ec.check_sources("city_stats.csv", [c[5] for c in CITIES])
    # Cross-checks printed for information.
    m19 = {i: p for i, y, p, b, *_ in rows if y == 2019 and (b == "E" or (i, 2019, True) not in seen)}
    kz_model = sum(v for k, v in m19.items() if airports[k]["country"] == "KZ")
    check(kz_model < KZ_AP_2019, "modelled KZ airports exceed the national total")

    ec.write_csv("airport_stats.csv", ["iata", "year", "passengers", "basis", "source", "note"],
                 [list(t) for t in rows])
    ec.write_csv("city_stats.csv", ["iata", "city", "population", "year", "basis", "source", "note"],
                 [list(c) for c in CITIES])
    print(f"airport_stats.csv: {len(rows)} rows, {len(airports)} airports with a 2019 mass")
    print(f"city_stats.csv: {len(CITIES)} rows")
    print(f"Kazakhstan airport passengers per resident 2019: {KZ_AP_2019:,} / {KZ_POP_2019:,} = {KZ_PROPENSITY:.4f}")
    print(f"  for comparison, 2019 masses per city resident: "
          + ", ".join(f"{k} {m19[k] / POP[k]:.2f}" for k in ("ALA", "NQZ", "CIT", "GUW", "SCO", "AKX")))
    print(f"modelled KZ airports 2019: {kz_model:,} of {KZ_AP_2019:,} national ({kz_model / KZ_AP_2019:.1%})")
    print("2019 masses (million): " + ", ".join(f"{k} {m19[k] / 1e6:.2f}" for k in airports))
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ec.CheckError as e:
        print(f"SELF-CHECK FAILED: {e}", file=sys.stderr)
        sys.exit(1)
