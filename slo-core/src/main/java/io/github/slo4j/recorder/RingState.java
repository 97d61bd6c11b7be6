package io.github.slo4j.recorder;

import java.util.Arrays;
import java.util.List;

/**
 * A copy of the contents of {@link Rings}: the origin, the newest boundary ({@code asOf}), the
 * current row, and for each tier its newest row time, its row count and its rows, oldest first.
 * Immutable once built. Not part of the public API.
 *
 * <p>A state describes one cumulative function {@code C(t)} over the boundaries {@code t}:
 * {@code C(t) = 0} at or before the origin, {@code C(t) = current} at or after {@code asOf} (the
 * instance recorded nothing more: its values are carried), and in between the row a tier holds at
 * {@code t}. Where no tier holds {@code t} the value is unknown. {@link #combine} adds such
 * functions, which is what restoring and merging are.
 */
final class RingState {
  final long base;
  final long[] resolution;
  final int[] capacity;
  final int cols;
  final long origin;
  final long asOf;
  final long[] current;
  final long[] newest;
  final int[] count;
  final long[][] rows;

  RingState(
      long base,
      long[] resolution,
      int[] capacity,
      int cols,
      long origin,
      long asOf,
      long[] current,
      long[] newest,
      int[] count,
      long[][] rows) {
    this.base = base;
    this.resolution = resolution;
    this.capacity = capacity;
    this.cols = cols;
    this.origin = origin;
    this.asOf = asOf;
    this.current = current;
    this.newest = newest;
    this.count = count;
    this.rows = rows;
  }

  /** The base interval, milliseconds. */
  public long base() {
    return base;
  }

  /** Counters per row, the gap counter (the last) included. */
  public int cols() {
    return cols;
  }

  /** The boundary at or before which every counter is zero. */
  public long origin() {
    return origin;
  }

  /** The newest closed boundary. */
  public long asOf() {
    return asOf;
  }

  /** A copy of the current (newest) row. */
  public long[] current() {
    return current.clone();
  }

  /** Whether {@code other} has the same base interval, tiers and columns. */
  public boolean sameShape(RingState other) {
    return base == other.base
        && cols == other.cols
        && Arrays.equals(resolution, other.resolution)
        && Arrays.equals(capacity, other.capacity);
  }

  /**
   * Fills {@code out} with the cumulative row at boundary {@code t}.
   *
   * @return false when the state does not know it (no tier holds {@code t})
   */
  boolean valueAt(long t, long[] out) {
    if (t <= origin) {
      Arrays.fill(out, 0, cols, 0);
      return true;
    }
    if (t >= asOf) {
      System.arraycopy(current, 0, out, 0, cols);
      return true;
    }
    for (int k = 0; k < resolution.length; k++) {
      long r = resolution[k];
      if (count[k] == 0 || Math.floorMod(t, r) != 0) {
        continue;
      }
      long oldest = newest[k] - (count[k] - 1L) * r;
      if (t >= oldest && t <= newest[k]) {
        int i = (int) ((t - oldest) / r);
        System.arraycopy(rows[k], i * cols, out, 0, cols);
        return true;
      }
    }
    return false;
  }

  /**
   * The newest boundary at or before {@code t} whose row this state knows: {@code t} itself when
   * known, else the newest row a tier holds before it, else the origin.
   */
  public long latestKnownAtOrBefore(long t) {
    if (t <= origin || t >= asOf) {
      return t;
    }
    long best = origin;
    for (int k = 0; k < resolution.length; k++) {
      if (count[k] == 0) {
        continue;
      }
      long r = resolution[k];
      long oldest = newest[k] - (count[k] - 1L) * r;
      long candidate = Math.min(newest[k], Math.floorDiv(t, r) * r);
      if (candidate >= oldest) {
        best = Math.max(best, candidate);
      }
    }
    return best;
  }

  /**
   * Adds the cumulative functions of {@code inputs} (all of one shape) into a state whose newest
   * boundary is {@code asOf}. Input {@code i} counts as if its instance stopped at {@code stop[i]}
   * ({@code <= asOf}, a boundary it knows): from there on its row is carried. The origin is the
   * earliest input's. Each tier keeps the rows, newest first, for as long as every input knows its
   * value (it holds the row, or the time lies before its origin or after its stop): a tier's
   * history ends where one input's ends.
   *
   * <p>Boundaries in {@code (downFrom, downTo]} are counted as gap intervals (no instance closed
   * them): each adds one to the gap counter of the rows at and after it.
   *
   * @throws ArithmeticException when a sum overflows
   */
  public static RingState combine(List<RingState> inputs, long[] stop, long asOf, long downFrom, long downTo) {
    RingState shape = inputs.get(0);
    int cols = shape.cols;
    int tiers = shape.resolution.length;
    long origin = Long.MAX_VALUE;
    for (RingState in : inputs) {
      origin = Math.min(origin, in.origin);
    }
    long[] value = new long[cols];
    long[] current = new long[cols];
    if (!sum(inputs, stop, asOf, value, current)) {
      throw new IllegalStateException("an input does not know its row at its stop");
    }
    long[] newest = new long[tiers];
    int[] count = new int[tiers];
    long[][] rows = new long[tiers][];
    long[] row = new long[cols];
    for (int k = 0; k < tiers; k++) {
      long r = shape.resolution[k];
      int cap = shape.capacity[k];
      long top = Math.floorDiv(asOf, r) * r;
      long lowest = Math.max(top - (cap - 1L) * r, -Math.floorDiv(-origin, r) * r);
      long[] buf = new long[cap * cols];
      int n = 0;
      for (long t = top; t >= lowest && n < cap; t -= r) {
        if (!sum(inputs, stop, t, value, row)) {
          break;
        }
        n++;
        System.arraycopy(row, 0, buf, (cap - n) * cols, cols);
      }
      count[k] = n;
      newest[k] = n > 0 ? top : Long.MIN_VALUE;
      rows[k] = Arrays.copyOfRange(buf, (cap - n) * cols, cap * cols);
      if (downTo > downFrom) {
        for (int i = 0; i < n; i++) {
          long t = top - (n - 1L - i) * r;
          if (t > downFrom) {
            int at = i * cols + cols - 1;
            rows[k][at] = Math.addExact(rows[k][at], (Math.min(t, downTo) - downFrom) / shape.base);
          }
        }
      }
    }
    if (downTo > downFrom) {
      current[cols - 1] = Math.addExact(current[cols - 1], (Math.min(asOf, downTo) - downFrom) / shape.base);
    }
    return new RingState(
        shape.base,
        shape.resolution.clone(),
        shape.capacity.clone(),
        cols,
        origin,
        asOf,
        current,
        newest,
        count,
        rows);
  }

  private static boolean sum(List<RingState> inputs, long[] stop, long t, long[] value, long[] into) {
    Arrays.fill(into, 0);
    for (int i = 0; i < inputs.size(); i++) {
      if (!inputs.get(i).valueAt(Math.min(t, stop[i]), value)) {
        return false;
      }
      for (int c = 0; c < into.length; c++) {
        into[c] = Math.addExact(into[c], value[c]);
      }
    }
    return true;
  }

  /**
   * Checks the invariants every state written by slo4j holds, so that a state whose checksum is
   * right but whose content is not (crafted, or written by a bug) is refused before it is used.
   *
   * @param eventCols the leading columns that are event counts: the total, then the good count of
   *     each target, in ascending order of latency threshold
   * @param sliceUnit for timeslice budgeting, what one slice adds to a good-slice column at most (1,
   *     or 10⁹ for ratio timeslices); 0 without slices
   * @return a description of the first violation, or null
   */
  String violation(int eventCols, long sliceUnit) {
    if (base <= 0) {
      return "base interval " + base;
    }
    if (Math.floorMod(origin, base) != 0 || Math.floorMod(asOf, base) != 0 || origin > asOf) {
      return "origin " + origin + " and asOf " + asOf;
    }
    if (current.length != cols) {
      return "current row of " + current.length + " counters";
    }
    String bad = rowViolation(current, null, eventCols, sliceUnit);
    if (bad == null && sliceUnit > 0 && current[eventCols] > current[0]) {
      bad = "more slices than events";
    }
    if (bad != null) {
      return "current row: " + bad;
    }
    for (int k = 0; k < resolution.length; k++) {
      long r = resolution[k];
      if (count[k] == 0) {
        continue;
      }
      long oldest = newest[k] - (count[k] - 1L) * r;
      if (Math.floorMod(newest[k], r) != 0
          || newest[k] > asOf
          || newest[k] + r <= asOf
          || oldest < origin) {
        return "tier " + k + " rows from " + oldest + " to " + newest[k];
      }
      long[] next = new long[cols];
      long[] prev = new long[cols];
      for (int i = 0; i < count[k]; i++) {
        System.arraycopy(rows[k], i * cols, next, 0, cols);
        bad = rowViolation(next, i == 0 ? null : prev, eventCols, sliceUnit);
        if (bad == null && sliceUnit > 0 && next[eventCols] > next[0]) {
          // a slice is counted only when it had events: cumulative slices never exceed events, so
          // the ticker's slice count stays below the (exact) event total and cannot overflow
          bad = "more slices than events";
        }
        if (bad != null) {
          return "tier " + k + " row " + i + ": " + bad;
        }
        System.arraycopy(next, 0, prev, 0, cols);
      }
      bad = rowViolation(current, prev, eventCols, sliceUnit);
      if (bad != null) {
        return "current row after tier " + k + ": " + bad;
      }
      if (newest[k] == asOf && !Arrays.equals(current, prev)) {
        return "tier " + k + " row at asOf differs from the current row";
      }
    }
    return overlapViolation();
  }

  /**
   * Tiers that hold the same boundary must agree on its row: slo4j appends one and the same row to
   * every tier whose resolution divides the boundary. A state where they differ would answer a
   * window differently depending on the tier that serves it.
   */
  private String overlapViolation() {
    for (int j = 1; j < resolution.length; j++) {
      for (int i = 0; i < count[j]; i++) {
        long t = newest[j] - (count[j] - 1L - i) * resolution[j];
        for (int k = 0; k < j; k++) {
          long r = resolution[k];
          if (count[k] == 0 || Math.floorMod(t, r) != 0) {
            continue;
          }
          long oldest = newest[k] - (count[k] - 1L) * r;
          if (t >= oldest && t <= newest[k]
              && !Arrays.equals(rows[j], i * cols, (i + 1) * cols, rows[k], (int) ((t - oldest) / r) * cols, (int) ((t - oldest) / r + 1) * cols)) {
            return "tiers " + k + " and " + j + " differ at boundary " + t;
          }
        }
      }
    }
    return null;
  }

  /**
   * Counters never decrease, and what a row adds to its predecessor is a valid set of counts:
   * good counts ascend with the latency threshold and stay within the total; good slices stay
   * within slices.
   */
  static String rowViolation(long[] row, long[] prev, int eventCols, long sliceUnit) {
    int cols = row.length;
    long[] d = new long[cols];
    for (int c = 0; c < cols; c++) {
      d[c] = prev == null ? row[c] : row[c] - prev[c];
      if (d[c] < 0) {
        return "counter " + c + " decreases";
      }
    }
    if (!ascending(d, 1, eventCols, d[0])) {
      return "good events not within 0 <= good(threshold) <= good(next threshold) <= total";
    }
    if (sliceUnit > 0) {
      int slices = eventCols;
      long limit = d[slices] > Long.MAX_VALUE / sliceUnit ? Long.MAX_VALUE : d[slices] * sliceUnit;
      if (!ascending(d, slices + 1, slices + eventCols, limit)) {
        return "good slices not within 0 <= good <= slices";
      }
    }
    return null;
  }

  private static boolean ascending(long[] d, int from, int to, long max) {
    for (int c = from; c < to; c++) {
      if (d[c] > max || (c > from && d[c] < d[c - 1])) {
        return false;
      }
    }
    return true;
  }
}
