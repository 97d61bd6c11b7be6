package io.github.slo4j.monitor;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import java.math.BigDecimal;

/**
 * {@link ErrorBudget#burnRate(Objective, long, long)} of one objective as a plain double, for the
 * evaluation path, which must not allocate an {@code OptionalDouble}. Both give the exact quotient
 * {@code bad ÷ (total × (1 − objective))} correctly rounded to the nearest double, and a correctly
 * rounded result is unique, so they give the same double bit for bit: with the budget {@code m ×
 * 10^−s}, when {@code bad × 10^s} and {@code total × m} are below 2^53 both are exact doubles and
 * one IEEE 754 division rounds their quotient once (IEEE 754-2008, 4.3); otherwise this defers to
 * {@link ErrorBudget}.
 *
 * <p>Immutable.
 */
final class BurnRate {
  private static final long EXACT = (1L << 53) - 1;

  private final Objective objective;
  private final boolean fast;
  private final long pow10;
  private final long unscaled;
  private final long maxBad;
  private final long maxTotal;

  BurnRate(Objective objective) {
    this.objective = objective;
    BigDecimal budget = objective.errorBudgetDecimal();
    int scale = budget.scale();
    this.fast = scale >= 0 && scale <= 15 && budget.unscaledValue().bitLength() <= 53 && budget.signum() > 0;
    this.pow10 = fast ? BigDecimal.ONE.movePointRight(scale).longValueExact() : 1;
    this.unscaled = fast ? budget.unscaledValue().longValueExact() : 1;
    this.maxBad = EXACT / pow10;
    this.maxTotal = EXACT / unscaled;
  }

  /** The burn rate of {@code bad} of {@code total} events, {@code 0 <= bad <= total}, {@code total > 0}. */
  double of(long bad, long total) {
    if (bad == 0) {
      return 0;
    }
    if (fast && bad <= maxBad && total <= maxTotal) {
      return (double) (bad * pow10) / (double) (total * unscaled);
    }
    return ErrorBudget.burnRate(objective, total - bad, total).getAsDouble();
  }
}
