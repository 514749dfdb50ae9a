package org.invdes.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * plugin.xml and the node descriptions: every factory named in plugin.xml loads, and its
 * description keeps the rules of KNIME's Node_v4.1.xsd that matter (element order, required
 * elements, allowed inline tags), names as many ports as the model has, points to a 16×16 PNG
 * icon, and documents every dialog option and only those.
 */
public class DescriptionTest {
  static final String NS = "http://knime.org/node/v4.1";

  static Document parse(InputStream in) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    try (in) {
      return f.newDocumentBuilder().parse(in);
    }
  }

  static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        out.add((Element) n);
      }
    }
    return out;
  }

  static List<String> names(List<Element> elements) {
    return elements.stream().map(Element::getLocalName).collect(Collectors.toList());
  }

  static Document pluginXml() throws Exception {
    return parse(DescriptionTest.class.getResourceAsStream("/plugin.xml"));
  }

  /** The factory classes plugin.xml names, in order. */
  public static List<String> factories() throws Exception {
    List<String> out = new ArrayList<>();
    for (Element ext : children(pluginXml().getDocumentElement())) {
      if (ext.getAttribute("point").equals("org.knime.workbench.repository.nodes")) {
        for (Element node : children(ext)) {
          out.add(node.getAttribute("factory-class"));
        }
      }
    }
    return out;
  }

  @Test
  void pluginXmlDeclaresTheCategoryAndTheNodes() throws Exception {
    Element root = pluginXml().getDocumentElement();
    assertEquals("plugin", root.getTagName());
    Set<String> points = new LinkedHashSet<>();
    for (Element ext : children(root)) {
      points.add(ext.getAttribute("point"));
      if (ext.getAttribute("point").equals("org.knime.workbench.repository.categories")) {
        Element cat = children(ext).get(0);
        assertEquals("/community", cat.getAttribute("path"));
        assertEquals("invdes", cat.getAttribute("level-id"));
        assertFalse(cat.getAttribute("name").isBlank());
        assertIcon(DescriptionTest.class.getResource("/" + cat.getAttribute("icon")),
            "category icon");
      }
      if (ext.getAttribute("point").equals("org.knime.workbench.repository.nodes")) {
        Set<String> seen = new HashSet<>();
        for (Element node : children(ext)) {
          assertEquals("node", node.getTagName());
          assertEquals("/community/invdes", node.getAttribute("category-path"));
          String after = node.getAttribute("after");
          assertTrue(after.isEmpty() || seen.contains(after), "after='" + after
              + "' must name a node listed before it");
          assertTrue(seen.add(node.getAttribute("factory-class")));
        }
      }
    }
    assertEquals(Set.of("org.knime.workbench.repository.categories",
        "org.knime.workbench.repository.nodes", "org.knime.core.PortType"), points);
    assertFalse(factories().isEmpty());
  }

  /**
   * Every port type of plugin.xml keeps PortType.exsd (name, objectClass, objectSerializer,
   * specClass, specSerializer required; color #RRGGBB) and its classes fit together as KNIME
   * needs: the serializers are public static nested classes with no-arg constructors extending
   * KNIME's serializer types, the object's getSpec() returns the spec class, and the object
   * class has public no-arg constructors and a TYPE constant for that class.
   */
  @Test
  void pluginXmlPortTypesFitTheirClasses() throws Exception {
    int types = 0;
    for (Element ext : children(pluginXml().getDocumentElement())) {
      if (!ext.getAttribute("point").equals("org.knime.core.PortType")) {
        continue;
      }
      for (Element t : children(ext)) {
        types++;
        assertEquals("portType", t.getTagName());
        assertFalse(t.getAttribute("name").isBlank());
        assertTrue(t.getAttribute("color").matches("#[0-9a-fA-F]{6}"), t.getAttribute("color"));
        Class<?> object = Class.forName(t.getAttribute("objectClass"));
        Class<?> spec = Class.forName(t.getAttribute("specClass"));
        Class<?> objectSerializer = Class.forName(t.getAttribute("objectSerializer"));
        Class<?> specSerializer = Class.forName(t.getAttribute("specSerializer"));
        assertTrue(org.knime.core.node.port.PortObject.class.isAssignableFrom(object));
        assertTrue(org.knime.core.node.port.PortObjectSpec.class.isAssignableFrom(spec));
        assertTrue(org.knime.core.node.port.PortObject.PortObjectSerializer.class
            .isAssignableFrom(objectSerializer));
        assertTrue(org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer.class
            .isAssignableFrom(specSerializer));
        assertEquals(object, objectSerializer.getEnclosingClass());
        assertEquals(spec, specSerializer.getEnclosingClass());
        for (Class<?> c : List.of(object, spec, objectSerializer, specSerializer)) {
          assertTrue(Modifier.isPublic(c.getModifiers()), c + " is not public");
          assertNotNull(c.getConstructor().newInstance(), c + " has no public no-arg constructor");
        }
        assertTrue(Modifier.isStatic(objectSerializer.getModifiers()));
        assertTrue(Modifier.isStatic(specSerializer.getModifiers()));
        assertEquals(spec, object.getMethod("getSpec").getReturnType());
        org.knime.core.node.port.PortType type = (org.knime.core.node.port.PortType)
            object.getField("TYPE").get(null);
        assertEquals(object, type.getPortObjectClass());
      }
    }
    assertEquals(1, types, "the Crystal Generator port type");
  }

  @ParameterizedTest
  @MethodSource("factories")
  void theFactoryLoadsAndItsDescriptionKeepsTheRules(String factoryClass) throws Exception {
    Class<?> c = Class.forName(factoryClass);
    assertTrue(NodeFactory.class.isAssignableFrom(c), factoryClass + " is not a NodeFactory");
    assertTrue(Modifier.isPublic(c.getModifiers()) && !Modifier.isAbstract(c.getModifiers()));
    NodeFactory<?> factory = (NodeFactory<?>) c.getConstructor().newInstance();
    NodeModel model = NodeHarness.createModel(factory);
    InputStream in = c.getResourceAsStream(c.getSimpleName() + ".xml");
    assertNotNull(in, "no " + c.getSimpleName() + ".xml beside " + factoryClass);
    Element root = parse(in).getDocumentElement();
    assertEquals(NS, root.getNamespaceURI());
    assertEquals("knimeNode", root.getLocalName());
    assertEquals(factory.getType().name(), root.getAttribute("type"));
    assertIcon(factory.getIcon(), factoryClass + " icon");

    List<Element> top = children(root);
    List<String> order = names(top);
    assertEquals(List.of("name", "shortDescription", "fullDescription", "ports"),
        order.subList(0, 4), "first elements in the order of Node_v4.1.xsd");
    for (String rest : order.subList(4, order.size())) {
      assertTrue(Set.of("views", "keywords").contains(rest), "unexpected <" + rest + ">");
    }
    assertFalse(top.get(0).getTextContent().isBlank());
    assertFalse(top.get(1).getTextContent().isBlank());
    assertEquals(top.get(0).getTextContent().trim(), factory.getNodeName());

    // fullDescription: intro, then options, then links
    List<Element> full = children(top.get(2));
    assertEquals("intro", full.get(0).getLocalName());
    List<String> documented = new ArrayList<>();
    for (Element e : full.subList(1, full.size())) {
      assertEquals("option", e.getLocalName(), "only options follow the intro here");
      assertFalse(e.getAttribute("name").isBlank());
      assertFalse(e.getTextContent().isBlank(), "option " + e.getAttribute("name")
          + " says nothing");
      documented.add(e.getAttribute("name"));
    }
    checkInline(full.get(0), true);
    full.subList(1, full.size()).forEach(o -> checkInline(o, false));

    // ports: as many as the model has, indices 0..n-1, named and described
    int[] counts = NodeHarness.portCounts(model);
    List<Element> ports = children(top.get(3));
    checkPorts(ports, "inPort", counts[0], factoryClass);
    checkPorts(ports, "outPort", counts[1], factoryClass);
    assertEquals(counts[0] + counts[1], ports.size(), "only inPort and outPort elements");
    for (int i = 0; i < counts[0]; i++) {
      assertNotNull(factory.getInportName(i));
    }
    for (int i = 0; i < counts[1]; i++) {
      assertNotNull(factory.getOutportName(i));
    }
    int views = order.contains("views") ? children(top.get(order.indexOf("views"))).size() : 0;
    assertEquals(NodeHarness.viewCount(factory), views);

    // every dialog option documented, and only those
    List<String> labels = ((InvdesNodeModel<?>) model).options().options().stream()
        .map(Option::label).collect(Collectors.toList());
    assertEquals(labels, documented, "the description's options, in dialog order");
  }

  static void checkPorts(List<Element> ports, String kind, int count, String factory) {
    List<Element> these = ports.stream().filter(p -> p.getLocalName().equals(kind))
        .collect(Collectors.toList());
    assertEquals(count, these.size(), factory + ": " + kind + " elements");
    for (int i = 0; i < these.size(); i++) {
      assertEquals(Integer.toString(i), these.get(i).getAttribute("index"));
      assertFalse(these.get(i).getAttribute("name").isBlank());
      assertFalse(these.get(i).getTextContent().isBlank());
      checkInline(these.get(i), false);
    }
  }

  static final Set<String> EXTENDED = Set.of("br", "b", "i", "u", "tt", "ul", "ol", "a", "sup",
      "sub", "p", "hr", "pre");
  static final Set<String> INTRO = Set.of("br", "b", "i", "u", "tt", "ul", "ol", "a", "sup",
      "sub", "p", "hr", "pre", "h3", "h4", "table");
  static final Set<String> MINIMAL = Set.of("br", "b", "i", "u", "tt");

  /** Elements of type xs:string in Node_v4.1.xsd: text only, no child elements. */
  static final Set<String> TEXT_ONLY = Set.of("b", "i", "u", "tt", "pre", "sup", "sub", "h3",
      "h4", "hr");

  /** The inline tags Node_v4.1.xsd allows where (intro, option or port text; lists; items). */
  static void checkInline(Element e, boolean intro) {
    checkTextOnly(e);
    for (Element c : children(e)) {
      String n = c.getLocalName();
      assertTrue((intro ? INTRO : EXTENDED).contains(n), "<" + n + "> is not allowed in <"
          + e.getLocalName() + ">");
      if (n.equals("ul") || n.equals("ol")) {
        for (Element li : children(c)) {
          assertEquals("li", li.getLocalName());
          for (Element inLi : children(li)) {
            assertTrue(MINIMAL.contains(inLi.getLocalName()) || inLi.getLocalName().equals("a"),
                "<" + inLi.getLocalName() + "> is not allowed in <li>");
          }
        }
      } else if (n.equals("p")) {
        for (Element inP : children(c)) {
          assertTrue(Set.of("br", "b", "i", "u", "tt", "ul", "ol", "a", "sup", "sub")
              .contains(inP.getLocalName()), "<" + inP.getLocalName() + "> is not allowed in <p>");
        }
      }
    }
  }

  static void checkTextOnly(Element e) {
    for (Element c : children(e)) {
      if (TEXT_ONLY.contains(c.getLocalName())) {
        assertTrue(children(c).isEmpty(), "<" + c.getLocalName() + "> holds text only, not <"
            + (children(c).isEmpty() ? "" : children(c).get(0).getLocalName()) + ">");
      }
      checkTextOnly(c);
    }
  }

  static void assertIcon(URL icon, String what) throws Exception {
    assertNotNull(icon, what + " missing");
    BufferedImage img = ImageIO.read(icon);
    assertNotNull(img, what + " is not an image");
    assertEquals(16, img.getWidth(), what);
    assertEquals(16, img.getHeight(), what);
  }
}
