package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.BudgetStatus;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: one public period budget per target, the figure alerts and health report, and one
 * meaning of "consumed" — of the events seen so far, as {@link ErrorBudget#status} and Sloth count
 * it — with the projection over partial coverage under its own name.
 */
class PeriodBudgetTest {
  private static final SloDefinition MONTHLY =
      SloDefinition.builder("billing-availability")
          .service("billing")
          .objective(Objective.percent("99.9"))
          .period(CompliancePeriod.calendarMonth(ZoneOffset.UTC))
          .build();
  private static final Target EVENTS = MONTHLY.targets().get(0);
  private static final long JANUARY = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final long DAY = 1440 * MINUTE;
  private static final long MONTH_MILLIS = 31 * DAY;

  /** One transition and what the public figure and health said at that moment. */
  private record Heard(AlertTransition transition, PeriodBudget budget, SloHealth health) {}

  @Test
  void alertsHealthAndThePublicPeriodBudgetAgreeOnAReplayedMonth() {
    IntervalStore store = new IntervalStore(MONTHLY, JANUARY, Duration.ofMinutes(1));
    List<Heard> heard = new ArrayList<>();
    SloMonitor[] monitor = new SloMonitor[1];
    monitor[0] = SloMonitor.builder(store.definition())
        .listener(t -> heard.add(new Heard(t, PeriodBudget.of(store, EVENTS), monitor[0].health())))
        .build(store);
    long good = 0;
    long total = 0;
    int minutes = 31 * 1440;
    for (int m = 0; m < minutes; m++) {
      long bad = badInMinute(m);
      store.append(new long[] {6000 - bad}, new long[] {6000});
      good += 6000 - bad;
      total += 6000;
      monitor[0].evaluate(store.asOfMillis());
      int sizeBefore = heard.size();
      if ((m + 1) % 60 == 0 || sizeBefore > 0 && heard.get(sizeBefore - 1).transition().at().toEpochMilli() == store.asOfMillis()) {
        String where = "at " + Instant.ofEpochMilli(store.asOfMillis());
        PeriodBudget budget = PeriodBudget.of(store, EVENTS);
        SloHealth health = monitor[0].health();
        assertEquals(budget, health.budgets().get("events"), where);
        assertEquals(budget.remaining(), health.budgetRemaining(), where);
        assertEquals(budget.projectedRemaining(), health.projectedBudgetRemaining(), where);
        // consumed is exactly ErrorBudget.status of the month's events so far: one code path.
        BudgetStatus status = ErrorBudget.status(MONTHLY.objective(), good, total);
        assertEquals(status, budget.status(), where);
        assertEquals(status.consumed(), budget.consumed(), where);
        assertEquals(status.remaining(), budget.remaining(), where);
        // projectedConsumed: bad × covered ÷ (budget × total × period), the month being 31 days.
        long covered = store.asOfMillis() - JANUARY;
        double projected = (double) (total - good) * covered / (0.001 * total * MONTH_MILLIS);
        assertEquals(projected, budget.projectedConsumed().getAsDouble(), 1e-12 * Math.max(1, projected), where);
        assertEquals(Duration.ofMillis(covered), budget.covered(), where);
        assertEquals(Duration.ofMillis(MONTH_MILLIS), budget.period(), where);
      }
    }
    // The three incidents each page and resolve; the loop above compared something.
    long pages = heard.stream().filter(h -> h.transition().notifies()).count();
    assertTrue(pages >= 6, "notifications: " + pages);
    for (Heard h : heard) {
      Alert a = h.transition().alert();
      String where = h.transition().toString();
      // The payload carries the very figure the public API and health report at that boundary.
      assertEquals(h.budget(), a.budget(), where);
      assertEquals(h.budget(), h.health().budgets().get("events"), where);
      assertEquals(h.budget().consumed(), a.budgetConsumed(), where);
      assertEquals(h.budget().projectedConsumed(), a.projectedBudgetConsumed(), where);
      assertEquals(h.health().budgetRemaining().getAsDouble(), 1 - a.budgetConsumed().getAsDouble(), 1e-12, where);
    }
    // At the boundary that ends January the month is complete: both figures are one.
    PeriodBudget january = PeriodBudget.of(store, EVENTS);
    assertEquals(Duration.ofMillis(MONTH_MILLIS), january.covered());
    assertEquals(january.consumed(), january.projectedConsumed());
    // 9,000 + 21,600 + 180,000 bad of 267,840,000 events, which allow 267,840.
    assertEquals(210_600.0 / 267_840, january.consumed().getAsDouble(), 1e-15);
  }

  /** Day 2: 10 minutes at 15 %; day 10: 6 hours at 1 %; day 20: 30 minutes of full outage. */
  private static long badInMinute(int m) {
    if (m >= 1440 && m < 1440 + 10) {
      return 900;
    }
    if (m >= 9 * 1440 && m < 9 * 1440 + 360) {
      return 60;
    }
    if (m >= 19 * 1440 && m < 19 * 1440 + 30) {
      return 6000;
    }
    return 0;
  }

  @Test
  void dayOneOfAMonthReportsConsumedAndProjectedUnderTheirOwnNames() {
    // The README's puzzle: a day at 0.5 % errors against 99.9 %. ErrorBudget.status said
    // "overspent" and health() said 84 % remained; both were right about different things.
    IntervalStore store = new IntervalStore(MONTHLY, JANUARY, Duration.ofMinutes(1));
    SloMonitor monitor = SloMonitor.builder(store.definition()).build(store);
    for (int m = 0; m < 1440; m++) {
      store.append(new long[] {5970}, new long[] {6000});
    }
    monitor.evaluate(store.asOfMillis());
    PeriodBudget b = PeriodBudget.of(store, EVENTS);
    // consumed: 43,200 bad of 8,640,000 events, which allow 8,640: five budgets, as status says.
    assertEquals(OptionalDouble.of(5.0), b.consumed());
    assertEquals(OptionalDouble.of(-4.0), b.remaining());
    assertEquals(ErrorBudget.status(MONTHLY.objective(), 8_640_000 - 43_200, 8_640_000), b.status());
    assertTrue(b.status().overspent());
    // projectedConsumed: one day of a 31-day month, 5 ÷ 31 of the month's projected budget.
    assertEquals(5.0 / 31, b.projectedConsumed().getAsDouble(), 1e-15);
    assertEquals(1 - 5.0 / 31, b.projectedRemaining().getAsDouble(), 1e-15);
    SloHealth h = monitor.health();
    assertEquals(b.remaining(), h.budgetRemaining());
    assertEquals(b.projectedRemaining(), h.projectedBudgetRemaining());
    assertEquals("43200/8640000 bad over 1d of 31d: 500% consumed, 16.13% of the period's projected budget",
        b.toString());
    assertEquals("billing/billing-availability at 2026-01-02T00:00:00Z: burn 5 over 1h, budget overspent by 400%"
        + " (83.87% of the period's projected budget left)", h.toString());
  }

  @Test
  void withNoEventsThereIsNoDataAndNoFigure() {
    IntervalStore store = new IntervalStore(MONTHLY, JANUARY, Duration.ofMinutes(1));
    store.append(new long[] {0}, new long[] {0});
    PeriodBudget b = PeriodBudget.of(store, EVENTS);
    assertFalse(b.hasData());
    assertEquals(OptionalDouble.empty(), b.consumed());
    assertEquals(OptionalDouble.empty(), b.remaining());
    assertEquals(OptionalDouble.empty(), b.projectedConsumed());
    assertEquals(OptionalDouble.empty(), b.projectedRemaining());
    assertEquals(OptionalDouble.empty(), b.projectedShare(10));
    assertEquals("no data", b.toString());
  }

  @Test
  void aTargetOfAnotherSloIsRefused() {
    IntervalStore store = new IntervalStore(MONTHLY, JANUARY, Duration.ofMinutes(1));
    Target other = SloDefinition.builder("billing-latency").service("billing").objective(Objective.percent("99"))
        .period(CompliancePeriod.calendarMonth(ZoneOffset.UTC)).build().targets().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeriodBudget.of(store, other));
    assertEquals("target: events 99% (expected a target of billing-availability: [events 99.9%])", e.getMessage());
  }

  @Test
  void aNegativeShareIsRefused() {
    PeriodBudget b = PeriodBudget.of(MONTHLY.objective(), 90, 100, 1000, 1000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.projectedShare(-1));
    assertEquals("badEvents: -1 (expected >= 0)", e.getMessage());
  }
}
