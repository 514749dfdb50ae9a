package org.invdes.knime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;

/** Shared test fixtures: the repository's examples, hand-built structures, table helpers. */
public final class NodeTests {
  private NodeTests() {}

  /** @return the repository's examples folder (CIFs written for this project) */
  public static Path examples() {
    String root = System.getProperty("invdes.root");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    Path ex = base.resolve("examples");
    if (!Files.isDirectory(ex)) {
      throw new IllegalStateException("no examples folder at " + ex);
    }
    return ex;
  }

  /**
   * Rock salt NaCl, conventional cell: a = 5.64 Å, Na on the face-centred positions, Cl shifted
   * by (½, 0, 0) — 4 formula units, nearest Na–Cl distance a/2 = 2.82 Å.
   */
  public static Structure rockSalt(double a) {
    List<Element> el = new ArrayList<>();
    List<double[]> xyz = new ArrayList<>();
    double[][] fcc = {{0, 0, 0}, {0, .5, .5}, {.5, 0, .5}, {.5, .5, 0}};
    for (double[] p : fcc) {
      el.add(Element.of("Na"));
      xyz.add(p.clone());
    }
    for (double[] p : fcc) {
      el.add(Element.of("Cl"));
      xyz.add(new double[] {(p[0] + .5) % 1, p[1], p[2]});
    }
    return Structure.of(Lattice.cubic(a), el, xyz);
  }

  /** Body-centred cubic iron, a = 2.87 Å: 2 atoms, nearest neighbours a√3/2 = 2.485 Å apart. */
  public static Structure bccIron() {
    return Structure.of(Lattice.cubic(2.87), List.of(Element.of("Fe"), Element.of("Fe")),
        List.of(new double[] {0, 0, 0}, new double[] {.5, .5, .5}));
  }

  /** @return the rows of a table */
  public static List<DataRow> rows(BufferedDataTable t) {
    List<DataRow> out = new ArrayList<>();
    for (DataRow r : t) {
      out.add(r);
    }
    return out;
  }

  /** @return the cell of the named column */
  public static DataCell cell(BufferedDataTable t, DataRow r, String column) {
    int i = t.getDataTableSpec().findColumnIndex(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + column + " in "
          + t.getDataTableSpec());
    }
    return r.getCell(i);
  }

  /** @return the settings as XMLConfig text */
  public static String xml(NodeSettings s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.saveToXML(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** @return the settings written to XML and read back, as a workflow save and load does */
  public static NodeSettingsRO throughXml(NodeSettings s) throws IOException {
    return NodeSettings.loadFromXML(new ByteArrayInputStream(xml(s).getBytes(
        StandardCharsets.UTF_8)));
  }
}
