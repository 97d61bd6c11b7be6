package io.github.slo4j.monitor;

import io.github.slo4j.Objective;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Decides {@code bad ÷ total > factor × (1 − objective)} exactly, without floating point: a burn
 * rate of exactly 14.4 at 99.9 % (144 bad of 10,000) does not exceed 14.4, whatever rounding a
 * double division would have done. Tiers fire on strictly greater, as in every peer (SRE Workbook
 * ch. 5, Sloth, Pyrra).
 *
 * <p>The threshold {@code θ = factor × budget} is held as {@code numerator ÷ 10^scale}. The test
 * {@code bad × 10^scale > numerator × total} is done on 128-bit products when both factors fit a
 * long, and in {@link BigInteger} otherwise. Immutable and thread-safe.
 *
 * <p>This is <b>the</b> threshold comparison of slo4j: alert tiers, policy steps and every other
 * "burns faster than" decide here, on the counts, never on a rounded burn rate. It agrees with the
 * one burn rate, {@link io.github.slo4j.ErrorBudget#burnRate(Objective, long, long)}, which rounds
 * the same exact quotient once: a burn rate printed above the factor always exceeds it, and one
 * that exceeds it prints at or above the factor (equal only within the last place of a double).
 */
final class RatioThreshold {
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  /** The smallest threshold estimated in doubles: far above the subnormal range. */
  private static final double MIN_ESTIMATED = 0x1p-900;

  private final BigDecimal threshold;
  private final double thresholdDouble;
  private final boolean fast;
  private final long numerator;
  private final long denominator;
  private final BigInteger bigNumerator;
  private final BigInteger bigDenominator;

  private RatioThreshold(BigDecimal threshold) {
    BigDecimal t = threshold.stripTrailingZeros();
    if (t.scale() < 0) {
      t = t.setScale(0);
    }
    this.threshold = t;
    this.thresholdDouble = t.doubleValue();
    this.bigNumerator = t.unscaledValue();
    this.bigDenominator = BigInteger.TEN.pow(t.scale());
    this.fast = t.scale() < POW10.length && bigNumerator.bitLength() < 63;
    this.numerator = fast ? bigNumerator.longValue() : 0;
    this.denominator = fast ? POW10[t.scale()] : 0;
  }

  /** The error-ratio threshold of a burn-rate {@code factor} for {@code objective}. */
  public static RatioThreshold of(double factor, Objective objective) {
    return new RatioThreshold(BigDecimal.valueOf(factor).multiply(objective.errorBudgetDecimal()));
  }

  /** A threshold on the error ratio itself. */
  public static RatioThreshold ofRatio(BigDecimal ratio) {
    return new RatioThreshold(ratio);
  }

  /** The exact error ratio that must be exceeded. */
  public BigDecimal threshold() {
    return threshold;
  }

  /** Whether {@code bad ÷ total} is strictly greater than the threshold; false when total is 0. */
  public boolean exceededBy(long bad, long total) {
    if (total <= 0 || bad <= 0) {
      return false;
    }
    if (fast) {
      return compareProducts(bad, denominator, numerator, total) > 0;
    }
    int estimate = estimate(bad, 1, total, 1);
    if (estimate != 0) {
      return estimate > 0;
    }
    return BigInteger.valueOf(bad)
            .multiply(bigDenominator)
            .compareTo(bigNumerator.multiply(BigInteger.valueOf(total)))
        > 0;
  }

  /**
   * Whether a window that covers only {@code coveredMillis} of its {@code windowMillis} exceeds the
   * threshold once its events are projected to the whole window at the same rate, the uncovered
   * part counted as good: {@code bad × covered ÷ (total × window) > θ}. This is the budget the
   * window consumed, as {@link PeriodBudget} counts it, so a process up for one hour does not
   * judge its 3-day window on one hour of events. With full coverage it is {@link
   * #exceededBy(long, long)}.
   */
  public boolean exceededBy(long bad, long total, long coveredMillis, long windowMillis) {
    if (coveredMillis >= windowMillis) {
      return exceededBy(bad, total);
    }
    if (total <= 0 || bad <= 0 || coveredMillis <= 0) {
      return false;
    }
    int estimate = estimate(bad, coveredMillis, total, windowMillis);
    if (estimate != 0) {
      return estimate > 0;
    }
    return BigInteger.valueOf(bad)
            .multiply(BigInteger.valueOf(coveredMillis))
            .multiply(bigDenominator)
            .compareTo(bigNumerator.multiply(BigInteger.valueOf(total)).multiply(BigInteger.valueOf(windowMillis)))
        > 0;
  }

  /**
   * Compares {@code bad × covered} with {@code θ × total × window} in doubles when that decides:
   * 1 or −1 when the two sides are more than 1e-9 apart (relatively), 0 when only exact arithmetic
   * can tell. Each side is at most four conversions and two multiplications, each off by at most
   * 2^-53 relatively ({@code θ}'s double is its correctly rounded value): an error below 1e-15,
   * far inside the margin. So the exact, allocating comparison runs only next to the threshold.
   */
  private int estimate(long bad, long coveredMillis, long total, long windowMillis) {
    if (!(thresholdDouble >= MIN_ESTIMATED)) {
      return 0; // a subnormal threshold has lost its precision
    }
    double lhs = (double) bad * coveredMillis;
    double rhs = thresholdDouble * total * windowMillis;
    if (lhs > rhs * (1 + 1e-9)) {
      return 1;
    }
    if (lhs < rhs * (1 - 1e-9)) {
      return -1;
    }
    return 0;
  }

  /** Compares {@code a × b} with {@code c × d} for non-negative longs, exactly. */
  static int compareProducts(long a, long b, long c, long d) {
    long hi1 = Math.multiplyHigh(a, b);
    long hi2 = Math.multiplyHigh(c, d);
    if (hi1 != hi2) {
      return Long.compare(hi1, hi2);
    }
    return Long.compareUnsigned(a * b, c * d);
  }

  @Override
  public String toString() {
    return "error ratio > " + threshold.toPlainString();
  }
}
