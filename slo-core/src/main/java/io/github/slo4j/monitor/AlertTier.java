package io.github.slo4j.monitor;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * One tier of multi-window, multi-burn-rate alerting (SRE Workbook, chapter 5): it fires when the
 * burn rate over <b>both</b> the long and the short window is strictly greater than {@code
 * factor}. The long window gives precision (enough budget is really being spent), the short one a
 * fast reset (the alert clears soon after the burn stops).
 *
 * @param severity who is told and how
 * @param longWindow the long window
 * @param shortWindow the short window, shorter than the long one (1/12 of it by convention)
 * @param factor the burn rate both windows must exceed, {@code > 0}
 */
public record AlertTier(Severity severity, Duration longWindow, Duration shortWindow, double factor) {

  /** Validates the components. */
  public AlertTier {
    Require.nonNull("severity", severity);
    Require.positive("long window", longWindow);
    Require.positive("short window", shortWindow);
    if (shortWindow.compareTo(longWindow) >= 0) {
      throw Require.invalid(
          "short window",
          DurationFormat.format(shortWindow),
          "< long window (" + DurationFormat.format(longWindow) + ")");
    }
    Require.finitePositive("factor", factor);
  }

  /** A tier whose short window is 1/12 of {@code longWindow}, rounded down to the millisecond. */
  public static AlertTier of(Severity severity, Duration longWindow, double factor) {
    Require.positive("long window", longWindow);
    return new AlertTier(severity, longWindow, Duration.ofMillis(longWindow.toMillis() / 12), factor);
  }

  /**
   * The error ratio above which this tier fires for {@code objective}: {@code factor × (1 −
   * objective)}; 1.44 % for 14.4 at 99.9 %. At or above 1 the tier can never fire.
   */
  public double errorRatioThreshold(Objective objective) {
    if (factor <= objective.maxBurnRate()) {
      return ErrorBudget.errorRatio(objective, factor); // the one inverse of the burn rate
    }
    // beyond a full outage's burn rate there is no error ratio: the product, at least 1
    return BigDecimal.valueOf(factor).multiply(objective.errorBudgetDecimal()).doubleValue();
  }

  /** Whether a full outage burns faster than this tier's factor, i.e. whether it can ever fire. */
  public boolean canFire(Objective objective) {
    return BigDecimal.valueOf(factor).multiply(objective.errorBudgetDecimal()).compareTo(BigDecimal.ONE) < 0;
  }

  /**
   * The fewest events a window must hold so that <b>one bad event among them cannot exceed</b> this
   * tier's threshold {@code θ = factor × (1 − objective)}: one bad event of {@code n} exceeds θ iff
   * {@code 1 ÷ n > θ} iff {@code n < 1 ÷ θ}, so the floor is {@code ⌈1 ÷ θ⌉}, computed exactly. For the
   * default tiers at 99.9 % (the Workbook's three and Sloth's 1d/2h ticket): 70, 167, 334 and 1,000 (one bad of 1,000 is exactly 0.1 %, not more).
   * 1 when the tier can never fire.
   */
  public long singleFailureMinEvents(Objective objective) {
    BigDecimal threshold = BigDecimal.valueOf(factor).multiply(objective.errorBudgetDecimal());
    BigDecimal n = BigDecimal.ONE.divide(threshold, 0, RoundingMode.CEILING);
    return n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : Math.max(1, n.longValueExact());
  }

  /**
   * The share of a {@code period}'s budget spent by the time this tier fires on its long window:
   * {@code factor × longWindow ÷ period}.
   */
  public double budgetShare(Duration period) {
    return ErrorBudget.budgetConsumed(factor, longWindow, period);
  }

  /** {@code page 1h/5m > 14.4}. */
  @Override
  public String toString() {
    return severity
        + " "
        + DurationFormat.format(longWindow)
        + "/"
        + DurationFormat.format(shortWindow)
        + " > "
        + BigDecimal.valueOf(factor).round(MathContext.DECIMAL64).stripTrailingZeros().toPlainString();
  }
}
