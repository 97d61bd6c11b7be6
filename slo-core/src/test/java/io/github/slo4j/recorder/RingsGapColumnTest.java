package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One gap column ({@link Rings.Col} with a ramp step) written as a tier writes it, row after row in
 * unwrapped time, a checkpoint at each block's first row and at each run's first, and widened when a
 * deviation does not fit, against a plain model (the values of the rows held, as longs) and against a
 * plain column ({@code step 0}) given the same values: every held row reads back exactly, whatever the
 * values do (exact gap runs, runs with noise, partial first and last rows, several runs in a block,
 * values that fall); a non-decreasing column is never wider than the plain one; and a block with one
 * gap run costs no bits a row.
 */
class RingsGapColumnTest {
  // capacities of the real tiers (10 s, 2 min, 1 h over 30 days) and small ones whose blocks straddle the wrap
  private static final long[][] TIERS = {
    {10_000, 3_600_000}, {120_000, 86_400_000}, {3_600_000, 31 * 86_400_000L}, {10, 500}, {40, 8000}, {640, 51_200}
  };
  private static final long BASE = 10_000;

  /** A column of the tier {@code tier} as {@link Rings} builds it, with its writer. */
  private static final class Tier {
    final int capacity;
    final int ckPos;
    final int step;
    Rings.Col col;
    Rings.Col plain;
    long newest = Long.MIN_VALUE;
    int held;
    final long[] model;

    Tier(int capacity, int ckPos, int step) {
      this.capacity = capacity;
      this.ckPos = ckPos;
      this.step = step;
      int blocks = (ckPos + 1) >>> 6;
      this.col = new Rings.Col(Rings.Col.ZERO, capacity, blocks, step);
      this.plain = new Rings.Col(Rings.Col.NARROWEST, capacity, blocks, 0);
      this.model = new long[capacity];
    }

    static Tier of(long[] tier, long base) {
      Rings.Shape shape = new Rings.Shape(base, new long[] {tier[0]}, new long[] {tier[1]}, new long[0]);
      return new Tier(shape.capacity[0], shape.ckPos[0], (int) (tier[0] / base));
    }

    /** Writes row {@code n} (the next after the newest, or a new run) with {@code v}, as Rings#put does. */
    void write(long n, long v) {
      boolean runStart = newest == Long.MIN_VALUE || n != newest + 1;
      int slot = (int) Math.floorMod(n, (long) capacity);
      int ci = (int) n & ckPos;
      boolean newBlock = runStart || (n & 63) == 0;
      col = put(col, slot, ci, newBlock, v);
      plain = put(plain, slot, ci, newBlock, v);
      model[slot] = v;
      held = runStart ? 1 : Math.min(capacity, held + 1);
      newest = n;
    }

    private Rings.Col put(Rings.Col c, int slot, int ci, boolean newBlock, long v) {
      long d = c.deviation(slot, ci, newBlock, v, capacity);
      if (!c.fits(d)) {
        c = c.widen(d, capacity);
      }
      c.set(slot, d);
      return c;
    }

    void assertHeld(String where) {
      for (long n = newest - held + 1; n <= newest; n++) {
        int slot = (int) Math.floorMod(n, (long) capacity);
        int ci = (int) n & ckPos;
        assertEquals(model[slot], col.get(slot, ci), where + ": row " + n + " (ramped, width " + col.width + ")");
        assertEquals(model[slot], plain.get(slot, ci), where + ": row " + n + " (plain)");
      }
    }
  }

  /**
   * Random gap counts as a tier sees them: quiet stretches, gap runs of exact steps (some long), runs
   * whose first and last rows are partial, noise, bursts, and (when {@code monotone} is false) values that
   * fall by any amount; now and then a jump that starts a new run.
   */
  private static void run(long seed, boolean monotone, TreeSet<Integer> widths) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Tier t = Tier.of(TIERS[rnd.nextInt(TIERS.length)], rnd.nextBoolean() ? BASE : 10);
    long n = rnd.nextLong(-1000, 1000);
    long v = rnd.nextInt(3) == 0 ? 0 : rnd.nextLong(-(1L << 40), 1L << 40);
    int rows = 4 * t.capacity + 200;
    String mode = "quiet";
    int left = 0;
    for (int r = 0; r < rows; r++) {
      if (left-- <= 0) {
        int m = rnd.nextInt(100);
        mode = m < 35 ? "quiet" : m < 65 ? "run" : m < 80 ? "noisy run" : m < 88 ? "noise" : m < 93 ? "jump" : m < 96 ? "burst" : "fall";
        left = rnd.nextInt(4) == 0 ? rnd.nextInt(1, 4) : rnd.nextInt(1, 3 * t.capacity / 2 + 2);
        if (mode.equals("run") && t.step > 0) {
          v += rnd.nextLong(1, t.step + 1); // a partial first row
        }
      }
      String where = "seed " + seed + ", capacity " + t.capacity + ", step " + t.step + ", row " + r + " (" + mode + ")";
      switch (mode) {
        case "run":
          v += t.step;
          break;
        case "noisy run":
          v += t.step + (monotone ? rnd.nextInt(0, 3) : rnd.nextInt(-2, 3));
          break;
        case "noise":
          v += monotone ? rnd.nextInt(0, 20) : rnd.nextInt(-20, 21);
          break;
        case "jump":
          n += rnd.nextLong(2, 3L * t.capacity); // a new run: the rows between are not held
          v += rnd.nextLong(0, 1L << rnd.nextInt(1, 50));
          left = 0;
          break;
        case "burst":
          v += rnd.nextLong(0, 1L << rnd.nextInt(1, 50)); // within the block: wide deltas
          break;
        case "fall":
          v -= monotone ? 0 : rnd.nextLong(0, 1L << rnd.nextInt(1, 50));
          break;
        default:
          break; // quiet
      }
      n++;
      t.write(n, v);
      if (t.capacity < 100 || r % 16 == 0 || r == rows - 1) {
        t.assertHeld(where);
      }
      if (monotone) {
        assertTrue(t.col.width <= t.plain.width, where + ": ramped width " + t.col.width + " > plain " + t.plain.width);
      }
      widths.add(t.col.width);
    }
  }

  @Test
  void aGapColumnHoldsExactlyTheRowsOfAPlainModelAndIsNeverWiderThanPlainForNonDecreasingCounts() {
    TreeSet<Integer> widths = new TreeSet<>();
    for (long seed = 1; seed <= 200; seed++) {
      run(seed, true, widths);
    }
    assertTrue(widths.contains(Rings.Col.ZERO) && widths.contains(Rings.Col.TWO_BITS) && widths.contains(Rings.Col.NIBBLE)
        && widths.contains(Rings.Col.BYTE) && widths.contains(Rings.Col.SHORT) && widths.contains(Rings.Col.INT)
        && widths.contains(Rings.Col.LONG), "every width is reached: " + widths);
  }

  /** Values that fall (a restored state may hold anything): negative deviations widen to signed widths. */
  @Test
  void aGapColumnHoldsExactlyTheRowsOfAPlainModelWhenValuesFall() {
    TreeSet<Integer> widths = new TreeSet<>();
    for (long seed = 1; seed <= 200; seed++) {
      run(seed, false, widths);
    }
    assertTrue(widths.contains(Rings.Col.BYTE) && widths.contains(Rings.Col.LONG), "signed widths are reached: " + widths);
  }

  /**
   * A month's gap as each real tier holds it: a run from a partial first row, the row that closes the
   * gap one below the ramp, then quiet rows; every block follows its ramp, so the column needs no bits,
   * where the plain deltas need 8 bits in the 10-s tier and 16 in the 2-min and hourly ones.
   */
  @Test
  void aMonthsGapThenQuietRowsCostsNoBitsARow() {
    int[] plainWidths = {Rings.Col.BYTE, Rings.Col.SHORT, Rings.Col.SHORT};
    for (int k = 0; k < 3; k++) {
      Tier t = Tier.of(TIERS[k], BASE);
      for (int partial = 1; partial <= t.step; partial += Math.max(1, t.step / 7)) {
        Tier c = new Tier(t.capacity, t.ckPos, t.step);
        long v = 5;
        long n = 1_000_003;
        c.write(n, v); // before the gap
        v += partial;
        for (int r = 0; r < c.capacity - 40; r++) {
          c.write(++n, v);
          v += c.step;
        }
        v -= c.step; // the row of the boundary that closes the gap: below the ramp's next row
        v += partial - 1; // (by one when it is a multiple of the tier's resolution)
        for (int r = 0; r < 3 * c.capacity; r++) {
          c.write(++n, v); // ticked again at every boundary for three spans
          if (r % 61 == 0 || r == 3 * c.capacity - 1) {
            c.assertHeld("tier " + k + ", partial " + partial + ", quiet row " + r);
          }
        }
        assertEquals(Rings.Col.ZERO, c.col.width, "tier " + k + ", partial " + partial + ": ramped width");
        c = new Tier(t.capacity, t.ckPos, t.step);
        v = 0;
        n = 77;
        c.write(n, v);
        for (int r = 0; r < c.capacity; r++) {
          v += c.step;
          c.write(++n, v);
        }
        assertEquals(Rings.Col.ZERO, c.col.width, "tier " + k + ": a full span of gaps");
        assertEquals(plainWidths[k], c.plain.width, "tier " + k + ": plain width of a full span of gaps");
      }
    }
  }

  /** A second gap run in a block is an ordinary deviation: it widens the column as a delta would. */
  @Test
  void aSecondGapRunInABlockWidensTheColumnAndReadsBackExactly() {
    Tier t = Tier.of(TIERS[1], BASE); // step 12
    long v = 0;
    long n = 640; // a block's first row
    t.write(n, v);
    for (int r = 0; r < 5; r++) {
      t.write(++n, v += 12); // the first run: the ramp
    }
    t.write(++n, v += 3); // it ends
    t.write(++n, v); // quiet
    assertEquals(Rings.Col.ZERO, t.col.width);
    t.write(++n, v += 2); // a second, short run in the same block: off the ramp by 2
    assertEquals(Rings.Col.TWO_BITS, t.col.width);
    t.write(++n, v -= 9); // a value that falls below the checkpoint's ramp: a signed byte
    assertEquals(Rings.Col.BYTE, t.col.width);
    t.assertHeld("after a second run and a fall");
    t.write(n += 64, v); // a jump: a new run starts its block again at the checkpoint
    t.assertHeld("after a jump");
  }
}
