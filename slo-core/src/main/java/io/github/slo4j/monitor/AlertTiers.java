package io.github.slo4j.monitor;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.List;

/**
 * Standard sets of {@link AlertTier}s for a compliance period.
 *
 * <p>The four default tiers are Sloth's: the three the SRE Workbook recommends for 99.9 % over 30
 * days (chapter 5, "Alerting on SLOs": page 1 h/5 m &gt; 14.4, page 6 h/30 m &gt; 6, ticket 3 d/6 h
 * &gt; 1) and the ticket Sloth adds to them, 1 d/2 h &gt; 3.
 *
 * <ul>
 *   <li>{@link #budgetShare(Duration)} (the default, as in Sloth): the windows stay fixed (1 h/5 m,
 *       6 h/30 m, 1 d/2 h, 3 d/6 h) and each factor follows from the share of the budget the tier
 *       may spend before it fires (2 %, 5 %, 10 %, 10 %): {@code factor = share × period ÷
 *       longWindow}. For 30 days this gives 14.4, 6, 3 and 1; for 28 days 13.44, 5.6, 2.8 and
 *       0.933….
 *   <li>{@link #scaledWindows(Duration)} (as in Pyrra): the factors stay fixed at 14, 7, 2 and 1 and
 *       the windows scale with the period: long windows are period ÷ 672, ÷ 112, ÷ 28 and ÷ 7, short
 *       windows 1/12 of those except the last (period ÷ 112), all rounded to the nearest minute.
 * </ul>
 */
public final class AlertTiers {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private AlertTiers() {}

  /** How a set of tiers adapts to a compliance period. */
  public enum Strategy {
    /** Fixed windows, factors from budget shares: {@link AlertTiers#budgetShare(Duration)}. */
    BUDGET_SHARE,
    /** Fixed factors, windows scaled with the period: {@link AlertTiers#scaledWindows(Duration)}. */
    SCALED_WINDOWS;

    /** The four tiers of this strategy for {@code period}. */
    public List<AlertTier> tiers(Duration period) {
      return this == BUDGET_SHARE ? budgetShare(period) : scaledWindows(period);
    }
  }

  /**
   * The default tiers for a 30-day period: the SRE Workbook's three (page 1 h/5 m &gt; 14.4, page
   * 6 h/30 m &gt; 6, ticket 3 d/6 h &gt; 1) and Sloth's ticket 1 d/2 h &gt; 3, in the order page 1 h, page
   * 6 h, ticket 1 d, ticket 3 d.
   */
  public static List<AlertTier> workbook() {
    return budgetShare(Duration.ofDays(30));
  }

  /**
   * The default tiers' windows (the Workbook's three and Sloth's 1 d/2 h) with factors derived from
   * budget shares for {@code period}.
   *
   * @throws IllegalArgumentException when the period is shorter than the longest window (3 days)
   */
  public static List<AlertTier> budgetShare(Duration period) {
    Require.positive("period", period);
    return List.of(
        shareTier(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 0.02, period),
        shareTier(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 0.05, period),
        shareTier(Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2), 0.10, period),
        shareTier(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), 0.10, period));
  }

  private static AlertTier shareTier(
      Severity severity, Duration longWindow, Duration shortWindow, double share, Duration period) {
    return new AlertTier(
        severity, longWindow, shortWindow, ErrorBudget.burnRateFactor(share, longWindow, period));
  }

  /**
   * Fixed factors 14, 7, 2, 1 with windows scaled to {@code period}, rounded to the minute.
   *
   * @throws IllegalArgumentException when a window rounds to zero minutes (periods shorter than
   *     about 5.6 days)
   */
  public static List<AlertTier> scaledWindows(Duration period) {
    Require.positive("period", period);
    return List.of(
        scaledTier(Severity.PAGE, period, 672, 672 * 12, 14),
        scaledTier(Severity.PAGE, period, 112, 112 * 12, 7),
        scaledTier(Severity.TICKET, period, 28, 28 * 12, 2),
        scaledTier(Severity.TICKET, period, 7, 112, 1));
  }

  private static AlertTier scaledTier(
      Severity severity, Duration period, int longDivisor, int shortDivisor, double factor) {
    Duration longWindow = roundToMinute("long window", period, longDivisor);
    Duration shortWindow = roundToMinute("short window", period, shortDivisor);
    return new AlertTier(severity, longWindow, shortWindow, factor);
  }

  private static Duration roundToMinute(String name, Duration period, int divisor) {
    long minutes = Math.round((double) period.toSeconds() / divisor / 60);
    if (minutes == 0) {
      throw Require.invalid(
          name,
          DurationFormat.format(period) + " / " + divisor + " = " + DurationFormat.format(period.dividedBy(divisor)),
          "a window of at least 1m after rounding to the minute; use a longer period or budget-share tiers");
    }
    return MINUTE.multipliedBy(minutes);
  }
}
