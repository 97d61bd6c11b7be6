package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The events of one target over one trailing window: good, bad and total counts, and how much of
 * the window the data actually covers.
 *
 * <p><b>No data.</b> When {@code total} is 0 there is no error ratio and no burn rate: {@link
 * #hasData()} is false and {@link #errorRatio()} and {@link #burnRate(Objective)} are empty. This is
 * the only representation of no data in slo4j; no NaN, 0 % or −1 ever stands for it.
 *
 * @param window the window length asked for
 * @param good good events in the window
 * @param total all events in the window
 * @param covered how much of the window the data covers, from zero to {@code window}: a process up
 *     for 20 minutes covers 20 minutes of a 1-hour window
 */
public record WindowCounts(Duration window, long good, long total, Duration covered) {

  /** Validates the components. */
  public WindowCounts {
    Require.positive("window", window);
    Require.counts(good, total);
    Require.nonNull("covered", covered);
    if (covered.isNegative() || covered.compareTo(window) > 0) {
      throw Require.invalid("covered", covered, "0 <= covered <= window (" + window + ")");
    }
  }

  /** Bad events: {@code total − good}. */
  public long bad() {
    return total - good;
  }

  /** Whether the window saw any events. */
  public boolean hasData() {
    return total > 0;
  }

  /** {@code bad ÷ total}; empty with no data. */
  public OptionalDouble errorRatio() {
    return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bad() / total);
  }

  /** {@code errorRatio ÷ (1 − objective)}; empty with no data. */
  public OptionalDouble burnRate(Objective objective) {
    Require.nonNull("objective", objective);
    // bad ÷ (total × budget): one rounding fewer than (bad ÷ total) ÷ budget, so 144 bad of 10,000
    // at 99.9 % is 14.4, not 14.399999999999999
    return total == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of(bad() / (total * objective.errorBudget()));
  }

  /** The fraction of the window the data covers, from 0 to 1. */
  public double coverage() {
    return (double) covered.toNanos() / window.toNanos();
  }

  /**
   * The counts with durations in the compact format of alerts: {@code WindowCounts[1h: 12/3400 bad,
   * covered 1h]}, or {@code WindowCounts[5m: no data, covered 0s]} with no events.
   */
  @Override
  public String toString() {
    return "WindowCounts["
        + DurationFormat.format(window)
        + ": "
        + (total == 0 ? "no data" : bad() + "/" + total + " bad")
        + ", covered "
        + DurationFormat.format(covered)
        + "]";
  }
}
