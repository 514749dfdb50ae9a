package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Creates a node's model, dialog and views; KNIME instantiates it from {@code plugin.xml} through
 * its public no-arg constructor. The node's name, type, icon and port names come from the node
 * description {@code <FactorySimpleName>.xml} beside the factory class.
 */
public abstract class NodeFactory<T extends NodeModel> {

  /** The kinds of nodes (they decide the node's color in the workbench). */
  public static enum NodeType {
    Source,
    Sink,
    Learner,
    Predictor,
    Manipulator,
    Visualizer,
    Widget,
    Meta,
    LoopStart,
    LoopEnd,
    ScopeStart,
    ScopeEnd,
    @Deprecated
    QuickForm,
    Configuration,
    Other,
    Missing,
    Unknown,
    Subnode,
    VirtualIn,
    VirtualOut,
    Container
  }

  private Element description;

  /** For subclasses. */
  protected NodeFactory() {
  }

  /** @return a new model */
  public abstract T createNodeModel();

  /** @return the number of views */
  protected abstract int getNrNodeViews();

  /** @return view number {@code viewIndex} of the model */
  @Deprecated(since = "5.6", forRemoval = true)
  public abstract NodeView<T> createNodeView(final int viewIndex, final T nodeModel);

  /** @return whether the node has a dialog */
  @Deprecated(since = "5.6", forRemoval = true)
  protected abstract boolean hasDialog();

  /** @return a new dialog */
  @Deprecated(since = "5.6", forRemoval = true)
  protected abstract NodeDialogPane createNodeDialogPane();

  /** @return the {@code <name>} of the node description */
  public final String getNodeName() {
    return text("name", getClass().getSimpleName());
  }

  /** @return the name of an input port from the description, or null */
  public String getInportName(final int index) {
    return portName("inPort", index);
  }

  /** @return the name of an output port from the description, or null */
  public String getOutportName(final int index) {
    return portName("outPort", index);
  }

  /**
   * @return the icon named by the description, a path relative to the factory's package ("./"
   *     and "../" segments allowed), or null
   */
  public URL getIcon() {
    Element root = description();
    if (root == null || root.getAttribute("icon").isEmpty()) {
      return null;
    }
    String icon = root.getAttribute("icon").trim();
    String pkg = getClass().getPackageName().replace('.', '/');
    java.util.Deque<String> path = new java.util.ArrayDeque<>();
    for (String segment : (icon.startsWith("/") ? icon : pkg + "/" + icon).split("/")) {
      if (segment.equals("..")) {
        path.pollLast();
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        path.addLast(segment);
      }
    }
    return getClass().getResource("/" + String.join("/", path));
  }

  /** @return the description's {@code type} attribute, {@link NodeType#Unknown} when absent */
  public NodeType getType() {
    Element root = description();
    if (root == null || root.getAttribute("type").isEmpty()) {
      return NodeType.Unknown;
    }
    return NodeType.valueOf(root.getAttribute("type").trim());
  }

  private String text(String element, String fallback) {
    Element root = description();
    if (root == null) {
      return fallback;
    }
    NodeList l = root.getElementsByTagNameNS("*", element);
    return l.getLength() == 0 ? fallback : l.item(0).getTextContent().trim();
  }

  private String portName(String element, int index) {
    Element root = description();
    if (root == null) {
      return null;
    }
    NodeList l = root.getElementsByTagNameNS("*", element);
    for (int i = 0; i < l.getLength(); i++) {
      Element e = (Element) l.item(i);
      if (e.getAttribute("index").trim().equals(Integer.toString(index))) {
        return e.getAttribute("name");
      }
    }
    return null;
  }

  private synchronized Element description() {
    if (description == null) {
      String name = getClass().getSimpleName() + ".xml";
      try (InputStream in = getClass().getResourceAsStream(name)) {
        if (in == null) {
          NodeLogger.getLogger(getClass()).error("No node description " + name + " beside "
              + getClass().getName());
          return null;
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document d = f.newDocumentBuilder().parse(in);
        description = d.getDocumentElement();
      } catch (IOException | SAXException | ParserConfigurationException e) {
        NodeLogger.getLogger(getClass()).error("Cannot read node description " + name, e);
        return null;
      }
    }
    return description;
  }
}
