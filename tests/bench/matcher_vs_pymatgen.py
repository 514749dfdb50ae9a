#!/usr/bin/python3
"""Pymatgen side of the structure-matcher agreement benchmark (see matcher-vs-pymatgen.sh).

Two sub-commands, both deterministic:

  generate --shared DIR --out DIR --pairs N --seed S
      Draws N structure pairs from the shared datasets (Perov-5 val, Carbon-24 val, MP-20
      binary/ternary val, a third each) with a seeded numpy Generator and writes each pair as
      <out>/<id>_a.cif and <out>/<id>_b.cif (P1, pymatgen's CifWriter), plus <out>/pairs.tsv
      (id, dataset, kind, parameters). Kinds of b, given a from the dataset:
        recell      a with permuted sites, a random origin shift and a random unimodular basis change
        supercell   a 2- to 4-fold supercell of a (random Hermite normal form), permuted and shifted
        coords      Gaussian noise on the Cartesian coordinates, sigma = f * (V/N)^(1/3), f in a ladder
                    around the site tolerances, then recell
        lattice     a random symmetric strain of the lattice (fractional coordinates kept), strain
                    sigma in a ladder around the length tolerances, then recell
        both        coords and lattice noise together, then recell
        different   another crystal of the same composition: a is drawn among the rows whose
                    formula occurs more than once, b is another row with that formula
        swapped     (Perov-5 only) a with two sites of different elements exchanged, then recell
      Also writes a grouping set <out>/group-NNNN.cif: 200 rows of each dataset and 200
      near-duplicate copies of them (coordinate noise 0.02 (V/N)^(1/3), recell), shuffled.
  run --dir DIR
      Reads the CIF pairs back and runs pymatgen's StructureMatcher on each pair: fit(a, b),
      get_rms_dist(a, b) and fit(b, a) with default settings, fit and get_rms_dist with the
      reconstruction settings (stol 0.5, ltol 0.3, angle_tol 10); then group_structures (default
      settings) on the grouping set. Writes <dir>/pymatgen.tsv, pymatgen-groups.txt and
      pymatgen-timing.tsv and prints the timing of the matching calls only (parsing excluded).

Nothing here is imported by the project; the project itself never needs Python.
"""
import argparse
import math
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
from pymatgen.analysis.structure_matcher import StructureMatcher
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifWriter

DATASETS = [
    ("perov_5", "perov_5/val.csv"),
    ("carbon_24", "carbon_24/val.csv"),
    ("mp_20", "mp_20/biternary_val.csv.gz"),
]
COORD_SIGMAS = [0.005, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2]  # x (V/N)^(1/3)
STRAIN_SIGMAS = [0.005, 0.02, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2]  # dimensionless
KINDS = [("recell", 0.10), ("supercell", 0.10), ("coords", 0.30), ("lattice", 0.15),
         ("both", 0.15), ("different", 0.20), ("swapped", 0.05)]
MAX_SUPERCELL_SITES = 60
GROUP_DRAWS = 200  # structures drawn from each dataset for the grouping comparison
GROUP_COPIES = 200  # near-duplicate copies added to them


def random_unimodular(rng):
    """A random integer matrix of determinant +1: a signed permutation and 2-5 shears."""
    perm = rng.permutation(3)
    u = np.zeros((3, 3), dtype=int)
    for i in range(3):
        u[i, perm[i]] = 1
    if round(np.linalg.det(u)) < 0:
        u[0] *= -1
    for _ in range(rng.integers(2, 6)):
        i, j = rng.choice(3, size=2, replace=False)
        u[i] += rng.integers(-1, 2) * u[j]
    assert round(np.linalg.det(u)) == 1
    return u


def recell(s, rng):
    """Permute the sites, shift the origin, change the basis by a unimodular matrix."""
    u = random_unimodular(rng)
    new_lattice = Lattice(np.dot(u, s.lattice.matrix))
    shift = rng.random(3)
    order = rng.permutation(len(s))
    species = [s[i].species for i in order]
    cart = s.cart_coords[order] + np.dot(shift, s.lattice.matrix)
    return Structure(new_lattice, species, cart, coords_are_cartesian=True, to_unit_cell=True)


def random_hnf(rng):
    """A random supercell matrix in Hermite normal form (lower triangular) of determinant 2 to 4."""
    det = int(rng.integers(2, 5))
    a = int(rng.choice([d for d in range(1, det + 1) if det % d == 0]))
    rest = det // a
    e = int(rng.choice([d for d in range(1, rest + 1) if rest % d == 0]))
    g = rest // e
    return np.array([[a, 0, 0], [rng.integers(0, e), e, 0], [rng.integers(0, g), rng.integers(0, g), g]])


def coord_noise(s, f, rng):
    scale = (s.volume / len(s)) ** (1 / 3)
    cart = s.cart_coords + rng.normal(0, f * scale, size=(len(s), 3))
    return Structure(s.lattice, s.species_and_occu, cart, coords_are_cartesian=True, to_unit_cell=True)


def strain(s, eps, rng):
    g = rng.normal(0, eps, size=(3, 3))
    e = (g + g.T) / 2
    m = np.dot(s.lattice.matrix, np.eye(3) + e)
    if np.linalg.det(m) <= 0.1 * s.volume:
        m = s.lattice.matrix
    return Structure(Lattice(m), s.species_and_occu, s.frac_coords)


def swap_two(s, rng):
    elements = [site.specie for site in s]
    candidates = [(i, j) for i in range(len(s)) for j in range(i + 1, len(s)) if elements[i] != elements[j]]
    i, j = candidates[rng.integers(len(candidates))]
    species = list(s.species_and_occu)
    species[i], species[j] = species[j], species[i]
    return Structure(s.lattice, species, s.frac_coords)


def generate(args):
    rng = np.random.default_rng(args.seed)
    os.makedirs(args.out, exist_ok=True)
    per_dataset = [args.pairs // 3 + (1 if k < args.pairs % 3 else 0) for k in range(3)]
    rows = []
    for (name, rel), count in zip(DATASETS, per_dataset):
        df = pd.read_csv(os.path.join(args.shared, "datasets", rel))
        cache = {}

        def load(i):
            if i not in cache:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    cache[i] = Structure.from_str(df["cif"].iloc[i], fmt="cif")
            return cache[i]

        formulas = df["cif"].str.extract(r"data_(\S+)")[0]
        shared_formula = np.flatnonzero(formulas.duplicated(keep=False).to_numpy())
        kinds = [k for k, _ in KINDS if k != "swapped" or name == "perov_5"]
        weights = np.array([w for k, w in KINDS if k in kinds])
        made = 0
        while made < count:
            kind = kinds[rng.choice(len(kinds), p=weights / weights.sum())]
            if kind == "different":
                i = int(shared_formula[rng.integers(len(shared_formula))])
            else:
                i = int(rng.integers(len(df)))
            a = load(i)
            param = ""
            if kind == "recell":
                b = recell(a, rng)
            elif kind == "supercell":
                m = random_hnf(rng)
                if len(a) * round(abs(np.linalg.det(m))) > MAX_SUPERCELL_SITES:
                    continue
                sc = a.copy()
                sc.make_supercell(m)
                b = recell(sc, rng)
                param = "det=%d" % round(np.linalg.det(m))
            elif kind == "coords":
                f = float(rng.choice(COORD_SIGMAS))
                b = recell(coord_noise(a, f, rng), rng)
                param = "sigma=%g" % f
            elif kind == "lattice":
                eps = float(rng.choice(STRAIN_SIGMAS))
                b = recell(strain(a, eps, rng), rng)
                param = "strain=%g" % eps
            elif kind == "both":
                f = float(rng.choice(COORD_SIGMAS))
                eps = float(rng.choice(STRAIN_SIGMAS))
                b = recell(strain(coord_noise(a, f, rng), eps, rng), rng)
                param = "sigma=%g strain=%g" % (f, eps)
            elif kind == "swapped":
                b = recell(swap_two(a, rng), rng)
            else:
                same = np.flatnonzero((formulas == formulas.iloc[i]).to_numpy())
                j = int(same[same != i][rng.integers(len(same) - 1)])
                b = load(j)
                param = "row=%d" % j
            pid = "%s-%04d" % (name, made)
            CifWriter(a).write_file(os.path.join(args.out, pid + "_a.cif"))
            CifWriter(b).write_file(os.path.join(args.out, pid + "_b.cif"))
            rows.append((pid, name, kind, "row=%d %s" % (i, param)))
            made += 1
    with open(os.path.join(args.out, "pairs.tsv"), "w") as f:
        f.write("id\tdataset\tkind\tparameters\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("wrote %d pairs to %s" % (len(rows), args.out))
    generate_group_set(args, rng)


def generate_group_set(args, rng):
    """A set for group_structures: GROUP_DRAWS rows from each dataset plus GROUP_COPIES copies of
    drawn rows (coordinate noise 0.02 (V/N)^(1/3), then recell), shuffled; <out>/group-NNNN.cif."""
    drawn = []
    for name, rel in DATASETS:
        df = pd.read_csv(os.path.join(args.shared, "datasets", rel))
        for i in rng.choice(len(df), GROUP_DRAWS, replace=False):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                drawn.append(Structure.from_str(df["cif"].iloc[int(i)], fmt="cif"))
    members = list(drawn)
    for _ in range(GROUP_COPIES):
        members.append(recell(coord_noise(drawn[int(rng.integers(len(drawn)))], 0.02, rng), rng))
    order = rng.permutation(len(members))
    for k, i in enumerate(order):
        CifWriter(members[i]).write_file(os.path.join(args.out, "group-%04d.cif" % k))
    with open(os.path.join(args.out, "groups.tsv"), "w") as f:
        f.write("structures\n%d\n" % len(members))
    print("wrote a grouping set of %d structures" % len(members))


def fmt(x):
    return "None" if x is None else "%.8f" % x


def run(args):
    pairs = pd.read_csv(os.path.join(args.dir, "pairs.tsv"), sep="\t", keep_default_na=False)
    structures = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for pid in pairs["id"]:
            a = Structure.from_file(os.path.join(args.dir, pid + "_a.cif"))
            b = Structure.from_file(os.path.join(args.dir, pid + "_b.cif"))
            structures.append((a, b))
    default = StructureMatcher()
    recon = StructureMatcher(stol=0.5, ltol=0.3, angle_tol=10)
    timings = {}
    columns = {}

    def timed(name, fn):
        out = []
        t0 = time.perf_counter()
        for a, b in structures:
            out.append(fn(a, b))
        timings[name] = time.perf_counter() - t0
        columns[name] = out

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        timed("fit_default", default.fit)
        timed("rms_default", default.get_rms_dist)
        timed("fit_recon", recon.fit)
        timed("rms_recon", recon.get_rms_dist)
        timed("fit_default_ba", lambda a, b: default.fit(b, a))
    with open(os.path.join(args.dir, "pymatgen.tsv"), "w") as f:
        f.write("id\tfit_default\trms_default\tmax_default\tfit_recon\trms_recon\tmax_recon\tfit_default_ba\n")
        for k, pid in enumerate(pairs["id"]):
            rd = columns["rms_default"][k]
            rr = columns["rms_recon"][k]
            f.write("\t".join([
                pid, str(bool(columns["fit_default"][k])), fmt(rd and rd[0]), fmt(rd and rd[1]),
                str(bool(columns["fit_recon"][k])), fmt(rr and rr[0]), fmt(rr and rr[1]),
                str(bool(columns["fit_default_ba"][k]))]) + "\n")
    count = int(open(os.path.join(args.dir, "groups.tsv")).read().split()[1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        members = [Structure.from_file(os.path.join(args.dir, "group-%04d.cif" % k)) for k in range(count)]
        index = {id(s): k for k, s in enumerate(members)}
        t0 = time.perf_counter()
        groups = default.group_structures(members)
        group_seconds = time.perf_counter() - t0
    with open(os.path.join(args.dir, "pymatgen-groups.txt"), "w") as f:
        for g in groups:
            f.write(" ".join(str(index[id(s)]) for s in g) + "\n")
    print("pymatgen group_structures: %d structures, %d groups, %.2f s" % (count, len(groups), group_seconds))
    with open(os.path.join(args.dir, "pymatgen-timing.tsv"), "w") as f:
        f.write("operation\tseconds\tpairs\n")
        for name, t in timings.items():
            f.write("%s\t%.6f\t%d\n" % (name, t, len(structures)))
        f.write("group_structures\t%.6f\t%d\n" % (group_seconds, count))
    for name, t in timings.items():
        print("pymatgen %-15s %8.2f s  %8.1f pairs/s" % (name, t, len(structures) / t))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--shared", required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--pairs", type=int, default=2400)
    g.add_argument("--seed", type=int, default=20240611)
    r = sub.add_parser("run")
    r.add_argument("--dir", required=True)
    args = p.parse_args()
    if args.command == "generate":
        generate(args)
    else:
        run(args)


if __name__ == "__main__":
    sys.exit(main())
