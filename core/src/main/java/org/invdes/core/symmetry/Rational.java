package org.invdes.core.symmetry;

/**
 * An exact fraction {@code numerator/denominator} with a positive denominator, always reduced.
 *
 * <p>Package-private helper for the exact arithmetic of operation parsing and change of basis; the
 * values met in crystallography are tiny, and every operation checks for {@code long} overflow.
 */
final class Rational implements Comparable<Rational> {

  static final Rational ZERO = new Rational(0, 1);
  static final Rational ONE = new Rational(1, 1);

  private final long numerator;
  private final long denominator;

  private Rational(long numerator, long denominator) {
    this.numerator = numerator;
    this.denominator = denominator;
  }

  /** The reduced fraction {@code numerator/denominator}; the denominator must not be zero. */
  static Rational of(long numerator, long denominator) {
    if (denominator == 0) {
      throw new ArithmeticException("fraction " + numerator + "/0 has a zero denominator");
    }
    if (denominator < 0) {
      numerator = Math.negateExact(numerator);
      denominator = Math.negateExact(denominator);
    }
    long g = gcd(Math.abs(numerator), denominator);
    return new Rational(numerator / g, denominator / g);
  }

  static Rational of(long integer) {
    return new Rational(integer, 1);
  }

  long numerator() {
    return numerator;
  }

  long denominator() {
    return denominator;
  }

  boolean isInteger() {
    return denominator == 1;
  }

  boolean isZero() {
    return numerator == 0;
  }

  int signum() {
    return Long.signum(numerator);
  }

  Rational add(Rational other) {
    return of(
        Math.addExact(
            Math.multiplyExact(numerator, other.denominator),
            Math.multiplyExact(other.numerator, denominator)),
        Math.multiplyExact(denominator, other.denominator));
  }

  Rational subtract(Rational other) {
    return add(other.negate());
  }

  Rational multiply(Rational other) {
    return of(
        Math.multiplyExact(numerator, other.numerator),
        Math.multiplyExact(denominator, other.denominator));
  }

  Rational divide(Rational other) {
    if (other.numerator == 0) {
      throw new ArithmeticException("division of " + this + " by zero");
    }
    return of(
        Math.multiplyExact(numerator, other.denominator),
        Math.multiplyExact(denominator, other.numerator));
  }

  Rational negate() {
    return new Rational(Math.negateExact(numerator), denominator);
  }

  /** This value minus its floor: the representative in [0, 1). */
  Rational fractionalPart() {
    long floor = Math.floorDiv(numerator, denominator);
    return of(numerator - floor * denominator, denominator);
  }

  double doubleValue() {
    return (double) numerator / denominator;
  }

  @Override
  public int compareTo(Rational other) {
    return Long.compare(
        Math.multiplyExact(numerator, other.denominator),
        Math.multiplyExact(other.numerator, denominator));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rational r && r.numerator == numerator && r.denominator == denominator;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(numerator) * 31 + Long.hashCode(denominator);
  }

  @Override
  public String toString() {
    return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a == 0 ? 1 : a;
  }
}
