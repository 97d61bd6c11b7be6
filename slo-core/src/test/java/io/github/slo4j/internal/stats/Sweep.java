package io.github.slo4j.internal.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.property.Draws;
import io.github.slo4j.property.Gen;

/** Shared generators and comparisons of the statistics sweeps. */
final class Sweep {
  private Sweep() {}

  /** The largest trial count swept: 10^12, the brief's extreme. */
  static final long HUGE = 1_000_000_000_000L;

  /** Trial counts: small, medium and up to 10^12 (the edges 0, 1 and the bounds come with each range). */
  static final Gen<Long> TRIALS = Gen.oneOf(Gen.longs(1, 100), Gen.longs(1, 1_000_000), Gen.longs(1, HUGE));

  /**
   * A failure count of {@code n} trials: none, all, a few, all but a few, or anything, so that zeros,
   * all-bad and both large counts are all drawn often.
   */
  static long failuresOf(Draws d, long n) {
    return d.draw("failures", Gen.<Long>oneOf(
        Gen.constant(0L),
        Gen.constant(n),
        Gen.longs(0, Math.min(n, 1000)),
        Gen.longs(Math.max(0, n - 1000), n),
        Gen.longs(0, n)));
  }

  /** Significance levels from 1e-9 to 0.5. */
  static final Gen<Double> ALPHA = Gen.oneOf(
      Gen.<Double>of(0.05, 0.01, 0.1, 0.001, 1e-6, 1e-9, 0.5),
      Gen.doubles("(0, 0.5]", 4));

  /**
   * 1e-9, except where both beta parameters exceed 10^6: there the reference's own error grows with
   * them (measured 7e-9 at 3.5·10^7, 1.4e-7 at 6·10^8, where 40-digit mpmath values agree with slo4j
   * to 3e-12: {@code SpecialFunctionsTest#hardCasesMatchFortyDigitValues}), and the sweeps allow
   * 1e-9 · min(a, b) / 10^6.
   */
  static double referenceTolerance(double a, double b) {
    return 1e-9 * Math.max(1, Math.min(a, b) / 1e6);
  }

  /** |actual − expected| <= tolerance · |expected| (exact equality covers 0 and infinities). */
  static void assertRelative(double expected, double actual, double tolerance, String what) {
    assertTrue(expected == actual || Math.abs(actual - expected) <= tolerance * Math.abs(expected),
        () -> what + ": expected " + expected + " but was " + actual
            + " (relative error " + Math.abs(actual - expected) / Math.abs(expected) + ")");
  }
}
