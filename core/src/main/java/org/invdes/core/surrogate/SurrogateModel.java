package org.invdes.core.surrogate;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import org.invdes.core.model.ModelFiles;
import org.invdes.core.model.ModelManifest;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

/**
 * A trained formation-energy surrogate: the DJL model holding a {@link SurrogateBlock} and its
 * {@link SurrogateManifest}. Obtained from {@link SurrogateTrainer#train} or {@link #load};
 * close it to free the native memory. Predictions are in the unit of the trained property
 * (eV/atom for a formation energy). The inference methods are synchronized.
 *
 * <p>A saved surrogate is a directory holding {@value #WEIGHTS_PREFIX}-0000.params (DJL's
 * parameter format) and {@value ModelManifest#FILE_NAME}.
 *
 * <p>Featurisation ({@link CrystalGraph}, {@link GraphBatch}) is separate from the network, so
 * a caller with continuous inputs (soft species weights, differentiable distances) can run
 * {@link #block()} with {@link #parameterStore()} under a gradient collector and denormalise with
 * {@link SurrogateManifest#mean()} and {@link SurrogateManifest#sd()}.
 */
public final class SurrogateModel implements AutoCloseable {
  /** The DJL name prefix of the weight file. */
  public static final String WEIGHTS_PREFIX = "surrogate";
  /** Rows per forward pass when predicting many structures. */
  static final int PREDICT_BATCH = 256;
  static final String ENGINE = "PyTorch";

  private final Model model;
  private final SurrogateBlock block;
  private final SurrogateManifest manifest;
  private final Map<Element, Integer> classOf;
  private final ParameterStore parameters;

  SurrogateModel(Model model, SurrogateBlock block, SurrogateManifest manifest) {
    this.model = model;
    this.block = block;
    this.manifest = manifest;
    this.classOf = classes(manifest.vocabulary());
    this.parameters = new ParameterStore(model.getNDManager(), false);
  }

  static Map<Element, Integer> classes(List<Element> vocabulary) {
    Map<Element, Integer> m = new HashMap<>();
    for (int i = 0; i < vocabulary.size(); i++) {
      m.put(vocabulary.get(i), i);
    }
    return m;
  }

  /** The manifest (property, normalisation, vocabulary, hyper-parameters, metrics). */
  public SurrogateManifest manifest() {
    return manifest;
  }

  /** The predicted property's name. */
  public String property() {
    return manifest.property();
  }

  /** The network, for callers that build their own input tensors. */
  public SurrogateBlock block() {
    return block;
  }

  /** The store of the trained parameters, for {@link SurrogateBlock#predict}. */
  public ParameterStore parameterStore() {
    return parameters;
  }

  /** The element classes, in the order of the species axis of {@link GraphBatch}. */
  public Map<Element, Integer> elementClasses() {
    return Map.copyOf(classOf);
  }

  /**
   * Why the surrogate cannot predict a structure, if it cannot: a disordered or empty structure,
   * or an element it was not trained on.
   */
  public Optional<String> problem(Structure structure) {
    String p = CrystalGraph.problem(structure);
    if (p != null) {
      return Optional.of(p);
    }
    for (Site s : structure.sites()) {
      if (!classOf.containsKey(s.majorElement())) {
        return Optional.of(structure.composition().reducedFormula() + " contains "
            + s.majorElement().symbol() + ", an element the surrogate was not trained on");
      }
    }
    return Optional.empty();
  }

  /** The crystal graph of a structure with this surrogate's cut-off and neighbour count. */
  public CrystalGraph graph(Structure structure) {
    return CrystalGraph.of(structure, manifest.config().cutoffAngstrom(),
        manifest.config().maxNeighbours());
  }

  /**
   * The predicted property of one structure.
   *
   * @throws IllegalArgumentException with {@link #problem}'s reason if it cannot be predicted
   */
  public double predict(Structure structure) {
    Optional<String> p = problem(structure);
    if (p.isPresent()) {
      throw new IllegalArgumentException(p.get());
    }
    return predictGraphs(List.of(graph(structure)))[0];
  }

  /**
   * Predictions for many structures, {@value #PREDICT_BATCH} per forward pass.
   *
   * @param monitor progress and cancellation, polled between batches
   * @return one value per structure, NaN where {@link #problem} gives a reason
   * @throws org.invdes.core.progress.CancelledException if cancelled
   */
  public double[] predictAll(List<Structure> structures, ProgressMonitor monitor) {
    Objects.requireNonNull(monitor, "monitor");
    double[] out = new double[structures.size()];
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < structures.size(); i++) {
      out[i] = Double.NaN;
      if (problem(structures.get(i)).isEmpty()) {
        index.add(i);
      }
    }
    for (int from = 0; from < index.size(); from += PREDICT_BATCH) {
      monitor.checkCancelled("surrogate prediction");
      int to = Math.min(index.size(), from + PREDICT_BATCH);
      // the graphs are pure functions of the structures: built on all processors, in order
      List<CrystalGraph> graphs = IntStream.range(from, to).parallel()
          .mapToObj(k -> graph(structures.get(index.get(k)))).toList();
      double[] y = predictGraphs(graphs);
      for (int k = from; k < to; k++) {
        out[index.get(k)] = y[k - from];
      }
      monitor.progress((double) to / index.size(), "predicted " + to + " of " + index.size()
          + " structures");
    }
    return out;
  }

  /** The manager owning the weights (for sub-managers of gradient computations). */
  NDManager manager() {
    return model.getNDManager();
  }

  /** Predictions for graphs whose elements are all in the vocabulary. */
  public synchronized double[] predictGraphs(List<CrystalGraph> graphs) {
    GraphBatch batch = GraphBatch.of(graphs, classOf, block.elementClasses(),
        manifest.config().cutoffAngstrom());
    try (NDManager sub = model.getNDManager().newSubManager()) {
      NDList in = batch.toNDList(sub);
      NDArray y = block.predict(parameters, in.get(0), in.get(1), in.get(2), in.get(3),
          in.get(4), false);
      float[] raw = y.toFloatArray();
      double[] out = new double[raw.length];
      for (int i = 0; i < raw.length; i++) {
        out[i] = raw[i] * manifest.sd() + manifest.mean();
      }
      return out;
    }
  }

  /**
   * Saves the surrogate as a new directory, atomically (nothing is left on failure).
   *
   * @throws java.nio.file.FileAlreadyExistsException if it exists
   */
  public synchronized void save(Path dir) throws IOException {
    ModelFiles.save(dir, model, WEIGHTS_PREFIX, manifest.toJson());
  }

  /**
   * Loads a directory written by {@link #save}.
   *
   * @throws NoSuchFileException if the directory or its manifest is missing
   * @throws IllegalArgumentException naming the manifest if it is not a surrogate's (e.g. a
   *     generator's) or of another format version (both named)
   * @throws IOException if the weights cannot be read or do not fit the manifest
   */
  public static SurrogateModel load(Path dir) throws IOException {
    SurrogateManifest manifest = ModelFiles.readManifest(dir, SurrogateManifest::fromJson);
    SurrogateBlock block = SurrogateBlock.of(manifest.vocabulary().size(), manifest.config());
    return new SurrogateModel(ModelFiles.load(dir, block, WEIGHTS_PREFIX, ENGINE), block,
        manifest);
  }

  /** Frees the native memory of the weights. */
  @Override
  public synchronized void close() {
    model.close();
  }

  @Override
  public String toString() {
    return "SurrogateModel[" + block + ", " + manifest + "]";
  }
}
