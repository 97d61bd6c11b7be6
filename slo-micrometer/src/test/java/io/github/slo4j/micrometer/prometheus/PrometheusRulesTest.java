package io.github.slo4j.micrometer.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.Severity;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusRulesTest {
  static SloDefinition checkout() {
    return SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .build();
  }

  @Test
  void theWorkbookTiersBecomeExactThresholdsGuardsAndKeepFiringFor() {
    SloDefinition slo = checkout();
    String yaml = PrometheusRules.builder().add(AlertRules.defaults(slo)).build().yaml();
    // 14.4 × 0.001 written exactly, not 0.014400000000000001
    assertTrue(yaml.contains("slo4j:error_ratio:rate1h{service=\"checkout\",slo=\"checkout-availability\",target=\"events\"} > 0.0144)"), yaml);
    assertTrue(yaml.contains("[1h])) >= 100\n"), yaml);
    assertTrue(yaml.contains("[6h])) >= 167\n"), yaml);
    assertTrue(yaml.contains("[1d])) >= 334\n"), yaml);
    assertTrue(yaml.contains("[3d])) >= 1000\n"), yaml);
    assertTrue(yaml.contains("keep_firing_for: 5m\n"), yaml);
    assertTrue(yaml.contains("keep_firing_for: 6h\n"), yaml);
    assertTrue(yaml.contains("- record: slo4j:error_ratio:rate30d\n"), yaml);
    assertTrue(yaml.contains("interval: 10s\n"), yaml);
    assertFalse(yaml.contains("\t"), yaml);
  }

  @Test
  void slothNamingUsesSlothsSeriesAndLabels() {
    SloDefinition slo = checkout();
    String yaml = PrometheusRules.builder().add(AlertRules.defaults(slo)).naming(PrometheusRules.Naming.SLOTH).build().yaml();
    for (String name : List.of(
        "slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate3d", "slo:sli_error:ratio_rate30d", "slo:objective:ratio",
        "slo:error_budget:ratio", "slo:time_period:days", "slo:current_burn_rate:ratio", "slo:period_burn_rate:ratio",
        "slo:period_error_budget_remaining:ratio", "sloth_slo_info")) {
      assertTrue(yaml.contains("- record: " + name + "\n"), name + " in\n" + yaml);
    }
    assertTrue(yaml.contains("sloth_id: 'checkout-checkout-availability'"), yaml);
    assertTrue(yaml.contains("sloth_window: '5m'"), yaml);
    assertTrue(yaml.contains("sloth_severity: 'page'"), yaml);
    assertFalse(yaml.contains("slo4j:"), yaml);
  }

  @Test
  void rulesOfAnotherSloAreRefused() {
    SloDefinition a = checkout();
    SloDefinition b = SloDefinition.builder("search-latency").service("search").objective(Objective.percent("99")).build();
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> PrometheusRules.builder().add(a, AlertRules.defaults(b)));
    assertEquals("rules: the rules of search-latency (expected rules built for SLO checkout-availability)", e.getMessage());
  }

  @Test
  void anSloAddedTwiceIsRefused() {
    SloDefinition a = checkout();
    PrometheusRules.Builder b = PrometheusRules.builder().add(AlertRules.defaults(a));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.add(AlertRules.defaults(a)));
    assertEquals("slo: checkout/checkout-availability (expected each SLO once; it was added before)", e.getMessage());
  }

  @Test
  void noSloIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> PrometheusRules.builder().build());
    assertEquals("slos: none (expected at least one SLO; add(slo, rules))", e.getMessage());
  }

  @Test
  void anEvaluationIntervalOfPartSecondsIsRefused() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> PrometheusRules.builder().evaluationInterval(Duration.ofMillis(1500)));
    assertEquals("evaluation interval: 1s500ms (expected a whole number of seconds, at least 1s)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PrometheusRules.builder().evaluationInterval(Duration.ZERO));
    assertEquals("evaluation interval: PT0S (expected a whole number of seconds, at least 1s)", e.getMessage());
  }

  @Test
  void theBuildersIntervalOverridesTheRulesOwn() {
    AlertRules rules = AlertRules.defaults(checkout());
    PrometheusRules own = PrometheusRules.builder().add(rules).build();
    PrometheusRules set = PrometheusRules.builder().add(rules).evaluationInterval(Duration.ofSeconds(30)).build();
    assertEquals(Duration.ofSeconds(10), own.evaluationInterval(rules));
    assertEquals(Duration.ofSeconds(30), set.evaluationInterval(rules));
    assertTrue(set.yaml().contains("    interval: 30s\n"), set.yaml());
  }

  @Test
  void aNullArgumentIsRefusedByName() {
    PrometheusRules.Builder b = PrometheusRules.builder();
    assertEquals("slo", assertThrows(NullPointerException.class, () -> b.add(null, AlertRules.defaults(checkout()))).getMessage());
    assertEquals("rules", assertThrows(NullPointerException.class, () -> b.add(checkout(), null)).getMessage());
    assertEquals("rules", assertThrows(NullPointerException.class, () -> b.add(null)).getMessage());
    assertEquals("naming", assertThrows(NullPointerException.class, () -> b.naming(null)).getMessage());
    assertEquals("evaluation interval", assertThrows(NullPointerException.class, () -> b.evaluationInterval(null)).getMessage());
  }

  @Test
  void eachLatencyThresholdGetsItsOwnSeriesAndAlerts() {
    SloDefinition latency = SloDefinition.builder("search-latency")
        .service("search")
        .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("99")),
            LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99.9"))))
        .build();
    AlertRules rules = AlertRules.defaults(latency);
    String slo4j = PrometheusRules.builder().add(rules).build().yaml();
    String sloth = PrometheusRules.builder().add(rules).naming(PrometheusRules.Naming.SLOTH).build().yaml();
    for (var t : latency.targets()) {
      String sel = "slo_events_total{service=\"search\",slo=\"search-latency\",target=\"" + t.name() + "\",outcome=\"bad\"}";
      assertTrue(slo4j.contains(sel), sel + " in\n" + slo4j);
      assertTrue(sloth.contains("sloth_slo: 'search-latency-" + t.name() + "'"), t.name() + " in\n" + sloth);
      // each threshold's objective: 99 % and 99.9 %
      assertTrue(slo4j.contains("objective: '" + t.objective().percent() + "'"), slo4j);
    }
    long alerts = slo4j.lines().filter(l -> l.contains("- alert: " + PrometheusRules.BURN_ALERT)).count();
    assertEquals(rules.tiers(latency.targets().get(0)).size() + rules.tiers(latency.targets().get(1)).size(), alerts);
  }

  @Test
  void durationsArePrometheusDurations() {
    assertEquals("5m", PromDuration.format(Duration.ofMinutes(5)));
    assertEquals("1h30m", PromDuration.format(Duration.ofMinutes(90)));
    assertEquals("30d", PromDuration.format(Duration.ofDays(30)));
    assertEquals("1s500ms", PromDuration.format(Duration.ofMillis(1500)));
  }

  @Test
  void yamlQuotesEveryValue() {
    assertEquals("'it''s: #1 {{ x }}'", Yaml.quote("it's: #1 {{ x }}"));
  }

  /** Every shape of SLO the core can define yields a rule file promtool accepts, in both namings. */
  @Test
  void promtoolAcceptsEveryGeneratedFile(@TempDir Path dir) throws IOException, InterruptedException {
    Promtool.require();
    SloDefinition latency = SloDefinition.builder("search-latency")
        .service("search")
        .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("99")),
            LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99.9"))))
        .period(CompliancePeriod.rolling(Duration.ofDays(28)))
        .owner("team-search")
        .runbook(URI.create("https://runbooks.example.com/search"))
        .build();
    SloDefinition monthly = SloDefinition.builder("pay-oclock")
        .service("payments")
        .objective(Objective.percent("99.99"))
        .period(CompliancePeriod.calendarMonth(java.time.ZoneOffset.UTC))
        .build();
    SloDefinition shortPeriod = SloDefinition.builder("batch")
        .service("jobs")
        .objective(Objective.percent("90"))
        .period(CompliancePeriod.rolling(Duration.ofDays(1)))
        .build();
    AlertRules latencyRules = AlertRules.builder(latency)
        .link("dashboard", "https://grafana.example.com/d/red?var-service={service}&var-slo={slo}&from={start}&to={end}")
        .link("traces", "https://jaeger.example.com/search?service={service}&start={startMicros}&end={endMicros}")
        .link("logs", "https://logs.example.com/?from={startIso}&to={endIso}&s={startSeconds}&e={endSeconds}&w={window}")
        .runbook(Severity.PAGE, "https://runbooks.example.com/{slo}/{target}/page", "on-call")
        .minBadEvents(3)
        .requireRunbookWithOwner()
        .build();
    for (PrometheusRules.Naming naming : PrometheusRules.Naming.values()) {
      String yaml = PrometheusRules.builder()
          .add(latencyRules)
          .add(AlertRules.defaults(monthly))
          .add(AlertRules.builder(shortPeriod).keepFiringFor(Duration.ZERO).withoutNoDataAlert().build())
          .naming(naming)
          .build()
          .yaml();
      Promtool.checkRules(dir, "rules-" + naming + ".yml", yaml);
      Files.writeString(dir.resolve("last.yml"), yaml, StandardCharsets.UTF_8);
    }
  }
}
