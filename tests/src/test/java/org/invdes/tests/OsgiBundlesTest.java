package org.invdes.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundles in a real OSGi framework (Eclipse Equinox), as KNIME loads them: a test-only
 * {@code org.knime.core} bundle built with bndlib from knime-api (and the knime-testkit harness,
 * so that nodes can be run) and the KNIME bundle {@code org.invdes.knime} with its embedded
 * libraries (invdes-core among them: as a standalone bundle, org.invdes.core needs DJL, which is
 * not an OSGi bundle). Checks
 * that every bundle resolves, that every factory of plugin.xml loads and reads its description
 * through the bundle class loader, and runs reader, encoder and filter inside the framework. No
 * boot delegation is configured: every package a bundle uses must be imported or embedded.
 */
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

  static String uri(File f) {
    return (f.isDirectory() ? "reference:" : "") + f.toURI();
  }

  @BeforeAll
  static void startEquinox() throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put(Constants.FRAMEWORK_STORAGE, tmp.resolve("osgi").toString());
    config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
    framework = factory.newFramework(config);
    framework.start();
    BundleContext ctx = framework.getBundleContext();
    List<File> files = new ArrayList<>();
    files.add(knimeCoreBundle());
    files.add(location("plugin.xml")); // the invdes KNIME bundle
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
    assertEquals(List.of("org.knime.core", "org.invdes.knime"), List.copyOf(bundles.keySet()));
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
    assertEquals(4, factories.size(), factories.toString());
    for (String f : factories) {
      Object factory = knime.loadClass(f).getConstructor().newInstance();
      String name = (String) call(factory, "getNodeName");
      assertTrue(name.startsWith("Crystal "), f + " read its description: " + name);
      assertNotNull(call(factory, "getIcon"), f + " icon");
      Object model = call(factory, "createNodeModel");
      assertNotNull(model);
    }
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
