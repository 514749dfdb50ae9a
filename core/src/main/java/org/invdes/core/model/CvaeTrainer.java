package org.invdes.core.model;

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
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;

/**
 * Trains a conditional VAE ({@link CvaeBlock}, loss {@link CvaeLoss}) on structures with
 * property values.
 *
 * <p>Steps:
 *
 * <ol>
 *   <li>Prepare the rows (see {@code TrainingData}): skip rows that cannot be encoded or have
 *       none of the properties, reported in ONE consolidated {@link TrainingListener#warning};
 *       fit the encoder; encode.
 *   <li>From the seed s, derive independent streams ({@link SplittableRandom#split()}) for the
 *       initial weights (Xavier uniform, biases 0), the split, the shuffling, the noise ε and the
 *       condition dropout. The engine's own random generator is never used. With one thread the
 *       same data and configuration give the same weights bit for bit, within a process and
 *       across processes when the environment has {@code MKL_CBWR=COMPATIBLE} (MKL inside
 *       libtorch otherwise picks code paths by memory alignment; the {@code invdes} launcher and
 *       the build's test runs set it). With several threads, float rounding can differ between
 *       runs (measured: 2 of 4 runs of 4 epochs at 2 threads differed), and training amplifies
 *       it; use {@link CvaeConfig.Builder#optThreads(int) one thread} where bit-for-bit
 *       reproducibility matters (the small matrices here gain little from a second thread).
 *   <li>Split: shuffle the rows, hold out round(fraction · n) of them (at least 1 when the
 *       fraction is positive and n ≥ 2) for validation.
 *   <li>Set the PyTorch intra-op threads to {@link CvaeConfig#threads()} (process-wide). On a
 *       machine shared with other work, {@code OMP_WAIT_POLICY=PASSIVE} in the environment keeps
 *       the OpenMP threads from spinning (measured: 20× slower 2-thread training without it).
 *   <li>Each epoch e: KL weight β · min(1, e / warm-up); shuffle the training rows; for each
 *       mini-batch: hide each row's condition with probability {@link
 *       CvaeConfig#conditionDropout()}, draw ε ~ N(0, I), forward; unless the distance
 *       weight is 0, also decode as many prior draws (z ~ N(0, I), elements drawn from the
 *       softmax, from the noise stream) for the distance penalty; back-propagate the weighted
 *       loss (a batch whose loss or gradient is not finite is skipped, without an update, and
 *       counted in one warning at the end), take an Adam step (gradients clipped to ±5 per element). The monitor is polled for
 *       cancellation before every batch.
 *   <li>Validation after each epoch: z = μ, no dropout, full β. A validation total lower than the
 *       best by more than {@link CvaeConfig#minDelta()} becomes the best and its weights are
 *       kept in memory; after {@link CvaeConfig#plateauEpochs()} epochs without one (counted
 *       from the last improvement or halving) the learning rate is halved, down to 1/64 of the
 *       initial rate; after {@link CvaeConfig#patience()} epochs without one (and not before the
 *       warm-up ends) training stops. Without a validation split the training total is used.
 *   <li>The best weights are restored.
 *   <li>Two Gaussians are fitted, with the condition hidden ({@link MultivariateNormal}): the
 *       decoder's lattice noise, to the residuals of the validation rows' lattices (training
 *       rows when there are fewer than 30) each decoded from one posterior draw z (its own
 *       stream of the seed), and the latent prior of unconditional sampling, to the training
 *       rows' posteriors. The result carries a manifest with
 *       the encoding, the property ranges, the fingerprint, the hyper-parameters, the metrics
 *       and those two distributions.
 * </ol>
 */
public final class CvaeTrainer {
  /** Gradient clipping bound per element (loss units per parameter unit). */
  static final float CLIP_GRADIENT = 5f;
  private static final int EVAL_BATCH = 2048;

  private CvaeTrainer() {
  }

  /**
   * Trains a model (steps in the class description).
   *
   * @param structures training structures carrying the property values (e.g. from {@link
   *     org.invdes.core.io.DatasetCsv})
   * @param properties the conditioning properties, at least one
   * @param config hyper-parameters
   * @param monitor progress (fraction = epoch / max epochs) and cancellation
   * @param listener the skip warning and per-epoch loss terms
   * @return the trained model; close it
   * @throws org.invdes.core.progress.CancelledException if the monitor cancelled; nothing is
   *     left behind
   * @throws IllegalArgumentException if no row can be used
   */
  public static CvaeModel train(List<Structure> structures, List<String> properties,
      CvaeConfig config, ProgressMonitor monitor, TrainingListener listener) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(listener, "listener");
    long start = System.nanoTime();
    monitor.progress(0, "encoding " + structures.size() + " structures");
    TrainingData data = TrainingData.prepare(structures, List.copyOf(properties), config);
    if (data.warning != null) {
      listener.warning(data.warning);
    }
    monitor.checkCancelled("training");

    SplittableRandom root = new SplittableRandom(config.seed());
    SplittableRandom initRandom = root.split();
    SplittableRandom splitRandom = root.split();
    SplittableRandom shuffleRandom = root.split();
    SplittableRandom noiseRandom = root.split();
    SplittableRandom dropoutRandom = root.split();
    SplittableRandom residualRandom = root.split();

    int n = data.size();
    int[] order = TrainingSupport.permutation(n, splitRandom);
    int nVal = config.validationFraction() > 0 && n >= 2
        ? Math.max(1, (int) Math.round(config.validationFraction() * n)) : 0;
    int[] val = java.util.Arrays.copyOfRange(order, 0, nVal);
    int[] train = java.util.Arrays.copyOfRange(order, nVal, n);
    java.util.Arrays.sort(val);
    java.util.Arrays.sort(train);

    Engine engine = Engine.getEngine(CvaeModel.ENGINE);
    JniUtils.setNumThreads(config.threads());

    CvaeBlock block = CvaeBlock.builder().setLayout(data.encoder.layout())
        .setPropertyCount(properties.size()).optArchitecture(config).build();
    Model model = Model.newInstance(CvaeModel.WEIGHTS_PREFIX, Device.cpu(), engine.getEngineName());
    boolean done = false;
    try {
      model.setBlock(block);
      CvaeLoss loss = new CvaeLoss(block, config, data.encoder.config());
      PlateauRate rate = new PlateauRate((float) config.learningRate());
      Optimizer adam = Optimizer.adam().optLearningRateTracker(rate)
          .optClipGrad(CLIP_GRADIENT).build();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(loss).optOptimizer(adam)
          .optDevices(new Device[] {Device.cpu()})
          .optInitializer(new SeededXavier(initRandom.nextLong()), Parameter.Type.WEIGHT);
      TrainingSummary summary;
      MultivariateNormal[] fitted;
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(block.inputShapes(Math.min(config.batchSize(), train.length)));
        summary = loop(trainer, block, loss, data, train, val, config, rate, shuffleRandom,
            noiseRandom, dropoutRandom, monitor, listener, start);
        monitor.checkCancelled("training");
        fitted = fitDistributions(trainer, block, data, train, val, residualRandom);
      }
      ModelManifest manifest = ModelManifest.of(CvaeModel.WEIGHTS_PREFIX + "-0000.params",
          data.encoder.config(), data.ranges, data.inputRows, data.skipped, train.length,
          val.length, data.fingerprint, data.warning, config, summary, fitted[0], fitted[1]);
      CvaeModel result = new CvaeModel(model, block, manifest);
      done = true;
      return result;
    } finally {
      if (!done) {
        model.close();
      }
    }
  }

  /**
   * Trains, then saves the model atomically as a new directory and closes it. A cancelled or
   * failed training leaves nothing at {@code out} (nor any temporary directory).
   *
   * @return the saved model's manifest
   * @throws java.nio.file.FileAlreadyExistsException if {@code out} exists (checked first)
   */
  public static ModelManifest trainAndSave(List<Structure> structures, List<String> properties,
      CvaeConfig config, Path out, ProgressMonitor monitor, TrainingListener listener)
      throws IOException {
    if (java.nio.file.Files.exists(out)) {
      throw new java.nio.file.FileAlreadyExistsException(out.toString(), null,
          "a model directory cannot overwrite an existing path; remove it or choose another");
    }
    try (CvaeModel model = train(structures, properties, config, monitor, listener)) {
      model.save(out);
      return model.manifest();
    }
  }

  private static TrainingSummary loop(Trainer trainer, CvaeBlock block, CvaeLoss loss,
      TrainingData data, int[] train, int[] val, CvaeConfig config, PlateauRate rate,
      SplittableRandom shuffleRandom, SplittableRandom noiseRandom,
      SplittableRandom dropoutRandom, ProgressMonitor monitor, TrainingListener listener,
      long start) {
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    LossTerms bestTrain = null;
    LossTerms bestVal = null;
    List<float[]> bestWeights = null;
    int epoch = 0;
    int lastChange = 0;
    boolean early = false;
    int[] rows = train.clone();
    int skipped = 0;
    int batches = 0;
    while (epoch < config.maxEpochs()) {
      epoch++;
      double klWeight = config.klWarmupEpochs() == 0 ? config.beta()
          : config.beta() * Math.min(1.0, (double) epoch / config.klWarmupEpochs());
      TrainingSupport.shuffle(rows, shuffleRandom);
      double[] sums = new double[7];
      int used = 0;
      for (int from = 0; from < rows.length; from += config.batchSize()) {
        monitor.checkCancelled("training");
        int to = Math.min(rows.length, from + config.batchSize());
        int[] batch = java.util.Arrays.copyOfRange(rows, from, to);
        batches++;
        try (NDManager bm = trainer.getManager().newSubManager()) {
          NDList labels = labels(bm, data, batch);
          float[] mask = labels.get(2).toFloatArray();
          float[] c = labels.get(1).toFloatArray();
          int p = block.propertyCount();
          for (int r = 0; r < batch.length; r++) {
            if (dropoutRandom.nextDouble() < config.conditionDropout()) {
              java.util.Arrays.fill(mask, r * p, (r + 1) * p, 0f);
            }
          }
          for (int i = 0; i < c.length; i++) {
            c[i] *= mask[i];
          }
          float[] eps = new float[batch.length * block.latentDim()];
          for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) noiseRandom.nextGaussian();
          }
          NDList inputs = new NDList(labels.get(0), bm.create(c, new Shape(batch.length, p)),
              bm.create(mask, new Shape(batch.length, p)),
              bm.create(eps, new Shape(batch.length, block.latentDim())));
          boolean finite;
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList preds = trainer.forward(inputs);
            NDList prior = config.distanceWeight() > 0
                ? priorDecoding(bm, block, batch.length, noiseRandom) : null;
            NDList terms = loss.terms(labels, preds, klWeight, prior);
            finite = Float.isFinite(terms.get(0).getFloat());
            if (finite) {
              TrainingSupport.forwardDone();
              gc.backward(terms.get(0));
              finite = gradientsFinite(block, bm);
            }
            if (finite) {
              for (int t = 0; t < 7; t++) {
                sums[t] += terms.get(t).getFloat() * batch.length;
              }
              used += batch.length;
            } else {
              gc.zeroGradients();
            }
          }
          if (finite) {
            trainer.step();
          } else {
            skipped++;
          }
        }
      }
      LossTerms trainTerms = terms(sums, used);
      LossTerms valTerms = val.length == 0 ? null : evaluate(trainer, block, loss, data, val,
          config.beta());
      double score = valTerms != null ? valTerms.total() : trainTerms.total();
      if (!Double.isFinite(score)) {
        throw new IllegalStateException("training diverged at epoch " + epoch + ": loss "
            + score + "; try a lower learning rate (now " + config.learningRate() + ")");
      }
      if (score < best - config.minDelta()) {
        best = score;
        bestEpoch = epoch;
        lastChange = epoch;
        bestTrain = trainTerms;
        bestVal = valTerms;
        bestWeights = TrainingSupport.snapshot(block);
      }
      if (config.plateauEpochs() > 0 && epoch - lastChange >= config.plateauEpochs()
          && rate.halve()) {
        lastChange = epoch;
      }
      listener.epoch(new EpochReport(epoch, config.maxEpochs(), klWeight, trainTerms, valTerms,
          bestEpoch));
      monitor.progress((double) epoch / config.maxEpochs(), String.format(Locale.ROOT,
          "epoch %d/%d: train %s%s; best epoch %d", epoch, config.maxEpochs(),
          trainTerms.summary(), valTerms == null ? "" : ", validation " + valTerms.summary(),
          bestEpoch));
      if (epoch - bestEpoch >= config.patience() && epoch >= config.klWarmupEpochs()) {
        early = true;
        break;
      }
    }
    if (skipped > 0) {
      listener.warning(skipped + " of " + batches + " training batches had a loss or gradient"
          + " that was not finite (NaN or infinite) and were skipped without a weight update");
    }
    TrainingSupport.restore(block, bestWeights);
    return new TrainingSummary(epoch, bestEpoch, early, bestTrain, bestVal,
        (System.nanoTime() - start) / 1e9);
  }

  /** NDList(x, c, known) of the given rows. */
  private static NDList labels(NDManager m, TrainingData data, int[] batch) {
    int d = data.x[0].length;
    int p = data.c[0].length;
    float[] x = new float[batch.length * d];
    float[] c = new float[batch.length * p];
    float[] k = new float[batch.length * p];
    for (int r = 0; r < batch.length; r++) {
      System.arraycopy(data.x[batch[r]], 0, x, r * d, d);
      System.arraycopy(data.c[batch[r]], 0, c, r * p, p);
      System.arraycopy(data.known[batch[r]], 0, k, r * p, p);
    }
    return new NDList(m.create(x, new Shape(batch.length, d)),
        m.create(c, new Shape(batch.length, p)), m.create(k, new Shape(batch.length, p)));
  }

  /** The fewest validation rows the lattice noise is fitted to; with fewer, training rows. */
  static final int MIN_NOISE_ROWS = 30;

  /**
   * Step 8: {lattice noise, latent prior}, both computed with the condition hidden, as
   * unconditional sampling decodes.
   *
   * <ul>
   *   <li>Lattice noise: the residuals x − f(z) of the validation rows (the training rows when
   *       there are fewer than {@value #MIN_NOISE_ROWS}), z = μ + σ ⊙ ε drawn from the
   *       posterior (ε from {@code random}) and decoded with the decoder's own most likely
   *       elements: the spread a generated cell has around the decoder's mean. Rows training
   *       did not fit give the generalisation error, which is what a new latent point meets
   *       (measured on Perov-5: about twice the residual variance of training rows).
   *   <li>Latent prior: the posterior means μ of the training rows, plus the mean posterior
   *       variance on the diagonal.
   * </ul>
   */
  private static MultivariateNormal[] fitDistributions(Trainer trainer, CvaeBlock block,
      TrainingData data, int[] train, int[] val, SplittableRandom random) {
    int latent = block.latentDim();
    int[] noiseRows = val.length >= MIN_NOISE_ROWS ? val : train;
    float[][] residuals = new float[noiseRows.length][];
    encodeHidden(trainer, block, data, noiseRows, (from, ps, x, hidden, q) -> {
      int b = Math.toIntExact(x.getShape().get(0));
      float[] eps = new float[b * latent];
      for (int i = 0; i < eps.length; i++) {
        eps[i] = (float) random.nextGaussian();
      }
      NDArray z = q.get(0).add(Scalars.mul(q.get(1), 0.5).exp()
          .mul(x.getManager().create(eps, new Shape(b, latent))));
      NDList d = block.decode(ps, z, hidden, hidden, null, null, false);
      float[] r = x.get(":, 0:6").sub(d.get(0)).toFloatArray();
      for (int i = 0; i < b; i++) {
        residuals[from + i] = java.util.Arrays.copyOfRange(r, i * 6, i * 6 + 6);
      }
    });
    float[][] means = new float[train.length][];
    double[] variance = new double[latent];
    encodeHidden(trainer, block, data, train, (from, ps, x, hidden, q) -> {
      float[] mu = q.get(0).toFloatArray();
      float[] var = q.get(1).exp().toFloatArray();
      for (int i = 0; i < mu.length / latent; i++) {
        means[from + i] = java.util.Arrays.copyOfRange(mu, i * latent, (i + 1) * latent);
        for (int l = 0; l < latent; l++) {
          variance[l] += var[i * latent + l];
        }
      }
    });
    for (int l = 0; l < latent; l++) {
      variance[l] /= train.length;
    }
    return new MultivariateNormal[] {MultivariateNormal.fitZeroMean(residuals),
        MultivariateNormal.fit(means, variance)};
  }

  /** Work on one batch of rows encoded with the condition hidden. */
  private interface HiddenBatch {
    /**
     * @param from the index in the row list of the batch's first row
     * @param x [b, D] the rows' structure parts
     * @param hidden [b, P] zeros: the condition and its mask
     * @param q the posterior NDList(μ, log σ²)
     */
    void accept(int from, ParameterStore ps, NDArray x, NDArray hidden, NDList q);
  }

  /** Encodes {@code rows} with the condition hidden, batch by batch, and hands each on. */
  private static void encodeHidden(Trainer trainer, CvaeBlock block, TrainingData data,
      int[] rows, HiddenBatch work) {
    for (int from = 0; from < rows.length; from += EVAL_BATCH) {
      int[] batch = java.util.Arrays.copyOfRange(rows, from, Math.min(rows.length,
          from + EVAL_BATCH));
      try (NDManager bm = trainer.getManager().newSubManager()) {
        ParameterStore ps = new ParameterStore(bm, false);
        NDArray x = labels(bm, data, batch).get(0);
        NDArray hidden = bm.zeros(new Shape(batch.length, block.propertyCount()));
        work.accept(from, ps, x, hidden, block.encode(ps, x, hidden, hidden, false));
      }
    }
  }

  /** Loss terms with z = μ (ε = 0), no dropout, KL weight {@code klWeight}. */
  private static LossTerms evaluate(Trainer trainer, CvaeBlock block, CvaeLoss loss,
      TrainingData data, int[] rows, double klWeight) {
    double[] sums = new double[7];
    for (int from = 0; from < rows.length; from += EVAL_BATCH) {
      int[] batch = java.util.Arrays.copyOfRange(rows, from, Math.min(rows.length,
          from + EVAL_BATCH));
      try (NDManager bm = trainer.getManager().newSubManager()) {
        NDList labels = labels(bm, data, batch);
        NDArray c = labels.get(1).mul(labels.get(2));
        NDList preds = trainer.evaluate(new NDList(labels.get(0), c, labels.get(2),
            bm.zeros(new Shape(batch.length, block.latentDim()))));
        NDList terms = loss.terms(labels, preds, klWeight, null);
        for (int t = 0; t < 7; t++) {
          sums[t] += terms.get(t).getFloat() * batch.length;
        }
      }
    }
    return terms(sums, rows.length);
  }

  private static LossTerms terms(double[] sums, int n) {
    return new LossTerms(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n,
        sums[5] / n, sums[6] / n);
  }

  /**
   * Decodes b latent points drawn from the standard normal prior, no condition, each site's
   * element drawn from the decoder's softmax (Gumbel-max), as unconditional sampling does:
   * NDList(lattice, coordinates, one-hot elements) for the distance penalty.
   */
  private static NDList priorDecoding(NDManager bm, CvaeBlock block, int b,
      SplittableRandom random) {
    float[] z = new float[b * block.latentDim()];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian();
    }
    float[] gumbel = new float[b * block.maxSites() * block.elementClasses()];
    for (int i = 0; i < gumbel.length; i++) {
      gumbel[i] = (float) -Math.log(-Math.log(1.0 - random.nextDouble()));
    }
    NDArray none = bm.zeros(new Shape(b, block.propertyCount()));
    NDList d = block.decode(new ParameterStore(bm, false),
        bm.create(z, new Shape(b, block.latentDim())), none, none, null,
        bm.create(gumbel, new Shape(b, block.maxSites(), block.elementClasses())), true);
    return new NDList(d.get(0), d.get(2), d.get(3));
  }

  /** True if every parameter's gradient is finite (one scalar: the sum of their sums). */
  private static boolean gradientsFinite(CvaeBlock block, NDManager bm) {
    NDArray total = null;
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      if (a.hasGradient()) {
        NDArray g = a.getGradient();
        g.attach(bm);
        NDArray s = g.sum();
        total = total == null ? s : total.add(s);
      }
    }
    return total == null || Float.isFinite(total.getFloat());
  }
}
