package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * What a tick of {@link SloMeterSource} costs (issue 11): it searched the whole registry for every
 * query at every tick (about 10 ms and 866 KB for 50 SLOs over 100 counters). Now a tick reads the
 * meters kept from the last search, and searches again only for a query whose meters came or went.
 */
class SloMeterSourceTickCostTest {
  private static final SloDefinition AVAILABILITY =
      SloDefinition.builder("checkout-availability").service("checkout").objective(Objective.percent("99.9")).build();
  private static final SloDefinition JOBS =
      SloDefinition.builder("jobs").service("jobs").objective(Objective.percent("99")).build();
  private static final Duration TEN_S = Duration.ofSeconds(10);
  /** Reads measured for allocation. */
  private static final int READS = 20_000;

  /** A registry that counts the walks over its meters, which every search makes. */
  static final class CountingRegistry extends SimpleMeterRegistry {
    int walks;

    CountingRegistry(MockClock clock) {
      super(SimpleConfig.DEFAULT, clock);
    }

    @Override
    public List<Meter> getMeters() {
      walks++;
      return super.getMeters();
    }

    @Override
    public void forEachMeter(Consumer<? super Meter> consumer) {
      walks++;
      super.forEachMeter(consumer);
    }
  }

  private final MockClock clock = new MockClock();
  private final CountingRegistry meters = new CountingRegistry(clock);
  private final SloRegistry slos = SloRegistry.builder().timeSource(MicrometerTime.of(clock)).manualTicks().build();

  @AfterEach
  void close() {
    slos.close();
  }

  private void tick() {
    clock.add(TEN_S);
    slos.tick();
  }

  /** The last minute's counts after two more ticks (the first reads, the second closes the interval). */
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

  private SloMeterSource availability() {
    return SloMeterSource.builder(meters, slos)
        .goodAndBad(AVAILABILITY, MeterQuery.of("http.requests", "outcome", "ok"),
            MeterQuery.of("http.requests", "outcome", "error"))
        .build();
  }

  @Test
  void aTickDoesNotSearchTheRegistryAgain() {
    Counter ok = requests("ok", "/a");
    Counter error = requests("error", "/a");
    try (SloMeterSource source = availability()) {
      tick();
      tick(); // the search at the start is confirmed once
      int walks = meters.walks;
      for (int i = 0; i < 50; i++) {
        ok.increment(9);
        error.increment();
        tick();
      }
      assertEquals(walks, meters.walks, "registry walks during 50 ticks without a new or removed meter");
      tick(); // closes the interval the last read went into
      assertCounts(450, 500, slos.find("checkout-availability").orElseThrow().window(Duration.ofMinutes(15)));
      assertEquals(0, source.readFailures());
    }
  }

  @Test
  void aMeterAddedLaterIsPickedUpAtTheNextTick() {
    requests("ok", "/a").increment(1);
    try (SloMeterSource source = availability()) {
      tick();
      tick();
      int walks = meters.walks;
      requests("ok", "/b").increment(4); // a new uri: its whole value
      requests("error", "/b").increment(1);
      tick();
      assertNotEquals(walks, meters.walks, "a matching meter was added: its query is searched again");
      assertCounts(4, 5, lastMinute("checkout-availability"));
      assertEquals(3, source.keptMeters().size(), source.keptMeters().toString());
    }
  }

  @Test
  void aMeterOfAnotherNameOrOtherTagsCausesNoSearch() {
    try (SloMeterSource source = availability()) {
      tick();
      tick();
      int walks = meters.walks;
      Counter.builder("jvm.gc.pauses").register(meters).increment();
      requests("redirect", "/a").increment(5); // same name, a tag no query asks for
      tick();
      tick();
      assertEquals(walks, meters.walks, "registry walks after meters no query matches were added");
      assertCounts(0, 0, slos.find("checkout-availability").orElseThrow().window(Duration.ofMinutes(1)));
      assertEquals(List.of(), source.keptMeters());
    }
  }

  /**
   * Micrometer calls its meter-added listeners before the meter is in its map: a tick that runs in
   * between (here from a listener registered after the source's) sees the change but not the meter.
   * The search is repeated at the next tick, which finds it.
   */
  @Test
  void aMeterStillBeingAddedDuringATickIsFoundAtTheNextTick() {
    try (SloMeterSource source = availability()) {
      tick();
      tick();
      boolean[] ticked = {false};
      meters.config().onMeterAdded(m -> {
        if (m.getId().getName().equals("http.requests") && !ticked[0]) {
          ticked[0] = true;
          assertTrue(meters.find("http.requests").counters().isEmpty(), "the meter is not searchable yet");
          tick();
        }
      });
      Counter ok = requests("ok", "/late");
      assertTrue(ticked[0]);
      ok.increment(6);
      assertCounts(6, 6, lastMinute("checkout-availability"));
      assertEquals(List.of(ok), source.keptMeters());
    }
  }

  @Test
  void aRemovedMeterIsNoLongerKeptAfterTheNextTick() {
    Counter ok = requests("ok", "/a");
    Counter error = requests("error", "/a");
    try (SloMeterSource source = availability()) {
      ok.increment(3);
      tick();
      assertEquals(2, source.keptMeters().size());
      meters.remove(ok);
      tick();
      assertEquals(List.of(error), source.keptMeters(), "the removed counter must not be held");
      Counter again = requests("ok", "/a"); // same id, a new meter: counted from zero
      again.increment(2);
      assertCounts(5, 5, lastMinute("checkout-availability"));
    }
  }

  @Test
  void aClosedSourceKeepsNoMeterAndIgnoresRegistryEvents() {
    requests("ok", "/a");
    SloMeterSource source = availability();
    tick();
    assertEquals(1, source.keptMeters().size());
    source.close();
    assertEquals(List.of(), source.keptMeters());
    int walks = meters.walks;
    requests("ok", "/b").increment();
    tick();
    tick();
    assertEquals(walks, meters.walks, "a closed source searches nothing");
  }

  @Test
  void aThrowingMeterLosesNothingOnceItReadsAgain() {
    boolean[] broken = {false};
    FunctionCounter.builder("jobs.flaky", broken, b -> {
      if (b[0]) {
        throw new IllegalStateException("the job store is down");
      }
      return 0;
    }).register(meters);
    Counter good = Counter.builder("jobs.good").register(meters);
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodAndBad(JOBS, MeterQuery.of("jobs.good"), MeterQuery.of("jobs.flaky"))
        .build()) {
      broken[0] = true;
      good.increment(3);
      tick(); // the good side was read, the bad side threw: neither side moves on
      assertEquals(1, source.readFailures());
      broken[0] = false;
      assertCounts(3, 3, lastMinute("jobs"));
    }
  }

  @Test
  void latencyTimersAreKeptAndATimerAddedLaterIsPickedUp() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
        new io.prometheus.metrics.model.registry.PrometheusRegistry(), clock);
    SloDefinition latency = SloDefinition.builder("checkout-latency").service("checkout")
        .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")))).build();
    Timer a = Timer.builder("http.server.requests").tag("uri", "/a")
        .serviceLevelObjectives(Duration.ofMillis(100)).register(prometheus);
    try (SloMeterSource source = SloMeterSource.builder(prometheus, slos)
        .latency(latency, MeterQuery.of("http.server.requests"))
        .build()) {
      a.record(Duration.ofMillis(10));
      tick();
      Timer b = Timer.builder("http.server.requests").tag("uri", "/b")
          .serviceLevelObjectives(Duration.ofMillis(100)).register(prometheus);
      Timer.builder("http.server.requests").tag("uri", "/c").register(prometheus).record(Duration.ofMillis(1));
      b.record(Duration.ofMillis(300));
      b.record(Duration.ofMillis(30));
      a.record(Duration.ofMillis(200));
      assertCounts(2, 4, lastMinute("checkout-latency")); // 1 of a's, then a's 200 ms and b's two
      assertEquals(2, source.keptMeters().size(), "the timer without the bucket is left out: " + source.keptMeters());
    }
  }

  /** {@code com.sun.management.ThreadMXBean}, or null where the JVM does not count allocated bytes. */
  private static com.sun.management.ThreadMXBean threads() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled() ? t : null;
  }

  /**
   * A tick in which no matching meter came or went allocates nothing: measured with the JVM's
   * per-thread allocation counter, which counts every byte this thread allocates, interpreted or
   * compiled. The bound is under one byte per read on average, where one object per read would count
   * at least 16: the JIT itself was seen to allocate a few kilobytes on this thread once in a while
   * (in SloRecorder.recordCounts at its compile thresholds, or after other tests changed the
   * profiles), which a bound of exactly zero would turn into a flaky test.
   */
  @Test
  void aSteadyTickAllocatesNothing() {
    com.sun.management.ThreadMXBean threads = threads();
    assumeTrue(threads != null, "this JVM does not count allocated bytes per thread");
    Counter ok = requests("ok", "/a");
    Counter error = requests("error", "/a");
    Timer jobs = Timer.builder("jobs").tag("outcome", "ok").register(meters);
    Timer failed = Timer.builder("jobs").tag("outcome", "failed").register(meters);
    double[] done = {0};
    FunctionCounter.builder("batch.done", done, d -> d[0]).register(meters);
    DistributionSummary all = DistributionSummary.builder("batch.all").register(meters);
    try (SloMeterSource source = SloMeterSource.builder(meters, slos)
        .goodAndBad(AVAILABILITY, MeterQuery.of("http.requests", "outcome", "ok"),
            MeterQuery.of("http.requests", "outcome", "error"))
        .badOfTotal(JOBS, MeterQuery.of("jobs", "outcome", "failed"), MeterQuery.of("jobs"))
        .goodOfTotal(SloDefinition.builder("batch").service("batch").objective(Objective.percent("99")).build(),
            MeterQuery.of("batch.done"), MeterQuery.of("batch.all"))
        .build()) {
      for (int i = 0; i < 3; i++) {
        source.poll(); // the start is confirmed, every path has run once
      }
      // Past the JIT's tier changes: while they happen, SloRecorder.recordCounts was seen to allocate
      // a few hundred bytes once or twice in its first 11,000 calls, then never again.
      for (int i = 0; i < 30_000; i++) {
        traffic(ok, error, jobs, failed, done, all);
        source.poll();
      }
      long bytes = 0;
      for (int i = 0; i < READS; i++) {
        traffic(ok, error, jobs, failed, done, all); // Micrometer's own recording is not measured
        long before = threads.getCurrentThreadAllocatedBytes();
        long calibration = threads.getCurrentThreadAllocatedBytes() - before; // reading the counter, if anything
        before = threads.getCurrentThreadAllocatedBytes();
        source.poll();
        bytes += threads.getCurrentThreadAllocatedBytes() - before - calibration;
      }
      assertTrue(bytes < READS, "bytes allocated by " + READS + " reads of 6 meters for 3 SLOs: " + bytes
          + " (expected fewer than one a read)");
      tick();
      tick();
      assertCounts(450_000, 500_000, slos.find("checkout-availability").orElseThrow().window(Duration.ofHours(1)));
      assertCounts(50_000, 100_000, slos.find("jobs").orElseThrow().window(Duration.ofHours(1)));
      assertCounts(100_000, 100_000, slos.find("batch").orElseThrow().window(Duration.ofHours(1)));
      assertEquals(0, source.readFailures());
      assertEquals(0, source.refusedEvents());
    }
  }

  private static void traffic(Counter ok, Counter error, Timer jobs, Timer failed, double[] done,
      DistributionSummary all) {
    ok.increment(9);
    error.increment();
    jobs.record(1, java.util.concurrent.TimeUnit.MILLISECONDS);
    failed.record(1, java.util.concurrent.TimeUnit.MILLISECONDS);
    done[0] += 2;
    all.record(1);
    all.record(1);
  }

  @Test
  void aLazyLoggerResolvesItsLoggerOnFirstUse() {
    LazyLogger log = new LazyLogger(SloMeterSource.class);
    assertFalse(log.resolved());
    Logger first = log.get();
    assertTrue(log.resolved());
    assertSame(first, log.get());
  }

  /** Loading a class of slo-micrometer (a Spring context loads them at start-up) makes no logger. */
  @Test
  void noClassOfSloMicrometerMakesALoggerWhenItLoads() throws IOException, URISyntaxException, ClassNotFoundException {
    Path root = Path.of(SloMeterSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> offenders = new ArrayList<>();
    int classes = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".")
            .replaceAll("\\.class$", "");
        if (name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> c = Class.forName(name, false, getClass().getClassLoader()); // loaded, not initialized
        classes++;
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers()) && Logger.class.isAssignableFrom(f.getType())) {
            offenders.add(name + "." + f.getName());
          }
        }
      }
    }
    assertTrue(classes > 10, "classes found under " + root + ": " + classes);
    assertEquals(List.of(), offenders, "static slf4j loggers (made when the class initializes)");
  }
}
