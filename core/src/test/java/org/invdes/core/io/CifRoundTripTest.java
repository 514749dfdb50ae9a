package org.invdes.core.io;

class CifRoundTripTest extends FormatRoundTripContract {
  @Override
  String fileName() {
    return "out.cif";
  }

  @Override
  boolean holdsDisorder() {
    return true;
  }
}
