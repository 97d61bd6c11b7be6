package io.github.slo4j;

import static io.github.slo4j.ErrorBudgetTest.refused;
import static io.github.slo4j.ErrorBudgetTest.refusedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ManualTimeSourceTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void subMillisecondAdvancesAddUpOnTheWallClock() {
    ManualTimeSource t = ManualTimeSource.startingAt(START);
    t.advance(Duration.ofNanos(600_000));
    assertEquals(START.toEpochMilli(), t.wallMillis());
    t.advance(Duration.ofNanos(600_000));
    assertEquals(START.toEpochMilli() + 1, t.wallMillis());
    assertEquals(1_200_000, t.monotonicNanos());
  }

  @Test
  void anAdvanceOfMoreThanACenturyIsRefused() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> ManualTimeSource.atEpoch().advance(Duration.ofDays(36_501)));
    assertEquals("advance: 36501d (expected <= 36500d)", e.getMessage());
  }

  @Test
  void startsWhereItIsTold() {
    ManualTimeSource t = ManualTimeSource.startingAt(START);
    assertEquals(START.toEpochMilli(), t.wallMillis());
    assertEquals(START, t.now());
    assertEquals(0, t.monotonicNanos());
    assertEquals("ManualTimeSource[2026-01-01T00:00:00Z]", t.toString());
    assertEquals(0, ManualTimeSource.atEpoch().wallMillis());
    assertEquals(0, ManualTimeSource.atEpoch().monotonicNanos());
  }

  @Test
  void advanceMovesBothClocks() {
    ManualTimeSource t = ManualTimeSource.startingAt(START);
    assertSame(t, t.advance(Duration.ofSeconds(10)));
    t.advance(Duration.ofMillis(250)).advance(Duration.ZERO);
    assertEquals(START.plusMillis(10_250), t.now());
    assertEquals(10_250_000_000L, t.monotonicNanos());
  }

  @Test
  void setWallMovesOnlyTheWallClock() {
    ManualTimeSource t = ManualTimeSource.startingAt(START).advance(Duration.ofMinutes(1));
    t.setWall(START.minusSeconds(3_600));
    assertEquals(START.minusSeconds(3_600), t.now());
    assertEquals(60_000_000_000L, t.monotonicNanos());
    t.setWall(START.plusSeconds(86_400));
    assertEquals(START.plusSeconds(86_400).toEpochMilli(), t.wallMillis());
    assertEquals(60_000_000_000L, t.monotonicNanos());
  }

  @Test
  void refusals() {
    ManualTimeSource t = ManualTimeSource.atEpoch();
    refused(
        "advance: -1s (expected >= 0; use setWall to step the wall clock back)",
        () -> t.advance(Duration.ofSeconds(-1)));
    refusedNull("advance: null (expected a value)", () -> t.advance(null));
    refusedNull("wall: null (expected a value)", () -> t.setWall(null));
    refusedNull("start: null (expected a value)", () -> ManualTimeSource.startingAt(null));
  }

  @Test
  void concurrentAdvancesAreAllCounted() throws InterruptedException {
    ManualTimeSource t = ManualTimeSource.atEpoch();
    int perThread = 10_000;
    CountDownLatch go = new CountDownLatch(1);
    Runnable advancer =
        () -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          for (int i = 0; i < perThread; i++) {
            t.advance(Duration.ofMillis(1));
          }
        };
    Thread a = new Thread(advancer);
    Thread b = new Thread(advancer);
    a.start();
    b.start();
    go.countDown();
    a.join();
    b.join();
    assertEquals(2L * perThread, t.wallMillis());
    assertEquals(2L * perThread * 1_000_000, t.monotonicNanos());
  }
}
