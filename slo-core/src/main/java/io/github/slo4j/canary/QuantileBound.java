package io.github.slo4j.canary;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.Optional;

/**
 * A distribution-free 95 % confidence interval on a latency quantile of one arm, from the order
 * statistics of its histogram (the ranks of the binomial, each bound at 2.5 %; David and Nagaraja,
 * "Order Statistics", §7.1). A sample too small for a bound has none (an upper bound on the p99
 * at 2.5 % needs 368 values). Bounds are widened to the edges of the histogram's buckets.
 *
 * @param arm {@code canary} or {@code baseline}
 * @param quantile the quantile, as 0.99 for the p99
 * @param samples the arm's number of latencies
 * @param lower the lower bound; empty when the sample cannot give one
 * @param upper the upper bound; empty when the sample cannot give one
 */
public record QuantileBound(String arm, double quantile, long samples, Optional<Duration> lower,
    Optional<Duration> upper) {
  /** Validates the components. */
  public QuantileBound {
    Require.nonNull("arm", arm);
    Require.nonNull("lower", lower);
    Require.nonNull("upper", upper);
    if (!(quantile > 0 && quantile < 1)) {
      throw Require.invalid("quantile", quantile, "0 < quantile < 1");
    }
    Require.nonNegative("samples", samples);
  }

  /** {@code canary p99 in [212ms, 260ms] (n=1000)}; an open side is {@code ?}. */
  @Override
  public String toString() {
    return arm + " p" + Format.number(quantile * 100) + " in ["
        + lower.map(DurationFormat::format).orElse("?") + ", "
        + upper.map(DurationFormat::format).orElse("?") + "] (n=" + samples + ")";
  }
}
