package io.github.slo4j.internal.stats;

/**
 * The binomial distribution for counts up to 2^53: tails through the incomplete beta function,
 * single probabilities by Loader's saddle-point method (C. Loader, "Fast and accurate computation
 * of binomial probabilities", 2000), which keeps its relative accuracy for 10^12 trials where
 * {@code log C(n, k)} would not. Thread-safe (stateless).
 */
public final class Binomial {
  private Binomial() {}

  /**
   * {@code P(X <= k)} for X ~ Binomial(n, p): {@code I_{1−p}(n − k, k + 1)} (A&S 26.5.24); 0 below
   * the support, 1 from n on.
   */
  public static double cdf(long k, long n, double p) {
    return tail(k, n, p, false);
  }

  /** {@code P(X > k) = I_p(k + 1, n − k)}, without the subtraction {@code 1 − cdf}. */
  public static double survival(long k, long n, double p) {
    return tail(k, n, p, true);
  }

  /** {@code P(X > k)} when {@code upper}, else {@code P(X <= k)}: each from its own beta integral. */
  private static double tail(long k, long n, double p, boolean upper) {
    Check.count("n", n);
    Check.closedUnit("p", p);
    if (k < 0 || k >= n) {
      return (k < 0) == upper ? 1 : 0;
    }
    return upper
        ? Math.exp(SpecialFunctions.logBetaTail(p, 1 - p, k + 1.0, n - k, false))
        : Math.exp(SpecialFunctions.logBetaTail(1 - p, p, n - k, k + 1.0, false));
  }

  /**
   * {@code log P(X = k)} for X ~ Binomial(n, p), with {@code q = 1 − p} given separately (so the
   * smaller keeps its digits): Loader's {@code dbinom_raw},
   * {@code δ(n) − δ(k) − δ(n − k) − bd0(k, np) − bd0(n − k, nq) − ½·log(2πk(n − k)/n)} with
   * {@code δ} the Stirling correction. Arguments are not checked (package use only).
   */
  static double logPmf(double k, double n, double p, double q) {
    if (p == 0) {
      return k == 0 ? 0 : Double.NEGATIVE_INFINITY;
    }
    if (q == 0) {
      return k == n ? 0 : Double.NEGATIVE_INFINITY;
    }
    if (k == 0) {
      return n == 0 ? 0 : (p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
    }
    if (k == n) {
      return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
    }
    if (k < 0 || k > n) {
      return Double.NEGATIVE_INFINITY;
    }
    double lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
    // log(2πk(n − k)/n) with n − k exact: R's log1p(−k/n) rounds k/n first and, for k within a few
    // units of n = 4·10^7, loses 9 digits of the probability
    double lf = Math.log(2 * Math.PI) + Math.log(k) + Math.log(n - k) - Math.log(n);
    return lc - 0.5 * lf;
  }

  /** Loader's {@code stirlerr(n) = log n! − log(√(2πn)(n/e)^n)}, the correction δ(n) for n >= 1. */
  private static double stirlerr(double n) {
    return SpecialFunctions.stirlingCorrection(n);
  }

  /**
   * Loader's deviance term {@code bd0(x, m) = x·log(x/m) + m − x}, by its series in
   * {@code v = (x − m)/(x + m)} where the two terms would cancel.
   */
  static double bd0(double x, double m) {
    if (Math.abs(x - m) < 0.1 * (x + m)) {
      double v = (x - m) / (x + m);
      double s = (x - m) * v;
      double ej = 2 * x * v;
      double v2 = v * v;
      for (int j = 1; j < 1000; j++) {
        ej *= v2;
        double next = s + ej / (2 * j + 1);
        if (next == s) {
          return next;
        }
        s = next;
      }
      return s;
    }
    return x * Math.log(x / m) + m - x;
  }
}
