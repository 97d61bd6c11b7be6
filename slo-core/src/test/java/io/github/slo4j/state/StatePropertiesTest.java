package io.github.slo4j.state;

import static io.github.slo4j.state.StateFixtures.START;
import static io.github.slo4j.state.StateFixtures.assertSameGaps;
import static io.github.slo4j.state.StateFixtures.assertSameWindows;
import static io.github.slo4j.state.StateFixtures.recordMix;
import static io.github.slo4j.state.StateFixtures.registry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.SloRegistry;
import io.github.slo4j.SloState;
import io.github.slo4j.SloTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Export, restore and merge against a reference: one tracker that saw every event. Random event
 * streams, random clock advances (missed boundaries, jumps of days beyond a ring's span), instances
 * that start late and stop early, downtime of random length.
 */
class StatePropertiesTest {

  /** One step: events for one instance, then the clock advances and the registries tick. */
  record Step(int instance, int fast, int mid, int slow, int failed, long advanceMillis) {
    void recordInto(SloTracker t) {
      recordMix(t, fast, mid, slow, failed);
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Long> advance =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.just(10_000L)),
            net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(2, 40).map(n -> n * 10_000L)),
            net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(60, 2_160).map(n -> n * 10_000L)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(8_640, 30_000).map(n -> n * 10_000L)));
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 4);
    Arbitrary<Step> step =
        Combinators.combine(Arbitraries.integers().between(0, 2), small, small, small, small, advance)
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Provide
  Arbitrary<SloDefinition> slos() {
    return Arbitraries.of(
        StateFixtures.events("events-7d", 7),
        StateFixtures.events("events-30d", 30),
        StateFixtures.latency("latency-30d", 30),
        StateFixtures.latency("latency-7d", 7));
  }

  /** Occurrences, timeslices and ratio timeslices: restoring one process's state is exact for all. */
  @Provide
  Arbitrary<SloDefinition> anySlos() {
    return Arbitraries.oneOf(
        slos(),
        Arbitraries.of(StateFixtures.timeslices("slices-7d"), StateFixtures.ratioTimeslices("ratio-slices-7d")));
  }

  @Property(tries = 40)
  void exportThenRestoreIntoAFreshTrackerChangesNothing(
      @ForAll("anySlos") SloDefinition slo, @ForAll("steps") List<Step> steps) {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = registry(clock);
    SloTracker tracker = registry.register(slo);
    for (Step s : steps) {
      s.recordInto(tracker);
      clock.advance(Duration.ofMillis(s.advanceMillis()));
      registry.tick();
    }
    byte[] state = tracker.exportState();

    SloTracker fresh = registry(ManualTimeSource.startingAt(clock.now())).register(slo);
    fresh.restore(state);

    assertSameWindows(tracker, fresh);
    assertSameGaps(tracker, fresh);
    assertArrayEquals(state, fresh.exportState());
  }

  /**
   * A process restarts: the new one restores the old one's state, events recorded after the last
   * boundary included. It must equal one tracker whose ticker stalled through the downtime: same
   * counts in every window, and the downtime counted as gap intervals.
   */
  @Property(tries = 40)
  void restartEqualsATrackerWhoseTickerStalledThroughTheDowntime(
      @ForAll("anySlos") SloDefinition slo,
      @ForAll("steps") List<Step> steps,
      @ForAll @IntRange(min = 0, max = 60) int splitAt,
      @ForAll @IntRange(min = 0, max = 20_000) int downtimeSeconds) {
    int split = Math.min(splitAt, steps.size() - 1);
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry refRegistry = registry(clock);
    SloTracker reference = refRegistry.register(slo);
    SloRegistry registry = registry(clock);
    SloTracker tracker = registry.register(slo);
    for (int i = 0; i < split; i++) {
      Step s = steps.get(i);
      s.recordInto(reference);
      s.recordInto(tracker);
      clock.advance(Duration.ofMillis(s.advanceMillis()));
      refRegistry.tick();
      registry.tick();
    }
    steps.get(split).recordInto(reference); // recorded after the last boundary, before the export
    steps.get(split).recordInto(tracker);
    byte[] state = tracker.exportState();

    clock.advance(Duration.ofSeconds(downtimeSeconds)); // the reference's ticker stalls meanwhile
    SloRegistry restarted = registry(clock);
    SloTracker next = restarted.register(slo);
    next.restore(state);
    clock.advance(Duration.ofMillis(steps.get(split).advanceMillis()));
    refRegistry.tick();
    restarted.tick();
    for (int i = split + 1; i < steps.size(); i++) {
      Step s = steps.get(i);
      s.recordInto(reference);
      s.recordInto(next);
      clock.advance(Duration.ofMillis(s.advanceMillis()));
      refRegistry.tick();
      restarted.tick();
    }

    assertSameWindows(reference, next);
    assertSameGaps(reference, next);
  }

  /**
   * Two or three instances, the first running throughout, the others starting late and stopping
   * early: merging their states (or restoring them one after another) equals one tracker that saw
   * every event.
   */
  @Property(tries = 40)
  void mergedInstancesEqualOneTrackerThatSawEveryEvent(
      @ForAll("slos") SloDefinition slo,
      @ForAll("steps") List<Step> steps,
      @ForAll @IntRange(min = 2, max = 3) int instances,
      @ForAll @IntRange(min = 0, max = 60) int start1,
      @ForAll @IntRange(min = 0, max = 60) int life1,
      @ForAll @IntRange(min = 0, max = 60) int start2,
      @ForAll @IntRange(min = 0, max = 60) int life2,
      @ForAll boolean restoreOneByOne) {
    int n = steps.size();
    int[] start = {0, Math.min(start1, n), Math.min(start2, n)};
    int[] stop = {n, Math.min(n, start[1] + life1), Math.min(n, start[2] + life2)};
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry refRegistry = registry(clock);
    SloTracker reference = refRegistry.register(slo);
    List<SloRegistry> registries = new ArrayList<>();
    SloTracker[] trackers = new SloTracker[instances];
    for (int i = 0; i < instances; i++) {
      registries.add(registry(clock));
    }
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < instances; i++) {
        if (j == start[i] && start[i] < stop[i]) {
          trackers[i] = registries.get(i).register(slo);
        }
      }
      Step s = steps.get(j);
      int i = s.instance() % instances;
      if (start[i] <= j && j < stop[i]) {
        s.recordInto(trackers[i]);
        s.recordInto(reference);
      }
      clock.advance(Duration.ofMillis(s.advanceMillis()));
      refRegistry.tick();
      for (int k = 0; k < instances; k++) {
        if (j < stop[k]) {
          registries.get(k).tick();
        }
      }
    }
    List<byte[]> states = new ArrayList<>();
    for (SloTracker t : trackers) {
      if (t != null) {
        states.add(t.exportState());
      }
    }

    SloTracker merged = registry(ManualTimeSource.startingAt(clock.now())).register(slo);
    if (restoreOneByOne) {
      for (byte[] s : states) {
        merged.restore(s);
      }
    } else {
      byte[] m = SloState.merge(states);
      assertEquals(clock.now(), SloState.of(m).asOf());
      merged.restore(m);
    }

    assertSameWindows(reference, merged);
  }
}
