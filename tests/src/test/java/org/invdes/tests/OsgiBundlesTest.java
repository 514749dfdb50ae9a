package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Jar;
import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.framework.namespace.HostNamespace;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundles in a real OSGi framework (Eclipse Equinox), as KNIME loads them: a test-only
 * {@code org.knime.core} bundle built with bndlib from knime-api (and the knime-testkit harness,
 * so that nodes can be run), the KNIME bundle {@code org.invdes.knime} with its embedded
 * libraries (invdes-core, CDK, Jackson, DJL), the platform fragment {@code
 * org.invdes.torch.linux.x86_64} with libtorch, and a test-only fragment of
 * org.invdes.knime with {@link org.invdes.tests.osgiprobe.GeneratorProbe}. Checks that every
 * bundle resolves and the fragments attach, that every factory of plugin.xml loads and reads its
 * description through the bundle class loader, runs reader, encoder and filter inside the
 * framework, and a tiny generator training and sampling through DJL's PyTorch engine, whose
 * libtorch DJL must find in the fragment (the test points DJL's cache at an empty folder, so the
 * libraries are extracted from the fragment during the test). No boot delegation is configured:
 * every package a bundle uses must be imported or embedded.
 *
 * <p>It runs in a JVM of its own (tag "osgi", a surefire execution of tests/pom.xml): the other tests load
 * libtorch through the application class path, and a JNI library can belong to one class loader
 * only.
 */
@Tag("osgi")
class OsgiBundlesTest {
  @TempDir
  static Path tmp;

  static Framework framework;
  static Map<String, Bundle> bundles = new LinkedHashMap<>();

  /** The jar or class folder on the test class path that holds the resource. */
  static File location(String resource) throws Exception {
    URL url = OsgiBundlesTest.class.getClassLoader().getResource(resource);
    assertNotNull(url, resource + " is not on the test class path");
    if (url.getProtocol().equals("jar")) {
      return new File(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
    }
    File f = new File(url.toURI());
    for (int i = 0; i < resource.split("/").length; i++) {
      f = f.getParentFile();
    }
    return f;
  }

  /** The test-only org.knime.core bundle: the re-declared API and the harness, imports by bnd. */
  static File knimeCoreBundle() throws Exception {
    File out = tmp.resolve("org.knime.core.jar").toFile();
    if (out.isFile()) {
      return out;
    }
    try (Builder b = new Builder()) {
      b.setProperty("Bundle-SymbolicName", "org.knime.core");
      b.setProperty("Bundle-Version", "5.12.0");
      b.setProperty("Export-Package", "org.knime.core.*;version=5.12.0");
      b.setProperty("-noextraheaders", "true");
      b.addClasspath(location("org/knime/core/node/NodeFactory.class"));
      b.addClasspath(location("org/knime/core/node/NodeHarness.class"));
      Jar jar = b.build();
      assertTrue(b.isOk(), "bnd: " + b.getErrors());
      jar.write(out);
    }
    return out;
  }

  /**
   * A test-only fragment of org.invdes.knime holding the probe classes: they join the KNIME
   * bundle's class loader and see its embedded libraries as the node code does.
   */
  static File probeFragment() throws Exception {
    File out = tmp.resolve("org.invdes.tests.osgiprobe.jar").toFile();
    try (Builder b = new Builder()) {
      b.setProperty("Bundle-SymbolicName", "org.invdes.tests.osgiprobe");
      b.setProperty("Bundle-Version", "1.0.0");
      b.setProperty("Fragment-Host", "org.invdes.knime");
      b.setProperty("Private-Package", "org.invdes.tests.osgiprobe");
      // everything it uses is on the host's class path (embedded jars), nothing is imported
      b.setProperty("Import-Package", "!*");
      b.setProperty("-noextraheaders", "true");
      b.addClasspath(location("org/invdes/tests/osgiprobe/GeneratorProbe.class"));
      Jar jar = b.build();
      assertTrue(b.isOk(), "bnd: " + b.getErrors());
      jar.write(out);
    }
    return out;
  }

  /** The libtorch fragment jar, from the module plugin-libtorch-linux-x86_64 (set by the pom). */
  static File libtorchFragment() {
    String path = System.getProperty("invdes.libtorch.fragment");
    assertNotNull(path, "tests/pom.xml sets invdes.libtorch.fragment to the fragment jar of "
        + "plugin-libtorch-linux-x86_64; run this test through Maven");
    File f = new File(path);
    assertTrue(f.isFile(), "no libtorch fragment at " + f);
    return f;
  }

  static boolean linuxX8664() {
    return System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").equals("amd64");
  }

  /** In place (no copy into the framework's storage: the libtorch fragment is 110 MB). */
  static String uri(File f) {
    return "reference:" + f.toURI();
  }

  static Framework newFramework(String storage) throws BundleException {
    return newFramework(storage, Map.of());
  }

  static Framework newFramework(String storage, Map<String, String> extra)
      throws BundleException {
    Map<String, String> config = new HashMap<>(extra);
    config.put(Constants.FRAMEWORK_STORAGE, tmp.resolve(storage).toString());
    config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
    Framework f = factory.newFramework(config);
    f.start();
    return f;
  }

  @BeforeAll
  static void startEquinox() throws Exception {
    // DJL's cache in an empty folder: libtorch must come out of the fragment during this test
    System.setProperty("ENGINE_CACHE_DIR", tmp.resolve("djl-cache").toString());
    framework = newFramework("osgi");
    BundleContext ctx = framework.getBundleContext();
    List<File> files = new ArrayList<>();
    files.add(knimeCoreBundle());
    files.add(location("plugin.xml")); // the invdes KNIME bundle
    files.add(libtorchFragment());
    files.add(probeFragment());
    for (File f : files) {
      Bundle b = ctx.installBundle(uri(f));
      bundles.put(b.getSymbolicName(), b);
    }
  }

  @AfterAll
  static void stopEquinox() throws Exception {
    if (framework != null) {
      framework.stop();
      framework.waitForStop(10_000);
    }
  }

  @Test
  void everyBundleResolves() {
    boolean all = framework.adapt(FrameworkWiring.class).resolveBundles(bundles.values());
    if (!all) {
      StringBuilder why = new StringBuilder();
      for (Bundle b : bundles.values()) {
        if (b.getState() == Bundle.INSTALLED) {
          try {
            b.start();
          } catch (BundleException e) {
            why.append('\n').append(b.getSymbolicName()).append(": ").append(e.getMessage());
          }
        }
      }
      fail("bundles left unresolved:" + why);
    }
    for (Bundle b : bundles.values()) {
      assertTrue(isResolved(b), b.getSymbolicName() + " in state " + b.getState());
    }
    assertEquals(List.of("org.knime.core", "org.invdes.knime",
        "org.invdes.torch.linux.x86_64", "org.invdes.tests.osgiprobe"),
        List.copyOf(bundles.keySet()));
  }

  /** Both fragments are attached to the KNIME bundle (on Linux x86-64, the fragment's filter). */
  @Test
  void fragmentsAttachToTheKnimeBundle() {
    assumeTrue(linuxX8664(), "the libtorch fragment is for Linux x86-64 only");
    Bundle knime = resolved("org.invdes.knime");
    List<String> attached = new ArrayList<>();
    for (BundleWire w : knime.adapt(BundleWiring.class)
        .getProvidedWires(HostNamespace.HOST_NAMESPACE)) {
      attached.add(w.getRequirer().getSymbolicName());
    }
    assertEquals(List.of("org.invdes.tests.osgiprobe", "org.invdes.torch.linux.x86_64"),
        attached.stream().sorted().toList());
    // DJL's platform descriptor: in the fragment, visible through the host's class loader
    assertNotNull(bundles.get("org.invdes.torch.linux.x86_64")
        .getEntry("native/lib/pytorch.properties"));
    assertNotNull(knime.getResource("native/lib/pytorch.properties"));
  }

  /** The embedded core library is loaded by the KNIME bundle itself (Bundle-ClassPath). */
  @Test
  void theKnimeBundleLoadsItsEmbeddedLibraries() throws Exception {
    Bundle knime = resolved("org.invdes.knime");
    Class<?> structure = knime.loadClass("org.invdes.core.structure.Structure");
    assertSame(knime.adapt(org.osgi.framework.wiring.BundleWiring.class).getClassLoader(),
        structure.getClassLoader());
    Class<?> nodeModel = knime.loadClass("org.knime.core.node.NodeModel");
    assertSame(resolved("org.knime.core"), org.osgi.framework.FrameworkUtil.getBundle(nodeModel),
        "KNIME classes come from org.knime.core through Require-Bundle");
  }

  /**
   * Resolved, or beyond: Equinox moves a resolved bundle with lazy activation to STARTING, where
   * it waits for its first class load, as in KNIME.
   */
  static boolean isResolved(Bundle b) {
    return (b.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0;
  }

  static Bundle resolved(String name) {
    framework.adapt(FrameworkWiring.class).resolveBundles(bundles.values());
    Bundle b = bundles.get(name);
    assertTrue(isResolved(b), name + " is not resolved (state " + b.getState() + ")");
    return b;
  }

  static List<String> factories(Bundle b) throws Exception {
    List<String> out = new ArrayList<>();
    try (InputStream in = b.getEntry("plugin.xml").openStream()) {
      NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
          .getElementsByTagName("node");
      for (int i = 0; i < nodes.getLength(); i++) {
        out.add(((Element) nodes.item(i)).getAttribute("factory-class"));
      }
    }
    return out;
  }

  @Test
  void everyFactoryOfPluginXmlLoadsThroughTheBundle() throws Exception {
    Bundle knime = resolved("org.invdes.knime");
    List<String> factories = factories(knime);
    assertEquals(7, factories.size(), factories.toString());
    List<String> names = new ArrayList<>();
    for (String f : factories) {
      Object factory = knime.loadClass(f).getConstructor().newInstance();
      String name = (String) call(factory, "getNodeName");
      names.add(name);
      assertNotNull(call(factory, "getIcon"), f + " icon");
      Object model = call(factory, "createNodeModel");
      assertNotNull(model);
    }
    // the names come from each factory's XML description, read through the bundle
    assertEquals(List.of("Conditional Crystal Sampler", "Crystal Encoder",
        "Crystal Generator Learner", "Crystal Stability Filter", "Crystal Structure Reader",
        "Crystal Structure Writer", "Generation Metrics"), names.stream().sorted().toList());
  }

  /**
   * Reader, encoder and filter run inside the framework on the repository's examples: CIF
   * parsing (with CDK's isotope data), the encoder's JSON (Jackson) and the stability checks all
   * work through the bundle class loaders.
   */
  @Test
  void nodesRunInsideTheFramework() throws Exception {
    Bundle knime = resolved("org.invdes.knime");
    Bundle core = resolved("org.knime.core");
    Class<?> harness = core.loadClass("org.knime.core.node.NodeHarness");
    Class<?> portObject = core.loadClass("org.knime.core.node.port.PortObject");

    Object reader = newModel(knime, "org.invdes.knime.read.CrystalReaderNodeFactory");
    Object settings = staticCall(harness, "saveSettings", reader);
    call(settings, "addString", "location", Shared.root().resolve("examples").toString());
    staticCall(harness, "loadSettings", reader, settings);
    Object table = run(harness, portObject, reader)[0];
    assertEquals(7L, call(table, "size"));

    Object encoder = newModel(knime, "org.invdes.knime.encode.CrystalEncoderNodeFactory");
    Object encoded = run(harness, portObject, encoder, table)[0];
    assertEquals(7L, call(encoded, "size"));
    @SuppressWarnings("unchecked")
    Map<String, Object> vars = (Map<String, Object>) staticCall(harness, "flowVariables",
        encoder);
    assertTrue(((String) vars.get("invdes_encoder_config")).contains("\"vocabulary\""),
        "the fitted encoding as JSON");

    Object filter = newModel(knime, "org.invdes.knime.filter.CrystalStabilityFilterNodeFactory");
    Object[] split = run(harness, portObject, filter, table, null);
    assertEquals(7L, (long) call(split[0], "size") + (long) call(split[1], "size"));
  }

  /**
   * A tiny generator training (2 epochs), save, load and conditional sampling inside the
   * framework, through DjlSupport as the nodes call it: DJL finds the PyTorch engine through the
   * bundle class loader (ServiceLoader) and extracts libtorch from the fragment into the cache
   * folder this test set.
   */
  @Test
  void generatorTrainsAndSamplesInsideTheFramework() throws Exception {
    assumeTrue(linuxX8664(), "the libtorch fragment is for Linux x86-64 only");
    Bundle knime = resolved("org.invdes.knime");
    Class<?> probeClass = knime.loadClass("org.invdes.tests.osgiprobe.GeneratorProbe");
    assertSame(knime.adapt(BundleWiring.class).getClassLoader(), probeClass.getClassLoader());
    @SuppressWarnings("unchecked")
    Function<Path, Map<String, Object>> probe =
        (Function<Path, Map<String, Object>>) probeClass.getConstructor().newInstance();
    Map<String, Object> r = probe.apply(Files.createDirectories(tmp.resolve("probe")));

    assertEquals(false, r.get("contextLoaderWasTheBundles"), "DjlSupport must do the switching");
    assertEquals(true, r.get("contextLoaderRestored"));
    assertTrue(((List<?>) r.get("serviceLoaderEngines")).contains("PyTorch"),
        "the engine's ServiceLoader entry, seen through the bundle class loader: " + r);
    assertEquals(true, r.get("djlLoader"), "DJL is embedded in the KNIME bundle");
    assertEquals(true, r.get("engineLoader"), "the engine found through the bundle loader");
    assertEquals(true, r.get("coreLoader"));
    assertEquals("PyTorch", r.get("engine"));
    assertTrue(((String) r.get("version")).startsWith("2.7.1"), r.toString());

    // libtorch came out of the fragment into the (new, empty) cache folder
    Path libtorch = Path.of((String) r.get("libtorch"));
    if (System.getenv("ENGINE_CACHE_DIR") == null && System.getenv("PYTORCH_LIBRARY_PATH") == null) {
      assertTrue(libtorch.startsWith(tmp.resolve("djl-cache")), libtorch.toString());
    }
    try (JarFile fragment = new JarFile(libtorchFragment())) {
      for (String lib : List.of("libtorch.so", "libtorch_cpu.so", "libc10.so")) {
        assertEquals(fragment.getEntry("pytorch/cpu/linux-x86_64/" + lib).getSize(),
            Files.size(libtorch.resolve(lib)), lib);
      }
    }

    assertEquals(2, r.get("epochsRun"));
    assertTrue((int) r.get("progressReports") >= 2, "training reported progress: " + r);
    assertEquals(List.of("y"), r.get("properties"));
    assertEquals(5, r.get("samples"));
    @SuppressWarnings("unchecked")
    List<Double> ys = (List<Double>) r.get("predictedY");
    assertEquals(5, ys.size());
    for (double y : ys) {
      assertTrue(Double.isFinite(y), "a predicted property for every sample: " + ys);
    }
  }

  /**
   * Without the platform fragment the KNIME bundle still resolves, and DjlSupport says which
   * fragment to install instead of letting DJL try a download (in a second framework).
   */
  @Test
  void withoutTheFragmentTheMessageNamesIt() throws Exception {
    assumeTrue(linuxX8664(), "the message names the Linux x86-64 fragment");
    Framework bare = newFramework("osgi-bare");
    try {
      BundleContext ctx = bare.getBundleContext();
      ctx.installBundle(uri(knimeCoreBundle()));
      Bundle knime = ctx.installBundle(uri(location("plugin.xml")));
      assertTrue(bare.adapt(FrameworkWiring.class).resolveBundles(List.of(knime)));
      Class<?> support = knime.loadClass("org.invdes.knime.DjlSupport");
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> staticCall(support, "engine"));
      assertEquals("org.invdes.knime.DjlSupport$EngineUnavailableException",
          e.getClass().getName());
      assertTrue(e.getMessage().contains("org.invdes.torch.linux.x86_64"),
          e.getMessage());
    } finally {
      bare.stop();
      bare.waitForStop(10_000);
    }
  }

  /**
   * On another platform (Equinox told it runs on Windows) the KNIME bundle resolves but the
   * Linux libtorch fragment does not attach: its Eclipse-PlatformFilter (and native code) rule
   * it out.
   */
  @Test
  void libtorchFragmentStaysOutOnAnotherPlatform() throws Exception {
    Framework windows = newFramework("osgi-win32", Map.of("osgi.os", "win32", "osgi.arch",
        "x86_64", Constants.FRAMEWORK_OS_NAME, "Windows11", Constants.FRAMEWORK_PROCESSOR,
        "x86-64"));
    try {
      BundleContext ctx = windows.getBundleContext();
      ctx.installBundle(uri(knimeCoreBundle()));
      Bundle knime = ctx.installBundle(uri(location("plugin.xml")));
      Bundle fragment = ctx.installBundle(uri(libtorchFragment()));
      windows.adapt(FrameworkWiring.class).resolveBundles(List.of(knime, fragment));
      assertTrue(isResolved(knime), "the nodes bundle is platform-neutral");
      assertEquals(Bundle.INSTALLED, fragment.getState(), "the Linux fragment stays unresolved");
    } finally {
      windows.stop();
      windows.waitForStop(10_000);
    }
  }

  static Object newModel(Bundle b, String factory) throws Exception {
    return call(b.loadClass(factory).getConstructor().newInstance(), "createNodeModel");
  }

  static Object[] run(Class<?> harness, Class<?> portObject, Object model, Object... inputs)
      throws Exception {
    Object in = Array.newInstance(portObject, inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      Array.set(in, i, inputs[i]);
    }
    Object exec = staticCall(harness, "executionContext");
    return (Object[]) staticCall(harness, "execute", model, exec, in);
  }

  /** Calls the public method of that name whose parameters accept the arguments. */
  static Object call(Object target, String name, Object... args) throws Exception {
    return invoke(target.getClass(), target, name, args);
  }

  static Object staticCall(Class<?> c, String name, Object... args) throws Exception {
    return invoke(c, null, name, args);
  }

  static Object invoke(Class<?> c, Object target, String name, Object... args) throws Exception {
    for (Method m : c.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length
          && accepts(m.getParameterTypes(), args)) {
        try {
          return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
      }
    }
    throw new NoSuchMethodException(c.getName() + "." + name + " for " + args.length + " args");
  }

  static boolean accepts(Class<?>[] types, Object[] args) {
    for (int i = 0; i < types.length; i++) {
      if (args[i] != null && !wrap(types[i]).isInstance(args[i])) {
        return false;
      }
    }
    return true;
  }

  static Class<?> wrap(Class<?> c) {
    return c == long.class ? Long.class : c == int.class ? Integer.class
        : c == boolean.class ? Boolean.class : c == double.class ? Double.class : c;
  }
}
