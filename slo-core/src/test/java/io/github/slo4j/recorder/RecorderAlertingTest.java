package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alerting engine on the real recorder: the registry's ticker drives {@link SloMonitor} through
 * a tick listener and the monitor reads the recorder's rings. The Workbook's arithmetic must come out
 * the same as in replay: after a clean day at 100 requests/s, a full outage at 99.9 % fires the 1 h
 * / 5 m page at the first tick after 51.84 s, i.e. at +60 s.
 */
class RecorderAlertingTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);

  @Test
  void aFullOutagePagesAtTheFirstTickAfter51Seconds() {
    Instant start = Instant.parse("2026-05-01T00:00:00Z");
    ManualTimeSource clock = ManualTimeSource.startingAt(start);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloDefinition slo =
        SloDefinition.builder("checkout-availability")
            .service("checkout")
            .objective(Objective.percent("99.9"))
            .build();
    SloRecorder recorder = registry.register(slo);
    List<AlertTransition> transitions = new ArrayList<>();
    SloMonitor monitor =
        SloMonitor.builder(recorder.definition()).rules(AlertRules.defaults(slo)).listener(transitions::add).build(recorder);
    registry.addTickListener(monitor::evaluate);

    for (int i = 0; i < 8640; i++) { // one clean day, 1,000 requests per 10 s
      recorder.recordCounts(1000, 1000);
      clock.advance(TEN_S);
      registry.tick();
    }
    assertEquals(List.of(), transitions, "a clean day fires nothing");

    Instant outage = clock.now();
    for (int i = 0; i < 12; i++) {
      recorder.recordCounts(0, 1000);
      clock.advance(TEN_S);
      registry.tick();
    }
    AlertTransition first = transitions.get(0);
    assertEquals(AlertState.FIRING, first.to());
    assertEquals(Severity.PAGE, first.alert().severity());
    assertEquals(Duration.ofHours(1), first.alert().tier().orElseThrow().longWindow());
    assertEquals(outage.plusSeconds(60), first.at());
    assertTrue(first.notifies());
  }
}
