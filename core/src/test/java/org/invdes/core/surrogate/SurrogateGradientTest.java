package org.invdes.core.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** {@link SurrogateGradient} against the surrogate's own predictions and finite differences. */
class SurrogateGradientTest {
  private final SurrogateModel model = TinySurrogate.shared();
  private final SurrogateGradient gradient = new SurrogateGradient(model);

  private SurrogateGradient.Cell cell(Structure s) {
    Lattice l = s.lattice();
    double[] p = {l.a(), l.b(), l.c(), l.alpha(), l.beta(), l.gamma()};
    int e = model.block().elementClasses();
    double[][] frac = new double[s.size()][];
    double[][] species = new double[s.size()][e];
    for (int i = 0; i < s.size(); i++) {
      frac[i] = s.site(i).frac();
      species[i][model.elementClasses().get(s.site(i).majorElement())] = 1;
    }
    return new SurrogateGradient.Cell(p, frac, species);
  }

  private double value(SurrogateGradient.Cell c) {
    return gradient.of(List.of(c)).values()[0];
  }

  @Test
  void oneHotCellsPredictWhatTheModelPredicts() {
    List<Structure> some = TinySurrogate.perovskites(6, 21);
    SurrogateGradient.Gradient g = gradient.of(some.stream().map(this::cell).toList());
    for (int i = 0; i < some.size(); i++) {
      assertEquals(model.predict(some.get(i)), g.values()[i], 1e-4);
    }
  }

  @Test
  void gradientsAgreeWithFiniteDifferences() {
    // a jittered perovskite: no two neighbour distances tie, so small steps keep the lists
    SurrogateGradient.Cell c = cell(TinySurrogate.perovskites(1, 8).get(0));
    SurrogateGradient.Gradient g = gradient.of(List.of(c));
    double h = 2e-3;
    for (int k : new int[] {0, 2, 4}) {
      double[] up = c.lattice().clone();
      double[] down = c.lattice().clone();
      up[k] += h;
      down[k] -= h;
      double fd = (value(new SurrogateGradient.Cell(up, c.frac(), c.species()))
          - value(new SurrogateGradient.Cell(down, c.frac(), c.species()))) / (2 * h);
      assertEquals(fd, g.lattice()[0][k], 0.05 * Math.abs(fd) + 2e-3, "lattice " + k);
    }
    // coordinates: a smaller step (0.001 Å), since which of a near-tied shell is the 12th
    // neighbour can change within a larger one
    h = 2e-4;
    for (int[] ij : new int[][] {{0, 0}, {2, 1}, {4, 2}}) {
      double[][] up = deepCopy(c.frac());
      double[][] down = deepCopy(c.frac());
      up[ij[0]][ij[1]] += h;
      down[ij[0]][ij[1]] -= h;
      double fd = (value(new SurrogateGradient.Cell(c.lattice(), up, c.species()))
          - value(new SurrogateGradient.Cell(c.lattice(), down, c.species()))) / (2 * h);
      assertEquals(fd, g.frac()[0][ij[0]][ij[1]], 0.05 * Math.abs(fd) + 2e-2,
          "frac " + ij[0] + "," + ij[1]);
    }
    // species: moving weight from the B atom's element toward another class is linear-ish
    int other = (argmax(c.species()[1]) + 1) % c.species()[1].length;
    double[][] up = deepCopy(c.species());
    double[][] down = deepCopy(c.species());
    up[1][other] += h;
    down[1][other] -= h;
    double fd = (value(new SurrogateGradient.Cell(c.lattice(), c.frac(), up))
        - value(new SurrogateGradient.Cell(c.lattice(), c.frac(), down))) / (2 * h);
    assertEquals(fd, g.species()[0][1][other], 0.05 * Math.abs(fd) + 2e-3);
    assertTrue(java.util.Arrays.stream(g.lattice()[0]).anyMatch(v -> Math.abs(v) > 1e-4),
        "the prediction depends on the lattice");
  }

  @Test
  void refusesSpeciesRowsOfTheWrongWidth() {
    SurrogateGradient.Cell c = cell(TinySurrogate.perovskites(1, 3).get(0));
    double[][] narrow = new double[c.frac().length][2];
    for (double[] row : narrow) {
      row[0] = 1;
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> gradient.of(List.of(new SurrogateGradient.Cell(c.lattice(), c.frac(), narrow))));
    assertTrue(e.getMessage().contains("2 weights"), e.getMessage());
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
