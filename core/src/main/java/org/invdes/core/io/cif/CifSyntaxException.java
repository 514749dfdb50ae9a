package org.invdes.core.io.cif;

import org.invdes.core.io.Diagnostic;
import org.invdes.core.io.StructureIOException;

/**
 * A CIF breaks the CIF syntax in a way the parser does not (or, in strict mode, may not) recover
 * from. The message names the source, line, column, block and the problem, for example
 * {@code broken.cif line 12, column 1 (data_nice): unterminated quoted string starting 'x,y}.
 */
public class CifSyntaxException extends StructureIOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source name of the file or stream being read, not null
     * @param block name of the data block the problem is in, or null
     * @param line 1-based line, or 0 when not known
     * @param column 1-based column (UTF-16 code units), or 0 when not known
     * @param detail what is wrong, not null
     */
    public CifSyntaxException(String source, String block, int line, int column, String detail) {
        super(source, block, line, column, detail);
    }

    /**
     * @return the problem as an {@link Diagnostic.Severity#ERROR} diagnostic
     */
    public Diagnostic toDiagnostic() {
        return Diagnostic.error(source(), block(), line(), column(), detail());
    }
}
