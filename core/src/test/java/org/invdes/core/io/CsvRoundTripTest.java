package org.invdes.core.io;

class CsvRoundTripTest extends FormatRoundTripContract {
  @Override
  String fileName() {
    return "out.csv";
  }

  @Override
  boolean holdsDisorder() {
    return true;
  }
}
