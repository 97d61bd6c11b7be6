package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 9: a snapshot buffer is read by {@link Target}, as every other reader is, not by index. */
class SnapshotBufferTargetTest {
  private final ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-05T00:00:00Z"));
  private final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();

  private static SloDefinition checkout() {
    return SloDefinition.builder("checkout").service("checkout").objective(Objective.percent("99.9")).build();
  }

  private SnapshotBuffer filled(SloRecorder r) {
    r.recordCounts(998, 1000);
    clock.advance(registry.baseInterval());
    registry.tick();
    SnapshotBuffer b = r.newSnapshotBuffer();
    r.snapshot(b);
    return b;
  }

  @Test
  void theSlosTargetReadsItsFigures() {
    SloRecorder r = registry.register(checkout());
    SnapshotBuffer b = filled(r);
    Target events = r.definition().targets().get(0);
    assertEquals(1000, b.total(events, 0));
    assertEquals(2, b.bad(events, 0));
    assertEquals(2.0, b.burnRate(events, 0));
  }

  @Test
  void anEqualTargetOfAnEqualDefinitionReadsTheSameFigures() {
    SnapshotBuffer b = filled(registry.register(checkout()));
    Target equal = checkout().targets().get(0);
    assertEquals(1000, b.total(equal, 0));
  }

  @Test
  void aTargetOfAnotherSloIsRefusedWithTheSharedMessage() {
    SnapshotBuffer b = filled(registry.register(checkout()));
    Target other =
        SloDefinition.builder("search").service("search").objective(Objective.percent("99")).build().targets().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.total(other, 0));
    assertEquals("target: events 99% (expected one of [events 99.9%])", e.getMessage());
  }

  @Test
  void aNullTargetIsANullPointerExceptionNamingIt() {
    SnapshotBuffer b = filled(registry.register(checkout()));
    NullPointerException e = assertThrows(NullPointerException.class, () -> b.good(null, 0));
    assertEquals("target: null (expected a value)", e.getMessage());
  }
}
