package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A tick that arrives late closes every timeslice boundary it crossed: the slice in progress at the
 * last closed boundary is judged on the events seen by then, the slices inside the gap have no
 * events (no data), and the events the late tick sees belong to its own slice. Slices never merge.
 */
class TimesliceBoundaryTest {
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  private static SloDefinition slo(BudgetingMethod budgeting) {
    return SloDefinition.builder("slices")
        .service("checkout")
        .objective(Objective.percent("99"))
        .budgeting(budgeting)
        .period(CompliancePeriod.rollingDays(7))
        .build();
  }

  private static SloDefinition timeslices() {
    return slo(BudgetingMethod.timeslices(Duration.ofMinutes(1), Objective.percent("95")));
  }

  private static SloDefinition ratioTimeslices() {
    return slo(BudgetingMethod.ratioTimeslices(Duration.ofMinutes(1)));
  }

  /**
   * 100 good events in the first slice, then a tick 2.5 slices late that sees 100 bad events:
   * two slices, one good. They used to merge into one slice at 50 %, judged bad.
   */
  @Test
  void aLateTickClosesTheSliceInProgressInsteadOfMergingItWithTheNext() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(timeslices());
    recorder.recordCounts(100, 100);
    clock.advance(Duration.ofSeconds(10));
    registry.tick(); // 00:10: the first slice holds 100 good events
    recorder.recordCounts(0, 100);
    clock.advance(Duration.ofSeconds(140));
    registry.tick(); // 02:30, late: crosses the slice boundaries 01:00 and 02:00
    clock.advance(Duration.ofSeconds(30));
    registry.tick(); // 03:00 closes the slice of the 100 bad events

    assertEquals(new WindowCounts(Duration.ofMinutes(5), 1, 2, Duration.ofMinutes(3)), recorder.window(Duration.ofMinutes(5)));
    assertEquals(200, recorder.eventWindow(recorder.definition().targets().get(0), Duration.ofMinutes(5)).total());
  }

  /** The same late tick with ratio timeslices: two slices, ratios 1 and 0, mean 0.5 over 2 slices. */
  @Test
  void aLateTickClosesTheRatioSliceInProgressInsteadOfMergingItWithTheNext() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(ratioTimeslices());
    recorder.recordCounts(100, 100);
    clock.advance(Duration.ofSeconds(10));
    registry.tick();
    recorder.recordCounts(30, 100);
    clock.advance(Duration.ofSeconds(140));
    registry.tick();
    clock.advance(Duration.ofSeconds(30));
    registry.tick();

    long unit = SloRecorder.RATIO_SLICE_UNITS;
    assertEquals(
        new WindowCounts(Duration.ofMinutes(5), unit + 3 * unit / 10, 2 * unit, Duration.ofMinutes(3)),
        recorder.window(Duration.ofMinutes(5)));
  }

  /**
   * A late tick that lands exactly on a slice boundary after crossing others: the slice in progress,
   * then the late tick's own slice; the slices between are empty and not counted.
   */
  @Test
  void aLateTickLandingOnASliceBoundaryMakesTwoSlicesNotOne() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(timeslices());
    recorder.recordCounts(10, 10);
    clock.advance(Duration.ofSeconds(30));
    registry.tick(); // 00:30
    recorder.recordCounts(0, 10);
    clock.advance(Duration.ofSeconds(270));
    registry.tick(); // 05:00, late by 4.5 slices

    assertEquals(new WindowCounts(Duration.ofMinutes(10), 1, 2, Duration.ofMinutes(5)), recorder.window(Duration.ofMinutes(10)));
  }

  /**
   * A process exports mid-slice and the next one restores the state after that slice ended: the
   * state's unfinished slice is judged alone, as the stalled ticker of one process would have. It
   * used to merge with the restoring recorder's slice in progress.
   */
  @Test
  void aRestoredStatesUnfinishedSliceIsNotMergedWithALaterSlice() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry first = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder before = first.register(timeslices());
    before.recordCounts(100, 100);
    clock.advance(Duration.ofSeconds(10));
    first.tick(); // 00:10, in the middle of the slice (00:00, 01:00]
    byte[] state = before.exportState();

    clock.advance(Duration.ofSeconds(140)); // restart at 02:30
    SloRegistry second = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder after = second.register(timeslices());
    after.restore(state);
    after.recordCounts(0, 100);
    clock.advance(Duration.ofSeconds(30));
    second.tick(); // 03:00

    assertEquals(new WindowCounts(Duration.ofMinutes(5), 1, 2, Duration.ofMinutes(3)), after.window(Duration.ofMinutes(5)));
  }

  /**
   * A restart (export, downtime, restore into a new process) equals one process whose ticker
   * stalled through the downtime, slice by slice, for random histories and downtimes within,
   * across and beyond slice boundaries.
   */
  @Test
  void aRestartCountsTheSameSlicesAsATickerThatStalledThroughTheDowntime() {
    SplittableRandom seeds = new SplittableRandom(0x2E57A27L);
    for (int run = 0; run < 60; run++) {
      long seed = seeds.nextLong();
      for (SloDefinition slo : List.of(timeslices(), ratioTimeslices())) {
        SplittableRandom random = new SplittableRandom(seed);
        ManualTimeSource clock = ManualTimeSource.startingAt(START.plusMillis(random.nextLong(60_000)));
        SloRegistry stalled = SloRegistry.builder().timeSource(clock).manualTicks().build();
        SloRecorder reference = stalled.register(slo);
        SloRegistry first = SloRegistry.builder().timeSource(clock).manualTicks().build();
        SloRecorder before = first.register(slo);
        int split = random.nextInt(30);
        for (int i = 0; i < split; i++) {
          long good = random.nextInt(20);
          long total = good + random.nextInt(3);
          reference.recordCounts(good, total);
          before.recordCounts(good, total);
          clock.advance(Duration.ofMillis(random.nextLong(40_000)));
          stalled.tick();
          first.tick();
        }
        long good = random.nextInt(20);
        reference.recordCounts(good, good + 1); // recorded after the last boundary, before the export
        before.recordCounts(good, good + 1);
        byte[] state = before.exportState();
        clock.advance(Duration.ofMillis(random.nextLong(300_000))); // the downtime
        SloRegistry second = SloRegistry.builder().timeSource(clock).manualTicks().build();
        SloRecorder after = second.register(slo);
        after.restore(state);
        for (int i = 0; i < 20; i++) {
          // the first tick after the restart closes a boundary after the restarted process's first,
          // as the stalled ticker's does: both count the events recorded before the export there
          clock.advance(Duration.ofMillis((i == 0 ? 10_000 : 0) + random.nextLong(40_000)));
          stalled.tick();
          second.tick();
          long g = random.nextInt(20);
          long t = g + random.nextInt(3);
          reference.recordCounts(g, t);
          after.recordCounts(g, t);
        }
        clock.advance(Duration.ofMinutes(1));
        stalled.tick();
        second.tick();
        String where = "seed " + Long.toHexString(seed) + ", " + slo.budgeting();
        io.github.slo4j.Target target = slo.targets().get(0);
        assertEquals(reference.eventWindow(target, Duration.ofDays(7)), after.eventWindow(target, Duration.ofDays(7)), where);
        assertEquals(reference.window(Duration.ofDays(7)), after.window(Duration.ofDays(7)), where);
      }
    }
  }

  /**
   * Random histories with ticks on time, late by up to several slices, and the wall clock stepping
   * back: the slices equal a reference that closes each slice from the events of the boundaries in
   * it, for timeslice and ratio-timeslice budgeting.
   */
  @Test
  void slicesEqualAReferenceThatClosesEverySliceItsBoundariesCrossed() {
    SplittableRandom seeds = new SplittableRandom(0x511CE5L);
    for (int run = 0; run < 40; run++) {
      long seed = seeds.nextLong();
      check(timeslices(), seed, false);
      check(ratioTimeslices(), seed, true);
    }
  }

  private static void check(SloDefinition slo, long seed, boolean ratio) {
    SplittableRandom random = new SplittableRandom(seed);
    long base = 10_000;
    long slice = 60_000;
    ManualTimeSource clock = ManualTimeSource.startingAt(START.plusMillis(random.nextLong(slice)));
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(slo);
    long origin = recorder.asOfMillis();
    long last = origin;
    long pendingGood = 0;
    long pendingTotal = 0;
    List<long[]> closed = new ArrayList<>(); // {boundary, good, total} of each closed boundary
    for (int step = 0; step < 200; step++) {
      long good = random.nextInt(20);
      long total = good + (random.nextInt(4) == 0 ? random.nextInt(5) : 0);
      recorder.recordCounts(good, total);
      pendingGood += good;
      pendingTotal += total;
      int kind = random.nextInt(10);
      long move = kind < 6 ? random.nextLong(2 * base) : kind < 9 ? random.nextLong(5 * slice) : -random.nextLong(slice);
      clock.setWall(clock.now().plusMillis(move));
      registry.tick();
      long a = Math.floorDiv(clock.wallMillis(), base) * base;
      if (a > last) {
        closed.add(new long[] {a, pendingGood, pendingTotal});
        pendingGood = 0;
        pendingTotal = 0;
        last = a;
      }
    }
    // the reference: a slice (c − slice, c] holds the events of the boundaries closed in it; the
    // newest slice is still in progress
    long expectedSlices = 0;
    long expectedGood = 0;
    long lastSliceEnd = Math.floorDiv(last, slice) * slice;
    for (long c = Math.floorDiv(origin - 1, slice) * slice + slice; c <= lastSliceEnd; c += slice) {
      long g = 0;
      long t = 0;
      for (long[] b : closed) {
        if (b[0] > c - slice && b[0] <= c) {
          g += b[1];
          t += b[2];
        }
      }
      if (t > 0) {
        expectedSlices++;
        expectedGood += ratio ? Math.round((double) g / t * SloRecorder.RATIO_SLICE_UNITS) : (g * 100 >= 95 * t ? 1 : 0);
      }
    }
    Duration all = slo.period().maxLength();
    WindowCounts w = recorder.window(all);
    String where = "seed " + Long.toHexString(seed) + (ratio ? " ratio" : "") + " asOf " + Instant.ofEpochMilli(last);
    assertEquals(expectedSlices * (ratio ? SloRecorder.RATIO_SLICE_UNITS : 1), w.total(), "slices, " + where);
    assertEquals(expectedGood, w.good(), "good, " + where);
  }
}
