package io.github.slo4j.monitor;

import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.IntervalStore;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MonitorTest {
  private static final SloDefinition SLO = Slos.workbook();

  @Test
  void drivenByHandAtEachBoundaryAsATickListenerWould() {
    long start = Slos.START.toEpochMilli();
    IntervalStore store = new IntervalStore(SLO, start, Duration.ofSeconds(10));
    List<AlertTransition> heard = new ArrayList<>();
    List<PolicyDecision> decided = new ArrayList<>();
    SloMonitor monitor = SloMonitor.builder(store.definition())
        .listener(heard::add)
        .decisionListener(decided::add)
        .policy(BudgetPolicy.builder("p", "1").approvedBy("Dana", Instant.EPOCH).freezeWhenExhausted().build())
        .build(store);
    // One hour clean at 1,000 events per interval, then a full outage.
    for (int i = 1; i <= 360 + 6; i++) {
      boolean outage = i > 360;
      store.append(new long[] {outage ? 0 : 1000}, new long[] {1000});
      SloMonitor.Evaluation e = monitor.evaluate(store.asOfMillis());
      if (i < 366) {
        assertTrue(e.transitions().isEmpty(), "tick " + i);
      }
    }
    // 6 outage ticks: 6,000 bad of 360,000 in the hour (1.67 % > 1.44 %), 100 % over 5 m.
    assertEquals(AlertState.FIRING, heard.get(0).to());
    assertEquals(Instant.ofEpochMilli(start + 366 * 10_000L), heard.get(0).at());
    assertEquals(1, monitor.activeAlerts().size());
    // The budget (projected from one hour and a minute to 30 days) is far from exhausted.
    assertFalse(monitor.frozen());
    assertEquals(List.of(), decided);

    // A repeated or earlier boundary cannot reorder history: it is ignored.
    SloMonitor.Evaluation again = monitor.evaluate(store.asOfMillis());
    assertTrue(again.isEmpty());
    assertTrue(monitor.evaluate(store.asOfMillis() - 10_000).isEmpty());
  }

  @Test
  void transitionsMustChangeState() {
    Replay.Result r = Replay.of(SLO)
        .traffic(Replay.Traffic.phases().steady(ofHours(2), 100, 0).steady(ofMinutes(5), 100, 1).build()).run();
    AlertTransition t = r.transitions().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AlertTransition(AlertState.FIRING, AlertState.FIRING, t.at(), t.alert()));
    assertEquals("to: FIRING (expected a state different from FIRING)", e.getMessage());
  }

  @Test
  void theRegistryReportRollsUpEverySlosMetaSignals() {
    Instant at = Slos.START;
    SloHealth quiet = SloHealth.builder("a", "a-availability", at, ofHours(1)).build();
    // 99.9 % of 1,000,000 events allows 1,000 bad: 750 bad leave 25 %, 250 bad leave 75 %.
    SloHealth burning = SloHealth.builder("b", "b-availability", at, ofHours(1))
        .burnRate(OptionalDouble.of(3.5))
        .budget("events", PeriodBudget.of(SLO.objective(), 999_250, 1_000_000, 1000, 1000))
        .frozen(true).sinceLastFreeze(Optional.of(ofHours(2))).calibration(Optional.of(Calibration.TOO_TIGHT))
        .activeAlerts(1)
        .problems(List.of("budget of events exhausted (101% of the period's projected budget spent) with no freeze in force: ..."))
        .build();
    SloHealth fine = SloHealth.builder("c", "c-latency", at, ofHours(1))
        .burnRate(OptionalDouble.of(0.2))
        .budget("events", PeriodBudget.of(SLO.objective(), 999_750, 1_000_000, 1000, 1000))
        .calibration(Optional.of(Calibration.TOO_LOOSE))
        .build();
    SloHealth.Summary s = SloHealth.summarize(List.of(quiet, burning, fine));
    assertEquals(List.of("a-availability"), s.noData());
    assertEquals(List.of("b-availability"), s.burning());
    assertEquals(0.5, s.averageBudgetRemaining().getAsDouble(), 1e-12);
    assertEquals(List.of("b-availability"), s.frozen());
    assertEquals(List.of("b-availability"), s.tooTight());
    assertEquals(List.of("c-latency"), s.tooLoose());
    assertEquals(List.of("b-availability"), s.withProblems());
    assertTrue(SloHealth.summarize(List.of()).averageBudgetRemaining().isEmpty());
  }

  @Test
  void healthAfterAReplayDescribesTheSlo() {
    Replay.Result r = Replay.of(SLO)
        .traffic(Replay.Traffic.phases().steady(ofHours(2), 100, 0).steady(ofMinutes(5), 100, 1).build()).run();
    SloHealth h = r.monitor().health();
    assertTrue(h.hasData());
    assertTrue(h.burning());
    // The last hour: 30,000 bad of 360,000 -> burn 83.3.
    assertEquals(1000.0 * 30_000 / 360_000, h.burnRate().getAsDouble(), 1e-9);
    // 30,000 bad of the 750,000 events so far, which allow 750: forty budgets consumed.
    assertEquals(1 - 30_000.0 / 750, h.budgetRemaining().getAsDouble(), 1e-12);
    // 2h5m of data at 100/s projected to 30 days allows 259,200.
    assertEquals(1 - 30_000.0 / 259_200, h.projectedBudgetRemaining().getAsDouble(), 1e-12);
    assertEquals(ofHours(1), h.burnWindow());
    // 30,000 bad is 11.6 % of the month's budget in 5 minutes: both pages fire, and both tickets
    // (10 % of the budget in 1 and 3 days) hold, suppressed.
    assertEquals(4, h.activeAlerts());
    assertEquals(
        "checkout/checkout-availability at 2026-01-01T02:05:00Z: burn 83.33 over 1h, budget overspent by 3900%"
            + " (88.43% of the period's projected budget left)",
        h.toString());
  }
}
