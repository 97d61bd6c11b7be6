package io.github.slo4j.benchmarks;

import com.alibaba.csp.sentinel.slots.statistic.metric.ArrayMetric;
import com.alibaba.csp.sentinel.slots.statistic.metric.BucketLeapArray;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.netflix.hystrix.util.HystrixRollingNumber;
import com.netflix.hystrix.util.HystrixRollingPercentile;
import com.netflix.hystrix.util.HystrixTestClock;
import io.github.resilience4j.core.metrics.LockFreeSlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Metrics;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * How every benchmark builds slo4j and its peers, so that all of them are configured the same way
 * and the tables compare like with like.
 *
 * <p><b>The window.</b> Peers hold one rolling window each. They are all sized to the 1-hour window
 * of the first paging tier (SRE Workbook ch. 5: 1 h at 14.4x) in 10-second buckets, the resolution
 * of slo4j's finest ring, wherever the peer lets us choose: Sentinel and Hystrix keep the window
 * length in an {@code int} of milliseconds and cannot hold the 30-day period at all (24.8 days at
 * most), resilience4j has fixed 1-second slots (a 30-day window is 2.6 million objects), and
 * Dropwizard keeps every sample. A longer window changes their memory ({@link Footprint}), not
 * their record path. slo4j always tracks the full 30-day SLO with every standard window.
 */
final class Peers {
  private Peers() {}

  static {
    initSentinelLogQuietly();
  }

  /**
   * Sentinel's {@code LogBase} prints five {@code INFO: Sentinel log ...} lines to
   * {@code System.out} from its static initializer (output type, charset, directory, pid, level),
   * with no property to turn them off; they land in the middle of the test and benchmark output.
   * Initialize it here, before any benchmark or footprint touches Sentinel, with {@code System.out}
   * held back, and pass on anything else it prints (its errors, e.g. a log directory it cannot
   * create). Set {@code csp.sentinel.log.dir} before this runs.
   */
  private static void initSentinelLogQuietly() {
    PrintStream out = System.out;
    ByteArrayOutputStream held = new ByteArrayOutputStream();
    System.setOut(new PrintStream(held, true, StandardCharsets.UTF_8));
    try {
      Class.forName("com.alibaba.csp.sentinel.log.LogBase", true, Peers.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Sentinel's LogBase moved: update Peers", e);
    } finally {
      System.setOut(out);
    }
    held.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> !l.startsWith("INFO: Sentinel log "))
        .forEach(out::println);
  }

  /** The rolling window peers hold. */
  static final Duration WINDOW = Duration.ofHours(1);
  /** The bucket (slot) width of peers whose bucket width is configurable; slo4j's base interval. */
  static final Duration BUCKET = Duration.ofSeconds(10);
  /** Buckets per window. */
  static final int BUCKETS = (int) (WINDOW.toMillis() / BUCKET.toMillis());

  static final int WINDOW_MS = (int) WINDOW.toMillis();
  static final int WINDOW_S = (int) WINDOW.toSeconds();

  /** The latency thresholds of the latency SLO, and a peer's "slow call" threshold. */
  static final Duration FAST = Duration.ofMillis(100);

  static final Duration SLOW = Duration.ofMillis(500);

  /** An events SLO: 99.9 % over a rolling 30 days (the Workbook's example). */
  static SloDefinition eventsSlo() {
    return eventsSlo("bench-availability");
  }

  /** The same SLO under another id, for a second registration in one registry. */
  static SloDefinition eventsSlo(String id) {
    return SloDefinition.builder(id)
        .service("bench")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(30))
        .build();
  }

  /** A latency SLO with two thresholds over 30 days: 90 % within 100 ms, 99 % within 500 ms. */
  static SloDefinition latencySlo() {
    return SloDefinition.builder("bench-latency")
        .service("bench")
        .sli(
            Sli.latency(
                LatencyThreshold.of(FAST, Objective.percent("90")),
                LatencyThreshold.of(SLOW, Objective.percent("99"))))
        .period(CompliancePeriod.rollingDays(30))
        .build();
  }

  // ---- peers on the real clock (record paths) ----

  /** Sentinel's minute-metric layout, sized to the window: {@code new ArrayMetric(360, 3600000, false)}. */
  static ArrayMetric sentinel() {
    return new ArrayMetric(BUCKETS, WINDOW_MS, false);
  }

  static SlidingTimeWindowMetrics resilience4j() {
    return new SlidingTimeWindowMetrics(WINDOW_S, java.time.Clock.systemUTC());
  }

  static LockFreeSlidingTimeWindowMetrics resilience4jLockFree() {
    return new LockFreeSlidingTimeWindowMetrics(WINDOW_S);
  }

  static HystrixRollingNumber hystrix() {
    return new HystrixRollingNumber(WINDOW_MS, BUCKETS);
  }

  /** Hystrix's latency window; 100 values kept per bucket (its default). */
  static HystrixRollingPercentile hystrixPercentile() {
    return new HystrixRollingPercentile(WINDOW_MS, BUCKETS, 100,
        com.netflix.hystrix.strategy.properties.HystrixProperty.Factory.asProperty(true));
  }

  static HystrixRollingPercentile hystrixPercentile(FakeTime time) {
    return HystrixTestClock.rollingPercentile(time::millis, WINDOW_MS, BUCKETS, 100);
  }

  static HystrixRollingNumber hystrix(FakeTime time) {
    return HystrixTestClock.rollingNumber(time::millis, WINDOW_MS, BUCKETS);
  }

  static BucketLeapArray sentinelLeapArray() {
    return new BucketLeapArray(BUCKETS, WINDOW_MS);
  }

  static SlidingTimeWindowMetrics resilience4j(FakeTime time) {
    return new SlidingTimeWindowMetrics(WINDOW_S, time.javaClock());
  }

  static LockFreeSlidingTimeWindowMetrics resilience4jLockFree(FakeTime time) {
    return new LockFreeSlidingTimeWindowMetrics(WINDOW_S, time.resilience4jClock());
  }

  /** A cumulative Micrometer counter (a {@code DoubleAdder}). */
  static Counter micrometerCounter() {
    return new SimpleMeterRegistry().counter("requests");
  }

  /** A Micrometer step counter: the count of the last complete 10-s step. */
  static Counter micrometerStepCounter(io.micrometer.core.instrument.Clock clock) {
    return new SimpleMeterRegistry(stepConfig(), clock).counter("requests");
  }

  private static SimpleConfig stepConfig() {
    return new SimpleConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public CountingMode mode() {
        return CountingMode.STEP;
      }

      @Override
      public Duration step() {
        return BUCKET;
      }
    };
  }

  /**
   * A Micrometer timer with the SLO's two latency thresholds as service-level-objective buckets,
   * its distribution kept over the 1-hour window ({@code distributionStatisticExpiry}) in
   * Micrometer's default ring of 3 histograms. Micrometer records every value into every histogram
   * of the ring, so a ring of 360 (10-s rotation, like the other peers) makes each record about
   * 100 times dearer (measured: about 5 µs); the default is the fair configuration.
   */
  static Timer micrometerTimer(io.micrometer.core.instrument.Clock clock) {
    return micrometerTimer(clock, 3);
  }

  static Timer micrometerTimer(io.micrometer.core.instrument.Clock clock, int bufferLength) {
    return Timer.builder("latency")
        .serviceLevelObjectives(FAST, SLOW)
        .distributionStatisticExpiry(WINDOW)
        .distributionStatisticBufferLength(bufferLength)
        .register(new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock));
  }

  /** A shared HdrHistogram {@code Recorder}: 1 µs to 1 min, 2 significant digits. */
  static Recorder hdrRecorder() {
    return new Recorder(1_000L, TimeUnit.MINUTES.toNanos(1), 2);
  }

  static SingleWriterRecorder hdrSingleWriterRecorder() {
    return new SingleWriterRecorder(1_000L, TimeUnit.MINUTES.toNanos(1), 2);
  }

  /** Dropwizard's time-window reservoir; it keeps every sample of {@code window}. */
  static SlidingTimeWindowArrayReservoir dropwizardReservoir(Duration window, FakeTime time) {
    return new SlidingTimeWindowArrayReservoir(window.toNanos(), TimeUnit.NANOSECONDS,
        time.dropwizardClock());
  }

  static SlidingTimeWindowArrayReservoir dropwizardReservoir(Duration window) {
    return new SlidingTimeWindowArrayReservoir(window.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** resilience4j's outcome for a call, classified against the slow-call threshold as its caller does. */
  static Metrics.Outcome outcome(long latencyNanos, boolean success) {
    boolean slow = latencyNanos > SLOW.toNanos();
    if (success) {
      return slow ? Metrics.Outcome.SLOW_SUCCESS : Metrics.Outcome.SUCCESS;
    }
    return slow ? Metrics.Outcome.SLOW_ERROR : Metrics.Outcome.ERROR;
  }

  /**
   * Pre-generated request latencies, the same for every implementation: log-normal around a
   * 30-ms median (about 8 % above 100 ms, under 1 % above 500 ms), capped at 1 min.
   */
  static long[] latencies(int n, long seed) {
    Random random = new Random(seed);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      double ms = Math.exp(Math.log(30) + 1.0 * random.nextGaussian());
      out[i] = Math.min(TimeUnit.MINUTES.toNanos(1), Math.max(1_000L, (long) (ms * 1_000_000)));
    }
    return out;
  }

  /** Pre-generated outcomes: one failure in 256 requests on average. */
  static boolean[] outcomes(int n, long seed) {
    Random random = new Random(seed);
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextInt(256) != 0;
    }
    return out;
  }
}
