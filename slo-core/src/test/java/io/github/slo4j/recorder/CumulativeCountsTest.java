package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link SloRecorder#cumulative(Target)}: the counts since the recorder was made, as a monotonic
 * counter publishes them; never reset by windows, never lowered, not raised by a restore.
 */
class CumulativeCountsTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);

  private final ManualTimeSource clock = ManualTimeSource.startingAt(StateFixtures.START);
  private final SloRegistry registry = StateFixtures.registry(clock);

  private void advance(Duration d) {
    clock.advance(d);
    registry.tick();
  }

  @Test
  void cumulativeCountsIncludeEventsNoTickHasClosedYet() {
    SloRecorder t = registry.register(StateFixtures.events("a", 30));
    assertEquals(new EventCounts(0, 0), t.cumulative());
    t.recordGood();
    t.recordGood();
    t.recordBad();
    t.record(true);
    t.recordCounts(90, 100);
    EventCounts c = t.cumulative();
    assertEquals(new EventCounts(93, 104), c);
    assertEquals(11, c.bad());
    assertEquals(c, t.cumulative(t.definition().targets().get(0)));
  }

  @Test
  void windowsRollingOutNeverLowerTheCumulativeCounts() {
    SloRecorder t = registry.register(StateFixtures.events("a", 30));
    t.recordCounts(7, 10);
    advance(TEN_S);
    assertEquals(10, t.window(TEN_S).total());
    advance(Duration.ofHours(2)); // the events have left every window up to 1 h
    assertEquals(0, t.window(Duration.ofHours(1)).total());
    t.recordBad();
    advance(TEN_S);
    assertEquals(new EventCounts(7, 11), t.cumulative());
  }

  @Test
  void latencyTargetsCountTheirOwnGoodEvents() {
    SloRecorder t = registry.register(StateFixtures.latency("lat", 30));
    List<Target> targets = t.definition().targets(); // 100 ms at 90 %, 500 ms at 99 %
    t.recordLatency(Duration.ofMillis(80), true); // good for both
    t.recordLatency(300, TimeUnit.MILLISECONDS, true); // good for 500 ms only
    t.recordLatencyNanos(2_000_000_000L, true); // good for neither
    t.recordLatency(Duration.ofMillis(1), false); // bad for both
    t.recordGood(); // good for both
    t.recordBad(); // bad for both
    assertEquals(new EventCounts(2, 6), t.cumulative(targets.get(0)));
    assertEquals(new EventCounts(3, 6), t.cumulative(targets.get(1)));
    assertEquals(t.cumulative(targets.get(0)), t.cumulative());
  }

  @Test
  void timesliceBudgetingStillCountsEvents() {
    SloRecorder t = registry.register(StateFixtures.timeslices("slices"));
    t.recordCounts(95, 100);
    advance(Duration.ofMinutes(1));
    assertEquals(1, t.window(Duration.ofMinutes(5)).total()); // one slice
    assertEquals(new EventCounts(95, 100), t.cumulative());
  }

  @Test
  void aTargetOfAnotherSloIsRefused() {
    SloRecorder t = registry.register(StateFixtures.events("a", 30));
    SloDefinition other =
        SloDefinition.builder("b").service("checkout").objective(Objective.percent("99")).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.cumulative(other.targets().get(0)));
    assertEquals("target: events 99% (expected one of [events 99.9%])", e.getMessage());
  }

  @Test
  void restoredCountsAreNotIncludedSoTheCountsNeverJumpAtARestore() {
    ManualTimeSource before = ManualTimeSource.startingAt(StateFixtures.START);
    SloRegistry previous = StateFixtures.registry(before);
    SloRecorder old = previous.register(StateFixtures.events("a", 30));
    old.recordCounts(90, 100);
    before.advance(TEN_S);
    previous.tick();
    old.recordBad(); // after the last boundary: restored into the next interval
    old.recordCounts(5, 3); // rejected
    byte[] state = old.exportState();

    advance(TEN_S);
    SloRecorder t = registry.register(StateFixtures.events("a", 30));
    t.recordGood();
    t.recordBad();
    assertEquals(new EventCounts(1, 2), t.cumulative());
    t.restore(state);
    assertEquals(new EventCounts(1, 2), t.cumulative());
    assertEquals(0, t.rejectedRecords());
    t.recordGood();
    advance(TEN_S);
    assertEquals(104, t.window(Duration.ofHours(1)).total(), "the windows do count the restored events");
    assertEquals(new EventCounts(2, 3), t.cumulative());
  }

  @Test
  void cumulativeCountsStayAtTheLastOnesReadOnceACountPassesLongMax() {
    SloRecorder t = registry.register(StateFixtures.events("a", 30));
    t.recordCounts(1000, 1000);
    for (long i = 0; i < 1L << 22; i++) {
      t.recordCounts(0, 1L << 40); // 2^62 bad in all: still exact
    }
    EventCounts last = t.cumulative();
    assertEquals(new EventCounts(1000, 1000 + (1L << 62)), last);
    for (long i = 0; i < 1L << 22; i++) {
      t.recordCounts(0, 1L << 40); // another 2^62: the cell passes Long.MAX_VALUE
    }
    t.recordGood();
    assertEquals(last, t.cumulative());
  }

  /**
   * Writers on several threads, a ticker, a reader that checks every read against the previous one,
   * and a restore into the running recorder halfway: the reads never go down in good, bad or total,
   * and the final counts are exactly what the writers recorded.
   */
  @Test
  void exactAndMonotonicUnderContentionAcrossARestore() throws Exception {
    int writers = 3;
    int perWriter = 200_000;
    ManualTimeSource before = ManualTimeSource.startingAt(StateFixtures.START);
    SloRegistry previous = StateFixtures.registry(before);
    SloRecorder old = previous.register(StateFixtures.latency("lat", 30));
    old.recordCounts(1_000_000, 1_000_007);
    byte[] state = old.exportState();

    SloRecorder t = registry.register(StateFixtures.latency("lat", 30));
    Target fast = t.definition().targets().get(0);
    Target slow = t.definition().targets().get(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch halfway = new CountDownLatch(writers);
    try {
      List<Future<?>> writing = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        writing.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perWriter; i++) {
                    switch (i % 4) {
                      case 0 -> t.recordLatencyNanos(50_000_000L, true); // good for both
                      case 1 -> t.recordLatency(Duration.ofMillis(300), true); // good for 500 ms
                      case 2 -> t.recordLatency(2, TimeUnit.SECONDS, true); // good for neither
                      default -> t.record(false); // bad for both
                    }
                    if (i == perWriter / 2) {
                      halfway.countDown();
                    }
                  }
                  return null;
                }));
      }
      Future<?> ticking =
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  clock.advance(Duration.ofSeconds(1)); // a boundary every 10 turns: days, not months
                  registry.tick();
                  Thread.sleep(1);
                }
                return null;
              });
      Future<Long> reading =
          pool.submit(
              () -> {
                start.await();
                EventCounts[] prev = {t.cumulative(fast), t.cumulative(slow)};
                long reads = 0;
                while (!done.get()) {
                  Target[] both = {fast, slow};
                  for (int k = 0; k < 2; k++) {
                    EventCounts c = t.cumulative(both[k]);
                    EventCounts p = prev[k];
                    if (c.good() < p.good() || c.bad() < p.bad() || c.total() < p.total()) {
                      throw new AssertionError("went down after " + reads + " reads: " + p + " then " + c);
                    }
                    prev[k] = c;
                    reads++;
                  }
                }
                return reads;
              });
      start.countDown();
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () -> {
            halfway.await();
            t.restore(state);
            for (Future<?> f : writing) {
              f.get();
            }
          });
      done.set(true);
      ticking.get(60, TimeUnit.SECONDS);
      assertTrue(reading.get(60, TimeUnit.SECONDS) > 0);
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
    long quarter = (long) writers * perWriter / 4;
    assertEquals(new EventCounts(quarter, 4 * quarter), t.cumulative(fast));
    assertEquals(new EventCounts(2 * quarter, 4 * quarter), t.cumulative(slow));
    clock.advance(TEN_S);
    registry.tick();
    assertEquals(
        4 * quarter + 1_000_007,
        t.eventWindow(fast, Duration.ofDays(30)).total(),
        "the windows hold the restored events as well");
  }
}
