package io.github.slo4j.testing;

import static io.github.slo4j.testing.Verdicts.count;
import static io.github.slo4j.testing.Verdicts.level;
import static io.github.slo4j.testing.Verdicts.number;
import static io.github.slo4j.testing.Verdicts.percent;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.internal.stats.QuantileRanks;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Assertions on a quantile of a sample of latencies, by distribution-free order-statistic bounds:
 * {@link #p99Below} and {@link #quantileBelow}, in {@link Mode#NOT_VIOLATED} (fail only when the
 * lower bound at {@code alpha}, default 10⁻⁶, is above the threshold) or {@link Mode#DEMONSTRATED}
 * (pass only when the upper bound at the confidence asked for, default 95 %, is below it; a sample
 * too small ever to pass is refused with the size needed: 299 for a p99 at 95 %). Made by {@link
 * Reliability#assertThatLatencies}; an immutable value.
 */
public final class LatencyAssert {
  private final long[] sortedNanos;
  private final Mode mode;
  private final double alpha;
  private final double confidence;
  private final String abortedClass;

  private LatencyAssert(long[] sortedNanos, Mode mode, double alpha, double confidence, String abortedClass) {
    this.sortedNanos = sortedNanos;
    this.mode = mode;
    this.alpha = alpha;
    this.confidence = confidence;
    this.abortedClass = abortedClass;
  }

  static LatencyAssert of(Collection<Duration> latencies) {
    Require.nonNull("latencies", latencies);
    long[] nanos = new long[latencies.size()];
    int i = 0;
    for (Duration d : latencies) {
      Require.nonNull("latencies[" + i + "]", d);
      if (d.isNegative()) {
        throw Require.invalid("latencies[" + i + "]", DurationFormat.format(d), ">= 0");
      }
      nanos[i++] = d.toNanos();
    }
    if (nanos.length == 0) {
      throw Require.invalid("latencies", "[]", "at least one latency: no sample is no data, not evidence");
    }
    Arrays.sort(nanos);
    return new LatencyAssert(
        nanos, Mode.NOT_VIOLATED, ReliabilityAssert.DEFAULT_ALPHA, ReliabilityAssert.DEFAULT_CONFIDENCE, Verdicts.ABORTED);
  }

  /** This assertion in {@code mode}: {@link Mode#NOT_VIOLATED} (the default) or {@link Mode#DEMONSTRATED}. */
  public LatencyAssert mode(Mode mode) {
    if (Require.nonNull("mode", mode) == Mode.SEQUENTIAL) {
      throw Require.invalid("mode", mode, "NOT_VIOLATED or DEMONSTRATED for a sample of latencies");
    }
    return new LatencyAssert(sortedNanos, mode, alpha, confidence, abortedClass);
  }

  /** This assertion in {@link Mode#NOT_VIOLATED}. */
  public LatencyAssert notViolated() {
    return mode(Mode.NOT_VIOLATED);
  }

  /** This assertion in {@link Mode#DEMONSTRATED}. */
  public LatencyAssert demonstrated() {
    return mode(Mode.DEMONSTRATED);
  }

  /** The failure level, default {@code 1e-6}; {@code 0 < alpha < 1}. */
  public LatencyAssert alpha(double alpha) {
    Verdicts.openUnit("alpha", alpha);
    return new LatencyAssert(sortedNanos, mode, alpha, confidence, abortedClass);
  }

  /** The confidence with which {@link Mode#DEMONSTRATED} passes, default {@code 0.95}; {@code 0 < confidence < 1}. */
  public LatencyAssert confidence(double confidence) {
    Verdicts.openUnit("confidence", confidence);
    return new LatencyAssert(sortedNanos, mode, alpha, confidence, abortedClass);
  }

  LatencyAssert abortingWith(String className) {
    return new LatencyAssert(sortedNanos, mode, alpha, confidence, className);
  }

  /** Asserts that the 99th percentile is below {@code threshold}. */
  public LatencyAssert p99Below(Duration threshold) {
    return quantileBelow(0.99, threshold);
  }

  /**
   * Asserts that the {@code q}-quantile ({@code 0 < q < 1}) is below {@code threshold}.
   *
   * @throws ReliabilityAssertionError when the sample shows it is not
   * @throws IllegalArgumentException in {@link Mode#DEMONSTRATED} when the sample is too small to
   *     bound the quantile from above at the confidence asked for
   */
  public LatencyAssert quantileBelow(double q, Duration threshold) {
    if (!(q > 0 && q < 1)) {
      throw Require.invalid("q", q, "0 < q < 1");
    }
    Require.nonNull("threshold", threshold);
    long n = sortedNanos.length;
    double passAlpha = 1 - confidence;
    long needed = QuantileRanks.minimumSampleForUpperBound(q, passAlpha);
    String name = "p" + number(q * 100);
    if (mode == Mode.DEMONSTRATED && n < needed) {
      throw Require.invalid(
          "latencies", count(n) + " values",
          "at least " + count(needed) + " to bound the " + name + " from above at " + percent(confidence) + " confidence");
    }
    long limit = threshold.toNanos();
    OptionalLong lowerRank = QuantileRanks.lowerRank(n, q, alpha);
    OptionalLong upperRank = QuantileRanks.upperRank(n, q, passAlpha);
    long lower = lowerRank.isPresent() ? sortedNanos[(int) lowerRank.getAsLong() - 1] : -1;
    long upper = upperRank.isPresent() ? sortedNanos[(int) upperRank.getAsLong() - 1] : -1;
    if (lower > limit) {
      throw new ReliabilityAssertionError(message("VIOLATED", name, threshold, q, lower, upper, needed));
    }
    if (mode == Mode.DEMONSTRATED && !(upper >= 0 && upper < limit)) {
      Verdicts.throwInconclusive(message("INCONCLUSIVE", name, threshold, q, lower, upper, needed), abortedClass);
    }
    return this;
  }

  private String message(String verdict, String name, Duration threshold, double q, long lower, long upper, long needed) {
    int n = sortedNanos.length;
    long limit = threshold.toNanos();
    long above = n - upperIndex(limit);
    long observed = sortedNanos[(int) Math.max(0, Math.ceil(q * n) - 1)];
    return "latency " + verdict + ": " + name + " below " + DurationFormat.format(threshold) + ", mode " + mode
        + "\n  sample: " + count(n) + " latencies, " + count(above) + " above " + DurationFormat.format(threshold)
        + " (" + percent((double) above / n) + "), observed " + name + " " + format(observed)
        + "\n  bounds: lower " + (lower < 0 ? "none" : format(lower)) + " (alpha " + level(alpha) + "), upper "
        + (upper < 0 ? "none" : format(upper)) + " (" + percent(confidence) + " confidence), order statistics"
        + "\n  needed: " + count(needed) + " latencies to bound the " + name + " from above at "
        + percent(confidence) + " confidence";
  }

  /** The number of values at or below {@code limit}. */
  private int upperIndex(long limit) {
    int i = 0;
    while (i < sortedNanos.length && sortedNanos[i] <= limit) {
      i++;
    }
    return i;
  }

  private static String format(long nanos) {
    return DurationFormat.format(Duration.ofNanos(nanos));
  }
}
