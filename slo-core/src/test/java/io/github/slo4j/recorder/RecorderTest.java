package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecorderTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TEN_S = Duration.ofSeconds(10);

  private final ManualTimeSource clock = ManualTimeSource.startingAt(T0);
  private final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();

  private static SloDefinition events(String id) {
    return SloDefinition.builder(id).service("checkout").objective(Objective.percent("99.9")).build();
  }

  private void advance(Duration d) {
    clock.advance(d);
    registry.tick();
  }

  @Test
  void aFreshRecorderHasNoData() {
    SloRecorder t = registry.register(events("a"));
    WindowCounts w = t.window(Duration.ofHours(1));
    assertFalse(w.hasData());
    assertTrue(w.errorRatio().isEmpty());
    assertTrue(w.burnRate(Objective.percent("99.9")).isEmpty());
    SnapshotBuffer b = t.newSnapshotBuffer();
    t.snapshot(b);
    Target events = t.definition().targets().get(0);
    assertFalse(b.hasData(events, 0));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.burnRate(events, 0));
    assertEquals("no data: window 5m had no events; check hasData first", e.getMessage());
  }

  @Test
  void eventsCountInTheIntervalTheTickerObservedThem() {
    SloRecorder t = registry.register(events("a"));
    t.recordGood();
    t.recordBad();
    assertEquals(0, t.window(TEN_S).total(), "not visible before the boundary closes");
    advance(TEN_S);
    WindowCounts w = t.window(TEN_S);
    assertEquals(2, w.total());
    assertEquals(1, w.good());
    assertEquals(1, w.bad());
    assertEquals(500.0, w.burnRate(Objective.percent("99.9")).getAsDouble(), 1e-9);
    advance(TEN_S);
    assertEquals(0, t.window(TEN_S).total(), "the next interval is empty");
    assertEquals(2, t.window(Duration.ofMinutes(5)).total());
  }

  @Test
  void coverageSaysHowMuchOfTheWindowTheRecorderHasSeen() {
    SloRecorder t = registry.register(events("a"));
    for (int i = 0; i < 120; i++) {
      t.record(true);
      advance(TEN_S);
    }
    WindowCounts hour = t.window(Duration.ofHours(1));
    assertEquals(Duration.ofMinutes(20), hour.covered());
    assertEquals(1.0 / 3, hour.coverage(), 1e-12);
    assertEquals(120, hour.total());
    assertEquals(Duration.ofMinutes(5), t.window(Duration.ofMinutes(5)).covered());
  }

  @Test
  void missedBoundariesAreCaughtUpAsGapsAndNothingIsLost() {
    SloRecorder t = registry.register(events("a"));
    advance(TEN_S);
    for (int i = 0; i < 7; i++) {
      t.recordBad();
    }
    clock.advance(Duration.ofMinutes(1)); // six boundaries pass without a tick
    registry.tick();
    assertEquals(5, registry.gapIntervals());
    assertEquals(7, t.window(TEN_S).total(), "all go to the newest interval");
    assertEquals(7, t.window(Duration.ofMinutes(5)).total());
    SloSnapshot s = t.snapshot();
    assertEquals(5, s.gapIntervals(Duration.ofMinutes(5)));
    assertEquals(5, s.gapIntervals(Duration.ofDays(30)));
  }

  @Test
  void aWallClockSteppingBackHoldsTheTickerAndLosesNothing() {
    SloRecorder t = registry.register(events("a"));
    advance(Duration.ofMinutes(1));
    long before = t.asOfMillis();
    clock.setWall(T0.minus(Duration.ofHours(1)));
    t.recordGood();
    registry.tick();
    assertEquals(before, t.asOfMillis(), "no boundary closes while the clock is behind");
    clock.setWall(Instant.ofEpochMilli(before).plus(TEN_S));
    t.recordGood();
    registry.tick();
    assertEquals(2, t.window(TEN_S).total());
  }

  @Test
  void latencyIsClassifiedAgainstEveryThreshold() {
    SloDefinition slo =
        SloDefinition.builder("lat")
            .service("api")
            .sli(
                Sli.latency(
                    LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                    LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
            .build();
    SloRecorder t = registry.register(slo);
    t.recordLatency(Duration.ofMillis(100), true); // within both (≤)
    t.recordLatency(Duration.ofMillis(101), true); // within 500 only
    t.recordLatency(Duration.ofSeconds(2), true); // within neither
    t.recordLatency(Duration.ofMillis(1), false); // failed
    t.recordLatencyNanos(-5, true); // a negative latency counts as zero
    t.recordGood(); // good for every threshold
    t.recordBad();
    advance(TEN_S);
    WindowCounts fast = t.window(slo.targets().get(0), TEN_S);
    WindowCounts slow = t.window(slo.targets().get(1), TEN_S);
    assertEquals(7, fast.total());
    assertEquals(3, fast.good());
    assertEquals(7, slow.total());
    assertEquals(4, slow.good());
  }

  @Test
  void bulkCountsAddAndInvalidOnesAreRejectedNotThrown() {
    SloRecorder t = registry.register(events("a"));
    t.recordCounts(990, 1000);
    t.recordCounts(5, 4);
    t.recordCounts(-1, 3);
    t.recordCounts(0, -3);
    advance(TEN_S);
    WindowCounts w = t.window(TEN_S);
    assertEquals(1000, w.total());
    assertEquals(990, w.good());
    assertEquals(3, t.rejectedRecords());
  }

  @Test
  void aFilterExcludesEventsAndAThrowingFilterLosesNothing() {
    SloRecorder t = registry.register(events("a"));
    FilteredRecorder<String> humans = t.filtered(agent -> !agent.startsWith("bot"));
    humans.record("firefox", true);
    humans.record("bot/1.0", false);
    humans.recordLatencyNanos("bot/2.0", 5, false);
    FilteredRecorder<String> broken =
        t.filtered(
            agent -> {
              throw new IllegalStateException("filter bug");
            });
    broken.record("curl", false);
    advance(TEN_S);
    assertEquals(2, t.window(TEN_S).total());
    assertEquals(1, t.window(TEN_S).bad());
    assertEquals(2, t.excludedEvents());
    assertEquals(1, t.filterFailures());
    assertSame(t, humans.recorder());
  }

  @Test
  void groupsAreCappedAndTheOverflowIsCounted() {
    GroupedSloRecorder g = registry.registerGrouped(events("per-endpoint"), 2);
    SloRecorder a = g.group("/a");
    assertSame(a, g.group("/a"));
    SloRecorder b = g.group("/b");
    SloRecorder c = g.group("/c");
    SloRecorder d = g.group(null);
    assertSame(c, d);
    assertEquals(GroupedSloRecorder.OVERFLOW_KEY, c.groupKey().orElseThrow());
    assertEquals(2, g.groups().size());
    assertEquals(2, g.overflowLookups());
    assertEquals(List.of("/c"), g.overflowSample());
    a.recordGood();
    b.recordBad();
    c.recordBad();
    advance(TEN_S);
    assertEquals(1, a.window(TEN_S).good());
    assertEquals(1, b.window(TEN_S).bad());
    assertEquals(1, c.window(TEN_S).bad());
    assertEquals(4, registry.recorders().size() + 1, "three groups tracked plus none ungrouped");
  }

  @Test
  void aGroupLookupNeverThrowsEvenAfterClose() {
    GroupedSloRecorder g = registry.registerGrouped(events("late"), 1);
    registry.close();
    SloRecorder first = g.group("/a");
    SloRecorder overflow = g.group("/b");
    assertEquals("/a", first.groupKey().orElseThrow());
    assertEquals(GroupedSloRecorder.OVERFLOW_KEY, overflow.groupKey().orElseThrow());
  }

  @Test
  void timeslicesAreJudgedWhenTheyClose() {
    SloDefinition slo =
        SloDefinition.builder("slices")
            .service("api")
            .objective(Objective.percent("99"))
            .budgeting(BudgetingMethod.timeslices(Duration.ofMinutes(1), Objective.percent("95")))
            .build();
    SloRecorder t = registry.register(slo);
    // align to a slice boundary first
    advance(Duration.ofMinutes(1));
    t.recordCounts(95, 100); // meets 95 %
    advance(Duration.ofMinutes(1));
    t.recordCounts(94, 100); // misses
    advance(Duration.ofMinutes(1));
    advance(Duration.ofMinutes(1)); // an empty slice: no data, not counted
    WindowCounts w = t.window(Duration.ofMinutes(5));
    assertEquals(2, w.total());
    assertEquals(1, w.good());
    assertEquals(200, t.eventWindow(slo.targets().get(0), Duration.ofMinutes(5)).total());
  }

  @Test
  void ratioTimeslicesAverageTheSliceRatios() {
    SloDefinition slo =
        SloDefinition.builder("ratio")
            .service("api")
            .objective(Objective.percent("99"))
            .budgeting(BudgetingMethod.ratioTimeslices(Duration.ofMinutes(1)))
            .build();
    SloRecorder t = registry.register(slo);
    advance(Duration.ofMinutes(1));
    t.recordCounts(1, 2); // 0.5
    advance(Duration.ofMinutes(1));
    t.recordCounts(1000, 1000); // 1.0, weighs the same as the quiet slice
    advance(Duration.ofMinutes(1));
    WindowCounts w = t.window(Duration.ofMinutes(5));
    assertEquals(2 * SloRecorder.RATIO_SLICE_UNITS, w.total());
    assertEquals(0.25, w.errorRatio().getAsDouble(), 1e-12);
  }

  @Test
  void aThrowingListenerIsCountedAndCannotStopTheTicker() {
    registry.register(events("a"));
    List<Long> seen = new ArrayList<>();
    registry.addTickListener(
        b -> {
          throw new IllegalStateException("listener bug");
        });
    registry.addTickListener(seen::add);
    advance(TEN_S);
    advance(TEN_S);
    assertEquals(2, registry.listenerFailures());
    assertEquals(List.of(T0.plusSeconds(10).toEpochMilli(), T0.plusSeconds(20).toEpochMilli()), seen);
  }

  @Test
  void aHostExecutorRunsTheTickerAtWallAlignedBoundaries() {
    CapturingExecutor host = new CapturingExecutor();
    ManualTimeSource c = ManualTimeSource.startingAt(T0.plusMillis(2_500));
    SloRegistry r = SloRegistry.builder().timeSource(c).executor(host).build();
    SloRecorder t = r.register(events("a"));
    assertEquals(List.of(7_501L), host.delays, "next boundary at +10 s, 1 ms after it");
    t.recordGood();
    c.advance(Duration.ofMillis(7_501));
    host.runLast();
    assertEquals(T0.plusSeconds(10).toEpochMilli(), t.asOfMillis());
    assertEquals(1, t.window(TEN_S).total());
    assertEquals(10_000L, host.delays.get(1), "from +10.001 s to +20 s, plus 1 ms");
    r.close();
    assertTrue(host.cancelled, "close cancels the pending tick");
    assertFalse(host.isShutdown(), "the host's executor is left running");
    host.shutdownNow();
  }

  @Test
  void theDefaultTickerIsOneNamedDaemonThreadStoppedByClose() throws InterruptedException {
    SloRegistry r = SloRegistry.builder().build();
    assertTrue(tickerThreads().isEmpty(), "lazy: no thread before the first SLO");
    r.register(events("a"));
    List<Thread> threads = tickerThreads();
    assertEquals(1, threads.size());
    assertTrue(threads.get(0).isDaemon());
    r.close();
    threads.get(0).join(10_000);
    assertFalse(threads.get(0).isAlive());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.register(events("b")));
    assertEquals("registry is closed", e.getMessage());
  }

  private static List<Thread> tickerThreads() {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("slo4j-ticker") && t.isAlive()) {
        out.add(t);
      }
    }
    return out;
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    SloRecorder t = registry.register(events("a"));
    assertMessage(
        "slo id: 'a' (expected an id not yet registered in this registry)",
        () -> registry.register(events("a")));
    assertMessage(
        "window: 5s (expected >= the base interval (10s); shorter rounds to zero)",
        () -> t.window(Duration.ofSeconds(5)));
    assertMessage(
        "window: 31d (expected <= the compliance period (30d))", () -> t.window(Duration.ofDays(31)));
    assertMessage("window: 0s (expected a duration > 0)", () -> t.window(Duration.ZERO));
    SloDefinition other = events("other");
    assertMessage(
        "target: events 99% (expected one of [events 99.9%])",
        () -> t.window(SloDefinition.builder("x").service("s").objective(Objective.percent("99")).build().targets().get(0), TEN_S));
    assertMessage(
        "maxGroups: 0 (expected 1 <= maxGroups <= 10000)", () -> registry.registerGrouped(other, 0));
    assertMessage(
        "baseInterval: 7s (expected a whole number of seconds that divides 2m)",
        () -> SloRegistry.builder().baseInterval(Duration.ofSeconds(7)));
    assertMessage(
        "baseInterval: 1s500ms (expected a whole number of seconds that divides 2m)",
        () -> SloRegistry.builder().baseInterval(Duration.ofMillis(1500)));
    SloDefinition slices =
        SloDefinition.builder("s")
            .service("api")
            .objective(Objective.percent("99"))
            .budgeting(BudgetingMethod.timeslices(Duration.ofSeconds(15), Objective.percent("95")))
            .build();
    assertMessage("slice: 15s (expected a multiple of the registry's base interval (10s))", () -> registry.register(slices));
    SnapshotBuffer foreign = registry.register(other).newSnapshotBuffer();
    assertMessage(
        "into: a buffer of another recorder (expected a buffer from this recorder's newSnapshotBuffer())",
        () -> t.snapshot(foreign));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }

  /** A scheduler that captures what it is given instead of running it on a clock. */
  private static final class CapturingExecutor extends ScheduledThreadPoolExecutor {
    final List<Long> delays = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();
    boolean cancelled;

    CapturingExecutor() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      delays.add(unit.toMillis(delay));
      tasks.add(command);
      return new ScheduledFuture<Object>() {
        @Override
        public long getDelay(TimeUnit u) {
          return 0;
        }

        @Override
        public int compareTo(Delayed o) {
          return 0;
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
          cancelled = true;
          return true;
        }

        @Override
        public boolean isCancelled() {
          return cancelled;
        }

        @Override
        public boolean isDone() {
          return false;
        }

        @Override
        public Object get() {
          return null;
        }

        @Override
        public Object get(long timeout, TimeUnit u) {
          return null;
        }
      };
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      throw new AssertionError("the registry schedules Runnables");
    }

    void runLast() {
      tasks.get(tasks.size() - 1).run();
    }
  }
}
