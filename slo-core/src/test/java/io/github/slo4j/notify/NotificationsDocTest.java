package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The examples of {@code docs/notifications.md}, compiled and run against a JDK HTTP server. */
class NotificationsDocTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void alertmanagerAndWebhook() throws Exception {
    try (Receiver receiver = new Receiver()) {
      URI alertmanagerUrl = receiver.uri("");
      URI webhookUrl = receiver.uri("/hooks/slo");
      String token = "t0ken";
      ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-07-01T00:00:00Z"));
      SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
      SloRecorder checkout =
          registry.register(
              SloDefinition.builder("checkout-availability")
                  .service("checkout")
                  .objective(Objective.percent("99.9"))
                  .owner("team-checkout")
                  .build());

      // tag::notifiers[]
      AlertmanagerNotifier alertmanager = AlertmanagerNotifier.builder(alertmanagerUrl) // http://alertmanager:9093
          .label("env", "prod")                      // on every alert, for routing and inhibition
          .build();
      WebhookNotifier webhook = WebhookNotifier.builder(webhookUrl)
          .header("Authorization", "Bearer " + token)
          .build();
      RegistryMonitor monitor = RegistryMonitor.builder()
          .listener(alertmanager)                    // both only queue: the ticker never waits
          .listener(webhook)
          .attach(registry);
      // end::notifiers[]

      for (int i = 0; i < 360 + 12; i++) { // a clean hour, then two minutes of outage: a page
        checkout.recordCounts(i < 360 ? 1000 : 0, 1000);
        clock.advance(Duration.ofSeconds(10));
        registry.tick();
      }

      // tag::shutdown[]
      // on shutdown: stop evaluating, then deliver what is queued (at most 5 s each)
      monitor.close();
      alertmanager.close();
      webhook.close();
      // end::shutdown[]

      assertEquals(1, alertmanager.sent());
      assertEquals(1, webhook.sent());
      JsonNode am =
          JSON.readTree(receiver.requests.stream().filter(r -> r.path().equals("/api/v2/alerts")).findFirst().orElseThrow().body());
      assertEquals("prod", am.get(0).get("labels").get("env").asText());
      assertEquals("team-checkout", am.get(0).get("labels").get("owner").asText());
      JsonNode hook = JSON.readTree(receiver.requests.stream().filter(r -> r.path().equals("/hooks/slo")).findFirst().orElseThrow().body());
      assertEquals("firing", hook.get("status").asText());
      assertEquals("Bearer t0ken", receiver.requests.stream().filter(r -> r.path().equals("/hooks/slo")).findFirst().orElseThrow().authorization());
    }
  }
}
