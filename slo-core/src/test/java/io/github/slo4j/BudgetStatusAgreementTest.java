package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.Severity;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: one burn rate. {@link BudgetStatus#consumed()} is the period burn rate and came from a
 * decimal rounding of its own; {@link AlertTier#errorRatioThreshold} was a second inverse of the
 * burn rate. Both now agree bit for bit with {@link ErrorBudget}.
 */
class BudgetStatusAgreementTest {
  private static final String[] OBJECTIVES = {"90", "99", "99.5", "99.9", "99.95", "99.99", "97.3", "99.999"};

  @Test
  void budgetStatusConsumedIsTheBurnRateOfErrorBudgetToTheLastBit() {
    long seed = 9_2026L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      Objective objective = Objective.percent(OBJECTIVES[random.nextInt(OBJECTIVES.length)]);
      long total = 1 + random.nextLong(i % 2 == 0 ? 1_000 : 1L << 50);
      long good = total - random.nextLong(total + 1);
      BudgetStatus status = ErrorBudget.status(objective, good, total);
      double burn = ErrorBudget.burnRate(objective, good, total).getAsDouble();
      String input = "seed " + seed + " case " + i + ": " + good + "/" + total + " at " + objective;
      assertEquals(Double.doubleToLongBits(burn), Double.doubleToLongBits(status.consumed().getAsDouble()), input);
      assertEquals(1 - burn, status.remaining().getAsDouble(), input);
      assertEquals(burn > 1, status.overspent(), input);
    }
  }

  @Test
  void budgetStatusOfNoTrafficIsNoData() {
    BudgetStatus status = ErrorBudget.status(Objective.percent("99.9"), 0, 0);
    assertEquals(true, status.consumed().isEmpty());
    assertEquals(true, status.remaining().isEmpty());
    assertEquals(false, status.overspent());
  }

  @Test
  void errorRatioThresholdIsErrorBudgetsInverseOfTheBurnRateWhereTheFactorIsReachable() {
    long seed = 11L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 5_000; i++) {
      Objective objective = Objective.percent(OBJECTIVES[random.nextInt(OBJECTIVES.length)]);
      double factor = Math.round(random.nextDouble(0.01, objective.maxBurnRate()) * 1000) / 1000.0;
      AlertTier tier = AlertTier.of(Severity.PAGE, Duration.ofHours(1), factor);
      assertEquals(
          Double.doubleToLongBits(ErrorBudget.errorRatio(objective, factor)),
          Double.doubleToLongBits(tier.errorRatioThreshold(objective)),
          "seed " + seed + " case " + i + ": " + factor + " at " + objective);
    }
  }

  @Test
  void beyondAFullOutagesBurnRateTheThresholdIsAtLeastOneAndTheTierCannotFire() {
    Objective ninety = Objective.percent("90");
    AlertTier tier = AlertTier.of(Severity.PAGE, Duration.ofHours(1), 14.4);
    assertEquals(1.44, tier.errorRatioThreshold(ninety), 1e-15);
    assertEquals(false, tier.canFire(ninety));
    assertEquals(0.0144, tier.errorRatioThreshold(Objective.percent("99.9")));
  }
}
