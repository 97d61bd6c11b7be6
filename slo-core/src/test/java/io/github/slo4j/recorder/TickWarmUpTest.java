package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.RingRowModel.BASE;
import static io.github.slo4j.recorder.RingRowModel.READY;
import static io.github.slo4j.recorder.RingRowModel.RESOLUTION;
import static io.github.slo4j.recorder.RingRowModel.rings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The ticker's warm-up ({@link Rings#warmUp(long)}: lock-free reads of what the next regular
 * boundary will touch, for many recorders before it closes theirs) changes nothing and never
 * throws, even while a restore replaces the rings under it.
 */
class TickWarmUpTest {
  private static final int DATA = 3;

  private static Rings driven(long seed, int boundaries) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Rings rings = rings(DATA, 0, READY);
    long[] data = new long[DATA];
    long a = 0;
    for (int i = 0; i < boundaries; i++) {
      a += BASE * (rnd.nextInt(20) == 0 ? 1 + rnd.nextInt(5) : 1);
      if (rnd.nextInt(3) == 0) {
        data[rnd.nextInt(DATA)] += rnd.nextInt(1, 300);
      }
      rings.advance(a, data);
    }
    return rings;
  }

  @Test
  void warmingUpChangesNoRowAndNoWindow() {
    for (long seed = 1; seed <= 20; seed++) {
      Rings rings = driven(seed, 3000 + (int) seed * 37);
      RingState before = rings.capture();
      long[] startsBefore = new long[READY.length * rings.readyStride()];
      long[] current = new long[DATA + 1];
      rings.readReady(startsBefore, current);
      long a = rings.asOf();
      for (long t = a - 700; t <= a + 700; t += BASE) {
        rings.warmUp(t);
      }
      RingState after = rings.capture();
      long[] startsAfter = new long[startsBefore.length];
      rings.readReady(startsAfter, current);
      assertArrayEquals(startsBefore, startsAfter, "seed " + seed + ": ready windows");
      assertArrayEquals(before.current, after.current, "seed " + seed + ": current");
      assertArrayEquals(before.newest, after.newest, "seed " + seed + ": newest");
      assertArrayEquals(before.count, after.count, "seed " + seed + ": counts");
      for (int k = 0; k < RESOLUTION.length; k++) {
        assertArrayEquals(before.rows[k], after.rows[k], "seed " + seed + ": rows of tier " + k);
      }
      assertEquals(a, rings.asOf(), "seed " + seed + ": asOf");
    }
  }

  @Test
  void warmingUpWhileARestoreReplacesTheRingsNeverThrows() {
    Rings rings = driven(7, 4000);
    RingState[] states = {driven(8, 4000).capture(), driven(9, 300).capture(), rings.capture()};
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread restorer =
        new Thread(() -> {
          int i = 0;
          while (!stop.get()) {
            try {
              rings.replace(states[i++ % states.length]);
            } catch (RuntimeException e) {
              failure.set(e);
              return;
            }
          }
        });
    restorer.start();
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
          sink += rings.warmUp(rings.asOf() + BASE);
        }
        return sink;
      });
    } finally {
      stop.set(true);
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> restorer.join());
    }
    assertNull(failure.get(), "the restorer failed");
  }
}
