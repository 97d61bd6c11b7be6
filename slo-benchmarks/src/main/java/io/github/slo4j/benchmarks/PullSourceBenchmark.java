package io.github.slo4j.benchmarks;

import io.github.slo4j.micrometer.MeterQuery;
import io.github.slo4j.micrometer.SloMeterSource;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One tick of an {@link SloRegistry} fed by {@link SloMeterSource} from {@code meters} existing
 * counters (issue 11: "the pull source's cost per tick for 100 meters"): {@code meters / 2}
 * availability SLOs, each {@code goodAndBad} over a counter {@code http.requests{uri=/u<i>,
 * outcome=good}} and its {@code outcome=bad} twin, in a {@link SimpleMeterRegistry} (cumulative).
 * Every invocation first adds to every counter (1 000 good, 1 bad), then moves the fake clock one
 * base interval (10 s) and ticks.
 *
 * <ul>
 *   <li>{@code baseline}: the same counters and the same SLOs, ticked without a source: the
 *       increments and the registry's own tick;
 *   <li>{@code slo4j}: the tick with the source attached, which reads every counter and records each
 *       SLO's increase. The difference is the source's cost per tick.
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar PullSourceBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PullSourceBenchmark {
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long INTERVAL = Duration.ofSeconds(10).toNanos();

  /** How many counters the source reads (two per SLO). */
  @Param({"100"})
  public int meters;

  private Counter[] counters;
  private Side plain;
  private Side pulled;

  /** A registry of the SLOs on its own fake clock, with or without a source. */
  private static final class Side {
    final FakeTime time = new FakeTime(START);
    final SloRegistry registry = SloRegistry.builder().timeSource(time).manualTicks().build();
    SloMeterSource source;

    void tick() {
      time.advanceNanos(INTERVAL);
      registry.tick();
    }
  }

  /** Registers the counters, the SLOs on both sides, and the source on one. */
  @Setup(Level.Trial)
  public void setUp() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    counters = new Counter[meters];
    plain = new Side();
    pulled = new Side();
    SloMeterSource.Builder source = SloMeterSource.builder(registry, pulled.registry);
    for (int i = 0; i < meters / 2; i++) {
      String uri = "/u" + i;
      counters[2 * i] = Counter.builder("http.requests").tags("uri", uri, "outcome", "good").register(registry);
      counters[2 * i + 1] = Counter.builder("http.requests").tags("uri", uri, "outcome", "bad").register(registry);
      plain.registry.register(Peers.eventsSlo(String.format("pull-%03d", i)));
      source.goodAndBad(Peers.eventsSlo(String.format("pull-%03d", i)),
          MeterQuery.of("http.requests", "uri", uri, "outcome", "good"),
          MeterQuery.of("http.requests", "uri", uri, "outcome", "bad"));
    }
    pulled.source = source.build();
  }

  /** Closes the source and both registries. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pulled.source.close();
    pulled.registry.close();
    plain.registry.close();
  }

  private void count() {
    for (int i = 0; i < counters.length; i += 2) {
      counters[i].increment(1_000);
      counters[i + 1].increment();
    }
  }

  /** The increments and a tick without a source. */
  @Benchmark
  public long baseline() {
    count();
    plain.tick();
    return plain.registry.ticks();
  }

  /** The increments and a tick that reads every counter. */
  @Benchmark
  public long slo4j() {
    count();
    pulled.tick();
    return pulled.registry.ticks();
  }
}
