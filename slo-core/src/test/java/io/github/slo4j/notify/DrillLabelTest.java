package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertTransition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An alert raised during a fire drill carries the drill's name into both notifiers' payloads. */
class DrillLabelTest {
  private static final Instant START = Instant.parse("2026-07-01T00:00:00Z");

  private static AlertTransition fired() {
    List<AlertTransition> seen = new java.util.ArrayList<>();
    Incidents incidents = new Incidents(START, seen::add, 1);
    incidents.clean(Duration.ofHours(1));
    return incidents.fire();
  }

  @Test
  void anAlertOfADrillCarriesTheDrillLabelForAlertmanagerAfterTheUsersLabels() {
    Alert real = fired().alert();
    Alert drill = real.withDrill("game-day-1");
    AlertmanagerNotifier am =
        AlertmanagerNotifier.builder(URI.create("http://localhost:1/")).label("env", "prod").label("drill", "no").build();
    try (am) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("alertname", "SloErrorBudgetBurn");
      labels.put("service", "checkout");
      labels.put("slo", "checkout-availability");
      labels.put("target", "events");
      labels.put("severity", "page");
      labels.put("window", "1h/5m");
      labels.put("owner", "team-checkout");
      labels.put("env", "prod");
      labels.put("drill", "game-day-1");
      assertEquals(labels, am.labels(drill));
      assertEquals(List.copyOf(labels.keySet()), List.copyOf(am.labels(drill).keySet()), "label order");
      labels.put("drill", "no");
      assertEquals(labels, am.labels(real), "a real alert keeps the user's label");
    }
  }

  @Test
  void anAlertOfADrillCarriesTheDrillInTheWebhookJsonAndARealOneNull() {
    AlertTransition t = fired();
    Map<String, Object> real = WebhookNotifier.payload(t);
    assertTrue(real.containsKey("drill"));
    assertNull(real.get("drill"));
    AlertTransition drill = new AlertTransition(t.from(), t.to(), t.at(), t.alert().withDrill("game-day-1"));
    Map<String, Object> payload = WebhookNotifier.payload(drill);
    assertEquals("game-day-1", payload.get("drill"));
    assertEquals(t.alert().summary() + "; fire drill game-day-1", payload.get("summary"));
    Map<String, Object> rest = new LinkedHashMap<>(payload);
    rest.remove("drill");
    rest.remove("summary");
    Map<String, Object> realRest = new LinkedHashMap<>(real);
    realRest.remove("drill");
    realRest.remove("summary");
    assertEquals(realRest, rest, "only the drill and the summary differ");
  }

  @Test
  void withDrillKeepsEveryOtherFieldAndIsNotEqualToTheRealAlert() {
    Alert real = fired().alert();
    Alert drill = real.withDrill("game-day-1");
    assertEquals(Optional.empty(), real.drill());
    assertEquals(Optional.of("game-day-1"), drill.drill());
    assertEquals(real.id(), drill.id());
    assertEquals(real.budget(), drill.budget());
    assertEquals(real.links(), drill.links());
    assertNotEquals(real, drill);
    assertEquals(drill, real.withDrill("game-day-1"));
    assertEquals(drill.hashCode(), real.withDrill("game-day-1").hashCode());
    assertFalse(real.summary().contains("drill"), real.summary());
  }

  @Test
  void anEmptyDrillNameIsRefused() {
    Alert real = fired().alert();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> real.withDrill(""));
    assertEquals("drill: \"\" (expected a drill name that is not empty)", e.getMessage());
  }
}
