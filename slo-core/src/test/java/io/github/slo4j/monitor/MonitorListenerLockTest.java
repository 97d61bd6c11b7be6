package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue 8, found again in issue 9: a monitor calls its listeners after releasing its lock. */
class MonitorListenerLockTest {
  private static final SloDefinition SLO = Slos.workbook();
  private static final Duration HANG = Duration.ofSeconds(10);

  private final IntervalStore store = new IntervalStore(SLO, Slos.START.toEpochMilli(), Duration.ofSeconds(10));
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<AlertTransition> heard = Collections.synchronizedList(new ArrayList<>());

  /** A listener that blocks on the first transition until released. */
  private SloMonitor blockingMonitor() {
    return SloMonitor.builder(store.definition())
        .listener(
            t -> {
              heard.add(t);
              entered.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .build(store);
  }

  /** One clean hour, then a full outage until the page fires (at the sixth interval). */
  private List<AlertTransition> evaluateUntilThePage(SloMonitor monitor) {
    List<AlertTransition> out = new ArrayList<>();
    for (int i = 1; out.isEmpty() && i <= 400; i++) {
      store.append(new long[] {i > 360 ? 0 : 1000}, new long[] {1000});
      out.addAll(monitor.evaluate(store.asOfMillis()).transitions());
    }
    return out;
  }

  @Test
  void aBlockedAlertListenerDoesNotBlockMayShipOrHealth() throws InterruptedException {
    SloMonitor monitor = blockingMonitor();
    Thread ticker = new Thread(() -> evaluateUntilThePage(monitor), "ticker");
    ticker.start();
    try {
      assertTrue(entered.await(HANG.toSeconds(), TimeUnit.SECONDS), "the page reached the listener");
      assertTimeoutPreemptively(
          HANG,
          () -> {
            assertTrue(monitor.mayShip(ChangeMarker.deploy("checkout", "1.43.0", Slos.START)).allowed());
            assertEquals(1, monitor.health().activeAlerts());
            assertEquals(1, monitor.activeAlerts().size());
            assertFalse(monitor.frozen());
          });
    } finally {
      release.countDown();
      ticker.join(HANG.toMillis());
    }
    assertFalse(ticker.isAlive());
  }

  @Test
  void anEvaluationWhileAListenerIsBlockedReturnsAndItsTransitionsFollowInOrder() throws InterruptedException {
    SloMonitor monitor = blockingMonitor();
    AtomicReference<List<AlertTransition>> first = new AtomicReference<>();
    Thread ticker = new Thread(() -> first.set(evaluateUntilThePage(monitor)), "ticker");
    ticker.start();
    List<AlertTransition> later = new ArrayList<>();
    try {
      assertTrue(entered.await(HANG.toSeconds(), TimeUnit.SECONDS));
      // the outage goes on: the 6h/30m page tier joins the incident while the listener is blocked
      assertTimeoutPreemptively(
          HANG,
          () -> {
            for (int i = 0; i < 200; i++) {
              store.append(new long[] {0}, new long[] {1000});
              later.addAll(monitor.evaluate(store.asOfMillis()).transitions());
            }
          });
      assertEquals(1, heard.size(), "the later transitions wait for the blocked delivery: " + later);
    } finally {
      release.countDown();
      ticker.join(HANG.toMillis());
    }
    assertFalse(later.isEmpty(), "the continued outage changed something");
    List<AlertTransition> all = new ArrayList<>(first.get());
    all.addAll(later);
    assertEquals(all, heard, "delivered by the blocked thread once released, in order");
  }
}
