#!/usr/bin/env python3
"""Benchmark helper (pymatgen as an independent reference, development only): how generated
Perov-5 cells fail the structure-validity rule and what the minimum-distance step makes of them.

Usage: tests/bench/diffusion-collisions.py BASE.csv [OTHER.csv ...]
  BASE.csv   samples of `invdes sample` without the step (--repulsion 0)
  OTHER.csv  samples of the same model, seed and N with other sampler options

For BASE: the cells whose shortest interatomic distance is below 0.5 Å (or that pymatgen cannot
read), split by the closest pair (cation on anion, anion on anion, cation on cation; anions are
N, O, F, S). For every OTHER: the same sample ids (same seed, same index) are looked up; the
script reports how many are now valid, how many sit on the perovskite half-grid (every atom at
a multiple of 1/2 from the first one within 0.06 fractional, all positions distinct: the moved
atom found an empty site instead of stopping next to the occupied one), their shortest distances,
and how many of all ids changed composition (the step's side effects on the other cells).
"""
import csv
import sys
import warnings

import numpy as np

warnings.filterwarnings("ignore")
from pymatgen.core import Structure  # noqa: E402

ANIONS = {"N", "O", "F", "S"}


def load(path):
    out = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            try:
                out[row["id"]] = Structure.from_str(row["cif"], fmt="cif")
            except Exception:
                out[row["id"]] = None
    return out


def closest(s):
    d = s.distance_matrix + np.eye(len(s)) * 1e3
    i, j = np.unravel_index(np.argmin(d), d.shape)
    return d[i, j], str(s[i].specie), str(s[j].specie)


def on_grid(s, tol=0.06):
    f = s.frac_coords - s.frac_coords[0]
    g = np.round(f * 2) / 2
    if np.abs(f - g).max() > tol:
        return False
    return len({tuple(np.mod(x, 1.0)) for x in g}) == len(s)


def main():
    base = load(sys.argv[1])
    bad = []
    kinds = {"unreadable": 0, "cation on anion": 0, "anion on anion": 0, "cation on cation": 0}
    for k, s in base.items():
        if s is None:
            bad.append(k)
            kinds["unreadable"] += 1
            continue
        d, a, b = closest(s)
        if d < 0.5:
            bad.append(k)
            n = (a in ANIONS) + (b in ANIONS)
            kinds[["cation on cation", "cation on anion", "anion on anion"][n]] += 1
    print(f"{sys.argv[1]}: {len(base)} samples, {len(bad)} invalid: {kinds}")
    for path in sys.argv[2:]:
        other = load(path)
        fixed = [other.get(k) for k in bad]
        readable = [s for s in fixed if s is not None]
        valid = [s for s in readable if closest(s)[0] >= 0.5]
        grid = sum(on_grid(s) for s in valid)
        dmin = [closest(s)[0] for s in valid]
        changed = sum(1 for k, s in base.items() if s is not None and other.get(k) is not None
                      and s.composition.reduced_formula
                      != other[k].composition.reduced_formula)
        q = np.round(np.quantile(dmin, [0.1, 0.5]), 2) if dmin else []
        print(f"{path}: of those {len(bad)}: {len(valid)} valid, {grid} on the half-grid,"
              f" shortest distance q10/q50 {q} Å; compositions changed in {changed} of"
              f" {len(base)} ids")


if __name__ == "__main__":
    main()
