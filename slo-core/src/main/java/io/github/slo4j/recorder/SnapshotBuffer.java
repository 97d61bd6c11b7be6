package io.github.slo4j.recorder;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import io.github.slo4j.Target;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A reusable, mutable snapshot of one recorder's standard windows, filled by {@link
 * SloRecorder#snapshot(SnapshotBuffer)} without allocating. Not thread-safe: one buffer per reading
 * thread. For an immutable value, use {@link SloRecorder#snapshot()}.
 *
 * <p>A figure is addressed by a target of the SLO ({@link io.github.slo4j.SloDefinition#targets()})
 * and a window, the position in {@link #windows()}; a read is O(1) and allocates nothing (the
 * target is found by its {@link Target#index()}). With no events in a window there is no data:
 * {@link #hasData(Target, int)} is false and {@link #burnRate(Target, int)} and {@link
 * #errorRatio(Target, int)} throw; check first. A window that is not a position in {@link
 * #windows()} is refused with an {@link IllegalArgumentException}.
 */
public final class SnapshotBuffer {
  final SloRecorder owner;
  /**
   * The windows as the recorder's rings keep them ({@code Rings.readReady}): per window the
   * cumulative row it starts from (total, good per target, then for slices: slices, good slices per
   * target; the gap intervals last), the covered time and the length read; and the newest row. A
   * window's counters are the newest row minus its start row, subtracted when a figure is read.
   */
  final long[] starts;
  final long[] current;
  long asOfMillis;
  boolean filled;
  private final List<Duration> windows;
  /** {@code windows.size()}, read on every figure without an interface call. */
  private final int windowCount;
  private final int stride;
  private final int gapCol;
  private final int totalCol;
  private final long totalUnit;
  private final int firstGoodCol;
  private final Target[] targets;

  SnapshotBuffer(SloRecorder owner, List<Duration> windows, int cols, int stride, int budgetingKind) {
    this.owner = owner;
    this.windows = windows;
    this.windowCount = windows.size();
    this.targets = owner.definition().targets().toArray(new Target[0]);
    this.stride = stride;
    this.gapCol = cols - 1;
    this.totalCol = budgetingKind == 0 ? 0 : 1 + targets.length;
    this.totalUnit = budgetingKind == 2 ? SloRecorder.RATIO_SLICE_UNITS : 1;
    this.firstGoodCol = budgetingKind == 0 ? 1 : 2 + targets.length;
    this.starts = new long[windows.size() * stride];
    this.current = new long[cols];
  }

  /**
   * The position of a figure: the target's index, after checking that the target is the SLO's (by
   * identity, then, for an equal target of an equal definition, as {@link
   * io.github.slo4j.SloDefinition#requireTarget} checks it), and that {@code window} is a position
   * in {@link #windows()}. No allocation.
   */
  private int target(Target target, int window) {
    int t = target == null ? -1 : target.index();
    if (t < 0 || t >= targets.length || targets[t] != target) {
      owner.definition().requireTarget(target);
    }
    if (window < 0 || window >= windowCount) {
      throw Require.invalid("window", window, "a position in windows(), 0 to " + (windowCount - 1));
    }
    return t;
  }

  /** The counter {@code col} over window {@code window}. */
  private long counter(int window, int col) {
    return current[col] - starts[window * stride + col];
  }

  private long goodAt(int t, int window) {
    return counter(window, firstGoodCol + t);
  }

  private long totalAt(int window) {
    return counter(window, totalCol) * totalUnit;
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
  public long good(Target target, int window) {
    return goodAt(target(target, window), window);
  }

  /** All events (or slices) of a target in a window. */
  public long total(Target target, int window) {
    target(target, window);
    return totalAt(window);
  }

  /** Bad events: {@code total − good}. */
  public long bad(Target target, int window) {
    int t = target(target, window);
    return totalAt(window) - goodAt(t, window);
  }

  /** Whether the window saw any events. */
  public boolean hasData(Target target, int window) {
    target(target, window);
    return totalAt(window) > 0;
  }

  /**
   * {@code bad ÷ total}.
   *
   * @throws IllegalStateException when the window has no data
   */
  public double errorRatio(Target target, int window) {
    int t = target(target, window);
    long total = totalAt(window);
    if (total == 0) {
      throw noData(window);
    }
    return (double) (total - goodAt(t, window)) / total;
  }

  /**
   * {@code errorRatio ÷ (1 − objective)}, as {@link ErrorBudget#burnRate(Objective, long, long)}
   * computes it.
   *
   * @throws IllegalStateException when the window has no data
   */
  public double burnRate(Target target, int window) {
    int t = target(target, window);
    long total = totalAt(window);
    if (total == 0) {
      throw noData(window);
    }
    return ErrorBudget.burnRate(target.objective(), goodAt(t, window), total).getAsDouble();
  }

  /** Milliseconds of the window the data covers. */
  public long coveredMillis(Target target, int window) {
    target(target, window);
    int o = window * stride + gapCol;
    return Math.min(starts[o + 1], starts[o + 2]);
  }

  /**
   * The length actually read, in milliseconds: the window's, except for the period window of a
   * calendar period, which runs from the period's start.
   */
  public long lengthMillis(Target target, int window) {
    target(target, window);
    return starts[window * stride + gapCol + 2];
  }

  /** Base intervals in the window whose boundary the ticker missed and caught up later. */
  public long gapIntervals(Target target, int window) {
    target(target, window);
    return counter(window, gapCol);
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
    for (Target t : targets) {
      sb.append("\n  ").append(t).append(':');
      for (int w = 0; w < windows.size(); w++) {
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
