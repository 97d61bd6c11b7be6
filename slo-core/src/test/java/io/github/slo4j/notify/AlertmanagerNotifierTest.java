package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Alertmanager notifier against a JDK HTTP server: the API v2 payload exactly, and resends. */
class AlertmanagerNotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");
  private static final TypeReference<LinkedHashMap<String, String>> STRINGS = new TypeReference<>() {};

  @Test
  void aFiringPageIsPostedToApiV2WithLabelsForRoutingAndThePayloadAsAnnotations() throws Exception {
    ManualTimeSource notifierClock = ManualTimeSource.startingAt(Instant.parse("2026-07-01T01:02:03Z"));
    try (Receiver receiver = new Receiver();
        AlertmanagerNotifier am =
            AlertmanagerNotifier.builder(receiver.uri("/"))
                .label("env", "prod")
                .label("cluster", "eu-1")
                .resendInterval(Duration.ofMinutes(2))
                .timeSource(notifierClock)
                .build()) {
      Incidents incidents = new Incidents(START, am, 1);
      incidents.clean(Duration.ofHours(1));
      AlertTransition fired = incidents.fire();
      Await.until(() -> am.sent() == 1, () -> "sent " + am.sent() + ", failed " + am.failed());

      Receiver.Request r = receiver.requests.get(0);
      assertEquals("POST", r.method());
      assertEquals("/api/v2/alerts", r.path());
      assertEquals("application/json", r.contentType());
      JsonNode list = JSON.readTree(r.body());
      assertEquals(1, list.size(), r.body());
      JsonNode alert = list.get(0);
      Alert a = fired.alert();
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("alertname", "SloErrorBudgetBurn");
      labels.put("service", "checkout");
      labels.put("slo", "checkout-availability");
      labels.put("target", "events");
      labels.put("severity", "page");
      labels.put("window", "1h/5m");
      labels.put("owner", "team-checkout");
      labels.put("env", "prod");
      labels.put("cluster", "eu-1");
      assertEquals(labels, JSON.convertValue(alert.get("labels"), STRINGS));

      Map<String, String> annotations = JSON.convertValue(alert.get("annotations"), STRINGS);
      assertEquals(a.summary(), annotations.get("summary"));
      assertEquals("https://runbooks.example.com/checkout-availability", annotations.get("runbook_url"));
      assertEquals(a.links().get("dashboard").toString(), annotations.get("link_dashboard"));
      assertEquals(a.links().get("traces").toString(), annotations.get("link_traces"));
      assertEquals("1h", annotations.get("long_window"));
      assertEquals(Texts.num(a.longWindow().burnRate().getAsDouble()), annotations.get("long_window_burn_rate"));
      assertEquals("5m", annotations.get("short_window"));
      assertEquals(Texts.num(a.shortWindow().burnRate().getAsDouble()), annotations.get("short_window_burn_rate"));
      assertEquals(Texts.pct(a.budgetConsumed()), annotations.get("budget_consumed"));
      assertTrue(annotations.get("budget_consumed").endsWith("%"), annotations.toString());
      assertEquals(Texts.pct(a.projectedBudgetConsumed()), annotations.get("projected_budget_consumed"));
      assertEquals(Texts.pct(a.episodeProjectedBudgetConsumed()), annotations.get("episode_budget_consumed"));
      assertEquals(a.changeSummary(), annotations.get("changes"));
      assertTrue(annotations.get("changes").contains("1.42.0"), annotations.get("changes"));

      assertEquals(a.episodeStart().orElseThrow().toString(), alert.get("startsAt").asText());
      // firing: four resend intervals after the post (the notifier's clock), as Prometheus does
      assertEquals("2026-07-01T01:10:03Z", alert.get("endsAt").asText());
      assertEquals(a.links().values().iterator().next().toString(), alert.get("generatorURL").asText());
      assertTrue(alert.get("generatorURL").asText().startsWith("https://grafana.example.com/d/slo?"));

      AlertTransition resolved = incidents.resolve();
      Await.until(() -> am.sent() == 2, () -> "sent " + am.sent() + ", failed " + am.failed());
      JsonNode after = JSON.readTree(receiver.requests.get(1).body()).get(0);
      assertEquals(labels, JSON.convertValue(after.get("labels"), STRINGS), "the same alert for Alertmanager");
      assertEquals(a.episodeStart().orElseThrow().toString(), after.get("startsAt").asText());
      assertEquals(resolved.at().toString(), after.get("endsAt").asText(), "resolved at the boundary it resolved");
      assertTrue(after.get("annotations").get("summary").asText().startsWith("RESOLVED [page]"));
    }
  }

  @Test
  void aFiringAlertIsResentEveryResendIntervalUntilItResolves() throws Exception {
    try (Receiver receiver = new Receiver();
        AlertmanagerNotifier am =
            AlertmanagerNotifier.builder(receiver.uri("")).resendInterval(Duration.ofSeconds(1)).build()) {
      Incidents incidents = new Incidents(START, am, 1);
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      Await.until(() -> am.sent() >= 3, () -> "sent " + am.sent());
      Instant previous = Instant.MIN;
      for (Receiver.Request r : receiver.requests.subList(0, 3)) {
        JsonNode alert = JSON.readTree(r.body()).get(0);
        assertEquals("SloErrorBudgetBurn", alert.get("labels").get("alertname").asText());
        Instant ends = Instant.parse(alert.get("endsAt").asText());
        assertTrue(ends.isAfter(previous), "each resend moves endsAt on: " + ends + " after " + previous);
        previous = ends;
      }
      AlertTransition resolved = incidents.resolve();
      Await.until(
          () -> receiver.requests.stream().anyMatch(r -> r.body().contains("\"endsAt\":\"" + resolved.at() + "\"")),
          () -> "no resolve in " + receiver.requests);
    }
  }

  @Test
  void aGroupedSloCarriesItsGroupAsALabel() throws Exception {
    try (Receiver receiver = new Receiver(); AlertmanagerNotifier am = AlertmanagerNotifier.builder(receiver.uri("/")).build()) {
      Incidents incidents = new Incidents(START, am, 1, "tenant-a");
      incidents.clean(Duration.ofHours(1));
      incidents.fire();
      Await.until(() -> am.sent() == 1, () -> "sent " + am.sent());
      Map<String, String> labels = JSON.convertValue(JSON.readTree(receiver.requests.get(0).body()).get(0).get("labels"), STRINGS);
      assertEquals("tenant-a", labels.get("group"), labels.toString());
      assertEquals("checkout-availability", labels.get("slo"));
      assertEquals("SloErrorBudgetBurn", labels.get("alertname"));
    }
  }

  @Test
  void aNoDataAlertHasItsOwnAlertnameAndSaysNoDataInsteadOfBurnRates() throws Exception {
    try (Receiver receiver = new Receiver(); AlertmanagerNotifier am = AlertmanagerNotifier.builder(receiver.uri("/")).build()) {
      Incidents incidents = new Incidents(START, am, 1);
      incidents.clean(Duration.ofHours(1));
      incidents.silence(Duration.ofHours(2));
      Await.until(() -> am.sent() == 1, () -> "sent " + am.sent() + " after " + incidents.seen);
      JsonNode alert = JSON.readTree(receiver.requests.get(0).body()).get(0);
      Map<String, String> labels = JSON.convertValue(alert.get("labels"), STRINGS);
      assertEquals("SloNoData", labels.get("alertname"));
      assertEquals("ticket", labels.get("severity"));
      assertTrue(labels.get("window").startsWith("no-data "), labels.toString());
      assertEquals("no data", alert.get("annotations").get("short_window_burn_rate").asText(), alert.toString());
      assertFalse(alert.toString().contains("NaN"), alert.toString());
    }
  }

  @Test
  void linkNamesBecomeValidAnnotationNames() {
    assertEquals("link_red_dashboard_v2", "link_" + AlertmanagerNotifier.annotationName("red-dashboard.v2"));
    assertEquals("traces", AlertmanagerNotifier.annotationName("traces"));
  }
}
