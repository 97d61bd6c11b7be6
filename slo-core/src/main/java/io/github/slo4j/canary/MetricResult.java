package io.github.slo4j.canary;

import io.github.slo4j.internal.stats.CanaryBayesFactor;
import io.github.slo4j.internal.stats.FisherExact;
import io.github.slo4j.internal.stats.RateBayesFactor;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One metric's part of a {@link CanaryReport}: each arm's counts, the evidence of the anytime-valid
 * tests (against the baseline, and against the metric's absolute limit if it has one), Fisher's
 * fixed-sample p-value beside them for humans, and what it would take to decide. Immutable; the
 * p-value and the counts still needed are computed when asked for.
 */
public final class MetricResult {
  private static final double PRIOR_A = CanaryGate.PRIOR_A;
  private static final double PRIOR_B = CanaryGate.PRIOR_B;

  private final CanaryMetric metric;
  private final long canaryBad;
  private final long canaryTotal;
  private final long baselineBad;
  private final long baselineTotal;
  private final double alpha;
  private final Evidence comparison;
  private final double logBayesFactor;
  private final Evidence limitCheck;
  private final double limitLogBayesFactor;
  private final List<QuantileBound> quantiles;

  private MetricResult(CanaryMetric metric, long canaryBad, long canaryTotal, long baselineBad,
      long baselineTotal, double alpha, Evidence comparison, double logBayesFactor, Evidence limitCheck,
      double limitLogBayesFactor, List<QuantileBound> quantiles) {
    this.metric = metric;
    this.canaryBad = canaryBad;
    this.canaryTotal = canaryTotal;
    this.baselineBad = baselineBad;
    this.baselineTotal = baselineTotal;
    this.alpha = alpha;
    this.comparison = comparison;
    this.logBayesFactor = logBayesFactor;
    this.limitCheck = limitCheck;
    this.limitLogBayesFactor = limitLogBayesFactor;
    this.quantiles = quantiles;
  }

  /** The tests of metric {@code i} of the observation. */
  static MetricResult of(CanaryMetric m, int i, CanaryObservation o, double alpha) {
    long cb = o.canaryBad[i];
    long ct = o.canaryTotal[i];
    long bb = o.baselineBad[i];
    long bt = o.baselineTotal[i];
    double threshold = -Math.log(alpha);
    Evidence comparison = null;
    double logBf = 0;
    if (m.comparesWithBaseline()) {
      if (ct == 0 || bt == 0) {
        comparison = Evidence.NO_DATA;
      } else {
        double r0 = m.toleratedRatio();
        logBf = logBayesFactor(m, cb, ct, bb, bt);
        boolean worse = (double) cb * bt > r0 * bb * (double) ct;
        comparison = logBf < threshold ? Evidence.INCONCLUSIVE : worse ? Evidence.HARM : Evidence.NO_HARM;
      }
    }
    Evidence limitCheck = null;
    double logLimit = 0;
    double limit = m.limitOrNaN();
    if (!Double.isNaN(limit)) {
      if (ct == 0) {
        limitCheck = Evidence.NO_DATA;
      } else {
        logLimit = RateBayesFactor.oneSample(cb, ct, limit, PRIOR_A, PRIOR_B);
        boolean above = cb > limit * ct;
        limitCheck = logLimit < threshold ? Evidence.INCONCLUSIVE : above ? Evidence.HARM : Evidence.NO_HARM;
      }
    }
    return new MetricResult(m, cb, ct, bb, bt, alpha, comparison, logBf, limitCheck, logLimit,
        o.quantiles.get(i));
  }

  private static double logBayesFactor(CanaryMetric m, long cb, long ct, long bb, long bt) {
    double r0 = m.toleratedRatio();
    return m.kind() == CanaryMetric.Kind.DEPENDENCY_PRESSURE
        ? RateBayesFactor.ofRates(cb, ct, bb, bt, r0, PRIOR_A, PRIOR_B)
        : CanaryBayesFactor.logBayesFactor(cb, ct, bb, bt, r0, PRIOR_A, PRIOR_B);
  }

  /** {@return the metric} */
  public CanaryMetric metric() {
    return metric;
  }

  /** {@return the canary's bad events (for dependency pressure: its calls)} */
  public long canaryBad() {
    return canaryBad;
  }

  /** {@return the canary's events (for dependency pressure: its requests)} */
  public long canaryTotal() {
    return canaryTotal;
  }

  /** {@return the baseline's bad events (for dependency pressure: its calls)} */
  public long baselineBad() {
    return baselineBad;
  }

  /** {@return the baseline's events (for dependency pressure: its requests)} */
  public long baselineTotal() {
    return baselineTotal;
  }

  /** {@return the canary's bad events per event; empty with no canary events} */
  public OptionalDouble canaryRate() {
    return canaryTotal == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) canaryBad / canaryTotal);
  }

  /** {@return the baseline's bad events per event; empty with no baseline events} */
  public OptionalDouble baselineRate() {
    return baselineTotal == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) baselineBad / baselineTotal);
  }

  /**
   * {@return the metric's evidence: {@link Evidence#HARM} when either test shows harm, {@link
   * Evidence#NO_HARM} when every test it has shows none, {@link Evidence#NO_DATA} when the canary
   * (or, to compare, the baseline) saw no event, else {@link Evidence#INCONCLUSIVE}}
   */
  public Evidence evidence() {
    if (comparison == Evidence.HARM || limitCheck == Evidence.HARM) {
      return Evidence.HARM;
    }
    if ((comparison == null || comparison == Evidence.NO_HARM) && (limitCheck == null || limitCheck == Evidence.NO_HARM)) {
      return Evidence.NO_HARM;
    }
    if (comparison == Evidence.NO_DATA || limitCheck == Evidence.NO_DATA) {
      return Evidence.NO_DATA;
    }
    return Evidence.INCONCLUSIVE;
  }

  /** {@return whether this metric shows harm} */
  public boolean harm() {
    return evidence() == Evidence.HARM;
  }

  /** {@return the evidence of the comparison with the baseline; {@link Evidence#NO_DATA} for a burn-rate guard, which has none} */
  public Evidence comparison() {
    return comparison == null ? Evidence.NO_DATA : comparison;
  }

  /**
   * {@return {@code log BF} of the comparison with the baseline (0 without data or for a burn-rate
   * guard): evidence at {@code log BF >= log(1/α)}}
   */
  public double logBayesFactor() {
    return logBayesFactor;
  }

  /** {@return the evidence of the absolute limit; empty when the metric has none} */
  public java.util.Optional<Evidence> limitCheck() {
    return java.util.Optional.ofNullable(limitCheck);
  }

  /** {@return {@code log BF} of the absolute limit; empty when the metric has none} */
  public OptionalDouble limitLogBayesFactor() {
    return limitCheck == null ? OptionalDouble.empty() : OptionalDouble.of(limitLogBayesFactor);
  }

  /**
   * {@return the fixed-sample p-value for "the canary is worse than the baseline" (equal rates as the
   * null), for humans: Fisher's exact test, for dependency pressure the exact conditional test of
   * two rates; empty without data in both arms or for a burn-rate guard. Unlike the gate's test it
   * is not valid when looked at repeatedly}
   */
  public OptionalDouble fixedSamplePValue() {
    if (!metric.comparesWithBaseline() || canaryTotal == 0 || baselineTotal == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(metric.kind() == CanaryMetric.Kind.DEPENDENCY_PRESSURE
        ? RateBayesFactor.conditionalPValue(canaryBad, canaryTotal, baselineBad, baselineTotal, 1)
        : FisherExact.pValueCanaryWorse(canaryBad, canaryTotal, baselineBad, baselineTotal));
  }

  /**
   * {@return the fewest canary bad events that, at the canary's and the baseline's present volumes
   * and the baseline's present bad events, would be evidence of harm against the baseline; empty
   * for a burn-rate guard, without data, or when even every canary event bad would not be}
   */
  public OptionalLong badEventsForHarm() {
    if (!metric.comparesWithBaseline() || canaryTotal == 0 || baselineTotal == 0) {
      return OptionalLong.empty();
    }
    double threshold = -Math.log(alpha);
    double r0 = metric.toleratedRatio();
    long max = metric.kind() == CanaryMetric.Kind.DEPENDENCY_PRESSURE ? 1L << 52 : canaryTotal;
    long lo = (long) Math.floor(r0 * baselineBad * (double) canaryTotal / baselineTotal) + 1;
    lo = Math.max(0, Math.min(lo, max));
    if (!harmAt(max, threshold, r0)) {
      return OptionalLong.empty();
    }
    // the Bayes factor rises with the canary's bad events beyond the tolerated rate: the smallest
    // k in [lo, max] with harm, by bisection
    long hi = max;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (harmAt(mid, threshold, r0)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return OptionalLong.of(lo);
  }

  private boolean harmAt(long k, double threshold, double r0) {
    return (double) k * baselineTotal > r0 * baselineBad * (double) canaryTotal
        && logBayesFactor(metric, k, canaryTotal, baselineBad, baselineTotal) >= threshold;
  }

  /** {@return the bounds on each arm's p95 and p99, for a latency metric fed from histograms; else empty} */
  public List<QuantileBound> quantiles() {
    return quantiles;
  }

  /**
   * {@code errors (error rate, critical, +20% allowed): canary 42/10000 (0.42%) vs baseline
   * 40/90000 (0.0444%): HARM, BF 3.1e+08 >= 1/α = 20, Fisher p 1.2e-12}, with what would decide
   * an inconclusive metric.
   */
  @Override
  public String toString() {
    boolean rates = metric.kind() == CanaryMetric.Kind.DEPENDENCY_PRESSURE;
    StringBuilder sb = new StringBuilder(metric.toString()).append(": canary ")
        .append(rates ? perRequest(canaryBad, canaryTotal) : Format.share(canaryBad, canaryTotal));
    if (metric.comparesWithBaseline()) {
      sb.append(" vs baseline ")
          .append(rates ? perRequest(baselineBad, baselineTotal) : Format.share(baselineBad, baselineTotal));
    }
    sb.append(": ").append(evidence());
    String oneOverAlpha = Format.number(1 / alpha);
    if (comparison != null && comparison != Evidence.NO_DATA) {
      sb.append(", BF ").append(Format.bayesFactor(logBayesFactor))
          .append(comparison == Evidence.INCONCLUSIVE ? " < " : " >= ").append("1/α = ").append(oneOverAlpha)
          .append(rates ? ", conditional p " : ", Fisher p ")
          .append(Format.number(fixedSamplePValue().orElseThrow()));
    }
    if (limitCheck != null && limitCheck != Evidence.NO_DATA) {
      sb.append(", limit ").append(Format.percent(metric.limitOrNaN())).append(' ').append(limitCheck)
          .append(" (BF ").append(Format.bayesFactor(limitLogBayesFactor)).append(')');
    }
    if (comparison == Evidence.INCONCLUSIVE) {
      OptionalLong k = badEventsForHarm();
      sb.append(k.isPresent()
          ? "; harm at >= " + k.getAsLong() + " bad canary events of " + canaryTotal + " (has " + canaryBad + ")"
          : "; no count of bad canary events of " + canaryTotal + " would show harm yet");
    }
    for (QuantileBound q : quantiles) {
      sb.append("; ").append(q);
    }
    return sb.toString();
  }

  private static String perRequest(long calls, long requests) {
    return requests == 0 ? "no data" : calls + " calls/" + requests + " requests (" + Format.number((double) calls / requests) + " per request)";
  }
}
