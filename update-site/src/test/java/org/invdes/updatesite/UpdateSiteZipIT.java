package org.invdes.updatesite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The packaged p2 repository zip (run by failsafe after packaging), read as KNIME's "Install New
 * Software" reads it: content.jar and artifacts.jar at the root, the feature group with its
 * org.knime.core requirement and the platform filter on the libtorch fragment, the bundle's own
 * org.knime.core requirement, the fragment's host and filter, the category, and artifacts whose
 * recorded sizes and SHA-256 sums are those of the jars in the zip.
 */
class UpdateSiteZipIT {
  static final String FEATURE = "org.invdes.knime.feature";
  static final String BUNDLE = "org.invdes.knime";
  static final String FRAGMENT = "org.invdes.torch.linux.x86_64";
  static final String KNIME_RANGE = "[5.5.0,6.0.0)";

  static ZipFile zip;
  static Document content;
  static Document artifacts;
  static String version;

  @BeforeAll
  static void open() throws Exception {
    String path = System.getProperty("invdes.updatesite.zip");
    assertNotNull(path, "failsafe sets invdes.updatesite.zip to the packaged repository zip");
    zip = new ZipFile(Path.of(path).toFile());
    content = xmlInJar("content.jar", "content.xml");
    artifacts = xmlInJar("artifacts.jar", "artifacts.xml");
    version = manifest("plugins/", BUNDLE).getValue("Bundle-Version");
    assertNotNull(version, "the nodes bundle in plugins/ and its Bundle-Version");
  }

  static byte[] bytes(String entry) throws IOException {
    ZipEntry e = zip.getEntry(entry);
    assertNotNull(e, entry + " in the zip; it has " + names());
    try (InputStream in = zip.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  static List<String> names() {
    List<String> out = new ArrayList<>();
    zip.stream().forEach(e -> out.add(e.getName()));
    return out;
  }

  static Document xmlInJar(String jar, String xml) throws Exception {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes(jar)))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().equals(xml)) {
          return DocumentBuilderFactory.newInstance().newDocumentBuilder()
              .parse(new ByteArrayInputStream(in.readAllBytes()));
        }
      }
    }
    throw new AssertionError(jar + " holds no " + xml);
  }

  /** The MANIFEST of the one jar in dir whose name starts with id + "_". */
  static Attributes manifest(String dir, String id) throws IOException {
    String name = names().stream().filter(n -> n.startsWith(dir + id + "_") && n.endsWith(".jar"))
        .findFirst().orElseThrow(() -> new AssertionError(dir + id + "_*.jar in " + names()));
    try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(bytes(name)))) {
      assertNotNull(jar.getManifest(), name + " has a MANIFEST");
      return jar.getManifest().getMainAttributes();
    }
  }

  static List<Element> elements(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList l = parent.getElementsByTagName(tag);
    for (int i = 0; i < l.getLength(); i++) {
      out.add((Element) l.item(i));
    }
    return out;
  }

  static Element unit(String id) {
    for (Element u : elements(content.getDocumentElement(), "unit")) {
      if (u.getAttribute("id").equals(id)) {
        return u;
      }
    }
    throw new AssertionError("no unit " + id + " in content.xml");
  }

  /** The requirement of unit on name in namespace, or null. */
  static Element requirement(Element unit, String namespace, String name) {
    for (Element r : elements(unit, "required")) {
      if (r.getAttribute("namespace").equals(namespace) && r.getAttribute("name").equals(name)) {
        return r;
      }
    }
    return null;
  }

  /** The unit's (or requirement's) own filter, whitespace removed, or "". */
  static String filter(Element e) {
    for (Element f : elements(e, "filter")) {
      if (f.getParentNode() == e) {
        return f.getTextContent().replaceAll("\\s", "");
      }
    }
    return "";
  }

  static void assertLinuxX8664(String filter, String what) {
    assertTrue(filter.contains("(osgi.os=linux)") && filter.contains("(osgi.arch=x86_64)")
        && filter.startsWith("(&"), what + " filter: " + filter);
  }

  static Map<String, String> properties(Element e) {
    Map<String, String> out = new TreeMap<>();
    for (Element p : elements(e, "property")) {
      out.put(p.getAttribute("name"), p.getAttribute("value"));
    }
    return out;
  }

  @Test
  void repositoryLayoutIsAtTheZipRoot() {
    List<String> n = names();
    assertTrue(n.contains("content.jar") && n.contains("artifacts.jar"), n.toString());
    assertTrue(n.contains("features/" + FEATURE + "_" + version + ".jar"), n.toString());
    assertTrue(n.contains("plugins/" + BUNDLE + "_" + version + ".jar"), n.toString());
    assertTrue(n.contains("plugins/" + FRAGMENT + "_" + version + ".jar"), n.toString());
  }

  @Test
  void featureGroupRequiresKnimeTheBundleAndTheFragmentOnItsPlatform() {
    Element group = unit(FEATURE + ".feature.group");
    assertEquals(version, group.getAttribute("version"));
    assertEquals("true", properties(group).get("org.eclipse.equinox.p2.type.group"));
    String iu = "org.eclipse.equinox.p2.iu";
    Element knime = requirement(group, iu, "org.knime.core");
    assertNotNull(knime, "the feature requires org.knime.core");
    assertEquals(KNIME_RANGE, knime.getAttribute("range"));
    Element bundle = requirement(group, iu, BUNDLE);
    assertNotNull(bundle);
    assertEquals("[" + version + "," + version + "]", bundle.getAttribute("range"));
    assertEquals("", filter(bundle), "the nodes bundle is for every platform");
    Element fragment = requirement(group, iu, FRAGMENT);
    assertNotNull(fragment, "the feature includes the libtorch fragment");
    assertEquals("[" + version + "," + version + "]", fragment.getAttribute("range"));
    assertLinuxX8664(filter(fragment), "the feature's fragment requirement");
    assertNotNull(unit(FEATURE + ".feature.jar"));
  }

  @Test
  void bundleRequiresKnimeCore() {
    Element bundle = unit(BUNDLE);
    assertEquals(version, bundle.getAttribute("version"));
    Element knime = requirement(bundle, "osgi.bundle", "org.knime.core");
    assertNotNull(knime, "Require-Bundle: org.knime.core in the bundle's metadata");
    assertEquals(KNIME_RANGE, knime.getAttribute("range"));
    assertEquals("", filter(bundle));
  }

  @Test
  void fragmentIsForLinuxX8664AndAttachesToTheBundle() throws IOException {
    Element fragment = unit(FRAGMENT);
    assertLinuxX8664(filter(fragment), "the fragment's own");
    boolean providesFragment = false;
    for (Element p : elements(fragment, "provided")) {
      providesFragment |= p.getAttribute("namespace").equals("osgi.fragment")
          && p.getAttribute("name").equals(BUNDLE);
    }
    assertTrue(providesFragment, "the fragment unit declares its host " + BUNDLE);
    Element host = requirement(fragment, "osgi.bundle", BUNDLE);
    assertNotNull(host);
    assertTrue(host.getAttribute("range").startsWith("[0.1.0,"), host.getAttribute("range"));
    Attributes m = manifest("plugins/", FRAGMENT);
    assertTrue(m.getValue("Fragment-Host").startsWith(BUNDLE + ";"), m.getValue("Fragment-Host"));
    assertLinuxX8664(m.getValue("Eclipse-PlatformFilter").replaceAll("\\s", ""),
        "the fragment MANIFEST's");
  }

  @Test
  void categoryListsTheFeature() {
    Element category = null;
    for (Element u : elements(content.getDocumentElement(), "unit")) {
      if ("true".equals(properties(u).get("org.eclipse.equinox.p2.type.category"))) {
        assertTrue(category == null, "one category");
        category = u;
      }
    }
    assertNotNull(category, "a category unit (category.xml)");
    assertEquals("invdes: inverse design of crystals",
        properties(category).get("org.eclipse.equinox.p2.name"));
    Element feature = requirement(category, "org.eclipse.equinox.p2.iu",
        FEATURE + ".feature.group");
    assertNotNull(feature, "the category holds the feature");
  }

  @Test
  void artifactsAreTheJarsInTheZip() throws Exception {
    List<Element> all = elements(artifacts.getDocumentElement(), "artifact");
    assertEquals(3, all.size());
    for (Element a : all) {
      String dir = a.getAttribute("classifier").equals("org.eclipse.update.feature")
          ? "features/" : "plugins/";
      String entry = dir + a.getAttribute("id") + "_" + a.getAttribute("version") + ".jar";
      byte[] jar = bytes(entry);
      Map<String, String> p = properties(a);
      assertEquals(String.valueOf(jar.length), p.get("artifact.size"), entry);
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar)),
          p.get("download.checksum.sha-256"), entry);
    }
  }
}
