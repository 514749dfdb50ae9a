package org.invdes.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.PropertyRange;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** Sampling, constraints, warnings and optimisation on the tiny made-up model. */
class SamplerTest {

  private static SampleResult sample(CvaeModel model, SamplingRequest request) {
    return Sampler.of(model).sample(request, ProgressMonitor.NONE);
  }

  @Test
  void sameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
    CvaeModel model = TinyModel.get();
    SamplingRequest r = SamplingRequest.builder().setCount(30).optSeed(5).build();
    List<Structure> a = sample(model, r).structures();
    List<Structure> b = sample(model, r).structures();
    List<Structure> c = sample(model, SamplingRequest.builder().setCount(30).optSeed(6).build())
        .structures();
    assertEquals(30, a.size());
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertEquals("sample-0", a.get(0).stringProperty("id").orElseThrow());
    assertTrue(a.get(0).doubleProperty("y").isPresent(), a.get(0).properties().toString());
  }

  @Test
  void meanLatticeChangesOnlyTheCell() {
    CvaeModel model = TinyModel.get();
    assertTrue(!model.manifest().latticeNoise().isZero());
    List<Structure> drawn = sample(model, SamplingRequest.builder().setCount(20).optSeed(9)
        .build()).structures();
    List<Structure> mean = sample(model, SamplingRequest.builder().setCount(20).optSeed(9)
        .optSampleLattice(false).build()).structures();
    int differentCells = 0;
    for (int i = 0; i < drawn.size(); i++) {
      Structure a = drawn.get(i);
      Structure b = mean.get(i);
      assertEquals(a.sites().size(), b.sites().size());
      for (int k = 0; k < a.sites().size(); k++) {
        assertEquals(a.sites().get(k).species(), b.sites().get(k).species());
        for (int j = 0; j < 3; j++) {
          assertEquals(a.sites().get(k).frac()[j], b.sites().get(k).frac()[j], 1e-12);
        }
      }
      if (!a.lattice().equals(b.lattice())) {
        differentCells++;
      }
    }
    assertEquals(20, differentCells);
  }

  /** The samples of [0, 40) in one run, and in two shards [0, 20) and [20, 40). */
  private static void assertShardsConcatenate(SamplingRequest.Builder whole,
      SamplingRequest.Builder first, SamplingRequest.Builder second) {
    CvaeModel model = TinyModel.get();
    SampleResult all = sample(model, whole.setCount(40).build());
    SampleResult a = sample(model, first.setCount(20).optFirstIndex(0).build());
    SampleResult b = sample(model, second.setCount(20).optFirstIndex(20).build());
    List<Structure> joined = new ArrayList<>(a.structures());
    joined.addAll(b.structures());
    assertEquals(all.structures(), joined);
    assertEquals(all.drawn(), a.drawn() + b.drawn());
    assertEquals(all.rejected(), a.rejected() + b.rejected());
    Set<String> ids = new TreeSet<>();
    for (Structure s : joined) {
      ids.add(s.stringProperty("id").orElseThrow());
    }
    assertEquals(joined.size(), ids.size(), "ids clash: " + ids);
  }

  @Test
  void shardsOfOneSeedConcatenateToTheWholeRun() {
    assertShardsConcatenate(SamplingRequest.builder().optSeed(17),
        SamplingRequest.builder().optSeed(17), SamplingRequest.builder().optSeed(17));
    List<Structure> all = sample(TinyModel.get(), SamplingRequest.builder().setCount(40)
        .optSeed(17).build()).structures();
    assertEquals("sample-0", all.get(0).stringProperty("id").orElseThrow());
    assertEquals("sample-39", all.get(39).stringProperty("id").orElseThrow());
  }

  @Test
  void shardsConcatenateWithTargetsToleranceAndAChemicalSystem() {
    Set<Element> system = Set.of(Element.of("Ba"), Element.of("Zr"), Element.of("O"));
    java.util.function.Supplier<SamplingRequest.Builder> b = () -> SamplingRequest.builder()
        .optSeed(23).optTarget("y", 0.0).optTolerance(0.3)
        .optElements(ElementConstraint.chemicalSystem(system)).optBatchSize(16);
    assertShardsConcatenate(b.get(), b.get(), b.get());
    SampleResult r = sample(TinyModel.get(), b.get().setCount(40).build());
    assertTrue(r.rejected() > 0, "the constraints reject nothing, so the test shows little: "
        + r);
  }

  @Test
  void shardsConcatenateWithAllowedElementsAndModeElements() {
    java.util.function.Supplier<SamplingRequest.Builder> b = () -> SamplingRequest.builder()
        .optSeed(31).optSampleElements(false).optTemperature(1.5)
        .optElements(ElementConstraint.allowed(List.of(Element.of("Sr"), Element.of("Ti"),
            Element.of("O"), Element.of("Ba"))));
    assertShardsConcatenate(b.get(), b.get(), b.get());
  }

  @Test
  void validOnlyRejectsInvalidDecodesAndKeepsTheValidOnes() {
    // a hot temperature makes the tiny model decode some impossible structures
    SamplingRequest.Builder hot = SamplingRequest.builder().setCount(200).optSeed(12)
        .optTemperature(6);
    List<Structure> raw = sample(TinyModel.get(), hot.build()).structures();
    long invalid = raw.stream().filter(s -> !org.invdes.core.stability.Validity
        .structureValid(s)).count();
    assertTrue(invalid > 0, "no invalid raw sample, so the test shows nothing");
    SampleResult valid = sample(TinyModel.get(), hot.optValidOnly(true).build());
    assertEquals(200, valid.structures().size(), valid.warnings().toString());
    assertTrue(valid.rejected() >= invalid, valid.rejected() + " rejected, " + invalid
        + " invalid raw samples");
    for (int i = 0; i < raw.size(); i++) {
      Structure s = valid.structures().get(i);
      assertTrue(org.invdes.core.stability.Validity.structureValid(s), s.toString());
      if (org.invdes.core.stability.Validity.structureValid(raw.get(i))) {
        assertEquals(raw.get(i), s, "a valid first draw is kept as it is");
      }
    }
  }

  @Test
  void requestBuildersNameTheSettingAndItsRange() {
    assertEquals("threads is 0; must be in 1..1024", assertThrows(IllegalArgumentException.class,
        () -> SamplingRequest.builder().optThreads(0)).getMessage());
    assertEquals("threads is 2000; must be in 1..1024", assertThrows(
        IllegalArgumentException.class, () -> OptimizationRequest.builder().optThreads(2000))
        .getMessage());
    assertEquals("sample count is 0; must be in 1..10^8", assertThrows(
        IllegalArgumentException.class, () -> SamplingRequest.builder().setCount(0))
        .getMessage());
    assertEquals("checkpoints is 20000; must be in 1..10^4", assertThrows(
        IllegalArgumentException.class, () -> OptimizationRequest.builder()
            .optCheckpoints(20_000)).getMessage());
    assertEquals("step size is 0.0; must be in (0, 10]", assertThrows(
        IllegalArgumentException.class, () -> OptimizationRequest.builder().optStepSize(0))
        .getMessage());
    assertEquals("temperature is 11.0; must be in (0, 10]", assertThrows(
        IllegalArgumentException.class, () -> SamplingRequest.builder().optTemperature(11))
        .getMessage());
    SamplingRequest r = SamplingRequest.builder().setCount(3).optThreads(2)
        .optElements(ElementConstraint.allowed(List.of(Element.of("O")))).optBatchSize(9)
        .build();
    assertEquals(2, r.threads());
    assertEquals(9, r.batchSize());
    assertEquals(ElementConstraint.allowed(List.of(Element.of("O"))), r.elements());
    OptimizationRequest o = OptimizationRequest.builder().setSeeds(TinyModel.DATA.subList(0, 1))
        .setObjective(PropertyObjective.minimize("y")).optThreads(3).build();
    assertEquals(3, o.threads());
    assertEquals(ElementConstraint.none(), o.elements());
  }

  @Test
  void aShardIsTheMatchingSliceOfTheWholeRun() {
    List<Structure> all = sample(TinyModel.get(), SamplingRequest.builder().setCount(40)
        .optSeed(8).build()).structures();
    List<Structure> middle = sample(TinyModel.get(), SamplingRequest.builder().setCount(7)
        .optSeed(8).optFirstIndex(13).build()).structures();
    assertEquals(all.subList(13, 20), middle);
  }

  @Test
  void latentOptimisationOfSeedsDoesNotDependOnTheOtherSeeds() {
    List<Structure> seeds = TinyModel.DATA.subList(0, 40);
    java.util.function.Function<List<Structure>, List<Structure>> run = s -> Sampler
        .of(TinyModel.get()).optimize(OptimizationRequest.builder().setSeeds(s)
            .setObjective(PropertyObjective.minimize("y")).optSteps(20).build(),
            ProgressMonitor.NONE).structures();
    List<Structure> joined = new ArrayList<>(run.apply(seeds.subList(0, 20)));
    joined.addAll(run.apply(seeds.subList(20, 40)));
    assertEquals(run.apply(seeds), joined);
  }

  @Test
  void decodingThreadsDoNotChangeTheSamples() {
    CvaeModel model = TinyModel.get();
    List<Structure> a = sample(model, SamplingRequest.builder().setCount(25).optSeed(9)
        .optBatchSize(7).optThreads(1).build()).structures();
    List<Structure> b = sample(model, SamplingRequest.builder().setCount(25).optSeed(9)
        .optBatchSize(7).optThreads(3).build()).structures();
    assertEquals(a, b);
  }

  @Test
  void saveThenLoadGivesTheSameSamples() throws IOException {
    SamplingRequest r = SamplingRequest.builder().setCount(20).optSeed(3).optTarget("y", 0.1)
        .build();
    List<Structure> before = sample(TinyModel.get(), r).structures();
    try (CvaeModel loaded = CvaeModel.load(TinyModel.saved())) {
      assertEquals(before, sample(loaded, r).structures());
    }
  }

  /** Every sample uses only allowed elements, whatever the subset and the seed. */
  @Property(tries = 12)
  void allowedElementsAreRespectedByEverySample(
      @ForAll @Size(min = 1, max = 4) @UniqueElements List<@IntRange(min = 0, max = 12) Integer>
          picks, @ForAll @IntRange(min = 0, max = 1000) int seed) {
    CvaeModel model = TinyModel.get();
    List<Element> vocab = model.manifest().vocabulary();
    Set<Element> allowed = new TreeSet<>();
    for (int i : picks) {
      allowed.add(vocab.get(i % vocab.size()));
    }
    SampleResult res = sample(model, SamplingRequest.builder().setCount(40).optSeed(seed)
        .optElements(ElementConstraint.allowed(allowed)).build());
    assertEquals(40, res.structures().size());
    for (Structure s : res.structures()) {
      assertTrue(allowed.containsAll(s.composition().elements()),
          s.composition() + " uses elements outside " + allowed);
    }
  }

  @Test
  void chemicalSystemSamplesHoldExactlyItsElements() {
    Set<Element> system = Set.of(Element.of("Ba"), Element.of("Zr"), Element.of("O"));
    SampleResult res = sample(TinyModel.get(), SamplingRequest.builder().setCount(20)
        .optSeed(4).optElements(ElementConstraint.chemicalSystem(system)).build());
    assertTrue(res.structures().size() == 20 || !res.warnings().isEmpty(), res.toString());
    assertTrue(res.structures().size() > 0, res.toString());
    for (Structure s : res.structures()) {
      assertEquals(new TreeSet<>(system), s.composition().elements());
    }
  }

  @Test
  void elementsTheModelNeverSawAreRefusedWithTheVocabulary() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sample(TinyModel.get(), SamplingRequest.builder().setCount(5)
            .optElements(ElementConstraint.chemicalSystem(List.of(Element.of("U"),
                Element.of("O")))).build()));
    assertTrue(e.getMessage().contains("[U]") && e.getMessage().contains("Ti"), e.getMessage());
  }

  @Test
  void targetOutsideTheTrainingRangeWarnsWithTheRange() {
    CvaeModel model = TinyModel.get();
    PropertyRange y = model.manifest().properties().get(0);
    SampleResult far = sample(model, SamplingRequest.builder().setCount(5).optTarget("y", 50)
        .build());
    assertEquals(1, far.warnings().size(), far.warnings().toString());
    String w = far.warnings().get(0);
    assertTrue(w.contains("target y = 50.0") && w.contains("[" + y.min() + ", " + y.max() + "]"),
        w);
    SampleResult near = sample(model, SamplingRequest.builder().setCount(5)
        .optTarget("y", (y.min() + y.max()) / 2).build());
    assertEquals(List.of(), near.warnings());
  }

  @Test
  void unknownTargetPropertyIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sample(TinyModel.get(), SamplingRequest.builder().setCount(5)
            .optTarget("band_gap", 1).build()));
    assertTrue(e.getMessage().contains("'band_gap'") && e.getMessage().contains("[y]"),
        e.getMessage());
  }

  @Test
  void toleranceKeepsOnlySamplesPredictedNearTheTarget() {
    SampleResult res = sample(TinyModel.get(), SamplingRequest.builder().setCount(10)
        .optSeed(2).optTarget("y", 0.0).optTolerance(0.2).build());
    assertTrue(res.drawn() >= res.structures().size());
    for (Structure s : res.structures()) {
      assertTrue(Math.abs(s.doubleProperty("y").orElseThrow()) <= 0.2, s.properties()
          .toString());
    }
    assertEquals(res.drawn(), res.structures().size() + res.rejected());
  }

  @Test
  void latentOptimisationLowersThePredictedProperty() {
    CvaeModel model = TinyModel.get();
    Sampler sampler = Sampler.of(model);
    List<Structure> seeds = TinyModel.DATA.subList(0, 8);
    SampleResult res = sampler.optimize(OptimizationRequest.builder().setSeeds(seeds)
        .setObjective(PropertyObjective.minimize("y")).optSteps(60).optStepSize(0.05)
        .optCheckpoints(6).build(), ProgressMonitor.NONE);
    assertEquals(8, res.structures().size() + res.rejected());
    double before = 0;
    for (double[] v : sampler.predict(seeds)) {
      before += v[0];
    }
    double after = 0;
    for (Structure s : res.structures()) {
      after += s.doubleProperty("y").orElseThrow();
      assertTrue(s.stringProperty("id").orElseThrow().endsWith("-opt"));
    }
    assertTrue(after / res.structures().size() < before / seeds.size(),
        "mean predicted y went from " + before / seeds.size() + " to "
            + after / res.structures().size());
  }

  @Test
  void objectivesParse() {
    assertEquals(PropertyObjective.minimize("heat_ref"), PropertyObjective.parse("heat_ref:min"));
    assertEquals(PropertyObjective.maximize("gap"), PropertyObjective.parse("gap:max"));
    assertEquals(PropertyObjective.target("heat_ref", -0.5),
        PropertyObjective.parse("heat_ref:-0.5"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PropertyObjective.parse("heat_ref:lowest"));
    assertTrue(e.getMessage().contains("'lowest'"), e.getMessage());
  }

  @Test
  void reconstructionKeepsOrderAndIds() {
    List<Structure> in = new ArrayList<>(TinyModel.DATA.subList(0, 6));
    List<Structure> out = Sampler.of(TinyModel.get()).reconstruct(in, true);
    assertEquals(6, out.size());
    for (int i = 0; i < 6; i++) {
      assertEquals(in.get(i).stringProperty("id"), out.get(i).stringProperty("id"));
    }
  }
}
