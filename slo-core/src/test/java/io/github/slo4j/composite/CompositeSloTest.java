package io.github.slo4j.composite;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A composite's counts, exactly, from components whose counts are known. */
class CompositeSloTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration TEN_SECONDS = ofSeconds(10);

  static SloDefinition slo(String id, String percent) {
    return SloDefinition.builder(id).service("shop").objective(Objective.percent(percent)).build();
  }

  static IntervalStore store(String id) {
    return new IntervalStore(slo(id, "99.9"), START.toEpochMilli(), TEN_SECONDS);
  }

  static void append(IntervalStore s, long good, long total) {
    s.append(new long[] {good}, new long[] {total});
  }

  private static final SloDefinition JOURNEY = slo("checkout-journey", "99.5");
  private static final Target EVENTS = JOURNEY.targets().get(0);

  @Test
  void weightedIsTheWeightedMeanOfTheErrorRatiosOverTheSummedEvents() {
    IntervalStore a = store("a");
    IntervalStore b = store("b");
    append(a, 990, 1_000); // 1 %
    append(b, 100, 100); //   0 %
    CompositeSlo even = CompositeSlo.builder(JOURNEY).component(a).component(b).build();
    // (1 % + 0 %) / 2 = 0.5 % of 1,100 events: 5.5, rounded half up to 6
    assertEquals(new WindowCounts(ofMinutes(1), 1_094, 1_100, TEN_SECONDS), even.window(EVENTS, ofMinutes(1)));
    CompositeSlo threeToOne = CompositeSlo.builder(JOURNEY).component(a, 3).component(b, 1).build();
    // (3 × 1 % + 0 %) / 4 = 0.75 % of 1,100: 8.25, rounded to 8
    assertEquals(new WindowCounts(ofMinutes(1), 1_092, 1_100, TEN_SECONDS), threeToOne.window(EVENTS, ofMinutes(1)));
    assertEquals(START.plusSeconds(10).toEpochMilli(), even.asOfMillis());
  }

  @Test
  void aComponentWithoutDataMakesTheWindowNoDataNeverHealthy() {
    IntervalStore a = store("a");
    IntervalStore b = store("b");
    append(a, 1_000, 1_000);
    append(b, 0, 0);
    CompositeSlo c = CompositeSlo.builder(JOURNEY).component(a).component(b).build();
    WindowCounts w = c.window(EVENTS, ofMinutes(1));
    assertEquals(new WindowCounts(ofMinutes(1), 0, 0, TEN_SECONDS), w);
    assertEquals(false, w.hasData());
  }

  @Test
  void allOfCountsSlicesGoodOnlyWhenEveryComponentMetItsObjective() {
    IntervalStore a = store("a");
    IntervalStore b = store("b");
    CompositeSlo c = CompositeSlo.builder(JOURNEY).component(a).component(b).allOf(TEN_SECONDS).build();
    c.update(); // starts at the components' time
    long[][] slices = {
      // a good, a total, b good, b total
      {1_000, 1_000, 1_000, 1_000}, // both good: good slice
      {999, 1_000, 1_000, 1_000}, //   a at exactly its budget (0.1 %): met, good slice
      {998, 1_000, 1_000, 1_000}, //   a over its budget: bad slice
      {1_000, 1_000, 0, 0}, //         b without data: no data, counted in neither
      {1_000, 1_000, 1_000, 1_000}, // good
    };
    for (long[] s : slices) {
      append(a, s[0], s[1]);
      append(b, s[2], s[3]);
      assertEquals(1, c.update());
    }
    assertEquals(new WindowCounts(ofMinutes(1), 3, 4, ofSeconds(50)), c.window(EVENTS, ofMinutes(1)));
    assertEquals(new WindowCounts(ofSeconds(20), 1, 1, ofSeconds(20)), c.window(EVENTS, ofSeconds(20)));
    assertEquals(new WindowCounts(ofSeconds(10), 1, 1, ofSeconds(10)), c.window(EVENTS, ofSeconds(10)));
    assertEquals(START.plusSeconds(50).toEpochMilli(), c.asOfMillis());
    assertEquals(0, c.update(), "no new boundary, nothing to close");
  }

  @Test
  void aSliceWhoseEndWasNotSeenIsAGapNotAVerdict() {
    IntervalStore a = store("a");
    CompositeSlo c = CompositeSlo.builder(JOURNEY).component(a).allOf(TEN_SECONDS).build();
    c.update();
    append(a, 0, 1_000); // all bad, but the update of this boundary is missed
    append(a, 1_000, 1_000);
    assertEquals(2, c.update());
    assertEquals(new WindowCounts(ofMinutes(1), 1, 1, ofSeconds(20)), c.window(EVENTS, ofMinutes(1)));
  }

  @Test
  void aLatencyThresholdCanBeTheComponent() {
    SloDefinition latency = SloDefinition.builder("search-latency").service("shop")
        .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
            LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .build();
    IntervalStore s = new IntervalStore(latency, START.toEpochMilli(), TEN_SECONDS);
    s.append(new long[] {800, 990}, new long[] {1_000, 1_000});
    Target le500 = latency.targets().get(1);
    CompositeSlo c = CompositeSlo.builder(JOURNEY).component(s, le500, 1).build();
    assertEquals(new WindowCounts(ofMinutes(1), 990, 1_000, TEN_SECONDS), c.window(EVENTS, ofMinutes(1)));
  }

  @Test
  void theGroupsOfAGroupedSloAreTheComponentsUpToTheRegistrysCap() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    try (SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build()) {
      GroupedSloRecorder tenants = registry.registerGrouped(slo("api-tenants", "99.9"), 3);
      CompositeSlo all = CompositeSlo.builder(JOURNEY).groupsOf(registry, "api-tenants").build();
      for (String t : List.of("t1", "t2", "t3", "t4", "t5")) {
        for (int i = 0; i < 100; i++) {
          tenants.group(t).record(!t.equals("t2")); // t2 fails every call; t4 and t5 overflow
        }
      }
      clock.advance(TEN_SECONDS);
      registry.tick();
      // three groups and the overflow group: four components, however many keys were used
      assertEquals(4, all.components().size());
      // t1, t3 good, t2 all bad, the overflow (t4 and t5) good: (0 + 1 + 0 + 0) / 4 = 25 % of 500
      assertEquals(new WindowCounts(ofMinutes(1), 375, 500, TEN_SECONDS), all.window(EVENTS, ofMinutes(1)));
    }
  }

  @Test
  void aQuietGroupIsLeftOutOfTheWindowNotCountedHealthy() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    try (SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build()) {
      GroupedSloRecorder tenants = registry.registerGrouped(slo("api-tenants", "99.9"), 10);
      CompositeSlo all = CompositeSlo.builder(JOURNEY).groupsOf(registry, "api-tenants").build();
      tenants.group("quiet");
      for (int i = 0; i < 100; i++) {
        tenants.group("busy").record(i % 10 != 0); // 10 % bad
      }
      clock.advance(TEN_SECONDS);
      registry.tick();
      assertEquals(2, all.components().size());
      assertEquals(new WindowCounts(ofMinutes(1), 90, 100, TEN_SECONDS), all.window(EVENTS, ofMinutes(1)));
    }
  }

  @Test
  void badArgumentsAreRefusedNamingThem() {
    IntervalStore a = store("a");
    assertEquals("components: none (expected at least one component or groupsOf(...))",
        assertThrows(IllegalArgumentException.class, () -> CompositeSlo.builder(JOURNEY).build()).getMessage());
    assertEquals("weight: 0.0 (expected a finite number > 0)",
        assertThrows(IllegalArgumentException.class, () -> CompositeSlo.builder(JOURNEY).component(a, 0)).getMessage());
    assertEquals("weight: NaN (expected a finite number > 0)",
        assertThrows(IllegalArgumentException.class, () -> CompositeSlo.builder(JOURNEY).component(a, Double.NaN))
            .getMessage());
    assertEquals("reader: " + a + " (expected each component once; events of it is already one)",
        assertThrows(IllegalArgumentException.class, () -> CompositeSlo.builder(JOURNEY).component(a).component(a, 2))
            .getMessage());
    assertEquals("slice: 0s (expected a duration > 0)",
        assertThrows(IllegalArgumentException.class, () -> CompositeSlo.builder(JOURNEY).allOf(Duration.ZERO)).getMessage());
    assertEquals("slice: 31d (expected <= the compliance period (30d))",
        assertThrows(IllegalArgumentException.class, () -> CompositeSlo.builder(JOURNEY).allOf(Duration.ofDays(31)))
            .getMessage());
    assertEquals("slice: 1ms500us (expected a whole number of milliseconds)",
        assertThrows(IllegalArgumentException.class, () -> CompositeSlo.builder(JOURNEY).allOf(Duration.ofNanos(1_500_000)))
            .getMessage());
    SloDefinition latency = SloDefinition.builder("l").service("shop")
        .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")))).build();
    assertEquals("definition: " + latency + " (expected an events SLI: a composite has one target)",
        assertThrows(IllegalArgumentException.class, () -> CompositeSlo.builder(latency)).getMessage());
    CompositeSlo c = CompositeSlo.builder(JOURNEY).component(a).build();
    assertEquals("window: 31d (expected <= the compliance period (30d))",
        assertThrows(IllegalArgumentException.class, () -> c.window(EVENTS, Duration.ofDays(31))).getMessage());
  }
}
