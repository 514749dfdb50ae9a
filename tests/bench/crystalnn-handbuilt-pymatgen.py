#!/usr/bin/python3
"""pymatgen's CrystalNN and CrystalNN-fingerprint values for the hand-built crystals of
CrystalNNFingerprintTest (core, package org.invdes.core.metrics).

Run with the Debian pymatgen (2022.11): /usr/bin/python3 tests/bench/crystalnn-handbuilt-pymatgen.py
It prints, per crystal, each site's coordination-number weights (pymatgen's CrystalNN().get_nn_data)
and the non-zero entries of the structure fingerprint: matminer's CrystalNNFingerprint
.from_preset("ops") site fingerprints averaged over the sites, as CDVAE computes it. matminer is
not installed, so its featurize step is written out here from pymatgen's CrystalNN and
LocalStructOrderParams (crystalnn_pymatgen.py beside this file). The Java tests quote these
numbers. Not part of the build: the project itself never needs Python.
"""
import os
import sys

from pymatgen.core import Lattice, Structure

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crystalnn_pymatgen import CNN, site_fingerprint  # noqa: E402

t = 1 / 3
CRYSTALS = {
    "NaCl rock salt a=5.6402": Structure(
        Lattice.cubic(5.6402), ["Na"] * 4 + ["Cl"] * 4,
        [[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0],
         [.5, .5, .5], [.5, 0, 0], [0, .5, 0], [0, 0, .5]]),
    "CsCl a=4.12": Structure(Lattice.cubic(4.12), ["Cs", "Cl"], [[0, 0, 0], [.5, .5, .5]]),
    "diamond Si a=5.431": Structure(
        Lattice.cubic(5.431), ["Si"] * 8,
        [[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0],
         [.25, .25, .25], [.25, .75, .75], [.75, .25, .75], [.75, .75, .25]]),
    "SrTiO3 cubic a=3.905": Structure(
        Lattice.cubic(3.905), ["Sr", "Ti", "O", "O", "O"],
        [[0, 0, 0], [.5, .5, .5], [.5, .5, 0], [.5, 0, .5], [0, .5, .5]]),
    "wurtzite ZnO a=3.2495 c=5.2069 u=0.3819": Structure(
        Lattice.hexagonal(3.2495, 5.2069), ["Zn", "Zn", "O", "O"],
        [[t, 2 * t, 0], [2 * t, t, .5], [t, 2 * t, .3819], [2 * t, t, .8819]]),
    "rutile TiO2 a=4.594 c=2.959 u=0.3048": Structure(
        Lattice.tetragonal(4.594, 2.959), ["Ti", "Ti", "O", "O", "O", "O"],
        [[0, 0, 0], [.5, .5, .5], [.3048, .3048, 0], [1 - .3048, 1 - .3048, 0],
         [.5 + .3048, .5 - .3048, .5], [.5 - .3048, .5 + .3048, .5]]),
    "fcc Cu a=3.615": Structure(
        Lattice.cubic(3.615), ["Cu"] * 4, [[0, 0, 0], [0, .5, .5], [.5, 0, .5], [.5, .5, 0]]),
    "hcp Mg a=3.209 c=5.211": Structure(
        Lattice.hexagonal(3.209, 5.211), ["Mg", "Mg"], [[t, 2 * t, .25], [2 * t, t, .75]]),
    "AA-stacked h-BN a=2.504 c=6.66": Structure(
        Lattice.hexagonal(2.504, 6.66), ["B", "N"], [[t, 2 * t, 0], [2 * t, t, 0]]),
    "triclinic cell A (Mg Si O3 Al)": Structure(
        Lattice.from_parameters(3.9, 4.6, 5.2, 82, 97, 106), ["Mg", "Si", "O", "O", "O", "Al"],
        [[.1, .2, .3], [.55, .45, .8], [.3, .8, .1], [.85, .1, .6], [.6, .7, .45],
         [.2, .55, .75]]),
    "triclinic cell B (Ca Ti O2 N F)": Structure(
        Lattice.from_parameters(3.4, 3.9, 4.3, 75, 99, 111), ["Ca", "Ti", "O", "O", "N", "F"],
        [[.05, .1, .2], [.5, .5, .6], [.35, .75, .05], [.8, .15, .45], [.65, .6, .95],
         [.15, .45, .65]]),
    "Ar alone in a cube a=8": Structure(Lattice.cubic(8.0), ["Ar"], [[0, 0, 0]]),
}

for name, s in CRYSTALS.items():
    print(f"# {name}")
    total = [0.0] * 61
    for i in range(len(s)):
        data, fp = site_fingerprint(s, i)
        weights = ", ".join(f"{cn}: {w!r}" for cn, w in sorted(data.cn_weights.items()))
        print(f"site {i} {s[i].specie.symbol}: {{{weights}}}")
        total = [a + b for a, b in zip(total, fp)]
    mean = [x / len(s) for x in total]
    print("fingerprint non-zero: " + ", ".join(f"{k}: {v!r}" for k, v in enumerate(mean) if v != 0))

# an element without a covalent radius (berkelium): pymatgen cannot weigh distances
try:
    CNN.get_nn_data(Structure(Lattice.cubic(3.5), ["Bk"], [[0, 0, 0]]), 0)
    print("# Bk: no error")
except Exception as e:  # noqa: BLE001 - report whatever pymatgen raises
    print(f"# Bk: {type(e).__name__}")
