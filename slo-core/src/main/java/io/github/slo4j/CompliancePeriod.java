package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The span of time over which an SLO's objective must hold and its error budget is counted: a
 * rolling window of fixed length ({@code rolling(Duration.ofDays(30))}), or a calendar week or
 * month in a time zone that resets at its start.
 *
 * <p>Two lengths matter and are kept apart. The {@linkplain #nominalLength() nominal length} is a
 * constant used for alert-tier arithmetic (a calendar month counts as 30 days, a week as 7), so an
 * SLO's tiers do not change from February to March. The {@linkplain #lengthAt(Instant) length at
 * an instant} is the real length of the period that contains it (28 to 31 days for a month, and a
 * week or month that crosses a daylight-saving change is an hour shorter or longer); budget time is
 * counted against it.
 *
 * <p>A recorder charges each base interval to the period that contains its start, and reports as
 * of a boundary the period that contains the instant just before it: at the boundary that ends a
 * month, the month complete. Where a period's start is not a multiple of the base interval (zone
 * offsets such as +05:45, or a local mean time with seconds), the interval that contains the start
 * belongs to the period that ends there.
 *
 * <p>Implementations are immutable records.
 */
public sealed interface CompliancePeriod permits CompliancePeriod.Rolling, CompliancePeriod.Calendar {

  /** The longest rolling period accepted: 400 days. */
  Duration MAX_ROLLING = Duration.ofDays(400);

  /**
   * A rolling period of {@code length}, e.g. 28 or 30 days: at any instant it covers the {@code
   * length} that ends there.
   *
   * @param length a whole number of minutes from 1 hour to 400 days
   * @return the period
   * @throws IllegalArgumentException when the length is not a whole number of minutes between 1
   *     hour and 400 days
   */
  static CompliancePeriod rolling(Duration length) {
    return new Rolling(length);
  }

  /**
   * A rolling period of {@code days} days.
   *
   * @param days 1 to 400
   * @return the period
   * @throws IllegalArgumentException when {@code days} is out of bounds
   */
  static CompliancePeriod rollingDays(int days) {
    if (days <= 0 || days > MAX_ROLLING.toDays()) {
      throw Require.invalid("period days", days, "1 <= days <= " + MAX_ROLLING.toDays());
    }
    return new Rolling(Duration.ofDays(days));
  }

  /**
   * The calendar month in {@code zone}, reset at the start of its first day (midnight, or the
   * first instant of the day where a daylight-saving change skips midnight).
   *
   * @param zone the time zone whose calendar counts
   * @return the period
   */
  static CompliancePeriod calendarMonth(ZoneId zone) {
    return new Calendar(Calendar.Unit.MONTH, zone, DayOfWeek.MONDAY);
  }

  /**
   * The calendar week in {@code zone} starting on Monday (ISO-8601).
   *
   * @param zone the time zone whose calendar counts
   * @return the period
   */
  static CompliancePeriod calendarWeek(ZoneId zone) {
    return new Calendar(Calendar.Unit.WEEK, zone, DayOfWeek.MONDAY);
  }

  /**
   * The calendar week in {@code zone} starting on {@code firstDay}, e.g. Sunday.
   *
   * @param zone the time zone whose calendar counts
   * @param firstDay the day the week starts on
   * @return the period
   */
  static CompliancePeriod calendarWeek(ZoneId zone, DayOfWeek firstDay) {
    return new Calendar(Calendar.Unit.WEEK, zone, firstDay);
  }

  /**
   * {@return the length used for alert-tier arithmetic: the rolling length, 7 days for a week, 30
   * days for a month}
   */
  Duration nominalLength();

  /**
   * {@return the longest this period can be: the rolling length, 7 days plus an hour, 31 days plus
   * an hour}
   */
  Duration maxLength();

  /**
   * The start of the period that contains {@code now}.
   *
   * @param now an instant
   * @return {@code now − length} when rolling; the first instant of the week or month otherwise
   */
  Instant startAt(Instant now);

  /**
   * The full length of the period that contains {@code now}.
   *
   * @param now an instant
   * @return the rolling length; the real length of the week or month otherwise (28 to 31 days,
   *     an hour more or less across a daylight-saving change)
   */
  Duration lengthAt(Instant now);

  /**
   * A rolling compliance period.
   *
   * @param length a whole number of minutes from 1 hour to 400 days
   */
  record Rolling(Duration length) implements CompliancePeriod {
    /**
     * Validates the length.
     *
     * @param length a whole number of minutes from 1 hour to 400 days
     */
    public Rolling {
      Require.positive("period", length);
      if (length.compareTo(Duration.ofHours(1)) < 0
          || length.compareTo(MAX_ROLLING) > 0
          || length.toNanos() % Duration.ofMinutes(1).toNanos() != 0) {
        throw Require.invalid(
            "period", DurationFormat.format(length), "a whole number of minutes from 1h to 400d");
      }
    }

    @Override
    public Duration nominalLength() {
      return length;
    }

    @Override
    public Duration maxLength() {
      return length;
    }

    @Override
    public Instant startAt(Instant now) {
      Require.nonNull("now", now);
      return now.minus(length);
    }

    @Override
    public Duration lengthAt(Instant now) {
      Require.nonNull("now", now);
      return length;
    }

    /** {@code rolling 30d}. */
    @Override
    public String toString() {
      return "rolling " + DurationFormat.format(length);
    }
  }

  /**
   * A calendar-aligned compliance period: a week or a month in a time zone.
   *
   * @param unit week or month
   * @param zone the time zone whose calendar counts
   * @param firstDayOfWeek the day a week starts on (ignored for a month)
   */
  record Calendar(Unit unit, ZoneId zone, DayOfWeek firstDayOfWeek) implements CompliancePeriod {
    /** The calendar units a period can align to. */
    public enum Unit {
      /** A week starting on {@link Calendar#firstDayOfWeek()}. */
      WEEK,
      /** A month starting on its first day. */
      MONTH
    }

    /**
     * Validates the components.
     *
     * @param unit week or month
     * @param zone the time zone whose calendar counts
     * @param firstDayOfWeek the day a week starts on (ignored for a month)
     */
    public Calendar {
      Require.nonNull("unit", unit);
      Require.nonNull("zone", zone);
      Require.nonNull("firstDayOfWeek", firstDayOfWeek);
    }

    @Override
    public Duration nominalLength() {
      return unit == Unit.WEEK ? Duration.ofDays(7) : Duration.ofDays(30);
    }

    @Override
    public Duration maxLength() {
      return (unit == Unit.WEEK ? Duration.ofDays(7) : Duration.ofDays(31)).plusHours(1);
    }

    @Override
    public Instant startAt(Instant now) {
      Require.nonNull("now", now);
      ZonedDateTime day = now.atZone(zone).truncatedTo(ChronoUnit.DAYS);
      ZonedDateTime start =
          unit == Unit.WEEK
              ? day.with(TemporalAdjusters.previousOrSame(firstDayOfWeek))
              : day.withDayOfMonth(1);
      return start.toLocalDate().atStartOfDay(zone).toInstant();
    }

    @Override
    public Duration lengthAt(Instant now) {
      Require.nonNull("now", now);
      ZonedDateTime start = startAt(now).atZone(zone);
      ZonedDateTime end = unit == Unit.WEEK ? start.plusWeeks(1) : start.plusMonths(1);
      return Duration.between(start.toInstant(), end.toLocalDate().atStartOfDay(zone).toInstant());
    }

    /** {@code calendar month (Europe/Paris)}. */
    @Override
    public String toString() {
      return "calendar " + unit.name().toLowerCase(java.util.Locale.ROOT) + " (" + zone + ")";
    }
  }
}
