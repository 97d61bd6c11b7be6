package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one burn rate ({@link ErrorBudget#burnRate(Objective, long, long)}): its allocation-free
 * double path and its exact integer path round alike, and its inverse {@link
 * ErrorBudget#errorRatio(Objective, double)}.
 */
class BurnRateTest {
  private static final Objective P999 = Objective.percent("99.9");
  private static final String[] PERCENTS = {"99.9", "99.95", "99", "90", "99.999", "97.3", "99.123456789"};

  @Test
  void theDoublePathAndTheIntegerPathGiveTheSameBits() {
    long seed = 0x5eed_b3L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200_000; i++) {
      Objective o = Objective.percent(PERCENTS[random.nextInt(PERCENTS.length)]);
      long total = 1 + random.nextLong(Math.max(1, Math.min(o.fastMaxTotal, 1L << random.nextInt(1, 54))));
      long bad = Math.min(random.nextLong(total + 1), o.fastMaxBad);
      double fast = ErrorBudget.burn(o, bad, total);
      double exact = ErrorBudget.exactBurn(o, bad, total);
      assertEquals(
          Double.doubleToRawLongBits(exact),
          Double.doubleToRawLongBits(fast),
          "seed " + seed + " case " + i + ": " + bad + " bad of " + total + " at " + o + ": " + fast + " vs " + exact);
    }
  }

  @Test
  void countsBeyondTheDoublePathAreDividedExactly() {
    // 2^62 bad of 2^63 − 1: neither 2^62 × 5^3 nor (2^63 − 1) × 1 is an exact double
    long total = Long.MAX_VALUE;
    long bad = 1L << 62;
    double expected =
        new java.math.BigDecimal(bad)
            .multiply(java.math.BigDecimal.valueOf(1000))
            .divide(new java.math.BigDecimal(total), java.math.MathContext.DECIMAL128)
            .doubleValue();
    assertEquals(expected, ErrorBudget.burnRate(P999, total - bad, total).getAsDouble());
  }

  @Test
  void windowCountsAndErrorBudgetNoLongerDisagreeInTheLastPlace() {
    // 1 bad of 5 at 97.3 %: 1 ÷ 0.135 = 7.4074074074074074...; WindowCounts divided by
    // (5 × 0.027 as a double) and gave 7.4074074074074066, ErrorBudget's decimal path 7.407407407407407
    Objective p973 = Objective.percent("97.3");
    WindowCounts w = new WindowCounts(java.time.Duration.ofHours(1), 4, 5, java.time.Duration.ofHours(1));
    assertEquals(7.407407407407407, w.burnRate(p973).getAsDouble());
    assertEquals(7.407407407407407, ErrorBudget.burnRate(p973, 4, 5).getAsDouble());
  }

  @Test
  void theWorkbookBurnRatesComeOutExactlyFromCounts() {
    assertEquals(14.4, ErrorBudget.burnRate(P999, 9_856, 10_000).getAsDouble(), "not 14.399999999999999");
    assertEquals(6, ErrorBudget.burnRate(P999, 9_940, 10_000).getAsDouble());
    assertEquals(1000, ErrorBudget.burnRate(P999, 0, 7).getAsDouble());
    assertEquals(0.1, ErrorBudget.burnRate(Objective.percent("99.95"), 19_999_000, 20_000_000).getAsDouble());
  }

  @Test
  void errorRatioIsTheInverseOfTheBurnRate() {
    assertEquals(0.0144, ErrorBudget.errorRatio(P999, 14.4));
    assertEquals(0.006, ErrorBudget.errorRatio(P999, 6));
    assertEquals(1.0, ErrorBudget.errorRatio(P999, 1000));
    assertEquals(0.0, ErrorBudget.errorRatio(P999, 0));
    assertEquals(0.5, ErrorBudget.errorRatio(Objective.percent("90"), 5));
    assertEquals(14.4, ErrorBudget.burnRate(P999, ErrorBudget.errorRatio(P999, 14.4)));
    Objective p973 = Objective.percent("97.3");
    assertEquals(1.0, ErrorBudget.errorRatio(p973, p973.maxBurnRate()), "a full outage, though 1 ÷ 0.027 rounds up");
  }

  @Test
  void errorRatioRefusesABurnRateNoObjectiveCanReach() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ErrorBudget.errorRatio(P999, 1000.5));
    assertEquals(
        "burn rate: 1000.5 (expected <= 1000.0, the burn rate of a full outage at 99.9%)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ErrorBudget.errorRatio(P999, -1));
    assertEquals("burn rate: -1.0 (expected a finite number >= 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ErrorBudget.errorRatio(P999, Double.NaN));
    assertEquals("burn rate: NaN (expected a finite number >= 0)", e.getMessage());
    NullPointerException n =
        assertThrows(NullPointerException.class, () -> ErrorBudget.errorRatio(null, 1));
    assertEquals("objective: null (expected a value)", n.getMessage());
  }
}
