package io.github.slo4j.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.replay.Replay;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-document files, directories, references between kinds, and what the result keeps. */
class OpenSloDocumentsTest {
  static final String SERVICE = String.join("\n",
      "apiVersion: openslo/v1",
      "kind: Service",
      "metadata:",
      "  name: checkout",
      "  displayName: Checkout",
      "spec:",
      "  description: Takes the money",
      "");

  static final String SLI = String.join("\n",
      "apiVersion: openslo/v1",
      "kind: SLI",
      "metadata:",
      "  name: checkout-latency",
      "spec:",
      "  thresholdMetric:",
      "    metricSource:",
      "      metricSourceRef: prometheus",
      "      spec:",
      "        query: histogram_quantile(0.99, rate(http_server_requests_seconds_bucket[5m]))",
      "");

  static final String DATA_SOURCE = String.join("\n",
      "apiVersion: openslo/v1",
      "kind: DataSource",
      "metadata:",
      "  name: prometheus",
      "spec:",
      "  type: Prometheus",
      "  connectionDetails:",
      "    url: http://prometheus:9090",
      "    password: not-kept",
      "");

  static final String TARGET = String.join("\n",
      "apiVersion: openslo/v1",
      "kind: AlertNotificationTarget",
      "metadata:",
      "  name: payments-oncall",
      "spec:",
      "  description: The payments pager",
      "  target: pagerduty",
      "");

  static final String CONDITION = String.join("\n",
      "apiVersion: openslo/v1",
      "kind: AlertCondition",
      "metadata:",
      "  name: fast-burn",
      "spec:",
      "  severity: page",
      "  condition:",
      "    kind: burnrate",
      "    op: gt",
      "    threshold: 14.4",
      "    lookbackWindow: 1h",
      "    alertAfter: 5m",
      "");

  static final String POLICY = String.join("\n",
      "apiVersion: openslo/v1",
      "kind: AlertPolicy",
      "metadata:",
      "  name: page-on-fast-burn",
      "spec:",
      "  alertWhenBreaching: true",
      "  alertWhenResolved: true",
      "  alertWhenNoData: true",
      "  conditions:",
      "    - conditionRef: fast-burn",
      "  notificationTargets:",
      "    - targetRef: payments-oncall",
      "");

  static final String SLO = String.join("\n",
      "apiVersion: openslo/v1",
      "kind: SLO",
      "metadata:",
      "  name: checkout-latency",
      "  labels:",
      "    team: [payments, checkout]",
      "    tier: tier-1",
      "  annotations:",
      "    slo4j.github.io/owner: team-payments",
      "    slo4j.github.io/runbook: https://runbooks.example.com/checkout",
      "    slo4j.github.io/links: '{\"dashboard\": \"https://grafana.example.com/d/checkout\"}'",
      "    example.com/cost-centre: cc-42",
      "spec:",
      "  service: checkout",
      "  indicatorRef: checkout-latency",
      "  timeWindow:",
      "    - duration: 4w",
      "      isRolling: true",
      "  budgetingMethod: Occurrences",
      "  objectives:",
      "    - displayName: fast",
      "      op: lte",
      "      value: 100",
      "      targetPercent: 99",
      "    - displayName: not slow",
      "      op: lt",
      "      value: 1500.5",
      "      target: 0.999",
      "  alertPolicies:",
      "    - alertPolicyRef: page-on-fast-burn",
      "");

  @Test
  void oneFileOfManyDocumentsResolvesReferencesInAnyOrder() {
    // the SLO first, everything it refers to after it
    String all = String.join("---\n", SLO, POLICY, CONDITION, TARGET, SLI, DATA_SOURCE, SERVICE);
    OpenSloDocuments docs = OpenSlo.read("checkout.yaml", all);
    assertEquals(List.of(new OpenSloService("checkout", "Checkout", "Takes the money")), docs.services());
    assertEquals(List.of(new OpenSloDataSource("prometheus", "", "Prometheus", "")), docs.dataSources());
    OpenSloNotificationTarget oncall = new OpenSloNotificationTarget("payments-oncall", "", "pagerduty", "The payments pager");
    assertEquals(List.of(oncall), docs.notificationTargets());

    SloDefinition d = docs.definition("checkout-latency").orElseThrow();
    assertEquals(
        Sli.latency(
            LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("99")),
            LatencyThreshold.of(Duration.ofNanos(1_500_500_000L), Objective.percent("99.9"))),
        d.sli(),
        "value is milliseconds; lt is read as lte");
    assertEquals(Optional.of("team-payments"), d.owner());
    assertEquals(Optional.of(URI.create("https://runbooks.example.com/checkout")), d.runbook());
    assertEquals(Map.of("dashboard", URI.create("https://grafana.example.com/d/checkout")), d.links());

    OpenSloSlo slo = docs.slos().get(0);
    assertEquals(Map.of("team", List.of("payments", "checkout"), "tier", List.of("tier-1")), slo.labels());
    assertEquals("cc-42", slo.annotations().get("example.com/cost-centre"));
    assertEquals("checkout.yaml:1", slo.source());
    assertEquals(
        Map.of("metricSource", Map.of(
            "metricSourceRef", "prometheus",
            "spec", Map.of("query", "histogram_quantile(0.99, rate(http_server_requests_seconds_bucket[5m]))"))),
        slo.indicator().queries(),
        "queries are kept as metadata");

    AlertTier fastBurn = new AlertTier(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4);
    OpenSloAlertPolicy policy = new OpenSloAlertPolicy(
        "page-on-fast-burn", "", "", true, true, true, "fast-burn", fastBurn, List.of(oncall));
    assertEquals(List.of(policy), slo.alertPolicies());
    assertEquals(List.of(policy), docs.alertPolicies());
    AlertRules rules = docs.rules("checkout-latency").orElseThrow();
    for (var t : d.targets()) {
      assertEquals(List.of(fastBurn), rules.tiers(t));
    }
    assertEquals(Optional.of(Duration.ofHours(1)), rules.noDataAfter(), "no data for the condition's lookback");
    assertEquals(Severity.PAGE, rules.noDataSeverity());
  }

  @Test
  void aDirectoryIsReadAsOneSetInPathOrderAndOnlyItsYamlFiles(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("alerting"));
    Files.writeString(dir.resolve("slo.yaml"), SLO);
    Files.writeString(dir.resolve("sli.yml"), SLI);
    Files.writeString(dir.resolve("alerting/policy.yaml"), POLICY + "---\n" + CONDITION + "---\n" + TARGET);
    Files.writeString(dir.resolve("README.md"), "not read");
    OpenSloDocuments docs = OpenSlo.read(dir);
    assertEquals(List.of("checkout-latency"), docs.definitions().stream().map(SloDefinition::id).toList());
    assertEquals(dir.resolve("slo.yaml") + ":1", docs.slos().get(0).source());
    assertEquals(1, docs.alertPolicies().size());
  }

  @Test
  void theDocumentsWrittenBackReadTheSame() {
    String all = String.join("---\n", SERVICE, SLI, DATA_SOURCE, TARGET, CONDITION, POLICY, SLO);
    OpenSloDocuments docs = OpenSlo.read("checkout.yaml", all);
    String written = OpenSlo.write(docs);
    OpenSloDocuments again = OpenSlo.read("written.yaml", written);
    assertEquals(Canonical.of(docs), Canonical.of(again), written);
    assertFalse(written.contains("not-kept"), "connection details are not kept");
  }

  /**
   * The policy read from OpenSLO drives the real monitor: a burst of slow requests pages, the page
   * resolves after the burst, and an hour of silence (the condition's lookback) raises the no-data
   * page.
   */
  @Test
  void thePolicyReadFromOpenSloPagesOnABurstAndOnSilence() {
    String all = String.join("---\n", SLI, TARGET, CONDITION, POLICY, SLO);
    OpenSloDocuments docs = OpenSlo.read("checkout.yaml", all);
    SloDefinition d = docs.definition("checkout-latency").orElseThrow();
    Replay.Result r = Replay.of(d).rules(docs.rules("checkout-latency").orElseThrow())
        .traffic(Replay.Traffic.phases()
            .steady(Duration.ofHours(6), 50, 0.0)
            .steady(Duration.ofMinutes(30), 50, 0.5)
            .steady(Duration.ofHours(3), 50, 0.0)
            .silence(Duration.ofHours(2))
            .build())
        .run();
    List<AlertTransition> pages = r.notifications();
    assertTrue(pages.stream().anyMatch(t -> t.to() == AlertState.FIRING && t.alert().id().contains("1h/5m")), r.timeline().toString());
    assertTrue(pages.stream().anyMatch(t -> t.to() == AlertState.RESOLVED && t.alert().id().contains("1h/5m")), r.timeline().toString());
    assertTrue(pages.stream().anyMatch(t -> t.to() == AlertState.FIRING && t.alert().tier().isEmpty()
        && t.alert().severity().equals(Severity.PAGE)), r.timeline().toString());
  }
}
