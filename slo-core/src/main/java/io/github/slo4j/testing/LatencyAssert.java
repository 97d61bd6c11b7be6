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
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Assertions on a quantile of a sample of latencies, by distribution-free order-statistic bounds:
 * {@link #p99Below} and {@link #quantileBelow}, in {@link Mode#NOT_VIOLATED} (fail only when the
 * lower bound at {@code alpha}, default 10⁻⁶, is above the threshold) or {@link Mode#DEMONSTRATED}
 * (pass only when the upper bound at the confidence asked for, default 95 %, is below it; a sample
 * too small ever to pass is refused with the size needed: 299 for a p99 at 95 %). Made by {@link
 * Reliability#assertThatLatencies}; an immutable value.
 *
 * <p>From an HdrHistogram the order statistics are known only to the histogram's bucket: the lower
 * bound is read at the low edge of its bucket and the upper bound at the high edge, so the
 * histogram's rounding never makes a verdict less safe (it can only make one inconclusive).
 */
public final class LatencyAssert {
  private final Sample sample;
  private final Mode mode;
  private final double alpha;
  private final double confidence;
  private final String abortedClass;

  private LatencyAssert(Sample sample, Mode mode, double alpha, double confidence, String abortedClass) {
    this.sample = sample;
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
      if (d == null) { // the name is built only for the message: 10,000 names cost more than the sort
        Require.nonNull("latencies[" + i + "]", d);
      }
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
        new Sorted(nanos), Mode.NOT_VIOLATED, ReliabilityAssert.DEFAULT_ALPHA, ReliabilityAssert.DEFAULT_CONFIDENCE, Verdicts.ABORTED);
  }

  static LatencyAssert of(AbstractHistogram histogram, TimeUnit unit) {
    Require.nonNull("histogram", histogram);
    Require.nonNull("unit", unit);
    AbstractHistogram copy = histogram.copy();
    if (copy.getTotalCount() == 0) {
      throw Require.invalid("histogram", "no values", "at least one latency: no sample is no data, not evidence");
    }
    return new LatencyAssert(
        new Buckets(copy, unit), Mode.NOT_VIOLATED, ReliabilityAssert.DEFAULT_ALPHA, ReliabilityAssert.DEFAULT_CONFIDENCE,
        Verdicts.ABORTED);
  }

  /** This assertion in {@code mode}: {@link Mode#NOT_VIOLATED} (the default) or {@link Mode#DEMONSTRATED}. */
  public LatencyAssert mode(Mode mode) {
    if (Require.nonNull("mode", mode) == Mode.SEQUENTIAL) {
      throw Require.invalid("mode", mode, "NOT_VIOLATED or DEMONSTRATED for a sample of latencies");
    }
    return new LatencyAssert(sample, mode, alpha, confidence, abortedClass);
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
    return new LatencyAssert(sample, mode, alpha, confidence, abortedClass);
  }

  /** The confidence with which {@link Mode#DEMONSTRATED} passes, default {@code 0.95}; {@code 0 < confidence < 1}. */
  public LatencyAssert confidence(double confidence) {
    Verdicts.openUnit("confidence", confidence);
    return new LatencyAssert(sample, mode, alpha, confidence, abortedClass);
  }

  LatencyAssert abortingWith(String className) {
    return new LatencyAssert(sample, mode, alpha, confidence, className);
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
    long n = sample.size();
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
    long lower = lowerRank.isPresent() ? sample.low(lowerRank.getAsLong()) : -1;
    long upper = upperRank.isPresent() ? sample.high(upperRank.getAsLong()) : -1;
    if (lower > limit) {
      throw new ReliabilityAssertionError(message("VIOLATED", name, threshold, q, lower, upper, needed));
    }
    if (mode == Mode.DEMONSTRATED && !(upper >= 0 && upper < limit)) {
      Verdicts.throwInconclusive(message("INCONCLUSIVE", name, threshold, q, lower, upper, needed), abortedClass);
    }
    return this;
  }

  private String message(String verdict, String name, Duration threshold, double q, long lower, long upper, long needed) {
    long n = sample.size();
    long limit = threshold.toNanos();
    long above = sample.above(limit);
    long observed = sample.high((long) Math.max(1, Math.ceil(q * n)));
    return "latency " + verdict + ": " + name + " below " + DurationFormat.format(threshold) + ", mode " + mode
        + "\n  sample: " + count(n) + " latencies, " + count(above) + " above " + DurationFormat.format(threshold)
        + " (" + percent((double) above / n) + "), observed " + name + " " + format(observed)
        + "\n  bounds: lower " + (lower < 0 ? "none" : format(lower)) + " (alpha " + level(alpha) + "), upper "
        + (upper < 0 ? "none" : format(upper)) + " (" + percent(confidence) + " confidence), order statistics"
        + sample.note()
        + "\n  needed: " + count(needed) + " latencies to bound the " + name + " from above at "
        + percent(confidence) + " confidence";
  }

  /** A sample of latencies in nanoseconds, read by rank (1-based, smallest first). */
  private interface Sample {
    long size();

    /** A value at or below the {@code rank}-th smallest. */
    long low(long rank);

    /** A value at or above the {@code rank}-th smallest. */
    long high(long rank);

    /** How many values are above {@code limitNanos} (at least, for a histogram). */
    long above(long limitNanos);

    /** An extra line of the message, or nothing. */
    String note();
  }

  /** The exact values, sorted. */
  private static final class Sorted implements Sample {
    private final long[] nanos;

    Sorted(long[] nanos) {
      this.nanos = nanos;
    }

    @Override
    public long size() {
      return nanos.length;
    }

    @Override
    public long low(long rank) {
      return nanos[(int) rank - 1];
    }

    @Override
    public long high(long rank) {
      return nanos[(int) rank - 1];
    }

    @Override
    public long above(long limitNanos) {
      int i = 0;
      while (i < nanos.length && nanos[i] <= limitNanos) {
        i++;
      }
      return nanos.length - i;
    }

    @Override
    public String note() {
      return "";
    }
  }

  /**
   * An HdrHistogram's buckets: the {@code rank}-th smallest value lies in the bucket where the
   * cumulative count first reaches {@code rank}, between its low and its high edge.
   */
  private static final class Buckets implements Sample {
    private final AbstractHistogram histogram;
    private final TimeUnit unit;

    Buckets(AbstractHistogram histogram, TimeUnit unit) {
      this.histogram = histogram;
      this.unit = unit;
    }

    @Override
    public long size() {
      return histogram.getTotalCount();
    }

    private long bucketValue(long rank) {
      for (HistogramIterationValue v : histogram.recordedValues()) {
        if (v.getTotalCountToThisValue() >= rank) {
          return v.getValueIteratedTo();
        }
      }
      return histogram.getMaxValue();
    }

    @Override
    public long low(long rank) {
      return unit.toNanos(histogram.lowestEquivalentValue(bucketValue(rank)));
    }

    @Override
    public long high(long rank) {
      return unit.toNanos(histogram.highestEquivalentValue(bucketValue(rank)));
    }

    @Override
    public long above(long limitNanos) {
      long above = 0;
      for (HistogramIterationValue v : histogram.recordedValues()) {
        if (unit.toNanos(histogram.lowestEquivalentValue(v.getValueIteratedTo())) > limitNanos) {
          above += v.getCountAtValueIteratedTo();
        }
      }
      return above;
    }

    @Override
    public String note() {
      return "\n  histogram: HdrHistogram of " + unit.name().toLowerCase(java.util.Locale.ROOT) + ", "
          + histogram.getNumberOfSignificantValueDigits()
          + " significant digits: a lower bound is its bucket's low edge, an upper bound its high edge";
    }
  }

  private static String format(long nanos) {
    return DurationFormat.format(Duration.ofNanos(nanos));
  }
}
