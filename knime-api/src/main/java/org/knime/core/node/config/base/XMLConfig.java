package org.knime.core.node.config.base;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes configs in KNIME's XMLConfig format (namespace {@value #NAMESPACE}, schema
 * {@code XMLConfig_2008_09.xsd}), the format of {@code settings.xml} and {@code workflow.knime}:
 * {@code <config key>} elements holding {@code <entry key type value [isnull]/>} elements and
 * nested configs. Values escape characters below U+0020 and above U+D7FF, and a '%' followed by
 * '%', as {@code %%} plus five decimal digits of the character code, as KNIME does.
 */
public final class XMLConfig {
  /** The XMLConfig namespace. */
  static final String NAMESPACE = "http://www.knime.org/2008/09/XMLConfig";

  private static final Set<String> TYPES = Set.of("xstring", "xint", "xlong", "xdouble",
      "xboolean", "xfloat", "xshort", "xbyte", "xchar");

  private XMLConfig() {}

  /**
   * Reads the stream into the config: the root {@code <config>} element's entries and nested
   * configs are added to {@code c}. DOCTYPE declarations and external entities are ignored.
   *
   * @throws SAXException if the stream is not well-formed XMLConfig (an unknown element or entry
   *     type, a missing key)
   */
  public static void load(final ConfigBase c, final InputStream in)
      throws SAXException, IOException, ParserConfigurationException {
    SAXParserFactory f = SAXParserFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.newSAXParser().parse(in, new Handler(c));
  }

  private static final class Handler extends DefaultHandler {
    private final ConfigBase root;
    private final Deque<ConfigBase> open = new ArrayDeque<>();

    Handler(ConfigBase root) {
      this.root = root;
    }

    @Override
    public InputSource resolveEntity(String publicId, String systemId) {
      return new InputSource(new StringReader(""));
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes a)
        throws SAXException {
      String name = localName.isEmpty() ? qName : localName;
      String key = a.getValue("key");
      if (key == null) {
        throw new SAXException("<" + name + "> without a key attribute");
      }
      if (name.equals("config")) {
        if (open.isEmpty()) {
          root.setKey(key);
          open.push(root);
        } else {
          open.push(open.peek().addConfigBase(key));
        }
      } else if (name.equals("entry")) {
        if (open.isEmpty()) {
          throw new SAXException("<entry key=\"" + key + "\"> outside a <config>");
        }
        String type = a.getValue("type");
        if (type == null || !TYPES.contains(type)) {
          throw new SAXException("entry \"" + key + "\" has type '" + type + "'; XMLConfig types"
              + " are " + TYPES);
        }
        boolean isNull = "true".equals(a.getValue("isnull"));
        String value = a.getValue("value");
        open.peek().putLeaf(key, type, isNull ? null : unescape(value == null ? "" : value));
      } else {
        throw new SAXException("unexpected element <" + name + "> in an XMLConfig");
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      String name = localName.isEmpty() ? qName : localName;
      if (name.equals("config")) {
        open.pop();
      }
    }
  }

  /** Writes the config as an XMLConfig document (UTF-8) and closes the stream. */
  public static void save(final ConfigBase config, final OutputStream output)
      throws IOException {
    try (Writer w = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8))) {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      write(config, w, 0);
    }
  }

  private static void write(ConfigBase c, Writer w, int depth) throws IOException {
    String indent = "    ".repeat(depth);
    w.write(indent);
    w.write("<config");
    if (depth == 0) {
      w.write(" xmlns=\"" + NAMESPACE + "\""
          + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
          + " xsi:schemaLocation=\"" + NAMESPACE + " http://www.knime.org/XMLConfig_2008_09.xsd\"");
    }
    w.write(" key=\"" + attribute(c.getKey()) + "\">\n");
    for (Map.Entry<String, Object> e : c.entries().entrySet()) {
      if (e.getValue() instanceof ConfigBase) {
        write((ConfigBase) e.getValue(), w, depth + 1);
      } else {
        ConfigBase.Leaf l = (ConfigBase.Leaf) e.getValue();
        w.write(indent + "    <entry key=\"" + attribute(e.getKey()) + "\" type=\"" + l.type + "\"");
        if (l.text == null) {
          w.write(" isnull=\"true\" value=\"\"/>\n");
        } else {
          w.write(" value=\"" + attribute(escape(l.text)) + "\"/>\n");
        }
      }
    }
    w.write(indent + "</config>\n");
  }

  /** KNIME's value escaping: see the class description. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean percentPair = c == '%' && i + 1 < s.length() && s.charAt(i + 1) == '%';
      if (c < 32 || c > 0xd7ff || percentPair) {
        b.append("%%").append(String.format("%05d", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The inverse of {@link #escape}; text without escapes is returned unchanged. */
  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '%' && i + 6 < s.length() && s.charAt(i + 1) == '%'
          && allDigits(s, i + 2, i + 7)) {
        b.append((char) Integer.parseInt(s.substring(i + 2, i + 7)));
        i += 6;
      } else {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** XML attribute escaping of the five special characters. */
  private static String attribute(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&': b.append("&amp;"); break;
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '"': b.append("&quot;"); break;
        case '\'': b.append("&apos;"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }
}
