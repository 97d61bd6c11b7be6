package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The webhook notifier against a JDK HTTP server: the payload field by field, and delivery. */
class WebhookNotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");

  @Test
  void aFiringPageArrivesWithTheAlertsFullContent() throws Exception {
    try (Receiver receiver = new Receiver();
        WebhookNotifier webhook =
            WebhookNotifier.builder(receiver.uri("/hooks/slo")).header("Authorization", "Bearer t0ken").build()) {
      Incidents incidents = new Incidents(START, webhook, 1);
      incidents.clean(Duration.ofHours(1));
      AlertTransition fired = incidents.fire();
      Await.until(() -> webhook.sent() == 1, () -> "sent " + webhook.sent() + ", failed " + webhook.failed());

      Receiver.Request r = receiver.requests.get(0);
      assertEquals("POST", r.method());
      assertEquals("/hooks/slo", r.path());
      assertEquals("application/json", r.contentType());
      assertEquals("Bearer t0ken", r.authorization());
      JsonNode p = JSON.readTree(r.body());
      Alert a = fired.alert();
      assertEquals(1, p.get("version").asInt());
      assertEquals("firing", p.get("status").asText());
      assertEquals("inactive", p.get("from").asText());
      assertEquals("firing", p.get("to").asText());
      assertEquals(fired.at().toString(), p.get("at").asText());
      assertEquals(a.id(), p.get("id").asText());
      assertEquals(a.summary(), p.get("summary").asText());
      assertEquals("burn_rate", p.get("kind").asText());
      assertEquals("checkout", p.get("service").asText());
      assertEquals("checkout-availability", p.get("slo").asText());
      assertTrue(p.get("group").isNull(), "an SLO without groups has group null: " + p.get("group"));
      assertEquals("events", p.get("target").asText());
      assertEquals(0.999, p.get("objective").asDouble());
      assertEquals("page", p.get("severity").asText());
      JsonNode tier = p.get("tier");
      assertEquals("page", tier.get("severity").asText());
      assertEquals("PT1H", tier.get("longWindow").asText());
      assertEquals("PT5M", tier.get("shortWindow").asText());
      assertEquals(a.tier().orElseThrow().factor(), tier.get("factor").asDouble());
      for (String w : List.of("longWindow", "shortWindow")) {
        Alert.Window expected = w.equals("longWindow") ? a.longWindow() : a.shortWindow();
        JsonNode got = p.get(w);
        assertEquals(expected.length().toString(), got.get("length").asText(), w);
        assertEquals(expected.start().toString(), got.get("start").asText(), w);
        assertEquals(expected.end().toString(), got.get("end").asText(), w);
        assertEquals(expected.bad(), got.get("bad").asLong(), w);
        assertEquals(expected.total(), got.get("total").asLong(), w);
        assertEquals(expected.covered().toString(), got.get("covered").asText(), w);
        assertEquals(expected.burnRate().getAsDouble(), got.get("burnRate").asDouble(), w);
      }
      JsonNode budget = p.get("budget");
      assertEquals(a.budget().period().toString(), budget.get("period").asText());
      assertEquals(a.budget().bad(), budget.get("bad").asLong());
      assertEquals(a.budget().total(), budget.get("total").asLong());
      assertEquals(a.budgetConsumed().getAsDouble(), budget.get("consumed").asDouble());
      assertEquals(a.projectedBudgetConsumed().getAsDouble(), budget.get("projectedConsumed").asDouble());
      assertEquals(a.episodeStart().orElseThrow().toString(), p.get("episodeStart").asText());
      assertEquals(a.episodeProjectedBudgetConsumed().getAsDouble(), p.get("episodeProjectedBudgetConsumed").asDouble());
      assertEquals(a.timeToExhaustion().map(Duration::toString).orElse(null), p.get("timeToExhaustion").textValue());
      assertEquals("https://runbooks.example.com/checkout-availability", p.get("runbook").asText());
      assertEquals("team-checkout", p.get("owner").asText());
      Map<String, String> links = JSON.convertValue(p.get("links"), new TypeReference<LinkedHashMap<String, String>>() {});
      Map<String, String> expectedLinks = new LinkedHashMap<>();
      a.links().forEach((k, v) -> expectedLinks.put(k, v.toString()));
      assertEquals(expectedLinks, links);
      assertEquals("dashboard", links.keySet().iterator().next(), "the SLO's order: " + links);
      JsonNode change = p.get("changes").get(0);
      assertEquals(1, p.get("changes").size());
      assertEquals("deploy", change.get("kind").asText());
      assertEquals("checkout", change.get("name").asText());
      assertEquals("1.42.0", change.get("version").asText());
      assertEquals(a.changes().get(0).at().toString(), change.get("at").asText());
      assertEquals("routine", change.get("category").asText());
      assertEquals(a.changeLookback().toString(), p.get("changeLookback").asText());
      assertEquals(a.changeSummary(), p.get("changeSummary").asText());
      assertTrue(p.get("suppressedBy").isNull());
    }
  }
}
