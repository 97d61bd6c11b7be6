package io.github.slo4j.micrometer.prometheus;

import java.time.Duration;

/** Durations in Prometheus' syntax: {@code 5m}, {@code 1h30m}, {@code 30d}, {@code 1500ms}. */
final class PromDuration {
  private static final long[] UNITS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  private static final String[] NAMES = {"d", "h", "m", "s", "ms"};

  private PromDuration() {}

  /**
   * {@code duration} in days, hours, minutes, seconds and milliseconds, largest first.
   *
   * @throws IllegalArgumentException when it is not a positive whole number of milliseconds
   */
  static String format(Duration duration) {
    if (duration.isNegative() || duration.isZero() || duration.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "window: " + describe(duration) + " (expected a positive whole number of milliseconds)");
    }
    long ms = duration.toMillis();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < UNITS.length; i++) {
      if (ms >= UNITS[i]) {
        sb.append(ms / UNITS[i]).append(NAMES[i]);
        ms %= UNITS[i];
      }
    }
    return sb.toString();
  }

  /** Any duration for a message, {@code PT0.5S} style when it cannot be {@linkplain #format formatted}. */
  static String describe(Duration duration) {
    return duration.isNegative() || duration.isZero() || duration.toNanos() % 1_000_000 != 0
        ? duration.toString()
        : format(duration);
  }
}
