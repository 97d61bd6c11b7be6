package io.github.slo4j.benchmarks;

import com.alibaba.csp.sentinel.slots.statistic.data.MetricBucket;
import com.alibaba.csp.sentinel.slots.statistic.metric.BucketLeapArray;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.netflix.hystrix.util.HystrixRollingNumber;
import com.netflix.hystrix.util.HystrixRollingNumberEvent;
import io.github.resilience4j.core.metrics.LockFreeSlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.slo4j.Target;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.SloSnapshot;
import io.github.slo4j.recorder.SnapshotBuffer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Duration;
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
 * Reads a window: slo4j reads the burn rate of every standard window of a 99.9 %/30-day SLO (5 m,
 * 30 m, 1 h, 2 h, 6 h, 1 d, 3 d and the period: {@value #STANDARD_WINDOWS} windows), each peer
 * reads its one window's counts or snapshot the way its own code does. Every structure is first
 * filled on a {@link FakeTime} (slo4j over 31 days of 10-s ticks, the peers over their whole
 * hour) and the clock then stands still, so every read sees a full window.
 *
 * <ul>
 *   <li>{@code baseline}: two {@code LongAdder.sum()} and a division: one ratio from cumulative
 *       counters, the least a read can do;
 *   <li>{@code slo4j}: {@code SloRecorder.snapshot(buffer)}, the recycling form, then each
 *       window's {@code hasData} and {@code burnRate} from the buffer, as a user reads them;
 *       {@code slo4jAllocating}: {@code SloRecorder.snapshot()};
 *   <li>{@code sentinel}: what {@code ArrayMetric.pass()} and {@code exception()} do, over a
 *       {@code BucketLeapArray} (one pass instead of two);
 *   <li>{@code resilience4j}, {@code resilience4jLockFree}: {@code getSnapshot().getFailureRate()};
 *   <li>{@code hystrix}: {@code getRollingSum(SUCCESS)} and {@code getRollingSum(FAILURE)};
 *   <li>{@code micrometerTimer}: {@code Timer.takeSnapshot()} with its two SLO buckets;
 *   <li>{@code hdrRecorder}: {@code Recorder.getIntervalHistogramInto(recycled)}, then the count
 *       above 500 ms (HdrHistogram keeps no rolling window, only the interval since the last read);
 *   <li>{@code dropwizardReservoir}: {@code getSnapshot()} of 10 samples/s over the hour (36,000
 *       samples copied and sorted).
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar SnapshotBenchmark -t 1 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SnapshotBenchmark {
  /** 5 m, 30 m, 1 h, 2 h, 6 h, 1 d, 3 d and the 30-day period. */
  static final int STANDARD_WINDOWS = 8;

  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private LongAdder good;
  private LongAdder total;
  private FakeTime time;
  private SloRegistry registry;
  private SloRecorder recorder;
  private Target target;
  private BucketLeapArray sentinel;
  private SlidingTimeWindowMetrics resilience4j;
  private LockFreeSlidingTimeWindowMetrics resilience4jLockFree;
  private HystrixRollingNumber hystrix;
  private Timer micrometerTimer;
  private Recorder hdrRecorder;
  private SlidingTimeWindowArrayReservoir dropwizardReservoir;

  /** A recycled buffer per thread, as each reader would hold. */
  @State(Scope.Thread)
  public static class Buffers {
    SnapshotBuffer slo4j;
    Histogram hdr;

    /** Allocates this thread's buffers once. */
    @Setup(Level.Trial)
    public void setUp(SnapshotBenchmark bench) {
      slo4j = bench.recorder.newSnapshotBuffer();
      hdr = Peers.hdrRecorder().getIntervalHistogram();
    }
  }

  /** Builds every implementation and fills its window. */
  @Setup(Level.Trial)
  public void setUp() {
    good = new LongAdder();
    total = new LongAdder();
    good.add(999_000);
    total.add(1_000_000);

    FakeTime sloTime = new FakeTime(START);
    registry =
        SloRegistry.builder().timeSource(sloTime).baseInterval(Peers.BUCKET).manualTicks().build();
    recorder = registry.register(Peers.eventsSlo());
    target = recorder.definition().targets().get(0);
    long step = Peers.BUCKET.toNanos();
    long intervals = Duration.ofDays(31).toNanos() / step;
    for (long i = 0; i < intervals; i++) {
      recorder.recordCounts(i % 97 == 0 ? 99 : 100, 100);
      sloTime.advanceNanos(step);
      registry.tick();
    }

    time = new FakeTime(START);
    sentinel = Peers.sentinelLeapArray();
    resilience4j = Peers.resilience4j(time);
    resilience4jLockFree = Peers.resilience4jLockFree(time);
    hystrix = Peers.hystrix(time);
    micrometerTimer = Peers.micrometerTimer(time.micrometerClock());
    hdrRecorder = Peers.hdrRecorder();
    dropwizardReservoir = Peers.dropwizardReservoir(Peers.WINDOW, time);
    long second = TimeUnit.SECONDS.toNanos(1);
    for (int s = 0; s < Peers.WINDOW_S; s++) {
      for (int e = 0; e < 10; e++) {
        boolean ok = (s * 10 + e) % 97 != 0;
        long latency = TimeUnit.MILLISECONDS.toNanos(ok ? 20 + e : 700);
        MetricBucket bucket = sentinel.currentWindow(time.millis()).value();
        if (ok) {
          bucket.addPass(1);
        } else {
          bucket.addException(1);
        }
        resilience4j.record(latency, TimeUnit.NANOSECONDS, Peers.outcome(latency, ok));
        resilience4jLockFree.record(latency, TimeUnit.NANOSECONDS, Peers.outcome(latency, ok));
        hystrix.increment(ok ? HystrixRollingNumberEvent.SUCCESS : HystrixRollingNumberEvent.FAILURE);
        micrometerTimer.record(latency, TimeUnit.NANOSECONDS);
        hdrRecorder.recordValue(latency);
        dropwizardReservoir.update(latency);
      }
      time.advanceNanos(second);
    }
  }

  /** Closes slo4j's registry. */
  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  /** Two {@code LongAdder.sum()} and a division. */
  @Benchmark
  public double baseline() {
    long t = total.sum();
    return (double) (t - good.sum()) / t;
  }

  /**
   * slo4j: {@code snapshot(buffer)}, then the burn rate of every standard window as a user reads it
   * ({@code hasData}, then {@code burnRate}: slo4j's burn rate, the exact quotient rounded once).
   */
  @Benchmark
  public double slo4j(Buffers buffers) {
    SnapshotBuffer b = buffers.slo4j;
    recorder.snapshot(b);
    double burn = 0;
    for (int w = 0; w < STANDARD_WINDOWS; w++) {
      if (b.hasData(target, w)) {
        burn += b.burnRate(target, w);
      }
    }
    return burn;
  }

  /** slo4j: {@code snapshot()}, an immutable snapshot of every standard window. */
  @Benchmark
  public SloSnapshot slo4jAllocating() {
    return recorder.snapshot();
  }

  /** Sentinel: the valid buckets of the {@code LeapArray}, summed. */
  @Benchmark
  public double sentinel() {
    long now = time.millis();
    sentinel.currentWindow(now);
    long pass = 0;
    long exception = 0;
    for (MetricBucket bucket : sentinel.values(now)) {
      pass += bucket.pass();
      exception += bucket.exception();
    }
    return (double) exception / (pass + exception);
  }

  /** resilience4j {@code SlidingTimeWindowMetrics.getSnapshot().getFailureRate()}. */
  @Benchmark
  public float resilience4j() {
    return resilience4j.getSnapshot().getFailureRate();
  }

  /** resilience4j {@code LockFreeSlidingTimeWindowMetrics.getSnapshot().getFailureRate()}. */
  @Benchmark
  public float resilience4jLockFree() {
    return resilience4jLockFree.getSnapshot().getFailureRate();
  }

  /** Hystrix {@code getRollingSum} of successes and failures. */
  @Benchmark
  public double hystrix() {
    long ok = hystrix.getRollingSum(HystrixRollingNumberEvent.SUCCESS);
    long failed = hystrix.getRollingSum(HystrixRollingNumberEvent.FAILURE);
    return (double) failed / (ok + failed);
  }

  /** Micrometer {@code Timer.takeSnapshot()}. */
  @Benchmark
  public HistogramSnapshot micrometerTimer() {
    return micrometerTimer.takeSnapshot();
  }

  /** HdrHistogram {@code getIntervalHistogramInto(recycled)} and the count above 500 ms. */
  @Benchmark
  public long hdrRecorder(Buffers buffers) {
    hdrRecorder.getIntervalHistogramInto(buffers.hdr);
    return buffers.hdr.getTotalCount()
        - buffers.hdr.getCountBetweenValues(0, Peers.SLOW.toNanos());
  }

  /** Dropwizard {@code SlidingTimeWindowArrayReservoir.getSnapshot()}. */
  @Benchmark
  public com.codahale.metrics.Snapshot dropwizardReservoir() {
    return dropwizardReservoir.getSnapshot();
  }
}
