package org.invdes.core.model;

/**
 * The values a property took in the training rows, in the property's own unit.
 *
 * @param name the property name (a dataset column)
 * @param min the smallest training value
 * @param max the largest training value
 * @param count how many training rows had a value
 */
public record PropertyRange(String name, double min, double max, int count) {
  /** True when min ≤ value ≤ max. */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }
}
