package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.slo4j.monitor.AlertTransition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alertmanager notifier against a real Alertmanager (0.25): an alert fired in-process is read
 * back from {@code GET /api/v2/alerts}, its resolve removes it, and an alert that fires while
 * Alertmanager is down, or that Alertmanager forgot in a restart, arrives once it is back.
 */
class RealAlertmanagerTest {

  @Test
  void anInProcessPageReachesAlertmanagerResolvesAndSurvivesItsOutage(@TempDir Path dir) throws Exception {
    try (Alertmanager alertmanager = Alertmanager.start(dir);
        AlertmanagerNotifier notifier =
            AlertmanagerNotifier.builder(alertmanager.uri())
                .label("env", "test")
                .resendInterval(Duration.ofSeconds(1))
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .build()) {
      // the incident's clock runs about 2 h behind the real one, so that Alertmanager sees a
      // current alert: firing endsAt is the real time plus four resends, the resolve in the past
      Incidents incidents = new Incidents(Incidents.recentStart(Duration.ofHours(2)), notifier, 1);
      incidents.clean(Duration.ofHours(1));

      AlertTransition fired = incidents.fire();
      JsonNode alert = awaitActive(alertmanager);
      assertEquals("SloErrorBudgetBurn", alert.get("labels").get("alertname").asText());
      assertEquals("checkout", alert.get("labels").get("service").asText());
      assertEquals("page", alert.get("labels").get("severity").asText());
      assertEquals("team-checkout", alert.get("labels").get("owner").asText());
      assertEquals("test", alert.get("labels").get("env").asText());
      assertEquals(fired.alert().summary(), alert.get("annotations").get("summary").asText());
      assertEquals(fired.alert().links().values().iterator().next().toString(), alert.get("generatorURL").asText());
      assertEquals("active", alert.get("status").get("state").asText());

      incidents.resolve();
      Await.until(() -> ours(alertmanager).isEmpty(), () -> "still active after the resolve: " + ours(alertmanager));

      // Alertmanager goes down; the page fires meanwhile and is retried until it is back
      alertmanager.stop();
      long failedBefore = notifier.failed();
      incidents.fire();
      Await.until(() -> notifier.failed() > failedBefore, () -> "failed " + notifier.failed());
      alertmanager.start(); // fresh storage: only the notifier can tell it about the page
      assertEquals("active", awaitActive(alertmanager).get("status").get("state").asText());

      // down mid-incident and back without its memory: the resends bring the page back
      alertmanager.stop();
      alertmanager.start();
      assertEquals("active", awaitActive(alertmanager).get("status").get("state").asText());
      assertTrue(notifier.retried() > 0, "retried " + notifier.retried());
      assertEquals(0, notifier.dropped());
    }
  }

  private static JsonNode awaitActive(Alertmanager am) {
    Await.until(() -> ours(am).isPresent(), () -> "the page never arrived; Alertmanager holds " + all(am) + "; log: " + am.log());
    return ours(am).orElseThrow();
  }

  private static Optional<JsonNode> ours(Alertmanager am) {
    for (JsonNode a : all(am)) {
      if ("checkout-availability".equals(a.get("labels").path("slo").asText())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static JsonNode all(Alertmanager am) {
    try {
      return am.alerts();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
