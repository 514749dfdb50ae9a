package org.invdes.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadOptions;
import org.invdes.core.io.ReadResult;
import org.invdes.core.io.Structures;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.DiffusionManifest;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.sampling.DiffusionSampler;
import org.invdes.core.sampling.ElementConstraint;
import org.invdes.core.sampling.OptimizationRequest;
import org.invdes.core.surrogate.SurrogateModel;
import org.invdes.core.sampling.PropertyObjective;
import org.invdes.core.sampling.SampleResult;
import org.invdes.core.sampling.Sampler;
import org.invdes.core.sampling.SamplingRequest;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code invdes sample}: generates structures with a trained model into a dataset CSV. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Generate structures with a model from 'invdes train': unconditionally, at"
        + " target property values (--target), or by latent optimisation (--optimize) from"
        + " seed structures (--seeds, default: unconditional samples). OUT.csv has the columns"
        + " id, cif (a complete CIF per row) and one column per property as the model's"
        + " property head predicts it. Progress and warnings go to stderr, a JSON summary to"
        + " stdout. The model type (conditional VAE or diffusion generator) is read from its"
        + " manifest; a diffusion model samples with --steps predictor-corrector steps and"
        + " guides --target with strength --guidance (no --tolerance or --temperature); its"
        + " --optimize is energy guidance by a --surrogate from 'invdes train-surrogate':"
        + " every seed is noised to --start-time of the diffusion and denoised --attempts times"
        + " along the surrogate's gradient (strength --energy-guidance), and the valid result"
        + " the surrogate rates best is kept with its prediction and a 'start' column.",
    footer = {"", "Examples:",
        "  invdes sample --model perov-model --n 10000 --seed 1 --out samples.csv",
        "  invdes sample --model perov-model --n 500 --target heat_ref=0.6 \\",
        "      --elements Sr,Ti,O --out targeted.csv",
        "  invdes sample --model perov-model --n 100 --optimize heat_ref:min \\",
        "      --out low.csv",
        "  invdes sample --model perov-model --n 5000 --seed 1 --first-index 5000 \\",
        "      --out shard-2.csv   (the second half of the --n 10000 --seed 1 run)",
        "  invdes sample --model perov-diffusion --optimize heat_ref:min \\",
        "      --seeds start.csv --surrogate perov-surrogate --out optimized.csv",
        "  invdes sample --model perov-diffusion --n 1000 --steps 100 --seed 1 \\",
        "      --target heat_ref=0.6 --guidance 1.5 --out diffused.csv"})
public final class SampleCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "Model directory written by 'invdes train'.")
  Path model;

  @Option(names = "--n", paramLabel = "N",
      description = "Structures to generate (default ${DEFAULT-VALUE}).")
  int n = 1000;

  @Option(names = "--target", paramLabel = "NAME=VALUE",
      description = "Target property value (repeatable); conditions the sampling.")
  Map<String, Double> targets = new LinkedHashMap<>();

  @Option(names = "--tolerance", paramLabel = "TOL",
      description = "Keep only samples whose predicted targets are within TOL of them.")
  Double tolerance;

  @Option(names = "--optimize", paramLabel = "NAME:min|max|VALUE",
      description = "Latent optimisation toward lower, higher or a target value.")
  String optimize;

  @Option(names = "--seeds", paramLabel = "FILE",
      description = "Start structures for --optimize (any structure file or dataset CSV).")
  Path seeds;

  @Option(names = "--steps", description = "VAE: optimisation steps (default "
      + DEFAULT_OPTIMIZATION_STEPS + "); diffusion: predictor-corrector steps (default: the"
      + " model's, set at training).")
  Integer steps;

  @Option(names = "--guidance", paramLabel = "W", description = "Diffusion only:"
      + " classifier-free guidance strength for --target, 0 = none (default: the model's).")
  Double guidance;

  static final int DEFAULT_OPTIMIZATION_STEPS = 200;

  @Option(names = "--corrector-step", paramLabel = "EPS", description = "Diffusion only:"
      + " Langevin corrector step size on the coordinates, 0 = predictor only (default: the"
      + " model's, set at training).")
  Double correctorStep;

  @Option(names = "--draw-conditions", description = "Diffusion only, without --optimize: draw"
      + " each sample's condition from the model's training rows and guide toward it, instead of"
      + " the denoiser's unconditional mode, which condition dropout trains on few rows; with"
      + " --target the targets replace the drawn values of their properties (needs a model"
      + " trained with invdes 0.3.0 or later).")
  boolean drawConditions;

  @Option(names = "--greedy-types", paramLabel = "F", description = "Diffusion only: at"
      + " diffusion times <= F * T each atom's type estimate is its most probable element"
      + " instead of a draw, 0 = always drawn (default ${DEFAULT-VALUE}).")
  double greedyTypes = DiffusionSampler.DEFAULT_GREEDY_TYPES;

  @Option(names = "--repulsion", paramLabel = "LAMBDA", description = "Diffusion only:"
      + " strength in [0, 1] of the minimum-distance step that moves overlapping atoms apart"
      + " (by LAMBDA/2 of the overlap each) late in the reverse diffusion, 0 = off (default "
      + "${DEFAULT-VALUE}).")
  double repulsion = DiffusionSampler.Repulsion.DEFAULT.strength();

  @Option(names = "--repulsion-start", paramLabel = "F", description = "Diffusion only: the"
      + " minimum-distance step acts at diffusion times <= F * T (default ${DEFAULT-VALUE}).")
  double repulsionStart = DiffusionSampler.Repulsion.DEFAULT.startFraction();

  @Option(names = "--repulsion-radius", paramLabel = "KAPPA", description = "Diffusion only:"
      + " atoms closer than KAPPA times the sum of their covalent radii count as overlapping"
      + " (default ${DEFAULT-VALUE}).")
  double repulsionRadius = DiffusionSampler.Repulsion.DEFAULT.radiusScale();

  @Option(names = "--surrogate", paramLabel = "MODEL", description = "Diffusion --optimize:"
      + " the surrogate (from 'invdes train-surrogate') that guides and judges (energy"
      + " guidance); required there.")
  Path surrogate;

  @Option(names = "--energy-guidance", paramLabel = "W", description = "Diffusion --optimize:"
      + " strength of the surrogate-gradient step (default ${DEFAULT-VALUE}).")
  double energyGuidance = 3.0;

  @Option(names = "--attempts", paramLabel = "K", description = "Diffusion --optimize: reverse"
      + " runs per start structure; the best valid one is kept (default ${DEFAULT-VALUE}).")
  int attempts = 8;

  @Option(names = "--start-time", paramLabel = "F", description = "Diffusion --optimize: the"
      + " starts are noised to this fraction of the diffusion times (default ${DEFAULT-VALUE}).")
  double startTime = 0.8;

  @Option(names = "--elements", split = ",", paramLabel = "EL1,EL2",
      description = "Only these elements may appear.")
  List<String> elements;

  @Option(names = "--chemical-system",
      description = "With --elements: every sample holds exactly these elements.")
  boolean chemicalSystem;

  @Option(names = "--temperature",
      description = "Factor on the latent standard deviation (default ${DEFAULT-VALUE}).")
  double temperature = 1.0;

  @Option(names = "--mean-lattice",
      description = "VAE: take the decoder's mean cell instead of drawing the cell from the"
          + " lattice covariance fitted in training (the default draws, which keeps the spread"
          + " of cell volumes of the data).")
  boolean meanLattice;

  @Option(names = "--seed", description = "Seed of the latent draws (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--valid-only",
      description = "Reject structurally invalid samples (an interatomic distance below 0.5 Å"
          + " or a cell below 0.1 Å³) and draw again for their index; the summary's"
          + " 'rejected' counts them. Default: the model's raw samples.")
  boolean validOnly;

  @Option(names = "--first-index", paramLabel = "K",
      description = "Global index of the first sample (default ${DEFAULT-VALUE}): ids are"
          + " sample-K .. sample-(K+N-1), and sample i depends only on --seed and i, so runs"
          + " with the same --seed over disjoint index ranges are shards of one run.")
  long firstIndex;

  @Option(names = "--threads",
      description = "Decoding threads (default: available processors, ${DEFAULT-VALUE}).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--out", required = true, paramLabel = "OUT.csv",
      description = "Output dataset CSV (.csv or .csv.gz), written atomically.")
  Path out;

  @Option(names = "--quiet", description = "No progress on stderr.")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (optimize != null && !targets.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--target and --optimize cannot be combined");
    }
    if (drawConditions && optimize != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--draw-conditions applies"
          + " to samples without --optimize: optimised samples have their condition");
    }
    if (seeds != null && optimize == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--seeds needs --optimize");
    }
    if (firstIndex != 0 && seeds != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--first-index numbers"
          + " generated samples; with --seeds the results are named after the seeds, so shard"
          + " the seed file instead");
    }
    if (chemicalSystem && elements == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--chemical-system needs --elements");
    }
    ElementConstraint constraint = ElementConstraint.none();
    if (elements != null) {
      List<Element> list = new ArrayList<>();
      for (String symbol : elements) {
        try {
          list.add(Element.of(symbol.trim()));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--elements: '" + symbol + "' is not an element symbol");
        }
      }
      constraint = chemicalSystem ? ElementConstraint.chemicalSystem(list)
          : ElementConstraint.allowed(list);
    }
    PropertyObjective objective = null;
    SamplingRequest request;
    try {
      if (optimize != null) {
        objective = PropertyObjective.parse(optimize);
      }
      SamplingRequest.Builder b = SamplingRequest.builder().setCount(n).optSeed(seed)
          .optFirstIndex(firstIndex).optValidOnly(validOnly).optTemperature(temperature)
          .optSampleLattice(!meanLattice).optThreads(threads)
          .optElements(objective == null ? constraint : ElementConstraint.none());
      targets.forEach(b::optTarget);
      if (tolerance != null) {
        b.optTolerance(tolerance);
      }
      request = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!Files.isDirectory(model)) {
      err.println("invdes: no model directory " + model);
      return 1;
    }
    if (DiffusionManifest.MODEL_TYPE.equals(DiffusionManifest.modelType(model))) {
      return sampleDiffusion(request, err);
    }
    if (guidance != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--guidance applies to"
          + " diffusion models only; " + model + " is a conditional VAE");
    }
    for (String diffusionOnly : List.of("--surrogate", "--energy-guidance", "--attempts",
        "--start-time", "--corrector-step", "--repulsion", "--repulsion-start",
        "--repulsion-radius", "--greedy-types", "--draw-conditions")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(diffusionOnly)) {
        throw new CommandLine.ParameterException(spec.commandLine(), diffusionOnly
            + " applies to diffusion models only; " + model + " is a conditional VAE");
      }
    }
    try (CvaeModel m = CvaeModel.load(model)) {
      List<String> names = m.manifest().propertyNames();
      for (String t : targets.keySet()) {
        if (!names.contains(t)) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--target " + t
              + ": the model was trained on " + names);
        }
      }
      if (objective != null && !names.contains(objective.property())) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--optimize "
            + objective.property() + ": the model was trained on " + names);
      }
      Sampler sampler = Sampler.of(m);
      SampleResult result;
      try (ConsoleProgress progress = new ConsoleProgress(objective == null ? "sample"
          : "optimize")) {
        org.invdes.core.progress.ProgressMonitor monitor =
            quiet ? org.invdes.core.progress.ProgressMonitor.NONE : progress;
        if (objective == null) {
          result = sampler.sample(request, monitor);
        } else {
          List<Structure> start = seeds == null ? sampler.sample(request, monitor).structures()
              : readSeeds(seeds, err);
          result = sampler.optimize(OptimizationRequest.builder().setSeeds(start)
              .setObjective(objective)
              .optSteps(steps == null ? DEFAULT_OPTIMIZATION_STEPS : steps)
              .optElements(constraint)
              .optThreads(threads).build(), monitor);
        }
      }
      return report(result, err);
    }
  }

  private int report(SampleResult result, PrintWriter err) throws Exception {
    for (String w : result.warnings()) {
      err.println("invdes: warning: " + w);
    }
    DatasetCsv.write(out, result.structures());
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode o = json.createObjectNode();
    o.put("out", out.toString());
    o.put("structures", result.structures().size());
    o.put("drawn", result.drawn());
    o.put("rejected", result.rejected());
    ArrayNode w = o.putArray("warnings");
    result.warnings().forEach(w::add);
    spec.commandLine().getOut().println(json.writeValueAsString(o));
    return 0;
  }

  private int sampleDiffusion(SamplingRequest request, PrintWriter err) throws Exception {
    for (String vaeOnly : List.of("--tolerance", "--temperature", "--valid-only",
        "--mean-lattice")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(vaeOnly)) {
        throw new CommandLine.ParameterException(spec.commandLine(), vaeOnly
            + " applies to a conditional VAE; " + model + " is a diffusion model (use --target"
            + " with --guidance, and --steps)");
      }
    }
    try (DiffusionModel m = DiffusionModel.load(model)) {
      List<String> names = m.manifest().propertyNames();
      for (String t : targets.keySet()) {
        if (!names.contains(t)) {
          throw new CommandLine.ParameterException(spec.commandLine(), "--target " + t
              + ": the model was trained on " + names);
        }
      }
      DiffusionSampler sampler = DiffusionSampler.of(m);
      try {
        if (steps != null) {
          sampler = sampler.withSteps(steps);
        }
        if (guidance != null) {
          sampler = sampler.withGuidance(guidance);
        }
        if (correctorStep != null) {
          sampler = sampler.withCorrectorStep(correctorStep);
        }
        sampler = sampler.withRepulsion(new DiffusionSampler.Repulsion(repulsion, repulsionStart,
            repulsionRadius)).withGreedyTypes(greedyTypes).withDrawnConditions(drawConditions);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      if (optimize != null) {
        return optimizeDiffusion(sampler, err);
      }
      for (String optimizeOnly : List.of("--surrogate", "--energy-guidance", "--attempts",
          "--start-time")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(optimizeOnly)) {
          throw new CommandLine.ParameterException(spec.commandLine(), optimizeOnly
              + " applies to --optimize");
        }
      }
      SampleResult result;
      try (ConsoleProgress progress = new ConsoleProgress("sample")) {
        result = sampler.sample(request, quiet
            ? org.invdes.core.progress.ProgressMonitor.NONE : progress);
      }
      return report(result, err);
    }
  }

  /** Energy-guided optimisation from --seeds (or from --n unconditional samples). */
  private int optimizeDiffusion(DiffusionSampler sampler, PrintWriter err) throws Exception {
    if (surrogate == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--optimize with a diffusion"
          + " model needs --surrogate MODEL (from 'invdes train-surrogate') to guide and judge");
    }
    if (!Files.isDirectory(surrogate)) {
      err.println("invdes: no surrogate directory " + surrogate);
      return 1;
    }
    PropertyObjective objective = PropertyObjective.parse(optimize);
    try (SurrogateModel s = SurrogateModel.load(surrogate)) {
      DiffusionSampler.EnergyGuidance g;
      try {
        g = new DiffusionSampler.EnergyGuidance(s, objective, energyGuidance, startTime,
            attempts);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      SampleResult result;
      try (ConsoleProgress progress = new ConsoleProgress("optimize")) {
        org.invdes.core.progress.ProgressMonitor monitor =
            quiet ? org.invdes.core.progress.ProgressMonitor.NONE : progress;
        List<Structure> start = seeds != null ? readSeeds(seeds, err)
            : sampler.sample(SamplingRequest.builder().setCount(n).optSeed(seed).build(),
                monitor).structures();
        result = sampler.optimize(start, g, seed, monitor);
      }
      return report(result, err);
    }
  }

  private static List<Structure> readSeeds(Path file, PrintWriter err) throws Exception {
    List<ReadResult> rows = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
        .matches(".*\\.csv(\\.gz)?") ? DatasetCsv.read(file, ReadOptions.relaxed())
            : Structures.read(file, ReadOptions.relaxed());
    List<Structure> out = new ArrayList<>();
    int bad = 0;
    for (ReadResult r : rows) {
      if (r.ok()) {
        out.add(r.structure());
      } else {
        bad++;
      }
    }
    if (bad > 0) {
      err.println("invdes: warning: " + bad + " seed rows of " + file
          + " could not be read and are skipped");
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no readable seed structure in " + file);
    }
    return out;
  }
}
