package io.github.slo4j.internal;

import java.math.BigInteger;

/** The quotient of two integers, rounded once to the nearest double: one rounding for every figure. */
public final class Quotients {
  private Quotients() {}

  /**
   * {@code num ÷ den} for positive integers, rounded once to the nearest double (ties to even),
   * for results in the normal range. The quotient is scaled to 55 or 56 bits, one more bit records
   * whether a remainder was left (the "sticky" bit), and the conversion of that 57-bit integer to a
   * double rounds it exactly as the infinitely precise quotient would round: every bit below the
   * double's 53 is either kept or summarized by the sticky bit. (Goldberg, "What every computer
   * scientist should know about floating-point arithmetic", 1991, on guard and sticky bits.)
   */
  public static double nearest(BigInteger num, BigInteger den) {
    int shift = 55 - (num.bitLength() - den.bitLength()); // puts the quotient in [2^54, 2^56)
    BigInteger a = shift >= 0 ? num.shiftLeft(shift) : num;
    BigInteger b = shift >= 0 ? den : den.shiftLeft(-shift);
    BigInteger[] qr = a.divideAndRemainder(b);
    long q = (qr[0].longValueExact() << 1) | (qr[1].signum() != 0 ? 1 : 0);
    return Math.scalb((double) q, -shift - 1);
  }
}
