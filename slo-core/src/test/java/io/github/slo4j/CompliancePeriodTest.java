package io.github.slo4j;

import static io.github.slo4j.ErrorBudgetTest.refused;
import static io.github.slo4j.ErrorBudgetTest.refusedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompliancePeriodTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  // ---- rolling -------------------------------------------------------------------------------

  @Test
  void rollingCoversTheLengthThatEndsNow() {
    CompliancePeriod p = CompliancePeriod.rolling(Duration.ofDays(30));
    Instant now = at("2025-03-15T12:00:00Z");
    assertEquals(Duration.ofDays(30), p.nominalLength());
    assertEquals(Duration.ofDays(30), p.maxLength());
    assertEquals(Duration.ofDays(30), p.lengthAt(now));
    assertEquals(at("2025-02-13T12:00:00Z"), p.startAt(now));
    assertEquals("rolling 30d", p.toString());
    assertEquals(p, CompliancePeriod.rollingDays(30));
    assertEquals(new CompliancePeriod.Rolling(Duration.ofDays(30)), p);
  }

  @Test
  void rollingBoundsAreInclusive() {
    assertEquals(Duration.ofHours(1), CompliancePeriod.rolling(Duration.ofHours(1)).nominalLength());
    assertEquals(Duration.ofDays(400), CompliancePeriod.rolling(Duration.ofDays(400)).nominalLength());
    assertEquals(Duration.ofDays(400), CompliancePeriod.MAX_ROLLING);
    assertEquals(Duration.ofDays(1), CompliancePeriod.rollingDays(1).nominalLength());
    assertEquals(Duration.ofDays(400), CompliancePeriod.rollingDays(400).nominalLength());
    assertEquals("rolling 1h30m", CompliancePeriod.rolling(Duration.ofMinutes(90)).toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PT59M    | period: 59m (expected a whole number of minutes from 1h to 400d)",
        "PT9601H  | period: 400d1h (expected a whole number of minutes from 1h to 400d)",
        "PT1H30S  | period: 1h30s (expected a whole number of minutes from 1h to 400d)",
        "PT720H0.001S | period: 30d1ms (expected a whole number of minutes from 1h to 400d)",
        "PT0S     | period: 0s (expected a duration > 0)",
        "PT-24H   | period: -1d (expected a duration > 0)",
      })
  void rollingRefusals(Duration length, String message) {
    refused(message, () -> CompliancePeriod.rolling(length));
  }

  @Test
  void rollingDaysRefusals() {
    refusedNull("period: null (expected a value)", () -> CompliancePeriod.rolling(null));
    refused("period days: 0 (expected 1 <= days <= 400)", () -> CompliancePeriod.rollingDays(0));
    refused("period days: -7 (expected 1 <= days <= 400)", () -> CompliancePeriod.rollingDays(-7));
    refused("period days: 401 (expected 1 <= days <= 400)", () -> CompliancePeriod.rollingDays(401));
  }

  // ---- calendar month ------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}: the month starts at {1} and lasts {2}")
  @CsvSource({
    // March 2025 in Paris loses an hour on the 30th (CET -> CEST): 31 days minus 1 hour.
    "2025-03-15T12:00:00Z, 2025-02-28T23:00:00Z, PT743H",
    // October 2025 gains one on the 26th: 31 days plus 1 hour; the month starts at 00:00 CEST.
    "2025-10-26T12:00:00Z, 2025-09-30T22:00:00Z, PT745H",
    // February: 28 days, 29 in a leap year.
    "2025-02-10T00:00:00Z, 2025-01-31T23:00:00Z, PT672H",
    "2024-02-29T22:59:59Z, 2024-01-31T23:00:00Z, PT696H",
    // The first instant of a month belongs to it; the one before to the previous month.
    "2025-02-28T23:00:00Z, 2025-02-28T23:00:00Z, PT743H",
    "2025-02-28T22:59:59.999Z, 2025-01-31T23:00:00Z, PT672H",
    // A UTC instant that is already the next month in Paris.
    "2025-04-30T22:30:00Z, 2025-04-30T22:00:00Z, PT744H",
    "2025-06-15T00:00:00Z, 2025-05-31T22:00:00Z, PT720H",
  })
  void calendarMonthInParis(Instant now, Instant start, Duration length) {
    CompliancePeriod month = CompliancePeriod.calendarMonth(PARIS);
    assertEquals(start, month.startAt(now));
    assertEquals(length, month.lengthAt(now));
  }

  @Test
  void calendarMonthLengths() {
    CompliancePeriod month = CompliancePeriod.calendarMonth(ZoneOffset.UTC);
    assertEquals(Duration.ofDays(30), month.nominalLength());
    assertEquals(Duration.ofDays(31).plusHours(1), month.maxLength());
    assertEquals(Duration.ofDays(31), month.lengthAt(at("2025-01-31T23:59:59Z")));
    assertEquals(at("2025-01-01T00:00:00Z"), month.startAt(at("2025-01-31T23:59:59Z")));
    assertEquals("calendar month (Europe/Paris)", CompliancePeriod.calendarMonth(PARIS).toString());
  }

  // ---- calendar week -------------------------------------------------------------------------

  @Test
  void anIsoWeekStartsOnMonday() {
    CompliancePeriod week = CompliancePeriod.calendarWeek(PARIS);
    // Wednesday 26 March 2025; the week of Monday 24 March holds the spring-forward Sunday.
    Instant wednesday = at("2025-03-26T10:00:00Z");
    assertEquals(at("2025-03-23T23:00:00Z"), week.startAt(wednesday));
    assertEquals(Duration.ofDays(7).minusHours(1), week.lengthAt(wednesday));
    assertEquals(Duration.ofDays(7), week.nominalLength());
    assertEquals(Duration.ofDays(7).plusHours(1), week.maxLength());
    assertEquals(Duration.ofDays(7), week.lengthAt(at("2025-03-19T10:00:00Z")));
    assertEquals(week, CompliancePeriod.calendarWeek(PARIS, DayOfWeek.MONDAY));
    assertEquals("calendar week (Europe/Paris)", week.toString());
  }

  @ParameterizedTest(name = "{0}: the Sunday week starts at {1}")
  @CsvSource({
    "2025-01-15T10:00:00Z, 2025-01-12T00:00:00Z", // Wednesday
    "2025-01-12T00:00:00Z, 2025-01-12T00:00:00Z", // Sunday, first instant
    "2025-01-12T05:00:00Z, 2025-01-12T00:00:00Z", // Sunday
    "2025-01-18T23:59:59Z, 2025-01-12T00:00:00Z", // Saturday, last second
    "2025-01-11T23:59:59Z, 2025-01-05T00:00:00Z", // the Saturday before
  })
  void aWeekStartingSunday(Instant now, Instant start) {
    CompliancePeriod week = CompliancePeriod.calendarWeek(ZoneOffset.UTC, DayOfWeek.SUNDAY);
    assertEquals(start, week.startAt(now));
    assertEquals(Duration.ofDays(7), week.lengthAt(now));
  }

  @Test
  void aSundayWeekAcrossAmericanDaylightSaving() {
    CompliancePeriod week =
        CompliancePeriod.calendarWeek(ZoneId.of("America/New_York"), DayOfWeek.SUNDAY);
    // Clocks spring forward at 02:00 on Sunday 9 March 2025: the week is 1 hour short.
    Instant now = at("2025-03-12T15:00:00Z");
    assertEquals(at("2025-03-09T05:00:00Z"), week.startAt(now));
    assertEquals(Duration.ofHours(167), week.lengthAt(now));
  }

  @Test
  void aDayWithoutMidnightStartsAtItsFirstInstant() {
    // Sao Paulo sprang forward at midnight on Sunday 4 November 2018: 00:00 did not exist.
    CompliancePeriod week =
        CompliancePeriod.calendarWeek(ZoneId.of("America/Sao_Paulo"), DayOfWeek.SUNDAY);
    Instant now = at("2018-11-06T12:00:00Z");
    assertEquals(at("2018-11-04T03:00:00Z"), week.startAt(now)); // 01:00 -02:00
    assertEquals(Duration.ofHours(167), week.lengthAt(now));
  }

  @Test
  void calendarRefusals() {
    refusedNull("zone: null (expected a value)", () -> CompliancePeriod.calendarMonth(null));
    refusedNull("zone: null (expected a value)", () -> CompliancePeriod.calendarWeek(null));
    refusedNull(
        "firstDayOfWeek: null (expected a value)",
        () -> CompliancePeriod.calendarWeek(PARIS, null));
    refusedNull(
        "unit: null (expected a value)",
        () -> new CompliancePeriod.Calendar(null, PARIS, DayOfWeek.MONDAY));
  }
}
