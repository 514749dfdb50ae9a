/** The invdes KNIME nodes: shared base classes; one sub-package per node. */
package org.invdes.knime;
