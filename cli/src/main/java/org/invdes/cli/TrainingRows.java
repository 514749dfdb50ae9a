package org.invdes.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.invdes.core.io.DatasetCsv;
import org.invdes.core.io.ReadResult;
import org.invdes.core.structure.Structure;

/**
 * The readable structures of a training table. Rows whose CIF cannot be read are skipped and
 * reported in one warning that counts them and quotes the first error.
 *
 * @param structures the readable rows' structures, in table order
 * @param unreadable how many rows were skipped
 */
record TrainingRows(List<Structure> structures, int unreadable) {

  /** Collects the readable rows of {@code table}, warning once on {@code err} about the rest. */
  static TrainingRows of(DatasetCsv.Table table, PrintWriter err) {
    List<Structure> structures = new ArrayList<>();
    int unreadable = 0;
    String firstError = null;
    for (ReadResult r : table.rows()) {
      if (r.ok()) {
        structures.add(r.structure());
      } else {
        unreadable++;
        if (firstError == null) {
          firstError = r.error().getMessage();
        }
      }
    }
    if (unreadable > 0) {
      err.println("invdes: warning: " + unreadable + " of " + table.rows().size()
          + " rows could not be read and are skipped (first: " + firstError + ")");
    }
    return new TrainingRows(List.copyOf(structures), unreadable);
  }
}
