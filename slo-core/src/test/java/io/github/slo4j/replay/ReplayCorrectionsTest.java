package io.github.slo4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.correction.BudgetCorrection;
import io.github.slo4j.monitor.PeriodBudget;
import io.github.slo4j.monitor.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A backtest with a maintenance window is one builder call: {@link Replay.Builder#correction}. */
class ReplayCorrectionsTest {
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).build();
  private static final Instant OUTAGE = Replay.DEFAULT_START.plus(Duration.ofDays(1));

  private static Replay.Builder outage() {
    return Replay.of(SLO).traffic(Replay.Traffic.phases()
        .steady(Duration.ofDays(1), 100, 0.0)
        .steady(Duration.ofMinutes(30), 100, 1.0)
        .steady(Duration.ofHours(2), 100, 0.0)
        .build());
  }

  private static BudgetCorrection.Builder window() {
    return BudgetCorrection.builder("maintenance").window(OUTAGE, OUTAGE.plus(Duration.ofMinutes(30)))
        .reason("database upgrade").author("alice").declaredAt(Replay.DEFAULT_START);
  }

  private static PeriodBudget budget(Replay.Result r) {
    return r.monitor().health().budgets().get("events");
  }

  @Test
  void aMaintenanceWindowIsExcludedFromTheBudgetAndTheAlertsOfABacktest() {
    Replay.Result raw = outage().run();
    assertFalse(raw.transitions(Severity.PAGE).isEmpty(), "without the correction the outage pages");
    assertEquals(30 * 60 * 100L, budget(raw).bad());

    Replay.Result corrected = outage().correction(window().build()).run();
    assertEquals(List.of(), corrected.transitions(), corrected.timeline().toString());
    assertEquals(0, budget(corrected).bad());
    assertEquals(budget(raw).total() - 30 * 60 * 100L, budget(corrected).total(), "the window's events count nowhere");
  }

  @Test
  void aWindowThatExcludesEveryEventRaisesNoNoDataTicket() {
    Replay.Result r = outage().correction(window().build()).run();
    assertEquals(List.of(), r.transitions(Severity.TICKET), r.timeline().toString());
  }

  @Test
  void realSilenceInACorrectionWindowIsStillNoData() {
    Replay.Result r = Replay.of(SLO).traffic(Replay.Traffic.phases()
            .steady(Duration.ofDays(1), 100, 0.0)
            .silence(Duration.ofMinutes(40))
            .steady(Duration.ofHours(1), 100, 0.0)
            .build())
        .correction(window().window(OUTAGE, OUTAGE.plus(Duration.ofMinutes(40))).build()).run();
    assertEquals(List.of("+1d30m alert checkout-availability/events ticket no-data 30m: inactive -> firing",
        "+1d40m10s alert checkout-availability/events ticket no-data 30m: firing -> resolved"), r.timeline());
  }

  @Test
  void aBudgetOnlyCorrectionStillAlertsButLeavesTheBudgetUntouched() {
    Replay.Result r = outage().correction(window().budgetOnly().build()).run();
    assertFalse(r.transitions(Severity.PAGE).isEmpty(), "alerting still sees the events");
    assertEquals(0, budget(r).bad());
  }

  @Test
  void twoCorrectionsWithOneIdAreRefused() {
    Replay.Builder b = outage().correction(window().build()).correction(window().build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::run);
    assertEquals("correction: maintenance (expected an id not applied yet)", e.getMessage());
  }
}
