package org.invdes.core.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conditions that define a Niggli-reduced cell, written out independently of the reduction
 * code, from Křivý &amp; Gruber, Acta Cryst. A32, 297 (1976), and International Tables for
 * Crystallography Vol. A, section 9.2.2 ("main" and "special" conditions). With A = a·a, B = b·b,
 * C = c·c, ξ = 2b·c, η = 2a·c, ζ = 2a·b (Å²):
 * <ul>
 *   <li>main: A ≤ B ≤ C; |ξ| ≤ B, |η| ≤ A, |ζ| ≤ A; either ξ, η, ζ all &gt; 0 (type I) or all ≤ 0
 *       (type II); for type II also ξ + η + ζ + A + B ≥ 0;
 *   <li>special: A = B ⇒ |ξ| ≤ |η|; B = C ⇒ |η| ≤ |ζ|; ξ = B ⇒ ζ ≤ 2η; η = A ⇒ ζ ≤ 2ξ;
 *       ζ = A ⇒ η ≤ 2ξ; ξ = −B ⇒ ζ = 0; η = −A ⇒ ζ = 0; ζ = −A ⇒ η = 0;
 *       ξ + η + ζ + A + B = 0 ⇒ 2(A + η) + ζ ≤ 0.
 * </ul>
 * Equalities are judged within {@code eq} (Å²) and inequalities are allowed to fail by at most
 * {@code slack} (Å²).
 */
final class NiggliConditions {

    private NiggliConditions() {
    }

    /** (A, B, C, ξ, η, ζ) of a lattice from its matrix, Å². */
    static double[] g6(Lattice lattice) {
        double[][] g = lattice.metricTensor();
        return new double[] {g[0][0], g[1][1], g[2][2], 2 * g[1][2], 2 * g[0][2], 2 * g[0][1]};
    }

    /**
     * @return the violated conditions, empty if the cell is Niggli-reduced
     */
    static List<String> violations(Lattice lattice, double eq, double slack) {
        double[] g = g6(lattice);
        double a = g[0];
        double b = g[1];
        double c = g[2];
        double xi = g[3];
        double eta = g[4];
        double zeta = g[5];
        List<String> v = new ArrayList<>();
        check(v, a <= b + slack, "A <= B", g);
        check(v, b <= c + slack, "B <= C", g);
        check(v, Math.abs(xi) <= b + slack, "|xi| <= B", g);
        check(v, Math.abs(eta) <= a + slack, "|eta| <= A", g);
        check(v, Math.abs(zeta) <= a + slack, "|zeta| <= A", g);
        boolean typeI = xi > eq && eta > eq && zeta > eq;
        boolean typeII = xi <= eq && eta <= eq && zeta <= eq;
        check(v, typeI || typeII, "xi, eta, zeta all > 0 or all <= 0", g);
        double sum = xi + eta + zeta + a + b;
        if (typeII) {
            check(v, sum >= -slack, "type II: xi + eta + zeta + A + B >= 0", g);
        }
        if (Math.abs(a - b) <= eq) {
            check(v, Math.abs(xi) <= Math.abs(eta) + slack, "A = B => |xi| <= |eta|", g);
        }
        if (Math.abs(b - c) <= eq) {
            check(v, Math.abs(eta) <= Math.abs(zeta) + slack, "B = C => |eta| <= |zeta|", g);
        }
        if (Math.abs(xi - b) <= eq) {
            check(v, zeta <= 2 * eta + slack, "xi = B => zeta <= 2 eta", g);
        }
        if (Math.abs(eta - a) <= eq) {
            check(v, zeta <= 2 * xi + slack, "eta = A => zeta <= 2 xi", g);
        }
        if (Math.abs(zeta - a) <= eq) {
            check(v, eta <= 2 * xi + slack, "zeta = A => eta <= 2 xi", g);
        }
        if (Math.abs(xi + b) <= eq) {
            check(v, Math.abs(zeta) <= eq + slack, "xi = -B => zeta = 0", g);
        }
        if (Math.abs(eta + a) <= eq) {
            check(v, Math.abs(zeta) <= eq + slack, "eta = -A => zeta = 0", g);
        }
        if (Math.abs(zeta + a) <= eq) {
            check(v, Math.abs(eta) <= eq + slack, "zeta = -A => eta = 0", g);
        }
        if (Math.abs(sum) <= eq) {
            check(v, 2 * (a + eta) + zeta <= slack, "xi + eta + zeta + A + B = 0 => 2(A + eta) + zeta <= 0", g);
        }
        return v;
    }

    private static void check(List<String> out, boolean ok, String condition, double[] g) {
        if (!ok) {
            out.add(String.format(Locale.ROOT, "%s fails for G6 (%.10g, %.10g, %.10g, %.10g, %.10g, %.10g)",
                    condition, g[0], g[1], g[2], g[3], g[4], g[5]));
        }
    }
}
