package io.github.slo4j.recorder;

import io.github.slo4j.internal.Require;

/**
 * Cumulative event counts of one target: what {@link SloRecorder#cumulative(io.github.slo4j.Target)}
 * returns, and what a monotonic counter (a Micrometer {@code FunctionCounter}, a Prometheus
 * {@code _total}) publishes. Always in events, whatever the SLO's budgeting method.
 *
 * @param good good events
 * @param total all events
 */
public record EventCounts(long good, long total) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException unless {@code 0 <= good <= total}
   */
  public EventCounts {
    Require.counts(good, total);
  }

  /** Bad events: {@code total − good}. */
  public long bad() {
    return total - good;
  }

  /** {@code EventCounts[12/3400 bad]}. */
  @Override
  public String toString() {
    return "EventCounts[" + bad() + "/" + total + " bad]";
  }
}
