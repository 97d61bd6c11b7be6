package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.slo4j.AllocatedBytes;
import io.github.slo4j.ManualTimeSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A registry's tick allocates nothing in the steady state (issue 10: the chunked loop walked the
 * recorders with two list iterators, and the listeners with a third, about 31 bytes a tick).
 */
class TickAllocationTest {
  private static final int TRACKERS = 40;
  private static final int MEASURED = 5_000;
  private static final Duration BASE = Duration.ofSeconds(10);

  @Test
  void aTickOfManyTrackersAllocatesNothing() {
    assumeTrue(AllocatedBytes.available(), "this JVM does not count allocated bytes per thread");
    ManualTimeSource time = ManualTimeSource.startingAt(Instant.parse("2026-03-01T00:00:00Z"));
    SloRegistry registry = StateFixtures.registry(time);
    SloRecorder[] trackers = new SloRecorder[TRACKERS];
    for (int i = 0; i < TRACKERS; i++) {
      trackers[i] = registry.register(StateFixtures.events("tick-" + i, 2));
    }
    time.advance(Duration.ofDays(3)); // older than every window: each is placed by its moves
    registry.tick();
    run(registry, time, trackers, 20_000); // every path compiled: traffic, quiet runs, window moves
    long before = AllocatedBytes.now();
    long calibration = AllocatedBytes.now() - before;
    before = AllocatedBytes.now();
    run(registry, time, trackers, MEASURED);
    long bytes = AllocatedBytes.now() - before - calibration;
    registry.close();
    // less than a byte a tick: the JVM itself may allocate a little on this thread now and then
    // while it compiles, while one object a tick would count at least 16 x 5,000 bytes
    assertTrue(bytes < MEASURED, bytes + " bytes allocated by " + MEASURED + " ticks (expected less than one per tick)");
  }

  /** {@code ticks} boundaries: traffic into some trackers at some, quiet runs of an hour and more. */
  private static void run(SloRegistry registry, ManualTimeSource time, SloRecorder[] trackers, int ticks) {
    for (int n = 0; n < ticks; n++) {
      if (n % 900 < 120) {
        for (int i = n % 3; i < TRACKERS; i += 3) {
          trackers[i].recordCounts(100, 100 + (n % 7 == 0 ? 1 : 0));
        }
      }
      time.advance(BASE);
      registry.tick();
    }
  }
}
