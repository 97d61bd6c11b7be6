package io.github.slo4j.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
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
