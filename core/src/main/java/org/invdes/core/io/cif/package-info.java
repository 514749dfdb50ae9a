/**
 * The CIF syntax layer: {@link org.invdes.core.io.cif.CifParser} reads CIF 1.1 and CIF 2.0 text
 * into {@link org.invdes.core.io.cif.CifFile}s made of {@link org.invdes.core.io.cif.CifBlock}s,
 * {@link org.invdes.core.io.cif.CifLoop}s and {@link org.invdes.core.io.cif.CifValue}s. No
 * crystallography happens here; turning blocks into structures is a later stage.
 *
 * <p>Data names and block codes are compared ignoring case. Line and column numbers are 1-based
 * (columns in UTF-16 code units); 0 marks objects built in code rather than parsed.
 */
package org.invdes.core.io.cif;
