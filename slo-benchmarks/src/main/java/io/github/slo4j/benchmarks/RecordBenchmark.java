package io.github.slo4j.benchmarks;

import com.alibaba.csp.sentinel.slots.statistic.metric.ArrayMetric;
import com.codahale.metrics.Meter;
import com.netflix.hystrix.util.HystrixRollingNumber;
import com.netflix.hystrix.util.HystrixRollingNumberEvent;
import io.github.resilience4j.core.metrics.LockFreeSlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Metrics;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.resilience4j.core.metrics.Snapshot;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
 * Records one good outcome into a rolling window shared by all benchmark threads: the cost that
 * slo4j adds to every request.
 *
 * <p>{@code baseline} is {@link LongAdder#increment()} on a shared adder, the bare striped atomic
 * add that slo4j's record path is designed to cost; {@code atomicLong} is the same on one
 * contended {@link AtomicLong}. Every other method records into one implementation, each built by
 * {@link Peers} on the real clock: slo4j's recorder of a 99.9 %/30-day SLO (with its ticker), and
 * each peer's rolling window of 1 hour in 10-second buckets where the peer lets us choose.
 * {@code slo4jGroupLookup} also looks the group's recorder up by key on every call, the cost of not
 * holding on to it.
 *
 * <p>Run from the repository root after {@code ./mvnw -pl slo-benchmarks -am -DskipTests package}:
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar RecordBenchmark -t 1 -prof gc
 * java -jar slo-benchmarks/target/benchmarks.jar RecordBenchmark -t 2 -prof gc
 * java -jar slo-benchmarks/target/benchmarks.jar 'RecordBenchmark.(baseline|slo4j)$' -f 1 -wi 2 -i 3 -t 2 -prof gc
 * </pre>
 *
 * <p>Thread counts come from {@code -t}. The tail of the same calls is {@link TailLatencyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordBenchmark {
  private LongAdder adder;
  private AtomicLong atomic;
  private SloRegistry registry;
  private SloRecorder recorder;
  private GroupedSloRecorder grouped;
  private ArrayMetric sentinel;
  private SlidingTimeWindowMetrics resilience4j;
  private LockFreeSlidingTimeWindowMetrics resilience4jLockFree;
  private HystrixRollingNumber hystrix;
  private Counter micrometerCounter;
  private Counter micrometerStepCounter;
  private Meter dropwizardMeter;

  /** Builds every implementation; each benchmark method uses one. */
  @Setup(Level.Trial)
  public void setUp() {
    adder = new LongAdder();
    atomic = new AtomicLong();
    registry = SloRegistry.builder().build();
    recorder = registry.register(Peers.eventsSlo());
    grouped = registry.registerGrouped(Peers.eventsSlo("bench-availability-per-endpoint"), 64);
    grouped.group("checkout");
    sentinel = Peers.sentinel();
    resilience4j = Peers.resilience4j();
    resilience4jLockFree = Peers.resilience4jLockFree();
    hystrix = Peers.hystrix();
    micrometerCounter = Peers.micrometerCounter();
    micrometerStepCounter = Peers.micrometerStepCounter(Clock.SYSTEM);
    dropwizardMeter = new Meter();
  }

  /** Stops slo4j's ticker. */
  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  /** {@code LongAdder.increment()} on a shared adder: the bare primitive. */
  @Benchmark
  public void baseline() {
    adder.increment();
  }

  /** {@code AtomicLong.incrementAndGet()} on one shared counter. */
  @Benchmark
  public long atomicLong() {
    return atomic.incrementAndGet();
  }

  /** slo4j: {@code SloRecorder.recordGood()}. */
  @Benchmark
  public void slo4j() {
    recorder.recordGood();
  }

  /** slo4j: {@code GroupedSloRecorder.group(key).recordGood()}, looking the group up every call. */
  @Benchmark
  public void slo4jGroupLookup() {
    grouped.group("checkout").recordGood();
  }

  /** Sentinel {@code ArrayMetric.addPass(1)} (a {@code LeapArray} of {@code MetricBucket}s). */
  @Benchmark
  public void sentinel() {
    sentinel.addPass(1);
  }

  /** resilience4j {@code SlidingTimeWindowMetrics.record} (a lock and a snapshot per call). */
  @Benchmark
  public Snapshot resilience4j() {
    return resilience4j.record(0, TimeUnit.NANOSECONDS, Metrics.Outcome.SUCCESS);
  }

  /** resilience4j {@code LockFreeSlidingTimeWindowMetrics.record}. */
  @Benchmark
  public Snapshot resilience4jLockFree() {
    return resilience4jLockFree.record(0, TimeUnit.NANOSECONDS, Metrics.Outcome.SUCCESS);
  }

  /** Hystrix {@code HystrixRollingNumber.increment(SUCCESS)}. */
  @Benchmark
  public void hystrix() {
    hystrix.increment(HystrixRollingNumberEvent.SUCCESS);
  }

  /** Micrometer cumulative {@code Counter.increment()} (no window: the backend computes rates). */
  @Benchmark
  public void micrometerCounter() {
    micrometerCounter.increment();
  }

  /** Micrometer {@code StepCounter.increment()} (a window of one 10-s step). */
  @Benchmark
  public void micrometerStepCounter() {
    micrometerStepCounter.increment();
  }

  /** Dropwizard {@code Meter.mark()} (exponentially weighted 1/5/15-minute rates). */
  @Benchmark
  public void dropwizardMeter() {
    dropwizardMeter.mark();
  }
}
