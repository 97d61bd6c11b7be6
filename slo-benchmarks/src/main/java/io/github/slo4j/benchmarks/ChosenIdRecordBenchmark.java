package io.github.slo4j.benchmarks;

import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * {@link RecordBenchmark}'s record of one good outcome next to {@code LongAdder.increment()}, on
 * worker threads whose ids a subclass chooses through its fork's JVM options ({@link
 * ChosenIdWorkers}): {@link CollidingThreadsBenchmark} and {@link PoolThreadsBenchmark}. JMH runs
 * the benchmark methods below once for each subclass, named after it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class ChosenIdRecordBenchmark {
  private LongAdder adder;
  private SloRegistry registry;
  private SloRecorder recorder;

  /** Builds the adder and the recorder. */
  @Setup(Level.Trial)
  public void setUp() {
    adder = new LongAdder();
    registry = SloRegistry.builder().build();
    recorder = registry.register(Peers.eventsSlo());
  }

  /** Stops slo4j's ticker. */
  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  /** {@code LongAdder.increment()} on a shared adder: the floor. */
  @Benchmark
  public void baseline() {
    adder.increment();
  }

  /** slo4j: {@code SloRecorder.recordGood()}. */
  @Benchmark
  public void slo4j() {
    recorder.recordGood();
  }
}
