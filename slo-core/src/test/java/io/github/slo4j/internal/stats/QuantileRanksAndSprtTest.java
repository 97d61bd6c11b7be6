package io.github.slo4j.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.util.OptionalLong;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/** The order-statistic ranks and Wald's SPRT: the figures the brief names, and exact messages. */
class QuantileRanksAndSprtTest {

  @Test
  void aNinetyFivePercentUpperBoundOnP99NeedsTheMaximumOf299() {
    assertEquals(299, QuantileRanks.minimumSampleForUpperBound(0.99, 0.05));
    assertEquals(2995, QuantileRanks.minimumSampleForUpperBound(0.999, 0.05));
    assertEquals(OptionalLong.of(299), QuantileRanks.upperRank(299, 0.99, 0.05));
    assertEquals(OptionalLong.empty(), QuantileRanks.upperRank(298, 0.99, 0.05));
    // the median of 100 values: the textbook ranks (Hahn and Meeker table) 40 and 61 at 95 % two-sided
    assertEquals(OptionalLong.of(61), QuantileRanks.upperRank(100, 0.5, 0.025));
    assertEquals(OptionalLong.of(40), QuantileRanks.lowerRank(100, 0.5, 0.025));
  }

  /**
   * The ranks against Commons' binomial quantiles: the upper rank is one past the (1 − α)-quantile
   * of Binomial(n, q), the lower rank is the α-quantile. Where the CDF at the deciding rank is within
   * 1e-9 of the level, a 1e-9-accurate CDF cannot settle the rank and either answer is accepted.
   */
  @Test
  void theRanksAgreeWithTheReferenceBinomialQuantiles() {
    Property.check(300, d -> {
      int n = d.draw("n", Gen.oneOf(Gen.ints(0, 300), Gen.ints(0, 1_000_000)));
      double q = d.draw("q", Gen.oneOf(Gen.<Double>of(0.5, 0.9, 0.99, 0.999), Gen.doubles("(0, 1)", 4)));
      double alpha = d.draw("alpha", Sweep.ALPHA);
      BinomialDistribution binomial = BinomialDistribution.of(n, q);
      long upper = binomial.inverseCumulativeProbability(1 - alpha) + 1L;
      OptionalLong expectedUpper = upper <= n && n > 0 ? OptionalLong.of(upper) : OptionalLong.empty();
      OptionalLong actualUpper = QuantileRanks.upperRank(n, q, alpha);
      if (!expectedUpper.equals(actualUpper)) {
        long k = actualUpper.orElse(n + 1L);
        double near = Math.min(Math.abs(binomial.cumulativeProbability((int) (k - 1)) - (1 - alpha)),
            Math.abs(binomial.cumulativeProbability((int) Math.min(n, upper) - 1) - (1 - alpha)));
        assertTrue(near < 1e-9, "upper rank " + actualUpper + ", reference " + expectedUpper);
      }
      long lower = binomial.inverseCumulativeProbability(alpha);
      OptionalLong expectedLower = lower >= 1 ? OptionalLong.of(lower) : OptionalLong.empty();
      OptionalLong actualLower = QuantileRanks.lowerRank(n, q, alpha);
      if (!expectedLower.equals(actualLower)) {
        double near = Math.abs(binomial.cumulativeProbability((int) actualLower.orElse(0) - 1) - alpha);
        assertTrue(near < 1e-9 * alpha || Math.abs(binomial.cumulativeProbability((int) lower - 1) - alpha) < 1e-9 * alpha,
            "lower rank " + actualLower + ", reference " + expectedLower);
      }
    });
  }

  @Test
  void theIntervalOfASampleIsItsOrderStatisticsAtThoseRanks() {
    double[] sample = new double[100];
    for (int i = 0; i < 100; i++) {
      sample[i] = 99 - i; // 0..99 in reverse: the k-th smallest is k − 1
    }
    assertEquals(new Interval(39, 60), QuantileRanks.interval(sample, 0.5, 0.05));
    assertEquals(99.0, sample[0]); // the caller's array is not sorted in place
    // the p99 of 100 values has no 95 % upper bound: the upper end stays open
    assertEquals(Double.POSITIVE_INFINITY, QuantileRanks.interval(sample, 0.99, 0.05).upper());
    assertEquals("sample[1]: NaN (expected a number)", assertThrows(IllegalArgumentException.class,
        () -> QuantileRanks.interval(new double[] {1, Double.NaN}, 0.5, 0.05)).getMessage());
  }

  @Test
  void sprtHasWaldsBoundariesAndIncrements() {
    Sprt sprt = new Sprt(0.001, 0.002, 0.05, 0.1);
    assertEquals(Math.log(2), sprt.failureIncrement(), 1e-15);
    assertEquals(Math.log(0.998 / 0.999), sprt.successIncrement(), 1e-15);
    assertEquals(Math.log(0.9 / 0.05), sprt.upperThreshold(), 1e-15);
    assertEquals(Math.log(0.1 / 0.95), sprt.lowerThreshold(), 1e-15);
    assertEquals(Sprt.Decision.CONTINUE, sprt.decide(0, 0));
    assertEquals(Sprt.Decision.ACCEPT_H1, sprt.decide(5, 5));
    assertEquals(Sprt.Decision.ACCEPT_H0, sprt.decide(0, 3000));
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("p1: 0.001 (expected > p0 (0.002))",
        assertThrows(IllegalArgumentException.class, () -> new Sprt(0.002, 0.001, 0.05, 0.1)).getMessage());
    assertEquals("alpha + beta: 1.1 (expected < 1)",
        assertThrows(IllegalArgumentException.class, () -> new Sprt(0.001, 0.002, 0.5, 0.6)).getMessage());
    assertEquals("q: 1.0 (expected 0 < q < 1)",
        assertThrows(IllegalArgumentException.class, () -> QuantileRanks.upperRank(10, 1, 0.05)).getMessage());
    assertEquals("n: -1 (expected 0 <= n <= 2^53)",
        assertThrows(IllegalArgumentException.class, () -> QuantileRanks.lowerRank(-1, 0.5, 0.05)).getMessage());
  }
}
