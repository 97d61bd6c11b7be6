package io.github.slo4j;

import static io.github.slo4j.ErrorBudgetTest.refused;
import static io.github.slo4j.ErrorBudgetTest.refusedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SloDefinitionTest {
  static final Objective P999 = Objective.percent("99.9");
  static final URI RUNBOOK = URI.create("https://runbooks.example.com/checkout");

  static SloDefinition.Builder checkout() {
    return SloDefinition.builder("checkout-availability").service("checkout");
  }

  @Test
  void anEventsSloHasDefaultsAndOneTarget() {
    SloDefinition slo = checkout().objective(P999).build();
    assertEquals("checkout-availability", slo.id());
    assertEquals("checkout", slo.service());
    assertEquals("", slo.description());
    assertEquals(Sli.events(), slo.sli());
    assertEquals(CompliancePeriod.rollingDays(30), slo.period());
    assertEquals(BudgetingMethod.occurrences(), slo.budgeting());
    assertEquals(Optional.empty(), slo.owner());
    assertEquals(Optional.empty(), slo.runbook());
    assertEquals(Map.of(), slo.links());
    assertEquals(P999, slo.objective());

    assertEquals(1, slo.targets().size());
    Target target = slo.targets().get(0);
    assertEquals(0, target.index());
    assertEquals("events", target.name());
    assertEquals(P999, target.objective());
    assertEquals(Optional.empty(), target.latencyThreshold());
    assertEquals("events 99.9%", target.toString());
    assertEquals(
        "checkout/checkout-availability: events 99.9% over rolling 30d", slo.toString());
  }

  @Test
  void aLatencySloHasOneTargetPerThresholdInAscendingLatency() {
    SloDefinition slo =
        SloDefinition.builder("checkout-latency")
            .service("checkout")
            .sli(
                Sli.latency(
                    LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99")),
                    LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90"))))
            .build();
    List<Target> targets = slo.targets();
    assertEquals(2, targets.size());
    assertEquals("le100ms", targets.get(0).name());
    assertEquals(0, targets.get(0).index());
    assertEquals(Objective.percent("90"), targets.get(0).objective());
    assertEquals(Optional.of(Duration.ofMillis(100)), targets.get(0).latencyThreshold());
    assertEquals("le500ms", targets.get(1).name());
    assertEquals(1, targets.get(1).index());
    assertEquals(Objective.percent("99"), targets.get(1).objective());
    assertEquals(Optional.of(Duration.ofMillis(500)), targets.get(1).latencyThreshold());
    assertEquals(Objective.percent("90"), slo.objective());
    assertEquals(
        "checkout/checkout-latency: le100ms 90%, le500ms 99% over rolling 30d", slo.toString());
    assertThrows(UnsupportedOperationException.class, () -> targets.remove(0));
  }

  @Test
  void metadataIsKept() {
    CompliancePeriod month = CompliancePeriod.calendarMonth(ZoneId.of("Europe/Paris"));
    BudgetingMethod slices = BudgetingMethod.timeslices(Duration.ofMinutes(1), Objective.percent("95"));
    SloDefinition slo =
        checkout()
            .objective(P999)
            .description("Checkout requests succeed")
            .period(month)
            .budgeting(slices)
            .owner("team-payments")
            .runbook(RUNBOOK)
            .link("dashboard", URI.create("https://grafana.example.com/d/checkout"))
            .link("traces", URI.create("https://tempo.example.com/search?service=checkout"))
            .build();
    assertEquals("Checkout requests succeed", slo.description());
    assertEquals(month, slo.period());
    assertEquals(slices, slo.budgeting());
    assertEquals(Optional.of("team-payments"), slo.owner());
    assertEquals(Optional.of(RUNBOOK), slo.runbook());
    assertEquals(List.of("dashboard", "traces"), List.copyOf(slo.links().keySet()));
    assertEquals(
        URI.create("https://grafana.example.com/d/checkout"), slo.links().get("dashboard"));
    assertThrows(
        UnsupportedOperationException.class, () -> slo.links().put("x", RUNBOOK));
  }

  @Test
  void theBuiltDefinitionDoesNotChangeWhenTheBuilderDoes() {
    SloDefinition.Builder builder = checkout().objective(P999).link("a", RUNBOOK);
    SloDefinition first = builder.build();
    builder.link("b", RUNBOOK).objective(Objective.percent("99"));
    assertEquals(List.of("a"), List.copyOf(first.links().keySet()));
    assertEquals(P999, first.objective());
    assertEquals(2, builder.build().links().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "checkout", "checkout-availability", "svc_1.v2:read", "9lives"})
  void acceptedNames(String name) {
    assertEquals(name, SloDefinition.builder(name).service(name).objective(P999).build().id());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " checkout", "check out", "-checkout", ".x", "chéckout", "a/b"})
  void refusedIds(String id) {
    refused(
        "id: '" + id + "' (expected 1 to 128 letters, digits or . _ : - starting with a letter or digit)",
        () -> SloDefinition.builder(id));
  }

  @Test
  void refusals() {
    String longest = "a".repeat(128);
    assertEquals(longest, SloDefinition.builder(longest).service("s").objective(P999).build().id());
    refused(
        "id: '" + longest + "a' (expected 1 to 128 letters, digits or . _ : - starting with a letter or digit)",
        () -> SloDefinition.builder(longest + "a"));
    refusedNull("id: null (expected a value)", () -> SloDefinition.builder(null));
    refused(
        "service: 'check out' (expected 1 to 128 letters, digits or . _ : - starting with a letter or digit)",
        () -> SloDefinition.builder("x").service("check out"));
    refusedNull("service: null (expected a value)", () -> SloDefinition.builder("x").service(null));
    refused(
        "service: null (expected the name of the service the SLO belongs to)",
        () -> SloDefinition.builder("x").objective(P999).build());
    refused(
        "objective: null (expected an objective such as Objective.percent(\"99.9\"))",
        () -> checkout().build());
    refused(
        "objective: 99.9% (expected none for a latency SLI: each latency threshold has its own)",
        () ->
            checkout()
                .objective(P999)
                .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(100), P999)))
                .build());
    refusedNull("objective: null (expected a value)", () -> checkout().objective(null));
    refusedNull("description: null (expected a value)", () -> checkout().description(null));
    refusedNull("sli: null (expected a value)", () -> checkout().sli(null));
    refusedNull("period: null (expected a value)", () -> checkout().period(null));
    refusedNull("budgeting: null (expected a value)", () -> checkout().budgeting(null));
    refusedNull("owner: null (expected a value)", () -> checkout().owner(null));
    refused("owner: '' (expected a non-blank name)", () -> checkout().owner(""));
    refused("owner: '  ' (expected a non-blank name)", () -> checkout().owner("  "));
    refusedNull("runbook: null (expected a value)", () -> checkout().runbook(null));
    refused(
        "runbook: /runbooks/checkout (expected an absolute URI such as https://...)",
        () -> checkout().runbook(URI.create("/runbooks/checkout")));
    refusedNull("link name: null (expected a value)", () -> checkout().link(null, RUNBOOK));
    refused("link name: ' ' (expected a non-blank name)", () -> checkout().link(" ", RUNBOOK));
    refusedNull("link dashboard: null (expected a value)", () -> checkout().link("dashboard", null));
    refused(
        "link dashboard: d/checkout (expected an absolute URI such as https://...)",
        () -> checkout().link("dashboard", URI.create("d/checkout")));
  }

  @Test
  void aRefusedSetterLeavesTheBuilderAsItWas() {
    SloDefinition.Builder builder = checkout().objective(P999).owner("team-payments");
    assertThrows(IllegalArgumentException.class, () -> builder.owner(" "));
    assertTrue(builder.build().owner().isPresent());
    assertEquals(Optional.of("team-payments"), builder.build().owner());
  }
}
