package io.github.slo4j.recorder;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * An immutable snapshot of one recorder: the counts of every target over every standard window, as
 * of one closed boundary. Obtain one from {@link SloRecorder#snapshot()}.
 */
public final class SloSnapshot {
  private final SloDefinition definition;
  private final String label;
  private final long asOfMillis;
  private final List<Duration> windows;
  private final List<List<WindowCounts>> counts;
  private final long[] gaps;

  SloSnapshot(SnapshotBuffer b) {
    this.definition = b.owner.definition();
    this.label = b.owner.label();
    this.asOfMillis = b.asOfMillis;
    this.windows = b.windows();
    List<List<WindowCounts>> all = new ArrayList<>();
    for (Target t : definition.targets()) {
      List<WindowCounts> row = new ArrayList<>();
      for (int w = 0; w < windows.size(); w++) {
        Duration length = Duration.ofMillis(b.lengthMillis(t, w));
        Duration window = length.isZero() ? windows.get(w) : length;
        row.add(
            new WindowCounts(
                window,
                b.good(t, w),
                b.total(t, w),
                Duration.ofMillis(Math.min(b.coveredMillis(t, w), window.toMillis()))));
      }
      all.add(Collections.unmodifiableList(row));
    }
    this.counts = Collections.unmodifiableList(all);
    this.gaps = new long[windows.size()];
    for (int w = 0; w < windows.size(); w++) {
      gaps[w] = b.gapIntervals(definition.targets().get(0), w);
    }
  }

  /** The SLO. */
  public SloDefinition definition() {
    return definition;
  }

  /** The boundary the snapshot was read at. */
  public Instant asOf() {
    return Instant.ofEpochMilli(asOfMillis);
  }

  /** The standard windows, in ascending order; the last is the compliance period. */
  public List<Duration> windows() {
    return windows;
  }

  /** The counts of every standard window for {@code target}, in the order of {@link #windows()}. */
  public List<WindowCounts> counts(Target target) {
    return counts.get(index(target));
  }

  /**
   * The counts of {@code target} over the standard window {@code window}.
   *
   * @throws IllegalArgumentException when {@code window} is not one of {@link #windows()}
   */
  public WindowCounts counts(Target target, Duration window) {
    return counts(target).get(windowIndex(window));
  }

  /** The burn rate of {@code target} over {@code window}; empty when it had no data. */
  public OptionalDouble burnRate(Target target, Duration window) {
    return counts(target, window).burnRate(target.objective());
  }

  /** Base intervals in {@code window} whose boundary the ticker missed and caught up later. */
  public long gapIntervals(Duration window) {
    return gaps[windowIndex(window)];
  }

  private int index(Target target) {
    return definition.requireTarget(target).index();
  }

  private int windowIndex(Duration window) {
    Require.nonNull("window", window);
    int w = windows.indexOf(window);
    if (w < 0) {
      StringBuilder all = new StringBuilder();
      for (Duration d : windows) {
        all.append(all.length() == 0 ? "" : ", ").append(DurationFormat.format(d));
      }
      throw Require.invalid("window", DurationFormat.format(window), "one of the standard windows " + all);
    }
    return w;
  }

  /**
   * Every count, one line per target, durations in the compact format of alerts; a window that the
   * data does not wholly cover, or with gaps, says so:
   *
   * <pre>{@code
   * SloSnapshot[checkout @ 2026-01-01T01:00:00Z
   *   events 99.9%: 5m 1/120 bad, 30m 2/720 bad, 1h 3/1440 bad, 1d 3/1440 bad (covered 1h), ...]
   * }</pre>
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SloSnapshot[");
    sb.append(label).append(" @ ").append(asOf());
    for (Target t : definition.targets()) {
      sb.append("\n  ").append(t).append(':');
      List<WindowCounts> row = counts.get(t.index());
      for (int w = 0; w < row.size(); w++) {
        WindowCounts c = row.get(w);
        SnapshotBuffer.appendWindow(
            sb.append(w == 0 ? " " : ", "), c.window(), c.good(), c.total(), c.covered().toMillis(), gaps[w]);
      }
    }
    return sb.append(']').toString();
  }
}
