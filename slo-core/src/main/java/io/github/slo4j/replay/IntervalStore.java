package io.github.slo4j.replay;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;

/**
 * An exact, simple {@link WindowReader}: per-interval good and total counts of each target, kept as
 * cumulative (prefix) sums in a ring long enough for the SLO's longest period. A window of {@code
 * k} whole intervals is {@code cum[n] − cum[n − k]}: two reads, O(1), exact.
 *
 * <p>Replay drives it; property tests use it as their naive reference model. A window that is not a
 * whole number of intervals is rounded down to whole intervals (a 35 s window at 10 s reads 30 s);
 * {@linkplain WindowCounts#covered() coverage} says how much of the window the intervals recorded
 * since {@link #startMillis()} cover.
 *
 * <p>Single writer: {@link #append} and reads must happen on one thread or be ordered by the
 * caller (replay is single-threaded).
 */
public final class IntervalStore implements WindowReader {
  private final SloDefinition definition;
  private final long startMillis;
  private final long intervalMillis;
  private final Duration interval;
  private final Duration maxWindow;
  private final long maxWindowMillis;
  private final int ring;
  /**
   * The cumulative good and total counts of every target, slot by slot: target {@code t}'s of ring
   * slot {@code s} at {@code s × stride + 2t} and {@code s × stride + 2t + 1}. A window's start is
   * one cache line for the good and total counts of all targets, not two per target: a latency SLO
   * with two thresholds reads each tier's window start of both from the same line, and the
   * hardware prefetcher follows half as many streams through a month of history.
   */
  private final long[] cum;
  /** {@code 2 × targets}: the longs of one ring slot. */
  private final int stride;
  private final long[] lastGood;
  private final long[] lastTotal;
  private final Target[] targets;
  private long count;
  /** The ring slot of the cumulative counts after the last interval: {@code count % ring}. */
  private int end;
  /** {@code ⌊(2^64 − 1) ÷ intervalMillis⌋}, unsigned: {@link #intervals(long)}'s reciprocal. */
  private final long reciprocal;
  /** The calendar period {@link #periodWindow(Target, long[])} last read: [start, end) in epoch ms. */
  private long periodStart = Long.MAX_VALUE;
  private long periodEnd = Long.MIN_VALUE;

  /**
   * A store for {@code definition} whose first interval starts at {@code startMillis}.
   *
   * @param interval the base interval, a whole number of milliseconds
   */
  public IntervalStore(SloDefinition definition, long startMillis, Duration interval) {
    this.definition = Require.nonNull("definition", definition);
    Require.positive("interval", interval);
    if (interval.toNanos() % 1_000_000 != 0) {
      throw Require.invalid("interval", DurationFormat.format(interval), "a whole number of milliseconds");
    }
    this.startMillis = startMillis;
    this.interval = interval;
    this.intervalMillis = interval.toMillis();
    this.reciprocal = reciprocal(intervalMillis);
    this.maxWindow = definition.period().maxLength();
    this.maxWindowMillis = maxWindow.toMillis();
    long slots = maxWindow.toMillis() / intervalMillis + 2;
    if (slots > 50_000_000L) {
      throw Require.invalid(
          "interval", DurationFormat.format(interval), "a coarser interval for a period of " + maxWindow);
    }
    this.ring = (int) slots;
    this.targets = definition.targets().toArray(new Target[0]);
    int n = targets.length;
    this.stride = 2 * n;
    // at most 50,000,000 slots of at most 16 longs (Sli.MAX_THRESHOLDS = 8 targets): an int index
    this.cum = new long[ring * stride];
    this.lastGood = new long[n];
    this.lastTotal = new long[n];
  }

  /**
   * Closes one more interval with these counts per target (indexed as {@link
   * SloDefinition#targets()}).
   */
  public void append(long[] good, long[] total) {
    int slot = end + 1 == ring ? 0 : end + 1;
    int base = slot * stride;
    for (int t = 0; t < lastGood.length; t++) {
      Require.counts(good[t], total[t]);
      lastGood[t] += good[t];
      lastTotal[t] += total[t];
      cum[base + 2 * t] = lastGood[t];
      cum[base + 2 * t + 1] = lastTotal[t];
    }
    count++;
    end = slot;
  }

  /** The number of intervals closed so far. */
  public long intervals() {
    return count;
  }

  /** The start of the first interval. */
  public long startMillis() {
    return startMillis;
  }

  /** The base interval. */
  public Duration interval() {
    return interval;
  }

  @Override
  public SloDefinition definition() {
    return definition;
  }

  @Override
  public WindowCounts window(Target target, Duration window) {
    int t = definition.requireTarget(target).index();
    Require.positive("window", window);
    Require.withinPeriod("window", window, maxWindow);
    long[] c = new long[3];
    read(t, window.toMillis(), c);
    return new WindowCounts(window, c[0], c[1], c[2] == 0 ? Duration.ZERO : Duration.ofMillis(c[2]));
  }

  /** {@inheritDoc} Allocates nothing. */
  @Override
  public void window(Target target, long windowMillis, long[] into) {
    int t = index(target);
    if (windowMillis <= 0 || windowMillis > maxWindowMillis) {
      window(target, Duration.ofMillis(windowMillis)); // throws the message of the Duration form
    }
    read(t, windowMillis, into);
  }

  /** {@inheritDoc} Allocates nothing but once per calendar period. */
  @Override
  public void periodWindow(Target target, long[] into) {
    int t = index(target);
    CompliancePeriod period = definition.period();
    long length;
    if (period instanceof CompliancePeriod.Calendar) {
      long last = asOfMillis() - 1;
      if (last < periodStart || last >= periodEnd) {
        Instant at = Instant.ofEpochMilli(last);
        periodStart = period.startAt(at).toEpochMilli();
        periodEnd = periodStart + period.lengthAt(at).toMillis();
      }
      length = last + 1 - periodStart;
    } else {
      length = period.nominalLength().toMillis();
    }
    read(t, length, into);
    into[3] = length;
  }

  /** The target's index: the SLO's own target by identity, else checked as {@link SloDefinition#requireTarget}. */
  private int index(Target target) {
    int t = target == null ? -1 : target.index();
    if (t < 0 || t >= targets.length || targets[t] != target) {
      t = definition.requireTarget(target).index();
    }
    return t;
  }

  /** {@code windowMillis ÷ intervalMillis}, rounded down, as {@link #quotient} computes it. */
  private long intervals(long windowMillis) {
    return quotient(windowMillis, intervalMillis, reciprocal);
  }

  /** {@code ⌊(2^64 − 1) ÷ d⌋} as an unsigned long, for {@link #quotient}; {@code d > 0}. */
  static long reciprocal(long d) {
    return Long.divideUnsigned(-1L, d);
  }

  /**
   * {@code ⌊n ÷ d⌋} for {@code 0 <= n} and {@code d > 0}, exactly, without a division (some 40
   * cycles, a dozen per evaluation): with {@code m = reciprocal(d) = ⌊(2^64 − 1) ÷ d⌋}, the high
   * half of the 128-bit product {@code n × m} is the quotient or one less, and one multiplication
   * corrects it. Division by an invariant integer using multiplication: Granlund and Montgomery
   * (PLDI 1994), and Warren, Hacker's Delight, 2nd ed., ch. 10. Here {@code m ≥ (2^64 − d) ÷ d},
   * so {@code n × m ÷ 2^64 > n ÷ d − n ÷ 2^64 > n ÷ d − 1}, and {@code n × m ÷ 2^64 ≤ n ÷ d}.
   */
  static long quotient(long n, long d, long m) {
    // the unsigned high half: m may be 2^63 or more (d = 1), n is not negative
    long q = Math.multiplyHigh(n, m) + ((m >> 63) & n);
    if (n - q * d >= d) {
      q++;
    }
    return q;
  }

  /** Good, total and covered milliseconds of target {@code t} over whole intervals of {@code windowMillis}. */
  private void read(int t, long windowMillis, long[] into) {
    long k = Math.min(intervals(windowMillis), count);
    if (k == 0) {
      into[0] = 0;
      into[1] = 0;
      into[2] = 0;
      return;
    }
    // k <= count and k < ring (a window is at most the period): the start is k slots back
    int from = end - (int) k;
    if (from < 0) {
      from += ring;
    }
    long[] c = cum;
    int e = end * stride + 2 * t;
    int f = from * stride + 2 * t;
    into[0] = c[e] - c[f];
    into[1] = c[e + 1] - c[f + 1];
    into[2] = k * intervalMillis;
  }

  @Override
  public long asOfMillis() {
    return startMillis + count * intervalMillis;
  }

  @Override
  public String toString() {
    return "IntervalStore[" + definition.id() + ", " + count + " x " + DurationFormat.format(interval)
        + " from " + Instant.ofEpochMilli(startMillis) + "]";
  }
}
