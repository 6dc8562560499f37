#!/usr/bin/env python3
"""Regenerate routes/schedule.csv for flightnet.

Usage (from the repository root):

    python3 routes/tools/build_routes.py

Python 3.11, standard library only. Time zones come from the system tzdata
through `zoneinfo` (tzdata 2024a or later is required: it has Kazakhstan's move
to UTC+5 on 2024-03-01; the script checks this and stops if it is missing).

The script reads the hand-written files routes/airports.csv, routes/airlines.csv
and routes/fleet.csv, expands the compact service specification below into
dated flight legs, writes schedule.csv, and runs the self-checks listed in
routes/SOURCES.md. Base demand (demand.csv) is not made here: it comes from the
gravity model in routes/tools/build_demand.py, which never uses seats or
frequencies; that script imports `connections` and the helpers below. Any failed check raises an error and the script
exits with a non-zero status. Output is deterministic: running it twice gives
byte-identical files.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import math
import sys
import zoneinfo
from collections import defaultdict
from pathlib import Path

ROUTES = Path(__file__).resolve().parent.parent
HORIZON_FROM = dt.date(2022, 6, 1)
HORIZON_TO = dt.date(2024, 12, 31)
KZ_TZ_CHANGE = dt.date(2024, 3, 1)   # Asia/Almaty and Asia/Qostanay: UTC+6 -> UTC+5
KZ_CHANGING_ZONES = {"Asia/Almaty", "Asia/Qostanay"}
EUROPE_ZONES = {"Europe/Berlin", "Europe/London", "Europe/Amsterdam"}
# IATA seasons (first day of each season), used to split Europe flights.
IATA_SEASONS = [
    ("S22", dt.date(2022, 3, 27)), ("W22", dt.date(2022, 10, 30)),
    ("S23", dt.date(2023, 3, 26)), ("W23", dt.date(2023, 10, 29)),
    ("S24", dt.date(2024, 3, 31)), ("W24", dt.date(2024, 10, 27)),
]
BASIS_ORDER = ["S", "S-plan", "S-inf", "E"]   # strongest first

# ---------------------------------------------------------------------------
# Block times (minutes). Values from the facts file (section 3 and 4 tables);
# "S" = sourced schedule, "E" = the facts' distance formula as tabulated there.
# Legs not listed fall back to the same formula (block_formula below).
# ---------------------------------------------------------------------------
BLOCKS = """
ALA-PEK 295 S   PEK-ALA 315 S   URC-ASB 250 S   ASB-URC 215 S
NQZ-PEK 320 E   PEK-NQZ 350 E   ALA-CTU 245 E   CTU-ALA 275 E
ALA-URC  95 E   URC-ALA  95 E   NQZ-URC 145 E   URC-NQZ 145 E
XIY-ALA 285 E   ALA-XIY 260 E   PKX-ALA 320 E   ALA-PKX 290 E
PEK-XIY 105 E   XIY-PEK 105 E   XIY-NQZ 340 E   NQZ-XIY 305 E
CTU-NQZ 340 E   NQZ-CTU 305 E   HGH-ALA 390 E   ALA-HGH 355 E
CAN-ALA 380 E   ALA-CAN 345 E
URC-TAS 160 E   TAS-URC 145 E   URC-FRU 115 E   FRU-URC 115 E
URC-DYU 175 E   DYU-URC 160 E   URC-TBS 335 E   TBS-URC 300 E
URC-GYD 300 E   GYD-URC 275 E
CAN-URC 320 E   URC-CAN 290 E   PKX-URC 245 E   URC-PKX 220 E
CAN-PKX 180 E   PKX-CAN 180 E   SZX-URC 330 E   URC-SZX 295 E
XIY-URC 215 E   URC-XIY 195 E   CTU-URC 210 E   URC-CTU 190 E
ALA-NQZ 105 E   NQZ-ALA 105 E   ALA-GUW 205 E   GUW-ALA 185 E
ALA-SCO 210 E   SCO-ALA 190 E   ALA-AKX 175 E   AKX-ALA 160 E
ALA-URA 215 E   URA-ALA 195 E   ALA-UKK  95 E   UKK-ALA  95 E
ALA-KZO 105 E   KZO-ALA 105 E   NQZ-GUW 150 E   GUW-NQZ 150 E
NQZ-SCO 180 E   SCO-NQZ 165 E   NQZ-AKX 110 E   AKX-NQZ 110 E
NQZ-UKK  90 E   UKK-NQZ  90 E   NQZ-KZO  95 E   KZO-NQZ  95 E
NQZ-KSN  75 E   KSN-NQZ  75 E   NQZ-CIT 110 E   CIT-NQZ 110 E
ALA-DXB 275 E   DXB-ALA 250 E   NQZ-DXB 310 E   DXB-NQZ 280 E
ALA-IST 375 E   IST-ALA 340 E   NQZ-IST 330 E   IST-NQZ 300 E
ALA-DEL 165 E   DEL-ALA 165 E   ALA-BKK 345 E   BKK-ALA 385 E
ALA-ICN 360 E   ICN-ALA 400 E   NQZ-FRA 410 E   FRA-NQZ 370 E
NQZ-LHR 455 E   LHR-NQZ 410 E   GUW-AMS 325 E   AMS-GUW 295 E
ALA-TAS  85 E   TAS-ALA  85 E   ALA-FRU  45 E   FRU-ALA  45 E
ALA-DYU 100 E   DYU-ALA 100 E   ALA-TBS 260 E   TBS-ALA 235 E
ALA-GYD 225 E   GYD-ALA 205 E
"""

# ---------------------------------------------------------------------------
# Service specification.
#
#   @ AIRLINE AIRCRAFT [kzcn=LABEL]
#     FLIGHT ORIG-DEST DEP        one line per leg, in flying order
#     FROM..TO DAYS BASIS SOURCES one line per validity period
#
# DEP is the local departure time at ORIG: "HH:MM" on the anchor date (the
# local departure date of the first leg), "HH:MM+1" on the next local date,
# or "+N" = N minutes after the previous leg's arrival (a through stop).
# Local departure times never change when Kazakhstan changes its UTC offset
# or Europe changes to/from summer time; arrivals are recomputed from the
# constant block time. FROM..TO and DAYS refer to anchor dates; "ALL" is
# 2022-06-01..2024-12-31. BASIS/SOURCES describe frequency and validity
# period (weakest of the two); clock times and weekday choices are E unless
# SOURCES.md says otherwise. kzcn marks a Kazakhstan-China service (one
# round trip per anchor date).
# ---------------------------------------------------------------------------
SPEC = """
# ===================== Kazakhstan - China ==================================
@ KC A321LR kzcn=KC:ALA-PEK
  267 ALA-PEK 01:35
  268 PEK-ALA 11:30
  2022-11-22..2023-03-01 .2..... S      kursiv-pek;at-2302
  2023-03-02..2023-05-31 .2.4.67 S-plan kursiv-pek;at-2302
  2023-06-01..2023-09-30 1234567 S-plan kursiv-pek;at-2304
  2023-10-01..2023-10-28 12.4567 S      kursiv-pek;rzd-2310
  2023-10-29..2024-12-31 1234567 S-plan kursiv-pek;rzd-2310

@ KC A321LR kzcn=KC:NQZ-PEK
  211 NQZ-PEK 01:00
  212 PEK-NQZ 10:30
  2023-03-18..2023-05-31 .....6. S      at-2302
  2023-06-01..2023-09-30 ..3..6. S-plan at-2304
  2023-10-01..2023-10-28 .....6. S      rzd-2310
  2023-10-29..2024-12-31 1.3..6. S-plan rzd-2310

@ KC A321neo kzcn=KC:ALA-CTU
  289 ALA-CTU 01:00
  290 CTU-ALA 10:00
  2022-07-01..2022-10-29 ....5.. S-inf  caa22;at-2302

@ KC A321neo kzcn=KC:ALA-CTU
  289 ALA-CTU 23:30
  290 CTU-ALA 10:00+1
  2023-02-15..2023-05-31 ..3.... S      at-2302
  2023-06-01..2023-09-30 ..3.5.. S-plan at-2304

@ KC A320neo kzcn=KC:ALA-URC
  987 ALA-URC 13:30
  988 URC-ALA 19:00
  2023-10-01..2023-10-28 ..3..6. S      rzd-2310
  2023-10-29..2024-12-31 1234567 S-plan rzd-2310;at-2404

@ CZ B737-800 kzcn=CZ:URC-ALA
  6011 URC-ALA 21:30
  6012 ALA-URC 22:30
  2022-07-01..2023-03-31 ....5.. S      caa22;sputnik0627
  2023-04-01..2023-09-30 .2..5.7 S      at-2304;trend-2304
  2023-10-01..2024-12-31 1234567 S      rzd-2310

@ CZ B737-800 kzcn=CZ:URC-NQZ
  6009 URC-NQZ 20:45
  6010 NQZ-URC 22:40
  2023-04-01..2024-05-29 ..3..6. S      at-2304;rzd-2310
  2024-05-30..2024-12-31 ..3.5.7 S      trend-2405;mailru-2405

@ CZ B737-800 kzcn=CZ:XIY-ALA
  6041 XIY-ALA 14:00
  6042 ALA-XIY 18:00
  2022-12-23..2023-09-30 ....5.. S      trend-xiy
  2023-10-01..2024-12-31 .2..5.. S      rzd-2310

@ CZ A320 kzcn=CZ:PKX-ALA
  6075 PKX-ALA 13:30
  6076 ALA-PKX 18:00
  2024-01-25..2024-12-31 .2.4.6. S      at-2312

@ FS A320 kzcn=FS:NQZ-URC
  7301 NQZ-URC 10:00
  7302 URC-NQZ 16:15
  2023-09-01..2024-12-31 ...4..7 S      aviationdirect-fs;rzd-2310

@ CA A320 kzcn=CA:PEK-XIY-NQZ
  1021 PEK-XIY 07:00
  1021 XIY-NQZ +60
  1022 NQZ-XIY 14:30
  1022 XIY-PEK +60
  2023-04-21..2023-09-30 1.3.5.. S      at-2304
  2023-10-01..2024-12-31 1...5.. S      rzd-2310

@ CA A320 kzcn=CA:CTU-NQZ
  4051 CTU-NQZ 09:00
  4052 NQZ-CTU 14:00
  2022-08-21..2022-12-31 ......7 E      inform-ca-ctu

@ GJ A321 kzcn=GJ:HGH-ALA
  8651 HGH-ALA 08:30
  8652 ALA-HGH 14:30
  2023-09-01..2023-11-30 .2.4.6. S      menafn-loong;rzd-2310
  2023-12-01..2024-12-31 .2.4.67 S-plan at-2311

@ MU A320 kzcn=MU:CAN-ALA
  2061 CAN-ALA 09:00
  2062 ALA-CAN 13:30
  2024-07-01..2024-12-31 1.3.5.. S      timesca

# ===================== China Southern: Urumqi - Central Asia / Caucasus ====
@ CZ B737-800
  6007 URC-TAS 21:00
  6008 TAS-URC 22:00
  2022-10-14..2023-03-31 ....5.. S      azernews-tas
  2023-04-01..2024-10-26 .2..5.7 E      veritas-2409
  2024-10-27..2024-12-31 1.3.5.7 E      veritas-2409

@ CZ B737-800
  6003 URC-FRU 20:30
  6004 FRU-URC 21:30
  2023-01-31..2024-12-31 .2..5.. E      radiometro

@ CZ B737-800
  6015 URC-ASB 22:20
  6016 ASB-URC 01:00+1
  2023-04-25..2024-12-30 .2..... S      ecns-asb

@ CZ B737-800
  6017 URC-DYU 21:15
  6018 DYU-URC 22:30
  2023-04-01..2024-12-31 1...5.. E      ecns-asb

@ CZ B737-800
  6027 URC-TBS 20:30
  6028 TBS-URC 23:30
  2023-04-01..2024-03-30 ..3...7 E      ecns-asb
  2024-03-31..2024-12-31 1.3.5.7 E      ecns-asb;gz-gov-2025

@ CZ B737-800
  6029 URC-GYD 20:45
  6030 GYD-URC 23:15
  2023-04-01..2024-12-31 .2...6. E      ecns-asb

# ===================== China Southern domestic feeders (all E) =============
@ CZ A321
  6881 CAN-URC 10:30
  6882 URC-CAN 17:00
  ALL 1234567 E -
@ CZ B787-8
  6883 CAN-URC 12:00
  6884 URC-CAN 18:50
  ALL 1234567 E -
@ CZ A321
  6885 URC-CAN 09:00
  6886 CAN-URC 15:00
  ALL 1234567 E -
@ CZ A320
  6901 PKX-URC 11:30
  6902 URC-PKX 16:45
  ALL 1234567 E -
@ CZ A320
  6903 PKX-URC 13:30
  6904 URC-PKX 18:45
  ALL 1234567 E -
@ CZ A320
  6905 URC-PKX 09:15
  6906 PKX-URC 14:00
  ALL 1234567 E -
@ CZ A321
  6921 SZX-URC 11:00
  6922 URC-SZX 17:45
  ALL 1234567 E -
@ CZ B737-800
  6931 XIY-URC 13:00
  6932 URC-XIY 17:45
  ALL 1234567 E -
@ CZ B737-800
  6933 URC-XIY 09:30
  6934 XIY-URC 14:00
  ALL 1234567 E -
@ CZ A320
  6941 URC-CTU 10:00
  6942 CTU-URC 14:15
  ALL 1234567 E -
@ CZ A330-300
  3101 CAN-PKX 07:00
  3102 PKX-CAN 11:30
  ALL 1234567 E -
@ CZ A330-300
  3103 CAN-PKX 09:30
  3104 PKX-CAN 14:00
  ALL 1234567 E -
@ CZ A330-300
  3105 CAN-PKX 12:00
  3106 PKX-CAN 16:30
  ALL 1234567 E -
@ CZ A330-300
  3107 CAN-PKX 14:30
  3108 PKX-CAN 19:00
  ALL 1234567 E -
@ CZ A330-300
  3109 CAN-PKX 16:30
  3110 PKX-CAN 21:00
  ALL 1234567 E -
@ CZ A321
  3111 PKX-CAN 07:30
  3112 CAN-PKX 11:30
  ALL 1234567 E -
@ CZ A321
  3113 PKX-CAN 10:00
  3114 CAN-PKX 14:00
  ALL 1234567 E -
@ CZ A321
  3115 PKX-CAN 13:00
  3116 CAN-PKX 17:00
  ALL 1234567 E -
@ CZ A321
  3117 PKX-CAN 15:30
  3118 CAN-PKX 19:30
  ALL 1234567 E -
@ CZ A321
  3119 PKX-CAN 17:30
  3120 CAN-PKX 21:30
  ALL 1234567 E -

# ===================== Air Astana domestic (frequencies E) =================
@ KC B767-300ER
  851 ALA-NQZ 07:00
  852 NQZ-ALA 10:15
  ALL 1234567 E simpleflying-2005;paryz;newtimes
@ KC A321
  853 ALA-NQZ 08:00
  854 NQZ-ALA 11:00
  ALL 1234567 E simpleflying-2005
@ KC E190-E2
  856 NQZ-ALA 06:45
  855 ALA-NQZ 12:00
  858 NQZ-ALA 16:00
  857 ALA-NQZ 20:30
  ALL 1234567 E simpleflying-2005;ch-aviation-e2
@ KC A321LR
  859 ALA-NQZ 16:30
  860 NQZ-ALA 19:30
  ALL 1234567 E simpleflying-2005
@ KC A321LR
  861 ALA-NQZ 17:30
  862 NQZ-ALA 20:30
  ALL 1234567 E simpleflying-2005
@ KC A321
  863 ALA-NQZ 18:00
  864 NQZ-ALA 20:50
  ALL 1234567 E simpleflying-2005
@ KC B767-300ER
  865 ALA-NQZ 17:45
  866 NQZ-ALA 21:00
  ALL 1234567 E simpleflying-2005
@ KC A321
  871 ALA-GUW 07:30
  872 GUW-ALA 11:45
  ALL 1234567 E openflights
@ KC A321
  873 ALA-GUW 16:30
  874 GUW-ALA 21:15
  ALL 1234567 E openflights
@ KC A320neo
  875 ALA-SCO 16:15
  876 SCO-ALA 20:50
  ALL 1234567 E openflights
@ KC A320neo
  877 ALA-URA 07:15
  878 URA-ALA 11:40
  ALL 12.45.7 E -
@ KC E190-E2
  879 ALA-AKX 17:30
  880 AKX-ALA 21:20
  ALL 1234567 E simpleflying-2005
@ KC E190-E2
  881 ALA-UKK 07:15
  882 UKK-ALA 09:35
  ALL 1234567 E simpleflying-2005
@ KC E190-E2
  883 ALA-KZO 17:00
  884 KZO-ALA 19:30
  ALL 1.3.5.7 E simpleflying-2005
@ KC E190-E2
  885 ALA-CIT 07:45
  886 CIT-ALA 09:50
  ALL 1234567 E openflights
@ KC A321neo
  831 NQZ-GUW 15:45
  832 GUW-NQZ 19:15
  ALL 1234567 E openflights
@ KC A320neo
  833 NQZ-SCO 15:15
  834 SCO-NQZ 19:00
  ALL 1234567 E openflights
@ KC E190-E2
  835 NQZ-AKX 07:00
  836 AKX-NQZ 09:30
  ALL 1234567 E simpleflying-2005
@ KC E190-E2
  837 NQZ-UKK 17:00
  838 UKK-NQZ 19:15
  ALL 1234567 E simpleflying-2005
@ KC E190-E2
  839 NQZ-KZO 17:30
  840 KZO-NQZ 19:45
  ALL 1.3.5.. E simpleflying-2005
@ KC E190-E2
  841 NQZ-KSN 18:00
  842 KSN-NQZ 20:00
  2024-03-31..2024-12-31 .2.4.67 E at-2404
@ KC A320neo
  843 NQZ-CIT 07:15
  844 CIT-NQZ 09:50
  ALL 1234567 E -

# ===================== Air Astana international (frequencies E unless S) ===
@ KC A321neo
  891 ALA-DXB 02:00
  892 DXB-ALA 07:00
  ALL 1234567 E simpleflying-a321;weltjournal
@ KC A321neo
  893 NQZ-DXB 01:30
  894 DXB-NQZ 07:00
  ALL 1234567 E rbc-2201
@ KC A321LR
  901 ALA-IST 02:30
  902 IST-ALA 08:00
  ALL 1234567 E ch-aviation-e2
@ KC A321neo
  903 NQZ-IST 02:00
  904 IST-NQZ 07:00
  ALL .2..5.7 E italiavola
@ KC A321neo
  907 ALA-DEL 17:30
  908 DEL-ALA 21:45
  ALL 1234567 E weltjournal
@ KC A321LR
  931 ALA-BKK 01:10
  932 BKK-ALA 10:00
  ALL .2.4.67 E ch-aviation-e2;weltjournal
@ KC A321LR
  911 ALA-ICN 00:50
  912 ICN-ALA 12:00
  2022-06-01..2024-03-30 1.3.5.7 E ch-aviation-e2
  2024-03-31..2024-12-31 1234567 S at-2404
@ KC B767-300ER
  921 NQZ-FRA 08:00
  922 FRA-NQZ 13:30
  ALL 1.3.5.. E simpleflying-2005
@ KC A321LR
  941 NQZ-LHR 07:30
  942 LHR-NQZ 12:30
  ALL .2.4.6. E ch-aviation-e2
@ KC A321LR
  951 GUW-AMS 06:45
  952 AMS-GUW 10:30
  ALL 1234567 E ch-aviation-e2;upinthesky-2026
@ KC A320neo
  131 ALA-TAS 09:30
  132 TAS-ALA 12:00
  ALL 1234567 E at-2404
@ KC A320neo
  109 ALA-FRU 09:00
  110 FRU-ALA 11:45
  ALL 1234567 E at-2404
@ KC A320neo
  137 ALA-DYU 10:00
  138 DYU-ALA 12:40
  ALL .2.4.67 E at-2404
@ KC A321neo
  151 ALA-TBS 08:00
  152 TBS-ALA 12:20
  ALL 123...7 E at-2404
@ KC A320neo
  155 ALA-GYD 08:00
  156 GYD-ALA 11:45
  ALL 1.3.5.. E at-2404
"""

# ---------------------------------------------------------------------------
# Independent statement of the Kazakhstan-China timeline (the brief / facts
# sections 1-3). For every Monday-Sunday week lying wholly inside an interval
# the number of round trips must equal the figure; weeks lying wholly outside
# every interval of that service must have none.
# ---------------------------------------------------------------------------
TIMELINE = """
KC:ALA-CTU 2022-07-01 2022-10-29 1
KC:ALA-CTU 2023-02-15 2023-05-31 1
KC:ALA-CTU 2023-06-01 2023-09-30 2
KC:ALA-PEK 2022-11-22 2023-03-01 1
KC:ALA-PEK 2023-03-02 2023-05-31 4
KC:ALA-PEK 2023-06-01 2023-09-30 7
KC:ALA-PEK 2023-10-01 2023-10-28 6
KC:ALA-PEK 2023-10-29 2024-12-31 7
KC:NQZ-PEK 2023-03-18 2023-05-31 1
KC:NQZ-PEK 2023-06-01 2023-09-30 2
KC:NQZ-PEK 2023-10-01 2023-10-28 1
KC:NQZ-PEK 2023-10-29 2024-12-31 3
KC:ALA-URC 2023-10-01 2023-10-28 2
KC:ALA-URC 2023-10-29 2024-12-31 7
CZ:URC-ALA 2022-07-01 2023-03-31 1
CZ:URC-ALA 2023-04-01 2023-09-30 3
CZ:URC-ALA 2023-10-01 2024-12-31 7
CZ:URC-NQZ 2023-04-01 2024-05-29 2
CZ:URC-NQZ 2024-05-30 2024-12-31 3
CZ:XIY-ALA 2022-12-23 2023-09-30 1
CZ:XIY-ALA 2023-10-01 2024-12-31 2
CZ:PKX-ALA 2024-01-25 2024-12-31 3
FS:NQZ-URC 2023-09-01 2024-12-31 2
CA:PEK-XIY-NQZ 2023-04-21 2023-09-30 3
CA:PEK-XIY-NQZ 2023-10-01 2024-12-31 2
CA:CTU-NQZ 2022-08-21 2022-12-31 1
GJ:HGH-ALA 2023-09-01 2023-11-30 3
GJ:HGH-ALA 2023-12-01 2024-12-31 4
MU:CAN-ALA 2024-07-01 2024-12-31 3
"""

# Longest connection (minutes) counted by `connections` (used by build_demand.py).
MAX_CONNECT_MIN = 12 * 60
ROTATION_WEEKS_REPORTED = [dt.date(2023, 10, 16), dt.date(2024, 7, 15)]


class CheckError(Exception):
    pass


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise CheckError(msg)


# ------------------------------------------------------------------ reading
def read_csv(name: str) -> list[dict]:
    path = ROUTES / name
    raw = path.read_bytes()
    check(b"\r" not in raw, f"{name}: CR characters found (LF line endings required)")
    text = raw.decode("utf-8")
    for i, line in enumerate(text.split("\n"), 1):
        check(line == line.rstrip(" \t"), f"{name}:{i}: trailing whitespace")
    return list(csv.DictReader(io.StringIO(text)))


def load_reference() -> tuple[dict, dict, dict]:
    airports = {}
    for r in read_csv("airports.csv"):
        check(len(r["iata"]) == 3 and r["iata"].isalpha() and r["iata"].isupper(), f"bad iata {r['iata']}")
        check(len(r["icao"]) == 4, f"bad icao {r['icao']}")
        check(len(r["country"]) == 2, f"bad country {r['country']}")
        r["lat"], r["lon"] = float(r["lat"]), float(r["lon"])
        r["zone"] = zoneinfo.ZoneInfo(r["tz"])
        for k in ("mct_dd", "mct_di", "mct_id", "mct_ii"):
            r[k] = int(r[k])
        check(r["basis"] in BASIS_ORDER, f"airport {r['iata']} basis {r['basis']}")
        airports[r["iata"]] = r
    airlines = {}
    for r in read_csv("airlines.csv"):
        check(r["basis"] in BASIS_ORDER, f"airline basis {r}")
        airlines[r["code"]] = r
    fleet = {}
    for r in read_csv("fleet.csv"):
        check(r["airline"] in airlines, f"fleet airline {r['airline']}")
        check(" " not in r["aircraft"], f"aircraft name with space {r['aircraft']}")
        check(len(r["iata_type"]) == 3, f"iata_type {r['iata_type']}")
        check(r["basis"] in BASIS_ORDER, f"fleet basis {r}")
        for k in ("seats", "count", "min_turn"):
            r[k] = int(r[k])
        key = (r["airline"], r["aircraft"])
        check(key not in fleet, f"duplicate fleet row {key}")
        fleet[key] = r
    return airports, airlines, fleet


def check_reference_data(airports: dict) -> None:
    # Zones and names that the brief fixes.
    want_tz = {"URC": "Asia/Shanghai", "KSN": "Asia/Qostanay", "GUW": "Asia/Atyrau",
               "TAS": "Asia/Tashkent", "ALA": "Asia/Almaty", "NQZ": "Asia/Almaty"}
    for k, v in want_tz.items():
        check(airports[k]["tz"] == v, f"{k} zone must be {v}")
    check("TSE" not in airports and "BSZ" not in airports, "use NQZ and FRU, not TSE/BSZ")
    check((airports["PKX"]["lat"], airports["PKX"]["lon"]) == (39.509945, 116.41092), "PKX coordinates")
    # tzdata must know Kazakhstan's 2024 change.
    z = zoneinfo.ZoneInfo("Asia/Almaty")
    off1 = dt.datetime(2024, 2, 28, 12, tzinfo=z).utcoffset()
    off2 = dt.datetime(2024, 3, 2, 12, tzinfo=z).utcoffset()
    check(off1 == dt.timedelta(hours=6) and off2 == dt.timedelta(hours=5),
          "system tzdata lacks Kazakhstan's 2024-03-01 move to UTC+5 (need tzdata 2024a+)")


# --------------------------------------------------------------- geometry
def gc_km(airports: dict, a: str, b: str) -> float:
    A, B = airports[a], airports[b]
    la1, lo1, la2, lo2 = map(math.radians, (A["lat"], A["lon"], B["lat"], B["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def block_formula(airports: dict, a: str, b: str) -> int:
    """Facts E formula: 25 min + 0.085 min/km, x0.95 east / x1.05 west when
    the leg is over 1,500 km and the longitude difference exceeds 10 degrees,
    rounded to 5 min."""
    km = gc_km(airports, a, b)
    t = 25 + 0.085 * km
    dlon = airports[b]["lon"] - airports[a]["lon"]
    if km > 1500 and abs(dlon) > 10:
        t *= 0.95 if dlon > 0 else 1.05
    return int(5 * math.floor(t / 5 + 0.5))


def parse_blocks() -> dict:
    toks = BLOCKS.split()
    out = {}
    for i in range(0, len(toks), 3):
        od, mins, basis = toks[i], int(toks[i + 1]), toks[i + 2]
        check(od not in out, f"duplicate block {od}")
        out[od] = (mins, basis)
    return out


# ------------------------------------------------------------- spec parser
def parse_hhmm(s: str) -> tuple[int, int]:
    h, m = s.split(":")
    check(len(h) == 2 and len(m) == 2 and 0 <= int(h) < 24 and 0 <= int(m) < 60, f"bad time {s}")
    return int(h), int(m)


def parse_spec() -> list[dict]:
    services: list[dict] = []
    cur = None
    for lineno, line in enumerate(SPEC.splitlines(), 1):
        s = line.split("#", 1)[0].strip()
        if not s:
            continue
        t = s.split()
        if t[0] == "@":
            cur = {"airline": t[1], "aircraft": t[2], "legs": [], "periods": [],
                   "kzcn": None, "line": lineno}
            for opt in t[3:]:
                k, v = opt.split("=")
                if k == "kzcn":
                    cur["kzcn"] = v
                else:
                    raise CheckError(f"spec line {lineno}: unknown option {opt}")
            services.append(cur)
        elif ".." in t[0] or t[0] == "ALL":
            check(len(t) == 4, f"spec line {lineno}: period needs FROM..TO DAYS BASIS SOURCES")
            if t[0] == "ALL":
                f, to = HORIZON_FROM, HORIZON_TO
            else:
                a, b = t[0].split("..")
                f, to = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
            days = t[1]
            check(len(days) == 7 and all(c in (str(i + 1), ".") for i, c in enumerate(days)),
                  f"spec line {lineno}: bad days {days}")
            check(t[2] in BASIS_ORDER, f"spec line {lineno}: bad basis {t[2]}")
            check(f <= to, f"spec line {lineno}: empty period")
            cur["periods"].append({"from": f, "to": to, "days": days, "basis": t[2], "source": t[3]})
        else:
            check(len(t) == 3, f"spec line {lineno}: leg needs FLIGHT ORIG-DEST DEP")
            o, d = t[1].split("-")
            dep = t[2]
            leg = {"flight": t[0], "origin": o, "dest": d}
            if dep.startswith("+"):
                leg["after"] = int(dep[1:])
            else:
                off = 0
                if "+" in dep:
                    dep, o2 = dep.split("+")
                    off = int(o2)
                leg["dep"] = parse_hhmm(dep)
                leg["offset"] = off
            cur["legs"].append(leg)
    for sv in services:
        check(sv["legs"] and sv["periods"], f"service at spec line {sv['line']} incomplete")
        check("dep" in sv["legs"][0], f"service at spec line {sv['line']}: first leg needs a clock time")
        for a, b in zip(sv["legs"], sv["legs"][1:]):
            check(a["dest"] == b["origin"], f"service at spec line {sv['line']}: legs not chained")
        ps = sorted(sv["periods"], key=lambda p: p["from"])
        for p, q in zip(ps, ps[1:]):
            check(p["to"] < q["from"], f"service at spec line {sv['line']}: overlapping periods")
    return services


# ---------------------------------------------------------------- time utils
def local_to_utc(day: dt.date, hm: tuple[int, int], zone: zoneinfo.ZoneInfo) -> dt.datetime:
    naive = dt.datetime(day.year, day.month, day.day, hm[0], hm[1])
    a = naive.replace(tzinfo=zone, fold=0)
    b = naive.replace(tzinfo=zone, fold=1)
    check(a.utcoffset() == b.utcoffset(), f"ambiguous or skipped local time {naive} {zone}")
    u = a.astimezone(dt.timezone.utc)
    check(u.astimezone(zone).replace(tzinfo=None) == naive, f"non-existent local time {naive} {zone}")
    return u


def season_of(d: dt.date) -> str:
    name = "S22-"
    for n, start in IATA_SEASONS:
        if d >= start:
            name = n
    return name


def daterange(a: dt.date, b: dt.date):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


# ------------------------------------------------------------------ expand
def expand(services, airports, fleet, blocks):
    """Return (legs, instances). Each instance is one flown leg on one date."""
    instances = []
    for si, sv in enumerate(services):
        key = (sv["airline"], sv["aircraft"])
        check(key in fleet, f"service at spec line {sv['line']}: aircraft {key} not in fleet.csv")
        turn = fleet[key]["min_turn"]
        for leg in sv["legs"]:
            od = f"{leg['origin']}-{leg['dest']}"
            check(leg["origin"] in airports and leg["dest"] in airports, f"unknown airport in {od}")
            leg["block"] = blocks[od][0] if od in blocks else block_formula(airports, leg["origin"], leg["dest"])
            check(leg["block"] > 0, f"block for {od} must be > 0")
        for pi, p in enumerate(sv["periods"]):
            for anchor in daterange(p["from"], p["to"]):
                if p["days"][anchor.isoweekday() - 1] == ".":
                    continue
                prev_arr = None
                for li, leg in enumerate(sv["legs"]):
                    oz = airports[leg["origin"]]["zone"]
                    dz = airports[leg["dest"]]["zone"]
                    if "after" in leg:
                        dep_utc = prev_arr + dt.timedelta(minutes=leg["after"])
                        dep_local = dep_utc.astimezone(oz).replace(tzinfo=None)
                    else:
                        dday = anchor + dt.timedelta(days=leg["offset"])
                        dep_utc = local_to_utc(dday, leg["dep"], oz)
                        dep_local = dep_utc.astimezone(oz).replace(tzinfo=None)
                        if prev_arr is not None:
                            check(dep_utc >= prev_arr + dt.timedelta(minutes=turn),
                                  f"{sv['airline']}{leg['flight']} {leg['origin']} {dday}: turn shorter than {turn} min")
                    arr_utc = dep_utc + dt.timedelta(minutes=leg["block"])
                    arr_local = arr_utc.astimezone(dz).replace(tzinfo=None)
                    instances.append({
                        "svc": si, "period": pi, "leg": li, "anchor": anchor,
                        "airline": sv["airline"], "flight": leg["flight"], "aircraft": sv["aircraft"],
                        "origin": leg["origin"], "dest": leg["dest"],
                        "dep_utc": dep_utc, "arr_utc": arr_utc,
                        "dep_local": dep_local, "arr_local": arr_local,
                        "block": leg["block"], "basis": p["basis"], "source": p["source"],
                    })
                    prev_arr = arr_utc
    return instances


def split_key(inst, airports) -> tuple:
    """Forced split points: 2024-03-01 for legs touching Asia/Almaty or
    Asia/Qostanay, IATA season for legs touching Europe."""
    d = inst["dep_local"].date()
    zones = {airports[inst["origin"]]["tz"], airports[inst["dest"]]["tz"]}
    kz = (d >= KZ_TZ_CHANGE) if zones & KZ_CHANGING_ZONES else None
    eu = season_of(d) if zones & EUROPE_ZONES else None
    return (kz, eu)


def build_rows(instances, airports):
    groups = defaultdict(list)
    for x in instances:
        groups[(x["svc"], x["period"], x["leg"])].append(x)
    rows = []
    for (_svc, _per, _leg), xs in groups.items():
        xs.sort(key=lambda x: x["anchor"])
        run = []

        def sig(x):
            return (x["dep_local"].strftime("%H:%M"), x["arr_local"].strftime("%H:%M"),
                    (x["arr_local"].date() - x["dep_local"].date()).days, split_key(x, airports))

        def flush():
            if not run:
                return
            a = run[0]
            days = ["."] * 7
            for x in run:
                wd = x["dep_local"].isoweekday()
                days[wd - 1] = str(wd)
            rows.append({
                "airline": a["airline"], "flight": a["flight"], "origin": a["origin"],
                "destination": a["dest"], "dep": sig(a)[0], "arr": sig(a)[1], "arr_day": sig(a)[2],
                "days": "".join(days), "from": run[0]["dep_local"].date(), "to": run[-1]["dep_local"].date(),
                "aircraft": a["aircraft"], "basis": a["basis"], "source": a["source"],
                "block": a["block"], "_dates": [x["dep_local"].date() for x in run],
            })
        for x in xs:
            if run and sig(x) != sig(run[-1]):
                flush()
                run = []
            run.append(x)
        flush()
    rows.sort(key=lambda r: (r["airline"], int(r["flight"]), r["origin"], r["from"]))
    return rows


# ------------------------------------------------------------------ checks
def check_rows(rows, instances, airports, fleet, airlines):
    seen = set()
    for r in rows:
        tag = f"{r['airline']}{r['flight']} {r['origin']}-{r['destination']} {r['from']}"
        check(r["airline"] in airlines, f"{tag}: unknown airline")
        check(r["flight"].isdigit() and 1 <= len(r["flight"]) <= 4 and r["flight"][0] != "0", f"{tag}: flight number")
        check((r["airline"], r["aircraft"]) in fleet, f"{tag}: aircraft not in fleet")
        check(r["origin"] != r["destination"], f"{tag}: origin = destination")
        check(r["arr_day"] in (-1, 0, 1, 2), f"{tag}: arr_day {r['arr_day']}")
        check(HORIZON_FROM <= r["from"] <= r["to"] <= HORIZON_TO, f"{tag}: period outside horizon")
        # Re-expand the row exactly as the loader will and recompute the block
        # time from the row's own local times on every operating date.
        oz, dz = airports[r["origin"]]["zone"], airports[r["destination"]]["zone"]
        dates = [d for d in daterange(r["from"], r["to"]) if r["days"][d.isoweekday() - 1] != "."]
        check(dates == r["_dates"], f"{tag}: days/from/to do not reproduce the operating dates")
        check(dates[0] == r["from"] and dates[-1] == r["to"], f"{tag}: from/to are not operating days")
        for d in dates:
            dep = local_to_utc(d, parse_hhmm(r["dep"]), oz)
            arr = local_to_utc(d + dt.timedelta(days=r["arr_day"]), parse_hhmm(r["arr"]), dz)
            blk = (arr - dep).total_seconds() / 60
            check(blk > 0 and blk == r["block"], f"{tag}: block on {d} is {blk}, intended {r['block']}")
            k = (r["airline"], r["flight"], r["origin"], d)
            check(k not in seen, f"duplicate operation {k}")
            seen.add(k)
    check(len(seen) == len(instances), "rows do not cover every generated leg exactly once")
    # Both directions of every airline route.
    routes = {(r["airline"], r["origin"], r["destination"]) for r in rows}
    for a, o, d in routes:
        check((a, d, o) in routes, f"route {a} {o}-{d} has no return direction")
    used = {r["origin"] for r in rows} | {r["destination"] for r in rows}
    check(used == set(airports), f"airports.csv and schedule differ: {sorted(used ^ set(airports))}")
    check(len(used) >= 30, "fewer than 30 airports")
    check(len(routes) >= 60, "fewer than 60 directed routes")
    # E190-E2 domestic only.
    for r in rows:
        if r["aircraft"] == "E190-E2":
            check(airports[r["origin"]]["country"] == airports[r["destination"]]["country"] == "KZ",
                  f"E190-E2 on international leg {r['origin']}-{r['destination']}")
    # Hub anchors that the brief fixes.
    for x in instances:
        if x["airline"] == "KC" and x["flight"] == "267":
            check(x["dep_local"].strftime("%H:%M") == "01:35", "KC267 must leave ALA 01:35 local")
        if x["airline"] == "KC" and x["flight"] == "268":
            check(x["dep_local"].strftime("%H:%M") == "11:30", "KC268 must leave PEK 11:30 local")
        if x["airline"] == "CZ" and x["flight"] == "6015":
            check(x["dep_local"].strftime("%H:%M") == "22:20" and x["arr_local"].strftime("%H:%M") == "23:30",
                  "CZ6015 URC 22:20 - ASB 23:30")
        if x["airline"] == "CZ" and x["flight"] == "6016":
            check(x["dep_local"].strftime("%H:%M") == "01:00" and x["arr_local"].strftime("%H:%M") == "07:35",
                  "CZ6016 ASB 01:00 - URC 07:35")
    # Through stops of the Air China multi-leg flight are 60 min.
    by = defaultdict(dict)
    for x in instances:
        if x["airline"] == "CA" and x["flight"] in ("1021", "1022"):
            by[(x["flight"], x["anchor"])][x["origin"]] = x
    for (f, _a), legs in by.items():
        check(len(legs) == 2, "CA multi-leg incomplete")
        first, second = (legs["PEK"], legs["XIY"]) if f == "1021" else (legs["NQZ"], legs["XIY"])
        check(second["dep_utc"] - first["arr_utc"] == dt.timedelta(minutes=60), "CA XIY stop must be 60 min")


def is_kzcn(airports, o, d) -> bool:
    return {airports[o]["country"], airports[d]["country"]} == {"KZ", "CN"}


def kzcn_round_trips(services, instances, week_start, airlines_filter=None):
    week_end = week_start + dt.timedelta(days=6)
    counts = defaultdict(int)
    anchors = set()
    for x in instances:
        sv = services[x["svc"]]
        if not sv["kzcn"] or x["leg"] != 0:
            continue
        if airlines_filter and sv["airline"] not in airlines_filter:
            continue
        if week_start <= x["anchor"] <= week_end and (x["svc"], x["anchor"]) not in anchors:
            anchors.add((x["svc"], x["anchor"]))
            counts[sv["kzcn"]] += 1
    return dict(counts)


def check_kzcn(services, instances, airports):
    # No KZ-CN legs in June 2022.
    for x in instances:
        if is_kzcn(airports, x["origin"], x["dest"]):
            check(x["dep_local"].date() >= dt.date(2022, 7, 1), f"KZ-CN leg in June 2022: {x['airline']}{x['flight']}")
            check(services[x["svc"]]["kzcn"], f"KZ-CN leg outside a kzcn service: {x['airline']}{x['flight']}")
    # Timeline, week by week.
    spans = defaultdict(list)
    for line in TIMELINE.strip().splitlines():
        lab, a, b, n = line.split()
        spans[lab].append((dt.date.fromisoformat(a), dt.date.fromisoformat(b), int(n)))
    labels = {sv["kzcn"] for sv in services if sv["kzcn"]}
    check(labels == set(spans), f"timeline labels differ: {labels ^ set(spans)}")
    monday = HORIZON_FROM - dt.timedelta(days=HORIZON_FROM.weekday())
    while monday <= HORIZON_TO:
        sunday = monday + dt.timedelta(days=6)
        got = kzcn_round_trips(services, instances, monday)
        for lab, ivs in spans.items():
            n = got.get(lab, 0)
            for a, b, want in ivs:
                if a <= monday and sunday <= b:
                    check(n == want, f"{lab} week {monday}: {n} round trips, timeline says {want}")
            if all(sunday < a or monday > b for a, b, _ in ivs):
                check(n == 0, f"{lab} week {monday}: {n} round trips outside its periods")
        monday += dt.timedelta(days=7)
    # The two aggregate checks of the brief.
    w1 = kzcn_round_trips(services, instances, dt.date(2022, 7, 15), {"KC", "CZ"})
    check(w1 == {"KC:ALA-CTU": 1, "CZ:URC-ALA": 1}, f"week 2022-07-15 KC+CZ: {w1}")
    w2 = kzcn_round_trips(services, instances, dt.date(2023, 10, 15))
    want2 = {"KC:ALA-PEK": 6, "KC:NQZ-PEK": 1, "KC:ALA-URC": 2, "CZ:URC-ALA": 7, "CZ:URC-NQZ": 2,
             "CZ:XIY-ALA": 2, "FS:NQZ-URC": 2, "CA:PEK-XIY-NQZ": 2, "GJ:HGH-ALA": 3}
    check(w2 == want2, f"week 2023-10-15: {w2}")
    kc_cz = sum(v for k, v in w2.items() if k[:2] in ("KC", "CZ"))
    check(kc_cz == 20 and sum(w2.values()) == 27, f"week 2023-10-15 totals {kc_cz}/{sum(w2.values())}")
    return w1, w2


# --------------------------------------------------------------- rotations
def rotations(instances, fleet, week_start):
    """Greedy chaining per (airline, aircraft) for departures whose local
    departure date falls in the week: each departure takes an aircraft on the
    ground at its origin that arrived >= min_turn earlier, else a new one."""
    week_end = week_start + dt.timedelta(days=6)
    need = {}
    by_type = defaultdict(list)
    for x in instances:
        if week_start <= x["dep_local"].date() <= week_end:
            by_type[(x["airline"], x["aircraft"])].append(x)
    for key, xs in by_type.items():
        turn = dt.timedelta(minutes=fleet[key]["min_turn"])
        xs.sort(key=lambda x: (x["dep_utc"], x["airline"], int(x["flight"])))
        ready = defaultdict(list)   # station -> sorted ready times
        n = 0
        for x in xs:
            pool = ready[x["origin"]]
            if pool and pool[0] <= x["dep_utc"]:
                pool.pop(0)
            else:
                n += 1
            bisect.insort(ready[x["dest"]], x["arr_utc"] + turn)
        need[key] = n
    return need


def check_rotations(instances, fleet):
    worst = defaultdict(lambda: (0, None))
    reported = {}
    monday = HORIZON_FROM - dt.timedelta(days=HORIZON_FROM.weekday())
    while monday <= HORIZON_TO:
        need = rotations(instances, fleet, monday)
        for k, n in need.items():
            if n > worst[k][0]:
                worst[k] = (n, monday)
        if monday in ROTATION_WEEKS_REPORTED:
            reported[monday] = need
        monday += dt.timedelta(days=7)
    for k, (n, wk) in worst.items():
        if k[0] in ("KC", "FS"):
            check(n <= fleet[k]["count"], f"rotation: {k} needs {n} aircraft in week {wk}, fleet has {fleet[k]['count']}")
    return worst, reported


# ------------------------------------------------------------ connections
def connections(instances, airports):
    """Set of (origin, hub, destination) served by an arriving leg followed by
    a departing leg at the hub with MCT <= connect time <= 12 h, any airline,
    origin != destination, over the whole schedule."""
    deps = defaultdict(list)
    for x in instances:
        deps[x["origin"]].append((x["dep_utc"], x["dest"]))
    for v in deps.values():
        v.sort()
    found = set()
    for x in instances:
        h, o = x["dest"], x["origin"]
        H = airports[h]
        arr_dom = airports[o]["country"] == H["country"]
        lst = deps.get(h, [])
        lo = bisect.bisect_left(lst, (x["arr_utc"], ""))
        hi = bisect.bisect_right(lst, (x["arr_utc"] + dt.timedelta(minutes=MAX_CONNECT_MIN), "~"))
        for dep_utc, d in lst[lo:hi]:
            if d == o or (o, h, d) in found:
                continue
            dep_dom = airports[d]["country"] == H["country"]
            mct = H["mct_" + ("d" if arr_dom else "i") + ("d" if dep_dom else "i")]
            if dep_utc - x["arr_utc"] >= dt.timedelta(minutes=mct):
                found.add((o, h, d))
    # Through flights (a "+N" leg continues the same flight number): the stop
    # is not a connection and needs no MCT, but it serves the market.
    by_anchor = defaultdict(dict)
    for x in instances:
        by_anchor[(x["svc"], x["anchor"])][x["leg"]] = x
    for legs in by_anchor.values():
        for li, x in legs.items():
            nxt = legs.get(li + 1)
            if nxt and nxt["flight"] == x["flight"] and nxt["origin"] == x["dest"] and nxt["dest"] != x["origin"]:
                found.add((x["origin"], x["dest"], nxt["dest"]))
    return found


def check_sources(rows, airports, airlines, fleet) -> None:
    """Every source id used in the CSV files resolves in SOURCES.md's table."""
    path = ROUTES / "SOURCES.md"
    check(path.exists(), "routes/SOURCES.md is missing")
    known = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            known.add(line.split("`")[1])
    used = set()
    for coll in (rows, list(airports.values()), list(airlines.values()), list(fleet.values())):
        for r in coll:
            check(r["source"] and " " not in r["source"], f"bad source field {r['source']!r}")
            used.update(i for i in r["source"].split(";") if i != "-")
    missing = sorted(used - known)
    check(not missing, f"source ids not resolved in SOURCES.md: {missing}")


# ------------------------------------------------------------------ output
def write_csv(name: str, header: list[str], rows: list[list]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    (ROUTES / name).write_bytes(buf.getvalue().encode("utf-8"))


def main() -> int:
    airports, airlines, fleet = load_reference()
    check_reference_data(airports)
    blocks = parse_blocks()
    services = parse_spec()
    instances = expand(services, airports, fleet, blocks)
    rows = build_rows(instances, airports)
    check_rows(rows, instances, airports, fleet, airlines)
    w1, w2 = check_kzcn(services, instances, airports)
    worst, reported = check_rotations(instances, fleet)
    check_sources(rows, airports, airlines, fleet)
    write_csv("schedule.csv",
              "airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft,basis,source".split(","),
              [[r["airline"], r["flight"], r["origin"], r["destination"], r["dep"], r["arr"], r["arr_day"],
                r["days"], r["from"].isoformat(), r["to"].isoformat(), r["aircraft"], r["basis"], r["source"]]
               for r in rows])

    # ---------------------------------------------------------- report
    routes = sorted({(r["airline"], r["origin"], r["destination"]) for r in rows})
    print(f"schedule.csv: {len(rows)} rows, {len(instances)} dated legs, "
          f"{len(airports)} airports, {len(routes)} directed routes")
    print(f"aggregate week 2022-07-15 (KC+CZ): {w1} -> {sum(w1.values())}")
    print(f"aggregate week 2023-10-15 (all): {w2} -> {sum(w2.values())}")
    for wk in (dt.date(2023, 4, 24), dt.date(2023, 6, 5), dt.date(2024, 6, 3), dt.date(2024, 7, 15)):
        got = kzcn_round_trips(services, instances, wk)
        print(f"  info: KZ-CN round trips, week {wk}: {sum(got.values())} {dict(sorted(got.items()))}")
    print("rotation check (aircraft needed, greedy; worst week over 2022-05-30..2024-12-30):")
    print(f"  {'airline':7} {'aircraft':11} {'fleet':>5} {'worst':>5} {'worst week':>11} "
          + " ".join(f"{str(w):>10}" for w in ROTATION_WEEKS_REPORTED))
    for k in sorted(fleet):
        n, wk = worst.get(k, (0, None))
        cols = " ".join(f"{reported.get(w, {}).get(k, 0):>10}" for w in ROTATION_WEEKS_REPORTED)
        print(f"  {k[0]:7} {k[1]:11} {fleet[k]['count']:>5} {n:>5} {str(wk):>11} {cols}")
    print("block times: table value vs distance formula (differences only):")
    for od, (m, b) in sorted(blocks.items()):
        o, d = od.split("-")
        f = block_formula(airports, o, d)
        if f != m:
            print(f"  {od}: table {m} ({b}), formula {f}")
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except CheckError as e:
        print(f"SELF-CHECK FAILED: {e}", file=sys.stderr)
        sys.exit(1)
