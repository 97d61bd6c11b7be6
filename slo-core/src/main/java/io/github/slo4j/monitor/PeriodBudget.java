package io.github.slo4j.monitor;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The error budget of one target over its compliance period as of one instant, with the shares of
 * it that any number of bad events represent.
 *
 * <p><b>Partial coverage is projected, not ignored.</b> The budget of a period is {@code (1 −
 * objective) ×} the events of the whole period. When the data covers only part of the period (a
 * process up for an hour, the second day of a calendar month) the period's events are projected
 * from the covered part at the same average rate: {@code allowed = budget × total × period ÷
 * covered}. With full coverage this is exactly {@code budget × total}, the occurrences budget of
 * {@link io.github.slo4j.BudgetStatus}; with partial coverage it is the SRE Workbook's
 * time-weighted arithmetic (ch. 5: budget consumed = burn rate × window ÷ period), so a 5-minute
 * full outage seen by a process up for one hour spends 5 ÷ 43.2 = 11.6 % of a 30-day 99.9 %
 * budget, not 83 budgets.
 *
 * <p>Comparisons ({@link #consumedAtLeast}, {@link #shareAtLeast}) are exact decimal arithmetic.
 * Immutable.
 */
public final class PeriodBudget {
  private static final MathContext MC = MathContext.DECIMAL64;

  private final Objective objective;
  private final long bad;
  private final long total;
  private final long coveredMillis;
  private final long periodMillis;

  private PeriodBudget(Objective objective, long bad, long total, long coveredMillis, long periodMillis) {
    this.objective = objective;
    this.bad = bad;
    this.total = total;
    this.coveredMillis = coveredMillis;
    this.periodMillis = periodMillis;
  }

  /**
   * Reads the budget of {@code target} for the period of the interval that closed at the boundary
   * {@code nowMillis} (the reader's {@link WindowReader#asOfMillis()}).
   *
   * <p>A calendar period as of a boundary is the one that contains the instant just before it: at
   * the boundary that ends a month the month is reported complete, its last interval included, and
   * the first boundary after it reports the new month. A base interval belongs to the period that
   * contains its start, so the new month counts only the intervals that started in it: where its
   * start is not a multiple of the base interval (a zone offset of +05:45 with a 2-minute base)
   * the first boundary after it has none yet, which is no data. This never throws: a
   * period-to-date shorter than the reader's base interval is no data.
   */
  public static PeriodBudget read(WindowReader reader, Target target, long nowMillis) {
    CompliancePeriod period = reader.definition().period();
    if (period instanceof CompliancePeriod.Rolling) {
      Duration length = period.nominalLength();
      WindowCounts w = reader.window(target, length);
      return of(target.objective(), w.bad(), w.total(), w.covered().toMillis(), length.toMillis());
    }
    Instant last = Instant.ofEpochMilli(nowMillis - 1);
    Duration length = period.lengthAt(last);
    // exact for every reader: a recorder reads its period anchor, replay's IntervalStore rounds the
    // window down to the intervals that started in the period (none when shorter than one)
    WindowCounts w = reader.periodWindow(target);
    return of(target.objective(), w.bad(), w.total(), w.covered().toMillis(), length.toMillis());
  }

  /** A budget from raw counts; {@code total = 0} or {@code coveredMillis = 0} is no data. */
  public static PeriodBudget of(
      Objective objective, long bad, long total, long coveredMillis, long periodMillis) {
    return new PeriodBudget(objective, bad, total, coveredMillis, periodMillis);
  }

  /** Whether the period has seen any events. */
  public boolean hasData() {
    return total > 0 && coveredMillis > 0;
  }

  /** Bad events in the period so far. */
  public long bad() {
    return bad;
  }

  /** All events in the period so far. */
  public long total() {
    return total;
  }

  /** The full length of the period in milliseconds. */
  public long periodMillis() {
    return periodMillis;
  }

  /** The fraction of the budget consumed; empty with no data; above 1 when overspent. */
  public OptionalDouble consumed() {
    return share(bad);
  }

  /** The fraction of the budget remaining, {@code 1 − consumed}; empty with no data. */
  public OptionalDouble remaining() {
    return hasData() ? OptionalDouble.of(BigDecimal.ONE.subtract(shareDecimal(bad)).doubleValue()) : OptionalDouble.empty();
  }

  /** The fraction of the period's budget that {@code badEvents} represent; empty with no data. */
  public OptionalDouble share(long badEvents) {
    return hasData() ? OptionalDouble.of(shareDecimal(badEvents).doubleValue()) : OptionalDouble.empty();
  }

  private BigDecimal shareDecimal(long badEvents) {
    return BigDecimal.valueOf(badEvents)
        .multiply(BigDecimal.valueOf(coveredMillis))
        .divide(allowedTimesCovered(), MC);
  }

  /** {@code budget × total × period}: the allowed bad events times the covered milliseconds. */
  private BigDecimal allowedTimesCovered() {
    return objective
        .errorBudgetDecimal()
        .multiply(BigDecimal.valueOf(total))
        .multiply(BigDecimal.valueOf(periodMillis));
  }

  /** Whether at least {@code fraction} of the budget is consumed, exactly; false with no data. */
  public boolean consumedAtLeast(BigDecimal fraction) {
    return shareAtLeast(bad, fraction);
  }

  /** Whether {@code badEvents} are at least {@code fraction} of the budget, exactly. */
  public boolean shareAtLeast(long badEvents, BigDecimal fraction) {
    if (!hasData()) {
      return false;
    }
    // A double estimate decides whenever it is clearly away from the threshold (its relative error
    // is below 1e-15, the margin is 1e-9); only values next to it pay for exact decimal arithmetic.
    double share = (double) badEvents * coveredMillis / (objective.errorBudget() * total * periodMillis);
    double x = fraction.doubleValue();
    if (share > x * (1 + 1e-9) + Double.MIN_NORMAL) {
      return true;
    }
    if (share < x * (1 - 1e-9) - Double.MIN_NORMAL) {
      return false;
    }
    BigDecimal lhs = BigDecimal.valueOf(badEvents).multiply(BigDecimal.valueOf(coveredMillis));
    return lhs.compareTo(fraction.multiply(allowedTimesCovered())) >= 0;
  }

  /** Whether more than {@code fraction} of the budget remains, exactly; false with no data. */
  public boolean remainingAbove(BigDecimal fraction) {
    return hasData() && !consumedAtLeast(BigDecimal.ONE.subtract(fraction));
  }

  @Override
  public String toString() {
    return hasData() ? bad + "/" + total + " bad, " + consumed().getAsDouble() + " consumed" : "no data";
  }
}
