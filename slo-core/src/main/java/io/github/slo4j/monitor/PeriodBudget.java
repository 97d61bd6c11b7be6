package io.github.slo4j.monitor;

import io.github.slo4j.BudgetStatus;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.Quotients;
import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The error budget of one target over its compliance period so far, as of a reader's last closed
 * interval: the one figure that {@link SloMonitor#health()}, alert payloads and policy decisions
 * report, obtained for any {@link WindowReader} with {@link #of(WindowReader, Target)}.
 *
 * <p><b>Two figures, two names.</b>
 *
 * <ul>
 *   <li>{@link #consumed()} is the budget consumed by the events seen so far: {@code bad ÷ (total ×
 *       (1 − objective))}, the error ratio of the period so far over the budget — the period burn
 *       rate, as Sloth's {@code slo:period_burn_rate:ratio}, and {@link #remaining()} {@code = 1 −
 *       consumed} is its {@code slo:period_error_budget_remaining:ratio}. It is {@link #status()},
 *       the same {@link BudgetStatus} that {@link ErrorBudget#status(Objective, long, long)} gives
 *       for these counts. It needs no projection, and on the first day of a month a bad hour can
 *       put it far above 1: at this rate the month would be overspent.
 *   <li>{@link #projectedConsumed()} is the share of the <em>period's projected budget</em> spent:
 *       the budget of a whole period is {@code (1 − objective) ×} the events of the whole period,
 *       and when the data covers only part of it (a process up for an hour, the second day of a
 *       calendar month) the period's events are projected from the covered part at the same
 *       average rate, so {@code projectedConsumed = bad × covered ÷ ((1 − objective) × total ×
 *       period)}. This is the SRE Workbook's time-weighted arithmetic (ch. 5: budget consumed =
 *       burn rate × window ÷ period): a 5-minute full outage seen by a process up for one hour
 *       spends 5 ÷ 43.2 = 11.6 % of a 30-day 99.9 % budget, not 83 budgets. The release freeze,
 *       the postmortem clause and the time to exhaustion use it.
 * </ul>
 *
 * <p>With the whole period covered both figures are equal. Neither is ever NaN: with no events
 * there is no data, and every optional figure is empty.
 *
 * <p>Immutable and thread-safe.
 */
public final class PeriodBudget {
  private final BudgetStatus status;
  private final long coveredMillis;
  private final long periodMillis;

  private PeriodBudget(BudgetStatus status, long coveredMillis, long periodMillis) {
    this.status = status;
    this.coveredMillis = coveredMillis;
    this.periodMillis = periodMillis;
  }

  /**
   * The budget of {@code target} over its compliance period so far, as of the reader's {@link
   * WindowReader#asOfMillis()}: the figure the monitor evaluating this reader reports.
   *
   * <p>A calendar period as of a boundary is the one that contains the instant just before it: at
   * the boundary that ends a month the month is reported complete, its last interval included, and
   * the first boundary after it reports the new month. A base interval belongs to the period that
   * contains its start, so the new month counts only the intervals that started in it: where its
   * start is not a multiple of the base interval (a zone offset of +05:45 with a 2-minute base)
   * the first boundary after it has none yet, which is no data. A period-to-date shorter than the
   * reader's base interval is no data.
   *
   * @param reader the reader of the SLO's counts
   * @param target one of the reader's SLO's targets
   * @return the budget
   * @throws IllegalArgumentException when an argument is null or the target is not the SLO's
   */
  public static PeriodBudget of(WindowReader reader, Target target) {
    Require.nonNull("reader", reader);
    Require.nonNull("target", target);
    SloDefinition slo = reader.definition();
    if (!slo.targets().contains(target)) {
      // the message AlertRules#tiers gives for the same mistake
      throw Require.invalid("target", target, "a target of " + slo.id() + ": " + slo.targets());
    }
    return read(reader, target, reader.asOfMillis());
  }

  /** {@link #of(WindowReader, Target)} as of the boundary {@code nowMillis}, the reader's asOf. */
  static PeriodBudget read(WindowReader reader, Target target, long nowMillis) {
    CompliancePeriod period = reader.definition().period();
    Duration length =
        period instanceof CompliancePeriod.Rolling
            ? period.nominalLength()
            : period.lengthAt(Instant.ofEpochMilli(nowMillis - 1));
    WindowCounts w = reader.periodWindow(target);
    return of(target.objective(), w.good(), w.total(), w.covered().toMillis(), length.toMillis());
  }

  /** A budget from raw counts; {@code total = 0} or {@code coveredMillis = 0} is no data. */
  static PeriodBudget of(Objective objective, long good, long total, long coveredMillis, long periodMillis) {
    return new PeriodBudget(ErrorBudget.status(objective, good, total), coveredMillis, periodMillis);
  }

  /** {@return the objective of the target the budget belongs to} */
  public Objective objective() {
    return status.objective();
  }

  /** {@return whether the period so far has seen any events} */
  public boolean hasData() {
    return status.total() > 0 && coveredMillis > 0;
  }

  /** {@return good events in the period so far} */
  public long good() {
    return status.good();
  }

  /** {@return bad events in the period so far} */
  public long bad() {
    return status.bad();
  }

  /** {@return all events in the period so far} */
  public long total() {
    return status.total();
  }

  /** {@return the full length of the period (of the calendar period the boundary belongs to)} */
  public Duration period() {
    return Duration.ofMillis(periodMillis);
  }

  /** {@return how much of the period the counted data covers, from zero to {@link #period()}} */
  public Duration covered() {
    return Duration.ofMillis(coveredMillis);
  }

  /**
   * {@return the budget of the events seen so far: {@link #consumed()} and {@link #remaining()}
   * are its figures}
   */
  public BudgetStatus status() {
    return status;
  }

  /**
   * {@return the fraction of the budget the events so far consumed, {@code bad ÷ (total × (1 −
   * objective))}: the period burn rate; above 1 when overspent, empty with no data}
   */
  public OptionalDouble consumed() {
    return hasData() ? status.consumed() : OptionalDouble.empty();
  }

  /** {@return {@code 1 − consumed()}; negative when overspent, empty with no data} */
  public OptionalDouble remaining() {
    return hasData() ? status.remaining() : OptionalDouble.empty();
  }

  /**
   * {@return the fraction of the period's projected budget spent, {@code bad × covered ÷ ((1 −
   * objective) × total × period)}; above 1 when the whole period's budget is spent, empty with no
   * data}
   */
  public OptionalDouble projectedConsumed() {
    return projectedShare(bad());
  }

  /** {@return {@code 1 − projectedConsumed()}; negative when overspent, empty with no data} */
  public OptionalDouble projectedRemaining() {
    OptionalDouble consumed = projectedConsumed();
    return consumed.isPresent() ? OptionalDouble.of(1 - consumed.getAsDouble()) : consumed;
  }

  /**
   * The fraction of the period's projected budget that {@code badEvents} represent, as {@link
   * #projectedConsumed()} counts it: an alert episode's cost. The exact quotient is rounded once,
   * as {@link ErrorBudget#burnRate(Objective, long, long)} rounds its own, so over a whole period
   * {@code projectedConsumed()} and {@link #consumed()} are the same double.
   *
   * @param badEvents a number of bad events, {@code >= 0}
   * @return the fraction; empty with no data
   * @throws IllegalArgumentException when {@code badEvents} is negative
   */
  public OptionalDouble projectedShare(long badEvents) {
    Require.nonNegative("badEvents", badEvents);
    if (!hasData()) {
      return OptionalDouble.empty();
    }
    if (badEvents == 0 || coveredMillis == 0) {
      return OptionalDouble.of(0);
    }
    // (bad × covered) ÷ (m × 10^−s × total × period), with the budget m × 10^−s
    BigDecimal budget = objective().errorBudgetDecimal();
    BigInteger num = BigInteger.valueOf(badEvents).multiply(BigInteger.valueOf(coveredMillis));
    BigInteger den =
        budget.unscaledValue().multiply(BigInteger.valueOf(total())).multiply(BigInteger.valueOf(periodMillis));
    if (budget.scale() >= 0) {
      num = num.multiply(BigInteger.TEN.pow(budget.scale()));
    } else {
      den = den.multiply(BigInteger.TEN.pow(-budget.scale()));
    }
    return OptionalDouble.of(Quotients.nearest(num, den));
  }

  /** Whether at least {@code fraction} of the projected budget is spent, exactly; false with no data. */
  boolean projectedConsumedAtLeast(BigDecimal fraction) {
    return projectedShareAtLeast(bad(), fraction);
  }

  /** Whether {@code badEvents} are at least {@code fraction} of the projected budget, exactly. */
  boolean projectedShareAtLeast(long badEvents, BigDecimal fraction) {
    return shareAtLeast(objective(), badEvents, total(), coveredMillis, periodMillis, fraction, fraction.doubleValue());
  }

  /**
   * {@link #projectedShareAtLeast(long, BigDecimal)} of a budget given by its figures, for the
   * monitor's evaluation, which keeps them in arrays: allocates nothing unless the share is within
   * 1e-9 of {@code fraction} ({@code x}, its double).
   */
  static boolean shareAtLeast(
      Objective objective, long badEvents, long total, long coveredMillis, long periodMillis, BigDecimal fraction, double x) {
    if (total <= 0 || coveredMillis <= 0) {
      return false;
    }
    // A double estimate decides whenever it is clearly away from the threshold (its relative error
    // is below 1e-15, the margin is 1e-9); only values next to it pay for exact decimal arithmetic.
    // The share is lhs ÷ allowed, allowed positive: it is compared by multiplying the threshold by
    // allowed instead of dividing (a division is the slowest step of an evaluation's budget
    // checks), with as many roundings as before and the same margin.
    double lhs = (double) badEvents * coveredMillis;
    double allowed = objective.errorBudget() * total * periodMillis;
    if (lhs > (x * (1 + 1e-9) + Double.MIN_NORMAL) * allowed) {
      return true;
    }
    if (lhs < (x * (1 - 1e-9) - Double.MIN_NORMAL) * allowed) {
      return false;
    }
    BigDecimal exactLhs = BigDecimal.valueOf(badEvents).multiply(BigDecimal.valueOf(coveredMillis));
    BigDecimal allowedTimesCovered =
        objective.errorBudgetDecimal().multiply(BigDecimal.valueOf(total)).multiply(BigDecimal.valueOf(periodMillis));
    return exactLhs.compareTo(fraction.multiply(allowedTimesCovered)) >= 0;
  }

  /** Whether more than {@code fraction} of the projected budget remains, exactly; false with no data. */
  boolean projectedRemainingAbove(BigDecimal fraction) {
    return hasData() && !projectedConsumedAtLeast(BigDecimal.ONE.subtract(fraction));
  }

  /** Equal when the counts, the coverage and the period are. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PeriodBudget)) {
      return false;
    }
    PeriodBudget b = (PeriodBudget) o;
    return status.equals(b.status) && coveredMillis == b.coveredMillis && periodMillis == b.periodMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, coveredMillis, periodMillis);
  }

  /**
   * {@code 300/1000000 bad over 1d of 30d: 30% consumed, 1% of the period's projected budget}, or
   * {@code no data}.
   */
  @Override
  public String toString() {
    if (!hasData()) {
      return "no data";
    }
    return bad() + "/" + total() + " bad over " + io.github.slo4j.internal.DurationFormat.format(covered()) + " of "
        + io.github.slo4j.internal.DurationFormat.format(period()) + ": " + Alert.pct(consumed().getAsDouble())
        + " consumed, " + Alert.pct(projectedConsumed().getAsDouble()) + " of the period's projected budget";
  }
}
