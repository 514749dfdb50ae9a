package org.invdes.knime.port;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.swing.JComponent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.invdes.core.model.CvaeModel;
import org.invdes.core.model.DiffusionManifest;
import org.invdes.core.model.DiffusionModel;
import org.invdes.core.model.ModelManifest;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A trained crystal generator travelling between KNIME nodes (the Crystal Generator port): a
 * conditional VAE ({@link CvaeModel}) or a periodic diffusion generator ({@link DiffusionModel});
 * the spec's {@link GeneratorPortObjectSpec#generatorType()} says which (read from the {@code
 * modelType} of the manifest). It holds the model's saved form — the files of the model
 * directory {@link CvaeModel#save} or {@link DiffusionModel#save} writes (the JSON manifest and
 * the binary DJL weights) — as bytes, and opens a fresh model from them when a node needs one
 * ({@link #openModel()} or {@link #openDiffusionModel()}, to be closed by the caller), so no
 * native memory is held while the port object sits in a workflow.
 *
 * <p>Saved by KNIME through the stream-based {@link AbstractPortObject}: one zip entry {@code
 * model/<file>} per file of the model directory, in name order; loading reads them back
 * byte for byte, so the weights, and therefore the predictions, are identical.
 */
public final class GeneratorPortObject extends AbstractPortObject {
  /** The port type (registered in plugin.xml as "Crystal Generator"). */
  public static final PortType TYPE =
      PortTypeRegistry.getInstance().getPortType(GeneratorPortObject.class);
  /** The optional port type. */
  public static final PortType TYPE_OPTIONAL =
      PortTypeRegistry.getInstance().getPortType(GeneratorPortObject.class, true);

  private static final String PREFIX = "model/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeneratorPortObjectSpec spec;
  private Map<String, byte[]> files = Map.of();

  /** KNIME's constructor, for loading; use {@link #of(CvaeModel)} or {@link #of(DiffusionModel)}. */
  public GeneratorPortObject() {
  }

  /**
   * Captures a trained model (which stays open and owned by the caller).
   *
   * @throws IOException if the model cannot be written to a temporary directory
   */
  public static GeneratorPortObject of(CvaeModel model) throws IOException {
    return capture(model::save);
  }

  /**
   * Captures a trained diffusion generator (which stays open and owned by the caller).
   *
   * @throws IOException if the model cannot be written to a temporary directory
   */
  public static GeneratorPortObject of(DiffusionModel model) throws IOException {
    return capture(model::save);
  }

  /** Saving a model into a new directory. */
  private interface Saver {
    void save(Path dir) throws IOException;
  }

  private static GeneratorPortObject capture(Saver saver) throws IOException {
    Path tmp = Files.createTempDirectory("invdes-generator");
    try {
      Path dir = tmp.resolve("model");
      // DJL finds its engine through the bundle's class loader (see DjlSupport)
      org.invdes.knime.DjlSupport.call(() -> {
        saver.save(dir);
        return null;
      });
      Map<String, byte[]> files = new TreeMap<>();
      try (Stream<Path> list = Files.list(dir)) {
        for (Path f : (Iterable<Path>) list::iterator) {
          if (Files.isRegularFile(f)) {
            files.put(f.getFileName().toString(), Files.readAllBytes(f));
          }
        }
      }
      return create(files, "the trained model");
    } finally {
      org.invdes.core.io.AtomicFiles.deleteTree(tmp);
    }
  }

  private static GeneratorPortObject create(Map<String, byte[]> files, String source)
      throws IOException {
    byte[] manifest = files.get(ModelManifest.FILE_NAME);
    if (manifest == null) {
      throw new IOException(source + " holds no " + ModelManifest.FILE_NAME + " (files: "
          + files.keySet() + ")");
    }
    GeneratorPortObject p = new GeneratorPortObject();
    p.files = Collections.unmodifiableMap(new TreeMap<>(files));
    String json = new String(manifest, StandardCharsets.UTF_8);
    try {
      p.spec = DiffusionManifest.MODEL_TYPE.equals(modelType(json, source))
          ? GeneratorPortObjectSpec.of(DiffusionManifest.fromJson(json, source))
          : GeneratorPortObjectSpec.of(ModelManifest.fromJson(json, source));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    return p;
  }

  /** The manifest's {@code modelType}, or "" when it has none (the manifest readers say why). */
  private static String modelType(String json, String source) {
    try {
      return JSON.readTree(json).path("modelType").asText("");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": " + ModelManifest.FILE_NAME
          + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** @return the generator type, {@value GeneratorPortObjectSpec#CVAE} or {@value
   *     GeneratorPortObjectSpec#DIFFUSION} */
  public String generatorType() {
    return spec.generatorType();
  }

  /**
   * Opens a conditional VAE: writes the files into a temporary directory, loads them and deletes
   * the directory.
   *
   * @return a new model; close it
   * @throws IOException if the weights do not load (see {@link CvaeModel#load})
   * @throws IllegalStateException if the generator is a diffusion generator
   */
  public CvaeModel openModel() throws IOException {
    require(GeneratorPortObjectSpec.CVAE);
    return open(CvaeModel::load);
  }

  /**
   * Opens a diffusion generator as {@link #openModel()} opens a conditional VAE.
   *
   * @return a new model; close it
   * @throws IOException if the weights do not load (see {@link DiffusionModel#load})
   * @throws IllegalStateException if the generator is a conditional VAE
   */
  public DiffusionModel openDiffusionModel() throws IOException {
    require(GeneratorPortObjectSpec.DIFFUSION);
    return open(DiffusionModel::load);
  }

  /** Loading a model from its directory. */
  private interface Loader<T> {
    T load(Path dir) throws IOException;
  }

  private <T> T open(Loader<T> loader) throws IOException {
    Path tmp = Files.createTempDirectory("invdes-generator");
    try {
      Path dir = tmp.resolve("model");
      Files.createDirectory(dir);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Files.write(dir.resolve(f.getKey()), f.getValue());
      }
      return org.invdes.knime.DjlSupport.call(() -> loader.load(dir));
    } finally {
      org.invdes.core.io.AtomicFiles.deleteTree(tmp);
    }
  }

  private void require(String type) {
    if (!type.equals(generatorType())) {
      throw new IllegalStateException("the generator is of type '" + generatorType()
          + "', not '" + type + "'");
    }
  }

  /**
   * @return a conditional VAE's manifest (encoding, property ranges, training metrics)
   * @throws IllegalStateException if the generator is a diffusion generator
   */
  public ModelManifest manifest() {
    require(GeneratorPortObjectSpec.CVAE);
    return ModelManifest.fromJson(new String(files.get(ModelManifest.FILE_NAME),
        StandardCharsets.UTF_8), "the generator port object");
  }

  /**
   * @return a diffusion generator's manifest (encoding, property ranges, hyper-parameters,
   *     training metrics)
   * @throws IllegalStateException if the generator is a conditional VAE
   */
  public DiffusionManifest diffusionManifest() {
    require(GeneratorPortObjectSpec.DIFFUSION);
    return DiffusionManifest.fromJson(new String(files.get(ModelManifest.FILE_NAME),
        StandardCharsets.UTF_8), "the generator port object");
  }

  /** @return the files of the saved model, by name (read-only; the arrays must not change) */
  public Map<String, byte[]> files() {
    return files;
  }

  @Override
  public GeneratorPortObjectSpec getSpec() {
    return spec;
  }

  @Override
  public String getSummary() {
    if (spec.isDiffusion()) {
      DiffusionManifest m = diffusionManifest();
      return spec + "; trained on " + m.trainRows() + " rows, " + m.epochsRun() + " epochs";
    }
    ModelManifest m = manifest();
    return spec + "; trained on " + m.trainRows() + " rows, " + m.metrics().epochsRun()
        + " epochs";
  }

  @Override
  public JComponent[] getViews() {
    return new JComponent[0];
  }

  @Override
  protected void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
      throws IOException, CanceledExecutionException {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      exec.checkCanceled();
      out.putNextEntry(new ZipEntry(PREFIX + f.getKey()));
      out.write(f.getValue());
      out.closeEntry();
    }
  }

  @Override
  protected void load(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
      throws IOException, CanceledExecutionException {
    Map<String, byte[]> read = new TreeMap<>();
    ZipEntry e;
    while ((e = in.getNextEntry()) != null) {
      exec.checkCanceled();
      if (!e.getName().startsWith(PREFIX) || e.getName().length() == PREFIX.length()
          || e.getName().indexOf('/', PREFIX.length()) >= 0) {
        throw new IOException("unexpected entry '" + e.getName() + "' in a saved crystal"
            + " generator; was it written by another version of the invdes nodes?");
      }
      read.put(e.getName().substring(PREFIX.length()), in.readAllBytes());
    }
    GeneratorPortObject p = create(read, "the saved crystal generator");
    // a diffusion spec saved before the denoiser size or the type process was recorded lacks it
    if (spec != null && !(spec instanceof GeneratorPortObjectSpec g && p.spec.isDescribedBy(g))) {
      throw new IOException("the saved crystal generator (" + p.spec + ") does not fit its saved"
          + " spec (" + spec + ")");
    }
    this.files = p.files;
    this.spec = p.spec;
  }


  /** Saves and loads the generator for KNIME (named in plugin.xml). */
  public static final class Serializer
      extends AbstractPortObjectSerializer<GeneratorPortObject> {
  }
}
