package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link SloObservationHandler} finds the SLOs of an observation: by its name, with the SLOs
 * whose selector takes any name added, and timing it only when one of those SLOs judges latency.
 */
class SloObservationHandlerRoutingTest {
  private static final Duration FAST = Duration.ofMillis(100);
  private static final Duration SLOW = Duration.ofMillis(500);

  /** Counts the monotonic clock reads, so that a test can tell whether an observation was timed. */
  private static final class CountingTime implements TimeSource {
    final ManualTimeSource manual = ManualTimeSource.atEpoch();
    final AtomicLong monotonicReads = new AtomicLong();

    @Override
    public long wallMillis() {
      return manual.wallMillis();
    }

    @Override
    public long monotonicNanos() {
      monotonicReads.incrementAndGet();
      return manual.monotonicNanos();
    }
  }

  private final CountingTime time = new CountingTime();
  private final SloRegistry slos = SloRegistry.builder().timeSource(time).manualTicks().build();
  private final ObservationRegistry observations = ObservationRegistry.create();

  @AfterEach
  void close() {
    slos.close();
  }

  private static SloDefinition events(String id) {
    return SloDefinition.builder(id).service("routing").objective(Objective.percent("99")).build();
  }

  private static SloDefinition latency(String id) {
    return SloDefinition.builder(id)
        .service("routing")
        .sli(Sli.latency(LatencyThreshold.of(FAST, Objective.percent("90")), LatencyThreshold.of(SLOW, Objective.percent("99"))))
        .build();
  }

  /** One observation named {@code name}, lasting {@code millis}, failed when {@code error}. */
  private void observe(String name, long millis, boolean error) {
    Observation o = Observation.start(name, observations);
    time.manual.advance(Duration.ofMillis(millis));
    if (error) {
      o.error(new IllegalStateException("failed"));
    }
    o.stop();
  }

  private EventCounts cumulative(String id, int target) {
    SloRecorder r = slos.find(id).orElseThrow();
    Target t = r.definition().targets().get(target);
    return r.cumulative(t);
  }

  @Test
  void anObservationOnlyEventsSlosSelectIsNeverTimed() {
    observations.observationConfig().observationHandler(SloObservationHandler.builder(slos)
        .slo(events("checkout"), ObservationSelector.name("http.server.requests"), OutcomeClassifier.errors())
        .slo(events("everything"), ObservationSelector.any(), OutcomeClassifier.errors())
        .build());
    long before = time.monotonicReads.get();
    observe("http.server.requests", 30, false);
    observe("http.server.requests", 30, true);
    observe("jobs", 30, false);
    assertEquals(0, time.monotonicReads.get() - before, "monotonic clock reads");
    assertEquals(new EventCounts(1, 2), cumulative("checkout", 0));
    assertEquals(new EventCounts(2, 3), cumulative("everything", 0));
  }

  @Test
  void anEventsSloSharingItsNameWithALatencySloLeavesTheLatencyMeasured() {
    observations.observationConfig().observationHandler(SloObservationHandler.builder(slos)
        .slo(events("checkout-availability"), ObservationSelector.name("http.server.requests"), OutcomeClassifier.errors())
        .slo(latency("checkout-latency"), ObservationSelector.name("http.server.requests"), OutcomeClassifier.errors())
        .build());
    long before = time.monotonicReads.get();
    observe("http.server.requests", 50, false); // within both thresholds
    observe("http.server.requests", 300, false); // only within 500 ms
    observe("http.server.requests", 50, true); // failed: bad for both
    assertEquals(6, time.monotonicReads.get() - before, "one read at start and one at stop of each");
    assertEquals(new EventCounts(2, 3), cumulative("checkout-availability", 0));
    assertEquals(new EventCounts(1, 3), cumulative("checkout-latency", 0));
    assertEquals(new EventCounts(2, 3), cumulative("checkout-latency", 1));
  }

  @Test
  void onlyTheNamesALatencySloMaySelectAreTimed() {
    observations.observationConfig().observationHandler(SloObservationHandler.builder(slos)
        .slo(latency("jobs-latency"), ObservationSelector.name("jobs"), OutcomeClassifier.errors())
        .slo(events("everything"), ObservationSelector.any(), OutcomeClassifier.errors())
        .build());
    long before = time.monotonicReads.get();
    observe("http.server.requests", 50, false);
    assertEquals(0, time.monotonicReads.get() - before, "monotonic clock reads of an untimed name");
    observe("jobs", 300, false);
    assertEquals(2, time.monotonicReads.get() - before, "monotonic clock reads of a timed name");
    assertEquals(new EventCounts(0, 1), cumulative("jobs-latency", 0));
    assertEquals(new EventCounts(1, 1), cumulative("jobs-latency", 1));
    assertEquals(new EventCounts(2, 2), cumulative("everything", 0));
  }

  @Test
  void anObservationWithoutANameFeedsOnlyTheSlosOfAnyName() {
    SloObservationHandler h = SloObservationHandler.builder(slos)
        .slo(events("named"), ObservationSelector.name("jobs"), OutcomeClassifier.errors())
        .slo(latency("any-latency"), ObservationSelector.any(), OutcomeClassifier.errors())
        .build();
    Observation.Context c = new Observation.Context(); // no name
    h.onStart(c);
    time.manual.advance(Duration.ofMillis(50));
    h.onStop(c);
    assertEquals(new EventCounts(0, 0), cumulative("named", 0));
    assertEquals(new EventCounts(1, 1), cumulative("any-latency", 0), "timed: 50 ms is within 100 ms");
  }

  @Test
  void startAndStopOfAnObservationOnlyEventsSlosSelectAllocateNothing() {
    SloObservationHandler h = SloObservationHandler.builder(slos)
        .slo(events("checkout"),
            ObservationSelector.name("http.server.requests").keyValue("uri", "/checkout").exclude("user_agent_class", "bot"),
            OutcomeClassifier.http())
        .build();
    Observation.Context c = new Observation.Context();
    c.setName("http.server.requests");
    c.addLowCardinalityKeyValue(KeyValue.of("uri", "/checkout"));
    c.addLowCardinalityKeyValue(KeyValue.of("status", "200"));
    c.addLowCardinalityKeyValue(KeyValue.of("user_agent_class", "browser"));
    time.manual.advance(Duration.ofHours(1)); // a start time kept would be boxed: no cached Long
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      h.onStart(c); // warm up
      h.onStop(c);
    }
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < n; i++) {
      h.onStart(c);
      h.onStop(c);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // any allocation per observation would be at least 16 bytes, 1.6 MB in all
    assertTrue(allocated < n, "bytes allocated by " + n + " observations: " + allocated);
    assertEquals(new EventCounts(2L * n, 2L * n), cumulative("checkout", 0));
  }

  /** What a naive model of a handler says one SLO of the random test holds. */
  private static final class Expected {
    final String id;
    final String name; // null: any name
    final boolean latency;
    final long[] good = new long[2];
    long total;

    Expected(String id, String name, boolean latency) {
      this.id = id;
      this.name = name;
      this.latency = latency;
    }

    /** Checks every observation against every SLO, as the handler did before it routed by name. */
    void offer(String observed, long millis, boolean error) {
      if (name != null && !name.equals(observed)) {
        return;
      }
      total++;
      for (int t = 0; t < good.length; t++) {
        boolean fast = !latency || millis <= (t == 0 ? FAST : SLOW).toMillis();
        if (!error && fast) {
          good[t]++;
        }
      }
    }
  }

  @Test
  void randomSlosAndObservationsAreCountedAsCheckingEverySloWouldCountThem() {
    String[] names = {"http.server.requests", "http.client.requests", "jobs", "db.query"};
    for (long seed = 1; seed <= 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      try (SloRegistry registry = SloRegistry.builder().timeSource(time).manualTicks().build()) {
        ObservationRegistry obs = ObservationRegistry.create();
        SloObservationHandler.Builder b = SloObservationHandler.builder(registry);
        List<Expected> model = new ArrayList<>();
        int sloCount = 1 + random.nextInt(8);
        for (int i = 0; i < sloCount; i++) {
          String name = random.nextInt(4) == 0 ? null : names[random.nextInt(names.length)];
          boolean latency = random.nextBoolean();
          String id = "slo-" + i;
          b.slo(latency ? latency(id) : events(id),
              name == null ? ObservationSelector.any() : ObservationSelector.name(name), OutcomeClassifier.errors());
          model.add(new Expected(id, name, latency));
        }
        obs.observationConfig().observationHandler(b.build());
        for (int i = 0; i < 300; i++) {
          String name = names[random.nextInt(names.length)];
          long millis = random.nextInt(700);
          boolean error = random.nextInt(10) == 0;
          Observation o = Observation.start(name, obs);
          time.manual.advance(Duration.ofMillis(millis));
          if (error) {
            o.error(new IllegalStateException("failed"));
          }
          o.stop();
          for (Expected e : model) {
            e.offer(name, millis, error);
          }
        }
        for (Expected e : model) {
          SloRecorder r = registry.find(e.id).orElseThrow();
          for (int t = 0; t < r.definition().targets().size(); t++) {
            assertEquals(new EventCounts(e.good[t], e.total), r.cumulative(r.definition().targets().get(t)),
                "seed " + seed + ", " + e.id + " (" + (e.name == null ? "any name" : e.name)
                    + (e.latency ? ", latency" : ", events") + "), target " + t);
          }
        }
      }
    }
  }
}
