package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Sneaky;
import io.github.slo4j.TimeSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Issue 8: callbacks and the ticker never die, never deadlock, never hang a shutdown. */
class TickerRobustnessTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long T0_MS = T0.toEpochMilli();
  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final Duration HANG = Duration.ofSeconds(10);
  /** The documented limit: wall times are held within about 73 million years of the epoch. */
  private static final long LIMIT = Long.MAX_VALUE / 4;

  private final ManualTimeSource clock = ManualTimeSource.startingAt(T0);
  private final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();

  private static SloDefinition events(String id) {
    return SloDefinition.builder(id).service("checkout").objective(Objective.percent("99.9")).build();
  }

  private void advance(Duration d) {
    clock.advance(d);
    registry.tick();
  }

  // ------------------------------------------------------------------ throwing callbacks

  @Test
  void aTickListenerThatThrowsAnythingDoesNotStopTheOtherListenersOrLaterTicks() {
    registry.register(events("a"));
    List<Long> seen = new ArrayList<>();
    registry.addTickListener(b -> { throw new IllegalStateException("listener bug"); });
    registry.addTickListener(b -> { throw new AssertionError("an Error"); });
    registry.addTickListener(b -> Sneaky.overflowTheStack(0));
    registry.addTickListener(b -> { throw Sneaky.sneak(new IOException("a checked exception, sneaked")); });
    registry.addTickListener(seen::add);
    advance(TEN_S);
    advance(TEN_S);
    advance(TEN_S);
    assertEquals(List.of(T0_MS + 10_000, T0_MS + 20_000, T0_MS + 30_000), seen);
    assertEquals(4 * 3, registry.listenerFailures());
    assertEquals(3, registry.ticks());
  }

  @Test
  void anOutOfMemoryErrorFromATickListenerPropagatesAndTheNextTickStillRuns() {
    SloRecorder t = registry.register(events("a"));
    List<Long> seen = new ArrayList<>();
    TickListener oom = b -> { throw new OutOfMemoryError("test"); };
    io.github.slo4j.Subscription oomHandle = registry.addTickListener(oom);
    t.recordGood();
    clock.advance(TEN_S);
    assertThrows(OutOfMemoryError.class, registry::tick);
    assertEquals(T0_MS + 10_000, t.asOfMillis(), "the boundary was closed before the listener ran");
    assertEquals(0, registry.listenerFailures(), "a fatal VM error is not a callback failure");
    oomHandle.close();
    registry.addTickListener(seen::add);
    advance(TEN_S);
    assertEquals(List.of(T0_MS + 20_000), seen);
    assertEquals(1, t.window(Duration.ofMinutes(1)).total());
  }

  @Test
  void aRecordFilterThatThrowsAnythingCountsTheEventAndTheTickerGoesOn() {
    SloRecorder t = registry.register(events("a"));
    List<FilteredRecorder<String>> broken =
        List.of(
            t.filtered(s -> { throw new IllegalStateException("filter bug"); }),
            t.filtered(s -> { throw new AssertionError("an Error"); }),
            t.filtered(s -> Sneaky.overflowTheStack(0) > 0),
            t.filtered(s -> { throw Sneaky.sneak(new IOException("checked, sneaked")); }));
    for (FilteredRecorder<String> f : broken) {
      assertDoesNotThrow(() -> f.record("curl", false));
      assertDoesNotThrow(() -> f.recordLatencyNanos("curl", 5, true));
    }
    advance(TEN_S); // the ticker logs the failures through the guard, and does not fail for them
    advance(TEN_S);
    assertEquals(8, t.window(Duration.ofMinutes(1)).total(), "nothing is lost");
    assertEquals(4, t.window(Duration.ofMinutes(1)).bad());
    assertEquals(8, t.filterFailures());
    assertEquals(T0_MS + 20_000, t.asOfMillis());
  }

  @Test
  void anOutOfMemoryErrorFromARecordFilterPropagatesToTheCaller() {
    SloRecorder t = registry.register(events("a"));
    FilteredRecorder<String> f = t.filtered(s -> { throw new OutOfMemoryError("test"); });
    assertThrows(OutOfMemoryError.class, () -> f.record("curl", true));
    assertEquals(0, t.filterFailures());
  }

  // ------------------------------------------------------------------ listeners and locks

  @Test
  void aListenerThatTicksAgainIsNotCalledInsideItself() {
    registry.register(events("a"));
    AtomicInteger depth = new AtomicInteger();
    AtomicInteger deepest = new AtomicInteger();
    List<Long> seen = new ArrayList<>();
    registry.addTickListener(
        b -> {
          deepest.accumulateAndGet(depth.incrementAndGet(), Math::max);
          seen.add(b);
          if (seen.size() == 1) {
            advance(TEN_S); // closes the next boundary; its listeners run after this call returns
          }
          depth.decrementAndGet();
        });
    advance(TEN_S);
    assertEquals(List.of(T0_MS + 10_000, T0_MS + 20_000), seen);
    assertEquals(1, deepest.get());
  }

  @Test
  void concurrentTicksCallAListenerOneAtATimeInOrderAndDeliverTheLastBoundary() throws Exception {
    registry.register(events("a"));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicLong last = new AtomicLong(Long.MIN_VALUE);
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    registry.addTickListener(
        b -> {
          if (inFlight.incrementAndGet() != 1) {
            violations.add("ran concurrently with itself at " + b);
          }
          if (b <= last.get()) {
            violations.add("boundary " + b + " after " + last.get());
          }
          last.set(b);
          inFlight.decrementAndGet();
        });
    int threads = 3;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> tickers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread th = daemon(() -> {
        await(start);
        for (int k = 0; k < 2_000; k++) {
          clock.advance(TEN_S);
          registry.tick();
        }
      });
      tickers.add(th);
    }
    start.countDown();
    joinAll(tickers);
    assertEquals(List.of(), violations);
    assertEquals(registry.lastBoundaryMillis(), last.get(), "the newest closed boundary was delivered");
    assertEquals(T0_MS + threads * 2_000 * 10_000L, registry.lastBoundaryMillis());
  }

  @Test
  void aBlockedTickListenerBlocksNeitherCloseNorRegisterNorNewGroupsNorOtherTicks() throws Exception {
    SloRecorder a = registry.register(events("a"));
    GroupedSloRecorder grouped = registry.registerGrouped(events("per-endpoint"), 100);
    AtomicBoolean block = new AtomicBoolean(true);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    registry.addTickListener(
        b -> {
          seen.add(b);
          if (block.get()) {
            entered.countDown();
            await(release);
          }
        });
    Thread blocked = daemon(() -> advance(TEN_S));
    try {
      assertTrue(entered.await(HANG.toSeconds(), TimeUnit.SECONDS), "the listener was called");
      assertTimeoutPreemptively(
          HANG,
          () -> {
            registry.register(events("b"));
            assertEquals("/new", grouped.group("/new").groupKey().orElseThrow());
            a.recordGood();
            advance(TEN_S); // closes the boundary, leaves the listeners to the blocked thread
            assertEquals(T0_MS + 20_000, a.asOfMillis());
            assertEquals(1, a.window(TEN_S).total());
            registry.close();
          },
          "something waited for a blocked tick listener");
    } finally {
      block.set(false);
      release.countDown();
    }
    blocked.join(HANG.toMillis());
    assertFalse(blocked.isAlive());
    assertEquals(List.of(T0_MS + 10_000, T0_MS + 20_000), seen, "the blocked thread delivered the newer boundary");
  }

  @Test
  void closeReturnsAndStopsTheTickerWhileATickListenerBlocksForever() throws Exception {
    SloRegistry live = SloRegistry.builder().baseInterval(Duration.ofSeconds(1)).build();
    AtomicReference<Thread> ticker = new AtomicReference<>();
    AtomicLong blockedAt = new AtomicLong();
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    try {
      SloRecorder t = live.register(events("a"));
      live.addTickListener(
          b -> {
            if (ticker.compareAndSet(null, Thread.currentThread())) {
              blockedAt.set(b);
              entered.countDown();
              try {
                never.await();
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw Sneaky.sneak(e);
              }
            }
          });
      assertTrue(entered.await(HANG.toSeconds(), TimeUnit.SECONDS), "the ticker called the listener");
      // the boundaries go on closing on the ticker's other thread while the listener blocks
      awaitTrue(() -> t.asOfMillis() > blockedAt.get(), "a boundary closed while the listener blocked");
      assertTimeoutPreemptively(HANG, live::close, "close() waited for a blocked tick listener");
    } finally {
      daemon(live::close); // on a failure above, close without risking a hang of the test thread
    }
    Thread th = ticker.get();
    th.join(HANG.toMillis());
    assertFalse(th.isAlive(), "the ticker thread stopped");
    assertTrue(interrupted.get(), "close() interrupted the blocked listener");
    joinTickerThreads(); // leave no slo4j-ticker thread to the next test class
  }

  @Test
  void closeInterruptsAListenerBlockedOnAHostThreadAndLeavesTheHostRunning() throws Exception {
    ScheduledThreadPoolExecutor host = new ScheduledThreadPoolExecutor(1);
    SloRegistry live = SloRegistry.builder().baseInterval(Duration.ofSeconds(1)).executor(host).build();
    AtomicBoolean interrupted = new AtomicBoolean();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    try {
      live.register(events("a"));
      live.addTickListener(
          b -> {
            entered.countDown();
            try {
              never.await();
            } catch (InterruptedException e) {
              interrupted.set(true);
              throw Sneaky.sneak(e);
            }
          });
      assertTrue(entered.await(HANG.toSeconds(), TimeUnit.SECONDS), "the ticker called the listener");
      assertTimeoutPreemptively(HANG, live::close, "close() waited for a blocked tick listener");
      // the host's one thread is free again, and not left interrupted by slo4j
      AtomicBoolean hostThreadInterrupted = new AtomicBoolean(true);
      host.submit(() -> hostThreadInterrupted.set(Thread.currentThread().isInterrupted())).get(HANG.toSeconds(), TimeUnit.SECONDS);
      assertFalse(hostThreadInterrupted.get());
      assertTrue(interrupted.get(), "close() interrupted the blocked listener");
      assertFalse(host.isShutdown(), "the host's executor is left running");
    } finally {
      daemon(live::close);
      host.shutdownNow();
    }
  }

  @Test
  void tickListenersMayCreateGroupsWhileRequestThreadsCreateOthers() throws Exception {
    GroupedSloRecorder grouped = registry.registerGrouped(events("per-tenant"), GroupedSloRecorder.MAX_GROUPS);
    registry.addTickListener(b -> grouped.group("tick-" + b).recordGood());
    int requesters = 4;
    int perThread = 500;
    int ticks = 300;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < requesters; i++) {
      int id = i;
      threads.add(daemon(() -> {
        await(start);
        for (int k = 0; k < perThread; k++) {
          grouped.group("request-" + id + "-" + k).recordGood();
        }
      }));
    }
    threads.add(daemon(() -> {
      await(start);
      for (int k = 0; k < ticks; k++) {
        advance(TEN_S);
      }
    }));
    start.countDown();
    joinAll(threads);
    assertEquals(requesters * perThread + ticks, grouped.groups().size());
  }

  // ------------------------------------------------------------------ the time source

  @Test
  void aTimeSourceThatThrowsIsRetriedOneBaseIntervalLaterAndTheTickerResumes() {
    FlakyTime time = new FlakyTime(T0_MS + 2_500);
    CapturingExecutor host = new CapturingExecutor();
    SloRegistry r = SloRegistry.builder().timeSource(time).executor(host).build();
    try {
      SloRecorder t = r.register(events("a"));
      assertEquals(List.of(7_501L), host.delays);
      t.recordGood();
      for (Throwable failure :
          List.of(new IllegalStateException("NTP"), new AssertionError("an Error"), new IOException("sneaked"))) {
        time.failure = failure;
        time.wall.addAndGet(10_000);
        host.runLast();
        assertEquals(10_000L, host.lastDelay(), "retried one base interval later after " + failure);
      }
      assertEquals(3, r.timeSourceFailures());
      assertEquals(0, r.ticks());
      time.failure = null;
      host.runLast();
      assertEquals(1, r.ticks());
      assertEquals(T0_MS + 30_000, t.asOfMillis());
      assertEquals(1, t.window(Duration.ofMinutes(1)).total());
      assertEquals(7_501L, host.lastDelay(), "back on the wall-aligned schedule");
    } finally {
      r.close();
      host.shutdownNow();
    }
  }

  @Test
  void registeringAndCreatingGroupsDoNotThrowWhileTheTimeSourceFails() {
    FlakyTime time = new FlakyTime(T0_MS);
    CapturingExecutor host = new CapturingExecutor();
    SloRegistry r = SloRegistry.builder().timeSource(time).executor(host).build();
    try {
      time.failure = new IllegalStateException("clock broken");
      SloRecorder a = assertDoesNotThrow(() -> r.register(events("a")));
      GroupedSloRecorder g = r.registerGrouped(events("g"), 2);
      assertDoesNotThrow(() -> g.group("/x"));
      assertEquals(1, r.timeSourceFailures());
      assertEquals(List.of(10_000L), host.delays, "the first tick is tried one base interval later");
      time.failure = null;
      time.wall.set(T0_MS + 10_000);
      a.recordGood();
      host.runLast();
      assertEquals(1, a.window(TEN_S).total());
    } finally {
      r.close();
      host.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ wall clock steps and extremes

  @Test
  void aWallClockSteppingBackClosesNothingUntilItPassesTheLastBoundaryAndLosesNothing() {
    SloRecorder t = registry.register(events("a"));
    List<Long> seen = new ArrayList<>();
    registry.addTickListener(seen::add);
    t.recordGood();
    advance(TEN_S);
    t.recordGood();
    clock.setWall(T0.minus(Duration.ofHours(1)));
    registry.tick();
    t.recordBad();
    clock.setWall(T0.plusSeconds(19));
    registry.tick();
    assertEquals(T0_MS + 10_000, t.asOfMillis(), "no boundary closed while the clock was behind");
    assertEquals(1, registry.ticks());
    clock.setWall(T0.plusSeconds(20));
    registry.tick();
    assertEquals(List.of(T0_MS + 10_000, T0_MS + 20_000), seen);
    assertEquals(2, t.window(TEN_S).total(), "the events of the step land in the next interval");
    assertEquals(1, t.window(TEN_S).bad());
    assertEquals(3, t.window(Duration.ofMinutes(1)).total());
    assertEquals(0, registry.gapIntervals());
  }

  @Test
  void aSteppedBackClockKeepsTheTickerWakingAtLeastEveryBaseInterval() {
    FlakyTime time = new FlakyTime(T0_MS);
    CapturingExecutor host = new CapturingExecutor();
    SloRegistry r = SloRegistry.builder().timeSource(time).executor(host).build();
    try {
      SloRecorder t = r.register(events("a"));
      time.wall.set(T0_MS + 10_000);
      host.runLast();
      assertEquals(T0_MS + 10_000, t.asOfMillis());
      for (long back : new long[] {1, 3_333, 10_000, 86_400_000L, T0_MS + 10_000 + 1}) {
        time.wall.set(T0_MS + 10_000 - back);
        host.runLast();
        long delay = host.lastDelay();
        assertTrue(delay >= 1 && delay <= 10_001, "stepped back " + back + " ms: next tick in " + delay + " ms");
        assertEquals(T0_MS + 10_000, t.asOfMillis());
      }
      time.wall.set(T0_MS + 20_000);
      host.runLast();
      assertEquals(T0_MS + 20_000, t.asOfMillis(), "recovered");
    } finally {
      r.close();
      host.shutdownNow();
    }
  }

  @Test
  void aWallTimeNearLongMaxValueNeitherOverflowsNorLoops() {
    FlakyTime time = new FlakyTime(Long.MAX_VALUE - 3);
    CapturingExecutor host = new CapturingExecutor();
    SloRegistry r = SloRegistry.builder().timeSource(time).executor(host).build();
    try {
      SloRecorder t = r.register(events("a"));
      long delay = host.lastDelay();
      assertTrue(delay >= 1 && delay <= 10_001, "next tick in " + delay + " ms");
      assertEquals(Math.floorDiv(LIMIT, 10_000) * 10_000, r.lastBoundaryMillis());
      t.recordGood();
      time.wall.set(Long.MAX_VALUE);
      assertTimeoutPreemptively(HANG, host::runLast);
      assertEquals(0, r.ticks(), "the clock is held at the limit: nothing to close");
      assertTrue(host.lastDelay() >= 1 && host.lastDelay() <= 10_001);
      assertFalse(t.window(Duration.ofHours(1)).hasData());
    } finally {
      r.close();
      host.shutdownNow();
    }
  }

  @Test
  void aWallClockJumpingToTheExtremesAndBackLosesNothing() {
    SloDefinition calendar =
        SloDefinition.builder("monthly")
            .service("checkout")
            .objective(Objective.percent("99.9"))
            .period(CompliancePeriod.calendarMonth(ZoneOffset.UTC))
            .build();
    FlakyTime time = new FlakyTime(T0_MS);
    SloRegistry r = SloRegistry.builder().timeSource(time).manualTicks().build();
    SloRecorder t = r.register(events("a"));
    SloRecorder monthly = r.register(calendar);
    t.recordGood();
    monthly.recordGood();
    time.wall.set(Long.MAX_VALUE);
    assertTimeoutPreemptively(HANG, r::tick);
    long top = Math.floorDiv(LIMIT, 10_000) * 10_000;
    assertEquals(top, t.asOfMillis());
    assertEquals(top, monthly.asOfMillis());
    assertEquals(1, t.window(Duration.ofHours(1)).total());
    assertEquals(1, monthly.window(Duration.ofDays(1)).total());
    assertTrue(r.gapIntervals() > 0);
    assertDoesNotThrow(() -> t.snapshot());
    for (long wall : new long[] {T0_MS, Long.MIN_VALUE, -1, Long.MAX_VALUE - 1}) {
      time.wall.set(wall);
      assertTimeoutPreemptively(HANG, r::tick, "at " + wall);
      assertEquals(top, t.asOfMillis(), "at " + wall);
    }
    assertEquals(1, r.ticks());
    assertEquals(1, t.window(Duration.ofDays(30)).total());
  }

  @Test
  void aWallTimeBeforeTheEpochClosesAlignedBoundaries() {
    ManualTimeSource early = ManualTimeSource.startingAt(Instant.parse("1969-12-31T23:59:55Z"));
    SloRegistry r = SloRegistry.builder().timeSource(early).manualTicks().build();
    SloRecorder t = r.register(events("a"));
    assertEquals(-10_000, r.lastBoundaryMillis());
    t.recordGood();
    early.advance(TEN_S);
    r.tick();
    assertEquals(0, t.asOfMillis());
    t.recordBad();
    early.advance(TEN_S);
    r.tick();
    assertEquals(10_000, t.asOfMillis());
    assertEquals(2, t.window(Duration.ofMinutes(1)).total());
    assertEquals(1, t.window(TEN_S).bad());
  }

  @Test
  void aWallTimeNearLongMinValueNeitherOverflowsNorLoops() {
    FlakyTime time = new FlakyTime(Long.MIN_VALUE);
    CapturingExecutor host = new CapturingExecutor();
    SloRegistry r = SloRegistry.builder().timeSource(time).executor(host).build();
    try {
      SloRecorder t = r.register(events("a"));
      assertEquals(Math.floorDiv(-LIMIT, 10_000) * 10_000, r.lastBoundaryMillis());
      long delay = host.lastDelay();
      assertTrue(delay >= 1 && delay <= 10_001, "next tick in " + delay + " ms");
      t.recordGood();
      time.wall.set(T0_MS);
      assertTimeoutPreemptively(HANG, host::runLast);
      assertEquals(T0_MS, t.asOfMillis());
      assertEquals(1, t.window(Duration.ofHours(1)).total());
    } finally {
      r.close();
      host.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ helpers

  /** A time source whose wall clock is any long, and which throws {@link #failure} when set. */
  private static final class FlakyTime implements TimeSource {
    final AtomicLong wall;
    volatile Throwable failure;

    FlakyTime(long wallMillis) {
      this.wall = new AtomicLong(wallMillis);
    }

    @Override
    public long wallMillis() {
      Throwable f = failure;
      if (f != null) {
        throw Sneaky.sneak(f);
      }
      return wall.get();
    }

    @Override
    public long monotonicNanos() {
      return 0;
    }
  }

  /** A scheduler that keeps what it is given; the test runs it by hand. */
  private static final class CapturingExecutor extends ScheduledThreadPoolExecutor {
    final List<Long> delays = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();

    CapturingExecutor() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      delays.add(unit.toMillis(delay));
      tasks.add(command);
      return super.schedule(() -> {}, 365, TimeUnit.DAYS); // a real future that never fires
    }

    long lastDelay() {
      return delays.get(delays.size() - 1);
    }

    void runLast() {
      tasks.remove(tasks.size() - 1).run();
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "robustness-test");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw Sneaky.sneak(e);
    }
  }

  /** Joins every thread within the hang bound; on a hang, names the deadlocked threads. */
  private static void joinAll(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + HANG.toNanos();
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
    if (deadlocked != null) {
      ThreadInfo[] info = ManagementFactory.getThreadMXBean().getThreadInfo(deadlocked, true, true);
      fail("deadlock: " + Arrays.toString(info));
    }
    for (Thread t : threads) {
      assertFalse(t.isAlive(), "a thread hung: " + Arrays.toString(t.getStackTrace()));
    }
  }

  /** Waits, within the hang bound, until {@code condition} holds: fails only on a hang. */
  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + HANG.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("never happened: " + what);
      }
      Thread.sleep(5);
    }
  }

  private static void joinTickerThreads() throws InterruptedException {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("slo4j-ticker")) {
        t.join(HANG.toMillis());
      }
    }
  }
}
