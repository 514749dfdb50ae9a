package org.invdes.knime.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.invdes.core.model.DiffusionConfig;
import org.invdes.core.model.DiffusionManifest;
import org.invdes.core.model.ModelManifest;
import org.invdes.core.model.PropertyRange;
import org.invdes.core.structure.Element;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * What a downstream node knows about a trained crystal generator before it runs: the generator
 * type ({@value #CVAE} or {@value #DIFFUSION}), the conditioning properties with the range (min,
 * max, count of rows) each was trained on, the element vocabulary and the site budget (most
 * sites per structure), the latent dimension (a CVAE's; 0 for a diffusion generator) and, for a
 * diffusion generator, its default sampling steps and guidance strength, its denoiser's size
 * (hidden width and layers) and its type process and inputs (type loss, atom-count input,
 * element features, self-conditioning), which a learner continuing from it must keep. Saved as
 * model content (keys in {@link #save}; a CVAE's spec has no sampling keys, so specs saved
 * before diffusion generators existed load unchanged; a diffusion spec saved before the
 * denoiser size was recorded loads with 0 for both, "unknown", one saved before the type process
 * and inputs were recorded loads with a null {@link #typeLoss()}, "unknown", and one saved
 * before self-conditioning was recorded loads with it off, as every generator of that time
 * was trained).
 *
 * <p>Created with {@link #of(ModelManifest)} or {@link #of(DiffusionManifest)}; the public no-arg
 * constructor is KNIME's, for loading (an instance from it is empty until {@link #load} fills
 * it).
 */
public final class GeneratorPortObjectSpec extends AbstractSimplePortObjectSpec {
  /** The generator type of a conditional VAE ({@code org.invdes.core.model.CvaeModel}). */
  public static final String CVAE = ModelManifest.MODEL_TYPE;
  /** The generator type of a periodic diffusion generator ({@code DiffusionModel}). */
  public static final String DIFFUSION = DiffusionManifest.MODEL_TYPE;

  private String type = CVAE;
  private List<PropertyRange> properties = List.of();
  private List<String> elements = List.of();
  private int maxSites;
  private int latentDim;
  private int sampleSteps;
  private double guidance;
  private int hiddenDim;
  private int layers;
  private DiffusionConfig.TypeLoss typeLoss;
  private boolean atomCountInput;
  private boolean elementFeatures;
  private boolean selfCondition;

  /** KNIME's constructor, for loading; use {@link #of(ModelManifest)}. */
  public GeneratorPortObjectSpec() {
  }

  /** @return the spec of a trained CVAE described by its manifest */
  public static GeneratorPortObjectSpec of(ModelManifest manifest) {
    GeneratorPortObjectSpec s = new GeneratorPortObjectSpec();
    s.type = CVAE;
    s.properties = List.copyOf(manifest.properties());
    List<String> symbols = new ArrayList<>();
    for (Element e : manifest.vocabulary()) {
      symbols.add(e.symbol());
    }
    s.elements = List.copyOf(symbols);
    s.maxSites = manifest.encoding().maxSites();
    s.latentDim = manifest.hyperParameters().latentDim();
    return s;
  }

  /** @return the spec of a trained diffusion generator described by its manifest */
  public static GeneratorPortObjectSpec of(DiffusionManifest manifest) {
    GeneratorPortObjectSpec s = new GeneratorPortObjectSpec();
    s.type = DIFFUSION;
    s.properties = List.copyOf(manifest.properties());
    List<String> symbols = new ArrayList<>();
    for (Element e : manifest.encoding().vocabulary()) {
      symbols.add(e.symbol());
    }
    s.elements = List.copyOf(symbols);
    s.maxSites = manifest.encoding().maxSites();
    s.latentDim = 0;
    s.sampleSteps = manifest.hyperParameters().sampleSteps();
    s.guidance = manifest.hyperParameters().guidance();
    s.hiddenDim = manifest.hyperParameters().hiddenDim();
    s.layers = manifest.hyperParameters().layers();
    s.typeLoss = manifest.hyperParameters().typeLoss();
    s.atomCountInput = manifest.hyperParameters().atomCountInput();
    s.elementFeatures = manifest.hyperParameters().elementFeatures();
    s.selfCondition = manifest.hyperParameters().selfCondition();
    return s;
  }

  /** @return true for a diffusion generator */
  public boolean isDiffusion() {
    return DIFFUSION.equals(type);
  }

  /** @return the generator type, {@value #CVAE} or {@value #DIFFUSION} */
  public String generatorType() {
    return type;
  }

  /** @return the conditioning properties with their training ranges, in condition order */
  public List<PropertyRange> properties() {
    return properties;
  }

  /** @return the property names, in condition order */
  public List<String> propertyNames() {
    List<String> out = new ArrayList<>();
    for (PropertyRange r : properties) {
      out.add(r.name());
    }
    return out;
  }

  /** @return the element symbols the generator can place, in class order */
  public List<String> elements() {
    return elements;
  }

  /** @return the most sites a generated structure can have */
  public int maxSites() {
    return maxSites;
  }

  /** @return the latent dimension of a CVAE; 0 for a diffusion generator */
  public int latentDim() {
    return latentDim;
  }

  /** @return a diffusion generator's default predictor-corrector steps; 0 for a CVAE */
  public int sampleSteps() {
    return sampleSteps;
  }

  /** @return a diffusion generator's default guidance strength; 0 for a CVAE */
  public double guidance() {
    return guidance;
  }

  /**
   * @return a diffusion generator's denoiser width (hidden units); 0 for a CVAE or when the spec
   *     was saved before it was recorded
   */
  public int hiddenDim() {
    return hiddenDim;
  }

  /**
   * @return a diffusion generator's message-passing layers; 0 for a CVAE or when the spec was
   *     saved before they were recorded
   */
  public int layers() {
    return layers;
  }

  /**
   * @return a diffusion generator's type loss; null for a CVAE or when the spec was saved before
   *     the type process and inputs were recorded
   */
  public DiffusionConfig.TypeLoss typeLoss() {
    return typeLoss;
  }

  /**
   * @return whether a diffusion generator's denoiser sees each cell's atom count; false for a
   *     CVAE and when not recorded ({@link #typeLoss()} null)
   */
  public boolean atomCountInput() {
    return atomCountInput;
  }

  /**
   * @return whether a diffusion generator's denoiser sees element descriptors; false for a CVAE
   *     and when not recorded ({@link #typeLoss()} null)
   */
  public boolean elementFeatures() {
    return elementFeatures;
  }

  /**
   * @return whether a diffusion generator's type denoiser is self-conditioned; false for a CVAE,
   *     when not recorded ({@link #typeLoss()} null) and for a spec saved before it was recorded
   *     (generators then could not be self-conditioned)
   */
  public boolean selfCondition() {
    return selfCondition;
  }

  /**
   * @return this spec without the denoiser size and the type process and inputs, as a spec saved
   *     before the size was recorded loads (the type process and inputs were recorded later);
   *     equal to {@code this} when the size is unknown
   */
  public GeneratorPortObjectSpec withoutDenoiserSize() {
    GeneratorPortObjectSpec s = withoutTypeProcess();
    s.hiddenDim = 0;
    s.layers = 0;
    return s;
  }

  /**
   * @return this spec without the type loss, atom-count input, element features and
   *     self-conditioning, as a spec saved before they were recorded loads; equal to {@code
   *     this} when they are unknown
   */
  public GeneratorPortObjectSpec withoutTypeProcess() {
    GeneratorPortObjectSpec s = new GeneratorPortObjectSpec();
    s.type = type;
    s.properties = properties;
    s.elements = elements;
    s.maxSites = maxSites;
    s.latentDim = latentDim;
    s.sampleSteps = sampleSteps;
    s.guidance = guidance;
    s.hiddenDim = hiddenDim;
    s.layers = layers;
    return s;
  }

  /**
   * @return true when {@code saved}, the spec stored with this generator, describes it: equal to
   *     this spec, or to it as a spec saved before the denoiser size or the type process was
   *     recorded loads
   */
  public boolean isDescribedBy(GeneratorPortObjectSpec saved) {
    return equals(saved) || withoutTypeProcess().equals(saved)
        || withoutDenoiserSize().equals(saved);
  }

  @Override
  protected void save(ModelContentWO model) {
    model.addString("generator_type", type);
    String[] names = new String[properties.size()];
    double[] min = new double[names.length];
    double[] max = new double[names.length];
    int[] count = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      PropertyRange r = properties.get(i);
      names[i] = r.name();
      min[i] = r.min();
      max[i] = r.max();
      count[i] = r.count();
    }
    model.addStringArray("properties", names);
    model.addDoubleArray("property_min", min);
    model.addDoubleArray("property_max", max);
    model.addIntArray("property_count", count);
    model.addStringArray("elements", elements.toArray(new String[0]));
    model.addInt("max_sites", maxSites);
    model.addInt("latent_dim", latentDim);
    if (isDiffusion()) {
      model.addInt("sample_steps", sampleSteps);
      model.addDouble("guidance", guidance);
      if (hiddenDim > 0) {
        model.addInt("hidden_dim", hiddenDim);
        model.addInt("layers", layers);
      }
      if (typeLoss != null) {
        model.addString("type_loss", typeLoss.jsonName());
        model.addBoolean("atom_count_input", atomCountInput);
        model.addBoolean("element_features", elementFeatures);
        model.addBoolean("self_condition", selfCondition);
      }
    }
  }

  @Override
  protected void load(ModelContentRO model) throws InvalidSettingsException {
    String t = model.getString("generator_type");
    String[] names = model.getStringArray("properties");
    double[] min = model.getDoubleArray("property_min");
    double[] max = model.getDoubleArray("property_max");
    int[] count = model.getIntArray("property_count");
    if (min.length != names.length || max.length != names.length
        || count.length != names.length) {
      throw new InvalidSettingsException("the generator spec lists " + names.length
          + " properties but " + min.length + " minima, " + max.length + " maxima and "
          + count.length + " counts");
    }
    List<PropertyRange> ranges = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      ranges.add(new PropertyRange(names[i], min[i], max[i], count[i]));
    }
    type = t;
    properties = List.copyOf(ranges);
    elements = List.of(model.getStringArray("elements"));
    maxSites = model.getInt("max_sites");
    latentDim = model.getInt("latent_dim");
    if (DIFFUSION.equals(t)) {
      sampleSteps = model.getInt("sample_steps");
      guidance = model.getDouble("guidance");
      hiddenDim = model.getInt("hidden_dim", 0);
      layers = model.getInt("layers", 0);
      String loss = model.getString("type_loss", null);
      try {
        typeLoss = loss == null ? null : DiffusionConfig.TypeLoss.fromJsonName(loss);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingsException("the generator spec's type loss is '" + loss
            + "', which this version does not know; update the invdes extension", e);
      }
      atomCountInput = typeLoss != null && model.getBoolean("atom_count_input");
      elementFeatures = typeLoss != null && model.getBoolean("element_features");
      // recorded after the other type inputs; every generator saved before was not
      selfCondition = typeLoss != null && model.getBoolean("self_condition", false);
    } else {
      sampleSteps = 0;
      guidance = 0;
      hiddenDim = 0;
      layers = 0;
      typeLoss = null;
      atomCountInput = false;
      elementFeatures = false;
      selfCondition = false;
    }
  }

  /**
   * @return e.g. "cvae: heat_ref [-0.5, 3.2]; 56 elements; up to 5 sites" (a diffusion
   *     generator adds its default steps and guidance)
   */
  @Override
  public String toString() {
    List<String> p = new ArrayList<>();
    for (PropertyRange r : properties) {
      p.add(String.format(Locale.ROOT, "%s [%.4g, %.4g]", r.name(), r.min(), r.max()));
    }
    return type + ": " + String.join(", ", p) + "; " + elements.size() + " elements; up to "
        + maxSites + " sites" + (isDiffusion() ? String.format(Locale.ROOT,
            "; %d sampling steps, guidance %s by default", sampleSteps, guidance) : "");
  }

  /** Saves and loads the spec for KNIME (named in plugin.xml). */
  public static final class Serializer
      extends AbstractSimplePortObjectSpecSerializer<GeneratorPortObjectSpec> {
  }
}
