package io.github.slo4j.internal.stats;

import io.github.slo4j.internal.Require;
import java.util.Arrays;

/**
 * The Mann–Whitney U test with its normal approximation, tie correction and continuity correction
 * (H. B. Mann and D. R. Whitney, Annals of Mathematical Statistics 18(1), 1947; the tie-corrected
 * variance of Lehmann, "Nonparametrics", 1975, §1.4), and the Hodges–Lehmann estimate of the shift
 * between two samples with its distribution-free confidence interval (J. L. Hodges and
 * E. L. Lehmann, Annals of Mathematical Statistics 34(2), 1963; Hollander, Wolfe and Chicken,
 * "Nonparametric Statistical Methods", 3rd ed., 2014, §4.3, large-sample approximation): what a
 * Kayenta-style judge of a latency metric needs. Thread-safe (stateless).
 */
public final class MannWhitney {
  private MannWhitney() {}

  /** At most this many pairwise differences (n·m) for the Hodges–Lehmann estimate. */
  public static final long MAX_PAIRS = 1L << 24;

  /**
   * A Mann–Whitney test's outcome.
   *
   * @param u the statistic U of the first sample, {@code R_x − n(n + 1)/2} with midranks for ties
   * @param mean its mean under H0, {@code nm/2}
   * @param standardDeviation its tie-corrected standard deviation under H0,
   *     {@code √(nm/12 · [(N + 1) − Σ(t³ − t)/(N(N − 1))])}; 0 when every value is tied
   * @param pTwoSided the two-sided p-value, continuity-corrected towards the mean
   * @param pGreater the p-value for "the first sample is stochastically greater"
   * @param pLess the p-value for "the first sample is stochastically less"
   */
  public record Result(double u, double mean, double standardDeviation, double pTwoSided, double pGreater,
      double pLess) {}

  /** The test of x against y (each non-empty, no NaN), by the normal approximation. */
  public static Result test(double[] x, double[] y) {
    checkSamples(x, y);
    int n = x.length;
    int m = y.length;
    long total = (long) n + m;
    double[] all = new double[(int) total];
    System.arraycopy(x, 0, all, 0, n);
    System.arraycopy(y, 0, all, n, m);
    Integer[] order = new Integer[all.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(all[i], all[j]));
    double rankSumX = 0;
    double ties = 0;
    for (int start = 0; start < order.length; ) {
      int end = start;
      while (end + 1 < order.length && all[order[end + 1]] == all[order[start]]) {
        end++;
      }
      double midrank = (start + end + 2) / 2.0; // ranks start + 1 .. end + 1
      double t = end - start + 1;
      ties += t * t * t - t;
      for (int i = start; i <= end; i++) {
        if (order[i] < n) {
          rankSumX += midrank;
        }
      }
      start = end + 1;
    }
    double u = rankSumX - n * (n + 1.0) / 2;
    double nm = (double) n * m;
    double mean = nm / 2;
    double variance = nm / 12 * ((total + 1) - ties / ((double) total * (total - 1)));
    double sd = variance > 0 ? Math.sqrt(variance) : 0;
    if (sd == 0) {
      return new Result(u, mean, 0, 1, 1, 1);
    }
    double d = u - mean;
    double zTwo = (d - Math.signum(d) * 0.5) / sd;
    double pTwo = Math.min(1, 2 * SpecialFunctions.normalSurvival(Math.abs(zTwo)));
    double pGreater = SpecialFunctions.normalSurvival((d - 0.5) / sd);
    double pLess = SpecialFunctions.normalSurvival(-(d + 0.5) / sd);
    return new Result(u, mean, sd, pTwo, pGreater, pLess);
  }

  /**
   * The Hodges–Lehmann estimate of the shift of x over y: the median of the n·m differences
   * {@code x_i − y_j}.
   */
  public static double shiftEstimate(double[] x, double[] y) {
    double[] d = differences(x, y);
    int k = d.length;
    return k % 2 == 1 ? d[k / 2] : 0.5 * (d[k / 2 - 1] + d[k / 2]);
  }

  /**
   * The confidence interval of the shift at level {@code 1 − alpha}: {@code [D(c), D(nm + 1 − c)]} of
   * the ordered differences, with {@code c = ⌊nm/2 − z_{α/2}·√(nm(n + m + 1)/12)⌋} (Hollander, Wolfe
   * and Chicken §4.3; no tie correction, so conservative under ties). When c < 1 the samples are too
   * small to bound the shift at that level and the interval is infinite (never NaN).
   */
  public static Interval shiftInterval(double[] x, double[] y, double alpha) {
    Check.openUnit("alpha", alpha);
    double[] d = differences(x, y);
    double nm = d.length;
    double z = SpecialFunctions.normalSurvivalInverse(alpha / 2);
    double c = Math.floor(nm / 2 - z * Math.sqrt(nm * (x.length + y.length + 1.0) / 12));
    if (c < 1) {
      return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
    int k = (int) c;
    return new Interval(d[k - 1], d[d.length - k]);
  }

  private static double[] differences(double[] x, double[] y) {
    checkSamples(x, y);
    long pairs = (long) x.length * y.length;
    if (pairs > MAX_PAIRS) {
      throw Require.invalid("x.length * y.length", pairs, "<= " + MAX_PAIRS);
    }
    double[] d = new double[(int) pairs];
    int i = 0;
    for (double a : x) {
      for (double b : y) {
        d[i++] = a - b;
      }
    }
    Arrays.sort(d);
    return d;
  }

  private static void checkSamples(double[] x, double[] y) {
    Require.nonNull("x", x);
    Require.nonNull("y", y);
    check("x", x);
    check("y", y);
  }

  private static void check(String name, double[] sample) {
    if (sample.length == 0) {
      throw Require.invalid(name + ".length", 0, ">= 1");
    }
    for (int i = 0; i < sample.length; i++) {
      if (!Double.isFinite(sample[i])) {
        throw Require.invalid(name + "[" + i + "]", sample[i], "a finite number");
      }
    }
  }
}
