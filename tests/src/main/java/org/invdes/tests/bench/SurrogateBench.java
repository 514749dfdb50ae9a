package org.invdes.tests.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.core.surrogate.SurrogateModel;

/**
 * The Java side of the surrogate and filter benchmarks in {@code tests/bench/} (not a test).
 * Subcommands:
 * <ul>
 *   <li>{@code evaluate MODEL TRAIN_CSV HOLDOUT_CSV PROPERTY}: the surrogate's MAE, RMSE and R²
 *       on the held-out rows, against their spread (standard deviation, and the MAE of always
 *       predicting the training mean), and its prediction throughput.
 *   <li>{@code candidates IN_CSV N SEED SIGMA OUT_CSV}: N candidates made from the rows of IN
 *       (cycled), each with every atom moved by Gaussian noise of SIGMA Å per Cartesian axis and
 *       its properties dropped (candidates from {@code sample} carry no energy), ids c0, c1, ….
 * </ul>
 */
public final class SurrogateBench {
  private SurrogateBench() {
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    switch (args.length == 0 ? "" : args[0]) {
      case "evaluate" -> evaluate(out, Path.of(args[1]), Path.of(args[2]), Path.of(args[3]),
          args[4]);
      case "candidates" -> candidates(out, Path.of(args[1]), Integer.parseInt(args[2]),
          Long.parseLong(args[3]), Double.parseDouble(args[4]), Path.of(args[5]));
      default -> {
        System.err.println("usage: SurrogateBench evaluate|candidates ... (see the Javadoc)");
        System.exit(2);
      }
    }
  }

  private static void evaluate(PrintStream out, Path modelDir, Path trainCsv, Path holdoutCsv,
      String property) throws Exception {
    List<Structure> train = CvaeBench.read(trainCsv);
    List<Structure> hold = new ArrayList<>();
    for (Structure s : CvaeBench.read(holdoutCsv)) {
      if (s.doubleProperty(property).isPresent()) {
        hold.add(s);
      }
    }
    double trainMean = 0;
    int nt = 0;
    for (Structure s : train) {
      if (s.doubleProperty(property).isPresent()) {
        trainMean += s.doubleProperty(property).getAsDouble();
        nt++;
      }
    }
    trainMean /= nt;
    try (SurrogateModel model = SurrogateModel.load(modelDir)) {
      // the first call loads libtorch and warms the engine up; the second is timed
      model.predictAll(hold, ProgressMonitor.NONE);
      long t0 = System.nanoTime();
      double[] p = model.predictAll(hold, ProgressMonitor.NONE);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long g0 = System.nanoTime();
      for (Structure s : hold) {
        model.graph(s);
      }
      double graphSeconds = (System.nanoTime() - g0) / 1e9;
      double mean = 0;
      int n = 0;
      for (int i = 0; i < p.length; i++) {
        if (Double.isFinite(p[i])) {
          mean += hold.get(i).doubleProperty(property).getAsDouble();
          n++;
        }
      }
      mean /= n;
      double abs = 0;
      double sq = 0;
      double var = 0;
      double baseline = 0;
      for (int i = 0; i < p.length; i++) {
        if (!Double.isFinite(p[i])) {
          continue;
        }
        double y = hold.get(i).doubleProperty(property).getAsDouble();
        abs += Math.abs(p[i] - y);
        sq += (p[i] - y) * (p[i] - y);
        var += (y - mean) * (y - mean);
        baseline += Math.abs(y - trainMean);
      }
      out.printf(Locale.ROOT, "held-out rows: %d of %d predicted (%d with an element the"
          + " surrogate was not trained on)%n", n, hold.size(), hold.size() - n);
      out.printf(Locale.ROOT, "%s: MAE %.4f, RMSE %.4f, R^2 %.3f (eV/atom)%n", property,
          abs / n, Math.sqrt(sq / n), 1 - sq / var);
      out.printf(Locale.ROOT, "spread of the held-out %s: standard deviation %.4f; MAE of always"
          + " predicting the training mean %.4f%n", property, Math.sqrt(var / n), baseline / n);
      out.printf(Locale.ROOT, "prediction (warm): %d structures in %.2f s (%.0f /s), of which"
          + " crystal graphs %.2f s%n", hold.size(), seconds, hold.size() / seconds, graphSeconds);
      out.println("manifest metrics: " + model.manifest().metrics());
    }
  }

  private static void candidates(PrintStream out, Path in, int n, long seed, double sigma,
      Path target) throws Exception {
    List<Structure> src = CvaeBench.read(in);
    SplittableRandom r = new SplittableRandom(seed);
    List<Structure> cands = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Structure s = src.get(i % src.size());
      Lattice l = s.lattice();
      List<Site> sites = new ArrayList<>();
      for (Site site : s.sites()) {
        double[] c = l.toCartesian(site.frac());
        for (int k = 0; k < 3; k++) {
          c[k] += sigma * r.nextGaussian();
        }
        double[] f = l.toFractional(c);
        sites.add(site.withFrac(Structure.wrap(f[0]), Structure.wrap(f[1]),
            Structure.wrap(f[2])));
      }
      cands.add(Structure.of(l, sites, Map.of("id", "c" + i)));
    }
    DatasetCsv.write(target, cands);
    out.printf(Locale.ROOT, "candidates: %d from %d rows of %s, Gaussian noise %.3f A per axis"
        + " (seed %d)%n", n, src.size(), in.getFileName(), sigma, seed);
  }
}
