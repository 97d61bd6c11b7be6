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

  private static final long OUTAGE_FROM = at("2026-01-20T10:00:00Z");
  private static final long OUTAGE_TO = at("2026-01-20T11:30:00Z");
  /** Half the budget's error ratio (one bad event every other interval), and 30 % during the outage. */
  private static final LongUnaryOperator OUTAGE = s -> s >= OUTAGE_FROM && s < OUTAGE_TO ? 300 : (s / IV) % 2;

  private static IntervalStore january(LongUnaryOperator bad, long intervals) {
    IntervalStore store = new IntervalStore(SLO, JAN.toEpochMilli(), Duration.ofMillis(IV));
    long[] good = new long[1];
    long[] total = {1000};
    for (long i = 0; i < intervals; i++) {
      good[0] = 1000 - bad.applyAsLong(JAN.toEpochMilli() + i * IV);
      store.append(good, total);
    }
    return store;
  }

  private static BudgetCorrection cdnOutage(long from, long to) {
    return BudgetCorrection.builder("cdn-outage").window(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))
        .reason("CDN provider outage, postmortem PM-42").author("bob").declaredAt(Instant.parse("2026-01-31T12:00:00Z"))
        .build();
  }

  @Test
  void aRetroactiveCorrectionChangesTheMonthsBudgetByTheExpectedAmount() {
    IntervalStore store = january(OUTAGE, MONTH);
    CorrectedReader corrected = CorrectedReader.over(store, Duration.ofMillis(IV));
    CorrectedReader.Figures before = corrected.figures(EVENTS);
    AppliedCorrection applied = corrected.apply(cdnOutage(OUTAGE_FROM, OUTAGE_TO));
    CorrectedReader.Figures after = corrected.figures(EVENTS);

    long end = store.asOfMillis();
    long[] raw = naive(JAN.toEpochMilli(), end, OUTAGE, s -> false);
    long[] naive = naive(JAN.toEpochMilli(), end, OUTAGE, s -> s >= OUTAGE_FROM && s < OUTAGE_TO);
    assertEquals(List.of(raw[0], raw[1]), List.of(before.corrected().good(), before.corrected().total()));
    assertEquals(List.of(naive[0], naive[1]), List.of(after.corrected().good(), after.corrected().total()));
    assertEquals(List.of(raw[0], raw[1]), List.of(after.uncorrected().good(), after.uncorrected().total()));
    // 540 intervals of 300 bad in 1,000 leave the month: 162,000 bad and 540,000 events
    assertEquals(540 * 300L, after.excludedBad());
    assertEquals(540_000L, after.excludedEvents());
    Objective o = EVENTS.objective();
    double remainingBefore = ErrorBudget.status(o, raw[0], raw[1]).remaining().getAsDouble();
    double remainingAfter = ErrorBudget.status(o, naive[0], naive[1]).remaining().getAsDouble();
    assertEquals(remainingAfter, ErrorBudget.status(o, after.corrected().good(), after.corrected().total()).remaining().getAsDouble());
    assertTrue(remainingBefore < 0 && remainingAfter > 0, "exhausted by the outage, " + remainingBefore + " -> " + remainingAfter);
    assertEquals(java.util.Optional.of(Duration.ofMillis(IV)), applied.retroactiveResolution());
    assertFalse(applied.scheduled());
    assertEquals("2026-02-01T00:00:00Z correction cdn-outage by bob (\"CDN provider outage, postmortem PM-42\"), declared"
        + " 2026-01-31T12:00:00Z: retroactive at 10s", applied.toString());
    assertEquals(List.of(applied), corrected.applied());
  }

  @Test
  void aRetroactiveCorrectionOnACoarserTierExcludesWholeSlotsAndSaysWhichResolutionApplied() {
    IntervalStore store = january(OUTAGE, MONTH);
    Duration hour = Duration.ofHours(1);
    // as a recorder answers: windows longer than a day from hourly slots
    CorrectedReader corrected = CorrectedReader.over(store, Duration.ofMillis(IV),
        w -> w.compareTo(Duration.ofDays(1)) > 0 ? hour : Duration.ofMillis(IV));
    AppliedCorrection applied = corrected.apply(cdnOutage(OUTAGE_FROM, OUTAGE_TO));
    assertEquals(java.util.Optional.of(hour), applied.retroactiveResolution());
    // the slots starting at 10:00 and 11:00 are excluded whole: 10:00 to 12:00
    long[] naive = naive(JAN.toEpochMilli(), store.asOfMillis(), OUTAGE,
        s -> s >= OUTAGE_FROM && s < at("2026-01-20T12:00:00Z"));
    CorrectedReader.Figures f = corrected.figures(EVENTS);
    assertEquals(List.of(naive[0], naive[1]), List.of(f.corrected().good(), f.corrected().total()));
  }

  @Test
  void aCorrectionDeclaredDuringTheOutageIsRetroactiveUpToNowAndScheduledAfter() {
    long declared = at("2026-01-20T10:40:00Z");
    IntervalStore store = january(OUTAGE, (declared - JAN.toEpochMilli()) / IV);
    CorrectedReader corrected = CorrectedReader.over(store, Duration.ofMillis(IV));
    AppliedCorrection applied = corrected.apply(cdnOutage(OUTAGE_FROM, OUTAGE_TO));
    assertTrue(applied.scheduled());
    assertEquals(java.util.Optional.of(Duration.ofMillis(IV)), applied.retroactiveResolution());
    SplittableRandom random = new SplittableRandom(20260120);
    long[] good = new long[1];
    long[] total = {1000};
    LongPredicate excluded = s -> s >= OUTAGE_FROM && s < OUTAGE_TO;
    while (store.asOfMillis() < at("2026-01-21T00:00:00Z")) {
      good[0] = 1000 - OUTAGE.applyAsLong(store.asOfMillis());
      store.append(good, total);
      long k = 1 + random.nextLong(2 * 8640);
      long end = store.asOfMillis();
      long[] expected = naive(Math.max(JAN.toEpochMilli(), end - k * IV), end, OUTAGE, excluded);
      long[] into = new long[3];
      corrected.window(EVENTS, k * IV, into);
      assertEquals(List.of(expected[0], expected[1]), List.of(into[0], into[1]),
          "seed 20260120, window of " + k + " intervals at " + Instant.ofEpochMilli(end));
    }
    // a second correction over the same outage excludes nothing twice
    CorrectedReader.Figures once = corrected.figures(EVENTS);
    corrected.apply(BudgetCorrection.builder("cdn-outage-again").window(Instant.ofEpochMilli(OUTAGE_FROM - 600_000), Instant.ofEpochMilli(OUTAGE_TO))
        .reason("the same outage, declared twice").author("carol").declaredAt(Instant.parse("2026-01-21T00:00:00Z")).build());
    CorrectedReader.Figures twice = corrected.figures(EVENTS);
    assertEquals(once.excludedEvents() + 60 * 1000, twice.excludedEvents(), "only the 10 earlier minutes are new");
  }

  @Test
  void applyingTheSameCorrectionIdTwiceIsRefused() {
    CorrectedReader corrected = CorrectedReader.over(january(OUTAGE, 10), Duration.ofMillis(IV));
    corrected.apply(cdnOutage(OUTAGE_FROM, OUTAGE_TO));
    assertEquals("correction: cdn-outage (expected an id not applied yet)",
        assertThrows(IllegalArgumentException.class, () -> corrected.apply(cdnOutage(OUTAGE_FROM, OUTAGE_TO))).getMessage());
  }

  @Test
  void anAlertThatFiredBeforeTheWindowIsDeliveredAndTheWindowRaisesNoNoDataTicket() {
    long windowFrom = at("2026-01-01T21:00:00Z");
    long windowTo = at("2026-01-01T23:00:00Z");
    LongUnaryOperator bad = s -> s >= at("2026-01-01T20:40:00Z") && s < windowFrom ? 300 : 0;
    IntervalStore store = new IntervalStore(SLO, JAN.toEpochMilli(), Duration.ofMillis(IV));
    CorrectedReader corrected = CorrectedReader.over(store, Duration.ofMillis(IV));
    corrected.apply(BudgetCorrection.builder("release-window").window(Instant.ofEpochMilli(windowFrom), Instant.ofEpochMilli(windowTo))
        .reason("datacenter move").author("dana").declaredAt(JAN).build());
    List<AlertTransition> delivered = new ArrayList<>();
    SloMonitor monitor = SloMonitor.builder(SLO).rules(AlertRules.defaults(SLO)).listener(corrected.suppressing(delivered::add)).build(corrected);
    long[] good = new long[1];
    long[] total = {1000};
    for (long i = 0; i < 8640; i++) {
      good[0] = 1000 - bad.applyAsLong(JAN.toEpochMilli() + i * IV);
      store.append(good, total);
      monitor.evaluate(store.asOfMillis());
    }
    List<AlertTransition> notified = new ArrayList<>();
    delivered.forEach(t -> { if (t.notifies()) notified.add(t); });
    assertEquals(2, notified.size(), "one page, one resolve: " + notified);
    assertEquals(AlertState.FIRING, notified.get(0).to());
    assertTrue(notified.get(0).at().toEpochMilli() < windowFrom, notified.toString());
    assertEquals(AlertState.RESOLVED, notified.get(1).to());
    // the window's excluded intervals are no data, which never resolves an alert: it resolves on fresh data after
    assertTrue(notified.get(1).at().toEpochMilli() > windowTo, notified.toString());
    // a window excludes every event, but the traffic is there: no no-data ticket to hold back
    assertEquals(List.of(), corrected.suppressed());
  }
}
