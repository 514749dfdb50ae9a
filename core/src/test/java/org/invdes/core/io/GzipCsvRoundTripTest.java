package org.invdes.core.io;

class GzipCsvRoundTripTest extends FormatRoundTripContract {
  @Override
  String fileName() {
    return "out.csv.gz";
  }

  @Override
  boolean holdsDisorder() {
    return true;
  }
}
