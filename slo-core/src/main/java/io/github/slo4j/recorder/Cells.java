package io.github.slo4j.recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Striped, padded, cumulative event counters: the whole of slo4j's record path. Thread-safe.
 *
 * <p>Implementation notes. The counters live in one {@code long[]}: {@code stripes} blocks of
 * {@code stride} longs, each block starting on its own 128-byte boundary relative to the array
 * base, with 128 bytes of padding before the first block so the array header and neighbouring
 * objects never share a line with a counter. A writer picks its stripe from the low bits of its
 * thread id (consecutive ids, as thread pools and JMH create them, land on distinct stripes) and
 * does exactly one {@code getAndAdd} on one counter: no clock read, no allocation, no branch that
 * can throw. Counters only grow; nobody ever resets them.
 *
 * <p>The single reader (the ticker) sums a counter across stripes with acquire reads. Each event
 * touches one counter once, so a sum read at any moment counts every event whose add happened
 * before the read of its stripe and none after: the difference of two sums attributes each event
 * to exactly one interval (the telescoping argument in DESIGN.md).
 */
final class Cells {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  /** The most stripes {@link #defaultStripes()} gives, whatever the machine. */
  public static final int MAX_STRIPES = 32;

  /** 16 longs = 128 bytes: two cache lines, so the adjacent-line prefetcher cannot couple stripes. */
  private static final int LINE_LONGS = 16;

  private final long[] counters;
  private final int cells;
  private final int stride;
  private final int mask;

  /**
   * @param cells counters per stripe
   * @param stripes a power of two
   */
  public Cells(int cells, int stripes) {
    if (Integer.bitCount(stripes) != 1) {
      throw new IllegalArgumentException("stripes: " + stripes + " (expected a power of two)");
    }
    this.cells = cells;
    this.stride = ((cells + LINE_LONGS - 1) / LINE_LONGS) * LINE_LONGS;
    this.mask = stripes - 1;
    this.counters = new long[LINE_LONGS + stripes * stride];
  }

  /**
   * Stripes for this machine: twice the processors rounded up to a power of two, at most 32 (4 KiB
   * of counters for an events SLO), so a 30-day recorder stays within 64 KiB on any machine.
   */
  public static int defaultStripes() {
    int n = Runtime.getRuntime().availableProcessors() * 2;
    return Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
  }

  /** Adds one to {@code cell}. The record path: one atomic add. */
  @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs Java 19; the baseline is 17
  public void increment(int cell) {
    int stripe = (int) Thread.currentThread().getId() & mask;
    LONGS.getAndAdd(counters, LINE_LONGS + stripe * stride + cell, 1L);
  }

  /** Adds {@code n} (≥ 0) to {@code cell}. */
  @SuppressWarnings("deprecation")
  public void add(int cell, long n) {
    int stripe = (int) Thread.currentThread().getId() & mask;
    LONGS.getAndAdd(counters, LINE_LONGS + stripe * stride + cell, n);
  }

  /**
   * The cumulative count of {@code cell} over all stripes, summed exactly.
   *
   * @throws ArithmeticException when the count passed {@link Long#MAX_VALUE}: a stripe's counter
   *     wrapped (it only grows, by at most 2^40 per add, so a wrapped one reads negative until it
   *     has grown by another 2^63) or the sum over stripes overflows
   */
  public long sum(int cell) {
    long sum = 0;
    for (int i = LINE_LONGS + cell; i < counters.length; i += stride) {
      long v = (long) LONGS.getAcquire(counters, i);
      if (v < 0) {
        throw new ArithmeticException("cell " + cell + " wrapped");
      }
      sum = Math.addExact(sum, v);
    }
    return sum;
  }

  /**
   * Fills {@code into[0..cells)} with every cell's cumulative count.
   *
   * @throws ArithmeticException as {@link #sum(int)}; {@code into} is then partly filled
   */
  public void sumAll(long[] into) {
    for (int c = 0; c < cells; c++) {
      into[c] = sum(c);
    }
  }

  /** Counters per stripe. */
  public int cells() {
    return cells;
  }

  /** Bytes held by the counter array (for footprint reports). */
  public long bytes() {
    return 16L + 8L * counters.length;
  }
}
