package io.github.slo4j.internal.stats;

import io.github.slo4j.internal.Require;

/**
 * The Clopper–Pearson exact confidence interval for a binomial proportion: x failures of n trials
 * (C. J. Clopper and E. S. Pearson, "The use of confidence or fiducial limits illustrated in the case
 * of the binomial", Biometrika 26(4), 1934). The bounds are beta quantiles,
 * {@code lower = B⁻¹(α; x, n − x + 1)} and {@code upper = B⁻¹(1 − α; x + 1, n − x)}, which is the
 * duality {@code P(X >= x; lower) = α}, {@code P(X <= x; upper) = α}. One-sided bounds have level
 * {@code 1 − α}; the two-sided interval puts {@code α/2} in each tail. n = 0 gives [0, 1] (no
 * information), never NaN. Thread-safe (stateless).
 */
public final class ClopperPearson {
  private ClopperPearson() {}

  /**
   * The one-sided upper bound at level {@code 1 − alpha}. For {@code failures = 0} it is the closed
   * form {@code 1 − α^(1/n)} (the "rule of three" is its approximation {@code 3/n} at α = 0.05).
   */
  public static double upperBound(long failures, long trials, double alpha) {
    Check.partOf("failures", failures, "trials", trials);
    Check.openUnit("alpha", alpha);
    if (failures == trials) {
      return 1;
    }
    if (failures == 0) {
      return -Math.expm1(Math.log(alpha) / trials);
    }
    return SpecialFunctions.inverseRegularizedBetaComplement(alpha, failures + 1.0, (double) (trials - failures));
  }

  /**
   * The one-sided lower bound at level {@code 1 − alpha}; for {@code failures = trials} the closed
   * form {@code α^(1/n)}.
   */
  public static double lowerBound(long failures, long trials, double alpha) {
    Check.partOf("failures", failures, "trials", trials);
    Check.openUnit("alpha", alpha);
    if (failures == 0) {
      return 0;
    }
    if (failures == trials) {
      return Math.exp(Math.log(alpha) / trials);
    }
    return SpecialFunctions.inverseRegularizedBeta(alpha, (double) failures, trials - failures + 1.0);
  }

  /** The two-sided interval at level {@code 1 − alpha}: each one-sided bound at {@code alpha / 2}. */
  public static Interval interval(long failures, long trials, double alpha) {
    Check.partOf("failures", failures, "trials", trials);
    Check.openUnit("alpha", alpha);
    return new Interval(lowerBound(failures, trials, alpha / 2), upperBound(failures, trials, alpha / 2));
  }

  /**
   * The fewest trials that, with no failure, put the one-sided upper bound at level
   * {@code 1 − alpha} strictly below {@code maxRate}: the smallest n with {@code 1 − α^(1/n) < maxRate},
   * about {@code log α / log(1 − maxRate)}. A failure rate of 0.1 % (99.9 % success) at 95 %
   * confidence needs 2,995 trials.
   */
  public static long zeroFailureTrials(double maxRate, double alpha) {
    Check.openUnit("maxRate", maxRate);
    Check.openUnit("alpha", alpha);
    double estimate = Math.ceil(Math.log(alpha) / Math.log1p(-maxRate));
    if (!(estimate <= Check.MAX_COUNT)) {
      throw Require.invalid("maxRate", maxRate, "a rate that at most 2^53 trials can demonstrate at alpha " + alpha);
    }
    long n = Math.max(1, (long) estimate);
    while (upperBound(0, n, alpha) >= maxRate) {
      n++;
    }
    while (n > 1 && upperBound(0, n - 1, alpha) < maxRate) {
      n--;
    }
    return n;
  }
}
