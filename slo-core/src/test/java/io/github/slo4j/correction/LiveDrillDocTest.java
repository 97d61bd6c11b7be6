package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live-drill and backtest samples of docs/corrections.md. */
class LiveDrillDocTest {
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).build();

  @Test
  void aLiveDrill() {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-10T12:00:00Z"));
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    List<AlertTransition> pager = new ArrayList<>();
    // tag::live-drill[]
    SloRecorder recorder = registry.register(SLO);
    CorrectedReader reader = CorrectedReader.over(recorder, registry.baseInterval());
    AlertRules rules = AlertRules.defaults(SLO);
    DrillRunner drills = DrillRunner.over(registry, recorder, reader, rules);
    SloMonitor monitor = SloMonitor.builder(SLO).rules(rules)
        .listener(drills.labelling(pager::add))      // alerts of a drill: drill() = "game-day-1"
        .build(reader);
    registry.addTickListener(monitor::evaluate);
    // ... later, on the live service:
    LiveDrill drill = drills.start("game-day-1", Duration.ofMinutes(30), 0.2, "alice@example.com");
    drill.result().thenAccept(r -> System.out.println(r.reports()));  // once it ended by itself
    // end::live-drill[]
    for (int i = 0; i < 6 * 60 * 4; i++) {
      recorder.recordCounts(1000, 1000);
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
    }
    assertTrue(drill.isDone(), drill.toString());
    LiveDrill.Result result = drill.result().join();
    assertTrue(result.reports().get(0).tiers().get(0).timeToFire().isPresent(), result.toString());
    assertTrue(pager.stream().allMatch(t -> t.alert().drill().equals(Optional.of("game-day-1"))), pager.toString());
    assertEquals(0, reader.figures(SLO.targets().get(0)).corrected().bad());
  }

  @Test
  void aBacktestWithAMaintenanceWindow() {
    Instant night = Instant.parse("2026-01-04T22:00:00Z");
    // tag::backtest[]
    Replay.Result r = Replay.of(SLO)
        .traffic(Replay.Traffic.phases()
            .steady(Duration.ofDays(3).plusHours(22), 100, 0.0)
            .steady(Duration.ofHours(1), 100, 1.0)      // the maintenance takes the service down
            .steady(Duration.ofHours(3), 100, 0.0)
            .build())
        .correction(BudgetCorrection.builder("sunday-maintenance").window(night, night.plus(Duration.ofHours(4)))
            .reason("weekly database maintenance").author("alice@example.com").declaredAt(night).build())
        .run();
    r.transitions();                                   // []: no page, no no-data ticket
    // end::backtest[]
    assertEquals(List.of(), r.transitions());
    assertEquals(0, r.monitor().health().budgets().get("events").bad());
    assertEquals(List.of(), r.transitions(Severity.PAGE));
  }
}
