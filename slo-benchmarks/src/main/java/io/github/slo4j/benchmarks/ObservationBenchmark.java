package io.github.slo4j.benchmarks;

import io.github.slo4j.micrometer.ObservationSelector;
import io.github.slo4j.micrometer.OutcomeClassifier;
import io.github.slo4j.micrometer.SloObservationHandler;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.TimeUnit;
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
 * One {@code http.server.requests} observation, started and stopped with the key values Spring
 * gives it ({@code method}, {@code uri}, {@code status}, {@code outcome}, {@code exception}, and a
 * {@code user_agent_class}), as Micrometer's own handler alone handles it and with slo4j's handler
 * added: what slo4j adds to each observed request (the target: at most 10 %).
 *
 * <ul>
 *   <li>{@code baseline}: {@code Timer.record(nanos)} on a timer registered once: the meter update
 *       at the heart of the default handler, without the Observation machinery;
 *   <li>{@code micrometer}: the observation on an {@link ObservationRegistry} with only a {@link
 *       DefaultMeterObservationHandler} over a {@link SimpleMeterRegistry};
 *   <li>{@code micrometerPlusEmptyHandler}: the same plus a second handler that supports every
 *       context and does nothing: what Micrometer charges for any second handler, so that {@code
 *       slo4j} minus it is slo4j's own work;
 *   <li>{@code slo4j}: the same registry setup plus {@link SloObservationHandler} with one 99.9 %
 *       availability SLO selecting {@code uri=/checkout} and leaving bots out, recording into a
 *       registry on the real clock with its ticker running.
 * </ul>
 *
 * <p>The key values cycle per thread over a fixed mix: 97 of 100 observations are {@code 200}, 2
 * are {@code 404} and 1 is {@code 503}, all on {@code /checkout} from a browser, so every
 * observation is selected and classified.
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar ObservationBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ObservationBenchmark {
  static final String NAME = "http.server.requests";

  /** The key values of each of 100 consecutive observations: 97 {@code 200}, 2 {@code 404}, 1 {@code 503}. */
  static final KeyValues[] KEY_VALUES = new KeyValues[100];

  static {
    for (int i = 0; i < KEY_VALUES.length; i++) {
      String status = i == 50 ? "503" : i % 40 == 7 ? "404" : "200";
      String outcome = status.equals("503") ? "SERVER_ERROR" : status.equals("404") ? "CLIENT_ERROR" : "SUCCESS";
      KEY_VALUES[i] = KeyValues.of(
          "method", "GET", "uri", "/checkout", "status", status, "outcome", outcome,
          "exception", "none", "user_agent_class", "browser");
    }
  }

  private SimpleMeterRegistry micrometerMeters;
  private SimpleMeterRegistry slo4jMeters;
  private ObservationRegistry micrometer;
  private ObservationRegistry slo4j;
  private ObservationRegistry empty;
  private SloRegistry slos;
  private Timer timer;

  /** Each thread's position in {@link #KEY_VALUES}. */
  @State(Scope.Thread)
  public static class Cursor {
    int i;

    /** The key values of the next observation. */
    KeyValues next() {
      int at = i;
      i = at == KEY_VALUES.length - 1 ? 0 : at + 1;
      return KEY_VALUES[at];
    }
  }

  /** Builds both observation registries and the baseline's timer. */
  @Setup(Level.Trial)
  public void setUp() {
    micrometerMeters = new SimpleMeterRegistry();
    micrometer = ObservationRegistry.create();
    micrometer.observationConfig().observationHandler(new DefaultMeterObservationHandler(micrometerMeters));

    empty = ObservationRegistry.create();
    empty.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
    empty.observationConfig().observationHandler(context -> true);

    slos = SloRegistry.builder().build();
    slo4jMeters = new SimpleMeterRegistry();
    slo4j = ObservationRegistry.create();
    slo4j.observationConfig().observationHandler(new DefaultMeterObservationHandler(slo4jMeters));
    slo4j.observationConfig().observationHandler(
        SloObservationHandler.builder(slos)
            .slo(Peers.eventsSlo(),
                ObservationSelector.name(NAME).keyValue("uri", "/checkout").exclude("user_agent_class", "bot"),
                OutcomeClassifier.http())
            .build());

    timer = Timer.builder(NAME).tags("method", "GET", "uri", "/checkout", "status", "200")
        .register(micrometerMeters);
  }

  /** Closes slo4j's registry (its ticker). */
  @TearDown(Level.Trial)
  public void tearDown() {
    slos.close();
  }

  /** {@code Timer.record} of a constant duration on a registered timer. */
  @Benchmark
  public void baseline() {
    timer.record(1_000, TimeUnit.NANOSECONDS);
  }

  /** An observation handled by Micrometer's default meter handler alone. */
  @Benchmark
  public void micrometer(Cursor cursor) {
    observe(micrometer, cursor.next());
  }

  /** The same observation with a second handler that does nothing. */
  @Benchmark
  public void micrometerPlusEmptyHandler(Cursor cursor) {
    observe(empty, cursor.next());
  }

  /** The same observation with slo4j's handler added. */
  @Benchmark
  public void slo4j(Cursor cursor) {
    observe(slo4j, cursor.next());
  }

  private static void observe(ObservationRegistry registry, KeyValues keyValues) {
    Observation.createNotStarted(NAME, registry).lowCardinalityKeyValues(keyValues).start().stop();
  }
}
