package io.github.slo4j.internal.stats;

import java.util.OptionalLong;

/**
 * Distribution-free confidence bounds on a quantile from order statistics (H. A. David and
 * H. N. Nagaraja, "Order Statistics", 3rd ed., 2003, §7.1; Hahn and Meeker, "Statistical
 * Intervals", 1991, §5.2). In a sample of n, the k-th smallest value {@code X(k)} (k from 1) lies
 * below the q-quantile exactly when at least k values do, so
 * {@code P(X(k) >= ξ_q) = P(Binomial(n, q) <= k − 1)}: the upper bound at level {@code 1 − α} is
 * {@code X(k)} for the smallest k with that probability at least {@code 1 − α}, the lower bound
 * {@code X(k)} for the largest k with {@code P(Binomial(n, q) >= k) >= 1 − α}. A sample too small
 * for the level has no such rank: an empty result, never a sentinel. A 95 % upper bound on the p99
 * needs n >= 299 (then it is the maximum), on the p99.9 n >= 2,995. Thread-safe (stateless).
 */
public final class QuantileRanks {
  private QuantileRanks() {}

  /** The rank (1-based) of the order statistic that bounds the q-quantile from above at {@code 1 − alpha}. */
  public static OptionalLong upperRank(long n, double q, double alpha) {
    check(n, q, alpha);
    double level = 1 - alpha;
    if (n == 0 || Binomial.cdf(n - 1, n, q) < level) {
      return OptionalLong.empty();
    }
    // smallest k in [1, n] with cdf(k − 1) >= level; cdf rises with k
    long lo = 1;
    long hi = n;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (Binomial.cdf(mid - 1, n, q) >= level) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return OptionalLong.of(lo);
  }

  /** The rank (1-based) of the order statistic that bounds the q-quantile from below at {@code 1 − alpha}. */
  public static OptionalLong lowerRank(long n, double q, double alpha) {
    check(n, q, alpha);
    double level = 1 - alpha;
    if (n == 0 || Binomial.survival(0, n, q) < level) {
      return OptionalLong.empty();
    }
    // largest k in [1, n] with P(X >= k) = survival(k − 1) >= level; it falls with k
    long lo = 1;
    long hi = n;
    while (lo < hi) {
      long mid = lo + (hi - lo + 1) / 2;
      if (Binomial.survival(mid - 1, n, q) >= level) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return OptionalLong.of(lo);
  }

  /**
   * The two-sided interval for the q-quantile at level {@code 1 − alpha} from a sample (each bound
   * at {@code alpha / 2}): its order statistics at {@link #lowerRank} and {@link #upperRank}, and an
   * infinite bound where the sample is too small to give one (never NaN). The sample is not changed.
   */
  public static Interval interval(double[] sample, double q, double alpha) {
    io.github.slo4j.internal.Require.nonNull("sample", sample);
    for (int i = 0; i < sample.length; i++) {
      if (Double.isNaN(sample[i])) {
        throw io.github.slo4j.internal.Require.invalid("sample[" + i + "]", sample[i], "a number");
      }
    }
    check(sample.length, q, alpha);
    double[] sorted = sample.clone();
    java.util.Arrays.sort(sorted);
    OptionalLong lower = lowerRank(sorted.length, q, alpha / 2);
    OptionalLong upper = upperRank(sorted.length, q, alpha / 2);
    return new Interval(
        lower.isPresent() ? sorted[(int) lower.getAsLong() - 1] : Double.NEGATIVE_INFINITY,
        upper.isPresent() ? sorted[(int) upper.getAsLong() - 1] : Double.POSITIVE_INFINITY);
  }

  /**
   * The smallest sample whose maximum bounds the q-quantile from above at {@code 1 − alpha}: the
   * smallest n with {@code q^n <= α}.
   */
  public static long minimumSampleForUpperBound(double q, double alpha) {
    Check.openUnit("q", q);
    Check.openUnit("alpha", alpha);
    double estimate = Math.ceil(Math.log(alpha) / Math.log(q));
    if (!(estimate <= Check.MAX_COUNT)) {
      throw io.github.slo4j.internal.Require.invalid(
          "q", q, "a quantile that at most 2^53 values can bound at alpha " + alpha);
    }
    long n = Math.max(1, (long) estimate);
    while (n * Math.log(q) > Math.log(alpha)) {
      n++;
    }
    while (n > 1 && (n - 1) * Math.log(q) <= Math.log(alpha)) {
      n--;
    }
    return n;
  }

  private static void check(long n, double q, double alpha) {
    Check.count("n", n);
    Check.openUnit("q", q);
    Check.openUnit("alpha", alpha);
  }
}
