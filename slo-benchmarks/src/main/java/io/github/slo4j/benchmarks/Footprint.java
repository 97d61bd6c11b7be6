package io.github.slo4j.benchmarks;

import com.alibaba.csp.sentinel.slots.statistic.metric.ArrayMetric;
import com.alibaba.csp.sentinel.slots.statistic.metric.BucketLeapArray;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.netflix.hystrix.util.HystrixRollingNumber;
import com.netflix.hystrix.util.HystrixRollingNumberEvent;
import com.netflix.hystrix.util.HystrixTestClock;
import io.github.resilience4j.core.metrics.LockFreeSlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Metrics;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jol.info.GraphLayout;

/**
 * Memory per SLO: the retained size (JOL {@code GraphLayout.parseInstance(x).totalSize()}: every
 * object reachable from {@code x}, headers and padding included) of slo4j's recorder for a 30-day
 * SLO with two latency thresholds, and of each peer holding a 30-day window, after the window has
 * been filled so that lazily created buckets exist.
 *
 * <p>A peer's 30-day window is held at 1-hour resolution (720 buckets, what slo4j's coarsest ring
 * uses for the period) wherever the resolution is configurable. Where a configuration cannot be
 * built or walked in reasonable time the figure is extrapolated from a measured smaller one and
 * the row says so: Sentinel and Hystrix store the window length as an {@code int} of milliseconds
 * (30 days do not fit), so they are measured with 720 buckets of a shorter width (the buckets are
 * the same objects whatever their width); Dropwizard keeps every sample, so its size is per event
 * and grows with traffic.
 *
 * <p>Not a JMH benchmark: run it directly.
 *
 * <pre>
 * java -cp slo-benchmarks/target/benchmarks.jar io.github.slo4j.benchmarks.Footprint
 * </pre>
 */
public final class Footprint {
  private Footprint() {}

  static {
    // JOL cannot read the field offsets of records through Unsafe, and attaching its agent to this
    // JVM needs -Djdk.attach.allowAttachSelf=true; its "magic" offset probe works without either.
    if (System.getProperty("jol.magicFieldOffset") == null) {
      System.setProperty("jol.magicFieldOffset", "true");
    }
  }

  /** 30 days at 1-hour resolution. */
  static final int HOURLY_BUCKETS = 720;

  private static final int THIRTY_DAYS_S = (int) Duration.ofDays(30).toSeconds();
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  /**
   * One row of the footprint table.
   *
   * @param implementation the implementation, as named in the benchmark tables
   * @param holds what it holds
   * @param bytes the retained size in bytes
   * @param how "measured" or how it was extrapolated
   */
  public record Row(String implementation, String holds, long bytes, String how) {}

  /** Prints the table. */
  public static void main(String[] args) {
    print(measure(), System.out);
  }

  static void print(List<Row> rows, PrintStream out) {
    for (Row r : rows) {
      out.printf(Locale.ROOT, "%-22s %14s  %-60s %s%n", r.implementation(), human(r.bytes()),
          r.holds(), r.how());
    }
  }

  /** Builds, fills and measures every implementation. */
  public static List<Row> measure() {
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("baseline", "one LongAdder (no window)", size(adder()), "measured"));
    rows.add(new Row("atomicLong", "one AtomicLong (no window)", size(new AtomicLong(1)), "measured"));
    rows.add(new Row("slo4j", "30-d latency SLO, 2 thresholds, every standard window",
        size(slo4j(Peers.latencySlo())), "measured"));
    rows.add(new Row("slo4j (events SLO)", "30-d events SLO, every standard window",
        size(slo4j(Peers.eventsSlo())), "measured"));
    rows.addAll(perSloAndGroup());
    rows.add(sentinel());
    rows.add(resilience4j());
    rows.add(resilience4jLockFree());
    rows.add(hystrix());
    rows.add(new Row("micrometerTimer", "Timer, 2 SLO buckets, 30-d expiry, default ring of 3",
        size(micrometerTimer(3)), "measured"));
    rows.add(new Row("micrometerTimer (720)", "Timer, 2 SLO buckets, 30-d expiry, ring of 720",
        size(micrometerTimer(HOURLY_BUCKETS)), "measured"));
    rows.add(new Row("hdrRecorder", "one Recorder (the current interval only, no window)",
        size(Peers.hdrRecorder()), "measured"));
    rows.add(hdrRing());
    rows.add(dropwizard());
    return rows;
  }

  static long size(Object o) {
    return GraphLayout.parseInstance(o).totalSize();
  }

  private static LongAdder adder() {
    LongAdder a = new LongAdder();
    a.increment();
    return a;
  }

  /** The recorder after 31 days of 10-s ticks with traffic in every interval. */
  static SloRecorder slo4j(SloDefinition slo) {
    FakeTime time = new FakeTime(START);
    SloRegistry registry =
        SloRegistry.builder().timeSource(time).baseInterval(Peers.BUCKET).manualTicks().build();
    SloRecorder recorder = registry.register(slo);
    long step = Peers.BUCKET.toNanos();
    long intervals = Duration.ofDays(31).toNanos() / step;
    boolean latency = slo.sli() instanceof Sli.Latency;
    for (long i = 0; i < intervals; i++) {
      if (latency) {
        recorder.recordLatency(i % 700, TimeUnit.MILLISECONDS, i % 101 != 0);
      } else {
        recorder.record(i % 101 != 0);
      }
      time.advanceNanos(step);
      registry.tick();
    }
    registry.close();
    return recorder;
  }

  /** The group counts at which memory per group is measured. */
  static final int[] GROUP_COUNTS = {1, 1_000, 10_000};

  /**
   * Memory per SLO and per group, each next to its target (issue 10): a 30-day events SLO after 31
   * days of traffic; and the groups of one grouped 30-day events SLO, quiet (one request an hour),
   * at 1, 1,000 and 10,000 groups: the recorders of the groups with their map entries and keys,
   * the shared definition left out, divided by the count (and the total for all of them).
   */
  static List<Row> perSloAndGroup() {
    List<Row> rows = new ArrayList<>();
    SloRecorder events = slo4j(Peers.eventsSlo());
    long eventsBytes = GraphLayout.parseInstance(events, events.definition()).totalSize()
        - size(events.definition());
    rows.add(new Row("slo4j per events SLO", "30-d events SLO after 31 d of traffic (target ≤ 24 KiB)",
        eventsBytes, "measured, the definition left out"));
    rows.add(new Row(QUIET_TICKED, "a quiet group (1 request/h) of a 30-d events SLO, ticked every"
        + " 10 s for 31 d (target ≤ 4 KiB)", quietGroupTicked(), "measured: one group's own bytes"));
    for (int n : GROUP_COUNTS) {
      long total = quietGroups(n);
      rows.add(new Row("slo4j per group (" + String.format(Locale.ROOT, "%,d", n) + ")",
          "a quiet group (1 request/h) of a 30-d events SLO after a 31-d gap, one of "
              + String.format(Locale.ROOT, "%,d", n) + " (target ≤ 4 KiB)",
          total / n, "measured (with what the groups share): all " + String.format(Locale.ROOT, "%,d", n) + " groups " + human(total)
              + (n == 10_000 ? " (target ≤ 64 MiB)" : "") + " ÷ " + n));
    }
    return rows;
  }

  /** The row of {@link #quietGroupTicked()}. */
  static final String QUIET_TICKED = "slo4j per group (ticked)";

  /**
   * Bytes held by one quiet group as a service's ticker leaves it: a grouped 30-day events SLO with
   * one group that sees one request an hour, ticked at every 10-s boundary for 31 days (267,840
   * ticks, no gap). Counted: what the group holds of its own (its recorder and key): everything
   * reachable from it and not from a second group of the same SLO created at the end, so what all
   * groups share (the definition, the standard windows and the rings' tiers) is left out, and so is
   * the map entry.
   */
  static long quietGroupTicked() {
    FakeTime time = new FakeTime(START);
    SloRegistry registry =
        SloRegistry.builder().timeSource(time).baseInterval(Peers.BUCKET).manualTicks().build();
    io.github.slo4j.recorder.GroupedSloRecorder grouped =
        registry.registerGrouped(Peers.eventsSlo("tenant-availability"), 2);
    long step = Peers.BUCKET.toNanos();
    long intervals = Duration.ofDays(31).toNanos() / step;
    for (long i = 0; i < intervals; i++) {
      if (i % 360 == 0) {
        grouped.group("tenant-00000").recordGood();
      }
      time.advanceNanos(step);
      registry.tick();
    }
    SloRecorder quiet = grouped.group("tenant-00000");
    SloRecorder other = grouped.group("tenant-00001");
    registry.close();
    return GraphLayout.parseInstance(quiet, other).totalSize() - size(other);
  }

  /**
   * Bytes held by {@code n} quiet groups: a grouped 30-day events SLO whose groups each saw one
   * request, ticked through a 31-day jump (every ring full) and ten minutes of 10-s boundaries, one
   * more request in the middle. Ticking every group at every boundary of a month would take an hour
   * at 10,000 groups, so the month is one gap: each tier's gap column then holds a month of gaps
   * (one more per 10-s row, 12 per 2-min row, 360 per hourly row), which a group that a ticker closes
   * at every boundary never stores. The gap columns store each row against a ramp per block of 64
   * rows, so a month of gaps costs no bits a row, only each column's checkpoints and ramps (16 bytes
   * a block); {@link #quietGroupTicked()} measures the group without them.
   */
  static long quietGroups(int n) {
    FakeTime time = new FakeTime(START);
    SloRegistry registry =
        SloRegistry.builder().timeSource(time).baseInterval(Peers.BUCKET).manualTicks().build();
    io.github.slo4j.recorder.GroupedSloRecorder grouped =
        registry.registerGrouped(Peers.eventsSlo("tenant-availability"), n);
    for (int i = 0; i < n; i++) {
      grouped.group(String.format(Locale.ROOT, "tenant-%05d", i)).recordGood();
    }
    time.advanceNanos(Duration.ofDays(31).toNanos());
    registry.tick();
    for (int s = 0; s < 60; s++) {
      if (s == 30) {
        grouped.groups().values().forEach(SloRecorder::recordGood);
      }
      time.advanceNanos(Peers.BUCKET.toNanos());
      registry.tick();
    }
    registry.close();
    SloDefinition shared = grouped.definition();
    return GraphLayout.parseInstance(grouped.groups(), shared).totalSize() - size(shared);
  }

  private static Row sentinel() {
    int bucketMs = 1_000;
    BucketLeapArray leap = new BucketLeapArray(HOURLY_BUCKETS, HOURLY_BUCKETS * bucketMs);
    for (int b = 0; b < HOURLY_BUCKETS; b++) {
      leap.currentWindow(START + (long) b * bucketMs).value().addPass(1);
    }
    ArrayMetric metric = new ArrayMetric(leap);
    return new Row("sentinel", "ArrayMetric, 720 buckets (30 d cannot be configured)",
        size(metric), "measured with 720 buckets of 1 s");
  }

  private static Row resilience4j() {
    FakeTime time = new FakeTime(START);
    SlidingTimeWindowMetrics m = new SlidingTimeWindowMetrics(THIRTY_DAYS_S, time.javaClock());
    m.record(1, TimeUnit.MILLISECONDS, Metrics.Outcome.SUCCESS);
    return new Row("resilience4j", "SlidingTimeWindowMetrics, 30 d of 1-s slots (2,592,000)",
        size(m), "measured");
  }

  private static Row resilience4jLockFree() {
    // Measured over one day, filled one record per second, then scaled to 30 days: the window is a
    // linked list with one node per second that saw traffic, and walking 30 days of it with JOL
    // takes minutes.
    int day = (int) Duration.ofDays(1).toSeconds();
    FakeTime time = new FakeTime(START);
    LockFreeSlidingTimeWindowMetrics m = new LockFreeSlidingTimeWindowMetrics(day, time.resilience4jClock());
    for (int s = 0; s < day; s++) {
      m.record(1, TimeUnit.MILLISECONDS, Metrics.Outcome.SUCCESS);
      time.advanceNanos(TimeUnit.SECONDS.toNanos(1));
    }
    long oneDay = size(m);
    return new Row("resilience4jLockFree", "LockFreeSlidingTimeWindowMetrics, 30 d, traffic every second",
        oneDay * 30, "1 d measured (" + human(oneDay) + ") x 30");
  }

  private static Row hystrix() {
    int bucketMs = 1_000;
    FakeTime time = new FakeTime(START);
    HystrixRollingNumber n =
        HystrixTestClock.rollingNumber(time::millis, HOURLY_BUCKETS * bucketMs, HOURLY_BUCKETS);
    for (int b = 0; b < HOURLY_BUCKETS; b++) {
      n.increment(HystrixRollingNumberEvent.SUCCESS);
      time.advanceNanos(TimeUnit.MILLISECONDS.toNanos(bucketMs));
    }
    n.increment(HystrixRollingNumberEvent.SUCCESS);
    return new Row("hystrix", "HystrixRollingNumber, 720 buckets (30 d cannot be configured)",
        size(n), "measured with 720 buckets of 1 s");
  }

  private static Timer micrometerTimer(int bufferLength) {
    FakeTime time = new FakeTime(START);
    Timer timer =
        Timer.builder("latency")
            .serviceLevelObjectives(Peers.FAST, Peers.SLOW)
            .distributionStatisticExpiry(Duration.ofDays(30))
            .distributionStatisticBufferLength(bufferLength)
            .register(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(
                io.micrometer.core.instrument.simple.SimpleConfig.DEFAULT, time.micrometerClock()));
    timer.record(20, TimeUnit.MILLISECONDS);
    return timer;
  }

  private static Row hdrRing() {
    Recorder recorder = Peers.hdrRecorder();
    recorder.recordValue(TimeUnit.MILLISECONDS.toNanos(20));
    Histogram interval = recorder.getIntervalHistogram();
    Histogram[] ring = new Histogram[HOURLY_BUCKETS];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = interval.copy();
    }
    return new Row("hdrRecorder (720)", "Recorder + a ring of 720 hourly interval histograms",
        size(new Object[] {recorder, ring}), "measured");
  }

  private static Row dropwizard() {
    int samples = 100_000;
    FakeTime time = new FakeTime(START);
    SlidingTimeWindowArrayReservoir r =
        Peers.dropwizardReservoir(Duration.ofDays(30), time);
    for (int i = 0; i < samples; i++) {
      r.update(TimeUnit.MILLISECONDS.toNanos(20));
      time.advanceNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    long measured = size(r);
    double perSample = (double) measured / samples;
    long events = 10L * THIRTY_DAYS_S;
    return new Row("dropwizardReservoir", "SlidingTimeWindowArrayReservoir, 30 d at 10 requests/s",
        (long) (perSample * events),
        String.format(Locale.ROOT, "%,d samples measured (%.1f B each) x %,d", samples, perSample,
            events));
  }

  /** {@code 812 B}, {@code 48.2 KiB}, {@code 103.4 MiB}. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
