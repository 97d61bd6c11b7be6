package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The narrow ring storage (deltas from block checkpoints, widened on demand) against a plain model
 * that keeps every row as longs: under random traffic with quiet stretches, bursts that force a
 * column to widen mid-ring, gaps (some beyond a tier's span), wraps and restores, every row the
 * rings hold and every window they read is the model's.
 */
class RingsStoragePropertyTest {
  private static final long BASE = 10;
  // capacities 52, 202, 82: blocks of 64 rows straddle the wrap in every tier
  private static final long[] RESOLUTION = {10, 40, 640};
  private static final long[] SPAN = {500, 8000, 51200};
  private static final long[] READY = {30, 200, 1000, 5000, 40000};
  private static final int DATA = 3;

  @Test
  void narrowStorageHoldsExactlyTheRowsOfAPlainLongModel() {
    for (long seed = 1; seed <= 40; seed++) {
      check(seed, false);
    }
  }

  /**
   * Quiet columns (an event every few dozen boundaries, a rare burst): deltas of 0 to 3 and 0 to 15
   * are stored in 2 and 4 bits, and each burst widens a packed column to a byte, an int or a long.
   */
  @Test
  void packedQuietColumnsHoldExactlyTheRowsOfAPlainLongModelAndWiden() {
    for (long seed = 1; seed <= 40; seed++) {
      check(seed, true);
    }
  }

  private static void check(long seed, boolean quiet) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long origin = BASE * rnd.nextInt(-50, 50);
    Rings rings = new Rings(BASE, RESOLUTION, SPAN, DATA, origin, READY);
    RingRowModel model = new RingRowModel(BASE, DATA, origin);
    long[] data = new long[DATA];
    long a = origin;
    for (int step = 0; step < 3000; step++) {
      String where = "seed " + seed + ", step " + step + ", asOf " + a;
      int kind = rnd.nextInt(100);
      long skip = kind < 3 ? rnd.nextLong(1, 8000) : kind < 10 ? rnd.nextLong(1, 6) : 0;
      a += BASE * (1 + skip);
      for (int c = 0; c < DATA; c++) {
        int traffic = rnd.nextInt(100);
        if (c == 2 && seed % 2 == 0) {
          continue; // a column that stays zero (never stored) in half of the runs
        }
        if (quiet) {
          int q = rnd.nextInt(3000);
          data[c] += q < 1 ? rnd.nextLong(1, 1L << 40) : q < 3 ? rnd.nextInt(1 << 20) : q < 8 ? rnd.nextInt(1, 100) : q < 100 ? 1 : 0;
        } else if (traffic < 60) {
          data[c] += traffic % 3; // quiet: bytes suffice
        } else if (traffic < 95) {
          data[c] += rnd.nextInt(200); // spills a byte within a block
        } else if (traffic < 99) {
          data[c] += rnd.nextLong(1, 1L << 40); // a burst: wider than an int
        } else {
          data[c] += rnd.nextInt(1 << 20);
        }
      }
      rings.advance(a, data);
      model.advance(a, data);
      if (rnd.nextInt(200) == 0) {
        Rings restored = new Rings(BASE, RESOLUTION, SPAN, DATA, origin, READY);
        restored.replace(rings.capture());
        rings = restored;
      }
      if (rnd.nextInt(400) == 0) {
        rings.replace(rings.capture()); // a restore over rows already held
      }
      assertHeldRows(rings, model, where);
      assertWindows(rings, model, where);
    }
  }

  private static void assertHeldRows(Rings rings, RingRowModel model, String where) {
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
  }

  private static void assertWindows(Rings rings, RingRowModel model, String where) {
    int stride = rings.readyStride();
    long[] starts = new long[READY.length * stride];
    long[] current = new long[DATA + 1];
    rings.readReady(starts, current);
    long[] out = new long[rings.blockLength()];
    for (int j = 0; j < READY.length; j++) {
      rings.read(READY[j], out);
      for (int c = 0; c <= DATA; c++) {
        assertEquals(out[c], current[c] - starts[j * stride + c], where + ": ready window " + READY[j] + ", column " + c);
      }
      assertTrue(isAModelWindow(model, READY[j], out), where + ": window " + READY[j] + " = " + Arrays.toString(out));
    }
  }

  /** Whether {@code out} is {@code current − row(s)} for the start some tier would read, or the whole history. */
  private static boolean isAModelWindow(RingRowModel model, long length, long[] out) {
    long[] diff = new long[DATA + 1];
    for (int k = 0; k <= RESOLUTION.length; k++) {
      long[] start = k == RESOLUTION.length
          ? new long[DATA + 1]
          : model.row(Math.floorDiv(model.asOf - length, RESOLUTION[k]) * RESOLUTION[k]);
      for (int c = 0; c <= DATA; c++) {
        diff[c] = model.current[c] - start[c];
      }
      if (Arrays.equals(diff, Arrays.copyOf(out, DATA + 1))) {
        return true;
      }
    }
    // longer than held after a jump: the oldest row of some tier
    for (Map.Entry<Long, long[]> e : model.rows.entrySet()) {
      boolean same = true;
      for (int c = 0; c <= DATA && same; c++) {
        same = out[c] == model.current[c] - e.getValue()[c];
      }
      if (same) {
        return true;
      }
    }
    return false;
  }
}
