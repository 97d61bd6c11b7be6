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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class SloMeterSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SloMeterSource.class);

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
  private final Subscription subscription;

  private SloMeterSource(MeterRegistry meters, SloRegistry slos, List<Binding> bindings) {
    this.meters = meters;
    this.slos = slos;
    this.bindings = List.copyOf(bindings);
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
   * read (a function counter's function) loses that tick's increase of its SLO, which is counted in
   * {@link #readFailures()} and logged once per SLO and exception class; the other SLOs are read.
   */
  synchronized void poll() {
    for (Binding b : bindings) {
      try {
        b.read(meters, this, false);
      } catch (RuntimeException e) {
        readFailures.incrementAndGet();
        if (logged.add(b.recorder.definition().id() + "|read|" + e.getClass().getName())) {
          LOG.warn("slo4j: reading the meters of SLO {} threw at {}; this tick's increase is lost"
              + " (logged once per exception class)", b.recorder.definition().id(), readableNow(), e);
        }
      }
    }
  }

  /** Ticks at which reading an SLO's meters threw (each losing that SLO's increase). Monotonic. */
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

  /** Stops reading: no tick starts a read after this returns. Idempotent. */
  @Override
  public void close() {
    subscription.close();
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
      LOG.warn("slo4j: SLO {} at {}: {} (logged once)", b.recorder.definition().id(), readableNow(), what);
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
    public String toString() {
      return recorder.definition().id() + " " + form + " " + first.query + " " + second.query;
    }
  }

  /** The matching meters of one query, each with its last count. */
  static final class Side {
    final MeterQuery query;
    Map<Meter.Id, Last> last = new HashMap<>();

    Side(MeterQuery query) {
      this.query = query;
    }

    long increase(MeterRegistry meters, boolean start, Binding b, SloMeterSource source) {
      Map<Meter.Id, Last> next = new HashMap<>();
      long sum = 0;
      for (Meter m : query.search(meters).meters()) {
        if (isStep(m)) {
          source.warnOnce(b, "step|" + m.getId(), "the meter " + m.getId() + " counts per step, not since it was"
              + " made (a SimpleMeterRegistry in CountingMode.STEP?); ignored");
          continue;
        }
        long now = whole(count(m));
        if (now < 0) {
          if (!(m instanceof Counter || m instanceof FunctionCounter || m instanceof Timer
              || m instanceof FunctionTimer || m instanceof DistributionSummary)) {
            source.warnOnce(b, "type|" + m.getId(), "the meter " + m.getId() + " is not a counter, timer or summary; ignored");
          }
          Last l = last.get(m.getId());
          if (l != null && l.meter == m) {
            next.put(m.getId(), l); // NaN for now: keep the last count
          }
          continue;
        }
        Last l = last.get(m.getId());
        long d;
        if (l == null) {
          d = start ? 0 : now; // late: its whole value
        } else if (l.meter != m || now < l.count) {
          d = now; // replaced or reset: from zero
        } else {
          d = now - l.count;
        }
        next.put(m.getId(), new Last(m, now, 0));
        sum = saturatedAdd(sum, d);
      }
      last = next;
      return sum;
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

  /** A meter's last counts, with the meter itself to tell a replacement from the same meter. */
  record Last(Meter meter, long count, long good) {}

  /** Latency from Timers' cumulative bucket at the SLO's one threshold. */
  static final class Latency extends Binding {
    final MeterQuery query;
    final long thresholdNanos;
    Map<Meter.Id, Last> last = new HashMap<>();

    Latency(SloRecorder recorder, MeterQuery query, long thresholdNanos) {
      super(recorder);
      this.query = query;
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
      Map<Meter.Id, Last> next = new HashMap<>();
      long good = 0;
      long total = 0;
      for (Timer t : query.search(meters).timers()) {
        HistogramSnapshot s = t.takeSnapshot();
        long g = goodCount(s, thresholdNanos);
        if (g < 0) {
          source.warnOnce(this, "bucket|" + t.getId(), "the timer " + t.getId() + " publishes no bucket at "
              + thresholdNanos + " ns (add serviceLevelObjectives(threshold) to it); ignored");
          continue;
        }
        long n = Math.max(g, s.count());
        Last l = last.get(t.getId());
        long dn;
        long dg;
        if (l == null) {
          dn = start ? 0 : n;
          dg = start ? 0 : g;
        } else if (l.meter() != t || n < l.count() || g < l.good()) {
          dn = n;
          dg = g;
        } else {
          dn = n - l.count();
          dg = Math.min(g - l.good(), dn);
        }
        next.put(t.getId(), new Last(t, n, g));
        total = saturatedAdd(total, dn);
        good = saturatedAdd(good, dg);
      }
      last = next;
      if (!start) {
        source.record(this, good, total);
      }
    }

    @Override
    public String toString() {
      return recorder.definition().id() + " latency " + query + " <= " + thresholdNanos + "ns";
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
