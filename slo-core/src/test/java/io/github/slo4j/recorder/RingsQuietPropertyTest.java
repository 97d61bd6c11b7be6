package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tick's shortcuts for quiet trackers against a plain model that keeps every boundary's row as
 * longs: a quiet boundary appends virtual rows (written only when the tracker changes again), and a
 * ready window whose start moves within a quiet run reads no ring row. Driven by random traffic
 * with quiet runs of every length (shorter than a slot of the coarsest tier, and longer than every
 * tier's span, so the virtual rows wrap the rings), gaps (some beyond a span), calendar periods that
 * change under quiet runs, and restores; after every boundary each held row, each window read by
 * {@link Rings#read}, each ready window and the period window equal the model's.
 */
class RingsQuietPropertyTest {
  private static final long BASE = 10;
  // capacities 52, 202, 82 rows: spans of 52, 808 and 5248 boundaries
  private static final long[] RESOLUTION = {10, 40, 640};
  private static final long[] SPAN = {500, 8000, 51200};
  private static final long[] READY = {30, 200, 1000, 5000, 40000};
  /** A calendar period's length in the period runs: a multiple of every resolution. */
  private static final long PERIOD = 640 * 7;
  private static final int DATA = 3;

  @Test
  void quietRunsGapsAndRestoresKeepEveryRowAndWindowOfAPlainModel() {
    for (long seed = 1; seed <= 16; seed++) {
      check(seed, false);
    }
  }

  @Test
  void quietRunsUnderCalendarPeriodsKeepEveryRowAndWindowOfAPlainModel() {
    for (long seed = 101; seed <= 116; seed++) {
      check(seed, true);
    }
  }

  private static void check(long seed, boolean periods) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long origin = BASE * rnd.nextInt(-50, 50);
    long[] ready = periods ? Arrays.copyOf(READY, READY.length + 1) : READY;
    if (periods) {
      ready[READY.length] = PERIOD; // the last ready window is the period's
    }
    Rings rings = new Rings(BASE, RESOLUTION, SPAN, DATA, origin, ready);
    if (periods) {
      rings.period(periodOf(origin));
    }
    RingRowModel model = new RingRowModel(BASE, DATA, origin);
    long[] data = new long[DATA];
    long a = origin;
    int quiet = 0;
    for (int step = 0; step < 9000; step++) {
      if (quiet > 0) {
        quiet--;
        a += BASE; // a quiet boundary: nothing recorded
        rings.advance(a, data, periods ? periodOf(a) : Rings.NO_PERIOD);
        model.advance(a, data);
      } else {
        int kind = rnd.nextInt(100);
        if (kind < 8) {
          // a quiet run: within a slot of the coarsest tier, within a span, or beyond every span
          int len = rnd.nextInt(3);
          quiet = len == 0 ? rnd.nextInt(1, 70) : len == 1 ? rnd.nextInt(200, 900) : rnd.nextInt(5000, 6000);
        }
        long skip = kind >= 97 ? rnd.nextLong(1, 8000) : kind >= 90 ? rnd.nextLong(1, 6) : 0;
        a += BASE * (1 + skip);
        for (int c = 0; c < DATA; c++) {
          int traffic = rnd.nextInt(100);
          if (traffic < 50) {
            continue; // this column saw nothing (some boundaries see nothing in any column)
          }
          data[c] += traffic < 95 ? rnd.nextInt(1, 200) : rnd.nextLong(1, 1L << 40);
        }
        rings.advance(a, data, periods ? periodOf(a) : Rings.NO_PERIOD);
        model.advance(a, data);
      }
      int restore = rnd.nextInt(300);
      if (restore == 0) {
        Rings restored = new Rings(BASE, RESOLUTION, SPAN, DATA, origin, ready);
        restored.replace(rings.capture());
        if (periods) {
          restored.period(periodOf(a));
        }
        rings = restored;
      } else if (restore == 1) {
        rings.replace(rings.capture()); // a restore over rows held, some of them virtual
      }
      String where = "seed " + seed + ", step " + step + ", asOf " + a + ", quiet for " + quiet + " more";
      assertEquals(a, rings.asOf(), where + ": asOf");
      RingState state = assertHeldRows(rings, model, where);
      assertWindows(rings, model, state, ready, periods, where);
    }
  }

  /** The start of the calendar period the interval closing at {@code a} belongs to. */
  private static long periodOf(long a) {
    return Math.floorDiv(a - 1, PERIOD) * PERIOD;
  }

  private static RingState assertHeldRows(Rings rings, RingRowModel model, String where) {
    RingState s = rings.capture();
    assertArrayEquals(model.current, s.current, where + ": current");
    for (int k = 0; k < RESOLUTION.length; k++) {
      long oldest = s.newest[k] - (s.count[k] - 1L) * RESOLUTION[k];
      for (int i = 0; i < s.count[k]; i++) {
        long t = oldest + i * RESOLUTION[k];
        long[] row = Arrays.copyOfRange(s.rows[k], i * (DATA + 1), (i + 1) * (DATA + 1));
        assertArrayEquals(model.row(t), row, where + ": tier " + k + ", row at " + t);
      }
    }
    return s;
  }

  private static void assertWindows(
      Rings rings, RingRowModel model, RingState state, long[] ready, boolean periods, String where) {
    int cols = DATA + 1;
    int stride = rings.readyStride();
    long[] starts = new long[ready.length * stride];
    long[] current = new long[cols];
    assertEquals(model.asOf, rings.readReady(starts, current), where + ": ready as of");
    assertArrayEquals(model.current, current, where + ": ready current");
    long[] out = new long[rings.blockLength()];
    for (int j = 0; j < ready.length; j++) {
      long[] expected;
      if (periods && j == ready.length - 1) {
        expected = periodWindow(model, periodOf(model.asOf));
        rings.readPeriod(out);
      } else {
        expected = window(model, state, ready[j]);
        rings.read(ready[j], out);
      }
      String w = where + ": window " + ready[j] + " expected " + Arrays.toString(expected);
      for (int c = 0; c < cols; c++) {
        assertEquals(expected[c], out[c], w + ", read, column " + c);
        assertEquals(expected[c], current[c] - starts[j * stride + c], w + ", ready, column " + c);
      }
      assertEquals(expected[cols], out[cols], w + ", read, covered");
      assertEquals(expected[cols], starts[j * stride + cols], w + ", ready, covered");
    }
  }

  /**
   * The counters and covered time of the window of {@code length} by the boundary rule of the class
   * comment of {@link Rings}: the start {@code floor((asOf − length) / R_k) · R_k} of the finest tier
   * {@code k} holding it (which rows a tier holds is the rings' own bookkeeping, from {@code state});
   * the values are the model's.
   */
  private static long[] window(RingRowModel model, RingState state, long length) {
    long a = model.asOf;
    long want = a - length;
    if (want < model.origin) {
      return diff(model, model.origin, Math.max(0, a - model.origin));
    }
    for (int k = 0; k < RESOLUTION.length; k++) {
      long r = RESOLUTION[k];
      long s = Math.floorDiv(want, r) * r;
      if (s <= model.origin) {
        return diff(model, model.origin, length);
      }
      long oldest = state.newest[k] - (state.count[k] - 1L) * r;
      if (state.count[k] > 0 && s >= oldest && s <= state.newest[k]) {
        return diff(model, s, length);
      }
    }
    int k = RESOLUTION.length - 1;
    long oldest = state.newest[k] - (state.count[k] - 1L) * RESOLUTION[k];
    return diff(model, oldest, Math.max(0, Math.min(length, a - oldest)));
  }

  /** The period window: from its first boundary (a multiple of every resolution here). */
  private static long[] periodWindow(RingRowModel model, long periodStart) {
    long s = Math.max(periodStart, model.origin);
    return diff(model, s, Math.max(0, model.asOf - s));
  }

  private static long[] diff(RingRowModel model, long start, long covered) {
    long[] from = model.row(start);
    long[] out = new long[DATA + 2];
    for (int c = 0; c <= DATA; c++) {
      out[c] = model.current[c] - from[c];
    }
    out[DATA + 1] = covered;
    return out;
  }
}
