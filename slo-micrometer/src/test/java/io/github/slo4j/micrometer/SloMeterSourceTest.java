package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.TimeSource;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SloMeterSource} on real Micrometer registries, one {@link MockClock} driving both the
 * meter registry and the SLO registry (manual ticks) through {@link MicrometerTime}: exact counts
 * per window.
 */
class SloMeterSourceTest {
  private static final SloDefinition AVAILABILITY =
      SloDefinition.builder("checkout-availability").service("checkout").objective(Objective.percent("99.9")).build();
  private static final SloDefinition LATENCY = SloDefinition.builder("checkout-latency")
      .service("checkout")
      .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90"))))
      .build();
  private static final Duration TEN_S = Duration.ofSeconds(10);

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final SloRegistry slos =
      SloRegistry.builder().timeSource(MicrometerTime.of(clock)).manualTicks().build();

  @AfterEach
  void close() {
    slos.close();
  }

  /** One base interval passes and the registry ticks (the source reads at the tick). */
  private void tick() {
    clock.add(TEN_S);
    slos.tick();
  }

  /**
   * The counts of the last minute after two ticks: the first reads the meters and records into the
   * interval that follows it, the second closes that interval.
   */
  private WindowCounts lastMinute(String id) {
    tick();
    tick();
    return slos.find(id).orElseThrow().window(Duration.ofMinutes(1));
  }

  private static void assertCounts(long good, long total, WindowCounts w) {
    assertEquals(good + "/" + total, w.good() + "/" + w.total(), w.toString());
  }

  private Counter requests(String outcome, String uri) {
    return Counter.builder("http.requests").tag("outcome", outcome).tag("uri", uri).register(meters);
  }

  @Test
  void microMeterTimeReadsTheClock() {
    TimeSource time = MicrometerTime.of(clock);
    clock.add(Duration.ofMillis(1500));
    assertEquals(clock.wallTime(), time.wallMillis());
    assertEquals(clock.monotonicTime(), time.monotonicNanos());
    assertEquals(1501, time.wallMillis());
    assertEquals("MicrometerTime.of(" + clock + ")", time.toString());
  }

  @Test
  void goodAndBadCountersGiveExactCountsPerWindowAndCountNothingFromBeforeTheStart() {
    requests("ok", "/a").increment(1000); // before the source: not counted
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodAndBad(AVAILABILITY, MeterQuery.of("http.requests", "outcome", "ok"),
            MeterQuery.of("http.requests", "outcome", "error"))
        .build()) {
      requests("ok", "/a").increment(7);
      requests("ok", "/b").increment(3); // a meter that appears late counts its whole value
      requests("error", "/a").increment(2);
      tick();
      assertCounts(10, 12, lastMinute("checkout-availability"));
      requests("ok", "/a").increment(5);
      requests("error", "/b").increment(1);
      assertCounts(15, 18, lastMinute("checkout-availability"));
      assertEquals(0, source.refusedEvents());
      assertEquals(java.util.List.of("checkout-availability"), source.sloIds());
    }
  }

  @Test
  void badOfTotalFromATimersCountsByTag() {
    Timer all = Timer.builder("http.server.requests").tag("outcome", "SUCCESS").register(meters);
    Timer failed = Timer.builder("http.server.requests").tag("outcome", "SERVER_ERROR").register(meters);
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .badOfTotal(AVAILABILITY, MeterQuery.of("http.server.requests", "outcome", "SERVER_ERROR"),
            MeterQuery.of("http.server.requests"))
        .build()) {
      for (int i = 0; i < 9; i++) {
        all.record(Duration.ofMillis(5));
      }
      failed.record(Duration.ofMillis(5));
      tick();
      assertCounts(9, 10, lastMinute("checkout-availability"));
      assertEquals(0, source.refusedEvents());
    }
  }

  @Test
  void goodOfTotalCounters() {
    Counter good = Counter.builder("jobs.good").register(meters);
    Counter total = Counter.builder("jobs.total").register(meters);
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodOfTotal(AVAILABILITY, MeterQuery.of("jobs.good"), MeterQuery.of("jobs.total"))
        .build()) {
      good.increment(4);
      total.increment(6);
      tick();
      assertCounts(4, 6, lastMinute("checkout-availability"));
      assertEquals(0, source.refusedEvents());
    }
  }

  @Test
  void aRemovedMeterAndItsResetReplacementNeverGiveANegativeIncrease() {
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodAndBad(AVAILABILITY, MeterQuery.of("http.requests", "outcome", "ok"),
            MeterQuery.of("http.requests", "outcome", "error"))
        .build()) {
      Counter ok = requests("ok", "/a");
      ok.increment(50);
      requests("error", "/a").increment(5);
      tick(); // reads 50 good, 5 bad
      meters.remove(ok);
      tick(); // the meter is gone: nothing, never -50
      assertCounts(50, 55, slos.find("checkout-availability").orElseThrow().window(Duration.ofMinutes(1)));
      requests("ok", "/a").increment(80); // same id, a new meter, above the old value: still from zero
      tick();
      assertCounts(130, 135, lastMinute("checkout-availability"));
      Counter again = requests("ok", "/a");
      meters.remove(again);
      requests("ok", "/a").increment(3); // a reset below the old value: 3, not 3 - 80
      assertCounts(133, 138, lastMinute("checkout-availability"));
      assertEquals(0, source.refusedEvents());
    }
  }

  @Test
  void aMeterThatGoesDownIsAResetCountedFromZero() {
    double[] value = {100};
    io.micrometer.core.instrument.FunctionCounter.builder("jobs.done", value, v -> v[0]).register(meters);
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodOfTotal(AVAILABILITY, MeterQuery.of("jobs.done"), MeterQuery.of("jobs.all"))
        .build()) {
      Counter all = Counter.builder("jobs.all").register(meters);
      value[0] = 110;
      all.increment(10);
      tick();
      value[0] = 4; // the process behind the function restarted
      all.increment(4);
      assertCounts(14, 14, lastMinute("checkout-availability"));
      assertEquals(0, source.refusedEvents());
    }
  }

  @Test
  void randomIncrementsRemovalsAndResetsMatchANaiveSum() {
    long seed = 20261130L;
    SplittableRandom random = new SplittableRandom(seed);
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodAndBad(AVAILABILITY, MeterQuery.of("http.requests", "outcome", "ok"),
            MeterQuery.of("http.requests", "outcome", "error"))
        .build()) {
      long good = 0;
      long bad = 0;
      for (int step = 0; step < 4; step++) {
        for (int i = 0; i < 20; i++) {
          boolean ok = random.nextBoolean();
          String uri = "/" + random.nextInt(4);
          int n = random.nextInt(1, 50);
          if (random.nextInt(10) == 0) {
            Counter c = meters.find("http.requests").tag("outcome", ok ? "ok" : "error").tag("uri", uri).counter();
            if (c != null) {
              meters.remove(c); // what it counted since the last tick is lost
              if (ok) {
                good -= Math.round(c.count()) - counted.getOrDefault(c.getId(), 0L);
              } else {
                bad -= Math.round(c.count()) - counted.getOrDefault(c.getId(), 0L);
              }
            }
          }
          requests(ok ? "ok" : "error", uri).increment(n);
          if (ok) {
            good += n;
          } else {
            bad += n;
          }
        }
        tick();
        counted.clear();
        meters.find("http.requests").counters().forEach(c -> counted.put(c.getId(), Math.round(c.count())));
      }
      assertCounts(good, good + bad, lastMinute("checkout-availability"));
      assertEquals(0, source.refusedEvents());
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
    }
  }

  private final java.util.Map<io.micrometer.core.instrument.Meter.Id, Long> counted = new java.util.HashMap<>();

  @Test
  void anIncreaseAbove2To40IsRefusedAndCountedNeverWrapped() {
    Counter bad = Counter.builder("jobs.bad").register(meters);
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodAndBad(AVAILABILITY, MeterQuery.of("jobs.good"), MeterQuery.of("jobs.bad"))
        .build()) {
      bad.increment(0x1p41);
      tick();
      assertEquals(1L << 41, source.refusedEvents());
      bad.increment(3);
      assertCounts(0, 3, lastMinute("checkout-availability"));
    }
  }

  @Test
  void timerLatencyFromItsSloBucketOnAPrometheusRegistry() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
        new io.prometheus.metrics.model.registry.PrometheusRegistry(), clock);
    Timer timer = Timer.builder("http.server.requests").tag("uri", "/checkout")
        .serviceLevelObjectives(Duration.ofMillis(100)).register(prometheus);
    timer.record(Duration.ofMillis(20)); // before the start: not counted
    try (SloMeterSource source = SloMeterSource.builder(prometheus, slos)
        .latency(LATENCY, MeterQuery.of("http.server.requests"))
        .build()) {
      timer.record(Duration.ofMillis(50));
      timer.record(Duration.ofMillis(100)); // at the threshold: good
      timer.record(Duration.ofMillis(101));
      tick();
      assertCounts(2, 3, lastMinute("checkout-latency"));
      for (int i = 0; i < 40; i++) { // ten minutes later the bucket still counts (cumulative)
        tick();
      }
      timer.record(Duration.ofMillis(500));
      timer.record(Duration.ofMillis(1));
      assertCounts(1, 2, lastMinute("checkout-latency"));
      assertEquals(0, source.refusedEvents());
    }
  }

  @Test
  void timerLatencyOnASimpleMeterRegistryIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SloMeterSource.builder(meters, slos).latency(LATENCY, MeterQuery.of("http.server.requests")));
    assertEquals("meterRegistry: io.micrometer.core.instrument.simple.SimpleMeterRegistry (expected a registry whose"
        + " Timer histograms are cumulative, such as PrometheusMeterRegistry; this one's buckets may decay while"
        + " the count stays, so latency from them would be wrong)", e.getMessage());
  }

  /** The measurement behind the refusal: on a SimpleMeterRegistry the bucket decays, the count stays. */
  @Test
  void onASimpleMeterRegistryTheSloBucketDecaysWhileTheCountStays() {
    Timer timer = Timer.builder("t").serviceLevelObjectives(Duration.ofMillis(100)).register(meters);
    timer.record(Duration.ofMillis(10));
    assertEquals(1.0, timer.takeSnapshot().histogramCounts()[0].count());
    clock.add(Duration.ofMinutes(10));
    assertEquals(0.0, timer.takeSnapshot().histogramCounts()[0].count());
    assertEquals(1, timer.count());
  }

  /** A push registry that publishes per step (as Datadog's or OTLP's delta registries do). */
  static final class SteppingRegistry extends io.micrometer.core.instrument.step.StepMeterRegistry {
    SteppingRegistry(io.micrometer.core.instrument.Clock clock) {
      super(new io.micrometer.core.instrument.step.StepRegistryConfig() {
        @Override
        public String prefix() {
          return "test";
        }

        @Override
        public String get(String key) {
          return null;
        }
      }, clock);
    }

    @Override
    protected void publish() {}

    @Override
    protected java.util.concurrent.TimeUnit getBaseTimeUnit() {
      return java.util.concurrent.TimeUnit.SECONDS;
    }
  }

  @Test
  void aStepMeterRegistryIsRefusedForEverySli() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SloMeterSource.builder(new SteppingRegistry(clock), slos));
    assertEquals("meterRegistry: SteppingRegistry (expected a registry whose meters count since they were made;"
        + " a StepMeterRegistry's meters count per step)", e.getMessage());
  }

  @Test
  void aLatencySloNeedsATimerWithTheThresholdBucket() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Timer.builder("http.server.requests").tag("uri", "/a").serviceLevelObjectives(Duration.ofMillis(250))
        .register(prometheus);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SloMeterSource.builder(prometheus, slos).latency(LATENCY, MeterQuery.of("http.server.requests")));
    assertEquals("timer: MeterId{name='http.server.requests', tags=[tag(uri=/a)]} (expected a bucket at the"
        + " threshold PT0.1S: add serviceLevelObjectives(PT0.1S) to the timer)", e.getMessage());
  }

  @Test
  void aLatencySloNeedsOneThreshold() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SloMeterSource.builder(prometheus, slos).latency(AVAILABILITY, MeterQuery.of("t")));
    assertEquals("slo: checkout-availability has SLI events (expected a latency SLI with one threshold:"
        + " a timer's count gives one good count per tick)", e.getMessage());
  }

  @Test
  void badBuilderInputIsRefusedWithItsName() {
    assertEquals("meterRegistry: null (expected a Micrometer MeterRegistry)",
        assertThrows(NullPointerException.class, () -> SloMeterSource.builder(null, slos)).getMessage());
    assertEquals("sloRegistry: null (expected an SloRegistry)",
        assertThrows(NullPointerException.class, () -> SloMeterSource.builder(meters, null)).getMessage());
    SloMeterSource.Builder b = SloMeterSource.builder(meters, slos);
    MeterQuery q = MeterQuery.of("x");
    assertEquals("slo: null (expected an SloDefinition)",
        assertThrows(NullPointerException.class, () -> b.goodAndBad(null, q, MeterQuery.of("y"))).getMessage());
    assertEquals("good: null (expected a MeterQuery)",
        assertThrows(NullPointerException.class, () -> b.goodAndBad(AVAILABILITY, null, q)).getMessage());
    assertEquals("total: null (expected a MeterQuery)",
        assertThrows(NullPointerException.class, () -> b.badOfTotal(AVAILABILITY, q, null)).getMessage());
    assertEquals("timer: null (expected a MeterQuery)",
        assertThrows(NullPointerException.class, () -> b.latency(LATENCY, null)).getMessage());
    assertEquals("bad: x{} (expected a query other than good's)",
        assertThrows(IllegalArgumentException.class, () -> b.goodAndBad(AVAILABILITY, q, MeterQuery.of("x")))
            .getMessage());
    assertEquals("no SLO added (expected at least one goodAndBad, badOfTotal, goodOfTotal or latency before build())",
        assertThrows(IllegalStateException.class, b::build).getMessage());
    b.goodAndBad(AVAILABILITY, q, MeterQuery.of("y"));
    assertEquals("slo: checkout-availability (already added to this source)",
        assertThrows(IllegalArgumentException.class, () -> b.goodOfTotal(AVAILABILITY, q, MeterQuery.of("z")))
            .getMessage());
    assertEquals("clock: null (expected a Micrometer Clock)",
        assertThrows(NullPointerException.class, () -> MicrometerTime.of(null)).getMessage());
  }

  @Test
  void badMeterQueriesAreRefusedWithTheirMessage() {
    assertEquals("name: null (expected a meter name)",
        assertThrows(NullPointerException.class, () -> MeterQuery.of(null)).getMessage());
    assertEquals("name: \" \" (expected a meter name)",
        assertThrows(IllegalArgumentException.class, () -> MeterQuery.of(" ")).getMessage());
    assertEquals("keyValues: 1 strings (expected key, value pairs: an even number)",
        assertThrows(IllegalArgumentException.class, () -> MeterQuery.of("x", "k")).getMessage());
    assertEquals("keyValues[1]: null (expected a tag value)",
        assertThrows(NullPointerException.class, () -> MeterQuery.of("x", "k", null)).getMessage());
    assertEquals("http.requests{outcome=ok,uri=/a}", MeterQuery.of("http.requests", "uri", "/a", "outcome", "ok").toString());
  }

  @Test
  void aMeterThatThrowsWhenReadDoesNotStopTheOtherSlos() {
    boolean[] broken = {false};
    io.micrometer.core.instrument.FunctionCounter.builder("jobs.flaky", broken, b -> {
      if (b[0]) {
        throw new IllegalStateException("the job store is down");
      }
      return 1;
    }).register(meters);
    SloDefinition other = SloDefinition.builder("jobs").service("jobs").objective(Objective.percent("99")).build();
    Counter good = Counter.builder("jobs.good").register(meters);
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodOfTotal(AVAILABILITY, MeterQuery.of("jobs.good"), MeterQuery.of("jobs.flaky"))
        .goodAndBad(other, MeterQuery.of("jobs.good"), MeterQuery.of("jobs.bad"))
        .build()) {
      broken[0] = true;
      good.increment(2);
      assertCounts(2, 2, lastMinute("jobs"));
      assertEquals(2, source.readFailures()); // the two ticks of lastMinute
      assertCounts(0, 0, slos.find("checkout-availability").orElseThrow().window(Duration.ofMinutes(1)));
    }
  }

  @Test
  void stepCountersOfASimpleMeterRegistryAreIgnored() {
    SimpleMeterRegistry stepping = new SimpleMeterRegistry(new SimpleConfig() {
      @Override
      public String get(String key) {
        return null;
      }

      @Override
      public io.micrometer.core.instrument.simple.CountingMode mode() {
        return io.micrometer.core.instrument.simple.CountingMode.STEP;
      }
    }, clock);
    Counter stepGood = Counter.builder("jobs.good").register(stepping);
    Counter total = Counter.builder("jobs.total").register(stepping);
    try (SloMeterSource source = SloMeterSource.builder(stepping, slos)
        .goodOfTotal(AVAILABILITY, MeterQuery.of("jobs.good"), MeterQuery.of("jobs.total"))
        .build()) {
      stepGood.increment(5);
      total.increment(5);
      clock.add(Duration.ofMinutes(1)); // the step ends: the counters now read 5, the last step's count
      assertEquals(5, total.count());
      assertCounts(0, 0, lastMinute("checkout-availability")); // neither step counter is read
      assertEquals(0, source.refusedEvents());
    }
  }

  @Test
  void aClosedSourceReadsNoMore() {
    Counter good = Counter.builder("jobs.good").register(meters);
    SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodOfTotal(AVAILABILITY, MeterQuery.of("jobs.good"), MeterQuery.of("jobs.total"))
        .build();
    Counter total = Counter.builder("jobs.total").register(meters);
    good.increment(1);
    total.increment(1);
    tick();
    source.close();
    good.increment(5);
    total.increment(5);
    tick();
    assertCounts(1, 1, lastMinute("checkout-availability"));
  }
}
