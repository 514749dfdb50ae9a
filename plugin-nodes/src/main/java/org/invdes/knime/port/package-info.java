/**
 * The Crystal Generator port: a trained generator ({@link
 * org.invdes.knime.port.GeneratorPortObject}) and what is known of it before execution ({@link
 * org.invdes.knime.port.GeneratorPortObjectSpec}), registered through KNIME's {@code
 * org.knime.core.PortType} extension point.
 */
package org.invdes.knime.port;
