package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.RingRowModel.BASE;
import static io.github.slo4j.recorder.RingRowModel.READY;
import static io.github.slo4j.recorder.RingRowModel.rings;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The narrow ring storage (deltas from block checkpoints, widened on demand) against a plain model
 * that keeps every row as longs: under random traffic with quiet stretches, bursts that force a
 * column to widen mid-ring, gaps (some beyond a tier's span), wraps and restores, every row the
 * rings hold and every window they read is the model's.
 */
class RingsStoragePropertyTest {
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
    Rings rings = rings(DATA, origin, READY);
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
        Rings restored = rings(DATA, origin, READY);
        restored.replace(rings.capture());
        rings = restored;
      }
      if (rnd.nextInt(400) == 0) {
        rings.replace(rings.capture()); // a restore over rows already held
      }
      model.assertWindows(rings, model.assertHeldBy(rings, where), READY, false, where);
    }
  }
}
