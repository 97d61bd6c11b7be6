package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic the allocation-free evaluation decides with, against exact integers: the
 * partially covered window's threshold check, which decides in doubles away from the threshold,
 * and the burn rate as a plain double, which must be {@link ErrorBudget}'s bit for bit. Plain
 * fixed-seed loops; each failure names its case.
 */
class EvaluationArithmeticTest {
  private static final double[] FACTORS = {14.4, 6, 3, 1, 13.44, 5.6, 2.8, 0.9333333333333333, 0.2333333333333333, 1e-3, 999};
  private static final String[] OBJECTIVES = {"90", "99", "99.5", "99.9", "99.95", "99.99", "99.999", "99.9999"};

  /**
   * {@code bad × covered ÷ (total × window) > θ}, exactly: the cases aim at the threshold itself
   * (the largest bad below or on it, nudged by up to two events), where a double estimate would
   * go wrong, and at random ratios away from it.
   */
  @Test
  void aPartlyCoveredWindowExceedsItsThresholdExactlyAsIntegersSay() {
    SplittableRandom random = new SplittableRandom(20261130L);
    for (int i = 0; i < 20_000; i++) {
      double factor = random.nextInt(3) == 0 ? 0.001 + random.nextDouble() * 2000 : FACTORS[random.nextInt(FACTORS.length)];
      Objective o = Objective.percent(OBJECTIVES[random.nextInt(OBJECTIVES.length)]);
      long total = 1 + random.nextLong(random.nextBoolean() ? 1_000 : 10_000_000_000L);
      long window = 10_000 * (1 + random.nextLong(25_920));
      long covered = 1 + random.nextLong(window - 1);
      BigDecimal threshold = BigDecimal.valueOf(factor).multiply(o.errorBudgetDecimal());
      // bad on the edge: bad × covered = θ × total × window
      BigDecimal rhs = threshold.multiply(BigDecimal.valueOf(total)).multiply(BigDecimal.valueOf(window));
      long onEdge = rhs.divide(BigDecimal.valueOf(covered), 0, RoundingMode.FLOOR).min(BigDecimal.valueOf(total)).longValue();
      long bad = random.nextBoolean()
          ? Math.max(0, Math.min(total, onEdge + random.nextInt(5) - 2))
          : random.nextLong(total + 1);
      boolean expected = BigDecimal.valueOf(bad).multiply(BigDecimal.valueOf(covered)).compareTo(rhs) > 0;
      String at = "case " + i + ": factor " + factor + ", objective " + o + ", " + bad + "/" + total + " bad, covered "
          + covered + " of " + window + " ms";
      assertEquals(expected, RatioThreshold.of(factor, o).exceededBy(bad, total, covered, window), at);
    }
  }

  /** {@code BurnRate.of} and {@code ErrorBudget.burnRate} give the same double, small counts and huge. */
  @Test
  void theEvaluationsBurnRateIsErrorBudgetsBitForBit() {
    SplittableRandom random = new SplittableRandom(8_640L);
    String[] objectives = {"90", "99", "99.5", "99.9", "99.95", "99.99", "99.999", "99.9999", "99.12345", "33.3"};
    for (int i = 0; i < 50_000; i++) {
      Objective o = Objective.percent(objectives[random.nextInt(objectives.length)]);
      long bound = new long[] {10, 100_000, 10_000_000_000L, Long.MAX_VALUE / 2}[random.nextInt(4)];
      long total = 1 + random.nextLong(bound);
      long bad = random.nextInt(4) == 0 ? 0 : random.nextLong(total + 1);
      double expected = ErrorBudget.burnRate(o, total - bad, total).getAsDouble();
      double actual = new BurnRate(o).of(bad, total);
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
          "case " + i + ": " + bad + "/" + total + " bad at " + o + ": " + expected + " vs " + actual);
    }
  }

  /** The exact quotient, as a check of the check: the burn rate is the correctly rounded {@code bad ÷ (total × budget)}. */
  @Test
  void theBurnRateIsTheCorrectlyRoundedQuotient() {
    Objective o = Objective.percent("99.9");
    long bad = 7;
    long total = 3_000_001;
    BigDecimal exact = new BigDecimal(BigInteger.valueOf(bad * 1000)).divide(BigDecimal.valueOf(total), 40, RoundingMode.HALF_EVEN);
    assertEquals(exact.doubleValue(), new BurnRate(o).of(bad, total));
  }
}
