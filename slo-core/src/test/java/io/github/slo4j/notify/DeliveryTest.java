package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Delivery as {@link Notifier} promises it, against a JDK HTTP server: retries, a receiver down then
 * up, a full queue, refusals, close, and a ticker that is never held up.
 */
class DeliveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");
  private static final Duration FAST = Duration.ofMillis(5);

  private static WebhookNotifier.Builder webhook(Receiver receiver) {
    return WebhookNotifier.builder(receiver.uri("/hook")).retryBackoff(FAST, Duration.ofMillis(20)).jitterSeed(42);
  }

  private static String counters(Notifier n) {
    return "sent " + n.sent() + ", failed " + n.failed() + ", retried " + n.retried() + ", dropped " + n.dropped()
        + ", pending " + n.pending();
  }

  @Test
  void answers503And429AreRetriedUntilTheReceiverAcceptsTheSamePayload() throws Exception {
    try (Receiver receiver = new Receiver(); WebhookNotifier n = webhook(receiver).build()) {
      receiver.script.addAll(List.of(503, 429, 500));
      Incidents incidents = new Incidents(START, n, 1);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      Await.until(() -> n.sent() == 1, () -> counters(n));
      assertEquals(4, receiver.requests.size());
      assertEquals(1, receiver.requests.stream().map(Receiver.Request::body).distinct().count(), "one payload, posted 4 times");
      assertEquals(3, n.failed());
      assertEquals(3, n.retried());
      assertEquals(0, n.dropped());
      assertEquals(0, n.pending());
    }
  }

  @Test
  void anAnswer400IsARefusalDroppedWithoutRetry() throws Exception {
    try (Receiver receiver = new Receiver(); WebhookNotifier n = webhook(receiver).build()) {
      receiver.script.add(400);
      Incidents incidents = new Incidents(START, n, 1);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      Await.until(() -> n.dropped() == 1, () -> counters(n));
      incidents.resolve(); // the next transition is delivered: a refusal does not stop the notifier
      Await.until(() -> n.sent() == 1, () -> counters(n));
      assertEquals(2, receiver.requests.size());
      assertEquals(1, n.failed());
      assertEquals(0, n.retried());
      assertEquals("resolved", JSON.readTree(receiver.requests.get(1).body()).get("status").asText());
    }
  }

  @Test
  void aReceiverDownThenUpGetsTheLatestStateOfEachAlert() throws Exception {
    try (Receiver receiver = new Receiver(); WebhookNotifier n = webhook(receiver).build()) {
      receiver.stop(); // connection refused
      Incidents incidents = new Incidents(START, n, 2);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      Await.until(() -> n.failed() >= 2, () -> counters(n));
      AlertTransition resolved = incidents.resolve(); // both fire and resolve while it is down
      receiver.restart();
      Await.until(() -> n.pending() == 0, () -> counters(n));
      // the latest state of each alert arrives last; a firing post already on its way when the
      // alert resolved may arrive before it (posts are at least once)
      Map<String, JsonNode> last = new LinkedHashMap<>();
      for (Receiver.Request r : receiver.requests) {
        JsonNode p = JSON.readTree(r.body());
        last.put(p.get("id").asText(), p);
      }
      assertEquals(2, last.size(), last.keySet().toString());
      for (JsonNode p : last.values()) {
        assertEquals("resolved", p.get("status").asText(), p.toString());
        assertEquals(resolved.at().toString(), p.get("at").asText());
      }
      assertEquals(0, n.dropped());
      assertTrue(n.retried() >= 2, counters(n));
    }
  }

  @Test
  void aFullQueueDropsNewAlertsAndCountsThem() throws Exception {
    try (Receiver receiver = new Receiver();
        WebhookNotifier n = webhook(receiver).queueCapacity(1).closeTimeout(Duration.ZERO).build()) {
      receiver.gate = new CountDownLatch(1); // the first post hangs
      // four SLOs page at the same tick; the first is in flight before the others are offered, so
      // the second waits in the queue (capacity 1) and the third and fourth find it full
      AtomicInteger offered = new AtomicInteger();
      AlertListener firstInFlight =
          t -> {
            n.onTransition(t);
            if (t.notifies() && offered.incrementAndGet() == 1) {
              Await.until(() -> receiver.requests.size() == 1, () -> counters(n));
            }
          };
      Incidents incidents = new Incidents(START, firstInFlight, 4);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      assertEquals(2, n.pending(), "one in flight, one queued: " + counters(n));
      assertEquals(2, n.dropped(), counters(n));
      receiver.gate.countDown();
      Await.until(() -> n.sent() == 2, () -> counters(n));
      assertEquals(2, n.dropped());
      assertEquals(2, receiver.requests.size());
    }
  }

  @Test
  void pendingCountsThePostInFlightSoThatZeroMeansDelivered() throws Exception {
    // regression: pending() counted only the queue, so a test (or a meter) saw 0 while the
    // alert's post was still on its way, and read the receiver too early
    try (Receiver receiver = new Receiver(); WebhookNotifier n = webhook(receiver).closeTimeout(Duration.ZERO).build()) {
      receiver.gate = new CountDownLatch(1);
      Incidents incidents = new Incidents(START, n, 1);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      Await.until(() -> receiver.requests.size() == 1, () -> counters(n));
      assertEquals(1, n.pending(), counters(n));
      assertEquals(0, n.sent());
      receiver.gate.countDown();
      Await.until(() -> n.pending() == 0, () -> counters(n));
      assertEquals(1, n.sent(), "pending 0 and sent change together");
    }
  }

  @Test
  void aReceiverThatHangsNeverHoldsUpTheTicker() throws Exception {
    try (Receiver receiver = new Receiver();
        WebhookNotifier n = webhook(receiver).closeTimeout(Duration.ZERO).timeout(Duration.ofSeconds(60)).build()) {
      receiver.gate = new CountDownLatch(1);
      Incidents incidents = new Incidents(START, n, 3);
      incidents.clean(Duration.ofHours(1));
      // a hang detector: every tick returns at once although every post hangs
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            incidents.fire();
            incidents.resolve();
            incidents.fire();
          });
      assertEquals(6 + 3, incidents.seen.stream().filter(AlertTransition::notifies).count());
    }
  }

  @Test
  void closeDeliversWhatIsQueuedThenStops() throws Exception {
    try (Receiver receiver = new Receiver()) {
      WebhookNotifier n = webhook(receiver).build();
      Incidents incidents = new Incidents(START, n, 3);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      n.close();
      assertEquals(3, n.sent(), counters(n));
      assertEquals(3, receiver.requests.size());
      incidents.resolve(); // after close: dropped, counted
      assertEquals(3, n.dropped(), counters(n));
    }
  }

  @Test
  void closeGivesUpOnAReceiverThatIsDownAfterItsTimeout() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.stop();
      WebhookNotifier n = webhook(receiver).closeTimeout(Duration.ofMillis(200)).build();
      Incidents incidents = new Incidents(START, n, 2);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      assertTimeoutPreemptively(Duration.ofSeconds(10), n::close); // a hang detector
      assertEquals(0, n.sent());
      assertEquals(2, n.dropped(), counters(n));
      assertEquals(0, n.pending());
    }
  }

  @Test
  void closeInterruptsAPostThatHangsPastTheTimeout() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.gate = new CountDownLatch(1);
      WebhookNotifier n = webhook(receiver).closeTimeout(Duration.ofMillis(100)).timeout(Duration.ofSeconds(60)).build();
      Incidents incidents = new Incidents(START, n, 1);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      Await.until(() -> receiver.requests.size() == 1, () -> counters(n));
      assertTimeoutPreemptively(Duration.ofSeconds(10), n::close); // a hang detector
      assertEquals(1, n.dropped(), counters(n));
    }
  }
}
