package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.CvaeTrainer;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionManifest;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.DiffusionTrainer;
import org.invdes.core.model.ModelManifest;
import org.invdes.core.model.TinyPerovskites;
import org.invdes.core.model.TrainingListener;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training, saving, loading and sampling of the diffusion generator on a tiny network (2 epochs,
 * T = 50, 4 sampling steps): reproducibility, the per-index seeding, the chemical system, the
 * model-type checks and cancellation. Quality is measured by tests/bench/diffusion-perov5.sh.
 */
class DiffusionSamplerTest {
  @TempDir static Path tmp;
  static List<Structure> data;
  static Path dir;
  static DiffusionModel model;

  static DiffusionConfig tiny() {
    return DiffusionConfig.builder().optHiddenDim(16).optLayers(1).optFrequencies(2)
        .optTimeDim(8).optTimesteps(50).optSampleSteps(4).optMaxEpochs(2).optBatchSize(8)
        .optThreads(1).optSeed(5).build();
  }

  /** 24 five-atom perovskites and 6 two-atom rock-salt cells, so atom counts vary. */
  static List<Structure> tinyData() {
    List<Structure> out = new ArrayList<>(TinyPerovskites.generate(24, 11));
    for (int i = 0; i < 6; i++) {
      out.add(Structure.of(Lattice.cubic(3.0 + 0.1 * i), List.of(
          Site.of(Element.of("Ba"), 0, 0, 0), Site.of(Element.of("O"), 0.5, 0.5, 0.5)),
          Map.of("id", "rs" + i, "y", 0.1 * i)));
    }
    return out;
  }

  @BeforeAll
  static void train() throws IOException {
    data = tinyData();
    dir = tmp.resolve("diffusion-model");
    List<String> epochs = new ArrayList<>();
    DiffusionTrainer.trainAndSave(data, List.of("y"), tiny(), dir, ProgressMonitor.NONE,
        w -> { }, e -> epochs.add(e.line()));
    assertEquals(2, epochs.size());
    model = DiffusionModel.load(dir);
  }

  @AfterAll
  static void close() {
    if (model != null) {
      model.close();
    }
  }

  static SamplingRequest request(int n, long seed) {
    return SamplingRequest.builder().setCount(n).optSeed(seed).build();
  }

  static String describe(Structure s) {
    StringBuilder sb = new StringBuilder();
    Lattice l = s.lattice();
    sb.append(Arrays.toString(new double[] {l.a(), l.b(), l.c(), l.alpha(), l.beta(),
        l.gamma()}));
    for (Site site : s.sites()) {
      sb.append(' ').append(site.species().keySet()).append(Arrays.toString(site.frac()));
    }
    return sb.toString();
  }

  @Test
  void manifestRecordsTheTypeTheAtomCountsAndTheTrainingRun() throws IOException {
    DiffusionManifest m = model.manifest();
    assertEquals("diffusion", DiffusionManifest.modelType(dir));
    assertEquals(tiny(), m.hyperParameters());
    int[] counts = m.atomCounts();
    assertEquals(m.trainRows(), Arrays.stream(counts).sum());
    assertTrue(counts[5] > 0 && counts[2] > 0, Arrays.toString(counts));
    assertEquals(0, counts[0] + counts[1] + counts[3] + counts[4]);
    assertEquals(30, m.trainRows() + m.validationRows());
    assertEquals(2, m.epochsRun());
    assertTrue(Double.isFinite(m.validationLoss().total()));
    assertEquals(m.toJson(), DiffusionManifest.fromJson(m.toJson(), "x").toJson());
  }

  @Test
  void sameSeedGivesIdenticalSamplesAndAnotherSeedDoesNot() {
    DiffusionSampler sampler = DiffusionSampler.of(model);
    SampleResult a = sampler.sample(request(6, 3), ProgressMonitor.NONE);
    SampleResult b = sampler.sample(request(6, 3), ProgressMonitor.NONE);
    SampleResult c = sampler.sample(request(6, 4), ProgressMonitor.NONE);
    assertEquals(6, a.structures().size());
    for (int i = 0; i < 6; i++) {
      assertEquals(describe(a.structures().get(i)), describe(b.structures().get(i)));
      assertEquals("sample-" + (i + 1), a.structures().get(i).properties().get("id"));
    }
    assertNotEquals(describe(a.structures().get(0)), describe(c.structures().get(0)));
  }

  @Test
  void sampleIDependsOnlyOnTheSeedAndI() {
    DiffusionSampler sampler = DiffusionSampler.of(model);
    List<Structure> all = sampler.sample(request(6, 9), ProgressMonitor.NONE).structures();
    List<Structure> tail = sampler.sample(request(3, 9), 3, ProgressMonitor.NONE).structures();
    for (int i = 0; i < 3; i++) {
      Structure x = all.get(3 + i);
      Structure y = tail.get(i);
      assertEquals(x.properties().get("id"), y.properties().get("id"));
      assertEquals(x.composition(), y.composition());
      assertEquals(x.lattice().a(), y.lattice().a(), 1e-4 * x.lattice().a());
      assertEquals(x.lattice().gamma(), y.lattice().gamma(), 1e-3);
    }
  }

  @Test
  void atomCountsComeFromTheTrainingDistribution() {
    List<Structure> s = DiffusionSampler.of(model).sample(request(40, 1), ProgressMonitor.NONE)
        .structures();
    long two = s.stream().filter(x -> x.size() == 2).count();
    long five = s.stream().filter(x -> x.size() == 5).count();
    assertEquals(40, two + five);
    assertTrue(two > 0 && five > two, "2-atom " + two + ", 5-atom " + five);
  }

  @Test
  void aChemicalSystemIsMetExactly() {
    Structure first = data.get(0);
    List<Element> system = new ArrayList<>(first.composition().elements());
    // the 2-epoch model has learnt little more than the element frequencies (O on 3 of 5 sites),
    // so a draw holds all of a system's rarer elements only now and then: a generous budget
    SampleResult r = DiffusionSampler.of(model).sample(SamplingRequest.builder().setCount(5)
        .optSeed(2).optElements(ElementConstraint.chemicalSystem(system))
        .optMaxDrawsPerSample(2000).build(),
        ProgressMonitor.NONE);
    assertEquals(5, r.structures().size(), r.warnings().toString());
    for (Structure s : r.structures()) {
      assertEquals(new java.util.TreeSet<>(system), s.composition().elements());
    }
  }

  @Test
  void guidedConditionalSamplingRunsAndWarnsOutsideTheRange() {
    SampleResult r = DiffusionSampler.of(model).withGuidance(2).withSteps(3).sample(
        SamplingRequest.builder().setCount(3).optTarget("y", 50.0).build(),
        ProgressMonitor.NONE);
    assertEquals(3, r.structures().size());
    assertTrue(r.warnings().get(0).contains("outside the training range"), r.warnings()
        .toString());
  }

  /**
   * With the exact denoiser of a one-point data distribution (a training cell: lattice z₀, types
   * and coordinates f₀), ε_l = (z − √ᾱ z₀)/√(1 − ᾱ), for the types logits of that cell's one-hot
   * (cross-entropy type loss) and σ·∇ln p = σ · wrapped-normal score of f − f₀, the reverse
   * process must return that cell: lattice and types exactly, coordinates within the corrector's
   * last noise (√(2·10⁻⁵) ≈ 0.0045; checked at 0.02).
   */
  @Test
  void withTheExactScoreTheSamplerReturnsTheDataPoint() {
    assertEquals(DiffusionConfig.TypeLoss.CROSS_ENTROPY, model.manifest().hyperParameters()
        .typeLoss());
    returnsTheDataPoint(model, true);
  }

  /** The same with the ε type loss: ε_a = (a − √ᾱ a₀)/√(1 − ᾱ). */
  @Test
  void withTheExactScoreTheEpsilonSamplerReturnsTheDataPoint() throws IOException {
    Path eps = tmp.resolve("epsilon");
    DiffusionTrainer.trainAndSave(data, List.of("y"), tiny().toBuilder().optMaxEpochs(1)
        .optTypeLoss(DiffusionConfig.TypeLoss.EPSILON).build(), eps, ProgressMonitor.NONE,
        w -> { }, e -> { });
    try (DiffusionModel m = DiffusionModel.load(eps)) {
      assertEquals(DiffusionConfig.TypeLoss.EPSILON, m.manifest().hyperParameters().typeLoss());
      returnsTheDataPoint(m, false);
    }
  }

  private static void returnsTheDataPoint(DiffusionModel model, boolean logits) {
    org.invdes.core.encoding.Encoder enc = model.encoder();
    org.invdes.core.encoding.Encoded target = enc.encode(data.get(0));
    DiffusionSampler.Denoiser exact = exactScore(model, target.lattice(),
        target.elementIndices(), target.fracCoords(), logits);
    List<Structure> out = DiffusionSampler.of(model, exact).withSteps(50)
        .sample(request(8, 21), ProgressMonitor.NONE).structures();
    Structure expected = enc.decode(target.features());
    assertEquals(8, out.size());
    for (Structure s : out) {
      Lattice l = s.lattice();
      Lattice e = expected.lattice();
      assertEquals(e.a(), l.a(), 1e-4 * e.a());
      assertEquals(e.c(), l.c(), 1e-4 * e.c());
      assertEquals(e.gamma(), l.gamma(), 1e-3);
      for (int k = 0; k < s.size(); k++) {
        assertEquals(expected.site(k).species(), s.site(k).species(), "site " + k);
        for (int d = 0; d < 3; d++) {
          double diff = s.site(k).frac()[d] - expected.site(k).frac()[d];
          assertEquals(0, diff - Math.rint(diff), 0.02, describe(s) + " vs " + describe(expected));
        }
      }
    }
  }

  /**
   * The exact denoiser of a single data point (lattice z0, classes, coordinates f0): ε of the
   * lattice, σ times the wrapped-normal score of the coordinates, and for the types logits
   * 30 · one-hot (cross entropy) or ε (ε loss).
   */
  static DiffusionSampler.Denoiser exactScore(DiffusionModel model, float[] z0, int[] classes,
      float[][] f0, boolean logits) {
    int n = model.maxSites();
    int a = model.types();
    org.invdes.core.model.DiffusionSchedule sch = model.schedule();
    DiffusionSampler.Denoiser exact = (types, coords, lattice, times, cond, known, mask) -> {
      int b = times.length;
      float[] el = new float[b * 6];
      float[] sc = new float[b * n * 3];
      float[] ea = new float[b * n * a];
      for (int i = 0; i < b; i++) {
        double ab = sch.alphaBar(times[i]);
        double sigma = sch.sigma(times[i]);
        for (int k = 0; k < 6; k++) {
          el[i * 6 + k] = (float) ((lattice[i * 6 + k] - Math.sqrt(ab) * z0[k])
              / Math.sqrt(1 - ab));
        }
        for (int s = 0; s < n; s++) {
          for (int d = 0; d < 3; d++) {
            int q = (i * n + s) * 3 + d;
            sc[q] = (float) (sigma * org.invdes.core.model.WrappedNormal.score(
                coords[q] - f0[s][d], sigma));
          }
          for (int c = 0; c < a; c++) {
            int q = (i * n + s) * a + c;
            int onehot = classes[s] == c + 1 ? 1 : 0;
            ea[q] = logits ? 30f * onehot
                : (float) ((types[q] - Math.sqrt(ab) * onehot) / Math.sqrt(1 - ab));
          }
        }
      }
      return new float[][] {el, sc, ea};
    };
    return exact;
  }

  /**
   * A known score that drives atom 1 onto atom 0's position: without the minimum-distance step
   * the samples end with the two atoms on one site; with it (λ = 1, κ = 0.8) no two atoms end
   * closer than about κ times their covalent radii, and the same seed gives the same samples.
   */
  @Test
  void theMinimumDistanceStepSeparatesTwoAtomsTheScoreDrivesOntoOneSite() {
    org.invdes.core.encoding.Encoded target = model.encoder().encode(data.get(0));
    float[][] f0 = target.fracCoords();
    float[][] collided = new float[f0.length][];
    for (int s = 0; s < f0.length; s++) {
      collided[s] = f0[s].clone();
    }
    collided[1] = f0[0].clone();
    DiffusionSampler.Denoiser onto = exactScore(model, target.lattice(),
        target.elementIndices(), collided, true);
    DiffusionSampler plain = DiffusionSampler.of(model, onto).withSteps(50)
        .withRepulsion(DiffusionSampler.Repulsion.NONE);
    for (Structure s : plain.sample(request(4, 21), ProgressMonitor.NONE).structures()) {
      assertTrue(s.shortestDistance() < 0.1, "without the step: " + describe(s));
    }
    DiffusionSampler apart = plain.withRepulsion(new DiffusionSampler.Repulsion(1, 0.2, 0.8));
    List<Structure> out = apart.sample(request(4, 21), ProgressMonitor.NONE).structures();
    assertEquals(4, out.size());
    for (Structure s : out) {
      double worst = Double.POSITIVE_INFINITY;
      for (int i = 0; i < s.size(); i++) {
        for (int j = i + 1; j < s.size(); j++) {
          double r = radius(s, i) + radius(s, j);
          worst = Math.min(worst, s.distance(i, j) / r);
        }
      }
      assertTrue(worst > 0.7, "closest pair at " + worst + " of the radius sum: " + describe(s));
    }
    List<Structure> again = apart.sample(request(4, 21), ProgressMonitor.NONE).structures();
    for (int i = 0; i < out.size(); i++) {
      assertEquals(describe(out.get(i)), describe(again.get(i)));
    }
  }

  /**
   * Type logits that give every atom the element of channel 0 with probability 0.6 and of
   * channel 1 with 0.4 at every time: greedy types from T on give only the first element, draws
   * give both (40 draws miss the second with probability 0.6⁴⁰).
   */
  @Test
  void greedyTypesTakeTheMostProbableElementAndDrawsMixThem() {
    org.invdes.core.encoding.Encoded target = model.encoder().encode(data.get(0));
    DiffusionSampler.Denoiser exact = exactScore(model, target.lattice(),
        target.elementIndices(), target.fracCoords(), true);
    int a = model.types();
    DiffusionSampler.Denoiser twoTypes = (types, coords, lattice, times, cond, known, mask) -> {
      float[][] o = exact.denoise(types, coords, lattice, times, cond, known, mask);
      for (int q = 0; q < o[2].length; q++) {
        int c = q % a;
        o[2][q] = c == 0 ? (float) Math.log(0.6) : c == 1 ? (float) Math.log(0.4) : -1e4f;
      }
      return o;
    };
    org.invdes.core.structure.Element first = model.encoder().config().vocabulary().get(0);
    org.invdes.core.structure.Element second = model.encoder().config().vocabulary().get(1);
    DiffusionSampler greedy = DiffusionSampler.of(model, twoTypes).withSteps(10)
        .withGreedyTypes(1);
    DiffusionSampler drawn = greedy.withGreedyTypes(0);
    int[] greedyCounts = new int[2];
    int[] drawnCounts = new int[2];
    for (Structure s : greedy.sample(request(8, 5), ProgressMonitor.NONE).structures()) {
      count(s, first, second, greedyCounts);
    }
    for (Structure s : drawn.sample(request(8, 5), ProgressMonitor.NONE).structures()) {
      count(s, first, second, drawnCounts);
    }
    assertEquals(0, greedyCounts[1], Arrays.toString(greedyCounts));
    assertTrue(greedyCounts[0] >= 16, Arrays.toString(greedyCounts));
    assertTrue(drawnCounts[0] > 0 && drawnCounts[1] > 0, Arrays.toString(drawnCounts));
    assertEquals(1, DiffusionSampler.argmax(new double[] {0.2, 0.5, 0.3}));
    assertEquals(0, DiffusionSampler.argmax(new double[] {0.5, 0.5, 0}));
  }

  private static void count(Structure s, org.invdes.core.structure.Element first,
      org.invdes.core.structure.Element second, int[] counts) {
    for (Site site : s.sites()) {
      org.invdes.core.structure.Element e = site.species().keySet().iterator().next();
      counts[0] += e.equals(first) ? 1 : 0;
      counts[1] += e.equals(second) ? 1 : 0;
    }
  }

  private static double radius(Structure s, int site) {
    return s.site(site).species().keySet().iterator().next().covalentRadius();
  }

  @Test
  void samplerSettingsAreCheckedAndKept() {
    DiffusionSampler s = DiffusionSampler.of(model).withCorrectorStep(2e-6)
        .withRepulsion(new DiffusionSampler.Repulsion(0.5, 0.3, 0.7));
    assertEquals(2e-6, s.correctorStep());
    assertEquals(new DiffusionSampler.Repulsion(0.5, 0.3, 0.7), s.repulsion());
    assertEquals(s.repulsion(), s.withSteps(3).withGuidance(2).repulsion());
    assertEquals(model.manifest().hyperParameters().correctorStep(),
        DiffusionSampler.of(model).correctorStep());
    assertThrows(IllegalArgumentException.class, () -> s.withCorrectorStep(-1));
    assertThrows(IllegalArgumentException.class,
        () -> new DiffusionSampler.Repulsion(1.5, 0.3, 0.7));
    assertThrows(IllegalArgumentException.class,
        () -> new DiffusionSampler.Repulsion(0.5, 0, 0.7));
    assertThrows(IllegalArgumentException.class,
        () -> new DiffusionSampler.Repulsion(0.5, 0.3, 0));
  }

  @Test
  void theTypeEstimateIsASoftmaxOverTheAllowedTypesOnly() {
    boolean[] allowed = {true, false, true, true};
    float[] logits = {1, 100, (float) Math.log(3), 0};
    double[] x0 = DiffusionSampler.typeEstimate(new float[4], logits, 0, 4, 0.5, allowed, true);
    double z = Math.E + 3 + 1;
    assertArrayEquals(new double[] {Math.E / z, 0, 3 / z, 1 / z}, x0, 1e-7);
    // the ε estimate: (a − √(1 − ᾱ) ε̂)/√ᾱ clipped to [0, 1], 0 where not allowed
    double r = Math.sqrt(0.5);
    float[] a = {(float) r, 0, 2, (float) (0.5 * r)};
    float[] eps = {0, 0, 0, 0.25f};
    x0 = DiffusionSampler.typeEstimate(a, eps, 0, 4, 0.5, allowed, false);
    assertArrayEquals(new double[] {1, 0, 1, 0.25}, x0, 1e-6);
  }

  @Test
  void drawPicksTheIndexWhoseCumulativeIntervalHoldsU() {
    double[] p = {0.25, 0, 0.5, 0.25, 0};
    assertEquals(0, DiffusionSampler.draw(p, 0));
    assertEquals(0, DiffusionSampler.draw(p, 0.2499));
    assertEquals(2, DiffusionSampler.draw(p, 0.25));
    assertEquals(2, DiffusionSampler.draw(p, 0.7499));
    assertEquals(3, DiffusionSampler.draw(p, 0.75));
    // u at or above a total rounded below 1: the last allowed index, never a 0-probability one
    assertEquals(3, DiffusionSampler.draw(p, 1.0));
  }

  @Test
  void sampledTypesStayWithinTheAllowedElements() {
    List<Element> allowed = List.of(Element.of("Ba"), Element.of("O"), Element.of("Ti"));
    SampleResult r = DiffusionSampler.of(model).sample(SamplingRequest.builder().setCount(12)
        .optSeed(8).optElements(ElementConstraint.allowed(allowed)).build(),
        ProgressMonitor.NONE);
    assertEquals(12, r.structures().size(), r.warnings().toString());
    for (Structure s : r.structures()) {
      assertTrue(allowed.containsAll(s.composition().elements()), describe(s));
    }
  }

  @Test
  void badRequestsAreRefusedWithReasons() {
    DiffusionSampler s = DiffusionSampler.of(model);
    assertThrows(IllegalArgumentException.class, () -> s.withSteps(51));
    assertThrows(IllegalArgumentException.class, () -> s.withGuidance(-1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.sample(
        SamplingRequest.builder().setCount(1).optTarget("gap", 1).build(),
        ProgressMonitor.NONE));
    assertTrue(e.getMessage().contains("gap"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.sample(
        SamplingRequest.builder().setCount(1).optTemperature(2).build(), ProgressMonitor.NONE));
    assertTrue(e.getMessage().contains("temperature"), e.getMessage());
  }

  @Test
  void cancellingStopsSamplingAndTraining() {
    ProgressMonitor cancelled = ProgressMonitor.cancelling(() -> true);
    assertThrows(CancelledException.class,
        () -> DiffusionSampler.of(model).sample(request(2, 1), cancelled));
    Path out = tmp.resolve("cancelled");
    assertThrows(CancelledException.class, () -> DiffusionTrainer.trainAndSave(data,
        List.of("y"), tiny(), out, cancelled, w -> { }, e -> { }));
    assertFalse(Files.exists(out));
  }

  @Test
  void trainingTwiceWithOneSeedGivesIdenticalWeights() throws IOException {
    Path again = tmp.resolve("again");
    DiffusionTrainer.trainAndSave(data, List.of("y"), tiny(), again, ProgressMonitor.NONE,
        w -> { }, e -> { });
    String weights = DiffusionModel.WEIGHTS_PREFIX + "-0000.params";
    assertArrayEquals(Files.readAllBytes(dir.resolve(weights)),
        Files.readAllBytes(again.resolve(weights)));
  }

  @Test
  void aModelOfTheEarlierFormatIsRefusedWithAdvice() throws IOException {
    Path old = tmp.resolve("format2");
    Files.createDirectories(old);
    String weights = DiffusionModel.WEIGHTS_PREFIX + "-0000.params";
    Files.copy(dir.resolve(weights), old.resolve(weights));
    String json = Files.readString(dir.resolve(ModelManifest.FILE_NAME));
    String version = "\"formatVersion\" : " + DiffusionManifest.FORMAT_VERSION;
    assertTrue(json.contains(version), json);
    Files.writeString(old.resolve(ModelManifest.FILE_NAME), json.replace(version,
        "\"formatVersion\" : 2"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionModel.load(old));
    assertTrue(e.getMessage().contains("diffusion model format version 2")
        && e.getMessage().contains("retrain"), e.getMessage());
  }

  @Test
  void aVaeDirectoryIsNotADiffusionModelAndViceVersa() throws IOException {
    Path vae = tmp.resolve("vae");
    CvaeTrainer.trainAndSave(TinyPerovskites.generate(12, 1), List.of("y"),
        TinyPerovskites.tinyConfig().toBuilder().optMaxEpochs(1).build(), vae,
        ProgressMonitor.NONE, TrainingListener.NONE);
    assertEquals(ModelManifest.MODEL_TYPE, DiffusionManifest.modelType(vae));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionModel.load(vae));
    assertTrue(e.getMessage().contains("'cvae'") && e.getMessage().contains("diffusion"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CvaeModel.load(dir));
    assertTrue(e.getMessage().contains("'diffusion'"), e.getMessage());
  }
}
