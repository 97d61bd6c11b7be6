package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;

/**
 * One threshold of a latency SLI with its own objective: "90 % of requests succeed within 100 ms"
 * is {@code LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90"))}. A request is
 * good for this threshold when it succeeds and its latency is at most (≤) the threshold, as
 * Prometheus's {@code le} buckets count.
 *
 * @param threshold the latency bound, positive, a whole number of microseconds
 * @param objective the fraction of requests that must be good for this threshold
 */
public record LatencyThreshold(Duration threshold, Objective objective) {

  /**
   * Validates the components.
   *
   * @param threshold the latency bound, positive, a whole number of microseconds
   * @param objective the fraction of requests that must be good for this threshold
   */
  public LatencyThreshold {
    Require.positive("latency threshold", threshold);
    if (threshold.toNanos() % 1_000 != 0) {
      throw Require.invalid(
          "latency threshold", DurationFormat.format(threshold), "a whole number of microseconds");
    }
    Require.nonNull("objective", objective);
  }

  /**
   * Same as the canonical constructor; reads better at call sites.
   *
   * @param threshold the latency bound, positive, a whole number of microseconds
   * @param objective the fraction of requests that must be good for this threshold
   * @return the threshold
   */
  public static LatencyThreshold of(Duration threshold, Objective objective) {
    return new LatencyThreshold(threshold, objective);
  }

  /** {@code 90% <= 100ms}. */
  @Override
  public String toString() {
    return objective + " <= " + DurationFormat.format(threshold);
  }
}
