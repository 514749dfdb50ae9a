package org.invdes.knime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates every node description against KNIME's own {@code Node_v4.1.xsd} when its path is
 * given as the system property {@code knime.node.xsd} (e.g. {@code
 * -Dknime.node.xsd=../knime-core/org.knime.core/src/eclipse/org/knime/core/node/Node_v4.1.xsd});
 * the schema is KNIME's and stays out of this repository, so by default the test is skipped and
 * {@link DescriptionTest} checks the rules that matter.
 */
class DescriptionXsdTest {

  static java.util.List<String> factories() throws Exception {
    return DescriptionTest.factories();
  }

  @ParameterizedTest
  @MethodSource("factories")
  void validatesAgainstKnimesSchema(String factoryClass) throws Exception {
    String xsd = System.getProperty("knime.node.xsd");
    assumeTrue(xsd != null && Files.exists(Path.of(xsd)),
        "set -Dknime.node.xsd to KNIME's Node_v4.1.xsd to validate the node descriptions");
    Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(Path.of(xsd).toFile());
    Class<?> c = Class.forName(factoryClass);
    try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".xml")) {
      schema.newValidator().validate(new StreamSource(in));
    }
  }
}
