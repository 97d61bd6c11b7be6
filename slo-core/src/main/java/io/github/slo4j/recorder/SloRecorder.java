package io.github.slo4j.recorder;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.Callbacks;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Records the events of one SLO and answers its windows. Thread-safe; the record methods are
 * lock-free, allocation-free and never throw.
 *
 * <p>Obtain one from {@link SloRegistry#register(SloDefinition)} (or a group of a {@link
 * GroupedSloRecorder}). Hold on to it: recording is then one atomic add into a striped cumulative
 * counter. Time enters only through the registry's ticker, which closes each base interval (10 s by
 * default, aligned to wall-clock multiples) and appends the cumulative counts to multi-resolution
 * rings:
 *
 * <table>
 *   <caption>Tiers</caption>
 *   <tr><th>tier</th><th>resolution</th><th>span</th><th>answers</th></tr>
 *   <tr><td>T0</td><td>the base interval</td><td>1 h</td><td>5 m, 30 m, 1 h</td></tr>
 *   <tr><td>T1</td><td>2 min</td><td>1 d</td><td>2 h, 6 h, 1 d</td></tr>
 *   <tr><td>T2</td><td>1 h</td><td>the period + 1 d</td><td>3 d, 7 d, 28 d, 30 d</td></tr>
 * </table>
 *
 * <p><b>The boundary rule.</b> An event belongs to the interval in which the ticker observed it,
 * that is the first boundary closed after the record call returned (an event recorded while a
 * boundary is being closed may land in either of the two intervals, never in both and never in
 * none). A window of length {@code L} read at {@code A = }{@link #asOfMillis()} counts the events of
 * the intervals whose closing boundary {@code b} satisfies {@code s < b <= A}, where {@code s =
 * floor((A − L) / R) · R} and {@code R} is the resolution of the finest tier that still holds {@code
 * s}. The counted span therefore contains the requested window and exceeds it by less than one slot
 * of the serving tier (nothing for windows that are multiples of the base interval and served by T0;
 * under 2 min for 2 h to 1 d; under 1 h beyond). Where the recorder is younger than the window, all
 * its events are counted and {@link WindowCounts#covered()} says how much of the window it has seen.
 *
 * <p><b>Calendar periods.</b> A base interval belongs to the calendar period that contains its
 * start, and as of a boundary the period is the one that contains the instant just before it. The
 * period window ({@link #periodWindow(Target)}, the last window of a {@linkplain #snapshot()
 * snapshot}) counts exactly the intervals that started in the period, in every zone, whether or not
 * the period starts on a multiple of the base interval; see docs/windows.md, "Calendar periods".
 *
 * <p><b>What is recorded.</b> For an events SLI, {@link #recordGood()}, {@link #recordBad()}, {@link
 * #record(boolean)} or {@link #recordCounts(long, long)}. For a latency SLI, {@link
 * #recordLatency(Duration, boolean)} (or {@link #recordLatency(long, TimeUnit, boolean)}, {@link
 * #recordLatencyNanos(long, boolean)}): the event is good for each threshold it succeeded within.
 * An event recorded without a latency is judged alike for every threshold: {@code recordGood()},
 * {@code record(true)} and the good part of {@code recordCounts} count as good for every threshold,
 * {@code recordBad()}, {@code record(false)} and the bad part as bad for every threshold. On an
 * events SLI {@code recordLatency} counts the success flag only.
 *
 * <p><b>Cumulative counts.</b> {@link #cumulative(Target)} gives the events recorded since the
 * recorder was made, monotonic and never reset by windows, for a counter such as a Micrometer
 * {@code FunctionCounter}; restored counts count in the windows but not there (see the method).
 *
 * <p><b>Budgeting.</b> With {@link BudgetingMethod.Timeslices} the ticker closes each slice at its
 * boundary (a multiple of the slice length since the epoch), judges it against the slice target and
 * counts good and total slices; {@link #window(Target, Duration)} then answers in slices (a slice
 * without events is no data and not counted). A tick that arrives late closes the slice that was in
 * progress at the last closed boundary before it counts what it saw: slices never merge. With
 * {@link BudgetingMethod.RatioTimeslices} each slice with events adds its good ratio: {@code
 * window} answers in billionths of a slice ({@code
 * total} is 10⁹ per slice, {@code good} the sum of slice ratios × 10⁹), so {@code good ÷ total} is the
 * mean slice ratio. {@link #eventWindow(Target, Duration)} always answers in events.
 */
public final class SloRecorder implements WindowReader {
  /** Slice units of a ratio-timeslices window: one slice is worth 10⁹. */
  public static final long RATIO_SLICE_UNITS = 1_000_000_000L;

  /** The most events one {@link #recordCounts(long, long)} call adds: 2^40 (reasoning there). */
  private static final long MAX_RECORD_COUNTS = 1L << 40;

  private final RecorderShape shape;
  private final SloDefinition definition;
  private final String groupKey;
  private final long baseMillis;
  /** The longest the period can be, and its nominal length (the window of a rolling period). */
  private final long maxPeriodMillis;
  private final long nominalPeriodMillis;
  private final int targets;
  private final boolean latency;
  private final long[] thresholdNanos;
  private final int failCell;
  private final int slowCell;
  private final Cells cells;
  private final Rings rings;
  private final long sliceMillis;
  private final int budgetingKind; // 0 occurrences, 1 timeslices, 2 ratio timeslices
  private final long sliceTargetUnscaled;
  private final long sliceTargetPow10;
  private final List<Duration> standardWindows;
  private final long[] standardWindowMillis;

  // ticker-only state
  /**
   * The first boundary at which the ticker must advance the rings even when no event came
   * ({@code Long.MIN_VALUE}: at every one); before it, a quiet boundary changes nothing a reader
   * reads but the boundary, which the rings take from the registry's clock (Rings, "Coasting").
   * Read and written only under the registry's tick lock (by its ticker, attach and restore): a
   * plain field, as a volatile write at every real tick would cost a fence.
   */
  private long coastUntil = Long.MIN_VALUE;

  /** The cells' sums at the last closed boundary (a quiet boundary finds them unchanged). */
  private final long[] cellSums;
  private final long[] data;
  private final long[] sliceStart;
  private long sliceCount;
  private final long[] sliceGood;

  // edge diagnostics
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong filterFailures = new AtomicLong();
  private final AtomicLong excluded = new AtomicLong();
  private final AtomicReference<Throwable> lastFilterFailure = new AtomicReference<>();
  private long rejectedLogged;
  private long filterFailuresLogged;
  // set after a rejection or a filter failure is counted, cleared by the ticker before it reads the
  // counts: at a tick of a recorder with nothing to report, the ticker reads this object only, not
  // the three above (a cache miss each, at 10,000 recorders)
  private volatile boolean rejectedToReport;
  private volatile boolean filterFailureToReport;

  /** The calendar period of the last closed interval; ticker only (null for a rolling period). */
  private CalendarSpan calendarSpan;

  /** Held by the ticker while it closes a boundary, and by export and restore. */
  private final Object stateLock = new Object();

  // set under stateLock when a cumulative count would pass Long.MAX_VALUE, never cleared; read by
  // reportEdge outside it. overflowLogged is ticker-only.
  private volatile boolean countsOverflowed;
  private boolean overflowLogged;

  // state identity, under stateLock: this recorder's random instance id, the instances whose counts
  // restores brought in, the events they added to the cells, and whether it counted anything itself
  private final long instanceId = java.util.concurrent.ThreadLocalRandom.current().nextLong();
  private long[] lineage = NO_LINEAGE;
  private long restoredEvents;
  private boolean closedABoundary;

  private static final long[] NO_LINEAGE = new long[0];

  // cumulative(), under stateLock: what restores added to each cell, and the last counts read
  private final long[] restoredCells;
  private final long[] lastCumulative;

  SloRecorder(SloDefinition definition, String groupKey, long baseMillis, long originMillis) {
    this(new RecorderShape(definition, baseMillis), groupKey, originMillis);
  }

  /**
   * A recorder of {@code shape}'s definition that shares the shape's immutable parts (the groups of
   * one grouped SLO share one shape).
   */
  SloRecorder(RecorderShape shape, String groupKey, long originMillis) {
    SloDefinition definition = shape.definition;
    long baseMillis = shape.baseMillis;
    this.shape = shape;
    this.definition = definition;
    this.groupKey = groupKey;
    this.baseMillis = baseMillis;
    this.targets = definition.targets().size();
    this.latency = definition.sli() instanceof Sli.Latency;
    this.thresholdNanos = shape.thresholdNanos;
    // events: cell 0 good, cell 1 bad. latency: cell i = success within threshold i (and above
    // threshold i-1), cell n = success slower than every threshold, cell n+1 = failure.
    int cellCount = latency ? targets + 2 : 2;
    this.slowCell = latency ? targets : -1;
    this.failCell = cellCount - 1;
    this.cells = new Cells(cellCount, Cells.defaultStripes());
    this.cellSums = new long[cellCount];
    this.restoredCells = new long[cellCount];
    this.lastCumulative = new long[cellCount];

    BudgetingMethod method = definition.budgeting();
    if (method instanceof BudgetingMethod.Timeslices) {
      BudgetingMethod.Timeslices t = (BudgetingMethod.Timeslices) method;
      budgetingKind = 1;
      sliceMillis = checkSlice(t.slice(), baseMillis);
      java.math.BigDecimal target = t.sliceObjective().decimal();
      sliceTargetUnscaled = target.unscaledValue().longValueExact();
      sliceTargetPow10 = java.math.BigInteger.TEN.pow(Math.max(0, target.scale())).longValueExact();
    } else if (method instanceof BudgetingMethod.RatioTimeslices) {
      budgetingKind = 2;
      sliceMillis = checkSlice(((BudgetingMethod.RatioTimeslices) method).slice(), baseMillis);
      sliceTargetUnscaled = 0;
      sliceTargetPow10 = 1;
    } else {
      budgetingKind = 0;
      sliceMillis = 0;
      sliceTargetUnscaled = 0;
      sliceTargetPow10 = 1;
    }
    // data columns: total events, good events per target, then for slices: slices with data,
    // good slices (or summed ratios) per target
    int dataCols = 1 + targets + (budgetingKind == 0 ? 0 : 1 + targets);
    this.data = new long[dataCols];
    this.sliceStart = new long[1 + targets];
    this.sliceGood = new long[targets];

    Duration maxPeriod = definition.period().maxLength();
    this.maxPeriodMillis = maxPeriod.toMillis();
    this.nominalPeriodMillis = definition.period().nominalLength().toMillis();
    this.standardWindows = shape.standardWindows;
    this.standardWindowMillis = shape.rings.readyLengths;
    this.rings = new Rings(shape.rings, dataCols, originMillis);
    if (definition.period() instanceof CompliancePeriod.Calendar) {
      calendarSpan = CalendarSpan.of(definition.period(), originMillis - 1);
      rings.period(calendarSpan.start);
    }
  }

  /** The immutable parts this recorder shares with the other recorders of its definition. */
  RecorderShape shape() {
    return shape;
  }

  private static long checkSlice(Duration slice, long baseMillis) {
    long ms = slice.toMillis();
    if (ms % baseMillis != 0) {
      throw Require.invalid(
          "slice",
          DurationFormat.format(slice),
          "a multiple of the registry's base interval (" + DurationFormat.format(Duration.ofMillis(baseMillis)) + ")");
    }
    return ms;
  }

  /** 5m, 30m, 1h, 2h, 6h, 1d, 3d and the period, leaving out those longer than the period. */
  static List<Duration> standardWindows(CompliancePeriod period) {
    List<Duration> out = new ArrayList<>();
    Duration nominal = period.nominalLength();
    for (Duration d :
        List.of(
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Duration.ofDays(1),
            Duration.ofDays(3))) {
      if (d.compareTo(nominal) < 0) {
        out.add(d);
      }
    }
    out.add(nominal);
    return Collections.unmodifiableList(out);
  }

  // ---------------------------------------------------------------- record path

  /**
   * Records one good event. On a latency SLI it counts as good for every threshold, as a success
   * within the fastest one would (see {@link #record(boolean)}). Lock-free, allocation-free, never
   * throws.
   */
  public void recordGood() {
    cells.increment(0);
  }

  /**
   * Records one bad event. On a latency SLI it counts as bad for every threshold, as a failed
   * request does (see {@link #record(boolean)}). Lock-free, allocation-free, never throws.
   */
  public void recordBad() {
    cells.increment(failCell);
  }

  /**
   * Records one event, good or bad. Lock-free, allocation-free, never throws.
   *
   * <p>On a latency SLI, where each target is a latency threshold, an event recorded without a
   * latency is judged the same way for every threshold: a good one counts as good for every target
   * (a success within the fastest threshold), a bad one as bad for every target (a failed request).
   * This lets a caller that has already judged a request, or that knows it failed before any
   * latency could be measured, record it on a latency SLO; {@link #recordGood()}, {@link
   * #recordBad()} and {@link #recordCounts(long, long)} follow the same rule. Use {@link
   * #recordLatency(Duration, boolean)} to have the thresholds judge each event.
   */
  public void record(boolean good) {
    cells.increment(good ? 0 : failCell);
  }

  /**
   * Records one request with its latency and whether it succeeded. On a latency SLI the request is
   * good for every threshold it succeeded within (latency ≤ threshold), and a failed request is bad
   * for every threshold whatever its latency; a negative latency counts as zero, and a {@code null}
   * latency (a caller that could not measure one) as slower than every threshold. On an events SLI
   * only {@code success} counts. Lock-free, allocation-free, never throws.
   */
  public void recordLatency(Duration latency, boolean success) {
    recordLatencyNanos(latency == null ? Long.MAX_VALUE : saturatedNanos(latency), success);
  }

  /**
   * {@link #recordLatency(Duration, boolean)} with the latency as {@code amount} of {@code unit}
   * (saturated at about 292 years); a {@code null} unit counts as slower than every threshold.
   * Lock-free, allocation-free, never throws.
   */
  public void recordLatency(long amount, TimeUnit unit, boolean success) {
    recordLatencyNanos(unit == null ? Long.MAX_VALUE : unit.toNanos(amount), success);
  }

  /**
   * {@link #recordLatency(Duration, boolean)} with the latency in nanoseconds, as {@link
   * System#nanoTime()} differences give it. Lock-free, allocation-free, never throws.
   */
  public void recordLatencyNanos(long latencyNanos, boolean success) {
    if (!success) {
      cells.increment(failCell);
      return;
    }
    if (!latency) {
      cells.increment(0);
      return;
    }
    int cell = 0;
    long[] t = thresholdNanos;
    while (cell < t.length && latencyNanos > t[cell]) {
      cell++;
    }
    cells.increment(cell);
  }

  private static long saturatedNanos(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 0) {
      return 0; // a negative latency counts as zero; toNanos() would throw on a huge one
    }
    return seconds >= Long.MAX_VALUE / 1_000_000_000L - 1 ? Long.MAX_VALUE : d.toNanos();
  }

  /**
   * Records {@code total} events of which {@code good} were good, as a source that polls counters
   * does with its deltas (on a latency SLI good ones count as good and bad ones as bad for every
   * threshold, as {@link #record(boolean)} says). Never throws: counts that
   * are negative, with {@code good > total}, or with {@code total} above 2^40 (1,099,511,627,776)
   * are rejected, counted in {@link #rejectedRecords()} and logged by the ticker.
   *
   * <p>Why a bound: the recorder keeps cumulative 64-bit counts for the life of the process. Real
   * traffic cannot fill them (2^63 events is 292 years at a billion events a second), but one call
   * with a garbage delta (a counter reset read as {@code Long.MAX_VALUE}) could. 2^40 is a day of
   * traffic at twelve million events a second, far above any real poll; a caller passing the
   * maximum would need 2^23 (8.4 million) calls to reach {@code Long.MAX_VALUE}, 2.7 years at one
   * call per 10 s base interval. Should a caller loop on maximal counts anyway, the ticker sums with
   * exact arithmetic and detects the overflow: it then stops counting this recorder (its windows
   * keep every count up to that boundary, later events are not counted) and logs an error, never
   * a wrapped count.
   */
  public void recordCounts(long good, long total) {
    if (good < 0 || good > total || total > MAX_RECORD_COUNTS) {
      rejected.incrementAndGet();
      rejectedToReport = true;
      return;
    }
    if (good > 0) {
      cells.add(0, good);
    }
    if (total > good) {
      cells.add(failCell, total - good);
    }
  }

  /**
   * A view of this recorder that first asks {@code include} whether an event belongs to the SLI
   * (exclude bots, synthetic probes, health checks). The filter runs on the caller's thread; it
   * should not allocate if the record path is to stay allocation-free. A filter that throws anything
   * (an {@link Error} or a checked exception included) counts the event anyway (nothing is lost),
   * and the failure is counted in {@link #filterFailures()} and logged by the ticker, once per
   * exception class, with the SLO id and the boundary. Only an {@link OutOfMemoryError} (and the
   * other {@link VirtualMachineError}s but {@link StackOverflowError}) propagates to the caller.
   */
  public <T> FilteredRecorder<T> filtered(Predicate<? super T> include) {
    Require.nonNull("include", include);
    return new FilteredRecorder<>(this, include);
  }

  boolean admit(Predicate<Object> include, Object attributes) {
    boolean in;
    try {
      in = include.test(attributes);
    } catch (Throwable e) {
      Callbacks.rethrowIfFatal(e); // the one callback policy, allocation-free
      filterFailures.incrementAndGet();
      lastFilterFailure.set(e);
      filterFailureToReport = true;
      return true;
    }
    if (!in) {
      excluded.incrementAndGet();
    }
    return in;
  }

  /**
   * Counts rejected by {@link #recordCounts(long, long)} as invalid since the recorder was made.
   * Monotonic, like {@link #cumulative(Target)}, and never restored.
   */
  public long rejectedRecords() {
    return rejected.get();
  }

  /**
   * Events a {@linkplain #filtered(Predicate) filter} excluded from the SLI since the recorder was
   * made. Monotonic, like {@link #cumulative(Target)}, and never restored.
   */
  public long excludedEvents() {
    return excluded.get();
  }

  /** Times a filter threw (the events were counted) since the recorder was made. Monotonic. */
  public long filterFailures() {
    return filterFailures.get();
  }

  /**
   * The events of {@code target} recorded into this recorder since it was made: what a monotonic
   * counter (a Micrometer {@code FunctionCounter}, a Prometheus {@code _total}) publishes. Always
   * in events, whatever the budgeting method; for a latency SLI, {@code good} counts the events
   * good for this target's threshold. Thread-safe; it sums the striped cells (no tick needed, so
   * it includes events that no window counts yet), and allocates one small array and the result.
   *
   * <p><b>Monotonic.</b> A later call never returns less, in {@code good}, {@code bad} or {@code
   * total}, than an earlier one: the cells only grow, and this takes the lock that the ticker and
   * {@link #restore(byte[])} hold, never one that recording takes.
   *
   * <p><b>Restored counts are not included.</b> The events a {@link #restore(byte[])} brings in
   * count in the windows, never here: they were counted by the counters of the process that
   * recorded them, and a Prometheus {@code increase()} over a restart already spans that process's
   * series and this one's (a counter that starts again from zero is a reset it understands).
   * Including them would count them twice, in a fleet's sum as in one instance's {@code increase()}
   * when the restore came after a scrape. So the counts never jump at a restore, restored into a
   * running recorder or not.
   *
   * <p>Should a count pass {@link Long#MAX_VALUE} (only {@link #recordCounts(long, long)} in a loop
   * of huge counts could do it, see there), the counts stay at the last ones read.
   *
   * @throws IllegalArgumentException when the target is not this SLO's
   */
  public EventCounts cumulative(Target target) {
    int t = targetIndex(target);
    long[] sums = new long[cells.cells()];
    synchronized (stateLock) {
      try {
        cells.sumAll(sums);
        long total = 0;
        for (int c = 0; c < sums.length; c++) {
          sums[c] -= restoredCells[c];
          total = Math.addExact(total, sums[c]);
        }
        System.arraycopy(sums, 0, lastCumulative, 0, sums.length);
      } catch (ArithmeticException overflow) {
        System.arraycopy(lastCumulative, 0, sums, 0, sums.length);
      }
    }
    long total = 0;
    for (long c : sums) {
      total += c; // checked above, or the last counts that were
    }
    long good = sums[0];
    for (int c = 1; latency && c <= t; c++) {
      good += sums[c]; // the successes within threshold t are the cells up to t
    }
    return new EventCounts(good, total);
  }

  /** {@link #cumulative(Target)} of the first target. */
  public EventCounts cumulative() {
    return cumulative(definition.targets().get(0));
  }

  // ---------------------------------------------------------------- ticker side

  /**
   * Reads, without a lock, a little of each part of this recorder that {@link #advance advance(a)} touches
   * (its fields, the cells, the ticker's arrays, the rings), so that the ticker can bring those of
   * many recorders into the cache at once before it closes their boundaries one by one under their
   * locks. The value means nothing; ticker only.
   */
  long warmUp(long a) {
    long v = cellSums[0];
    try {
      v += cells.sum(0);
    } catch (ArithmeticException overflow) {
      // counts that passed Long.MAX_VALUE: advance() handles it, the lines are loaded all the same
    }
    if (a < coastUntil) {
      return v; // most likely skipped (see coast): the rings are not touched
    }
    return v + budgetingKind + (closedABoundary ? 1 : 0) + data[0] + rings.warmUp(a);
  }

  /**
   * Whether the registry may skip this recorder at the regular boundary {@code a} (the next after
   * the last one it closed): before {@link #coastUntil} and with every cell's sum as at the last
   * closed boundary, boundary {@code a} is quiet and changes nothing a reader reads but the boundary
   * itself, which the rings take from the registry's clock. Reads, without a lock, the cells and two
   * fields; ticker only.
   */
  boolean coast(long a) {
    if (a >= coastUntil) {
      return false;
    }
    long[] last = cellSums;
    for (int c = 0; c < last.length; c++) {
      try {
        if (cells.sum(c) != last[c]) {
          return false;
        }
      } catch (ArithmeticException overflow) {
        return false; // advance() handles it
      }
    }
    return true;
  }

  /**
   * Lets the registry whose clock is {@code clock} skip this recorder at quiet boundaries (see {@link
   * #coast}), or stops it ({@code null}, when the registry stops ticking it). Only occurrences
   * budgeting coasts: a slice closes at its own boundaries.
   */
  void attach(Rings.Clock clock) {
    synchronized (stateLock) {
      if (clock != null && budgetingKind != 0) {
        return;
      }
      coastUntil = Long.MIN_VALUE;
      rings.attach(clock);
      coastUntil = countsOverflowed ? Long.MIN_VALUE : rings.coastUntil();
    }
  }

  /** Closes the boundary {@code a}; called by the registry's ticker only. */
  long advance(long a) {
    synchronized (stateLock) {
      long missed = closeBoundary(a);
      coastUntil = countsOverflowed ? Long.MIN_VALUE : rings.coastUntil();
      return missed;
    }
  }

  private long closeBoundary(long a) {
    if (budgetingKind != 0) {
      closeCrossedSlice(a);
    }
    if (!closedABoundary) {
      closedABoundary = true; // written once: a store every tick would dirty a line writers read
    }
    if (!countsOverflowed) {
      try {
        cells.sumAll(cellSums);
        eventColumns(cellSums, data);
      } catch (ArithmeticException overflow) {
        // a count passed Long.MAX_VALUE (recordCounts looped on maximal counts): stop counting,
        // close this and later boundaries with the last exact values, and log it (reportEdge)
        countsOverflowed = true;
        System.arraycopy(rings.capture().current(), 0, data, 0, 1 + targets);
      }
    }
    if (budgetingKind != 0 && Math.floorMod(a, sliceMillis) == 0) {
      closeSlice();
    }
    if (budgetingKind != 0) {
      data[1 + targets] = sliceCount;
      System.arraycopy(sliceGood, 0, data, 2 + targets, targets);
    }
    CalendarSpan span = calendarSpan;
    if (span == null) {
      return rings.advance(a, data);
    }
    // the interval (a − base, a] belongs to the period that contains its start, which is the one
    // that contains a − 1 ms wherever a period boundary falls (docs/windows.md, calendar periods)
    if (a - 1 < span.start || a - 1 >= span.end) {
      span = CalendarSpan.of(definition.period(), a - 1);
      calendarSpan = span;
    }
    return rings.advance(a, data, span.start);
  }

  /**
   * A late tick (one that closes {@code a} after skipping boundaries) first closes the slice that
   * was in progress at the last closed boundary, when a slice boundary lies between the two: that
   * slice holds the events seen up to the last closed boundary (the skipped intervals are gaps
   * without events), and the events this tick sees go to the slice of {@code a}. The slices wholly
   * inside the gap have no events: no data, counted neither way. So slices never merge.
   */
  private void closeCrossedSlice(long a) {
    long prev = rings.asOf();
    long crossed = Math.floorDiv(prev, sliceMillis) * sliceMillis + sliceMillis;
    if (crossed < a) {
      rings.copyCurrent(data); // the cumulative columns as of prev, carried through the gap
      closeSlice();
    }
  }

  private void closeSlice() {
    sliceCount += judgeSlice(data, sliceStart, sliceGood);
    System.arraycopy(data, 0, sliceStart, 0, sliceStart.length);
  }

  /**
   * Judges the slice whose event columns are {@code end − start}: adds each target's good slice (or
   * slice ratio) to {@code good}, and returns 1 when the slice had events (0: no data).
   */
  private long judgeSlice(long[] end, long[] start, long[] good) {
    long total = end[0] - start[0];
    if (total <= 0) {
      return 0;
    }
    for (int i = 0; i < targets; i++) {
      long g = end[1 + i] - start[1 + i];
      if (budgetingKind == 1) {
        if (meetsSliceTarget(g, total)) {
          good[i]++;
        }
      } else {
        good[i] += Math.round((double) g / total * RATIO_SLICE_UNITS);
      }
    }
    return 1;
  }

  /** {@code good / total >= target}, exactly: {@code good · 10^scale >= unscaled · total}. */
  private boolean meetsSliceTarget(long good, long total) {
    try {
      return Math.multiplyExact(good, sliceTargetPow10) >= Math.multiplyExact(sliceTargetUnscaled, total);
    } catch (ArithmeticException overflow) {
      return java.math.BigInteger.valueOf(good)
              .multiply(java.math.BigInteger.valueOf(sliceTargetPow10))
              .compareTo(
                  java.math.BigInteger.valueOf(sliceTargetUnscaled)
                      .multiply(java.math.BigInteger.valueOf(total)))
          >= 0;
    }
  }

  /** Logs what the edge counted since the last call; ticker only. */
  void reportEdge(org.slf4j.Logger log) {
    if (countsOverflowed && !overflowLogged) {
      overflowLogged = true;
      log.error(
          "SLO {}: event counts passed Long.MAX_VALUE (recordCounts called in a loop with huge counts?);"
              + " counting stopped at {}: later events are not counted",
          label(),
          Instant.ofEpochMilli(rings.asOf()));
    }
    if (!rejectedToReport) {
      return;
    }
    rejectedToReport = false; // before the read: a rejection counted after it sets it again
    long r = rejected.get();
    if (r != rejectedLogged) {
      log.warn(
          "SLO {}: {} recordCounts calls rejected (negative counts, good > total or total > 2^40) since the last tick",
          label(),
          r - rejectedLogged);
      rejectedLogged = r;
    }
  }

  /** Logs, through the registry's callback guard, the filter failures since the last call; ticker only. */
  void reportFilterFailures(Callbacks guard) {
    if (!filterFailureToReport) {
      return;
    }
    filterFailureToReport = false; // before the reads: a failure counted after them sets it again
    long f = filterFailures.get();
    Throwable last = lastFilterFailure.get();
    if (f != filterFailuresLogged && last != null) {
      guard.report(
          "SLO " + label(),
          "record filter",
          null,
          rings.asOf(),
          last,
          (f - filterFailuresLogged) + " since the last tick, " + f + " in all; the events were counted anyway");
      filterFailuresLogged = f;
    }
  }

  String label() {
    return groupKey == null ? definition.id() : definition.id() + "[" + groupKey + "]";
  }

  Rings rings() {
    return rings;
  }

  // ---------------------------------------------------------------- state: export, restore

  /**
   * Exports this recorder's state: every closed interval its rings hold, the events recorded since
   * the last closed boundary (they are counted in the next interval of the recorder that restores
   * the state), and for timeslice budgeting the slice in progress. The format is versioned and
   * checksummed; see {@link SloState}. Thread-safe; it holds off this recorder's ticker while it
   * copies (tens of microseconds) and never blocks recording.
   *
   * <p>Typical use: export on shutdown (and periodically, to survive a crash), {@linkplain
   * #restore(byte[]) restore} into the recorder of the next process, or {@linkplain
   * SloState#merge(byte[]...) merge} the states of a fleet's instances.
   */
  public byte[] exportState() {
    RecorderState state;
    synchronized (stateLock) {
      RingState captured = rings.capture();
      long[] recorded = new long[1 + targets];
      if (!countsOverflowed) {
        try {
          long[] sums = new long[cells.cells()];
          cells.sumAll(sums);
          eventColumns(sums, recorded);
        } catch (ArithmeticException overflow) {
          countsOverflowed = true; // the ticker stops counting too, and logs it
        }
      }
      if (countsOverflowed) {
        // the events after the last exact boundary cannot be counted: export up to it
        System.arraycopy(captured.current(), 0, recorded, 0, recorded.length);
      }
      boolean counted = closedABoundary || countsOverflowed || recorded[0] > restoredEvents;
      state =
          new RecorderState(
              definition.id(),
              groupKey,
              stateFingerprint(),
              budgetingKind,
              captured,
              recorded,
              budgetingKind == 0 ? new long[0] : sliceStart.clone(),
              counted ? RecorderState.lineage(lineage, new long[] {instanceId}) : lineage.clone());
    }
    return StateCodec.encode(state);
  }

  /**
   * Adds an exported state's counts to this recorder as history: a restart restores the state of
   * the previous process, and nothing it counted is lost. Thread-safe; recording goes on meanwhile
   * (the recorder of a registry waits for a tick in progress to finish).
   *
   * <p>Afterwards every window counts the state's events in it plus this recorder's own: the
   * state's cumulative counts are added at every boundary this recorder's rings hold, counting zero
   * before the state's origin and carrying its last values after its {@link SloState#asOf() asOf}
   * (its process recorded nothing more). The origin becomes the earlier of the two, so {@link
   * WindowCounts#covered() coverage} reaches back into the state's history. The boundaries between
   * the state's asOf and this recorder's origin, when no process closed them, count as {@linkplain
   * SloSnapshot#gapIntervals(Duration) gap intervals}: downtime shows as gaps with no events. The
   * events the state's process recorded after its last closed boundary are counted in this
   * recorder's next interval. A tier keeps its history only as far back as both this recorder and the
   * state know it.
   *
   * <p>A state whose asOf is after this recorder's (the exporting process's clock was ahead, or
   * this one's stepped back) is accepted: its intervals up to this recorder's asOf are added in
   * place, and the rest is counted in this recorder's next interval, as events recorded while a
   * wall clock was stepped back are. Nothing is lost or counted twice.
   *
   * <p>With timeslice budgeting the slice counts add too. The events of the state's unfinished
   * slice are judged together with this recorder's slice in progress, at its next slice boundary,
   * when it is the same slice; a slice that ended by this recorder's last boundary is judged alone
   * (slices never merge).
   *
   * <p><b>Each instance's counts once.</b> Every recorder has a random 64-bit instance id, and a
   * state lists the instances whose counts it holds: its exporter (once it has closed a boundary
   * or recorded an event), the instances of the states restored into it, and those of merged
   * states. Restore refuses a state that holds counts of this recorder itself or of an instance
   * whose counts it already holds: restoring the same state twice, two exports of one process, or
   * a merged state after one of its parts. Restore the newest state of each process once, or
   * merge them and restore the result once. The list keeps the newest 1,024 instances (three
   * years of daily restarts, or a fleet of 1,024 merged); older ones are no longer recognised.
   *
   * <p>Sums are exact: a state whose counts added to this recorder's would pass {@link
   * Long#MAX_VALUE} is refused whole.
   *
   * @param state bytes from {@link #exportState()} or {@link SloState#merge(byte[]...)}
   * @throws IllegalArgumentException when the state is corrupt, truncated, of a newer format
   *     version, of another SLO or group, of an SLO whose latency thresholds, budgeting, period or
   *     base interval differ, holds counts this recorder already holds, or would overflow its counts
   *     (the message says which); the recorder is then left untouched
   */
  public void restore(byte[] state) {
    RecorderState s = StateCodec.decode("state", state);
    checkSameSlo("state", s);
    Rings.Clock c = rings.clock();
    if (c == null) {
      restore(s);
      return;
    }
    // the registry's tick lock first (its ticker's order): a restore never falls between the
    // registry's decision to skip this recorder at a quiet boundary and that boundary (see coast)
    c.tickLock.lock();
    try {
      restore(s);
    } finally {
      c.tickLock.unlock();
    }
  }

  private void restore(RecorderState s) {
    synchronized (stateLock) {
      checkNotCountedYet("state", s);
      RingState own = rings.capture();
      RingState theirs = s.rings();
      long asOf = own.asOf();
      long stop = theirs.asOf() <= asOf ? theirs.asOf() : theirs.latestKnownAtOrBefore(asOf);
      boolean downtime = theirs.asOf() < own.origin();
      RingState combined;
      long newSliceCount = sliceCount;
      long[] newSliceGood = sliceGood.clone();
      long[] newSliceStart = sliceStart.clone();
      long[] ev = s.recorded();
      long newRestoredEvents;
      try {
        // the cells after adding the state's recorded events must still sum exactly
        long[] sums = new long[cells.cells()];
        cells.sumAll(sums);
        sums[0] = Math.addExact(sums[0], ev[1]);
        for (int i = 1; latency && i < targets; i++) {
          sums[i] = Math.addExact(sums[i], ev[1 + i] - ev[i]);
        }
        sums[failCell] = Math.addExact(sums[failCell], ev[0] - ev[targets]);
        eventColumns(sums, new long[1 + targets]);
        newRestoredEvents = Math.addExact(restoredEvents, ev[0]);
        combined =
            RingState.combine(
                List.of(own, theirs),
                new long[] {asOf, stop},
                asOf,
                downtime ? theirs.asOf() : 0,
                downtime ? own.origin() : 0);
        if (budgetingKind != 0) {
          long[] c = theirs.current();
          newSliceCount = Math.addExact(newSliceCount, c[1 + targets]);
          for (int i = 0; i < targets; i++) {
            newSliceGood[i] = Math.addExact(newSliceGood[i], c[2 + targets + i]);
          }
          long[] theirStart = s.sliceStart();
          if (Math.floorDiv(theirs.asOf(), sliceMillis) * sliceMillis + sliceMillis <= asOf) {
            // the state's unfinished slice ended by this recorder's last boundary: judged alone, as
            // a late tick judges the slice it crossed, so slices never merge
            newSliceCount = Math.addExact(newSliceCount, judgeSlice(c, theirStart, newSliceGood));
            theirStart = java.util.Arrays.copyOf(c, theirStart.length);
          }
          for (int i = 0; i < newSliceStart.length; i++) {
            newSliceStart[i] = Math.addExact(newSliceStart[i], theirStart[i]);
          }
        }
      } catch (ArithmeticException overflow) {
        throw Require.invalid(
            "state", "counts that would pass Long.MAX_VALUE when added to this recorder's", "counts that fit in a long");
      }
      // nothing below can fail
      rings.replace(combined);
      coastUntil = countsOverflowed ? Long.MIN_VALUE : rings.coastUntil();
      addRestored(0, ev[1]);
      for (int i = 1; latency && i < targets; i++) {
        addRestored(i, ev[1 + i] - ev[i]);
      }
      addRestored(failCell, ev[0] - ev[targets]);
      sliceCount = newSliceCount;
      System.arraycopy(newSliceGood, 0, sliceGood, 0, targets);
      System.arraycopy(newSliceStart, 0, sliceStart, 0, sliceStart.length);
      lineage = RecorderState.lineage(lineage, s.lineage());
      restoredEvents = newRestoredEvents;
    }
  }

  /** Adds a restored state's events to a cell, and remembers them for {@link #cumulative(Target)}. */
  private void addRestored(int cell, long n) {
    cells.add(cell, n);
    restoredCells[cell] += n; // at most the cell's sum, which restore checked fits in a long
  }

  /** Refuses a state that holds counts of this recorder or of an instance already restored. */
  private void checkNotCountedYet(String name, RecorderState s) {
    if (RecorderState.shareAnId(new long[] {instanceId}, s.lineage())) {
      throw Require.invalid(
          name, "this recorder's own counts", "the state of another recorder: restoring its own would count them twice");
    }
    if (RecorderState.shareAnId(lineage, s.lineage())) {
      throw Require.invalid(
          name,
          "counts of a recorder instance that this recorder already holds",
          "a state not restored before: restoring it again would count it twice");
    }
  }

  /**
   * Writes the cumulative event columns of cell sums into {@code out[0..targets]}: the total, then
   * the good events of each target (for a latency SLI, the successes within threshold {@code i} are
   * the cells up to {@code i}). Returns {@code out}.
   */
  private long[] eventColumns(long[] sums, long[] out) {
    long total = 0;
    for (long c : sums) {
      total = Math.addExact(total, c); // throws before out is touched
    }
    out[0] = total;
    long good = 0;
    for (int i = 0; i < targets; i++) {
      good += sums[i]; // a partial sum of non-negative cells: at most total, cannot overflow
      out[1 + i] = latency ? good : sums[0];
    }
    return out;
  }

  /**
   * Canonical text of everything that shapes the rows: the latency thresholds, the budgeting
   * method with its slice and slice target, the period's longest length, the base interval and the
   * tiers. Objectives are left out on purpose: they change how counts are judged, not what is
   * counted, so history survives an objective that is tightened or relaxed.
   */
  String stateFingerprint() {
    StringBuilder b = new StringBuilder();
    if (latency) {
      b.append("latency ");
      for (int i = 0; i < thresholdNanos.length; i++) {
        b.append(i == 0 ? "" : ",").append(DurationFormat.format(Duration.ofNanos(thresholdNanos[i])));
      }
    } else {
      b.append("events");
    }
    BudgetingMethod method = definition.budgeting();
    if (method instanceof BudgetingMethod.Timeslices) {
      BudgetingMethod.Timeslices t = (BudgetingMethod.Timeslices) method;
      b.append("; timeslices ").append(DurationFormat.format(t.slice())).append(" >= ").append(t.sliceObjective());
    } else if (method instanceof BudgetingMethod.RatioTimeslices) {
      b.append("; ratio timeslices ").append(DurationFormat.format(((BudgetingMethod.RatioTimeslices) method).slice()));
    } else {
      b.append("; occurrences");
    }
    return b.append("; period max ")
        .append(DurationFormat.format(definition.period().maxLength()))
        .append("; base ")
        .append(DurationFormat.format(Duration.ofMillis(baseMillis)))
        .append("; tiers ")
        .append(rings.tiersText())
        .toString();
  }

  private void checkSameSlo(String name, RecorderState s) {
    s.requireCompatible(name, label(), stateFingerprint(), "", budgetingKind, 1 + targets, rings::sameShape);
  }

  // ---------------------------------------------------------------- read side

  @Override
  public SloDefinition definition() {
    return definition;
  }

  /** The group key of a grouped SLO's recorder; empty for an ungrouped one. */
  public Optional<String> groupKey() {
    return Optional.ofNullable(groupKey);
  }

  @Override
  public long asOfMillis() {
    return rings.asOf();
  }

  /** {@link #asOfMillis()} as an instant. */
  public Instant asOf() {
    return Instant.ofEpochMilli(rings.asOf());
  }

  /** The windows a {@linkplain #snapshot() snapshot} holds: 5m … 3d and the period. */
  public List<Duration> standardWindows() {
    return standardWindows;
  }

  /**
   * The counts of {@code target} over the trailing {@code window}, in the SLO's budgeting units
   * (events, or slices for timeslice budgeting), under the boundary rule in the class comment.
   *
   * @throws IllegalArgumentException when the window is shorter than the base interval (it would
   *     round to zero), longer than the compliance period, or the target is not this SLO's
   */
  @Override
  public WindowCounts window(Target target, Duration window) {
    int t = targetIndex(target);
    long[] out = new long[rings.cols() + 2];
    rings.read(checkWindow(window), out);
    return counts(window, t, out, budgetingKind);
  }

  /**
   * {@link #window(Target, Duration)} without a result object, for a monitor evaluating at every
   * tick: the good and total counts and the covered milliseconds into {@code into[0..2]}. Allocates
   * nothing once the calling thread has read this recorder's shape before (a per-thread scratch row,
   * since readers may be many threads: the ticker, a scrape, an actuator call).
   *
   * @throws IllegalArgumentException as {@link #window(Target, Duration)} does
   */
  @Override
  public void window(Target target, long windowMillis, long[] into) {
    int t = targetIndex(target);
    if (windowMillis < baseMillis || windowMillis > maxPeriodMillis) {
      checkWindow(Duration.ofMillis(windowMillis)); // throws with the message of window(Target, Duration)
    }
    long[] out = scratch(rings.cols() + 2);
    rings.read(windowMillis, out);
    fill(windowMillis, t, out, budgetingKind, into);
  }

  /**
   * {@link #periodWindow(Target)} without a result object: good, total and covered milliseconds
   * into {@code into[0..2]} and the length read into {@code into[3]}. Allocates nothing, as {@link
   * #window(Target, long, long[])}.
   *
   * @throws IllegalArgumentException when the target is not this SLO's
   */
  @Override
  public void periodWindow(Target target, long[] into) {
    int t = targetIndex(target);
    if (!(definition.period() instanceof CompliancePeriod.Calendar)) {
      long[] out = scratch(rings.cols() + 2);
      rings.read(nominalPeriodMillis, out);
      fill(nominalPeriodMillis, t, out, budgetingKind, into);
      into[3] = nominalPeriodMillis;
      return;
    }
    long[] out = scratch(rings.blockLength());
    rings.readPeriod(out);
    long length = out[rings.cols() + 2];
    fill(length, t, out, budgetingKind, into);
    into[3] = length;
  }

  /** {@link #counts} into an array: good, total, covered milliseconds. */
  private void fill(long windowMillis, int t, long[] out, int kind, long[] into) {
    if (kind == 0) {
      into[0] = out[1 + t];
      into[1] = out[0];
    } else {
      long slices = out[1 + targets];
      into[0] = out[2 + targets + t];
      into[1] = kind == 1 ? slices : slices * RATIO_SLICE_UNITS;
    }
    into[2] = Math.min(out[rings.cols()], windowMillis);
  }

  /** One scratch row per reading thread, grown to the widest recorder it has read. */
  private static final ThreadLocal<long[][]> SCRATCH = new ThreadLocal<>() {
    @Override
    protected long[][] initialValue() {
      return new long[][] {new long[0]};
    }
  };

  private static long[] scratch(int length) {
    long[][] holder = SCRATCH.get();
    if (holder[0].length < length) {
      holder[0] = new long[length];
    }
    return holder[0];
  }

  /** {@link #window(Target, Duration)} of the first target. */
  public WindowCounts window(Duration window) {
    return window(definition.targets().get(0), window);
  }

  /** Like {@link #window(Target, Duration)} but always in events, whatever the budgeting method. */
  public WindowCounts eventWindow(Target target, Duration window) {
    int t = targetIndex(target);
    long[] out = new long[rings.cols() + 2];
    rings.read(checkWindow(window), out);
    return counts(window, t, out, 0);
  }

  /**
   * The counts of {@code target} over its compliance period so far, in the SLO's budgeting units.
   * For a rolling period this is {@link #window(Target, Duration)} of the period's length. For a
   * calendar period it is the period that the last closed interval belongs to (the one containing
   * the instant just before {@link #asOfMillis()}, so at a period boundary it is the period that
   * ends there, complete), counted exactly: every base interval that started at or after the
   * period's start and closed by {@code asOf}, whatever the zone's offset (a base interval belongs
   * to the period that contains its start). {@link WindowCounts#window()} is the time since the
   * period's start and {@link WindowCounts#covered()} the part of it the counted intervals cover;
   * less than one base interval into a period whose start is not a multiple of the base interval,
   * no interval has started yet: no data. Never throws for a target of this SLO.
   *
   * @throws IllegalArgumentException when the target is not this SLO's
   */
  public WindowCounts periodWindow(Target target) {
    int t = targetIndex(target);
    if (!(definition.period() instanceof CompliancePeriod.Calendar)) {
      return window(target, definition.period().nominalLength());
    }
    long[] out = new long[rings.blockLength()];
    rings.readPeriod(out);
    return counts(Duration.ofMillis(out[rings.cols() + 2]), t, out, budgetingKind);
  }

  /**
   * The resolution of the tier that answers {@code window} now: the most by which the counted span
   * can exceed the window (see the boundary rule).
   */
  public Duration servingResolution(Duration window) {
    return Duration.ofMillis(rings.servingResolution(checkWindow(window)));
  }

  private WindowCounts counts(Duration window, int t, long[] out, int kind) {
    long good;
    long total;
    if (kind == 0) {
      good = out[1 + t];
      total = out[0];
    } else {
      long slices = out[1 + targets];
      good = out[2 + targets + t];
      total = kind == 1 ? slices : slices * RATIO_SLICE_UNITS;
    }
    long covered = Math.min(out[rings.cols()], window.toMillis());
    return new WindowCounts(window, good, total, Duration.ofMillis(covered));
  }

  private int targetIndex(Target target) {
    return definition.requireTarget(target).index();
  }

  long checkWindow(Duration window) {
    Require.positive("window", window);
    if (window.toMillis() < baseMillis) {
      throw Require.invalid(
          "window",
          DurationFormat.format(window),
          ">= the base interval (" + DurationFormat.format(Duration.ofMillis(baseMillis)) + "); shorter rounds to zero");
    }
    Require.withinPeriod("window", window, definition.period().maxLength());
    return window.toMillis();
  }

  /** A new buffer shaped for this recorder's snapshots, to pass to {@link #snapshot(SnapshotBuffer)}. */
  public SnapshotBuffer newSnapshotBuffer() {
    return new SnapshotBuffer(this, standardWindows, rings.cols(), rings.readyStride(), budgetingKind);
  }

  /**
   * Fills {@code into} with the counts of every target over every {@linkplain #standardWindows()
   * standard window}. Allocates nothing; {@code into} must come from this recorder's {@link
   * #newSnapshotBuffer()} and must not be shared between threads while being filled.
   *
   * @throws IllegalArgumentException when {@code into} was made by another recorder
   */
  public void snapshot(SnapshotBuffer into) {
    if (Require.nonNull("into", into).owner != this) {
      throw Require.invalid("into", "a buffer of another recorder", "a buffer from this recorder's newSnapshotBuffer()");
    }
    // the windows' starts were placed when the boundary closed: two copies (Rings, "windows ready
    // at the tick"); the buffer subtracts when a figure is read
    into.asOfMillis = rings.readReady(into.starts, into.current);
    into.filled = true;
  }

  /** An immutable snapshot of every target over every standard window. Allocates. */
  public SloSnapshot snapshot() {
    SnapshotBuffer b = newSnapshotBuffer();
    snapshot(b);
    return new SloSnapshot(b);
  }

  /** {@code SloRecorder[checkout-availability]}. */
  @Override
  public String toString() {
    return "SloRecorder[" + label() + "]";
  }

  /** The start and end of the calendar period that contains an instant. */
  private static final class CalendarSpan {
    final long start;
    final long end;

    CalendarSpan(long start, long end) {
      this.start = start;
      this.end = end;
    }

    static CalendarSpan of(CompliancePeriod period, long at) {
      Instant now = Instant.ofEpochMilli(at);
      Instant start = period.startAt(now);
      return new CalendarSpan(start.toEpochMilli(), start.plus(period.lengthAt(now)).toEpochMilli());
    }
  }
}
