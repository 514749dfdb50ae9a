package org.invdes.core.surrogate;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.invdes.core.model.PlateauRate;
import org.invdes.core.model.Scalars;
import org.invdes.core.model.SeededXavier;
import org.invdes.core.model.TrainingSupport;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;

/**
 * Trains a {@link SurrogateBlock} to predict one numeric property (a formation energy per atom)
 * from crystal graphs.
 *
 * <p>Steps:
 *
 * <ol>
 *   <li>Rows: skip a structure without a finite numeric value of the property, or without a
 *       crystal graph ({@link CrystalGraph#problem}); the skips go to ONE consolidated {@link
 *       SurrogateListener#warning}. Vocabulary: the elements of the kept rows, in atomic-number
 *       order. Fingerprint: SHA-256 over the property name, then per kept row its id (or 0-based
 *       index), element symbols, neighbour indices and distances (IEEE bits) and target.
 *   <li>From the seed, independent {@link SplittableRandom#split()} streams for the initial
 *       weights (Xavier uniform; biases 0; the first columns of each element's embedding vector
 *       are then set to its standardised {@code ElementFeatures}), the split and the shuffling.
 *       The engine's own random generator is never used, so with one thread the same data and
 *       configuration give the same weights bit for bit (across processes with {@code
 *       MKL_CBWR=COMPATIBLE}), as for the generator ({@link org.invdes.core.model.CvaeTrainer}).
 *   <li>Split: shuffle, hold out round(fraction · n) rows (at least 1 when the fraction is
 *       positive and n ≥ 2). Normalisation: mean and standard deviation of the training targets.
 *   <li>Each epoch: shuffle the training rows; for each mini-batch, forward, the configured loss
 *       (L1 or MSE) on normalised targets, back-propagate, Adam step (gradients clipped to ±5 per
 *       element). The monitor is polled before every batch.
 *   <li>After each epoch: MAE on the held-out rows in the property's unit. A new best keeps its
 *       weights in memory; after {@link SurrogateConfig#plateauEpochs()} epochs without one the
 *       learning rate halves (down to 1/64); after {@link SurrogateConfig#patience()} training
 *       stops. Without a split, the training MAE is used.
 *   <li>The best weights are restored; the manifest records the normalisation, vocabulary,
 *       fingerprint, hyper-parameters and the MAEs of the best epoch.
 * </ol>
 */
public final class SurrogateTrainer {
  static final float CLIP_GRADIENT = 5f;

  private SurrogateTrainer() {
  }

  /**
   * Trains a surrogate (steps in the class description).
   *
   * @param structures rows carrying the property
   * @param property the target column, e.g. {@code formation_energy_per_atom}
   * @param config hyper-parameters
   * @param monitor progress (fraction = epoch / max epochs) and cancellation
   * @param listener the skip warning and per-epoch MAEs
   * @return the trained surrogate; close it
   * @throws org.invdes.core.progress.CancelledException if cancelled
   * @throws IllegalArgumentException if no row can be used, naming the first reasons
   */
  public static SurrogateModel train(List<Structure> structures, String property,
      SurrogateConfig config, ProgressMonitor monitor, SurrogateListener listener) {
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(listener, "listener");
    long start = System.nanoTime();
    monitor.progress(0, "building crystal graphs of " + structures.size() + " structures");
    Rows rows = Rows.prepare(structures, property, config, monitor);
    if (rows.warning != null) {
      listener.warning(rows.warning);
    }
    SplittableRandom root = new SplittableRandom(config.seed());
    SplittableRandom initRandom = root.split();
    SplittableRandom splitRandom = root.split();
    SplittableRandom shuffleRandom = root.split();
    int n = rows.graphs.size();
    int[] order = TrainingSupport.permutation(n, splitRandom);
    int nVal = config.validationFraction() > 0 && n >= 2
        ? Math.max(1, (int) Math.round(config.validationFraction() * n)) : 0;
    int[] val = Arrays.copyOfRange(order, 0, nVal);
    int[] train = Arrays.copyOfRange(order, nVal, n);
    Arrays.sort(val);
    Arrays.sort(train);
    double mean = 0;
    for (int i : train) {
      mean += rows.targets[i];
    }
    mean /= train.length;
    double var = 0;
    for (int i : train) {
      var += (rows.targets[i] - mean) * (rows.targets[i] - mean);
    }
    double sd = Math.sqrt(var / train.length);
    if (!(sd > 1e-12)) {
      sd = 1;
    }

    Engine engine = Engine.getEngine(SurrogateModel.ENGINE);
    JniUtils.setNumThreads(config.threads());
    SurrogateBlock block = SurrogateBlock.of(rows.vocabulary.size(), config);
    Model model = Model.newInstance(SurrogateModel.WEIGHTS_PREFIX, Device.cpu(),
        engine.getEngineName());
    boolean done = false;
    try {
      model.setBlock(block);
      PlateauRate rate = new PlateauRate((float) config.learningRate());
      Optimizer adam = Optimizer.adam().optLearningRateTracker(rate)
          .optClipGrad(CLIP_GRADIENT).build();
      Loss loss = new PointLoss(config.loss());
      DefaultTrainingConfig tc = new DefaultTrainingConfig(loss).optOptimizer(adam)
          .optDevices(new Device[] {Device.cpu()})
          .optInitializer(new SeededXavier(initRandom.nextLong()), Parameter.Type.WEIGHT);
      SurrogateMetrics metrics;
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(block.inputShapes(Math.min(config.batchSize(), train.length),
            rows.maxAtoms, config.maxNeighbours()));
        seedEmbedding(block, rows.vocabulary);
        metrics = loop(trainer, block, loss, rows, train, val, mean, sd, config, rate,
            shuffleRandom, monitor, listener, start);
      }
      SurrogateManifest manifest = SurrogateManifest.of(
          SurrogateModel.WEIGHTS_PREFIX + "-0000.params", property, mean, sd, rows.vocabulary,
          config, structures.size(), structures.size() - n, train.length, val.length,
          rows.fingerprint, rows.warning, metrics);
      SurrogateModel result = new SurrogateModel(model, block, manifest);
      done = true;
      return result;
    } finally {
      if (!done) {
        model.close();
      }
    }
  }

  /**
   * Trains, then saves the surrogate atomically as a new directory and closes it; a cancelled or
   * failed training leaves nothing at {@code out}.
   *
   * @return the saved manifest
   * @throws FileAlreadyExistsException if {@code out} exists (checked first)
   */
  public static SurrogateManifest trainAndSave(List<Structure> structures, String property,
      SurrogateConfig config, Path out, ProgressMonitor monitor, SurrogateListener listener)
      throws IOException {
    if (Files.exists(out)) {
      throw new FileAlreadyExistsException(out.toString(), null,
          "a model directory cannot overwrite an existing path; remove it or choose another");
    }
    try (SurrogateModel model = train(structures, property, config, monitor, listener)) {
      model.save(out);
      return model.manifest();
    }
  }

  /** Writes the standardised element descriptors into the first columns of the embedding. */
  private static void seedEmbedding(SurrogateBlock block, List<Element> vocabulary) {
    Parameter w = block.embedding().getParameters().get(0).getValue();
    NDArray a = w.getArray();
    int f = block.atomFeatures();
    int e = vocabulary.size();
    float[] values = a.toFloatArray();
    double[][] desc = ElementFeatures.standardised(vocabulary);
    int k = Math.min(f, ElementFeatures.COUNT);
    for (int row = 0; row < k; row++) {
      for (int col = 0; col < e; col++) {
        values[row * e + col] = (float) desc[col][row];
      }
    }
    a.set(values);
  }

  private static SurrogateMetrics loop(Trainer trainer, SurrogateBlock block, Loss loss,
      Rows rows, int[] train, int[] val, double mean, double sd, SurrogateConfig config,
      PlateauRate rate, SplittableRandom shuffleRandom, ProgressMonitor monitor,
      SurrogateListener listener, long start) {
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    double bestTrain = Double.NaN;
    double bestVal = Double.NaN;
    List<float[]> bestWeights = null;
    int lastChange = 0;
    int epoch = 0;
    boolean early = false;
    int[] order = train.clone();
    while (epoch < config.maxEpochs()) {
      epoch++;
      TrainingSupport.shuffle(order, shuffleRandom);
      double absSum = 0;
      for (int from = 0; from < order.length; from += config.batchSize()) {
        monitor.checkCancelled("surrogate training");
        int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length,
            from + config.batchSize()));
        try (NDManager bm = trainer.getManager().newSubManager()) {
          NDList in = rows.batch(batch).toNDList(bm);
          NDArray y = bm.create(normalised(rows, batch, mean, sd), new Shape(batch.length, 1));
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray pred = trainer.forward(in).singletonOrThrow();
            NDArray l = loss.evaluate(new NDList(y), new NDList(pred));
            TrainingSupport.forwardDone();
            gc.backward(l);
            absSum += pred.sub(y).abs().sum().getFloat() * sd;
          }
          trainer.step();
        }
      }
      double trainMae = absSum / order.length;
      double valMae = val.length == 0 ? Double.NaN : mae(trainer, block, rows, val, mean, sd);
      double score = val.length == 0 ? trainMae : valMae;
      if (!Double.isFinite(score)) {
        throw new IllegalStateException("surrogate training diverged at epoch " + epoch
            + " (MAE " + score + "); try a lower learning rate (now " + config.learningRate()
            + ")");
      }
      if (score < best) {
        best = score;
        bestEpoch = epoch;
        lastChange = epoch;
        bestTrain = trainMae;
        bestVal = valMae;
        bestWeights = TrainingSupport.snapshot(block);
      }
      if (config.plateauEpochs() > 0 && epoch - lastChange >= config.plateauEpochs()
          && rate.halve()) {
        lastChange = epoch;
      }
      listener.epoch(epoch, trainMae, valMae, bestEpoch);
      monitor.progress((double) epoch / config.maxEpochs(), String.format(Locale.ROOT,
          "epoch %d/%d: train MAE %.4f%s; best epoch %d", epoch, config.maxEpochs(), trainMae,
          val.length == 0 ? "" : String.format(Locale.ROOT, ", validation MAE %.4f", valMae),
          bestEpoch));
      if (epoch - bestEpoch >= config.patience()) {
        early = true;
        break;
      }
    }
    TrainingSupport.restore(block, bestWeights);
    return new SurrogateMetrics(epoch, bestEpoch, early, bestTrain, bestVal,
        (System.nanoTime() - start) / 1e9);
  }

  private static float[] normalised(Rows rows, int[] batch, double mean, double sd) {
    float[] y = new float[batch.length];
    for (int r = 0; r < batch.length; r++) {
      y[r] = (float) ((rows.targets[batch[r]] - mean) / sd);
    }
    return y;
  }

  /** Mean absolute error in the property's unit, in evaluation mode. */
  private static double mae(Trainer trainer, SurrogateBlock block, Rows rows, int[] idx,
      double mean, double sd) {
    double sum = 0;
    for (int from = 0; from < idx.length; from += SurrogateModel.PREDICT_BATCH) {
      int[] batch = Arrays.copyOfRange(idx, from, Math.min(idx.length,
          from + SurrogateModel.PREDICT_BATCH));
      try (NDManager bm = trainer.getManager().newSubManager()) {
        float[] p = trainer.evaluate(rows.batch(batch).toNDList(bm)).singletonOrThrow()
            .toFloatArray();
        for (int r = 0; r < batch.length; r++) {
          sum += Math.abs(p[r] * sd + mean - rows.targets[batch[r]]);
        }
      }
    }
    return sum / idx.length;
  }

  /** The kept rows: graphs, targets, vocabulary, fingerprint and the skip warning. */
  private static final class Rows {
    final List<CrystalGraph> graphs;
    final double[] targets;
    final List<Element> vocabulary;
    final Map<Element, Integer> classOf;
    final int maxAtoms;
    final double cutoff;
    final String fingerprint;
    final String warning;

    private Rows(List<CrystalGraph> graphs, double[] targets, List<Element> vocabulary,
        double cutoff, String fingerprint, String warning) {
      this.graphs = graphs;
      this.targets = targets;
      this.vocabulary = vocabulary;
      this.classOf = SurrogateModel.classes(vocabulary);
      int m = 1;
      for (CrystalGraph g : graphs) {
        m = Math.max(m, g.size());
      }
      this.maxAtoms = m;
      this.cutoff = cutoff;
      this.fingerprint = fingerprint;
      this.warning = warning;
    }

    GraphBatch batch(int[] idx) {
      List<CrystalGraph> g = new ArrayList<>(idx.length);
      for (int i : idx) {
        g.add(graphs.get(i));
      }
      return GraphBatch.of(g, classOf, vocabulary.size(), cutoff);
    }

    static Rows prepare(List<Structure> structures, String property, SurrogateConfig config,
        ProgressMonitor monitor) {
      Map<String, List<String>> reasons = new LinkedHashMap<>();
      List<CrystalGraph> graphs = new ArrayList<>();
      List<Double> targets = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      TreeSet<Element> seen = new TreeSet<>(
          (a, b) -> Integer.compare(a.number(), b.number()));
      for (int i = 0; i < structures.size(); i++) {
        if (i % 256 == 0) {
          monitor.checkCancelled("surrogate training");
        }
        Structure s = Objects.requireNonNull(structures.get(i), "structure #" + i);
        Object id = s.properties().get("id");
        String who = (id != null ? "'" + id + "'" : "row " + i) + " ("
            + s.composition().reducedFormula() + ")";
        Object v = s.properties().get(property);
        if (v == null) {
          reasons.computeIfAbsent("without " + property, k -> new ArrayList<>()).add(who);
          continue;
        }
        if (!(v instanceof Number) || !Double.isFinite(((Number) v).doubleValue())) {
          reasons.computeIfAbsent("with a non-numeric " + property, k -> new ArrayList<>())
              .add(who + " has '" + v + "'");
          continue;
        }
        String problem = CrystalGraph.problem(s);
        if (problem != null) {
          reasons.computeIfAbsent("without a crystal graph", k -> new ArrayList<>())
              .add(who + ": " + problem);
          continue;
        }
        CrystalGraph g = CrystalGraph.of(s, config.cutoffAngstrom(), config.maxNeighbours());
        graphs.add(g);
        targets.add(((Number) v).doubleValue());
        ids.add(id != null ? id.toString() : Integer.toString(i));
        seen.addAll(g.elements());
      }
      int skipped = structures.size() - graphs.size();
      String warning = null;
      if (skipped > 0) {
        StringBuilder sb = new StringBuilder("skipped ").append(skipped).append(" of ")
            .append(structures.size()).append(" training rows:");
        String sep = " ";
        for (Map.Entry<String, List<String>> e : reasons.entrySet()) {
          List<String> list = e.getValue();
          sb.append(sep).append(list.size()).append(" ").append(e.getKey()).append(" (e.g. ")
              .append(String.join("; ", list.subList(0, Math.min(2, list.size())))).append(")");
          sep = "; ";
        }
        warning = sb.toString();
      }
      if (graphs.isEmpty()) {
        throw new IllegalArgumentException("no training row can be used: "
            + (warning != null ? warning : "no rows given"));
      }
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-256", e);
      }
      sha.update(property.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      double[] t = new double[graphs.size()];
      for (int r = 0; r < graphs.size(); r++) {
        CrystalGraph g = graphs.get(r);
        t[r] = targets.get(r);
        sha.update(ids.get(r).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        ByteBuffer buf = ByteBuffer.allocate(8 + g.size() * (4 + g.maxNeighbours() * 12));
        buf.putLong(Double.doubleToLongBits(t[r]));
        for (int i = 0; i < g.size(); i++) {
          buf.putInt(g.element(i).number());
          for (int k = 0; k < g.neighbourCount(i); k++) {
            buf.putInt(g.neighbour(i, k));
            buf.putLong(Double.doubleToLongBits(g.distance(i, k)));
          }
        }
        sha.update(buf.array(), 0, buf.position());
      }
      return new Rows(List.copyOf(graphs), t, new ArrayList<>(seen), config.cutoffAngstrom(),
          HexFormat.of().formatHex(sha.digest()), warning);
    }
  }

  /**
   * The mean absolute error (L1) or half the mean squared error (MSE) of the normalised
   * predictions, as DJL's {@code L1Loss}/{@code L2Loss} define them, but with the ½ kept alive
   * for the backward pass ({@link Scalars}; DJL's own losses multiply by a number).
   */
  static final class PointLoss extends Loss {
    private final SurrogateConfig.Loss kind;

    PointLoss(SurrogateConfig.Loss kind) {
      super(kind == SurrogateConfig.Loss.L1 ? "L1Loss" : "MSELoss");
      this.kind = kind;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
      NDArray d = labels.singletonOrThrow().sub(predictions.singletonOrThrow());
      return kind == SurrogateConfig.Loss.L1 ? d.abs().mean()
          : Scalars.mul(d.square(), 0.5).mean();
    }
  }
}
