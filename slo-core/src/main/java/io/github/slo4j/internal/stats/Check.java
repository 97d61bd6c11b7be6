package io.github.slo4j.internal.stats;

import io.github.slo4j.internal.Require;

/** The argument checks of this package: messages of the shape {@code name: value (expected ...)}. */
final class Check {
  private Check() {}

  /** {@code 0 < value < 1}: a significance level or a probability strictly inside the unit interval. */
  static double openUnit(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw Require.invalid(name, value, "0 < " + name + " < 1");
    }
    return value;
  }

  /** {@code 0 <= value <= 1}. */
  static double closedUnit(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw Require.invalid(name, value, "0 <= " + name + " <= 1");
    }
    return value;
  }

  /** A finite number {@code > 0}. */
  static double positive(String name, double value) {
    return Require.finitePositive(name, value);
  }

  /** A count that a double holds exactly: {@code 0 <= value <= 2^53}. */
  static long count(String name, long value) {
    if (value < 0 || value > MAX_COUNT) {
      throw Require.invalid(name, value, "0 <= " + name + " <= 2^53");
    }
    return value;
  }

  /** {@code count(part)}, {@code count(whole)} and {@code part <= whole}. */
  static void partOf(String partName, long part, String wholeName, long whole) {
    count(wholeName, whole);
    count(partName, part);
    if (part > whole) {
      throw Require.invalid(partName, part, "<= " + wholeName + " (" + whole + ")");
    }
  }

  /** The largest count a double holds exactly, and so the largest this package accepts. */
  static final long MAX_COUNT = 1L << 53;
}
