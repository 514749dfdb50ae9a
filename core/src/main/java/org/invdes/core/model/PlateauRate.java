package org.invdes.core.model;

import ai.djl.training.tracker.Tracker;

/**
 * Adam's learning rate for the library's training loops: constant, halved by the loop on
 * validation plateaus, down to 1/64 of the initial rate.
 */
public final class PlateauRate implements Tracker {
  private final float initial;
  private volatile float value;

  /** @param initial the initial learning rate */
  public PlateauRate(float initial) {
    this.initial = initial;
    this.value = initial;
  }

  /** Halves the rate unless it is at its floor; true if it changed. */
  public boolean halve() {
    if (value <= initial / 64) {
      return false;
    }
    value /= 2;
    return true;
  }

  @Override
  public float getNewValue(int numUpdate) {
    return value;
  }
}
