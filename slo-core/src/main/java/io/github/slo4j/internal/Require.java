package io.github.slo4j.internal;

import java.time.Duration;

/**
 * Argument checks whose messages follow one shape: {@code name: value (expected ...)}.
 *
 * <p>Not part of the public API.
 */
public final class Require {
  private Require() {}

  /** Fails with {@code name: value (expected expectation)}. */
  public static IllegalArgumentException invalid(String name, Object value, String expectation) {
    return new IllegalArgumentException(name + ": " + value + " (expected " + expectation + ")");
  }

  public static <T> T nonNull(String name, T value) {
    if (value == null) {
      throw invalid(name, "null", "a value");
    }
    return value;
  }

  public static long nonNegative(String name, long value) {
    if (value < 0) {
      throw invalid(name, value, ">= 0");
    }
    return value;
  }

  public static double finiteNonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw invalid(name, value, "a finite number >= 0");
    }
    return value;
  }

  public static double finitePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(name, value, "a finite number > 0");
    }
    return value;
  }

  /** A ratio in [0, 1]. */
  public static double unitInterval(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw invalid(name, value, "0 <= " + name + " <= 1");
    }
    return value;
  }

  /** Checks {@code 0 <= good <= total}. */
  public static void counts(long good, long total) {
    nonNegative("good", good);
    nonNegative("total", total);
    if (good > total) {
      throw invalid("good", good, "<= total (" + total + ")");
    }
  }

  public static Duration positive(String name, Duration value) {
    nonNull(name, value);
    if (value.isNegative() || value.isZero()) {
      throw invalid(name, DurationFormat.format(value), "a duration > 0");
    }
    return value;
  }
}
