package io.github.slo4j.recorder;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import java.time.Duration;
import java.time.Instant;

/**
 * The recorder the stress tests share: an events SLO over one day (small rings, so jcstress can
 * keep thousands of them), on a registry ticked by hand from a manual clock.
 */
class Stressed {
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  static final Duration BASE = Duration.ofSeconds(10);
  static final SloDefinition SLO =
      SloDefinition.builder("stressed")
          .service("jcstress")
          .objective(Objective.percent("99"))
          .period(CompliancePeriod.rollingDays(1))
          .build();

  final ManualTimeSource clock;
  final SloRegistry registry;
  final SloRecorder recorder;

  Stressed(Instant at) {
    clock = ManualTimeSource.startingAt(at);
    registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    recorder = registry.register(SLO);
  }

  /** Advances the clock by one base interval and closes the boundary. */
  void tick() {
    clock.advance(BASE);
    registry.tick();
  }

  /** Jumps the clock and closes one boundary: the rings fill with carried rows at once. */
  void jump(Duration d) {
    clock.advance(d);
    registry.tick();
  }

  static void record(SloRecorder t, int good, int bad) {
    for (int i = 0; i < good; i++) {
      t.recordGood();
    }
    for (int i = 0; i < bad; i++) {
      t.recordBad();
    }
  }
}
