package org.invdes.knime.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.invdes.knime.DescriptionTest;
import org.invdes.knime.NodeTests;
import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.config.base.ConfigBaseRO;
import org.knime.core.node.port.PortType;

/**
 * The example workflows in {@code workflows-examples/knime}: the committed files are exactly
 * what {@link ExampleWorkflows} renders (run with {@code -Dinvdes.regenerate.workflows=true} to
 * write them after changing a node's settings), every node names a factory that plugin.xml
 * lists, its {@code model} settings load through that node model's {@code validateSettings} and
 * {@code loadValidatedSettingsFrom}, and every connection joins an output to an input of a
 * compatible type.
 */
class ExampleWorkflowsTest {

  static Path knimeFolder() {
    String root = System.getProperty("invdes.root");
    Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    return base.resolve("workflows-examples").resolve("knime");
  }

  @Test
  void theCommittedFilesAreTheRenderedWorkflows() throws Exception {
    Map<String, String> files = ExampleWorkflows.files();
    Path folder = knimeFolder();
    if (Boolean.getBoolean("invdes.regenerate.workflows")) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = folder.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
    }
    TreeSet<String> onDisk = new TreeSet<>();
    for (ExampleWorkflows.Workflow w : ExampleWorkflows.all()) {
      try (Stream<Path> walk = Files.walk(folder.resolve(w.name()))) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().endsWith(".knime")
                || p.getFileName().toString().equals("settings.xml"))
            .forEach(p -> onDisk.add(folder.relativize(p).toString().replace('\\', '/')));
      }
    }
    assertEquals(new TreeSet<>(files.keySet()), onDisk);
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertEquals(f.getValue(), Files.readString(folder.resolve(f.getKey()),
          StandardCharsets.UTF_8), f.getKey() + " differs from the rendering; regenerate");
    }
  }

  /** Reads the committed files as KNIME would and loads every node's settings. */
  @Test
  void everyNodeOfTheCommittedWorkflowsLoads() throws Exception {
    List<String> factories = DescriptionTest.factories();
    for (ExampleWorkflows.Workflow w : ExampleWorkflows.all()) {
      Path dir = knimeFolder().resolve(w.name());
      NodeSettingsRO workflow = load(dir.resolve("workflow.knime"));
      org.knime.core.node.config.Config nodes = workflow.getConfig("nodes");
      List<Integer> ids = new ArrayList<>();
      for (String key : nodes.keySet()) {
        ConfigBaseRO n = nodes.getConfig(key);
        ids.add(n.getInt("id"));
        NodeSettingsRO settings = load(dir.resolve(n.getString("node_settings_file")));
        String factory = settings.getString("factory");
        assertTrue(factories.contains(factory), factory + " is not in plugin.xml");
        NodeFactory<?> f = (NodeFactory<?>) Class.forName(factory).getConstructor()
            .newInstance();
        assertEquals(f.getNodeName(), settings.getString("node-name"));
        NodeModel model = NodeHarness.createModel(f);
        NodeHarness.loadSettings(model, settings.getNodeSettings("model"));
        NodeSettings saved = NodeHarness.saveSettings(model);
        assertEquals(NodeTests.xml((NodeSettings) settings.getNodeSettings("model")),
            NodeTests.xml(saved), dir + " " + key + ": the model settings round trip");
      }
      org.knime.core.node.config.Config connections = workflow.getConfig("connections");
      for (String key : connections.keySet()) {
        ConfigBaseRO c = connections.getConfig(key);
        int source = c.getInt("sourceID");
        int dest = c.getInt("destID");
        assertTrue(ids.contains(source) && ids.contains(dest), key);
        PortType out = NodeHarness.outPortTypes(w.node(source).model())[c.getInt("sourcePort")
            - 1];
        PortType in = NodeHarness.inPortTypes(w.node(dest).model())[c.getInt("destPort") - 1];
        assertTrue(in.isSuperTypeOf(out), w.name() + " " + key + ": " + out + " into " + in);
      }
      assertEquals(List.of(), ExampleWorkflows.unconnectedRequiredInputs(w), w.name());
    }
  }

  static NodeSettingsRO load(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return NodeSettings.loadFromXML(in);
    }
  }
}
