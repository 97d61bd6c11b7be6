package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Target;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The window position of a {@link SnapshotBuffer} figure is checked. */
class SnapshotBufferWindowTest {

  /**
   * Before the check, a position past the last window of the first target read the second
   * target's first window, and others failed with an index exception that named nothing.
   */
  @Test
  void aWindowPositionOutsideTheStandardWindowsIsRefusedWithItsValue() {
    ManualTimeSource clock = ManualTimeSource.startingAt(StateFixtures.START);
    SloRegistry registry = StateFixtures.registry(clock);
    SloRecorder r = registry.register(StateFixtures.latency("checkout-latency", 7));
    StateFixtures.recordMix(r, 3, 2, 1, 1);
    clock.advance(Duration.ofSeconds(10));
    registry.tick();
    SnapshotBuffer b = r.newSnapshotBuffer();
    r.snapshot(b);
    Target first = r.definition().targets().get(0);
    int n = b.windows().size();
    assertEquals(7, b.total(first, n - 1), "the last position, the period");
    assertEquals(7, b.total(first, 0), "the first position, 5 minutes");
    for (int w : new int[] {n, -1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.good(first, w));
      assertEquals("window: " + w + " (expected a position in windows(), 0 to " + (n - 1) + ")", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> b.total(first, w));
      assertThrows(IllegalArgumentException.class, () -> b.bad(first, w));
      assertThrows(IllegalArgumentException.class, () -> b.coveredMillis(first, w));
      assertThrows(IllegalArgumentException.class, () -> b.lengthMillis(first, w));
      assertThrows(IllegalArgumentException.class, () -> b.gapIntervals(first, w));
      assertThrows(IllegalArgumentException.class, () -> b.hasData(first, w));
    }
  }
}
