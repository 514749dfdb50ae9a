#!/usr/bin/python3
"""pymatgen's energies above the hull for the hand-written systems of ConvexHullTest.

Run with the Debian pymatgen (2022.11): /usr/bin/python3 tests/bench/hull-handwritten-pymatgen.py
It prints one line per query; ConvexHullTest quotes these numbers. Entries are given as formation
energies per atom (eV/atom) with the elements at 0, so formation energy = energy here.
Not part of the build: the project itself never needs Python.
"""
import warnings

from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition

warnings.filterwarnings("ignore")


def entry(formula, e_per_atom):
    c = Composition(formula)
    return PDEntry(c, e_per_atom * c.num_atoms, name=formula)


def report(title, refs, queries):
    pd = PhaseDiagram(refs)
    print(f"# {title}")
    for formula, e in queries:
        c = Composition(formula)
        hull = pd.get_hull_energy_per_atom(c)
        decomp, e_above = pd.get_decomp_and_e_above_hull(entry(formula, e), allow_negative=True)
        phases = ", ".join(f"{p.name} {f:.6f}" for p, f in sorted(decomp.items(), key=lambda t: t[0].name))
        print(f"{formula:10s} E_form {e:+.6f}  E_hull {hull:+.12f}  E_above {e_above:+.12f}  [{phases}]")


elements = lambda *symbols: [entry(s, 0.0) for s in symbols]

report("binary Al-Ni: AlNi -1.0, Al2Ni -0.5, Al3Ni -0.9",
       elements("Al", "Ni") + [entry("AlNi", -1.0), entry("Al2Ni", -0.5), entry("Al3Ni", -0.9)],
       [("AlNi", -1.0), ("Al2Ni", -0.5), ("Al3Ni", -0.9), ("AlNi3", -0.3), ("AlNi3", -0.6),
        ("Al6Ni2", -0.9), ("Al", 0.0), ("Ni", 0.0)])

report("ternary Al-Ni-Ti: AlNi -1.0, NiTi -0.6, AlTi -0.2, AlNiTi -0.5",
       elements("Al", "Ni", "Ti") + [entry("AlNi", -1.0), entry("NiTi", -0.6), entry("AlTi", -0.2),
                                     entry("AlNiTi", -0.5)],
       [("AlNiTi", -0.5), ("Al2NiTi", -0.5), ("AlTi", -0.2), ("NiTi", -0.6), ("AlNi2Ti", -0.7)])

report("elemental reference above 0: Al +0.05 beside the elements",
       elements("Al", "Ni") + [entry("Al", 0.05), entry("AlNi", -1.0)],
       [("Al", 0.05), ("Al", 0.0), ("Al3Ni", -0.4)])
