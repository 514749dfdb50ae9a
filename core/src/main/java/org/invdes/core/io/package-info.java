/**
 * Reading and writing of structure files: the project-wide checked exception
 * {@link org.invdes.core.io.StructureIOException} and the {@link org.invdes.core.io.Diagnostic}
 * records through which readers report problems they could recover from.
 *
 * <p>Line and column numbers are 1-based everywhere in this package; 0 means "not known". Columns
 * count UTF-16 code units from the start of the line.
 */
package org.invdes.core.io;
