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
 *       registry on the real clock with its ticker running. An events SLO needs no duration, so
 *       the handler does nothing at start;
 *   <li>{@code slo4jLatency}: the same with a latency SLO (two thresholds) instead, which the
 *       handler times itself: a clock read at start and at stop and its start time in the
 *       context;
 *   <li>{@code slo4jHandlerOnly} and {@code slo4jHandlerOnlyLatency}: slo4j's own work alone,
 *       {@code onStart} and {@code onStop} of the handler of {@code slo4j} and {@code
 *       slo4jLatency} called directly on contexts prepared once per thread with the same key
 *       values (no Micrometer machinery, so far steadier than the difference of two arms). The
 *       latency one reuses its context, so its start time replaces the previous one in the
 *       context's map: it counts the boxed {@code Long} but not the map entry a fresh
 *       observation would add.
 * </ul>
 *
 * <p>Every arm builds its own registries the same way, and nothing else is registered in them
 * (the baseline's timer lives in a registry of its own). The arms differ by a few per cent of a
 * 1.3 µs observation, while one fork of the same arm can differ from another by as much, as
 * Micrometer's code is compiled differently from one JVM to the next: compare medians of at
 * least two forks (the default here), never one.
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
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ObservationBenchmark {
  static final String NAME = "http.server.requests";

  /** The selector of both slo4j arms: the checkout requests, bots left out. */
  private static final ObservationSelector CHECKOUT =
      ObservationSelector.name(NAME).keyValue("uri", "/checkout").exclude("user_agent_class", "bot");

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

  private ObservationRegistry micrometer;
  private ObservationRegistry slo4j;
  private ObservationRegistry slo4jLatency;
  private ObservationRegistry empty;
  private SloRegistry slos;
  private SloRegistry latencySlos;
  private SloObservationHandler eventsHandler;
  private SloObservationHandler latencyHandler;
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

  /** Each thread's contexts, one per entry of {@link #KEY_VALUES}, named and given its key values once. */
  @State(Scope.Thread)
  public static class Contexts {
    final Observation.Context[] contexts = new Observation.Context[KEY_VALUES.length];
    int i;

    /** Prepares the contexts. */
    @Setup(Level.Trial)
    public void setUp() {
      for (int k = 0; k < contexts.length; k++) {
        contexts[k] = new Observation.Context();
        contexts[k].setName(NAME);
        contexts[k].addLowCardinalityKeyValues(KEY_VALUES[k]);
      }
    }

    /** The next context. */
    Observation.Context next() {
      int at = i;
      i = at == contexts.length - 1 ? 0 : at + 1;
      return contexts[at];
    }
  }

  /** Builds the observation registries of every arm, the handlers and the baseline's timer. */
  @Setup(Level.Trial)
  public void setUp() {
    micrometer = micrometerAlone();

    empty = micrometerAlone();
    empty.observationConfig().observationHandler(context -> true);

    slos = SloRegistry.builder().build();
    slo4j = micrometerAlone();
    eventsHandler = SloObservationHandler.builder(slos).slo(Peers.eventsSlo(), CHECKOUT, OutcomeClassifier.http()).build();
    slo4j.observationConfig().observationHandler(eventsHandler);

    latencySlos = SloRegistry.builder().build();
    slo4jLatency = micrometerAlone();
    latencyHandler = SloObservationHandler.builder(latencySlos).slo(Peers.latencySlo(), CHECKOUT, OutcomeClassifier.http()).build();
    slo4jLatency.observationConfig().observationHandler(latencyHandler);

    timer = Timer.builder(NAME).tags("method", "GET", "uri", "/checkout", "status", "200")
        .register(new SimpleMeterRegistry());
  }

  /** An observation registry with Micrometer's default meter handler over a registry of its own. */
  private static ObservationRegistry micrometerAlone() {
    ObservationRegistry r = ObservationRegistry.create();
    r.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
    return r;
  }

  /** Closes slo4j's registries (their tickers). */
  @TearDown(Level.Trial)
  public void tearDown() {
    slos.close();
    latencySlos.close();
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

  /** The same observation with slo4j's handler added, feeding an events (availability) SLO. */
  @Benchmark
  public void slo4j(Cursor cursor) {
    observe(slo4j, cursor.next());
  }

  /** The same observation with slo4j's handler added, feeding a latency SLO it times itself. */
  @Benchmark
  public void slo4jLatency(Cursor cursor) {
    observe(slo4jLatency, cursor.next());
  }

  /** slo4j's handler alone on a prepared context, feeding the events SLO of {@code slo4j}. */
  @Benchmark
  public void slo4jHandlerOnly(Contexts contexts) {
    Observation.Context c = contexts.next();
    eventsHandler.onStart(c);
    eventsHandler.onStop(c);
  }

  /** slo4j's handler alone on a prepared context, feeding the latency SLO of {@code slo4jLatency}. */
  @Benchmark
  public void slo4jHandlerOnlyLatency(Contexts contexts) {
    Observation.Context c = contexts.next();
    latencyHandler.onStart(c);
    latencyHandler.onStop(c);
  }

  private static void observe(ObservationRegistry registry, KeyValues keyValues) {
    Observation.createNotStarted(NAME, registry).lowCardinalityKeyValues(keyValues).start().stop();
  }
}
