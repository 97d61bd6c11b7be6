package io.github.slo4j.benchmarks;

import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.util.concurrent.TimeUnit;
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
 * {@link RecordBenchmark}'s record of one good outcome, on worker threads with arbitrary ids
 * ({@link ChosenIdWorkers.Scattered}: random gaps between ids, a fixed seed), as a service's pools
 * have them: some share a stripe at first, some do not. The target is at most 1.2 × {@code
 * baseline} ({@code LongAdder.increment()}) for any ids, at most 1.1 × at 8 threads.
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar PoolThreadsBenchmark -f 1 -wi 2 -i 3 -t 8
 * java -jar slo-benchmarks/target/benchmarks.jar PoolThreadsBenchmark -f 1 -wi 2 -i 3 -t 8 -jvmArgsAppend -Dslo4j.bench.seed=7
 * </pre>
 *
 * <p>The worker pool is chosen by the fork's JVM options (below); a run without forks ({@code -f
 * 0}) uses JMH's pool of consecutive ids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"-Djmh.executor=CUSTOM",
    "-Djmh.executor.class=io.github.slo4j.benchmarks.ChosenIdWorkers$Scattered"})
public class PoolThreadsBenchmark {
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
