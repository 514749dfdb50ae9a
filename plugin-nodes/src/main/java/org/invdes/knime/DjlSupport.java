package org.invdes.knime;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.engine.PtEngineProvider;
import ai.djl.pytorch.jni.LibUtils;
import java.net.URL;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs code that uses DJL (the generator's training, sampling, saving and loading) so that DJL
 * finds its PyTorch engine and the libtorch native library inside OSGi.
 *
 * <p>DJL looks everything up through the thread context class loader: the engine through {@code
 * ServiceLoader} (once, when {@code ai.djl.engine.Engine} is initialised), its platform
 * descriptor {@code native/lib/pytorch.properties}, the libtorch libraries and the JNI bridge
 * through {@code getResources}. In KNIME the context class loader of a node's thread is not this
 * bundle's, so every call into code that may touch DJL goes through {@link #call}: it
 * <ol>
 *   <li>makes this bundle's class loader the context class loader for the duration of the call
 *       (the host bundle org.invdes.knime embeds DJL; the platform fragment
 *       {@code org.invdes.torch.<os>.<arch>} puts libtorch on the same class path);
 *   <li>sets {@code ai.djl.offline=true} unless the user set it (or {@code DJL_OFFLINE}): the
 *       engine must never download;
 *   <li>loads the engine once per JVM: DJL copies libtorch from the fragment to its cache
 *       ({@code ~/.djl.ai/pytorch/}, or {@code ENGINE_CACHE_DIR}/{@code DJL_CACHE_DIR}) and loads
 *       it from there; a missing fragment or a failing load becomes an {@link
 *       EngineUnavailableException} that says what to install;
 *   <li>runs the action and restores the previous context class loader, also on failure.
 * </ol>
 *
 * <p>Usage in a node model: {@code CvaeModel m = DjlSupport.call(() -> CvaeTrainer.train(...));}
 * and likewise around {@code Sampler}, {@code CvaeModel.save} and {@code CvaeModel.load} (also
 * in a port object's load/save).
 */
public final class DjlSupport {
  /** DJL's name of the PyTorch engine. */
  public static final String ENGINE = PtEngine.ENGINE_NAME;
  /** DJL's platform descriptor, which the libtorch fragment provides. */
  static final String PLATFORM_DESCRIPTOR = "native/lib/pytorch.properties";

  private static final ClassLoader LOADER = DjlSupport.class.getClassLoader();
  private static EngineInfo engine;

  private DjlSupport() {
  }

  /**
   * Work that uses DJL.
   *
   * @param <T> its result
   * @param <E> the checked exception it may throw
   */
  @FunctionalInterface
  public interface Action<T, E extends Exception> {
    /** @return the result */
    T run() throws E;
  }

  /** The loaded engine. */
  public record EngineInfo(String name, String version, Path libtorchDirectory) {
    /** Checks the fields. */
    public EngineInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(libtorchDirectory, "libtorchDirectory");
    }
  }

  /** DJL's PyTorch engine could not be loaded; the message says what to install or set. */
  public static final class EngineUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    EngineUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Runs the action with DJL set up for this bundle (steps in the class description).
   *
   * @return the action's result
   * @throws EngineUnavailableException if the engine cannot be loaded (the action does not run)
   * @throws E what the action throws
   */
  public static <T, E extends Exception> T call(Action<T, E> action) throws E {
    Objects.requireNonNull(action, "action");
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(LOADER);
    try {
      loadEngine();
      return action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * Loads the engine if it is not loaded yet (e.g. in a node's {@code configure} to fail early).
   *
   * @return the engine's name, libtorch version and the directory it was loaded from
   * @throws EngineUnavailableException if it cannot be loaded
   */
  public static EngineInfo engine() {
    return call(DjlSupport::loadEngine);
  }

  /** Call with this bundle's loader as context loader. */
  private static synchronized EngineInfo loadEngine() {
    if (engine != null) {
      return engine;
    }
    if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
    URL descriptor = LOADER.getResource(PLATFORM_DESCRIPTOR);
    String override = System.getenv("PYTORCH_LIBRARY_PATH") != null
        ? System.getenv("PYTORCH_LIBRARY_PATH") : System.getProperty("PYTORCH_LIBRARY_PATH");
    if (descriptor == null && override == null) {
      throw new EngineUnavailableException("libtorch is not installed for " + platform
          + ": install the platform fragment org.invdes.torch." + osgiPlatform()
          + " (the invdes feature has it for Linux x86-64), or set PYTORCH_LIBRARY_PATH to a"
          + " directory holding libtorch " + libtorchVersion() + " (CPU)", null);
    }
    Engine pytorch;
    try {
      if (!Engine.hasEngine(ENGINE)) {
        // ai.djl.engine.Engine was initialised earlier under another context class loader, so
        // its ServiceLoader missed the embedded engine: register it directly
        Engine.registerEngine(new PtEngineProvider());
      }
      pytorch = Engine.getEngine(ENGINE);
    } catch (EngineException | UnsatisfiedLinkError | IllegalArgumentException e) {
      throw new EngineUnavailableException("the PyTorch engine failed to load on " + platform
          + " (libtorch from " + (override != null ? "PYTORCH_LIBRARY_PATH=" + override
              : descriptor) + "): " + rootMessage(e), e);
    }
    engine = new EngineInfo(pytorch.getEngineName(), pytorch.getVersion(),
        Path.of(LibUtils.getLibtorchPath()));
    return engine;
  }

  /**
   * The libtorch version the embedded engine is built for: {@code pytorch_version} of the engine
   * jar's {@code pytorch-engine.properties}, the file DJL itself reads.
   */
  static String libtorchVersion() {
    try (java.io.InputStream in = LOADER.getResourceAsStream("pytorch-engine.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("pytorch_version", "(unknown: no pytorch-engine.properties)");
    } catch (java.io.IOException e) {
      return "(unknown: " + e.getMessage() + ")";
    }
  }

  /** The fragment name's platform part: osgi.os and osgi.arch as Equinox names them. */
  static String osgiPlatform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String o = os.startsWith("windows") ? "win32" : os.startsWith("mac") ? "macosx"
        : os.startsWith("linux") ? "linux" : os.replace(' ', '_');
    String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
        : arch.equals("arm64") || arch.equals("aarch64") ? "aarch64" : arch;
    return o + "." + a;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + t + ")";
  }
}
