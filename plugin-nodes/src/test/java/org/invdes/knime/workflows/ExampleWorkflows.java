package org.invdes.knime.workflows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.invdes.knime.InvdesNodeFactory;
import org.invdes.knime.InvdesNodeModel;
import org.invdes.knime.filter.CrystalStabilityFilterTesting;
import org.invdes.knime.learn.CrystalGeneratorLearnerTesting;
import org.invdes.knime.metrics.GenerationMetricsTesting;
import org.invdes.knime.read.CrystalReaderTesting;
import org.invdes.knime.sample.ConditionalCrystalSamplerTesting;
import org.invdes.knime.write.CrystalWriterTesting;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.config.Config;

/**
 * The example workflows of {@code workflows-examples/knime}, defined here once: which nodes,
 * with which settings (set on the real node models and saved by them), connected how. {@link
 * #files()} renders them in KNIME's on-disk format: per workflow a {@code workflow.knime} and one
 * {@code "<node name> (#<id>)/settings.xml"} per node, both XMLConfig documents. The test
 * compares the committed files with this rendering, so they cannot drift from the nodes.
 */
public final class ExampleWorkflows {
  /** The KNIME version written as the creator (the oldest KNIME the bundle supports). */
  static final String KNIME_VERSION = "5.5.0";
  /** The bundle's version. */
  static final String BUNDLE_VERSION = "0.1.0";

  private ExampleWorkflows() {}

  /** One node: id, factory and how its options differ from the defaults. */
  record Node(int id, InvdesNodeFactory<?> factory, Consumer<InvdesNodeModel<?>> settings,
      int x, int y) {

    /** @return the model with the node's settings */
    InvdesNodeModel<?> model() {
      InvdesNodeModel<?> m = (InvdesNodeModel<?>) NodeHarness.createModel(factory);
      settings.accept(m);
      return m;
    }

    /** @return the node's folder in the workflow */
    String folder() {
      return factory.getNodeName() + " (#" + id + ")";
    }
  }

  /** A connection; ports count from 1 (port 0 is the flow-variable port). */
  record Connection(int source, int sourcePort, int dest, int destPort) {}

  /** One workflow. */
  record Workflow(String name, String description, List<Node> nodes,
      List<Connection> connections) {

    Node node(int id) {
      return nodes.stream().filter(n -> n.id() == id).findFirst().orElseThrow();
    }
  }

  /** @return the example workflows */
  public static List<Workflow> all() {
    return List.of(perovskites(), screening());
  }

  /**
   * Inverse design of perovskites: the Perov-5 training split is read (1), a generator trained
   * on heat_ref (2) samples 1,000 structures at heat_ref = 0 eV/atom (3) — Perov-5's heat_ref
   * is a heat of formation, positive for most of its perovskites, and the hull check puts the
   * elements at 0, so only targets near or below 0 can pass it; they are filtered against the training
   * phases' hull (4) and written (5); Generation Metrics (6) compares them with the test split
   * (7) and the training split.
   */
  static Workflow perovskites() {
    List<Node> nodes = List.of(
        new Node(1, CrystalReaderTesting.factory(),
            m -> CrystalReaderTesting.location(m, "/data/perov_5/train.csv"), 100, 100),
        new Node(2, new org.invdes.knime.learn.CrystalGeneratorLearnerNodeFactory(),
            m -> CrystalGeneratorLearnerTesting.properties(m, "heat_ref"), 300, 100),
        new Node(3, new org.invdes.knime.sample.ConditionalCrystalSamplerNodeFactory(),
            m -> ConditionalCrystalSamplerTesting.targets(m, 1000, "heat_ref=0.0", 1), 500, 100),
        new Node(4, new org.invdes.knime.filter.CrystalStabilityFilterNodeFactory(),
            m -> CrystalStabilityFilterTesting.energies(m, "heat_ref", "heat_ref"), 700, 100),
        new Node(5, new org.invdes.knime.write.CrystalWriterNodeFactory(),
            m -> CrystalWriterTesting.folder(m, "/tmp/invdes/designed-perovskites"), 900, 100),
        new Node(6, new org.invdes.knime.metrics.GenerationMetricsNodeFactory(),
            m -> GenerationMetricsTesting.benchmark(m, "perov_5", "heat_ref"), 700, 300),
        new Node(7, CrystalReaderTesting.factory(),
            m -> CrystalReaderTesting.location(m, "/data/perov_5/test.csv"), 500, 300));
    List<Connection> connections = List.of(new Connection(1, 1, 2, 1),
        new Connection(2, 1, 3, 1), new Connection(3, 1, 4, 1), new Connection(1, 1, 4, 2),
        new Connection(4, 1, 5, 1), new Connection(3, 1, 6, 1), new Connection(7, 1, 6, 2),
        new Connection(1, 1, 6, 3));
    return new Workflow("Inverse-design-of-perovskites", "Train a generator on Perov-5, sample"
        + " perovskites at a target heat of formation, keep the stable ones, write them and"
        + " evaluate the generated set.", nodes, connections);
  }

  /**
   * Screen candidates: candidate structures (1) are filtered (3) against known phases (2) with
   * their formation energies; the kept ones are evaluated (4) against the known phases.
   */
  static Workflow screening() {
    List<Node> nodes = List.of(
        new Node(1, CrystalReaderTesting.factory(),
            m -> CrystalReaderTesting.location(m, "/data/candidates.csv"), 100, 100),
        new Node(2, CrystalReaderTesting.factory(),
            m -> CrystalReaderTesting.location(m, "/data/mp_20/train.csv"), 100, 300),
        new Node(3, new org.invdes.knime.filter.CrystalStabilityFilterNodeFactory(),
            m -> CrystalStabilityFilterTesting.energies(m, "formation_energy_per_atom",
                "formation_energy_per_atom"), 300, 100),
        new Node(4, new org.invdes.knime.metrics.GenerationMetricsNodeFactory(),
            m -> GenerationMetricsTesting.benchmark(m, "mp_20", ""), 500, 100));
    List<Connection> connections = List.of(new Connection(1, 1, 3, 1),
        new Connection(2, 1, 3, 2), new Connection(3, 1, 4, 1), new Connection(2, 1, 4, 2),
        new Connection(2, 1, 4, 3));
    return new Workflow("Screen-candidates", "Keep the plausible, unique and novel candidates"
        + " and evaluate them against known phases.", nodes, connections);
  }

  /** @return every file of every workflow, by path relative to the knime folder, as text */
  public static Map<String, String> files() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (Workflow w : all()) {
      out.put(w.name() + "/workflow.knime", xml(workflowKnime(w)));
      for (Node n : w.nodes()) {
        out.put(w.name() + "/" + n.folder() + "/settings.xml", xml(settingsXml(n, w)));
      }
    }
    return out;
  }

  private static NodeSettings workflowKnime(Workflow w) {
    NodeSettings s = new NodeSettings("workflow.knime");
    s.addString("created_by", KNIME_VERSION);
    s.addString("version", "5.1.0");
    s.addString("name", null);
    s.addString("customDescription", w.description());
    s.addString("state", "IDLE");
    Config nodes = s.addConfig("nodes");
    for (Node n : w.nodes()) {
      Config c = nodes.addConfig("node_" + n.id());
      c.addInt("id", n.id());
      c.addString("node_settings_file", n.folder() + "/settings.xml");
      c.addBoolean("node_is_meta", false);
      c.addString("node_type", "NativeNode");
      c.addString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
      Config ui = c.addConfig("ui_settings");
      ui.addIntArray("extrainfo.node.bounds", n.x(), n.y(), 122, 89);
    }
    Config connections = s.addConfig("connections");
    for (int i = 0; i < w.connections().size(); i++) {
      Connection k = w.connections().get(i);
      Config c = connections.addConfig("connection_" + i);
      c.addInt("sourceID", k.source());
      c.addInt("destID", k.dest());
      c.addInt("sourcePort", k.sourcePort());
      c.addInt("destPort", k.destPort());
    }
    return s;
  }

  private static NodeSettings settingsXml(Node n, Workflow w) {
    NodeSettings s = new NodeSettings("settings.xml");
    s.addString("node_file", "settings.xml");
    s.addString("factory", n.factory().getClass().getName());
    s.addString("node-name", n.factory().getNodeName());
    s.addString("node-bundle-name", "invdes KNIME nodes");
    s.addString("node-bundle-symbolic-name", "org.invdes.knime");
    s.addString("node-bundle-vendor", "invdes");
    s.addString("node-bundle-version", BUNDLE_VERSION);
    s.addString("state", "IDLE");
    s.addNodeSettings(NodeHarness.saveSettings(n.model()));
    Config ports = s.addConfig("ports");
    int outputs = NodeHarness.portCounts(n.model())[1];
    for (int p = 1; p <= outputs; p++) {
      Config c = ports.addConfig("port_" + p);
      c.addInt("index", p);
      c.addString("port_dir_location", null);
    }
    return s;
  }

  private static String xml(NodeSettings s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.saveToXML(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** @return the ids of the nodes whose input port (1-based) p has no connection */
  static List<String> unconnectedRequiredInputs(Workflow w) {
    List<String> out = new ArrayList<>();
    for (Node n : w.nodes()) {
      org.knime.core.node.port.PortType[] in = NodeHarness.inPortTypes(n.model());
      for (int p = 0; p < in.length; p++) {
        int port = p + 1;
        boolean connected = w.connections().stream()
            .anyMatch(c -> c.dest() == n.id() && c.destPort() == port);
        if (!connected && !in[p].isOptional()) {
          out.add(n.folder() + " input " + port);
        }
      }
    }
    return out;
  }
}
