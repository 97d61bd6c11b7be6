package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.TimeSource;
import io.github.slo4j.recorder.EventCounts;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SloObservationHandler} on a real {@link ObservationRegistry}, beside Micrometer's own
 * {@link DefaultMeterObservationHandler}: what each SLO counts, exactly.
 */
class SloObservationHandlerTest {
  private static final SloDefinition AVAILABILITY =
      SloDefinition.builder("checkout-availability").service("checkout").objective(Objective.percent("99.9")).build();
  private static final SloDefinition LATENCY =
      SloDefinition.builder("checkout-latency")
          .service("checkout")
          .sli(Sli.latency(
              LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
              LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
          .build();
  private static final ObservationSelector CHECKOUT =
      ObservationSelector.name("http.server.requests").keyValue("uri", "/checkout");

  private final ManualTimeSource time = ManualTimeSource.atEpoch();
  private final SloRegistry slos = SloRegistry.builder().timeSource(time).manualTicks().build();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ObservationRegistry observations = ObservationRegistry.create();

  @AfterEach
  void close() {
    slos.close();
  }

  private SloObservationHandler install(SloObservationHandler handler) {
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    observations.observationConfig().observationHandler(handler);
    return handler;
  }

  /** One request: started, {@code millis} later stopped with these key values (key, value, ...). */
  private void request(long millis, Throwable error, String... keyValues) {
    Observation o = Observation.createNotStarted("http.server.requests", observations);
    for (int i = 0; i < keyValues.length; i += 2) {
      o.lowCardinalityKeyValue(keyValues[i], keyValues[i + 1]);
    }
    o.start();
    time.advance(Duration.ofMillis(millis));
    if (error != null) {
      o.error(error);
    }
    o.stop();
  }

  private void request(String uri, String status) {
    request(10, null, "uri", uri, "status", status, "method", "GET", "outcome", outcome(status), "exception", "none");
  }

  private static String outcome(String status) {
    return status.startsWith("5") ? "SERVER_ERROR" : status.startsWith("4") ? "CLIENT_ERROR" : "SUCCESS";
  }

  private static EventCounts counts(long good, long total) {
    return new EventCounts(good, total);
  }

  @Test
  void serverErrorsAndExceptionsAreBadClientErrorsAreGood() {
    install(SloObservationHandler.builder(slos).slo(AVAILABILITY, CHECKOUT, OutcomeClassifier.http()).build());
    request("/checkout", "200");
    request("/checkout", "201");
    request("/checkout", "404");
    request("/checkout", "401");
    request("/checkout", "503");
    request("/checkout", "500");
    request(10, new IllegalStateException("boom"), "uri", "/checkout", "status", "200", "exception", "IllegalStateException");
    request("/cart", "500"); // another endpoint: not this SLO's

    SloRecorder r = slos.find("checkout-availability").orElseThrow();
    assertEquals(counts(4, 7), r.cumulative());
    // Micrometer's own handler ran beside it, on the same observations
    Timer t = meters.get("http.server.requests").tag("uri", "/checkout").tag("status", "503").timer();
    assertEquals(1, t.count());
  }

  @Test
  void aCustomBadStatusPredicateCountsTooManyRequestsAsBad() {
    install(SloObservationHandler.builder(slos)
        .slo(AVAILABILITY, CHECKOUT, OutcomeClassifier.http(s -> s >= 500 || s == 429))
        .build());
    request("/checkout", "429");
    request("/checkout", "404");
    request("/checkout", "UNKNOWN"); // not a number: judged by the error alone
    assertEquals(counts(2, 3), slos.find("checkout-availability").orElseThrow().cumulative());
  }

  @Test
  void latencyIsMeasuredFromTheRegistryTimeSourceAndJudgedPerThreshold() {
    install(SloObservationHandler.builder(slos).slo(LATENCY, CHECKOUT, OutcomeClassifier.http()).build());
    request(50, null, "uri", "/checkout", "status", "200"); // within both
    request(100, null, "uri", "/checkout", "status", "200"); // within both: <= threshold
    request(101, null, "uri", "/checkout", "status", "200"); // within 500 ms only
    request(501, null, "uri", "/checkout", "status", "200"); // within neither
    request(20, null, "uri", "/checkout", "status", "500"); // fast but failed: bad for both

    SloRecorder r = slos.find("checkout-latency").orElseThrow();
    List<Target> targets = LATENCY.targets();
    assertEquals(counts(2, 5), r.cumulative(targets.get(0)));
    assertEquals(counts(3, 5), r.cumulative(targets.get(1)));
  }

  @Test
  void aGroupedSloRecordsPerKeyValueAndAMissingKeyGoesToTheOverflowGroup() {
    install(SloObservationHandler.builder(slos)
        .groupedSlo(AVAILABILITY, "uri", 10, ObservationSelector.name("http.server.requests"), OutcomeClassifier.http())
        .build());
    request("/checkout", "200");
    request("/checkout", "500");
    request("/cart", "200");
    request(10, null, "status", "200"); // no uri

    GroupedSloRecorder g = slos.findGrouped("checkout-availability").orElseThrow();
    assertEquals(counts(1, 2), g.existing("/checkout").orElseThrow().cumulative());
    assertEquals(counts(1, 1), g.existing("/cart").orElseThrow().cumulative());
    assertEquals(counts(1, 1), g.overflowGroup().orElseThrow().cumulative());
    assertEquals(2, g.groups().size());
  }

  @Test
  void excludedKeyValuesAndOtherNamesAreNotCounted() {
    install(SloObservationHandler.builder(slos)
        .slo(AVAILABILITY, CHECKOUT.exclude("user_agent_class", "bot").exclude("synthetic", "true"), OutcomeClassifier.http())
        .build());
    request(10, null, "uri", "/checkout", "status", "500", "user_agent_class", "bot");
    request(10, null, "uri", "/checkout", "status", "500", "synthetic", "true");
    request(10, null, "uri", "/checkout", "status", "200", "user_agent_class", "browser");
    request(10, null, "uri", "/checkout", "status", "500", "synthetic", "false");
    Observation.createNotStarted("http.client.requests", observations)
        .lowCardinalityKeyValue("uri", "/checkout")
        .lowCardinalityKeyValue("status", "500")
        .start()
        .stop();
    assertEquals(counts(1, 2), slos.find("checkout-availability").orElseThrow().cumulative());
  }

  @Test
  void aPredicateNarrowsTheSelection() {
    install(SloObservationHandler.builder(slos)
        .slo(AVAILABILITY,
            CHECKOUT.and(c -> c.getLowCardinalityKeyValue("method") != null
                && !"OPTIONS".equals(c.getLowCardinalityKeyValue("method").getValue())),
            OutcomeClassifier.http())
        .build());
    request(10, null, "uri", "/checkout", "status", "500", "method", "OPTIONS");
    request(10, null, "uri", "/checkout", "status", "200", "method", "POST");
    request(10, null, "uri", "/checkout", "status", "200");
    assertEquals(counts(1, 1), slos.find("checkout-availability").orElseThrow().cumulative());
  }

  @Test
  void aThrowingClassifierIsCountedNotThrownAndItsObservationIsNotRecorded() {
    SloObservationHandler h = install(SloObservationHandler.builder(slos)
        .slo(AVAILABILITY, CHECKOUT, c -> {
          throw new IllegalStateException("classifier bug");
        })
        .slo(LATENCY, CHECKOUT, OutcomeClassifier.http())
        .build());
    request("/checkout", "200");
    request("/checkout", "500");
    assertEquals(2, h.classifierFailures());
    assertEquals(0, h.selectorFailures());
    assertEquals(counts(0, 0), slos.find("checkout-availability").orElseThrow().cumulative());
    // the other SLO on the same observations is fed as usual
    assertEquals(counts(1, 2), slos.find("checkout-latency").orElseThrow().cumulative());
  }

  @Test
  void aThrowingSelectorPredicateIsCountedNotThrownAndItsObservationCounted() {
    SloObservationHandler h = install(SloObservationHandler.builder(slos)
        .slo(AVAILABILITY, CHECKOUT.and(c -> {
          throw new IllegalStateException("selector bug");
        }), OutcomeClassifier.http())
        .build());
    request("/checkout", "200");
    request("/checkout", "500");
    request("/cart", "500"); // rejected by the uri before the predicate runs
    assertEquals(2, h.selectorFailures());
    assertEquals(0, h.classifierFailures());
    assertEquals(counts(1, 2), slos.find("checkout-availability").orElseThrow().cumulative());
  }

  @Test
  void anErrorWithoutStatusIsBadForTheHttpClassifier() {
    install(SloObservationHandler.builder(slos).slo(AVAILABILITY, CHECKOUT, OutcomeClassifier.http()).build());
    request(10, new RuntimeException("connection reset"), "uri", "/checkout");
    request(10, null, "uri", "/checkout");
    assertEquals(counts(1, 2), slos.find("checkout-availability").orElseThrow().cumulative());
  }

  @Test
  void theErrorsClassifierJudgesByTheErrorAlone() {
    install(SloObservationHandler.builder(slos)
        .slo(AVAILABILITY, ObservationSelector.any().keyValue("uri", "/checkout"), OutcomeClassifier.errors())
        .build());
    request("/checkout", "500");
    request(10, new RuntimeException("x"), "uri", "/checkout");
    assertEquals(counts(1, 2), slos.find("checkout-availability").orElseThrow().cumulative());
  }

  private static Observation.Context named(String name) {
    Observation.Context c = new Observation.Context();
    c.setName(name);
    return c;
  }

  @Test
  void theHandlerAsksForEveryObservationEvenOneNotNamedYet() {
    SloObservationHandler h = SloObservationHandler.builder(slos).slo(AVAILABILITY, CHECKOUT, OutcomeClassifier.http()).build();
    assertTrue(h.supportsContext(named("http.server.requests")));
    assertTrue(h.supportsContext(new Observation.Context()), "an observation a convention names only at start");
  }

  @Test
  void anSloAlreadyRegisteredWithTheSameDefinitionIsFedAsItIs() {
    SloRecorder mine = slos.register(AVAILABILITY);
    install(SloObservationHandler.builder(slos).slo(AVAILABILITY, CHECKOUT, OutcomeClassifier.http()).build());
    request("/checkout", "500");
    assertEquals(counts(0, 1), mine.cumulative());
  }

  @Test
  void badBuilderInputIsRefusedWithItsParameterNamed() {
    SloObservationHandler.Builder b = SloObservationHandler.builder(slos);
    OutcomeClassifier http = OutcomeClassifier.http();
    assertEquals("registry: null (expected an SloRegistry)",
        assertThrows(NullPointerException.class, () -> SloObservationHandler.builder(null)).getMessage());
    assertEquals("slo: null (expected an SloDefinition)",
        assertThrows(NullPointerException.class, () -> b.slo(null, CHECKOUT, http)).getMessage());
    assertEquals("selector: null (expected an ObservationSelector)",
        assertThrows(NullPointerException.class, () -> b.slo(AVAILABILITY, null, http)).getMessage());
    assertEquals("classifier: null (expected an OutcomeClassifier)",
        assertThrows(NullPointerException.class, () -> b.slo(AVAILABILITY, CHECKOUT, null)).getMessage());
    assertEquals("groupBy: null (expected a low-cardinality key name)",
        assertThrows(NullPointerException.class, () -> b.groupedSlo(AVAILABILITY, null, 10, CHECKOUT, http)).getMessage());
    assertEquals("groupBy: \" \" (expected a low-cardinality key name)",
        assertThrows(IllegalArgumentException.class, () -> b.groupedSlo(AVAILABILITY, " ", 10, CHECKOUT, http)).getMessage());
    assertEquals("no SLO added (expected at least one slo(...) or groupedSlo(...) before build())",
        assertThrows(IllegalStateException.class, b::build).getMessage());
    b.slo(AVAILABILITY, CHECKOUT, http);
    assertEquals("slo: checkout-availability (already added to this handler; one selector per SLO, widen it with a predicate)",
        assertThrows(IllegalArgumentException.class, () -> b.slo(AVAILABILITY, CHECKOUT, http)).getMessage());
  }

  @Test
  void badSelectorAndClassifierInputIsRefusedWithItsParameterNamed() {
    assertEquals("name: null (expected an observation name)",
        assertThrows(NullPointerException.class, () -> ObservationSelector.name(null)).getMessage());
    assertEquals("name: \"\" (expected an observation name)",
        assertThrows(IllegalArgumentException.class, () -> ObservationSelector.name("")).getMessage());
    assertEquals("key: null (expected a key name)",
        assertThrows(NullPointerException.class, () -> CHECKOUT.keyValue(null, "x")).getMessage());
    assertEquals("value: null (expected the value of key uri)",
        assertThrows(NullPointerException.class, () -> CHECKOUT.keyValue("uri", null)).getMessage());
    assertEquals("value: null (expected the value of key user_agent_class to exclude)",
        assertThrows(NullPointerException.class, () -> CHECKOUT.exclude("user_agent_class", null)).getMessage());
    assertEquals("predicate: null (expected a predicate)",
        assertThrows(NullPointerException.class, () -> CHECKOUT.and(null)).getMessage());
    assertEquals("badStatus: null (expected a predicate on the status code)",
        assertThrows(NullPointerException.class, () -> OutcomeClassifier.http(null)).getMessage());
  }

  /** A request context whose status is known only when the response is written, as in Spring. */
  static final class RequestContext extends Observation.Context {
    final String uri;
    int status;

    RequestContext(String uri) {
      this.uri = uri;
    }
  }

  /** Key values from the context, computed at stop as Spring's server request convention does. */
  static final class RequestConvention implements ObservationConvention<RequestContext> {
    @Override
    public String getName() {
      return "http.server.requests";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(RequestContext context) {
      return KeyValues.of("uri", context.uri, "status", Integer.toString(context.status));
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return context instanceof RequestContext;
    }
  }

  @Test
  void anObservationNamedByItsConventionOnlyAtStartIsRecordedWithTheKeyValuesOfItsStop() {
    install(SloObservationHandler.builder(slos)
        .slo(AVAILABILITY, CHECKOUT, OutcomeClassifier.http())
        .slo(LATENCY, CHECKOUT, OutcomeClassifier.http())
        .build());
    for (int status : new int[] {200, 503, 404}) {
      RequestContext context = new RequestContext("/checkout");
      Observation o = Observation.createNotStarted(new RequestConvention(), () -> context, observations).start();
      time.advance(Duration.ofMillis(150));
      context.status = status; // the response is written after the observation started
      o.stop();
    }
    assertEquals(counts(2, 3), slos.find("checkout-availability").orElseThrow().cumulative());
    // timed from its start: 150 ms is over the 100 ms threshold, within the 500 ms one
    SloRecorder latency = slos.find("checkout-latency").orElseThrow();
    assertEquals(counts(0, 3), latency.cumulative(LATENCY.targets().get(0)));
    assertEquals(counts(2, 3), latency.cumulative(LATENCY.targets().get(1)));
  }

  @Test
  void randomTrafficIsCountedAsANaiveModelCountsIt() {
    long seed = 20261130L;
    SplittableRandom random = new SplittableRandom(seed);
    install(SloObservationHandler.builder(slos)
        .slo(AVAILABILITY, CHECKOUT.exclude("user_agent_class", "bot"), OutcomeClassifier.http())
        .groupedSlo(LATENCY, "uri", 10, ObservationSelector.name("http.server.requests"), OutcomeClassifier.http())
        .build());
    String[] uris = {"/checkout", "/cart", "/search"};
    String[] statuses = {"200", "201", "301", "400", "404", "429", "500", "503", "UNKNOWN"};
    String[] agents = {"browser", "bot", "app"};
    long good = 0;
    long total = 0;
    Map<String, long[]> latency = new HashMap<>(); // uri -> total, good within 100 ms, good within 500 ms
    for (int i = 0; i < 3_000; i++) {
      String uri = uris[random.nextInt(uris.length)];
      String status = statuses[random.nextInt(statuses.length)];
      String agent = agents[random.nextInt(agents.length)];
      boolean error = random.nextInt(10) == 0;
      long millis = random.nextLong(700);
      request(millis, error ? new IllegalStateException("case " + i) : null,
          "uri", uri, "status", status, "user_agent_class", agent);
      boolean ok = !error && !status.startsWith("5");
      if (uri.equals("/checkout") && !agent.equals("bot")) {
        total++;
        good += ok ? 1 : 0;
      }
      long[] l = latency.computeIfAbsent(uri, k -> new long[3]);
      l[0]++;
      l[1] += ok && millis <= 100 ? 1 : 0;
      l[2] += ok && millis <= 500 ? 1 : 0;
    }
    assertEquals(counts(good, total), slos.find("checkout-availability").orElseThrow().cumulative(), "seed " + seed);
    GroupedSloRecorder g = slos.findGrouped("checkout-latency").orElseThrow();
    for (String uri : uris) {
      long[] l = latency.get(uri);
      SloRecorder r = g.existing(uri).orElseThrow();
      assertEquals(counts(l[1], l[0]), r.cumulative(LATENCY.targets().get(0)), "seed " + seed + ", " + uri + ", 100 ms");
      assertEquals(counts(l[2], l[0]), r.cumulative(LATENCY.targets().get(1)), "seed " + seed + ", " + uri + ", 500 ms");
    }
  }

  @Test
  void aSelectorIsImmutable() {
    ObservationSelector base = ObservationSelector.name("http.server.requests");
    ObservationSelector narrowed = base.keyValue("uri", "/checkout").exclude("user_agent_class", "bot").and(c -> true);
    assertEquals("ObservationSelector[name=http.server.requests]", base.toString());
    assertEquals("ObservationSelector[name=http.server.requests uri=/checkout !user_agent_class=bot +predicate]",
        narrowed.toString());
  }

  @Test
  void twoHandlersOnOneObservationRegistryEachFeedTheirOwnSloRegistry() {
    SloObservationHandler first = install(SloObservationHandler.builder(slos).slo(LATENCY, CHECKOUT, OutcomeClassifier.http()).build());
    try (SloRegistry other = SloRegistry.builder().timeSource(time).manualTicks().build()) {
      observations.observationConfig().observationHandler(
          SloObservationHandler.builder(other).slo(LATENCY, CHECKOUT, OutcomeClassifier.http()).build());
      request(150, null, "uri", "/checkout", "status", "200");
      assertEquals(List.of("checkout-latency"), first.sloIds());
      assertEquals(counts(0, 1), slos.find("checkout-latency").orElseThrow().cumulative(LATENCY.targets().get(0)));
      assertEquals(counts(1, 1), slos.find("checkout-latency").orElseThrow().cumulative(LATENCY.targets().get(1)));
      assertEquals(counts(0, 1), other.find("checkout-latency").orElseThrow().cumulative(LATENCY.targets().get(0)));
      assertEquals(counts(1, 1), other.find("checkout-latency").orElseThrow().cumulative(LATENCY.targets().get(1)));
    }
  }

  @Test
  void aSelectorReadsAsWhatItSelects() {
    assertEquals("ObservationSelector[name=http.server.requests uri=/checkout !user_agent_class=bot]",
        CHECKOUT.exclude("user_agent_class", "bot").toString());
    assertEquals("ObservationSelector[any name +predicate]", ObservationSelector.any().and(c -> true).toString());
  }

  @Test
  void onStopAllocatesLessThanOneBytePerObservationOnceTheGroupExists() {
    SloObservationHandler h = SloObservationHandler.builder(slos)
        .slo(LATENCY, CHECKOUT.exclude("user_agent_class", "bot"), OutcomeClassifier.http())
        .groupedSlo(AVAILABILITY, "uri", 10, CHECKOUT, OutcomeClassifier.http())
        .build();
    Observation.Context c = named("http.server.requests");
    c.addLowCardinalityKeyValue(KeyValue.of("uri", "/checkout"));
    c.addLowCardinalityKeyValue(KeyValue.of("status", "503"));
    h.onStart(c);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      h.onStop(c); // warm up; creates the group
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < n; i++) {
      h.onStop(c);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // any allocation per call would be at least 16 bytes a call, 1.6 MB in all
    assertTrue(allocated < n, "bytes allocated by " + n + " onStop calls: " + allocated);
    assertEquals(counts(0, 2L * n), slos.findGrouped("checkout-availability").orElseThrow()
        .existing("/checkout").orElseThrow().cumulative());
  }

  @Test
  void anObservationStartedBeforeTheHandlerSawItIsSlowerThanEveryThreshold() {
    SloObservationHandler h = SloObservationHandler.builder(slos).slo(LATENCY, CHECKOUT, OutcomeClassifier.http()).build();
    Observation.Context c = named("http.server.requests");
    c.addLowCardinalityKeyValue(KeyValue.of("uri", "/checkout"));
    c.addLowCardinalityKeyValue(KeyValue.of("status", "200"));
    h.onStop(c); // no onStart: no start time in the context
    SloRecorder r = slos.find("checkout-latency").orElseThrow();
    assertEquals(counts(0, 1), r.cumulative(LATENCY.targets().get(0)));
    assertEquals(counts(0, 1), r.cumulative(LATENCY.targets().get(1)));
  }

  @Test
  void aStackOverflowInAClassifierIsCountedButAnOutOfMemoryErrorPropagates() {
    SloObservationHandler overflow = SloObservationHandler.builder(slos)
        .slo(AVAILABILITY, CHECKOUT, c -> {
          throw new StackOverflowError();
        })
        .build();
    Observation.Context c = named("http.server.requests");
    c.addLowCardinalityKeyValue(KeyValue.of("uri", "/checkout"));
    overflow.onStop(c);
    assertEquals(1, overflow.classifierFailures());
    SloObservationHandler oom = SloObservationHandler.builder(slos)
        .slo(LATENCY, CHECKOUT, x -> {
          throw new OutOfMemoryError("test");
        })
        .build();
    assertEquals("test", assertThrows(OutOfMemoryError.class, () -> oom.onStop(c)).getMessage());
  }

  @Test
  void aThrowingTimeSourceLeavesTheDurationUnknownAndIsNotThrown() {
    AtomicBoolean failing = new AtomicBoolean();
    TimeSource broken = new TimeSource() {
      @Override
      public long wallMillis() {
        if (failing.get()) {
          throw new IllegalStateException("wall clock broken");
        }
        return 0;
      }

      @Override
      public long monotonicNanos() {
        if (failing.get()) {
          throw new IllegalStateException("monotonic clock broken");
        }
        return 0;
      }
    };
    try (SloRegistry brokenSlos = SloRegistry.builder().timeSource(broken).manualTicks().build()) {
      SloObservationHandler h = SloObservationHandler.builder(brokenSlos)
          .slo(LATENCY, CHECKOUT, OutcomeClassifier.http())
          .slo(AVAILABILITY, CHECKOUT, OutcomeClassifier.http())
          .slo(SloDefinition.builder("checkout-other").service("checkout").objective(Objective.percent("99")).build(), CHECKOUT, c -> {
            throw new IllegalArgumentException("and the classifier too"); // its log reads the broken wall clock
          })
          .build();
      observations.observationConfig().observationHandler(h);
      failing.set(true); // the registry read the time at construction
      request("/checkout", "200");
      assertEquals(1, h.classifierFailures());
      assertEquals(counts(1, 1), brokenSlos.find("checkout-availability").orElseThrow().cumulative());
      SloRecorder latency = brokenSlos.find("checkout-latency").orElseThrow();
      assertEquals(counts(0, 1), latency.cumulative(LATENCY.targets().get(0)), "an unknown duration");
      assertEquals(counts(0, 1), latency.cumulative(LATENCY.targets().get(1)), "an unknown duration");
    }
  }

  @Test
  void statusParsingAcceptsOnlyOneToThreeDigits() {
    assertEquals(503, HttpClassifier.parseStatus("503"));
    assertEquals(7, HttpClassifier.parseStatus("7"));
    assertEquals(-1, HttpClassifier.parseStatus(""));
    assertEquals(-1, HttpClassifier.parseStatus("5000"));
    assertEquals(-1, HttpClassifier.parseStatus("5x3"));
    assertEquals(-1, HttpClassifier.parseStatus("UNKNOWN"));
  }
}
