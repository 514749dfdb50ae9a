package org.invdes.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged bundle jar (run by failsafe after packaging): the MANIFEST KNIME needs, the
 * embedded libraries on the Bundle-ClassPath, plugin.xml, descriptions and icons beside the
 * factories, and no KNIME class anywhere — the compile-only API must never ship.
 */
class BundleJarIT {
  static JarFile jar;
  static Attributes main;

  @BeforeAll
  static void open() throws IOException {
    String path = System.getProperty("invdes.bundle");
    assertNotNull(path, "failsafe sets invdes.bundle to the packaged jar");
    jar = new JarFile(Path.of(path).toFile());
    main = jar.getManifest().getMainAttributes();
  }

  static List<String> entries() {
    return jar.stream().map(JarEntry::getName).collect(Collectors.toList());
  }

  static List<String> clauses(String header) {
    String v = main.getValue(header);
    return v == null ? List.of() : Arrays.asList(v.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"));
  }

  @Test
  void manifestIsWhatKnimeNeeds() {
    assertEquals("2", main.getValue("Bundle-ManifestVersion"));
    assertEquals("org.invdes.knime;singleton:=true", main.getValue("Bundle-SymbolicName"));
    assertEquals("JavaSE-17", main.getValue("Bundle-RequiredExecutionEnvironment"));
    assertEquals("lazy", main.getValue("Bundle-ActivationPolicy"));
    assertEquals("org.knime.core;bundle-version=\"[5.5.0,6.0.0)\"",
        main.getValue("Require-Bundle"));
    assertTrue(main.getValue("Bundle-Version").matches("\\d+\\.\\d+\\.\\d+(\\..+)?"));
    assertNull(main.getValue("Export-Package"), "the bundle exports nothing");
    for (String imp : clauses("Import-Package")) {
      assertFalse(imp.trim().startsWith("org.knime"), "org.knime.* comes through Require-Bundle,"
          + " not Import-Package: " + imp);
    }
  }

  @Test
  void embeddedLibrariesAreOnTheBundleClassPath() {
    List<String> classPath = clauses("Bundle-ClassPath").stream().map(String::trim)
        .collect(Collectors.toList());
    assertEquals(".", classPath.get(0));
    TreeSet<String> libs = entries().stream()
        .filter(e -> e.startsWith("lib/") && e.endsWith(".jar"))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(libs, new TreeSet<>(classPath.subList(1, classPath.size())));
    assertTrue(libs.stream().anyMatch(l -> l.startsWith("lib/invdes-core-")), libs.toString());
    assertTrue(libs.stream().anyMatch(l -> l.startsWith("lib/cdk-core-")), libs.toString());
    assertTrue(libs.stream().anyMatch(l -> l.startsWith("lib/jackson-databind-")),
        libs.toString());
    // DJL has no OSGi manifests: embedded too (the engine's ServiceLoader entry included)
    for (String djl : List.of("lib/api-", "lib/pytorch-engine-", "lib/pytorch-jni-")) {
      assertTrue(libs.stream().anyMatch(l -> l.startsWith(djl)), djl + " in " + libs);
    }
    assertTrue(libs.stream().noneMatch(l -> l.startsWith("lib/pytorch-native-")),
        "libtorch goes into a platform fragment, not into this bundle: " + libs);
  }

  /** knime-api and knime-testkit are compile- and test-only; no KNIME class may ship. */
  @Test
  void noKnimeClassIsPackaged() throws IOException {
    for (String e : entries()) {
      assertFalse(e.startsWith("org/knime/"), e);
      assertFalse(e.contains("knime-api") || e.contains("knime-testkit"), e);
    }
    for (String e : entries()) {
      if (e.startsWith("lib/") && e.endsWith(".jar")) {
        try (InputStream in = jar.getInputStream(jar.getEntry(e));
            JarInputStream lib = new JarInputStream(in)) {
          for (JarEntry inner; (inner = lib.getNextJarEntry()) != null; ) {
            assertFalse(inner.getName().startsWith("org/knime/"), e + "!" + inner.getName());
          }
        }
      }
    }
  }

  @Test
  void pluginXmlDescriptionsAndIconsAreInPlace() throws Exception {
    List<String> entries = entries();
    assertTrue(entries.contains("plugin.xml"));
    assertTrue(entries.contains("icons/category.png"));
    List<String> factories = new ArrayList<>();
    try (InputStream in = jar.getInputStream(jar.getEntry("plugin.xml"))) {
      for (org.w3c.dom.Element ext : DescriptionTest.children(
          DescriptionTest.parse(in).getDocumentElement())) {
        for (org.w3c.dom.Element node : DescriptionTest.children(ext)) {
          if (node.hasAttribute("factory-class")) {
            factories.add(node.getAttribute("factory-class"));
          }
        }
      }
    }
    assertFalse(factories.isEmpty());
    for (String f : factories) {
      String base = f.replace('.', '/');
      assertTrue(entries.contains(base + ".class"), base + ".class");
      assertTrue(entries.contains(base + ".xml"), base + ".xml");
      String dir = base.substring(0, base.lastIndexOf('/') + 1);
      assertTrue(entries.stream().anyMatch(e -> e.startsWith(dir) && e.endsWith(".png")),
          "an icon in " + dir);
    }
  }
}
