"""pymatgen's side of the CrystalNN fingerprint comparisons (imported by the scripts beside it).

matminer's CrystalNNFingerprint.from_preset("ops") is what CDVAE averages over sites; matminer is not
installed here, so its featurize step is written out from pymatgen's CrystalNN and
LocalStructOrderParams: for CN 1..24 the CN's weight, then for each motif of the CN (matminer's
cn_target_motif_op.yaml) the weight times the motif's order parameter on the CN's neighbours, the
motif parameters taken from pymatgen's cn_opt_params.yaml as matminer does.
Not part of the build: the project itself never needs Python.
"""
import json
import sys
import time
import warnings

from pymatgen.analysis.local_env import CrystalNN, LocalStructOrderParams, cn_opt_params
from pymatgen.core import Lattice, Structure

warnings.filterwarnings("ignore")

# matminer's cn_target_motif_op.yaml: the motifs of each coordination number
MOTIFS = {
    1: ["sgl_bd"],
    2: ["L-shaped", "water-like", "bent 120 degrees", "bent 150 degrees", "linear"],
    3: ["trigonal planar", "trigonal non-coplanar", "T-shaped"],
    4: ["square co-planar", "tetrahedral", "rectangular see-saw-like", "see-saw-like",
        "trigonal pyramidal"],
    5: ["pentagonal planar", "square pyramidal", "trigonal bipyramidal"],
    6: ["hexagonal planar", "octahedral", "pentagonal pyramidal"],
    7: ["hexagonal pyramidal", "pentagonal bipyramidal"],
    8: ["body-centered cubic", "hexagonal bipyramidal"],
    9: ["q2", "q4", "q6"], 10: ["q2", "q4", "q6"], 11: ["q2", "q4", "q6"],
    12: ["cuboctahedral", "q2", "q4", "q6"],
}


def _order_parameter(cn, motif):
    kind, params = motif, None
    if cn in cn_opt_params and motif in cn_opt_params[cn]:
        spec = cn_opt_params[cn][motif]
        kind = spec[0]
        params = spec[1] if len(spec) > 1 else None
    return LocalStructOrderParams([kind], parameters=[params])


OPS = {cn: [_order_parameter(cn, m) for m in motifs] for cn, motifs in MOTIFS.items()}
CNN = CrystalNN()


def site_fingerprint(s, i):
    """(nn data, 61 values) of site i."""
    data = CNN.get_nn_data(s, i)
    out = []
    for cn in range(1, 25):
        wt = data.cn_weights.get(cn, 0)
        out.append(wt)
        for op in OPS.get(cn, []):
            if wt == 0:
                out.append(0)
                continue
            neigh = [x["site"] for x in data.cn_nninfo[cn]]
            value = op.get_order_parameters([s[i]] + neigh, 0,
                                            indices_neighs=list(range(1, len(neigh) + 1)))[0]
            out.append(wt * (value or 0))
    return data, out


def fingerprints_of_dump(structures_tsv):
    """Site fingerprints of the crystals MetricsBench wrote (lattice rows, element and fractional
    coordinates exactly as invdes read them), one TSV line per site; seconds spent on stderr."""
    spent = 0.0
    sites = 0
    for line in open(structures_tsv):
        f = line.rstrip("\n").split("\t")
        species = [x.split(" ", 1)[0] for x in f[2:]]
        frac = [json.loads(x.split(" ", 1)[1]) for x in f[2:]]
        s = Structure(Lattice(json.loads(f[1])), species, frac)
        for i in range(len(s)):
            t0 = time.perf_counter()
            try:
                values = "\t".join(repr(float(x)) for x in site_fingerprint(s, i)[1])
            except Exception as e:  # noqa: BLE001 - CDVAE treats any failure as "no fingerprint"
                values = "ERR " + type(e).__name__
            spent += time.perf_counter() - t0
            sites += 1
            print(f"{f[0]}\t{i}\t{values}")
    print(f"pymatgen: {sites} site fingerprints in {spent:.2f} s ({sites / spent:.0f} sites/s)",
          file=sys.stderr)


if __name__ == "__main__":
    fingerprints_of_dump(sys.argv[1])
