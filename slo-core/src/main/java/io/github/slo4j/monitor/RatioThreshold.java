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

  private final BigDecimal threshold;
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
    if (fast) {
      // A double estimate decides whenever the two sides are clearly apart: each side is three
      // exact-to-2^-53 conversions and two roundings, a relative error below 1e-15 against a
      // margin of 1e-9. Only products next to each other pay for exact integers (and allocate).
      double lhs = (double) bad * coveredMillis * denominator;
      double rhs = (double) numerator * total * windowMillis;
      if (lhs > rhs * (1 + 1e-9)) {
        return true;
      }
      if (lhs < rhs * (1 - 1e-9)) {
        return false;
      }
    }
    return BigInteger.valueOf(bad)
            .multiply(BigInteger.valueOf(coveredMillis))
            .multiply(bigDenominator)
            .compareTo(bigNumerator.multiply(BigInteger.valueOf(total)).multiply(BigInteger.valueOf(windowMillis)))
        > 0;
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
