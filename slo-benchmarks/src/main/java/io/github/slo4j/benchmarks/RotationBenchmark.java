package io.github.slo4j.benchmarks;

import com.alibaba.csp.sentinel.slots.statistic.metric.BucketLeapArray;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.netflix.hystrix.util.HystrixRollingNumber;
import com.netflix.hystrix.util.HystrixRollingNumberEvent;
import io.github.resilience4j.core.metrics.LockFreeSlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Metrics;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Snapshot;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records while time runs fast, so that every implementation's rotation code (closing a bucket,
 * resetting a slot, slo4j's tick) runs during the measurement rather than once a second. Every
 * operation moves one shared {@link FakeTime} forward by 1/{@value #EVENTS_PER_BUCKET} of the
 * 10-s bucket and records one event: a 10-s bucket closes every {@value #EVENTS_PER_BUCKET}
 * events, and resilience4j, whose slots are 1 s wide, moves about one slot per event.
 *
 * <p>slo4j: {@code SloRegistry.tick()} then {@code recordGood()} on a registry with manual ticks, so
 * the ticker's work is counted inline on the recording threads (in production it runs on its own
 * thread, off the request path). {@code baseline}: advance the clock and {@code
 * LongAdder.increment()}. HdrHistogram has no window; its rotation is the interval swap, done by
 * whichever thread crosses a bucket boundary.
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar RotationBenchmark -t 1 -prof gc
 * java -jar slo-benchmarks/target/benchmarks.jar RotationBenchmark -t 2 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RotationBenchmark {
  /** Events recorded per 10-s bucket: the clock moves 1.25 s per event. */
  static final int EVENTS_PER_BUCKET = 8;

  private static final long BUCKET_NANOS = Peers.BUCKET.toNanos();
  private static final long STEP = BUCKET_NANOS / EVENTS_PER_BUCKET;
  private static final long LATENCY = TimeUnit.MILLISECONDS.toNanos(20);
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private FakeTime time;
  private LongAdder adder;
  private SloRegistry registry;
  private SloRecorder recorder;
  private BucketLeapArray sentinel;
  private SlidingTimeWindowMetrics resilience4j;
  private LockFreeSlidingTimeWindowMetrics resilience4jLockFree;
  private HystrixRollingNumber hystrix;
  private Counter micrometerStepCounter;
  private Timer micrometerTimer;
  private Recorder hdrRecorder;
  private Histogram hdrInterval;
  private SlidingTimeWindowArrayReservoir dropwizardReservoir;

  /** Builds every implementation on one fake clock. */
  @Setup(Level.Trial)
  public void setUp() {
    time = new FakeTime(START);
    adder = new LongAdder();
    registry = SloRegistry.builder().timeSource(time).baseInterval(Peers.BUCKET).manualTicks().build();
    recorder = registry.register(Peers.eventsSlo());
    sentinel = Peers.sentinelLeapArray();
    resilience4j = Peers.resilience4j(time);
    resilience4jLockFree = Peers.resilience4jLockFree(time);
    hystrix = Peers.hystrix(time);
    micrometerStepCounter = Peers.micrometerStepCounter(time.micrometerClock());
    micrometerTimer = Peers.micrometerTimer(time.micrometerClock());
    hdrRecorder = Peers.hdrRecorder();
    hdrInterval = hdrRecorder.getIntervalHistogram();
    dropwizardReservoir = Peers.dropwizardReservoir(Peers.WINDOW, time);
  }

  /** Closes slo4j's registry. */
  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  /** Advances the clock and {@code LongAdder.increment()}. */
  @Benchmark
  public void baseline() {
    time.advanceNanos(STEP);
    adder.increment();
  }

  /** slo4j: {@code tick()} (closes a boundary every 8th call) and {@code recordGood()}. */
  @Benchmark
  public void slo4j() {
    time.advanceNanos(STEP);
    registry.tick();
    recorder.recordGood();
  }

  /** Sentinel: {@code currentWindow(now).value().addPass(1)}, resetting stale buckets. */
  @Benchmark
  public void sentinel() {
    long now = time.advanceNanos(STEP) / 1_000_000L;
    sentinel.currentWindow(now).value().addPass(1);
  }

  /** resilience4j {@code SlidingTimeWindowMetrics.record}. */
  @Benchmark
  public Snapshot resilience4j() {
    time.advanceNanos(STEP);
    return resilience4j.record(LATENCY, TimeUnit.NANOSECONDS, Metrics.Outcome.SUCCESS);
  }

  /** resilience4j {@code LockFreeSlidingTimeWindowMetrics.record}. */
  @Benchmark
  public Snapshot resilience4jLockFree() {
    time.advanceNanos(STEP);
    return resilience4jLockFree.record(LATENCY, TimeUnit.NANOSECONDS, Metrics.Outcome.SUCCESS);
  }

  /** Hystrix {@code HystrixRollingNumber.increment(SUCCESS)}. */
  @Benchmark
  public void hystrix() {
    time.advanceNanos(STEP);
    hystrix.increment(HystrixRollingNumberEvent.SUCCESS);
  }

  /** Micrometer {@code StepCounter.increment()}. */
  @Benchmark
  public void micrometerStepCounter() {
    time.advanceNanos(STEP);
    micrometerStepCounter.increment();
  }

  /** Micrometer {@code Timer.record} with SLO buckets, its histogram ring rotating. */
  @Benchmark
  public void micrometerTimer() {
    time.advanceNanos(STEP);
    micrometerTimer.record(LATENCY, TimeUnit.NANOSECONDS);
  }

  /** HdrHistogram {@code Recorder.recordValue}, and the interval swap at each bucket boundary. */
  @Benchmark
  public void hdrRecorder() {
    long now = time.advanceNanos(STEP);
    hdrRecorder.recordValue(LATENCY);
    if (now % BUCKET_NANOS < STEP) {
      hdrRecorder.getIntervalHistogramInto(hdrInterval);
    }
  }

  /** Dropwizard {@code SlidingTimeWindowArrayReservoir.update}, trimming as the hour slides. */
  @Benchmark
  public void dropwizardReservoir() {
    time.advanceNanos(STEP);
    dropwizardReservoir.update(LATENCY);
  }
}
