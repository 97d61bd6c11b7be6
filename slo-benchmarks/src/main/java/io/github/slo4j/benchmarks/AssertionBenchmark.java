package io.github.slo4j.benchmarks;

import io.github.slo4j.Objective;
import io.github.slo4j.testing.LatencyAssert;
import io.github.slo4j.testing.Reliability;
import io.github.slo4j.testing.ReliabilityAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One reliability assertion over {@value #OUTCOMES} outcomes (issue 12): what a unit test pays for
 * stating its claim with a confidence. The outcomes are pre-generated from a fixed seed (a component
 * failing 1 call in 2,000, latencies between 20 and 120 ms), so every method passes and measures the
 * verdict, not the component.
 *
 * <ul>
 *   <li>{@code baseline}: count the failures of the 10,000 outcomes and compare with a fixed limit,
 *       the flaky check the assertions replace;
 *   <li>{@code counts}: {@code Reliability.of(failures, 10_000).meetsSlo(99.9 %)}, NOT_VIOLATED: the
 *       counting of {@code baseline} plus two Clopper–Pearson bounds;
 *   <li>{@code countsDemonstrated}: the same in DEMONSTRATED mode (it also computes the sample size
 *       needed, 2,995 trials);
 *   <li>{@code sampled}: {@code Reliability.sample(10_000, seed, call)}, the calls made by the
 *       assertion (each reads one pre-generated outcome);
 *   <li>{@code latencyList}: {@code assertThatLatencies(list).p99Below(150 ms)}: copy, sort, two
 *       order-statistic ranks;
 *   <li>{@code latencyHistogram}: the same from an HdrHistogram of the 10,000 latencies (copied, then
 *       walked bucket by bucket).
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar AssertionBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AssertionBenchmark {
  static final int OUTCOMES = 10_000;
  private static final Objective THREE_NINES = Objective.percent("99.9");
  private static final Duration THRESHOLD = Duration.ofMillis(150);

  private boolean[] outcomes;
  private List<Duration> latencies;
  private Histogram histogram;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    outcomes = new boolean[OUTCOMES];
    latencies = new ArrayList<>(OUTCOMES);
    histogram = new Histogram(3);
    for (int i = 0; i < OUTCOMES; i++) {
      outcomes[i] = random.nextDouble() >= 0.0005;
      long micros = 20_000 + random.nextInt(100_000);
      latencies.add(Duration.ofNanos(micros * 1_000));
      histogram.recordValue(micros);
    }
  }

  private long failures() {
    long f = 0;
    for (boolean ok : outcomes) {
      if (!ok) {
        f++;
      }
    }
    return f;
  }

  @Benchmark
  public boolean baseline() {
    return failures() <= 10;
  }

  @Benchmark
  public ReliabilityAssert counts() {
    return Reliability.of(failures(), OUTCOMES).meetsSlo(THREE_NINES);
  }

  @Benchmark
  public ReliabilityAssert countsDemonstrated() {
    return Reliability.of(failures(), OUTCOMES).demonstrated().meetsSlo(THREE_NINES);
  }

  @Benchmark
  public ReliabilityAssert sampled() {
    boolean[] o = outcomes;
    int[] next = new int[1];
    return Reliability.sample(OUTCOMES, 7, r -> o[next[0]++]).meetsSlo(THREE_NINES);
  }

  @Benchmark
  public LatencyAssert latencyList() {
    return Reliability.assertThatLatencies(latencies).p99Below(THRESHOLD);
  }

  @Benchmark
  public LatencyAssert latencyHistogram() {
    return Reliability.assertThatLatencies(histogram, TimeUnit.MICROSECONDS).p99Below(THRESHOLD);
  }
}
