package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One ring column ({@link Rings.Col}) against a plain {@code long[]}: whatever deltas are written
 * where, every slot reads back its last delta plus its checkpoint, and the column is as narrow as the
 * widest delta it was ever given allows (2, 4, 8, 16, 32 or 64 bits), widening one copy at a time.
 */
class RingsColWidthTest {
  private static final int[] CAPACITIES = {1, 3, 5, 52, 362, 722, 746};

  /** The narrowest width that holds {@code d}, as the column chooses among its widths. */
  private static int narrowest(long d) {
    if (d >= 0 && d < 4) {
      return Rings.Col.TWO_BITS;
    } else if (d >= 0 && d < 16) {
      return Rings.Col.NIBBLE;
    } else if (d >= Byte.MIN_VALUE && d <= Byte.MAX_VALUE) {
      return Rings.Col.BYTE;
    } else if (d >= Short.MIN_VALUE && d <= Short.MAX_VALUE) {
      return Rings.Col.SHORT;
    } else if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
      return Rings.Col.INT;
    }
    return Rings.Col.LONG;
  }

  private static long delta(SplittableRandom rnd, int scale) {
    switch (scale) {
      case 0:
        return rnd.nextInt(4);
      case 1:
        return rnd.nextInt(16);
      case 2:
        return rnd.nextInt(-128, 128);
      case 3:
        return rnd.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
      case 4:
        return rnd.nextInt();
      default:
        return rnd.nextLong();
    }
  }

  @Test
  void everySlotReadsBackItsDeltaAndTheColumnIsAsNarrowAsItsWidestDelta() {
    for (long seed = 1; seed <= 300; seed++) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int capacity = CAPACITIES[rnd.nextInt(CAPACITIES.length)];
      int blocks = 1 << rnd.nextInt(4);
      Rings.Col col = new Rings.Col(Rings.Col.NARROWEST, capacity, blocks);
      long[] model = new long[capacity];
      for (int ci = 0; ci < blocks; ci++) {
        col.ck[ci] = rnd.nextLong();
      }
      int width = Rings.Col.NARROWEST;
      int scale = 0;
      for (int step = 0; step < 4 * capacity + 50; step++) {
        String where = "seed " + seed + ", capacity " + capacity + ", step " + step;
        if (rnd.nextInt(Math.max(8, capacity)) == 0) {
          scale = Math.min(5, scale + 1); // now and then the column's deltas grow a size
        }
        int slot = rnd.nextInt(capacity);
        long d = delta(rnd, rnd.nextInt(scale + 1));
        if (!col.fits(d)) {
          Rings.Col wider = col.widen(d, capacity);
          assertEquals(col.width < narrowest(d) ? narrowest(d) : -1, wider.width, where + ": widened for " + d + " from " + col.width);
          col = wider;
        }
        col.set(slot, d);
        model[slot] = d;
        width = Math.max(width, narrowest(d));
        assertEquals(width, col.width, where + ": width after " + d);
        for (int s = 0; s < capacity; s++) {
          int ci = s % blocks;
          assertEquals(col.ck[ci] + model[s], col.get(s, ci << 6 | (s & 63)), where + ": slot " + s);
        }
      }
    }
  }

  @Test
  void aNewColumnIsPackedAtTwoBitsPerSlot() {
    Rings.Col col = new Rings.Col(Rings.Col.NARROWEST, 722, 16);
    assertEquals(2, col.width);
    assertEquals((722 * 2 + 7) / 8, col.b.length);
  }
}
