package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * A monitor evaluated at the start of a calendar period: the boundary that ends a month reports the
 * month complete, the first interval of the next reports the next, and a month-to-date shorter than
 * the base interval is no data, never an exception. A registry's recorder and replay's exact store
 * agree at every boundary.
 */
class PeriodStartEvaluationTest {

  private static SloDefinition monthly(ZoneId zone) {
    return SloDefinition.builder("billing-availability")
        .service("billing")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.calendarMonth(zone))
        .build();
  }

  /** A registry ticked by hand, one recorder and a monitor over it. */
  private static final class Live {
    final ManualTimeSource clock;
    final SloRegistry registry;
    final SloRecorder recorder;
    final SloMonitor monitor;

    Live(SloDefinition slo, Instant start, Duration base) {
      clock = ManualTimeSource.startingAt(start);
      registry = SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(base).build();
      recorder = registry.register(slo);
      monitor = SloMonitor.builder(recorder.definition()).build(recorder);
    }

    /** Records one interval's events, closes it and evaluates the monitor at its boundary. */
    void interval(Duration base, long good, long total) {
      recorder.recordCounts(good, total);
      clock.advance(base);
      registry.tick();
      monitor.evaluate(recorder.asOfMillis());
    }
  }

  /**
   * Kathmandu's months start at 18:15 UTC and Monrovia's, in 1971, at 00:44:30 UTC: with a 2-minute
   * (1-minute) base interval the first boundary of the month is 1 minute (30 s) into it. The monitor
   * used to throw there ("window: 1m (expected >= the base interval (2m) ...)").
   */
  @Test
  void evaluatingLessThanABaseIntervalIntoAMonthReportsNoDataInsteadOfThrowing() {
    record Case(ZoneId zone, Instant monthStart, Duration base, Duration into) {}
    for (Case c :
        new Case[] {
          new Case(ZoneId.of("Asia/Kathmandu"), Instant.parse("2026-02-28T18:15:00Z"), Duration.ofMinutes(2), Duration.ofMinutes(1)),
          new Case(ZoneId.of("Africa/Monrovia"), Instant.parse("1971-06-01T00:44:30Z"), Duration.ofMinutes(1), Duration.ofSeconds(30)),
          new Case(ZoneId.of("Australia/Eucla"), Instant.parse("2026-04-30T15:15:00Z"), Duration.ofMinutes(2), Duration.ofMinutes(1))
        }) {
      Instant firstBoundary = c.monthStart().plus(c.into());
      Live live = new Live(monthly(c.zone()), firstBoundary.minus(Duration.ofHours(1)), c.base());
      while (live.clock.now().isBefore(firstBoundary)) {
        live.interval(c.base(), 990, 1000); // the old month: 1 % bad, ten budgets
      }
      assertEquals(firstBoundary, live.recorder.asOf(), c.toString());
      assertEquals(OptionalDouble.empty(), live.monitor.health().budgetRemaining(), "no data at " + c);
      PeriodBudget budget = PeriodBudget.of(live.recorder, live.recorder.definition().targets().get(0));
      assertFalse(budget.hasData(), c.toString());

      live.interval(c.base(), 1000, 1000); // the first interval that started in the new month
      assertEquals(OptionalDouble.of(1.0), live.monitor.health().budgetRemaining(), "the new month, " + c);
    }
  }

  /**
   * At the boundary that ends January the monitor reports January complete, its last interval (100
   * bad events) included; it used to report no data there. Ten seconds later, February.
   */
  @Test
  void theFirstEvaluationOfAMonthReportsThatMonthsBudget() {
    Instant monthStart = Instant.parse("2026-02-01T00:00:00Z");
    Duration base = Duration.ofSeconds(10);
    Live live = new Live(monthly(ZoneId.of("UTC")), monthStart.minus(Duration.ofHours(1)), base);
    while (live.clock.now().isBefore(monthStart.minus(base))) {
      live.interval(base, 1000, 1000);
    }
    live.interval(base, 900, 1000); // the interval closing at midnight
    // January's budget, projected from the hour seen: 100 bad × 1 h ÷ (0.001 × 360,000 × 31 d)
    double consumed = 100.0 * 3_600_000 / (0.001 * 360_000 * 31 * 86_400_000.0);
    OptionalDouble january = live.monitor.health().projectedBudgetRemaining();
    assertTrue(january.isPresent(), "January at its last boundary");
    assertEquals(1 - consumed, january.getAsDouble(), 1e-12);
    // of the events seen: 100 bad of 360,000, which allow 360
    assertEquals(1 - 100.0 / 360, live.monitor.health().budgetRemaining().getAsDouble(), 1e-12);

    live.interval(base, 1000, 1000);
    assertEquals(OptionalDouble.of(1.0), live.monitor.health().budgetRemaining(), "February's first interval");
  }

  /**
   * The same intervals read by a registry's recorder and by replay's exact store give the same
   * period budget at every boundary around a month start, in zones whose month starts on and off
   * the base interval's grid.
   */
  @Test
  void theRecorderAndTheExactStoreAgreeOnThePeriodBudgetAcrossAMonthStart() {
    record Case(ZoneId zone, Instant monthStart, Duration base) {}
    for (Case c :
        new Case[] {
          new Case(ZoneId.of("UTC"), Instant.parse("2026-03-01T00:00:00Z"), Duration.ofSeconds(10)),
          new Case(ZoneId.of("Asia/Kolkata"), Instant.parse("2026-02-28T18:30:00Z"), Duration.ofSeconds(60)),
          new Case(ZoneId.of("Asia/Kathmandu"), Instant.parse("2026-02-28T18:15:00Z"), Duration.ofSeconds(120)),
          new Case(ZoneId.of("Pacific/Chatham"), Instant.parse("2026-02-28T10:15:00Z"), Duration.ofSeconds(120)),
          new Case(ZoneId.of("Africa/Monrovia"), Instant.parse("1971-06-01T00:44:30Z"), Duration.ofSeconds(60))
        }) {
      SloDefinition slo = monthly(c.zone());
      Target target = slo.targets().get(0);
      long baseMillis = c.base().toMillis();
      long from = Math.floorDiv(c.monthStart().toEpochMilli(), baseMillis) * baseMillis - 30 * baseMillis;
      Live live = new Live(slo, Instant.ofEpochMilli(from), c.base());
      IntervalStore store = new IntervalStore(slo, from, c.base());
      for (int i = 0; i < 60; i++) {
        long total = 100 + i;
        long good = total - i % 7;
        live.interval(c.base(), good, total);
        store.append(new long[] {good}, new long[] {total});
        assertEquals(store.asOfMillis(), live.recorder.asOfMillis());
        PeriodBudget fromRecorder = PeriodBudget.of(live.recorder, target);
        PeriodBudget fromStore = PeriodBudget.of(store, target);
        String where = c + " at " + Instant.ofEpochMilli(store.asOfMillis());
        assertEquals(fromStore.total(), fromRecorder.total(), "total, " + where);
        assertEquals(fromStore.bad(), fromRecorder.bad(), "bad, " + where);
        assertEquals(fromStore.period(), fromRecorder.period(), "period, " + where);
        assertEquals(fromStore.consumed(), fromRecorder.consumed(), "consumed, " + where);
      }
    }
  }
}
