package org.invdes.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;

/**
 * What every invdes node must do with its settings and dialog; one subclass per node adds the
 * node's own configure and execute tests.
 *
 * @param <M> the node model
 */
public abstract class NodeContractTest<M extends InvdesNodeModel<?>> {
  @TempDir
  protected Path tmp;

  /** @return the node's factory */
  protected abstract InvdesNodeFactory<M> factory();

  /** @return a model whose every option differs from its default, valid for goodSpecs() */
  protected abstract M changedModel() throws Exception;

  /** @return input specs the changed model configures with */
  protected abstract PortObjectSpec[] goodSpecs() throws Exception;

  @Test
  void settingsSurviveSaveLoadAndXml() throws Exception {
    NodeSettings saved = NodeHarness.saveSettings(changedModel());
    for (Option<?> o : changedModel().options().options()) {
      assertTrue(saved.containsKey(o.key()), o.key());
    }
    M fresh = factory().createNodeModel();
    NodeHarness.loadSettings(fresh, NodeTests.throughXml(saved));
    assertEquals(NodeTests.xml(saved), NodeTests.xml(NodeHarness.saveSettings(fresh)));
  }

  /**
   * @return keys of options the fixture cannot change because they offer one value only (e.g. a
   *     type choice that will grow later)
   */
  protected java.util.Set<String> singleValueOptions() {
    return java.util.Set.of();
  }

  /** Every option is changed by changedModel(), so none is forgotten by save or load. */
  @Test
  void everyOptionIsChangedByTheFixture() throws Exception {
    M changed = changedModel();
    M defaults = factory().createNodeModel();
    for (int i = 0; i < changed.options().options().size(); i++) {
      if (singleValueOptions().contains(changed.options().options().get(i).key())) {
        continue;
      }
      NodeSettings a = new NodeSettings("a");
      NodeSettings b = new NodeSettings("a");
      changed.options().options().get(i).model().saveSettingsTo(a);
      defaults.options().options().get(i).model().saveSettingsTo(b);
      assertNotEquals(NodeTests.xml(a), NodeTests.xml(b),
          "option " + changed.options().options().get(i) + " keeps its default in the fixture");
    }
  }

  @Test
  void theDialogShowsAndSavesTheModelsSettings() throws Exception {
    NodeSettings saved = NodeHarness.saveSettings(changedModel());
    NodeDialogPane dialog = NodeHarness.createDialog(factory());
    NodeHarness.loadDialog(dialog, saved, goodSpecs());
    assertEquals(NodeTests.xml(saved), NodeTests.xml(NodeHarness.saveDialog(dialog)));
  }

  @Test
  void aMissingOptionIsNamed() throws Exception {
    M m = changedModel();
    Option<?> first = m.options().options().get(0);
    NodeSettings without = new NodeSettings("model");
    for (Option<?> o : m.options().options()) {
      if (o != first) {
        o.model().saveSettingsTo(without);
      }
    }
    InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
        () -> NodeHarness.validateSettings(factory().createNodeModel(), without));
    assertTrue(e.getMessage().contains("'" + first.label() + "'"), e.getMessage());
  }

  @Test
  void theChangedModelConfigures() throws Exception {
    PortObjectSpec[] out = NodeHarness.configure(changedModel(), goodSpecs());
    assertEquals(NodeHarness.portCounts(factory().createNodeModel())[1], out.length);
  }

  @Test
  void factoryHasADialogAndNoViews() {
    assertTrue(NodeHarness.hasDialog(factory()));
    assertEquals(0, NodeHarness.viewCount(factory()));
  }
}
