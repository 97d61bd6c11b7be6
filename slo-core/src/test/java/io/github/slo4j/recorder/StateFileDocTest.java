package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state-file example of {@code docs/windows.md}, compiled and run across a restart. */
class StateFileDocTest {
  private static final SloDefinition SLO =
      SloDefinition.builder("checkout-availability").service("checkout").objective(Objective.percent("99.9")).build();

  @Test
  void aRestartKeepsTheHistory(@TempDir Path dir) {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-07-01T00:00:00Z"));
    for (int process = 0; process < 2; process++) {
      SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();

      // tag::state-file[]
      StateFile state = StateFile.builder(registry, dir.resolve("slo4j.state"))
          .interval(Duration.ofMinutes(5))   // the default: a crash loses at most 5 minutes
          .build();
      SloRecorder checkout = registry.register(SLO);   // register the SLOs first
      state.restore();                                 // their history is back; never throws
      state.start();                                   // saved at the ticks, every 5 minutes
      // end::state-file[]

      if (process == 0) {
        for (int i = 0; i < 360; i++) { // an hour, then a restart
          checkout.recordCounts(99, 100);
          clock.advance(Duration.ofSeconds(10));
          registry.tick();
        }
      } else {
        clock.advance(Duration.ofSeconds(10));
        registry.tick();
        assertEquals(36_000, checkout.window(Duration.ofHours(2)).total());
        assertEquals(360, checkout.window(Duration.ofHours(2)).bad());
      }

      // tag::state-file-close[]
      // on shutdown, before registry.close()
      state.close();                                   // a last save
      // end::state-file-close[]
      assertEquals(1, dir.toFile().list().length, "one file, no temporary left");
      clock.advance(Duration.ofMinutes(1)); // the restart
    }
  }
}
