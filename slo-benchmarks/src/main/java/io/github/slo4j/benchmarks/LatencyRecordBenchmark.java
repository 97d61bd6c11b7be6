package io.github.slo4j.benchmarks;

import com.alibaba.csp.sentinel.slots.statistic.metric.ArrayMetric;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.netflix.hystrix.util.HystrixRollingPercentile;
import io.github.resilience4j.core.metrics.LockFreeSlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Snapshot;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
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
 * Records one request's latency and success into a shared window: slo4j classifies it against the
 * SLO's two thresholds (100 ms at 90 %, 500 ms at 99 %), each peer does what its user would do to
 * keep the same information. Inputs come from a pre-generated array ({@link Inputs}) read the same
 * way by every method, {@code baseline} included.
 *
 * <ul>
 *   <li>{@code baseline}: {@code LongAdder.add(latency)}, the bare primitive plus the input cost;
 *   <li>{@code slo4j}: {@code SloRecorder.recordLatencyNanos(nanos, success)};
 *   <li>{@code sentinel}: {@code addRT(ms)} then {@code addSuccess(1)} or {@code addException(1)},
 *       as Sentinel's {@code StatisticNode} does on exit;
 *   <li>{@code resilience4j}, {@code resilience4jLockFree}: {@code record(nanos, NANOSECONDS,
 *       outcome)} with the outcome classified against the 500-ms slow-call threshold;
 *   <li>{@code hystrixPercentile}: {@code HystrixRollingPercentile.addValue(ms)} (its latency
 *       window; 100 values kept per 10-s bucket);
 *   <li>{@code micrometerTimer}: a {@code Timer} with the two thresholds as SLO buckets over the
 *       1-hour window;
 *   <li>{@code hdrRecorder}: a shared HdrHistogram {@code Recorder}; {@code hdrSingleWriter}: a
 *       {@code SingleWriterRecorder} per thread, the only correct way to share none;
 *   <li>{@code dropwizardReservoir}: {@code SlidingTimeWindowArrayReservoir.update(nanos)}. It keeps
 *       every sample, so its window here is 1 second: an hour at this rate would not fit in memory.
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar LatencyRecordBenchmark -t 1 -prof gc
 * java -jar slo-benchmarks/target/benchmarks.jar LatencyRecordBenchmark -t 2 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LatencyRecordBenchmark {
  private LongAdder adder;
  private SloRegistry registry;
  private SloRecorder recorder;
  private ArrayMetric sentinel;
  private SlidingTimeWindowMetrics resilience4j;
  private LockFreeSlidingTimeWindowMetrics resilience4jLockFree;
  private HystrixRollingPercentile hystrixPercentile;
  private Timer micrometerTimer;
  private Recorder hdrRecorder;
  private SlidingTimeWindowArrayReservoir dropwizardReservoir;

  /** A {@code SingleWriterRecorder} per benchmark thread. */
  @State(Scope.Thread)
  public static class PerThread {
    SingleWriterRecorder recorder;

    /** Builds this thread's recorder. */
    @Setup(Level.Trial)
    public void setUp() {
      recorder = Peers.hdrSingleWriterRecorder();
    }
  }

  /** Builds every implementation; each benchmark method uses one. */
  @Setup(Level.Trial)
  public void setUp() {
    adder = new LongAdder();
    registry = SloRegistry.builder().build();
    recorder = registry.register(Peers.latencySlo());
    sentinel = Peers.sentinel();
    resilience4j = Peers.resilience4j();
    resilience4jLockFree = Peers.resilience4jLockFree();
    hystrixPercentile = Peers.hystrixPercentile();
    micrometerTimer = Peers.micrometerTimer(Clock.SYSTEM);
    hdrRecorder = Peers.hdrRecorder();
    dropwizardReservoir = Peers.dropwizardReservoir(Duration.ofSeconds(1));
  }

  /** Stops slo4j's ticker. */
  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  /** {@code LongAdder.add(latency)}: the bare primitive with the same input cost. */
  @Benchmark
  public void baseline(Inputs in) {
    int i = in.next();
    adder.add(in.success(i) ? in.latencyNanos(i) : 1);
  }

  /** slo4j: {@code SloRecorder.recordLatencyNanos(nanos, success)}. */
  @Benchmark
  public void slo4j(Inputs in) {
    int i = in.next();
    recorder.recordLatencyNanos(in.latencyNanos(i), in.success(i));
  }

  /** Sentinel: {@code addRT(ms)} and {@code addSuccess(1)} or {@code addException(1)}. */
  @Benchmark
  public void sentinel(Inputs in) {
    int i = in.next();
    sentinel.addRT(in.latencyMillis(i));
    if (in.success(i)) {
      sentinel.addSuccess(1);
    } else {
      sentinel.addException(1);
    }
  }

  /** resilience4j {@code SlidingTimeWindowMetrics.record(nanos, NANOSECONDS, outcome)}. */
  @Benchmark
  public Snapshot resilience4j(Inputs in) {
    int i = in.next();
    long nanos = in.latencyNanos(i);
    return resilience4j.record(nanos, TimeUnit.NANOSECONDS, Peers.outcome(nanos, in.success(i)));
  }

  /** resilience4j {@code LockFreeSlidingTimeWindowMetrics.record(nanos, NANOSECONDS, outcome)}. */
  @Benchmark
  public Snapshot resilience4jLockFree(Inputs in) {
    int i = in.next();
    long nanos = in.latencyNanos(i);
    return resilience4jLockFree.record(
        nanos, TimeUnit.NANOSECONDS, Peers.outcome(nanos, in.success(i)));
  }

  /** Hystrix {@code HystrixRollingPercentile.addValue(ms)}. */
  @Benchmark
  public void hystrixPercentile(Inputs in) {
    hystrixPercentile.addValue(in.latencyMillis(in.next()));
  }

  /** Micrometer {@code Timer.record(nanos, NANOSECONDS)} with two SLO buckets. */
  @Benchmark
  public void micrometerTimer(Inputs in) {
    micrometerTimer.record(in.latencyNanos(in.next()), TimeUnit.NANOSECONDS);
  }

  /** HdrHistogram shared {@code Recorder.recordValue(nanos)}. */
  @Benchmark
  public void hdrRecorder(Inputs in) {
    hdrRecorder.recordValue(in.latencyNanos(in.next()));
  }

  /** HdrHistogram {@code SingleWriterRecorder.recordValue(nanos)}, one recorder per thread. */
  @Benchmark
  public void hdrSingleWriter(Inputs in, PerThread mine) {
    mine.recorder.recordValue(in.latencyNanos(in.next()));
  }

  /** Dropwizard {@code SlidingTimeWindowArrayReservoir.update(nanos)} over a 1-s window. */
  @Benchmark
  public void dropwizardReservoir(Inputs in) {
    dropwizardReservoir.update(in.latencyNanos(in.next()));
  }
}
