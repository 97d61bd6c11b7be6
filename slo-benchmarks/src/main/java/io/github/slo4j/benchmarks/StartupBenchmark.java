package io.github.slo4j.benchmarks;

import io.github.resilience4j.core.metrics.Metrics;
import io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up: the first record in a fresh JVM, one shot per fork ({@code Mode.SingleShotTime}, 10
 * forks, no warm-up), so what is measured is loading and initialising the library's classes on the
 * way to the first record: slo4j builds a registry (real clock, ticker), registers a 99.9 %/30-day
 * SLO and records one good outcome; resilience4j builds its sliding time window and records one
 * call; {@code baseline} makes a {@code LongAdder} and increments it. The target for slo4j is 20
 * ms, with resilience4j as the floor.
 *
 * <p>JMH's own harness has run in the fork before the shot, so JDK classes it uses are loaded
 * already: the figures are the library's own share of a JVM's start-up, a little below what an
 * application's {@code main} sees. Each library's calls are in a nested class, so that no class of
 * the library is loaded (by the verifier) before the shot, and neither uses {@link Peers} (whose
 * static initializer loads Sentinel). resilience4j's window is {@link Peers}'s: 1 hour of 1-s
 * slots. Read the 1-thread row.
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar StartupBenchmark -t 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class StartupBenchmark {
  private volatile AutoCloseable open;

  /** Closes what the shot left open (slo4j's ticker). */
  @TearDown(Level.Iteration)
  public void tearDown() throws Exception {
    AutoCloseable o = open;
    open = null;
    if (o != null) {
      o.close();
    }
  }

  /** A fresh {@code LongAdder}, incremented once. */
  @Benchmark
  public Object baseline() {
    LongAdder adder = new LongAdder();
    adder.increment();
    return adder;
  }

  /** slo4j: registry, SLO, first {@code recordGood()}. */
  @Benchmark
  public Object slo4j() {
    AutoCloseable registry = Slo4jFirstRecord.run();
    open = registry;
    return registry;
  }

  /** resilience4j: {@code SlidingTimeWindowMetrics}, first {@code record}. */
  @Benchmark
  public Object resilience4j() {
    return Resilience4jFirstRecord.run();
  }

  /** slo4j's calls, loaded only when the shot runs. */
  static final class Slo4jFirstRecord {
    private Slo4jFirstRecord() {}

    static AutoCloseable run() {
      SloRegistry registry = SloRegistry.builder().build();
      registry
          .register(
              SloDefinition.builder("bench-availability")
                  .service("bench")
                  .objective(Objective.percent("99.9"))
                  .period(CompliancePeriod.rollingDays(30))
                  .build())
          .recordGood();
      return registry;
    }
  }

  /** resilience4j's calls, loaded only when the shot runs. */
  static final class Resilience4jFirstRecord {
    private Resilience4jFirstRecord() {}

    static Object run() {
      SlidingTimeWindowMetrics metrics = new SlidingTimeWindowMetrics(3600, Clock.systemUTC());
      return metrics.record(0, TimeUnit.NANOSECONDS, Metrics.Outcome.SUCCESS);
    }
  }
}
