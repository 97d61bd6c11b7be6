package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.RingRowModel.BASE;
import static io.github.slo4j.recorder.RingRowModel.READY;
import static io.github.slo4j.recorder.RingRowModel.RESOLUTION;
import static io.github.slo4j.recorder.RingRowModel.periodOf;
import static io.github.slo4j.recorder.RingRowModel.readyWithPeriod;
import static io.github.slo4j.recorder.RingRowModel.rings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Coasting rings (attached to a registry {@link Rings.Clock} and skipped at quiet boundaries before
 * their {@code coastUntil}, as the registry skips them) against rings advanced at every boundary (the
 * general path). Random traffic with quiet runs of every length (within a slot of the coarsest tier,
 * beyond every span), gaps (some beyond a span), calendar periods and restores; readers come between
 * boundaries at random, so some catch-ups happen on a read and others at the next advance after a
 * long skip. After every boundary the ready windows, the current row and the boundary read by
 * {@link Rings#readReady} and {@link Rings#asOf()} equal the general path's; at random boundaries
 * (which catch the rings up) so do every window read by {@link Rings#read}, the serving resolutions
 * and every held row. The rings are {@link RingRowModel}'s.
 */
class RingsCoastPropertyTest {
  private static final int DATA = 3;

  @Test
  void coastingRingsReadAsRingsAdvancedAtEveryBoundary() {
    long skipped = 0;
    for (long seed = 1; seed <= 12; seed++) {
      skipped += check(seed, false);
    }
    assertTrue(skipped > 10_000, "the runs skipped only " + skipped + " boundaries: the shortcut was hardly tested");
  }

  @Test
  void calendarPeriodsNeverCoastAndReadAsTheGeneralPath() {
    for (long seed = 101; seed <= 104; seed++) {
      assertEquals(0, check(seed, true), "seed " + seed + ": skipped boundaries under a calendar period");
    }
  }

  /**
   * A single change in a long quiet stretch (one request, or one boundary the ticker missed) changes
   * each window once, when its start passes it, so the registry needs to close the rings only at those
   * moves. It used to close them at every move of a window whose start lay anywhere before the change:
   * after one missed boundary a registry of 10,000 quiet trackers ticked 6.7 ms a boundary for the
   * next hour instead of 0.5 ms (the 10-s moves of the 5-min, 30-min and 1-h windows).
   */
  @Test
  void aSingleChangeInAQuietStretchClosesTheRingsOnlyWhereAWindowPassesIt() {
    // each of the 5 windows passes the change at one move, or two for a gap (its row, then the
    // next): 5 and 7 closes in the 6,000 quiet boundaries after it, where the old rule closed 196
    for (boolean gap : new boolean[] {false, true}) {
      int closed = closedAfterOneChange(gap);
      assertTrue(closed <= 2 * READY.length, (gap ? "a missed boundary" : "one request") + ": closed " + closed + " times");
    }
  }

  /** Quiet rings (coasting ones checked against ones closed at every boundary) after one change. */
  private static int closedAfterOneChange(boolean gap) {
    long origin = 0;
    Rings general = rings(DATA, origin, READY);
    Rings coasting = rings(DATA, origin, READY);
    Rings.Clock clock = new Rings.Clock(origin, new ReentrantLock());
    coasting.attach(clock);
    long[] data = new long[DATA];
    long a = origin;
    int closed = 0;
    for (int step = 0; step < 12_000; step++) {
      boolean changed = step < 100 || (step == 6000 && !gap);
      if (changed) {
        data[step % DATA] += step + 1; // traffic, then quiet beyond every span: every tier full
      }
      long next = a + (step == 6000 && gap ? 2 * BASE : BASE);
      general.advance(next, data, Rings.NO_PERIOD);
      if (next - a == BASE && !changed && next < coasting.coastUntil()) {
        // skipped, as the registry skips a quiet tracker
      } else {
        coasting.advance(next, data, Rings.NO_PERIOD);
        closed += step > 6000 ? 1 : 0;
      }
      a = next;
      clock.boundary = a;
      assertReady(general, coasting, READY.length, (gap ? "gap" : "request") + ", step " + step);
    }
    return closed;
  }

  /** Drives both rings; returns the boundaries the coasting rings were skipped at. */
  private static long check(long seed, boolean periods) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long origin = BASE * rnd.nextInt(-50, 50);
    long[] ready = periods ? readyWithPeriod() : READY;
    Rings general = rings(DATA, origin, ready);
    Rings coasting = rings(DATA, origin, ready);
    if (periods) {
      general.period(periodOf(origin));
      coasting.period(periodOf(origin));
    }
    Rings.Clock clock = new Rings.Clock(origin, new ReentrantLock());
    coasting.attach(clock);
    long[] data = new long[DATA];
    long a = origin;
    int quiet = 0;
    long skipped = 0;
    for (int step = 0; step < 12000; step++) {
      long prev = a;
      boolean changed = false;
      if (quiet > 0) {
        quiet--;
        a += BASE;
      } else {
        int kind = rnd.nextInt(100);
        if (kind < 10) {
          int len = rnd.nextInt(3);
          quiet = len == 0 ? rnd.nextInt(1, 70) : len == 1 ? rnd.nextInt(200, 900) : rnd.nextInt(5000, 6000);
        }
        long skip = kind >= 97 ? rnd.nextLong(1, 8000) : kind >= 90 ? rnd.nextLong(1, 6) : 0;
        a += BASE * (1 + skip);
        for (int c = 0; c < DATA; c++) {
          int traffic = rnd.nextInt(100);
          if (traffic < 50) {
            continue;
          }
          data[c] += traffic < 95 ? rnd.nextInt(1, 200) : rnd.nextLong(1, 1L << 40);
          changed = true;
        }
      }
      long p = periods ? periodOf(a) : Rings.NO_PERIOD;
      general.advance(a, data, p);
      // the registry's rule: skip a regular, quiet boundary before coastUntil
      if (a - prev == BASE && !changed && a < coasting.coastUntil()) {
        skipped++;
      } else {
        coasting.advance(a, data, p);
      }
      clock.boundary = a;
      int restore = rnd.nextInt(400);
      if (restore == 0) {
        RingState state = general.capture(); // a restore: both get the same rows, between ticks
        general.replace(state);
        coasting.replace(state);
      }
      String where = "seed " + seed + ", step " + step + ", asOf " + a + ", skipped " + skipped;
      assertReady(general, coasting, ready.length, where);
      if (rnd.nextInt(10) == 0) {
        assertReads(general, coasting, ready, rnd, where);
      }
    }
    String where = "seed " + seed + " at the end";
    assertReads(general, coasting, ready, rnd, where);
    return skipped;
  }

  private static void assertReady(Rings general, Rings coasting, int windows, String where) {
    int stride = general.readyStride();
    long[] startsG = new long[windows * stride];
    long[] startsC = new long[windows * stride];
    long[] currentG = new long[DATA + 1];
    long[] currentC = new long[DATA + 1];
    long g = general.readReady(startsG, currentG);
    long c = coasting.readReady(startsC, currentC);
    assertEquals(g, c, where + ": readReady's boundary");
    assertArrayEquals(startsG, startsC, where + ": ready windows");
    assertArrayEquals(currentG, currentC, where + ": current");
    assertEquals(general.asOf(), coasting.asOf(), where + ": asOf");
  }

  private static void assertReads(Rings general, Rings coasting, long[] ready, SplittableRandom rnd, String where) {
    long[] outG = new long[DATA + 3];
    long[] outC = new long[DATA + 3];
    for (long length : ready) {
      general.read(length, outG);
      coasting.read(length, outC);
      assertArrayEquals(outG, outC, where + ": window of " + length);
      assertEquals(general.servingResolution(length), coasting.servingResolution(length), where + ": tier of " + length);
    }
    long length = BASE * rnd.nextLong(1, 9000);
    general.read(length, outG);
    coasting.read(length, outC);
    assertArrayEquals(outG, outC, where + ": window of " + length);
    RingState g = general.capture();
    RingState c = coasting.capture();
    assertEquals(g.asOf, c.asOf, where + ": captured asOf");
    assertArrayEquals(g.current, c.current, where + ": captured current");
    assertArrayEquals(g.newest, c.newest, where + ": newest rows");
    assertArrayEquals(g.count, c.count, where + ": rows held");
    for (int k = 0; k < RESOLUTION.length; k++) {
      assertArrayEquals(g.rows[k], c.rows[k], where + ": rows of tier " + k);
    }
  }
}
