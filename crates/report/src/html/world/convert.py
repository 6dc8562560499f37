#!/usr/bin/env python3
"""Regenerates countries-110m.txt (the report map's country outlines).

Source: the `world-atlas` npm package 2.0.2 (countries-110m.json, TopoJSON of Natural Earth
1:110m Admin 0 countries; Natural Earth is public domain, world-atlas is ISC-licensed,
Copyright 2013-2019 Michael Bostock). ISO 3166-1 alpha-2 codes come from `pycountry`.

Usage: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
       python3 convert.py package/countries-110m.json > countries-110m.txt

Output, one country per line: `CC<TAB>name<TAB>ring;ring;...` where a ring is
`lon,lat lon,lat ...` in degrees with two decimals (`--` when a country has no ISO code).
"""
import json
import sys

import pycountry


def main(path):
    t = json.load(open(path))
    sx, sy = t["transform"]["scale"]
    tx, ty = t["transform"]["translate"]
    arcs = []
    for arc in t["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx):
        out = []
        for i in idx:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    rows = []
    for g in t["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = []
        for poly in polys:
            for r in poly:
                pts = []
                for lon, lat in ring(r):
                    p = f"{lon:.2f},{lat:.2f}"
                    if not pts or pts[-1] != p:
                        pts.append(p)
                if len(pts) >= 4:
                    rings.append(" ".join(pts))
        code = "--"
        if g.get("id"):
            c = pycountry.countries.get(numeric=g["id"])
            if c:
                code = c.alpha_2
        rows.append((code, g["properties"]["name"], ";".join(rings)))
    rows.sort()
    for code, name, rings in rows:
        print(f"{code}\t{name}\t{rings}")


main(sys.argv[1])
