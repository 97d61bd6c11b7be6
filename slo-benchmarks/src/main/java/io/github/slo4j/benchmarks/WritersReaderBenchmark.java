package io.github.slo4j.benchmarks;

import com.alibaba.csp.sentinel.slots.statistic.metric.ArrayMetric;
import com.netflix.hystrix.util.HystrixRollingNumber;
import com.netflix.hystrix.util.HystrixRollingNumberEvent;
import io.github.resilience4j.core.metrics.LockFreeSlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Metrics;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Snapshot;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.SnapshotBuffer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * Writers record while one reader reads the same structure in a loop, as a dashboard, an alert
 * evaluator or a canary gate would (much more often than they do). Each implementation is a JMH
 * {@link Group} named after it with a {@code ...Write} and a {@code ...Read} method; the table
 * shows each side's cost. A structure whose reader takes a lock, or whose read walks buckets the
 * writers are updating, shows it here.
 *
 * <p>slo4j's reader, {@code snapshot(buffer)}, reads only the rings its ticker wrote, never the
 * cells the writers add to. {@code baseline} writes with {@code LongAdder.increment()} and reads
 * with {@code LongAdder.sum()}.
 *
 * <p>Threads: one writer and one reader by default; more writers with JMH's {@code -tg} option
 * ({@code -tg 3,1} is three writers and one reader per group):
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar WritersReaderBenchmark -tg 1,1 -prof gc
 * java -jar slo-benchmarks/target/benchmarks.jar WritersReaderBenchmark -tg 2,1 -prof gc
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WritersReaderBenchmark {
  private LongAdder adder;
  private SloRegistry registry;
  private SloRecorder recorder;
  private SnapshotBuffer buffer;
  private ArrayMetric sentinel;
  private SlidingTimeWindowMetrics resilience4j;
  private LockFreeSlidingTimeWindowMetrics resilience4jLockFree;
  private HystrixRollingNumber hystrix;
  private Timer micrometerTimer;
  private Recorder hdrRecorder;
  private Histogram hdrInterval;

  /** Builds every implementation, one set per group. */
  @Setup(Level.Trial)
  public void setUp() {
    adder = new LongAdder();
    registry = SloRegistry.builder().build();
    recorder = registry.register(Peers.eventsSlo());
    buffer = recorder.newSnapshotBuffer();
    sentinel = Peers.sentinel();
    resilience4j = Peers.resilience4j();
    resilience4jLockFree = Peers.resilience4jLockFree();
    hystrix = Peers.hystrix();
    micrometerTimer = Peers.micrometerTimer(Clock.SYSTEM);
    hdrRecorder = Peers.hdrRecorder();
    hdrInterval = hdrRecorder.getIntervalHistogram();
  }

  /** Stops slo4j's ticker. */
  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  /** {@code LongAdder.increment()}. */
  @Benchmark
  @Group("baseline")
  @GroupThreads(1)
  public void baselineWrite() {
    adder.increment();
  }

  /** {@code LongAdder.sum()}. */
  @Benchmark
  @Group("baseline")
  @GroupThreads(1)
  public long baselineRead() {
    return adder.sum();
  }

  /** slo4j {@code recordGood()}. */
  @Benchmark
  @Group("slo4j")
  @GroupThreads(1)
  public void slo4jWrite() {
    recorder.recordGood();
  }

  /** slo4j {@code snapshot(buffer)} of every standard window. */
  @Benchmark
  @Group("slo4j")
  @GroupThreads(1)
  public SnapshotBuffer slo4jRead() {
    recorder.snapshot(buffer);
    return buffer;
  }

  /** Sentinel {@code addPass(1)}. */
  @Benchmark
  @Group("sentinel")
  @GroupThreads(1)
  public void sentinelWrite() {
    sentinel.addPass(1);
  }

  /** Sentinel {@code pass()} and {@code exception()}. */
  @Benchmark
  @Group("sentinel")
  @GroupThreads(1)
  public long sentinelRead() {
    return sentinel.pass() + sentinel.exception();
  }

  /** resilience4j {@code SlidingTimeWindowMetrics.record}. */
  @Benchmark
  @Group("resilience4j")
  @GroupThreads(1)
  public Snapshot resilience4jWrite() {
    return resilience4j.record(0, TimeUnit.NANOSECONDS, Metrics.Outcome.SUCCESS);
  }

  /** resilience4j {@code getSnapshot()}. */
  @Benchmark
  @Group("resilience4j")
  @GroupThreads(1)
  public float resilience4jRead() {
    return resilience4j.getSnapshot().getFailureRate();
  }

  /** resilience4j {@code LockFreeSlidingTimeWindowMetrics.record}. */
  @Benchmark
  @Group("resilience4jLockFree")
  @GroupThreads(1)
  public Snapshot resilience4jLockFreeWrite() {
    return resilience4jLockFree.record(0, TimeUnit.NANOSECONDS, Metrics.Outcome.SUCCESS);
  }

  /** resilience4j lock-free {@code getSnapshot()}. */
  @Benchmark
  @Group("resilience4jLockFree")
  @GroupThreads(1)
  public float resilience4jLockFreeRead() {
    return resilience4jLockFree.getSnapshot().getFailureRate();
  }

  /** Hystrix {@code increment(SUCCESS)}. */
  @Benchmark
  @Group("hystrix")
  @GroupThreads(1)
  public void hystrixWrite() {
    hystrix.increment(HystrixRollingNumberEvent.SUCCESS);
  }

  /** Hystrix {@code getRollingSum} of successes and failures. */
  @Benchmark
  @Group("hystrix")
  @GroupThreads(1)
  public long hystrixRead() {
    return hystrix.getRollingSum(HystrixRollingNumberEvent.SUCCESS)
        + hystrix.getRollingSum(HystrixRollingNumberEvent.FAILURE);
  }

  /** Micrometer {@code Timer.record} with SLO buckets. */
  @Benchmark
  @Group("micrometerTimer")
  @GroupThreads(1)
  public void micrometerTimerWrite() {
    micrometerTimer.record(20, TimeUnit.MILLISECONDS);
  }

  /** Micrometer {@code Timer.takeSnapshot()}. */
  @Benchmark
  @Group("micrometerTimer")
  @GroupThreads(1)
  public HistogramSnapshot micrometerTimerRead() {
    return micrometerTimer.takeSnapshot();
  }

  /** HdrHistogram {@code Recorder.recordValue}. */
  @Benchmark
  @Group("hdrRecorder")
  @GroupThreads(1)
  public void hdrRecorderWrite() {
    hdrRecorder.recordValue(20_000_000L);
  }

  /** HdrHistogram {@code getIntervalHistogramInto(recycled)}. */
  @Benchmark
  @Group("hdrRecorder")
  @GroupThreads(1)
  public long hdrRecorderRead() {
    hdrRecorder.getIntervalHistogramInto(hdrInterval);
    return hdrInterval.getTotalCount();
  }
}
