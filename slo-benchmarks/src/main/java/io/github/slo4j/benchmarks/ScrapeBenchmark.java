package io.github.slo4j.benchmarks;

import io.github.slo4j.micrometer.SloMeterBinder;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * One Prometheus scrape ({@link PrometheusMeterRegistry#scrape()}) of the meters {@link
 * SloMeterBinder} publishes for {@code slos} 99.9 %/30-day availability SLOs, a {@link
 * RegistryMonitor} attached (so {@code slo.alert.active} is published too): 21 series per SLO
 * (2 event counters, 7 burn rates, 8 data-present gauges, the SLI, the remaining budget and 2 alert
 * gauges). Every SLO has two hours of 1-minute ticks behind it (every
 * tenth with 1 % errors) and the clock then stands still.
 *
 * <ul>
 *   <li>{@code baseline}: the scrape of a registry holding the same meter ids (names, tags, units)
 *       as plain counters and constant gauges: the text exposition alone;
 *   <li>{@code slo4j}: the scrape of the binder's function-based meters, each reading its recorder
 *       (burn rates, SLI and budget computed at scrape time).
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar ScrapeBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScrapeBenchmark {
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /** How many SLOs the registry publishes. */
  @Param({"1", "100"})
  public int slos;

  private SloRegistry registry;
  private RegistryMonitor monitor;
  private SloMeterBinder binder;
  private PrometheusMeterRegistry published;
  private PrometheusMeterRegistry plain;

  /** Registers and fills the SLOs, binds them, and copies the meter ids into the plain registry. */
  @Setup(Level.Trial)
  public void setUp() {
    FakeTime time = new FakeTime(START);
    registry = SloRegistry.builder().timeSource(time).baseInterval(MINUTE).manualTicks().build();
    List<SloRecorder> recorders = new ArrayList<>();
    for (int i = 0; i < slos; i++) {
      recorders.add(registry.register(Peers.eventsSlo(String.format("bench-%03d", i))));
    }
    monitor = RegistryMonitor.builder().attach(registry);
    published = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    binder = SloMeterBinder.monitor(published, registry, monitor, Tags.of("env", "bench"));
    for (int m = 0; m < 120; m++) {
      for (int i = 0; i < recorders.size(); i++) {
        recorders.get(i).recordCounts(i % 10 == 0 ? 990 : 1000, 1000);
      }
      time.advanceNanos(MINUTE.toNanos());
      registry.tick();
    }

    plain = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (Meter m : published.getMeters()) {
      Meter.Id id = m.getId();
      if (m instanceof FunctionCounter c) {
        Counter.builder(id.getName()).tags(id.getTagsAsIterable()).baseUnit(id.getBaseUnit())
            .description(id.getDescription()).register(plain).increment(c.count());
      } else if (m instanceof Gauge g) {
        double value = g.value();
        Gauge.builder(id.getName(), () -> value).strongReference(true).tags(id.getTagsAsIterable())
            .baseUnit(id.getBaseUnit()).description(id.getDescription()).register(plain);
      } else {
        throw new IllegalStateException("a published meter of an unexpected type: " + id);
      }
    }
  }

  /** Closes the binder, the monitor and the registry. */
  @TearDown(Level.Trial)
  public void tearDown() {
    binder.close();
    monitor.close();
    registry.close();
  }

  /** The scrape of the same ids as plain meters. */
  @Benchmark
  public String baseline() {
    return plain.scrape();
  }

  /** The scrape of the binder's meters. */
  @Benchmark
  public String slo4j() {
    return published.scrape();
  }
}
