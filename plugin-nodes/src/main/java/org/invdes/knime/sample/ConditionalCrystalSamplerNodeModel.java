package org.invdes.knime.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.progress.CancelledException;
import org.invdes.core.progress.ProgressMonitor;
import org.invdes.core.sampling.DiffusionSampler;
import org.invdes.core.sampling.ElementConstraint;
import org.invdes.core.sampling.Generator;
import org.invdes.core.sampling.SampleResult;
import org.invdes.core.sampling.Sampler;
import org.invdes.core.sampling.SamplingRequest;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Structure;
import org.invdes.knime.DjlSupport;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.KnimeProgress;
import org.invdes.knime.RowFailures;
import org.invdes.knime.StructureCells;
import org.invdes.knime.port.GeneratorPortObject;
import org.invdes.knime.port.GeneratorPortObjectSpec;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The Conditional Crystal Sampler: a trained crystal generator (and optionally a table of target
 * sets) to generated structures with the properties the generator predicts for them.
 *
 * <p>Target sets: without the table, one set from the options (count, targets, elements). With
 * the table, one set per row: the columns named like a generator property give its targets (a
 * missing cell: no target for that property), a column {@value #COUNT} the number of structures
 * (else the option), a column {@value #ELEMENTS} the allowed elements and a column {@value
 * #CHEMICAL_SYSTEM} the exact elements (symbols separated by commas, spaces or dashes, e.g.
 * {@code Sr-Ti-O}); other columns are ignored.
 *
 * <p>Execution: (1) open the generator's model once: a conditional VAE samples with {@link
 * Sampler}, a diffusion generator with {@link DiffusionSampler} (its default steps, guidance
 * and corrector step unless the options set them; the options' minimum-distance step and
 * greedy types; with drawn conditions, each untargeted sample guided toward a condition drawn
 * from the generator's training rows, which targets exclude), as {@code invdes sample} picks
 * by the model type; (2) for target set i, sample (seed = the option's
 * seed + i; a VAE with the temperature and the tolerance), with progress and cancellation
 * through a share of the execution monitor; a set that cannot be sampled (bad count or
 * elements) gives no rows and is reported (options that do not apply to the generator's type
 * are ignored and named in the warning); (3) one row per structure:
 * {@value #ID} ({@code sample-1}, {@code sample-2}, … over all sets), {@value #FORMULA} (reduced
 * formula), {@value StructureCells#STRUCTURE_COLUMN} (CIF text), one column per generator
 * property (a VAE's prediction, in the property's unit; missing for a diffusion generator, which
 * has no property head) and {@value #TARGET_SET} (the 0-based row of the targets table, 0
 * without it). Failed sets and the sampler's warnings (targets outside the training range, an
 * exhausted draw budget) make one warning.
 *
 * <p>Flow variables: {@value #VAR_GENERATED} (rows written).
 */
public final class ConditionalCrystalSamplerNodeModel
    extends InvdesNodeModel<ConditionalCrystalSamplerSettings> {
  /** The targets table's count column. */
  public static final String COUNT = "count";
  /** The targets table's allowed-elements column. */
  public static final String ELEMENTS = "elements";
  /** The targets table's chemical-system column. */
  public static final String CHEMICAL_SYSTEM = "chemical_system";
  /** Output: the generated structure's id. */
  public static final String ID = "id";
  /** Output: the reduced formula. */
  public static final String FORMULA = "formula";
  /** Output: the index of the target set. */
  public static final String TARGET_SET = "target set";
  /** Flow variable: the number of structures generated. */
  public static final String VAR_GENERATED = "invdes_sampler_generated";

  ConditionalCrystalSamplerNodeModel() {
    super(new PortType[] {GeneratorPortObject.TYPE, BufferedDataTable.TYPE_OPTIONAL},
        new PortType[] {BufferedDataTable.TYPE}, new ConditionalCrystalSamplerSettings());
  }

  /** One target set: its origin (row key or "options"), count, targets and elements. */
  private record TargetSet(String origin, int count, Map<String, Double> targets,
      ElementConstraint elements) {}

  /** The target table's columns: per generator property, count, elements, chemical system. */
  private record TableColumns(Map<String, Integer> targets, int count, int elements,
      int chemicalSystem) {}

  @Override
  protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs)
      throws InvalidSettingsException {
    GeneratorPortObjectSpec g = (GeneratorPortObjectSpec) inSpecs[0];
    if (g == null) {
      return new PortObjectSpec[] {null};
    }
    check(g);
    if (g.isDiffusion()) {
      options().repulsion();
    }
    String ignored = ignoredOptions(g);
    if (ignored != null) {
      setWarningMessage(ignored);
    }
    // the targets (option or table columns) are checked now, not when the node executes
    DataTableSpec table = (DataTableSpec) inSpecs[1];
    if (table == null) {
      optionSet(g);
    } else {
      tableColumns(table, g);
    }
    return new PortObjectSpec[] {outputSpec(g)};
  }

  private static void check(GeneratorPortObjectSpec g) throws InvalidSettingsException {
    if (!GeneratorPortObjectSpec.CVAE.equals(g.generatorType()) && !g.isDiffusion()) {
      throw new InvalidSettingsException("The generator is of type '" + g.generatorType()
          + "', which this version of the sampler cannot run; update the invdes extension.");
    }
  }

  /**
   * The options set away from their neutral value that do not apply to the generator's type
   * (temperature, tolerance and the mean cell to a diffusion generator; the diffusion steps,
   * guidance, corrector step, minimum-distance step, greedy types and drawn conditions to a
   * CVAE): they are ignored, and named in a warning; null when there are none.
   */
  private String ignoredOptions(GeneratorPortObjectSpec g) {
    ConditionalCrystalSamplerSettings o = options();
    List<String> ignored = new ArrayList<>();
    if (g.isDiffusion()) {
      if (o.temperature.getDoubleValue() != 1) {
        ignored.add("'Temperature' (" + o.temperature.getDoubleValue() + ")");
      }
      if (o.tolerance.getDoubleValue() > 0) {
        ignored.add("'Tolerance on the targets' (" + o.tolerance.getDoubleValue() + ")");
      }
      if (o.meanLattice.getBooleanValue()) {
        ignored.add("'CVAE: mean cell (no lattice draw)'");
      }
    } else {
      if (o.diffusionSteps.getIntValue() != 0) {
        ignored.add("'Diffusion: sampling steps' (" + o.diffusionSteps.getIntValue() + ")");
      }
      if (o.diffusionGuidance.getDoubleValue()
          != ConditionalCrystalSamplerSettings.DEFAULT_GUIDANCE) {
        ignored.add("'Diffusion: guidance strength' (" + o.diffusionGuidance.getDoubleValue()
            + ")");
      }
      if (o.diffusionCorrectorStep.getDoubleValue()
          != ConditionalCrystalSamplerSettings.DEFAULT_CORRECTOR_STEP) {
        ignored.add("'Diffusion: corrector step' (" + o.diffusionCorrectorStep.getDoubleValue()
            + ")");
      }
      DiffusionSampler.Repulsion r = DiffusionSampler.Repulsion.DEFAULT;
      if (o.diffusionMinDistance.getDoubleValue() != r.strength()) {
        ignored.add("'Diffusion: minimum-distance step' ("
            + o.diffusionMinDistance.getDoubleValue() + ")");
      }
      if (o.diffusionMinDistanceStart.getDoubleValue() != r.startFraction()) {
        ignored.add("'Diffusion: minimum-distance start' ("
            + o.diffusionMinDistanceStart.getDoubleValue() + ")");
      }
      if (o.diffusionOverlapRadius.getDoubleValue() != r.radiusScale()) {
        ignored.add("'Diffusion: overlap radius' (" + o.diffusionOverlapRadius.getDoubleValue()
            + ")");
      }
      if (o.diffusionGreedyTypes.getDoubleValue() != DiffusionSampler.DEFAULT_GREEDY_TYPES) {
        ignored.add("'Diffusion: greedy types from' (" + o.diffusionGreedyTypes.getDoubleValue()
            + ")");
      }
      if (o.diffusionDrawConditions.getBooleanValue()) {
        ignored.add("'" + ConditionalCrystalSamplerSettings.DRAW_CONDITIONS + "'");
      }
    }
    if (ignored.isEmpty()) {
      return null;
    }
    return String.join(" and ", ignored) + (ignored.size() > 1 ? " do" : " does") + " not apply"
        + " to a " + (g.isDiffusion() ? "diffusion generator (it has no temperature and no"
        + " property head)" : "conditional VAE") + " and " + (ignored.size() > 1 ? "are" : "is")
        + " ignored; reset " + (ignored.size() > 1 ? "them" : "it") + " to silence this";
  }

  /** The output columns for the generator's properties. */
  static DataTableSpec outputSpec(GeneratorPortObjectSpec g) {
    List<String> names = new ArrayList<>(List.of(ID, FORMULA, StructureCells.STRUCTURE_COLUMN));
    List<DataType> types = new ArrayList<>(List.of(StringCell.TYPE, StringCell.TYPE,
        StringCell.TYPE));
    for (String p : g.propertyNames()) {
      names.add(DataTableSpec.getUniqueColumnName(new DataTableSpec(names.toArray(
          new String[0]), types.toArray(new DataType[0])), p));
      types.add(DoubleCell.TYPE);
    }
    names.add(TARGET_SET);
    types.add(IntCell.TYPE);
    return new DataTableSpec(names.toArray(new String[0]), types.toArray(new DataType[0]));
  }

  /** The single target set of the options, checked against the generator. */
  private TargetSet optionSet(GeneratorPortObjectSpec g) throws InvalidSettingsException {
    ConditionalCrystalSamplerSettings o = options();
    Map<String, Double> targets = o.targetMap();
    for (String t : targets.keySet()) {
      if (!g.propertyNames().contains(t)) {
        throw new InvalidSettingsException("'Targets' names '" + t + "', but the generator was"
            + " trained on " + g.propertyNames() + "; target one of those.");
      }
    }
    if (targets.isEmpty() && o.tolerance.getDoubleValue() > 0) {
      throw new InvalidSettingsException("'Tolerance on the targets' is set but no target is"
          + " given; set 'Targets' (e.g. " + g.propertyNames().get(0) + "=…) or the tolerance"
          + " to 0.");
    }
    List<Element> elements = ConditionalCrystalSamplerSettings.elementList(
        "'Allowed elements'", o.elements.getStringValue());
    ElementConstraint c = constraint(elements, o.chemicalSystem.getBooleanValue(), g,
        "'Allowed elements'");
    return new TargetSet("the options", o.count.getIntValue(), targets, c);
  }

  /**
   * The constraint of the elements; a chemical system must lie inside the generator's
   * vocabulary (allowed elements outside it only never appear, which the sampler warns about).
   */
  private static ElementConstraint constraint(List<Element> elements, boolean exact,
      GeneratorPortObjectSpec g, String what) throws InvalidSettingsException {
    if (elements.isEmpty()) {
      return ElementConstraint.none();
    }
    if (exact) {
      List<String> outside = new ArrayList<>();
      for (Element e : elements) {
        if (!g.elements().contains(e.symbol())) {
          outside.add(e.symbol());
        }
      }
      if (!outside.isEmpty()) {
        throw new InvalidSettingsException(what + ": the generator cannot place " + outside
            + "; it knows " + g.elements() + ".");
      }
      return ElementConstraint.chemicalSystem(elements);
    }
    return ElementConstraint.allowed(elements);
  }

  private TableColumns tableColumns(DataTableSpec t, GeneratorPortObjectSpec g)
      throws InvalidSettingsException {
    Map<String, Integer> targets = new LinkedHashMap<>();
    for (String p : g.propertyNames()) {
      int i = t.findColumnIndex(p);
      if (i >= 0) {
        if (!t.getColumnSpec(i).getType().isCompatible(DoubleValue.class)) {
          throw new InvalidSettingsException("The targets table's column '" + p + "' (a"
              + " generator property) holds " + t.getColumnSpec(i).getType() + ", not numbers;"
              + " give the target values as numbers.");
        }
        targets.put(p, i);
      }
    }
    int count = t.findColumnIndex(COUNT);
    if (count >= 0 && !(t.getColumnSpec(count).getType().isCompatible(IntValue.class)
        || t.getColumnSpec(count).getType().isCompatible(LongValue.class))) {
      throw new InvalidSettingsException("The targets table's column '" + COUNT + "' holds "
          + t.getColumnSpec(count).getType() + "; it must hold whole numbers (structures per"
          + " row).");
    }
    int elements = textColumn(t, ELEMENTS);
    int system = textColumn(t, CHEMICAL_SYSTEM);
    if (targets.isEmpty() && count < 0 && elements < 0 && system < 0) {
      throw new InvalidSettingsException("The targets table has none of the columns the sampler"
          + " reads: a generator property " + g.propertyNames() + ", '" + COUNT + "', '"
          + ELEMENTS + "' or '" + CHEMICAL_SYSTEM + "'. Its columns: "
          + StructureCells.columnList(t));
    }
    if (targets.isEmpty() && options().tolerance.getDoubleValue() > 0) {
      throw new InvalidSettingsException("'Tolerance on the targets' is set but the targets"
          + " table has no target column (one of " + g.propertyNames() + "); add one or set the"
          + " tolerance to 0.");
    }
    return new TableColumns(targets, count, elements, system);
  }

  private static int textColumn(DataTableSpec t, String name) throws InvalidSettingsException {
    int i = t.findColumnIndex(name);
    if (i >= 0 && !t.getColumnSpec(i).getType().isCompatible(StringValue.class)) {
      throw new InvalidSettingsException("The targets table's column '" + name + "' holds "
          + t.getColumnSpec(i).getType() + "; it must hold element symbols as text, e.g."
          + " 'Sr, Ti, O'.");
    }
    return i;
  }

  @Override
  protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec)
      throws Exception {
    GeneratorPortObject generator = (GeneratorPortObject) inObjects[0];
    BufferedDataTable table = (BufferedDataTable) inObjects[1];
    GeneratorPortObjectSpec g = generator.getSpec();
    check(g);
    RowFailures failures = new RowFailures("no structures for that target set");
    List<TargetSet> sets = new ArrayList<>();
    if (table == null) {
      sets.add(optionSet(g));
    } else {
      TableColumns c = tableColumns(table.getDataTableSpec(), g);
      for (DataRow r : table) {
        exec.checkCanceled();
        try {
          sets.add(rowSet(r, c, g));
        } catch (InvalidSettingsException | IllegalArgumentException e) {
          sets.add(null);
          failures.failed(r.getKey().getString(), e.getMessage());
        }
      }
    }
    DataTableSpec spec = outputSpec(g);
    BufferedDataContainer out = exec.createDataContainer(spec);
    Set<String> warnings = new LinkedHashSet<>();
    int id = 0;
    exec.setMessage("opening the generator");
    CvaeModel cvae = null;
    DiffusionModel diffusion = null;
    try {
      Generator sampler;
      if (g.isDiffusion()) {
        diffusion = generator.openDiffusionModel();
        DiffusionSampler d = diffusionSampler(diffusion);
        checkConditionsCanBeDrawn(d, diffusion);
        sampler = d;
      } else {
        cvae = generator.openModel();
        sampler = Sampler.of(cvae)::sample;
      }
      for (int i = 0; i < sets.size(); i++) {
        TargetSet set = sets.get(i);
        ExecutionMonitor share = exec.createSubProgress(1.0 / sets.size());
        if (set == null) {
          continue;
        }
        SampleResult result;
        try {
          SamplingRequest.Builder b = SamplingRequest.builder().setCount(set.count())
              .optTargets(set.targets()).optElements(set.elements())
              .optSeed(options().seed.getIntValue() + (long) i)
              .optThreads(options().threadCount());
          if (!g.isDiffusion()) {
            b.optTemperature(options().temperature.getDoubleValue());
            b.optSampleLattice(!options().meanLattice.getBooleanValue());
          }
          if (!g.isDiffusion() && options().tolerance.getDoubleValue() > 0
              && !set.targets().isEmpty()) {
            b.optTolerance(options().tolerance.getDoubleValue());
          }
          SamplingRequest request = b.build();
          result = DjlSupport.call(() -> sampler.sample(request, KnimeProgress.of(share)));
        } catch (CancelledException e) {
          throw canceled(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
          failures.failed(set.origin(), e.getMessage());
          continue;
        }
        failures.processed();
        warnings.addAll(result.warnings());
        for (Structure s : result.structures()) {
          exec.checkCanceled();
          id++;
          List<DataCell> cells = new ArrayList<>();
          String name = "sample-" + id;
          cells.add(new StringCell(name));
          cells.add(new StringCell(s.composition().reducedFormula()));
          cells.add(StructureCells.cell(s, name));
          for (String p : g.propertyNames()) {
            cells.add(s.doubleProperty(p).isPresent()
                ? new DoubleCell(s.doubleProperty(p).getAsDouble()) : DataType.getMissingCell());
          }
          cells.add(new IntCell(table == null ? 0 : i));
          out.addRowToTable(new DefaultRow(name, cells.toArray(new DataCell[0])));
        }
      }
    } finally {
      if (cvae != null) {
        cvae.close();
      }
      if (diffusion != null) {
        diffusion.close();
      }
    }
    out.close();
    exec.setProgress(1.0, "generated " + id + " structures");
    List<String> message = new ArrayList<>();
    if (ignoredOptions(g) != null) {
      message.add(ignoredOptions(g));
    }
    if (failures.count() > 0) {
      message.add(failures.message());
    }
    message.addAll(warnings);
    if (!message.isEmpty()) {
      setWarningMessage(String.join(". ", message));
    }
    pushFlowVariableInt(VAR_GENERATED, id);
    return new PortObject[] {out.getTable()};
  }

  /**
   * The diffusion sampler with the options' steps, guidance and corrector step, else the
   * model's defaults, and
   * the options' minimum-distance step and greedy types (whose defaults are the sampler's).
   */
  private DiffusionSampler diffusionSampler(DiffusionModel model)
      throws InvalidSettingsException {
    DiffusionSampler sampler = DiffusionSampler.of(model).withRepulsion(options().repulsion())
        .withGreedyTypes(options().diffusionGreedyTypes.getDoubleValue())
        .withDrawnConditions(options().diffusionDrawConditions.getBooleanValue());
    try {
      if (options().diffusionSteps.getIntValue() > 0) {
        sampler = sampler.withSteps(options().diffusionSteps.getIntValue());
      }
      if (options().diffusionGuidance.getDoubleValue()
          != ConditionalCrystalSamplerSettings.DEFAULT_GUIDANCE) {
        sampler = sampler.withGuidance(options().diffusionGuidance.getDoubleValue());
      }
      if (options().diffusionCorrectorStep.getDoubleValue()
          != ConditionalCrystalSamplerSettings.DEFAULT_CORRECTOR_STEP) {
        sampler = sampler.withCorrectorStep(options().diffusionCorrectorStep.getDoubleValue());
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("The diffusion sampling options do not fit the"
          + " generator: " + e.getMessage() + "; change 'Diffusion: sampling steps' (at most"
          + " the generator's diffusion times), 'Diffusion: guidance strength' or 'Diffusion:"
          + " corrector step'.", e);
    }
    return sampler;
  }

  /**
   * Makes core's refusal of drawn conditions from a generator that does not record its
   * training rows' conditions (saved before invdes 0.3.0) the node's error, instead of one
   * failed row per target set: core refuses such a model before it samples anything, so it is
   * asked once, only then, with an untargeted, unconstrained request.
   */
  private static void checkConditionsCanBeDrawn(DiffusionSampler sampler, DiffusionModel model)
      throws Exception {
    if (!sampler.drawsConditions() || model.manifest().trainingConditions().length > 0) {
      return;
    }
    SamplingRequest probe = SamplingRequest.builder().setCount(1).optThreads(1).build();
    try {
      DjlSupport.call(() -> sampler.sample(probe, ProgressMonitor.NONE));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingsException("The generator cannot sample with '"
          + ConditionalCrystalSamplerSettings.DRAW_CONDITIONS + "' (uncheck it to sample"
          + " unconditionally): " + e.getMessage() + ".", e);
    }
  }

  /** The target set of one table row. */
  private TargetSet rowSet(DataRow r, TableColumns c, GeneratorPortObjectSpec g)
      throws InvalidSettingsException {
    Map<String, Double> targets = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> t : c.targets().entrySet()) {
      DataCell v = r.getCell(t.getValue());
      if (!v.isMissing()) {
        targets.put(t.getKey(), ((DoubleValue) v).getDoubleValue());
      }
    }
    int count = options().count.getIntValue();
    if (c.count() >= 0) {
      DataCell v = r.getCell(c.count());
      if (v.isMissing()) {
        throw new IllegalArgumentException("the count is missing");
      }
      long n = ((LongValue) v).getLongValue();
      if (n < 1 || n > ConditionalCrystalSamplerSettings.MAX_COUNT) {
        throw new IllegalArgumentException("the count is " + n + "; it must be in 1.."
            + ConditionalCrystalSamplerSettings.MAX_COUNT);
      }
      count = (int) n;
    }
    String system = text(r, c.chemicalSystem());
    String allowed = text(r, c.elements());
    ElementConstraint constraint;
    if (system != null) {
      constraint = constraint(ConditionalCrystalSamplerSettings.elementList("chemical_system",
          system), true, g, "chemical_system");
    } else {
      constraint = constraint(ConditionalCrystalSamplerSettings.elementList("elements",
          allowed), false, g, "elements");
    }
    return new TargetSet(r.getKey().getString(), count, targets, constraint);
  }

  private static String text(DataRow r, int column) {
    if (column < 0 || r.getCell(column).isMissing()) {
      return null;
    }
    String s = ((StringValue) r.getCell(column)).getStringValue();
    return s.isBlank() ? null : s;
  }
}
