package io.github.slo4j.recorder;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference model for the recorder's windows: a plain map from closing boundary to the events
 * the ticker attributed to it, and the documented boundary rule restated in the simplest terms.
 */
final class NaiveWindows {
  /** Tier resolutions and spans as documented on {@code SloRecorder}. */
  private final long[] resolution;
  private final long[] capacity;
  private final long base;
  private final long origin;
  private final int targets;
  private final TreeMap<Long, long[]> byBoundary = new TreeMap<>();
  private final long[] pending;
  private long last;

  NaiveWindows(long baseMillis, Duration periodMax, long originMillis, int targets) {
    this.base = baseMillis;
    this.resolution = new long[] {baseMillis, 120_000, 3_600_000};
    long[] spans = {3_600_000, 86_400_000, periodMax.plusDays(1).toMillis()};
    this.capacity = new long[3];
    for (int k = 0; k < 3; k++) {
      capacity[k] = spans[k] / resolution[k] + 2;
    }
    this.origin = originMillis;
    this.last = originMillis;
    this.targets = targets;
    this.pending = new long[1 + targets];
  }

  /**
   * An event, good for targets {@code firstGood} and above (thresholds ascend, so a request within
   * one is within every larger one); {@code firstGood == targets} for a failure.
   */
  void record(int firstGood) {
    pending[0]++;
    for (int i = firstGood; i < targets; i++) {
      pending[1 + i]++;
    }
  }

  /** What {@code SloRegistry.tick()} does at wall time {@code now}. */
  void tick(long now) {
    long a = Math.floorDiv(now, base) * base;
    if (a <= last) {
      return;
    }
    byBoundary.put(a, pending.clone());
    java.util.Arrays.fill(pending, 0);
    last = a;
  }

  long asOf() {
    return last;
  }

  /** {total, good_0, ..., good_n-1, coveredMillis} of the window of {@code length} at asOf. */
  long[] window(long length) {
    long a = last;
    long want = a - length;
    long s = Long.MIN_VALUE;
    long covered = length;
    if (want < origin) {
      covered = a - origin;
    } else {
      for (int k = 0; k < 3; k++) {
        long r = resolution[k];
        long sk = Math.floorDiv(want, r) * r;
        long oldest = Math.floorDiv(a, r) * r - (capacity[k] - 1) * r;
        if (sk <= origin || sk >= oldest) {
          s = sk;
          break;
        }
      }
    }
    long[] out = new long[2 + targets];
    for (Map.Entry<Long, long[]> e : byBoundary.subMap(s, false, a, true).entrySet()) {
      for (int i = 0; i <= targets; i++) {
        out[i] += e.getValue()[i];
      }
    }
    out[1 + targets] = covered;
    return out;
  }

  long totalEver() {
    long t = 0;
    for (long[] v : byBoundary.values()) {
      t += v[0];
    }
    return t;
  }
}
