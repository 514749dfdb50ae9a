package org.invdes.tests.osgiprobe;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.invdes.core.model.CvaeConfig;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.CvaeTrainer;
import org.invdes.core.model.TrainingListener;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.sampling.SampleResult;
import org.invdes.core.sampling.Sampler;
import org.invdes.core.sampling.SamplingRequest;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.invdes.knime.DjlSupport;

/**
 * Runs inside the OSGi framework, never on the test class path: OsgiBundlesTest packs this
 * package into a test-only fragment of org.invdes.knime, so this class is defined by the KNIME
 * bundle's class loader and sees the embedded core and DJL exactly as the node models do. It
 * goes through {@link DjlSupport} like a node: a tiny generator training (made-up cubic ABO₃
 * perovskites, property y = a − 4 Å, 2 epochs), save, load, conditional sampling.
 *
 * <p>Applied to a scratch directory, it returns what the test checks, as plain JDK values.
 */
public final class GeneratorProbe implements Function<Path, Map<String, Object>> {
  @Override
  public Map<String, Object> apply(Path dir) {
    try {
      return run(dir);
    } catch (Exception e) {
      throw new IllegalStateException("generator probe failed: " + e, e);
    }
  }

  private static Map<String, Object> run(Path dir) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    ClassLoader bundle = GeneratorProbe.class.getClassLoader();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    out.put("contextLoaderWasTheBundles", context == bundle);

    List<String> providers = new ArrayList<>();
    for (EngineProvider p : ServiceLoader.load(EngineProvider.class, bundle)) {
      providers.add(p.getEngineName());
    }
    out.put("serviceLoaderEngines", providers);

    DjlSupport.EngineInfo engine = DjlSupport.engine();
    out.put("engine", engine.name());
    out.put("version", engine.version());
    out.put("libtorch", engine.libtorchDirectory().toString());
    out.put("djlLoader", Engine.class.getClassLoader() == bundle);
    out.put("engineLoader", Engine.getEngine(DjlSupport.ENGINE).getClass().getClassLoader()
        == bundle);
    out.put("coreLoader", CvaeTrainer.class.getClassLoader() == bundle);
    out.put("contextLoaderRestored", Thread.currentThread().getContextClassLoader() == context);

    List<Structure> rows = perovskites(12, 5);
    CvaeConfig config = CvaeConfig.builder().optMaxEpochs(2).optLatentDim(4).optHiddenDim(16)
        .optHiddenLayers(1).optHeadDim(16).optBatchSize(4).optThreads(1).optSeed(3).build();
    List<Double> fractions = new ArrayList<>();
    ProgressMonitor monitor = new ProgressMonitor() {
      @Override
      public void progress(double fraction, String message) {
        fractions.add(fraction);
      }

      @Override
      public boolean isCancelled() {
        return false;
      }
    };
    Path modelDir = dir.resolve("model");
    try (CvaeModel model = DjlSupport.call(() -> CvaeTrainer.train(rows, List.of("y"), config,
        monitor, TrainingListener.NONE))) {
      out.put("epochsRun", model.manifest().metrics().epochsRun());
      DjlSupport.call(() -> {
        model.save(modelDir);
        return null;
      });
    }
    out.put("progressReports", fractions.size());
    try (CvaeModel loaded = DjlSupport.call(() -> CvaeModel.load(modelDir))) {
      out.put("properties", loaded.manifest().propertyNames());
      SampleResult samples = DjlSupport.call(() -> Sampler.of(loaded).sample(
          SamplingRequest.builder().setCount(5).optSeed(7).optTarget("y", 0.05).build(),
          ProgressMonitor.NONE));
      out.put("samples", samples.structures().size());
      List<Object> ys = new ArrayList<>();
      for (Structure s : samples.structures()) {
        ys.add(s.doubleProperty("y").orElse(Double.NaN));
      }
      out.put("predictedY", ys);
    }
    return out;
  }

  /** Cubic ABO₃ with A from {K, Ca, Sr, Ba}, B from {Ti, Zr, Nb}, a = 3.8 + 0.05 i + 0.04 j Å. */
  static List<Structure> perovskites(int n, long seed) {
    List<Structure> rows = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(seed);
    String[] a = {"K", "Ca", "Sr", "Ba"};
    String[] b = {"Ti", "Zr", "Nb"};
    for (int k = 0; k < n; k++) {
      int i = r.nextInt(a.length);
      int j = r.nextInt(b.length);
      double len = 3.8 + 0.05 * i + 0.04 * j + 0.002 * r.nextDouble();
      rows.add(Structure.of(Lattice.cubic(len), List.of(Site.of(Element.of(a[i]), 0, 0, 0),
          Site.of(Element.of(b[j]), 0.5, 0.5, 0.5), Site.of(Element.of("O"), 0.5, 0.5, 0),
          Site.of(Element.of("O"), 0.5, 0, 0.5), Site.of(Element.of("O"), 0, 0.5, 0.5)),
          Map.of("id", "p" + k, "y", len - 4.0)));
    }
    return rows;
  }
}
