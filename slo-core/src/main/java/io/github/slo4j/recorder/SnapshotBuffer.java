package io.github.slo4j.recorder;

import io.github.slo4j.Target;
import io.github.slo4j.internal.DurationFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A reusable, mutable snapshot of one recorder's standard windows, filled by {@link
 * SloRecorder#snapshot(SnapshotBuffer)} without allocating. Not thread-safe: one buffer per reading
 * thread. For an immutable value, use {@link SloRecorder#snapshot()}.
 *
 * <p>Targets and windows are addressed by index: {@code target} is {@link Target#index()}, {@code
 * window} the position in {@link #windows()}. With no events in a window there is no data: {@link
 * #hasData(int, int)} is false and {@link #burnRate(int, int)} and {@link #errorRatio(int, int)}
 * throw; check first.
 */
public final class SnapshotBuffer {
  final SloRecorder owner;
  final long[] scratch;
  long asOfMillis;
  boolean filled;
  private final int windowCount;
  private final List<Duration> windows;
  private final long[] good;
  private final long[] total;
  private final long[] covered;
  private final long[] gaps;
  private final long[] length;
  private final double[] budget;

  SnapshotBuffer(SloRecorder owner, int targets, List<Duration> windows, int scratchLength) {
    this.owner = owner;
    this.windows = windows;
    this.windowCount = windows.size();
    int n = targets * windowCount;
    this.good = new long[n];
    this.total = new long[n];
    this.covered = new long[n];
    this.gaps = new long[n];
    this.length = new long[n];
    this.budget = new double[targets];
    for (int t = 0; t < targets; t++) {
      budget[t] = owner.definition().targets().get(t).objective().errorBudget();
    }
    this.scratch = new long[scratchLength];
  }

  void set(int target, int window, long good, long total, long covered, long gaps, long length) {
    int i = target * windowCount + window;
    this.good[i] = good;
    this.total[i] = total;
    this.covered[i] = covered;
    this.gaps[i] = gaps;
    this.length[i] = length;
  }

  /** The standard windows, by index. */
  public List<Duration> windows() {
    return windows;
  }

  /** The boundary the last fill was read at, in epoch milliseconds. */
  public long asOfMillis() {
    return asOfMillis;
  }

  /** Good events (or slices) of a target in a window. */
  public long good(int target, int window) {
    return good[target * windowCount + window];
  }

  /** All events (or slices) of a target in a window. */
  public long total(int target, int window) {
    return total[target * windowCount + window];
  }

  /** Bad events: {@code total − good}. */
  public long bad(int target, int window) {
    int i = target * windowCount + window;
    return total[i] - good[i];
  }

  /** Whether the window saw any events. */
  public boolean hasData(int target, int window) {
    return total[target * windowCount + window] > 0;
  }

  /**
   * {@code bad ÷ total}.
   *
   * @throws IllegalStateException when the window has no data
   */
  public double errorRatio(int target, int window) {
    int i = target * windowCount + window;
    if (total[i] == 0) {
      throw noData(window);
    }
    return (double) (total[i] - good[i]) / total[i];
  }

  /**
   * {@code errorRatio ÷ (1 − objective)}.
   *
   * @throws IllegalStateException when the window has no data
   */
  public double burnRate(int target, int window) {
    int i = target * windowCount + window;
    if (total[i] == 0) {
      throw noData(window);
    }
    return (total[i] - good[i]) / (total[i] * budget[target]);
  }

  /** Milliseconds of the window the data covers. */
  public long coveredMillis(int target, int window) {
    return covered[target * windowCount + window];
  }

  /**
   * The length actually read, in milliseconds: the window's, except for the period window of a
   * calendar period, which runs from the period's start.
   */
  public long lengthMillis(int target, int window) {
    return length[target * windowCount + window];
  }

  /** Base intervals in the window whose boundary the ticker missed and caught up later. */
  public long gapIntervals(int target, int window) {
    return gaps[target * windowCount + window];
  }

  /**
   * The last fill, one line per target, durations in the compact format of alerts; a window that
   * the data does not wholly cover, or with gaps, says so:
   *
   * <pre>{@code
   * SnapshotBuffer[checkout @ 2026-01-01T01:00:00Z
   *   events 99.9%: 5m 1/120 bad, 30m 2/720 bad, 1h 3/1440 bad, 1d 3/1440 bad (covered 1h), ...]
   * }</pre>
   *
   * <p>{@code SnapshotBuffer[checkout: not filled]} before the first fill.
   */
  @Override
  public String toString() {
    if (!filled) {
      return "SnapshotBuffer[" + owner.label() + ": not filled]";
    }
    StringBuilder sb = new StringBuilder("SnapshotBuffer[");
    sb.append(owner.label()).append(" @ ").append(Instant.ofEpochMilli(asOfMillis));
    List<Target> targets = owner.definition().targets();
    for (int t = 0; t < targets.size(); t++) {
      sb.append("\n  ").append(targets.get(t)).append(':');
      for (int w = 0; w < windowCount; w++) {
        long ms = lengthMillis(t, w);
        Duration window = ms == 0 ? windows.get(w) : Duration.ofMillis(ms);
        appendWindow(sb.append(w == 0 ? " " : ", "), window, good(t, w), total(t, w), coveredMillis(t, w), gapIntervals(t, w));
      }
    }
    return sb.append(']').toString();
  }

  /** {@code 1h 3/1440 bad}, then {@code (covered 20m, 2 gap intervals)} where they apply. */
  static void appendWindow(StringBuilder sb, Duration window, long good, long total, long coveredMillis, long gaps) {
    sb.append(DurationFormat.format(window)).append(' ');
    sb.append(total == 0 ? "no data" : (total - good) + "/" + total + " bad");
    boolean partial = coveredMillis < window.toMillis();
    if (partial || gaps > 0) {
      sb.append(" (");
      if (partial) {
        sb.append("covered ").append(DurationFormat.format(Duration.ofMillis(coveredMillis)));
      }
      if (gaps > 0) {
        sb.append(partial ? ", " : "").append(gaps).append(gaps == 1 ? " gap interval" : " gap intervals");
      }
      sb.append(')');
    }
  }

  private IllegalStateException noData(int window) {
    return new IllegalStateException(
        "no data: window " + DurationFormat.format(windows.get(window)) + " had no events; check hasData first");
  }
}
