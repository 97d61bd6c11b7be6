package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.StateFixtures.BASE;
import static io.github.slo4j.recorder.StateFixtures.START;
import static io.github.slo4j.recorder.StateFixtures.assertSameGaps;
import static io.github.slo4j.recorder.StateFixtures.assertSameWindows;
import static io.github.slo4j.recorder.StateFixtures.events;
import static io.github.slo4j.recorder.StateFixtures.latency;
import static io.github.slo4j.recorder.StateFixtures.recordMix;
import static io.github.slo4j.recorder.StateFixtures.registry;
import static io.github.slo4j.recorder.StateFixtures.timeslices;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestoreTest {

  /** Runs {@code hours} of traffic at one boundary a minute's worth of ticks, events each tick. */
  private static void run(ManualTimeSource clock, SloRegistry registry, SloRecorder t, Duration d, int perTick) {
    long ticks = d.dividedBy(BASE);
    for (long i = 0; i < ticks; i++) {
      recordMix(t, perTick, (int) (i % 3), i % 5 == 0 ? 1 : 0, i % 7 == 0 ? 1 : 0);
      clock.advance(BASE);
      registry.tick();
    }
  }

  @Test
  void roundTripIntoAFreshRecorderGivesEveryWindowAndTheSameBytes() {
    SloDefinition slo = latency("checkout-latency", 30);
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry first = registry(clock);
    SloRecorder before = first.register(slo);
    run(clock, first, before, Duration.ofHours(30), 3);
    clock.advance(Duration.ofDays(2)); // missed boundaries: gaps
    first.tick();
    run(clock, first, before, Duration.ofHours(2), 2);
    byte[] state = before.exportState();

    SloRegistry second = registry(ManualTimeSource.startingAt(clock.now()));
    SloRecorder after = second.register(slo);
    after.restore(state);

    assertSameWindows(before, after);
    assertSameGaps(before, after);
    assertArrayEquals(state, after.exportState());
    SloState read = SloState.of(state);
    assertEquals("checkout-latency", read.sloId());
    assertEquals(START, read.origin());
    assertEquals(clock.now(), read.asOf());
    assertEquals(
        "latency 100ms,500ms; occurrences; period max 30d; base 10s; tiers 10s x 362, 2m x 722, 1h x 746",
        read.fingerprint());
  }

  @Test
  void restartAfterDowntimeKeepsEveryCountAndShowsTheDowntimeAsGaps() {
    SloDefinition slo = events("checkout", 30);
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry refRegistry = registry(clock);
    SloRecorder reference = refRegistry.register(slo);
    SloRegistry firstRegistry = registry(clock);
    SloRecorder first = firstRegistry.register(slo);

    for (int i = 0; i < 3 * 360; i++) { // 3 h, both see the same events
      int good = 5 + i % 4;
      int bad = i % 11 == 0 ? 2 : 0;
      recordBoth(reference, first, good, bad);
      clock.advance(BASE);
      refRegistry.tick();
      firstRegistry.tick();
    }
    byte[] state = first.exportState();

    for (int i = 0; i < 2 * 360; i++) { // 2 h down: the reference sees no events
      clock.advance(BASE);
      refRegistry.tick();
    }
    SloRegistry secondRegistry = registry(clock);
    SloRecorder second = secondRegistry.register(slo);
    second.restore(state);
    for (int i = 0; i < 360; i++) { // 1 h up again
      recordBoth(reference, second, 3, i % 13 == 0 ? 1 : 0);
      clock.advance(BASE);
      refRegistry.tick();
      secondRegistry.tick();
    }

    assertSameWindows(reference, second);
    SloSnapshot snap = second.snapshot();
    assertEquals(720, snap.gapIntervals(Duration.ofHours(6)), "the 2 h downtime, 10 s each");
    assertEquals(720, snap.gapIntervals(Duration.ofDays(30)));
    assertEquals(0, snap.gapIntervals(Duration.ofMinutes(30)));
    assertEquals(0, reference.snapshot().gapIntervals(Duration.ofHours(6)));
  }

  private static void recordBoth(SloRecorder a, SloRecorder b, int good, int bad) {
    for (int g = 0; g < good; g++) {
      a.recordGood();
      b.recordGood();
    }
    for (int x = 0; x < bad; x++) {
      a.recordBad();
      b.recordBad();
    }
  }

  @Test
  void restoringIntoARunningRecorderAddsTheStateToItsOwnCounts() {
    SloDefinition slo = latency("api", 7);
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry ra = registry(clock);
    SloRegistry rb = registry(clock);
    SloRecorder a = ra.register(slo);
    clock.advance(Duration.ofMinutes(20));
    ra.tick();
    rb.tick();
    SloRecorder b = rb.register(slo); // 20 minutes younger
    for (int i = 0; i < 1000; i++) {
      recordMix(a, 3, 1, i % 2, i % 9 == 0 ? 1 : 0);
      recordMix(b, 1, 2, 0, i % 4 == 0 ? 1 : 0);
      clock.advance(BASE);
      ra.tick();
      rb.tick();
    }
    java.util.Map<String, WindowCounts> ownA = new java.util.HashMap<>();
    java.util.Map<String, WindowCounts> ownB = new java.util.HashMap<>();
    for (Target t : slo.targets()) {
      for (Duration w : StateFixtures.windows(slo)) {
        ownA.put(t.name() + w, a.window(t, w));
        ownB.put(t.name() + w, b.window(t, w));
      }
    }

    b.restore(a.exportState());

    for (Target t : slo.targets()) {
      for (Duration w : StateFixtures.windows(slo)) {
        WindowCounts x = ownA.get(t.name() + w);
        WindowCounts y = ownB.get(t.name() + w);
        WindowCounts sum = b.window(t, w);
        assertEquals(x.good() + y.good(), sum.good(), t + " good over " + w);
        assertEquals(x.total() + y.total(), sum.total(), t + " total over " + w);
        assertEquals(x.covered(), sum.covered(), "the older history's coverage over " + w);
      }
    }
    // and the ticker goes on from there: nothing counted twice in the next interval
    long before = b.window(Duration.ofDays(7)).total();
    b.recordBad();
    clock.advance(BASE);
    rb.tick();
    assertEquals(before + 1, b.window(Duration.ofDays(7)).total());
  }

  @Test
  void aStateAheadOfTheRecorderIsCountedInItsNextInterval() {
    SloDefinition slo = events("checkout", 30);
    ManualTimeSource ahead = ManualTimeSource.startingAt(START);
    SloRegistry ra = registry(ahead);
    SloRecorder a = ra.register(slo);
    for (int i = 0; i < 500; i++) {
      a.record(i % 10 != 0);
      ahead.advance(BASE);
      ra.tick();
    }
    // this process's clock is 30 minutes behind the exporting one's
    ManualTimeSource behind = ManualTimeSource.startingAt(ahead.now().minus(Duration.ofMinutes(30)));
    SloRegistry rb = registry(behind);
    SloRecorder b = rb.register(slo);
    b.restore(a.exportState());

    WindowCounts inPlace = b.window(Duration.ofDays(30));
    assertEquals(a.window(Duration.ofMinutes(30)).total(), 500 - inPlace.total(), "the last 30 min wait");
    assertEquals(Duration.ofMillis(b.asOfMillis() - StateFixtures.START.toEpochMilli()), inPlace.covered());
    behind.advance(BASE);
    rb.tick();
    WindowCounts all = b.window(Duration.ofDays(30));
    assertEquals(500, all.total());
    assertEquals(450, all.good());
  }

  @Test
  void timeslicesRestartInsideASliceJudgesTheSliceOnAllItsEvents() {
    SloDefinition slo = timeslices("checkout-slices");
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry refRegistry = registry(clock);
    SloRecorder reference = refRegistry.register(slo);
    SloRegistry r1 = registry(clock);
    SloRecorder first = r1.register(slo);
    // 10 minutes of slices, then half a slice, all good but for 4 bad in every third slice: 54
    // good of 58 fails the 95 % slice target
    for (int i = 0; i < 63; i++) {
      int bad = (i / 6) % 3 == 0 && i % 6 == 0 ? 4 : 0;
      recordBoth(reference, first, 9, bad);
      clock.advance(BASE);
      refRegistry.tick();
      r1.tick();
    }
    byte[] state = first.exportState();
    SloRegistry r2 = registry(clock);
    SloRecorder second = r2.register(slo);
    second.restore(state);
    // the second half of the slice: 9 bad, so the slice fails (27 of 36) when judged whole, and
    // would pass if judged on the whole history (567 of 592) or on the first half alone
    for (int i = 0; i < 3 + 6 * 5; i++) {
      recordBoth(reference, second, i < 3 ? 0 : 9, i < 3 ? 3 : 0);
      clock.advance(BASE);
      refRegistry.tick();
      r2.tick();
    }
    assertSameWindows(reference, second);
    WindowCounts hour = second.window(Duration.ofHours(1));
    assertEquals(16, hour.total(), "16 one-minute slices with events");
    assertEquals(16 - 4 - 1, hour.good(), "slices 0, 3, 6 and 9 fail, and slice 10 across the restart");
  }

  @Test
  void mergedTimeslicesCountEachInstancesSlices() {
    SloDefinition slo = timeslices("checkout-slices");
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry ra = registry(clock);
    SloRegistry rb = registry(clock);
    SloRecorder a = ra.register(slo);
    SloRecorder b = rb.register(slo);
    for (int i = 0; i < 60; i++) { // 10 slices; b fails every other one, a none
      recordMix(a, 2, 0, 0, 0);
      recordMix(b, 1, 0, 0, (i / 6) % 2 == 0 && i % 6 == 0 ? 1 : 0);
      clock.advance(BASE);
      ra.tick();
      rb.tick();
    }
    SloRecorder merged = registry(ManualTimeSource.startingAt(clock.now())).register(slo);
    merged.restore(SloState.merge(a.exportState(), b.exportState()));
    Target t = slo.targets().get(0);
    assertEquals(new WindowCounts(Duration.ofHours(1), 10 + 5, 20, Duration.ofMinutes(10)), merged.window(t, Duration.ofHours(1)));
    assertEquals(
        new WindowCounts(Duration.ofHours(1), 120 + 60, 120 + 65, Duration.ofMinutes(10)),
        merged.eventWindow(t, Duration.ofHours(1)),
        "events are exact");
  }

  @Test
  void eventsRecordedAfterTheLastBoundaryAreNotLost() {
    SloDefinition slo = events("checkout", 30);
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry r1 = registry(clock);
    SloRecorder first = r1.register(slo);
    first.recordGood();
    clock.advance(BASE);
    r1.tick();
    first.recordBad(); // no boundary closed after it
    first.recordGood();
    byte[] state = first.exportState();

    SloRegistry r2 = registry(clock);
    SloRecorder second = r2.register(slo);
    second.restore(state);
    assertEquals(1, second.window(Duration.ofDays(30)).total());
    clock.advance(BASE);
    r2.tick();
    assertEquals(new WindowCounts(Duration.ofSeconds(10), 1, 2, Duration.ofSeconds(10)), second.window(Duration.ofSeconds(10)));
    assertEquals(3, second.window(Duration.ofDays(30)).total());
  }

  @Test
  void groupsExportAndRestorePerGroup() {
    SloDefinition slo = events("per-tenant", 30);
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry r1 = registry(clock);
    io.github.slo4j.recorder.GroupedSloRecorder g1 = r1.registerGrouped(slo, 10);
    g1.group("acme").recordBad();
    clock.advance(BASE);
    r1.tick();
    SloRegistry r2 = registry(clock);
    io.github.slo4j.recorder.GroupedSloRecorder g2 = r2.registerGrouped(slo, 10);
    g2.group("acme").restore(g1.group("acme").exportState());
    assertEquals(1, g2.group("acme").window(Duration.ofHours(1)).total());
    assertEquals("SloState[per-tenant[acme] @ " + clock.now() + ", " + g1.group("acme").exportState().length + " bytes]",
        SloState.of(g1.group("acme").exportState()).toString());
  }
}
