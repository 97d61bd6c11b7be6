package io.github.slo4j.internal.stats;

import io.github.slo4j.internal.Require;

/**
 * Fisher's exact test of a 2×2 table, canary against baseline (R. A. Fisher, "On the interpretation of
 * χ² from contingency tables", JRSS 85(1), 1922): with the margins fixed, the canary's failures X
 * follow the hypergeometric distribution of drawing the canary's trials from all trials, all failures
 * being the marked ones. The probabilities are Loader's saddle-point binomials,
 * {@code P(X = k) = b(k; K, p)·b(n_c − k; N − K, p) / b(n_c; N, p)} with {@code p = n_c/N} (as R's
 * {@code dhyper}), so that counts up to 2^53 keep their relative accuracy, and the tails are summed
 * outwards from their largest term with the ratio of consecutive terms (re-anchored every 256 terms).
 * This is the fixed-sample reference of the canary gate: polled repeatedly it rejects far more often
 * than its α, which is why the gate uses {@link CanaryBayesFactor}. Thread-safe (stateless).
 */
public final class FisherExact {
  private FisherExact() {}

  /**
   * R's tolerance for "as probable as the observed table" in the two-sided test (fisher.test's
   * {@code relErr = 1 + 1e-7}): tables equally probable in exact arithmetic must all count,
   * whatever the rounding.
   */
  private static final double LOG_TIE_TOLERANCE = Math.log1p(1e-7);

  private static final int REANCHOR = 256;

  /**
   * The one-sided p-value for "the canary fails more often than the baseline":
   * {@code P(X >= canaryFailures)} under the margins observed.
   */
  public static double pValueCanaryWorse(long canaryFailures, long canaryTrials, long baselineFailures,
      long baselineTrials) {
    Table t = Table.of(canaryFailures, canaryTrials, baselineFailures, baselineTrials);
    if (t.degenerate()) {
      return 1;
    }
    long x = canaryFailures;
    if (x > t.mode()) {
      return Math.min(1, Math.exp(t.logTail(x, +1)));
    }
    if (x <= t.low) {
      return 1;
    }
    return Math.min(1, -Math.expm1(t.logTail(x - 1, -1)));
  }

  /**
   * The two-sided p-value: the probability of all tables, with the margins observed, no more probable
   * than the observed one (within R's relative tolerance of 1e-7).
   */
  public static double pValueTwoSided(long canaryFailures, long canaryTrials, long baselineFailures,
      long baselineTrials) {
    Table t = Table.of(canaryFailures, canaryTrials, baselineFailures, baselineTrials);
    if (t.degenerate()) {
      return 1;
    }
    long x = canaryFailures;
    long mode = t.mode();
    if (x == mode) {
      return 1;
    }
    double threshold = t.logPmf(x) + LOG_TIE_TOLERANCE;
    double p;
    if (x > mode) {
      p = Math.exp(t.logTail(x, +1));
      // the largest j <= mode with P(j) <= P(x): P rises on [low, mode]
      long lo = t.low;
      long hi = mode;
      if (t.logPmf(lo) <= threshold) {
        while (lo < hi) {
          long mid = lo + (hi - lo + 1) / 2;
          if (t.logPmf(mid) <= threshold) {
            lo = mid;
          } else {
            hi = mid - 1;
          }
        }
        p += Math.exp(t.logTail(lo, -1));
      }
    } else {
      p = Math.exp(t.logTail(x, -1));
      // the smallest j >= mode with P(j) <= P(x): P falls on [mode, high]
      long lo = mode;
      long hi = t.high;
      if (t.logPmf(hi) <= threshold) {
        while (lo < hi) {
          long mid = lo + (hi - lo) / 2;
          if (t.logPmf(mid) <= threshold) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        p += Math.exp(t.logTail(hi, +1));
      }
    }
    return Math.min(1, p);
  }

  /**
   * The hypergeometric law of the canary's failures: population N, K failures in it, n_c drawn.
   * Its support is {@code [low, high]}.
   */
  private record Table(double population, double failures, double drawn, long low, long high) {
    static Table of(long canaryFailures, long canaryTrials, long baselineFailures, long baselineTrials) {
      Check.partOf("canaryFailures", canaryFailures, "canaryTrials", canaryTrials);
      Check.partOf("baselineFailures", baselineFailures, "baselineTrials", baselineTrials);
      if (canaryTrials + baselineTrials > Check.MAX_COUNT) {
        throw Require.invalid("canaryTrials + baselineTrials", canaryTrials + baselineTrials, "<= 2^53");
      }
      long n = canaryTrials + baselineTrials;
      long k = canaryFailures + baselineFailures;
      return new Table(n, k, canaryTrials, Math.max(0, canaryTrials - (n - k)), Math.min(k, canaryTrials));
    }

    /** A single possible table: every p-value is 1. */
    boolean degenerate() {
      return low == high;
    }

    /** floor((n_c + 1)(K + 1)/(N + 2)), the (upper) mode. */
    long mode() {
      long m = (long) Math.floor((drawn + 1) * (failures + 1) / (population + 2));
      return Math.max(low, Math.min(high, m));
    }

    double logPmf(long k) {
      double p = drawn / population;
      double q = (population - drawn) / population;
      return Binomial.logPmf(k, failures, p, q)
          + Binomial.logPmf(drawn - k, population - failures, p, q)
          - Binomial.logPmf(drawn, population, p, q);
    }

    /** P(X = k + 1) / P(X = k). */
    private double ratioUp(long k) {
      return (failures - k) * (drawn - k) / ((k + 1) * (population - failures - drawn + k + 1));
    }

    /**
     * log of the tail from {@code start} outwards ({@code step} +1: up to high; −1: down to low), where
     * the terms fall from {@code start} on.
     */
    double logTail(long start, int step) {
      double logFirst = logPmf(start);
      double sum = 1;
      double term = 1;
      long end = step > 0 ? high : low;
      for (long k = start; k != end; ) {
        term *= step > 0 ? ratioUp(k) : 1 / ratioUp(k - 1);
        k += step;
        if ((k - start) % REANCHOR == 0) {
          term = Math.exp(logPmf(k) - logFirst);
        }
        sum += term;
        if (term <= sum * 0x1p-60) {
          break;
        }
      }
      return logFirst + Math.log(sum);
    }
  }
}
