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

  /**
   * Refuses a null argument as the JDK and Caffeine do, with a {@link NullPointerException} whose
   * message names the parameter in the shape of every other check: {@code name: null (expected a
   * value)}.
   */
  public static <T> T nonNull(String name, T value) {
    if (value == null) {
      throw new NullPointerException(name + ": null (expected a value)");
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

  /**
   * The one check that a window fits in the compliance period: {@code name: 31d (expected <= the
   * compliance period (30d))}.
   */
  public static Duration withinPeriod(String name, Duration window, Duration period) {
    return withinPeriod(name, window, period, "");
  }

  /**
   * As {@link #withinPeriod(String, Duration, Duration)}, naming what the window belongs to after
   * the period: {@code long window: 2d (expected <= the compliance period (1d) for tier ...)}.
   */
  public static Duration withinPeriod(String name, Duration window, Duration period, String of) {
    if (window.compareTo(period) > 0) {
      throw invalid(
          name,
          DurationFormat.format(window),
          "<= the compliance period (" + DurationFormat.format(period) + ")" + (of.isEmpty() ? "" : " for " + of));
    }
    return window;
  }

  public static Duration positive(String name, Duration value) {
    nonNull(name, value);
    if (value.isNegative() || value.isZero()) {
      throw invalid(name, DurationFormat.format(value), "a duration > 0");
    }
    return value;
  }
}
