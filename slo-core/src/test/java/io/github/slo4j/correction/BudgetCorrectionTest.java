package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetCorrectionTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant DECLARED = Instant.parse("2026-01-01T09:00:00Z");

  private static BudgetCorrection recurring(ZonedDateTime first, Duration length, String rule) {
    return BudgetCorrection.builder("maintenance").recurring(first, length, rule)
        .reason("database maintenance").author("alice").declaredAt(DECLARED).build();
  }

  private static List<String> starts(BudgetCorrection c, String from, String to) {
    List<String> out = new ArrayList<>();
    for (long[] w : c.windows(Instant.parse(from).toEpochMilli(), Instant.parse(to).toEpochMilli())) {
      out.add(Instant.ofEpochMilli(w[0]) + ".." + Instant.ofEpochMilli(w[1]));
    }
    return out;
  }

  @Test
  void aWeeklySundayNightWindowKeepsItsLocalTimeAcrossDaylightSaving() {
    BudgetCorrection c = recurring(ZonedDateTime.of(2026, 3, 22, 22, 0, 0, 0, BERLIN), Duration.ofHours(4), "FREQ=WEEKLY;BYDAY=SU");
    // Berlin moves to summer time on 2026-03-29: 22:00 local is 21:00Z before, 20:00Z after
    assertEquals(
        List.of("2026-03-22T21:00:00Z..2026-03-23T01:00:00Z", "2026-03-29T20:00:00Z..2026-03-30T00:00:00Z",
            "2026-04-05T20:00:00Z..2026-04-06T00:00:00Z"),
        starts(c, "2026-03-01T00:00:00Z", "2026-04-10T00:00:00Z"));
  }

  @Test
  void aWindowThatStartedBeforeTheQueryStillOverlapsIt() {
    BudgetCorrection c = recurring(ZonedDateTime.of(2026, 1, 4, 22, 0, 0, 0, BERLIN), Duration.ofHours(4), "FREQ=WEEKLY;BYDAY=SU");
    assertEquals(List.of("2026-01-04T21:00:00Z..2026-01-05T01:00:00Z"), starts(c, "2026-01-05T00:59:59Z", "2026-01-05T01:00:00Z"));
    assertTrue(c.covers(Instant.parse("2026-01-04T21:00:00Z").toEpochMilli()));
    assertFalse(c.covers(Instant.parse("2026-01-05T01:00:00Z").toEpochMilli()));
  }

  @Test
  void countAndIntervalLimitTheSeries() {
    BudgetCorrection c = recurring(ZonedDateTime.of(2026, 1, 1, 2, 0, 0, 0, ZoneId.of("UTC")), Duration.ofMinutes(30),
        "FREQ=DAILY;INTERVAL=2;COUNT=3");
    assertEquals(
        List.of("2026-01-01T02:00:00Z..2026-01-01T02:30:00Z", "2026-01-03T02:00:00Z..2026-01-03T02:30:00Z",
            "2026-01-05T02:00:00Z..2026-01-05T02:30:00Z"),
        starts(c, "2025-12-01T00:00:00Z", "2026-02-01T00:00:00Z"));
  }

  @Test
  void aMonthlyLastDayRuleEndsAtUntil() {
    BudgetCorrection c = recurring(ZonedDateTime.of(2026, 1, 31, 23, 0, 0, 0, ZoneId.of("UTC")), Duration.ofHours(1),
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20260430");
    assertEquals(
        List.of("2026-01-31T23:00:00Z..2026-02-01T00:00:00Z", "2026-02-28T23:00:00Z..2026-03-01T00:00:00Z",
            "2026-03-31T23:00:00Z..2026-04-01T00:00:00Z", "2026-04-30T23:00:00Z..2026-05-01T00:00:00Z"),
        starts(c, "2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z"));
  }

  @Test
  void aMonthly31stSkipsShortMonths() {
    BudgetCorrection c = recurring(ZonedDateTime.of(2026, 1, 31, 1, 0, 0, 0, ZoneId.of("UTC")), Duration.ofHours(1),
        "FREQ=MONTHLY;COUNT=3");
    assertEquals(
        List.of("2026-01-31T01:00:00Z..2026-01-31T02:00:00Z", "2026-03-31T01:00:00Z..2026-03-31T02:00:00Z",
            "2026-05-31T01:00:00Z..2026-05-31T02:00:00Z"),
        starts(c, "2026-01-01T00:00:00Z", "2026-12-31T00:00:00Z"));
  }

  @Test
  void aWeeklyRuleWithSeveralDaysAndAnIntervalSkipsWeeks() {
    BudgetCorrection c = recurring(ZonedDateTime.of(2026, 1, 6, 3, 0, 0, 0, ZoneId.of("UTC")), Duration.ofMinutes(10),
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,FR");
    assertEquals(
        List.of("2026-01-06T03:00:00Z..2026-01-06T03:10:00Z", "2026-01-09T03:00:00Z..2026-01-09T03:10:00Z",
            "2026-01-20T03:00:00Z..2026-01-20T03:10:00Z", "2026-01-23T03:00:00Z..2026-01-23T03:10:00Z"),
        starts(c, "2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z"));
  }

  private static String message(Runnable r) {
    return assertThrows(RuntimeException.class, r::run).getMessage();
  }

  @Test
  void badRulesAreRefusedNamingThePart() {
    ZonedDateTime first = ZonedDateTime.of(2026, 1, 4, 22, 0, 0, 0, BERLIN);
    Duration h = Duration.ofHours(1);
    assertEquals("FREQ: \"HOURLY\" (expected DAILY, WEEKLY or MONTHLY)", message(() -> recurring(first, h, "FREQ=HOURLY")));
    assertEquals("rrule: \"INTERVAL=2\" (expected a FREQ part)", message(() -> recurring(first, h, "INTERVAL=2")));
    assertEquals("INTERVAL: 0 (expected a positive integer)", message(() -> recurring(first, h, "FREQ=DAILY;INTERVAL=0")));
    assertEquals("COUNT: \"x\" (expected a positive integer)", message(() -> recurring(first, h, "FREQ=DAILY;COUNT=x")));
    assertEquals("BYDAY: \"1SU\" (expected two-letter weekdays MO, TU, WE, TH, FR, SA or SU without an ordinal)",
        message(() -> recurring(first, h, "FREQ=MONTHLY;BYDAY=1SU")));
    assertEquals("BYMONTHDAY: 0 (expected 1..31 or -31..-1)", message(() -> recurring(first, h, "FREQ=MONTHLY;BYMONTHDAY=0")));
    assertEquals("BYMONTHDAY: 32 (expected 1..31 or -31..-1)", message(() -> recurring(first, h, "FREQ=MONTHLY;BYMONTHDAY=32")));
    assertEquals("rrule part: \"BYHOUR=3\" (expected FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT or UNTIL)",
        message(() -> recurring(first, h, "FREQ=DAILY;BYHOUR=3")));
    assertEquals("UNTIL: \"2026\" (expected a UTC date-time such as 20261231T235959Z or a date such as 20261231)",
        message(() -> recurring(first, h, "FREQ=DAILY;UNTIL=2026")));
    assertEquals("rrule: \"FREQ=DAILY;COUNT=2;UNTIL=20260101\" (expected COUNT or UNTIL, not both)",
        message(() -> recurring(first, h, "FREQ=DAILY;COUNT=2;UNTIL=20260101")));
    assertEquals("duration: 0s (expected a duration > 0)", message(() -> recurring(first, Duration.ZERO, "FREQ=DAILY")));
  }

  @Test
  void badCorrectionsAreRefusedWithTheirMessage() {
    Instant t = Instant.parse("2026-01-20T10:00:00Z");
    assertEquals("end: 2026-01-20T10:00:00Z (expected an instant after start (2026-01-20T10:00:00Z))",
        message(() -> BudgetCorrection.builder("x").window(t, t)));
    assertEquals("id: \" \" (expected a non-blank id)", message(() -> BudgetCorrection.builder(" ")));
    assertEquals("reason: \"\" (expected a non-blank reason)", message(() -> BudgetCorrection.builder("x").reason("")));
    assertEquals("author: null (expected a value)", message(() -> BudgetCorrection.builder("x").author(null)));
    assertEquals("correction x: no window (expected window(...) or recurring(...))",
        message(() -> BudgetCorrection.builder("x").reason("r").author("a").declaredAt(t).build()));
    assertEquals("correction x: no reason (expected reason(...))",
        message(() -> BudgetCorrection.builder("x").window(t, t.plusSeconds(60)).author("a").declaredAt(t).build()));
    assertEquals("correction x: no author (expected author(...))",
        message(() -> BudgetCorrection.builder("x").window(t, t.plusSeconds(60)).reason("r").declaredAt(t).build()));
    assertEquals("correction x: no declaration time (expected declaredAt(...))",
        message(() -> BudgetCorrection.builder("x").window(t, t.plusSeconds(60)).reason("r").author("a").build()));
  }
}
