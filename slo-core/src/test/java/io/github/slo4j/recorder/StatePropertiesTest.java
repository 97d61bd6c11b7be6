package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.StateFixtures.START;
import static io.github.slo4j.recorder.StateFixtures.assertSameGaps;
import static io.github.slo4j.recorder.StateFixtures.assertSameWindows;
import static io.github.slo4j.recorder.StateFixtures.recordMix;
import static io.github.slo4j.recorder.StateFixtures.registry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Export, restore and merge against a reference: one recorder that saw every event. Random event
 * streams, random clock advances (missed boundaries, jumps of days beyond a ring's span), instances
 * that start late and stop early, downtime of random length.
 */
class StatePropertiesTest {

  /** One step: events for one instance, then the clock advances and the registries tick. */
  record Step(int instance, int fast, int mid, int slow, int failed, long advanceMillis) {
    void recordInto(SloRecorder t) {
      recordMix(t, fast, mid, slow, failed);
    }
  }

  static Gen<List<Step>> steps() {
    Gen<Long> advance =
        Gen.frequency(
            Map.entry(6, Gen.constant(10_000L)),
            Map.entry(3, Gen.longs(2, 40).map(n -> n * 10_000L)),
            Map.entry(2, Gen.longs(60, 2_160).map(n -> n * 10_000L)),
            Map.entry(1, Gen.longs(8_640, 30_000).map(n -> n * 10_000L)));
    Gen<Integer> small = Gen.ints(0, 4);
    Gen<Integer> instance = Gen.ints(0, 2);
    Gen<Step> step =
        t -> new Step(instance.draw(t), small.draw(t), small.draw(t), small.draw(t), small.draw(t), advance.draw(t));
    return step.list(1, 60);
  }

  static Gen<SloDefinition> slos() {
    return Gen.of(
        StateFixtures.events("events-7d", 7),
        StateFixtures.events("events-30d", 30),
        StateFixtures.latency("latency-30d", 30),
        StateFixtures.latency("latency-7d", 7));
  }

  /** Occurrences, timeslices and ratio timeslices: restoring one process's state is exact for all. */
  static Gen<SloDefinition> anySlos() {
    return Gen.oneOf(
        slos(),
        Gen.of(StateFixtures.timeslices("slices-7d"), StateFixtures.ratioTimeslices("ratio-slices-7d")));
  }

  @Test
  void exportThenRestoreIntoAFreshRecorderChangesNothing() {
    Property.check(40, d -> {
      SloDefinition slo = d.draw("slo", anySlos());
      List<Step> steps = d.draw("steps", steps());
      ManualTimeSource clock = ManualTimeSource.startingAt(START);
      SloRegistry registry = registry(clock);
      SloRecorder recorder = registry.register(slo);
      for (Step s : steps) {
        s.recordInto(recorder);
        clock.advance(Duration.ofMillis(s.advanceMillis()));
        registry.tick();
      }
      byte[] state = recorder.exportState();

      SloRecorder fresh = registry(ManualTimeSource.startingAt(clock.now())).register(slo);
      fresh.restore(state);

      assertSameWindows(recorder, fresh);
      assertSameGaps(recorder, fresh);
      assertArrayEquals(state, fresh.exportState());
    });
  }

  /**
   * A process restarts: the new one restores the old one's state, events recorded after the last
   * boundary included. It must equal one recorder whose ticker stalled through the downtime: same
   * counts in every window, and the downtime counted as gap intervals.
   */
  @Test
  void restartEqualsARecorderWhoseTickerStalledThroughTheDowntime() {
    Property.check(40, d -> {
      SloDefinition slo = d.draw("slo", anySlos());
      List<Step> steps = d.draw("steps", steps());
      int splitAt = d.draw("splitAt", Gen.ints(0, 60));
      int downtimeSeconds = d.draw("downtimeSeconds", Gen.ints(0, 20_000));
      int split = Math.min(splitAt, steps.size() - 1);
      ManualTimeSource clock = ManualTimeSource.startingAt(START);
      SloRegistry refRegistry = registry(clock);
      SloRecorder reference = refRegistry.register(slo);
      SloRegistry registry = registry(clock);
      SloRecorder recorder = registry.register(slo);
      for (int i = 0; i < split; i++) {
        Step s = steps.get(i);
        s.recordInto(reference);
        s.recordInto(recorder);
        clock.advance(Duration.ofMillis(s.advanceMillis()));
        refRegistry.tick();
        registry.tick();
      }
      steps.get(split).recordInto(reference); // recorded after the last boundary, before the export
      steps.get(split).recordInto(recorder);
      byte[] state = recorder.exportState();

      clock.advance(Duration.ofSeconds(downtimeSeconds)); // the reference's ticker stalls meanwhile
      SloRegistry restarted = registry(clock);
      SloRecorder next = restarted.register(slo);
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
    });
  }

  /**
   * Two or three instances, the first running throughout, the others starting late and stopping
   * early: merging their states (or restoring them one after another) equals one recorder that saw
   * every event.
   */
  @Test
  void mergedInstancesEqualOneRecorderThatSawEveryEvent() {
    Property.check(40, d -> {
      SloDefinition slo = d.draw("slo", slos());
      List<Step> steps = d.draw("steps", steps());
      int instances = d.draw("instances", Gen.ints(2, 3));
      int start1 = d.draw("start1", Gen.ints(0, 60));
      int life1 = d.draw("life1", Gen.ints(0, 60));
      int start2 = d.draw("start2", Gen.ints(0, 60));
      int life2 = d.draw("life2", Gen.ints(0, 60));
      boolean restoreOneByOne = d.draw("restoreOneByOne", Gen.booleans());
      int n = steps.size();
      int[] start = {0, Math.min(start1, n), Math.min(start2, n)};
      int[] stop = {n, Math.min(n, start[1] + life1), Math.min(n, start[2] + life2)};
      ManualTimeSource clock = ManualTimeSource.startingAt(START);
      SloRegistry refRegistry = registry(clock);
      SloRecorder reference = refRegistry.register(slo);
      List<SloRegistry> registries = new ArrayList<>();
      SloRecorder[] recorders = new SloRecorder[instances];
      for (int i = 0; i < instances; i++) {
        registries.add(registry(clock));
      }
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < instances; i++) {
          if (j == start[i] && start[i] < stop[i]) {
            recorders[i] = registries.get(i).register(slo);
          }
        }
        Step s = steps.get(j);
        int i = s.instance() % instances;
        if (start[i] <= j && j < stop[i]) {
          s.recordInto(recorders[i]);
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
      for (SloRecorder t : recorders) {
        if (t != null) {
          states.add(t.exportState());
        }
      }

      SloRecorder merged = registry(ManualTimeSource.startingAt(clock.now())).register(slo);
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
    });
  }
}
