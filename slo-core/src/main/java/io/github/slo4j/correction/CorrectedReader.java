package io.github.slo4j.correction;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.CorrectionSection;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.CorrectionLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link WindowReader} that subtracts the events of {@linkplain BudgetCorrection budget
 * corrections} from the reader it decorates (a recorder, replay's exact store): a corrected window
 * read is the raw read minus the excluded events inside the window, so they count neither toward
 * the SLI nor toward the budget. Build the monitor over this reader and its alerts, budgets and
 * policy see corrected figures; {@link #figures(Target)} puts corrected and uncorrected side by
 * side, and {@link #raw()} stays available for the meta-signals that corrections must not game.
 * As a {@link CorrectionLog}, it tells a monitor with a policy of every correction applied: each
 * goes into the policy's enforcement history, and the meta-signal "budget exhausted with no freeze"
 * is read from the uncorrected counts too.
 *
 * <p><b>How events are excluded.</b> The raw reader's cumulative counts are never rewritten (the
 * record path stays untouched). The reader keeps its own, sparse record of excluded counts:
 *
 * <ul>
 *   <li><b>Scheduled</b>: every base interval that starts inside a correction window is captured
 *       exactly, as reads advance past it (the monitor reads at every interval; a read that finds
 *       several new intervals captures each of them, as the difference of two window reads).
 *   <li><b>Retroactive</b>: when a correction is {@linkplain #apply applied}, the part of its
 *       windows already recorded is captured from the raw reader in slots of the finest resolution
 *       that still holds the oldest of it ({@code resolution}, the base interval by default; pass a
 *       recorder's {@code servingResolution} for a recorder), and {@link AppliedCorrection} says
 *       which resolution applied. A slot is excluded when it starts inside the window; events an
 *       earlier correction already excluded are not excluded twice.
 * </ul>
 *
 * <p><b>Scope.</b> {@link #periodWindow} reads (the budget) exclude the events of every
 * correction; {@link #window} reads (alerting's burn windows) only those of corrections {@linkplain
 * BudgetCorrection#excludedFromAlerting() excluded from alerting}, so a fire drill's events page
 * but spend no budget.
 *
 * <p>A window read counts the excluded slots that start inside it. With windows aligned to the base
 * interval (maintenance windows at whole minutes, alert windows and periods of whole intervals) the
 * result is exact; otherwise it errs by at most one slot, as the raw reader's own boundaries do,
 * and never below zero events or above the raw counts.
 *
 * <p>Thread-safe: reads, {@link #apply} and the suppressing listener synchronize on the reader.
 * A read that captures nothing allocates nothing per read.
 */
public final class CorrectedReader implements CorrectionLog {
  private final WindowReader raw;
  private final SloDefinition definition;
  private final long intervalMillis;
  private final UnaryOperator<Duration> resolution;
  private final long maxMillis;
  private final int targets;
  private final List<BudgetCorrection> corrections = new ArrayList<>();
  /** Per correction, the first window whose end is after {@link #capturedTo}: [start, end). */
  private final List<long[]> next = new ArrayList<>();
  private final List<AppliedCorrection> applied = new ArrayList<>();
  private final List<SuppressedAlert> suppressed = new ArrayList<>();
  private final List<Segment> segments = new ArrayList<>();
  private final List<FireDrill> drills = new ArrayList<>();
  /** Every interval before this instant has been decided (captured or not). */
  private long capturedTo;
  private final long[] a = new long[4];
  private final long[] b = new long[4];
  private final long[] ex = new long[2];
  private final long[] r = new long[4];

  private CorrectedReader(WindowReader raw, Duration interval, UnaryOperator<Duration> resolution) {
    this.raw = Require.nonNull("reader", raw);
    Require.positive("interval", interval);
    this.resolution = Require.nonNull("resolution", resolution);
    this.definition = raw.definition();
    this.intervalMillis = interval.toMillis();
    if (intervalMillis <= 0 || interval.toNanos() % 1_000_000 != 0) {
      throw Require.invalid("interval", DurationFormat.format(interval), "a whole number of milliseconds");
    }
    this.maxMillis = definition.period().maxLength().toMillis();
    this.targets = definition.targets().size();
    this.capturedTo = raw.asOfMillis();
  }

  /** A corrected view of {@code reader}, whose base interval is {@code interval}; retroactive captures use it as their resolution. */
  public static CorrectedReader over(WindowReader reader, Duration interval) {
    return new CorrectedReader(reader, interval, w -> interval);
  }

  /**
   * As {@link #over(WindowReader, Duration)}, with the resolution at which {@code reader} answers
   * each window length (for a recorder, its {@code servingResolution}).
   */
  public static CorrectedReader over(WindowReader reader, Duration interval, UnaryOperator<Duration> resolution) {
    return new CorrectedReader(reader, interval, resolution);
  }

  /** The reader this one corrects: uncorrected figures. */
  @Override
  public WindowReader raw() {
    return raw;
  }

  /**
   * Applies {@code correction} from now on: its windows from {@link #asOfMillis()} on are excluded
   * as reads advance (scheduled), and the part of them already recorded, within the SLO's longest
   * period, is excluded at once (retroactive). Recorded in {@link #applied()}.
   *
   * @throws IllegalArgumentException when a correction of the same id is already applied
   */
  public synchronized AppliedCorrection apply(BudgetCorrection correction) {
    Require.nonNull("correction", correction);
    for (BudgetCorrection c : corrections) {
      if (c.id().equals(correction.id())) {
        throw Require.invalid("correction", correction.id(), "an id not applied yet");
      }
    }
    catchUp();
    long asOf = capturedTo;
    Duration used = null;
    for (long[] w : correction.drill() ? List.<long[]>of() : correction.windows(asOf - maxMillis, asOf)) {
      long from = Math.max(w[0], asOf - maxMillis);
      long to = Math.min(w[1], asOf);
      Duration r = Require.nonNull("resolution", resolution.apply(Duration.ofMillis(asOf - from)));
      long slot = Math.max(intervalMillis, r.toMillis());
      used = used == null || r.compareTo(used) > 0 ? r : used;
      long first = Math.floorDiv(from + slot - 1, slot) * slot; // the first slot starting inside
      Segment s = null;
      for (long at = first; at < to; at += slot) {
        long end = Math.min(at + slot, asOf);
        if (s == null) {
          s = new Segment(at, slot, targets, correction.excludedFromAlerting());
        }
        long[] counts = new long[2 * targets];
        for (int t = 0; t < targets; t++) {
          rawBetween(t, at, end, asOf, ex);
          excludedBetween(t, at, end, false, b);
          long total = Math.max(0, ex[1] - b[1]);
          long bad = Math.max(0, Math.min(total, (ex[1] - ex[0]) - (b[1] - b[0])));
          counts[2 * t] = total - bad;
          counts[2 * t + 1] = total;
        }
        s.append(counts);
      }
      if (s != null) {
        segments.add(s);
      }
    }
    corrections.add(correction);
    next.add(nextWindow(correction, asOf));
    long[] ahead = nextWindow(correction, asOf);
    AppliedCorrection done =
        new AppliedCorrection(correction, Instant.ofEpochMilli(asOf), Optional.ofNullable(used), ahead[0] < ahead[1]);
    applied.add(done);
    return done;
  }

  /**
   * Starts {@code drill}: applies its {@linkplain FireDrill#correction() budget-only correction}.
   *
   * @throws IllegalArgumentException when it overlaps a drill already started on this reader
   */
  public synchronized AppliedCorrection start(FireDrill drill) {
    Require.nonNull("drill", drill);
    for (FireDrill d : drills) {
      if (d.startMillis() < drill.endMillis() && drill.startMillis() < d.endMillis()) {
        throw Require.invalid("drill", drill, "no overlap with " + d);
      }
    }
    AppliedCorrection done = apply(drill.correction());
    drills.add(drill);
    return done;
  }

  /**
   * The synthetic bad events {@code drill} adds to the interval starting at {@code
   * intervalStartMillis} with {@code realTotal} real events ({@link FireDrill#syntheticBad}), now
   * recorded as excluded from the budget of every target: record them as bad events of that
   * interval (of every target: a failure, or a request slower than every threshold).
   *
   * @throws IllegalStateException when the drill was not {@linkplain #start started} on this reader
   */
  public synchronized long inject(FireDrill drill, long intervalStartMillis, long realTotal) {
    if (!drills.contains(drill)) {
      throw new IllegalStateException("drill " + drill.id() + " not started on this reader (expected start(drill) first)");
    }
    long n = drill.syntheticBad(intervalStartMillis, realTotal);
    if (n > 0) {
      long[] counts = new long[2 * targets];
      for (int t = 0; t < targets; t++) {
        counts[2 * t + 1] = n;
      }
      Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
      long at = Math.floorDiv(intervalStartMillis, intervalMillis) * intervalMillis;
      if (last == null || last.slot != intervalMillis || last.end() != at || last.alerting) {
        last = new Segment(at, intervalMillis, targets, false);
        segments.add(last);
      }
      last.append(counts);
    }
    return n;
  }

  /** Every correction applied, oldest first: the audit trail, with reason and author. */
  public synchronized List<AppliedCorrection> applied() {
    return List.copyOf(applied);
  }

  /** {@inheritDoc} */
  @Override
  public synchronized int appliedCount() {
    return applied.size();
  }

  /** {@inheritDoc} */
  @Override
  public synchronized AppliedCorrection applied(int index) {
    return applied.get(index);
  }

  /**
   * The corrections applied and the excluded counts captured so far, to travel with the recorder's
   * state: {@code SloState.withCorrections(recorder.exportState(), reader.exportCorrections())}.
   * After a restore, {@link #restoreCorrections} on a reader over the restored recorder brings them
   * back; {@code SloState.merge} unites those of several instances.
   */
  public synchronized byte[] exportCorrections() {
    catchUp();
    Map<String, byte[][]> out = new LinkedHashMap<>();
    for (AppliedCorrection a : applied) {
      out.put(a.correction().id(), new byte[][] {CorrectionCodec.definition(a.correction()), CorrectionCodec.audit(a)});
    }
    List<long[]> segs = new ArrayList<>();
    for (Segment seg : segments) {
      segs.add(seg.export());
    }
    return new CorrectionSection(out, segs).encode();
  }

  /**
   * Brings back the corrections of {@code exported} ({@link #exportCorrections()}, or {@code
   * SloState.corrections()} of a restored or merged state) as they were applied, with the excluded
   * counts they captured: a retroactive correction keeps the resolution it was applied at, even when
   * the restored recorder holds that history only in coarser tiers. Build this reader over the
   * recorder after restoring its state.
   *
   * @return the corrections brought back, oldest first
   * @throws IllegalArgumentException when the bytes are not exported corrections, when they are of
   *     an SLO with another number of targets, or when a correction of the same id is applied already
   */
  public synchronized List<AppliedCorrection> restoreCorrections(byte[] exported) {
    Require.nonNull("corrections", exported);
    CorrectionSection section;
    List<AppliedCorrection> restored = new ArrayList<>();
    List<Segment> segs = new ArrayList<>();
    try {
      section = CorrectionSection.decode(exported);
      for (byte[][] parts : section.corrections().values()) {
        restored.add(CorrectionCodec.applied(parts[0], parts[1]));
      }
      for (long[] seg : section.segments()) {
        segs.add(Segment.of(seg, targets));
      }
    } catch (IllegalArgumentException | java.io.UncheckedIOException | java.time.DateTimeException e) {
      throw Require.invalid("corrections", "not corrections, " + e.getMessage(), "bytes from exportCorrections()");
    }
    for (AppliedCorrection a : restored) {
      for (BudgetCorrection c : corrections) {
        if (c.id().equals(a.correction().id())) {
          throw Require.invalid("corrections", a.correction().id(), "an id not applied yet");
        }
      }
    }
    catchUp();
    capturedTo = Math.max(capturedTo, raw.asOfMillis());
    segments.addAll(segs);
    segments.sort(java.util.Comparator.comparingLong(seg -> seg.start));
    for (AppliedCorrection a : restored) {
      corrections.add(a.correction());
      next.add(nextWindow(a.correction(), capturedTo));
      applied.add(a);
    }
    return List.copyOf(restored);
  }

  /** The alert notifications held back by {@link #suppressing(AlertListener)}, oldest first. */
  public synchronized List<SuppressedAlert> suppressed() {
    return List.copyOf(suppressed);
  }

  /**
   * A listener that passes on {@code listener} every transition but the notifications of alerts
   * that start firing in an interval inside a correction window: those, and their resolution, are
   * held back and reported in {@link #suppressed()} (not lost). An alert that fired before the
   * window resolves normally.
   */
  public AlertListener suppressing(AlertListener listener) {
    Require.nonNull("listener", listener);
    Set<String> held = new HashSet<>();
    return t -> {
      SuppressedAlert s = null;
      synchronized (this) {
        String key = t.alert().id();
        if (t.to() == AlertState.FIRING) {
          BudgetCorrection c = covering(t.at().toEpochMilli() - intervalMillis);
          if (c != null) {
            held.add(key);
            s = new SuppressedAlert(t, c);
          }
        } else if (t.from() == AlertState.FIRING && held.remove(key)) {
          s = new SuppressedAlert(t, covering(t.at().toEpochMilli() - intervalMillis));
        }
        if (s != null) {
          suppressed.add(s);
        }
      }
      if (s == null) {
        listener.onTransition(t);
      }
    };
  }

  /** The correction whose window covers {@code millis}, or null. */
  private BudgetCorrection covering(long millis) {
    for (BudgetCorrection c : corrections) {
      if (c.excludedFromAlerting() && c.covers(millis)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The events of {@code target} that corrections excluded from the {@code window} ending at {@link
   * #asOfMillis()}.
   */
  public synchronized WindowCounts excluded(Target target, Duration window) {
    int t = definition.requireTarget(target).index();
    Require.positive("window", window);
    catchUp();
    long asOf = raw.asOfMillis();
    excludedBetween(t, asOf - window.toMillis(), asOf, false, b);
    return new WindowCounts(window, b[0], b[1], window);
  }

  /**
   * One target's compliance-period counts with and without the corrections. Report both: a budget
   * exhausted before corrections is a fact the corrections must not hide.
   *
   * @param target the target
   * @param corrected the counts the monitor sees, corrections excluded
   * @param uncorrected the counts as recorded
   */
  public record Figures(Target target, WindowCounts corrected, WindowCounts uncorrected) {
    /** Validates the components. */
    public Figures {
      Require.nonNull("target", target);
      Require.nonNull("corrected", corrected);
      Require.nonNull("uncorrected", uncorrected);
    }

    /** The events the corrections excluded: uncorrected total minus corrected total. */
    public long excludedEvents() {
      return uncorrected.total() - corrected.total();
    }

    /** The bad events the corrections excluded. */
    public long excludedBad() {
      return uncorrected.bad() - corrected.bad();
    }
  }

  /** The target's compliance-period counts, corrected and uncorrected, side by side. */
  public synchronized Figures figures(Target target) {
    definition.requireTarget(target);
    return new Figures(target, periodWindow(target), raw.periodWindow(target));
  }

  @Override
  public SloDefinition definition() {
    return definition;
  }

  @Override
  public long asOfMillis() {
    return raw.asOfMillis();
  }

  @Override
  public Optional<String> groupKey() {
    return raw.groupKey();
  }

  @Override
  public synchronized WindowCounts window(Target target, Duration window) {
    WindowCounts w = raw.window(target, window);
    long[] into = {w.good(), w.total(), w.covered().toMillis(), w.window().toMillis()};
    correct(definition.requireTarget(target).index(), into, true);
    return new WindowCounts(window, into[0], into[1], w.covered());
  }

  @Override
  public synchronized WindowCounts periodWindow(Target target) {
    WindowCounts w = raw.periodWindow(target);
    long[] into = {w.good(), w.total(), w.covered().toMillis(), w.window().toMillis()};
    correct(definition.requireTarget(target).index(), into, false);
    return new WindowCounts(w.window(), into[0], into[1], w.covered());
  }

  /** {@inheritDoc} Allocates nothing unless it captures an interval. */
  @Override
  public synchronized void window(Target target, long windowMillis, long[] into) {
    raw.window(target, windowMillis, into);
    a[0] = into[0];
    a[1] = into[1];
    a[3] = windowMillis;
    correct(target.index(), a, true);
    into[0] = a[0];
    into[1] = a[1];
  }

  /** {@inheritDoc} The raw reader's window: the events of a correction window are traffic. */
  @Override
  public void trafficWindow(Target target, long windowMillis, long[] into) {
    raw.trafficWindow(target, windowMillis, into);
  }

  /** {@inheritDoc} Allocates nothing unless it captures an interval. */
  @Override
  public synchronized void periodWindow(Target target, long[] into) {
    raw.periodWindow(target, into);
    a[0] = into[0];
    a[1] = into[1];
    a[3] = into[3];
    correct(target.index(), a, false);
    into[0] = a[0];
    into[1] = a[1];
  }

  /**
   * Subtracts the exclusions inside the window of {@code c[3]} ms from good {@code c[0]} and total
   * {@code c[1]}: for an alerting read, only those of corrections {@linkplain
   * BudgetCorrection#excludedFromAlerting() excluded from alerting}.
   */
  private void correct(int t, long[] c, boolean alerting) {
    catchUp();
    long asOf = raw.asOfMillis();
    excludedBetween(t, asOf - c[3], asOf, alerting, ex);
    long total = Math.max(0, c[1] - ex[1]);
    long bad = Math.max(0, Math.min(total, (c[1] - c[0]) - (ex[1] - ex[0])));
    c[0] = total - bad;
    c[1] = total;
  }

  /** Decides every interval the raw reader closed since the last read. */
  private void catchUp() {
    long asOf = raw.asOfMillis();
    if (corrections.isEmpty()) {
      capturedTo = Math.max(capturedTo, asOf);
      return;
    }
    while (capturedTo < asOf) {
      long at = capturedTo;
      boolean inside = false;
      boolean alerting = false;
      for (int i = 0; i < corrections.size(); i++) {
        long[] w = next.get(i);
        if (at >= w[1]) {
          w = nextWindow(corrections.get(i), at);
          next.set(i, w);
        }
        if (w[0] <= at && at < w[1] && !corrections.get(i).drill()) {
          inside = true;
          alerting |= corrections.get(i).excludedFromAlerting();
        }
      }
      if (inside && asOf - at <= maxMillis) {
        capture(at, asOf, alerting);
      }
      capturedTo = at + intervalMillis;
    }
    prune(asOf);
  }

  /** The first window of {@code c} that ends after {@code at}, or an empty one far ahead. */
  private long[] nextWindow(BudgetCorrection c, long at) {
    long horizon = at + Math.max(maxMillis, c.duration().toMillis()) + 86_400_000L * 32;
    List<long[]> ws = c.windows(at + 1, horizon);
    return ws.isEmpty() ? new long[] {horizon, horizon} : ws.get(0);
  }

  /** Captures the base interval starting at {@code at}. */
  private void capture(long at, long asOf, boolean alerting) {
    Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
    if (last == null || last.slot != intervalMillis || last.end() != at || last.alerting != alerting) {
      last = new Segment(at, intervalMillis, targets, alerting);
      segments.add(last);
    }
    long[] counts = new long[2 * targets];
    for (int t = 0; t < targets; t++) {
      rawBetween(t, at, at + intervalMillis, asOf, ex);
      counts[2 * t] = ex[0];
      counts[2 * t + 1] = ex[1];
    }
    last.append(counts);
  }

  /** The raw good and total counts of target {@code t} in {@code [from, to)}, as of {@code asOf}. */
  private void rawBetween(int t, long from, long to, long asOf, long[] into) {
    Target target = definition.targets().get(t);
    raw.window(target, asOf - from, r);
    long good = r[0];
    long total = r[1];
    if (asOf - to > 0) {
      raw.window(target, asOf - to, r);
      good -= r[0];
      total -= r[1];
    }
    into[0] = Math.max(0, good);
    into[1] = Math.max(into[0], total);
  }

  /**
   * The excluded good and total counts of target {@code t} in slots starting in {@code [from,
   * to)}; with {@code alerting}, only those excluded from alerting too.
   */
  private void excludedBetween(int t, long from, long to, boolean alerting, long[] into) {
    long good = 0;
    long total = 0;
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (alerting && !s.alerting) {
        continue;
      }
      int lo = s.index(from);
      int hi = s.index(to);
      if (hi > lo) {
        good += s.cum[t][2 * hi] - s.cum[t][2 * lo];
        total += s.cum[t][2 * hi + 1] - s.cum[t][2 * lo + 1];
      }
    }
    into[0] = good;
    into[1] = total;
  }

  /** Forgets segments that ended before the longest window a read may ask for. */
  private void prune(long asOf) {
    while (!segments.isEmpty() && segments.get(0).end() < asOf - maxMillis - intervalMillis) {
      segments.remove(0);
    }
  }

  @Override
  public String toString() {
    return "CorrectedReader[" + raw + ", " + corrections.size() + " corrections]";
  }

  /** Excluded counts of consecutive slots of one size, as prefix sums per target. */
  private static final class Segment {
    final long start;
    final long slot;
    int n;
    /** Per target, cumulative good and total at slot boundaries {@code 0..n}, side by side. */
    long[][] cum;

    /** Whether the events are excluded from alerting's window reads too, not only from the budget's period reads. */
    final boolean alerting;

    Segment(long start, long slot, int targets, boolean alerting) {
      this.start = start;
      this.slot = slot;
      this.alerting = alerting;
      this.cum = new long[targets][2 * 16];
    }

    /** {@code start, slot, alerting (0 or 1), targets, n}, then per target the prefix sums 0..n. */
    long[] export() {
      int targets = cum.length;
      long[] out = new long[5 + targets * 2 * (n + 1)];
      out[0] = start;
      out[1] = slot;
      out[2] = alerting ? 1 : 0;
      out[3] = targets;
      out[4] = n;
      for (int t = 0; t < targets; t++) {
        System.arraycopy(cum[t], 0, out, 5 + t * 2 * (n + 1), 2 * (n + 1));
      }
      return out;
    }

    /** The segment {@link #export()} wrote, of an SLO of {@code targets} targets. */
    static Segment of(long[] in, int targets) {
      if (in.length < 5 || in[3] != targets || in[1] <= 0 || in[2] < 0 || in[2] > 1 || in[4] < 0
          || in.length != 5 + targets * 2 * (in[4] + 1)) {
        throw new IllegalArgumentException("a segment of " + in.length + " values that is not one of " + targets + " targets");
      }
      Segment s = new Segment(in[0], in[1], targets, in[2] == 1);
      int n = (int) in[4];
      for (int t = 0; t < targets; t++) {
        int from = 5 + t * 2 * (n + 1);
        s.cum[t] = Arrays.copyOf(Arrays.copyOfRange(in, from, from + 2 * (n + 1)), 2 * (n + 2));
      }
      s.n = n;
      return s;
    }

    long end() {
      return start + n * slot;
    }

    void append(long[] counts) {
      if (2 * (n + 2) > cum[0].length) {
        for (int t = 0; t < cum.length; t++) {
          cum[t] = Arrays.copyOf(cum[t], cum[t].length * 2);
        }
      }
      for (int t = 0; t < cum.length; t++) {
        cum[t][2 * (n + 1)] = cum[t][2 * n] + counts[2 * t];
        cum[t][2 * (n + 1) + 1] = cum[t][2 * n + 1] + counts[2 * t + 1];
      }
      n++;
    }

    /** The number of slots that start before {@code millis}, from 0 to {@code n}. */
    int index(long millis) {
      if (millis <= start) {
        return 0;
      }
      long k = (millis - start + slot - 1) / slot;
      return (int) Math.min(k, n);
    }
  }
}
