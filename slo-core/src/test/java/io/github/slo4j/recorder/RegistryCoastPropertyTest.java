package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The registry's skip of quiet trackers ({@link SloRecorder#coast}: no lock, no ring touched, the
 * boundary taken from the registry's clock) against a recorder of the same SLO that closes every
 * boundary itself and is never skipped. Random traffic with quiet runs (shorter than a 2-minute slot,
 * longer than an hour), gaps, restores of another recorder's state and unregistration, from an old
 * recorder and from a young one (whose longest windows start at its origin); after every
 * tick the snapshots (the windows ready at the tick) are equal, and at random ticks (whose reads
 * catch the skipped rings up) so is every standard window read on its own.
 */
class RegistryCoastPropertyTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration BASE = Duration.ofSeconds(10);

  @Test
  void skippedRecordersReadAsRecordersThatCloseEveryBoundary() {
    long skipped = 0;
    for (long seed = 1; seed <= 12; seed++) {
      skipped += check(seed, seed % 2 == 0 ? StateFixtures.latency("api", 2) : StateFixtures.events("checkout", 2));
    }
    assertTrue(skipped > 5_000, "only " + skipped + " boundaries were skipped: the shortcut was hardly tested");
  }

  /** Returns the boundaries at which the registry skipped its recorder. */
  private static long check(long seed, SloDefinition slo) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ManualTimeSource time = ManualTimeSource.startingAt(START);
    SloRegistry registry = StateFixtures.registry(time);
    SloRecorder skippable = registry.register(slo);
    SloRecorder every = new SloRecorder(slo, null, BASE.toMillis(), registry.lastBoundaryMillis());
    SloRecorder other = new SloRecorder(slo, null, BASE.toMillis(), registry.lastBoundaryMillis());
    boolean registered = true;
    int quiet = 0;
    long skipped = 0;
    // two seeds in three first jump past every window (each is then placed by its moves); the
    // third stays younger than its longest windows for most of the run
    for (int step = 0; step < 8000 && registered; step++) {
      long until = skippable.rings().coastUntil();
      boolean recorded = false;
      long intervals;
      if (step == 0 && seed % 3 != 0) {
        intervals = Duration.ofDays(3).dividedBy(BASE); // else young: the longest windows start at the origin
      } else if (quiet > 0) {
        quiet--;
        intervals = 1;
      } else {
        int kind = rnd.nextInt(100);
        if (kind < 12) {
          quiet = kind < 4 ? rnd.nextInt(1, 30) : rnd.nextInt(300, 1500);
        }
        intervals = kind >= 97 ? rnd.nextLong(2, 400) : 1;
        if (rnd.nextInt(3) > 0) {
          long total = rnd.nextInt(1, 500);
          long good = total - (rnd.nextInt(4) == 0 ? rnd.nextInt((int) total + 1) : 0);
          skippable.recordCounts(good, total);
          every.recordCounts(good, total);
          recorded = true;
        }
        if (rnd.nextInt(5) == 0) {
          other.recordCounts(rnd.nextInt(50), 50);
        }
      }
      time.advance(BASE.multipliedBy(intervals));
      registry.tick();
      long a = registry.lastBoundaryMillis();
      every.advance(a);
      other.advance(a);
      if (intervals == 1 && !recorded && a < until) {
        skipped++; // the registry left its rings as they were (SloRecorder.coast)
      }
      int event = rnd.nextInt(2500);
      if (event < 5) {
        byte[] state = other.exportState();
        other = new SloRecorder(slo, null, BASE.toMillis(), a);
        skippable.restore(state);
        every.restore(state);
      } else if (event == 5) {
        registry.unregister(slo.id()); // no longer ticked: both stay as of this boundary
        registered = false;
      }
      String where = slo.id() + ", seed " + seed + ", step " + step + ", boundary " + Instant.ofEpochMilli(a);
      assertEquals(every.snapshot().toString(), skippable.snapshot().toString(), where + ": snapshot");
      assertEquals(every.asOfMillis(), skippable.asOfMillis(), where + ": asOf");
      if (rnd.nextInt(8) == 0) {
        assertWindows(every, skippable, slo, where);
      }
    }
    time.advance(Duration.ofHours(2));
    registry.tick();
    String where = slo.id() + ", seed " + seed + " at the end";
    assertEquals(every.snapshot().toString(), skippable.snapshot().toString(), where + ": snapshot");
    if (registered) {
      registry.unregister(slo.id());
      time.advance(Duration.ofHours(2));
      registry.tick();
      assertEquals(every.snapshot().toString(), skippable.snapshot().toString(), where + ", unregistered: snapshot");
    }
    assertWindows(every, skippable, slo, where);
    registry.close();
    return skipped;
  }

  private static void assertWindows(SloRecorder every, SloRecorder skippable, SloDefinition slo, String where) {
    for (Target t : slo.targets()) {
      for (Duration w : every.snapshot().windows()) {
        assertEquals(every.window(t, w), skippable.window(t, w), where + ": " + t + " over " + w);
      }
      assertEquals(every.window(t, Duration.ofMinutes(47)), skippable.window(t, Duration.ofMinutes(47)), where + ": 47m");
    }
    RingState e = every.rings().capture();
    RingState s = skippable.rings().capture();
    assertEquals(e.asOf, s.asOf, where + ": captured asOf");
    assertArrayEquals(e.current, s.current, where + ": captured current");
    assertArrayEquals(e.newest, s.newest, where + ": newest rows");
    assertArrayEquals(e.count, s.count, where + ": rows held");
    for (int k = 0; k < e.rows.length; k++) {
      assertArrayEquals(e.rows[k], s.rows[k], where + ": rows of tier " + k);
    }
  }
}
