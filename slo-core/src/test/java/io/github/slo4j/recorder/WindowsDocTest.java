package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The state example of {@code docs/windows.md}, compiled and run. */
class WindowsDocTest {
  private static final SloDefinition SLO =
      SloDefinition.builder("checkout-availability")
          .service("checkout")
          .objective(Objective.percent("99.9"))
          .build();

  @Test
  void aRestartAndAFleet() {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-07-01T00:00:00Z"));
    SloRegistry first = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRegistry other = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = first.register(SLO);
    SloRecorder instanceB = other.register(SLO);
    for (int i = 0; i < 360; i++) { // an hour on two instances
      recorder.recordCounts(99, 100);
      instanceB.recordCounts(100, 100);
      clock.advance(Duration.ofSeconds(10));
      first.tick();
      other.tick();
    }
    byte[] stateA = recorder.exportState();
    byte[] stateB = instanceB.exportState();
    clock.advance(Duration.ofMinutes(5)); // the restart takes five minutes
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();

    // tag::state[]
    // on shutdown (and every few minutes, to survive a crash)
    byte[] saved = recorder.exportState();

    // in the next process: the history is back, the downtime shows as gap intervals
    SloRecorder next = registry.register(SLO);
    next.restore(saved);

    // a fleet: one state for every instance of the SLO, counts added boundary by boundary
    byte[] fleet = SloState.merge(stateA, stateB);
    // end::state[]

    clock.advance(Duration.ofSeconds(10));
    registry.tick();
    assertEquals(36_000, next.window(Duration.ofHours(2)).total());
    assertEquals(360, next.window(Duration.ofHours(2)).bad());
    assertEquals(30, next.snapshot().gapIntervals(Duration.ofHours(2)));
    SloRecorder merged = SloRegistry.builder().timeSource(clock).manualTicks().build().register(SLO);
    merged.restore(fleet);
    assertEquals(72_000, merged.window(Duration.ofHours(2)).total());
    assertEquals(360, merged.window(Duration.ofHours(2)).bad());
  }
}
