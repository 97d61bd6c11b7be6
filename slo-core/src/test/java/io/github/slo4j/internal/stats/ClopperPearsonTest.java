package io.github.slo4j.internal.stats;

import static io.github.slo4j.internal.stats.Sweep.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.property.Property;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;
import org.junit.jupiter.api.Test;

/** Clopper–Pearson against Commons Statistics: the interval module where counts fit an int, beta quantiles beyond. */
class ClopperPearsonTest {

  @Test
  void theIntervalAgreesWithTheReferenceOnASweepOfCounts() {
    Property.check(300, d -> {
      long n = d.draw("trials", Sweep.TRIALS);
      long x = Sweep.failuresOf(d, n);
      double alpha = d.draw("alpha", Sweep.ALPHA);
      io.github.slo4j.internal.stats.Interval mine = ClopperPearson.interval(x, n, alpha);
      String what = x + " of " + n + " at " + alpha;
      if (n <= Integer.MAX_VALUE) {
        Interval ref = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate((int) n, (int) x, alpha);
        assertRelative(ref.getLowerBound(), mine.lower(), 1e-9, "lower " + what);
        assertRelative(ref.getUpperBound(), mine.upper(), 1e-9, "upper " + what);
      }
      double upper = x == n ? 1 : BetaDistribution.of(x + 1.0, n - x).inverseSurvivalProbability(alpha);
      assertRelative(upper, ClopperPearson.upperBound(x, n, alpha), 1e-9, "one-sided upper " + what);
      double lower = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1.0).inverseCumulativeProbability(alpha);
      assertRelative(lower, ClopperPearson.lowerBound(x, n, alpha), 1e-9, "one-sided lower " + what);
    });
  }

  @Test
  void noFailureGivesTheClosedFormUpperBound() {
    assertRelative(1 - Math.pow(0.05, 1 / 2995.0), ClopperPearson.upperBound(0, 2995, 0.05), 1e-12, "x = 0");
    assertRelative(-Math.expm1(Math.log(0.05) / 1e12), ClopperPearson.upperBound(0, 1_000_000_000_000L, 0.05),
        1e-15, "x = 0 of 1e12");
    assertEquals(1.0, ClopperPearson.upperBound(7, 7, 0.05));
    assertEquals(0.0, ClopperPearson.lowerBound(0, 7, 0.05));
    assertEquals(new io.github.slo4j.internal.stats.Interval(0, 1), ClopperPearson.interval(0, 0, 0.05));
  }

  @Test
  void demonstratingNinetyNineNinePercentAtNinetyFivePercentNeeds2995Trials() {
    assertEquals(2995, ClopperPearson.zeroFailureTrials(0.001, 0.05));
    assertEquals(299, ClopperPearson.zeroFailureTrials(0.01, 0.05));
    // the definition: the bound at n is below the rate, at n − 1 it is not
    org.junit.jupiter.api.Assertions.assertTrue(ClopperPearson.upperBound(0, 2995, 0.05) < 0.001);
    org.junit.jupiter.api.Assertions.assertTrue(ClopperPearson.upperBound(0, 2994, 0.05) >= 0.001);
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("failures: 5 (expected <= trials (3))",
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.upperBound(5, 3, 0.05)).getMessage());
    assertEquals("trials: -1 (expected 0 <= trials <= 2^53)",
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.lowerBound(0, -1, 0.05)).getMessage());
    assertEquals("failures: -2 (expected 0 <= failures <= 2^53)",
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(-2, 3, 0.05)).getMessage());
    assertEquals("alpha: 1.0 (expected 0 < alpha < 1)",
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.interval(0, 3, 1)).getMessage());
    assertEquals("maxRate: 0.0 (expected 0 < maxRate < 1)",
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.zeroFailureTrials(0, 0.05)).getMessage());
    assertEquals("maxRate: 1.0E-300 (expected a rate that at most 2^53 trials can demonstrate at alpha 0.05)",
        assertThrows(IllegalArgumentException.class, () -> ClopperPearson.zeroFailureTrials(1e-300, 0.05))
            .getMessage());
  }
}
