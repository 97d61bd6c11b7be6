package io.github.slo4j.internal.stats;

/**
 * The log gamma and log beta functions, the regularized incomplete beta function, its complement and
 * their inverses, the regularized incomplete gamma function and the normal distribution: what the
 * exact binomial methods of this package are built on. Thread-safe (stateless).
 *
 * <p>Implementation notes. Large arguments are the point: a Clopper–Pearson bound for 10^12 trials
 * needs {@code I_x(a, b)} with {@code a + b = 10^12}, where {@code log Γ(a)} is about 2.6·10^13 and
 * the textbook form {@code a·log x + b·log(1 − x) − log B(a, b)} loses every digit to cancellation.
 * So Stirling's series is written out and the large terms are cancelled algebraically before they
 * are rounded: {@link #logBeta} and the power terms of the incomplete beta keep only
 * {@code a·log1p(t / x0) + b·log1p(−t / y0)} around the mean {@code x0 = a / (a + b)}, plus the
 * small Stirling corrections (the approach of DiDonato and Morris, "Algorithm 708: significant
 * digit computation of the incomplete beta function ratios", ACM TOMS 18(3), 1992, §2, and of
 * Boost.Math's {@code ibeta_power_terms}; the code is written here).
 *
 * <p>The incomplete beta is a continued fraction where it converges well, and, for integer
 * parameters (all this package passes), a binomial tail sum where the fraction is ill-conditioned
 * (its argument within 1e-4 of 1). Against 40-digit mpmath values it agrees to 1e-11 or better at
 * parameters of 10^7 to 10^9, where Commons Statistics 1.2 is off by up to 1.4e-7. Known limits: with
 * both parameters near 5·10^11 and x at the mean the fraction needs 10^4 to 10^5 terms and its last
 * factors round to 1 early (5e-10 relative, measured); a non-integer parameter with the other above
 * 10^6 and x several times beyond the fraction's switch point {@code (a + 1)/(a + b + 2)} keeps only
 * about 8 digits. Nothing in this package passes the latter.
 */
public final class SpecialFunctions {
  private SpecialFunctions() {}

  /** log(2π) / 2. */
  static final double HALF_LOG_TWO_PI = 0.91893853320467274178032973640562;

  /** Where Stirling's series alone gives log Γ to double precision. */
  private static final double STIRLING_MIN = 10;

  /** The continued fractions stop when a factor is within this of 1. */
  private static final double EPSILON = 0x1p-53;

  /** Lentz's stand-in for a zero denominator. */
  private static final double TINY = 0x1p-1000;

  /**
   * Enough for the slowest case this package meets, both parameters near 5·10^11 with x at the
   * mean, where the continued fraction needs O(√min(a, b)) terms (Numerical Recipes, 3rd ed., §6.4).
   */
  private static final int MAX_ITERATIONS = 50_000_000;

  // ---- gamma and beta -------------------------------------------------------------------------

  /**
   * {@code log Γ(x)} for {@code x > 0}: Stirling's series with seven terms for {@code x >= 10}
   * (Abramowitz and Stegun 6.1.40), below that the recurrence {@code Γ(x) = Γ(x + k) / (x(x+1)…(x+k−1))}.
   * Accurate to about 1e-15 relative, and to about 2e-15 absolute near the zeros at 1 and 2 (the
   * absolute error of a log is the relative error of the gamma value).
   */
  public static double logGamma(double x) {
    Check.positive("x", x);
    if (x == 1 || x == 2) {
      return 0;
    }
    if (x >= STIRLING_MIN) {
      return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingSeries(x);
    }
    double shifted = x;
    double product = 1;
    while (shifted < STIRLING_MIN) {
      product *= shifted;
      shifted += 1;
    }
    return logGamma(shifted) - Math.log(product);
  }

  /**
   * The Stirling correction {@code δ(x) = log Γ(x) − [(x − ½)·log x − x + ½·log 2π]}, for
   * {@code x > 0}: what Loader calls {@code stirlerr(x − 1)}. Absolute error about 1e-16 for
   * {@code x >= 10} (the asymptotic series, A&S 6.1.41), about 2e-15 below.
   */
  static double stirlingCorrection(double x) {
    if (x >= STIRLING_MIN) {
      return stirlingSeries(x);
    }
    return logGamma(x) - ((x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI);
  }

  /** 1/(12x) − 1/(360x³) + …: the terms B₂ₖ / (2k(2k − 1) x^(2k−1)) for k = 1..7. */
  private static double stirlingSeries(double x) {
    double r = 1 / x;
    double r2 = r * r;
    return r * (1.0 / 12 + r2 * (-1.0 / 360 + r2 * (1.0 / 1260 + r2 * (-1.0 / 1680
        + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))));
  }

  /**
   * {@code log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b)} for {@code a, b > 0}, with the large
   * terms of Stirling's formula cancelled before rounding (see the class comment), so that
   * {@code logBeta(1, 1e12)} is {@code −log 1e12} to the last digit.
   */
  public static double logBeta(double a, double b) {
    Check.positive("a", a);
    Check.positive("b", b);
    double small = Math.min(a, b);
    double large = Math.max(a, b);
    double c = a + b;
    if (large < STIRLING_MIN) {
      return logGamma(small) + logGamma(large) - logGamma(c);
    }
    if (small < STIRLING_MIN) {
      // log Γ(large) − log Γ(large + small) by Stirling: −(large − ½)·log1p(small/large) − small·log c + small
      return logGamma(small) - (large - 0.5) * Math.log1p(small / large) - small * Math.log(c) + small
          + stirlingCorrection(large) - stirlingCorrection(c);
    }
    // (a − ½)·log(a/c) + (b − ½)·log(b/c) − ½·log c + ½·log 2π + δ(a) + δ(b) − δ(c)
    return (small - 0.5) * Math.log(small / c) + (large - 0.5) * Math.log1p(-small / c)
        - 0.5 * Math.log(c) + HALF_LOG_TWO_PI
        + stirlingCorrection(small) + stirlingCorrection(large) - stirlingCorrection(c);
  }

  // ---- the incomplete beta function ---------------------------------------------------------

  /**
   * The regularized incomplete beta function {@code I_x(a, b)}, the CDF of Beta(a, b) at x, for
   * {@code 0 <= x <= 1} and {@code a, b > 0}: the continued fraction of Abramowitz and Stegun 26.5.8
   * evaluated by the modified Lentz method (Numerical Recipes, 3rd ed., §5.2 and §6.4), on whichever
   * side of {@code (a + 1) / (a + b + 2)} it converges.
   */
  public static double regularizedBeta(double x, double a, double b) {
    checkBeta(x, a, b);
    return Math.exp(logBetaTail(x, 1 - x, a, b, false));
  }

  /** {@code 1 − I_x(a, b)}, computed without the subtraction (so a tail of 1e-300 keeps its digits). */
  public static double regularizedBetaComplement(double x, double a, double b) {
    checkBeta(x, a, b);
    return Math.exp(logBetaTail(x, 1 - x, a, b, true));
  }

  /**
   * The x with {@code I_x(a, b) = p}, the quantile of Beta(a, b), for {@code 0 <= p <= 1}: a
   * safeguarded Newton iteration on the log of the smaller tail in {@code log x}, bracketed and
   * falling back to bisection (so it always converges), to a relative precision of a few ulps in x.
   */
  public static double inverseRegularizedBeta(double p, double a, double b) {
    Check.closedUnit("p", p);
    Check.positive("a", a);
    Check.positive("b", b);
    return p <= 0.5 ? inverseBeta(p, a, b, false) : inverseBeta(1 - p, a, b, true);
  }

  /**
   * The x with {@code 1 − I_x(a, b) = q}, for {@code 0 <= q <= 1}: as {@link #inverseRegularizedBeta}
   * with {@code p = 1 − q}, but solved on the upper tail, so that a small q (the upper bound of an
   * interval) loses no digits.
   */
  public static double inverseRegularizedBetaComplement(double q, double a, double b) {
    Check.closedUnit("q", q);
    Check.positive("a", a);
    Check.positive("b", b);
    return q <= 0.5 ? inverseBeta(q, a, b, true) : inverseBeta(1 - q, a, b, false);
  }

  private static void checkBeta(double x, double a, double b) {
    Check.closedUnit("x", x);
    Check.positive("a", a);
    Check.positive("b", b);
  }

  /**
   * {@code log I_x(a, b)} ({@code upper} false) or {@code log(1 − I_x(a, b))} ({@code upper} true),
   * with {@code y = 1 − x} given separately so that a caller holding the smaller of the two exactly
   * (the binomial CDF holds p, not 1 − p) keeps its digits. Never NaN for valid arguments.
   */
  static double logBetaTail(double x, double y, double a, double b, boolean upper) {
    if (x <= 0) {
      return upper ? 0 : Double.NEGATIVE_INFINITY;
    }
    if (y <= 0) {
      return upper ? Double.NEGATIVE_INFINITY : 0;
    }
    // The fraction for I_x(a, b) converges fast below (a + 1)/(a + b + 2); above it, use the one for
    // I_y(b, a) = 1 − I_x(a, b).
    boolean swap = x * (a + b + 2) > a + 1;
    // Where the fraction is ill-conditioned (its argument near 1, given only as 1 − y rounded) and the
    // parameters are counts, sum the binomial tail instead: I_x(a, b) = P(Binomial(a + b − 1, x) >= a)
    // (A&S 26.5.24), each term by Loader's saddle point, so the result keeps its relative accuracy.
    double argumentComplement = swap ? x : y; // 1 − (the fraction's argument), held exactly
    if (argumentComplement < ILL_CONDITIONED) {
      if (a == Math.rint(a) && b == Math.rint(b) && a + b - 1 <= Check.MAX_COUNT) {
        return logBinomialTail(a, a + b - 1, x, y, !upper);
      }
    }
    double logDirect = swap
        ? logPowerTerms(y, x, b, a) + Math.log(continuedFraction(y, b, a) / b)
        : logPowerTerms(x, y, a, b) + Math.log(continuedFraction(x, a, b) / a);
    // logDirect is the log of the lower tail when not swapped, of the upper tail when swapped.
    return upper == swap ? logDirect : log1mexp(logDirect);
  }

  /**
   * The fraction's relative error grows as 2^-53 / (1 − its argument): below this the binomial sum
   * takes over.
   */
  private static final double ILL_CONDITIONED = 1e-4;

  /**
   * {@code log P(X >= k)} ({@code atLeast}) or {@code log P(X <= k − 1)} for X ~ Binomial(n, p), with
   * {@code q = 1 − p} given separately: the tail that does not hold the mode is summed outwards from
   * its largest term, by the ratio of consecutive terms re-anchored every 256 terms on Loader's
   * {@link Binomial#logPmf}; the other tail is its complement.
   */
  static double logBinomialTail(double k, double n, double p, double q, boolean atLeast) {
    double mode = Math.floor((n + 1) * p);
    if (k > mode) {
      double logUpper = logBinomialSum(k, +1, n, p, q);
      return atLeast ? logUpper : log1mexp(logUpper);
    }
    if (k <= 0) {
      return atLeast ? 0 : Double.NEGATIVE_INFINITY;
    }
    double logLower = logBinomialSum(k - 1, -1, n, p, q);
    return atLeast ? log1mexp(logLower) : logLower;
  }

  private static double logBinomialSum(double start, int step, double n, double p, double q) {
    double logFirst = Binomial.logPmf(start, n, p, q);
    double sum = 1;
    double term = 1;
    double end = step > 0 ? n : 0;
    double ratio = p / q;
    for (double j = start; j != end; ) {
      term *= step > 0 ? (n - j) / (j + 1) * ratio : j / (n - j + 1) / ratio;
      j += step;
      if (((long) (j - start)) % 256 == 0) {
        term = Math.exp(Binomial.logPmf(j, n, p, q) - logFirst);
      }
      sum += term;
      if (term <= sum * 0x1p-60) {
        break;
      }
    }
    return logFirst + Math.log(sum);
  }

  /** log(1 − e^v) for v <= 0 (Mächler, "Accurately computing log(1 − exp(−|a|))", 2012). */
  static double log1mexp(double v) {
    if (v >= 0) {
      return Double.NEGATIVE_INFINITY;
    }
    return v > -0.6931471805599453 ? Math.log(-Math.expm1(v)) : Math.log1p(-Math.exp(v));
  }

  /**
   * {@code log[x^a · y^b / B(a, b)]} with {@code y = 1 − x}. Both parameters large: Stirling's
   * formula, cancelled around the mean {@code x0 = a / (a + b)}, leaves
   * {@code a·log1p(t/x0) + b·log1p(−t/y0) + ½·log(ab/c) − ½·log 2π − δ(a) − δ(b) + δ(c)} with
   * {@code t = x − x0}, where {@code x0 + y0 = 1} exactly so that the rounding of x0 enters only to
   * second order (DiDonato and Morris 1992, §2; Boost.Math {@code ibeta_power_terms}).
   */
  static double logPowerTerms(double x, double y, double a, double b) {
    if (a >= STIRLING_MIN && b >= STIRLING_MIN) {
      double c = a + b;
      double x0;
      double y0;
      if (a <= b) {
        y0 = b / c;
        x0 = 1 - y0;
      } else {
        x0 = a / c;
        y0 = 1 - x0;
      }
      double t = x <= y ? x - x0 : y0 - y;
      // log1p near the mean, where the two terms cancel to first order; far from it 1 + t/x0 would
      // round away digits of x (x = 1e-4 against x0 = 1/2 costs 3e-13 a unit of a), so divide instead
      double logRatioX = Math.abs(t) < 0.5 * x0 ? Math.log1p(t / x0) : Math.log(x / x0);
      double logRatioY = Math.abs(t) < 0.5 * y0 ? Math.log1p(-t / y0) : Math.log(y / y0);
      return a * logRatioX + b * logRatioY
          + 0.5 * (Math.log(a) + Math.log(b) - Math.log(c)) - HALF_LOG_TWO_PI
          - stirlingCorrection(a) - stirlingCorrection(b) + stirlingCorrection(c);
    }
    double logX = x <= 0.5 ? Math.log(x) : Math.log1p(-y);
    double logY = y <= 0.5 ? Math.log(y) : Math.log1p(-x);
    return a * logX + b * logY - logBeta(a, b);
  }

  /**
   * The continued fraction of A&S 26.5.8 for {@code I_x(a, b) · a·B(a, b) / (x^a y^b)}, by the
   * modified Lentz method (Numerical Recipes, 3rd ed., {@code betacf}).
   */
  private static double continuedFraction(double x, double a, double b) {
    double sum = a + b;
    double c = 1;
    double d = 1 - sum * x / (a + 1);
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      double m2 = 2.0 * m;
      double even = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
      d = 1 + even * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + even / c;
      c = Math.abs(c) < TINY ? TINY : c;
      h *= d * c;
      double odd = -(a + m) * (sum + m) * x / ((a + m2) * (a + 1 + m2));
      d = 1 + odd * d;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = 1 + odd / c;
      c = Math.abs(c) < TINY ? TINY : c;
      double factor = d * c;
      h *= factor;
      if (Math.abs(factor - 1) <= EPSILON) {
        return h;
      }
    }
    throw new ArithmeticException("the incomplete beta fraction did not converge for x = " + x
        + ", a = " + a + ", b = " + b);
  }

  /**
   * The x in (0, 1) whose lower tail ({@code upper} false) or upper tail of Beta(a, b) equals
   * {@code target}, {@code 0 <= target <= 1/2}.
   */
  private static double inverseBeta(double target, double a, double b, boolean upper) {
    if (target <= 0) {
      return upper ? 1 : 0;
    }
    double logTarget = Math.log(target);
    double lo = 0;
    double hi = 1;
    // Start where the tail's leading power term reaches the target: I_x ≈ x^a / (a·B(a, b)) near 0,
    // 1 − I_x ≈ y^b / (b·B(a, b)) near 1; else at the mean.
    double x;
    double logB = logBeta(a, b);
    if (upper) {
      x = -Math.expm1((logTarget + Math.log(b) + logB) / b);
    } else {
      x = Math.exp((logTarget + Math.log(a) + logB) / a);
    }
    if (!(x > 0 && x < 1)) {
      x = a / (a + b);
    }
    for (int i = 0; i < 400; i++) {
      double y = 1 - x;
      double f = logBetaTail(x, y, a, b, upper) - logTarget;
      if (f == 0) {
        return x;
      }
      // The lower tail grows with x, the upper tail shrinks.
      if ((f < 0) != upper) {
        lo = x;
      } else {
        hi = x;
      }
      // Newton in u = log x: d log(tail)/du = ± x · density / tail.
      double logDensityTimesX = logPowerTerms(x, y, a, b) - Math.log(y);
      double slope = Math.exp(logDensityTimesX - logBetaTail(x, y, a, b, upper));
      double next = x * Math.exp(upper ? f / slope : -f / slope);
      if (!(next > lo && next < hi)) {
        next = lo == 0 ? hi / 1024 : (hi == 1 ? 0.5 * (lo + hi) : Math.sqrt(lo * hi));
      }
      if (Math.abs(next - x) <= 4 * Math.ulp(x) || next <= lo || next >= hi) {
        return next;
      }
      x = next;
    }
    return x;
  }

  // ---- the incomplete gamma function and the normal distribution -------------------------------

  /**
   * The regularized upper incomplete gamma function {@code Q(a, x) = Γ(a, x) / Γ(a)} for
   * {@code a > 0, x >= 0}: the series of A&S 6.5.29 below {@code x = a + 1}, the continued fraction
   * of A&S 6.5.31 by the modified Lentz method above (Numerical Recipes, 3rd ed., §6.2).
   */
  static double regularizedGammaQ(double a, double x) {
    if (x <= 0) {
      return 1;
    }
    double logPrefix = a * Math.log(x) - x - logGamma(a);
    if (x < a + 1) {
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < MAX_ITERATIONS; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPSILON) {
          break;
        }
      }
      return -Math.expm1(logPrefix + Math.log(sum));
    }
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = 1 / (Math.abs(d) < TINY ? TINY : d);
      c = b + an / c;
      c = Math.abs(c) < TINY ? TINY : c;
      double factor = d * c;
      h *= factor;
      if (Math.abs(factor - 1) <= EPSILON) {
        break;
      }
    }
    return Math.exp(logPrefix + Math.log(h));
  }

  /**
   * {@code P(Z > z)} for a standard normal Z: {@code erfc(z/√2)/2}, with
   * {@code erfc(t) = Q(½, t²)} for {@code t >= 0} (A&S 7.1.2 and 6.5.17).
   */
  public static double normalSurvival(double z) {
    if (Double.isNaN(z)) {
      throw io.github.slo4j.internal.Require.invalid("z", z, "a number");
    }
    if (Double.isInfinite(z)) {
      return z > 0 ? 0 : 1;
    }
    double t = z / Math.sqrt(2);
    if (z >= 0) {
      return 0.5 * regularizedGammaQ(0.5, t * t);
    }
    return 1 - 0.5 * regularizedGammaQ(0.5, t * t);
  }

  /**
   * The z with {@code P(Z > z) = q}, for {@code 0 < q < 1}: Newton's method on
   * {@code log P(Z > z)}, bracketed, from the tail approximation {@code z ≈ √(−2 log q)}.
   */
  public static double normalSurvivalInverse(double q) {
    Check.openUnit("q", q);
    if (q > 0.5) {
      return -normalSurvivalInverse(1 - q);
    }
    if (q == 0.5) {
      return 0;
    }
    double logQ = Math.log(q);
    double lo = 0;
    double hi = 40;
    double z = Math.sqrt(-2 * logQ);
    for (int i = 0; i < 200; i++) {
      double sf = normalSurvival(z);
      double f = Math.log(sf) - logQ;
      if (f == 0) {
        return z;
      }
      if (f > 0) {
        lo = z;
      } else {
        hi = z;
      }
      // d log sf / dz = −φ(z) / sf
      double slope = -Math.exp(-0.5 * z * z - HALF_LOG_TWO_PI - Math.log(sf));
      double next = z - f / slope;
      if (!(next > lo && next < hi)) {
        next = 0.5 * (lo + hi);
      }
      if (Math.abs(next - z) <= 4 * Math.ulp(z)) {
        return next;
      }
      z = next;
    }
    return z;
  }
}
