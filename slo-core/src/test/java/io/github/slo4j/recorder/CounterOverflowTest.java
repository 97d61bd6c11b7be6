package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** No input makes a counter wrap: recordCounts refuses what could, the ticker sums exactly. */
class CounterOverflowTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final long MAX_PER_CALL = 1L << 40;

  private final ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-05T00:00:00Z"));
  private final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();

  private static SloDefinition events(String id) {
    return SloDefinition.builder(id).service("checkout").objective(Objective.percent("99.9")).build();
  }

  private void advance() {
    clock.advance(TEN_S);
    registry.tick();
  }

  /** {@code calls} calls of {@code recordCounts(good, total)} from this thread (one stripe). */
  private static void loop(SloRecorder t, long calls, long good, long total) {
    for (long i = 0; i < calls; i++) {
      t.recordCounts(good, total);
    }
  }

  @Test
  void recordCountsAboveTwoToTheFortyIsRejectedNotThrownAndNotCounted() {
    SloRecorder t = registry.register(events("a"));
    t.recordCounts(0, MAX_PER_CALL + 1);
    t.recordCounts(MAX_PER_CALL + 1, MAX_PER_CALL + 1);
    t.recordCounts(Long.MAX_VALUE, Long.MAX_VALUE);
    t.recordCounts(0, Long.MAX_VALUE);
    t.recordCounts(MAX_PER_CALL, MAX_PER_CALL); // the bound itself is accepted
    t.recordCounts(0, MAX_PER_CALL);
    advance();
    assertEquals(4, t.rejectedRecords());
    WindowCounts w = t.window(TEN_S);
    assertEquals(2 * MAX_PER_CALL, w.total());
    assertEquals(MAX_PER_CALL, w.good());
  }

  @Test
  void countsJustBelowLongMaxStayExact() {
    SloRecorder t = registry.register(events("a"));
    t.recordCounts(7, 10);
    advance();
    // 2^23 - 1 maximal calls: 2^63 - 2^40 in this interval, 2^63 - 2^40 + 10 in all
    loop(t, (1L << 23) - 1, 0, MAX_PER_CALL);
    advance();
    WindowCounts hour = t.window(Duration.ofHours(1));
    assertEquals(Long.MAX_VALUE - MAX_PER_CALL + 11, hour.total());
    assertEquals(7, hour.good());
    assertEquals(Long.MAX_VALUE - MAX_PER_CALL + 1, t.window(TEN_S).total());
  }

  @Test
  void aLoopOfMaximalCountsStopsCountingInsteadOfWrapping() {
    SloRecorder t = registry.register(events("a"));
    t.recordCounts(1000, 1000);
    advance();
    loop(t, 1L << 22, 0, MAX_PER_CALL); // 2^62 bad: still exact
    advance();
    assertEquals(1000 + (1L << 62), t.window(Duration.ofHours(1)).total());
    loop(t, 1L << 22, 0, MAX_PER_CALL); // another 2^62: the cell passes Long.MAX_VALUE
    t.recordGood();
    advance();
    advance();
    // the windows keep every count up to the last exact boundary; nothing wrapped or went negative
    WindowCounts hour = t.window(Duration.ofHours(1));
    assertEquals(1000 + (1L << 62), hour.total());
    assertEquals(1000, hour.good());
    assertEquals(0, t.window(Duration.ofSeconds(20)).total(), "the boundaries after the overflow count nothing");
    assertEquals(clock.now(), t.asOf(), "the ticker goes on");
    t.recordGood();
    advance();
    assertEquals(1000 + (1L << 62), t.window(Duration.ofHours(1)).total(), "later events are not counted");
    assertEquals(1000, t.window(Duration.ofHours(1)).good());

    // the state exports up to the last exact boundary and restores elsewhere
    byte[] state = t.exportState();
    SloRecorder next = SloRegistry.builder().timeSource(ManualTimeSource.startingAt(clock.now())).manualTicks().build()
        .register(events("a"));
    next.restore(state);
    assertEquals(1000 + (1L << 62), next.window(Duration.ofHours(1)).total());
  }

  @Test
  void stripesThatEachFitButSumPastLongMaxAreDetected() throws InterruptedException {
    Cells cells = new Cells(1, 2);
    cells.grow(); // both stripes from the start (a new Cells has one until threads meet)
    // two threads on different stripes (stripe = thread id & 1), each adding 2^62
    Thread[] pair = new Thread[2];
    while (pair[0] == null || pair[1] == null) {
      Thread th = new Thread(() -> cells.add(0, 1L << 62));
      pair[(int) (th.getId() & 1)] = th;
    }
    for (Thread th : pair) {
      th.start();
      th.join();
    }
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> cells.sum(0));
    assertEquals("long overflow", e.getMessage());
    assertThrows(ArithmeticException.class, () -> cells.sumAll(new long[1]));
  }

  @Test
  void aWrappedStripeIsDetectedNotSummed() {
    Cells cells = new Cells(2, 1);
    cells.add(1, Long.MAX_VALUE);
    assertEquals(Long.MAX_VALUE, cells.sum(1));
    cells.add(1, 1);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> cells.sum(1));
    assertEquals("cell 1 wrapped", e.getMessage());
    assertEquals(0, cells.sum(0));
  }

  @Test
  void restoringCountsThatWouldOverflowTheRecordersIsRefusedWhole() {
    SloRecorder a = registry.register(events("a"));
    loop(a, 1L << 22, 0, MAX_PER_CALL); // 2^62
    advance();
    byte[] stateA = a.exportState();

    SloRegistry other = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder b = other.register(events("a"));
    loop(b, 1L << 22, 0, MAX_PER_CALL); // 2^62: with a's, 2^63
    other.tick();
    byte[] before = b.exportState();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.restore(stateA));
    assertEquals(
        "state: counts that would pass Long.MAX_VALUE when added to this recorder's (expected counts that fit in a long)",
        e.getMessage());
    assertArrayEquals(before, b.exportState(), "the recorder is untouched");

    e = assertThrows(IllegalArgumentException.class, () -> SloState.merge(stateA, before));
    assertEquals(
        "states: counts that would pass Long.MAX_VALUE when added (expected counts that fit in a long)", e.getMessage());
  }
}
