package io.github.slo4j.canary;

import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.internal.stats.QuantileRanks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * What both arms of a canary showed over the same interval, for every metric of one {@link
 * CanaryGate}: the counts of bad events and totals of each arm, and for a latency metric fed from
 * histograms the order-statistic bounds on its p95 and p99. Made by {@link CanaryGate#observe}; each
 * metric is given exactly once, by the method that fits its {@linkplain CanaryMetric.Kind kind}.
 * Counts are cumulative since the canary started: the gate's test is anytime-valid on them, not on
 * per-interval deltas.
 *
 * <p>Immutable; the builder copies what it is given (histograms and samples are read, never kept).
 */
public final class CanaryObservation {
  /** The quantiles whose bounds a latency metric fed from histograms reports. */
  static final double[] QUANTILES = {0.95, 0.99};

  /** Each quantile bound at 2.5 %: a 95 % two-sided interval. */
  static final double QUANTILE_ALPHA = 0.05;

  final CanaryGate gate;
  final Duration elapsed;
  final long[] canaryBad;
  final long[] canaryTotal;
  final long[] baselineBad;
  final long[] baselineTotal;
  final List<List<QuantileBound>> quantiles;

  private CanaryObservation(Builder b) {
    this.gate = b.gate;
    this.elapsed = b.elapsed;
    this.canaryBad = b.canaryBad.clone();
    this.canaryTotal = b.canaryTotal.clone();
    this.baselineBad = b.baselineBad.clone();
    this.baselineTotal = b.baselineTotal.clone();
    List<List<QuantileBound>> q = new ArrayList<>();
    for (List<QuantileBound> l : b.quantiles) {
      q.add(List.copyOf(l));
    }
    this.quantiles = List.copyOf(q);
  }

  /** {@return how long the canary has run} */
  public Duration elapsed() {
    return elapsed;
  }

  /** {@code CanaryObservation[12m: errors 3/1200 vs 20/10800, ...]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CanaryObservation[").append(DurationFormat.format(elapsed)).append(':');
    List<CanaryMetric> metrics = gate.metrics();
    for (int i = 0; i < metrics.size(); i++) {
      sb.append(i == 0 ? " " : ", ").append(metrics.get(i).name()).append(' ')
          .append(canaryBad[i]).append('/').append(canaryTotal[i]).append(" vs ")
          .append(baselineBad[i]).append('/').append(baselineTotal[i]);
    }
    return sb.append(']').toString();
  }

  /**
   * Collects one observation: one call per metric of the gate, then {@link #build()}. Not
   * thread-safe.
   */
  public static final class Builder {
    private final CanaryGate gate;
    private final Duration elapsed;
    private final long[] canaryBad;
    private final long[] canaryTotal;
    private final long[] baselineBad;
    private final long[] baselineTotal;
    private final boolean[] given;
    private final List<List<QuantileBound>> quantiles = new ArrayList<>();

    Builder(CanaryGate gate, Duration elapsed) {
      this.gate = gate;
      this.elapsed = elapsed;
      int n = gate.metrics().size();
      canaryBad = new long[n];
      canaryTotal = new long[n];
      baselineBad = new long[n];
      baselineTotal = new long[n];
      given = new boolean[n];
      for (int i = 0; i < n; i++) {
        quantiles.add(List.of());
      }
    }

    /**
     * The bad events and totals of each arm, for any metric but dependency pressure (use {@link
     * #rates}); for a burn-rate guard the baseline's counts are only shown, so 0 and 0 will do.
     */
    public Builder counts(String metric, long canaryBad, long canaryTotal, long baselineBad,
        long baselineTotal) {
      int i = index(metric, "counts", null);
      if (gate.metrics().get(i).kind() == CanaryMetric.Kind.DEPENDENCY_PRESSURE) {
        throw wrongKind(metric, "counts", "any metric but " + CanaryMetric.Kind.DEPENDENCY_PRESSURE + " (use rates)");
      }
      partOf("canaryBad", canaryBad, "canaryTotal", canaryTotal);
      partOf("baselineBad", baselineBad, "baselineTotal", baselineTotal);
      return put(i, canaryBad, canaryTotal, baselineBad, baselineTotal);
    }

    /** The attempts and successes of each arm, for a business-success metric. */
    public Builder successes(String metric, long canarySucceeded, long canaryAttempts,
        long baselineSucceeded, long baselineAttempts) {
      int i = index(metric, "successes", CanaryMetric.Kind.BUSINESS_SUCCESS);
      partOf("canarySucceeded", canarySucceeded, "canaryAttempts", canaryAttempts);
      partOf("baselineSucceeded", baselineSucceeded, "baselineAttempts", baselineAttempts);
      return put(i, canaryAttempts - canarySucceeded, canaryAttempts,
          baselineAttempts - baselineSucceeded, baselineAttempts);
    }

    /**
     * Each arm's latencies, for a latency metric: the values above the metric's threshold (at the
     * histogram's precision: a value in the threshold's bucket counts as not above it) of all, and
     * the bounds on the p95 and p99 of each arm.
     *
     * @param unit the unit of the histograms' values
     */
    public Builder latency(String metric, Histogram canary, Histogram baseline, TimeUnit unit) {
      int i = index(metric, "latency", CanaryMetric.Kind.LATENCY);
      Require.nonNull("canary", canary);
      Require.nonNull("baseline", baseline);
      Require.nonNull("unit", unit);
      Duration threshold = gate.metrics().get(i).latencyThreshold().orElseThrow();
      long limit = threshold.toNanos() / unit.toNanos(1);
      long cTotal = canary.getTotalCount();
      long bTotal = baseline.getTotalCount();
      put(i, cTotal - canary.getCountBetweenValues(0, limit), cTotal,
          bTotal - baseline.getCountBetweenValues(0, limit), bTotal);
      List<QuantileBound> q = new ArrayList<>();
      for (double quantile : QUANTILES) {
        q.add(bound("canary", canary, quantile, unit));
        q.add(bound("baseline", baseline, quantile, unit));
      }
      quantiles.set(i, q);
      return this;
    }

    /**
     * Each arm's samples of a gauge, for a saturation metric: the samples strictly above the
     * metric's threshold of all samples.
     */
    public Builder gauge(String metric, double[] canarySamples, double[] baselineSamples) {
      int i = index(metric, "gauge", CanaryMetric.Kind.SATURATION);
      double threshold = gate.metrics().get(i).gaugeThresholdOrNaN();
      return put(i, above("canarySamples", canarySamples, threshold), canarySamples.length,
          above("baselineSamples", baselineSamples, threshold), baselineSamples.length);
    }

    /**
     * Each arm's dependency calls and requests served, for a dependency-pressure metric: calls may
     * outnumber requests.
     */
    public Builder rates(String metric, long canaryCalls, long canaryRequests, long baselineCalls,
        long baselineRequests) {
      int i = index(metric, "rates", CanaryMetric.Kind.DEPENDENCY_PRESSURE);
      Require.nonNegative("canaryCalls", canaryCalls);
      Require.nonNegative("canaryRequests", canaryRequests);
      Require.nonNegative("baselineCalls", baselineCalls);
      Require.nonNegative("baselineRequests", baselineRequests);
      return put(i, canaryCalls, canaryRequests, baselineCalls, baselineRequests);
    }

    /**
     * Each arm's bad events and totals of {@code target} over the trailing {@code window}, read from
     * two recorders (or any {@link WindowReader}), for any metric but dependency pressure. A
     * burn-rate guard may pass a null baseline.
     */
    public Builder window(String metric, WindowReader canary, WindowReader baseline, Target target,
        Duration window) {
      int i = index(metric, "window", null);
      CanaryMetric m = gate.metrics().get(i);
      if (m.kind() == CanaryMetric.Kind.DEPENDENCY_PRESSURE) {
        throw wrongKind(metric, "window", "any metric but " + CanaryMetric.Kind.DEPENDENCY_PRESSURE + " (use rates)");
      }
      Require.nonNull("canary", canary);
      if (m.comparesWithBaseline()) {
        Require.nonNull("baseline", baseline);
      }
      Require.nonNull("target", target);
      Require.nonNull("window", window);
      WindowCounts c = canary.window(target, window);
      WindowCounts b = baseline == null ? null : baseline.window(target, window);
      return put(i, c.bad(), c.total(), b == null ? 0 : b.bad(), b == null ? 0 : b.total());
    }

    /**
     * The observation.
     *
     * @throws IllegalStateException when a metric of the gate was not given
     */
    public CanaryObservation build() {
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < given.length; i++) {
        if (!given[i]) {
          missing.add(gate.metrics().get(i).name());
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("observation: no data given for " + missing
            + " (expected one call per metric: counts, successes, latency, gauge, rates or window)");
      }
      return new CanaryObservation(this);
    }

    private Builder put(int i, long cBad, long cTotal, long bBad, long bTotal) {
      canaryBad[i] = cBad;
      canaryTotal[i] = cTotal;
      baselineBad[i] = bBad;
      baselineTotal[i] = bTotal;
      given[i] = true;
      return this;
    }

    private int index(String metric, String method, CanaryMetric.Kind kind) {
      Require.nonNull("metric", metric);
      int i = gate.indexOf(metric);
      if (i < 0) {
        throw Require.invalid("metric", "'" + metric + "'", "one of " + gate.names());
      }
      if (given[i]) {
        throw Require.invalid("metric", "'" + metric + "'", "each metric given once");
      }
      if (kind != null && gate.metrics().get(i).kind() != kind) {
        throw wrongKind(metric, method, "a " + kind + " metric");
      }
      return i;
    }

    private IllegalArgumentException wrongKind(String metric, String method, String expected) {
      CanaryMetric m = gate.metrics().get(gate.indexOf(metric));
      return Require.invalid(method + " of metric", "'" + metric + "' (" + m.kind() + ")", expected);
    }

    private static void partOf(String partName, long part, String wholeName, long whole) {
      Require.nonNegative(wholeName, whole);
      Require.nonNegative(partName, part);
      if (part > whole) {
        throw Require.invalid(partName, part, "<= " + wholeName + " (" + whole + ")");
      }
    }

    private static long above(String name, double[] samples, double threshold) {
      Require.nonNull(name, samples);
      long n = 0;
      for (int k = 0; k < samples.length; k++) {
        if (Double.isNaN(samples[k])) {
          throw Require.invalid(name + "[" + k + "]", samples[k], "a number");
        }
        if (samples[k] > threshold) {
          n++;
        }
      }
      return n;
    }

    private static QuantileBound bound(String arm, Histogram h, double quantile, TimeUnit unit) {
      long n = h.getTotalCount();
      OptionalLong lo = QuantileRanks.lowerRank(n, quantile, QUANTILE_ALPHA / 2);
      OptionalLong hi = QuantileRanks.upperRank(n, quantile, QUANTILE_ALPHA / 2);
      return new QuantileBound(arm, quantile, n,
          lo.isPresent() ? java.util.Optional.of(duration(h.lowestEquivalentValue(valueAtRank(h, lo.getAsLong())), unit))
              : java.util.Optional.empty(),
          hi.isPresent() ? java.util.Optional.of(duration(h.highestEquivalentValue(valueAtRank(h, hi.getAsLong())), unit))
              : java.util.Optional.empty());
    }

    /** The k-th smallest value (k from 1) of the histogram, at its precision. */
    private static long valueAtRank(Histogram h, long k) {
      long seen = 0;
      for (HistogramIterationValue v : h.recordedValues()) {
        seen += v.getCountAddedInThisIterationStep();
        if (seen >= k) {
          return v.getValueIteratedTo();
        }
      }
      return h.getMaxValue();
    }

    private static Duration duration(long value, TimeUnit unit) {
      return Duration.ofNanos(unit.toNanos(value));
    }

    @Override
    public String toString() {
      return "CanaryObservation.Builder" + Arrays.toString(given);
    }
  }
}
