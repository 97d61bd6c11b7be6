package io.github.slo4j;

import io.github.slo4j.internal.Quotients;
import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.BigInteger;
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
 * <p><b>Argument order.</b> Every function takes the {@link Objective} first, then the measured
 * quantities (counts {@code good, total}; ratios, burn rates, shares, factors), then the durations,
 * the shorter before the longer ({@code window, period}).
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
   * exactly over the period; 1000 at 99.9 % is a full outage. The ratio is read through its
   * shortest decimal ({@link BigDecimal#valueOf(double)}), so 0.0144 at 99.9 % is exactly 14.4; the
   * quotient is rounded once, to the nearest double.
   *
   * <p>From counts, prefer {@link #burnRate(Objective, long, long)}: it divides the counts
   * themselves, where this method starts from a ratio that was already rounded.
   *
   * @param objective the objective
   * @param errorRatio bad ÷ total events, in [0, 1]
   * @return the burn rate, {@code >= 0}
   * @throws IllegalArgumentException when the error ratio is not in [0, 1]
   * @throws NullPointerException when the objective is null
   */
  public static double burnRate(Objective objective, double errorRatio) {
    Require.nonNull("objective", objective);
    Require.unitInterval("error ratio", errorRatio);
    BigDecimal r = BigDecimal.valueOf(errorRatio);
    if (r.signum() == 0) {
      return 0;
    }
    // (u × 10^−t) ÷ (m × 10^−s) = (u × 10^s) ÷ (m × 10^t)
    BigInteger num = r.unscaledValue();
    BigInteger den = objective.budgetUnscaled;
    int shift = objective.budgetScale - r.scale();
    if (shift >= 0) {
      num = num.multiply(BigInteger.TEN.pow(shift));
    } else {
      den = den.multiply(BigInteger.TEN.pow(-shift));
    }
    return Quotients.nearest(num, den);
  }

  /**
   * The burn rate of {@code good} of {@code total} events: {@code bad ÷ (total × (1 −
   * objective))}, the exact quotient rounded once to the nearest double.
   *
   * <p>This is <b>the</b> burn rate of slo4j: {@link WindowCounts#burnRate(Objective)}, the
   * recorder's snapshots and buffers, alerts, health and policy decisions all compute theirs here,
   * so the same counts give the same double, bit for bit, whichever way they are read. Counts below
   * about 2^53 ÷ 5^s (s the decimals of the error budget: 3 for 99.9 %) take a path of one double
   * division that allocates nothing; larger counts are divided exactly in {@link BigInteger} with
   * the same result. Alert thresholds are not compared on this double but decided on the counts
   * themselves, exactly ({@code bad ÷ total > factor × (1 − objective)}): a burn rate exactly at
   * the factor never fires, and a burn rate above the factor always does.
   *
   * @param objective the objective
   * @param good good events, {@code 0 <= good <= total}
   * @param total all events, {@code >= 0}
   * @return the burn rate, or empty when {@code total} is 0 (no data)
   * @throws IllegalArgumentException when a count is negative or {@code good > total}
   * @throws NullPointerException when the objective is null
   */
  public static OptionalDouble burnRate(Objective objective, long good, long total) {
    Require.nonNull("objective", objective);
    Require.counts(good, total);
    if (total == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(burn(objective, total - good, total));
  }

  /**
   * The burn rate {@code bad ÷ (total × budget)} for {@code 0 <= bad <= total}, {@code total > 0},
   * correctly rounded: the exact quotient is {@code (bad × 10^s) ÷ (total × m)} with the budget
   * {@code m × 10^−s}. When both integers are exact doubles, IEEE 754 division rounds their exact
   * quotient to nearest (one rounding); otherwise {@link Quotients#nearest} does the same in integers.
   */
  static double burn(Objective o, long bad, long total) {
    if (bad == 0) {
      return 0;
    }
    if (bad <= o.fastMaxBad && total <= o.fastMaxTotal) {
      // bad × 10^s, exact: bad × 5^s < 2^53 is an exact double, and a power of two scales it exactly
      double num = (double) (bad * o.pow5) * o.pow2;
      return num / (double) (total * o.budgetUnscaledLong);
    }
    return exactBurn(o, bad, total);
  }

  /** The integer path of {@link #burn}, for any counts. */
  static double exactBurn(Objective o, long bad, long total) {
    return Quotients.nearest(
        BigInteger.valueOf(bad).multiply(BigInteger.TEN.pow(o.budgetScale)),
        BigInteger.valueOf(total).multiply(o.budgetUnscaled));
  }

  /**
   * The inverse of {@link #burnRate(Objective, double)}: the error ratio that burns at {@code
   * burnRate}, {@code burnRate × (1 − objective)}; 0.0144 for 14.4 at 99.9 %. The burn rate is read
   * through its shortest decimal and the product is rounded once, so a threshold written as 14.4
   * gives the ratio written 0.0144.
   *
   * @param objective the objective
   * @param burnRate a finite burn rate, from 0 to {@link Objective#maxBurnRate()} (a full outage)
   * @return the error ratio, in [0, 1]
   * @throws IllegalArgumentException when the burn rate is negative, NaN, infinite, or faster than
   *     a full outage
   * @throws NullPointerException when the objective is null
   */
  public static double errorRatio(Objective objective, double burnRate) {
    Require.nonNull("objective", objective);
    Require.finiteNonNegative("burn rate", burnRate);
    if (burnRate > objective.maxBurnRate()) {
      throw Require.invalid(
          "burn rate",
          burnRate,
          "<= " + objective.maxBurnRate() + ", the burn rate of a full outage at " + objective);
    }
    BigDecimal ratio = BigDecimal.valueOf(burnRate).multiply(objective.errorBudgetDecimal());
    // maxBurnRate() is 1 ÷ budget rounded, possibly up: its ratio is a full outage, not more
    return Math.min(1.0, ratio.doubleValue());
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
   * @param burnRate a finite burn rate, {@code >= 0}
   * @param period the compliance period's length, positive
   * @return the time to exhaustion, rounded to the nanosecond; empty when it never comes
   * @throws IllegalArgumentException when the burn rate is negative, NaN or infinite
   */
  public static Optional<Duration> timeToExhaustion(double burnRate, Duration period) {
    return timeToExhaustion(1.0, burnRate, period);
  }

  /**
   * How long the {@code remaining} fraction of a period's budget lasts at {@code burnRate}: {@code
   * remaining × period ÷ burnRate}. Zero when the budget is already spent ({@code remaining <= 0});
   * empty when the burn rate is 0 or the time does not fit in a {@link Duration}.
   *
   * @param remaining the fraction of the budget left, {@code <= 1}; may be negative when
   *     overspent
   * @param burnRate a finite burn rate, {@code >= 0}
   * @param period the compliance period's length, positive
   * @return the time to exhaustion, rounded to the nanosecond; empty when it never comes
   * @throws IllegalArgumentException when {@code remaining} is not a finite number {@code <= 1},
   *     the period is not positive, or the burn rate is negative, NaN or infinite
   */
  public static Optional<Duration> timeToExhaustion(
      double remaining, double burnRate, Duration period) {
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
   * @param factor the tier's burn-rate factor, positive
   * @param window the tier's window, positive
   * @return the detection time, rounded to the nanosecond and at most {@code window}; empty when
   *     the tier never fires on this ratio
   * @throws IllegalArgumentException when the error ratio is not in (0, 1], the window is not
   *     positive, or the factor is not positive
   */
  public static Optional<Duration> detectionTime(
      Objective objective, double errorRatio, double factor, Duration window) {
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

  private static void checkWindow(String name, Duration window, Duration period) {
    Require.positive(name, window);
    Require.positive("period", period);
    Require.withinPeriod(name, window, period);
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
