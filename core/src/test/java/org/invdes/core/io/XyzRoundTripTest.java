package org.invdes.core.io;

class XyzRoundTripTest extends FormatRoundTripContract {
  @Override
  String fileName() {
    return "out.xyz";
  }

  @Override
  boolean holdsDisorder() {
    return false;
  }
}
