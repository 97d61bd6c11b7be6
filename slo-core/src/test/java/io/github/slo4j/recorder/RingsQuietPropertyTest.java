package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.RingRowModel.BASE;
import static io.github.slo4j.recorder.RingRowModel.READY;
import static io.github.slo4j.recorder.RingRowModel.periodOf;
import static io.github.slo4j.recorder.RingRowModel.readyWithPeriod;
import static io.github.slo4j.recorder.RingRowModel.rings;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    long[] ready = periods ? readyWithPeriod() : READY; // the period's window last
    Rings rings = rings(DATA, origin, ready);
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
        Rings restored = rings(DATA, origin, ready);
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
      RingState state = model.assertHeldBy(rings, where);
      model.assertWindows(rings, state, ready, periods, where);
    }
  }
}
