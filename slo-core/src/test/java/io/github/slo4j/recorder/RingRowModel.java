package io.github.slo4j.recorder;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The plain model the rings' property tests compare with: every boundary's full row as longs (the
 * data columns, then the gap counter), missed boundaries filled with carried values, each counted as
 * a gap, as {@link Rings#advance(long, long[])} describes it.
 */
final class RingRowModel {
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
}
