package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.CsvReader;
import org.invdes.core.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lattices of real crystals: the benchmark datasets in {@code ../shared/datasets} (read in place,
 * never copied), whose {@code cif} column holds pymatgen-written P1 CIFs. For every structure:
 * <ul>
 *   <li>the volume from {@link Lattice#fromParameters} matches the file's {@code _cell_volume}
 *       (written by pymatgen from its own matrix) to 1e-6 relative; the file gives 8 decimals;
 *   <li>the Niggli cell meets all Niggli conditions, keeps the volume, and gives the same
 *       shortest interatomic distance for the sites re-expressed in it;
 *   <li>the shortest interatomic distance is at least 0.5 Å (these are real, relaxed crystals; the
 *       benchmark's structure-validity rule holds for all of them);
 *   <li>for the first 150 structures, that distance equals an exhaustive image search.
 * </ul>
 * Skipped, with the reason, when the shared directory or a dataset file is absent.
 */
class LatticeDatasetTest {

    @ParameterizedTest
    @ValueSource(strings = {"mp_20/pilot_val.csv.gz", "perov_5/val.csv", "carbon_24/val.csv"})
    void realLattices(String dataset) throws Exception {
        Path file = Fixtures.shared("datasets/" + dataset);
        List<String> cifs = cifColumn(file);
        assertTrue(cifs.size() > 500, dataset + " holds only " + cifs.size() + " structures");
        int n = 0;
        for (String cif : cifs) {
            checkStructure(dataset + " row " + n, cif, n < 150);
            n++;
        }
    }

    private static void checkStructure(String where, String cif, boolean bruteForce) {
        double a = number(cif, "_cell_length_a");
        double b = number(cif, "_cell_length_b");
        double c = number(cif, "_cell_length_c");
        double al = number(cif, "_cell_angle_alpha");
        double be = number(cif, "_cell_angle_beta");
        double ga = number(cif, "_cell_angle_gamma");
        double volume = number(cif, "_cell_volume");
        Lattice lattice = Lattice.fromParameters(a, b, c, al, be, ga);
        assertEquals(volume, lattice.volume(), 1e-6 * volume, where + " volume");

        NiggliReduction r = NiggliReduction.reduce(lattice);
        Lattice reduced = r.reduced();
        List<String> bad = NiggliConditions.violations(reduced, r.epsilon(), r.epsilon() + 1e-12 * reduced.c() * reduced.c());
        assertTrue(bad.isEmpty(), () -> where + ": " + bad);
        assertEquals(lattice.volume(), reduced.volume(), 1e-9 * volume, where + " Niggli volume");

        double[][] sites = fractionalSites(cif);
        assertTrue(sites.length >= 1, where + " has no sites");
        if (sites.length < 2) {
            return;
        }
        double shortest = lattice.minimumImage().shortestDistance(sites);
        assertTrue(shortest >= 0.5, where + ": shortest interatomic distance " + shortest + " Å");
        double[][] reducedSites = new double[sites.length][];
        for (int i = 0; i < sites.length; i++) {
            reducedSites[i] = r.toReducedFractional(sites[i]);
        }
        assertEquals(shortest, reduced.minimumImage().shortestDistance(reducedSites), 1e-9, where + " in Niggli basis");
        if (bruteForce) {
            assertEquals(bruteForceShortest(lattice, sites, shortest), shortest, 1e-9, where + " brute force");
        }
    }

    /**
     * Exhaustive search: an image shorter than d has |fᵢ + nᵢ| ≤ d·|a*ᵢ| for the wrapped difference f,
     * so the box |nᵢ| ≤ ⌈d·|a*ᵢ| + 0.5⌉ holds every candidate.
     */
    private static double bruteForceShortest(Lattice l, double[][] sites, double claimed) {
        double[][] recip = l.reciprocalCrystallographic().matrix();
        int[] k = new int[3];
        for (int i = 0; i < 3; i++) {
            double len = Math.sqrt(recip[i][0] * recip[i][0] + recip[i][1] * recip[i][1] + recip[i][2] * recip[i][2]);
            k[i] = (int) Math.ceil(claimed * len + 0.5);
        }
        double[][] m = l.matrix();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < sites.length; i++) {
            for (int j = i + 1; j < sites.length; j++) {
                double[] f = new double[3];
                for (int x = 0; x < 3; x++) {
                    f[x] = sites[j][x] - sites[i][x];
                    f[x] -= Math.floor(f[x] + 0.5);
                }
                for (int n0 = -k[0]; n0 <= k[0]; n0++) {
                    for (int n1 = -k[1]; n1 <= k[1]; n1++) {
                        for (int n2 = -k[2]; n2 <= k[2]; n2++) {
                            double u0 = f[0] + n0;
                            double u1 = f[1] + n1;
                            double u2 = f[2] + n2;
                            double s = 0;
                            for (int x = 0; x < 3; x++) {
                                double v = u0 * m[0][x] + u1 * m[1][x] + u2 * m[2][x];
                                s += v * v;
                            }
                            best = Math.min(best, s);
                        }
                    }
                }
            }
        }
        return Math.sqrt(best);
    }

    // ------------------------------------------------------------------ minimal readers for the test

    private static double number(String cif, String tag) {
        for (String line : cif.split("\n")) {
            String t = line.trim();
            if (t.startsWith(tag + " ") || t.startsWith(tag + "\t")) {
                return Double.parseDouble(t.substring(tag.length()).trim());
            }
        }
        throw new AssertionError("no " + tag + " in CIF:\n" + cif);
    }

    /** The fract_x/y/z columns of the atom-site loop of a pymatgen-written CIF. */
    private static double[][] fractionalSites(String cif) {
        String[] lines = cif.split("\n");
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].trim().equals("loop_")) {
                continue;
            }
            List<String> header = new ArrayList<>();
            int j = i + 1;
            while (j < lines.length && lines[j].trim().startsWith("_")) {
                header.add(lines[j].trim());
                j++;
            }
            int ix = header.indexOf("_atom_site_fract_x");
            if (ix < 0) {
                continue;
            }
            int iy = header.indexOf("_atom_site_fract_y");
            int iz = header.indexOf("_atom_site_fract_z");
            for (; j < lines.length; j++) {
                String t = lines[j].trim();
                if (t.isEmpty() || t.equals("loop_") || t.startsWith("_")) {
                    break;
                }
                String[] cols = t.split("\\s+");
                out.add(new double[] {Double.parseDouble(cols[ix]), Double.parseDouble(cols[iy]),
                    Double.parseDouble(cols[iz])});
            }
        }
        return out.toArray(new double[0][]);
    }

    /** The "cif" column of a dataset CSV file. */
    private static List<String> cifColumn(Path file) throws Exception {
        try (CsvReader csv = CsvReader.open(file)) {
            List<String> header = csv.next();
            int col = header.indexOf("cif");
            assertTrue(col >= 0, file + " has no cif column: " + header);
            List<String> cifs = new ArrayList<>();
            for (List<String> r = csv.next(); r != null; r = csv.next()) {
                cifs.add(r.get(col));
            }
            return cifs;
        }
    }
}
