package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * Corrections over replayed traffic: 1,000 events per 10 s interval through January 2026, read by
 * the real monitor, checked against a naive model that sums the intervals outside the windows.
 */
class CorrectedReaderTest {
  private static final long IV = 10_000;
  private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  private static final long MONTH = Duration.ofDays(31).toMillis() / IV;
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).period(CompliancePeriod.calendarMonth(ZoneOffset.UTC)).build();
  private static final Target EVENTS = SLO.targets().get(0);

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  /** The Sunday-night windows of January 2026, 22:00 to 02:00 in Berlin (UTC+1), written out by hand. */
  private static final long[][] SUNDAYS = {
    {at("2026-01-04T21:00:00Z"), at("2026-01-05T01:00:00Z")},
    {at("2026-01-11T21:00:00Z"), at("2026-01-12T01:00:00Z")},
    {at("2026-01-18T21:00:00Z"), at("2026-01-19T01:00:00Z")},
    {at("2026-01-25T21:00:00Z"), at("2026-01-26T01:00:00Z")},
  };

  private static boolean inside(long[][] windows, long millis) {
    for (long[] w : windows) {
      if (w[0] <= millis && millis < w[1]) {
        return true;
      }
    }
    return false;
  }

  /** Naive model: good and total of the intervals in [from, to) whose start {@code excluded} does not hold. */
  private static long[] naive(long from, long to, LongUnaryOperator bad, LongPredicate excluded) {
    long good = 0;
    long total = 0;
    for (long s = from; s < to; s += IV) {
      if (!excluded.test(s)) {
        total += 1000;
        good += 1000 - bad.applyAsLong(s);
      }
    }
    return new long[] {good, total};
  }

  private static long[] of(WindowCounts w) {
    return new long[] {w.good(), w.total()};
  }

  private static BudgetCorrection sundayMaintenance() {
    return BudgetCorrection.builder("sunday-maintenance")
        .recurring(ZonedDateTime.of(2026, 1, 4, 22, 0, 0, 0, ZoneId.of("Europe/Berlin")), Duration.ofHours(4), "FREQ=WEEKLY;BYDAY=SU")
        .reason("weekly database maintenance").author("alice@example.com").declaredAt(Instant.parse("2025-12-20T09:00:00Z"))
        .build();
  }

  @Test
  void aRecurringSundayNightMaintenanceWindowIsExcludedExactlyAndItsAlertsSuppressed() {
    long burstFrom = at("2026-01-18T20:52:00Z");
    LongUnaryOperator bad = s -> inside(SUNDAYS, s) ? 500 : s >= burstFrom && s < SUNDAYS[2][0] ? 100 : 1;
    IntervalStore store = new IntervalStore(SLO, JAN.toEpochMilli(), Duration.ofMillis(IV));
    CorrectedReader corrected = CorrectedReader.over(store, Duration.ofMillis(IV));
    AppliedCorrection applied = corrected.apply(sundayMaintenance());
    List<AlertTransition> rawTransitions = new ArrayList<>();
    List<AlertTransition> all = new ArrayList<>();
    List<AlertTransition> delivered = new ArrayList<>();
    SloMonitor rawMonitor = SloMonitor.builder(SLO).rules(AlertRules.defaults(SLO)).listener(rawTransitions::add).build(store);
    SloMonitor monitor = SloMonitor.builder(SLO).rules(AlertRules.defaults(SLO))
        .listener(all::add).listener(corrected.suppressing(delivered::add)).build(corrected);
    long[] good = new long[1];
    long[] total = {1000};
    for (long i = 0; i < MONTH; i++) {
      good[0] = 1000 - bad.applyAsLong(JAN.toEpochMilli() + i * IV);
      store.append(good, total);
      rawMonitor.evaluate(store.asOfMillis());
      monitor.evaluate(store.asOfMillis());
    }

    CorrectedReader.Figures f = corrected.figures(EVENTS);
    long end = store.asOfMillis();
    assertEquals(at("2026-02-01T00:00:00Z"), end);
    long[] expected = naive(JAN.toEpochMilli(), end, bad, s -> inside(SUNDAYS, s));
    assertEquals(List.of(expected[0], expected[1]), List.of(f.corrected().good(), f.corrected().total()), "corrected month");
    long[] raw = naive(JAN.toEpochMilli(), end, bad, s -> false);
    assertEquals(List.of(raw[0], raw[1]), List.of(f.uncorrected().good(), f.uncorrected().total()), "uncorrected month");
    assertEquals(4 * 1440 * 1000L, f.excludedEvents(), "four 4-hour windows of 1,440 intervals");

    // uncorrected, the maintenance pages every Sunday; corrected, no notification leaves a window
    for (long[] w : SUNDAYS) {
      assertTrue(rawTransitions.stream().anyMatch(t -> t.to() == AlertState.FIRING && inside(new long[][] {w}, t.at().toEpochMilli() - IV)),
          "raw page in " + Instant.ofEpochMilli(w[0]) + ": " + rawTransitions);
    }
    for (AlertTransition t : delivered) {
      assertFalse(t.notifies() && t.to() == AlertState.FIRING && inside(SUNDAYS, t.at().toEpochMilli() - IV), "delivered " + t);
    }
    // the burst that ends as the window opens pages inside it: held back, reported, not lost
    List<AlertTransition> notified = new ArrayList<>();
    all.forEach(t -> { if (t.notifies()) notified.add(t); });
    List<AlertTransition> heard = new ArrayList<>();
    delivered.forEach(t -> { if (t.notifies()) heard.add(t); });
    List<SuppressedAlert> held = corrected.suppressed();
    assertTrue(held.stream().anyMatch(s -> s.transition().to() == AlertState.FIRING), "suppressed: " + held);
    assertEquals(notified.size(), heard.size() + held.size(), "every notification delivered or suppressed: " + notified);
    for (SuppressedAlert s : held) {
      assertTrue(notified.contains(s.transition()), s.toString());
      if (s.transition().to() == AlertState.FIRING) {
        assertEquals("sunday-maintenance", s.correction().id());
        assertTrue(inside(SUNDAYS, s.transition().at().toEpochMilli() - IV), s.toString());
      }
    }
    assertTrue(applied.scheduled());
    assertEquals(java.util.Optional.empty(), applied.retroactiveResolution());
  }
}
