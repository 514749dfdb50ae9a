/**
 * Progress reporting and cancellation for long-running work: one small interface, {@link
 * org.invdes.core.progress.ProgressMonitor}, that front ends adapt (KNIME's {@code
 * ExecutionMonitor}, the command line's progress bar), and the unchecked {@link
 * org.invdes.core.progress.CancelledException} that work throws when the user cancels it.
 */
package org.invdes.core.progress;
