package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The threshold comparison ({@link RatioThreshold}, exact on the counts) agrees with the one burn
 * rate ({@link ErrorBudget#burnRate(Objective, long, long)}, the same quotient rounded once): a burn
 * rate above the factor always exceeds it, and an exceeded threshold never shows a burn rate below
 * the factor.
 */
class RatioThresholdBurnRateTest {
  private static final String[] PERCENTS = {"99.9", "99.95", "99", "90", "99.999", "97.3", "99.5"};
  private static final double[] FACTORS = {14.4, 6, 3, 1, 13.44, 5.6, 2.8, 0.3, 1.5, 2};

  @Test
  void theComparisonAndTheBurnRateNeverContradictEachOther() {
    long seed = 0xb3_7417L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200_000; i++) {
      Objective o = Objective.percent(PERCENTS[random.nextInt(PERCENTS.length)]);
      double factor = FACTORS[random.nextInt(FACTORS.length)];
      long total = 1 + random.nextLong(1L << random.nextInt(1, 50));
      // near the threshold half of the time, where rounding could disagree
      long bad =
          random.nextBoolean()
              ? Math.min(total, Math.max(0, (long) (factor * o.errorBudget() * total) + random.nextInt(-2, 3)))
              : random.nextLong(total + 1);
      double rate = ErrorBudget.burnRate(o, total - bad, total).getAsDouble();
      boolean exceeded = RatioThreshold.of(factor, o).exceededBy(bad, total);
      String c = "seed " + seed + " case " + i + ": " + bad + " bad of " + total + " at " + o + ", factor " + factor + ", burn " + rate;
      if (rate > factor) {
        assertTrue(exceeded, c);
      }
      if (exceeded) {
        assertTrue(rate >= factor, c);
      }
    }
  }

  @Test
  void aBurnRateExactlyAtTheFactorDoesNotExceedIt() {
    Objective p999 = Objective.percent("99.9");
    assertEquals(14.4, ErrorBudget.burnRate(p999, 9_856, 10_000).getAsDouble());
    assertFalse(RatioThreshold.of(14.4, p999).exceededBy(144, 10_000));
    assertTrue(RatioThreshold.of(14.4, p999).exceededBy(145, 10_000));
  }
}
