package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Error-budget arithmetic as pure functions. Every function validates its arguments and computes
 * in decimal arithmetic where the published numbers must come out exactly (43.2 minutes of budget
 * for 99.9 % over 30 days, a burn-rate factor of 14.4 for 2 % of a 30-day budget in 1 hour).
 *
 * <p>The formulas are those of the Google SRE Workbook, chapter 5 "Alerting on SLOs":
 *
 * <ul>
 *   <li>burn rate = error ratio ÷ (1 − objective);
 *   <li>time to exhaust a full budget = period ÷ burn rate;
 *   <li>budget consumed when a tier fires = burn rate × long window ÷ period;
 *   <li>detection time = ((1 − objective) ÷ error ratio) × window × burn-rate factor;
 *   <li>burn-rate factor for a budget share = share × period ÷ long window (as in Sloth).
 * </ul>
 *
 * <p><b>No data.</b> With no events ({@code total = 0}) there is no ratio and no burn rate: the
 * functions that need a ratio return {@link OptionalDouble#empty()}, never NaN, 0 or −1.
 */
public final class ErrorBudget {
  // 34 digits: a quotient of seconds stays exact to the nanosecond for any period a Duration holds.
  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE);

  private ErrorBudget() {}

  /**
   * The number of bad events the budget allows among {@code total} events: {@code total × (1 −
   * objective)}. Fractional: 7,200 events at 99.9 % allow 7.2 bad ones.
   *
   * @param objective the objective
   * @param total all events, {@code >= 0}
   * @return the allowed bad events
   * @throws IllegalArgumentException when {@code total} is negative
   */
  public static double allowedBadEvents(Objective objective, long total) {
    Require.nonNull("objective", objective);
    Require.nonNegative("total", total);
    return BigDecimal.valueOf(total).multiply(objective.errorBudgetDecimal()).doubleValue();
  }

  /**
   * The budget expressed as time: how long the service may be fully down in {@code period}, {@code
   * period × (1 − objective)}; 43m12s for 99.9 % over 30 days. Rounded to the nanosecond.
   *
   * @param objective the objective
   * @param period the compliance period's length, positive
   * @return the bad time allowed
   * @throws IllegalArgumentException when the period is not positive
   */
  public static Duration budgetTime(Objective objective, Duration period) {
    Require.nonNull("objective", objective);
    Require.positive("period", period);
    return fromSeconds(seconds(period).multiply(objective.errorBudgetDecimal()));
  }

  /**
   * The error ratio {@code (total − good) ÷ total}; empty when {@code total} is 0 (no data).
   *
   * @param good good events, {@code 0 <= good <= total}
   * @param total all events, {@code >= 0}
   * @return the error ratio, or empty with no data
   * @throws IllegalArgumentException when a count is negative or {@code good > total}
   */
  public static OptionalDouble errorRatio(long good, long total) {
    Require.counts(good, total);
    if (total == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((double) (total - good) / total);
  }

  /**
   * The burn rate of an error ratio: {@code errorRatio ÷ (1 − objective)}. 1 spends the budget
   * exactly over the period; 1000 at 99.9 % is a full outage.
   *
   * @param errorRatio bad ÷ total events, in [0, 1]
   * @param objective the objective
   * @return the burn rate, {@code >= 0}
   * @throws IllegalArgumentException when the error ratio is not in [0, 1]
   */
  public static double burnRate(double errorRatio, Objective objective) {
    Require.unitInterval("error ratio", errorRatio);
    Require.nonNull("objective", objective);
    return BigDecimal.valueOf(errorRatio).divide(objective.errorBudgetDecimal(), MC).doubleValue();
  }

  /**
   * The burn rate of {@code good} of {@code total} events: {@code bad ÷ (total × (1 −
   * objective))}.
   *
   * @param good good events, {@code 0 <= good <= total}
   * @param total all events, {@code >= 0}
   * @param objective the objective
   * @return the burn rate, or empty when {@code total} is 0 (no data)
   * @throws IllegalArgumentException when a count is negative or {@code good > total}
   */
  public static OptionalDouble burnRate(long good, long total, Objective objective) {
    Require.counts(good, total);
    Require.nonNull("objective", objective);
    if (total == 0) {
      return OptionalDouble.empty();
    }
    BigDecimal allowed = BigDecimal.valueOf(total).multiply(objective.errorBudgetDecimal());
    return OptionalDouble.of(BigDecimal.valueOf(total - good).divide(allowed, MC).doubleValue());
  }

  /**
   * The state of the budget after {@code good} of {@code total} events: how much is consumed and
   * how much remains, as fractions of the budget those events allow.
   *
   * @param objective the objective
   * @param good good events, {@code 0 <= good <= total}
   * @param total all events, {@code >= 0}
   * @return the status; without events it has no data
   * @throws IllegalArgumentException when a count is negative or {@code good > total}
   */
  public static BudgetStatus status(Objective objective, long good, long total) {
    Require.nonNull("objective", objective);
    Require.counts(good, total);
    return new BudgetStatus(objective, good, total);
  }

  /**
   * How long a full budget lasts at {@code burnRate}: {@code period ÷ burnRate}; 43m12s for 30 days
   * at 1000. Empty when the burn rate is 0 (the budget is never exhausted), or so close to 0 that
   * the time does not fit in a {@link Duration} (some 292 billion years).
   *
   * @param period the compliance period's length, positive
   * @param burnRate a finite burn rate, {@code >= 0}
   * @return the time to exhaustion, rounded to the nanosecond; empty when it never comes
   * @throws IllegalArgumentException when the burn rate is negative, NaN or infinite
   */
  public static Optional<Duration> timeToExhaustion(Duration period, double burnRate) {
    return timeToExhaustion(1.0, period, burnRate);
  }

  /**
   * How long the {@code remaining} fraction of a period's budget lasts at {@code burnRate}: {@code
   * remaining × period ÷ burnRate}. Zero when the budget is already spent ({@code remaining <= 0});
   * empty when the burn rate is 0 or the time does not fit in a {@link Duration}.
   *
   * @param remaining the fraction of the budget left, {@code <= 1}; may be negative when
   *     overspent
   * @param period the compliance period's length, positive
   * @param burnRate a finite burn rate, {@code >= 0}
   * @return the time to exhaustion, rounded to the nanosecond; empty when it never comes
   * @throws IllegalArgumentException when {@code remaining} is not a finite number {@code <= 1},
   *     the period is not positive, or the burn rate is negative, NaN or infinite
   */
  public static Optional<Duration> timeToExhaustion(
      double remaining, Duration period, double burnRate) {
    if (Double.isNaN(remaining) || Double.isInfinite(remaining) || remaining > 1) {
      throw Require.invalid("remaining", remaining, "a finite fraction <= 1");
    }
    Require.positive("period", period);
    Require.finiteNonNegative("burn rate", burnRate);
    if (remaining <= 0) {
      return Optional.of(Duration.ZERO);
    }
    if (burnRate == 0) {
      return Optional.empty();
    }
    BigDecimal secs =
        seconds(period).multiply(BigDecimal.valueOf(remaining)).divide(BigDecimal.valueOf(burnRate), MC);
    if (secs.compareTo(MAX_SECONDS) >= 0) {
      return Optional.empty(); // would overflow Duration: as good as never
    }
    return Optional.of(fromSeconds(secs));
  }

  /**
   * The share of a period's budget spent by burning at {@code burnRate} for {@code window}: {@code
   * burnRate × window ÷ period}. A 1-hour window at 14.4 over 30 days spends 0.02 (2 %).
   *
   * @param burnRate a finite burn rate, {@code >= 0}
   * @param window how long it burns, positive, at most the period
   * @param period the compliance period's length
   * @return the share of the budget spent, as a fraction
   * @throws IllegalArgumentException when the window is not positive or is longer than the period
   */
  public static double budgetConsumed(double burnRate, Duration window, Duration period) {
    Require.finiteNonNegative("burn rate", burnRate);
    checkWindow("window", window, period);
    return BigDecimal.valueOf(burnRate)
        .multiply(seconds(window))
        .divide(seconds(period), MC)
        .doubleValue();
  }

  /**
   * How long a tier with {@code factor} over {@code window} takes to notice a steady {@code
   * errorRatio} that starts from a clean window: {@code ((1 − objective) ÷ errorRatio) × window ×
   * factor}. A full outage at 99.9 % trips 14.4 over 1 hour after 51.84 s. Empty when the error
   * ratio never burns faster than the factor (tiers fire on strictly greater), so never fires.
   *
   * @param objective the objective
   * @param errorRatio the steady error ratio, in (0, 1]
   * @param window the tier's window, positive
   * @param factor the tier's burn-rate factor, positive
   * @return the detection time, rounded to the nanosecond and at most {@code window}; empty when
   *     the tier never fires on this ratio
   * @throws IllegalArgumentException when the error ratio is not in (0, 1], the window is not
   *     positive, or the factor is not positive
   */
  public static Optional<Duration> detectionTime(
      Objective objective, double errorRatio, Duration window, double factor) {
    Require.nonNull("objective", objective);
    if (!(errorRatio > 0 && errorRatio <= 1)) {
      throw Require.invalid("error ratio", errorRatio, "0 < error ratio <= 1");
    }
    Require.positive("window", window);
    Require.finitePositive("factor", factor);
    BigDecimal threshold = objective.errorBudgetDecimal().multiply(BigDecimal.valueOf(factor));
    BigDecimal ratio = BigDecimal.valueOf(errorRatio);
    if (ratio.compareTo(threshold) <= 0) {
      return Optional.empty();
    }
    return Optional.of(fromSeconds(threshold.multiply(seconds(window)).divide(ratio, MC)));
  }

  /**
   * The burn-rate factor at which a tier with {@code longWindow} spends {@code budgetShare} of a
   * {@code period}'s budget before it fires: {@code budgetShare × period ÷ longWindow}. For 30 days:
   * 2 % in 1 h gives 14.4, 5 % in 6 h gives 6, 10 % in 1 d gives 3, 10 % in 3 d gives 1.
   *
   * @param budgetShare the share of the budget the tier may spend before it fires, in (0, 1]
   * @param longWindow the tier's long window, positive, at most the period
   * @param period the compliance period's length
   * @return the burn-rate factor
   * @throws IllegalArgumentException when the share is not in (0, 1], or the window is not positive
   *     or is longer than the period
   */
  public static double burnRateFactor(double budgetShare, Duration longWindow, Duration period) {
    if (!(budgetShare > 0 && budgetShare <= 1)) {
      throw Require.invalid("budget share", budgetShare, "0 < share <= 1");
    }
    checkWindow("long window", longWindow, period);
    return BigDecimal.valueOf(budgetShare)
        .multiply(seconds(period))
        .divide(seconds(longWindow), MC)
        .doubleValue();
  }

  /**
   * The availability of services in series, all of which must work: the product of their
   * availabilities. Two 99.9 % services give 99.8001 %.
   *
   * @param first an availability
   * @param more the other availabilities
   * @return their product, exact
   * @throws IllegalArgumentException when an availability is null
   */
  public static Objective series(Objective first, Objective... more) {
    Require.nonNull("availability", first);
    BigDecimal product = first.decimal();
    for (Objective o : Require.nonNull("availabilities", more)) {
      product = product.multiply(Require.nonNull("availability", o).decimal());
    }
    return Objective.ratio(product.toPlainString());
  }

  /**
   * The availability of redundant replicas, any one of which suffices (failures independent): one
   * minus the product of their unavailabilities. Two 99 % replicas give 99.99 %.
   *
   * @param first an availability
   * @param more the other availabilities
   * @return one minus the product of the unavailabilities, exact
   * @throws IllegalArgumentException when an availability is null
   */
  public static Objective parallel(Objective first, Objective... more) {
    Require.nonNull("availability", first);
    BigDecimal down = first.errorBudgetDecimal();
    for (Objective o : Require.nonNull("availabilities", more)) {
      down = down.multiply(Require.nonNull("availability", o).errorBudgetDecimal());
    }
    return Objective.ratio(BigDecimal.ONE.subtract(down).toPlainString());
  }

  static void checkWindow(String name, Duration window, Duration period) {
    Require.positive(name, window);
    Require.positive("period", period);
    if (window.compareTo(period) > 0) {
      throw Require.invalid(
          name,
          DurationFormat.format(window),
          "<= the compliance period (" + DurationFormat.format(period) + ")");
    }
  }

  private static BigDecimal seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
  }

  private static Duration fromSeconds(BigDecimal seconds) {
    BigDecimal nanos = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_EVEN);
    BigDecimal[] qr = nanos.divideAndRemainder(NANOS_PER_SECOND);
    return Duration.ofSeconds(qr[0].longValueExact(), qr[1].longValueExact());
  }
}
