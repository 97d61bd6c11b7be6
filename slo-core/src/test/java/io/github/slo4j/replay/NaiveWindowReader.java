package io.github.slo4j.replay;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference the interval store and the monitor's fast path are tested against: every
 * interval's counts per target in a list that only grows, a window the sum of its last {@code k}
 * intervals found by long division; no ring, no reciprocal, no allocation-free read.
 */
public final class NaiveWindowReader implements WindowReader {
  private final SloDefinition definition;
  private final long startMillis;
  private final long intervalMillis;
  private final List<long[]> good = new ArrayList<>();
  private final List<long[]> total = new ArrayList<>();

  /** A reader of {@code definition}'s counts, one interval of {@code interval} per append from {@code startMillis}. */
  public NaiveWindowReader(SloDefinition definition, long startMillis, Duration interval) {
    this.definition = definition;
    this.startMillis = startMillis;
    this.intervalMillis = interval.toMillis();
  }

  /** Closes one interval with these counts per target index. */
  public void append(long[] g, long[] t) {
    good.add(g.clone());
    total.add(t.clone());
  }

  @Override
  public SloDefinition definition() {
    return definition;
  }

  @Override
  public long asOfMillis() {
    return startMillis + good.size() * intervalMillis;
  }

  @Override
  public WindowCounts window(Target target, Duration window) {
    int t = target.index();
    int k = (int) Math.min(window.toMillis() / intervalMillis, good.size());
    long g = 0;
    long n = 0;
    for (int i = good.size() - k; i < good.size(); i++) {
      g += good.get(i)[t];
      n += total.get(i)[t];
    }
    return new WindowCounts(window, g, n, Duration.ofMillis(k * intervalMillis));
  }
}
