package org.invdes.core.io.cif;

import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.Diagnostic;
import org.invdes.core.io.DiagnosticListener;

/**
 * Applies the parser's mode to the problems found in one parse: in strict mode a violation of
 * the syntax is thrown, in relaxed mode it becomes a warning and the parser recovers.
 */
final class Problems {

    private final String source;
    private final boolean strict;
    private final DiagnosticListener listener;
    private final List<Diagnostic> warnings = new ArrayList<>();
    /** Name of the block being read, for the diagnostics; null before the first block. */
    String block;

    Problems(String source, boolean strict, DiagnosticListener listener) {
        this.source = source;
        this.strict = strict;
        this.listener = listener;
    }

    /**
     * A violation of the CIF syntax. Strict: reported as an error and thrown. Relaxed: reported as
     * a warning that also says how the parser recovered, and the caller carries on.
     */
    void violation(int line, int column, String message, String recovery) throws CifSyntaxException {
        if (strict) {
            throw fatal(line, column, message);
        }
        warning(line, column, message + "; " + recovery);
    }

    /** Something legal but doubtful, or a tolerated deviation: a warning in both modes. */
    void warning(int line, int column, String message) {
        Diagnostic d = Diagnostic.warning(source, block, line, column, message);
        warnings.add(d);
        listener.report(d);
    }

    /** A problem the parser cannot recover from in any mode: reported, and returned to be thrown. */
    CifSyntaxException fatal(int line, int column, String message) {
        CifSyntaxException e = new CifSyntaxException(source, block, line, column, message);
        listener.report(e.toDiagnostic());
        return e;
    }

    List<Diagnostic> warnings() {
        return warnings;
    }
}
