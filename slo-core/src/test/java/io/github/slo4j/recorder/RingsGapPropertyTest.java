package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.RingRowModel.BASE;
import static io.github.slo4j.recorder.RingRowModel.READY;
import static io.github.slo4j.recorder.RingRowModel.RESOLUTION;
import static io.github.slo4j.recorder.RingRowModel.rings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rings' gap columns (stored against a ramp per block, see {@link Rings.Col}) against the plain
 * model: under gaps of every length (one boundary, several in one block, a block's worth, beyond a
 * tier's span), quiet and busy stretches between them, restores, and restored states whose gap counts
 * rise off any ramp or fall, every row held and every window read is the model's; and a month's gap
 * adds no bytes a row to the real 30-day tiers.
 */
class RingsGapPropertyTest {
  private static final int DATA = 2;

  @Test
  void gapColumnsHoldExactlyTheRowsAndWindowsOfAPlainModelUnderGapsOfEveryLength() {
    for (long seed = 1; seed <= 40; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      long origin = BASE * rnd.nextInt(-50, 50);
      Rings rings = rings(DATA, origin, READY);
      RingRowModel model = new RingRowModel(BASE, DATA, origin);
      long[] data = new long[DATA];
      long a = origin;
      for (int step = 0; step < 1500; step++) {
        String where = "seed " + seed + ", step " + step + ", asOf " + a;
        int kind = rnd.nextInt(100);
        long skip = kind < 2 ? rnd.nextLong(1, 12_000) // beyond some tier's span
            : kind < 6 ? rnd.nextLong(60, 700) // blocks of the coarser tiers
            : kind < 20 ? rnd.nextLong(1, 8) // one or a few boundaries, several in a block
            : 0;
        a += BASE * (1 + skip);
        if (rnd.nextInt(4) == 0) {
          data[0] += rnd.nextInt(3);
          data[1] += rnd.nextInt(2);
        }
        rings.advance(a, data);
        model.advance(a, data);
        if (rnd.nextInt(150) == 0) {
          Rings restored = rings(DATA, origin, READY);
          restored.replace(rings.capture());
          rings = restored;
        }
        model.assertWindows(rings, model.assertHeldBy(rings, where), READY, false, where);
      }
    }
  }

  /**
   * A restored state may hold any gap counts (another process's, merged, or edited): rising by more
   * than a gap run can, or falling. Each reads back exactly, and the rings tick on from it.
   */
  @Test
  void aRestoredStateWithGapCountsOffEveryRampReadsBackExactly() {
    for (long seed = 1; seed <= 40; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      Rings rings = rings(DATA, 0, READY);
      long[] data = new long[DATA];
      long a = 0;
      for (int step = 0; step < 400; step++) {
        a += BASE * (1 + (rnd.nextInt(10) == 0 ? rnd.nextLong(1, 900) : 0));
        data[0] += rnd.nextInt(2);
        rings.advance(a, data);
      }
      RingState state = rings.capture();
      int cols = DATA + 1;
      for (long[] rows : state.rows) {
        long g = rnd.nextLong(-1000, 1000);
        for (int i = cols - 1; i < rows.length; i += cols) {
          int m = rnd.nextInt(10);
          g += m < 3 ? rnd.nextLong(-70, 0) : m < 5 ? rnd.nextInt(0, 200) : m < 6 ? rnd.nextLong(-(1L << 40), 1L << 40) : 0;
          rows[i] += g; // rows stay distinct from current: the gap counts of held rows only
        }
      }
      Rings restored = rings(DATA, 0, READY);
      restored.replace(state);
      RingState back = restored.capture();
      for (int k = 0; k < RESOLUTION.length; k++) {
        assertArrayEquals(state.rows[k], back.rows[k], "seed " + seed + ", tier " + k);
      }
      restored.advance(a + 3 * BASE, data); // ticks on: a gap after the restored rows
      RingState after = restored.capture();
      for (int k = 0; k < RESOLUTION.length; k++) {
        long r = RESOLUTION[k];
        long oldestBefore = state.newest[k] - (state.count[k] - 1L) * r;
        long oldestAfter = after.newest[k] - (after.count[k] - 1L) * r;
        for (long t = Math.max(oldestBefore, oldestAfter); t <= state.newest[k]; t += r) {
          int i = (int) ((t - oldestBefore) / r);
          int j = (int) ((t - oldestAfter) / r);
          assertArrayEquals(
              Arrays.copyOfRange(state.rows[k], i * cols, (i + 1) * cols),
              Arrays.copyOfRange(after.rows[k], j * cols, (j + 1) * cols),
              "seed " + seed + ", tier " + k + ", row at " + t + " after a tick");
        }
      }
    }
  }

  /**
   * A month's gap in the real 30-day tiers (10 s for an hour, 2 min for a day, 1 h for 31 days),
   * then a day of boundaries, all without traffic (so that no data column is stored): the rings hold
   * exactly what rings ticked through the same month without a gap hold, plus the three gap columns'
   * objects and checkpoints with their ramps; no byte a row (plain deltas took 3.3 KiB).
   */
  @Test
  void aMonthsGapAddsNoBytesARowToTheRealTiers() {
    long base = 10_000;
    long[] res = {base, Duration.ofMinutes(2).toMillis(), Duration.ofHours(1).toMillis()};
    long[] span = {Duration.ofHours(1).toMillis(), Duration.ofDays(1).toMillis(), Duration.ofDays(31).toMillis()};
    long[] ready = {Duration.ofMinutes(5).toMillis(), Duration.ofHours(1).toMillis(), Duration.ofDays(30).toMillis()};
    Rings.Shape shape = new Rings.Shape(base, res, span, ready);
    for (long start : new long[] {0, 7 * base, 1_234 * base}) {
      Rings gap = new Rings(shape, 1, start);
      Rings ticked = new Rings(shape, 1, start);
      long month = Duration.ofDays(31).toMillis();
      long[] one = {0};
      ticked.advance(start + base, one);
      gap.advance(start + base, one);
      for (long t = start + 2 * base; t < start + month; t += base) {
        ticked.advance(t, one);
      }
      gap.advance(start + month - base, one); // a month's gap
      long last = start + month - base;
      for (int i = 1; i <= 8640; i++) {
        ticked.advance(last + i * base, one);
        gap.advance(last + i * base, one);
      }
      long gapColumns = 0;
      for (int k = 0; k < res.length; k++) {
        int blocks = (shape.ckPos[k] + 1) >>> 6;
        gapColumns += 24 + 24 + 16 + 8L * 2 * blocks; // a column of width 0: its object, one byte, checkpoints and ramps
      }
      assertEquals(ticked.bytes() + gapColumns, gap.bytes(), "origin " + start);
    }
  }
}
