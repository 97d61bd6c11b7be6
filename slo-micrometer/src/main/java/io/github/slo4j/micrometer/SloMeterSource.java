package io.github.slo4j.micrometer;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Subscription;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Feeds SLOs from meters a service already has (pull): at every tick of the {@code SloRegistry} it
 * reads the cumulative values of counters (or the counts of timers and summaries) and records the
 * increase since the previous tick into each SLO's recorder with {@link
 * SloRecorder#recordCounts(long, long)}. For services with only counters and timers; a service
 * with observations is better served by {@link SloObservationHandler}, which judges every event.
 * Thread-safe; {@link #close()} stops it.
 *
 * <p><b>Reading cumulative values.</b> A {@link MeterQuery} may match several meters (one per tag
 * combination); each is followed by its id, and the SLO gets the sum of their increases, as
 * Prometheus's {@code sum(increase(...))}. Values are whole events (a fractional counter counts
 * its whole part).
 * <ul>
 *   <li>The meters that match when {@link Builder#build()} runs are the starting point: what they
 *       counted before is not recorded.
 *   <li>A meter first seen later (a new {@code uri}, a counter created lazily on the first error)
 *       counts its whole value: everything it counted since it was created happened after the
 *       source started, at most one base interval before it was read.
 *   <li>A meter that goes down, or is replaced by a new meter with the same id (after {@code
 *       MeterRegistry.remove}), was reset: its new value is its increase from zero, as Prometheus's
 *       {@code increase()} treats a counter reset. An increase is never negative.
 *   <li>A meter that disappears stops counting; what it counted since the last tick is lost.
 * </ul>
 *
 * <p><b>Timing.</b> A tick listener runs after the boundary closed, so what is read at a tick is
 * recorded in the interval that follows it: the SLO lags the meters by at most one base interval.
 *
 * <p><b>Bounds.</b> An increase of more than 2^40 events for one SLO in one tick (far beyond real
 * traffic, the mark of a garbage value) is not recorded: it is added to {@link #refusedEvents()}
 * and logged once per SLO, never wrapped. A meter whose value is NaN is skipped for that tick.
 *
 * <p><b>Latency</b> ({@link Builder#latency(SloDefinition, MeterQuery)}) comes from the Timer's
 * histogram bucket at the SLO's threshold, which only a registry that keeps buckets cumulative
 * gives: on a {@code SimpleMeterRegistry} the buckets decay to zero within minutes while the count
 * stays, so this is refused at start-up on any registry not known to keep them (see there).
 * Registries that publish step values ({@code StepMeterRegistry}: counts per step, not since
 * start) are refused for every SLI, and a step meter (a {@code SimpleMeterRegistry} in {@code
 * CountingMode.STEP} makes them) is ignored and logged once.
 *
 * <p><b>Cost per tick.</b> Each query's matching meters are searched for once and kept; the
 * registry's {@code onMeterAdded} and {@code onMeterRemoved} listeners mark the queries a meter
 * matches as changed, and only those are searched again, at the next tick and once more at the tick
 * after it (Micrometer calls its added-listeners just before the meter becomes searchable). A tick
 * in which no matching meter came or went reads the kept meters and allocates nothing for counter,
 * function counter, timer and summary counts; a latency SLI takes one histogram snapshot per timer.
 * The kept meters are dropped at the first tick after their removal, and all of them on {@link
 * #close()}; the two listeners stay registered (Micrometer cannot remove them) but hold the
 * source's queries only weakly and nothing once it is closed.
 */
public final class SloMeterSource implements AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(SloMeterSource.class);

  /** The most events one tick records for one SLO: {@code SloRecorder.recordCounts}'s bound. */
  static final long MAX_COUNTS = 1L << 40;

  /** Registries whose Timer histograms are cumulative since the meter was made (by class name). */
  static final Set<String> CUMULATIVE_HISTOGRAM_REGISTRIES = Set.of(
      "io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
      "io.micrometer.prometheus.PrometheusMeterRegistry");

  private final MeterRegistry meters;
  private final SloRegistry slos;
  private final List<Binding> bindings;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong readFailures = new AtomicLong();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();
  /** The followed queries by meter name, held strongly here and weakly by {@link #changes}. */
  private final Map<String, Followed[]> followed;
  private final Changes changes;
  private final Subscription subscription;

  private SloMeterSource(MeterRegistry meters, SloRegistry slos, List<Binding> bindings) {
    this.meters = meters;
    this.slos = slos;
    this.bindings = List.copyOf(bindings);
    Map<String, List<Followed>> byName = new HashMap<>();
    for (Binding b : this.bindings) {
      for (Followed f : b.followed()) {
        byName.computeIfAbsent(f.query.name(), n -> new ArrayList<>()).add(f);
      }
    }
    Map<String, Followed[]> map = new HashMap<>();
    byName.forEach((name, list) -> map.put(name, list.toArray(new Followed[0])));
    this.followed = Map.copyOf(map);
    this.changes = new Changes(followed);
    meters.config().onMeterAdded(changes).onMeterRemoved(changes); // before the first search: nothing missed
    synchronized (this) {
      for (Binding b : this.bindings) {
        b.read(meters, this, true); // the starting point
      }
    }
    this.subscription = slos.addTickListener(boundary -> poll());
  }

  /** A builder of a source that reads {@code meterRegistry} and feeds SLOs of {@code sloRegistry}. */
  public static Builder builder(MeterRegistry meterRegistry, SloRegistry sloRegistry) {
    Objects.requireNonNull(meterRegistry, "meterRegistry: null (expected a Micrometer MeterRegistry)");
    Objects.requireNonNull(sloRegistry, "sloRegistry: null (expected an SloRegistry)");
    if (meterRegistry instanceof StepMeterRegistry) {
      throw new IllegalArgumentException("meterRegistry: " + meterRegistry.getClass().getSimpleName()
          + " (expected a registry whose meters count since they were made; a StepMeterRegistry's"
          + " meters count per step)");
    }
    return new Builder(meterRegistry, sloRegistry);
  }

  /**
   * Reads the meters and records their increases; called at every tick. A meter that throws when
   * read (a function counter's function) holds back its SLO's increase: none of that SLO's meters
   * moves on, so the next read that succeeds records the increase since the last one. Each such tick
   * is counted in {@link #readFailures()} and logged once per SLO and exception class; the other
   * SLOs are read.
   */
  synchronized void poll() {
    for (int i = 0; i < bindings.size(); i++) { // indexed: an iterator would be allocated every tick
      Binding b = bindings.get(i);
      try {
        b.read(meters, this, false);
      } catch (RuntimeException e) {
        readFailures.incrementAndGet();
        if (logged.add(b.recorder.definition().id() + "|read|" + e.getClass().getName())) {
          LOG.get().warn("slo4j: reading the meters of SLO {} threw at {}; its increase waits for a read that succeeds"
              + " (logged once per exception class)", b.recorder.definition().id(), readableNow(), e);
        }
      }
    }
  }

  /** Ticks at which reading an SLO's meters threw (each holding back that SLO's increase). Monotonic. */
  public long readFailures() {
    return readFailures.get();
  }

  /** Events not recorded because one tick's increase exceeded 2^40 for an SLO. Monotonic. */
  public long refusedEvents() {
    return refused.get();
  }

  /** The ids of the SLOs this source feeds, in the order they were added. */
  public List<String> sloIds() {
    List<String> ids = new ArrayList<>(bindings.size());
    for (Binding b : bindings) {
      ids.add(b.recorder.definition().id());
    }
    return List.copyOf(ids);
  }

  /**
   * Stops reading: no tick starts a read after this returns, and the source lets go of the meters it
   * kept and of the registry's change events. Idempotent.
   */
  @Override
  public void close() {
    subscription.close();
    changes.stop();
    synchronized (this) {
      for (Followed[] fs : followed.values()) {
        for (Followed f : fs) {
          f.forget();
        }
      }
    }
  }

  /** The meters this source keeps for its next tick, each once (for tests). */
  synchronized List<Meter> keptMeters() {
    Map<Meter, Boolean> kept = new IdentityHashMap<>();
    for (Followed[] fs : followed.values()) {
      for (Followed f : fs) {
        for (Meter m : f.kept()) {
          kept.put(m, Boolean.TRUE);
        }
      }
    }
    return List.copyOf(kept.keySet());
  }

  /** The SLOs with their queries. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SloMeterSource[");
    for (int i = 0; i < bindings.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(bindings.get(i));
    }
    return sb.append(']').toString();
  }

  void record(Binding b, long good, long total) {
    if (total <= 0) {
      return;
    }
    if (total > MAX_COUNTS) {
      refused.addAndGet(total);
      warnOnce(b, "refused", "an increase of " + total + " events in one tick exceeds 2^40 and was not recorded");
      return;
    }
    b.recorder.recordCounts(good, total);
  }

  void warnOnce(Binding b, String kind, String what) {
    if (logged.add(b.recorder.definition().id() + '|' + kind)) {
      LOG.get().warn("slo4j: SLO {} at {}: {} (logged once)", b.recorder.definition().id(), readableNow(), what);
    }
  }

  private String readableNow() {
    try {
      return Instant.ofEpochMilli(slos.timeSource().wallMillis()).toString();
    } catch (RuntimeException e) {
      return "an unknown time (the time source threw)";
    }
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /** The whole events of a cumulative value: floored, at most {@code Long.MAX_VALUE}; -1 for NaN. */
  static long whole(double v) {
    if (Double.isNaN(v)) {
      return -1;
    }
    return v <= 0 ? 0 : v >= 0x1p63 ? Long.MAX_VALUE : (long) v;
  }

  /** One SLO and the meters it reads. */
  abstract static class Binding {
    final SloRecorder recorder;

    Binding(SloRecorder recorder) {
      this.recorder = recorder;
    }

    abstract void read(MeterRegistry meters, SloMeterSource source, boolean start);

    /** The queries it follows. */
    abstract List<Followed> followed();
  }

  /**
   * The registry's meter-added and meter-removed listener: marks every followed query the meter
   * matches as changed. Runs on the thread that registers or removes the meter, so it only bumps
   * counters; it holds the queries weakly (a registry cannot unregister a listener) and never throws
   * into Micrometer.
   */
  static final class Changes implements Consumer<Meter> {
    private final WeakReference<Map<String, Followed[]>> followed;

    Changes(Map<String, Followed[]> followed) {
      this.followed = new WeakReference<>(followed);
    }

    @Override
    public void accept(Meter m) {
      Map<String, Followed[]> map = followed.get();
      if (map == null) {
        return;
      }
      try {
        Meter.Id id = m.getId();
        Followed[] fs = map.get(id.getName());
        if (fs != null) {
          for (Followed f : fs) {
            if (f.query.matches(id)) {
              f.changed();
            }
          }
        }
      } catch (RuntimeException e) { // a meter without a usable id: search every query again
        for (Followed[] fs : map.values()) {
          for (Followed f : fs) {
            f.changed();
          }
        }
      }
    }

    void stop() {
      followed.clear();
    }
  }

  /**
   * One query and whether its meters must be searched for again. Its other fields are guarded by the
   * source's lock; {@link #changed()} may run on any thread.
   */
  abstract static class Followed {
    final MeterQuery query;
    private final AtomicLong changes = new AtomicLong();
    /** {@link #changes} as it was before the last search; -1 before the first. */
    private long searched = -1;
    /** Whether the search after the last change was done twice (see {@link #due()}). */
    private boolean confirmed;

    Followed(MeterQuery query) {
      this.query = query;
    }

    /** A matching meter was added or removed. */
    final void changed() {
      changes.incrementAndGet();
    }

    /**
     * Whether to search now: when a change came since the last search, and once more at the tick
     * after, because Micrometer calls the added-listeners before the new meter is in its map (a
     * search in between would see the change but miss the meter).
     */
    final boolean due() {
      long c = changes.get();
      if (c != searched) {
        searched = c;
        confirmed = false;
        return true;
      }
      if (!confirmed) {
        confirmed = true;
        return true;
      }
      return false;
    }

    /** The matching meters of {@code meters} now, walked without copying the registry. */
    final List<Meter> search(MeterRegistry meters) {
      List<Meter> found = new ArrayList<>();
      meters.forEachMeter(m -> {
        if (query.matches(m.getId())) {
          found.add(m);
        }
      });
      return found;
    }

    /** The meters kept from the last search. */
    abstract Meter[] kept();

    /** Lets go of the kept meters; the next read searches again. */
    void forget() {
      searched = -1;
      confirmed = false;
    }
  }

  /** Two sums of counts: good and bad, bad and total, or good and total. */
  static final class Ratio extends Binding {
    final String form;
    final Side first;
    final Side second;

    Ratio(SloRecorder recorder, String form, MeterQuery first, MeterQuery second) {
      super(recorder);
      this.form = form;
      this.first = new Side(first);
      this.second = new Side(second);
    }

    @Override
    void read(MeterRegistry meters, SloMeterSource source, boolean start) {
      long a = first.increase(meters, start, this, source); // read first: the total, read second, includes it
      long b = second.increase(meters, start, this, source);
      first.commit(); // only when both were read: a throwing meter leaves both sides as they were
      second.commit();
      if (start) {
        return;
      }
      switch (form) {
        case "good/bad" -> source.record(this, a, saturatedAdd(a, b));
        case "bad/total" -> source.record(this, Math.max(0, b - a), Math.max(a, b)); // bad > total: all bad
        default -> source.record(this, Math.min(a, b), b); // good/total; good > total: all good
      }
    }

    @Override
    List<Followed> followed() {
      return List.of(first, second);
    }

    @Override
    public String toString() {
      return recorder.definition().id() + " " + form + " " + first.query + " " + second.query;
    }
  }

  /** The matching meters of one query, each with its last count. */
  static final class Side extends Followed {
    private static final Meter[] NO_METERS = {};
    private static final long[] NO_COUNTS = {};
    /** The meters found at the last search that can be counted (steps and other types left out). */
    Meter[] found = NO_METERS;
    /** Their counts at the last committed read; -1 when not read yet (first seen after the start). */
    long[] last = NO_COUNTS;
    /** Their counts at this read, committed by {@link #commit()}. */
    long[] next = NO_COUNTS;

    Side(MeterQuery query) {
      super(query);
    }

    /** The increase of the matching meters since the last commit; searches first when due. */
    long increase(MeterRegistry meters, boolean start, Binding b, SloMeterSource source) {
      if (due()) {
        refresh(meters, b, source);
      }
      long sum = 0;
      for (int i = 0; i < found.length; i++) {
        long now = whole(count(found[i]));
        long before = last[i];
        if (now < 0) {
          next[i] = before; // NaN for now: keep the last count
          continue;
        }
        long d;
        if (before < 0) {
          d = start ? 0 : now; // late: its whole value
        } else if (now < before) {
          d = now; // reset: from zero
        } else {
          d = now - before;
        }
        next[i] = now;
        sum = saturatedAdd(sum, d);
      }
      return sum;
    }

    void commit() {
      long[] t = last;
      last = next;
      next = t;
    }

    /**
     * Searches again: a meter still there keeps its last count; a new one, or a new meter with a
     * removed one's id (after {@code MeterRegistry.remove}), starts unread.
     */
    private void refresh(MeterRegistry meters, Binding b, SloMeterSource source) {
      Map<Meter, Long> before = new IdentityHashMap<>();
      for (int i = 0; i < found.length; i++) {
        before.put(found[i], last[i]);
      }
      List<Meter> kept = new ArrayList<>();
      for (Meter m : search(meters)) {
        if (isStep(m)) {
          source.warnOnce(b, "step|" + m.getId(), "the meter " + m.getId() + " counts per step, not since it was"
              + " made (a SimpleMeterRegistry in CountingMode.STEP?); ignored");
        } else if (!(m instanceof Counter || m instanceof FunctionCounter || m instanceof Timer
            || m instanceof FunctionTimer || m instanceof DistributionSummary)) {
          source.warnOnce(b, "type|" + m.getId(), "the meter " + m.getId() + " is not a counter, timer or summary; ignored");
        } else {
          kept.add(m);
        }
      }
      Meter[] f = kept.toArray(NO_METERS);
      long[] l = new long[f.length];
      for (int i = 0; i < f.length; i++) {
        l[i] = before.getOrDefault(f[i], -1L);
      }
      found = f;
      last = l;
      next = new long[f.length];
    }

    @Override
    Meter[] kept() {
      return found.clone();
    }

    @Override
    void forget() {
      super.forget();
      found = NO_METERS;
      last = NO_COUNTS;
      next = NO_COUNTS;
    }

    /** Micrometer's step meters (StepCounter, StepTimer, ...) live in its step package. */
    private static boolean isStep(Meter m) {
      return m.getClass().getName().startsWith("io.micrometer.core.instrument.step.");
    }

    private static double count(Meter m) {
      if (m instanceof Counter c) {
        return c.count();
      } else if (m instanceof FunctionCounter c) {
        return c.count();
      } else if (m instanceof Timer t) {
        return t.count();
      } else if (m instanceof FunctionTimer t) {
        return t.count();
      } else if (m instanceof DistributionSummary s) {
        return s.count();
      }
      return Double.NaN;
    }
  }

  /** Latency from Timers' cumulative bucket at the SLO's one threshold. */
  static final class Latency extends Binding {
    final Timers timers;
    final long thresholdNanos;

    Latency(SloRecorder recorder, MeterQuery query, long thresholdNanos) {
      super(recorder);
      this.timers = new Timers(query);
      this.thresholdNanos = thresholdNanos;
    }

    /** The count at the bucket of {@code thresholdNanos}, or -1 when the timer does not publish it. */
    static long goodCount(HistogramSnapshot s, long thresholdNanos) {
      for (CountAtBucket c : s.histogramCounts()) {
        if (Math.abs(c.bucket(TimeUnit.NANOSECONDS) - thresholdNanos) < 0.5) {
          return whole(c.count());
        }
      }
      return -1;
    }

    @Override
    void read(MeterRegistry meters, SloMeterSource source, boolean start) {
      Timers ts = timers;
      if (ts.due()) {
        ts.refresh(meters, this, source);
      }
      long good = 0;
      long total = 0;
      for (int i = 0; i < ts.found.length; i++) {
        HistogramSnapshot s = ts.found[i].takeSnapshot();
        long g = goodCount(s, thresholdNanos);
        long n = Math.max(g, s.count());
        long lastN = ts.lastTotal[i];
        long lastG = ts.lastGood[i];
        ts.nextTotal[i] = lastN;
        ts.nextGood[i] = lastG;
        if (g < 0) {
          continue; // checked at the search; should the bucket go, keep the last counts
        }
        long dn;
        long dg;
        if (lastN < 0) {
          dn = start ? 0 : n; // late: its whole value
          dg = start ? 0 : g;
        } else if (n < lastN || g < lastG) {
          dn = n; // reset: from zero
          dg = g;
        } else {
          dn = n - lastN;
          dg = Math.min(g - lastG, dn);
        }
        ts.nextTotal[i] = n;
        ts.nextGood[i] = g;
        total = saturatedAdd(total, dn);
        good = saturatedAdd(good, dg);
      }
      ts.commit();
      if (!start) {
        source.record(this, good, total);
      }
    }

    @Override
    List<Followed> followed() {
      return List.of(timers);
    }

    @Override
    public String toString() {
      return recorder.definition().id() + " latency " + timers.query + " <= " + thresholdNanos + "ns";
    }

    /** The matching timers with the bucket, each with its last total and good counts (-1: unread). */
    final class Timers extends Followed {
      private static final Timer[] NO_TIMERS = {};
      private static final long[] NO_COUNTS = {};
      Timer[] found = NO_TIMERS;
      long[] lastTotal = NO_COUNTS;
      long[] lastGood = NO_COUNTS;
      long[] nextTotal = NO_COUNTS;
      long[] nextGood = NO_COUNTS;

      Timers(MeterQuery query) {
        super(query);
      }

      void refresh(MeterRegistry meters, Binding b, SloMeterSource source) {
        Map<Meter, Integer> before = new IdentityHashMap<>();
        for (int i = 0; i < found.length; i++) {
          before.put(found[i], i);
        }
        List<Timer> kept = new ArrayList<>();
        for (Meter m : search(meters)) {
          if (m instanceof Timer t) {
            if (goodCount(t.takeSnapshot(), thresholdNanos) < 0) {
              source.warnOnce(b, "bucket|" + t.getId(), "the timer " + t.getId() + " publishes no bucket at "
                  + thresholdNanos + " ns (add serviceLevelObjectives(threshold) to it); ignored");
            } else {
              kept.add(t);
            }
          }
        }
        Timer[] f = kept.toArray(NO_TIMERS);
        long[] n = new long[f.length];
        long[] g = new long[f.length];
        for (int i = 0; i < f.length; i++) {
          Integer at = before.get(f[i]);
          n[i] = at == null ? -1 : lastTotal[at];
          g[i] = at == null ? -1 : lastGood[at];
        }
        found = f;
        lastTotal = n;
        lastGood = g;
        nextTotal = new long[f.length];
        nextGood = new long[f.length];
      }

      void commit() {
        long[] t = lastTotal;
        lastTotal = nextTotal;
        nextTotal = t;
        t = lastGood;
        lastGood = nextGood;
        nextGood = t;
      }

      @Override
      Meter[] kept() {
        return found.clone();
      }

      @Override
      void forget() {
        super.forget();
        found = NO_TIMERS;
        lastTotal = NO_COUNTS;
        lastGood = NO_COUNTS;
        nextTotal = NO_COUNTS;
        nextGood = NO_COUNTS;
      }
    }
  }

  /**
   * Builds an {@link SloMeterSource}. Each SLO is registered in the SLO registry (get-or-create) when
   * it is added; the source starts reading at {@link #build()}.
   */
  public static final class Builder {
    private final MeterRegistry meters;
    private final SloRegistry slos;
    private final List<Binding> bindings = new ArrayList<>();

    private Builder(MeterRegistry meters, SloRegistry slos) {
      this.meters = meters;
      this.slos = slos;
    }

    /**
     * Feeds {@code slo} from a count of good events and a count of bad ones (total = good + bad).
     *
     * @throws IllegalArgumentException when the SLO was already added, or the SLO registry holds
     *     another SLO with its id
     */
    public Builder goodAndBad(SloDefinition slo, MeterQuery good, MeterQuery bad) {
      return ratio(slo, "good/bad", "good", good, "bad", bad);
    }

    /**
     * Feeds {@code slo} from a count of bad events and a count of all events. Should the bad
     * increase exceed the total's in a tick (the two were reset apart), the tick counts all bad.
     *
     * @throws IllegalArgumentException as {@link #goodAndBad}
     */
    public Builder badOfTotal(SloDefinition slo, MeterQuery bad, MeterQuery total) {
      return ratio(slo, "bad/total", "bad", bad, "total", total);
    }

    /**
     * Feeds {@code slo} from a count of good events and a count of all events. Should the good
     * increase exceed the total's in a tick, the tick counts all good.
     *
     * @throws IllegalArgumentException as {@link #goodAndBad}
     */
    public Builder goodOfTotal(SloDefinition slo, MeterQuery good, MeterQuery total) {
      return ratio(slo, "good/total", "good", good, "total", total);
    }

    private Builder ratio(SloDefinition slo, String form, String firstName, MeterQuery first, String secondName,
        MeterQuery second) {
      check(slo);
      Objects.requireNonNull(first, firstName + ": null (expected a MeterQuery)");
      Objects.requireNonNull(second, secondName + ": null (expected a MeterQuery)");
      if (first.equals(second)) {
        throw new IllegalArgumentException(
            secondName + ": " + second + " (expected a query other than " + firstName + "'s)");
      }
      bindings.add(new Ratio(slos.registerIfAbsent(slo), form, first, second));
      return this;
    }

    /**
     * Feeds {@code slo}, a latency SLI with one threshold, from the timers {@code timer} matches:
     * an event is good when its timer's histogram counts it at or below the threshold, which each
     * timer must publish as a bucket ({@code Timer.builder(...).serviceLevelObjectives(threshold)});
     * a timer without it is ignored and logged once. The meter registry must keep histogram buckets
     * cumulative since the timer was made. Known to: {@code PrometheusMeterRegistry} (either
     * package) and its subclasses, by class name, so that slo-micrometer needs no Prometheus at
     * compile time. Any other registry, {@code SimpleMeterRegistry} included (its buckets decay to
     * zero within minutes while the count stays) and a composite, is refused.
     *
     * @throws IllegalArgumentException when the SLO is not a latency SLI with exactly one threshold,
     *     a matching timer exists without the threshold's bucket, the meter registry does not keep
     *     buckets cumulative, or as {@link #goodAndBad}
     */
    public Builder latency(SloDefinition slo, MeterQuery timer) {
      check(slo);
      Objects.requireNonNull(timer, "timer: null (expected a MeterQuery)");
      if (!(slo.sli() instanceof Sli.Latency l) || l.thresholds().size() != 1) {
        throw new IllegalArgumentException("slo: " + slo.id() + " has SLI " + slo.sli()
            + " (expected a latency SLI with one threshold: a timer's count gives one good count per tick)");
      }
      if (!keepsCumulativeHistograms(meters)) {
        throw new IllegalArgumentException("meterRegistry: " + meters.getClass().getName()
            + " (expected a registry whose Timer histograms are cumulative, such as PrometheusMeterRegistry;"
            + " this one's buckets may decay while the count stays, so latency from them would be wrong)");
      }
      LatencyThreshold t = l.thresholds().get(0);
      long nanos = t.threshold().toNanos();
      for (Timer found : timer.search(meters).timers()) {
        if (Latency.goodCount(found.takeSnapshot(), nanos) < 0) {
          throw new IllegalArgumentException("timer: " + found.getId() + " (expected a bucket at the threshold "
              + t.threshold() + ": add serviceLevelObjectives(" + t.threshold() + ") to the timer)");
        }
      }
      bindings.add(new Latency(slos.registerIfAbsent(slo), timer, nanos));
      return this;
    }

    private void check(SloDefinition slo) {
      Objects.requireNonNull(slo, "slo: null (expected an SloDefinition)");
      for (Binding b : bindings) {
        if (b.recorder.definition().id().equals(slo.id())) {
          throw new IllegalArgumentException("slo: " + slo.id() + " (already added to this source)");
        }
      }
    }

    /**
     * The source, reading from now on: the meters that match now are its starting point.
     *
     * @throws IllegalStateException when no SLO was added
     */
    public SloMeterSource build() {
      if (bindings.isEmpty()) {
        throw new IllegalStateException(
            "no SLO added (expected at least one goodAndBad, badOfTotal, goodOfTotal or latency before build())");
      }
      return new SloMeterSource(meters, slos, bindings);
    }
  }

  static boolean keepsCumulativeHistograms(MeterRegistry registry) {
    for (Class<?> c = registry.getClass(); c != null; c = c.getSuperclass()) {
      if (CUMULATIVE_HISTOGRAM_REGISTRIES.contains(c.getName())) {
        return true;
      }
    }
    return false;
  }
}
