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
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.invdes.core.encoding.CellChoice;
import org.invdes.core.encoding.EncodingLayout;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Structure;

/**
 * Trains the periodic diffusion generator ({@link DiffusionBlock}, {@link DiffusionLoss}) on
 * structures with property values.
 *
 * <ol>
 *   <li>Prepare the rows exactly as the conditional VAE does ({@code TrainingData}: one
 *       consolidated warning for skipped rows, the encoder fitted without Fourier features), so
 *       both generators share the encoding, the lattice and property normalisation and the
 *       fingerprint. Per row: the normalised lattice z₀ (6 values), for each atom its type
 *       one-hot a₀ (A channels, "no atom" rows are padding) and fractional coordinates f₀.
 *   <li>From the seed derive independent streams for the initial weights, the split, the
 *       shuffling, the noise and the condition dropout; a fixed stream for the validation noise
 *       (the same at every epoch, so validation losses are comparable).
 *   <li>Mini-batches of {@link DiffusionConfig#batchSize()} rows, each epoch from a new shuffle
 *       of the training rows ({@link #batches}): consecutive runs of the shuffled rows; or, with
 *       {@link DiffusionConfig#atomCountBatches()} (the default), the shuffled rows stably
 *       grouped by atom count (ascending), each group cut into runs of at most the batch size,
 *       and these batches in an order drawn from the shuffle stream (not drawn when all rows
 *       have one atom count, so that case is exactly the mixed batching). A batch runs with N =
 *       its largest atom count site rows, not the site budget: the block's function does not
 *       depend on padding, and the pair work falls to that of the batch's own cells.
 *   <li>Each mini-batch: per row a time t uniform in 1..T; z_t = √ᾱ_t z₀ + √(1 − ᾱ_t) ε_l, a_t =
 *       √ᾱ_t a₀ + √(1 − ᾱ_t) ε_a, f_t = (f₀ + σ_t ε_f) mod 1 ({@link DiffusionSchedule}); the
 *       coordinate target σ_t · ∇ ln p_σt(σ_t ε_f) ({@link WrappedNormal#score}); the condition
 *       hidden with probability {@link DiffusionConfig#conditionDropout()} (classifier-free
 *       guidance); the type label is ε_a or, for the cross-entropy type loss, a₀; Adam step on
 *       {@link DiffusionLoss} (gradients clipped to ±5 per element). The
 *       monitor is polled before every batch.
 *   <li>With an EMA decay ({@link DiffusionConfig#emaDecay()}, off by default), the exponential
 *       moving average of the weights is updated after every optimiser step; validation then
 *       runs on the averaged weights, and those of the best epoch are the model's.
 *   <li>Validation, learning-rate halving on plateaus, early stopping and restoring the best
 *       weights as {@link CvaeTrainer} does; with a {@link CheckpointSelection}, the weights of
 *       the scored epoch with the highest score are restored instead.
 * </ol>
 *
 * With one thread the same data and configuration give the same weights bit for bit (see
 * {@link CvaeTrainer} on MKL and threads).
 */
public final class DiffusionTrainer {
  private static final int EVAL_BATCH = 512;

  private DiffusionTrainer() {
  }

  /**
   * Trains a model.
   *
   * @param structures training structures carrying the property values
   * @param properties conditioning properties, at least one
   * @param config hyper-parameters
   * @param monitor progress (fraction = epoch / max epochs) and cancellation
   * @param warnings receives the consolidated skip warning, if any
   * @param epochs receives one line per epoch, for a log
   * @return the trained model; close it
   * @throws org.invdes.core.progress.CancelledException if the monitor cancelled
   * @throws IllegalArgumentException if no row can be used
   */
  public static DiffusionModel train(List<Structure> structures, List<String> properties,
      DiffusionConfig config, ProgressMonitor monitor, Consumer<String> warnings,
      Consumer<String> epochs) {
    Objects.requireNonNull(epochs, "epochs");
    return trainReporting(structures, properties, config, monitor, warnings,
        r -> epochs.accept(r.line()));
  }

  /**
   * Trains a model as {@link #train} does, telling {@code epochs} each epoch's loss terms (for a
   * history table) rather than a log line.
   *
   * @param epochs receives one report per epoch, after its validation
   * @return the trained model; close it
   * @throws org.invdes.core.progress.CancelledException if the monitor cancelled
   * @throws IllegalArgumentException if no row can be used
   */
  public static DiffusionModel trainReporting(List<Structure> structures,
      List<String> properties, DiffusionConfig config, ProgressMonitor monitor,
      Consumer<String> warnings, Consumer<DiffusionEpochReport> epochs) {
    return trainReporting(structures, properties, config, monitor, warnings, epochs, null);
  }

  /**
   * Trains as {@link #trainReporting(List, List, DiffusionConfig, ProgressMonitor, Consumer,
   * Consumer)} does, starting from the weights of {@code initial} instead of random ones when it
   * is not null (more epochs for a model that had not converged, or fine-tuning on other data).
   * The data are encoded with {@code initial}'s encoder (its vocabulary, site budget and
   * normalisation; rows it cannot encode are skipped with a warning), so the network sees the
   * scale it was trained on; the condition's properties and the architecture ({@code config}'s
   * hidden width, layers, frequencies and time embedding) must be {@code initial}'s. The
   * optimiser, learning-rate schedule and early stopping start afresh.
   *
   * @param initial the model to start from, or null for random weights; it stays open and
   *     unchanged
   * @throws IllegalArgumentException if {@code initial}'s properties or architecture differ
   */
  public static DiffusionModel trainReporting(List<Structure> structures,
      List<String> properties, DiffusionConfig config, ProgressMonitor monitor,
      Consumer<String> warnings, Consumer<DiffusionEpochReport> epochs,
      DiffusionModel initial) {
    return trainReporting(structures, properties, config, monitor, warnings, epochs, initial,
        null);
  }

  /**
   * Trains as {@link #trainReporting(List, List, DiffusionConfig, ProgressMonitor, Consumer,
   * Consumer, DiffusionModel)} does, keeping the weights {@code selection} scores highest
   * instead of those with the lowest validation loss when it is not null (see {@link
   * CheckpointSelection}). Scored epochs' reports carry their score; the manifest records the
   * criterion and every score.
   *
   * @param selection how to choose the kept epoch, or null for the lowest validation loss
   */
  public static DiffusionModel trainReporting(List<Structure> structures,
      List<String> properties, DiffusionConfig config, ProgressMonitor monitor,
      Consumer<String> warnings, Consumer<DiffusionEpochReport> epochs,
      DiffusionModel initial, CheckpointSelection selection) {
    Objects.requireNonNull(config, "config");
    if (selection != null) {
      selection.check(config);
    }
    if (initial != null) {
      checkStart(initial, properties, config);
    }
    Objects.requireNonNull(epochs, "epochs");
    Objects.requireNonNull(monitor, "monitor");
    if (properties.isEmpty()) {
      throw new IllegalArgumentException("the diffusion generator needs at least one"
          + " conditioning property");
    }
    long start = System.nanoTime();
    monitor.progress(0, "encoding " + structures.size() + " structures");
    CvaeConfig.Builder prep = CvaeConfig.builder().optFourierIndex(0)
        .optCellChoice(config.cellChoice());
    if (initial != null) {
      prep.optMaxSites(initial.maxSites());
    } else {
      config.maxSites().ifPresent(prep::optMaxSites);
    }
    TrainingData data = TrainingData.prepare(structures, List.copyOf(properties), prep.build(),
        initial == null ? null : initial.encoder());
    if (data.warning != null) {
      warnings.accept(data.warning);
    }
    monitor.checkCancelled("training");
    Rows rows = Rows.of(data);

    SplittableRandom root = new SplittableRandom(config.seed());
    SplittableRandom initRandom = root.split();
    SplittableRandom splitRandom = root.split();
    SplittableRandom shuffleRandom = root.split();
    SplittableRandom noiseRandom = root.split();
    SplittableRandom dropoutRandom = root.split();
    SplittableRandom selfRandom = config.selfCondition() ? root.split() : null;
    long validationSeed = root.nextLong();

    int n = data.size();
    int[] order = TrainingSupport.permutation(n, splitRandom);
    int nVal = config.validationFraction() > 0 && n >= 2
        ? Math.max(1, (int) Math.round(config.validationFraction() * n)) : 0;
    int[] val = Arrays.copyOfRange(order, 0, nVal);
    int[] train = Arrays.copyOfRange(order, nVal, n);
    Arrays.sort(val);
    Arrays.sort(train);
    int[] atomCounts = new int[rows.sites + 1];
    for (int r : train) {
      atomCounts[rows.atoms[r]]++;
    }
    float[][] trainingConditions = conditions(data, train, splitRandom);

    Engine engine = Engine.getEngine(CvaeModel.ENGINE);
    JniUtils.setNumThreads(config.threads());
    DiffusionSchedule schedule = config.schedule();
    DiffusionBlock block = DiffusionBlock.builder().setSize(rows.sites, rows.types)
        .setPropertyCount(properties.size()).optArchitecture(config)
        .optVocabulary(data.encoder.config().vocabulary()).build();
    Model model = Model.newInstance(DiffusionModel.WEIGHTS_PREFIX, Device.cpu(),
        engine.getEngineName());
    boolean done = false;
    try {
      model.setBlock(block);
      DiffusionLoss loss = new DiffusionLoss(config);
      PlateauRate rate = new PlateauRate((float) config.learningRate());
      Optimizer adam = Optimizer.adam().optLearningRateTracker(rate)
          .optClipGrad(CvaeTrainer.CLIP_GRADIENT).build();
      DefaultTrainingConfig tc = new DefaultTrainingConfig(loss).optOptimizer(adam)
          .optDevices(new Device[] {Device.cpu()})
          .optInitializer(new SeededXavier(initRandom.nextLong()), Parameter.Type.WEIGHT);
      double best = Double.POSITIVE_INFINITY;
      int bestEpoch = 0;
      int epoch = 0;
      int lastChange = 0;
      boolean early = false;
      DiffusionLossTerms bestTrain = null;
      DiffusionLossTerms bestVal = null;
      List<float[]> bestWeights = null;
      List<CheckpointScore> scores = new ArrayList<>();
      double keptScore = Double.NaN;
      int keptEpoch = 0;
      DiffusionLossTerms keptTrain = null;
      DiffusionLossTerms keptVal = null;
      List<float[]> keptWeights = null;
      try (Trainer trainer = model.newTrainer(tc)) {
        trainer.initialize(block.inputShapes(Math.min(config.batchSize(), train.length)));
        if (initial != null) {
          TrainingSupport.restore(block, TrainingSupport.snapshot(initial.block()));
        }
        WeightAverage ema = config.emaDecay() > 0
            ? new WeightAverage(TrainingSupport.snapshot(block), config.emaDecay()) : null;
        int[] shuffled = train.clone();
        while (epoch < config.maxEpochs()) {
          epoch++;
          TrainingSupport.shuffle(shuffled, shuffleRandom);
          double[] sums = new double[4];
          for (int[] batch : batches(shuffled, rows.atoms, config.batchSize(),
              config.atomCountBatches(), shuffleRandom)) {
            monitor.checkCancelled("training");
            try (NDManager bm = trainer.getManager().newSubManager()) {
              NDList[] io = rows.batch(bm, batch, schedule, block.timeDim(), noiseRandom,
                  dropoutRandom, config.conditionDropout(), config.typeLoss());
              NDList inputs = selfRandom == null ? io[0]
                  : selfConditioned(trainer::evaluate, io[0], selfRandom.nextBoolean(),
                      config.typeLoss());
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList preds = trainer.forward(inputs);
                NDList terms = loss.terms(io[1], preds);
                TrainingSupport.forwardDone();
                gc.backward(terms.get(0));
                for (int t = 0; t < 4; t++) {
                  sums[t] += terms.get(t).getFloat() * batch.length;
                }
              }
              trainer.step();
            }
            if (ema != null) {
              ema.update(block);
            }
          }
          List<float[]> raw = null;
          if (ema != null) {
            raw = TrainingSupport.snapshot(block);
            TrainingSupport.restore(block, ema.weights);
          }
          DiffusionLossTerms trainTerms = terms(sums, shuffled.length);
          DiffusionLossTerms valTerms = val.length == 0 ? null
              : evaluate(trainer, loss, rows, val, schedule, block.timeDim(), validationSeed,
                  config);
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
          double checkpointScore = Double.NaN;
          if (selection != null && selection.scores(epoch, config.maxEpochs())) {
            monitor.progress((double) epoch / config.maxEpochs(), "epoch " + epoch
                + ": scoring the weights by " + selection.criterion());
            DiffusionModel checkpoint = new DiffusionModel(model, block, DiffusionManifest.of(
                DiffusionModel.WEIGHTS_PREFIX + "-0000.params", data, atomCounts,
                trainingConditions, train.length, val.length, config, epoch, epoch, false,
                (System.nanoTime() - start) / 1e9, trainTerms, valTerms, null, List.of()));
            checkpointScore = selection.scorer().score(checkpoint,
                ProgressMonitor.cancelling(monitor::isCancelled));
            scores.add(new CheckpointScore(epoch, checkpointScore));
            if (checkpointScore > keptScore || keptWeights == null && !Double.isNaN(
                checkpointScore)) {
              keptScore = checkpointScore;
              keptEpoch = epoch;
              keptTrain = trainTerms;
              keptVal = valTerms;
              keptWeights = TrainingSupport.snapshot(block);
            }
          }
          if (raw != null) {
            TrainingSupport.restore(block, raw);
          }
          if (config.plateauEpochs() > 0 && epoch - lastChange >= config.plateauEpochs()
              && rate.halve()) {
            lastChange = epoch;
          }
          DiffusionEpochReport report = new DiffusionEpochReport(epoch, config.maxEpochs(),
              trainTerms, valTerms, bestEpoch, checkpointScore);
          epochs.accept(report);
          monitor.progress((double) epoch / config.maxEpochs(), report.line());
          if (epoch - bestEpoch >= config.patience()) {
            early = true;
            break;
          }
        }
      }
      if (keptWeights != null) {
        bestWeights = keptWeights;
        bestEpoch = keptEpoch;
        bestTrain = keptTrain;
        bestVal = keptVal;
      }
      TrainingSupport.restore(block, bestWeights);
      DiffusionManifest manifest = DiffusionManifest.of(
          DiffusionModel.WEIGHTS_PREFIX + "-0000.params", data, atomCounts,
          trainingConditions, train.length,
          val.length, config, epoch, bestEpoch, early, (System.nanoTime() - start) / 1e9,
          bestTrain, bestVal, selection == null ? null : selection.criterion(), scores);
      DiffusionModel result = new DiffusionModel(model, block, manifest);
      done = true;
      return result;
    } finally {
      if (!done) {
        model.close();
      }
    }
  }

  /**
   * Checks that training with {@code properties} and {@code config} can start from {@code
   * initial}'s weights: the same condition properties, cell choice and type loss, and the same
   * denoiser size (hidden width, layers, frequencies, time embedding, atom-count input, element
   * features).
   *
   * @throws IllegalArgumentException naming what differs
   */
  public static void checkStart(DiffusionModel initial, List<String> properties,
      DiffusionConfig config) {
    List<String> had = initial.manifest().propertyNames();
    if (!had.equals(List.copyOf(properties))) {
      throw new IllegalArgumentException("the starting model is conditioned on " + had
          + ", not on " + properties + "; train with the same properties");
    }
    CellChoice cells = initial.encoder().config().cellChoice();
    if (cells != config.cellChoice()) {
      throw new IllegalArgumentException("the starting model encodes " + describe(cells)
          + " cells; its training cannot go on with " + describe(config.cellChoice())
          + " ones");
    }
    DiffusionConfig h = initial.manifest().hyperParameters();
    if (h.typeLoss() != config.typeLoss()) {
      throw new IllegalArgumentException("the starting model was trained with type loss "
          + h.typeLoss().jsonName() + "; its type inputs and outputs mean something else under "
          + config.typeLoss().jsonName() + ", so it cannot change");
    }
    if (h.atomCountInput() != config.atomCountInput()) {
      throw new IllegalArgumentException("the starting model's denoiser "
          + (h.atomCountInput() ? "sees" : "does not see") + " each cell's atom count; this"
          + " is part of its size and cannot change");
    }
    if (h.elementFeatures() != config.elementFeatures()) {
      throw new IllegalArgumentException("the starting model's denoiser "
          + (h.elementFeatures() ? "sees" : "does not see") + " element descriptors; this is"
          + " part of its size and cannot change");
    }
    if (h.selfCondition() != config.selfCondition()) {
      throw new IllegalArgumentException("the starting model's denoiser "
          + (h.selfCondition() ? "is" : "is not") + " self-conditioned; this is part of its"
          + " size and cannot change");
    }
    if (h.hiddenDim() != config.hiddenDim() || h.layers() != config.layers()
        || h.frequencies() != config.frequencies() || h.timeDim() != config.timeDim()) {
      throw new IllegalArgumentException("the starting model's denoiser has hidden width "
          + h.hiddenDim() + ", " + h.layers() + " layers, " + h.frequencies()
          + " frequencies and a " + h.timeDim() + "-wide time embedding; these cannot change"
          + " (asked for " + config.hiddenDim() + ", " + config.layers() + ", "
          + config.frequencies() + ", " + config.timeDim() + ")");
    }
  }

  /**
   * The normalised conditions of the training rows (NaN where unknown), in row order; a subset
   * of {@link DiffusionManifest#MAX_CONDITION_ROWS} drawn with {@code random} when there are
   * more.
   */
  static float[][] conditions(TrainingData data, int[] train, SplittableRandom random) {
    int[] rowsKept = train;
    if (train.length > DiffusionManifest.MAX_CONDITION_ROWS) {
      int[] order = TrainingSupport.permutation(train.length, random);
      rowsKept = new int[DiffusionManifest.MAX_CONDITION_ROWS];
      for (int i = 0; i < rowsKept.length; i++) {
        rowsKept[i] = train[order[i]];
      }
      Arrays.sort(rowsKept);
    }
    float[][] out = new float[rowsKept.length][];
    for (int i = 0; i < rowsKept.length; i++) {
      int r = rowsKept[i];
      out[i] = new float[data.c[r].length];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = data.known[r][j] > 0 ? data.c[r][j] : Float.NaN;
      }
    }
    return out;
  }

  private static String describe(CellChoice c) {
    return c == CellChoice.NIGGLI ? "Niggli-reduced" : "as-given";
  }

  /**
   * Trains as {@link #trainReporting} does (each epoch's report to {@code epochs}), then saves the
   * model atomically as a new directory and closes it; a cancelled or failed training leaves
   * nothing at {@code out}.
   *
   * @throws FileAlreadyExistsException if {@code out} exists (checked first)
   */
  public static DiffusionManifest trainAndSave(List<Structure> structures,
      List<String> properties, DiffusionConfig config, Path out, ProgressMonitor monitor,
      Consumer<String> warnings, Consumer<DiffusionEpochReport> epochs) throws IOException {
    return trainAndSave(structures, properties, config, out, monitor, warnings, epochs, null,
        null);
  }

  /**
   * As {@link #trainAndSave(List, List, DiffusionConfig, Path, ProgressMonitor, Consumer,
   * Consumer)}, starting from {@code initial}'s weights when it is not null and keeping the
   * epoch {@code selection} scores highest when it is not null (see {@link
   * #trainReporting(List, List, DiffusionConfig, ProgressMonitor, Consumer, Consumer,
   * DiffusionModel, CheckpointSelection)}).
   */
  public static DiffusionManifest trainAndSave(List<Structure> structures,
      List<String> properties, DiffusionConfig config, Path out, ProgressMonitor monitor,
      Consumer<String> warnings, Consumer<DiffusionEpochReport> epochs, DiffusionModel initial,
      CheckpointSelection selection) throws IOException {
    if (Files.exists(out)) {
      throw new FileAlreadyExistsException(out.toString(), null,
          "a model directory cannot overwrite an existing path; remove it or choose another");
    }
    try (DiffusionModel model = trainReporting(structures, properties, config, monitor, warnings,
        epochs, initial, selection)) {
      model.save(out);
      return model.manifest();
    }
  }

  private static DiffusionLossTerms evaluate(Trainer trainer, DiffusionLoss loss, Rows rows,
      int[] val, DiffusionSchedule schedule, int timeDim, long seed, DiffusionConfig config) {
    SplittableRandom noise = new SplittableRandom(seed);
    double[] sums = new double[4];
    for (int[] batch : batches(val, rows.atoms, EVAL_BATCH, config.atomCountBatches(), null)) {
      try (NDManager bm = trainer.getManager().newSubManager()) {
        NDList[] io = rows.batch(bm, batch, schedule, timeDim, noise, null, 0, config.typeLoss());
        NDList inputs = config.selfCondition()
            ? selfConditioned(trainer::evaluate, io[0], true, config.typeLoss()) : io[0];
        NDList terms = loss.terms(io[1], trainer.evaluate(inputs));
        for (int t = 0; t < 4; t++) {
          sums[t] += terms.get(t).getFloat() * batch.length;
        }
      }
    }
    return terms(sums, val.length);
  }

  /**
   * A batch's inputs with the self-conditioning input p appended ({@link
   * DiffusionConfig#selfCondition()}): zeros, or when {@code estimate} the softmax of the type
   * logits of a first pass ({@code forward}, without gradient) on the inputs with zeros, on the
   * atoms only and, with the masked type process, on the hidden ones only (those whose type
   * channels are all 0).
   */
  static NDList selfConditioned(UnaryOperator<NDList> forward, NDList inputs,
      boolean estimate, DiffusionConfig.TypeLoss typeLoss) {
    NDArray a = inputs.get(0);
    NDList zeros = new NDList(inputs);
    zeros.add(a.zerosLike());
    if (!estimate) {
      return zeros;
    }
    NDArray p = forward.apply(zeros).get(2).softmax(2).mul(inputs.get(6).expandDims(-1));
    if (typeLoss == DiffusionConfig.TypeLoss.MASKED) {
      p = p.mul(a.sum(new int[] {2}, true).neg().add(1f));
    }
    NDList out = new NDList(inputs);
    out.add(p.stopGradient());
    return out;
  }

  /**
   * The mini-batches of one pass over {@code order} (rows in the order they were shuffled):
   * consecutive runs of at most {@code size} rows; or, by atom count, the rows stably grouped
   * by {@code atoms[row]} (ascending), each group cut into such runs, and the batches then
   * shuffled with {@code random} (not when null, nor when there is a single atom count).
   */
  static List<int[]> batches(int[] order, int[] atoms, int size, boolean byAtomCount,
      SplittableRandom random) {
    List<int[]> out = new ArrayList<>();
    if (!byAtomCount) {
      for (int from = 0; from < order.length; from += size) {
        out.add(Arrays.copyOfRange(order, from, Math.min(order.length, from + size)));
      }
      return out;
    }
    int max = 0;
    for (int r : order) {
      max = Math.max(max, atoms[r]);
    }
    int[] perCount = new int[max + 1];
    for (int r : order) {
      perCount[atoms[r]]++;
    }
    int groups = 0;
    for (int k = 0; k <= max; k++) {
      if (perCount[k] == 0) {
        continue;
      }
      groups++;
      int[] group = new int[perCount[k]];
      int g = 0;
      for (int r : order) {
        if (atoms[r] == k) {
          group[g++] = r;
        }
      }
      for (int from = 0; from < group.length; from += size) {
        out.add(Arrays.copyOfRange(group, from, Math.min(group.length, from + size)));
      }
    }
    if (random != null && groups > 1) {
      // the Fisher-Yates swaps of TrainingSupport.shuffle, applied to the batches
      List<int[]> shuffled = new ArrayList<>(out.size());
      for (int k : TrainingSupport.permutation(out.size(), random)) {
        shuffled.add(out.get(k));
      }
      return shuffled;
    }
    return out;
  }

  private static DiffusionLossTerms terms(double[] sums, int n) {
    return new DiffusionLossTerms(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n);
  }

  /** The clean training rows as dense arrays. */
  static final class Rows {
    final int sites;
    final int types;
    final int properties;
    final float[][] lattice;
    final int[][] classes;
    final float[][] coords;
    final int[] atoms;
    final float[][] condition;
    final float[][] known;

    private Rows(TrainingData data) {
      EncodingLayout layout = data.encoder.layout();
      this.sites = layout.maxSites();
      this.types = layout.elementClasses() - 1;
      this.properties = data.c[0].length;
      int n = data.size();
      lattice = new float[n][6];
      classes = new int[n][sites];
      coords = new float[n][sites * 3];
      atoms = new int[n];
      condition = data.c;
      known = data.known;
      for (int r = 0; r < n; r++) {
        float[] x = data.x[r];
        System.arraycopy(x, layout.latticeOffset(), lattice[r], 0, 6);
        int k = 0;
        for (int s = 0; s < sites; s++) {
          int row = layout.siteOffset(s);
          int cls = 0;
          for (int e = 1; e < layout.elementClasses(); e++) {
            if (x[row + layout.elementChannel() + e] > 0.5f) {
              cls = e;
            }
          }
          if (cls == 0) {
            continue;
          }
          classes[r][k] = cls;
          for (int d = 0; d < 3; d++) {
            coords[r][3 * k + d] = x[row + layout.coordinateChannel() + d];
          }
          k++;
        }
        atoms[r] = k;
      }
    }

    static Rows of(TrainingData data) {
      return new Rows(data);
    }

    /**
     * Noised inputs and labels of a batch: {NDList(a_t, f_t, z_t, τ, c⊙m, m, mask),
     * NDList(ε_l, σ·score, y_a, mask)} with y_a the type noise ε_a or, for the cross-entropy
     * type loss, the clean one-hot a₀; with the masked type process a_t is the one-hot of the
     * visible atoms (each hidden with probability t/T, one uniform draw per atom instead of the
     * type noise) and y_a the one-hot of the hidden ones; N = the batch's largest atom count.
     * Draws, in row order, t then the lattice, type and coordinate noise of each row from
     * {@code noise}; the dropout decision from {@code dropout} (null: no dropout).
     */
    NDList[] batch(NDManager m, int[] batch, DiffusionSchedule schedule, int timeDim,
        SplittableRandom noise, SplittableRandom dropout, double dropoutRate,
        DiffusionConfig.TypeLoss typeLoss) {
      boolean clean = typeLoss == DiffusionConfig.TypeLoss.CROSS_ENTROPY;
      boolean masked = typeLoss == DiffusionConfig.TypeLoss.MASKED;
      int b = batch.length;
      int n = 1;
      for (int r : batch) {
        n = Math.max(n, atoms[r]);
      }
      int a = types;
      int p = properties;
      float[] at = new float[b * n * a];
      float[] ft = new float[b * n * 3];
      float[] zt = new float[b * 6];
      float[] emb = new float[b * timeDim];
      float[] cm = new float[b * p];
      float[] km = new float[b * p];
      float[] mask = new float[b * n];
      float[] epsL = new float[b * 6];
      float[] target = new float[b * n * 3];
      float[] epsA = new float[b * n * a];
      for (int i = 0; i < b; i++) {
        int r = batch[i];
        int t = 1 + noise.nextInt(schedule.steps());
        double ab = schedule.alphaBar(t);
        double sa = Math.sqrt(ab);
        double sn = Math.sqrt(1 - ab);
        double sigma = schedule.sigma(t);
        System.arraycopy(DiffusionBlock.timeEmbedding(t, schedule.steps(), timeDim), 0, emb,
            i * timeDim, timeDim);
        for (int k = 0; k < 6; k++) {
          float e = (float) noise.nextGaussian();
          epsL[i * 6 + k] = e;
          zt[i * 6 + k] = (float) (sa * lattice[r][k] + sn * e);
        }
        for (int s = 0; s < atoms[r]; s++) {
          mask[i * n + s] = 1f;
          if (masked) {
            boolean hide = noise.nextDouble() < schedule.maskRate(t);
            int idx = (i * n + s) * a + classes[r][s] - 1;
            if (hide) {
              epsA[idx] = 1f;
            } else {
              at[idx] = 1f;
            }
          } else {
            for (int c = 0; c < a; c++) {
              float e = (float) noise.nextGaussian();
              int idx = (i * n + s) * a + c;
              float onehot = classes[r][s] == c + 1 ? 1f : 0f;
              epsA[idx] = clean ? onehot : e;
              at[idx] = (float) (sa * onehot + sn * e);
            }
          }
          for (int d = 0; d < 3; d++) {
            double disp = sigma * noise.nextGaussian();
            int idx = (i * n + s) * 3 + d;
            ft[idx] = (float) Structure.wrap(coords[r][3 * s + d] + disp);
            target[idx] = (float) (sigma * WrappedNormal.score(disp, sigma));
          }
        }
        boolean drop = dropout != null && dropout.nextDouble() < dropoutRate;
        for (int j = 0; j < p; j++) {
          float k = drop ? 0f : known[r][j];
          km[i * p + j] = k;
          cm[i * p + j] = condition[r][j] * k;
        }
      }
      ai.djl.ndarray.NDArray maskArray = m.create(mask, new Shape(b, n));
      NDList inputs = new NDList(m.create(at, new Shape(b, n, a)), m.create(ft, new Shape(b, n, 3)),
          m.create(zt, new Shape(b, 6)), m.create(emb, new Shape(b, timeDim)),
          m.create(cm, new Shape(b, p)), m.create(km, new Shape(b, p)), maskArray);
      NDList labels = new NDList(m.create(epsL, new Shape(b, 6)),
          m.create(target, new Shape(b, n, 3)), m.create(epsA, new Shape(b, n, a)), maskArray);
      return new NDList[] {inputs, labels};
    }
  }

  /**
   * The exponential moving average of the weights: after optimiser step k (from 0), avg ← δ avg +
   * (1 − δ) w with δ = min(decay, (1 + k)/(10 + k)), so early averages are not dominated by the
   * initial weights. Plain float arithmetic in parameter order, hence reproducible.
   */
  static final class WeightAverage {
    final List<float[]> weights;
    private final double decay;
    private long updates;

    WeightAverage(List<float[]> initial, double decay) {
      this.weights = initial;
      this.decay = decay;
    }

    void update(DiffusionBlock block) {
      double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
      updates++;
      float keep = (float) d;
      float take = (float) (1 - d);
      int i = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        float[] w = p.getValue().getArray().toFloatArray();
        float[] avg = weights.get(i++);
        for (int j = 0; j < w.length; j++) {
          avg[j] = keep * avg[j] + take * w[j];
        }
      }
    }
  }
}
