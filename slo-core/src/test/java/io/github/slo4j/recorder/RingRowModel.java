package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The plain model the rings' property tests compare with: every boundary's full row as longs (the
 * data columns, then the gap counter), missed boundaries filled with carried values, each counted as
 * a gap, as {@link Rings#advance(long, long[])} describes it; and the small rings those tests drive.
 */
final class RingRowModel {
  /** The test rings' base resolution. */
  static final long BASE = 10;
  /**
   * Tiers of 10, 40 and 640 (capacities 52, 202 and 82 rows, so blocks of 64 rows straddle the
   * wrap in every tier; spans of 52, 808 and 5,248 boundaries). The ready windows of 30 and 200 are
   * served by the finest tier, 1,000 and 5,000 by the middle one, 40,000 by the coarsest.
   */
  static final long[] RESOLUTION = {10, 40, 640};

  static final long[] SPAN = {500, 8000, 51200};
  static final long[] READY = {30, 200, 1000, 5000, 40000};
  /** A calendar period's length: a multiple of every resolution. */
  static final long PERIOD = 640 * 7;

  final Map<Long, long[]> rows = new HashMap<>();
  final long base;
  final int data;
  final long origin;
  long asOf;
  long[] current;

  RingRowModel(long base, int dataCols, long origin) {
    this.base = base;
    this.data = dataCols;
    this.origin = origin;
    this.asOf = origin;
    this.current = new long[dataCols + 1];
    rows.put(origin, current.clone());
  }

  /** The test rings of {@code data} columns from {@code origin}, with {@code ready} windows. */
  static Rings rings(int data, long origin, long[] ready) {
    return new Rings(BASE, RESOLUTION, SPAN, data, origin, ready);
  }

  /** {@link #READY}, then the period's window last. */
  static long[] readyWithPeriod() {
    long[] ready = Arrays.copyOf(READY, READY.length + 1);
    ready[READY.length] = PERIOD;
    return ready;
  }

  /** The start of the calendar period the interval closing at {@code a} belongs to. */
  static long periodOf(long a) {
    return Math.floorDiv(a - 1, PERIOD) * PERIOD;
  }

  /** Closes boundary {@code a} with {@code data}; the boundaries skipped before it are gaps. */
  void advance(long a, long[] values) {
    long gaps = current[data];
    for (long t = asOf + base; t < a; t += base) {
      long[] row = current.clone();
      row[data] = gaps + (t - asOf) / base;
      rows.put(t, row);
    }
    long[] row = Arrays.copyOf(values, data + 1);
    row[data] = gaps + (a - asOf) / base - 1;
    rows.put(a, row);
    current = row;
    asOf = a;
  }

  /** The row of boundary {@code t}; zeros at or before the origin. */
  long[] row(long t) {
    long[] r = rows.get(t);
    return r != null ? r : new long[data + 1];
  }

  /** Asserts that every row {@code rings} hold, and their current row, are the model's. */
  RingState assertHeldBy(Rings rings, String where) {
    RingState s = rings.capture();
    assertArrayEquals(current, s.current, where + ": current");
    for (int k = 0; k < RESOLUTION.length; k++) {
      long oldest = s.newest[k] - (s.count[k] - 1L) * RESOLUTION[k];
      for (int i = 0; i < s.count[k]; i++) {
        long t = oldest + i * RESOLUTION[k];
        long[] held = Arrays.copyOfRange(s.rows[k], i * (data + 1), (i + 1) * (data + 1));
        assertArrayEquals(row(t), held, where + ": tier " + k + ", row at " + t);
      }
    }
    return s;
  }

  /**
   * Asserts that each of the {@code ready} windows, read by {@link Rings#read} (the last by {@link
   * Rings#readPeriod} when {@code periods}) and by {@link Rings#readReady}, is the model's {@link
   * #window}: counters and covered time; {@code state} is what the rings hold now.
   */
  void assertWindows(Rings rings, RingState state, long[] ready, boolean periods, String where) {
    int cols = data + 1;
    int stride = rings.readyStride();
    long[] starts = new long[ready.length * stride];
    long[] now = new long[cols];
    assertEquals(asOf, rings.readReady(starts, now), where + ": ready as of");
    assertArrayEquals(current, now, where + ": ready current");
    long[] out = new long[rings.blockLength()];
    for (int j = 0; j < ready.length; j++) {
      long[] expected;
      if (periods && j == ready.length - 1) {
        expected = periodWindow(periodOf(asOf));
        rings.readPeriod(out);
      } else {
        expected = window(state, ready[j]);
        rings.read(ready[j], out);
      }
      String w = where + ": window " + ready[j] + " expected " + Arrays.toString(expected);
      for (int c = 0; c < cols; c++) {
        assertEquals(expected[c], out[c], w + ", read, column " + c);
        assertEquals(expected[c], now[c] - starts[j * stride + c], w + ", ready, column " + c);
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
  long[] window(RingState state, long length) {
    long want = asOf - length;
    if (want < origin) {
      return diff(origin, Math.max(0, asOf - origin));
    }
    for (int k = 0; k < RESOLUTION.length; k++) {
      long r = RESOLUTION[k];
      long s = Math.floorDiv(want, r) * r;
      if (s <= origin) {
        return diff(origin, length);
      }
      long oldest = state.newest[k] - (state.count[k] - 1L) * r;
      if (state.count[k] > 0 && s >= oldest && s <= state.newest[k]) {
        return diff(s, length);
      }
    }
    int k = RESOLUTION.length - 1;
    long oldest = state.newest[k] - (state.count[k] - 1L) * RESOLUTION[k];
    return diff(oldest, Math.max(0, Math.min(length, asOf - oldest)));
  }

  /** The period window: from its first boundary (a multiple of every resolution here). */
  long[] periodWindow(long periodStart) {
    long s = Math.max(periodStart, origin);
    return diff(s, Math.max(0, asOf - s));
  }

  private long[] diff(long start, long covered) {
    long[] from = row(start);
    long[] out = new long[data + 2];
    for (int c = 0; c <= data; c++) {
      out[c] = current[c] - from[c];
    }
    out[data + 1] = covered;
    return out;
  }
}
