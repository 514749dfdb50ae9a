package org.invdes.core.io;

/**
 * Receives the {@link Diagnostic}s a reader produces, in the order it finds them.
 *
 * <p>Listeners are called on the reading thread. An exception thrown by a listener propagates
 * out of the reader unchanged.
 */
@FunctionalInterface
public interface DiagnosticListener {

    /**
     * Receives one diagnostic.
     *
     * @param diagnostic the problem found, never null
     */
    void report(Diagnostic diagnostic);

    /**
     * Returns a listener that drops everything.
     *
     * @return the listener
     */
    static DiagnosticListener ignoring() {
        return d -> { };
    }
}
